// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * view_kp.c - the Kernel PlugIn screen: the loaded plugins, the one open
 * on the device, messages sent to it and what came back.
 */
#include "tui_app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void tui_kp_enter(struct tui_app *app)
{
	uint32_t count = 0;

	app->kv.loaded[0] = '\0';
	if (tui_model_agent(app->m) ||
	    WDC_KernelPlugInList(app->m->drv, app->kv.loaded,
				 sizeof(app->kv.loaded), &count))
		snprintf(app->kv.loaded, sizeof(app->kv.loaded), "?");
	else if (!count)
		snprintf(app->kv.loaded, sizeof(app->kv.loaded), "none");
}

static void tui_kp_draw(struct tui_app *app, struct tui_screen *scr,
			struct tui_rect r)
{
	struct tui_open *o = app->m->open;
	const struct tui_lines *l = &app->kv.log;
	int y = r.y, first;
	size_t i;

	tui_scr_fill(scr, y, 0, r.cols, TUI_A_HEADER, ' ');
	tui_scr_put(scr, y++, 1, TUI_A_HEADER, "Kernel PlugIn");
	y++;
	tui_scr_printf(scr, y++, 1, TUI_A_NORMAL, "Loaded:  %s", app->kv.loaded);
	tui_scr_printf(scr, y++, 1, TUI_A_NORMAL, "Device:  %s",
		       o ? o->bdf : "none open (d, Enter)");
	tui_scr_printf(scr, y++, 1, TUI_A_NORMAL, "Open:    %s",
		       o && o->kp_name[0] ? o->kp_name : "none (o opens one)");
	y++;
	tui_scr_put(scr, y++, 1, TUI_A_DIM, "Enter: MSG [hex=BYTES|u32=N,...] "
		    "[out=N]   KP_PCI: 1 version, 4 factorial");
	tui_scr_fill(scr, y, 0, r.cols, TUI_A_HEADER, ' ');
	tui_scr_put(scr, y++, 1, TUI_A_HEADER, "Calls (newest last)");
	first = r.y + r.rows - y;
	i = l->n > (size_t)first && first > 0 ? l->n - (size_t)first : 0;
	for (; i < l->n && y < r.y + r.rows; i++)
		tui_scr_put(scr, y++, 1, TUI_A_NORMAL, l->v[i]);
}

static void tui_kp_log(struct tui_app *app, int rc)
{
	struct tui_lines *l = &app->kv.log;

	if (rc)
		return;
	if (l->n == TUI_KP_LOG) {
		free(l->v[0]);
		memmove(l->v, l->v + 1, (l->n - 1) * sizeof(l->v[0]));
		l->n--;
	}
	tui_lines_add(l, "%s", app->status);
}

static void tui_accept_call(struct tui_app *app, const char *text)
{
	if (*text)
		tui_kp_log(app, tui_app_run(app, "kp call %s", text));
}

static void tui_accept_open(struct tui_app *app, const char *text)
{
	if (*text)
		tui_kp_log(app, tui_app_run(app, "kp open %s", text));
}

static bool tui_kp_action(struct tui_app *app, enum tui_action act)
{
	switch (act) {
	case TUI_ACT_KP_OPEN:
		tui_app_prompt(app, "kp open ", "KP_PCI data=wdtui",
			       tui_accept_open);
		return true;
	case TUI_ACT_KP_CALL:
		tui_app_prompt(app, "kp call ", "", tui_accept_call);
		return true;
	case TUI_ACT_KP_CLOSE:
		tui_kp_log(app, tui_app_run(app, "kp close"));
		return true;
	case TUI_ACT_KP_LIST:
		tui_kp_log(app, tui_app_run(app, "kp list"));
		tui_kp_enter(app);
		return true;
	default:
		return false;
	}
}

const struct tui_view tui_view_kp = {
	.title = "Kernel PlugIn",
	.ctx = TUI_CTX_KP,
	.list = false,
	.enter = tui_kp_enter,
	.draw = tui_kp_draw,
	.action = tui_kp_action,
};

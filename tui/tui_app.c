// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * tui_app.c - the interactive controller: keys to actions through the key
 * table, the screen stack, the prompt and command line, the title, hint
 * and status lines.  Views draw their part; this file draws the frame.
 */
#include "tui_app.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_util.h"

/* The screens: adding one is a view file and a line here. */
static const struct tui_view *const tui_views[TUI_VIEW__COUNT] = {
	[TUI_VIEW_DEVLIST] = &tui_view_devlist,
	[TUI_VIEW_DEVICE] = &tui_view_device,
	[TUI_VIEW_BAR] = &tui_view_bar,
	[TUI_VIEW_CFG] = &tui_view_cfg,
	[TUI_VIEW_HELP] = &tui_view_help,
	[TUI_VIEW_INT] = &tui_view_int,
	[TUI_VIEW_KP] = &tui_view_kp,
	[TUI_VIEW_MONITOR] = &tui_view_trace,
};

/*
 * Global actions that open a screen, and the features not in this build
 * (their screens come with their library APIs).
 */
static const struct {
	enum tui_action action;
	enum tui_view_id view;
	const char *feature;
	tui_unavailable_fn *unavailable;
} tui_screen_keys[] = {
	{ TUI_ACT_HELP, TUI_VIEW_HELP, NULL, NULL },
	{ TUI_ACT_DEVICES, TUI_VIEW_DEVLIST, NULL, NULL },
	{ TUI_ACT_DEVICE, TUI_VIEW_DEVICE, NULL, NULL },
	{ TUI_ACT_BARS, TUI_VIEW_BAR, NULL, NULL },
	{ TUI_ACT_INTERRUPTS, TUI_VIEW_INT, NULL, NULL },
	{ TUI_ACT_PLUGIN, TUI_VIEW_KP, NULL, NULL },
	{ TUI_ACT_MONITOR, TUI_VIEW_MONITOR, NULL, NULL },
};

void tui_app_status(struct tui_app *app, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(app->status, sizeof(app->status), fmt, ap);
	va_end(ap);
	app->status_error = error;
}

struct tui_pcidev *tui_app_selected_dev(const struct tui_app *app)
{
	if (app->dl.sel >= app->dl.n)
		return NULL;
	return &app->m->devs[app->dl.idx[app->dl.sel]];
}

/* The help screen's text: the key table, then the command table. */
static void tui_help_build(struct tui_app *app)
{
	tui_unavailable_fn *unavailable[TUI_ACT__COUNT] = { NULL };
	struct tui_lines *l = &app->hv.lines;
	size_t i;

	tui_lines_free(l);
	for (i = 0; i < TUI_ARRAY_SIZE(tui_screen_keys); i++)
		unavailable[tui_screen_keys[i].action] =
			tui_screen_keys[i].unavailable;
	tui_lines_add(l, "wdtui %s: PCI diagnostics through the wdkit kernel "
		      "agent", WDKIT_VERSION);
	tui_help_keys(l, unavailable);
	tui_lines_add(l, "%s", "");
	tui_lines_add(l, "Commands (the ':' line, and wdtui --batch FILE)");
	tui_help_commands(l);
	tui_lines_add(l, "%s", "");
	tui_lines_add(l, "  DEV is 0000:00:03.0, 00:03.0 or VID:DID; numbers are "
		      "decimal or 0x hex.");
	tui_lines_add(l, "  Every command prints one result line: ok NAME "
		      "key=value... or error NAME code= msg=.");
}

void tui_app_init(struct tui_app *app, struct tui_model *m)
{
	memset(app, 0, sizeof(*app));
	app->m = m;
	/* Interactive: interrupts are counted by libwdc's handler thread. */
	m->int_thread = true;
	app->interval_ms = 500;
	app->mv.follow = true;
	app->view = TUI_VIEW_DEVLIST;
	app->bv.width = 4;
	app->cv.width = 4;
	tui_devlist_rebuild(app);
	tui_help_build(app);
	if (m->err[0] && !m->ndevs)
		tui_app_status(app, true, "%s", m->err);
	else if (!m->drv && m->agent_err[0])
		tui_app_status(app, true, "%s", m->agent_err);
	else
		tui_app_status(app, false, "%zu PCI devices. Enter opens one, "
			       "F1 or ? shows every key, q quits.", m->ndevs);
	tui_views[app->view]->enter(app);
}

void tui_app_free(struct tui_app *app)
{
	free(app->dl.idx);
	free(app->cv.lines);
	tui_lines_free(&app->hv.lines);
	tui_lines_free(&app->kv.log);
	tui_lines_free(&app->mv.lines);
	if (app->mv.reader)
		WDC_TraceReaderClose(app->mv.reader);
	memset(app, 0, sizeof(*app));
}

void tui_app_show(struct tui_app *app, enum tui_view_id v)
{
	if (v != app->view) {
		if (app->depth == (int)TUI_ARRAY_SIZE(app->stack))
			memmove(app->stack, app->stack + 1,
				sizeof(app->stack) - sizeof(app->stack[0]));
		else
			app->depth++;
		app->stack[app->depth - 1] = app->view;
		app->view = v;
	}
	tui_views[v]->enter(app);
}

static void tui_app_back(struct tui_app *app)
{
	if (!app->depth) {
		tui_app_status(app, false, "This is the first screen: q or F10 "
			       "quits.");
		return;
	}
	app->view = app->stack[--app->depth];
	tui_views[app->view]->enter(app);
}

/* ---- Commands ----------------------------------------------------------- */

/* Go where a command's result points. */
static void tui_app_focus(struct tui_app *app, const struct tui_out *o)
{
	switch (o->focus) {
	case TUI_FOCUS_DEVLIST:
		tui_devlist_rebuild(app);
		tui_app_show(app, TUI_VIEW_DEVLIST);
		break;
	case TUI_FOCUS_DEVICE:
		/* A newly opened device: nothing to compare with. */
		app->dv.bar = -1;
		app->bv.rd_len = 0;
		tui_app_show(app, TUI_VIEW_DEVICE);
		break;
	case TUI_FOCUS_BAR:
		tui_bar_reset(app, o->focus_bar, o->focus_off);
		tui_app_show(app, TUI_VIEW_BAR);
		break;
	case TUI_FOCUS_CFG:
		tui_cfg_reset(app, &o->focus_slot, o->focus_off);
		tui_app_show(app, TUI_VIEW_CFG);
		break;
	case TUI_FOCUS_HELP:
		tui_app_show(app, TUI_VIEW_HELP);
		break;
	case TUI_FOCUS_INT:
		tui_app_show(app, TUI_VIEW_INT);
		break;
	case TUI_FOCUS_KP:
		tui_app_show(app, TUI_VIEW_KP);
		break;
	case TUI_FOCUS_TRACE:
		tui_app_show(app, TUI_VIEW_MONITOR);
		break;
	case TUI_FOCUS_NONE:
		break;
	}
}

int tui_app_run(struct tui_app *app, const char *fmt, ...)
{
	struct tui_out o;
	char line[TUI_LINE_MAX * 2];
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	tui_out_init(&o);
	rc = tui_cmd_exec(app->m, line, &o);
	if (rc > 0) {
		tui_out_free(&o);
		return 0;
	}
	if (rc < 0)
		tui_app_status(app, true, "%s: %s", o.name,
			       o.failed ? o.msg : "out of memory");
	else
		tui_app_status(app, false, "%s", tui_out_line(&o) + 3);
	if (o.quit)
		app->quit = true;
	else if (!rc)
		tui_app_focus(app, &o);
	/* The device list may have changed under the views (open binds). */
	if (app->m->ndevs && !rc && o.focus != TUI_FOCUS_DEVLIST)
		tui_devlist_rebuild(app);
	tui_out_free(&o);
	return rc;
}

static void tui_app_history_add(struct tui_app *app, const char *line)
{
	if (app->nhist && !strcmp(app->history[app->nhist - 1], line))
		return;
	if (app->nhist == TUI_HISTORY) {
		memmove(app->history[0], app->history[1],
			sizeof(app->history) - sizeof(app->history[0]));
		app->nhist--;
	}
	snprintf(app->history[app->nhist++], TUI_LINE_MAX, "%s", line);
}

static void tui_accept_command(struct tui_app *app, const char *text)
{
	if (!*text)
		return;
	tui_app_history_add(app, text);
	tui_app_run(app, "%s", text);
}

/* ---- Prompt ------------------------------------------------------------- */

void tui_app_prompt(struct tui_app *app, const char *label,
		    const char *initial, tui_prompt_fn *accept)
{
	struct tui_prompt *p = &app->prompt;

	memset(p, 0, sizeof(*p));
	p->active = true;
	p->hist = -1;
	p->accept = accept;
	snprintf(p->label, sizeof(p->label), "%s", label);
	snprintf(p->buf, sizeof(p->buf), "%s", initial ? initial : "");
	p->len = p->pos = strlen(p->buf);
}

static void tui_prompt_set(struct tui_prompt *p, const char *text)
{
	snprintf(p->buf, sizeof(p->buf), "%s", text);
	p->len = p->pos = strlen(p->buf);
}

/* Tab on the command line: complete the first word. */
static void tui_prompt_complete(struct tui_app *app)
{
	struct tui_prompt *p = &app->prompt;
	const struct tui_cmd *const *c, *match = NULL;
	char names[256];
	size_t pos = 0, n;
	int count = 0;

	if (!p->command || strchr(p->buf, ' '))
		return;
	n = p->len;
	names[0] = '\0';
	for (c = tui_commands; *c; c++)
		if (!strncmp((*c)->name, p->buf, n)) {
			match = *c;
			count++;
			tui_sbprintf(names, sizeof(names), &pos, " %s",
				     (*c)->name);
		}
	if (count == 1) {
		snprintf(p->buf, sizeof(p->buf), "%s ", match->name);
		p->len = p->pos = strlen(p->buf);
	} else if (count > 1) {
		tui_app_status(app, false, "Commands:%s", names);
	}
}

static void tui_prompt_key(struct tui_app *app, int key)
{
	struct tui_prompt *p = &app->prompt;
	enum tui_action act = tui_key_action(TUI_CTX_PROMPT, false, key);
	char text[TUI_LINE_MAX];

	switch (act) {
	case TUI_ACT_EDIT_RUN:
		snprintf(text, sizeof(text), "%s", p->buf);
		p->active = false;
		p->accept(app, text);
		return;
	case TUI_ACT_EDIT_CANCEL:
		p->active = false;
		tui_app_status(app, false, "Cancelled.");
		return;
	case TUI_ACT_EDIT_COMPLETE:
		tui_prompt_complete(app);
		return;
	case TUI_ACT_EDIT_PREV:
		if (p->command && app->nhist &&
		    (p->hist < 0 || p->hist > 0)) {
			p->hist = p->hist < 0 ? app->nhist - 1 : p->hist - 1;
			tui_prompt_set(p, app->history[p->hist]);
		}
		return;
	case TUI_ACT_EDIT_NEXT:
		if (p->command && p->hist >= 0) {
			p->hist = p->hist + 1 < app->nhist ? p->hist + 1 : -1;
			tui_prompt_set(p, p->hist < 0 ? "" : app->history[p->hist]);
		}
		return;
	case TUI_ACT_EDIT_LEFT:
		if (p->pos)
			p->pos--;
		return;
	case TUI_ACT_EDIT_RIGHT:
		if (p->pos < p->len)
			p->pos++;
		return;
	case TUI_ACT_EDIT_HOME:
		p->pos = 0;
		return;
	case TUI_ACT_EDIT_END:
		p->pos = p->len;
		return;
	case TUI_ACT_EDIT_BACKSPACE:
		if (!p->pos)
			return;
		memmove(p->buf + p->pos - 1, p->buf + p->pos, p->len - p->pos + 1);
		p->pos--;
		p->len--;
		return;
	case TUI_ACT_EDIT_DELETE:
		if (p->pos == p->len)
			return;
		memmove(p->buf + p->pos, p->buf + p->pos + 1, p->len - p->pos);
		p->len--;
		return;
	case TUI_ACT_EDIT_KILL:
		tui_prompt_set(p, "");
		return;
	default:
		break;
	}
	if (key >= 0x20 && key < 0x7f && p->len + 1 < sizeof(p->buf)) {
		memmove(p->buf + p->pos + 1, p->buf + p->pos, p->len - p->pos + 1);
		p->buf[p->pos++] = (char)key;
		p->len++;
	}
}

/* ---- Keys --------------------------------------------------------------- */

static void tui_app_action(struct tui_app *app, enum tui_action act)
{
	struct tui_pcidev *d;
	size_t i;

	for (i = 0; i < TUI_ARRAY_SIZE(tui_screen_keys); i++) {
		if (tui_screen_keys[i].action != act)
			continue;
		if (tui_screen_keys[i].unavailable)
			tui_app_status(app, true, "%s: not available in this "
				       "build: %s", tui_screen_keys[i].feature,
				       tui_screen_keys[i].unavailable());
		else
			tui_app_show(app, tui_screen_keys[i].view);
		return;
	}
	switch (act) {
	case TUI_ACT_QUIT:
		app->quit = true;
		break;
	case TUI_ACT_COMMAND:
		tui_app_prompt(app, ":", "", tui_accept_command);
		app->prompt.command = true;
		break;
	case TUI_ACT_BACK:
		tui_app_back(app);
		break;
	case TUI_ACT_REDRAW:
		app->redraw_all = true;
		break;
	case TUI_ACT_CONFIG:
		/* The open device's, else the one selected in the list. */
		d = tui_app_selected_dev(app);
		if (app->m->open)
			tui_cfg_reset(app, &app->m->open->info.pciSlot, 0);
		else if (d)
			tui_cfg_reset(app, &d->slot, 0);
		else {
			tui_app_status(app, true, "No device: pick one in the "
				       "device list first.");
			break;
		}
		tui_app_show(app, TUI_VIEW_CFG);
		break;
	default:
		break;
	}
}

void tui_app_key(struct tui_app *app, int key)
{
	const struct tui_view *v;
	enum tui_action act;

	if (key == TUI_KEY_RESIZE || key == TUI_KEY_NONE)
		return;	/* the next draw uses the new size */
	if (app->prompt.active) {
		tui_prompt_key(app, key);
		return;
	}
	v = tui_views[app->view];
	act = tui_key_action(v->ctx, v->list, key);
	if (act == TUI_ACT_NONE) {
		char name[16];

		tui_app_status(app, true, "Key %s does nothing here: F1 or ? "
			       "lists the keys.", tui_key_name(key, name,
							      sizeof(name)));
		return;
	}
	if (v->action(app, act))
		return;
	tui_app_action(app, act);
}

int tui_app_timeout(const struct tui_app *app)
{
	const struct tui_view *v = tui_views[app->view];

	return v->timeout ? v->timeout(app) : -1;
}

void tui_app_tick(struct tui_app *app)
{
	const struct tui_view *v = tui_views[app->view];

	if (v->tick)
		v->tick(app);
}

/* ---- Lists -------------------------------------------------------------- */

void tui_list_scroll(size_t *sel, size_t *top, size_t n, int rows)
{
	size_t r = rows > 0 ? (size_t)rows : 1;

	if (!n) {
		*sel = *top = 0;
		return;
	}
	if (*sel >= n)
		*sel = n - 1;
	if (*sel < *top)
		*top = *sel;
	if (*sel >= *top + r)
		*top = *sel - r + 1;
	if (*top + r > n)
		*top = n > r ? n - r : 0;
}

bool tui_list_move(enum tui_action act, size_t *sel, size_t n, int rows)
{
	size_t page = rows > 1 ? (size_t)rows - 1 : 1;

	switch (act) {
	case TUI_ACT_UP:
		if (*sel)
			(*sel)--;
		return true;
	case TUI_ACT_DOWN:
		if (*sel + 1 < n)
			(*sel)++;
		return true;
	case TUI_ACT_PGUP:
		*sel = *sel > page ? *sel - page : 0;
		return true;
	case TUI_ACT_PGDN:
		*sel = *sel + page < n ? *sel + page : (n ? n - 1 : 0);
		return true;
	case TUI_ACT_TOP:
		*sel = 0;
		return true;
	case TUI_ACT_BOTTOM:
		*sel = n ? n - 1 : 0;
		return true;
	default:
		return false;
	}
}

/* ---- Frame -------------------------------------------------------------- */

static void tui_draw_title(struct tui_app *app, struct tui_screen *scr)
{
	char agent[96], dev[128];

	tui_model_agent_text(app->m, agent, sizeof(agent));
	if (app->m->open)
		snprintf(dev, sizeof(dev), "%s %04x:%04x%s%s", app->m->open->bdf,
			 app->m->open->info.pciId.dwVendorId,
			 app->m->open->info.pciId.dwDeviceId,
			 app->m->open->kp_name[0] ? " kp " : "",
			 app->m->open->kp_name);
	else
		snprintf(dev, sizeof(dev), "no device open");
	tui_scr_fill(scr, 0, 0, -1, TUI_A_TITLE, ' ');
	tui_scr_printf(scr, 0, 0, TUI_A_TITLE, " wdtui | %s | %s | %s",
		       tui_views[app->view]->title, dev, agent);
}

/* The hint bar: the hinted keys of this screen, then Help, Cmd and Quit. */
static void tui_draw_hints(struct tui_app *app, struct tui_screen *scr, int y)
{
	static const enum tui_action tail[] = { TUI_ACT_HELP, TUI_ACT_COMMAND,
						TUI_ACT_QUIT };
	const struct tui_view *v = tui_views[app->view];
	const struct tui_binding *b;
	char key[16];
	int x = 0, a, w;

	tui_scr_fill(scr, y, 0, -1, TUI_A_HINT, ' ');
	for (a = 0; a < TUI_ACT__COUNT + (int)TUI_ARRAY_SIZE(tail); a++) {
		b = a < TUI_ACT__COUNT ? &tui_bindings[a] :
					 &tui_bindings[tail[a - TUI_ACT__COUNT]];
		if (!b->hint)
			continue;
		if (a < TUI_ACT__COUNT && !(b->ctx & (1u << v->ctx)))
			continue;
		tui_key_name(b->key[0], key, sizeof(key));
		w = (int)(strlen(key) + strlen(b->hint)) + 3;
		if (x + w > scr->cols)
			break;
		x = tui_scr_put(scr, y, x, TUI_A_KEY, key);
		x = tui_scr_put(scr, y, x + 1, TUI_A_HINT, b->hint);
		x += 2;
	}
}

static void tui_draw_bottom(struct tui_app *app, struct tui_screen *scr, int y)
{
	struct tui_prompt *p = &app->prompt;
	int x, w, off;

	if (p->active) {
		x = tui_scr_put(scr, y, 0, TUI_A_NORMAL, p->label);
		w = scr->cols - x - 1;
		if (w < 1)
			w = 1;
		/* Scroll the text so the cursor stays visible. */
		off = (int)p->pos > w ? (int)p->pos - w : 0;
		tui_scr_put(scr, y, x, TUI_A_NORMAL, p->buf + off);
		tui_scr_cursor(scr, y, x + (int)p->pos - off);
		return;
	}
	tui_scr_put(scr, y, 0, app->status_error ? TUI_A_ERROR : TUI_A_NORMAL,
		    app->status);
}

void tui_app_draw(struct tui_app *app, struct tui_screen *scr)
{
	struct tui_rect r = { 1, 0, scr->rows - 3, scr->cols };

	tui_scr_clear(scr);
	if (scr->rows < 8 || scr->cols < 40) {
		tui_scr_put(scr, 0, 0, TUI_A_ERROR, "wdtui: terminal too small");
		tui_scr_printf(scr, 1, 0, TUI_A_NORMAL, "%dx%d, needs 40x8",
			       scr->cols, scr->rows);
		return;
	}
	tui_draw_title(app, scr);
	tui_views[app->view]->draw(app, scr, r);
	tui_draw_hints(app, scr, scr->rows - 2);
	tui_draw_bottom(app, scr, scr->rows - 1);
}

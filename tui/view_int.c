// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * view_int.c - the interrupts screen: enable (type, fUseKP, acknowledge
 * commands), live counters, rate and latency, trigger, disable.  The
 * handler thread counts; this screen reads the counters under their lock.
 */
#include "tui_app.h"

#include <stdio.h>
#include <string.h>

static void tui_int_enter(struct tui_app *app)
{
	tui_int_poll(app->m);
}

static void tui_int_draw(struct tui_app *app, struct tui_screen *scr,
			 struct tui_rect r)
{
	struct tui_intr s;
	struct tui_open *o = app->m->open;
	uint64_t peak = 1;
	int y = r.y, i, w;

	if (!o) {
		tui_scr_put(scr, y + 1, 2, TUI_A_NORMAL, "No device is open.");
		tui_scr_put(scr, y + 3, 2, TUI_A_DIM, "Open one first (d, "
			    "Enter), then e enables its interrupts.");
		return;
	}
	pthread_mutex_lock(&o->intr.lock);
	s = o->intr;
	pthread_mutex_unlock(&o->intr.lock);
	tui_scr_fill(scr, y, 0, r.cols, TUI_A_HEADER, ' ');
	tui_scr_printf(scr, y++, 1, TUI_A_HEADER, "Interrupts of %s  (MSI %u, "
		       "MSI-X %u, IRQ %u)", o->bdf,
		       o->info.fMsi ? o->info.dwMsiVectors : 0,
		       o->info.fMsix ? o->info.dwMsixVectors : 0,
		       o->info.dwIrqLine);
	y++;
	tui_scr_printf(scr, y++, 1, TUI_A_NORMAL, "State:     %s%s",
		       s.enabled ? "enabled, " : "disabled",
		       s.enabled ? WDC_IntType2Str(s.type) : "");
	tui_scr_printf(scr, y++, 1, TUI_A_NORMAL, "Handler:   %s, %u acknowledge "
		       "command%s", s.enabled ? (s.kp ? "Kernel PlugIn (fUseKP)" :
		       "kagent") : "-", s.nack, s.nack == 1 ? "" : "s");
	tui_scr_printf(scr, y++, 1, TUI_A_NORMAL, "Next enable: kp=%d ack=%s "
		       "(p toggles kp)", app->iv.kp,
		       app->iv.ack[0] ? app->iv.ack : "none");
	y++;
	tui_scr_printf(scr, y++, 1, TUI_A_NORMAL, "Count:     %llu",
		       (unsigned long long)s.count);
	tui_scr_printf(scr, y++, 1, TUI_A_NORMAL, "Lost:      %llu   wake-ups "
		       "%llu   last vector %u", (unsigned long long)s.lost,
		       (unsigned long long)s.wakes, s.vector);
	tui_scr_printf(scr, y++, 1, TUI_A_NORMAL, "Rate:      %.1f/s", s.rate);
	tui_scr_printf(scr, y++, 1, TUI_A_NORMAL, "Latency:   last %.1f us  "
		       "min %.1f us  max %.1f us (IRQ to wake-up)",
		       (double)s.lat_last / 1e3, (double)s.lat_min / 1e3,
		       (double)s.lat_max / 1e3);
	y++;
	for (i = 0; i < TUI_LAT_BUCKETS; i++)
		if (s.hist[i] > peak)
			peak = s.hist[i];
	for (i = 0; i < TUI_LAT_BUCKETS && y < r.y + r.rows; i++, y++) {
		w = (int)(s.hist[i] * 40 / peak);
		tui_scr_printf(scr, y, 1, TUI_A_NORMAL, "%7s %8llu ",
			       tui_lat_bucket_name(i),
			       (unsigned long long)s.hist[i]);
		tui_scr_fill(scr, y, 19, w, TUI_A_SELECTED, '#');
	}
}

static void tui_accept_enable(struct tui_app *app, const char *text)
{
	tui_app_run(app, "int enable %s", text);
}

static bool tui_int_action(struct tui_app *app, enum tui_action act)
{
	char init[128];

	switch (act) {
	case TUI_ACT_INT_ENABLE:
		snprintf(init, sizeof(init), "type=auto kp=%d%s%s", app->iv.kp,
			 app->iv.ack[0] ? " ack=" : "", app->iv.ack);
		tui_app_prompt(app, "int enable ", init, tui_accept_enable);
		return true;
	case TUI_ACT_INT_KP:
		app->iv.kp = !app->iv.kp;
		tui_app_status(app, false, "The next enable goes %s.",
			       app->iv.kp ? "through the Kernel PlugIn (kp=1)" :
			       "to kagent (kp=0)");
		return true;
	case TUI_ACT_INT_TRIGGER:
		tui_app_run(app, "int trigger");
		return true;
	case TUI_ACT_INT_DISABLE:
		tui_app_run(app, "int disable");
		return true;
	default:
		return false;
	}
}

static int tui_int_timeout(const struct tui_app *app)
{
	return app->m->open ? 250 : -1;
}

static void tui_int_tick(struct tui_app *app)
{
	tui_int_poll(app->m);
}

const struct tui_view tui_view_int = {
	.title = "Interrupts",
	.ctx = TUI_CTX_INT,
	.list = false,
	.enter = tui_int_enter,
	.draw = tui_int_draw,
	.action = tui_int_action,
	.timeout = tui_int_timeout,
	.tick = tui_int_tick,
};

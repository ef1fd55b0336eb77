// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * view_trace.c - the Debug Monitor pane: live records of the agent's
 * trace from the screen's own reader (read on a short timer from the main
 * loop), filter, pause, scroll back, search, save to a file.
 */
#include "tui_app.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Records read per tick. */
#define TUI_MON_BATCH 64u

static void tui_mon_add(struct tui_app *app, const WDC_TRACE_RECORD *r)
{
	struct tui_mon_state *s = &app->mv;
	char sect[WDC_TRACE_SECTIONS_STR_LEN], dev[WDC_PCI_SLOT_STR_LEN];
	double t = (double)r->qwTimeNs / 1e9;

	if (s->lines.n == TUI_MON_MAX) {
		free(s->lines.v[0]);
		memmove(s->lines.v, s->lines.v + 1,
			(s->lines.n - 1) * sizeof(s->lines.v[0]));
		s->lines.n--;
		if (s->sel)
			s->sel--;
	}
	if (r->fLost) {
		s->lost += r->qwLost;
		tui_lines_add(&s->lines, "%6llu %11.6f -- %llu records lost --",
			      (unsigned long long)r->qwSeq, t,
			      (unsigned long long)r->qwLost);
		return;
	}
	tui_trace_section_name(r->dwSection, sect, sizeof(sect));
	if (r->dwFlags & WDC_TRACE_REC_DEV)
		WDC_PciSlotToStr(&r->pciSlot, dev, sizeof(dev));
	else
		snprintf(dev, sizeof(dev), "-");
	tui_lines_add(&s->lines, "%6llu %11.6f %-5.5s %-7.7s %-7.7s %s%s%s%s",
		      (unsigned long long)r->qwSeq, t,
		      WDC_TraceLevelStr(r->dwLevel), sect, r->cSource,
		      r->cMessage, dev[0] == '-' ? "" : " [",
		      dev[0] == '-' ? "" : dev, dev[0] == '-' ? "" : "]");
}

static void tui_mon_read(struct tui_app *app)
{
	struct tui_mon_state *s = &app->mv;
	WDC_TRACE_RECORD *recs;
	uint32_t got = 0, i;

	if (!s->reader || s->paused)
		return;
	recs = calloc(TUI_MON_BATCH, sizeof(*recs));
	if (!recs)
		return;
	if (WDC_TraceRead(s->reader, recs, TUI_MON_BATCH, &got, 0) ==
	    WD_STATUS_SUCCESS)
		for (i = 0; i < got; i++)
			tui_mon_add(app, &recs[i]);
	free(recs);
	if (s->follow && s->lines.n)
		s->sel = s->lines.n - 1;
}

static void tui_mon_enter(struct tui_app *app)
{
	struct tui_mon_state *s = &app->mv;
	WDC_TRACE_STATUS st;
	WDC_STATUS rc;

	if (!s->reader) {
		if (tui_model_agent(app->m)) {
			tui_app_status(app, true, "%s", app->m->err);
			return;
		}
		rc = WDC_TraceReaderOpen(app->m->drv, 0, &s->reader);
		if (rc) {
			s->reader = NULL;
			tui_app_status(app, true, "Debug Monitor: %s",
				       WDC_GetLastErrStr(app->m->drv));
			return;
		}
	}
	/* The monitor shows the trace: turn it on with the filter it has. */
	if (!WDC_TraceStatus(app->m->drv, &st) && !(st.dwFlags & WDC_TRACE_ON) &&
	    !WDC_TraceOn(app->m->drv, st.dwLevel ? st.dwLevel : D_TRACE,
			 st.dwSections))
		tui_app_status(app, false, "The trace was off: turned it on "
			       "(f changes the filter).");
	tui_mon_read(app);
}

static void tui_mon_draw(struct tui_app *app, struct tui_screen *scr,
			 struct tui_rect r)
{
	struct tui_mon_state *s = &app->mv;
	WDC_TRACE_STATUS st;
	char sect[WDC_TRACE_SECTIONS_STR_LEN] = "?";
	int y = r.y, rows;
	size_t i;

	tui_scr_fill(scr, y, 0, r.cols, TUI_A_HEADER, ' ');
	if (app->m->drv && !WDC_TraceStatus(app->m->drv, &st)) {
		WDC_TraceSectionsToStr(st.dwSections, sect, sizeof(sect));
		tui_scr_printf(scr, y, 1, TUI_A_HEADER, "Trace %s, level %s, "
			       "sections %.30s, %u/%u used%s%s",
			       st.dwFlags & WDC_TRACE_ON ? "on" : "OFF",
			       WDC_TraceLevelStr(st.dwLevel), sect, st.dwUsed,
			       st.dwSize, s->paused ? "  PAUSED" : "",
			       s->lost ? "  (lost some)" : "");
	} else {
		tui_scr_put(scr, y, 1, TUI_A_HEADER, "Trace: no agent");
	}
	y++;
	tui_scr_fill(scr, y, 0, r.cols, TUI_A_HEADER, ' ');
	tui_scr_put(scr, y++, 1, TUI_A_HEADER, "   Seq        Time Level "
		    "Section Source  Message [device]");
	rows = r.y + r.rows - y;
	s->rows = rows;
	tui_list_scroll(&s->sel, &s->top, s->lines.n, rows);
	for (i = s->top; i < s->lines.n && y < r.y + r.rows; i++, y++) {
		tui_scr_put(scr, y, 1, TUI_A_NORMAL, s->lines.v[i]);
		if (i == s->sel && !s->follow)
			tui_scr_set_attr(scr, y, 0, r.cols, TUI_A_SELECTED);
		else if (s->search[0] &&
			 tui_str_contains(s->lines.v[i], s->search))
			tui_scr_set_attr(scr, y, 0, 1, TUI_A_SELECTED);
	}
	if (!s->lines.n)
		tui_scr_put(scr, y, 1, TUI_A_DIM, "No records yet.");
}

static void tui_mon_search(struct tui_app *app)
{
	struct tui_mon_state *s = &app->mv;
	size_t i;

	for (i = s->sel + 1; i < s->lines.n; i++)
		if (tui_str_contains(s->lines.v[i], s->search)) {
			s->sel = i;
			s->follow = false;
			return;
		}
	tui_app_status(app, true, "'%s' not found below.", s->search);
}

static void tui_accept_mon_search(struct tui_app *app, const char *text)
{
	if (*text)
		snprintf(app->mv.search, sizeof(app->mv.search), "%s", text);
	if (app->mv.search[0]) {
		if (app->mv.follow)
			app->mv.sel = 0;
		tui_mon_search(app);
	}
}

static void tui_accept_mon_filter(struct tui_app *app, const char *text)
{
	tui_app_run(app, "trace on %s", text);
}

static void tui_accept_mon_save(struct tui_app *app, const char *text)
{
	struct tui_mon_state *s = &app->mv;
	FILE *f;
	size_t i;

	if (!*text)
		return;
	f = fopen(text, "w");
	if (!f) {
		tui_app_status(app, true, "Cannot write %s: %s", text,
			       strerror(errno));
		return;
	}
	for (i = 0; i < s->lines.n; i++)
		fprintf(f, "%s\n", s->lines.v[i]);
	if (fclose(f))
		tui_app_status(app, true, "Cannot write %s: %s", text,
			       strerror(errno));
	else
		tui_app_status(app, false, "Saved %zu records to %s.",
			       s->lines.n, text);
}

static bool tui_mon_action(struct tui_app *app, enum tui_action act)
{
	struct tui_mon_state *s = &app->mv;

	if (tui_list_move(act, &s->sel, s->lines.n, s->rows)) {
		/* At the last line the view follows new records again. */
		s->follow = s->sel + 1 >= s->lines.n;
		return true;
	}
	switch (act) {
	case TUI_ACT_MON_PAUSE:
		s->paused = !s->paused;
		tui_app_status(app, false, "%s", s->paused ? "Paused: p resumes."
			       : "Live.");
		if (!s->paused)
			tui_mon_read(app);
		return true;
	case TUI_ACT_MON_FILTER:
		tui_app_prompt(app, "trace on ", "level=TRACE sections=ALL",
			       tui_accept_mon_filter);
		return true;
	case TUI_ACT_MON_SAVE:
		tui_app_prompt(app, "Save to: ", "wdtui-trace.txt",
			       tui_accept_mon_save);
		return true;
	case TUI_ACT_MON_CLEAR:
		tui_lines_free(&s->lines);
		s->sel = s->top = 0;
		s->follow = true;
		return true;
	case TUI_ACT_SEARCH:
		tui_app_prompt(app, "Search records: ", "", tui_accept_mon_search);
		return true;
	case TUI_ACT_SEARCH_NEXT:
		if (s->search[0])
			tui_mon_search(app);
		return true;
	default:
		return false;
	}
}

static int tui_mon_timeout(const struct tui_app *app)
{
	return app->mv.reader && !app->mv.paused ? 200 : -1;
}

const struct tui_view tui_view_trace = {
	.title = "Debug Monitor",
	.ctx = TUI_CTX_MONITOR,
	.list = true,
	.enter = tui_mon_enter,
	.draw = tui_mon_draw,
	.action = tui_mon_action,
	.timeout = tui_mon_timeout,
	.tick = tui_mon_read,
};

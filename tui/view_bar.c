// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * view_bar.c - BAR access: a hex dump of a BAR with ASCII, in accesses of
 * the chosen width; write at the cursor; watch mode re-reads the range
 * live and highlights what changed.
 */
#include "tui_app.h"

#include <stdio.h>
#include <string.h>

#include "tui_util.h"

static uint64_t tui_bar_size(const struct tui_app *app)
{
	return tui_model_bar_size(app->m, app->bv.bar);
}

static bool tui_bar_is_io(const struct tui_app *app)
{
	return app->m->open &&
	       !app->m->open->info.addrDesc[app->bv.bar].fIsMemory;
}

static uint32_t tui_bar_rows(const struct tui_app *app)
{
	return app->bv.rows > 0 ? (uint32_t)app->bv.rows : 16;
}

/* Read the visible range; highlight bytes that changed since last time. */
static void tui_bar_read(struct tui_app *app)
{
	struct tui_bar_state *s = &app->bv;
	uint8_t buf[TUI_BAR_VIEW_MAX];
	uint64_t size = tui_bar_size(app);
	uint64_t len = (uint64_t)tui_bar_rows(app) * 16;
	bool same;
	uint32_t i;

	s->err[0] = '\0';
	if (!app->m->open) {
		snprintf(s->err, sizeof(s->err), "No device is open: pick one in "
			 "the device list (d) and press Enter.");
		s->rd_len = 0;
		return;
	}
	if (!size) {
		snprintf(s->err, sizeof(s->err), "BAR%u is not implemented by "
			 "this device.", s->bar);
		s->rd_len = 0;
		return;
	}
	if (len > TUI_BAR_VIEW_MAX)
		len = TUI_BAR_VIEW_MAX;
	if (s->top >= size)
		s->top = 0;
	if (len > size - s->top)
		len = size - s->top;
	len -= len % s->width;
	if (!len || tui_model_bar_block(app->m, s->bar, s->top, s->width, buf,
					(uint32_t)len)) {
		snprintf(s->err, sizeof(s->err), "%s", len ? app->m->err :
			 "nothing to read at this width");
		s->rd_len = 0;
		return;
	}
	same = s->rd_bar == s->bar && s->rd_top == s->top &&
	       s->rd_width == s->width && s->rd_len == len;
	for (i = 0; i < len; i++) {
		if (same && buf[i] != s->data[i])
			s->age[i] = 0;
		else if (!same)
			s->age[i] = TUI_CHANGE_READS;
		else if (s->age[i] < TUI_CHANGE_READS)
			s->age[i]++;
	}
	memcpy(s->data, buf, len);
	s->rd_bar = s->bar;
	s->rd_top = s->top;
	s->rd_width = s->width;
	s->rd_len = (uint32_t)len;
	s->reads = same ? s->reads + 1 : 1;
}

/* Scroll so the cursor is visible; re-read when the range moved. */
static void tui_bar_follow(struct tui_app *app)
{
	struct tui_bar_state *s = &app->bv;
	uint64_t span = (uint64_t)tui_bar_rows(app) * 16;

	if (s->cur < s->top)
		s->top = s->cur & ~(uint64_t)0xf;
	else if (s->cur >= s->top + span)
		s->top = (s->cur & ~(uint64_t)0xf) - span + 16;
	tui_bar_read(app);
}

void tui_bar_reset(struct tui_app *app, uint32_t bar, uint64_t off)
{
	struct tui_bar_state *s = &app->bv;
	uint64_t span = (uint64_t)tui_bar_rows(app) * 16;

	if (!s->width)
		s->width = 4;
	/* Already on screen: only read again, the cursor stays (a command
	 * typed while watching must not move it). */
	if (s->bar == bar && s->rd_len && off >= s->top && off < s->top + span) {
		tui_bar_read(app);
		return;
	}
	if (s->bar != bar) {
		s->bar = bar;
		s->top = off & ~(uint64_t)0xf;
	}
	if (s->width == 8 && tui_bar_is_io(app))
		s->width = 4;
	s->cur = off - off % s->width;
	tui_bar_follow(app);
}

static void tui_bar_enter(struct tui_app *app)
{
	tui_bar_follow(app);
}

static void tui_bar_draw(struct tui_app *app, struct tui_screen *scr,
			 struct tui_rect r)
{
	struct tui_bar_state *s = &app->bv;
	uint64_t size = tui_bar_size(app), v;
	int digits = size > 0xffffffffull ? 16 : 8;
	enum tui_attr attr;
	char sz[24], cell[24];
	uint32_t row, i, k, o;
	int x, y, rows = r.rows - 2;
	bool changed;

	if (rows < 1)
		rows = 1;
	if (rows != s->rows) {
		/* The screen changed size: the range follows it. */
		s->rows = rows;
		if (app->m->open)
			tui_bar_follow(app);
	}
	tui_fmt_size(size, sz, sizeof(sz));
	tui_scr_fill(scr, r.y, 0, r.cols, TUI_A_HEADER, ' ');
	if (app->m->open)
		tui_scr_printf(scr, r.y, 1, TUI_A_HEADER,
			       "BAR%u %s %s  width %u  offset 0x%0*llx  watch %s",
			       s->bar, size ? tui_bar_type(
				       (tui_bar_is_io(app) ? TUI_BAR_IO : 0) |
				       (app->m->open->info.addrDesc[s->bar].f64Bit ?
						TUI_BAR_64 : 0)) : "-",
			       size ? sz : "", s->width * 8, digits,
			       (unsigned long long)s->cur,
			       s->watch ? "ON" : "off");
	else
		tui_scr_put(scr, r.y, 1, TUI_A_HEADER, "BAR access");
	if (s->err[0]) {
		tui_scr_put(scr, r.y + 2, 2, TUI_A_ERROR, s->err);
		return;
	}
	for (row = 0; row < (uint32_t)rows && row * 16 < s->rd_len; row++) {
		y = r.y + 1 + (int)row;
		x = tui_scr_printf(scr, y, 1, TUI_A_NORMAL, "%0*llx ", digits,
				   (unsigned long long)(s->rd_top + row * 16));
		for (i = 0; i < 16; i += s->rd_width) {
			o = row * 16 + i;
			x++;
			if (s->rd_width == 1 && i == 8)
				x++;
			if (o >= s->rd_len)
				break;
			v = 0;
			changed = false;
			for (k = 0; k < s->rd_width; k++) {
				v |= (uint64_t)s->data[o + k] << (8 * k);
				changed |= s->age[o + k] < TUI_CHANGE_READS;
			}
			snprintf(cell, sizeof(cell), "%0*llx", (int)s->rd_width * 2,
				 (unsigned long long)v);
			attr = s->rd_top + o == s->cur ? TUI_A_CURSOR :
			       changed ? TUI_A_CHANGED : TUI_A_NORMAL;
			x = tui_scr_put(scr, y, x, attr, cell);
		}
		x = 1 + digits + 1 + 16 * 2 + 16 / (int)s->rd_width +
		    (s->rd_width == 1 ? 1 : 0) + 1;
		x = tui_scr_put(scr, y, x, TUI_A_NORMAL, "|");
		for (i = 0; i < 16 && row * 16 + i < s->rd_len; i++) {
			char c = (char)s->data[row * 16 + i];

			cell[0] = c >= 0x20 && c < 0x7f ? c : '.';
			cell[1] = '\0';
			x = tui_scr_put(scr, y, x, TUI_A_NORMAL, cell);
		}
		tui_scr_put(scr, y, x, TUI_A_NORMAL, "|");
	}
	if (s->cur >= s->rd_top && s->cur - s->rd_top < s->rd_len) {
		o = (uint32_t)(s->cur - s->rd_top);
		for (v = 0, k = 0; k < s->rd_width; k++)
			v |= (uint64_t)s->data[o + k] << (8 * k);
		tui_scr_printf(scr, r.y + r.rows - 1, 1, TUI_A_DIM,
			       "BAR%u+0x%llx = 0x%0*llx   read %llu time%s%s",
			       s->bar, (unsigned long long)s->cur,
			       (int)s->rd_width * 2, (unsigned long long)v,
			       (unsigned long long)s->reads,
			       s->reads == 1 ? "" : "s",
			       s->watch ? ", changes highlighted" : "");
	}
}

static void tui_accept_goto(struct tui_app *app, const char *text)
{
	uint64_t off;

	if (!tui_parse_u64(text, &off)) {
		tui_app_status(app, true, "Bad offset '%s': a number, 0x... for "
			       "hex.", text);
		return;
	}
	if (off >= tui_bar_size(app)) {
		tui_app_status(app, true, "Offset 0x%llx is beyond BAR%u (0x%llx "
			       "bytes).", (unsigned long long)off, app->bv.bar,
			       (unsigned long long)tui_bar_size(app));
		return;
	}
	app->bv.cur = off - off % app->bv.width;
	tui_bar_follow(app);
}

static void tui_accept_write(struct tui_app *app, const char *text)
{
	if (*text)
		tui_app_run(app, "write %u 0x%llx %s %u", app->bv.bar,
			    (unsigned long long)app->bv.cur, text,
			    app->bv.width * 8);
}

static bool tui_bar_action(struct tui_app *app, enum tui_action act)
{
	struct tui_bar_state *s = &app->bv;
	uint64_t size = tui_bar_size(app), span, step;
	char label[96], value[24];
	int b, dir;

	span = (uint64_t)tui_bar_rows(app) * 16;
	if (!size && act != TUI_ACT_PREV_BAR && act != TUI_ACT_NEXT_BAR &&
	    act != TUI_ACT_REFRESH && act != TUI_ACT_WATCH)
		return false;
	switch (act) {
	case TUI_ACT_UP:
	case TUI_ACT_DOWN:
	case TUI_ACT_LEFT:
	case TUI_ACT_RIGHT:
	case TUI_ACT_PGUP:
	case TUI_ACT_PGDN:
		step = act == TUI_ACT_UP || act == TUI_ACT_DOWN ? 16 :
		       act == TUI_ACT_LEFT || act == TUI_ACT_RIGHT ? s->width :
								   span;
		if (act == TUI_ACT_UP || act == TUI_ACT_LEFT || act == TUI_ACT_PGUP)
			s->cur = s->cur >= step ? s->cur - step : 0;
		else if (s->cur + step + s->width <= size)
			s->cur += step;
		else
			s->cur = size - s->width;
		tui_bar_follow(app);
		return true;
	case TUI_ACT_TOP:
		s->cur = 0;
		tui_bar_follow(app);
		return true;
	case TUI_ACT_BOTTOM:
		s->cur = size - s->width;
		tui_bar_follow(app);
		return true;
	case TUI_ACT_WIDTH:
		s->width = s->width == 8 || (s->width == 4 && tui_bar_is_io(app)) ?
				   1 : s->width * 2;
		s->cur -= s->cur % s->width;
		tui_bar_follow(app);
		tui_app_status(app, false, "Access width %u bits.", s->width * 8);
		return true;
	case TUI_ACT_GOTO:
		tui_app_prompt(app, "Go to offset: ", "0x", tui_accept_goto);
		return true;
	case TUI_ACT_WRITE:
		value[0] = '\0';
		if (s->cur >= s->rd_top && s->cur - s->rd_top < s->rd_len) {
			uint64_t v = 0;
			unsigned int k;

			for (k = 0; k < s->rd_width; k++)
				v |= (uint64_t)s->data[s->cur - s->rd_top + k]
				     << (8 * k);
			snprintf(value, sizeof(value), "0x%0*llx",
				 (int)s->width * 2, (unsigned long long)v);
		}
		snprintf(label, sizeof(label), "Write BAR%u+0x%llx (%u bits): ",
			 s->bar, (unsigned long long)s->cur, s->width * 8);
		tui_app_prompt(app, label, value, tui_accept_write);
		return true;
	case TUI_ACT_REFRESH:
		tui_bar_read(app);
		return true;
	case TUI_ACT_WATCH:
		s->watch = !s->watch;
		if (s->watch)
			tui_app_status(app, false, "Watching: re-reading every "
				       "%u ms, changes highlighted (W stops).",
				       app->interval_ms);
		else
			tui_app_status(app, false, "Watch off.");
		return true;
	case TUI_ACT_PREV_BAR:
	case TUI_ACT_NEXT_BAR:
		dir = act == TUI_ACT_PREV_BAR ? -1 : 1;
		for (b = (int)s->bar + dir; b >= 0 && b < WDC_PCI_NUM_BARS;
		     b += dir)
			if (tui_model_bar_size(app->m, (uint32_t)b)) {
				tui_bar_reset(app, (uint32_t)b, 0);
				return true;
			}
		tui_app_status(app, true, "No other BAR that way.");
		return true;
	default:
		return false;
	}
}

static int tui_bar_timeout(const struct tui_app *app)
{
	return app->bv.watch && app->m->open ? (int)app->interval_ms : -1;
}

static void tui_bar_tick(struct tui_app *app)
{
	tui_bar_read(app);
}

const struct tui_view tui_view_bar = {
	.title = "BAR access",
	.ctx = TUI_CTX_BAR,
	.list = false,
	.enter = tui_bar_enter,
	.draw = tui_bar_draw,
	.action = tui_bar_action,
	.timeout = tui_bar_timeout,
	.tick = tui_bar_tick,
};

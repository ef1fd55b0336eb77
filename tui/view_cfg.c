// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * view_cfg.c - configuration space: the decoded header and capability
 * registers, or a hex dump; write by register or at the cursor (open
 * device only), go to a register by name or offset.
 */
#include "tui_app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_util.h"

/* Index of the register line holding @off, or of the first register. */
static size_t tui_cfg_line_at(const struct tui_cfg_state *s, uint32_t off)
{
	size_t i, first = s->nlines;

	for (i = 0; i < s->nlines; i++) {
		if (s->lines[i].heading)
			continue;
		if (first == s->nlines)
			first = i;
		if (off >= s->lines[i].reg.off &&
		    off < (uint32_t)s->lines[i].reg.off + s->lines[i].reg.size)
			return i;
	}
	return first < s->nlines ? first : 0;
}

/* Headings are not selectable: from one, go on to the next register
 * (@down) or the previous one, else the other way. */
static void tui_cfg_skip_heading(struct tui_cfg_state *s, bool down)
{
	size_t i;

	if (s->sel >= s->nlines || !s->lines[s->sel].heading)
		return;
	for (i = s->sel; down && i < s->nlines; i++)
		if (!s->lines[i].heading) {
			s->sel = i;
			return;
		}
	for (i = s->sel + 1; i-- > 0;)
		if (!s->lines[i].heading) {
			s->sel = i;
			return;
		}
	for (i = s->sel; i < s->nlines; i++)
		if (!s->lines[i].heading) {
			s->sel = i;
			return;
		}
}

static void tui_cfg_load(struct tui_app *app)
{
	struct tui_cfg_state *s = &app->cv;
	struct tui_pcidev *d;
	struct tui_cfg_line *lines;
	struct tui_cfg old = s->cfg;
	bool had = s->cfg.len > 0;
	size_t n;

	s->err[0] = '\0';
	if (!s->has_target) {
		snprintf(s->err, sizeof(s->err), "No device: pick one in the "
			 "device list (d) and press c.");
		s->cfg.len = 0;
		s->nlines = 0;
		return;
	}
	s->writable = app->m->open &&
		      !memcmp(&s->slot, &app->m->open->info.pciSlot,
			      sizeof(s->slot));
	d = tui_model_dev(app->m, &s->slot);
	if (!s->writable && !d) {
		snprintf(s->err, sizeof(s->err), "The device is no longer in "
			 "the list.");
		s->cfg.len = 0;
		s->nlines = 0;
		return;
	}
	if (tui_model_cfg_load(app->m, s->writable ? NULL : d, &s->cfg)) {
		snprintf(s->err, sizeof(s->err), "%s", app->m->err);
		s->nlines = 0;
		return;
	}
	s->prev = old;
	s->prev_valid = had && old.len == s->cfg.len;
	n = tui_cfg_layout(&s->cfg, NULL, 0);
	lines = realloc(s->lines, (n ? n : 1) * sizeof(*lines));
	if (!lines) {
		snprintf(s->err, sizeof(s->err), "out of memory");
		s->nlines = 0;
		return;
	}
	s->lines = lines;
	s->nlines = tui_cfg_layout(&s->cfg, lines, n);
	if (s->sel >= s->nlines || s->lines[s->sel].heading)
		s->sel = tui_cfg_line_at(s, 0);
	if (s->cur >= s->cfg.len)
		s->cur = 0;
}

void tui_cfg_reset(struct tui_app *app, const WD_PCI_SLOT *slot, uint64_t off)
{
	struct tui_cfg_state *s = &app->cv;

	if (!s->has_target || memcmp(&s->slot, slot, sizeof(*slot))) {
		s->cfg.len = 0;		/* another device: nothing to compare */
		s->top = 0;
	}
	s->has_target = true;
	s->slot = *slot;
	tui_cfg_load(app);
	s->cur = off < s->cfg.len ? (uint32_t)off : 0;
	s->cur -= s->cur % s->width;
	s->sel = tui_cfg_line_at(s, (uint32_t)off);
}

static void tui_cfg_enter(struct tui_app *app)
{
	tui_cfg_load(app);
}

static void tui_cfg_draw_decoded(struct tui_app *app, struct tui_screen *scr,
				 struct tui_rect r)
{
	struct tui_cfg_state *s = &app->cv;
	const struct tui_cfg_line *l;
	char text[160];
	enum tui_attr attr;
	uint32_t v;
	size_t i;
	int y, x;

	tui_list_scroll(&s->sel, &s->top, s->nlines, s->rows);
	for (y = 0; y < s->rows && s->top + (size_t)y < s->nlines; y++) {
		i = s->top + (size_t)y;
		l = &s->lines[i];
		if (l->heading) {
			tui_scr_put(scr, r.y + 1 + y, 1, TUI_A_HEADER, l->text);
			continue;
		}
		v = tui_cfg_get(&s->cfg, l->reg.off, l->reg.size);
		tui_cfg_decode(&s->cfg, &l->reg, v, text, sizeof(text));
		attr = i == s->sel ? TUI_A_SELECTED : TUI_A_NORMAL;
		x = tui_scr_printf(scr, r.y + 1 + y, 0, attr, "  %03x %-20s %2u  ",
				   l->reg.off, l->reg.name, l->reg.size * 8);
		if (s->prev_valid && attr == TUI_A_NORMAL &&
		    v != tui_cfg_get(&s->prev, l->reg.off, l->reg.size))
			attr = TUI_A_CHANGED;
		x = tui_scr_printf(scr, r.y + 1 + y, x, attr, "%0*x",
				   l->reg.size * 2, v);
		attr = i == s->sel ? TUI_A_SELECTED : TUI_A_NORMAL;
		x = tui_scr_printf(scr, r.y + 1 + y, x, attr, "%*s",
				   10 - l->reg.size * 2, "");
		tui_scr_put(scr, r.y + 1 + y, x, attr, text);
		if (i == s->sel)
			tui_scr_set_attr(scr, r.y + 1 + y, 0, 1, TUI_A_SELECTED);
	}
}

static void tui_cfg_draw_hex(struct tui_app *app, struct tui_screen *scr,
			     struct tui_rect r)
{
	struct tui_cfg_state *s = &app->cv;
	size_t rows = s->cfg.len / 16, row, top = s->top;
	enum tui_attr attr;
	uint32_t o, i, v;
	char cell[12];
	int x, y;
	bool changed;

	row = s->cur / 16;
	tui_list_scroll(&row, &top, rows, s->rows);
	s->top = top;
	for (y = 0; y < s->rows && top + (size_t)y < rows; y++) {
		o = (uint32_t)(top + (size_t)y) * 16;
		x = tui_scr_printf(scr, r.y + 1 + y, 1, TUI_A_NORMAL, "%03x:", o);
		/* Values of the access width, as the BAR view shows them. */
		for (i = 0; i < 16; i += s->width) {
			v = tui_cfg_get(&s->cfg, o + i, s->width);
			changed = s->prev_valid &&
				  v != tui_cfg_get(&s->prev, o + i, s->width);
			attr = o + i == s->cur ? TUI_A_CURSOR :
			       changed ? TUI_A_CHANGED : TUI_A_NORMAL;
			snprintf(cell, sizeof(cell), "%0*x", (int)s->width * 2, v);
			x = tui_scr_put(scr, r.y + 1 + y, x + 1, attr, cell);
		}
		x = tui_scr_put(scr, r.y + 1 + y, 1 + 4 + 32 + 16 / (int)s->width + 2,
				TUI_A_NORMAL, "|");
		for (i = 0; i < 16; i++) {
			char c = (char)s->cfg.b[o + i];

			cell[0] = c >= 0x20 && c < 0x7f ? c : '.';
			cell[1] = '\0';
			x = tui_scr_put(scr, r.y + 1 + y, x, TUI_A_NORMAL, cell);
		}
		tui_scr_put(scr, r.y + 1 + y, x, TUI_A_NORMAL, "|");
	}
}

static void tui_cfg_draw(struct tui_app *app, struct tui_screen *scr,
			 struct tui_rect r)
{
	struct tui_cfg_state *s = &app->cv;
	struct tui_pcidev *d = s->has_target ? tui_model_dev(app->m, &s->slot) :
					       NULL;
	struct tui_reg reg;
	char where[80];

	s->rows = r.rows - 2;
	if (s->rows < 1)
		s->rows = 1;
	tui_scr_fill(scr, r.y, 0, r.cols, TUI_A_HEADER, ' ');
	if (s->err[0]) {
		tui_scr_put(scr, r.y, 1, TUI_A_HEADER, "Configuration space");
		tui_scr_put(scr, r.y + 2, 2, TUI_A_ERROR, s->err);
		return;
	}
	tui_scr_printf(scr, r.y, 1, TUI_A_HEADER, "%s  %u bytes  %s  %s",
		       d ? d->bdf : app->m->open ? app->m->open->bdf : "?",
		       s->cfg.len, s->writable ? "read/write (agent)" :
		       "read-only (sysfs)", s->hex ? "hex" : "decoded");
	if (s->hex)
		tui_cfg_draw_hex(app, scr, r);
	else
		tui_cfg_draw_decoded(app, scr, r);
	if (s->hex) {
		memset(&reg, 0, sizeof(reg));
		if (!tui_cfg_name_at(&s->cfg, s->cur, s->width, &reg))
			tui_cfg_name_at(&s->cfg, s->cur, 0, &reg);
		snprintf(where, sizeof(where), "%s%s", reg.name[0] ? "  " : "",
			 reg.name);
		tui_scr_printf(scr, r.y + r.rows - 1, 1, TUI_A_DIM,
			       "0x%03x = 0x%0*x (%u bits)%s", s->cur,
			       (int)s->width * 2,
			       tui_cfg_get(&s->cfg, s->cur, s->width),
			       s->width * 8, where);
	}
}

static void tui_accept_cfg_write(struct tui_app *app, const char *text)
{
	struct tui_cfg_state *s = &app->cv;

	if (!*text)
		return;
	if (s->hex)
		tui_app_run(app, "cfg write 0x%x %s %u", s->cur, text,
			    s->width * 8);
	else if (s->sel < s->nlines)
		tui_app_run(app, "cfg write %s %s", s->lines[s->sel].reg.name,
			    text);
}

static void tui_accept_cfg_goto(struct tui_app *app, const char *text)
{
	struct tui_cfg_state *s = &app->cv;
	struct tui_reg reg;
	char err[160];
	uint64_t off;

	if (tui_parse_u64(text, &off)) {
		if (off >= s->cfg.len) {
			tui_app_status(app, true, "Offset 0x%llx is beyond the %u "
				       "bytes read.", (unsigned long long)off,
				       s->cfg.len);
			return;
		}
		reg.off = (uint16_t)off;
	} else if (tui_cfg_lookup(&s->cfg, text, &reg, err, sizeof(err))) {
		tui_app_status(app, true, "%s", err);
		return;
	}
	s->cur = reg.off - reg.off % s->width;
	s->sel = tui_cfg_line_at(s, reg.off);
}

static bool tui_cfg_action(struct tui_app *app, enum tui_action act)
{
	struct tui_cfg_state *s = &app->cv;
	uint32_t step, v;
	char label[96], value[24];
	const struct tui_reg *reg;
	size_t old;

	if (!s->cfg.len && act != TUI_ACT_REFRESH)
		return false;
	switch (act) {
	case TUI_ACT_UP:
	case TUI_ACT_DOWN:
	case TUI_ACT_PGUP:
	case TUI_ACT_PGDN:
	case TUI_ACT_TOP:
	case TUI_ACT_BOTTOM:
	case TUI_ACT_LEFT:
	case TUI_ACT_RIGHT:
		if (s->hex) {
			step = act == TUI_ACT_LEFT || act == TUI_ACT_RIGHT ?
				       s->width :
			       act == TUI_ACT_UP || act == TUI_ACT_DOWN ?
				       16 : (uint32_t)s->rows * 16;
			if (act == TUI_ACT_TOP)
				s->cur = 0;
			else if (act == TUI_ACT_BOTTOM)
				s->cur = s->cfg.len - s->width;
			else if (act == TUI_ACT_UP || act == TUI_ACT_LEFT ||
				 act == TUI_ACT_PGUP)
				s->cur = s->cur >= step ? s->cur - step : 0;
			else if (s->cur + step + s->width <= s->cfg.len)
				s->cur += step;
			return true;
		}
		if (act == TUI_ACT_LEFT || act == TUI_ACT_RIGHT)
			return true;
		old = s->sel;
		tui_list_move(act, &s->sel, s->nlines, s->rows);
		tui_cfg_skip_heading(s, s->sel >= old);
		return true;
	case TUI_ACT_TOGGLE:
		s->hex = !s->hex;
		if (s->hex && s->sel < s->nlines)
			s->cur = s->lines[s->sel].reg.off -
				 s->lines[s->sel].reg.off % s->width;
		else
			s->sel = tui_cfg_line_at(s, s->cur);
		return true;
	case TUI_ACT_WIDTH:
		s->width = s->width == 4 ? 1 : s->width * 2;
		s->cur -= s->cur % s->width;
		tui_app_status(app, false, "Access width %u bits (hex view).",
			       s->width * 8);
		return true;
	case TUI_ACT_GOTO:
		tui_app_prompt(app, "Go to register or offset: ", "",
			       tui_accept_cfg_goto);
		return true;
	case TUI_ACT_REFRESH:
		tui_cfg_load(app);
		return true;
	case TUI_ACT_WRITE:
		if (!s->writable) {
			tui_app_status(app, true, "Read-only: configuration "
				       "writes go through the agent; open the "
				       "device first (Enter in the device list).");
			return true;
		}
		if (s->hex) {
			v = tui_cfg_get(&s->cfg, s->cur, s->width);
			snprintf(label, sizeof(label), "Write config 0x%x (%u "
				 "bits): ", s->cur, s->width * 8);
			snprintf(value, sizeof(value), "0x%0*x",
				 (int)s->width * 2, v);
		} else {
			if (s->sel >= s->nlines || s->lines[s->sel].heading)
				return true;
			reg = &s->lines[s->sel].reg;
			v = tui_cfg_get(&s->cfg, reg->off, reg->size);
			snprintf(label, sizeof(label), "Write %s (%u bits): ",
				 reg->name, reg->size * 8);
			snprintf(value, sizeof(value), "0x%0*x", reg->size * 2, v);
		}
		tui_app_prompt(app, label, value, tui_accept_cfg_write);
		return true;
	default:
		return false;
	}
}

const struct tui_view tui_view_cfg = {
	.title = "Config space",
	.ctx = TUI_CTX_CFG,
	.list = true,
	.enter = tui_cfg_enter,
	.draw = tui_cfg_draw,
	.action = tui_cfg_action,
};

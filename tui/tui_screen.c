// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * tui_screen.c - the off-screen character grid that views draw into.
 */
#include "tui_screen.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int tui_scr_resize(struct tui_screen *scr, int rows, int cols)
{
	struct tui_cell *cell;

	if (rows < 1)
		rows = 1;
	if (cols < 1)
		cols = 1;
	if (rows != scr->rows || cols != scr->cols || !scr->cell) {
		cell = realloc(scr->cell, (size_t)rows * (size_t)cols *
					  sizeof(*cell));
		if (!cell)
			return -1;
		scr->cell = cell;
		scr->rows = rows;
		scr->cols = cols;
	}
	tui_scr_clear(scr);
	return 0;
}

void tui_scr_free(struct tui_screen *scr)
{
	free(scr->cell);
	memset(scr, 0, sizeof(*scr));
}

void tui_scr_clear(struct tui_screen *scr)
{
	int i;

	for (i = 0; i < scr->rows * scr->cols; i++) {
		scr->cell[i].ch = ' ';
		scr->cell[i].attr = TUI_A_NORMAL;
	}
	scr->show_cursor = false;
	scr->cur_y = scr->cur_x = 0;
}

static struct tui_cell *tui_scr_at(struct tui_screen *scr, int y, int x)
{
	if (y < 0 || y >= scr->rows || x < 0 || x >= scr->cols)
		return NULL;
	return &scr->cell[y * scr->cols + x];
}

int tui_scr_putn(struct tui_screen *scr, int y, int x, enum tui_attr attr,
		 const char *s, int n)
{
	struct tui_cell *c;
	int i;

	for (i = 0; s[i] && (n < 0 || i < n); i++, x++) {
		c = tui_scr_at(scr, y, x);
		if (!c) {
			if (x >= scr->cols)
				break;
			continue;
		}
		c->ch = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
		c->attr = (unsigned char)attr;
	}
	return x;
}

int tui_scr_put(struct tui_screen *scr, int y, int x, enum tui_attr attr,
		const char *s)
{
	return tui_scr_putn(scr, y, x, attr, s, -1);
}

int tui_scr_printf(struct tui_screen *scr, int y, int x, enum tui_attr attr,
		   const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return tui_scr_put(scr, y, x, attr, buf);
}

void tui_scr_fill(struct tui_screen *scr, int y, int x, int n,
		  enum tui_attr attr, char ch)
{
	struct tui_cell *c;

	if (n < 0)
		n = scr->cols - x;
	for (; n > 0; n--, x++) {
		c = tui_scr_at(scr, y, x);
		if (c) {
			c->ch = ch;
			c->attr = (unsigned char)attr;
		}
	}
}

void tui_scr_set_attr(struct tui_screen *scr, int y, int x, int n,
		      enum tui_attr attr)
{
	struct tui_cell *c;

	for (; n > 0; n--, x++) {
		c = tui_scr_at(scr, y, x);
		if (c)
			c->attr = (unsigned char)attr;
	}
}

void tui_scr_cursor(struct tui_screen *scr, int y, int x)
{
	if (!tui_scr_at(scr, y, x))
		return;
	scr->show_cursor = true;
	scr->cur_y = y;
	scr->cur_x = x;
}

char *tui_scr_row_text(const struct tui_screen *scr, int y, char *buf)
{
	int x, end = 0;

	buf[0] = '\0';
	if (y < 0 || y >= scr->rows)
		return buf;
	for (x = 0; x < scr->cols; x++) {
		buf[x] = scr->cell[y * scr->cols + x].ch;
		if (buf[x] != ' ')
			end = x + 1;
	}
	buf[end] = '\0';
	return buf;
}

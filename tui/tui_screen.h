/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * tui_screen.h - the off-screen character grid that views draw into; the
 * terminal module copies it to curses, tests read it back as text.
 */
#ifndef TUI_SCREEN_H
#define TUI_SCREEN_H

#include <stdbool.h>
#include <stddef.h>

#if defined(__GNUC__)
#define TUI_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define TUI_PRINTF(f, a)
#endif

/*
 * Logical attributes: the terminal module maps each to a colour pair, or on
 * a monochrome terminal to reverse/bold/underline, so every one of them
 * stays distinguishable without colour.
 */
enum tui_attr {
	TUI_A_NORMAL,
	TUI_A_TITLE,		/* title bar */
	TUI_A_HEADER,		/* column headings, section headings */
	TUI_A_SELECTED,		/* the selected line of a list */
	TUI_A_CURSOR,		/* the cell under the cursor of a hex view */
	TUI_A_CHANGED,		/* a value that changed since the last read */
	TUI_A_ERROR,		/* error text on the status line */
	TUI_A_DIM,		/* unavailable or secondary text */
	TUI_A_KEY,		/* a key name in the hint bar */
	TUI_A_HINT,		/* the hint bar around key names */
	TUI_A__COUNT
};

struct tui_cell {
	char ch;		/* printable ASCII only */
	unsigned char attr;	/* enum tui_attr */
};

/* A rectangle of the screen, for views. */
struct tui_rect {
	int y, x, rows, cols;
};

struct tui_screen {
	int rows, cols;
	struct tui_cell *cell;	/* rows * cols */
	bool show_cursor;	/* put the terminal cursor at cur_y, cur_x */
	int cur_y, cur_x;
};

/* (Re)size and clear the grid; 0, or -1 when out of memory. */
int tui_scr_resize(struct tui_screen *scr, int rows, int cols);
void tui_scr_free(struct tui_screen *scr);
void tui_scr_clear(struct tui_screen *scr);

/*
 * Write at most @n bytes of @s (all of it when @n < 0) at row @y, column
 * @x, clipped to the screen; bytes that are not printable ASCII show as
 * '?'.  Return: the column after the last character written.
 */
int tui_scr_putn(struct tui_screen *scr, int y, int x, enum tui_attr attr,
		 const char *s, int n);
int tui_scr_put(struct tui_screen *scr, int y, int x, enum tui_attr attr,
		const char *s);
int tui_scr_printf(struct tui_screen *scr, int y, int x, enum tui_attr attr,
		   const char *fmt, ...) TUI_PRINTF(5, 6);
/* Fill @n cells (to the end of the row when @n < 0) with @ch. */
void tui_scr_fill(struct tui_screen *scr, int y, int x, int n,
		  enum tui_attr attr, char ch);
/* Change the attribute of @n cells, keeping their characters. */
void tui_scr_set_attr(struct tui_screen *scr, int y, int x, int n,
		      enum tui_attr attr);
/* Show the terminal cursor at @y, @x (a prompt is being edited). */
void tui_scr_cursor(struct tui_screen *scr, int y, int x);

/*
 * Copy row @y as text into @buf (at least cols + 1 bytes), without
 * trailing blanks.  Return: @buf.
 */
char *tui_scr_row_text(const struct tui_screen *scr, int y, char *buf);

#endif /* TUI_SCREEN_H */

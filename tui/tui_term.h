/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * tui_term.h - the terminal: the only part of wdtui that uses curses.
 * It shows a struct tui_screen, turns terminal input into tui key codes,
 * and restores the terminal on every way out, signals included.
 */
#ifndef TUI_TERM_H
#define TUI_TERM_H

#include <stdbool.h>
#include <stddef.h>

#include "tui_screen.h"

/*
 * Take over the terminal (stdin/stdout must be one).  @no_color: use
 * only reverse/bold/underline even where colours exist (also when the
 * NO_COLOR environment variable is set).  Return: 0, or -1 with a reason
 * in @err (not a terminal, unknown TERM); the terminal is untouched then.
 */
int tui_term_init(bool no_color, char *err, size_t errlen);

/* Give the terminal back as it was; safe to call more than once. */
void tui_term_done(void);

/* The terminal's current size. */
void tui_term_size(int *rows, int *cols);

/* Show @scr; @full repaints everything (after Ctrl-L). */
void tui_term_present(const struct tui_screen *scr, bool full);

/*
 * Wait up to @timeout_ms (-1: no limit) for a key.  Return: a tui key
 * code, TUI_KEY_RESIZE after the terminal changed size, or TUI_KEY_NONE
 * (time out, an unknown escape sequence, or a quit signal: see
 * tui_term_signal()).
 */
int tui_term_getkey(int timeout_ms);

/* The SIGINT/SIGTERM/SIGHUP/SIGQUIT received, or 0. */
int tui_term_signal(void);

#endif /* TUI_TERM_H */

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * tui_term.c - the terminal: the only file of wdtui that includes curses.
 *
 * Exits and signals: tui_term_done() (also registered with atexit) ends
 * curses the normal way.  SIGINT, SIGTERM, SIGHUP and SIGQUIT only set a
 * flag and wake the input wait, so the main loop leaves cleanly (closing
 * the device) and then restores the terminal.  A crash (SIGSEGV, SIGBUS,
 * SIGFPE, SIGILL, SIGABRT) cannot run curses: its handler restores the
 * saved tty modes with tcsetattr() and writes the terminal's own reset
 * strings (exit alternate screen, cursor visible, attributes off),
 * prepared at start, with write() -- both async-signal-safe -- then dies
 * of the signal as it would have.  SIGTSTP is left to curses, which
 * suspends and resumes properly.
 */
#include "tui_term.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include "tui_keys.h"

static bool tui_term_active;
static SCREEN *tui_term_screen;
static struct termios tui_term_saved;
static bool tui_term_saved_ok;
static int tui_term_pipe[2] = { -1, -1 };
static volatile sig_atomic_t tui_term_quit_sig;
static volatile sig_atomic_t tui_term_winch;
/* What a crash writes to the terminal: rmcup, cnorm, sgr0, newline. */
static char tui_term_reset[256];
static size_t tui_term_reset_len;
static chtype tui_term_attr[TUI_A__COUNT];

static void tui_term_wake(void)
{
	int saved = errno;
	char c = 0;

	if (tui_term_pipe[1] >= 0 && write(tui_term_pipe[1], &c, 1) < 0) {
		/* The pipe is full: a wake-up is pending anyway. */
	}
	errno = saved;
}

static void tui_term_on_quit(int sig)
{
	tui_term_quit_sig = sig;
	tui_term_wake();
}

static void tui_term_on_winch(int sig)
{
	(void)sig;
	tui_term_winch = 1;
	tui_term_wake();
}

/* Async-signal-safe restore, then die of @sig (SA_RESETHAND reset it). */
static void tui_term_on_crash(int sig)
{
	if (tui_term_active) {
		if (tui_term_reset_len &&
		    write(STDOUT_FILENO, tui_term_reset, tui_term_reset_len) < 0) {
			/* nothing more can be done */
		}
		if (tui_term_saved_ok)
			tcsetattr(STDIN_FILENO, TCSAFLUSH, &tui_term_saved);
	}
	raise(sig);
}

static void tui_term_signals(void)
{
	static const int quit[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	static const int crash[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: the input wait must see the signal. */
	sa.sa_handler = tui_term_on_quit;
	for (i = 0; i < sizeof(quit) / sizeof(quit[0]); i++)
		sigaction(quit[i], &sa, NULL);
	sa.sa_handler = tui_term_on_winch;
	sigaction(SIGWINCH, &sa, NULL);
	sa.sa_handler = tui_term_on_crash;
	sa.sa_flags = (int)SA_RESETHAND;
	for (i = 0; i < sizeof(crash) / sizeof(crash[0]); i++)
		sigaction(crash[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static void tui_term_add_reset(const char *cap)
{
	char *s = tigetstr((char *)cap);
	size_t n;

	if (!s || s == (char *)-1)
		return;
	n = strlen(s);
	if (tui_term_reset_len + n < sizeof(tui_term_reset)) {
		memcpy(tui_term_reset + tui_term_reset_len, s, n);
		tui_term_reset_len += n;
	}
}

static void tui_term_colors(bool no_color)
{
	/* Monochrome: every attribute stays distinguishable. */
	static const chtype mono[TUI_A__COUNT] = {
		[TUI_A_NORMAL] = A_NORMAL,
		[TUI_A_TITLE] = A_REVERSE,
		[TUI_A_HEADER] = A_BOLD,
		[TUI_A_SELECTED] = A_REVERSE,
		[TUI_A_CURSOR] = A_REVERSE | A_BOLD,
		[TUI_A_CHANGED] = A_BOLD | A_UNDERLINE,
		[TUI_A_ERROR] = A_BOLD,
		[TUI_A_DIM] = A_NORMAL,
		[TUI_A_KEY] = A_NORMAL,
		[TUI_A_HINT] = A_REVERSE,
	};
	static const struct {
		short fg, bg;
		chtype extra;
	} color[TUI_A__COUNT] = {
		[TUI_A_NORMAL] = { -1, -1, A_NORMAL },
		[TUI_A_TITLE] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL },
		[TUI_A_HEADER] = { COLOR_BLACK, COLOR_GREEN, A_NORMAL },
		[TUI_A_SELECTED] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL },
		[TUI_A_CURSOR] = { COLOR_BLACK, COLOR_YELLOW, A_NORMAL },
		[TUI_A_CHANGED] = { COLOR_RED, -1, A_BOLD },
		[TUI_A_ERROR] = { COLOR_RED, -1, A_BOLD },
		[TUI_A_DIM] = { COLOR_CYAN, -1, A_NORMAL },
		[TUI_A_KEY] = { -1, -1, A_BOLD },
		[TUI_A_HINT] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL },
	};
	short fg, bg;
	int i;

	memcpy(tui_term_attr, mono, sizeof(mono));
	if (no_color || getenv("NO_COLOR") || !has_colors() ||
	    start_color() == ERR || COLOR_PAIRS < TUI_A__COUNT)
		return;
	/* Without "default" colours, white on black stands for them. */
	use_default_colors();
	for (i = 1; i < TUI_A__COUNT; i++) {
		fg = color[i].fg;
		bg = color[i].bg;
		if (init_pair((short)i, fg, bg) == ERR &&
		    init_pair((short)i, fg < 0 ? COLOR_WHITE : fg,
			      bg < 0 ? COLOR_BLACK : bg) == ERR)
			continue;
		tui_term_attr[i] = COLOR_PAIR(i) | color[i].extra;
	}
}

int tui_term_init(bool no_color, char *err, size_t errlen)
{
	const char *term = getenv("TERM");

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		snprintf(err, errlen, "the interactive screens need a terminal "
			 "(for scripts use --batch FILE)");
		return -1;
	}
	if (!term || !*term) {
		snprintf(err, errlen, "TERM is not set (try TERM=vt100 on a "
			 "serial console)");
		return -1;
	}
	setlocale(LC_ALL, "");
	tui_term_saved_ok = tcgetattr(STDIN_FILENO, &tui_term_saved) == 0;
	if (pipe2(tui_term_pipe, O_CLOEXEC | O_NONBLOCK)) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		return -1;
	}
	/* Before curses starts, so that it leaves these signals to us. */
	tui_term_signals();
	tui_term_screen = newterm(NULL, stdout, stdin);
	if (!tui_term_screen) {
		snprintf(err, errlen, "cannot use terminal type '%s' (try "
			 "TERM=vt100 or TERM=linux)", term);
		return -1;
	}
	tui_term_active = true;
	atexit(tui_term_done);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(50);
	curs_set(0);
	tui_term_colors(no_color);
	tui_term_add_reset("sgr0");
	tui_term_add_reset("cnorm");
	tui_term_add_reset("rmkx");
	tui_term_add_reset("rmcup");
	if (tui_term_reset_len + 2 < sizeof(tui_term_reset)) {
		memcpy(tui_term_reset + tui_term_reset_len, "\r\n", 2);
		tui_term_reset_len += 2;
	}
	return 0;
}

void tui_term_done(void)
{
	if (!tui_term_active)
		return;
	tui_term_active = false;
	curs_set(1);
	endwin();
	fflush(stdout);
	delscreen(tui_term_screen);
	tui_term_screen = NULL;
}

void tui_term_size(int *rows, int *cols)
{
	getmaxyx(stdscr, *rows, *cols);
}

void tui_term_present(const struct tui_screen *scr, bool full)
{
	const struct tui_cell *row;
	char run[1024];
	int y, x, n;

	if (full)
		clearok(curscr, TRUE);
	for (y = 0; y < scr->rows && y < LINES; y++) {
		row = &scr->cell[y * scr->cols];
		for (x = 0; x < scr->cols && x < COLS;) {
			unsigned char a = row[x].attr;

			for (n = 0; x + n < scr->cols && x + n < COLS &&
				    row[x + n].attr == a &&
				    n < (int)sizeof(run) - 1; n++)
				run[n] = row[x + n].ch;
			run[n] = '\0';
			attrset(tui_term_attr[a < TUI_A__COUNT ? a : 0]);
			/* The last cell of the screen cannot be written without
			 * scrolling on some terminals: curses handles it if
			 * addnstr is told the exact length. */
			mvaddnstr(y, x, run, n);
			x += n;
		}
	}
	attrset(A_NORMAL);
	if (scr->show_cursor) {
		curs_set(1);
		move(scr->cur_y, scr->cur_x);
	} else {
		curs_set(0);
		move(LINES - 1, 0);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

/* Keys of xterm-style sequences that the terminfo entry may not know
 * (tmux and terminal emulators send them whatever TERM says). */
static int tui_term_csi(const char *seq)
{
	static const struct {
		const char *seq;
		int key;
	} map[] = {
		{ "[A", TUI_KEY_UP }, { "[B", TUI_KEY_DOWN },
		{ "[C", TUI_KEY_RIGHT }, { "[D", TUI_KEY_LEFT },
		{ "OA", TUI_KEY_UP }, { "OB", TUI_KEY_DOWN },
		{ "OC", TUI_KEY_RIGHT }, { "OD", TUI_KEY_LEFT },
		{ "[H", TUI_KEY_HOME }, { "[F", TUI_KEY_END },
		{ "OH", TUI_KEY_HOME }, { "OF", TUI_KEY_END },
		{ "[1~", TUI_KEY_HOME }, { "[7~", TUI_KEY_HOME },
		{ "[4~", TUI_KEY_END }, { "[8~", TUI_KEY_END },
		{ "[3~", TUI_KEY_DELETE }, { "[5~", TUI_KEY_PGUP },
		{ "[6~", TUI_KEY_PGDN },
		{ "OP", TUI_KEY_F(1) }, { "OQ", TUI_KEY_F(2) },
		{ "OR", TUI_KEY_F(3) }, { "OS", TUI_KEY_F(4) },
		{ "[11~", TUI_KEY_F(1) }, { "[12~", TUI_KEY_F(2) },
		{ "[13~", TUI_KEY_F(3) }, { "[14~", TUI_KEY_F(4) },
		{ "[15~", TUI_KEY_F(5) }, { "[17~", TUI_KEY_F(6) },
		{ "[18~", TUI_KEY_F(7) }, { "[19~", TUI_KEY_F(8) },
		{ "[20~", TUI_KEY_F(9) }, { "[21~", TUI_KEY_F(10) },
		{ "[23~", TUI_KEY_F(11) }, { "[24~", TUI_KEY_F(12) },
		{ "[[A", TUI_KEY_F(1) }, { "[[B", TUI_KEY_F(2) },
		{ "[[C", TUI_KEY_F(3) }, { "[[D", TUI_KEY_F(4) },
		{ "[[E", TUI_KEY_F(5) }, { "[Z", TUI_KEY_TAB },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(map[i].seq, seq))
			return map[i].key;
	return TUI_KEY_NONE;
}

/* After an ESC curses did not recognise: a sequence, or Esc itself. */
static int tui_term_escape(void)
{
	char seq[16];
	size_t n = 0;
	int ch;

	wtimeout(stdscr, 50);
	ch = getch();
	if (ch == '[' || ch == 'O') {
		seq[n++] = (char)ch;
		while (n + 1 < sizeof(seq)) {
			ch = getch();
			if (ch == ERR)
				break;
			seq[n++] = (char)ch;
			/* A final byte ends it, except "[[" of the Linux
			 * console's function keys. */
			if (ch >= 0x40 && ch <= 0x7e && !(n == 2 && ch == '['))
				break;
		}
		seq[n] = '\0';
		nodelay(stdscr, TRUE);
		return tui_term_csi(seq);
	}
	nodelay(stdscr, TRUE);
	if (ch != ERR)
		ungetch(ch);	/* Alt-key: the key alone */
	return TUI_KEY_ESC;
}

static int tui_term_translate(int ch)
{
	switch (ch) {
	case KEY_UP:
		return TUI_KEY_UP;
	case KEY_DOWN:
		return TUI_KEY_DOWN;
	case KEY_LEFT:
		return TUI_KEY_LEFT;
	case KEY_RIGHT:
		return TUI_KEY_RIGHT;
	case KEY_PPAGE:
		return TUI_KEY_PGUP;
	case KEY_NPAGE:
		return TUI_KEY_PGDN;
	case KEY_HOME:
	case KEY_A1:
		return TUI_KEY_HOME;
	case KEY_END:
	case KEY_C1:
		return TUI_KEY_END;
	case KEY_BACKSPACE:
	case 127:
		return TUI_KEY_BACKSPACE;
	case KEY_DC:
		return TUI_KEY_DELETE;
	case KEY_ENTER:
	case '\r':
	case '\n':
		return TUI_KEY_ENTER;
	case '\t':
		return TUI_KEY_TAB;
	case KEY_BTAB:
		return TUI_KEY_TAB;
	case KEY_RESIZE:
		return TUI_KEY_RESIZE;
	case 27:
		return tui_term_escape();
	default:
		break;
	}
	if (ch >= KEY_F(1) && ch <= KEY_F(12))
		return TUI_KEY_F(ch - KEY_F0);
	if (ch > 0 && ch < 0x7f)
		return ch;
	return TUI_KEY_NONE;
}

static void tui_term_resize(void)
{
	struct winsize ws;

	tui_term_winch = 0;
	if (!ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) && ws.ws_row && ws.ws_col)
		resizeterm(ws.ws_row, ws.ws_col);
}

int tui_term_getkey(int timeout_ms)
{
	struct pollfd p[2] = {
		{ STDIN_FILENO, POLLIN, 0 },
		{ tui_term_pipe[0], POLLIN, 0 },
	};
	char drain[64];
	int ch;

	if (tui_term_quit_sig)
		return TUI_KEY_NONE;
	/* Keys curses has already read come first. */
	ch = getch();
	if (ch != ERR)
		return tui_term_translate(ch);
	if (poll(p, 2, timeout_ms) < 0 && errno != EINTR)
		return TUI_KEY_NONE;
	/* The terminal went away without a SIGHUP: leave as if it came. */
	if (p[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
		tui_term_quit_sig = SIGHUP;
		return TUI_KEY_NONE;
	}
	while (read(tui_term_pipe[0], drain, sizeof(drain)) > 0)
		;
	if (tui_term_quit_sig)
		return TUI_KEY_NONE;
	if (tui_term_winch) {
		tui_term_resize();
		return TUI_KEY_RESIZE;
	}
	ch = getch();
	return ch == ERR ? TUI_KEY_NONE : tui_term_translate(ch);
}

int tui_term_signal(void)
{
	return tui_term_quit_sig;
}

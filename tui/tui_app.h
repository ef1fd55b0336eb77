/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * tui_app.h - the interactive controller: screens (views), the state each
 * keeps, the prompt line, the status line.  Keys come in as tui key codes,
 * the screen goes out as a struct tui_screen: no curses here, so the whole
 * interface runs headless in the tests.
 */
#ifndef TUI_APP_H
#define TUI_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tui_cfg.h"
#include "tui_cmd.h"
#include "tui_keys.h"
#include "tui_model.h"
#include "tui_screen.h"

struct tui_app;

enum tui_view_id {
	TUI_VIEW_DEVLIST,
	TUI_VIEW_DEVICE,
	TUI_VIEW_BAR,
	TUI_VIEW_CFG,
	TUI_VIEW_HELP,
	TUI_VIEW_INT,
	TUI_VIEW_KP,
	TUI_VIEW_MONITOR,
	TUI_VIEW__COUNT
};

/* A screen: one file each (view_*.c), one line in tui_app.c's table. */
struct tui_view {
	const char *title;
	enum tui_ctx ctx;	/* its keys */
	bool list;		/* the LIST keys apply too */
	/* Becoming the visible screen: (re)read what it shows. */
	void (*enter)(struct tui_app *app);
	/* Draw into @r of @scr; only views draw. */
	void (*draw)(struct tui_app *app, struct tui_screen *scr,
		     struct tui_rect r);
	/* Handle @act; return false when it is not the view's. */
	bool (*action)(struct tui_app *app, enum tui_action act);
	/* Milliseconds until tick() is due, or -1 (NULL: never). */
	int (*timeout)(const struct tui_app *app);
	void (*tick)(struct tui_app *app);
};

extern const struct tui_view tui_view_devlist, tui_view_device, tui_view_bar,
	tui_view_cfg, tui_view_help, tui_view_int, tui_view_kp, tui_view_trace;

/* What accepting a prompt does with its text. */
typedef void tui_prompt_fn(struct tui_app *app, const char *text);

#define TUI_LINE_MAX 256
#define TUI_HISTORY 32

struct tui_prompt {
	bool active;
	bool command;		/* the ':' line: history and completion */
	char label[80];
	char buf[TUI_LINE_MAX];
	size_t len, pos;
	int hist;		/* history entry shown, -1: the line typed */
	tui_prompt_fn *accept;
};

struct tui_devlist_state {
	size_t *idx;		/* indexes into m->devs that pass the filter */
	size_t n;
	size_t sel, top;	/* in idx */
	WD_PCI_SLOT sel_slot;	/* the selected device, across rescans */
	bool has_sel;
	char filter[64];
	char search[64];
	int rows;		/* list rows at the last draw */
};

struct tui_device_state {
	int bar;		/* selected BAR */
};

/* Bytes the BAR view keeps: a 4K-column screen of 16-byte rows at most. */
#define TUI_BAR_VIEW_MAX 8192u
/* A changed value stays highlighted for this many reads. */
#define TUI_CHANGE_READS 3

struct tui_bar_state {
	uint32_t bar;
	unsigned int width;	/* bytes: 1, 2, 4, 8 */
	uint64_t top;		/* offset of the first row (multiple of 16) */
	uint64_t cur;		/* cursor offset (multiple of width) */
	bool watch;
	uint64_t reads;		/* reads of this range so far */
	uint64_t rd_top;	/* what data[] holds: offset, bytes, width */
	uint32_t rd_len;
	unsigned int rd_width;
	uint32_t rd_bar;
	uint8_t data[TUI_BAR_VIEW_MAX];
	uint8_t age[TUI_BAR_VIEW_MAX];	/* reads since the byte changed */
	char err[TUI_ERR_LEN];	/* last read failure, "" */
	int rows;		/* dump rows at the last draw */
};

struct tui_cfg_state {
	bool has_target;
	WD_PCI_SLOT slot;	/* the device shown */
	bool writable;		/* it is the open device */
	bool hex;		/* hex dump instead of decoded registers */
	struct tui_cfg cfg, prev;
	bool prev_valid;
	char err[TUI_ERR_LEN];
	struct tui_cfg_line *lines;	/* decoded layout */
	size_t nlines;
	size_t sel, top;	/* decoded: line index; hex: row */
	uint32_t cur;		/* hex cursor offset */
	unsigned int width;	/* hex access width, bytes */
	int rows;
};

struct tui_help_state {
	struct tui_lines lines;
	size_t top;
	char search[64];
	int rows;
};

struct tui_int_state {
	bool kp;		/* fUseKP for the next enable */
	char ack[64];		/* ack= for the next enable, "" none */
};

/* Kernel PlugIn calls the screen remembers. */
#define TUI_KP_LOG 64

struct tui_kp_state {
	char loaded[256];	/* kp list at the last entry */
	struct tui_lines log;	/* results of the calls */
};

/* Records the monitor keeps (the oldest go first). */
#define TUI_MON_MAX 5000u

struct tui_mon_state {
	WDC_TRACE_READER reader;	/* opened at the first entry */
	struct tui_lines lines;		/* one formatted record each */
	size_t sel, top;
	bool follow;			/* the selection follows the end */
	bool paused;
	uint64_t lost;			/* records the reader lost */
	char search[64];
	int rows;
};

struct tui_app {
	struct tui_model *m;
	enum tui_view_id view;
	enum tui_view_id stack[8];	/* for Back */
	int depth;
	struct tui_prompt prompt;
	char history[TUI_HISTORY][TUI_LINE_MAX];
	int nhist;
	char status[TUI_ERR_LEN + 64];
	bool status_error;
	bool quit;
	bool redraw_all;		/* Ctrl-L: the terminal repaints all */
	unsigned int interval_ms;	/* watch refresh */
	struct tui_devlist_state dl;
	struct tui_device_state dv;
	struct tui_bar_state bv;
	struct tui_cfg_state cv;
	struct tui_help_state hv;
	struct tui_int_state iv;
	struct tui_kp_state kv;
	struct tui_mon_state mv;
};

void tui_app_init(struct tui_app *app, struct tui_model *m);
void tui_app_free(struct tui_app *app);

/* Handle one key (a tui key code). */
void tui_app_key(struct tui_app *app, int key);
/* Draw the whole screen. */
void tui_app_draw(struct tui_app *app, struct tui_screen *scr);
/* Milliseconds until tui_app_tick() is due, or -1. */
int tui_app_timeout(const struct tui_app *app);
void tui_app_tick(struct tui_app *app);

/* ---- For the views ------------------------------------------------------ */

void tui_app_status(struct tui_app *app, bool error, const char *fmt, ...)
	TUI_PRINTF(3, 4);
/* Show view @v (remembered for Back unless it is the current one). */
void tui_app_show(struct tui_app *app, enum tui_view_id v);
/* Run a command line as ':' does: result on the status line, focus. */
int tui_app_run(struct tui_app *app, const char *fmt, ...) TUI_PRINTF(2, 3);
/* Start a prompt on the bottom line. */
void tui_app_prompt(struct tui_app *app, const char *label,
		    const char *initial, tui_prompt_fn *accept);
/* The list entry selected in the device list, or NULL. */
struct tui_pcidev *tui_app_selected_dev(const struct tui_app *app);

/* Keep a selection visible: adjust *@top for *@sel in @rows rows of @n. */
void tui_list_scroll(size_t *sel, size_t *top, size_t n, int rows);
/* Apply a LIST action to a selection; false when @act is none of them. */
bool tui_list_move(enum tui_action act, size_t *sel, size_t n, int rows);

/* View internals the controller calls. */
void tui_devlist_rebuild(struct tui_app *app);
/* Show BAR @bar at @off: the cursor moves there unless it is on screen. */
void tui_bar_reset(struct tui_app *app, uint32_t bar, uint64_t off);
/* Show @slot's configuration space (NULL: pick one) at offset @off. */
void tui_cfg_reset(struct tui_app *app, const WD_PCI_SLOT *slot, uint64_t off);

#endif /* TUI_APP_H */

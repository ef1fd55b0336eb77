/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * tui_keys.h - wdtui's key codes and its one key table: every action, the
 * screens it works in, its keys, its hint-bar label and its help text.
 * The action enum, the key lookup, the hint bar and the F1 help screen
 * are all generated from TUI_KEYTABLE, so they cannot drift apart.
 */
#ifndef TUI_KEYS_H
#define TUI_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "tui_util.h"

/*
 * Key codes: printable ASCII as itself, Ctrl-letter as 1..26, and the
 * codes below for the rest.  The terminal module translates curses' keys
 * into these, so nothing else depends on curses.
 */
enum {
	TUI_KEY_NONE = -1,
	TUI_KEY_UP = 0x100,
	TUI_KEY_DOWN,
	TUI_KEY_LEFT,
	TUI_KEY_RIGHT,
	TUI_KEY_PGUP,
	TUI_KEY_PGDN,
	TUI_KEY_HOME,
	TUI_KEY_END,
	TUI_KEY_BACKSPACE,
	TUI_KEY_DELETE,
	TUI_KEY_ENTER,
	TUI_KEY_ESC,
	TUI_KEY_TAB,
	TUI_KEY_RESIZE,		/* the terminal changed size */
	TUI_KEY_F0 = 0x140,	/* TUI_KEY_F(n) = TUI_KEY_F0 + n */
};
#define TUI_KEY_F(n) (TUI_KEY_F0 + (n))
#define TUI_KEY_CTRL(c) ((c) & 0x1f)

/* Key contexts: each screen has one; GLOBAL applies everywhere, LIST on
 * screens that show a scrolling list, PROMPT while a line is edited. */
enum tui_ctx {
	TUI_CTX_GLOBAL,
	TUI_CTX_LIST,
	TUI_CTX_DEVLIST,
	TUI_CTX_DEVICE,
	TUI_CTX_BAR,
	TUI_CTX_CFG,
	TUI_CTX_HELP,
	TUI_CTX_INT,
	TUI_CTX_KP,
	TUI_CTX_MONITOR,
	TUI_CTX_PROMPT,
	TUI_CTX__COUNT
};

#define TUI_C(ctx) (1u << TUI_CTX_##ctx)

/*
 * The key table.  X(ACTION, contexts, key1, key2, hint, help):
 * - contexts: a mask of TUI_C(...) where the keys do ACTION;
 * - key1, key2: its keys (key2 may be 0);
 * - hint: label in the bottom hint bar of those screens, or NULL;
 * - help: the line on the help screen.
 * No key may be bound twice in one context, or in a context and GLOBAL
 * (the unit tests check it).
 */
#define TUI_KEYTABLE(X) \
	X(HELP, TUI_C(GLOBAL), TUI_KEY_F(1), '?', "Help", \
	  "Help: this screen, generated from the key table") \
	X(QUIT, TUI_C(GLOBAL), TUI_KEY_F(10), 'q', "Quit", \
	  "Quit wdtui (closes the device)") \
	X(COMMAND, TUI_C(GLOBAL), ':', 0, "Cmd", \
	  "Command line: the commands of --batch (see below)") \
	X(BACK, TUI_C(GLOBAL), TUI_KEY_ESC, TUI_KEY_BACKSPACE, NULL, \
	  "Back to the previous screen") \
	X(REDRAW, TUI_C(GLOBAL), TUI_KEY_CTRL('l'), 0, NULL, \
	  "Redraw the whole screen") \
	X(DEVICES, TUI_C(GLOBAL), TUI_KEY_F(2), 'd', NULL, \
	  "Device list") \
	X(DEVICE, TUI_C(GLOBAL), TUI_KEY_F(3), 'v', NULL, \
	  "Device view of the open device: BARs, interrupts, plugin") \
	X(BARS, TUI_C(GLOBAL), TUI_KEY_F(4), 'b', NULL, \
	  "BAR access of the open device (hex dump, read, write, watch)") \
	X(CONFIG, TUI_C(GLOBAL), TUI_KEY_F(5), 'c', NULL, \
	  "Configuration space of the open (or selected) device") \
	X(INTERRUPTS, TUI_C(GLOBAL), TUI_KEY_F(6), 'i', NULL, \
	  "Interrupts of the open device") \
	X(PLUGIN, TUI_C(GLOBAL), TUI_KEY_F(7), 'k', NULL, \
	  "Kernel PlugIn of the open device") \
	X(MONITOR, TUI_C(GLOBAL), TUI_KEY_F(8), 'm', NULL, \
	  "Debug Monitor: the agent's trace") \
	X(UP, TUI_C(LIST) | TUI_C(BAR), TUI_KEY_UP, TUI_KEY_CTRL('p'), NULL, \
	  "Move up") \
	X(DOWN, TUI_C(LIST) | TUI_C(BAR), TUI_KEY_DOWN, TUI_KEY_CTRL('n'), \
	  NULL, "Move down") \
	X(PGUP, TUI_C(LIST) | TUI_C(BAR), TUI_KEY_PGUP, TUI_KEY_CTRL('b'), \
	  NULL, "Page up") \
	X(PGDN, TUI_C(LIST) | TUI_C(BAR), TUI_KEY_PGDN, TUI_KEY_CTRL('f'), \
	  NULL, "Page down") \
	X(TOP, TUI_C(LIST) | TUI_C(BAR), TUI_KEY_HOME, '<', NULL, \
	  "First line (BAR: offset 0)") \
	X(BOTTOM, TUI_C(LIST) | TUI_C(BAR), TUI_KEY_END, '>', NULL, \
	  "Last line (BAR: its end)") \
	X(LEFT, TUI_C(BAR) | TUI_C(CFG), TUI_KEY_LEFT, 0, NULL, \
	  "Previous value (hex views)") \
	X(RIGHT, TUI_C(BAR) | TUI_C(CFG), TUI_KEY_RIGHT, 0, NULL, \
	  "Next value (hex views)") \
	X(OPEN, TUI_C(DEVLIST), TUI_KEY_ENTER, 'o', "Open", \
	  "Open the selected device through the agent") \
	X(SEARCH, TUI_C(DEVLIST) | TUI_C(HELP) | TUI_C(MONITOR), '/', 0, \
	  "Search", "Search (address, IDs, names, class, driver; records)") \
	X(SEARCH_NEXT, TUI_C(DEVLIST) | TUI_C(HELP) | TUI_C(MONITOR), 'n', 0, \
	  NULL, "Next match of the search") \
	X(FILTER, TUI_C(DEVLIST), 'f', 0, "Filter", \
	  "Filter: show only devices matching a text (empty: all)") \
	X(RESCAN, TUI_C(DEVLIST), 'r', 0, "Rescan", \
	  "Rescan the PCI bus") \
	X(BAR_OPEN, TUI_C(DEVICE), TUI_KEY_ENTER, 0, "BAR", \
	  "Access the selected BAR") \
	X(CLOSE, TUI_C(DEVICE), 'x', 0, "Close", \
	  "Close the device") \
	X(WRITE, TUI_C(BAR) | TUI_C(CFG), TUI_KEY_ENTER, 'e', "Write", \
	  "Write a value at the cursor (config: the register)") \
	X(WIDTH, TUI_C(BAR) | TUI_C(CFG), 'w', 0, "Width", \
	  "Access width: 8, 16, 32, 64 bits") \
	X(GOTO, TUI_C(BAR) | TUI_C(CFG), 'g', 0, "Goto", \
	  "Go to an offset (config: or a register name)") \
	X(REFRESH, TUI_C(BAR) | TUI_C(CFG), 'r', 0, "Read", \
	  "Read again") \
	X(WATCH, TUI_C(BAR), 'W', 0, "Watch", \
	  "Watch: re-read the range live and highlight changes") \
	X(PREV_BAR, TUI_C(BAR), '[', 0, NULL, \
	  "Previous BAR") \
	X(NEXT_BAR, TUI_C(BAR), ']', 0, NULL, \
	  "Next BAR") \
	X(TOGGLE, TUI_C(CFG), TUI_KEY_TAB, 't', "Hex/Decoded", \
	  "Switch between the hex dump and the decoded registers") \
	X(INT_ENABLE, TUI_C(INT), 'e', 0, "Enable", \
	  "Enable interrupts (type=, kp=0|1, ack= in a prompt)") \
	X(INT_KP, TUI_C(INT), 'p', 0, "KP", \
	  "Toggle fUseKP (the Kernel PlugIn) for the next enable") \
	X(INT_TRIGGER, TUI_C(INT), 't', 0, "Trigger", \
	  "Trigger a test interrupt (software loopback)") \
	X(INT_DISABLE, TUI_C(INT), 'x', 0, "Disable", \
	  "Disable interrupts") \
	X(KP_OPEN, TUI_C(KP), 'o', 0, "Open", \
	  "Open a Kernel PlugIn (name and open data in a prompt)") \
	X(KP_CALL, TUI_C(KP), TUI_KEY_ENTER, 'e', "Call", \
	  "Send a message: MSG [hex=..|u32=..] [out=N]") \
	X(KP_CLOSE, TUI_C(KP), 'x', 0, "Close", \
	  "Close the Kernel PlugIn") \
	X(KP_LIST, TUI_C(KP), 'l', 0, "List", \
	  "List the loaded Kernel PlugIns") \
	X(MON_PAUSE, TUI_C(MONITOR), 'p', TUI_KEY_ENTER, "Pause", \
	  "Pause or resume the live records") \
	X(MON_FILTER, TUI_C(MONITOR), 'f', 0, "Filter", \
	  "Trace filter: level= sections= (turns the trace on)") \
	X(MON_SAVE, TUI_C(MONITOR), 's', 0, "Save", \
	  "Save the records to a file") \
	X(MON_CLEAR, TUI_C(MONITOR), 'x', 0, "Clear", \
	  "Clear the records shown") \
	X(EDIT_RUN, TUI_C(PROMPT), TUI_KEY_ENTER, 0, NULL, \
	  "Run the command (or accept the value)") \
	X(EDIT_CANCEL, TUI_C(PROMPT), TUI_KEY_ESC, TUI_KEY_CTRL('g'), NULL, \
	  "Cancel") \
	X(EDIT_COMPLETE, TUI_C(PROMPT), TUI_KEY_TAB, 0, NULL, \
	  "Complete the command name") \
	X(EDIT_PREV, TUI_C(PROMPT), TUI_KEY_UP, 0, NULL, \
	  "Previous command in the history") \
	X(EDIT_NEXT, TUI_C(PROMPT), TUI_KEY_DOWN, 0, NULL, \
	  "Next command in the history") \
	X(EDIT_LEFT, TUI_C(PROMPT), TUI_KEY_LEFT, TUI_KEY_CTRL('b'), NULL, \
	  "Cursor left") \
	X(EDIT_RIGHT, TUI_C(PROMPT), TUI_KEY_RIGHT, TUI_KEY_CTRL('f'), NULL, \
	  "Cursor right") \
	X(EDIT_HOME, TUI_C(PROMPT), TUI_KEY_HOME, TUI_KEY_CTRL('a'), NULL, \
	  "Start of the line") \
	X(EDIT_END, TUI_C(PROMPT), TUI_KEY_END, TUI_KEY_CTRL('e'), NULL, \
	  "End of the line") \
	X(EDIT_BACKSPACE, TUI_C(PROMPT), TUI_KEY_BACKSPACE, TUI_KEY_CTRL('h'), \
	  NULL, "Delete the character before the cursor") \
	X(EDIT_DELETE, TUI_C(PROMPT), TUI_KEY_DELETE, TUI_KEY_CTRL('d'), NULL, \
	  "Delete the character under the cursor") \
	X(EDIT_KILL, TUI_C(PROMPT), TUI_KEY_CTRL('u'), 0, NULL, \
	  "Clear the line")

enum tui_action {
	TUI_ACT_NONE = -1,
#define TUI_X_ENUM(a, ctx, k1, k2, hint, help) TUI_ACT_##a,
	TUI_KEYTABLE(TUI_X_ENUM)
#undef TUI_X_ENUM
	TUI_ACT__COUNT
};

struct tui_binding {
	enum tui_action action;
	const char *name;	/* "HELP" */
	unsigned int ctx;	/* mask of TUI_C() */
	int key[2];		/* key2 0 = none */
	const char *hint;
	const char *help;
};

extern const struct tui_binding tui_bindings[TUI_ACT__COUNT];

/*
 * The action of @key on a screen with context @ctx (@list: the screen
 * shows a list, so LIST keys apply too); GLOBAL keys apply everywhere but
 * in PROMPT.  Return: the action, or TUI_ACT_NONE.
 */
enum tui_action tui_key_action(enum tui_ctx ctx, bool list, int key);

/* "F1", "Enter", "Ctrl-L", "q", ... into @buf; return @buf. */
const char *tui_key_name(int key, char *buf, size_t len);

/* Title of a context's section on the help screen. */
const char *tui_ctx_title(enum tui_ctx ctx);

/*
 * Whether a feature screen (interrupts, Kernel PlugIn, monitor) is in this
 * build: it returns NULL when it is, or the text that says why not.
 */
typedef const char *tui_unavailable_fn(void);

/*
 * Append the key part of the help screen to @out: one section per
 * context, one line per action ("  F1, ?        Help: ...").  Actions
 * whose feature is missing (@unavailable, indexed by action, may be NULL)
 * are marked "(not in this build)".  Return: 0, or -1 out of memory.
 */
int tui_help_keys(struct tui_lines *out,
		  tui_unavailable_fn *const unavailable[TUI_ACT__COUNT]);

#endif /* TUI_KEYS_H */

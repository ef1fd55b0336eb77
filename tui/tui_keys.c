// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * tui_keys.c - the key table expanded: lookup of a key's action, key
 * names, and the key part of the help screen.
 */
#include "tui_keys.h"

#include <stdio.h>
#include <string.h>

const struct tui_binding tui_bindings[TUI_ACT__COUNT] = {
#define TUI_X_BINDING(a, c, k1, k2, h, text) \
	[TUI_ACT_##a] = { TUI_ACT_##a, #a, (c), { (k1), (k2) }, (h), (text) },
	TUI_KEYTABLE(TUI_X_BINDING)
#undef TUI_X_BINDING
};

static enum tui_action tui_key_in(enum tui_ctx ctx, int key)
{
	int a;

	for (a = 0; a < TUI_ACT__COUNT; a++)
		if ((tui_bindings[a].ctx & (1u << ctx)) &&
		    (tui_bindings[a].key[0] == key ||
		     (tui_bindings[a].key[1] && tui_bindings[a].key[1] == key)))
			return (enum tui_action)a;
	return TUI_ACT_NONE;
}

enum tui_action tui_key_action(enum tui_ctx ctx, bool list, int key)
{
	enum tui_action a;

	if (key == TUI_KEY_NONE || key == 0)
		return TUI_ACT_NONE;
	a = tui_key_in(ctx, key);
	if (a == TUI_ACT_NONE && list && ctx != TUI_CTX_PROMPT)
		a = tui_key_in(TUI_CTX_LIST, key);
	if (a == TUI_ACT_NONE && ctx != TUI_CTX_PROMPT)
		a = tui_key_in(TUI_CTX_GLOBAL, key);
	return a;
}

const char *tui_key_name(int key, char *buf, size_t len)
{
	static const struct {
		int key;
		const char *name;
	} names[] = {
		{ TUI_KEY_UP, "Up" }, { TUI_KEY_DOWN, "Down" },
		{ TUI_KEY_LEFT, "Left" }, { TUI_KEY_RIGHT, "Right" },
		{ TUI_KEY_PGUP, "PgUp" }, { TUI_KEY_PGDN, "PgDn" },
		{ TUI_KEY_HOME, "Home" }, { TUI_KEY_END, "End" },
		{ TUI_KEY_BACKSPACE, "Backspace" }, { TUI_KEY_DELETE, "Del" },
		{ TUI_KEY_ENTER, "Enter" }, { TUI_KEY_ESC, "Esc" },
		{ TUI_KEY_TAB, "Tab" }, { ' ', "Space" },
	};
	size_t i;

	for (i = 0; i < TUI_ARRAY_SIZE(names); i++)
		if (names[i].key == key) {
			snprintf(buf, len, "%s", names[i].name);
			return buf;
		}
	if (key >= TUI_KEY_F(1) && key <= TUI_KEY_F(12))
		snprintf(buf, len, "F%d", key - TUI_KEY_F0);
	else if (key >= 1 && key <= 26)
		snprintf(buf, len, "Ctrl-%c", 'A' + key - 1);
	else if (key > 0x20 && key < 0x7f)
		snprintf(buf, len, "%c", key);
	else
		snprintf(buf, len, "key 0x%x", (unsigned int)key);
	return buf;
}

const char *tui_ctx_title(enum tui_ctx ctx)
{
	static const char *const title[TUI_CTX__COUNT] = {
		[TUI_CTX_GLOBAL] = "Everywhere",
		[TUI_CTX_LIST] = "Lists and the hex views",
		[TUI_CTX_DEVLIST] = "Device list",
		[TUI_CTX_DEVICE] = "Device view",
		[TUI_CTX_BAR] = "BAR access",
		[TUI_CTX_CFG] = "Configuration space",
		[TUI_CTX_HELP] = "Help screen",
		[TUI_CTX_INT] = "Interrupts",
		[TUI_CTX_KP] = "Kernel PlugIn",
		[TUI_CTX_MONITOR] = "Debug Monitor",
		[TUI_CTX_PROMPT] = "Command line and other prompts",
	};

	return ctx < TUI_CTX__COUNT ? title[ctx] : "?";
}

int tui_help_keys(struct tui_lines *out,
		  tui_unavailable_fn *const unavailable[TUI_ACT__COUNT])
{
	const struct tui_binding *b;
	char k1[16], k2[16], keys[40];
	const char *why;
	int ctx, a;

	for (ctx = 0; ctx < TUI_CTX__COUNT; ctx++) {
		if (tui_lines_add(out, "%s", "") ||
		    tui_lines_add(out, "%s", tui_ctx_title((enum tui_ctx)ctx)))
			return -1;
		for (a = 0; a < TUI_ACT__COUNT; a++) {
			b = &tui_bindings[a];
			if (!(b->ctx & (1u << ctx)))
				continue;
			tui_key_name(b->key[0], k1, sizeof(k1));
			if (b->key[1])
				snprintf(keys, sizeof(keys), "%s, %s", k1,
					 tui_key_name(b->key[1], k2, sizeof(k2)));
			else
				snprintf(keys, sizeof(keys), "%s", k1);
			why = unavailable && unavailable[a] ? unavailable[a]() :
							       NULL;
			if (tui_lines_add(out, "  %-16s %s%s", keys, b->help,
					  why ? " (not in this build)" : ""))
				return -1;
		}
	}
	if (tui_lines_add(out, "%s", "") ||
	    tui_lines_add(out, "%s", "  Other keys typed at a prompt insert "
			  "themselves."))
		return -1;
	return 0;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * cmd_bar.c - commands that access the open device's BARs: read, write,
 * dump (a block read).
 */
#include "tui_cmd.h"

#include <stdlib.h>

/* Largest dump: the result line holds it in hex. */
#define TUI_DUMP_MAX 65536u

static void tui_focus_bar(struct tui_out *o, uint32_t bar, uint64_t off)
{
	o->focus = TUI_FOCUS_BAR;
	o->focus_bar = bar;
	o->focus_off = off;
}

/* The fields of read and write: bar, off, width, value. */
static void tui_bar_result(struct tui_out *o, uint32_t bar, uint64_t off,
			   unsigned int width, uint64_t v)
{
	tui_out_kv(o, "bar", "%u", bar);
	tui_out_kv(o, "off", "0x%llx", (unsigned long long)off);
	tui_out_kv(o, "width", "%u", width * 8);
	tui_out_value(o, "value", v, width);
	tui_focus_bar(o, bar, off);
}

/* BAR, OFFSET and an optional WIDTH at @wi (default 32 bits). */
static int tui_bar_args(struct tui_args *a, int wi, uint32_t *bar,
			uint64_t *off, unsigned int *width, struct tui_out *o)
{
	*width = 4;
	if (tui_arg_bar(a->argv[0], bar, o) ||
	    tui_arg_u64(a->argv[1], "offset", off, o))
		return -1;
	if (a->argc > wi && tui_arg_width(a->argv[wi], true, width, o))
		return -1;
	return 0;
}

static int tui_run_read(struct tui_model *m, struct tui_args *a,
			struct tui_out *o)
{
	unsigned int width;
	uint64_t off, v;
	uint32_t bar;

	if (tui_need_args(a, 2, 3, &tui_cmd_read, o) ||
	    tui_bar_args(a, 2, &bar, &off, &width, o))
		return -1;
	if (tui_model_bar_read(m, bar, off, width, &v))
		return tui_out_model_error(o, m);
	tui_bar_result(o, bar, off, width, v);
	return 0;
}

const struct tui_cmd tui_cmd_read = {
	"read", "BAR OFFSET [WIDTH]",
	"Read a BAR register (default 32 bits)",
	tui_run_read, NULL
};

static int tui_run_write(struct tui_model *m, struct tui_args *a,
			 struct tui_out *o)
{
	unsigned int width;
	uint64_t off, v;
	uint32_t bar;

	if (tui_need_args(a, 3, 4, &tui_cmd_write, o) ||
	    tui_bar_args(a, 3, &bar, &off, &width, o) ||
	    tui_arg_u64(a->argv[2], "value", &v, o))
		return -1;
	if (width < 8 && v >> (width * 8))
		return tui_out_error(o, WD_INVALID_PARAMETER,
				     "value %s does not fit in %u bits",
				     a->argv[2], width * 8);
	if (tui_model_bar_write(m, bar, off, width, v))
		return tui_out_model_error(o, m);
	tui_bar_result(o, bar, off, width, v);
	return 0;
}

const struct tui_cmd tui_cmd_write = {
	"write", "BAR OFFSET VALUE [WIDTH]",
	"Write a BAR register (default 32 bits)",
	tui_run_write, NULL
};

static int tui_run_dump(struct tui_model *m, struct tui_args *a,
			struct tui_out *o)
{
	unsigned int width;
	uint64_t off, len;
	uint32_t bar;
	uint8_t *buf;

	if (tui_need_args(a, 3, 4, &tui_cmd_dump, o) ||
	    tui_bar_args(a, 3, &bar, &off, &width, o) ||
	    tui_arg_u64(a->argv[2], "length", &len, o))
		return -1;
	if (!len || len > TUI_DUMP_MAX)
		return tui_out_error(o, WD_INVALID_PARAMETER,
				     "length %s: give 1 to %u bytes", a->argv[2],
				     TUI_DUMP_MAX);
	buf = malloc(len);
	if (!buf)
		return tui_out_error(o, WD_INSUFFICIENT_RESOURCES,
				     "out of memory");
	if (tui_model_bar_block(m, bar, off, width, buf, (uint32_t)len)) {
		free(buf);
		return tui_out_model_error(o, m);
	}
	tui_out_kv(o, "bar", "%u", bar);
	tui_out_kv(o, "off", "0x%llx", (unsigned long long)off);
	tui_out_kv(o, "len", "%llu", (unsigned long long)len);
	tui_out_kv(o, "width", "%u", width * 8);
	tui_out_hex(o, "data", buf, len);
	free(buf);
	tui_focus_bar(o, bar, off);
	return 0;
}

const struct tui_cmd tui_cmd_dump = {
	"dump", "BAR OFFSET LENGTH [WIDTH]",
	"Block read of a BAR, as hex bytes",
	tui_run_dump, NULL
};

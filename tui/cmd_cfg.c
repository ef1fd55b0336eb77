// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * cmd_cfg.c - the cfg command: read, write, dump, caps and regs of
 * configuration space, by offset or by register name.  Reads work on any
 * device of the list (dev=..., through sysfs, read-only); the open device
 * is read and written through the agent.
 */
#include "tui_cmd.h"

#include <stdlib.h>
#include <string.h>

#include "tui_util.h"

/* The device a cfg command works on: dev=, else the open device. */
struct tui_cfg_target {
	struct tui_pcidev *d;	/* NULL: the open device */
	const char *bdf;
	WD_PCI_SLOT slot;
	bool open;		/* access through the agent */
	struct tui_cfg cfg;
};

static int tui_cfg_target(struct tui_model *m, const char *dev,
			  struct tui_cfg_target *t, struct tui_out *o)
{
	memset(t, 0, sizeof(*t));
	if (dev) {
		if (tui_arg_dev(m, dev, &t->d, o))
			return -1;
		t->open = tui_model_is_open(m, t->d);
		t->bdf = t->d->bdf;
		t->slot = t->d->slot;
	} else {
		if (tui_model_need_open(m))
			return tui_out_error(o, m->err_status, "%s; or give "
					     "dev=DEV to read any device",
					     m->err);
		t->open = true;
		t->bdf = m->open->bdf;
		t->slot = m->open->info.pciSlot;
	}
	if (tui_model_cfg_load(m, t->open ? NULL : t->d, &t->cfg))
		return tui_out_model_error(o, m);
	return 0;
}

/*
 * REG: a register name or an offset.  WIDTH (@ws, may be NULL) overrides
 * the register's size; without it, an offset where a named register starts
 * takes that register's size, any other 32 bits.  Checks alignment and
 * that the register lies in what could be read.
 */
static int tui_cfg_reg(const struct tui_cfg_target *t, const char *regs,
		       const char *ws, struct tui_reg *reg, struct tui_out *o)
{
	unsigned int width = 0;
	char err[160];
	uint64_t off;

	memset(reg, 0, sizeof(*reg));
	if (ws && tui_arg_width(ws, false, &width, o))
		return -1;
	if (tui_parse_u64(regs, &off)) {
		if (off >= TUI_CFG_SIZE)
			return tui_out_error(o, WD_INVALID_PARAMETER,
					     "offset %s is beyond configuration "
					     "space (0x1000 bytes)", regs);
		reg->off = (uint16_t)off;
	} else if (tui_cfg_lookup(&t->cfg, regs, reg, err, sizeof(err))) {
		return tui_out_error(o, WD_INVALID_PARAMETER, "%s", err);
	}
	if (width && width != reg->size) {
		/* Another width: name what is there at that width, if anything. */
		if (reg->size)
			reg->name[0] = '\0';
		reg->size = (uint8_t)width;
		tui_cfg_name_at(&t->cfg, reg->off, width, reg);
	} else if (!reg->size) {
		if (!tui_cfg_name_at(&t->cfg, reg->off, 0, reg))
			reg->size = 4;
	}
	if (reg->off % reg->size)
		return tui_out_error(o, WD_INVALID_PARAMETER,
				     "offset 0x%x is not aligned to %u bytes",
				     reg->off, reg->size);
	if (reg->off + reg->size > t->cfg.len)
		return tui_out_error(o, WD_INVALID_PARAMETER,
				     "offset 0x%x is beyond the %u bytes of "
				     "configuration space that can be read%s",
				     reg->off, t->cfg.len, t->cfg.len == 64 ?
				     " (the rest needs root or the open device)" :
				     "");
	return 0;
}

/* Show that device's configuration space at @off in the interactive UI. */
static void tui_cfg_focus(struct tui_out *o, const struct tui_cfg_target *t,
			  uint64_t off)
{
	o->focus = TUI_FOCUS_CFG;
	o->focus_off = off;
	o->focus_slot = t->slot;
}

static void tui_cfg_out(struct tui_out *o, const struct tui_cfg_target *t,
			const struct tui_reg *reg, uint32_t v)
{
	struct tui_cfg after = t->cfg;
	char text[160];
	unsigned int i;

	/* Decode from a snapshot that holds the value just read or written. */
	for (i = 0; i < reg->size; i++)
		after.b[reg->off + i] = (uint8_t)(v >> (8 * i));
	tui_cfg_decode(&after, reg, v, text, sizeof(text));
	tui_out_kv(o, "dev", "%s", t->bdf);
	tui_out_kv(o, "off", "0x%x", reg->off);
	tui_out_kv(o, "width", "%u", reg->size * 8);
	tui_out_value(o, "value", v, reg->size);
	tui_out_kv(o, "reg", "%s", reg->name[0] ? reg->name : "-");
	tui_out_kv(o, "decode", "%s", text[0] ? text : "-");
	tui_cfg_focus(o, t, reg->off);
}

static int tui_run_cfg_read(struct tui_model *m, struct tui_args *a,
			    struct tui_out *o);
static int tui_run_cfg_write(struct tui_model *m, struct tui_args *a,
			     struct tui_out *o);
static int tui_run_cfg_dump(struct tui_model *m, struct tui_args *a,
			    struct tui_out *o);
static int tui_run_cfg_caps(struct tui_model *m, struct tui_args *a,
			    struct tui_out *o);
static int tui_run_cfg_regs(struct tui_model *m, struct tui_args *a,
			    struct tui_out *o);

static const struct tui_cmd tui_cmd_cfg_read = {
	"read", "REG|OFFSET [WIDTH] [dev=DEV]",
	"Read a config register, by name or offset",
	tui_run_cfg_read, NULL
};

static const struct tui_cmd tui_cmd_cfg_write = {
	"write", "REG|OFFSET VALUE [WIDTH]",
	"Write a config register of the open device",
	tui_run_cfg_write, NULL
};

static const struct tui_cmd tui_cmd_cfg_dump = {
	"dump", "[OFFSET [LENGTH]] [dev=DEV]",
	"Config space as hex bytes",
	tui_run_cfg_dump, NULL
};

static const struct tui_cmd tui_cmd_cfg_caps = {
	"caps", "[dev=DEV]",
	"The capability lists",
	tui_run_cfg_caps, NULL
};

static const struct tui_cmd tui_cmd_cfg_regs = {
	"regs", "[dev=DEV]",
	"The named registers of the device",
	tui_run_cfg_regs, NULL
};

static int tui_run_cfg_read(struct tui_model *m, struct tui_args *a,
			    struct tui_out *o)
{
	struct tui_opt opts[] = { { "dev", NULL } };
	struct tui_cfg_target t;
	struct tui_reg reg;
	uint32_t v;

	if (tui_take_opts(a, opts, 1, o) ||
	    tui_need_args(a, 1, 2, &tui_cmd_cfg_read, o) ||
	    tui_cfg_target(m, opts[0].val, &t, o) ||
	    tui_cfg_reg(&t, a->argv[0], a->argc > 1 ? a->argv[1] : NULL, &reg, o))
		return -1;
	if (t.open) {
		/* A real access of that width, not the snapshot's bytes. */
		if (tui_model_cfg_read(m, reg.off, reg.size, &v))
			return tui_out_model_error(o, m);
	} else {
		v = tui_cfg_get(&t.cfg, reg.off, reg.size);
	}
	tui_cfg_out(o, &t, &reg, v);
	return 0;
}

static int tui_run_cfg_write(struct tui_model *m, struct tui_args *a,
			     struct tui_out *o)
{
	struct tui_cfg_target t;
	struct tui_reg reg;
	uint64_t v;
	uint32_t back;

	if (tui_need_args(a, 2, 3, &tui_cmd_cfg_write, o) ||
	    tui_cfg_target(m, NULL, &t, o) ||
	    tui_cfg_reg(&t, a->argv[0], a->argc > 2 ? a->argv[2] : NULL, &reg, o) ||
	    tui_arg_u64(a->argv[1], "value", &v, o))
		return -1;
	if (v >> (reg.size * 8))
		return tui_out_error(o, WD_INVALID_PARAMETER,
				     "value %s does not fit in %u bits",
				     a->argv[1], reg.size * 8);
	if (tui_model_cfg_write(m, reg.off, reg.size, (uint32_t)v) ||
	    tui_model_cfg_read(m, reg.off, reg.size, &back))
		return tui_out_model_error(o, m);
	tui_cfg_out(o, &t, &reg, (uint32_t)v);
	tui_out_value(o, "readback", back, reg.size);
	return 0;
}

static int tui_run_cfg_dump(struct tui_model *m, struct tui_args *a,
			    struct tui_out *o)
{
	struct tui_opt opts[] = { { "dev", NULL } };
	struct tui_cfg_target t;
	uint64_t off = 0, len;

	if (tui_take_opts(a, opts, 1, o) ||
	    tui_need_args(a, 0, 2, &tui_cmd_cfg_dump, o) ||
	    tui_cfg_target(m, opts[0].val, &t, o))
		return -1;
	if (a->argc > 0 && tui_arg_u64(a->argv[0], "offset", &off, o))
		return -1;
	len = off < t.cfg.len ? t.cfg.len - off : 0;
	if (a->argc > 1 && tui_arg_u64(a->argv[1], "length", &len, o))
		return -1;
	if (!len || off + len > t.cfg.len)
		return tui_out_error(o, WD_INVALID_PARAMETER,
				     "range 0x%llx+%llu is outside the %u bytes "
				     "that can be read", (unsigned long long)off,
				     (unsigned long long)len, t.cfg.len);
	tui_out_kv(o, "dev", "%s", t.bdf);
	tui_out_kv(o, "off", "0x%llx", (unsigned long long)off);
	tui_out_kv(o, "len", "%llu", (unsigned long long)len);
	tui_out_hex(o, "data", t.cfg.b + off, len);
	tui_cfg_focus(o, &t, off);
	return 0;
}

static int tui_run_cfg_caps(struct tui_model *m, struct tui_args *a,
			    struct tui_out *o)
{
	struct tui_opt opts[] = { { "dev", NULL } };
	struct tui_cap caps[TUI_CFG_MAX_CAPS];
	struct tui_cfg_target t;
	char list[TUI_CFG_MAX_CAPS * 24];
	size_t pos = 0;
	const char *key;
	int n, i;

	if (tui_take_opts(a, opts, 1, o) ||
	    tui_need_args(a, 0, 0, &tui_cmd_cfg_caps, o) ||
	    tui_cfg_target(m, opts[0].val, &t, o))
		return -1;
	n = tui_cfg_caps(&t.cfg, caps, TUI_CFG_MAX_CAPS);
	list[0] = '\0';
	for (i = 0; i < n; i++) {
		key = tui_cap_key(&caps[i]);
		if (key)
			tui_sbprintf(list, sizeof(list), &pos, "%s0x%x:%s",
				     i ? "," : "", caps[i].off, key);
		else
			tui_sbprintf(list, sizeof(list), &pos,
				     caps[i].ext ? "%s0x%x:ECAP%04x" :
						   "%s0x%x:CAP%02x",
				     i ? "," : "", caps[i].off, caps[i].id);
	}
	tui_out_kv(o, "dev", "%s", t.bdf);
	tui_out_kv(o, "cfg_len", "%u", t.cfg.len);
	tui_out_kv(o, "count", "%d", n);
	tui_out_kv(o, "caps", "%s", n ? list : "-");
	tui_cfg_focus(o, &t, 0);
	return 0;
}

static int tui_run_cfg_regs(struct tui_model *m, struct tui_args *a,
			    struct tui_out *o)
{
	struct tui_opt opts[] = { { "dev", NULL } };
	struct tui_cfg_line *lines;
	struct tui_cfg_target t;
	size_t n, i, count = 0, pos = 0, cap;
	char *list;

	if (tui_take_opts(a, opts, 1, o) ||
	    tui_need_args(a, 0, 0, &tui_cmd_cfg_regs, o) ||
	    tui_cfg_target(m, opts[0].val, &t, o))
		return -1;
	n = tui_cfg_layout(&t.cfg, NULL, 0);
	lines = calloc(n + 1, sizeof(*lines));
	cap = (n + 1) * 48;
	list = malloc(cap);
	if (!lines || !list) {
		free(lines);
		free(list);
		return tui_out_error(o, WD_INSUFFICIENT_RESOURCES,
				     "out of memory");
	}
	tui_cfg_layout(&t.cfg, lines, n);
	list[0] = '\0';
	for (i = 0; i < n; i++) {
		if (lines[i].heading)
			continue;
		tui_sbprintf(list, cap, &pos, "%s%s@0x%x/%u", count ? "," : "",
			     lines[i].reg.name, lines[i].reg.off,
			     lines[i].reg.size * 8);
		count++;
	}
	tui_out_kv(o, "dev", "%s", t.bdf);
	tui_out_kv(o, "count", "%zu", count);
	tui_out_kv(o, "regs", "%s", count ? list : "-");
	free(lines);
	free(list);
	tui_cfg_focus(o, &t, 0);
	return 0;
}

static const struct tui_cmd *const tui_cfg_subs[] = {
	&tui_cmd_cfg_read,
	&tui_cmd_cfg_write,
	&tui_cmd_cfg_dump,
	&tui_cmd_cfg_caps,
	&tui_cmd_cfg_regs,
	NULL
};

const struct tui_cmd tui_cmd_cfg = {
	"cfg", "read|write|dump|caps|regs ...",
	"Configuration space", NULL, tui_cfg_subs
};

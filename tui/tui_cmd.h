/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * tui_cmd.h - the command layer shared by the ':' command line and
 * --batch: tokenizer, command table, one result line per command.
 *
 * A result line is "ok NAME KEY=VALUE..." or "error NAME code=0xCODE
 * msg=TEXT": NAME is the command (with its subcommand: "cfg.read"),
 * VALUE is bare when it has no blank, quote, '=' or control character and
 * is not empty, else double-quoted with \" \\ and \xHH escapes.  Each
 * command's fields are fixed and documented in tui/README.md; new fields
 * are only ever appended.
 */
#ifndef TUI_CMD_H
#define TUI_CMD_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <wdc/wdc_lib.h>

#include "tui_model.h"
#include "tui_util.h"

/* Most words in one command line. */
#define TUI_CMD_MAX_ARGS 32

/* Where the interactive UI should go after a command (--batch ignores it). */
enum tui_focus {
	TUI_FOCUS_NONE,
	TUI_FOCUS_DEVLIST,
	TUI_FOCUS_DEVICE,
	TUI_FOCUS_BAR,		/* focus_bar, focus_off */
	TUI_FOCUS_CFG,		/* focus_off */
	TUI_FOCUS_HELP,
	TUI_FOCUS_INT,
	TUI_FOCUS_KP,
	TUI_FOCUS_TRACE,
};

/* The result of one command. */
struct tui_out {
	char name[32];		/* "read", "cfg.read" */
	char *fields;		/* " key=value..." */
	size_t len, cap;
	bool oom;		/* a field was lost: out of memory */
	bool failed;
	WDC_STATUS code;
	char msg[TUI_ERR_LEN];
	char *line;		/* built by tui_out_line() */
	enum tui_focus focus;
	uint32_t focus_bar;
	uint64_t focus_off;
	WD_PCI_SLOT focus_slot;	/* TUI_FOCUS_CFG: the device shown */
	bool quit;		/* the quit command ran */
	/* Result lines printed before this one (trace.rec of trace dump). */
	struct tui_lines before;
};

void tui_out_init(struct tui_out *o);
void tui_out_free(struct tui_out *o);

/* Append " KEY=VALUE", VALUE formatted then quoted if it needs it. */
void tui_out_kv(struct tui_out *o, const char *key, const char *fmt, ...)
	TUI_PRINTF(3, 4);
/* Append " KEY=" and @len bytes as lowercase hex ("-" when @len is 0). */
void tui_out_hex(struct tui_out *o, const char *key, const uint8_t *data,
		 size_t len);
/* Mark the command failed with @code and a message.  Return: -1. */
int tui_out_error(struct tui_out *o, WDC_STATUS code, const char *fmt, ...)
	TUI_PRINTF(3, 4);
/* The whole line, without a newline; "" if nothing could be allocated. */
const char *tui_out_line(struct tui_out *o);

/* The words of a command line. */
struct tui_args {
	int argc;
	char *argv[TUI_CMD_MAX_ARGS];
	bool quoted[TUI_CMD_MAX_ARGS];	/* the word was quoted: never an option */
};

/*
 * Split @line in place into words: blanks separate them, "..." quotes
 * (with \" \\ \xHH escapes) and '...' quotes (literal) group them, and '#'
 * at the start of a word begins a comment.  Return: 0, or -1 with a reason
 * in @err (unterminated quote, bad escape, too many words).
 */
int tui_tokenize(char *line, struct tui_args *a, char *err, size_t errlen);

/* A command of the table: one const descriptor per command. */
struct tui_cmd {
	const char *name;
	const char *args;	/* "BAR OFFSET [WIDTH]" */
	const char *summary;
	/* Run with the words after the command's name (and subcommand's). */
	int (*run)(struct tui_model *m, struct tui_args *a,
		   struct tui_out *out);
	const struct tui_cmd *const *subs;	/* NULL-terminated, or NULL */
};

/* The table, NULL-terminated (tui_cmd.c has one line per command). */
extern const struct tui_cmd *const tui_commands[];

/*
 * Run one command line.  Return: 1 when it was empty or a comment (no
 * result), 0 on success, -1 on failure; @out holds the result.
 */
int tui_cmd_exec(struct tui_model *m, const char *line, struct tui_out *out);

/*
 * --batch: run the lines of @in, print one result line each on @out, stop
 * at the first failure (its text also goes to @err as "wdtui: FILE:LINE:
 * ...") or at quit.  Return: the exit status (0, or 1 after a failure).
 */
int tui_batch(struct tui_model *m, FILE *in, const char *fname, FILE *out,
	      FILE *err);

/* Help lines for the command table ("  read BAR OFFSET [WIDTH]  ..."). */
int tui_help_commands(struct tui_lines *out);

/* ---- Helpers for the command files ------------------------------------ */

/* An option "key=value" accepted by a command. */
struct tui_opt {
	const char *key;
	const char *val;	/* set when given */
};

/*
 * Take the KEY=VALUE words out of @a into @opts (unknown keys fail), keep
 * the others in order.  Return: 0, or -1 (error in @o).
 */
int tui_take_opts(struct tui_args *a, struct tui_opt *opts, int nopts,
		  struct tui_out *o);
/* Fail unless min <= argc <= max, with the usage of @cmd. */
int tui_need_args(const struct tui_args *a, int min, int max,
		  const struct tui_cmd *cmd, struct tui_out *o);
int tui_arg_u64(const char *s, const char *what, uint64_t *v,
		struct tui_out *o);
int tui_arg_bar(const char *s, uint32_t *bar, struct tui_out *o);
/* "8", "16", "32" (and "64" when @allow64): width in bytes. */
int tui_arg_width(const char *s, bool allow64, unsigned int *bytes,
		  struct tui_out *o);
/* A device of the list, by address or IDs. */
int tui_arg_dev(struct tui_model *m, const char *s, struct tui_pcidev **d,
		struct tui_out *o);
/* The model's last failure (m->err_status, m->err).  Return: -1. */
int tui_out_model_error(struct tui_out *o, const struct tui_model *m);
/* "0x%0*llx" with the digits of @width bytes. */
void tui_out_value(struct tui_out *o, const char *key, uint64_t v,
		   unsigned int width);
/* BAR description "mem32:0xfea00000:0x100000" of list entry @d. */
void tui_out_bars(struct tui_out *o, const struct tui_bar *bars);

/* The commands (one file each: cmd_dev.c, cmd_bar.c, cmd_cfg.c, ...). */
extern const struct tui_cmd tui_cmd_scan, tui_cmd_info, tui_cmd_open,
	tui_cmd_close, tui_cmd_agent;
extern const struct tui_cmd tui_cmd_read, tui_cmd_write, tui_cmd_dump;
extern const struct tui_cmd tui_cmd_cfg;
extern const struct tui_cmd tui_cmd_int;
extern const struct tui_cmd tui_cmd_kp;
extern const struct tui_cmd tui_cmd_trace;
extern const struct tui_cmd tui_cmd_help, tui_cmd_quit;

/*
 * The feature files also say whether their feature is in this build:
 * NULL when it is, else why not (used by the key table's help and by the
 * screens' keys).
 */
const char *tui_int_unavailable(void);
const char *tui_kp_unavailable(void);
const char *tui_trace_unavailable(void);

/* The interrupts screen's refresh: counters (without a handler thread) and
 * the rate. */
void tui_int_poll(struct tui_model *m);
/* A trace record's fields (seq, time_ns, level, section, source, dev,
 * pid, comm, msg; or seq, lost) into @o; a section's name into @buf. */
void tui_trace_format(const WDC_TRACE_RECORD *r, struct tui_out *o);
void tui_trace_section_name(uint32_t sect, char *buf, size_t len);

#endif /* TUI_CMD_H */

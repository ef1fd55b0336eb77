/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * mon.h - declarations shared by the files of wddebug, the Debug Monitor
 * command line: its command table and options (mon_args.c), the output
 * formats (mon_format.c) and the commands themselves (mon_cmds.c).
 */
#ifndef MON_H
#define MON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <wdc/wdc_lib.h>

/* Exit statuses (documented in wddebug.1 and --help). */
enum {
	MON_EXIT_OK = 0,
	MON_EXIT_FAIL = 1,		/* the operation failed */
	MON_EXIT_USAGE = 2,		/* bad command line */
	MON_EXIT_NO_AGENT = 3,		/* kagent not loaded, or not kagent */
	MON_EXIT_PERM = 4,		/* permission denied */
	MON_EXIT_VERSION = 5,		/* agent and library ABIs differ */
};

enum mon_cmd_id {
	MON_CMD_ON,
	MON_CMD_OFF,
	MON_CMD_STATUS,
	MON_CMD_DUMP,
	MON_CMD_CLEAR,
	MON_CMD_SIZE,
	MON_CMD_ADD,
	MON_CMD_DBG_ON,
	MON_CMD_DBG_OFF,
	MON_CMD_CLOCK_ON,
	MON_CMD_CLOCK_OFF,
	MON_CMD_CLOCK_RESET,
	MON_CMD_SECT_INFO_ON,
	MON_CMD_SECT_INFO_OFF,
	MON_CMD_HELP,
};

/* A command: the table in mon_args.c drives parsing and the help text. */
struct mon_cmd {
	const char *name;
	enum mon_cmd_id id;
	const char *args;	/* synopsis of its arguments */
	const char *help;	/* one line */
};

extern const struct mon_cmd mon_cmds[];
extern const size_t mon_ncmds;

/* Timestamps in the output. */
enum mon_clock {
	MON_CLOCK_AGENT,	/* as the agent's clock_on/clock_off says */
	MON_CLOCK_REL,		/* seconds since load or clock_reset */
	MON_CLOCK_ABS,		/* CLOCK_MONOTONIC seconds (since boot) */
	MON_CLOCK_OFF,
};

enum mon_color {
	MON_COLOR_AUTO,
	MON_COLOR_ALWAYS,
	MON_COLOR_NEVER,
};

/* Which records dump shows; the agent's own filter is left alone. */
struct mon_filter {
	uint32_t level;		/* at most this level (D_TRACE: all) */
	uint32_t sections;	/* sharing a bit with this mask */
	bool has_pid;
	uint32_t pid;
	bool has_device;
	WD_PCI_SLOT device;
	const char *source;	/* "agent", "plugin", "user" or a name */
};

struct mon_opts {
	const struct mon_cmd *cmd;
	const char *agent_path;	/* WDC_KAGENT_DEFAULT_PATH by default */
	char agent_buf[128];	/* "/dev/DRIVER" */
	/* on, add */
	uint32_t level;
	uint32_t sections;
	/* size */
	uint32_t size;
	/* add */
	char message[WDC_TRACE_MSG_LEN];
	/* dump (and --json for status) */
	const char *file;	/* NULL: stdout */
	struct mon_filter filter;
	bool json;
	bool follow;
	bool new_only;
	uint64_t count;		/* 0: no limit */
	uint64_t timeout_ms;	/* 0: none */
	enum mon_clock clock;
	enum mon_color color;
	bool help;		/* --help */
	bool version;		/* --version */
};

/* mon_args.c */
int mon_parse_args(int argc, char **argv, struct mon_opts *o, char *err,
		   size_t errlen);
void mon_usage(FILE *out);
bool mon_parse_u64(const char *s, uint64_t max, uint64_t *out);
bool mon_parse_seconds(const char *s, uint64_t *ms);

/* mon_format.c: output of records, as text or JSON lines */
struct mon_fmt {
	bool json;
	bool color;
	bool show_time;
	bool abs_time;
	bool show_section;
	uint64_t clock_base_ns;
};

#define MON_LINE_MAX 4096

bool mon_filter_match(const struct mon_filter *f, const WDC_TRACE_RECORD *r);
size_t mon_format_record(const struct mon_fmt *fmt, const WDC_TRACE_RECORD *r,
			 char *buf, size_t len);
size_t mon_format_columns(const struct mon_fmt *fmt, char *buf, size_t len);
size_t mon_json_string(const char *s, char *buf, size_t len);
const char *mon_source_type_str(uint32_t type);

/* mon_cmds.c */
int mon_run(const struct mon_opts *o);

#endif /* MON_H */

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * mon_args.c - wddebug's command table and command line: options, the
 * command and its arguments, into a struct mon_opts.  No I/O but the
 * usage text; errors are returned as text.
 */
#include "mon.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const struct mon_cmd mon_cmds[] = {
	{ "on", MON_CMD_ON, "[LEVEL] [SECTIONS...]",
	  "turn the trace on with this filter (default: TRACE ALL)" },
	{ "off", MON_CMD_OFF, "", "turn the trace off (filter and records stay)" },
	{ "status", MON_CMD_STATUS, "",
	  "show on/off, filter, buffer size and fill, losses, versions" },
	{ "dump", MON_CMD_DUMP, "[FILE]",
	  "print the buffer, then new records until Ctrl-C or Enter" },
	{ "clear", MON_CMD_CLEAR, "", "empty the buffer" },
	{ "size", MON_CMD_SIZE, "RECORDS",
	  "set the buffer size (16..65536 records; empties it)" },
	{ "add", MON_CMD_ADD, "LEVEL SECTIONS MESSAGE...",
	  "add a record from user mode (WD_DebugAdd)" },
	{ "dbg_on", MON_CMD_DBG_ON, "", "also copy every record to the kernel log" },
	{ "dbg_off", MON_CMD_DBG_OFF, "", "stop copying records to the kernel log" },
	{ "clock_on", MON_CMD_CLOCK_ON, "", "show timestamps (the default)" },
	{ "clock_off", MON_CMD_CLOCK_OFF, "", "hide timestamps" },
	{ "clock_reset", MON_CMD_CLOCK_RESET, "",
	  "count relative timestamps from now" },
	{ "sect_info_on", MON_CMD_SECT_INFO_ON, "",
	  "show the section of each record (the default)" },
	{ "sect_info_off", MON_CMD_SECT_INFO_OFF, "", "hide sections" },
	{ "help", MON_CMD_HELP, "", "show this help" },
};

const size_t mon_ncmds = sizeof(mon_cmds) / sizeof(mon_cmds[0]);

void mon_usage(FILE *out)
{
	size_t i;

	fputs("Usage: wddebug [OPTION]... COMMAND [ARGUMENTS]\n"
	      "       wddebug [OPTION]... [DRIVER] COMMAND [ARGUMENTS]\n"
	      "Debug Monitor of the wdkit kernel agent: controls and reads the agent's\n"
	      "trace buffer of device, interrupt, Kernel PlugIn and user-mode records.\n"
	      "\n"
	      "Commands:\n", out);
	for (i = 0; i < mon_ncmds; i++) {
		char syn[64];

		snprintf(syn, sizeof(syn), "%s %s", mon_cmds[i].name,
			 mon_cmds[i].args);
		fprintf(out, "  %-30s %s\n", syn, mon_cmds[i].help);
	}
	fputs("\n"
	      "LEVEL is ERROR, WARN, INFO or TRACE (a record is kept when its level is at\n"
	      "most the filter's), or OFF.  SECTIONS are names or 0x hex masks, separated\n"
	      "by blanks, commas or '|': ALL IO MEM INT PCI DMA MISC LICENSE PNP CARD_REG\n"
	      "KER_DRV USB KER_PLUG EVENT IPC KER_BUF (e.g. \"IO MEM\", int,pci, 0x30).\n"
	      "\n"
	      "Options of dump (they select what is shown and never change the agent's\n"
	      "filter):\n"
	      "  -l, --level=LEVEL       only records of LEVEL or more severe\n"
	      "  -s, --section=SECTIONS  only records of these sections (repeatable)\n"
	      "  -p, --pid=PID           only records of this process\n"
	      "  -d, --device=SLOT       only records about this device ([DDDD:]BB:SS.F)\n"
	      "  -S, --source=NAME       only records from agent, plugin, user, or the\n"
	      "                          source NAME (e.g. a plugin's module name)\n"
	      "  -j, --json              one JSON object per line (also for status)\n"
	      "  -f, --follow            after the buffer, wait for new records (default)\n"
	      "  -n, --no-follow         stop at the end of the buffer\n"
	      "  -c, --count=N           stop after N records\n"
	      "  -t, --timeout=SECONDS   stop following after SECONDS (e.g. 2.5); exit 1\n"
	      "                          if --count was not reached\n"
	      "  -N, --new               skip the records already in the buffer\n"
	      "      --clock=WHEN        timestamps: rel (since load or clock_reset), abs\n"
	      "                          (since boot), off; default: as clock_on/clock_off\n"
	      "      --color=WHEN        auto (when stdout is a terminal), always, never\n"
	      "Other options:\n"
	      "  -a, --agent=PATH        the agent's device (default /dev/kagent); a DRIVER\n"
	      "                          word before the command means /dev/DRIVER\n"
	      "  -h, --help              show this help and exit\n"
	      "  -V, --version           show the version and exit\n"
	      "\n"
	      "dump stops on Ctrl-C, Enter (when stdin is a terminal), --count or\n"
	      "--timeout.  A reader that falls behind is told how many records it lost.\n"
	      "\n"
	      "Exit status: 0 success; 1 failure; 2 bad command line; 3 the agent is not\n"
	      "loaded (or the device is not kagent); 4 permission denied; 5 the agent's\n"
	      "ABI does not match the library's.\n"
	      "See wddebug(1).\n", out);
}

static int mon_err(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int mon_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return MON_EXIT_USAGE;
}

/* A decimal number 0..@max, nothing else. */
bool mon_parse_u64(const char *s, uint64_t max, uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (!s || *s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v > max)
		return false;
	*out = v;
	return true;
}

/* Seconds with up to 3 decimals ("2", "0.5"), at most a day. */
bool mon_parse_seconds(const char *s, uint64_t *ms)
{
	const char *dot = s ? strchr(s, '.') : NULL;
	char whole[16];
	uint64_t sec, frac = 0;
	size_t n, i;

	if (!s)
		return false;
	n = dot ? (size_t)(dot - s) : strlen(s);
	if (!n || n >= sizeof(whole))
		return false;
	memcpy(whole, s, n);
	whole[n] = '\0';
	if (!mon_parse_u64(whole, 86400, &sec))
		return false;
	if (dot) {
		n = strlen(dot + 1);
		if (!n || n > 3)
			return false;
		for (i = 0; i < 3; i++) {
			char c = i < n ? dot[1 + i] : '0';

			if (c < '0' || c > '9')
				return false;
			frac = frac * 10 + (uint64_t)(c - '0');
		}
	}
	*ms = sec * 1000 + frac;
	return true;
}

static const struct mon_cmd *mon_find_cmd(const char *name)
{
	size_t i;

	for (i = 0; i < mon_ncmds; i++)
		if (!strcmp(mon_cmds[i].name, name))
			return &mon_cmds[i];
	return NULL;
}

/* Join @argv[0..@argc) with blanks into @buf; false if it does not fit. */
static bool mon_join(int argc, char **argv, char *buf, size_t len)
{
	size_t used = 0, n;
	int i;

	buf[0] = '\0';
	for (i = 0; i < argc; i++) {
		n = strlen(argv[i]);
		if (used + (i ? 1 : 0) + n >= len)
			return false;
		if (i)
			buf[used++] = ' ';
		memcpy(buf + used, argv[i], n + 1);
		used += n;
	}
	return true;
}

static int mon_cmd_args(struct mon_opts *o, int argc, char **argv, char *err,
			size_t errlen)
{
	const char *name = o->cmd->name;
	char joined[WDC_TRACE_MSG_LEN];
	uint64_t v;

	switch (o->cmd->id) {
	case MON_CMD_ON:
		o->level = D_TRACE;
		o->sections = S_ALL;
		if (argc >= 1 && WDC_TraceLevelFromStr(argv[0], &o->level))
			return mon_err(err, errlen,
				       "on: '%s' is not a level (ERROR, WARN, INFO, TRACE or OFF)",
				       argv[0]);
		if (argc >= 2 &&
		    (!mon_join(argc - 1, argv + 1, joined, sizeof(joined)) ||
		     WDC_TraceSectionsFromStr(joined, &o->sections)))
			return mon_err(err, errlen,
				       "on: '%s' is not a list of sections (see --help)",
				       joined);
		return MON_EXIT_OK;
	case MON_CMD_DUMP:
		if (argc > 1)
			return mon_err(err, errlen, "dump takes at most one FILE");
		o->file = argc ? argv[0] : NULL;
		return MON_EXIT_OK;
	case MON_CMD_SIZE:
		if (argc != 1 ||
		    !mon_parse_u64(argv[0], WDC_TRACE_MAX_RECORDS, &v) ||
		    v < WDC_TRACE_MIN_RECORDS)
			return mon_err(err, errlen,
				       "size takes one number of records, %u..%u",
				       WDC_TRACE_MIN_RECORDS,
				       WDC_TRACE_MAX_RECORDS);
		o->size = (uint32_t)v;
		return MON_EXIT_OK;
	case MON_CMD_ADD:
		if (argc < 3)
			return mon_err(err, errlen,
				       "add takes LEVEL SECTIONS MESSAGE...");
		if (WDC_TraceLevelFromStr(argv[0], &o->level) ||
		    o->level == D_OFF)
			return mon_err(err, errlen,
				       "add: '%s' is not a level (ERROR, WARN, INFO or TRACE)",
				       argv[0]);
		if (WDC_TraceSectionsFromStr(argv[1], &o->sections) ||
		    !o->sections)
			return mon_err(err, errlen,
				       "add: '%s' is not a list of sections (see --help)",
				       argv[1]);
		if (!mon_join(argc - 2, argv + 2, o->message,
			      sizeof(o->message)))
			return mon_err(err, errlen,
				       "add: the message is longer than %d bytes",
				       WDC_TRACE_MSG_LEN - 1);
		return MON_EXIT_OK;
	default:
		if (argc)
			return mon_err(err, errlen, "%s takes no arguments",
				       name);
		return MON_EXIT_OK;
	}
}

enum {
	MON_OPT_CLOCK = 0x100,
	MON_OPT_COLOR,
};

int mon_parse_args(int argc, char **argv, struct mon_opts *o, char *err,
		   size_t errlen)
{
	static const struct option opts[] = {
		{ "level", required_argument, NULL, 'l' },
		{ "section", required_argument, NULL, 's' },
		{ "pid", required_argument, NULL, 'p' },
		{ "device", required_argument, NULL, 'd' },
		{ "source", required_argument, NULL, 'S' },
		{ "json", no_argument, NULL, 'j' },
		{ "follow", no_argument, NULL, 'f' },
		{ "no-follow", no_argument, NULL, 'n' },
		{ "count", required_argument, NULL, 'c' },
		{ "timeout", required_argument, NULL, 't' },
		{ "new", no_argument, NULL, 'N' },
		{ "clock", required_argument, NULL, MON_OPT_CLOCK },
		{ "color", optional_argument, NULL, MON_OPT_COLOR },
		{ "colour", optional_argument, NULL, MON_OPT_COLOR },
		{ "agent", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	uint32_t sections = 0, v32;
	bool have_sections = false;
	uint64_t v;
	int c;

	memset(o, 0, sizeof(*o));
	o->agent_path = WDC_KAGENT_DEFAULT_PATH;
	o->filter.level = D_TRACE;
	o->filter.sections = S_ALL;
	o->follow = true;
	o->clock = MON_CLOCK_AGENT;
	o->color = MON_COLOR_AUTO;
	if (err && errlen)
		err[0] = '\0';

	optind = 0;	/* a full re-initialisation of getopt (GNU) */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":l:s:p:d:S:jfnc:t:Na:hV", opts,
				NULL)) != -1) {
		switch (c) {
		case 'l':
			if (WDC_TraceLevelFromStr(optarg, &v32) || v32 == D_OFF)
				return mon_err(err, errlen,
					       "--level: '%s' is not ERROR, WARN, INFO or TRACE",
					       optarg);
			o->filter.level = v32;
			break;
		case 's':
			if (WDC_TraceSectionsFromStr(optarg, &v32))
				return mon_err(err, errlen,
					       "--section: '%s' is not a list of sections",
					       optarg);
			sections |= v32;
			have_sections = true;
			break;
		case 'p':
			if (!mon_parse_u64(optarg, UINT32_MAX, &v))
				return mon_err(err, errlen,
					       "--pid: '%s' is not a process ID",
					       optarg);
			o->filter.has_pid = true;
			o->filter.pid = (uint32_t)v;
			break;
		case 'd':
			if (WDC_PciSlotFromStr(optarg, &o->filter.device))
				return mon_err(err, errlen,
					       "--device: '%s' is not a PCI address like 0000:00:03.0",
					       optarg);
			o->filter.has_device = true;
			break;
		case 'S':
			if (!*optarg)
				return mon_err(err, errlen, "--source is empty");
			o->filter.source = optarg;
			break;
		case 'j':
			o->json = true;
			break;
		case 'f':
			o->follow = true;
			break;
		case 'n':
			o->follow = false;
			break;
		case 'c':
			if (!mon_parse_u64(optarg, UINT64_MAX, &v) || !v)
				return mon_err(err, errlen,
					       "--count: '%s' is not a positive number",
					       optarg);
			o->count = v;
			break;
		case 't':
			if (!mon_parse_seconds(optarg, &v) || !v)
				return mon_err(err, errlen,
					       "--timeout: '%s' is not a number of seconds (0.001..86400)",
					       optarg);
			o->timeout_ms = v;
			break;
		case 'N':
			o->new_only = true;
			break;
		case MON_OPT_CLOCK:
			if (!strcmp(optarg, "rel"))
				o->clock = MON_CLOCK_REL;
			else if (!strcmp(optarg, "abs"))
				o->clock = MON_CLOCK_ABS;
			else if (!strcmp(optarg, "off"))
				o->clock = MON_CLOCK_OFF;
			else
				return mon_err(err, errlen,
					       "--clock: '%s' is not rel, abs or off",
					       optarg);
			break;
		case MON_OPT_COLOR:
			if (!optarg || !strcmp(optarg, "always"))
				o->color = MON_COLOR_ALWAYS;
			else if (!strcmp(optarg, "auto"))
				o->color = MON_COLOR_AUTO;
			else if (!strcmp(optarg, "never"))
				o->color = MON_COLOR_NEVER;
			else
				return mon_err(err, errlen,
					       "--color: '%s' is not auto, always or never",
					       optarg);
			break;
		case 'a':
			o->agent_path = optarg;
			break;
		case 'h':
			o->help = true;
			return MON_EXIT_OK;
		case 'V':
			o->version = true;
			return MON_EXIT_OK;
		case ':':
			return mon_err(err, errlen, "option %s needs an argument",
				       argv[optind - 1]);
		default:
			if (optopt)
				return mon_err(err, errlen, "unknown option -%c",
					       optopt);
			return mon_err(err, errlen, "unknown option %s",
				       argv[optind - 1]);
		}
	}
	if (have_sections)
		o->filter.sections = sections;

	argc -= optind;
	argv += optind;
	if (!argc) {
		o->help = true;	/* WinDriver's wddebug: no command, help */
		return MON_EXIT_OK;
	}
	o->cmd = mon_find_cmd(argv[0]);
	if (!o->cmd && argc >= 2 && mon_find_cmd(argv[1])) {
		/* WinDriver's "wddebug DRIVER COMMAND": /dev/DRIVER */
		if (strchr(argv[0], '/') ||
		    snprintf(o->agent_buf, sizeof(o->agent_buf), "/dev/%s",
			     argv[0]) >= (int)sizeof(o->agent_buf))
			return mon_err(err, errlen, "'%s' is not a driver name",
				       argv[0]);
		o->agent_path = o->agent_buf;
		argc--;
		argv++;
		o->cmd = mon_find_cmd(argv[0]);
	}
	if (!o->cmd)
		return mon_err(err, errlen, "unknown command '%s' (see --help)",
			       argv[0]);
	if (o->cmd->id == MON_CMD_HELP) {
		o->help = true;
		return argc == 1 ? MON_EXIT_OK :
		       mon_err(err, errlen, "help takes no arguments");
	}
	return mon_cmd_args(o, argc - 1, argv + 1, err, errlen);
}

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check_wddebug.c - host tests of wddebug's command line (commands,
 * levels and sections by name and hex, dump options, errors) and of its
 * output: text columns, colour, JSON lines and their escaping, and its
 * record filter.
 */
#include "mon.h"

#include <check.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static struct mon_opts o;
static char err[256];

/* Parse a NULL-terminated list of words after "wddebug". */
static int parse(const char *first, ...)
{
	char *argv[32];
	int argc = 0;
	const char *w;
	va_list ap;

	argv[argc++] = (char *)"wddebug";
	va_start(ap, first);
	for (w = first; w; w = va_arg(ap, const char *))
		argv[argc++] = (char *)w;
	va_end(ap);
	argv[argc] = NULL;
	return mon_parse_args(argc, argv, &o, err, sizeof(err));
}

#define ck_usage(expect_text, ...)                                            \
	do {                                                                  \
		ck_assert_int_eq(parse(__VA_ARGS__, NULL), MON_EXIT_USAGE);   \
		ck_assert_msg(strstr(err, expect_text), "error '%s' lacks '%s'",\
			      err, expect_text);                              \
	} while (0)

START_TEST(test_args_on)
{
	ck_assert_int_eq(parse("on", NULL), MON_EXIT_OK);
	ck_assert_int_eq(o.cmd->id, MON_CMD_ON);
	ck_assert_uint_eq(o.level, D_TRACE);
	ck_assert_uint_eq(o.sections, S_ALL);
	ck_assert_int_eq(parse("on", "INFO", NULL), MON_EXIT_OK);
	ck_assert_uint_eq(o.level, D_INFO);
	ck_assert_uint_eq(o.sections, S_ALL);
	ck_assert_int_eq(parse("on", "warn", "IO", "MEM", NULL), MON_EXIT_OK);
	ck_assert_uint_eq(o.level, D_WARN);
	ck_assert_uint_eq(o.sections, S_IO | S_MEM);
	ck_assert_int_eq(parse("on", "D_ERROR", "IO MEM,int", NULL), MON_EXIT_OK);
	ck_assert_uint_eq(o.level, D_ERROR);
	ck_assert_uint_eq(o.sections, S_IO | S_MEM | S_INT);
	ck_assert_int_eq(parse("on", "TRACE", "0x30", NULL), MON_EXIT_OK);
	ck_assert_uint_eq(o.sections, 0x30);
	ck_assert_int_eq(parse("on", "3", "0x8", "KER_PLUG", NULL), MON_EXIT_OK);
	ck_assert_uint_eq(o.level, D_INFO);
	ck_assert_uint_eq(o.sections, S_IO | S_KER_PLUG);
	ck_assert_int_eq(parse("on", "OFF", NULL), MON_EXIT_OK);
	ck_assert_uint_eq(o.level, D_OFF);
	ck_usage("'LOUD' is not a level", "on", "LOUD");
	ck_usage("is not a list of sections", "on", "INFO", "IO", "BOGUS");
	ck_usage("is not a list of sections", "on", "INFO", "0x");
}
END_TEST

START_TEST(test_args_simple_commands)
{
	static const struct {
		const char *name;
		enum mon_cmd_id id;
	} cmds[] = {
		{ "off", MON_CMD_OFF }, { "status", MON_CMD_STATUS },
		{ "clear", MON_CMD_CLEAR }, { "dbg_on", MON_CMD_DBG_ON },
		{ "dbg_off", MON_CMD_DBG_OFF }, { "clock_on", MON_CMD_CLOCK_ON },
		{ "clock_off", MON_CMD_CLOCK_OFF },
		{ "clock_reset", MON_CMD_CLOCK_RESET },
		{ "sect_info_on", MON_CMD_SECT_INFO_ON },
		{ "sect_info_off", MON_CMD_SECT_INFO_OFF },
	};
	size_t i;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		ck_assert_int_eq(parse(cmds[i].name, NULL), MON_EXIT_OK);
		ck_assert_int_eq(o.cmd->id, cmds[i].id);
		ck_assert_str_eq(o.agent_path, "/dev/kagent");
		ck_assert_int_eq(parse(cmds[i].name, "extra", NULL),
				 MON_EXIT_USAGE);
		ck_assert_msg(strstr(err, "takes no arguments"), "%s", err);
	}
	ck_usage("unknown command 'bogus'", "bogus");
	ck_usage("unknown command 'ON'", "ON");
}
END_TEST

START_TEST(test_args_help_version)
{
	ck_assert_int_eq(parse(NULL), MON_EXIT_OK);	/* no command: help */
	ck_assert(o.help);
	ck_assert_int_eq(parse("help", NULL), MON_EXIT_OK);
	ck_assert(o.help);
	ck_assert_int_eq(parse("--help", NULL), MON_EXIT_OK);
	ck_assert(o.help);
	ck_assert_int_eq(parse("-V", NULL), MON_EXIT_OK);
	ck_assert(o.version);
	ck_assert_int_eq(parse("status", "--version", NULL), MON_EXIT_OK);
	ck_assert(o.version);
	ck_usage("unknown option --bogus", "--bogus", "status");
	ck_usage("unknown option -x", "-x", "status");
	ck_usage("needs an argument", "dump", "--level");
}
END_TEST

START_TEST(test_args_driver_name)
{
	ck_assert_int_eq(parse("kagent", "status", NULL), MON_EXIT_OK);
	ck_assert_int_eq(o.cmd->id, MON_CMD_STATUS);
	ck_assert_str_eq(o.agent_path, "/dev/kagent");
	ck_assert_int_eq(parse("kagent2", "on", "INFO", NULL), MON_EXIT_OK);
	ck_assert_str_eq(o.agent_path, "/dev/kagent2");
	ck_assert_uint_eq(o.level, D_INFO);
	ck_assert_int_eq(parse("--agent", "/tmp/x", "off", NULL), MON_EXIT_OK);
	ck_assert_str_eq(o.agent_path, "/tmp/x");
	ck_usage("not a driver name", "../x", "status");
	ck_usage("unknown command 'kagent'", "kagent", "bogus");
}
END_TEST

START_TEST(test_args_dump)
{
	ck_assert_int_eq(parse("dump", NULL), MON_EXIT_OK);
	ck_assert_int_eq(o.cmd->id, MON_CMD_DUMP);
	ck_assert_ptr_null(o.file);
	ck_assert(o.follow);
	ck_assert(!o.json);
	ck_assert(!o.new_only);
	ck_assert_uint_eq(o.count, 0);
	ck_assert_uint_eq(o.timeout_ms, 0);
	ck_assert_uint_eq(o.filter.level, D_TRACE);
	ck_assert_uint_eq(o.filter.sections, S_ALL);
	ck_assert(!o.filter.has_pid);
	ck_assert(!o.filter.has_device);
	ck_assert_ptr_null(o.filter.source);
	ck_assert_int_eq(o.clock, MON_CLOCK_AGENT);
	ck_assert_int_eq(o.color, MON_COLOR_AUTO);

	ck_assert_int_eq(parse("dump", "out.txt", "-n", "-c", "5", "-t", "2.5",
			       "--json", "-l", "WARN", "-s", "IO", "--section",
			       "MEM,INT", "-p", "42", "-d", "00:03.0", "-S",
			       "kp_pci", "--new", "--clock=abs", "--color=never",
			       NULL),
			 MON_EXIT_OK);
	ck_assert_str_eq(o.file, "out.txt");
	ck_assert(!o.follow);
	ck_assert(o.json);
	ck_assert(o.new_only);
	ck_assert_uint_eq(o.count, 5);
	ck_assert_uint_eq(o.timeout_ms, 2500);
	ck_assert_uint_eq(o.filter.level, D_WARN);
	ck_assert_uint_eq(o.filter.sections, S_IO | S_MEM | S_INT);
	ck_assert(o.filter.has_pid);
	ck_assert_uint_eq(o.filter.pid, 42);
	ck_assert(o.filter.has_device);
	ck_assert_uint_eq(o.filter.device.dwDomain, 0);
	ck_assert_uint_eq(o.filter.device.dwBus, 0);
	ck_assert_uint_eq(o.filter.device.dwSlot, 3);
	ck_assert_uint_eq(o.filter.device.dwFunction, 0);
	ck_assert_str_eq(o.filter.source, "kp_pci");
	ck_assert_int_eq(o.clock, MON_CLOCK_ABS);
	ck_assert_int_eq(o.color, MON_COLOR_NEVER);

	/* Options before the command, and the last of -f/-n wins. */
	ck_assert_int_eq(parse("--no-follow", "--follow", "--clock", "off",
			       "--color", "dump", NULL), MON_EXIT_OK);
	ck_assert(o.follow);
	ck_assert_int_eq(o.clock, MON_CLOCK_OFF);
	ck_assert_int_eq(o.color, MON_COLOR_ALWAYS);
	ck_assert_int_eq(parse("dump", "--section=0x10", NULL), MON_EXIT_OK);
	ck_assert_uint_eq(o.filter.sections, S_MEM);

	ck_usage("at most one FILE", "dump", "a", "b");
	ck_usage("--level: 'OFF'", "dump", "--level", "OFF");
	ck_usage("--level: 'LOUD'", "dump", "--level=LOUD");
	ck_usage("--section: 'NOPE'", "dump", "-s", "NOPE");
	ck_usage("--pid: 'x'", "dump", "-p", "x");
	ck_usage("--pid: '-1'", "dump", "-p", "-1");
	ck_usage("--device: '00:03'", "dump", "-d", "00:03");
	ck_usage("--source is empty", "dump", "-S", "");
	ck_usage("--count: '0'", "dump", "-c", "0");
	ck_usage("--count: '1x'", "dump", "-c", "1x");
	ck_usage("--timeout: '0'", "dump", "-t", "0");
	ck_usage("--timeout: '1.2345'", "dump", "-t", "1.2345");
	ck_usage("--timeout: '-1'", "dump", "-t", "-1");
	ck_usage("--timeout: '.5'", "dump", "-t", ".5");
	ck_usage("--clock: 'now'", "dump", "--clock=now");
	ck_usage("--color: 'red'", "dump", "--color=red");
}
END_TEST

START_TEST(test_args_size_add)
{
	char longmsg[300];

	ck_assert_int_eq(parse("size", "100", NULL), MON_EXIT_OK);
	ck_assert_uint_eq(o.size, 100);
	ck_assert_int_eq(parse("size", "16", NULL), MON_EXIT_OK);
	ck_assert_int_eq(parse("size", "65536", NULL), MON_EXIT_OK);
	ck_usage("16..65536", "size", "15");
	ck_usage("16..65536", "size", "65537");
	ck_usage("16..65536", "size", "0x100");
	ck_usage("16..65536", "size");
	ck_usage("16..65536", "size", "16", "32");

	ck_assert_int_eq(parse("add", "INFO", "MISC", "hello", "world", NULL),
			 MON_EXIT_OK);
	ck_assert_int_eq(o.cmd->id, MON_CMD_ADD);
	ck_assert_uint_eq(o.level, D_INFO);
	ck_assert_uint_eq(o.sections, S_MISC);
	ck_assert_str_eq(o.message, "hello world");
	ck_assert_int_eq(parse("add", "error", "io,mem", "x", NULL), MON_EXIT_OK);
	ck_assert_uint_eq(o.sections, S_IO | S_MEM);
	ck_usage("LEVEL SECTIONS MESSAGE", "add", "INFO", "MISC");
	ck_usage("'OFF' is not a level", "add", "OFF", "MISC", "x");
	ck_usage("'0x0' is not a list", "add", "INFO", "0x0", "x");
	memset(longmsg, 'a', 255);
	longmsg[255] = '\0';
	ck_assert_int_eq(parse("add", "INFO", "MISC", longmsg, NULL),
			 MON_EXIT_OK);
	ck_assert_uint_eq(strlen(o.message), 255);
	longmsg[255] = 'a';
	longmsg[256] = '\0';
	ck_usage("longer than 255", "add", "INFO", "MISC", longmsg);
}
END_TEST

START_TEST(test_parse_numbers)
{
	uint64_t v;

	ck_assert(mon_parse_u64("0", 10, &v) && v == 0);
	ck_assert(mon_parse_u64("10", 10, &v) && v == 10);
	ck_assert(!mon_parse_u64("11", 10, &v));
	ck_assert(!mon_parse_u64("", 10, &v));
	ck_assert(!mon_parse_u64(" 1", 10, &v));
	ck_assert(!mon_parse_u64("+1", 10, &v));
	ck_assert(!mon_parse_u64("99999999999999999999999", UINT64_MAX, &v));
	ck_assert(mon_parse_seconds("2", &v) && v == 2000);
	ck_assert(mon_parse_seconds("0.5", &v) && v == 500);
	ck_assert(mon_parse_seconds("1.25", &v) && v == 1250);
	ck_assert(mon_parse_seconds("0.001", &v) && v == 1);
	ck_assert(mon_parse_seconds("86400", &v) && v == 86400000);
	ck_assert(!mon_parse_seconds("86401", &v));
	ck_assert(!mon_parse_seconds("1.", &v));
	ck_assert(!mon_parse_seconds("1.a", &v));
	ck_assert(!mon_parse_seconds("1e3", &v));
	ck_assert(!mon_parse_seconds(NULL, &v));
}
END_TEST

START_TEST(test_usage_lists_every_command)
{
	char *text = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(f);
	mon_usage(f);
	fclose(f);
	ck_assert(!strncmp(text, "Usage: wddebug", 14));
	for (i = 0; i < mon_ncmds; i++) {
		char want[40];

		snprintf(want, sizeof(want), "\n  %s ", mon_cmds[i].name);
		ck_assert_msg(strstr(text, want), "help lacks %s",
			      mon_cmds[i].name);
	}
	ck_assert(strstr(text, "--no-follow"));
	ck_assert(strstr(text, "Exit status"));
	free(text);
}
END_TEST

/* ---- output ----------------------------------------------------------- */

static void fill(WDC_TRACE_RECORD *r)
{
	memset(r, 0, sizeof(*r));
	r->qwSeq = 42;
	r->qwTimeNs = 12345678901ull;
	r->dwLevel = D_INFO;
	r->dwSection = S_CARD_REG;
	r->dwSourceType = WDC_TRACE_SRC_AGENT;
	r->dwFlags = WDC_TRACE_REC_DEV;
	r->dwCpu = 1;
	r->dwPid = 321;
	r->dwTid = 322;
	r->pciSlot.dwSlot = 3;
	strcpy(r->cComm, "edu_info");
	strcpy(r->cSource, "kagent");
	strcpy(r->cMessage, "opened: handle 1");
}

static const char *json(const char *s)
{
	static char buf[2048];

	mon_json_string(s, buf, sizeof(buf));
	return buf;
}

START_TEST(test_json_escaping)
{
	ck_assert_str_eq(json(""), "\"\"");
	ck_assert_str_eq(json("plain"), "\"plain\"");
	ck_assert_str_eq(json("q\"b\\s/"), "\"q\\\"b\\\\s/\"");
	ck_assert_str_eq(json("\b\f\n\r\t"), "\"\\b\\f\\n\\r\\t\"");
	ck_assert_str_eq(json("\x01\x1f\x7f"), "\"\\u0001\\u001f\\u007f\"");
	/* Valid UTF-8 passes: 2, 3 and 4 byte sequences. */
	ck_assert_str_eq(json("\xc2\xb5s \xe2\x82\xac \xf0\x9f\x98\x80"),
			 "\"\xc2\xb5s \xe2\x82\xac \xf0\x9f\x98\x80\"");
	/* Everything else becomes U+FFFD, byte by byte. */
	ck_assert_str_eq(json("a\xff" "b"), "\"a\\ufffdb\"");
	ck_assert_str_eq(json("\xc3"), "\"\\ufffd\"");	/* cut short */
	ck_assert_str_eq(json("\xc3(x"), "\"\\ufffd(x\"");
	ck_assert_str_eq(json("\xc0\x80"), "\"\\ufffd\\ufffd\"");	/* overlong */
	ck_assert_str_eq(json("\xe0\x80\x80"),
			 "\"\\ufffd\\ufffd\\ufffd\"");	/* overlong */
	ck_assert_str_eq(json("\xed\xa0\x80"),
			 "\"\\ufffd\\ufffd\\ufffd\"");	/* surrogate */
	ck_assert_str_eq(json("\xf4\x90\x80\x80"),
			 "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");	/* > U+10FFFF */
	ck_assert_str_eq(json("\x80"), "\"\\ufffd\"");	/* stray continuation */
}
END_TEST

START_TEST(test_json_record)
{
	struct mon_fmt fmt = { .json = true, .clock_base_ns = 345678901ull };
	char line[MON_LINE_MAX];
	WDC_TRACE_RECORD r;
	size_t n;

	fill(&r);
	n = mon_format_record(&fmt, &r, line, sizeof(line));
	ck_assert_uint_eq(n, strlen(line));
	ck_assert_str_eq(line,
			 "{\"type\":\"record\",\"seq\":42,\"time_ns\":12345678901,"
			 "\"rel_ns\":12000000000,\"cpu\":1,\"pid\":321,\"tid\":322,"
			 "\"comm\":\"edu_info\",\"context\":\"task\",\"level\":\"INFO\","
			 "\"section\":\"CARD_REG\",\"section_mask\":8192,"
			 "\"device\":\"0000:00:03.0\",\"source\":\"kagent\","
			 "\"source_type\":\"agent\",\"message\":\"opened: handle 1\"}\n");
	/* No device, hard IRQ, several sections, a message to escape,
	 * a record from before the clock base. */
	r.dwFlags = WDC_TRACE_REC_HARDIRQ;
	r.dwSourceType = WDC_TRACE_SRC_PLUGIN;
	r.dwSection = S_INT | S_KER_PLUG;
	r.dwPid = r.dwTid = 0;
	r.qwTimeNs = 1;
	fmt.clock_base_ns = 3;
	strcpy(r.cComm, "[hardirq]");
	strcpy(r.cSource, "kp_\"x\"");
	strcpy(r.cMessage, "tab\there");
	mon_format_record(&fmt, &r, line, sizeof(line));
	ck_assert_str_eq(line,
			 "{\"type\":\"record\",\"seq\":42,\"time_ns\":1,"
			 "\"rel_ns\":-2,\"cpu\":1,\"pid\":0,\"tid\":0,"
			 "\"comm\":\"[hardirq]\",\"context\":\"hardirq\",\"level\":\"INFO\","
			 "\"section\":\"INT|KER_PLUG\",\"section_mask\":65568,"
			 "\"device\":null,\"source\":\"kp_\\\"x\\\"\","
			 "\"source_type\":\"plugin\",\"message\":\"tab\\there\"}\n");
	/* A loss. */
	memset(&r, 0, sizeof(r));
	r.fLost = true;
	r.qwSeq = 5;
	r.qwLost = 84;
	r.qwTimeNs = 9;
	mon_format_record(&fmt, &r, line, sizeof(line));
	ck_assert_str_eq(line,
			 "{\"type\":\"lost\",\"seq\":5,\"lost\":84,\"time_ns\":9}\n");
	/* Colour never applies to JSON. */
	fmt.color = true;
	fill(&r);
	r.dwLevel = D_ERROR;
	mon_format_record(&fmt, &r, line, sizeof(line));
	ck_assert_int_eq(line[0], '{');
}
END_TEST

START_TEST(test_text_record)
{
	struct mon_fmt fmt = { .show_time = true, .show_section = true,
			       .clock_base_ns = 345678901ull };
	char line[MON_LINE_MAX];
	WDC_TRACE_RECORD r;

	fill(&r);
	mon_format_columns(&fmt, line, sizeof(line));
	ck_assert_str_eq(line,
			 "     SEQ            TIME CPU     PID COMMAND         LEVEL SECTION  DEVICE       SOURCE         MESSAGE\n");
	mon_format_record(&fmt, &r, line, sizeof(line));
	ck_assert_str_eq(line,
			 "      42       12.000000   1     321 edu_info        INFO  CARD_REG 0000:00:03.0 kagent         opened: handle 1\n");
	/* Absolute time; no section column; interrupt context. */
	fmt.abs_time = true;
	fmt.show_section = false;
	r.dwFlags = WDC_TRACE_REC_HARDIRQ;
	r.dwPid = 0;
	strcpy(r.cComm, "[hardirq]");
	strcpy(r.cMessage, "a\nb\x7f");
	mon_format_columns(&fmt, line, sizeof(line));
	ck_assert_str_eq(line,
			 "     SEQ      TIME(boot) CPU     PID COMMAND         LEVEL DEVICE       SOURCE         MESSAGE\n");
	mon_format_record(&fmt, &r, line, sizeof(line));
	ck_assert_str_eq(line,
			 "      42       12.345678   1       - [hardirq]       INFO  -            kagent         a\\x0ab\\x7f\n");
	/* No time; a time before the base is negative. */
	fmt.show_time = false;
	mon_format_record(&fmt, &r, line, sizeof(line));
	ck_assert_str_eq(line,
			 "      42   1       - [hardirq]       INFO  -            kagent         a\\x0ab\\x7f\n");
	fmt.show_time = true;
	fmt.abs_time = false;
	r.qwTimeNs = 345678900ull;
	mon_format_record(&fmt, &r, line, sizeof(line));
	ck_assert(strstr(line, "       -0.000000 "));
	r.qwTimeNs = 345678901ull - 1500000000ull;
	mon_format_record(&fmt, &r, line, sizeof(line));
	ck_assert(strstr(line, "       -1.500000 "));
	/* A loss. */
	memset(&r, 0, sizeof(r));
	r.fLost = true;
	r.qwSeq = 5;
	r.qwLost = 84;
	mon_format_record(&fmt, &r, line, sizeof(line));
	ck_assert(!strncmp(line, "*** 84 records lost (seq 5..88)", 31));
}
END_TEST

START_TEST(test_text_colour)
{
	struct mon_fmt fmt = { .color = true };
	char line[MON_LINE_MAX];
	WDC_TRACE_RECORD r;
	size_t n;

	fill(&r);
	r.dwLevel = D_ERROR;
	n = mon_format_record(&fmt, &r, line, sizeof(line));
	ck_assert(!strncmp(line, "\033[1;31m", 7));
	ck_assert_str_eq(line + n - 5, "\033[0m\n");
	r.dwLevel = D_WARN;
	mon_format_record(&fmt, &r, line, sizeof(line));
	ck_assert(!strncmp(line, "\033[33m", 5));
	r.dwLevel = D_TRACE;
	mon_format_record(&fmt, &r, line, sizeof(line));
	ck_assert(!strncmp(line, "\033[2m", 4));
	r.dwLevel = D_INFO;	/* plain */
	mon_format_record(&fmt, &r, line, sizeof(line));
	ck_assert(!strchr(line, '\033'));
	fmt.color = false;
	r.dwLevel = D_ERROR;
	mon_format_record(&fmt, &r, line, sizeof(line));
	ck_assert(!strchr(line, '\033'));
}
END_TEST

START_TEST(test_line_cut_to_buffer)
{
	struct mon_fmt fmt = { .json = true };
	char line[32];
	WDC_TRACE_RECORD r;
	size_t n;

	fill(&r);
	n = mon_format_record(&fmt, &r, line, sizeof(line));
	ck_assert_uint_eq(n, sizeof(line) - 1);
	ck_assert_uint_eq(strlen(line), n);
	ck_assert_int_eq(line[n - 1], '\n');
	/* The longest message fits the normal line buffer. */
	{
		char big[MON_LINE_MAX];

		memset(r.cMessage, 0x01, sizeof(r.cMessage) - 1);
		r.cMessage[sizeof(r.cMessage) - 1] = '\0';
		memset(r.cSource, 0x02, sizeof(r.cSource) - 1);
		memset(r.cComm, 0x03, sizeof(r.cComm) - 1);
		n = mon_format_record(&fmt, &r, big, sizeof(big));
		ck_assert_uint_lt(n, sizeof(big) - 1);
		ck_assert(!strcmp(big + n - 3, "\"}\n"));
	}
}
END_TEST

START_TEST(test_filter)
{
	struct mon_filter f = { .level = D_TRACE, .sections = S_ALL };
	WDC_TRACE_RECORD r;

	fill(&r);
	ck_assert(mon_filter_match(&f, &r));
	f.level = D_WARN;
	ck_assert(!mon_filter_match(&f, &r));
	r.dwLevel = D_WARN;
	ck_assert(mon_filter_match(&f, &r));
	f.sections = S_IO | S_MEM;
	ck_assert(!mon_filter_match(&f, &r));
	r.dwSection = S_MEM | S_INT;
	ck_assert(mon_filter_match(&f, &r));
	f.has_pid = true;
	f.pid = 320;
	ck_assert(!mon_filter_match(&f, &r));
	f.pid = 321;
	ck_assert(mon_filter_match(&f, &r));
	f.has_device = true;
	f.device.dwSlot = 4;
	ck_assert(!mon_filter_match(&f, &r));
	f.device.dwSlot = 3;
	ck_assert(mon_filter_match(&f, &r));
	r.dwFlags = 0;	/* no device: never matches a device filter */
	r.pciSlot.dwSlot = 3;
	ck_assert(!mon_filter_match(&f, &r));
	r.dwFlags = WDC_TRACE_REC_DEV;
	f.source = "agent";
	ck_assert(mon_filter_match(&f, &r));
	f.source = "kagent";
	ck_assert(mon_filter_match(&f, &r));
	f.source = "user";
	ck_assert(!mon_filter_match(&f, &r));
	r.dwSourceType = WDC_TRACE_SRC_USER;
	ck_assert(mon_filter_match(&f, &r));
	f.source = "kp_pci";
	ck_assert(!mon_filter_match(&f, &r));
	/* A loss always shows. */
	memset(&r, 0, sizeof(r));
	r.fLost = true;
	ck_assert(mon_filter_match(&f, &r));
}
END_TEST

static Suite *wddebug_suite(void)
{
	Suite *s = suite_create("wddebug");
	TCase *ta = tcase_create("args");
	TCase *tf = tcase_create("format");

	tcase_add_test(ta, test_args_on);
	tcase_add_test(ta, test_args_simple_commands);
	tcase_add_test(ta, test_args_help_version);
	tcase_add_test(ta, test_args_driver_name);
	tcase_add_test(ta, test_args_dump);
	tcase_add_test(ta, test_args_size_add);
	tcase_add_test(ta, test_parse_numbers);
	tcase_add_test(ta, test_usage_lists_every_command);
	suite_add_tcase(s, ta);
	tcase_add_test(tf, test_json_escaping);
	tcase_add_test(tf, test_json_record);
	tcase_add_test(tf, test_text_record);
	tcase_add_test(tf, test_text_colour);
	tcase_add_test(tf, test_line_cut_to_buffer);
	tcase_add_test(tf, test_filter);
	suite_add_tcase(s, tf);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(wddebug_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

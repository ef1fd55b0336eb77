// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check_tui_cmd.c - host tests of wdtui's command layer: the tokenizer,
 * number parsing, the result-line format, dispatch errors, batch mode
 * semantics, and the commands that need no agent, on a captured dump.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "kp_pci.h"
#include "tui_cmd.h"
#include "tui_feat.h"
#include "tui_fixture.h"
#include "tui_util.h"

/* ---- Tokenizer ---------------------------------------------------------- */

static int tok(const char *line, struct tui_args *a, char *buf, size_t len)
{
	char err[128];

	snprintf(buf, len, "%s", line);
	return tui_tokenize(buf, a, err, sizeof(err));
}

START_TEST(test_tokenize_words)
{
	struct tui_args a;
	char buf[256];

	ck_assert_int_eq(tok("  read\t0  0x10 32 \r\n", &a, buf, sizeof(buf)), 0);
	ck_assert_int_eq(a.argc, 4);
	ck_assert_str_eq(a.argv[0], "read");
	ck_assert_str_eq(a.argv[1], "0");
	ck_assert_str_eq(a.argv[2], "0x10");
	ck_assert_str_eq(a.argv[3], "32");
	ck_assert(!a.quoted[0]);

	ck_assert_int_eq(tok("", &a, buf, sizeof(buf)), 0);
	ck_assert_int_eq(a.argc, 0);
	ck_assert_int_eq(tok("   # a comment", &a, buf, sizeof(buf)), 0);
	ck_assert_int_eq(a.argc, 0);
	ck_assert_int_eq(tok("scan # trailing comment", &a, buf, sizeof(buf)), 0);
	ck_assert_int_eq(a.argc, 1);
	/* '#' inside a word is not a comment */
	ck_assert_int_eq(tok("kp call a#b", &a, buf, sizeof(buf)), 0);
	ck_assert_int_eq(a.argc, 3);
	ck_assert_str_eq(a.argv[2], "a#b");
}
END_TEST

START_TEST(test_tokenize_quotes)
{
	struct tui_args a;
	char buf[256];

	ck_assert_int_eq(tok("x \"a b\" 'c \\d' \"q\\\"\\\\\" \"\\x41\\x7e\" e\"f g\"h",
			     &a, buf, sizeof(buf)), 0);
	ck_assert_int_eq(a.argc, 6);
	ck_assert_str_eq(a.argv[1], "a b");
	ck_assert(a.quoted[1]);
	ck_assert_str_eq(a.argv[2], "c \\d");	/* single quotes are literal */
	ck_assert_str_eq(a.argv[3], "q\"\\");
	ck_assert_str_eq(a.argv[4], "A~");
	ck_assert_str_eq(a.argv[5], "ef gh");
	ck_assert_int_eq(tok("x \"\"", &a, buf, sizeof(buf)), 0);
	ck_assert_int_eq(a.argc, 2);
	ck_assert_str_eq(a.argv[1], "");
}
END_TEST

START_TEST(test_tokenize_errors)
{
	struct tui_args a;
	char buf[512], line[512];
	size_t pos = 0;
	int i;

	ck_assert_int_eq(tok("x \"open", &a, buf, sizeof(buf)), -1);
	ck_assert_int_eq(tok("x 'open", &a, buf, sizeof(buf)), -1);
	ck_assert_int_eq(tok("x \"\\q\"", &a, buf, sizeof(buf)), -1);
	ck_assert_int_eq(tok("x \"\\x4\"", &a, buf, sizeof(buf)), -1);
	ck_assert_int_eq(tok("x \"\\x00\"", &a, buf, sizeof(buf)), -1);
	line[0] = '\0';
	for (i = 0; i < TUI_CMD_MAX_ARGS; i++)
		tui_sbprintf(line, sizeof(line), &pos, "w%d ", i);
	ck_assert_int_eq(tok(line, &a, buf, sizeof(buf)), 0);
	ck_assert_int_eq(a.argc, TUI_CMD_MAX_ARGS);
	tui_sbprintf(line, sizeof(line), &pos, "one-more");
	ck_assert_int_eq(tok(line, &a, buf, sizeof(buf)), -1);
}
END_TEST

START_TEST(test_parse_numbers)
{
	uint8_t b[4];
	uint64_t v;

	ck_assert(tui_parse_u64("0", &v) && v == 0);
	ck_assert(tui_parse_u64("010", &v) && v == 10);	/* not octal */
	ck_assert(tui_parse_u64("0x10", &v) && v == 16);
	ck_assert(tui_parse_u64("0XfF", &v) && v == 255);
	ck_assert(tui_parse_u64("18446744073709551615", &v) && v == UINT64_MAX);
	ck_assert(tui_parse_u64("0xffffffffffffffff", &v) && v == UINT64_MAX);
	ck_assert(!tui_parse_u64("18446744073709551616", &v));
	ck_assert(!tui_parse_u64("0x10000000000000000", &v));
	ck_assert(!tui_parse_u64("", &v));
	ck_assert(!tui_parse_u64("0x", &v));
	ck_assert(!tui_parse_u64("-1", &v));
	ck_assert(!tui_parse_u64("+1", &v));
	ck_assert(!tui_parse_u64("ff", &v));
	ck_assert(!tui_parse_u64("12 ", &v));
	ck_assert(!tui_parse_u64("0x1g", &v));

	ck_assert_int_eq(tui_parse_hex_bytes("deadBEEF", b, 4), 4);
	ck_assert_uint_eq(b[0], 0xde);
	ck_assert_uint_eq(b[3], 0xef);
	ck_assert_int_eq(tui_parse_hex_bytes("abc", b, 4), -1);
	ck_assert_int_eq(tui_parse_hex_bytes("", b, 4), -1);
	ck_assert_int_eq(tui_parse_hex_bytes("0011223344", b, 4), -1);
	ck_assert_int_eq(tui_parse_hex_bytes("zz", b, 4), -1);
}
END_TEST

/* ---- Result lines ------------------------------------------------------- */

START_TEST(test_out_format)
{
	static const uint8_t data[] = { 0xed, 0x00, 0x00, 0x01 };
	struct tui_out o;

	tui_out_init(&o);
	snprintf(o.name, sizeof(o.name), "read");
	tui_out_kv(&o, "bar", "%u", 0u);
	tui_out_value(&o, "value", 0x10000ed, 4);
	tui_out_value(&o, "b", 0x5, 1);
	tui_out_kv(&o, "name", "%s", "two words");
	tui_out_kv(&o, "q", "%s", "say \"hi\" \\ a=b");
	tui_out_kv(&o, "ctl", "%s", "t\tn\n\x7f");
	tui_out_kv(&o, "empty", "%s", "");
	tui_out_kv(&o, "bdf", "%s", "0000:00:03.0,x/y+z-");
	tui_out_hex(&o, "data", data, sizeof(data));
	tui_out_hex(&o, "none", data, 0);
	ck_assert_str_eq(tui_out_line(&o),
			 "ok read bar=0 value=0x010000ed b=0x05 name=\"two words\" "
			 "q=\"say \\\"hi\\\" \\\\ a=b\" ctl=\"t\\x09n\\x0a\\x7f\" "
			 "empty=\"\" bdf=0000:00:03.0,x/y+z- data=ed000001 none=-");
	tui_out_free(&o);

	tui_out_init(&o);
	snprintf(o.name, sizeof(o.name), "cfg.read");
	tui_out_kv(&o, "dev", "%s", "0000:00:03.0");
	ck_assert_int_eq(tui_out_error(&o, WD_INVALID_PARAMETER, "bad \"%s\"",
				       "x"), -1);
	/* An error line has only code and msg, whatever was added before. */
	ck_assert_str_eq(tui_out_line(&o), "error cfg.read code=0x2000001b "
			 "msg=\"bad \\\"x\\\"\"");
	tui_out_free(&o);
}
END_TEST

static struct tui_out run_out;

/* Whether @s starts with @prefix. */
static bool starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* Run @line on @m; return the result line (valid until the next call). */
static const char *run(struct tui_model *m, const char *line, int *rc)
{
	struct tui_out *o = &run_out;
	int r;

	tui_out_free(o);
	r = tui_cmd_exec(m, line, o);
	if (rc)
		*rc = r;
	return r > 0 ? "" : tui_out_line(o);
}

/* Free what run() keeps, before a model goes (the leak checker looks). */
static void run_done(struct tui_model *m)
{
	tui_out_free(&run_out);
	tui_model_free(m);
}

START_TEST(test_dispatch_errors)
{
	struct tui_model m;
	int rc;

	tui_fixture_model(&m, "qemu-pc.lspci");
	ck_assert_str_eq(run(&m, "  # nothing", &rc), "");
	ck_assert_int_eq(rc, 1);
	ck_assert_str_eq(run(&m, "frob 1 2", &rc),
			 "error frob code=0x2000001b msg=\"unknown command 'frob' "
			 "(help lists them)\"");
	ck_assert_int_eq(rc, -1);
	/* A junk name is cleaned before it becomes the result's NAME. */
	ck_assert(starts(run(&m, "\"a b=c\"", &rc), "error abc code="));
	ck_assert_str_eq(run(&m, "cfg", &rc),
			 "error cfg code=0x2000001b msg=\"cfg needs a subcommand: "
			 "read, write, dump, caps, regs\"");
	ck_assert_str_eq(run(&m, "cfg frob", &rc),
			 "error cfg code=0x2000001b msg=\"unknown cfg subcommand "
			 "'frob': read, write, dump, caps, regs\"");
	ck_assert_str_eq(run(&m, "read 0", &rc),
			 "error read code=0x2000001b msg=\"missing arguments: "
			 "usage: read BAR OFFSET [WIDTH]\"");
	ck_assert_str_eq(run(&m, "close now", &rc),
			 "error close code=0x2000001b msg=\"too many arguments: "
			 "usage: close\"");
	ck_assert_str_eq(run(&m, "read 6 0", &rc),
			 "error read code=0x2000001b msg=\"bad BAR '6': give 0 to 5\"");
	ck_assert_str_eq(run(&m, "read 0 ten", &rc),
			 "error read code=0x2000001b msg=\"bad offset 'ten': give a "
			 "number, 0x... for hex\"");
	ck_assert_str_eq(run(&m, "read 0 0 24", &rc),
			 "error read code=0x2000001b msg=\"bad width '24': give 8, "
			 "16, 32 or 64 (bits)\"");
	ck_assert_str_eq(run(&m, "write 0 0 0x100 8", &rc),
			 "error write code=0x2000001b msg=\"value 0x100 does not fit "
			 "in 8 bits\"");
	ck_assert_str_eq(run(&m, "open 00:03.0 color=red", &rc),
			 "error open code=0x2000001b msg=\"unknown option 'color'\"");
	ck_assert_str_eq(run(&m, "open 00:03.0 data=00", &rc),
			 "error open code=0x2000001b msg=\"data= is the Kernel "
			 "PlugIn's open data: give kp=NAME too\"");
	ck_assert_str_eq(run(&m, "\"unterminated", &rc),
			 "error ? code=0x2000001b msg=\"unterminated \\\" quote\"");
	run_done(&m);
}
END_TEST

START_TEST(test_features_need_device)
{
	struct tui_model m;
	int rc;

	tui_fixture_model(&m, "qemu-pc.lspci");
	ck_assert_str_eq(run(&m, "int enable type=msi kp=1", &rc),
			 "error int.enable code=0x20000001 msg=\"no device is "
			 "open: open one first (open BDF, or Enter on the device "
			 "list)\"");
	ck_assert_int_eq(rc, -1);
	ck_assert_str_eq(run(&m, "int", &rc),
			 "error int code=0x2000001b msg=\"int needs a subcommand: "
			 "enable, status, trigger, wait, disable\"");
	ck_assert_str_eq(run(&m, "kp call 4 u32=10,0", &rc),
			 "error kp.call code=0x20000001 msg=\"no device is "
			 "open: open one first (open BDF, or Enter on the device "
			 "list)\"");
	ck_assert_str_eq(run(&m, "kp call 4 hex=00 u32=1", &rc),
			 "error kp.call code=0x20000001 msg=\"no device is "
			 "open: open one first (open BDF, or Enter on the device "
			 "list)\"");
	ck_assert_str_eq(run(&m, "trace dump count=0", &rc),
			 "error trace.dump code=0x2000001b msg=\"count=0: give 1 "
			 "to 1000\"");
	run_done(&m);
}
END_TEST

/* ---- Feature argument parsers -------------------------------------------- */

START_TEST(test_parse_ack)
{
	WDC_TRANSFER c[TUI_ACK_MAX];
	char err[256];
	uint32_t n;

	ck_assert_int_eq(tui_parse_ack("edu", c, TUI_ACK_MAX, &n, err,
				       sizeof(err)), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(c[0].cmdTrans, RM_DWORD);
	ck_assert_uint_eq(c[0].dwOffset, 0x24);
	ck_assert_uint_eq(c[1].cmdTrans, CMD_MASK);
	ck_assert_uint_eq(c[1].Data.Dword, 0xffffffffu);
	ck_assert_uint_eq(c[2].cmdTrans, CMD_WRITE_LAST_READ);
	ck_assert_uint_eq(c[2].dwOffset, 0x64);

	ck_assert_int_eq(tui_parse_ack("none", c, TUI_ACK_MAX, &n, err,
				       sizeof(err)), 0);
	ck_assert_uint_eq(n, 0);

	ck_assert_int_eq(tui_parse_ack("R32:0:0x24,MASK:0x100,WLAST:0:0x64,"
				       "w16:2:8:0xbeef,R64:1:0x10", c,
				       TUI_ACK_MAX, &n, err, sizeof(err)), 0);
	ck_assert_uint_eq(n, 5);
	ck_assert_uint_eq(c[0].cmdTrans, RM_DWORD);
	ck_assert_uint_eq(c[0].dwAddrSpace, 0);
	ck_assert_uint_eq(c[0].dwOffset, 0x24);
	ck_assert_uint_eq(c[1].cmdTrans, CMD_MASK);
	ck_assert_uint_eq(c[1].Data.Dword, 0x100);
	ck_assert_uint_eq(c[2].cmdTrans, CMD_WRITE_LAST_READ);
	ck_assert_uint_eq(c[2].dwOffset, 0x64);
	ck_assert_uint_eq(c[3].cmdTrans, WM_WORD);
	ck_assert_uint_eq(c[3].dwAddrSpace, 2);
	ck_assert_uint_eq(c[3].dwOffset, 8);
	ck_assert_uint_eq(c[3].Data.Word, 0xbeef);
	ck_assert_uint_eq(c[4].cmdTrans, RM_QWORD);
	ck_assert_uint_eq(c[4].dwAddrSpace, 1);

	ck_assert_int_eq(tui_parse_ack("R32:0", c, TUI_ACK_MAX, &n, err,
				       sizeof(err)), -1);
	ck_assert_str_eq(err, "R32 takes 2 numbers after it, not 1");
	ck_assert_int_eq(tui_parse_ack("X:1", c, TUI_ACK_MAX, &n, err,
				       sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "unknown acknowledge command 'X'"));
	ck_assert_int_eq(tui_parse_ack("R32:6:0", c, TUI_ACK_MAX, &n, err,
				       sizeof(err)), -1);
	ck_assert_str_eq(err, "R32: BAR 6 is not 0 to 5");
	ck_assert_int_eq(tui_parse_ack("W8:0:0:0x100", c, TUI_ACK_MAX, &n, err,
				       sizeof(err)), -1);
	ck_assert_str_eq(err, "W8: value 0x100 is too wide");
	ck_assert_int_eq(tui_parse_ack("MASK:zz", c, TUI_ACK_MAX, &n, err,
				       sizeof(err)), -1);
	ck_assert_str_eq(err, "MASK: bad number 'zz'");
	ck_assert_int_eq(tui_parse_ack("R32:0:0,R32:0:4", c, 1, &n, err,
				       sizeof(err)), -1);
	ck_assert_str_eq(err, "more than 1 acknowledge commands");
	ck_assert_int_eq(tui_parse_ack(",", c, TUI_ACK_MAX, &n, err,
				       sizeof(err)), -1);
}
END_TEST

START_TEST(test_parse_payload)
{
	uint8_t buf[16];
	char err[256];
	size_t len;

	ck_assert_int_eq(tui_parse_payload(NULL, "10,0", 8, buf, sizeof(buf),
					   &len, err, sizeof(err)), 0);
	ck_assert_uint_eq(len, 8);
	ck_assert_mem_eq(buf, "\x0a\0\0\0\0\0\0\0", 8);
	ck_assert_int_eq(tui_parse_payload(NULL, "0x11223344", 0, buf,
					   sizeof(buf), &len, err,
					   sizeof(err)), 0);
	ck_assert_uint_eq(len, 4);
	ck_assert_mem_eq(buf, "\x44\x33\x22\x11", 4);
	ck_assert_int_eq(tui_parse_payload("0a0b", NULL, 6, buf, sizeof(buf),
					   &len, err, sizeof(err)), 0);
	ck_assert_uint_eq(len, 6);
	ck_assert_mem_eq(buf, "\x0a\x0b\0\0\0\0", 6);
	/* out= smaller than the payload does not cut it */
	ck_assert_int_eq(tui_parse_payload("0a0b0c", NULL, 1, buf, sizeof(buf),
					   &len, err, sizeof(err)), 0);
	ck_assert_uint_eq(len, 3);
	ck_assert_int_eq(tui_parse_payload(NULL, NULL, 0, buf, sizeof(buf),
					   &len, err, sizeof(err)), 0);
	ck_assert_uint_eq(len, 0);

	ck_assert_int_eq(tui_parse_payload("00", "1", 0, buf, sizeof(buf),
					   &len, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "give hex= or u32=, not both");
	ck_assert_int_eq(tui_parse_payload(NULL, "0x100000000", 0, buf,
					   sizeof(buf), &len, err,
					   sizeof(err)), -1);
	ck_assert_str_eq(err, "u32=: bad 32-bit number '0x100000000'");
	ck_assert_int_eq(tui_parse_payload(NULL, "1,2,3,4,5", 0, buf,
					   sizeof(buf), &len, err,
					   sizeof(err)), -1);
	ck_assert_str_eq(err, "u32=: more than 16 bytes");
	ck_assert_int_eq(tui_parse_payload("abc", NULL, 0, buf, sizeof(buf),
					   &len, err, sizeof(err)), -1);
	ck_assert_int_eq(tui_parse_payload(NULL, NULL, 17, buf, sizeof(buf),
					   &len, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "out=17: at most 16 bytes");
}
END_TEST

START_TEST(test_intr_account)
{
	struct tui_intr s;
	WDC_INT_RESULT r = { 0 };

	tui_intr_init(&s);
	r.dwNewCount = 1;
	r.qwCounter = 1;
	r.qwIrqTimeNs = 1000;
	r.qwWakeTimeNs = 6000;	/* 5 us */
	tui_intr_account(&s, &r);
	r.dwNewCount = 3;
	r.dwLost = 2;
	r.qwCounter = 4;
	r.qwIrqTimeNs = 10000;
	r.qwWakeTimeNs = 10500;	/* 500 ns */
	r.dwLastMessage = 2;
	tui_intr_account(&s, &r);
	ck_assert_uint_eq(s.count, 4);
	ck_assert_uint_eq(s.lost, 2);
	ck_assert_uint_eq(s.wakes, 2);
	ck_assert_uint_eq(s.vector, 2);
	ck_assert_uint_eq(s.lat_last, 500);
	ck_assert_uint_eq(s.lat_min, 500);
	ck_assert_uint_eq(s.lat_max, 5000);
	ck_assert_uint_eq(s.hist[0], 1);
	ck_assert_uint_eq(s.hist[1], 1);
	/* nothing new: not counted */
	r.dwNewCount = 0;
	tui_intr_account(&s, &r);
	ck_assert_uint_eq(s.wakes, 2);
	tui_intr_rate(&s, 1000000000ull);
	s.count = 14;
	tui_intr_rate(&s, 3000000000ull);
	ck_assert(s.rate > 4.99 && s.rate < 5.01);
	r.fStopped = INTERRUPT_STOPPED;
	tui_intr_account(&s, &r);
	ck_assert(s.stopped);
	tui_intr_destroy(&s);
}
END_TEST

START_TEST(test_kp_open_data)
{
	KP_PCI_OPEN_DATA d;
	KP_PCI_OPEN_DATA *p;
	const char *str = "client";

	p = tui_kp_open_data("kp_pci", str, &d, sizeof(d));
	ck_assert_ptr_eq(p, &d);
	ck_assert_uint_eq(p->dwMagic, KP_PCI_OPEN_MAGIC);
	ck_assert_ptr_eq(p->pcClient, str);
	ck_assert_ptr_eq(tui_kp_open_data("OTHER", str, &d, sizeof(d)), str);
	ck_assert_ptr_null(tui_kp_open_data("OTHER", NULL, &d, sizeof(d)));
}
END_TEST

/* ---- Commands on a dump ------------------------------------------------- */

START_TEST(test_scan_info)
{
	struct tui_model m;
	int rc;

	tui_fixture_model(&m, "qemu-pc.lspci");
	ck_assert_str_eq(run(&m, "scan", &rc),
			 "ok scan count=9 devices=0000:00:00.0@8086:1237,"
			 "0000:00:01.0@8086:7000,0000:00:01.1@8086:7010,"
			 "0000:00:01.3@8086:7113,0000:00:02.0@1234:1111,"
			 "0000:00:03.0@1234:11e8,0000:00:04.0@1b36:0005,"
			 "0000:00:05.0@1af4:1009,0000:00:06.0@1af4:1009");
	ck_assert_str_eq(run(&m, "scan 1af4", &rc),
			 "ok scan count=2 devices=0000:00:05.0@1af4:1009,"
			 "0000:00:06.0@1af4:1009");
	ck_assert_str_eq(run(&m, "scan :11e8", &rc),
			 "ok scan count=1 devices=0000:00:03.0@1234:11e8");
	ck_assert_str_eq(run(&m, "scan 1234:ffff", &rc), "ok scan count=0 devices=-");
	ck_assert_int_eq(rc, 0);
	ck_assert(starts(run(&m, "scan 12345", &rc), "error scan code="));
	ck_assert(starts(run(&m, "scan x:y", &rc), "error scan code="));

	ck_assert_str_eq(run(&m, "info 1234:11e8", &rc),
			 "ok info dev=0000:00:03.0 id=1234:11e8 subsys=1af4:1100 "
			 "class=0x00ff00 rev=0x10 hdr=0 driver=? irq=11 open=no "
			 "vendor_name=\"Vendor 1234\" device_name=\"Device 11e8\" "
			 "class_name=\"Unclassified device [00ff]\" "
			 "bar0=mem32:0xfea00000:0x0");
	/* pci-testdev: a memory and an I/O BAR (lspci: Region 0 Memory at
	 * feb11000, Region 1 I/O ports at c000) */
	ck_assert_str_eq(run(&m, "info 00:04.0", &rc),
			 "ok info dev=0000:00:04.0 id=1b36:0005 subsys=1af4:1100 "
			 "class=0x00ff00 rev=0x00 hdr=0 driver=? irq=0 open=no "
			 "vendor_name=\"Red Hat, Inc.\" "
			 "device_name=\"QEMU PCI Test Device\" "
			 "class_name=\"Unclassified device [00ff]\" "
			 "bar0=mem32:0xfeb11000:0x0 bar1=io:0xc000:0x0");
	ck_assert_str_eq(run(&m, "info 00:09.0", &rc),
			 "error info code=0x2000000f msg=\"no PCI device at 00:09.0\"");
	ck_assert_str_eq(run(&m, "info abcd:0001", &rc),
			 "error info code=0x2000000f msg=\"no PCI device with IDs "
			 "abcd:0001\"");
	ck_assert(starts(run(&m, "info 3.0", &rc), "error info code=0x2000001b"));
	ck_assert_str_eq(run(&m, "info", &rc),
			 "error info code=0x20000001 msg=\"no device is open: open "
			 "one first (open BDF, or Enter on the device list)\"");
	/* Nothing can be opened from a dump, nor is the agent asked. */
	ck_assert_str_eq(run(&m, "open 00:03.0", &rc),
			 "error open code=0x20001002 msg=\"the device list comes "
			 "from a dump file (--pci-dump): there is no device to open\"");
	ck_assert_int_eq(rc, -1);
	ck_assert(starts(run(&m, "read 0 0", &rc),
			 "error read code=0x20000001 msg=\"no device is open"));
	ck_assert(starts(run(&m, "close", &rc), "error close code=0x20000001"));
	ck_assert(starts(run(&m, "cfg write COMMAND 0x7", &rc),
			 "error cfg.write code=0x20000001"));
	run_done(&m);
}
END_TEST

START_TEST(test_cfg_commands)
{
	struct tui_model m;
	int rc;

	tui_fixture_model(&m, "qemu-q35.lspci");
	ck_assert_str_eq(run(&m, "cfg read COMMAND dev=00:03.0", &rc),
			 "ok cfg.read dev=0000:00:03.0 off=0x4 width=16 "
			 "value=0x0103 reg=COMMAND decode=\"I/O Mem SERR\"");
	/* An offset takes the size of the register there... */
	ck_assert_str_eq(run(&m, "cfg read 0x4 dev=1234:11e8", &rc),
			 "ok cfg.read dev=0000:00:03.0 off=0x4 width=16 "
			 "value=0x0103 reg=COMMAND decode=\"I/O Mem SERR\"");
	/* ...unless a width says otherwise. */
	ck_assert_str_eq(run(&m, "cfg read 4 32 dev=00:03.0", &rc),
			 "ok cfg.read dev=0000:00:03.0 off=0x4 width=32 "
			 "value=0x00100103 reg=- decode=-");
	ck_assert_str_eq(run(&m, "cfg read 0x48 dev=00:03.0", &rc),
			 "ok cfg.read dev=0000:00:03.0 off=0x48 width=32 "
			 "value=0x00000000 reg=MSI_ADDRESS_HI decode=-");
	ck_assert_str_eq(run(&m, "cfg read msi_flags dev=00:03.0", &rc),
			 "ok cfg.read dev=0000:00:03.0 off=0x42 width=16 "
			 "value=0x0080 reg=MSI_FLAGS decode=\"disabled, 1/1 vectors, "
			 "64-bit\"");
	ck_assert_str_eq(run(&m, "cfg read CAP_MSIX+4 dev=00:02.0", &rc),
			 "ok cfg.read dev=0000:00:02.0 off=0xa4 width=32 "
			 "value=0x00000003 reg=MSIX_TABLE decode=\"BAR3 + 0x0\"");
	ck_assert_str_eq(run(&m, "cfg read ECAP_DSN+4 32 dev=00:02.0", &rc),
			 "ok cfg.read dev=0000:00:02.0 off=0x144 width=32 "
			 "value=0xff123456 reg=ECAP_DSN+0x4 decode=-");
	ck_assert_str_eq(run(&m, "cfg read 0x105 8 dev=00:02.0", &rc),
			 "ok cfg.read dev=0000:00:02.0 off=0x105 width=8 "
			 "value=0x00 reg=- decode=-");
	ck_assert_str_eq(run(&m, "cfg read 3 16 dev=00:02.0", &rc),
			 "error cfg.read code=0x2000001b msg=\"offset 0x3 is not "
			 "aligned to 2 bytes\"");
	ck_assert_str_eq(run(&m, "cfg read 0x100 dev=00:03.0", &rc),
			 "error cfg.read code=0x2000001b msg=\"offset 0x100 is beyond "
			 "the 256 bytes of configuration space that can be read\"");
	ck_assert_str_eq(run(&m, "cfg read 0x1000 dev=00:03.0", &rc),
			 "error cfg.read code=0x2000001b msg=\"offset 0x1000 is beyond "
			 "configuration space (0x1000 bytes)\"");
	ck_assert_str_eq(run(&m, "cfg read EXP_LNKSTA dev=00:02.0", &rc),
			 "error cfg.read code=0x2000001b msg=\"EXP_LNKSTA is not "
			 "present on this device (other header type or capability "
			 "variant)\"");
	ck_assert_str_eq(run(&m, "cfg read MSIX_FLAGS dev=00:03.0", &rc),
			 "error cfg.read code=0x2000001b msg=\"the device has no "
			 "MSI-X capability\"");
	ck_assert_str_eq(run(&m, "cfg read NOPE dev=00:03.0", &rc),
			 "error cfg.read code=0x2000001b msg=\"unknown register name "
			 "'NOPE'\"");
	ck_assert_str_eq(run(&m, "cfg read COMMAND", &rc),
			 "error cfg.read code=0x20000001 msg=\"no device is open: "
			 "open one first (open BDF, or Enter on the device list); or "
			 "give dev=DEV to read any device\"");

	ck_assert_str_eq(run(&m, "cfg caps dev=00:02.0", &rc),
			 "ok cfg.caps dev=0000:00:02.0 cfg_len=4096 count=6 "
			 "caps=0xc8:CAP_PM,0xd0:CAP_MSI,0xe0:CAP_EXP,0xa0:CAP_MSIX,"
			 "0x100:ECAP_AER,0x140:ECAP_DSN");
	ck_assert_str_eq(run(&m, "cfg caps dev=00:00.0", &rc),
			 "ok cfg.caps dev=0000:00:00.0 cfg_len=256 count=0 caps=-");
	ck_assert_str_eq(run(&m, "cfg dump 0 16 dev=00:03.0", &rc),
			 "ok cfg.dump dev=0000:00:03.0 off=0x0 len=16 "
			 "data=3412e811030110001000ff0000000000");
	ck_assert(starts(run(&m, "cfg dump dev=00:03.0", &rc),
			 "ok cfg.dump dev=0000:00:03.0 off=0x0 len=256 data="));
	ck_assert_str_eq(run(&m, "cfg dump 0xf0 32 dev=00:03.0", &rc),
			 "error cfg.dump code=0x2000001b msg=\"range 0xf0+32 is "
			 "outside the 256 bytes that can be read\"");
	ck_assert_str_eq(run(&m, "cfg regs dev=00:03.0", &rc),
			 "ok cfg.regs dev=0000:00:03.0 count=30 regs=VENDOR_ID@0x0/16,"
			 "DEVICE_ID@0x2/16,COMMAND@0x4/16,STATUS@0x6/16,"
			 "REVISION@0x8/8,CLASS_PROG@0x9/8,CLASS_DEVICE@0xa/16,"
			 "CACHE_LINE_SIZE@0xc/8,LATENCY_TIMER@0xd/8,HEADER_TYPE@0xe/8,"
			 "BIST@0xf/8,BASE_ADDRESS_0@0x10/32,BASE_ADDRESS_1@0x14/32,"
			 "BASE_ADDRESS_2@0x18/32,BASE_ADDRESS_3@0x1c/32,"
			 "BASE_ADDRESS_4@0x20/32,BASE_ADDRESS_5@0x24/32,"
			 "CARDBUS_CIS@0x28/32,SUBSYSTEM_VENDOR_ID@0x2c/16,"
			 "SUBSYSTEM_ID@0x2e/16,ROM_ADDRESS@0x30/32,"
			 "CAPABILITIES@0x34/8,INTERRUPT_LINE@0x3c/8,"
			 "INTERRUPT_PIN@0x3d/8,MIN_GNT@0x3e/8,MAX_LAT@0x3f/8,"
			 "MSI_FLAGS@0x42/16,MSI_ADDRESS_LO@0x44/32,"
			 "MSI_ADDRESS_HI@0x48/32,MSI_DATA@0x4c/16");
	run_done(&m);
}
END_TEST

START_TEST(test_help)
{
	struct tui_model m;
	struct tui_lines l = { 0 };
	const struct tui_cmd *const *c;
	size_t i;
	int rc;
	bool seen;

	tui_fixture_model(&m, "qemu-pc.lspci");
	ck_assert_str_eq(run(&m, "help", &rc),
			 "ok help commands=scan,info,agent,open,close,read,write,"
			 "dump,cfg,int,kp,trace,help,quit");
	ck_assert_str_eq(run(&m, "help read", &rc),
			 "ok help cmd=read usage=\"read BAR OFFSET [WIDTH]\" "
			 "summary=\"Read a BAR register (default 32 bits)\"");
	ck_assert_str_eq(run(&m, "help cfg", &rc),
			 "ok help cmd=cfg subcommands=read,write,dump,caps,regs "
			 "summary=\"Configuration space\"");
	ck_assert(starts(run(&m, "help frob", &rc), "error help"));
	ck_assert_str_eq(run(&m, "quit", &rc), "ok quit");
	run_done(&m);

	/* The help screen's command part lists every command of the table. */
	ck_assert_int_eq(tui_help_commands(&l), 0);
	for (c = tui_commands; *c; c++) {
		seen = false;
		for (i = 0; i < l.n; i++)
			if (starts(l.v[i] + 2, (*c)->name))
				seen = true;
		ck_assert_msg(seen, "command %s missing from the help", (*c)->name);
	}
	/* It fits an 80-column screen (the view starts in column 1). */
	for (i = 0; i < l.n; i++)
		ck_assert_msg(strlen(l.v[i]) <= 79, "too wide: '%s'", l.v[i]);
	tui_lines_free(&l);
}
END_TEST

START_TEST(test_no_agent)
{
	struct tui_model_opts o = { "/nonexistent/kagent", NULL, NULL };
	struct tui_model m;
	int rc;

	/* The device list of this machine (whatever it is) needs no agent. */
	tui_model_init(&m, &o);
	ck_assert(starts(run(&m, "scan", &rc), "ok scan count="));
	ck_assert_str_eq(run(&m, "agent", &rc),
			 "error agent code=0x2000001e msg=\"the kernel agent is not "
			 "loaded (no /nonexistent/kagent): load it with 'modprobe "
			 "kagent' (after 'make install'), or try wdtui in the test "
			 "VM with 'make tui'\"");
	run_done(&m);
}
END_TEST

/* ---- Batch mode --------------------------------------------------------- */

/* Run a batch script; return the exit status, the output in @out. */
static int batch(struct tui_model *m, const char *script, char *out,
		 size_t outlen, char *err, size_t errlen)
{
	FILE *in = fmemopen((void *)script, strlen(script), "r");
	FILE *o = fmemopen(out, outlen, "w");
	FILE *e = fmemopen(err, errlen, "w");
	int status;

	ck_assert(in && o && e);
	status = tui_batch(m, in, "test.wdb", o, e);
	fclose(in);
	fclose(o);
	fclose(e);
	return status;
}

START_TEST(test_batch)
{
	struct tui_model m;
	char out[4096], err[1024];

	tui_fixture_model(&m, "qemu-pc.lspci");
	memset(out, 0, sizeof(out));
	memset(err, 0, sizeof(err));
	ck_assert_int_eq(batch(&m, "# a script\n\nscan 1b36\n  \n"
			       "cfg read VENDOR_ID dev=00:04.0\n", out,
			       sizeof(out), err, sizeof(err)), 0);
	ck_assert_str_eq(out, "ok scan count=1 devices=0000:00:04.0@1b36:0005\n"
			 "ok cfg.read dev=0000:00:04.0 off=0x0 width=16 "
			 "value=0x1b36 reg=VENDOR_ID decode=-\n");
	ck_assert_str_eq(err, "");

	/* The first failure stops the script: exit 1, its line on stderr. */
	memset(out, 0, sizeof(out));
	ck_assert_int_eq(batch(&m, "scan :11e8\nread 0 0\nscan\n", out,
			       sizeof(out), err, sizeof(err)), 1);
	ck_assert_str_eq(out, "ok scan count=1 devices=0000:00:03.0@1234:11e8\n"
			 "error read code=0x20000001 msg=\"no device is open: open "
			 "one first (open BDF, or Enter on the device list)\"\n");
	ck_assert_str_eq(err, "wdtui: test.wdb:2: read: no device is open: open "
			 "one first (open BDF, or Enter on the device list)\n");

	/* quit ends it with success; a last line without newline counts. */
	memset(out, 0, sizeof(out));
	memset(err, 0, sizeof(err));
	ck_assert_int_eq(batch(&m, "help read\nquit\nfrob\n", out, sizeof(out),
			       err, sizeof(err)), 0);
	ck_assert(!strncmp(out, "ok help cmd=read", 16));
	ck_assert(strstr(out, "\nok quit\n") != NULL);
	ck_assert(strstr(out, "frob") == NULL);
	memset(out, 0, sizeof(out));
	ck_assert_int_eq(batch(&m, "scan :0005", out, sizeof(out), err,
			       sizeof(err)), 0);
	ck_assert_str_eq(out, "ok scan count=1 devices=0000:00:04.0@1b36:0005\n");
	run_done(&m);
}
END_TEST

static Suite *cmd_suite(void)
{
	Suite *s = suite_create("tui_cmd");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, test_tokenize_words);
	tcase_add_test(tc, test_tokenize_quotes);
	tcase_add_test(tc, test_tokenize_errors);
	tcase_add_test(tc, test_parse_numbers);
	tcase_add_test(tc, test_out_format);
	suite_add_tcase(s, tc);
	tc = tcase_create("commands");
	tcase_add_test(tc, test_dispatch_errors);
	tcase_add_test(tc, test_features_need_device);
	tcase_add_test(tc, test_parse_ack);
	tcase_add_test(tc, test_parse_payload);
	tcase_add_test(tc, test_intr_account);
	tcase_add_test(tc, test_kp_open_data);
	tcase_add_test(tc, test_scan_info);
	tcase_add_test(tc, test_cfg_commands);
	tcase_add_test(tc, test_help);
	tcase_add_test(tc, test_no_agent);
	tcase_add_test(tc, test_batch);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(cmd_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check_trace.c - host tests of libwdc's Debug Monitor calls: names and
 * parsing of levels and sections, argument validation, the pinned layout
 * of the trace ABI, and the reader's decoding of the agent's records (fed
 * through a pipe standing in for the agent's reader file).
 *
 * As in check_args.c, the fake driver handle has no agent (fd -1): a
 * request the library lets through fails in ioctl() with EBADF and comes
 * back as WD_INVALID_HANDLE, one it refuses is WD_INVALID_PARAMETER.
 */
#include "wdc_internal.h"

#include <check.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct wdc_driver *drv;

static void setup(void)
{
	drv = wdc_driver_new(-1);
	ck_assert_ptr_nonnull(drv);
}

static void teardown(void)
{
	ck_assert_uint_eq(WDC_DriverClose(drv), WD_STATUS_SUCCESS);
}

/* ---- names and parsing ------------------------------------------------ */

START_TEST(test_level_names)
{
	ck_assert_str_eq(WDC_TraceLevelStr(D_OFF), "OFF");
	ck_assert_str_eq(WDC_TraceLevelStr(D_ERROR), "ERROR");
	ck_assert_str_eq(WDC_TraceLevelStr(D_WARN), "WARN");
	ck_assert_str_eq(WDC_TraceLevelStr(D_INFO), "INFO");
	ck_assert_str_eq(WDC_TraceLevelStr(D_TRACE), "TRACE");
	ck_assert_str_eq(WDC_TraceLevelStr(5), "?");
	ck_assert_str_eq(WDC_TraceLevelStr(UINT32_MAX), "?");
}
END_TEST

START_TEST(test_level_parse)
{
	static const struct {
		const char *s;
		uint32_t level;
	} good[] = {
		{ "ERROR", D_ERROR }, { "error", D_ERROR }, { "D_ERROR", D_ERROR },
		{ "warn", D_WARN }, { "Warning", D_WARN }, { "d_warn", D_WARN },
		{ "INFO", D_INFO }, { "trace", D_TRACE }, { "OFF", D_OFF },
		{ "0", D_OFF }, { "1", D_ERROR }, { "4", D_TRACE },
	};
	static const char *const bad[] = {
		"", "5", "44", "-1", "ERR", "TRACEX", "D_", " INFO", "INFO ",
		"S_INFO", "0x1",
	};
	uint32_t level;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		level = 99;
		ck_assert_msg(WDC_TraceLevelFromStr(good[i].s, &level) ==
			      WD_STATUS_SUCCESS, "'%s' refused", good[i].s);
		ck_assert_uint_eq(level, good[i].level);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		level = 99;
		ck_assert_msg(WDC_TraceLevelFromStr(bad[i], &level) ==
			      WD_INVALID_PARAMETER, "'%s' accepted", bad[i]);
		ck_assert_uint_eq(level, 99);	/* untouched on failure */
	}
	ck_assert_uint_eq(WDC_TraceLevelFromStr(NULL, &level),
			  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_TraceLevelFromStr("INFO", NULL),
			  WD_INVALID_PARAMETER);
}
END_TEST

START_TEST(test_section_names)
{
	ck_assert_str_eq(WDC_TraceSectionStr(S_IO), "IO");
	ck_assert_str_eq(WDC_TraceSectionStr(S_MEM), "MEM");
	ck_assert_str_eq(WDC_TraceSectionStr(S_CARD_REG), "CARD_REG");
	ck_assert_str_eq(WDC_TraceSectionStr(S_KER_PLUG), "KER_PLUG");
	ck_assert_str_eq(WDC_TraceSectionStr(S_KER_BUF), "KER_BUF");
	ck_assert_ptr_null(WDC_TraceSectionStr(0));
	ck_assert_ptr_null(WDC_TraceSectionStr(S_IO | S_MEM));
	ck_assert_ptr_null(WDC_TraceSectionStr(0x1));
	ck_assert_ptr_null(WDC_TraceSectionStr(S_ALL));
	/* WinDriver's values. */
	ck_assert_uint_eq(S_IO, 0x8);
	ck_assert_uint_eq(S_MEM, 0x10);
	ck_assert_uint_eq(S_INT, 0x20);
	ck_assert_uint_eq(S_PCI, 0x40);
	ck_assert_uint_eq(S_MISC, 0x100);
	ck_assert_uint_eq(S_CARD_REG, 0x2000);
	ck_assert_uint_eq(S_KER_PLUG, 0x10000);
	ck_assert_uint_eq(S_EVENT, 0x20000);
	ck_assert_uint_eq(S_ALL, 0xffffffffu);
}
END_TEST

START_TEST(test_sections_parse)
{
	static const struct {
		const char *s;
		uint32_t mask;
	} good[] = {
		{ "IO", S_IO },
		{ "IO MEM", S_IO | S_MEM },
		{ "int,pci", S_INT | S_PCI },
		{ "S_INT|s_dma+Misc", S_INT | S_DMA | S_MISC },
		{ "  KER_PLUG \t EVENT\n", S_KER_PLUG | S_EVENT },
		{ "IO,,MEM", S_IO | S_MEM },
		{ "ALL", S_ALL },
		{ "all io", S_ALL },
		{ "0x30", 0x30 },
		{ "0X30", 0x30 },
		{ "0xFFFFFFFF", S_ALL },
		{ "0x0", 0 },
		{ "0x8 MEM", S_IO | S_MEM },
		{ "CARD_REG LICENSE PNP KER_DRV USB IPC KER_BUF",
		  S_CARD_REG | S_LICENSE | S_PNP | S_KER_DRV | S_USB | S_IPC |
		  S_KER_BUF },
	};
	static const char *const bad[] = {
		"", "   ", ",|+", "IO BOGUS", "0x", "0x100000000", "0xg", "30",
		"IO-MEM", "S_", "ALLX", "0x30h", "-0x1",
		"A_VERY_LONG_NAME_THAT_IS_NOT_A_SECTION",
	};
	uint32_t mask;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		mask = 0x12345;
		ck_assert_msg(WDC_TraceSectionsFromStr(good[i].s, &mask) ==
			      WD_STATUS_SUCCESS, "'%s' refused", good[i].s);
		ck_assert_msg(mask == good[i].mask, "'%s': 0x%x, want 0x%x",
			      good[i].s, mask, good[i].mask);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		mask = 0x12345;
		ck_assert_msg(WDC_TraceSectionsFromStr(bad[i], &mask) ==
			      WD_INVALID_PARAMETER, "'%s' accepted", bad[i]);
		ck_assert_uint_eq(mask, 0x12345);
	}
	ck_assert_uint_eq(WDC_TraceSectionsFromStr(NULL, &mask),
			  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_TraceSectionsFromStr("IO", NULL),
			  WD_INVALID_PARAMETER);
}
END_TEST

START_TEST(test_sections_to_str)
{
	char buf[WDC_TRACE_SECTIONS_STR_LEN];
	char small[6], seven[7];
	uint32_t back;

	ck_assert_uint_eq(WDC_TraceSectionsToStr(S_IO | S_MEM, buf, sizeof(buf)),
			  WD_STATUS_SUCCESS);
	ck_assert_str_eq(buf, "IO|MEM");
	ck_assert_uint_eq(WDC_TraceSectionsToStr(S_ALL, buf, sizeof(buf)),
			  WD_STATUS_SUCCESS);
	ck_assert_str_eq(buf, "ALL");
	ck_assert_uint_eq(WDC_TraceSectionsToStr(0, buf, sizeof(buf)),
			  WD_STATUS_SUCCESS);
	ck_assert_str_eq(buf, "0");
	ck_assert_uint_eq(WDC_TraceSectionsToStr(0x80000001u | S_KER_PLUG, buf,
						 sizeof(buf)),
			  WD_STATUS_SUCCESS);
	ck_assert_str_eq(buf, "KER_PLUG|0x80000001");
	/* The longest text fits, and reads back as the same mask. */
	ck_assert_uint_eq(WDC_TraceSectionsToStr(0xfffffff7u, buf, sizeof(buf)),
			  WD_STATUS_SUCCESS);
	ck_assert_str_eq(buf,
			 "MEM|INT|PCI|DMA|MISC|LICENSE|PNP|CARD_REG|KER_DRV|USB|KER_PLUG|EVENT|IPC|KER_BUF|0xfff00c07");
	ck_assert_uint_eq(WDC_TraceSectionsFromStr(buf, &back),
			  WD_STATUS_SUCCESS);
	ck_assert_uint_eq(back, 0xfffffff7u);
	/* Too small: refused, and the buffer holds "". */
	ck_assert_uint_eq(WDC_TraceSectionsToStr(S_IO | S_MEM, small,
						 sizeof(small)),
			  WD_INVALID_PARAMETER);
	ck_assert_str_eq(small, "");
	ck_assert_uint_eq(WDC_TraceSectionsToStr(S_IO | S_MEM, seven,
						 sizeof(seven)),
			  WD_STATUS_SUCCESS);
	ck_assert_str_eq(seven, "IO|MEM");
	ck_assert_uint_eq(WDC_TraceSectionsToStr(S_IO, NULL, 10),
			  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_TraceSectionsToStr(S_IO, buf, 0),
			  WD_INVALID_PARAMETER);
}
END_TEST

/* ---- argument validation ------------------------------------------------ */

/* Reached the agent (EBADF on fd -1): the library let it through. */
#define ck_reached(expr) ck_assert_uint_eq((expr), WD_INVALID_HANDLE)
#define ck_refused(expr) ck_assert_uint_eq((expr), WD_INVALID_PARAMETER)

START_TEST(test_control_validation)
{
	WDC_TRACE_STATUS st;

	ck_assert_uint_eq(WDC_TraceStatus(NULL, &st), WD_INVALID_HANDLE);
	ck_refused(WDC_TraceStatus(drv, NULL));
	ck_reached(WDC_TraceStatus(drv, &st));

	ck_refused(WDC_TraceOn(drv, 5, S_ALL));
	ck_assert_str_eq(WDC_GetLastErrStr(drv),
			 "WDC_TraceOn: level 5 is not D_OFF..D_TRACE (0..4)");
	ck_reached(WDC_TraceOn(drv, D_TRACE, S_ALL));
	ck_reached(WDC_TraceOn(drv, D_OFF, 0));	/* = off */
	ck_reached(WDC_TraceOff(drv));
	ck_assert_uint_eq(WDC_TraceOff(NULL), WD_INVALID_HANDLE);

	ck_refused(WDC_TraceSetFilter(drv, D_OFF, S_ALL));
	ck_refused(WDC_TraceSetFilter(drv, 5, S_ALL));
	ck_reached(WDC_TraceSetFilter(drv, D_ERROR, S_IO));

	ck_refused(WDC_TraceSetFlags(drv, 0x10, 0));
	ck_refused(WDC_TraceSetFlags(drv, 0, 0x80000000u));
	ck_refused(WDC_TraceSetFlags(drv, WDC_TRACE_DBG, WDC_TRACE_DBG));
	ck_assert_str_eq(WDC_GetLastErrStr(drv),
			 "WDC_TraceSetFlags: flags 0x2 both set and cleared");
	ck_reached(WDC_TraceSetFlags(drv, WDC_TRACE_DBG, WDC_TRACE_CLOCK));

	ck_refused(WDC_TraceSetSize(drv, 15));
	ck_assert_str_eq(WDC_GetLastErrStr(drv),
			 "WDC_TraceSetSize: 15 records is not 16..65536");
	ck_refused(WDC_TraceSetSize(drv, 65537));
	ck_refused(WDC_TraceSetSize(drv, 0));
	ck_reached(WDC_TraceSetSize(drv, 16));
	ck_reached(WDC_TraceSetSize(drv, 65536));

	ck_reached(WDC_TraceClear(drv));
	ck_reached(WDC_TraceClockReset(drv));
	ck_assert_uint_eq(WDC_TraceClear(NULL), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_TraceClockReset(NULL), WD_INVALID_HANDLE);
}
END_TEST

START_TEST(test_record_validation)
{
	struct kag_dev_info ki;
	struct wdc_driver *other;
	struct wdc_device *dev;
	const char *volatile nofmt = NULL;
	WD_DEBUG_ADD add;

	ck_refused(WDC_TracePrintf(drv, NULL, D_OFF, S_MISC, "x"));
	ck_refused(WDC_TracePrintf(drv, NULL, 5, S_MISC, "x"));
	ck_refused(WDC_TracePrintf(drv, NULL, D_INFO, 0, "x"));
	ck_assert_str_eq(WDC_GetLastErrStr(drv),
			 "WDC_TracePrintf: the section is 0");
	ck_refused(WDC_TracePrintf(drv, NULL, D_INFO, S_MISC, nofmt));
	ck_reached(WDC_TracePrintf(drv, NULL, D_INFO, S_MISC, "x %d", 1));
	ck_assert_uint_eq(WDC_TracePrintf(NULL, NULL, D_INFO, S_MISC, "x"),
			  WD_INVALID_HANDLE);

	/* A device: its driver handle is used; another driver's is refused. */
	memset(&ki, 0, sizeof(ki));
	ki.argsz = sizeof(ki);
	ki.handle = 3;
	ki.vendor_id = 0x1234;
	ki.device_id = 0x11e8;
	dev = wdc_device_new(drv, &ki, NULL);
	ck_assert_ptr_nonnull(dev);
	other = wdc_driver_new(-1);
	ck_assert_ptr_nonnull(other);
	ck_reached(WDC_TracePrintf(NULL, dev, D_INFO, S_MISC, "x"));
	ck_reached(WDC_TracePrintf(drv, dev, D_INFO, S_MISC, "x"));
	ck_refused(WDC_TracePrintf(other, dev, D_INFO, S_MISC, "x"));
	ck_assert_str_eq(WDC_GetLastErrStr(other),
			 "WDC_TracePrintf: the device was opened through another driver handle");
	ck_assert_uint_eq(WDC_DriverClose(other), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(WDC_TracePrintf(NULL, (WDC_DEVICE_HANDLE)drv, D_INFO,
					  S_MISC, "x"),
			  WD_INVALID_HANDLE);

	ck_reached(WDC_Err(drv, "e %s", "x"));
	ck_reached(WDC_Trace(drv, "t"));
	ck_assert_uint_eq(WDC_Err(NULL, "e"), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_Trace(NULL, "t"), WD_INVALID_HANDLE);
	ck_refused(WDC_Err(drv, nofmt));

	ck_refused(WD_DebugAdd(drv, NULL));
	memset(&add, 'x', sizeof(add.pcBuffer));
	add.dwLevel = D_INFO;
	add.dwSection = S_MISC;
	ck_refused(WD_DebugAdd(drv, &add));	/* no NUL */
	ck_assert_str_eq(WDC_GetLastErrStr(drv),
			 "WD_DebugAdd: the message has no NUL in its 256 bytes");
	add.pcBuffer[255] = '\0';
	ck_reached(WD_DebugAdd(drv, &add));
	add.dwLevel = D_OFF;
	ck_refused(WD_DebugAdd(drv, &add));
	add.dwLevel = D_TRACE;
	add.dwSection = 0;
	ck_refused(WD_DebugAdd(drv, &add));
	ck_assert_uint_eq(WD_DebugAdd(NULL, &add), WD_INVALID_HANDLE);
}
END_TEST

START_TEST(test_reader_validation)
{
	WDC_TRACE_READER r = NULL;
	WDC_TRACE_RECORD rec;
	uint32_t n;

	ck_refused(WDC_TraceReaderOpen(drv, 0x2, &r));
	ck_refused(WDC_TraceReaderOpen(drv, 0, NULL));
	ck_reached(WDC_TraceReaderOpen(drv, WDC_TRACE_READ_NEW, &r));
	ck_assert_ptr_null(r);	/* outputs only on success */
	ck_assert_uint_eq(WDC_TraceReaderOpen(NULL, 0, &r), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_TraceReaderClose(NULL), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_TraceReaderClose((WDC_TRACE_READER)drv),
			  WD_INVALID_HANDLE);
	ck_assert_int_eq(WDC_TraceReaderFd(NULL), -1);
	ck_assert_uint_eq(WDC_TraceRead(NULL, &rec, 1, &n, 0),
			  WD_INVALID_HANDLE);
}
END_TEST

/* ---- the ABI ------------------------------------------------------------ */

START_TEST(test_trace_abi_layout)
{
	ck_assert_uint_eq(sizeof(struct kag_trace_status), 80);
	ck_assert_uint_eq(sizeof(struct kag_trace_config), 32);
	ck_assert_uint_eq(sizeof(struct kag_trace_add), 320);
	ck_assert_uint_eq(sizeof(struct kag_trace_open), 16);
	ck_assert_uint_eq(sizeof(struct kag_trace_rec), 368);
	ck_assert_uint_eq(offsetof(struct kag_trace_status, next_seq), 32);
	ck_assert_uint_eq(offsetof(struct kag_trace_status, now_ns), 72);
	ck_assert_uint_eq(offsetof(struct kag_trace_add, seq), 24);
	ck_assert_uint_eq(offsetof(struct kag_trace_add, source), 32);
	ck_assert_uint_eq(offsetof(struct kag_trace_add, msg), 64);
	ck_assert_uint_eq(offsetof(struct kag_trace_open, fd), 8);
	ck_assert_uint_eq(offsetof(struct kag_trace_rec, seq), 8);
	ck_assert_uint_eq(offsetof(struct kag_trace_rec, ts_ns), 16);
	ck_assert_uint_eq(offsetof(struct kag_trace_rec, lost), 24);
	ck_assert_uint_eq(offsetof(struct kag_trace_rec, section), 32);
	ck_assert_uint_eq(offsetof(struct kag_trace_rec, domain), 52);
	ck_assert_uint_eq(offsetof(struct kag_trace_rec, bus), 56);
	ck_assert_uint_eq(offsetof(struct kag_trace_rec, comm), 64);
	ck_assert_uint_eq(offsetof(struct kag_trace_rec, source), 80);
	ck_assert_uint_eq(offsetof(struct kag_trace_rec, msg), 112);
	ck_assert_uint_eq(_IOC_NR(KAG_IOC_TRACE_STATUS), KAG_IOC_BASE + 32);
	ck_assert_uint_eq(_IOC_NR(KAG_IOC_TRACE_CONFIG), KAG_IOC_BASE + 33);
	ck_assert_uint_eq(_IOC_NR(KAG_IOC_TRACE_ADD), KAG_IOC_BASE + 34);
	ck_assert_uint_eq(_IOC_NR(KAG_IOC_TRACE_OPEN), KAG_IOC_BASE + 35);
	ck_assert_uint_eq(KAG_ABI_MINOR, 1);
}
END_TEST

/* ---- reading records -------------------------------------------------------- */

static int pfd[2];
static WDC_TRACE_READER rd;

/* A reader over a pipe: what the test writes, the reader reads. */
static void reader_setup(void)
{
	setup();
	ck_assert_int_eq(pipe2(pfd, O_CLOEXEC), 0);
	ck_assert_int_eq(fcntl(pfd[0], F_SETFL, O_NONBLOCK), 0);
	rd = wdc_trace_reader_new(pfd[0]);
	ck_assert_ptr_nonnull(rd);
}

static void reader_teardown(void)
{
	ck_assert_uint_eq(WDC_TraceReaderClose(rd), WD_STATUS_SUCCESS);
	close(pfd[1]);
	teardown();
}

static void fill_rec(struct kag_trace_rec *k, uint64_t seq, const char *msg)
{
	memset(k, 0, sizeof(*k));
	k->size = sizeof(*k);
	k->type = KAG_TRACE_REC_MSG;
	k->level = D_WARN;
	k->source_type = KAG_TRACE_SRC_PLUGIN;
	k->seq = seq;
	k->ts_ns = 1000000000ull * seq + 5;
	k->section = S_INT;
	k->flags = KAG_TRACE_REC_DEV | KAG_TRACE_REC_HARDIRQ;
	k->cpu = 1;
	k->domain = 0x10;
	k->bus = 0x20;
	k->dev = 0x1f;
	k->fn = 7;
	strcpy(k->comm, "[hardirq]");
	strcpy(k->source, "kp_pci");
	strcpy(k->msg, msg);
}

static void put(const void *p, size_t len)
{
	ck_assert_int_eq(write(pfd[1], p, len), (ssize_t)len);
}

START_TEST(test_read_decodes)
{
	struct kag_trace_rec k[2];
	WDC_TRACE_RECORD out[4];
	uint32_t n = 99;

	ck_assert_int_eq(WDC_TraceReaderFd(rd), pfd[0]);
	ck_assert_uint_eq(WDC_TraceRead(rd, out, 4, &n, 0), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(n, 0);	/* nothing yet, no waiting */
	fill_rec(&k[0], 7, "first");
	fill_rec(&k[1], 8, "second");
	k[1].flags = 0;
	k[1].pid = 42;
	k[1].tid = 43;
	k[1].source_type = KAG_TRACE_SRC_USER;
	put(k, sizeof(k));
	ck_assert_uint_eq(WDC_TraceRead(rd, out, 4, &n, 0), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(n, 2);
	ck_assert(!out[0].fLost);
	ck_assert_uint_eq(out[0].qwSeq, 7);
	ck_assert_uint_eq(out[0].qwTimeNs, 7000000005ull);
	ck_assert_uint_eq(out[0].dwLevel, D_WARN);
	ck_assert_uint_eq(out[0].dwSection, S_INT);
	ck_assert_uint_eq(out[0].dwSourceType, WDC_TRACE_SRC_PLUGIN);
	ck_assert_uint_eq(out[0].dwFlags,
			  WDC_TRACE_REC_DEV | WDC_TRACE_REC_HARDIRQ);
	ck_assert_uint_eq(out[0].dwCpu, 1);
	ck_assert_uint_eq(out[0].pciSlot.dwDomain, 0x10);
	ck_assert_uint_eq(out[0].pciSlot.dwBus, 0x20);
	ck_assert_uint_eq(out[0].pciSlot.dwSlot, 0x1f);
	ck_assert_uint_eq(out[0].pciSlot.dwFunction, 7);
	ck_assert_str_eq(out[0].cComm, "[hardirq]");
	ck_assert_str_eq(out[0].cSource, "kp_pci");
	ck_assert_str_eq(out[0].cMessage, "first");
	ck_assert_uint_eq(out[1].dwPid, 42);
	ck_assert_uint_eq(out[1].dwTid, 43);
	ck_assert_uint_eq(out[1].dwFlags, 0);
	/* No device: the slot stays zero whatever the agent sent. */
	ck_assert_uint_eq(out[1].pciSlot.dwBus, 0);
	ck_assert_str_eq(out[1].cMessage, "second");
}
END_TEST

START_TEST(test_read_lost_and_limits)
{
	struct kag_trace_rec k[5];
	WDC_TRACE_RECORD out[5];
	uint32_t n, i;

	memset(&k[0], 0, sizeof(k[0]));
	k[0].size = sizeof(k[0]);
	k[0].type = KAG_TRACE_REC_LOST;
	k[0].seq = 10;
	k[0].lost = 84;
	k[0].ts_ns = 3;
	for (i = 1; i < 5; i++)
		fill_rec(&k[i], 93 + i, "r");
	put(k, sizeof(k));
	/* dwMax bounds what is read; the rest stays for the next call. */
	ck_assert_uint_eq(WDC_TraceRead(rd, out, 2, &n, 0), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(n, 2);
	ck_assert(out[0].fLost);
	ck_assert_uint_eq(out[0].qwLost, 84);
	ck_assert_uint_eq(out[0].qwSeq, 10);
	ck_assert_uint_eq(out[0].qwTimeNs, 3);
	ck_assert_str_eq(out[0].cMessage, "");
	ck_assert_uint_eq(out[1].qwSeq, 94);
	ck_assert_uint_eq(WDC_TraceRead(rd, out, 5, &n, 0), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(out[2].qwSeq, 97);
	ck_assert_uint_eq(WDC_TraceRead(rd, out, 0, &n, 0), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_TraceRead(rd, NULL, 1, &n, 0),
			  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_TraceRead(rd, out, 1, NULL, 0),
			  WD_INVALID_PARAMETER);
	/* A short wait with nothing coming: success, no records. */
	n = 7;
	ck_assert_uint_eq(WDC_TraceRead(rd, out, 1, &n, 20), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(test_read_unterminated_strings)
{
	struct kag_trace_rec k;
	WDC_TRACE_RECORD out;
	uint32_t n;

	fill_rec(&k, 1, "");
	memset(k.comm, 'c', sizeof(k.comm));
	memset(k.source, 's', sizeof(k.source));
	memset(k.msg, 'm', sizeof(k.msg));
	put(&k, sizeof(k));
	ck_assert_uint_eq(WDC_TraceRead(rd, &out, 1, &n, 0), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(strlen(out.cComm), sizeof(out.cComm) - 1);
	ck_assert_uint_eq(strlen(out.cSource), sizeof(out.cSource) - 1);
	ck_assert_uint_eq(strlen(out.cMessage), sizeof(out.cMessage) - 1);
}
END_TEST

START_TEST(test_read_refuses_garbage)
{
	struct kag_trace_rec k;
	WDC_TRACE_RECORD out[2];
	uint32_t n;

	fill_rec(&k, 1, "x");
	k.size = 12;	/* smaller than a record */
	put(&k, sizeof(k));
	ck_assert_uint_eq(WDC_TraceRead(rd, out, 2, &n, 0),
			  WD_SYSTEM_INTERNAL_ERROR);
	fill_rec(&k, 1, "x");
	k.type = 9;	/* unknown type */
	put(&k, sizeof(k));
	ck_assert_uint_eq(WDC_TraceRead(rd, out, 2, &n, 0),
			  WD_SYSTEM_INTERNAL_ERROR);
	fill_rec(&k, 1, "x");
	k.size = sizeof(k) + 8;	/* says more than was read */
	put(&k, sizeof(k));
	ck_assert_uint_eq(WDC_TraceRead(rd, out, 2, &n, 0),
			  WD_SYSTEM_INTERNAL_ERROR);
	put("short", 5);	/* a partial record */
	ck_assert_uint_eq(WDC_TraceRead(rd, out, 2, &n, 0),
			  WD_SYSTEM_INTERNAL_ERROR);
	close(pfd[1]);
	pfd[1] = open("/dev/null", O_WRONLY | O_CLOEXEC);
	/* End of file: not something the agent does. */
	ck_assert_uint_eq(WDC_TraceRead(rd, out, 2, &n, 0),
			  WD_SYSTEM_INTERNAL_ERROR);
}
END_TEST

static Suite *trace_suite(void)
{
	Suite *s = suite_create("trace");
	TCase *tc = tcase_create("names");
	TCase *tv = tcase_create("validation");
	TCase *tr = tcase_create("reader");

	tcase_add_test(tc, test_level_names);
	tcase_add_test(tc, test_level_parse);
	tcase_add_test(tc, test_section_names);
	tcase_add_test(tc, test_sections_parse);
	tcase_add_test(tc, test_sections_to_str);
	tcase_add_test(tc, test_trace_abi_layout);
	suite_add_tcase(s, tc);

	tcase_add_checked_fixture(tv, setup, teardown);
	tcase_add_test(tv, test_control_validation);
	tcase_add_test(tv, test_record_validation);
	tcase_add_test(tv, test_reader_validation);
	suite_add_tcase(s, tv);

	tcase_add_checked_fixture(tr, reader_setup, reader_teardown);
	tcase_add_test(tr, test_read_decodes);
	tcase_add_test(tr, test_read_lost_and_limits);
	tcase_add_test(tr, test_read_unterminated_strings);
	tcase_add_test(tr, test_read_refuses_garbage);
	suite_add_tcase(s, tr);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(trace_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

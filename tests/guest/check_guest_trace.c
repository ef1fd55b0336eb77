// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check_guest_trace.c - VM tests of the Debug Monitor: records from the
 * agent, from a kernel module in hard IRQ context (tests/kmod) and from
 * user mode arrive in order with the right metadata; the level and
 * section filters; off records nothing; overflow tells a slow reader
 * exactly how many records it lost while a fast one loses none; several
 * readers; blocking read() and poll() wake on a new record; the status
 * figures; the copy to the kernel log.
 *
 * Each test sets the trace up itself (Check runs each in its own process).
 */
#define _GNU_SOURCE 1

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <wdc/kagent_uapi.h>
#include <wdc/wdc_lib.h>

#define MAX_RECS 8192u
#define IRQ_MODULE "tests/kmod/trace_irq_test.ko"
#define IRQ_RECORDS 200u

static WDC_DRIVER_HANDLE drv;
static WD_PCI_SLOT edu;
static WDC_TRACE_RECORD *recs;

#define ck_ok(expr)                                                           \
	do {                                                                  \
		WDC_STATUS s_ = (expr);                                       \
		ck_assert_msg(s_ == WD_STATUS_SUCCESS, "%s: %s (%s)", #expr, \
			      WDC_StatusStr(s_), WDC_GetLastErrStr(drv));     \
	} while (0)

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void setup(void)
{
	WDC_PCI_SCAN_RESULT *res = malloc(sizeof(*res));

	ck_assert_ptr_nonnull(res);
	ck_assert_uint_eq(WDC_PciScanDevices(NULL, 0x1234, 0x11e8, res),
			  WD_STATUS_SUCCESS);
	ck_assert_msg(res->dwNumDevices > 0, "no edu device in this VM");
	edu = res->deviceSlot[0];
	free(res);
	ck_assert_uint_eq(WDC_DriverOpen(&drv, WDC_DRV_OPEN_DEFAULT),
			  WD_STATUS_SUCCESS);
	recs = calloc(MAX_RECS, sizeof(*recs));
	ck_assert_ptr_nonnull(recs);
}

static void teardown(void)
{
	/* Leave the agent as loaded: off, no log copy, default size. */
	WDC_TraceSetFlags(drv, WDC_TRACE_CLOCK | WDC_TRACE_SECT_INFO,
			  WDC_TRACE_ON | WDC_TRACE_DBG);
	WDC_TraceSetSize(drv, 2048);
	WDC_DriverClose(drv);
	free(recs);
}

/* Trace on with this filter, @size records, empty. */
static void trace_fresh(uint32_t level, uint32_t sections, uint32_t size)
{
	ck_ok(WDC_TraceOn(drv, level, sections));
	ck_ok(WDC_TraceSetSize(drv, size));
	ck_ok(WDC_TraceClear(drv));
}

/* Everything a reader has now (no waiting). */
static uint32_t read_all(WDC_TRACE_READER r, WDC_TRACE_RECORD *out,
			 uint32_t max)
{
	uint32_t total = 0, n;

	do {
		ck_ok(WDC_TraceRead(r, out + total, max - total, &n, 0));
		total += n;
	} while (n && total < max);
	return total;
}

static WDC_TRACE_READER reader_open(uint32_t options)
{
	WDC_TRACE_READER r = NULL;

	ck_ok(WDC_TraceReaderOpen(drv, options, &r));
	return r;
}

/* Index of the first record from @from on whose message contains @s. */
static int find_msg(const WDC_TRACE_RECORD *rs, uint32_t n, uint32_t from,
		    const char *s)
{
	uint32_t i;

	for (i = from; i < n; i++)
		if (!rs[i].fLost && strstr(rs[i].cMessage, s))
			return (int)i;
	return -1;
}

static bool same_slot(const WD_PCI_SLOT *a, const WD_PCI_SLOT *b)
{
	return !memcmp(a, b, sizeof(*a));
}

/* The records are in order: sequence strictly up, time never back. */
static void check_order(const WDC_TRACE_RECORD *rs, uint32_t n)
{
	uint32_t i;

	for (i = 1; i < n; i++) {
		ck_assert_uint_gt(rs[i].qwSeq, rs[i - 1].qwSeq);
		ck_assert_uint_ge(rs[i].qwTimeNs, rs[i - 1].qwTimeNs);
	}
}

static void user_add(uint32_t level, uint32_t section, const char *msg)
{
	ck_ok(WDC_TracePrintf(drv, NULL, level, section, "%s", msg));
}

static uint64_t next_seq(void)
{
	WDC_TRACE_STATUS st;

	ck_ok(WDC_TraceStatus(drv, &st));
	return st.qwNextSeq;
}

/* ---- records from the agent ------------------------------------------- */

/* An agent record about the edu, written by this (single-threaded) test. */
static void check_agent_rec(const WDC_TRACE_RECORD *r, uint32_t level,
			    uint32_t section, uint64_t t0, uint64_t t1)
{
	ck_assert(!r->fLost);
	ck_assert_uint_eq(r->dwLevel, level);
	ck_assert_uint_eq(r->dwSection, section);
	ck_assert_uint_eq(r->dwSourceType, WDC_TRACE_SRC_AGENT);
	ck_assert_str_eq(r->cSource, "kagent");
	ck_assert_uint_eq(r->dwPid, (uint32_t)getpid());
	ck_assert_uint_eq(r->dwTid, (uint32_t)gettid());
	ck_assert_str_eq(r->cComm, "check_guest_tra");
	ck_assert_uint_lt(r->dwCpu, (uint32_t)sysconf(_SC_NPROCESSORS_CONF));
	ck_assert_uint_eq(r->dwFlags, WDC_TRACE_REC_DEV);
	ck_assert(same_slot(&r->pciSlot, &edu));
	ck_assert_uint_ge(r->qwTimeNs, t0);
	ck_assert_uint_le(r->qwTimeNs, t1);
}

START_TEST(test_agent_device_lifecycle)
{
	WDC_TRACE_READER r;
	WDC_DEVICE_HANDLE dev;
	uint32_t n, id = 0;
	uint16_t vid = 0;
	uint64_t t0, t1;
	int i[7], k;

	trace_fresh(D_TRACE, S_ALL, 2048);
	r = reader_open(0);
	t0 = now_ns();
	ck_ok(WDC_PciDeviceOpen(drv, &dev, &edu, NULL, NULL, NULL));
	ck_ok(WDC_SetDirectAccess(dev, false));
	ck_ok(WDC_ReadAddr32(dev, 0, 0, &id));
	ck_ok(WDC_PciReadCfg16(dev, 0, &vid));
	ck_ok(WDC_PciDeviceClose(dev));
	t1 = now_ns();
	n = read_all(r, recs, MAX_RECS);
	check_order(recs, n);

	i[0] = find_msg(recs, n, 0, "bound to kagent (1234:11e8)");
	i[1] = find_msg(recs, n, 0, "opened: handle ");
	i[2] = find_msg(recs, n, 0, "BAR0 pages 0..255 mapped");
	i[3] = find_msg(recs, n, 0, "read32 BAR0+0x0 = 0x10000ed");
	i[4] = find_msg(recs, n, 0, "cfg read16 0x0 = 0x1234");
	i[5] = find_msg(recs, n, 0, "closed: handle ");
	i[6] = find_msg(recs, n, 0, "released by kagent");
	for (k = 0; k < 7; k++) {
		ck_assert_msg(i[k] >= 0, "record %d missing (%u records)", k, n);
		if (k)
			ck_assert_int_gt(i[k], i[k - 1]);
	}
	check_agent_rec(&recs[i[0]], D_INFO, S_PNP, t0, t1);
	check_agent_rec(&recs[i[1]], D_INFO, S_CARD_REG, t0, t1);
	check_agent_rec(&recs[i[2]], D_INFO, S_MEM, t0, t1);
	check_agent_rec(&recs[i[3]], D_TRACE, S_MEM, t0, t1);
	check_agent_rec(&recs[i[4]], D_TRACE, S_PCI, t0, t1);
	check_agent_rec(&recs[i[5]], D_INFO, S_CARD_REG, t0, t1);
	check_agent_rec(&recs[i[6]], D_INFO, S_PNP, t0, t1);
	/* Nothing was refused. */
	ck_assert_int_lt(find_msg(recs, n, 0, "refused"), 0);
	WDC_TraceReaderClose(r);
}
END_TEST

/* ---- refused requests --------------------------------------------------- */

static int xioctl(int fd, unsigned long req, void *arg)
{
	return ioctl(fd, req, arg) < 0 ? errno : 0;
}

static int raw_open(int fd, const WD_PCI_SLOT *s, uint32_t *handle)
{
	struct kag_dev_open op;
	int err;

	memset(&op, 0, sizeof(op));
	op.argsz = sizeof(op);
	op.domain = s->dwDomain;
	op.bus = (uint8_t)s->dwBus;
	op.dev = (uint8_t)s->dwSlot;
	op.fn = (uint8_t)s->dwFunction;
	err = xioctl(fd, KAG_IOC_DEV_OPEN, &op);
	if (!err && handle)
		*handle = op.handle;
	return err;
}

/*
 * Exactly one new record since the last call, the refusal: ERROR, in
 * @section, from this process, about the edu or no device, saying @why.
 */
static void expect_refusal(WDC_TRACE_READER r, uint32_t section,
			   bool about_edu, const char *why)
{
	uint32_t n = read_all(r, recs, MAX_RECS);

	ck_assert_msg(n == 1, "%u records for one refusal (want: %s)", n, why);
	ck_assert_msg(strstr(recs[0].cMessage, why), "'%s' does not say '%s'",
		      recs[0].cMessage, why);
	ck_assert_uint_eq(recs[0].dwLevel, D_ERROR);
	ck_assert_uint_eq(recs[0].dwSection, section);
	ck_assert_uint_eq(recs[0].dwPid, (uint32_t)getpid());
	ck_assert_uint_eq(recs[0].dwSourceType, WDC_TRACE_SRC_AGENT);
	if (about_edu) {
		ck_assert_uint_eq(recs[0].dwFlags, WDC_TRACE_REC_DEV);
		ck_assert(same_slot(&recs[0].pciSlot, &edu));
	} else {
		ck_assert_uint_eq(recs[0].dwFlags, 0);
	}
}

START_TEST(test_refusals_say_why)
{
	struct kag_rw rw;
	struct kag_cfg cfg;
	struct kag_dev_close dc;
	WD_PCI_SLOT none = { 0, 0, 0x1f, 7 };
	WDC_TRACE_READER r;
	uint32_t h;
	int fd, fd2;

	fd = open(KAG_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	fd2 = open(KAG_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_ge(fd2, 0);
	trace_fresh(D_ERROR, S_ALL, 2048);
	ck_assert_int_eq(raw_open(fd, &edu, &h), 0);
	r = reader_open(WDC_TRACE_READ_NEW);

	memset(&rw, 0, sizeof(rw));
	rw.argsz = sizeof(rw);
	rw.handle = h;
	rw.bar = 7;
	rw.width = 4;
	ck_assert_int_eq(xioctl(fd, KAG_IOC_RW, &rw), EINVAL);
	expect_refusal(r, S_MEM, true,
		       "RW refused (-EINVAL): BAR 7 (0 bytes), width 4, offset 0x0, 4 bytes: there is no such BAR");
	rw.bar = 0;
	rw.offset = 2;
	ck_assert_int_eq(xioctl(fd, KAG_IOC_RW, &rw), EINVAL);
	expect_refusal(r, S_MEM, true,
		       "offset 0x2, 4 bytes: the offset is not aligned to the width");
	rw.offset = 1u << 20;
	ck_assert_int_eq(xioctl(fd, KAG_IOC_RW, &rw), EINVAL);
	expect_refusal(r, S_MEM, true, "the access leaves the BAR");
	rw.offset = 0;
	rw.handle = 29;
	ck_assert_int_eq(xioctl(fd, KAG_IOC_RW, &rw), EBADF);
	expect_refusal(r, S_MEM, false,
		       "RW refused (-EBADF): no open device with handle 29 in this file");
	rw.handle = h;
	rw.flags = 0x80;
	ck_assert_int_eq(xioctl(fd, KAG_IOC_RW, &rw), EINVAL);
	expect_refusal(r, S_MEM, false, "unknown flags 0x80");
	rw.flags = 0;
	rw.argsz = 8;
	ck_assert_int_eq(xioctl(fd, KAG_IOC_RW, &rw), EINVAL);
	expect_refusal(r, S_MEM, false,
		       "RW refused (-EINVAL): argsz 8: this request's struct has 40 bytes");

	memset(&cfg, 0, sizeof(cfg));
	cfg.argsz = sizeof(cfg);
	cfg.handle = h;
	cfg.offset = 0x100;
	cfg.width = 4;
	ck_assert_int_eq(xioctl(fd, KAG_IOC_CFG, &cfg), EINVAL);
	expect_refusal(r, S_PCI, true,
		       "CFG refused (-EINVAL): offset 0x100 is past the 256 bytes");

	ck_assert_int_eq(raw_open(fd2, &edu, NULL), EBUSY);
	expect_refusal(r, S_CARD_REG, true,
		       "DEV_OPEN refused (-EBUSY): already open (handle");
	ck_assert_int_eq(raw_open(fd, &none, NULL), ENODEV);
	expect_refusal(r, S_CARD_REG, false,
		       "DEV_OPEN refused (-ENODEV): no PCI device 0000:00:1f.7");

	/* A handler without reasons of its own: the dispatcher's record. */
	dc.argsz = sizeof(dc);
	dc.handle = h;
	ck_assert_int_eq(xioctl(fd, KAG_IOC_INT_DISABLE, &dc), EINVAL);
	expect_refusal(r, S_INT, false, "INT_DISABLE refused (-EINVAL)");
	ck_assert_int_eq(xioctl(fd, _IO(KAG_IOC_TYPE, KAG_IOC_BASE + 47), &dc),
			 ENOTTY);
	expect_refusal(r, S_MISC, false,
		       "refused (-ENOTTY): not a kagent request");

	/* Closing the file is not a refusal; device records are INFO. */
	close(fd2);
	close(fd);
	ck_assert_uint_eq(read_all(r, recs, MAX_RECS), 0);
	WDC_TraceReaderClose(r);
}
END_TEST

/* ---- records from user mode -------------------------------------------- */

START_TEST(test_user_records)
{
	WDC_TRACE_READER r;
	WDC_DEVICE_HANDLE dev;
	WD_DEBUG_ADD add;
	struct kag_trace_add ka;
	uint32_t n;
	int fd;

	trace_fresh(D_TRACE, S_ALL, 2048);
	ck_ok(WDC_PciDeviceOpen(drv, &dev, &edu, NULL, NULL, NULL));
	r = reader_open(WDC_TRACE_READ_NEW);
	ck_ok(WDC_TracePrintf(NULL, dev, D_INFO, S_MISC, "value %d", 42));
	ck_ok(WDC_Err(drv, "an error %s", "here"));
	ck_ok(WDC_Trace(drv, "a trace"));
	memset(&add, 0, sizeof(add));
	strcpy(add.pcBuffer, "raw add");
	add.dwLevel = D_WARN;
	add.dwSection = S_INT | S_DMA;
	ck_ok(WD_DebugAdd(drv, &add));
	/* The raw request names its source and returns the sequence. */
	fd = open(KAG_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	ck_assert_int_ge(fd, 0);
	memset(&ka, 0, sizeof(ka));
	ka.argsz = sizeof(ka);
	ka.level = D_INFO;
	ka.section = S_EVENT;
	strcpy(ka.source, "mydriver");
	strcpy(ka.msg, "named source");
	ck_assert_int_eq(xioctl(fd, KAG_IOC_TRACE_ADD, &ka), 0);
	close(fd);
	ck_ok(WDC_PciDeviceClose(dev));

	n = read_all(r, recs, MAX_RECS);
	ck_assert_uint_ge(n, 5);
	check_order(recs, n);
	ck_assert_str_eq(recs[0].cMessage, "value 42");
	ck_assert_uint_eq(recs[0].dwLevel, D_INFO);
	ck_assert_uint_eq(recs[0].dwSection, S_MISC);
	ck_assert_uint_eq(recs[0].dwFlags, WDC_TRACE_REC_DEV);
	ck_assert(same_slot(&recs[0].pciSlot, &edu));
	ck_assert_str_eq(recs[1].cMessage, "an error here");
	ck_assert_uint_eq(recs[1].dwLevel, D_ERROR);
	ck_assert_uint_eq(recs[1].dwFlags, 0);
	ck_assert_str_eq(recs[2].cMessage, "a trace");
	ck_assert_uint_eq(recs[2].dwLevel, D_TRACE);
	ck_assert_str_eq(recs[3].cMessage, "raw add");
	ck_assert_uint_eq(recs[3].dwLevel, D_WARN);
	ck_assert_uint_eq(recs[3].dwSection, S_INT | S_DMA);
	for (n = 0; n < 4; n++) {
		ck_assert_uint_eq(recs[n].dwSourceType, WDC_TRACE_SRC_USER);
		ck_assert_str_eq(recs[n].cSource, "user");
		ck_assert_uint_eq(recs[n].dwPid, (uint32_t)getpid());
		ck_assert_str_eq(recs[n].cComm, "check_guest_tra");
	}
	ck_assert_str_eq(recs[4].cMessage, "named source");
	ck_assert_str_eq(recs[4].cSource, "mydriver");
	ck_assert_uint_eq(recs[4].dwSourceType, WDC_TRACE_SRC_USER);
	ck_assert_uint_eq(recs[4].qwSeq, ka.seq);
	WDC_TraceReaderClose(r);
}
END_TEST

/* ---- filters ---------------------------------------------------------------- */

START_TEST(test_level_filter)
{
	WDC_TRACE_READER r;
	WDC_DEVICE_HANDLE dev;
	uint32_t n, i;

	trace_fresh(D_WARN, S_ALL, 2048);
	r = reader_open(WDC_TRACE_READ_NEW);
	user_add(D_TRACE, S_MISC, "lvl trace");
	user_add(D_INFO, S_MISC, "lvl info");
	user_add(D_WARN, S_MISC, "lvl warn");
	user_add(D_ERROR, S_MISC, "lvl error");
	/* The agent's INFO records (open, close) are filtered too. */
	ck_ok(WDC_PciDeviceOpen(drv, &dev, &edu, NULL, NULL, NULL));
	ck_ok(WDC_PciDeviceClose(dev));
	n = read_all(r, recs, MAX_RECS);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(recs[0].cMessage, "lvl warn");
	ck_assert_str_eq(recs[1].cMessage, "lvl error");
	for (i = 0; i < n; i++)
		ck_assert_uint_le(recs[i].dwLevel, D_WARN);
	WDC_TraceReaderClose(r);
}
END_TEST

START_TEST(test_section_filter)
{
	WDC_TRACE_READER r;
	WDC_DEVICE_HANDLE dev;
	uint32_t n;

	trace_fresh(D_TRACE, S_INT | S_IPC, 2048);
	r = reader_open(WDC_TRACE_READ_NEW);
	user_add(D_INFO, S_MEM, "sect mem");
	user_add(D_INFO, S_INT, "sect int");
	user_add(D_INFO, S_MEM | S_IPC, "sect mem+ipc");
	user_add(D_INFO, S_MISC, "sect misc");
	ck_ok(WDC_PciDeviceOpen(drv, &dev, &edu, NULL, NULL, NULL));
	ck_ok(WDC_PciDeviceClose(dev));
	n = read_all(r, recs, MAX_RECS);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(recs[0].cMessage, "sect int");
	ck_assert_str_eq(recs[1].cMessage, "sect mem+ipc");
	WDC_TraceReaderClose(r);
}
END_TEST

START_TEST(test_off_records_nothing)
{
	struct kag_trace_add ka;
	struct kag_rw rw;
	WDC_TRACE_READER r;
	WDC_DEVICE_HANDLE dev;
	WDC_TRACE_STATUS st;
	uint64_t before;
	int fd;

	trace_fresh(D_TRACE, S_ALL, 2048);
	r = reader_open(WDC_TRACE_READ_NEW);
	ck_ok(WDC_TraceOff(drv));
	before = next_seq();
	user_add(D_ERROR, S_ALL, "while off");
	ck_ok(WDC_PciDeviceOpen(drv, &dev, &edu, NULL, NULL, NULL));
	ck_ok(WDC_PciDeviceClose(dev));
	fd = open(KAG_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	ck_assert_int_ge(fd, 0);
	memset(&rw, 0, sizeof(rw));
	rw.argsz = sizeof(rw);
	rw.handle = 17;
	ck_assert_int_eq(xioctl(fd, KAG_IOC_RW, &rw), EBADF);
	memset(&ka, 0, sizeof(ka));
	ka.argsz = sizeof(ka);
	ka.level = D_ERROR;
	ka.section = S_MISC;
	strcpy(ka.msg, "raw while off");
	ka.seq = 12345;
	ck_assert_int_eq(xioctl(fd, KAG_IOC_TRACE_ADD, &ka), 0);
	ck_assert_uint_eq(ka.seq, 0);	/* not kept */
	close(fd);
	ck_assert_uint_eq(next_seq(), before);
	ck_assert_uint_eq(read_all(r, recs, MAX_RECS), 0);
	ck_ok(WDC_TraceStatus(drv, &st));
	ck_assert_uint_eq(st.dwFlags & WDC_TRACE_ON, 0);
	/* The filter survives off and on. */
	ck_assert_uint_eq(st.dwLevel, D_TRACE);
	ck_assert_uint_eq(st.dwSections, S_ALL);
	WDC_TraceReaderClose(r);
}
END_TEST

/* ---- readers ---------------------------------------------------------------- */

START_TEST(test_overflow_slow_and_fast_reader)
{
	WDC_TRACE_READER slow, fast;
	WDC_TRACE_STATUS st0, st1;
	WDC_TRACE_RECORD one;
	uint64_t h0;
	uint32_t n, i;
	char msg[32];

	/* S_DMA: no agent record uses it, so the test writes every one. */
	trace_fresh(D_TRACE, S_DMA, 16);
	slow = reader_open(0);
	fast = reader_open(0);
	ck_ok(WDC_TraceStatus(drv, &st0));
	ck_assert_uint_eq(st0.dwSize, 16);
	ck_assert_uint_eq(st0.dwUsed, 0);
	h0 = st0.qwNextSeq;
	for (i = 0; i < 100; i++) {
		snprintf(msg, sizeof(msg), "rec %u", i);
		user_add(D_INFO, S_DMA, msg);
		ck_ok(WDC_TraceRead(fast, &one, 1, &n, 0));
		ck_assert_uint_eq(n, 1);
		ck_assert(!one.fLost);
		ck_assert_uint_eq(one.qwSeq, h0 + i);
		ck_assert_str_eq(one.cMessage, msg);
	}
	n = read_all(slow, recs, MAX_RECS);
	ck_assert_uint_eq(n, 1 + 16);
	ck_assert(recs[0].fLost);
	ck_assert_uint_eq(recs[0].qwSeq, h0);
	ck_assert_uint_eq(recs[0].qwLost, 84);
	for (i = 0; i < 16; i++) {
		snprintf(msg, sizeof(msg), "rec %u", 84 + i);
		ck_assert(!recs[1 + i].fLost);
		ck_assert_uint_eq(recs[1 + i].qwSeq, h0 + 84 + i);
		ck_assert_str_eq(recs[1 + i].cMessage, msg);
	}
	ck_assert_uint_eq(read_all(fast, recs, MAX_RECS), 0);
	ck_ok(WDC_TraceStatus(drv, &st1));
	ck_assert_uint_eq(st1.qwWritten - st0.qwWritten, 100);
	ck_assert_uint_eq(st1.qwOverwritten - st0.qwOverwritten, 84);
	ck_assert_uint_eq(st1.qwReaderLost - st0.qwReaderLost, 84);
	ck_assert_uint_eq(st1.dwUsed, 16);
	WDC_TraceReaderClose(slow);
	WDC_TraceReaderClose(fast);
}
END_TEST

START_TEST(test_loss_survives_clear)
{
	WDC_TRACE_READER r;
	uint32_t n, i;
	uint64_t h0;

	trace_fresh(D_TRACE, S_DMA, 16);
	r = reader_open(0);
	h0 = next_seq();
	for (i = 0; i < 20; i++)
		user_add(D_INFO, S_DMA, "x");
	/* 4 lost, 16 cleared: the reader hears of the 4, not of the 16. */
	ck_ok(WDC_TraceClear(drv));
	user_add(D_INFO, S_DMA, "after clear");
	n = read_all(r, recs, MAX_RECS);
	ck_assert_uint_eq(n, 2);
	ck_assert(recs[0].fLost);
	ck_assert_uint_eq(recs[0].qwLost, 4);
	ck_assert_uint_eq(recs[0].qwSeq, h0);
	ck_assert_str_eq(recs[1].cMessage, "after clear");
	ck_assert_uint_eq(recs[1].qwSeq, h0 + 20);
	WDC_TraceReaderClose(r);
}
END_TEST

START_TEST(test_two_readers_each_get_all)
{
	WDC_TRACE_READER a, b;
	WDC_TRACE_RECORD *other = calloc(64, sizeof(*other));
	uint32_t na, nb, i;
	char msg[32];

	ck_assert_ptr_nonnull(other);
	trace_fresh(D_TRACE, S_DMA, 2048);
	a = reader_open(0);
	for (i = 0; i < 10; i++) {
		snprintf(msg, sizeof(msg), "both %u", i);
		user_add(D_INFO, S_DMA, msg);
	}
	/* Opened later, from the oldest: the same records. */
	b = reader_open(0);
	na = read_all(a, recs, MAX_RECS);
	nb = read_all(b, other, 64);
	ck_assert_uint_eq(na, 10);
	ck_assert_uint_eq(nb, 10);
	for (i = 0; i < 10; i++) {
		ck_assert_uint_eq(recs[i].qwSeq, other[i].qwSeq);
		ck_assert_str_eq(recs[i].cMessage, other[i].cMessage);
	}
	/* A reader opened with WDC_TRACE_READ_NEW sees none of them. */
	WDC_TraceReaderClose(b);
	b = reader_open(WDC_TRACE_READ_NEW);
	ck_assert_uint_eq(read_all(b, other, 64), 0);
	user_add(D_INFO, S_DMA, "late");
	ck_assert_uint_eq(read_all(b, other, 64), 1);
	ck_assert_uint_eq(read_all(a, recs, MAX_RECS), 1);
	ck_assert_str_eq(other[0].cMessage, "late");
	ck_assert_str_eq(recs[0].cMessage, "late");
	WDC_TraceReaderClose(a);
	WDC_TraceReaderClose(b);
	free(other);
}
END_TEST

/* A thread blocked in read() or poll() on a raw reader file. */
struct blocker {
	int fd;
	bool use_poll;
	pid_t tid;
	ssize_t got;
	struct kag_trace_rec rec;
	short revents;
};

static void *blocker_main(void *arg)
{
	struct blocker *b = arg;

	__atomic_store_n(&b->tid, gettid(), __ATOMIC_SEQ_CST);
	if (b->use_poll) {
		struct pollfd p = { .fd = b->fd, .events = POLLIN };

		b->got = poll(&p, 1, -1);
		b->revents = p.revents;
	} else {
		b->got = read(b->fd, &b->rec, sizeof(b->rec));
	}
	return NULL;
}

/*
 * Wait until thread @tid sleeps in system call @nr (or @nr2), on @fd if
 * it is not -1 (the first argument).  No time limit of its own: Check's
 * test timeout is the guard.
 */
static void wait_blocked(pid_t tid, long nr, long nr2, int fd)
{
	char path[64], line[256], want[32], want2[32];
	ssize_t len;
	int sfd;

	if (fd >= 0) {
		snprintf(want, sizeof(want), "%ld 0x%x ", nr, fd);
		snprintf(want2, sizeof(want2), "%ld 0x%x ", nr2, fd);
	} else {
		snprintf(want, sizeof(want), "%ld ", nr);
		snprintf(want2, sizeof(want2), "%ld ", nr2);
	}
	for (;; usleep(1000)) {
		snprintf(path, sizeof(path), "/proc/self/task/%d/syscall",
			 (int)tid);
		sfd = open(path, O_RDONLY);
		ck_assert_int_ge(sfd, 0);
		len = read(sfd, line, sizeof(line) - 1);
		close(sfd);
		line[len > 0 ? len : 0] = '\0';
		if (strncmp(line, want, strlen(want)) &&
		    strncmp(line, want2, strlen(want2)))
			continue;
		/* In the call; now make sure it is asleep in it. */
		snprintf(path, sizeof(path), "/proc/self/task/%d/stat",
			 (int)tid);
		sfd = open(path, O_RDONLY);
		ck_assert_int_ge(sfd, 0);
		len = read(sfd, line, sizeof(line) - 1);
		close(sfd);
		line[len > 0 ? len : 0] = '\0';
		if (strstr(line, ") S "))
			return;
	}
}

static void blocking_wakes(bool use_poll)
{
	struct kag_trace_open op = { .argsz = sizeof(op) };
	struct blocker b = { 0 };
	pthread_t th;
	int fd;

	trace_fresh(D_TRACE, S_DMA, 2048);
	fd = open(KAG_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	ck_assert_int_ge(fd, 0);
	op.flags = KAG_TRACE_OPEN_CLOEXEC;	/* blocking */
	ck_assert_int_eq(xioctl(fd, KAG_IOC_TRACE_OPEN, &op), 0);
	b.fd = op.fd;
	b.use_poll = use_poll;
	ck_assert_int_eq(pthread_create(&th, NULL, blocker_main, &b), 0);
	while (!__atomic_load_n(&b.tid, __ATOMIC_SEQ_CST))
		usleep(1000);
	/* x86-64 numbers: read 0; poll 7 or ppoll 271 (the C library's
	 * choice), whose first argument is the pollfd array. */
	if (use_poll)
		wait_blocked(b.tid, 7, 271, -1);
	else
		wait_blocked(b.tid, 0, 0, b.fd);
	user_add(D_INFO, S_DMA, "wake up");
	ck_assert_int_eq(pthread_join(th, NULL), 0);
	if (use_poll) {
		ck_assert_int_eq(b.got, 1);
		ck_assert(b.revents & POLLIN);
		b.got = read(b.fd, &b.rec, sizeof(b.rec));
	}
	ck_assert_int_eq(b.got, sizeof(b.rec));
	ck_assert_uint_eq(b.rec.size, sizeof(b.rec));
	ck_assert_uint_eq(b.rec.type, KAG_TRACE_REC_MSG);
	ck_assert_str_eq(b.rec.msg, "wake up");
	/* A buffer smaller than a record is refused. */
	ck_assert_int_eq(read(b.fd, &b.rec, 8), -1);
	ck_assert_int_eq(errno, EINVAL);
	close(b.fd);
	close(fd);
}

START_TEST(test_blocking_read_wakes)
{
	blocking_wakes(false);
}
END_TEST

START_TEST(test_poll_wakes)
{
	blocking_wakes(true);
}
END_TEST

/* ---- records from a module in hard IRQ context ---------------------------- */

static bool irq_done;

/* Writes records from process context while the module's timer fires. */
static void *contender_main(void *arg)
{
	unsigned int *count = arg;

	while (!__atomic_load_n(&irq_done, __ATOMIC_SEQ_CST) && *count < 1000) {
		WDC_TracePrintf(drv, NULL, D_INFO, S_MISC, "contender %u",
				*count);
		(*count)++;
	}
	return NULL;
}

START_TEST(test_records_from_hard_irq)
{
	char cmd[256];
	WDC_TRACE_READER r;
	pthread_t th;
	unsigned int contended = 0, seen = 0, i;
	uint64_t last = 0;
	uint32_t n;
	char want[64];

	ck_assert_msg(access(IRQ_MODULE, R_OK) == 0, "%s: %s", IRQ_MODULE,
		      strerror(errno));
	trace_fresh(D_TRACE, S_ALL, 8192);
	r = reader_open(WDC_TRACE_READ_NEW);
	__atomic_store_n(&irq_done, false, __ATOMIC_SEQ_CST);
	ck_assert_int_eq(pthread_create(&th, NULL, contender_main, &contended),
			 0);
	snprintf(cmd, sizeof(cmd),
		 "insmod %s count=%u vendor=0x1234 device=0x11e8", IRQ_MODULE,
		 IRQ_RECORDS);
	ck_assert_int_eq(system(cmd), 0);
	__atomic_store_n(&irq_done, true, __ATOMIC_SEQ_CST);
	ck_assert_int_eq(pthread_join(th, NULL), 0);
	ck_assert_int_eq(system("rmmod trace_irq_test"), 0);

	n = read_all(r, recs, MAX_RECS);
	check_order(recs, n);
	for (i = 0; i < n; i++) {
		const WDC_TRACE_RECORD *x = &recs[i];

		ck_assert(!x->fLost);
		if (strcmp(x->cSource, "trace_irq_test"))
			continue;
		seen++;
		snprintf(want, sizeof(want), "hard IRQ record %u of %u", seen,
			 IRQ_RECORDS);
		ck_assert_str_eq(x->cMessage, want);
		ck_assert_uint_gt(x->qwSeq, last);
		last = x->qwSeq;
		ck_assert_uint_eq(x->dwSourceType, WDC_TRACE_SRC_PLUGIN);
		ck_assert_uint_eq(x->dwFlags,
				  WDC_TRACE_REC_HARDIRQ | WDC_TRACE_REC_DEV);
		ck_assert_str_eq(x->cComm, "[hardirq]");
		ck_assert_uint_eq(x->dwPid, 0);
		ck_assert_uint_eq(x->dwLevel, D_INFO);
		ck_assert_uint_eq(x->dwSection, S_KER_PLUG);
		ck_assert(same_slot(&x->pciSlot, &edu));
	}
	ck_assert_uint_eq(seen, IRQ_RECORDS);
	ck_assert_uint_gt(contended, 0);
	WDC_TraceReaderClose(r);
}
END_TEST

/* ---- status, settings, kernel log -------------------------------------------- */

START_TEST(test_status_figures)
{
	WDC_TRACE_READER a, b;
	WDC_TRACE_STATUS st0, st1;
	uint32_t i;

	ck_ok(WDC_TraceSetSize(drv, 100));	/* rounded up */
	ck_ok(WDC_TraceOn(drv, D_INFO, S_DMA | S_IPC));
	ck_ok(WDC_TraceClear(drv));
	ck_ok(WDC_TraceStatus(drv, &st0));
	ck_assert_uint_eq(st0.dwSize, 128);
	ck_assert_uint_eq(st0.dwUsed, 0);
	ck_assert_uint_eq(st0.dwFlags & WDC_TRACE_ON, WDC_TRACE_ON);
	ck_assert_uint_eq(st0.dwLevel, D_INFO);
	ck_assert_uint_eq(st0.dwSections, S_DMA | S_IPC);
	ck_assert_uint_eq(st0.qwWritten + 1, st0.qwNextSeq);
	a = reader_open(0);
	b = reader_open(WDC_TRACE_READ_NEW);
	for (i = 0; i < 150; i++)
		user_add(D_INFO, S_DMA, "fill");
	user_add(D_TRACE, S_DMA, "filtered out");
	ck_ok(WDC_TraceStatus(drv, &st1));
	ck_assert_uint_eq(st1.dwReaders, st0.dwReaders + 2);
	ck_assert_uint_eq(st1.dwUsed, 128);
	ck_assert_uint_eq(st1.qwWritten - st0.qwWritten, 150);
	ck_assert_uint_eq(st1.qwNextSeq - st0.qwNextSeq, 150);
	ck_assert_uint_eq(st1.qwOverwritten - st0.qwOverwritten, 22);
	ck_assert_uint_eq(st1.qwReaderLost, st0.qwReaderLost);
	ck_assert_uint_eq(read_all(a, recs, MAX_RECS), 1 + 128);
	ck_ok(WDC_TraceStatus(drv, &st1));
	ck_assert_uint_eq(st1.qwReaderLost - st0.qwReaderLost, 22);
	WDC_TraceReaderClose(a);
	WDC_TraceReaderClose(b);
	ck_ok(WDC_TraceStatus(drv, &st1));
	ck_assert_uint_eq(st1.dwReaders, st0.dwReaders);
	ck_ok(WDC_TraceClear(drv));
	ck_ok(WDC_TraceStatus(drv, &st1));
	ck_assert_uint_eq(st1.dwUsed, 0);
}
END_TEST

START_TEST(test_settings)
{
	WDC_TRACE_STATUS st0, st1;
	uint64_t t;

	ck_ok(WDC_TraceStatus(drv, &st0));
	ck_ok(WDC_TraceSetFlags(drv, 0, WDC_TRACE_CLOCK | WDC_TRACE_SECT_INFO));
	ck_ok(WDC_TraceStatus(drv, &st1));
	ck_assert_uint_eq(st1.dwFlags & (WDC_TRACE_CLOCK | WDC_TRACE_SECT_INFO),
			  0);
	ck_ok(WDC_TraceSetFlags(drv, WDC_TRACE_CLOCK | WDC_TRACE_SECT_INFO, 0));
	ck_ok(WDC_TraceStatus(drv, &st1));
	ck_assert_uint_eq(st1.dwFlags & (WDC_TRACE_CLOCK | WDC_TRACE_SECT_INFO),
			  WDC_TRACE_CLOCK | WDC_TRACE_SECT_INFO);
	t = now_ns();
	ck_ok(WDC_TraceClockReset(drv));
	ck_ok(WDC_TraceStatus(drv, &st1));
	ck_assert_uint_ge(st1.qwClockBaseNs, t);
	ck_assert_uint_le(st1.qwClockBaseNs, st1.qwNowNs);
	/* The agent refuses what the library would (raw request). */
	{
		struct kag_trace_config c = { .argsz = sizeof(c) };
		int fd = open(KAG_DEVICE_PATH, O_RDWR | O_CLOEXEC);

		ck_assert_int_ge(fd, 0);
		c.set = KAG_TRACE_SET_SIZE;
		c.size = 8;
		ck_assert_int_eq(xioctl(fd, KAG_IOC_TRACE_CONFIG, &c), EINVAL);
		c.size = 65537;
		ck_assert_int_eq(xioctl(fd, KAG_IOC_TRACE_CONFIG, &c), EINVAL);
		c.set = KAG_TRACE_SET_LEVEL;
		c.level = 5;
		ck_assert_int_eq(xioctl(fd, KAG_IOC_TRACE_CONFIG, &c), EINVAL);
		c.set = 0;
		c.flags_set = c.flags_clear = KAG_TRACE_DBG;
		ck_assert_int_eq(xioctl(fd, KAG_IOC_TRACE_CONFIG, &c), EINVAL);
		c.flags_clear = 0;
		c.flags_set = 0x100;
		ck_assert_int_eq(xioctl(fd, KAG_IOC_TRACE_CONFIG, &c), EINVAL);
		close(fd);
	}
	ck_ok(WDC_TraceStatus(drv, &st1));
	ck_assert_uint_eq(st1.dwSize, st0.dwSize);
	ck_assert_uint_eq(st1.dwFlags & WDC_TRACE_DBG, st0.dwFlags & WDC_TRACE_DBG);
}
END_TEST

/* Does the kernel log contain @s? */
static bool kmsg_has(const char *s)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "dmesg | grep -qF '%s'", s);
	return system(cmd) == 0;
}

START_TEST(test_copy_to_kernel_log)
{
	char on[64], off[64];

	snprintf(on, sizeof(on), "to the log %d", (int)getpid());
	snprintf(off, sizeof(off), "not to the log %d", (int)getpid());
	trace_fresh(D_TRACE, S_ALL, 2048);
	ck_ok(WDC_TraceSetFlags(drv, WDC_TRACE_DBG, 0));
	user_add(D_WARN, S_MISC, on);
	ck_ok(WDC_TraceSetFlags(drv, 0, WDC_TRACE_DBG));
	user_add(D_WARN, S_MISC, off);
	ck_assert(kmsg_has(on));
	ck_assert(kmsg_has("kagent: trace "));
	ck_assert(!kmsg_has(off));
}
END_TEST

/* ---- events and mappings ------------------------------------------------ */

static void write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	ck_assert_msg(fd >= 0, "%s: %s", path, strerror(errno));
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

START_TEST(test_removal_while_open)
{
	char bdf[WDC_PCI_SLOT_STR_LEN];
	WDC_TRACE_READER r;
	WDC_DEVICE_HANDLE dev;
	uint32_t n;
	int i;

	trace_fresh(D_TRACE, S_EVENT | S_PNP, 2048);
	ck_ok(WDC_PciDeviceOpen(drv, &dev, &edu, NULL, NULL, NULL));
	r = reader_open(WDC_TRACE_READ_NEW);
	ck_ok(WDC_PciSlotToStr(&edu, bdf, sizeof(bdf)));
	/* An administrator unbinds the device under the open. */
	write_file("/sys/bus/pci/drivers/kagent/unbind", bdf);
	n = read_all(r, recs, MAX_RECS);
	i = find_msg(recs, n, 0, "removed while open (handle ");
	ck_assert_msg(i >= 0, "no removal record in %u records", n);
	ck_assert_uint_eq(recs[i].dwLevel, D_WARN);
	ck_assert_uint_eq(recs[i].dwSection, S_EVENT);
	ck_assert(same_slot(&recs[i].pciSlot, &edu));
	ck_assert_int_gt(find_msg(recs, n, (uint32_t)i, "released by kagent"), i);
	WDC_PciDeviceClose(dev);
	WDC_TraceReaderClose(r);
}
END_TEST

START_TEST(test_sigbus_on_revoked_mapping)
{
	struct kag_dev_close cl = { .argsz = sizeof(cl) };
	struct kag_dev_info info = { .argsz = sizeof(info) };
	WDC_TRACE_READER r;
	volatile uint32_t *bar0;
	uint32_t n;
	int fd, status, i;
	pid_t pid;

	trace_fresh(D_TRACE, S_MEM, 2048);
	fd = open(KAG_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(raw_open(fd, &edu, &info.handle), 0);
	ck_assert_int_eq(xioctl(fd, KAG_IOC_DEV_INFO, &info), 0);
	bar0 = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd,
		    (off_t)info.bar[0].mmap_offset);
	ck_assert_ptr_ne((void *)bar0, MAP_FAILED);
	ck_assert_uint_eq(bar0[0], 0x010000ed);
	cl.handle = info.handle;
	ck_assert_int_eq(xioctl(fd, KAG_IOC_DEV_CLOSE, &cl), 0);
	r = reader_open(WDC_TRACE_READ_NEW);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (!pid) {
		(void)bar0[1];	/* the mapping was revoked */
		_exit(0);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS);
	n = read_all(r, recs, MAX_RECS);
	i = find_msg(recs, n, 0, "SIGBUS: access at BAR0 page 0");
	ck_assert_msg(i >= 0, "no SIGBUS record in %u records", n);
	ck_assert_uint_eq(recs[i].dwLevel, D_WARN);
	ck_assert_uint_eq(recs[i].dwPid, (uint32_t)pid);
	ck_assert(same_slot(&recs[i].pciSlot, &edu));
	munmap((void *)bar0, 4096);
	close(fd);
	WDC_TraceReaderClose(r);
}
END_TEST

START_TEST(test_read_returns_whole_records)
{
	struct kag_trace_open op = { .argsz = sizeof(op) };
	struct kag_trace_rec *buf;
	size_t rs = sizeof(*buf);
	int fd, i;

	trace_fresh(D_TRACE, S_DMA, 2048);
	fd = open(KAG_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	ck_assert_int_ge(fd, 0);
	op.flags = KAG_TRACE_OPEN_NEW | KAG_TRACE_OPEN_NONBLOCK;
	ck_assert_int_eq(xioctl(fd, KAG_IOC_TRACE_OPEN, &op), 0);
	buf = calloc(4, rs);
	ck_assert_ptr_nonnull(buf);
	ck_assert_int_eq(read(op.fd, buf, rs), -1);
	ck_assert_int_eq(errno, EAGAIN);	/* O_NONBLOCK, nothing yet */
	for (i = 0; i < 3; i++)
		user_add(D_INFO, S_DMA, "whole");
	/* Room for 1.5 records: one; for 2.9: two; never a part. */
	ck_assert_int_eq(read(op.fd, buf, rs + rs / 2), (ssize_t)rs);
	ck_assert_int_eq(read(op.fd, buf, 3 * rs - 1), (ssize_t)(2 * rs));
	ck_assert_str_eq(buf[1].msg, "whole");
	ck_assert_uint_eq(buf[1].seq, buf[0].seq + 1);
	free(buf);
	close(op.fd);
	close(fd);
}
END_TEST

static Suite *trace_suite(void)
{
	Suite *s = suite_create("trace");
	TCase *tc = tcase_create("guest");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_agent_device_lifecycle);
	tcase_add_test(tc, test_refusals_say_why);
	tcase_add_test(tc, test_user_records);
	tcase_add_test(tc, test_level_filter);
	tcase_add_test(tc, test_section_filter);
	tcase_add_test(tc, test_off_records_nothing);
	tcase_add_test(tc, test_overflow_slow_and_fast_reader);
	tcase_add_test(tc, test_loss_survives_clear);
	tcase_add_test(tc, test_two_readers_each_get_all);
	tcase_add_test(tc, test_blocking_read_wakes);
	tcase_add_test(tc, test_poll_wakes);
	tcase_add_test(tc, test_records_from_hard_irq);
	tcase_add_test(tc, test_status_figures);
	tcase_add_test(tc, test_settings);
	tcase_add_test(tc, test_copy_to_kernel_log);
	tcase_add_test(tc, test_removal_while_open);
	tcase_add_test(tc, test_sigbus_on_revoked_mapping);
	tcase_add_test(tc, test_read_returns_whole_records);
	suite_add_tcase(s, tc);
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

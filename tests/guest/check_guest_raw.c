// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check_guest_raw.c - VM tests of the agent's own validation: bad input
 * sent straight through ioctl() and mmap() on /dev/kagent, bypassing
 * libwdc (which would refuse most of it first).  Every case must get its
 * errno, never an oops; the device keeps working afterwards.
 *
 * Uses libwdc only to find the edu (and pci-testdev) by scanning.
 */
#define _GNU_SOURCE 1

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <wdc/kagent_uapi.h>
#include <wdc/wdc_lib.h>

#define EDU_ID_VALUE 0x010000edu
#define EDU_LIVENESS 0x04
#define EDU_BAR0_LEN (1u << 20)

static int fd = -1;
static uint32_t handle;
static struct kag_dev_info info;
static WD_PCI_SLOT slot;

/* ioctl() returning 0 or the errno. */
static int xioctl(int f, unsigned long req, void *arg)
{
	return ioctl(f, req, arg) < 0 ? errno : 0;
}

#define ck_assert_errno(expr, want)                                           \
	do {                                                                  \
		int e_ = (expr);                                              \
		ck_assert_msg(e_ == (want), "%s: got %d (%s), want %d (%s)",  \
			      #expr, e_, strerror(e_), (want),               \
			      strerror(want));                                \
	} while (0)

static bool find_device(uint32_t vid, uint32_t did, WD_PCI_SLOT *out)
{
	WDC_PCI_SCAN_RESULT *res = malloc(sizeof(*res));
	bool found;

	ck_assert_ptr_nonnull(res);
	ck_assert_uint_eq(WDC_PciScanDevices(NULL, vid, did, res),
			  WD_STATUS_SUCCESS);
	found = res->dwNumDevices > 0;
	if (found)
		*out = res->deviceSlot[0];
	free(res);
	return found;
}

static int open_agent(void)
{
	int f = open(KAG_DEVICE_PATH, O_RDWR | O_CLOEXEC);

	ck_assert_msg(f >= 0, "open %s: %s (is kagent loaded?)",
		      KAG_DEVICE_PATH, strerror(errno));
	return f;
}

static void fill_open(struct kag_dev_open *op, const WD_PCI_SLOT *s)
{
	memset(op, 0, sizeof(*op));
	op->argsz = sizeof(*op);
	op->domain = s->dwDomain;
	op->bus = (uint8_t)s->dwBus;
	op->dev = (uint8_t)s->dwSlot;
	op->fn = (uint8_t)s->dwFunction;
}

static int dev_open(int f, const WD_PCI_SLOT *s, uint32_t *h)
{
	struct kag_dev_open op;
	int err;

	fill_open(&op, s);
	err = xioctl(f, KAG_IOC_DEV_OPEN, &op);
	if (!err)
		*h = op.handle;
	return err;
}

static int dev_info(int f, uint32_t h, struct kag_dev_info *i)
{
	memset(i, 0, sizeof(*i));
	i->argsz = sizeof(*i);
	i->handle = h;
	return xioctl(f, KAG_IOC_DEV_INFO, i);
}

static int dev_close(int f, uint32_t h)
{
	struct kag_dev_close c = { .argsz = sizeof(c), .handle = h };

	return xioctl(f, KAG_IOC_DEV_CLOSE, &c);
}

static void setup(void)
{
	ck_assert_msg(find_device(0x1234, 0x11e8, &slot),
		      "no edu in this VM: start QEMU with -device edu");
	fd = open_agent();
	ck_assert_errno(dev_open(fd, &slot, &handle), 0);
	ck_assert_errno(dev_info(fd, handle, &info), 0);
}

static void teardown(void)
{
	close(fd);
	fd = -1;
}

static struct kag_rw rw_req(uint32_t bar, uint32_t width, uint64_t off)
{
	struct kag_rw r;

	memset(&r, 0, sizeof(r));
	r.argsz = sizeof(r);
	r.handle = handle;
	r.bar = bar;
	r.width = width;
	r.offset = off;
	return r;
}

static uint32_t read_id(void)
{
	struct kag_rw r = rw_req(0, 4, 0);

	ck_assert_errno(xioctl(fd, KAG_IOC_RW, &r), 0);
	return (uint32_t)r.value;
}

static void write_liveness(uint32_t v)
{
	struct kag_rw r = rw_req(0, 4, EDU_LIVENESS);

	r.flags = KAG_RW_WRITE;
	r.value = v;
	ck_assert_errno(xioctl(fd, KAG_IOC_RW, &r), 0);
}

static uint32_t read_liveness(void)
{
	struct kag_rw r = rw_req(0, 4, EDU_LIVENESS);

	ck_assert_errno(xioctl(fd, KAG_IOC_RW, &r), 0);
	return (uint32_t)r.value;
}

START_TEST(test_version)
{
	struct kag_version v;

	memset(&v, 0, sizeof(v));
	v.argsz = sizeof(v);
	ck_assert_errno(xioctl(fd, KAG_IOC_GET_VERSION, &v), 0);
	ck_assert_uint_eq(v.abi_version, KAG_ABI_VERSION);
	ck_assert(memchr(v.agent_version, '\0', sizeof(v.agent_version)));
	ck_assert_uint_gt(strlen(v.agent_version), 0);
	v.argsz = 4;
	ck_assert_errno(xioctl(fd, KAG_IOC_GET_VERSION, &v), EINVAL);
}
END_TEST

START_TEST(test_unknown_ioctl)
{
	struct kag_version v = { .argsz = sizeof(v) };

	ck_assert_errno(xioctl(fd, _IO(KAG_IOC_TYPE, 0xff), &v), ENOTTY);
	ck_assert_errno(xioctl(fd, _IO(KAG_IOC_TYPE, KAG_IOC_BASE + 0x3f), &v),
			ENOTTY);
	ck_assert_errno(xioctl(fd, _IO('x', KAG_IOC_BASE), &v), ENOTTY);
	/* The size-encoding form of a known number is another command. */
	ck_assert_errno(xioctl(fd, _IOWR(KAG_IOC_TYPE, KAG_IOC_BASE,
					 struct kag_version), &v),
			ENOTTY);
}
END_TEST

START_TEST(test_null_arg)
{
	static const unsigned long cmds[] = {
		KAG_IOC_GET_VERSION, KAG_IOC_DEV_OPEN, KAG_IOC_DEV_CLOSE,
		KAG_IOC_DEV_INFO,    KAG_IOC_RW,       KAG_IOC_BLOCK,
		KAG_IOC_MULTI,	     KAG_IOC_CFG,
	};
	size_t i;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		ck_assert_msg(xioctl(fd, cmds[i], NULL) == EFAULT,
			      "ioctl 0x%lx with a NULL argument", cmds[i]);
		ck_assert_msg(xioctl(fd, cmds[i], (void *)16) == EFAULT,
			      "ioctl 0x%lx with a bad argument pointer", cmds[i]);
	}
	ck_assert_uint_eq(read_id(), EDU_ID_VALUE);
}
END_TEST

/* argsz: too small or absurd is refused; larger with a zero tail is fine. */
START_TEST(test_argsz)
{
	struct {
		struct kag_rw rw;
		uint64_t tail;
	} big;
	struct kag_rw r = rw_req(0, 4, 0);
	struct kag_cfg c;
	struct kag_multi m;
	struct kag_block b;
	struct kag_dev_info di;
	struct kag_dev_open op;
	struct kag_dev_close cl;
	uint32_t buf;

	r.argsz = sizeof(r) - 8;
	ck_assert_errno(xioctl(fd, KAG_IOC_RW, &r), EINVAL);
	r.argsz = 0;
	ck_assert_errno(xioctl(fd, KAG_IOC_RW, &r), EINVAL);
	r.argsz = 1u << 20;
	ck_assert_errno(xioctl(fd, KAG_IOC_RW, &r), EINVAL);

	memset(&big, 0, sizeof(big));
	big.rw = rw_req(0, 4, 0);
	big.rw.argsz = sizeof(big);
	ck_assert_errno(xioctl(fd, KAG_IOC_RW, &big), 0);
	ck_assert_uint_eq(big.rw.value, EDU_ID_VALUE);
	big.tail = 1;	/* a field this agent does not know, set */
	ck_assert_errno(xioctl(fd, KAG_IOC_RW, &big), EINVAL);

	memset(&c, 0, sizeof(c));
	c.argsz = sizeof(c) - 4;
	c.handle = handle;
	c.width = 4;
	ck_assert_errno(xioctl(fd, KAG_IOC_CFG, &c), EINVAL);
	memset(&m, 0, sizeof(m));
	m.argsz = 8;
	ck_assert_errno(xioctl(fd, KAG_IOC_MULTI, &m), EINVAL);
	memset(&b, 0, sizeof(b));
	b.argsz = sizeof(b) - 8;
	b.handle = handle;
	b.width = 4;
	b.length = 4;
	b.buf = (uintptr_t)&buf;
	ck_assert_errno(xioctl(fd, KAG_IOC_BLOCK, &b), EINVAL);
	memset(&di, 0, sizeof(di));
	di.argsz = 56;
	di.handle = handle;
	ck_assert_errno(xioctl(fd, KAG_IOC_DEV_INFO, &di), EINVAL);
	fill_open(&op, &slot);
	op.argsz = 24;
	ck_assert_errno(xioctl(fd, KAG_IOC_DEV_OPEN, &op), EINVAL);
	cl.argsz = 4;
	cl.handle = handle;
	ck_assert_errno(xioctl(fd, KAG_IOC_DEV_CLOSE, &cl), EINVAL);
	ck_assert_uint_eq(read_id(), EDU_ID_VALUE);	/* still open */
}
END_TEST

START_TEST(test_bad_handle)
{
	static const uint32_t bad[] = { 0, 0x7fffffff, 0xffffffff };
	struct kag_dev_info di;
	struct kag_transfer t;
	struct kag_multi m;
	struct kag_block b;
	struct kag_cfg c;
	struct kag_rw r;
	uint32_t buf;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = rw_req(0, 4, 0);
		r.handle = bad[i];
		ck_assert_errno(xioctl(fd, KAG_IOC_RW, &r), EBADF);
		ck_assert_errno(dev_info(fd, bad[i], &di), EBADF);
		ck_assert_errno(dev_close(fd, bad[i]), EBADF);

		memset(&b, 0, sizeof(b));
		b.argsz = sizeof(b);
		b.handle = bad[i];
		b.width = 4;
		b.length = 4;
		b.buf = (uintptr_t)&buf;
		ck_assert_errno(xioctl(fd, KAG_IOC_BLOCK, &b), EBADF);

		memset(&t, 0, sizeof(t));
		t.cmd = KAG_TRANS_READ;
		t.width = 4;
		memset(&m, 0, sizeof(m));
		m.argsz = sizeof(m);
		m.handle = bad[i];
		m.count = 1;
		m.cmds = (uintptr_t)&t;
		ck_assert_errno(xioctl(fd, KAG_IOC_MULTI, &m), EBADF);

		memset(&c, 0, sizeof(c));
		c.argsz = sizeof(c);
		c.handle = bad[i];
		c.width = 4;
		ck_assert_errno(xioctl(fd, KAG_IOC_CFG, &c), EBADF);
	}
	ck_assert_uint_eq(read_id(), EDU_ID_VALUE);
}
END_TEST

START_TEST(test_rw_bad)
{
	struct kag_rw r;

	r = rw_req(6, 4, 0);
	ck_assert_errno(xioctl(fd, KAG_IOC_RW, &r), EINVAL);
	r = rw_req(0xffffffff, 4, 0);
	ck_assert_errno(xioctl(fd, KAG_IOC_RW, &r), EINVAL);
	r = rw_req(1, 4, 0);	/* BAR1 is not implemented by the edu */
	ck_assert_errno(xioctl(fd, KAG_IOC_RW, &r), EINVAL);
	r = rw_req(0, 4, EDU_BAR0_LEN);	/* past the end */
	ck_assert_errno(xioctl(fd, KAG_IOC_RW, &r), EINVAL);
	r = rw_req(0, 8, EDU_BAR0_LEN - 4);
	ck_assert_errno(xioctl(fd, KAG_IOC_RW, &r), EINVAL);
	r = rw_req(0, 4, UINT64_MAX - 3);	/* offset + width overflows */
	ck_assert_errno(xioctl(fd, KAG_IOC_RW, &r), EINVAL);
	r = rw_req(0, 4, 2);	/* misaligned */
	ck_assert_errno(xioctl(fd, KAG_IOC_RW, &r), EINVAL);
	r = rw_req(0, 2, 1);
	ck_assert_errno(xioctl(fd, KAG_IOC_RW, &r), EINVAL);
	r = rw_req(0, 8, 4);
	ck_assert_errno(xioctl(fd, KAG_IOC_RW, &r), EINVAL);
	r = rw_req(0, 3, 0);	/* widths */
	ck_assert_errno(xioctl(fd, KAG_IOC_RW, &r), EINVAL);
	r = rw_req(0, 0, 0);
	ck_assert_errno(xioctl(fd, KAG_IOC_RW, &r), EINVAL);
	r = rw_req(0, 16, 0);
	ck_assert_errno(xioctl(fd, KAG_IOC_RW, &r), EINVAL);
	r = rw_req(0, 4, 0);
	r.reserved = 1;
	ck_assert_errno(xioctl(fd, KAG_IOC_RW, &r), EINVAL);
	r = rw_req(0, 4, 0);
	r.flags = 0x80;
	ck_assert_errno(xioctl(fd, KAG_IOC_RW, &r), EINVAL);
	r = rw_req(0, 4, 0);
	r.flags = KAG_BLOCK_NO_AUTOINC;	/* not a kag_rw flag */
	ck_assert_errno(xioctl(fd, KAG_IOC_RW, &r), EINVAL);

	/* and the good ones */
	ck_assert_uint_eq(read_id(), EDU_ID_VALUE);
	write_liveness(0x5555aaaa);
	ck_assert_uint_eq(read_liveness(), 0xaaaa5555);
}
END_TEST

static struct kag_block blk_req(uint32_t width, uint64_t off, uint64_t len,
				void *buf, uint32_t flags)
{
	struct kag_block b;

	memset(&b, 0, sizeof(b));
	b.argsz = sizeof(b);
	b.handle = handle;
	b.bar = 0;
	b.width = width;
	b.offset = off;
	b.length = len;
	b.buf = (uintptr_t)buf;
	b.flags = flags;
	return b;
}

START_TEST(test_block_bad)
{
	uint32_t buf[4];
	struct kag_block b;
	void *ro;
	int i;

	b = blk_req(4, 0, 0, buf, 0);	/* length 0 */
	ck_assert_errno(xioctl(fd, KAG_IOC_BLOCK, &b), EINVAL);
	b = blk_req(4, 0, KAG_BLOCK_MAX_BYTES + 4, buf, KAG_BLOCK_NO_AUTOINC);
	ck_assert_errno(xioctl(fd, KAG_IOC_BLOCK, &b), EINVAL);
	b = blk_req(4, 0, UINT64_MAX - 3, buf, KAG_BLOCK_NO_AUTOINC);
	ck_assert_errno(xioctl(fd, KAG_IOC_BLOCK, &b), EINVAL);
	b = blk_req(4, 0, 6, buf, 0);	/* not a multiple of the width */
	ck_assert_errno(xioctl(fd, KAG_IOC_BLOCK, &b), EINVAL);
	b = blk_req(3, 0, 6, buf, 0);
	ck_assert_errno(xioctl(fd, KAG_IOC_BLOCK, &b), EINVAL);
	b = blk_req(4, 2, 8, buf, 0);	/* misaligned */
	ck_assert_errno(xioctl(fd, KAG_IOC_BLOCK, &b), EINVAL);
	b = blk_req(4, EDU_BAR0_LEN - 4, 8, buf, 0);	/* leaves the BAR */
	ck_assert_errno(xioctl(fd, KAG_IOC_BLOCK, &b), EINVAL);
	b = blk_req(4, 0, 4, buf, 0x4);	/* unknown flag */
	ck_assert_errno(xioctl(fd, KAG_IOC_BLOCK, &b), EINVAL);
	b = blk_req(4, 0, 4, buf, 0);
	b.reserved = 1;
	ck_assert_errno(xioctl(fd, KAG_IOC_BLOCK, &b), EINVAL);
	b = blk_req(4, 0, 4, buf, 0);
	b.bar = 6;
	ck_assert_errno(xioctl(fd, KAG_IOC_BLOCK, &b), EINVAL);

	/* bad user buffers */
	b = blk_req(4, 0, 4, NULL, 0);
	ck_assert_errno(xioctl(fd, KAG_IOC_BLOCK, &b), EFAULT);
	b = blk_req(4, 0, 4, NULL, KAG_RW_WRITE);
	ck_assert_errno(xioctl(fd, KAG_IOC_BLOCK, &b), EFAULT);
	b = blk_req(4, 0, 4, (void *)16, 0);
	ck_assert_errno(xioctl(fd, KAG_IOC_BLOCK, &b), EFAULT);
	b = blk_req(4, 0, 4, (void *)16, KAG_RW_WRITE);
	ck_assert_errno(xioctl(fd, KAG_IOC_BLOCK, &b), EFAULT);
	ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ck_assert_ptr_ne(ro, MAP_FAILED);
	b = blk_req(4, 0, 16, ro, KAG_BLOCK_NO_AUTOINC);	/* read into r/o */
	ck_assert_errno(xioctl(fd, KAG_IOC_BLOCK, &b), EFAULT);
	munmap(ro, 4096);

	/* good: FIFO at a register whose neighbour is past the end */
	b = blk_req(4, EDU_BAR0_LEN - 4, 8, buf, KAG_BLOCK_NO_AUTOINC);
	ck_assert_errno(xioctl(fd, KAG_IOC_BLOCK, &b), 0);
	memset(buf, 0, sizeof(buf));
	b = blk_req(4, 0, sizeof(buf), buf, KAG_BLOCK_NO_AUTOINC);
	ck_assert_errno(xioctl(fd, KAG_IOC_BLOCK, &b), 0);
	for (i = 0; i < 4; i++)
		ck_assert_uint_eq(buf[i], EDU_ID_VALUE);
}
END_TEST

static int multi(struct kag_transfer *t, uint32_t count, uint32_t *failed)
{
	struct kag_multi m;
	int err;

	memset(&m, 0, sizeof(m));
	m.argsz = sizeof(m);
	m.handle = handle;
	m.count = count;
	m.cmds = (uintptr_t)t;
	m.failed_index = 0xdead;
	err = xioctl(fd, KAG_IOC_MULTI, &m);
	if (failed)
		*failed = m.failed_index;
	return err;
}

static void good_cmds(struct kag_transfer *t, int n)
{
	int i;

	memset(t, 0, (size_t)n * sizeof(*t));
	for (i = 0; i < n; i++) {
		t[i].cmd = KAG_TRANS_READ;
		t[i].bar = 0;
		t[i].width = 4;
		t[i].offset = 0;
	}
}

START_TEST(test_multi_bad)
{
	struct kag_transfer t[4];
	struct kag_transfer *many;
	uint32_t failed;

	good_cmds(t, 4);
	ck_assert_errno(multi(t, 0, NULL), EINVAL);
	ck_assert_errno(multi(t, KAG_MULTI_MAX_CMDS + 1, NULL), EINVAL);
	ck_assert_errno(multi(NULL, 1, NULL), EFAULT);
	ck_assert_errno(multi((void *)16, 1, NULL), EFAULT);

	t[0].cmd = 0;
	ck_assert_errno(multi(t, 4, &failed), EINVAL);
	ck_assert_uint_eq(failed, 0);
	good_cmds(t, 4);
	t[0].cmd = 0x7f;
	ck_assert_errno(multi(t, 4, &failed), EINVAL);
	ck_assert_uint_eq(failed, 0);
	good_cmds(t, 4);
	t[1].width = 3;
	ck_assert_errno(multi(t, 4, &failed), EINVAL);
	ck_assert_uint_eq(failed, 1);
	good_cmds(t, 4);
	t[1].flags = 1;
	ck_assert_errno(multi(t, 4, &failed), EINVAL);
	ck_assert_uint_eq(failed, 1);
	good_cmds(t, 4);
	t[2].bar = 6;
	ck_assert_errno(multi(t, 4, &failed), EINVAL);
	ck_assert_uint_eq(failed, 2);
	good_cmds(t, 4);
	t[2].bar = 1;
	ck_assert_errno(multi(t, 4, &failed), EINVAL);
	ck_assert_uint_eq(failed, 2);
	good_cmds(t, 4);
	t[3].offset = 2;
	ck_assert_errno(multi(t, 4, &failed), EINVAL);
	ck_assert_uint_eq(failed, 3);
	good_cmds(t, 4);
	t[3].offset = EDU_BAR0_LEN;
	ck_assert_errno(multi(t, 4, &failed), EINVAL);
	ck_assert_uint_eq(failed, 3);

	/* Validated before the first access: the write must not happen. */
	write_liveness(0x2222);
	good_cmds(t, 2);
	t[0].cmd = KAG_TRANS_WRITE;
	t[0].offset = EDU_LIVENESS;
	t[0].value = 0x1111;
	t[1].bar = 6;
	ck_assert_errno(multi(t, 2, &failed), EINVAL);
	ck_assert_uint_eq(failed, 1);
	ck_assert_uint_eq(read_liveness(), ~0x2222u);

	/* good, up to the maximum */
	t[1].bar = 0;
	t[1].offset = EDU_LIVENESS;
	ck_assert_errno(multi(t, 2, NULL), 0);
	ck_assert_uint_eq(t[1].value, ~0x1111u);
	many = calloc(KAG_MULTI_MAX_CMDS, sizeof(*many));
	ck_assert_ptr_nonnull(many);
	good_cmds(many, KAG_MULTI_MAX_CMDS);
	ck_assert_errno(multi(many, KAG_MULTI_MAX_CMDS, NULL), 0);
	ck_assert_uint_eq(many[KAG_MULTI_MAX_CMDS - 1].value, EDU_ID_VALUE);
	free(many);
}
END_TEST

static struct kag_cfg cfg_req(uint32_t off, uint32_t width, uint32_t flags)
{
	struct kag_cfg c;

	memset(&c, 0, sizeof(c));
	c.argsz = sizeof(c);
	c.handle = handle;
	c.offset = off;
	c.width = width;
	c.flags = flags;
	return c;
}

START_TEST(test_cfg_bad)
{
	struct kag_cfg c;
	uint32_t orig;

	c = cfg_req(0, 0, 0);
	ck_assert_errno(xioctl(fd, KAG_IOC_CFG, &c), EINVAL);
	c = cfg_req(0, 3, 0);
	ck_assert_errno(xioctl(fd, KAG_IOC_CFG, &c), EINVAL);
	c = cfg_req(0, 8, 0);
	ck_assert_errno(xioctl(fd, KAG_IOC_CFG, &c), EINVAL);
	c = cfg_req(256, 4, 0);	/* edu has 256 bytes */
	ck_assert_errno(xioctl(fd, KAG_IOC_CFG, &c), EINVAL);
	c = cfg_req(4096, 1, 0);
	ck_assert_errno(xioctl(fd, KAG_IOC_CFG, &c), EINVAL);
	c = cfg_req(0xfffffffc, 4, 0);
	ck_assert_errno(xioctl(fd, KAG_IOC_CFG, &c), EINVAL);
	c = cfg_req(1, 4, 0);
	ck_assert_errno(xioctl(fd, KAG_IOC_CFG, &c), EINVAL);
	c = cfg_req(1, 2, 0);
	ck_assert_errno(xioctl(fd, KAG_IOC_CFG, &c), EINVAL);
	c = cfg_req(0, 4, 0x2);	/* unknown flag */
	ck_assert_errno(xioctl(fd, KAG_IOC_CFG, &c), EINVAL);
	c = cfg_req(0x0c, 1, KAG_RW_WRITE | 0x80);
	ck_assert_errno(xioctl(fd, KAG_IOC_CFG, &c), EINVAL);

	c = cfg_req(0, 4, 0);
	ck_assert_errno(xioctl(fd, KAG_IOC_CFG, &c), 0);
	ck_assert_uint_eq(c.value, 0x11e81234);
	c = cfg_req(255, 1, 0);
	ck_assert_errno(xioctl(fd, KAG_IOC_CFG, &c), 0);
	/* a harmless write (cache line size), read back, restored */
	c = cfg_req(0x0c, 1, 0);
	ck_assert_errno(xioctl(fd, KAG_IOC_CFG, &c), 0);
	orig = c.value;
	c = cfg_req(0x0c, 1, KAG_RW_WRITE);
	c.value = orig == 0x10 ? 0x08 : 0x10;
	ck_assert_errno(xioctl(fd, KAG_IOC_CFG, &c), 0);
	c = cfg_req(0x0c, 1, 0);
	ck_assert_errno(xioctl(fd, KAG_IOC_CFG, &c), 0);
	ck_assert_uint_eq(c.value, orig == 0x10 ? 0x08 : 0x10);
	c = cfg_req(0x0c, 1, KAG_RW_WRITE);
	c.value = orig;
	ck_assert_errno(xioctl(fd, KAG_IOC_CFG, &c), 0);
}
END_TEST

START_TEST(test_dev_open_bad)
{
	struct kag_dev_open op;
	WD_PCI_SLOT none = { 0xfffe, 0, 0, 0 };
	uint32_t h2;
	int fd2;

	fill_open(&op, &slot);
	op.flags = 1;
	ck_assert_errno(xioctl(fd, KAG_IOC_DEV_OPEN, &op), EINVAL);
	fill_open(&op, &slot);
	op.reserved0 = 1;
	ck_assert_errno(xioctl(fd, KAG_IOC_DEV_OPEN, &op), EINVAL);
	fill_open(&op, &slot);
	op.reserved1 = 1;
	ck_assert_errno(xioctl(fd, KAG_IOC_DEV_OPEN, &op), EINVAL);
	fill_open(&op, &slot);
	op.dev = 32;
	ck_assert_errno(xioctl(fd, KAG_IOC_DEV_OPEN, &op), EINVAL);
	fill_open(&op, &slot);
	op.fn = 8;
	ck_assert_errno(xioctl(fd, KAG_IOC_DEV_OPEN, &op), EINVAL);
	ck_assert_errno(dev_open(fd, &none, &h2), ENODEV);

	/* already open: in this file, and from another file */
	fill_open(&op, &slot);
	ck_assert_errno(xioctl(fd, KAG_IOC_DEV_OPEN, &op), EBUSY);
	fd2 = open_agent();
	fill_open(&op, &slot);
	ck_assert_errno(xioctl(fd2, KAG_IOC_DEV_OPEN, &op), EBUSY);
	ck_assert(memchr(op.bound_driver, '\0', sizeof(op.bound_driver)));
	ck_assert_str_eq(op.bound_driver, KAG_DEVICE_NAME);
	close(fd2);
	ck_assert_uint_eq(read_id(), EDU_ID_VALUE);
}
END_TEST

START_TEST(test_dev_info)
{
	ck_assert_uint_eq(info.argsz, sizeof(info));
	ck_assert_uint_eq(info.handle, handle);
	ck_assert_uint_eq(info.domain, slot.dwDomain);
	ck_assert_uint_eq(info.bus, slot.dwBus);
	ck_assert_uint_eq(info.dev, slot.dwSlot);
	ck_assert_uint_eq(info.fn, slot.dwFunction);
	ck_assert_uint_eq(info.vendor_id, 0x1234);
	ck_assert_uint_eq(info.device_id, 0x11e8);
	ck_assert_uint_eq(info.class_code, 0x00ff00);
	ck_assert_uint_eq(info.revision, 0x10);
	ck_assert_uint_eq(info.irq_pin, 1);
	ck_assert_uint_eq(info.cfg_size, 256);
	ck_assert_uint_eq(info.flags & (KAG_DEV_MSI | KAG_DEV_MSIX), KAG_DEV_MSI);
	ck_assert_uint_eq(info.msi_vectors, 1);
	ck_assert_uint_eq(info.reserved0 | info.reserved1 | info.reserved2, 0);
	ck_assert_uint_eq(info.bar[0].length, EDU_BAR0_LEN);
	ck_assert_uint_eq(info.bar[0].flags & ~(uint32_t)KAG_BAR_PREFETCH,
			  KAG_BAR_MEM | KAG_BAR_MMAP);
	ck_assert_uint_eq(info.bar[0].reserved, 0);
	ck_assert_uint_eq(info.bar[1].length, 0);
	ck_assert_uint_eq(info.bar[1].flags, 0);
}
END_TEST

START_TEST(test_dev_close)
{
	struct kag_rw r = rw_req(0, 4, 0);
	struct kag_dev_info di;

	ck_assert_errno(dev_close(fd, handle), 0);
	ck_assert_errno(dev_close(fd, handle), EBADF);
	ck_assert_errno(xioctl(fd, KAG_IOC_RW, &r), EBADF);
	ck_assert_errno(dev_info(fd, handle, &di), EBADF);
	/* and it opens again */
	ck_assert_errno(dev_open(fd, &slot, &handle), 0);
	ck_assert_uint_eq(read_id(), EDU_ID_VALUE);
}
END_TEST

START_TEST(test_mmap)
{
	const off_t off = (off_t)info.bar[0].mmap_offset;
	WD_PCI_SLOT tslot;
	struct kag_dev_info ti;
	uint32_t th;
	void *p;

	ck_assert(info.bar[0].flags & KAG_BAR_MMAP);
	p = mmap(NULL, EDU_BAR0_LEN, PROT_READ | PROT_WRITE, MAP_SHARED, fd, off);
	ck_assert_msg(p != MAP_FAILED, "mmap BAR0: %s", strerror(errno));
	ck_assert_uint_eq(*(volatile uint32_t *)p, EDU_ID_VALUE);
	munmap(p, EDU_BAR0_LEN);
	/* a page inside */
	p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, off + 4096);
	ck_assert_msg(p != MAP_FAILED, "mmap a page of BAR0: %s", strerror(errno));
	munmap(p, 4096);

	errno = 0;
	ck_assert(mmap(NULL, 2 * EDU_BAR0_LEN, PROT_READ, MAP_SHARED, fd, off) ==
		  MAP_FAILED);
	ck_assert_errno(errno, EINVAL);
	ck_assert(mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd,
		       off + EDU_BAR0_LEN) == MAP_FAILED);
	ck_assert_errno(errno, EINVAL);
	ck_assert(mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd,
		       off + EDU_BAR0_LEN - 4096) == MAP_FAILED);
	ck_assert_errno(errno, EINVAL);
	ck_assert(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, off) ==
		  MAP_FAILED);
	ck_assert_errno(errno, EINVAL);
	/* The windows of a device's BARs follow each other (kag_mmap.c):
	 * BAR1 of the edu is not implemented. */
	ck_assert(mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd,
		       off + (off_t)KAG_MMAP_BAR_WINDOW) == MAP_FAILED);
	ck_assert_errno(errno, ENODEV);

	/* An I/O BAR cannot be mapped (pci-testdev BAR1). */
	ck_assert_msg(find_device(0x1b36, 0x0005, &tslot),
		      "no pci-testdev in this VM: start QEMU with -device pci-testdev");
	ck_assert_errno(dev_open(fd, &tslot, &th), 0);
	ck_assert_errno(dev_info(fd, th, &ti), 0);
	ck_assert(ti.bar[1].flags & KAG_BAR_IO);
	ck_assert(!(ti.bar[1].flags & KAG_BAR_MMAP));
	ck_assert(ti.bar[0].flags & KAG_BAR_MMAP);
	ck_assert(mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd,
		       (off_t)ti.bar[0].mmap_offset +
			       (off_t)KAG_MMAP_BAR_WINDOW) == MAP_FAILED);
	ck_assert_errno(errno, ENODEV);
	ck_assert_errno(dev_close(fd, th), 0);
}
END_TEST

/*
 * Closing a device revokes its mappings: an access through a mapping that
 * outlived the open must fault (SIGBUS), never reach the device.
 */
START_TEST(test_mmap_revoked)
{
	WD_PCI_SLOT s;
	int status;
	pid_t pid;

	ck_assert_msg(find_device(0x1234, 0x11e8, &s), "no edu in this VM");
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct kag_dev_info di;
		volatile uint32_t *p;
		uint32_t h;
		int f = open(KAG_DEVICE_PATH, O_RDWR);

		if (f < 0 || dev_open(f, &s, &h) || dev_info(f, h, &di))
			_exit(2);
		p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, f,
			 (off_t)di.bar[0].mmap_offset);
		if (p == MAP_FAILED || *p != EDU_ID_VALUE)
			_exit(3);
		if (dev_close(f, h))
			_exit(4);
		(void)*p;	/* must not return */
		_exit(5);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS,
		      "child %s %d (want SIGBUS)",
		      WIFSIGNALED(status) ? "killed by signal" : "exited with",
		      WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
}
END_TEST

static Suite *raw_suite(void)
{
	Suite *s = suite_create("guest_raw");
	TCase *tc = tcase_create("ioctl");

	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_version);
	tcase_add_test(tc, test_unknown_ioctl);
	tcase_add_test(tc, test_null_arg);
	tcase_add_test(tc, test_argsz);
	tcase_add_test(tc, test_bad_handle);
	tcase_add_test(tc, test_rw_bad);
	tcase_add_test(tc, test_block_bad);
	tcase_add_test(tc, test_multi_bad);
	tcase_add_test(tc, test_cfg_bad);
	tcase_add_test(tc, test_dev_open_bad);
	tcase_add_test(tc, test_dev_info);
	tcase_add_test(tc, test_dev_close);
	tcase_add_test(tc, test_mmap);
	suite_add_tcase(s, tc);

	tc = tcase_create("revoke");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_mmap_revoked);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(raw_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check_guest_intr_raw.c - VM tests of the agent's validation of the
 * interrupt ioctls: bad input sent straight through ioctl() on
 * /dev/kagent, bypassing libwdc (which refuses most of it first).  Every
 * case gets its errno, never an oops, and interrupts still work after.
 *
 * Uses libwdc only to find the edu by scanning.
 */
#define _GNU_SOURCE 1

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <wdc/kagent_uapi.h>
#include <wdc/wdc_lib.h>

#define EDU_IRQ_STATUS 0x24
#define EDU_IRQ_RAISE 0x60
#define EDU_IRQ_ACK 0x64
#define EDU_BAR0_LEN (1u << 20)

static int fd = -1;
static uint32_t handle;

static int xioctl(unsigned long req, void *arg)
{
	return ioctl(fd, req, arg) < 0 ? errno : 0;
}

#define ck_assert_errno(expr, want)                                           \
	do {                                                                  \
		int e_ = (expr);                                              \
		ck_assert_msg(e_ == (want), "%s: got %d (%s), want %d (%s)",  \
			      #expr, e_, strerror(e_), (want),               \
			      strerror(want));                                \
	} while (0)

static void setup(void)
{
	WDC_PCI_SCAN_RESULT *res = malloc(sizeof(*res));
	struct kag_dev_open op;

	ck_assert_ptr_nonnull(res);
	ck_assert_uint_eq(WDC_PciScanDevices(NULL, 0x1234, 0x11e8, res),
			  WD_STATUS_SUCCESS);
	ck_assert_msg(res->dwNumDevices > 0, "no edu in this VM");
	fd = open(KAG_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	ck_assert_msg(fd >= 0, "open %s: %s", KAG_DEVICE_PATH,
		      strerror(errno));
	memset(&op, 0, sizeof(op));
	op.argsz = sizeof(op);
	op.domain = res->deviceSlot[0].dwDomain;
	op.bus = (uint8_t)res->deviceSlot[0].dwBus;
	op.dev = (uint8_t)res->deviceSlot[0].dwSlot;
	op.fn = (uint8_t)res->deviceSlot[0].dwFunction;
	free(res);
	ck_assert_errno(xioctl(KAG_IOC_DEV_OPEN, &op), 0);
	handle = op.handle;
}

static void teardown(void)
{
	close(fd);
	fd = -1;
}

static struct kag_int_enable en_req(uint32_t types,
				    const struct kag_transfer *cmds,
				    uint32_t n)
{
	struct kag_int_enable en;

	memset(&en, 0, sizeof(en));
	en.argsz = sizeof(en);
	en.handle = handle;
	en.types = types;
	en.num_cmds = n;
	en.cmds = (uint64_t)(uintptr_t)cmds;
	return en;
}

static int enable(uint32_t types, const struct kag_transfer *cmds, uint32_t n)
{
	struct kag_int_enable en = en_req(types, cmds, n);

	return xioctl(KAG_IOC_INT_ENABLE, &en);
}

static int disable(void)
{
	struct kag_dev_close d = { .argsz = sizeof(d), .handle = handle };

	return xioctl(KAG_IOC_INT_DISABLE, &d);
}

static int wait_req(uint32_t flags, uint32_t timeout_ms,
		    struct kag_int_wait *w)
{
	memset(w, 0, sizeof(*w));
	w->argsz = sizeof(*w);
	w->handle = handle;
	w->flags = flags;
	w->timeout_ms = timeout_ms;
	return xioctl(KAG_IOC_INT_WAIT, w);
}

static struct kag_transfer tr(uint32_t cmd, uint32_t width, uint64_t off,
			      uint64_t value, uint32_t flags)
{
	struct kag_transfer t;

	memset(&t, 0, sizeof(t));
	t.cmd = cmd;
	t.bar = 0;
	t.width = width;
	t.offset = off;
	t.value = value;
	t.flags = flags;
	return t;
}

/* Interrupts still work: an edu MSI raised, counted, acknowledged. */
static void check_works(void)
{
	struct kag_rw rw;
	struct kag_int_wait w;

	ck_assert_errno(enable(KAG_INT_MSI, NULL, 0), 0);
	memset(&rw, 0, sizeof(rw));
	rw.argsz = sizeof(rw);
	rw.handle = handle;
	rw.width = 4;
	rw.offset = EDU_IRQ_RAISE;
	rw.value = 1;
	rw.flags = KAG_RW_WRITE;
	ck_assert_errno(xioctl(KAG_IOC_RW, &rw), 0);
	ck_assert_errno(wait_req(0, 5000, &w), 0);
	ck_assert_uint_eq(w.count, 1);
	rw.offset = EDU_IRQ_ACK;
	ck_assert_errno(xioctl(KAG_IOC_RW, &rw), 0);
	ck_assert_errno(disable(), 0);
}

START_TEST(test_enable_bad)
{
	struct kag_transfer c[KAG_INT_MAX_CMDS + 1];
	struct kag_int_enable en;
	unsigned int i;

	for (i = 0; i <= KAG_INT_MAX_CMDS; i++)
		c[i] = tr(KAG_TRANS_READ, 4, EDU_IRQ_STATUS, 0, 0);

	en = en_req(0, NULL, 0);
	en.flags = 0x80;
	ck_assert_errno(xioctl(KAG_IOC_INT_ENABLE, &en), EINVAL);
	en = en_req(0x8, NULL, 0);	/* unknown type bit */
	ck_assert_errno(xioctl(KAG_IOC_INT_ENABLE, &en), EINVAL);
	en = en_req(0, NULL, 0);
	en.reserved = 1;
	ck_assert_errno(xioctl(KAG_IOC_INT_ENABLE, &en), EINVAL);
	en = en_req(0, NULL, 0);
	en.kp_handle = 1;	/* no such Kernel PlugIn handle in this file */
	ck_assert_errno(xioctl(KAG_IOC_INT_ENABLE, &en), EBADF);
	en = en_req(0, NULL, 0);
	en.handle = 30;
	ck_assert_errno(xioctl(KAG_IOC_INT_ENABLE, &en), EBADF);
	en = en_req(0, NULL, 0);
	en.argsz = 8;
	ck_assert_errno(xioctl(KAG_IOC_INT_ENABLE, &en), EINVAL);

	/* Commands. */
	ck_assert_errno(enable(0, c, KAG_INT_MAX_CMDS + 1), EINVAL);
	ck_assert_errno(enable(0, (void *)(uintptr_t)16, 1), EFAULT);
	c[0] = tr(KAG_TRANS_MASK, 0, 0, 1, 0);	/* nothing read yet */
	ck_assert_errno(enable(0, c, 1), EINVAL);
	c[0] = tr(KAG_TRANS_WRITE, 4, EDU_IRQ_ACK, 0, KAG_TRANS_LAST_VALUE);
	ck_assert_errno(enable(0, c, 1), EINVAL);	/* no read before */
	c[0] = tr(KAG_TRANS_READ, 4, EDU_IRQ_STATUS, 0, KAG_TRANS_LAST_VALUE);
	ck_assert_errno(enable(0, c, 1), EINVAL);	/* flag on a read */
	c[0] = tr(KAG_TRANS_READ, 4, EDU_IRQ_STATUS, 0, 0x2);
	ck_assert_errno(enable(0, c, 1), EINVAL);	/* unknown flag */
	c[0] = tr(KAG_TRANS_READ, 4, EDU_BAR0_LEN, 0, 0);
	ck_assert_errno(enable(0, c, 1), EINVAL);	/* outside the BAR */
	c[0] = tr(KAG_TRANS_READ, 3, 0, 0, 0);
	ck_assert_errno(enable(0, c, 1), EINVAL);	/* bad width */
	c[0] = tr(KAG_TRANS_READ, 4, 0x26, 0, 0);
	ck_assert_errno(enable(0, c, 1), EINVAL);	/* misaligned */
	c[0] = tr(KAG_TRANS_READ, 4, 0, 0, 0);
	c[0].bar = 1;
	ck_assert_errno(enable(0, c, 1), EINVAL);	/* BAR not there */
	c[0] = tr(99, 4, 0, 0, 0);
	ck_assert_errno(enable(0, c, 1), EINVAL);	/* unknown command */

	/* None of that enabled anything; a valid request works. */
	ck_assert_errno(disable(), EINVAL);
	c[0] = tr(KAG_TRANS_READ, 4, EDU_IRQ_STATUS, 0, 0);
	c[1] = tr(KAG_TRANS_MASK, 0, 0, ~0ull, 0);
	c[2] = tr(KAG_TRANS_WRITE, 4, EDU_IRQ_ACK, 0, KAG_TRANS_LAST_VALUE);
	en = en_req(KAG_INT_INTX, c, 3);
	ck_assert_errno(xioctl(KAG_IOC_INT_ENABLE, &en), 0);
	ck_assert_uint_eq(en.type, KAG_INT_INTX);
	ck_assert_uint_eq(en.vectors, 1);
	ck_assert_uint_ne(en.irq, 0);
	ck_assert_errno(enable(0, NULL, 0), EBUSY);
	ck_assert_errno(disable(), 0);
	/* MSI-X only: the edu has none. */
	ck_assert_errno(enable(KAG_INT_MSIX, NULL, 0), ENODEV);
	check_works();
}
END_TEST

/* The write-back flag belongs to interrupt lists only. */
START_TEST(test_multi_refuses_last_value)
{
	struct kag_transfer c[2];
	struct kag_multi m;

	c[0] = tr(KAG_TRANS_READ, 4, EDU_IRQ_STATUS, 0, 0);
	c[1] = tr(KAG_TRANS_WRITE, 4, EDU_IRQ_ACK, 0, KAG_TRANS_LAST_VALUE);
	memset(&m, 0, sizeof(m));
	m.argsz = sizeof(m);
	m.handle = handle;
	m.count = 2;
	m.cmds = (uint64_t)(uintptr_t)c;
	ck_assert_errno(xioctl(KAG_IOC_MULTI, &m), EINVAL);
	ck_assert_uint_eq(m.failed_index, 1);
}
END_TEST

START_TEST(test_wait_bad)
{
	struct kag_int_wait w;

	ck_assert_errno(wait_req(0, 10, &w), EINVAL);	/* not enabled */
	ck_assert_errno(enable(KAG_INT_MSI, NULL, 0), 0);
	ck_assert_errno(wait_req(0x2, 10, &w), EINVAL);	/* unknown flag */
	memset(&w, 0, sizeof(w));
	w.argsz = sizeof(w);
	w.handle = handle;
	w.reserved = 1;
	ck_assert_errno(xioctl(KAG_IOC_INT_WAIT, &w), EINVAL);
	w.reserved = 0;
	w.handle = 30;
	ck_assert_errno(xioctl(KAG_IOC_INT_WAIT, &w), EBADF);
	ck_assert_errno(wait_req(0, 20, &w), ETIMEDOUT);
	ck_assert_errno(wait_req(KAG_INT_WAIT_NONBLOCK, 0, &w), 0);
	ck_assert_uint_eq(w.count, 0);
	ck_assert_uint_eq(w.new_count, 0);
	ck_assert_uint_eq(w.type, KAG_INT_MSI);
	ck_assert_uint_eq(w.stopped, 0);
	ck_assert_errno(xioctl(KAG_IOC_INT_WAIT, (void *)(uintptr_t)16),
			EFAULT);
	ck_assert_errno(disable(), 0);
	check_works();
}
END_TEST

START_TEST(test_eventfd_and_trigger_bad)
{
	struct kag_int_eventfd e = { .argsz = sizeof(e), .handle = handle };
	struct kag_int_trigger t = { .argsz = sizeof(t), .handle = handle };
	struct kag_int_wait w;
	int efd = eventfd(0, EFD_CLOEXEC);
	int notefd = open("/dev/null", O_RDONLY | O_CLOEXEC);

	ck_assert_int_ge(efd, 0);
	ck_assert_int_ge(notefd, 0);
	e.fd = efd;
	ck_assert_errno(xioctl(KAG_IOC_INT_SET_EVENTFD, &e), EINVAL);
	ck_assert_errno(xioctl(KAG_IOC_INT_TRIGGER, &t), EINVAL);

	ck_assert_errno(enable(KAG_INT_MSI, NULL, 0), 0);
	e.vector = 1;
	ck_assert_errno(xioctl(KAG_IOC_INT_SET_EVENTFD, &e), EINVAL);
	e.vector = 0;
	e.fd = -2;
	ck_assert_errno(xioctl(KAG_IOC_INT_SET_EVENTFD, &e), EBADF);
	e.fd = 1000;	/* not open */
	ck_assert_errno(xioctl(KAG_IOC_INT_SET_EVENTFD, &e), EBADF);
	e.fd = notefd;	/* not an eventfd */
	ck_assert_errno(xioctl(KAG_IOC_INT_SET_EVENTFD, &e), EINVAL);
	e.fd = efd;
	ck_assert_errno(xioctl(KAG_IOC_INT_SET_EVENTFD, &e), 0);
	ck_assert_errno(xioctl(KAG_IOC_INT_SET_EVENTFD, &e), 0); /* again */
	t.vector = 1;
	ck_assert_errno(xioctl(KAG_IOC_INT_TRIGGER, &t), EINVAL);
	t.vector = 0;
	t.reserved = 1;
	ck_assert_errno(xioctl(KAG_IOC_INT_TRIGGER, &t), EINVAL);
	t.reserved = 0;
	ck_assert_errno(xioctl(KAG_IOC_INT_TRIGGER, &t), 0);
	{
		uint64_t v = 0;

		ck_assert_int_eq(read(efd, &v, sizeof(v)), 8);
		ck_assert_uint_eq(v, 1);
	}
	ck_assert_errno(wait_req(0, 5000, &w), 0);
	ck_assert_uint_eq(w.count, 1);
	/* Removed with -1; triggers no longer reach it. */
	e.fd = -1;
	ck_assert_errno(xioctl(KAG_IOC_INT_SET_EVENTFD, &e), 0);
	ck_assert_errno(xioctl(KAG_IOC_INT_TRIGGER, &t), 0);
	{
		uint64_t v = 0;

		fcntl(efd, F_SETFL, O_NONBLOCK);
		ck_assert_int_eq(read(efd, &v, sizeof(v)), -1);
		ck_assert_int_eq(errno, EAGAIN);
	}
	/* Closing our eventfd while the agent holds it is fine too. */
	e.fd = efd;
	ck_assert_errno(xioctl(KAG_IOC_INT_SET_EVENTFD, &e), 0);
	close(efd);
	ck_assert_errno(xioctl(KAG_IOC_INT_TRIGGER, &t), 0);
	ck_assert_errno(disable(), 0);
	close(notefd);
	check_works();
}
END_TEST

struct raw_waiter {
	pthread_t thread;
	pid_t tid;
	int err;
	struct kag_int_wait w;
};

static void *raw_waiter_main(void *arg)
{
	struct raw_waiter *rw = arg;

	__atomic_store_n(&rw->tid, (pid_t)syscall(SYS_gettid),
			 __ATOMIC_SEQ_CST);
	rw->err = wait_req(0, 0, &rw->w);	/* for ever */
	return NULL;
}

/* Until thread @tid sleeps in ioctl (syscall 16). */
static void wait_blocked(pid_t tid)
{
	char path[96], buf[64], stat[512];
	struct timespec ts = { 0, 5000000 };
	FILE *f;
	int i;

	for (i = 0; i < 2000; i++) {
		snprintf(path, sizeof(path), "/proc/self/task/%d/syscall",
			 (int)tid);
		f = fopen(path, "r");
		ck_assert_ptr_nonnull(f);
		if (!fgets(buf, sizeof(buf), f))
			buf[0] = '\0';
		fclose(f);
		snprintf(path, sizeof(path), "/proc/self/task/%d/stat",
			 (int)tid);
		f = fopen(path, "r");
		ck_assert_ptr_nonnull(f);
		if (!fgets(stat, sizeof(stat), f))
			stat[0] = '\0';
		fclose(f);
		if (!strncmp(buf, "16 ", 3) && strstr(stat, ") S "))
			return;
		nanosleep(&ts, NULL);
	}
	ck_abort_msg("thread %d never blocked in ioctl", (int)tid);
}

/* Closing the device under a sleeping waiter wakes it, stopped. */
START_TEST(test_dev_close_wakes_waiter)
{
	struct kag_dev_close c = { .argsz = sizeof(c), .handle = handle };
	struct raw_waiter rw;

	memset(&rw, 0, sizeof(rw));
	ck_assert_errno(enable(KAG_INT_INTX, NULL, 0), 0);
	ck_assert_int_eq(pthread_create(&rw.thread, NULL, raw_waiter_main,
					&rw),
			 0);
	while (!__atomic_load_n(&rw.tid, __ATOMIC_SEQ_CST))
		sched_yield();
	wait_blocked(rw.tid);
	ck_assert_errno(xioctl(KAG_IOC_DEV_CLOSE, &c), 0);
	ck_assert_int_eq(pthread_join(rw.thread, NULL), 0);
	ck_assert_errno(rw.err, 0);
	ck_assert_uint_eq(rw.w.stopped, 1);
	ck_assert_uint_eq(rw.w.type, 0);
	ck_assert_errno(disable(), EBADF);
}
END_TEST

/* Closing the file with interrupts enabled and a device open frees all. */
START_TEST(test_close_file_enabled)
{
	char line[512];
	FILE *f;
	int n = 0;

	ck_assert_errno(enable(KAG_INT_INTX, NULL, 0), 0);
	close(fd);
	fd = -1;
	f = fopen("/proc/interrupts", "r");
	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f))
		n += strstr(line, "kagent") != NULL;
	fclose(f);
	ck_assert_int_eq(n, 0);
}
END_TEST

static Suite *intr_raw_suite(void)
{
	Suite *s = suite_create("guest_intr_raw");
	TCase *tc = tcase_create("ioctl");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_enable_bad);
	tcase_add_test(tc, test_multi_refuses_last_value);
	tcase_add_test(tc, test_wait_bad);
	tcase_add_test(tc, test_eventfd_and_trigger_bad);
	tcase_add_test(tc, test_dev_close_wakes_waiter);
	tcase_add_test(tc, test_close_file_enabled);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(intr_raw_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

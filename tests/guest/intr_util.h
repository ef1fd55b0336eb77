/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * intr_util.h - helpers shared by the interrupt tests that run in the test
 * VM (check_guest_intr*.c): finding and opening devices, a recording
 * interrupt handler, condition waits with generous TCG time-outs, and
 * looks at /proc and sysfs.  Static inline functions: each test program
 * includes it once and uses what it needs.
 */
#ifndef INTR_UTIL_H
#define INTR_UTIL_H

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <wdc/wdc_lib.h>

/* Waits for something the test caused: long, they only matter on failure. */
#define WAIT_S 10.0
/* Time-out of a WDC_IntWait() that must return an interrupt (>= 2 s). */
#define INT_WAIT_MS 5000u

static WDC_DRIVER_HANDLE drv;

/* ck_assert a status, showing the library's text when it fails. */
#define ck_assert_st(expr, want)                                              \
	do {                                                                  \
		WDC_STATUS st_ = (expr);                                      \
		ck_assert_msg(st_ == (want), "%s: %s (want %s): %s", #expr,   \
			      WDC_StatusStr(st_), WDC_StatusStr(want),        \
			      WDC_GetLastErrStr(drv));                        \
	} while (0)

#define ck_assert_ok(expr) ck_assert_st(expr, WD_STATUS_SUCCESS)

static inline double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static inline uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static inline void pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Find the first device with these IDs; false if there is none. */
static inline bool find_slot(uint32_t vid, uint32_t did,
			     WD_PCI_SLOT *slot)
{
	WDC_PCI_SCAN_RESULT *res = malloc(sizeof(*res));
	bool found;

	ck_assert_ptr_nonnull(res);
	ck_assert_uint_eq(WDC_PciScanDevices(NULL, vid, did, res),
			  WD_STATUS_SUCCESS);
	found = res->dwNumDevices > 0;
	if (found)
		*slot = res->deviceSlot[0];
	free(res);
	return found;
}

static inline void open_driver(void)
{
	char err[WDC_ERR_STR_LEN];
	WDC_STATUS st;

	st = WDC_DriverOpenEx(&drv, WDC_KAGENT_DEFAULT_PATH,
			      WDC_DRV_OPEN_DEFAULT, err, sizeof(err));
	ck_assert_msg(st == WD_STATUS_SUCCESS, "WDC_DriverOpen: %s: %s",
		      WDC_StatusStr(st), err);
}

static inline WDC_DEVICE_HANDLE open_slot(const WD_PCI_SLOT *slot)
{
	WDC_DEVICE_HANDLE h;

	ck_assert_ok(WDC_PciDeviceOpen(drv, &h, slot, NULL, NULL, NULL));
	return h;
}

static inline void slot_name(const WD_PCI_SLOT *slot, char *buf,
			     size_t len)
{
	ck_assert_uint_eq(WDC_PciSlotToStr(slot, buf, len), WD_STATUS_SUCCESS);
}

/* Lines of /proc/interrupts that contain @what. */
static inline int proc_interrupts_lines(const char *what)
{
	char line[1024];
	FILE *f = fopen("/proc/interrupts", "r");
	int n = 0;

	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f))
		if (strstr(line, what))
			n++;
	fclose(f);
	return n;
}

/* Total count (all CPUs) of IRQ @irq in /proc/interrupts. */
static inline uint64_t proc_irq_count(unsigned int irq)
{
	char line[1024], *p, *end;
	FILE *f = fopen("/proc/interrupts", "r");
	uint64_t total = 0;
	bool found = false;

	ck_assert_ptr_nonnull(f);
	while (!found && fgets(line, sizeof(line), f)) {
		p = line;
		if (strtoul(p, &end, 10) != irq || end == p || *end != ':')
			continue;
		found = true;
		p = end + 1;
		for (;;) {
			unsigned long long v = strtoull(p, &end, 10);

			if (end == p)
				break;
			total += v;
			p = end;
		}
	}
	fclose(f);
	ck_assert_msg(found, "IRQ %u is not in /proc/interrupts", irq);
	return total;
}

/* A sysfs attribute of a PCI device as a number (e.g. "irq"). */
static inline unsigned long sysfs_pci_ulong(const char *bdf,
					    const char *attr)
{
	char path[256], buf[64];
	FILE *f;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/%s", bdf, attr);
	f = fopen(path, "r");
	ck_assert_msg(f != NULL, "%s: %s", path, strerror(errno));
	ck_assert_ptr_nonnull(fgets(buf, sizeof(buf), f));
	fclose(f);
	return strtoul(buf, NULL, 0);
}

/* The PCI command register of a device, through sysfs (any driver). */
static inline uint16_t sysfs_pci_command(const char *bdf)
{
	char path[256];
	uint8_t b[2];
	int fd;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/config", bdf);
	fd = open(path, O_RDONLY);
	ck_assert_msg(fd >= 0, "%s: %s", path, strerror(errno));
	ck_assert_int_eq(pread(fd, b, 2, 4), 2);
	close(fd);
	return (uint16_t)(b[0] | b[1] << 8);
}

/* Until thread @tid (of process @pid) sleeps in an ioctl (syscall 16). */
static inline void wait_in_ioctl(pid_t pid, pid_t tid)
{
	double deadline = now() + WAIT_S;
	char path[128], buf[64];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/syscall", (int)pid,
		 (int)tid);
	for (;;) {
		f = fopen(path, "r");
		ck_assert_msg(f != NULL, "%s: %s", path, strerror(errno));
		buf[0] = '\0';
		if (!fgets(buf, sizeof(buf), f))
			buf[0] = '\0';
		fclose(f);
		if (!strncmp(buf, "16 ", 3)) {
			char stat[512];

			/* ... and is asleep there, not on its way in. */
			snprintf(path, sizeof(path), "/proc/%d/task/%d/stat",
				 (int)pid, (int)tid);
			f = fopen(path, "r");
			ck_assert_ptr_nonnull(f);
			if (!fgets(stat, sizeof(stat), f))
				stat[0] = '\0';
			fclose(f);
			if (strstr(stat, ") S "))
				return;
			snprintf(path, sizeof(path), "/proc/%d/task/%d/syscall",
				 (int)pid, (int)tid);
		}
		ck_assert_msg(now() < deadline,
			      "thread %d never blocked in ioctl (syscall: %s)",
			      (int)tid, buf);
		pause_ms(5);
	}
}

/* ------------------------------------------------------------------------
 * A recording interrupt handler
 * ------------------------------------------------------------------------ */

#define HIST 256

struct rec;
/* Called inside the handler after recording; may act on the device. */
typedef void (*rec_action)(struct rec *r, const WDC_INT_RESULT *res);

struct rec {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	unsigned int calls;
	uint64_t new_sum;		/* sum of dwNewCount */
	WDC_INT_RESULT hist[HIST];	/* the first HIST calls */
	WDC_INT_RESULT last;
	pid_t tid;			/* the handler thread */
	WDC_DEVICE_HANDLE dev;
	rec_action action;
	int arg;			/* for the action */
	uint32_t seen;			/* for the action */
	WDC_STATUS action_status;	/* what the action's calls returned */
};

static inline void rec_init(struct rec *r, WDC_DEVICE_HANDLE dev,
			    rec_action action)
{
	memset(r, 0, sizeof(*r));
	pthread_mutex_init(&r->lock, NULL);
	pthread_cond_init(&r->cond, NULL);
	r->dev = dev;
	r->action = action;
}

static inline void rec_handler(void *data, const WDC_INT_RESULT *res)
{
	struct rec *r = data;

	pthread_mutex_lock(&r->lock);
	if (r->calls < HIST)
		r->hist[r->calls] = *res;
	r->last = *res;
	r->new_sum += res->dwNewCount;
	r->tid = (pid_t)syscall(SYS_gettid);
	pthread_mutex_unlock(&r->lock);
	/* Actions run unlocked: they may disable, which joins nothing here. */
	if (r->action)
		r->action(r, res);
	pthread_mutex_lock(&r->lock);
	r->calls++;
	pthread_cond_broadcast(&r->cond);
	pthread_mutex_unlock(&r->lock);
}

/* Wait until the handler has returned @n times; false on time-out. */
static inline bool rec_wait(struct rec *r, unsigned int n)
{
	struct timespec ts;
	bool ok;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += (time_t)WAIT_S;
	pthread_mutex_lock(&r->lock);
	while (r->calls < n)
		if (pthread_cond_timedwait(&r->cond, &r->lock, &ts) ==
		    ETIMEDOUT)
			break;
	ok = r->calls >= n;
	pthread_mutex_unlock(&r->lock);
	return ok;
}

static inline unsigned int rec_calls(struct rec *r)
{
	unsigned int n;

	pthread_mutex_lock(&r->lock);
	n = r->calls;
	pthread_mutex_unlock(&r->lock);
	return n;
}

#define ck_rec_wait(r, n)                                                     \
	ck_assert_msg(rec_wait((r), (n)),                                     \
		      "handler called %u times, want %u, within %.0f s",      \
		      rec_calls(r), (unsigned int)(n), WAIT_S)

/* poll() one descriptor for input; true if readable within @ms. */
static inline bool fd_readable(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int n;

	do
		n = poll(&p, 1, ms);
	while (n < 0 && errno == EINTR);
	ck_assert_int_ge(n, 0);
	return n == 1 && (p.revents & POLLIN);
}

/* Read and reset an eventfd counter (0 if it was not signalled). */
static inline uint64_t efd_take(int fd)
{
	uint64_t v = 0;

	if (read(fd, &v, sizeof(v)) != sizeof(v))
		ck_assert_int_eq(errno, EAGAIN);
	return v;
}

#endif /* INTR_UTIL_H */

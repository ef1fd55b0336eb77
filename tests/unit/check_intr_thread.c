// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check_intr_thread.c - host tests of the interrupt handler thread and the
 * waits against a fake agent: this program defines ioctl() itself, and
 * its KAG_IOC_INT_* requests block and wake like kagent's (a condition
 * variable instead of a wait queue).  Checks what the library sends, the
 * counters the handler gets, the thread's start and stop (joined on
 * disable and close, detached when the handler disables or closes), that
 * an enable waits for a disable still joining, and the status codes of the
 * agent's errors.  Runs under ASan/UBSan: a thread that touched a freed
 * device would be caught.
 */
#include "wdc_internal.h"

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define WAIT_S 10

/* The fake agent's interrupt state; lock protects all of it. */
static struct {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool enabled;
	uint32_t type, vectors;
	uint64_t gen, count, reported;
	uint32_t last_vector;
	int efd[KAG_INT_MAX_VECTORS];
	int err_enable;		/* errno for the next enables */
	int err_wait;		/* errno for the next waits */
	struct kag_int_enable en_req;
	struct kag_transfer cmds[KAG_INT_MAX_CMDS];
	int enables, disables, waiting, closes;
} fa;

static void fake_reset(void)
{
	unsigned int i;

	pthread_mutex_lock(&fa.lock);
	fa.enabled = false;
	fa.type = fa.vectors = 0;
	fa.gen = fa.count = fa.reported = 0;
	fa.last_vector = 0;
	for (i = 0; i < KAG_INT_MAX_VECTORS; i++)
		fa.efd[i] = -1;
	fa.err_enable = fa.err_wait = 0;
	memset(&fa.en_req, 0, sizeof(fa.en_req));
	fa.enables = fa.disables = fa.waiting = fa.closes = 0;
	pthread_mutex_unlock(&fa.lock);
}

static int fake_enable(struct kag_int_enable *en)
{
	fa.en_req = *en;
	if (en->num_cmds)
		memcpy(fa.cmds, (void *)(uintptr_t)en->cmds,
		       en->num_cmds * sizeof(fa.cmds[0]));
	fa.enables++;
	if (fa.err_enable)
		return fa.err_enable;
	if (fa.enabled)
		return EBUSY;
	/* The device has 3 MSI-X vectors, MSI and INTx. */
	if (en->types & KAG_INT_MSIX) {
		fa.type = KAG_INT_MSIX;
		fa.vectors = 3;
	} else {
		fa.type = en->types & KAG_INT_MSI ? KAG_INT_MSI : KAG_INT_INTX;
		fa.vectors = 1;
	}
	fa.enabled = true;
	fa.gen++;
	fa.count = fa.reported = 0;
	en->type = fa.type;
	en->vectors = fa.vectors;
	en->irq = 42;
	return 0;
}

static void fake_stop(void)
{
	unsigned int i;

	fa.enabled = false;
	fa.gen++;
	for (i = 0; i < KAG_INT_MAX_VECTORS; i++)
		fa.efd[i] = -1;	/* the agent drops its reference */
	pthread_cond_broadcast(&fa.cond);
}

static int fake_wait(struct kag_int_wait *w)
{
	struct timespec ts;
	uint64_t gen;

	if (!fa.enabled)
		return EINVAL;
	if (fa.err_wait)
		return fa.err_wait;
	gen = fa.gen;
	if (!(w->flags & KAG_INT_WAIT_NONBLOCK)) {
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += w->timeout_ms ? w->timeout_ms / 1000 : 3600;
		ts.tv_nsec += w->timeout_ms % 1000 * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		fa.waiting++;
		pthread_cond_broadcast(&fa.cond);
		while (fa.gen == gen && fa.count == fa.reported)
			if (pthread_cond_timedwait(&fa.cond, &fa.lock, &ts) ==
			    ETIMEDOUT)
				break;
		fa.waiting--;
		if (fa.gen == gen && fa.count == fa.reported)
			return ETIMEDOUT;
	}
	w->stopped = fa.gen != gen || !fa.enabled;
	w->count = w->stopped ? 0 : fa.count;
	w->new_count = w->stopped ? 0 : (uint32_t)(fa.count - fa.reported);
	fa.reported = fa.count;
	w->type = w->stopped ? 0 : fa.type;
	w->vector = fa.last_vector;
	w->t_irq_ns = 1000;
	w->t_wake_ns = 2000;
	return 0;
}

/* Interrupts: @n at once on @vector. */
static void fake_irq(uint32_t vector, unsigned int n)
{
	uint64_t one = 1;

	pthread_mutex_lock(&fa.lock);
	fa.count += n;
	fa.last_vector = vector;
	if (fa.efd[vector] >= 0)
		ck_assert_int_eq(write(fa.efd[vector], &one, sizeof(one)), 8);
	pthread_cond_broadcast(&fa.cond);
	pthread_mutex_unlock(&fa.lock);
}

/* The device went away: the agent disables on its own. */
static void fake_remove(void)
{
	pthread_mutex_lock(&fa.lock);
	fake_stop();
	pthread_mutex_unlock(&fa.lock);
}

/* Until a thread sleeps in the fake wait. */
static void fake_wait_for_waiter(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += WAIT_S;
	pthread_mutex_lock(&fa.lock);
	while (!fa.waiting)
		if (pthread_cond_timedwait(&fa.cond, &fa.lock, &ts) ==
		    ETIMEDOUT)
			break;
	ck_assert_msg(fa.waiting, "nobody waits in the agent");
	pthread_mutex_unlock(&fa.lock);
}

int ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	void *arg;
	int err = 0;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (_IOC_TYPE(req) != KAG_IOC_TYPE)
		return (int)syscall(SYS_ioctl, fd, req, arg);

	pthread_mutex_lock(&fa.lock);
	switch (req) {
	case KAG_IOC_DEV_CLOSE:
		fa.closes++;
		break;
	case KAG_IOC_INT_ENABLE:
		err = fake_enable(arg);
		break;
	case KAG_IOC_INT_DISABLE:
		fa.disables++;
		if (fa.enabled)
			fake_stop();
		else
			err = EINVAL;
		break;
	case KAG_IOC_INT_WAIT:
		err = fake_wait(arg);
		break;
	case KAG_IOC_INT_SET_EVENTFD: {
		struct kag_int_eventfd *e = arg;

		if (!fa.enabled || e->vector >= fa.vectors)
			err = EINVAL;
		else
			fa.efd[e->vector] = e->fd;
		break;
	}
	case KAG_IOC_INT_TRIGGER: {
		struct kag_int_trigger *t = arg;
		uint64_t one = 1;

		if (!fa.enabled || t->vector >= fa.vectors) {
			err = EINVAL;
			break;
		}
		fa.count++;
		fa.last_vector = t->vector;
		if (fa.efd[t->vector] >= 0 &&
		    write(fa.efd[t->vector], &one, sizeof(one)) != 8)
			err = EIO;
		pthread_cond_broadcast(&fa.cond);
		break;
	}
	default:
		err = ENOTTY;
		break;
	}
	pthread_mutex_unlock(&fa.lock);
	if (err) {
		errno = err;
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------------
 * Fixture and a recording handler
 * ------------------------------------------------------------------------ */

static struct wdc_driver *drv;
static struct wdc_device *dev;

static void setup(void)
{
	struct kag_dev_info ki;

	fake_reset();
	memset(&ki, 0, sizeof(ki));
	ki.handle = 3;
	ki.irq_pin = 1;
	ki.irq_line = 11;
	ki.flags = KAG_DEV_MSI | KAG_DEV_MSIX;
	ki.msi_vectors = 1;
	ki.msix_vectors = 3;
	ki.bar[0].length = 4096;
	ki.bar[0].flags = KAG_BAR_MEM;
	drv = wdc_driver_new(-1);
	ck_assert_ptr_nonnull(drv);
	dev = wdc_device_new(drv, &ki, NULL);
	ck_assert_ptr_nonnull(dev);
}

static void teardown(void)
{
	if (drv)
		ck_assert_uint_eq(WDC_DriverClose(drv), WD_STATUS_SUCCESS);
	drv = NULL;
}

struct rec;
typedef void (*rec_action)(struct rec *r, const WDC_INT_RESULT *res);

struct rec {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	unsigned int calls;
	WDC_INT_RESULT hist[16];
	rec_action action;
	WDC_STATUS status;	/* of the action's calls */
	bool in_handler;
	bool release;		/* lets a blocking action go on */
	bool signals_blocked;
};

static void rec_init(struct rec *r, rec_action action)
{
	memset(r, 0, sizeof(*r));
	pthread_mutex_init(&r->lock, NULL);
	pthread_cond_init(&r->cond, NULL);
	r->action = action;
}

static void rec_handler(void *data, const WDC_INT_RESULT *res)
{
	struct rec *r = data;
	sigset_t cur;

	pthread_sigmask(SIG_SETMASK, NULL, &cur);
	pthread_mutex_lock(&r->lock);
	r->in_handler = true;
	r->signals_blocked = sigismember(&cur, SIGINT) &&
			     sigismember(&cur, SIGTERM) &&
			     sigismember(&cur, SIGALRM);
	if (r->calls < 16)
		r->hist[r->calls] = *res;
	pthread_cond_broadcast(&r->cond);
	pthread_mutex_unlock(&r->lock);
	if (r->action)
		r->action(r, res);
	pthread_mutex_lock(&r->lock);
	r->in_handler = false;
	r->calls++;
	pthread_cond_broadcast(&r->cond);
	pthread_mutex_unlock(&r->lock);
}

static bool rec_wait(struct rec *r, unsigned int n)
{
	struct timespec ts;
	bool ok;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += WAIT_S;
	pthread_mutex_lock(&r->lock);
	while (r->calls < n)
		if (pthread_cond_timedwait(&r->cond, &r->lock, &ts) ==
		    ETIMEDOUT)
			break;
	ok = r->calls >= n;
	pthread_mutex_unlock(&r->lock);
	return ok;
}

static unsigned int rec_calls(struct rec *r)
{
	unsigned int n;

	pthread_mutex_lock(&r->lock);
	n = r->calls;
	pthread_mutex_unlock(&r->lock);
	return n;
}

/* ------------------------------------------------------------------------
 * Tests
 * ------------------------------------------------------------------------ */

START_TEST(test_request_sent)
{
	WDC_TRANSFER t[3];

	memset(t, 0, sizeof(t));
	t[0].cmdTrans = RM_DWORD;
	t[0].dwOffset = 0x24;
	t[1].cmdTrans = CMD_MASK;
	t[1].Data.Dword = 0xf0;
	t[2].cmdTrans = CMD_WRITE_LAST_READ;
	t[2].dwOffset = 0x64;
	ck_assert_uint_eq(WDC_IntEnable(dev, t, 3,
					INTERRUPT_LEVEL_SENSITIVE |
						INTERRUPT_CMD_COPY,
					NULL, NULL, false),
			  WD_STATUS_SUCCESS);
	ck_assert_uint_eq(fa.en_req.argsz, sizeof(fa.en_req));
	ck_assert_uint_eq(fa.en_req.handle, 3);
	ck_assert_uint_eq(fa.en_req.types, KAG_INT_INTX);
	ck_assert_uint_eq(fa.en_req.flags, KAG_INT_COPY);
	ck_assert_uint_eq(fa.en_req.num_cmds, 3);
	ck_assert_uint_eq(fa.en_req.num_vectors, 0);
	ck_assert_uint_eq(fa.en_req.kp_handle, 0);
	ck_assert_uint_eq(fa.en_req.reserved, 0);
	ck_assert_uint_eq(fa.cmds[0].cmd, KAG_TRANS_READ);
	ck_assert_uint_eq(fa.cmds[1].cmd, KAG_TRANS_MASK);
	ck_assert_uint_eq(fa.cmds[1].value, 0xf0);
	ck_assert_uint_eq(fa.cmds[2].cmd, KAG_TRANS_WRITE);
	ck_assert_uint_eq(fa.cmds[2].flags, KAG_TRANS_LAST_VALUE);
	ck_assert(WDC_IntIsEnabled(dev));
	ck_assert_uint_eq(WDC_GetEnabledIntType(dev),
			  INTERRUPT_LEVEL_SENSITIVE);
	ck_assert_uint_eq(WDC_IntDisable(dev), WD_STATUS_SUCCESS);

	/* No options: all types (the agent tries MSI-X first). */
	ck_assert_uint_eq(WDC_IntEnable(dev, NULL, 0, 0, NULL, NULL, false),
			  WD_STATUS_SUCCESS);
	ck_assert_uint_eq(fa.en_req.types, KAG_INT_ALL);
	ck_assert_uint_eq(fa.en_req.flags, 0);
	ck_assert_uint_eq(fa.en_req.num_cmds, 0);
	ck_assert_uint_eq(WDC_GET_ENABLED_INT_TYPE(dev), INTERRUPT_MESSAGE_X);
	{
		WDC_INT_INFO ii;

		ck_assert_uint_eq(WDC_IntGetInfo(dev, &ii), WD_STATUS_SUCCESS);
		ck_assert_uint_eq(ii.dwVectors, 3);
		ck_assert_uint_eq(ii.dwIrq, 42);
		ck_assert(!ii.fHandlerThread);
	}
	ck_assert_uint_eq(WDC_IntEnable(dev, NULL, 0, 0, NULL, NULL, false),
			  WD_OPERATION_ALREADY_DONE);
	ck_assert_int_eq(fa.enables, 2);	/* refused before the agent */
}
END_TEST

START_TEST(test_agent_errors)
{
	WDC_INT_RESULT res;
	static const struct {
		int err;
		WDC_STATUS st;
	} map[] = {
		{ ENODEV, WD_FAILED_ENABLING_INTERRUPT },
		{ EOPNOTSUPP, WD_NOT_SUPPORTED },
		{ EPERM, WD_PERMISSION_DENIED },
		{ EBUSY, WD_OPERATION_ALREADY_DONE },
		{ EINVAL, WD_INVALID_PARAMETER },
		{ ENOMEM, WD_INSUFFICIENT_RESOURCES },
	};
	unsigned int i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		fa.err_enable = map[i].err;
		ck_assert_uint_eq(WDC_IntEnable(dev, NULL, 0, 0, NULL, NULL,
						false),
				  map[i].st);
		ck_assert(!WDC_IntIsEnabled(dev));
	}
	fa.err_enable = 0;
	ck_assert_uint_eq(WDC_IntEnable(dev, NULL, 0, 0, NULL, NULL, false),
			  WD_STATUS_SUCCESS);
	ck_assert_uint_eq(WDC_IntWait(dev, 10, &res), WD_TIME_OUT_EXPIRED);
	ck_assert_ptr_nonnull(strstr(WDC_GetLastErrStr(drv), "10 ms"));
	fa.err_wait = EINTR;
	ck_assert_uint_eq(WDC_IntWait(dev, 10, &res), WD_INTERRUPTED);
	fa.err_wait = EFAULT;
	ck_assert_uint_eq(WDC_IntCount(dev, &res), WD_BAD_ADDRESS);
	fa.err_wait = 0;
	ck_assert_uint_eq(WDC_IntDisable(dev), WD_STATUS_SUCCESS);
}
END_TEST

START_TEST(test_handler_counters)
{
	struct rec r;

	rec_init(&r, NULL);
	ck_assert_uint_eq(WDC_IntEnable(dev, NULL, 0, INTERRUPT_MESSAGE_X,
					rec_handler, &r, false),
			  WD_STATUS_SUCCESS);
	fake_irq(2, 1);
	ck_assert(rec_wait(&r, 1));
	ck_assert_uint_eq(r.hist[0].dwCounter, 1);
	ck_assert_uint_eq(r.hist[0].dwNewCount, 1);
	ck_assert_uint_eq(r.hist[0].dwLost, 0);
	ck_assert_uint_eq(r.hist[0].dwLastMessage, 2);
	ck_assert_uint_eq(r.hist[0].dwEnabledIntType, INTERRUPT_MESSAGE_X);
	ck_assert_uint_eq(r.hist[0].fStopped, INTERRUPT_RECEIVED);
	ck_assert(r.signals_blocked);
	/* Several before the thread woke: one call, the rest lost. */
	fake_wait_for_waiter();
	pthread_mutex_lock(&fa.lock);
	fa.count += 4;
	fa.last_vector = 0;
	pthread_cond_broadcast(&fa.cond);
	pthread_mutex_unlock(&fa.lock);
	ck_assert(rec_wait(&r, 2));
	ck_assert_uint_eq(r.hist[1].dwCounter, 5);
	ck_assert_uint_eq(r.hist[1].dwNewCount, 4);
	ck_assert_uint_eq(r.hist[1].dwLost, 3);
	/* The caller may not wait beside the thread. */
	{
		WDC_INT_RESULT res;
		WDC_INT_INFO ii;

		ck_assert_uint_eq(WDC_IntWait(dev, 10, &res),
				  WD_OPERATION_FAILED);
		ck_assert_uint_eq(WDC_IntCount(dev, &res),
				  WD_OPERATION_FAILED);
		ck_assert_uint_eq(WDC_IntGetInfo(dev, &ii), WD_STATUS_SUCCESS);
		ck_assert(ii.fHandlerThread);
	}
	fake_wait_for_waiter();
	ck_assert_uint_eq(WDC_IntDisable(dev), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(rec_calls(&r), 2);	/* not called at disable */
}
END_TEST

/* The handler sleeps until released: the disable must wait for it. */
static void act_block(struct rec *r, const WDC_INT_RESULT *res)
{
	(void)res;
	pthread_mutex_lock(&r->lock);
	while (!r->release)
		pthread_cond_wait(&r->cond, &r->lock);
	pthread_mutex_unlock(&r->lock);
}

static void rec_release(struct rec *r)
{
	pthread_mutex_lock(&r->lock);
	r->release = true;
	pthread_cond_broadcast(&r->cond);
	pthread_mutex_unlock(&r->lock);
}

static void rec_wait_in_handler(struct rec *r)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += WAIT_S;
	pthread_mutex_lock(&r->lock);
	while (!r->in_handler)
		if (pthread_cond_timedwait(&r->cond, &r->lock, &ts) ==
		    ETIMEDOUT)
			break;
	ck_assert(r->in_handler);
	pthread_mutex_unlock(&r->lock);
}

struct caller {
	pthread_t thread;
	WDC_STATUS status;
	atomic_bool done;
	struct rec *rec;
};

static void *disable_main(void *arg)
{
	struct caller *c = arg;

	c->status = WDC_IntDisable(dev);
	atomic_store(&c->done, true);
	return NULL;
}

static void *enable_main(void *arg)
{
	struct caller *c = arg;

	c->status = WDC_IntEnable(dev, NULL, 0, 0, rec_handler, c->rec, false);
	atomic_store(&c->done, true);
	return NULL;
}

static void pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Threads of this process. */
static int thread_count(void)
{
	struct dirent *de;
	DIR *d = opendir("/proc/self/task");
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

/* Until only @n threads are left (a detached one has ended). */
static void wait_threads(int n)
{
	int i;

	for (i = 0; i < WAIT_S * 1000 && thread_count() > n; i++)
		pause_ms(1);
	ck_assert_int_eq(thread_count(), n);
}

START_TEST(test_disable_joins_running_handler)
{
	struct caller dis, en;
	struct rec r, r2;
	bool joining;

	rec_init(&r, act_block);
	rec_init(&r2, NULL);
	memset(&dis, 0, sizeof(dis));
	memset(&en, 0, sizeof(en));
	en.rec = &r2;
	ck_assert_uint_eq(WDC_IntEnable(dev, NULL, 0, 0, rec_handler, &r,
					false),
			  WD_STATUS_SUCCESS);
	fake_irq(0, 1);
	rec_wait_in_handler(&r);
	ck_assert_int_eq(pthread_create(&dis.thread, NULL, disable_main, &dis),
			 0);
	/* Until the disable joins the handler's thread. */
	do {
		pause_ms(1);
		pthread_mutex_lock(&dev->intr.lock);
		joining = dev->intr.joining != NULL;
		pthread_mutex_unlock(&dev->intr.lock);
	} while (!joining);
	ck_assert(!WDC_IntIsEnabled(dev));
	/* A new enable now waits for that join to finish. */
	ck_assert_int_eq(pthread_create(&en.thread, NULL, enable_main, &en),
			 0);
	pause_ms(50);
	ck_assert(!atomic_load(&dis.done));
	ck_assert(!atomic_load(&en.done));
	rec_release(&r);
	ck_assert_int_eq(pthread_join(dis.thread, NULL), 0);
	ck_assert_uint_eq(dis.status, WD_STATUS_SUCCESS);
	ck_assert(!r.in_handler);	/* returned before the disable did */
	ck_assert_int_eq(pthread_join(en.thread, NULL), 0);
	ck_assert_uint_eq(en.status, WD_STATUS_SUCCESS);
	/* The new enable's thread gets the next interrupt, the old does not. */
	fake_irq(1, 1);
	ck_assert(rec_wait(&r2, 1));
	ck_assert_uint_eq(rec_calls(&r), 1);
	ck_assert_uint_eq(WDC_IntDisable(dev), WD_STATUS_SUCCESS);
}
END_TEST

static void act_disable(struct rec *r, const WDC_INT_RESULT *res)
{
	(void)res;
	if (r->calls == 0)
		r->status = WDC_IntDisable(dev);
}

START_TEST(test_disable_from_handler)
{
	struct rec r, r2;

	rec_init(&r, act_disable);
	rec_init(&r2, NULL);
	ck_assert_uint_eq(WDC_IntEnable(dev, NULL, 0, 0, rec_handler, &r,
					false),
			  WD_STATUS_SUCCESS);
	fake_irq(0, 1);
	ck_assert(rec_wait(&r, 1));
	ck_assert_uint_eq(r.status, WD_STATUS_SUCCESS);
	ck_assert(!WDC_IntIsEnabled(dev));
	ck_assert_uint_eq(WDC_IntDisable(dev), WD_OPERATION_ALREADY_DONE);
	ck_assert_uint_eq(WDC_IntEnable(dev, NULL, 0, 0, rec_handler, &r2,
					false),
			  WD_STATUS_SUCCESS);
	fake_irq(0, 1);
	ck_assert(rec_wait(&r2, 1));
	ck_assert_uint_eq(rec_calls(&r), 1);
	/* teardown closes the driver: the device's thread is joined. */
}
END_TEST

static void act_close(struct rec *r, const WDC_INT_RESULT *res)
{
	(void)res;
	r->status = WDC_PciDeviceClose(dev);
}

START_TEST(test_close_from_handler)
{
	int threads = thread_count();
	struct rec r;

	rec_init(&r, act_close);
	ck_assert_uint_eq(WDC_IntEnable(dev, NULL, 0, 0, rec_handler, &r,
					false),
			  WD_STATUS_SUCCESS);
	fake_irq(0, 1);
	ck_assert(rec_wait(&r, 1));
	ck_assert_uint_eq(r.status, WD_STATUS_SUCCESS);
	ck_assert_int_eq(fa.closes, 1);
	ck_assert_int_eq(fa.disables, 1);
	dev = NULL;
	/* The detached thread ends on its own, touching nothing freed. */
	wait_threads(threads);
}
END_TEST

static void act_close_driver(struct rec *r, const WDC_INT_RESULT *res)
{
	(void)res;
	r->status = WDC_DriverClose(drv);
}

START_TEST(test_driver_close_from_handler)
{
	int threads = thread_count();
	struct rec r;

	rec_init(&r, act_close_driver);
	ck_assert_uint_eq(WDC_IntEnable(dev, NULL, 0, 0, rec_handler, &r,
					false),
			  WD_STATUS_SUCCESS);
	fake_irq(0, 1);
	ck_assert(rec_wait(&r, 1));
	ck_assert_uint_eq(r.status, WD_STATUS_SUCCESS);
	drv = NULL;
	dev = NULL;
	wait_threads(threads);
}
END_TEST

/* Closing the device (and the driver) joins a sleeping handler thread. */
START_TEST(test_close_joins_thread)
{
	struct rec r;

	rec_init(&r, NULL);
	ck_assert_uint_eq(WDC_IntEnable(dev, NULL, 0, 0, rec_handler, &r,
					false),
			  WD_STATUS_SUCCESS);
	fake_wait_for_waiter();
	ck_assert_uint_eq(WDC_PciDeviceClose(dev), WD_STATUS_SUCCESS);
	dev = NULL;
	ck_assert_int_eq(fa.disables, 1);
	ck_assert_int_eq(fa.waiting, 0);	/* the thread left the agent */
	ck_assert_uint_eq(rec_calls(&r), 0);
}
END_TEST

/* Stopped by the agent (device removed): the handler hears it once. */
START_TEST(test_stopped_by_agent)
{
	struct rec r;

	rec_init(&r, NULL);
	ck_assert_uint_eq(WDC_IntEnable(dev, NULL, 0, 0, rec_handler, &r,
					false),
			  WD_STATUS_SUCCESS);
	fake_wait_for_waiter();
	fake_remove();
	ck_assert(rec_wait(&r, 1));
	ck_assert_uint_eq(r.hist[0].fStopped, INTERRUPT_STOPPED);
	ck_assert_uint_eq(r.hist[0].dwEnabledIntType, 0);
	/* The library still counts it enabled; disabling cleans up. */
	ck_assert(WDC_IntIsEnabled(dev));
	ck_assert_uint_eq(WDC_IntDisable(dev), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(rec_calls(&r), 1);
}
END_TEST

START_TEST(test_waits_without_thread)
{
	WDC_INT_RESULT res;

	ck_assert_uint_eq(WDC_IntEnable(dev, NULL, 0, INTERRUPT_MESSAGE, NULL,
					NULL, false),
			  WD_STATUS_SUCCESS);
	ck_assert_uint_eq(WDC_IntCount(dev, &res), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(res.dwNewCount, 0);
	ck_assert_uint_eq(res.dwEnabledIntType, INTERRUPT_MESSAGE);
	fake_irq(0, 3);
	ck_assert_uint_eq(WDC_IntWait(dev, 1000, &res), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(res.dwCounter, 3);
	ck_assert_uint_eq(res.dwLost, 2);
	ck_assert_uint_eq(res.qwIrqTimeNs, 1000);
	ck_assert_uint_eq(res.qwWakeTimeNs, 2000);
	ck_assert_uint_eq(WDC_IntTrigger(dev, 0), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(WDC_IntCount(dev, &res), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(res.dwCounter, 4);
	ck_assert_uint_eq(WDC_IntTrigger(dev, 1), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_IntDisable(dev), WD_STATUS_SUCCESS);
}
END_TEST

START_TEST(test_eventfds)
{
	int fd0, fd0b, fd2, fd;
	uint64_t v;

	ck_assert_uint_eq(WDC_IntEnable(dev, NULL, 0, 0, NULL, NULL, false),
			  WD_STATUS_SUCCESS);
	ck_assert_uint_eq(WDC_IntGetEventFd(dev, 0, &fd0), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(WDC_IntGetEventFd(dev, 0, &fd0b), WD_STATUS_SUCCESS);
	ck_assert_int_eq(fd0, fd0b);
	ck_assert_uint_eq(WDC_IntGetEventFd(dev, 2, &fd2), WD_STATUS_SUCCESS);
	ck_assert_int_ne(fd0, fd2);
	ck_assert_int_eq(fa.efd[0], fd0);
	ck_assert_int_eq(fa.efd[2], fd2);
	ck_assert_int_eq(fa.efd[1], -1);	/* only on demand */
	ck_assert(fcntl(fd0, F_GETFD) & FD_CLOEXEC);
	ck_assert(fcntl(fd0, F_GETFL) & O_NONBLOCK);
	ck_assert_uint_eq(WDC_IntGetEventFd(dev, 3, &fd), WD_INVALID_PARAMETER);
	ck_assert_int_eq(read(fd2, &v, sizeof(v)), -1);
	ck_assert_int_eq(errno, EAGAIN);
	fake_irq(2, 1);
	ck_assert_int_eq(read(fd2, &v, sizeof(v)), 8);
	ck_assert_uint_eq(v, 1);
	ck_assert_uint_eq(WDC_IntDisable(dev), WD_STATUS_SUCCESS);
	ck_assert_int_eq(fcntl(fd0, F_GETFD), -1);
	ck_assert_int_eq(fcntl(fd2, F_GETFD), -1);
}
END_TEST

static Suite *thread_suite(void)
{
	Suite *s = suite_create("intr_thread");
	TCase *tc = tcase_create("fake_agent");

	pthread_mutex_init(&fa.lock, NULL);
	pthread_cond_init(&fa.cond, NULL);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_request_sent);
	tcase_add_test(tc, test_agent_errors);
	tcase_add_test(tc, test_handler_counters);
	tcase_add_test(tc, test_disable_joins_running_handler);
	tcase_add_test(tc, test_disable_from_handler);
	tcase_add_test(tc, test_close_from_handler);
	tcase_add_test(tc, test_driver_close_from_handler);
	tcase_add_test(tc, test_close_joins_thread);
	tcase_add_test(tc, test_stopped_by_agent);
	tcase_add_test(tc, test_waits_without_thread);
	tcase_add_test(tc, test_eventfds);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(thread_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

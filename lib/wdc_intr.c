// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * wdc_intr.c - device interrupts: enabling and disabling them through the
 * agent, the handler thread, blocking and non-blocking waits, the
 * per-vector eventfds and the loopback trigger.
 *
 * Threads: at most one handler thread per device, started by
 * WDC_IntEnable() and joined by WDC_IntDisable() (or the device's close).
 * The thread touches only its own struct wdc_int_thread once the handler
 * has returned, so the handler may disable the interrupts or close the
 * device; a disable called from the handler cannot join its own thread,
 * so it detaches it and the thread frees its object when it ends.  A new
 * enable waits until a running disable has joined the previous thread, so
 * an old thread can never wait in the agent for the new enable's
 * interrupts.
 */
#include "wdc_internal.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define WDC_INT_TYPE_OPTIONS \
	(INTERRUPT_LEVEL_SENSITIVE | INTERRUPT_MESSAGE | INTERRUPT_MESSAGE_X)
#define WDC_INT_ALL_OPTIONS                                  \
	(WDC_INT_TYPE_OPTIONS | INTERRUPT_CMD_COPY |         \
	 INTERRUPT_DONT_GET_MSI_MESSAGE)

/* The handler thread of one enable. */
struct wdc_int_thread {
	pthread_t tid;		/* written before the handler can run */
	int fd;			/* the agent file, as the device had it */
	uint32_t handle;	/* the device's handle in the agent */
	INT_HANDLER handler;
	void *ctx;
	atomic_bool stop;	/* set by the disable that ends the thread */
	/*
	 * Set by a disable the handler itself called: the thread is
	 * detached and frees this object when it ends.  Only ever touched by
	 * the thread itself.
	 */
	bool self_freed;
};

/* ------------------------------------------------------------------------
 * Translations (also used by the host unit tests)
 * ------------------------------------------------------------------------ */

bool wdc_int_options_valid(uint32_t options)
{
	return !(options & ~(uint32_t)WDC_INT_ALL_OPTIONS);
}

/* The agent's KAG_INT_* set allowed by @options; 0 means all. */
uint32_t wdc_int_types_from_options(uint32_t options)
{
	uint32_t types = 0;

	if (options & INTERRUPT_MESSAGE_X)
		types |= KAG_INT_MSIX;
	if (options & INTERRUPT_MESSAGE)
		types |= KAG_INT_MSI;
	if (options & INTERRUPT_LEVEL_SENSITIVE)
		types |= KAG_INT_INTX;
	return types ? types : KAG_INT_ALL;
}

/* The INTERRUPT_* type of an agent KAG_INT_* type (0 for none). */
uint32_t wdc_int_type_from_kag(uint32_t kag_type)
{
	switch (kag_type) {
	case KAG_INT_MSIX:
		return INTERRUPT_MESSAGE_X;
	case KAG_INT_MSI:
		return INTERRUPT_MESSAGE;
	case KAG_INT_INTX:
		return INTERRUPT_LEVEL_SENSITIVE;
	default:
		return 0;
	}
}

const char *WDC_IntType2Str(uint32_t dwIntType)
{
	switch (dwIntType) {
	case INTERRUPT_MESSAGE_X:
		return "MSI-X (Extended Message-Signaled Interrupt)";
	case INTERRUPT_MESSAGE:
		return "MSI (Message-Signaled Interrupt)";
	case INTERRUPT_LEVEL_SENSITIVE:
		return "INTx (Level-Sensitive Interrupt)";
	case INTERRUPT_LATCHED:
		return "Edge-Triggered Interrupt";
	default:
		return "Unknown";
	}
}

/* The member of @t's Data that has @width bytes. */
static uint64_t wdc_int_data(const WDC_TRANSFER *t, uint32_t width)
{
	switch (width) {
	case 1:
		return t->Data.Byte;
	case 2:
		return t->Data.Word;
	case 4:
		return t->Data.Dword;
	default:
		return t->Data.Qword;
	}
}

static const char *wdc_int_cmd_name(uint32_t cmd)
{
	switch (cmd) {
	case CMD_MASK:
		return "CMD_MASK";
	case CMD_WRITE_LAST_READ:
		return "CMD_WRITE_LAST_READ";
	default:
		return wdc_trans_cmd_name(cmd);
	}
}

/*
 * Translate @n interrupt commands for KAG_IOC_INT_ENABLE, checking them
 * against the device's BARs @bars.
 * Return: NULL on success (@out filled), else why command *@bad is invalid.
 */
const char *wdc_int_cmds_encode(const WDC_TRANSFER *cmds, uint32_t n,
				const WDC_ADDR_DESC bars[WDC_PCI_NUM_BARS],
				struct kag_transfer *out, uint32_t *bad)
{
	uint32_t i, read_width = 0;
	const char *why;

	for (i = 0; i < n; i++) {
		const WDC_TRANSFER *t = &cmds[i];
		struct kag_transfer *k = &out[i];

		*bad = i;
		memset(k, 0, sizeof(*k));
		switch (t->cmdTrans) {
		case CMD_MASK:
			if (!read_width)
				return "CMD_MASK needs a read command before it";
			k->cmd = KAG_TRANS_MASK;
			k->value = wdc_int_data(t, read_width);
			if (!k->value)
				return "a zero CMD_MASK never matches: every interrupt would be passed on";
			break;
		case CMD_WRITE_LAST_READ:
			if (!read_width)
				return "CMD_WRITE_LAST_READ needs a read command before it";
			why = wdc_access_problem(bars, t->dwAddrSpace,
						 read_width, t->dwOffset,
						 read_width);
			if (why)
				return why;
			k->cmd = KAG_TRANS_WRITE;
			k->bar = t->dwAddrSpace;
			k->width = read_width;
			k->offset = t->dwOffset;
			k->flags = KAG_TRANS_LAST_VALUE;
			break;
		default:
			why = wdc_trans_encode(t, bars, k);
			if (why)
				return why;
			if (k->cmd == KAG_TRANS_READ)
				read_width = k->width;
			break;
		}
	}
	return NULL;
}

void wdc_int_result_from_kag(const struct kag_int_wait *w, WDC_INT_RESULT *res)
{
	uint32_t n = w->num_copied < WDC_INT_MAX_COPY ? w->num_copied
						      : WDC_INT_MAX_COPY;

	memset(res, 0, sizeof(*res));
	res->qwCounter = w->count;
	res->dwCounter = (uint32_t)w->count;
	res->dwNewCount = w->new_count;
	res->dwLost = w->new_count ? w->new_count - 1 : 0;
	res->fStopped = w->stopped ? INTERRUPT_STOPPED : INTERRUPT_RECEIVED;
	res->dwEnabledIntType = w->stopped ? 0 : wdc_int_type_from_kag(w->type);
	res->dwLastMessage = w->vector;
	res->qwIrqTimeNs = w->t_irq_ns;
	res->qwWakeTimeNs = w->t_wake_ns;
	res->dwNumCopied = n;
	memcpy(res->qwCopied, w->copied, n * sizeof(res->qwCopied[0]));
}

/* ------------------------------------------------------------------------
 * Per-device state
 * ------------------------------------------------------------------------ */

int wdc_intr_init(struct wdc_device *dev)
{
	struct wdc_intr *in = &dev->intr;
	unsigned int i;
	int err;

	memset(in, 0, sizeof(*in));
	err = pthread_mutex_init(&in->lock, NULL);
	if (err)
		return err;
	err = pthread_cond_init(&in->joined, NULL);
	if (err) {
		pthread_mutex_destroy(&in->lock);
		return err;
	}
	for (i = 0; i < KAG_INT_MAX_VECTORS; i++)
		in->efd[i] = -1;
	return 0;
}

/* The agent request of a disable (errno or 0). */
static int wdc_int_agent_disable(struct wdc_device *dev)
{
	struct kag_dev_close d;

	memset(&d, 0, sizeof(d));
	d.argsz = sizeof(d);
	d.handle = dev->handle;
	return ioctl(dev->drv->fd, KAG_IOC_INT_DISABLE, &d) < 0 ? errno : 0;
}

/*
 * Disable: the agent first (that wakes the thread's wait), then the
 * eventfds, then the thread is joined outside the lock.
 * Return: WD_STATUS_SUCCESS, WD_OPERATION_ALREADY_DONE, or an agent error.
 */
static WDC_STATUS wdc_int_stop(struct wdc_device *dev, const char *fn)
{
	struct wdc_intr *in = &dev->intr;
	struct wdc_int_thread *t;
	unsigned int i;
	int err;

	pthread_mutex_lock(&in->lock);
	if (!in->enabled) {
		pthread_mutex_unlock(&in->lock);
		return WD_OPERATION_ALREADY_DONE;
	}
	t = in->thread;
	if (t)
		atomic_store(&t->stop, true);
	err = wdc_int_agent_disable(dev);
	for (i = 0; i < KAG_INT_MAX_VECTORS; i++) {
		if (in->efd[i] >= 0)
			close(in->efd[i]);
		in->efd[i] = -1;
	}
	in->enabled = false;
	in->type = 0;
	in->vectors = 0;
	in->irq = 0;
	in->thread = NULL;
	if (t && pthread_equal(t->tid, pthread_self())) {
		/* Called by the handler: its thread ends when it returns. */
		t->self_freed = true;
		pthread_detach(t->tid);
		t = NULL;
	} else if (t) {
		in->joining = t;
	}
	pthread_mutex_unlock(&in->lock);

	if (t) {
		pthread_join(t->tid, NULL);
		pthread_mutex_lock(&in->lock);
		in->joining = NULL;
		pthread_cond_broadcast(&in->joined);
		pthread_mutex_unlock(&in->lock);
		free(t);
	}
	/* EINVAL: the agent disabled them already (the device was removed). */
	if (err && err != EINVAL)
		return wdc_dev_ioctl_err(dev, fn, "KAG_IOC_INT_DISABLE", err);
	return WD_STATUS_SUCCESS;
}

void wdc_intr_release(struct wdc_device *dev)
{
	struct wdc_intr *in = &dev->intr;

	wdc_int_stop(dev, "WDC_PciDeviceClose");
	/*
	 * Another thread still joining a handler thread of this device: let
	 * it finish before the lock goes away (closing a device another
	 * thread uses is the caller's bug, but this case is cheap to cover).
	 */
	pthread_mutex_lock(&in->lock);
	while (in->joining && !pthread_equal(in->joining->tid, pthread_self()))
		pthread_cond_wait(&in->joined, &in->lock);
	pthread_mutex_unlock(&in->lock);
	pthread_cond_destroy(&in->joined);
	pthread_mutex_destroy(&in->lock);
}

/* ------------------------------------------------------------------------
 * The handler thread
 * ------------------------------------------------------------------------ */

static void *wdc_int_thread_main(void *arg)
{
	struct wdc_int_thread *t = arg;
	struct kag_int_wait w;
	WDC_INT_RESULT res;

	while (!atomic_load(&t->stop)) {
		memset(&w, 0, sizeof(w));
		w.argsz = sizeof(w);
		w.handle = t->handle;
		w.timeout_ms = 0;	/* for ever: a disable wakes it */
		if (ioctl(t->fd, KAG_IOC_INT_WAIT, &w) < 0) {
			if (errno == EINTR)
				continue;
			break;	/* disabled before it waited, or device gone */
		}
		if (atomic_load(&t->stop))
			break;	/* WDC_IntDisable() does not call the handler */
		wdc_int_result_from_kag(&w, &res);
		t->handler(t->ctx, &res);
		if (w.stopped)
			break;	/* the agent stopped them: told the handler */
	}
	if (t->self_freed)
		free(t);
	return NULL;
}

/* Start @t with every signal blocked (they belong to the application). */
static int wdc_int_thread_start(struct wdc_int_thread *t)
{
	sigset_t all, old;
	int err;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(&t->tid, NULL, wdc_int_thread_main, t);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return err;
}

/* ------------------------------------------------------------------------
 * Public API
 * ------------------------------------------------------------------------ */

/*
 * Kernel PlugIn interrupts: with @use_kp the agent runs the device's
 * plugin (KP_IntEnable gets @data as kpCall->pData, then KP_IntAtIrql/Dpc
 * handle each interrupt in the kernel) and the user-mode handler is
 * called as often as KP_IntAtDpc says.
 */
static WDC_STATUS wdc_int_kp(struct wdc_device *dev, const char *fn,
			     bool use_kp, void *data, struct kag_int_enable *en)
{
	if (!use_kp)
		return WD_STATUS_SUCCESS;
	en->kp_handle = atomic_load(&dev->kp_handle);
	if (!en->kp_handle)
		return wdc_dev_err(dev, fn, WD_KERPLUG_FAILURE,
				   "fUseKP: no Kernel PlugIn is open on this device (call WDC_KernelPlugInOpen() first)");
	en->kp_message = 0;
	en->kp_data = (uint64_t)(uintptr_t)data;
	return WD_STATUS_SUCCESS;
}

/* Which KAG_INT_* types the device has, from its description. */
static uint32_t wdc_int_types_available(const WDC_PCI_DEVICE_INFO *info)
{
	uint32_t types = 0;

	if (info->fMsix)
		types |= KAG_INT_MSIX;
	if (info->fMsi)
		types |= KAG_INT_MSI;
	if (info->bIrqPin && info->dwIrqLine)
		types |= KAG_INT_INTX;
	return types;
}

static const char *wdc_int_types_str(uint32_t types)
{
	switch (types & KAG_INT_ALL) {
	case 0:
		return "none";
	case KAG_INT_INTX:
		return "INTx";
	case KAG_INT_MSI:
		return "MSI";
	case KAG_INT_MSIX:
		return "MSI-X";
	case KAG_INT_INTX | KAG_INT_MSI:
		return "MSI, INTx";
	case KAG_INT_INTX | KAG_INT_MSIX:
		return "MSI-X, INTx";
	case KAG_INT_MSI | KAG_INT_MSIX:
		return "MSI-X, MSI";
	default:
		return "MSI-X, MSI, INTx";
	}
}

static WDC_STATUS wdc_int_enable_err(struct wdc_device *dev, const char *fn,
				     int err, bool kp)
{
	if (kp && err == EBADF)
		return wdc_dev_err(dev, fn, WD_KERPLUG_FAILURE,
				   "the Kernel PlugIn handle is no longer open");
	switch (err) {
	case ENODEV:
		return wdc_dev_err(dev, fn, WD_FAILED_ENABLING_INTERRUPT,
				   "the agent could allocate no interrupt of an allowed type (or the device was removed)");
	case EOPNOTSUPP:
		return wdc_dev_err(dev, fn, WD_NOT_SUPPORTED,
				   "the device's INTx cannot be masked (broken Interrupt Disable bit): give transfer commands that acknowledge it");
	case EBUSY:
		return wdc_dev_err(dev, fn, WD_OPERATION_ALREADY_DONE,
				   "the agent has interrupts of this device enabled already");
	case EINVAL:
		return wdc_dev_err(dev, fn, WD_INVALID_PARAMETER,
				   "the agent refused the request (transfer commands?)");
	case ECANCELED:
		return wdc_dev_err(dev, fn, WD_KERPLUG_FAILURE,
				   "the Kernel PlugIn refused (its KP_IntEnable returned FALSE)");
	default:
		return wdc_dev_ioctl_err(dev, fn, "KAG_IOC_INT_ENABLE", err);
	}
}

WDC_STATUS WDC_IntEnable(WDC_DEVICE_HANDLE hDev, const WDC_TRANSFER *pTransCmds,
			 uint32_t dwNumCmds, uint32_t dwOptions,
			 INT_HANDLER funcIntHandler, void *pData, bool fUseKP)
{
	static const char fn[] = "WDC_IntEnable";
	struct kag_transfer cmds[KAG_INT_MAX_CMDS];
	struct wdc_int_thread *t = NULL;
	struct kag_int_enable en;
	struct wdc_intr *in;
	uint32_t types, avail, bad;
	WDC_STATUS status;
	const char *why;
	char ebuf[128];
	int err;

	if (!wdc_dev_valid(hDev))
		return WD_INVALID_HANDLE;
	in = &hDev->intr;
	if (!wdc_int_options_valid(dwOptions))
		return wdc_dev_err(hDev, fn, WD_INVALID_PARAMETER,
				   "unknown options 0x%x",
				   (unsigned int)dwOptions &
					   ~(unsigned int)WDC_INT_ALL_OPTIONS);
	if (dwNumCmds > WDC_INT_MAX_CMDS)
		return wdc_dev_err(hDev, fn, WD_INVALID_PARAMETER,
				   "%u transfer commands: at most %u",
				   (unsigned int)dwNumCmds, WDC_INT_MAX_CMDS);
	if (dwNumCmds && !pTransCmds)
		return wdc_dev_err(hDev, fn, WD_INVALID_PARAMETER,
				   "%u transfer commands but the array is NULL",
				   (unsigned int)dwNumCmds);
	why = wdc_int_cmds_encode(pTransCmds, dwNumCmds, hDev->info.addrDesc,
				  cmds, &bad);
	if (why)
		return wdc_dev_err(hDev, fn, WD_INVALID_PARAMETER,
				   "transfer command %u of %u (%s, BAR%u offset 0x%llx): %s",
				   (unsigned int)bad, (unsigned int)dwNumCmds,
				   wdc_int_cmd_name(pTransCmds[bad].cmdTrans),
				   (unsigned int)pTransCmds[bad].dwAddrSpace,
				   (unsigned long long)pTransCmds[bad].dwOffset,
				   why);

	memset(&en, 0, sizeof(en));
	en.argsz = sizeof(en);
	en.handle = hDev->handle;
	types = wdc_int_types_from_options(dwOptions);
	en.types = types;
	en.flags = dwOptions & INTERRUPT_CMD_COPY ? KAG_INT_COPY : 0;
	en.num_cmds = dwNumCmds;
	en.cmds = (uint64_t)(uintptr_t)cmds;
	status = wdc_int_kp(hDev, fn, fUseKP, pData, &en);
	if (status)
		return status;
	avail = wdc_int_types_available(&hDev->info);
	if (!(types & avail))
		return wdc_dev_err(hDev, fn, WD_FAILED_ENABLING_INTERRUPT,
				   "the device has no interrupt of the types asked for (%s); it has: %s",
				   wdc_int_types_str(types),
				   wdc_int_types_str(avail));

	if (funcIntHandler) {
		t = calloc(1, sizeof(*t));
		if (!t)
			return wdc_dev_err(hDev, fn, WD_INSUFFICIENT_RESOURCES,
					   "out of memory");
		t->fd = hDev->drv->fd;
		t->handle = hDev->handle;
		t->handler = funcIntHandler;
		t->ctx = pData;
		atomic_init(&t->stop, false);
	}

	pthread_mutex_lock(&in->lock);
	/* A disable still joining the previous thread: let it finish. */
	while (in->joining) {
		if (pthread_equal(in->joining->tid, pthread_self())) {
			pthread_mutex_unlock(&in->lock);
			free(t);
			return wdc_dev_err(hDev, fn, WD_OPERATION_FAILED,
					   "called from the interrupt handler while another thread disables its interrupts");
		}
		pthread_cond_wait(&in->joined, &in->lock);
	}
	if (in->enabled) {
		pthread_mutex_unlock(&in->lock);
		free(t);
		return wdc_dev_err(hDev, fn, WD_OPERATION_ALREADY_DONE,
				   "interrupts are enabled already (%s)",
				   WDC_IntType2Str(in->type));
	}
	if (ioctl(hDev->drv->fd, KAG_IOC_INT_ENABLE, &en) < 0) {
		err = errno;
		pthread_mutex_unlock(&in->lock);
		free(t);
		return wdc_int_enable_err(hDev, fn, err, en.kp_handle != 0);
	}
	if (t) {
		err = wdc_int_thread_start(t);
		if (err) {
			wdc_int_agent_disable(hDev);
			pthread_mutex_unlock(&in->lock);
			free(t);
			return wdc_dev_err(hDev, fn, WD_INSUFFICIENT_RESOURCES,
					   "cannot start the interrupt thread: %s",
					   wdc_strerror(err, ebuf,
							sizeof(ebuf)));
		}
	}
	in->enabled = true;
	in->type = wdc_int_type_from_kag(en.type);
	in->vectors = en.vectors;
	in->irq = en.irq;
	in->thread = t;
	pthread_mutex_unlock(&in->lock);
	return WD_STATUS_SUCCESS;
}

WDC_STATUS WDC_IntDisable(WDC_DEVICE_HANDLE hDev)
{
	static const char fn[] = "WDC_IntDisable";
	WDC_STATUS status;

	if (!wdc_dev_valid(hDev))
		return WD_INVALID_HANDLE;
	status = wdc_int_stop(hDev, fn);
	if (status == WD_OPERATION_ALREADY_DONE)
		return wdc_dev_err(hDev, fn, status,
				   "interrupts are not enabled");
	return status;
}

bool WDC_IntIsEnabled(WDC_DEVICE_HANDLE hDev)
{
	bool enabled;

	if (!wdc_dev_valid(hDev))
		return false;
	pthread_mutex_lock(&hDev->intr.lock);
	enabled = hDev->intr.enabled;
	pthread_mutex_unlock(&hDev->intr.lock);
	return enabled;
}

uint32_t WDC_GetEnabledIntType(WDC_DEVICE_HANDLE hDev)
{
	uint32_t type;

	if (!wdc_dev_valid(hDev))
		return 0;
	pthread_mutex_lock(&hDev->intr.lock);
	type = hDev->intr.type;
	pthread_mutex_unlock(&hDev->intr.lock);
	return type;
}

WDC_STATUS WDC_IntGetInfo(WDC_DEVICE_HANDLE hDev, WDC_INT_INFO *pInfo)
{
	static const char fn[] = "WDC_IntGetInfo";
	struct wdc_intr *in;
	WDC_INT_INFO info;

	if (!wdc_dev_valid(hDev))
		return WD_INVALID_HANDLE;
	if (!pInfo)
		return wdc_dev_err(hDev, fn, WD_INVALID_PARAMETER,
				   "the info pointer is NULL");
	in = &hDev->intr;
	pthread_mutex_lock(&in->lock);
	memset(&info, 0, sizeof(info));
	info.dwEnabledIntType = in->type;
	info.dwVectors = in->vectors;
	info.dwIrq = in->irq;
	info.fHandlerThread = in->thread != NULL;
	if (!in->enabled) {
		pthread_mutex_unlock(&in->lock);
		return wdc_dev_err(hDev, fn, WD_INTERRUPT_NOT_ENABLED,
				   "interrupts are not enabled");
	}
	pthread_mutex_unlock(&in->lock);
	*pInfo = info;
	return WD_STATUS_SUCCESS;
}

/* Interrupts enabled without a handler thread? (status for @fn) */
static WDC_STATUS wdc_int_check_waitable(struct wdc_device *dev,
					 const char *fn)
{
	struct wdc_intr *in = &dev->intr;
	bool enabled, thread;

	pthread_mutex_lock(&in->lock);
	enabled = in->enabled;
	thread = in->thread != NULL;
	pthread_mutex_unlock(&in->lock);
	if (!enabled)
		return wdc_dev_err(dev, fn, WD_INTERRUPT_NOT_ENABLED,
				   "interrupts are not enabled");
	if (thread)
		return wdc_dev_err(dev, fn, WD_OPERATION_FAILED,
				   "the interrupt handler thread waits already: enable without a handler to wait yourself");
	return WD_STATUS_SUCCESS;
}

static WDC_STATUS wdc_int_wait(struct wdc_device *dev, const char *fn,
			       uint32_t flags, uint32_t timeout_ms,
			       WDC_INT_RESULT *res)
{
	struct kag_int_wait w;
	WDC_STATUS status;
	int err;

	if (!res)
		return wdc_dev_err(dev, fn, WD_INVALID_PARAMETER,
				   "the result pointer is NULL");
	status = wdc_int_check_waitable(dev, fn);
	if (status)
		return status;
	memset(&w, 0, sizeof(w));
	w.argsz = sizeof(w);
	w.handle = dev->handle;
	w.flags = flags;
	w.timeout_ms = timeout_ms;
	if (ioctl(dev->drv->fd, KAG_IOC_INT_WAIT, &w) < 0) {
		err = errno;
		switch (err) {
		case ETIMEDOUT:
			return wdc_dev_err(dev, fn, WD_TIME_OUT_EXPIRED,
					   "no interrupt within %u ms",
					   (unsigned int)timeout_ms);
		case EINTR:
			return wdc_dev_err(dev, fn, WD_INTERRUPTED,
					   "interrupted by a signal");
		case EINVAL:
			return wdc_dev_err(dev, fn, WD_INTERRUPT_NOT_ENABLED,
					   "interrupts are not enabled (disabled meanwhile?)");
		default:
			return wdc_dev_ioctl_err(dev, fn, "KAG_IOC_INT_WAIT",
						 err);
		}
	}
	wdc_int_result_from_kag(&w, res);
	return WD_STATUS_SUCCESS;
}

WDC_STATUS WDC_IntWait(WDC_DEVICE_HANDLE hDev, uint32_t dwTimeoutMs,
		       WDC_INT_RESULT *pResult)
{
	if (!wdc_dev_valid(hDev))
		return WD_INVALID_HANDLE;
	return wdc_int_wait(hDev, "WDC_IntWait", 0, dwTimeoutMs, pResult);
}

WDC_STATUS WDC_IntCount(WDC_DEVICE_HANDLE hDev, WDC_INT_RESULT *pResult)
{
	if (!wdc_dev_valid(hDev))
		return WD_INVALID_HANDLE;
	return wdc_int_wait(hDev, "WDC_IntCount", KAG_INT_WAIT_NONBLOCK, 0,
			    pResult);
}

/* Is @vector enabled?  Called with in->lock held; sets the error text. */
static WDC_STATUS wdc_int_check_vector(struct wdc_device *dev, const char *fn,
				       uint32_t vector)
{
	struct wdc_intr *in = &dev->intr;

	if (!in->enabled)
		return wdc_dev_err(dev, fn, WD_INTERRUPT_NOT_ENABLED,
				   "interrupts are not enabled");
	if (vector >= in->vectors)
		return wdc_dev_err(dev, fn, WD_INVALID_PARAMETER,
				   "vector %u: %u vector%s enabled (%s)",
				   (unsigned int)vector,
				   (unsigned int)in->vectors,
				   in->vectors == 1 ? " is" : "s are",
				   WDC_IntType2Str(in->type));
	return WD_STATUS_SUCCESS;
}

WDC_STATUS WDC_IntGetEventFd(WDC_DEVICE_HANDLE hDev, uint32_t dwVector,
			     int *pFd)
{
	static const char fn[] = "WDC_IntGetEventFd";
	struct kag_int_eventfd e;
	struct wdc_intr *in;
	WDC_STATUS status;
	int fd, err;

	if (!wdc_dev_valid(hDev))
		return WD_INVALID_HANDLE;
	if (!pFd)
		return wdc_dev_err(hDev, fn, WD_INVALID_PARAMETER,
				   "the descriptor pointer is NULL");
	in = &hDev->intr;
	pthread_mutex_lock(&in->lock);
	status = wdc_int_check_vector(hDev, fn, dwVector);
	if (status)
		goto out;
	if (in->efd[dwVector] < 0) {
		fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
		if (fd < 0) {
			status = wdc_dev_ioctl_err(hDev, fn, "eventfd()",
						   errno);
			goto out;
		}
		memset(&e, 0, sizeof(e));
		e.argsz = sizeof(e);
		e.handle = hDev->handle;
		e.vector = dwVector;
		e.fd = fd;
		if (ioctl(hDev->drv->fd, KAG_IOC_INT_SET_EVENTFD, &e) < 0) {
			err = errno;
			close(fd);
			status = wdc_dev_ioctl_err(hDev, fn,
						   "KAG_IOC_INT_SET_EVENTFD",
						   err);
			goto out;
		}
		in->efd[dwVector] = fd;
	}
	*pFd = in->efd[dwVector];
out:
	pthread_mutex_unlock(&in->lock);
	return status;
}

WDC_STATUS WDC_IntTrigger(WDC_DEVICE_HANDLE hDev, uint32_t dwVector)
{
	static const char fn[] = "WDC_IntTrigger";
	struct kag_int_trigger tr;
	WDC_STATUS status;
	int err;

	if (!wdc_dev_valid(hDev))
		return WD_INVALID_HANDLE;
	pthread_mutex_lock(&hDev->intr.lock);
	status = wdc_int_check_vector(hDev, fn, dwVector);
	pthread_mutex_unlock(&hDev->intr.lock);
	if (status)
		return status;
	memset(&tr, 0, sizeof(tr));
	tr.argsz = sizeof(tr);
	tr.handle = hDev->handle;
	tr.vector = dwVector;
	if (ioctl(hDev->drv->fd, KAG_IOC_INT_TRIGGER, &tr) < 0) {
		err = errno;
		if (err == EINVAL)
			return wdc_dev_err(hDev, fn, WD_INTERRUPT_NOT_ENABLED,
					   "interrupts are not enabled (disabled meanwhile?)");
		return wdc_dev_ioctl_err(hDev, fn, "KAG_IOC_INT_TRIGGER", err);
	}
	return WD_STATUS_SUCCESS;
}

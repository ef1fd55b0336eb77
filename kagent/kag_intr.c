// SPDX-License-Identifier: GPL-2.0
/*
 * kag_intr.c - device interrupts delivered to user mode: INTx (shared,
 * level-triggered, acknowledged in the hard IRQ handler by transfer
 * commands or masked with the command register's Interrupt Disable bit),
 * MSI and per-vector MSI-X; blocking waits with counters and timestamps,
 * an eventfd per vector for poll/epoll, and a software loopback trigger.
 *
 * The hard IRQ handler touches the BAR mappings without io_lock: the IRQs
 * are always freed (free_irq waits for running handlers) before the BARs
 * are unmapped, both on disable/close and on remove.
 *
 * A level-triggered INTx that nobody acknowledges would hang the CPU (or,
 * on a shared line, the other devices), so the Interrupt Disable bit of the
 * command register is the safety net: without commands the handler always
 * masks; with commands it masks when the device still asserts the line
 * after them several interrupts in a row, or when a MASK command misses an
 * interrupt the device asserts.  The next KAG_IOC_INT_WAIT (the user has
 * handled the previous interrupt) unmasks.  While masked the device cannot
 * be the one asserting a shared line, so the handler passes such
 * interrupts on untouched.  When interrupts are freed the bit is left set;
 * kagent clears it again at the next INTx enable.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/eventfd.h>
#include <linux/interrupt.h>
#include <linux/ktime.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "kag_priv.h"

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 8, 0)
#define kag_eventfd_signal(ctx) eventfd_signal(ctx)
#else
#define kag_eventfd_signal(ctx) eventfd_signal(ctx, 1)
#endif

void kag_intr_init(struct kag_dev *kdev)
{
	struct kag_intr *in = &kdev->intr;

	mutex_init(&in->mutex);
	spin_lock_init(&in->lock);
	init_waitqueue_head(&in->wq);
}

/* Count one interrupt on @v; called with in->lock held. */
static void __kag_intr_count(struct kag_irq_vec *v, u64 t_irq,
			     const u64 *vals, u32 nvals)
{
	struct kag_intr *in = &v->kdev->intr;

	lockdep_assert_held(&in->lock);
	in->count++;
	in->t_irq_ns = t_irq;
	in->last_vector = v->index;
	if (in->copy) {
		if (nvals)
			memcpy(in->copied, vals, nvals * sizeof(*vals));
		in->ncopied = nvals;
	}
}

/*
 * Tell the waiters and the eventfd of @v about a counted interrupt.  The
 * eventfd cannot go away meanwhile: it is replaced or released only under
 * in->mutex after synchronize_irq()/free_irq(), and the process-context
 * callers hold in->mutex.
 */
static void kag_intr_notify(struct kag_irq_vec *v)
{
	struct eventfd_ctx *trigger = READ_ONCE(v->trigger);

	kag_trace(KAG_TRACE_LEVEL_TRACE, KAG_TRACE_S_INT, v->kdev->pdev,
		  "interrupt: count %llu, vector %u (IRQ %d)",
		  READ_ONCE(v->kdev->intr.count), v->index, v->irq);

	if (trigger)
		kag_eventfd_signal(trigger);
	wake_up_all(&v->kdev->intr.wq);
}

/* Count one interrupt on @v and wake whoever waits for it. */
static void kag_intr_deliver(struct kag_irq_vec *v, u64 t_irq,
			     const u64 *vals, u32 nvals)
{
	struct kag_intr *in = &v->kdev->intr;
	unsigned long flags;

	spin_lock_irqsave(&in->lock, flags);
	__kag_intr_count(v, t_irq, vals, nvals);
	spin_unlock_irqrestore(&in->lock, flags);
	kag_intr_notify(v);
}

/*
 * Run the acknowledge commands.  Returns false when a MASK command says the
 * interrupt is not ours.  Values read are stored in @vals.
 */
static bool kag_intr_run_cmds(struct kag_dev *kdev, u64 *vals, u32 *nvals)
{
	struct kag_intr *in = &kdev->intr;
	u64 last = 0;
	u32 i;

	*nvals = 0;
	for (i = 0; i < in->ncmds; i++) {
		const struct kag_transfer *t = &in->cmds[i];
		const struct kag_bar *b = &kdev->bar[t->bar];

		switch (t->cmd) {
		case KAG_TRANS_READ:
			last = kag_read(b, t->width, t->offset);
			if (*nvals < KAG_INT_MAX_COPY)
				vals[(*nvals)++] = last;
			break;
		case KAG_TRANS_WRITE:
			kag_write(b, t->width, t->offset,
				  t->flags & KAG_TRANS_LAST_VALUE ? last :
				  t->value);
			break;
		case KAG_TRANS_MASK:
			if (!(last & t->value))
				return false;
			break;
		}
	}
	return true;
}

/* Does the device assert INTx?  (PCI 2.3 Interrupt Status bit.) */
static bool kag_intx_asserted(struct pci_dev *pdev)
{
	u16 status;

	pci_read_config_word(pdev, PCI_STATUS, &status);
	return status & PCI_STATUS_INTERRUPT;
}

/*
 * Interrupts in a row after whose commands the device still asserts INTx
 * before it is masked: a new interrupt during the commands is normal (the
 * line fires again at once), commands that never acknowledge are a storm.
 */
#define KAG_INTX_MAX_UNACKED 8

/*
 * INTx: is the interrupt ours?  Runs the commands or masks, under in->lock
 * so that it cannot interleave with the unmask of a waiter.
 */
static bool __kag_intx_claim(struct kag_dev *kdev, u64 *vals, u32 *nvals)
{
	struct kag_intr *in = &kdev->intr;
	struct pci_dev *pdev = kdev->pdev;

	lockdep_assert_held(&in->lock);
	/* Masked: it cannot be us asserting the (shared) line. */
	if (in->intx_masked)
		return false;
	if (!in->ncmds) {
		/* Not asserting: someone else's interrupt on a shared line. */
		in->intx_masked = pci_check_and_mask_intx(pdev);
		return in->intx_masked;
	}
	if (!kag_intr_run_cmds(kdev, vals, nvals)) {
		if (!in->intx_maskable || !kag_intx_asserted(pdev))
			return false;	/* another device's interrupt */
		/*
		 * A MASK missed, yet the device asserts: it raised just after
		 * the status was read (another device's interrupt brought us
		 * here).  Once more, with the status it has now.
		 */
		if (!kag_intr_run_cmds(kdev, vals, nvals)) {
			/* The MASK misses what the device asserts: mask it
			 * and let the user see it, rather than a storm. */
			in->intx_masked = pci_check_and_mask_intx(pdev);
			return in->intx_masked;
		}
	}
	if (!in->intx_maskable || !kag_intx_asserted(pdev)) {
		in->intx_unacked = 0;
	} else if (++in->intx_unacked >= KAG_INTX_MAX_UNACKED) {
		/* The commands do not acknowledge it: mask until a wait. */
		in->intx_unacked = 0;
		in->intx_masked = pci_check_and_mask_intx(pdev);
	}
	return true;
}

/*
 * Kernel PlugIn, hard IRQ: KP_IntAtIrql (INTx) or KP_IntAtIrqlMSI decides;
 * TRUE schedules the DPC in the IRQ thread.  On INTx, fIsMyInterrupt =
 * FALSE with no DPC passes a shared interrupt on.  The INTx safety net
 * applies as with transfer commands: a device that still asserts after
 * the plugin claimed it KAG_INTX_MAX_UNACKED times in a row is masked
 * until the next wait.
 */
static irqreturn_t kag_irq_kp(struct kag_irq_vec *v, u64 t_irq)
{
	struct kag_dev *kdev = v->kdev;
	struct kag_intr *in = &kdev->intr;
	const KP_OPEN_CALL *c = &in->kp->calls;
	BOOL mine = FALSE, dpc;

	if (in->type != KAG_INT_INTX) {
		dpc = c->funcIntAtIrqlMSI ?
		      c->funcIntAtIrqlMSI(in->kp_ctx, v->index, 0) : TRUE;
		if (!dpc)
			return IRQ_HANDLED;	/* an MSI is always ours */
	} else {
		spin_lock(&in->lock);
		if (in->intx_masked) {
			spin_unlock(&in->lock);
			return IRQ_NONE;	/* masked: not us asserting */
		}
		if (c->funcIntAtIrql) {
			dpc = c->funcIntAtIrql(in->kp_ctx, &mine);
		} else {
			/* No high-level handler: claim by masking. */
			mine = pci_check_and_mask_intx(kdev->pdev);
			in->intx_masked = mine;
			dpc = mine;
		}
		if ((mine || dpc) && in->intx_maskable && !in->intx_masked &&
		    kag_intx_asserted(kdev->pdev)) {
			if (++in->intx_unacked >= KAG_INTX_MAX_UNACKED) {
				in->intx_unacked = 0;
				in->intx_masked = pci_check_and_mask_intx(kdev->pdev);
			}
		} else {
			in->intx_unacked = 0;
		}
		if (in->intx_masked)
			in->mask_count = in->count + 1;
		spin_unlock(&in->lock);
		if (!dpc && !mine)
			kag_trace(KAG_TRACE_LEVEL_TRACE, KAG_TRACE_S_INT,
				  kdev->pdev,
				  "IRQ %d: the Kernel PlugIn passed it on (shared INTx)",
				  v->irq);
		if (!dpc)
			return mine ? IRQ_HANDLED : IRQ_NONE;
	}
	WRITE_ONCE(v->kp_t_irq, t_irq);
	atomic_inc(&v->kp_pending);
	return IRQ_WAKE_THREAD;
}

/*
 * Kernel PlugIn, deferred: KP_IntAtDpc(count) in the IRQ thread; its
 * return value is how many interrupts user mode sees (the waiters wake,
 * the count grows by it).  Transfer commands given with the plugin run
 * here, after the DPC.  One thread per vector, so DPCs of one vector
 * never overlap.
 */
static irqreturn_t kag_irq_thread(int irq, void *data)
{
	struct kag_irq_vec *v = data;
	struct kag_dev *kdev = v->kdev;
	struct kag_intr *in = &kdev->intr;
	const KP_OPEN_CALL *c = &in->kp->calls;
	u64 vals[KAG_INT_MAX_COPY];
	u32 count, wakes, nvals = 0;
	unsigned long flags;

	count = atomic_xchg(&v->kp_pending, 0);
	if (!count)
		return IRQ_HANDLED;
	if (in->type == KAG_INT_INTX)
		wakes = c->funcIntAtDpc ? c->funcIntAtDpc(in->kp_ctx, count) :
			count;
	else
		wakes = c->funcIntAtDpcMSI ?
			c->funcIntAtDpcMSI(in->kp_ctx, count, v->index, 0) :
			count;
	if (in->ncmds)
		kag_intr_run_cmds(kdev, vals, &nvals);
	if (!wakes)
		return IRQ_HANDLED;
	spin_lock_irqsave(&in->lock, flags);
	__kag_intr_count(v, READ_ONCE(v->kp_t_irq), vals, nvals);
	in->count += wakes - 1;
	spin_unlock_irqrestore(&in->lock, flags);
	kag_intr_notify(v);
	return IRQ_HANDLED;
}

static irqreturn_t kag_irq_handler(int irq, void *data)
{
	struct kag_irq_vec *v = data;
	struct kag_dev *kdev = v->kdev;
	struct kag_intr *in = &kdev->intr;
	u64 t_irq = ktime_get_ns();
	u64 vals[KAG_INT_MAX_COPY];
	u32 nvals = 0;

	if (in->kp)
		return kag_irq_kp(v, t_irq);
	if (in->type != KAG_INT_INTX) {
		/* An MSI is always ours: the commands only acknowledge. */
		if (in->ncmds)
			kag_intr_run_cmds(kdev, vals, &nvals);
		kag_intr_deliver(v, t_irq, vals, nvals);
		return IRQ_HANDLED;
	}

	spin_lock(&in->lock);
	if (!__kag_intx_claim(kdev, vals, &nvals)) {
		spin_unlock(&in->lock);
		kag_trace(KAG_TRACE_LEVEL_TRACE, KAG_TRACE_S_INT, kdev->pdev,
			  "IRQ %d: not this device's interrupt (shared INTx): passed on",
			  irq);
		return IRQ_NONE;
	}
	__kag_intr_count(v, t_irq, vals, nvals);
	if (in->intx_masked)
		in->mask_count = in->count;
	spin_unlock(&in->lock);
	kag_intr_notify(v);
	return IRQ_HANDLED;
}

/* Copy and validate the acknowledge commands of an enable request. */
static int kag_intr_get_cmds(struct kag_dev *kdev,
			     const struct kag_int_enable *en,
			     struct kag_transfer **out)
{
	struct kag_transfer *cmds;
	bool have_read = false;
	u32 i;

	*out = NULL;
	if (!en->num_cmds)
		return 0;
	if (en->num_cmds > KAG_INT_MAX_CMDS)
		return -EINVAL;
	cmds = memdup_user(u64_to_user_ptr(en->cmds),
			   en->num_cmds * sizeof(*cmds));
	if (IS_ERR(cmds))
		return PTR_ERR(cmds);
	for (i = 0; i < en->num_cmds; i++) {
		const struct kag_transfer *t = &cmds[i];
		int ret = -EINVAL;

		if (t->flags & ~KAG_TRANS_LAST_VALUE)
			goto bad;
		/* Writing back the value read needs a read before it. */
		if (t->flags && (t->cmd != KAG_TRANS_WRITE || !have_read))
			goto bad;
		switch (t->cmd) {
		case KAG_TRANS_READ:
			have_read = true;
			fallthrough;
		case KAG_TRANS_WRITE:
			ret = kag_check_access(kdev, t->bar, t->width,
					       t->offset, t->width);
			if (ret)
				goto bad;
			break;
		case KAG_TRANS_MASK:
			if (!have_read)
				goto bad;	/* nothing to test yet */
			break;
		default:
			goto bad;
		}
		continue;
bad:
		kfree(cmds);
		return ret;
	}
	*out = cmds;
	return 0;
}

/* Allocate vectors of the first allowed type; returns the type or error. */
static int kag_intr_alloc(struct pci_dev *pdev, u32 types, u32 want,
			  u32 *nvec)
{
	int n;

	if (!want || want > KAG_INT_MAX_VECTORS)
		want = KAG_INT_MAX_VECTORS;
	if ((types & KAG_INT_MSIX) && pdev->msix_cap) {
		n = pci_alloc_irq_vectors(pdev, 1, want, PCI_IRQ_MSIX);
		if (n > 0) {
			*nvec = n;
			return KAG_INT_MSIX;
		}
	}
	if ((types & KAG_INT_MSI) && pdev->msi_cap) {
		n = pci_alloc_irq_vectors(pdev, 1, want, PCI_IRQ_MSI);
		if (n > 0) {
			*nvec = n;
			return KAG_INT_MSI;
		}
	}
	if ((types & KAG_INT_INTX) && pdev->pin && pdev->irq) {
		*nvec = 1;
		return KAG_INT_INTX;
	}
	return -ENODEV;
}

/*
 * Free the first @requested vectors' IRQs and everything else of the
 * enable; called with in->mutex held.  Waiters wake with "stopped".
 */
static void __kag_intr_free(struct kag_dev *kdev, u32 requested)
{
	struct kag_intr *in = &kdev->intr;
	struct pci_dev *pdev = kdev->pdev;
	unsigned long flags;
	u32 i;

	lockdep_assert_held(&in->mutex);
	kag_trace(KAG_TRACE_LEVEL_INFO, KAG_TRACE_S_INT, pdev,
		  "interrupts disabled after %llu interrupt(s)",
		  READ_ONCE(in->count));
	for (i = 0; i < requested; i++)
		free_irq(in->vec[i].irq, &in->vec[i]);
	/*
	 * The IRQs (and their threads) are gone: the plugin may clean up.
	 * Our reference is never the last one here: the plugin handle's file
	 * (or a call in flight) still holds one, and closing a plugin handle
	 * disables its interrupts before dropping the file's reference.
	 */
	if (in->kp) {
		if (in->kp->calls.funcIntDisable)
			in->kp->calls.funcIntDisable(in->kp_ctx);
		kag_kp_put(in->kp);
		in->kp = NULL;
		in->kp_ctx = NULL;
	}
	for (i = 0; i < in->nvec; i++)
		if (in->vec[i].trigger)
			eventfd_ctx_put(in->vec[i].trigger);
	if (in->type != KAG_INT_INTX)
		pci_free_irq_vectors(pdev);
	/*
	 * Nobody handles the device's INTx any more: keep it masked, also
	 * after MSI (a device falls back to INTx when MSI is off), so that
	 * an interrupt left pending cannot storm a line shared with others.
	 */
	pci_intx(pdev, 0);
	spin_lock_irqsave(&in->lock, flags);
	in->type = 0;
	in->gen++;
	in->intx_masked = false;
	spin_unlock_irqrestore(&in->lock, flags);
	wake_up_all(&in->wq);
	kfree(in->vec);
	kfree(in->cmds);
	in->vec = NULL;
	in->cmds = NULL;
	in->nvec = 0;
	in->ncmds = 0;
}

/* Disable the interrupts of the device if @h (a plugin handle) has them. */
void kag_intr_disable_kp(struct kag_kp_handle *h)
{
	struct kag_dev *kdev = h->wdev.kdev;
	struct kag_intr *in = &kdev->intr;

	mutex_lock(&in->mutex);
	if (in->type && in->kp == h)
		__kag_intr_free(kdev, in->nvec);
	mutex_unlock(&in->mutex);
}

/*
 * After the device has been given back (pci_restore_state() re-enables its
 * INTx as the firmware left it): if it still asserts an interrupt nobody
 * acknowledged, leave INTx masked so the line stays usable for others.
 */
void kag_intr_quiesce(struct kag_dev *kdev)
{
	struct pci_dev *pdev = kdev->pdev;

	if (pdev->pin && pci_intx_mask_supported(pdev) &&
	    pci_check_and_mask_intx(pdev))
		pci_info(pdev, "left INTx masked: the device still asserts an unacknowledged interrupt\n");
}

void kag_intr_disable(struct kag_dev *kdev)
{
	struct kag_intr *in = &kdev->intr;

	mutex_lock(&in->mutex);
	if (in->type)
		__kag_intr_free(kdev, in->nvec);
	mutex_unlock(&in->mutex);
}

int kag_ioctl_int_enable(struct kag_file *kf, void __user *arg)
{
	struct kag_transfer *cmds = NULL;
	struct kag_kp_handle *kp = NULL;
	void *kp_ctx = NULL;
	struct kag_int_enable en;
	struct kag_dev *kdev;
	struct pci_dev *pdev;
	struct kag_intr *in;
	unsigned long flags;
	u32 nvec = 0, i;
	int type, ret;

	ret = kag_copy_args(&en, sizeof(en), arg);
	if (ret)
		return ret;
	if (en.flags & ~KAG_INT_COPY || en.types & ~KAG_INT_ALL ||
	    en.reserved)
		return -EINVAL;
	kdev = kag_dev_get(kf, en.handle);
	if (!kdev)
		return -EBADF;
	if (en.kp_handle) {
		kp = kag_kp_get(kf, en.kp_handle);
		if (!kp) {
			kag_dev_put(kdev);
			return -EBADF;
		}
		if (kp->wdev.kdev != kdev) {
			/* Opened for another device: its context is not ours. */
			kag_kp_put(kp);
			kag_dev_put(kdev);
			return -EINVAL;
		}
	}
	pdev = kdev->pdev;
	in = &kdev->intr;

	mutex_lock(&in->mutex);
	ret = -EBUSY;
	if (in->type)
		goto out_unlock;
	/* Closed or removed meanwhile: close and remove disable after us. */
	ret = -ENODEV;
	if (READ_ONCE(kdev->removed) || READ_ONCE(kdev->owner) != kf)
		goto out_unlock;
	/* The commands access the BARs as KAG_IOC_MULTI would. */
	ret = -EPERM;
	if (en.num_cmds && kag_locked_down(kdev, "interrupt transfer commands"))
		goto out_unlock;
	ret = kag_intr_get_cmds(kdev, &en, &cmds);
	if (ret)
		goto out_unlock;
	type = kag_intr_alloc(pdev, en.types ?: KAG_INT_ALL, en.num_vectors,
			      &nvec);
	if (type < 0) {
		ret = type;
		goto out_free_cmds;
	}
	/* Without commands, INTx can only be handled by masking it. */
	ret = -EOPNOTSUPP;
	if (type == KAG_INT_INTX && !en.num_cmds &&
	    !pci_intx_mask_supported(pdev))
		goto out_free_cmds;
	in->vec = kcalloc(nvec, sizeof(*in->vec), GFP_KERNEL);
	if (!in->vec) {
		ret = -ENOMEM;
		if (type != KAG_INT_INTX)
			pci_free_irq_vectors(pdev);
		goto out_free_cmds;
	}
	if (kp) {
		WD_KERNEL_PLUGIN_CALL call = {
			.hKernelPlugIn = kp->id,
			.dwMessage = en.kp_message,
			.pData = u64_to_user_ptr(en.kp_data),
		};

		/* KP_IntEnable sets the interrupt context (default: its open
		 * context); FALSE refuses. */
		kp_ctx = kp->drv_context;
		if (kp->calls.funcIntEnable &&
		    !kp->calls.funcIntEnable(kp->drv_context, &call, &kp_ctx)) {
			ret = -ECANCELED;
			kfree(in->vec);
			in->vec = NULL;
			if (type != KAG_INT_INTX)
				pci_free_irq_vectors(pdev);
			goto out_free_cmds;
		}
	}

	/* The handler reads these; set them before the first request_irq. */
	spin_lock_irqsave(&in->lock, flags);
	in->type = type;
	in->nvec = nvec;
	in->cmds = cmds;
	in->ncmds = en.num_cmds;
	in->copy = en.flags & KAG_INT_COPY;
	in->gen++;
	in->count = 0;
	in->reported = 0;
	in->t_irq_ns = 0;
	in->last_vector = 0;
	in->ncopied = 0;
	in->intx_masked = false;
	in->mask_count = 0;
	in->intx_unacked = 0;
	in->intx_maskable = type == KAG_INT_INTX &&
			    pci_intx_mask_supported(pdev);
	in->kp = kp;		/* takes over our reference */
	in->kp_ctx = kp_ctx;
	kp = NULL;
	spin_unlock_irqrestore(&in->lock, flags);

	if (type != KAG_INT_INTX)
		pci_set_master(pdev);	/* MSI writes are DMA writes */
	else
		pci_intx(pdev, 1);
	for (i = 0; i < nvec; i++) {
		struct kag_irq_vec *v = &in->vec[i];

		v->kdev = kdev;
		v->index = i;
		v->irq = type == KAG_INT_INTX ? pdev->irq :
			 pci_irq_vector(pdev, i);
		snprintf(v->name, sizeof(v->name), "kagent[%s]#%u",
			 pci_name(pdev), i);
		atomic_set(&v->kp_pending, 0);
		ret = request_threaded_irq(v->irq, kag_irq_handler,
					   in->kp ? kag_irq_thread : NULL,
					   type == KAG_INT_INTX ? IRQF_SHARED : 0,
					   v->name, v);
		if (ret) {
			pci_err(pdev, "cannot get IRQ %d: %d\n", v->irq, ret);
			__kag_intr_free(kdev, i);
			goto out_unlock;
		}
	}

	en.type = type;
	en.vectors = nvec;
	en.irq = in->vec[0].irq;
	kag_trace(KAG_TRACE_LEVEL_INFO, KAG_TRACE_S_INT, pdev,
		  "interrupts enabled: %s, %u vector(s) from IRQ %d, %u ack command(s)%s%s%s",
		  type == KAG_INT_MSIX ? "MSI-X" :
		  type == KAG_INT_MSI ? "MSI" : "INTx",
		  nvec, in->vec[0].irq, en.num_cmds,
		  en.flags & KAG_INT_COPY ? ", values copied" : "",
		  in->kp ? ", Kernel PlugIn " : "",
		  in->kp ? kag_kp_name(in->kp) : "");
	/* Still under the mutex: a caller who cannot learn the type gets
	 * nothing enabled, and nobody can disable before we know. */
	if (copy_to_user(arg, &en, sizeof(en))) {
		__kag_intr_free(kdev, nvec);
		ret = -EFAULT;
	}
	mutex_unlock(&in->mutex);
	kag_dev_put(kdev);
	return ret;

out_free_cmds:
	kfree(cmds);
out_unlock:
	mutex_unlock(&in->mutex);
	if (kp)
		kag_kp_put(kp);
	kag_dev_put(kdev);
	return ret;
}

int kag_ioctl_int_disable(struct kag_file *kf, void __user *arg)
{
	struct kag_dev_close d;
	struct kag_dev *kdev;
	struct kag_intr *in;
	int ret;

	ret = kag_copy_args(&d, sizeof(d), arg);
	if (ret)
		return ret;
	kdev = kag_dev_get(kf, d.handle);
	if (!kdev)
		return -EBADF;
	in = &kdev->intr;
	mutex_lock(&in->mutex);
	ret = -EINVAL;
	if (in->type) {
		__kag_intr_free(kdev, in->nvec);
		ret = 0;
	}
	mutex_unlock(&in->mutex);
	kag_dev_put(kdev);
	return ret;
}

/* Has something happened for a waiter that started at @gen? */
static bool kag_intr_ready(struct kag_intr *in, u64 gen)
{
	unsigned long flags;
	bool ready;

	spin_lock_irqsave(&in->lock, flags);
	ready = in->gen != gen || in->count != in->reported;
	spin_unlock_irqrestore(&in->lock, flags);
	return ready;
}

/*
 * INTx masked by the handler: unmask when the device no longer asserts it
 * (the user has acknowledged it).  If it still does and the user has
 * already been told about the interrupt that masked it (a previous wait
 * returned it, so this wait means "handled"), it is a new or
 * unacknowledged interrupt: without commands count it again (it stays
 * masked, no storm); with commands unmask anyway and let the handler run
 * them again (it masks again if they still do not acknowledge it).
 */
static void kag_intr_unmask(struct kag_dev *kdev)
{
	struct kag_intr *in = &kdev->intr;
	unsigned long flags;
	bool again = false;
	bool seen;

	mutex_lock(&in->mutex);
	spin_lock_irqsave(&in->lock, flags);
	if (in->type == KAG_INT_INTX && in->intx_masked) {
		seen = in->reported >= in->mask_count;
		if (pci_check_and_unmask_intx(kdev->pdev)) {
			in->intx_masked = false;
		} else if (seen && (in->ncmds || in->kp)) {
			in->intx_masked = false;
			pci_intx(kdev->pdev, 1);
		} else if (seen) {
			__kag_intr_count(&in->vec[0], ktime_get_ns(), NULL, 0);
			in->mask_count = in->count;
			again = true;
		}
	}
	spin_unlock_irqrestore(&in->lock, flags);
	if (again)
		kag_intr_notify(&in->vec[0]);
	mutex_unlock(&in->mutex);
}

int kag_ioctl_int_wait(struct kag_file *kf, void __user *arg)
{
	struct kag_int_wait w;
	struct kag_dev *kdev;
	struct kag_intr *in;
	unsigned long flags;
	long left;
	u64 gen;
	int ret;

	ret = kag_copy_args(&w, sizeof(w), arg);
	if (ret)
		return ret;
	if (w.flags & ~KAG_INT_WAIT_NONBLOCK || w.reserved)
		return -EINVAL;
	kdev = kag_dev_get(kf, w.handle);
	if (!kdev)
		return -EBADF;
	in = &kdev->intr;

	spin_lock_irqsave(&in->lock, flags);
	gen = in->gen;
	ret = in->type ? 0 : -EINVAL;
	spin_unlock_irqrestore(&in->lock, flags);
	if (ret)
		goto out_put;
	kag_intr_unmask(kdev);

	if (!(w.flags & KAG_INT_WAIT_NONBLOCK)) {
		if (w.timeout_ms) {
			left = wait_event_interruptible_timeout(in->wq,
					kag_intr_ready(in, gen),
					msecs_to_jiffies(w.timeout_ms));
			if (!left)
				ret = -ETIMEDOUT;
			else if (left < 0)
				ret = left;
		} else {
			ret = wait_event_interruptible(in->wq,
						       kag_intr_ready(in, gen));
		}
		if (ret)
			goto out_put;
	}
	w.t_wake_ns = ktime_get_ns();

	spin_lock_irqsave(&in->lock, flags);
	w.stopped = in->gen != gen || !in->type;
	w.count = in->count;
	w.new_count = in->count - in->reported;
	in->reported = in->count;
	w.t_irq_ns = in->t_irq_ns;
	w.vector = in->last_vector;
	w.type = in->type;
	w.num_copied = in->ncopied;
	memcpy(w.copied, in->copied, sizeof(w.copied));
	spin_unlock_irqrestore(&in->lock, flags);
	if (w.stopped) {
		w.count = 0;
		w.new_count = 0;
		w.type = 0;
	}
	ret = copy_to_user(arg, &w, sizeof(w)) ? -EFAULT : 0;
out_put:
	kag_dev_put(kdev);
	return ret;
}

int kag_ioctl_int_set_eventfd(struct kag_file *kf, void __user *arg)
{
	struct eventfd_ctx *ctx = NULL, *old;
	struct kag_int_eventfd e;
	struct kag_irq_vec *v;
	struct kag_dev *kdev;
	struct kag_intr *in;
	int ret;

	ret = kag_copy_args(&e, sizeof(e), arg);
	if (ret)
		return ret;
	if (e.fd < -1)
		return -EBADF;
	kdev = kag_dev_get(kf, e.handle);
	if (!kdev)
		return -EBADF;
	in = &kdev->intr;
	if (e.fd >= 0) {
		ctx = eventfd_ctx_fdget(e.fd);
		if (IS_ERR(ctx)) {
			ret = PTR_ERR(ctx);
			goto out_put;
		}
	}
	mutex_lock(&in->mutex);
	if (!in->type || e.vector >= in->nvec) {
		mutex_unlock(&in->mutex);
		if (ctx)
			eventfd_ctx_put(ctx);
		ret = -EINVAL;
		goto out_put;
	}
	v = &in->vec[e.vector];
	old = v->trigger;
	WRITE_ONCE(v->trigger, ctx);
	if (old) {
		synchronize_irq(v->irq);	/* no handler still uses it */
		eventfd_ctx_put(old);
	}
	mutex_unlock(&in->mutex);
out_put:
	kag_dev_put(kdev);
	return ret;
}

int kag_ioctl_int_trigger(struct kag_file *kf, void __user *arg)
{
	struct kag_int_trigger t;
	struct kag_dev *kdev;
	struct kag_intr *in;
	int ret;

	ret = kag_copy_args(&t, sizeof(t), arg);
	if (ret)
		return ret;
	if (t.reserved)
		return -EINVAL;
	kdev = kag_dev_get(kf, t.handle);
	if (!kdev)
		return -EBADF;
	in = &kdev->intr;
	mutex_lock(&in->mutex);
	ret = -EINVAL;
	if (in->type && t.vector < in->nvec) {
		struct kag_irq_vec *v = &in->vec[t.vector];

		if (in->kp) {
			/*
			 * Through the plugin's DPC, in its IRQ thread (the
			 * hard-IRQ callback acknowledges hardware, and there
			 * is none to acknowledge).
			 */
			WRITE_ONCE(v->kp_t_irq, ktime_get_ns());
			atomic_inc(&v->kp_pending);
			irq_wake_thread(v->irq, v);
		} else {
			kag_intr_deliver(v, ktime_get_ns(), NULL, 0);
		}
		ret = 0;
	}
	mutex_unlock(&in->mutex);
	kag_dev_put(kdev);
	return ret;
}

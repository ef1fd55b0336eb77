// SPDX-License-Identifier: GPL-2.0
/*
 * kag_trace.c - the Debug Monitor: a ring buffer of trace records written
 * by the agent, by other modules (from any context but NMI) and by user
 * mode; its filter and settings; and reader files with their own
 * position, blocking read() and poll(), told exactly how many records
 * they lost when they fall behind.
 *
 * Locking:
 *  - kag_trace_mutex serialises changes of the settings (filter, flags,
 *    size, clear, clock base) and of the static key.  Process context.
 *  - kag_ring.lock, a raw spinlock taken with interrupts off (writers run
 *    in hard IRQ context), protects the records and counters of kag_ring,
 *    the list of readers, and each reader's position and pending loss.
 *    It is held only to copy one record in or out.
 *  - kag_reader.mutex serialises read() calls on one reader file.
 *  Lock order: kag_trace_mutex, then kag_reader.mutex, then kag_ring.lock.
 *
 * While the trace is off, kagent_trace_key is disabled: every trace point
 * is a patched-out jump, without formatting or locking.  Writers wake
 * readers through an irq_work, so that a trace point is safe wherever the
 * caller is (holding a wait-queue or scheduler lock included).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/irq_work.h>
#include <linux/ktime.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include <wdc/kagent_trace.h>

#include "kag_priv.h"

static unsigned int trace_size = 2048;
module_param(trace_size, uint, 0);
MODULE_PARM_DESC(trace_size,
		 "trace buffer size in records (16..65536, rounded up to a power of two; default 2048)");
static unsigned int trace_level;
module_param(trace_level, uint, 0);
MODULE_PARM_DESC(trace_level,
		 "trace from load on at this level: 1 ERROR, 2 WARN, 3 INFO, 4 TRACE (default 0: off)");
static unsigned int trace_sections = KAG_TRACE_S_ALL;
module_param(trace_sections, uint, 0);
MODULE_PARM_DESC(trace_sections, "trace section mask (default 0xffffffff: all)");
static bool trace_dbg;
module_param(trace_dbg, bool, 0);
MODULE_PARM_DESC(trace_dbg, "copy every record to the kernel log (default off)");

DEFINE_STATIC_KEY_FALSE(kagent_trace_key);
EXPORT_SYMBOL_GPL(kagent_trace_key);

/* Settings: written under kag_trace_mutex, read locklessly (READ_ONCE). */
static DEFINE_MUTEX(kag_trace_mutex);
u64 kag_trace_filter;			/* level << 32 | sections */
static u32 kag_trace_flags;		/* KAG_TRACE_ON, _DBG, ... */
static u64 kag_trace_clock_base;	/* CLOCK_MONOTONIC ns */

struct kag_ring {
	raw_spinlock_t lock;		/* see the top of the file */
	struct kag_trace_rec *recs;	/* mask + 1 records (vmalloc) */
	u64 mask;
	u64 head;			/* sequence number of the next record */
	u64 first;			/* sequence number of the oldest kept */
	u64 overwritten;		/* pushed out by newer records */
	u64 reader_lost;		/* reported lost to readers */
	u32 nreaders;
	struct list_head readers;	/* struct kag_reader */
	wait_queue_head_t wq;		/* readers waiting for records */
	struct irq_work wake_work;	/* wakes them, from any context */
};

static struct kag_ring kag_ring;

/* One open reader file. */
struct kag_reader {
	struct list_head node;		/* in kag_ring.readers */
	struct mutex mutex;		/* serialises read() */
	u64 pos;			/* sequence number of the next to read */
	u64 lost;			/* lost, not yet reported */
	u64 lost_seq;			/* the first of them */
};

static const char *const kag_level_names[] = {
	[KAG_TRACE_LEVEL_OFF] = "OFF",
	[KAG_TRACE_LEVEL_ERROR] = "ERROR",
	[KAG_TRACE_LEVEL_WARN] = "WARN",
	[KAG_TRACE_LEVEL_INFO] = "INFO",
	[KAG_TRACE_LEVEL_TRACE] = "TRACE",
};

static const struct {
	u32 bit;
	const char *name;
} kag_section_names[] = {
	{ KAG_TRACE_S_IO, "IO" },
	{ KAG_TRACE_S_MEM, "MEM" },
	{ KAG_TRACE_S_INT, "INT" },
	{ KAG_TRACE_S_PCI, "PCI" },
	{ KAG_TRACE_S_DMA, "DMA" },
	{ KAG_TRACE_S_MISC, "MISC" },
	{ KAG_TRACE_S_LICENSE, "LICENSE" },
	{ KAG_TRACE_S_PNP, "PNP" },
	{ KAG_TRACE_S_CARD_REG, "CARD_REG" },
	{ KAG_TRACE_S_KER_DRV, "KER_DRV" },
	{ KAG_TRACE_S_USB, "USB" },
	{ KAG_TRACE_S_KER_PLUG, "KER_PLUG" },
	{ KAG_TRACE_S_EVENT, "EVENT" },
	{ KAG_TRACE_S_IPC, "IPC" },
	{ KAG_TRACE_S_KER_BUF, "KER_BUF" },
};

static const char *kag_level_name(u32 level)
{
	return level < ARRAY_SIZE(kag_level_names) ? kag_level_names[level] :
	       "?";
}

/* The name of the lowest section bit of @section, or NULL. */
static const char *kag_section_name(u32 section)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(kag_section_names); i++)
		if (section & kag_section_names[i].bit)
			return kag_section_names[i].name;
	return NULL;
}

bool kagent_trace_wants(u32 level, u32 section)
{
	return kag_trace_wanted(level, section);
}
EXPORT_SYMBOL_GPL(kagent_trace_wants);

static void kag_trace_wake(struct irq_work *work)
{
	wake_up_interruptible_all(&kag_ring.wq);
}

/* Start a record: everything but the message, sequence and time. */
static void kag_trace_begin(struct kag_trace_rec *rec, const char *source,
			    u8 source_type, u32 level, u32 section,
			    const struct pci_dev *pdev)
{
	memset(rec, 0, sizeof(*rec));
	rec->size = sizeof(*rec);
	rec->type = KAG_TRACE_REC_MSG;
	rec->level = level;
	rec->source_type = source_type;
	rec->section = section;
	strscpy(rec->source, source, sizeof(rec->source));
	if (in_hardirq()) {
		rec->flags |= KAG_TRACE_REC_HARDIRQ;
		strscpy(rec->comm, "[hardirq]", sizeof(rec->comm));
	} else if (in_serving_softirq()) {
		rec->flags |= KAG_TRACE_REC_SOFTIRQ;
		strscpy(rec->comm, "[softirq]", sizeof(rec->comm));
	} else {
		rec->pid = task_tgid_nr(current);
		rec->tid = task_pid_nr(current);
		/* Racy against a rename, like every tracer's copy of comm. */
		strscpy(rec->comm, current->comm, sizeof(rec->comm));
	}
	if (pdev) {
		rec->flags |= KAG_TRACE_REC_DEV;
		rec->domain = pci_domain_nr(pdev->bus);
		rec->bus = pdev->bus->number;
		rec->dev = PCI_SLOT(pdev->devfn);
		rec->fn = PCI_FUNC(pdev->devfn);
	}
}

/* The copy of a record in the kernel log (dbg_on). */
static void kag_trace_to_log(const struct kag_trace_rec *rec)
{
	const char *sect = kag_section_name(rec->section);
	char dev[24] = "";

	if (rec->flags & KAG_TRACE_REC_DEV)
		snprintf(dev, sizeof(dev), " %04x:%02x:%02x.%u", rec->domain,
			 rec->bus, rec->dev, rec->fn);
	printk(KERN_DEBUG KAG_NAME ": trace %llu %s %s%s %s %s[%u]: %s\n",
	       rec->seq, kag_level_name(rec->level), sect ?: "-", dev,
	       rec->source, rec->comm, rec->pid, rec->msg);
}

/*
 * Put @rec into the ring as the newest record, pushing out the oldest
 * when full; stamps sequence number, time and CPU.  Returns the sequence
 * number.  Any context but NMI.
 */
static u64 kag_trace_commit(struct kag_trace_rec *rec)
{
	struct kag_ring *ring = &kag_ring;
	unsigned long flags;
	u64 seq;

	raw_spin_lock_irqsave(&ring->lock, flags);
	if (ring->head - ring->first > ring->mask) {
		ring->first++;
		ring->overwritten++;
	}
	seq = ring->head++;
	rec->seq = seq;
	/* Taken under the lock: time never goes back along the sequence. */
	rec->ts_ns = ktime_get_ns();
	rec->cpu = smp_processor_id();
	memcpy(&ring->recs[seq & ring->mask], rec, sizeof(*rec));
	raw_spin_unlock_irqrestore(&ring->lock, flags);

	if (READ_ONCE(kag_trace_flags) & KAG_TRACE_DBG)
		kag_trace_to_log(rec);
	/* Pairs with the barrier in the waiters' prepare_to_wait(). */
	if (wq_has_sleeper(&ring->wq))
		irq_work_queue(&ring->wake_work);
	return seq;
}

static __printf(6, 0)
u64 kag_trace_vemit(const char *source, u8 source_type, u32 level,
		    u32 section, const struct pci_dev *pdev, const char *fmt,
		    va_list args)
{
	struct kag_trace_rec rec;
	size_t len;

	/* NMI: the ring lock may be held by the interrupted code. */
	if (!kag_trace_wanted(level, section) || in_nmi())
		return 0;
	kag_trace_begin(&rec, source, source_type, level, section, pdev);
	len = vscnprintf(rec.msg, sizeof(rec.msg), fmt, args);
	if (len && rec.msg[len - 1] == '\n')
		rec.msg[len - 1] = '\0';
	return kag_trace_commit(&rec);
}

void __kag_trace(u32 level, u32 section, const struct pci_dev *pdev,
		 const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	kag_trace_vemit(KAG_NAME, KAG_TRACE_SRC_AGENT, level, section, pdev,
			fmt, args);
	va_end(args);
}

void kagent_trace_vprintf(const char *source, u32 level, u32 section,
			  const struct pci_dev *pdev, const char *fmt,
			  va_list args)
{
	kag_trace_vemit(source ?: "plugin", KAG_TRACE_SRC_PLUGIN, level,
			section, pdev, fmt, args);
}
EXPORT_SYMBOL_GPL(kagent_trace_vprintf);

void kagent_trace_printf(const char *source, u32 level, u32 section,
			 const struct pci_dev *pdev, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	kagent_trace_vprintf(source, level, section, pdev, fmt, args);
	va_end(args);
}
EXPORT_SYMBOL_GPL(kagent_trace_printf);

/* ---- settings ---------------------------------------------------------- */

static bool kag_level_valid(u32 level)
{
	return level >= KAG_TRACE_LEVEL_ERROR && level <= KAG_TRACE_LEVEL_TRACE;
}

/* Records are kept only when on with some section: flip the key to match. */
static void __kag_trace_apply(u32 level, u32 sections, u32 flags)
{
	lockdep_assert_held(&kag_trace_mutex);
	WRITE_ONCE(kag_trace_filter, (u64)level << 32 | sections);
	WRITE_ONCE(kag_trace_flags, flags);
	if ((flags & KAG_TRACE_ON) && sections)
		static_branch_enable(&kagent_trace_key);
	else
		static_branch_disable(&kagent_trace_key);
}

/*
 * Empty the ring (and, with @recs, replace its array by @recs of @nrecs
 * records).  Readers skip what is discarded; records they had already
 * lost stay pending for their next read.  Returns the old array to free
 * when replaced, else NULL.  Called with kag_trace_mutex held.
 */
static struct kag_trace_rec *__kag_ring_reset(struct kag_trace_rec *recs,
					      u32 nrecs)
{
	struct kag_ring *ring = &kag_ring;
	struct kag_trace_rec *old = NULL;
	struct kag_reader *r;
	unsigned long flags;

	lockdep_assert_held(&kag_trace_mutex);
	raw_spin_lock_irqsave(&ring->lock, flags);
	list_for_each_entry(r, &ring->readers, node) {
		if (r->pos < ring->first) {
			if (!r->lost)
				r->lost_seq = r->pos;
			r->lost += ring->first - r->pos;
		}
		r->pos = ring->head;
	}
	ring->first = ring->head;
	if (recs) {
		old = ring->recs;
		ring->recs = recs;
		ring->mask = nrecs - 1;
	}
	raw_spin_unlock_irqrestore(&ring->lock, flags);
	/* A reader that now has a loss to report must hear of it. */
	wake_up_interruptible_all(&ring->wq);
	return old;
}

/* Describe the settings as a record (they are on, or it is not kept). */
static void kag_trace_note_settings(const char *what)
{
	u64 f = READ_ONCE(kag_trace_filter);
	u32 flags = READ_ONCE(kag_trace_flags);
	u32 level = f >> 32, sections = (u32)f;

	kag_trace(KAG_TRACE_LEVEL_INFO, KAG_TRACE_S_MISC, NULL,
		  "%s: level %s, sections %#x, %llu records, kernel log copy %s",
		  what, kag_level_name(level), sections,
		  READ_ONCE(kag_ring.mask) + 1,
		  flags & KAG_TRACE_DBG ? "on" : "off");
}

int kag_ioctl_trace_status(void __user *arg)
{
	struct kag_ring *ring = &kag_ring;
	struct kag_trace_status st;
	unsigned long flags;
	u64 f;
	int ret;

	ret = kag_copy_args(&st, sizeof(st), arg);
	if (ret)
		return ret;
	memset(&st, 0, sizeof(st));
	st.argsz = sizeof(st);
	mutex_lock(&kag_trace_mutex);
	f = READ_ONCE(kag_trace_filter);
	st.level = f >> 32;
	st.sections = (u32)f;
	st.flags = READ_ONCE(kag_trace_flags);
	st.clock_base_ns = READ_ONCE(kag_trace_clock_base);
	raw_spin_lock_irqsave(&ring->lock, flags);
	st.size = ring->mask + 1;
	st.used = ring->head - ring->first;
	st.readers = ring->nreaders;
	st.next_seq = ring->head;
	st.written = ring->head - 1;	/* sequence numbers start at 1 */
	st.overwritten = ring->overwritten;
	st.reader_lost = ring->reader_lost;
	raw_spin_unlock_irqrestore(&ring->lock, flags);
	mutex_unlock(&kag_trace_mutex);
	st.rec_size = sizeof(struct kag_trace_rec);
	st.now_ns = ktime_get_ns();
	return copy_to_user(arg, &st, sizeof(st)) ?
	       kag_reject(NULL, KAG_TRACE_S_MISC, "TRACE_STATUS", -EFAULT,
			  "cannot write the status back") : 0;
}

int kag_ioctl_trace_config(void __user *arg)
{
	struct kag_trace_rec *recs = NULL, *old = NULL;
	struct kag_trace_config c;
	u32 nrecs = 0, level, sections, flags, old_flags;
	bool changed;
	u64 f;
	int ret;

	ret = kag_copy_args(&c, sizeof(c), arg);
	if (ret)
		return ret;
	if (c.set & ~KAG_TRACE_SET_ALL || c.reserved)
		return kag_reject_flags(NULL, KAG_TRACE_S_MISC, "TRACE_CONFIG",
					c.set & ~KAG_TRACE_SET_ALL, c.reserved);
	if ((c.flags_set | c.flags_clear) & ~KAG_TRACE_FLAGS_ALL)
		return kag_reject_flags(NULL, KAG_TRACE_S_MISC, "TRACE_CONFIG",
					(c.flags_set | c.flags_clear) &
					~KAG_TRACE_FLAGS_ALL, 0);
	if (c.flags_set & c.flags_clear)
		return kag_reject(NULL, KAG_TRACE_S_MISC, "TRACE_CONFIG",
				  -EINVAL, "flags %#x both set and cleared",
				  c.flags_set & c.flags_clear);
	if ((c.set & KAG_TRACE_SET_LEVEL) && !kag_level_valid(c.level))
		return kag_reject(NULL, KAG_TRACE_S_MISC, "TRACE_CONFIG",
				  -EINVAL, "level %u is not 1 (ERROR) .. 4 (TRACE)",
				  c.level);
	if (c.set & KAG_TRACE_SET_SIZE) {
		if (c.size < KAG_TRACE_MIN_RECORDS ||
		    c.size > KAG_TRACE_MAX_RECORDS)
			return kag_reject(NULL, KAG_TRACE_S_MISC,
					  "TRACE_CONFIG", -EINVAL,
					  "size %u records is not in %u..%u",
					  c.size, KAG_TRACE_MIN_RECORDS,
					  KAG_TRACE_MAX_RECORDS);
		nrecs = roundup_pow_of_two(c.size);
		recs = vzalloc(array_size(nrecs, sizeof(*recs)));
		if (!recs)
			return kag_reject(NULL, KAG_TRACE_S_MISC,
					  "TRACE_CONFIG", -ENOMEM,
					  "no memory for %u records", nrecs);
	}

	mutex_lock(&kag_trace_mutex);
	if (c.set & (KAG_TRACE_SET_SIZE | KAG_TRACE_SET_CLEAR))
		old = __kag_ring_reset(recs, nrecs);
	if (c.set & KAG_TRACE_SET_CLOCK_RESET)
		WRITE_ONCE(kag_trace_clock_base, ktime_get_ns());
	f = READ_ONCE(kag_trace_filter);
	old_flags = READ_ONCE(kag_trace_flags);
	level = c.set & KAG_TRACE_SET_LEVEL ? c.level : f >> 32;
	sections = c.set & KAG_TRACE_SET_SECTIONS ? c.sections : (u32)f;
	flags = (old_flags & ~c.flags_clear) | c.flags_set;
	changed = ((u64)level << 32 | sections) != f ||
		  (flags ^ old_flags) & (KAG_TRACE_ON | KAG_TRACE_DBG);
	__kag_trace_apply(level, sections, flags);
	mutex_unlock(&kag_trace_mutex);
	vfree(old);
	/* Only what changes what is kept: a cleared buffer stays empty. */
	if (changed)
		kag_trace_note_settings("trace settings changed");
	return 0;
}

int kag_ioctl_trace_add(struct kag_file *kf, void __user *arg)
{
	struct kag_dev *kdev = NULL;
	struct kag_trace_add a;
	struct kag_trace_rec rec;
	u64 seq = 0;
	int ret;

	ret = kag_copy_args(&a, sizeof(a), arg);
	if (ret)
		return ret;
	if (a.flags || a.reserved)
		return kag_reject_flags(NULL, KAG_TRACE_S_MISC, "TRACE_ADD",
					a.flags, a.reserved);
	if (!kag_level_valid(a.level) || !a.section)
		return kag_reject(NULL, KAG_TRACE_S_MISC, "TRACE_ADD", -EINVAL,
				  "level %u (want 1..4) or section %#x (want non-zero)",
				  a.level, a.section);
	if (!memchr(a.msg, '\0', sizeof(a.msg)) ||
	    !memchr(a.source, '\0', sizeof(a.source)))
		return kag_reject(NULL, KAG_TRACE_S_MISC, "TRACE_ADD", -EINVAL,
				  "message or source not NUL-terminated");
	if (a.handle) {
		kdev = kag_dev_get(kf, a.handle);
		if (!kdev)
			return kag_reject_handle(KAG_TRACE_S_MISC, "TRACE_ADD",
						 a.handle);
	}
	if (kag_trace_wanted(a.level, a.section)) {
		kag_trace_begin(&rec, a.source[0] ? a.source : "user",
				KAG_TRACE_SRC_USER, a.level, a.section,
				kdev ? kdev->pdev : NULL);
		strscpy(rec.msg, a.msg, sizeof(rec.msg));
		seq = kag_trace_commit(&rec);
	}
	if (kdev)
		kag_dev_put(kdev);
	if (put_user(seq, (u64 __user *)(arg + offsetof(struct kag_trace_add,
							seq))))
		return kag_reject(NULL, KAG_TRACE_S_MISC, "TRACE_ADD", -EFAULT,
				  "cannot write the sequence number back");
	return 0;
}

/* ---- readers ----------------------------------------------------------- */

static bool kag_reader_ready(struct kag_reader *r)
{
	struct kag_ring *ring = &kag_ring;
	unsigned long flags;
	bool ready;

	raw_spin_lock_irqsave(&ring->lock, flags);
	ready = r->lost || r->pos < ring->head;
	raw_spin_unlock_irqrestore(&ring->lock, flags);
	return ready;
}

/*
 * Take the reader's next record into @rec: a LOST record first if it fell
 * behind, else the record at its position.  The position moves on at
 * once; kag_reader_untake() puts it back if the copy to the user fails.
 */
static bool kag_reader_take(struct kag_reader *r, struct kag_trace_rec *rec)
{
	struct kag_ring *ring = &kag_ring;
	unsigned long flags;
	bool got = true;

	raw_spin_lock_irqsave(&ring->lock, flags);
	if (r->pos < ring->first) {
		if (!r->lost)
			r->lost_seq = r->pos;
		r->lost += ring->first - r->pos;
		r->pos = ring->first;
	}
	if (r->lost) {
		memset(rec, 0, sizeof(*rec));
		rec->size = sizeof(*rec);
		rec->type = KAG_TRACE_REC_LOST;
		rec->seq = r->lost_seq;
		rec->lost = r->lost;
		rec->ts_ns = ktime_get_ns();
		strscpy(rec->source, KAG_NAME, sizeof(rec->source));
		ring->reader_lost += r->lost;
		r->lost = 0;
	} else if (r->pos < ring->head) {
		memcpy(rec, &ring->recs[r->pos & ring->mask], sizeof(*rec));
		r->pos++;
	} else {
		got = false;
	}
	raw_spin_unlock_irqrestore(&ring->lock, flags);
	return got;
}

static void kag_reader_untake(struct kag_reader *r,
			      const struct kag_trace_rec *rec)
{
	struct kag_ring *ring = &kag_ring;
	unsigned long flags;

	raw_spin_lock_irqsave(&ring->lock, flags);
	if (rec->type == KAG_TRACE_REC_LOST) {
		ring->reader_lost -= rec->lost;
		r->lost_seq = r->lost ? min(r->lost_seq, rec->seq) : rec->seq;
		r->lost += rec->lost;
	} else if (r->pos == rec->seq + 1) {
		/* Unless a clear moved the reader on meanwhile. */
		r->pos = rec->seq;
	}
	raw_spin_unlock_irqrestore(&ring->lock, flags);
}

static ssize_t kag_trace_read(struct file *file, char __user *buf,
			      size_t count, loff_t *ppos)
{
	struct kag_reader *r = file->private_data;
	struct kag_trace_rec rec;
	size_t done = 0;
	bool fault = false;
	int ret;

	if (count < sizeof(rec))
		return -EINVAL;
	for (;;) {
		if (mutex_lock_interruptible(&r->mutex))
			return -ERESTARTSYS;
		while (count - done >= sizeof(rec) && kag_reader_take(r, &rec)) {
			if (copy_to_user(buf + done, &rec, sizeof(rec))) {
				kag_reader_untake(r, &rec);
				fault = true;
				break;
			}
			done += sizeof(rec);
		}
		mutex_unlock(&r->mutex);
		if (done)
			return done;
		if (fault)
			return -EFAULT;
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		ret = wait_event_interruptible(kag_ring.wq,
					       kag_reader_ready(r));
		if (ret)
			return ret;
	}
}

static __poll_t kag_trace_poll(struct file *file, poll_table *wait)
{
	struct kag_reader *r = file->private_data;

	poll_wait(file, &kag_ring.wq, wait);
	return kag_reader_ready(r) ? EPOLLIN | EPOLLRDNORM : 0;
}

static int kag_trace_release(struct inode *inode, struct file *file)
{
	struct kag_reader *r = file->private_data;
	unsigned long flags;

	raw_spin_lock_irqsave(&kag_ring.lock, flags);
	list_del(&r->node);
	kag_ring.nreaders--;
	raw_spin_unlock_irqrestore(&kag_ring.lock, flags);
	mutex_destroy(&r->mutex);
	kfree(r);
	return 0;
}

static const struct file_operations kag_trace_fops = {
	.owner = THIS_MODULE,
	.read = kag_trace_read,
	.poll = kag_trace_poll,
	.release = kag_trace_release,
	.llseek = noop_llseek,
};

int kag_ioctl_trace_open(void __user *arg)
{
	struct kag_trace_open op;
	struct kag_reader *r;
	unsigned long flags;
	struct file *file;
	int fd, ret;

	ret = kag_copy_args(&op, sizeof(op), arg);
	if (ret)
		return ret;
	if (op.flags & ~(KAG_TRACE_OPEN_NEW | KAG_TRACE_OPEN_NONBLOCK |
			 KAG_TRACE_OPEN_CLOEXEC) || op.reserved)
		return kag_reject_flags(NULL, KAG_TRACE_S_MISC, "TRACE_OPEN",
					op.flags & ~(KAG_TRACE_OPEN_NEW |
						     KAG_TRACE_OPEN_NONBLOCK |
						     KAG_TRACE_OPEN_CLOEXEC),
					op.reserved);
	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return kag_reject(NULL, KAG_TRACE_S_MISC, "TRACE_OPEN",
				  -ENOMEM, "no memory for a reader");
	mutex_init(&r->mutex);
	fd = get_unused_fd_flags(op.flags & KAG_TRACE_OPEN_CLOEXEC ?
				 O_CLOEXEC : 0);
	if (fd < 0) {
		ret = kag_reject(NULL, KAG_TRACE_S_MISC, "TRACE_OPEN", fd,
				 "no file descriptor left");
		goto out_free;
	}
	file = anon_inode_getfile("[kagent_trace]", &kag_trace_fops, r,
				  O_RDONLY | (op.flags & KAG_TRACE_OPEN_NONBLOCK ?
					      O_NONBLOCK : 0));
	if (IS_ERR(file)) {
		ret = kag_reject(NULL, KAG_TRACE_S_MISC, "TRACE_OPEN",
				 PTR_ERR(file), "cannot create the reader file");
		goto out_put_fd;
	}
	/* From here on the file owns @r: its release unlinks and frees it. */
	raw_spin_lock_irqsave(&kag_ring.lock, flags);
	r->pos = op.flags & KAG_TRACE_OPEN_NEW ? kag_ring.head :
		 kag_ring.first;
	list_add_tail(&r->node, &kag_ring.readers);
	kag_ring.nreaders++;
	raw_spin_unlock_irqrestore(&kag_ring.lock, flags);

	op.fd = fd;
	if (copy_to_user(arg, &op, sizeof(op))) {
		fput(file);
		put_unused_fd(fd);
		return kag_reject(NULL, KAG_TRACE_S_MISC, "TRACE_OPEN",
				  -EFAULT, "cannot write the descriptor back");
	}
	fd_install(fd, file);
	return 0;

out_put_fd:
	put_unused_fd(fd);
out_free:
	mutex_destroy(&r->mutex);
	kfree(r);
	return ret;
}

/* ---- load and unload --------------------------------------------------- */

int kag_trace_init(void)
{
	struct kag_ring *ring = &kag_ring;
	u32 nrecs;

	if (trace_size < KAG_TRACE_MIN_RECORDS ||
	    trace_size > KAG_TRACE_MAX_RECORDS) {
		pr_err("trace_size=%u is not in %u..%u\n", trace_size,
		       KAG_TRACE_MIN_RECORDS, KAG_TRACE_MAX_RECORDS);
		return -EINVAL;
	}
	if (trace_level > KAG_TRACE_LEVEL_TRACE) {
		pr_err("trace_level=%u is not in 0..4\n", trace_level);
		return -EINVAL;
	}
	nrecs = roundup_pow_of_two(trace_size);
	raw_spin_lock_init(&ring->lock);
	INIT_LIST_HEAD(&ring->readers);
	init_waitqueue_head(&ring->wq);
	init_irq_work(&ring->wake_work, kag_trace_wake);
	ring->recs = vzalloc(array_size(nrecs, sizeof(*ring->recs)));
	if (!ring->recs)
		return -ENOMEM;
	ring->mask = nrecs - 1;
	ring->head = 1;
	ring->first = 1;
	kag_trace_clock_base = ktime_get_ns();

	mutex_lock(&kag_trace_mutex);
	__kag_trace_apply(trace_level ?: KAG_TRACE_LEVEL_TRACE, trace_sections,
			  (trace_level ? KAG_TRACE_ON : 0) |
			  (trace_dbg ? KAG_TRACE_DBG : 0) |
			  KAG_TRACE_CLOCK | KAG_TRACE_SECT_INFO);
	mutex_unlock(&kag_trace_mutex);
	return 0;
}

/* After the last trace point: the misc device and pci driver are gone. */
void kag_trace_exit(void)
{
	mutex_lock(&kag_trace_mutex);
	static_branch_disable(&kagent_trace_key);
	mutex_unlock(&kag_trace_mutex);
	irq_work_sync(&kag_ring.wake_work);
	vfree(kag_ring.recs);
	kag_ring.recs = NULL;
}

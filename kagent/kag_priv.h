/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kag_priv.h - private declarations shared by the files of kagent.ko only.
 *
 * Objects and their lifetimes:
 *  - struct kag_dev: one per PCI device bound to kagent (created in probe,
 *    pci drvdata).  Reference counted: probe holds one reference until
 *    remove, each open handle and each mmap of the device holds one.  After
 *    remove, ->removed is set and every access returns -ENODEV.
 *  - struct kag_file: one per open of /dev/kagent; owns its handles.
 *  - struct kag_handle: an open device in a file (the object behind the
 *    numeric handle of the uapi); owned by the file's xarray.
 */
#ifndef KAG_PRIV_H
#define KAG_PRIV_H

#include <linux/err.h>
#include <linux/jump_label.h>
#include <linux/kref.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/xarray.h>

#include <linux/version.h>

#include <wdc/kagent_uapi.h>
#include <wdc/kp.h>
#include <wdc/kagent_trace.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 3, 0)
static inline void vm_flags_set(struct vm_area_struct *vma, unsigned long f)
{
	vma->vm_flags |= f;
}
#endif

#define KAG_NAME "kagent"

/*
 * Handles are small integers so that handle and BAR fit the mmap offset of
 * a 32-bit caller (mmap2's 32-bit page offset): see kag_mmap.c.
 */
#define KAG_MAX_HANDLES 31

struct kag_file;
struct kag_dev;
struct kag_kp_handle;
struct eventfd_ctx;

/* One enabled interrupt vector (INTx is vector 0). */
struct kag_irq_vec {
	struct kag_dev *kdev;
	int irq;			/* Linux IRQ number */
	u32 index;
	/* optional; changed under intr.mutex after synchronize_irq() */
	struct eventfd_ctx *trigger;
	/* Kernel PlugIn: KP_IntAtIrql TRUE returns the DPC has not seen yet,
	 * and the time of the last one (written in hard IRQ context). */
	atomic_t kp_pending;
	u64 kp_t_irq;
	char name[32];
};

/*
 * Interrupt state of a device, embedded in struct kag_dev so that waiters
 * (who hold a device reference) can always reach the wait queue.
 */
struct kag_intr {
	/* mutex serialises enable, disable and eventfd changes */
	struct mutex mutex;
	u32 type;			/* KAG_INT_*, 0 when disabled */
	u32 nvec;
	struct kag_irq_vec *vec;
	struct kag_transfer *cmds;	/* run in the hard IRQ handler */
	u32 ncmds;
	bool copy;
	/*
	 * lock protects everything below; taken in hard IRQ context.  The
	 * INTx mask state changes only under it, together with the command
	 * register (pci_lock nests inside it).
	 */
	spinlock_t lock;
	u64 gen;			/* bumped at enable and disable */
	u64 count;
	u64 reported;			/* count at the previous wait */
	u64 t_irq_ns;
	u32 last_vector;
	bool intx_masked;		/* masked by the handler, not yet unmasked */
	struct kag_kp_handle *kp;	/* plugin handling them (a reference) */
	void *kp_ctx;			/* its KP_IntEnable's interrupt context */
	u64 mask_count;			/* count of the interrupt that masked it */
	u32 intx_unacked;		/* in a row still asserted after the cmds */
	bool intx_maskable;		/* INTx and the Interrupt Disable bit works */
	u32 ncopied;
	u64 copied[KAG_INT_MAX_COPY];
	wait_queue_head_t wq;
};

struct kag_bar {
	void __iomem *virt;	/* kernel mapping of a memory BAR */
	unsigned long port;	/* first port of an I/O BAR */
	resource_size_t start;
	resource_size_t len;
	unsigned long flags;	/* IORESOURCE_* of the resource */
};

struct kag_dev {
	struct kref ref;
	struct pci_dev *pdev;	/* holds a pci_dev reference */
	/*
	 * io_lock protects ->removed and the bar mappings: every access takes
	 * it for reading; remove takes it for writing before unmapping, so
	 * no access can be in flight when the BARs go away.
	 */
	struct rw_semaphore io_lock;
	bool removed;
	struct kag_bar bar[KAG_NUM_BARS];
	/*
	 * The current open: owner is the file that has the device open, or
	 * NULL; open_gen counts opens so that mappings of an earlier open
	 * fault with SIGBUS; mapping and handle locate that open's user
	 * mappings for revocation.  Written under kag_owner_lock and io_lock
	 * (for writing); read under either.
	 */
	struct kag_file *owner;
	u64 open_gen;
	struct address_space *mapping;
	u32 handle;
	struct kag_intr intr;
};

struct kag_handle {
	struct kag_dev *dev;	/* holds a reference */
	bool bound_by_us;	/* we bound it at open: unbind at close */
	char *saved_override;	/* driver_override before our open */
};

/*
 * What a Kernel PlugIn gets as its WDC_DEVICE_HANDLE.  Opaque to plugins;
 * hidden from genksyms too, so the symbol versions (CRCs) of the exported
 * API depend on the plugin-facing types only, not on kagent's internals.
 */
#ifndef __GENKSYMS__
struct wdc_device {
	struct kag_dev *kdev;	/* holds a reference (the plugin handle's) */
};
#endif

/* An open handle to a Kernel PlugIn, for one open device of one file. */
struct kag_kp_handle {
	struct kref ref;		/* the file's, calls in flight, IRQs */
	struct kag_kp_driver *drv;	/* holds a reference on its module */
	struct wdc_device wdev;
	KP_OPEN_CALL calls;		/* set by KP_Open */
	void *drv_context;		/* set by KP_Open */
	u32 id;
	u32 dev_handle;
};

struct kag_file {
	struct xarray handles;	/* u32 handle -> struct kag_handle */
	struct xarray kps;	/* u32 plugin handle -> struct kag_kp_handle */
	struct address_space *mapping;	/* of the file, for revocation */
};

/* kag_main.c */
bool kag_locked_down(struct kag_dev *kdev, const char *what);

/* kag_device.c */
extern struct pci_driver kag_pci_driver;
struct kag_dev *kag_dev_get(struct kag_file *kf, u32 handle);
void kag_dev_put(struct kag_dev *kdev);
int kag_ioctl_dev_open(struct kag_file *kf, void __user *arg);
int kag_ioctl_dev_close(struct kag_file *kf, void __user *arg);
int kag_ioctl_dev_info(struct kag_file *kf, void __user *arg);
void kag_close_all(struct kag_file *kf);

/* kag_rw.c */
int kag_ioctl_rw(struct kag_file *kf, void __user *arg);
int kag_ioctl_block(struct kag_file *kf, void __user *arg);
int kag_ioctl_multi(struct kag_file *kf, void __user *arg);

/* kag_cfg.c */
int kag_ioctl_cfg(struct kag_file *kf, void __user *arg);

/* kag_kp.c */
int kag_ioctl_kp_open(struct kag_file *kf, void __user *arg);
int kag_ioctl_kp_close(struct kag_file *kf, void __user *arg);
int kag_ioctl_kp_call(struct kag_file *kf, void __user *arg);
int kag_ioctl_kp_list(void __user *arg);
struct kag_kp_handle *kag_kp_get(struct kag_file *kf, u32 kp_handle);
void kag_kp_put(struct kag_kp_handle *h);
const char *kag_kp_name(const struct kag_kp_handle *h);
void kag_kp_close_for(struct kag_file *kf, struct kag_dev *kdev);

/* kag_intr.c */
void kag_intr_disable_kp(struct kag_kp_handle *h);
void kag_intr_init(struct kag_dev *kdev);
void kag_intr_disable(struct kag_dev *kdev);
void kag_intr_quiesce(struct kag_dev *kdev);
int kag_ioctl_int_enable(struct kag_file *kf, void __user *arg);
int kag_ioctl_int_disable(struct kag_file *kf, void __user *arg);
int kag_ioctl_int_wait(struct kag_file *kf, void __user *arg);
int kag_ioctl_int_set_eventfd(struct kag_file *kf, void __user *arg);
int kag_ioctl_int_trigger(struct kag_file *kf, void __user *arg);

/* kag_rw.c, for the interrupt handler (no locks: see kag_intr.c) */
int kag_check_access(struct kag_dev *kdev, u32 bar, u32 width, u64 offset,
		     u64 span);
u64 kag_read(const struct kag_bar *b, u32 width, u64 off);
void kag_write(const struct kag_bar *b, u32 width, u64 off, u64 val);

/* kag_mmap.c */
int kag_mmap(struct file *file, struct vm_area_struct *vma);
u64 kag_mmap_offset(u32 handle, unsigned int bar);
void kag_mmap_revoke(struct kag_dev *kdev);

/* kag_trace.c: the Debug Monitor's trace ring buffer */
int kag_trace_init(void);
void kag_trace_exit(void);
int kag_ioctl_trace_status(void __user *arg);
int kag_ioctl_trace_config(void __user *arg);
int kag_ioctl_trace_add(struct kag_file *kf, void __user *arg);
int kag_ioctl_trace_open(void __user *arg);

extern u64 kag_trace_filter;	/* level << 32 | sections */

/* Would a record of @level and @section be kept?  Off: one patched jump. */
static __always_inline bool kag_trace_wanted(u32 level, u32 section)
{
	u64 f;

	if (!static_branch_unlikely(&kagent_trace_key))
		return false;
	f = READ_ONCE(kag_trace_filter);
	return level <= (u32)(f >> 32) && (section & (u32)f);
}

__printf(4, 5)
void __kag_trace(u32 level, u32 section, const struct pci_dev *pdev,
		 const char *fmt, ...);

/*
 * kag_trace() - a trace record from the agent about @pdev (or NULL).  The
 * arguments are evaluated only when the record is wanted.  Any context.
 */
#define kag_trace(level, section, pdev, fmt, ...)			\
	do {								\
		if (kag_trace_wanted(level, section))			\
			__kag_trace(level, section, pdev, fmt,		\
				    ##__VA_ARGS__);			\
	} while (0)

/*
 * kag_reject() - a refused request: one ERROR record "OP refused (-EXXX):
 * why", and the value @err, so that handlers can `return kag_reject(...)`.
 * The helpers below are the common kinds of refusal.
 */
#define kag_reject(pdev, section, op, err, fmt, ...)			\
	({								\
		int __kag_err = (err);					\
									\
		kag_trace(KAG_TRACE_LEVEL_ERROR, section, pdev,		\
			  "%s refused (%pe): " fmt, op,			\
			  ERR_PTR(__kag_err), ##__VA_ARGS__);		\
		__kag_err;						\
	})

#define kag_reject_handle(section, op, handle)				\
	kag_reject(NULL, section, op, -EBADF,				\
		   "no open device with handle %u in this file", handle)

#define kag_reject_flags(pdev, section, op, bad_flags, reserved)	\
	kag_reject(pdev, section, op, -EINVAL,				\
		   "unknown flags %#x, reserved field %#x: both must be 0", \
		   bad_flags, reserved)

#define kag_reject_gone(kdev, section, op)				\
	kag_reject((kdev)->pdev, section, op, -ENODEV,			\
		   "the device was removed")

/* kag_rw.c: kag_check_access() with the reason of a refusal recorded. */
int kag_check_access_op(struct kag_dev *kdev, const char *op, u32 bar,
			u32 width, u64 offset, u64 span);
/* KAG_TRACE_S_IO for an I/O-port BAR, else KAG_TRACE_S_MEM. */
u32 kag_bar_section(const struct kag_dev *kdev, u32 bar);

/*
 * Copy the caller's struct of at least @minsz bytes; argsz must cover it.
 * Larger argsz (a newer caller) is accepted only if the tail we do not know
 * is zero, so a new field set by a newer library is never silently ignored.
 */
int kag_copy_args(void *dst, size_t minsz, void __user *arg);

#endif /* KAG_PRIV_H */

/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR LGPL-2.1-or-later */
/*
 * kagent_uapi.h - the user/kernel ABI of /dev/kagent, shared by kagent.ko and libwdc.
 *
 * Rules (see DESIGN.md): fixed-width types only, user pointers as __u64,
 * explicit padding, every struct a multiple of 8 bytes and starting with
 * argsz (the size the caller filled in).  The kernel copies the part it
 * knows, rejects unknown flags and non-zero reserved fields with -EINVAL,
 * and structs only ever grow at the end.  The ioctl numbers do not encode
 * the struct size (_IO, as VFIO does) so that growing a struct keeps the
 * command number.  The same layout serves 32-bit and 64-bit callers.
 */
#ifndef WDC_KAGENT_UAPI_H
#define WDC_KAGENT_UAPI_H

#include <linux/types.h>
#include <linux/ioctl.h>

/*
 * ABI version: major << 16 | minor.  A different major is incompatible;
 * a newer minor only adds ioctls or struct tails.  Bump the minor when
 * adding, the major when changing anything that exists.
 */
#define KAG_ABI_MAJOR 1
#define KAG_ABI_MINOR 1
#define KAG_ABI_VERSION ((KAG_ABI_MAJOR << 16) | KAG_ABI_MINOR)
#define KAG_ABI_VERSION_MAJOR(v) ((v) >> 16)
#define KAG_ABI_VERSION_MINOR(v) ((v) & 0xffff)

#define KAG_DEVICE_NAME "kagent"
#define KAG_DEVICE_PATH "/dev/kagent"

#define KAG_IOC_TYPE 0xD7
#define KAG_IOC_BASE 0x40

#define KAG_NUM_BARS 6
#define KAG_VERSION_STR_LEN 32
#define KAG_DRIVER_NAME_LEN 32

/* Largest transfer one KAG_IOC_BLOCK or KAG_IOC_MULTI call accepts. */
#define KAG_BLOCK_MAX_BYTES (16u << 20)
#define KAG_MULTI_MAX_CMDS 4096u

/**
 * KAG_IOC_GET_VERSION - report the agent's ABI version.
 * Payload: struct kag_version (out, argsz in).
 * Return: 0.
 */
struct kag_version {
	__u32 argsz;
	__u32 abi_version;	/* out: KAG_ABI_VERSION of the agent */
	char agent_version[KAG_VERSION_STR_LEN];	/* out: release string */
};
#define KAG_IOC_GET_VERSION _IO(KAG_IOC_TYPE, KAG_IOC_BASE + 0)

/**
 * KAG_IOC_DEV_OPEN - bind a PCI device to kagent and open it in this file.
 * Payload: struct kag_dev_open.  The device is bound through
 * driver_override + probe, enabled, and its regions are claimed.
 * Return: 0 and @handle; -ENODEV no such device; -EBUSY the device is bound
 * to another driver (its name is copied to @bound_driver) or already open;
 * -EMFILE too many devices open in this file.
 */
struct kag_dev_open {
	__u32 argsz;
	__u32 flags;		/* in: none defined, must be 0 */
	__u32 domain;		/* in */
	__u8 bus;		/* in */
	__u8 dev;		/* in: slot 0..31 */
	__u8 fn;		/* in: function 0..7 */
	__u8 reserved0;
	__u32 handle;		/* out: non-zero */
	__u32 reserved1;
	char bound_driver[KAG_DRIVER_NAME_LEN];	/* out on -EBUSY */
};
#define KAG_IOC_DEV_OPEN _IO(KAG_IOC_TYPE, KAG_IOC_BASE + 1)

/**
 * KAG_IOC_DEV_CLOSE - close a device opened in this file; it is unbound
 * from kagent and its previous driver_override is restored.
 * Payload: struct kag_dev_close.  Return: 0 or -EBADF for a bad handle.
 */
struct kag_dev_close {
	__u32 argsz;
	__u32 handle;
};
#define KAG_IOC_DEV_CLOSE _IO(KAG_IOC_TYPE, KAG_IOC_BASE + 2)

/* struct kag_bar_info.flags */
#define KAG_BAR_MEM (1u << 0)		/* memory BAR (else I/O ports) */
#define KAG_BAR_IO (1u << 1)
#define KAG_BAR_64BIT (1u << 2)
#define KAG_BAR_PREFETCH (1u << 3)
#define KAG_BAR_MMAP (1u << 4)		/* can be mmap()ed at mmap_offset */

struct kag_bar_info {
	__u64 start;		/* bus/physical start (0 when unused) */
	__u64 length;		/* bytes (0 when unused) */
	__u64 mmap_offset;	/* offset to pass to mmap() on /dev/kagent */
	__u32 flags;
	__u32 reserved;
};

/* struct kag_dev_info.flags */
#define KAG_DEV_MSI (1u << 0)		/* MSI capability present */
#define KAG_DEV_MSIX (1u << 1)		/* MSI-X capability present */
#define KAG_DEV_PCIE (1u << 2)		/* PCI Express capability present */

/**
 * KAG_IOC_DEV_INFO - describe an open device.
 * Payload: struct kag_dev_info (argsz and handle in, the rest out).
 * Return: 0 or -EBADF.
 */
struct kag_dev_info {
	__u32 argsz;
	__u32 handle;
	__u32 domain;
	__u8 bus;
	__u8 dev;
	__u8 fn;
	__u8 revision;
	__u16 vendor_id;
	__u16 device_id;
	__u16 subsys_vendor_id;
	__u16 subsys_device_id;
	__u32 class_code;	/* 24 bits: base, sub, prog-if */
	__u8 irq_pin;		/* 0 none, 1..4 = INTA..INTD */
	__u8 header_type;
	__u16 msi_vectors;	/* 0 when no MSI capability */
	__u32 irq_line;		/* Linux IRQ number of INTx, 0 if none */
	__u16 msix_vectors;	/* 0 when no MSI-X capability */
	__u16 reserved0;
	__u32 cfg_size;		/* 256 or 4096 */
	__u32 flags;		/* KAG_DEV_* */
	__u32 reserved1;
	__u32 reserved2;
	struct kag_bar_info bar[KAG_NUM_BARS];
};
#define KAG_IOC_DEV_INFO _IO(KAG_IOC_TYPE, KAG_IOC_BASE + 3)

/* Access widths in bytes. */
#define KAG_WIDTH_8 1
#define KAG_WIDTH_16 2
#define KAG_WIDTH_32 4
#define KAG_WIDTH_64 8

/* Direction flag shared by kag_rw, kag_block and kag_cfg. */
#define KAG_RW_WRITE (1u << 0)

/**
 * KAG_IOC_RW - one read or write of @width bytes at @offset of BAR @bar.
 * Payload: struct kag_rw.  The offset must be aligned to the width and the
 * access must lie inside the BAR.
 * Return: 0 (@value holds what was read); -EBADF bad handle; -EINVAL bad
 * BAR, width, alignment or range; -EPERM kernel lockdown forbids it.
 */
struct kag_rw {
	__u32 argsz;
	__u32 handle;
	__u32 bar;
	__u32 width;
	__u64 offset;
	__u64 value;		/* in for a write, out for a read */
	__u32 flags;		/* KAG_RW_WRITE */
	__u32 reserved;
};
#define KAG_IOC_RW _IO(KAG_IOC_TYPE, KAG_IOC_BASE + 4)

/* struct kag_block.flags (besides KAG_RW_WRITE) */
#define KAG_BLOCK_NO_AUTOINC (1u << 1)	/* every access at @offset (FIFO) */

/**
 * KAG_IOC_BLOCK - transfer @length bytes between a user buffer and a BAR
 * in accesses of @width bytes.  Auto-increment walks the BAR from @offset;
 * KAG_BLOCK_NO_AUTOINC repeats the access at @offset (a FIFO register).
 * @length must be a non-zero multiple of @width, at most KAG_BLOCK_MAX_BYTES.
 * Return: 0; -EFAULT bad @buf; others as KAG_IOC_RW.
 */
struct kag_block {
	__u32 argsz;
	__u32 handle;
	__u32 bar;
	__u32 width;
	__u64 offset;
	__u64 length;
	__u64 buf;		/* user pointer */
	__u32 flags;		/* KAG_RW_WRITE | KAG_BLOCK_NO_AUTOINC */
	__u32 reserved;
};
#define KAG_IOC_BLOCK _IO(KAG_IOC_TYPE, KAG_IOC_BASE + 5)

/* struct kag_transfer.cmd */
#define KAG_TRANS_READ 1
#define KAG_TRANS_WRITE 2

/* One command of a multi-transfer (and, later, of an interrupt ack list). */
struct kag_transfer {
	__u32 cmd;		/* KAG_TRANS_* */
	__u32 bar;
	__u32 width;
	__u32 flags;		/* 0, or KAG_TRANS_LAST_VALUE (interrupts) */
	__u64 offset;
	__u64 value;		/* in for writes, out for reads */
};

/**
 * KAG_IOC_MULTI - run @count transfer commands in order in one call.
 * Every command is validated before the first access; values read are
 * written back into the array.  @count is 1..KAG_MULTI_MAX_CMDS.
 * Return: 0; -EINVAL with @failed_index set to the first bad command.
 */
struct kag_multi {
	__u32 argsz;
	__u32 handle;
	__u32 count;
	__u32 failed_index;	/* out on -EINVAL */
	__u64 cmds;		/* user pointer to struct kag_transfer[count] */
};
#define KAG_IOC_MULTI _IO(KAG_IOC_TYPE, KAG_IOC_BASE + 6)

/**
 * KAG_IOC_CFG - read or write 1, 2 or 4 bytes of configuration space.
 * The offset must be aligned and below the device's config size.
 * Return: 0; -EBADF; -EINVAL; -EPERM a write under kernel lockdown.
 */
struct kag_cfg {
	__u32 argsz;
	__u32 handle;
	__u32 offset;
	__u32 width;
	__u32 value;		/* in for a write, out for a read */
	__u32 flags;		/* KAG_RW_WRITE */
};
#define KAG_IOC_CFG _IO(KAG_IOC_TYPE, KAG_IOC_BASE + 7)

/* ---- Interrupts --------------------------------------------------------- */

/* Interrupt types (struct kag_int_enable.types and .type) */
#define KAG_INT_INTX (1u << 0)		/* legacy level-triggered INTx */
#define KAG_INT_MSI (1u << 1)
#define KAG_INT_MSIX (1u << 2)
#define KAG_INT_ALL (KAG_INT_INTX | KAG_INT_MSI | KAG_INT_MSIX)

/* Extra transfer command for interrupt acknowledge lists: the interrupt is
 * ours only if (value read by the previous read command & value) != 0;
 * otherwise the handler stops and passes a shared INTx on (IRQ_NONE). */
#define KAG_TRANS_MASK 3

/* struct kag_transfer.flags, in interrupt acknowledge lists only (KAG_IOC_MULTI
 * refuses every flag): a KAG_TRANS_WRITE that writes the value the previous
 * KAG_TRANS_READ returned instead of @value, e.g. to clear exactly the bits
 * read from a write-1-to-clear status register. */
#define KAG_TRANS_LAST_VALUE (1u << 0)

#define KAG_INT_MAX_CMDS 64u
#define KAG_INT_MAX_COPY 8u		/* values copied back per interrupt */
#define KAG_INT_MAX_VECTORS 32u

/* struct kag_int_enable.flags */
#define KAG_INT_COPY (1u << 0)		/* copy values read by the commands */

/**
 * KAG_IOC_INT_ENABLE - enable the device's interrupts.
 * @types: allowed types (0 = all), tried in the order MSI-X, MSI, INTx;
 * @num_vectors: MSI/MSI-X vectors wanted (0 = as many as the device has,
 * up to KAG_INT_MAX_VECTORS); @cmds/@num_cmds: transfer commands run in
 * the hard IRQ handler (KAG_TRANS_READ/WRITE/MASK) to acknowledge the
 * device.  Without commands an INTx is masked with the command register's
 * Interrupt Disable bit and unmasked by the next KAG_IOC_INT_WAIT; with
 * commands it is masked the same way only when the device keeps asserting
 * it after them, or a MASK misses what it asserts (a level interrupt left
 * unacknowledged never storms).
 * Choosing MSI or MSI-X enables bus mastering.  With @kp_handle the
 * interrupt is handled by that Kernel PlugIn (KP_IntEnable is called with
 * @kp_message/@kp_data; KP_IntAtIrql/Dpc run in the kernel, and the
 * waiter wakes as many times as KP_IntAtDpc returns); transfer commands
 * given together with a plugin run after KP_IntAtDpc.
 * Return: 0 with @type and @vectors set; -EBUSY already enabled; -ENODEV
 * no interrupt of an allowed type; -EINVAL bad commands; -EOPNOTSUPP INTx
 * without commands on a device whose INTx cannot be masked; -EPERM
 * commands under kernel lockdown.
 */
struct kag_int_enable {
	__u32 argsz;
	__u32 handle;
	__u32 types;		/* in: KAG_INT_* allowed, 0 = all */
	__u32 flags;		/* in: KAG_INT_COPY */
	__u32 num_cmds;		/* in: 0..KAG_INT_MAX_CMDS */
	__u32 num_vectors;	/* in: wanted; 0 = all */
	__u64 cmds;		/* in: user pointer to struct kag_transfer[] */
	__u32 type;		/* out: the enabled KAG_INT_* type */
	__u32 vectors;		/* out: vectors enabled (1 for INTx) */
	__u32 irq;		/* out: Linux IRQ number of vector 0 */
	__u32 kp_handle;	/* in: Kernel PlugIn handle, 0 = none */
	__u32 kp_message;	/* in: passed to KP_IntEnable in kpCall */
	__u32 reserved;
	__u64 kp_data;		/* in: user pointer passed to KP_IntEnable */
};
#define KAG_IOC_INT_ENABLE _IO(KAG_IOC_TYPE, KAG_IOC_BASE + 8)

/**
 * KAG_IOC_INT_DISABLE - free the device's interrupts; waiters wake with
 * @stopped set.  Payload: struct kag_dev_close (argsz, handle).
 * Return: 0; -EINVAL interrupts not enabled.
 */
#define KAG_IOC_INT_DISABLE _IO(KAG_IOC_TYPE, KAG_IOC_BASE + 9)

/* struct kag_int_wait.flags */
#define KAG_INT_WAIT_NONBLOCK (1u << 0)	/* report counters, don't sleep */

/**
 * KAG_IOC_INT_WAIT - wait for an interrupt (interruptible by signals:
 * -EINTR), or with KAG_INT_WAIT_NONBLOCK just read the counters.  Also
 * unmasks an INTx masked by the handler once the interrupt that masked it
 * has been reported (this call means "handled"); if the device still
 * asserts it then, it is counted again without commands, and handed to the
 * commands again with them.
 * @timeout_ms: 0 waits for ever; on expiry -ETIMEDOUT.
 * Return: 0 with the counters; -EINVAL interrupts not enabled.
 */
struct kag_int_wait {
	__u32 argsz;
	__u32 handle;
	__u32 flags;		/* in */
	__u32 timeout_ms;	/* in */
	__u64 count;		/* out: interrupts since enable */
	__u64 t_irq_ns;		/* out: CLOCK_MONOTONIC of the last hard IRQ */
	__u64 t_wake_ns;	/* out: when this waiter woke */
	__u32 new_count;	/* out: since the previous wait (>1: coalesced) */
	__u32 vector;		/* out: vector (MSI/MSI-X message) that fired last */
	__u32 type;		/* out: enabled KAG_INT_* type */
	__u32 stopped;		/* out: disabled, closed or device gone */
	__u32 num_copied;	/* out: valid entries of @copied */
	__u32 reserved;
	__u64 copied[KAG_INT_MAX_COPY];	/* out: values read by the commands */
};
#define KAG_IOC_INT_WAIT _IO(KAG_IOC_TYPE, KAG_IOC_BASE + 10)

/**
 * KAG_IOC_INT_SET_EVENTFD - signal an eventfd on each interrupt of
 * @vector (VFIO's model: poll/epoll instead of a thread).  @fd = -1
 * removes it.  Return: 0; -EINVAL bad vector or not enabled; -EBADF.
 */
struct kag_int_eventfd {
	__u32 argsz;
	__u32 handle;
	__u32 vector;
	__s32 fd;
};
#define KAG_IOC_INT_SET_EVENTFD _IO(KAG_IOC_TYPE, KAG_IOC_BASE + 11)

/**
 * KAG_IOC_INT_TRIGGER - software loopback: deliver an interrupt on
 * @vector through the same path as a real one (counters, waiters,
 * eventfd), without touching the device.  Return: 0; -EINVAL.
 */
struct kag_int_trigger {
	__u32 argsz;
	__u32 handle;
	__u32 vector;
	__u32 reserved;
};
#define KAG_IOC_INT_TRIGGER _IO(KAG_IOC_TYPE, KAG_IOC_BASE + 12)

/* ---- Kernel PlugIns ----------------------------------------------------- */

#define KAG_KP_NAME_LEN 16	/* names are at most 12 characters + NUL */

/**
 * KAG_IOC_KP_OPEN - open a handle to the Kernel PlugIn @name for the open
 * device @handle; KP_Open (or KP_Open_32_64 for a 32-bit caller) runs with
 * @open_data.  Return: 0 and @kp_handle; -ENOENT no plugin of that name
 * (the names of the loaded plugins are copied to @loaded, comma-separated,
 * with the modules refused for an ABI mismatch); -EPROTO a plugin module of
 * that name was refused: it was built for another Kernel PlugIn ABI;
 * -ENOEXEC a 32-bit caller and the plugin has no KP_Open_32_64; other
 * errors from KP_Open.
 */
struct kag_kp_open {
	__u32 argsz;
	__u32 handle;		/* in: open device */
	char name[KAG_KP_NAME_LEN];	/* in */
	__u64 open_data;	/* in: user pointer for KP_Open */
	__u32 kp_handle;	/* out */
	__u32 reserved;
	char loaded[128];	/* out on -ENOENT */
};
#define KAG_IOC_KP_OPEN _IO(KAG_IOC_TYPE, KAG_IOC_BASE + 16)

/**
 * KAG_IOC_KP_CLOSE - close a plugin handle (KP_Close runs; interrupts
 * enabled through it are disabled first).  Payload: struct kag_dev_close
 * with the plugin handle in @handle.  Return: 0; -EBADF.
 */
#define KAG_IOC_KP_CLOSE _IO(KAG_IOC_TYPE, KAG_IOC_BASE + 17)

/**
 * KAG_IOC_KP_CALL - send message @message with user pointer @data to the
 * plugin's KP_Call; @result is what the plugin set.
 * Return: 0 (the call ran; see @result); -EBADF; -ENOSYS no KP_Call.
 */
struct kag_kp_call {
	__u32 argsz;
	__u32 kp_handle;
	__u32 message;
	__u32 result;		/* out */
	__u64 data;		/* user pointer, passed through */
};
#define KAG_IOC_KP_CALL _IO(KAG_IOC_TYPE, KAG_IOC_BASE + 18)

/**
 * KAG_IOC_KP_LIST - names of the loaded plugins, comma-separated in @names.
 * Return: 0.
 */
struct kag_kp_list {
	__u32 argsz;
	__u32 count;		/* out */
	char names[256];	/* out */
};
#define KAG_IOC_KP_LIST _IO(KAG_IOC_TYPE, KAG_IOC_BASE + 19)

/* ---- Debug Monitor: the trace ring buffer ------------------------------- */

/*
 * The agent keeps a ring buffer of trace records written by the agent
 * itself, by Kernel PlugIns (include/wdc/kagent_trace.h, callable from hard
 * IRQ context) and by user mode (KAG_IOC_TRACE_ADD).  A record is kept
 * when the trace is on, its level is at most the filter's level and its
 * section shares a bit with the filter's sections.  Readers get a file of
 * their own (KAG_IOC_TRACE_OPEN) with blocking read() and poll().
 * Levels and sections have WinDriver's values (D_* and S_*).
 */
#define KAG_TRACE_LEVEL_OFF 0
#define KAG_TRACE_LEVEL_ERROR 1
#define KAG_TRACE_LEVEL_WARN 2
#define KAG_TRACE_LEVEL_INFO 3
#define KAG_TRACE_LEVEL_TRACE 4

#define KAG_TRACE_S_IO 0x00000008u		/* I/O-port BAR access */
#define KAG_TRACE_S_MEM 0x00000010u		/* memory BAR access, mmap */
#define KAG_TRACE_S_INT 0x00000020u		/* interrupts */
#define KAG_TRACE_S_PCI 0x00000040u		/* configuration space */
#define KAG_TRACE_S_DMA 0x00000080u
#define KAG_TRACE_S_MISC 0x00000100u		/* the agent, the trace itself */
#define KAG_TRACE_S_LICENSE 0x00000200u	/* (WinDriver's; unused) */
#define KAG_TRACE_S_PNP 0x00001000u		/* binding, plug and play */
#define KAG_TRACE_S_CARD_REG 0x00002000u	/* device open and close */
#define KAG_TRACE_S_KER_DRV 0x00004000u
#define KAG_TRACE_S_USB 0x00008000u		/* (WinDriver's; unused) */
#define KAG_TRACE_S_KER_PLUG 0x00010000u	/* Kernel PlugIns */
#define KAG_TRACE_S_EVENT 0x00020000u		/* device events (removal, ...) */
#define KAG_TRACE_S_IPC 0x00040000u
#define KAG_TRACE_S_KER_BUF 0x00080000u
#define KAG_TRACE_S_ALL 0xffffffffu

/* Trace flags (struct kag_trace_status.flags, kag_trace_config.flags_*) */
#define KAG_TRACE_ON (1u << 0)		/* records are kept */
#define KAG_TRACE_DBG (1u << 1)		/* each record also to the kernel log */
#define KAG_TRACE_CLOCK (1u << 2)	/* readers show timestamps (display hint) */
#define KAG_TRACE_SECT_INFO (1u << 3)	/* readers show sections (display hint) */
#define KAG_TRACE_FLAGS_ALL (KAG_TRACE_ON | KAG_TRACE_DBG | KAG_TRACE_CLOCK | \
			     KAG_TRACE_SECT_INFO)

/* Ring size in records: rounded up to a power of two in this range. */
#define KAG_TRACE_MIN_RECORDS 16u
#define KAG_TRACE_MAX_RECORDS 65536u

#define KAG_TRACE_MSG_LEN 256		/* message, NUL included */
#define KAG_TRACE_SOURCE_LEN 32		/* source name, NUL included */
#define KAG_TRACE_COMM_LEN 16		/* command name, NUL included */

/**
 * KAG_IOC_TRACE_STATUS - the state of the trace ring buffer.
 * Payload: struct kag_trace_status (argsz in, the rest out).
 * Return: 0.
 */
struct kag_trace_status {
	__u32 argsz;
	__u32 flags;		/* KAG_TRACE_ON, _DBG, _CLOCK, _SECT_INFO */
	__u32 level;		/* KAG_TRACE_LEVEL_ERROR..TRACE */
	__u32 sections;		/* KAG_TRACE_S_* mask */
	__u32 size;		/* capacity in records */
	__u32 used;		/* records in the buffer now */
	__u32 readers;		/* open reader files */
	__u32 rec_size;		/* bytes of one record from read() */
	__u64 next_seq;		/* sequence number the next record gets */
	__u64 written;		/* records written since load */
	__u64 overwritten;	/* records pushed out by newer ones since load */
	__u64 reader_lost;	/* records readers were told they lost */
	__u64 clock_base_ns;	/* CLOCK_MONOTONIC of load or the last reset */
	__u64 now_ns;		/* CLOCK_MONOTONIC when the status was taken */
};
#define KAG_IOC_TRACE_STATUS _IO(KAG_IOC_TYPE, KAG_IOC_BASE + 32)

/* struct kag_trace_config.set: what to change */
#define KAG_TRACE_SET_LEVEL (1u << 0)
#define KAG_TRACE_SET_SECTIONS (1u << 1)
#define KAG_TRACE_SET_SIZE (1u << 2)	/* resizing empties the buffer */
#define KAG_TRACE_SET_CLEAR (1u << 3)	/* empty the buffer */
#define KAG_TRACE_SET_CLOCK_RESET (1u << 4)	/* clock_base_ns = now */
#define KAG_TRACE_SET_ALL (KAG_TRACE_SET_LEVEL | KAG_TRACE_SET_SECTIONS | \
			   KAG_TRACE_SET_SIZE | KAG_TRACE_SET_CLEAR | \
			   KAG_TRACE_SET_CLOCK_RESET)

/**
 * KAG_IOC_TRACE_CONFIG - change the trace settings.
 * Payload: struct kag_trace_config.  The fields named by @set are
 * applied, then @flags_clear and @flags_set; everything is validated
 * first, so on error nothing changed.  Emptying the buffer (clear or a
 * new size) is not a loss: readers skip the discarded records without a
 * KAG_TRACE_REC_LOST for them.
 * Return: 0; -EINVAL unknown bits in @set or the flags, a flag both set
 * and cleared, @level not ERROR..TRACE, @size out of range, or non-zero
 * @reserved; -ENOMEM no memory for the new size (nothing changed).
 */
struct kag_trace_config {
	__u32 argsz;
	__u32 set;		/* KAG_TRACE_SET_* */
	__u32 level;		/* with KAG_TRACE_SET_LEVEL: 1..4 */
	__u32 sections;		/* with KAG_TRACE_SET_SECTIONS */
	__u32 size;		/* with KAG_TRACE_SET_SIZE: records */
	__u32 flags_set;	/* KAG_TRACE_ON, _DBG, _CLOCK, _SECT_INFO */
	__u32 flags_clear;
	__u32 reserved;
};
#define KAG_IOC_TRACE_CONFIG _IO(KAG_IOC_TYPE, KAG_IOC_BASE + 33)

/**
 * KAG_IOC_TRACE_ADD - add a user-mode record (WinDriver's WD_DebugAdd).
 * The record's source type is KAG_TRACE_SRC_USER, its source @source (or
 * "user" when empty), and with a non-zero @handle it names that open
 * device of this file.  Filtered like every record.
 * Return: 0 and @seq (0: the filter did not keep it); -EINVAL bad level,
 * zero section, unknown @flags, non-zero @reserved, or @msg or @source
 * without a NUL; -EBADF @handle is not an open device of this file.
 */
struct kag_trace_add {
	__u32 argsz;
	__u32 flags;		/* none defined, must be 0 */
	__u32 level;		/* KAG_TRACE_LEVEL_ERROR..TRACE */
	__u32 section;		/* KAG_TRACE_S_* bits, not 0 */
	__u32 handle;		/* 0, or an open device */
	__u32 reserved;
	__u64 seq;		/* out */
	char source[KAG_TRACE_SOURCE_LEN];
	char msg[KAG_TRACE_MSG_LEN];
};
#define KAG_IOC_TRACE_ADD _IO(KAG_IOC_TYPE, KAG_IOC_BASE + 34)

/* struct kag_trace_open.flags */
#define KAG_TRACE_OPEN_NEW (1u << 0)	/* skip the records already there */
#define KAG_TRACE_OPEN_NONBLOCK (1u << 1)	/* O_NONBLOCK */
#define KAG_TRACE_OPEN_CLOEXEC (1u << 2)	/* O_CLOEXEC */

/**
 * KAG_IOC_TRACE_OPEN - open a reader of the trace: a new file descriptor
 * with its own position, starting at the oldest record in the buffer (or,
 * with KAG_TRACE_OPEN_NEW, at the next one written).
 *
 * read() on it returns whole records (struct kag_trace_rec, each starting
 * with its size), as many as fit; it blocks while there are none (unless
 * O_NONBLOCK: -EAGAIN) and returns -EINVAL for a buffer smaller than one
 * record.  poll() reports EPOLLIN when a record is ready.  A reader that
 * falls behind by more than the buffer size first gets one record of type
 * KAG_TRACE_REC_LOST saying how many records it lost.  Any number of
 * readers may be open; none slows the writers.
 * Return: 0 and @fd; -EINVAL unknown flags; -EMFILE, -ENOMEM.
 */
struct kag_trace_open {
	__u32 argsz;
	__u32 flags;		/* KAG_TRACE_OPEN_* */
	__s32 fd;		/* out */
	__u32 reserved;
};
#define KAG_IOC_TRACE_OPEN _IO(KAG_IOC_TYPE, KAG_IOC_BASE + 35)

/* struct kag_trace_rec.type */
#define KAG_TRACE_REC_MSG 0	/* a record */
#define KAG_TRACE_REC_LOST 1	/* @lost records from @seq on were lost */

/* struct kag_trace_rec.source_type */
#define KAG_TRACE_SRC_AGENT 0
#define KAG_TRACE_SRC_PLUGIN 1	/* a kernel module through kagent_trace.h */
#define KAG_TRACE_SRC_USER 2	/* KAG_IOC_TRACE_ADD */

/* struct kag_trace_rec.flags */
#define KAG_TRACE_REC_DEV (1u << 0)	/* @domain..@fn name a device */
#define KAG_TRACE_REC_HARDIRQ (1u << 1)	/* written in hard IRQ context */
#define KAG_TRACE_REC_SOFTIRQ (1u << 2)	/* written in softirq context */

/*
 * One record as read() returns it.  In interrupt context @pid and @tid
 * are 0 and @comm says "[hardirq]" or "[softirq]".  Strings are
 * NUL-terminated and padded with NULs.
 */
struct kag_trace_rec {
	__u32 size;		/* bytes of this record: step by it */
	__u16 type;		/* KAG_TRACE_REC_* */
	__u8 level;		/* KAG_TRACE_LEVEL_* */
	__u8 source_type;	/* KAG_TRACE_SRC_* */
	__u64 seq;		/* sequence number (LOST: first one lost) */
	__u64 ts_ns;		/* CLOCK_MONOTONIC */
	__u64 lost;		/* LOST: how many records */
	__u32 section;		/* KAG_TRACE_S_* */
	__u32 flags;		/* KAG_TRACE_REC_* */
	__u32 cpu;
	__u32 pid;		/* process (thread group) ID */
	__u32 tid;		/* thread ID */
	__u32 domain;
	__u8 bus;
	__u8 dev;
	__u8 fn;
	__u8 reserved0;
	__u32 reserved1;
	char comm[KAG_TRACE_COMM_LEN];
	char source[KAG_TRACE_SOURCE_LEN];
	char msg[KAG_TRACE_MSG_LEN];
};

/*
 * mmap(): a memory BAR is mapped uncached by passing its
 * kag_bar_info.mmap_offset (plus a page-aligned offset inside the BAR) as
 * the mmap offset.  The window of each BAR is KAG_MMAP_BAR_WINDOW bytes;
 * mappings past the BAR's end are refused with -EINVAL, I/O BARs with
 * -ENODEV, and everything under kernel lockdown with -EPERM.
 */
#define KAG_MMAP_BAR_SHIFT 36
#define KAG_MMAP_BAR_WINDOW (1ull << KAG_MMAP_BAR_SHIFT)

#endif /* WDC_KAGENT_UAPI_H */

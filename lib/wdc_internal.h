/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * wdc_internal.h - private declarations shared by the files of libwdc (and
 * its host unit tests); include it before any system header.
 *
 * Objects: a struct wdc_driver per WDC_DriverOpen() (one open file of the
 * agent) owns a list of struct wdc_device, one per open device.  Nothing
 * is global: every function works on the objects it is given.  Internal
 * symbols use the wdc_ prefix; the library exports only WDC_* and WD_*.
 */
#ifndef WDC_INTERNAL_H
#define WDC_INTERNAL_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
/* mmap offsets of the agent exceed 32 bits: 32-bit builds need a 64-bit off_t. */
#ifndef _FILE_OFFSET_BITS
#define _FILE_OFFSET_BITS 64
#endif

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <wdc/kagent_uapi.h>
#include <wdc/wdc_lib.h>

_Static_assert(WDC_PCI_NUM_BARS == KAG_NUM_BARS, "BAR count differs from the uapi");
_Static_assert(WDC_MULTI_TRANSFER_MAX == KAG_MULTI_MAX_CMDS,
	       "multi-transfer limit differs from the uapi");

#define WDC_DRIVER_MAGIC 0x57444344u	/* "WDCD" */
#define WDC_DEVICE_MAGIC 0x57444356u	/* "WDCV" */
#define WDC_READER_MAGIC 0x57444352u	/* "WDCR" */

#if defined(__GNUC__)
#define WDC_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define WDC_PRINTF(f, a)
#endif

struct wdc_device;
struct wdc_int_thread;

/*
 * Interrupt state of a device (wdc_intr.c).  lock protects every field; it
 * is held across the short enable and disable requests to the agent, never
 * across a wait, the user's handler or a thread join, so a handler may call
 * any function of the library.
 */
struct wdc_intr {
	pthread_mutex_t lock;
	pthread_cond_t joined;		/* a disable has joined its thread */
	bool enabled;
	uint32_t type;			/* INTERRUPT_* enabled */
	uint32_t vectors;
	uint32_t irq;
	struct wdc_int_thread *thread;	/* handler thread of this enable */
	struct wdc_int_thread *joining;	/* being joined by a disable */
	int efd[KAG_INT_MAX_VECTORS];	/* eventfds handed out, -1: none */
};

struct wdc_driver {
	uint32_t magic;			/* WDC_DRIVER_MAGIC while open */
	int fd;				/* the open agent device; -1 in tests */
	uint32_t agent_abi;		/* KAG_ABI_VERSION of the agent */
	char agent_version[KAG_VERSION_STR_LEN + 1];
	/*
	 * lock protects err and the devices list.  It is never held across
	 * a system call that may block for long (ioctls run unlocked).
	 */
	pthread_mutex_t lock;
	char err[WDC_ERR_STR_LEN];	/* text of the last failure */
	struct wdc_device *devices;	/* open devices, newest first */
};

struct wdc_device {
	uint32_t magic;			/* WDC_DEVICE_MAGIC while open */
	struct wdc_driver *drv;
	struct wdc_device *next;	/* in drv->devices, under drv->lock */
	uint32_t handle;		/* the agent's handle of the open */
	void *ctx;			/* pDevCtx of WDC_PciDeviceOpen() */
	atomic_bool direct;		/* use the mappings (WDC_SetDirectAccess) */
	atomic_uint kp_handle;		/* the open Kernel PlugIn handle, 0: none */
	char name[WDC_PCI_SLOT_STR_LEN];	/* "0000:00:03.0", for texts */
	/*
	 * Written at open and read-only afterwards, so it needs no lock;
	 * addrDesc[i].pUserDirectMemAddr maps map_len[i] bytes (0: none).
	 */
	WDC_PCI_DEVICE_INFO info;
	size_t map_len[WDC_PCI_NUM_BARS];
	struct wdc_intr intr;
};

/*
 * A reader of the trace buffer: the agent's reader file, opened
 * non-blocking, and a buffer for one read().  Independent of the driver
 * handle it was opened through.
 */
struct wdc_trace_reader {
	uint32_t magic;			/* WDC_READER_MAGIC while open */
	int fd;
	unsigned char *buf;
	size_t buf_len;
};

/* wdc_status.c */
WDC_STATUS wdc_errno_to_status(int err);
const char *wdc_strerror(int err, char *buf, size_t len);

/* wdc_driver.c */
bool wdc_drv_valid(const struct wdc_driver *drv);
struct wdc_driver *wdc_driver_new(int fd);
WDC_STATUS wdc_abi_check(uint32_t agent_abi, uint32_t lib_abi, char *msg,
			 size_t len);
WDC_STATUS wdc_set_err(struct wdc_driver *drv, WDC_STATUS status,
		       const char *fmt, ...) WDC_PRINTF(3, 4);
void wdc_drv_link(struct wdc_driver *drv, struct wdc_device *dev);
void wdc_drv_unlink(struct wdc_driver *drv, struct wdc_device *dev);
bool wdc_drv_has_slot(struct wdc_driver *drv, const WD_PCI_SLOT *slot);

/* wdc_scan.c */
bool wdc_slot_valid(const WD_PCI_SLOT *slot);

/* wdc_device.c */
bool wdc_dev_valid(const struct wdc_device *dev);
WDC_STATUS wdc_dev_err(struct wdc_device *dev, const char *fn,
		       WDC_STATUS status, const char *fmt, ...) WDC_PRINTF(4, 5);
WDC_STATUS wdc_dev_ioctl_err(struct wdc_device *dev, const char *fn,
			     const char *what, int err);
void wdc_info_from_kag(const struct kag_dev_info *ki,
		       WDC_PCI_DEVICE_INFO *info);
struct wdc_device *wdc_device_new(struct wdc_driver *drv,
				  const struct kag_dev_info *ki, void *ctx);
int wdc_device_release(struct wdc_device *dev);

/* wdc_addr.c */
const char *wdc_access_problem(const WDC_ADDR_DESC *bar_desc, uint32_t bar,
			       uint32_t width, uint64_t offset, uint64_t span);
const char *wdc_trans_cmd_name(uint32_t cmd);
const char *wdc_trans_encode(const WDC_TRANSFER *t,
			     const WDC_ADDR_DESC bars[WDC_PCI_NUM_BARS],
			     struct kag_transfer *k);
void wdc_trans_decode(const struct kag_transfer *k, WDC_TRANSFER *t);

/* wdc_intr.c */
_Static_assert(WDC_INT_MAX_CMDS == KAG_INT_MAX_CMDS, "interrupt command limit differs from the uapi");
_Static_assert(WDC_INT_MAX_COPY == KAG_INT_MAX_COPY, "interrupt copy limit differs from the uapi");
_Static_assert(WDC_INT_MAX_VECTORS == KAG_INT_MAX_VECTORS, "vector limit differs from the uapi");
int wdc_intr_init(struct wdc_device *dev);
void wdc_intr_release(struct wdc_device *dev);
bool wdc_int_options_valid(uint32_t options);
uint32_t wdc_int_types_from_options(uint32_t options);
uint32_t wdc_int_type_from_kag(uint32_t kag_type);
const char *wdc_int_cmds_encode(const WDC_TRANSFER *cmds, uint32_t n,
				const WDC_ADDR_DESC bars[WDC_PCI_NUM_BARS],
				struct kag_transfer *out, uint32_t *bad);
void wdc_int_result_from_kag(const struct kag_int_wait *w,
			     WDC_INT_RESULT *res);
/* wdc_trace.c */
struct wdc_trace_reader *wdc_trace_reader_new(int fd);
bool wdc_trace_decode(const struct kag_trace_rec *k, WDC_TRACE_RECORD *r);

#endif /* WDC_INTERNAL_H */

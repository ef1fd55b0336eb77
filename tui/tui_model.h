/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * tui_model.h - wdtui's model: the PCI device list (libpci: sysfs or a
 * dump file), the connection to the kernel agent, the open device and
 * every access to it.  No user interface here: the command layer and the
 * views both work through these functions.
 */
#ifndef TUI_MODEL_H
#define TUI_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <wdc/wdc_lib.h>

#include "tui_cfg.h"
#include "tui_feat.h"
#include "tui_screen.h"	/* TUI_PRINTF */

/* Size of wdtui's error texts (libwdc's plus what wdtui adds). */
#define TUI_ERR_LEN 1024

/* BAR flags (struct tui_bar.flags) */
#define TUI_BAR_IO (1u << 0)
#define TUI_BAR_64 (1u << 1)
#define TUI_BAR_PREF (1u << 2)

struct tui_bar {
	uint64_t start;		/* 0: unused */
	uint64_t size;		/* 0: unknown (dump file) or unused */
	uint32_t flags;
};

/* One PCI function of the list. */
struct tui_pcidev {
	WD_PCI_SLOT slot;
	char bdf[WDC_PCI_SLOT_STR_LEN];
	uint16_t vendor, device;
	uint16_t subvendor, subdevice;	/* 0 when the header has none */
	uint32_t class_code;		/* base << 16 | sub << 8 | prog-if */
	uint8_t rev, hdr_type;
	uint8_t irq_pin;		/* 0 none, 1..4 INTA..INTD */
	int irq;			/* Linux IRQ, 0 none */
	char vendor_name[80];
	char device_name[112];
	char class_name[56];
	char driver[40];		/* "" none, "?" unknown (dump file) */
	struct tui_bar bar[WDC_PCI_NUM_BARS];
	void *pd;			/* libpci's struct pci_dev */
};

/* The device open through the agent. */
struct tui_open {
	WDC_DEVICE_HANDLE h;
	WDC_PCI_DEVICE_INFO info;
	char bdf[WDC_PCI_SLOT_STR_LEN];
	char kp_name[64];		/* "" without a Kernel PlugIn */
	struct tui_intr intr;		/* interrupt counters (locked) */
};

struct tui_model_opts {
	const char *agent_path;		/* NULL: WDC_KAGENT_DEFAULT_PATH */
	const char *pci_dump;		/* NULL: sysfs; else an lspci -x dump */
	const char *pci_ids;		/* NULL: libpci's pci.ids */
};

struct tui_model {
	struct tui_model_opts opts;
	void *pacc;			/* libpci's struct pci_access */
	struct tui_pcidev *devs;	/* sorted by address */
	size_t ndevs;
	WDC_DRIVER_HANDLE drv;		/* NULL until connected */
	WDC_STATUS agent_status;	/* last connection attempt */
	bool agent_tried;
	char agent_err[TUI_ERR_LEN];	/* why there is no agent */
	struct tui_open *open;		/* NULL: nothing open */
	bool int_thread;		/* int enable uses a handler thread */
	WDC_TRACE_READER trace;		/* the trace commands' reader, or NULL */
	WDC_STATUS err_status;		/* status of the last failure */
	char err[TUI_ERR_LEN];		/* text of the last failure */
};

/* Set up and scan the bus (errors of the scan stay in m->err). */
void tui_model_init(struct tui_model *m, const struct tui_model_opts *opts);
void tui_model_free(struct tui_model *m);

/*
 * Record a failure: @status in m->err_status, a formatted text in m->err.
 * Return: @status.
 */
WDC_STATUS tui_model_fail(struct tui_model *m, WDC_STATUS status,
			  const char *fmt, ...) TUI_PRINTF(3, 4);

/* (Re)scan the PCI bus into m->devs. */
WDC_STATUS tui_model_scan(struct tui_model *m);

/* Connect to the agent unless connected; says how to get it if missing. */
WDC_STATUS tui_model_agent(struct tui_model *m);

/* One line about the agent: "kagent 0.1.0, ABI 1.0" or why it is absent. */
void tui_model_agent_text(const struct tui_model *m, char *buf, size_t len);

/*
 * Find a device of the list by "DDDD:BB:SS.F", "BB:SS.F" or "VVVV:DDDD"
 * (the first with these IDs).  Return: its index, or -1 (m->err says why).
 */
long tui_model_find(struct tui_model *m, const char *spec);

/* The list entry of an address, or NULL. */
struct tui_pcidev *tui_model_dev(const struct tui_model *m,
				 const WD_PCI_SLOT *slot);

/*
 * Open the device at @slot (closing the open one first), optionally with a
 * Kernel PlugIn @kp (NULL: none) and its open data @kp_data (a string; for
 * KP_PCI the client name of a KP_PCI_OPEN_DATA, see tui_kp_open_data()).
 */
WDC_STATUS tui_model_open(struct tui_model *m, const WD_PCI_SLOT *slot,
			  const char *kp, const char *kp_data);
/* Open Kernel PlugIn @kp (open data as above) on the open device. */
WDC_STATUS tui_model_kp_open(struct tui_model *m, const char *kp,
			     const char *kp_data);
WDC_STATUS tui_model_kp_close(struct tui_model *m);
/* Record a libwdc failure with its last error text. */
WDC_STATUS tui_model_wdc_error(struct tui_model *m, WDC_STATUS st);
WDC_STATUS tui_model_close(struct tui_model *m);

/* Check that a device is open (sets the error text otherwise). */
WDC_STATUS tui_model_need_open(struct tui_model *m);

/* Single BAR access of @width bytes (1, 2, 4, 8). */
WDC_STATUS tui_model_bar_read(struct tui_model *m, uint32_t bar, uint64_t off,
			      unsigned int width, uint64_t *val);
WDC_STATUS tui_model_bar_write(struct tui_model *m, uint32_t bar, uint64_t off,
			       unsigned int width, uint64_t val);
/* Block read of @len bytes in accesses of @width bytes. */
WDC_STATUS tui_model_bar_block(struct tui_model *m, uint32_t bar, uint64_t off,
			       unsigned int width, void *buf, uint32_t len);
/* Size of an implemented BAR of the open device, 0 otherwise. */
uint64_t tui_model_bar_size(const struct tui_model *m, uint32_t bar);

/*
 * Snapshot configuration space: of the open device when @d is NULL or is
 * the open device (through the agent), else of list entry @d (through
 * libpci: read-only, maybe only 64 bytes without root).
 */
WDC_STATUS tui_model_cfg_load(struct tui_model *m, const struct tui_pcidev *d,
			      struct tui_cfg *cfg);
/* Read @size bytes (1, 2, 4) of the open device's configuration space. */
WDC_STATUS tui_model_cfg_read(struct tui_model *m, uint32_t off,
			      unsigned int size, uint32_t *val);
/* Write @size bytes (1, 2, 4) of the open device's configuration space. */
WDC_STATUS tui_model_cfg_write(struct tui_model *m, uint32_t off,
			       unsigned int size, uint32_t val);

/* Whether list entry @d is the open device. */
bool tui_model_is_open(const struct tui_model *m, const struct tui_pcidev *d);

/* The BARs of the open device in list form. */
void tui_model_open_bars(const struct tui_model *m,
			 struct tui_bar bars[WDC_PCI_NUM_BARS]);

/* "mem32", "mem64p", "io": the type of a BAR for output. */
const char *tui_bar_type(uint32_t flags);

#endif /* TUI_MODEL_H */

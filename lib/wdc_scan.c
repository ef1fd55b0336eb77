// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * wdc_scan.c - finding PCI devices: libpci over sysfs, with a vendor and
 * device filter.
 */
#include "wdc_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pci/pci.h>

/* ------------------------------------------------------------------------
 * Scan
 *
 * libpci reports errors through pci_access.error, a callback that takes no
 * context and must not return (its default prints and exit()s).  To stay
 * free of global state the scan runs in a short-lived thread whose error
 * callback ends that thread with pthread_exit(): the message travels as
 * the thread's exit value, so no variable is shared.
 * ------------------------------------------------------------------------ */

/* Exit value of a scan thread that could not allocate its message. */
static const char wdc_scan_nomem[] = "out of memory";

struct wdc_scan_ctx {
	uint32_t vendor, device;	/* in: 0 = any */
	struct pci_access *pacc;	/* set by the thread, freed by the caller */
	uint32_t found;			/* matching devices (may exceed the array) */
	WD_PCI_ID ids[WD_PCI_CARDS];
	WD_PCI_SLOT slots[WD_PCI_CARDS];
};

static void wdc_scan_error(char *msg, ...) WDC_PRINTF(1, 2)
	__attribute__((noreturn));

static void wdc_scan_error(char *msg, ...)
{
	char *text = malloc(WDC_ERR_STR_LEN);
	va_list ap;

	if (!text)
		pthread_exit((void *)wdc_scan_nomem);
	va_start(ap, msg);
	vsnprintf(text, WDC_ERR_STR_LEN, msg, ap);
	va_end(ap);
	pthread_exit(text);
}

/* libwdc never prints: warnings and debug messages are dropped. */
static void wdc_scan_quiet(char *msg, ...) WDC_PRINTF(1, 2);

static void wdc_scan_quiet(char *msg, ...)
{
	(void)msg;
}

static void *wdc_scan_thread(void *arg)
{
	struct wdc_scan_ctx *ctx = arg;
	struct pci_access *pacc;
	struct pci_dev *pd;

	pacc = pci_alloc();
	if (!pacc)
		return (void *)wdc_scan_nomem;
	ctx->pacc = pacc;
	pacc->error = wdc_scan_error;
	pacc->warning = wdc_scan_quiet;
	pacc->debug = wdc_scan_quiet;
	/*
	 * sysfs only: never fall back to raw configuration cycles through
	 * I/O ports, which other methods of libpci would try as root.
	 */
	pacc->method = PCI_ACCESS_SYS_BUS_PCI;
	pci_init(pacc);
	pci_scan_bus(pacc);

	for (pd = pacc->devices; pd; pd = pd->next) {
		pci_fill_info(pd, PCI_FILL_IDENT);
		if (ctx->vendor && pd->vendor_id != ctx->vendor)
			continue;
		if (ctx->device && pd->device_id != ctx->device)
			continue;
		if (ctx->found < WD_PCI_CARDS) {
			WD_PCI_ID *id = &ctx->ids[ctx->found];
			WD_PCI_SLOT *slot = &ctx->slots[ctx->found];

			id->dwVendorId = pd->vendor_id;
			id->dwDeviceId = pd->device_id;
			slot->dwDomain = (uint32_t)pd->domain;
			slot->dwBus = pd->bus;
			slot->dwSlot = pd->dev;
			slot->dwFunction = pd->func;
		}
		ctx->found++;
	}
	return NULL;
}

static int wdc_slot_cmp(const WD_PCI_SLOT *a, const WD_PCI_SLOT *b)
{
	if (a->dwDomain != b->dwDomain)
		return a->dwDomain < b->dwDomain ? -1 : 1;
	if (a->dwBus != b->dwBus)
		return a->dwBus < b->dwBus ? -1 : 1;
	if (a->dwSlot != b->dwSlot)
		return a->dwSlot < b->dwSlot ? -1 : 1;
	if (a->dwFunction != b->dwFunction)
		return a->dwFunction < b->dwFunction ? -1 : 1;
	return 0;
}

/* Insertion sort of the (at most WD_PCI_CARDS) results by address. */
static void wdc_scan_sort(struct wdc_scan_ctx *ctx, uint32_t n)
{
	uint32_t i, j;

	for (i = 1; i < n; i++) {
		WD_PCI_SLOT slot = ctx->slots[i];
		WD_PCI_ID id = ctx->ids[i];

		for (j = i; j > 0 && wdc_slot_cmp(&ctx->slots[j - 1], &slot) > 0;
		     j--) {
			ctx->slots[j] = ctx->slots[j - 1];
			ctx->ids[j] = ctx->ids[j - 1];
		}
		ctx->slots[j] = slot;
		ctx->ids[j] = id;
	}
}

WDC_STATUS WDC_PciScanDevices(WDC_DRIVER_HANDLE hDrv, uint32_t dwVendorId,
			      uint32_t dwDeviceId,
			      WDC_PCI_SCAN_RESULT *pResult)
{
	struct wdc_scan_ctx *ctx;
	char ebuf[128];
	pthread_t thread;
	void *exitval = NULL;
	WDC_STATUS status = WD_STATUS_SUCCESS;
	uint32_t n;
	int err;

	if (hDrv && !wdc_drv_valid(hDrv))
		return WD_INVALID_HANDLE;
	if (!pResult)
		return wdc_set_err(hDrv, WD_INVALID_PARAMETER,
				   "WDC_PciScanDevices: the result pointer is NULL");
	if (dwVendorId > 0xffff || dwDeviceId > 0xffff)
		return wdc_set_err(hDrv, WD_INVALID_PARAMETER,
				   "WDC_PciScanDevices: IDs are 16 bits (vendor 0x%x, device 0x%x)",
				   (unsigned int)dwVendorId,
				   (unsigned int)dwDeviceId);

	ctx = calloc(1, sizeof(*ctx));
	if (!ctx)
		return wdc_set_err(hDrv, WD_INSUFFICIENT_RESOURCES,
				   "WDC_PciScanDevices: out of memory");
	ctx->vendor = dwVendorId;
	ctx->device = dwDeviceId;

	err = pthread_create(&thread, NULL, wdc_scan_thread, ctx);
	if (err) {
		free(ctx);
		return wdc_set_err(hDrv, wdc_errno_to_status(err),
				   "WDC_PciScanDevices: cannot start the scan thread: %s",
				   wdc_strerror(err, ebuf, sizeof(ebuf)));
	}
	err = pthread_join(thread, &exitval);
	if (err) {
		/* Cannot happen for a joinable thread of ours. */
		free(ctx);
		return wdc_set_err(hDrv, WD_SYSTEM_INTERNAL_ERROR,
				   "WDC_PciScanDevices: pthread_join: %s",
				   wdc_strerror(err, ebuf, sizeof(ebuf)));
	}
	if (exitval) {
		status = exitval == wdc_scan_nomem ? WD_INSUFFICIENT_RESOURCES
						   : WD_OPERATION_FAILED;
		wdc_set_err(hDrv, status, "WDC_PciScanDevices: libpci: %s",
			    (const char *)exitval);
		if (exitval != wdc_scan_nomem)
			free(exitval);
	}
	/*
	 * After an error libpci may have left things half done: cleaning up
	 * frees what it recorded (a few allocations of the aborted call can
	 * leak, never more).
	 */
	if (ctx->pacc)
		pci_cleanup(ctx->pacc);
	if (status) {
		free(ctx);
		return status;
	}

	n = ctx->found < WD_PCI_CARDS ? ctx->found : WD_PCI_CARDS;
	wdc_scan_sort(ctx, n);
	memset(pResult, 0, sizeof(*pResult));
	pResult->dwNumDevices = n;
	memcpy(pResult->deviceId, ctx->ids, n * sizeof(ctx->ids[0]));
	memcpy(pResult->deviceSlot, ctx->slots, n * sizeof(ctx->slots[0]));
	if (ctx->found > WD_PCI_CARDS)
		status = wdc_set_err(hDrv, WD_INSUFFICIENT_RESOURCES,
				     "WDC_PciScanDevices: %u devices match, only the first %u are reported: narrow the vendor/device IDs",
				     (unsigned int)ctx->found, WD_PCI_CARDS);
	free(ctx);
	return status;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * tui_model.c - wdtui's model: the PCI device list through libpci, the
 * agent connection, the open device and register/config access.
 */
#include "tui_model.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pci/pci.h>

#include "tui_util.h"

/*
 * libpci reports fatal errors through pci_access.error, which must not
 * return (its default prints and exits).  wdtui is single-threaded: the
 * handler jumps back to the guard around the libpci call in progress.
 */
static jmp_buf *tui_pci_guard;
static char tui_pci_msg[256];

static void tui_pci_error(char *msg, ...) __attribute__((noreturn))
	TUI_PRINTF(1, 2);

static void tui_pci_error(char *msg, ...)
{
	va_list ap;

	va_start(ap, msg);
	vsnprintf(tui_pci_msg, sizeof(tui_pci_msg), msg, ap);
	va_end(ap);
	if (tui_pci_guard)
		longjmp(*tui_pci_guard, 1);
	fprintf(stderr, "wdtui: libpci: %s\n", tui_pci_msg);
	abort();
}

static void tui_pci_quiet(char *msg, ...) TUI_PRINTF(1, 2);

static void tui_pci_quiet(char *msg, ...)
{
	(void)msg;
}

WDC_STATUS tui_model_fail(struct tui_model *m, WDC_STATUS status,
			  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(m->err, sizeof(m->err), fmt, ap);
	va_end(ap);
	m->err_status = status;
	return status;
}

/* A failure of libwdc: its status and its last error text. */
static WDC_STATUS tui_model_wdc_fail(struct tui_model *m, WDC_STATUS status)
{
	const char *text = m->drv ? WDC_GetLastErrStr(m->drv) : "";

	return tui_model_fail(m, status, "%s%s%s", WDC_StatusStr(status),
			      *text ? ": " : "", text);
}

const char *tui_bar_type(uint32_t flags)
{
	if (flags & TUI_BAR_IO)
		return "io";
	if (flags & TUI_BAR_64)
		return flags & TUI_BAR_PREF ? "mem64p" : "mem64";
	return flags & TUI_BAR_PREF ? "mem32p" : "mem32";
}

/* ---- Device list -------------------------------------------------------- */

static void tui_model_free_list(struct tui_model *m)
{
	free(m->devs);
	m->devs = NULL;
	m->ndevs = 0;
	if (m->pacc)
		pci_cleanup(m->pacc);
	m->pacc = NULL;
}

static int tui_dev_cmp(const void *pa, const void *pb)
{
	const WD_PCI_SLOT *a = &((const struct tui_pcidev *)pa)->slot;
	const WD_PCI_SLOT *b = &((const struct tui_pcidev *)pb)->slot;

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

static void tui_fill_dev(struct pci_access *pacc, struct pci_dev *pd,
			 struct tui_pcidev *d)
{
	char *s;
	int i;

	pci_fill_info(pd, PCI_FILL_IDENT | PCI_FILL_CLASS | PCI_FILL_IRQ |
			      PCI_FILL_BASES | PCI_FILL_SIZES |
			      PCI_FILL_CLASS_EXT | PCI_FILL_SUBSYS |
			      PCI_FILL_DRIVER);
	memset(d, 0, sizeof(*d));
	d->pd = pd;
	d->slot.dwDomain = (uint32_t)pd->domain;
	d->slot.dwBus = pd->bus;
	d->slot.dwSlot = pd->dev;
	d->slot.dwFunction = pd->func;
	WDC_PciSlotToStr(&d->slot, d->bdf, sizeof(d->bdf));
	d->vendor = pd->vendor_id;
	d->device = pd->device_id;
	d->class_code = (uint32_t)pd->device_class << 8 | pd->prog_if;
	d->rev = pd->rev_id;
	d->hdr_type = pci_read_byte(pd, PCI_HEADER_TYPE) & 0x7f;
	d->irq_pin = pci_read_byte(pd, PCI_INTERRUPT_PIN);
	if (d->irq_pin > 4)
		d->irq_pin = 0;
	d->irq = d->irq_pin ? pd->irq : 0;
	if (pd->subsys_vendor_id != 0xffff) {
		d->subvendor = pd->subsys_vendor_id;
		d->subdevice = pd->subsys_id;
	}
	if (!pci_lookup_name(pacc, d->vendor_name, sizeof(d->vendor_name),
			     PCI_LOOKUP_VENDOR | PCI_LOOKUP_NO_NUMBERS,
			     d->vendor))
		snprintf(d->vendor_name, sizeof(d->vendor_name), "Vendor %04x",
			 d->vendor);
	if (!pci_lookup_name(pacc, d->device_name, sizeof(d->device_name),
			     PCI_LOOKUP_DEVICE | PCI_LOOKUP_NO_NUMBERS,
			     d->vendor, d->device))
		snprintf(d->device_name, sizeof(d->device_name), "Device %04x",
			 d->device);
	if (!pci_lookup_name(pacc, d->class_name, sizeof(d->class_name),
			     PCI_LOOKUP_CLASS | PCI_LOOKUP_NO_NUMBERS,
			     pd->device_class))
		snprintf(d->class_name, sizeof(d->class_name), "Class %04x",
			 pd->device_class);
	if (pacc->method == PCI_ACCESS_DUMP) {
		snprintf(d->driver, sizeof(d->driver), "?");
	} else {
		s = pci_get_string_property(pd, PCI_FILL_DRIVER);
		if (s) {
			s = strrchr(s, '/') ? strrchr(s, '/') + 1 : s;
			snprintf(d->driver, sizeof(d->driver), "%s", s);
		}
	}
	for (i = 0; i < WDC_PCI_NUM_BARS; i++) {
		pciaddr_t a = pd->base_addr[i];
		struct tui_bar *b = &d->bar[i];

		if (!a && !pd->size[i])
			continue;
		if (a & PCI_BASE_ADDRESS_SPACE_IO) {
			b->flags = TUI_BAR_IO;
			b->start = a & PCI_BASE_ADDRESS_IO_MASK;
		} else {
			if ((a & PCI_BASE_ADDRESS_MEM_TYPE_MASK) ==
			    PCI_BASE_ADDRESS_MEM_TYPE_64)
				b->flags |= TUI_BAR_64;
			if (a & PCI_BASE_ADDRESS_MEM_PREFETCH)
				b->flags |= TUI_BAR_PREF;
			b->start = a & PCI_BASE_ADDRESS_MEM_MASK;
		}
		b->size = pd->size[i];
	}
}

/* The libpci part of a scan: runs under the error guard. */
static WDC_STATUS tui_model_scan_pci(struct tui_model *m,
				     struct pci_access *pacc)
{
	struct pci_dev *pd;
	size_t n = 0;

	pci_init(pacc);
	pci_scan_bus(pacc);
	for (pd = pacc->devices; pd; pd = pd->next)
		n++;
	m->devs = calloc(n ? n : 1, sizeof(*m->devs));
	if (!m->devs)
		return tui_model_fail(m, WD_INSUFFICIENT_RESOURCES,
				      "out of memory");
	for (pd = pacc->devices; pd; pd = pd->next)
		tui_fill_dev(pacc, pd, &m->devs[m->ndevs++]);
	return WD_STATUS_SUCCESS;
}

WDC_STATUS tui_model_scan(struct tui_model *m)
{
	struct pci_access *pacc;
	WDC_STATUS st;
	jmp_buf guard;

	tui_model_free_list(m);
	pacc = pci_alloc();
	if (!pacc)
		return tui_model_fail(m, WD_INSUFFICIENT_RESOURCES,
				      "out of memory");
	m->pacc = pacc;
	pacc->error = tui_pci_error;
	pacc->warning = tui_pci_quiet;
	pacc->debug = tui_pci_quiet;
	if (m->opts.pci_dump) {
		pacc->method = PCI_ACCESS_DUMP;
		pci_set_param(pacc, "dump.name", (char *)m->opts.pci_dump);
	} else {
		/* sysfs only, never raw I/O-port configuration cycles */
		pacc->method = PCI_ACCESS_SYS_BUS_PCI;
	}
	if (m->opts.pci_ids)
		pci_set_name_list_path(pacc, (char *)m->opts.pci_ids, 0);
	if (setjmp(guard)) {
		tui_pci_guard = NULL;
		tui_model_free_list(m);
		return tui_model_fail(m, WD_OPERATION_FAILED,
				      "cannot list PCI devices: libpci: %s",
				      tui_pci_msg);
	}
	tui_pci_guard = &guard;
	st = tui_model_scan_pci(m, pacc);
	tui_pci_guard = NULL;
	if (!st)
		qsort(m->devs, m->ndevs, sizeof(*m->devs), tui_dev_cmp);
	return st;
}

void tui_model_init(struct tui_model *m, const struct tui_model_opts *opts)
{
	memset(m, 0, sizeof(*m));
	if (opts)
		m->opts = *opts;
	tui_model_scan(m);
}

void tui_model_free(struct tui_model *m)
{
	if (m->open)
		tui_model_close(m);
	if (m->trace)
		WDC_TraceReaderClose(m->trace);
	m->trace = NULL;
	if (m->drv)
		WDC_DriverClose(m->drv);
	m->drv = NULL;
	tui_model_free_list(m);
}

struct tui_pcidev *tui_model_dev(const struct tui_model *m,
				 const WD_PCI_SLOT *slot)
{
	size_t i;

	for (i = 0; i < m->ndevs; i++)
		if (!memcmp(&m->devs[i].slot, slot, sizeof(*slot)))
			return &m->devs[i];
	return NULL;
}

long tui_model_find(struct tui_model *m, const char *spec)
{
	WD_PCI_SLOT slot;
	struct tui_pcidev *d;
	unsigned int vid, did;
	char tail;
	size_t i;

	if (!WDC_PciSlotFromStr(spec, &slot)) {
		d = tui_model_dev(m, &slot);
		if (d)
			return d - m->devs;
		tui_model_fail(m, WD_DEVICE_NOT_FOUND,
			       "no PCI device at %s", spec);
		return -1;
	}
	if (strlen(spec) == 9 &&
	    sscanf(spec, "%4x:%4x%c", &vid, &did, &tail) == 2) {
		for (i = 0; i < m->ndevs; i++)
			if (m->devs[i].vendor == vid && m->devs[i].device == did)
				return (long)i;
		tui_model_fail(m, WD_DEVICE_NOT_FOUND,
			       "no PCI device with IDs %04x:%04x", vid, did);
		return -1;
	}
	tui_model_fail(m, WD_INVALID_PARAMETER,
		       "'%s' is neither a PCI address (0000:00:03.0, 00:03.0) "
		       "nor vendor:device IDs (1234:11e8)", spec);
	return -1;
}

/* ---- Agent -------------------------------------------------------------- */

WDC_STATUS tui_model_agent(struct tui_model *m)
{
	const char *path = m->opts.agent_path ? m->opts.agent_path :
						WDC_KAGENT_DEFAULT_PATH;
	char text[WDC_ERR_STR_LEN];
	WDC_STATUS st;

	if (m->drv)
		return WD_STATUS_SUCCESS;
	if (m->opts.pci_dump)
		return tui_model_fail(m, WD_NOT_SUPPORTED,
				      "the device list comes from a dump file "
				      "(--pci-dump): there is no device to open");
	st = WDC_DriverOpenEx(&m->drv, path, WDC_DRV_OPEN_DEFAULT, text,
			      sizeof(text));
	m->agent_tried = true;
	m->agent_status = st;
	if (!st) {
		m->agent_err[0] = '\0';
		return st;
	}
	m->drv = NULL;
	switch (st) {
	case WD_DRIVER_NOT_LOADED:
		snprintf(m->agent_err, sizeof(m->agent_err),
			 "the kernel agent is not loaded (no %s): load it with "
			 "'modprobe kagent' (after 'make install'), or try "
			 "wdtui in the test VM with 'make tui'", path);
		break;
	case WD_PERMISSION_DENIED:
		snprintf(m->agent_err, sizeof(m->agent_err),
			 "no permission to open %s: run wdtui as root, or give "
			 "your group access with a udev rule (README: On real "
			 "hardware)", path);
		break;
	default:
		snprintf(m->agent_err, sizeof(m->agent_err), "%s%s%s",
			 WDC_StatusStr(st), *text ? ": " : "", text);
		break;
	}
	return tui_model_fail(m, st, "%s", m->agent_err);
}

void tui_model_agent_text(const struct tui_model *m, char *buf, size_t len)
{
	char ver[40];
	uint32_t abi;

	if (m->opts.pci_dump)
		snprintf(buf, len, "dump file, no agent");
	else if (m->drv && !WDC_GetAgentVersion(m->drv, &abi, ver, sizeof(ver)))
		snprintf(buf, len, "kagent %s (ABI %u.%u)", ver, abi >> 16,
			 abi & 0xffff);
	else if (!m->agent_tried)
		snprintf(buf, len, "agent not connected yet");
	else if (m->agent_status == WD_DRIVER_NOT_LOADED)
		snprintf(buf, len, "no agent (not loaded)");
	else if (m->agent_status == WD_PERMISSION_DENIED)
		snprintf(buf, len, "no agent (permission denied)");
	else
		snprintf(buf, len, "no agent (%s)",
			 WDC_StatusStr(m->agent_status));
}

/* ---- Open device -------------------------------------------------------- */

/* Opening binds the device to kagent, closing gives it back: re-read the
 * driver of that list entry. */
static void tui_model_refresh_driver(struct tui_model *m, struct tui_pcidev *d)
{
	jmp_buf guard;
	char *s;

	if (!d || m->opts.pci_dump)
		return;
	if (setjmp(guard)) {
		tui_pci_guard = NULL;
		return;
	}
	tui_pci_guard = &guard;
	pci_fill_info(d->pd, PCI_FILL_DRIVER | PCI_FILL_RESCAN);
	s = pci_get_string_property(d->pd, PCI_FILL_DRIVER);
	tui_pci_guard = NULL;
	d->driver[0] = '\0';
	if (s)
		snprintf(d->driver, sizeof(d->driver), "%s",
			 strrchr(s, '/') ? strrchr(s, '/') + 1 : s);
}

WDC_STATUS tui_model_need_open(struct tui_model *m)
{
	if (m->open)
		return WD_STATUS_SUCCESS;
	return tui_model_fail(m, WD_INVALID_HANDLE,
			      "no device is open: open one first "
			      "(open BDF, or Enter on the device list)");
}

WDC_STATUS tui_model_wdc_error(struct tui_model *m, WDC_STATUS st)
{
	return tui_model_wdc_fail(m, st);
}

WDC_STATUS tui_model_open(struct tui_model *m, const WD_PCI_SLOT *slot,
			  const char *kp, const char *kp_str)
{
	uint64_t kp_pci[TUI_KP_OPEN_DATA_MAX / 8];
	void *kp_data = kp ? tui_kp_open_data(kp, kp_str, kp_pci,
					      sizeof(kp_pci)) : NULL;
	struct tui_open *o;
	WDC_STATUS st;

	st = tui_model_agent(m);
	if (st)
		return st;
	if (m->open)
		tui_model_close(m);
	o = calloc(1, sizeof(*o));
	if (!o)
		return tui_model_fail(m, WD_INSUFFICIENT_RESOURCES,
				      "out of memory");
	st = WDC_PciDeviceOpen(m->drv, &o->h, slot, NULL, kp, kp_data);
	if (!st)
		st = WDC_PciGetDeviceInfo(o->h, &o->info);
	if (st) {
		tui_model_wdc_fail(m, st);
		if (o->h)
			WDC_PciDeviceClose(o->h);
		free(o);
		return st;
	}
	WDC_PciSlotToStr(slot, o->bdf, sizeof(o->bdf));
	snprintf(o->kp_name, sizeof(o->kp_name), "%s", kp ? kp : "");
	tui_intr_init(&o->intr);
	m->open = o;
	tui_model_refresh_driver(m, tui_model_dev(m, slot));
	return WD_STATUS_SUCCESS;
}

WDC_STATUS tui_model_close(struct tui_model *m)
{
	struct tui_pcidev *d;
	WDC_STATUS st;

	if (!m->open)
		return tui_model_need_open(m);
	/* The handler thread stops before the counters go away. */
	if (WDC_IntIsEnabled(m->open->h))
		WDC_IntDisable(m->open->h);
	st = WDC_PciDeviceClose(m->open->h);
	d = tui_model_dev(m, &m->open->info.pciSlot);
	tui_intr_destroy(&m->open->intr);
	free(m->open);
	m->open = NULL;
	tui_model_refresh_driver(m, d);
	return st ? tui_model_wdc_fail(m, st) : st;
}

WDC_STATUS tui_model_kp_open(struct tui_model *m, const char *kp,
			     const char *kp_str)
{
	uint64_t kp_pci[TUI_KP_OPEN_DATA_MAX / 8];
	WDC_STATUS st;

	st = tui_model_need_open(m);
	if (st)
		return st;
	st = WDC_KernelPlugInOpen(m->open->h, kp,
				  tui_kp_open_data(kp, kp_str, kp_pci,
						   sizeof(kp_pci)));
	if (st)
		return tui_model_wdc_fail(m, st);
	snprintf(m->open->kp_name, sizeof(m->open->kp_name), "%s", kp);
	return WD_STATUS_SUCCESS;
}

WDC_STATUS tui_model_kp_close(struct tui_model *m)
{
	WDC_STATUS st;

	st = tui_model_need_open(m);
	if (st)
		return st;
	if (!WDC_IsKernelPlugInOpen(m->open->h))
		return tui_model_fail(m, WD_INVALID_HANDLE, "no Kernel PlugIn "
				      "is open on %s: kp open NAME first",
				      m->open->bdf);
	/* Interrupts through the plugin are disabled with it. */
	if (m->open->intr.kp && WDC_IntIsEnabled(m->open->h))
		WDC_IntDisable(m->open->h);
	st = WDC_KernelPlugInClose(m->open->h);
	m->open->kp_name[0] = '\0';
	return st ? tui_model_wdc_fail(m, st) : st;
}

uint64_t tui_model_bar_size(const struct tui_model *m, uint32_t bar)
{
	if (!m->open || bar >= WDC_PCI_NUM_BARS)
		return 0;
	return m->open->info.addrDesc[bar].qwBytes;
}

WDC_STATUS tui_model_bar_read(struct tui_model *m, uint32_t bar, uint64_t off,
			      unsigned int width, uint64_t *val)
{
	WDC_STATUS st;
	uint8_t v8;
	uint16_t v16;
	uint32_t v32;

	st = tui_model_need_open(m);
	if (st)
		return st;
	switch (width) {
	case 1:
		st = WDC_ReadAddr8(m->open->h, bar, off, &v8);
		*val = v8;
		break;
	case 2:
		st = WDC_ReadAddr16(m->open->h, bar, off, &v16);
		*val = v16;
		break;
	case 4:
		st = WDC_ReadAddr32(m->open->h, bar, off, &v32);
		*val = v32;
		break;
	default:
		st = WDC_ReadAddr64(m->open->h, bar, off, val);
		break;
	}
	return st ? tui_model_wdc_fail(m, st) : st;
}

WDC_STATUS tui_model_bar_write(struct tui_model *m, uint32_t bar, uint64_t off,
			       unsigned int width, uint64_t val)
{
	WDC_STATUS st;

	st = tui_model_need_open(m);
	if (st)
		return st;
	switch (width) {
	case 1:
		st = WDC_WriteAddr8(m->open->h, bar, off, (uint8_t)val);
		break;
	case 2:
		st = WDC_WriteAddr16(m->open->h, bar, off, (uint16_t)val);
		break;
	case 4:
		st = WDC_WriteAddr32(m->open->h, bar, off, (uint32_t)val);
		break;
	default:
		st = WDC_WriteAddr64(m->open->h, bar, off, val);
		break;
	}
	return st ? tui_model_wdc_fail(m, st) : st;
}

WDC_STATUS tui_model_bar_block(struct tui_model *m, uint32_t bar, uint64_t off,
			       unsigned int width, void *buf, uint32_t len)
{
	WDC_STATUS st;

	st = tui_model_need_open(m);
	if (st)
		return st;
	st = WDC_ReadAddrBlock(m->open->h, bar, off, len, buf,
			       (WDC_ADDR_MODE)width, WDC_ADDR_RW_DEFAULT);
	return st ? tui_model_wdc_fail(m, st) : st;
}

/* ---- Configuration space ------------------------------------------------ */

bool tui_model_is_open(const struct tui_model *m, const struct tui_pcidev *d)
{
	return m->open && d && !memcmp(&d->slot, &m->open->info.pciSlot,
				       sizeof(d->slot));
}

void tui_model_open_bars(const struct tui_model *m,
			 struct tui_bar bars[WDC_PCI_NUM_BARS])
{
	const WDC_ADDR_DESC *a;
	int i;

	memset(bars, 0, WDC_PCI_NUM_BARS * sizeof(bars[0]));
	for (i = 0; m->open && i < WDC_PCI_NUM_BARS; i++) {
		a = &m->open->info.addrDesc[i];
		if (!a->qwBytes)
			continue;
		bars[i].start = a->qwStart;
		bars[i].size = a->qwBytes;
		bars[i].flags = (a->fIsMemory ? 0 : TUI_BAR_IO) |
				(a->f64Bit ? TUI_BAR_64 : 0) |
				(a->fPrefetchable ? TUI_BAR_PREF : 0);
	}
}

/* Read what sysfs (or the dump) gives: 64 bytes to users, all to root. */
static void tui_model_cfg_pci(struct pci_dev *pd, struct tui_cfg *cfg)
{
	static const uint32_t sizes[] = { TUI_CFG_SIZE, 256, 64 };
	size_t i;

	for (i = 0; i < TUI_ARRAY_SIZE(sizes) && !cfg->len; i++)
		if (pci_read_block(pd, 0, cfg->b, (int)sizes[i]))
			cfg->len = sizes[i];
}

WDC_STATUS tui_model_cfg_load(struct tui_model *m, const struct tui_pcidev *d,
			      struct tui_cfg *cfg)
{
	WDC_STATUS st;
	jmp_buf guard;

	memset(cfg, 0, sizeof(*cfg));
	if (m->open && (!d || tui_model_is_open(m, d))) {
		uint32_t n = m->open->info.dwCfgSize;

		if (n > TUI_CFG_SIZE)
			n = TUI_CFG_SIZE;
		st = WDC_PciReadCfg(m->open->h, 0, cfg->b, n);
		if (st)
			return tui_model_wdc_fail(m, st);
		cfg->len = n;
		return WD_STATUS_SUCCESS;
	}
	if (!d)
		return tui_model_need_open(m);
	if (setjmp(guard)) {
		tui_pci_guard = NULL;
		return tui_model_fail(m, WD_OPERATION_FAILED,
				      "cannot read the configuration space of "
				      "%s: libpci: %s", d->bdf, tui_pci_msg);
	}
	tui_pci_guard = &guard;
	tui_model_cfg_pci(d->pd, cfg);
	tui_pci_guard = NULL;
	if (!cfg->len)
		return tui_model_fail(m, WD_OPERATION_FAILED,
				      "cannot read the configuration space of %s",
				      d->bdf);
	return WD_STATUS_SUCCESS;
}

WDC_STATUS tui_model_cfg_read(struct tui_model *m, uint32_t off,
			      unsigned int size, uint32_t *val)
{
	WDC_STATUS st;
	uint8_t v8;
	uint16_t v16;

	st = tui_model_need_open(m);
	if (st)
		return st;
	switch (size) {
	case 1:
		st = WDC_PciReadCfg8(m->open->h, off, &v8);
		*val = v8;
		break;
	case 2:
		st = WDC_PciReadCfg16(m->open->h, off, &v16);
		*val = v16;
		break;
	default:
		st = WDC_PciReadCfg32(m->open->h, off, val);
		break;
	}
	return st ? tui_model_wdc_fail(m, st) : st;
}

WDC_STATUS tui_model_cfg_write(struct tui_model *m, uint32_t off,
			       unsigned int size, uint32_t val)
{
	WDC_STATUS st;

	st = tui_model_need_open(m);
	if (st)
		return st;
	switch (size) {
	case 1:
		st = WDC_PciWriteCfg8(m->open->h, off, (uint8_t)val);
		break;
	case 2:
		st = WDC_PciWriteCfg16(m->open->h, off, (uint16_t)val);
		break;
	default:
		st = WDC_PciWriteCfg32(m->open->h, off, val);
		break;
	}
	return st ? tui_model_wdc_fail(m, st) : st;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * wdc_device.c - opening and closing PCI devices through the agent, their
 * description, and the user mappings of their memory BARs.
 */
#include "wdc_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <unistd.h>

_Static_assert(sizeof(off_t) == 8, "mmap offsets of the agent need a 64-bit off_t");

bool wdc_dev_valid(const struct wdc_device *dev)
{
	return dev && dev->magic == WDC_DEVICE_MAGIC && wdc_drv_valid(dev->drv);
}

/* Set the driver's error text to "@fn: <device>: <text>"; return @status. */
WDC_STATUS wdc_dev_err(struct wdc_device *dev, const char *fn,
		       WDC_STATUS status, const char *fmt, ...)
{
	char text[WDC_ERR_STR_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	return wdc_set_err(dev->drv, status, "%s: %s: %s", fn, dev->name, text);
}

/* An agent request @what failed with errno @err: text with a hint. */
WDC_STATUS wdc_dev_ioctl_err(struct wdc_device *dev, const char *fn,
			     const char *what, int err)
{
	char ebuf[128];
	const char *etext = wdc_strerror(err, ebuf, sizeof(ebuf));
	const char *hint = "";

	switch (err) {
	case EPERM:
		hint = " (kernel lockdown forbids raw PCI access?)";
		break;
	case ENODEV:
		hint = " (the device was removed or unbound)";
		break;
	case EBADF:
		hint = " (the agent does not know this device handle)";
		break;
	case EFAULT:
		hint = " (a buffer is not accessible)";
		break;
	default:
		break;
	}
	return wdc_dev_err(dev, fn, wdc_errno_to_status(err), "%s failed: %s%s",
			   what, etext, hint);
}

/* Translate the agent's description into the public one (no mappings). */
void wdc_info_from_kag(const struct kag_dev_info *ki,
		       WDC_PCI_DEVICE_INFO *info)
{
	unsigned int i;

	memset(info, 0, sizeof(*info));
	info->pciSlot.dwDomain = ki->domain;
	info->pciSlot.dwBus = ki->bus;
	info->pciSlot.dwSlot = ki->dev;
	info->pciSlot.dwFunction = ki->fn;
	info->pciId.dwVendorId = ki->vendor_id;
	info->pciId.dwDeviceId = ki->device_id;
	info->dwSubVendorId = ki->subsys_vendor_id;
	info->dwSubDeviceId = ki->subsys_device_id;
	info->dwClassCode = ki->class_code & 0xffffffu;
	info->bRevision = ki->revision;
	info->bHeaderType = ki->header_type;
	info->bIrqPin = ki->irq_pin;
	info->dwIrqLine = ki->irq_line;
	info->fMsi = ki->flags & KAG_DEV_MSI;
	info->dwMsiVectors = info->fMsi ? ki->msi_vectors : 0;
	info->fMsix = ki->flags & KAG_DEV_MSIX;
	info->dwMsixVectors = info->fMsix ? ki->msix_vectors : 0;
	info->fPciExpress = ki->flags & KAG_DEV_PCIE;
	info->dwCfgSize = ki->cfg_size;
	info->dwNumAddrSpaces = WDC_PCI_NUM_BARS;
	for (i = 0; i < WDC_PCI_NUM_BARS; i++) {
		const struct kag_bar_info *b = &ki->bar[i];
		WDC_ADDR_DESC *d = &info->addrDesc[i];

		d->dwAddrSpace = i;
		if (!b->length)
			continue;
		d->fIsMemory = b->flags & KAG_BAR_MEM;
		d->f64Bit = b->flags & KAG_BAR_64BIT;
		d->fPrefetchable = b->flags & KAG_BAR_PREFETCH;
		d->qwStart = b->start;
		d->qwBytes = b->length;
	}
}

/* A device object for an open of the agent, linked into @drv's list. */
struct wdc_device *wdc_device_new(struct wdc_driver *drv,
				  const struct kag_dev_info *ki, void *ctx)
{
	struct wdc_device *dev = calloc(1, sizeof(*dev));

	if (!dev)
		return NULL;
	if (wdc_intr_init(dev)) {
		free(dev);
		return NULL;
	}
	dev->drv = drv;
	dev->handle = ki->handle;
	dev->ctx = ctx;
	atomic_init(&dev->direct, true);
	wdc_info_from_kag(ki, &dev->info);
	if (WDC_PciSlotToStr(&dev->info.pciSlot, dev->name, sizeof(dev->name)))
		snprintf(dev->name, sizeof(dev->name), "device");
	dev->magic = WDC_DEVICE_MAGIC;
	wdc_drv_link(drv, dev);
	return dev;
}

/*
 * Map every memory BAR the agent allows.  Failure is not an error: the
 * BAR is then accessed through the agent.
 */
static void wdc_device_map_bars(struct wdc_device *dev,
				const struct kag_dev_info *ki)
{
	long page = sysconf(_SC_PAGESIZE);
	unsigned int i;

	if (page <= 0 || dev->drv->fd < 0)
		return;
	for (i = 0; i < WDC_PCI_NUM_BARS; i++) {
		const struct kag_bar_info *b = &ki->bar[i];
		uint64_t len;
		void *p;

		if (!(b->flags & KAG_BAR_MEM) || !(b->flags & KAG_BAR_MMAP) ||
		    !b->length)
			continue;
		/* Whole pages; a 32-bit process cannot map a huge BAR. */
		len = (b->length + (uint64_t)page - 1) & ~((uint64_t)page - 1);
		if (len < b->length || len > SIZE_MAX ||
		    b->mmap_offset > (uint64_t)INT64_MAX)
			continue;
		p = mmap(NULL, (size_t)len, PROT_READ | PROT_WRITE, MAP_SHARED,
			 dev->drv->fd, (off_t)b->mmap_offset);
		if (p == MAP_FAILED)
			continue;
		dev->info.addrDesc[i].pUserDirectMemAddr = p;
		dev->map_len[i] = (size_t)len;
	}
}

/*
 * Disable its interrupts, unlink @dev, unmap its BARs, close it in the
 * agent and free it.
 * Return: 0 or the errno of the agent's close.
 */
int wdc_device_release(struct wdc_device *dev)
{
	struct kag_dev_close cl;
	struct wdc_driver *drv = dev->drv;
	unsigned int i;
	int err = 0;

	/* The handler thread may use the mappings: join it before unmapping. */
	wdc_intr_release(dev);
	wdc_drv_unlink(drv, dev);
	/* The agent would close it with the device; close it first anyway. */
	memset(&cl, 0, sizeof(cl));
	cl.argsz = sizeof(cl);
	cl.handle = atomic_exchange(&dev->kp_handle, 0);
	if (cl.handle)
		ioctl(drv->fd, KAG_IOC_KP_CLOSE, &cl);
	for (i = 0; i < WDC_PCI_NUM_BARS; i++) {
		if (dev->map_len[i])
			munmap(dev->info.addrDesc[i].pUserDirectMemAddr,
			       dev->map_len[i]);
	}
	memset(&cl, 0, sizeof(cl));
	cl.argsz = sizeof(cl);
	cl.handle = dev->handle;
	if (ioctl(drv->fd, KAG_IOC_DEV_CLOSE, &cl) < 0)
		err = errno;
	dev->magic = 0;
	free(dev);
	return err;
}

/* DEV_OPEN failed with EBUSY: name who has the device and what to do. */
static WDC_STATUS wdc_open_busy(struct wdc_driver *drv, const char *name,
				const struct kag_dev_open *op)
{
	char bound[KAG_DRIVER_NAME_LEN + 1];

	memcpy(bound, op->bound_driver, KAG_DRIVER_NAME_LEN);
	bound[KAG_DRIVER_NAME_LEN] = '\0';
	if (!strcmp(bound, KAG_DEVICE_NAME))
		return wdc_set_err(drv, WD_DEVICE_BUSY,
				   "WDC_PciDeviceOpen: device %s is already opened by another kagent user: close it there first",
				   name);
	if (!bound[0])
		return wdc_set_err(drv, WD_DEVICE_BUSY,
				   "WDC_PciDeviceOpen: device %s is busy: already opened by another kagent user, or its resources are claimed by another driver (see dmesg)",
				   name);
	return wdc_set_err(drv, WD_DEVICE_BUSY,
			   "WDC_PciDeviceOpen: device %s is bound to driver '%s': unbind it first (echo %s > /sys/bus/pci/drivers/%s/unbind)",
			   name, bound, name, bound);
}

WDC_STATUS WDC_PciDeviceOpen(WDC_DRIVER_HANDLE hDrv, WDC_DEVICE_HANDLE *phDev,
			     const WD_PCI_SLOT *pSlot, void *pDevCtx,
			     const char *pcKPDriverName, void *pKPOpenData)
{
	static const char fn[] = "WDC_PciDeviceOpen";
	struct kag_dev_open op;
	struct kag_dev_info ki;
	struct kag_dev_close cl;
	struct wdc_device *dev;
	char name[WDC_PCI_SLOT_STR_LEN];
	char ebuf[128];
	int err;

	if (!wdc_drv_valid(hDrv))
		return WD_INVALID_HANDLE;
	if (!phDev || !pSlot)
		return wdc_set_err(hDrv, WD_INVALID_PARAMETER,
				   "%s: %s is NULL", fn,
				   !phDev ? "the handle pointer" : "the slot");
	if (!wdc_slot_valid(pSlot))
		return wdc_set_err(hDrv, WD_INVALID_PARAMETER,
				   "%s: invalid PCI address %x:%x:%x.%x (bus <= ff, slot <= 1f, function <= 7)",
				   fn, (unsigned int)pSlot->dwDomain,
				   (unsigned int)pSlot->dwBus,
				   (unsigned int)pSlot->dwSlot,
				   (unsigned int)pSlot->dwFunction);
	WDC_PciSlotToStr(pSlot, name, sizeof(name));
	if (pcKPDriverName && (!pcKPDriverName[0] ||
			       strlen(pcKPDriverName) > WDC_KP_NAME_MAX))
		return wdc_set_err(hDrv, WD_INVALID_PARAMETER,
				   "%s: %s: plugin name '%.64s' must be 1 to %d characters",
				   fn, name, pcKPDriverName, WDC_KP_NAME_MAX);
	if (wdc_drv_has_slot(hDrv, pSlot))
		return wdc_set_err(hDrv, WD_DEVICE_BUSY,
				   "%s: device %s is already open through this driver handle",
				   fn, name);

	memset(&op, 0, sizeof(op));
	op.argsz = sizeof(op);
	op.domain = pSlot->dwDomain;
	op.bus = (uint8_t)pSlot->dwBus;
	op.dev = (uint8_t)pSlot->dwSlot;
	op.fn = (uint8_t)pSlot->dwFunction;
	if (ioctl(hDrv->fd, KAG_IOC_DEV_OPEN, &op) < 0) {
		err = errno;
		switch (err) {
		case EBUSY:
			return wdc_open_busy(hDrv, name, &op);
		case ENODEV:
			return wdc_set_err(hDrv, WD_DEVICE_NOT_FOUND,
					   "%s: no PCI device %s (list them with 'lspci -D')",
					   fn, name);
		case EMFILE:
			return wdc_set_err(hDrv, WD_TOO_MANY_HANDLES,
					   "%s: %s: too many devices are open on this driver handle",
					   fn, name);
		default:
			return wdc_set_err(hDrv, wdc_errno_to_status(err),
					   "%s: %s: KAG_IOC_DEV_OPEN failed: %s",
					   fn, name,
					   wdc_strerror(err, ebuf, sizeof(ebuf)));
		}
	}

	memset(&ki, 0, sizeof(ki));
	ki.argsz = sizeof(ki);
	ki.handle = op.handle;
	if (ioctl(hDrv->fd, KAG_IOC_DEV_INFO, &ki) < 0) {
		err = errno;
		goto out_close;
	}
	/* The agent answers for the handle it gave; be sure of it. */
	ki.handle = op.handle;

	dev = wdc_device_new(hDrv, &ki, pDevCtx);
	if (!dev) {
		err = ENOMEM;
		goto out_close;
	}
	wdc_device_map_bars(dev, &ki);
	/* Seed 003 13.5, second method: the plugin is opened with the device. */
	if (pcKPDriverName) {
		WDC_STATUS st = WDC_KernelPlugInOpen(dev, pcKPDriverName,
						     pKPOpenData);

		if (st != WD_STATUS_SUCCESS) {
			wdc_device_release(dev);
			return st;
		}
	}
	*phDev = dev;
	return WD_STATUS_SUCCESS;

out_close:
	memset(&cl, 0, sizeof(cl));
	cl.argsz = sizeof(cl);
	cl.handle = op.handle;
	ioctl(hDrv->fd, KAG_IOC_DEV_CLOSE, &cl);
	return wdc_set_err(hDrv, wdc_errno_to_status(err),
			   "%s: %s: cannot describe the opened device: %s", fn,
			   name, wdc_strerror(err, ebuf, sizeof(ebuf)));
}

WDC_STATUS WDC_PciDeviceClose(WDC_DEVICE_HANDLE hDev)
{
	struct wdc_driver *drv;
	char name[WDC_PCI_SLOT_STR_LEN];
	char ebuf[128];
	int err;

	if (!wdc_dev_valid(hDev))
		return WD_INVALID_HANDLE;
	drv = hDev->drv;
	memcpy(name, hDev->name, sizeof(name));
	err = wdc_device_release(hDev);
	if (err)
		return wdc_set_err(drv, wdc_errno_to_status(err),
				   "WDC_PciDeviceClose: %s: KAG_IOC_DEV_CLOSE failed: %s",
				   name, wdc_strerror(err, ebuf, sizeof(ebuf)));
	return WD_STATUS_SUCCESS;
}

void *WDC_GetDevContext(WDC_DEVICE_HANDLE hDev)
{
	return wdc_dev_valid(hDev) ? hDev->ctx : NULL;
}

WDC_DRIVER_HANDLE WDC_GetDriverHandle(WDC_DEVICE_HANDLE hDev)
{
	return wdc_dev_valid(hDev) ? hDev->drv : NULL;
}

WDC_STATUS WDC_PciGetDeviceInfo(WDC_DEVICE_HANDLE hDev,
				WDC_PCI_DEVICE_INFO *pInfo)
{
	if (!wdc_dev_valid(hDev))
		return WD_INVALID_HANDLE;
	if (!pInfo)
		return wdc_dev_err(hDev, "WDC_PciGetDeviceInfo",
				   WD_INVALID_PARAMETER,
				   "the info pointer is NULL");
	*pInfo = hDev->info;
	return WD_STATUS_SUCCESS;
}

const WDC_ADDR_DESC *WDC_GetAddrDesc(WDC_DEVICE_HANDLE hDev,
				     uint32_t dwAddrSpace)
{
	if (!wdc_dev_valid(hDev) || dwAddrSpace >= WDC_PCI_NUM_BARS)
		return NULL;
	return &hDev->info.addrDesc[dwAddrSpace];
}

bool WDC_AddrSpaceIsActive(WDC_DEVICE_HANDLE hDev, uint32_t dwAddrSpace)
{
	const WDC_ADDR_DESC *d = WDC_GetAddrDesc(hDev, dwAddrSpace);

	return d && d->qwBytes;
}

WDC_STATUS WDC_SetDirectAccess(WDC_DEVICE_HANDLE hDev, bool fEnable)
{
	if (!wdc_dev_valid(hDev))
		return WD_INVALID_HANDLE;
	atomic_store(&hDev->direct, fEnable);
	return WD_STATUS_SUCCESS;
}

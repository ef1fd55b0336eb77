// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * wdc_kp.c - Kernel PlugIn handles from user mode: open (by name, with open
 * data, for an open device), messages (WDC_CallKerPlug), close, and the
 * list of loaded plugins.
 */
#include "wdc_internal.h"

#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>

WDC_STATUS WDC_KernelPlugInOpen(WDC_DEVICE_HANDLE hDev,
				const char *pcKPDriverName, void *pKPOpenData)
{
	static const char fn[] = "WDC_KernelPlugInOpen";
	struct kag_kp_open op;
	char ebuf[128];
	size_t len;
	int err;

	if (!wdc_dev_valid(hDev))
		return WD_INVALID_HANDLE;
	if (!pcKPDriverName)
		return wdc_dev_err(hDev, fn, WD_INVALID_PARAMETER,
				   "the plugin name is NULL");
	len = strlen(pcKPDriverName);
	if (!len || len > WDC_KP_NAME_MAX)
		return wdc_dev_err(hDev, fn, WD_INVALID_PARAMETER,
				   "plugin name '%.64s' must be 1 to %d characters",
				   pcKPDriverName, WDC_KP_NAME_MAX);
	if (atomic_load(&hDev->kp_handle))
		return wdc_dev_err(hDev, fn, WD_DEVICE_BUSY,
				   "a Kernel PlugIn is already open on this device: close it first");

	memset(&op, 0, sizeof(op));
	op.argsz = sizeof(op);
	op.handle = hDev->handle;
	memcpy(op.name, pcKPDriverName, len);
	op.open_data = (uint64_t)(uintptr_t)pKPOpenData;
	if (ioctl(hDev->drv->fd, KAG_IOC_KP_OPEN, &op) < 0) {
		err = errno;
		op.loaded[sizeof(op.loaded) - 1] = '\0';
		switch (err) {
		case ENOENT:
			return wdc_dev_err(hDev, fn, WD_KERPLUG_FAILURE,
					   "no Kernel PlugIn named '%s' is loaded (loaded: %s)",
					   pcKPDriverName,
					   op.loaded[0] ? op.loaded : "none");
		case EPROTO:
			return wdc_dev_err(hDev, fn, WD_INCORRECT_VERSION,
					   "Kernel PlugIn '%s' was refused by kagent: it was built for another Kernel PlugIn ABI and must be rebuilt (%s)",
					   pcKPDriverName, op.loaded);
		case ENOEXEC:
			return wdc_dev_err(hDev, fn, WD_NOT_SUPPORTED,
					   "Kernel PlugIn '%s' has no KP_Open for a %zu-bit process (a 32-bit process needs KP_Open_32_64 in the plugin's KP_INIT)",
					   pcKPDriverName, sizeof(void *) * 8);
		case ECANCELED:
			return wdc_dev_err(hDev, fn, WD_KERPLUG_FAILURE,
					   "Kernel PlugIn '%s' refused the open (its KP_Open returned FALSE)",
					   pcKPDriverName);
		default:
			return wdc_dev_err(hDev, fn, wdc_errno_to_status(err),
					   "KAG_IOC_KP_OPEN of '%s' failed: %s",
					   pcKPDriverName,
					   wdc_strerror(err, ebuf, sizeof(ebuf)));
		}
	}
	atomic_store(&hDev->kp_handle, op.kp_handle);
	return WD_STATUS_SUCCESS;
}

WDC_STATUS WDC_KernelPlugInClose(WDC_DEVICE_HANDLE hDev)
{
	struct kag_dev_close cl;
	char ebuf[128];
	uint32_t kp;

	if (!wdc_dev_valid(hDev))
		return WD_INVALID_HANDLE;
	kp = atomic_exchange(&hDev->kp_handle, 0);
	if (!kp)
		return wdc_dev_err(hDev, "WDC_KernelPlugInClose",
				   WD_INVALID_HANDLE,
				   "no Kernel PlugIn is open on this device");
	memset(&cl, 0, sizeof(cl));
	cl.argsz = sizeof(cl);
	cl.handle = kp;
	if (ioctl(hDev->drv->fd, KAG_IOC_KP_CLOSE, &cl) < 0)
		return wdc_dev_err(hDev, "WDC_KernelPlugInClose",
				   wdc_errno_to_status(errno),
				   "KAG_IOC_KP_CLOSE failed: %s",
				   wdc_strerror(errno, ebuf, sizeof(ebuf)));
	return WD_STATUS_SUCCESS;
}

bool WDC_IsKernelPlugInOpen(WDC_DEVICE_HANDLE hDev)
{
	return wdc_dev_valid(hDev) && atomic_load(&hDev->kp_handle);
}

WDC_STATUS WDC_CallKerPlug(WDC_DEVICE_HANDLE hDev, uint32_t dwMsg,
			   void *pData, uint32_t *pdwResult)
{
	static const char fn[] = "WDC_CallKerPlug";
	struct kag_kp_call c;
	char ebuf[128];
	int err;

	if (!wdc_dev_valid(hDev))
		return WD_INVALID_HANDLE;
	if (!pdwResult)
		return wdc_dev_err(hDev, fn, WD_INVALID_PARAMETER,
				   "the result pointer is NULL");
	memset(&c, 0, sizeof(c));
	c.argsz = sizeof(c);
	c.kp_handle = atomic_load(&hDev->kp_handle);
	if (!c.kp_handle)
		return wdc_dev_err(hDev, fn, WD_INVALID_HANDLE,
				   "no Kernel PlugIn is open on this device (WDC_KernelPlugInOpen)");
	c.message = dwMsg;
	c.data = (uint64_t)(uintptr_t)pData;
	if (ioctl(hDev->drv->fd, KAG_IOC_KP_CALL, &c) < 0) {
		err = errno;
		if (err == ENOSYS)
			return wdc_dev_err(hDev, fn, WD_NOT_SUPPORTED,
					   "the Kernel PlugIn has no KP_Call");
		return wdc_dev_err(hDev, fn, wdc_errno_to_status(err),
				   "KAG_IOC_KP_CALL failed: %s",
				   wdc_strerror(err, ebuf, sizeof(ebuf)));
	}
	*pdwResult = c.result;
	return WD_STATUS_SUCCESS;
}

WDC_STATUS WDC_KernelPlugInList(WDC_DRIVER_HANDLE hDrv, char *pcNames,
				size_t len, uint32_t *pdwCount)
{
	struct kag_kp_list l;
	char ebuf[128];

	if (!wdc_drv_valid(hDrv))
		return WD_INVALID_HANDLE;
	if (!pcNames || !len)
		return wdc_set_err(hDrv, WD_INVALID_PARAMETER,
				   "WDC_KernelPlugInList: no buffer for the names");
	memset(&l, 0, sizeof(l));
	l.argsz = sizeof(l);
	if (ioctl(hDrv->fd, KAG_IOC_KP_LIST, &l) < 0)
		return wdc_set_err(hDrv, wdc_errno_to_status(errno),
				   "WDC_KernelPlugInList: KAG_IOC_KP_LIST failed: %s",
				   wdc_strerror(errno, ebuf, sizeof(ebuf)));
	l.names[sizeof(l.names) - 1] = '\0';
	if (strlen(l.names) >= len)
		return wdc_set_err(hDrv, WD_INSUFFICIENT_RESOURCES,
				   "WDC_KernelPlugInList: the names need %zu bytes",
				   strlen(l.names) + 1);
	strcpy(pcNames, l.names);
	if (pdwCount)
		*pdwCount = l.count;
	return WD_STATUS_SUCCESS;
}

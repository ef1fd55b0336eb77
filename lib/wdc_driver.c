// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * wdc_driver.c - the driver handle: opening the agent, checking its ABI
 * version, closing, and the per-handle text of the last failure.
 */
#include "wdc_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define WDC_ABI_MAJOR(v) KAG_ABI_VERSION_MAJOR(v)
#define WDC_ABI_MINOR(v) KAG_ABI_VERSION_MINOR(v)

bool wdc_drv_valid(const struct wdc_driver *drv)
{
	return drv && drv->magic == WDC_DRIVER_MAGIC;
}

uint32_t WDC_LibAbiVersion(void)
{
	return KAG_ABI_VERSION;
}

/*
 * The compatibility rule of kagent_uapi.h: same major, and an agent minor
 * at least the library's (a newer agent only adds).  On refusal @msg says
 * both versions and what to do.
 */
WDC_STATUS wdc_abi_check(uint32_t agent_abi, uint32_t lib_abi, char *msg,
			 size_t len)
{
	unsigned int amaj = WDC_ABI_MAJOR(agent_abi);
	unsigned int amin = WDC_ABI_MINOR(agent_abi);
	unsigned int lmaj = WDC_ABI_MAJOR(lib_abi);
	unsigned int lmin = WDC_ABI_MINOR(lib_abi);

	if (amaj == lmaj && amin >= lmin) {
		if (msg && len)
			msg[0] = '\0';
		return WD_STATUS_SUCCESS;
	}
	if (msg && len) {
		if (amaj != lmaj)
			snprintf(msg, len,
				 "kagent ABI %u.%u is incompatible with libwdc ABI %u.%u: install matching versions",
				 amaj, amin, lmaj, lmin);
		else
			snprintf(msg, len,
				 "kagent ABI %u.%u is incompatible with libwdc ABI %u.%u (the agent is older than the library): install matching versions",
				 amaj, amin, lmaj, lmin);
	}
	return WD_INCORRECT_VERSION;
}

static void wdc_vset_err(struct wdc_driver *drv, const char *fmt, va_list ap)
{
	pthread_mutex_lock(&drv->lock);
	vsnprintf(drv->err, sizeof(drv->err), fmt, ap);
	pthread_mutex_unlock(&drv->lock);
}

WDC_STATUS wdc_set_err(struct wdc_driver *drv, WDC_STATUS status,
		       const char *fmt, ...)
{
	va_list ap;

	if (!wdc_drv_valid(drv))
		return status;
	va_start(ap, fmt);
	wdc_vset_err(drv, fmt, ap);
	va_end(ap);
	return status;
}

/* A new handle for an open agent file @fd (-1 for tests without agent). */
struct wdc_driver *wdc_driver_new(int fd)
{
	struct wdc_driver *drv = calloc(1, sizeof(*drv));

	if (!drv)
		return NULL;
	if (pthread_mutex_init(&drv->lock, NULL)) {
		free(drv);
		return NULL;
	}
	drv->fd = fd;
	drv->magic = WDC_DRIVER_MAGIC;
	return drv;
}

void wdc_drv_link(struct wdc_driver *drv, struct wdc_device *dev)
{
	pthread_mutex_lock(&drv->lock);
	dev->next = drv->devices;
	drv->devices = dev;
	pthread_mutex_unlock(&drv->lock);
}

void wdc_drv_unlink(struct wdc_driver *drv, struct wdc_device *dev)
{
	struct wdc_device **pp;

	pthread_mutex_lock(&drv->lock);
	for (pp = &drv->devices; *pp; pp = &(*pp)->next) {
		if (*pp == dev) {
			*pp = dev->next;
			break;
		}
	}
	dev->next = NULL;
	pthread_mutex_unlock(&drv->lock);
}

/* Is a device at @slot open through @drv? */
bool wdc_drv_has_slot(struct wdc_driver *drv, const WD_PCI_SLOT *slot)
{
	const struct wdc_device *dev;
	bool found = false;

	pthread_mutex_lock(&drv->lock);
	for (dev = drv->devices; dev && !found; dev = dev->next)
		found = !memcmp(&dev->info.pciSlot, slot, sizeof(*slot));
	pthread_mutex_unlock(&drv->lock);
	return found;
}

static WDC_STATUS wdc_open_err(char *errbuf, size_t errlen, WDC_STATUS status,
			       const char *fmt, ...) WDC_PRINTF(4, 5);

static WDC_STATUS wdc_open_err(char *errbuf, size_t errlen, WDC_STATUS status,
			       const char *fmt, ...)
{
	va_list ap;

	if (errbuf && errlen) {
		va_start(ap, fmt);
		vsnprintf(errbuf, errlen, fmt, ap);
		va_end(ap);
	}
	return status;
}

/* open() of the agent failed with @err: say why and what to do. */
static WDC_STATUS wdc_open_failed(const char *path, int err, char *errbuf,
				  size_t errlen)
{
	char ebuf[128];
	const char *etext = wdc_strerror(err, ebuf, sizeof(ebuf));

	switch (err) {
	case ENOENT:
	case ENXIO:
	case ENODEV:
	case ENOTDIR:
	case EISDIR:
		return wdc_open_err(errbuf, errlen, WD_DRIVER_NOT_LOADED,
				    "cannot open %s: %s: load the agent with 'modprobe kagent'",
				    path, etext);
	case EACCES:
		return wdc_open_err(errbuf, errlen, WD_PERMISSION_DENIED,
				    "cannot open %s: %s: run as root or add a udev rule that gives your user access to %s",
				    path, etext, path);
	case EPERM:
		return wdc_open_err(errbuf, errlen, WD_PERMISSION_DENIED,
				    "cannot open %s: %s: run as root (kernel lockdown or a security module may also forbid it)",
				    path, etext);
	default:
		return wdc_open_err(errbuf, errlen, wdc_errno_to_status(err),
				    "cannot open %s: %s", path, etext);
	}
}

WDC_STATUS WDC_DriverOpenEx(WDC_DRIVER_HANDLE *phDrv, const char *pcPath,
			    uint32_t options, char *pcErrBuf, size_t errLen)
{
	struct kag_version ver;
	struct wdc_driver *drv;
	char ebuf[128];
	WDC_STATUS status;
	int fd, err;

	if (pcErrBuf && errLen)
		pcErrBuf[0] = '\0';
	if (!phDrv || !pcPath)
		return wdc_open_err(pcErrBuf, errLen, WD_INVALID_PARAMETER,
				    "WDC_DriverOpen: %s is NULL",
				    !phDrv ? "the handle pointer" : "the path");
	if (options & ~(uint32_t)WDC_DRV_OPEN_ALL)
		return wdc_open_err(pcErrBuf, errLen, WD_INVALID_PARAMETER,
				    "WDC_DriverOpen: unknown options 0x%x",
				    options & ~(uint32_t)WDC_DRV_OPEN_ALL);

	fd = open(pcPath, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return wdc_open_failed(pcPath, errno, pcErrBuf, errLen);

	memset(&ver, 0, sizeof(ver));
	ver.argsz = sizeof(ver);
	if (ioctl(fd, KAG_IOC_GET_VERSION, &ver) < 0) {
		err = errno;
		close(fd);
		if (err == ENOTTY || err == EINVAL)
			return wdc_open_err(pcErrBuf, errLen,
					    WD_DRIVER_NOT_LOADED,
					    "%s is not a kagent device (KAG_IOC_GET_VERSION: %s)",
					    pcPath,
					    wdc_strerror(err, ebuf, sizeof(ebuf)));
		return wdc_open_err(pcErrBuf, errLen, wdc_errno_to_status(err),
				    "cannot query the kagent version on %s: %s",
				    pcPath, wdc_strerror(err, ebuf, sizeof(ebuf)));
	}

	/* Version check: always, whatever WDC_DRV_OPEN_CHECK_VER says. */
	status = wdc_abi_check(ver.abi_version, KAG_ABI_VERSION, pcErrBuf,
			       errLen);
	if (status) {
		close(fd);
		return status;
	}

	drv = wdc_driver_new(fd);
	if (!drv) {
		close(fd);
		return wdc_open_err(pcErrBuf, errLen, WD_INSUFFICIENT_RESOURCES,
				    "WDC_DriverOpen: out of memory");
	}
	drv->agent_abi = ver.abi_version;
	memcpy(drv->agent_version, ver.agent_version,
	       sizeof(ver.agent_version));
	drv->agent_version[sizeof(drv->agent_version) - 1] = '\0';
	*phDrv = drv;
	return WD_STATUS_SUCCESS;
}

WDC_STATUS WDC_DriverOpenPath(WDC_DRIVER_HANDLE *phDrv, const char *pcPath,
			      uint32_t options)
{
	return WDC_DriverOpenEx(phDrv, pcPath, options, NULL, 0);
}

WDC_STATUS WDC_DriverOpen(WDC_DRIVER_HANDLE *phDrv, uint32_t options)
{
	return WDC_DriverOpenEx(phDrv, WDC_KAGENT_DEFAULT_PATH, options, NULL,
				0);
}

WDC_STATUS WDC_DriverClose(WDC_DRIVER_HANDLE hDrv)
{
	struct wdc_device *dev, *next;

	if (!wdc_drv_valid(hDrv))
		return WD_INVALID_HANDLE;

	/* Nobody may use the handle any more: take the devices and go. */
	pthread_mutex_lock(&hDrv->lock);
	dev = hDrv->devices;
	hDrv->devices = NULL;
	pthread_mutex_unlock(&hDrv->lock);
	for (; dev; dev = next) {
		next = dev->next;
		/*
		 * Unmapping is what matters: a mapping keeps the file (and
		 * so the device) open.  The explicit close also releases the
		 * device when a forked child still shares the file.
		 */
		wdc_device_release(dev);
	}

	hDrv->magic = 0;
	if (hDrv->fd >= 0)
		close(hDrv->fd);
	pthread_mutex_destroy(&hDrv->lock);
	free(hDrv);
	return WD_STATUS_SUCCESS;
}

const char *WDC_GetLastErrStr(WDC_DRIVER_HANDLE hDrv)
{
	if (!wdc_drv_valid(hDrv))
		return "invalid driver handle";
	return hDrv->err;
}

WDC_STATUS WDC_CopyLastErrStr(WDC_DRIVER_HANDLE hDrv, char *pcBuf, size_t len)
{
	if (!wdc_drv_valid(hDrv))
		return WD_INVALID_HANDLE;
	if (!pcBuf || !len)
		return WD_INVALID_PARAMETER;
	pthread_mutex_lock(&hDrv->lock);
	snprintf(pcBuf, len, "%s", hDrv->err);
	pthread_mutex_unlock(&hDrv->lock);
	return WD_STATUS_SUCCESS;
}

WDC_STATUS WDC_GetAgentVersion(WDC_DRIVER_HANDLE hDrv, uint32_t *pdwAbiVersion,
			       char *pcVersion, size_t len)
{
	if (!wdc_drv_valid(hDrv))
		return WD_INVALID_HANDLE;
	if (!pdwAbiVersion && !pcVersion)
		return wdc_set_err(hDrv, WD_INVALID_PARAMETER,
				   "WDC_GetAgentVersion: both outputs are NULL");
	if (pcVersion && len <= strlen(hDrv->agent_version))
		return wdc_set_err(hDrv, WD_INVALID_PARAMETER,
				   "WDC_GetAgentVersion: the version buffer needs %zu bytes",
				   strlen(hDrv->agent_version) + 1);
	if (pdwAbiVersion)
		*pdwAbiVersion = hDrv->agent_abi;
	if (pcVersion)
		memcpy(pcVersion, hDrv->agent_version,
		       strlen(hDrv->agent_version) + 1);
	return WD_STATUS_SUCCESS;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * wdc_status.c - status codes: their names, and the one mapping from the
 * errno values of the agent and the system to status codes.
 */
#include "wdc_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

const char *WDC_StatusStr(WDC_STATUS status)
{
	switch (status) {
	case WD_STATUS_SUCCESS:
		return "Success";
	case WD_INVALID_HANDLE:
		return "Invalid handle";
	case WD_INSUFFICIENT_RESOURCES:
		return "Insufficient resources";
	case WD_SYSTEM_INTERNAL_ERROR:
		return "Internal error";
	case WD_NOT_IMPLEMENTED:
		return "Function not implemented";
	case WD_KERPLUG_FAILURE:
		return "Kernel PlugIn failure";
	case WD_FAILED_ENABLING_INTERRUPT:
		return "Failed enabling interrupts";
	case WD_INTERRUPT_NOT_ENABLED:
		return "Interrupts are not enabled";
	case WD_DEVICE_NOT_FOUND:
		return "Device not found";
	case WD_OPERATION_ALREADY_DONE:
		return "Operation already done";
	case WD_TIME_OUT_EXPIRED:
		return "Time-out expired";
	case WD_INVALID_PARAMETER:
		return "Invalid parameter";
	case WD_INCORRECT_VERSION:
		return "Incorrect version (kagent and libwdc ABIs do not match)";
	case WD_TRY_AGAIN:
		return "Resource temporarily unavailable: try again";
	case WD_DRIVER_NOT_LOADED:
		return "Kernel agent not found (is kagent loaded?)";
	case WD_INVALID_IOCTL:
		return "Request unknown to the kernel agent";
	case WD_OPERATION_FAILED:
		return "Operation failed";
	case WD_TOO_MANY_HANDLES:
		return "Too many open handles";
	case WD_DEVICE_BUSY:
		return "Device busy (bound to another driver or already open)";
	case WD_PERMISSION_DENIED:
		return "Permission denied";
	case WD_NOT_SUPPORTED:
		return "Operation not supported";
	case WD_INTERRUPTED:
		return "Interrupted by a signal";
	case WD_BAD_ADDRESS:
		return "Bad address of a user buffer";
	default:
		return "Unknown status";
	}
}

/*
 * The errno values the agent returns (see kagent_uapi.h) and those of
 * open(), mmap() and ioctl() themselves.  Contexts where an errno means
 * something more specific (ENOENT when opening /dev/kagent, EBUSY with a
 * driver name) handle it before calling this.
 */
WDC_STATUS wdc_errno_to_status(int err)
{
	if (err < 0)
		err = -err;
	switch (err) {
	case 0:
		return WD_STATUS_SUCCESS;
	case EBADF:
		return WD_INVALID_HANDLE;
	case EINVAL:
	case ERANGE:
	case EOVERFLOW:
	case E2BIG:
		return WD_INVALID_PARAMETER;
	case ENODEV:
	case ENXIO:
	case ENOENT:
		return WD_DEVICE_NOT_FOUND;
	case EBUSY:
		return WD_DEVICE_BUSY;
	case EACCES:
	case EPERM:
		return WD_PERMISSION_DENIED;
	case ENOMEM:
	case ENOSPC:
		return WD_INSUFFICIENT_RESOURCES;
	case EMFILE:
	case ENFILE:
		return WD_TOO_MANY_HANDLES;
	case ENOTTY:
		return WD_INVALID_IOCTL;
	case EOPNOTSUPP:
#if defined(ENOTSUP) && ENOTSUP != EOPNOTSUPP
	case ENOTSUP:
#endif
	case ENOSYS:
		return WD_NOT_SUPPORTED;
	case ETIMEDOUT:
	case ETIME:
		return WD_TIME_OUT_EXPIRED;
	case EINTR:
		return WD_INTERRUPTED;
	case EFAULT:
		return WD_BAD_ADDRESS;
	case EAGAIN:
		return WD_TRY_AGAIN;
	default:
		return WD_OPERATION_FAILED;
	}
}

/* strerror_r returns int (POSIX) or char * (GNU) depending on the libc. */
static const char *wdc_strerror_posix(int ret, char *buf, size_t len, int err)
{
	if (ret != 0)
		snprintf(buf, len, "error %d", err);
	return buf;
}

static const char *wdc_strerror_gnu(const char *ret, char *buf, size_t len,
				    int err)
{
	(void)buf;
	(void)len;
	(void)err;
	return ret;
}

/* Thread-safe strerror(): the text lives in @buf or in the C library. */
const char *wdc_strerror(int err, char *buf, size_t len)
{
	if (!buf || !len)
		return "";
	buf[0] = '\0';
	return _Generic(strerror_r(err, buf, len),
			int: wdc_strerror_posix,
			default: wdc_strerror_gnu)(strerror_r(err, buf, len),
						   buf, len, err);
}

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * wdc_status.c - the one mapping from the errno values of the agent and the
 * system to status codes (their names are in wdc_status_str.c).
 */
#include "wdc_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

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

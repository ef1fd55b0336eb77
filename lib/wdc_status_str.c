// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * wdc_status_str.c - the names of the status codes.  Compiled into libwdc
 * and, unchanged, into kagent.ko (kagent/kag_status_str.c includes it), so
 * Kernel PlugIns get the same WDC_StatusStr(): it must depend on nothing
 * but <wdc/wdc_regs.h>.
 */
#include <wdc/wdc_regs.h>

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

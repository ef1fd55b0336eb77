// SPDX-License-Identifier: GPL-2.0
/*
 * kp_badabi.c - a test Kernel PlugIn built for another Kernel PlugIn ABI
 * (0.9): kagent must refuse it at load, with a kernel log line, and the
 * library must say why when user mode tries to open it.
 */
#define KP_BUILD_ABI_VERSION ((0 << 16) | 9)
#include <wdc/kp.h>

static BOOL kp_badabi_open(KP_OPEN_CALL *kpOpenCall, WDC_DEVICE_HANDLE hDev,
			   void __user *pOpenData, PVOID *ppDrvContext)
{
	return TRUE;
}

BOOL KP_Init(KP_INIT *kpInit)
{
	strscpy(kpInit->cDriverName, "KP_BADABI", sizeof(kpInit->cDriverName));
	kpInit->funcOpen = kp_badabi_open;
	return TRUE;
}

KP_MODULE();
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("wdkit test: a Kernel PlugIn built for the wrong ABI");

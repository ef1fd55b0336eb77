// SPDX-License-Identifier: GPL-2.0
/*
 * kp_no32.c - a test Kernel PlugIn with KP_Open but no KP_Open_32_64: a
 * 64-bit process can open it, a 32-bit one must be refused clearly.
 */
#include <wdc/kp.h>

static void kp_no32_call(PVOID pDrvContext, WD_KERNEL_PLUGIN_CALL *kpCall)
{
	kpCall->dwResult = kpCall->dwMessage + 1;
}

static BOOL kp_no32_open(KP_OPEN_CALL *kpOpenCall, WDC_DEVICE_HANDLE hDev,
			 void __user *pOpenData, PVOID *ppDrvContext)
{
	kpOpenCall->funcCall = kp_no32_call;
	*ppDrvContext = NULL;
	return TRUE;
}

BOOL KP_Init(KP_INIT *kpInit)
{
	strscpy(kpInit->cDriverName, "KP_NO32", sizeof(kpInit->cDriverName));
	kpInit->funcOpen = kp_no32_open;
	return TRUE;
}

KP_MODULE();
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("wdkit test: a Kernel PlugIn without KP_Open_32_64");

// SPDX-License-Identifier: GPL-2.0
/*
 * kp_hello.c - the smallest Kernel PlugIn, built out of tree against an
 * installed wdkit: it answers every message with the message ID plus one
 * and reads the device's first register on message 0.  Build and load:
 *     make -C /lib/modules/$(uname -r)/build M=$PWD modules
 *     insmod kp_hello.ko      (after kagent)
 */
#include <wdc/kp.h>

static void kp_hello_call(PVOID pDrvContext, WD_KERNEL_PLUGIN_CALL *kpCall)
{
	WDC_DEVICE_HANDLE hDev = pDrvContext;
	UINT32 reg0 = 0;

	if (kpCall->dwMessage == 0) {
		/* The same call user mode makes, on kagent's kernel mapping. */
		WDC_ReadAddr32(hDev, 0, 0, &reg0);
		kpCall->dwResult = reg0;
		return;
	}
	kpCall->dwResult = kpCall->dwMessage + 1;
}

static BOOL kp_hello_open(KP_OPEN_CALL *kpOpenCall, WDC_DEVICE_HANDLE hDev,
			  void __user *pOpenData, PVOID *ppDrvContext)
{
	kpOpenCall->funcCall = kp_hello_call;
	*ppDrvContext = hDev;
	return TRUE;
}

BOOL KP_Init(KP_INIT *kpInit)
{
	strscpy(kpInit->cDriverName, "KP_HELLO", sizeof(kpInit->cDriverName));
	kpInit->funcOpen = kp_hello_open;
	kpInit->funcOpen_32_64 = kp_hello_open;	/* no open data to translate */
	return TRUE;
}

KP_MODULE();
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kp_hello: a minimal out-of-tree wdkit Kernel PlugIn");

// SPDX-License-Identifier: GPL-2.0
/*
 * kp_pci_main.c - KP_PCI, the sample Kernel PlugIn for QEMU's edu device
 * (the seeds' KP_PCI): version, register read/write and factorial
 * messages, and in-kernel interrupt handling that acknowledges the device
 * in the hard IRQ handler and wakes user mode only every Nth interrupt.
 * The device logic is edu_lib.c, the same file user programs compile.
 */
#include <linux/atomic.h>
#include <linux/compat.h>
#include <linux/moduleparam.h>
#include <linux/string.h>

#include <wdc/kp.h>

#include "edu_lib.h"
#include "kp_pci.h"

/*
 * Live contexts and KP_IntDisable calls, readable in
 * /sys/module/kp_pci/parameters/: tests use them to prove that KP_Close
 * and KP_IntDisable run on close and when the process is killed.
 */
static atomic_t open_contexts = ATOMIC_INIT(0);
static atomic_t int_disables = ATOMIC_INIT(0);
module_param_named(open_contexts, open_contexts.counter, int, 0444);
MODULE_PARM_DESC(open_contexts, "open KP_PCI handles (KP_Open minus KP_Close)");
module_param_named(int_disables, int_disables.counter, int, 0444);
MODULE_PARM_DESC(int_disables, "KP_IntDisable calls since load");

/* Per open handle (KP_Open's driver context; also the interrupt context). */
struct kp_pci_ctx {
	WDC_DEVICE_HANDLE hDev;
	KP_PCI_OPEN_INFO open_info;
	u32 wake_every;		/* wake user mode every N interrupts */
	u32 pending;		/* DPC counts not yet turned into wakes */
	atomic64_t irql_calls;
	atomic64_t mine;
	atomic64_t dpc_calls;
	atomic64_t dpc_count;
	atomic64_t user_wakes;
	atomic_t int_enables;
};

/* The open data as a 64-bit and as a 32-bit process lay it out. */
struct kp_pci_open_data64 {
	u32 dwMagic;
	u32 pad;
	u64 pcClient;
};

struct kp_pci_open_data32 {
	u32 dwMagic;
	u32 pcClient;
};

static void KP_PCI_Close(PVOID pDrvContext);
static void KP_PCI_Call(PVOID pDrvContext, WD_KERNEL_PLUGIN_CALL *kpCall);
static BOOL KP_PCI_IntEnable(PVOID pDrvContext, WD_KERNEL_PLUGIN_CALL *kpCall,
			     PVOID *ppIntContext);
static void KP_PCI_IntDisable(PVOID pIntContext);
static BOOL KP_PCI_IntAtIrql(PVOID pIntContext, BOOL *pfIsMyInterrupt);
static DWORD KP_PCI_IntAtDpc(PVOID pIntContext, DWORD dwCount);
static BOOL KP_PCI_IntAtIrqlMSI(PVOID pIntContext, ULONG dwLastMessage,
				DWORD dwReserved);
static DWORD KP_PCI_IntAtDpcMSI(PVOID pIntContext, DWORD dwCount,
				ULONG dwLastMessage, DWORD dwReserved);

/* Common part of both KP_Open variants, once the open data is decoded. */
static BOOL kp_pci_open(KP_OPEN_CALL *kpOpenCall, WDC_DEVICE_HANDLE hDev,
			u32 bits, u32 magic, const char __user *client,
			PVOID *ppDrvContext)
{
	struct kp_pci_ctx *ctx;
	long n;

	if (magic != KP_PCI_OPEN_MAGIC)
		return FALSE;
	ctx = malloc(sizeof(*ctx));
	if (!ctx)
		return FALSE;
	memset(ctx, 0, sizeof(*ctx));
	ctx->hDev = hDev;
	ctx->wake_every = 1;
	ctx->open_info.dwOpenBits = bits;
	ctx->open_info.dwMagic = magic;
	if (client) {
		n = strncpy_from_user(ctx->open_info.cClient, client,
				      sizeof(ctx->open_info.cClient) - 1);
		if (n < 0) {
			free(ctx);
			return FALSE;	/* bad pointer: refuse, don't crash */
		}
	}

	kpOpenCall->funcClose = KP_PCI_Close;
	kpOpenCall->funcCall = KP_PCI_Call;
	kpOpenCall->funcIntEnable = KP_PCI_IntEnable;
	kpOpenCall->funcIntDisable = KP_PCI_IntDisable;
	kpOpenCall->funcIntAtIrql = KP_PCI_IntAtIrql;
	kpOpenCall->funcIntAtDpc = KP_PCI_IntAtDpc;
	kpOpenCall->funcIntAtIrqlMSI = KP_PCI_IntAtIrqlMSI;
	kpOpenCall->funcIntAtDpcMSI = KP_PCI_IntAtDpcMSI;
	kpOpenCall->funcEvent = NULL;
	*ppDrvContext = ctx;
	atomic_inc(&open_contexts);
	KP_TraceDev(hDev, KAG_TRACE_LEVEL_INFO, "opened by '%s' (%u-bit caller)",
		    ctx->open_info.cClient, bits);
	return TRUE;
}

/* KP_Open for a process of the kernel's width. */
static BOOL KP_PCI_Open(KP_OPEN_CALL *kpOpenCall, WDC_DEVICE_HANDLE hDev,
			void __user *pOpenData, PVOID *ppDrvContext)
{
	struct kp_pci_open_data64 od;

	if (!pOpenData || COPY_FROM_USER(&od, pOpenData, sizeof(od)))
		return FALSE;
	return kp_pci_open(kpOpenCall, hDev, 64, od.dwMagic,
			   u64_to_user_ptr(od.pcClient), ppDrvContext);
}

/* KP_Open_32_64: a 32-bit process; translate its 32-bit open data. */
static BOOL KP_PCI_Open_32_64(KP_OPEN_CALL *kpOpenCall, WDC_DEVICE_HANDLE hDev,
			      void __user *pOpenData, PVOID *ppDrvContext)
{
	struct kp_pci_open_data32 od;

	if (!pOpenData || COPY_FROM_USER(&od, pOpenData, sizeof(od)))
		return FALSE;
	return kp_pci_open(kpOpenCall, hDev, 32, od.dwMagic,
			   compat_ptr(od.pcClient), ppDrvContext);
}

static void KP_PCI_Close(PVOID pDrvContext)
{
	free(pDrvContext);
	atomic_dec(&open_contexts);
}

/* Copy @size bytes in from the caller, or set the bad-data result. */
static bool kp_pci_in(WD_KERNEL_PLUGIN_CALL *kpCall, void *dst, size_t size)
{
	if (!kpCall->pData || COPY_FROM_USER(dst, kpCall->pData, size)) {
		kpCall->dwResult = KP_PCI_STATUS_BAD_DATA;
		return false;
	}
	return true;
}

static void kp_pci_out(WD_KERNEL_PLUGIN_CALL *kpCall, const void *src,
		       size_t size)
{
	if (!kpCall->pData || COPY_TO_USER(kpCall->pData, src, size))
		kpCall->dwResult = KP_PCI_STATUS_BAD_DATA;
	else
		kpCall->dwResult = KP_PCI_STATUS_OK;
}

static void KP_PCI_Call(PVOID pDrvContext, WD_KERNEL_PLUGIN_CALL *kpCall)
{
	struct kp_pci_ctx *ctx = pDrvContext;
	KP_PCI_VERSION_INFO ver;
	KP_PCI_COUNTERS cnt;
	KP_PCI_FACTORIAL fact;
	KP_PCI_RW rw;
	u32 n;

	KP_Trace("message %u", kpCall->dwMessage);
	switch (kpCall->dwMessage) {
	case KP_PCI_MSG_VERSION:
		memset(&ver, 0, sizeof(ver));
		ver.dwVer = KP_PCI_VERSION;
		strscpy(ver.cVer, KP_PCI_VERSION_STR, sizeof(ver.cVer));
		kp_pci_out(kpCall, &ver, sizeof(ver));
		break;
	case KP_PCI_MSG_READ:
		if (!kp_pci_in(kpCall, &rw, sizeof(rw)))
			break;
		if (WDC_ReadAddr32(ctx->hDev, EDU_BAR, rw.dwOffset,
				   &rw.dwValue) != WD_STATUS_SUCCESS) {
			kpCall->dwResult = KP_PCI_STATUS_INVALID;
			break;
		}
		kp_pci_out(kpCall, &rw, sizeof(rw));
		break;
	case KP_PCI_MSG_WRITE:
		if (!kp_pci_in(kpCall, &rw, sizeof(rw)))
			break;
		kpCall->dwResult = WDC_WriteAddr32(ctx->hDev, EDU_BAR,
						   rw.dwOffset, rw.dwValue) ==
				   WD_STATUS_SUCCESS ? KP_PCI_STATUS_OK :
						       KP_PCI_STATUS_INVALID;
		break;
	case KP_PCI_MSG_FACTORIAL:
		if (!kp_pci_in(kpCall, &fact, sizeof(fact)))
			break;
		if (EDU_Factorial(ctx->hDev, fact.dwN, &fact.dwResult) !=
		    WD_STATUS_SUCCESS) {
			kpCall->dwResult = KP_PCI_STATUS_DEVICE;
			break;
		}
		kp_pci_out(kpCall, &fact, sizeof(fact));
		break;
	case KP_PCI_MSG_SET_WAKE_EVERY:
		if (!kp_pci_in(kpCall, &n, sizeof(n)))
			break;
		if (!n) {
			kpCall->dwResult = KP_PCI_STATUS_INVALID;
			break;
		}
		WRITE_ONCE(ctx->wake_every, n);
		kpCall->dwResult = KP_PCI_STATUS_OK;
		break;
	case KP_PCI_MSG_GET_COUNTERS:
		memset(&cnt, 0, sizeof(cnt));
		cnt.qwIrqlCalls = atomic64_read(&ctx->irql_calls);
		cnt.qwMine = atomic64_read(&ctx->mine);
		cnt.qwDpcCalls = atomic64_read(&ctx->dpc_calls);
		cnt.qwDpcCount = atomic64_read(&ctx->dpc_count);
		cnt.qwUserWakes = atomic64_read(&ctx->user_wakes);
		cnt.dwWakeEvery = READ_ONCE(ctx->wake_every);
		cnt.dwIntEnables = atomic_read(&ctx->int_enables);
		kp_pci_out(kpCall, &cnt, sizeof(cnt));
		break;
	case KP_PCI_MSG_OPEN_INFO:
		kp_pci_out(kpCall, &ctx->open_info, sizeof(ctx->open_info));
		break;
	default:
		KP_Err("unknown message %u", kpCall->dwMessage);
		kpCall->dwResult = KP_PCI_STATUS_MSG_NO_IMPL;
		break;
	}
}

static BOOL KP_PCI_IntEnable(PVOID pDrvContext, WD_KERNEL_PLUGIN_CALL *kpCall,
			     PVOID *ppIntContext)
{
	struct kp_pci_ctx *ctx = pDrvContext;

	atomic64_set(&ctx->irql_calls, 0);
	atomic64_set(&ctx->mine, 0);
	atomic64_set(&ctx->dpc_calls, 0);
	atomic64_set(&ctx->dpc_count, 0);
	atomic64_set(&ctx->user_wakes, 0);
	ctx->pending = 0;
	atomic_inc(&ctx->int_enables);
	*ppIntContext = ctx;	/* the interrupt context is the open context */
	return TRUE;
}

static void KP_PCI_IntDisable(PVOID pIntContext)
{
	atomic_inc(&int_disables);
}

/* Hard IRQ: ours only if the edu has a pending interrupt; ack it here. */
static BOOL KP_PCI_IntAtIrql(PVOID pIntContext, BOOL *pfIsMyInterrupt)
{
	struct kp_pci_ctx *ctx = pIntContext;
	u32 status;

	atomic64_inc(&ctx->irql_calls);
	if (!EDU_AckInterrupt(ctx->hDev, &status)) {
		*pfIsMyInterrupt = FALSE;	/* shared line: pass it on */
		return FALSE;
	}
	atomic64_inc(&ctx->mine);
	KP_Trace("KP_IntAtIrql: claimed, acknowledged status %#x", status);
	*pfIsMyInterrupt = TRUE;
	return TRUE;
}

/* Deferred: wake user mode once per wake_every interrupts. */
static DWORD KP_PCI_IntAtDpc(PVOID pIntContext, DWORD dwCount)
{
	struct kp_pci_ctx *ctx = pIntContext;
	u32 every = READ_ONCE(ctx->wake_every) ?: 1;
	u32 wakes;

	atomic64_inc(&ctx->dpc_calls);
	atomic64_add(dwCount, &ctx->dpc_count);
	ctx->pending += dwCount;	/* DPCs of one interrupt never overlap */
	wakes = ctx->pending / every;
	ctx->pending %= every;
	atomic64_add(wakes, &ctx->user_wakes);
	return wakes;
}

/* MSI: always ours; the edu still wants its status acknowledged. */
static BOOL KP_PCI_IntAtIrqlMSI(PVOID pIntContext, ULONG dwLastMessage,
				DWORD dwReserved)
{
	struct kp_pci_ctx *ctx = pIntContext;
	u32 status;

	atomic64_inc(&ctx->irql_calls);
	if (EDU_AckInterrupt(ctx->hDev, &status)) {
		atomic64_inc(&ctx->mine);
		KP_Trace("KP_IntAtIrqlMSI: vector %lu, acknowledged status %#x",
			 dwLastMessage, status);
	}
	return TRUE;
}

static DWORD KP_PCI_IntAtDpcMSI(PVOID pIntContext, DWORD dwCount,
				ULONG dwLastMessage, DWORD dwReserved)
{
	return KP_PCI_IntAtDpc(pIntContext, dwCount);
}

BOOL KP_Init(KP_INIT *kpInit)
{
	strscpy(kpInit->cDriverName, KP_PCI_DRIVER_NAME,
		sizeof(kpInit->cDriverName));
	kpInit->funcOpen = KP_PCI_Open;
	kpInit->funcOpen_32_64 = KP_PCI_Open_32_64;
	return TRUE;
}

KP_MODULE();

MODULE_LICENSE("GPL");
MODULE_AUTHOR("wdkit developers");
MODULE_DESCRIPTION("KP_PCI: sample wdkit Kernel PlugIn for QEMU's edu device");

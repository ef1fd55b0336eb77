/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdc/kp.h - the Kernel PlugIn API: the one header a plugin module includes.
 *
 * A Kernel PlugIn is a kernel module that registers with kagent.  Its
 * KP_Init() fills a KP_INIT (ABI version, name, KP_Open callbacks); when a
 * user process opens a handle to it (WDC_KernelPlugInOpen()), kagent calls
 * KP_Open (or KP_Open_32_64 for a 32-bit process on a 64-bit kernel), which
 * fills a KP_OPEN_CALL with the plugin's other callbacks.  Mapping to Linux:
 *
 *   KP_IntAtIrql / KP_IntAtIrqlMSI   the hard IRQ handler: must not sleep
 *   KP_IntAtDpc / KP_IntAtDpcMSI     the threaded IRQ handler; its return
 *                                    value is how many times the user-mode
 *                                    handler is woken
 *   fIsMyInterrupt = FALSE           IRQ_NONE: a shared INTx is passed on
 *   COPY_FROM_USER / COPY_TO_USER    copy_from_user / copy_to_user
 *   malloc / free                    kmalloc(GFP_ATOMIC) / kfree: usable in
 *                                    the interrupt handlers
 *
 * The register-access calls of <wdc/wdc_regs.h> (WDC_ReadAddr32() ...)
 * work here with the same names and semantics, on kagent's kernel mapping,
 * so device logic written and debugged in user mode compiles unchanged
 * into the plugin.
 *
 * A plugin is not backwards compatible: it must be rebuilt for the kagent
 * it runs with.  kagent refuses a plugin built for another KP_ABI_VERSION.
 */
#ifndef WDC_KP_H
#define WDC_KP_H

#ifndef __KERNEL__
#error "<wdc/kp.h> is for Kernel PlugIn modules; user code includes <wdc/wdc_lib.h>"
#endif

#include <linux/module.h>
#include <linux/slab.h>
#include <linux/types.h>
#include <linux/uaccess.h>

#include <wdc/kagent_trace.h>
#include <wdc/wdc_regs.h>

/*
 * The plugin ABI: major << 16 | minor, like the ioctl ABI.  A plugin is
 * accepted only by a kagent of exactly this version.
 */
#define KP_ABI_VERSION ((1 << 16) | 0)
#define WD_VER KP_ABI_VERSION

/* The version a plugin is built for; tests override it to prove refusal. */
#ifndef KP_BUILD_ABI_VERSION
#define KP_BUILD_ABI_VERSION KP_ABI_VERSION
#endif

/* WinDriver's basic types, for code that moves between the two. */
typedef u32 DWORD;
typedef u32 UINT32;
typedef u64 UINT64;
typedef u8 BYTE;
typedef u16 WORD;
typedef int BOOL;
typedef void *PVOID;
typedef char CHAR;
typedef unsigned long ULONG;
#ifndef TRUE
#define TRUE 1
#define FALSE 0
#endif

/* Longest plugin name, without the terminating NUL. */
#define KP_DRIVER_NAME_MAX 12

/**
 * WD_KERNEL_PLUGIN_CALL - a message from user mode (WDC_CallKerPlug()),
 * also passed to KP_IntEnable (WDC_IntEnable() with fUseKP).
 * @hKernelPlugIn: the plugin handle the call came through.
 * @dwMessage: the message ID, defined by the plugin.
 * @pData: the caller's data: a user pointer, to be read and written only
 *	with COPY_FROM_USER()/COPY_TO_USER() (it may be bad).
 * @dwResult: set by the plugin; returned to the caller.
 */
typedef struct {
	DWORD hKernelPlugIn;
	DWORD dwMessage;
	void __user *pData;
	DWORD dwResult;
} WD_KERNEL_PLUGIN_CALL;

/* A Plug-and-Play or power event; its fields come with the events issue. */
typedef struct WD_EVENT WD_EVENT;

typedef struct KP_OPEN_CALL KP_OPEN_CALL;

/*
 * KP_Open: @hDev is the device the handle was opened for (use it with the
 * WDC_* register calls); @pOpenData is the caller's open data (a user
 * pointer: COPY_FROM_USER); store your context in *@ppDrvContext.
 * Return TRUE to accept the open.  Runs in process context.
 */
typedef BOOL (*KP_FUNC_OPEN)(KP_OPEN_CALL *kpOpenCall, WDC_DEVICE_HANDLE hDev,
			     void __user *pOpenData, PVOID *ppDrvContext);
/* The handle is closed (also when the process died). */
typedef void (*KP_FUNC_CLOSE)(PVOID pDrvContext);
/* A message from WDC_CallKerPlug(); process context. */
typedef void (*KP_FUNC_CALL)(PVOID pDrvContext, WD_KERNEL_PLUGIN_CALL *kpCall);
/* Interrupts are enabled with this plugin; set *@ppIntContext.  TRUE = ok. */
typedef BOOL (*KP_FUNC_INT_ENABLE)(PVOID pDrvContext,
				   WD_KERNEL_PLUGIN_CALL *kpCall,
				   PVOID *ppIntContext);
/* Interrupts are disabled (also on close and when the process died). */
typedef void (*KP_FUNC_INT_DISABLE)(PVOID pIntContext);
/*
 * Legacy INTx, in the hard IRQ handler: acknowledge the device, set
 * *@pfIsMyInterrupt (FALSE passes a shared interrupt on), return TRUE to
 * schedule KP_IntAtDpc.
 */
typedef BOOL (*KP_FUNC_INT_AT_IRQL)(PVOID pIntContext, BOOL *pfIsMyInterrupt);
/*
 * Deferred handler (threaded IRQ, may sleep); @dwCount = KP_IntAtIrql TRUE
 * returns since the last call.  Returns how many times to wake the
 * user-mode handler (0 = not at all).
 */
typedef DWORD (*KP_FUNC_INT_AT_DPC)(PVOID pIntContext, DWORD dwCount);
/* MSI/MSI-X in the hard IRQ handler; @dwLastMessage = the vector index. */
typedef BOOL (*KP_FUNC_INT_AT_IRQL_MSI)(PVOID pIntContext, ULONG dwLastMessage,
					DWORD dwReserved);
typedef DWORD (*KP_FUNC_INT_AT_DPC_MSI)(PVOID pIntContext, DWORD dwCount,
					ULONG dwLastMessage, DWORD dwReserved);
/* A Plug-and-Play or power event; TRUE forwards it to user mode. */
typedef BOOL (*KP_FUNC_EVENT)(PVOID pDrvContext, WD_EVENT *wd_event);

/**
 * KP_OPEN_CALL - the callbacks KP_Open sets; any may be NULL.
 */
struct KP_OPEN_CALL {
	KP_FUNC_CLOSE funcClose;
	KP_FUNC_CALL funcCall;
	KP_FUNC_INT_ENABLE funcIntEnable;
	KP_FUNC_INT_DISABLE funcIntDisable;
	KP_FUNC_INT_AT_IRQL funcIntAtIrql;
	KP_FUNC_INT_AT_DPC funcIntAtDpc;
	KP_FUNC_INT_AT_IRQL_MSI funcIntAtIrqlMSI;
	KP_FUNC_INT_AT_DPC_MSI funcIntAtDpcMSI;
	KP_FUNC_EVENT funcEvent;
};

/**
 * KP_INIT - filled by KP_Init().
 * @dwVerWD: KP_ABI_VERSION (set by the framework before KP_Init runs).
 * @cDriverName: the name user mode opens the plugin by, at most
 *	KP_DRIVER_NAME_MAX characters.
 * @funcOpen: KP_Open for callers of the kernel's own width.
 * @funcOpen_32_64: KP_Open for a 32-bit process on a 64-bit kernel: it must
 *	translate the 32-bit open data.  Without it, 32-bit opens fail.
 */
typedef struct {
	DWORD dwVerWD;
	CHAR cDriverName[KP_DRIVER_NAME_MAX + 1];
	KP_FUNC_OPEN funcOpen;
	KP_FUNC_OPEN funcOpen_32_64;
} KP_INIT;

/* The plugin defines this (see KP_MODULE()). */
BOOL KP_Init(KP_INIT *kpInit);

/* Registration with kagent, done by KP_MODULE(). */
int kag_kp_register(struct module *owner, u32 abi_version,
		    BOOL (*kp_init)(KP_INIT *kpInit));
void kag_kp_unregister(struct module *owner);

/*
 * KP_MODULE() - make the module a Kernel PlugIn: on load it runs KP_Init()
 * and registers with kagent (a refused registration fails the load); on
 * unload it unregisters.  kagent holds a reference on the module while any
 * handle to it is open, so it cannot be unloaded under a user.
 */
#define KP_MODULE()							\
	static int __init kp_module_init(void)				\
	{								\
		return kag_kp_register(THIS_MODULE,			\
				       KP_BUILD_ABI_VERSION, KP_Init);	\
	}								\
	static void __exit kp_module_exit(void)				\
	{								\
		kag_kp_unregister(THIS_MODULE);				\
	}								\
	module_init(kp_module_init);					\
	module_exit(kp_module_exit)

/*
 * User memory: return 0 on success, non-zero when the user pointer is bad
 * (report an error to the caller then; never dereference it yourself).
 */
#define COPY_FROM_USER(pDst, pSrc, dwSize)				\
	(copy_from_user((pDst), (pSrc), (dwSize)) ? 1 : 0)
#define COPY_TO_USER(pDst, pSrc, dwSize)				\
	(copy_to_user((pDst), (pSrc), (dwSize)) ? 1 : 0)

/*
 * The Debug Monitor (wddebug): records whose source is the plugin's module
 * name, in section KER_PLUG unless you say otherwise.  Callable from every
 * callback, KP_IntAtIrql included; while the monitor is off they cost one
 * patched-out jump and their arguments are not evaluated.
 *   KP_Trace(fmt, ...)              level TRACE
 *   KP_Err(fmt, ...)                level ERROR
 *   KP_TraceDev(hDev, level, fmt, ...)  names the device in the record
 *   KDBG(level, section, fmt, ...)  WinDriver's form
 */
struct pci_dev *kag_wdc_pci_dev(WDC_DEVICE_HANDLE hDev);

#define KDBG(level, section, fmt, ...)					\
	KAGENT_TRACE(level, section, NULL, fmt, ##__VA_ARGS__)
#define KP_Trace(fmt, ...)						\
	KAGENT_TRACE(KAG_TRACE_LEVEL_TRACE, KAG_TRACE_S_KER_PLUG, NULL,	\
		     fmt, ##__VA_ARGS__)
#define KP_Err(fmt, ...)						\
	KAGENT_TRACE(KAG_TRACE_LEVEL_ERROR, KAG_TRACE_S_KER_PLUG, NULL,	\
		     fmt, ##__VA_ARGS__)
#define KP_TraceDev(hDev, level, fmt, ...)				\
	KAGENT_TRACE(level, KAG_TRACE_S_KER_PLUG, kag_wdc_pci_dev(hDev),	\
		     fmt, ##__VA_ARGS__)

/* Memory usable in every callback, the hard IRQ handler included. */
#define malloc(size) kmalloc((size), GFP_ATOMIC)
#define free(ptr) kfree(ptr)

#endif /* WDC_KP_H */

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * wdc_lib.h - the public API of libwdc, WinDriver-style WDC_* calls that
 * drive PCI devices from user mode through the kagent kernel agent.
 *
 * Conventions:
 *  - Every call returns a WDC_STATUS (WD_STATUS_SUCCESS or one of the
 *    WD_* codes below) unless documented otherwise; WDC_StatusStr() names
 *    it and WDC_GetLastErrStr() gives the detailed text of the last failure
 *    on a driver handle.
 *  - Outputs are written only on success, except where a function
 *    documents otherwise.
 *  - There is no global state: everything lives behind a driver handle
 *    (WDC_DriverOpen()) and the device handles opened through it.  Distinct
 *    handles may be used from different threads at the same time; the
 *    register, block, multi-transfer and configuration calls may also be
 *    used concurrently on one device handle.
 *  - The library validates every argument it can before any system call
 *    and returns WD_INVALID_PARAMETER (with a text) for what it rejects;
 *    the kernel agent validates everything again.
 *
 * Deliberate differences from WinDriver: an explicit driver handle instead
 * of a process-wide library state, stdint types, opaque device handles with
 * getters (WDC_GetAddrDesc(), WDC_PciGetDeviceInfo()), and a few status
 * codes WinDriver does not have (WD_DEVICE_BUSY, WD_PERMISSION_DENIED, ...).
 */
#ifndef WDC_LIB_H
#define WDC_LIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <wdc/wdc_regs.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------
 * Driver handle: the connection to the kernel agent
 * ------------------------------------------------------------------------ */

/** An open connection to the kernel agent (one open of /dev/kagent). */
typedef struct wdc_driver *WDC_DRIVER_HANDLE;

/* Options of WDC_DriverOpen() (WinDriver's names and values). */
#define WDC_DRV_OPEN_BASIC 0x0u
/* Check the agent's ABI version: libwdc always does, whatever the options. */
#define WDC_DRV_OPEN_CHECK_VER 0x1u
/* Accepted for WinDriver compatibility; there is no license to register. */
#define WDC_DRV_OPEN_REG_LIC 0x2u
#define WDC_DRV_OPEN_ALL (WDC_DRV_OPEN_CHECK_VER | WDC_DRV_OPEN_REG_LIC)
#define WDC_DRV_OPEN_DEFAULT WDC_DRV_OPEN_ALL

/* The agent's device node opened by WDC_DriverOpen(). */
#define WDC_KAGENT_DEFAULT_PATH "/dev/kagent"

/* Size of the error texts: enough for every message libwdc writes. */
#define WDC_ERR_STR_LEN 512

/**
 * WDC_DriverOpen() - connect to the kernel agent at /dev/kagent.
 * @phDrv: receives the new driver handle on success.
 * @options: WDC_DRV_OPEN_* flags (WDC_DRV_OPEN_DEFAULT is fine).
 *
 * Same as WDC_DriverOpenEx(@phDrv, WDC_KAGENT_DEFAULT_PATH, @options,
 * NULL, 0); use WDC_DriverOpenEx() to get the text of a failure.
 *
 * Return: as WDC_DriverOpenEx().
 */
WDC_STATUS WDC_DriverOpen(WDC_DRIVER_HANDLE *phDrv, uint32_t options);

/**
 * WDC_DriverOpenPath() - connect to a kernel agent at another device node.
 * @phDrv: receives the new driver handle on success.
 * @pcPath: path of the agent's character device.
 * @options: WDC_DRV_OPEN_* flags.
 *
 * Return: as WDC_DriverOpenEx().
 */
WDC_STATUS WDC_DriverOpenPath(WDC_DRIVER_HANDLE *phDrv, const char *pcPath,
			      uint32_t options);

/**
 * WDC_DriverOpenEx() - connect to the kernel agent and check its ABI.
 * @phDrv: receives the new driver handle on success.
 * @pcPath: path of the agent's character device, normally
 *	WDC_KAGENT_DEFAULT_PATH.
 * @options: WDC_DRV_OPEN_* flags; unknown bits are refused.
 * @pcErrBuf: NULL, or a buffer that receives the text of a failure (since
 *	no handle exists to ask WDC_GetLastErrStr()); set to "" on success.
 * @errLen: size of @pcErrBuf in bytes (WDC_ERR_STR_LEN is always enough;
 *	a shorter text is truncated and still NUL-terminated).
 *
 * Opens @pcPath read-write, asks the agent for its ABI version and refuses
 * an agent with a different major version or an older minor version than
 * this library was built for (WDC_LibAbiVersion()).
 *
 * Return: WD_STATUS_SUCCESS;
 * WD_INVALID_PARAMETER @phDrv or @pcPath is NULL, or unknown @options;
 * WD_DRIVER_NOT_LOADED @pcPath does not exist or is not the agent;
 * WD_PERMISSION_DENIED no permission to open @pcPath;
 * WD_INCORRECT_VERSION the agent's ABI is incompatible with the library;
 * WD_TOO_MANY_HANDLES the process or system is out of file descriptors;
 * WD_INSUFFICIENT_RESOURCES out of memory;
 * WD_INTERRUPTED, WD_OPERATION_FAILED other failures of open() or ioctl().
 */
WDC_STATUS WDC_DriverOpenEx(WDC_DRIVER_HANDLE *phDrv, const char *pcPath,
			    uint32_t options, char *pcErrBuf, size_t errLen);

/**
 * WDC_DriverClose() - disconnect from the agent and free the handle.
 * @hDrv: a driver handle.
 *
 * Devices still open through @hDrv are closed first (unmapped and released
 * by the agent); their handles become invalid, as does @hDrv.
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE @hDrv is not a driver handle.
 */
WDC_STATUS WDC_DriverClose(WDC_DRIVER_HANDLE hDrv);

/**
 * WDC_GetLastErrStr() - the text of the last failure on a driver handle.
 * @hDrv: a driver handle.
 *
 * Every call that fails on @hDrv, or on a device opened through it, stores
 * a text that says what failed and, where possible, what to do about it.
 * Successful calls leave the text alone (like errno).
 *
 * Return: "" when nothing has failed yet; a fixed text when @hDrv is not a
 * driver handle.  Never NULL.  The string lives in the handle: it is valid
 * until WDC_DriverClose() and changes when another call on the handle
 * fails; when other threads use the handle, call WDC_CopyLastErrStr().
 */
const char *WDC_GetLastErrStr(WDC_DRIVER_HANDLE hDrv);

/**
 * WDC_CopyLastErrStr() - copy the text of the last failure, thread-safely.
 * @hDrv: a driver handle.
 * @pcBuf: receives the text, truncated to fit and NUL-terminated.
 * @len: size of @pcBuf; at least 1.
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE; WD_INVALID_PARAMETER
 * @pcBuf is NULL or @len is 0.
 */
WDC_STATUS WDC_CopyLastErrStr(WDC_DRIVER_HANDLE hDrv, char *pcBuf, size_t len);

/**
 * WDC_LibAbiVersion() - the kagent ABI this library was built for.
 *
 * Return: (major << 16) | minor.
 */
uint32_t WDC_LibAbiVersion(void);

/**
 * WDC_GetAgentVersion() - what the connected agent reported at open.
 * @hDrv: a driver handle.
 * @pdwAbiVersion: NULL, or receives the agent's ABI, (major << 16) | minor.
 * @pcVersion: NULL, or receives the agent's release string.
 * @len: size of @pcVersion (33 bytes always suffice).
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE; WD_INVALID_PARAMETER both
 * outputs NULL, or @pcVersion too small for the string.
 */
WDC_STATUS WDC_GetAgentVersion(WDC_DRIVER_HANDLE hDrv, uint32_t *pdwAbiVersion,
			       char *pcVersion, size_t len);

/* ------------------------------------------------------------------------
 * PCI addresses and bus scan
 * ------------------------------------------------------------------------ */

/* Most devices one WDC_PciScanDevices() call reports. */
#define WD_PCI_CARDS 256

/** A PCI function's address: domain:bus:slot.function. */
typedef struct {
	uint32_t dwDomain;	/* 0..0x7fffffff (Linux's domain numbers) */
	uint32_t dwBus;		/* 0..0xff */
	uint32_t dwSlot;	/* device number, 0..0x1f */
	uint32_t dwFunction;	/* 0..7 */
} WD_PCI_SLOT;

/** A PCI function's vendor and device IDs. */
typedef struct {
	uint32_t dwVendorId;
	uint32_t dwDeviceId;
} WD_PCI_ID;

/** What WDC_PciScanDevices() found, sorted by address. */
typedef struct {
	uint32_t dwNumDevices;	/* valid entries in the arrays */
	WD_PCI_ID deviceId[WD_PCI_CARDS];
	WD_PCI_SLOT deviceSlot[WD_PCI_CARDS];
} WDC_PCI_SCAN_RESULT;

/* Buffer size WDC_PciSlotToStr() needs at most ("7fffffff:ff:1f.7"). */
#define WDC_PCI_SLOT_STR_LEN 20

/**
 * WDC_PciScanDevices() - list the PCI functions with given IDs.
 * @hDrv: a driver handle, or NULL: the scan reads sysfs through libpci and
 *	does not need the agent; a handle only receives the failure text.
 * @dwVendorId: vendor ID to match, or 0 for any.
 * @dwDeviceId: device ID to match, or 0 for any.
 * @pResult: receives the matches, sorted by domain, bus, slot, function.
 *
 * Return: WD_STATUS_SUCCESS (possibly with 0 devices);
 * WD_INVALID_HANDLE @hDrv is neither NULL nor a driver handle;
 * WD_INVALID_PARAMETER @pResult is NULL or an ID is above 0xffff;
 * WD_INSUFFICIENT_RESOURCES more than WD_PCI_CARDS functions match (the
 *	first WD_PCI_CARDS are in @pResult: narrow the IDs), or out of memory;
 * WD_OPERATION_FAILED libpci could not read /sys/bus/pci.
 */
WDC_STATUS WDC_PciScanDevices(WDC_DRIVER_HANDLE hDrv, uint32_t dwVendorId,
			      uint32_t dwDeviceId,
			      WDC_PCI_SCAN_RESULT *pResult);

/**
 * WDC_PciSlotFromStr() - parse a PCI address.
 * @pcStr: "DDDD:BB:SS.F" or "BB:SS.F" (domain 0), hexadecimal, either case:
 *	domain 1 to 8 digits up to 7fffffff, bus 1 or 2 digits, slot 1 or 2
 *	digits up to 1f, function one digit 0 to 7.  Nothing else is
 *	accepted: no blanks, signs, "0x" prefixes or trailing characters.
 * @pSlot: receives the address.
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_PARAMETER a NULL pointer or a
 * string that is not such an address.
 */
WDC_STATUS WDC_PciSlotFromStr(const char *pcStr, WD_PCI_SLOT *pSlot);

/**
 * WDC_PciSlotToStr() - format a PCI address as Linux does ("0000:00:03.0").
 * @pSlot: the address.
 * @pcBuf: receives the text (domain with at least 4 digits).
 * @len: size of @pcBuf; WDC_PCI_SLOT_STR_LEN always suffices.
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_PARAMETER a NULL pointer, a field
 * out of range, or @pcBuf too small.
 */
WDC_STATUS WDC_PciSlotToStr(const WD_PCI_SLOT *pSlot, char *pcBuf, size_t len);

/* ------------------------------------------------------------------------
 * Devices
 * ------------------------------------------------------------------------ */

/* Number of BARs (address spaces) of a PCI function. */
#define WDC_PCI_NUM_BARS 6

/** One BAR (address space) of an open device. */
typedef struct {
	uint32_t dwAddrSpace;	/* BAR index 0..5 */
	bool fIsMemory;		/* memory BAR; false: I/O ports (or unused) */
	bool f64Bit;		/* 64-bit memory BAR */
	bool fPrefetchable;
	uint64_t qwStart;	/* bus address; 0 when unused */
	uint64_t qwBytes;	/* length; 0 when the BAR is not implemented */
	/*
	 * Uncached user-mode mapping of a memory BAR, or NULL when the BAR
	 * is not mapped (I/O BAR, sub-page BAR, kernel lockdown, ...): then
	 * all access goes through the agent.
	 */
	void *pUserDirectMemAddr;
} WDC_ADDR_DESC;

/** Description of an open PCI device (WDC_PciGetDeviceInfo()). */
typedef struct {
	WD_PCI_SLOT pciSlot;
	WD_PCI_ID pciId;
	uint32_t dwSubVendorId;
	uint32_t dwSubDeviceId;
	uint32_t dwClassCode;	/* 24 bits: base << 16 | sub << 8 | prog-if */
	uint8_t bRevision;
	uint8_t bHeaderType;
	uint8_t bIrqPin;	/* 0 none, 1..4 = INTA..INTD */
	uint32_t dwIrqLine;	/* Linux IRQ number of INTx; 0 if none */
	bool fMsi;		/* MSI capability present */
	uint32_t dwMsiVectors;	/* vectors the MSI capability offers */
	bool fMsix;		/* MSI-X capability present */
	uint32_t dwMsixVectors;	/* MSI-X table size */
	bool fPciExpress;	/* PCI Express capability present */
	uint32_t dwCfgSize;	/* configuration space bytes: 256 or 4096 */
	uint32_t dwNumAddrSpaces; /* always WDC_PCI_NUM_BARS */
	WDC_ADDR_DESC addrDesc[WDC_PCI_NUM_BARS];
} WDC_PCI_DEVICE_INFO;

/**
 * WDC_PciDeviceOpen() - open a PCI device for user-mode access.
 * @hDrv: a driver handle.
 * @phDev: receives the new device handle on success.
 * @pSlot: the device's address (from WDC_PciScanDevices() or
 *	WDC_PciSlotFromStr()).
 * @pDevCtx: any pointer; WDC_GetDevContext() returns it.
 * @pcKPDriverName: NULL, or the name of a Kernel PlugIn to open with the
 *	device (as WDC_KernelPlugInOpen() would; seed 003 13.5, the second
 *	method; a 32-bit process should use WDC_KernelPlugInOpen()).
 * @pKPOpenData: the plugin's open data (with @pcKPDriverName only).
 *
 * The agent binds the device (it must have no other driver), enables it
 * and claims its BARs.  Every memory BAR the agent allows is then mapped
 * uncached into the process; a mapping that fails is not an error (access
 * to that BAR goes through the agent).  A device can be open once at a
 * time in the whole system.
 *
 * Return: WD_STATUS_SUCCESS;
 * WD_INVALID_HANDLE @hDrv is not a driver handle;
 * WD_INVALID_PARAMETER a NULL pointer or an address out of range;
 * the codes of WDC_KernelPlugInOpen() when the plugin cannot be opened
 *	(the device is closed again then);
 * WD_DEVICE_NOT_FOUND no device at @pSlot;
 * WD_DEVICE_BUSY the device is bound to another driver (named in the last
 *	error text) or already open (through this or another handle);
 * WD_TOO_MANY_HANDLES too many devices open on @hDrv;
 * WD_INSUFFICIENT_RESOURCES out of memory;
 * WD_PERMISSION_DENIED, WD_OPERATION_FAILED other refusals of the agent.
 */
WDC_STATUS WDC_PciDeviceOpen(WDC_DRIVER_HANDLE hDrv, WDC_DEVICE_HANDLE *phDev,
			     const WD_PCI_SLOT *pSlot, void *pDevCtx,
			     const char *pcKPDriverName, void *pKPOpenData);

/**
 * WDC_PciDeviceClose() - unmap and release a device; the handle is freed.
 * @hDev: a device handle.
 *
 * The agent unbinds the device and restores its previous driver_override,
 * so another driver (or another open) can take it.
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE @hDev is not a device
 * handle, or the agent did not know it (the handle is freed anyway).
 */
WDC_STATUS WDC_PciDeviceClose(WDC_DEVICE_HANDLE hDev);

/**
 * WDC_GetDevContext() - the pDevCtx given to WDC_PciDeviceOpen().
 * @hDev: a device handle.
 *
 * Return: the context pointer; NULL for an invalid handle.
 */
void *WDC_GetDevContext(WDC_DEVICE_HANDLE hDev);

/**
 * WDC_GetDriverHandle() - the driver handle a device was opened through.
 * @hDev: a device handle.
 *
 * Useful for WDC_GetLastErrStr() where only the device handle is at hand.
 *
 * Return: the driver handle; NULL for an invalid handle.
 */
WDC_DRIVER_HANDLE WDC_GetDriverHandle(WDC_DEVICE_HANDLE hDev);

/**
 * WDC_PciGetDeviceInfo() - describe an open device.
 * @hDev: a device handle.
 * @pInfo: receives the description (as read at open time).
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE; WD_INVALID_PARAMETER
 * @pInfo is NULL.
 */
WDC_STATUS WDC_PciGetDeviceInfo(WDC_DEVICE_HANDLE hDev,
				WDC_PCI_DEVICE_INFO *pInfo);

/**
 * WDC_GetAddrDesc() - describe one BAR of an open device.
 * @hDev: a device handle.
 * @dwAddrSpace: BAR index, 0..5.
 *
 * Return: a descriptor owned by the device handle (valid until it is
 * closed); NULL for an invalid handle or index.  An unused BAR has a
 * descriptor with qwBytes 0.
 */
const WDC_ADDR_DESC *WDC_GetAddrDesc(WDC_DEVICE_HANDLE hDev,
				     uint32_t dwAddrSpace);

/**
 * WDC_AddrSpaceIsActive() - whether a BAR is implemented by the device.
 * @hDev: a device handle.
 * @dwAddrSpace: BAR index.
 *
 * Return: true if the BAR exists and has a non-zero size; false otherwise,
 * also for an invalid handle or index.
 */
bool WDC_AddrSpaceIsActive(WDC_DEVICE_HANDLE hDev, uint32_t dwAddrSpace);

/**
 * WDC_SetDirectAccess() - choose how WDC_ReadAddrN/WDC_WriteAddrN access
 * mapped memory BARs.
 * @hDev: a device handle.
 * @fEnable: true (the default after open): through the user mapping when
 *	it is safe, without a system call; false: always through the agent.
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE.
 */
WDC_STATUS WDC_SetDirectAccess(WDC_DEVICE_HANDLE hDev, bool fEnable);

/* ------------------------------------------------------------------------
 * Kernel PlugIns (seed 003, chapter 13)
 *
 * A Kernel PlugIn is a kernel module (see <wdc/kp.h> and doc/kernel-plugin.md)
 * that runs the performance-critical part of a driver in the kernel.  User
 * mode opens a handle to it for an open device, sends it messages, and can
 * have it handle the device's interrupts (WDC_IntEnable() with fUseKP).
 * ------------------------------------------------------------------------ */

/* Longest plugin name. */
#define WDC_KP_NAME_MAX 12

/**
 * WDC_KernelPlugInOpen() - open a handle to a Kernel PlugIn for a device.
 * @hDev: an open device (one plugin handle per device handle).
 * @pcKPDriverName: the plugin's name, as its KP_Init sets it (1 to 12
 *	characters; compared without regard to case).
 * @pKPOpenData: data for the plugin's KP_Open (passed as a user pointer;
 *	the plugin copies what it needs); may be NULL.
 *
 * A 32-bit process on a 64-bit kernel reaches the plugin's KP_Open_32_64.
 * The handle is closed by WDC_KernelPlugInClose() or with the device.
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE; WD_INVALID_PARAMETER bad
 * name; WD_DEVICE_BUSY a plugin is already open on @hDev;
 * WD_KERPLUG_FAILURE no plugin of that name (the last error text lists the
 * loaded ones) or its KP_Open refused; WD_INCORRECT_VERSION the plugin was
 * refused by kagent for being built against another Kernel PlugIn ABI;
 * WD_NOT_SUPPORTED the plugin has no KP_Open for this process's width.
 */
WDC_STATUS WDC_KernelPlugInOpen(WDC_DEVICE_HANDLE hDev,
				const char *pcKPDriverName, void *pKPOpenData);

/**
 * WDC_KernelPlugInClose() - close the device's plugin handle (KP_Close
 * runs; interrupts enabled through the plugin are disabled first).
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE no plugin open.
 */
WDC_STATUS WDC_KernelPlugInClose(WDC_DEVICE_HANDLE hDev);

/** WDC_IsKernelPlugInOpen() - true when @hDev has a plugin handle open. */
bool WDC_IsKernelPlugInOpen(WDC_DEVICE_HANDLE hDev);

/**
 * WDC_CallKerPlug() - send a message to the device's plugin (its KP_Call).
 * @hDev: a device with a plugin handle open.
 * @dwMsg: the message ID, defined by the plugin.
 * @pData: passed to the plugin as a user pointer (it copies in and out with
 *	COPY_FROM_USER/COPY_TO_USER; a bad pointer is its error, not a crash).
 * @pdwResult: receives the result the plugin set.
 *
 * Return: WD_STATUS_SUCCESS when the call ran (see *@pdwResult);
 * WD_INVALID_HANDLE no plugin open; WD_INVALID_PARAMETER @pdwResult NULL;
 * WD_NOT_SUPPORTED the plugin has no KP_Call.
 */
WDC_STATUS WDC_CallKerPlug(WDC_DEVICE_HANDLE hDev, uint32_t dwMsg,
			   void *pData, uint32_t *pdwResult);

/**
 * WDC_KernelPlugInList() - names of the loaded plugins, comma-separated.
 * @hDrv: a driver handle.  @pcNames, @len: buffer.  @pdwCount: may be NULL.
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE; WD_INVALID_PARAMETER;
 * WD_INSUFFICIENT_RESOURCES the buffer is too small.
 */
WDC_STATUS WDC_KernelPlugInList(WDC_DRIVER_HANDLE hDrv, char *pcNames,
				size_t len, uint32_t *pdwCount);

/* ------------------------------------------------------------------------
 * Direct access through a BAR's user mapping (WinDriver's macros).
 *
 * These compile to a single volatile load or store: no validation, no
 * byte swapping, no system call.  @addr must be a mapping obtained with
 * WDC_MEM_DIRECT_ADDR() (check it is not NULL), @off must be inside the
 * BAR and aligned to the access width.  Use WDC_ReadAddrN/WDC_WriteAddrN
 * for checked access.  64-bit accesses are single instructions only on
 * 64-bit processes.
 * ------------------------------------------------------------------------ */

#define WDC_MEM_DIRECT_ADDR(pAddrDesc) ((pAddrDesc)->pUserDirectMemAddr)

#define WDC_MEM_PTR_(type, addr, off) \
	((volatile type *)((uintptr_t)(addr) + (uintptr_t)(off)))

#define WDC_ReadMem8(addr, off) (*WDC_MEM_PTR_(uint8_t, addr, off))
#define WDC_ReadMem16(addr, off) (*WDC_MEM_PTR_(uint16_t, addr, off))
#define WDC_ReadMem32(addr, off) (*WDC_MEM_PTR_(uint32_t, addr, off))
#define WDC_ReadMem64(addr, off) (*WDC_MEM_PTR_(uint64_t, addr, off))

#define WDC_WriteMem8(addr, off, val) \
	((void)(*WDC_MEM_PTR_(uint8_t, addr, off) = (uint8_t)(val)))
#define WDC_WriteMem16(addr, off, val) \
	((void)(*WDC_MEM_PTR_(uint16_t, addr, off) = (uint16_t)(val)))
#define WDC_WriteMem32(addr, off, val) \
	((void)(*WDC_MEM_PTR_(uint32_t, addr, off) = (uint32_t)(val)))
#define WDC_WriteMem64(addr, off, val) \
	((void)(*WDC_MEM_PTR_(uint64_t, addr, off) = (uint64_t)(val)))

#ifdef __cplusplus
}
#endif

#endif /* WDC_LIB_H */

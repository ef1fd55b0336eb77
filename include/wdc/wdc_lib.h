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
 * The interrupt handler (INT_HANDLER) receives the interrupt's counters as
 * an argument, since the device structure is not visible.
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

/* ------------------------------------------------------------------------
 * Interrupts
 *
 * WDC_IntEnable() enables a device's MSI-X, MSI or INTx through the agent
 * and, given a handler, starts a thread that waits for interrupts and calls
 * it.  Without a handler, wait with WDC_IntWait(), or poll the descriptor
 * of WDC_IntGetEventFd() and read the counters with WDC_IntCount().
 *
 * INTx is level-triggered and may be shared with other devices, so it must
 * be acknowledged before the CPU returns from the interrupt.  Either give
 * transfer commands that the agent runs in its interrupt handler (read the
 * status register, CMD_MASK to tell whether the interrupt is the device's,
 * write to acknowledge), or none: the agent then masks the device's INTx
 * (the command register's Interrupt Disable bit) and unmasks it when you
 * call WDC_IntWait() or WDC_IntCount() again, or your handler returns;
 * acknowledge the device in between.  An INTx nobody acknowledges stays
 * masked and is reported again at each of those calls, it never storms.
 * MSI and MSI-X need no acknowledge to be safe; commands run for them too.
 * ------------------------------------------------------------------------ */

/* Options of WDC_IntEnable() and interrupt types (WinDriver's names and
 * values).  The type flags select which types may be enabled (none: all of
 * them); the one enabled is the first available of MSI-X, MSI, INTx. */
#define INTERRUPT_LATCHED 0x00u		/* edge-triggered (type name only) */
#define INTERRUPT_LEVEL_SENSITIVE 0x01u	/* INTx */
#define INTERRUPT_CMD_COPY 0x02u	/* return the values the commands read */
#define INTERRUPT_MESSAGE 0x10u		/* MSI */
#define INTERRUPT_MESSAGE_X 0x20u	/* MSI-X, one vector per source */
#define INTERRUPT_DONT_GET_MSI_MESSAGE 0x40u	/* accepted, no effect */

/* Is an enabled type message-signaled (WinDriver's macro)? */
#define WDC_INT_IS_MSI(dwIntType) \
	(((dwIntType) & (INTERRUPT_MESSAGE | INTERRUPT_MESSAGE_X)) != 0)

/* Interrupt-only transfer commands, used with the WD_TRANSFER_CMD reads and
 * writes in WDC_IntEnable()'s list. */
enum {
	/*
	 * WinDriver's: the interrupt is the device's only if the value of the
	 * previous read command ANDed with Data (the member of that read's
	 * width) is not zero; otherwise the rest of the list is skipped and a
	 * shared INTx is passed on to the other devices on the line.  Needs a
	 * read before it; BAR and offset are ignored.
	 */
	CMD_MASK = 2,
	/*
	 * libwdc's: write the value the previous read command returned, with
	 * its width, at dwAddrSpace/dwOffset (Data is ignored), e.g. to clear
	 * exactly the bits read from a write-1-to-clear status register.
	 */
	CMD_WRITE_LAST_READ = 0x1000,
};

/* Most commands in WDC_IntEnable()'s list, and most values copied back. */
#define WDC_INT_MAX_CMDS 64u
#define WDC_INT_MAX_COPY 8u
/* Most MSI/MSI-X vectors enabled. */
#define WDC_INT_MAX_VECTORS 32u

/* WDC_INT_RESULT.fStopped (WinDriver's WD_INTERRUPT_WAIT_RESULT). */
enum {
	INTERRUPT_RECEIVED = 0,		/* an interrupt (or nothing new) */
	INTERRUPT_STOPPED = 1,		/* disabled, or the device went away */
	INTERRUPT_INTERRUPTED = 2,	/* not used: a signal is WD_INTERRUPTED */
};

/** What a wait returned: WinDriver's WD_INTERRUPT counters and more. */
typedef struct {
	uint32_t dwCounter;	/* interrupts since the enable (low 32 bits) */
	/*
	 * Interrupts since the previous wait that this report stands for:
	 * dwLost = dwNewCount - 1 came and went (coalesced) before the
	 * waiter ran; dwNewCount is 0 when WDC_IntCount() found nothing new.
	 */
	uint32_t dwLost;
	uint32_t dwNewCount;
	uint32_t fStopped;	/* INTERRUPT_RECEIVED or INTERRUPT_STOPPED */
	/* INTERRUPT_MESSAGE_X, INTERRUPT_MESSAGE or INTERRUPT_LEVEL_SENSITIVE;
	 * 0 when stopped */
	uint32_t dwEnabledIntType;
	/* Vector (0-based MSI/MSI-X message number) of the last interrupt;
	 * 0 for INTx.  (WinDriver: the MSI message data.) */
	uint32_t dwLastMessage;
	uint64_t qwCounter;	/* interrupts since the enable, 64 bits */
	/* CLOCK_MONOTONIC nanoseconds: entry of the agent's hard IRQ handler
	 * for the last interrupt (0 if none yet), and when this waiter woke. */
	uint64_t qwIrqTimeNs;
	uint64_t qwWakeTimeNs;
	/* With INTERRUPT_CMD_COPY: the values the read commands returned for
	 * the last interrupt, in list order (the first WDC_INT_MAX_COPY). */
	uint32_t dwNumCopied;
	uint64_t qwCopied[WDC_INT_MAX_COPY];
} WDC_INT_RESULT;

/**
 * INT_HANDLER - the interrupt handler WDC_IntEnable() runs in its thread.
 * @pData: the pData given to WDC_IntEnable().
 * @pIntResult: the counters of this wake-up (valid during the call only).
 *
 * Called once per wake-up of the thread, never concurrently, with all
 * signals blocked.  It may call any libwdc function, including
 * WDC_IntDisable() and WDC_PciDeviceClose() for its own device.  Not called
 * when WDC_IntDisable() stops it; called once more with fStopped set when
 * the agent stops the interrupts (the device was removed or unbound).
 */
typedef void (*INT_HANDLER)(void *pData, const WDC_INT_RESULT *pIntResult);

/** What is enabled (WDC_IntGetInfo()). */
typedef struct {
	uint32_t dwEnabledIntType;	/* INTERRUPT_* type, 0 when disabled */
	uint32_t dwVectors;		/* vectors enabled (1 for INTx) */
	uint32_t dwIrq;			/* Linux IRQ number of vector 0 */
	bool fHandlerThread;		/* a handler thread runs */
} WDC_INT_INFO;

/**
 * WDC_IntEnable() - enable a device's interrupts.
 * @hDev: a device handle.
 * @pTransCmds: NULL, or @dwNumCmds commands the agent runs, in order, in
 *	its hard interrupt handler: the WD_TRANSFER_CMD reads and writes of
 *	WDC_MultiTransfer(), CMD_MASK and CMD_WRITE_LAST_READ.  Copied: the
 *	array may be freed after the call.
 * @dwNumCmds: 0..WDC_INT_MAX_CMDS.
 * @dwOptions: INTERRUPT_MESSAGE_X, INTERRUPT_MESSAGE and/or
 *	INTERRUPT_LEVEL_SENSITIVE to restrict the types (none: any, MSI-X
 *	first, then MSI, then INTx); INTERRUPT_CMD_COPY to get the values the
 *	read commands returned in WDC_INT_RESULT.qwCopied;
 *	INTERRUPT_DONT_GET_MSI_MESSAGE is accepted.
 * @funcIntHandler: NULL (no thread: use WDC_IntWait(), WDC_IntCount() or
 *	WDC_IntGetEventFd()), or a handler that a new thread calls for every
 *	wake-up until WDC_IntDisable().
 * @pData: passed to @funcIntHandler.
 * @fUseKP: handle the interrupt in the device's Kernel PlugIn; must be
 *	false while Kernel PlugIns are not available.
 *
 * All MSI/MSI-X vectors of the device are enabled (up to
 * WDC_INT_MAX_VECTORS), all reported to the one handler with the vector in
 * dwLastMessage, each with its own descriptor (WDC_IntGetEventFd()).
 * Choosing MSI or MSI-X enables bus mastering (MSIs are memory writes).
 * The enabled type: WDC_GET_ENABLED_INT_TYPE(@hDev).
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE;
 * WD_INVALID_PARAMETER unknown @dwOptions, too many commands, NULL
 *	@pTransCmds with commands, or a bad command (its index and why are in
 *	the last error text);
 * WD_OPERATION_ALREADY_DONE interrupts are already enabled;
 * WD_NOT_IMPLEMENTED @fUseKP is true;
 * WD_FAILED_ENABLING_INTERRUPT the device has no interrupt of an allowed
 *	type, or none could be allocated;
 * WD_NOT_SUPPORTED INTx without commands, and the device's INTx cannot be
 *	masked (give commands that acknowledge it);
 * WD_PERMISSION_DENIED commands under kernel lockdown;
 * WD_DEVICE_NOT_FOUND the device was removed;
 * WD_INSUFFICIENT_RESOURCES out of memory or threads.
 */
WDC_STATUS WDC_IntEnable(WDC_DEVICE_HANDLE hDev, const WDC_TRANSFER *pTransCmds,
			 uint32_t dwNumCmds, uint32_t dwOptions,
			 INT_HANDLER funcIntHandler, void *pData, bool fUseKP);

/**
 * WDC_IntDisable() - disable a device's interrupts.
 * @hDev: a device handle.
 *
 * The agent frees the interrupts (a waiter returns with fStopped set), the
 * descriptors of WDC_IntGetEventFd() are closed, and the handler thread is
 * joined: when this returns the handler no longer runs (if the handler
 * itself calls this, its thread ends as soon as the handler returns).
 * WDC_PciDeviceClose() does the same.
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE;
 * WD_OPERATION_ALREADY_DONE interrupts are not enabled.
 */
WDC_STATUS WDC_IntDisable(WDC_DEVICE_HANDLE hDev);

/**
 * WDC_IntIsEnabled() - whether WDC_IntEnable() succeeded and no
 * WDC_IntDisable() followed.
 * @hDev: a device handle.
 *
 * Return: true or false; false for an invalid handle.
 */
bool WDC_IntIsEnabled(WDC_DEVICE_HANDLE hDev);

/**
 * WDC_GetEnabledIntType() - the interrupt type enabled.
 * @hDev: a device handle.
 *
 * Return: INTERRUPT_MESSAGE_X, INTERRUPT_MESSAGE or
 * INTERRUPT_LEVEL_SENSITIVE; 0 when not enabled or for an invalid handle.
 */
uint32_t WDC_GetEnabledIntType(WDC_DEVICE_HANDLE hDev);

/* WinDriver's macro (there it reads the device structure). */
#define WDC_GET_ENABLED_INT_TYPE(hDev) WDC_GetEnabledIntType(hDev)

/**
 * WDC_IntGetInfo() - what WDC_IntEnable() enabled.
 * @hDev: a device handle.
 * @pInfo: receives the type, the number of vectors and the IRQ.
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE; WD_INVALID_PARAMETER
 * @pInfo is NULL; WD_INTERRUPT_NOT_ENABLED.
 */
WDC_STATUS WDC_IntGetInfo(WDC_DEVICE_HANDLE hDev, WDC_INT_INFO *pInfo);

/**
 * WDC_IntType2Str() - name an interrupt type.
 * @dwIntType: an INTERRUPT_* type (as WDC_GET_ENABLED_INT_TYPE() returns).
 *
 * Return: a constant string, e.g. "MSI-X (Extended Message-Signaled
 * Interrupt)"; "Unknown" for anything else.  Never NULL.
 */
const char *WDC_IntType2Str(uint32_t dwIntType);

/**
 * WDC_IntWait() - wait for an interrupt, without a handler thread.
 * @hDev: a device handle whose interrupts were enabled without a handler.
 * @dwTimeoutMs: give up after this many milliseconds; 0 waits for ever.
 * @pResult: receives the counters.
 *
 * Returns at once if interrupts came since the previous WDC_IntWait() or
 * WDC_IntCount() (dwNewCount > 1: several came).  Calling it again tells
 * the agent the previous interrupt has been handled (a masked INTx is
 * unmasked).  When the interrupts are disabled meanwhile (another thread's
 * WDC_IntDisable(), the device removed) it returns WD_STATUS_SUCCESS with
 * fStopped = INTERRUPT_STOPPED.
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE; WD_INVALID_PARAMETER
 * @pResult is NULL; WD_INTERRUPT_NOT_ENABLED; WD_OPERATION_FAILED a
 * handler thread is waiting already; WD_TIME_OUT_EXPIRED; WD_INTERRUPTED a
 * signal arrived (its handler was installed without SA_RESTART).
 */
WDC_STATUS WDC_IntWait(WDC_DEVICE_HANDLE hDev, uint32_t dwTimeoutMs,
		       WDC_INT_RESULT *pResult);

/**
 * WDC_IntCount() - read the counters without waiting (WinDriver's
 * WD_IntCount()).
 * @hDev: a device handle whose interrupts were enabled without a handler.
 * @pResult: receives the counters; dwNewCount is what came since the
 *	previous WDC_IntWait() or WDC_IntCount(), possibly 0.
 *
 * Like WDC_IntWait() it counts as "the previous interrupt is handled": with
 * WDC_IntGetEventFd() and INTx without commands, acknowledge the device
 * first, then call it (it unmasks INTx), then poll again.
 *
 * Return: as WDC_IntWait(), without the time-out and signal cases.
 */
WDC_STATUS WDC_IntCount(WDC_DEVICE_HANDLE hDev, WDC_INT_RESULT *pResult);

/**
 * WDC_IntGetEventFd() - a descriptor that becomes readable on interrupts
 * of one vector (poll(), select(), epoll; VFIO's eventfd model).
 * @hDev: a device handle with interrupts enabled.
 * @dwVector: 0 for INTx and MSI; 0..vectors-1 for MSI-X (WDC_IntGetInfo()).
 * @pFd: receives the descriptor: an eventfd (non-blocking, close-on-exec)
 *	that counts the interrupts of @dwVector; read 8 bytes to reset it.
 *
 * The descriptor belongs to the library: do not close it; it is the same
 * for every call with the same vector and is closed by WDC_IntDisable().
 * Works with or without a handler thread.
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE; WD_INVALID_PARAMETER @pFd
 * is NULL or @dwVector is not enabled; WD_INTERRUPT_NOT_ENABLED;
 * WD_TOO_MANY_HANDLES, WD_INSUFFICIENT_RESOURCES no descriptor left.
 */
WDC_STATUS WDC_IntGetEventFd(WDC_DEVICE_HANDLE hDev, uint32_t dwVector,
			     int *pFd);

/**
 * WDC_IntTrigger() - software loopback: deliver an interrupt on a vector
 * through the agent's own path (counters, waiters, handler thread,
 * descriptor) without the device; for tests and for waking a waiter.
 * @hDev: a device handle with interrupts enabled.
 * @dwVector: the vector, as for WDC_IntGetEventFd().
 *
 * No transfer command runs and INTx is not masked.
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE; WD_INVALID_PARAMETER
 * @dwVector is not enabled; WD_INTERRUPT_NOT_ENABLED.
 */
WDC_STATUS WDC_IntTrigger(WDC_DEVICE_HANDLE hDev, uint32_t dwVector);

/* ------------------------------------------------------------------------
 * Debug Monitor: the agent's trace buffer
 *
 * The agent keeps a ring buffer of trace records: what it did (device
 * opens and closes, every refused request and why, interrupts, Kernel
 * PlugIn calls, events), what Kernel PlugIns wrote, and what user-mode
 * programs add with the calls below.  A record is kept while the trace is
 * on, if its level is at most the filter's level and its section is one
 * of the filter's sections.  `wddebug` is the command-line front end.
 *
 * Levels and sections have WinDriver's names and values.  The calls take
 * a driver handle (there is no process-wide debug state); records added
 * through a device handle name that device.
 * ------------------------------------------------------------------------ */

/** Trace levels: a record of level L is kept when L <= the filter's. */
typedef enum {
	D_OFF = 0,
	D_ERROR = 1,
	D_WARN = 2,
	D_INFO = 3,
	D_TRACE = 4,
} DEBUG_LEVEL;

/** Trace sections (bits of a mask). */
typedef enum {
	S_IO = 0x00000008,	/* I/O-port BAR access */
	S_MEM = 0x00000010,	/* memory BAR access, mappings */
	S_INT = 0x00000020,	/* interrupts */
	S_PCI = 0x00000040,	/* configuration space */
	S_DMA = 0x00000080,
	S_MISC = 0x00000100,	/* the agent itself, the trace settings */
	S_LICENSE = 0x00000200,
	S_PNP = 0x00001000,	/* binding to kagent and back */
	S_CARD_REG = 0x00002000,	/* device open and close */
	S_KER_DRV = 0x00004000,
	S_USB = 0x00008000,
	S_KER_PLUG = 0x00010000,	/* Kernel PlugIns */
	S_EVENT = 0x00020000,	/* device events (removal, ...) */
	S_IPC = 0x00040000,
	S_KER_BUF = 0x00080000,
} DEBUG_SECTION;

/* All sections (WinDriver's S_ALL, outside the enum: it does not fit int). */
#define S_ALL 0xffffffffu

/* Trace flags (WDC_TRACE_STATUS.dwFlags, WDC_TraceSetFlags()). */
#define WDC_TRACE_ON 0x1u		/* records are kept */
#define WDC_TRACE_DBG 0x2u		/* and copied to the kernel log */
#define WDC_TRACE_CLOCK 0x4u		/* readers show timestamps (a hint) */
#define WDC_TRACE_SECT_INFO 0x8u	/* readers show sections (a hint) */
#define WDC_TRACE_FLAGS_ALL 0xfu

/* Buffer size limits, in records (sizes are rounded up to a power of 2). */
#define WDC_TRACE_MIN_RECORDS 16u
#define WDC_TRACE_MAX_RECORDS 65536u

#define WDC_TRACE_MSG_LEN 256		/* message, NUL included */
#define WDC_TRACE_SOURCE_LEN 32		/* source name, NUL included */
#define WDC_TRACE_COMM_LEN 16		/* command name, NUL included */
/* Longest text WDC_TraceSectionsToStr() writes, NUL included. */
#define WDC_TRACE_SECTIONS_STR_LEN 160

/** State of the trace buffer (WDC_TraceStatus()). */
typedef struct {
	uint32_t dwFlags;	/* WDC_TRACE_ON, _DBG, _CLOCK, _SECT_INFO */
	uint32_t dwLevel;	/* filter level, D_ERROR..D_TRACE (also when off) */
	uint32_t dwSections;	/* filter sections */
	uint32_t dwSize;	/* capacity in records */
	uint32_t dwUsed;	/* records in the buffer */
	uint32_t dwReaders;	/* open readers (all processes) */
	uint64_t qwNextSeq;	/* sequence number of the next record */
	uint64_t qwWritten;	/* records written since the agent was loaded */
	uint64_t qwOverwritten;	/* records pushed out by newer ones */
	uint64_t qwReaderLost;	/* records readers were told they lost */
	uint64_t qwClockBaseNs;	/* CLOCK_MONOTONIC of load or clock reset */
	uint64_t qwNowNs;	/* CLOCK_MONOTONIC when the status was taken */
} WDC_TRACE_STATUS;

/** Who wrote a record (WDC_TRACE_RECORD.dwSourceType). */
typedef enum {
	WDC_TRACE_SRC_AGENT = 0,	/* kagent itself */
	WDC_TRACE_SRC_PLUGIN = 1,	/* a kernel module (Kernel PlugIn) */
	WDC_TRACE_SRC_USER = 2,		/* a user-mode program */
} WDC_TRACE_SOURCE_TYPE;

/* WDC_TRACE_RECORD.dwFlags */
#define WDC_TRACE_REC_DEV 0x1u		/* pciSlot is valid */
#define WDC_TRACE_REC_HARDIRQ 0x2u	/* written in hard IRQ context */
#define WDC_TRACE_REC_SOFTIRQ 0x4u	/* written in softirq context */

/** One record, as WDC_TraceRead() returns it. */
typedef struct {
	/*
	 * true: not a record but a notice that this reader fell behind and
	 * lost qwLost records (qwSeq: the first of them); the other fields
	 * but qwTimeNs are zero.
	 */
	bool fLost;
	uint64_t qwLost;
	uint64_t qwSeq;		/* sequence number, from 1, strictly increasing */
	uint64_t qwTimeNs;	/* CLOCK_MONOTONIC */
	uint32_t dwLevel;	/* D_ERROR..D_TRACE */
	uint32_t dwSection;	/* S_* bits */
	uint32_t dwSourceType;	/* WDC_TRACE_SOURCE_TYPE */
	uint32_t dwFlags;	/* WDC_TRACE_REC_* */
	uint32_t dwCpu;
	uint32_t dwPid;		/* process ID; 0 in interrupt context */
	uint32_t dwTid;		/* thread ID; 0 in interrupt context */
	WD_PCI_SLOT pciSlot;	/* with WDC_TRACE_REC_DEV */
	char cComm[WDC_TRACE_COMM_LEN];		/* process name, "[hardirq]" */
	char cSource[WDC_TRACE_SOURCE_LEN];	/* "kagent", a module, "user" */
	char cMessage[WDC_TRACE_MSG_LEN];
} WDC_TRACE_RECORD;

/** WinDriver's raw "add a message" request (WD_DebugAdd()). */
typedef struct {
	char pcBuffer[WDC_TRACE_MSG_LEN];	/* NUL-terminated message */
	uint32_t dwLevel;	/* D_ERROR..D_TRACE */
	uint32_t dwSection;	/* S_* bits, not 0 */
} WD_DEBUG_ADD;

/**
 * WDC_TraceStatus() - the state of the agent's trace buffer.
 * @hDrv: a driver handle.
 * @pStatus: receives the state.
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE; WD_INVALID_PARAMETER
 * @pStatus is NULL; WD_INVALID_IOCTL the agent has no trace buffer.
 */
WDC_STATUS WDC_TraceStatus(WDC_DRIVER_HANDLE hDrv, WDC_TRACE_STATUS *pStatus);

/**
 * WDC_TraceOn() - set the filter and turn the trace on (wddebug on).
 * @hDrv: a driver handle.
 * @dwLevel: D_ERROR..D_TRACE; D_OFF turns the trace off instead (as in
 *	WinDriver) and leaves the filter alone.
 * @dwSections: S_* mask; S_ALL for everything.
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE; WD_INVALID_PARAMETER a
 * level above D_TRACE.
 */
WDC_STATUS WDC_TraceOn(WDC_DRIVER_HANDLE hDrv, uint32_t dwLevel,
		       uint32_t dwSections);

/**
 * WDC_TraceOff() - turn the trace off; the filter and the records stay.
 * @hDrv: a driver handle.
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE.
 */
WDC_STATUS WDC_TraceOff(WDC_DRIVER_HANDLE hDrv);

/**
 * WDC_TraceSetFilter() - set level and sections, leaving on/off alone.
 * @hDrv: a driver handle.
 * @dwLevel: D_ERROR..D_TRACE.
 * @dwSections: S_* mask.
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE; WD_INVALID_PARAMETER a
 * level outside D_ERROR..D_TRACE.
 */
WDC_STATUS WDC_TraceSetFilter(WDC_DRIVER_HANDLE hDrv, uint32_t dwLevel,
			      uint32_t dwSections);

/**
 * WDC_TraceSetFlags() - set and clear trace flags.
 * @hDrv: a driver handle.
 * @dwSet: WDC_TRACE_* flags to set (WDC_TRACE_DBG: wddebug dbg_on).
 * @dwClear: WDC_TRACE_* flags to clear.
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE; WD_INVALID_PARAMETER
 * unknown flags, or a flag in both masks.
 */
WDC_STATUS WDC_TraceSetFlags(WDC_DRIVER_HANDLE hDrv, uint32_t dwSet,
			     uint32_t dwClear);

/**
 * WDC_TraceSetSize() - change the buffer's capacity; empties it.
 * @hDrv: a driver handle.
 * @dwRecords: WDC_TRACE_MIN_RECORDS..WDC_TRACE_MAX_RECORDS; rounded up to
 *	a power of two.
 *
 * Open readers skip the discarded records (no loss is reported for them).
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE; WD_INVALID_PARAMETER a
 * size out of range; WD_INSUFFICIENT_RESOURCES the agent has no memory
 * for it (the old buffer stays).
 */
WDC_STATUS WDC_TraceSetSize(WDC_DRIVER_HANDLE hDrv, uint32_t dwRecords);

/**
 * WDC_TraceClear() - empty the buffer (readers skip what it held).
 * @hDrv: a driver handle.
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE.
 */
WDC_STATUS WDC_TraceClear(WDC_DRIVER_HANDLE hDrv);

/**
 * WDC_TraceClockReset() - make "now" the zero of relative timestamps
 * (WDC_TRACE_STATUS.qwClockBaseNs); the records keep their times.
 * @hDrv: a driver handle.
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE.
 */
WDC_STATUS WDC_TraceClockReset(WDC_DRIVER_HANDLE hDrv);

/**
 * WDC_TracePrintf() - add a record from user mode.
 * @hDrv: a driver handle; NULL if @hDev is given.
 * @hDev: NULL, or an open device the record is about (its driver handle
 *	is used when @hDrv is NULL; if both are given, @hDev must belong to
 *	@hDrv).
 * @dwLevel: D_ERROR..D_TRACE.
 * @dwSection: S_* bits, not 0.
 * @pcFormat: printf format; the message is cut at 255 bytes.
 *
 * The record's source is "user".  Nothing is recorded (and no error is
 * returned) when the filter does not want the record.
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE; WD_INVALID_PARAMETER a
 * bad level, a zero section or a NULL format.
 */
WDC_STATUS WDC_TracePrintf(WDC_DRIVER_HANDLE hDrv, WDC_DEVICE_HANDLE hDev,
			   uint32_t dwLevel, uint32_t dwSection,
			   const char *pcFormat, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;

/**
 * WDC_Err() - add an error record (D_ERROR, S_MISC): WinDriver's WDC_Err
 * with an explicit driver handle.
 * @hDrv: a driver handle.
 * @pcFormat: printf format.
 *
 * Return: as WDC_TracePrintf().
 */
WDC_STATUS WDC_Err(WDC_DRIVER_HANDLE hDrv, const char *pcFormat, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/**
 * WDC_Trace() - add a trace record (D_TRACE, S_MISC): WinDriver's
 * WDC_Trace with an explicit driver handle.
 * @hDrv: a driver handle.
 * @pcFormat: printf format.
 *
 * Return: as WDC_TracePrintf().
 */
WDC_STATUS WDC_Trace(WDC_DRIVER_HANDLE hDrv, const char *pcFormat, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/**
 * WD_DebugAdd() - add a record as given (WinDriver's raw call).
 * @hDrv: a driver handle.
 * @pData: the message (must be NUL-terminated inside pcBuffer), its level
 *	(D_ERROR..D_TRACE) and section (not 0).
 *
 * Return: as WDC_TracePrintf(); WD_INVALID_PARAMETER also for a NULL
 * @pData or a message without NUL.
 */
WDC_STATUS WD_DebugAdd(WDC_DRIVER_HANDLE hDrv, const WD_DEBUG_ADD *pData);

/** A reader of the trace buffer with its own position. */
typedef struct wdc_trace_reader *WDC_TRACE_READER;

/* Options of WDC_TraceReaderOpen() */
#define WDC_TRACE_READ_NEW 0x1u	/* only records written after the open */

/* dwTimeoutMs of WDC_TraceRead(): wait until a record comes. */
#define WDC_TRACE_WAIT_FOREVER UINT32_MAX

/**
 * WDC_TraceReaderOpen() - start reading the trace buffer.
 * @hDrv: a driver handle (the reader stays valid after it is closed).
 * @dwOptions: 0 (start at the oldest record in the buffer) or
 *	WDC_TRACE_READ_NEW.
 * @phReader: receives the reader.
 *
 * Each reader has its own position: several readers, in one process or
 * many, each get every record.  A reader slower than the writers loses
 * the oldest records and is told how many (a record with fLost set).
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE; WD_INVALID_PARAMETER a
 * NULL @phReader or unknown options; WD_TOO_MANY_HANDLES;
 * WD_INSUFFICIENT_RESOURCES.
 */
WDC_STATUS WDC_TraceReaderOpen(WDC_DRIVER_HANDLE hDrv, uint32_t dwOptions,
			       WDC_TRACE_READER *phReader);

/**
 * WDC_TraceReaderClose() - close a reader and free it.
 * @hReader: a reader.
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE.
 */
WDC_STATUS WDC_TraceReaderClose(WDC_TRACE_READER hReader);

/**
 * WDC_TraceReaderFd() - the reader's file descriptor, to wait for records
 * with poll(), select() or epoll (POLLIN: a record is ready) in an event
 * loop; then call WDC_TraceRead() with @dwTimeoutMs 0.  Do not read() it
 * or close() it yourself.
 * @hReader: a reader.
 *
 * Return: the descriptor; -1 for an invalid reader.
 */
int WDC_TraceReaderFd(WDC_TRACE_READER hReader);

/**
 * WDC_TraceRead() - read the next records.
 * @hReader: a reader; use it from one thread at a time.
 * @pRecords: receives up to @dwMax records, oldest first.
 * @dwMax: room in @pRecords; at least 1.
 * @pdwRead: receives how many records were written to @pRecords.
 * @dwTimeoutMs: how long to wait when no record is ready: 0 not at all,
 *	WDC_TRACE_WAIT_FOREVER until one comes.
 *
 * Return: WD_STATUS_SUCCESS, with *@pdwRead 0 when the time ran out;
 * WD_INVALID_HANDLE; WD_INVALID_PARAMETER a NULL pointer or @dwMax 0;
 * WD_INTERRUPTED a signal came while waiting (nothing was read);
 * WD_SYSTEM_INTERNAL_ERROR the agent sent something that is not a record.
 */
WDC_STATUS WDC_TraceRead(WDC_TRACE_READER hReader, WDC_TRACE_RECORD *pRecords,
			 uint32_t dwMax, uint32_t *pdwRead,
			 uint32_t dwTimeoutMs);

/**
 * WDC_TraceLevelStr() - the name of a level: "OFF", "ERROR", "WARN",
 * "INFO", "TRACE".
 * @dwLevel: a level.
 *
 * Return: a constant string; "?" for other values.  Never NULL.
 */
const char *WDC_TraceLevelStr(uint32_t dwLevel);

/**
 * WDC_TraceLevelFromStr() - parse a level.
 * @pcStr: a name as WDC_TraceLevelStr() gives (any case, optional "D_"
 *	prefix, "WARNING" also accepted) or a digit 0..4.
 * @pdwLevel: receives the level.
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_PARAMETER a NULL pointer or not a
 * level.
 */
WDC_STATUS WDC_TraceLevelFromStr(const char *pcStr, uint32_t *pdwLevel);

/**
 * WDC_TraceSectionStr() - the name of one section bit ("IO", "CARD_REG").
 * @dwSection: one S_* bit.
 *
 * Return: a constant string; NULL when @dwSection is not one known bit.
 */
const char *WDC_TraceSectionStr(uint32_t dwSection);

/**
 * WDC_TraceSectionsFromStr() - parse a section mask.
 * @pcStr: one or more items separated by blanks, commas, '|' or '+': a
 *	section name (any case, optional "S_" prefix), "ALL", or a
 *	hexadecimal mask with "0x" (e.g. "IO MEM", "int,pci", "0x30").
 * @pdwSections: receives the union of the items.
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_PARAMETER a NULL pointer, an
 * empty list or an item that is none of these.
 */
WDC_STATUS WDC_TraceSectionsFromStr(const char *pcStr, uint32_t *pdwSections);

/**
 * WDC_TraceSectionsToStr() - name a section mask: "ALL", names joined
 * with '|' ("IO|MEM"), unknown bits as a hex mask, "0" for none.
 * @dwSections: a mask.
 * @pcBuf: receives the text.
 * @len: size of @pcBuf; WDC_TRACE_SECTIONS_STR_LEN always suffices.
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_PARAMETER a NULL @pcBuf or the
 * text does not fit.
 */
WDC_STATUS WDC_TraceSectionsToStr(uint32_t dwSections, char *pcBuf,
				  size_t len);

#ifdef __cplusplus
}
#endif

#endif /* WDC_LIB_H */

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * wdc/wdc_regs.h - the part of the WDC API that is the same in user mode
 * and inside a Kernel PlugIn: status codes, device handles, BAR access,
 * block and multi-transfers, configuration space.
 *
 * The seeds' promise: "This can be the same code that you wrote and
 * debugged in the user-mode".  A file of device logic that includes only
 * this header compiles unchanged into a user program (linked with libwdc,
 * which goes through /dev/kagent or a BAR mapping) and into a Kernel PlugIn
 * module (where kagent implements the same calls on its kernel mapping,
 * callable from any context including the hard IRQ handler, except the
 * configuration space calls, which may sleep: not from KP_IntAtIrql).
 * User programs include <wdc/wdc_lib.h>, which includes this header.
 */
#ifndef WDC_REGS_H
#define WDC_REGS_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------
 * Status codes
 * ------------------------------------------------------------------------ */

/** A status code: WD_STATUS_SUCCESS (0) or one of enum WD_ERROR_CODES. */
typedef uint32_t WDC_STATUS;

/*
 * The codes WinDriver also has keep WinDriver's names and values; the
 * codes libwdc adds start at 0x20001000.
 */
enum WD_ERROR_CODES {
	WD_STATUS_SUCCESS = 0x0,
	WD_INVALID_HANDLE = 0x20000001,		/* bad driver or device handle */
	WD_INSUFFICIENT_RESOURCES = 0x20000005,	/* out of memory or slots */
	WD_SYSTEM_INTERNAL_ERROR = 0x20000007,	/* should not happen */
	WD_NOT_IMPLEMENTED = 0x2000000a,	/* not available (yet) */
	WD_KERPLUG_FAILURE = 0x2000000b,	/* Kernel PlugIn failure */
	WD_FAILED_ENABLING_INTERRUPT = 0x2000000c, /* no usable interrupt */
	WD_INTERRUPT_NOT_ENABLED = 0x2000000d,	/* WDC_IntEnable() first */
	WD_DEVICE_NOT_FOUND = 0x2000000f,	/* no such device, or removed */
	WD_OPERATION_ALREADY_DONE = 0x20000011,	/* e.g. enabled twice */
	WD_TIME_OUT_EXPIRED = 0x20000015,
	WD_INVALID_PARAMETER = 0x2000001b,
	WD_INCORRECT_VERSION = 0x2000001c,	/* kagent/libwdc ABI mismatch */
	WD_TRY_AGAIN = 0x2000001d,		/* EAGAIN */
	WD_DRIVER_NOT_LOADED = 0x2000001e,	/* no usable /dev/kagent */
	WD_INVALID_IOCTL = 0x2000001f,		/* request unknown to kagent */
	WD_OPERATION_FAILED = 0x20000020,	/* any other failure */
	WD_TOO_MANY_HANDLES = 0x20000022,	/* EMFILE / ENFILE */
	WD_DEVICE_BUSY = 0x20001000,		/* bound to another driver or open */
	WD_PERMISSION_DENIED = 0x20001001,	/* EACCES / EPERM, e.g. lockdown */
	WD_NOT_SUPPORTED = 0x20001002,		/* EOPNOTSUPP / ENOSYS */
	WD_INTERRUPTED = 0x20001003,		/* EINTR */
	WD_BAD_ADDRESS = 0x20001004,		/* EFAULT: a user buffer faulted */
};

/* WinDriver's name for "the kernel module is not there". */
#define WD_WINDRIVER_NOT_FOUND WD_DRIVER_NOT_LOADED

/**
 * WDC_StatusStr() - name a status code.
 * @status: any value.
 *
 * Return: a constant string, distinct for every code of enum
 * WD_ERROR_CODES; "Unknown status" for any other value.  Never NULL.
 */
const char *WDC_StatusStr(WDC_STATUS status);

/* WinDriver's name of WDC_StatusStr(). */
#define Stat2Str WDC_StatusStr

/* ------------------------------------------------------------------------
 * Device handles
 * ------------------------------------------------------------------------ */

/** A PCI device opened through a driver handle. */
typedef struct wdc_device *WDC_DEVICE_HANDLE;

/* ------------------------------------------------------------------------
 * Checked BAR access
 * ------------------------------------------------------------------------ */

/**
 * WDC_ReadAddr8() - read 8 bits of a BAR.
 * @hDev: a device handle.
 * @dwAddrSpace: BAR index, 0..5; the BAR must be implemented.
 * @dwOffset: byte offset in the BAR, aligned to the access width; the
 *	access must lie inside the BAR.
 * @val: receives the value read.
 *
 * A mapped memory BAR is read through the mapping (one volatile access, no
 * system call) while direct access is enabled (WDC_SetDirectAccess()) and,
 * for 64 bits, the process is 64-bit; everything else goes through the
 * agent (KAG_IOC_RW).  Values are in CPU byte order (PCI registers are
 * little-endian; big-endian hosts get them swapped).  The 16-, 32- and
 * 64-bit variants below behave the same; I/O-port BARs take 8-, 16- and
 * 32-bit accesses only.
 *
 * Return: WD_STATUS_SUCCESS;
 * WD_INVALID_HANDLE @hDev is not a device handle (or the agent lost it);
 * WD_INVALID_PARAMETER @val is NULL, the BAR index is >= 6 or the BAR is
 *	not implemented, @dwOffset is misaligned or the access leaves the
 *	BAR, or a 64-bit access to an I/O BAR;
 * WD_PERMISSION_DENIED kernel lockdown forbids raw PCI access;
 * WD_DEVICE_NOT_FOUND the device was removed;
 * other codes for unexpected agent failures (see the last error text).
 */
WDC_STATUS WDC_ReadAddr8(WDC_DEVICE_HANDLE hDev, uint32_t dwAddrSpace,
			 uint64_t dwOffset, uint8_t *val);

/**
 * WDC_ReadAddr16() - read 16 bits of a BAR, as WDC_ReadAddr8().
 * @hDev: a device handle.
 * @dwAddrSpace: BAR index.
 * @dwOffset: byte offset, a multiple of 2.
 * @val: receives the value read.
 *
 * Return: as WDC_ReadAddr8().
 */
WDC_STATUS WDC_ReadAddr16(WDC_DEVICE_HANDLE hDev, uint32_t dwAddrSpace,
			  uint64_t dwOffset, uint16_t *val);

/**
 * WDC_ReadAddr32() - read 32 bits of a BAR, as WDC_ReadAddr8().
 * @hDev: a device handle.
 * @dwAddrSpace: BAR index.
 * @dwOffset: byte offset, a multiple of 4.
 * @val: receives the value read.
 *
 * Return: as WDC_ReadAddr8().
 */
WDC_STATUS WDC_ReadAddr32(WDC_DEVICE_HANDLE hDev, uint32_t dwAddrSpace,
			  uint64_t dwOffset, uint32_t *val);

/**
 * WDC_ReadAddr64() - read 64 bits of a memory BAR, as WDC_ReadAddr8().
 * @hDev: a device handle.
 * @dwAddrSpace: BAR index of a memory BAR.
 * @dwOffset: byte offset, a multiple of 8.
 * @val: receives the value read.
 *
 * Return: as WDC_ReadAddr8().
 */
WDC_STATUS WDC_ReadAddr64(WDC_DEVICE_HANDLE hDev, uint32_t dwAddrSpace,
			  uint64_t dwOffset, uint64_t *val);

/**
 * WDC_WriteAddr8() - write 8 bits of a BAR.
 * @hDev: a device handle.
 * @dwAddrSpace: BAR index, 0..5; the BAR must be implemented.
 * @dwOffset: byte offset in the BAR, aligned to the access width; the
 *	access must lie inside the BAR.
 * @val: the value to write.
 *
 * Same paths and byte order as WDC_ReadAddr8(); so are the 16-, 32- and
 * 64-bit variants below.
 *
 * Return: as WDC_ReadAddr8() (no NULL pointer to refuse).
 */
WDC_STATUS WDC_WriteAddr8(WDC_DEVICE_HANDLE hDev, uint32_t dwAddrSpace,
			  uint64_t dwOffset, uint8_t val);

/**
 * WDC_WriteAddr16() - write 16 bits of a BAR, as WDC_WriteAddr8().
 * @hDev: a device handle.
 * @dwAddrSpace: BAR index.
 * @dwOffset: byte offset, a multiple of 2.
 * @val: the value to write.
 *
 * Return: as WDC_WriteAddr8().
 */
WDC_STATUS WDC_WriteAddr16(WDC_DEVICE_HANDLE hDev, uint32_t dwAddrSpace,
			   uint64_t dwOffset, uint16_t val);

/**
 * WDC_WriteAddr32() - write 32 bits of a BAR, as WDC_WriteAddr8().
 * @hDev: a device handle.
 * @dwAddrSpace: BAR index.
 * @dwOffset: byte offset, a multiple of 4.
 * @val: the value to write.
 *
 * Return: as WDC_WriteAddr8().
 */
WDC_STATUS WDC_WriteAddr32(WDC_DEVICE_HANDLE hDev, uint32_t dwAddrSpace,
			   uint64_t dwOffset, uint32_t val);

/**
 * WDC_WriteAddr64() - write 64 bits of a memory BAR, as WDC_WriteAddr8().
 * @hDev: a device handle.
 * @dwAddrSpace: BAR index of a memory BAR.
 * @dwOffset: byte offset, a multiple of 8.
 * @val: the value to write.
 *
 * Return: as WDC_WriteAddr8().
 */
WDC_STATUS WDC_WriteAddr64(WDC_DEVICE_HANDLE hDev, uint32_t dwAddrSpace,
			   uint64_t dwOffset, uint64_t val);

/* ------------------------------------------------------------------------
 * Block transfers
 * ------------------------------------------------------------------------ */

/** Access width of a block transfer (WinDriver's names and values). */
typedef enum {
	WDC_MODE_8 = 1,
	WDC_MODE_16 = 2,
	WDC_MODE_32 = 4,
	WDC_MODE_64 = 8,
} WDC_ADDR_MODE;

/** Options of a block transfer (WinDriver's names and values). */
typedef enum {
	WDC_ADDR_RW_DEFAULT = 0x0,	/* walk the BAR from the offset */
	WDC_ADDR_RW_NO_AUTOINC = 0x4,	/* every access at the offset (FIFO) */
} WDC_ADDR_RW_OPTIONS;

/**
 * WDC_ReadAddrBlock() - read a block from a BAR in accesses of one width.
 * @hDev: a device handle.
 * @dwAddrSpace: BAR index, 0..5.
 * @dwOffset: byte offset in the BAR, aligned to the width.
 * @dwBytes: bytes to transfer: non-zero, a multiple of the width.  Blocks
 *	larger than the agent's per-call limit (16 MiB) are split.
 * @pData: receives the data, in the order the accesses were made.
 * @mode: access width, WDC_MODE_8/16/32/64 (64 not on I/O BARs).
 * @options: WDC_ADDR_RW_DEFAULT (the block must lie inside the BAR) or
 *	WDC_ADDR_RW_NO_AUTOINC (every access at @dwOffset).
 *
 * Always goes through the agent (KAG_IOC_BLOCK).  On failure part of
 * @pData may have been written.
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE; WD_INVALID_PARAMETER a NULL
 * @pData, a bad @mode, @options, BAR, alignment, length or range;
 * WD_BAD_ADDRESS @pData is not writable memory of @dwBytes bytes;
 * WD_PERMISSION_DENIED kernel lockdown; WD_DEVICE_NOT_FOUND device removed.
 */
WDC_STATUS WDC_ReadAddrBlock(WDC_DEVICE_HANDLE hDev, uint32_t dwAddrSpace,
			     uint64_t dwOffset, uint32_t dwBytes, void *pData,
			     WDC_ADDR_MODE mode, WDC_ADDR_RW_OPTIONS options);

/**
 * WDC_WriteAddrBlock() - write a block to a BAR in accesses of one width.
 * @hDev: a device handle.
 * @dwAddrSpace: BAR index, 0..5.
 * @dwOffset: byte offset in the BAR, aligned to the width.
 * @dwBytes: bytes to transfer: non-zero, a multiple of the width.
 * @pData: the data to write.
 * @mode: access width, WDC_MODE_8/16/32/64.
 * @options: WDC_ADDR_RW_DEFAULT or WDC_ADDR_RW_NO_AUTOINC (FIFO).
 *
 * Return: as WDC_ReadAddrBlock() (WD_BAD_ADDRESS: @pData not readable).
 */
WDC_STATUS WDC_WriteAddrBlock(WDC_DEVICE_HANDLE hDev, uint32_t dwAddrSpace,
			      uint64_t dwOffset, uint32_t dwBytes,
			      const void *pData, WDC_ADDR_MODE mode,
			      WDC_ADDR_RW_OPTIONS options);

/* ------------------------------------------------------------------------
 * Multi-transfer: a list of single accesses run by the agent in one call
 * ------------------------------------------------------------------------ */

/* Transfer commands (WinDriver's names and values): R/W = read/write,
 * P = I/O-port BAR, M = memory BAR; BYTE/WORD/DWORD/QWORD = 8..64 bits. */
typedef enum {
	RP_BYTE = 10,
	RP_WORD = 11,
	RP_DWORD = 12,
	WP_BYTE = 13,
	WP_WORD = 14,
	WP_DWORD = 15,
	RP_QWORD = 16,	/* accepted by the enum, refused: no 64-bit port I/O */
	WP_QWORD = 17,	/* idem */
	RM_BYTE = 30,
	RM_WORD = 31,
	RM_DWORD = 32,
	WM_BYTE = 33,
	WM_WORD = 34,
	WM_DWORD = 35,
	RM_QWORD = 36,
	WM_QWORD = 37,
} WD_TRANSFER_CMD;

/** One command of WDC_MultiTransfer(). */
typedef struct {
	uint32_t cmdTrans;	/* a WD_TRANSFER_CMD */
	uint32_t dwAddrSpace;	/* BAR index */
	uint64_t dwOffset;	/* byte offset in the BAR, aligned */
	/*
	 * Value to write (the member of the command's width), or the value
	 * read: the union is zeroed, then the member of the width is set.
	 */
	union {
		uint8_t Byte;
		uint16_t Word;
		uint32_t Dword;
		uint64_t Qword;
	} Data;
} WDC_TRANSFER;

/* Most commands one WDC_MultiTransfer() call takes. */
#define WDC_MULTI_TRANSFER_MAX 4096u

/**
 * WDC_MultiTransfer() - run a list of reads and writes in one agent call.
 * @hDev: a device handle.
 * @pTrans: the commands; values read are stored back into them.
 * @dwNumTrans: number of commands, 1..WDC_MULTI_TRANSFER_MAX.
 *
 * All commands are validated (by the library, then by the agent) before
 * the first one runs; then they run in order, without interruption by
 * other users of the device.  The P/M kind of each command must match its
 * BAR: memory commands on memory BARs, port commands on I/O BARs.
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE; WD_INVALID_PARAMETER a
 * NULL @pTrans, a bad count, or a bad command (its index is in the last
 * error text; nothing ran); WD_BAD_ADDRESS; WD_PERMISSION_DENIED;
 * WD_DEVICE_NOT_FOUND; WD_INSUFFICIENT_RESOURCES out of memory.
 */
WDC_STATUS WDC_MultiTransfer(WDC_DEVICE_HANDLE hDev, WDC_TRANSFER *pTrans,
			     uint32_t dwNumTrans);

/* ------------------------------------------------------------------------
 * Configuration space
 * ------------------------------------------------------------------------ */

/**
 * WDC_PciReadCfg8() - read 8 bits of an open device's configuration space.
 * @hDev: a device handle.
 * @dwOffset: byte offset, aligned to the access width (to 4 for 64 bits);
 *	the access must lie inside the configuration space
 *	(WDC_PCI_DEVICE_INFO.dwCfgSize).
 * @val: receives the value read.
 *
 * Always goes through the agent (KAG_IOC_CFG).  The 16-, 32- and 64-bit
 * variants below behave the same; 64 bits are two 32-bit accesses, low
 * dword first (not atomic).
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE; WD_INVALID_PARAMETER @val
 * is NULL, or a misaligned or out-of-range offset; WD_DEVICE_NOT_FOUND the
 * device was removed.
 */
WDC_STATUS WDC_PciReadCfg8(WDC_DEVICE_HANDLE hDev, uint32_t dwOffset,
			   uint8_t *val);

/**
 * WDC_PciReadCfg16() - read 16 bits of configuration space.
 * @hDev: a device handle.
 * @dwOffset: byte offset, a multiple of 2.
 * @val: receives the value read.
 *
 * Return: as WDC_PciReadCfg8().
 */
WDC_STATUS WDC_PciReadCfg16(WDC_DEVICE_HANDLE hDev, uint32_t dwOffset,
			    uint16_t *val);

/**
 * WDC_PciReadCfg32() - read 32 bits of configuration space.
 * @hDev: a device handle.
 * @dwOffset: byte offset, a multiple of 4.
 * @val: receives the value read.
 *
 * Return: as WDC_PciReadCfg8().
 */
WDC_STATUS WDC_PciReadCfg32(WDC_DEVICE_HANDLE hDev, uint32_t dwOffset,
			    uint32_t *val);

/**
 * WDC_PciReadCfg64() - read 64 bits of configuration space (two 32-bit
 * reads, e.g. a 64-bit BAR register pair).
 * @hDev: a device handle.
 * @dwOffset: byte offset, a multiple of 4.
 * @val: receives the value read.
 *
 * Return: as WDC_PciReadCfg8().
 */
WDC_STATUS WDC_PciReadCfg64(WDC_DEVICE_HANDLE hDev, uint32_t dwOffset,
			    uint64_t *val);

/**
 * WDC_PciWriteCfg8() - write 8 bits of an open device's configuration space.
 * @hDev: a device handle.
 * @dwOffset: byte offset, aligned as for WDC_PciReadCfg8().
 * @val: the value to write.
 *
 * The 16-, 32- and 64-bit variants below behave the same.
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE; WD_INVALID_PARAMETER a
 * misaligned or out-of-range offset; WD_PERMISSION_DENIED kernel lockdown;
 * WD_DEVICE_NOT_FOUND the device was removed.
 */
WDC_STATUS WDC_PciWriteCfg8(WDC_DEVICE_HANDLE hDev, uint32_t dwOffset,
			    uint8_t val);

/**
 * WDC_PciWriteCfg16() - write 16 bits of configuration space.
 * @hDev: a device handle.
 * @dwOffset: byte offset, a multiple of 2.
 * @val: the value to write.
 *
 * Return: as WDC_PciWriteCfg8().
 */
WDC_STATUS WDC_PciWriteCfg16(WDC_DEVICE_HANDLE hDev, uint32_t dwOffset,
			     uint16_t val);

/**
 * WDC_PciWriteCfg32() - write 32 bits of configuration space.
 * @hDev: a device handle.
 * @dwOffset: byte offset, a multiple of 4.
 * @val: the value to write.
 *
 * Return: as WDC_PciWriteCfg8().
 */
WDC_STATUS WDC_PciWriteCfg32(WDC_DEVICE_HANDLE hDev, uint32_t dwOffset,
			     uint32_t val);

/**
 * WDC_PciWriteCfg64() - write 64 bits of configuration space (two 32-bit
 * writes, low dword first).
 * @hDev: a device handle.
 * @dwOffset: byte offset, a multiple of 4.
 * @val: the value to write.
 *
 * Return: as WDC_PciWriteCfg8().
 */
WDC_STATUS WDC_PciWriteCfg64(WDC_DEVICE_HANDLE hDev, uint32_t dwOffset,
			     uint64_t val);

/**
 * WDC_PciReadCfg() - read a range of configuration space as bytes.
 * @hDev: a device handle.
 * @dwOffset: first byte; any alignment.
 * @pData: receives @dwBytes bytes, in configuration-space order.
 * @dwBytes: non-zero; the range must lie inside the configuration space.
 *
 * Uses the widest naturally aligned accesses (32, 16, 8 bits) that fit.
 *
 * Return: WD_STATUS_SUCCESS; WD_INVALID_HANDLE; WD_INVALID_PARAMETER a NULL
 * @pData, zero length or a range outside the configuration space;
 * WD_DEVICE_NOT_FOUND the device was removed.
 */
WDC_STATUS WDC_PciReadCfg(WDC_DEVICE_HANDLE hDev, uint32_t dwOffset,
			  void *pData, uint32_t dwBytes);

/**
 * WDC_PciWriteCfg() - write a range of configuration space from bytes.
 * @hDev: a device handle.
 * @dwOffset: first byte; any alignment.
 * @pData: @dwBytes bytes to write, in configuration-space order.
 * @dwBytes: non-zero; the range must lie inside the configuration space.
 *
 * Uses the widest naturally aligned accesses that fit; on failure the
 * bytes before the failing access have been written.
 *
 * Return: as WDC_PciReadCfg(), plus WD_PERMISSION_DENIED under kernel
 * lockdown.
 */
WDC_STATUS WDC_PciWriteCfg(WDC_DEVICE_HANDLE hDev, uint32_t dwOffset,
			   const void *pData, uint32_t dwBytes);

#ifdef __cplusplus
}
#endif

#endif /* WDC_REGS_H */

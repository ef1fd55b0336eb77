/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * kp_pci.h - the messages of the sample Kernel PlugIn KP_PCI (for QEMU's
 * edu device), shared by the plugin and the user programs that call it.
 * Every struct has the same layout for 32-bit and 64-bit callers, except
 * the open data, which carries a pointer on purpose: KP_PCI's
 * KP_Open_32_64 shows how a plugin translates it.
 */
#ifndef KP_PCI_H
#define KP_PCI_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdint.h>
#endif

#define KP_PCI_DRIVER_NAME "KP_PCI"
#define KP_PCI_VERSION 0x00010000	/* 1.0 */
#define KP_PCI_VERSION_STR "KP_PCI sample Kernel PlugIn 1.0 for the edu device"

/* Message IDs (WDC_CallKerPlug dwMsg). */
enum {
	KP_PCI_MSG_VERSION = 1,		/* KP_PCI_VERSION_INFO out */
	KP_PCI_MSG_READ = 2,		/* KP_PCI_RW: dwOffset in, dwValue out */
	KP_PCI_MSG_WRITE = 3,		/* KP_PCI_RW in */
	KP_PCI_MSG_FACTORIAL = 4,	/* KP_PCI_FACTORIAL: dwN in, dwResult out */
	KP_PCI_MSG_SET_WAKE_EVERY = 5,	/* uint32_t in: wake user every N IRQs */
	KP_PCI_MSG_GET_COUNTERS = 6,	/* KP_PCI_COUNTERS out */
	KP_PCI_MSG_OPEN_INFO = 7,	/* KP_PCI_OPEN_INFO out */
};

/* Results (dwResult). */
enum {
	KP_PCI_STATUS_OK = 0,
	KP_PCI_STATUS_MSG_NO_IMPL = 1000,	/* unknown message */
	KP_PCI_STATUS_BAD_DATA = 1001,		/* the data pointer faulted */
	KP_PCI_STATUS_INVALID = 1002,		/* bad value in the data */
	KP_PCI_STATUS_DEVICE = 1003,		/* register access failed */
};

typedef struct {
	uint32_t dwVer;
	char cVer[100];
} KP_PCI_VERSION_INFO;

typedef struct {
	uint32_t dwOffset;	/* in BAR0 */
	uint32_t dwValue;
} KP_PCI_RW;

typedef struct {
	uint32_t dwN;
	uint32_t dwResult;
} KP_PCI_FACTORIAL;

typedef struct {
	uint64_t qwIrqlCalls;	/* KP_IntAtIrql(MSI) calls */
	uint64_t qwMine;	/* of which claimed and acknowledged */
	uint64_t qwDpcCalls;	/* KP_IntAtDpc(MSI) calls */
	uint64_t qwDpcCount;	/* sum of their dwCount */
	uint64_t qwUserWakes;	/* sum of their return values */
	uint32_t dwWakeEvery;
	uint32_t dwIntEnables;	/* KP_IntEnable calls */
} KP_PCI_COUNTERS;

/* Which KP_Open ran and what it was given. */
typedef struct {
	uint32_t dwOpenBits;	/* 64: KP_Open; 32: KP_Open_32_64 */
	uint32_t dwMagic;	/* the open data's dwMagic */
	char cClient[32];	/* the string the open data pointed to */
} KP_PCI_OPEN_INFO;

#define KP_PCI_OPEN_MAGIC 0x4b50434au

#ifndef __KERNEL__
/* The open data as user mode passes it (a pointer: 4 or 8 bytes). */
typedef struct {
	uint32_t dwMagic;	/* KP_PCI_OPEN_MAGIC */
	const char *pcClient;	/* a name for the counters message */
} KP_PCI_OPEN_DATA;
#endif

#endif /* KP_PCI_H */

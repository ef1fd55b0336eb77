// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check_guest_access.c - VM tests of libwdc against the real agent: device
 * info, register access through the agent and through the mapping, blocks,
 * multi-transfers and configuration space of QEMU's edu device, the
 * pci-testdev port-I/O and MMIO protocol, and the library's refusal of bad
 * input on a real device.
 *
 * Runs only inside the test VM (kagent loaded, -device edu and
 * -device pci-testdev present); devices are found by scanning.
 */
#define _GNU_SOURCE 1

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <wdc/wdc_lib.h>

#define EDU_VID 0x1234
#define EDU_DID 0x11e8
#define EDU_ID 0x00
#define EDU_LIVENESS 0x04
#define EDU_FACT 0x08
#define EDU_STATUS 0x20
#define EDU_STATUS_COMPUTING 0x01
#define EDU_DMA_SRC 0x80
#define EDU_DMA_DST 0x88
#define EDU_ID_VALUE 0x010000edu
#define EDU_BAR0_LEN (1u << 20)
#define FACT_10 3628800u
#define FACT_13_WRAPPED 1932053504u	/* 13! modulo 2^32 */

#define TESTDEV_VID 0x1b36
#define TESTDEV_DID 0x0005

static WDC_DRIVER_HANDLE drv;
static WDC_DEVICE_HANDLE dev;
static WD_PCI_SLOT slot;
static char bdf[WDC_PCI_SLOT_STR_LEN];

/* Find the first device with these IDs, or fail saying what is missing. */
static void find_device(uint32_t vid, uint32_t did, const char *what)
{
	WDC_PCI_SCAN_RESULT *res = malloc(sizeof(*res));
	WDC_STATUS st;

	ck_assert_ptr_nonnull(res);
	st = WDC_PciScanDevices(NULL, vid, did, res);
	ck_assert_msg(st == WD_STATUS_SUCCESS, "scan for %s: %s", what,
		      WDC_StatusStr(st));
	ck_assert_msg(res->dwNumDevices > 0,
		      "no %s (%04x:%04x) in this VM: start QEMU with -device %s",
		      what, vid, did, what);
	slot = res->deviceSlot[0];
	free(res);
	ck_assert_uint_eq(WDC_PciSlotToStr(&slot, bdf, sizeof(bdf)),
			  WD_STATUS_SUCCESS);
}

static void open_device(uint32_t vid, uint32_t did, const char *what)
{
	char err[WDC_ERR_STR_LEN];
	WDC_STATUS st;

	find_device(vid, did, what);
	st = WDC_DriverOpenEx(&drv, WDC_KAGENT_DEFAULT_PATH,
			      WDC_DRV_OPEN_DEFAULT, err, sizeof(err));
	ck_assert_msg(st == WD_STATUS_SUCCESS, "WDC_DriverOpen: %s: %s",
		      WDC_StatusStr(st), err);
	st = WDC_PciDeviceOpen(drv, &dev, &slot, NULL, NULL, NULL);
	ck_assert_msg(st == WD_STATUS_SUCCESS, "open %s %s: %s: %s", what, bdf,
		      WDC_StatusStr(st), WDC_GetLastErrStr(drv));
}

static void setup_edu(void)
{
	open_device(EDU_VID, EDU_DID, "edu");
}

static void setup_testdev(void)
{
	open_device(TESTDEV_VID, TESTDEV_DID, "pci-testdev");
}

static void teardown(void)
{
	ck_assert_uint_eq(WDC_PciDeviceClose(dev), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(WDC_DriverClose(drv), WD_STATUS_SUCCESS);
}

/* ck_assert a status, showing the library's text when it fails. */
#define ck_assert_st(expr, want)                                              \
	do {                                                                  \
		WDC_STATUS st_ = (expr);                                      \
		ck_assert_msg(st_ == (want), "%s: %s (want %s): %s", #expr,   \
			      WDC_StatusStr(st_), WDC_StatusStr(want),        \
			      WDC_GetLastErrStr(drv));                        \
	} while (0)

#define ck_assert_ok(expr) ck_assert_st(expr, WD_STATUS_SUCCESS)

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Wait until the edu is not computing (through the current access path). */
static void edu_wait_idle(void)
{
	double deadline = now() + 5.0;
	uint32_t status;

	for (;;) {
		ck_assert_ok(WDC_ReadAddr32(dev, 0, EDU_STATUS, &status));
		if (!(status & EDU_STATUS_COMPUTING))
			return;
		ck_assert_msg(now() < deadline,
			      "edu still computing after 5 s (status 0x%x)",
			      status);
		pause_ms(1);
	}
}

static uint32_t edu_factorial(uint32_t n)
{
	uint32_t v;

	edu_wait_idle();	/* writes are ignored while computing */
	ck_assert_ok(WDC_WriteAddr32(dev, 0, EDU_FACT, n));
	edu_wait_idle();
	ck_assert_ok(WDC_ReadAddr32(dev, 0, EDU_FACT, &v));
	return v;
}

static void *edu_mapping(void)
{
	const WDC_ADDR_DESC *d = WDC_GetAddrDesc(dev, 0);

	ck_assert_ptr_nonnull(d);
	ck_assert_msg(WDC_MEM_DIRECT_ADDR(d) != NULL,
		      "edu BAR0 is not mapped (kernel lockdown? agent refused the mmap?)");
	return WDC_MEM_DIRECT_ADDR(d);
}

/* ------------------------------------------------------------------------
 * edu
 * ------------------------------------------------------------------------ */

START_TEST(test_edu_info)
{
	WDC_PCI_DEVICE_INFO info;
	const WDC_ADDR_DESC *d;
	uint32_t i;

	ck_assert_ok(WDC_PciGetDeviceInfo(dev, &info));
	ck_assert_mem_eq(&info.pciSlot, &slot, sizeof(slot));
	ck_assert_uint_eq(info.pciId.dwVendorId, EDU_VID);
	ck_assert_uint_eq(info.pciId.dwDeviceId, EDU_DID);
	ck_assert_uint_eq(info.dwClassCode, 0x00ff00);
	ck_assert_uint_eq(info.bRevision, 0x10);
	ck_assert_uint_eq(info.bHeaderType & 0x7f, 0);
	ck_assert_uint_eq(info.bIrqPin, 1);	/* INTA */
	ck_assert(info.fMsi);
	ck_assert_uint_eq(info.dwMsiVectors, 1);
	ck_assert(!info.fMsix);
	ck_assert_uint_eq(info.dwMsixVectors, 0);
	ck_assert(!info.fPciExpress);
	ck_assert_uint_eq(info.dwCfgSize, 256);
	ck_assert_uint_eq(info.dwNumAddrSpaces, 6);

	d = &info.addrDesc[0];
	ck_assert(d->fIsMemory);
	ck_assert(!d->f64Bit);
	ck_assert(!d->fPrefetchable);
	ck_assert_uint_eq(d->qwBytes, EDU_BAR0_LEN);
	ck_assert_uint_ne(d->qwStart, 0);
	ck_assert_ptr_nonnull(d->pUserDirectMemAddr);
	for (i = 1; i < WDC_PCI_NUM_BARS; i++) {
		ck_assert_uint_eq(info.addrDesc[i].qwBytes, 0);
		ck_assert(!WDC_AddrSpaceIsActive(dev, i));
	}
	ck_assert(WDC_AddrSpaceIsActive(dev, 0));
	ck_assert_mem_eq(WDC_GetAddrDesc(dev, 0), d, sizeof(*d));
	ck_assert_ptr_eq(WDC_GetDriverHandle(dev), drv);
}
END_TEST

START_TEST(test_edu_id_ioctl)
{
	uint32_t v = 0;

	ck_assert_ok(WDC_SetDirectAccess(dev, false));
	ck_assert_ok(WDC_ReadAddr32(dev, 0, EDU_ID, &v));
	ck_assert_uint_eq(v, EDU_ID_VALUE);
}
END_TEST

START_TEST(test_edu_id_mmap)
{
	void *addr = edu_mapping();
	uint32_t v = 0;

	ck_assert_ok(WDC_SetDirectAccess(dev, true));
	ck_assert_ok(WDC_ReadAddr32(dev, 0, EDU_ID, &v));
	ck_assert_uint_eq(v, EDU_ID_VALUE);
	ck_assert_uint_eq(WDC_ReadMem32(addr, EDU_ID), EDU_ID_VALUE);
}
END_TEST

START_TEST(test_edu_liveness)
{
	static const uint32_t pats[] = { 0x12345678, 0, 0xffffffff, 0xa5a55a5a };
	void *addr = edu_mapping();
	uint32_t v, i;

	for (i = 0; i < 4; i++) {
		/* through the agent */
		ck_assert_ok(WDC_SetDirectAccess(dev, false));
		ck_assert_ok(WDC_WriteAddr32(dev, 0, EDU_LIVENESS, pats[i]));
		ck_assert_ok(WDC_ReadAddr32(dev, 0, EDU_LIVENESS, &v));
		ck_assert_uint_eq(v, ~pats[i]);
		/* the mapping sees what the agent wrote ... */
		ck_assert_uint_eq(WDC_ReadMem32(addr, EDU_LIVENESS), ~pats[i]);
		/* ... and the agent sees what the mapping wrote */
		WDC_WriteMem32(addr, EDU_LIVENESS, pats[i] ^ 0x0f0f0f0f);
		ck_assert_ok(WDC_ReadAddr32(dev, 0, EDU_LIVENESS, &v));
		ck_assert_uint_eq(v, ~(pats[i] ^ 0x0f0f0f0f));
		/* through the mapping, chosen by the library */
		ck_assert_ok(WDC_SetDirectAccess(dev, true));
		ck_assert_ok(WDC_WriteAddr32(dev, 0, EDU_LIVENESS, pats[i]));
		ck_assert_ok(WDC_ReadAddr32(dev, 0, EDU_LIVENESS, &v));
		ck_assert_uint_eq(v, ~pats[i]);
	}
}
END_TEST

START_TEST(test_edu_factorial_ioctl)
{
	ck_assert_ok(WDC_SetDirectAccess(dev, false));
	ck_assert_uint_eq(edu_factorial(10), FACT_10);
	ck_assert_uint_eq(edu_factorial(13), FACT_13_WRAPPED);
	ck_assert_uint_eq(edu_factorial(1), 1);
}
END_TEST

START_TEST(test_edu_factorial_mmap)
{
	void *addr = edu_mapping();
	double deadline;

	ck_assert_ok(WDC_SetDirectAccess(dev, true));
	ck_assert_uint_eq(edu_factorial(10), FACT_10);
	ck_assert_uint_eq(edu_factorial(13), FACT_13_WRAPPED);

	/* The raw macros, no library call at all. */
	edu_wait_idle();
	WDC_WriteMem32(addr, EDU_FACT, 10);
	deadline = now() + 5.0;
	while (WDC_ReadMem32(addr, EDU_STATUS) & EDU_STATUS_COMPUTING) {
		ck_assert_msg(now() < deadline, "edu still computing after 5 s");
		pause_ms(1);
	}
	ck_assert_uint_eq(WDC_ReadMem32(addr, EDU_FACT), FACT_10);
}
END_TEST

/* Widths reach the device unchanged (per TEST-DEVICES.md: the edu answers
 * 1/2-byte reads below 0x80 with 0, 8-byte reads there with all ones). */
START_TEST(test_edu_access_widths)
{
	static const bool direct[] = { false, true };
	uint8_t v8;
	uint16_t v16;
	uint64_t v64;
	int i;

	for (i = 0; i < 2; i++) {
		ck_assert_ok(WDC_SetDirectAccess(dev, direct[i]));
		v8 = 0x55;
		ck_assert_ok(WDC_ReadAddr8(dev, 0, EDU_ID, &v8));
		ck_assert_msg(v8 == 0, "8-bit read of the id gave 0x%x (%s)",
			      v8, direct[i] ? "mapping" : "agent");
		v16 = 0x55;
		ck_assert_ok(WDC_ReadAddr16(dev, 0, EDU_ID, &v16));
		ck_assert_msg(v16 == 0, "16-bit read of the id gave 0x%x (%s)",
			      v16, direct[i] ? "mapping" : "agent");
		ck_assert_ok(WDC_ReadAddr64(dev, 0, EDU_ID, &v64));
		ck_assert_uint_eq(v64, UINT64_MAX);
	}
}
END_TEST

/*
 * The DMA address registers take 64-bit accesses (no DMA is started); a
 * 32-bit read there gives the low half, a 32-bit write clears the high one.
 */
START_TEST(test_edu_64bit)
{
	static const bool direct[] = { false, true };
	const uint64_t pat = 0x0123456789abc000ull;
	uint64_t v;
	uint32_t lo;
	int i;

	for (i = 0; i < 2; i++) {
		ck_assert_ok(WDC_SetDirectAccess(dev, direct[i]));
		ck_assert_ok(WDC_WriteAddr64(dev, 0, EDU_DMA_SRC, pat + i));
		ck_assert_ok(WDC_ReadAddr64(dev, 0, EDU_DMA_SRC, &v));
		ck_assert_uint_eq(v, pat + i);
		ck_assert_ok(WDC_ReadAddr32(dev, 0, EDU_DMA_SRC, &lo));
		ck_assert_uint_eq(lo, (uint32_t)(pat + i));
		ck_assert_ok(WDC_WriteAddr32(dev, 0, EDU_DMA_SRC, 0x12345678));
		ck_assert_ok(WDC_ReadAddr64(dev, 0, EDU_DMA_SRC, &v));
		ck_assert_uint_eq(v, 0x12345678);
	}
	ck_assert_ok(WDC_WriteAddr64(dev, 0, EDU_DMA_SRC, 0));
}
END_TEST

START_TEST(test_edu_block_read)
{
	uint32_t buf[4];
	uint64_t q[2];
	int i;

	ck_assert_ok(WDC_WriteAddr32(dev, 0, EDU_LIVENESS, 0x11223344));
	ck_assert_uint_eq(edu_factorial(10), FACT_10);

	/* auto-increment: id, liveness, factorial */
	memset(buf, 0, sizeof(buf));
	ck_assert_ok(WDC_ReadAddrBlock(dev, 0, 0, 12, buf, WDC_MODE_32,
				       WDC_ADDR_RW_DEFAULT));
	ck_assert_uint_eq(buf[0], EDU_ID_VALUE);
	ck_assert_uint_eq(buf[1], ~0x11223344u);
	ck_assert_uint_eq(buf[2], FACT_10);

	/* FIFO: the id register four times */
	memset(buf, 0, sizeof(buf));
	ck_assert_ok(WDC_ReadAddrBlock(dev, 0, EDU_ID, sizeof(buf), buf,
				       WDC_MODE_32, WDC_ADDR_RW_NO_AUTOINC));
	for (i = 0; i < 4; i++)
		ck_assert_uint_eq(buf[i], EDU_ID_VALUE);

	/* 64-bit block over the two DMA address registers */
	ck_assert_ok(WDC_WriteAddr64(dev, 0, EDU_DMA_SRC, 0x1111222233334000ull));
	ck_assert_ok(WDC_WriteAddr64(dev, 0, EDU_DMA_DST, 0x5555666677778000ull));
	ck_assert_ok(WDC_ReadAddrBlock(dev, 0, EDU_DMA_SRC, sizeof(q), q,
				       WDC_MODE_64, WDC_ADDR_RW_DEFAULT));
	ck_assert_uint_eq(q[0], 0x1111222233334000ull);
	ck_assert_uint_eq(q[1], 0x5555666677778000ull);
	ck_assert_ok(WDC_WriteAddr64(dev, 0, EDU_DMA_SRC, 0));
	ck_assert_ok(WDC_WriteAddr64(dev, 0, EDU_DMA_DST, 0));
}
END_TEST

START_TEST(test_edu_block_write)
{
	uint32_t two[2] = { 0xcafef00d, 10 };
	uint32_t fifo[3] = { 1, 2, 0x0badf00d };
	uint32_t v;

	/* auto-increment: liveness, then factorial (starts computing) */
	edu_wait_idle();
	ck_assert_ok(WDC_WriteAddrBlock(dev, 0, EDU_LIVENESS, sizeof(two), two,
					WDC_MODE_32, WDC_ADDR_RW_DEFAULT));
	ck_assert_ok(WDC_ReadAddr32(dev, 0, EDU_LIVENESS, &v));
	ck_assert_uint_eq(v, ~0xcafef00du);
	edu_wait_idle();
	ck_assert_ok(WDC_ReadAddr32(dev, 0, EDU_FACT, &v));
	ck_assert_uint_eq(v, FACT_10);

	/* FIFO: three writes to liveness, the last one stays */
	ck_assert_ok(WDC_WriteAddrBlock(dev, 0, EDU_LIVENESS, sizeof(fifo), fifo,
					WDC_MODE_32, WDC_ADDR_RW_NO_AUTOINC));
	ck_assert_ok(WDC_ReadAddr32(dev, 0, EDU_LIVENESS, &v));
	ck_assert_uint_eq(v, ~0x0badf00du);
}
END_TEST

START_TEST(test_edu_multi)
{
	WDC_TRANSFER t[2];
	double deadline;

	edu_wait_idle();
	memset(t, 0, sizeof(t));
	t[0].cmdTrans = WM_DWORD;
	t[0].dwOffset = EDU_FACT;
	t[0].Data.Dword = 10;
	t[1].cmdTrans = RM_DWORD;
	t[1].dwOffset = EDU_ID;
	ck_assert_ok(WDC_MultiTransfer(dev, t, 2));
	ck_assert_uint_eq(t[0].Data.Dword, 10);
	ck_assert_uint_eq(t[1].Data.Dword, EDU_ID_VALUE);

	/* poll status and read the result in one call each time */
	deadline = now() + 5.0;
	for (;;) {
		memset(t, 0, sizeof(t));
		t[0].cmdTrans = RM_DWORD;
		t[0].dwOffset = EDU_STATUS;
		t[1].cmdTrans = RM_DWORD;
		t[1].dwOffset = EDU_FACT;
		ck_assert_ok(WDC_MultiTransfer(dev, t, 2));
		if (!(t[0].Data.Dword & EDU_STATUS_COMPUTING))
			break;
		ck_assert_msg(now() < deadline, "edu still computing after 5 s");
		pause_ms(1);
	}
	ck_assert_uint_eq(t[1].Data.Dword, FACT_10);

	/* 64-bit commands */
	memset(t, 0, sizeof(t));
	t[0].cmdTrans = WM_QWORD;
	t[0].dwOffset = EDU_DMA_DST;
	t[0].Data.Qword = 0x0000000200001000ull;
	t[1].cmdTrans = RM_QWORD;
	t[1].dwOffset = EDU_DMA_DST;
	ck_assert_ok(WDC_MultiTransfer(dev, t, 2));
	ck_assert_uint_eq(t[1].Data.Qword, 0x0000000200001000ull);
	ck_assert_ok(WDC_WriteAddr64(dev, 0, EDU_DMA_DST, 0));
}
END_TEST

static void read_sysfs_config(uint8_t *buf, size_t len)
{
	char path[128];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/config", bdf);
	fd = open(path, O_RDONLY);
	ck_assert_msg(fd >= 0, "open %s: %s", path, strerror(errno));
	n = pread(fd, buf, len, 0);
	close(fd);
	ck_assert_msg(n == (ssize_t)len, "read %s: %zd of %zu bytes (run as root)",
		      path, n, len);
}

START_TEST(test_edu_cfg_matches_sysfs)
{
	uint8_t sys[256], lib[256];
	uint32_t off, v32;
	uint16_t v16;
	uint8_t v8;

	read_sysfs_config(sys, sizeof(sys));
	ck_assert_ok(WDC_PciReadCfg(dev, 0, lib, sizeof(lib)));
	for (off = 0; off < 256; off++)
		ck_assert_msg(lib[off] == sys[off],
			      "config byte 0x%02x: kagent 0x%02x, sysfs 0x%02x",
			      off, lib[off], sys[off]);

	for (off = 0; off < 256; off += 4) {
		ck_assert_ok(WDC_PciReadCfg32(dev, off, &v32));
		ck_assert_uint_eq(v32, (uint32_t)sys[off] |
					       (uint32_t)sys[off + 1] << 8 |
					       (uint32_t)sys[off + 2] << 16 |
					       (uint32_t)sys[off + 3] << 24);
		ck_assert_ok(WDC_PciReadCfg16(dev, off + 2, &v16));
		ck_assert_uint_eq(v16, sys[off + 2] | sys[off + 3] << 8);
		ck_assert_ok(WDC_PciReadCfg8(dev, off + 1, &v8));
		ck_assert_uint_eq(v8, sys[off + 1]);
	}
	ck_assert_ok(WDC_PciReadCfg32(dev, 0, &v32));
	ck_assert_uint_eq(v32, EDU_DID << 16 | EDU_VID);
	/* an unaligned range */
	memset(lib, 0, sizeof(lib));
	ck_assert_ok(WDC_PciReadCfg(dev, 1, lib, 13));
	ck_assert_mem_eq(lib, &sys[1], 13);
}
END_TEST

/*
 * PCI_CACHE_LINE_SIZE (0x0c) is fully writable on QEMU devices and has no
 * effect on an emulated device; it is restored afterwards.
 */
START_TEST(test_edu_cfg_write)
{
	const uint32_t reg = 0x0c;
	uint8_t orig, v, want, sys[256];

	ck_assert_ok(WDC_PciReadCfg8(dev, reg, &orig));
	want = orig == 0x10 ? 0x08 : 0x10;
	ck_assert_ok(WDC_PciWriteCfg8(dev, reg, want));
	ck_assert_ok(WDC_PciReadCfg8(dev, reg, &v));
	ck_assert_uint_eq(v, want);
	read_sysfs_config(sys, sizeof(sys));
	ck_assert_uint_eq(sys[reg], want);

	/* the byte-range writer */
	ck_assert_ok(WDC_PciWriteCfg(dev, reg, &orig, 1));
	ck_assert_ok(WDC_PciReadCfg8(dev, reg, &v));
	ck_assert_uint_eq(v, orig);
}
END_TEST

/* The library refuses bad input on a real device, and the device still works. */
START_TEST(test_edu_bad_input)
{
	WDC_TRANSFER t[2];
	uint32_t v, buf[4];

	ck_assert_st(WDC_ReadAddr32(dev, 6, 0, &v), WD_INVALID_PARAMETER);
	ck_assert_st(WDC_ReadAddr32(dev, 1, 0, &v), WD_INVALID_PARAMETER);
	ck_assert_st(WDC_ReadAddr32(dev, 0, EDU_BAR0_LEN, &v),
		     WD_INVALID_PARAMETER);
	ck_assert_st(WDC_ReadAddr32(dev, 0, 2, &v), WD_INVALID_PARAMETER);
	ck_assert_st(WDC_WriteAddr64(dev, 0, 4, 0), WD_INVALID_PARAMETER);
	ck_assert_st(WDC_ReadAddr32(dev, 0, 0, NULL), WD_INVALID_PARAMETER);
	ck_assert_st(WDC_ReadAddrBlock(dev, 0, 0, 0, buf, WDC_MODE_32,
				       WDC_ADDR_RW_DEFAULT),
		     WD_INVALID_PARAMETER);
	ck_assert_st(WDC_ReadAddrBlock(dev, 0, 0, 6, buf, WDC_MODE_32,
				       WDC_ADDR_RW_DEFAULT),
		     WD_INVALID_PARAMETER);
	ck_assert_st(WDC_ReadAddrBlock(dev, 0, EDU_BAR0_LEN - 8, 16, buf,
				       WDC_MODE_32, WDC_ADDR_RW_DEFAULT),
		     WD_INVALID_PARAMETER);
	ck_assert_st(WDC_ReadAddrBlock(dev, 0, 0, 16, NULL, WDC_MODE_32,
				       WDC_ADDR_RW_DEFAULT),
		     WD_INVALID_PARAMETER);
	ck_assert_st(WDC_MultiTransfer(dev, t, 0), WD_INVALID_PARAMETER);
	memset(t, 0, sizeof(t));
	t[0].cmdTrans = RM_DWORD;
	t[1].cmdTrans = RP_DWORD;	/* port command on a memory BAR */
	ck_assert_st(WDC_MultiTransfer(dev, t, 2), WD_INVALID_PARAMETER);
	ck_assert_ptr_nonnull(strstr(WDC_GetLastErrStr(drv), "command 1 of 2"));
	ck_assert_st(WDC_PciReadCfg32(dev, 256, &v), WD_INVALID_PARAMETER);
	ck_assert_st(WDC_PciReadCfg32(dev, 2, &v), WD_INVALID_PARAMETER);
	ck_assert_st(WDC_PciDeviceOpen(drv, NULL, &slot, NULL, NULL, NULL),
		     WD_INVALID_PARAMETER);

	ck_assert_ok(WDC_ReadAddr32(dev, 0, EDU_ID, &v));
	ck_assert_uint_eq(v, EDU_ID_VALUE);
}
END_TEST

/* ------------------------------------------------------------------------
 * pci-testdev (QEMU hw/misc/pci-testdev.c)
 *
 * Writing a test number t (0..2) to offset 0 of the MMIO BAR0 or the
 * port-I/O BAR1 selects test i = type * 3 + t (type 0 MMIO, 1 ports) and
 * exposes its header: test i @0, width @1, offset (u32) @4, data @8,
 * count (u32) @12, name @16.  Test 0 ("no-eventfd") counts the writes of
 * `data` (at `width`) to `offset`; tests 1 and 2 hand such writes to an
 * eventfd instead.  Writing 3 or more deselects (reads give 0).
 * ------------------------------------------------------------------------ */

static void testdev_protocol(uint32_t bar, bool port)
{
	static const char *const names[] = { "no-eventfd", "wildcard-eventfd",
					     "datamatch-eventfd" };
	const uint32_t type = port ? 1 : 0;
	const uint32_t base = port ? 128 : 2048;	/* IOTEST_IOSIZE/MEMSIZE */
	uint32_t t, i, off, count;
	uint8_t v8, data;
	char name[64], want[64];

	for (t = 0; t < 3; t++) {
		i = type * 3 + t;
		ck_assert_ok(WDC_WriteAddr8(dev, bar, 0, (uint8_t)t));
		ck_assert_ok(WDC_ReadAddr8(dev, bar, 0, &v8));
		ck_assert_uint_eq(v8, i);
		ck_assert_ok(WDC_ReadAddr8(dev, bar, 1, &v8));
		ck_assert_uint_eq(v8, 1);		/* width */
		ck_assert_ok(WDC_ReadAddr32(dev, bar, 4, &off));
		ck_assert_uint_eq(off, base + i);
		ck_assert_ok(WDC_ReadAddr8(dev, bar, 8, &data));
		ck_assert_uint_eq(data, t == 1 ? 0xce : 0xfa);
		ck_assert_ok(WDC_ReadAddr32(dev, bar, 12, &count));
		ck_assert_uint_eq(count, 0);

		memset(name, 0, sizeof(name));
		ck_assert_ok(WDC_ReadAddrBlock(dev, bar, 16, 40, name,
					       WDC_MODE_8, WDC_ADDR_RW_DEFAULT));
		snprintf(want, sizeof(want), "%s-%s", port ? "portio" : "mmio",
			 names[t]);
		ck_assert_str_eq(name, want);

		if (t != 0)
			continue;
		/* test 0 counts matching writes of the right width */
		ck_assert_ok(WDC_WriteAddr8(dev, bar, off, data));
		ck_assert_ok(WDC_ReadAddr32(dev, bar, 12, &count));
		ck_assert_uint_eq(count, 1);
		ck_assert_ok(WDC_WriteAddr8(dev, bar, off, data));
		ck_assert_ok(WDC_ReadAddr32(dev, bar, 12, &count));
		ck_assert_uint_eq(count, 2);
		ck_assert_ok(WDC_WriteAddr8(dev, bar, off, (uint8_t)~data));
		ck_assert_ok(WDC_ReadAddr32(dev, bar, 12, &count));
		ck_assert_uint_eq(count, 2);
	}
	/* deselect */
	ck_assert_ok(WDC_WriteAddr8(dev, bar, 0, 3));
	ck_assert_ok(WDC_ReadAddr8(dev, bar, 1, &v8));
	ck_assert_uint_eq(v8, 0);
}

START_TEST(test_testdev_info)
{
	WDC_PCI_DEVICE_INFO info;

	ck_assert_ok(WDC_PciGetDeviceInfo(dev, &info));
	ck_assert_uint_eq(info.pciId.dwVendorId, TESTDEV_VID);
	ck_assert_uint_eq(info.pciId.dwDeviceId, TESTDEV_DID);
	ck_assert_uint_eq(info.bIrqPin, 0);
	ck_assert(info.addrDesc[0].fIsMemory);
	ck_assert_uint_eq(info.addrDesc[0].qwBytes, 4096);
	ck_assert_ptr_nonnull(info.addrDesc[0].pUserDirectMemAddr);
	ck_assert(!info.addrDesc[1].fIsMemory);
	ck_assert_uint_eq(info.addrDesc[1].qwBytes, 256);
	ck_assert_ptr_null(info.addrDesc[1].pUserDirectMemAddr);
}
END_TEST

START_TEST(test_testdev_portio)
{
	testdev_protocol(1, true);
}
END_TEST

START_TEST(test_testdev_mmio_ioctl)
{
	ck_assert_ok(WDC_SetDirectAccess(dev, false));
	testdev_protocol(0, false);
}
END_TEST

START_TEST(test_testdev_mmio_mapping)
{
	const WDC_ADDR_DESC *d = WDC_GetAddrDesc(dev, 0);
	void *addr = WDC_MEM_DIRECT_ADDR(d);
	uint32_t off;

	ck_assert_ptr_nonnull(addr);
	ck_assert_ok(WDC_SetDirectAccess(dev, true));
	testdev_protocol(0, false);

	/* the raw macros */
	WDC_WriteMem8(addr, 0, 0);
	off = WDC_ReadMem32(addr, 4);
	ck_assert_uint_eq(off, 2048);
	WDC_WriteMem8(addr, off, 0xfa);
	ck_assert_uint_eq(WDC_ReadMem32(addr, 12), 1);
	WDC_WriteMem8(addr, 0, 3);
}
END_TEST

/* Port commands in a multi-transfer; memory commands are refused on BAR1. */
START_TEST(test_testdev_multi_port)
{
	WDC_TRANSFER t[4];

	memset(t, 0, sizeof(t));
	t[0].cmdTrans = WP_BYTE;
	t[0].dwAddrSpace = 1;
	t[0].Data.Byte = 0;			/* select test 0 */
	t[1].cmdTrans = RP_DWORD;
	t[1].dwAddrSpace = 1;
	t[1].dwOffset = 4;			/* offset */
	t[2].cmdTrans = RP_BYTE;
	t[2].dwAddrSpace = 1;
	t[2].dwOffset = 8;			/* data */
	t[3].cmdTrans = RP_WORD;
	t[3].dwAddrSpace = 1;
	t[3].dwOffset = 12;			/* count, low half */
	ck_assert_ok(WDC_MultiTransfer(dev, t, 4));
	ck_assert_uint_eq(t[1].Data.Dword, 131);
	ck_assert_uint_eq(t[2].Data.Byte, 0xfa);
	ck_assert_uint_eq(t[3].Data.Word, 0);

	memset(t, 0, sizeof(t));
	t[0].cmdTrans = WP_BYTE;
	t[0].dwAddrSpace = 1;
	t[0].dwOffset = 131;
	t[0].Data.Byte = 0xfa;
	t[1] = t[0];
	t[2].cmdTrans = RP_DWORD;
	t[2].dwAddrSpace = 1;
	t[2].dwOffset = 12;
	ck_assert_ok(WDC_MultiTransfer(dev, t, 3));
	ck_assert_uint_eq(t[2].Data.Dword, 2);

	t[0].cmdTrans = WM_BYTE;		/* memory command on I/O BAR */
	ck_assert_st(WDC_MultiTransfer(dev, t, 3), WD_INVALID_PARAMETER);
	ck_assert_ok(WDC_WriteAddr8(dev, 1, 0, 3));
}
END_TEST

static Suite *access_suite(void)
{
	Suite *s = suite_create("guest_access");
	TCase *tc = tcase_create("edu");

	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, setup_edu, teardown);
	tcase_add_test(tc, test_edu_info);
	tcase_add_test(tc, test_edu_id_ioctl);
	tcase_add_test(tc, test_edu_id_mmap);
	tcase_add_test(tc, test_edu_liveness);
	tcase_add_test(tc, test_edu_factorial_ioctl);
	tcase_add_test(tc, test_edu_factorial_mmap);
	tcase_add_test(tc, test_edu_access_widths);
	tcase_add_test(tc, test_edu_64bit);
	tcase_add_test(tc, test_edu_block_read);
	tcase_add_test(tc, test_edu_block_write);
	tcase_add_test(tc, test_edu_multi);
	tcase_add_test(tc, test_edu_cfg_matches_sysfs);
	tcase_add_test(tc, test_edu_cfg_write);
	tcase_add_test(tc, test_edu_bad_input);
	suite_add_tcase(s, tc);

	tc = tcase_create("pci_testdev");
	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, setup_testdev, teardown);
	tcase_add_test(tc, test_testdev_info);
	tcase_add_test(tc, test_testdev_portio);
	tcase_add_test(tc, test_testdev_mmio_ioctl);
	tcase_add_test(tc, test_testdev_mmio_mapping);
	tcase_add_test(tc, test_testdev_multi_port);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(access_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

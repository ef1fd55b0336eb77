// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check_args.c - host tests of argument validation of every public function
 * (NULL and invalid handles and pointers, bad BARs, offsets, widths and
 * lengths) and of the mapped access path, on a device object built without
 * an agent.
 *
 * The fake driver handle has no agent file (fd -1): a request that passes
 * the library's validation reaches ioctl(), fails with EBADF and comes back
 * as WD_INVALID_HANDLE, while one the library refuses is
 * WD_INVALID_PARAMETER.  So the status tells which side decided.
 */
#include "wdc_internal.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define BAR0_LEN (1u << 20)
#define BAR2_LEN 8192u

static struct wdc_driver *drv;
static struct wdc_device *dev;
static uint8_t *bar2;	/* stands in for the mapping of BAR2 */
static int ctx_marker;

static void fill_info(struct kag_dev_info *ki, uint32_t handle, uint8_t slot)
{
	memset(ki, 0, sizeof(*ki));
	ki->argsz = sizeof(*ki);
	ki->handle = handle;
	ki->domain = 0;
	ki->bus = 0;
	ki->dev = slot;
	ki->fn = 0;
	ki->revision = 0x10;
	ki->vendor_id = 0x1234;
	ki->device_id = 0x11e8;
	ki->subsys_vendor_id = 0x1af4;
	ki->subsys_device_id = 0x1100;
	ki->class_code = 0x00ff00;
	ki->irq_pin = 1;
	ki->header_type = 0;
	ki->msi_vectors = 1;
	ki->irq_line = 11;
	ki->cfg_size = 256;
	ki->flags = KAG_DEV_MSI;
	ki->bar[0].start = 0xfea00000;
	ki->bar[0].length = BAR0_LEN;
	ki->bar[0].flags = KAG_BAR_MEM | KAG_BAR_MMAP;
	ki->bar[1].start = 0xc000;
	ki->bar[1].length = 256;
	ki->bar[1].flags = KAG_BAR_IO;
	ki->bar[2].start = 0x800000000ull;
	ki->bar[2].length = BAR2_LEN;
	ki->bar[2].flags = KAG_BAR_MEM | KAG_BAR_64BIT | KAG_BAR_PREFETCH |
			   KAG_BAR_MMAP;
}

static void setup(void)
{
	struct kag_dev_info ki;

	drv = wdc_driver_new(-1);
	ck_assert_ptr_nonnull(drv);
	fill_info(&ki, 5, 3);
	dev = wdc_device_new(drv, &ki, &ctx_marker);
	ck_assert_ptr_nonnull(dev);
	bar2 = mmap(NULL, BAR2_LEN, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ck_assert_ptr_ne(bar2, MAP_FAILED);
	dev->info.addrDesc[2].pUserDirectMemAddr = bar2;
	dev->map_len[2] = BAR2_LEN;
}

static void teardown(void)
{
	/* Unmaps bar2 and frees the device. */
	ck_assert_uint_eq(WDC_DriverClose(drv), WD_STATUS_SUCCESS);
}

static void expect_err(const char *part)
{
	const char *e = WDC_GetLastErrStr(drv);

	ck_assert_msg(strstr(e, part), "last error '%s' lacks '%s'", e, part);
}

START_TEST(test_null_handles)
{
	WDC_PCI_DEVICE_INFO info;
	WDC_PCI_SCAN_RESULT *res = malloc(sizeof(*res));
	WD_PCI_SLOT slot = { 0, 0, 3, 0 };
	WDC_DEVICE_HANDLE h = NULL;
	WDC_TRANSFER t;
	uint8_t b8 = 0, buf[8];
	uint16_t b16 = 0;
	uint32_t b32 = 0;
	uint64_t b64 = 0;
	char text[16];

	ck_assert_ptr_nonnull(res);
	memset(&t, 0, sizeof(t));
	ck_assert_uint_eq(WDC_DriverClose(NULL), WD_INVALID_HANDLE);
	ck_assert_ptr_nonnull(WDC_GetLastErrStr(NULL));
	ck_assert_uint_gt(strlen(WDC_GetLastErrStr(NULL)), 0);
	ck_assert_uint_eq(WDC_CopyLastErrStr(NULL, text, sizeof(text)),
			  WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_GetAgentVersion(NULL, &b32, NULL, 0),
			  WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_PciDeviceOpen(NULL, &h, &slot, NULL, NULL, NULL),
			  WD_INVALID_HANDLE);
	ck_assert_ptr_null(h);
	ck_assert_uint_eq(WDC_PciDeviceClose(NULL), WD_INVALID_HANDLE);
	ck_assert_ptr_null(WDC_GetDevContext(NULL));
	ck_assert_ptr_null(WDC_GetDriverHandle(NULL));
	ck_assert_uint_eq(WDC_PciGetDeviceInfo(NULL, &info), WD_INVALID_HANDLE);
	ck_assert_ptr_null(WDC_GetAddrDesc(NULL, 0));
	ck_assert(!WDC_AddrSpaceIsActive(NULL, 0));
	ck_assert_uint_eq(WDC_SetDirectAccess(NULL, false), WD_INVALID_HANDLE);

	ck_assert_uint_eq(WDC_ReadAddr8(NULL, 0, 0, &b8), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_ReadAddr16(NULL, 0, 0, &b16), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_ReadAddr32(NULL, 0, 0, &b32), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_ReadAddr64(NULL, 0, 0, &b64), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_WriteAddr8(NULL, 0, 0, 1), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_WriteAddr16(NULL, 0, 0, 1), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_WriteAddr32(NULL, 0, 0, 1), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_WriteAddr64(NULL, 0, 0, 1), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_ReadAddrBlock(NULL, 0, 0, 4, buf, WDC_MODE_32,
					    WDC_ADDR_RW_DEFAULT),
			  WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_WriteAddrBlock(NULL, 0, 0, 4, buf, WDC_MODE_32,
					     WDC_ADDR_RW_DEFAULT),
			  WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_MultiTransfer(NULL, &t, 1), WD_INVALID_HANDLE);

	ck_assert_uint_eq(WDC_PciReadCfg8(NULL, 0, &b8), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_PciReadCfg16(NULL, 0, &b16), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_PciReadCfg32(NULL, 0, &b32), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_PciReadCfg64(NULL, 0, &b64), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_PciWriteCfg8(NULL, 0, 0), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_PciWriteCfg16(NULL, 0, 0), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_PciWriteCfg32(NULL, 0, 0), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_PciWriteCfg64(NULL, 0, 0), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_PciReadCfg(NULL, 0, buf, 4), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_PciWriteCfg(NULL, 0, buf, 4), WD_INVALID_HANDLE);
	/* Outputs untouched. */
	ck_assert_uint_eq(b8 | b16 | b32 | b64, 0);
	free(res);
}
END_TEST

/* Objects that are not handles of the right kind are refused. */
START_TEST(test_bogus_handles)
{
	static uint64_t zeroes[256];
	WDC_DRIVER_HANDLE bad_drv = (WDC_DRIVER_HANDLE)(void *)zeroes;
	WDC_DEVICE_HANDLE bad_dev = (WDC_DEVICE_HANDLE)(void *)zeroes;
	/* A driver handle where a device handle belongs, and vice versa. */
	WDC_DEVICE_HANDLE drv_as_dev = (WDC_DEVICE_HANDLE)(void *)drv;
	WDC_DRIVER_HANDLE dev_as_drv = (WDC_DRIVER_HANDLE)(void *)dev;
	WDC_PCI_SCAN_RESULT *res = malloc(sizeof(*res));
	WD_PCI_SLOT slot = { 0, 0, 4, 0 };
	WDC_DEVICE_HANDLE h = NULL;
	uint32_t v;

	ck_assert_ptr_nonnull(res);
	ck_assert_uint_eq(WDC_DriverClose(bad_drv), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_DriverClose(dev_as_drv), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_PciScanDevices(bad_drv, 0, 0, res),
			  WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_PciDeviceOpen(dev_as_drv, &h, &slot, NULL, NULL,
					    NULL),
			  WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_PciDeviceClose(bad_dev), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_PciDeviceClose(drv_as_dev), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_ReadAddr32(bad_dev, 0, 0, &v), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_ReadAddr32(drv_as_dev, 0, 0, &v),
			  WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_PciReadCfg32(drv_as_dev, 0, &v),
			  WD_INVALID_HANDLE);
	ck_assert_ptr_null(WDC_GetAddrDesc(drv_as_dev, 0));
	ck_assert_str_eq(WDC_GetLastErrStr(dev_as_drv), WDC_GetLastErrStr(NULL));
	/* The real handles still work. */
	ck_assert_ptr_eq(WDC_GetDevContext(dev), &ctx_marker);
	free(res);
}
END_TEST

START_TEST(test_driver_open_args)
{
	WDC_DRIVER_HANDLE h = (WDC_DRIVER_HANDLE)(void *)&ctx_marker;
	char err[WDC_ERR_STR_LEN];

	ck_assert_uint_eq(WDC_DriverOpen(NULL, 0), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_DriverOpenPath(&h, NULL, 0), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_DriverOpenEx(NULL, "/dev/null", 0, err,
					   sizeof(err)),
			  WD_INVALID_PARAMETER);
	ck_assert_ptr_nonnull(strstr(err, "NULL"));
	ck_assert_uint_eq(WDC_DriverOpenEx(&h, "/dev/null", 0x100, err,
					   sizeof(err)),
			  WD_INVALID_PARAMETER);
	ck_assert_ptr_nonnull(strstr(err, "unknown options 0x100"));
	ck_assert_ptr_eq(h, (void *)&ctx_marker);	/* untouched */
	/* A NULL error buffer is fine, whatever its length. */
	ck_assert_uint_eq(WDC_DriverOpenEx(&h, NULL, 0, NULL, 100),
			  WD_INVALID_PARAMETER);
}
END_TEST

START_TEST(test_last_error)
{
	char small[8], big[WDC_ERR_STR_LEN];
	uint32_t v;

	ck_assert_str_eq(WDC_GetLastErrStr(drv), "");
	ck_assert_uint_eq(WDC_ReadAddr32(dev, 0, 2, &v), WD_INVALID_PARAMETER);
	expect_err("WDC_ReadAddr32: 0000:00:03.0: BAR0");
	expect_err("not aligned");
	ck_assert_uint_eq(WDC_CopyLastErrStr(drv, big, sizeof(big)),
			  WD_STATUS_SUCCESS);
	ck_assert_str_eq(big, WDC_GetLastErrStr(drv));
	ck_assert_uint_eq(WDC_CopyLastErrStr(drv, small, sizeof(small)),
			  WD_STATUS_SUCCESS);
	ck_assert_str_eq(small, "WDC_Rea");
	ck_assert_uint_eq(WDC_CopyLastErrStr(drv, NULL, 8),
			  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_CopyLastErrStr(drv, small, 0),
			  WD_INVALID_PARAMETER);
	/* Success leaves the text alone. */
	ck_assert_uint_eq(WDC_ReadAddr32(dev, 2, 0, &v), WD_STATUS_SUCCESS);
	expect_err("not aligned");
}
END_TEST

START_TEST(test_agent_version_args)
{
	char buf[8];
	uint32_t abi = 0;

	drv->agent_abi = 0x00010002;
	memcpy(drv->agent_version, "1.2.3", 6);
	ck_assert_uint_eq(WDC_GetAgentVersion(drv, NULL, NULL, 0),
			  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_GetAgentVersion(drv, NULL, buf, 5),
			  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_GetAgentVersion(drv, &abi, buf, 6),
			  WD_STATUS_SUCCESS);
	ck_assert_str_eq(buf, "1.2.3");
	ck_assert_uint_eq(abi, 0x00010002);
	ck_assert_uint_eq(WDC_GetAgentVersion(drv, &abi, NULL, 0),
			  WD_STATUS_SUCCESS);
}
END_TEST

START_TEST(test_scan_args)
{
	WDC_PCI_SCAN_RESULT *res = malloc(sizeof(*res));

	ck_assert_ptr_nonnull(res);
	ck_assert_uint_eq(WDC_PciScanDevices(NULL, 0, 0, NULL),
			  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_PciScanDevices(drv, 0, 0, NULL),
			  WD_INVALID_PARAMETER);
	expect_err("NULL");
	ck_assert_uint_eq(WDC_PciScanDevices(drv, 0x10000, 0, res),
			  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_PciScanDevices(NULL, 0, 0x10000, res),
			  WD_INVALID_PARAMETER);
	free(res);
}
END_TEST

START_TEST(test_device_open_args)
{
	static const WD_PCI_SLOT bad[] = {
		{ 0, 0, 0, 8 },
		{ 0, 0, 0x20, 0 },
		{ 0, 0x100, 0, 0 },
		{ 0x80000000u, 0, 0, 0 },
	};
	WD_PCI_SLOT open_slot = { 0, 0, 3, 0 }, other = { 0, 0, 4, 0 };
	WDC_DEVICE_HANDLE h = NULL;
	size_t i;

	ck_assert_uint_eq(WDC_PciDeviceOpen(drv, NULL, &other, NULL, NULL, NULL),
			  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_PciDeviceOpen(drv, &h, NULL, NULL, NULL, NULL),
			  WD_INVALID_PARAMETER);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_uint_eq(WDC_PciDeviceOpen(drv, &h, &bad[i], NULL,
						    NULL, NULL),
				  WD_INVALID_PARAMETER);
	expect_err("invalid PCI address");

	ck_assert_uint_eq(WDC_PciDeviceOpen(drv, &h, &other, NULL,
					    "kp_name_too_long", NULL),
			  WD_INVALID_PARAMETER);
	expect_err("must be 1 to 12 characters");
	expect_err("kp_name_too_long");
	ck_assert_uint_eq(WDC_PciDeviceOpen(drv, &h, &other, NULL, "", NULL),
			  WD_INVALID_PARAMETER);

	ck_assert_uint_eq(WDC_PciDeviceOpen(drv, &h, &open_slot, NULL, NULL,
					    NULL),
			  WD_DEVICE_BUSY);
	expect_err("0000:00:03.0 is already open through this driver handle");

	/* Valid: goes to the (absent) agent. */
	ck_assert_uint_eq(WDC_PciDeviceOpen(drv, &h, &other, NULL, NULL, NULL),
			  WD_INVALID_HANDLE);
	expect_err("KAG_IOC_DEV_OPEN");
	ck_assert_ptr_null(h);
}
END_TEST

START_TEST(test_device_info)
{
	WDC_PCI_DEVICE_INFO info;
	const WDC_ADDR_DESC *d;
	uint32_t i;

	ck_assert_uint_eq(WDC_PciGetDeviceInfo(dev, NULL), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_PciGetDeviceInfo(dev, &info), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(info.pciSlot.dwDomain, 0);
	ck_assert_uint_eq(info.pciSlot.dwBus, 0);
	ck_assert_uint_eq(info.pciSlot.dwSlot, 3);
	ck_assert_uint_eq(info.pciSlot.dwFunction, 0);
	ck_assert_uint_eq(info.pciId.dwVendorId, 0x1234);
	ck_assert_uint_eq(info.pciId.dwDeviceId, 0x11e8);
	ck_assert_uint_eq(info.dwSubVendorId, 0x1af4);
	ck_assert_uint_eq(info.dwSubDeviceId, 0x1100);
	ck_assert_uint_eq(info.dwClassCode, 0x00ff00);
	ck_assert_uint_eq(info.bRevision, 0x10);
	ck_assert_uint_eq(info.bIrqPin, 1);
	ck_assert_uint_eq(info.dwIrqLine, 11);
	ck_assert(info.fMsi);
	ck_assert_uint_eq(info.dwMsiVectors, 1);
	ck_assert(!info.fMsix);
	ck_assert_uint_eq(info.dwMsixVectors, 0);
	ck_assert(!info.fPciExpress);
	ck_assert_uint_eq(info.dwCfgSize, 256);
	ck_assert_uint_eq(info.dwNumAddrSpaces, 6);

	for (i = 0; i < WDC_PCI_NUM_BARS; i++) {
		d = WDC_GetAddrDesc(dev, i);
		ck_assert_ptr_nonnull(d);
		ck_assert_uint_eq(d->dwAddrSpace, i);
		ck_assert_mem_eq(d, &info.addrDesc[i], sizeof(*d));
		ck_assert(WDC_AddrSpaceIsActive(dev, i) == (i <= 2));
	}
	ck_assert_ptr_null(WDC_GetAddrDesc(dev, 6));
	ck_assert(!WDC_AddrSpaceIsActive(dev, 6));
	ck_assert(!WDC_AddrSpaceIsActive(dev, UINT32_MAX));

	d = WDC_GetAddrDesc(dev, 0);
	ck_assert(d->fIsMemory && !d->f64Bit && !d->fPrefetchable);
	ck_assert_uint_eq(d->qwStart, 0xfea00000);
	ck_assert_uint_eq(d->qwBytes, BAR0_LEN);
	ck_assert_ptr_null(WDC_MEM_DIRECT_ADDR(d));
	d = WDC_GetAddrDesc(dev, 1);
	ck_assert(!d->fIsMemory);
	ck_assert_uint_eq(d->qwBytes, 256);
	d = WDC_GetAddrDesc(dev, 2);
	ck_assert(d->fIsMemory && d->f64Bit && d->fPrefetchable);
	ck_assert_ptr_eq(WDC_MEM_DIRECT_ADDR(d), bar2);

	ck_assert_ptr_eq(WDC_GetDevContext(dev), &ctx_marker);
	ck_assert_ptr_eq(WDC_GetDriverHandle(dev), drv);
}
END_TEST

START_TEST(test_rw_validation)
{
	uint8_t v8;
	uint16_t v16;
	uint32_t v32;
	uint64_t v64;

	/* NULL value pointers */
	ck_assert_uint_eq(WDC_ReadAddr8(dev, 0, 0, NULL), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_ReadAddr16(dev, 0, 0, NULL), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_ReadAddr32(dev, 0, 0, NULL), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_ReadAddr64(dev, 0, 0, NULL), WD_INVALID_PARAMETER);
	expect_err("NULL");

	/* BAR index and implemented BARs */
	ck_assert_uint_eq(WDC_ReadAddr32(dev, 6, 0, &v32), WD_INVALID_PARAMETER);
	expect_err("no such BAR");
	ck_assert_uint_eq(WDC_WriteAddr32(dev, 0xffffffffu, 0, 0),
			  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_ReadAddr32(dev, 3, 0, &v32), WD_INVALID_PARAMETER);
	expect_err("does not implement");
	ck_assert_uint_eq(WDC_WriteAddr8(dev, 5, 0, 0), WD_INVALID_PARAMETER);

	/* Alignment */
	ck_assert_uint_eq(WDC_ReadAddr16(dev, 0, 1, &v16), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_ReadAddr32(dev, 0, 2, &v32), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_ReadAddr64(dev, 0, 4, &v64), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_WriteAddr16(dev, 1, 3, 0), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_WriteAddr32(dev, 2, 6, 0), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_WriteAddr64(dev, 2, 12, 0), WD_INVALID_PARAMETER);
	expect_err("not aligned");

	/* Range */
	ck_assert_uint_eq(WDC_ReadAddr8(dev, 0, BAR0_LEN, &v8),
			  WD_INVALID_PARAMETER);
	expect_err("outside the BAR");
	expect_err("0x100000 bytes");
	ck_assert_uint_eq(WDC_ReadAddr32(dev, 1, 256, &v32),
			  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_ReadAddr64(dev, 2, BAR2_LEN, &v64),
			  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_WriteAddr32(dev, 0, UINT64_MAX - 3, 0),
			  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_WriteAddr64(dev, 0, UINT64_MAX - 7, 0),
			  WD_INVALID_PARAMETER);

	/* No 64-bit port I/O */
	ck_assert_uint_eq(WDC_ReadAddr64(dev, 1, 0, &v64), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_WriteAddr64(dev, 1, 8, 0), WD_INVALID_PARAMETER);
	expect_err("64-bit");

	/* Valid requests on unmapped BARs go to the agent (absent here). */
	ck_assert_uint_eq(WDC_ReadAddr8(dev, 0, BAR0_LEN - 1, &v8),
			  WD_INVALID_HANDLE);
	expect_err("KAG_IOC_RW (read) failed");
	ck_assert_uint_eq(WDC_ReadAddr16(dev, 1, 254, &v16), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_ReadAddr32(dev, 0, 0, &v32), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_ReadAddr64(dev, 0, BAR0_LEN - 8, &v64),
			  WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_WriteAddr8(dev, 1, 255, 0), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_WriteAddr16(dev, 0, 2, 0), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_WriteAddr32(dev, 1, 252, 0), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_WriteAddr64(dev, 0, 8, 0), WD_INVALID_HANDLE);
	expect_err("KAG_IOC_RW (write) failed");
}
END_TEST

START_TEST(test_direct_path)
{
	const WDC_ADDR_DESC *d = WDC_GetAddrDesc(dev, 2);
	void *addr = WDC_MEM_DIRECT_ADDR(d);
	uint8_t v8;
	uint16_t v16;
	uint32_t v32;
	uint64_t v64;

	ck_assert_uint_eq(WDC_WriteAddr32(dev, 2, 0x10, 0xdeadbeef),
			  WD_STATUS_SUCCESS);
	ck_assert_uint_eq(WDC_ReadMem32(addr, 0x10), 0xdeadbeef);
	ck_assert_uint_eq(WDC_ReadAddr32(dev, 2, 0x10, &v32), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(v32, 0xdeadbeef);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	ck_assert_uint_eq(WDC_ReadAddr8(dev, 2, 0x10, &v8), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(v8, 0xef);
	ck_assert_uint_eq(WDC_ReadAddr16(dev, 2, 0x12, &v16), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(v16, 0xdead);
#endif
	WDC_WriteMem16(addr, 0x20, 0x1234);
	ck_assert_uint_eq(WDC_ReadAddr16(dev, 2, 0x20, &v16), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(v16, 0x1234);
	ck_assert_uint_eq(WDC_WriteAddr8(dev, 2, BAR2_LEN - 1, 0x5a),
			  WD_STATUS_SUCCESS);
	ck_assert_uint_eq(WDC_ReadMem8(addr, BAR2_LEN - 1), 0x5a);
	ck_assert_uint_eq(WDC_ReadAddr8(dev, 2, BAR2_LEN - 1, &v8),
			  WD_STATUS_SUCCESS);
	ck_assert_uint_eq(v8, 0x5a);

	WDC_WriteMem64(addr, 0x40, 0x0123456789abcdefull);
	ck_assert_uint_eq(WDC_ReadMem64(addr, 0x40), 0x0123456789abcdefull);
	if (sizeof(void *) == 8) {
		/* 64-bit accesses use the mapping only in 64-bit processes. */
		ck_assert_uint_eq(WDC_ReadAddr64(dev, 2, 0x40, &v64),
				  WD_STATUS_SUCCESS);
		ck_assert_uint_eq(v64, 0x0123456789abcdefull);
		ck_assert_uint_eq(WDC_WriteAddr64(dev, 2, BAR2_LEN - 8, 42),
				  WD_STATUS_SUCCESS);
		ck_assert_uint_eq(WDC_ReadMem64(addr, BAR2_LEN - 8), 42);
	}

	/* Forced through the agent (absent here): the mapping is not used. */
	ck_assert_uint_eq(WDC_SetDirectAccess(dev, false), WD_STATUS_SUCCESS);
	v32 = 7;
	ck_assert_uint_eq(WDC_ReadAddr32(dev, 2, 0x10, &v32), WD_INVALID_HANDLE);
	ck_assert_uint_eq(v32, 7);
	ck_assert_uint_eq(WDC_WriteAddr32(dev, 2, 0x10, 1), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_ReadMem32(addr, 0x10), 0xdeadbeef);
	ck_assert_uint_eq(WDC_SetDirectAccess(dev, true), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(WDC_ReadAddr32(dev, 2, 0x10, &v32), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(v32, 0xdeadbeef);

	/* The mapping never excuses a bad request. */
	ck_assert_uint_eq(WDC_ReadAddr32(dev, 2, BAR2_LEN, &v32),
			  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_ReadAddr32(dev, 2, 1, &v32), WD_INVALID_PARAMETER);
}
END_TEST

START_TEST(test_block_validation)
{
	uint8_t buf[64];

	ck_assert_uint_eq(WDC_ReadAddrBlock(dev, 0, 0, 4, NULL, WDC_MODE_32,
					    WDC_ADDR_RW_DEFAULT),
			  WD_INVALID_PARAMETER);
	expect_err("NULL");
	ck_assert_uint_eq(WDC_WriteAddrBlock(dev, 0, 0, 4, NULL, WDC_MODE_32,
					     WDC_ADDR_RW_DEFAULT),
			  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_ReadAddrBlock(dev, 0, 0, 0, buf, WDC_MODE_32,
					    WDC_ADDR_RW_DEFAULT),
			  WD_INVALID_PARAMETER);
	expect_err("non-zero multiple");
	ck_assert_uint_eq(WDC_ReadAddrBlock(dev, 0, 0, 6, buf, WDC_MODE_32,
					    WDC_ADDR_RW_DEFAULT),
			  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_WriteAddrBlock(dev, 0, 0, 12, buf, WDC_MODE_64,
					     WDC_ADDR_RW_NO_AUTOINC),
			  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_ReadAddrBlock(dev, 0, 0, 8, buf, (WDC_ADDR_MODE)3,
					    WDC_ADDR_RW_DEFAULT),
			  WD_INVALID_PARAMETER);
	expect_err("invalid mode 3");
	ck_assert_uint_eq(WDC_ReadAddrBlock(dev, 0, 0, 8, buf, (WDC_ADDR_MODE)0,
					    WDC_ADDR_RW_DEFAULT),
			  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_ReadAddrBlock(dev, 0, 0, 16, buf,
					    (WDC_ADDR_MODE)16,
					    WDC_ADDR_RW_DEFAULT),
			  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_ReadAddrBlock(dev, 0, 0, 8, buf, WDC_MODE_32,
					    (WDC_ADDR_RW_OPTIONS)1),
			  WD_INVALID_PARAMETER);
	expect_err("unknown options 0x1");
	ck_assert_uint_eq(WDC_ReadAddrBlock(dev, 0, 0, 8, buf, WDC_MODE_32,
					    (WDC_ADDR_RW_OPTIONS)0x8),
			  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_ReadAddrBlock(dev, 6, 0, 8, buf, WDC_MODE_32,
					    WDC_ADDR_RW_DEFAULT),
			  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_ReadAddrBlock(dev, 3, 0, 8, buf, WDC_MODE_32,
					    WDC_ADDR_RW_DEFAULT),
			  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_ReadAddrBlock(dev, 0, 2, 8, buf, WDC_MODE_32,
					    WDC_ADDR_RW_DEFAULT),
			  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_ReadAddrBlock(dev, 1, 0, 16, buf, WDC_MODE_64,
					    WDC_ADDR_RW_DEFAULT),
			  WD_INVALID_PARAMETER);
	/* Auto-increment must stay inside the BAR ... */
	ck_assert_uint_eq(WDC_ReadAddrBlock(dev, 1, 0, 260, buf, WDC_MODE_32,
					    WDC_ADDR_RW_DEFAULT),
			  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_WriteAddrBlock(dev, 0, BAR0_LEN - 4, 8, buf,
					     WDC_MODE_32, WDC_ADDR_RW_DEFAULT),
			  WD_INVALID_PARAMETER);
	expect_err("outside the BAR");
	/* ... a FIFO only needs its one register inside. */
	ck_assert_uint_eq(WDC_ReadAddrBlock(dev, 1, 252, 64, buf, WDC_MODE_32,
					    WDC_ADDR_RW_NO_AUTOINC),
			  WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_ReadAddrBlock(dev, 1, 256, 4, buf, WDC_MODE_32,
					    WDC_ADDR_RW_NO_AUTOINC),
			  WD_INVALID_PARAMETER);

	/* Valid blocks go to the agent, also on mapped BARs. */
	ck_assert_uint_eq(WDC_ReadAddrBlock(dev, 0, BAR0_LEN - 64, 64, buf,
					    WDC_MODE_64, WDC_ADDR_RW_DEFAULT),
			  WD_INVALID_HANDLE);
	expect_err("KAG_IOC_BLOCK (read) failed");
	ck_assert_uint_eq(WDC_WriteAddrBlock(dev, 2, 0, 64, buf, WDC_MODE_8,
					     WDC_ADDR_RW_DEFAULT),
			  WD_INVALID_HANDLE);
	expect_err("KAG_IOC_BLOCK (write) failed");
}
END_TEST

START_TEST(test_multi_validation)
{
	WDC_TRANSFER t[3], big[100];
	uint32_t i;

	memset(t, 0, sizeof(t));
	t[0].cmdTrans = WM_DWORD;
	t[0].dwOffset = 8;
	t[0].Data.Dword = 10;
	t[1].cmdTrans = RM_DWORD;
	t[1].dwOffset = 0;
	t[2].cmdTrans = RP_BYTE;
	t[2].dwAddrSpace = 1;
	t[2].dwOffset = 3;

	ck_assert_uint_eq(WDC_MultiTransfer(dev, NULL, 1), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_MultiTransfer(dev, t, 0), WD_INVALID_PARAMETER);
	expect_err("the count must be 1..4096");
	ck_assert_uint_eq(WDC_MultiTransfer(dev, t, WDC_MULTI_TRANSFER_MAX + 1),
			  WD_INVALID_PARAMETER);

	t[2].cmdTrans = RM_BYTE;	/* memory command on the I/O BAR */
	ck_assert_uint_eq(WDC_MultiTransfer(dev, t, 3), WD_INVALID_PARAMETER);
	expect_err("command 2 of 3 (RM_BYTE, BAR1 offset 0x3)");
	expect_err("nothing was run");
	t[2].cmdTrans = RP_BYTE;
	t[1].dwOffset = 2;		/* misaligned */
	ck_assert_uint_eq(WDC_MultiTransfer(dev, t, 3), WD_INVALID_PARAMETER);
	expect_err("command 1 of 3 (RM_DWORD, BAR0 offset 0x2)");
	t[1].dwOffset = 0;
	t[0].cmdTrans = 99;
	ck_assert_uint_eq(WDC_MultiTransfer(dev, t, 3), WD_INVALID_PARAMETER);
	expect_err("command 0 of 3 (unknown command");
	t[0].cmdTrans = WM_DWORD;
	ck_assert_uint_eq(t[0].Data.Dword, 10);	/* untouched */

	/* Valid lists go to the agent. */
	ck_assert_uint_eq(WDC_MultiTransfer(dev, t, 3), WD_INVALID_HANDLE);
	expect_err("KAG_IOC_MULTI failed");
	memset(big, 0, sizeof(big));
	for (i = 0; i < 100; i++) {
		big[i].cmdTrans = RM_DWORD;
		big[i].dwOffset = 4 * i;
	}
	ck_assert_uint_eq(WDC_MultiTransfer(dev, big, 100), WD_INVALID_HANDLE);
	big[99].dwOffset = BAR0_LEN;
	ck_assert_uint_eq(WDC_MultiTransfer(dev, big, 100),
			  WD_INVALID_PARAMETER);
	expect_err("command 99 of 100");
}
END_TEST

START_TEST(test_cfg_validation)
{
	uint8_t v8, buf[300];
	uint16_t v16;
	uint32_t v32;
	uint64_t v64;

	ck_assert_uint_eq(WDC_PciReadCfg8(dev, 0, NULL), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_PciReadCfg16(dev, 0, NULL), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_PciReadCfg32(dev, 0, NULL), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_PciReadCfg64(dev, 0, NULL), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_PciReadCfg16(dev, 1, &v16), WD_INVALID_PARAMETER);
	expect_err("not aligned to 2 bytes");
	ck_assert_uint_eq(WDC_PciReadCfg32(dev, 2, &v32), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_PciReadCfg64(dev, 2, &v64), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_PciWriteCfg16(dev, 3, 0), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_PciWriteCfg32(dev, 6, 0), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_PciWriteCfg64(dev, 6, 0), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_PciReadCfg8(dev, 256, &v8), WD_INVALID_PARAMETER);
	expect_err("outside the configuration space (0x100 bytes)");
	ck_assert_uint_eq(WDC_PciReadCfg32(dev, 256, &v32), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_PciReadCfg64(dev, 252, &v64), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_PciWriteCfg8(dev, 0xffffffffu, 0),
			  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_PciWriteCfg32(dev, 0xfffffffcu, 0),
			  WD_INVALID_PARAMETER);

	ck_assert_uint_eq(WDC_PciReadCfg(dev, 0, NULL, 4), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_PciWriteCfg(dev, 0, NULL, 4), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_PciReadCfg(dev, 0, buf, 0), WD_INVALID_PARAMETER);
	expect_err("length is 0");
	ck_assert_uint_eq(WDC_PciReadCfg(dev, 200, buf, 100),
			  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_PciReadCfg(dev, 0, buf, 257), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_PciWriteCfg(dev, 256, buf, 1),
			  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_PciReadCfg(dev, 0xffffffffu, buf, 2),
			  WD_INVALID_PARAMETER);

	/* Valid requests go to the agent. */
	ck_assert_uint_eq(WDC_PciReadCfg8(dev, 255, &v8), WD_INVALID_HANDLE);
	expect_err("KAG_IOC_CFG (read) failed");
	ck_assert_uint_eq(WDC_PciReadCfg32(dev, 252, &v32), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_PciReadCfg64(dev, 248, &v64), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_PciReadCfg64(dev, 4, &v64), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_PciWriteCfg16(dev, 254, 0), WD_INVALID_HANDLE);
	expect_err("KAG_IOC_CFG (write) failed");
	ck_assert_uint_eq(WDC_PciReadCfg(dev, 1, buf, 255), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_PciWriteCfg(dev, 255, buf, 1), WD_INVALID_HANDLE);
}
END_TEST

START_TEST(test_device_close)
{
	struct kag_dev_info ki;
	struct wdc_device *second;

	fill_info(&ki, 6, 4);
	second = wdc_device_new(drv, &ki, NULL);
	ck_assert_ptr_nonnull(second);
	/* The absent agent does not know the handle; the handle is freed. */
	ck_assert_uint_eq(WDC_PciDeviceClose(dev), WD_INVALID_HANDLE);
	expect_err("KAG_IOC_DEV_CLOSE failed");
	ck_assert_ptr_eq(drv->devices, second);
	ck_assert_ptr_null(second->next);
	/* second is freed by WDC_DriverClose() in the teardown. */
}
END_TEST

static Suite *args_suite(void)
{
	Suite *s = suite_create("args");
	TCase *tc = tcase_create("validation");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_null_handles);
	tcase_add_test(tc, test_bogus_handles);
	tcase_add_test(tc, test_driver_open_args);
	tcase_add_test(tc, test_last_error);
	tcase_add_test(tc, test_agent_version_args);
	tcase_add_test(tc, test_scan_args);
	tcase_add_test(tc, test_device_open_args);
	tcase_add_test(tc, test_device_info);
	tcase_add_test(tc, test_rw_validation);
	tcase_add_test(tc, test_direct_path);
	tcase_add_test(tc, test_block_validation);
	tcase_add_test(tc, test_multi_validation);
	tcase_add_test(tc, test_cfg_validation);
	tcase_add_test(tc, test_device_close);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(args_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

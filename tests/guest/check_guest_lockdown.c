// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check_guest_lockdown.c - kagent honours kernel lockdown: once the kernel
 * is locked down (integrity), raw BAR access, BAR mmap and config writes
 * fail with EPERM and the kernel log says why, while config reads still
 * work.  Raising lockdown cannot be undone, so the VM suite runs this
 * program last (GUEST_TESTS_FINAL).
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <unistd.h>

#include <wdc/kagent_uapi.h>
#include <wdc/wdc_lib.h>

#define LOCKDOWN_FILE "/sys/kernel/security/lockdown"

static void lock_down(void)
{
	FILE *f;

	if (access(LOCKDOWN_FILE, F_OK))
		mount("securityfs", "/sys/kernel/security", "securityfs", 0, NULL);
	f = fopen(LOCKDOWN_FILE, "w");
	ck_assert_msg(f != NULL, "cannot open %s: %s", LOCKDOWN_FILE,
		      strerror(errno));
	ck_assert_int_ge(fputs("integrity", f), 0);
	ck_assert_int_eq(fclose(f), 0);
}

START_TEST(test_lockdown_refuses_raw_access)
{
	WDC_DRIVER_HANDLE drv;
	WDC_DEVICE_HANDLE dev;
	WDC_PCI_SCAN_RESULT scan;
	WDC_PCI_DEVICE_INFO info;
	struct kag_rw rw;
	uint32_t v = 0;
	uint16_t cmd = 0;
	void *p;
	int fd;

	ck_assert_uint_eq(WDC_DriverOpen(&drv, 0), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(WDC_PciScanDevices(drv, 0x1234, 0x11e8, &scan),
			  WD_STATUS_SUCCESS);
	ck_assert_uint_ge(scan.dwNumDevices, 1);
	/* Before: everything works. */
	ck_assert_uint_eq(WDC_PciDeviceOpen(drv, &dev, &scan.deviceSlot[0],
					    NULL, NULL, NULL),
			  WD_STATUS_SUCCESS);
	ck_assert_uint_eq(WDC_ReadAddr32(dev, 0, 0, &v), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(v, 0x010000ed);
	WDC_PciDeviceClose(dev);

	lock_down();

	/* After: open works (no mapping), BAR access and config writes don't. */
	ck_assert_uint_eq(WDC_PciDeviceOpen(drv, &dev, &scan.deviceSlot[0],
					    NULL, NULL, NULL),
			  WD_STATUS_SUCCESS);
	ck_assert_uint_eq(WDC_PciGetDeviceInfo(dev, &info), WD_STATUS_SUCCESS);
	ck_assert_ptr_null(info.addrDesc[0].pUserDirectMemAddr);
	ck_assert_uint_eq(WDC_ReadAddr32(dev, 0, 0, &v), WD_PERMISSION_DENIED);
	ck_assert_uint_eq(WDC_WriteAddr32(dev, 0, 4, 1), WD_PERMISSION_DENIED);
	ck_assert_uint_eq(WDC_PciReadCfg16(dev, 0, &cmd), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(cmd, 0x1234);
	ck_assert_uint_eq(WDC_PciWriteCfg8(dev, 0x0c, 0), WD_PERMISSION_DENIED);
	WDC_PciDeviceClose(dev);

	/* The raw ABI: ioctl and mmap answer EPERM. */
	fd = open(KAG_DEVICE_PATH, O_RDWR);
	ck_assert_int_ge(fd, 0);
	{
		struct kag_dev_open op = { .argsz = sizeof(op) };
		struct kag_dev_info di = { .argsz = sizeof(di) };

		op.domain = scan.deviceSlot[0].dwDomain;
		op.bus = scan.deviceSlot[0].dwBus;
		op.dev = scan.deviceSlot[0].dwSlot;
		op.fn = scan.deviceSlot[0].dwFunction;
		ck_assert_int_eq(ioctl(fd, KAG_IOC_DEV_OPEN, &op), 0);
		memset(&rw, 0, sizeof(rw));
		rw.argsz = sizeof(rw);
		rw.handle = op.handle;
		rw.width = 4;
		errno = 0;
		ck_assert_int_eq(ioctl(fd, KAG_IOC_RW, &rw), -1);
		ck_assert_int_eq(errno, EPERM);
		di.handle = op.handle;
		ck_assert_int_eq(ioctl(fd, KAG_IOC_DEV_INFO, &di), 0);
		p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd,
			 (off_t)di.bar[0].mmap_offset);
		ck_assert(p == MAP_FAILED);
		ck_assert_int_eq(errno, EPERM);
	}
	close(fd);
	WDC_DriverClose(drv);

	/* The kernel log says why. */
	ck_assert_int_eq(system("dmesg | grep -q 'kernel lockdown forbids raw PCI access'"),
			 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("guest_lockdown");
	TCase *tc = tcase_create("lockdown");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_lockdown_refuses_raw_access);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check_guest_lifecycle.c - VM tests of who owns a device and when it is
 * given back: reopen after close, a second open refused as busy, closing
 * the driver handle releases its devices, a device bound to another driver
 * (uio_pci_generic) is refused with that driver's name, and a process
 * killed with SIGKILL leaves the device free.
 */
#define _GNU_SOURCE 1

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <wdc/wdc_lib.h>

#define EDU_ID_VALUE 0x010000edu
#define UIO_DRIVER "uio_pci_generic"

static WD_PCI_SLOT slot;
static char bdf[WDC_PCI_SLOT_STR_LEN];

static void find_edu(void)
{
	WDC_PCI_SCAN_RESULT *res = malloc(sizeof(*res));

	ck_assert_ptr_nonnull(res);
	ck_assert_uint_eq(WDC_PciScanDevices(NULL, 0x1234, 0x11e8, res),
			  WD_STATUS_SUCCESS);
	ck_assert_msg(res->dwNumDevices > 0,
		      "no edu in this VM: start QEMU with -device edu");
	slot = res->deviceSlot[0];
	free(res);
	ck_assert_uint_eq(WDC_PciSlotToStr(&slot, bdf, sizeof(bdf)),
			  WD_STATUS_SUCCESS);
}

static WDC_DRIVER_HANDLE open_driver(void)
{
	char err[WDC_ERR_STR_LEN];
	WDC_DRIVER_HANDLE h = NULL;
	WDC_STATUS st;

	st = WDC_DriverOpenEx(&h, WDC_KAGENT_DEFAULT_PATH, WDC_DRV_OPEN_DEFAULT,
			      err, sizeof(err));
	ck_assert_msg(st == WD_STATUS_SUCCESS, "WDC_DriverOpen: %s: %s",
		      WDC_StatusStr(st), err);
	return h;
}

/* Open the edu through @drv and check it answers. */
static WDC_DEVICE_HANDLE open_edu(WDC_DRIVER_HANDLE drv)
{
	WDC_DEVICE_HANDLE dev = NULL;
	WDC_STATUS st;
	uint32_t id = 0;

	st = WDC_PciDeviceOpen(drv, &dev, &slot, NULL, NULL, NULL);
	ck_assert_msg(st == WD_STATUS_SUCCESS, "open edu %s: %s: %s", bdf,
		      WDC_StatusStr(st), WDC_GetLastErrStr(drv));
	ck_assert_uint_eq(WDC_ReadAddr32(dev, 0, 0, &id), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(id, EDU_ID_VALUE);
	return dev;
}

static void setup(void)
{
	find_edu();
}

START_TEST(test_reopen_after_close)
{
	WDC_DRIVER_HANDLE drv = open_driver();
	WDC_DEVICE_HANDLE dev;
	int i;

	for (i = 0; i < 3; i++) {
		dev = open_edu(drv);
		ck_assert_uint_eq(WDC_PciDeviceClose(dev), WD_STATUS_SUCCESS);
	}
	ck_assert_uint_eq(WDC_DriverClose(drv), WD_STATUS_SUCCESS);
	/* and from a new driver handle */
	drv = open_driver();
	dev = open_edu(drv);
	ck_assert_uint_eq(WDC_PciDeviceClose(dev), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(WDC_DriverClose(drv), WD_STATUS_SUCCESS);
}
END_TEST

START_TEST(test_second_open_busy)
{
	WDC_DRIVER_HANDLE drv1 = open_driver(), drv2 = open_driver();
	WDC_DEVICE_HANDLE dev1 = open_edu(drv1), dev2 = NULL;

	/* through the same handle */
	ck_assert_uint_eq(WDC_PciDeviceOpen(drv1, &dev2, &slot, NULL, NULL,
					    NULL),
			  WD_DEVICE_BUSY);
	ck_assert_ptr_null(dev2);
	ck_assert_ptr_nonnull(strstr(WDC_GetLastErrStr(drv1),
				     "already open through this driver handle"));
	/* through another handle (another open file of the agent) */
	ck_assert_uint_eq(WDC_PciDeviceOpen(drv2, &dev2, &slot, NULL, NULL,
					    NULL),
			  WD_DEVICE_BUSY);
	ck_assert_ptr_null(dev2);
	ck_assert_msg(strstr(WDC_GetLastErrStr(drv2),
			     "already opened by another kagent user"),
		      "text: %s", WDC_GetLastErrStr(drv2));
	ck_assert_ptr_nonnull(strstr(WDC_GetLastErrStr(drv2), bdf));

	/* the first user still has it; once closed, the second gets it */
	ck_assert_uint_eq(WDC_PciDeviceClose(dev1), WD_STATUS_SUCCESS);
	dev2 = open_edu(drv2);
	ck_assert_uint_eq(WDC_PciDeviceClose(dev2), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(WDC_DriverClose(drv1), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(WDC_DriverClose(drv2), WD_STATUS_SUCCESS);
}
END_TEST

START_TEST(test_driver_close_releases)
{
	WDC_DRIVER_HANDLE drv = open_driver();
	WDC_DEVICE_HANDLE dev = open_edu(drv);
	const WDC_ADDR_DESC *d = WDC_GetAddrDesc(dev, 0);

	/* use the mapping too: a mapping alone would keep the file open */
	ck_assert_ptr_nonnull(WDC_MEM_DIRECT_ADDR(d));
	ck_assert_uint_eq(WDC_ReadMem32(WDC_MEM_DIRECT_ADDR(d), 0),
			  EDU_ID_VALUE);
	ck_assert_uint_eq(WDC_DriverClose(drv), WD_STATUS_SUCCESS);

	drv = open_driver();
	dev = open_edu(drv);
	ck_assert_uint_eq(WDC_DriverClose(drv), WD_STATUS_SUCCESS);
	drv = open_driver();
	dev = open_edu(drv);
	ck_assert_uint_eq(WDC_PciDeviceClose(dev), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(WDC_DriverClose(drv), WD_STATUS_SUCCESS);
}
END_TEST

/* Write @s to a sysfs file; return 0 or the errno. */
static int sysfs_write(const char *path, const char *s)
{
	ssize_t n;
	int fd, err = 0;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	n = write(fd, s, strlen(s));
	if (n < 0)
		err = errno;
	else if ((size_t)n != strlen(s))
		err = EIO;
	close(fd);
	return err;
}

/* The name of the driver bound to the edu, "" if none. */
static void bound_driver(char *name, size_t len)
{
	char link[256], target[PATH_MAX];
	const char *base;
	size_t blen;
	ssize_t n;

	name[0] = '\0';
	snprintf(link, sizeof(link), "/sys/bus/pci/devices/%s/driver", bdf);
	n = readlink(link, target, sizeof(target) - 1);
	if (n < 0)
		return;
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	blen = strlen(base);
	if (blen >= len)
		blen = len - 1;
	memcpy(name, base, blen);
	name[blen] = '\0';
}

/*
 * Bind the edu to uio_pci_generic (the suite loads it), try to open it,
 * then give it back: the unbind and the override reset happen before any
 * assertion, so a failure cannot leave the device to uio.
 */
START_TEST(test_bound_to_other_driver)
{
	char path[256], drvname[64], text[WDC_ERR_STR_LEN];
	WDC_DRIVER_HANDLE drv;
	WDC_DEVICE_HANDLE dev = NULL;
	WDC_STATUS st;
	struct stat sb;
	int err_override, err_probe, err_unbind, err_reset;
	char bound_during[64], bound_after[64];

	ck_assert_msg(stat("/sys/bus/pci/drivers/" UIO_DRIVER, &sb) == 0,
		      UIO_DRIVER " is not loaded: the VM suite must load uio and "
		      UIO_DRIVER " (modprobe " UIO_DRIVER ") before this test");
	bound_driver(drvname, sizeof(drvname));
	ck_assert_msg(drvname[0] == '\0', "edu %s is already bound to '%s'",
		      bdf, drvname);
	drv = open_driver();

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/driver_override",
		 bdf);
	err_override = sysfs_write(path, UIO_DRIVER);
	err_probe = sysfs_write("/sys/bus/pci/drivers_probe", bdf);
	bound_driver(bound_during, sizeof(bound_during));

	st = WDC_PciDeviceOpen(drv, &dev, &slot, NULL, NULL, NULL);
	snprintf(text, sizeof(text), "%s", WDC_GetLastErrStr(drv));
	if (st == WD_STATUS_SUCCESS)
		WDC_PciDeviceClose(dev);

	/* give the device back before judging */
	snprintf(path, sizeof(path), "/sys/bus/pci/drivers/" UIO_DRIVER "/unbind");
	err_unbind = bound_during[0] ? sysfs_write(path, bdf) : 0;
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/driver_override",
		 bdf);
	err_reset = sysfs_write(path, "\n");
	bound_driver(bound_after, sizeof(bound_after));

	ck_assert_msg(!err_override, "write driver_override: %s",
		      strerror(err_override));
	ck_assert_msg(!err_probe, "write drivers_probe: %s", strerror(err_probe));
	ck_assert_msg(!strcmp(bound_during, UIO_DRIVER),
		      "edu did not bind to " UIO_DRIVER " (bound: '%s')",
		      bound_during);
	ck_assert_msg(st == WD_DEVICE_BUSY, "open of a device bound to "
		      UIO_DRIVER ": %s (want WD_DEVICE_BUSY): %s",
		      WDC_StatusStr(st), text);
	ck_assert_msg(strstr(text, "'" UIO_DRIVER "'"), "text lacks the driver: %s",
		      text);
	ck_assert_msg(strstr(text, "/sys/bus/pci/drivers/" UIO_DRIVER "/unbind"),
		      "text lacks the unbind hint: %s", text);
	ck_assert_msg(!err_unbind, "unbind: %s", strerror(err_unbind));
	ck_assert_msg(!err_reset, "reset driver_override: %s",
		      strerror(err_reset));
	ck_assert_msg(bound_after[0] == '\0', "edu still bound to '%s'",
		      bound_after);

	/* kagent can have it again */
	dev = open_edu(drv);
	ck_assert_uint_eq(WDC_PciDeviceClose(dev), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(WDC_DriverClose(drv), WD_STATUS_SUCCESS);
}
END_TEST

/* A child opens the edu, says so, and is killed: the device comes back. */
START_TEST(test_killed_process_releases)
{
	struct pollfd pfd;
	WDC_DRIVER_HANDLE drv;
	WDC_DEVICE_HANDLE dev;
	int pipefd[2], status;
	char c = 0;
	pid_t pid;

	ck_assert_int_eq(pipe(pipefd), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		WDC_DRIVER_HANDLE cdrv = NULL;
		WDC_DEVICE_HANDLE cdev = NULL;
		const WDC_ADDR_DESC *d;
		char msg = 'R';

		close(pipefd[0]);
		if (WDC_DriverOpen(&cdrv, WDC_DRV_OPEN_DEFAULT) ||
		    WDC_PciDeviceOpen(cdrv, &cdev, &slot, NULL, NULL, NULL))
			msg = 'E';
		/* touch the mapping, so the kill also has a VMA to tear down */
		d = WDC_GetAddrDesc(cdev, 0);
		if (msg == 'R' && (!d || !WDC_MEM_DIRECT_ADDR(d) ||
				   WDC_ReadMem32(WDC_MEM_DIRECT_ADDR(d), 0) !=
					   EDU_ID_VALUE))
			msg = 'M';
		if (write(pipefd[1], &msg, 1) != 1)
			_exit(3);
		for (;;)
			pause();
	}
	close(pipefd[1]);
	pfd.fd = pipefd[0];
	pfd.events = POLLIN;
	ck_assert_msg(poll(&pfd, 1, 60000) == 1, "child did not report in 60 s");
	ck_assert_int_eq(read(pipefd[0], &c, 1), 1);
	close(pipefd[0]);
	if (c != 'R') {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		ck_abort_msg("child could not open the edu (%c)", c);
	}

	/* busy while the child has it */
	drv = open_driver();
	dev = NULL;
	ck_assert_uint_eq(WDC_PciDeviceOpen(drv, &dev, &slot, NULL, NULL, NULL),
			  WD_DEVICE_BUSY);

	ck_assert_int_eq(kill(pid, SIGKILL), 0);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

	dev = open_edu(drv);
	ck_assert_uint_eq(WDC_PciDeviceClose(dev), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(WDC_DriverClose(drv), WD_STATUS_SUCCESS);
}
END_TEST

static Suite *lifecycle_suite(void)
{
	Suite *s = suite_create("guest_lifecycle");
	TCase *tc = tcase_create("ownership");

	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_reopen_after_close);
	tcase_add_test(tc, test_second_open_busy);
	tcase_add_test(tc, test_driver_close_releases);
	tcase_add_test(tc, test_bound_to_other_driver);
	tcase_add_test(tc, test_killed_process_releases);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(lifecycle_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

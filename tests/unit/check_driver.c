// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check_driver.c - host tests of opening the agent where there is none
 * (missing node, /dev/null, a directory) and of the PCI scan without the
 * agent, compared with what sysfs lists.
 */
#include "wdc_internal.h"

#include <check.h>
#include <dirent.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

/* Open file descriptors of this process (to find leaks). */
static int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

START_TEST(test_open_missing)
{
	WDC_DRIVER_HANDLE h = NULL;
	char err[WDC_ERR_STR_LEN];
	int fds = count_fds();

	ck_assert_uint_eq(WDC_DriverOpenEx(&h, "/nonexistent/kagent",
					   WDC_DRV_OPEN_DEFAULT, err,
					   sizeof(err)),
			  WD_DRIVER_NOT_LOADED);
	ck_assert_ptr_null(h);
	ck_assert_str_eq(err,
			 "cannot open /nonexistent/kagent: No such file or directory: load the agent with 'modprobe kagent'");
	ck_assert_uint_eq(WDC_DriverOpenPath(&h, "/nonexistent/kagent", 0),
			  WD_DRIVER_NOT_LOADED);
	ck_assert_ptr_null(h);
	ck_assert_int_eq(count_fds(), fds);
}
END_TEST

START_TEST(test_open_default_path)
{
	WDC_DRIVER_HANDLE h = NULL;
	char err[WDC_ERR_STR_LEN];

	if (access(WDC_KAGENT_DEFAULT_PATH, F_OK) == 0)
		return;	/* an agent is loaded here: nothing to test */
	ck_assert_uint_eq(WDC_DriverOpen(&h, WDC_DRV_OPEN_DEFAULT),
			  WD_DRIVER_NOT_LOADED);
	ck_assert_ptr_null(h);
	ck_assert_uint_eq(WDC_DriverOpenEx(&h, WDC_KAGENT_DEFAULT_PATH, 0, err,
					   sizeof(err)),
			  WD_DRIVER_NOT_LOADED);
	ck_assert_ptr_nonnull(strstr(err, "cannot open /dev/kagent: "));
	ck_assert_ptr_nonnull(strstr(err, "modprobe kagent"));
}
END_TEST

START_TEST(test_open_not_agent)
{
	WDC_DRIVER_HANDLE h = NULL;
	char err[WDC_ERR_STR_LEN];
	int fds = count_fds();

	ck_assert_uint_eq(WDC_DriverOpenEx(&h, "/dev/null", 0, err,
					   sizeof(err)),
			  WD_DRIVER_NOT_LOADED);
	ck_assert_ptr_null(h);
	ck_assert_str_eq(err,
			 "/dev/null is not a kagent device (KAG_IOC_GET_VERSION: Inappropriate ioctl for device)");
	ck_assert_int_eq(count_fds(), fds);	/* closed again */
}
END_TEST

START_TEST(test_open_directory)
{
	WDC_DRIVER_HANDLE h = NULL;
	char err[WDC_ERR_STR_LEN];

	ck_assert_uint_eq(WDC_DriverOpenEx(&h, "/", 0, err, sizeof(err)),
			  WD_DRIVER_NOT_LOADED);
	ck_assert_ptr_nonnull(strstr(err, "cannot open /: Is a directory"));
	ck_assert_ptr_null(h);
}
END_TEST

START_TEST(test_open_errbuf)
{
	WDC_DRIVER_HANDLE h = NULL;
	char err[12];

	memset(err, 'x', sizeof(err));
	ck_assert_uint_eq(WDC_DriverOpenEx(&h, "/nonexistent", 0, err,
					   sizeof(err)),
			  WD_DRIVER_NOT_LOADED);
	ck_assert_str_eq(err, "cannot open");
	/* Length 0: the buffer is not touched. */
	memset(err, 'x', sizeof(err));
	ck_assert_uint_eq(WDC_DriverOpenEx(&h, "/nonexistent", 0, err, 0),
			  WD_DRIVER_NOT_LOADED);
	ck_assert_int_eq(err[0], 'x');
	ck_assert_uint_eq(WDC_DriverOpenEx(&h, "/nonexistent", 0, NULL, 0),
			  WD_DRIVER_NOT_LOADED);
}
END_TEST

/* Number of PCI functions sysfs lists; -1 without /sys/bus/pci. */
static int sysfs_count(void)
{
	DIR *d = opendir("/sys/bus/pci/devices");
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static unsigned int sysfs_id(const char *bdf, const char *file)
{
	char path[128];
	unsigned int v = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/%s", bdf, file);
	f = fopen(path, "r");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	ck_assert_int_eq(fscanf(f, "%x", &v), 1);
	fclose(f);
	return v;
}

static int slot_cmp(const WD_PCI_SLOT *a, const WD_PCI_SLOT *b)
{
	const uint32_t ka[4] = { a->dwDomain, a->dwBus, a->dwSlot,
				 a->dwFunction };
	const uint32_t kb[4] = { b->dwDomain, b->dwBus, b->dwSlot,
				 b->dwFunction };
	int i;

	for (i = 0; i < 4; i++)
		if (ka[i] != kb[i])
			return ka[i] < kb[i] ? -1 : 1;
	return 0;
}

START_TEST(test_scan_all)
{
	WDC_PCI_SCAN_RESULT *res = malloc(sizeof(*res));
	int expected = sysfs_count();
	char bdf[WDC_PCI_SLOT_STR_LEN];
	WDC_STATUS st;
	uint32_t i;

	ck_assert_ptr_nonnull(res);
	memset(res, 0xa5, sizeof(*res));
	st = WDC_PciScanDevices(NULL, 0, 0, res);
	if (expected < 0) {
		/* No sysfs here: a clean failure, never a crash. */
		ck_assert_uint_eq(st, WD_OPERATION_FAILED);
		free(res);
		return;
	}
	if (expected > WD_PCI_CARDS) {
		ck_assert_uint_eq(st, WD_INSUFFICIENT_RESOURCES);
		expected = WD_PCI_CARDS;
	} else {
		ck_assert_uint_eq(st, WD_STATUS_SUCCESS);
	}
	ck_assert_uint_eq(res->dwNumDevices, (uint32_t)expected);
	for (i = 0; i < res->dwNumDevices; i++) {
		ck_assert_uint_eq(WDC_PciSlotToStr(&res->deviceSlot[i], bdf,
						   sizeof(bdf)),
				  WD_STATUS_SUCCESS);
		ck_assert_uint_eq(res->deviceId[i].dwVendorId,
				  sysfs_id(bdf, "vendor"));
		ck_assert_uint_eq(res->deviceId[i].dwDeviceId,
				  sysfs_id(bdf, "device"));
		if (i)
			ck_assert_int_lt(slot_cmp(&res->deviceSlot[i - 1],
						  &res->deviceSlot[i]),
					 0);
	}
	free(res);
}
END_TEST

/* Each filter (vendor, device, both) returns exactly the matching subset. */
START_TEST(test_scan_filter)
{
	WDC_PCI_SCAN_RESULT *all = malloc(sizeof(*all));
	WDC_PCI_SCAN_RESULT *res = malloc(sizeof(*res));
	uint32_t i, j, k, vid, did, want;
	static const int modes[3][2] = { { 1, 0 }, { 0, 1 }, { 1, 1 } };

	ck_assert_ptr_nonnull(all);
	ck_assert_ptr_nonnull(res);
	if (WDC_PciScanDevices(NULL, 0, 0, all) != WD_STATUS_SUCCESS) {
		free(all);
		free(res);
		return;	/* nothing to filter on this machine */
	}
	for (i = 0; i < all->dwNumDevices && i < 16; i++) {
		for (k = 0; k < 3; k++) {
			vid = modes[k][0] ? all->deviceId[i].dwVendorId : 0;
			did = modes[k][1] ? all->deviceId[i].dwDeviceId : 0;
			ck_assert_uint_eq(WDC_PciScanDevices(NULL, vid, did, res),
					  WD_STATUS_SUCCESS);
			want = 0;
			for (j = 0; j < all->dwNumDevices; j++) {
				if ((vid && all->deviceId[j].dwVendorId != vid) ||
				    (did && all->deviceId[j].dwDeviceId != did))
					continue;
				ck_assert_uint_lt(want, res->dwNumDevices);
				ck_assert_mem_eq(&res->deviceSlot[want],
						 &all->deviceSlot[j],
						 sizeof(WD_PCI_SLOT));
				ck_assert_mem_eq(&res->deviceId[want],
						 &all->deviceId[j],
						 sizeof(WD_PCI_ID));
				want++;
			}
			ck_assert_uint_eq(res->dwNumDevices, want);
		}
	}
	free(all);
	free(res);
}
END_TEST

START_TEST(test_scan_no_match)
{
	WDC_PCI_SCAN_RESULT *res = malloc(sizeof(*res));

	ck_assert_ptr_nonnull(res);
	/* Vendor ffff is "no device" in PCI: it never matches. */
	if (sysfs_count() >= 0) {
		ck_assert_uint_eq(WDC_PciScanDevices(NULL, 0xffff, 0xffff, res),
				  WD_STATUS_SUCCESS);
		ck_assert_uint_eq(res->dwNumDevices, 0);
	}
	free(res);
}
END_TEST

START_TEST(test_scan_with_handle)
{
	struct wdc_driver *drv = wdc_driver_new(-1);
	WDC_PCI_SCAN_RESULT *a = malloc(sizeof(*a));
	WDC_PCI_SCAN_RESULT *b = malloc(sizeof(*b));

	ck_assert_ptr_nonnull(drv);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_uint_eq(WDC_PciScanDevices(NULL, 0, 0, a),
			  WDC_PciScanDevices(drv, 0, 0, b));
	ck_assert_uint_eq(a->dwNumDevices, b->dwNumDevices);
	ck_assert_mem_eq(a->deviceSlot, b->deviceSlot,
			 a->dwNumDevices * sizeof(WD_PCI_SLOT));
	ck_assert_uint_eq(WDC_DriverClose(drv), WD_STATUS_SUCCESS);
	free(a);
	free(b);
}
END_TEST

static void *scan_many(void *arg)
{
	WDC_PCI_SCAN_RESULT *res = malloc(sizeof(*res));
	uintptr_t bad = 0;
	int i;

	(void)arg;
	if (!res)
		return (void *)1;
	for (i = 0; i < 20; i++)
		bad |= WDC_PciScanDevices(NULL, 0, 0, res) > WD_INSUFFICIENT_RESOURCES;
	free(res);
	return (void *)bad;
}

/* Concurrent scans share nothing (and leak nothing: ASan checks). */
START_TEST(test_scan_threads)
{
	pthread_t t[4];
	void *ret;
	int i;

	if (sysfs_count() < 0)
		return;
	for (i = 0; i < 4; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, scan_many, NULL), 0);
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(pthread_join(t[i], &ret), 0);
		ck_assert_ptr_null(ret);
	}
}
END_TEST

/*
 * libpci's error callback must not exit the program: hide /sys/bus/pci
 * behind an empty tmpfs in a private mount namespace of a child process
 * (root only; skipped where namespaces are not allowed).
 */
START_TEST(test_scan_libpci_error)
{
	int status;
	pid_t pid;

	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		WDC_PCI_SCAN_RESULT *res = malloc(sizeof(*res));
		struct wdc_driver *drv = wdc_driver_new(-1);
		WDC_STATUS st;
		bool ok;

		if (!res || !drv || unshare(CLONE_NEWNS) ||
		    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
		    mount("none", "/sys/bus/pci", "tmpfs", 0, NULL))
			_exit(77);
		st = WDC_PciScanDevices(drv, 0, 0, res);
		ok = st == WD_OPERATION_FAILED &&
		     !strcmp(WDC_GetLastErrStr(drv),
			     "WDC_PciScanDevices: libpci: Cannot open /sys/bus/pci/devices");
		if (!ok)
			fprintf(stderr, "status 0x%x, text '%s'\n", st,
				WDC_GetLastErrStr(drv));
		/* The scan still works after a failure (no state left). */
		ok &= WDC_PciScanDevices(NULL, 0, 0, res) == WD_OPERATION_FAILED;
		WDC_DriverClose(drv);
		free(res);
		_exit(ok ? 0 : 1);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	if (WEXITSTATUS(status) == 77)
		return;	/* no mount namespaces here */
	ck_assert_int_eq(WEXITSTATUS(status), 0);
}
END_TEST

static Suite *driver_suite(void)
{
	Suite *s = suite_create("driver");
	TCase *tc = tcase_create("open");

	tcase_add_test(tc, test_open_missing);
	tcase_add_test(tc, test_open_default_path);
	tcase_add_test(tc, test_open_not_agent);
	tcase_add_test(tc, test_open_directory);
	tcase_add_test(tc, test_open_errbuf);
	suite_add_tcase(s, tc);

	tc = tcase_create("scan");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_scan_all);
	tcase_add_test(tc, test_scan_filter);
	tcase_add_test(tc, test_scan_no_match);
	tcase_add_test(tc, test_scan_with_handle);
	tcase_add_test(tc, test_scan_threads);
	tcase_add_test(tc, test_scan_libpci_error);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(driver_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

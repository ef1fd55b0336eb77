// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check_status.c - host tests of status codes: their values, their names,
 * and the mapping of errno values to status codes.
 */
#include "wdc_internal.h"

#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const WDC_STATUS all_codes[] = {
	WD_STATUS_SUCCESS,	  WD_INVALID_HANDLE,
	WD_INSUFFICIENT_RESOURCES, WD_SYSTEM_INTERNAL_ERROR,
	WD_NOT_IMPLEMENTED,	  WD_KERPLUG_FAILURE,
	WD_DEVICE_NOT_FOUND,	  WD_TIME_OUT_EXPIRED,
	WD_INVALID_PARAMETER,	  WD_INCORRECT_VERSION,
	WD_TRY_AGAIN,		  WD_DRIVER_NOT_LOADED,
	WD_INVALID_IOCTL,	  WD_OPERATION_FAILED,
	WD_TOO_MANY_HANDLES,	  WD_DEVICE_BUSY,
	WD_PERMISSION_DENIED,	  WD_NOT_SUPPORTED,
	WD_INTERRUPTED,		  WD_BAD_ADDRESS,
	WD_FAILED_ENABLING_INTERRUPT, WD_INTERRUPT_NOT_ENABLED,
	WD_OPERATION_ALREADY_DONE,
};
#define NUM_CODES (sizeof(all_codes) / sizeof(all_codes[0]))

START_TEST(test_winDriver_values)
{
	/* Shared names keep WinDriver's values. */
	ck_assert_uint_eq(WD_STATUS_SUCCESS, 0);
	ck_assert_uint_eq(WD_INVALID_HANDLE, 0x20000001);
	ck_assert_uint_eq(WD_INSUFFICIENT_RESOURCES, 0x20000005);
	ck_assert_uint_eq(WD_NOT_IMPLEMENTED, 0x2000000a);
	ck_assert_uint_eq(WD_KERPLUG_FAILURE, 0x2000000b);
	ck_assert_uint_eq(WD_FAILED_ENABLING_INTERRUPT, 0x2000000c);
	ck_assert_uint_eq(WD_INTERRUPT_NOT_ENABLED, 0x2000000d);
	ck_assert_uint_eq(WD_DEVICE_NOT_FOUND, 0x2000000f);
	ck_assert_uint_eq(WD_OPERATION_ALREADY_DONE, 0x20000011);
	ck_assert_uint_eq(WD_TIME_OUT_EXPIRED, 0x20000015);
	ck_assert_uint_eq(WD_INVALID_PARAMETER, 0x2000001b);
	ck_assert_uint_eq(WD_INCORRECT_VERSION, 0x2000001c);
	ck_assert_uint_eq(WD_TRY_AGAIN, 0x2000001d);
	ck_assert_uint_eq(WD_WINDRIVER_NOT_FOUND, 0x2000001e);
	ck_assert_uint_eq(WD_INVALID_IOCTL, 0x2000001f);
	ck_assert_uint_eq(WD_OPERATION_FAILED, 0x20000020);
	ck_assert_uint_eq(WD_TOO_MANY_HANDLES, 0x20000022);
}
END_TEST

START_TEST(test_strings_distinct)
{
	size_t i, j;

	for (i = 0; i < NUM_CODES; i++) {
		const char *s = WDC_StatusStr(all_codes[i]);

		ck_assert_ptr_nonnull(s);
		ck_assert_msg(s[0] != '\0', "empty string for 0x%x", all_codes[i]);
		ck_assert_msg(strcmp(s, "Unknown status") != 0,
			      "code 0x%x has no name", all_codes[i]);
		for (j = 0; j < i; j++)
			ck_assert_msg(strcmp(s, WDC_StatusStr(all_codes[j])) != 0,
				      "0x%x and 0x%x share the name '%s'",
				      all_codes[i], all_codes[j], s);
	}
}
END_TEST

/* Every named value in the code ranges is in the list above (so it is tested). */
START_TEST(test_list_complete)
{
	static const WDC_STATUS ranges[][2] = {
		{ 0x20000000, 0x20000100 },
		{ 0x20001000, 0x20001100 },
	};
	size_t r, i;
	WDC_STATUS v;

	for (r = 0; r < 2; r++) {
		for (v = ranges[r][0]; v < ranges[r][1]; v++) {
			bool listed = false;

			if (!strcmp(WDC_StatusStr(v), "Unknown status"))
				continue;
			for (i = 0; i < NUM_CODES; i++)
				listed |= all_codes[i] == v;
			ck_assert_msg(listed, "0x%x has a name but is not tested", v);
		}
	}
}
END_TEST

START_TEST(test_unknown)
{
	const char *a = WDC_StatusStr(0x12345678);
	const char *b = WDC_StatusStr(0xffffffffu);

	ck_assert_str_eq(a, "Unknown status");
	ck_assert_str_eq(b, "Unknown status");
	ck_assert_str_eq(WDC_StatusStr(0x20000002), "Unknown status");
	/* WinDriver's name is the same function. */
	ck_assert_ptr_eq(Stat2Str(WD_INVALID_PARAMETER),
			 WDC_StatusStr(WD_INVALID_PARAMETER));
}
END_TEST

static const struct {
	int err;
	WDC_STATUS status;
} errno_map[] = {
	{ 0, WD_STATUS_SUCCESS },
	{ EBADF, WD_INVALID_HANDLE },
	{ EINVAL, WD_INVALID_PARAMETER },
	{ ERANGE, WD_INVALID_PARAMETER },
	{ EOVERFLOW, WD_INVALID_PARAMETER },
	{ E2BIG, WD_INVALID_PARAMETER },
	{ ENODEV, WD_DEVICE_NOT_FOUND },
	{ ENXIO, WD_DEVICE_NOT_FOUND },
	{ ENOENT, WD_DEVICE_NOT_FOUND },
	{ EBUSY, WD_DEVICE_BUSY },
	{ EACCES, WD_PERMISSION_DENIED },
	{ EPERM, WD_PERMISSION_DENIED },
	{ ENOMEM, WD_INSUFFICIENT_RESOURCES },
	{ ENOSPC, WD_INSUFFICIENT_RESOURCES },
	{ EMFILE, WD_TOO_MANY_HANDLES },
	{ ENFILE, WD_TOO_MANY_HANDLES },
	{ ENOTTY, WD_INVALID_IOCTL },
	{ EOPNOTSUPP, WD_NOT_SUPPORTED },
	{ ENOSYS, WD_NOT_SUPPORTED },
	{ ETIMEDOUT, WD_TIME_OUT_EXPIRED },
	{ EINTR, WD_INTERRUPTED },
	{ EFAULT, WD_BAD_ADDRESS },
	{ EAGAIN, WD_TRY_AGAIN },
	{ EIO, WD_OPERATION_FAILED },
	{ EXDEV, WD_OPERATION_FAILED },
	{ 99999, WD_OPERATION_FAILED },
};

START_TEST(test_errno_map)
{
	size_t i;

	for (i = 0; i < sizeof(errno_map) / sizeof(errno_map[0]); i++) {
		ck_assert_msg(wdc_errno_to_status(errno_map[i].err) ==
				      errno_map[i].status,
			      "errno %d maps to 0x%x, expected 0x%x",
			      errno_map[i].err,
			      wdc_errno_to_status(errno_map[i].err),
			      errno_map[i].status);
		/* Kernel-style negative values map the same. */
		ck_assert_uint_eq(wdc_errno_to_status(-errno_map[i].err),
				  errno_map[i].status);
	}
}
END_TEST

START_TEST(test_strerror)
{
	char buf[64];
	const char *s;

	s = wdc_strerror(ENOENT, buf, sizeof(buf));
	ck_assert_str_eq(s, "No such file or directory");
	s = wdc_strerror(99999, buf, sizeof(buf));
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_gt(strlen(s), 0);
	/* A tiny buffer still yields a terminated string. */
	s = wdc_strerror(ENOENT, buf, 4);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_lt(strnlen(s, 64), 64);
	ck_assert_str_eq(wdc_strerror(ENOENT, NULL, 0), "");
}
END_TEST

static Suite *status_suite(void)
{
	Suite *s = suite_create("status");
	TCase *tc = tcase_create("codes");

	tcase_add_test(tc, test_winDriver_values);
	tcase_add_test(tc, test_strings_distinct);
	tcase_add_test(tc, test_list_complete);
	tcase_add_test(tc, test_unknown);
	tcase_add_test(tc, test_errno_map);
	tcase_add_test(tc, test_strerror);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(status_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

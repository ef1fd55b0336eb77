// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check_abi.c - host tests of the kernel ABI: the agent/library version
 * compatibility rule and its error text, and the pinned layout (sizes,
 * field offsets, ioctl numbers) of every struct in kagent_uapi.h.
 */
#include "wdc_internal.h"

#include <check.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define V(maj, min) ((uint32_t)(maj) << 16 | (uint32_t)(min))

START_TEST(test_abi_same)
{
	char msg[WDC_ERR_STR_LEN] = "junk";

	ck_assert_uint_eq(wdc_abi_check(V(1, 0), V(1, 0), msg, sizeof(msg)),
			  WD_STATUS_SUCCESS);
	ck_assert_str_eq(msg, "");
	ck_assert_uint_eq(wdc_abi_check(V(3, 7), V(3, 7), NULL, 0),
			  WD_STATUS_SUCCESS);
}
END_TEST

START_TEST(test_abi_newer_minor_agent)
{
	ck_assert_uint_eq(wdc_abi_check(V(1, 3), V(1, 2), NULL, 0),
			  WD_STATUS_SUCCESS);
	ck_assert_uint_eq(wdc_abi_check(V(1, 0xffff), V(1, 0), NULL, 0),
			  WD_STATUS_SUCCESS);
}
END_TEST

START_TEST(test_abi_older_minor_agent)
{
	char msg[WDC_ERR_STR_LEN];

	ck_assert_uint_eq(wdc_abi_check(V(1, 1), V(1, 2), msg, sizeof(msg)),
			  WD_INCORRECT_VERSION);
	ck_assert_str_eq(msg,
			 "kagent ABI 1.1 is incompatible with libwdc ABI 1.2 (the agent is older than the library): install matching versions");
}
END_TEST

START_TEST(test_abi_other_major)
{
	char msg[WDC_ERR_STR_LEN];

	ck_assert_uint_eq(wdc_abi_check(V(2, 0), V(1, 0), msg, sizeof(msg)),
			  WD_INCORRECT_VERSION);
	ck_assert_str_eq(msg,
			 "kagent ABI 2.0 is incompatible with libwdc ABI 1.0: install matching versions");
	/* An older major is refused too, even with a higher minor. */
	ck_assert_uint_eq(wdc_abi_check(V(0, 9), V(1, 0), msg, sizeof(msg)),
			  WD_INCORRECT_VERSION);
	ck_assert_str_eq(msg,
			 "kagent ABI 0.9 is incompatible with libwdc ABI 1.0: install matching versions");
	ck_assert_uint_eq(wdc_abi_check(V(2, 5), V(1, 0), NULL, 0),
			  WD_INCORRECT_VERSION);
}
END_TEST

START_TEST(test_abi_text_truncated)
{
	char msg[16];

	memset(msg, 'x', sizeof(msg));
	ck_assert_uint_eq(wdc_abi_check(V(2, 0), V(1, 0), msg, sizeof(msg)),
			  WD_INCORRECT_VERSION);
	ck_assert_uint_eq(strlen(msg), sizeof(msg) - 1);
	ck_assert_str_eq(msg, "kagent ABI 2.0 ");
}
END_TEST

START_TEST(test_lib_abi)
{
	/* A new major breaks every agent in the field: a deliberate act. */
	ck_assert_uint_eq(KAG_ABI_MAJOR, 1);
	ck_assert_uint_eq(KAG_ABI_VERSION, V(KAG_ABI_MAJOR, KAG_ABI_MINOR));
	ck_assert_uint_eq(WDC_LibAbiVersion(), KAG_ABI_VERSION);
	/* The library accepts the agent it was built with. */
	ck_assert_uint_eq(wdc_abi_check(KAG_ABI_VERSION, WDC_LibAbiVersion(),
					NULL, 0),
			  WD_STATUS_SUCCESS);
	ck_assert_uint_eq(KAG_ABI_VERSION_MAJOR(V(3, 4)), 3);
	ck_assert_uint_eq(KAG_ABI_VERSION_MINOR(V(3, 4)), 4);
}
END_TEST

#define SIZE(type, n) ck_assert_uint_eq(sizeof(struct type), (n))
#define OFF(type, field, n) ck_assert_uint_eq(offsetof(struct type, field), (n))

START_TEST(test_uapi_sizes)
{
	SIZE(kag_version, 40);
	SIZE(kag_dev_open, 56);
	SIZE(kag_dev_close, 8);
	SIZE(kag_bar_info, 32);
	SIZE(kag_dev_info, 248);
	SIZE(kag_rw, 40);
	SIZE(kag_block, 48);
	SIZE(kag_transfer, 32);
	SIZE(kag_multi, 24);
	SIZE(kag_cfg, 24);
}
END_TEST

START_TEST(test_uapi_offsets)
{
	OFF(kag_version, argsz, 0);
	OFF(kag_version, abi_version, 4);
	OFF(kag_version, agent_version, 8);

	OFF(kag_dev_open, argsz, 0);
	OFF(kag_dev_open, flags, 4);
	OFF(kag_dev_open, domain, 8);
	OFF(kag_dev_open, bus, 12);
	OFF(kag_dev_open, dev, 13);
	OFF(kag_dev_open, fn, 14);
	OFF(kag_dev_open, reserved0, 15);
	OFF(kag_dev_open, handle, 16);
	OFF(kag_dev_open, reserved1, 20);
	OFF(kag_dev_open, bound_driver, 24);

	OFF(kag_dev_close, argsz, 0);
	OFF(kag_dev_close, handle, 4);

	OFF(kag_bar_info, start, 0);
	OFF(kag_bar_info, length, 8);
	OFF(kag_bar_info, mmap_offset, 16);
	OFF(kag_bar_info, flags, 24);
	OFF(kag_bar_info, reserved, 28);

	OFF(kag_dev_info, argsz, 0);
	OFF(kag_dev_info, handle, 4);
	OFF(kag_dev_info, domain, 8);
	OFF(kag_dev_info, bus, 12);
	OFF(kag_dev_info, dev, 13);
	OFF(kag_dev_info, fn, 14);
	OFF(kag_dev_info, revision, 15);
	OFF(kag_dev_info, vendor_id, 16);
	OFF(kag_dev_info, device_id, 18);
	OFF(kag_dev_info, subsys_vendor_id, 20);
	OFF(kag_dev_info, subsys_device_id, 22);
	OFF(kag_dev_info, class_code, 24);
	OFF(kag_dev_info, irq_pin, 28);
	OFF(kag_dev_info, header_type, 29);
	OFF(kag_dev_info, msi_vectors, 30);
	OFF(kag_dev_info, irq_line, 32);
	OFF(kag_dev_info, msix_vectors, 36);
	OFF(kag_dev_info, reserved0, 38);
	OFF(kag_dev_info, cfg_size, 40);
	OFF(kag_dev_info, flags, 44);
	OFF(kag_dev_info, reserved1, 48);
	OFF(kag_dev_info, reserved2, 52);
	OFF(kag_dev_info, bar, 56);
	OFF(kag_dev_info, bar[1], 56 + 32);
	OFF(kag_dev_info, bar[5], 56 + 5 * 32);

	OFF(kag_rw, argsz, 0);
	OFF(kag_rw, handle, 4);
	OFF(kag_rw, bar, 8);
	OFF(kag_rw, width, 12);
	OFF(kag_rw, offset, 16);
	OFF(kag_rw, value, 24);
	OFF(kag_rw, flags, 32);
	OFF(kag_rw, reserved, 36);

	OFF(kag_block, argsz, 0);
	OFF(kag_block, handle, 4);
	OFF(kag_block, bar, 8);
	OFF(kag_block, width, 12);
	OFF(kag_block, offset, 16);
	OFF(kag_block, length, 24);
	OFF(kag_block, buf, 32);
	OFF(kag_block, flags, 40);
	OFF(kag_block, reserved, 44);

	OFF(kag_transfer, cmd, 0);
	OFF(kag_transfer, bar, 4);
	OFF(kag_transfer, width, 8);
	OFF(kag_transfer, flags, 12);
	OFF(kag_transfer, offset, 16);
	OFF(kag_transfer, value, 24);

	OFF(kag_multi, argsz, 0);
	OFF(kag_multi, handle, 4);
	OFF(kag_multi, count, 8);
	OFF(kag_multi, failed_index, 12);
	OFF(kag_multi, cmds, 16);

	OFF(kag_cfg, argsz, 0);
	OFF(kag_cfg, handle, 4);
	OFF(kag_cfg, offset, 8);
	OFF(kag_cfg, width, 12);
	OFF(kag_cfg, value, 16);
	OFF(kag_cfg, flags, 20);
}
END_TEST

START_TEST(test_uapi_constants)
{
	/* ioctl numbers: _IO(0xD7, 0x40 + n), independent of struct sizes. */
	ck_assert_uint_eq(KAG_IOC_GET_VERSION, 0xD740);
	ck_assert_uint_eq(KAG_IOC_DEV_OPEN, 0xD741);
	ck_assert_uint_eq(KAG_IOC_DEV_CLOSE, 0xD742);
	ck_assert_uint_eq(KAG_IOC_DEV_INFO, 0xD743);
	ck_assert_uint_eq(KAG_IOC_RW, 0xD744);
	ck_assert_uint_eq(KAG_IOC_BLOCK, 0xD745);
	ck_assert_uint_eq(KAG_IOC_MULTI, 0xD746);
	ck_assert_uint_eq(KAG_IOC_CFG, 0xD747);

	ck_assert_uint_eq(KAG_NUM_BARS, 6);
	ck_assert_uint_eq(KAG_VERSION_STR_LEN, 32);
	ck_assert_uint_eq(KAG_DRIVER_NAME_LEN, 32);
	ck_assert_uint_eq(KAG_BLOCK_MAX_BYTES, 16u << 20);
	ck_assert_uint_eq(KAG_MULTI_MAX_CMDS, 4096);
	ck_assert_uint_eq(KAG_BAR_MEM, 1);
	ck_assert_uint_eq(KAG_BAR_IO, 2);
	ck_assert_uint_eq(KAG_BAR_64BIT, 4);
	ck_assert_uint_eq(KAG_BAR_PREFETCH, 8);
	ck_assert_uint_eq(KAG_BAR_MMAP, 16);
	ck_assert_uint_eq(KAG_DEV_MSI, 1);
	ck_assert_uint_eq(KAG_DEV_MSIX, 2);
	ck_assert_uint_eq(KAG_DEV_PCIE, 4);
	ck_assert_uint_eq(KAG_RW_WRITE, 1);
	ck_assert_uint_eq(KAG_BLOCK_NO_AUTOINC, 2);
	ck_assert_uint_eq(KAG_TRANS_READ, 1);
	ck_assert_uint_eq(KAG_TRANS_WRITE, 2);
	ck_assert_uint_eq(KAG_MMAP_BAR_SHIFT, 36);

	/* The library's public limits follow the uapi. */
	ck_assert_uint_eq(WDC_PCI_NUM_BARS, KAG_NUM_BARS);
	ck_assert_uint_eq(WDC_MULTI_TRANSFER_MAX, KAG_MULTI_MAX_CMDS);
}
END_TEST

static Suite *abi_suite(void)
{
	Suite *s = suite_create("abi");
	TCase *tc = tcase_create("version");

	tcase_add_test(tc, test_abi_same);
	tcase_add_test(tc, test_abi_newer_minor_agent);
	tcase_add_test(tc, test_abi_older_minor_agent);
	tcase_add_test(tc, test_abi_other_major);
	tcase_add_test(tc, test_abi_text_truncated);
	tcase_add_test(tc, test_lib_abi);
	suite_add_tcase(s, tc);

	tc = tcase_create("uapi");
	tcase_add_test(tc, test_uapi_sizes);
	tcase_add_test(tc, test_uapi_offsets);
	tcase_add_test(tc, test_uapi_constants);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(abi_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

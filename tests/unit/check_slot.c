// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check_slot.c - host tests of PCI address parsing and formatting
 * (WDC_PciSlotFromStr, WDC_PciSlotToStr).
 */
#include "wdc_internal.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *str;
	WD_PCI_SLOT slot;
} valid[] = {
	{ "0000:00:03.0", { 0, 0, 3, 0 } },
	{ "00:03.0", { 0, 0, 3, 0 } },
	{ "0:0.0", { 0, 0, 0, 0 } },
	{ "3:1f.7", { 0, 3, 0x1f, 7 } },
	{ "ffff:ff:1f.7", { 0xffff, 0xff, 0x1f, 7 } },
	{ "ABCD:EF:1F.7", { 0xabcd, 0xef, 0x1f, 7 } },
	{ "aBcD:eF:0a.1", { 0xabcd, 0xef, 0x0a, 1 } },
	{ "10000:e1:00.0", { 0x10000, 0xe1, 0, 0 } },	/* VMD domain */
	{ "7fffffff:00:00.0", { 0x7fffffff, 0, 0, 0 } },
	{ "00000001:02:03.4", { 1, 2, 3, 4 } },
};

static const char *const invalid[] = {
	"",
	"0",
	"0000",
	"0000:",
	"0000:00",
	"0000:00:03",
	"0000:00:03.",
	"0000:00:03.8",		/* function > 7 */
	"0000:00:03.f",
	"0000:00:03.00",	/* function takes one digit */
	"0000:00:20.0",		/* slot > 0x1f */
	"00:20.0",
	"0000:100:00.0",	/* bus has at most 2 digits */
	"100:00.0",
	"0000:00:003.0",	/* slot has at most 2 digits */
	"00:003.0",
	"80000000:00:00.0",	/* domain > 0x7fffffff */
	"ffffffff:00:00.0",
	"123456789:00:00.0",	/* 9 digits */
	" 0000:00:03.0",
	"0000:00:03.0 ",
	"0000:00:03.0\n",
	"0000 :00:03.0",
	"0x00:03.0",
	"+0:03.0",
	"-1:00:00.0",
	"0000:00:03:0",
	"0000:00.03.0",
	"0000::03.0",
	":00:03.0",
	"00:.0",
	"g0:00.0",
	"0000:00:03.0.0",
	"0000:00:00:03.0",
	"00:03",
	".0",
	"00:03.-1",
};

START_TEST(test_parse_valid)
{
	WD_PCI_SLOT s;

	memset(&s, 0xa5, sizeof(s));
	ck_assert_msg(WDC_PciSlotFromStr(valid[_i].str, &s) == WD_STATUS_SUCCESS,
		      "'%s' refused", valid[_i].str);
	ck_assert_uint_eq(s.dwDomain, valid[_i].slot.dwDomain);
	ck_assert_uint_eq(s.dwBus, valid[_i].slot.dwBus);
	ck_assert_uint_eq(s.dwSlot, valid[_i].slot.dwSlot);
	ck_assert_uint_eq(s.dwFunction, valid[_i].slot.dwFunction);
}
END_TEST

START_TEST(test_parse_invalid)
{
	WD_PCI_SLOT s, orig;

	memset(&s, 0xa5, sizeof(s));
	orig = s;
	ck_assert_msg(WDC_PciSlotFromStr(invalid[_i], &s) == WD_INVALID_PARAMETER,
		      "'%s' accepted", invalid[_i]);
	/* Output untouched on failure. */
	ck_assert_mem_eq(&s, &orig, sizeof(s));
}
END_TEST

START_TEST(test_parse_null)
{
	WD_PCI_SLOT s;

	ck_assert_uint_eq(WDC_PciSlotFromStr(NULL, &s), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_PciSlotFromStr("00:03.0", NULL),
			  WD_INVALID_PARAMETER);
}
END_TEST

START_TEST(test_format)
{
	char buf[WDC_PCI_SLOT_STR_LEN];
	WD_PCI_SLOT s = { 0, 0, 3, 0 };
	WD_PCI_SLOT vmd = { 0x10000, 0xe1, 0x1f, 7 };
	WD_PCI_SLOT max = { 0x7fffffff, 0xff, 0x1f, 7 };

	ck_assert_uint_eq(WDC_PciSlotToStr(&s, buf, sizeof(buf)),
			  WD_STATUS_SUCCESS);
	ck_assert_str_eq(buf, "0000:00:03.0");
	ck_assert_uint_eq(WDC_PciSlotToStr(&vmd, buf, sizeof(buf)),
			  WD_STATUS_SUCCESS);
	ck_assert_str_eq(buf, "10000:e1:1f.7");
	ck_assert_uint_eq(WDC_PciSlotToStr(&max, buf, sizeof(buf)),
			  WD_STATUS_SUCCESS);
	ck_assert_str_eq(buf, "7fffffff:ff:1f.7");
	ck_assert_uint_le(strlen(buf) + 1, WDC_PCI_SLOT_STR_LEN);
}
END_TEST

START_TEST(test_format_buffer_size)
{
	char buf[16];
	WD_PCI_SLOT s = { 0, 0, 3, 0 };

	/* "0000:00:03.0" needs 13 bytes. */
	memset(buf, 'x', sizeof(buf));
	ck_assert_uint_eq(WDC_PciSlotToStr(&s, buf, 12), WD_INVALID_PARAMETER);
	ck_assert_int_eq(buf[0], 'x');	/* untouched */
	ck_assert_uint_eq(WDC_PciSlotToStr(&s, buf, 0), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_PciSlotToStr(&s, buf, 13), WD_STATUS_SUCCESS);
	ck_assert_str_eq(buf, "0000:00:03.0");
}
END_TEST

START_TEST(test_format_invalid)
{
	static const WD_PCI_SLOT bad[] = {
		{ 0, 0, 0, 8 },
		{ 0, 0, 0x20, 0 },
		{ 0, 0x100, 0, 0 },
		{ 0x80000000u, 0, 0, 0 },
	};
	char buf[WDC_PCI_SLOT_STR_LEN];
	WD_PCI_SLOT s = { 0, 0, 3, 0 };
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_uint_eq(WDC_PciSlotToStr(&bad[i], buf, sizeof(buf)),
				  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_PciSlotToStr(NULL, buf, sizeof(buf)),
			  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_PciSlotToStr(&s, NULL, sizeof(buf)),
			  WD_INVALID_PARAMETER);
}
END_TEST

START_TEST(test_round_trip)
{
	char buf[WDC_PCI_SLOT_STR_LEN];
	WD_PCI_SLOT in = valid[_i].slot, out;

	ck_assert_uint_eq(WDC_PciSlotToStr(&in, buf, sizeof(buf)),
			  WD_STATUS_SUCCESS);
	ck_assert_uint_eq(WDC_PciSlotFromStr(buf, &out), WD_STATUS_SUCCESS);
	ck_assert_mem_eq(&in, &out, sizeof(in));
}
END_TEST

static Suite *slot_suite(void)
{
	Suite *s = suite_create("slot");
	TCase *tc = tcase_create("parse");
	const int nvalid = (int)(sizeof(valid) / sizeof(valid[0]));

	tcase_add_loop_test(tc, test_parse_valid, 0, nvalid);
	tcase_add_loop_test(tc, test_parse_invalid, 0,
			    (int)(sizeof(invalid) / sizeof(invalid[0])));
	tcase_add_test(tc, test_parse_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("format");
	tcase_add_test(tc, test_format);
	tcase_add_test(tc, test_format_buffer_size);
	tcase_add_test(tc, test_format_invalid);
	tcase_add_loop_test(tc, test_round_trip, 0, nvalid);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(slot_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

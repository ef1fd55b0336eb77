// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check_transfer.c - host tests of the access checks and of the
 * translation of WDC_TRANSFER commands to and from struct kag_transfer.
 */
#include "wdc_internal.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

/* BAR0: 1 MiB memory; BAR1: 256 I/O ports; BAR2: unused; BAR3: 64-bit 4 KiB. */
static WDC_ADDR_DESC bars[WDC_PCI_NUM_BARS];

static void setup(void)
{
	memset(bars, 0, sizeof(bars));
	for (uint32_t i = 0; i < WDC_PCI_NUM_BARS; i++)
		bars[i].dwAddrSpace = i;
	bars[0].fIsMemory = true;
	bars[0].qwStart = 0xfe000000;
	bars[0].qwBytes = 1 << 20;
	bars[1].qwStart = 0xc000;
	bars[1].qwBytes = 256;
	bars[3].fIsMemory = true;
	bars[3].f64Bit = true;
	bars[3].qwStart = 0x800000000ull;
	bars[3].qwBytes = 4096;
}

static WDC_TRANSFER trans(uint32_t cmd, uint32_t bar, uint64_t off)
{
	WDC_TRANSFER t;

	memset(&t, 0, sizeof(t));
	t.cmdTrans = cmd;
	t.dwAddrSpace = bar;
	t.dwOffset = off;
	return t;
}

static void expect_ok(const WDC_TRANSFER *t, uint32_t cmd, uint32_t bar,
		      uint32_t width, uint64_t off, uint64_t value)
{
	struct kag_transfer k;
	const char *why;

	memset(&k, 0xa5, sizeof(k));
	why = wdc_trans_encode(t, bars, &k);
	ck_assert_msg(why == NULL, "%s refused: %s",
		      wdc_trans_cmd_name(t->cmdTrans), why ? why : "");
	ck_assert_uint_eq(k.cmd, cmd);
	ck_assert_uint_eq(k.bar, bar);
	ck_assert_uint_eq(k.width, width);
	ck_assert_uint_eq(k.flags, 0);
	ck_assert_uint_eq(k.offset, off);
	ck_assert_uint_eq(k.value, value);
}

static void expect_bad(const WDC_TRANSFER *t, const char *part)
{
	struct kag_transfer k;
	const char *why = wdc_trans_encode(t, bars, &k);

	ck_assert_msg(why != NULL, "%s BAR%u+0x%llx accepted",
		      wdc_trans_cmd_name(t->cmdTrans), t->dwAddrSpace,
		      (unsigned long long)t->dwOffset);
	ck_assert_msg(strstr(why, part), "reason '%s' lacks '%s'", why, part);
}

START_TEST(test_encode_reads)
{
	WDC_TRANSFER t;

	t = trans(RM_BYTE, 0, 0x11);
	t.Data.Qword = 0x123;	/* ignored for reads */
	expect_ok(&t, KAG_TRANS_READ, 0, 1, 0x11, 0);
	t = trans(RM_WORD, 0, 0x12);
	expect_ok(&t, KAG_TRANS_READ, 0, 2, 0x12, 0);
	t = trans(RM_DWORD, 0, 0xffffc);
	expect_ok(&t, KAG_TRANS_READ, 0, 4, 0xffffc, 0);
	t = trans(RM_QWORD, 3, 0xff8);
	expect_ok(&t, KAG_TRANS_READ, 3, 8, 0xff8, 0);
	t = trans(RP_BYTE, 1, 0xff);
	expect_ok(&t, KAG_TRANS_READ, 1, 1, 0xff, 0);
	t = trans(RP_WORD, 1, 0x2);
	expect_ok(&t, KAG_TRANS_READ, 1, 2, 0x2, 0);
	t = trans(RP_DWORD, 1, 0xfc);
	expect_ok(&t, KAG_TRANS_READ, 1, 4, 0xfc, 0);
}
END_TEST

START_TEST(test_encode_writes)
{
	WDC_TRANSFER t;

	/* Only the member of the command's width is sent. */
	t = trans(WM_BYTE, 0, 0x3);
	t.Data.Qword = 0x1111111111111111ull;
	t.Data.Byte = 0xab;
	expect_ok(&t, KAG_TRANS_WRITE, 0, 1, 0x3, 0xab);
	t = trans(WM_WORD, 0, 0x6);
	t.Data.Qword = 0x1111111111111111ull;
	t.Data.Word = 0xbeef;
	expect_ok(&t, KAG_TRANS_WRITE, 0, 2, 0x6, 0xbeef);
	t = trans(WM_DWORD, 0, 0x8);
	t.Data.Qword = 0x1111111111111111ull;
	t.Data.Dword = 10;
	expect_ok(&t, KAG_TRANS_WRITE, 0, 4, 0x8, 10);
	t = trans(WM_QWORD, 3, 0x10);
	t.Data.Qword = 0x0123456789abcdefull;
	expect_ok(&t, KAG_TRANS_WRITE, 3, 8, 0x10, 0x0123456789abcdefull);
	t = trans(WP_BYTE, 1, 0x83);
	t.Data.Byte = 0xfa;
	expect_ok(&t, KAG_TRANS_WRITE, 1, 1, 0x83, 0xfa);
	t = trans(WP_WORD, 1, 0x4);
	t.Data.Word = 0x1234;
	expect_ok(&t, KAG_TRANS_WRITE, 1, 2, 0x4, 0x1234);
	t = trans(WP_DWORD, 1, 0x8);
	t.Data.Dword = 0xdeadbeef;
	expect_ok(&t, KAG_TRANS_WRITE, 1, 4, 0x8, 0xdeadbeef);
}
END_TEST

START_TEST(test_encode_invalid)
{
	WDC_TRANSFER t;

	t = trans(0, 0, 0);
	expect_bad(&t, "unknown");
	t = trans(1, 0, 0);	/* WinDriver's CMD_END */
	expect_bad(&t, "unknown");
	t = trans(40, 0, 0);	/* string commands are not supported */
	expect_bad(&t, "unknown");
	t = trans(RM_DWORD, 1, 0);
	expect_bad(&t, "memory command");
	t = trans(WP_BYTE, 0, 0);
	expect_bad(&t, "port command");
	t = trans(RP_QWORD, 1, 0);
	expect_bad(&t, "64-bit");
	t = trans(WP_QWORD, 1, 8);
	expect_bad(&t, "64-bit");
	t = trans(RM_DWORD, 2, 0);
	expect_bad(&t, "does not implement");
	t = trans(RM_DWORD, 6, 0);
	expect_bad(&t, "no such BAR");
	t = trans(RM_DWORD, 0xffffffffu, 0);
	expect_bad(&t, "no such BAR");
	t = trans(RM_DWORD, 0, 2);
	expect_bad(&t, "not aligned");
	t = trans(RM_QWORD, 3, 4);
	expect_bad(&t, "not aligned");
	t = trans(RM_DWORD, 0, 1 << 20);
	expect_bad(&t, "outside");
	t = trans(RM_QWORD, 3, 4096);
	expect_bad(&t, "outside");
	t = trans(RP_BYTE, 1, 256);
	expect_bad(&t, "outside");
	t = trans(RM_DWORD, 0, UINT64_MAX - 3);
	expect_bad(&t, "outside");
}
END_TEST

START_TEST(test_decode)
{
	struct kag_transfer k;
	WDC_TRANSFER t;

	memset(&k, 0, sizeof(k));
	k.cmd = KAG_TRANS_READ;
	k.width = 1;
	k.value = 0x123456ab;	/* only the width's bits count */
	memset(&t, 0xff, sizeof(t));
	wdc_trans_decode(&k, &t);
	ck_assert_uint_eq(t.Data.Byte, 0xab);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	ck_assert_uint_eq(t.Data.Qword, 0xab);	/* the rest is zeroed */
#endif
	k.width = 2;
	k.value = 0x1234beef;
	wdc_trans_decode(&k, &t);
	ck_assert_uint_eq(t.Data.Word, 0xbeef);
	ck_assert_uint_eq(t.Data.Qword & ~(uint64_t)0xffff, 0);
	k.width = 4;
	k.value = 0xff00000000375f00ull;
	wdc_trans_decode(&k, &t);
	ck_assert_uint_eq(t.Data.Dword, 3628800);
	ck_assert_uint_eq(t.Data.Qword >> 32, 0);
	k.width = 8;
	k.value = 0xfedcba9876543210ull;
	wdc_trans_decode(&k, &t);
	ck_assert_uint_eq(t.Data.Qword, 0xfedcba9876543210ull);

	/* Writes keep their value. */
	k.cmd = KAG_TRANS_WRITE;
	k.width = 4;
	k.value = 1;
	t.Data.Qword = 77;
	wdc_trans_decode(&k, &t);
	ck_assert_uint_eq(t.Data.Qword, 77);
}
END_TEST

START_TEST(test_round_trip_values)
{
	WDC_TRANSFER t = trans(RM_DWORD, 0, 0x8);
	struct kag_transfer k;

	ck_assert_ptr_null(wdc_trans_encode(&t, bars, &k));
	k.value = 0x010000ed;	/* what the agent read */
	wdc_trans_decode(&k, &t);
	ck_assert_uint_eq(t.Data.Dword, 0x010000ed);
	ck_assert_uint_eq(t.cmdTrans, RM_DWORD);
	ck_assert_uint_eq(t.dwOffset, 0x8);
}
END_TEST

START_TEST(test_cmd_names)
{
	ck_assert_str_eq(wdc_trans_cmd_name(RM_DWORD), "RM_DWORD");
	ck_assert_str_eq(wdc_trans_cmd_name(WP_BYTE), "WP_BYTE");
	ck_assert_str_eq(wdc_trans_cmd_name(WM_QWORD), "WM_QWORD");
	ck_assert_str_eq(wdc_trans_cmd_name(RP_QWORD), "RP_QWORD");
	ck_assert_str_eq(wdc_trans_cmd_name(99), "unknown command");
	/* WinDriver's command values. */
	ck_assert_int_eq(RP_BYTE, 10);
	ck_assert_int_eq(WP_QWORD, 17);
	ck_assert_int_eq(RM_BYTE, 30);
	ck_assert_int_eq(WM_DWORD, 35);
	ck_assert_int_eq(RM_QWORD, 36);
	ck_assert_int_eq(WM_QWORD, 37);
	ck_assert_int_eq(WDC_ADDR_RW_NO_AUTOINC, 4);
	ck_assert_int_eq(WDC_MODE_32, 4);
}
END_TEST

START_TEST(test_access_problem)
{
	ck_assert_ptr_null(wdc_access_problem(bars, 0, 4, 0, 4));
	ck_assert_ptr_null(wdc_access_problem(bars, 0, 4, 0, 1 << 20));
	ck_assert_ptr_null(wdc_access_problem(bars, 0, 8, (1 << 20) - 8, 8));
	ck_assert_ptr_nonnull(wdc_access_problem(bars, 0, 4, 4, 1 << 20));
	ck_assert_ptr_nonnull(wdc_access_problem(bars, 0, 3, 0, 3));
	ck_assert_ptr_nonnull(wdc_access_problem(bars, 0, 0, 0, 0));
	ck_assert_ptr_nonnull(wdc_access_problem(bars, 0, 16, 0, 16));
	ck_assert_ptr_nonnull(wdc_access_problem(bars, 0, 4, UINT64_MAX - 3, 4));
	ck_assert_ptr_nonnull(wdc_access_problem(bars, 0, 4, 0, UINT64_MAX));
	ck_assert_ptr_nonnull(wdc_access_problem(bars, 1, 8, 0, 8));
	ck_assert_ptr_null(wdc_access_problem(bars, 1, 4, 252, 4));
	ck_assert_ptr_nonnull(wdc_access_problem(bars, 2, 1, 0, 1));
	ck_assert_ptr_nonnull(wdc_access_problem(bars, 6, 1, 0, 1));
}
END_TEST

static Suite *transfer_suite(void)
{
	Suite *s = suite_create("transfer");
	TCase *tc = tcase_create("encode");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_encode_reads);
	tcase_add_test(tc, test_encode_writes);
	tcase_add_test(tc, test_encode_invalid);
	tcase_add_test(tc, test_decode);
	tcase_add_test(tc, test_round_trip_values);
	tcase_add_test(tc, test_cmd_names);
	tcase_add_test(tc, test_access_problem);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(transfer_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

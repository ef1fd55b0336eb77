// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check_tui_cfg.c - host tests of configuration-space decoding: header
 * types 0 and 1, capability lists (PM, MSI, MSI-X, PCI Express, extended),
 * named registers and decoded values, on dumps captured from QEMU's pc and
 * q35 machines (compared with what lspci -vv says of the same devices),
 * plus truncated and corrupted snapshots.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tui_cfg.h"
#include "tui_fixture.h"
#include "tui_model.h"

static struct tui_model model;

/* The snapshot of device @bdf of the q35 dump. */
static void load(const char *bdf, struct tui_cfg *cfg)
{
	long i = tui_model_find(&model, bdf);

	ck_assert_msg(i >= 0, "%s: %s", bdf, model.err);
	ck_assert_int_eq(tui_model_cfg_load(&model, &model.devs[i], cfg), 0);
}

static void setup(void)
{
	tui_fixture_model(&model, "qemu-q35.lspci");
	ck_assert_msg(model.ndevs == 11, "q35 dump: %zu devices (%s)",
		      model.ndevs, model.err);
}

static void teardown(void)
{
	tui_model_free(&model);
}

/* Decode named register @name of @cfg into a static buffer. */
static const char *dec(const struct tui_cfg *cfg, const char *name)
{
	static char text[160];
	struct tui_reg reg;
	char err[160];

	ck_assert_msg(!tui_cfg_lookup(cfg, name, &reg, err, sizeof(err)),
		      "%s: %s", name, err);
	ck_assert_uint_ne(reg.size, 0);
	tui_cfg_decode(cfg, &reg, tui_cfg_get(cfg, reg.off, reg.size), text,
		       sizeof(text));
	return text;
}

/* The lookup error for @name. */
static const char *lookup_err(const struct tui_cfg *cfg, const char *name)
{
	static char err[160];
	struct tui_reg reg;

	ck_assert_msg(tui_cfg_lookup(cfg, name, &reg, err, sizeof(err)) == -1,
		      "%s resolved to 0x%x", name, reg.off);
	return err;
}

START_TEST(test_caps_e1000e)
{
	static const struct {
		uint16_t off, id;
		bool ext;
		uint8_t ver;
		const char *name, *key;
	} want[] = {
		{ 0xc8, 0x01, false, 0, "Power Management", "CAP_PM" },
		{ 0xd0, 0x05, false, 0, "MSI", "CAP_MSI" },
		{ 0xe0, 0x10, false, 0, "PCI Express", "CAP_EXP" },
		{ 0xa0, 0x11, false, 0, "MSI-X", "CAP_MSIX" },
		{ 0x100, 0x01, true, 2, "Advanced Error Reporting", "ECAP_AER" },
		{ 0x140, 0x03, true, 1, "Device Serial Number", "ECAP_DSN" },
	};
	struct tui_cap caps[TUI_CFG_MAX_CAPS];
	struct tui_cfg cfg;
	size_t i;

	load("00:02.0", &cfg);
	ck_assert_uint_eq(cfg.len, 4096);
	ck_assert_int_eq(tui_cfg_caps(&cfg, caps, TUI_CFG_MAX_CAPS), 6);
	for (i = 0; i < 6; i++) {
		ck_assert_uint_eq(caps[i].off, want[i].off);
		ck_assert_uint_eq(caps[i].id, want[i].id);
		ck_assert(caps[i].ext == want[i].ext);
		ck_assert_uint_eq(caps[i].ver, want[i].ver);
		ck_assert_str_eq(tui_cap_name(&caps[i]), want[i].name);
		ck_assert_str_eq(tui_cap_key(&caps[i]), want[i].key);
	}
	/* A short array takes the first entries only. */
	ck_assert_int_eq(tui_cfg_caps(&cfg, caps, 2), 2);
	ck_assert_uint_eq(caps[1].off, 0xd0);
}
END_TEST

/* lspci -vv of the same e1000e: Control I/O+ Mem+ SERR+, Cap+, Region 0
 * feb40000, Region 2 I/O c140, ROM feb00000 disabled, pin A, PM v2, MSI
 * Count=1/1 64bit+, Express (v1) Root Complex Integrated Endpoint, MSI-X
 * Count=5, table BAR 3 offset 0, PBA BAR 3 offset 2000. */
START_TEST(test_decode_e1000e)
{
	struct tui_cfg cfg;

	load("00:02.0", &cfg);
	ck_assert_str_eq(dec(&cfg, "COMMAND"), "I/O Mem SERR");
	ck_assert_str_eq(dec(&cfg, "STATUS"), "DEVSEL=fast CapList");
	ck_assert_str_eq(dec(&cfg, "HEADER_TYPE"), "type 0 (device)");
	ck_assert_str_eq(dec(&cfg, "BASE_ADDRESS_0"), "mem32 at 0xfeb40000");
	ck_assert_str_eq(dec(&cfg, "BASE_ADDRESS_2"), "I/O at 0xc140");
	ck_assert_str_eq(dec(&cfg, "BASE_ADDRESS_4"), "unused");
	ck_assert_str_eq(dec(&cfg, "ROM_ADDRESS"), "at 0xfeb00000, disabled");
	ck_assert_str_eq(dec(&cfg, "INTERRUPT_PIN"), "INTA");
	ck_assert_str_eq(dec(&cfg, "CAPABILITIES"), "first capability at 0xc8");
	ck_assert_str_eq(dec(&cfg, "PM_PMC"), "version 2, D1- D2-, PME from: -");
	ck_assert_str_eq(dec(&cfg, "PM_CTRL"), "D0");
	ck_assert_str_eq(dec(&cfg, "MSI_FLAGS"), "disabled, 1/1 vectors, 64-bit");
	ck_assert_str_eq(dec(&cfg, "MSIX_FLAGS"), "disabled, 5 vectors");
	ck_assert_str_eq(dec(&cfg, "MSIX_TABLE"), "BAR3 + 0x0");
	ck_assert_str_eq(dec(&cfg, "MSIX_PBA"), "BAR3 + 0x2000");
	ck_assert_str_eq(dec(&cfg, "EXP_FLAGS"),
			 "v1 Root Complex Integrated Endpoint, MSI 0");
	ck_assert_str_eq(dec(&cfg, "EXP_DEVCAP"), "MaxPayload 128 bytes RBE");
	ck_assert_str_eq(dec(&cfg, "EXP_DEVCTL"), "MaxPayload 128 MaxReadReq 128");
	ck_assert_str_eq(dec(&cfg, "EXP_DEVSTA"), "-");
	/* An integrated endpoint has no link, a v1 capability no v2 registers. */
	ck_assert_str_eq(lookup_err(&cfg, "EXP_LNKSTA"),
			 "EXP_LNKSTA is not present on this device (other header "
			 "type or capability variant)");
	ck_assert_str_eq(lookup_err(&cfg, "EXP_DEVCAP2"),
			 "EXP_DEVCAP2 is not present on this device (other header "
			 "type or capability variant)");
	/* No registers of type 1 headers on a type 0 one. */
	ck_assert(strstr(lookup_err(&cfg, "BRIDGE_CONTROL"), "not present"));
}
END_TEST

/* lspci -vv of the q35 root port 00:07.0: Bus primary=00, secondary=01,
 * subordinate=01; I/O behind bridge 1000-1fff, memory fe800000-fe9fffff,
 * prefetchable fe000000-fe1fffff [64-bit]; BridgeCtl SERR+; Express (v2) Root Port
 * (Slot+); LnkCap Port #0, Speed 16GT/s, Width x32, ASPM L0s; LnkSta
 * Speed 16GT/s, Width x32; SltCap AttnBtn+ PwrCtrl+ MRL- AttnInd+ PwrInd+
 * HotPlug+ Surprise+, Slot #1. */
START_TEST(test_decode_bridge)
{
	struct tui_cfg cfg;

	load("00:07.0", &cfg);
	ck_assert_str_eq(dec(&cfg, "HEADER_TYPE"), "type 1 (PCI bridge)");
	ck_assert_str_eq(dec(&cfg, "PRIMARY_BUS"),
			 "primary=00 secondary=01 subordinate=01");
	ck_assert_str_eq(dec(&cfg, "IO_BASE"), "I/O window 0x1000-0x1fff");
	ck_assert_str_eq(dec(&cfg, "MEMORY_BASE"),
			 "memory window 0xfe800000-0xfe9fffff");
	ck_assert_str_eq(dec(&cfg, "PREF_MEMORY_BASE"),
			 "prefetchable window 0xfe000000-0xfe1fffff (64-bit)");
	ck_assert_str_eq(dec(&cfg, "BRIDGE_CONTROL"), "SERR");
	ck_assert_str_eq(dec(&cfg, "BASE_ADDRESS_0"), "mem32 at 0xfeb98000");
	ck_assert_str_eq(dec(&cfg, "EXP_FLAGS"), "v2 Root Port (slot), MSI 0");
	ck_assert_str_eq(dec(&cfg, "EXP_LNKCAP"),
			 "Port #0, Speed 16GT/s, Width x32, ASPM L0s");
	ck_assert_str_eq(dec(&cfg, "EXP_LNKSTA"), "Speed 16GT/s, Width x32");
	ck_assert_str_eq(dec(&cfg, "EXP_SLTCAP"),
			 "Slot #1 AttnBtn PwrCtrl AttnInd PwrInd Surprise HotPlug");
	/* Type 0 registers are not in a bridge header. */
	ck_assert(strstr(lookup_err(&cfg, "BASE_ADDRESS_2"), "not present"));
	ck_assert(strstr(lookup_err(&cfg, "SUBSYSTEM_ID"), "not present"));
}
END_TEST

/* lspci: virtio 00:05.0 Region 4: Memory at fe200000 (64-bit, prefetchable). */
START_TEST(test_decode_bar64)
{
	struct tui_cfg cfg;

	load("00:05.0", &cfg);
	ck_assert_str_eq(dec(&cfg, "BASE_ADDRESS_0"), "I/O at 0xc160");
	ck_assert_str_eq(dec(&cfg, "BASE_ADDRESS_4"),
			 "mem64 at 0xfe200000, prefetchable");
	ck_assert_str_eq(dec(&cfg, "BASE_ADDRESS_5"),
			 "upper 32 bits of BASE_ADDRESS_4");
	ck_assert_str_eq(dec(&cfg, "MSIX_FLAGS"), "enabled, 2 vectors");
	ck_assert_str_eq(dec(&cfg, "COMMAND"), "I/O Mem BusMaster SERR DisINTx");
}
END_TEST

START_TEST(test_lookup_forms)
{
	struct tui_cfg cfg;
	struct tui_reg reg;
	char err[160];

	load("00:02.0", &cfg);
	ck_assert_int_eq(tui_cfg_lookup(&cfg, "command", &reg, err, sizeof(err)), 0);
	ck_assert_str_eq(reg.name, "COMMAND");
	ck_assert_uint_eq(reg.off, 4);
	ck_assert_uint_eq(reg.size, 2);
	ck_assert_int_eq(tui_cfg_lookup(&cfg, "CAP_MSI", &reg, err, sizeof(err)), 0);
	ck_assert_str_eq(reg.name, "CAP_MSI");
	ck_assert_uint_eq(reg.off, 0xd0);
	ck_assert_uint_eq(reg.size, 0);
	ck_assert_int_eq(tui_cfg_lookup(&cfg, "cap05", &reg, err, sizeof(err)), 0);
	ck_assert_str_eq(reg.name, "CAP05");
	ck_assert_uint_eq(reg.off, 0xd0);
	ck_assert_int_eq(tui_cfg_lookup(&cfg, "ECAP0003", &reg, err, sizeof(err)), 0);
	ck_assert_uint_eq(reg.off, 0x140);
	ck_assert_int_eq(tui_cfg_lookup(&cfg, "ECAP_AER+0x8", &reg, err,
					sizeof(err)), 0);
	ck_assert_str_eq(reg.name, "ECAP_AER+0x8");
	ck_assert_uint_eq(reg.off, 0x108);
	ck_assert_uint_eq(reg.size, 0);
	/* setpci writes the offset in hex without 0x */
	ck_assert_int_eq(tui_cfg_lookup(&cfg, "CAP_EXP+c", &reg, err, sizeof(err)), 0);
	ck_assert_uint_eq(reg.off, 0xec);
	ck_assert_int_eq(tui_cfg_lookup(&cfg, "COMMAND+2", &reg, err, sizeof(err)), 0);
	ck_assert_uint_eq(reg.off, 6);
	ck_assert_str_eq(reg.name, "COMMAND+0x2");

	ck_assert_str_eq(lookup_err(&cfg, "ECAP_AER+g"), "bad offset in 'ECAP_AER+g'");
	ck_assert_str_eq(lookup_err(&cfg, "+4"), "unknown register name '+4'");
	ck_assert_str_eq(lookup_err(&cfg, "CAP_AGP"),
			 "the device has no AGP capability");
	ck_assert_str_eq(lookup_err(&cfg, "ECAP_SRIOV"),
			 "the device has no Single Root I/O Virtualization capability");
	ck_assert_str_eq(lookup_err(&cfg, "CAP_NOPE"), "unknown register name 'CAP_NOPE'");
	ck_assert_str_eq(lookup_err(&cfg, "CAP100"), "unknown register name 'CAP100'");
	ck_assert_str_eq(lookup_err(&cfg, "ECAP_AER+1000"),
			 "bad offset in 'ECAP_AER+1000'");

	memset(&reg, 0, sizeof(reg));
	ck_assert(tui_cfg_name_at(&cfg, 4, 2, &reg));
	ck_assert_str_eq(reg.name, "COMMAND");
	memset(&reg, 0, sizeof(reg));
	ck_assert(!tui_cfg_name_at(&cfg, 4, 4, &reg));
	ck_assert_str_eq(reg.name, "");
	ck_assert(tui_cfg_name_at(&cfg, 0xd2, 0, &reg));
	ck_assert_str_eq(reg.name, "MSI_FLAGS");
	ck_assert_uint_eq(reg.size, 2);
	ck_assert(tui_cfg_name_at(&cfg, 0xdc, 2, &reg));
	ck_assert_str_eq(reg.name, "MSI_DATA");	/* the 64-bit variant */
}
END_TEST

START_TEST(test_truncated)
{
	struct tui_cfg_line lines[64];
	struct tui_cap caps[TUI_CFG_MAX_CAPS];
	struct tui_cfg cfg;
	size_t n;

	/* What a user gets from sysfs without root: 64 bytes. */
	load("00:02.0", &cfg);
	cfg.len = 64;
	ck_assert_int_eq(tui_cfg_caps(&cfg, caps, TUI_CFG_MAX_CAPS), 0);
	ck_assert_str_eq(dec(&cfg, "COMMAND"), "I/O Mem SERR");
	ck_assert_str_eq(lookup_err(&cfg, "MSI_FLAGS"),
			 "the device has no MSI capability (only the first 64 "
			 "bytes could be read)");
	ck_assert_str_eq(lookup_err(&cfg, "CAP_MSI"),
			 "the device has no MSI capability (only the first 64 "
			 "bytes could be read)");
	n = tui_cfg_layout(&cfg, lines, 64);
	ck_assert(lines[n - 1].heading);
	ck_assert_str_eq(lines[n - 1].text, "(only the first 64 bytes are "
			 "readable: root or an open device shows more)");
	ck_assert_uint_eq(tui_cfg_get(&cfg, 0x40, 4), 0);	/* outside: 0 */

	/* 256 bytes: the standard list, not the extended one. */
	load("00:02.0", &cfg);
	cfg.len = 256;
	ck_assert_int_eq(tui_cfg_caps(&cfg, caps, TUI_CFG_MAX_CAPS), 4);
	ck_assert_str_eq(lookup_err(&cfg, "ECAP_AER"),
			 "the device has no Advanced Error Reporting capability "
			 "(the extended capabilities could not be read)");
}
END_TEST

START_TEST(test_corrupt_lists)
{
	struct tui_cap caps[TUI_CFG_MAX_CAPS];
	struct tui_cfg cfg;
	int n;

	memset(&cfg, 0, sizeof(cfg));
	cfg.len = TUI_CFG_SIZE;
	cfg.b[0x06] = 0x10;		/* CapList */
	cfg.b[0x34] = 0x40;
	cfg.b[0x40] = 0x05;		/* MSI, next: itself */
	cfg.b[0x41] = 0x40;
	cfg.b[0x100] = 0x01;		/* AER v1, next: itself */
	cfg.b[0x102] = 0x01;
	cfg.b[0x103] = 0x10;
	n = tui_cfg_caps(&cfg, caps, TUI_CFG_MAX_CAPS);
	/* Both loops end at the guards; the walk terminates. */
	ck_assert_int_le(n, TUI_CFG_MAX_CAPS);
	ck_assert_int_ge(n, 2);
	ck_assert_uint_eq(caps[0].off, 0x40);

	/* Pointers into the header or past the snapshot end the walk. */
	cfg.b[0x41] = 0x20;
	cfg.b[0x103] = 0x00;
	cfg.b[0x102] = 0x01;
	n = tui_cfg_caps(&cfg, caps, TUI_CFG_MAX_CAPS);
	ck_assert_int_eq(n, 2);
	cfg.len = 256;
	cfg.b[0x41] = 0xff;	/* 0xfc: its header ends past 0xfd, ok */
	cfg.b[0xfc] = 0x09;
	cfg.b[0xfd] = 0x00;
	n = tui_cfg_caps(&cfg, caps, TUI_CFG_MAX_CAPS);
	ck_assert_int_eq(n, 2);
	ck_assert_uint_eq(caps[1].off, 0xfc);
	/* No CapList bit: no list at all. */
	cfg.b[0x06] = 0;
	ck_assert_int_eq(tui_cfg_caps(&cfg, caps, TUI_CFG_MAX_CAPS), 0);
}
END_TEST

START_TEST(test_layout)
{
	struct tui_cfg_line lines[128];
	struct tui_cfg cfg;
	size_t n, i, regs = 0;

	load("00:03.0", &cfg);	/* edu */
	n = tui_cfg_layout(&cfg, NULL, 0);
	ck_assert_uint_eq(n, 32);
	ck_assert_uint_eq(tui_cfg_layout(&cfg, lines, 128), 32);
	ck_assert(lines[0].heading);
	ck_assert_str_eq(lines[0].text, "Header type 0 (device)");
	ck_assert_str_eq(lines[1].reg.name, "VENDOR_ID");
	ck_assert(lines[27].heading);
	ck_assert_str_eq(lines[27].text, "[40] MSI (ID 0x05)");
	ck_assert_str_eq(lines[28].reg.name, "MSI_FLAGS");
	ck_assert_str_eq(lines[31].reg.name, "MSI_DATA");
	ck_assert_uint_eq(lines[31].reg.off, 0x4c);

	load("00:02.0", &cfg);	/* e1000e */
	n = tui_cfg_layout(&cfg, lines, 128);
	for (i = 0; i < n; i++)
		if (lines[i].heading && !strcmp(lines[i].text,
			"[100] Advanced Error Reporting (ID 0x0001 v2)"))
			regs++;
	ck_assert_uint_eq(regs, 1);
	/* Every register of the layout resolves back to itself by name. */
	for (i = 0; i < n; i++) {
		struct tui_reg reg;
		char err[160];

		if (lines[i].heading)
			continue;
		ck_assert_msg(!tui_cfg_lookup(&cfg, lines[i].reg.name, &reg, err,
					      sizeof(err)), "%s", err);
		ck_assert_uint_eq(reg.off, lines[i].reg.off);
		ck_assert_uint_eq(reg.size, lines[i].reg.size);
	}
}
END_TEST

static Suite *cfg_suite(void)
{
	Suite *s = suite_create("tui_cfg");
	TCase *tc = tcase_create("decode");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_caps_e1000e);
	tcase_add_test(tc, test_decode_e1000e);
	tcase_add_test(tc, test_decode_bridge);
	tcase_add_test(tc, test_decode_bar64);
	tcase_add_test(tc, test_lookup_forms);
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_corrupt_lists);
	tcase_add_test(tc, test_layout);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(cfg_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

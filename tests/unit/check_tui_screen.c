// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check_tui_screen.c - headless tests of wdtui's interactive screens (as
 * tig does): scripted keystrokes go to the controller, the screen it
 * draws is read back as text and compared; on a captured dump, at 80x24
 * and other sizes.  The curses module is not involved.
 */
#include <check.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "tui_app.h"
#include "tui_fixture.h"

struct ui {
	struct tui_model m;
	struct tui_app app;
	struct tui_screen scr;
	char row[512];
};

static struct ui ui;

static void ui_draw(void)
{
	tui_app_draw(&ui.app, &ui.scr);
}

static void ui_start_size(const char *dump, int rows, int cols)
{
	tui_fixture_model(&ui.m, dump);
	tui_app_init(&ui.app, &ui.m);
	ck_assert_int_eq(tui_scr_resize(&ui.scr, rows, cols), 0);
	ui_draw();
}

static void setup(void)
{
	ui_start_size("qemu-q35.lspci", 24, 80);
}

static void teardown(void)
{
	tui_app_free(&ui.app);
	tui_model_free(&ui.m);
	tui_scr_free(&ui.scr);
}

static void ui_resize(int rows, int cols)
{
	ck_assert_int_eq(tui_scr_resize(&ui.scr, rows, cols), 0);
	tui_app_key(&ui.app, TUI_KEY_RESIZE);
	ui_draw();
}

/* Keys, then a draw (as the main loop does after each key). */
static void ui_key(int key)
{
	tui_app_key(&ui.app, key);
	ui_draw();
}

static void ui_type(const char *s)
{
	for (; *s; s++)
		ui_key(*s == '\n' ? TUI_KEY_ENTER : *s);
}

static const char *ui_row(int y)
{
	return tui_scr_row_text(&ui.scr, y, ui.row);
}

static enum tui_attr ui_attr(int y, int x)
{
	return (enum tui_attr)ui.scr.cell[y * ui.scr.cols + x].attr;
}

/* The row of the screen that contains @text, or -1. */
static int ui_find(const char *text)
{
	int y;

	for (y = 0; y < ui.scr.rows; y++)
		if (strstr(ui_row(y), text))
			return y;
	return -1;
}

static void ui_expect(const char *const *rows, int n)
{
	int y;

	for (y = 0; y < n; y++)
		ck_assert_msg(!strcmp(ui_row(y), rows[y]),
			      "row %d:\n  got  '%s'\n  want '%s'", y, ui.row,
			      rows[y]);
}

START_TEST(test_devlist_80x24)
{
	static const char *const want[24] = {
		" wdtui | Devices | no device open | dump file, no agent",
		" Address      IDs       Class                Driver       Device",
		" 0000:00:00.0 8086:29c0 Host bridge          ?            82G33/G31/P35/P31 Expr",
		" 0000:00:01.0 1234:1111 VGA compatible contr ?            Device 1111",
		" 0000:00:02.0 8086:10d3 Ethernet controller  ?            82574L Gigabit Network",
		" 0000:00:03.0 1234:11e8 Unclassified device  ?            Device 11e8",
		" 0000:00:04.0 1b36:0005 Unclassified device  ?            QEMU PCI Test Device",
		" 0000:00:05.0 1af4:1009 Unclassified device  ?            Virtio filesystem",
		" 0000:00:06.0 1af4:1009 Unclassified device  ?            Virtio filesystem",
		" 0000:00:07.0 1b36:000c PCI bridge           ?            QEMU PCIe Root port",
		" 0000:00:1f.0 8086:2918 ISA bridge           ?            82801IB (ICH9) LPC Int",
		" 0000:00:1f.2 8086:2922 SATA controller      ?            82801IR/IO/IH (ICH9R/D",
		" 0000:00:1f.3 8086:2930 SMBus                ?            82801I (ICH9 Family) S",
		"",
		"",
		"",
		" 0000:00:00.0  Intel Corporation",
		" 82G33/G31/P35/P31 Express DRAM Controller",
		" class 0x060000 Host bridge  rev 0x00  subsystem 1af4:1100",
		" IRQ 0 (no pin)   driver ?",
		" no BARs",
		" From a dump file: c shows its config space; nothing can be opened.",
		"Enter Open  / Search  f Filter  r Rescan  F1 Help  : Cmd  F10 Quit",
		"11 PCI devices. Enter opens one, F1 or ? shows every key, q quits.",
	};

	ui_expect(want, 24);
	ck_assert_int_eq(ui_attr(0, 0), TUI_A_TITLE);
	ck_assert_int_eq(ui_attr(1, 5), TUI_A_HEADER);
	ck_assert_int_eq(ui_attr(2, 5), TUI_A_SELECTED);
	ck_assert_int_eq(ui_attr(2, 79), TUI_A_SELECTED);
	ck_assert_int_eq(ui_attr(3, 5), TUI_A_NORMAL);
	ck_assert_int_eq(ui_attr(22, 0), TUI_A_KEY);
	ck_assert_int_eq(ui_attr(22, 6), TUI_A_HINT);
}
END_TEST

START_TEST(test_devlist_move_search_filter)
{
	ui_key(TUI_KEY_DOWN);
	ui_key(TUI_KEY_DOWN);
	ck_assert_int_eq(ui_attr(4, 5), TUI_A_SELECTED);
	ck_assert_int_eq(ui_attr(2, 5), TUI_A_NORMAL);
	ck_assert_str_eq(ui_row(16), " 0000:00:02.0  Intel Corporation");
	ui_key(TUI_KEY_END);
	ck_assert_int_eq(ui_attr(12, 5), TUI_A_SELECTED);
	ui_key(TUI_KEY_HOME);
	ck_assert_int_eq(ui_attr(2, 5), TUI_A_SELECTED);

	ui_type("/11e8\n");
	ck_assert_int_eq(ui_attr(5, 5), TUI_A_SELECTED);
	ck_assert_str_eq(ui_row(23), "Found '11e8' (n: next).");
	ck_assert_str_eq(ui_row(16), " 0000:00:03.0  Vendor 1234");
	ck_assert_str_eq(ui_row(17), " Device 11e8");
	ck_assert_str_eq(ui_row(19), " IRQ 11 pin INTA  driver ?");
	ck_assert_str_eq(ui_row(20), " BAR0 mem32 0xfea00000 size ?");
	ui_type("/virtio\n");
	ck_assert_int_eq(ui_attr(7, 5), TUI_A_SELECTED);
	ui_key('n');
	ck_assert_int_eq(ui_attr(8, 5), TUI_A_SELECTED);
	ui_key('n');	/* wraps */
	ck_assert_int_eq(ui_attr(7, 5), TUI_A_SELECTED);
	ui_type("/nothing-like-it\n");
	ck_assert_str_eq(ui_row(23), "'nothing-like-it' not found.");
	ck_assert_int_eq(ui_attr(23, 0), TUI_A_ERROR);

	/* The filter keeps the selection on the same device. */
	ui_type("fVIRTIO\n");
	ck_assert_str_eq(ui_row(1), " 2 of 11 devices match 'VIRTIO' (f: change "
			 "the filter)");
	ck_assert_str_eq(ui_row(2), " 0000:00:05.0 1af4:1009 Unclassified device  "
			 "?            Virtio filesystem");
	ck_assert_str_eq(ui_row(4), "");
	ck_assert_int_eq(ui_attr(2, 5), TUI_A_SELECTED);
	ck_assert_str_eq(ui_row(23), "2 of 11 devices shown.");
	ui_type("f");
	ck_assert_str_eq(ui_row(23), "Filter: VIRTIO");
	ck_assert(ui.scr.show_cursor);
	ck_assert_int_eq(ui.scr.cur_x, 14);
	ui_key(TUI_KEY_CTRL('u'));
	ui_key(TUI_KEY_ENTER);
	ck_assert_str_eq(ui_row(23), "11 of 11 devices shown.");
	ck_assert_int_eq(ui_attr(7, 5), TUI_A_SELECTED);
	ui_type("fno-such\n");
	ck_assert_str_eq(ui_row(2), " No device matches the filter (f, then Enter "
			 "on an empty line, shows all).");
}
END_TEST

START_TEST(test_open_refused_from_dump)
{
	ui_key(TUI_KEY_ENTER);
	/* The status line is cut at the screen's width. */
	ck_assert_str_eq(ui_row(23), "open: the device list comes from a dump file "
			 "(--pci-dump): there is no device to");
	ck_assert_str_eq(ui.app.status, "open: the device list comes from a dump "
			 "file (--pci-dump): there is no device to open");
	ck_assert_int_eq(ui_attr(23, 0), TUI_A_ERROR);
	ck_assert_str_eq(ui_row(0), " wdtui | Devices | no device open | dump file, "
			 "no agent");
	/* The device and BAR screens say what is missing. */
	ui_key('v');
	ck_assert_str_eq(ui_row(2), "  No device is open.");
	ui_key('b');
	ck_assert_int_eq(ui_find("No device is open: pick one in the device list "
				 "(d) and press Enter."), 3);
	ui_key(TUI_KEY_ESC);
	ui_key(TUI_KEY_ESC);
	ck_assert_str_eq(ui_row(0), " wdtui | Devices | no device open | dump file, "
			 "no agent");
	ui_key(TUI_KEY_ESC);
	ck_assert_str_eq(ui_row(23), "This is the first screen: q or F10 quits.");
}
END_TEST

START_TEST(test_config_view)
{
	ui_type("/11e8\n");
	ui_key('c');
	ck_assert_str_eq(ui_row(0), " wdtui | Config space | no device open | dump "
			 "file, no agent");
	ck_assert_str_eq(ui_row(1), " 0000:00:03.0  256 bytes  read-only (sysfs)  "
			 "decoded");
	ck_assert_str_eq(ui_row(2), " Header type 0 (device)");
	ck_assert_str_eq(ui_row(3), "  000 VENDOR_ID            16  1234");
	ck_assert_int_eq(ui_attr(3, 10), TUI_A_SELECTED);
	ck_assert_str_eq(ui_row(5), "  004 COMMAND              16  0103      "
			 "I/O Mem SERR");
	ck_assert_str_eq(ui_row(14), "  010 BASE_ADDRESS_0       32  fea00000  "
			 "mem32 at 0xfea00000");

	/* Go to a capability register by name; the list scrolls to it. */
	ui_type("gMSI_FLAGS\n");
	ck_assert_int_eq(ui_find("  042 MSI_FLAGS            16  0080      "
				 "disabled, 1/1 vectors, 64-bit"), 20);
	ck_assert_int_eq(ui_attr(20, 10), TUI_A_SELECTED);
	ck_assert_int_eq(ui_find(" [40] MSI (ID 0x05)"), 19);
	ck_assert_int_eq(ui_find("000 VENDOR_ID"), -1);
	ui_type("gNOPE\n");
	ck_assert_str_eq(ui_row(23), "unknown register name 'NOPE'");
	/* Headings are stepped over: End is the last register, Up from the
	 * capability's first register goes to the header's last one. */
	ui_key(TUI_KEY_END);
	ck_assert_int_eq(ui_attr(ui_find("  04c MSI_DATA"), 10), TUI_A_SELECTED);
	ui_key(TUI_KEY_UP);
	ui_key(TUI_KEY_UP);
	ui_key(TUI_KEY_UP);
	ck_assert_int_eq(ui_attr(ui_find("  042 MSI_FLAGS"), 10), TUI_A_SELECTED);
	ui_key(TUI_KEY_UP);
	ck_assert_int_eq(ui_attr(ui_find("  03f MAX_LAT"), 10), TUI_A_SELECTED);
	ui_key(TUI_KEY_DOWN);
	ck_assert_int_eq(ui_attr(ui_find("  042 MSI_FLAGS"), 10), TUI_A_SELECTED);
	ui_key(TUI_KEY_HOME);
	ck_assert_int_eq(ui_attr(ui_find("  000 VENDOR_ID"), 10), TUI_A_SELECTED);
	ui_key(TUI_KEY_UP);
	ck_assert_int_eq(ui_attr(ui_find("  000 VENDOR_ID"), 10), TUI_A_SELECTED);
	ui_type("gMSI_FLAGS\n");
	/* Writing needs the open device. */
	ui_key('e');
	ck_assert_str_eq(ui.app.status, "Read-only: configuration writes go "
			 "through the agent; open the device first (Enter in the "
			 "device list).");
	ck_assert_int_eq(ui_attr(23, 0), TUI_A_ERROR);

	ui_key(TUI_KEY_TAB);
	ck_assert_str_eq(ui_row(1), " 0000:00:03.0  256 bytes  read-only (sysfs)  hex");
	ck_assert_int_eq(ui_find(" 040: 00800005 00000000 00000000 00000000  "
				 "|................|"), 6);
	ck_assert_str_eq(ui_row(21), " 0x040 = 0x00800005 (32 bits)");
	ui_key('g');
	ui_type("0x4\n");
	ui_key('w');
	ui_key('w');
	ck_assert_int_eq(ui_find(" 000: 1234 11e8 0103 0010 0010 00ff 0000 0000  "
				 "|4...............|"), 2);
	ck_assert_str_eq(ui_row(21), " 0x004 = 0x0103 (16 bits)  COMMAND");
	ck_assert_int_eq(ui_attr(2, 16), TUI_A_CURSOR);
	ui_key(TUI_KEY_RIGHT);
	ck_assert_str_eq(ui_row(21), " 0x006 = 0x0010 (16 bits)  STATUS");
	/* 32 bits: the cursor aligns down; the register starting there. */
	ui_key('w');
	ck_assert_str_eq(ui_row(21), " 0x004 = 0x00100103 (32 bits)  COMMAND");
}
END_TEST

START_TEST(test_help_screen)
{
	char first[80];
	int y;

	ui_key(TUI_KEY_F(1));
	snprintf(first, sizeof(first), " wdtui %s: PCI diagnostics through the "
		 "wdkit kernel agent", WDKIT_VERSION);
	ck_assert_str_eq(ui_row(0), " wdtui | Help | no device open | dump file, "
			 "no agent");
	ck_assert_str_eq(ui_row(1), first);
	ck_assert_str_eq(ui_row(3), " Everywhere");
	ck_assert_int_eq(ui_attr(3, 1), TUI_A_HEADER);
	ck_assert_str_eq(ui_row(4), "   F1, ?            Help: this screen, "
			 "generated from the key table");
	ck_assert_str_eq(ui_row(9), "   F2, d            Device list");
	ck_assert_str_eq(ui_row(10), "   F3, v            Device view of the open "
			 "device: BARs, interrupts, plugin");
	ck_assert_str_eq(ui_row(13), "   F6, i            Interrupts of the open "
			 "device");
	ui_type("/cfg read\n");
	y = ui_find("   cfg read REG|OFFSET [WIDTH] [dev=DEV]");
	ck_assert_int_ge(y, 1);
	ck_assert_int_eq(ui_attr(y, 0), TUI_A_SELECTED);
	ck_assert_str_eq(ui_row(y + 1), "                                  Read a "
			 "config register, by name or offset");
	ui_key(TUI_KEY_ESC);
	ck_assert_str_eq(ui_row(0), " wdtui | Devices | no device open | dump file, "
			 "no agent");
}
END_TEST

START_TEST(test_command_line)
{
	ui_key(':');
	ck_assert_str_eq(ui_row(23), ":");
	ck_assert(ui.scr.show_cursor);
	ck_assert_int_eq(ui.scr.cur_y, 23);
	ck_assert_int_eq(ui.scr.cur_x, 1);
	/* q is text on the command line, not quit. */
	ui_type("q");
	ck_assert(!ui.app.quit);
	ck_assert_str_eq(ui_row(23), ":q");
	ui_key(TUI_KEY_BACKSPACE);
	ui_type("he");
	ui_key(TUI_KEY_TAB);
	ck_assert_str_eq(ui.app.prompt.buf, "help ");
	ck_assert_int_eq(ui.scr.cur_x, 6);
	ui_type("read\n");
	ck_assert_str_eq(ui_row(0), " wdtui | Help | no device open | dump file, "
			 "no agent");
	ck_assert_str_eq(ui.app.status, "help cmd=read usage=\"read BAR OFFSET "
			 "[WIDTH]\" summary=\"Read a BAR register (default 32 "
			 "bits)\"");
	ck_assert_str_eq(ui_row(23), "help cmd=read usage=\"read BAR OFFSET "
			 "[WIDTH]\" summary=\"Read a BAR register (defa");
	ck_assert_int_eq(ui_attr(23, 0), TUI_A_NORMAL);
	ui_type(":frob 1\n");
	ck_assert_str_eq(ui_row(23), "frob: unknown command 'frob' (help lists "
			 "them)");
	ck_assert_int_eq(ui_attr(23, 0), TUI_A_ERROR);
	/* History: Up brings back the previous lines. */
	ui_key(':');
	ui_key(TUI_KEY_UP);
	ck_assert_str_eq(ui_row(23), ":frob 1");
	ui_key(TUI_KEY_UP);
	ck_assert_str_eq(ui_row(23), ":help read");
	ui_key(TUI_KEY_DOWN);
	ui_key(TUI_KEY_DOWN);
	ck_assert_str_eq(ui_row(23), ":");
	ui_key(TUI_KEY_ESC);
	ck_assert_str_eq(ui_row(23), "Cancelled.");
	/* A command that shows another device's configuration space. */
	ui_type(":cfg read STATUS dev=00:02.0\n");
	ck_assert_str_eq(ui_row(0), " wdtui | Config space | no device open | dump "
			 "file, no agent");
	ck_assert_str_eq(ui_row(1), " 0000:00:02.0  4096 bytes  read-only (sysfs)  "
			 "decoded");
	ck_assert_int_eq(ui_attr(ui_find("  006 STATUS"), 10), TUI_A_SELECTED);
	ui_type(":quit\n");
	ck_assert(ui.app.quit);
}
END_TEST

START_TEST(test_features_and_keys)
{
	/* The feature screens: without a device, and without an agent. */
	ui_key('i');
	ck_assert_int_eq(ui_find(" wdtui | Interrupts | no device open"), 0);
	ck_assert_int_eq(ui_find("  No device is open."), 2);
	ck_assert_int_ge(ui_find("e Enable  p KP  t Trigger  x Disable"), 20);
	ui_key('t');
	ck_assert_int_eq(ui_attr(23, 0), TUI_A_ERROR);
	ck_assert_int_ge(ui_find("int.trigger: no device is open"), 23);
	ui_key('p');
	ck_assert_str_eq(ui_row(23), "The next enable goes through the Kernel "
			 "PlugIn (kp=1).");
	ui_key('k');
	ck_assert_int_eq(ui_find(" wdtui | Kernel PlugIn | no device open"), 0);
	ck_assert_int_ge(ui_find("Loaded:  ?"), 1);
	ui_key('m');
	ck_assert_int_eq(ui_find(" wdtui | Debug Monitor | no device open"), 0);
	ck_assert_int_eq(ui_attr(23, 0), TUI_A_ERROR);
	ui_key(TUI_KEY_ESC);
	ck_assert_int_eq(ui_find(" wdtui | Kernel PlugIn |"), 0);
	ui_key('Z');
	ck_assert_str_eq(ui_row(23), "Key Z does nothing here: F1 or ? lists the "
			 "keys.");
	ck_assert(!ui.app.quit);
	ui_key(TUI_KEY_F(10));
	ck_assert(ui.app.quit);
}
END_TEST

START_TEST(test_resize)
{
	ui_resize(30, 100);
	ck_assert_str_eq(ui_row(28), "Enter Open  / Search  f Filter  r Rescan  "
			 "F1 Help  : Cmd  F10 Quit");
	ck_assert_str_eq(ui_row(29), "11 PCI devices. Enter opens one, F1 or ? "
			 "shows every key, q quits.");
	/* Wider: more of the device name. */
	ck_assert_str_eq(ui_row(11), " 0000:00:1f.2 8086:2922 SATA controller      "
			 "?            82801IR/IO/IH (ICH9R/DO/DH) 6 port SATA Co");
	ck_assert_str_eq(ui_row(22), " 0000:00:00.0  Intel Corporation");
	ui_resize(6, 30);
	ck_assert_str_eq(ui_row(0), "wdtui: terminal too small");
	ck_assert_str_eq(ui_row(1), "30x6, needs 40x8");
	/* Keys still work, and the screen comes back at a usable size. */
	ui_key(TUI_KEY_DOWN);
	ui_resize(10, 40);
	ck_assert_str_eq(ui_row(0), " wdtui | Devices | no device open | dump");
	ck_assert_str_eq(ui_row(8), "Enter Open  / Search  f Filter");
	ck_assert_int_eq(ui_attr(3, 5), TUI_A_SELECTED);
	ui_resize(24, 80);
	ck_assert_str_eq(ui_row(22), "Enter Open  / Search  f Filter  r Rescan  "
			 "F1 Help  : Cmd  F10 Quit");
	ck_assert_int_eq(ui_attr(3, 5), TUI_A_SELECTED);
}
END_TEST

static Suite *screen_suite(void)
{
	Suite *s = suite_create("tui_screen");
	TCase *tc = tcase_create("headless");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_devlist_80x24);
	tcase_add_test(tc, test_devlist_move_search_filter);
	tcase_add_test(tc, test_open_refused_from_dump);
	tcase_add_test(tc, test_config_view);
	tcase_add_test(tc, test_help_screen);
	tcase_add_test(tc, test_command_line);
	tcase_add_test(tc, test_features_and_keys);
	tcase_add_test(tc, test_resize);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(screen_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

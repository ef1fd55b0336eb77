// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check_intr.c - host tests of the interrupt API without an agent: type
 * names, options, the translation of interrupt transfer commands
 * (including CMD_MASK and CMD_WRITE_LAST_READ) and of the agent's wait
 * results, and the argument validation of every interrupt function.
 *
 * The device has no agent file (fd -1): a request that passes the
 * library's validation reaches ioctl(), fails with EBADF and comes back as
 * WD_INVALID_HANDLE, while one the library refuses has its own status.
 */
#include "wdc_internal.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#define BAR0_LEN (1u << 20)

static struct wdc_driver *drv;
static struct wdc_device *dev;
static WDC_ADDR_DESC bars[WDC_PCI_NUM_BARS];

/* BAR0 1 MiB memory, BAR1 256 bytes of I/O ports; MSI and INTx, no MSI-X. */
static void fill_info(struct kag_dev_info *ki)
{
	memset(ki, 0, sizeof(*ki));
	ki->argsz = sizeof(*ki);
	ki->handle = 7;
	ki->dev = 3;
	ki->vendor_id = 0x1234;
	ki->device_id = 0x11e8;
	ki->irq_pin = 1;
	ki->irq_line = 11;
	ki->msi_vectors = 1;
	ki->cfg_size = 256;
	ki->flags = KAG_DEV_MSI;
	ki->bar[0].start = 0xfea00000;
	ki->bar[0].length = BAR0_LEN;
	ki->bar[0].flags = KAG_BAR_MEM;
	ki->bar[1].start = 0xc000;
	ki->bar[1].length = 256;
	ki->bar[1].flags = KAG_BAR_IO;
}

static void setup(void)
{
	struct kag_dev_info ki;

	drv = wdc_driver_new(-1);
	ck_assert_ptr_nonnull(drv);
	fill_info(&ki);
	dev = wdc_device_new(drv, &ki, NULL);
	ck_assert_ptr_nonnull(dev);
	memcpy(bars, dev->info.addrDesc, sizeof(bars));
}

static void teardown(void)
{
	ck_assert_uint_eq(WDC_DriverClose(drv), WD_STATUS_SUCCESS);
}

static void expect_err(const char *part)
{
	const char *e = WDC_GetLastErrStr(drv);

	ck_assert_msg(strstr(e, part), "last error '%s' lacks '%s'", e, part);
}

static WDC_TRANSFER cmd(uint32_t c, uint32_t bar, uint64_t off)
{
	WDC_TRANSFER t;

	memset(&t, 0, sizeof(t));
	t.cmdTrans = c;
	t.dwAddrSpace = bar;
	t.dwOffset = off;
	return t;
}

/* ------------------------------------------------------------------------
 * Names, options, types
 * ------------------------------------------------------------------------ */

START_TEST(test_type_strings)
{
	static const uint32_t types[] = { INTERRUPT_MESSAGE_X,
					  INTERRUPT_MESSAGE,
					  INTERRUPT_LEVEL_SENSITIVE,
					  INTERRUPT_LATCHED };
	unsigned int i, j;

	ck_assert_str_eq(WDC_IntType2Str(INTERRUPT_MESSAGE_X),
			 "MSI-X (Extended Message-Signaled Interrupt)");
	ck_assert_str_eq(WDC_IntType2Str(INTERRUPT_MESSAGE),
			 "MSI (Message-Signaled Interrupt)");
	ck_assert_str_eq(WDC_IntType2Str(INTERRUPT_LEVEL_SENSITIVE),
			 "INTx (Level-Sensitive Interrupt)");
	ck_assert_str_eq(WDC_IntType2Str(INTERRUPT_LATCHED),
			 "Edge-Triggered Interrupt");
	ck_assert_str_eq(WDC_IntType2Str(INTERRUPT_CMD_COPY), "Unknown");
	ck_assert_str_eq(WDC_IntType2Str(INTERRUPT_MESSAGE |
					 INTERRUPT_MESSAGE_X),
			 "Unknown");
	ck_assert_str_eq(WDC_IntType2Str(UINT32_MAX), "Unknown");
	for (i = 0; i < 4; i++)
		for (j = i + 1; j < 4; j++)
			ck_assert_str_ne(WDC_IntType2Str(types[i]),
					 WDC_IntType2Str(types[j]));
}
END_TEST

START_TEST(test_winDriver_values)
{
	ck_assert_uint_eq(INTERRUPT_LATCHED, 0x00);
	ck_assert_uint_eq(INTERRUPT_LEVEL_SENSITIVE, 0x01);
	ck_assert_uint_eq(INTERRUPT_CMD_COPY, 0x02);
	ck_assert_uint_eq(INTERRUPT_MESSAGE, 0x10);
	ck_assert_uint_eq(INTERRUPT_MESSAGE_X, 0x20);
	ck_assert_uint_eq(INTERRUPT_DONT_GET_MSI_MESSAGE, 0x40);
	ck_assert_uint_eq(CMD_MASK, 2);
	ck_assert_uint_eq(INTERRUPT_RECEIVED, 0);
	ck_assert_uint_eq(INTERRUPT_STOPPED, 1);
	ck_assert_uint_eq(INTERRUPT_INTERRUPTED, 2);
	ck_assert(WDC_INT_IS_MSI(INTERRUPT_MESSAGE));
	ck_assert(WDC_INT_IS_MSI(INTERRUPT_MESSAGE_X));
	ck_assert(!WDC_INT_IS_MSI(INTERRUPT_LEVEL_SENSITIVE));
	ck_assert(!WDC_INT_IS_MSI(0));
}
END_TEST

START_TEST(test_options)
{
	ck_assert(wdc_int_options_valid(0));
	ck_assert(wdc_int_options_valid(INTERRUPT_LEVEL_SENSITIVE |
					INTERRUPT_CMD_COPY | INTERRUPT_MESSAGE |
					INTERRUPT_MESSAGE_X |
					INTERRUPT_DONT_GET_MSI_MESSAGE));
	ck_assert(!wdc_int_options_valid(0x04));	/* CE_INT_ID */
	ck_assert(!wdc_int_options_valid(0x08));	/* CMD_RETURN_VALUE */
	ck_assert(!wdc_int_options_valid(0x80));
	ck_assert(!wdc_int_options_valid(0x80000000u));

	ck_assert_uint_eq(wdc_int_types_from_options(0), KAG_INT_ALL);
	ck_assert_uint_eq(wdc_int_types_from_options(INTERRUPT_CMD_COPY),
			  KAG_INT_ALL);
	ck_assert_uint_eq(wdc_int_types_from_options(INTERRUPT_MESSAGE_X),
			  KAG_INT_MSIX);
	ck_assert_uint_eq(wdc_int_types_from_options(INTERRUPT_MESSAGE),
			  KAG_INT_MSI);
	ck_assert_uint_eq(wdc_int_types_from_options(INTERRUPT_LEVEL_SENSITIVE |
						     INTERRUPT_CMD_COPY),
			  KAG_INT_INTX);
	ck_assert_uint_eq(wdc_int_types_from_options(INTERRUPT_MESSAGE |
						     INTERRUPT_LEVEL_SENSITIVE),
			  KAG_INT_MSI | KAG_INT_INTX);

	ck_assert_uint_eq(wdc_int_type_from_kag(KAG_INT_MSIX),
			  INTERRUPT_MESSAGE_X);
	ck_assert_uint_eq(wdc_int_type_from_kag(KAG_INT_MSI),
			  INTERRUPT_MESSAGE);
	ck_assert_uint_eq(wdc_int_type_from_kag(KAG_INT_INTX),
			  INTERRUPT_LEVEL_SENSITIVE);
	ck_assert_uint_eq(wdc_int_type_from_kag(0), 0);
	ck_assert_uint_eq(wdc_int_type_from_kag(KAG_INT_ALL), 0);
}
END_TEST

/* ------------------------------------------------------------------------
 * Transfer commands
 * ------------------------------------------------------------------------ */

START_TEST(test_cmds_read_write)
{
	WDC_TRANSFER t[3];
	struct kag_transfer k[3];
	uint32_t bad = 99;

	t[0] = cmd(RM_DWORD, 0, 0x24);
	t[1] = cmd(WM_DWORD, 0, 0x64);
	t[1].Data.Dword = 0xdeadbeef;
	t[2] = cmd(RP_BYTE, 1, 0x7);
	ck_assert_ptr_null(wdc_int_cmds_encode(t, 3, bars, k, &bad));
	ck_assert_uint_eq(k[0].cmd, KAG_TRANS_READ);
	ck_assert_uint_eq(k[0].bar, 0);
	ck_assert_uint_eq(k[0].width, 4);
	ck_assert_uint_eq(k[0].offset, 0x24);
	ck_assert_uint_eq(k[0].flags, 0);
	ck_assert_uint_eq(k[1].cmd, KAG_TRANS_WRITE);
	ck_assert_uint_eq(k[1].value, 0xdeadbeef);
	ck_assert_uint_eq(k[1].flags, 0);
	ck_assert_uint_eq(k[2].cmd, KAG_TRANS_READ);
	ck_assert_uint_eq(k[2].bar, 1);
	ck_assert_uint_eq(k[2].width, 1);
	/* No commands is fine (and needs no array). */
	ck_assert_ptr_null(wdc_int_cmds_encode(NULL, 0, bars, k, &bad));
}
END_TEST

START_TEST(test_cmds_mask)
{
	static const uint32_t reads[] = { RM_BYTE, RM_WORD, RM_DWORD,
					  RM_QWORD };
	WDC_TRANSFER t[2];
	struct kag_transfer k[2];
	uint32_t bad, i;

	for (i = 0; i < 4; i++) {
		uint32_t width = 1u << i;

		t[0] = cmd(reads[i], 0, 0x40);
		t[1] = cmd(CMD_MASK, 5, 0x1234); /* BAR, offset ignored */
		/* The member of the read's width holds the mask. */
		switch (width) {
		case 1:
			t[1].Data.Byte = 0x81;
			break;
		case 2:
			t[1].Data.Word = 0x8001;
			break;
		case 4:
			t[1].Data.Dword = 0x80000001u;
			break;
		default:
			t[1].Data.Qword = 0x8000000000000001ull;
			break;
		}
		ck_assert_ptr_null(wdc_int_cmds_encode(t, 2, bars, k, &bad));
		ck_assert_uint_eq(k[1].cmd, KAG_TRANS_MASK);
		ck_assert_uint_eq(k[1].value,
				  width == 1 ? 0x81u :
				  width == 2 ? 0x8001u :
				  width == 4 ? 0x80000001u :
					       0x8000000000000001ull);
		ck_assert_uint_eq(k[1].bar, 0);
		ck_assert_uint_eq(k[1].offset, 0);
		ck_assert_uint_eq(k[1].flags, 0);
	}

	/* A byte read takes only the byte member of the mask. */
	t[0] = cmd(RM_BYTE, 0, 0x40);
	t[1] = cmd(CMD_MASK, 0, 0);
	t[1].Data.Qword = 0x100;
	ck_assert_str_eq(wdc_int_cmds_encode(t, 2, bars, k, &bad),
			 "a zero CMD_MASK never matches: every interrupt would be passed on");
	ck_assert_uint_eq(bad, 1);

	/* Nothing read yet. */
	t[0] = cmd(CMD_MASK, 0, 0);
	t[0].Data.Dword = 1;
	ck_assert_ptr_nonnull(wdc_int_cmds_encode(t, 1, bars, k, &bad));
	ck_assert_uint_eq(bad, 0);
	t[0] = cmd(WM_DWORD, 0, 0x64);
	t[1] = cmd(CMD_MASK, 0, 0);
	t[1].Data.Dword = 1;
	ck_assert_str_eq(wdc_int_cmds_encode(t, 2, bars, k, &bad),
			 "CMD_MASK needs a read command before it");
	ck_assert_uint_eq(bad, 1);
}
END_TEST

START_TEST(test_cmds_write_last_read)
{
	WDC_TRANSFER t[3];
	struct kag_transfer k[3];
	uint32_t bad;

	t[0] = cmd(RM_WORD, 0, 0x10);
	t[1] = cmd(CMD_WRITE_LAST_READ, 0, 0x12);
	t[1].Data.Word = 0x5555;	/* ignored */
	ck_assert_ptr_null(wdc_int_cmds_encode(t, 2, bars, k, &bad));
	ck_assert_uint_eq(k[1].cmd, KAG_TRANS_WRITE);
	ck_assert_uint_eq(k[1].flags, KAG_TRANS_LAST_VALUE);
	ck_assert_uint_eq(k[1].width, 2);	/* the read's width */
	ck_assert_uint_eq(k[1].bar, 0);
	ck_assert_uint_eq(k[1].offset, 0x12);
	ck_assert_uint_eq(k[1].value, 0);

	/* To an I/O BAR after a memory read: the kind follows the BAR. */
	t[0] = cmd(RM_DWORD, 0, 0x24);
	t[1] = cmd(CMD_WRITE_LAST_READ, 1, 0x4);
	ck_assert_ptr_null(wdc_int_cmds_encode(t, 2, bars, k, &bad));
	ck_assert_uint_eq(k[1].bar, 1);
	ck_assert_uint_eq(k[1].width, 4);

	/* The latest read decides the width. */
	t[0] = cmd(RM_QWORD, 0, 0x80);
	t[1] = cmd(RP_BYTE, 1, 0x3);
	t[2] = cmd(CMD_WRITE_LAST_READ, 0, 0x5);
	ck_assert_ptr_null(wdc_int_cmds_encode(t, 3, bars, k, &bad));
	ck_assert_uint_eq(k[2].width, 1);

	/* Refusals. */
	t[0] = cmd(CMD_WRITE_LAST_READ, 0, 0x64);
	ck_assert_str_eq(wdc_int_cmds_encode(t, 1, bars, k, &bad),
			 "CMD_WRITE_LAST_READ needs a read command before it");
	ck_assert_uint_eq(bad, 0);
	t[0] = cmd(RM_QWORD, 0, 0x80);
	t[1] = cmd(CMD_WRITE_LAST_READ, 1, 0x8);
	ck_assert_str_eq(wdc_int_cmds_encode(t, 2, bars, k, &bad),
			 "I/O-port BARs take no 64-bit accesses");
	ck_assert_uint_eq(bad, 1);
	t[0] = cmd(RM_DWORD, 0, 0x24);
	t[1] = cmd(CMD_WRITE_LAST_READ, 0, BAR0_LEN);
	ck_assert_str_eq(wdc_int_cmds_encode(t, 2, bars, k, &bad),
			 "the access is outside the BAR");
	t[1] = cmd(CMD_WRITE_LAST_READ, 0, 0x66);
	ck_assert_str_eq(wdc_int_cmds_encode(t, 2, bars, k, &bad),
			 "the offset is not aligned to the access width");
	t[1] = cmd(CMD_WRITE_LAST_READ, 2, 0);
	ck_assert_str_eq(wdc_int_cmds_encode(t, 2, bars, k, &bad),
			 "the device does not implement this BAR");
}
END_TEST

START_TEST(test_cmds_invalid)
{
	WDC_TRANSFER t[3];
	struct kag_transfer k[3];
	uint32_t bad;

	t[0] = cmd(RM_DWORD, 0, 0x24);
	t[1] = cmd(0, 0, 0);	/* WinDriver's CMD_NONE */
	ck_assert_str_eq(wdc_int_cmds_encode(t, 2, bars, k, &bad),
			 "unknown transfer command");
	ck_assert_uint_eq(bad, 1);
	t[1] = cmd(1, 0, 0);	/* CMD_END */
	ck_assert_ptr_nonnull(wdc_int_cmds_encode(t, 2, bars, k, &bad));
	t[0] = cmd(RM_DWORD, 1, 0);	/* memory command, I/O BAR */
	ck_assert_str_eq(wdc_int_cmds_encode(t, 1, bars, k, &bad),
			 "a memory command (xM_*) on an I/O-port BAR");
	t[0] = cmd(RP_QWORD, 1, 0);
	ck_assert_ptr_nonnull(wdc_int_cmds_encode(t, 1, bars, k, &bad));
	t[0] = cmd(RM_DWORD, 0, 0x24);
	t[1] = cmd(WM_DWORD, 6, 0);
	t[2] = cmd(WM_DWORD, 0, 0);
	ck_assert_str_eq(wdc_int_cmds_encode(t, 3, bars, k, &bad),
			 "no such BAR (the index is 0..5)");
	ck_assert_uint_eq(bad, 1);
}
END_TEST

/* ------------------------------------------------------------------------
 * Wait results
 * ------------------------------------------------------------------------ */

START_TEST(test_result_translation)
{
	struct kag_int_wait w;
	WDC_INT_RESULT r;
	unsigned int i;

	memset(&w, 0, sizeof(w));
	w.count = 0x100000005ull;
	w.new_count = 3;
	w.vector = 4;
	w.type = KAG_INT_MSIX;
	w.t_irq_ns = 111;
	w.t_wake_ns = 222;
	w.num_copied = 2;
	w.copied[0] = 0xaa;
	w.copied[1] = 0xbb;
	w.copied[2] = 0xcc;
	memset(&r, 0x5a, sizeof(r));
	wdc_int_result_from_kag(&w, &r);
	ck_assert_uint_eq(r.qwCounter, 0x100000005ull);
	ck_assert_uint_eq(r.dwCounter, 5);
	ck_assert_uint_eq(r.dwNewCount, 3);
	ck_assert_uint_eq(r.dwLost, 2);
	ck_assert_uint_eq(r.fStopped, INTERRUPT_RECEIVED);
	ck_assert_uint_eq(r.dwEnabledIntType, INTERRUPT_MESSAGE_X);
	ck_assert_uint_eq(r.dwLastMessage, 4);
	ck_assert_uint_eq(r.qwIrqTimeNs, 111);
	ck_assert_uint_eq(r.qwWakeTimeNs, 222);
	ck_assert_uint_eq(r.dwNumCopied, 2);
	ck_assert_uint_eq(r.qwCopied[0], 0xaa);
	ck_assert_uint_eq(r.qwCopied[1], 0xbb);
	ck_assert_uint_eq(r.qwCopied[2], 0);	/* not valid: zeroed */

	/* Nothing new: no loss either. */
	w.new_count = 0;
	wdc_int_result_from_kag(&w, &r);
	ck_assert_uint_eq(r.dwLost, 0);

	/* Stopped: no type. */
	w.stopped = 1;
	w.type = 0;
	wdc_int_result_from_kag(&w, &r);
	ck_assert_uint_eq(r.fStopped, INTERRUPT_STOPPED);
	ck_assert_uint_eq(r.dwEnabledIntType, 0);

	/* An agent claiming more copies than exist is clamped. */
	w.stopped = 0;
	w.num_copied = 1000;
	for (i = 0; i < KAG_INT_MAX_COPY; i++)
		w.copied[i] = i + 1;
	wdc_int_result_from_kag(&w, &r);
	ck_assert_uint_eq(r.dwNumCopied, WDC_INT_MAX_COPY);
	ck_assert_uint_eq(r.qwCopied[WDC_INT_MAX_COPY - 1], WDC_INT_MAX_COPY);
}
END_TEST

/* ------------------------------------------------------------------------
 * Argument validation of the public functions
 * ------------------------------------------------------------------------ */

START_TEST(test_invalid_handles)
{
	WDC_DEVICE_HANDLE bogus = (WDC_DEVICE_HANDLE)drv;	/* wrong kind */
	WDC_INT_RESULT res;
	WDC_INT_INFO info;
	int fd = -1;

	ck_assert_uint_eq(WDC_IntEnable(NULL, NULL, 0, 0, NULL, NULL, false),
			  WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_IntEnable(bogus, NULL, 0, 0, NULL, NULL, false),
			  WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_IntDisable(NULL), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_IntDisable(bogus), WD_INVALID_HANDLE);
	ck_assert(!WDC_IntIsEnabled(NULL));
	ck_assert(!WDC_IntIsEnabled(bogus));
	ck_assert_uint_eq(WDC_GetEnabledIntType(NULL), 0);
	ck_assert_uint_eq(WDC_GET_ENABLED_INT_TYPE(bogus), 0);
	ck_assert_uint_eq(WDC_IntGetInfo(NULL, &info), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_IntWait(NULL, 1, &res), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_IntCount(bogus, &res), WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_IntGetEventFd(NULL, 0, &fd), WD_INVALID_HANDLE);
	ck_assert_int_eq(fd, -1);
	ck_assert_uint_eq(WDC_IntTrigger(NULL, 0), WD_INVALID_HANDLE);
}
END_TEST

START_TEST(test_enable_refusals)
{
	WDC_TRANSFER t[WDC_INT_MAX_CMDS + 1];
	unsigned int i;

	for (i = 0; i <= WDC_INT_MAX_CMDS; i++)
		t[i] = cmd(RM_DWORD, 0, 0x24);

	ck_assert_uint_eq(WDC_IntEnable(dev, NULL, 0, 0x04, NULL, NULL,
					false),
			  WD_INVALID_PARAMETER);
	expect_err("unknown options 0x4");
	ck_assert_uint_eq(WDC_IntEnable(dev, t, WDC_INT_MAX_CMDS + 1, 0, NULL,
					NULL, false),
			  WD_INVALID_PARAMETER);
	expect_err("65 transfer commands: at most 64");
	ck_assert_uint_eq(WDC_IntEnable(dev, NULL, 2, 0, NULL, NULL, false),
			  WD_INVALID_PARAMETER);
	expect_err("the array is NULL");
	t[2] = cmd(CMD_MASK, 0, 0);
	ck_assert_uint_eq(WDC_IntEnable(dev, t, 3, 0, NULL, NULL, false),
			  WD_INVALID_PARAMETER);
	expect_err("transfer command 2 of 3 (CMD_MASK");
	expect_err("never matches");
	t[2] = cmd(WM_DWORD, 0, BAR0_LEN);
	ck_assert_uint_eq(WDC_IntEnable(dev, t, 3, 0, NULL, NULL, false),
			  WD_INVALID_PARAMETER);
	expect_err("(WM_DWORD, BAR0 offset 0x100000): the access is outside the BAR");
	t[2] = cmd(RM_DWORD, 0, 0x24);

	/* The device has no MSI-X. */
	ck_assert_uint_eq(WDC_IntEnable(dev, NULL, 0, INTERRUPT_MESSAGE_X, NULL,
					NULL, false),
			  WD_FAILED_ENABLING_INTERRUPT);
	expect_err("the types asked for (MSI-X); it has: MSI, INTx");

	/* fUseKP needs a Kernel PlugIn open on the device. */
	ck_assert_uint_eq(WDC_IntEnable(dev, NULL, 0, 0, NULL, NULL, true),
			  WD_KERPLUG_FAILURE);
	expect_err("no Kernel PlugIn is open on this device");

	/* Valid: the agent decides (no agent here: EBADF). */
	ck_assert_uint_eq(WDC_IntEnable(dev, t, 3, INTERRUPT_CMD_COPY, NULL,
					NULL, false),
			  WD_INVALID_HANDLE);
	ck_assert_uint_eq(WDC_IntEnable(dev, NULL, 0,
					INTERRUPT_LEVEL_SENSITIVE |
						INTERRUPT_DONT_GET_MSI_MESSAGE,
					NULL, NULL, false),
			  WD_INVALID_HANDLE);
	ck_assert(!WDC_IntIsEnabled(dev));
}
END_TEST

START_TEST(test_not_enabled)
{
	WDC_INT_RESULT res;
	WDC_INT_INFO info;
	int fd = -1;

	ck_assert(!WDC_IntIsEnabled(dev));
	ck_assert_uint_eq(WDC_GetEnabledIntType(dev), 0);
	ck_assert_uint_eq(WDC_IntDisable(dev), WD_OPERATION_ALREADY_DONE);
	expect_err("interrupts are not enabled");
	ck_assert_uint_eq(WDC_IntWait(dev, 10, &res), WD_INTERRUPT_NOT_ENABLED);
	ck_assert_uint_eq(WDC_IntCount(dev, &res), WD_INTERRUPT_NOT_ENABLED);
	ck_assert_uint_eq(WDC_IntTrigger(dev, 0), WD_INTERRUPT_NOT_ENABLED);
	ck_assert_uint_eq(WDC_IntGetEventFd(dev, 0, &fd),
			  WD_INTERRUPT_NOT_ENABLED);
	ck_assert_int_eq(fd, -1);
	ck_assert_uint_eq(WDC_IntGetInfo(dev, &info), WD_INTERRUPT_NOT_ENABLED);

	/* NULL outputs come first. */
	ck_assert_uint_eq(WDC_IntWait(dev, 10, NULL), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_IntCount(dev, NULL), WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_IntGetEventFd(dev, 0, NULL),
			  WD_INVALID_PARAMETER);
	ck_assert_uint_eq(WDC_IntGetInfo(dev, NULL), WD_INVALID_PARAMETER);
}
END_TEST

START_TEST(test_limits_match_uapi)
{
	ck_assert_uint_eq(WDC_INT_MAX_CMDS, KAG_INT_MAX_CMDS);
	ck_assert_uint_eq(WDC_INT_MAX_COPY, KAG_INT_MAX_COPY);
	ck_assert_uint_eq(WDC_INT_MAX_VECTORS, KAG_INT_MAX_VECTORS);
	ck_assert_uint_eq(KAG_TRANS_LAST_VALUE, 1);
	ck_assert_uint_eq(KAG_TRANS_MASK, 3);
}
END_TEST

static Suite *intr_suite(void)
{
	Suite *s = suite_create("intr");
	TCase *tc;

	tc = tcase_create("translate");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_type_strings);
	tcase_add_test(tc, test_winDriver_values);
	tcase_add_test(tc, test_options);
	tcase_add_test(tc, test_cmds_read_write);
	tcase_add_test(tc, test_cmds_mask);
	tcase_add_test(tc, test_cmds_write_last_read);
	tcase_add_test(tc, test_cmds_invalid);
	tcase_add_test(tc, test_result_translation);
	tcase_add_test(tc, test_limits_match_uapi);
	suite_add_tcase(s, tc);

	tc = tcase_create("args");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_invalid_handles);
	tcase_add_test(tc, test_enable_refusals);
	tcase_add_test(tc, test_not_enabled);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(intr_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

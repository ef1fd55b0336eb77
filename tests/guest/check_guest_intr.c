// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check_guest_intr.c - VM tests of interrupts on QEMU's edu device: INTx
 * acknowledged by transfer commands or by masking, MSI, the factorial
 * completion interrupt, counters, lost interrupts, timestamps, eventfds
 * with poll and epoll, the loopback trigger, disabling under a waiter and
 * from the handler, kill -9 of a waiting process, and INTx shared with the
 * e1000 NIC.  After every test no kagent IRQ is left in /proc/interrupts.
 *
 * Runs in the main suite VM: -M pc with --nic, where the e1000 (00:03.0)
 * and edu share IRQ 11.  Devices are found by their IDs.
 */
#define _GNU_SOURCE 1

#include "intr_util.h"
#include "kp_pci.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <net/if.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/wait.h>

#define EDU_VID 0x1234
#define EDU_DID 0x11e8
#define EDU_LIVENESS 0x04
#define EDU_FACT 0x08
#define EDU_STATUS 0x20
#define EDU_STATUS_IRQFACT 0x80
#define EDU_IRQ_STATUS 0x24
#define EDU_IRQ_RAISE 0x60
#define EDU_IRQ_ACK 0x64
#define FACT_10 3628800u

#define E1000_VID 0x8086
#define E1000_DID 0x100e

#define PCI_CMD 0x04
#define PCI_CMD_MASTER 0x0004
#define PCI_CMD_INTX_DISABLE 0x0400

/* Sequential raises per counting test. */
#define N_RAISES 20

static WDC_DEVICE_HANDLE dev;
static WD_PCI_SLOT slot;
static char bdf[WDC_PCI_SLOT_STR_LEN];

/* Read 0x24, claim only if non-zero, write back exactly what was read. */
static const WDC_TRANSFER ack_cmds[] = {
	{ .cmdTrans = RM_DWORD, .dwAddrSpace = 0, .dwOffset = EDU_IRQ_STATUS },
	{ .cmdTrans = CMD_MASK, .Data.Dword = 0xffffffffu },
	{ .cmdTrans = CMD_WRITE_LAST_READ, .dwAddrSpace = 0,
	  .dwOffset = EDU_IRQ_ACK },
};
#define N_ACK_CMDS 3u

static void setup(void)
{
	open_driver();
	ck_assert_msg(find_slot(EDU_VID, EDU_DID, &slot),
		      "no edu in this VM: start QEMU with -device edu");
	slot_name(&slot, bdf, sizeof(bdf));
	dev = open_slot(&slot);
}

static void teardown(void)
{
	if (dev)
		ck_assert_ok(WDC_PciDeviceClose(dev));
	dev = NULL;
	ck_assert_uint_eq(WDC_DriverClose(drv), WD_STATUS_SUCCESS);
	ck_assert_msg(proc_interrupts_lines("kagent") == 0,
		      "a kagent IRQ is left in /proc/interrupts");
}

static uint32_t edu_r(uint32_t off)
{
	uint32_t v;

	ck_assert_ok(WDC_ReadAddr32(dev, 0, off, &v));
	return v;
}

static void edu_w(uint32_t off, uint32_t v)
{
	ck_assert_ok(WDC_WriteAddr32(dev, 0, off, v));
}

static uint16_t cfg_command(void)
{
	uint16_t v;

	ck_assert_ok(WDC_PciReadCfg16(dev, PCI_CMD, &v));
	return v;
}

/* Until the edu's interrupt status is 0 (all raises acknowledged). */
static void edu_wait_acked(void)
{
	double deadline = now() + WAIT_S;
	uint32_t st;

	while ((st = edu_r(EDU_IRQ_STATUS)) != 0) {
		ck_assert_msg(now() < deadline,
			      "edu interrupt status still 0x%x after %.0f s",
			      st, WAIT_S);
		pause_ms(1);
	}
}

/* Handler action: acknowledge the edu in user mode (no transfer commands). */
static void act_ack(struct rec *r, const WDC_INT_RESULT *res)
{
	uint32_t st = 0;
	uint16_t cmd = 0;
	WDC_STATUS s;

	(void)res;
	/* Masking mode: the agent masked INTx before calling us. */
	s = WDC_PciReadCfg16(r->dev, PCI_CMD, &cmd);
	if (!s)
		r->seen |= cmd & PCI_CMD_INTX_DISABLE ? 1u : 2u;
	if (!s)
		s = WDC_ReadAddr32(r->dev, 0, EDU_IRQ_STATUS, &st);
	if (!s)
		s = WDC_WriteAddr32(r->dev, 0, EDU_IRQ_ACK, st);
	if (s)
		r->action_status = s;
}

/* Handler action: acknowledge only from call number r->arg (0-based) on. */
static void act_ack_late(struct rec *r, const WDC_INT_RESULT *res)
{
	if (rec_calls(r) >= (unsigned int)r->arg)
		act_ack(r, res);
}

/* ------------------------------------------------------------------------
 * Enabling: types, options, bus mastering, refusals
 * ------------------------------------------------------------------------ */

START_TEST(test_enable_types)
{
	WDC_PCI_DEVICE_INFO info;
	WDC_INT_INFO ii;
	char name[64];

	ck_assert_ok(WDC_PciGetDeviceInfo(dev, &info));
	ck_assert(!WDC_IntIsEnabled(dev));
	ck_assert_uint_eq(WDC_GET_ENABLED_INT_TYPE(dev), 0);
	ck_assert_st(WDC_IntGetInfo(dev, &ii), WD_INTERRUPT_NOT_ENABLED);
	ck_assert_uint_eq(cfg_command() & PCI_CMD_MASTER, 0);

	/* Default order: edu has no MSI-X, so MSI; bus mastering on. */
	ck_assert_ok(WDC_IntEnable(dev, NULL, 0, 0, NULL, NULL, false));
	ck_assert(WDC_IntIsEnabled(dev));
	ck_assert_uint_eq(WDC_GET_ENABLED_INT_TYPE(dev), INTERRUPT_MESSAGE);
	ck_assert(WDC_INT_IS_MSI(WDC_GET_ENABLED_INT_TYPE(dev)));
	ck_assert_str_eq(WDC_IntType2Str(WDC_GET_ENABLED_INT_TYPE(dev)),
			 "MSI (Message-Signaled Interrupt)");
	ck_assert_ok(WDC_IntGetInfo(dev, &ii));
	ck_assert_uint_eq(ii.dwVectors, 1);
	ck_assert(!ii.fHandlerThread);
	ck_assert_uint_ne(ii.dwIrq, 0);
	ck_assert_uint_ne(ii.dwIrq, info.dwIrqLine);
	ck_assert_uint_eq(cfg_command() & PCI_CMD_MASTER, PCI_CMD_MASTER);
	snprintf(name, sizeof(name), "kagent[%s]#0", bdf);
	ck_assert_int_eq(proc_interrupts_lines(name), 1);
	ck_assert_st(WDC_IntEnable(dev, NULL, 0, 0, NULL, NULL, false),
		     WD_OPERATION_ALREADY_DONE);
	ck_assert_ok(WDC_IntDisable(dev));
	ck_assert_int_eq(proc_interrupts_lines(name), 0);
	ck_assert_st(WDC_IntDisable(dev), WD_OPERATION_ALREADY_DONE);

	/* Forced INTx: the device's legacy line. */
	ck_assert_ok(WDC_IntEnable(dev, NULL, 0, INTERRUPT_LEVEL_SENSITIVE,
				   NULL, NULL, false));
	ck_assert_uint_eq(WDC_GET_ENABLED_INT_TYPE(dev),
			  INTERRUPT_LEVEL_SENSITIVE);
	ck_assert_ok(WDC_IntGetInfo(dev, &ii));
	ck_assert_uint_eq(ii.dwIrq, info.dwIrqLine);
	ck_assert_uint_eq(ii.dwVectors, 1);
	ck_assert_uint_eq(cfg_command() & PCI_CMD_INTX_DISABLE, 0);
	ck_assert_int_eq(proc_interrupts_lines(name), 1);
	ck_assert_ok(WDC_IntDisable(dev));
	/* Nobody handles it now: the agent leaves INTx masked. */
	ck_assert_uint_eq(cfg_command() & PCI_CMD_INTX_DISABLE,
			  PCI_CMD_INTX_DISABLE);

	/* MSI or INTx allowed: MSI first. */
	ck_assert_ok(WDC_IntEnable(dev, NULL, 0,
				   INTERRUPT_MESSAGE |
					   INTERRUPT_LEVEL_SENSITIVE,
				   NULL, NULL, false));
	ck_assert_uint_eq(WDC_GET_ENABLED_INT_TYPE(dev), INTERRUPT_MESSAGE);
	ck_assert_ok(WDC_IntDisable(dev));

	/* Refusals, each with nothing enabled afterwards. */
	ck_assert_st(WDC_IntEnable(dev, NULL, 0, INTERRUPT_MESSAGE_X, NULL,
				   NULL, false),
		     WD_FAILED_ENABLING_INTERRUPT);
	ck_assert_ptr_nonnull(strstr(WDC_GetLastErrStr(drv), "MSI-X"));
	ck_assert_st(WDC_IntEnable(dev, NULL, 0, 0, NULL, NULL, true),
		     WD_KERPLUG_FAILURE);
	ck_assert_ptr_nonnull(strstr(WDC_GetLastErrStr(drv),
				     "no Kernel PlugIn is open"));
	ck_assert_st(WDC_IntEnable(dev, ack_cmds, N_ACK_CMDS, 0x80000000u,
				   NULL, NULL, false),
		     WD_INVALID_PARAMETER);
	ck_assert(!WDC_IntIsEnabled(dev));
	ck_assert_int_eq(proc_interrupts_lines("kagent"), 0);
}
END_TEST

/* ------------------------------------------------------------------------
 * INTx acknowledged by transfer commands
 * ------------------------------------------------------------------------ */

START_TEST(test_intx_cmds_exact)
{
	struct rec r;
	unsigned int i;

	rec_init(&r, dev, NULL);
	ck_assert_ok(WDC_IntEnable(dev, ack_cmds, N_ACK_CMDS,
				   INTERRUPT_LEVEL_SENSITIVE |
					   INTERRUPT_CMD_COPY,
				   rec_handler, &r, false));
	for (i = 0; i < N_RAISES; i++) {
		uint32_t bit = 1u << (i % 32);
		uint64_t t0 = now_ns();
		WDC_INT_RESULT *res;

		edu_w(EDU_IRQ_RAISE, bit);
		ck_rec_wait(&r, i + 1);
		res = &r.hist[i];
		ck_assert_uint_eq(res->dwCounter, i + 1);
		ck_assert_uint_eq(res->qwCounter, i + 1);
		ck_assert_uint_eq(res->dwNewCount, 1);
		ck_assert_uint_eq(res->dwLost, 0);
		ck_assert_uint_eq(res->fStopped, INTERRUPT_RECEIVED);
		ck_assert_uint_eq(res->dwEnabledIntType,
				  INTERRUPT_LEVEL_SENSITIVE);
		ck_assert_uint_eq(res->dwLastMessage, 0);
		/* What the handler read in the kernel, before acking it. */
		ck_assert_uint_eq(res->dwNumCopied, 1);
		ck_assert_uint_eq(res->qwCopied[0], bit);
		/* CLOCK_MONOTONIC, hard IRQ before the wake-up. */
		ck_assert_uint_le(t0, res->qwIrqTimeNs);
		ck_assert_uint_le(res->qwIrqTimeNs, res->qwWakeTimeNs);
		ck_assert_uint_le(res->qwWakeTimeNs, now_ns());
		ck_assert_uint_eq(edu_r(EDU_IRQ_STATUS), 0);
	}
	ck_assert_ok(WDC_IntDisable(dev));
	/* The disable stopped the thread without calling the handler. */
	ck_assert_uint_eq(rec_calls(&r), N_RAISES);
}
END_TEST

/* CMD_WRITE_LAST_READ writes exactly the value read, to any register. */
START_TEST(test_intx_cmds_write_last_read)
{
	static const WDC_TRANSFER cmds[] = {
		{ .cmdTrans = RM_DWORD, .dwOffset = EDU_IRQ_STATUS },
		{ .cmdTrans = CMD_WRITE_LAST_READ, .dwOffset = EDU_LIVENESS },
		{ .cmdTrans = CMD_WRITE_LAST_READ, .dwOffset = EDU_IRQ_ACK },
	};
	WDC_INT_RESULT res;
	int fd;

	ck_assert_ok(WDC_IntEnable(dev, cmds, 3, INTERRUPT_LEVEL_SENSITIVE,
				   NULL, NULL, false));
	ck_assert_ok(WDC_IntGetEventFd(dev, 0, &fd));
	edu_w(EDU_LIVENESS, 0);
	edu_w(EDU_IRQ_RAISE, 0xa5);
	ck_assert(fd_readable(fd, INT_WAIT_MS));
	/* Liveness reads back the inverse of what the handler wrote. */
	ck_assert_uint_eq(edu_r(EDU_LIVENESS), ~0xa5u);
	ck_assert_uint_eq(edu_r(EDU_IRQ_STATUS), 0);
	ck_assert_ok(WDC_IntCount(dev, &res));
	ck_assert_uint_eq(res.dwCounter, 1);
	ck_assert_uint_eq(res.dwNumCopied, 0);	/* no INTERRUPT_CMD_COPY */
	ck_assert_ok(WDC_IntDisable(dev));
}
END_TEST

/* Interrupts the waiter did not pick up one by one are reported as lost. */
START_TEST(test_intx_lost_reported)
{
	WDC_INT_RESULT res;
	unsigned int i;
	int fd;

	ck_assert_ok(WDC_IntEnable(dev, ack_cmds, N_ACK_CMDS,
				   INTERRUPT_LEVEL_SENSITIVE |
					   INTERRUPT_CMD_COPY,
				   NULL, NULL, false));
	ck_assert_ok(WDC_IntGetEventFd(dev, 0, &fd));
	for (i = 0; i < 5; i++) {
		edu_w(EDU_IRQ_RAISE, 1u << i);
		/* The eventfd is signalled after the agent counted it. */
		ck_assert(fd_readable(fd, INT_WAIT_MS));
		ck_assert_uint_eq(efd_take(fd), 1);
	}
	ck_assert_ok(WDC_IntCount(dev, &res));
	ck_assert_uint_eq(res.dwCounter, 5);
	ck_assert_uint_eq(res.dwNewCount, 5);
	ck_assert_uint_eq(res.dwLost, 4);
	ck_assert_uint_eq(res.dwNumCopied, 1);
	ck_assert_uint_eq(res.qwCopied[0], 1u << 4);	/* the last one */
	ck_assert_ok(WDC_IntCount(dev, &res));
	ck_assert_uint_eq(res.dwCounter, 5);
	ck_assert_uint_eq(res.dwNewCount, 0);
	ck_assert_uint_eq(res.dwLost, 0);
	ck_assert_st(WDC_IntWait(dev, 300, &res), WD_TIME_OUT_EXPIRED);
	ck_assert_ok(WDC_IntDisable(dev));
}
END_TEST

/* Back-to-back raises: every one acknowledged, every count reported once. */
START_TEST(test_intx_cmds_burst)
{
	double deadline = now() + WAIT_S;
	uint64_t total = 0, counter = 0;
	WDC_INT_RESULT res;
	WDC_STATUS st;
	unsigned int i;

	ck_assert_ok(WDC_IntEnable(dev, ack_cmds, N_ACK_CMDS,
				   INTERRUPT_LEVEL_SENSITIVE, NULL, NULL,
				   false));
	for (i = 0; i < 32; i++)
		edu_w(EDU_IRQ_RAISE, 1u << i);
	/* Wait as a driver does, until the device is quiet. */
	for (;;) {
		st = WDC_IntWait(dev, 500, &res);
		if (st == WD_STATUS_SUCCESS) {
			ck_assert_uint_eq(res.dwLost, res.dwNewCount - 1);
			total += res.dwNewCount;
			counter = res.qwCounter;
			continue;
		}
		ck_assert_st(st, WD_TIME_OUT_EXPIRED);
		if (edu_r(EDU_IRQ_STATUS) == 0)
			break;
		ck_assert_msg(now() < deadline,
			      "edu interrupt status still 0x%x after %.0f s",
			      edu_r(EDU_IRQ_STATUS), WAIT_S);
	}
	ck_assert_uint_ge(total, 1);
	ck_assert_uint_le(total, 32);
	ck_assert_uint_eq(total, counter);
	ck_assert_ok(WDC_IntDisable(dev));
}
END_TEST

/*
 * Commands that do not acknowledge: the agent masks INTx after a few
 * interrupts instead of storming, and the handler keeps being told until
 * it acknowledges the device itself.
 */
START_TEST(test_intx_cmds_no_ack_is_masked)
{
	static const WDC_TRANSFER read_only[] = {
		{ .cmdTrans = RM_DWORD, .dwOffset = EDU_IRQ_STATUS },
	};
	WDC_INT_RESULT res;
	struct rec r;
	unsigned int i;

	rec_init(&r, dev, act_ack_late);
	r.arg = 2;	/* the third call acknowledges */
	ck_assert_ok(WDC_IntEnable(dev, read_only, 1,
				   INTERRUPT_LEVEL_SENSITIVE, rec_handler, &r,
				   false));
	edu_w(EDU_IRQ_RAISE, 1);
	ck_rec_wait(&r, 3);
	edu_wait_acked();
	ck_assert_uint_eq(r.action_status, WD_STATUS_SUCCESS);
	for (i = 0; i < 3; i++) {
		/*
		 * Masked after a few (kagent: 8 in a row), not a storm (on
		 * one CPU that would never let the handler run; here QEMU's
		 * IOAPIC pauses a storm after 10000).
		 */
		ck_assert_msg(r.hist[i].dwNewCount < 100,
			      "INTx storm: %u interrupts before call %u",
			      (unsigned int)r.hist[i].dwNewCount, i);
		if (i)
			ck_assert_uint_gt(r.hist[i].qwCounter,
					  r.hist[i - 1].qwCounter);
	}
	ck_assert_ok(WDC_IntDisable(dev));
	/* Every interrupt counted was reported once. */
	pthread_mutex_lock(&r.lock);
	ck_assert_uint_eq(r.new_sum, r.last.qwCounter);
	pthread_mutex_unlock(&r.lock);
	/* Acknowledged: nothing is pending any more. */
	ck_assert_ok(WDC_IntEnable(dev, read_only, 1,
				   INTERRUPT_LEVEL_SENSITIVE, NULL, NULL,
				   false));
	ck_assert_st(WDC_IntWait(dev, 300, &res), WD_TIME_OUT_EXPIRED);
	ck_assert_ok(WDC_IntDisable(dev));
}
END_TEST

/*
 * A CMD_MASK that misses an interrupt the device does assert: claimed and
 * masked (not passed on for ever: that would storm the line); the handler
 * acknowledges it.
 */
START_TEST(test_intx_cmds_wrong_mask_is_masked)
{
	static const WDC_TRANSFER cmds[] = {
		{ .cmdTrans = RM_DWORD, .dwOffset = EDU_IRQ_STATUS },
		{ .cmdTrans = CMD_MASK, .Data.Dword = 0x100 },
		{ .cmdTrans = CMD_WRITE_LAST_READ, .dwOffset = EDU_IRQ_ACK },
	};
	struct rec r;

	rec_init(&r, dev, act_ack);
	ck_assert_ok(WDC_IntEnable(dev, cmds, 3,
				   INTERRUPT_LEVEL_SENSITIVE |
					   INTERRUPT_CMD_COPY,
				   rec_handler, &r, false));
	edu_w(EDU_IRQ_RAISE, 0x1);	/* not in the mask */
	ck_rec_wait(&r, 1);
	ck_assert_uint_eq(r.hist[0].dwCounter, 1);
	ck_assert_uint_eq(r.hist[0].qwCopied[0], 0x1);
	ck_assert_uint_eq(r.seen, 1);	/* masked while the handler ran */
	edu_wait_acked();
	edu_w(EDU_IRQ_RAISE, 0x100);	/* in the mask: the commands ack it */
	ck_rec_wait(&r, 2);
	ck_assert_uint_eq(r.hist[1].dwCounter, 2);
	ck_assert_uint_eq(r.hist[1].qwCopied[0], 0x100);
	ck_assert_ok(WDC_IntDisable(dev));
	ck_assert_uint_eq(rec_calls(&r), 2);
	ck_assert_uint_eq(r.action_status, WD_STATUS_SUCCESS);
}
END_TEST

/* ------------------------------------------------------------------------
 * INTx without commands: masked by the agent, acknowledged by the handler
 * ------------------------------------------------------------------------ */

START_TEST(test_intx_masking_exact)
{
	struct rec r;
	unsigned int i;

	rec_init(&r, dev, act_ack);
	ck_assert_ok(WDC_IntEnable(dev, NULL, 0, INTERRUPT_LEVEL_SENSITIVE,
				   rec_handler, &r, false));
	for (i = 0; i < N_RAISES; i++) {
		edu_w(EDU_IRQ_RAISE, 1u << (i % 32));
		ck_rec_wait(&r, i + 1);
		ck_assert_uint_eq(r.hist[i].dwCounter, i + 1);
		ck_assert_uint_eq(r.hist[i].dwNewCount, 1);
		ck_assert_uint_eq(r.hist[i].dwNumCopied, 0);
	}
	ck_assert_uint_eq(r.action_status, WD_STATUS_SUCCESS);
	/* INTx was masked every time the handler ran. */
	ck_assert_uint_eq(r.seen, 1);
	ck_assert_ok(WDC_IntDisable(dev));
	ck_assert_uint_eq(rec_calls(&r), N_RAISES);
	ck_assert_uint_eq(edu_r(EDU_IRQ_STATUS), 0);
}
END_TEST

/* A level interrupt nobody acknowledges is reported again, never storms. */
START_TEST(test_intx_masking_unacked_reported_again)
{
	struct rec r;
	unsigned int i;

	rec_init(&r, dev, act_ack_late);
	r.arg = 3;	/* ignore three calls, acknowledge the fourth */
	ck_assert_ok(WDC_IntEnable(dev, NULL, 0, INTERRUPT_LEVEL_SENSITIVE,
				   rec_handler, &r, false));
	edu_w(EDU_IRQ_RAISE, 1);
	ck_rec_wait(&r, 4);
	for (i = 0; i < 4; i++) {
		ck_assert_uint_eq(r.hist[i].dwCounter, i + 1);
		ck_assert_uint_eq(r.hist[i].dwNewCount, 1);
	}
	ck_assert_uint_eq(edu_r(EDU_IRQ_STATUS), 0);
	/* Acknowledged: the next raise is one interrupt again. */
	edu_w(EDU_IRQ_RAISE, 2);
	ck_rec_wait(&r, 5);
	ck_assert_uint_eq(r.hist[4].dwCounter, 5);
	ck_assert_ok(WDC_IntDisable(dev));
	ck_assert_uint_eq(rec_calls(&r), 5);
	ck_assert_uint_eq(r.action_status, WD_STATUS_SUCCESS);
}
END_TEST

/* ------------------------------------------------------------------------
 * MSI
 * ------------------------------------------------------------------------ */

START_TEST(test_msi_exact)
{
	struct rec r;
	unsigned int i;

	rec_init(&r, dev, act_ack);
	ck_assert_ok(WDC_IntEnable(dev, NULL, 0, INTERRUPT_MESSAGE,
				   rec_handler, &r, false));
	ck_assert_uint_eq(WDC_GET_ENABLED_INT_TYPE(dev), INTERRUPT_MESSAGE);
	for (i = 0; i < N_RAISES; i++) {
		edu_w(EDU_IRQ_RAISE, 1u << (i % 32));
		ck_rec_wait(&r, i + 1);
		ck_assert_uint_eq(r.hist[i].dwCounter, i + 1);
		ck_assert_uint_eq(r.hist[i].dwLost, 0);
		ck_assert_uint_eq(r.hist[i].dwEnabledIntType,
				  INTERRUPT_MESSAGE);
		ck_assert_uint_eq(r.hist[i].dwLastMessage, 0);
		ck_assert_uint_ne(r.hist[i].qwIrqTimeNs, 0);
	}
	ck_assert_uint_eq(r.action_status, WD_STATUS_SUCCESS);
	ck_assert_ok(WDC_IntDisable(dev));
	ck_assert_uint_eq(rec_calls(&r), N_RAISES);
}
END_TEST

/* The factorial engine's completion interrupt, with the result copied. */
START_TEST(test_msi_factorial_completion)
{
	static const WDC_TRANSFER cmds[] = {
		{ .cmdTrans = RM_DWORD, .dwOffset = EDU_IRQ_STATUS },
		{ .cmdTrans = CMD_WRITE_LAST_READ, .dwOffset = EDU_IRQ_ACK },
		{ .cmdTrans = RM_DWORD, .dwOffset = EDU_FACT },
	};
	WDC_INT_RESULT res;

	ck_assert_ok(WDC_IntEnable(dev, cmds, 3,
				   INTERRUPT_MESSAGE | INTERRUPT_CMD_COPY, NULL,
				   NULL, false));
	edu_w(EDU_STATUS, EDU_STATUS_IRQFACT);
	edu_w(EDU_FACT, 10);
	ck_assert_ok(WDC_IntWait(dev, INT_WAIT_MS, &res));
	ck_assert_uint_eq(res.dwCounter, 1);
	ck_assert_uint_eq(res.dwEnabledIntType, INTERRUPT_MESSAGE);
	ck_assert_uint_eq(res.dwNumCopied, 2);
	ck_assert_uint_eq(res.qwCopied[0], 0x1);	/* completion bit */
	ck_assert_uint_eq(res.qwCopied[1], FACT_10);
	ck_assert_uint_eq(edu_r(EDU_IRQ_STATUS), 0);
	edu_w(EDU_STATUS, 0);
	ck_assert_ok(WDC_IntDisable(dev));
}
END_TEST

/* ------------------------------------------------------------------------
 * Pollable descriptors and the loopback trigger
 * ------------------------------------------------------------------------ */

START_TEST(test_eventfd_poll_and_epoll)
{
	struct epoll_event ev = { .events = EPOLLIN }, got;
	WDC_INT_RESULT res;
	int fd, fd2, ep;

	ck_assert_ok(WDC_IntEnable(dev, NULL, 0, INTERRUPT_MESSAGE, NULL,
				   NULL, false));
	ck_assert_ok(WDC_IntGetEventFd(dev, 0, &fd));
	ck_assert_ok(WDC_IntGetEventFd(dev, 0, &fd2));
	ck_assert_int_eq(fd, fd2);
	ck_assert_st(WDC_IntGetEventFd(dev, 1, &fd2), WD_INVALID_PARAMETER);
	ck_assert_st(WDC_IntGetEventFd(dev, 0, NULL), WD_INVALID_PARAMETER);
	ck_assert(!fd_readable(fd, 0));

	/* poll() */
	edu_w(EDU_IRQ_RAISE, 1);
	ck_assert(fd_readable(fd, INT_WAIT_MS));
	ck_assert_uint_eq(efd_take(fd), 1);
	ck_assert(!fd_readable(fd, 0));
	edu_w(EDU_IRQ_ACK, 1);
	ck_assert_ok(WDC_IntCount(dev, &res));
	ck_assert_uint_eq(res.dwCounter, 1);
	ck_assert_uint_eq(res.dwNewCount, 1);

	/* epoll */
	ep = epoll_create1(EPOLL_CLOEXEC);
	ck_assert_int_ge(ep, 0);
	ev.data.fd = fd;
	ck_assert_int_eq(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev), 0);
	ck_assert_int_eq(epoll_wait(ep, &got, 1, 0), 0);
	edu_w(EDU_IRQ_RAISE, 2);
	ck_assert_int_eq(epoll_wait(ep, &got, 1, INT_WAIT_MS), 1);
	ck_assert_int_eq(got.data.fd, fd);
	ck_assert_uint_eq(efd_take(fd), 1);
	edu_w(EDU_IRQ_ACK, 2);
	ck_assert_ok(WDC_IntCount(dev, &res));
	ck_assert_uint_eq(res.dwCounter, 2);
	close(ep);

	ck_assert_ok(WDC_IntDisable(dev));
	/* The descriptor belonged to the library: closed by the disable. */
	ck_assert_int_eq(fcntl(fd, F_GETFD), -1);
	ck_assert_int_eq(errno, EBADF);
	ck_assert_st(WDC_IntGetEventFd(dev, 0, &fd), WD_INTERRUPT_NOT_ENABLED);
}
END_TEST

/* INTx masking with a descriptor: acknowledge, WDC_IntCount() unmasks. */
START_TEST(test_eventfd_intx_masking)
{
	WDC_INT_RESULT res;
	unsigned int i;
	int fd;

	ck_assert_ok(WDC_IntEnable(dev, NULL, 0, INTERRUPT_LEVEL_SENSITIVE,
				   NULL, NULL, false));
	ck_assert_ok(WDC_IntGetEventFd(dev, 0, &fd));
	for (i = 0; i < 5; i++) {
		edu_w(EDU_IRQ_RAISE, 1u << i);
		ck_assert_msg(fd_readable(fd, INT_WAIT_MS),
			      "no interrupt %u (INTx not unmasked?)", i);
		ck_assert_uint_eq(efd_take(fd), 1);
		ck_assert_uint_eq(cfg_command() & PCI_CMD_INTX_DISABLE,
				  PCI_CMD_INTX_DISABLE);
		edu_w(EDU_IRQ_ACK, edu_r(EDU_IRQ_STATUS));
		ck_assert_ok(WDC_IntCount(dev, &res));
		ck_assert_uint_eq(res.dwCounter, i + 1);
		ck_assert_uint_eq(res.dwNewCount, 1);
		ck_assert_uint_eq(cfg_command() & PCI_CMD_INTX_DISABLE, 0);
	}
	ck_assert_ok(WDC_IntDisable(dev));
}
END_TEST

START_TEST(test_trigger_loopback)
{
	WDC_INT_RESULT res;
	struct rec r;
	int fd;

	rec_init(&r, dev, NULL);
	ck_assert_st(WDC_IntTrigger(dev, 0), WD_INTERRUPT_NOT_ENABLED);
	ck_assert_ok(WDC_IntEnable(dev, NULL, 0, INTERRUPT_LEVEL_SENSITIVE,
				   rec_handler, &r, false));
	ck_assert_ok(WDC_IntGetEventFd(dev, 0, &fd));
	ck_assert_ok(WDC_IntTrigger(dev, 0));
	ck_rec_wait(&r, 1);
	ck_assert_uint_eq(r.hist[0].dwCounter, 1);
	ck_assert_uint_eq(r.hist[0].dwLastMessage, 0);
	ck_assert_uint_ne(r.hist[0].qwIrqTimeNs, 0);
	ck_assert(fd_readable(fd, INT_WAIT_MS));
	ck_assert_uint_eq(efd_take(fd), 1);
	/* The device was not involved. */
	ck_assert_uint_eq(edu_r(EDU_IRQ_STATUS), 0);
	ck_assert_ok(WDC_IntTrigger(dev, 0));
	ck_rec_wait(&r, 2);
	ck_assert_uint_eq(r.hist[1].dwCounter, 2);
	ck_assert_st(WDC_IntTrigger(dev, 1), WD_INVALID_PARAMETER);
	/* A thread waits: the caller may not. */
	ck_assert_st(WDC_IntWait(dev, 100, &res), WD_OPERATION_FAILED);
	ck_assert_st(WDC_IntCount(dev, &res), WD_OPERATION_FAILED);
	ck_assert_ok(WDC_IntDisable(dev));
	ck_assert_st(WDC_IntTrigger(dev, 0), WD_INTERRUPT_NOT_ENABLED);
	ck_assert_st(WDC_IntWait(dev, 100, &res), WD_INTERRUPT_NOT_ENABLED);
	ck_assert_uint_eq(rec_calls(&r), 2);
}
END_TEST

/* ------------------------------------------------------------------------
 * Stopping: disable under a waiter, from the handler, kill -9
 * ------------------------------------------------------------------------ */

struct waiter {
	pthread_t thread;
	pid_t tid;
	WDC_STATUS status;
	WDC_INT_RESULT res;
	pthread_mutex_t lock;
	pthread_cond_t cond;
};

static void *waiter_main(void *arg)
{
	struct waiter *w = arg;

	pthread_mutex_lock(&w->lock);
	w->tid = (pid_t)syscall(SYS_gettid);
	pthread_cond_broadcast(&w->cond);
	pthread_mutex_unlock(&w->lock);
	w->status = WDC_IntWait(dev, 0, &w->res);	/* for ever */
	return NULL;
}

START_TEST(test_disable_wakes_waiter)
{
	struct waiter w;

	memset(&w, 0, sizeof(w));
	pthread_mutex_init(&w.lock, NULL);
	pthread_cond_init(&w.cond, NULL);
	ck_assert_ok(WDC_IntEnable(dev, NULL, 0, INTERRUPT_MESSAGE, NULL,
				   NULL, false));
	ck_assert_int_eq(pthread_create(&w.thread, NULL, waiter_main, &w), 0);
	pthread_mutex_lock(&w.lock);
	while (!w.tid)
		pthread_cond_wait(&w.cond, &w.lock);
	pthread_mutex_unlock(&w.lock);
	wait_in_ioctl(getpid(), w.tid);
	ck_assert_ok(WDC_IntDisable(dev));
	ck_assert_int_eq(pthread_join(w.thread, NULL), 0);
	ck_assert_uint_eq(w.status, WD_STATUS_SUCCESS);
	ck_assert_uint_eq(w.res.fStopped, INTERRUPT_STOPPED);
	ck_assert_uint_eq(w.res.dwEnabledIntType, 0);
}
END_TEST

/* Disable while the handler thread sleeps in the agent: joined, not called. */
START_TEST(test_disable_joins_sleeping_thread)
{
	struct rec r;

	rec_init(&r, dev, NULL);
	ck_assert_ok(WDC_IntEnable(dev, NULL, 0, INTERRUPT_MESSAGE,
				   rec_handler, &r, false));
	ck_assert_ok(WDC_IntTrigger(dev, 0));	/* to learn the thread */
	ck_rec_wait(&r, 1);
	wait_in_ioctl(getpid(), r.tid);
	ck_assert_ok(WDC_IntDisable(dev));
	ck_assert_uint_eq(rec_calls(&r), 1);
	/* Joined: the thread is gone (its task is reaped right after). */
	{
		double deadline = now() + WAIT_S;
		char path[64];

		snprintf(path, sizeof(path), "/proc/self/task/%d", (int)r.tid);
		while (access(path, F_OK) == 0) {
			ck_assert_msg(now() < deadline,
				      "handler thread %d still exists",
				      (int)r.tid);
			pause_ms(1);
		}
	}
}
END_TEST

static struct rec rec2;

/* Disable from inside the handler, then enable again from there too. */
static void act_disable_reenable(struct rec *r, const WDC_INT_RESULT *res)
{
	(void)res;
	if (rec_calls(r) != 0)
		return;
	r->action_status = WDC_IntDisable(r->dev);
	if (!r->action_status)
		r->action_status = WDC_IntEnable(r->dev, NULL, 0,
						 INTERRUPT_MESSAGE,
						 rec_handler, &rec2, false);
}

START_TEST(test_disable_from_handler)
{
	struct rec r;

	rec_init(&r, dev, act_disable_reenable);
	rec_init(&rec2, dev, NULL);
	ck_assert_ok(WDC_IntEnable(dev, NULL, 0, INTERRUPT_MESSAGE,
				   rec_handler, &r, false));
	ck_assert_ok(WDC_IntTrigger(dev, 0));
	ck_rec_wait(&r, 1);
	ck_assert_uint_eq(r.action_status, WD_STATUS_SUCCESS);
	ck_assert(WDC_IntIsEnabled(dev));
	/* The new enable's thread gets the next interrupt, the old none. */
	ck_assert_ok(WDC_IntTrigger(dev, 0));
	ck_rec_wait(&rec2, 1);
	ck_assert_uint_eq(rec2.hist[0].dwCounter, 1);
	ck_assert_uint_eq(rec_calls(&r), 1);
	ck_assert_ok(WDC_IntDisable(dev));
	ck_assert_uint_eq(rec_calls(&rec2), 1);
}
END_TEST

static void act_close_device(struct rec *r, const WDC_INT_RESULT *res)
{
	(void)res;
	r->action_status = WDC_PciDeviceClose(r->dev);
}

START_TEST(test_close_from_handler)
{
	struct rec r;

	rec_init(&r, dev, act_close_device);
	ck_assert_ok(WDC_IntEnable(dev, NULL, 0, INTERRUPT_LEVEL_SENSITIVE,
				   rec_handler, &r, false));
	ck_assert_ok(WDC_IntTrigger(dev, 0));
	ck_rec_wait(&r, 1);
	ck_assert_uint_eq(r.action_status, WD_STATUS_SUCCESS);
	dev = NULL;
	ck_assert_int_eq(proc_interrupts_lines("kagent"), 0);
	/* The device is free again. */
	dev = open_slot(&slot);
	ck_assert(!WDC_IntIsEnabled(dev));
}
END_TEST

/* Process killed while it waits: IRQ freed; another process enables. */
START_TEST(test_kill9_waiting_process)
{
	WDC_INT_RESULT res;
	int pipefd[2], status;
	char c;
	pid_t pid;

	ck_assert_ok(WDC_PciDeviceClose(dev));
	dev = NULL;
	ck_assert_int_eq(pipe(pipefd), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		WDC_DRIVER_HANDLE d;
		WDC_DEVICE_HANDLE h;

		close(pipefd[0]);
		if (WDC_DriverOpen(&d, WDC_DRV_OPEN_DEFAULT) ||
		    WDC_PciDeviceOpen(d, &h, &slot, NULL, NULL, NULL) ||
		    WDC_IntEnable(h, NULL, 0, INTERRUPT_LEVEL_SENSITIVE, NULL,
				  NULL, false))
			_exit(2);
		if (write(pipefd[1], "r", 1) != 1)
			_exit(3);
		WDC_IntWait(h, 0, &res);
		_exit(4);
	}
	close(pipefd[1]);
	ck_assert_int_eq(read(pipefd[0], &c, 1), 1);
	close(pipefd[0]);
	wait_in_ioctl(pid, pid);
	ck_assert_int_eq(proc_interrupts_lines("kagent"), 1);
	ck_assert_int_eq(kill(pid, SIGKILL), 0);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	ck_assert_int_eq(proc_interrupts_lines("kagent"), 0);

	dev = open_slot(&slot);
	ck_assert_ok(WDC_IntEnable(dev, ack_cmds, N_ACK_CMDS,
				   INTERRUPT_LEVEL_SENSITIVE, NULL, NULL,
				   false));
	edu_w(EDU_IRQ_RAISE, 1);
	ck_assert_ok(WDC_IntWait(dev, INT_WAIT_MS, &res));
	ck_assert_uint_eq(res.dwCounter, 1);
	ck_assert_ok(WDC_IntDisable(dev));
}
END_TEST

/* ------------------------------------------------------------------------
 * INTx shared with the e1000 NIC (IRQ 11 under -M pc --nic)
 * ------------------------------------------------------------------------ */

static char e1000_bdf[WDC_PCI_SLOT_STR_LEN];
static char ifname[IF_NAMESIZE];
static pid_t traffic_pid;
static unsigned int line_irq;

/* The network interface of the e1000, once its driver has bound it. */
static void e1000_ifname(void)
{
	double deadline = now() + WAIT_S;
	char path[256];
	struct dirent *de;
	DIR *d;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/net", e1000_bdf);
	for (;;) {
		d = opendir(path);
		if (d) {
			while ((de = readdir(d)))
				if (de->d_name[0] != '.' &&
				    strlen(de->d_name) < sizeof(ifname)) {
					memcpy(ifname, de->d_name,
					       strlen(de->d_name) + 1);
					break;
				}
			closedir(d);
			if (ifname[0])
				return;
		}
		ck_assert_msg(now() < deadline, "e1000 %s has no interface",
			      e1000_bdf);
		pause_ms(50);
	}
}

static uint64_t if_stat(const char *what)
{
	char path[256], buf[64];
	FILE *f;

	snprintf(path, sizeof(path), "/sys/class/net/%s/statistics/%s",
		 ifname, what);
	f = fopen(path, "r");
	ck_assert_msg(f != NULL, "%s: %s", path, strerror(errno));
	ck_assert_ptr_nonnull(fgets(buf, sizeof(buf), f));
	fclose(f);
	return strtoull(buf, NULL, 10);
}

/* A child that keeps the e1000 transmitting (broadcasts: no ARP). */
static void traffic_start(void)
{
	traffic_pid = fork();
	ck_assert_int_ge(traffic_pid, 0);
	if (traffic_pid == 0) {
		struct sockaddr_in to = { .sin_family = AF_INET,
					  .sin_port = htons(9) };
		static const char msg[] = "wdkit shared INTx test";
		int one = 1;
		int s = socket(AF_INET, SOCK_DGRAM, 0);

		inet_pton(AF_INET, "10.0.2.255", &to.sin_addr);
		if (s < 0 ||
		    setsockopt(s, SOL_SOCKET, SO_BROADCAST, &one,
			       sizeof(one)) ||
		    setsockopt(s, SOL_SOCKET, SO_BINDTODEVICE, ifname,
			       strlen(ifname) + 1))
			_exit(2);
		for (;;) {
			sendto(s, msg, sizeof(msg), 0, (struct sockaddr *)&to,
			       sizeof(to));
			usleep(500);
		}
	}
}

static void traffic_stop(void)
{
	int status;

	if (traffic_pid > 0) {
		kill(traffic_pid, SIGKILL);
		waitpid(traffic_pid, &status, 0);
	}
	traffic_pid = 0;
}

/* Until the e1000 has sent @n more packets: it works, its IRQ is served. */
static void e1000_wait_tx(uint64_t n)
{
	double deadline = now() + WAIT_S;
	uint64_t start = if_stat("tx_packets");

	while (if_stat("tx_packets") < start + n) {
		ck_assert_msg(now() < deadline,
			      "%s sent %llu packets in %.0f s, want %llu",
			      ifname,
			      (unsigned long long)(if_stat("tx_packets") -
						   start),
			      WAIT_S, (unsigned long long)n);
		pause_ms(10);
	}
}

static void setup_shared(void)
{
	WD_PCI_SLOT e;
	WDC_PCI_DEVICE_INFO info;
	char cmd[256];

	setup();
	ck_assert_msg(find_slot(E1000_VID, E1000_DID, &e),
		      "no e1000 in this VM: start it with vm-run --nic");
	slot_name(&e, e1000_bdf, sizeof(e1000_bdf));
	ck_assert_int_eq(system("modprobe e1000"), 0);
	e1000_ifname();
	snprintf(cmd, sizeof(cmd),
		 "ip link set %s up && { ip addr show dev %s | grep -q 10.0.2.15/ || ip addr add 10.0.2.15/24 dev %s; }",
		 ifname, ifname, ifname);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_ok(WDC_PciGetDeviceInfo(dev, &info));
	line_irq = info.dwIrqLine;
	ck_assert_msg(sysfs_pci_ulong(e1000_bdf, "irq") == line_irq,
		      "e1000 (IRQ %lu) and edu (IRQ %u) do not share a line",
		      sysfs_pci_ulong(e1000_bdf, "irq"), line_irq);
	traffic_start();
	e1000_wait_tx(20);
}

static void teardown_shared(void)
{
	traffic_stop();
	teardown();
}

/* Ours counted exactly; the e1000's passed on (the line counts more). */
static void shared_exact(const WDC_TRANSFER *cmds, uint32_t ncmds)
{
	uint64_t line0, line1, tx0;
	struct rec r;
	unsigned int i;

	rec_init(&r, dev, ncmds ? NULL : act_ack);
	ck_assert_ok(WDC_IntEnable(dev, cmds, ncmds, INTERRUPT_LEVEL_SENSITIVE,
				   rec_handler, &r, false));
	line0 = proc_irq_count(line_irq);
	tx0 = if_stat("tx_packets");
	for (i = 0; i < 30; i++) {
		edu_w(EDU_IRQ_RAISE, 1u << (i % 32));
		ck_rec_wait(&r, i + 1);
		ck_assert_uint_eq(r.hist[i].dwCounter, i + 1);
		ck_assert_uint_eq(r.hist[i].dwNewCount, 1);
		pause_ms(20);	/* let the NIC interrupt in between */
	}
	e1000_wait_tx(20);
	line1 = proc_irq_count(line_irq);
	ck_assert_ok(WDC_IntDisable(dev));
	ck_assert_uint_eq(rec_calls(&r), 30);
	ck_assert_uint_eq(r.action_status, WD_STATUS_SUCCESS);
	ck_assert_uint_gt(if_stat("tx_packets"), tx0);
	ck_assert_msg(line1 - line0 > 30,
		      "IRQ %u fired %llu times for 30 edu interrupts: no e1000 interrupt in between?",
		      line_irq, (unsigned long long)(line1 - line0));
}

START_TEST(test_shared_intx_cmds_mask)
{
	shared_exact(ack_cmds, N_ACK_CMDS);
}
END_TEST

START_TEST(test_shared_intx_masking)
{
	shared_exact(NULL, 0);
}
END_TEST

/*
 * The Kernel PlugIn on the shared line: KP_PCI's KP_IntAtIrql claims and
 * acknowledges only edu's interrupts (status non-zero) and passes the
 * e1000's on; user mode sees exactly the edu's (wake every interrupt).
 */
START_TEST(test_shared_intx_kp)
{
	KP_PCI_OPEN_DATA od = { KP_PCI_OPEN_MAGIC, "shared" };
	KP_PCI_COUNTERS c;
	uint64_t line0, line1, tx0;
	uint32_t every = 1, result = 0;
	struct rec r;
	unsigned int i;

	ck_assert_ok(WDC_KernelPlugInOpen(dev, KP_PCI_DRIVER_NAME, &od));
	ck_assert_ok(WDC_CallKerPlug(dev, KP_PCI_MSG_SET_WAKE_EVERY, &every,
				     &result));
	ck_assert_uint_eq(result, KP_PCI_STATUS_OK);
	rec_init(&r, dev, NULL);	/* the plugin acknowledges */
	ck_assert_ok(WDC_IntEnable(dev, NULL, 0, INTERRUPT_LEVEL_SENSITIVE,
				   rec_handler, &r, true));
	line0 = proc_irq_count(line_irq);
	tx0 = if_stat("tx_packets");
	for (i = 0; i < 30; i++) {
		edu_w(EDU_IRQ_RAISE, 1u << (i % 32));
		ck_rec_wait(&r, i + 1);
		ck_assert_uint_eq(r.hist[i].dwCounter, i + 1);
		pause_ms(20);	/* let the NIC interrupt in between */
	}
	e1000_wait_tx(20);
	line1 = proc_irq_count(line_irq);
	memset(&c, 0, sizeof(c));
	ck_assert_ok(WDC_CallKerPlug(dev, KP_PCI_MSG_GET_COUNTERS, &c,
				     &result));
	ck_assert_ok(WDC_IntDisable(dev));
	ck_assert_uint_eq(rec_calls(&r), 30);
	ck_assert_uint_eq(c.qwMine, 30);
	ck_assert_uint_eq(c.qwUserWakes, 30);
	/* The e1000's interrupts reached the plugin and were passed on. */
	ck_assert_msg(c.qwIrqlCalls > c.qwMine,
		      "KP_IntAtIrql ran %llu times for 30 edu interrupts: none of the e1000's?",
		      (unsigned long long)c.qwIrqlCalls);
	ck_assert_uint_gt(if_stat("tx_packets"), tx0);
	ck_assert_uint_gt(line1 - line0, 30);
	ck_assert_ok(WDC_KernelPlugInClose(dev));
}
END_TEST

/* Closed with its level interrupt pending: the line keeps working. */
START_TEST(test_shared_intx_unacked_at_close)
{
	WDC_INT_RESULT res;

	ck_assert_ok(WDC_IntEnable(dev, NULL, 0, INTERRUPT_LEVEL_SENSITIVE,
				   NULL, NULL, false));
	edu_w(EDU_IRQ_RAISE, 1);
	ck_assert_ok(WDC_IntWait(dev, INT_WAIT_MS, &res));
	ck_assert_uint_eq(res.dwCounter, 1);
	ck_assert_ok(WDC_PciDeviceClose(dev));	/* never acknowledged */
	dev = NULL;
	/* Given back with INTx masked, since it still asserts it. */
	ck_assert_uint_eq(sysfs_pci_command(bdf) & PCI_CMD_INTX_DISABLE,
			  PCI_CMD_INTX_DISABLE);
	e1000_wait_tx(50);

	/* The next user gets the pending interrupt and can handle it. */
	dev = open_slot(&slot);
	ck_assert_uint_eq(edu_r(EDU_IRQ_STATUS), 1);
	ck_assert_ok(WDC_IntEnable(dev, NULL, 0, INTERRUPT_LEVEL_SENSITIVE,
				   NULL, NULL, false));
	ck_assert_ok(WDC_IntWait(dev, INT_WAIT_MS, &res));
	ck_assert_uint_eq(res.dwCounter, 1);
	edu_w(EDU_IRQ_ACK, 1);
	ck_assert_ok(WDC_IntCount(dev, &res));
	ck_assert_uint_eq(cfg_command() & PCI_CMD_INTX_DISABLE, 0);
	ck_assert_ok(WDC_IntDisable(dev));
	e1000_wait_tx(20);
}
END_TEST

static Suite *intr_suite(void)
{
	Suite *s = suite_create("guest_intr");
	TCase *tc;

	tc = tcase_create("edu");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_enable_types);
	tcase_add_test(tc, test_intx_cmds_exact);
	tcase_add_test(tc, test_intx_cmds_write_last_read);
	tcase_add_test(tc, test_intx_lost_reported);
	tcase_add_test(tc, test_intx_cmds_burst);
	tcase_add_test(tc, test_intx_cmds_no_ack_is_masked);
	tcase_add_test(tc, test_intx_cmds_wrong_mask_is_masked);
	tcase_add_test(tc, test_intx_masking_exact);
	tcase_add_test(tc, test_intx_masking_unacked_reported_again);
	tcase_add_test(tc, test_msi_exact);
	tcase_add_test(tc, test_msi_factorial_completion);
	tcase_add_test(tc, test_eventfd_poll_and_epoll);
	tcase_add_test(tc, test_eventfd_intx_masking);
	tcase_add_test(tc, test_trigger_loopback);
	tcase_add_test(tc, test_disable_wakes_waiter);
	tcase_add_test(tc, test_disable_joins_sleeping_thread);
	tcase_add_test(tc, test_disable_from_handler);
	tcase_add_test(tc, test_close_from_handler);
	tcase_add_test(tc, test_kill9_waiting_process);
	suite_add_tcase(s, tc);

	tc = tcase_create("shared_intx");
	tcase_add_checked_fixture(tc, setup_shared, teardown_shared);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_shared_intx_cmds_mask);
	tcase_add_test(tc, test_shared_intx_masking);
	tcase_add_test(tc, test_shared_intx_unacked_at_close);
	tcase_add_test(tc, test_shared_intx_kp);
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

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check_guest_intr_msix.c - VM tests of per-vector MSI-X on QEMU's e1000e
 * NIC: the default type order picks MSI-X, every vector is its own IRQ,
 * each interrupt arrives on its own vector in the handler thread and on
 * that vector's descriptor only, and the loopback trigger per vector.
 *
 * Runs in the second suite VM: -M q35 with --nic (e1000e, 8086:10d3, five
 * MSI-X vectors the guest can fire by itself; TEST-DEVICES.md).  The
 * e1000e is taken from its driver if that is loaded.
 */
#define _GNU_SOURCE 1

#include "intr_util.h"

#include <sys/epoll.h>

#define E1000E_VID 0x8086
#define E1000E_DID 0x10d3
#define E1000E_VECTORS 5

/* e1000e registers (BAR0) used to fire MSI-X vectors. */
#define E1000E_ICR 0xC0		/* interrupt cause; write 1s to clear */
#define E1000E_ICS 0xC8		/* interrupt cause set */
#define E1000E_IMS 0xD0		/* interrupt mask set */
#define E1000E_IMC 0xD8		/* interrupt mask clear */
#define E1000E_IVAR 0xE4	/* cause to vector: RxQ0..TxQ1, other -> 0..4 */
#define E1000E_IVAR_0_TO_4 0x800CBA98u
#define E1000E_CAUSE(v) (1u << (20 + (v)))	/* fires vector v */
#define E1000E_CAUSES 0x01F00000u

#define PCI_CMD 0x04
#define PCI_CMD_MASTER 0x0004

static WDC_DEVICE_HANDLE dev;
static WD_PCI_SLOT slot;
static char bdf[WDC_PCI_SLOT_STR_LEN];

/* Unbind the e1000e from its driver, if one has it. */
static void release_from_driver(void)
{
	char path[256], link[256], drvname[64];
	ssize_t n;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/driver", bdf);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		return;		/* no driver */
	link[n] = '\0';
	snprintf(drvname, sizeof(drvname), "%s", strrchr(link, '/') + 1);
	if (!strcmp(drvname, "kagent"))
		return;
	snprintf(path, sizeof(path), "/sys/bus/pci/drivers/%s/unbind",
		 drvname);
	f = fopen(path, "w");
	ck_assert_msg(f != NULL, "%s: %s", path, strerror(errno));
	ck_assert_int_ge(fputs(bdf, f), 0);
	ck_assert_int_eq(fclose(f), 0);
}

static void setup(void)
{
	open_driver();
	ck_assert_msg(find_slot(E1000E_VID, E1000E_DID, &slot),
		      "no e1000e in this VM: start it with vm-run --q35 --nic");
	slot_name(&slot, bdf, sizeof(bdf));
	release_from_driver();
	dev = open_slot(&slot);
}

static void nic_quiesce(void);

static void teardown(void)
{
	if (dev) {
		nic_quiesce();	/* closing frees the vectors */
		ck_assert_ok(WDC_PciDeviceClose(dev));
	}
	dev = NULL;
	ck_assert_uint_eq(WDC_DriverClose(drv), WD_STATUS_SUCCESS);
	ck_assert_msg(proc_interrupts_lines("kagent") == 0,
		      "a kagent IRQ is left in /proc/interrupts");
}

static void nic_w(uint32_t off, uint32_t v)
{
	ck_assert_ok(WDC_WriteAddr32(dev, 0, off, v));
}

static uint32_t nic_r(uint32_t off)
{
	uint32_t v;

	ck_assert_ok(WDC_ReadAddr32(dev, 0, off, &v));
	return v;
}

/* Route causes 20..24 to vectors 0..4 and unmask only them. */
static void nic_route_causes(void)
{
	nic_w(E1000E_IMC, 0xffffffffu);
	(void)nic_r(E1000E_ICR);
	nic_w(E1000E_IVAR, E1000E_IVAR_0_TO_4);
	nic_w(E1000E_IMS, E1000E_CAUSES);
}

static void nic_fire(unsigned int vector)
{
	nic_w(E1000E_ICS, E1000E_CAUSE(vector));
}

/* Clear a cause: the NIC does not signal a cause again while it is set. */
static void nic_ack(unsigned int vector)
{
	nic_w(E1000E_ICR, E1000E_CAUSE(vector));
}

/*
 * Quiesce the NIC before its vectors go away: QEMU 7.2's e1000e arms an
 * interrupt-throttling timer (~128 us) after each MSI-X message and
 * aborts the whole VM if MSI-X is off when it fires
 * (e1000e_intrmgr_on_msix_throttling_timer).  Mask every cause and let
 * the timers run out first, as a driver quiesces a device.
 */
static void nic_quiesce(void)
{
	nic_w(E1000E_IMC, 0xffffffffu);
	pause_ms(20);
}

static void msix_disable(void)
{
	nic_quiesce();
	ck_assert_ok(WDC_IntDisable(dev));
}

/* In-kernel acknowledge on every vector: read the causes, clear them. */
static const WDC_TRANSFER nic_ack_cmds[] = {
	{ .cmdTrans = RM_DWORD, .dwOffset = E1000E_ICR },
	{ .cmdTrans = CMD_WRITE_LAST_READ, .dwOffset = E1000E_ICR },
};

static void enable_msix(const WDC_TRANSFER *cmds, uint32_t ncmds,
			INT_HANDLER handler, void *ctx)
{
	WDC_INT_INFO ii;

	ck_assert_ok(WDC_IntEnable(dev, cmds, ncmds,
				   INTERRUPT_MESSAGE_X | INTERRUPT_CMD_COPY,
				   handler, ctx, false));
	ck_assert_ok(WDC_IntGetInfo(dev, &ii));
	ck_assert_uint_eq(ii.dwEnabledIntType, INTERRUPT_MESSAGE_X);
	ck_assert_uint_eq(ii.dwVectors, E1000E_VECTORS);
	nic_route_causes();
}

START_TEST(test_msix_types)
{
	WDC_PCI_DEVICE_INFO info;
	WDC_INT_INFO ii;
	char name[64];
	unsigned int v;
	uint16_t cmd;

	ck_assert_ok(WDC_PciGetDeviceInfo(dev, &info));
	ck_assert(info.fMsix);
	ck_assert_uint_eq(info.dwMsixVectors, E1000E_VECTORS);

	/* Default order: MSI-X first, every vector enabled, each its IRQ. */
	ck_assert_ok(WDC_IntEnable(dev, NULL, 0, 0, NULL, NULL, false));
	ck_assert_uint_eq(WDC_GET_ENABLED_INT_TYPE(dev), INTERRUPT_MESSAGE_X);
	ck_assert_str_eq(WDC_IntType2Str(INTERRUPT_MESSAGE_X),
			 "MSI-X (Extended Message-Signaled Interrupt)");
	ck_assert_ok(WDC_IntGetInfo(dev, &ii));
	ck_assert_uint_eq(ii.dwVectors, E1000E_VECTORS);
	for (v = 0; v < E1000E_VECTORS; v++) {
		snprintf(name, sizeof(name), "kagent[%s]#%u", bdf, v);
		ck_assert_msg(proc_interrupts_lines(name) == 1,
			      "%s not in /proc/interrupts", name);
	}
	ck_assert_int_eq(proc_interrupts_lines("kagent"), E1000E_VECTORS);
	ck_assert_ok(WDC_PciReadCfg16(dev, PCI_CMD, &cmd));
	ck_assert_uint_eq(cmd & PCI_CMD_MASTER, PCI_CMD_MASTER);
	msix_disable();
	ck_assert_int_eq(proc_interrupts_lines("kagent"), 0);

	/* Forced types. */
	if (info.fMsi) {
		ck_assert_ok(WDC_IntEnable(dev, NULL, 0, INTERRUPT_MESSAGE,
					   NULL, NULL, false));
		ck_assert_uint_eq(WDC_GET_ENABLED_INT_TYPE(dev),
				  INTERRUPT_MESSAGE);
		msix_disable();
	}
	ck_assert_ok(WDC_IntEnable(dev, NULL, 0, INTERRUPT_LEVEL_SENSITIVE,
				   NULL, NULL, false));
	ck_assert_uint_eq(WDC_GET_ENABLED_INT_TYPE(dev),
			  INTERRUPT_LEVEL_SENSITIVE);
	ck_assert_ok(WDC_IntGetInfo(dev, &ii));
	ck_assert_uint_eq(ii.dwVectors, 1);
	msix_disable();
}
END_TEST

/*
 * Each cause arrives on its own vector, in order, in the handler thread,
 * acknowledged in the kernel by the commands run for that vector.
 */
START_TEST(test_msix_vectors_handler)
{
	unsigned int round, v, n = 0;
	struct rec r;

	rec_init(&r, dev, NULL);
	enable_msix(nic_ack_cmds, 2, rec_handler, &r);
	for (round = 0; round < 3; round++) {
		for (v = 0; v < E1000E_VECTORS; v++) {
			nic_fire(v);
			ck_rec_wait(&r, ++n);
			ck_assert_msg(r.hist[n - 1].dwLastMessage == v,
				      "fired vector %u, handler saw %u", v,
				      (unsigned int)
					      r.hist[n - 1].dwLastMessage);
			ck_assert_uint_eq(r.hist[n - 1].dwCounter, n);
			ck_assert_uint_eq(r.hist[n - 1].dwNewCount, 1);
			ck_assert_uint_eq(r.hist[n - 1].dwEnabledIntType,
					  INTERRUPT_MESSAGE_X);
			/* The cause the commands read and cleared. */
			ck_assert_uint_eq(r.hist[n - 1].dwNumCopied, 1);
			ck_assert_uint_eq(r.hist[n - 1].qwCopied[0] &
						  E1000E_CAUSES,
					  E1000E_CAUSE(v));
		}
		ck_assert_uint_eq(nic_r(E1000E_ICR) & E1000E_CAUSES, 0);
	}
	msix_disable();
	ck_assert_uint_eq(rec_calls(&r), n);
}
END_TEST

/* Each vector signals its own descriptor, and only that one. */
START_TEST(test_msix_vectors_eventfd)
{
	struct epoll_event ev, got[E1000E_VECTORS];
	int fds[E1000E_VECTORS], ep, fd;
	unsigned int round, v, u;
	WDC_INT_RESULT res;

	enable_msix(NULL, 0, NULL, NULL);
	ep = epoll_create1(EPOLL_CLOEXEC);
	ck_assert_int_ge(ep, 0);
	for (v = 0; v < E1000E_VECTORS; v++) {
		ck_assert_ok(WDC_IntGetEventFd(dev, v, &fds[v]));
		for (u = 0; u < v; u++)
			ck_assert_int_ne(fds[u], fds[v]);
		ev.events = EPOLLIN;
		ev.data.u32 = v;
		ck_assert_int_eq(epoll_ctl(ep, EPOLL_CTL_ADD, fds[v], &ev), 0);
	}
	ck_assert_st(WDC_IntGetEventFd(dev, E1000E_VECTORS, &fd),
		     WD_INVALID_PARAMETER);
	ck_assert_int_eq(epoll_wait(ep, got, E1000E_VECTORS, 0), 0);

	for (round = 0; round < 2; round++) {
		/* Backwards, so that the order is not that of the vectors. */
		for (u = 0; u < E1000E_VECTORS; u++) {
			v = E1000E_VECTORS - 1 - u;
			nic_fire(v);
			ck_assert_int_eq(epoll_wait(ep, got, E1000E_VECTORS,
						    INT_WAIT_MS),
					 1);
			ck_assert_msg(got[0].data.u32 == v,
				      "fired vector %u, descriptor of %u is readable",
				      v, (unsigned int)got[0].data.u32);
			ck_assert_uint_eq(efd_take(fds[v]), 1);
			ck_assert_int_eq(epoll_wait(ep, got, E1000E_VECTORS, 0),
					 0);
			nic_ack(v);
			ck_assert_ok(WDC_IntCount(dev, &res));
			ck_assert_uint_eq(res.dwLastMessage, v);
			ck_assert_uint_eq(res.dwNewCount, 1);
		}
	}
	close(ep);
	msix_disable();
}
END_TEST

/* The loopback trigger takes the same per-vector path. */
START_TEST(test_msix_trigger_per_vector)
{
	int fds[E1000E_VECTORS];
	WDC_INT_RESULT res;
	unsigned int v;

	enable_msix(NULL, 0, NULL, NULL);
	for (v = 0; v < E1000E_VECTORS; v++)
		ck_assert_ok(WDC_IntGetEventFd(dev, v, &fds[v]));
	ck_assert_ok(WDC_IntTrigger(dev, 3));
	ck_assert(fd_readable(fds[3], INT_WAIT_MS));
	for (v = 0; v < E1000E_VECTORS; v++)
		ck_assert_uint_eq(efd_take(fds[v]), v == 3 ? 1 : 0);
	ck_assert_ok(WDC_IntCount(dev, &res));
	ck_assert_uint_eq(res.dwLastMessage, 3);
	ck_assert_uint_eq(res.dwCounter, 1);
	ck_assert_st(WDC_IntTrigger(dev, E1000E_VECTORS),
		     WD_INVALID_PARAMETER);
	msix_disable();
}
END_TEST

static Suite *msix_suite(void)
{
	Suite *s = suite_create("guest_intr_msix");
	TCase *tc = tcase_create("e1000e");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_msix_types);
	tcase_add_test(tc, test_msix_vectors_handler);
	tcase_add_test(tc, test_msix_vectors_eventfd);
	tcase_add_test(tc, test_msix_trigger_per_vector);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(msix_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

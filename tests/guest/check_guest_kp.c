// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check_guest_kp.c - Kernel PlugIn tests in the VM against kagent, the
 * KP_PCI sample plugin and the edu device: opening (both methods, wrong
 * name, case, ABI mismatch), every message with data in and out, bad user
 * pointers, the shared-source promise (edu_lib.c in user mode and in the
 * plugin gives the same results), module lifetime (rmmod refused while
 * open) and cleanup when the process is killed.
 *
 * Environment (set by tests/vm/suite.test): WDKIT_KP_PCI_KO,
 * WDKIT_KP_BADABI_KO, WDKIT_KP_NO32_KO, WDKIT_KP_HELLO_KO (examples/kp_hello
 * built out of tree against the staged install): module files to load.
 */
#include <check.h>
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <wdc/wdc_lib.h>

#include "edu_lib.h"
#include "kp_pci.h"

static WDC_DRIVER_HANDLE drv;
static WDC_DEVICE_HANDLE dev;
static WD_PCI_SLOT edu_slot;

static void find_edu(void)
{
	WDC_PCI_SCAN_RESULT scan;

	ck_assert_uint_eq(WDC_DriverOpen(&drv, 0), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(WDC_PciScanDevices(drv, 0x1234, 0x11e8, &scan),
			  WD_STATUS_SUCCESS);
	ck_assert_msg(scan.dwNumDevices >= 1, "no edu device in this VM");
	edu_slot = scan.deviceSlot[0];
}

static void setup(void)
{
	find_edu();
	ck_assert_uint_eq(WDC_PciDeviceOpen(drv, &dev, &edu_slot, NULL, NULL,
					    NULL),
			  WD_STATUS_SUCCESS);
}

static void teardown(void)
{
	if (dev)
		WDC_PciDeviceClose(dev);
	dev = NULL;
	WDC_DriverClose(drv);
	drv = NULL;
}

static KP_PCI_OPEN_DATA open_data = { KP_PCI_OPEN_MAGIC, "check64" };

static void open_kp(void)
{
	ck_assert_msg(WDC_KernelPlugInOpen(dev, KP_PCI_DRIVER_NAME,
					   &open_data) == WD_STATUS_SUCCESS,
		      "%s", WDC_GetLastErrStr(drv));
}

static uint32_t call(uint32_t msg, void *data)
{
	uint32_t result = 0xdeadbeef;

	ck_assert_msg(WDC_CallKerPlug(dev, msg, data, &result) ==
		      WD_STATUS_SUCCESS, "%s", WDC_GetLastErrStr(drv));
	return result;
}

/* A module parameter of kp_pci, e.g. open_contexts. */
static int kp_param(const char *name)
{
	char path[128];
	FILE *f;
	int v = -1;

	snprintf(path, sizeof(path), "/sys/module/kp_pci/parameters/%s", name);
	f = fopen(path, "r");
	ck_assert_msg(f != NULL, "cannot read %s (kp_pci not loaded?)", path);
	ck_assert_int_eq(fscanf(f, "%d", &v), 1);
	fclose(f);
	return v;
}

static bool module_loaded(const char *name)
{
	char path[128];
	struct stat st;

	snprintf(path, sizeof(path), "/sys/module/%s", name);
	return stat(path, &st) == 0;
}

static int run(const char *fmt, const char *arg)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), fmt, arg);
	return system(cmd);
}

static void reload_kp_pci(void)
{
	const char *ko = getenv("WDKIT_KP_PCI_KO");

	ck_assert_msg(ko != NULL, "WDKIT_KP_PCI_KO is not set");
	if (!module_loaded("kp_pci"))
		ck_assert_int_eq(run("insmod %s", ko), 0);
}

START_TEST(test_open_by_name_and_info)
{
	KP_PCI_OPEN_INFO info;

	open_kp();
	ck_assert(WDC_IsKernelPlugInOpen(dev));
	memset(&info, 0, sizeof(info));
	ck_assert_uint_eq(call(KP_PCI_MSG_OPEN_INFO, &info), KP_PCI_STATUS_OK);
	/* A 64-bit caller reaches KP_Open, not KP_Open_32_64. */
	ck_assert_uint_eq(info.dwOpenBits, 64);
	ck_assert_uint_eq(info.dwMagic, KP_PCI_OPEN_MAGIC);
	ck_assert_str_eq(info.cClient, "check64");
	/* One plugin handle per device handle. */
	ck_assert_uint_eq(WDC_KernelPlugInOpen(dev, KP_PCI_DRIVER_NAME,
					       &open_data),
			  WD_DEVICE_BUSY);
	ck_assert_uint_eq(WDC_KernelPlugInClose(dev), WD_STATUS_SUCCESS);
	ck_assert(!WDC_IsKernelPlugInOpen(dev));
	ck_assert_uint_eq(WDC_KernelPlugInClose(dev), WD_INVALID_HANDLE);
}
END_TEST

START_TEST(test_open_through_device_open)
{
	WDC_DEVICE_HANDLE h = NULL;
	KP_PCI_VERSION_INFO ver;
	uint32_t result;

	WDC_PciDeviceClose(dev);
	dev = NULL;
	ck_assert_msg(WDC_PciDeviceOpen(drv, &h, &edu_slot, NULL,
					KP_PCI_DRIVER_NAME, &open_data) ==
		      WD_STATUS_SUCCESS, "%s", WDC_GetLastErrStr(drv));
	ck_assert(WDC_IsKernelPlugInOpen(h));
	ck_assert_uint_eq(WDC_CallKerPlug(h, KP_PCI_MSG_VERSION, &ver,
					  &result), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(result, KP_PCI_STATUS_OK);
	dev = h;
}
END_TEST

START_TEST(test_wrong_name_lists_loaded)
{
	ck_assert_uint_eq(WDC_KernelPlugInOpen(dev, "KP_NOSUCH", NULL),
			  WD_KERPLUG_FAILURE);
	ck_assert_ptr_nonnull(strstr(WDC_GetLastErrStr(drv),
				     "no Kernel PlugIn named 'KP_NOSUCH'"));
	ck_assert_ptr_nonnull(strstr(WDC_GetLastErrStr(drv), "KP_PCI"));
	/* And through the device-open method: the device is not left open. */
	WDC_PciDeviceClose(dev);
	dev = NULL;
	ck_assert_uint_eq(WDC_PciDeviceOpen(drv, &dev, &edu_slot, NULL,
					    "KP_NOSUCH", NULL),
			  WD_KERPLUG_FAILURE);
	dev = NULL;
	ck_assert_uint_eq(WDC_PciDeviceOpen(drv, &dev, &edu_slot, NULL, NULL,
					    NULL), WD_STATUS_SUCCESS);
}
END_TEST

START_TEST(test_name_case_insensitive)
{
	ck_assert_uint_eq(WDC_KernelPlugInOpen(dev, "kp_pci", &open_data),
			  WD_STATUS_SUCCESS);
}
END_TEST

START_TEST(test_open_data_checked)
{
	KP_PCI_OPEN_DATA bad_magic = { 1, "x" };
	KP_PCI_OPEN_DATA bad_ptr = { KP_PCI_OPEN_MAGIC, (const char *)8 };

	/* KP_Open refuses: no open data, bad magic, a bad string pointer. */
	ck_assert_uint_eq(WDC_KernelPlugInOpen(dev, KP_PCI_DRIVER_NAME, NULL),
			  WD_KERPLUG_FAILURE);
	ck_assert_ptr_nonnull(strstr(WDC_GetLastErrStr(drv), "refused"));
	ck_assert_uint_eq(WDC_KernelPlugInOpen(dev, KP_PCI_DRIVER_NAME,
					       &bad_magic),
			  WD_KERPLUG_FAILURE);
	ck_assert_uint_eq(WDC_KernelPlugInOpen(dev, KP_PCI_DRIVER_NAME,
					       &bad_ptr),
			  WD_KERPLUG_FAILURE);
	ck_assert_uint_eq(WDC_KernelPlugInOpen(dev, KP_PCI_DRIVER_NAME,
					       (void *)16),
			  WD_KERPLUG_FAILURE);
	ck_assert_int_eq(kp_param("open_contexts"), 0);
}
END_TEST

START_TEST(test_messages)
{
	KP_PCI_VERSION_INFO ver;
	KP_PCI_FACTORIAL fact = { 10, 0 };
	KP_PCI_COUNTERS cnt;
	KP_PCI_RW rw;
	uint32_t every;

	open_kp();
	memset(&ver, 0, sizeof(ver));
	ck_assert_uint_eq(call(KP_PCI_MSG_VERSION, &ver), KP_PCI_STATUS_OK);
	ck_assert_uint_eq(ver.dwVer, KP_PCI_VERSION);
	ck_assert_str_eq(ver.cVer, KP_PCI_VERSION_STR);

	rw.dwOffset = EDU_REG_ID;
	rw.dwValue = 0;
	ck_assert_uint_eq(call(KP_PCI_MSG_READ, &rw), KP_PCI_STATUS_OK);
	ck_assert_uint_eq(rw.dwValue, EDU_ID);

	rw.dwOffset = EDU_REG_LIVENESS;
	rw.dwValue = 0x12345678;
	ck_assert_uint_eq(call(KP_PCI_MSG_WRITE, &rw), KP_PCI_STATUS_OK);
	rw.dwValue = 0;
	ck_assert_uint_eq(call(KP_PCI_MSG_READ, &rw), KP_PCI_STATUS_OK);
	ck_assert_uint_eq(rw.dwValue, ~0x12345678u);

	/* Out of the BAR: the plugin's WDC call refuses, no crash. */
	rw.dwOffset = 1u << 20;
	ck_assert_uint_eq(call(KP_PCI_MSG_READ, &rw), KP_PCI_STATUS_INVALID);

	ck_assert_uint_eq(call(KP_PCI_MSG_FACTORIAL, &fact), KP_PCI_STATUS_OK);
	ck_assert_uint_eq(fact.dwResult, 3628800);

	every = 0;
	ck_assert_uint_eq(call(KP_PCI_MSG_SET_WAKE_EVERY, &every),
			  KP_PCI_STATUS_INVALID);
	every = 4;
	ck_assert_uint_eq(call(KP_PCI_MSG_SET_WAKE_EVERY, &every),
			  KP_PCI_STATUS_OK);
	memset(&cnt, 0xff, sizeof(cnt));
	ck_assert_uint_eq(call(KP_PCI_MSG_GET_COUNTERS, &cnt),
			  KP_PCI_STATUS_OK);
	ck_assert_uint_eq(cnt.dwWakeEvery, 4);
	ck_assert_uint_eq(cnt.qwIrqlCalls, 0);

	ck_assert_uint_eq(call(999, NULL), KP_PCI_STATUS_MSG_NO_IMPL);
}
END_TEST

START_TEST(test_bad_user_pointers)
{
	KP_PCI_RW *unmapped = (KP_PCI_RW *)(uintptr_t)0x10;

	open_kp();
	ck_assert_uint_eq(call(KP_PCI_MSG_READ, NULL), KP_PCI_STATUS_BAD_DATA);
	ck_assert_uint_eq(call(KP_PCI_MSG_READ, unmapped),
			  KP_PCI_STATUS_BAD_DATA);
	ck_assert_uint_eq(call(KP_PCI_MSG_VERSION, (void *)-4096L),
			  KP_PCI_STATUS_BAD_DATA);
	/* A kernel address is a bad user pointer too. */
	ck_assert_uint_eq(call(KP_PCI_MSG_FACTORIAL,
			       (void *)(uintptr_t)0xffffffff81000000ull),
			  KP_PCI_STATUS_BAD_DATA);
	/* The handle still works afterwards. */
	ck_assert_uint_eq(call(KP_PCI_MSG_VERSION,
			       &(KP_PCI_VERSION_INFO){ 0 }), KP_PCI_STATUS_OK);
}
END_TEST

START_TEST(test_shared_source_same_results)
{
	uint32_t n, user_id = 0, user_fact;
	KP_PCI_RW rw = { EDU_REG_ID, 0 };
	KP_PCI_FACTORIAL fact;

	open_kp();
	/* edu_lib.c compiled into this program ... */
	ck_assert_uint_eq(EDU_ReadId(dev, &user_id), WD_STATUS_SUCCESS);
	/* ... and into the plugin, on the kernel mapping. */
	ck_assert_uint_eq(call(KP_PCI_MSG_READ, &rw), KP_PCI_STATUS_OK);
	ck_assert_uint_eq(user_id, rw.dwValue);
	ck_assert_uint_eq(user_id, EDU_ID);
	for (n = 0; n <= 13; n++) {
		ck_assert_uint_eq(EDU_Factorial(dev, n, &user_fact),
				  WD_STATUS_SUCCESS);
		fact.dwN = n;
		fact.dwResult = 0;
		ck_assert_uint_eq(call(KP_PCI_MSG_FACTORIAL, &fact),
				  KP_PCI_STATUS_OK);
		ck_assert_uint_eq(fact.dwResult, user_fact);
	}
	ck_assert_uint_eq(user_fact, 1932053504u);	/* 13! wraps */
}
END_TEST

START_TEST(test_list_and_device_close_closes_kp)
{
	char names[256];
	uint32_t count = 0;

	ck_assert_uint_eq(WDC_KernelPlugInList(drv, names, sizeof(names),
					       &count), WD_STATUS_SUCCESS);
	ck_assert_uint_ge(count, 1);
	ck_assert_ptr_nonnull(strstr(names, "KP_PCI"));

	open_kp();
	ck_assert_int_eq(kp_param("open_contexts"), 1);
	WDC_PciDeviceClose(dev);	/* closes the plugin handle: KP_Close */
	dev = NULL;
	ck_assert_int_eq(kp_param("open_contexts"), 0);
}
END_TEST

START_TEST(test_rmmod_refused_while_open)
{
	open_kp();
	/* kagent holds a reference on the plugin module while it is open. */
	ck_assert_int_ne(run("rmmod %s 2>/dev/null", "kp_pci"), 0);
	ck_assert(module_loaded("kp_pci"));
	ck_assert_uint_eq(WDC_KernelPlugInClose(dev), WD_STATUS_SUCCESS);
	ck_assert_int_eq(run("rmmod %s", "kp_pci"), 0);
	ck_assert(!module_loaded("kp_pci"));
	/* Gone: opening it names what is loaded instead. */
	ck_assert_uint_eq(WDC_KernelPlugInOpen(dev, KP_PCI_DRIVER_NAME,
					       &open_data),
			  WD_KERPLUG_FAILURE);
	reload_kp_pci();
	open_kp();
}
END_TEST

START_TEST(test_kill_with_plugin_open)
{
	int ready[2];
	pid_t pid;
	char c;

	/* The child opens its own device + plugin: free them here first. */
	WDC_PciDeviceClose(dev);
	dev = NULL;
	ck_assert_int_eq(pipe(ready), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		WDC_DRIVER_HANDLE d;
		WDC_DEVICE_HANDLE h;

		close(ready[0]);
		if (WDC_DriverOpen(&d, 0) ||
		    WDC_PciDeviceOpen(d, &h, &edu_slot, NULL,
				      KP_PCI_DRIVER_NAME, &open_data))
			_exit(1);
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(ready[1]);
	ck_assert_int_eq(read(ready[0], &c, 1), 1);
	ck_assert_int_eq(kp_param("open_contexts"), 1);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	/* KP_Close ran, the module reference is gone, the device is free. */
	ck_assert_int_eq(kp_param("open_contexts"), 0);
	ck_assert_int_eq(run("rmmod %s", "kp_pci"), 0);
	reload_kp_pci();
	ck_assert_uint_eq(WDC_PciDeviceOpen(drv, &dev, &edu_slot, NULL,
					    KP_PCI_DRIVER_NAME, &open_data),
			  WD_STATUS_SUCCESS);
}
END_TEST

START_TEST(test_abi_mismatch_refused)
{
	const char *ko = getenv("WDKIT_KP_BADABI_KO");

	ck_assert_msg(ko != NULL, "WDKIT_KP_BADABI_KO is not set");
	/* kagent refuses the module at load: insmod fails. */
	ck_assert_int_ne(run("insmod %s 2>/dev/null", ko), 0);
	ck_assert(!module_loaded("kp_badabi"));
	ck_assert_int_eq(run("dmesg | grep -q 'refusing Kernel PlugIn module %s: built for Kernel PlugIn ABI 0.9'",
			     "kp_badabi"), 0);
	ck_assert_uint_eq(WDC_KernelPlugInOpen(dev, "kp_badabi", NULL),
			  WD_INCORRECT_VERSION);
	ck_assert_ptr_nonnull(strstr(WDC_GetLastErrStr(drv),
				     "built for another Kernel PlugIn ABI"));
	ck_assert_ptr_nonnull(strstr(WDC_GetLastErrStr(drv), "ABI 0.9"));
}
END_TEST

START_TEST(test_plugin_without_open32_works_for_64bit)
{
	const char *ko = getenv("WDKIT_KP_NO32_KO");
	uint32_t result = 0;

	ck_assert_msg(ko != NULL, "WDKIT_KP_NO32_KO is not set");
	if (!module_loaded("kp_no32"))
		ck_assert_int_eq(run("insmod %s", ko), 0);
	ck_assert_uint_eq(WDC_KernelPlugInOpen(dev, "KP_NO32", NULL),
			  WD_STATUS_SUCCESS);
	ck_assert_uint_eq(WDC_CallKerPlug(dev, 41, NULL, &result),
			  WD_STATUS_SUCCESS);
	ck_assert_uint_eq(result, 42);
}
END_TEST

START_TEST(test_out_of_tree_plugin)
{
	const char *ko = getenv("WDKIT_KP_HELLO_KO");
	uint32_t result = 0;

	/* examples/kp_hello, built against the installed headers + symvers. */
	ck_assert_msg(ko != NULL, "WDKIT_KP_HELLO_KO is not set");
	if (!module_loaded("kp_hello"))
		ck_assert_int_eq(run("insmod %s", ko), 0);
	ck_assert_msg(WDC_KernelPlugInOpen(dev, "KP_HELLO", NULL) ==
		      WD_STATUS_SUCCESS, "%s", WDC_GetLastErrStr(drv));
	ck_assert_uint_eq(WDC_CallKerPlug(dev, 0, NULL, &result),
			  WD_STATUS_SUCCESS);
	ck_assert_uint_eq(result, EDU_ID);
	ck_assert_uint_eq(WDC_CallKerPlug(dev, 41, NULL, &result),
			  WD_STATUS_SUCCESS);
	ck_assert_uint_eq(result, 42);
}
END_TEST

/* ------------------------------------------------------------------------
 * Interrupts handled by the plugin (WDC_IntEnable with fUseKP)
 * ------------------------------------------------------------------------ */

#define KP_N_RAISES 20u
#define KP_WAKE_EVERY 4u

/* What the user-mode handler saw; it runs in the library's thread. */
struct kp_rec {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	unsigned int calls;
	WDC_INT_RESULT last;
};

static struct kp_rec kprec;

static void kp_handler(void *pData, const WDC_INT_RESULT *res)
{
	struct kp_rec *r = pData;

	pthread_mutex_lock(&r->lock);
	r->calls++;
	r->last = *res;
	pthread_cond_broadcast(&r->cond);
	pthread_mutex_unlock(&r->lock);
}

static void kp_rec_init(struct kp_rec *r)
{
	memset(r, 0, sizeof(*r));
	pthread_mutex_init(&r->lock, NULL);
	pthread_cond_init(&r->cond, NULL);
}

/* Wait until the handler has seen a count of @count (10 s at most). */
static void kp_rec_wait(struct kp_rec *r, uint64_t count)
{
	struct timespec until;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 10;
	pthread_mutex_lock(&r->lock);
	while (r->last.qwCounter < count &&
	       pthread_cond_timedwait(&r->cond, &r->lock, &until) == 0)
		;
	pthread_mutex_unlock(&r->lock);
	ck_assert_msg(r->last.qwCounter >= count,
		      "user handler saw count %llu, want %llu",
		      (unsigned long long)r->last.qwCounter,
		      (unsigned long long)count);
}

static KP_PCI_COUNTERS kp_counters(void)
{
	KP_PCI_COUNTERS c;

	memset(&c, 0, sizeof(c));
	ck_assert_uint_eq(call(KP_PCI_MSG_GET_COUNTERS, &c), KP_PCI_STATUS_OK);
	return c;
}

/* Raise once and wait until the plugin has acknowledged it in the kernel. */
static void kp_raise_acked(uint64_t mine_after)
{
	unsigned int i;

	ck_assert_uint_eq(EDU_RaiseInterrupt(dev, 1), WD_STATUS_SUCCESS);
	for (i = 0; i < 5000 && kp_counters().qwMine < mine_after; i++)
		usleep(2000);
	ck_assert_uint_eq(kp_counters().qwMine, mine_after);
}

/*
 * N raises: N KP_IntAtIrql calls that claim and acknowledge in the kernel,
 * DPCs that see all N, and N / k user wakes (the plugin's choice).
 */
static void kp_int_every_k(uint32_t options, uint32_t want_type)
{
	uint32_t every = KP_WAKE_EVERY;
	KP_PCI_COUNTERS c;
	unsigned int i;

	open_kp();
	ck_assert_uint_eq(call(KP_PCI_MSG_SET_WAKE_EVERY, &every),
			  KP_PCI_STATUS_OK);
	kp_rec_init(&kprec);
	ck_assert_msg(WDC_IntEnable(dev, NULL, 0, options, kp_handler, &kprec,
				    true) == WD_STATUS_SUCCESS,
		      "%s", WDC_GetLastErrStr(drv));
	ck_assert_uint_eq(WDC_GET_ENABLED_INT_TYPE(dev), want_type);
	c = kp_counters();
	ck_assert_uint_eq(c.dwIntEnables, 1);
	for (i = 1; i <= KP_N_RAISES; i++)
		kp_raise_acked(i);
	kp_rec_wait(&kprec, KP_N_RAISES / KP_WAKE_EVERY);
	usleep(200000);		/* no extra wake may follow */
	c = kp_counters();
	ck_assert_uint_eq(c.qwMine, KP_N_RAISES);
	ck_assert_uint_ge(c.qwIrqlCalls, KP_N_RAISES);
	ck_assert_uint_eq(c.qwDpcCount, KP_N_RAISES);
	ck_assert_uint_eq(c.qwUserWakes, KP_N_RAISES / KP_WAKE_EVERY);
	pthread_mutex_lock(&kprec.lock);
	ck_assert_uint_eq(kprec.last.qwCounter, KP_N_RAISES / KP_WAKE_EVERY);
	ck_assert_uint_eq(kprec.last.dwEnabledIntType, want_type);
	ck_assert_uint_ne(kprec.last.qwIrqTimeNs, 0);
	ck_assert_uint_ge(kprec.last.qwWakeTimeNs, kprec.last.qwIrqTimeNs);
	pthread_mutex_unlock(&kprec.lock);
	if (want_type == INTERRUPT_MESSAGE)	/* MSI: nothing else fires it */
		ck_assert_uint_eq(c.qwIrqlCalls, KP_N_RAISES);
	i = (unsigned int)kp_param("int_disables");
	ck_assert_uint_eq(WDC_IntDisable(dev), WD_STATUS_SUCCESS);
	ck_assert_int_eq(kp_param("int_disables"), (int)i + 1);
}

START_TEST(test_kp_int_intx_every_k)
{
	kp_int_every_k(INTERRUPT_LEVEL_SENSITIVE, INTERRUPT_LEVEL_SENSITIVE);
}
END_TEST

START_TEST(test_kp_int_msi_every_k)
{
	kp_int_every_k(INTERRUPT_MESSAGE, INTERRUPT_MESSAGE);
}
END_TEST

/*
 * Transfer commands given with the plugin run after KP_IntAtDpc: their
 * values reach the user handler.
 */
START_TEST(test_kp_int_with_transfer_commands)
{
	const WDC_TRANSFER id_cmd[] = {
		{ .cmdTrans = RM_DWORD, .dwAddrSpace = 0, .dwOffset = EDU_REG_ID },
	};

	open_kp();
	kp_rec_init(&kprec);
	ck_assert_uint_eq(WDC_IntEnable(dev, id_cmd, 1,
					INTERRUPT_MESSAGE | INTERRUPT_CMD_COPY,
					kp_handler, &kprec, true),
			  WD_STATUS_SUCCESS);
	kp_raise_acked(1);
	kp_rec_wait(&kprec, 1);
	pthread_mutex_lock(&kprec.lock);
	ck_assert_uint_eq(kprec.last.dwNumCopied, 1);
	ck_assert_uint_eq(kprec.last.qwCopied[0], EDU_ID);
	pthread_mutex_unlock(&kprec.lock);
	ck_assert_uint_eq(WDC_IntDisable(dev), WD_STATUS_SUCCESS);
}
END_TEST

/* The loopback trigger goes through the plugin's DPC. */
START_TEST(test_kp_int_trigger)
{
	KP_PCI_COUNTERS c;

	open_kp();
	kp_rec_init(&kprec);
	ck_assert_uint_eq(WDC_IntEnable(dev, NULL, 0, INTERRUPT_MESSAGE,
					kp_handler, &kprec, true),
			  WD_STATUS_SUCCESS);
	ck_assert_uint_eq(WDC_IntTrigger(dev, 0), WD_STATUS_SUCCESS);
	kp_rec_wait(&kprec, 1);
	c = kp_counters();
	ck_assert_uint_eq(c.qwDpcCalls, 1);
	ck_assert_uint_eq(c.qwIrqlCalls, 0);	/* no hardware to acknowledge */
	ck_assert_uint_eq(WDC_IntDisable(dev), WD_STATUS_SUCCESS);
}
END_TEST

/* Closing the plugin handle disables its interrupts first. */
START_TEST(test_kp_close_disables_interrupts)
{
	int disables;

	open_kp();
	ck_assert_uint_eq(WDC_IntEnable(dev, NULL, 0, INTERRUPT_MESSAGE, NULL,
					NULL, true),
			  WD_STATUS_SUCCESS);
	disables = kp_param("int_disables");
	ck_assert_uint_eq(WDC_KernelPlugInClose(dev), WD_STATUS_SUCCESS);
	ck_assert_int_eq(kp_param("int_disables"), disables + 1);
	ck_assert_int_eq(kp_param("open_contexts"), 0);
	/* No IRQ of ours is left. */
	ck_assert_int_ne(run("grep -q 'kagent\\[' /proc/interrupts%s", ""), 0);
}
END_TEST

/* Killed with plugin interrupts on: KP_IntDisable, KP_Close, IRQ freed. */
START_TEST(test_kp_kill_with_interrupts)
{
	int ready[2], disables;
	pid_t pid;
	char c;

	WDC_PciDeviceClose(dev);
	dev = NULL;
	disables = kp_param("int_disables");
	ck_assert_int_eq(pipe(ready), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		WDC_DRIVER_HANDLE d;
		WDC_DEVICE_HANDLE h;

		close(ready[0]);
		if (WDC_DriverOpen(&d, 0) ||
		    WDC_PciDeviceOpen(d, &h, &edu_slot, NULL,
				      KP_PCI_DRIVER_NAME, &open_data) ||
		    WDC_IntEnable(h, NULL, 0, INTERRUPT_MESSAGE, NULL, NULL,
				  true))
			_exit(1);
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(ready[1]);
	ck_assert_int_eq(read(ready[0], &c, 1), 1);
	ck_assert_int_eq(run("grep -q 'kagent\\[' /proc/interrupts%s", ""), 0);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	ck_assert_int_eq(kp_param("int_disables"), disables + 1);
	ck_assert_int_eq(kp_param("open_contexts"), 0);
	ck_assert_int_ne(run("grep -q 'kagent\\[' /proc/interrupts%s", ""), 0);
	ck_assert_uint_eq(WDC_PciDeviceOpen(drv, &dev, &edu_slot, NULL, NULL,
					    NULL), WD_STATUS_SUCCESS);
}
END_TEST

/*
 * The plugin writes to the Debug Monitor, from KP_Open, KP_Call and its
 * hard IRQ handler; its records, the agent's and a user program's come in
 * order, with the right source, context and device.
 */
START_TEST(test_kp_trace_records)
{
	WDC_TRACE_RECORD recs[64];
	WDC_TRACE_READER rd = NULL;
	KP_PCI_VERSION_INFO ver;
	int at_open = -1, at_user = -1, at_irq = -1, at_call = -1, idx = 0;
	uint64_t last_seq = 0;
	uint32_t n, i;

	ck_assert_uint_eq(WDC_TraceOn(drv, D_TRACE, S_ALL), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(WDC_TraceClear(drv), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(WDC_TraceReaderOpen(drv, 0, &rd), WD_STATUS_SUCCESS);

	open_kp();
	ck_assert_uint_eq(WDC_Trace(drv, "user record %d", 42),
			  WD_STATUS_SUCCESS);
	ck_assert_uint_eq(call(KP_PCI_MSG_VERSION, &ver), KP_PCI_STATUS_OK);
	kp_rec_init(&kprec);
	ck_assert_uint_eq(WDC_IntEnable(dev, NULL, 0, INTERRUPT_MESSAGE,
					kp_handler, &kprec, true),
			  WD_STATUS_SUCCESS);
	kp_raise_acked(1);
	kp_rec_wait(&kprec, 1);
	ck_assert_uint_eq(WDC_IntDisable(dev), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(WDC_TraceOff(drv), WD_STATUS_SUCCESS);

	do {
		ck_assert_uint_eq(WDC_TraceRead(rd, recs, 64, &n, 500),
				  WD_STATUS_SUCCESS);
		for (i = 0; i < n; i++, idx++) {
			const WDC_TRACE_RECORD *r = &recs[i];
			bool plugin = r->dwSourceType == WDC_TRACE_SRC_PLUGIN &&
				      !strcmp(r->cSource, "kp_pci");

			ck_assert(!r->fLost);
			ck_assert_uint_gt(r->qwSeq, last_seq);
			last_seq = r->qwSeq;
			if (plugin && strstr(r->cMessage, "opened by 'check64'")) {
				ck_assert_uint_eq(r->dwSection, S_KER_PLUG);
				ck_assert(r->dwFlags & WDC_TRACE_REC_DEV);
				ck_assert_uint_eq(r->pciSlot.dwBus, edu_slot.dwBus);
				ck_assert_uint_eq(r->pciSlot.dwSlot,
						  edu_slot.dwSlot);
				ck_assert_uint_eq(r->dwPid, (uint32_t)getpid());
				at_open = idx;
			} else if (r->dwSourceType == WDC_TRACE_SRC_USER &&
				   !strcmp(r->cMessage, "user record 42")) {
				ck_assert_uint_eq(r->dwPid, (uint32_t)getpid());
				at_user = idx;
			} else if (plugin && !strcmp(r->cMessage, "message 1")) {
				at_call = idx;
			} else if (plugin &&
				   strstr(r->cMessage, "KP_IntAtIrqlMSI: vector 0")) {
				/* Written in the hard IRQ handler. */
				ck_assert(r->dwFlags & WDC_TRACE_REC_HARDIRQ);
				ck_assert_uint_eq(r->dwPid, 0);
				ck_assert_uint_eq(r->dwLevel, D_TRACE);
				at_irq = idx;
			}
		}
	} while (n);
	WDC_TraceReaderClose(rd);
	ck_assert_msg(at_open >= 0 && at_user >= 0 && at_call >= 0 &&
		      at_irq >= 0,
		      "missing records: open %d, user %d, call %d, irq %d",
		      at_open, at_user, at_call, at_irq);
	ck_assert_int_lt(at_open, at_user);
	ck_assert_int_lt(at_user, at_call);
	ck_assert_int_lt(at_call, at_irq);
}
END_TEST

static Suite *kp_suite(void)
{
	Suite *s = suite_create("guest_kp");
	TCase *tc = tcase_create("kp");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_open_by_name_and_info);
	tcase_add_test(tc, test_open_through_device_open);
	tcase_add_test(tc, test_wrong_name_lists_loaded);
	tcase_add_test(tc, test_name_case_insensitive);
	tcase_add_test(tc, test_open_data_checked);
	tcase_add_test(tc, test_messages);
	tcase_add_test(tc, test_bad_user_pointers);
	tcase_add_test(tc, test_shared_source_same_results);
	tcase_add_test(tc, test_list_and_device_close_closes_kp);
	tcase_add_test(tc, test_rmmod_refused_while_open);
	tcase_add_test(tc, test_kill_with_plugin_open);
	tcase_add_test(tc, test_abi_mismatch_refused);
	tcase_add_test(tc, test_plugin_without_open32_works_for_64bit);
	tcase_add_test(tc, test_out_of_tree_plugin);
	tcase_add_test(tc, test_kp_int_intx_every_k);
	tcase_add_test(tc, test_kp_int_msi_every_k);
	tcase_add_test(tc, test_kp_int_with_transfer_commands);
	tcase_add_test(tc, test_kp_int_trigger);
	tcase_add_test(tc, test_kp_close_disables_interrupts);
	tcase_add_test(tc, test_kp_kill_with_interrupts);
	tcase_add_test(tc, test_kp_trace_records);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(kp_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

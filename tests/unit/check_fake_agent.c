// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check_fake_agent.c - host tests of the library against a fake agent: this
 * program defines ioctl() itself, so the library (compiled in) talks to the
 * code below instead of kagent.  The agent "file" is /dev/null (mmap of it
 * fails, so the tests also cover the fall-back to agent access).  Checks
 * what the library sends (struct fields, chunking, widths) and how it
 * reports the agent's answers (status codes, error texts).
 */
#include "wdc_internal.h"

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NR(req) (_IOC_NR(req) - KAG_IOC_BASE)
#define MAX_REC 16

/* The fake agent: state, what it answers and what it was asked. */
static struct {
	int calls[8];		/* per ioctl */
	int err[8];		/* errno to fail each ioctl with */
	uint32_t abi;
	char bound[KAG_DRIVER_NAME_LEN];
	uint32_t next_handle;
	struct kag_version version_req;
	struct kag_dev_open open_req;
	struct kag_dev_info info;
	uint32_t info_handle;
	uint32_t closed[MAX_REC];
	int nclosed;
	struct kag_rw rw[MAX_REC];
	int nrw;
	uint64_t rw_value;
	struct kag_block blk[MAX_REC];
	int nblk;
	struct kag_multi multi;
	struct kag_transfer cmds[MAX_REC];	/* as received */
	uint32_t failed_index;
	struct kag_cfg cfg_req[64];
	int ncfg;
	uint8_t cfg[256];
} fk;

static void record(void *dst, const void *src, size_t len, int *n, int max)
{
	if (*n < max)
		memcpy((char *)dst + (size_t)*n * len, src, len);
	(*n)++;
}

static int fake_fail(int nr)
{
	errno = fk.err[nr];
	return -1;
}

int ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	void *arg;
	int nr;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (_IOC_TYPE(req) != KAG_IOC_TYPE)
		return (int)syscall(SYS_ioctl, fd, req, arg);
	nr = NR(req);
	if (nr < 0 || nr > 7) {
		errno = ENOTTY;
		return -1;
	}
	fk.calls[nr]++;

	switch (req) {
	case KAG_IOC_GET_VERSION: {
		struct kag_version *v = arg;

		fk.version_req = *v;
		if (fk.err[nr])
			return fake_fail(nr);
		v->abi_version = fk.abi;
		strcpy(v->agent_version, "fake-agent 0.1");
		return 0;
	}
	case KAG_IOC_DEV_OPEN: {
		struct kag_dev_open *o = arg;

		fk.open_req = *o;
		if (fk.err[nr]) {
			if (fk.err[nr] == EBUSY)
				memcpy(o->bound_driver, fk.bound,
				       sizeof(fk.bound));
			return fake_fail(nr);
		}
		o->handle = fk.next_handle++;
		return 0;
	}
	case KAG_IOC_DEV_CLOSE: {
		struct kag_dev_close *c = arg;

		ck_assert_uint_eq(c->argsz, sizeof(*c));
		if (fk.nclosed < MAX_REC)
			fk.closed[fk.nclosed] = c->handle;
		fk.nclosed++;
		return fk.err[nr] ? fake_fail(nr) : 0;
	}
	case KAG_IOC_DEV_INFO: {
		struct kag_dev_info *i = arg;

		ck_assert_uint_eq(i->argsz, sizeof(*i));
		fk.info_handle = i->handle;
		if (fk.err[nr])
			return fake_fail(nr);
		*i = fk.info;
		i->handle = fk.info_handle;
		return 0;
	}
	case KAG_IOC_RW: {
		struct kag_rw *r = arg;

		record(fk.rw, r, sizeof(*r), &fk.nrw, MAX_REC);
		if (fk.err[nr])
			return fake_fail(nr);
		if (!(r->flags & KAG_RW_WRITE))
			r->value = fk.rw_value;
		return 0;
	}
	case KAG_IOC_BLOCK: {
		struct kag_block *b = arg;

		record(fk.blk, b, sizeof(*b), &fk.nblk, MAX_REC);
		if (fk.err[nr])
			return fake_fail(nr);
		if (!(b->flags & KAG_RW_WRITE) && b->length <= 4096)
			for (uint64_t i = 0; i < b->length; i++)
				((uint8_t *)(uintptr_t)b->buf)[i] = (uint8_t)(i + 1);
		return 0;
	}
	case KAG_IOC_MULTI: {
		struct kag_multi *m = arg;
		struct kag_transfer *t = (struct kag_transfer *)(uintptr_t)m->cmds;

		fk.multi = *m;
		memcpy(fk.cmds, t,
		       (m->count < MAX_REC ? m->count : MAX_REC) * sizeof(*t));
		if (fk.err[nr]) {
			if (fk.err[nr] == EINVAL)
				m->failed_index = fk.failed_index;
			return fake_fail(nr);
		}
		for (uint32_t i = 0; i < m->count; i++)
			if (t[i].cmd == KAG_TRANS_READ)
				t[i].value = t[i].offset ^ 0xa5a5a5a5u;
		return 0;
	}
	case KAG_IOC_CFG: {
		struct kag_cfg *c = arg;

		record(fk.cfg_req, c, sizeof(*c), &fk.ncfg, 64);
		if (fk.err[nr])
			return fake_fail(nr);
		for (uint32_t i = 0; i < c->width; i++) {
			if (c->flags & KAG_RW_WRITE)
				fk.cfg[c->offset + i] = (uint8_t)(c->value >> (8 * i));
			else if (!i)
				c->value = fk.cfg[c->offset];
			else
				c->value |= (uint32_t)fk.cfg[c->offset + i] << (8 * i);
		}
		return 0;
	}
	default:
		errno = ENOTTY;
		return -1;
	}
}

static int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static WDC_DRIVER_HANDLE drv;
static const WD_PCI_SLOT edu_slot = { 0, 0, 3, 0 };

static void setup(void)
{
	struct kag_dev_info *i = &fk.info;

	memset(&fk, 0, sizeof(fk));
	fk.abi = KAG_ABI_VERSION;
	fk.next_handle = 7;
	i->argsz = sizeof(*i);
	i->bus = 0;
	i->dev = 3;
	i->revision = 0x10;
	i->vendor_id = 0x1234;
	i->device_id = 0x11e8;
	i->subsys_vendor_id = 0x1af4;
	i->subsys_device_id = 0x1100;
	i->class_code = 0x00ff00;
	i->irq_pin = 1;
	i->msi_vectors = 1;
	i->msix_vectors = 0;
	i->irq_line = 10;
	i->cfg_size = 256;
	i->flags = KAG_DEV_MSI;
	i->bar[0].start = 0xfe000000;
	i->bar[0].length = 64u << 20;
	i->bar[0].mmap_offset = (uint64_t)(7 * 8 + 0) << KAG_MMAP_BAR_SHIFT;
	i->bar[0].flags = KAG_BAR_MEM | KAG_BAR_MMAP;
	i->bar[1].start = 0xc000;
	i->bar[1].length = 256;
	i->bar[1].flags = KAG_BAR_IO;
	for (int k = 0; k < 256; k++)
		fk.cfg[k] = (uint8_t)(k * 7 + 3);
	drv = NULL;
	ck_assert_uint_eq(WDC_DriverOpenPath(&drv, "/dev/null", 0),
			  WD_STATUS_SUCCESS);
}

static void teardown(void)
{
	if (drv)
		ck_assert_uint_eq(WDC_DriverClose(drv), WD_STATUS_SUCCESS);
}

static void expect_err(const char *part)
{
	const char *e = WDC_GetLastErrStr(drv);

	ck_assert_msg(strstr(e, part), "last error '%s' lacks '%s'", e, part);
}

static WDC_DEVICE_HANDLE open_edu(void)
{
	WDC_DEVICE_HANDLE h = NULL;

	ck_assert_uint_eq(WDC_PciDeviceOpen(drv, &h, &edu_slot, &fk, NULL,
					    NULL),
			  WD_STATUS_SUCCESS);
	ck_assert_ptr_nonnull(h);
	return h;
}

START_TEST(test_version_mismatch)
{
	WDC_DRIVER_HANDLE h = NULL;
	char err[WDC_ERR_STR_LEN], want[WDC_ERR_STR_LEN];
	int fds = count_fds();

	fk.abi = (KAG_ABI_MAJOR + 1) << 16;
	ck_assert_uint_eq(WDC_DriverOpenEx(&h, "/dev/null", 0, err,
					   sizeof(err)),
			  WD_INCORRECT_VERSION);
	ck_assert_ptr_null(h);
	snprintf(want, sizeof(want),
		 "kagent ABI %d.0 is incompatible with libwdc ABI %d.%d: install matching versions",
		 KAG_ABI_MAJOR + 1, KAG_ABI_MAJOR, KAG_ABI_MINOR);
	ck_assert_str_eq(err, want);
	ck_assert_uint_eq(fk.version_req.argsz, sizeof(struct kag_version));
	ck_assert_int_eq(count_fds(), fds);
	/* Version check even with WinDriver's "basic" options. */
	ck_assert_uint_eq(WDC_DriverOpenPath(&h, "/dev/null",
					     WDC_DRV_OPEN_BASIC),
			  WD_INCORRECT_VERSION);
}
END_TEST

START_TEST(test_version_older)
{
	WDC_DRIVER_HANDLE h = NULL;
	char err[WDC_ERR_STR_LEN];

	/* an older major, whatever its minor */
	fk.abi = (uint32_t)(KAG_ABI_MAJOR - 1) << 16 | 0xffff;
	ck_assert_uint_eq(WDC_DriverOpenEx(&h, "/dev/null", 0, err,
					   sizeof(err)),
			  WD_INCORRECT_VERSION);
	ck_assert_ptr_null(h);
	ck_assert_ptr_nonnull(strstr(err, "install matching versions"));
	if (KAG_ABI_MINOR == 0)
		return;
	fk.abi = KAG_ABI_VERSION - 1;	/* same major, older minor */
	ck_assert_uint_eq(WDC_DriverOpenEx(&h, "/dev/null", 0, err,
					   sizeof(err)),
			  WD_INCORRECT_VERSION);
	ck_assert_ptr_nonnull(strstr(err, "the agent is older than the library"));
}
END_TEST

START_TEST(test_version_newer_minor)
{
	WDC_DRIVER_HANDLE h = NULL;
	char ver[64];
	uint32_t abi;

	fk.abi = KAG_ABI_VERSION + 7;
	ck_assert_uint_eq(WDC_DriverOpenPath(&h, "/dev/null",
					     WDC_DRV_OPEN_DEFAULT),
			  WD_STATUS_SUCCESS);
	ck_assert_uint_eq(WDC_GetAgentVersion(h, &abi, ver, sizeof(ver)),
			  WD_STATUS_SUCCESS);
	ck_assert_uint_eq(abi, KAG_ABI_VERSION + 7);
	ck_assert_str_eq(ver, "fake-agent 0.1");
	ck_assert_str_eq(WDC_GetLastErrStr(h), "");
	ck_assert_uint_eq(WDC_DriverClose(h), WD_STATUS_SUCCESS);
}
END_TEST

START_TEST(test_version_query_fails)
{
	WDC_DRIVER_HANDLE h = NULL;
	char err[WDC_ERR_STR_LEN];

	fk.err[0] = EACCES;
	ck_assert_uint_eq(WDC_DriverOpenEx(&h, "/dev/null", 0, err,
					   sizeof(err)),
			  WD_PERMISSION_DENIED);
	ck_assert_str_eq(err,
			 "cannot query the kagent version on /dev/null: Permission denied");
}
END_TEST

START_TEST(test_open_request)
{
	WD_PCI_SLOT slot = { 0x10000, 0xe1, 0x1f, 7 };
	WDC_DEVICE_HANDLE h = NULL;

	ck_assert_uint_eq(WDC_PciDeviceOpen(drv, &h, &slot, NULL, NULL, NULL),
			  WD_STATUS_SUCCESS);
	ck_assert_uint_eq(fk.open_req.argsz, sizeof(struct kag_dev_open));
	ck_assert_uint_eq(fk.open_req.flags, 0);
	ck_assert_uint_eq(fk.open_req.domain, 0x10000);
	ck_assert_uint_eq(fk.open_req.bus, 0xe1);
	ck_assert_uint_eq(fk.open_req.dev, 0x1f);
	ck_assert_uint_eq(fk.open_req.fn, 7);
	ck_assert_uint_eq(fk.open_req.reserved0, 0);
	ck_assert_uint_eq(fk.open_req.reserved1, 0);
	ck_assert_uint_eq(fk.calls[NR(KAG_IOC_DEV_INFO)], 1);
	ck_assert_uint_eq(fk.info_handle, 7);
}
END_TEST

START_TEST(test_open_info)
{
	WDC_DEVICE_HANDLE h = open_edu();
	WDC_PCI_DEVICE_INFO info;
	const WDC_ADDR_DESC *d;

	ck_assert_ptr_eq(WDC_GetDevContext(h), &fk);
	ck_assert_uint_eq(WDC_PciGetDeviceInfo(h, &info), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(info.pciId.dwVendorId, 0x1234);
	ck_assert_uint_eq(info.pciId.dwDeviceId, 0x11e8);
	ck_assert_uint_eq(info.dwClassCode, 0x00ff00);
	ck_assert_uint_eq(info.bRevision, 0x10);
	ck_assert_uint_eq(info.bIrqPin, 1);
	ck_assert_uint_eq(info.dwIrqLine, 10);
	ck_assert(info.fMsi);
	ck_assert_uint_eq(info.dwMsiVectors, 1);
	ck_assert(!info.fMsix);
	ck_assert_uint_eq(info.pciSlot.dwSlot, 3);
	d = WDC_GetAddrDesc(h, 0);
	ck_assert(d->fIsMemory);
	ck_assert_uint_eq(d->qwBytes, 64u << 20);
	/* mmap of /dev/null fails: not fatal, the BAR is just not mapped. */
	ck_assert_ptr_null(WDC_MEM_DIRECT_ADDR(d));
	ck_assert(WDC_AddrSpaceIsActive(h, 1));
	ck_assert(!WDC_AddrSpaceIsActive(h, 2));
}
END_TEST

START_TEST(test_open_busy_driver)
{
	WDC_DEVICE_HANDLE h = NULL;

	fk.err[NR(KAG_IOC_DEV_OPEN)] = EBUSY;
	strcpy(fk.bound, "e1000");
	ck_assert_uint_eq(WDC_PciDeviceOpen(drv, &h, &edu_slot, NULL, NULL,
					    NULL),
			  WD_DEVICE_BUSY);
	ck_assert_ptr_null(h);
	ck_assert_str_eq(WDC_GetLastErrStr(drv),
			 "WDC_PciDeviceOpen: device 0000:00:03.0 is bound to driver 'e1000': unbind it first (echo 0000:00:03.0 > /sys/bus/pci/drivers/e1000/unbind)");
	/* A name that fills the field is still terminated. */
	memset(fk.bound, 'x', sizeof(fk.bound));
	ck_assert_uint_eq(WDC_PciDeviceOpen(drv, &h, &edu_slot, NULL, NULL,
					    NULL),
			  WD_DEVICE_BUSY);
	expect_err("'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'");
}
END_TEST

START_TEST(test_open_busy_kagent)
{
	WDC_DEVICE_HANDLE h = NULL;

	fk.err[NR(KAG_IOC_DEV_OPEN)] = EBUSY;
	strcpy(fk.bound, "kagent");
	ck_assert_uint_eq(WDC_PciDeviceOpen(drv, &h, &edu_slot, NULL, NULL,
					    NULL),
			  WD_DEVICE_BUSY);
	ck_assert_str_eq(WDC_GetLastErrStr(drv),
			 "WDC_PciDeviceOpen: device 0000:00:03.0 is already opened by another kagent user: close it there first");
	fk.bound[0] = '\0';
	ck_assert_uint_eq(WDC_PciDeviceOpen(drv, &h, &edu_slot, NULL, NULL,
					    NULL),
			  WD_DEVICE_BUSY);
	expect_err("already opened by another kagent user, or its resources are claimed");
}
END_TEST

START_TEST(test_open_errors)
{
	WDC_DEVICE_HANDLE h = NULL;

	fk.err[NR(KAG_IOC_DEV_OPEN)] = ENODEV;
	ck_assert_uint_eq(WDC_PciDeviceOpen(drv, &h, &edu_slot, NULL, NULL,
					    NULL),
			  WD_DEVICE_NOT_FOUND);
	expect_err("no PCI device 0000:00:03.0");
	fk.err[NR(KAG_IOC_DEV_OPEN)] = EMFILE;
	ck_assert_uint_eq(WDC_PciDeviceOpen(drv, &h, &edu_slot, NULL, NULL,
					    NULL),
			  WD_TOO_MANY_HANDLES);
	expect_err("too many devices");
	fk.err[NR(KAG_IOC_DEV_OPEN)] = ENOMEM;
	ck_assert_uint_eq(WDC_PciDeviceOpen(drv, &h, &edu_slot, NULL, NULL,
					    NULL),
			  WD_INSUFFICIENT_RESOURCES);
	expect_err("KAG_IOC_DEV_OPEN failed: Cannot allocate memory");
	ck_assert_ptr_null(h);
	ck_assert_int_eq(fk.nclosed, 0);
}
END_TEST

START_TEST(test_open_info_fails)
{
	WDC_DEVICE_HANDLE h = NULL;

	fk.err[NR(KAG_IOC_DEV_INFO)] = EFAULT;
	ck_assert_uint_eq(WDC_PciDeviceOpen(drv, &h, &edu_slot, NULL, NULL,
					    NULL),
			  WD_BAD_ADDRESS);
	ck_assert_ptr_null(h);
	/* The half-open device is closed again. */
	ck_assert_int_eq(fk.nclosed, 1);
	ck_assert_uint_eq(fk.closed[0], 7);
	expect_err("cannot describe the opened device");
}
END_TEST

START_TEST(test_open_twice_same_handle)
{
	WDC_DEVICE_HANDLE h = open_edu(), h2 = NULL;

	ck_assert_uint_eq(WDC_PciDeviceOpen(drv, &h2, &edu_slot, NULL, NULL,
					    NULL),
			  WD_DEVICE_BUSY);
	ck_assert_ptr_null(h2);
	/* Decided without asking the agent. */
	ck_assert_int_eq(fk.calls[NR(KAG_IOC_DEV_OPEN)], 1);
	ck_assert_uint_eq(WDC_PciDeviceClose(h), WD_STATUS_SUCCESS);
	h2 = open_edu();
	ck_assert_ptr_nonnull(h2);
}
END_TEST

START_TEST(test_rw_requests)
{
	WDC_DEVICE_HANDLE h = open_edu();
	uint32_t v32;
	uint64_t v64;
	uint8_t v8;

	fk.rw_value = 0x123456789abcdef0ull;
	ck_assert_uint_eq(WDC_ReadAddr32(h, 0, 0x8, &v32), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(v32, 0x9abcdef0);
	ck_assert_uint_eq(fk.rw[0].argsz, sizeof(struct kag_rw));
	ck_assert_uint_eq(fk.rw[0].handle, 7);
	ck_assert_uint_eq(fk.rw[0].bar, 0);
	ck_assert_uint_eq(fk.rw[0].width, 4);
	ck_assert_uint_eq(fk.rw[0].offset, 0x8);
	ck_assert_uint_eq(fk.rw[0].flags, 0);
	ck_assert_uint_eq(fk.rw[0].reserved, 0);

	ck_assert_uint_eq(WDC_WriteAddr16(h, 1, 0x82, 0xbeef), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(fk.rw[1].bar, 1);
	ck_assert_uint_eq(fk.rw[1].width, 2);
	ck_assert_uint_eq(fk.rw[1].offset, 0x82);
	ck_assert_uint_eq(fk.rw[1].value, 0xbeef);
	ck_assert_uint_eq(fk.rw[1].flags, KAG_RW_WRITE);

	ck_assert_uint_eq(WDC_ReadAddr64(h, 0, (64u << 20) - 8, &v64),
			  WD_STATUS_SUCCESS);
	ck_assert_uint_eq(v64, 0x123456789abcdef0ull);
	ck_assert_uint_eq(fk.rw[2].width, 8);
	ck_assert_uint_eq(WDC_ReadAddr8(h, 1, 0xff, &v8), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(v8, 0xf0);
	ck_assert_uint_eq(WDC_WriteAddr64(h, 0, 0x80, 1ull << 40),
			  WD_STATUS_SUCCESS);
	ck_assert_uint_eq(fk.rw[4].value, 1ull << 40);
	ck_assert_uint_eq(fk.rw[4].width, 8);
	ck_assert_int_eq(fk.nrw, 5);
}
END_TEST

START_TEST(test_rw_errors)
{
	WDC_DEVICE_HANDLE h = open_edu();
	uint32_t v = 99;

	fk.err[NR(KAG_IOC_RW)] = EPERM;
	ck_assert_uint_eq(WDC_ReadAddr32(h, 0, 0, &v), WD_PERMISSION_DENIED);
	ck_assert_uint_eq(v, 99);
	expect_err("WDC_ReadAddr32: 0000:00:03.0: KAG_IOC_RW (read) failed: Operation not permitted (kernel lockdown");
	fk.err[NR(KAG_IOC_RW)] = ENODEV;
	ck_assert_uint_eq(WDC_WriteAddr32(h, 0, 0, 1), WD_DEVICE_NOT_FOUND);
	expect_err("removed");
	fk.err[NR(KAG_IOC_RW)] = EINVAL;
	ck_assert_uint_eq(WDC_WriteAddr32(h, 0, 0, 1), WD_INVALID_PARAMETER);
	fk.err[NR(KAG_IOC_RW)] = ENOTTY;
	ck_assert_uint_eq(WDC_ReadAddr32(h, 0, 0, &v), WD_INVALID_IOCTL);
	fk.err[NR(KAG_IOC_RW)] = EINTR;
	ck_assert_uint_eq(WDC_ReadAddr32(h, 0, 0, &v), WD_INTERRUPTED);
}
END_TEST

START_TEST(test_block_small)
{
	WDC_DEVICE_HANDLE h = open_edu();
	uint8_t buf[16];
	int i;

	memset(buf, 0, sizeof(buf));
	ck_assert_uint_eq(WDC_ReadAddrBlock(h, 0, 0x10, sizeof(buf), buf,
					    WDC_MODE_32, WDC_ADDR_RW_DEFAULT),
			  WD_STATUS_SUCCESS);
	for (i = 0; i < 16; i++)
		ck_assert_uint_eq(buf[i], i + 1);
	ck_assert_int_eq(fk.nblk, 1);
	ck_assert_uint_eq(fk.blk[0].argsz, sizeof(struct kag_block));
	ck_assert_uint_eq(fk.blk[0].handle, 7);
	ck_assert_uint_eq(fk.blk[0].bar, 0);
	ck_assert_uint_eq(fk.blk[0].width, 4);
	ck_assert_uint_eq(fk.blk[0].offset, 0x10);
	ck_assert_uint_eq(fk.blk[0].length, 16);
	ck_assert_uint_eq(fk.blk[0].buf, (uintptr_t)buf);
	ck_assert_uint_eq(fk.blk[0].flags, 0);
	ck_assert_uint_eq(fk.blk[0].reserved, 0);

	ck_assert_uint_eq(WDC_WriteAddrBlock(h, 1, 0x4, 6, buf, WDC_MODE_16,
					     WDC_ADDR_RW_NO_AUTOINC),
			  WD_STATUS_SUCCESS);
	ck_assert_uint_eq(fk.blk[1].bar, 1);
	ck_assert_uint_eq(fk.blk[1].width, 2);
	ck_assert_uint_eq(fk.blk[1].length, 6);
	ck_assert_uint_eq(fk.blk[1].flags, KAG_RW_WRITE | KAG_BLOCK_NO_AUTOINC);

	fk.err[NR(KAG_IOC_BLOCK)] = EFAULT;
	ck_assert_uint_eq(WDC_ReadAddrBlock(h, 0, 0, 4, buf, WDC_MODE_8,
					    WDC_ADDR_RW_DEFAULT),
			  WD_BAD_ADDRESS);
	expect_err("KAG_IOC_BLOCK (read) failed: Bad address");
}
END_TEST

/* Blocks above the agent's per-call limit are split. */
START_TEST(test_block_chunks)
{
	const uint32_t fifo_len = KAG_BLOCK_MAX_BYTES + (1u << 20);
	const uint32_t inc_len = 20u << 20;
	WDC_DEVICE_HANDLE h = open_edu();
	uint8_t *buf = malloc(inc_len);

	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(WDC_ReadAddrBlock(h, 0, 0x40, fifo_len, buf,
					    WDC_MODE_32, WDC_ADDR_RW_NO_AUTOINC),
			  WD_STATUS_SUCCESS);
	ck_assert_int_eq(fk.nblk, 2);
	ck_assert_uint_eq(fk.blk[0].length, KAG_BLOCK_MAX_BYTES);
	ck_assert_uint_eq(fk.blk[0].offset, 0x40);
	ck_assert_uint_eq(fk.blk[0].buf, (uintptr_t)buf);
	ck_assert_uint_eq(fk.blk[1].length, 1u << 20);
	ck_assert_uint_eq(fk.blk[1].offset, 0x40);	/* FIFO: same register */
	ck_assert_uint_eq(fk.blk[1].buf, (uintptr_t)buf + KAG_BLOCK_MAX_BYTES);
	ck_assert_uint_eq(fk.blk[1].flags, KAG_BLOCK_NO_AUTOINC);

	ck_assert_uint_eq(WDC_WriteAddrBlock(h, 0, 0x100, inc_len, buf,
					     WDC_MODE_64, WDC_ADDR_RW_DEFAULT),
			  WD_STATUS_SUCCESS);
	ck_assert_int_eq(fk.nblk, 4);
	ck_assert_uint_eq(fk.blk[2].offset, 0x100);
	ck_assert_uint_eq(fk.blk[2].length, KAG_BLOCK_MAX_BYTES);
	ck_assert_uint_eq(fk.blk[3].offset, 0x100 + KAG_BLOCK_MAX_BYTES);
	ck_assert_uint_eq(fk.blk[3].length, inc_len - KAG_BLOCK_MAX_BYTES);
	ck_assert_uint_eq(fk.blk[3].buf, (uintptr_t)buf + KAG_BLOCK_MAX_BYTES);
	ck_assert_uint_eq(fk.blk[3].flags, KAG_RW_WRITE);
	ck_assert_uint_eq(fk.blk[3].width, 8);

	/* A failing chunk stops the transfer. */
	fk.err[NR(KAG_IOC_BLOCK)] = EIO;
	ck_assert_uint_eq(WDC_ReadAddrBlock(h, 0, 0, inc_len, buf, WDC_MODE_8,
					    WDC_ADDR_RW_DEFAULT),
			  WD_OPERATION_FAILED);
	ck_assert_int_eq(fk.nblk, 5);
	free(buf);
}
END_TEST

START_TEST(test_multi)
{
	WDC_DEVICE_HANDLE h = open_edu();
	WDC_TRANSFER t[4];

	memset(t, 0, sizeof(t));
	t[0].cmdTrans = WM_DWORD;
	t[0].dwOffset = 0x8;
	t[0].Data.Dword = 10;
	t[1].cmdTrans = RM_DWORD;
	t[1].dwOffset = 0x8;
	t[2].cmdTrans = RM_BYTE;
	t[2].dwOffset = 0x1;
	t[3].cmdTrans = WP_WORD;
	t[3].dwAddrSpace = 1;
	t[3].dwOffset = 0x2;
	t[3].Data.Word = 0x55aa;
	ck_assert_uint_eq(WDC_MultiTransfer(h, t, 4), WD_STATUS_SUCCESS);

	ck_assert_uint_eq(fk.multi.argsz, sizeof(struct kag_multi));
	ck_assert_uint_eq(fk.multi.handle, 7);
	ck_assert_uint_eq(fk.multi.count, 4);
	ck_assert_uint_eq(fk.cmds[0].cmd, KAG_TRANS_WRITE);
	ck_assert_uint_eq(fk.cmds[0].width, 4);
	ck_assert_uint_eq(fk.cmds[0].value, 10);
	ck_assert_uint_eq(fk.cmds[1].cmd, KAG_TRANS_READ);
	ck_assert_uint_eq(fk.cmds[2].width, 1);
	ck_assert_uint_eq(fk.cmds[3].bar, 1);
	ck_assert_uint_eq(fk.cmds[3].value, 0x55aa);
	ck_assert_uint_eq(fk.cmds[3].flags, 0);

	/* Read values are copied back; write values stay. */
	ck_assert_uint_eq(t[0].Data.Dword, 10);
	ck_assert_uint_eq(t[1].Data.Dword, 0x8 ^ 0xa5a5a5a5u);
	ck_assert_uint_eq(t[2].Data.Byte, (0x1 ^ 0xa5a5a5a5u) & 0xff);
	ck_assert_uint_eq(t[3].Data.Word, 0x55aa);
}
END_TEST

START_TEST(test_multi_refused)
{
	WDC_DEVICE_HANDLE h = open_edu();
	WDC_TRANSFER t[3];

	memset(t, 0, sizeof(t));
	t[0].cmdTrans = WM_DWORD;
	t[0].dwOffset = 0x8;
	t[1].cmdTrans = RM_DWORD;
	t[1].dwOffset = 0x20;
	t[1].Data.Dword = 1234;
	t[2].cmdTrans = RM_DWORD;
	fk.err[NR(KAG_IOC_MULTI)] = EINVAL;
	fk.failed_index = 1;
	ck_assert_uint_eq(WDC_MultiTransfer(h, t, 3), WD_INVALID_PARAMETER);
	ck_assert_str_eq(WDC_GetLastErrStr(drv),
			 "WDC_MultiTransfer: 0000:00:03.0: the agent refused command 1 of 3 (RM_DWORD, BAR0 offset 0x20): invalid argument; nothing was run");
	ck_assert_uint_eq(t[1].Data.Dword, 1234);	/* untouched */

	/* -EINVAL without a command index (e.g. the struct itself). */
	fk.failed_index = 0xffffffffu;
	ck_assert_uint_eq(WDC_MultiTransfer(h, t, 3), WD_INVALID_PARAMETER);
	expect_err("KAG_IOC_MULTI failed: Invalid argument");
	fk.err[NR(KAG_IOC_MULTI)] = EFAULT;
	ck_assert_uint_eq(WDC_MultiTransfer(h, t, 3), WD_BAD_ADDRESS);
}
END_TEST

START_TEST(test_multi_many)
{
	WDC_DEVICE_HANDLE h = open_edu();
	WDC_TRANSFER *t = calloc(WDC_MULTI_TRANSFER_MAX, sizeof(*t));
	uint32_t i;

	ck_assert_ptr_nonnull(t);
	for (i = 0; i < WDC_MULTI_TRANSFER_MAX; i++) {
		t[i].cmdTrans = RM_DWORD;
		t[i].dwOffset = 4 * i;
	}
	ck_assert_uint_eq(WDC_MultiTransfer(h, t, WDC_MULTI_TRANSFER_MAX),
			  WD_STATUS_SUCCESS);
	ck_assert_uint_eq(fk.multi.count, WDC_MULTI_TRANSFER_MAX);
	for (i = 0; i < WDC_MULTI_TRANSFER_MAX; i++)
		ck_assert_uint_eq(t[i].Data.Dword, (4 * i) ^ 0xa5a5a5a5u);
	free(t);
}
END_TEST

START_TEST(test_cfg)
{
	WDC_DEVICE_HANDLE h = open_edu();
	uint8_t buf[256], v8;
	uint16_t v16;
	uint32_t v32;
	uint64_t v64;
	static const uint32_t widths[] = { 1, 2, 4, 2 };
	static const uint32_t offsets[] = { 1, 2, 4, 8 };
	int i;

	ck_assert_uint_eq(WDC_PciReadCfg8(h, 0x3d, &v8), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(v8, fk.cfg[0x3d]);
	ck_assert_uint_eq(fk.cfg_req[0].argsz, sizeof(struct kag_cfg));
	ck_assert_uint_eq(fk.cfg_req[0].handle, 7);
	ck_assert_uint_eq(fk.cfg_req[0].width, 1);
	ck_assert_uint_eq(fk.cfg_req[0].flags, 0);
	ck_assert_uint_eq(WDC_PciReadCfg16(h, 0x2, &v16), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(v16, fk.cfg[2] | fk.cfg[3] << 8);
	ck_assert_uint_eq(WDC_PciReadCfg32(h, 0x10, &v32), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(v32, (uint32_t)fk.cfg[0x10] | (uint32_t)fk.cfg[0x11] << 8 |
				       (uint32_t)fk.cfg[0x12] << 16 |
				       (uint32_t)fk.cfg[0x13] << 24);
	ck_assert_uint_eq(WDC_PciReadCfg64(h, 0x14, &v64), WD_STATUS_SUCCESS);
	for (i = 0; i < 8; i++)
		ck_assert_uint_eq((v64 >> (8 * i)) & 0xff, fk.cfg[0x14 + i]);

	/* A byte range from the widest aligned accesses. */
	fk.ncfg = 0;
	ck_assert_uint_eq(WDC_PciReadCfg(h, 1, buf, 9), WD_STATUS_SUCCESS);
	ck_assert_mem_eq(buf, &fk.cfg[1], 9);
	ck_assert_int_eq(fk.ncfg, 4);
	for (i = 0; i < 4; i++) {
		ck_assert_uint_eq(fk.cfg_req[i].width, widths[i]);
		ck_assert_uint_eq(fk.cfg_req[i].offset, offsets[i]);
	}
	fk.ncfg = 0;
	ck_assert_uint_eq(WDC_PciReadCfg(h, 0, buf, 256), WD_STATUS_SUCCESS);
	ck_assert_mem_eq(buf, fk.cfg, 256);
	ck_assert_int_eq(fk.ncfg, 64);

	/* Writes */
	fk.ncfg = 0;
	buf[0] = 0x11;
	buf[1] = 0x22;
	buf[2] = 0x33;
	ck_assert_uint_eq(WDC_PciWriteCfg(h, 0x3d, buf, 3), WD_STATUS_SUCCESS);
	ck_assert_int_eq(fk.ncfg, 2);
	ck_assert_uint_eq(fk.cfg_req[0].width, 1);
	ck_assert_uint_eq(fk.cfg_req[0].flags, KAG_RW_WRITE);
	ck_assert_uint_eq(fk.cfg_req[1].width, 2);
	ck_assert_uint_eq(fk.cfg_req[1].offset, 0x3e);
	ck_assert_uint_eq(fk.cfg[0x3d], 0x11);
	ck_assert_uint_eq(fk.cfg[0x3e], 0x22);
	ck_assert_uint_eq(fk.cfg[0x3f], 0x33);
	ck_assert_uint_eq(WDC_PciWriteCfg64(h, 0x18, 0x1122334455667788ull),
			  WD_STATUS_SUCCESS);
	ck_assert_uint_eq(fk.cfg[0x18], 0x88);
	ck_assert_uint_eq(fk.cfg[0x1f], 0x11);
	ck_assert_uint_eq(WDC_PciWriteCfg16(h, 0x4, 0x0507), WD_STATUS_SUCCESS);
	ck_assert_uint_eq(fk.cfg[4], 0x07);
	ck_assert_uint_eq(fk.cfg[5], 0x05);

	fk.err[NR(KAG_IOC_CFG)] = EPERM;
	ck_assert_uint_eq(WDC_PciWriteCfg8(h, 0xc, 0x10), WD_PERMISSION_DENIED);
	expect_err("KAG_IOC_CFG (write) failed");
	/* Outputs of a failed block read stay untouched. */
	memset(buf, 0xee, sizeof(buf));
	ck_assert_uint_eq(WDC_PciReadCfg(h, 0, buf, 16), WD_PERMISSION_DENIED);
	ck_assert_uint_eq(buf[0], 0xee);
}
END_TEST

START_TEST(test_close)
{
	WD_PCI_SLOT other = { 0, 0, 4, 0 };
	WDC_DEVICE_HANDLE a = open_edu(), b = NULL, c = NULL;

	ck_assert_uint_eq(WDC_PciDeviceOpen(drv, &b, &other, NULL, NULL, NULL),
			  WD_STATUS_SUCCESS);
	other.dwSlot = 5;
	ck_assert_uint_eq(WDC_PciDeviceOpen(drv, &c, &other, NULL, NULL, NULL),
			  WD_STATUS_SUCCESS);
	ck_assert_uint_eq(WDC_PciDeviceClose(b), WD_STATUS_SUCCESS);
	ck_assert_int_eq(fk.nclosed, 1);
	ck_assert_uint_eq(fk.closed[0], 8);
	(void)a;
	(void)c;
	/* Closing the driver closes what is still open. */
	ck_assert_uint_eq(WDC_DriverClose(drv), WD_STATUS_SUCCESS);
	drv = NULL;
	ck_assert_int_eq(fk.nclosed, 3);
	ck_assert((fk.closed[1] == 7 && fk.closed[2] == 9) ||
		  (fk.closed[1] == 9 && fk.closed[2] == 7));
}
END_TEST

static Suite *fake_suite(void)
{
	Suite *s = suite_create("fake_agent");
	TCase *tc = tcase_create("driver");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_version_mismatch);
	tcase_add_test(tc, test_version_older);
	tcase_add_test(tc, test_version_newer_minor);
	tcase_add_test(tc, test_version_query_fails);
	suite_add_tcase(s, tc);

	tc = tcase_create("device");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_open_request);
	tcase_add_test(tc, test_open_info);
	tcase_add_test(tc, test_open_busy_driver);
	tcase_add_test(tc, test_open_busy_kagent);
	tcase_add_test(tc, test_open_errors);
	tcase_add_test(tc, test_open_info_fails);
	tcase_add_test(tc, test_open_twice_same_handle);
	tcase_add_test(tc, test_close);
	suite_add_tcase(s, tc);

	tc = tcase_create("access");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_rw_requests);
	tcase_add_test(tc, test_rw_errors);
	tcase_add_test(tc, test_block_small);
	tcase_add_test(tc, test_block_chunks);
	tcase_add_test(tc, test_multi);
	tcase_add_test(tc, test_multi_refused);
	tcase_add_test(tc, test_multi_many);
	tcase_add_test(tc, test_cfg);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(fake_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

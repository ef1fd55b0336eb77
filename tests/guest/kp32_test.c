// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * kp32_test.c - a 32-bit process (gcc -m32) on the 64-bit kernel drives
 * the KP_PCI plugin through libwdc: the plugin's KP_Open_32_64 must run
 * and translate the 32-bit open data, messages and register access must
 * work, and a plugin without KP_Open_32_64 must be refused clearly.
 * Writes TAP to $CK_TAP_LOG_FILE_NAME (stdout if unset); Check has no
 * 32-bit build here, and libpci neither, so edu is found through sysfs.
 */
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wdc/wdc_lib.h>

#include "edu_lib.h"
#include "kp_pci.h"

static FILE *tap;
static int ntests, nfailed;

static void check(int ok, const char *fmt, ...)
{
	va_list ap;

	ntests++;
	if (!ok)
		nfailed++;
	fprintf(tap, "%sok %d - ", ok ? "" : "not ", ntests);
	va_start(ap, fmt);
	vfprintf(tap, fmt, ap);
	va_end(ap);
	fputc('\n', tap);
	fflush(tap);
}

static unsigned int read_hex(const char *dir, const char *file)
{
	char path[512];
	unsigned int v = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/%s", dir, file);
	f = fopen(path, "r");
	if (f) {
		if (fscanf(f, "%x", &v) != 1)
			v = 0;
		fclose(f);
	}
	return v;
}

static int find_edu(WD_PCI_SLOT *slot)
{
	struct dirent *e;
	DIR *d = opendir("/sys/bus/pci/devices");
	int found = 0;

	while (d && !found && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (read_hex(e->d_name, "vendor") == 0x1234 &&
		    read_hex(e->d_name, "device") == 0x11e8)
			found = WDC_PciSlotFromStr(e->d_name, slot) ==
				WD_STATUS_SUCCESS;
	}
	if (d)
		closedir(d);
	return found;
}

int main(void)
{
	const char *tapname = getenv("CK_TAP_LOG_FILE_NAME");
	KP_PCI_OPEN_DATA od = { KP_PCI_OPEN_MAGIC, "kp32" };
	KP_PCI_OPEN_INFO info;
	KP_PCI_VERSION_INFO ver;
	KP_PCI_FACTORIAL fact = { 10, 0 };
	KP_PCI_RW rw = { EDU_REG_ID, 0 };
	WDC_DRIVER_HANDLE drv = NULL;
	WDC_DEVICE_HANDLE dev = NULL;
	WD_PCI_SLOT slot;
	uint32_t result = 0, id = 0, user_fact = 0;
	WDC_STATUS st;

	tap = tapname && strcmp(tapname, "-") ? fopen(tapname, "w") : stdout;
	if (!tap)
		return 2;

	check(sizeof(void *) == 4, "this test program is a 32-bit process");
	st = WDC_DriverOpen(&drv, 0);
	check(st == WD_STATUS_SUCCESS, "32-bit: WDC_DriverOpen (%s)",
	      WDC_StatusStr(st));
	if (st != WD_STATUS_SUCCESS)
		goto out;
	check(find_edu(&slot), "32-bit: edu found in sysfs");
	st = WDC_PciDeviceOpen(drv, &dev, &slot, NULL, NULL, NULL);
	check(st == WD_STATUS_SUCCESS, "32-bit: WDC_PciDeviceOpen (%s)",
	      st ? WDC_GetLastErrStr(drv) : "ok");
	if (st != WD_STATUS_SUCCESS)
		goto out;

	/* Register access from 32-bit user mode (mapping or ioctl). */
	st = WDC_ReadAddr32(dev, 0, EDU_REG_ID, &id);
	check(st == WD_STATUS_SUCCESS && id == EDU_ID,
	      "32-bit: WDC_ReadAddr32 of the id register (0x%08x)", id);
	id = 0;
	st = WDC_SetDirectAccess(dev, false);
	if (st == WD_STATUS_SUCCESS)
		st = WDC_ReadAddr32(dev, 0, EDU_REG_ID, &id);
	check(st == WD_STATUS_SUCCESS && id == EDU_ID,
	      "32-bit: the same through the ioctl path (0x%08x)", id);

	st = WDC_KernelPlugInOpen(dev, KP_PCI_DRIVER_NAME, &od);
	check(st == WD_STATUS_SUCCESS, "32-bit: WDC_KernelPlugInOpen (%s)",
	      st ? WDC_GetLastErrStr(drv) : "ok");
	if (st != WD_STATUS_SUCCESS)
		goto out;
	memset(&info, 0, sizeof(info));
	st = WDC_CallKerPlug(dev, KP_PCI_MSG_OPEN_INFO, &info, &result);
	check(st == WD_STATUS_SUCCESS && result == KP_PCI_STATUS_OK &&
	      info.dwOpenBits == 32,
	      "32-bit: the plugin's KP_Open_32_64 ran (open bits %u)",
	      info.dwOpenBits);
	check(info.dwMagic == KP_PCI_OPEN_MAGIC &&
	      !strcmp(info.cClient, "kp32"),
	      "32-bit: KP_Open_32_64 translated the 32-bit open data ('%s')",
	      info.cClient);

	memset(&ver, 0, sizeof(ver));
	st = WDC_CallKerPlug(dev, KP_PCI_MSG_VERSION, &ver, &result);
	check(st == WD_STATUS_SUCCESS && result == KP_PCI_STATUS_OK &&
	      ver.dwVer == KP_PCI_VERSION &&
	      !strcmp(ver.cVer, KP_PCI_VERSION_STR),
	      "32-bit: VERSION message");
	st = WDC_CallKerPlug(dev, KP_PCI_MSG_READ, &rw, &result);
	check(st == WD_STATUS_SUCCESS && result == KP_PCI_STATUS_OK &&
	      rw.dwValue == EDU_ID, "32-bit: READ message of the id register");
	st = WDC_CallKerPlug(dev, KP_PCI_MSG_FACTORIAL, &fact, &result);
	check(st == WD_STATUS_SUCCESS && result == KP_PCI_STATUS_OK &&
	      fact.dwResult == 3628800, "32-bit: FACTORIAL message (10! = %u)",
	      fact.dwResult);
	check(EDU_Factorial(dev, 10, &user_fact) == WD_STATUS_SUCCESS &&
	      user_fact == fact.dwResult,
	      "32-bit: edu_lib.c in user mode gives the plugin's result");
	st = WDC_CallKerPlug(dev, KP_PCI_MSG_READ, (void *)16, &result);
	check(st == WD_STATUS_SUCCESS && result == KP_PCI_STATUS_BAD_DATA,
	      "32-bit: a bad data pointer is the plugin's error, not a crash");
	WDC_KernelPlugInClose(dev);

	/* A plugin without KP_Open_32_64 refuses a 32-bit caller clearly. */
	st = WDC_KernelPlugInOpen(dev, "KP_NO32", NULL);
	check(st == WD_NOT_SUPPORTED &&
	      strstr(WDC_GetLastErrStr(drv), "KP_Open_32_64"),
	      "32-bit: a plugin without KP_Open_32_64 is refused (%s)",
	      WDC_GetLastErrStr(drv));
out:
	if (dev)
		WDC_PciDeviceClose(dev);
	if (drv)
		WDC_DriverClose(drv);
	fprintf(tap, "1..%d\n", ntests);
	if (tap != stdout)
		fclose(tap);
	return nfailed ? 1 : 0;
}

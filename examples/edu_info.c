// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * edu_info.c - a minimal libwdc program: find QEMU's edu device, open it
 * through the kernel agent, print what it is and compute 10! on it.
 * Build against the installed library:
 *     cc edu_info.c $(pkg-config --cflags --libs wdc) -o edu_info
 */
#include <stdio.h>

#include <wdc/wdc_lib.h>

#define EDU_VENDOR 0x1234
#define EDU_DEVICE 0x11e8
#define EDU_REG_ID 0x00
#define EDU_REG_FACTORIAL 0x08
#define EDU_REG_STATUS 0x20

static int fail(WDC_DRIVER_HANDLE hDrv, const char *what, WDC_STATUS st)
{
	fprintf(stderr, "edu_info: %s: %s (%s)\n", what, WDC_StatusStr(st),
		hDrv ? WDC_GetLastErrStr(hDrv) : "");
	return 1;
}

int main(void)
{
	WDC_DRIVER_HANDLE hDrv = NULL;
	WDC_DEVICE_HANDLE hDev = NULL;
	WDC_PCI_SCAN_RESULT scan;
	WDC_PCI_DEVICE_INFO info;
	char bdf[32];
	uint32_t id, fact, status;
	WDC_STATUS st;
	int bar, tries;

	st = WDC_DriverOpen(&hDrv, 0);
	if (st != WD_STATUS_SUCCESS)
		return fail(NULL, "cannot open the kernel agent", st);

	st = WDC_PciScanDevices(hDrv, EDU_VENDOR, EDU_DEVICE, &scan);
	if (st != WD_STATUS_SUCCESS || scan.dwNumDevices == 0) {
		fprintf(stderr, "edu_info: no edu device (1234:11e8) found\n");
		WDC_DriverClose(hDrv);
		return 1;
	}
	WDC_PciSlotToStr(&scan.deviceSlot[0], bdf, sizeof(bdf));

	st = WDC_PciDeviceOpen(hDrv, &hDev, &scan.deviceSlot[0], NULL, NULL,
			       NULL);
	if (st != WD_STATUS_SUCCESS) {
		fail(hDrv, "cannot open the device", st);
		WDC_DriverClose(hDrv);
		return 1;
	}

	WDC_PciGetDeviceInfo(hDev, &info);
	printf("%s: vendor 0x%04x device 0x%04x class 0x%06x\n", bdf,
	       info.pciId.dwVendorId, info.pciId.dwDeviceId, info.dwClassCode);
	for (bar = 0; bar < WDC_PCI_NUM_BARS; bar++) {
		const WDC_ADDR_DESC *d = &info.addrDesc[bar];

		if (d->qwBytes)
			printf("  BAR%d: %s, %llu bytes at 0x%llx%s\n", bar,
			       d->fIsMemory ? "memory" : "I/O",
			       (unsigned long long)d->qwBytes,
			       (unsigned long long)d->qwStart,
			       d->pUserDirectMemAddr ? ", mapped" : "");
	}

	st = WDC_ReadAddr32(hDev, 0, EDU_REG_ID, &id);
	if (st == WD_STATUS_SUCCESS)
		printf("id register: 0x%08x\n", id);

	/* Write n, wait until the "computing" bit clears, read n!. */
	if (st == WD_STATUS_SUCCESS)
		st = WDC_WriteAddr32(hDev, 0, EDU_REG_FACTORIAL, 10);
	for (tries = 0; st == WD_STATUS_SUCCESS && tries < 1000000; tries++) {
		st = WDC_ReadAddr32(hDev, 0, EDU_REG_STATUS, &status);
		if (!(status & 1))
			break;
	}
	if (st == WD_STATUS_SUCCESS)
		st = WDC_ReadAddr32(hDev, 0, EDU_REG_FACTORIAL, &fact);
	if (st == WD_STATUS_SUCCESS)
		printf("10! computed by the device: %u\n", fact);
	else
		fail(hDrv, "register access failed", st);

	WDC_PciDeviceClose(hDev);
	WDC_DriverClose(hDrv);
	return st == WD_STATUS_SUCCESS ? 0 : 1;
}

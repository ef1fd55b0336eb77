// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * edu_lib.c - device logic for QEMU's edu device, compiled unchanged into
 * user programs and into the KP_PCI Kernel PlugIn: it uses only the WDC
 * register API of <wdc/wdc_regs.h>, which both sides implement.
 */
#include "edu_lib.h"

/* Status polls before giving up on a factorial (the device is quick). */
#define EDU_FACT_POLLS 1000000u

WDC_STATUS EDU_ReadId(WDC_DEVICE_HANDLE hDev, uint32_t *pdwId)
{
	return WDC_ReadAddr32(hDev, EDU_BAR, EDU_REG_ID, pdwId);
}

WDC_STATUS EDU_Factorial(WDC_DEVICE_HANDLE hDev, uint32_t dwN,
			 uint32_t *pdwResult)
{
	uint32_t status = EDU_STATUS_COMPUTING, i;
	WDC_STATUS st;

	st = WDC_WriteAddr32(hDev, EDU_BAR, EDU_REG_FACTORIAL, dwN);
	for (i = 0; st == WD_STATUS_SUCCESS && i < EDU_FACT_POLLS &&
	     (status & EDU_STATUS_COMPUTING); i++)
		st = WDC_ReadAddr32(hDev, EDU_BAR, EDU_REG_STATUS, &status);
	if (st != WD_STATUS_SUCCESS)
		return st;
	if (status & EDU_STATUS_COMPUTING)
		return WD_TIME_OUT_EXPIRED;
	return WDC_ReadAddr32(hDev, EDU_BAR, EDU_REG_FACTORIAL, pdwResult);
}

WDC_STATUS EDU_RaiseInterrupt(WDC_DEVICE_HANDLE hDev, uint32_t dwBits)
{
	return WDC_WriteAddr32(hDev, EDU_BAR, EDU_REG_INT_RAISE, dwBits);
}

bool EDU_AckInterrupt(WDC_DEVICE_HANDLE hDev, uint32_t *pdwStatus)
{
	uint32_t status = 0;

	if (WDC_ReadAddr32(hDev, EDU_BAR, EDU_REG_INT_STATUS, &status) !=
	    WD_STATUS_SUCCESS || !status)
		return false;
	WDC_WriteAddr32(hDev, EDU_BAR, EDU_REG_INT_ACK, status);
	if (pdwStatus)
		*pdwStatus = status;
	return true;
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * edu_lib.h - device logic for QEMU's edu device, written once against the
 * WDC register API: the same edu_lib.c is compiled into user programs
 * (with libwdc) and into the KP_PCI Kernel PlugIn (with kagent).
 */
#ifndef EDU_LIB_H
#define EDU_LIB_H

#include <wdc/wdc_regs.h>

#define EDU_BAR 0
#define EDU_REG_ID 0x00
#define EDU_REG_LIVENESS 0x04
#define EDU_REG_FACTORIAL 0x08
#define EDU_REG_STATUS 0x20
#define EDU_REG_INT_STATUS 0x24
#define EDU_REG_INT_RAISE 0x60
#define EDU_REG_INT_ACK 0x64

#define EDU_STATUS_COMPUTING 0x01
#define EDU_STATUS_IRQ_ON_FACT 0x80
#define EDU_ID 0x010000edu

/* Read the identification register. */
WDC_STATUS EDU_ReadId(WDC_DEVICE_HANDLE hDev, uint32_t *pdwId);
/* Let the device compute n! (32-bit, wraps) and read it back. */
WDC_STATUS EDU_Factorial(WDC_DEVICE_HANDLE hDev, uint32_t dwN,
			 uint32_t *pdwResult);
/* Raise interrupt bits (register 0x60). */
WDC_STATUS EDU_RaiseInterrupt(WDC_DEVICE_HANDLE hDev, uint32_t dwBits);
/*
 * Acknowledge the device's pending interrupt: read the status and, only
 * if it is not zero (ours), write it back to the acknowledge register.
 * Returns true when there was an interrupt to acknowledge.  Safe in the
 * hard IRQ handler of a plugin.
 */
bool EDU_AckInterrupt(WDC_DEVICE_HANDLE hDev, uint32_t *pdwStatus);

#endif /* EDU_LIB_H */

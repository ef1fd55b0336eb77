// SPDX-License-Identifier: GPL-2.0
/*
 * kag_status_str.c - WDC_StatusStr() for Kernel PlugIns: the very source
 * libwdc uses, so status names are the same on both sides.
 */
#include <linux/export.h>

#include "../lib/wdc_status_str.c"

EXPORT_SYMBOL_GPL(WDC_StatusStr);

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * wdc_slot.c - PCI addresses: validating, parsing ("0000:03:00.0",
 * "03:00.0") and formatting them.
 */
#include "wdc_internal.h"

#include <stdio.h>
#include <string.h>

#define WDC_DOMAIN_MAX 0x7fffffffu	/* Linux's domain numbers are ints */
#define WDC_BUS_MAX 0xffu
#define WDC_SLOT_MAX 0x1fu
#define WDC_FUNCTION_MAX 7u

bool wdc_slot_valid(const WD_PCI_SLOT *slot)
{
	return slot && slot->dwDomain <= WDC_DOMAIN_MAX &&
	       slot->dwBus <= WDC_BUS_MAX && slot->dwSlot <= WDC_SLOT_MAX &&
	       slot->dwFunction <= WDC_FUNCTION_MAX;
}

static int wdc_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Parse the hex digits at *@s (at most 8) and advance past them.
 * Return: the number of digits, 0 if there is none or more than 8.
 */
static unsigned int wdc_parse_hex(const char **s, uint32_t *out)
{
	unsigned int n = 0;
	uint32_t v = 0;
	int d;

	while ((d = wdc_hex_digit((*s)[n])) >= 0) {
		if (++n > 8)
			return 0;
		v = v << 4 | (uint32_t)d;
	}
	*s += n;
	*out = v;
	return n;
}

WDC_STATUS WDC_PciSlotFromStr(const char *pcStr, WD_PCI_SLOT *pSlot)
{
	unsigned int n0, n1, n2;
	uint32_t v0, v1, v2, fn;
	WD_PCI_SLOT slot;
	const char *s = pcStr;

	if (!pcStr || !pSlot)
		return WD_INVALID_PARAMETER;
	/* "domain:bus:slot.fn" or "bus:slot.fn" */
	n0 = wdc_parse_hex(&s, &v0);
	if (!n0 || *s++ != ':')
		return WD_INVALID_PARAMETER;
	n1 = wdc_parse_hex(&s, &v1);
	if (!n1)
		return WD_INVALID_PARAMETER;
	if (*s == ':') {
		s++;
		n2 = wdc_parse_hex(&s, &v2);
		if (!n2 || n1 > 2 || n2 > 2)
			return WD_INVALID_PARAMETER;
		slot.dwDomain = v0;
		slot.dwBus = v1;
		slot.dwSlot = v2;
	} else {
		if (n0 > 2 || n1 > 2)
			return WD_INVALID_PARAMETER;
		slot.dwDomain = 0;
		slot.dwBus = v0;
		slot.dwSlot = v1;
	}
	if (*s++ != '.' || wdc_parse_hex(&s, &fn) != 1 || *s != '\0')
		return WD_INVALID_PARAMETER;
	slot.dwFunction = fn;
	if (!wdc_slot_valid(&slot))
		return WD_INVALID_PARAMETER;
	*pSlot = slot;
	return WD_STATUS_SUCCESS;
}

WDC_STATUS WDC_PciSlotToStr(const WD_PCI_SLOT *pSlot, char *pcBuf, size_t len)
{
	char tmp[WDC_PCI_SLOT_STR_LEN];
	int n;

	if (!pcBuf || !wdc_slot_valid(pSlot))
		return WD_INVALID_PARAMETER;
	n = snprintf(tmp, sizeof(tmp), "%04x:%02x:%02x.%x",
		     (unsigned int)pSlot->dwDomain, (unsigned int)pSlot->dwBus,
		     (unsigned int)pSlot->dwSlot,
		     (unsigned int)pSlot->dwFunction);
	if (n < 0 || (size_t)n >= len)
		return WD_INVALID_PARAMETER;
	memcpy(pcBuf, tmp, (size_t)n + 1);
	return WD_STATUS_SUCCESS;
}

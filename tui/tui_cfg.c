// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * tui_cfg.c - decoding of PCI configuration space: header, capabilities,
 * named registers and the meaning of their values.
 *
 * Register names follow setpci for the header and Linux's pci_regs.h
 * (without the PCI_ prefix) for capability registers, so that names seen
 * in the kernel, in lspci/setpci and here agree.
 */
#include "tui_cfg.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tui_util.h"

typedef void tui_dec_fn(const struct tui_cfg *cfg, uint32_t base,
			uint32_t val, char *buf, size_t len);
typedef bool tui_has_fn(const struct tui_cfg *cfg, uint32_t base);

/* A register of the header (base 0) or of a capability (base = its offset). */
struct tui_regdef {
	const char *name;
	uint8_t off;
	uint8_t size;
	uint8_t hdr;		/* header registers: mask of 1 << header type */
	tui_has_fn *has;	/* NULL: always there */
	tui_dec_fn *dec;	/* NULL: nothing to decode */
};

struct tui_capdef {
	uint16_t id;
	bool ext;
	const char *key;
	const char *name;
	const struct tui_regdef *regs;	/* NULL-terminated, or NULL */
};

struct tui_bit {
	uint32_t mask;
	const char *name;
};

#define HDR0 (1u << 0)
#define HDR1 (1u << 1)
#define HDR01 (HDR0 | HDR1)

static unsigned int tui_cfg_hdr_type(const struct tui_cfg *cfg)
{
	return cfg->b[0x0e] & 0x7f;
}

uint32_t tui_cfg_get(const struct tui_cfg *cfg, uint32_t off, unsigned int size)
{
	uint32_t v = 0;
	unsigned int i;

	if (off >= cfg->len || size > cfg->len - off)
		return 0;
	for (i = 0; i < size; i++)
		v |= (uint32_t)cfg->b[off + i] << (8 * i);
	return v;
}

/* Names of the set bits of @val, separated by blanks. */
static void tui_bits(char *buf, size_t len, size_t *pos, uint32_t val,
		     const struct tui_bit *bits)
{
	for (; bits->name; bits++)
		if (val & bits->mask)
			tui_sbprintf(buf, len, pos, "%s%s", *pos ? " " : "",
				     bits->name);
}

static void tui_bits_only(char *buf, size_t len, uint32_t val,
			  const struct tui_bit *bits)
{
	size_t pos = 0;

	buf[0] = '\0';
	tui_bits(buf, len, &pos, val, bits);
	if (!pos)
		tui_sbprintf(buf, len, &pos, "-");
}

/* ---- Header ------------------------------------------------------------- */

static const struct tui_bit tui_command_bits[] = {
	{ 0x001, "I/O" }, { 0x002, "Mem" }, { 0x004, "BusMaster" },
	{ 0x008, "SpecCycle" }, { 0x010, "MemWINV" }, { 0x020, "VGASnoop" },
	{ 0x040, "ParErr" }, { 0x080, "Stepping" }, { 0x100, "SERR" },
	{ 0x200, "FastB2B" }, { 0x400, "DisINTx" }, { 0, NULL }
};

static const struct tui_bit tui_status_bits[] = {
	{ 0x0008, "INTx" }, { 0x0010, "CapList" }, { 0x0020, "66MHz" },
	{ 0x0040, "UDF" }, { 0x0080, "FastB2B" }, { 0x0100, "ParErr" },
	{ 0x0800, ">TAbort" }, { 0x1000, "<TAbort" }, { 0x2000, "<MAbort" },
	{ 0x4000, ">SERR" }, { 0x8000, "<PERR" }, { 0, NULL }
};

static const struct tui_bit tui_bridge_ctl_bits[] = {
	{ 0x001, "Parity" }, { 0x002, "SERR" }, { 0x004, "NoISA" },
	{ 0x008, "VGA" }, { 0x010, "VGA16" }, { 0x020, "MAbort" },
	{ 0x040, ">Reset" }, { 0x080, "FastB2B" }, { 0, NULL }
};

static void tui_dec_command(const struct tui_cfg *cfg, uint32_t base,
			    uint32_t val, char *buf, size_t len)
{
	(void)cfg;
	(void)base;
	tui_bits_only(buf, len, val, tui_command_bits);
}

static void tui_dec_status(const struct tui_cfg *cfg, uint32_t base,
			   uint32_t val, char *buf, size_t len)
{
	static const char *const devsel[] = { "fast", "medium", "slow", "?" };
	size_t pos = 0;

	(void)cfg;
	(void)base;
	buf[0] = '\0';
	tui_sbprintf(buf, len, &pos, "DEVSEL=%s", devsel[(val >> 9) & 3]);
	tui_bits(buf, len, &pos, val, tui_status_bits);
}

static void tui_dec_header_type(const struct tui_cfg *cfg, uint32_t base,
				uint32_t val, char *buf, size_t len)
{
	static const char *const type[] = { "device", "PCI bridge",
					    "CardBus bridge" };
	unsigned int t = val & 0x7f;

	(void)cfg;
	(void)base;
	snprintf(buf, len, "type %u (%s)%s", t, t < 3 ? type[t] : "unknown",
		 val & 0x80 ? ", multi-function" : "");
}

static void tui_dec_bist(const struct tui_cfg *cfg, uint32_t base,
			 uint32_t val, char *buf, size_t len)
{
	(void)cfg;
	(void)base;
	if (!(val & 0x80))
		snprintf(buf, len, "not capable");
	else
		snprintf(buf, len, "capable%s, completion code %u",
			 val & 0x40 ? ", running" : "", val & 0xf);
}

/* Index of the BAR whose low half is at BAR @i, or -1 if @i is a low half. */
static int tui_bar_upper_of(const struct tui_cfg *cfg, int i)
{
	int n = tui_cfg_hdr_type(cfg) == 1 ? 2 : 6, b = 0;
	uint32_t v;

	while (b < n) {
		v = tui_cfg_get(cfg, 0x10 + 4 * (uint32_t)b, 4);
		if (!(v & 1) && ((v >> 1) & 3) == 2) {
			if (b + 1 == i)
				return b;
			b += 2;
		} else {
			b++;
		}
	}
	return -1;
}

static void tui_dec_bar(const struct tui_cfg *cfg, uint32_t base,
			uint32_t val, char *buf, size_t len)
{
	int i = (int)(base - 0x10) / 4, low = tui_bar_upper_of(cfg, i);
	uint64_t addr;

	if (low >= 0) {
		snprintf(buf, len, "upper 32 bits of BASE_ADDRESS_%d", low);
	} else if (!val) {
		snprintf(buf, len, "unused");
	} else if (val & 1) {
		snprintf(buf, len, "I/O at 0x%x", val & ~3u);
	} else if (((val >> 1) & 3) == 2) {
		addr = (uint64_t)tui_cfg_get(cfg, base + 4, 4) << 32 |
		       (val & ~0xfu);
		snprintf(buf, len, "mem64 at 0x%llx%s",
			 (unsigned long long)addr,
			 val & 8 ? ", prefetchable" : "");
	} else {
		snprintf(buf, len, "mem32 at 0x%x%s", val & ~0xfu,
			 val & 8 ? ", prefetchable" : "");
	}
}

/* Registers take their own offset as @base: the BAR decoder needs it. */
#define BAR(n) { "BASE_ADDRESS_" #n, 0x10 + 4 * (n), 4, \
		 (n) < 2 ? HDR01 : HDR0, NULL, tui_dec_bar }

static void tui_dec_rom(const struct tui_cfg *cfg, uint32_t base,
			uint32_t val, char *buf, size_t len)
{
	(void)cfg;
	(void)base;
	if (!(val & ~0x7ffu))
		snprintf(buf, len, "unused");
	else
		snprintf(buf, len, "at 0x%x, %s", val & ~0x7ffu,
			 val & 1 ? "enabled" : "disabled");
}

static void tui_dec_cap_ptr(const struct tui_cfg *cfg, uint32_t base,
			    uint32_t val, char *buf, size_t len)
{
	(void)base;
	if (!(tui_cfg_get(cfg, 0x06, 2) & 0x10))
		snprintf(buf, len, "no capability list");
	else
		snprintf(buf, len, "first capability at 0x%02x", val & 0xfc);
}

static void tui_dec_int_pin(const struct tui_cfg *cfg, uint32_t base,
			    uint32_t val, char *buf, size_t len)
{
	(void)cfg;
	(void)base;
	if (!val)
		snprintf(buf, len, "none");
	else if (val <= 4)
		snprintf(buf, len, "INT%c", 'A' + (int)val - 1);
	else
		snprintf(buf, len, "invalid");
}

static void tui_dec_int_line(const struct tui_cfg *cfg, uint32_t base,
			     uint32_t val, char *buf, size_t len)
{
	(void)cfg;
	(void)base;
	if (val == 0xff)
		snprintf(buf, len, "unknown");
	else
		snprintf(buf, len, "IRQ %u (as firmware set it)", val);
}

static void tui_dec_io_window(const struct tui_cfg *cfg, uint32_t base,
			      uint32_t val, char *buf, size_t len)
{
	uint32_t lo = tui_cfg_get(cfg, 0x1c, 1), hi = tui_cfg_get(cfg, 0x1d, 1);
	uint32_t b = (lo & 0xf0) << 8, l = ((hi & 0xf0) << 8) | 0xfff;

	(void)base;
	(void)val;
	if ((lo & 0xf) == 1) {
		b |= tui_cfg_get(cfg, 0x30, 2) << 16;
		l |= tui_cfg_get(cfg, 0x32, 2) << 16;
	}
	if (b > l)
		snprintf(buf, len, "I/O window disabled");
	else
		snprintf(buf, len, "I/O window 0x%x-0x%x", b, l);
}

static void tui_dec_mem_window(const struct tui_cfg *cfg, uint32_t base,
			       uint32_t val, char *buf, size_t len)
{
	uint32_t b = (tui_cfg_get(cfg, 0x20, 2) & 0xfff0) << 16;
	uint32_t l = ((tui_cfg_get(cfg, 0x22, 2) & 0xfff0) << 16) | 0xfffff;

	(void)base;
	(void)val;
	if (b > l)
		snprintf(buf, len, "memory window disabled");
	else
		snprintf(buf, len, "memory window 0x%x-0x%x", b, l);
}

static void tui_dec_pref_window(const struct tui_cfg *cfg, uint32_t base,
				uint32_t val, char *buf, size_t len)
{
	uint32_t bl = tui_cfg_get(cfg, 0x24, 2), ll = tui_cfg_get(cfg, 0x26, 2);
	uint64_t b = (uint64_t)(bl & 0xfff0) << 16;
	uint64_t l = ((uint64_t)(ll & 0xfff0) << 16) | 0xfffff;

	(void)base;
	(void)val;
	if ((bl & 0xf) == 1) {
		b |= (uint64_t)tui_cfg_get(cfg, 0x28, 4) << 32;
		l |= (uint64_t)tui_cfg_get(cfg, 0x2c, 4) << 32;
	}
	if (b > l)
		snprintf(buf, len, "prefetchable window disabled");
	else
		snprintf(buf, len, "prefetchable window 0x%llx-0x%llx%s",
			 (unsigned long long)b, (unsigned long long)l,
			 (bl & 0xf) == 1 ? " (64-bit)" : "");
}

static void tui_dec_bridge_ctl(const struct tui_cfg *cfg, uint32_t base,
			       uint32_t val, char *buf, size_t len)
{
	(void)cfg;
	(void)base;
	tui_bits_only(buf, len, val, tui_bridge_ctl_bits);
}

static void tui_dec_bus(const struct tui_cfg *cfg, uint32_t base,
			uint32_t val, char *buf, size_t len)
{
	(void)val;
	(void)base;
	snprintf(buf, len, "primary=%02x secondary=%02x subordinate=%02x",
		 tui_cfg_get(cfg, 0x18, 1), tui_cfg_get(cfg, 0x19, 1),
		 tui_cfg_get(cfg, 0x1a, 1));
}

static const struct tui_regdef tui_header_regs[] = {
	{ "VENDOR_ID", 0x00, 2, HDR01, NULL, NULL },
	{ "DEVICE_ID", 0x02, 2, HDR01, NULL, NULL },
	{ "COMMAND", 0x04, 2, HDR01, NULL, tui_dec_command },
	{ "STATUS", 0x06, 2, HDR01, NULL, tui_dec_status },
	{ "REVISION", 0x08, 1, HDR01, NULL, NULL },
	{ "CLASS_PROG", 0x09, 1, HDR01, NULL, NULL },
	{ "CLASS_DEVICE", 0x0a, 2, HDR01, NULL, NULL },
	{ "CACHE_LINE_SIZE", 0x0c, 1, HDR01, NULL, NULL },
	{ "LATENCY_TIMER", 0x0d, 1, HDR01, NULL, NULL },
	{ "HEADER_TYPE", 0x0e, 1, HDR01, NULL, tui_dec_header_type },
	{ "BIST", 0x0f, 1, HDR01, NULL, tui_dec_bist },
	BAR(0), BAR(1), BAR(2), BAR(3), BAR(4), BAR(5),
	{ "CARDBUS_CIS", 0x28, 4, HDR0, NULL, NULL },
	{ "SUBSYSTEM_VENDOR_ID", 0x2c, 2, HDR0, NULL, NULL },
	{ "SUBSYSTEM_ID", 0x2e, 2, HDR0, NULL, NULL },
	{ "ROM_ADDRESS", 0x30, 4, HDR0, NULL, tui_dec_rom },
	{ "PRIMARY_BUS", 0x18, 1, HDR1, NULL, tui_dec_bus },
	{ "SECONDARY_BUS", 0x19, 1, HDR1, NULL, NULL },
	{ "SUBORDINATE_BUS", 0x1a, 1, HDR1, NULL, NULL },
	{ "SEC_LATENCY_TIMER", 0x1b, 1, HDR1, NULL, NULL },
	{ "IO_BASE", 0x1c, 1, HDR1, NULL, tui_dec_io_window },
	{ "IO_LIMIT", 0x1d, 1, HDR1, NULL, NULL },
	{ "SEC_STATUS", 0x1e, 2, HDR1, NULL, tui_dec_status },
	{ "MEMORY_BASE", 0x20, 2, HDR1, NULL, tui_dec_mem_window },
	{ "MEMORY_LIMIT", 0x22, 2, HDR1, NULL, NULL },
	{ "PREF_MEMORY_BASE", 0x24, 2, HDR1, NULL, tui_dec_pref_window },
	{ "PREF_MEMORY_LIMIT", 0x26, 2, HDR1, NULL, NULL },
	{ "PREF_BASE_UPPER32", 0x28, 4, HDR1, NULL, NULL },
	{ "PREF_LIMIT_UPPER32", 0x2c, 4, HDR1, NULL, NULL },
	{ "IO_BASE_UPPER16", 0x30, 2, HDR1, NULL, NULL },
	{ "IO_LIMIT_UPPER16", 0x32, 2, HDR1, NULL, NULL },
	{ "CAPABILITIES", 0x34, 1, HDR01, NULL, tui_dec_cap_ptr },
	{ "BRIDGE_ROM_ADDRESS", 0x38, 4, HDR1, NULL, tui_dec_rom },
	{ "INTERRUPT_LINE", 0x3c, 1, HDR01, NULL, tui_dec_int_line },
	{ "INTERRUPT_PIN", 0x3d, 1, HDR01, NULL, tui_dec_int_pin },
	{ "MIN_GNT", 0x3e, 1, HDR0, NULL, NULL },
	{ "MAX_LAT", 0x3f, 1, HDR0, NULL, NULL },
	{ "BRIDGE_CONTROL", 0x3e, 2, HDR1, NULL, tui_dec_bridge_ctl },
	{ NULL, 0, 0, 0, NULL, NULL }
};

/* ---- Power management --------------------------------------------------- */

static void tui_dec_pm_pmc(const struct tui_cfg *cfg, uint32_t base,
			   uint32_t val, char *buf, size_t len)
{
	static const struct tui_bit pme[] = {
		{ 1u << 11, "D0" }, { 1u << 12, "D1" }, { 1u << 13, "D2" },
		{ 1u << 14, "D3hot" }, { 1u << 15, "D3cold" }, { 0, NULL }
	};
	size_t pos = 0;

	(void)cfg;
	(void)base;
	buf[0] = '\0';
	tui_sbprintf(buf, len, &pos, "version %u, D1%c D2%c, PME from:",
		     val & 7, val & (1u << 9) ? '+' : '-',
		     val & (1u << 10) ? '+' : '-');
	if (!(val & (0x1fu << 11)))
		tui_sbprintf(buf, len, &pos, " -");
	else
		tui_bits(buf, len, &pos, val, pme);
}

static void tui_dec_pm_ctrl(const struct tui_cfg *cfg, uint32_t base,
			    uint32_t val, char *buf, size_t len)
{
	(void)cfg;
	(void)base;
	snprintf(buf, len, "D%u%s%s%s", val & 3,
		 val & 8 ? " NoSoftRst" : "", val & 0x100 ? " PME-Enable" : "",
		 val & 0x8000 ? " PME" : "");
}

static const struct tui_regdef tui_pm_regs[] = {
	{ "PM_PMC", 0x02, 2, 0, NULL, tui_dec_pm_pmc },
	{ "PM_CTRL", 0x04, 2, 0, NULL, tui_dec_pm_ctrl },
	{ NULL, 0, 0, 0, NULL, NULL }
};

/* ---- MSI ---------------------------------------------------------------- */

static bool tui_msi_64(const struct tui_cfg *cfg, uint32_t base)
{
	return tui_cfg_get(cfg, base + 2, 2) & 0x80;
}

static bool tui_msi_32(const struct tui_cfg *cfg, uint32_t base)
{
	return !tui_msi_64(cfg, base);
}

static bool tui_msi_mask_32(const struct tui_cfg *cfg, uint32_t base)
{
	return tui_msi_32(cfg, base) && (tui_cfg_get(cfg, base + 2, 2) & 0x100);
}

static bool tui_msi_mask_64(const struct tui_cfg *cfg, uint32_t base)
{
	return tui_msi_64(cfg, base) && (tui_cfg_get(cfg, base + 2, 2) & 0x100);
}

static void tui_dec_msi_flags(const struct tui_cfg *cfg, uint32_t base,
			      uint32_t val, char *buf, size_t len)
{
	(void)cfg;
	(void)base;
	snprintf(buf, len, "%s, %u/%u vectors%s%s",
		 val & 1 ? "enabled" : "disabled", 1u << ((val >> 4) & 7),
		 1u << ((val >> 1) & 7), val & 0x80 ? ", 64-bit" : ", 32-bit",
		 val & 0x100 ? ", maskable" : "");
}

static const struct tui_regdef tui_msi_regs[] = {
	{ "MSI_FLAGS", 0x02, 2, 0, NULL, tui_dec_msi_flags },
	{ "MSI_ADDRESS_LO", 0x04, 4, 0, NULL, NULL },
	{ "MSI_ADDRESS_HI", 0x08, 4, 0, tui_msi_64, NULL },
	{ "MSI_DATA", 0x08, 2, 0, tui_msi_32, NULL },
	{ "MSI_DATA", 0x0c, 2, 0, tui_msi_64, NULL },
	{ "MSI_MASK", 0x0c, 4, 0, tui_msi_mask_32, NULL },
	{ "MSI_PENDING", 0x10, 4, 0, tui_msi_mask_32, NULL },
	{ "MSI_MASK", 0x10, 4, 0, tui_msi_mask_64, NULL },
	{ "MSI_PENDING", 0x14, 4, 0, tui_msi_mask_64, NULL },
	{ NULL, 0, 0, 0, NULL, NULL }
};

/* ---- MSI-X -------------------------------------------------------------- */

static void tui_dec_msix_flags(const struct tui_cfg *cfg, uint32_t base,
			       uint32_t val, char *buf, size_t len)
{
	(void)cfg;
	(void)base;
	snprintf(buf, len, "%s%s, %u vectors", val & 0x8000 ? "enabled" : "disabled",
		 val & 0x4000 ? ", function masked" : "", (val & 0x7ff) + 1);
}

static void tui_dec_msix_bir(const struct tui_cfg *cfg, uint32_t base,
			     uint32_t val, char *buf, size_t len)
{
	(void)cfg;
	(void)base;
	snprintf(buf, len, "BAR%u + 0x%x", val & 7, val & ~7u);
}

static const struct tui_regdef tui_msix_regs[] = {
	{ "MSIX_FLAGS", 0x02, 2, 0, NULL, tui_dec_msix_flags },
	{ "MSIX_TABLE", 0x04, 4, 0, NULL, tui_dec_msix_bir },
	{ "MSIX_PBA", 0x08, 4, 0, NULL, tui_dec_msix_bir },
	{ NULL, 0, 0, 0, NULL, NULL }
};

/* ---- PCI Express -------------------------------------------------------- */

static unsigned int tui_exp_type(const struct tui_cfg *cfg, uint32_t base)
{
	return (tui_cfg_get(cfg, base + 2, 2) >> 4) & 0xf;
}

static bool tui_exp_v2(const struct tui_cfg *cfg, uint32_t base)
{
	return (tui_cfg_get(cfg, base + 2, 2) & 0xf) >= 2;
}

/* Link registers: every type but root-complex integrated endpoints and
 * event collectors (which have no link). */
static bool tui_exp_link(const struct tui_cfg *cfg, uint32_t base)
{
	unsigned int t = tui_exp_type(cfg, base);

	return t != 9 && t != 10;
}

static bool tui_exp_link2(const struct tui_cfg *cfg, uint32_t base)
{
	return tui_exp_link(cfg, base) && tui_exp_v2(cfg, base);
}

static bool tui_exp_slot(const struct tui_cfg *cfg, uint32_t base)
{
	unsigned int t = tui_exp_type(cfg, base);

	return (t == 4 || t == 6) && (tui_cfg_get(cfg, base + 2, 2) & 0x100);
}

static bool tui_exp_root(const struct tui_cfg *cfg, uint32_t base)
{
	unsigned int t = tui_exp_type(cfg, base);

	return t == 4 || t == 10;
}

static const char *tui_exp_type_name(unsigned int t)
{
	switch (t) {
	case 0:
		return "Endpoint";
	case 1:
		return "Legacy Endpoint";
	case 4:
		return "Root Port";
	case 5:
		return "Upstream Port";
	case 6:
		return "Downstream Port";
	case 7:
		return "PCIe to PCI/PCI-X Bridge";
	case 8:
		return "PCI/PCI-X to PCIe Bridge";
	case 9:
		return "Root Complex Integrated Endpoint";
	case 10:
		return "Root Complex Event Collector";
	default:
		return "unknown type";
	}
}

static const char *tui_link_speed(unsigned int s)
{
	static const char *const speed[] = { "?", "2.5GT/s", "5GT/s", "8GT/s",
					     "16GT/s", "32GT/s", "64GT/s" };

	return s < TUI_ARRAY_SIZE(speed) ? speed[s] : "?";
}

static const char *tui_aspm(unsigned int a)
{
	static const char *const aspm[] = { "none", "L0s", "L1", "L0s L1" };

	return aspm[a & 3];
}

static void tui_dec_exp_flags(const struct tui_cfg *cfg, uint32_t base,
			      uint32_t val, char *buf, size_t len)
{
	(void)cfg;
	(void)base;
	snprintf(buf, len, "v%u %s%s, MSI %u", val & 0xf,
		 tui_exp_type_name((val >> 4) & 0xf),
		 val & 0x100 ? " (slot)" : "", (val >> 9) & 0x1f);
}

static void tui_dec_exp_devcap(const struct tui_cfg *cfg, uint32_t base,
			       uint32_t val, char *buf, size_t len)
{
	(void)cfg;
	(void)base;
	snprintf(buf, len, "MaxPayload %u bytes%s%s%s", 128u << (val & 7),
		 val & 0x20 ? " ExtTag" : "", val & 0x8000 ? " RBE" : "",
		 val & 0x10000000 ? " FLReset" : "");
}

static void tui_dec_exp_devctl(const struct tui_cfg *cfg, uint32_t base,
			       uint32_t val, char *buf, size_t len)
{
	static const struct tui_bit bits[] = {
		{ 0x1, "CorrErr" }, { 0x2, "NonFatalErr" }, { 0x4, "FatalErr" },
		{ 0x8, "UnsupReq" }, { 0x10, "RlxdOrd" }, { 0x100, "ExtTag" },
		{ 0x800, "NoSnoop" }, { 0, NULL }
	};
	size_t pos = 0;

	(void)cfg;
	(void)base;
	buf[0] = '\0';
	tui_sbprintf(buf, len, &pos, "MaxPayload %u MaxReadReq %u",
		     128u << ((val >> 5) & 7), 128u << ((val >> 12) & 7));
	tui_bits(buf, len, &pos, val, bits);
}

static void tui_dec_exp_devsta(const struct tui_cfg *cfg, uint32_t base,
			       uint32_t val, char *buf, size_t len)
{
	static const struct tui_bit bits[] = {
		{ 0x1, "CorrErr" }, { 0x2, "NonFatalErr" }, { 0x4, "FatalErr" },
		{ 0x8, "UnsupReq" }, { 0x10, "AuxPwr" }, { 0x20, "TransPend" },
		{ 0, NULL }
	};

	(void)cfg;
	(void)base;
	tui_bits_only(buf, len, val, bits);
}

static void tui_dec_exp_lnkcap(const struct tui_cfg *cfg, uint32_t base,
			       uint32_t val, char *buf, size_t len)
{
	(void)cfg;
	(void)base;
	snprintf(buf, len, "Port #%u, Speed %s, Width x%u, ASPM %s", val >> 24,
		 tui_link_speed(val & 0xf), (val >> 4) & 0x3f,
		 tui_aspm((val >> 10) & 3));
}

static void tui_dec_exp_lnkctl(const struct tui_cfg *cfg, uint32_t base,
			       uint32_t val, char *buf, size_t len)
{
	(void)cfg;
	(void)base;
	snprintf(buf, len, "ASPM %s, RCB %u bytes%s%s", tui_aspm(val & 3),
		 val & 8 ? 128 : 64, val & 0x10 ? " Disabled" : "",
		 val & 0x40 ? " CommClk" : "");
}

static void tui_dec_exp_lnksta(const struct tui_cfg *cfg, uint32_t base,
			       uint32_t val, char *buf, size_t len)
{
	(void)cfg;
	(void)base;
	snprintf(buf, len, "Speed %s, Width x%u%s%s", tui_link_speed(val & 0xf),
		 (val >> 4) & 0x3f, val & 0x800 ? " Train" : "",
		 val & 0x2000 ? " DLActive" : "");
}

static void tui_dec_exp_sltcap(const struct tui_cfg *cfg, uint32_t base,
			       uint32_t val, char *buf, size_t len)
{
	static const struct tui_bit bits[] = {
		{ 0x1, "AttnBtn" }, { 0x2, "PwrCtrl" }, { 0x4, "MRL" },
		{ 0x8, "AttnInd" }, { 0x10, "PwrInd" }, { 0x20, "Surprise" },
		{ 0x40, "HotPlug" }, { 0, NULL }
	};
	size_t pos = 0;

	(void)cfg;
	(void)base;
	buf[0] = '\0';
	tui_sbprintf(buf, len, &pos, "Slot #%u", val >> 19);
	tui_bits(buf, len, &pos, val, bits);
}

static void tui_dec_exp_sltsta(const struct tui_cfg *cfg, uint32_t base,
			       uint32_t val, char *buf, size_t len)
{
	static const struct tui_bit bits[] = {
		{ 0x1, "AttnBtn" }, { 0x2, "PowerFlt" }, { 0x4, "MRLChg" },
		{ 0x8, "PresDetChg" }, { 0x10, "CmdCplt" }, { 0x20, "MRLOpen" },
		{ 0x40, "PresDet" }, { 0x100, "DLLStateChg" }, { 0, NULL }
	};

	(void)cfg;
	(void)base;
	tui_bits_only(buf, len, val, bits);
}

static void tui_dec_exp_lnkcap2(const struct tui_cfg *cfg, uint32_t base,
				uint32_t val, char *buf, size_t len)
{
	unsigned int s;
	size_t pos = 0;

	(void)cfg;
	(void)base;
	buf[0] = '\0';
	tui_sbprintf(buf, len, &pos, "speeds:");
	for (s = 1; s <= 6; s++)
		if (val & (1u << s))
			tui_sbprintf(buf, len, &pos, " %s", tui_link_speed(s));
	if (!(val & 0x7e))
		tui_sbprintf(buf, len, &pos, " (not reported)");
}

static void tui_dec_exp_lnkctl2(const struct tui_cfg *cfg, uint32_t base,
				uint32_t val, char *buf, size_t len)
{
	(void)cfg;
	(void)base;
	snprintf(buf, len, "Target speed %s", tui_link_speed(val & 0xf));
}

static const struct tui_regdef tui_exp_regs[] = {
	{ "EXP_FLAGS", 0x02, 2, 0, NULL, tui_dec_exp_flags },
	{ "EXP_DEVCAP", 0x04, 4, 0, NULL, tui_dec_exp_devcap },
	{ "EXP_DEVCTL", 0x08, 2, 0, NULL, tui_dec_exp_devctl },
	{ "EXP_DEVSTA", 0x0a, 2, 0, NULL, tui_dec_exp_devsta },
	{ "EXP_LNKCAP", 0x0c, 4, 0, tui_exp_link, tui_dec_exp_lnkcap },
	{ "EXP_LNKCTL", 0x10, 2, 0, tui_exp_link, tui_dec_exp_lnkctl },
	{ "EXP_LNKSTA", 0x12, 2, 0, tui_exp_link, tui_dec_exp_lnksta },
	{ "EXP_SLTCAP", 0x14, 4, 0, tui_exp_slot, tui_dec_exp_sltcap },
	{ "EXP_SLTCTL", 0x18, 2, 0, tui_exp_slot, NULL },
	{ "EXP_SLTSTA", 0x1a, 2, 0, tui_exp_slot, tui_dec_exp_sltsta },
	{ "EXP_RTCTL", 0x1c, 2, 0, tui_exp_root, NULL },
	{ "EXP_RTCAP", 0x1e, 2, 0, tui_exp_root, NULL },
	{ "EXP_RTSTA", 0x20, 4, 0, tui_exp_root, NULL },
	{ "EXP_DEVCAP2", 0x24, 4, 0, tui_exp_v2, NULL },
	{ "EXP_DEVCTL2", 0x28, 2, 0, tui_exp_v2, NULL },
	{ "EXP_DEVSTA2", 0x2a, 2, 0, tui_exp_v2, NULL },
	{ "EXP_LNKCAP2", 0x2c, 4, 0, tui_exp_link2, tui_dec_exp_lnkcap2 },
	{ "EXP_LNKCTL2", 0x30, 2, 0, tui_exp_link2, tui_dec_exp_lnkctl2 },
	{ "EXP_LNKSTA2", 0x32, 2, 0, tui_exp_link2, NULL },
	{ NULL, 0, 0, 0, NULL, NULL }
};

/* ---- Capability table --------------------------------------------------- */

static const struct tui_capdef tui_caps[] = {
	{ 0x01, false, "CAP_PM", "Power Management", tui_pm_regs },
	{ 0x02, false, "CAP_AGP", "AGP", NULL },
	{ 0x03, false, "CAP_VPD", "Vital Product Data", NULL },
	{ 0x04, false, "CAP_SLOTID", "Slot Identification", NULL },
	{ 0x05, false, "CAP_MSI", "MSI", tui_msi_regs },
	{ 0x06, false, "CAP_CHSWP", "CompactPCI Hot Swap", NULL },
	{ 0x07, false, "CAP_PCIX", "PCI-X", NULL },
	{ 0x08, false, "CAP_HT", "HyperTransport", NULL },
	{ 0x09, false, "CAP_VNDR", "Vendor Specific", NULL },
	{ 0x0a, false, "CAP_DBG", "Debug Port", NULL },
	{ 0x0b, false, "CAP_CCRC", "CompactPCI Central Resource Control", NULL },
	{ 0x0c, false, "CAP_HOTPLUG", "PCI Hot-Plug", NULL },
	{ 0x0d, false, "CAP_SSVID", "Bridge Subsystem Vendor ID", NULL },
	{ 0x0e, false, "CAP_AGP3", "AGP 8x", NULL },
	{ 0x0f, false, "CAP_SECURE", "Secure Device", NULL },
	{ 0x10, false, "CAP_EXP", "PCI Express", tui_exp_regs },
	{ 0x11, false, "CAP_MSIX", "MSI-X", tui_msix_regs },
	{ 0x12, false, "CAP_SATA", "SATA Data/Index", NULL },
	{ 0x13, false, "CAP_AF", "Advanced Features", NULL },
	{ 0x14, false, "CAP_EA", "Enhanced Allocation", NULL },
	{ 0x01, true, "ECAP_AER", "Advanced Error Reporting", NULL },
	{ 0x02, true, "ECAP_VC", "Virtual Channel", NULL },
	{ 0x03, true, "ECAP_DSN", "Device Serial Number", NULL },
	{ 0x04, true, "ECAP_PB", "Power Budgeting", NULL },
	{ 0x05, true, "ECAP_RCLINK", "Root Complex Link Declaration", NULL },
	{ 0x06, true, "ECAP_RCILINK", "Root Complex Internal Link", NULL },
	{ 0x07, true, "ECAP_RCEC", "Root Complex Event Collector", NULL },
	{ 0x08, true, "ECAP_MFVC", "Multi-Function Virtual Channel", NULL },
	{ 0x09, true, "ECAP_VC2", "Virtual Channel (MFVC)", NULL },
	{ 0x0a, true, "ECAP_RBCB", "Root Complex Register Block", NULL },
	{ 0x0b, true, "ECAP_VNDR", "Vendor Specific", NULL },
	{ 0x0d, true, "ECAP_ACS", "Access Control Services", NULL },
	{ 0x0e, true, "ECAP_ARI", "Alternative Routing-ID", NULL },
	{ 0x0f, true, "ECAP_ATS", "Address Translation Services", NULL },
	{ 0x10, true, "ECAP_SRIOV", "Single Root I/O Virtualization", NULL },
	{ 0x11, true, "ECAP_MRIOV", "Multi-Root I/O Virtualization", NULL },
	{ 0x12, true, "ECAP_MCAST", "Multicast", NULL },
	{ 0x13, true, "ECAP_PRI", "Page Request Interface", NULL },
	{ 0x15, true, "ECAP_REBAR", "Resizable BAR", NULL },
	{ 0x16, true, "ECAP_DPA", "Dynamic Power Allocation", NULL },
	{ 0x17, true, "ECAP_TPH", "TLP Processing Hints", NULL },
	{ 0x18, true, "ECAP_LTR", "Latency Tolerance Reporting", NULL },
	{ 0x19, true, "ECAP_SECPCI", "Secondary PCI Express", NULL },
	{ 0x1a, true, "ECAP_PMUX", "Protocol Multiplexing", NULL },
	{ 0x1b, true, "ECAP_PASID", "Process Address Space ID", NULL },
	{ 0x1c, true, "ECAP_LNR", "LN Requester", NULL },
	{ 0x1d, true, "ECAP_DPC", "Downstream Port Containment", NULL },
	{ 0x1e, true, "ECAP_L1PM", "L1 PM Substates", NULL },
	{ 0x1f, true, "ECAP_PTM", "Precision Time Measurement", NULL },
	{ 0x23, true, "ECAP_DVSEC", "Designated Vendor-Specific", NULL },
	{ 0x25, true, "ECAP_DLNK", "Data Link Feature", NULL },
	{ 0x26, true, "ECAP_16GT", "Physical Layer 16.0 GT/s", NULL },
	{ 0x27, true, "ECAP_LMR", "Lane Margining at the Receiver", NULL },
	{ 0x2a, true, "ECAP_32GT", "Physical Layer 32.0 GT/s", NULL },
};

static const struct tui_capdef *tui_capdef_of(const struct tui_cap *cap)
{
	size_t i;

	for (i = 0; i < TUI_ARRAY_SIZE(tui_caps); i++)
		if (tui_caps[i].id == cap->id && tui_caps[i].ext == cap->ext)
			return &tui_caps[i];
	return NULL;
}

const char *tui_cap_name(const struct tui_cap *cap)
{
	const struct tui_capdef *d = tui_capdef_of(cap);

	return d ? d->name : "Unknown";
}

const char *tui_cap_key(const struct tui_cap *cap)
{
	const struct tui_capdef *d = tui_capdef_of(cap);

	return d ? d->key : NULL;
}

int tui_cfg_caps(const struct tui_cfg *cfg, struct tui_cap *caps, int max)
{
	uint32_t off, hdr;
	int n = 0, guard;

	if (cfg->len >= 0x40 && (tui_cfg_get(cfg, 0x06, 2) & 0x10)) {
		off = tui_cfg_get(cfg, 0x34, 1) & 0xfc;
		for (guard = 0; off >= 0x40 && off + 2 <= cfg->len &&
				guard < 48 && n < max; guard++) {
			caps[n].off = (uint16_t)off;
			caps[n].id = (uint16_t)tui_cfg_get(cfg, off, 1);
			caps[n].ext = false;
			caps[n].ver = 0;
			n++;
			off = tui_cfg_get(cfg, off + 1, 1) & 0xfc;
		}
	}
	/* Extended list: only when the snapshot has it and something is there
	 * (all ones or zero at 0x100 means none). */
	if (cfg->len < TUI_CFG_SIZE)
		return n;
	off = 0x100;
	for (guard = 0; off >= 0x100 && off + 4 <= cfg->len && guard < 1024 &&
			n < max; guard++) {
		hdr = tui_cfg_get(cfg, off, 4);
		if (!hdr || hdr == 0xffffffffu)
			break;
		caps[n].off = (uint16_t)off;
		caps[n].id = hdr & 0xffff;
		caps[n].ext = true;
		caps[n].ver = (hdr >> 16) & 0xf;
		n++;
		off = (hdr >> 20) & 0xffc;
	}
	return n;
}

/* ---- Names -------------------------------------------------------------- */

/* Whether @r is on this device (header type, capability variant). */
static bool tui_regdef_present(const struct tui_cfg *cfg,
			       const struct tui_regdef *r, uint32_t base,
			       bool header)
{
	if (header && !(r->hdr & (1u << tui_cfg_hdr_type(cfg))))
		return false;
	if (r->has && !r->has(cfg, base))
		return false;
	return base + r->off + r->size <= cfg->len;
}

static void tui_reg_set(struct tui_reg *reg, const char *name, uint32_t off,
			unsigned int size)
{
	snprintf(reg->name, sizeof(reg->name), "%s", name);
	reg->off = (uint16_t)off;
	reg->size = (uint8_t)size;
}

/* Find the named register: header first, then each capability. */
static bool tui_find_named(const struct tui_cfg *cfg, const char *name,
			   struct tui_reg *reg, bool *other_variant)
{
	struct tui_cap caps[TUI_CFG_MAX_CAPS];
	const struct tui_capdef *d;
	const struct tui_regdef *r;
	int n, i;

	*other_variant = false;
	for (r = tui_header_regs; r->name; r++) {
		if (strcasecmp(r->name, name))
			continue;
		if (tui_regdef_present(cfg, r, 0, true)) {
			tui_reg_set(reg, r->name, r->off, r->size);
			return true;
		}
		*other_variant = true;
	}
	n = tui_cfg_caps(cfg, caps, TUI_CFG_MAX_CAPS);
	for (i = 0; i < n; i++) {
		d = tui_capdef_of(&caps[i]);
		if (!d || !d->regs)
			continue;
		for (r = d->regs; r->name; r++) {
			if (strcasecmp(r->name, name))
				continue;
			if (tui_regdef_present(cfg, r, caps[i].off, false)) {
				tui_reg_set(reg, r->name, caps[i].off + r->off,
					    r->size);
				return true;
			}
			*other_variant = true;
		}
	}
	return false;
}

/* Whether @name is a register name known anywhere (for error messages). */
static const struct tui_capdef *tui_known_name(const char *name, bool *header)
{
	const struct tui_regdef *r;
	size_t i;

	*header = false;
	for (r = tui_header_regs; r->name; r++)
		if (!strcasecmp(r->name, name)) {
			*header = true;
			return NULL;
		}
	for (i = 0; i < TUI_ARRAY_SIZE(tui_caps); i++)
		for (r = tui_caps[i].regs; r && r->name; r++)
			if (!strcasecmp(r->name, name))
				return &tui_caps[i];
	return NULL;
}

/* CAP_MSI, ECAP_AER, CAP05, ECAP0001: the offset of that capability. */
static int tui_find_cap(const struct tui_cfg *cfg, const char *name,
			struct tui_reg *reg, char *err, size_t errlen)
{
	struct tui_cap caps[TUI_CFG_MAX_CAPS];
	const struct tui_capdef *d = NULL;
	bool ext = !strncasecmp(name, "ECAP", 4);
	const char *num = name + (ext ? 4 : 3);
	uint64_t id = 0;
	char *end;
	size_t i;
	int n, k;

	for (i = 0; i < TUI_ARRAY_SIZE(tui_caps); i++)
		if (!strcasecmp(tui_caps[i].key, name))
			d = &tui_caps[i];
	if (d) {
		id = d->id;
	} else {
		id = strtoull(num, &end, 16);
		if (!*num || *end || *num == '_' || id > (ext ? 0xffffu : 0xffu)) {
			snprintf(err, errlen, "unknown register name '%s'", name);
			return -1;
		}
	}
	n = tui_cfg_caps(cfg, caps, TUI_CFG_MAX_CAPS);
	for (k = 0; k < n; k++)
		if (caps[k].ext == ext && caps[k].id == id) {
			tui_reg_set(reg, d ? d->key : name, caps[k].off, 0);
			/* CAP05, not cap05: names are shown in capitals. */
			for (i = 0; reg->name[i]; i++)
				if (reg->name[i] >= 'a' && reg->name[i] <= 'z')
					reg->name[i] = (char)(reg->name[i] - 'a' + 'A');
			return 0;
		}
	snprintf(err, errlen, "the device has no %s capability%s",
		 d ? d->name : name,
		 ext && cfg->len < TUI_CFG_SIZE ?
			 " (the extended capabilities could not be read)" :
			 (!ext && cfg->len < 0x100 ?
				  " (only the first 64 bytes could be read)" : ""));
	return -1;
}

static bool tui_parse_hex_offset(const char *s, uint64_t *v)
{
	char *end;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		return tui_parse_u64(s, v);
	if (!*s || !strchr("0123456789abcdefABCDEF", *s))
		return false;
	*v = strtoull(s, &end, 16);
	return !*end && *v < TUI_CFG_SIZE;
}

int tui_cfg_lookup(const struct tui_cfg *cfg, const char *name,
		   struct tui_reg *reg, char *err, size_t errlen)
{
	char base[sizeof(reg->name)];
	const struct tui_capdef *d;
	const char *plus;
	uint64_t add = 0;
	bool other, header;
	size_t n;

	plus = strchr(name, '+');
	n = plus ? (size_t)(plus - name) : strlen(name);
	if (!n || n >= sizeof(base)) {
		snprintf(err, errlen, "unknown register name '%s'", name);
		return -1;
	}
	memcpy(base, name, n);
	base[n] = '\0';
	/* The offset after '+' is hex, with or without 0x (as in setpci). */
	if (plus && !tui_parse_hex_offset(plus + 1, &add)) {
		snprintf(err, errlen, "bad offset in '%s'", name);
		return -1;
	}
	if (tui_find_named(cfg, base, reg, &other)) {
		/* found */
	} else if (other) {
		snprintf(err, errlen, "%s is not present on this device "
			 "(other header type or capability variant)", base);
		return -1;
	} else if (!strncasecmp(base, "CAP", 3) || !strncasecmp(base, "ECAP", 4)) {
		if (tui_find_cap(cfg, base, reg, err, errlen))
			return -1;
	} else {
		d = tui_known_name(base, &header);
		if (d)
			snprintf(err, errlen, "the device has no %s capability%s",
				 d->name, cfg->len < 0x100 ?
				 " (only the first 64 bytes could be read)" : "");
		else if (header)
			snprintf(err, errlen, "%s is beyond the %u bytes that "
				 "could be read", base, cfg->len);
		else
			snprintf(err, errlen, "unknown register name '%s'", base);
		return -1;
	}
	if (plus) {
		if (reg->off + add >= TUI_CFG_SIZE) {
			snprintf(err, errlen, "'%s' is beyond configuration space",
				 name);
			return -1;
		}
		reg->off = (uint16_t)(reg->off + add);
		reg->size = 0;
		n = strlen(reg->name);
		tui_sbprintf(reg->name, sizeof(reg->name), &n, "+0x%llx",
			     (unsigned long long)add);
	}
	return 0;
}

/* Call @fn for every register present on the device, in layout order. */
static bool tui_each_reg(const struct tui_cfg *cfg,
			 bool (*fn)(void *ctx, const struct tui_regdef *r,
				    uint32_t base),
			 void *ctx)
{
	struct tui_cap caps[TUI_CFG_MAX_CAPS];
	const struct tui_capdef *d;
	const struct tui_regdef *r;
	int n, i;

	for (r = tui_header_regs; r->name; r++)
		if (tui_regdef_present(cfg, r, 0, true) && fn(ctx, r, 0))
			return true;
	n = tui_cfg_caps(cfg, caps, TUI_CFG_MAX_CAPS);
	for (i = 0; i < n; i++) {
		d = tui_capdef_of(&caps[i]);
		for (r = d ? d->regs : NULL; r && r->name; r++)
			if (tui_regdef_present(cfg, r, caps[i].off, false) &&
			    fn(ctx, r, caps[i].off))
				return true;
	}
	return false;
}

struct tui_name_at {
	uint32_t off;
	unsigned int size;
	struct tui_reg *reg;
	const struct tui_regdef *def;
	uint32_t base;
};

static bool tui_name_at_cb(void *ctx, const struct tui_regdef *r, uint32_t base)
{
	struct tui_name_at *a = ctx;

	if (base + r->off != a->off || (a->size && r->size != a->size))
		return false;
	tui_reg_set(a->reg, r->name, a->off, r->size);
	a->def = r;
	a->base = base;
	return true;
}

bool tui_cfg_name_at(const struct tui_cfg *cfg, uint32_t off,
		     unsigned int size, struct tui_reg *reg)
{
	struct tui_name_at a = { off, size, reg, NULL, 0 };

	return tui_each_reg(cfg, tui_name_at_cb, &a);
}

void tui_cfg_decode(const struct tui_cfg *cfg, const struct tui_reg *reg,
		    uint32_t val, char *buf, size_t len)
{
	struct tui_reg tmp;
	struct tui_name_at a = { reg->off, reg->size, &tmp, NULL, 0 };

	buf[0] = '\0';
	if (!reg->size || !tui_each_reg(cfg, tui_name_at_cb, &a) || !a.def->dec)
		return;
	/* Header decoders take the register offset, capability decoders the
	 * capability's. */
	a.def->dec(cfg, a.base ? a.base : reg->off, val, buf, len);
}

/* ---- Layout ------------------------------------------------------------- */

struct tui_layout {
	const struct tui_cfg *cfg;
	struct tui_cfg_line *lines;
	size_t max, n;
};

static void tui_layout_heading(struct tui_layout *l, const char *fmt, ...)
	TUI_PRINTF(2, 3);

static void tui_layout_heading(struct tui_layout *l, const char *fmt, ...)
{
	va_list ap;

	if (l->n < l->max) {
		memset(&l->lines[l->n], 0, sizeof(l->lines[l->n]));
		l->lines[l->n].heading = true;
		va_start(ap, fmt);
		vsnprintf(l->lines[l->n].text, sizeof(l->lines[l->n].text), fmt,
			  ap);
		va_end(ap);
	}
	l->n++;
}

static void tui_layout_reg(struct tui_layout *l, const struct tui_regdef *r,
			   uint32_t off)
{
	if (l->n < l->max) {
		memset(&l->lines[l->n], 0, sizeof(l->lines[l->n]));
		tui_reg_set(&l->lines[l->n].reg, r->name, off, r->size);
	}
	l->n++;
}

size_t tui_cfg_layout(const struct tui_cfg *cfg, struct tui_cfg_line *lines,
		      size_t max)
{
	static const char *const hdr_name[] = { "device", "PCI bridge",
						"CardBus bridge" };
	struct tui_layout l = { cfg, lines, max, 0 };
	struct tui_cap caps[TUI_CFG_MAX_CAPS];
	const struct tui_capdef *d;
	const struct tui_regdef *r;
	unsigned int t = tui_cfg_hdr_type(cfg);
	int n, i;

	if (!cfg->len)
		return 0;
	tui_layout_heading(&l, "Header type %u (%s)", t,
			   t < 3 ? hdr_name[t] : "unknown");
	for (r = tui_header_regs; r->name; r++)
		if (tui_regdef_present(cfg, r, 0, true))
			tui_layout_reg(&l, r, r->off);
	n = tui_cfg_caps(cfg, caps, TUI_CFG_MAX_CAPS);
	for (i = 0; i < n; i++) {
		d = tui_capdef_of(&caps[i]);
		if (caps[i].ext)
			tui_layout_heading(&l, "[%03x] %s (ID 0x%04x v%u)",
					   caps[i].off, tui_cap_name(&caps[i]),
					   caps[i].id, caps[i].ver);
		else
			tui_layout_heading(&l, "[%02x] %s (ID 0x%02x)",
					   caps[i].off, tui_cap_name(&caps[i]),
					   caps[i].id);
		for (r = d ? d->regs : NULL; r && r->name; r++)
			if (tui_regdef_present(cfg, r, caps[i].off, false))
				tui_layout_reg(&l, r, caps[i].off + r->off);
	}
	if (cfg->len < 0x100)
		tui_layout_heading(&l, "(only the first %u bytes are readable: "
				   "root or an open device shows more)",
				   cfg->len);
	return l.n;
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * tui_cfg.h - decoding of PCI configuration space from a byte snapshot:
 * the standard header (types 0 and 1), the capability lists, named
 * registers and what their values mean.  Pure functions over bytes, so
 * they work the same on a live device, through sysfs or on a dump file.
 */
#ifndef TUI_CFG_H
#define TUI_CFG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TUI_CFG_SIZE 4096u

/* A snapshot of configuration space. */
struct tui_cfg {
	uint8_t b[TUI_CFG_SIZE];
	uint32_t len;	/* bytes that were read: 64 (sysfs without root),
			   256, or 4096 (PCI Express) */
};

/* One capability found in the lists. */
struct tui_cap {
	uint16_t off;	/* offset of its header */
	uint16_t id;	/* capability ID */
	bool ext;	/* in the extended list (offset 0x100 and up) */
	uint8_t ver;	/* version of an extended capability */
};

/* A register resolved on one device: its name, offset and size. */
struct tui_reg {
	char name[40];	/* canonical name, "" for a bare offset */
	uint16_t off;
	uint8_t size;	/* 1, 2 or 4 bytes; 0 when the name gives none
			   (a capability base such as CAP_MSI+4) */
};

/* Most capabilities reported (the walk stops there: a loop guard). */
#define TUI_CFG_MAX_CAPS 64

/* Little-endian read of @size (1, 2, 4) bytes; 0 outside the snapshot. */
uint32_t tui_cfg_get(const struct tui_cfg *cfg, uint32_t off, unsigned int size);

/*
 * Walk the standard, then the extended capability list (each entry must
 * lie inside the snapshot; loops and bad pointers end the walk).
 * Return: the number of entries stored in @caps (at most @max).
 */
int tui_cfg_caps(const struct tui_cfg *cfg, struct tui_cap *caps, int max);

/* "MSI", "PCI Express", "Advanced Error Reporting", ...; "Unknown" if none. */
const char *tui_cap_name(const struct tui_cap *cap);
/* The setpci-style name ("CAP_MSI", "ECAP_AER"); NULL when unnamed. */
const char *tui_cap_key(const struct tui_cap *cap);

/*
 * Resolve a register name on this device.  @name is, case-insensitively:
 * a standard header register (setpci's names: VENDOR_ID, COMMAND,
 * BASE_ADDRESS_0, BRIDGE_CONTROL, ...); a capability register (MSI_FLAGS,
 * MSIX_TABLE, PM_CTRL, EXP_LNKSTA, ...); or a capability (CAP_MSI,
 * ECAP_AER, CAP05, ECAP0001); any of them optionally followed by +OFFSET
 * (hex).  Return: 0 and *@reg; -1 with a reason in @err.
 */
int tui_cfg_lookup(const struct tui_cfg *cfg, const char *name,
		   struct tui_reg *reg, char *err, size_t errlen);

/*
 * The register that starts at @off with @size bytes (0: any size), if the
 * device has a named one there.  Return: true and *@reg; false (*@reg is
 * left alone).
 */
bool tui_cfg_name_at(const struct tui_cfg *cfg, uint32_t off,
		     unsigned int size, struct tui_reg *reg);

/*
 * What value @val of register @reg means ("I/O Mem BusMaster", "MSI
 * disabled, 1/1 vectors, 64-bit"); "" when there is nothing to say.
 */
void tui_cfg_decode(const struct tui_cfg *cfg, const struct tui_reg *reg,
		    uint32_t val, char *buf, size_t len);

/* One line of the decoded view: a heading or a named register. */
struct tui_cfg_line {
	bool heading;
	char text[96];		/* heading text */
	struct tui_reg reg;	/* register lines */
};

/*
 * The decoded document of a snapshot: the header registers, then each
 * capability (a heading, then its registers).  Return: the number of lines
 * (those beyond @max are counted, not stored).
 */
size_t tui_cfg_layout(const struct tui_cfg *cfg, struct tui_cfg_line *lines,
		      size_t max);

#endif /* TUI_CFG_H */

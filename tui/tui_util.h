/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * tui_util.h - small helpers shared by the parts of wdtui: bounded string
 * building, a growable list of text lines, number parsing and formatting.
 */
#ifndef TUI_UTIL_H
#define TUI_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tui_screen.h"	/* TUI_PRINTF */

#define TUI_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Append to @buf of @len bytes at *@pos, truncating (always NUL-terminated
 * when @len > 0); *@pos never passes @len - 1.
 */
void tui_sbprintf(char *buf, size_t len, size_t *pos, const char *fmt, ...)
	TUI_PRINTF(4, 5);

/* A growable list of lines (help text, decoded documents). */
struct tui_lines {
	char **v;
	size_t n, cap;
};
/* Append a formatted line; 0, or -1 when out of memory. */
int tui_lines_add(struct tui_lines *l, const char *fmt, ...) TUI_PRINTF(2, 3);
void tui_lines_free(struct tui_lines *l);

/*
 * Parse an unsigned number: "0x" followed by hex digits, or decimal digits
 * (a leading 0 does not mean octal).  Return: true and *@v on success;
 * false for anything else (empty, sign, junk, overflow).
 */
bool tui_parse_u64(const char *s, uint64_t *v);

/*
 * Parse "0x"-less hex bytes ("deadbeef", an even number of digits) into
 * @buf of @max bytes.  Return: the number of bytes, or -1.
 */
long tui_parse_hex_bytes(const char *s, uint8_t *buf, size_t max);

/* Format a size as "4 KiB", "1 MiB", "256 B". */
void tui_fmt_size(uint64_t bytes, char *buf, size_t len);

/* Case-insensitive ASCII substring search (filters and searches). */
bool tui_str_contains(const char *hay, const char *needle);

#endif /* TUI_UTIL_H */

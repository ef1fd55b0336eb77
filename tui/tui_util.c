// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * tui_util.c - small helpers shared by the parts of wdtui.
 */
#include "tui_util.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tui_sbprintf(char *buf, size_t len, size_t *pos, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!len || *pos >= len - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *pos, len - *pos, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	*pos += (size_t)n;
	if (*pos > len - 1)
		*pos = len - 1;
}

int tui_lines_add(struct tui_lines *l, const char *fmt, ...)
{
	char **v;
	va_list ap;
	char *s;
	int n;

	if (l->n == l->cap) {
		v = realloc(l->v, (l->cap ? l->cap * 2 : 32) * sizeof(*v));
		if (!v)
			return -1;
		l->v = v;
		l->cap = l->cap ? l->cap * 2 : 32;
	}
	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -1;
	l->v[l->n++] = s;
	return 0;
}

void tui_lines_free(struct tui_lines *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static int tui_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool tui_parse_u64(const char *s, uint64_t *v)
{
	uint64_t r = 0;
	int d;

	if (!s || !*s)
		return false;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		if (!*s)
			return false;
		for (; *s; s++) {
			d = tui_hexval(*s);
			if (d < 0 || r >> 60)
				return false;
			r = r << 4 | (uint64_t)d;
		}
	} else {
		for (; *s; s++) {
			if (*s < '0' || *s > '9')
				return false;
			d = *s - '0';
			if (r > (UINT64_MAX - (uint64_t)d) / 10)
				return false;
			r = r * 10 + (uint64_t)d;
		}
	}
	*v = r;
	return true;
}

long tui_parse_hex_bytes(const char *s, uint8_t *buf, size_t max)
{
	size_t n = strlen(s), i;
	int hi, lo;

	if (!n || n % 2 || n / 2 > max)
		return -1;
	for (i = 0; i < n / 2; i++) {
		hi = tui_hexval(s[2 * i]);
		lo = tui_hexval(s[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		buf[i] = (uint8_t)(hi << 4 | lo);
	}
	return (long)(n / 2);
}

void tui_fmt_size(uint64_t bytes, char *buf, size_t len)
{
	static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	unsigned int u = 0;

	while (u + 1 < TUI_ARRAY_SIZE(unit) && bytes >= 1024 && !(bytes % 1024)) {
		bytes /= 1024;
		u++;
	}
	snprintf(buf, len, "%llu %s", (unsigned long long)bytes, unit[u]);
}

bool tui_str_contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle), i;

	if (!n)
		return true;
	for (; *hay; hay++) {
		for (i = 0; i < n && hay[i]; i++)
			if (tolower((unsigned char)hay[i]) !=
			    tolower((unsigned char)needle[i]))
				break;
		if (i == n)
			return true;
	}
	return false;
}

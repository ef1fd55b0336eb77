// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * mon_format.c - how wddebug shows trace records: which ones (its own
 * filter, applied on top of the agent's), as aligned text columns with
 * optional colour, or as one JSON object per line.  Pure functions that
 * write into caller buffers, so the host unit tests can check them.
 */
#include "mon.h"

#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

/* Colours of the text output by level (SGR sequences). */
#define MON_SGR_RESET "\033[0m"
#define MON_SGR_ERROR "\033[1;31m"
#define MON_SGR_WARN "\033[33m"
#define MON_SGR_TRACE "\033[2m"
#define MON_SGR_LOST "\033[1;35m"

/* A string builder over a caller buffer; what does not fit is dropped. */
struct mon_sb {
	char *buf;
	size_t len;
	size_t used;
};

static void sb_init(struct mon_sb *sb, char *buf, size_t len)
{
	sb->buf = buf;
	sb->len = len;
	sb->used = 0;
	if (len)
		buf[0] = '\0';
}

static void sb_putc(struct mon_sb *sb, char c)
{
	if (sb->used + 1 < sb->len) {
		sb->buf[sb->used++] = c;
		sb->buf[sb->used] = '\0';
	}
}

static void sb_puts(struct mon_sb *sb, const char *s)
{
	while (*s)
		sb_putc(sb, *s++);
}

static void sb_printf(struct mon_sb *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void sb_printf(struct mon_sb *sb, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	sb_puts(sb, tmp);
}

/* @s padded with blanks to @width (not cut). */
static void sb_pad(struct mon_sb *sb, const char *s, size_t width)
{
	size_t n = strlen(s);

	sb_puts(sb, s);
	for (; n < width; n++)
		sb_putc(sb, ' ');
}

/* End a line: keep room for the newline even when the line was cut. */
static size_t sb_end_line(struct mon_sb *sb)
{
	if (!sb->len)
		return 0;
	if (sb->used + 1 >= sb->len)
		sb->used = sb->len - 2;
	sb->buf[sb->used++] = '\n';
	sb->buf[sb->used] = '\0';
	return sb->used;
}

const char *mon_source_type_str(uint32_t type)
{
	switch (type) {
	case WDC_TRACE_SRC_AGENT:
		return "agent";
	case WDC_TRACE_SRC_PLUGIN:
		return "plugin";
	case WDC_TRACE_SRC_USER:
		return "user";
	default:
		return "?";
	}
}

bool mon_filter_match(const struct mon_filter *f, const WDC_TRACE_RECORD *r)
{
	if (r->fLost)
		return true;	/* a loss always matters */
	if (r->dwLevel > f->level || !(r->dwSection & f->sections))
		return false;
	if (f->has_pid && r->dwPid != f->pid)
		return false;
	if (f->has_device &&
	    (!(r->dwFlags & WDC_TRACE_REC_DEV) ||
	     memcmp(&r->pciSlot, &f->device, sizeof(f->device))))
		return false;
	if (f->source && strcmp(f->source, r->cSource) &&
	    strcmp(f->source, mon_source_type_str(r->dwSourceType)))
		return false;
	return true;
}

/*
 * Length of the valid UTF-8 sequence at @s (1..4), or 0 if @s does not
 * start one (stray continuation, overlong form, surrogate, > U+10FFFF).
 */
static size_t mon_utf8_len(const unsigned char *s)
{
	unsigned char c = s[0];
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n, i;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if (s[i] < lo || s[i] > hi)
			return 0;
		lo = 0x80;
		hi = 0xbf;
	}
	return n;
}

static void sb_json_string(struct mon_sb *sb, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n;

	sb_putc(sb, '"');
	while (*s) {
		switch (*s) {
		case '"':
			sb_puts(sb, "\\\"");
			break;
		case '\\':
			sb_puts(sb, "\\\\");
			break;
		case '\b':
			sb_puts(sb, "\\b");
			break;
		case '\f':
			sb_puts(sb, "\\f");
			break;
		case '\n':
			sb_puts(sb, "\\n");
			break;
		case '\r':
			sb_puts(sb, "\\r");
			break;
		case '\t':
			sb_puts(sb, "\\t");
			break;
		default:
			if (*s < 0x20 || *s == 0x7f) {
				sb_printf(sb, "\\u%04x", *s);
				break;
			}
			n = mon_utf8_len(s);
			if (!n) {
				sb_puts(sb, "\\ufffd");	/* not UTF-8 */
				break;
			}
			for (; n > 1; n--)
				sb_putc(sb, (char)*s++);
			sb_putc(sb, (char)*s);
			break;
		}
		s++;
	}
	sb_putc(sb, '"');
}

size_t mon_json_string(const char *s, char *buf, size_t len)
{
	struct mon_sb sb;

	sb_init(&sb, buf, len);
	sb_json_string(&sb, s);
	return sb.used;
}

/* Text output: control characters as \xNN, the rest as it is. */
static void sb_text(struct mon_sb *sb, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	for (; *s; s++) {
		if (*s < 0x20 || *s == 0x7f)
			sb_printf(sb, "\\x%02x", *s);
		else
			sb_putc(sb, (char)*s);
	}
}

/* Seconds with microseconds; negative when before the clock base. */
static void mon_seconds(char *buf, size_t len, int64_t ns)
{
	uint64_t a = ns < 0 ? (uint64_t)-(ns + 1) + 1 : (uint64_t)ns;

	snprintf(buf, len, "%s%" PRIu64 ".%06" PRIu64, ns < 0 ? "-" : "",
		 a / 1000000000u, a % 1000000000u / 1000u);
}

static void mon_slot_str(const WDC_TRACE_RECORD *r, char *buf, size_t len)
{
	if (!(r->dwFlags & WDC_TRACE_REC_DEV) ||
	    WDC_PciSlotToStr(&r->pciSlot, buf, len))
		snprintf(buf, len, "-");
}

static const char *mon_context(const WDC_TRACE_RECORD *r)
{
	if (r->dwFlags & WDC_TRACE_REC_HARDIRQ)
		return "hardirq";
	if (r->dwFlags & WDC_TRACE_REC_SOFTIRQ)
		return "softirq";
	return "task";
}

static void mon_format_json(struct mon_sb *sb, const struct mon_fmt *fmt,
			    const WDC_TRACE_RECORD *r)
{
	char sect[WDC_TRACE_SECTIONS_STR_LEN];
	char slot[WDC_PCI_SLOT_STR_LEN];

	if (r->fLost) {
		sb_printf(sb,
			  "{\"type\":\"lost\",\"seq\":%" PRIu64 ",\"lost\":%" PRIu64
			  ",\"time_ns\":%" PRIu64 "}",
			  r->qwSeq, r->qwLost, r->qwTimeNs);
		return;
	}
	WDC_TraceSectionsToStr(r->dwSection, sect, sizeof(sect));
	sb_printf(sb,
		  "{\"type\":\"record\",\"seq\":%" PRIu64 ",\"time_ns\":%" PRIu64
		  ",\"rel_ns\":%" PRId64 ",\"cpu\":%u,\"pid\":%u,\"tid\":%u,",
		  r->qwSeq, r->qwTimeNs,
		  (int64_t)(r->qwTimeNs - fmt->clock_base_ns), r->dwCpu,
		  r->dwPid, r->dwTid);
	sb_puts(sb, "\"comm\":");
	sb_json_string(sb, r->cComm);
	sb_printf(sb, ",\"context\":\"%s\",\"level\":\"%s\",\"section\":\"%s\",\"section_mask\":%u,",
		  mon_context(r), WDC_TraceLevelStr(r->dwLevel), sect,
		  r->dwSection);
	if (r->dwFlags & WDC_TRACE_REC_DEV) {
		mon_slot_str(r, slot, sizeof(slot));
		sb_printf(sb, "\"device\":\"%s\",", slot);
	} else {
		sb_puts(sb, "\"device\":null,");
	}
	sb_puts(sb, "\"source\":");
	sb_json_string(sb, r->cSource);
	sb_printf(sb, ",\"source_type\":\"%s\",\"message\":",
		  mon_source_type_str(r->dwSourceType));
	sb_json_string(sb, r->cMessage);
	sb_putc(sb, '}');
}

static const char *mon_level_sgr(const WDC_TRACE_RECORD *r)
{
	if (r->fLost)
		return MON_SGR_LOST;
	switch (r->dwLevel) {
	case D_ERROR:
		return MON_SGR_ERROR;
	case D_WARN:
		return MON_SGR_WARN;
	case D_TRACE:
		return MON_SGR_TRACE;
	default:
		return NULL;
	}
}

/* Column widths of the text output. */
#define MON_W_SEQ 8
#define MON_W_TIME 15
#define MON_W_CPU 3
#define MON_W_PID 7
#define MON_W_COMM 15
#define MON_W_LEVEL 5
#define MON_W_SECT 8
#define MON_W_DEV 12
#define MON_W_SRC 14

static void mon_format_text(struct mon_sb *sb, const struct mon_fmt *fmt,
			    const WDC_TRACE_RECORD *r)
{
	char sect[WDC_TRACE_SECTIONS_STR_LEN];
	char slot[WDC_PCI_SLOT_STR_LEN];
	char tmp[32];

	if (r->fLost) {
		sb_printf(sb,
			  "*** %" PRIu64 " records lost (seq %" PRIu64 "..%" PRIu64
			  "): this reader fell behind; a larger buffer (wddebug size) or a narrower filter helps ***",
			  r->qwLost, r->qwSeq, r->qwSeq + r->qwLost - 1);
		return;
	}
	snprintf(tmp, sizeof(tmp), "%*" PRIu64, MON_W_SEQ, r->qwSeq);
	sb_puts(sb, tmp);
	if (fmt->show_time) {
		mon_seconds(tmp, sizeof(tmp),
			    fmt->abs_time ? (int64_t)r->qwTimeNs :
			    (int64_t)(r->qwTimeNs - fmt->clock_base_ns));
		sb_printf(sb, " %*s", MON_W_TIME, tmp);
	}
	sb_printf(sb, " %*u", MON_W_CPU, r->dwCpu);
	if (r->dwPid || !(r->dwFlags & (WDC_TRACE_REC_HARDIRQ |
					WDC_TRACE_REC_SOFTIRQ)))
		sb_printf(sb, " %*u ", MON_W_PID, r->dwPid);
	else
		sb_printf(sb, " %*s ", MON_W_PID, "-");
	sb_pad(sb, r->cComm, MON_W_COMM);
	sb_putc(sb, ' ');
	sb_pad(sb, WDC_TraceLevelStr(r->dwLevel), MON_W_LEVEL);
	sb_putc(sb, ' ');
	if (fmt->show_section) {
		WDC_TraceSectionsToStr(r->dwSection, sect, sizeof(sect));
		sb_pad(sb, sect, MON_W_SECT);
		sb_putc(sb, ' ');
	}
	mon_slot_str(r, slot, sizeof(slot));
	sb_pad(sb, slot, MON_W_DEV);
	sb_putc(sb, ' ');
	sb_pad(sb, r->cSource, MON_W_SRC);
	sb_putc(sb, ' ');
	sb_text(sb, r->cMessage);
}

size_t mon_format_record(const struct mon_fmt *fmt, const WDC_TRACE_RECORD *r,
			 char *buf, size_t len)
{
	const char *sgr = fmt->color && !fmt->json ? mon_level_sgr(r) : NULL;
	struct mon_sb sb;

	sb_init(&sb, buf, len);
	if (sgr)
		sb_puts(&sb, sgr);
	if (fmt->json)
		mon_format_json(&sb, fmt, r);
	else
		mon_format_text(&sb, fmt, r);
	if (sgr)
		sb_puts(&sb, MON_SGR_RESET);
	return sb_end_line(&sb);
}

size_t mon_format_columns(const struct mon_fmt *fmt, char *buf, size_t len)
{
	struct mon_sb sb;

	sb_init(&sb, buf, len);
	if (fmt->json)
		return 0;
	sb_printf(&sb, "%*s", MON_W_SEQ, "SEQ");
	if (fmt->show_time)
		sb_printf(&sb, " %*s", MON_W_TIME,
			  fmt->abs_time ? "TIME(boot)" : "TIME");
	sb_printf(&sb, " %*s %*s ", MON_W_CPU, "CPU", MON_W_PID, "PID");
	sb_pad(&sb, "COMMAND", MON_W_COMM);
	sb_putc(&sb, ' ');
	sb_pad(&sb, "LEVEL", MON_W_LEVEL);
	sb_putc(&sb, ' ');
	if (fmt->show_section) {
		sb_pad(&sb, "SECTION", MON_W_SECT);
		sb_putc(&sb, ' ');
	}
	sb_pad(&sb, "DEVICE", MON_W_DEV);
	sb_putc(&sb, ' ');
	sb_pad(&sb, "SOURCE", MON_W_SRC);
	sb_puts(&sb, " MESSAGE");
	return sb_end_line(&sb);
}

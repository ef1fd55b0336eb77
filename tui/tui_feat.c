// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * tui_feat.c - parsers of the int and kp arguments (ack lists, payloads,
 * open data) and the interrupt counters' arithmetic.
 */
#include "tui_feat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kp_pci.h"
#include "tui_util.h"

/* edu: status at 0x24, acknowledge by writing the bits read to 0x64. */
static const WDC_TRANSFER tui_ack_edu[] = {
	{ .cmdTrans = RM_DWORD, .dwAddrSpace = 0, .dwOffset = 0x24 },
	{ .cmdTrans = CMD_MASK, .Data.Dword = 0xffffffffu },
	{ .cmdTrans = CMD_WRITE_LAST_READ, .dwAddrSpace = 0, .dwOffset = 0x64 },
};

static const struct {
	const char *name;
	uint32_t cmd;
	unsigned int width;	/* bytes */
	int nums;		/* numbers after the name */
} tui_ack_words[] = {
	{ "R8", RM_BYTE, 1, 2 },  { "R16", RM_WORD, 2, 2 },
	{ "R32", RM_DWORD, 4, 2 }, { "R64", RM_QWORD, 8, 2 },
	{ "W8", WM_BYTE, 1, 3 },  { "W16", WM_WORD, 2, 3 },
	{ "W32", WM_DWORD, 4, 3 }, { "W64", WM_QWORD, 8, 3 },
	{ "MASK", CMD_MASK, 4, 1 }, { "WLAST", CMD_WRITE_LAST_READ, 4, 2 },
};

static void tui_set_data(WDC_TRANSFER *t, unsigned int width, uint64_t v)
{
	switch (width) {
	case 1:
		t->Data.Byte = (uint8_t)v;
		break;
	case 2:
		t->Data.Word = (uint16_t)v;
		break;
	case 4:
		t->Data.Dword = (uint32_t)v;
		break;
	default:
		t->Data.Qword = v;
		break;
	}
}

/* One "NAME:N:N..." command into @t. */
static int tui_parse_ack_one(char *w, WDC_TRANSFER *t, char *err,
			     size_t errlen)
{
	char *num[4], *p;
	uint64_t v[3];
	int n = 0, i;
	size_t k;

	p = strchr(w, ':');
	if (p)
		*p++ = '\0';
	while (p && n < 4) {
		num[n++] = p;
		p = strchr(p, ':');
		if (p)
			*p++ = '\0';
	}
	for (k = 0; k < TUI_ARRAY_SIZE(tui_ack_words); k++)
		if (!strcasecmp(w, tui_ack_words[k].name))
			break;
	if (k == TUI_ARRAY_SIZE(tui_ack_words)) {
		snprintf(err, errlen, "unknown acknowledge command '%s': give "
			 "R8/R16/R32/R64:BAR:OFF, W8..W64:BAR:OFF:VAL, MASK:VAL "
			 "or WLAST:BAR:OFF", w);
		return -1;
	}
	if (n != tui_ack_words[k].nums) {
		snprintf(err, errlen, "%s takes %d numbers after it, not %d",
			 tui_ack_words[k].name, tui_ack_words[k].nums, n);
		return -1;
	}
	for (i = 0; i < n; i++)
		if (!tui_parse_u64(num[i], &v[i])) {
			snprintf(err, errlen, "%s: bad number '%s'",
				 tui_ack_words[k].name, num[i]);
			return -1;
		}
	memset(t, 0, sizeof(*t));
	t->cmdTrans = tui_ack_words[k].cmd;
	if (t->cmdTrans == CMD_MASK) {
		if (v[0] >> 32) {
			snprintf(err, errlen, "MASK:%s does not fit in 32 bits",
				 num[0]);
			return -1;
		}
		t->Data.Dword = (uint32_t)v[0];
		return 0;
	}
	if (v[0] >= WDC_PCI_NUM_BARS) {
		snprintf(err, errlen, "%s: BAR %s is not 0 to 5",
			 tui_ack_words[k].name, num[0]);
		return -1;
	}
	t->dwAddrSpace = (uint32_t)v[0];
	t->dwOffset = v[1];
	if (n == 3) {
		if (tui_ack_words[k].width < 8 &&
		    v[2] >> (tui_ack_words[k].width * 8)) {
			snprintf(err, errlen, "%s: value %s is too wide",
				 tui_ack_words[k].name, num[2]);
			return -1;
		}
		tui_set_data(t, tui_ack_words[k].width, v[2]);
	}
	return 0;
}

int tui_parse_ack(const char *s, WDC_TRANSFER *cmds, uint32_t max,
		  uint32_t *n, char *err, size_t errlen)
{
	char buf[512], *w, *save = NULL;

	*n = 0;
	if (!strcasecmp(s, "none"))
		return 0;
	if (!strcasecmp(s, "edu")) {
		if (max < TUI_ARRAY_SIZE(tui_ack_edu)) {
			snprintf(err, errlen, "too many acknowledge commands");
			return -1;
		}
		memcpy(cmds, tui_ack_edu, sizeof(tui_ack_edu));
		*n = TUI_ARRAY_SIZE(tui_ack_edu);
		return 0;
	}
	if (strlen(s) >= sizeof(buf) || !*s) {
		snprintf(err, errlen, "bad acknowledge list '%s'", s);
		return -1;
	}
	snprintf(buf, sizeof(buf), "%s", s);
	for (w = strtok_r(buf, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		if (*n == max) {
			snprintf(err, errlen, "more than %u acknowledge commands",
				 max);
			return -1;
		}
		if (tui_parse_ack_one(w, &cmds[*n], err, errlen))
			return -1;
		(*n)++;
	}
	if (!*n) {
		snprintf(err, errlen, "bad acknowledge list '%s'", s);
		return -1;
	}
	return 0;
}

int tui_parse_payload(const char *hex, const char *u32, uint64_t out,
		      uint8_t *buf, size_t cap, size_t *len, char *err,
		      size_t errlen)
{
	char tmp[1024], *w, *save = NULL;
	uint64_t v;
	long n;

	*len = 0;
	if (hex && u32) {
		snprintf(err, errlen, "give hex= or u32=, not both");
		return -1;
	}
	if (hex) {
		n = tui_parse_hex_bytes(hex, buf, cap);
		if (n < 0) {
			snprintf(err, errlen, "bad hex= '%s': give hex bytes "
				 "(e.g. hex=0a000000), at most %zu", hex, cap);
			return -1;
		}
		*len = (size_t)n;
	} else if (u32) {
		if (strlen(u32) >= sizeof(tmp) || !*u32) {
			snprintf(err, errlen, "bad u32= '%s'", u32);
			return -1;
		}
		snprintf(tmp, sizeof(tmp), "%s", u32);
		for (w = strtok_r(tmp, ",", &save); w;
		     w = strtok_r(NULL, ",", &save)) {
			if (!tui_parse_u64(w, &v) || v >> 32) {
				snprintf(err, errlen, "u32=: bad 32-bit number "
					 "'%s'", w);
				return -1;
			}
			if (*len + 4 > cap) {
				snprintf(err, errlen, "u32=: more than %zu bytes",
					 cap);
				return -1;
			}
			buf[(*len)++] = (uint8_t)v;
			buf[(*len)++] = (uint8_t)(v >> 8);
			buf[(*len)++] = (uint8_t)(v >> 16);
			buf[(*len)++] = (uint8_t)(v >> 24);
		}
	}
	if (out > cap) {
		snprintf(err, errlen, "out=%llu: at most %zu bytes",
			 (unsigned long long)out, cap);
		return -1;
	}
	if (out > *len) {
		memset(buf + *len, 0, out - *len);
		*len = out;
	}
	return 0;
}

void tui_intr_init(struct tui_intr *s)
{
	memset(s, 0, sizeof(*s));
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->cond, NULL);
}

void tui_intr_destroy(struct tui_intr *s)
{
	pthread_cond_destroy(&s->cond);
	pthread_mutex_destroy(&s->lock);
}

void tui_intr_reset(struct tui_intr *s)
{
	s->enabled = s->kp = s->thread = s->stopped = false;
	s->type = s->nack = s->vector = 0;
	s->count = s->lost = s->wakes = 0;
	s->lat_last = s->lat_min = s->lat_max = 0;
	memset(s->hist, 0, sizeof(s->hist));
	s->rate_count = s->rate_ns = 0;
	s->rate = 0;
}

void tui_intr_account(struct tui_intr *s, const WDC_INT_RESULT *r)
{
	uint64_t lat, limit = 1000;
	int b;

	if (r->fStopped == INTERRUPT_STOPPED) {
		s->stopped = true;
		return;
	}
	if (!r->dwNewCount && r->qwCounter == s->count)
		return;
	s->wakes++;
	s->count = r->qwCounter;
	s->lost += r->dwLost;
	s->vector = r->dwLastMessage;
	if (!r->qwIrqTimeNs || r->qwWakeTimeNs < r->qwIrqTimeNs)
		return;
	lat = r->qwWakeTimeNs - r->qwIrqTimeNs;
	s->lat_last = lat;
	if (!s->lat_min || lat < s->lat_min)
		s->lat_min = lat;
	if (lat > s->lat_max)
		s->lat_max = lat;
	for (b = 0; b < TUI_LAT_BUCKETS - 1 && lat >= limit; b++)
		limit *= 10;
	s->hist[b]++;
}

void tui_intr_rate(struct tui_intr *s, uint64_t now_ns)
{
	if (!s->rate_ns) {
		s->rate_ns = now_ns;
		s->rate_count = s->count;
		return;
	}
	if (now_ns - s->rate_ns < 1000000000ull)
		return;
	s->rate = (double)(s->count - s->rate_count) * 1e9 /
		  (double)(now_ns - s->rate_ns);
	s->rate_ns = now_ns;
	s->rate_count = s->count;
}

const char *tui_lat_bucket_name(int i)
{
	static const char *const names[TUI_LAT_BUCKETS] = {
		"<1us", "<10us", "<100us", "<1ms", "<10ms", ">=10ms"
	};

	return i >= 0 && i < TUI_LAT_BUCKETS ? names[i] : "?";
}

void *tui_kp_open_data(const char *name, const char *str, void *kp_pci,
		       size_t kp_pci_len)
{
	KP_PCI_OPEN_DATA *d = kp_pci;

	if (!strcasecmp(name, KP_PCI_DRIVER_NAME) &&
	    kp_pci_len >= sizeof(*d)) {
		d->dwMagic = KP_PCI_OPEN_MAGIC;
		d->pcClient = str ? str : "wdtui";
		return d;
	}
	return (void *)str;
}

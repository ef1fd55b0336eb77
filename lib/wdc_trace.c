// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * wdc_trace.c - the Debug Monitor calls: the trace buffer's status and
 * settings, user-mode records (WDC_Trace, WDC_Err, WD_DebugAdd), readers
 * of the buffer, and the names of levels and sections.
 */
#include "wdc_internal.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

_Static_assert(D_ERROR == KAG_TRACE_LEVEL_ERROR && D_TRACE == KAG_TRACE_LEVEL_TRACE,
	       "levels differ from the uapi");
_Static_assert(S_IO == KAG_TRACE_S_IO && S_KER_BUF == KAG_TRACE_S_KER_BUF &&
	       S_ALL == KAG_TRACE_S_ALL, "sections differ from the uapi");
_Static_assert(WDC_TRACE_ON == KAG_TRACE_ON && WDC_TRACE_DBG == KAG_TRACE_DBG &&
	       WDC_TRACE_CLOCK == KAG_TRACE_CLOCK &&
	       WDC_TRACE_SECT_INFO == KAG_TRACE_SECT_INFO &&
	       WDC_TRACE_FLAGS_ALL == KAG_TRACE_FLAGS_ALL,
	       "trace flags differ from the uapi");
_Static_assert(WDC_TRACE_MSG_LEN == KAG_TRACE_MSG_LEN &&
	       WDC_TRACE_SOURCE_LEN == KAG_TRACE_SOURCE_LEN &&
	       WDC_TRACE_COMM_LEN == KAG_TRACE_COMM_LEN,
	       "trace string sizes differ from the uapi");
_Static_assert(WDC_TRACE_MIN_RECORDS == KAG_TRACE_MIN_RECORDS &&
	       WDC_TRACE_MAX_RECORDS == KAG_TRACE_MAX_RECORDS,
	       "trace size limits differ from the uapi");
_Static_assert(WDC_TRACE_REC_DEV == KAG_TRACE_REC_DEV &&
	       WDC_TRACE_REC_HARDIRQ == KAG_TRACE_REC_HARDIRQ &&
	       WDC_TRACE_REC_SOFTIRQ == KAG_TRACE_REC_SOFTIRQ,
	       "record flags differ from the uapi");
_Static_assert(WDC_TRACE_SRC_USER == KAG_TRACE_SRC_USER &&
	       WDC_TRACE_SRC_PLUGIN == KAG_TRACE_SRC_PLUGIN,
	       "source types differ from the uapi");

/* Records one read() asks for. */
#define WDC_TRACE_BATCH 64u

/* ---- names -------------------------------------------------------------- */

static const char *const wdc_level_names[] = {
	"OFF", "ERROR", "WARN", "INFO", "TRACE",
};

static const struct {
	uint32_t bit;
	const char *name;
} wdc_sections[] = {
	{ S_IO, "IO" },
	{ S_MEM, "MEM" },
	{ S_INT, "INT" },
	{ S_PCI, "PCI" },
	{ S_DMA, "DMA" },
	{ S_MISC, "MISC" },
	{ S_LICENSE, "LICENSE" },
	{ S_PNP, "PNP" },
	{ S_CARD_REG, "CARD_REG" },
	{ S_KER_DRV, "KER_DRV" },
	{ S_USB, "USB" },
	{ S_KER_PLUG, "KER_PLUG" },
	{ S_EVENT, "EVENT" },
	{ S_IPC, "IPC" },
	{ S_KER_BUF, "KER_BUF" },
};

#define WDC_NSECTIONS (sizeof(wdc_sections) / sizeof(wdc_sections[0]))

const char *WDC_TraceLevelStr(uint32_t dwLevel)
{
	if (dwLevel < sizeof(wdc_level_names) / sizeof(wdc_level_names[0]))
		return wdc_level_names[dwLevel];
	return "?";
}

WDC_STATUS WDC_TraceLevelFromStr(const char *pcStr, uint32_t *pdwLevel)
{
	const char *s = pcStr;
	uint32_t i;

	if (!pcStr || !pdwLevel)
		return WD_INVALID_PARAMETER;
	if (s[0] >= '0' && s[0] <= '4' && !s[1]) {
		*pdwLevel = (uint32_t)(s[0] - '0');
		return WD_STATUS_SUCCESS;
	}
	if (!strncasecmp(s, "D_", 2))
		s += 2;
	if (!strcasecmp(s, "WARNING")) {
		*pdwLevel = D_WARN;
		return WD_STATUS_SUCCESS;
	}
	for (i = 0; i < sizeof(wdc_level_names) / sizeof(wdc_level_names[0]); i++) {
		if (!strcasecmp(s, wdc_level_names[i])) {
			*pdwLevel = i;
			return WD_STATUS_SUCCESS;
		}
	}
	return WD_INVALID_PARAMETER;
}

const char *WDC_TraceSectionStr(uint32_t dwSection)
{
	size_t i;

	for (i = 0; i < WDC_NSECTIONS; i++)
		if (wdc_sections[i].bit == dwSection)
			return wdc_sections[i].name;
	return NULL;
}

/* One item of a section list, @len bytes at @s; false if not one. */
static bool wdc_section_item(const char *s, size_t len, uint32_t *mask)
{
	char item[24], *end;
	unsigned long long v;
	size_t i;

	if (len >= sizeof(item))
		return false;
	memcpy(item, s, len);
	item[len] = '\0';
	if (!strncasecmp(item, "0x", 2)) {
		if (!item[2] || strspn(item + 2, "0123456789abcdefABCDEF") !=
				len - 2)
			return false;
		errno = 0;
		v = strtoull(item + 2, &end, 16);
		if (errno || *end || v > UINT32_MAX)
			return false;
		*mask |= (uint32_t)v;
		return true;
	}
	s = item;
	if (!strncasecmp(s, "S_", 2))
		s += 2;
	if (!strcasecmp(s, "ALL")) {
		*mask |= S_ALL;
		return true;
	}
	for (i = 0; i < WDC_NSECTIONS; i++) {
		if (!strcasecmp(s, wdc_sections[i].name)) {
			*mask |= wdc_sections[i].bit;
			return true;
		}
	}
	return false;
}

WDC_STATUS WDC_TraceSectionsFromStr(const char *pcStr, uint32_t *pdwSections)
{
	static const char seps[] = " \t\n,|+";
	const char *s = pcStr;
	uint32_t mask = 0;
	bool any = false;
	size_t len;

	if (!pcStr || !pdwSections)
		return WD_INVALID_PARAMETER;
	for (;;) {
		s += strspn(s, seps);
		if (!*s)
			break;
		len = strcspn(s, seps);
		if (!wdc_section_item(s, len, &mask))
			return WD_INVALID_PARAMETER;
		any = true;
		s += len;
	}
	if (!any)
		return WD_INVALID_PARAMETER;
	*pdwSections = mask;
	return WD_STATUS_SUCCESS;
}

WDC_STATUS WDC_TraceSectionsToStr(uint32_t dwSections, char *pcBuf, size_t len)
{
	uint32_t rest = dwSections;
	size_t used = 0, i;
	int n;

	if (!pcBuf || !len)
		return WD_INVALID_PARAMETER;
	pcBuf[0] = '\0';
	if (dwSections == S_ALL || !dwSections) {
		n = snprintf(pcBuf, len, "%s", dwSections ? "ALL" : "0");
		return (size_t)n < len ? WD_STATUS_SUCCESS : WD_INVALID_PARAMETER;
	}
	for (i = 0; i < WDC_NSECTIONS || rest; i++) {
		if (i < WDC_NSECTIONS && !(rest & wdc_sections[i].bit))
			continue;
		if (i < WDC_NSECTIONS) {
			n = snprintf(pcBuf + used, len - used, "%s%s",
				     used ? "|" : "", wdc_sections[i].name);
			rest &= ~wdc_sections[i].bit;
		} else {
			n = snprintf(pcBuf + used, len - used, "%s0x%x",
				     used ? "|" : "", rest);
			rest = 0;
		}
		if (n < 0 || (size_t)n >= len - used) {
			pcBuf[0] = '\0';
			return WD_INVALID_PARAMETER;
		}
		used += (size_t)n;
	}
	return WD_STATUS_SUCCESS;
}

/* ---- status and settings ------------------------------------------------ */

/* An agent request @what failed with errno @err. */
static WDC_STATUS wdc_trace_ioctl_err(struct wdc_driver *drv, const char *fn,
				      const char *what, int err)
{
	char ebuf[128];

	return wdc_set_err(drv, wdc_errno_to_status(err), "%s: %s failed: %s%s",
			   fn, what, wdc_strerror(err, ebuf, sizeof(ebuf)),
			   err == ENOTTY ?
			   " (this kagent has no trace buffer: update it)" : "");
}

WDC_STATUS WDC_TraceStatus(WDC_DRIVER_HANDLE hDrv, WDC_TRACE_STATUS *pStatus)
{
	struct kag_trace_status st;

	if (!wdc_drv_valid(hDrv))
		return WD_INVALID_HANDLE;
	if (!pStatus)
		return wdc_set_err(hDrv, WD_INVALID_PARAMETER,
				   "WDC_TraceStatus: pStatus is NULL");
	memset(&st, 0, sizeof(st));
	st.argsz = sizeof(st);
	if (ioctl(hDrv->fd, KAG_IOC_TRACE_STATUS, &st) < 0)
		return wdc_trace_ioctl_err(hDrv, "WDC_TraceStatus",
					   "KAG_IOC_TRACE_STATUS", errno);
	memset(pStatus, 0, sizeof(*pStatus));
	pStatus->dwFlags = st.flags;
	pStatus->dwLevel = st.level;
	pStatus->dwSections = st.sections;
	pStatus->dwSize = st.size;
	pStatus->dwUsed = st.used;
	pStatus->dwReaders = st.readers;
	pStatus->qwNextSeq = st.next_seq;
	pStatus->qwWritten = st.written;
	pStatus->qwOverwritten = st.overwritten;
	pStatus->qwReaderLost = st.reader_lost;
	pStatus->qwClockBaseNs = st.clock_base_ns;
	pStatus->qwNowNs = st.now_ns;
	return WD_STATUS_SUCCESS;
}

/* Send a KAG_IOC_TRACE_CONFIG request (the handle is valid). */
static WDC_STATUS wdc_trace_config(struct wdc_driver *drv, const char *fn,
				   const struct kag_trace_config *cfg)
{
	struct kag_trace_config c = *cfg;

	c.argsz = sizeof(c);
	if (ioctl(drv->fd, KAG_IOC_TRACE_CONFIG, &c) < 0)
		return wdc_trace_ioctl_err(drv, fn, "KAG_IOC_TRACE_CONFIG",
					   errno);
	return WD_STATUS_SUCCESS;
}

static bool wdc_level_valid(uint32_t level)
{
	return level >= D_ERROR && level <= D_TRACE;
}

WDC_STATUS WDC_TraceOn(WDC_DRIVER_HANDLE hDrv, uint32_t dwLevel,
		       uint32_t dwSections)
{
	struct kag_trace_config c = { 0 };

	if (!wdc_drv_valid(hDrv))
		return WD_INVALID_HANDLE;
	if (dwLevel == D_OFF)
		return WDC_TraceOff(hDrv);
	if (!wdc_level_valid(dwLevel))
		return wdc_set_err(hDrv, WD_INVALID_PARAMETER,
				   "WDC_TraceOn: level %u is not D_OFF..D_TRACE (0..4)",
				   dwLevel);
	c.set = KAG_TRACE_SET_LEVEL | KAG_TRACE_SET_SECTIONS;
	c.level = dwLevel;
	c.sections = dwSections;
	c.flags_set = KAG_TRACE_ON;
	return wdc_trace_config(hDrv, "WDC_TraceOn", &c);
}

WDC_STATUS WDC_TraceOff(WDC_DRIVER_HANDLE hDrv)
{
	struct kag_trace_config c = { .flags_clear = KAG_TRACE_ON };

	if (!wdc_drv_valid(hDrv))
		return WD_INVALID_HANDLE;
	return wdc_trace_config(hDrv, "WDC_TraceOff", &c);
}

WDC_STATUS WDC_TraceSetFilter(WDC_DRIVER_HANDLE hDrv, uint32_t dwLevel,
			      uint32_t dwSections)
{
	struct kag_trace_config c = { 0 };

	if (!wdc_drv_valid(hDrv))
		return WD_INVALID_HANDLE;
	if (!wdc_level_valid(dwLevel))
		return wdc_set_err(hDrv, WD_INVALID_PARAMETER,
				   "WDC_TraceSetFilter: level %u is not D_ERROR..D_TRACE (1..4)",
				   dwLevel);
	c.set = KAG_TRACE_SET_LEVEL | KAG_TRACE_SET_SECTIONS;
	c.level = dwLevel;
	c.sections = dwSections;
	return wdc_trace_config(hDrv, "WDC_TraceSetFilter", &c);
}

WDC_STATUS WDC_TraceSetFlags(WDC_DRIVER_HANDLE hDrv, uint32_t dwSet,
			     uint32_t dwClear)
{
	struct kag_trace_config c = { .flags_set = dwSet, .flags_clear = dwClear };

	if (!wdc_drv_valid(hDrv))
		return WD_INVALID_HANDLE;
	if ((dwSet | dwClear) & ~WDC_TRACE_FLAGS_ALL)
		return wdc_set_err(hDrv, WD_INVALID_PARAMETER,
				   "WDC_TraceSetFlags: unknown flags 0x%x",
				   (dwSet | dwClear) & ~WDC_TRACE_FLAGS_ALL);
	if (dwSet & dwClear)
		return wdc_set_err(hDrv, WD_INVALID_PARAMETER,
				   "WDC_TraceSetFlags: flags 0x%x both set and cleared",
				   dwSet & dwClear);
	return wdc_trace_config(hDrv, "WDC_TraceSetFlags", &c);
}

WDC_STATUS WDC_TraceSetSize(WDC_DRIVER_HANDLE hDrv, uint32_t dwRecords)
{
	struct kag_trace_config c = { .set = KAG_TRACE_SET_SIZE,
				      .size = dwRecords };

	if (!wdc_drv_valid(hDrv))
		return WD_INVALID_HANDLE;
	if (dwRecords < WDC_TRACE_MIN_RECORDS || dwRecords > WDC_TRACE_MAX_RECORDS)
		return wdc_set_err(hDrv, WD_INVALID_PARAMETER,
				   "WDC_TraceSetSize: %u records is not %u..%u",
				   dwRecords, WDC_TRACE_MIN_RECORDS,
				   WDC_TRACE_MAX_RECORDS);
	return wdc_trace_config(hDrv, "WDC_TraceSetSize", &c);
}

WDC_STATUS WDC_TraceClear(WDC_DRIVER_HANDLE hDrv)
{
	struct kag_trace_config c = { .set = KAG_TRACE_SET_CLEAR };

	if (!wdc_drv_valid(hDrv))
		return WD_INVALID_HANDLE;
	return wdc_trace_config(hDrv, "WDC_TraceClear", &c);
}

WDC_STATUS WDC_TraceClockReset(WDC_DRIVER_HANDLE hDrv)
{
	struct kag_trace_config c = { .set = KAG_TRACE_SET_CLOCK_RESET };

	if (!wdc_drv_valid(hDrv))
		return WD_INVALID_HANDLE;
	return wdc_trace_config(hDrv, "WDC_TraceClockReset", &c);
}

/* ---- user-mode records -------------------------------------------------- */

/*
 * Add a record with message @msg (NUL-terminated, fits) through @drv,
 * about device @dev (or NULL).  Arguments are checked by the callers.
 */
static WDC_STATUS wdc_trace_add(struct wdc_driver *drv, struct wdc_device *dev,
				const char *fn, uint32_t level,
				uint32_t section, const char *msg)
{
	struct kag_trace_add a;

	memset(&a, 0, sizeof(a));
	a.argsz = sizeof(a);
	a.level = level;
	a.section = section;
	a.handle = dev ? dev->handle : 0;
	snprintf(a.msg, sizeof(a.msg), "%s", msg);
	if (ioctl(drv->fd, KAG_IOC_TRACE_ADD, &a) < 0)
		return wdc_trace_ioctl_err(drv, fn, "KAG_IOC_TRACE_ADD", errno);
	return WD_STATUS_SUCCESS;
}

static WDC_STATUS wdc_trace_check(struct wdc_driver *drv, const char *fn,
				  uint32_t level, uint32_t section,
				  const void *what)
{
	if (!wdc_level_valid(level))
		return wdc_set_err(drv, WD_INVALID_PARAMETER,
				   "%s: level %u is not D_ERROR..D_TRACE (1..4)",
				   fn, level);
	if (!section)
		return wdc_set_err(drv, WD_INVALID_PARAMETER,
				   "%s: the section is 0", fn);
	if (!what)
		return wdc_set_err(drv, WD_INVALID_PARAMETER,
				   "%s: the message is NULL", fn);
	return WD_STATUS_SUCCESS;
}

static WDC_STATUS wdc_trace_vprintf(struct wdc_driver *drv,
				    struct wdc_device *dev, const char *fn,
				    uint32_t level, uint32_t section,
				    const char *fmt, va_list ap)
	WDC_PRINTF(6, 0);

static WDC_STATUS wdc_trace_vprintf(struct wdc_driver *drv,
				    struct wdc_device *dev, const char *fn,
				    uint32_t level, uint32_t section,
				    const char *fmt, va_list ap)
{
	char msg[WDC_TRACE_MSG_LEN];
	WDC_STATUS status;

	status = wdc_trace_check(drv, fn, level, section, fmt);
	if (status)
		return status;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	return wdc_trace_add(drv, dev, fn, level, section, msg);
}

WDC_STATUS WDC_TracePrintf(WDC_DRIVER_HANDLE hDrv, WDC_DEVICE_HANDLE hDev,
			   uint32_t dwLevel, uint32_t dwSection,
			   const char *pcFormat, ...)
{
	struct wdc_driver *drv = hDrv;
	WDC_STATUS status;
	va_list ap;

	if (hDev) {
		if (!wdc_dev_valid(hDev))
			return WD_INVALID_HANDLE;
		if (!drv)
			drv = hDev->drv;
	}
	if (!wdc_drv_valid(drv))
		return WD_INVALID_HANDLE;
	if (hDev && hDev->drv != drv)
		return wdc_set_err(drv, WD_INVALID_PARAMETER,
				   "WDC_TracePrintf: the device was opened through another driver handle");
	va_start(ap, pcFormat);
	status = wdc_trace_vprintf(drv, hDev, "WDC_TracePrintf", dwLevel,
				   dwSection, pcFormat, ap);
	va_end(ap);
	return status;
}

WDC_STATUS WDC_Err(WDC_DRIVER_HANDLE hDrv, const char *pcFormat, ...)
{
	WDC_STATUS status;
	va_list ap;

	if (!wdc_drv_valid(hDrv))
		return WD_INVALID_HANDLE;
	va_start(ap, pcFormat);
	status = wdc_trace_vprintf(hDrv, NULL, "WDC_Err", D_ERROR, S_MISC,
				   pcFormat, ap);
	va_end(ap);
	return status;
}

WDC_STATUS WDC_Trace(WDC_DRIVER_HANDLE hDrv, const char *pcFormat, ...)
{
	WDC_STATUS status;
	va_list ap;

	if (!wdc_drv_valid(hDrv))
		return WD_INVALID_HANDLE;
	va_start(ap, pcFormat);
	status = wdc_trace_vprintf(hDrv, NULL, "WDC_Trace", D_TRACE, S_MISC,
				   pcFormat, ap);
	va_end(ap);
	return status;
}

WDC_STATUS WD_DebugAdd(WDC_DRIVER_HANDLE hDrv, const WD_DEBUG_ADD *pData)
{
	WDC_STATUS status;

	if (!wdc_drv_valid(hDrv))
		return WD_INVALID_HANDLE;
	status = wdc_trace_check(hDrv, "WD_DebugAdd", pData ? pData->dwLevel : D_ERROR,
				 pData ? pData->dwSection : S_MISC, pData);
	if (status)
		return status;
	if (!memchr(pData->pcBuffer, '\0', sizeof(pData->pcBuffer)))
		return wdc_set_err(hDrv, WD_INVALID_PARAMETER,
				   "WD_DebugAdd: the message has no NUL in its %zu bytes",
				   sizeof(pData->pcBuffer));
	return wdc_trace_add(hDrv, NULL, "WD_DebugAdd", pData->dwLevel,
			     pData->dwSection, pData->pcBuffer);
}

/* ---- readers ------------------------------------------------------------ */

static bool wdc_reader_valid(const struct wdc_trace_reader *r)
{
	return r && r->magic == WDC_READER_MAGIC;
}

struct wdc_trace_reader *wdc_trace_reader_new(int fd)
{
	struct wdc_trace_reader *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->buf_len = WDC_TRACE_BATCH * sizeof(struct kag_trace_rec);
	r->buf = malloc(r->buf_len);
	if (!r->buf) {
		free(r);
		return NULL;
	}
	r->fd = fd;
	r->magic = WDC_READER_MAGIC;
	return r;
}

WDC_STATUS WDC_TraceReaderOpen(WDC_DRIVER_HANDLE hDrv, uint32_t dwOptions,
			       WDC_TRACE_READER *phReader)
{
	struct wdc_trace_reader *r;
	struct kag_trace_open op;

	if (!wdc_drv_valid(hDrv))
		return WD_INVALID_HANDLE;
	if (!phReader)
		return wdc_set_err(hDrv, WD_INVALID_PARAMETER,
				   "WDC_TraceReaderOpen: phReader is NULL");
	if (dwOptions & ~WDC_TRACE_READ_NEW)
		return wdc_set_err(hDrv, WD_INVALID_PARAMETER,
				   "WDC_TraceReaderOpen: unknown options 0x%x",
				   dwOptions & ~WDC_TRACE_READ_NEW);
	memset(&op, 0, sizeof(op));
	op.argsz = sizeof(op);
	op.flags = KAG_TRACE_OPEN_NONBLOCK | KAG_TRACE_OPEN_CLOEXEC |
		   (dwOptions & WDC_TRACE_READ_NEW ? KAG_TRACE_OPEN_NEW : 0);
	if (ioctl(hDrv->fd, KAG_IOC_TRACE_OPEN, &op) < 0)
		return wdc_trace_ioctl_err(hDrv, "WDC_TraceReaderOpen",
					   "KAG_IOC_TRACE_OPEN", errno);
	r = wdc_trace_reader_new(op.fd);
	if (!r) {
		close(op.fd);
		return wdc_set_err(hDrv, WD_INSUFFICIENT_RESOURCES,
				   "WDC_TraceReaderOpen: out of memory");
	}
	*phReader = r;
	return WD_STATUS_SUCCESS;
}

WDC_STATUS WDC_TraceReaderClose(WDC_TRACE_READER hReader)
{
	if (!wdc_reader_valid(hReader))
		return WD_INVALID_HANDLE;
	hReader->magic = 0;
	if (hReader->fd >= 0)
		close(hReader->fd);
	free(hReader->buf);
	free(hReader);
	return WD_STATUS_SUCCESS;
}

int WDC_TraceReaderFd(WDC_TRACE_READER hReader)
{
	return wdc_reader_valid(hReader) ? hReader->fd : -1;
}

/* Copy a string field of the agent, always NUL-terminated. */
static void wdc_copy_str(char *dst, size_t dst_len, const char *src,
			 size_t src_len)
{
	size_t n = strnlen(src, src_len);

	if (n >= dst_len)
		n = dst_len - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

bool wdc_trace_decode(const struct kag_trace_rec *k, WDC_TRACE_RECORD *r)
{
	if (k->size < sizeof(*k) || k->size % 8)
		return false;
	if (k->type != KAG_TRACE_REC_MSG && k->type != KAG_TRACE_REC_LOST)
		return false;
	memset(r, 0, sizeof(*r));
	r->qwSeq = k->seq;
	r->qwTimeNs = k->ts_ns;
	if (k->type == KAG_TRACE_REC_LOST) {
		r->fLost = true;
		r->qwLost = k->lost;
		return true;
	}
	r->dwLevel = k->level;
	r->dwSection = k->section;
	r->dwSourceType = k->source_type;
	r->dwFlags = k->flags;
	r->dwCpu = k->cpu;
	r->dwPid = k->pid;
	r->dwTid = k->tid;
	if (k->flags & KAG_TRACE_REC_DEV) {
		r->pciSlot.dwDomain = k->domain;
		r->pciSlot.dwBus = k->bus;
		r->pciSlot.dwSlot = k->dev;
		r->pciSlot.dwFunction = k->fn;
	}
	wdc_copy_str(r->cComm, sizeof(r->cComm), k->comm, sizeof(k->comm));
	wdc_copy_str(r->cSource, sizeof(r->cSource), k->source,
		     sizeof(k->source));
	wdc_copy_str(r->cMessage, sizeof(r->cMessage), k->msg, sizeof(k->msg));
	return true;
}

/* Milliseconds left until @deadline (CLOCK_MONOTONIC), at least 0. */
static int wdc_ms_left(const struct timespec *deadline)
{
	struct timespec now;
	long long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (long long)(deadline->tv_sec - now.tv_sec) * 1000 +
	     (deadline->tv_nsec - now.tv_nsec) / 1000000;
	if (ms < 0)
		return 0;
	return ms > INT_MAX ? INT_MAX : (int)ms;
}

WDC_STATUS WDC_TraceRead(WDC_TRACE_READER hReader, WDC_TRACE_RECORD *pRecords,
			 uint32_t dwMax, uint32_t *pdwRead,
			 uint32_t dwTimeoutMs)
{
	struct timespec deadline = { 0, 0 };
	struct pollfd pfd;
	size_t want, off;
	uint32_t n = 0;
	ssize_t got;
	int ms;

	if (!wdc_reader_valid(hReader))
		return WD_INVALID_HANDLE;
	if (!pRecords || !pdwRead || !dwMax)
		return WD_INVALID_PARAMETER;
	if (dwTimeoutMs != WDC_TRACE_WAIT_FOREVER) {
		clock_gettime(CLOCK_MONOTONIC, &deadline);
		deadline.tv_sec += dwTimeoutMs / 1000;
		deadline.tv_nsec += (long)(dwTimeoutMs % 1000) * 1000000;
		if (deadline.tv_nsec >= 1000000000) {
			deadline.tv_sec++;
			deadline.tv_nsec -= 1000000000;
		}
	}
	want = (dwMax < WDC_TRACE_BATCH ? dwMax : WDC_TRACE_BATCH) *
	       sizeof(struct kag_trace_rec);
	for (;;) {
		got = read(hReader->fd, hReader->buf, want);
		if (got > 0)
			break;
		if (got == 0)
			return WD_SYSTEM_INTERNAL_ERROR;
		if (errno == EINTR)
			return WD_INTERRUPTED;
		if (errno != EAGAIN)
			return wdc_errno_to_status(errno);
		ms = dwTimeoutMs == WDC_TRACE_WAIT_FOREVER ? -1 :
		     wdc_ms_left(&deadline);
		if (!ms) {
			*pdwRead = 0;
			return WD_STATUS_SUCCESS;
		}
		pfd.fd = hReader->fd;
		pfd.events = POLLIN;
		pfd.revents = 0;
		if (poll(&pfd, 1, ms) < 0)
			return errno == EINTR ? WD_INTERRUPTED :
			       wdc_errno_to_status(errno);
	}
	/* Whole records, each stepped over by its own size. */
	for (off = 0; off < (size_t)got; n++) {
		const struct kag_trace_rec *k =
			(const struct kag_trace_rec *)(hReader->buf + off);

		if ((size_t)got - off < sizeof(*k) ||
		    k->size > (size_t)got - off ||
		    !wdc_trace_decode(k, &pRecords[n]))
			return WD_SYSTEM_INTERNAL_ERROR;
		off += k->size;
	}
	*pdwRead = n;
	return WD_STATUS_SUCCESS;
}

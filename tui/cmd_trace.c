// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * cmd_trace.c - the trace command (the Debug Monitor): turn the agent's
 * trace on and off with a filter, its status, add a record, dump records
 * from the command layer's own reader.
 */
#include "tui_cmd.h"

#include <stdlib.h>
#include <string.h>

const char *tui_trace_unavailable(void)
{
	return NULL;
}

/* Most records one trace dump reads. */
#define TUI_TRACE_DUMP_MAX 1000u

void tui_trace_section_name(uint32_t sect, char *buf, size_t len)
{
	const char *n = WDC_TraceSectionStr(sect);

	if (n)
		snprintf(buf, len, "%s", n);
	else if (WDC_TraceSectionsToStr(sect, buf, len))
		snprintf(buf, len, "0x%x", sect);
}

void tui_trace_format(const WDC_TRACE_RECORD *r, struct tui_out *o)
{
	char sect[WDC_TRACE_SECTIONS_STR_LEN], dev[WDC_PCI_SLOT_STR_LEN];

	tui_out_kv(o, "seq", "%llu", (unsigned long long)r->qwSeq);
	if (r->fLost) {
		tui_out_kv(o, "lost", "%llu", (unsigned long long)r->qwLost);
		return;
	}
	tui_trace_section_name(r->dwSection, sect, sizeof(sect));
	if (r->dwFlags & WDC_TRACE_REC_DEV)
		WDC_PciSlotToStr(&r->pciSlot, dev, sizeof(dev));
	else
		snprintf(dev, sizeof(dev), "-");
	tui_out_kv(o, "time_ns", "%llu", (unsigned long long)r->qwTimeNs);
	tui_out_kv(o, "level", "%s", WDC_TraceLevelStr(r->dwLevel));
	tui_out_kv(o, "section", "%s", sect);
	tui_out_kv(o, "source", "%s", r->cSource);
	tui_out_kv(o, "dev", "%s", dev);
	tui_out_kv(o, "pid", "%u", r->dwPid);
	tui_out_kv(o, "comm", "%s", r->cComm[0] ? r->cComm : "-");
	tui_out_kv(o, "msg", "%s", r->cMessage);
}

static int tui_trace_agent(struct tui_model *m, struct tui_out *o)
{
	if (tui_model_agent(m))
		return tui_out_model_error(o, m);
	return 0;
}

static int tui_trace_fail(struct tui_model *m, WDC_STATUS st,
			  struct tui_out *o)
{
	tui_model_wdc_error(m, st);
	return tui_out_model_error(o, m);
}

/* level= and sections= (defaults: @level, @sect). */
static int tui_trace_filter(struct tui_opt *opts, uint32_t *level,
			    uint32_t *sect, struct tui_out *o)
{
	if (opts[0].val && WDC_TraceLevelFromStr(opts[0].val, level))
		return tui_out_error(o, WD_INVALID_PARAMETER, "level=%s: give "
				     "ERROR, WARN, INFO or TRACE", opts[0].val);
	if (opts[1].val && WDC_TraceSectionsFromStr(opts[1].val, sect))
		return tui_out_error(o, WD_INVALID_PARAMETER, "sections=%s: "
				     "give S_* names (INT,KER_PLUG,...) or ALL",
				     opts[1].val);
	return 0;
}

static int tui_run_trace_status(struct tui_model *m, struct tui_args *a,
				struct tui_out *o)
{
	char sect[WDC_TRACE_SECTIONS_STR_LEN];
	WDC_TRACE_STATUS s;
	WDC_STATUS st;

	if (tui_need_args(a, 0, 0, &tui_cmd_trace, o) || tui_trace_agent(m, o))
		return -1;
	st = WDC_TraceStatus(m->drv, &s);
	if (st)
		return tui_trace_fail(m, st, o);
	if (WDC_TraceSectionsToStr(s.dwSections, sect, sizeof(sect)))
		snprintf(sect, sizeof(sect), "0x%x", s.dwSections);
	tui_out_kv(o, "on", "%s", s.dwFlags & WDC_TRACE_ON ? "yes" : "no");
	tui_out_kv(o, "level", "%s", WDC_TraceLevelStr(s.dwLevel));
	tui_out_kv(o, "sections", "%s", sect);
	tui_out_kv(o, "size", "%u", s.dwSize);
	tui_out_kv(o, "used", "%u", s.dwUsed);
	tui_out_kv(o, "readers", "%u", s.dwReaders);
	tui_out_kv(o, "written", "%llu", (unsigned long long)s.qwWritten);
	tui_out_kv(o, "overwritten", "%llu",
		   (unsigned long long)s.qwOverwritten);
	o->focus = TUI_FOCUS_TRACE;
	return 0;
}

static const struct tui_cmd tui_cmd_trace_status = {
	"status", "", "The trace's state and filter", tui_run_trace_status,
	NULL
};

static int tui_run_trace_on(struct tui_model *m, struct tui_args *a,
			    struct tui_out *o)
{
	struct tui_opt opts[] = { { "level", NULL }, { "sections", NULL } };
	uint32_t level = D_TRACE, sect = S_ALL;
	WDC_STATUS st;

	if (tui_take_opts(a, opts, 2, o) ||
	    tui_need_args(a, 0, 0, &tui_cmd_trace, o) ||
	    tui_trace_filter(opts, &level, &sect, o) || tui_trace_agent(m, o))
		return -1;
	if (level == D_OFF)
		return tui_out_error(o, WD_INVALID_PARAMETER, "level=OFF: use "
				     "trace off");
	st = WDC_TraceOn(m->drv, level, sect);
	if (st)
		return tui_trace_fail(m, st, o);
	return tui_run_trace_status(m, a, o);
}

static const struct tui_cmd tui_cmd_trace_on = {
	"on", "[level=ERROR|WARN|INFO|TRACE] [sections=S,...]",
	"Turn the trace on (default: TRACE, ALL)", tui_run_trace_on,
	NULL
};

static int tui_run_trace_off(struct tui_model *m, struct tui_args *a,
			     struct tui_out *o)
{
	WDC_STATUS st;

	if (tui_need_args(a, 0, 0, &tui_cmd_trace, o) || tui_trace_agent(m, o))
		return -1;
	st = WDC_TraceOff(m->drv);
	if (st)
		return tui_trace_fail(m, st, o);
	return tui_run_trace_status(m, a, o);
}

static const struct tui_cmd tui_cmd_trace_off = {
	"off", "", "Turn the trace off (records stay)", tui_run_trace_off, NULL
};

static int tui_run_trace_add(struct tui_model *m, struct tui_args *a,
			     struct tui_out *o)
{
	struct tui_opt opts[] = { { "level", NULL }, { "sections", NULL } };
	uint32_t level = D_INFO, sect = S_MISC;
	WDC_STATUS st;

	if (tui_take_opts(a, opts, 2, o) ||
	    tui_need_args(a, 1, 1, &tui_cmd_trace, o) ||
	    tui_trace_filter(opts, &level, &sect, o) || tui_trace_agent(m, o))
		return -1;
	st = WDC_TracePrintf(m->drv, m->open ? m->open->h : NULL, level, sect,
			     "%s", a->argv[0]);
	if (st)
		return tui_trace_fail(m, st, o);
	tui_out_kv(o, "level", "%s", WDC_TraceLevelStr(level));
	tui_out_kv(o, "msg", "%s", a->argv[0]);
	return 0;
}

static const struct tui_cmd tui_cmd_trace_add = {
	"add", "MSG [level=L] [sections=S]",
	"Add a record (default INFO, MISC)", tui_run_trace_add, NULL
};

static int tui_run_trace_dump(struct tui_model *m, struct tui_args *a,
			      struct tui_out *o)
{
	struct tui_opt opts[] = { { "count", NULL }, { "timeout", NULL },
				  { "grep", NULL } };
	WDC_TRACE_RECORD *recs;
	struct tui_out rec;
	uint64_t count = 100, ms = 0;
	uint32_t got, i, shown = 0;
	WDC_STATUS st;
	const char *line;

	if (tui_take_opts(a, opts, 3, o) ||
	    tui_need_args(a, 0, 0, &tui_cmd_trace, o) ||
	    (opts[0].val && tui_arg_u64(opts[0].val, "count", &count, o)) ||
	    (opts[1].val && tui_arg_u64(opts[1].val, "timeout", &ms, o)))
		return -1;
	if (!count || count > TUI_TRACE_DUMP_MAX)
		return tui_out_error(o, WD_INVALID_PARAMETER, "count=%s: give 1 "
				     "to %u", opts[0].val, TUI_TRACE_DUMP_MAX);
	if (tui_trace_agent(m, o))
		return -1;
	if (ms > 600000)
		ms = 600000;
	if (!m->trace) {
		st = WDC_TraceReaderOpen(m->drv, 0, &m->trace);
		if (st)
			return tui_trace_fail(m, st, o);
	}
	recs = calloc(1, sizeof(*recs));
	if (!recs)
		return tui_out_error(o, WD_INSUFFICIENT_RESOURCES,
				     "out of memory");
	/* Wait (up to timeout=) for each record until count= are shown or
	 * none comes. */
	while (shown < count) {
		st = WDC_TraceRead(m->trace, recs, 1, &got, (uint32_t)ms);
		if (st) {
			free(recs);
			return tui_trace_fail(m, st, o);
		}
		if (!got)
			break;
		for (i = 0; i < got; i++) {
			if (opts[2].val && (recs[i].fLost ||
			    !strstr(recs[i].cMessage, opts[2].val)))
				continue;
			tui_out_init(&rec);
			snprintf(rec.name, sizeof(rec.name), "trace.rec");
			tui_trace_format(&recs[i], &rec);
			line = tui_out_line(&rec);
			if (*line)
				tui_lines_add(&o->before, "%s", line);
			tui_out_free(&rec);
			shown++;
		}
	}
	free(recs);
	tui_out_kv(o, "count", "%u", shown);
	o->focus = TUI_FOCUS_TRACE;
	return 0;
}

static const struct tui_cmd tui_cmd_trace_dump = {
	"dump", "[count=N] [timeout=MS] [grep=TEXT]",
	"New records: a trace.rec line each",
	tui_run_trace_dump, NULL
};

static int tui_run_trace_clear(struct tui_model *m, struct tui_args *a,
			       struct tui_out *o)
{
	WDC_STATUS st;

	if (tui_need_args(a, 0, 0, &tui_cmd_trace, o) || tui_trace_agent(m, o))
		return -1;
	st = WDC_TraceClear(m->drv);
	if (st)
		return tui_trace_fail(m, st, o);
	return tui_run_trace_status(m, a, o);
}

static const struct tui_cmd tui_cmd_trace_clear = {
	"clear", "", "Empty the trace buffer", tui_run_trace_clear, NULL
};

static const struct tui_cmd *const tui_trace_subs[] = {
	&tui_cmd_trace_on,
	&tui_cmd_trace_off,
	&tui_cmd_trace_status,
	&tui_cmd_trace_add,
	&tui_cmd_trace_dump,
	&tui_cmd_trace_clear,
	NULL
};

const struct tui_cmd tui_cmd_trace = {
	"trace", "on|off|status|add|dump|clear ...",
	"Debug Monitor: the agent's trace", NULL, tui_trace_subs
};

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * cmd_int.c - the int command: enable (type, through the Kernel PlugIn,
 * acknowledge commands), status, trigger, wait, disable.  Interactive
 * wdtui counts in libwdc's handler thread; --batch waits with WDC_IntWait.
 */
#include "tui_cmd.h"

#include <errno.h>
#include <string.h>
#include <strings.h>
#include <time.h>

const char *tui_int_unavailable(void)
{
	return NULL;
}

static uint64_t tui_mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* libwdc's handler thread: count, wake int wait. */
static void tui_int_handler(void *data, const WDC_INT_RESULT *r)
{
	struct tui_intr *s = data;

	pthread_mutex_lock(&s->lock);
	tui_intr_account(s, r);
	pthread_cond_broadcast(&s->cond);
	pthread_mutex_unlock(&s->lock);
}

static const char *tui_int_type_name(uint32_t type)
{
	switch (type) {
	case INTERRUPT_MESSAGE_X:
		return "msix";
	case INTERRUPT_MESSAGE:
		return "msi";
	case INTERRUPT_LEVEL_SENSITIVE:
		return "intx";
	default:
		return "-";
	}
}

/* The fields shared by every int result (the caller holds the lock). */
static void tui_int_fields(struct tui_out *o, const struct tui_intr *s)
{
	tui_out_kv(o, "enabled", "%s", s->enabled ? "yes" : "no");
	tui_out_kv(o, "type", "%s", tui_int_type_name(s->type));
	tui_out_kv(o, "kp", "%d", s->kp);
	tui_out_kv(o, "count", "%llu", (unsigned long long)s->count);
	tui_out_kv(o, "lost", "%llu", (unsigned long long)s->lost);
	tui_out_kv(o, "vector", "%u", s->vector);
	tui_out_kv(o, "lat_ns", "%llu", (unsigned long long)s->lat_last);
	tui_out_kv(o, "lat_min_ns", "%llu", (unsigned long long)s->lat_min);
	tui_out_kv(o, "lat_max_ns", "%llu", (unsigned long long)s->lat_max);
}

static int tui_int_need(struct tui_model *m, struct tui_out *o, bool enabled)
{
	if (tui_model_need_open(m))
		return tui_out_model_error(o, m);
	if (enabled && !WDC_IntIsEnabled(m->open->h))
		return tui_out_error(o, WD_INTERRUPT_NOT_ENABLED,
				     "interrupts are not enabled on %s: int "
				     "enable first", m->open->bdf);
	return 0;
}

static int tui_run_int_enable(struct tui_model *m, struct tui_args *a,
			      struct tui_out *o)
{
	struct tui_opt opts[] = { { "type", NULL }, { "kp", NULL },
				  { "ack", NULL } };
	WDC_TRANSFER cmds[TUI_ACK_MAX];
	struct tui_intr *s;
	uint32_t n = 0, options = 0;
	char err[256];
	bool kp = false;
	WDC_STATUS st;

	if (tui_take_opts(a, opts, 3, o) ||
	    tui_need_args(a, 0, 0, &tui_cmd_int, o) || tui_int_need(m, o, false))
		return -1;
	if (!opts[0].val || !strcasecmp(opts[0].val, "auto"))
		options = 0;
	else if (!strcasecmp(opts[0].val, "msix"))
		options = INTERRUPT_MESSAGE_X;
	else if (!strcasecmp(opts[0].val, "msi"))
		options = INTERRUPT_MESSAGE;
	else if (!strcasecmp(opts[0].val, "intx"))
		options = INTERRUPT_LEVEL_SENSITIVE;
	else
		return tui_out_error(o, WD_INVALID_PARAMETER, "type=%s: give "
				     "auto, msix, msi or intx", opts[0].val);
	if (opts[1].val) {
		if (!strcmp(opts[1].val, "1") || !strcasecmp(opts[1].val, "on"))
			kp = true;
		else if (strcmp(opts[1].val, "0") &&
			 strcasecmp(opts[1].val, "off"))
			return tui_out_error(o, WD_INVALID_PARAMETER, "kp=%s: "
					     "give 0 or 1", opts[1].val);
	}
	if (opts[2].val &&
	    tui_parse_ack(opts[2].val, cmds, TUI_ACK_MAX, &n, err, sizeof(err)))
		return tui_out_error(o, WD_INVALID_PARAMETER, "ack=: %s", err);
	s = &m->open->intr;
	pthread_mutex_lock(&s->lock);
	tui_intr_reset(s);
	pthread_mutex_unlock(&s->lock);
	st = WDC_IntEnable(m->open->h, n ? cmds : NULL, n, options,
			   m->int_thread ? tui_int_handler : NULL,
			   m->int_thread ? s : NULL, kp);
	if (st) {
		tui_model_wdc_error(m, st);
		return tui_out_model_error(o, m);
	}
	pthread_mutex_lock(&s->lock);
	s->enabled = true;
	s->kp = kp;
	s->thread = m->int_thread;
	s->nack = n;
	s->type = WDC_GET_ENABLED_INT_TYPE(m->open->h);
	tui_int_fields(o, s);
	pthread_mutex_unlock(&s->lock);
	tui_out_kv(o, "ack", "%u", n);
	o->focus = TUI_FOCUS_INT;
	return 0;
}

static const struct tui_cmd tui_cmd_int_enable = {
	"enable", "[type=auto|msix|msi|intx] [kp=0|1] [ack=edu|CMD,...]",
	"Enable interrupts (kp=1: through the plugin)",
	tui_run_int_enable, NULL
};

static int tui_run_int_status(struct tui_model *m, struct tui_args *a,
			      struct tui_out *o)
{
	struct tui_intr *s;
	WDC_INT_RESULT r;

	if (tui_need_args(a, 0, 0, &tui_cmd_int, o) || tui_int_need(m, o, false))
		return -1;
	s = &m->open->intr;
	pthread_mutex_lock(&s->lock);
	s->enabled = WDC_IntIsEnabled(m->open->h);
	/* Without a handler thread, read the counters now. */
	if (s->enabled && !s->thread &&
	    WDC_IntCount(m->open->h, &r) == WD_STATUS_SUCCESS)
		tui_intr_account(s, &r);
	tui_int_fields(o, s);
	pthread_mutex_unlock(&s->lock);
	tui_out_kv(o, "ack", "%u", s->nack);
	o->focus = TUI_FOCUS_INT;
	return 0;
}

static const struct tui_cmd tui_cmd_int_status = {
	"status", "", "Interrupt counters and latency",
	tui_run_int_status, NULL
};

static int tui_run_int_trigger(struct tui_model *m, struct tui_args *a,
			       struct tui_out *o)
{
	struct tui_opt opts[] = { { "vector", NULL } };
	uint64_t v = 0;
	WDC_STATUS st;

	if (tui_take_opts(a, opts, 1, o) ||
	    tui_need_args(a, 0, 0, &tui_cmd_int, o) ||
	    tui_int_need(m, o, true) ||
	    (opts[0].val && tui_arg_u64(opts[0].val, "vector", &v, o)))
		return -1;
	if (v > UINT32_MAX)
		return tui_out_error(o, WD_INVALID_PARAMETER, "vector=%s is too "
				     "large", opts[0].val);
	st = WDC_IntTrigger(m->open->h, (uint32_t)v);
	if (st) {
		tui_model_wdc_error(m, st);
		return tui_out_model_error(o, m);
	}
	tui_out_kv(o, "vector", "%llu", (unsigned long long)v);
	return 0;
}

static const struct tui_cmd tui_cmd_int_trigger = {
	"trigger", "[vector=N]", "Deliver a test interrupt (software loopback)",
	tui_run_int_trigger, NULL
};

/* With the handler thread: wait for the count to pass @from. */
static int tui_int_wait_thread(struct tui_intr *s, uint64_t from,
			       uint64_t ms)
{
	struct timespec until;
	int rc = 0;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += (time_t)(ms / 1000);
	until.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	while (s->count == from && !s->stopped && rc != ETIMEDOUT)
		rc = ms ? pthread_cond_timedwait(&s->cond, &s->lock, &until) :
			  pthread_cond_wait(&s->cond, &s->lock);
	return s->count != from || s->stopped ? 0 : -1;
}

static int tui_run_int_wait(struct tui_model *m, struct tui_args *a,
			    struct tui_out *o)
{
	struct tui_opt opts[] = { { "timeout", NULL } };
	struct tui_intr *s;
	WDC_INT_RESULT r;
	uint64_t ms = 1000;
	WDC_STATUS st;
	int rc;

	if (tui_take_opts(a, opts, 1, o) ||
	    tui_need_args(a, 0, 0, &tui_cmd_int, o) ||
	    tui_int_need(m, o, true) ||
	    (opts[0].val && tui_arg_u64(opts[0].val, "timeout", &ms, o)))
		return -1;
	if (ms > UINT32_MAX)
		ms = UINT32_MAX;
	s = &m->open->intr;
	if (s->thread) {
		pthread_mutex_lock(&s->lock);
		rc = tui_int_wait_thread(s, s->count, ms);
		pthread_mutex_unlock(&s->lock);
		if (rc)
			return tui_out_error(o, WD_TIME_OUT_EXPIRED, "no interrupt "
					     "within %llu ms",
					     (unsigned long long)ms);
	} else {
		st = WDC_IntWait(m->open->h, (uint32_t)ms, &r);
		if (st == WD_TIME_OUT_EXPIRED)
			return tui_out_error(o, st, "no interrupt within %llu ms",
					     (unsigned long long)ms);
		if (st) {
			tui_model_wdc_error(m, st);
			return tui_out_model_error(o, m);
		}
		pthread_mutex_lock(&s->lock);
		tui_intr_account(s, &r);
		pthread_mutex_unlock(&s->lock);
	}
	pthread_mutex_lock(&s->lock);
	tui_int_fields(o, s);
	tui_out_kv(o, "stopped", "%d", s->stopped);
	pthread_mutex_unlock(&s->lock);
	return 0;
}

static const struct tui_cmd tui_cmd_int_wait = {
	"wait", "[timeout=MS]", "Wait for an interrupt (default 1000 ms)",
	tui_run_int_wait, NULL
};

static int tui_run_int_disable(struct tui_model *m, struct tui_args *a,
			       struct tui_out *o)
{
	struct tui_intr *s;
	WDC_STATUS st;

	if (tui_need_args(a, 0, 0, &tui_cmd_int, o) || tui_int_need(m, o, true))
		return -1;
	st = WDC_IntDisable(m->open->h);
	if (st) {
		tui_model_wdc_error(m, st);
		return tui_out_model_error(o, m);
	}
	s = &m->open->intr;
	pthread_mutex_lock(&s->lock);
	s->enabled = false;
	tui_int_fields(o, s);
	pthread_mutex_unlock(&s->lock);
	return 0;
}

static const struct tui_cmd tui_cmd_int_disable = {
	"disable", "", "Disable interrupts",
	tui_run_int_disable, NULL
};

static const struct tui_cmd *const tui_int_subs[] = {
	&tui_cmd_int_enable,
	&tui_cmd_int_status,
	&tui_cmd_int_trigger,
	&tui_cmd_int_wait,
	&tui_cmd_int_disable,
	NULL
};

const struct tui_cmd tui_cmd_int = {
	"int", "enable|status|trigger|wait|disable ...",
	"Interrupts of the open device", NULL, tui_int_subs
};

/* For the interrupts screen: refresh the rate and, without a handler
 * thread, the counters. */
void tui_int_poll(struct tui_model *m)
{
	struct tui_intr *s;
	WDC_INT_RESULT r;

	if (!m->open)
		return;
	s = &m->open->intr;
	pthread_mutex_lock(&s->lock);
	if (s->enabled && !s->thread &&
	    WDC_IntCount(m->open->h, &r) == WD_STATUS_SUCCESS)
		tui_intr_account(s, &r);
	tui_intr_rate(s, tui_mono_ns());
	pthread_mutex_unlock(&s->lock);
}

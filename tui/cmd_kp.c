// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * cmd_kp.c - the kp command: list the loaded Kernel PlugIns, open one on
 * the open device (with its open data), send it messages, close it.
 */
#include "tui_cmd.h"

#include <stdlib.h>

const char *tui_kp_unavailable(void)
{
	return NULL;
}

static int tui_run_kp_list(struct tui_model *m, struct tui_args *a,
			   struct tui_out *o)
{
	char names[1024];
	uint32_t count = 0;
	WDC_STATUS st;

	if (tui_need_args(a, 0, 0, &tui_cmd_kp, o))
		return -1;
	if (tui_model_agent(m))
		return tui_out_model_error(o, m);
	st = WDC_KernelPlugInList(m->drv, names, sizeof(names), &count);
	if (st) {
		tui_model_wdc_error(m, st);
		return tui_out_model_error(o, m);
	}
	tui_out_kv(o, "count", "%u", count);
	tui_out_kv(o, "names", "%s", count ? names : "-");
	o->focus = TUI_FOCUS_KP;
	return 0;
}

static const struct tui_cmd tui_cmd_kp_list = {
	"list", "", "The loaded Kernel PlugIns", tui_run_kp_list, NULL
};

static int tui_run_kp_open(struct tui_model *m, struct tui_args *a,
			   struct tui_out *o)
{
	struct tui_opt opts[] = { { "data", NULL } };

	if (tui_take_opts(a, opts, 1, o) ||
	    tui_need_args(a, 1, 1, &tui_cmd_kp, o))
		return -1;
	if (tui_model_kp_open(m, a->argv[0], opts[0].val))
		return tui_out_model_error(o, m);
	tui_out_kv(o, "dev", "%s", m->open->bdf);
	tui_out_kv(o, "kp", "%s", m->open->kp_name);
	o->focus = TUI_FOCUS_KP;
	return 0;
}

static const struct tui_cmd tui_cmd_kp_open = {
	"open", "NAME [data=STRING]",
	"Open a Kernel PlugIn on the open device", tui_run_kp_open, NULL
};

static int tui_run_kp_call(struct tui_model *m, struct tui_args *a,
			   struct tui_out *o)
{
	struct tui_opt opts[] = { { "hex", NULL }, { "u32", NULL },
				  { "out", NULL } };
	uint8_t *buf;
	uint64_t msg, out = 0;
	uint32_t result = 0;
	char err[256];
	size_t len;
	WDC_STATUS st;

	if (tui_take_opts(a, opts, 3, o) ||
	    tui_need_args(a, 1, 1, &tui_cmd_kp, o) ||
	    tui_arg_u64(a->argv[0], "message", &msg, o) ||
	    (opts[2].val && tui_arg_u64(opts[2].val, "out", &out, o)))
		return -1;
	if (msg > UINT32_MAX)
		return tui_out_error(o, WD_INVALID_PARAMETER, "message %s is "
				     "not a 32-bit number", a->argv[0]);
	if (tui_model_need_open(m))
		return tui_out_model_error(o, m);
	buf = calloc(1, TUI_KP_BUF_MAX);
	if (!buf)
		return tui_out_error(o, WD_INSUFFICIENT_RESOURCES,
				     "out of memory");
	if (tui_parse_payload(opts[0].val, opts[1].val, out, buf,
			      TUI_KP_BUF_MAX, &len, err, sizeof(err))) {
		free(buf);
		return tui_out_error(o, WD_INVALID_PARAMETER, "%s", err);
	}
	/* No payload: the plugin gets NULL. */
	st = WDC_CallKerPlug(m->open->h, (uint32_t)msg, len ? buf : NULL,
			     &result);
	if (st) {
		free(buf);
		tui_model_wdc_error(m, st);
		return tui_out_model_error(o, m);
	}
	tui_out_kv(o, "msg", "%llu", (unsigned long long)msg);
	tui_out_kv(o, "result", "%u", result);
	tui_out_kv(o, "len", "%zu", len);
	tui_out_hex(o, "data", buf, len);
	free(buf);
	o->focus = TUI_FOCUS_KP;
	return 0;
}

static const struct tui_cmd tui_cmd_kp_call = {
	"call", "MSG [hex=BYTES|u32=N,...] [out=N]",
	"Send a message; show the result and the buffer", tui_run_kp_call,
	NULL
};

static int tui_run_kp_close(struct tui_model *m, struct tui_args *a,
			    struct tui_out *o)
{
	char name[64];

	if (tui_need_args(a, 0, 0, &tui_cmd_kp, o))
		return -1;
	if (tui_model_need_open(m))
		return tui_out_model_error(o, m);
	snprintf(name, sizeof(name), "%s", m->open->kp_name);
	if (tui_model_kp_close(m))
		return tui_out_model_error(o, m);
	tui_out_kv(o, "dev", "%s", m->open->bdf);
	tui_out_kv(o, "kp", "%s", name[0] ? name : "-");
	return 0;
}

static const struct tui_cmd tui_cmd_kp_close = {
	"close", "", "Close the Kernel PlugIn", tui_run_kp_close, NULL
};

static const struct tui_cmd *const tui_kp_subs[] = {
	&tui_cmd_kp_list,
	&tui_cmd_kp_open,
	&tui_cmd_kp_call,
	&tui_cmd_kp_close,
	NULL
};

const struct tui_cmd tui_cmd_kp = {
	"kp", "list|open|call|close ...",
	"Kernel PlugIn of the open device", NULL, tui_kp_subs
};

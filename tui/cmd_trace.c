// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * cmd_trace.c - the trace command (the Debug Monitor: filter, read, save
 * the agent's trace ring).  libwdc has no trace reader yet: until then the
 * command says so.  The monitor pane and commands replace this file.
 */
#include "tui_cmd.h"

const char *tui_trace_unavailable(void)
{
	return "libwdc has no trace reader yet";
}

static int tui_run_trace(struct tui_model *m, struct tui_args *a,
		         struct tui_out *o)
{
	(void)m;
	(void)a;
	return tui_out_error(o, WD_NOT_IMPLEMENTED, "%s: not available in this "
			     "build: %s", "The Debug Monitor", tui_trace_unavailable());
}

const struct tui_cmd tui_cmd_trace = {
	"trace", "...", "Debug Monitor (not in this build)",
	tui_run_trace, NULL
};

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * cmd_kp.c - the kp command (open, close, call, list of Kernel PlugIns).
 * libwdc has no Kernel PlugIn API yet (WDC_KernelPlugInOpen,
 * WDC_CallKerPlug are being added): until then every kp command says so.
 * The Kernel PlugIn screen and commands replace this file.
 */
#include "tui_cmd.h"

const char *tui_kp_unavailable(void)
{
	return "libwdc has no Kernel PlugIn API yet";
}

static int tui_run_kp(struct tui_model *m, struct tui_args *a,
		      struct tui_out *o)
{
	(void)m;
	(void)a;
	return tui_out_error(o, WD_NOT_IMPLEMENTED, "%s: not available in this "
			     "build: %s", "Kernel PlugIns", tui_kp_unavailable());
}

const struct tui_cmd tui_cmd_kp = {
	"kp", "...", "Kernel PlugIn (not in this build)",
	tui_run_kp, NULL
};

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * cmd_int.c - the int command (enable, disable, wait, trigger, status).
 * libwdc has no interrupt API yet (WDC_IntEnable, WDC_IntDisable, the
 * counter wait and WDC_IntTrigger are being added): until then every int
 * command says so.  The interrupts screen and commands replace this file.
 */
#include "tui_cmd.h"

const char *tui_int_unavailable(void)
{
	return "libwdc has no interrupt API yet";
}

static int tui_run_int(struct tui_model *m, struct tui_args *a,
		       struct tui_out *o)
{
	(void)m;
	(void)a;
	return tui_out_error(o, WD_NOT_IMPLEMENTED, "%s: not available in this "
			     "build: %s", "Interrupts", tui_int_unavailable());
}

const struct tui_cmd tui_cmd_int = {
	"int", "...", "Interrupts (not in this build)",
	tui_run_int, NULL
};

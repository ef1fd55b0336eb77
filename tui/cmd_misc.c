// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * cmd_misc.c - the help and quit commands.
 */
#include "tui_cmd.h"

#include <string.h>

#include "tui_util.h"

static int tui_run_help(struct tui_model *m, struct tui_args *a,
			struct tui_out *o)
{
	const struct tui_cmd *const *c, *const *s;
	char names[512];
	size_t pos = 0;

	(void)m;
	if (tui_need_args(a, 0, 1, &tui_cmd_help, o))
		return -1;
	o->focus = TUI_FOCUS_HELP;
	names[0] = '\0';
	for (c = tui_commands; *c; c++) {
		if (!a->argc) {
			tui_sbprintf(names, sizeof(names), &pos, "%s%s",
				     pos ? "," : "", (*c)->name);
			continue;
		}
		if (strcmp((*c)->name, a->argv[0]))
			continue;
		tui_out_kv(o, "cmd", "%s", (*c)->name);
		if ((*c)->subs) {
			for (s = (*c)->subs; *s; s++)
				tui_sbprintf(names, sizeof(names), &pos, "%s%s",
					     pos ? "," : "", (*s)->name);
			tui_out_kv(o, "subcommands", "%s", names);
		} else {
			tui_out_kv(o, "usage", "%s%s%s", (*c)->name,
				   (*c)->args[0] ? " " : "", (*c)->args);
		}
		tui_out_kv(o, "summary", "%s", (*c)->summary);
		return 0;
	}
	if (a->argc)
		return tui_out_error(o, WD_INVALID_PARAMETER,
				     "unknown command '%s'", a->argv[0]);
	tui_out_kv(o, "commands", "%s", names);
	return 0;
}

const struct tui_cmd tui_cmd_help = {
	"help", "[COMMAND]", "List the commands, or describe one",
	tui_run_help, NULL
};

static int tui_run_quit(struct tui_model *m, struct tui_args *a,
			struct tui_out *o)
{
	(void)m;
	if (tui_need_args(a, 0, 0, &tui_cmd_quit, o))
		return -1;
	o->quit = true;
	return 0;
}

const struct tui_cmd tui_cmd_quit = {
	"quit", "", "Quit; --batch stops there",
	tui_run_quit, NULL
};

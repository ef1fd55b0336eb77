// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * wddebug.c - entry point of wddebug, the Debug Monitor command line:
 * parses the command line (mon_args.c) and runs the command (mon_cmds.c).
 */
#include "mon.h"

int main(int argc, char **argv)
{
	struct mon_opts o;
	char err[256];
	int ret;

	ret = mon_parse_args(argc, argv, &o, err, sizeof(err));
	if (ret) {
		fprintf(stderr, "wddebug: %s\nTry 'wddebug --help'.\n", err);
		return ret;
	}
	if (o.version) {
		printf("wddebug (wdkit) %s\n", WDKIT_VERSION);
		return MON_EXIT_OK;
	}
	if (o.help) {
		mon_usage(stdout);
		return MON_EXIT_OK;
	}
	return mon_run(&o);
}

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * wddebug.c - entry point of wddebug, the Debug Monitor command line.
 * This release answers --help and --version; the trace commands (on, off,
 * status, dump, clear, dbg_on, dbg_off, clock_*) come with the kernel trace
 * ring buffer and are not in this version yet.
 */
#include <getopt.h>
#include <stdio.h>

static void mon_usage(FILE *out)
{
	fputs("Usage: wddebug [OPTION]... [COMMAND [LEVEL] [SECTIONS]]\n"
	      "Debug Monitor for the wdkit kernel agent: controls and reads the\n"
	      "agent's trace of device, interrupt and Kernel PlugIn activity.\n"
	      "\n"
	      "  -h, --help     show this help and exit\n"
	      "  -V, --version  show the version and exit\n"
	      "\n"
	      "The trace commands are not part of this version yet.\n",
	      out);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "hV", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			mon_usage(stdout);
			return 0;
		case 'V':
			printf("wddebug (wdkit) %s\n", WDKIT_VERSION);
			return 0;
		default:
			mon_usage(stderr);
			return 2;
		}
	}
	fputs("wddebug: the trace commands are not in this version yet; "
	      "see --help\n", stderr);
	return 1;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * wdtui.c - entry point of wdtui, the interactive ncurses diagnostics tool.
 * This release answers --help and --version; the screens (device list, BAR
 * and config access, interrupts, Kernel PlugIn, Debug Monitor) are being
 * built and are not in this version yet.
 */
#include <getopt.h>
#include <stdio.h>

static void tui_usage(FILE *out)
{
	fputs("Usage: wdtui [OPTION]...\n"
	      "Interactive diagnostics for PCI devices driven through the wdkit\n"
	      "kernel agent (/dev/kagent).\n"
	      "\n"
	      "  -h, --help     show this help and exit\n"
	      "  -V, --version  show the version and exit\n"
	      "\n"
	      "The full-screen interface is not part of this version yet.\n",
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
			tui_usage(stdout);
			return 0;
		case 'V':
			printf("wdtui (wdkit) %s\n", WDKIT_VERSION);
			return 0;
		default:
			tui_usage(stderr);
			return 2;
		}
	}
	fputs("wdtui: the interactive screens are not in this version yet; "
	      "see --help\n", stderr);
	return 1;
}

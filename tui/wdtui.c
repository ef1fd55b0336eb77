// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * wdtui.c - entry point of wdtui, the interactive PCI diagnostics tool:
 * options, batch mode, and the interactive main loop (terminal <-> app).
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tui_app.h"
#include "tui_cmd.h"
#include "tui_model.h"
#include "tui_term.h"
#include "tui_util.h"

static void tui_usage(FILE *out)
{
	fputs("Usage: wdtui [OPTION]...\n"
	      "       wdtui --batch FILE|- [OPTION]...\n"
	      "Interactive diagnostics for PCI devices driven through the wdkit\n"
	      "kernel agent (/dev/kagent): device list, BAR and configuration\n"
	      "space access, interrupts, Kernel PlugIns and the Debug Monitor,\n"
	      "with the same commands on the ':' line and in batch scripts.\n"
	      "\n"
	      "  -b, --batch FILE    run the commands of FILE ('-': standard input),\n"
	      "                      one per line, print one result line each, and\n"
	      "                      stop at the first failure (exit status 1)\n"
	      "  -d, --device DEV    open DEV first (0000:00:03.0, 00:03.0 or\n"
	      "                      VID:DID such as 1234:11e8)\n"
	      "      --agent PATH    the agent's device node (default /dev/kagent)\n"
	      "      --pci-dump FILE list the devices of an 'lspci -x' (-xxx, -xxxx)\n"
	      "                      dump instead of this machine's (read-only)\n"
	      "      --pci-ids FILE  device names from FILE instead of pci.ids\n"
	      "      --no-color      monochrome (also when NO_COLOR is set)\n"
	      "      --interval MS   refresh period of watch mode (default 500)\n"
	      "  -h, --help          show this help and exit\n"
	      "  -V, --version       show the version and exit\n"
	      "\n"
	      "Commands (':' line and --batch; 'help' lists them, F1 shows all):\n"
	      "  scan [VID[:DID]]              info [DEV]       agent\n"
	      "  open DEV [kp=NAME [data=STRING]]   close\n"
	      "  read BAR OFFSET [WIDTH]       write BAR OFFSET VALUE [WIDTH]\n"
	      "  dump BAR OFFSET LENGTH [WIDTH]\n"
	      "  cfg read REG|OFFSET [WIDTH] [dev=DEV]   cfg write REG|OFFSET VALUE [WIDTH]\n"
	      "  cfg dump [OFFSET [LENGTH]] [dev=DEV]    cfg caps|regs [dev=DEV]\n"
	      "  int enable [type=auto|msix|msi|intx] [kp=0|1] [ack=edu|CMD,...]\n"
	      "  int status|trigger [vector=N]|wait [timeout=MS]|disable\n"
	      "  kp list|open NAME [data=STRING]|call MSG [hex=..|u32=N,..] [out=N]|close\n"
	      "  trace on [level=L] [sections=S]|off|status|add MSG|clear\n"
	      "  trace dump [count=N] [timeout=MS] [grep=TEXT]\n"
	      "  help [COMMAND]                quit\n"
	      "Each prints 'ok NAME key=value...' or 'error NAME code=0x... msg=\"...\"';\n"
	      "the format is described in tui/README.md.\n"
	      "\n"
	      "The device list works without the agent and without root (64 bytes\n"
	      "of configuration space then); opening a device needs the agent:\n"
	      "'modprobe kagent' after 'make install', or 'make tui' in the source\n"
	      "tree to try it in the test VM.\n"
	      "\n"
	      "Exit status: 0; 1 when a batch command failed or the terminal could\n"
	      "not be used; 2 on a usage error.\n",
	      out);
}

static int tui_batch_main(struct tui_model *m, const char *file,
			  const char *device)
{
	struct tui_out o;
	FILE *in = stdin;
	int status;

	if (strcmp(file, "-")) {
		in = fopen(file, "r");
		if (!in) {
			fprintf(stderr, "wdtui: %s: %s\n", file, strerror(errno));
			return 1;
		}
	}
	if (device) {
		char line[128];

		snprintf(line, sizeof(line), "open %s", device);
		tui_out_init(&o);
		status = tui_cmd_exec(m, line, &o);
		printf("%s\n", tui_out_line(&o));
		if (status)
			fprintf(stderr, "wdtui: --device: %s\n", o.msg);
		tui_out_free(&o);
		if (status) {
			if (in != stdin)
				fclose(in);
			return 1;
		}
	}
	status = tui_batch(m, in, strcmp(file, "-") ? file : "stdin", stdout,
			   stderr);
	if (in != stdin)
		fclose(in);
	return status;
}

static long long tui_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int tui_interactive(struct tui_model *m, const char *device,
			   bool no_color, unsigned int interval)
{
	struct tui_screen scr = { 0 };
	struct tui_app app;
	long long deadline = -1, now;
	char err[256];
	int rows, cols, key, wait, sig;

	if (tui_term_init(no_color, err, sizeof(err))) {
		fprintf(stderr, "wdtui: %s\n", err);
		return 1;
	}
	tui_model_agent(m);	/* the title line says whether it is there */
	tui_app_init(&app, m);
	app.interval_ms = interval;
	if (device)
		tui_app_run(&app, "open %s", device);
	while (!app.quit && !tui_term_signal()) {
		tui_term_size(&rows, &cols);
		if (tui_scr_resize(&scr, rows, cols))
			break;
		tui_app_draw(&app, &scr);
		tui_term_present(&scr, app.redraw_all);
		app.redraw_all = false;

		/* Periodic work (watch mode) runs on a deadline that keys do
		 * not push back. */
		wait = tui_app_timeout(&app);
		now = tui_now_ms();
		if (wait < 0)
			deadline = -1;
		else if (deadline < 0)
			deadline = now + wait;
		if (deadline >= 0 && now >= deadline) {
			tui_app_tick(&app);
			deadline = -1;
			continue;
		}
		key = tui_term_getkey(deadline < 0 ? -1 : (int)(deadline - now));
		if (key != TUI_KEY_NONE)
			tui_app_key(&app, key);
	}
	sig = tui_term_signal();
	tui_app_free(&app);
	tui_scr_free(&scr);
	tui_model_free(m);	/* closes the device before we go */
	tui_term_done();
	if (sig) {
		/* Die of the signal, as the parent expects. */
		signal(sig, SIG_DFL);
		raise(sig);
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "batch", required_argument, NULL, 'b' },
		{ "device", required_argument, NULL, 'd' },
		{ "agent", required_argument, NULL, 'A' },
		{ "pci-dump", required_argument, NULL, 'P' },
		{ "pci-ids", required_argument, NULL, 'N' },
		{ "no-color", no_argument, NULL, 'C' },
		{ "interval", required_argument, NULL, 'I' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct tui_model_opts mo = { NULL, NULL, NULL };
	const char *batch = NULL, *device = NULL;
	unsigned int interval = 500;
	struct tui_model m;
	bool no_color = false;
	uint64_t v;
	int c, status;

	while ((c = getopt_long(argc, argv, "b:d:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'b':
			batch = optarg;
			break;
		case 'd':
			device = optarg;
			break;
		case 'A':
			mo.agent_path = optarg;
			break;
		case 'P':
			mo.pci_dump = optarg;
			break;
		case 'N':
			mo.pci_ids = optarg;
			break;
		case 'C':
			no_color = true;
			break;
		case 'I':
			if (!tui_parse_u64(optarg, &v) || v < 50 || v > 60000) {
				fprintf(stderr, "wdtui: --interval takes 50 to "
					"60000 (milliseconds)\n");
				return 2;
			}
			interval = (unsigned int)v;
			break;
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
	if (optind < argc) {
		fprintf(stderr, "wdtui: unexpected argument '%s'\n", argv[optind]);
		tui_usage(stderr);
		return 2;
	}
	tui_model_init(&m, &mo);
	if (batch)
		status = tui_batch_main(&m, batch, device);
	else
		status = tui_interactive(&m, device, no_color, interval);
	tui_model_free(&m);
	return status;
}

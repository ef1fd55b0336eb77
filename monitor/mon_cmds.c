// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * mon_cmds.c - the commands of wddebug: settings of the agent's trace
 * (on, off, size, clear, dbg_*, clock_*, sect_info_*), status, add, and
 * dump, the live reader that stops on Ctrl-C, Enter, a count or a timeout.
 */
#define _GNU_SOURCE 1

#include "mon.h"

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#define MON_BATCH 64

/* The exit status for a failure with @status. */
static int mon_exit_for(WDC_STATUS status)
{
	switch (status) {
	case WD_STATUS_SUCCESS:
		return MON_EXIT_OK;
	case WD_DRIVER_NOT_LOADED:
		return MON_EXIT_NO_AGENT;
	case WD_PERMISSION_DENIED:
		return MON_EXIT_PERM;
	case WD_INCORRECT_VERSION:
		return MON_EXIT_VERSION;
	default:
		return MON_EXIT_FAIL;
	}
}

/* Report a failed library call on @drv; returns the exit status. */
static int mon_fail(WDC_DRIVER_HANDLE drv, const char *cmd, WDC_STATUS status)
{
	char text[WDC_ERR_STR_LEN];

	if (WDC_CopyLastErrStr(drv, text, sizeof(text)) || !text[0])
		snprintf(text, sizeof(text), "%s", WDC_StatusStr(status));
	fprintf(stderr, "wddebug: %s: %s\n", cmd, text);
	return mon_exit_for(status);
}

static void mon_print_filter(FILE *out, const char *what,
			     const WDC_TRACE_STATUS *st)
{
	char sect[WDC_TRACE_SECTIONS_STR_LEN];

	WDC_TraceSectionsToStr(st->dwSections, sect, sizeof(sect));
	fprintf(out, "%s%s: level %s, sections %s\n", what,
		st->dwFlags & WDC_TRACE_ON ? "on" : "off",
		WDC_TraceLevelStr(st->dwLevel), sect);
}

static int mon_status(WDC_DRIVER_HANDLE drv, const struct mon_opts *o)
{
	char sect[WDC_TRACE_SECTIONS_STR_LEN], ver[64];
	WDC_TRACE_STATUS st;
	WDC_STATUS status;
	uint32_t abi;
	char secs[32];
	uint64_t base_us;

	status = WDC_TraceStatus(drv, &st);
	if (status)
		return mon_fail(drv, "status", status);
	status = WDC_GetAgentVersion(drv, &abi, ver, sizeof(ver));
	if (status)
		return mon_fail(drv, "status", status);
	WDC_TraceSectionsToStr(st.dwSections, sect, sizeof(sect));
	base_us = st.qwClockBaseNs / 1000;
	snprintf(secs, sizeof(secs), "%" PRIu64 ".%06" PRIu64,
		 base_us / 1000000, base_us % 1000000);
	if (o->json) {
		printf("{\"on\":%s,\"level\":\"%s\",\"sections\":\"%s\",\"sections_mask\":%u,"
		       "\"size\":%u,\"used\":%u,\"readers\":%u,\"next_seq\":%" PRIu64
		       ",\"written\":%" PRIu64 ",\"overwritten\":%" PRIu64
		       ",\"reader_lost\":%" PRIu64 ",\"dbg\":%s,\"clock\":%s,"
		       "\"sect_info\":%s,\"clock_base_ns\":%" PRIu64
		       ",\"agent_version\":",
		       st.dwFlags & WDC_TRACE_ON ? "true" : "false",
		       WDC_TraceLevelStr(st.dwLevel), sect, st.dwSections,
		       st.dwSize, st.dwUsed, st.dwReaders, st.qwNextSeq,
		       st.qwWritten, st.qwOverwritten, st.qwReaderLost,
		       st.dwFlags & WDC_TRACE_DBG ? "true" : "false",
		       st.dwFlags & WDC_TRACE_CLOCK ? "true" : "false",
		       st.dwFlags & WDC_TRACE_SECT_INFO ? "true" : "false",
		       st.qwClockBaseNs);
		{
			char js[256];

			mon_json_string(ver, js, sizeof(js));
			printf("%s,\"agent_abi\":\"%u.%u\"}\n", js, abi >> 16,
			       abi & 0xffff);
		}
		return MON_EXIT_OK;
	}
	printf("Debug Monitor: %s\n", st.dwFlags & WDC_TRACE_ON ? "on" : "off");
	printf("  filter:      level %s, sections %s (0x%08x)\n",
	       WDC_TraceLevelStr(st.dwLevel), sect, st.dwSections);
	printf("  buffer:      %u records, %u used (%u%%)\n", st.dwSize,
	       st.dwUsed, st.dwSize ? st.dwUsed * 100 / st.dwSize : 0);
	printf("  written:     %" PRIu64 " records since the agent was loaded, %" PRIu64
	       " overwritten\n", st.qwWritten, st.qwOverwritten);
	printf("  lost:        %" PRIu64 " records reported lost to readers\n",
	       st.qwReaderLost);
	printf("  readers:     %u\n", st.dwReaders);
	printf("  kernel log:  %s (dbg_on, dbg_off)\n",
	       st.dwFlags & WDC_TRACE_DBG ? "on" : "off");
	printf("  timestamps:  %s, relative to %s s after boot (clock_on, clock_off, clock_reset)\n",
	       st.dwFlags & WDC_TRACE_CLOCK ? "on" : "off", secs);
	printf("  sections:    %s (sect_info_on, sect_info_off)\n",
	       st.dwFlags & WDC_TRACE_SECT_INFO ? "shown" : "hidden");
	printf("  agent:       kagent %s, ABI %u.%u (%s)\n", ver, abi >> 16,
	       abi & 0xffff, o->agent_path);
	printf("  wddebug:     %s, library ABI %u.%u\n", WDKIT_VERSION,
	       WDC_LibAbiVersion() >> 16, WDC_LibAbiVersion() & 0xffff);
	return MON_EXIT_OK;
}

static int mon_add(WDC_DRIVER_HANDLE drv, const struct mon_opts *o)
{
	WDC_TRACE_STATUS st;
	WDC_STATUS status;

	status = WDC_TracePrintf(drv, NULL, o->level, o->sections, "%s",
				 o->message);
	if (status)
		return mon_fail(drv, "add", status);
	if (!WDC_TraceStatus(drv, &st) &&
	    (!(st.dwFlags & WDC_TRACE_ON) || o->level > st.dwLevel ||
	     !(o->sections & st.dwSections)))
		fprintf(stderr, "wddebug: add: note: the trace filter did not keep the record (see wddebug status)\n");
	return MON_EXIT_OK;
}

/* ---- dump -------------------------------------------------------------- */

struct mon_dump {
	FILE *out;
	struct mon_fmt fmt;
	uint64_t shown;
	bool count_reached;
};

static uint64_t mon_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void mon_dump_header(struct mon_dump *d, WDC_DRIVER_HANDLE drv,
			    const WDC_TRACE_STATUS *st)
{
	char line[MON_LINE_MAX], ver[64] = "?", when[64] = "";
	struct utsname u;
	uint32_t abi = 0;
	time_t now = time(NULL);
	struct tm tm;

	if (d->fmt.json)
		return;
	WDC_GetAgentVersion(drv, &abi, ver, sizeof(ver));
	if (uname(&u))
		memset(&u, 0, sizeof(u));
	if (localtime_r(&now, &tm))
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S %z", &tm);
	fprintf(d->out, "# wddebug %s, kagent %s (ABI %u.%u), %s %s %s, %s\n",
		WDKIT_VERSION, ver, abi >> 16, abi & 0xffff, u.sysname,
		u.release, u.machine, when);
	fprintf(d->out, "# ");
	mon_print_filter(d->out, "trace ", st);
	mon_format_columns(&d->fmt, line, sizeof(line));
	fputs(line, d->out);
}

/* Show the records that pass the filter; false once --count is reached. */
static bool mon_dump_records(struct mon_dump *d, const struct mon_opts *o,
			     const WDC_TRACE_RECORD *recs, uint32_t n)
{
	char line[MON_LINE_MAX];
	uint32_t i;

	for (i = 0; i < n; i++) {
		if (!mon_filter_match(&o->filter, &recs[i]))
			continue;
		mon_format_record(&d->fmt, &recs[i], line, sizeof(line));
		fputs(line, d->out);
		if (recs[i].fLost)
			continue;
		d->shown++;
		if (o->count && d->shown >= o->count) {
			d->count_reached = true;
			return false;
		}
	}
	return true;
}

/*
 * A signalfd for the signals that end a dump (blocked from now on).
 * SIGINT and SIGTERM end it even when inherited as ignored (a shell
 * starts background jobs so); SIGHUP only when not ignored (nohup).
 */
static int mon_stop_signals(void)
{
	struct sigaction sa;
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	if (!sigaction(SIGHUP, NULL, &sa) && sa.sa_handler != SIG_IGN)
		sigaddset(&set, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &set, NULL))
		return -1;
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	return signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

/* Did the terminal send a line (Enter) or end?  Consumes what it sent. */
static bool mon_stdin_says_stop(void)
{
	char buf[256];
	ssize_t n = read(STDIN_FILENO, buf, sizeof(buf));

	if (n > 0)
		return memchr(buf, '\n', (size_t)n) != NULL;
	return n == 0 || (errno != EAGAIN && errno != EINTR);
}

static int mon_dump(WDC_DRIVER_HANDLE drv, const struct mon_opts *o)
{
	WDC_TRACE_RECORD *recs = NULL;
	WDC_TRACE_READER reader = NULL;
	struct mon_dump d = { 0 };
	WDC_TRACE_STATUS st;
	WDC_STATUS status;
	struct pollfd pfd[3];
	uint64_t deadline = 0;
	bool watch_stdin, timed_out = false;
	int sigfd = -1, ret = MON_EXIT_OK, nfd, ms;
	uint32_t n;

	status = WDC_TraceStatus(drv, &st);
	if (status)
		return mon_fail(drv, "dump", status);
	d.out = stdout;
	if (o->file) {
		d.out = fopen(o->file, "w");
		if (!d.out) {
			fprintf(stderr, "wddebug: dump: cannot create %s: %s\n",
				o->file, strerror(errno));
			return MON_EXIT_FAIL;
		}
	}
	d.fmt.json = o->json;
	d.fmt.show_time = o->clock == MON_CLOCK_AGENT ?
			  !!(st.dwFlags & WDC_TRACE_CLOCK) :
			  o->clock != MON_CLOCK_OFF;
	d.fmt.abs_time = o->clock == MON_CLOCK_ABS;
	d.fmt.show_section = st.dwFlags & WDC_TRACE_SECT_INFO;
	d.fmt.clock_base_ns = st.qwClockBaseNs;
	d.fmt.color = !o->json && d.out == stdout &&
		      (o->color == MON_COLOR_ALWAYS ||
		       (o->color == MON_COLOR_AUTO && isatty(STDOUT_FILENO) &&
			!getenv("NO_COLOR")));
	if (!(st.dwFlags & WDC_TRACE_ON))
		fprintf(stderr, "wddebug: dump: note: the trace is off (wddebug on): no new records will come\n");

	recs = calloc(MON_BATCH, sizeof(*recs));
	if (!recs) {
		fprintf(stderr, "wddebug: dump: out of memory\n");
		ret = MON_EXIT_FAIL;
		goto out;
	}
	status = WDC_TraceReaderOpen(drv, o->new_only ? WDC_TRACE_READ_NEW : 0,
				     &reader);
	if (status) {
		ret = mon_fail(drv, "dump", status);
		goto out;
	}
	sigfd = mon_stop_signals();
	if (sigfd < 0) {
		fprintf(stderr, "wddebug: dump: cannot catch signals: %s\n",
			strerror(errno));
		ret = MON_EXIT_FAIL;
		goto out;
	}
	watch_stdin = isatty(STDIN_FILENO);
	if (o->timeout_ms)
		deadline = mon_now_ms() + o->timeout_ms;
	mon_dump_header(&d, drv, &st);

	for (;;) {
		status = WDC_TraceRead(reader, recs, MON_BATCH, &n, 0);
		if (status) {
			ret = mon_fail(drv, "dump", status);
			break;
		}
		if (!mon_dump_records(&d, o, recs, n))
			break;
		if (n)
			continue;
		fflush(d.out);
		if (!o->follow)
			break;
		ms = -1;
		if (deadline) {
			uint64_t now = mon_now_ms();

			if (now >= deadline) {
				timed_out = true;
				break;
			}
			ms = deadline - now > 60000 ? 60000 : (int)(deadline - now);
		}
		pfd[0] = (struct pollfd){ .fd = WDC_TraceReaderFd(reader),
					  .events = POLLIN };
		pfd[1] = (struct pollfd){ .fd = sigfd, .events = POLLIN };
		pfd[2] = (struct pollfd){ .fd = STDIN_FILENO, .events = POLLIN };
		nfd = watch_stdin ? 3 : 2;
		if (poll(pfd, (nfds_t)nfd, ms) < 0 && errno != EINTR) {
			fprintf(stderr, "wddebug: dump: poll: %s\n",
				strerror(errno));
			ret = MON_EXIT_FAIL;
			break;
		}
		if (pfd[1].revents)
			break;		/* Ctrl-C, kill, hangup */
		if (watch_stdin && pfd[2].revents && mon_stdin_says_stop())
			break;
	}
	if (timed_out && o->count && !d.count_reached) {
		fprintf(stderr, "wddebug: dump: timed out after %" PRIu64 " of %" PRIu64 " records\n",
			d.shown, o->count);
		ret = MON_EXIT_FAIL;
	}
out:
	if (reader)
		WDC_TraceReaderClose(reader);
	if (sigfd >= 0)
		close(sigfd);
	free(recs);
	if (fflush(d.out) || ferror(d.out)) {
		fprintf(stderr, "wddebug: dump: write error\n");
		ret = MON_EXIT_FAIL;
	}
	if (d.out != stdout && fclose(d.out)) {
		fprintf(stderr, "wddebug: dump: cannot write %s\n", o->file);
		ret = MON_EXIT_FAIL;
	}
	return ret;
}

/* ---- settings ---------------------------------------------------------- */

static int mon_settings(WDC_DRIVER_HANDLE drv, const struct mon_opts *o)
{
	const char *name = o->cmd->name;
	WDC_TRACE_STATUS st;
	WDC_STATUS status;

	switch (o->cmd->id) {
	case MON_CMD_ON:
		status = WDC_TraceOn(drv, o->level, o->sections);
		break;
	case MON_CMD_OFF:
		status = WDC_TraceOff(drv);
		break;
	case MON_CMD_CLEAR:
		status = WDC_TraceClear(drv);
		break;
	case MON_CMD_SIZE:
		status = WDC_TraceSetSize(drv, o->size);
		break;
	case MON_CMD_DBG_ON:
		status = WDC_TraceSetFlags(drv, WDC_TRACE_DBG, 0);
		break;
	case MON_CMD_DBG_OFF:
		status = WDC_TraceSetFlags(drv, 0, WDC_TRACE_DBG);
		break;
	case MON_CMD_CLOCK_ON:
		status = WDC_TraceSetFlags(drv, WDC_TRACE_CLOCK, 0);
		break;
	case MON_CMD_CLOCK_OFF:
		status = WDC_TraceSetFlags(drv, 0, WDC_TRACE_CLOCK);
		break;
	case MON_CMD_CLOCK_RESET:
		status = WDC_TraceClockReset(drv);
		break;
	case MON_CMD_SECT_INFO_ON:
		status = WDC_TraceSetFlags(drv, WDC_TRACE_SECT_INFO, 0);
		break;
	case MON_CMD_SECT_INFO_OFF:
		status = WDC_TraceSetFlags(drv, 0, WDC_TRACE_SECT_INFO);
		break;
	default:
		return MON_EXIT_FAIL;
	}
	if (status)
		return mon_fail(drv, name, status);
	status = WDC_TraceStatus(drv, &st);
	if (status)
		return mon_fail(drv, name, status);
	switch (o->cmd->id) {
	case MON_CMD_ON:
	case MON_CMD_OFF:
		mon_print_filter(stdout, "Debug Monitor ", &st);
		break;
	case MON_CMD_CLEAR:
	case MON_CMD_SIZE:
		printf("trace buffer: %u records, %u used\n", st.dwSize,
		       st.dwUsed);
		break;
	case MON_CMD_DBG_ON:
	case MON_CMD_DBG_OFF:
		printf("copy to the kernel log: %s\n",
		       st.dwFlags & WDC_TRACE_DBG ? "on" : "off");
		break;
	case MON_CMD_CLOCK_ON:
	case MON_CMD_CLOCK_OFF:
	case MON_CMD_CLOCK_RESET:
		printf("timestamps: %s, relative to %" PRIu64 ".%06" PRIu64 " s after boot\n",
		       st.dwFlags & WDC_TRACE_CLOCK ? "on" : "off",
		       st.qwClockBaseNs / 1000000000,
		       st.qwClockBaseNs % 1000000000 / 1000);
		break;
	default:
		printf("sections: %s\n",
		       st.dwFlags & WDC_TRACE_SECT_INFO ? "shown" : "hidden");
		break;
	}
	return MON_EXIT_OK;
}

int mon_run(const struct mon_opts *o)
{
	char err[WDC_ERR_STR_LEN];
	WDC_DRIVER_HANDLE drv;
	WDC_STATUS status;
	int ret;

	status = WDC_DriverOpenEx(&drv, o->agent_path, WDC_DRV_OPEN_DEFAULT,
				  err, sizeof(err));
	if (status) {
		fprintf(stderr, "wddebug: %s\n", err);
		return mon_exit_for(status);
	}
	switch (o->cmd->id) {
	case MON_CMD_STATUS:
		ret = mon_status(drv, o);
		break;
	case MON_CMD_DUMP:
		ret = mon_dump(drv, o);
		break;
	case MON_CMD_ADD:
		ret = mon_add(drv, o);
		break;
	default:
		ret = mon_settings(drv, o);
		break;
	}
	WDC_DriverClose(drv);
	return ret;
}

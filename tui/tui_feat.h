/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * tui_feat.h - the argument syntaxes of the interrupt and Kernel PlugIn
 * commands (acknowledge transfer lists, message payloads, plugin open
 * data) and the interrupt counters the handler thread and the views share.
 * Pure functions and plain data: unit-tested on the host.
 */
#ifndef TUI_FEAT_H
#define TUI_FEAT_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <wdc/wdc_lib.h>

/* Most acknowledge commands in ack=. */
#define TUI_ACK_MAX 16u
/* Largest kp call buffer. */
#define TUI_KP_BUF_MAX 4096u
/* Latency histogram buckets: <1us, <10us, <100us, <1ms, <10ms, more. */
#define TUI_LAT_BUCKETS 6

/*
 * Parse an acknowledge list: "edu" (RM_DWORD 0:0x24, CMD_MASK 0xffffffff,
 * CMD_WRITE_LAST_READ 0:0x64), "none", or comma-separated commands
 * "R32:BAR:OFF", "R16:..", "R8:..", "R64:..", "W32:BAR:OFF:VAL" (and
 * W8/W16/W64), "MASK:VAL", "WLAST:BAR:OFF".  Return: 0 and *@n, or -1
 * with a reason in @err.
 */
int tui_parse_ack(const char *s, WDC_TRANSFER *cmds, uint32_t max,
		  uint32_t *n, char *err, size_t errlen);

/*
 * Parse a kp call payload: @hex ("0a000000", may be NULL) or @u32
 * ("10,0": little-endian 32-bit words, may be NULL), not both; then pad
 * with zeros to @out bytes (0: no padding).  Return: 0 and *@len, or -1
 * with a reason in @err.
 */
int tui_parse_payload(const char *hex, const char *u32, uint64_t out,
		      uint8_t *buf, size_t cap, size_t *len, char *err,
		      size_t errlen);

/* Interrupt counters of the open device (locked: the handler thread). */
struct tui_intr {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool enabled;
	bool kp;		/* through the Kernel PlugIn */
	bool thread;		/* a handler thread counts (else int wait) */
	bool stopped;		/* the agent stopped them */
	uint32_t type;		/* INTERRUPT_* */
	uint32_t nack;		/* acknowledge commands */
	uint64_t count;		/* qwCounter of the last report */
	uint64_t lost;		/* sum of dwLost */
	uint64_t wakes;		/* reports accounted */
	uint32_t vector;	/* of the last interrupt */
	uint64_t lat_last, lat_min, lat_max;	/* ns; 0: none yet */
	uint64_t hist[TUI_LAT_BUCKETS];
	uint64_t rate_count, rate_ns;	/* rate sample: count and time */
	double rate;		/* interrupts per second */
};

void tui_intr_init(struct tui_intr *s);
void tui_intr_destroy(struct tui_intr *s);
/* Forget the counters (a new enable); the caller holds the lock. */
void tui_intr_reset(struct tui_intr *s);
/* Add one report; the caller holds the lock. */
void tui_intr_account(struct tui_intr *s, const WDC_INT_RESULT *r);
/* Update the rate at CLOCK_MONOTONIC @now_ns; the caller holds the lock. */
void tui_intr_rate(struct tui_intr *s, uint64_t now_ns);
/* The histogram bucket's label ("<1us", ..., ">=10ms"). */
const char *tui_lat_bucket_name(int i);

/*
 * The open data for Kernel PlugIn @name: for KP_PCI a KP_PCI_OPEN_DATA in
 * @kp_pci pointing at @str; for any other plugin @str itself (a
 * NUL-terminated string), or NULL without @str.
 */
void *tui_kp_open_data(const char *name, const char *str, void *kp_pci,
		       size_t kp_pci_len);
/* Room tui_kp_open_data() needs for @kp_pci. */
#define TUI_KP_OPEN_DATA_MAX 32u

#endif /* TUI_FEAT_H */

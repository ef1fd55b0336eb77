/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kagent_trace.h - the in-kernel API through which Kernel PlugIns and other
 * modules write records into kagent's Debug Monitor trace buffer.
 *
 * Usage, in a module that depends on kagent.ko:
 *
 *	#include <wdc/kagent_trace.h>
 *
 *	KAGENT_TRACE(KAG_TRACE_LEVEL_INFO, KAG_TRACE_S_KER_PLUG, pdev,
 *		     "status %#x after reset", status);
 *
 * KAGENT_TRACE() records the module's name (KBUILD_MODNAME) as the source.
 * Every call may be made from any context except NMI: process context,
 * softirq, and hard IRQ context (a KP_IntAtIrql handler, an hrtimer in
 * hard mode, irq_work), with or without spinlocks held.  It never sleeps
 * and never allocates.
 *
 * Cost: while the Debug Monitor is off, KAGENT_TRACE() is a single
 * patched-out jump (a static key): its arguments are not even evaluated.
 * While it is on, records the filter drops cost a function call and no
 * formatting.  A kept record costs one vsnprintf() and a copy into the
 * buffer under a raw spinlock (interrupts off for the copy only).
 */
#ifndef WDC_KAGENT_TRACE_H
#define WDC_KAGENT_TRACE_H

#include <linux/compiler.h>
#include <linux/jump_label.h>
#include <linux/stdarg.h>
#include <linux/types.h>

#include <wdc/kagent_uapi.h>	/* KAG_TRACE_LEVEL_*, KAG_TRACE_S_* */

struct pci_dev;

/* Enabled while the Debug Monitor is on; only kagent changes it. */
DECLARE_STATIC_KEY_FALSE(kagent_trace_key);

/**
 * kagent_trace_wants() - would a record of @level and @section be kept?
 * @level: KAG_TRACE_LEVEL_ERROR..KAG_TRACE_LEVEL_TRACE.
 * @section: one or more KAG_TRACE_S_* bits.
 *
 * Context: any but NMI.
 * Return: true when the trace is on, @level is at most the filter's level
 * and @section shares a bit with the filter's sections.
 */
bool kagent_trace_wants(u32 level, u32 section);

/**
 * kagent_trace_printf() - add a record to the trace buffer.
 * @source: who writes it, e.g. the module or plugin name (at most 31
 *	characters are kept); NULL gives "plugin".
 * @level: KAG_TRACE_LEVEL_ERROR..KAG_TRACE_LEVEL_TRACE.
 * @section: one or more KAG_TRACE_S_* bits.
 * @pdev: the device the record is about, or NULL.
 * @fmt: printf format of the message (at most 255 characters are kept; a
 *	trailing newline is dropped).
 *
 * The record gets the next sequence number, a CLOCK_MONOTONIC timestamp,
 * the CPU, and the current process (or the interrupt context).  Records
 * the filter does not want are dropped before formatting.
 *
 * Context: any but NMI; never sleeps.
 */
__printf(5, 6)
void kagent_trace_printf(const char *source, u32 level, u32 section,
			 const struct pci_dev *pdev, const char *fmt, ...);

/**
 * kagent_trace_vprintf() - kagent_trace_printf() with a va_list.
 * @source: as kagent_trace_printf().
 * @level: as kagent_trace_printf().
 * @section: as kagent_trace_printf().
 * @pdev: as kagent_trace_printf().
 * @fmt: as kagent_trace_printf().
 * @args: the arguments of @fmt.
 *
 * Context: any but NMI; never sleeps.
 */
__printf(5, 0)
void kagent_trace_vprintf(const char *source, u32 level, u32 section,
			  const struct pci_dev *pdev, const char *fmt,
			  va_list args);

/* Is the Debug Monitor on at all?  A patched jump, for guarding work. */
static __always_inline bool kagent_trace_active(void)
{
	return static_branch_unlikely(&kagent_trace_key);
}

/*
 * KAGENT_TRACE() - record a message with this module's name as source.
 * Arguments as kagent_trace_printf() without @source.
 */
#define KAGENT_TRACE(level, section, pdev, fmt, ...)			\
	do {								\
		if (kagent_trace_active())				\
			kagent_trace_printf(KBUILD_MODNAME, level,	\
					    section, pdev, fmt,		\
					    ##__VA_ARGS__);		\
	} while (0)

#endif /* WDC_KAGENT_TRACE_H */

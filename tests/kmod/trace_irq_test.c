// SPDX-License-Identifier: GPL-2.0
/*
 * trace_irq_test.c - test-only module: writes kagent trace records from
 * hard IRQ context through the exported plugin API, to prove that
 * KAGENT_TRACE() is safe there.  At load it runs an hrtimer in hard IRQ
 * mode that fires @count times, each time recording "hard IRQ record I of
 * N"; insmod returns once all of them are written.  With @vendor/@device
 * set, the records name the first such PCI device.
 */
#include <linux/completion.h>
#include <linux/hrtimer.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/pci.h>

#include <wdc/kagent_trace.h>

static unsigned int count = 100;
module_param(count, uint, 0444);
MODULE_PARM_DESC(count, "records to write from hard IRQ context (1..100000)");
static unsigned int vendor;
module_param(vendor, uint, 0444);
MODULE_PARM_DESC(vendor, "PCI vendor ID of the device the records name (0: none)");
static unsigned int device;
module_param(device, uint, 0444);
MODULE_PARM_DESC(device, "PCI device ID of that device");

static struct hrtimer tit_timer;
static struct pci_dev *tit_pdev;
static unsigned int tit_fired;
static unsigned int tit_not_hardirq;
static DECLARE_COMPLETION(tit_done);

static enum hrtimer_restart tit_fire(struct hrtimer *t)
{
	tit_fired++;
	if (!in_hardirq())
		tit_not_hardirq++;
	KAGENT_TRACE(KAG_TRACE_LEVEL_INFO, KAG_TRACE_S_KER_PLUG, tit_pdev,
		     "hard IRQ record %u of %u", tit_fired, count);
	if (tit_fired >= count) {
		complete(&tit_done);
		return HRTIMER_NORESTART;
	}
	hrtimer_forward_now(t, ns_to_ktime(20 * NSEC_PER_USEC));
	return HRTIMER_RESTART;
}

static int __init tit_init(void)
{
	if (!count || count > 100000)
		return -EINVAL;
	if (vendor)
		tit_pdev = pci_get_device(vendor, device, NULL);
	hrtimer_init(&tit_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	tit_timer.function = tit_fire;
	hrtimer_start(&tit_timer, ns_to_ktime(20 * NSEC_PER_USEC),
		      HRTIMER_MODE_REL_HARD);
	wait_for_completion(&tit_done);
	if (tit_not_hardirq) {
		/* The test would prove nothing: refuse to load. */
		pci_dev_put(tit_pdev);
		return -EIO;
	}
	return 0;
}

static void __exit tit_exit(void)
{
	hrtimer_cancel(&tit_timer);
	pci_dev_put(tit_pdev);
}

module_init(tit_init);
module_exit(tit_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("wdkit developers");
MODULE_DESCRIPTION("wdkit test: kagent trace records from hard IRQ context");

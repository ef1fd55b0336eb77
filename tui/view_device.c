// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * view_device.c - the device view: what the open device is, its BAR
 * table, and the state of its interrupts and Kernel PlugIn.
 */
#include "tui_app.h"

#include <stdio.h>
#include <string.h>

#include "tui_util.h"

/* The next implemented BAR from @from in direction @dir, or -1. */
static int tui_next_bar(const struct tui_app *app, int from, int dir)
{
	int b;

	for (b = from; b >= 0 && b < WDC_PCI_NUM_BARS; b += dir)
		if (tui_model_bar_size(app->m, (uint32_t)b))
			return b;
	return -1;
}

static void tui_device_enter(struct tui_app *app)
{
	if (app->dv.bar < 0 || !tui_model_bar_size(app->m, (uint32_t)app->dv.bar))
		app->dv.bar = tui_next_bar(app, 0, 1);
}

static void tui_device_draw(struct tui_app *app, struct tui_screen *scr,
			    struct tui_rect r)
{
	const struct tui_model *m = app->m;
	const WDC_PCI_DEVICE_INFO *info;
	const struct tui_pcidev *d;
	const WDC_ADDR_DESC *a;
	char size[24];
	int y = r.y, b;

	if (!m->open) {
		tui_scr_put(scr, y + 1, 2, TUI_A_NORMAL, "No device is open.");
		tui_scr_put(scr, y + 3, 2, TUI_A_DIM, "Pick one in the device "
			    "list (d) and press Enter, or type :open DEV.");
		return;
	}
	info = &m->open->info;
	d = tui_model_dev(m, &info->pciSlot);
	tui_scr_fill(scr, y, 0, r.cols, TUI_A_HEADER, ' ');
	tui_scr_printf(scr, y++, 1, TUI_A_HEADER, "%s  %04x:%04x  %s",
		       m->open->bdf, info->pciId.dwVendorId,
		       info->pciId.dwDeviceId, d ? d->device_name : "");
	tui_scr_printf(scr, y++, 1, TUI_A_NORMAL,
		       "%s, class 0x%06x %s, rev 0x%02x",
		       d ? d->vendor_name : "?", info->dwClassCode,
		       d ? d->class_name : "", info->bRevision);
	tui_scr_printf(scr, y++, 1, TUI_A_NORMAL,
		       "subsystem %04x:%04x  config space %u bytes  PCI Express %s",
		       info->dwSubVendorId, info->dwSubDeviceId,
		       info->dwCfgSize, info->fPciExpress ? "yes" : "no");
	tui_scr_printf(scr, y++, 1, TUI_A_NORMAL,
		       "INTx %s%c (IRQ %u)  MSI %u vector%s  MSI-X %u vector%s",
		       info->bIrqPin ? "pin INT" : "none",
		       info->bIrqPin ? 'A' + info->bIrqPin - 1 : ' ',
		       info->dwIrqLine, info->fMsi ? info->dwMsiVectors : 0,
		       info->fMsi && info->dwMsiVectors == 1 ? "" : "s",
		       info->fMsix ? info->dwMsixVectors : 0,
		       info->fMsix && info->dwMsixVectors == 1 ? "" : "s");
	y++;
	tui_scr_fill(scr, y, 0, r.cols, TUI_A_HEADER, ' ');
	tui_scr_put(scr, y++, 1, TUI_A_HEADER,
		    "BAR  Type    Start               Size        Access");
	for (b = 0; b < WDC_PCI_NUM_BARS; b++, y++) {
		a = &info->addrDesc[b];
		if (!a->qwBytes) {
			tui_scr_printf(scr, y, 1, TUI_A_DIM, " %d   -", b);
			continue;
		}
		tui_fmt_size(a->qwBytes, size, sizeof(size));
		tui_scr_printf(scr, y, 0,
			       b == app->dv.bar ? TUI_A_SELECTED : TUI_A_NORMAL,
			       "  %d   %-7s 0x%016llx  %-11s %s", b,
			       tui_bar_type((a->fIsMemory ? 0 : TUI_BAR_IO) |
					    (a->f64Bit ? TUI_BAR_64 : 0) |
					    (a->fPrefetchable ? TUI_BAR_PREF : 0)),
			       (unsigned long long)a->qwStart, size,
			       a->pUserDirectMemAddr ?
				       "mapped: direct loads/stores" :
				       "through the agent (ioctl)");
		if (b == app->dv.bar)
			tui_scr_set_attr(scr, y, 0, r.cols, TUI_A_SELECTED);
	}
	y++;
	tui_scr_put(scr, y, 1, TUI_A_NORMAL, "Interrupts:");
	pthread_mutex_lock(&m->open->intr.lock);
	if (m->open->intr.enabled)
		tui_scr_printf(scr, y++, 16, TUI_A_NORMAL, "%s%s, %llu so far "
			       "(i: the interrupts screen)",
			       WDC_IntType2Str(m->open->intr.type),
			       m->open->intr.kp ? ", Kernel PlugIn" : "",
			       (unsigned long long)m->open->intr.count);
	else
		tui_scr_put(scr, y++, 16, TUI_A_NORMAL, "disabled (i: the "
			    "interrupts screen)");
	pthread_mutex_unlock(&m->open->intr.lock);
	tui_scr_put(scr, y, 1, TUI_A_NORMAL, "Kernel PlugIn:");
	if (m->open->kp_name[0])
		tui_scr_put(scr, y, 16, TUI_A_NORMAL, m->open->kp_name);
	else
		tui_scr_put(scr, y, 16, TUI_A_NORMAL, "none (k: Kernel PlugIn)");
	y += 2;
	if (y < r.y + r.rows)
		tui_scr_put(scr, y, 1, TUI_A_DIM, "Enter: access the selected "
			    "BAR   c: config space   x: close the device");
}

static bool tui_device_action(struct tui_app *app, enum tui_action act)
{
	int b;

	switch (act) {
	case TUI_ACT_UP:
	case TUI_ACT_DOWN:
		b = tui_next_bar(app, app->dv.bar + (act == TUI_ACT_UP ? -1 : 1),
				 act == TUI_ACT_UP ? -1 : 1);
		if (b >= 0)
			app->dv.bar = b;
		return true;
	case TUI_ACT_TOP:
	case TUI_ACT_PGUP:
		b = tui_next_bar(app, 0, 1);
		if (b >= 0)
			app->dv.bar = b;
		return true;
	case TUI_ACT_BOTTOM:
	case TUI_ACT_PGDN:
		b = tui_next_bar(app, WDC_PCI_NUM_BARS - 1, -1);
		if (b >= 0)
			app->dv.bar = b;
		return true;
	case TUI_ACT_BAR_OPEN:
		if (!app->m->open)
			tui_app_status(app, true, "No device is open.");
		else if (app->dv.bar < 0)
			tui_app_status(app, true, "The device has no BARs.");
		else {
			tui_bar_reset(app, (uint32_t)app->dv.bar, 0);
			tui_app_show(app, TUI_VIEW_BAR);
		}
		return true;
	case TUI_ACT_CLOSE:
		tui_app_run(app, "close");
		return true;
	default:
		return false;
	}
}

const struct tui_view tui_view_device = {
	.title = "Device",
	.ctx = TUI_CTX_DEVICE,
	.list = true,
	.enter = tui_device_enter,
	.draw = tui_device_draw,
	.action = tui_device_action,
};

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * view_devlist.c - the device list screen: every PCI function with its
 * address, IDs, class, driver and names; filter, search, and the details
 * of the selected one (BARs, IRQ, what opening it needs).
 */
#include "tui_app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_util.h"

static bool tui_dev_matches(const struct tui_pcidev *d, const char *text)
{
	char ids[16];

	snprintf(ids, sizeof(ids), "%04x:%04x", d->vendor, d->device);
	return tui_str_contains(d->bdf, text) || tui_str_contains(ids, text) ||
	       tui_str_contains(d->vendor_name, text) ||
	       tui_str_contains(d->device_name, text) ||
	       tui_str_contains(d->class_name, text) ||
	       tui_str_contains(d->driver, text);
}

/* Remember the selected device by address: indexes change on a rescan. */
static void tui_devlist_remember(struct tui_app *app)
{
	struct tui_devlist_state *s = &app->dl;

	s->has_sel = s->sel < s->n;
	if (s->has_sel)
		s->sel_slot = app->m->devs[s->idx[s->sel]].slot;
}

void tui_devlist_rebuild(struct tui_app *app)
{
	struct tui_devlist_state *s = &app->dl;
	const struct tui_model *m = app->m;
	size_t i;

	free(s->idx);
	s->idx = calloc(m->ndevs ? m->ndevs : 1, sizeof(*s->idx));
	s->n = 0;
	if (!s->idx)
		return;
	for (i = 0; i < m->ndevs; i++)
		if (tui_dev_matches(&m->devs[i], s->filter))
			s->idx[s->n++] = i;
	s->sel = 0;
	for (i = 0; s->has_sel && i < s->n; i++)
		if (!memcmp(&m->devs[s->idx[i]].slot, &s->sel_slot,
			    sizeof(s->sel_slot)))
			s->sel = i;
	tui_list_scroll(&s->sel, &s->top, s->n, s->rows);
	tui_devlist_remember(app);
}

static void tui_devlist_enter(struct tui_app *app)
{
	(void)app;
}

/* What opening @d needs, in one line. */
static void tui_open_hint(const struct tui_app *app, const struct tui_pcidev *d,
			  char *buf, size_t len)
{
	const struct tui_model *m = app->m;

	if (tui_model_is_open(m, d))
		snprintf(buf, len, "Open: v device view, b BARs, c config space.");
	else if (m->opts.pci_dump)
		snprintf(buf, len, "From a dump file: c shows its config space; "
			 "nothing can be opened.");
	else if (d->driver[0] && strcmp(d->driver, "kagent"))
		snprintf(buf, len, "Bound to %s: unbind it first (echo %s > "
			 "/sys/bus/pci/drivers/%s/unbind).", d->driver, d->bdf,
			 d->driver);
	else if (!m->drv && m->agent_err[0])
		snprintf(buf, len, "Enter opens it: needs the agent (%s).",
			 m->agent_err);
	else
		snprintf(buf, len, "Enter opens it through the agent; c shows "
			 "its config space.");
}

static void tui_draw_details(struct tui_app *app, struct tui_screen *scr,
			     int y, int cols, const struct tui_pcidev *d)
{
	char line[512], size[24], hint[TUI_ERR_LEN + 64];
	size_t pos = 0;
	int i;

	tui_scr_fill(scr, y, 0, cols, TUI_A_HEADER, ' ');
	tui_scr_printf(scr, y++, 0, TUI_A_HEADER, " %s  %s", d->bdf,
		       d->vendor_name);
	tui_scr_printf(scr, y++, 1, TUI_A_NORMAL, "%s", d->device_name);
	tui_scr_printf(scr, y++, 1, TUI_A_NORMAL,
		       "class 0x%06x %s  rev 0x%02x  subsystem %04x:%04x",
		       d->class_code, d->class_name, d->rev, d->subvendor,
		       d->subdevice);
	tui_scr_printf(scr, y++, 1, TUI_A_NORMAL, "IRQ %d%s%c  driver %s",
		       d->irq, d->irq_pin ? " pin INT" : " (no pin)",
		       d->irq_pin ? 'A' + d->irq_pin - 1 : ' ',
		       d->driver[0] ? d->driver : "none");
	line[0] = '\0';
	for (i = 0; i < WDC_PCI_NUM_BARS; i++) {
		if (!d->bar[i].start && !d->bar[i].size)
			continue;
		if (d->bar[i].size)
			tui_fmt_size(d->bar[i].size, size, sizeof(size));
		else
			snprintf(size, sizeof(size), "size ?");
		tui_sbprintf(line, sizeof(line), &pos, "%sBAR%d %s 0x%llx %s",
			     pos ? "  " : "", i, tui_bar_type(d->bar[i].flags),
			     (unsigned long long)d->bar[i].start, size);
	}
	tui_scr_put(scr, y++, 1, TUI_A_NORMAL, pos ? line : "no BARs");
	tui_open_hint(app, d, hint, sizeof(hint));
	tui_scr_put(scr, y, 1, TUI_A_DIM, hint);
}

static void tui_devlist_draw(struct tui_app *app, struct tui_screen *scr,
			     struct tui_rect r)
{
	struct tui_devlist_state *s = &app->dl;
	const int details = r.rows >= 16 ? 6 : 0;
	const struct tui_pcidev *d;
	char ids[16], heading[160];
	int y, name_w;
	size_t i;

	s->rows = r.rows - 1 - details;
	tui_list_scroll(&s->sel, &s->top, s->n, s->rows);
	if (s->filter[0])
		snprintf(heading, sizeof(heading), "%zu of %zu devices match "
			 "'%s' (f: change the filter)", s->n, app->m->ndevs,
			 s->filter);
	else
		snprintf(heading, sizeof(heading), "Address      IDs       "
			 "Class                Driver       Device");
	tui_scr_fill(scr, r.y, 0, r.cols, TUI_A_HEADER, ' ');
	tui_scr_put(scr, r.y, 1, TUI_A_HEADER, heading);
	name_w = r.cols - 58;
	for (y = 0; y < s->rows && s->top + (size_t)y < s->n; y++) {
		i = s->top + (size_t)y;
		d = &app->m->devs[s->idx[i]];
		snprintf(ids, sizeof(ids), "%04x:%04x", d->vendor, d->device);
		tui_scr_printf(scr, r.y + 1 + y, 0,
			       i == s->sel ? TUI_A_SELECTED : TUI_A_NORMAL,
			       "%c%-12s %-9s %-20.20s %-12.12s %-*.*s%s",
			       tui_model_is_open(app->m, d) ? '*' : ' ', d->bdf,
			       ids, d->class_name, d->driver[0] ? d->driver : "-",
			       name_w > 0 ? name_w : 0, name_w > 0 ? name_w : 0,
			       d->device_name, "");
		if (i == s->sel)
			tui_scr_set_attr(scr, r.y + 1 + y, 0, r.cols,
					 TUI_A_SELECTED);
	}
	if (!s->n)
		tui_scr_put(scr, r.y + 1, 1, TUI_A_DIM, app->m->ndevs ?
			    "No device matches the filter (f, then Enter on an "
			    "empty line, shows all)." : "No PCI devices found.");
	if (details && s->sel < s->n)
		tui_draw_details(app, scr, r.y + r.rows - details, r.cols,
				 &app->m->devs[s->idx[s->sel]]);
}

/* Next device matching the search, after the selection, wrapping. */
static void tui_devlist_find(struct tui_app *app, bool from_next)
{
	struct tui_devlist_state *s = &app->dl;
	size_t k, i;

	if (!s->search[0] || !s->n)
		return;
	for (k = from_next ? 1 : 0; k <= s->n; k++) {
		i = (s->sel + k) % s->n;
		if (tui_dev_matches(&app->m->devs[s->idx[i]], s->search)) {
			s->sel = i;
			tui_devlist_remember(app);
			tui_app_status(app, false, "Found '%s' (n: next).",
				       s->search);
			return;
		}
	}
	tui_app_status(app, true, "'%s' not found.", s->search);
}

/* An empty line searches again for the last text. */
static void tui_accept_search(struct tui_app *app, const char *text)
{
	if (*text)
		snprintf(app->dl.search, sizeof(app->dl.search), "%s", text);
	tui_devlist_find(app, !*text);
}

static void tui_accept_filter(struct tui_app *app, const char *text)
{
	snprintf(app->dl.filter, sizeof(app->dl.filter), "%s", text);
	tui_devlist_rebuild(app);
	tui_app_status(app, false, "%zu of %zu devices shown.", app->dl.n,
		       app->m->ndevs);
}

static bool tui_devlist_do(struct tui_app *app, enum tui_action act)
{
	struct tui_devlist_state *s = &app->dl;
	struct tui_pcidev *d = tui_app_selected_dev(app);

	if (tui_list_move(act, &s->sel, s->n, s->rows))
		return true;
	switch (act) {
	case TUI_ACT_OPEN:
		if (d)
			tui_app_run(app, "open %s", d->bdf);
		return true;
	case TUI_ACT_SEARCH:
		tui_app_prompt(app, "Search: ", "", tui_accept_search);
		return true;
	case TUI_ACT_SEARCH_NEXT:
		tui_devlist_find(app, true);
		return true;
	case TUI_ACT_FILTER:
		tui_app_prompt(app, "Filter: ", s->filter, tui_accept_filter);
		return true;
	case TUI_ACT_RESCAN:
		tui_app_run(app, "scan");
		return true;
	case TUI_ACT_CONFIG:
		/* The selected device's, open or not. */
		if (!d)
			return false;
		tui_cfg_reset(app, &d->slot, 0);
		tui_app_show(app, TUI_VIEW_CFG);
		return true;
	default:
		return false;
	}
}

static bool tui_devlist_action(struct tui_app *app, enum tui_action act)
{
	bool done = tui_devlist_do(app, act);

	if (app->view == TUI_VIEW_DEVLIST)
		tui_devlist_remember(app);
	return done;
}

const struct tui_view tui_view_devlist = {
	.title = "Devices",
	.ctx = TUI_CTX_DEVLIST,
	.list = true,
	.enter = tui_devlist_enter,
	.draw = tui_devlist_draw,
	.action = tui_devlist_action,
};

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * cmd_dev.c - commands about devices: scan, info, agent, open, close.
 */
#include "tui_cmd.h"

#include <stdlib.h>
#include <string.h>

/* "VVVV", "VVVV:DDDD" or ":DDDD" (hex, as lspci -d): 0 = any. */
static int tui_parse_ids(const char *s, unsigned int *vid, unsigned int *did,
			 struct tui_out *o)
{
	const char *colon = strchr(s, ':');
	char *end;
	unsigned long v;

	*vid = *did = 0;
	if (colon != s) {
		v = strtoul(s, &end, 16);
		if (end == s || end - s > 4 || (*end && end != colon))
			goto bad;
		*vid = (unsigned int)v;
	}
	if (colon) {
		v = strtoul(colon + 1, &end, 16);
		if (end == colon + 1 || end - colon - 1 > 4 || *end)
			goto bad;
		*did = (unsigned int)v;
	}
	return 0;
bad:
	return tui_out_error(o, WD_INVALID_PARAMETER,
			     "bad IDs '%s': give VVVV, VVVV:DDDD or :DDDD (hex)",
			     s);
}

static int tui_run_scan(struct tui_model *m, struct tui_args *a,
			struct tui_out *o)
{
	unsigned int vid = 0, did = 0;
	char *list = NULL, *p;
	size_t i, n = 0;
	WDC_STATUS st;

	if (tui_need_args(a, 0, 1, &tui_cmd_scan, o))
		return -1;
	if (a->argc && tui_parse_ids(a->argv[0], &vid, &did, o))
		return -1;
	st = tui_model_scan(m);
	if (st)
		return tui_out_model_error(o, m);
	/* "7fffffff:ff:1f.7@1234:11e8" is 26 characters, plus a comma. */
	list = calloc(m->ndevs + 1, 28);
	if (!list)
		return tui_out_error(o, WD_INSUFFICIENT_RESOURCES,
				     "out of memory");
	p = list;
	for (i = 0; i < m->ndevs; i++) {
		const struct tui_pcidev *d = &m->devs[i];

		if ((vid && d->vendor != vid) || (did && d->device != did))
			continue;
		p += sprintf(p, "%s%s@%04x:%04x", n ? "," : "", d->bdf,
			     d->vendor, d->device);
		n++;
	}
	tui_out_kv(o, "count", "%zu", n);
	tui_out_kv(o, "devices", "%s", n ? list : "-");
	free(list);
	o->focus = TUI_FOCUS_DEVLIST;
	return 0;
}

const struct tui_cmd tui_cmd_scan = {
	"scan", "[VID[:DID]]",
	"Rescan the bus; list devices (hex IDs)",
	tui_run_scan, NULL
};

static int tui_run_info(struct tui_model *m, struct tui_args *a,
			struct tui_out *o)
{
	struct tui_pcidev *d;

	if (tui_need_args(a, 0, 1, &tui_cmd_info, o))
		return -1;
	if (a->argc) {
		if (tui_arg_dev(m, a->argv[0], &d, o))
			return -1;
	} else {
		if (tui_model_need_open(m))
			return tui_out_model_error(o, m);
		d = tui_model_dev(m, &m->open->info.pciSlot);
		if (!d)
			return tui_out_error(o, WD_DEVICE_NOT_FOUND,
					     "the open device %s is not in the "
					     "device list (rescan)", m->open->bdf);
	}
	tui_out_kv(o, "dev", "%s", d->bdf);
	tui_out_kv(o, "id", "%04x:%04x", d->vendor, d->device);
	if (d->subvendor || d->subdevice)
		tui_out_kv(o, "subsys", "%04x:%04x", d->subvendor, d->subdevice);
	else
		tui_out_kv(o, "subsys", "-");
	tui_out_kv(o, "class", "0x%06x", d->class_code);
	tui_out_kv(o, "rev", "0x%02x", d->rev);
	tui_out_kv(o, "hdr", "%u", d->hdr_type);
	tui_out_kv(o, "driver", "%s", d->driver[0] ? d->driver : "-");
	tui_out_kv(o, "irq", "%d", d->irq);
	tui_out_kv(o, "open", "%s", tui_model_is_open(m, d) ? "yes" : "no");
	tui_out_kv(o, "vendor_name", "%s", d->vendor_name);
	tui_out_kv(o, "device_name", "%s", d->device_name);
	tui_out_kv(o, "class_name", "%s", d->class_name);
	tui_out_bars(o, d->bar);
	return 0;
}

const struct tui_cmd tui_cmd_info = {
	"info", "[DEV]",
	"Describe a device (default: the open one)",
	tui_run_info, NULL
};

static int tui_run_agent(struct tui_model *m, struct tui_args *a,
			 struct tui_out *o)
{
	uint32_t abi, lib = WDC_LibAbiVersion();
	char ver[40];

	if (tui_need_args(a, 0, 0, &tui_cmd_agent, o))
		return -1;
	if (tui_model_agent(m))
		return tui_out_model_error(o, m);
	if (WDC_GetAgentVersion(m->drv, &abi, ver, sizeof(ver)))
		return tui_out_error(o, WD_SYSTEM_INTERNAL_ERROR,
				     "cannot read the agent's version");
	tui_out_kv(o, "path", "%s", m->opts.agent_path ? m->opts.agent_path :
							 WDC_KAGENT_DEFAULT_PATH);
	tui_out_kv(o, "version", "%s", ver);
	tui_out_kv(o, "abi", "%u.%u", abi >> 16, abi & 0xffff);
	tui_out_kv(o, "lib_abi", "%u.%u", lib >> 16, lib & 0xffff);
	return 0;
}

const struct tui_cmd tui_cmd_agent = {
	"agent", "",
	"Connect to the agent, show its version",
	tui_run_agent, NULL
};

static int tui_run_open(struct tui_model *m, struct tui_args *a,
			struct tui_out *o)
{
	struct tui_opt opts[] = { { "kp", NULL }, { "data", NULL } };
	struct tui_bar bars[WDC_PCI_NUM_BARS];
	char mapped[32];
	size_t pos = 0;
	struct tui_pcidev *d;
	const WDC_PCI_DEVICE_INFO *info;
	int i;

	if (tui_take_opts(a, opts, 2, o) ||
	    tui_need_args(a, 1, 1, &tui_cmd_open, o) ||
	    tui_arg_dev(m, a->argv[0], &d, o))
		return -1;
	if (opts[1].val && !opts[0].val)
		return tui_out_error(o, WD_INVALID_PARAMETER,
				     "data= is the Kernel PlugIn's open data: "
				     "give kp=NAME too");
	if (tui_model_open(m, &d->slot, opts[0].val, opts[1].val))
		return tui_out_model_error(o, m);
	info = &m->open->info;
	tui_out_kv(o, "dev", "%s", m->open->bdf);
	tui_out_kv(o, "id", "%04x:%04x", info->pciId.dwVendorId,
		   info->pciId.dwDeviceId);
	tui_out_kv(o, "class", "0x%06x", info->dwClassCode);
	tui_out_kv(o, "cfg_size", "%u", info->dwCfgSize);
	tui_out_kv(o, "irq", "%u", info->dwIrqLine);
	tui_out_kv(o, "msi", "%u", info->fMsi ? info->dwMsiVectors : 0);
	tui_out_kv(o, "msix", "%u", info->fMsix ? info->dwMsixVectors : 0);
	tui_out_kv(o, "pcie", "%s", info->fPciExpress ? "yes" : "no");
	mapped[0] = '\0';
	for (i = 0; i < WDC_PCI_NUM_BARS; i++)
		if (info->addrDesc[i].pUserDirectMemAddr)
			tui_sbprintf(mapped, sizeof(mapped), &pos, "%s%d",
				     pos ? "," : "", i);
	tui_out_kv(o, "mapped_bars", "%s", pos ? mapped : "-");
	tui_out_kv(o, "kp", "%s", m->open->kp_name[0] ? m->open->kp_name : "-");
	tui_model_open_bars(m, bars);
	tui_out_bars(o, bars);
	o->focus = TUI_FOCUS_DEVICE;
	return 0;
}

const struct tui_cmd tui_cmd_open = {
	"open", "DEV [kp=NAME [data=STRING]]",
	"Open a device through the agent",
	tui_run_open, NULL
};

static int tui_run_close(struct tui_model *m, struct tui_args *a,
			 struct tui_out *o)
{
	char bdf[WDC_PCI_SLOT_STR_LEN];

	if (tui_need_args(a, 0, 0, &tui_cmd_close, o))
		return -1;
	if (tui_model_need_open(m))
		return tui_out_model_error(o, m);
	memcpy(bdf, m->open->bdf, sizeof(bdf));
	if (tui_model_close(m))
		return tui_out_model_error(o, m);
	tui_out_kv(o, "dev", "%s", bdf);
	o->focus = TUI_FOCUS_DEVLIST;
	return 0;
}

const struct tui_cmd tui_cmd_close = {
	"close", "",
	"Close the open device",
	tui_run_close, NULL
};

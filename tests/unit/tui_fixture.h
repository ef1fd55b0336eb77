/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * tui_fixture.h - shared set-up of wdtui's host unit tests: a model whose
 * device list comes from a captured lspci dump (pciutils' dump back end)
 * with a fixed pci.ids, so no hardware, agent or root is needed.
 */
#ifndef TUI_FIXTURE_H
#define TUI_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_model.h"

/*
 * Path of a file of tests/unit/data (top_srcdir comes from the test
 * harness).  Each name gets its own buffer, alive for the whole run: the
 * model keeps the pointers.
 */
static inline const char *tui_data(const char *name)
{
	static struct {
		char name[64];
		char path[512];
	} slot[8];
	const char *top = getenv("top_srcdir");
	size_t i;

	for (i = 0; i < sizeof(slot) / sizeof(slot[0]); i++) {
		if (!strcmp(slot[i].name, name))
			return slot[i].path;
		if (!slot[i].name[0]) {
			snprintf(slot[i].name, sizeof(slot[i].name), "%s", name);
			snprintf(slot[i].path, sizeof(slot[i].path),
				 "%s/tests/unit/data/%s", top ? top : ".", name);
			return slot[i].path;
		}
	}
	abort();
}

/* A model over dump @name (qemu-pc.lspci, qemu-q35.lspci). */
static inline void tui_fixture_model(struct tui_model *m, const char *name)
{
	struct tui_model_opts o = { NULL, NULL, NULL };

	o.pci_dump = tui_data(name);
	o.pci_ids = tui_data("pci.ids");
	tui_model_init(m, &o);
}

#endif /* TUI_FIXTURE_H */

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * Can netdma drive a device, and, for the whole run, the one-line reason
 * when it can drive none.
 */

#include <stdio.h>
#include <string.h>

#include "disc.h"

#define DISC_REASON_LIST_MAX	4

/* For a device netdma drives: what stands between it and a run. */
static const char *
disc_readiness(const struct disc_device *d)
{
	switch (d->vfio.state) {
	case DISC_VFIO_READY:
		return "; ready (bound to vfio-pci)";
	case DISC_VFIO_BINDABLE:
		return "; bind it to vfio-pci first";
	case DISC_VFIO_UNAVAILABLE:
		return "; vfio cannot take it yet (see vfio)";
	case DISC_VFIO_UNKNOWN:
		break;
	}
	return "";
}

void
disc_verdict_device(struct disc_device *d)
{
	const struct disc_engine *e = d->engine;

	d->driven = false;
	if (e == NULL) {
		snprintf(d->verdict, sizeof(d->verdict),
			"a DMA controller by class (0x%06x), not an engine netdma knows",
			d->class_code);
		return;
	}
	switch (e->support) {
	case DISC_SUPPORT_YES:
		d->driven = true;
		snprintf(d->verdict, sizeof(d->verdict), "%s channel%s",
			e->generation, disc_readiness(d));
		break;
	case DISC_SUPPORT_IF_SIGNED:
		d->driven = d->sig == DISC_SIG_MATCH;
		snprintf(d->verdict, sizeof(d->verdict), "%s%s%s",
			d->driven ? "netdma-emulated CBDMA: " : "", d->sig_detail,
			d->driven ? disc_readiness(d) : "");
		break;
	case DISC_SUPPORT_NO:
		snprintf(d->verdict, sizeof(d->verdict), "%s", e->why_not);
		break;
	}
}

static void
disc_append(char *buf, size_t len, const char *fmt, const char *a,
		const char *b)
{
	size_t used = strlen(buf);

	if (used < len)
		snprintf(buf + used, len - used, fmt, a, b);
}

void
disc_verdict_summary(struct disc_result *res)
{
	char list[320] = "";
	int i, listed = 0;

	res->nb_driven = 0;
	res->nb_ready = 0;
	for (i = 0; i < res->nb_devices; i++) {
		const struct disc_device *d = &res->devices[i];

		if (d->driven)
			res->nb_driven++;
		if (d->driven && d->vfio.state == DISC_VFIO_READY)
			res->nb_ready++;
	}
	res->reason[0] = '\0';
	if (res->nb_driven > 0)
		return;

	if (res->nb_devices == 0) {
		snprintf(res->reason, sizeof(res->reason),
			"no DMA engine found (%d PCI function%s scanned%s%s)",
			res->nb_scanned, res->nb_scanned == 1 ? "" : "s",
			res->opts->dump != NULL ? " in " : "",
			res->opts->dump != NULL ? res->opts->dump : "");
		return;
	}
	for (i = 0; i < res->nb_devices; i++) {
		const struct disc_device *d = &res->devices[i];
		const char *what;

		if (listed == DISC_REASON_LIST_MAX) {
			disc_append(list, sizeof(list), "%s%s", "; ...", "");
			break;
		}
		if (d->sig != DISC_SIG_NA) {
			disc_append(list, sizeof(list), listed ? "; %s %s" : "%s %s",
				d->address, d->engine->kind);
			disc_append(list, sizeof(list), ": %s%s", d->sig_detail, "");
		} else {
			what = d->engine != NULL ? d->engine->generation :
				"unknown DMA controller";
			disc_append(list, sizeof(list), listed ? "; %s %s" : "%s %s",
				d->address, what);
		}
		listed++;
	}
	snprintf(res->reason, sizeof(res->reason),
		"no device netdma can drive: found %d DMA engine%s it does not drive: %s",
		res->nb_devices, res->nb_devices == 1 ? "" : "s", list);
}

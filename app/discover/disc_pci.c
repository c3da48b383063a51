/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * Enumerate PCI functions with libpci, from the live bus or from an
 * `lspci -x` dump, and keep those that are DMA engines: every ID in the
 * known-engines table, and any other function of class 0x0801 (DMA
 * controller).
 */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pci/pci.h>

#include "disc.h"

#define DISC_CLASS_DMA	0x0801	/* base class 08, subclass 01 */

static void __attribute__((noreturn, format(printf, 1, 2)))
disc_pci_error(char *msg, ...)
{
	va_list ap;

	fprintf(stderr, "%s: libpci: ", DISC_PROG);
	va_start(ap, msg);
	vfprintf(stderr, msg, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(DISC_EXIT_ERROR);
}

static void __attribute__((format(printf, 1, 2)))
disc_pci_quiet(char *msg, ...)
{
	(void)msg;
}

static unsigned int
disc_fill_flags(void)
{
	unsigned int flags = PCI_FILL_IDENT | PCI_FILL_CLASS;

#ifdef PCI_FILL_CLASS_EXT
	flags |= PCI_FILL_CLASS_EXT;
#endif
#ifdef PCI_FILL_NUMA_NODE
	flags |= PCI_FILL_NUMA_NODE;
#endif
#ifdef PCI_FILL_IOMMU_GROUP
	flags |= PCI_FILL_IOMMU_GROUP;
#endif
#ifdef PCI_FILL_DRIVER
	flags |= PCI_FILL_DRIVER;
#endif
	return flags;
}

/* What libpci knew; the sysfs pass (disc_sysfs.c) fills the rest. */
static void
disc_take_libpci_fields(struct pci_dev *p, unsigned int known,
		struct disc_device *d)
{
#ifdef PCI_FILL_NUMA_NODE
	if (known & PCI_FILL_NUMA_NODE) {
		d->numa_node = p->numa_node;
		d->numa_known = p->numa_node < 0 ? DISC_NONE : DISC_VALUE;
	}
#endif
#ifdef PCI_FILL_IOMMU_GROUP
	if (known & PCI_FILL_IOMMU_GROUP) {
		const char *s = pci_get_string_property(p, PCI_FILL_IOMMU_GROUP);

		d->iommu_known = s != NULL ? DISC_VALUE : DISC_NONE;
		if (s != NULL)
			snprintf(d->iommu_group, sizeof(d->iommu_group), "%s", s);
	}
#endif
#ifdef PCI_FILL_DRIVER
	/* The field is only marked known when a driver is bound. */
	if (known & PCI_FILL_DRIVER) {
		const char *s = pci_get_string_property(p, PCI_FILL_DRIVER);

		if (s != NULL) {
			const char *slash = strrchr(s, '/');

			snprintf(d->driver, sizeof(d->driver), "%s",
				slash != NULL ? slash + 1 : s);
			d->driver_known = DISC_VALUE;
		}
	}
#endif
}

static void
disc_name(struct pci_access *pacc, struct disc_device *d)
{
	char buf[256];
	const char *n;

	if (d->engine != NULL) {
		snprintf(d->name, sizeof(d->name), "%s", d->engine->name);
		return;
	}
	n = pci_lookup_name(pacc, buf, sizeof(buf),
		PCI_LOOKUP_VENDOR | PCI_LOOKUP_DEVICE | PCI_LOOKUP_NO_NUMBERS,
		d->vendor_id, d->device_id);
	snprintf(d->name, sizeof(d->name), "%s",
		n != NULL ? n : "unknown DMA controller");
}

static int
disc_cmp_addr(const void *a, const void *b)
{
	const struct disc_device *x = a, *y = b;

	if (x->domain != y->domain)
		return x->domain < y->domain ? -1 : 1;
	if (x->bus != y->bus)
		return x->bus < y->bus ? -1 : 1;
	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->func != y->func)
		return x->func < y->func ? -1 : 1;
	return 0;
}

static void
disc_pci_setup(struct pci_access *pacc, const struct disc_result *res)
{
	char path[DISC_PATH_MAX];

	pacc->error = disc_pci_error;
	pacc->warning = disc_pci_quiet;
	pacc->debug = disc_pci_quiet;
	if (res->opts->dump != NULL) {
		pacc->method = PCI_ACCESS_DUMP;
		pci_set_param(pacc, "dump.name", (char *)res->opts->dump);
	} else if (res->opts->sysfs_root != NULL) {
		/* Read the same tree the attributes come from, nothing else. */
		pacc->method = PCI_ACCESS_SYS_BUS_PCI;
		disc_pathf(path, sizeof(path), "%s/bus/pci", res->sysfs);
		pci_set_param(pacc, "sysfs.path", path);
	}
}

int
disc_pci_scan(struct disc_result *res)
{
	struct pci_access *pacc;
	struct pci_dev *p;
	unsigned int flags = disc_fill_flags();
	int cap = 0;

	pacc = pci_alloc();
	if (pacc == NULL) {
		fprintf(stderr, "%s: libpci: out of memory\n", DISC_PROG);
		return -ENOMEM;
	}
	disc_pci_setup(pacc, res);
	pci_init(pacc);
	pci_scan_bus(pacc);

	for (p = pacc->devices; p != NULL; p = p->next) {
		const struct disc_engine *e;
		struct disc_device *d;
		unsigned int known;

		known = pci_fill_info(p, flags);
		res->nb_scanned++;
		if (!(known & PCI_FILL_IDENT) || p->vendor_id == 0xffff)
			continue;
		e = disc_engine_lookup(p->vendor_id, p->device_id);
		if (e == NULL && p->device_class != DISC_CLASS_DMA)
			continue;

		if (res->nb_devices == cap) {
			struct disc_device *n;

			cap = cap ? cap * 2 : 16;
			n = realloc(res->devices, cap * sizeof(*n));
			if (n == NULL) {
				fprintf(stderr, "%s: out of memory\n", DISC_PROG);
				pci_cleanup(pacc);
				return -ENOMEM;
			}
			res->devices = n;
		}
		d = &res->devices[res->nb_devices++];
		memset(d, 0, sizeof(*d));
		d->domain = p->domain;
		d->bus = p->bus;
		d->dev = p->dev;
		d->func = p->func;
		snprintf(d->address, sizeof(d->address), "%04x:%02x:%02x.%u",
			(unsigned int)p->domain, p->bus, p->dev, p->func);
		d->vendor_id = p->vendor_id;
		d->device_id = p->device_id;
		d->class_code = (uint32_t)p->device_class << 8 |
			pci_read_byte(p, PCI_CLASS_PROG);
		d->engine = e;
		d->numa_node = -1;
		disc_take_libpci_fields(p, known, d);
		disc_name(pacc, d);
	}
	pci_cleanup(pacc);

	if (res->nb_devices > 1)
		qsort(res->devices, res->nb_devices, sizeof(res->devices[0]),
			disc_cmp_addr);
	return 0;
}

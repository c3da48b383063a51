/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * The human-readable report.
 */

#include <stdio.h>
#include <string.h>

#include "disc.h"

static const char *
disc_size_str(long kb, char *buf, size_t len)
{
	if (kb >= 1024 * 1024 && kb % (1024 * 1024) == 0)
		snprintf(buf, len, "%ld GiB", kb / (1024 * 1024));
	else if (kb >= 1024 && kb % 1024 == 0)
		snprintf(buf, len, "%ld MiB", kb / 1024);
	else
		snprintf(buf, len, "%ld kB", kb);
	return buf;
}

static void
disc_title(const char *t)
{
	const char *p;

	printf("%s\n", t);
	for (p = t; *p != '\0'; p++)
		putchar('=');
	putchar('\n');
}

static void
disc_text_device(const struct disc_device *d)
{
	const char *unknown = "unknown (no sysfs information)";

	printf("%s  %04x:%04x  %s\n", d->address, d->vendor_id, d->device_id,
		d->name);
	printf("    %-12s %s\n", "generation",
		d->engine != NULL ? d->engine->generation : "-");
	if (d->driver_known == DISC_UNKNOWN) {
		/* Nothing read from sysfs: one line instead of four. */
		printf("    %-12s %s\n", "sysfs", d->vfio.reason);
		goto signature;
	}
	if (d->numa_known == DISC_VALUE)
		printf("    %-12s %d\n", "NUMA node", d->numa_node);
	else
		printf("    %-12s %s\n", "NUMA node",
			d->numa_known == DISC_NONE ? "none" : unknown);
	printf("    %-12s %s\n", "driver",
		d->driver_known == DISC_VALUE ? d->driver :
		d->driver_known == DISC_NONE ? "none" : unknown);
	printf("    %-12s %s\n", "IOMMU group",
		d->iommu_known == DISC_VALUE ? d->iommu_group :
		d->iommu_known == DISC_NONE ? "none" : unknown);
	printf("    %-12s %s: %s\n", "vfio", disc_vfio_state_str(d->vfio.state),
		d->vfio.reason);
signature:
	if (d->sig != DISC_SIG_NA)
		printf("    %-12s %s: %s\n", "signature",
			disc_sig_state_str(d->sig), d->sig_detail);
	printf("    %-12s %s%s%s\n", "netdma", d->driven ? "yes" : "no",
		d->verdict[0] != '\0' ? " -- " : "", d->verdict);
}

static void
disc_text_hugepages(const struct disc_hugepages *h)
{
	char sz[32];
	int i, j;

	disc_title("Hugepages");
	if (!h->reported) {
		printf("not reported: %s\n", h->why_not);
		return;
	}
	if (h->nb_pools == 0) {
		printf("no hugepage pools (kernel without hugetlbfs?)\n");
		return;
	}
	printf("    %-9s %8s %8s  %s\n", "size", "total", "free", "mount");
	for (i = 0; i < h->nb_pools; i++) {
		const struct disc_pool *p = &h->pools[i];

		printf("    %-9s %8ld %8ld  %s\n",
			disc_size_str(p->size_kb, sz, sizeof(sz)), p->total,
			p->free,
			h->mount_source == NULL ? "(not read)" :
			p->mount[0] != '\0' ? p->mount : "(not mounted)");
		for (j = 0; p->nb_nodes > 1 && j < p->nb_nodes; j++)
			printf("      node %-4d %8ld %8ld\n", p->nodes[j].node,
				p->nodes[j].total, p->nodes[j].free);
	}
	if (h->mount_source != NULL) {
		printf("hugetlbfs mounts (pool mounts from %s):", h->mount_source);
		if (h->nb_mounts == 0)
			printf(" none");
		for (i = 0; i < h->nb_mounts; i++)
			printf("%s %s (%s)", i ? "," : "", h->mounts[i].path,
				disc_size_str(h->mounts[i].size_kb, sz, sizeof(sz)));
		putchar('\n');
	}
	for (i = 0; i < h->nb_pools; i++) {
		const struct disc_pool *p = &h->pools[i];

		if (p->total > 0)
			break;
	}
	if (i == h->nb_pools)
		printf("note: no hugepages reserved (e.g. echo 512 > "
			"/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages)\n");
	for (i = 0; h->mount_source != NULL && i < h->nb_pools; i++)
		if (h->pools[i].total > 0 && h->pools[i].mount[0] == '\0')
			printf("note: %s pages are reserved but no hugetlbfs is mounted for them\n",
				disc_size_str(h->pools[i].size_kb, sz, sizeof(sz)));
}

void
disc_report_text(const struct disc_result *res)
{
	char title[DISC_PATH_MAX];
	int i;

	if (res->opts->dump != NULL)
		snprintf(title, sizeof(title), "DMA engines (dump %.200s, ", res->opts->dump);
	else if (res->opts->sysfs_root != NULL)
		snprintf(title, sizeof(title), "DMA engines (sysfs tree %.200s, ",
			res->opts->sysfs_root);
	else
		snprintf(title, sizeof(title), "DMA engines (live PCI bus, ");
	snprintf(title + strlen(title), sizeof(title) - strlen(title),
		"%d PCI function%s)", res->nb_scanned, res->nb_scanned == 1 ? "" : "s");
	disc_title(title);
	if (res->nb_devices == 0)
		printf("none\n");
	for (i = 0; i < res->nb_devices; i++) {
		if (i > 0)
			putchar('\n');
		disc_text_device(&res->devices[i]);
	}
	printf("\n%d DMA engine%s, %d netdma can drive", res->nb_devices,
		res->nb_devices == 1 ? "" : "s", res->nb_driven);
	if (res->sysfs != NULL)
		printf(", %d ready for vfio", res->nb_ready);
	printf(".\n\n");
	disc_text_hugepages(&res->huge);
}

void
disc_list_known_text(void)
{
	const struct disc_engine *t;
	unsigned int n, i;
	char ids[32];

	t = disc_engine_table(&n);
	printf("%-16s %-10s %-26s %s\n", "vendor:device", "netdma", "generation", "name");
	for (i = 0; i < n; i++) {
		if (t[i].first == t[i].last)
			snprintf(ids, sizeof(ids), "%04x:%04x", t[i].vendor, t[i].first);
		else
			snprintf(ids, sizeof(ids), "%04x:%04x-%04x", t[i].vendor,
				t[i].first, t[i].last);
		printf("%-16s %-10s %-26s %s\n", ids, disc_support_str(t[i].support),
			t[i].generation, t[i].name);
	}
}

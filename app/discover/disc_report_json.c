/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * The --json report.  Absent values are null; "sysfs" on a device says
 * whether driver, IOMMU group and NUMA node could be read at all.
 */

#include <inttypes.h>
#include <stdio.h>

#include <cbdma_hw.h>

#include "disc.h"
#include "disc_json.h"

static void
disc_json_hex(struct disc_json *j, const char *key, unsigned int v, int width)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%0*x", width, v);
	disc_json_kstr(j, key, buf);
}

static void
disc_json_signature(struct disc_json *j, const struct disc_device *d)
{
	char buf[24];

	disc_json_key(j, "signature");
	disc_json_obj_begin(j);
	disc_json_kstr(j, "state", disc_sig_state_str(d->sig));
	disc_json_kstr(j, "expected", CBDMA_IVSHMEM_SIGNATURE_STR);
	if (d->sig == DISC_SIG_MATCH || d->sig == DISC_SIG_MISMATCH) {
		snprintf(buf, sizeof(buf), "0x%016" PRIx64, d->sig_value);
		disc_json_kstr(j, "value", buf);
	} else {
		disc_json_knull(j, "value");
	}
	disc_json_kstr(j, "detail", d->sig_detail);
	disc_json_obj_end(j);
}

static void
disc_json_vfio(struct disc_json *j, const struct disc_vfio *v)
{
	disc_json_key(j, "vfio");
	disc_json_obj_begin(j);
	disc_json_kstr(j, "state", disc_vfio_state_str(v->state));
	disc_json_kstr(j, "module", disc_module_state_str(v->module));
	disc_json_kbool(j, "noiommu", v->noiommu);
	disc_json_kstr(j, "group_node", v->group_node[0] != '\0' ? v->group_node : NULL);
	disc_json_kstr(j, "reason", v->reason);
	disc_json_obj_end(j);
}

static void
disc_json_device(struct disc_json *j, const struct disc_device *d)
{
	const struct disc_engine *e = d->engine;

	disc_json_obj_begin(j);
	disc_json_kstr(j, "address", d->address);
	disc_json_hex(j, "vendor_id", d->vendor_id, 4);
	disc_json_hex(j, "device_id", d->device_id, 4);
	disc_json_hex(j, "class", d->class_code, 6);
	disc_json_kstr(j, "name", d->name);
	disc_json_kstr(j, "kind", e != NULL ? e->kind : "unknown");
	disc_json_kstr(j, "generation", e != NULL ? e->generation : NULL);
	disc_json_kstr(j, "support", e != NULL ? disc_support_str(e->support) : "no");
	disc_json_kbool(j, "sysfs", d->driver_known != DISC_UNKNOWN);
	if (d->numa_known == DISC_VALUE)
		disc_json_kint(j, "numa_node", d->numa_node);
	else
		disc_json_knull(j, "numa_node");
	disc_json_kstr(j, "driver", d->driver_known == DISC_VALUE ? d->driver : NULL);
	disc_json_kstr(j, "iommu_group",
		d->iommu_known == DISC_VALUE ? d->iommu_group : NULL);
	if (d->sig != DISC_SIG_NA)
		disc_json_signature(j, d);
	disc_json_vfio(j, &d->vfio);
	disc_json_key(j, "netdma");
	disc_json_obj_begin(j);
	disc_json_kbool(j, "driven", d->driven);
	disc_json_kbool(j, "ready", d->driven && d->vfio.state == DISC_VFIO_READY);
	disc_json_kstr(j, "reason", d->verdict);
	disc_json_obj_end(j);
	disc_json_obj_end(j);
}

static void
disc_json_pool(struct disc_json *j, const struct disc_hugepages *h,
		const struct disc_pool *p)
{
	int i;

	disc_json_obj_begin(j);
	disc_json_kint(j, "size_kb", p->size_kb);
	disc_json_kint(j, "total", p->total);
	disc_json_kint(j, "free", p->free);
	disc_json_kint(j, "surplus", p->surplus);
	disc_json_kint(j, "reserved", p->reserved);
	disc_json_kstr(j, "mount", h->mount_source != NULL && p->mount[0] != '\0' ?
		p->mount : NULL);
	disc_json_key(j, "nodes");
	disc_json_arr_begin(j);
	for (i = 0; i < p->nb_nodes; i++) {
		disc_json_obj_begin(j);
		disc_json_kint(j, "node", p->nodes[i].node);
		disc_json_kint(j, "total", p->nodes[i].total);
		disc_json_kint(j, "free", p->nodes[i].free);
		disc_json_obj_end(j);
	}
	disc_json_arr_end(j);
	disc_json_obj_end(j);
}

static void
disc_json_hugepages(struct disc_json *j, const struct disc_hugepages *h)
{
	int i;

	disc_json_key(j, "hugepages");
	if (!h->reported) {
		disc_json_null(j);
		return;
	}
	disc_json_obj_begin(j);
	disc_json_key(j, "pools");
	disc_json_arr_begin(j);
	for (i = 0; i < h->nb_pools; i++)
		disc_json_pool(j, h, &h->pools[i]);
	disc_json_arr_end(j);
	disc_json_kstr(j, "mount_source", h->mount_source);
	disc_json_key(j, "mounts");
	if (h->mount_source == NULL) {
		disc_json_null(j);
	} else {
		disc_json_arr_begin(j);
		for (i = 0; i < h->nb_mounts; i++) {
			disc_json_obj_begin(j);
			disc_json_kstr(j, "path", h->mounts[i].path);
			disc_json_kint(j, "size_kb", h->mounts[i].size_kb);
			disc_json_obj_end(j);
		}
		disc_json_arr_end(j);
	}
	disc_json_obj_end(j);
}

void
disc_report_json(const struct disc_result *res)
{
	struct disc_json j;
	int i;

	disc_json_init(&j, stdout);
	disc_json_obj_begin(&j);
	disc_json_kstr(&j, "tool", DISC_PROG);
	disc_json_key(&j, "source");
	disc_json_obj_begin(&j);
	disc_json_kstr(&j, "kind", res->opts->dump != NULL ? "dump" : "live");
	disc_json_kstr(&j, "dump", res->opts->dump);
	disc_json_kstr(&j, "sysfs_root", res->sysfs);
	disc_json_kstr(&j, "dev_root", res->devfs);
	disc_json_kint(&j, "pci_functions", res->nb_scanned);
	disc_json_obj_end(&j);
	disc_json_key(&j, "devices");
	disc_json_arr_begin(&j);
	for (i = 0; i < res->nb_devices; i++)
		disc_json_device(&j, &res->devices[i]);
	disc_json_arr_end(&j);
	disc_json_key(&j, "summary");
	disc_json_obj_begin(&j);
	disc_json_kint(&j, "dma_engines", res->nb_devices);
	disc_json_kint(&j, "drivable", res->nb_driven);
	disc_json_kint(&j, "ready", res->nb_ready);
	disc_json_kstr(&j, "reason", res->nb_driven == 0 ? res->reason : NULL);
	disc_json_obj_end(&j);
	disc_json_hugepages(&j, &res->huge);
	disc_json_obj_end(&j);
}

void
disc_list_known_json(void)
{
	const struct disc_engine *t;
	struct disc_json j;
	unsigned int n, i;

	t = disc_engine_table(&n);
	disc_json_init(&j, stdout);
	disc_json_arr_begin(&j);
	for (i = 0; i < n; i++) {
		disc_json_obj_begin(&j);
		disc_json_hex(&j, "vendor_id", t[i].vendor, 4);
		disc_json_hex(&j, "first_device_id", t[i].first, 4);
		disc_json_hex(&j, "last_device_id", t[i].last, 4);
		disc_json_kstr(&j, "kind", t[i].kind);
		disc_json_kstr(&j, "generation", t[i].generation);
		disc_json_kstr(&j, "name", t[i].name);
		disc_json_kstr(&j, "support", disc_support_str(t[i].support));
		disc_json_kstr(&j, "why_not", t[i].why_not);
		disc_json_obj_end(&j);
	}
	disc_json_arr_end(&j);
}

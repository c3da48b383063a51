/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * The --json report, built with libjansson.  Absent values are null;
 * "sysfs" on a device says whether driver, IOMMU group and NUMA node could
 * be read at all.
 */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <cbdma_hw.h>

#include "disc.h"

/* A string or null.  Bytes that are not UTF-8 (jansson takes none) become '?'. */
static json_t *
jstr(const char *s)
{
	json_t *v;
	char *c;
	size_t i;

	if (s == NULL)
		return json_null();
	v = json_string(s);
	if (v != NULL)
		return v;
	c = strdup(s);
	if (c == NULL)
		return json_null();
	for (i = 0; c[i] != '\0'; i++)
		if ((unsigned char)c[i] >= 0x80)
			c[i] = '?';
	v = json_string(c);
	free(c);
	return v != NULL ? v : json_null();
}

static void
set_str(json_t *o, const char *key, const char *s)
{
	json_object_set_new(o, key, jstr(s));
}

static void
set_int(json_t *o, const char *key, long long v)
{
	json_object_set_new(o, key, json_integer(v));
}

static void
set_bool(json_t *o, const char *key, bool v)
{
	json_object_set_new(o, key, json_boolean(v));
}

static void
set_hex(json_t *o, const char *key, unsigned int v, int width)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%0*x", width, v);
	set_str(o, key, buf);
}

/* Two-space indentation, keys in insertion order, a newline at the end. */
static void
dump(json_t *root)
{
	json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
	json_decref(root);
}

static json_t *
json_signature(const struct disc_device *d)
{
	json_t *o = json_object();
	char buf[24];

	set_str(o, "state", disc_sig_state_str(d->sig));
	set_str(o, "expected", CBDMA_IVSHMEM_SIGNATURE_STR);
	if (d->sig == DISC_SIG_MATCH || d->sig == DISC_SIG_MISMATCH) {
		snprintf(buf, sizeof(buf), "0x%016" PRIx64, d->sig_value);
		set_str(o, "value", buf);
	} else {
		set_str(o, "value", NULL);
	}
	set_str(o, "detail", d->sig_detail);
	return o;
}

static json_t *
json_vfio(const struct disc_vfio *v)
{
	json_t *o = json_object();

	set_str(o, "state", disc_vfio_state_str(v->state));
	set_str(o, "module", disc_module_state_str(v->module));
	set_bool(o, "noiommu", v->noiommu);
	set_str(o, "group_node", v->group_node[0] != '\0' ? v->group_node : NULL);
	set_str(o, "reason", v->reason);
	return o;
}

static json_t *
json_device(const struct disc_device *d)
{
	const struct disc_engine *e = d->engine;
	json_t *o = json_object();
	json_t *n = json_object();

	set_str(o, "address", d->address);
	set_hex(o, "vendor_id", d->vendor_id, 4);
	set_hex(o, "device_id", d->device_id, 4);
	set_hex(o, "class", d->class_code, 6);
	set_str(o, "name", d->name);
	set_str(o, "kind", e != NULL ? e->kind : "unknown");
	set_str(o, "generation", e != NULL ? e->generation : NULL);
	set_str(o, "support", e != NULL ? disc_support_str(e->support) : "no");
	set_bool(o, "sysfs", d->driver_known != DISC_UNKNOWN);
	if (d->numa_known == DISC_VALUE)
		set_int(o, "numa_node", d->numa_node);
	else
		set_str(o, "numa_node", NULL);
	set_str(o, "driver", d->driver_known == DISC_VALUE ? d->driver : NULL);
	set_str(o, "iommu_group", d->iommu_known == DISC_VALUE ? d->iommu_group : NULL);
	if (d->sig != DISC_SIG_NA)
		json_object_set_new(o, "signature", json_signature(d));
	json_object_set_new(o, "vfio", json_vfio(&d->vfio));
	set_bool(n, "driven", d->driven);
	set_bool(n, "ready", d->driven && d->vfio.state == DISC_VFIO_READY);
	set_str(n, "reason", d->verdict);
	json_object_set_new(o, "netdma", n);
	return o;
}

static json_t *
json_pool(const struct disc_hugepages *h, const struct disc_pool *p)
{
	json_t *o = json_object();
	json_t *nodes = json_array();
	int i;

	set_int(o, "size_kb", p->size_kb);
	set_int(o, "total", p->total);
	set_int(o, "free", p->free);
	set_int(o, "surplus", p->surplus);
	set_int(o, "reserved", p->reserved);
	set_str(o, "mount", h->mount_source != NULL && p->mount[0] != '\0' ? p->mount : NULL);
	for (i = 0; i < p->nb_nodes; i++) {
		json_t *n = json_object();

		set_int(n, "node", p->nodes[i].node);
		set_int(n, "total", p->nodes[i].total);
		set_int(n, "free", p->nodes[i].free);
		json_array_append_new(nodes, n);
	}
	json_object_set_new(o, "nodes", nodes);
	return o;
}

static json_t *
json_hugepages(const struct disc_hugepages *h)
{
	json_t *o, *pools, *mounts;
	int i;

	if (!h->reported)
		return json_null();
	o = json_object();
	pools = json_array();
	for (i = 0; i < h->nb_pools; i++)
		json_array_append_new(pools, json_pool(h, &h->pools[i]));
	json_object_set_new(o, "pools", pools);
	set_str(o, "mount_source", h->mount_source);
	if (h->mount_source == NULL) {
		mounts = json_null();
	} else {
		mounts = json_array();
		for (i = 0; i < h->nb_mounts; i++) {
			json_t *m = json_object();

			set_str(m, "path", h->mounts[i].path);
			set_int(m, "size_kb", h->mounts[i].size_kb);
			json_array_append_new(mounts, m);
		}
	}
	json_object_set_new(o, "mounts", mounts);
	return o;
}

void
disc_report_json(const struct disc_result *res)
{
	json_t *root = json_object();
	json_t *src = json_object();
	json_t *devs = json_array();
	json_t *sum = json_object();
	int i;

	set_str(root, "tool", DISC_PROG);
	set_str(src, "kind", res->opts->dump != NULL ? "dump" : "live");
	set_str(src, "dump", res->opts->dump);
	set_str(src, "sysfs_root", res->sysfs);
	set_str(src, "dev_root", res->devfs);
	set_int(src, "pci_functions", res->nb_scanned);
	json_object_set_new(root, "source", src);
	for (i = 0; i < res->nb_devices; i++)
		json_array_append_new(devs, json_device(&res->devices[i]));
	json_object_set_new(root, "devices", devs);
	set_int(sum, "dma_engines", res->nb_devices);
	set_int(sum, "drivable", res->nb_driven);
	set_int(sum, "ready", res->nb_ready);
	set_str(sum, "reason", res->nb_driven == 0 ? res->reason : NULL);
	json_object_set_new(root, "summary", sum);
	json_object_set_new(root, "hugepages", json_hugepages(&res->huge));
	dump(root);
}

void
disc_list_known_json(void)
{
	const struct disc_engine *t;
	json_t *arr = json_array();
	unsigned int n, i;

	t = disc_engine_table(&n);
	for (i = 0; i < n; i++) {
		json_t *o = json_object();

		set_hex(o, "vendor_id", t[i].vendor, 4);
		set_hex(o, "first_device_id", t[i].first, 4);
		set_hex(o, "last_device_id", t[i].last, 4);
		set_str(o, "kind", t[i].kind);
		set_str(o, "generation", t[i].generation);
		set_str(o, "name", t[i].name);
		set_str(o, "support", disc_support_str(t[i].support));
		set_str(o, "why_not", t[i].why_not);
		json_array_append_new(arr, o);
	}
	dump(arr);
}

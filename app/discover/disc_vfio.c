/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * Can a device be used through vfio?  The vfio-pci module, the device's
 * IOMMU group and its /dev/vfio node, or vfio's no-IOMMU mode.
 */

#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "disc.h"

#define DISC_SYSFS_DEFAULT	"/sys"

static bool
disc_file_has(const char *path, const char *needle)
{
	char line[1024];
	bool found = false;
	FILE *f;

	f = fopen(path, "re");
	if (f == NULL)
		return false;
	while (!found && fgets(line, sizeof(line), f) != NULL)
		found = strstr(line, needle) != NULL;
	fclose(f);
	return found;
}

static enum disc_module_state
disc_vfio_module(const struct disc_result *res)
{
	char path[DISC_PATH_MAX];
	struct utsname u;

	disc_pathf(path, sizeof(path), "%s/bus/pci/drivers/vfio-pci", res->sysfs);
	if (disc_path_exists(path))
		return DISC_MOD_LOADED;
	disc_pathf(path, sizeof(path), "%s/module/vfio_pci", res->sysfs);
	if (disc_path_exists(path))
		return DISC_MOD_LOADED;
	/* Modules on disk only describe this machine. */
	if (strcmp(res->sysfs, DISC_SYSFS_DEFAULT) != 0 || uname(&u) != 0)
		return DISC_MOD_MISSING;
	disc_pathf(path, sizeof(path), "/lib/modules/%s/modules.dep", u.release);
	if (disc_file_has(path, "/vfio-pci.ko"))
		return DISC_MOD_AVAILABLE;
	return DISC_MOD_MISSING;
}

static bool
disc_vfio_noiommu(const struct disc_result *res)
{
	char path[DISC_PATH_MAX], buf[8];

	disc_pathf(path, sizeof(path),
		"%s/module/vfio/parameters/enable_unsafe_noiommu_mode",
		res->sysfs);
	if (disc_sysfs_read_str(path, buf, sizeof(buf)) != 0)
		return false;
	return buf[0] == 'Y' || buf[0] == 'y' || buf[0] == '1';
}

/* The group's node: /dev/vfio/<group>, or noiommu-<group> in no-IOMMU mode. */
static bool
disc_vfio_node(const struct disc_result *res, struct disc_device *d)
{
	struct disc_vfio *v = &d->vfio;

	disc_pathf(v->group_node, sizeof(v->group_node), "%s/vfio/%s",
		res->devfs, d->iommu_group);
	if (disc_path_exists(v->group_node))
		return true;
	disc_pathf(v->group_node, sizeof(v->group_node), "%s/vfio/noiommu-%s",
		res->devfs, d->iommu_group);
	if (disc_path_exists(v->group_node))
		return true;
	v->group_node[0] = '\0';
	return false;
}

static void
disc_vfio_bound(const struct disc_result *res, struct disc_device *d)
{
	struct disc_vfio *v = &d->vfio;

	if (d->iommu_known != DISC_VALUE) {
		v->state = DISC_VFIO_UNAVAILABLE;
		snprintf(v->reason, sizeof(v->reason),
			"bound to vfio-pci but in no IOMMU group");
	} else if (disc_vfio_node(res, d)) {
		v->state = DISC_VFIO_READY;
		snprintf(v->reason, sizeof(v->reason),
			"bound to vfio-pci, %.200s present", v->group_node);
	} else {
		v->state = DISC_VFIO_UNAVAILABLE;
		snprintf(v->reason, sizeof(v->reason),
			"bound to vfio-pci but %.200s/vfio/%s is missing",
			res->devfs, d->iommu_group);
	}
}

static void
disc_vfio_unbound(struct disc_device *d)
{
	struct disc_vfio *v = &d->vfio;

	if (v->module == DISC_MOD_MISSING) {
		v->state = DISC_VFIO_UNAVAILABLE;
		snprintf(v->reason, sizeof(v->reason),
			"the vfio-pci module is neither loaded nor installed");
		return;
	}
	if (d->iommu_known != DISC_VALUE && !v->noiommu) {
		v->state = DISC_VFIO_UNAVAILABLE;
		snprintf(v->reason, sizeof(v->reason),
			"no IOMMU group and vfio no-IOMMU mode is off "
			"(boot with intel_iommu=on, or load vfio with "
			"enable_unsafe_noiommu_mode=1)");
		return;
	}
	v->state = DISC_VFIO_BINDABLE;
	snprintf(v->reason, sizeof(v->reason),
		"%sdpdk-devbind.py -b vfio-pci %s%s",
		v->module == DISC_MOD_AVAILABLE ? "modprobe vfio-pci; " : "run ",
		d->address,
		d->iommu_known != DISC_VALUE ? " (no-IOMMU mode)" : "");
}

void
disc_vfio_fill(const struct disc_result *res, struct disc_device *d)
{
	struct disc_vfio *v = &d->vfio;

	memset(v, 0, sizeof(*v));
	if (res->sysfs == NULL || d->driver_known == DISC_UNKNOWN) {
		v->state = DISC_VFIO_UNKNOWN;
		v->module = DISC_MOD_UNKNOWN;
		snprintf(v->reason, sizeof(v->reason), "%s",
			res->sysfs == NULL ?
			"no sysfs information (a dump; give --sysfs-root)" :
			"the device is not in the sysfs tree");
		return;
	}
	v->module = disc_vfio_module(res);
	v->noiommu = disc_vfio_noiommu(res);
	if (d->driver_known == DISC_VALUE && strcmp(d->driver, "vfio-pci") == 0)
		disc_vfio_bound(res, d);
	else
		disc_vfio_unbound(d);
}

const char *
disc_vfio_state_str(enum disc_vfio_state s)
{
	switch (s) {
	case DISC_VFIO_UNKNOWN:
		return "unknown";
	case DISC_VFIO_READY:
		return "ready";
	case DISC_VFIO_BINDABLE:
		return "bindable";
	case DISC_VFIO_UNAVAILABLE:
		return "unavailable";
	}
	return "?";
}

const char *
disc_module_state_str(enum disc_module_state s)
{
	switch (s) {
	case DISC_MOD_UNKNOWN:
		return "unknown";
	case DISC_MOD_LOADED:
		return "loaded";
	case DISC_MOD_AVAILABLE:
		return "available";
	case DISC_MOD_MISSING:
		return "missing";
	}
	return "?";
}

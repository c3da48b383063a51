/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * Devices of a run: find the dmadev(s) of a variant, or create its vdev,
 * configure one vchan each and start them; stop (and remove) afterwards.
 * Also finds the netdma control API in the plugin EAL loaded with -d.
 */

#include <dlfcn.h>
#include <errno.h>
#include <link.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>

#include <rte_bus_vdev.h>
#include <rte_dmadev.h>
#include <rte_errno.h>

#include "bench.h"

bool
bench_dmadev_exists(const char *name)
{
	return rte_dma_get_dev_id_by_name(name) >= 0;
}

/* NAME itself, or the channels of a multi-channel netdma vdev: NAME_ch0... */
static int
find_devs(const char *name, struct bench_devs *d)
{
	char cname[BENCH_NAME_LEN + 16];
	unsigned int i;
	int id;

	id = rte_dma_get_dev_id_by_name(name);
	if (id >= 0) {
		d->ids[0] = (int16_t)id;
		snprintf(d->names[0], BENCH_NAME_LEN, "%s", name);
		d->nb = 1;
		return 0;
	}
	for (i = 0; i < BENCH_MAX_LANES; i++) {
		snprintf(cname, sizeof(cname), "%s_ch%u", name, i);
		id = rte_dma_get_dev_id_by_name(cname);
		if (id < 0)
			break;
		d->ids[i] = (int16_t)id;
		memcpy(d->names[i], cname, BENCH_NAME_LEN - 1);	/* dmadev names are short */
		d->names[i][BENCH_NAME_LEN - 1] = '\0';
	}
	d->nb = i;
	return i == 0 ? -ENODEV : 0;
}

static int
dev_setup(int16_t id, const char *name, uint16_t ring, bool fresh)
{
	struct rte_dma_conf conf = { .nb_vchans = 1 };
	struct rte_dma_vchan_conf vc = {
		.direction = RTE_DMA_DIR_MEM_TO_MEM,
		.nb_desc = ring,
	};
	struct rte_dma_info info;
	int rc;

	rc = rte_dma_info_get(id, &info);
	if (rc < 0) {
		fprintf(stderr, "netdma-bench: %s: rte_dma_info_get: %s\n", name, strerror(-rc));
		return rc;
	}
	if (!(info.dev_capa & RTE_DMA_CAPA_MEM_TO_MEM) ||
			!(info.dev_capa & RTE_DMA_CAPA_OPS_COPY)) {
		fprintf(stderr, "netdma-bench: %s cannot copy memory to memory\n", name);
		return -ENOTSUP;
	}
	if (ring < info.min_desc || ring > info.max_desc) {
		fprintf(stderr, "netdma-bench: %s: --ring %u outside its [%u, %u]\n", name,
				ring, info.min_desc, info.max_desc);
		return -EINVAL;
	}
	if (!fresh)
		rte_dma_stop(id);	/* a device given with EAL --vdev: from the last run */
	if ((rc = rte_dma_configure(id, &conf)) < 0 ||
			(rc = rte_dma_vchan_setup(id, 0, &vc)) < 0 ||
			(rc = rte_dma_start(id)) < 0) {
		fprintf(stderr, "netdma-bench: %s: configure/setup/start failed: %s\n", name,
				strerror(-rc));
		return rc;
	}
	return 0;
}

/* Create a vdev with every online CPU allowed, so its threads are not pinned
 * by inheriting the main lcore's affinity. */
static int
vdev_init_unpinned(const char *name, const char *args)
{
	cpu_set_t saved, all;
	long n = sysconf(_SC_NPROCESSORS_ONLN), i;
	int rc;

	if (pthread_getaffinity_np(pthread_self(), sizeof(saved), &saved) != 0)
		return rte_vdev_init(name, args);
	CPU_ZERO(&all);
	for (i = 0; i < n && i < CPU_SETSIZE; i++)
		CPU_SET(i, &all);
	pthread_setaffinity_np(pthread_self(), sizeof(all), &all);
	rc = rte_vdev_init(name, args);
	pthread_setaffinity_np(pthread_self(), sizeof(saved), &saved);
	return rc;
}

int
bench_devs_open(const struct bench_variant *v, uint16_t ring, struct bench_devs *d)
{
	unsigned int i;
	int rc;

	memset(d, 0, sizeof(*d));
	if (v->on_demand) {
		rc = v->float_engine ? vdev_init_unpinned(v->name, v->args) :
				rte_vdev_init(v->name, v->args);
		if (rc < 0) {
			fprintf(stderr, "netdma-bench: cannot create vdev %s%s%s: %s%s\n", v->name,
					v->args[0] ? "," : "", v->args, strerror(-rc),
					v->kind == KIND_NETDMA ? " (is the PMD loaded: -d "
					"<build>/drivers/librte_dma_netdma.so?)" : "");
			return rc;
		}
		d->created = true;
		snprintf(d->vdev, sizeof(d->vdev), "%s", v->name);
	}
	rc = find_devs(v->name, d);
	if (rc < 0) {
		fprintf(stderr, "netdma-bench: no dmadev %s (nor %s_ch0)\n", v->name, v->name);
		goto fail;
	}
	for (i = 0; i < d->nb; i++) {
		rc = dev_setup(d->ids[i], d->names[i], ring, d->created);
		if (rc < 0)
			goto fail;
	}
	return 0;
fail:
	bench_devs_close(d);
	return rc;
}

void
bench_devs_close(struct bench_devs *d)
{
	unsigned int i;

	for (i = 0; i < d->nb; i++)
		rte_dma_stop(d->ids[i]);
	if (d->created)
		rte_vdev_uninit(d->vdev);
	d->nb = 0;
	d->created = false;
}

/* ---- the netdma control API ---- */

/* The first loaded object that defines rte_pmd_netdma_suspend. */
static int
phdr_cb(struct dl_phdr_info *info, size_t size, void *arg)
{
	void **handle = arg;
	void *h;

	RTE_SET_USED(size);
	if (info->dlpi_name == NULL || info->dlpi_name[0] == '\0')
		return 0;
	h = dlopen(info->dlpi_name, RTLD_NOW | RTLD_NOLOAD);
	if (h == NULL)
		return 0;
	if (dlsym(h, "rte_pmd_netdma_suspend") != NULL) {
		*handle = h;
		return 1;
	}
	dlclose(h);
	return 0;
}

int
bench_netdma_api(struct bench_netdma_api *api)
{
	void *h = RTLD_DEFAULT;

	/* Linked in, or else a plugin EAL opened (RTLD_LOCAL: ask its handle). */
	if (dlsym(RTLD_DEFAULT, "rte_pmd_netdma_suspend") == NULL) {
		h = NULL;
		dl_iterate_phdr(phdr_cb, &h);
		if (h == NULL)
			return -ENOENT;
	}
	api->suspend = (__typeof__(api->suspend))dlsym(h, "rte_pmd_netdma_suspend");
	api->resume = (__typeof__(api->resume))dlsym(h, "rte_pmd_netdma_resume");
	api->stats_get = (__typeof__(api->stats_get))dlsym(h, "rte_pmd_netdma_stats_get");
	api->pending = (__typeof__(api->pending))dlsym(h, "rte_pmd_netdma_pending");
	api->cancel = (__typeof__(api->cancel))dlsym(h, "rte_pmd_netdma_cancel");
	/* newer PMDs only: the ctrl suite measures it where it exists */
	api->cancel_bulk = dlsym(h, "rte_pmd_netdma_cancel_bulk");
	return api->suspend && api->resume && api->stats_get && api->pending && api->cancel ?
		0 : -ENOENT;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * The dma_netdma vdev: a software CBDMA device (lib/cbdma_model) with one
 * dmadev per channel.  The driver finds the model's register window here and
 * from then on talks to it only through registers and IOVA memory.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>

#include <bus_vdev_driver.h>
#include <rte_lcore.h>

#include "cbdma_model.h"
#include "cbdma_model_dpdk.h"
#include "netdma_devargs.h"
#include "netdma_pmd.h"

struct netdma_vdev {
	TAILQ_ENTRY(netdma_vdev) next;
	char name[RTE_DEV_NAME_MAX_LEN];
	struct cbdma_model *model;
	struct cbdma_model_dpdk_mem *mem;
	unsigned int nb_chan;
	unsigned int refs;
};

static TAILQ_HEAD(, netdma_vdev) vdev_list = TAILQ_HEAD_INITIALIZER(vdev_list);

/* Room for "<vdev name>_ch<i>" (probe refuses a name whose dmadev names
 * would be longer than RTE_DEV_NAME_MAX_LEN). */
#define CHAN_NAME_LEN	(RTE_DEV_NAME_MAX_LEN + 16)

/* The dmadev name of channel i; false if it does not fit. */
static bool
chan_name(const struct netdma_vdev *v, unsigned int i, char *buf, size_t len)
{
	int n;

	if (v->nb_chan == 1)
		n = snprintf(buf, len, "%s", v->name);
	else
		n = snprintf(buf, len, "%s_ch%u", v->name, i);
	return n >= 0 && (size_t)n < len;
}

static void
vdev_put(void *owner)
{
	struct netdma_vdev *v = owner;

	if (--v->refs != 0)
		return;
	cbdma_model_destroy(v->model);
	cbdma_model_dpdk_mem_destroy(v->mem);
	TAILQ_REMOVE(&vdev_list, v, next);
	free(v);
}

static struct netdma_vdev *
vdev_find(const char *name)
{
	struct netdma_vdev *v;

	TAILQ_FOREACH(v, &vdev_list, next)
		if (strcmp(v->name, name) == 0)
			return v;
	return NULL;
}

static int
netdma_vdev_probe(struct rte_vdev_device *vdev)
{
	const char *name = rte_vdev_device_name(vdev);
	struct netdma_vdev_args args;
	struct cbdma_model_config mc;
	struct netdma_vdev *v;
	unsigned int i;
	int cpu, ret;

	if (rte_eal_process_type() != RTE_PROC_PRIMARY) {
		NETDMA_PMD_LOG(ERR, "%s: secondary processes are not supported", name);
		return -ENOTSUP;
	}
	ret = netdma_parse_devargs(name, rte_vdev_device_args(vdev), &args);
	if (ret != 0)
		return ret;
	cpu = args.engine_cpu;
	if (args.engine_lcore >= 0) {
		if (!rte_lcore_is_enabled((unsigned int)args.engine_lcore)) {
			NETDMA_PMD_LOG(ERR, "%s: engine_lcore=%d is not an enabled lcore",
					name, args.engine_lcore);
			return -EINVAL;
		}
		cpu = (int)rte_lcore_to_cpu_id(args.engine_lcore);
	}

	/* Whole names only: remove finds the device and its dmadevs by them. */
	if (strlen(name) + (args.channels > 1 ? strlen("_ch") + 2 : 0) >= RTE_DEV_NAME_MAX_LEN) {
		NETDMA_PMD_LOG(ERR, "%s: name too long for its dmadev names", name);
		return -EINVAL;
	}
	v = calloc(1, sizeof(*v));
	if (v == NULL)
		return -ENOMEM;
	snprintf(v->name, sizeof(v->name), "%s", name);
	v->nb_chan = args.channels;
	v->mem = cbdma_model_dpdk_mem_create();
	if (v->mem == NULL) {
		NETDMA_PMD_LOG(ERR, "%s: cannot map EAL memory for the device model", name);
		free(v);
		return -ENOMEM;
	}
	mc = (struct cbdma_model_config){
		.nb_channels = args.channels,
		.version = args.version,
		/* XFERCAP 0 means 4 GiB; the model's 0 means its default */
		.xfercap_log2 = args.xfercap == 0 ? 32 : args.xfercap,
		.no_fill = !args.fill,
		.engine_cpu = cpu,
		.desc_delay_us = args.delay_us,
		.idle_spin_us = args.idle_spin_us,
		.idle_sleep_max_us = args.idle_sleep_us,
		.mem = cbdma_model_dpdk_mem_ops(v->mem),
		.name = "netdma-engine",
		.silicon = args.silicon,
	};
	ret = cbdma_model_create(&mc, &v->model);
	if (ret != 0) {
		NETDMA_PMD_LOG(ERR, "%s: cannot create the device model: %s", name,
				strerror(-ret));
		cbdma_model_dpdk_mem_destroy(v->mem);
		free(v);
		return ret;
	}
	TAILQ_INSERT_TAIL(&vdev_list, v, next);
	v->refs = 1;	/* the probe's own reference, dropped below */

	for (i = 0; i < args.channels; i++) {
		char cname[CHAN_NAME_LEN];
		struct netdma_hw hw = {
			.bar = cbdma_model_regs(v->model),
			.chan = i,
			.numa_node = rte_socket_id(),
			.device = &vdev->device,
			.release = vdev_put,
			.owner = v,
		};

		chan_name(v, i, cname, sizeof(cname));
		v->refs++;
		ret = netdma_dmadev_create(cname, &hw, &args.params);
		if (ret != 0) {
			v->refs--;
			while (i-- > 0) {
				chan_name(v, i, cname, sizeof(cname));
				netdma_dmadev_destroy(cname);
			}
			vdev_put(v);
			return ret;
		}
	}
	vdev_put(v);
	if (cpu >= 0)
		NETDMA_PMD_LOG(INFO, "%s: software CBDMA v%u.%u (%s), %u channel(s), engine on CPU %d",
				name, args.version >> 4, args.version & 0xF,
				cbdma_model_silicon_name(args.silicon), args.channels, cpu);
	else
		NETDMA_PMD_LOG(INFO, "%s: software CBDMA v%u.%u (%s), %u channel(s), engine unpinned",
				name, args.version >> 4, args.version & 0xF,
				cbdma_model_silicon_name(args.silicon), args.channels);
	return 0;
}

static int
netdma_vdev_remove(struct rte_vdev_device *vdev)
{
	const char *name = rte_vdev_device_name(vdev);
	struct netdma_vdev *v = vdev_find(name);
	unsigned int i, n;

	if (v == NULL)
		return 0;	/* every channel was closed already */
	n = v->nb_chan;
	/* Refuse while any channel runs; remove nothing in that case. */
	for (i = 0; i < n; i++) {
		char cname[CHAN_NAME_LEN];
		int16_t id;
		struct netdma_dmadev *nd;

		chan_name(v, i, cname, sizeof(cname));
		id = (int16_t)rte_dma_get_dev_id_by_name(cname);
		nd = id >= 0 ? netdma_dmadev_get(id) : NULL;
		if (nd != NULL && nd->ch.started) {
			NETDMA_PMD_LOG(ERR, "%s: %s is started; stop it before removal",
					name, cname);
			return -EBUSY;
		}
	}
	for (i = 0; i < n; i++) {
		char cname[CHAN_NAME_LEN];

		chan_name(v, i, cname, sizeof(cname));
		/* the last release frees v */
		netdma_dmadev_destroy(cname);
	}
	return 0;
}

static struct rte_vdev_driver netdma_vdev_drv = {
	.probe = netdma_vdev_probe,
	.remove = netdma_vdev_remove,
};

RTE_PMD_REGISTER_VDEV(dma_netdma, netdma_vdev_drv);
RTE_PMD_REGISTER_PARAM_STRING(dma_netdma, NETDMA_VDEV_PARAMS);

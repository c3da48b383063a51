/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/* Mempools, ethdev ports and the dmadev: bring-up and teardown. */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_bus_vdev.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>

#include "copy_offload.h"
#include "rte_pmd_netdma.h"

#define NB_RXD		1024
#define NB_TXD		1024
#define POOL_CACHE	256

static unsigned int
pool_size(const struct app *a, uint16_t nb_ports)
{
	unsigned int n;

	if (a->opt.nb_mbufs != 0)
		return a->opt.nb_mbufs;
	/* rx and tx rings (net_ring keeps what was sent), the DMA ring, a
	 * few bursts, per-lcore caches, seeded packets. */
	n = nb_ports * (NB_RXD + NB_TXD) + a->opt.ring_size * 2 + 4 * APP_MAX_BURST +
		POOL_CACHE * rte_lcore_count() + a->opt.seed * 3 * nb_ports;
	return RTE_MAX(rte_align32pow2(n) - 1, 8191u);
}

int
app_setup_pools(struct app *a)
{
	uint16_t avail = rte_eth_dev_count_avail();
	unsigned int n = pool_size(a, RTE_MAX(avail, 1));

	a->rx_pool = rte_pktmbuf_pool_create("co_rx_pool", n, POOL_CACHE, 0,
			(uint16_t)a->opt.mbuf_size, rte_socket_id());
	if (a->rx_pool == NULL) {
		fprintf(stderr, APP_NAME ": cannot create the rx mbuf pool (%u x %u B): %s\n",
				n, a->opt.mbuf_size, rte_strerror(rte_errno));
		return -1;
	}
	a->copy_pool = rte_pktmbuf_pool_create("co_copy_pool", n, POOL_CACHE, 0,
			(uint16_t)a->opt.copy_mbuf_size, rte_socket_id());
	if (a->copy_pool == NULL) {
		fprintf(stderr, APP_NAME ": cannot create the copy mbuf pool (%u x %u B): %s\n",
				n, a->opt.copy_mbuf_size, rte_strerror(rte_errno));
		return -1;
	}
	return 0;
}

static int
port_init(struct app *a, uint16_t pid)
{
	struct rte_eth_conf conf = { 0 };
	struct rte_eth_dev_info info;
	uint16_t nb_rxd = NB_RXD, nb_txd = NB_TXD;
	int ret;

	ret = rte_eth_dev_info_get(pid, &info);
	if (ret != 0) {
		fprintf(stderr, APP_NAME ": port %u: info: %s\n", pid, strerror(-ret));
		return -1;
	}
	/* Frames larger than an rx mbuf arrive chained; each segment is one copy. */
	if (info.rx_offload_capa & RTE_ETH_RX_OFFLOAD_SCATTER)
		conf.rxmode.offloads |= RTE_ETH_RX_OFFLOAD_SCATTER;
	if (info.tx_offload_capa & RTE_ETH_TX_OFFLOAD_MULTI_SEGS)
		conf.txmode.offloads |= RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
	ret = rte_eth_dev_configure(pid, 1, 1, &conf);
	if (ret == 0)
		ret = rte_eth_dev_adjust_nb_rx_tx_desc(pid, &nb_rxd, &nb_txd);
	if (ret == 0)
		ret = rte_eth_rx_queue_setup(pid, 0, nb_rxd, rte_eth_dev_socket_id(pid),
				NULL, a->rx_pool);
	if (ret == 0)
		ret = rte_eth_tx_queue_setup(pid, 0, nb_txd, rte_eth_dev_socket_id(pid),
				NULL);
	if (ret == 0)
		ret = rte_eth_dev_start(pid);
	if (ret != 0) {
		fprintf(stderr, APP_NAME ": port %u (%s): setup failed: %s\n", pid,
				info.driver_name, strerror(-ret));
		return -1;
	}
	ret = rte_eth_promiscuous_enable(pid);
	if (ret != 0 && ret != -ENOTSUP)
		printf(APP_NAME ": port %u: promiscuous mode: %s (continuing)\n", pid,
				strerror(-ret));
	printf(APP_NAME ": port %u: %s, %u rx / %u tx descriptors\n", pid, info.driver_name,
			nb_rxd, nb_txd);
	return 0;
}

int
app_setup_ports(struct app *a)
{
	uint64_t mask = a->opt.portmask, seen = 0;
	uint16_t pid, i;

	for (i = 0; i < RTE_DIM(a->pidx_of); i++)
		a->pidx_of[i] = -1;
	RTE_ETH_FOREACH_DEV(pid) {
		if (pid < 64)
			seen |= UINT64_C(1) << pid;
		if (mask != 0 && (pid >= 64 || !(mask & (UINT64_C(1) << pid))))
			continue;
		if (a->nb_ports == APP_MAX_PORTS) {
			fprintf(stderr, APP_NAME ": at most %u ports\n", APP_MAX_PORTS);
			return -1;
		}
		a->pidx_of[pid] = (int16_t)a->nb_ports;
		a->ports[a->nb_ports++] = pid;
	}
	if (mask & ~seen) {
		fprintf(stderr, APP_NAME ": port(s) 0x%" PRIx64 " do not exist (ports: 0x%" PRIx64
				"; add e.g. --vdev=net_null0)\n", mask & ~seen, seen);
		return -1;
	}
	if (a->nb_ports == 0) {
		fprintf(stderr, APP_NAME ": no ethdev port; add e.g. --vdev=net_null0 "
				"--vdev=net_null1\n");
		return -1;
	}
	/* Pairs 0<->1, 2<->3...; a port left over forwards to itself. */
	for (i = 0; i < a->nb_ports; i++)
		a->peer[i] = (i ^ 1) < a->nb_ports ? (i ^ 1) : i;
	for (i = 0; i < a->nb_ports; i++)
		if (port_init(a, a->ports[i]) != 0)
			return -1;
	for (i = 0; i < a->nb_ports; i++)
		printf(APP_NAME ": port %u -> port %u\n", a->ports[i], a->ports[a->peer[i]]);
	return 0;
}

static int
find_or_create_dma(const struct app *a)
{
	const char *name = a->opt.dma_name[0] != '\0' ? a->opt.dma_name : NULL;
	int16_t id;
	int ret;

	if (name != NULL) {
		id = (int16_t)rte_dma_get_dev_id_by_name(name);
		if (id >= 0)
			return id;
		if (strncmp(name, "dma_netdma", 10) != 0) {
			fprintf(stderr, APP_NAME ": no dmadev named %s\n", name);
			return -1;
		}
	} else {
		RTE_DMA_FOREACH_DEV(id) {
			struct rte_dma_info info;

			if (rte_dma_info_get(id, &info) == 0 &&
					strncmp(info.dev_name, "dma_netdma", 10) == 0)
				return id;
		}
		name = "dma_netdma0";
	}
	/* None given on the command line: create it (the PMD is linked in). */
	ret = rte_vdev_init(name, NULL);
	if (ret != 0) {
		fprintf(stderr, APP_NAME ": rte_vdev_init(%s): %s\n", name, strerror(-ret));
		return -1;
	}
	printf(APP_NAME ": created %s with rte_vdev_init()\n", name);
	id = (int16_t)rte_dma_get_dev_id_by_name(name);
	if (id < 0)
		fprintf(stderr, APP_NAME ": %s has no dmadev\n", name);
	return id;
}

int
app_setup_dma(struct app *a)
{
	struct rte_dma_conf conf = { .nb_vchans = 1 };
	struct rte_dma_vchan_conf vconf = {
		.direction = RTE_DMA_DIR_MEM_TO_MEM,
		.nb_desc = (uint16_t)a->opt.ring_size,
	};
	struct rte_dma_info info;
	unsigned int tags;
	int id, ret;

	id = find_or_create_dma(a);
	if (id < 0)
		return -1;
	a->dma_id = (int16_t)id;
	ret = rte_dma_info_get(a->dma_id, &info);
	if (ret != 0) {
		fprintf(stderr, APP_NAME ": dmadev %d: info: %s\n", id, strerror(-ret));
		return -1;
	}
	if (!(info.dev_capa & RTE_DMA_CAPA_MEM_TO_MEM) || !(info.dev_capa & RTE_DMA_CAPA_OPS_COPY)) {
		fprintf(stderr, APP_NAME ": %s cannot copy memory to memory\n", info.dev_name);
		return -1;
	}
	if (a->opt.ring_size < info.min_desc || a->opt.ring_size > info.max_desc) {
		fprintf(stderr, APP_NAME ": --ring-size %u: %s takes %u..%u descriptors\n",
				a->opt.ring_size, info.dev_name, info.min_desc, info.max_desc);
		return -1;
	}
	ret = rte_dma_configure(a->dma_id, &conf);
	if (ret == 0)
		ret = rte_dma_vchan_setup(a->dma_id, 0, &vconf);
	if (ret == 0)
		ret = rte_dma_start(a->dma_id);
	if (ret != 0) {
		fprintf(stderr, APP_NAME ": %s: setup failed: %s\n", info.dev_name,
				strerror(-ret));
		return -1;
	}
	rte_dma_stats_reset(a->dma_id, 0);
	a->ring_size = (uint16_t)a->opt.ring_size;
	a->dma_is_netdma = strncmp(info.dev_name, "dma_netdma", 10) == 0 &&
		rte_pmd_netdma_state(a->dma_id, 0) >= 0;
	if (!a->dma_is_netdma && a->opt.ctl_interval_ms != 0) {
		fprintf(stderr, APP_NAME ": %s is not a netdma channel; control events need "
				"one (or pass --no-control)\n", info.dev_name);
		return -1;
	}

	/* Twice the ring: more than the jobs that can be in flight, and a
	 * power of two dividing 65536, so consecutive ring_idx never collide. */
	tags = RTE_MIN(2u * a->ring_size, 65536u);
	a->tag_mask = (uint16_t)(tags - 1);
	a->job_tags = rte_zmalloc("co_job_tags", sizeof(*a->job_tags) * tags,
			RTE_CACHE_LINE_SIZE);
	if (a->job_tags == NULL) {
		fprintf(stderr, APP_NAME ": no memory for the job tags\n");
		return -1;
	}
	printf(APP_NAME ": dmadev %d (%s): %u descriptors%s\n", id, info.dev_name,
			a->ring_size, a->dma_is_netdma ? ", netdma" : "");
	return 0;
}

void
app_teardown(struct app *a)
{
	uint16_t i;

	for (i = 0; i < a->nb_ports; i++) {
		rte_eth_dev_stop(a->ports[i]);
		rte_eth_dev_close(a->ports[i]);
	}
	if (a->dma_id >= 0) {
		rte_dma_stop(a->dma_id);
		rte_dma_close(a->dma_id);
	}
	rte_free(a->job_tags);
	rte_mempool_free(a->copy_pool);
	rte_mempool_free(a->rx_pool);
}

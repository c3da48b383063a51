/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * The dmadev side of netdma: dev_ops and fast-path entry points, common to
 * every way of finding a CBDMA register window (vdev model, PCI BAR,
 * ivshmem BAR).
 */

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/queue.h>

#include <rte_dmadev_pmd.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_memzone.h>

#include "netdma_compat.h"
#include "netdma_fastpath.h"
#include "netdma_log.h"
#include "netdma_pmd.h"

RTE_LOG_REGISTER(netdma_logtype, pmd.dma.netdma, INFO);

#define NETDMA_DEFAULT_NB_DESC	1024

/*
 * Control calls (rte_pmd_netdma_*, telemetry) hold a device against close and
 * vchan re-setup, which free its channel: they find it in live_devs with
 * hold_lock read-held (netdma_dmadev_hold()); close and vchan setup take the
 * lock for writing.
 */
static pthread_rwlock_t hold_lock = PTHREAD_RWLOCK_INITIALIZER;
static TAILQ_HEAD(, netdma_dmadev) live_devs = TAILQ_HEAD_INITIALIZER(live_devs);

/* ---- fast path ---- */

static int
fp_copy(void *priv, uint16_t vchan, rte_iova_t src, rte_iova_t dst, uint32_t len,
		uint64_t flags)
{
	RTE_SET_USED(vchan);
	return netdma_copy(priv, src, dst, len, flags);
}

static int
fp_fill(void *priv, uint16_t vchan, uint64_t pattern, rte_iova_t dst, uint32_t len,
		uint64_t flags)
{
	RTE_SET_USED(vchan);
	return netdma_fill(priv, pattern, dst, len, flags);
}

static int
fp_submit(void *priv, uint16_t vchan)
{
	RTE_SET_USED(vchan);
	return netdma_submit(priv);
}

static uint16_t
fp_completed(void *priv, uint16_t vchan, const uint16_t nb_cpls, uint16_t *last_idx,
		bool *has_error)
{
	RTE_SET_USED(vchan);
	return netdma_completed(priv, nb_cpls, last_idx, has_error);
}

static uint16_t
fp_completed_status(void *priv, uint16_t vchan, const uint16_t nb_cpls, uint16_t *last_idx,
		enum rte_dma_status_code *status)
{
	RTE_SET_USED(vchan);
	return netdma_completed_status(priv, nb_cpls, last_idx, status);
}

static uint16_t
fp_burst_capacity(const void *priv, uint16_t vchan)
{
	RTE_SET_USED(vchan);
	return netdma_burst_capacity(priv);
}

/* ---- DMA memory from memzones (IOVA-contiguous) ---- */

static int
mz_alloc(void *ctx, size_t len, size_t align, struct netdma_dma_mem *out)
{
	struct netdma_dmadev *nd = ctx;
	static uint32_t seq;
	char name[RTE_MEMZONE_NAMESIZE];
	const struct rte_memzone *mz;

	snprintf(name, sizeof(name), "netdma_%d_%u", nd->dmadev->data->dev_id,
			__atomic_fetch_add(&seq, 1, __ATOMIC_RELAXED));
	mz = rte_memzone_reserve_aligned(name, len, nd->hw.numa_node,
			RTE_MEMZONE_IOVA_CONTIG, align);
	if (mz == NULL)
		return -rte_errno;
	out->va = mz->addr;
	out->iova = mz->iova;
	out->len = len;
	out->cookie = (void *)(uintptr_t)mz;
	return 0;
}

static void
mz_free(void *ctx, struct netdma_dma_mem *mem)
{
	RTE_SET_USED(ctx);
	rte_memzone_free(mem->cookie);
	memset(mem, 0, sizeof(*mem));
}

/* ---- dev_ops ---- */

static int
netdma_info_get(const struct rte_dma_dev *dev, struct rte_dma_info *info, uint32_t size)
{
	const struct netdma_dmadev *nd = dev->data->dev_private;

	if (size < sizeof(*info))
		return -EINVAL;
	*info = (struct rte_dma_info){
		/*
		 * HANDLES_ERRORS from v3.4, as DPDK's ioat driver: the channel
		 * is recovered on any v3 (clear CHANERR, RESET, re-arm after
		 * the failed job, as at bring-up), but only v3.4 parts are known
		 * to report a bad address as a clean halt of that job.
		 */
		.dev_capa = RTE_DMA_CAPA_MEM_TO_MEM | RTE_DMA_CAPA_OPS_COPY |
			(nd->version >= CBDMA_VER_3_4 ? RTE_DMA_CAPA_HANDLES_ERRORS : 0) |
			(nd->fill ? RTE_DMA_CAPA_OPS_FILL : 0),
		.max_vchans = 1,
		.max_desc = NETDMA_MAX_DESC,
		.min_desc = NETDMA_MIN_DESC,
		.max_sges = 0,
		.numa_node = nd->hw.numa_node,
		.nb_vchans = nd->chan_ready ? 1 : 0,
	};
	return 0;
}

static int
netdma_configure(struct rte_dma_dev *dev, const struct rte_dma_conf *conf, uint32_t size)
{
	if (size < sizeof(*conf) || conf->nb_vchans != 1) {
		NETDMA_PMD_LOG(ERR, "%s: exactly one vchan per device (one dmadev per channel)",
				dev->data->dev_name);
		return -EINVAL;
	}
	if (NETDMA_CONF_SILENT(conf)) {
		NETDMA_PMD_LOG(ERR, "%s: silent mode is not supported", dev->data->dev_name);
		return -EINVAL;
	}
	return 0;
}

static int vchan_setup(struct rte_dma_dev *dev, uint16_t vchan,
		const struct rte_dma_vchan_conf *conf, uint32_t size);

static int
netdma_vchan_setup(struct rte_dma_dev *dev, uint16_t vchan,
		const struct rte_dma_vchan_conf *conf, uint32_t size)
{
	int ret;

	pthread_rwlock_wrlock(&hold_lock);	/* it may free the channel */
	ret = vchan_setup(dev, vchan, conf, size);
	pthread_rwlock_unlock(&hold_lock);
	return ret;
}

static int
vchan_setup(struct rte_dma_dev *dev, uint16_t vchan,
		const struct rte_dma_vchan_conf *conf, uint32_t size)
{
	struct netdma_dmadev *nd = dev->data->dev_private;
	struct netdma_chan_config cc;
	uint16_t nb = conf->nb_desc;
	int ret;

	if (size < sizeof(*conf) || vchan != 0 || conf->direction != RTE_DMA_DIR_MEM_TO_MEM) {
		NETDMA_PMD_LOG(ERR, "%s: only vchan 0, memory to memory", dev->data->dev_name);
		return -EINVAL;
	}
	if (nb == 0)
		nb = NETDMA_DEFAULT_NB_DESC;
	if (nb < NETDMA_MIN_DESC || nb > NETDMA_MAX_DESC) {
		NETDMA_PMD_LOG(ERR, "%s: nb_desc %u outside [%u, %u]", dev->data->dev_name,
				nb, NETDMA_MIN_DESC, NETDMA_MAX_DESC);
		return -EINVAL;
	}
	nb = (uint16_t)rte_align32pow2(nb);
	if (nd->chan_ready) {
		netdma_chan_fini(&nd->ch);
		nd->chan_ready = false;
	}
	cc = (struct netdma_chan_config){
		.regs = (volatile uint8_t *)nd->hw.bar + CBDMA_CHAN_OFFSET(nd->hw.chan),
		.nb_desc = nb,
		.max_xfer = nd->max_xfer,
		.fill = nd->fill,
		.drsctl = cbdma_has_drsctl(nd->hw.bar),
		.suspend_timeout_us = nd->params.suspend_timeout_ms * 1000,
		.resume_mode = nd->params.resume_mode,
		.desc_plain = nd->params.desc_plain,
		.mem = { .alloc = mz_alloc, .free = mz_free, .ctx = nd },
		.name = dev->data->dev_name,
	};
	ret = netdma_chan_init(&nd->ch, &cc);
	if (ret != 0)
		return ret;
	nd->chan_ready = true;
	nd->nb_desc = nb;
	return 0;
}

static int
netdma_start(struct rte_dma_dev *dev)
{
	struct netdma_dmadev *nd = dev->data->dev_private;

	if (!nd->chan_ready) {
		NETDMA_PMD_LOG(ERR, "%s: start before vchan setup", dev->data->dev_name);
		return -EINVAL;
	}
	return netdma_chan_start(&nd->ch);
}

static int
netdma_stop(struct rte_dma_dev *dev)
{
	struct netdma_dmadev *nd = dev->data->dev_private;

	if (!nd->chan_ready)
		return 0;
	return netdma_chan_stop(&nd->ch);
}

static int
netdma_close(struct rte_dma_dev *dev)
{
	struct netdma_dmadev *nd = dev->data->dev_private;

	/* after the control calls that hold it; none finds it from now on */
	pthread_rwlock_wrlock(&hold_lock);
	if (nd->live) {
		TAILQ_REMOVE(&live_devs, nd, next);
		nd->live = false;
	}
	if (nd->chan_ready) {
		netdma_chan_fini(&nd->ch);
		nd->chan_ready = false;
	}
	pthread_rwlock_unlock(&hold_lock);
	if (nd->hw.release != NULL)
		nd->hw.release(nd->hw.owner);
	nd->hw.release = NULL;
	return 0;
}

static int
netdma_stats_get(const struct rte_dma_dev *dev, uint16_t vchan, struct rte_dma_stats *st,
		uint32_t size)
{
	const struct netdma_dmadev *nd = dev->data->dev_private;

	if (size < sizeof(*st) || (vchan != 0 && vchan != RTE_DMA_ALL_VCHAN))
		return -EINVAL;
	st->submitted = nd->ch.stats.submitted;
	st->completed = nd->ch.stats.completed;
	st->errors = nd->ch.stats.errors;
	return 0;
}

static int
netdma_stats_reset(struct rte_dma_dev *dev, uint16_t vchan)
{
	struct netdma_dmadev *nd = dev->data->dev_private;

	if (vchan != 0 && vchan != RTE_DMA_ALL_VCHAN)
		return -EINVAL;
	netdma_chan_stats_reset(&nd->ch);
	return 0;
}

static int
netdma_vchan_status(const struct rte_dma_dev *dev, uint16_t vchan,
		enum rte_dma_vchan_status *status)
{
	struct netdma_dmadev *nd = dev->data->dev_private;
	static const enum rte_dma_vchan_status map[] = {
		RTE_DMA_VCHAN_IDLE, RTE_DMA_VCHAN_ACTIVE, RTE_DMA_VCHAN_HALTED_ERROR,
	};

	if (vchan != 0)
		return -EINVAL;
	if (!nd->chan_ready || !nd->ch.started) {
		*status = RTE_DMA_VCHAN_IDLE;
		return 0;
	}
	*status = map[netdma_chan_vchan_status(&nd->ch)];
	return 0;
}

static int
netdma_dump(const struct rte_dma_dev *dev, FILE *f)
{
	struct netdma_dmadev *nd = dev->data->dev_private;

	fprintf(f, "netdma %s: CBDMA v%u.%u channel %u, XFERCAP %" PRIu64 " bytes, fill %s\n",
			dev->data->dev_name, nd->version >> 4, nd->version & 0xF, nd->hw.chan,
			nd->max_xfer, nd->fill ? "yes" : "no");
	if (nd->chan_ready)
		netdma_chan_dump(&nd->ch, f);
	else
		fprintf(f, "  vchan not set up\n");
	return 0;
}

static const struct rte_dma_dev_ops netdma_dev_ops = {
	.dev_info_get = netdma_info_get,
	.dev_configure = netdma_configure,
	.dev_start = netdma_start,
	.dev_stop = netdma_stop,
	.dev_close = netdma_close,
	.vchan_setup = netdma_vchan_setup,
	.stats_get = netdma_stats_get,
	.stats_reset = netdma_stats_reset,
	.vchan_status = netdma_vchan_status,
	.dev_dump = netdma_dump,
};

/* ---- creation ---- */

static void
core_log(int level, const char *msg)
{
	rte_log((uint32_t)level, netdma_logtype, "netdma: %s\n", msg);
}

int
netdma_dmadev_create(const char *name, const struct netdma_hw *hw,
		const struct netdma_params *params)
{
	struct rte_dma_dev *dev;
	struct netdma_dmadev *nd;
	uint8_t xfercap;

	netdma_set_log_fn(core_log);
	dev = rte_dma_pmd_allocate(name, hw->numa_node, sizeof(*nd));
	if (dev == NULL) {
		NETDMA_PMD_LOG(ERR, "%s: cannot allocate a dmadev", name);
		return -ENOMEM;
	}
	nd = dev->data->dev_private;
	nd->hw = *hw;
	nd->params = *params;
	nd->dmadev = dev;
	nd->version = cbdma_read8(hw->bar, CBDMA_REG_CBVER);
	xfercap = cbdma_read8(hw->bar, CBDMA_REG_XFERCAP) & 0x1F;
	nd->max_xfer = xfercap == 0 ? ((uint64_t)1 << 32) : ((uint64_t)1 << xfercap);
	nd->fill = (cbdma_read32(hw->bar, CBDMA_REG_DMACAP) & CBDMA_DMACAP_FILL) != 0;

	dev->device = hw->device;
	dev->dev_ops = &netdma_dev_ops;
	dev->fp_obj->dev_private = nd;
	dev->fp_obj->copy = fp_copy;
	dev->fp_obj->fill = fp_fill;
	dev->fp_obj->submit = fp_submit;
	dev->fp_obj->completed = fp_completed;
	dev->fp_obj->completed_status = fp_completed_status;
	dev->fp_obj->burst_capacity = fp_burst_capacity;
	dev->state = RTE_DMA_DEV_READY;
	pthread_rwlock_wrlock(&hold_lock);
	TAILQ_INSERT_TAIL(&live_devs, nd, next);
	nd->live = true;
	pthread_rwlock_unlock(&hold_lock);
	NETDMA_PMD_LOG(DEBUG, "%s: dmadev %d on CBDMA v%u.%u channel %u", name,
			dev->data->dev_id, nd->version >> 4, nd->version & 0xF, hw->chan);
	return 0;
}

int
netdma_dmadev_destroy(const char *name)
{
	return rte_dma_pmd_release(name);
}

struct netdma_dmadev *
netdma_dmadev_hold(int16_t dev_id)
{
	struct netdma_dmadev *nd;

	pthread_rwlock_rdlock(&hold_lock);
	TAILQ_FOREACH(nd, &live_devs, next)
		if (nd->dmadev->data->dev_id == dev_id)
			return nd;
	pthread_rwlock_unlock(&hold_lock);
	return NULL;
}

void
netdma_dmadev_put(void)
{
	pthread_rwlock_unlock(&hold_lock);
}

struct netdma_dmadev *
netdma_dmadev_get(int16_t dev_id)
{
	if (!rte_dma_is_valid(dev_id) || rte_dma_fp_objs[dev_id].copy != fp_copy)
		return NULL;
	return rte_dma_fp_objs[dev_id].dev_private;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/* Channel lifecycle: memory, bring-up, quiesce, dump. */

#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "netdma_fastpath.h"
#include "netdma_ctrl.h"
#include "netdma_internal.h"

#define NETDMA_DEFAULT_CMD_TIMEOUT_US	1000000
#define NETDMA_DEFAULT_SUSP_TIMEOUT_US	1000000
#define NETDMA_STOP_DRAIN_US		1000000
/* Silicon takes a command within about a descriptor's time; past this, waiting
 * for the engine yields the CPU, which a software engine may be sharing. */
#define NETDMA_SPIN_BEFORE_YIELD_NS	500

#define CHANCTRL_RUN	(CBDMA_CTRL_ERR_COMPLETION_EN | CBDMA_CTRL_ANY_ERR_ABORT_EN)

uint64_t
netdma_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

enum rte_dma_status_code
netdma_chanerr_to_status(uint32_t chanerr)
{
	/* the lowest set bit names the first cause */
	if (chanerr & CBDMA_ERR_SRC_ADDR)
		return RTE_DMA_STATUS_INVALID_SRC_ADDR;
	if (chanerr & CBDMA_ERR_DEST_ADDR)
		return RTE_DMA_STATUS_INVALID_DST_ADDR;
	if (chanerr & (CBDMA_ERR_NEXT_ADDR | CBDMA_ERR_NEXT_DESC_ALIGN |
			CBDMA_ERR_CHAIN_ADDR_VALUE))
		return RTE_DMA_STATUS_DESCRIPTOR_READ_ERROR;
	if (chanerr & CBDMA_ERR_READ_DATA)
		return RTE_DMA_STATUS_BUS_READ_ERROR;
	if (chanerr & CBDMA_ERR_WRITE_DATA)
		return RTE_DMA_STATUS_BUS_WRITE_ERROR;
	if (chanerr & CBDMA_ERR_LENGTH)
		return RTE_DMA_STATUS_INVALID_LENGTH;
	if (chanerr & CBDMA_ERR_CONTROL)
		return RTE_DMA_STATUS_INVALID_OPCODE;
	if (chanerr & CBDMA_ERR_COMPLETION_ADDR)
		return RTE_DMA_STATUS_INVALID_ADDR;
	if (chanerr & (CBDMA_ERR_CHIPSET_UNCORR | CBDMA_ERR_DMA_UNCORR))
		return RTE_DMA_STATUS_DATA_POISION;
	return RTE_DMA_STATUS_ERROR_UNKNOWN;
}

int
netdma_wait_sts(struct netdma_chan *ch, uint32_t timeout_us,
		bool (*cond)(struct netdma_chan *ch, void *arg), void *arg)
{
	uint64_t start = netdma_now_ns(), now;

	for (;;) {
		if (cond(ch, arg))
			return 0;
		now = netdma_now_ns();
		if (now - start > (uint64_t)timeout_us * 1000)
			return cond(ch, arg) ? 0 : -ETIMEDOUT;
		if (now - start > NETDMA_SPIN_BEFORE_YIELD_NS)
			sched_yield();
		else
			cbdma_cpu_pause();
	}
}

static bool
cmd_taken(struct netdma_chan *ch, void *arg)
{
	uint8_t bit = (uint8_t)(uintptr_t)arg;

	return (cbdma_read8(ch->regs, CBDMA_CHAN_CMD) & bit) == 0;
}

static bool
not_running(struct netdma_chan *ch, void *arg)
{
	unsigned int st = cbdma_sts_status(cbdma_read64(ch->regs, CBDMA_CHAN_STS));

	return st != CBDMA_STS_ACTIVE && st != CBDMA_STS_IDLE;
}

int
netdma_chain_count(const struct netdma_chan *ch, uint64_t from, uint16_t to_slot)
{
	uint64_t end = netdma_slot_iova(ch, to_slot);
	int n = 0, limit = ch->mask + 1 + NETDMA_INSERT_POOL + 1;

	while (from != end) {
		const struct cbdma_desc *d = netdma_desc_va(ch, from);

		if (d == NULL || ++n > limit)
			return -1;
		from = d->next;
	}
	return n;
}

/* The engine took the new chain (it left the HALTED state of the reset), or
 * already halted again on it (new error bits). */
static bool
rearmed(struct netdma_chan *ch, void *arg)
{
	(void)arg;
	return cbdma_sts_status(cbdma_read64(ch->regs, CBDMA_CHAN_STS)) != CBDMA_STS_HALTED ||
		(cbdma_read32(ch->regs, CBDMA_CHAN_ERR) & CBDMA_ERR_ALL) != 0;
}

int
netdma_hw_reset(struct netdma_chan *ch, uint32_t chanerr)
{
	volatile void *r = ch->regs;

	/* write-1-to-clear the defined bits only */
	cbdma_write32(r, CBDMA_CHAN_ERR, chanerr & CBDMA_ERR_ALL);
	/* RESET self-clears on silicon (Linux polls CHANCMD for it). */
	cbdma_write8(r, CBDMA_CHAN_CMD, CBDMA_CMD_RESET);
	if (netdma_wait_sts(ch, ch->cfg.cmd_timeout_us, cmd_taken,
			(void *)(uintptr_t)CBDMA_CMD_RESET) != 0) {
		NETDMA_LOG(ch, "channel reset did not complete within %u us",
				ch->cfg.cmd_timeout_us);
		return -ETIMEDOUT;
	}
	/* RESET replaced any command in flight */
	__atomic_store_n(&ch->susp_in_flight, false, __ATOMIC_RELAXED);
	__atomic_store_n(&ch->resume_in_flight, false, __ATOMIC_RELAXED);
	/*
	 * No descriptor prefetch (v3.4): a spliced chain must be read as it is
	 * when the engine gets to each descriptor, not as it was when fetched
	 * ahead.  Before any CHAINADDR write: it is taken with the chain.
	 */
	if (ch->cfg.drsctl)
		cbdma_write16(r, CBDMA_CHAN_DRSCTL, 0);
	cbdma_write16(r, CBDMA_CHAN_CTRL, CHANCTRL_RUN);
	cbdma_write64(r, CBDMA_CHAN_CMPADDR, ch->cw_iova);
	return 0;
}

void
netdma_hw_arm(struct netdma_chan *ch, uint64_t first, uint64_t after, uint16_t count)
{
	const struct cbdma_desc *ad = netdma_desc_va(ch, after);
	volatile void *r = ch->regs;

	/* The count restarts with the chain: never let the engine see the old
	 * count against the new chain (it would run ~65535 descriptors). */
	cbdma_write16(r, CBDMA_CHAN_DMACOUNT, 0);
	/*
	 * For ticket_status (passed_running()), which must not read a completed
	 * ring descriptor the data path may be rewriting: `after` and its link
	 * as they are now (it is the last processed descriptor, whose slot is
	 * not reused while that holds).  Before chain_start: its release covers
	 * them.
	 */
	__atomic_store_n(&ch->arm_last, after, __ATOMIC_RELAXED);
	__atomic_store_n(&ch->arm_next, ad != NULL ? ad->next : 0, __ATOMIC_RELAXED);
	/* before CHAINADDR: see netdma_decode_cw_slow() */
	__atomic_store_n(&ch->chain_start, first, __ATOMIC_RELEASE);
	cbdma_write64(r, CBDMA_CHAN_CHAINADDR, first);
	cbdma_write16(r, CBDMA_CHAN_DMACOUNT, count);
}

int
netdma_hw_rearm(struct netdma_chan *ch, uint64_t first, uint64_t after, uint16_t count)
{
	netdma_hw_arm(ch, first, after, count);
	/* Until the engine latches the chain, CHANSTS still shows the reset's
	 * HALTED: a suspend then would take the recovered channel for a
	 * halted one.  Return once the channel is ARMED (or on). */
	if (netdma_wait_sts(ch, ch->cfg.cmd_timeout_us, rearmed, NULL) != 0) {
		/* programmed all the same: it takes the chain when it gets to it */
		NETDMA_WARN(ch, "channel has not taken the chain at 0x%" PRIx64 " within %u us",
				first, ch->cfg.cmd_timeout_us);
		return -ETIMEDOUT;
	}
	return 0;
}

static void ring_close(struct netdma_chan *ch);

static int
default_alloc(void *ctx, size_t len, size_t align, struct netdma_dma_mem *out)
{
	return netdma_hugetlbfs_mem_ops.alloc(ctx, len, align, out);
}

int
netdma_chan_init(struct netdma_chan *ch, const struct netdma_chan_config *cfg)
{
	size_t ring_len, aux_len;
	unsigned int i;
	int ret;

	if (ch == NULL || cfg == NULL || cfg->regs == NULL)
		return -EINVAL;
	if (cfg->nb_desc < NETDMA_MIN_DESC || cfg->nb_desc > NETDMA_MAX_DESC ||
			(cfg->nb_desc & (cfg->nb_desc - 1)) != 0) {
		netdma_log(NETDMA_LOG_ERR, "%s: ring size %u is not a power of two in [%u, %u]",
				cfg->name ? cfg->name : "netdma", cfg->nb_desc,
				NETDMA_MIN_DESC, NETDMA_MAX_DESC);
		return -EINVAL;
	}
	memset(ch, 0, sizeof(*ch));
	ch->cfg = *cfg;
	if (ch->cfg.name == NULL)
		ch->cfg.name = "netdma";
	if (ch->cfg.cmd_timeout_us == 0)
		ch->cfg.cmd_timeout_us = NETDMA_DEFAULT_CMD_TIMEOUT_US;
	if (ch->cfg.suspend_timeout_us == 0)
		ch->cfg.suspend_timeout_us = NETDMA_DEFAULT_SUSP_TIMEOUT_US;
	if (ch->cfg.mem.alloc == NULL) {
		ch->cfg.mem = netdma_hugetlbfs_mem_ops;
		ch->cfg.mem.alloc = default_alloc;
	}
	/* A descriptor's size is 32 bits: at most UINT32_MAX bytes per job,
	 * which also keeps length - 1 from wrapping a length of 0 into range. */
	if (ch->cfg.max_xfer == 0 || ch->cfg.max_xfer > UINT32_MAX)
		ch->cfg.max_xfer = UINT32_MAX;

	/*
	 * Two IOVA-contiguous blocks: the ring (2 MiB at most: one huge page,
	 * so the largest ring needs no physically contiguous pages in IOVA-as-PA
	 * mode), and the completion word (own line) with the insert pool.
	 */
	ring_len = (size_t)cfg->nb_desc * CBDMA_DESC_SIZE;
	aux_len = NETDMA_CACHE_LINE + NETDMA_INSERT_POOL * CBDMA_DESC_SIZE;
	ret = ch->cfg.mem.alloc(ch->cfg.mem.ctx, ring_len, ring_len < 4096 ? 4096 : ring_len,
			&ch->mem);
	if (ret == 0) {
		ret = ch->cfg.mem.alloc(ch->cfg.mem.ctx, aux_len, 4096, &ch->aux_mem);
		if (ret != 0)
			ch->cfg.mem.free(ch->cfg.mem.ctx, &ch->mem);
	}
	if (ret != 0) {
		NETDMA_LOG(ch, "cannot allocate %zu + %zu bytes of DMA memory: %d", ring_len,
				aux_len, ret);
		return ret < 0 ? ret : -ENOMEM;
	}
	memset(ch->mem.va, 0, ring_len);
	memset(ch->aux_mem.va, 0, aux_len);
	ch->tickets = calloc(NETDMA_TICKET_RECORDS, sizeof(*ch->tickets));
	if (ch->tickets == NULL) {
		ch->cfg.mem.free(ch->cfg.mem.ctx, &ch->aux_mem);
		ch->cfg.mem.free(ch->cfg.mem.ctx, &ch->mem);
		return -ENOMEM;
	}
	pthread_mutex_init(&ch->ctrl_lock, NULL);

	ch->regs = cfg->regs;
	ch->ring = ch->mem.va;
	ch->ring_iova = ch->mem.iova;
	ch->mask = cfg->nb_desc - 1;
	ch->cw = ch->aux_mem.va;
	ch->cw_iova = ch->aux_mem.iova;
	ch->pool = (struct cbdma_desc *)((uintptr_t)ch->aux_mem.va + NETDMA_CACHE_LINE);
	ch->pool_iova = ch->aux_mem.iova + NETDMA_CACHE_LINE;
	ch->max_xfer_m1 = (uint32_t)(ch->cfg.max_xfer - 1);
	ch->fill_ok = cfg->fill;
#ifdef NETDMA_DESC_NT
	ch->desc_stream = !cfg->desc_plain;
#endif
	ch->next_ticket = 1;
	/* Link the ring once; enqueues rewrite the same links. */
	for (i = 0; i < cfg->nb_desc; i++)
		ch->ring[i].next = netdma_slot_iova(ch, (uint16_t)(i + 1));
	ring_close(ch);	/* no data-path work before start */
	return 0;
}

void
netdma_chan_fini(struct netdma_chan *ch)
{
	if (ch == NULL || ch->ring == NULL)
		return;
	if (ch->started)
		netdma_chan_stop(ch);
	free(ch->tickets);
	ch->tickets = NULL;
	pthread_mutex_destroy(&ch->ctrl_lock);
	ch->cfg.mem.free(ch->cfg.mem.ctx, &ch->aux_mem);
	ch->cfg.mem.free(ch->cfg.mem.ctx, &ch->mem);
	ch->ring = NULL;
}

static bool
first_null_done(struct netdma_chan *ch, void *arg)
{
	uint64_t cw = __atomic_load_n(ch->cw, __ATOMIC_ACQUIRE);

	return cbdma_sts_addr(cw) == ch->ring_iova &&
		cbdma_sts_status(cw) == CBDMA_STS_IDLE;
}

/*
 * Quiesce whatever the channel was doing: suspend if running, then reset.
 * 0 or -ETIMEDOUT (the reset was not taken).  *stuck (if given) tells
 * whether the engine failed to suspend in time (a hung engine); it was reset
 * anyway.
 */
static int
hw_quiesce(struct netdma_chan *ch, bool *stuck)
{
	volatile void *r = ch->regs;
	unsigned int st = cbdma_sts_status(cbdma_read64(r, CBDMA_CHAN_STS));

	if (stuck != NULL)
		*stuck = false;
	if (st == CBDMA_STS_ACTIVE || st == CBDMA_STS_IDLE) {
		cbdma_write8(r, CBDMA_CHAN_CMD, CBDMA_CMD_SUSPEND);
		if (netdma_wait_sts(ch, ch->cfg.suspend_timeout_us, not_running, NULL) != 0) {
			NETDMA_WARN(ch, "channel did not suspend; resetting anyway");
			if (stuck != NULL)
				*stuck = true;
		}
	}
	return netdma_hw_reset(ch, cbdma_read32(r, CBDMA_CHAN_ERR));
}

int
netdma_chan_start(struct netdma_chan *ch)
{
	volatile void *r = ch->regs;
	int ret;

	pthread_mutex_lock(&ch->ctrl_lock);
	if (ch->started) {
		pthread_mutex_unlock(&ch->ctrl_lock);
		return -EBUSY;
	}
	ret = hw_quiesce(ch, NULL);
	if (ret != 0)
		goto out;

	/* Fresh software state: ring_idx restarts at 0. */
	memset(&ch->stats, 0, sizeof(ch->stats));
	ch->write = 0;
	ch->read = 1;
	ch->hw_done = 1;
	ch->idx_base = 1;
	ch->owed_doorbell = ch->owed_recovery = ch->broken = 0;
	ch->fence_held = 0;
	ch->dp_marks = ch->marks_seen = 0;
	ch->ctl_marks = 0;
	ch->suspended = false;
	__atomic_store_n(&ch->ctl_word, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&ch->dmacount_offset, 0, __ATOMIC_RELAXED);
	memset(ch->tickets, 0, NETDMA_TICKET_RECORDS * sizeof(*ch->tickets));

	/* The first descriptor is a null one: from then on the channel always
	 * has a last processed descriptor. */
	ch->ring[0] = (struct cbdma_desc){
		.size = CBDMA_NULL_DESC_SIZE,
		.ctl = CBDMA_DESC_NULL | CBDMA_DESC_COMPL_WRITE,
		.next = netdma_slot_iova(ch, 1),
	};
	ch->write = 1;
	ch->submitted = 1;
	ch->rung = 1;
	__atomic_store_n(ch->cw, 0, __ATOMIC_RELAXED);
	ch->last_cw = 0;

	netdma_hw_arm(ch, ch->ring_iova, 0, 1);

	if (netdma_wait_sts(ch, ch->cfg.cmd_timeout_us, first_null_done, NULL) != 0) {
		NETDMA_LOG(ch, "first null descriptor did not complete (CHANSTS 0x%" PRIx64
				", CHANERR 0x%x)", cbdma_read64(r, CBDMA_CHAN_STS),
				cbdma_read32(r, CBDMA_CHAN_ERR));
		ret = -EIO;
		goto out;
	}
	ch->last_cw = __atomic_load_n(ch->cw, __ATOMIC_ACQUIRE);
	ch->started = 1;
out:
	pthread_mutex_unlock(&ch->ctrl_lock);
	return ret;
}

/* Stop's drain, standing in for the (quiescent) data path: it rings what it
 * owes (a suspension that failed, jobs held back by a fence). */
static bool
drained(struct netdma_chan *ch, void *arg)
{
	(void)arg;
	netdma_refresh(ch);
	if (ch->owed_doorbell)
		netdma_doorbell(ch);
	/* idle or halted; or an engine that runs nothing more (halted without
	 * a completion word, or reset by a stop that failed) */
	return netdma_chan_vchan_status(ch) != 1 ||
		cbdma_sts_status(cbdma_read64(ch->regs, CBDMA_CHAN_STS)) == CBDMA_STS_HALTED;
}

/*
 * A channel that is not started refuses data-path work with no check on the
 * fast path: its ring looks full (enqueue -ENOSPC, burst capacity 0) and
 * fully reported (completions report nothing, no doorbell or recovery owed).
 */
static void
ring_close(struct netdma_chan *ch)
{
	ch->read = (uint16_t)(ch->write - ch->mask);
	ch->hw_done = ch->read;
	__atomic_store_n(&ch->submitted, ch->write, __ATOMIC_RELAXED);
	__atomic_store_n(&ch->rung, ch->hw_done, __ATOMIC_RELAXED);
	ch->owed_doorbell = 0;
	ch->owed_recovery = 0;
	ch->fence_held = 0;
	ch->last_cw = __atomic_load_n(ch->cw, __ATOMIC_ACQUIRE);
}

/*
 * Stop: resume a suspended channel, let submitted jobs drain (bounded), then
 * suspend and reset the engine.  Returns 0, or -ETIMEDOUT when the engine
 * could not be quiesced: it did not suspend within suspend_timeout_us (a hung
 * engine; it was reset anyway) or did not take the reset.  Then the channel
 * stays started (as the dmadev layer keeps a device whose stop failed): a
 * later stop tries again and, once the reset took, finds the engine halted
 * and succeeds at once.  Never waits without a bound.
 */
int
netdma_chan_stop(struct netdma_chan *ch)
{
	uint16_t unreported, unsubmitted;
	bool stuck;
	int ret;

	pthread_mutex_lock(&ch->ctrl_lock);
	if (!ch->started) {
		pthread_mutex_unlock(&ch->ctrl_lock);
		return 0;
	}
	/* A suspended channel is resumed so that what it holds runs (the lock
	 * is held throughout: no suspension can slip in). */
	if (ch->suspended)
		netdma_resume_locked(ch);
	/* The data path is quiescent (dmadev): do what its next polls would
	 * have done (a suspension that timed out resumed, owed doorbells rung). */
	netdma_resume_orphan(ch);
	if (netdma_wait_sts(ch, NETDMA_STOP_DRAIN_US, drained, NULL) != 0)
		NETDMA_WARN(ch, "stop: submitted jobs did not finish within %u us",
				NETDMA_STOP_DRAIN_US);
	netdma_refresh(ch);
	unreported = (uint16_t)(ch->submitted - ch->read);
	unsubmitted = (uint16_t)(ch->write - ch->submitted);
	if (unreported != 0 || unsubmitted != 0)
		NETDMA_WARN(ch, "stop: %u jobs submitted but not reported, %u enqueued but never "
				"submitted; they are dropped (ring_idx restarts at 0)",
				unreported, unsubmitted);
	ret = hw_quiesce(ch, &stuck);
	if (ret == 0 && stuck)
		ret = -ETIMEDOUT;
	if (ret == 0) {
		ring_close(ch);
		ch->started = 0;
	} else {
		NETDMA_LOG(ch, "stop: the engine could not be quiesced (%s); the channel stays "
				"started, stop again", stuck ? "it did not suspend" :
				"reset not taken");
	}
	pthread_mutex_unlock(&ch->ctrl_lock);
	return ret;
}

void
netdma_chan_stats_reset(struct netdma_chan *ch)
{
	memset(&ch->stats, 0, sizeof(ch->stats));
}

int
netdma_chan_vchan_status(struct netdma_chan *ch)
{
	uint64_t cw = __atomic_load_n(ch->cw, __ATOMIC_ACQUIRE);
	uint16_t sub = __atomic_load_n(&ch->submitted, __ATOMIC_RELAXED);
	uint64_t addr = cbdma_sts_addr(cw);

	if (cbdma_sts_status(cw) == CBDMA_STS_HALTED ||
			__atomic_load_n(&ch->broken, __ATOMIC_RELAXED))
		return 2;
	if (addr == netdma_slot_iova(ch, (uint16_t)(sub - 1)))
		return 0;
	/* nothing processed since the channel was armed: idle if it was
	 * armed right after the last submitted job */
	if (addr == 0)
		return __atomic_load_n(&ch->chain_start, __ATOMIC_ACQUIRE) ==
			netdma_slot_iova(ch, sub) ? 0 : 1;
	if (netdma_iova_in_pool(ch, addr)) {
		const struct cbdma_desc *d = netdma_desc_va(ch, addr);

		if ((uint16_t)d->user1 == sub)
			return 0;
	}
	return 1;
}

void
netdma_chan_dump(struct netdma_chan *ch, FILE *f)
{
	volatile void *r = ch->regs;
	uint64_t sts = cbdma_read64(r, CBDMA_CHAN_STS);
	uint64_t cw = __atomic_load_n(ch->cw, __ATOMIC_ACQUIRE);

	fprintf(f, "  channel %s: %s, ring %u descriptors at IOVA 0x%" PRIx64
			" (%s stores)\n", ch->cfg.name, ch->started ? "started" : "stopped",
			ch->mask + 1, ch->ring_iova, ch->desc_stream ? "streaming" : "plain");
	fprintf(f, "  CHANSTS 0x%" PRIx64 " (%s), CHANERR 0x%x, CHANCTRL 0x%x, DMACOUNT %u\n",
			sts, cbdma_sts_name(cbdma_sts_status(sts)), cbdma_read32(r, CBDMA_CHAN_ERR),
			cbdma_read16(r, CBDMA_CHAN_CTRL), cbdma_read16(r, CBDMA_CHAN_DMACOUNT));
	fprintf(f, "  completion word 0x%" PRIx64 " (%s) at IOVA 0x%" PRIx64 "\n",
			cw, cbdma_sts_name(cbdma_sts_status(cw)), ch->cw_iova);
	fprintf(f, "  slots: write %u submitted %u rung %u hw_done %u read %u "
			"(ring_idx base %u, DMACOUNT offset %u)\n", ch->write,
			__atomic_load_n(&ch->submitted, __ATOMIC_RELAXED),
			__atomic_load_n(&ch->rung, __ATOMIC_RELAXED), ch->hw_done, ch->read,
			ch->idx_base, __atomic_load_n(&ch->dmacount_offset, __ATOMIC_RELAXED));
	fprintf(f, "  stats: submitted %" PRIu64 " completed %" PRIu64 " errors %" PRIu64
			" recoveries %" PRIu64 "%s\n", ch->stats.submitted, ch->stats.completed,
			ch->stats.errors, ch->stats_recoveries, ch->broken ? " BROKEN" : "");
	netdma_ctrl_dump(ch, f);
}

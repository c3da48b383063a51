/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * The data path's slow paths: completion words that do not name a ring
 * descriptor (halts, inserted descriptors, ARMED), per-job marks (failed,
 * cancelled, not attempted) and error recovery.  Runs on the data-path
 * thread only.
 */

#include <string.h>

#include "netdma_fastpath.h"
#include "netdma_internal.h"

/* Empty polls between two CHANSTS reads, to notice a halt whose completion
 * write itself failed (bad completion address). */
#define NETDMA_STS_CHECK_POLLS	1024

uint16_t
netdma_scan_marks(struct netdma_chan *ch, uint16_t n, bool *stopped,
		enum rte_dma_status_code *status)
{
	uint16_t i;

	for (i = 0; i < n; i++) {
		uint64_t u1 = ch->ring[(uint16_t)(ch->read + i) & ch->mask].user1;

		if (!NETDMA_IS_MARK(u1)) {
			if (status != NULL)
				status[i] = RTE_DMA_STATUS_SUCCESSFUL;
			continue;
		}
		if (status == NULL) {
			/* completed(): stop before the job that did not succeed */
			*stopped = true;
			return i;
		}
		status[i] = NETDMA_MARK_STATUS(u1);
		ch->marks_seen++;
		ch->stats.errors++;
	}
	return n;
}

/* Enter the data-path section; false when the control side holds the channel. */
static bool
dp_enter(struct netdma_chan *ch)
{
	uint64_t ctl;

	__atomic_store_n(&ch->dp_busy, 1, __ATOMIC_RELAXED);
	/* Pairs with the fence in netdma_exclude_dp(). */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	ctl = __atomic_load_n(&ch->ctl_word, __ATOMIC_ACQUIRE);
	if (ctl & NETDMA_CTL_EXCLUDE) {
		__atomic_store_n(&ch->dp_busy, 0, __ATOMIC_RELEASE);
		return false;
	}
	return true;
}

static void
dp_leave(struct netdma_chan *ch)
{
	/* Pairs with the acquire load of dp_busy in netdma_exclude_dp(). */
	__atomic_store_n(&ch->dp_busy, 0, __ATOMIC_RELEASE);
}

/*
 * Jobs fenced behind a failure are not attempted: from the first job after
 * the failed one that carries RTE_DMA_OP_FLAG_FENCE up to the last job
 * submitted, each becomes a null descriptor reported NOT_ATTEMPTED.
 */
static void
mark_fenced_not_attempted(struct netdma_chan *ch, uint16_t failed_slot)
{
	uint16_t s, end = ch->submitted;
	bool fenced = false;

	for (s = failed_slot + 1; s != end; s++) {
		struct cbdma_desc *d = &ch->ring[s & ch->mask];

		if (!fenced && !(d->user2 & NETDMA_USER2_FENCE))
			continue;
		fenced = true;
		if (NETDMA_IS_MARK(d->user1))
			continue;
		netdma_desc_make_null(d);
		d->user1 = NETDMA_MARK(RTE_DMA_STATUS_NOT_ATTEMPTED);
		ch->dp_marks++;
	}
}

/*
 * Recover a HALTED channel: the job after the last completed one failed.
 * Mark it, then re-arm the channel at the descriptor after it (clear
 * CHANERR, RESET, CHANCTRL, CHANCMP, CHAINADDR, DMACOUNT counted from zero).
 * Called inside the data-path section.
 */
static void
recover(struct netdma_chan *ch, uint64_t halted_word)
{
	uint64_t last = cbdma_sts_addr(halted_word);
	uint64_t failed, restart;
	struct cbdma_desc *ld, *fd;
	uint32_t chanerr;
	enum rte_dma_status_code st;
	int cnt;

	if (last != 0) {
		ld = netdma_desc_va(ch, last);
		failed = ld != NULL ? ld->next : 0;
	} else {
		failed = __atomic_load_n(&ch->chain_start, __ATOMIC_RELAXED);
	}
	fd = netdma_desc_va(ch, failed);
	chanerr = cbdma_read32(ch->regs, CBDMA_CHAN_ERR) & CBDMA_ERR_ALL;
	st = netdma_chanerr_to_status(chanerr);
	if (fd == NULL) {
		NETDMA_LOG(ch, "halted with CHANERR 0x%x at an unknown descriptor 0x%" PRIx64
				"; channel left halted", chanerr, failed);
		ch->broken = 1;
		return;
	}

	if (netdma_iova_in_ring(ch, failed)) {
		uint16_t slot = ch->hw_done;	/* the job after the last completed */

		if (!NETDMA_IS_MARK(fd->user1)) {
			fd->user1 = NETDMA_MARK(st);
			ch->dp_marks++;
		}
		mark_fenced_not_attempted(ch, slot);
	} else {
		netdma_ticket_set_status(ch, fd->user2, st);
	}

	restart = fd->next;
	/* The engine is halted: the completion word is ours until re-armed.
	 * Record the failed descriptor as processed. */
	__atomic_store_n(ch->cw, (uint64_t)CBDMA_STS_ACTIVE | failed, __ATOMIC_RELAXED);
	netdma_refresh(ch);

	cnt = netdma_chain_count(ch, restart, ch->submitted);
	if (cnt < 0) {
		NETDMA_LOG(ch, "cannot follow the chain from 0x%" PRIx64 "; channel left halted",
				restart);
		ch->broken = 1;
		return;
	}
	if (netdma_hw_rearm(ch, restart, (uint16_t)cnt, chanerr) != 0) {
		ch->broken = 1;
		return;
	}
	__atomic_store_n(&ch->dmacount_offset, (uint16_t)(cnt - ch->submitted),
			__ATOMIC_RELAXED);
	__atomic_store_n(&ch->rung, ch->submitted, __ATOMIC_RELAXED);
	ch->owed_doorbell = 0;
	ch->stats_recoveries++;
}

static void
try_recover(struct netdma_chan *ch, uint64_t halted_word)
{
	if (ch->broken)
		return;
	if (!dp_enter(ch)) {
		ch->owed_recovery = 1;
		ch->owed_word = halted_word;
		return;
	}
	ch->owed_recovery = 0;
	recover(ch, halted_word);
	dp_leave(ch);
}

void
netdma_decode_cw_slow(struct netdma_chan *ch, uint64_t cw)
{
	uint64_t addr = cbdma_sts_addr(cw);
	unsigned int st = cbdma_sts_status(cw);

	if (addr == 0) {
		/* Nothing processed since the channel was armed at chain_start
		 * (e.g. suspended while ARMED): everything before it is done.
		 * chain_start was stored before CHAINADDR was written, which the
		 * engine read before writing this word: the acquire load of the
		 * word makes it visible here. */
		addr = __atomic_load_n(&ch->chain_start, __ATOMIC_RELAXED);
		if (netdma_iova_in_ring(ch, addr)) {
			uint16_t slot = (uint16_t)((addr - ch->ring_iova) / CBDMA_DESC_SIZE);

			ch->hw_done = ch->read + ((uint16_t)(slot - ch->read) & ch->mask);
		} else if (netdma_iova_in_pool(ch, addr)) {
			const struct cbdma_desc *d = netdma_desc_va(ch, addr);

			if (NETDMA_IS_INSERTED(d->user1) &&
					(uint16_t)((uint16_t)d->user1 - ch->read) <= ch->mask)
				ch->hw_done = (uint16_t)d->user1;
		}
		ch->last_cw = cw;
		if (st == CBDMA_STS_HALTED)
			try_recover(ch, cw);
		return;
	}
	if (netdma_iova_in_pool(ch, addr)) {
		/* An inserted descriptor: every ring job before the slot it runs
		 * before is done. */
		struct cbdma_desc *d = netdma_desc_va(ch, addr);

		if (NETDMA_IS_INSERTED(d->user1)) {
			uint16_t before = (uint16_t)d->user1;

			if ((uint16_t)(before - ch->read) <= ch->mask)
				ch->hw_done = before;
		}
	} else if (netdma_iova_in_ring(ch, addr)) {
		uint16_t slot = (uint16_t)((addr - ch->ring_iova) / CBDMA_DESC_SIZE);

		ch->hw_done = ch->read + ((uint16_t)(slot + 1 - ch->read) & ch->mask);
	}
	ch->last_cw = cw;
	if (st == CBDMA_STS_HALTED)
		try_recover(ch, cw);
}

void
netdma_poll_slow(struct netdma_chan *ch)
{
	if (ch->owed_recovery) {
		try_recover(ch, ch->owed_word);
		return;
	}
	if (ch->owed_doorbell) {
		netdma_doorbell(ch);
		return;
	}
	/* Nothing new: once in a while look at CHANSTS for a halt that could
	 * not write the completion word. */
	if (ch->hw_done == __atomic_load_n(&ch->rung, __ATOMIC_RELAXED) || ch->broken)
		return;
	if (++ch->empty_polls < NETDMA_STS_CHECK_POLLS)
		return;
	ch->empty_polls = 0;
	uint64_t sts = cbdma_read64(ch->regs, CBDMA_CHAN_STS);

	if (cbdma_sts_status(sts) == CBDMA_STS_HALTED &&
			cbdma_sts_status(ch->last_cw) != CBDMA_STS_HALTED &&
			(cbdma_read32(ch->regs, CBDMA_CHAN_ERR) & CBDMA_ERR_ALL) != 0)
		netdma_decode_cw_slow(ch, sts);
}

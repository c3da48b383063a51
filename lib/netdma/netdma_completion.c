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

/*
 * last_cw after a word that names an inserted descriptor (or none): a value
 * the engine never writes (status 7), so the next refresh decodes again.
 * The same word can mean new progress: the control side reuses an inserted
 * descriptor once the engine is past it, and when the reused one is again the
 * last processed, the engine writes the very same word (ABA).  Ring words
 * cannot repeat unseen: a slot runs again only after it was reported.
 */
#define NETDMA_CW_REDECODE	0x7ull

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

/*
 * Jobs fenced behind a failure are not attempted: from the first job after
 * the failed one that carries RTE_DMA_OP_FLAG_FENCE up to the last job
 * submitted, each becomes a null descriptor reported NOT_ATTEMPTED.  "After"
 * is execution order: the chain from the failed descriptor's next, inserted
 * jobs included (they report through their ticket).  The control side edits
 * descriptors only while it excludes this section.
 */
static void
mark_fenced_not_attempted(struct netdma_chan *ch, uint64_t from)
{
	uint64_t end = netdma_slot_iova(ch, ch->submitted);
	int limit = ch->mask + 1 + NETDMA_INSERT_POOL + 1;
	bool fenced = false;

	for (; from != end && --limit >= 0; ) {
		struct cbdma_desc *d = netdma_desc_va(ch, from);
		bool inserted = netdma_iova_in_pool(ch, from);

		if (d == NULL)
			return;
		if (!fenced)
			fenced = netdma_desc_job_fenced(d, inserted);
		if (fenced && inserted) {
			netdma_desc_make_null(d);
			netdma_ticket_set_status(ch, d->user2, RTE_DMA_STATUS_NOT_ATTEMPTED);
		} else if (fenced && !NETDMA_IS_MARK(d->user1)) {
			netdma_desc_make_null(d);
			d->user1 = NETDMA_MARK(RTE_DMA_STATUS_NOT_ATTEMPTED);
			ch->dp_marks++;
		}
		from = d->next;
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
	uint16_t limit;
	struct cbdma_desc *ld, *fd;
	uint32_t chanerr;
	enum rte_dma_status_code st;
	int cnt;

	if (last != 0) {
		ld = netdma_desc_va(ch, last);
		failed = ld != NULL ? ld->next : 0;
	} else {
		failed = __atomic_load_n(&ch->chain_start, __ATOMIC_ACQUIRE);
	}
	fd = netdma_desc_va(ch, failed);
	chanerr = cbdma_read32(ch->regs, CBDMA_CHAN_ERR) & CBDMA_ERR_ALL;
	st = netdma_chanerr_to_status(chanerr);
	if (fd == NULL) {
		NETDMA_LOG(ch, "halted with CHANERR 0x%x at an unknown descriptor 0x%" PRIx64
				"; channel left halted", chanerr, failed);
		__atomic_store_n(&ch->broken, 1, __ATOMIC_RELAXED);
		return;
	}

	if (netdma_iova_in_ring(ch, failed)) {
		if (!NETDMA_IS_MARK(fd->user1)) {
			fd->user1 = NETDMA_MARK(st);
			ch->dp_marks++;
		}
	} else {
		/* an inserted job: its ticket reports the failure */
		netdma_ticket_set_status(ch, fd->user2, st);
	}
	/* a failed inserted job fences later jobs as a data-path one does */
	mark_fenced_not_attempted(ch, fd->next);

	if (netdma_hw_reset(ch, chanerr) != 0) {
		/* A RESET the engine did not take in time (a loaded machine):
		 * try again on the next call; what was marked stays marked. */
		__atomic_store_n(&ch->owed_recovery, 1, __ATOMIC_RELAXED);
		ch->owed_word = halted_word;
		return;
	}
	/*
	 * The engine took RESET, so it has made every write it owed before,
	 * its own halt word included (it may write that word long after
	 * CHANSTS showed the halt): from here until the re-arm the completion
	 * word is ours.  Record the failed descriptor as processed.  Release: a
	 * control thread that sees it (ticket_status) sees the ticket's outcome
	 * set above.
	 */
	__atomic_store_n(ch->cw, (uint64_t)CBDMA_STS_ACTIVE | failed, __ATOMIC_RELEASE);
	netdma_refresh(ch);

	restart = fd->next;
	limit = netdma_ring_limit(ch);
	cnt = netdma_chain_count(ch, restart, limit);
	if (cnt < 0) {
		NETDMA_LOG(ch, "cannot follow the chain from 0x%" PRIx64 "; channel left halted",
				restart);
		__atomic_store_n(&ch->broken, 1, __ATOMIC_RELAXED);
		return;
	}
	__atomic_store_n(&ch->dmacount_offset, (uint16_t)(cnt - limit), __ATOMIC_RELAXED);
	__atomic_store_n(&ch->rung, limit, __ATOMIC_RELAXED);	/* before the count */
	netdma_hw_rearm(ch, restart, failed, (uint16_t)cnt);
	ch->owed_doorbell = limit != ch->submitted;
	ch->stats_recoveries++;
}

static void
try_recover(struct netdma_chan *ch, uint64_t halted_word)
{
	if (ch->broken)
		return;
	if (!netdma_dp_enter(ch)) {
		__atomic_store_n(&ch->owed_recovery, 1, __ATOMIC_RELAXED);
		ch->owed_word = halted_word;
		return;
	}
	/* (atomic: netdma_suspend() reads it, and broken, from another thread) */
	__atomic_store_n(&ch->owed_recovery, 0, __ATOMIC_RELAXED);
	recover(ch, halted_word);
	netdma_dp_leave(ch);
}

/* Ring jobs done (exclusive) when `before` is the slot an inserted job runs
 * before; the current value when the descriptor is not an inserted one. */
static uint16_t
done_before_inserted(const struct netdma_chan *ch, const struct cbdma_desc *d, uint16_t done)
{
	/* Acquire pairs with the release store of user1 in netdma_insert(). */
	uint64_t u1 = __atomic_load_n(&d->user1, __ATOMIC_ACQUIRE);

	if (NETDMA_IS_INSERTED(u1) && (uint16_t)((uint16_t)u1 - ch->read) <= ch->mask)
		return (uint16_t)u1;
	return done;
}

void
netdma_decode_cw_slow(struct netdma_chan *ch, uint64_t cw)
{
	for (;;) {
		uint64_t addr = cbdma_sts_addr(cw);
		unsigned int st = cbdma_sts_status(cw);
		uint16_t done = ch->hw_done;
		bool read_pool = false, no_addr = addr == 0;

		if (addr == 0) {
			/* Nothing processed since the channel was armed at
			 * chain_start (e.g. suspended while ARMED): everything
			 * before it is done.  Acquire pairs with the release
			 * store of chain_start by whoever armed the channel: that
			 * side had seen the engine finish everything before it
			 * (CHANSTS or the completion word, acquire), so those
			 * jobs' data is visible here too. */
			addr = __atomic_load_n(&ch->chain_start, __ATOMIC_ACQUIRE);
			if (netdma_iova_in_ring(ch, addr)) {
				uint16_t slot = (uint16_t)((addr - ch->ring_iova) / CBDMA_DESC_SIZE);

				done = ch->read + ((uint16_t)(slot - ch->read) & ch->mask);
			} else if (netdma_iova_in_pool(ch, addr)) {
				done = done_before_inserted(ch, netdma_desc_va(ch, addr), done);
				read_pool = true;
			}
		} else if (netdma_iova_in_pool(ch, addr)) {
			/* An inserted descriptor: every ring job before the slot it
			 * runs before is done. */
			done = done_before_inserted(ch, netdma_desc_va(ch, addr), done);
			read_pool = true;
		} else if (netdma_iova_in_ring(ch, addr)) {
			uint16_t slot = (uint16_t)((addr - ch->ring_iova) / CBDMA_DESC_SIZE);

			done = ch->read + ((uint16_t)(slot + 1 - ch->read) & ch->mask);
		}
		if (read_pool) {
			/*
			 * The control side reuses an inserted descriptor once the
			 * engine is past it, only after the engine (or itself)
			 * wrote a newer completion word, and it publishes the new
			 * user1 with release.  So if the word is unchanged, the
			 * user1 read above belongs to this word; if not, decode
			 * the newer one.
			 */
			uint64_t now = __atomic_load_n(ch->cw, __ATOMIC_ACQUIRE);

			if (now != cw) {
				cw = now;
				continue;
			}
		}
		ch->hw_done = done;
		ch->last_cw = read_pool || no_addr ? NETDMA_CW_REDECODE : cw;
		if (st == CBDMA_STS_HALTED)
			try_recover(ch, cw);
		return;
	}
}

/*
 * CHANERR bits latched without a halt (a soft error the engine went on
 * after) would be taken for the cause of the next halt.  Clear them while
 * the engine has nothing to run: CHANSTS shows it IDLE after the last
 * descriptor it was given, the completion word names that descriptor (IDLE,
 * or SUSPENDED by a suspension resumed with nothing to run), and only this
 * thread or a resume (excluded by the data-path section) gives it more.  (A resume
 * that only added inserted jobs, just before, leaves a window of one engine
 * poll in which a real error of theirs could lose its cause: it is then
 * reported as RTE_DMA_STATUS_ERROR_UNKNOWN, still as a failure.)
 */
static void
clear_stale_chanerr(struct netdma_chan *ch, uint16_t rung, uint64_t sts)
{
	uint64_t last = netdma_slot_iova(ch, (uint16_t)(rung - 1));
	unsigned int cst = cbdma_sts_status(ch->last_cw);
	uint32_t err;

	if (cbdma_sts_addr(ch->last_cw) != last || ch->owed_doorbell ||
			(cst != CBDMA_STS_IDLE && cst != CBDMA_STS_SUSPENDED) ||
			cbdma_sts_status(sts) != CBDMA_STS_IDLE || cbdma_sts_addr(sts) != last)
		return;
	err = cbdma_read32(ch->regs, CBDMA_CHAN_ERR) & CBDMA_ERR_ALL;
	if (err == 0 || !netdma_dp_enter(ch))
		return;
	sts = cbdma_read64(ch->regs, CBDMA_CHAN_STS);
	if (cbdma_sts_status(sts) == CBDMA_STS_IDLE && cbdma_sts_addr(sts) == last &&
			__atomic_load_n(&ch->rung, __ATOMIC_RELAXED) == rung &&
			__atomic_load_n(ch->cw, __ATOMIC_ACQUIRE) == ch->last_cw) {
		/* write-1-to-clear the bits seen, only those */
		cbdma_write32(ch->regs, CBDMA_CHAN_ERR, err);
		NETDMA_DEBUG(ch, "CHANERR 0x%x latched with no halt; cleared", err);
	}
	netdma_dp_leave(ch);
}


void
netdma_resume_orphan(struct netdma_chan *ch)
{
	/* Acquire (ctl_word, dp_busy): set by control before it let us in. */
	if (!__atomic_load_n(&ch->susp_in_flight, __ATOMIC_RELAXED) ||
			cbdma_sts_status(cbdma_read64(ch->regs, CBDMA_CHAN_STS)) !=
			CBDMA_STS_SUSPENDED)
		return;
	cbdma_write8(ch->regs, CBDMA_CHAN_CMD, CBDMA_CMD_RESUME);
	__atomic_store_n(&ch->resume_in_flight, true, __ATOMIC_RELAXED);
	__atomic_store_n(&ch->susp_in_flight, false, __ATOMIC_RELAXED);
	NETDMA_DEBUG(ch, "a suspension that timed out was taken since: resumed");
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
		/* Jobs held back by a fence wait for the ones before them:
		 * look at the channel meanwhile (one of them may have halted
		 * it without a completion word). */
		if (!ch->fence_held)
			return;
	}
	/* A SUSPEND whose wait timed out may be taken any time: resume it
	 * as soon as it is (the channel would stall until then). */
	if (unlikely(__atomic_load_n(&ch->susp_in_flight, __ATOMIC_RELAXED)) &&
			netdma_dp_enter(ch)) {
		netdma_resume_orphan(ch);
		netdma_dp_leave(ch);
	}
	/* Nothing new: once in a while look at the registers. */
	if (ch->broken || ++ch->empty_polls < NETDMA_STS_CHECK_POLLS)
		return;
	ch->empty_polls = 0;
	uint16_t rung = __atomic_load_n(&ch->rung, __ATOMIC_RELAXED);
	/*
	 * A halt the completion word has not reported: one that could not
	 * write it (a bad completion address), or whose word is still on its
	 * way (an engine publishes CHANSTS first).  Taken from CHANSTS: the
	 * recovery's RESET is taken only after the engine made the writes it
	 * owed, a late halt word included, and the recovery writes the word
	 * only after that (recover()).  Looked for even with every ring job
	 * done: an inserted job after the last one may be what halted.
	 */
	uint64_t sts = cbdma_read64(ch->regs, CBDMA_CHAN_STS);

	if (cbdma_sts_status(sts) == CBDMA_STS_HALTED &&
			cbdma_sts_status(ch->last_cw) != CBDMA_STS_HALTED &&
			(cbdma_read32(ch->regs, CBDMA_CHAN_ERR) & CBDMA_ERR_ALL) != 0) {
		/* The engine is halted: write the halt word ourselves, so that
		 * the decode (which re-reads the word) sees the halt. */
		__atomic_store_n(ch->cw, sts, __ATOMIC_RELAXED);
		netdma_decode_cw_slow(ch, sts);
		return;
	}
	if (ch->hw_done == rung)
		clear_stale_chanerr(ch, rung, sts);
}

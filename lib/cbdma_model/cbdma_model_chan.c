/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * One poll of one channel: commands, chain latch, descriptors, CHANERR
 * write-1-to-clear, in that order.  All state changes the driver can see go
 * through the register file and the completion word.
 */

#include <stdlib.h>

#include "cbdma_model_priv.h"

#define CMD_KNOWN (CBDMA_CMD_SUSPEND | CBDMA_CMD_ABORT | CBDMA_CMD_RESUME | \
		CBDMA_CMD_RESET)

void
model_chan_init(struct model_chan *ch)
{
	ch->status = CBDMA_STS_HALTED;
	ch->count = 0;
	ch->chain = 0;
	ch->last = 0;
	ch->err = 0;
	ch->err_pub = 0;
	ch->fault.kind = CBDMA_FAULT_NONE;
	ch->hang = HANG_NONE;
	sts_publish(ch);
}

uint64_t *
model_cmp_ptr(struct model_chan *ch)
{
	uint64_t a = chan_rd64(ch, CBDMA_CHAN_CMPADDR);

	if (a == 0 || (a & 7) != 0)
		return NULL;
	return model_translate(ch->m, a, sizeof(uint64_t));
}

/* A completion write the engine makes on its own (suspend, abort, halt). */
static void
cmp_write_own(struct model_chan *ch, uint64_t word)
{
	uint64_t *p = model_cmp_ptr(ch);

	/* Release pairs with the driver's acquire load of the completion word. */
	if (p != NULL)
		__atomic_store_n(p, word, __ATOMIC_RELEASE);
}

bool
model_chanerr_sync(struct model_chan *ch)
{
	bool changed = false;

	for (;;) {
		uint32_t reg = chan_rd32(ch, CBDMA_CHAN_ERR);
		uint32_t want;

		if (reg != ch->err_pub) {
			/* The driver wrote CHANERR: write 1 to clear. */
			ch->err &= ~(reg & ~CBDMA_MODEL_CHANERR_MIRROR);
			changed = true;
		}
		want = ch->err ? (ch->err | CBDMA_MODEL_CHANERR_MIRROR) : 0;
		/*
		 * CAS, not a store, so a driver write landing meanwhile is not
		 * lost: it fails the CAS and is folded in on the next turn.
		 * Release: bits are published after CHANSTS-visible state.
		 */
		if (reg == want || __atomic_compare_exchange_n(
				(volatile uint32_t *)(ch->regs + CBDMA_CHAN_ERR),
				&reg, want, false, __ATOMIC_RELEASE, __ATOMIC_RELAXED)) {
			ch->err_pub = want;
			return changed;
		}
	}
}

void
model_chan_error(struct model_chan *ch, uint32_t bits, uint64_t iova)
{
	uint64_t word;

	if (ch->st != NULL) {
		/* Strict: held-back writes land, prefetched descriptors go. */
		model_strict_settle(ch);
		model_strict_drop(ch);
	}
	stat_add(&ch->stats.errors, 1);
	ch->err |= bits;
	model_chanerr_sync(ch);
	ch->status = CBDMA_STS_HALTED;
	word = CBDMA_STS_HALTED | ch->last;
	/* CDAR: the descriptor that failed as fetched, else the last completed. */
	chan_wr64(ch, CBDMA_CHAN_CDAR, iova != 0 ? iova : ch->last);
	sts_publish(ch);
	if (ch->halt_word_delay_us != 0) {
		/* an engine slow to write its report (fault injection) */
		model_sleep_us(ch->m, ch->halt_word_delay_us);
		ch->halt_word_delay_us = 0;
	}
	/* A bad completion address cannot receive its own error report. */
	if ((chan_rd16(ch, CBDMA_CHAN_CTRL) & CBDMA_CTRL_ERR_COMPLETION_EN) &&
			!(bits & CBDMA_ERR_COMPLETION_ADDR))
		cmp_write_own(ch, word);
}

static void
cmd_reset(struct model_chan *ch)
{
	if (ch->st != NULL) {
		model_strict_drop(ch);
		ch->st->tail = 0;
	}
	stat_add(&ch->stats.resets, 1);
	ch->count = 0;
	ch->chain = 0;
	ch->last = 0;
	ch->err = 0;
	ch->status = CBDMA_STS_HALTED;
	chan_wr16(ch, CBDMA_CHAN_DMACOUNT, 0);
	chan_wr64(ch, CBDMA_CHAN_CDAR, 0);
	/* Clear the register whatever the driver wrote into it meanwhile. */
	cbdma_write32(ch->regs, CBDMA_CHAN_ERR, 0);
	ch->err_pub = 0;
	sts_publish(ch);
}

static void
cmd_abort(struct model_chan *ch)
{
	/* Strict: the held-back descriptor is abandoned, its writes never land. */
	if (ch->st != NULL)
		model_strict_drop(ch);
	stat_add(&ch->stats.aborts, 1);
	ch->status = CBDMA_STS_HALTED;
	sts_publish(ch);
	cmp_write_own(ch, CBDMA_STS_HALTED | ch->last);
}

static void
cmd_suspend(struct model_chan *ch)
{
	if (ch->status != CBDMA_STS_ACTIVE && ch->status != CBDMA_STS_IDLE &&
			ch->status != CBDMA_STS_ARMED) {
		/* Already SUSPENDED, or HALTED (which stays so, no error). */
		stat_add(&ch->stats.cmds_ignored, 1);
		return;
	}
	/* Descriptors run whole between polls: we are between two of them. */
	stat_add(&ch->stats.suspends, 1);
	ch->status = CBDMA_STS_SUSPENDED;
	sts_publish(ch);
	cmp_write_own(ch, CBDMA_STS_SUSPENDED | ch->last);
}

static void
cmd_resume(struct model_chan *ch)
{
	uint16_t dmacount;

	if (ch->status != CBDMA_STS_SUSPENDED) {
		stat_add(&ch->stats.cmds_ignored, 1);
		return;
	}
	/*
	 * The next fetch re-reads the last completed descriptor's next (or
	 * the chain address when none completed), so an edit made while
	 * suspended is followed: that is the "reload" of NetDMA's RESUME.
	 */
	stat_add(&ch->stats.resumes, 1);
	dmacount = chan_rd16(ch, CBDMA_CHAN_DMACOUNT);
	if (ch->last == 0)
		ch->status = CBDMA_STS_ARMED;
	else if (dmacount == ch->count)
		ch->status = CBDMA_STS_IDLE;
	else
		ch->status = CBDMA_STS_ACTIVE;
	sts_publish(ch);
}

/*
 * Strict SUSPEND: accepted only from ACTIVE or IDLE (Linux's ioat suspends
 * only those); anywhere else it is a command error that halts.  Held-back
 * writes land first; no completion word: CHANSTS alone says SUSPENDED.
 */
static void
cmd_suspend_strict(struct model_chan *ch)
{
	if (ch->status != CBDMA_STS_ACTIVE && ch->status != CBDMA_STS_IDLE) {
		model_chan_error(ch, CBDMA_ERR_CHANCMD, 0);
		return;
	}
	model_strict_settle(ch);
	stat_add(&ch->stats.suspends, 1);
	ch->status = CBDMA_STS_SUSPENDED;
	sts_publish(ch);
}

/* Strict RESUME: accepted only from SUSPENDED, else a command error. */
static void
cmd_resume_strict(struct model_chan *ch)
{
	if (ch->status != CBDMA_STS_SUSPENDED) {
		model_chan_error(ch, CBDMA_ERR_CHANCMD, 0);
		return;
	}
	cmd_resume(ch);
}

/*
 * Strict: RESET is the one bit that self-clears (Linux's ioat_reset_sync
 * polls for it), once the reset is done.  Release: a driver that sees it
 * clear sees the reset's effects.  Other bits written with it stay.
 */
static void
reset_self_clear(struct model_chan *ch, uint8_t cmd)
{
	uint8_t seen = cmd | CBDMA_MODEL_CHANCMD_TAKEN;
	uint8_t rest = cmd & (uint8_t)~CBDMA_CMD_RESET;

	__atomic_compare_exchange_n((volatile uint8_t *)(ch->regs + CBDMA_CHAN_CMD), &seen,
			rest != 0 ? rest | CBDMA_MODEL_CHANCMD_TAKEN : 0, false,
			__ATOMIC_RELEASE, __ATOMIC_RELAXED);
}

/* The command in CHANCMD not yet taken, 0 if none. */
static inline uint8_t
cmd_new(const struct model_chan *ch)
{
	uint8_t cmd = chan_rd8(ch, CBDMA_CHAN_CMD);

	/* Strict: the register keeps its bits; the marker says taken. */
	if (ch->st != NULL && (cmd & CBDMA_MODEL_CHANCMD_TAKEN))
		return 0;
	return cmd;
}

static void
chan_command(struct model_chan *ch, uint8_t cmd)
{
	volatile uint8_t *reg = (volatile uint8_t *)(ch->regs + CBDMA_CHAN_CMD);
	uint8_t seen = cmd;
	const bool strict = ch->st != NULL;
	bool marked = false;

	stat_add(&ch->stats.cmds, 1);
	ch->took_cmd = true;
	if (strict) {
		/*
		 * Strict: the bits stay as written; mark the value taken before
		 * acting on it, so the marker tells nothing of the effects.  A
		 * driver write meanwhile fails the CAS and is the next command.
		 */
		marked = __atomic_compare_exchange_n(reg, &seen,
				cmd | CBDMA_MODEL_CHANCMD_TAKEN, false, __ATOMIC_RELAXED,
				__ATOMIC_RELAXED);
	}
	if (cmd & ~CMD_KNOWN) {
		/* START/APPEND are v1 only; other bits are undefined. */
		model_chan_error(ch, CBDMA_ERR_CHANCMD, 0);
	} else if (cmd & CBDMA_CMD_RESET) {	/* highest priority first */
		cmd_reset(ch);
	} else if (cmd & CBDMA_CMD_ABORT) {
		cmd_abort(ch);
	} else if (cmd & CBDMA_CMD_SUSPEND) {
		if (strict)
			cmd_suspend_strict(ch);
		else
			cmd_suspend(ch);
	} else {
		if (strict)
			cmd_resume_strict(ch);
		else
			cmd_resume(ch);
	}
	if (strict) {
		if (marked && (cmd & CBDMA_CMD_RESET))
			reset_self_clear(ch, cmd);
		return;
	}
	/*
	 * CHANCMD reads 0 once taken (documented deviation).  Release: a
	 * driver that sees 0 with an acquire load sees the command's effects.
	 * If the driver already wrote another command, leave it for next poll.
	 */
	__atomic_compare_exchange_n(reg, &seen, 0, false, __ATOMIC_RELEASE, __ATOMIC_RELAXED);
}

/* Take a fault handed over by cbdma_model_inject, if any. */
static void
fault_take(struct model_chan *ch)
{
	struct model_fault *f;

	if (__atomic_load_n(&ch->mbox, __ATOMIC_RELAXED) == NULL)
		return;
	/* Acquire pairs with the release exchange in cbdma_model_inject. */
	f = __atomic_exchange_n(&ch->mbox, NULL, __ATOMIC_ACQUIRE);
	if (f == NULL)
		return;
	ch->fault = *f;
	free(f);
	/* Any new fault, CBDMA_FAULT_NONE included, releases a hang. */
	if (ch->hang == HANG_ACTIVE)
		ch->hang = HANG_RELEASED;
}

/* While hung only ABORT and RESET are taken; other commands stay pending. */
static bool
hang_poll(struct model_chan *ch)
{
	uint8_t cmd = cmd_new(ch);

	if (!(cmd & (CBDMA_CMD_ABORT | CBDMA_CMD_RESET)))
		return false;
	ch->hang = HANG_NONE;
	ch->fault.kind = CBDMA_FAULT_NONE;
	chan_command(ch, cmd);
	return true;
}

/* Latch a new chain address; returns true if one was latched. */
static bool
chain_latch(struct model_chan *ch)
{
	uint64_t a = chan_rd64(ch, CBDMA_CHAN_CHAINADDR);

	if (a == 0)
		return false;
	/*
	 * CHAINADDR reads 0 once latched (documented deviation), so writing
	 * the same address again re-arms.  A CAS so that a newer address
	 * written meanwhile is not wiped: it is latched on the next poll.
	 */
	if (!__atomic_compare_exchange_n(
			(volatile uint64_t *)(ch->regs + CBDMA_CHAN_CHAINADDR),
			&a, 0, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return false;
	ch->chain = a;
	ch->count = 0;
	ch->last = 0;
	ch->status = CBDMA_STS_ARMED;
	if (ch->st != NULL) {
		/*
		 * Strict: ARMED's address is "not valid": show the chain
		 * address, a descriptor that has not run, so a driver that
		 * takes it for the last completed one is caught.
		 */
		model_strict_latch(ch);
		chan_wr64(ch, CBDMA_CHAN_STS, CBDMA_STS_ARMED | a);
		return true;
	}
	sts_publish(ch);
	return true;
}

bool
model_chan_poll(struct model_chan *ch)
{
	unsigned int limit = ch->m->desc_delay_us ? 1 : MODEL_BATCH;
	bool busy = false;
	uint16_t dmacount;
	uint8_t cmd;

	fault_take(ch);
	if (ch->hang == HANG_ACTIVE)
		return hang_poll(ch);

	/*
	 * 1. DMACOUNT before CHAINADDR: the driver writes CHAINADDR first, so
	 * a new count seen here implies its chain address is seen below.
	 * After a latch, re-read: the count may have been zeroed for it.
	 * The latch comes before commands: a driver writes CHAINADDR and only
	 * later a command (it waits for a RESET to be taken before re-arming),
	 * so a SUSPEND that follows a re-arm must act on the new chain.
	 */
	dmacount = chan_rd16(ch, CBDMA_CHAN_DMACOUNT);
	if (chain_latch(ch)) {
		busy = true;
		dmacount = chan_rd16(ch, CBDMA_CHAN_DMACOUNT);
	}

	if (ch->hang == HANG_RELEASED) {
		/* Finish the descriptor we hung in before any command. */
		ch->hang = HANG_NONE;
		limit = 1;
	} else {
		/* 2. Commands.  Acquire: see what the driver did before. */
		cmd = cmd_new(ch);
		if (cmd != 0) {
			/*
			 * A CHAINADDR written before the command takes effect
			 * before it, also when it landed after the latch above:
			 * a re-arm then SUSPEND must suspend the new chain, not
			 * be ignored by a still-SUSPENDED channel whose pending
			 * CHAINADDR then restarts it behind the driver's back.
			 */
			if (chain_latch(ch))
				busy = true;
			chan_command(ch, cmd);
			/* The driver is likely waiting for it: give the CPU away
			 * (model_engine_main) before running a batch. */
			return true;
		}
	}

	/* 3. Descriptors. */
	if ((ch->status == CBDMA_STS_ARMED || ch->status == CBDMA_STS_ACTIVE ||
			ch->status == CBDMA_STS_IDLE) && dmacount != ch->count) {
		/* A fault injected before the doorbell must be seen now. */
		fault_take(ch);
		/* HOLD: an engine that gets no cycles to fetch with (tests) */
		if (ch->fault.kind != CBDMA_FAULT_HOLD)
			busy |= model_chan_run(ch, dmacount, limit);
	}

	/* 4. CHANERR write-1-to-clear by the driver. */
	if (chan_rd32(ch, CBDMA_CHAN_ERR) != ch->err_pub)
		busy |= model_chanerr_sync(ch);
	return busy;
}

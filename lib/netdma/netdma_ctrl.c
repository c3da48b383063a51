/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * Suspend, splice and resume (the NetDMA provider model).
 *
 * The handshake with the data path (doc/suspend-resume.md):
 *  1. exclude: set EXCLUDE in ctl_word, full fence, wait until dp_busy reads
 *     0.  From then on the data path does not write DMACOUNT, CHAINADDR,
 *     CHANCMD or CHANERR and does not recover a halted channel: it records
 *     the doorbell (or the recovery) as owed.  It keeps enqueueing into slots
 *     the control side never edits and keeps reporting completions.
 *  2. SUSPEND: the engine finishes its descriptor and reports the last one.
 *  3. edits touch only descriptors between the last processed one and the
 *     last one the engine was told about (`susp_rung`), plus the insert pool.
 *  4. resume: program DMACOUNT (and the chain, in re-arm mode) for all that
 *     the data path submitted, RESUME, then clear EXCLUDE with a release
 *     store.  The data path's next doorbell writes a count at least as large
 *     (the count never moves backwards).
 */

#include <errno.h>
#include <inttypes.h>
#include <sched.h>

#include "netdma_ctrl_priv.h"

#define NETDMA_EXCLUDE_TIMEOUT_US	1000000
/*
 * The data path leaves its section within a doorbell's time, on its own CPU:
 * spin for it first.  Yielding at once hands the CPU to whatever else runs
 * here, a busy software engine perhaps, which may keep it for the rest of its
 * time slice (milliseconds: the worst suspend latencies under load were these
 * before).  Past the spin the data-path thread is likely preempted: yield.
 */
#define NETDMA_EXCLUDE_SPIN_NS		20000

/* ---- the handshake ---- */

void
netdma_publish_ctl(struct netdma_chan *ch, bool exclude, int memorder)
{
	uint64_t w = (ch->ctl_marks << NETDMA_CTL_MARKS_SHIFT) |
		(exclude ? NETDMA_CTL_EXCLUDE : 0);

	if (memorder == __ATOMIC_RELEASE)
		__atomic_store_n(&ch->ctl_word, w, __ATOMIC_RELEASE);
	else
		__atomic_store_n(&ch->ctl_word, w, __ATOMIC_RELAXED);
}

static int
netdma_exclude_dp(struct netdma_chan *ch)
{
	uint64_t start;

	netdma_publish_ctl(ch, true, __ATOMIC_RELAXED);
	/* Pairs with the fence in netdma_dp_enter(): store
	 * EXCLUDE, fence, load dp_busy. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	/* Acquire pairs with the release store of dp_busy = 0: the data
	 * path's DMACOUNT write and its `rung` are visible after this. */
	if (!__atomic_load_n(&ch->dp_busy, __ATOMIC_ACQUIRE))
		return 0;
	start = netdma_now_ns();
	while (__atomic_load_n(&ch->dp_busy, __ATOMIC_ACQUIRE)) {
		uint64_t waited = netdma_now_ns() - start;

		if (waited > NETDMA_EXCLUDE_TIMEOUT_US * 1000ull) {
			netdma_publish_ctl(ch, false, __ATOMIC_RELEASE);
			return -ETIMEDOUT;
		}
		if (waited > NETDMA_EXCLUDE_SPIN_NS)
			sched_yield();
		else
			cbdma_cpu_pause();
	}
	return 0;
}

static void
netdma_release_dp(struct netdma_chan *ch)
{
	/* Release: every register write and edit made while excluded happens
	 * before the data path's next section (it loads ctl_word with acquire). */
	netdma_publish_ctl(ch, false, __ATOMIC_RELEASE);
}

/* ---- where the engine is ---- */

/* The first ring job the engine has not run: past any inserted descriptors
 * at the head of the pending list.  Ring jobs pending in this suspension are
 * the slots [susp_first, susp_rung): found without a walk. */
static uint16_t
first_pending_slot(const struct netdma_chan *ch)
{
	uint64_t x = netdma_first_pending_iova(ch, ch->susp_last);
	int limit = NETDMA_INSERT_POOL + 1;

	while (netdma_iova_in_pool(ch, x) && --limit > 0)
		x = netdma_desc_va(ch, x)->next;
	if (x == netdma_slot_iova(ch, ch->susp_rung) || !netdma_iova_in_ring(ch, x))
		return ch->susp_rung;
	return netdma_ring_abs_slot(ch, x, ch->susp_rung);
}

/* Suspended (or halted): CHANSTS is the authority.  Acquire: the engine
 * publishes CHANSTS after the completions and data it covers. */
static bool
halted_sts(struct netdma_chan *ch, void *arg)
{
	unsigned int st = cbdma_sts_status(cbdma_read64(ch->regs, CBDMA_CHAN_STS));

	return st == CBDMA_STS_SUSPENDED || st == CBDMA_STS_HALTED;
}

/* The engine took RESUME or the new chain: CHANSTS is the authority (the
 * CHANCMD bits need not clear on silicon). */
static bool
left_suspended(struct netdma_chan *ch, void *arg)
{
	return cbdma_sts_status(cbdma_read64(ch->regs, CBDMA_CHAN_STS)) != CBDMA_STS_SUSPENDED;
}

static bool
left_armed(struct netdma_chan *ch, void *arg)
{
	return cbdma_sts_status(cbdma_read64(ch->regs, CBDMA_CHAN_STS)) != CBDMA_STS_ARMED;
}

/* ---- state, suspend, resume ---- */

int
netdma_state(struct netdma_chan *ch)
{
	int st;

	pthread_mutex_lock(&ch->ctrl_lock);
	st = ch->suspended ? CBDMA_STS_SUSPENDED :
		(int)cbdma_sts_status(cbdma_read64(ch->regs, CBDMA_CHAN_STS));
	pthread_mutex_unlock(&ch->ctrl_lock);
	return st;
}

/*
 * Halt the engine for a suspension, the data path excluded.  Returns 0 with
 * ch->susp_hw telling whether the engine is SUSPENDED (else it is ARMED with
 * nothing to run: nothing to halt), -EIO (halted by an error) or -ETIMEDOUT.
 *
 * Only what silicon is known to do: SUSPEND is written only to an ACTIVE or
 * IDLE channel (Linux's ioat suspends nothing else; silicon may refuse it
 * elsewhere), and its end is read from CHANSTS alone (the CHANCMD bit need
 * not clear, a SUSPENDED completion word need not be written).  A SUSPEND
 * that timed out is never taken back: it stays in flight (susp_in_flight),
 * and a channel found SUSPENDED later is adopted here or resumed by the data
 * path (netdma_poll_slow()).
 */
static int
engine_halt(struct netdma_chan *ch)
{
	unsigned int st;

	/* A RESUME the data path wrote (netdma_resume_orphan()) may not be
	 * taken yet: the SUSPENDED CHANSTS still shows is no suspension, and
	 * a second RESUME later would reach a running channel. */
	if (__atomic_load_n(&ch->resume_in_flight, __ATOMIC_RELAXED)) {
		if (netdma_wait_sts(ch, ch->cfg.cmd_timeout_us, left_suspended, NULL) != 0) {
			NETDMA_WARN(ch, "suspend: the engine has not taken the data path's RESUME");
			return -ETIMEDOUT;
		}
		__atomic_store_n(&ch->resume_in_flight, false, __ATOMIC_RELAXED);
	}
	st = cbdma_sts_status(cbdma_read64(ch->regs, CBDMA_CHAN_STS));

	if (st == CBDMA_STS_ARMED) {
		/* ARMED with nothing handed over stays so: nothing to halt */
		if (__atomic_load_n(&ch->chain_start, __ATOMIC_RELAXED) ==
				netdma_slot_iova(ch, ch->susp_rung)) {
			ch->susp_hw = false;
			return 0;
		}
		/* it completes its first descriptor soon */
		if (netdma_wait_sts(ch, ch->cfg.suspend_timeout_us, left_armed, NULL) != 0)
			return -ETIMEDOUT;
		st = cbdma_sts_status(cbdma_read64(ch->regs, CBDMA_CHAN_STS));
	}
	if (st == CBDMA_STS_ACTIVE || st == CBDMA_STS_IDLE) {
		/* (one in flight may be taken any time: a second SUSPEND would
		 * then reach a SUSPENDED channel) */
		if (!__atomic_load_n(&ch->susp_in_flight, __ATOMIC_RELAXED))
			cbdma_write8(ch->regs, CBDMA_CHAN_CMD, CBDMA_CMD_SUSPEND);
		__atomic_store_n(&ch->susp_in_flight, true, __ATOMIC_RELAXED);
		if (netdma_wait_sts(ch, ch->cfg.suspend_timeout_us, halted_sts, NULL) != 0)
			return -ETIMEDOUT;
		st = cbdma_sts_status(cbdma_read64(ch->regs, CBDMA_CHAN_STS));
	}
	/* SUSPENDED here: ours, or one that timed out before, taken since */
	if (st != CBDMA_STS_SUSPENDED)
		return -EIO;
	__atomic_store_n(&ch->susp_in_flight, false, __ATOMIC_RELAXED);
	ch->susp_hw = true;
	return 0;
}

int
netdma_suspend(struct netdma_chan *ch, struct netdma_suspend_info *info)
{
	uint64_t t0 = netdma_now_ns();
	unsigned int st;
	int ret;

	pthread_mutex_lock(&ch->ctrl_lock);
	if (!ch->started) {
		NETDMA_LOG(ch, "suspend: channel is stopped");
		ret = -EINVAL;
		goto out;
	}
	if (ch->suspended) {
		ret = -EALREADY;
		goto out;
	}
	ret = netdma_exclude_dp(ch);
	if (ret != 0) {
		NETDMA_LOG(ch, "suspend: data path did not leave its doorbell section");
		goto out;
	}
	st = cbdma_sts_status(cbdma_read64(ch->regs, CBDMA_CHAN_STS));
	if (st == CBDMA_STS_HALTED || __atomic_load_n(&ch->broken, __ATOMIC_RELAXED) ||
			__atomic_load_n(&ch->owed_recovery, __ATOMIC_RELAXED)) {
		netdma_release_dp(ch);
		ret = -EIO;
		goto out;
	}
	ch->susp_rung = __atomic_load_n(&ch->rung, __ATOMIC_RELAXED);
	ret = engine_halt(ch);
	if (ret != 0) {
		netdma_release_dp(ch);
		if (ret == -ETIMEDOUT) {
			ch->cstats.suspend_timeouts++;
			NETDMA_LOG(ch, "suspend: engine did not halt within %u us; channel keeps "
					"running (CHANSTS 0x%" PRIx64 ", DMACOUNT %u)%s",
					ch->cfg.suspend_timeout_us,
					cbdma_read64(ch->regs, CBDMA_CHAN_STS),
					cbdma_read16(ch->regs, CBDMA_CHAN_DMACOUNT),
					__atomic_load_n(&ch->susp_in_flight, __ATOMIC_RELAXED) ?
					"; SUSPEND stays in flight" : "");
		}
		goto out;
	}
	/* nothing completed since the chain was armed: CHANSTS names none */
	ch->susp_last = ch->susp_hw ? cbdma_sts_addr(cbdma_read64(ch->regs, CBDMA_CHAN_STS)) : 0;
	ch->susp_first = first_pending_slot(ch);
	ch->suspended = true;
	ch->inserted_this = 0;
	ch->need_rearm = false;
	netdma_ticket_sweep(ch);
	ch->susp_start_ns = netdma_now_ns();
	ch->cstats.suspends++;
	ch->cstats.suspend_ns_last = ch->susp_start_ns - t0;
	ch->cstats.suspend_ns_total += ch->cstats.suspend_ns_last;
	if (ch->cstats.suspend_ns_last > ch->cstats.suspend_ns_max)
		ch->cstats.suspend_ns_max = ch->cstats.suspend_ns_last;
	if (info != NULL) {
		/* CHANSTS names no descriptor when none completed since the
		 * chain was armed (a re-arming resume, a recovery): the last
		 * processed one is then the one before that arming. */
		info->last_desc = netdma_last_processed(ch);
		info->completion = CBDMA_STS_SUSPENDED | info->last_desc;
		ret = netdma_walk_pending(ch, NULL, NULL);
		info->nb_pending = ret > 0 ? (uint16_t)ret : 0;
	}
	ret = 0;
out:
	pthread_mutex_unlock(&ch->ctrl_lock);
	return ret;
}

int
netdma_resume_locked(struct netdma_chan *ch)
{
	volatile void *r = ch->regs;
	/* Everything the data path submitted, those it could not ring included,
	 * up to a fenced job it holds back (it rings that one itself, once the
	 * jobs before it completed: its doorbell is owed). */
	uint16_t sub = __atomic_load_n(&ch->submitted, __ATOMIC_ACQUIRE);
	int ret = 0;

	if (__atomic_load_n(&ch->fence_held, __ATOMIC_ACQUIRE) &&
			(uint16_t)(sub - ch->fence_slot - 1) < ch->mask)
		sub = ch->fence_slot;

	if (ch->cfg.resume_mode == NETDMA_RESUME_REARM || ch->need_rearm) {
		uint64_t first = netdma_first_pending_iova(ch, ch->susp_last);
		int cnt = netdma_chain_count(ch, first, sub);

		if (cnt < 0) {
			/* Nothing left to follow: give up the channel (stop
			 * resets it) rather than leave the data path excluded. */
			NETDMA_LOG(ch, "resume: chain from 0x%" PRIx64 " does not reach slot %u; "
					"channel marked broken", first, sub);
			__atomic_store_n(&ch->broken, 1, __ATOMIC_RELAXED);
			ret = -EIO;
		} else {
			__atomic_store_n(&ch->dmacount_offset, (uint16_t)(cnt - sub),
					__ATOMIC_RELAXED);
			__atomic_store_n(&ch->rung, sub, __ATOMIC_RELAXED);	/* before the count */
			netdma_hw_arm(ch, first, netdma_last_processed(ch), (uint16_t)cnt);
		}
	} else {
		uint16_t off = __atomic_load_n(&ch->dmacount_offset, __ATOMIC_RELAXED) +
			ch->inserted_this;

		/* Inserted descriptors count in the engine's DMACOUNT too. */
		__atomic_store_n(&ch->dmacount_offset, off, __ATOMIC_RELAXED);
		__atomic_store_n(&ch->rung, sub, __ATOMIC_RELAXED);	/* before the count */
		cbdma_write16(r, CBDMA_CHAN_DMACOUNT, (uint16_t)(sub + off));
		/* An ARMED channel that had nothing to run was not halted:
		 * the count is all it needs (silicon may refuse RESUME there). */
		if (ch->susp_hw)
			cbdma_write8(r, CBDMA_CHAN_CMD, CBDMA_CMD_RESUME);
	}
	ch->suspended = false;
	ch->cstats.resumes++;
	ch->cstats.suspended_ns_total += netdma_now_ns() - ch->susp_start_ns;
	/*
	 * The data path may ring again before the engine takes RESUME (or
	 * latches the chain): a suspended channel counts DMACOUNT writes and
	 * follows them once resumed.  Only the next command must wait until
	 * the engine has left SUSPENDED (a SUSPEND would overwrite RESUME in
	 * CHANCMD, and a stale SUSPENDED in CHANSTS would pass for the next
	 * suspension): wait here, holding ctrl_lock.
	 */
	netdma_release_dp(ch);
	if (ret == 0 && netdma_wait_sts(ch, ch->cfg.cmd_timeout_us, left_suspended, NULL) != 0)
		NETDMA_WARN(ch, "resume: engine has not left SUSPENDED yet");
	return ret;
}

int
netdma_resume(struct netdma_chan *ch)
{
	int ret;

	pthread_mutex_lock(&ch->ctrl_lock);
	if (!ch->started || !ch->suspended) {
		NETDMA_LOG(ch, "resume: channel is not suspended");
		ret = -EINVAL;
	} else {
		ret = netdma_resume_locked(ch);
	}
	pthread_mutex_unlock(&ch->ctrl_lock);
	return ret;
}

/* ---- observability ---- */

void
netdma_ctrl_stats(struct netdma_chan *ch, struct netdma_ctrl_stats *st)
{
	pthread_mutex_lock(&ch->ctrl_lock);
	*st = ch->cstats;
	pthread_mutex_unlock(&ch->ctrl_lock);
}

void
netdma_ctrl_dump(struct netdma_chan *ch, FILE *f)
{
	const struct netdma_ctrl_stats *c = &ch->cstats;

	fprintf(f, "  suspend: %s, resume mode %s; suspends %" PRIu64 " resumes %" PRIu64
			" timeouts %" PRIu64 "\n", ch->suspended ? "SUSPENDED" : "running",
			ch->cfg.resume_mode == NETDMA_RESUME_REARM ? "re-arm" : "RESUME",
			c->suspends, c->resumes, c->suspend_timeouts);
	fprintf(f, "  edits: cancels %" PRIu64 " inserts %" PRIu64 " rewrites %" PRIu64 "\n",
			c->cancels, c->inserts, c->rewrites);
	fprintf(f, "  suspend latency: last %" PRIu64 " ns, max %" PRIu64 " ns, mean %" PRIu64
			" ns\n", c->suspend_ns_last, c->suspend_ns_max,
			c->suspends ? c->suspend_ns_total / c->suspends : 0);
}

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
#include <string.h>

#include "netdma_ctrl.h"
#include "netdma_fastpath.h"
#include "netdma_internal.h"

#define NETDMA_EXCLUDE_TIMEOUT_US	1000000
/* Ring descriptors the pending walk fetches ahead. */
#define WALK_PREFETCH	16

/* The pool has one entry more than may be in flight, so the one the engine
 * last processed (pinned) is never needed for a new job. */
_Static_assert(NETDMA_INSERT_POOL >= NETDMA_INSERT_MAX + 1, "insert pool too small");

/*
 * The outcome of an inserted job, in its ticket record (status_plus1):
 * 0 none yet; TICKET_CANCELLED cancelled, not yet passed by the engine;
 * TICKET_DONE | (status + 1) final.  The data path makes a failure (or
 * NOT_ATTEMPTED) final itself, in its recovery; the control side makes every
 * other outcome final once it sees that the engine has passed the job
 * (ticket_finish()), so an outcome never depends on how far the ring moved
 * on afterwards.
 */
#define TICKET_DONE		0x80000000u
#define TICKET_CANCELLED	((uint32_t)RTE_DMA_STATUS_USER_ABORT + 1)
#define TICKET_SUCCESS		(TICKET_DONE | ((uint32_t)RTE_DMA_STATUS_SUCCESSFUL + 1))

/* ---- the handshake ---- */

static void
publish_ctl(struct netdma_chan *ch, bool exclude, int memorder)
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

	publish_ctl(ch, true, __ATOMIC_RELAXED);
	/* Pairs with the fence in netdma_doorbell() / dp_enter(): store
	 * EXCLUDE, fence, load dp_busy. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	/* Acquire pairs with the release store of dp_busy = 0: the data
	 * path's DMACOUNT write and its `rung` are visible after this. */
	if (!__atomic_load_n(&ch->dp_busy, __ATOMIC_ACQUIRE))
		return 0;
	start = netdma_now_ns();
	while (__atomic_load_n(&ch->dp_busy, __ATOMIC_ACQUIRE)) {
		if (netdma_now_ns() - start > NETDMA_EXCLUDE_TIMEOUT_US * 1000ull) {
			publish_ctl(ch, false, __ATOMIC_RELEASE);
			return -ETIMEDOUT;
		}
		sched_yield();
	}
	return 0;
}

static void
netdma_release_dp(struct netdma_chan *ch)
{
	/* Release: every register write and edit made while excluded happens
	 * before the data path's next section (it loads ctl_word with acquire). */
	publish_ctl(ch, false, __ATOMIC_RELEASE);
}

/* ---- where the engine is ---- */

static uint64_t
first_pending_iova(const struct netdma_chan *ch, uint64_t last)
{
	const struct cbdma_desc *d;

	if (last == 0)
		return __atomic_load_n(&ch->chain_start, __ATOMIC_ACQUIRE);
	d = netdma_desc_va(ch, last);
	return d != NULL ? d->next : 0;
}

/* Absolute slot of a ring descriptor at or before the last rung one. */
static uint16_t
ring_abs_slot(const struct netdma_chan *ch, uint64_t iova, uint16_t rung)
{
	uint16_t mod = (uint16_t)((iova - ch->ring_iova) / CBDMA_DESC_SIZE);
	uint16_t d = (uint16_t)(rung - mod) & ch->mask;

	return (uint16_t)(rung - (d == 0 ? ch->mask + 1 : d));
}

/* The first ring job the engine has not run: past any inserted descriptors
 * at the head of the pending list.  Ring jobs pending in this suspension are
 * the slots [susp_first, susp_rung): found without a walk. */
static uint16_t
first_pending_slot(const struct netdma_chan *ch)
{
	uint64_t x = first_pending_iova(ch, ch->susp_last);
	int limit = NETDMA_INSERT_POOL + 1;

	while (netdma_iova_in_pool(ch, x) && --limit > 0)
		x = netdma_desc_va(ch, x)->next;
	if (x == netdma_slot_iova(ch, ch->susp_rung) || !netdma_iova_in_ring(ch, x))
		return ch->susp_rung;
	return ring_abs_slot(ch, x, ch->susp_rung);
}

/* Suspended (or halted): CHANSTS is the authority.  Acquire: the engine
 * publishes CHANSTS after the completions and data it covers. */
static bool
halted_sts(struct netdma_chan *ch, void *arg)
{
	unsigned int st = cbdma_sts_status(cbdma_read64(ch->regs, CBDMA_CHAN_STS));

	return st == CBDMA_STS_SUSPENDED || st == CBDMA_STS_HALTED;
}

static bool
left_armed(struct netdma_chan *ch, void *arg)
{
	return cbdma_sts_status(cbdma_read64(ch->regs, CBDMA_CHAN_STS)) != CBDMA_STS_ARMED;
}

/* The last descriptor the engine processed, while suspended. */
static uint64_t
netdma_last_processed(const struct netdma_chan *ch)
{
	return ch->susp_last != 0 ? ch->susp_last :
		__atomic_load_n(&ch->arm_last, __ATOMIC_RELAXED);
}

/* One entry of the pending list. */
struct pend {
	uint64_t iova;
	struct cbdma_desc *d;
	struct cbdma_desc *prev;	/* descriptor linking to it */
	bool inserted;
	bool cancelled;			/* will not run: cancelled or not attempted */
	uint16_t slot;			/* absolute ring slot (ring entries) */
	unsigned int pool_idx;		/* insert pool entry (inserted entries) */
};

typedef int (*pend_fn)(struct netdma_chan *ch, const struct pend *p, unsigned int idx,
		void *arg);

/*
 * Walk the pending list in execution order: from the descriptor after the
 * last processed one up to ring slot susp_rung.  fn returns non-zero to stop.
 * Returns the number of live (not cancelled) entries visited, or -EIO.
 */
static int
walk_pending(struct netdma_chan *ch, pend_fn fn, void *arg)
{
	uint64_t end = netdma_slot_iova(ch, ch->susp_rung);
	uint64_t x = first_pending_iova(ch, ch->susp_last);
	struct cbdma_desc *prev = ch->susp_last ? netdma_desc_va(ch, ch->susp_last) : NULL;
	int limit = ch->mask + 1 + NETDMA_INSERT_POOL + 1;
	unsigned int live = 0;

	while (x != end) {
		struct pend p = { .iova = x, .prev = prev };

		p.d = netdma_desc_va(ch, x);
		if (p.d == NULL || --limit < 0) {
			NETDMA_LOG(ch, "pending list is broken at 0x%" PRIx64, x);
			return -EIO;
		}
		p.inserted = netdma_iova_in_pool(ch, x);
		if (p.inserted) {
			const struct netdma_ticket_rec *r =
				&ch->tickets[p.d->user2 % NETDMA_TICKET_RECORDS];
			uint32_t sp1 = __atomic_load_n(&r->status_plus1, __ATOMIC_ACQUIRE);

			p.pool_idx = (unsigned int)((x - ch->pool_iova) / CBDMA_DESC_SIZE);
			/* pending with an outcome: cancelled, or fenced behind a failure */
			p.cancelled = r->ticket == p.d->user2 && sp1 != 0 && sp1 != TICKET_SUCCESS;
		} else {
			p.slot = ring_abs_slot(ch, x, ch->susp_rung);
			p.cancelled = NETDMA_IS_MARK(p.d->user1);
			/* The chain mostly follows the ring: fetch ahead of the
			 * pointer chase (the data path wrote these lines with
			 * streaming stores: each is a trip to memory). */
			__builtin_prefetch(&ch->ring[(uint16_t)(p.slot + WALK_PREFETCH) & ch->mask]);
		}
		if (fn != NULL && fn(ch, &p, live, arg))
			return (int)live;
		if (!p.cancelled)
			live++;
		prev = p.d;
		x = p.d->next;
	}
	return (int)live;
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

static void ticket_sweep(struct netdma_chan *ch);

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
	unsigned int st = cbdma_sts_status(cbdma_read64(ch->regs, CBDMA_CHAN_STS));

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
	ticket_sweep(ch);
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
		ret = walk_pending(ch, NULL, NULL);
		info->nb_pending = ret > 0 ? (uint16_t)ret : 0;
	}
	ret = 0;
out:
	pthread_mutex_unlock(&ch->ctrl_lock);
	return ret;
}

/* The engine took RESUME or the new chain: CHANSTS is the authority (the
 * CHANCMD bits need not clear on silicon). */
static bool
left_suspended(struct netdma_chan *ch, void *arg)
{
	return cbdma_sts_status(cbdma_read64(ch->regs, CBDMA_CHAN_STS)) != CBDMA_STS_SUSPENDED;
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
		uint64_t first = first_pending_iova(ch, ch->susp_last);
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

/* ---- inspection ---- */

static void
desc_to_job(const struct netdma_chan *ch, const struct pend *p, struct netdma_job *j)
{
	const struct cbdma_desc *d = p->d;

	memset(j, 0, sizeof(*j));
	if (p->inserted) {
		j->ticket = d->user2;
		j->flags = (d->user1 >> 32) & NETDMA_USER2_FENCE ? RTE_DMA_OP_FLAG_FENCE : 0;
	} else {
		j->ring_idx = (uint16_t)(p->slot - ch->idx_base);
		j->flags = d->user2 & NETDMA_USER2_FENCE ? RTE_DMA_OP_FLAG_FENCE : 0;
	}
	j->op = cbdma_desc_op(d->ctl) == CBDMA_OP_FILL ? NETDMA_OP_FILL : NETDMA_OP_COPY;
	if (j->op == NETDMA_OP_FILL)
		j->pattern = d->src_addr;
	else
		j->src = d->src_addr;
	j->dst = d->dst_addr;
	j->length = d->size;
}

struct fill_arg {
	struct netdma_job *jobs;
	uint16_t nb;
};

static int
fill_one(struct netdma_chan *ch, const struct pend *p, unsigned int idx, void *arg)
{
	struct fill_arg *a = arg;

	if (!p->cancelled && idx < a->nb)
		desc_to_job(ch, p, &a->jobs[idx]);
	return 0;
}

int
netdma_pending(struct netdma_chan *ch, struct netdma_job *jobs, uint16_t nb)
{
	struct fill_arg a = { .jobs = jobs, .nb = jobs == NULL ? 0 : nb };
	int ret;

	pthread_mutex_lock(&ch->ctrl_lock);
	if (!ch->suspended) {
		NETDMA_LOG(ch, "pending: channel is not suspended");
		ret = -EINVAL;
	} else {
		ret = walk_pending(ch, fill_one, &a);
	}
	pthread_mutex_unlock(&ch->ctrl_lock);
	return ret;
}

/* ---- finding a job ---- */

struct find_arg {
	bool by_ticket;
	uint64_t key;		/* ticket or absolute slot */
	unsigned int want_pos;	/* for find by position */
	bool by_pos;
	struct pend found;
	unsigned int pos;
	bool hit;
};

static int
find_one(struct netdma_chan *ch, const struct pend *p, unsigned int idx, void *arg)
{
	struct find_arg *a = arg;

	if (a->by_pos) {
		if (!p->cancelled && idx == a->want_pos) {
			a->found = *p;
			a->pos = idx;
			a->hit = true;
			return 1;
		}
		return 0;
	}
	if (a->by_ticket ? (p->inserted && p->d->user2 == a->key) :
			(!p->inserted && p->slot == (uint16_t)a->key)) {
		a->found = *p;
		a->pos = idx;
		a->hit = true;
		return 1;
	}
	return 0;
}

static int
check_suspended(struct netdma_chan *ch, const char *what)
{
	if (!ch->suspended) {
		NETDMA_LOG(ch, "%s: channel is not suspended", what);
		return -EINVAL;
	}
	return 0;
}

static int
check_job(struct netdma_chan *ch, const struct netdma_job *job, const char *what)
{
	if (job == NULL)
		return -EINVAL;
	if (job->op != NETDMA_OP_COPY && job->op != NETDMA_OP_FILL) {
		NETDMA_LOG(ch, "%s: unknown op %d", what, (int)job->op);
		return -EINVAL;
	}
	if (job->op == NETDMA_OP_FILL && !ch->fill_ok) {
		NETDMA_LOG(ch, "%s: device has no block fill", what);
		return -ENOTSUP;
	}
	if (job->length == 0 || job->length - 1u > ch->max_xfer_m1) {
		NETDMA_LOG(ch, "%s: length %u outside 1..%" PRIu64, what, job->length,
				(uint64_t)ch->max_xfer_m1 + 1);
		return -EINVAL;
	}
	if (job->flags & ~(RTE_DMA_OP_FLAG_FENCE | RTE_DMA_OP_FLAG_LLC |
			RTE_DMA_OP_FLAG_SUBMIT)) {
		NETDMA_LOG(ch, "%s: unknown flags 0x%" PRIx64, what, job->flags);
		return -EINVAL;
	}
	return 0;
}

/* Write the operation of a job into a descriptor, keeping its link and
 * the fence bit that belongs to the job after it. */
static void
write_op(struct cbdma_desc *d, const struct netdma_job *job)
{
	uint32_t keep = d->ctl & CBDMA_DESC_FENCE;
	uint32_t op = job->op == NETDMA_OP_FILL ? CBDMA_OP_FILL : CBDMA_OP_COPY;

	d->size = job->length;
	d->src_addr = job->op == NETDMA_OP_FILL ? job->pattern : job->src;
	d->dst_addr = job->dst;
	d->ctl = (op << CBDMA_DESC_OP_SHIFT) | CBDMA_DESC_COMPL_WRITE | keep |
		(job->flags & RTE_DMA_OP_FLAG_LLC ? CBDMA_DESC_HINT : 0);
}

static void
set_fence_before(struct cbdma_desc *prev, bool fence)
{
	if (prev == NULL)
		return;
	if (fence)
		prev->ctl |= CBDMA_DESC_FENCE;
	else
		prev->ctl &= ~CBDMA_DESC_FENCE;
}

static int
find_job(struct netdma_chan *ch, bool by_ticket, uint64_t key, struct find_arg *a)
{
	int ret;

	memset(a, 0, sizeof(*a));
	a->by_ticket = by_ticket;
	a->key = key;
	ret = walk_pending(ch, find_one, a);
	if (ret < 0)
		return ret;
	return a->hit ? 0 : -ENOENT;
}

/* ---- cancel ---- */

static int
cancel_locked(struct netdma_chan *ch, bool by_ticket, uint64_t key)
{
	struct find_arg a;
	int ret;

	ret = check_suspended(ch, "cancel");
	if (ret != 0)
		return ret;
	ret = find_job(ch, by_ticket, key, &a);
	if (ret != 0) {
		NETDMA_LOG(ch, "cancel: %s %" PRIu64 " is not pending",
				by_ticket ? "ticket" : "ring_idx",
				by_ticket ? key : (uint64_t)(uint16_t)(key - ch->idx_base));
		return ret == -ENOENT ? -ENOENT : ret;
	}
	if (a.found.cancelled)
		return -EALREADY;
	/* The job keeps its place as a null descriptor: the chain, DMACOUNT
	 * and the order of completions stay as they are. */
	netdma_desc_make_null(a.found.d);
	if (by_ticket) {
		struct netdma_ticket_rec *r = &ch->tickets[key % NETDMA_TICKET_RECORDS];

		__atomic_store_n(&r->status_plus1, TICKET_CANCELLED, __ATOMIC_RELEASE);
	} else {
		a.found.d->user1 = NETDMA_MARK(RTE_DMA_STATUS_USER_ABORT);
		ch->ctl_marks++;
		/* the data path learns that a mark exists; it reads the mark
		 * itself only after the engine has run the job */
		publish_ctl(ch, true, __ATOMIC_RELAXED);
	}
	ch->cstats.cancels++;
	return 0;
}

int
netdma_cancel(struct netdma_chan *ch, uint16_t ring_idx)
{
	int ret;

	pthread_mutex_lock(&ch->ctrl_lock);
	ret = cancel_locked(ch, false, (uint16_t)(ring_idx + ch->idx_base));
	pthread_mutex_unlock(&ch->ctrl_lock);
	return ret;
}

int
netdma_cancel_ticket(struct netdma_chan *ch, uint64_t ticket)
{
	int ret;

	if (ticket == 0)
		return -EINVAL;
	pthread_mutex_lock(&ch->ctrl_lock);
	ret = cancel_locked(ch, true, ticket);
	pthread_mutex_unlock(&ch->ctrl_lock);
	return ret;
}

/* ---- rewrite ---- */

int
netdma_rewrite(struct netdma_chan *ch, const struct netdma_job *job)
{
	struct find_arg a;
	bool by_ticket;
	int ret;

	pthread_mutex_lock(&ch->ctrl_lock);
	ret = check_suspended(ch, "rewrite");
	if (ret == 0)
		ret = check_job(ch, job, "rewrite");
	if (ret != 0)
		goto out;
	by_ticket = job->ticket != 0;
	ret = find_job(ch, by_ticket, by_ticket ? job->ticket :
			(uint16_t)(job->ring_idx + ch->idx_base), &a);
	if (ret != 0) {
		NETDMA_LOG(ch, "rewrite: job is not pending");
		goto out;
	}
	if (a.found.cancelled) {
		NETDMA_LOG(ch, "rewrite: job was cancelled");
		ret = -EINVAL;
		goto out;
	}
	write_op(a.found.d, job);
	if (by_ticket) {
		a.found.d->user1 = (a.found.d->user1 & ~(NETDMA_USER2_FENCE << 32)) |
			((job->flags & RTE_DMA_OP_FLAG_FENCE) << 32);
	} else {
		a.found.d->user2 = job->flags & NETDMA_USER2_FENCE;
	}
	/* The fence of a job is carried by the descriptor before it. */
	set_fence_before(a.found.prev, job->flags & RTE_DMA_OP_FLAG_FENCE);
	ch->cstats.rewrites++;
out:
	pthread_mutex_unlock(&ch->ctrl_lock);
	return ret;
}

/* ---- tickets ---- */

static struct netdma_ticket_rec *
ticket_rec(struct netdma_chan *ch, uint64_t ticket)
{
	struct netdma_ticket_rec *r;

	if (ticket == 0 || ticket >= ch->next_ticket)
		return NULL;
	r = &ch->tickets[ticket % NETDMA_TICKET_RECORDS];
	return r->ticket == ticket ? r : NULL;
}

void
netdma_ticket_set_status(struct netdma_chan *ch, uint64_t ticket, enum rte_dma_status_code st)
{
	struct netdma_ticket_rec *r = &ch->tickets[ticket % NETDMA_TICKET_RECORDS];

	/*
	 * Data path, in its recovery: the inserted job failed, or is not
	 * attempted behind a failure.  An outcome already there (a cancel)
	 * stays.  Release pairs with the acquire loads of the control side,
	 * which sees the job passed only after this (the recovery re-arms the
	 * channel, or stores the completion word, after it).
	 */
	if (__atomic_load_n(&r->ticket, __ATOMIC_RELAXED) == ticket &&
			__atomic_load_n(&r->status_plus1, __ATOMIC_RELAXED) == 0)
		__atomic_store_n(&r->status_plus1, TICKET_DONE | ((uint32_t)st + 1),
				__ATOMIC_RELEASE);
}

/* The engine has passed inserted job r: make its outcome final.  Returns it. */
static uint32_t
ticket_finish(struct netdma_ticket_rec *r)
{
	uint32_t sp1 = __atomic_load_n(&r->status_plus1, __ATOMIC_ACQUIRE);

	/* a CAS: the data path may have made a failure final meanwhile */
	while (!(sp1 & TICKET_DONE)) {
		uint32_t fin = sp1 == TICKET_CANCELLED ? (TICKET_DONE | TICKET_CANCELLED) :
			TICKET_SUCCESS;

		if (__atomic_compare_exchange_n(&r->status_plus1, &sp1, fin, false,
				__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
			return fin;
	}
	return sp1;
}

struct chain_map {
	bool in_chain[NETDMA_INSERT_POOL];	/* pool entries in the pending chain */
	unsigned int nb_in_chain;
	int pinned;				/* entry the completion word names, or -1 */
};

static int
map_one(struct netdma_chan *ch, const struct pend *p, unsigned int idx, void *arg)
{
	struct chain_map *m = arg;

	if (p->inserted && !m->in_chain[p->pool_idx]) {
		m->in_chain[p->pool_idx] = true;
		m->nb_in_chain++;
	}
	return 0;
}

/* Only while suspended: which pool entries are in use.  0 or -EIO. */
static int
map_pool(struct netdma_chan *ch, struct chain_map *m)
{
	int ret;

	uint64_t last = netdma_last_processed(ch);

	memset(m, 0, sizeof(*m));
	/* The engine may reload it on RESUME, and the data path may still be
	 * decoding a completion word that names it. */
	m->pinned = netdma_iova_in_pool(ch, last) ?
		(int)((last - ch->pool_iova) / CBDMA_DESC_SIZE) : -1;
	ret = walk_pending(ch, map_one, m);
	return ret < 0 ? ret : 0;
}

/*
 * At each suspension: every inserted job that is no longer in the pending
 * chain has been passed by the engine; its outcome becomes final and its pool
 * entry free (unless the engine reloads it on RESUME).  Exact: no position
 * arithmetic.
 */
static void
ticket_sweep(struct netdma_chan *ch)
{
	struct chain_map m;
	unsigned int i;

	for (i = 0; i < NETDMA_INSERT_POOL && ch->pool_owner[i] == 0; i++)
		;
	if (i == NETDMA_INSERT_POOL || map_pool(ch, &m) != 0)
		return;	/* nothing inserted in flight (or a broken chain) */
	for (i = 0; i < NETDMA_INSERT_POOL; i++) {
		uint64_t t = ch->pool_owner[i];
		struct netdma_ticket_rec *r;

		if (t == 0 || m.in_chain[i])
			continue;
		r = &ch->tickets[t % NETDMA_TICKET_RECORDS];
		if (r->ticket == t)
			ticket_finish(r);
		if ((int)i != m.pinned)
			ch->pool_owner[i] = 0;
	}
}

/*
 * Running: has the engine passed inserted job r, judging by the completion
 * word?  The engine runs the chain in order: compare its last processed
 * descriptor with r's place (before ring slot r->before_slot).  `rung`, read
 * after the word (acquire), covers the descriptor the word names (it is
 * stored before the DMACOUNT write that gave the engine that descriptor), so
 * the ring position is exact; a job not yet passed is then less than a ring
 * ahead of the engine, anything else has been passed.  A word that names the
 * descriptor the chain was last armed after, where that arming did not
 * follow it, says only that nothing ran since: the engine is at the chain's
 * start.  Wrong ("not yet")
 * only if the engine ran ~65536 - 1 ring of descriptors since, with no
 * suspension (which makes outcomes final, exactly) and no query in between.
 */
static bool
passed_running(struct netdma_chan *ch, const struct netdma_ticket_rec *r)
{
	uint64_t mine = ch->pool_iova + (uint64_t)r->pool_idx * CBDMA_DESC_SIZE;
	uint64_t last = cbdma_sts_addr(__atomic_load_n(ch->cw, __ATOMIC_ACQUIRE));
	uint16_t rung = __atomic_load_n(&ch->rung, __ATOMIC_RELAXED);
	uint32_t window = (uint32_t)ch->mask + 1;
	const struct cbdma_desc *d;
	uint16_t pos;
	uint64_t x;
	int limit = NETDMA_INSERT_POOL + 1;

	if (last == mine)
		return true;
	if (last == 0)
		return false;
	d = netdma_desc_va(ch, last);
	x = __atomic_load_n(&ch->chain_start, __ATOMIC_ACQUIRE);
	if (last == __atomic_load_n(&ch->arm_last, __ATOMIC_RELAXED) && d != NULL && d->next != x) {
		/* Nothing processed since a re-arm that does not follow `last`
		 * (a resume re-armed at the first pending job, an inserted one
		 * perhaps): the engine's next descriptor is the chain's start. */
		for (; netdma_iova_in_pool(ch, x) && --limit > 0; x = netdma_desc_va(ch, x)->next)
			if (x == mine)
				return false;
		if (!netdma_iova_in_ring(ch, x))
			return false;
		pos = (uint16_t)(ring_abs_slot(ch, x, (uint16_t)(rung + 1)));	/* ring jobs done */
		return (uint16_t)(r->before_slot - pos) >= window;
	}
	if (netdma_iova_in_ring(ch, last)) {
		pos = (uint16_t)(ring_abs_slot(ch, last, rung) + 1);	/* ring jobs done */
		return (uint16_t)(r->before_slot - pos) >= window;
	}
	if (!netdma_iova_in_pool(ch, last))
		return false;
	if (!NETDMA_IS_INSERTED(d->user1))
		return false;
	pos = (uint16_t)d->user1;
	if (pos != r->before_slot)
		return (uint16_t)(r->before_slot - pos) >= window;
	/* Both run before the same ring slot: is r still ahead of `last`? */
	for (x = d->next; netdma_iova_in_pool(ch, x) && --limit > 0;
			x = netdma_desc_va(ch, x)->next)
		if (x == mine)
			return false;
	return true;
}

int
netdma_ticket_status(struct netdma_chan *ch, uint64_t ticket, enum rte_dma_status_code *status)
{
	struct netdma_ticket_rec *r;
	uint32_t sp1;
	bool passed;
	int ret;

	if (status == NULL)
		return -EINVAL;
	pthread_mutex_lock(&ch->ctrl_lock);
	r = ticket_rec(ch, ticket);
	if (r == NULL) {
		NETDMA_LOG(ch, "ticket %" PRIu64 " is unknown or too old", ticket);
		ret = -ENOENT;
		goto out;
	}
	sp1 = __atomic_load_n(&r->status_plus1, __ATOMIC_ACQUIRE);
	if (!(sp1 & TICKET_DONE)) {
		if (ch->suspended) {
			struct chain_map m;

			passed = map_pool(ch, &m) == 0 && !m.in_chain[r->pool_idx];
		} else {
			passed = passed_running(ch, r);
		}
		ret = 0;
		if (!passed)
			goto out;
		sp1 = ticket_finish(r);
	}
	*status = (enum rte_dma_status_code)((sp1 & ~TICKET_DONE) - 1);
	ret = 1;
out:
	pthread_mutex_unlock(&ch->ctrl_lock);
	return ret;
}

/* ---- insert ---- */

/*
 * A free pool entry: one that is not in the pending chain (the engine has
 * passed it: its previous owner's outcome becomes final) and that the engine
 * does not reload.  Decided by the chain itself, never by ticket records,
 * which are recycled.  -ENOSPC with NETDMA_INSERT_MAX in flight.
 */
static int
alloc_pool_entry(struct netdma_chan *ch, struct chain_map *m)
{
	struct netdma_ticket_rec *r;
	unsigned int i;
	uint64_t t;

	if (map_pool(ch, m) != 0)
		return -EIO;
	if (m->nb_in_chain >= NETDMA_INSERT_MAX)
		return -ENOSPC;
	/* one more entry than may be in flight: never the pinned one */
	for (i = 0; i < NETDMA_INSERT_POOL; i++)
		if (!m->in_chain[i] && (int)i != m->pinned)
			break;
	t = ch->pool_owner[i];
	r = &ch->tickets[t % NETDMA_TICKET_RECORDS];
	if (t != 0 && r->ticket == t)
		ticket_finish(r);
	ch->pool_owner[i] = 0;
	return (int)i;
}

/*
 * The next ticket number whose record slot holds no inserted job still in
 * flight: records are recycled, but never under a pending job (its outcome,
 * and whether it is cancelled, live there).
 */
static uint64_t
next_ticket(struct netdma_chan *ch, const struct chain_map *m)
{
	uint64_t t = ch->next_ticket;
	unsigned int turns;

	for (turns = 0; turns <= NETDMA_INSERT_POOL; turns++, t++) {
		const struct netdma_ticket_rec *r = &ch->tickets[t % NETDMA_TICKET_RECORDS];

		if (r->ticket == 0 || r->pool_idx >= NETDMA_INSERT_POOL ||
				!m->in_chain[r->pool_idx] ||
				ch->pool_owner[r->pool_idx] != r->ticket)
			break;
	}
	ch->next_ticket = t + 1;
	return t;
}

int
netdma_insert(struct netdma_chan *ch, uint16_t pos, const struct netdma_job *job,
		uint64_t *ticket)
{
	struct find_arg a;
	struct chain_map m;
	struct cbdma_desc *prev, *nd;
	uint64_t next, t;
	uint16_t before;
	bool next_fenced = false;
	int idx, nb, ret;

	pthread_mutex_lock(&ch->ctrl_lock);
	ret = check_suspended(ch, "insert");
	if (ret == 0)
		ret = check_job(ch, job, "insert");
	if (ret != 0)
		goto out;
	if (ticket == NULL) {
		ret = -EINVAL;
		goto out;
	}
	nb = walk_pending(ch, NULL, NULL);
	if (nb < 0) {
		ret = nb;
		goto out;
	}
	if (pos > nb) {
		NETDMA_LOG(ch, "insert: position %u beyond the %d pending jobs", pos, nb);
		ret = -ERANGE;
		goto out;
	}
	idx = alloc_pool_entry(ch, &m);
	if (idx < 0) {
		if (idx == -ENOSPC)
			NETDMA_LOG(ch, "insert: %u inserted jobs are in flight already",
					NETDMA_INSERT_MAX);
		ret = idx;
		goto out;
	}
	/* The entry now at `pos` will run right after the new job. */
	if (pos < nb) {
		memset(&a, 0, sizeof(a));
		a.by_pos = true;
		a.want_pos = pos;
		walk_pending(ch, find_one, &a);
		prev = a.found.prev;
		next = a.found.iova;
		before = a.found.inserted ? (uint16_t)a.found.d->user1 : a.found.slot;
		next_fenced = a.found.inserted ? ((a.found.d->user1 >> 32) & NETDMA_USER2_FENCE) :
			(a.found.d->user2 & NETDMA_USER2_FENCE);
	} else {
		/* after the last pending job (cancelled ones included) */
		struct pend last = { 0 };
		uint64_t x = first_pending_iova(ch, ch->susp_last);
		uint64_t end = netdma_slot_iova(ch, ch->susp_rung);

		last.d = ch->susp_last ? netdma_desc_va(ch, ch->susp_last) : NULL;
		while (x != end) {
			last.d = netdma_desc_va(ch, x);
			x = last.d->next;
		}
		prev = last.d;
		next = end;
		before = ch->susp_rung;
	}
	if (prev == NULL)
		ch->need_rearm = true;	/* no descriptor links to the new one */

	t = next_ticket(ch, &m);
	nd = &ch->pool[idx];
	nd->next = next;
	nd->rsv1 = 0;
	nd->rsv2 = 0;
	nd->user2 = t;
	nd->ctl = next_fenced ? CBDMA_DESC_FENCE : 0;	/* the fence of the job after */
	write_op(nd, job);
	/* Last, with release: a data path that reads this user1 while decoding
	 * a stale completion word then sees the newer word (suspended_sts()). */
	__atomic_store_n(&nd->user1, NETDMA_USER1_INSERTED(before) |
			((job->flags & RTE_DMA_OP_FLAG_FENCE) << 32), __ATOMIC_RELEASE);
	ch->tickets[t % NETDMA_TICKET_RECORDS] = (struct netdma_ticket_rec){
		.ticket = t, .pool_idx = (uint16_t)idx, .before_slot = before,
	};
	ch->pool_owner[idx] = t;
	if (prev != NULL) {
		/* prev's fence bit now belongs to the new job; the job after it
		 * keeps its own on the new descriptor */
		set_fence_before(prev, job->flags & RTE_DMA_OP_FLAG_FENCE);
		prev->next = ch->pool_iova + (uint64_t)idx * CBDMA_DESC_SIZE;
	} else {
		__atomic_store_n(&ch->chain_start,
				ch->pool_iova + (uint64_t)idx * CBDMA_DESC_SIZE, __ATOMIC_RELEASE);
	}
	ch->inserted_this++;
	ch->cstats.inserts++;
	*ticket = t;
out:
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

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * The pending list of a suspended channel: walk it in execution order,
 * report it, and edit it (cancel, rewrite, insert).  Edits touch only
 * descriptors between the last one the engine processed and the last one it
 * was told about (susp_rung), plus the insert pool (netdma_ctrl.c: why that
 * is safe while the data path keeps running).
 */

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "netdma_ctrl_priv.h"

/* Ring descriptors the pending walk fetches ahead. */
#define WALK_PREFETCH	16

/* Callers hold ctrl_lock with the channel suspended. */
int
netdma_walk_pending(struct netdma_chan *ch, pend_fn fn, void *arg)
{
	uint64_t end = netdma_slot_iova(ch, ch->susp_rung);
	uint64_t x = netdma_first_pending_iova(ch, ch->susp_last);
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
			p.slot = netdma_ring_abs_slot(ch, x, ch->susp_rung);
			p.cancelled = NETDMA_IS_MARK(p.d->user1);
			/* The chain mostly follows the ring: fetch ahead of the
			 * pointer chase (the lines were last written on the
			 * data path's core, or streamed to memory). */
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

/* ---- inspection ---- */

static void
desc_to_job(const struct netdma_chan *ch, const struct pend *p, struct netdma_job *j)
{
	const struct cbdma_desc *d = p->d;

	memset(j, 0, sizeof(*j));
	if (p->inserted)
		j->ticket = d->user2;
	else
		j->ring_idx = (uint16_t)(p->slot - ch->idx_base);
	j->flags = netdma_desc_job_fenced(d, p->inserted) ? RTE_DMA_OP_FLAG_FENCE : 0;
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
		ret = netdma_walk_pending(ch, fill_one, &a);
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
	ret = netdma_walk_pending(ch, find_one, a);
	if (ret < 0)
		return ret;
	if (a->hit && by_ticket) {
		const struct netdma_ticket_rec *r = netdma_ticket_rec(ch, key);

		/* An outcome already final (it failed, or was not attempted
		 * behind a failed fenced job; ticket_status says done): the
		 * job is no longer pending, though its null descriptor is
		 * still in the chain. */
		if (r != NULL &&
				(__atomic_load_n(&r->status_plus1, __ATOMIC_ACQUIRE) & TICKET_DONE))
			return -ENOENT;
	}
	return a->hit ? 0 : -ENOENT;
}

/* ---- cancel ---- */

/*
 * Cancel a pending job, found: it keeps its place as a null descriptor (the
 * chain, DMACOUNT and the order of completions stay as they are).  A ring
 * job gets a mark in user1: it completes exactly once, in order, with
 * USER_ABORT; an inserted one reports it through its ticket.  The caller
 * publishes ctl_word once for all the marks it made (netdma_publish_ctl).
 */
static int
cancel_found(struct netdma_chan *ch, const struct pend *p)
{
	if (p->cancelled)
		return -EALREADY;
	netdma_desc_make_null(p->d);
	if (p->inserted) {
		struct netdma_ticket_rec *r = &ch->tickets[p->d->user2 % NETDMA_TICKET_RECORDS];

		__atomic_store_n(&r->status_plus1, TICKET_CANCELLED, __ATOMIC_RELEASE);
	} else {
		p->d->user1 = NETDMA_MARK(RTE_DMA_STATUS_USER_ABORT);
		ch->ctl_marks++;
	}
	ch->cstats.cancels++;
	return 0;
}

/*
 * A pending ring job by its absolute slot, without a walk: the ring jobs
 * pending in this suspension are exactly the slots [susp_first, susp_rung)
 * (inserted descriptors take no slot; a slot is reused only after it was
 * reported, and the data path writes only slots at or after `rung`).
 */
static int
find_ring_job(struct netdma_chan *ch, uint16_t slot, struct pend *p)
{
	if ((uint16_t)(slot - ch->susp_first) >= (uint16_t)(ch->susp_rung - ch->susp_first))
		return -ENOENT;
	memset(p, 0, sizeof(*p));
	p->d = &ch->ring[slot & ch->mask];
	p->slot = slot;
	p->cancelled = NETDMA_IS_MARK(p->d->user1);
	return 0;
}

/* Marks made: the data path learns that they exist; it reads a mark itself
 * only after the engine has run its job. */
static void
publish_marks(struct netdma_chan *ch, uint64_t marks_before)
{
	if (ch->ctl_marks != marks_before)
		netdma_publish_ctl(ch, true, __ATOMIC_RELAXED);
}

static int
cancel_locked(struct netdma_chan *ch, bool by_ticket, uint64_t key)
{
	uint64_t marks = ch->ctl_marks;
	struct find_arg a;
	int ret;

	ret = check_suspended(ch, "cancel");
	if (ret != 0)
		return ret;
	if (by_ticket) {
		ret = find_job(ch, true, key, &a);
	} else {
		ret = find_ring_job(ch, (uint16_t)key, &a.found);
	}
	if (ret != 0) {
		NETDMA_LOG(ch, "cancel: %s %" PRIu64 " is not pending",
				by_ticket ? "ticket" : "ring_idx",
				by_ticket ? key : (uint64_t)(uint16_t)(key - ch->idx_base));
		return ret;
	}
	ret = cancel_found(ch, &a.found);
	publish_marks(ch, marks);
	return ret;
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

int
netdma_cancel_bulk(struct netdma_chan *ch, const uint16_t *ring_idx, uint16_t nb, int *status)
{
	unsigned int missing = 0, first = 0;
	uint64_t marks;
	struct pend p;
	int done = 0, ret;
	uint16_t i;

	if (ring_idx == NULL && nb != 0) {
		NETDMA_LOG(ch, "cancel_bulk: no ring_idx array for %u jobs", nb);
		return -EINVAL;
	}
	pthread_mutex_lock(&ch->ctrl_lock);
	ret = check_suspended(ch, "cancel_bulk");
	if (ret != 0)
		goto out;
	marks = ch->ctl_marks;
	for (i = 0; i < nb; i++) {
		ret = find_ring_job(ch, (uint16_t)(ring_idx[i] + ch->idx_base), &p);
		if (ret == 0)
			ret = cancel_found(ch, &p);
		if (ret == 0)
			done++;
		else if (ret == -ENOENT && missing++ == 0)
			first = i;
		if (status != NULL)
			status[i] = ret;
	}
	publish_marks(ch, marks);
	if (missing != 0)
		NETDMA_LOG(ch, "cancel_bulk: %u of %u jobs are not pending (the first: ring_idx %u)",
				missing, nb, ring_idx[first]);
	ret = done;
out:
	pthread_mutex_unlock(&ch->ctrl_lock);
	return ret;
}

struct cancel_if_arg {
	netdma_job_pred pred;
	void *arg;
	int done;
};

static int
cancel_if_one(struct netdma_chan *ch, const struct pend *p, unsigned int idx, void *arg)
{
	struct cancel_if_arg *a = arg;
	struct netdma_job j;

	RTE_SET_USED(idx);
	if (p->cancelled)
		return 0;
	desc_to_job(ch, p, &j);
	if (a->pred(&j, a->arg) && cancel_found(ch, p) == 0)
		a->done++;
	return 0;
}

int
netdma_cancel_if(struct netdma_chan *ch, netdma_job_pred pred, void *arg)
{
	struct cancel_if_arg a = { .pred = pred, .arg = arg };
	uint64_t marks;
	int ret;

	if (pred == NULL) {
		NETDMA_LOG(ch, "cancel_if: no predicate");
		return -EINVAL;
	}
	pthread_mutex_lock(&ch->ctrl_lock);
	ret = check_suspended(ch, "cancel_if");
	if (ret == 0) {
		marks = ch->ctl_marks;
		/* one walk: the predicate sees each pending job once, in order */
		ret = netdma_walk_pending(ch, cancel_if_one, &a);
		publish_marks(ch, marks);
		if (ret >= 0)
			ret = a.done;
	}
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
	netdma_desc_set_job_fence(a.found.d, by_ticket, job->flags & RTE_DMA_OP_FLAG_FENCE);
	/* The fence of a job is carried by the descriptor before it. */
	set_fence_before(a.found.prev, job->flags & RTE_DMA_OP_FLAG_FENCE);
	ch->cstats.rewrites++;
out:
	pthread_mutex_unlock(&ch->ctrl_lock);
	return ret;
}

/* ---- insert ---- */

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
	nb = netdma_walk_pending(ch, NULL, NULL);
	if (nb < 0) {
		ret = nb;
		goto out;
	}
	if (pos > nb) {
		NETDMA_LOG(ch, "insert: position %u beyond the %d pending jobs", pos, nb);
		ret = -ERANGE;
		goto out;
	}
	idx = netdma_ticket_alloc_entry(ch, &m);
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
		netdma_walk_pending(ch, find_one, &a);
		prev = a.found.prev;
		next = a.found.iova;
		before = a.found.inserted ? (uint16_t)a.found.d->user1 : a.found.slot;
		next_fenced = netdma_desc_job_fenced(a.found.d, a.found.inserted);
	} else {
		/* after the last pending job (cancelled ones included) */
		struct pend last = { 0 };
		uint64_t x = netdma_first_pending_iova(ch, ch->susp_last);
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

	t = netdma_ticket_next(ch, &m);
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
			(job->flags & RTE_DMA_OP_FLAG_FENCE ? NETDMA_USER1_FENCE : 0),
			__ATOMIC_RELEASE);
	ch->tickets[t % NETDMA_TICKET_RECORDS] = (struct netdma_ticket_rec){
		.ticket = t, .pool_idx = (uint16_t)idx, .before_slot = before,
	};
	ch->pool_owner[idx] = t;
	if (prev != NULL) {
		/* prev's fence bit now belongs to the new job; the job after it
		 * keeps its own on the new descriptor */
		set_fence_before(prev, job->flags & RTE_DMA_OP_FLAG_FENCE);
		prev->next = ch->pool_iova + (uint64_t)idx * CBDMA_DESC_SIZE;
		if (prev == netdma_desc_va(ch, ch->arm_last))
			__atomic_store_n(&ch->arm_next, prev->next, __ATOMIC_RELAXED);
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


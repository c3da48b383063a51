/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * Tickets of inserted jobs: their outcome records, the insert pool entries
 * they run from, and whether the engine has passed them.
 */

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "netdma_ctrl_priv.h"

/* The pool has one entry more than may be in flight, so the one the engine
 * last processed (pinned) is never needed for a new job. */
_Static_assert(NETDMA_INSERT_POOL >= NETDMA_INSERT_MAX + 1, "insert pool too small");

/* ---- tickets ---- */

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
netdma_ticket_finish(struct netdma_ticket_rec *r)
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

int
netdma_map_pool(struct netdma_chan *ch, struct chain_map *m)
{
	int ret;

	uint64_t last = netdma_last_processed(ch);

	memset(m, 0, sizeof(*m));
	/* The engine may reload it on RESUME, and the data path may still be
	 * decoding a completion word that names it. */
	m->pinned = netdma_iova_in_pool(ch, last) ?
		(int)((last - ch->pool_iova) / CBDMA_DESC_SIZE) : -1;
	ret = netdma_walk_pending(ch, map_one, m);
	return ret < 0 ? ret : 0;
}

/*
 * At each suspension: every inserted job that is no longer in the pending
 * chain has been passed by the engine; its outcome becomes final and its pool
 * entry free (unless the engine reloads it on RESUME).  Exact: no position
 * arithmetic.
 */
void
netdma_ticket_sweep(struct netdma_chan *ch)
{
	struct chain_map m;
	unsigned int i;

	for (i = 0; i < NETDMA_INSERT_POOL && ch->pool_owner[i] == 0; i++)
		;
	if (i == NETDMA_INSERT_POOL || netdma_map_pool(ch, &m) != 0)
		return;	/* nothing inserted in flight (or a broken chain) */
	for (i = 0; i < NETDMA_INSERT_POOL; i++) {
		uint64_t t = ch->pool_owner[i];
		struct netdma_ticket_rec *r;

		if (t == 0 || m.in_chain[i])
			continue;
		r = &ch->tickets[t % NETDMA_TICKET_RECORDS];
		if (r->ticket == t)
			netdma_ticket_finish(r);
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
	/* Acquire pairs with netdma_hw_arm()'s release: arm_last and arm_next
	 * are those of this arming (or newer).  Not d->next: a completed ring
	 * descriptor is the data path's to rewrite once the engine moved on. */
	x = __atomic_load_n(&ch->chain_start, __ATOMIC_ACQUIRE);
	if (last == __atomic_load_n(&ch->arm_last, __ATOMIC_RELAXED) &&
			__atomic_load_n(&ch->arm_next, __ATOMIC_RELAXED) != x) {
		/* Nothing processed since a re-arm that does not follow `last`
		 * (a resume re-armed at the first pending job, an inserted one
		 * perhaps): the engine's next descriptor is the chain's start. */
		for (; netdma_iova_in_pool(ch, x) && --limit > 0; x = netdma_desc_va(ch, x)->next)
			if (x == mine)
				return false;
		if (!netdma_iova_in_ring(ch, x))
			return false;
		pos = (uint16_t)(netdma_ring_abs_slot(ch, x, (uint16_t)(rung + 1)));	/* ring jobs done */
		return (uint16_t)(r->before_slot - pos) >= window;
	}
	if (netdma_iova_in_ring(ch, last)) {
		pos = (uint16_t)(netdma_ring_abs_slot(ch, last, rung) + 1);	/* ring jobs done */
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
	r = netdma_ticket_rec(ch, ticket);
	if (r == NULL) {
		NETDMA_LOG(ch, "ticket %" PRIu64 " is unknown or too old", ticket);
		ret = -ENOENT;
		goto out;
	}
	sp1 = __atomic_load_n(&r->status_plus1, __ATOMIC_ACQUIRE);
	if (!(sp1 & TICKET_DONE)) {
		if (ch->suspended) {
			struct chain_map m;

			passed = netdma_map_pool(ch, &m) == 0 && !m.in_chain[r->pool_idx];
		} else {
			passed = passed_running(ch, r);
		}
		ret = 0;
		if (!passed)
			goto out;
		sp1 = netdma_ticket_finish(r);
	}
	*status = (enum rte_dma_status_code)((sp1 & ~TICKET_DONE) - 1);
	ret = 1;
out:
	pthread_mutex_unlock(&ch->ctrl_lock);
	return ret;
}

/* ---- insert pool entries and ticket numbers ---- */

/*
 * A free pool entry: one that is not in the pending chain (the engine has
 * passed it: its previous owner's outcome becomes final) and that the engine
 * does not reload.  Decided by the chain itself, never by ticket records,
 * which are recycled.  -ENOSPC with NETDMA_INSERT_MAX in flight.
 */
int
netdma_ticket_alloc_entry(struct netdma_chan *ch, struct chain_map *m)
{
	struct netdma_ticket_rec *r;
	unsigned int i;
	uint64_t t;

	if (netdma_map_pool(ch, m) != 0)
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
		netdma_ticket_finish(r);
	ch->pool_owner[i] = 0;
	return (int)i;
}

/*
 * The next ticket number whose record slot holds no inserted job still in
 * flight: records are recycled, but never under a pending job (its outcome,
 * and whether it is cancelled, live there).
 */
uint64_t
netdma_ticket_next(struct netdma_chan *ch, const struct chain_map *m)
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

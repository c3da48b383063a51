/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * Private to the control side (netdma_ctrl.c: handshake, suspend, resume;
 * netdma_splice.c: the pending list and its edits; netdma_ticket.c: tickets
 * of inserted jobs).
 */

#ifndef NETDMA_CTRL_PRIV_H
#define NETDMA_CTRL_PRIV_H

#include "netdma_ctrl.h"
#include "netdma_fastpath.h"
#include "netdma_internal.h"

/*
 * The outcome of an inserted job, in its ticket record (status_plus1):
 * 0 none yet; TICKET_CANCELLED cancelled, not yet passed by the engine;
 * TICKET_DONE | (status + 1) final.  The data path makes a failure (or
 * NOT_ATTEMPTED) final itself, in its recovery; the control side makes every
 * other outcome final once it sees that the engine has passed the job
 * (netdma_ticket_finish()), so an outcome never depends on how far the ring
 * moved on afterwards.
 */
#define TICKET_DONE		0x80000000u
#define TICKET_CANCELLED	((uint32_t)RTE_DMA_STATUS_USER_ABORT + 1)
#define TICKET_SUCCESS		(TICKET_DONE | ((uint32_t)RTE_DMA_STATUS_SUCCESSFUL + 1))

/* The record of a ticket still remembered, or NULL. */
static inline struct netdma_ticket_rec *
netdma_ticket_rec(struct netdma_chan *ch, uint64_t ticket)
{
	struct netdma_ticket_rec *r;

	if (ticket == 0 || ticket >= ch->next_ticket)
		return NULL;
	r = &ch->tickets[ticket % NETDMA_TICKET_RECORDS];
	return r->ticket == ticket ? r : NULL;
}

/* ---- where the engine is ---- */

static inline uint64_t
netdma_first_pending_iova(const struct netdma_chan *ch, uint64_t last)
{
	const struct cbdma_desc *d;

	if (last == 0)
		return __atomic_load_n(&ch->chain_start, __ATOMIC_ACQUIRE);
	d = netdma_desc_va(ch, last);
	return d != NULL ? d->next : 0;
}

/* Absolute slot of a ring descriptor at or before the last rung one. */
static inline uint16_t
netdma_ring_abs_slot(const struct netdma_chan *ch, uint64_t iova, uint16_t rung)
{
	uint16_t mod = (uint16_t)((iova - ch->ring_iova) / CBDMA_DESC_SIZE);
	uint16_t d = (uint16_t)(rung - mod) & ch->mask;

	return (uint16_t)(rung - (d == 0 ? ch->mask + 1 : d));
}

/* The last descriptor the engine processed, while suspended. */
static inline uint64_t
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

struct chain_map {
	bool in_chain[NETDMA_INSERT_POOL];	/* pool entries in the pending chain */
	unsigned int nb_in_chain;
	int pinned;				/* entry the completion word names, or -1 */
};


/* ---- the handshake (netdma_ctrl.c) ---- */

/* Publish ctl_word: the marks count, EXCLUDE or not, with the given order
 * (__ATOMIC_RELEASE or __ATOMIC_RELAXED). */
void netdma_publish_ctl(struct netdma_chan *ch, bool exclude, int memorder);

/* ---- the pending list (netdma_splice.c) ---- */

/*
 * Walk the pending list in execution order: from the descriptor after the
 * last processed one up to ring slot susp_rung.  fn returns non-zero to stop.
 * Returns the number of live (not cancelled) entries visited, or -EIO.
 */
int netdma_walk_pending(struct netdma_chan *ch, pend_fn fn, void *arg);

/* ---- tickets (netdma_ticket.c) ---- */

/* At a suspension: finish the outcome of every inserted job the engine passed. */
void netdma_ticket_sweep(struct netdma_chan *ch);
/* Only while suspended: which pool entries are in use.  0 or -EIO. */
int netdma_map_pool(struct netdma_chan *ch, struct chain_map *m);
/* A free insert pool entry (its index), -ENOSPC or -EIO; fills m. */
int netdma_ticket_alloc_entry(struct netdma_chan *ch, struct chain_map *m);
/* The next ticket number free to use. */
uint64_t netdma_ticket_next(struct netdma_chan *ch, const struct chain_map *m);

#endif /* NETDMA_CTRL_PRIV_H */

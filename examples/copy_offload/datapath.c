/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * The worker lcore: rx -> one DMA copy per segment into a fresh mbuf ->
 * completions (every status) -> tx.  It alone owns the job table below: the
 * mbufs of a job are freed only when its completion arrives, whatever its
 * status (a cancelled job completes with USER_ABORT like any other).
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_dmadev.h>
#include <rte_ethdev.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>

#include "copy_offload.h"

#define DRAIN_TIMEOUT_S	10
#define CPL_MAX		(2 * APP_MAX_BURST)

enum doom { DOOM_NONE, DOOM_RING_FULL, DOOM_COPY_ERROR };

/* One enqueued copy job; the last job of a packet carries its mbufs. */
struct job_slot {
	struct rte_mbuf *src;
	struct rte_mbuf *dst;
	uint8_t last;
	uint8_t doom;		/* packet already lost: a later segment did not enqueue */
	uint8_t rx_pidx;
	uint8_t out_pidx;
};

struct worker {
	struct app *a;
	int16_t dev;
	uint16_t mask;
	struct job_slot *slots;		/* indexed by ring_idx & mask */
	bool expect_set;
	uint16_t expect_idx;		/* ring_idx of the next completion */
	enum rte_dma_status_code pkt_status;	/* first failure of the packet in progress */
	uint16_t txn[APP_MAX_PORTS];
	struct rte_mbuf *txq[APP_MAX_PORTS][CPL_MAX];
};

static void
publish_tag(struct worker *w, uint16_t ring_idx, uint8_t rx_pidx)
{
	/* Release: a control thread that reads the tag sees it whole. */
	__atomic_store_n(&w->a->job_tags[ring_idx & w->a->tag_mask],
			((uint32_t)ring_idx << 16) | (uint32_t)(rx_pidx + 1), __ATOMIC_RELEASE);
}

/*
 * Enqueue the copies of one packet (one job per non-empty segment) into dst.
 * Returns 0 (its last job carries the mbufs now), or the drop reason when no
 * job was enqueued (the caller frees both mbufs).
 */
static int
enqueue_packet(struct worker *w, struct rte_mbuf *m, struct rte_mbuf *dst, uint8_t rx_pidx)
{
	struct app *a = w->a;
	const struct rte_mbuf *seg;
	struct job_slot *last = NULL;
	uint32_t off = 0;
	uint8_t doom = DOOM_NONE;

	for (seg = m; seg != NULL; seg = seg->next) {
		int r;

		if (seg->data_len == 0)
			continue;
		r = rte_dma_copy(w->dev, 0, rte_pktmbuf_iova(seg),
				rte_pktmbuf_iova_offset(dst, off), seg->data_len, 0);
		if (r < 0) {
			if (r != -ENOSPC)
				ctr_add(&a->dp.enqueue_errors, 1);
			doom = r == -ENOSPC ? DOOM_RING_FULL : DOOM_COPY_ERROR;
			if (last == NULL)
				return doom;
			break;
		}
		last = &w->slots[(uint16_t)r & w->mask];
		*last = (struct job_slot){ .rx_pidx = rx_pidx };
		publish_tag(w, (uint16_t)r, rx_pidx);
		if (!w->expect_set) {
			w->expect_set = true;
			w->expect_idx = (uint16_t)r;
		}
		ctr_add(&a->dp.jobs_enqueued, 1);
		off += seg->data_len;
	}
	if (last == NULL)
		return DOOM_COPY_ERROR;	/* cannot happen: pkt_len > 0 was checked */
	dst->data_len = (uint16_t)m->pkt_len;
	dst->pkt_len = m->pkt_len;
	dst->port = m->port;
	dst->packet_type = m->packet_type;
	*last = (struct job_slot){
		.src = m, .dst = dst, .last = 1, .doom = doom,
		.rx_pidx = rx_pidx, .out_pidx = (uint8_t)a->peer[rx_pidx],
	};
	ctr_add(&a->dp.pkts_enqueued, 1);
	return 0;
}

/* Receive one burst on port index p; returns the packets enqueued. */
static unsigned int
rx_port(struct worker *w, uint16_t p, uint16_t *cap)
{
	struct app *a = w->a;
	struct port_books *b = &a->books[p];
	struct rte_mbuf *pkts[APP_MAX_BURST], *dsts[APP_MAX_BURST];
	const uint16_t room = (uint16_t)(a->opt.copy_mbuf_size - RTE_PKTMBUF_HEADROOM);
	uint16_t nb, nd, i;
	unsigned int enq = 0;

	nb = rte_eth_rx_burst(a->ports[p], 0, pkts, RTE_MIN(*cap, (uint16_t)a->opt.burst));
	if (nb == 0)
		return 0;
	ctr_add(&b->rx, nb);
	nd = nb;
	if (rte_pktmbuf_alloc_bulk(a->copy_pool, dsts, nb) != 0) {
		for (nd = 0; nd < nb; nd++)
			if ((dsts[nd] = rte_pktmbuf_alloc(a->copy_pool)) == NULL)
				break;
	}
	for (i = 0; i < nb; i++) {
		struct rte_mbuf *m = pkts[i];
		int reason;

		if (i >= nd) {
			ctr_add(&b->drop_no_mbuf, 1);
			rte_pktmbuf_free(m);
			continue;
		}
		m->port = a->ports[p];
		if (m->pkt_len == 0 || m->pkt_len > room) {
			reason = -1;
		} else if (m->nb_segs > *cap) {
			reason = DOOM_RING_FULL;
		} else {
			reason = enqueue_packet(w, m, dsts[i], (uint8_t)p);
			if (reason == 0) {
				*cap -= m->nb_segs;
				enq++;
				continue;
			}
		}
		if (reason < 0)
			ctr_add(&b->drop_bad_size, 1);
		else if (reason == DOOM_RING_FULL)
			ctr_add(&b->drop_ring_full, 1);
		else
			ctr_add(&b->copy_errors, 1);
		rte_pktmbuf_free(m);
		rte_pktmbuf_free(dsts[i]);
	}
	return enq;
}

static void
tx_flush(struct worker *w, uint16_t op)
{
	struct app *a = w->a;
	uint16_t n = w->txn[op], sent, i;
	uint8_t rxp[CPL_MAX];

	if (n == 0)
		return;
	/* The tx PMD may free a sent mbuf at once: read what we need first. */
	for (i = 0; i < n; i++)
		rxp[i] = (uint8_t)a->pidx_of[w->txq[op][i]->port];
	sent = rte_eth_tx_burst(a->ports[op], 0, w->txq[op], n);
	ctr_add(&a->books[op].tx, sent);
	for (i = 0; i < n; i++) {
		if (i < sent) {
			ctr_add(&a->books[rxp[i]].forwarded, 1);
		} else {
			ctr_add(&a->books[rxp[i]].drop_tx_full, 1);
			rte_pktmbuf_free(w->txq[op][i]);
		}
	}
	w->txn[op] = 0;
}

static void
finish_packet(struct worker *w, struct job_slot *s)
{
	struct app *a = w->a;
	struct port_books *b = &a->books[s->rx_pidx];

	ctr_add(&a->dp.pkts_finished, 1);
	if (s->doom == DOOM_NONE && w->pkt_status == RTE_DMA_STATUS_SUCCESSFUL) {
		rte_pktmbuf_free(s->src);
		w->txq[s->out_pidx][w->txn[s->out_pidx]++] = s->dst;
		if (w->txn[s->out_pidx] == CPL_MAX)
			tx_flush(w, s->out_pidx);
	} else {
		if (s->doom == DOOM_RING_FULL)
			ctr_add(&b->drop_ring_full, 1);
		else if (s->doom == DOOM_NONE && w->pkt_status == RTE_DMA_STATUS_USER_ABORT)
			ctr_add(&b->cancelled, 1);
		else
			ctr_add(&b->copy_errors, 1);
		rte_pktmbuf_free(s->src);
		rte_pktmbuf_free(s->dst);
	}
	w->pkt_status = RTE_DMA_STATUS_SUCCESSFUL;
	s->src = s->dst = NULL;
}

/* Reap completions, in ring_idx order, and transmit the good copies. */
static uint16_t
reap(struct worker *w)
{
	struct app *a = w->a;
	enum rte_dma_status_code st[CPL_MAX];
	uint16_t last_idx, n, i, first;

	n = rte_dma_completed_status(w->dev, 0, (uint16_t)RTE_MIN(2 * a->opt.burst, (unsigned int)CPL_MAX),
			&last_idx, st);
	if (n == 0)
		return 0;
	first = (uint16_t)(last_idx - n + 1);
	if (first != w->expect_idx)
		ctr_add(&a->dp.idx_mismatch, 1);
	w->expect_idx = (uint16_t)(last_idx + 1);
	ctr_add(&a->dp.jobs_completed, n);
	for (i = 0; i < n; i++) {
		struct job_slot *s = &w->slots[(uint16_t)(first + i) & w->mask];

		if (st[i] != RTE_DMA_STATUS_SUCCESSFUL) {
			ctr_add(&a->dp.status[RTE_MIN((unsigned int)st[i],
					(unsigned int)APP_STATUS_SLOTS)], 1);
			if (st[i] == RTE_DMA_STATUS_USER_ABORT)
				ctr_add(&a->dp.jobs_cancelled, 1);
			else
				ctr_add(&a->dp.jobs_failed, 1);
			if (w->pkt_status == RTE_DMA_STATUS_SUCCESSFUL)
				w->pkt_status = st[i];
		}
		if (s->last)
			finish_packet(w, s);
	}
	for (i = 0; i < a->nb_ports; i++)
		tx_flush(w, i);
	return n;
}

static bool
in_flight(const struct app *a)
{
	return a->dp.jobs_enqueued != a->dp.jobs_completed;
}

int
app_worker_main(void *arg)
{
	struct app *a = arg;
	struct worker *w;
	uint64_t deadline;
	uint16_t p;

	w = rte_zmalloc("co_worker", sizeof(*w), RTE_CACHE_LINE_SIZE);
	if (w != NULL)
		w->slots = rte_zmalloc("co_slots", sizeof(*w->slots) * (a->tag_mask + 1u),
				RTE_CACHE_LINE_SIZE);
	if (w == NULL || w->slots == NULL) {
		fprintf(stderr, APP_NAME ": worker: out of memory\n");
		rte_free(w);
		a->dp.drain_left = UINT64_MAX;
		return -1;
	}
	w->a = a;
	w->dev = a->dma_id;
	w->mask = a->tag_mask;
	w->pkt_status = RTE_DMA_STATUS_SUCCESSFUL;

	while (!__atomic_load_n(&a->quit, __ATOMIC_RELAXED)) {
		uint16_t cap = rte_dma_burst_capacity(w->dev, 0);
		unsigned int enq = 0;

		for (p = 0; p < a->nb_ports && cap > 0; p++) {
			/* Acquire: pairs with the control thread's release. */
			if (__atomic_load_n(&a->port_paused[p], __ATOMIC_ACQUIRE))
				continue;
			enq += rx_port(w, p, &cap);
		}
		if (enq != 0)
			rte_dma_submit(w->dev, 0);
		reap(w);
	}

	/* Drain: no more rx; wait for every job's completion. */
	rte_dma_submit(w->dev, 0);
	deadline = rte_get_timer_cycles() + DRAIN_TIMEOUT_S * rte_get_timer_hz();
	while (in_flight(a)) {
		if (reap(w) == 0 && rte_get_timer_cycles() > deadline) {
			ctr_add(&a->dp.drain_left, a->dp.jobs_enqueued - a->dp.jobs_completed);
			fprintf(stderr, APP_NAME ": worker: %" PRIu64 " copy jobs did not complete "
					"within %d s\n", a->dp.drain_left, DRAIN_TIMEOUT_S);
			break;
		}
	}
	rte_free(w->slots);
	rte_free(w);
	return 0;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * The soak's control thread: at random moments suspend the channel, edit
 * the pending list (cancel or rewrite data-path jobs, insert jobs of its
 * own, cancel inserted ones), resume; and check every inserted job's outcome
 * through its ticket.  It tells the data path what it did to a ring job
 * through soak.rec[ring_idx], before the resume that lets the job run.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "soak.h"

#define MAX_TICKETS	48

struct ins {
	uint64_t ticket;	/* 0: free */
	enum netdma_op op;
	uint32_t len;
	uint64_t src, pattern;
	uint8_t *dst;
	bool cancelled;
};

struct ctl {
	uint64_t rnd;
	struct ins t[MAX_TICKETS];
	struct netdma_job pend[SOAK_NB_DESC + NETDMA_INSERT_POOL];
	struct soak_counts *c;
};

static void
random_op(struct ctl *k, enum netdma_op *op, uint32_t *len, uint64_t *src, uint64_t *pattern)
{
	uint64_t r = soak_rand(&k->rnd);

	*op = fx.ch.fill_ok && r % 3 == 0 ? NETDMA_OP_FILL : NETDMA_OP_COPY;
	*len = 1 + (uint32_t)(r >> 8) % (r % 4 == 0 ? SOAK_REGION : 512);
	*src = fx_iova(soak.src + (r >> 24) % (SOAK_SRC_SIZE - SOAK_REGION));
	*pattern = r * 0xD6E8FEB86659FD93ull;
}

static void
edit_cancel(struct ctl *k, const struct netdma_job *j)
{
	int ret = netdma_cancel(&fx.ch, j->ring_idx);

	if (ret == 0) {
		__atomic_store_n(&soak.rec[j->ring_idx].state, EDIT_CANCELLED, __ATOMIC_RELEASE);
		k->c->cancels++;
	} else if (ret == -EALREADY) {
		k->c->edits_refused++;
	} else {
		soak_report_bad(k->c, "cancel of pending ring_idx %u: %d", j->ring_idx, ret);
	}
}

static void
edit_rewrite(struct ctl *k, const struct netdma_job *j)
{
	struct netdma_job nj = *j;
	struct soak_rec *rec = &soak.rec[j->ring_idx];
	int ret;

	/* same destination and flags (the data path's fence rule uses its own) */
	random_op(k, &nj.op, &nj.length, &nj.src, &nj.pattern);
	if (nj.op == NETDMA_OP_FILL)
		nj.src = 0;
	ret = netdma_rewrite(&fx.ch, &nj);
	if (ret != 0) {
		soak_report_bad(k->c, "rewrite of pending ring_idx %u: %d", j->ring_idx, ret);
		return;
	}
	__atomic_store_n(&rec->op, (uint32_t)nj.op, __ATOMIC_RELAXED);
	__atomic_store_n(&rec->len, nj.length, __ATOMIC_RELAXED);
	__atomic_store_n(&rec->src, nj.src, __ATOMIC_RELAXED);
	__atomic_store_n(&rec->pattern, nj.pattern, __ATOMIC_RELAXED);
	__atomic_store_n(&rec->state, EDIT_REWRITTEN, __ATOMIC_RELEASE);
	k->c->rewrites++;
}

static void
edit_insert(struct ctl *k, int np)
{
	struct netdma_job nj = { 0 };
	struct ins *s = NULL;
	unsigned int i;
	int ret;

	for (i = 0; i < MAX_TICKETS && s == NULL; i++)
		if (k->t[i].ticket == 0)
			s = &k->t[i];
	if (s == NULL)
		return;
	random_op(k, &s->op, &s->len, &s->src, &s->pattern);
	s->dst = soak.ctl_dst + (size_t)(s - k->t) * SOAK_REGION;
	s->cancelled = false;
	memset(s->dst, SOAK_CANARY, SOAK_REGION);
	nj = (struct netdma_job){ .op = s->op, .src = s->op == NETDMA_OP_COPY ? s->src : 0,
		.pattern = s->pattern, .dst = fx_iova(s->dst), .length = s->len };
	ret = netdma_insert(&fx.ch, (uint16_t)(soak_rand(&k->rnd) % (np + 1)), &nj, &s->ticket);
	if (ret == 0)
		k->c->inserts++;
	else if (ret == -ENOSPC)
		k->c->edits_refused++;
	else
		soak_report_bad(k->c, "insert: %d", ret);
	if (ret != 0)
		s->ticket = 0;
}

static void
edit_cancel_ticket(struct ctl *k, const struct netdma_job *j)
{
	unsigned int i;
	int ret = netdma_cancel_ticket(&fx.ch, j->ticket);

	if (ret != 0) {
		soak_report_bad(k->c, "cancel of pending ticket %lu: %d", (unsigned long)j->ticket,
				ret);
		return;
	}
	for (i = 0; i < MAX_TICKETS; i++)
		if (k->t[i].ticket == j->ticket)
			k->t[i].cancelled = true;
	k->c->ticket_cancels++;
}

/* A pending job has not run: its destination holds the canary still (a job
 * that ran wrote at least 8 of its first 16 bytes). */
static void
check_not_run(struct ctl *k, const struct netdma_job *j)
{
	const uint8_t *d = (const uint8_t *)(uintptr_t)j->dst;
	unsigned int n = j->length < 16 ? j->length : 16, i, written = 0;

	if (n < 16)
		return;
	for (i = 0; i < n; i++)
		written += d[i] != SOAK_CANARY;
	if (written >= 8)
		soak_report_bad(k->c, "pending %s %lu has run already (%u of its first 16 bytes)",
				j->ticket ? "ticket" : "ring_idx",
				j->ticket ? (unsigned long)j->ticket : (unsigned long)j->ring_idx,
				written);
}

static void
cycle(struct ctl *k)
{
	struct netdma_suspend_info si;
	int ret = netdma_suspend(&fx.ch, &si), np, e, n;

	if (ret == -EIO) {
		k->c->suspends_eio++;
		return;
	}
	if (ret == -ETIMEDOUT) {
		k->c->suspends_timeout++;
		return;
	}
	if (ret != 0) {
		k->c->suspends_other++;
		soak_report_bad(k->c, "suspend: %d", ret);
		return;
	}
	k->c->suspends_ok++;
	np = netdma_pending(&fx.ch, k->pend, (uint16_t)(sizeof(k->pend) / sizeof(k->pend[0])));
	if (np != si.nb_pending)
		soak_report_bad(k->c, "pending %d, suspend info %u", np, si.nb_pending);
	for (e = 0; e < np; e++)
		check_not_run(k, &k->pend[e]);
	n = (int)(soak_rand(&k->rnd) % 4);
	for (e = 0; e < n && np >= 0; e++) {
		uint64_t r = soak_rand(&k->rnd);
		const struct netdma_job *j = np > 0 ? &k->pend[r % (unsigned int)np] : NULL;

		switch ((r >> 32) % 4) {
		case 0:
			if (j != NULL && j->ticket == 0)
				edit_cancel(k, j);
			else if (j != NULL)
				edit_cancel_ticket(k, j);
			break;
		case 1:
			if (j != NULL && j->ticket == 0)
				edit_rewrite(k, j);
			break;
		default:
			edit_insert(k, np);
			break;
		}
		/* the list changed: read it again */
		np = netdma_pending(&fx.ch, k->pend,
				(uint16_t)(sizeof(k->pend) / sizeof(k->pend[0])));
	}
	if (netdma_resume(&fx.ch) != 0)
		soak_report_bad(k->c, "resume failed");
}

/* Outcomes of inserted jobs that are done; true when none is left. */
static bool
tickets_poll(struct ctl *k)
{
	bool none = true;
	unsigned int i, b;

	for (i = 0; i < MAX_TICKETS; i++) {
		struct ins *s = &k->t[i];
		enum rte_dma_status_code st;
		uint32_t upto = 0;
		int ret;

		if (s->ticket == 0)
			continue;
		ret = netdma_ticket_status(&fx.ch, s->ticket, &st);
		if (ret == 0) {
			none = false;
			continue;
		}
		if (ret != 1) {
			soak_report_bad(k->c, "ticket %lu: %d", (unsigned long)s->ticket, ret);
			k->c->inserted_corrupted++;
			s->ticket = 0;
			continue;
		}
		if (st < SOAK_NB_STATUS)
			k->c->inserted_done[st]++;
		if (s->cancelled ? st != RTE_DMA_STATUS_USER_ABORT :
				!(st == RTE_DMA_STATUS_SUCCESSFUL ||
				(soak.faults && st == RTE_DMA_STATUS_NOT_ATTEMPTED))) {
			soak_report_bad(k->c, "ticket %lu: status %d%s", (unsigned long)s->ticket, st,
					s->cancelled ? " (cancelled)" : "");
			k->c->inserted_corrupted++;
		}
		if (st == RTE_DMA_STATUS_SUCCESSFUL)
			upto = s->len;
		for (b = 0; b < SOAK_REGION; b++) {
			uint8_t want = b >= upto ? SOAK_CANARY : s->op == NETDMA_OP_FILL ?
				((const uint8_t *)&s->pattern)[b % 8] :
				((const uint8_t *)(uintptr_t)s->src)[b];

			if (s->dst[b] != want) {
				soak_report_bad(k->c, "ticket %lu (status %d): byte %u is 0x%x, "
						"expected 0x%x", (unsigned long)s->ticket, st, b,
						s->dst[b], want);
				k->c->inserted_corrupted++;
				break;
			}
		}
		k->c->bytes_verified += upto;
		s->ticket = 0;
	}
	return none;
}

void *
soak_ctl_main(void *arg)
{
	struct ctl *k = calloc(1, sizeof(*k));
	uint64_t end;
	unsigned int i;

	if (k == NULL)
		return NULL;
	k->c = &soak.ctl;
	k->rnd = soak.seed * 0x9E3779B97F4A7C15ull + (uintptr_t)arg + 7;
	while (!__atomic_load_n(&soak.stop, __ATOMIC_ACQUIRE)) {
		th_sleep_us(soak_rand(&k->rnd) % 2000);
		cycle(k);
		tickets_poll(k);
	}
	end = th_now_ns() + 30000000000ull;
	while (!tickets_poll(k) && th_now_ns() < end)
		th_sleep_us(200);
	for (i = 0; i < MAX_TICKETS; i++)
		if (k->t[i].ticket != 0) {
			fprintf(stderr, "  LOST: ticket %lu never done\n", (unsigned long)k->t[i].ticket);
			k->c->inserted_lost++;
		}
	free(k);
	return NULL;
}

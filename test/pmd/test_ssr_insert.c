/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/* Inserted jobs: where they run, their tickets, their limits and faults. */

#include <errno.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_eal.h>

#include "ssr_common.h"

static int
ticket_wait(const struct tdev *d, uint64_t ticket, enum rte_dma_status_code *st)
{
	unsigned int i;
	int ret = 0;

	for (i = 0; i < TF_LIVENESS_MS * 10; i++) {
		ret = rte_pmd_netdma_ticket_status(d->id, 0, ticket, st);
		if (ret != 0)
			return ret;
		usleep(100);
	}
	return ret;
}

/*
 * Order: two pending copies b and c write the two halves of Z; an inserted
 * copy x writes all of Z.  The final bytes of Z tell where x ran.
 */
enum where { AT_FIRST, BETWEEN, AFTER_LAST };

static void
insert_order(enum where w)
{
	struct rte_pmd_netdma_suspend_info info;
	struct rte_pmd_netdma_job pend[SSR_MAX_PENDING];
	struct tdev *d = tdev_open(SSR_SLOW, SSR_RING);
	enum rte_dma_status_code st;
	struct tbatch b;
	struct tbuf z;
	uint8_t want[128];
	uint32_t sb = 1000, sc = 2000, sx = 3000;
	int rb, rc, np, pos;
	unsigned int i;

	CHECK(d != NULL);
	CHECK_EQ(tbuf_alloc(&z, 4096), 0);
	tb_init(&b);
	for (i = 0; i < 3; i++)
		CHECK(tb_copy(&b, 256, 0) != NULL);
	CHECK_EQ(tb_submit(d, &b), 0);
	rb = rte_dma_copy(d->id, 0, tf_src.iova + sb, z.iova, 64, 0);
	rc = rte_dma_copy(d->id, 0, tf_src.iova + sc, z.iova + 64, 64, RTE_DMA_OP_FLAG_SUBMIT);
	CHECK(rb >= 0 && rc >= 0);
	CHECK_EQ(tf_suspend(d, &info), 0);
	TF_PRECOND(info.nb_pending >= 2);
	/* the filler jobs the engine processed */
	CHECK_EQ(tb_drain(d, &b, 5 - info.nb_pending), 0);
	np = rte_pmd_netdma_pending(d->id, 0, pend, SSR_MAX_PENDING);
	CHECK_EQ(pend[np - 2].ring_idx, rb);
	CHECK_EQ(pend[np - 1].ring_idx, rc);
	pos = w == AT_FIRST ? 0 : w == BETWEEN ? np - 1 : np;
	{
		struct rte_pmd_netdma_job x = {
			.op = RTE_PMD_NETDMA_OP_COPY, .src = tf_src.iova + sx,
			.dst = z.iova, .length = 128,
		};
		uint64_t t = 0;

		CHECK_EQ(rte_pmd_netdma_insert(d->id, 0, (uint16_t)pos, &x, &t), 0);
		CHECK(t != 0);
		CHECK_EQ(rte_pmd_netdma_ticket_status(d->id, 0, t, &st), 0);
		CHECK_EQ(rte_pmd_netdma_pending(d->id, 0, pend, SSR_MAX_PENDING), np + 1);
		CHECK_EQ(tf_pending_pos(pend, np + 1, 0, t), pos);
		CHECK_EQ(pend[pos].op, RTE_PMD_NETDMA_OP_COPY);
		CHECK_EQ(pend[pos].src, x.src);
		CHECK_EQ(pend[pos].dst, x.dst);
		CHECK_EQ(pend[pos].length, 128);
		CHECK_EQ(rte_pmd_netdma_resume(d->id, 0), 0);
		CHECK_EQ(tb_drain(d, &b, UINT32_MAX), 0);
		CHECK_EQ(tb_verify(d, &b), 0);
		/* b and c: their own completions, nothing for x */
		{
			enum rte_dma_status_code s2[4];
			uint16_t last = 0, n = 0, k;

			for (k = 0; k < 60000 && n < 2; k++) {
				uint16_t m = rte_dma_completed_status(d->id, 0, (uint16_t)(2 - n),
						&last, s2 + n);

				n += m;
				if (n < 2)
					usleep(100);
			}
			CHECK_EQ(n, 2);
			CHECK_EQ(last, rc);
			CHECK_EQ(s2[0], RTE_DMA_STATUS_SUCCESSFUL);
			CHECK_EQ(s2[1], RTE_DMA_STATUS_SUCCESSFUL);
		}
		CHECK_EQ(ticket_wait(d, t, &st), 1);
		CHECK_EQ(st, RTE_DMA_STATUS_SUCCESSFUL);
		CHECK_EQ(tb_expect_quiet(d, 5), 0);
	}
	/* what Z holds */
	for (i = 0; i < 128; i++)
		want[i] = tf_src.va[sx + i];
	if (w != AFTER_LAST) {
		if (w == AT_FIRST)
			for (i = 0; i < 64; i++)
				want[i] = tf_src.va[sb + i];
		for (i = 0; i < 64; i++)
			want[64 + i] = tf_src.va[sc + i];
	}
	for (i = 0; i < 128; i++)
		if (z.va[i] != want[i]) {
			th_note("Z[%u] = 0x%02x, want 0x%02x (insert %s)", i, z.va[i], want[i],
					w == AT_FIRST ? "first" : w == BETWEEN ? "between" : "last");
			CHECK(false);
		}
	CHECK(tbuf_poisoned(&z, 128, 4096 - 128));
	/* inserted jobs never appear in the dmadev stats */
	CHECK_EQ(ssr_dp_stat(d, 0), 5);
	CHECK_EQ(ssr_dp_stat(d, 1), 5);
	CHECK_EQ(ssr_ctl_stats(d).inserts, 1);
}

static void
test_insert_first(void)
{
	insert_order(AT_FIRST);
}

static void
test_insert_between(void)
{
	insert_order(BETWEEN);
}

static void
test_insert_after_last(void)
{
	insert_order(AFTER_LAST);
}

/* -ERANGE, -ENOSPC beyond 64 in flight, bad arguments; the pool is reusable. */
static void
test_insert_limits(void)
{
	struct rte_pmd_netdma_suspend_info info;
	struct rte_pmd_netdma_job pend[SSR_MAX_PENDING], pj;
	struct tdev *d = tdev_open(SSR_FAST, SSR_RING);
	enum rte_dma_status_code st;
	struct tbatch b;
	uint64_t t;
	unsigned int round, i;
	int n;

	CHECK(d != NULL);
	for (round = 0; round < 3; round++) {
		tb_init(&b);
		CHECK_EQ(tf_suspend(d, &info), 0);
		CHECK_EQ(info.nb_pending, 0);
		CHECK(tb_copy(&b, 64, 0) != NULL);
		tj_to_public(&b.j[0], &pj);
		CHECK_EQ(rte_pmd_netdma_insert(d->id, 0, 1, &pj, &t), -ERANGE);
		pj.length = 0;
		CHECK_EQ(rte_pmd_netdma_insert(d->id, 0, 0, &pj, &t), -EINVAL);
		pj.length = 64;
		CHECK_EQ(rte_pmd_netdma_insert(d->id, 0, 0, &pj, NULL), -EINVAL);
		CHECK_EQ(rte_pmd_netdma_insert(d->id, 0, 0, NULL, &t), -EINVAL);
		pj.op = (enum rte_pmd_netdma_op)9;
		CHECK_EQ(rte_pmd_netdma_insert(d->id, 0, 0, &pj, &t), -EINVAL);
		b.n = 0;
		for (i = 0; i < RTE_PMD_NETDMA_MAX_INSERTED; i++) {
			struct tjob *j = (i & 1) ? tb_fill(&b, 1 + i * 50, 0) : tb_copy(&b, 1 + i * 60, 0);

			CHECK(j != NULL);
			CHECK_EQ(tj_insert(d, (uint16_t)i, j), 0);	/* after the last */
		}
		CHECK(tb_copy(&b, 64, 0) != NULL);
		tj_to_public(&b.j[b.n - 1], &pj);
		CHECK_EQ(rte_pmd_netdma_insert(d->id, 0, 0, &pj, &t), -ENOSPC);
		CHECK_EQ(rte_pmd_netdma_insert(d->id, 0, 64, &pj, &t), -ENOSPC);
		b.n--;
		n = rte_pmd_netdma_pending(d->id, 0, pend, SSR_MAX_PENDING);
		CHECK_EQ(n, RTE_PMD_NETDMA_MAX_INSERTED);
		for (i = 0; i < (unsigned int)n; i++) {
			CHECK_EQ(pend[i].ticket, b.j[i].ticket);
			CHECK_EQ(pend[i].length, b.j[i].len);
			CHECK_EQ(rte_pmd_netdma_ticket_status(d->id, 0, b.j[i].ticket, &st), 0);
		}
		CHECK_EQ(rte_pmd_netdma_resume(d->id, 0), 0);
		CHECK_EQ(tb_verify(d, &b), 0);
		CHECK_EQ(tb_expect_quiet(d, 3), 0);
	}
	CHECK_EQ(ssr_ctl_stats(d).inserts, 3 * RTE_PMD_NETDMA_MAX_INSERTED);
	CHECK_EQ(ssr_dp_stat(d, 0), 0);
	CHECK_EQ(rte_pmd_netdma_ticket_status(d->id, 0, 0, &st), -ENOENT);
	CHECK_EQ(rte_pmd_netdma_ticket_status(d->id, 0, 1000000, &st), -ENOENT);
}

/* cancel_ticket: USER_ABORT through the ticket, destination untouched. */
static void
test_cancel_ticket(void)
{
	struct rte_pmd_netdma_suspend_info info;
	struct rte_pmd_netdma_job pend[SSR_MAX_PENDING], pj;
	struct tdev *d = tdev_open(SSR_SLOW, SSR_RING);
	struct tbatch b;
	struct tjob *x, *y;
	unsigned int i;
	int np;

	CHECK(d != NULL);
	tb_init(&b);
	for (i = 0; i < 5; i++)
		CHECK(tb_copy(&b, 300, 0) != NULL);
	SSR_SUSPEND_WITH_PENDING(d, &b, 2, &info, pend, np);
	CHECK((x = tb_copy(&b, 1000, 0)) != NULL);
	CHECK_EQ(tj_insert(d, 0, x), 0);
	CHECK((y = tb_fill(&b, 1000, 0)) != NULL);
	CHECK_EQ(tj_insert(d, (uint16_t)(np + 1), y), 0);
	CHECK_EQ(rte_pmd_netdma_cancel_ticket(d->id, 0, x->ticket), 0);
	x->want = RTE_DMA_STATUS_USER_ABORT;
	x->writes = false;
	CHECK_EQ(rte_pmd_netdma_cancel_ticket(d->id, 0, x->ticket), -EALREADY);
	CHECK_EQ(rte_pmd_netdma_cancel_ticket(d->id, 0, 0), -EINVAL);
	CHECK_EQ(rte_pmd_netdma_cancel_ticket(d->id, 0, 424242), -ENOENT);
	CHECK_EQ(rte_pmd_netdma_pending(d->id, 0, pend, SSR_MAX_PENDING), np + 1);
	CHECK_EQ(tf_pending_pos(pend, np + 1, 0, x->ticket), -1);
	CHECK_EQ(tf_pending_pos(pend, np + 1, 0, y->ticket), np);
	tj_to_public(x, &pj);
	CHECK_EQ(rte_pmd_netdma_rewrite(d->id, 0, &pj), -EINVAL);
	SSR_RESUME_AND_VERIFY(d, &b);
	CHECK_EQ(ssr_dp_stat(d, 2), 0);
	CHECK_EQ(ssr_dp_stat(d, 1), 5);
	CHECK_EQ(rte_pmd_netdma_cancel_ticket(d->id, 0, y->ticket), -EINVAL);
}

/* Rewrite an inserted job by its ticket (copy -> fill, then a later job). */
static void
test_rewrite_inserted(void)
{
	struct rte_pmd_netdma_suspend_info info;
	struct rte_pmd_netdma_job pend[SSR_MAX_PENDING], pj;
	struct tdev *d = tdev_open(SSR_SLOW, SSR_RING);
	struct tbatch b;
	struct tjob *x;
	unsigned int i;
	int np;

	CHECK(d != NULL);
	tb_init(&b);
	for (i = 0; i < 5; i++)
		CHECK(tb_fill(&b, 300, 0) != NULL);
	SSR_SUSPEND_WITH_PENDING(d, &b, 2, &info, pend, np);
	CHECK((x = tb_copy(&b, 1000, 0)) != NULL);
	CHECK_EQ(tj_insert(d, 1, x), 0);
	x->op = RTE_PMD_NETDMA_OP_FILL;
	x->len = 4000;
	x->doff = 50;
	x->pattern = 0x0102030405060708ull;
	tj_to_public(x, &pj);
	pj.ring_idx = (uint16_t)b.j[b.reported].ring_idx;	/* ignored: the ticket names it */
	CHECK_EQ(rte_pmd_netdma_rewrite(d->id, 0, &pj), 0);
	CHECK_EQ(rte_pmd_netdma_pending(d->id, 0, pend, SSR_MAX_PENDING), np + 1);
	CHECK_EQ(pend[1].ticket, x->ticket);
	CHECK_EQ(pend[1].op, RTE_PMD_NETDMA_OP_FILL);
	CHECK_EQ(pend[1].pattern, x->pattern);
	CHECK_EQ(pend[1].length, 4000);
	/* the ring job it names by ring_idx was not touched */
	CHECK_EQ(pend[0].op, RTE_PMD_NETDMA_OP_FILL);
	CHECK_EQ(pend[0].length, 300);
	pj.ticket = 987654;
	CHECK_EQ(rte_pmd_netdma_rewrite(d->id, 0, &pj), -ENOENT);
	SSR_RESUME_AND_VERIFY(d, &b);
}

/* An inserted job that faults: its ticket reports the error, the channel
 * recovers, data-path jobs after it run (or, behind a fence, are not
 * attempted). */
static void
insert_faulting(bool fence_after)
{
	struct rte_pmd_netdma_suspend_info info;
	struct rte_pmd_netdma_job pend[SSR_MAX_PENDING];
	struct tdev *d = tdev_open(SSR_SLOW, SSR_RING);
	struct tbatch b;
	struct tjob *x, *f = NULL;
	unsigned int i, k;
	int np;

	CHECK(d != NULL);
	tb_init(&b);
	for (i = 0; i < 6; i++)
		CHECK(tb_copy(&b, 300, 0) != NULL);
	SSR_SUSPEND_WITH_PENDING(d, &b, 3, &info, pend, np);
	CHECK((x = tb_copy(&b, 1000, 0)) != NULL);
	x->bad_src = true;
	CHECK_EQ(tj_insert(d, 1, x), 0);
	x->want = RTE_DMA_STATUS_INVALID_SRC_ADDR;
	x->writes = false;
	if (fence_after) {
		/* the second ring job after x gets a fence */
		f = tb_by_ring_idx(&b, pend[2].ring_idx);
		f->flags = RTE_DMA_OP_FLAG_FENCE;
		{
			struct rte_pmd_netdma_job pj;

			tj_to_public(f, &pj);
			CHECK_EQ(rte_pmd_netdma_rewrite(d->id, 0, &pj), 0);
		}
		for (k = (unsigned int)(f - b.j); k < 6; k++) {
			b.j[k].want = RTE_DMA_STATUS_NOT_ATTEMPTED;
			b.j[k].writes = false;
		}
	}
	SSR_RESUME_AND_VERIFY(d, &b);
	CHECK(ssr_ctl_stats(d).recoveries >= 1);
	CHECK_EQ(ssr_dp_stat(d, 1), 6);
	CHECK_EQ(ssr_dp_stat(d, 2), fence_after ? 6 - (unsigned int)(f - b.j) : 0);
	/* and then the channel runs */
	tb_init(&b);
	CHECK(tb_copy(&b, 99, RTE_DMA_OP_FLAG_FENCE) != NULL);
	CHECK_EQ(tb_submit(d, &b), 0);
	CHECK_EQ(tb_drain(d, &b, UINT32_MAX), 0);
	CHECK_EQ(tb_verify(d, &b), 0);
}

static void
test_insert_faulting(void)
{
	insert_faulting(false);
}

static void
test_insert_faulting_fenced(void)
{
	insert_faulting(true);
}

/*
 * Ticket records are recycled (1024 per channel), inserted descriptors must
 * not be: an inserted job stays pending while more than 1024 newer inserted
 * jobs run before it.  It must still run, once, at its place.
 */
static void
test_ticket_records_recycled(void)
{
	static struct rte_pmd_netdma_job all[512];
	struct rte_pmd_netdma_suspend_info info;
	struct tdev *d = tdev_open("delay_us=200", 512);
	enum rte_dma_status_code st;
	struct tbatch b;
	struct tbuf scratch;
	struct tjob *x;
	unsigned int i, cycle, issued = 1;
	int ret;

	CHECK(d != NULL);
	CHECK_EQ(tbuf_alloc(&scratch, 4096), 0);
	tb_init(&b);
	for (i = 0; i < 300; i++)
		CHECK(tb_copy(&b, 64, 0) != NULL);
	CHECK_EQ(tb_submit(d, &b), 0);
	CHECK_EQ(tf_suspend(d, &info), 0);
	TF_PRECOND(info.nb_pending >= 250);
	CHECK((x = tb_copy(&b, 2000, 0)) != NULL);
	CHECK_EQ(tj_insert(d, info.nb_pending, x), 0);	/* after the last ring job */
	CHECK_EQ(rte_pmd_netdma_resume(d->id, 0), 0);
	for (cycle = 0; issued <= 1100; cycle++) {
		uint64_t t = 0;
		int np;

		CHECK_EQ(rte_pmd_netdma_suspend(d->id, 0, &info), 0);
		np = rte_pmd_netdma_pending(d->id, 0, all, RTE_DIM(all));
		CHECK_EQ(np, info.nb_pending);
		/* x still waits at the end */
		TF_PRECOND(np > 1 && all[np - 1].ticket == x->ticket);
		for (i = 0; i < 60; i++) {
			struct rte_pmd_netdma_job y = {
				.op = RTE_PMD_NETDMA_OP_FILL, .pattern = cycle,
				.dst = scratch.iova + i * 64, .length = 64,
			};

			ret = rte_pmd_netdma_insert(d->id, 0, 0, &y, &t);
			if (ret != 0)
				th_note("cycle %u: insert #%u failed", cycle, issued + 1);
			CHECK_EQ(ret, 0);
			issued++;
		}
		CHECK_EQ(rte_pmd_netdma_resume(d->id, 0), 0);
		/* the last inserted runs first; wait for the first inserted (runs last) */
		CHECK_EQ(ticket_wait(d, t - 59, &st), 1);
		CHECK_EQ(st, RTE_DMA_STATUS_SUCCESSFUL);
	}
	/* x's outcome is still known (its record was kept), and it is pending */
	ret = rte_pmd_netdma_ticket_status(d->id, 0, x->ticket, &st);
	CHECK(ret == 0 || ret == -ENOENT);
	CHECK_EQ(rte_pmd_netdma_suspend(d->id, 0, &info), 0);
	{
		int np = rte_pmd_netdma_pending(d->id, 0, all, RTE_DIM(all));

		CHECK_EQ(np, info.nb_pending);
		CHECK(np > 1 && all[np - 1].ticket == x->ticket);
		CHECK_EQ(tf_pending_pos(all, np - 1, 0, x->ticket), -1);	/* once */
	}
	/* one more insert after all that */
	{
		struct tjob *z;

		CHECK((z = tb_copy(&b, 500, 0)) != NULL);
		CHECK_EQ(tj_insert(d, 0, z), 0);
	}
	CHECK_EQ(rte_pmd_netdma_resume(d->id, 0), 0);
	CHECK_EQ(tb_drain(d, &b, UINT32_MAX), 0);
	ret = rte_pmd_netdma_ticket_status(d->id, 0, x->ticket, &st);
	if (ret == -ENOENT) {
		x->inserted = false;	/* no record any more: check its bytes directly */
		x->ring_idx = -1;
		x->got = x->want;
		CHECK(tj_bytes_ok(x));
		x->ticket = 0;
	}
	CHECK_EQ(tb_verify(d, &b), 0);
	th_note("%u inserts in %u cycles; x's ticket_status %d", issued, cycle, ret);
}

/*
 * On the largest ring (32768 descriptors: a ring and a half of 16-bit slot
 * numbers): an inserted job that ran reports done while the channel runs,
 * with no suspension in between to make it final.
 */
static void
test_ticket_largest_ring(void)
{
	struct rte_pmd_netdma_suspend_info info;
	enum rte_dma_status_code st = RTE_DMA_STATUS_ERROR_UNKNOWN;
	struct tdev *d;
	struct tbatch b;
	unsigned int i;

	if (rte_eal_iova_mode() == RTE_IOVA_PA) {
		/* 2 MiB IOVA-contiguous plus the memzone's header: two
		 * physically adjacent 2 MiB pages, which this machine may not have */
		th_note("not run with IOVA as PA (the VA runs cover it)");
		return;
	}
	d = tdev_open(SSR_FAST, 32768);
	CHECK(d != NULL);
	CHECK_EQ(d->nb_desc, 32768);
	tb_init(&b);
	for (i = 0; i < 4; i++)
		CHECK(tb_copy(&b, 256, 0) != NULL);
	CHECK_EQ(tb_submit(d, &b), 0);
	CHECK_EQ(tf_suspend(d, &info), 0);
	CHECK(tb_fill(&b, 200, 0) != NULL);
	CHECK_EQ(tj_insert(d, (uint16_t)info.nb_pending, &b.j[b.n - 1]), 0);
	CHECK_EQ(rte_pmd_netdma_resume(d->id, 0), 0);
	CHECK_EQ(tb_drain(d, &b, UINT32_MAX), 0);
	/* then data-path jobs past it, so the word names a ring slot after it */
	CHECK(tb_copy(&b, 100, 0) != NULL);
	CHECK_EQ(tb_submit(d, &b), 0);
	CHECK_EQ(tb_drain(d, &b, UINT32_MAX), 0);
	CHECK_EQ(ticket_wait(d, b.j[4].ticket, &st), 1);
	CHECK_EQ(st, RTE_DMA_STATUS_SUCCESSFUL);
	CHECK_EQ(tb_verify(d, &b), 0);
}

/* A ticket's outcome stays known however far the ring moves on. */
static void
test_ticket_status_stable(void)
{
	struct rte_pmd_netdma_suspend_info info;
	struct tdev *d = tdev_open(SSR_FAST, 1024);
	enum rte_dma_status_code st;
	struct tbatch x;
	struct tbuf big;
	unsigned int i, round;

	CHECK(d != NULL);
	CHECK_EQ(tbuf_alloc(&big, 64 * 512), 0);
	tb_init(&x);
	/* x.j[0]: queried once before the ring moves on; x.j[1]: never before */
	CHECK(tb_copy(&x, 333, 0) != NULL);
	CHECK(tb_fill(&x, 333, 0) != NULL);
	CHECK_EQ(tf_suspend(d, &info), 0);
	CHECK_EQ(tj_insert(d, 0, &x.j[0]), 0);
	CHECK_EQ(rte_pmd_netdma_resume(d->id, 0), 0);
	CHECK_EQ(ticket_wait(d, x.j[0].ticket, &st), 1);
	CHECK_EQ(tf_suspend(d, &info), 0);
	CHECK_EQ(tj_insert(d, 0, &x.j[1]), 0);
	CHECK_EQ(rte_pmd_netdma_resume(d->id, 0), 0);
	/* 40000 data-path jobs, no suspension */
	for (round = 0; round < 80; round++) {
		uint16_t last, n = 0;
		bool err = false;

		for (i = 0; i < 500; i++)
			CHECK(rte_dma_copy(d->id, 0, tf_src.iova + i, big.iova + (i % 512) * 64, 64,
					0) >= 0);
		CHECK_EQ(rte_dma_submit(d->id, 0), 0);
		/* bounded by time, not polls: a loaded machine may starve the engine */
		uint64_t until = rte_get_timer_cycles() + 10 * rte_get_timer_hz();

		while (n < 500 && rte_get_timer_cycles() < until) {
			n += rte_dma_completed(d->id, 0, (uint16_t)(500 - n), &last, &err);
			CHECK(!err);
		}
		CHECK_EQ(n, 500);
	}
	for (i = 0; i < 2; i++) {
		CHECK_EQ(rte_pmd_netdma_ticket_status(d->id, 0, x.j[i].ticket, &st), 1);
		CHECK_EQ(st, RTE_DMA_STATUS_SUCCESSFUL);
	}
	CHECK_EQ(tb_verify(d, &x), 0);
}

const struct th_test ssr_insert_tests[] = {
	TH_TEST(test_insert_first),
	TH_TEST(test_insert_between),
	TH_TEST(test_insert_after_last),
	TH_TEST(test_insert_limits),
	TH_TEST(test_cancel_ticket),
	TH_TEST(test_rewrite_inserted),
	TH_TEST(test_insert_faulting),
	TH_TEST(test_insert_faulting_fenced),
	TH_TEST(test_ticket_records_recycled),
	TH_TEST(test_ticket_status_stable),
	TH_TEST(test_ticket_largest_ring),
};
const unsigned int ssr_insert_nb = RTE_DIM(ssr_insert_tests);

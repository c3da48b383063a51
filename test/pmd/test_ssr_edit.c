/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/* Editing data-path jobs while suspended: cancel, rewrite, and what fences
 * mean across edits and after failures. */

#include <errno.h>
#include <string.h>

#include "ssr_common.h"

static void
expect_abort(struct tjob *j)
{
	j->want = RTE_DMA_STATUS_USER_ABORT;
	j->writes = false;
}

static void
expect_not_attempted(struct tjob *j)
{
	j->want = RTE_DMA_STATUS_NOT_ATTEMPTED;
	j->writes = false;
}

/* Cancel: never touches its destination, leaves the pending list, completes
 * exactly once, in order, with USER_ABORT, counted in stats.errors. */
static void
test_cancel(void)
{
	struct rte_pmd_netdma_suspend_info info;
	struct rte_pmd_netdma_job pend[SSR_MAX_PENDING];
	struct tdev *d = tdev_open(SSR_SLOW, SSR_RING);
	struct tbatch b;
	struct tjob *c1, *c2;
	uint16_t last = 0;
	bool has_error = false;
	unsigned int i, first_pending;
	int np, n;

	CHECK(d != NULL);
	tb_init(&b);
	for (i = 0; i < 7; i++)
		CHECK((i % 3 == 1 ? tb_fill(&b, 500, 0) : tb_copy(&b, 3000, 0)) != NULL);
	SSR_SUSPEND_WITH_PENDING(d, &b, 4, &info, pend, np);
	first_pending = b.reported;
	c1 = tb_by_ring_idx(&b, pend[1].ring_idx);
	c2 = tb_by_ring_idx(&b, pend[np - 1].ring_idx);
	CHECK_EQ(rte_pmd_netdma_cancel(d->id, 0, pend[1].ring_idx), 0);
	expect_abort(c1);
	CHECK_EQ(rte_pmd_netdma_cancel(d->id, 0, pend[1].ring_idx), -EALREADY);
	CHECK_EQ(rte_pmd_netdma_cancel(d->id, 0, pend[np - 1].ring_idx), 0);
	expect_abort(c2);
	/* not pending: processed, never enqueued */
	if (first_pending > 0)
		CHECK_EQ(rte_pmd_netdma_cancel(d->id, 0, (uint16_t)b.j[0].ring_idx), -ENOENT);
	CHECK_EQ(rte_pmd_netdma_cancel(d->id, 0, (uint16_t)(b.j[0].ring_idx - 1)), -ENOENT);
	CHECK_EQ(rte_pmd_netdma_cancel(d->id, 0, (uint16_t)(b.j[6].ring_idx + 1)), -ENOENT);
	CHECK_EQ(rte_pmd_netdma_cancel(d->id, 0, (uint16_t)(b.j[6].ring_idx + 1000)), -ENOENT);
	n = rte_pmd_netdma_pending(d->id, 0, pend, SSR_MAX_PENDING);
	CHECK_EQ(n, np - 2);
	CHECK_EQ(tf_pending_pos(pend, n, c1->ring_idx, 0), -1);
	CHECK_EQ(tf_pending_pos(pend, n, c2->ring_idx, 0), -1);
	CHECK_EQ(ssr_ctl_stats(d).cancels, 2);
	CHECK_EQ(rte_pmd_netdma_resume(d->id, 0), 0);

	/* completed() reports the job before the cancelled one, then stops
	 * there and says so */
	{
		unsigned int got = 0;

		for (i = 0; i < 100000 && !has_error; i++) {
			n = rte_dma_completed(d->id, 0, 64, &last, &has_error);
			if (n > 0) {
				got += n;
				CHECK_EQ(last, (uint16_t)(b.j[first_pending].ring_idx + got - 1));
			}
			if (!has_error)
				usleep(200);
		}
		CHECK(has_error);
		CHECK_EQ(got, 1);
		CHECK_EQ(last, (uint16_t)(c1->ring_idx - 1));
		b.j[first_pending].got = RTE_DMA_STATUS_SUCCESSFUL;
		b.j[first_pending].seen++;
		b.reported++;
		/* and keeps saying so until completed_status() is called */
		n = rte_dma_completed(d->id, 0, 64, &last, &has_error);
		CHECK_EQ(n, 0);
		CHECK(has_error);
	}
	/* completed_status() reports it */
	CHECK_EQ(tb_drain(d, &b, UINT32_MAX), 0);
	CHECK_EQ(tb_verify(d, &b), 0);
	CHECK_EQ(ssr_dp_stat(d, 1), 7);
	CHECK_EQ(ssr_dp_stat(d, 2), 2);
	CHECK_EQ(tb_expect_quiet(d, 3), 0);
}

static void
rewrite_as(struct tjob *j, enum rte_pmd_netdma_op op, uint32_t len, uint64_t flags)
{
	j->op = op;
	j->len = len;
	j->flags = flags;
	j->doff = (uint32_t)(tf_rand() % (TJ_DST_LEN - len + 1));
	j->soff = (uint32_t)(tf_rand() % (TF_SRC_LEN - len + 1));
	j->pattern = tf_rand();
	j->bad_src = false;
}

static int
rewrite(const struct tdev *d, const struct tjob *j)
{
	struct rte_pmd_netdma_job pj;

	tj_to_public(j, &pj);
	return rte_pmd_netdma_rewrite(d->id, 0, &pj);
}

/* Rewrite: copy -> fill and fill -> copy, same ring_idx, same place. */
static void
test_rewrite(void)
{
	struct rte_pmd_netdma_suspend_info info;
	struct rte_pmd_netdma_job pend[SSR_MAX_PENDING], pj;
	struct tdev *d = tdev_open(SSR_SLOW, SSR_RING);
	struct tbatch b;
	struct tjob *a, *f, *x;
	unsigned int i;
	int np, pa, pf;

	CHECK(d != NULL);
	tb_init(&b);
	for (i = 0; i < 6; i++)
		CHECK((i & 1 ? tb_fill(&b, 700, 0) : tb_copy(&b, 900, 0)) != NULL);
	SSR_SUSPEND_WITH_PENDING(d, &b, 4, &info, pend, np);
	/* a pending copy and a pending fill */
	a = f = NULL;
	for (i = 0; i < (unsigned int)np; i++) {
		x = tb_by_ring_idx(&b, pend[i].ring_idx);
		if (x->op == RTE_PMD_NETDMA_OP_COPY && a == NULL)
			a = x;
		if (x->op == RTE_PMD_NETDMA_OP_FILL && f == NULL)
			f = x;
	}
	CHECK(a != NULL && f != NULL);
	rewrite_as(a, RTE_PMD_NETDMA_OP_FILL, 4096, 0);
	CHECK_EQ(rewrite(d, a), 0);
	rewrite_as(f, RTE_PMD_NETDMA_OP_COPY, 1, 0);
	CHECK_EQ(rewrite(d, f), 0);
	/* rewrite twice: the last one counts */
	rewrite_as(f, RTE_PMD_NETDMA_OP_COPY, 2049, 0);
	CHECK_EQ(rewrite(d, f), 0);
	CHECK_EQ(ssr_ctl_stats(d).rewrites, 3);

	CHECK_EQ(rte_pmd_netdma_pending(d->id, 0, pend, SSR_MAX_PENDING), np);
	pa = tf_pending_pos(pend, np, a->ring_idx, 0);
	pf = tf_pending_pos(pend, np, f->ring_idx, 0);
	CHECK(pa >= 0 && pf >= 0);
	CHECK_EQ(pend[pa].op, RTE_PMD_NETDMA_OP_FILL);
	CHECK_EQ(pend[pa].pattern, a->pattern);
	CHECK_EQ(pend[pa].length, 4096);
	CHECK_EQ(pend[pa].dst, a->dst.iova + a->doff);
	CHECK_EQ(pend[pf].op, RTE_PMD_NETDMA_OP_COPY);
	CHECK_EQ(pend[pf].src, tf_src.iova + f->soff);
	CHECK_EQ(pend[pf].length, 2049);

	/* refused rewrites change nothing */
	tj_to_public(a, &pj);
	pj.length = 0;
	CHECK_EQ(rte_pmd_netdma_rewrite(d->id, 0, &pj), -EINVAL);
	pj.length = 8;
	pj.op = (enum rte_pmd_netdma_op)7;
	CHECK_EQ(rte_pmd_netdma_rewrite(d->id, 0, &pj), -EINVAL);
	pj.op = RTE_PMD_NETDMA_OP_COPY;
	pj.flags = 1ull << 40;
	CHECK_EQ(rte_pmd_netdma_rewrite(d->id, 0, &pj), -EINVAL);
	pj.flags = 0;
	pj.ring_idx = (uint16_t)(b.j[5].ring_idx + 1);
	CHECK_EQ(rte_pmd_netdma_rewrite(d->id, 0, &pj), -ENOENT);
	if (b.reported > 0) {
		pj.ring_idx = (uint16_t)b.j[0].ring_idx;
		CHECK_EQ(rte_pmd_netdma_rewrite(d->id, 0, &pj), -ENOENT);
	}
	CHECK_EQ(rte_pmd_netdma_rewrite(d->id, 0, NULL), -EINVAL);
	/* a cancelled job cannot be rewritten */
	x = tb_by_ring_idx(&b, pend[np - 1].ring_idx);
	if (x != a && x != f) {
		CHECK_EQ(rte_pmd_netdma_cancel(d->id, 0, (uint16_t)x->ring_idx), 0);
		expect_abort(x);
		tj_to_public(x, &pj);
		CHECK_EQ(rte_pmd_netdma_rewrite(d->id, 0, &pj), -EINVAL);
	}
	CHECK_EQ(ssr_ctl_stats(d).rewrites, 3);
	SSR_RESUME_AND_VERIFY(d, &b);
	CHECK_EQ(ssr_dp_stat(d, 1), 6);
}

/* A device without block fill refuses fills everywhere. */
static void
test_no_fill(void)
{
	struct rte_pmd_netdma_suspend_info info;
	struct rte_pmd_netdma_job pend[SSR_MAX_PENDING], pj;
	struct tdev *d = tdev_open(SSR_SLOW ",fill=0", SSR_RING);
	struct tbatch b;
	uint64_t t;
	unsigned int i;
	int np;

	CHECK(d != NULL);
	tb_init(&b);
	for (i = 0; i < 5; i++)
		CHECK(tb_copy(&b, 64, 0) != NULL);
	CHECK_EQ(rte_dma_fill(d->id, 0, 0, b.j[0].dst.iova, 64, 0), -ENOTSUP);
	SSR_SUSPEND_WITH_PENDING(d, &b, 2, &info, pend, np);
	tj_to_public(tb_by_ring_idx(&b, pend[0].ring_idx), &pj);
	pj.op = RTE_PMD_NETDMA_OP_FILL;
	CHECK_EQ(rte_pmd_netdma_rewrite(d->id, 0, &pj), -ENOTSUP);
	CHECK_EQ(rte_pmd_netdma_insert(d->id, 0, 0, &pj, &t), -ENOTSUP);
	SSR_RESUME_AND_VERIFY(d, &b);
}

/* The CBDMA fence bit of a job sits on the descriptor before it; pending()
 * shows the job's own flag.  Both follow cancels, rewrites and inserts. */
static bool
fence_bit(const struct tdev *d, uint64_t iova)
{
	const struct cbdma_desc *dd = tdev_desc(d, iova);

	return dd != NULL && (dd->ctl & CBDMA_DESC_FENCE) != 0;
}

static int
chain_pos(const struct tdev *d, uint64_t iova)
{
	uint64_t c[SSR_MAX_PENDING + 2];
	int n = tdev_chain(d, c, RTE_DIM(c)), i;

	for (i = 0; i < n && i < (int)RTE_DIM(c); i++)
		if (c[i] == iova)
			return i;
	return -1;
}

/* The descriptor before (in the chain) the one at iova. */
static uint64_t
chain_prev(const struct tdev *d, uint64_t iova)
{
	uint64_t c[SSR_MAX_PENDING + 2];
	int i = chain_pos(d, iova);

	if (i <= 0)
		return 0;
	tdev_chain(d, c, RTE_DIM(c));
	return c[i - 1];
}

static void
test_fence_bits_across_edits(void)
{
	struct rte_pmd_netdma_suspend_info info;
	struct rte_pmd_netdma_job pend[SSR_MAX_PENDING];
	struct tdev *d = tdev_open(SSR_SLOW, SSR_RING);
	struct tbatch b;
	struct tjob *j3, *j4, *x;
	uint64_t c[SSR_MAX_PENDING + 2];
	unsigned int i;
	int np, p3, n, k;

	CHECK(d != NULL);
	tb_init(&b);
	for (i = 0; i < 7; i++)
		CHECK(tb_copy(&b, 512, i == 4 ? RTE_DMA_OP_FLAG_FENCE : 0) != NULL);
	SSR_SUSPEND_WITH_PENDING(d, &b, 5, &info, pend, np);
	j3 = &b.j[4];	/* fenced */
	j4 = &b.j[5];
	p3 = tf_pending_pos(pend, np, j3->ring_idx, 0);
	CHECK(p3 >= 1);
	for (i = 0; i < (unsigned int)np; i++)
		CHECK_EQ(pend[i].flags, (int)i == p3 ? RTE_DMA_OP_FLAG_FENCE : 0);
	/* exactly one fence bit in the chain: on the descriptor before j3 */
	n = tdev_chain(d, c, RTE_DIM(c));
	CHECK_EQ(n, np + 1);
	for (k = 0; k < n; k++)
		CHECK_EQ(fence_bit(d, c[k]), c[k] == chain_prev(d, tdev_slot_iova(d, j3->ring_idx)));

	/* insert x (no fence) right before j3: x carries j3's fence, the
	 * descriptor before x carries none */
	CHECK((x = tb_copy(&b, 100, 0)) != NULL);
	CHECK_EQ(tj_insert(d, (uint16_t)p3, x), 0);
	np = rte_pmd_netdma_pending(d->id, 0, pend, SSR_MAX_PENDING);
	CHECK_EQ(tf_pending_pos(pend, np, 0, x->ticket), p3);
	CHECK_EQ(pend[p3].flags, 0);
	CHECK_EQ(pend[p3 + 1].flags, RTE_DMA_OP_FLAG_FENCE);
	n = tdev_chain(d, c, RTE_DIM(c));
	CHECK_EQ(n, np + 1);
	for (k = 0; k < n; k++)
		CHECK_EQ(fence_bit(d, c[k]), k == p3 + 1);	/* c[p3 + 1] is x */

	/* cancel j3: its fence stays where it was (on x) */
	CHECK_EQ(rte_pmd_netdma_cancel(d->id, 0, (uint16_t)j3->ring_idx), 0);
	expect_abort(j3);
	CHECK(fence_bit(d, c[p3 + 1]));
	/* rewrite j4 with a fence: the descriptor before it (j3, cancelled) gets the bit */
	j4->flags = RTE_DMA_OP_FLAG_FENCE;
	CHECK_EQ(rewrite(d, j4), 0);
	CHECK(fence_bit(d, tdev_slot_iova(d, j3->ring_idx)));
	np = rte_pmd_netdma_pending(d->id, 0, pend, SSR_MAX_PENDING);
	CHECK_EQ(pend[tf_pending_pos(pend, np, j4->ring_idx, 0)].flags, RTE_DMA_OP_FLAG_FENCE);
	/* and without it again: the bit goes */
	j4->flags = 0;
	CHECK_EQ(rewrite(d, j4), 0);
	CHECK(!fence_bit(d, tdev_slot_iova(d, j3->ring_idx)));
	np = rte_pmd_netdma_pending(d->id, 0, pend, SSR_MAX_PENDING);
	CHECK_EQ(pend[tf_pending_pos(pend, np, j4->ring_idx, 0)].flags, 0);
	/* a fenced insert at position 0: the last processed descriptor gets the bit */
	{
		struct tjob *y;

		CHECK((y = tb_copy(&b, 64, RTE_DMA_OP_FLAG_FENCE)) != NULL);
		CHECK_EQ(tj_insert(d, 0, y), 0);
		np = rte_pmd_netdma_pending(d->id, 0, pend, SSR_MAX_PENDING);
		CHECK_EQ(pend[0].ticket, y->ticket);
		CHECK_EQ(pend[0].flags, RTE_DMA_OP_FLAG_FENCE);
		n = tdev_chain(d, c, RTE_DIM(c));
		CHECK(fence_bit(d, c[0]));
	}
	SSR_RESUME_AND_VERIFY(d, &b);
}

/* A failure makes the first later job with a fence, and every job after it
 * up to the last submitted, NOT_ATTEMPTED (no edits: the baseline). */
static void
test_fence_after_failure(void)
{
	struct tdev *d = tdev_open(SSR_FAST, SSR_RING);
	struct tbatch b;
	unsigned int i;

	CHECK(d != NULL);
	tb_init(&b);
	for (i = 0; i < 6; i++)
		CHECK(tb_copy(&b, 256, i == 3 ? RTE_DMA_OP_FLAG_FENCE : 0) != NULL);
	b.j[1].bad_src = true;
	b.j[1].want = RTE_DMA_STATUS_INVALID_SRC_ADDR;
	b.j[1].writes = false;
	for (i = 3; i < 6; i++)
		expect_not_attempted(&b.j[i]);
	CHECK_EQ(tb_submit(d, &b), 0);
	CHECK_EQ(tb_drain(d, &b, UINT32_MAX), 0);
	CHECK_EQ(tb_verify(d, &b), 0);
	CHECK_EQ(ssr_dp_stat(d, 2), 4);
	/* after the recovery, work runs again */
	tb_init(&b);
	CHECK(tb_copy(&b, 256, RTE_DMA_OP_FLAG_FENCE) != NULL);
	CHECK_EQ(tb_submit(d, &b), 0);
	CHECK_EQ(tb_drain(d, &b, UINT32_MAX), 0);
	CHECK_EQ(tb_verify(d, &b), 0);
}

/* Errors inside rewritten jobs: a job rewritten to fail fails with its own
 * status; a fence added by rewrite after it takes effect. */
static void
test_rewrite_to_failure(void)
{
	struct rte_pmd_netdma_suspend_info info;
	struct rte_pmd_netdma_job pend[SSR_MAX_PENDING];
	struct tdev *d = tdev_open(SSR_SLOW, SSR_RING);
	struct tbatch b;
	struct tjob *bad, *fenced;
	unsigned int i, k;
	int np;

	CHECK(d != NULL);
	tb_init(&b);
	for (i = 0; i < 8; i++)
		CHECK(tb_copy(&b, 128, 0) != NULL);
	SSR_SUSPEND_WITH_PENDING(d, &b, 5, &info, pend, np);
	bad = tb_by_ring_idx(&b, pend[1].ring_idx);
	fenced = tb_by_ring_idx(&b, pend[3].ring_idx);
	bad->bad_src = true;
	CHECK_EQ(rewrite(d, bad), 0);
	bad->want = RTE_DMA_STATUS_INVALID_SRC_ADDR;
	bad->writes = false;
	fenced->flags = RTE_DMA_OP_FLAG_FENCE;
	CHECK_EQ(rewrite(d, fenced), 0);
	/* everything from the fenced job to the last submitted one */
	for (k = (unsigned int)(fenced - b.j); k < b.n; k++)
		expect_not_attempted(&b.j[k]);
	SSR_RESUME_AND_VERIFY(d, &b);
	CHECK_EQ(ssr_dp_stat(d, 2), 1 + (b.n - (unsigned int)(fenced - b.j)));
	CHECK(ssr_ctl_stats(d).recoveries >= 1);
}

const struct th_test ssr_edit_tests[] = {
	TH_TEST(test_cancel),
	TH_TEST(test_rewrite),
	TH_TEST(test_no_fill),
	TH_TEST(test_fence_bits_across_edits),
	TH_TEST(test_fence_after_failure),
	TH_TEST(test_rewrite_to_failure),
};
const unsigned int ssr_edit_nb = RTE_DIM(ssr_edit_tests);

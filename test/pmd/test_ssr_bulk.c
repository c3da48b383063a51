/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/* Many cancels in one call: rte_pmd_netdma_cancel_bulk() by ring_idx and
 * rte_pmd_netdma_cancel_if() by a filter over the pending list; the same
 * outcome as one rte_pmd_netdma_cancel() per job. */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_log.h>

#include "ssr_common.h"

static void
expect_abort(struct tjob *j)
{
	j->want = RTE_DMA_STATUS_USER_ABORT;
	j->writes = false;
}

/* Log lines written while capturing (rte_openlog_stream). */
static char log_buf[8192];
static FILE *log_saved, *log_mem;

static void
log_capture(void)
{
	memset(log_buf, 0, sizeof(log_buf));
	log_saved = rte_log_get_stream();
	log_mem = fmemopen(log_buf, sizeof(log_buf) - 1, "w");
	if (log_mem != NULL)
		rte_openlog_stream(log_mem);
}

static const char *
log_release(void)
{
	if (log_mem != NULL) {
		fflush(log_mem);
		rte_openlog_stream(log_saved);
		fclose(log_mem);
		log_mem = NULL;
	}
	return log_buf;
}

/* cancel_bulk: each named job completes once, in order, with USER_ABORT and
 * leaves its destination alone; per-entry results for duplicates, jobs
 * already run and jobs never enqueued; the others run. */
static void
test_cancel_bulk(void)
{
	struct rte_pmd_netdma_suspend_info info;
	struct rte_pmd_netdma_job pend[SSR_MAX_PENDING];
	struct tdev *d = tdev_open(SSR_SLOW, SSR_RING);
	struct tbatch b;
	uint16_t ids[8];
	int st[8], np, n;
	unsigned int i;

	CHECK(d != NULL);
	tb_init(&b);
	for (i = 0; i < 10; i++)
		CHECK((i % 4 == 3 ? tb_fill(&b, 700, 0) : tb_copy(&b, 2000 + i, 0)) != NULL);
	SSR_SUSPEND_WITH_PENDING(d, &b, 6, &info, pend, np);
	ids[0] = pend[0].ring_idx;
	ids[1] = pend[2].ring_idx;
	ids[2] = pend[2].ring_idx;			/* twice in one call */
	ids[3] = (uint16_t)(b.j[0].ring_idx - 1);	/* never enqueued */
	ids[4] = pend[np - 1].ring_idx;
	ids[5] = (uint16_t)(b.j[9].ring_idx + 1);	/* not enqueued yet */
	memset(st, 0x55, sizeof(st));
	CHECK_EQ(rte_pmd_netdma_cancel_bulk(d->id, 0, ids, 6, st), 3);
	CHECK_EQ(st[0], 0);
	CHECK_EQ(st[1], 0);
	CHECK_EQ(st[2], -EALREADY);
	CHECK_EQ(st[3], -ENOENT);
	CHECK_EQ(st[4], 0);
	CHECK_EQ(st[5], -ENOENT);
	expect_abort(tb_by_ring_idx(&b, ids[0]));
	expect_abort(tb_by_ring_idx(&b, ids[1]));
	expect_abort(tb_by_ring_idx(&b, ids[4]));
	/* the single form agrees: already cancelled */
	CHECK_EQ(rte_pmd_netdma_cancel(d->id, 0, ids[1]), -EALREADY);
	/* again in bulk, no status array: nothing more to cancel */
	CHECK_EQ(rte_pmd_netdma_cancel_bulk(d->id, 0, ids, 3, NULL), 0);
	CHECK_EQ(rte_pmd_netdma_cancel_bulk(d->id, 0, NULL, 0, NULL), 0);
	n = rte_pmd_netdma_pending(d->id, 0, pend, SSR_MAX_PENDING);
	CHECK_EQ(n, np - 3);
	for (i = 0; i < 3; i++)
		CHECK_EQ(tf_pending_pos(pend, n, ids[i == 2 ? 4 : i], 0), -1);
	CHECK_EQ(ssr_ctl_stats(d).cancels, 3);
	SSR_RESUME_AND_VERIFY(d, &b);
	CHECK_EQ(ssr_dp_stat(d, 1), 10);
	CHECK_EQ(ssr_dp_stat(d, 2), 3);
	CHECK_EQ(tb_expect_quiet(d, 3), 0);
}

/* Every job of a full ring cancelled in one call: all report USER_ABORT,
 * in order, exactly once; ring_idx wraps in between. */
static void
test_cancel_bulk_all(void)
{
	struct rte_pmd_netdma_suspend_info info;
	static struct rte_pmd_netdma_job pend[SSR_MAX_PENDING];
	struct tdev *d = tdev_open(SSR_SLOW, SSR_RING);
	static struct tbatch b;
	uint16_t ids[SSR_RING];
	int np, i;

	CHECK(d != NULL);
	tb_init(&b);
	for (i = 0; i < SSR_RING - 8; i++)
		CHECK(tb_copy(&b, 64 + i, 0) != NULL);
	SSR_SUSPEND_WITH_PENDING(d, &b, 16, &info, pend, np);
	for (i = 0; i < np; i++) {
		ids[i] = pend[np - 1 - i].ring_idx;	/* any order */
		expect_abort(tb_by_ring_idx(&b, ids[i]));
	}
	CHECK_EQ(rte_pmd_netdma_cancel_bulk(d->id, 0, ids, (uint16_t)np, NULL), np);
	CHECK_EQ(rte_pmd_netdma_pending(d->id, 0, NULL, 0), 0);
	SSR_RESUME_AND_VERIFY(d, &b);
	CHECK_EQ(ssr_dp_stat(d, 2), (uint64_t)np);
	CHECK_EQ(ssr_dp_stat(d, 1), (uint64_t)(SSR_RING - 8));
}

struct pick {
	uint64_t skip_ticket;	/* inserted job to keep */
	unsigned int calls;
	unsigned int odd;
};

/* Cancel every other job (by position among the jobs shown), and every
 * inserted job but one. */
static int
pick_odd(const struct rte_pmd_netdma_job *j, void *arg)
{
	struct pick *p = arg;

	p->calls++;
	if (j->ticket != 0)
		return j->ticket != p->skip_ticket;
	return (p->odd++ & 1) != 0;
}

/* cancel_if: one walk; the filter sees every pending job once, inserted
 * ones included, cancelled ones not; the chosen ones complete with
 * USER_ABORT (ring) or report it through their ticket (inserted). */
static void
test_cancel_if(void)
{
	struct rte_pmd_netdma_suspend_info info;
	struct rte_pmd_netdma_job pend[SSR_MAX_PENDING];
	struct tdev *d = tdev_open(SSR_SLOW, SSR_RING);
	struct tbatch b;
	struct pick p = { 0 };
	struct tjob *x, *y;
	int np, n, want = 0, i;

	CHECK(d != NULL);
	tb_init(&b);
	for (i = 0; i < 9; i++)
		CHECK(tb_copy(&b, 1500 + 7 * i, 0) != NULL);
	SSR_SUSPEND_WITH_PENDING(d, &b, 5, &info, pend, np);
	CHECK((x = tb_copy(&b, 900, 0)) != NULL);
	CHECK_EQ(tj_insert(d, 1, x), 0);
	CHECK((y = tb_fill(&b, 800, 0)) != NULL);
	CHECK_EQ(tj_insert(d, 3, y), 0);
	/* one job cancelled before: the filter does not see it */
	CHECK_EQ(rte_pmd_netdma_cancel(d->id, 0, pend[0].ring_idx), 0);
	expect_abort(tb_by_ring_idx(&b, pend[0].ring_idx));
	n = rte_pmd_netdma_pending(d->id, 0, pend, SSR_MAX_PENDING);
	CHECK_EQ(n, np + 2 - 1);
	p.skip_ticket = y->ticket;
	for (i = 0; i < n; i++) {
		if (pend[i].ticket != 0) {
			if (pend[i].ticket != y->ticket) {
				expect_abort(x);
				want++;
			}
			continue;
		}
		if ((p.odd++ & 1) != 0) {
			expect_abort(tb_by_ring_idx(&b, pend[i].ring_idx));
			want++;
		}
	}
	p.odd = 0;
	CHECK_EQ(rte_pmd_netdma_cancel_if(d->id, 0, pick_odd, &p), want);
	CHECK_EQ(p.calls, (unsigned int)n);
	CHECK_EQ(rte_pmd_netdma_pending(d->id, 0, NULL, 0), n - want);
	CHECK_EQ(rte_pmd_netdma_cancel_ticket(d->id, 0, x->ticket), -EALREADY);
	CHECK_EQ(ssr_ctl_stats(d).cancels, (uint64_t)want + 1);
	SSR_RESUME_AND_VERIFY(d, &b);
	/* ring jobs only in dmadev stats: the inserted one is not counted */
	CHECK_EQ(ssr_dp_stat(d, 1), 9);
	CHECK_EQ(ssr_dp_stat(d, 2), (uint64_t)want);
}

static int
pick_none(const struct rte_pmd_netdma_job *j, void *arg)
{
	RTE_SET_USED(j);
	RTE_SET_USED(arg);
	return 0;
}

/* Bad input: -EINVAL with a log line, nothing cancelled. */
static void
test_cancel_bulk_bad_input(void)
{
	struct tdev *d = tdev_open(SSR_FAST, SSR_RING);
	struct rte_pmd_netdma_suspend_info info;
	uint16_t id = 0;
	int st = 1;
	const char *log;

	CHECK(d != NULL);
	log_capture();
	CHECK_EQ(rte_pmd_netdma_cancel_bulk(d->id, 0, NULL, 1, NULL), -EINVAL);
	CHECK_EQ(rte_pmd_netdma_cancel_if(d->id, 0, NULL, NULL), -EINVAL);
	CHECK_EQ(rte_pmd_netdma_cancel_bulk(d->id, 1, &id, 1, &st), -EINVAL);
	CHECK_EQ(rte_pmd_netdma_cancel_bulk(-1, 0, &id, 1, &st), -EINVAL);
	CHECK_EQ(rte_pmd_netdma_cancel_if(d->id, 3, pick_none, NULL), -EINVAL);
	/* not suspended */
	CHECK_EQ(rte_pmd_netdma_cancel_bulk(d->id, 0, &id, 1, &st), -EINVAL);
	CHECK_EQ(st, 1);	/* untouched */
	CHECK_EQ(rte_pmd_netdma_cancel_if(d->id, 0, pick_none, NULL), -EINVAL);
	log = log_release();
	CHECK(strstr(log, "cancel_bulk: no ring_idx array") != NULL);
	CHECK(strstr(log, "cancel_if: no filter") != NULL);
	CHECK(strstr(log, "cancel_bulk: dmadev 0 has no vchan 1") != NULL ||
			strstr(log, "has no vchan 1") != NULL);
	CHECK(strstr(log, "cancel_bulk: dmadev -1 is not a netdma device") != NULL);
	/* suspended with nothing pending: all -ENOENT, one log line */
	CHECK_EQ(tf_suspend(d, &info), 0);
	log_capture();
	CHECK_EQ(rte_pmd_netdma_cancel_bulk(d->id, 0, &id, 1, &st), 0);
	CHECK_EQ(st, -ENOENT);
	CHECK_EQ(rte_pmd_netdma_cancel_if(d->id, 0, pick_none, NULL), 0);
	log = log_release();
	CHECK(strstr(log, "not pending") != NULL);
	CHECK_EQ(ssr_ctl_stats(d).cancels, 0);
	CHECK_EQ(rte_pmd_netdma_resume(d->id, 0), 0);
}

const struct th_test ssr_bulk_tests[] = {
	TH_TEST(test_cancel_bulk),
	TH_TEST(test_cancel_bulk_all),
	TH_TEST(test_cancel_if),
	TH_TEST(test_cancel_bulk_bad_input),
};
const unsigned int ssr_bulk_nb = RTE_DIM(ssr_bulk_tests);

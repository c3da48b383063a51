/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/* Suspend and resume themselves: what suspend reports, its errors, and what
 * holds while a channel is suspended. */

#include <errno.h>
#include <string.h>

#include <rte_bus_vdev.h>

#include "ssr_common.h"

/* Suspend with nothing to do: the last processed descriptor is the
 * bring-up null descriptor; double suspend, resume, double resume. */
static void
test_suspend_idle(void)
{
	struct rte_pmd_netdma_suspend_info info;
	struct tdev *d = tdev_open(SSR_FAST, SSR_RING);
	struct tbatch b;

	CHECK(d != NULL);
	CHECK_EQ(rte_pmd_netdma_state(d->id, 0), RTE_PMD_NETDMA_STATE_IDLE);
	CHECK_EQ(tf_suspend(d, &info), 0);
	CHECK_EQ(info.nb_pending, 0);
	CHECK_EQ(info.last_desc, d->ch->ring_iova);	/* the bring-up null descriptor */
	CHECK_EQ(info.last_desc, tdev_slot_iova(d, (uint16_t)-1));
	CHECK_EQ(rte_pmd_netdma_suspend(d->id, 0, &info), -EALREADY);
	CHECK_EQ(rte_pmd_netdma_suspend(d->id, 0, NULL), -EALREADY);
	CHECK_EQ(rte_pmd_netdma_resume(d->id, 0), 0);
	CHECK_EQ(rte_pmd_netdma_resume(d->id, 0), -EINVAL);
	/* re-arm leaves the engine ARMED at the next descriptor, RESUME leaves it IDLE */
	CHECK(tdev_wait_state(d, tf_rearm ? RTE_PMD_NETDMA_STATE_ARMED :
			RTE_PMD_NETDMA_STATE_IDLE));
	/* suspend with a NULL info works too */
	CHECK_EQ(rte_pmd_netdma_suspend(d->id, 0, NULL), 0);
	CHECK_EQ(rte_pmd_netdma_state(d->id, 0), RTE_PMD_NETDMA_STATE_SUSPENDED);
	CHECK_EQ(rte_pmd_netdma_resume(d->id, 0), 0);

	tb_init(&b);
	CHECK(tb_copy(&b, 100, 0) != NULL);
	CHECK(tb_fill(&b, 77, 0) != NULL);
	CHECK_EQ(tb_submit(d, &b), 0);
	CHECK_EQ(tb_drain(d, &b, UINT32_MAX), 0);
	CHECK_EQ(tb_verify(d, &b), 0);
	CHECK_EQ(ssr_ctl_stats(d).suspends, 2);
	CHECK_EQ(ssr_ctl_stats(d).resumes, 2);
}

/* rte_dma_vchan_status() after suspensions with nothing to do: idle (with
 * resume=rearm the second suspension finds the channel ARMED, nothing
 * processed since the chain was armed: a completion word with no address). */
static void
test_vchan_status_after_cycles(void)
{
	struct rte_pmd_netdma_suspend_info info;
	enum rte_dma_vchan_status vs;
	struct tdev *d = tdev_open(SSR_FAST, SSR_RING);
	struct tbatch b;
	unsigned int i;

	CHECK(d != NULL);
	tb_init(&b);
	CHECK(tb_copy(&b, 64, 0) != NULL);
	CHECK_EQ(tb_submit(d, &b), 0);
	CHECK_EQ(tb_drain(d, &b, UINT32_MAX), 0);
	for (i = 0; i < 3; i++) {
		CHECK_EQ(tf_suspend(d, &info), 0);
		CHECK_EQ(info.nb_pending, 0);
		CHECK_EQ(rte_pmd_netdma_resume(d->id, 0), 0);
		CHECK(tdev_wait_state(d, tf_rearm ? RTE_PMD_NETDMA_STATE_ARMED :
				RTE_PMD_NETDMA_STATE_IDLE));
		CHECK_EQ(rte_dma_vchan_status(d->id, 0, &vs), 0);
		if (vs != RTE_DMA_VCHAN_IDLE)
			th_note("cycle %u: completion word 0x%" PRIx64 ", vchan status %d", i,
					tdev_cw(d), vs);
		CHECK_EQ(vs, RTE_DMA_VCHAN_IDLE);
	}
	/* and work after that runs */
	tb_init(&b);
	CHECK(tb_fill(&b, 64, 0) != NULL);
	CHECK_EQ(tb_submit(d, &b), 0);
	CHECK_EQ(tb_drain(d, &b, UINT32_MAX), 0);
	CHECK_EQ(tb_verify(d, &b), 0);
}

/* -EINVAL for everything that is not a started netdma vchan 0. */
static void
test_suspend_einval(void)
{
	struct rte_pmd_netdma_suspend_info info;
	struct rte_pmd_netdma_job job = { .op = RTE_PMD_NETDMA_OP_COPY, .length = 8 };
	enum rte_dma_status_code st;
	uint64_t t;
	struct tdev *d = tdev_open(SSR_FAST, SSR_RING);
	int skel;

	CHECK(d != NULL);
	CHECK_EQ(rte_pmd_netdma_suspend(-1, 0, &info), -EINVAL);
	CHECK_EQ(rte_pmd_netdma_suspend(RTE_DMADEV_DEFAULT_MAX - 1, 0, &info), -EINVAL);
	CHECK_EQ(rte_pmd_netdma_suspend(d->id, 1, &info), -EINVAL);
	CHECK_EQ(rte_pmd_netdma_state(d->id, 1), -EINVAL);
	CHECK_EQ(rte_pmd_netdma_resume(d->id, 1), -EINVAL);

	/* another driver's dmadev */
	if (rte_vdev_init("dma_skeleton", NULL) == 0) {
		skel = rte_dma_get_dev_id_by_name("dma_skeleton");
		CHECK(skel >= 0);
		CHECK_EQ(rte_pmd_netdma_suspend((int16_t)skel, 0, &info), -EINVAL);
		CHECK_EQ(rte_pmd_netdma_state((int16_t)skel, 0), -EINVAL);
		CHECK_EQ(rte_pmd_netdma_resume((int16_t)skel, 0), -EINVAL);
		rte_vdev_uninit("dma_skeleton");
	} else {
		th_note("dma_skeleton not available; that check is skipped");
	}

	/* not suspended: no editing */
	CHECK_EQ(rte_pmd_netdma_resume(d->id, 0), -EINVAL);
	CHECK_EQ(rte_pmd_netdma_pending(d->id, 0, &job, 1), -EINVAL);
	CHECK_EQ(rte_pmd_netdma_cancel(d->id, 0, 0), -EINVAL);
	CHECK_EQ(rte_pmd_netdma_rewrite(d->id, 0, &job), -EINVAL);
	CHECK_EQ(rte_pmd_netdma_insert(d->id, 0, 0, &job, &t), -EINVAL);
	CHECK_EQ(rte_pmd_netdma_cancel_ticket(d->id, 0, 1), -EINVAL);
	CHECK_EQ(rte_pmd_netdma_ticket_status(d->id, 0, 1, &st), -ENOENT);
	CHECK_EQ(rte_pmd_netdma_ticket_status(d->id, 0, 1, NULL), -EINVAL);
	CHECK_EQ(rte_pmd_netdma_stats_get(d->id, 0, NULL), -EINVAL);

	/* stopped */
	CHECK_EQ(rte_dma_stop(d->id), 0);
	d->started = false;
	CHECK_EQ(rte_pmd_netdma_suspend(d->id, 0, &info), -EINVAL);
	CHECK_EQ(rte_dma_start(d->id), 0);
	d->started = true;
	CHECK_EQ(tf_suspend(d, &info), 0);
	CHECK_EQ(rte_pmd_netdma_resume(d->id, 0), 0);
}

/* What suspend reports with work pending. */
static void
test_suspend_reports_pending(void)
{
	struct rte_pmd_netdma_suspend_info info;
	struct rte_pmd_netdma_job pend[SSR_MAX_PENDING];
	struct tdev *d = tdev_open(SSR_SLOW, SSR_RING);
	struct tbatch b;
	unsigned int i, processed;
	int np;

	CHECK(d != NULL);
	tb_init(&b);
	for (i = 0; i < 7; i++)
		CHECK((i & 1 ? tb_fill(&b, 64 + i * 100, 0) : tb_copy(&b, 1 + i * 300, 0)) != NULL);
	SSR_SUSPEND_WITH_PENDING(d, &b, 4, &info, pend, np);
	processed = 7 - info.nb_pending;
	/* the last processed descriptor is the one of the job before the first pending */
	CHECK_EQ(info.last_desc, tdev_slot_iova(d, (uint16_t)(b.j[processed].ring_idx - 1)));
	CHECK_EQ(b.reported, processed);
	for (i = 0; i < (unsigned int)np; i++) {
		const struct tjob *j = &b.j[processed + i];

		CHECK_EQ(pend[i].ring_idx, j->ring_idx);
		CHECK_EQ(pend[i].ticket, 0);
		CHECK_EQ(pend[i].op, j->op);
		CHECK_EQ(pend[i].flags, 0);
		CHECK_EQ(pend[i].dst, j->dst.iova + j->doff);
		CHECK_EQ(pend[i].length, j->len);
		if (j->op == RTE_PMD_NETDMA_OP_COPY)
			CHECK_EQ(pend[i].src, tf_src.iova + j->soff);
		else
			CHECK_EQ(pend[i].pattern, j->pattern);
		CHECK(tbuf_poisoned(&j->dst, 0, TJ_DST_LEN));
	}
	/* a short array: the count is still the total */
	CHECK_EQ(rte_pmd_netdma_pending(d->id, 0, pend, 1), np);
	CHECK_EQ(pend[0].ring_idx, b.j[processed].ring_idx);
	CHECK_EQ(rte_pmd_netdma_pending(d->id, 0, NULL, 0), np);
	CHECK_EQ(rte_pmd_netdma_pending(d->id, 0, NULL, 3), -EINVAL);
	SSR_RESUME_AND_VERIFY(d, &b);
	CHECK_EQ(ssr_dp_stat(d, 0), 7);
	CHECK_EQ(ssr_dp_stat(d, 1), 7);
	CHECK_EQ(ssr_dp_stat(d, 2), 0);
}

/* While suspended: new jobs are accepted and queue behind, completions stop
 * at the suspension point, capacity is exact, nothing executes. */
static void
test_while_suspended(void)
{
	struct rte_pmd_netdma_suspend_info info;
	struct rte_pmd_netdma_job pend[SSR_MAX_PENDING];
	struct tdev *d = tdev_open(SSR_SLOW, SSR_RING);
	struct tbatch b;
	unsigned int i, before;
	uint16_t dmacount;
	uint64_t cw;
	int np;

	CHECK(d != NULL);
	tb_init(&b);
	for (i = 0; i < 6; i++)
		CHECK(tb_copy(&b, 200 + i, 0) != NULL);
	SSR_SUSPEND_WITH_PENDING(d, &b, 3, &info, pend, np);
	CHECK_EQ(rte_dma_burst_capacity(d->id, 0), d->nb_desc - 1 - info.nb_pending);
	dmacount = tdev_dmacount(d);
	cw = tdev_cw(d);
	/* the word names the last processed descriptor (SUSPENDED where the
	 * device writes a word on SUSPEND, the descriptor's own otherwise) */
	CHECK_EQ(cw & ~0x3Full, info.last_desc);
	CHECK((cw & 7) == RTE_PMD_NETDMA_STATE_SUSPENDED || (cw & 7) == RTE_PMD_NETDMA_STATE_ACTIVE ||
			(cw & 7) == RTE_PMD_NETDMA_STATE_IDLE);

	/* more work while suspended: accepted, ring_idx continue, not pending */
	before = b.n;
	for (i = 0; i < 5; i++)
		CHECK((i & 1 ? tb_fill(&b, 33, 0) : tb_copy(&b, 4096, 0)) != NULL);
	for (i = before; i < b.n; i++) {
		CHECK_EQ(tj_enqueue(d, &b.j[i]), (uint16_t)(b.j[before - 1].ring_idx + 1 +
				(i - before)));
		CHECK_EQ(rte_dma_burst_capacity(d->id, 0),
				d->nb_desc - 1 - info.nb_pending - (i - before + 1));
	}
	CHECK_EQ(rte_dma_submit(d->id, 0), 0);
	CHECK_EQ(rte_pmd_netdma_pending(d->id, 0, pend, SSR_MAX_PENDING), np);
	CHECK_EQ(rte_pmd_netdma_cancel(d->id, 0, (uint16_t)b.j[before].ring_idx), -ENOENT);

	/* three descriptor delays: nothing runs, nothing completes */
	CHECK_EQ(tb_expect_quiet(d, 0), 0);
	usleep(60 * 1000);
	CHECK_EQ(tb_expect_quiet(d, 3), 0);
	CHECK_EQ(tdev_cw(d), cw);
	CHECK_EQ(tdev_dmacount(d), dmacount);	/* the doorbell is owed */
	CHECK_EQ(rte_pmd_netdma_state(d->id, 0), RTE_PMD_NETDMA_STATE_SUSPENDED);
	for (i = b.reported; i < b.n; i++)
		CHECK(tbuf_poisoned(&b.j[i].dst, 0, TJ_DST_LEN));
	CHECK_EQ(rte_dma_burst_capacity(d->id, 0), d->nb_desc - 1 - info.nb_pending - 5);

	SSR_RESUME_AND_VERIFY(d, &b);
	CHECK_EQ(ssr_dp_stat(d, 0), 11);
	CHECK_EQ(ssr_dp_stat(d, 1), 11);
	CHECK_EQ(rte_dma_burst_capacity(d->id, 0), d->nb_desc - 1);
}

/* A channel halted by an error cannot be suspended; the data path recovers
 * it in completed() and suspend works again. */
static void
test_suspend_halted_eio(void)
{
	struct rte_pmd_netdma_suspend_info info;
	struct tdev *d = tdev_open(SSR_FAST, SSR_RING);
	struct tbatch b;
	struct tjob *bad;

	CHECK(d != NULL);
	tb_init(&b);
	CHECK(tb_copy(&b, 64, 0) != NULL);
	CHECK((bad = tb_copy(&b, 64, 0)) != NULL);
	bad->bad_src = true;
	bad->want = RTE_DMA_STATUS_INVALID_SRC_ADDR;
	bad->writes = false;
	CHECK(tb_copy(&b, 64, 0) != NULL);
	CHECK(tb_fill(&b, 64, 0) != NULL);
	CHECK_EQ(tb_submit(d, &b), 0);
	/* no completed() call: nobody recovers the halt */
	CHECK(tdev_wait_state(d, RTE_PMD_NETDMA_STATE_HALTED));
	CHECK_EQ(rte_pmd_netdma_suspend(d->id, 0, &info), -EIO);
	CHECK_EQ(rte_pmd_netdma_suspend(d->id, 0, &info), -EIO);
	CHECK_EQ(rte_pmd_netdma_state(d->id, 0), RTE_PMD_NETDMA_STATE_HALTED);
	CHECK_EQ(rte_pmd_netdma_resume(d->id, 0), -EINVAL);
	CHECK_EQ(tb_drain(d, &b, UINT32_MAX), 0);
	CHECK_EQ(tb_verify(d, &b), 0);
	CHECK_EQ(ssr_dp_stat(d, 2), 1);
	CHECK(ssr_ctl_stats(d).recoveries >= 1);
	CHECK_EQ(tf_suspend(d, &info), 0);
	CHECK_EQ(info.nb_pending, 0);
	CHECK_EQ(rte_pmd_netdma_resume(d->id, 0), 0);
	tb_init(&b);
	CHECK(tb_copy(&b, 99, 0) != NULL);
	CHECK_EQ(tb_submit(d, &b), 0);
	CHECK_EQ(tb_drain(d, &b, UINT32_MAX), 0);
	CHECK_EQ(tb_verify(d, &b), 0);
}

/* The engine is inside a long descriptor: suspend gives up after
 * suspend_timeout_ms; the channel keeps running, nothing is lost. */
static void
test_suspend_timeout(void)
{
	struct rte_pmd_netdma_suspend_info info;
	struct rte_pmd_netdma_job pend[1];
	struct tdev *d = tdev_open("delay_us=50000,suspend_timeout_ms=1", SSR_RING);
	struct tbatch b;
	int ret;

	CHECK(d != NULL);
	tb_init(&b);
	CHECK(tb_copy(&b, 1000, 0) != NULL);
	CHECK(tb_fill(&b, 1000, 0) != NULL);
	CHECK(tb_copy(&b, 1000, 0) != NULL);
	CHECK_EQ(tb_submit(d, &b), 0);
	usleep(5000);	/* let the engine start its first (50 ms) descriptor */
	ret = rte_pmd_netdma_suspend(d->id, 0, &info);
	TF_PRECOND(ret != 0);	/* the engine could have been between descriptors */
	CHECK_EQ(ret, -ETIMEDOUT);
	CHECK_EQ(ssr_ctl_stats(d).suspend_timeouts, 1);
	CHECK_EQ(ssr_ctl_stats(d).suspends, 0);
	/* not suspended */
	CHECK_EQ(rte_pmd_netdma_pending(d->id, 0, pend, 1), -EINVAL);
	CHECK_EQ(rte_pmd_netdma_resume(d->id, 0), -EINVAL);
	/* more work after the timeout, then everything completes */
	CHECK(tb_copy(&b, 10, 0) != NULL);
	CHECK_EQ(tb_submit(d, &b), 0);
	CHECK_EQ(tb_drain(d, &b, UINT32_MAX), 0);
	CHECK_EQ(tb_verify(d, &b), 0);
	CHECK(tdev_wait_state(d, RTE_PMD_NETDMA_STATE_IDLE));
	/* an idle engine takes a suspension within the timeout */
	CHECK_EQ(tf_suspend(d, &info), 0);
	CHECK_EQ(info.nb_pending, 0);
	CHECK_EQ(info.last_desc, tdev_slot_iova(d, (uint16_t)b.j[3].ring_idx));
	CHECK_EQ(rte_pmd_netdma_resume(d->id, 0), 0);
}

/*
 * Timeouts racing with the engine taking the command: the per-descriptor
 * delay is as long as the timeout, so the engine takes SUSPEND at about the
 * moment suspend gives up.  Whatever happens, the channel must run on.
 */
static void
test_suspend_timeout_race(void)
{
	struct tdev *d = tdev_open("delay_us=1000,suspend_timeout_ms=1", SSR_RING);
	unsigned int iter, ok = 0, timeouts = 0;

	CHECK(d != NULL);
	for (iter = 0; iter < 300; iter++) {
		struct tbatch b;
		int ret;

		tb_init(&b);
		CHECK(tb_copy(&b, 256, 0) != NULL);
		CHECK(tb_copy(&b, 256, 0) != NULL);
		CHECK_EQ(tb_submit(d, &b), 0);
		usleep(tf_rand() % 1000);
		ret = rte_pmd_netdma_suspend(d->id, 0, NULL);
		if (ret == 0) {
			ok++;
			CHECK_EQ(rte_pmd_netdma_resume(d->id, 0), 0);
		} else {
			CHECK_EQ(ret, -ETIMEDOUT);
			timeouts++;
		}
		CHECK_EQ(tb_drain(d, &b, UINT32_MAX), 0);
		CHECK_EQ(tb_verify(d, &b), 0);
	}
	th_note("%u suspended, %u timed out", ok, timeouts);
	/* A SUSPEND that timed out stays in flight (silicon may not take a
	 * command back) and may be taken after the last drain: the data path
	 * resumes it on its next polls. */
	for (iter = 0; iter < 100000 && rte_pmd_netdma_state(d->id, 0) ==
			RTE_PMD_NETDMA_STATE_SUSPENDED; iter++) {
		uint16_t last;
		bool err;

		CHECK_EQ(rte_dma_completed(d->id, 0, 1, &last, &err), 0);
		usleep(10);
	}
	/* Re-arm mode: a last resume that found nothing pending (the engine had
	 * finished both jobs before the suspension: a loaded machine) leaves the
	 * channel ARMED at the next slot, an idle state as much as IDLE. */
	if (tf_rearm && rte_pmd_netdma_state(d->id, 0) == RTE_PMD_NETDMA_STATE_ARMED)
		CHECK(tdev_wait_state(d, RTE_PMD_NETDMA_STATE_ARMED));
	else
		CHECK(tdev_wait_state(d, RTE_PMD_NETDMA_STATE_IDLE));
	CHECK_EQ(ssr_ctl_stats(d).suspend_timeouts, timeouts);
}

/* Suspend, edit and resume from the data-path thread itself, between its
 * calls (here: on the worker lcore). */
static struct tdev *dp_dev;

static void
dp_thread_body(void)
{
	struct rte_pmd_netdma_suspend_info info;
	struct rte_pmd_netdma_job pend[SSR_MAX_PENDING];
	struct tdev *d = dp_dev;
	struct tbatch b;
	struct tjob *c;
	unsigned int i;
	int np;

	tb_init(&b);
	for (i = 0; i < 6; i++)
		CHECK(tb_copy(&b, 128, 0) != NULL);
	SSR_SUSPEND_WITH_PENDING(d, &b, 3, &info, pend, np);
	for (i = 0; i < 3; i++)
		CHECK(tb_fill(&b, 128, 0) != NULL);
	CHECK_EQ(tb_submit(d, &b), 0);
	c = tb_by_ring_idx(&b, pend[np - 1].ring_idx);
	CHECK_EQ(rte_pmd_netdma_cancel(d->id, 0, pend[np - 1].ring_idx), 0);
	c->want = RTE_DMA_STATUS_USER_ABORT;
	c->writes = false;
	SSR_RESUME_AND_VERIFY(d, &b);
	CHECK_EQ(ssr_dp_stat(d, 2), 1);
}

static void
test_suspend_from_dp_thread(void)
{
	dp_dev = tdev_open(SSR_SLOW, SSR_RING);
	CHECK(dp_dev != NULL);
	CHECK_EQ(tf_run_on_worker(dp_thread_body), 0);
}

const struct th_test ssr_basic_tests[] = {
	TH_TEST(test_suspend_idle),
	TH_TEST(test_vchan_status_after_cycles),
	TH_TEST(test_suspend_einval),
	TH_TEST(test_suspend_reports_pending),
	TH_TEST(test_while_suspended),
	TH_TEST(test_suspend_halted_eio),
	TH_TEST(test_suspend_timeout),
	TH_TEST(test_suspend_timeout_race),
	TH_TEST(test_suspend_from_dp_thread),
};
const unsigned int ssr_basic_nb = RTE_DIM(ssr_basic_tests);

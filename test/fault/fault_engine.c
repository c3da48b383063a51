/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * An engine that stops making progress: a hang (until released) and a
 * stall (for a while).  Suspend must time out rather than wait forever,
 * stop must report that the engine could not be quiesced, and nothing is
 * lost once the engine goes on.
 */

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "fault_tests.h"

static uint64_t
suspend_timeouts(void)
{
	struct netdma_ctrl_stats cs;

	netdma_ctrl_stats(&fx.ch, &cs);
	return cs.suspend_timeouts;
}

int
test_hang_suspend(void)
{
	enum { N = 5 };
	struct netdma_suspend_info si;
	struct fjobs b;
	int ret;

	CHECK(fx_up(&(struct fx_opts){ .suspend_timeout_us = 20000 }) == 0, "setup");
	CHECK(fj_init(&b, N, 1024) == 0, "arena");
	CHECK(cbdma_model_inject(fx.model, 0, CBDMA_FAULT_HANG,
			fx_job_iova((uint16_t)(fx_next_idx() + 2)), 0) == 0, "inject");
	if (fj_enqueue(&b, 0, N, true) != 0)
		return -1;
	CHECK(FX_WAIT_MODEL(faults, 1, 5000) == 0, "hang did not fire");
	if (fj_collect(&b, 0, 2) != 0)
		return -1;
	CHECK(fx_poll_none(3000) == 0, "a job completed on a hung engine");
	ret = netdma_suspend(&fx.ch, &si);
	CHECK(ret == -ETIMEDOUT, "suspend of a hung engine: %d", ret);
	CHECK(suspend_timeouts() == 1, "timeout not counted");
	CHECK(netdma_resume(&fx.ch) == -EINVAL, "the channel is not suspended");
	ret = netdma_suspend(&fx.ch, NULL);
	CHECK(ret == -ETIMEDOUT, "second suspend of a hung engine: %d", ret);
	/* release: the hung job completes first, then the rest */
	CHECK(cbdma_model_inject(fx.model, 0, CBDMA_FAULT_NONE, 0, 0) == 0, "release");
	if (fj_collect(&b, 2, N) != 0 || fj_verify(&b) != 0)
		return -1;
	CHECK(netdma_suspend(&fx.ch, &si) == 0 && si.nb_pending == 0, "suspend after release");
	CHECK(cbdma_sts_status(si.completion) == CBDMA_STS_SUSPENDED, "SUSPENDED word");
	CHECK(netdma_resume(&fx.ch) == 0, "resume");
	return fault_followup(32);
}

/*
 * Stop of a hung engine: the drain and the suspend time out, the channel is
 * reset anyway, and stop reports the failure (no deadlock).  The channel
 * stays started until a stop succeeds; the next stop finds the engine
 * halted by the reset and succeeds.
 */
int
test_hang_stop(void)
{
	enum { N = 4 };
	struct fjobs b;
	uint64_t t0, ms;
	int ret;

	CHECK(fx_up(&(struct fx_opts){ .suspend_timeout_us = 20000 }) == 0, "setup");
	CHECK(fj_init(&b, N, 256) == 0, "arena");
	CHECK(cbdma_model_inject(fx.model, 0, CBDMA_FAULT_HANG,
			fx_job_iova((uint16_t)(fx_next_idx() + 1)), 0) == 0, "inject");
	if (fj_enqueue(&b, 0, N, true) != 0)
		return -1;
	CHECK(FX_WAIT_MODEL(faults, 1, 5000) == 0, "hang did not fire");
	if (fj_collect(&b, 0, 1) != 0)
		return -1;
	t0 = th_now_ns();
	ret = netdma_chan_stop(&fx.ch);
	ms = (th_now_ns() - t0) / 1000000;
	printf("  stop of a hung engine: %d after %lu ms\n", ret, (unsigned long)ms);
	CHECK(ret == -ETIMEDOUT, "stop of a hung engine returned %d", ret);
	CHECK(fx.ch.started, "a channel that failed to stop still counts as started");
	CHECK(fx_model_stats().resets >= 1, "the engine was not reset");
	CHECK(netdma_suspend(&fx.ch, NULL) == -EIO, "suspend after the failed stop");
	ret = netdma_chan_stop(&fx.ch);
	CHECK(ret == 0, "second stop: %d", ret);
	CHECK(!fx.ch.started, "stopped");
	/* nothing of the old run can be enqueued any more */
	CHECK(netdma_copy(&fx.ch, fx_iova(b.src), fx_iova(b.dst), 64, 0) < 0,
			"enqueue on a stopped channel accepted");
	CHECK(netdma_chan_start(&fx.ch) == 0, "restart");
	return fault_followup(32);
}

/* A stall shorter than the suspend timeout: suspend waits for the stalled job. */
int
test_stall_suspend(void)
{
	enum { N = 8 };
	struct netdma_suspend_info si;
	struct netdma_job jobs[N];
	struct fjobs b;
	uint16_t last_idx;
	int np;

	CHECK(fx_up(&(struct fx_opts){ .desc_delay_us = 1000 }) == 0, "setup");
	CHECK(fj_init(&b, N, 256) == 0, "arena");
	CHECK(cbdma_model_inject(fx.model, 0, CBDMA_FAULT_STALL,
			fx_job_iova((uint16_t)(fx_next_idx() + 2)), 100000) == 0, "inject");
	if (fj_enqueue(&b, 0, N, true) != 0)
		return -1;
	CHECK(FX_WAIT_MODEL(faults, 1, 5000) == 0, "stall did not fire");
	CHECK(netdma_suspend(&fx.ch, &si) == 0, "suspend during a stall");
	CHECK(netdma_iova_in_ring(&fx.ch, si.last_desc), "last descriptor 0x%lx",
			(unsigned long)si.last_desc);
	last_idx = (uint16_t)((si.last_desc - fx.ch.ring_iova) / CBDMA_DESC_SIZE -
			fx.ch.idx_base);
	CHECK((uint16_t)(last_idx - b.idx0) >= 2 && (uint16_t)(last_idx - b.idx0) < N,
			"suspended at job %u, before the stalled job 2 finished",
			(uint16_t)(last_idx - b.idx0));
	np = netdma_pending(&fx.ch, jobs, N);
	CHECK(np == N - 1 - (uint16_t)(last_idx - b.idx0) && np == si.nb_pending,
			"pending %d (info %u) after job %u", np, si.nb_pending,
			(uint16_t)(last_idx - b.idx0));
	CHECK(np == 0 || jobs[0].ring_idx == (uint16_t)(last_idx + 1), "first pending %u",
			jobs[0].ring_idx);
	CHECK(netdma_resume(&fx.ch) == 0, "resume");
	if (fj_collect(&b, 0, N) != 0 || fj_verify(&b) != 0)
		return -1;
	return fault_followup(16);
}

/* A stall longer than the suspend timeout: suspend gives up, nothing is lost. */
int
test_stall_suspend_timeout(void)
{
	enum { N = 4 };
	struct fjobs b;
	int ret;

	CHECK(fx_up(&(struct fx_opts){ .suspend_timeout_us = 20000 }) == 0, "setup");
	CHECK(fj_init(&b, N, 256) == 0, "arena");
	CHECK(cbdma_model_inject(fx.model, 0, CBDMA_FAULT_STALL,
			fx_job_iova((uint16_t)(fx_next_idx() + 1)), 300000) == 0, "inject");
	if (fj_enqueue(&b, 0, N, true) != 0)
		return -1;
	CHECK(FX_WAIT_MODEL(faults, 1, 5000) == 0, "stall did not fire");
	ret = netdma_suspend(&fx.ch, NULL);
	CHECK(ret == -ETIMEDOUT, "suspend during a long stall: %d", ret);
	CHECK(suspend_timeouts() == 1, "timeout not counted");
	if (fj_collect(&b, 0, N) != 0 || fj_verify(&b) != 0)
		return -1;
	CHECK(netdma_suspend(&fx.ch, NULL) == 0 && netdma_resume(&fx.ch) == 0, "works again");
	return fault_followup(16);
}

/* Job i's destination holds its source: it ran. */
static int
job_ran(const struct fjobs *b, unsigned int i)
{
	return memcmp(b->dst + (size_t)i * b->stride, b->src + (size_t)i * b->stride,
			b->j[i].len) == 0;
}

/*
 * Stop right after a suspend that timed out, with no data-path poll in
 * between (issue 12, defect 4).  The engine takes the SUSPEND late and sits
 * suspended; jobs submitted since wait for the data path's next poll to
 * resume it.  Stop must do what that poll would have done: every submitted
 * job runs before stop returns (before the fix they were dropped).
 */
int
test_stop_after_suspend_timeout(void)
{
	enum { N = 4, M = 4 };
	struct fjobs b;
	unsigned int i;
	int ret;

	CHECK(fx_up(&(struct fx_opts){ .suspend_timeout_us = 5000 }) == 0, "setup");
	CHECK(fj_init(&b, N + M, 256) == 0, "arena");
	CHECK(cbdma_model_inject(fx.model, 0, CBDMA_FAULT_STALL,
			fx_job_iova((uint16_t)(fx_next_idx() + 1)), 100000) == 0, "inject");
	if (fj_enqueue(&b, 0, N, true) != 0)
		return -1;
	CHECK(FX_WAIT_MODEL(faults, 1, 5000) == 0, "stall did not fire");
	ret = netdma_suspend(&fx.ch, NULL);
	CHECK(ret == -ETIMEDOUT, "suspend during a 100 ms stall: %d", ret);
	/* the SUSPEND stays in flight: taken once the stall is over */
	/* (not suspended for the driver: netdma_state() shows CHANSTS) */
	CHECK(fx_wait_state(CBDMA_STS_SUSPENDED, 5000) == 0, "the late SUSPEND was not taken");
	if (fj_enqueue(&b, N, N + M, true) != 0)
		return -1;
	CHECK(netdma_chan_stop(&fx.ch) == 0, "stop");
	for (i = 0; i < N + M; i++)
		CHECK(job_ran(&b, i), "job %u submitted before stop did not run", i);
	return 0;
}

/*
 * A resume that cannot re-arm (the chain from the last processed descriptor
 * is broken) returns -EIO, marks the channel broken and gives the channel
 * back to the data path (issue 12, defect 4: before the fix it stayed
 * suspended with the data path excluded until stop).
 */
int
test_resume_eio_releases(void)
{
	enum { N = 8 };
	struct netdma_suspend_info si;
	struct fjobs b;
	struct cbdma_desc *last;
	int ret;

	CHECK(fx_up(&(struct fx_opts){ .mode = NETDMA_RESUME_REARM, .desc_delay_us = 1000,
			.suspend_timeout_us = 2000000 }) == 0, "setup");
	CHECK(fj_init(&b, N, 256) == 0, "arena");
	CHECK(cbdma_model_inject(fx.model, 0, CBDMA_FAULT_STALL,
			fx_job_iova((uint16_t)(fx_next_idx() + 1)), 20000) == 0, "inject");
	if (fj_enqueue(&b, 0, N, true) != 0)
		return -1;
	CHECK(FX_WAIT_MODEL(faults, 1, 5000) == 0, "stall did not fire");
	CHECK(netdma_suspend(&fx.ch, &si) == 0, "suspend after the stall");
	CHECK(si.nb_pending > 0, "nothing pending to follow");
	last = netdma_desc_va(&fx.ch, si.last_desc);
	CHECK(last != NULL, "last processed 0x%" PRIx64 " is not ours", si.last_desc);
	last->next = 0xdead0000;	/* the link resume must follow, broken */
	ret = netdma_resume(&fx.ch);
	CHECK(ret == -EIO, "resume over a broken chain: %d", ret);
	CHECK(netdma_dp_enter(&fx.ch), "the data path is still excluded");
	netdma_dp_leave(&fx.ch);
	CHECK(netdma_resume(&fx.ch) == -EINVAL, "still suspended after -EIO");
	CHECK(netdma_suspend(&fx.ch, NULL) == -EIO, "suspend of a broken channel");
	CHECK(netdma_chan_stop(&fx.ch) == 0, "stop");
	return 0;
}

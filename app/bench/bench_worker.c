/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * The worker lcore: for each of its lanes in turn, enqueue up to `batch`
 * copies (stopping early when the ring is full), submit, poll completions
 * once; or, for the CPU lane, memcpy `batch` buffers.  Like dpdk-test-dma-perf,
 * buffers are used in order and wrap around.
 *
 * Worker cost is measured on the worker with the TSC: the cycles inside
 * rte_dma_copy/submit plus those of rte_dma_completed calls that returned
 * jobs are "work" (also split into copy, submit and completed); completed
 * calls that found nothing are "wait" (the device was behind).  Four TSC
 * reads per batch; at batch 32 that is about two cycles per job of the figure.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_dmadev.h>

#include "bench.h"

#define MAX_CPL		255	/* completions per poll, as dma-perf */
/*
 * The worker's cycles are sampled: one step in 2^SAMPLE_SHIFT is timed (four
 * TSC reads, some 35 cycles each here) and counted 2^SAMPLE_SHIFT times.
 * Timing every step cost the worker up to 7 cycles per 64-byte job, a fifth
 * of its time, in the throughput of every device measured.
 */
#define SAMPLE_SHIFT	3
#define DRAIN_SECS	10	/* generous: a loaded machine may starve the engine */

static inline void
publish(uint64_t *ctr, uint64_t v)
{
	__atomic_store_n(ctr, v, __ATOMIC_RELAXED);
}

static inline uint64_t
src_iova(const struct bench_lane *l, uint32_t i)
{
	return l->src_iovas ? l->src_iovas[i] : l->src_iova + (uint64_t)i * l->size;
}

static inline uint64_t
dst_iova(const struct bench_lane *l, uint32_t i)
{
	return l->dst_iovas ? l->dst_iovas[i] : l->dst_iova + (uint64_t)i * l->size;
}

/* Worker-private progress of a lane, kept off the published counters' line. */
struct cursor {
	uint32_t next;
	uint32_t step;
	uint64_t enqueued, jobs, work, wait;
	uint64_t copy, submit, cpl;
	uint64_t submit_calls, cpl_calls;
};

static void
lane_fail(struct bench_lane *l, int err, const char *what)
{
	l->err = err;
	snprintf(l->err_msg, sizeof(l->err_msg), "%s: %s", what, strerror(-err));
}

/* Report a completion with an error status and stop the lane. */
static void
lane_fail_status(struct bench_lane *l)
{
	enum rte_dma_status_code st[MAX_CPL];
	uint16_t last, n, i;

	n = rte_dma_completed_status(l->dev_id, 0, MAX_CPL, &last, st);
	for (i = 0; i < n; i++)
		if (st[i] != RTE_DMA_STATUS_SUCCESSFUL)
			break;
	l->err = -EIO;
	snprintf(l->err_msg, sizeof(l->err_msg), "a job completed with status %d",
			i < n ? (int)st[i] : -1);
}

/*
 * A lane that allows USER_ABORT (the ctrl suite cancels its jobs): collect
 * the jobs from the one that stopped rte_dma_completed() on, counting the
 * aborted ones; any other failure stops the lane.
 */
static uint16_t
lane_take_aborts(struct bench_lane *l)
{
	enum rte_dma_status_code st[MAX_CPL];
	uint16_t last, n, i;

	n = rte_dma_completed_status(l->dev_id, 0, MAX_CPL, &last, st);
	for (i = 0; i < n; i++) {
		if (st[i] == RTE_DMA_STATUS_USER_ABORT) {
			l->aborted++;
		} else if (st[i] != RTE_DMA_STATUS_SUCCESSFUL) {
			l->err = -EIO;
			snprintf(l->err_msg, sizeof(l->err_msg),
					"a job completed with status %d", (int)st[i]);
		}
	}
	return n;
}

static inline void
dma_step(struct bench_lane *l, struct cursor *c, uint16_t batch)
{
	const bool timed = (c->step++ & ((1u << SAMPLE_SHIFT) - 1)) == 0;
	uint32_t i = c->next;
	uint64_t t0 = 0, t1 = 0, t2 = 0, ts = 0;
	uint16_t k, n, last;
	bool error = false;
	int ret = 0;

	if (timed)
		t0 = rte_rdtsc();
	for (k = 0; k < batch; k++) {
		ret = rte_dma_copy(l->dev_id, 0, src_iova(l, i), dst_iova(l, i), l->size, 0);
		if (unlikely(ret < 0))
			break;
		if (++i == l->nr_buf)
			i = 0;
	}
	if (timed)
		ts = rte_rdtsc();
	if (k != 0)
		rte_dma_submit(l->dev_id, 0);
	if (timed)
		t1 = rte_rdtsc();
	n = rte_dma_completed(l->dev_id, 0, MAX_CPL, &last, &error);
	if (timed)
		t2 = rte_rdtsc();

	c->next = i;
	c->enqueued += k;
	c->jobs += n;
	if (timed) {
		if (k != 0) {
			c->work += (t1 - t0) << SAMPLE_SHIFT;
			c->copy += (ts - t0) << SAMPLE_SHIFT;
			c->submit += (t1 - ts) << SAMPLE_SHIFT;
			c->submit_calls += 1u << SAMPLE_SHIFT;
		} else {
			c->wait += (t1 - t0) << SAMPLE_SHIFT;
		}
		if (n != 0) {
			c->work += (t2 - t1) << SAMPLE_SHIFT;
			c->cpl += (t2 - t1) << SAMPLE_SHIFT;
			c->cpl_calls += 1u << SAMPLE_SHIFT;
		} else {
			c->wait += (t2 - t1) << SAMPLE_SHIFT;
		}
	}
	if (unlikely(ret < 0 && ret != -ENOSPC))
		lane_fail(l, ret, "rte_dma_copy");
	if (unlikely(error)) {
		if (l->allow_abort)
			c->jobs += lane_take_aborts(l);
		else
			lane_fail_status(l);
	}
}

static inline void
cpu_step(struct bench_lane *l, struct cursor *c, uint16_t batch)
{
	const bool timed = (c->step++ & ((1u << SAMPLE_SHIFT) - 1)) == 0;
	const uint32_t size = l->size;
	uint32_t i = c->next;
	uint64_t t0 = 0, t1;
	uint16_t k;

	if (timed)
		t0 = rte_rdtsc();
	for (k = 0; k < batch; k++) {
		memcpy(l->dst + (uint64_t)i * size, l->src + (uint64_t)i * size, size);
		if (++i == l->nr_buf)
			i = 0;
	}
	c->next = i;
	c->enqueued += batch;
	c->jobs += batch;
	if (timed) {
		t1 = rte_rdtsc();
		c->work += (t1 - t0) << SAMPLE_SHIFT;
		c->copy += (t1 - t0) << SAMPLE_SHIFT;
	}
}

/* After the stop: hand over what is queued and collect every completion. */
static void
dma_drain(struct bench_lane *l, struct cursor *c)
{
	uint64_t deadline = rte_rdtsc() + DRAIN_SECS * rte_get_tsc_hz();
	bool error = false;
	uint16_t last;

	rte_dma_submit(l->dev_id, 0);
	while (c->jobs < c->enqueued && (!error || l->allow_abort) && l->err == 0 &&
			rte_get_tsc_cycles() < deadline) {
		c->jobs += rte_dma_completed(l->dev_id, 0, MAX_CPL, &last, &error);
		if (error && l->allow_abort)
			c->jobs += lane_take_aborts(l);
	}
	if (l->err != 0)
		return;
	if (error && !l->allow_abort)
		lane_fail_status(l);
	else if (c->jobs < c->enqueued)
		lane_fail(l, -ETIMEDOUT, "jobs still outstanding after the run");
}

static void
cursor_publish(struct bench_lane *l, const struct cursor *c)
{
	publish(&l->jobs, c->jobs);
	publish(&l->enqueued, c->enqueued);
	publish(&l->work_cyc, c->work);
	publish(&l->wait_cyc, c->wait);
	publish(&l->copy_cyc, c->copy);
	publish(&l->submit_cyc, c->submit);
	publish(&l->cpl_cyc, c->cpl);
	publish(&l->submit_calls, c->submit_calls);
	publish(&l->cpl_calls, c->cpl_calls);
}

int
bench_worker_main(void *arg)
{
	struct bench_worker *w = arg;
	struct cursor cur[BENCH_MAX_LANES];
	unsigned int i, live = w->nb_lanes;

	memset(cur, 0, sizeof(cur));
	while (live != 0 && !__atomic_load_n(w->stop, __ATOMIC_RELAXED)) {
		for (i = 0; i < w->nb_lanes; i++) {
			struct bench_lane *l = w->lanes[i];

			if (unlikely(l->err != 0))
				continue;
			if (l->dev_id < 0)
				cpu_step(l, &cur[i], w->batch);
			else
				dma_step(l, &cur[i], w->batch);
			cursor_publish(l, &cur[i]);
			if (unlikely(l->err != 0))
				live--;
		}
	}
	for (i = 0; i < w->nb_lanes; i++) {
		struct bench_lane *l = w->lanes[i];

		if (l->dev_id >= 0 && l->err == 0)
			dma_drain(l, &cur[i]);
		cursor_publish(l, &cur[i]);
	}
	return 0;
}

int
bench_worker_prepare(void *arg)
{
	struct bench_worker *w = arg;
	unsigned int i;

	for (i = 0; i < w->nb_lanes; i++)
		bench_lane_prepare(w->lanes[i]);
	return 0;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * EAL-free tests of the channel engine (lib/netdma) against the device model
 * (lib/cbdma_model) over a flat IOVA arena taken from hugetlbfs (the fault
 * fixture, test/common/eal_free_fixture.h).  They run
 * under ThreadSanitizer too (the concurrent suspend test).
 */

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "eal_free_fixture.h"
#include "netdma_log.h"

#define ARENA_SIZE	(32u << 20)
#define COLLECT_MS	5000

/* ---- tests ---- */

static int
test_start(void)
{
	uint64_t cw = *fx.ch.cw;

	CHECK(cbdma_sts_status(cw) == CBDMA_STS_IDLE, "cw 0x%lx", (unsigned long)cw);
	CHECK(cbdma_sts_addr(cw) == fx.ch.ring_iova, "first null descriptor at ring[0]");
	CHECK(netdma_burst_capacity(&fx.ch) == 255, "capacity %u", netdma_burst_capacity(&fx.ch));
	CHECK(netdma_state(&fx.ch) == CBDMA_STS_IDLE, "state %d", netdma_state(&fx.ch));
	return 0;
}

static int
test_copies_wrap(void)
{
	enum { N = 70000, SZ = 64, BATCH = 32 };
	uint8_t *src = fx_alloc(BATCH * SZ, 64), *dst = fx_alloc(BATCH * SZ, 64);
	enum rte_dma_status_code st[BATCH];
	uint16_t last = 0, expect = 0;
	unsigned int i, j;

	for (i = 0; i < N / BATCH; i++) {
		for (j = 0; j < BATCH * SZ; j++)
			src[j] = (uint8_t)(i * 7 + j);
		for (j = 0; j < BATCH; j++) {
			int id = netdma_copy(&fx.ch, fx_iova(src + j * SZ), fx_iova(dst + j * SZ), SZ, 0);

			CHECK(id == expect, "ring_idx %d, expected %u", id, expect);
			expect++;
		}
		netdma_submit(&fx.ch);
		CHECK(fx_collect(BATCH, st, &last, COLLECT_MS) == 0, "timeout at batch %u", i);
		CHECK(last == (uint16_t)(expect - 1), "last_idx %u expected %u", last,
				(uint16_t)(expect - 1));
		for (j = 0; j < BATCH; j++)
			CHECK(st[j] == RTE_DMA_STATUS_SUCCESSFUL, "status %d", st[j]);
		CHECK(memcmp(src, dst, BATCH * SZ) == 0, "data mismatch at batch %u", i);
	}
	CHECK(fx.ch.stats.submitted == fx.ch.stats.completed, "stats");
	return 0;
}

static int
test_fill_and_limits(void)
{
	static const uint32_t lens[] = {1, 7, 8, 64, 100, 4096};
	uint64_t pattern = 0x0123456789abcdefull;
	uint8_t *dst = fx_alloc(8192, 64);
	uint16_t last;
	bool err;
	unsigned int i, j;

	for (i = 0; i < RTE_DIM(lens); i++) {
		memset(dst, 0xee, 8192);
		CHECK(netdma_fill(&fx.ch, pattern, fx_iova(dst), lens[i], RTE_DMA_OP_FLAG_SUBMIT) >= 0,
				"fill");
		while (netdma_completed(&fx.ch, 1, &last, &err) == 0)
			CHECK(!err, "fill error");
		for (j = 0; j < lens[i]; j++)
			CHECK(dst[j] == ((uint8_t *)&pattern)[j % 8], "fill byte %u", j);
		CHECK(dst[lens[i]] == 0xee, "fill wrote past %u", lens[i]);
	}
	CHECK(netdma_copy(&fx.ch, fx_iova(dst), fx_iova(dst + 4096), 0, 0) == -EINVAL, "len 0");
	CHECK(netdma_copy(&fx.ch, fx_iova(dst), fx_iova(dst), (1u << 20) + 1, 0) == -EINVAL,
			"len > XFERCAP");
	/* a full ring: -ENOSPC, capacity exact */
	for (i = 0; i < 255; i++)
		CHECK(netdma_copy(&fx.ch, fx_iova(dst), fx_iova(dst + 4096), 8, 0) >= 0, "fill ring");
	CHECK(netdma_burst_capacity(&fx.ch) == 0, "capacity 0");
	CHECK(netdma_copy(&fx.ch, fx_iova(dst), fx_iova(dst + 4096), 8, 0) == -ENOSPC, "full");
	netdma_submit(&fx.ch);
	{
		enum rte_dma_status_code st[255];

		CHECK(fx_collect(255, st, &last, COLLECT_MS) == 0, "drain");
	}
	CHECK(netdma_burst_capacity(&fx.ch) == 255, "capacity back");
	return 0;
}

static int
test_errors_and_fence(void)
{
	enum { N = 12 };
	uint8_t *src = fx_alloc(N * 64, 64), *dst = fx_alloc(N * 64, 64);
	enum rte_dma_status_code st[N];
	uint16_t last, n;
	bool err = false;
	unsigned int i;

	memset(src, 0x5a, N * 64);
	/* job 3 fails (src IOVA 0); job 6 is fenced: 6..11 are not attempted */
	for (i = 0; i < N; i++)
		CHECK(netdma_copy(&fx.ch, i == 3 ? 0 : fx_iova(src + i * 64), fx_iova(dst + i * 64),
				64, i == 6 ? RTE_DMA_OP_FLAG_FENCE : 0) >= 0, "enqueue");
	netdma_submit(&fx.ch);
	n = 0;
	while (!err)
		n += netdma_completed(&fx.ch, N, &last, &err);
	CHECK(n == 3, "completed before the error: %u", n);
	CHECK(netdma_completed(&fx.ch, N, &last, &err) == 0 && err, "has_error sticks");
	CHECK(fx_collect(N - 3, st, &last, COLLECT_MS) == 0, "statuses");
	CHECK(st[0] == RTE_DMA_STATUS_INVALID_SRC_ADDR, "failed job status %d", st[0]);
	CHECK(st[1] == RTE_DMA_STATUS_SUCCESSFUL && st[2] == RTE_DMA_STATUS_SUCCESSFUL,
			"jobs 4, 5 run");
	for (i = 3; i < N - 3; i++)
		CHECK(st[i] == RTE_DMA_STATUS_NOT_ATTEMPTED, "job %u status %d", i + 3, st[i]);
	for (i = 6; i < N; i++)
		CHECK(dst[i * 64] == 0, "job %u touched its destination", i);
	CHECK(dst[4 * 64] == 0x5a && dst[5 * 64] == 0x5a, "jobs 4, 5 copied");
	CHECK(fx.ch.stats.errors == 7, "errors %lu", (unsigned long)fx.ch.stats.errors);
	/* the channel runs again */
	CHECK(netdma_copy(&fx.ch, fx_iova(src), fx_iova(dst), 64, RTE_DMA_OP_FLAG_SUBMIT) >= 0, "copy");
	CHECK(fx_collect(1, st, &last, COLLECT_MS) == 0 && st[0] == RTE_DMA_STATUS_SUCCESSFUL,
			"after");
	return 0;
}

/* Suspend with work pending; cancel one, rewrite one, insert one; resume. */
static int
test_suspend_edit_resume(void)
{
	enum { N = 8 };
	uint8_t *src = fx_alloc(N * 64, 64), *dst = fx_alloc(N * 64, 64);
	uint8_t *ins = fx_alloc(64, 64);
	struct netdma_suspend_info si;
	struct netdma_job jobs[N + 2], j;
	enum rte_dma_status_code st[N];
	uint64_t ticket;
	uint16_t last;
	int i, np, ret;

	memset(src, 0x11, N * 64);
	for (i = 0; i < N; i++)
		CHECK(netdma_copy(&fx.ch, fx_iova(src + i * 64), fx_iova(dst + i * 64), 64, 0) >= 0, "copy");
	netdma_submit(&fx.ch);
	ret = netdma_suspend(&fx.ch, &si);
	CHECK(ret == 0, "suspend %d", ret);
	CHECK(cbdma_sts_status(si.completion) == CBDMA_STS_SUSPENDED, "SUSPENDED word");
	CHECK(netdma_suspend(&fx.ch, NULL) == -EALREADY, "twice");
	np = netdma_pending(&fx.ch, jobs, N + 2);
	CHECK(np == si.nb_pending && np > 2, "pending %d vs %u", np, si.nb_pending);
	/* cancel the last pending, rewrite the one before into a fill */
	CHECK(netdma_cancel(&fx.ch, jobs[np - 1].ring_idx) == 0, "cancel");
	CHECK(netdma_cancel(&fx.ch, jobs[np - 1].ring_idx) == -EALREADY, "cancel twice");
	j = jobs[np - 2];
	j.op = NETDMA_OP_FILL;
	j.pattern = 0x7777777777777777ull;
	CHECK(netdma_rewrite(&fx.ch, &j) == 0, "rewrite");
	j = (struct netdma_job){ .op = NETDMA_OP_FILL, .pattern = 0x3333333333333333ull,
		.dst = fx_iova(ins), .length = 64 };
	CHECK(netdma_insert(&fx.ch, 0, &j, &ticket) == 0, "insert");
	CHECK(netdma_ticket_status(&fx.ch, ticket, &st[0]) == 0, "not yet");
	CHECK(netdma_pending(&fx.ch, jobs, N + 2) == np, "cancel -1, insert +1");
	CHECK(jobs[0].ticket == ticket, "inserted first");
	CHECK(netdma_resume(&fx.ch) == 0, "resume");
	CHECK(fx_collect(N, st, &last, COLLECT_MS) == 0, "collect");
	for (i = 0; i < N - 1; i++)
		CHECK(st[i] == RTE_DMA_STATUS_SUCCESSFUL, "job %d status %d", i, st[i]);
	CHECK(st[N - 1] == RTE_DMA_STATUS_USER_ABORT, "cancelled status %d", st[N - 1]);
	CHECK(dst[(N - 1) * 64] == 0, "cancelled job untouched");
	CHECK(dst[(N - 2) * 64] == 0x77, "rewritten job filled");
	CHECK(dst[0] == 0x11, "others copied");
	CHECK(netdma_ticket_status(&fx.ch, ticket, &st[0]) == 1 &&
			st[0] == RTE_DMA_STATUS_SUCCESSFUL, "ticket done");
	CHECK(ins[63] == 0x33, "inserted job ran");
	CHECK(netdma_resume(&fx.ch) == -EINVAL, "resume when running");
	return 0;
}

/* Log lines of the core, captured (netdma_set_log_fn). */
static char log_lines[2048];

static void
log_keep(int level, const char *msg)
{
	size_t used = strlen(log_lines);

	(void)level;
	snprintf(log_lines + used, sizeof(log_lines) - used, "%s\n", msg);
}

static int
pick_every_third(const struct netdma_job *j, void *arg)
{
	unsigned int *n = arg;

	(void)j;
	return (*n)++ % 3 == 0;
}

/* cancel_bulk and cancel_if: the jobs named or chosen complete once, in
 * order, with USER_ABORT and leave their destinations alone; every other job
 * runs; bad input is -EINVAL with a log line. */
static int
test_cancel_many(void)
{
	enum { N = 12 };
	uint8_t *src = fx_alloc(N * 64, 64), *dst = fx_alloc(N * 64, 64);
	struct netdma_suspend_info si;
	struct netdma_job jobs[N];
	enum rte_dma_status_code st[N];
	bool aborted[N] = { false };
	uint16_t ids[N], first, last;
	unsigned int seen = 0;
	int i, k = 0, np, ret, res[N];

	memset(src, 0x5A, N * 64);
	first = fx_next_idx();
	for (i = 0; i < N; i++)
		CHECK(netdma_copy(&fx.ch, fx_iova(src + i * 64), fx_iova(dst + i * 64), 64, 0) >= 0,
				"copy");
	log_lines[0] = '\0';
	netdma_set_log_fn(log_keep);
	CHECK(netdma_cancel_bulk(&fx.ch, ids, 1, NULL) == -EINVAL, "not suspended");
	CHECK(netdma_cancel_bulk(&fx.ch, NULL, 2, NULL) == -EINVAL, "no array");
	CHECK(netdma_cancel_if(&fx.ch, NULL, NULL) == -EINVAL, "no predicate");
	netdma_set_log_fn(NULL);
	CHECK(strstr(log_lines, "cancel_bulk: channel is not suspended") != NULL &&
			strstr(log_lines, "cancel_bulk: no ring_idx array") != NULL &&
			strstr(log_lines, "cancel_if: no predicate") != NULL, "log lines: %s",
			log_lines);
	netdma_submit(&fx.ch);
	ret = netdma_suspend(&fx.ch, &si);
	CHECK(ret == 0, "suspend %d", ret);
	np = netdma_pending(&fx.ch, jobs, N);
	CHECK(np == si.nb_pending && np >= 6, "pending %d vs %u", np, si.nb_pending);
	/* every other pending job, one duplicate and one never enqueued */
	for (i = 0; i < np; i += 2)
		ids[k++] = jobs[i].ring_idx;
	ids[k++] = jobs[0].ring_idx;
	ids[k++] = (uint16_t)(first + N);
	ret = netdma_cancel_bulk(&fx.ch, ids, (uint16_t)k, res);
	CHECK(ret == k - 2, "cancel_bulk %d of %d", ret, k);
	CHECK(res[k - 2] == -EALREADY && res[k - 1] == -ENOENT && res[0] == 0,
			"statuses %d %d %d", res[0], res[k - 2], res[k - 1]);
	for (i = 0; i < k - 2; i++)
		aborted[(uint16_t)(ids[i] - first)] = true;
	/* then every third of the jobs left, by predicate, in one walk */
	ret = netdma_cancel_if(&fx.ch, pick_every_third, &seen);
	CHECK(seen == (unsigned int)(np - (k - 2)), "predicate saw %u", seen);
	CHECK(ret == (int)(seen + 2) / 3, "cancel_if %d", ret);
	for (i = 1, seen = 0; i < np; i += 2)
		if (seen++ % 3 == 0)
			aborted[(uint16_t)(jobs[i].ring_idx - first)] = true;
	CHECK(netdma_pending(&fx.ch, NULL, 0) == np - (k - 2) - ret, "pending after");
	CHECK(netdma_resume(&fx.ch) == 0, "resume");
	CHECK(fx_collect(N, st, &last, COLLECT_MS) == 0, "collect");
	for (i = 0; i < N; i++) {
		CHECK(st[i] == (aborted[i] ? RTE_DMA_STATUS_USER_ABORT : RTE_DMA_STATUS_SUCCESSFUL),
				"job %d status %d", i, st[i]);
		CHECK(dst[i * 64 + 63] == (aborted[i] ? 0 : 0x5A), "job %d bytes", i);
	}
	CHECK(last == (uint16_t)(first + N - 1), "last %u", last);
	CHECK(fx_poll_none(3) == 0, "each once");
	return 0;
}

/* A hung engine: suspend times out, the channel keeps its jobs. */
static int
test_suspend_timeout(void)
{
	uint8_t *src = fx_alloc(64, 64), *dst = fx_alloc(64, 64);
	enum rte_dma_status_code st;
	uint16_t last;

	memset(src, 0x42, 64);
	CHECK(cbdma_model_inject(fx.model, 0, CBDMA_FAULT_HANG, 0, 0) == 0, "inject");
	CHECK(netdma_copy(&fx.ch, fx_iova(src), fx_iova(dst), 64, RTE_DMA_OP_FLAG_SUBMIT) >= 0, "copy");
	/* hung in the job (a loaded machine may take its time getting there) */
	CHECK(FX_WAIT_MODEL(faults, 1, 10000) == 0, "the hang did not fire");
	CHECK(netdma_suspend(&fx.ch, NULL) == -ETIMEDOUT, "timeout");
	CHECK(cbdma_model_inject(fx.model, 0, CBDMA_FAULT_NONE, 0, 0) == 0, "release");
	CHECK(fx_collect(1, &st, &last, COLLECT_MS) == 0 && st == RTE_DMA_STATUS_SUCCESSFUL,
			"job done");
	CHECK(dst[63] == 0x42, "copied");
	CHECK(netdma_suspend(&fx.ch, NULL) == 0 && netdma_resume(&fx.ch) == 0, "works again");
	return 0;
}

/* ---- concurrent: data path thread vs control thread ---- */

#define CONC_SLOTS	64
#define CONC_SZ		256

struct conc {
	uint8_t *src, *dst;
	volatile int stop;
	uint64_t jobs, done, aborted, bad;
	int cycles;
};

static void *
dp_thread(void *arg)
{
	struct conc *c = arg;
	enum rte_dma_status_code st[32];
	uint16_t next_idx = 0, last;
	uint64_t outstanding = 0;

	while (!__atomic_load_n(&c->stop, __ATOMIC_ACQUIRE) || outstanding != 0) {
		uint16_t n, i;

		while (!__atomic_load_n(&c->stop, __ATOMIC_ACQUIRE) &&
				outstanding < CONC_SLOTS - 1) {
			unsigned int slot = next_idx % CONC_SLOTS;
			int id;

			memset(c->dst + slot * CONC_SZ, 0, CONC_SZ);
			memset(c->src + slot * CONC_SZ, (uint8_t)(next_idx | 1), CONC_SZ);
			id = netdma_copy(&fx.ch, fx_iova(c->src + slot * CONC_SZ),
					fx_iova(c->dst + slot * CONC_SZ), CONC_SZ, 0);
			if (id < 0)
				break;
			if (id != next_idx)
				c->bad++;
			next_idx++;
			outstanding++;
			c->jobs++;
		}
		netdma_submit(&fx.ch);
		n = netdma_completed_status(&fx.ch, 32, &last, st);
		for (i = 0; i < n; i++) {
			uint16_t idx = (uint16_t)(last - n + 1 + i);
			unsigned int slot = idx % CONC_SLOTS;
			uint8_t *d = c->dst + slot * CONC_SZ;

			if (st[i] == RTE_DMA_STATUS_SUCCESSFUL) {
				if (d[0] != (uint8_t)(idx | 1) || d[CONC_SZ - 1] != (uint8_t)(idx | 1))
					c->bad++;
				c->done++;
			} else if (st[i] == RTE_DMA_STATUS_USER_ABORT) {
				if (d[0] != 0)
					c->bad++;
				c->aborted++;
			} else {
				c->bad++;
			}
		}
		outstanding -= n;
	}
	return NULL;
}

static int
test_concurrent_suspend(void)
{
	struct conc c = { 0 };
	struct netdma_job jobs[CONC_SLOTS];
	pthread_t t;
	int i, cancels = 0, err = 0;

	c.src = fx_alloc(CONC_SLOTS * CONC_SZ, 64);
	c.dst = fx_alloc(CONC_SLOTS * CONC_SZ, 64);
	CHECK(pthread_create(&t, NULL, dp_thread, &c) == 0, "thread");
	for (i = 0; i < 300 && err == 0; i++) {
		int ret = netdma_suspend(&fx.ch, NULL), np;

		if (ret != 0) {
			err = ret;
			break;
		}
		np = netdma_pending(&fx.ch, jobs, CONC_SLOTS);
		if (np > 0 && (i % 3) == 0) {
			if (netdma_cancel(&fx.ch, jobs[np / 2].ring_idx) == 0)
				cancels++;
			else
				err = -1000;
		}
		if (netdma_resume(&fx.ch) != 0)
			err = -2000;
		usleep(100);
	}
	/* the data path drains what it has in flight, then stops */
	__atomic_store_n(&c.stop, 1, __ATOMIC_RELEASE);
	pthread_join(t, NULL);
	CHECK(err == 0, "suspend/cancel/resume failed (%d) at cycle %d", err, i);
	printf("  concurrent: %lu jobs, %lu done, %lu cancelled (%d requested), 300 cycles\n",
			(unsigned long)c.jobs, (unsigned long)c.done, (unsigned long)c.aborted,
			cancels);
	CHECK(c.bad == 0, "%lu bad completions", (unsigned long)c.bad);
	CHECK(c.done + c.aborted == c.jobs, "every job exactly once");
	CHECK(c.aborted == (uint64_t)cancels, "every cancel reported");
	return 0;
}

/*
 * A -> B, then B -> C with RTE_DMA_OP_FLAG_FENCE: C must hold A's bytes.
 * The strict model starts a descriptor's reads before the previous one's
 * writes land unless the previous one carries the fence bit; the job before
 * is either still ours (the bit goes on it) or already handed to the engine
 * (the fenced job is held back until it completed).  The engine waits
 * desc_delay_us before each descriptor, so the second job is handed over
 * before the first runs.
 */
static int
fence_pair(uint8_t *a, uint8_t *b, uint8_t *c, uint32_t len, bool submit_between)
{
	enum rte_dma_status_code st[2];
	uint16_t last;

	memset(a, 0xa5, len);
	memset(b, 0x5b, len);
	memset(c, 0, len);
	CHECK(netdma_copy(&fx.ch, fx_iova(a), fx_iova(b), len, 0) >= 0, "enqueue A -> B");
	if (submit_between)
		netdma_submit(&fx.ch);
	CHECK(netdma_copy(&fx.ch, fx_iova(b), fx_iova(c), len,
			RTE_DMA_OP_FLAG_FENCE | RTE_DMA_OP_FLAG_SUBMIT) >= 0, "enqueue B -> C");
	CHECK(fx_collect(2, st, &last, COLLECT_MS) == 0, "two completions");
	CHECK(st[0] == RTE_DMA_STATUS_SUCCESSFUL && st[1] == RTE_DMA_STATUS_SUCCESSFUL,
			"statuses %d %d", st[0], st[1]);
	CHECK(memcmp(b, a, len) == 0, "B is not A");
	CHECK(c[0] == 0xa5 && memcmp(c, a, len) == 0,
			"C has 0x%02x: B -> C ran before A -> B landed (%s)", c[0],
			submit_between ? "job before already handed over" : "fence bit");
	CHECK(fx_poll_none(50) == 0, "an extra completion");
	return 0;
}

static int
test_fence_order(void)
{
	enum { LEN = 4096 };
	uint8_t *a = fx_alloc(LEN, 64), *b = fx_alloc(LEN, 64), *c = fx_alloc(LEN, 64);
	unsigned int i;

	CHECK(a != NULL && b != NULL && c != NULL, "arena");
	for (i = 0; i < 4; i++) {
		if (fence_pair(a, b, c, LEN, false) != 0 || fence_pair(a, b, c, LEN, true) != 0)
			return -1;
	}
	CHECK(fx.ch.stats.submitted == fx.ch.stats.completed, "submitted %lu, completed %lu",
			(unsigned long)fx.ch.stats.submitted, (unsigned long)fx.ch.stats.completed);
	return 0;
}

static int
setup(const void *arg)
{
	return fx_up(arg);
}

int
main(int argc, char **argv)
{
	const struct th_test cases[] = {
		TH_TEST_ARG("start", test_start, &(struct fx_opts){ 0 }),
		TH_TEST_ARG("copies_wrap", test_copies_wrap, &(struct fx_opts){ 0 }),
		TH_TEST_ARG("fill_and_limits", test_fill_and_limits, &(struct fx_opts){ 0 }),
		TH_TEST_ARG("errors_and_fence", test_errors_and_fence, &(struct fx_opts){ 0 }),
		TH_TEST_ARG("fence_order", test_fence_order,
			&(struct fx_opts){ .desc_delay_us = 2000 }),
		TH_TEST_ARG("suspend_edit_resume_cmd", test_suspend_edit_resume,
			&(struct fx_opts){ .desc_delay_us = 2000, .mode = NETDMA_RESUME_CMD }),
		TH_TEST_ARG("suspend_edit_resume_rearm", test_suspend_edit_resume,
			&(struct fx_opts){ .desc_delay_us = 2000, .mode = NETDMA_RESUME_REARM }),
		TH_TEST_ARG("cancel_many", test_cancel_many,
			&(struct fx_opts){ .desc_delay_us = 2000 }),
		TH_TEST_ARG("suspend_timeout", test_suspend_timeout,
			&(struct fx_opts){ .suspend_timeout_us = 20000 }),
		TH_TEST_ARG("concurrent_suspend_cmd", test_concurrent_suspend,
			&(struct fx_opts){ .mode = NETDMA_RESUME_CMD }),
		TH_TEST_ARG("concurrent_suspend_rearm", test_concurrent_suspend,
			&(struct fx_opts){ .mode = NETDMA_RESUME_REARM }),
	};
	const struct th_opts o = {
		.filter = argc > 1 ? argv[1] : NULL,
		.setup = setup,
		.teardown = fx_down,
	};
	int ret;

	/* One arena from hugetlbfs (IOVA = VA), registered with the model. */
	if (fx_init(ARENA_SIZE) != 0) {
		fprintf(stderr, "cannot allocate the arena\n");
		return 1;
	}
	ret = th_run(cases, RTE_DIM(cases), &o, NULL);
	fx_fini();
	return ret;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * EAL-free tests of the channel engine (lib/netdma) against the device model
 * (lib/cbdma_model) over a flat IOVA arena taken from hugetlbfs.  They run
 * under ThreadSanitizer too (the concurrent suspend test).
 */

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cbdma_model.h"
#include "netdma_ctrl.h"
#include "netdma_fastpath.h"

static int passed, failed;

#define CHECK(cond, ...) do { \
	if (!(cond)) { \
		fprintf(stderr, "  FAIL %s:%d: %s: ", __func__, __LINE__, #cond); \
		fprintf(stderr, __VA_ARGS__); \
		fprintf(stderr, "\n"); \
		return -1; \
	} \
} while (0)

/* ---- fixture: arena, model, channel ---- */

#define ARENA_SIZE	(32u << 20)

static struct netdma_dma_mem arena;
static size_t arena_used;
static struct cbdma_model_flat_mem *fm;
static struct cbdma_model *model;
static struct netdma_chan ch;

static void *
arena_alloc(size_t len, size_t align)
{
	size_t off = (arena_used + align - 1) & ~(align - 1);
	void *p;

	if (off + len > arena.len)
		return NULL;
	arena_used = off + len;
	p = (uint8_t *)arena.va + off;
	memset(p, 0, len);
	return p;
}

static uint64_t
iova_of(const void *p)
{
	return (uint64_t)(uintptr_t)p;	/* arena IOVA = VA */
}

static int
chan_mem_alloc(void *ctx, size_t len, size_t align, struct netdma_dma_mem *out)
{
	void *p = arena_alloc(len, align);

	(void)ctx;
	if (p == NULL)
		return -ENOMEM;
	*out = (struct netdma_dma_mem){ .va = p, .iova = iova_of(p), .len = len };
	return 0;
}

static void
chan_mem_free(void *ctx, struct netdma_dma_mem *mem)
{
	(void)ctx;
	memset(mem, 0, sizeof(*mem));
}

struct setup {
	uint32_t delay_us;
	uint16_t nb_desc;
	bool no_fill;
	enum netdma_resume_mode mode;
	uint32_t suspend_timeout_us;
};

static int
setup(const struct setup *s)
{
	struct cbdma_model_config mc = {
		.nb_channels = 1,
		.engine_cpu = -1,
		.desc_delay_us = s->delay_us,
		.no_fill = s->no_fill,
		.mem = cbdma_model_flat_mem_ops(fm),
		.name = "core-test-eng",
	};
	struct netdma_chan_config cc;
	int ret;

	arena_used = 0;
	ret = cbdma_model_create(&mc, &model);
	if (ret != 0)
		return ret;
	cc = (struct netdma_chan_config){
		.regs = (volatile uint8_t *)cbdma_model_regs(model) + CBDMA_CHAN_OFFSET(0),
		.nb_desc = s->nb_desc ? s->nb_desc : 256,
		.max_xfer = 1u << 20,
		.fill = !s->no_fill,
		.suspend_timeout_us = s->suspend_timeout_us,
		.resume_mode = s->mode,
		.mem = { .alloc = chan_mem_alloc, .free = chan_mem_free },
		.name = "core-test",
	};
	ret = netdma_chan_init(&ch, &cc);
	if (ret != 0)
		return ret;
	return netdma_chan_start(&ch);
}

static void
teardown(void)
{
	netdma_chan_fini(&ch);
	cbdma_model_destroy(model);
	model = NULL;
}

/* Poll completed_status until n jobs are reported; statuses into st. */
static int
collect(uint16_t n, enum rte_dma_status_code *st, uint16_t *last)
{
	uint16_t got = 0;
	uint64_t start = netdma_now_ns();

	while (got < n) {
		got += netdma_completed_status(&ch, n - got, last, st + got);
		if (netdma_now_ns() - start > 5000000000ull)
			return -1;
	}
	return 0;
}

/* ---- tests ---- */

static int
test_start(void)
{
	uint64_t cw = *ch.cw;

	CHECK(cbdma_sts_status(cw) == CBDMA_STS_IDLE, "cw 0x%lx", (unsigned long)cw);
	CHECK(cbdma_sts_addr(cw) == ch.ring_iova, "first null descriptor at ring[0]");
	CHECK(netdma_burst_capacity(&ch) == 255, "capacity %u", netdma_burst_capacity(&ch));
	CHECK(netdma_state(&ch) == CBDMA_STS_IDLE, "state %d", netdma_state(&ch));
	return 0;
}

static int
test_copies_wrap(void)
{
	enum { N = 70000, SZ = 64, BATCH = 32 };
	uint8_t *src = arena_alloc(BATCH * SZ, 64), *dst = arena_alloc(BATCH * SZ, 64);
	enum rte_dma_status_code st[BATCH];
	uint16_t last = 0, expect = 0;
	unsigned int i, j;

	for (i = 0; i < N / BATCH; i++) {
		for (j = 0; j < BATCH * SZ; j++)
			src[j] = (uint8_t)(i * 7 + j);
		for (j = 0; j < BATCH; j++) {
			int id = netdma_copy(&ch, iova_of(src + j * SZ), iova_of(dst + j * SZ), SZ, 0);

			CHECK(id == expect, "ring_idx %d, expected %u", id, expect);
			expect++;
		}
		netdma_submit(&ch);
		CHECK(collect(BATCH, st, &last) == 0, "timeout at batch %u", i);
		CHECK(last == (uint16_t)(expect - 1), "last_idx %u expected %u", last,
				(uint16_t)(expect - 1));
		for (j = 0; j < BATCH; j++)
			CHECK(st[j] == RTE_DMA_STATUS_SUCCESSFUL, "status %d", st[j]);
		CHECK(memcmp(src, dst, BATCH * SZ) == 0, "data mismatch at batch %u", i);
	}
	CHECK(ch.stats.submitted == ch.stats.completed, "stats");
	return 0;
}

static int
test_fill_and_limits(void)
{
	static const uint32_t lens[] = {1, 7, 8, 64, 100, 4096};
	uint64_t pattern = 0x0123456789abcdefull;
	uint8_t *dst = arena_alloc(8192, 64);
	uint16_t last;
	bool err;
	unsigned int i, j;

	for (i = 0; i < RTE_DIM(lens); i++) {
		memset(dst, 0xee, 8192);
		CHECK(netdma_fill(&ch, pattern, iova_of(dst), lens[i], RTE_DMA_OP_FLAG_SUBMIT) >= 0,
				"fill");
		while (netdma_completed(&ch, 1, &last, &err) == 0)
			CHECK(!err, "fill error");
		for (j = 0; j < lens[i]; j++)
			CHECK(dst[j] == ((uint8_t *)&pattern)[j % 8], "fill byte %u", j);
		CHECK(dst[lens[i]] == 0xee, "fill wrote past %u", lens[i]);
	}
	CHECK(netdma_copy(&ch, iova_of(dst), iova_of(dst + 4096), 0, 0) == -EINVAL, "len 0");
	CHECK(netdma_copy(&ch, iova_of(dst), iova_of(dst), (1u << 20) + 1, 0) == -EINVAL,
			"len > XFERCAP");
	/* a full ring: -ENOSPC, capacity exact */
	for (i = 0; i < 255; i++)
		CHECK(netdma_copy(&ch, iova_of(dst), iova_of(dst + 4096), 8, 0) >= 0, "fill ring");
	CHECK(netdma_burst_capacity(&ch) == 0, "capacity 0");
	CHECK(netdma_copy(&ch, iova_of(dst), iova_of(dst + 4096), 8, 0) == -ENOSPC, "full");
	netdma_submit(&ch);
	{
		enum rte_dma_status_code st[255];

		CHECK(collect(255, st, &last) == 0, "drain");
	}
	CHECK(netdma_burst_capacity(&ch) == 255, "capacity back");
	return 0;
}

static int
test_errors_and_fence(void)
{
	enum { N = 12 };
	uint8_t *src = arena_alloc(N * 64, 64), *dst = arena_alloc(N * 64, 64);
	enum rte_dma_status_code st[N];
	uint16_t last, n;
	bool err = false;
	unsigned int i;

	memset(src, 0x5a, N * 64);
	/* job 3 fails (src IOVA 0); job 6 is fenced: 6..11 are not attempted */
	for (i = 0; i < N; i++)
		CHECK(netdma_copy(&ch, i == 3 ? 0 : iova_of(src + i * 64), iova_of(dst + i * 64),
				64, i == 6 ? RTE_DMA_OP_FLAG_FENCE : 0) >= 0, "enqueue");
	netdma_submit(&ch);
	n = 0;
	while (!err)
		n += netdma_completed(&ch, N, &last, &err);
	CHECK(n == 3, "completed before the error: %u", n);
	CHECK(netdma_completed(&ch, N, &last, &err) == 0 && err, "has_error sticks");
	CHECK(collect(N - 3, st, &last) == 0, "statuses");
	CHECK(st[0] == RTE_DMA_STATUS_INVALID_SRC_ADDR, "failed job status %d", st[0]);
	CHECK(st[1] == RTE_DMA_STATUS_SUCCESSFUL && st[2] == RTE_DMA_STATUS_SUCCESSFUL,
			"jobs 4, 5 run");
	for (i = 3; i < N - 3; i++)
		CHECK(st[i] == RTE_DMA_STATUS_NOT_ATTEMPTED, "job %u status %d", i + 3, st[i]);
	for (i = 6; i < N; i++)
		CHECK(dst[i * 64] == 0, "job %u touched its destination", i);
	CHECK(dst[4 * 64] == 0x5a && dst[5 * 64] == 0x5a, "jobs 4, 5 copied");
	CHECK(ch.stats.errors == 7, "errors %lu", (unsigned long)ch.stats.errors);
	/* the channel runs again */
	CHECK(netdma_copy(&ch, iova_of(src), iova_of(dst), 64, RTE_DMA_OP_FLAG_SUBMIT) >= 0, "copy");
	CHECK(collect(1, st, &last) == 0 && st[0] == RTE_DMA_STATUS_SUCCESSFUL, "after");
	return 0;
}

/* Suspend with work pending; cancel one, rewrite one, insert one; resume. */
static int
test_suspend_edit_resume(void)
{
	enum { N = 8 };
	uint8_t *src = arena_alloc(N * 64, 64), *dst = arena_alloc(N * 64, 64);
	uint8_t *ins = arena_alloc(64, 64);
	struct netdma_suspend_info si;
	struct netdma_job jobs[N + 2], j;
	enum rte_dma_status_code st[N];
	uint64_t ticket;
	uint16_t last;
	int i, np, ret;

	memset(src, 0x11, N * 64);
	for (i = 0; i < N; i++)
		CHECK(netdma_copy(&ch, iova_of(src + i * 64), iova_of(dst + i * 64), 64, 0) >= 0, "copy");
	netdma_submit(&ch);
	ret = netdma_suspend(&ch, &si);
	CHECK(ret == 0, "suspend %d", ret);
	CHECK(cbdma_sts_status(si.completion) == CBDMA_STS_SUSPENDED, "SUSPENDED word");
	CHECK(netdma_suspend(&ch, NULL) == -EALREADY, "twice");
	np = netdma_pending(&ch, jobs, N + 2);
	CHECK(np == si.nb_pending && np > 2, "pending %d vs %u", np, si.nb_pending);
	/* cancel the last pending, rewrite the one before into a fill */
	CHECK(netdma_cancel(&ch, jobs[np - 1].ring_idx) == 0, "cancel");
	CHECK(netdma_cancel(&ch, jobs[np - 1].ring_idx) == -EALREADY, "cancel twice");
	j = jobs[np - 2];
	j.op = NETDMA_OP_FILL;
	j.pattern = 0x7777777777777777ull;
	CHECK(netdma_rewrite(&ch, &j) == 0, "rewrite");
	j = (struct netdma_job){ .op = NETDMA_OP_FILL, .pattern = 0x3333333333333333ull,
		.dst = iova_of(ins), .length = 64 };
	CHECK(netdma_insert(&ch, 0, &j, &ticket) == 0, "insert");
	CHECK(netdma_ticket_status(&ch, ticket, &st[0]) == 0, "not yet");
	CHECK(netdma_pending(&ch, jobs, N + 2) == np, "cancel -1, insert +1");
	CHECK(jobs[0].ticket == ticket, "inserted first");
	CHECK(netdma_resume(&ch) == 0, "resume");
	CHECK(collect(N, st, &last) == 0, "collect");
	for (i = 0; i < N - 1; i++)
		CHECK(st[i] == RTE_DMA_STATUS_SUCCESSFUL, "job %d status %d", i, st[i]);
	CHECK(st[N - 1] == RTE_DMA_STATUS_USER_ABORT, "cancelled status %d", st[N - 1]);
	CHECK(dst[(N - 1) * 64] == 0, "cancelled job untouched");
	CHECK(dst[(N - 2) * 64] == 0x77, "rewritten job filled");
	CHECK(dst[0] == 0x11, "others copied");
	CHECK(netdma_ticket_status(&ch, ticket, &st[0]) == 1 &&
			st[0] == RTE_DMA_STATUS_SUCCESSFUL, "ticket done");
	CHECK(ins[63] == 0x33, "inserted job ran");
	CHECK(netdma_resume(&ch) == -EINVAL, "resume when running");
	return 0;
}

/* A hung engine: suspend times out, the channel keeps its jobs. */
static int
test_suspend_timeout(void)
{
	uint8_t *src = arena_alloc(64, 64), *dst = arena_alloc(64, 64);
	enum rte_dma_status_code st;
	uint16_t last;

	memset(src, 0x42, 64);
	CHECK(cbdma_model_inject(model, 0, CBDMA_FAULT_HANG, 0, 0) == 0, "inject");
	CHECK(netdma_copy(&ch, iova_of(src), iova_of(dst), 64, RTE_DMA_OP_FLAG_SUBMIT) >= 0, "copy");
	usleep(2000);
	CHECK(netdma_suspend(&ch, NULL) == -ETIMEDOUT, "timeout");
	CHECK(cbdma_model_inject(model, 0, CBDMA_FAULT_NONE, 0, 0) == 0, "release");
	CHECK(collect(1, &st, &last) == 0 && st == RTE_DMA_STATUS_SUCCESSFUL, "job done");
	CHECK(dst[63] == 0x42, "copied");
	CHECK(netdma_suspend(&ch, NULL) == 0 && netdma_resume(&ch) == 0, "works again");
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
			id = netdma_copy(&ch, iova_of(c->src + slot * CONC_SZ),
					iova_of(c->dst + slot * CONC_SZ), CONC_SZ, 0);
			if (id < 0)
				break;
			if (id != next_idx)
				c->bad++;
			next_idx++;
			outstanding++;
			c->jobs++;
		}
		netdma_submit(&ch);
		n = netdma_completed_status(&ch, 32, &last, st);
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

	c.src = arena_alloc(CONC_SLOTS * CONC_SZ, 64);
	c.dst = arena_alloc(CONC_SLOTS * CONC_SZ, 64);
	CHECK(pthread_create(&t, NULL, dp_thread, &c) == 0, "thread");
	for (i = 0; i < 300 && err == 0; i++) {
		int ret = netdma_suspend(&ch, NULL), np;

		if (ret != 0) {
			err = ret;
			break;
		}
		np = netdma_pending(&ch, jobs, CONC_SLOTS);
		if (np > 0 && (i % 3) == 0) {
			if (netdma_cancel(&ch, jobs[np / 2].ring_idx) == 0)
				cancels++;
			else
				err = -1000;
		}
		if (netdma_resume(&ch) != 0)
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

struct test_case {
	const char *name;
	int (*fn)(void);
	struct setup s;
};

int
main(int argc, char **argv)
{
	struct netdma_mem_ops hm = netdma_hugetlbfs_mem_ops;
	const struct test_case cases[] = {
		{ "start", test_start, { 0 } },
		{ "copies_wrap", test_copies_wrap, { 0 } },
		{ "fill_and_limits", test_fill_and_limits, { 0 } },
		{ "errors_and_fence", test_errors_and_fence, { 0 } },
		{ "suspend_edit_resume_cmd", test_suspend_edit_resume,
			{ .delay_us = 2000, .mode = NETDMA_RESUME_CMD } },
		{ "suspend_edit_resume_rearm", test_suspend_edit_resume,
			{ .delay_us = 2000, .mode = NETDMA_RESUME_REARM } },
		{ "suspend_timeout", test_suspend_timeout, { .suspend_timeout_us = 20000 } },
		{ "concurrent_suspend_cmd", test_concurrent_suspend, { .mode = NETDMA_RESUME_CMD } },
		{ "concurrent_suspend_rearm", test_concurrent_suspend,
			{ .mode = NETDMA_RESUME_REARM } },
	};
	unsigned int i;

	/* One arena from hugetlbfs (IOVA = VA), registered with the model. */
	if (hm.alloc(NULL, ARENA_SIZE, 4096, &arena) != 0) {
		fprintf(stderr, "cannot allocate the arena\n");
		return 1;
	}
	fm = cbdma_model_flat_mem_create();
	cbdma_model_flat_mem_add(fm, arena.iova, arena.va, arena.len);
	for (i = 0; i < RTE_DIM(cases); i++) {
		int ret;

		if (argc > 1 && strstr(cases[i].name, argv[1]) == NULL)
			continue;
		ret = setup(&cases[i].s);

		if (ret != 0) {
			printf("FAIL %s: setup %d\n", cases[i].name, ret);
			failed++;
			teardown();
			continue;
		}
		ret = cases[i].fn();
		teardown();
		printf("%s %s\n", ret == 0 ? "ok  " : "FAIL", cases[i].name);
		ret == 0 ? passed++ : failed++;
	}
	cbdma_model_flat_mem_destroy(fm);
	hm.free(NULL, &arena);
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}

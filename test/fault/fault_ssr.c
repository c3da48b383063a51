/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * Faults combined with suspend/splice/resume: in a rewritten job, in an
 * inserted job, a halt just before or during a suspend, and edits on a
 * channel that has just recovered.  Each runs under both resume strategies.
 */

#include <errno.h>
#include <string.h>

#include "fault_tests.h"

static const enum netdma_resume_mode modes[] = { NETDMA_RESUME_CMD, NETDMA_RESUME_REARM };
static const char *const mode_names[] = { "cmd", "rearm" };

/* Run one case in both resume modes; the first failure names its mode. */
static int
in_both_modes(int (*one)(enum netdma_resume_mode mode))
{
	unsigned int m;

	for (m = 0; m < 2; m++)
		if (one(modes[m]) != 0) {
			fprintf(stderr, "  (resume=%s)\n", mode_names[m]);
			return -1;
		}
	return 0;
}

static unsigned int
job_of(const struct fjobs *b, uint16_t ring_idx)
{
	return (uint16_t)(ring_idx - b->idx0);
}

/* Poll a ticket until it is done; its status, or -1. */
static int
ticket_wait(uint64_t t, enum rte_dma_status_code *st)
{
	uint64_t end = th_now_ns() + 10000000000ull;
	int ret;

	while ((ret = netdma_ticket_status(&fx.ch, t, st)) == 0 && th_now_ns() < end) {
		fx_poll_none(1);
		th_sleep_us(100);
	}
	return ret == 1 ? 0 : -1;
}

static int
check_fill(const uint8_t *d, uint32_t len, uint64_t pattern, uint32_t total)
{
	uint32_t k;

	for (k = 0; k < len; k++)
		CHECK(d[k] == ((const uint8_t *)&pattern)[k % 8], "fill byte %u is 0x%x", k, d[k]);
	for (; k < total; k++)
		CHECK(d[k] == FJ_CANARY, "byte %u past the job is 0x%x", k, d[k]);
	return 0;
}

static int
rewritten_one(enum netdma_resume_mode mode)
{
	enum { N = 24 };
	const uint64_t pat = 0x5a5a5a5a01020304ull;
	struct netdma_job jobs[N], j;
	struct fjobs b;
	unsigned int jr, jf;
	int np;

	CHECK(fx_up(&(struct fx_opts){ .desc_delay_us = 5000, .mode = mode }) == 0, "setup");
	CHECK(fj_init(&b, N, 256) == 0, "arena");
	if (fj_enqueue(&b, 0, N, true) != 0)
		return -1;
	CHECK(netdma_suspend(&fx.ch, NULL) == 0, "suspend");
	np = netdma_pending(&fx.ch, jobs, N);
	CHECK(np >= 6, "only %d jobs pending", np);
	/* pending[1] becomes a fill that fails; pending[3] gets a fence */
	jr = job_of(&b, jobs[1].ring_idx);
	j = jobs[1];
	j.op = NETDMA_OP_FILL;
	j.pattern = pat;
	CHECK(netdma_rewrite(&fx.ch, &j) == 0, "rewrite");
	b.j[jr].content = FJ_FILL;
	b.j[jr].pattern = pat;
	CHECK(cbdma_model_inject(fx.model, 0, CBDMA_FAULT_DEST_ADDR,
			fx_job_iova(jobs[1].ring_idx), 0) == 0, "inject");
	jf = job_of(&b, jobs[3].ring_idx);
	j = jobs[3];
	j.flags = RTE_DMA_OP_FLAG_FENCE;
	CHECK(netdma_rewrite(&fx.ch, &j) == 0, "rewrite with a fence");
	b.j[jf].flags = RTE_DMA_OP_FLAG_FENCE;
	fj_expect_failure(&b, jr, RTE_DMA_STATUS_INVALID_DST_ADDR, false, N);
	CHECK(netdma_resume(&fx.ch) == 0, "resume");
	if (fj_collect(&b, 0, N) != 0 || fj_verify(&b) != 0)
		return -1;
	CHECK(fx.ch.stats_recoveries == 1, "recoveries %lu", (unsigned long)fx.ch.stats_recoveries);
	if (fault_followup(8) != 0)
		return -1;

	/* a rewrite that is itself bad: destination IOVA 0 */
	CHECK(fj_init(&b, 12, 128) == 0, "arena");
	if (fj_enqueue(&b, 0, 12, true) != 0)
		return -1;
	CHECK(netdma_suspend(&fx.ch, NULL) == 0, "suspend");
	np = netdma_pending(&fx.ch, jobs, 12);
	CHECK(np >= 2, "only %d jobs pending", np);
	j = jobs[0];
	j.dst = 0;
	CHECK(netdma_rewrite(&fx.ch, &j) == 0, "rewrite to a bad destination");
	fj_expect_failure(&b, job_of(&b, jobs[0].ring_idx), RTE_DMA_STATUS_INVALID_DST_ADDR,
			false, 12);
	CHECK(netdma_resume(&fx.ch) == 0, "resume");
	if (fj_collect(&b, 0, 12) != 0 || fj_verify(&b) != 0)
		return -1;
	return fault_followup(8);
}

int
test_fault_rewritten(void)
{
	return in_both_modes(rewritten_one);
}

/*
 * Inserted jobs A (first), B (third, fails) and C (last).  With `fence`, the
 * ring job right after B carries a fence: a failed inserted job fences later
 * jobs as a data-path one does, so it and everything after it, C included,
 * are not attempted.  Without, only B fails.
 */
static int
inserted_one(enum netdma_resume_mode mode, bool fence)
{
	enum { N = 16, L = 256 };
	const uint64_t pa = 0x1111111122222222ull, pc = 0x3333333344444444ull;
	struct netdma_job jobs[N + 4], j;
	enum rte_dma_status_code st;
	uint8_t *ia, *ib_src, *ib, *ic;
	uint64_t ta, tb, tc, tbad;
	struct fjobs b;
	unsigned int k;
	int np;

	CHECK(fx_up(&(struct fx_opts){ .desc_delay_us = 5000, .mode = mode }) == 0, "setup");
	CHECK(fj_init(&b, N, L) == 0, "arena");
	ia = fx_alloc(L, 64);
	ib_src = fx_alloc(L, 64);
	ib = fx_alloc(L, 64);
	ic = fx_alloc(L, 64);
	CHECK(ia && ib_src && ib && ic, "arena");
	memset(ia, FJ_CANARY, L);
	memset(ib, FJ_CANARY, L);
	memset(ic, FJ_CANARY, L);
	for (k = 0; k < L; k++)
		ib_src[k] = (uint8_t)(k ^ 0x5a);
	if (fj_enqueue(&b, 0, N, true) != 0)
		return -1;
	CHECK(netdma_suspend(&fx.ch, NULL) == 0, "suspend");
	np = netdma_pending(&fx.ch, jobs, N);
	CHECK(np >= 4, "only %d jobs pending", np);

	j = (struct netdma_job){ .op = NETDMA_OP_FILL, .pattern = pa, .dst = fx_iova(ia),
		.length = L };
	CHECK(netdma_insert(&fx.ch, 0, &j, &ta) == 0, "insert A");
	j = (struct netdma_job){ .op = NETDMA_OP_COPY, .src = fx_iova(ib_src), .dst = fx_iova(ib),
		.length = L };
	CHECK(netdma_insert(&fx.ch, 2, &j, &tb) == 0, "insert B");
	j = (struct netdma_job){ .op = NETDMA_OP_FILL, .pattern = pc, .dst = fx_iova(ic),
		.length = L / 2 };
	CHECK(netdma_insert(&fx.ch, (uint16_t)(np + 2), &j, &tc) == 0, "insert C");
	CHECK(cbdma_model_inject(fx.model, 0, CBDMA_FAULT_READ_DATA, fx_ticket_iova(tb), 0) == 0,
			"inject");
	CHECK(netdma_pending(&fx.ch, jobs, N + 4) == np + 3, "pending +3");
	CHECK(jobs[0].ticket == ta && jobs[2].ticket == tb && jobs[np + 2].ticket == tc,
			"inserted where asked");
	if (fence) {
		j = jobs[3];
		j.flags = RTE_DMA_OP_FLAG_FENCE;
		CHECK(j.ticket == 0 && netdma_rewrite(&fx.ch, &j) == 0, "fence on a ring job");
		k = job_of(&b, j.ring_idx);
		b.j[k].flags = RTE_DMA_OP_FLAG_FENCE;
		for (; k < N; k++) {
			b.j[k].want = RTE_DMA_STATUS_NOT_ATTEMPTED;
			b.j[k].content = FJ_NONE;
		}
	}
	CHECK(netdma_ticket_status(&fx.ch, tb, &st) == 0, "B not done yet");
	CHECK(netdma_resume(&fx.ch) == 0, "resume");

	if (fj_collect(&b, 0, N) != 0 || fj_verify(&b) != 0)
		return -1;
	CHECK(ticket_wait(ta, &st) == 0 && st == RTE_DMA_STATUS_SUCCESSFUL, "A: %d", st);
	CHECK(ticket_wait(tb, &st) == 0 && st == RTE_DMA_STATUS_BUS_READ_ERROR, "B: %d", st);
	CHECK(ticket_wait(tc, &st) == 0 && st == (fence ? RTE_DMA_STATUS_NOT_ATTEMPTED :
			RTE_DMA_STATUS_SUCCESSFUL), "C: %d", st);
	if (check_fill(ia, L, pa, L) != 0 || check_fill(ic, fence ? 0 : L / 2, pc, L) != 0)
		return -1;
	for (k = 0; k < L; k++)
		CHECK(ib[k] == FJ_CANARY, "failed inserted job wrote byte %u", k);
	CHECK(fence || fx.ch.stats.errors == 0, "data-path errors %lu",
			(unsigned long)fx.ch.stats.errors);
	CHECK(fx.ch.stats_recoveries == 1, "recoveries %lu", (unsigned long)fx.ch.stats_recoveries);
	if (fault_followup(8) != 0)
		return -1;

	/* an inserted job with an unmapped source, first in line */
	CHECK(fj_init(&b, 10, 128) == 0, "arena");
	if (fj_enqueue(&b, 0, 10, true) != 0)
		return -1;
	CHECK(netdma_suspend(&fx.ch, NULL) == 0, "suspend");
	j = (struct netdma_job){ .op = NETDMA_OP_COPY, .src = 0x40, .dst = fx_iova(ib),
		.length = 64 };
	CHECK(netdma_insert(&fx.ch, 0, &j, &tbad) == 0, "insert");
	CHECK(netdma_resume(&fx.ch) == 0, "resume");
	if (fj_collect(&b, 0, 10) != 0 || fj_verify(&b) != 0)
		return -1;
	CHECK(ticket_wait(tbad, &st) == 0 && st == RTE_DMA_STATUS_INVALID_SRC_ADDR,
			"bad insert: %d", st);
	if (fault_followup(8) != 0)
		return -1;

	/* a bad completion address on the ring job right after an inserted one:
	 * the halt is found through CHANSTS, which names the inserted job */
	CHECK(fj_init(&b, 10, 128) == 0, "arena");
	if (fj_enqueue(&b, 0, 10, true) != 0)
		return -1;
	CHECK(netdma_suspend(&fx.ch, NULL) == 0, "suspend");
	np = netdma_pending(&fx.ch, jobs, 10);
	CHECK(np >= 3, "only %d pending", np);
	j = (struct netdma_job){ .op = NETDMA_OP_FILL, .pattern = pa, .dst = fx_iova(ia),
		.length = 64 };
	CHECK(netdma_insert(&fx.ch, 1, &j, &ta) == 0, "insert");
	CHECK(cbdma_model_inject(fx.model, 0, CBDMA_FAULT_COMPLETION_ADDR,
			fx_job_iova(jobs[1].ring_idx), 0) == 0, "inject");
	fj_expect_failure(&b, job_of(&b, jobs[1].ring_idx), RTE_DMA_STATUS_INVALID_ADDR, false, 10);
	CHECK(netdma_resume(&fx.ch) == 0, "resume");
	if (fj_collect(&b, 0, 10) != 0 || fj_verify(&b) != 0)
		return -1;
	CHECK(ticket_wait(ta, &st) == 0 && st == RTE_DMA_STATUS_SUCCESSFUL, "insert: %d", st);
	if (fault_followup(8) != 0)
		return -1;

	/* the same for the last job of the chain, an inserted one: no ring job
	 * is outstanding, the halt must still be found */
	CHECK(netdma_suspend(&fx.ch, NULL) == 0, "suspend an idle channel");
	j = (struct netdma_job){ .op = NETDMA_OP_FILL, .pattern = pa, .dst = fx_iova(ia),
		.length = 64 };
	CHECK(netdma_insert(&fx.ch, 0, &j, &ta) == 0, "insert");
	CHECK(cbdma_model_inject(fx.model, 0, CBDMA_FAULT_COMPLETION_ADDR, fx_ticket_iova(ta), 0)
			== 0, "inject");
	CHECK(netdma_resume(&fx.ch) == 0, "resume");
	CHECK(ticket_wait(ta, &st) == 0 && st == RTE_DMA_STATUS_INVALID_ADDR, "last insert: %d", st);
	return fault_followup(8);
}

int
test_fault_inserted(void)
{
	unsigned int m;

	for (m = 0; m < 4; m++)
		if (inserted_one(modes[m % 2], m >= 2) != 0) {
			fprintf(stderr, "  (resume=%s%s)\n", mode_names[m % 2], m >= 2 ? ", fence" : "");
			return -1;
		}
	return 0;
}

/* The engine halted and the data path has not seen it yet: suspend says -EIO. */
int
test_halt_before_suspend(void)
{
	enum { N = 6 };
	struct fjobs b;
	int ret;

	CHECK(fx_up(NULL) == 0, "setup");
	CHECK(fj_init(&b, N, 256) == 0, "arena");
	fj_expect_failure(&b, 2, RTE_DMA_STATUS_INVALID_SRC_ADDR, false, N);
	CHECK(cbdma_model_inject(fx.model, 0, CBDMA_FAULT_SRC_ADDR,
			fx_job_iova((uint16_t)(fx_next_idx() + 2)), 0) == 0, "inject");
	if (fj_enqueue(&b, 0, N, true) != 0)
		return -1;
	CHECK(FX_WAIT_MODEL(errors, 1, 5000) == 0 && fx_wait_state(CBDMA_STS_HALTED, 1000) == 0,
			"no halt");
	ret = netdma_suspend(&fx.ch, NULL);
	CHECK(ret == -EIO, "suspend of a halted channel: %d", ret);
	CHECK(netdma_resume(&fx.ch) == -EINVAL, "not suspended");
	CHECK(netdma_pending(&fx.ch, NULL, 0) == -EINVAL, "pending while not suspended");
	ret = netdma_suspend(&fx.ch, NULL);
	CHECK(ret == -EIO, "again: %d", ret);
	if (fj_collect(&b, 0, N) != 0 || fj_verify(&b) != 0)
		return -1;
	CHECK(netdma_suspend(&fx.ch, NULL) == 0 && netdma_resume(&fx.ch) == 0, "after recovery");
	return fault_followup(16);
}

static int
while_suspending_one(enum netdma_resume_mode mode, int *path)
{
	enum { N = 4 };
	struct netdma_job jobs[N];
	struct fjobs b;
	int ret, np;

	CHECK(fx_up(&(struct fx_opts){ .desc_delay_us = 50000, .mode = mode }) == 0, "setup");
	CHECK(fj_init(&b, N, 256) == 0, "arena");
	fj_expect_failure(&b, 1, RTE_DMA_STATUS_INVALID_DST_ADDR, false, N);
	CHECK(cbdma_model_inject(fx.model, 0, CBDMA_FAULT_DEST_ADDR,
			fx_job_iova((uint16_t)(fx_next_idx() + 1)), 0) == 0, "inject");
	if (fj_enqueue(&b, 0, N, true) != 0 || fj_collect(&b, 0, 1) != 0)
		return -1;
	/* the engine now waits before job 1, which will fail: suspend meets the halt */
	th_sleep_us(10000);
	ret = netdma_suspend(&fx.ch, NULL);
	CHECK(ret == -EIO || ret == 0, "suspend: %d", ret);
	if (ret == 0) {
		/* the suspension came first: job 1 is still pending and fails later */
		np = netdma_pending(&fx.ch, jobs, N);
		/* on a loaded machine the engine may have moved on (and the
		 * halt been recovered) before the suspension: fewer pending */
		CHECK(np >= 0 && np <= N - 1, "pending %d", np);
		if (np == N - 1)
			CHECK(jobs[0].ring_idx == (uint16_t)(b.idx0 + 1), "first pending %u",
					jobs[0].ring_idx);
		CHECK(netdma_resume(&fx.ch) == 0, "resume");
	}
	*path = ret;
	if (fj_collect(&b, 1, N) != 0 || fj_verify(&b) != 0)
		return -1;
	CHECK(netdma_suspend(&fx.ch, NULL) == 0 && netdma_resume(&fx.ch) == 0, "after recovery");
	return fault_followup(4);
}

int
test_fault_while_suspending(void)
{
	unsigned int m;
	int path[2] = { 0, 0 };

	for (m = 0; m < 2; m++)
		if (while_suspending_one(modes[m], &path[m]) != 0) {
			fprintf(stderr, "  (resume=%s)\n", mode_names[m]);
			return -1;
		}
	printf("  halt during suspend: cmd %s, rearm %s\n",
			path[0] ? "-EIO" : "suspended first", path[1] ? "-EIO" : "suspended first");
	return 0;
}

static int
edit_after_recovery_one(enum netdma_resume_mode mode)
{
	enum { N = 20 };
	const uint64_t pat = 0x0f0e0d0c0b0a0908ull;
	struct netdma_job jobs[N + 1], j;
	enum rte_dma_status_code st;
	struct fjobs b;
	uint8_t *ins;
	uint64_t t;
	unsigned int k;
	int np;

	CHECK(fx_up(&(struct fx_opts){ .desc_delay_us = 3000, .mode = mode }) == 0, "setup");
	CHECK(fj_init(&b, N, 256) == 0, "arena");
	ins = fx_alloc(64, 64);
	CHECK(ins != NULL, "arena");
	memset(ins, FJ_CANARY, 64);
	fj_expect_failure(&b, 1, RTE_DMA_STATUS_INVALID_SRC_ADDR, false, N);
	CHECK(cbdma_model_inject(fx.model, 0, CBDMA_FAULT_SRC_ADDR,
			fx_job_iova((uint16_t)(fx_next_idx() + 1)), 0) == 0, "inject");
	if (fj_enqueue(&b, 0, N, true) != 0 || fj_collect(&b, 0, 2) != 0)
		return -1;
	CHECK(fx.ch.stats_recoveries == 1, "recovered");
	/* right after the re-arm: the engine may not have run anything yet */
	CHECK(netdma_suspend(&fx.ch, NULL) == 0, "suspend after recovery");
	np = netdma_pending(&fx.ch, jobs, N);
	CHECK(np >= 4, "only %d pending", np);
	CHECK(netdma_cancel(&fx.ch, jobs[1].ring_idx) == 0, "cancel");
	k = job_of(&b, jobs[1].ring_idx);
	b.j[k].want = RTE_DMA_STATUS_USER_ABORT;
	b.j[k].content = FJ_NONE;
	j = jobs[2];
	j.op = NETDMA_OP_FILL;
	j.pattern = pat;
	CHECK(netdma_rewrite(&fx.ch, &j) == 0, "rewrite");
	k = job_of(&b, jobs[2].ring_idx);
	b.j[k].content = FJ_FILL;
	b.j[k].pattern = pat;
	j = (struct netdma_job){ .op = NETDMA_OP_FILL, .pattern = pat, .dst = fx_iova(ins),
		.length = 64 };
	CHECK(netdma_insert(&fx.ch, 0, &j, &t) == 0, "insert at the head");
	CHECK(netdma_resume(&fx.ch) == 0, "resume");
	if (fj_collect(&b, 2, N) != 0 || fj_verify(&b) != 0)
		return -1;
	CHECK(ticket_wait(t, &st) == 0 && st == RTE_DMA_STATUS_SUCCESSFUL, "ticket %d", st);
	if (check_fill(ins, 64, pat, 64) != 0)
		return -1;
	return fault_followup(16);
}

int
test_edit_after_recovery(void)
{
	return in_both_modes(edit_after_recovery_one);
}

/*
 * A suspend right after a re-arm resume, over and over, while jobs run:
 * the engine must never run a descriptor the driver believes suspended,
 * so it executes each descriptor exactly once (model counter) and every
 * job completes once with its bytes.
 */
int
test_resume_suspend_race(void)
{
	enum { N = 200, ROUNDS = 6 };
	struct cbdma_model_stats ms;
	struct fjobs b;
	uint64_t execs = 1, cycles = 0;	/* the start's null descriptor */
	unsigned int r;
	int ret;

	CHECK(fx_up(&(struct fx_opts){ .nb_desc = 256, .desc_delay_us = 100,
			.mode = NETDMA_RESUME_REARM, .idle_sleep_max_us = 1 }) == 0, "setup");
	for (r = 0; r < ROUNDS; r++) {
		CHECK(fj_init(&b, N, 64) == 0, "arena");
		if (fj_enqueue(&b, 0, N, true) != 0)
			return -1;
		while (fx.ch.stats.completed < execs - 1 + N) {
			uint16_t last;
			enum rte_dma_status_code st[N];
			uint16_t got = netdma_completed_status(&fx.ch, N, &last, st);
			uint16_t k;

			for (k = 0; k < got; k++)
				b.j[(uint16_t)(last - got + 1 + k - b.idx0)].got = st[k];
			ret = netdma_suspend(&fx.ch, NULL);
			CHECK(ret == 0, "suspend at cycle %lu: %d", (unsigned long)cycles, ret);
			ret = netdma_resume(&fx.ch);
			CHECK(ret == 0, "resume at cycle %lu: %d", (unsigned long)cycles, ret);
			cycles++;
		}
		if (fj_verify(&b) != 0)
			return -1;
		execs += N;
	}
	CHECK(fx_poll_none(100) == 0, "extra completions");
	ms = fx_model_stats();
	printf("  %lu suspend/resume cycles, %lu descriptors executed for %lu\n",
			(unsigned long)cycles, (unsigned long)ms.descs, (unsigned long)execs);
	CHECK(ms.descs == execs, "the engine executed %lu descriptors for %lu",
			(unsigned long)ms.descs, (unsigned long)execs);
	return 0;
}

/* Wait (bounded) until CHANSTS reads `state`. */
static int
wait_state(int state)
{
	uint64_t end = th_now_ns() + 10000000000ull;

	while (netdma_state(&fx.ch) != state)
		if (th_now_ns() > end)
			return -1;
		else
			th_sleep_us(50);
	return 0;
}

/*
 * A suspend that reaches the engine before it ran anything of the chain a
 * resume gave it (on a loaded machine it may get no CPU in between; HOLD
 * plays that).  In re-arm mode the channel is ARMED then: CHANSTS names no
 * descriptor, and silicon may refuse SUSPEND there.  The driver writes no
 * SUSPEND to it: it waits for the first descriptor to complete (here: times
 * out, nothing lost, no command written), and once the engine runs, suspends
 * and reports the last descriptor processed.  In cmd mode the channel is
 * ACTIVE and suspends at once, reporting the same descriptor as before.
 */
static int
suspend_armed_one(enum netdma_resume_mode mode)
{
	enum { N = 16 };
	struct netdma_suspend_info si, si2;
	struct netdma_job jobs[N], again[N];
	struct cbdma_model_stats m0;
	struct fjobs b;
	int np, ret;

	CHECK(fx_up(&(struct fx_opts){ .desc_delay_us = 2000, .mode = mode,
			.suspend_timeout_us = 100000 }) == 0, "setup");
	CHECK(fj_init(&b, N, 256) == 0, "arena");
	if (fj_enqueue(&b, 0, N, true) != 0)
		return -1;
	CHECK(netdma_suspend(&fx.ch, &si) == 0, "suspend");
	np = netdma_pending(&fx.ch, jobs, N);
	CHECK(np >= 4, "only %d jobs pending", np);
	CHECK(si.last_desc == fx_job_iova((uint16_t)(jobs[0].ring_idx - 1)),
			"last_desc 0x%lx", (unsigned long)si.last_desc);
	CHECK(cbdma_model_inject(fx.model, 0, CBDMA_FAULT_HOLD, 0, 0) == 0, "hold");
	CHECK(netdma_resume(&fx.ch) == 0, "resume");
	CHECK(wait_state(mode == NETDMA_RESUME_REARM ? CBDMA_STS_ARMED : CBDMA_STS_ACTIVE) == 0,
			"state %d after resume", netdma_state(&fx.ch));

	m0 = fx_model_stats();
	ret = netdma_suspend(&fx.ch, &si2);
	if (mode == NETDMA_RESUME_REARM) {
		CHECK(ret == -ETIMEDOUT, "suspend of an ARMED channel that runs nothing: %d", ret);
		CHECK(fx_model_stats().cmds == m0.cmds, "a command was written to an ARMED channel");
		CHECK(netdma_state(&fx.ch) == CBDMA_STS_ARMED, "state %d", netdma_state(&fx.ch));
	} else {
		CHECK(ret == 0, "second suspend: %d", ret);
		CHECK(si2.last_desc == si.last_desc, "last_desc 0x%lx, was 0x%lx",
				(unsigned long)si2.last_desc, (unsigned long)si.last_desc);
		CHECK(si2.nb_pending == np, "%u pending, was %d", si2.nb_pending, np);
		CHECK(netdma_resume(&fx.ch) == 0, "resume");
	}

	/* the engine runs again: suspend lands after a descriptor it ran */
	CHECK(cbdma_model_inject(fx.model, 0, CBDMA_FAULT_NONE, 0, 0) == 0, "release");
	CHECK(netdma_suspend(&fx.ch, &si2) == 0, "suspend once running");
	np = netdma_pending(&fx.ch, again, N);
	CHECK(np >= 0, "pending: %d", np);
	if (np > 0)
		CHECK(si2.last_desc == fx_job_iova((uint16_t)(again[0].ring_idx - 1)),
				"last_desc 0x%lx", (unsigned long)si2.last_desc);
	CHECK(si2.last_desc != 0 && si2.completion == (CBDMA_STS_SUSPENDED | si2.last_desc),
			"completion 0x%lx", (unsigned long)si2.completion);
	CHECK(netdma_resume(&fx.ch) == 0, "last resume");
	if (fj_collect(&b, 0, N) != 0 || fj_verify(&b) != 0)
		return -1;
	return fault_followup(8);
}

int
test_suspend_armed(void)
{
	return in_both_modes(suspend_armed_one);
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * Error faults on the data path: each CHANERR cause the model can raise,
 * where it lands in a batch, the fence rule around it, and the channel
 * running again afterwards with every job reported exactly once.
 */

#include <string.h>

#include "fault_tests.h"

static const enum cbdma_model_fault error_kinds[] = {
	CBDMA_FAULT_SRC_ADDR, CBDMA_FAULT_DEST_ADDR, CBDMA_FAULT_NEXT_ADDR,
	CBDMA_FAULT_DESC_ALIGN, CBDMA_FAULT_LENGTH, CBDMA_FAULT_READ_DATA,
	CBDMA_FAULT_WRITE_DATA, CBDMA_FAULT_COMPLETION_ADDR,
};

int
fault_followup(unsigned int n)
{
	struct fjobs b;

	/* in batches that fit the ring */
	while (n > 0) {
		unsigned int k = n < fx.ch.mask / 2u ? n : fx.ch.mask / 2u;

		CHECK(fj_init(&b, k, 128) == 0, "arena");
		if (fj_enqueue(&b, 0, k, true) != 0 || fj_collect(&b, 0, k) != 0 ||
				fj_verify(&b) != 0)
			return -1;
		n -= k;
	}
	CHECK(fx_poll_none(300) == 0, "a job was reported twice");
	CHECK(netdma_burst_capacity(&fx.ch) == fx.ch.mask, "capacity %u of %u",
			netdma_burst_capacity(&fx.ch), fx.ch.mask);
	CHECK(fx.ch.stats.submitted == fx.ch.stats.completed, "submitted %lu, reported %lu",
			(unsigned long)fx.ch.stats.submitted, (unsigned long)fx.ch.stats.completed);
	CHECK(fx.ch.broken == 0, "channel broken");
	CHECK(netdma_chan_vchan_status(&fx.ch) == 0, "vchan not idle");
	return 0;
}

static unsigned int
count_not_ok(const struct fjobs *b)
{
	unsigned int i, n = 0;

	for (i = 0; i < b->n; i++)
		n += b->j[i].want != RTE_DMA_STATUS_SUCCESSFUL;
	return n;
}

/* One error fault at job `at` of 12 (jobs 6 and 9 fenced). */
static int
one_error(enum cbdma_model_fault f, unsigned int at, bool use_completed)
{
	enum { N = 12 };
	struct fjobs b;
	struct cbdma_model_stats ms;
	unsigned int done = 0;
	bool err = false;
	uint16_t last;

	CHECK(fx_up(NULL) == 0, "setup");
	CHECK(fj_init(&b, N, 256) == 0, "arena");
	b.j[6].flags = RTE_DMA_OP_FLAG_FENCE;
	b.j[9].flags = RTE_DMA_OP_FLAG_FENCE;
	fj_expect_failure(&b, at, fj_fault_status(f), f == CBDMA_FAULT_WRITE_DATA, N);
	CHECK(cbdma_model_inject(fx.model, 0, f, fx_job_iova((uint16_t)(fx_next_idx() + at)),
			0) == 0, "inject");
	if (fj_enqueue(&b, 0, N, true) != 0)
		return -1;
	if (use_completed) {
		/* completed(): the jobs before the failed one, then has_error */
		uint64_t end = th_now_ns() + 10000000000ull;

		while (!err && th_now_ns() < end)
			done += netdma_completed(&fx.ch, N, &last, &err);
		CHECK(err && done == at, "%u reported before the error (expected %u)", done, at);
		CHECK(netdma_completed(&fx.ch, N, &last, &err) == 0 && err,
				"has_error again at the failed job");
		while (done > 0)
			b.j[--done].got = RTE_DMA_STATUS_SUCCESSFUL;
		if (fj_collect(&b, at, N) != 0)
			return -1;
	} else if (fj_collect(&b, 0, N) != 0) {
		return -1;
	}
	if (fj_verify(&b) != 0)
		return -1;
	ms = fx_model_stats();
	CHECK(ms.faults == 1 && ms.errors == 1, "model: %lu faults, %lu errors",
			(unsigned long)ms.faults, (unsigned long)ms.errors);
	CHECK(fx.ch.stats.errors == count_not_ok(&b), "stats.errors %lu, expected %u",
			(unsigned long)fx.ch.stats.errors, count_not_ok(&b));
	CHECK(fx.ch.stats_recoveries == 1, "%lu recoveries", (unsigned long)fx.ch.stats_recoveries);
	CHECK(cbdma_read32(fx.ch.regs, CBDMA_CHAN_ERR) == 0, "CHANERR 0x%x left after recovery",
			cbdma_read32(fx.ch.regs, CBDMA_CHAN_ERR));
	return fault_followup(40);
}

int
test_error_faults(void)
{
	static const unsigned int where[] = { 0, 3, 6, 11 };
	unsigned int i, w;

	for (i = 0; i < sizeof(error_kinds) / sizeof(error_kinds[0]); i++)
		for (w = 0; w < sizeof(where) / sizeof(where[0]); w++)
			if (one_error(error_kinds[i], where[w], (i + w) % 2 == 0) != 0) {
				fprintf(stderr, "  (fault %s at job %u)\n",
						fj_fault_name(error_kinds[i]), where[w]);
				return -1;
			}
	return 0;
}

/* Run a batch with one fault at job `at` and the given fences. */
static int
fence_case(unsigned int n, unsigned int at, const unsigned int *fences, unsigned int nf)
{
	struct fjobs b;
	unsigned int i;

	CHECK(fj_init(&b, n, 64) == 0, "arena");
	for (i = 0; i < nf; i++)
		b.j[fences[i]].flags = RTE_DMA_OP_FLAG_FENCE;
	fj_expect_failure(&b, at, RTE_DMA_STATUS_INVALID_SRC_ADDR, false, n);
	CHECK(cbdma_model_inject(fx.model, 0, CBDMA_FAULT_SRC_ADDR,
			fx_job_iova((uint16_t)(fx_next_idx() + at)), 0) == 0, "inject");
	if (fj_enqueue(&b, 0, n, true) != 0 || fj_collect(&b, 0, n) != 0 || fj_verify(&b) != 0)
		return -1;
	return 0;
}

int
test_fence_boundaries(void)
{
	static const unsigned int own[] = { 2 }, next[] = { 3 }, late[] = { 7 }, two[] = { 1, 5 };
	uint64_t rec;
	struct fjobs b;

	/* a small ring, already wrapped a few times */
	CHECK(fx_up(&(struct fx_opts){ .nb_desc = 32 }) == 0, "setup");
	if (fault_followup(100) != 0)
		return -1;
	/* the failed job's own fence does not count */
	if (fence_case(8, 2, own, 1) != 0)
		return -1;
	/* fence on the very next job: everything after the failure */
	if (fence_case(8, 2, next, 1) != 0)
		return -1;
	/* no fence: only the failed job */
	if (fence_case(8, 2, NULL, 0) != 0)
		return -1;
	/* a fence before the failure does not matter, a later one does */
	if (fence_case(10, 3, two, 2) != 0 || fence_case(10, 3, late, 1) != 0)
		return -1;
	/* failure at the last job: nothing after it */
	if (fence_case(6, 5, NULL, 0) != 0)
		return -1;

	/*
	 * Only jobs submitted when the failure is handled: 0..5 submitted (2
	 * fails, 3 fenced), 6..8 enqueued (7 fenced) and submitted after the
	 * recovery: they run.
	 */
	CHECK(fj_init(&b, 9, 64) == 0, "arena");
	b.j[3].flags = RTE_DMA_OP_FLAG_FENCE;
	b.j[7].flags = RTE_DMA_OP_FLAG_FENCE;
	fj_expect_failure(&b, 2, RTE_DMA_STATUS_INVALID_DST_ADDR, false, 6);
	rec = fx.ch.stats_recoveries;
	CHECK(cbdma_model_inject(fx.model, 0, CBDMA_FAULT_DEST_ADDR,
			fx_job_iova((uint16_t)(fx_next_idx() + 2)), 0) == 0, "inject");
	if (fj_enqueue(&b, 0, 6, true) != 0 || fj_enqueue(&b, 6, 9, false) != 0)
		return -1;
	if (fj_collect(&b, 0, 6) != 0)
		return -1;
	CHECK(fx.ch.stats_recoveries == rec + 1, "recovered before the second submit");
	netdma_submit(&fx.ch);
	if (fj_collect(&b, 6, 9) != 0 || fj_verify(&b) != 0)
		return -1;

	/* two faults one after the other, the second armed after the first recovery */
	if (fence_case(8, 1, next, 1) != 0 || fence_case(8, 6, next, 1) != 0)
		return -1;
	return fault_followup(64);
}

/*
 * A bad completion address: the engine halts without writing the halt
 * word; the data path notices through CHANSTS after a run of empty polls.
 */
int
test_completion_addr(void)
{
	enum { N = 6 };
	enum rte_dma_status_code st[N];
	unsigned int polls = 0, got = 0;
	struct fjobs b;
	uint16_t last;

	CHECK(fx_up(NULL) == 0, "setup");
	CHECK(fj_init(&b, N, 512) == 0, "arena");
	fj_expect_failure(&b, 2, RTE_DMA_STATUS_INVALID_ADDR, false, N);
	CHECK(cbdma_model_inject(fx.model, 0, CBDMA_FAULT_COMPLETION_ADDR,
			fx_job_iova((uint16_t)(fx_next_idx() + 2)), 0) == 0, "inject");
	if (fj_enqueue(&b, 0, N, true) != 0)
		return -1;
	CHECK(FX_WAIT_MODEL(errors, 1, 5000) == 0, "no halt");
	CHECK(cbdma_sts_status(__atomic_load_n(fx.ch.cw, __ATOMIC_ACQUIRE)) != CBDMA_STS_HALTED,
			"the engine wrote a halt word through a bad completion address");
	CHECK(fx_wait_state(CBDMA_STS_HALTED, 1000) == 0, "CHANSTS not HALTED");
	/* bounded by time, not polls: a loaded machine may starve the engine */
	uint64_t until = th_now_ns() + 10000000000ull;

	while (got < N && th_now_ns() < until) {
		got += netdma_completed_status(&fx.ch, N - got, &last, st + got);
		polls++;
	}
	CHECK(got == N, "%u of %u reported after %u polls", got, N, polls);
	CHECK(polls > 2, "recovered after only %u polls", polls);
	for (got = 0; got < N; got++)
		b.j[got].got = st[got];
	if (fj_verify(&b) != 0)
		return -1;
	CHECK(fx.ch.stats_recoveries == 1, "recoveries %lu", (unsigned long)fx.ch.stats_recoveries);
	printf("  recovered from a bad completion address after %u polls\n", polls);
	return fault_followup(32);
}

static int
spurious_then_error(uint32_t bits, bool idle_between)
{
	struct fjobs a, b;
	uint32_t reg;

	CHECK(fx_up(NULL) == 0, "setup");
	CHECK(fj_init(&a, 6, 256) == 0 && fj_init(&b, 6, 256) == 0, "arena");
	CHECK(cbdma_model_inject(fx.model, 0, CBDMA_FAULT_SPURIOUS_CHANERR,
			fx_job_iova((uint16_t)(fx_next_idx() + 1)), bits) == 0, "inject");
	if (fj_enqueue(&a, 0, 6, true) != 0 || fj_collect(&a, 0, 6) != 0 || fj_verify(&a) != 0)
		return -1;
	CHECK(fx_model_stats().faults == 1, "spurious fault did not fire");
	CHECK(netdma_state(&fx.ch) == CBDMA_STS_IDLE, "state %d", netdma_state(&fx.ch));
	CHECK(fx.ch.stats_recoveries == 0 && fx.ch.stats.errors == 0, "no error is reported");
	/* suspend/resume are not disturbed by latched bits */
	CHECK(netdma_suspend(&fx.ch, NULL) == 0 && netdma_resume(&fx.ch) == 0, "suspend/resume");
	if (idle_between) {
		/* The data path clears it (write-1-to-clear) on one of its
		 * register looks; the model applies the write on its next poll. */
		uint64_t until = th_now_ns() + 2000000000ull;

		do {
			fx_poll_none(2048);
			reg = cbdma_read32(fx.ch.regs, CBDMA_CHAN_ERR);
		} while (reg != 0 && th_now_ns() < until);
		CHECK(reg == 0, "CHANERR 0x%x still latched on an idle channel", reg);
	}
	/* a real error later is still reported as itself */
	fj_expect_failure(&b, 3, RTE_DMA_STATUS_INVALID_DST_ADDR, false, 6);
	CHECK(cbdma_model_inject(fx.model, 0, CBDMA_FAULT_DEST_ADDR,
			fx_job_iova((uint16_t)(fx_next_idx() + 3)), 0) == 0, "inject");
	if (fj_enqueue(&b, 0, 6, true) != 0 || fj_collect(&b, 0, 6) != 0 || fj_verify(&b) != 0)
		return -1;
	reg = cbdma_read32(fx.ch.regs, CBDMA_CHAN_ERR);
	CHECK(reg == 0, "CHANERR 0x%x after recovery", reg);
	return fault_followup(16);
}

int
test_spurious_chanerr(void)
{
	/* bits no status is derived from, then a bit that would mask the real cause */
	if (spurious_then_error(CBDMA_ERR_SOFT | CBDMA_ERR_UNAFFILIATED, false) != 0)
		return -1;
	if (spurious_then_error(CBDMA_ERR_SOFT | CBDMA_ERR_UNAFFILIATED, true) != 0)
		return -1;
	return spurious_then_error(CBDMA_ERR_SRC_ADDR, true);
}

/*
 * An engine slow to write its halt word: CHANSTS shows HALTED, the word
 * lands 300 ms later.  The data path takes the halt from CHANSTS; the late
 * word must not be taken for a second halt (a second reset would run jobs
 * again, its decode would report jobs twice).  One recovery, one reset,
 * every job once with its status.  The last job fails: nothing runs after
 * the re-arm to overwrite a stale word.
 */
int
test_late_halt_word(void)
{
	enum { N = 12, AT = N - 1 };
	struct cbdma_model_stats m0, m1;
	struct fjobs b;
	uint64_t rec;

	CHECK(fx_up(&(struct fx_opts){ .nb_desc = 64 }) == 0, "setup");
	CHECK(fj_init(&b, N, 128) == 0, "arena");
	fj_expect_failure(&b, AT, RTE_DMA_STATUS_INVALID_SRC_ADDR, false, N);
	rec = fx.ch.stats_recoveries;
	m0 = fx_model_stats();
	CHECK(cbdma_model_inject(fx.model, 0, CBDMA_FAULT_SRC_ADDR,
			fx_job_iova((uint16_t)(fx_next_idx() + AT)), 300000) == 0, "inject");
	if (fj_enqueue(&b, 0, N, true) != 0 || fj_collect(&b, 0, N) != 0 || fj_verify(&b) != 0)
		return -1;
	/* the late word has landed by now; nothing more may be reported */
	th_sleep_us(400000);
	CHECK(fx_poll_none(100) == 0, "completions after the late halt word");
	m1 = fx_model_stats();
	CHECK(fx.ch.stats_recoveries == rec + 1, "%lu recoveries",
			(unsigned long)(fx.ch.stats_recoveries - rec));
	CHECK(m1.resets == m0.resets + 1, "%lu resets", (unsigned long)(m1.resets - m0.resets));
	CHECK(m1.descs == m0.descs + N - 1, "%lu descriptors executed for %d",
			(unsigned long)(m1.descs - m0.descs), N - 1);
	return fault_followup(8);
}

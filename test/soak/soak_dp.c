/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * The soak's data-path thread: random copies and fills (sizes, fences),
 * random faults injected at the descriptor of a job about to be enqueued,
 * and the check of every completion: in order, exactly once, with the status
 * and bytes the job must have given what the control thread did to it.
 */

#include <stdarg.h>
#include <string.h>

#include "soak.h"

static const enum cbdma_model_fault fault_kinds[] = {
	CBDMA_FAULT_SRC_ADDR, CBDMA_FAULT_DEST_ADDR, CBDMA_FAULT_NEXT_ADDR,
	CBDMA_FAULT_DESC_ALIGN, CBDMA_FAULT_LENGTH, CBDMA_FAULT_READ_DATA,
	CBDMA_FAULT_WRITE_DATA, CBDMA_FAULT_COMPLETION_ADDR, CBDMA_FAULT_HANG,
	CBDMA_FAULT_STALL, CBDMA_FAULT_SPURIOUS_CHANERR,
};

/* Bits no status is derived from: a spurious CHANERR must change nothing. */
static const uint32_t spurious_bits[] = {
	CBDMA_ERR_SOFT, CBDMA_ERR_UNAFFILIATED, CBDMA_ERR_INT_CONFIG | CBDMA_ERR_SOFT,
};

struct dpjob {
	enum netdma_op op;
	uint32_t len;
	uint64_t src, pattern, flags;
	uint8_t *dst;
	enum cbdma_model_fault failed;	/* the error fault it failed with, or NONE */
	bool na;
};

static struct dpjob J[65536];	/* by ring_idx */

struct dp {
	uint64_t rnd;
	uint64_t enq, sub, rep;		/* jobs enqueued, submitted, reported */
	uint64_t recoveries;
	/* the one outstanding fault */
	bool f_out;
	enum cbdma_model_fault f_kind;
	uint64_t f_target;		/* job number */
	uint64_t f_before;		/* model fault counter when injected */
	uint64_t f_fired_ns;
	uint64_t f_hold_ns;		/* how long a hang holds the engine */
	struct soak_counts *c;
};

static uint64_t
model_faults(void)
{
	return fx_model_stats().faults;
}

void
soak_report_bad(struct soak_counts *c, const char *fmt, ...)
{
	static int printed;
	va_list ap;

	c->corrupted++;
	if (__atomic_fetch_add(&printed, 1, __ATOMIC_RELAXED) >= 20)
		return;
	fprintf(stderr, "  BAD: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
}

static uint32_t
random_len(struct dp *d)
{
	uint64_t r = soak_rand(&d->rnd);

	switch (r % 10) {
	case 0:
		return 2049 + (uint32_t)(r >> 8) % (SOAK_REGION - 2048);
	case 1:
	case 2:
	case 3:
		return 257 + (uint32_t)(r >> 8) % 1792;
	default:
		return 1 + (uint32_t)(r >> 8) % 256;
	}
}

static void
maybe_inject(struct dp *d, uint16_t idx)
{
	uint64_t r = soak_rand(&d->rnd), param = 0;
	enum cbdma_model_fault f;

	if (!soak.faults || d->f_out || r % 1000 != 0)
		return;
	f = fault_kinds[(r >> 16) % (sizeof(fault_kinds) / sizeof(fault_kinds[0]))];
	if (f == CBDMA_FAULT_STALL)
		param = 100 + (r >> 32) % 3000;
	else if (f == CBDMA_FAULT_SPURIOUS_CHANERR)
		param = spurious_bits[(r >> 32) % 3];
	else if (f <= CBDMA_FAULT_WRITE_DATA && (r >> 32) % 64 == 0)
		param = (r >> 40) % 150000;	/* a halt word up to 150 ms late */
	d->f_before = model_faults();
	if (cbdma_model_inject(fx.model, 0, f, fx_job_iova(idx), param) != 0) {
		soak_report_bad(d->c, "inject failed");
		return;
	}
	d->f_out = true;
	d->f_kind = f;
	/* most hangs are short; some outlast the suspend timeout */
	d->f_hold_ns = (r >> 48) % 4 == 0 ? 150000000 : 3000000;
	d->f_target = d->enq;
	d->c->faults_injected[f]++;
}

static void
enqueue_batch(struct dp *d)
{
	unsigned int n = 1 + soak_rand(&d->rnd) % 32, cap = netdma_burst_capacity(&fx.ch), i;

	if (n > cap)
		n = cap;
	for (i = 0; i < n; i++) {
		uint64_t r = soak_rand(&d->rnd);
		uint16_t idx = (uint16_t)d->enq;
		struct dpjob *j = &J[idx];
		int id;

		j->op = fx.ch.fill_ok && r % 5 == 0 ? NETDMA_OP_FILL : NETDMA_OP_COPY;
		j->len = random_len(d);
		j->src = fx_iova(soak.src + (r >> 8) % (SOAK_SRC_SIZE - SOAK_REGION));
		j->pattern = r * 0x9E3779B97F4A7C15ull;
		j->flags = (r >> 40) % 32 == 0 ? RTE_DMA_OP_FLAG_FENCE : 0;
		j->dst = soak.dp_dst + (size_t)(idx % SOAK_DP_REGIONS) * SOAK_REGION;
		j->failed = CBDMA_FAULT_NONE;
		j->na = false;
		memset(j->dst, SOAK_CANARY, SOAK_REGION);
		__atomic_store_n(&soak.rec[idx].state, EDIT_NONE, __ATOMIC_RELAXED);
		maybe_inject(d, idx);
		if (j->op == NETDMA_OP_FILL)
			id = netdma_fill(&fx.ch, j->pattern, fx_iova(j->dst), j->len, j->flags);
		else
			id = netdma_copy(&fx.ch, j->src, fx_iova(j->dst), j->len, j->flags);
		if (id != idx) {
			soak_report_bad(d->c, "enqueue returned %d, expected ring_idx %u", id, idx);
			break;
		}
		d->enq++;
	}
	netdma_submit(&fx.ch);
	d->c->jobs_submitted += d->enq - d->sub;
	d->sub = d->enq;
}

/* The data path recovered from the outstanding error fault. */
static void
on_recovery(struct dp *d)
{
	uint64_t k;
	bool fenced = false;

	if (!d->f_out || fj_fault_status(d->f_kind) == RTE_DMA_STATUS_SUCCESSFUL) {
		soak_report_bad(d->c, "a recovery with no error fault outstanding");
		return;
	}
	/* (a job not attempted behind an earlier failure keeps that status) */
	if (!J[(uint16_t)d->f_target].na)
		J[(uint16_t)d->f_target].failed = d->f_kind;
	/* the fence rule, up to the last job submitted now (inserted jobs carry no fence) */
	for (k = d->f_target + 1; k < d->sub; k++) {
		fenced |= (J[(uint16_t)k].flags & RTE_DMA_OP_FLAG_FENCE) != 0;
		if (fenced)
			J[(uint16_t)k].na = true;
	}
	d->f_out = false;
	d->c->faults_fired++;
	d->c->faults_recovered++;
}

static void
fault_settle(struct dp *d)
{
	if (!d->f_out)
		return;
	switch (d->f_kind) {
	case CBDMA_FAULT_STALL:
	case CBDMA_FAULT_SPURIOUS_CHANERR:
		if (model_faults() > d->f_before) {
			d->f_out = false;
			d->c->faults_fired++;
		}
		break;
	case CBDMA_FAULT_HANG:
		if (model_faults() <= d->f_before)
			break;
		if (d->f_fired_ns == 0)
			d->f_fired_ns = th_now_ns();
		/* hold the engine a few milliseconds, then let it go */
		if (th_now_ns() - d->f_fired_ns > d->f_hold_ns || __atomic_load_n(&soak.stop,
				__ATOMIC_ACQUIRE)) {
			cbdma_model_inject(fx.model, 0, CBDMA_FAULT_NONE, 0, 0);
			d->f_fired_ns = 0;
			d->f_out = false;
			d->c->faults_fired++;
			d->c->hangs_released++;
		}
		break;
	default:
		break;
	}
}

static void
verify(struct dp *d, uint16_t idx, enum rte_dma_status_code got)
{
	const struct dpjob *j = &J[idx];
	struct soak_rec *rec = &soak.rec[idx];
	uint32_t state = __atomic_load_n(&rec->state, __ATOMIC_ACQUIRE);
	enum rte_dma_status_code want = RTE_DMA_STATUS_SUCCESSFUL;
	enum netdma_op op = j->op;
	uint32_t len = j->len, upto, k;
	uint64_t src = j->src, pattern = j->pattern;

	if (state == EDIT_REWRITTEN) {
		op = (enum netdma_op)__atomic_load_n(&rec->op, __ATOMIC_RELAXED);
		len = __atomic_load_n(&rec->len, __ATOMIC_RELAXED);
		src = __atomic_load_n(&rec->src, __ATOMIC_RELAXED);
		pattern = __atomic_load_n(&rec->pattern, __ATOMIC_RELAXED);
	}
	/* a cancel keeps its mark; a failure marks a live job; then the fence */
	if (state == EDIT_CANCELLED)
		want = RTE_DMA_STATUS_USER_ABORT;
	else if (j->failed != CBDMA_FAULT_NONE)
		want = fj_fault_status(j->failed);
	else if (j->na)
		want = RTE_DMA_STATUS_NOT_ATTEMPTED;
	if (got < SOAK_NB_STATUS)
		d->c->by_status[got]++;
	if (got != want) {
		soak_report_bad(d->c, "ring_idx %u: status %d, expected %d (edit %u, fault %s)",
				idx, got, want, state, fj_fault_name(j->failed));
		return;
	}
	if (want == RTE_DMA_STATUS_SUCCESSFUL)
		upto = len;
	else if (want != RTE_DMA_STATUS_USER_ABORT && j->failed == CBDMA_FAULT_WRITE_DATA)
		upto = len / 2;
	else
		upto = 0;
	for (k = 0; k < upto; k++) {
		uint8_t b = op == NETDMA_OP_FILL ? ((const uint8_t *)&pattern)[k % 8] :
			((const uint8_t *)(uintptr_t)src)[k];

		if (j->dst[k] != b) {
			soak_report_bad(d->c, "ring_idx %u (status %d, %s of %u): byte %u is 0x%x, "
					"expected 0x%x", idx, got, op == NETDMA_OP_FILL ? "fill" :
					"copy", len, k, j->dst[k], b);
			return;
		}
	}
	for (k = upto; k < SOAK_REGION; k++)
		if (j->dst[k] != SOAK_CANARY) {
			soak_report_bad(d->c, "ring_idx %u (status %d, length %u): byte %u written",
					idx, got, len, k);
			return;
		}
	d->c->bytes_verified += upto;
}

static uint16_t
reap(struct dp *d)
{
	enum rte_dma_status_code st[64];
	uint64_t rec = fx.ch.stats_recoveries;
	uint16_t n, last = 0, i;
	bool err = false, with_status = soak_rand(&d->rnd) % 4 != 0;

	if (with_status)
		n = netdma_completed_status(&fx.ch, 64, &last, st);
	else
		n = netdma_completed(&fx.ch, 64, &last, &err);
	if (fx.ch.stats_recoveries != rec) {
		if (fx.ch.stats_recoveries != rec + 1)
			soak_report_bad(d->c, "%lu recoveries at once",
					(unsigned long)(fx.ch.stats_recoveries - rec));
		on_recovery(d);
	}
	if (fx.ch.broken)
		soak_report_bad(d->c, "channel broken");
	fault_settle(d);
	if (n == 0)
		return 0;
	if (n > d->sub - d->rep) {
		soak_report_bad(d->c, "%u reported with %lu outstanding", n,
				(unsigned long)(d->sub - d->rep));
		d->c->duplicated += n - (d->sub - d->rep);
		n = (uint16_t)(d->sub - d->rep);
	}
	if (last != (uint16_t)(d->rep + n - 1))
		soak_report_bad(d->c, "last_idx %u, expected %u", last, (uint16_t)(d->rep + n - 1));
	for (i = 0; i < n; i++)
		verify(d, (uint16_t)(d->rep + i), with_status ? st[i] : RTE_DMA_STATUS_SUCCESSFUL);
	d->rep += n;
	d->c->jobs_reported += n;
	if (err && d->rep < d->sub) {
		const struct dpjob *j = &J[(uint16_t)d->rep];

		if (j->failed == CBDMA_FAULT_NONE && !j->na &&
				__atomic_load_n(&soak.rec[(uint16_t)d->rep].state, __ATOMIC_ACQUIRE) !=
				EDIT_CANCELLED)
			soak_report_bad(d->c, "has_error before ring_idx %u, which succeeds",
					(uint16_t)d->rep);
	}
	return n;
}

void *
soak_dp_main(void *arg)
{
	struct dp d = { .c = &soak.dp };
	uint64_t end;

	d.rnd = soak.seed * 2654435761u + (uintptr_t)arg + 1;
	while (!__atomic_load_n(&soak.stop, __ATOMIC_ACQUIRE)) {
		if (soak_rand(&d.rnd) % 3 != 0)
			enqueue_batch(&d);
		reap(&d);
	}
	/* a fault armed for a job never enqueued will not fire: disarm it */
	if (d.f_out && d.f_target >= d.enq) {
		cbdma_model_inject(fx.model, 0, CBDMA_FAULT_NONE, 0, 0);
		d.f_out = false;
		d.c->faults_injected[d.f_kind]--;
	}
	/* drain: everything submitted is reported, within a generous bound */
	end = th_now_ns() + 30000000000ull;
	while (d.rep < d.sub && th_now_ns() < end)
		if (reap(&d) == 0)
			th_sleep_us(10);
	while (d.f_out && th_now_ns() < end) {
		fault_settle(&d);
		reap(&d);
	}
	d.c->lost += d.sub - d.rep;
	if (d.sub != d.rep)
		fprintf(stderr, "  LOST: %lu jobs never reported\n", (unsigned long)(d.sub - d.rep));
	if (fx.ch.stats.submitted != d.sub || fx.ch.stats.completed != d.rep)
		soak_report_bad(d.c, "channel stats %lu/%lu, the data path counted %lu/%lu",
				(unsigned long)fx.ch.stats.submitted,
				(unsigned long)fx.ch.stats.completed, (unsigned long)d.sub,
				(unsigned long)d.rep);
	return NULL;
}

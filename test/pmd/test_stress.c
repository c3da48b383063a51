/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * Randomised stress of suspend/splice/resume, and a latency benchmark.
 *
 *   test_stress <EAL args, -l 0-1> -- [--resume=cmd|rearm] [--cycles=N]
 *       [--seed=N] [--nb-desc=N] [--errors=PERMILLE] [--bench]
 *
 * Stress: the worker lcore is the data path: it enqueues random copies and
 * fills (1..4096 bytes, random fences, each into a destination buffer of its
 * own) at full rate, submits, polls completed_status() and checks every
 * completion against a shadow record: ring_idx in sequence (nothing lost or
 * duplicated), status, every destination byte (written as the job says, or
 * untouched when cancelled / failed / not attempted), and nothing written
 * around it.  The main lcore is the control thread: random suspend, pending,
 * cancel, rewrite, insert, cancel_ticket, resume cycles; it checks what
 * suspend reports and every inserted job's outcome and bytes.
 *
 * Bench: suspend and resume latency (p50/p99/max) with the data path running
 * flat out, and throughput without suspensions and with one every
 * millisecond, in the same run.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_pause.h>

#include "pmd_fixture.h"

#define ST_MAX_LEN	4096
#define ST_MARGIN	64		/* destination offset range and checked margin */
#define ST_BUF_LEN	(ST_MAX_LEN + 2 * ST_MARGIN)
#define ST_INS_BUFS	128

/* Shadow of a data-path job, by ring_idx % nb_desc.  Written by the worker
 * before it enqueues the job, by the control thread only while the job is
 * pending (the channel suspended); read by the worker at completion. */
struct rec {
	uint8_t fill;
	uint8_t fence;
	uint8_t bad;			/* src IOVA 0: fails */
	uint32_t len, soff, doff;
	uint64_t pattern;
	enum rte_dma_status_code want;	/* SUCCESSFUL, USER_ABORT (cancelled), or failure */
	struct tbuf dst;
};

struct ins {
	uint64_t ticket;		/* 0: free */
	uint8_t fill, cancelled;
	uint32_t len, soff, doff;
	uint64_t pattern;
	struct tbuf dst;
};

static struct {
	struct tdev *d;
	uint16_t nb_desc;
	struct rec *rec;
	uint8_t poison[ST_BUF_LEN];
	unsigned int errors_permille;
	bool bench;
	/* main -> worker */
	bool stop;
	/* worker -> main (relaxed counters, final after the join) */
	uint64_t enq, done, bytes;
	uint64_t corrupted, sequence_errors, status_errors;
	uint64_t seen_abort, seen_failed, seen_not_attempted;
	uint64_t worker_rng;
} st;

static uint64_t
w_rand(void)
{
	uint64_t *r = &st.worker_rng;

	*r ^= *r >> 12;
	*r ^= *r << 25;
	*r ^= *r >> 27;
	return *r * 2685821657736338717ull;
}

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static uint32_t
rand_len(uint64_t r)
{
	return 1 + (uint32_t)(r % ST_MAX_LEN);
}

/* ---- the data path ---- */

static bool
region_is(const uint8_t *p, const uint8_t *want, uint32_t len)
{
	return memcmp(p, want, len) == 0;
}

static bool
check_job(const struct rec *r)
{
	const uint8_t *p = r->dst.va;
	uint8_t pat[ST_MAX_LEN];
	uint32_t i;

	/* margins around the destination: never written */
	if (!region_is(p, st.poison, r->doff) ||
			!region_is(p + r->doff + r->len, st.poison + r->doff + r->len,
				ST_BUF_LEN - r->doff - r->len))
		return false;
	if (r->want != RTE_DMA_STATUS_SUCCESSFUL)
		return region_is(p + r->doff, st.poison + r->doff, r->len);
	if (!r->fill)
		return region_is(p + r->doff, tf_src.va + r->soff, r->len);
	for (i = 0; i < r->len; i++)
		pat[i] = tf_fill_byte(r->pattern, i);
	return region_is(p + r->doff, pat, r->len);
}

/*
 * The fence rule, over the completion stream: after a failure, the first
 * later job with a fence and every job after it up to the last submitted
 * one at recovery may be NOT_ATTEMPTED; once one of those runs again, no
 * more until the next failure.
 */
struct fence_state {
	bool armed, fenced;
};

static bool
status_ok(struct fence_state *f, const struct rec *r, enum rte_dma_status_code got)
{
	bool ok;

	if (r->fence && f->armed)
		f->fenced = true;
	if (got == RTE_DMA_STATUS_NOT_ATTEMPTED) {
		ok = f->armed && f->fenced && r->want != RTE_DMA_STATUS_USER_ABORT;
	} else {
		ok = got == r->want;
		if (got == RTE_DMA_STATUS_SUCCESSFUL && f->armed && f->fenced)
			f->armed = false;
	}
	if (ok && got != RTE_DMA_STATUS_SUCCESSFUL && got != RTE_DMA_STATUS_USER_ABORT &&
			got != RTE_DMA_STATUS_NOT_ATTEMPTED) {
		f->armed = true;	/* a failure: fences after it hold */
		f->fenced = false;
	}
	return ok;
}

static int
worker(void *arg)
{
	const uint16_t mask = st.nb_desc - 1;
	uint16_t next_idx = 0, expect_idx = 0;
	struct fence_state fs = { false, false };
	uint64_t enq = 0, done = 0, bytes = 0, idle_since = 0;

	RTE_SET_USED(arg);
	while (!__atomic_load_n(&st.stop, __ATOMIC_ACQUIRE) || done != enq) {
		enum rte_dma_status_code sts[32];
		uint16_t last, n, i;

		if (!__atomic_load_n(&st.stop, __ATOMIC_RELAXED)) {
			unsigned int burst = 1 + (unsigned int)(w_rand() % 16);

			for (i = 0; i < burst && rte_dma_burst_capacity(st.d->id, 0) > 0; i++) {
				struct rec *r = &st.rec[next_idx & mask];
				uint64_t x = w_rand(), flags;
				int ret;

				r->fill = !st.bench && (x & 3) == 0;
				r->fence = !st.bench && ((x >> 2) & 15) == 0;
				r->bad = !st.bench && !r->fill && st.errors_permille != 0 &&
					(x >> 8) % 1000 < st.errors_permille;	/* copies from IOVA 0 */
				r->len = st.bench ? 256 : rand_len(x >> 20);
				r->soff = (uint32_t)((x >> 32) % (TF_SRC_LEN - r->len + 1));
				r->doff = (uint32_t)((x >> 50) % ST_MARGIN);
				r->pattern = w_rand();
				r->want = r->bad ? RTE_DMA_STATUS_INVALID_SRC_ADDR :
					RTE_DMA_STATUS_SUCCESSFUL;
				flags = (r->fence ? RTE_DMA_OP_FLAG_FENCE : 0) |
					(i + 1u == burst ? RTE_DMA_OP_FLAG_SUBMIT : 0);
				if (r->fill)
					ret = rte_dma_fill(st.d->id, 0, r->pattern,
							r->dst.iova + r->doff, r->len, flags);
				else
					ret = rte_dma_copy(st.d->id, 0,
							r->bad ? 0 : tf_src.iova + r->soff,
							r->dst.iova + r->doff, r->len, flags);
				if (ret != next_idx) {
					st.sequence_errors++;
					break;
				}
				next_idx++;
				enq++;
			}
			rte_dma_submit(st.d->id, 0);
		}
		n = rte_dma_completed_status(st.d->id, 0, 32, &last, sts);
		for (i = 0; i < n; i++) {
			uint16_t idx = (uint16_t)(last - n + 1 + i);
			struct rec *r = &st.rec[idx & mask];

			if (idx != expect_idx)
				st.sequence_errors++;
			expect_idx = (uint16_t)(idx + 1);
			if (!st.bench) {
				if (!status_ok(&fs, r, sts[i])) {
					if (st.status_errors++ < 10)
						printf("ring_idx %u: status %d, want %d\n", idx, sts[i],
								r->want);
				}
				if (sts[i] == RTE_DMA_STATUS_NOT_ATTEMPTED) {
					st.seen_not_attempted++;
					r->want = RTE_DMA_STATUS_NOT_ATTEMPTED;	/* untouched */
				} else if (sts[i] == RTE_DMA_STATUS_USER_ABORT) {
					st.seen_abort++;
				} else if (sts[i] != RTE_DMA_STATUS_SUCCESSFUL) {
					st.seen_failed++;
				}
				if (!check_job(r)) {
					if (st.corrupted++ < 10)
						printf("ring_idx %u: destination bytes wrong (%s len %u, "
								"status %d)\n", idx, r->fill ? "fill" : "copy",
								r->len, sts[i]);
					memcpy(r->dst.va, st.poison, ST_BUF_LEN);
				} else {
					memcpy(r->dst.va + r->doff, st.poison + r->doff, r->len);
				}
			}
			bytes += r->len;
			done++;
		}
		__atomic_store_n(&st.done, done, __ATOMIC_RELAXED);
		__atomic_store_n(&st.enq, enq, __ATOMIC_RELAXED);
		__atomic_store_n(&st.bytes, bytes, __ATOMIC_RELAXED);
		if (n != 0) {
			idle_since = 0;
		} else if (__atomic_load_n(&st.stop, __ATOMIC_RELAXED)) {
			/* stopping: what does not complete within the deadline is lost */
			if (idle_since == 0)
				idle_since = now_ns();
			else if (now_ns() - idle_since > TF_LIVENESS_MS * 1000000ull)
				break;
			rte_pause();
		} else {
			rte_pause();
		}
	}
	return 0;
}

/* ---- the control thread ---- */

struct ctl_counts {
	uint64_t cycles, suspends, eio, cancels, rewrites, inserts, enospc;
	uint64_t cancel_tickets, ticket_rewrites, tickets_done, ticket_errors, ticket_corrupted;
	uint64_t tickets_not_attempted;
	uint64_t info_errors, api_errors;
};

static struct ins ins[ST_INS_BUFS];

static void
ins_init(struct ins *x, uint64_t r)
{
	x->fill = (r & 1) != 0;
	x->len = rand_len(r >> 8);
	x->soff = (uint32_t)((r >> 24) % (TF_SRC_LEN - x->len + 1));
	x->doff = (uint32_t)((r >> 44) % ST_MARGIN);
	x->pattern = tf_rand();
}

static void
ins_to_job(const struct ins *x, struct rte_pmd_netdma_job *j)
{
	memset(j, 0, sizeof(*j));
	j->ticket = x->ticket;
	j->op = x->fill ? RTE_PMD_NETDMA_OP_FILL : RTE_PMD_NETDMA_OP_COPY;
	j->src = tf_src.iova + x->soff;
	j->pattern = x->pattern;
	j->dst = x->dst.iova + x->doff;
	j->length = x->len;
}

static struct ins *
ins_by_ticket(uint64_t t)
{
	unsigned int i;

	for (i = 0; i < ST_INS_BUFS; i++)
		if (ins[i].ticket == t)
			return &ins[i];
	return NULL;
}

/* Collect finished inserted jobs: status and bytes. */
static unsigned int
reap_tickets(struct ctl_counts *c)
{
	unsigned int i, left = 0;

	for (i = 0; i < ST_INS_BUFS; i++) {
		struct ins *x = &ins[i];
		struct rec r;
		enum rte_dma_status_code s;
		int ret;

		if (x->ticket == 0)
			continue;
		ret = rte_pmd_netdma_ticket_status(st.d->id, 0, x->ticket, &s);
		if (ret == 0) {
			left++;
			continue;
		}
		c->tickets_done++;
		if (ret == 1 && s == RTE_DMA_STATUS_NOT_ATTEMPTED && st.errors_permille != 0 &&
				!x->cancelled) {
			/* behind a failed data-path job and a later fence */
			c->tickets_not_attempted++;
		} else if (ret != 1 || s != (x->cancelled ? RTE_DMA_STATUS_USER_ABORT :
				RTE_DMA_STATUS_SUCCESSFUL)) {
			if (c->ticket_errors++ < 10)
				printf("ticket %" PRIu64 ": ticket_status %d, status %d%s\n", x->ticket,
						ret, s, x->cancelled ? " (cancelled)" : "");
		}
		r = (struct rec){ .fill = x->fill, .len = x->len, .soff = x->soff,
			.doff = x->doff, .pattern = x->pattern, .dst = x->dst,
			.want = ret == 1 && s == RTE_DMA_STATUS_SUCCESSFUL ? RTE_DMA_STATUS_SUCCESSFUL :
				RTE_DMA_STATUS_USER_ABORT };	/* untouched unless successful */
		if (!check_job(&r)) {
			if (c->ticket_corrupted++ < 10)
				printf("ticket %" PRIu64 ": destination bytes wrong\n", x->ticket);
		}
		memcpy(x->dst.va, st.poison, ST_BUF_LEN);
		x->ticket = 0;
	}
	return left;
}

static void
control_cycle(struct ctl_counts *c)
{
	static struct rte_pmd_netdma_job pend[32768];
	const uint16_t mask = st.nb_desc - 1;
	struct rte_pmd_netdma_suspend_info info;
	unsigned int ops, k;
	int ret, np;

	c->cycles++;
	ret = rte_pmd_netdma_suspend(st.d->id, 0, &info);
	if (ret == -EIO) {	/* halted by a failing job, the data path recovers it */
		c->eio++;
		return;
	}
	if (ret != 0) {
		if (c->api_errors++ < 10)
			printf("suspend: %d\n", ret);
		return;
	}
	c->suspends++;
	np = rte_pmd_netdma_pending(st.d->id, 0, pend, RTE_DIM(pend));
	if ((info.completion & 7) != RTE_PMD_NETDMA_STATE_SUSPENDED ||
			(info.completion & ~0x3Full) != info.last_desc || np != info.nb_pending) {
		if (c->info_errors++ < 10)
			printf("suspend info: completion 0x%" PRIx64 " last 0x%" PRIx64
					" nb_pending %u, pending() %d\n", info.completion,
					info.last_desc, info.nb_pending, np);
	}
	ops = (unsigned int)(tf_rand() % 4);
	for (k = 0; k < ops && np >= 0; k++) {
		unsigned int what = (unsigned int)(tf_rand() % 6);
		struct rte_pmd_netdma_job *p;

		if (k > 0)	/* the list as the last edit left it */
			np = rte_pmd_netdma_pending(st.d->id, 0, pend, RTE_DIM(pend));
		p = np > 0 ? &pend[tf_rand() % np] : NULL;

		if (what == 0 && p != NULL && p->ticket == 0) {
			struct rec *r = &st.rec[p->ring_idx & mask];

			ret = rte_pmd_netdma_cancel(st.d->id, 0, p->ring_idx);
			if (ret == 0) {
				r->want = RTE_DMA_STATUS_USER_ABORT;
				c->cancels++;
			} else if (c->api_errors++ < 10) {
				printf("cancel %u: %d\n", p->ring_idx, ret);
			}
		} else if (what == 1 && p != NULL && p->ticket == 0) {
			struct rec *r = &st.rec[p->ring_idx & mask];
			uint64_t x = tf_rand();

			if (r->bad)
				continue;	/* keep failures where the data path put them */
			r->fill = (x & 1) != 0;
			r->len = rand_len(x >> 8);
			r->soff = (uint32_t)((x >> 24) % (TF_SRC_LEN - r->len + 1));
			r->doff = (uint32_t)((x >> 44) % ST_MARGIN);
			r->pattern = tf_rand();
			p->op = r->fill ? RTE_PMD_NETDMA_OP_FILL : RTE_PMD_NETDMA_OP_COPY;
			p->src = tf_src.iova + r->soff;
			p->pattern = r->pattern;
			p->dst = r->dst.iova + r->doff;
			p->length = r->len;
			ret = rte_pmd_netdma_rewrite(st.d->id, 0, p);
			if (ret == 0)
				c->rewrites++;
			else if (c->api_errors++ < 10)
				printf("rewrite %u: %d\n", p->ring_idx, ret);
		} else if (what <= 3) {
			struct rte_pmd_netdma_job j;
			struct ins *x = ins_by_ticket(0);
			uint16_t pos = (uint16_t)(tf_rand() % (np + 1));

			if (x == NULL)
				continue;
			ins_init(x, tf_rand());
			x->cancelled = 0;
			ins_to_job(x, &j);
			ret = rte_pmd_netdma_insert(st.d->id, 0, pos, &j, &x->ticket);
			if (ret == 0) {
				c->inserts++;
			} else if (ret == -ENOSPC) {
				x->ticket = 0;
				c->enospc++;
			} else {
				x->ticket = 0;
				if (c->api_errors++ < 10)
					printf("insert at %u of %d: %d\n", pos, np, ret);
			}
		} else if (what == 4 && p != NULL && p->ticket != 0) {
			struct ins *x = ins_by_ticket(p->ticket);

			ret = rte_pmd_netdma_cancel_ticket(st.d->id, 0, p->ticket);
			if (ret == 0 && x != NULL) {
				x->cancelled = 1;
				c->cancel_tickets++;
			} else if (c->api_errors++ < 10) {
				printf("cancel_ticket %" PRIu64 ": %d\n", p->ticket, ret);
			}
		} else if (what == 5 && p != NULL && p->ticket != 0) {
			struct ins *x = ins_by_ticket(p->ticket);
			struct rte_pmd_netdma_job j;

			if (x == NULL)
				continue;
			ins_init(x, tf_rand());
			ins_to_job(x, &j);
			ret = rte_pmd_netdma_rewrite(st.d->id, 0, &j);
			if (ret == 0)
				c->ticket_rewrites++;
			else if (c->api_errors++ < 10)
				printf("rewrite ticket %" PRIu64 ": %d\n", p->ticket, ret);
		}
	}
	ret = rte_pmd_netdma_resume(st.d->id, 0);
	if (ret != 0 && c->api_errors++ < 10)
		printf("resume: %d\n", ret);
}

static int
run_stress(uint64_t cycles)
{
	unsigned int lcore = rte_get_next_lcore(-1, 1, 0);
	struct ctl_counts c = { 0 };
	struct rte_dma_stats ds;
	struct rte_pmd_netdma_stats cs;
	uint64_t t0, i, lost, wait;
	double secs;
	int ok;

	t0 = now_ns();
	if (rte_eal_remote_launch(worker, NULL, lcore) != 0)
		return -1;
	for (i = 0; i < cycles; i++) {
		usleep((useconds_t)(tf_rand() % 200));
		control_cycle(&c);
		reap_tickets(&c);
		if (cycles >= 100 && i % (cycles / 10) == 0 && i != 0)
			printf("  %" PRIu64 " cycles, %" PRIu64 " jobs\n", i,
					__atomic_load_n(&st.done, __ATOMIC_RELAXED));
	}
	__atomic_store_n(&st.stop, true, __ATOMIC_RELEASE);
	rte_eal_wait_lcore(lcore);
	for (wait = 0; reap_tickets(&c) != 0 && wait < 100000; wait++)
		usleep(100);
	secs = (now_ns() - t0) / 1e9;
	if (st.enq != st.done)
		rte_dma_dump(st.d->id, stdout);
	rte_dma_stats_get(st.d->id, 0, &ds);
	rte_pmd_netdma_stats_get(st.d->id, 0, &cs);
	lost = st.enq - st.done + (c.inserts - c.tickets_done);
	printf("stress (resume=%s, ring %u, errors %u/1000): %" PRIu64 " jobs, %" PRIu64
			" MB in %.1f s (%.0f jobs/s)\n", tf_resume, st.nb_desc, st.errors_permille,
			st.done, st.bytes >> 20, secs, st.done / secs);
	printf("  cycles %" PRIu64 ", suspends %" PRIu64 " (%" PRIu64 " -EIO while halted), "
			"cancels %" PRIu64 ", rewrites %" PRIu64 ", inserts %" PRIu64 " (%" PRIu64
			" -ENOSPC), cancel_tickets %" PRIu64 ", ticket rewrites %" PRIu64 "\n",
			c.cycles, c.suspends, c.eio, c.cancels, c.rewrites, c.inserts, c.enospc,
			c.cancel_tickets, c.ticket_rewrites);
	printf("  seen: aborted %" PRIu64 ", failed %" PRIu64 ", not attempted %" PRIu64
			" (+%" PRIu64 " inserted), recoveries %" PRIu64 ", suspend timeouts %" PRIu64
			"\n", st.seen_abort, st.seen_failed, st.seen_not_attempted,
			c.tickets_not_attempted, cs.recoveries, cs.suspend_timeouts);
	printf("  suspend latency: mean %.1f us, max %.1f us\n",
			cs.suspends ? cs.suspend_ns_total / 1e3 / cs.suspends : 0.0,
			cs.suspend_ns_max / 1e3);
	printf("  lost=%" PRIu64 " duplicated=%" PRIu64 " corrupted=%" PRIu64
			" wrong_status=%" PRIu64 " ticket_errors=%" PRIu64 " api_errors=%" PRIu64
			" info_errors=%" PRIu64 "\n", lost, st.sequence_errors,
			st.corrupted + c.ticket_corrupted, st.status_errors, c.ticket_errors,
			c.api_errors, c.info_errors);
	ok = lost == 0 && st.sequence_errors == 0 && st.corrupted == 0 &&
		c.ticket_corrupted == 0 && st.status_errors == 0 && c.ticket_errors == 0 &&
		c.api_errors == 0 && c.info_errors == 0 && st.done > 0 &&
		ds.submitted == st.enq && ds.completed == st.done &&
		ds.errors == st.seen_abort + st.seen_failed + st.seen_not_attempted &&
		cs.inserts == c.inserts && cs.cancels == c.cancels + c.cancel_tickets;
	printf("%s\n", ok ? "1 passed, 0 failed" : "0 passed, 1 failed");
	return ok ? 0 : -1;
}

/* ---- benchmark ---- */

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void
print_lat(const char *what, uint64_t *v, unsigned int n)
{
	qsort(v, n, sizeof(*v), cmp_u64);
	printf("  %s latency over %u: p50 %.1f us, p99 %.1f us, max %.1f us\n", what, n,
			v[n / 2] / 1e3, v[(n * 99) / 100] / 1e3, v[n - 1] / 1e3);
}

/* Jobs completed by the data path during `ms` milliseconds; with a
 * suspend/resume cycle every period_us when non-zero. */
static double
bench_rate(unsigned int ms, unsigned int period_us, uint64_t *cycles)
{
	uint64_t d0 = __atomic_load_n(&st.done, __ATOMIC_RELAXED);
	uint64_t t0 = now_ns(), end = t0 + (uint64_t)ms * 1000000, next = t0;
	uint64_t n = 0;

	while (now_ns() < end) {
		if (period_us == 0) {
			usleep(10000);
			continue;
		}
		next += (uint64_t)period_us * 1000;
		while (now_ns() < next)
			usleep(50);
		if (rte_pmd_netdma_suspend(st.d->id, 0, NULL) == 0 &&
				rte_pmd_netdma_resume(st.d->id, 0) == 0)
			n++;
	}
	*cycles = n;
	return (__atomic_load_n(&st.done, __ATOMIC_RELAXED) - d0) /
		((now_ns() - t0) / 1e9);
}

static int
run_bench(unsigned int nb_lat)
{
	unsigned int lcore = rte_get_next_lcore(-1, 1, 0), i, n = 0;
	uint64_t *sus = calloc(nb_lat, sizeof(uint64_t));
	uint64_t *res = calloc(nb_lat, sizeof(uint64_t));
	uint64_t c0, c1, c2;
	double r0, r1, r2;

	if (sus == NULL || res == NULL)
		return -1;
	if (rte_eal_remote_launch(worker, NULL, lcore) != 0)
		return -1;
	usleep(200000);	/* warm up */
	r0 = bench_rate(2000, 0, &c0);
	r1 = bench_rate(2000, 1000, &c1);
	r2 = bench_rate(2000, 0, &c2);
	for (i = 0; i < nb_lat; i++) {
		uint64_t t0, t1, t2;

		usleep(200);
		t0 = now_ns();
		if (rte_pmd_netdma_suspend(st.d->id, 0, NULL) != 0)
			continue;
		t1 = now_ns();
		if (rte_pmd_netdma_resume(st.d->id, 0) != 0)
			break;
		t2 = now_ns();
		sus[n] = t1 - t0;
		res[n] = t2 - t1;
		n++;
	}
	__atomic_store_n(&st.stop, true, __ATOMIC_RELEASE);
	rte_eal_wait_lcore(lcore);
	printf("bench (resume=%s, ring %u, 256-byte copies, data path flat out on lcore %u):\n",
			tf_resume, st.nb_desc, lcore);
	printf("  throughput: %.0f jobs/s without suspensions, %.0f jobs/s with a suspend/resume "
			"every 1 ms (%" PRIu64 " cycles in 2 s), %.0f jobs/s without again\n",
			r0, r1, c1, r2);
	if (n > 0) {
		print_lat("suspend", sus, n);
		print_lat("resume", res, n);
	}
	printf("  lost=%" PRIu64 " duplicated=%" PRIu64 "\n", st.enq - st.done,
			st.sequence_errors);
	free(sus);
	free(res);
	return st.enq == st.done && st.sequence_errors == 0 && n > 0 ? 0 : -1;
}

int
main(int argc, char **argv)
{
	uint64_t cycles = 3000, seed = 1;
	unsigned int nb_desc = 1024, i;
	char devargs[128];
	int ret;

	ret = rte_eal_init(argc, argv);
	if (ret < 0) {
		fprintf(stderr, "cannot init EAL\n");
		return 1;
	}
	for (i = (unsigned int)ret + 1; i < (unsigned int)argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--resume=cmd") == 0) {
			tf_resume = "cmd";
		} else if (strcmp(a, "--resume=rearm") == 0) {
			tf_resume = "rearm";
			tf_rearm = true;
		} else if (strncmp(a, "--cycles=", 9) == 0) {
			cycles = strtoull(a + 9, NULL, 0);
		} else if (strncmp(a, "--seed=", 7) == 0) {
			seed = strtoull(a + 7, NULL, 0);
		} else if (strncmp(a, "--nb-desc=", 10) == 0) {
			nb_desc = (unsigned int)strtoul(a + 10, NULL, 0);
		} else if (strncmp(a, "--errors=", 9) == 0) {
			st.errors_permille = (unsigned int)strtoul(a + 9, NULL, 0);
		} else if (strcmp(a, "--bench") == 0) {
			st.bench = true;
		} else {
			fprintf(stderr, "usage: %s <EAL args> -- [--resume=cmd|rearm] [--cycles=N] "
					"[--seed=N] [--nb-desc=N] [--errors=PERMILLE] [--bench]\n",
					argv[0]);
			return 2;
		}
	}
	if (rte_lcore_count() < 2) {
		fprintf(stderr, "needs a worker lcore: run with -l 0-1\n");
		return 2;
	}
	tf_seed(seed);
	st.worker_rng = seed * 0x9E3779B97F4A7C15ull + 1;
	if (tbuf_alloc_keep(&tf_src, TF_SRC_LEN) != 0)
		return 1;
	for (i = 0; i < TF_SRC_LEN; i++)
		tf_src.va[i] = (uint8_t)tf_rand();
	for (i = 0; i < ST_BUF_LEN; i++)
		st.poison[i] = tbuf_poison_byte(i);
	/* the engine shares CPU 0 with the (mostly sleeping) control thread;
	 * the data path has CPU 1 */
	snprintf(devargs, sizeof(devargs), "engine_cpu=0");
	st.d = tdev_open(devargs, (uint16_t)nb_desc);
	if (st.d == NULL)
		return 1;
	st.nb_desc = st.d->nb_desc;
	st.rec = calloc(st.nb_desc, sizeof(*st.rec));
	if (st.rec == NULL)
		return 1;
	for (i = 0; i < st.nb_desc; i++)
		if (tbuf_alloc_keep(&st.rec[i].dst, ST_BUF_LEN) != 0)
			return 1;
	for (i = 0; i < ST_INS_BUFS; i++)
		if (tbuf_alloc_keep(&ins[i].dst, ST_BUF_LEN) != 0)
			return 1;
	ret = st.bench ? run_bench(cycles < 100 ? 100 : (unsigned int)RTE_MIN(cycles, 100000u)) :
		run_stress(cycles);
	tdev_close(st.d);
	rte_eal_cleanup();
	return ret == 0 ? 0 : 1;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * The ctrl suite: the control path under full load.  A worker lcore copies
 * flat out on a netdma channel whose engine is pinned (to the main lcore's
 * CPU by default, so the control thread shares it with the engine, as it
 * must on a 2-core machine), while the main lcore:
 *
 *  - latency: runs --ctrl-cycles suspend + resume cycles, one every
 *    CTRL_PERIOD_US, on 64-byte copies (the engine keeps up: the channel is
 *    running when SUSPEND comes) and reports the suspend call's latency,
 *    p50, p99 and max, as the caller sees it;
 *  - teardown: on 64 KiB copies with a CTRL_TD_RING ring (the engine is the
 *    bottleneck: the ring stays full, thousands of jobs pending), runs
 *    --ctrl-teardowns teardowns: suspend, list the pending jobs, cancel every
 *    other one up to --ctrl-cancel of them, resume; once with one
 *    rte_pmd_netdma_cancel() call per job and once with one
 *    rte_pmd_netdma_cancel_bulk() call (where the PMD has it).  It reports
 *    how long the channel was held (suspend return to resume return) and
 *    its parts.  The worker checks that exactly the cancelled jobs complete
 *    with USER_ABORT and every other one succeeds.
 *
 * Each round runs the three variants in turn; the table shows, per metric,
 * the minimum, median and maximum over the rounds.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_cycles.h>
#include <rte_dmadev.h>
#include <rte_launch.h>

#include "bench.h"

#define CTRL_PERIOD_US		200	/* between two suspend/resume cycles */
#define CTRL_LAT_SIZE		64
#define CTRL_TD_SIZE		65536
#define CTRL_TD_RING		4096
#define CTRL_TD_PERIOD_US	20000	/* the ring refills between teardowns */
#define CTRL_WARMUP_US		100000

enum ctrl_var { VAR_LATENCY, VAR_TD_SINGLE, VAR_TD_BULK, VAR_COUNT };

static const char *const var_names[VAR_COUNT] = {
	[VAR_LATENCY] = "suspend latency (64 B)",
	[VAR_TD_SINGLE] = "teardown, cancel x N",
	[VAR_TD_BULK] = "teardown, cancel_bulk",
};

/* One round of one variant; times in us. */
struct ctrl_res {
	bool ran, ok;
	double p50, p99, max;		/* suspend latency, or hold time */
	double walk, cancel, resume;	/* teardown: medians of the parts */
	double cancelled;		/* teardown: median jobs cancelled */
	uint64_t n;			/* samples */
};

typedef int (*cancel_bulk_fn)(int16_t, uint16_t, const uint16_t *, uint16_t, int *);

static struct bench_lane lane;
static volatile bool stop_flag;

static double
tsc_us(uint64_t cyc)
{
	return (double)cyc * 1e6 / (double)rte_get_tsc_hz();
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Percentile p (0..100) of n sorted samples, in us. */
static double
pct(const uint64_t *s, uint64_t n, double p)
{
	uint64_t i;

	if (n == 0)
		return 0;
	i = (uint64_t)(p / 100.0 * (double)(n - 1) + 0.5);
	return tsc_us(s[i < n ? i : n - 1]);
}

static double
median_of(uint64_t *s, uint64_t n)
{
	qsort(s, n, sizeof(*s), cmp_u64);
	return pct(s, n, 50);
}

/* Start the worker flat out on a fresh channel. */
static int
start(const struct bench_ctrl_env *e, uint16_t ring, uint32_t size, struct bench_devs *d,
		struct bench_worker *w)
{
	struct bench_variant v;
	int rc;

	memset(&v, 0, sizeof(v));
	v.kind = KIND_NETDMA;
	v.on_demand = true;
	snprintf(v.name, sizeof(v.name), "%s", e->dev_name);
	snprintf(v.args, sizeof(v.args), "%s", e->dev_args);
	rc = bench_devs_open(&v, ring, d);
	if (rc < 0)
		return rc;
	memset(&lane, 0, sizeof(lane));
	lane.dev_id = d->ids[0];
	snprintf(lane.dev_name, sizeof(lane.dev_name), "%s", d->names[0]);
	lane.seed = (uint64_t)bench_now_ns() << 8;
	lane.allow_abort = true;
	rc = bench_mem_lanes(e->mem, &lane, 1, size);
	if (rc < 0) {
		bench_devs_close(d);
		return rc;
	}
	memset(w, 0, sizeof(*w));
	w->lcore = e->worker_lcore;
	w->batch = e->o->batch;
	w->stop = &stop_flag;
	w->lanes[0] = &lane;
	w->nb_lanes = 1;
	rte_eal_remote_launch(bench_worker_prepare, w, w->lcore);
	rte_eal_wait_lcore(w->lcore);
	stop_flag = false;
	if (rte_eal_remote_launch(bench_worker_main, w, w->lcore) != 0) {
		bench_devs_close(d);
		return -EBUSY;
	}
	bench_sleep_until(bench_now_ns() + CTRL_WARMUP_US * 1000ull);
	return 0;
}

/* Stop the worker; false if the lane failed or the aborts do not add up. */
static bool
finish(const struct bench_ctrl_env *e, struct bench_devs *d, struct bench_worker *w,
		uint64_t cancelled, bool verify)
{
	uint64_t checked, bad = 0;
	bool ok = true;

	stop_flag = true;
	rte_eal_wait_lcore(w->lcore);
	if (lane.err != 0) {
		fprintf(stderr, "netdma-bench: ctrl: %s\n", lane.err_msg);
		ok = false;
	}
	if (lane.aborted != cancelled) {
		fprintf(stderr, "netdma-bench: ctrl: %llu jobs cancelled, %llu completed with "
				"USER_ABORT\n", (unsigned long long)cancelled,
				(unsigned long long)lane.aborted);
		ok = false;
	}
	if (lane.jobs != lane.enqueued || lane.jobs == 0) {
		fprintf(stderr, "netdma-bench: ctrl: %llu of %llu jobs completed\n",
				(unsigned long long)lane.jobs, (unsigned long long)lane.enqueued);
		ok = false;
	}
	if (verify) {
		bad = bench_lane_verify(&lane, e->o->verify, &checked);
		if (bad != 0) {
			fprintf(stderr, "netdma-bench: ctrl: %llu buffers differ\n",
					(unsigned long long)bad);
			ok = false;
		}
	}
	bench_devs_close(d);
	return ok;
}

static int
run_latency(const struct bench_ctrl_env *e, struct ctrl_res *r)
{
	const struct bench_netdma_api *api = e->api;
	uint64_t *lat, next, t0, t1, n = 0;
	struct bench_devs d;
	struct bench_worker w;
	unsigned int i;
	int rc;

	lat = calloc(e->o->ctrl_cycles, sizeof(*lat));
	if (lat == NULL)
		return -ENOMEM;
	rc = start(e, e->o->ring, CTRL_LAT_SIZE, &d, &w);
	if (rc < 0) {
		free(lat);
		return rc;
	}
	r->ok = true;
	next = bench_now_ns();
	for (i = 0; i < e->o->ctrl_cycles; i++) {
		next += CTRL_PERIOD_US * 1000ull;
		bench_sleep_until(next);
		t0 = rte_rdtsc();
		rc = api->suspend(lane.dev_id, 0, NULL);
		t1 = rte_rdtsc();
		if (rc == 0)
			rc = api->resume(lane.dev_id, 0);
		if (rc != 0) {
			fprintf(stderr, "netdma-bench: ctrl: suspend/resume: %s\n", strerror(-rc));
			r->ok = false;
			break;
		}
		lat[n++] = t1 - t0;
	}
	r->ok &= finish(e, &d, &w, 0, true);
	qsort(lat, n, sizeof(*lat), cmp_u64);
	r->n = n;
	r->p50 = pct(lat, n, 50);
	r->p99 = pct(lat, n, 99);
	r->max = n ? tsc_us(lat[n - 1]) : 0;
	r->ran = true;
	free(lat);
	return 0;
}

static int
run_teardown(const struct bench_ctrl_env *e, bool bulk, struct ctrl_res *r)
{
	const struct bench_netdma_api *api = e->api;
	const unsigned int nt = e->o->ctrl_teardowns;
	struct rte_pmd_netdma_job *jobs;
	uint64_t *hold, *walk, *canc, *res, *cnt, total = 0, next;
	uint16_t *ids;
	struct bench_devs d;
	struct bench_worker w;
	unsigned int t, n = 0;
	int rc, np, i;

	jobs = calloc(CTRL_TD_RING, sizeof(*jobs));
	ids = calloc(CTRL_TD_RING, sizeof(*ids));
	hold = calloc(5 * (size_t)nt, sizeof(*hold));
	if (jobs == NULL || ids == NULL || hold == NULL) {
		rc = -ENOMEM;
		goto out;
	}
	walk = hold + nt;
	canc = walk + nt;
	res = canc + nt;
	cnt = res + nt;
	rc = start(e, CTRL_TD_RING, CTRL_TD_SIZE, &d, &w);
	if (rc < 0)
		goto out;
	r->ok = true;
	next = bench_now_ns();
	for (t = 0; t < nt && r->ok; t++) {
		uint64_t t0, t1, t2, t3;
		uint16_t k = 0;

		next += CTRL_TD_PERIOD_US * 1000ull;
		bench_sleep_until(next);
		rc = api->suspend(lane.dev_id, 0, NULL);
		if (rc != 0)
			break;
		t0 = rte_rdtsc();
		np = api->pending(lane.dev_id, 0, jobs, CTRL_TD_RING);
		for (i = 0; i < np && i < CTRL_TD_RING && k < e->o->ctrl_cancel; i += 2)
			if (jobs[i].ticket == 0)
				ids[k++] = jobs[i].ring_idx;
		t1 = rte_rdtsc();
		if (bulk) {
			rc = ((cancel_bulk_fn)api->cancel_bulk)(lane.dev_id, 0, ids, k, NULL);
			if (rc != k) {
				fprintf(stderr, "netdma-bench: ctrl: cancel_bulk of %u: %d\n", k, rc);
				r->ok = false;
			}
			total += rc > 0 ? (uint64_t)rc : 0;
		} else {
			for (i = 0; i < k; i++) {
				rc = api->cancel(lane.dev_id, 0, ids[i]);
				if (rc != 0) {
					fprintf(stderr, "netdma-bench: ctrl: cancel: %s\n",
							strerror(-rc));
					r->ok = false;
					break;
				}
				total++;
			}
		}
		t2 = rte_rdtsc();
		rc = api->resume(lane.dev_id, 0);
		t3 = rte_rdtsc();
		if (rc != 0)
			break;
		hold[n] = t3 - t0;
		walk[n] = t1 - t0;
		canc[n] = t2 - t1;
		res[n] = t3 - t2;
		cnt[n] = k;
		n++;
	}
	if (rc < 0) {
		fprintf(stderr, "netdma-bench: ctrl: teardown: %s\n", strerror(-rc));
		r->ok = false;
	}
	/* cancelled jobs leave their destinations alone: no byte check here */
	r->ok &= finish(e, &d, &w, total, false);
	r->n = n;
	r->walk = median_of(walk, n);
	r->cancel = median_of(canc, n);
	r->resume = median_of(res, n);
	qsort(cnt, n, sizeof(*cnt), cmp_u64);
	r->cancelled = n ? (double)cnt[n / 2] : 0;
	qsort(hold, n, sizeof(*hold), cmp_u64);
	r->p50 = pct(hold, n, 50);
	r->p99 = pct(hold, n, 99);
	r->max = n ? tsc_us(hold[n - 1]) : 0;
	r->ran = true;
	rc = 0;
out:
	free(jobs);
	free(ids);
	free(hold);
	return rc;
}

static int
cmp_dbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* min / median / max of one field over the rounds */
static void
spread(const struct ctrl_res *rs, unsigned int nr, size_t off, char *out, size_t len)
{
	double v[BENCH_MAX_ROUNDS];
	unsigned int i, n = 0;

	for (i = 0; i < nr; i++)
		if (rs[i].ran)
			v[n++] = *(const double *)((const char *)&rs[i] + off);
	if (n == 0) {
		snprintf(out, len, "-");
		return;
	}
	qsort(v, n, sizeof(*v), cmp_dbl);
	snprintf(out, len, "%.1f / %.1f / %.1f", v[0], v[n / 2], v[n - 1]);
}

int
bench_ctrl_suite(const struct bench_ctrl_env *e, FILE *csv)
{
	const struct bench_opts *o = e->o;
	struct ctrl_res rs[VAR_COUNT][BENCH_MAX_ROUNDS];
	static const struct { const char *name; size_t off; } cols[] = {
		{ "p50", offsetof(struct ctrl_res, p50) },
		{ "p99", offsetof(struct ctrl_res, p99) },
		{ "max", offsetof(struct ctrl_res, max) },
		{ "pending list", offsetof(struct ctrl_res, walk) },
		{ "cancels", offsetof(struct ctrl_res, cancel) },
		{ "resume", offsetof(struct ctrl_res, resume) },
		{ "jobs cancelled", offsetof(struct ctrl_res, cancelled) },
	};
	bool failed = false;
	unsigned int r, v, c;
	char buf[64];
	int rc;

	memset(rs, 0, sizeof(rs));
	printf("\n-- suite ctrl: vdev %s,%s; worker lcore %u flat out; %u suspend/resume "
			"cycles per round, one every %u us, on %u B copies (ring %u); %u teardowns "
			"per round cancelling every other pending job, up to %u, on %u B copies "
			"(ring %u)%s\n", e->dev_name, e->dev_args, e->worker_lcore, o->ctrl_cycles,
			CTRL_PERIOD_US, CTRL_LAT_SIZE, o->ring, o->ctrl_teardowns, o->ctrl_cancel,
			CTRL_TD_SIZE, CTRL_TD_RING,
			e->api->cancel_bulk ? "" : "; no rte_pmd_netdma_cancel_bulk in this PMD");
	for (r = 0; r < o->rounds; r++) {
		for (v = 0; v < VAR_COUNT; v++) {
			struct ctrl_res *x = &rs[v][r];

			if (v == VAR_TD_BULK && e->api->cancel_bulk == NULL)
				continue;
			rc = v == VAR_LATENCY ? run_latency(e, x) :
				run_teardown(e, v == VAR_TD_BULK, x);
			if (rc < 0)
				return rc;
			failed |= !x->ok;
			if (!o->quiet)
				printf("  round %u/%u %-24s p50 %7.1f us  p99 %7.1f us  max %7.1f us"
						"%s%s\n", r + 1, o->rounds, var_names[v], x->p50,
						x->p99, x->max, v == VAR_LATENCY ? "" : "  (held)",
						x->ok ? "" : "  FAILED");
			if (v == VAR_LATENCY)
				fprintf(csv, "%u,latency,%llu,%.2f,%.2f,%.2f,,,,,%d\n", r,
						(unsigned long long)x->n, x->p50, x->p99, x->max,
						x->ok);
			else
				fprintf(csv, "%u,%s,%llu,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.0f,%d\n",
						r, v == VAR_TD_BULK ? "teardown_bulk" :
						"teardown_single", (unsigned long long)x->n,
						x->p50, x->p99, x->max, x->walk, x->cancel,
						x->resume, x->cancelled, x->ok);
			fflush(stdout);
		}
	}
	printf("\nctrl: min / median / max over %u rounds, us (suspend latency: as the caller "
			"sees it; teardown: the channel held, suspend return to resume return)\n",
			o->rounds);
	for (v = 0; v < VAR_COUNT; v++) {
		if (!rs[v][0].ran)
			continue;
		printf("  %s\n", var_names[v]);
		for (c = 0; c < RTE_DIM(cols); c++) {
			if (v == VAR_LATENCY && c >= 3)
				break;
			spread(rs[v], o->rounds, cols[c].off, buf, sizeof(buf));
			printf("    %-16s %s\n", cols[c].name, buf);
		}
	}
	return failed ? 1 : 0;
}

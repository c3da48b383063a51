/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * netdma-bench: the suites, their variants and one run of a variant at one
 * buffer size.  Within a suite, round after round, every size runs every
 * variant in turn, so slow drifts of a noisy machine hit them all alike.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#include <rte_cycles.h>
#include <rte_dmadev.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_malloc.h>

#include "bench.h"

struct bench {
	struct bench_opts o;
	struct bench_mem mem;
	struct bench_netdma_api api;
	bool have_api;
	unsigned int workers[RTE_MAX_LCORE];
	unsigned int nb_workers;
	int engine_cpu;
	unsigned int main_lcore;
	uint64_t runs;
	bool failed;
};

static struct bench_lane lanes[BENCH_MAX_LANES];
static volatile bool stop_flag;

/* ---- devargs helpers ---- */

/* args without the key=value items whose key is one of keys. */
static void
args_without(const char *args, const char *const *keys, char *out, size_t len)
{
	char buf[BENCH_ARGS_LEN], *tok, *save = NULL;
	size_t used = 0;

	snprintf(buf, sizeof(buf), "%s", args);
	out[0] = '\0';
	for (tok = strtok_r(buf, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
		const char *const *k;
		bool drop = false;

		for (k = keys; *k != NULL; k++) {
			size_t kl = strlen(*k);

			if (strncmp(tok, *k, kl) == 0 && (tok[kl] == '=' || tok[kl] == '\0'))
				drop = true;
		}
		if (!drop)
			used += snprintf(out + used, len - used, "%s%s", used ? "," : "", tok);
	}
}

static void
args_add(char *args, size_t len, const char *item)
{
	size_t used = strlen(args);

	snprintf(args + used, len - used, "%s%s", used ? "," : "", item);
}

static enum bench_kind
kind_of(const char *name)
{
	if (strncmp(name, "dma_netdma", 10) == 0)
		return KIND_NETDMA;
	if (strncmp(name, "dma_skeleton", 12) == 0)
		return KIND_SKELETON;
	return KIND_OTHER;
}

static bool
dev_exists(const char *name)
{
	char ch0[BENCH_NAME_LEN + 8];

	snprintf(ch0, sizeof(ch0), "%s_ch0", name);
	return bench_dmadev_exists(name) || bench_dmadev_exists(ch0);
}

/* ---- variants ---- */

static struct bench_variant *
variant_add(struct bench_variant *vs, unsigned int *nb, enum bench_suite s)
{
	struct bench_variant *v;

	if (*nb == BENCH_MAX_VARIANTS) {
		fprintf(stderr, "netdma-bench: too many variants\n");
		exit(2);
	}
	v = &vs[(*nb)++];
	memset(v, 0, sizeof(*v));
	v->suite = s;
	return v;
}

static int
variant_from_spec(const struct bench_devspec *d, struct bench_variant *v)
{
	snprintf(v->label, sizeof(v->label), "%s", d->name);
	if (d->cpu) {
		v->cpu = true;
		v->kind = KIND_CPU;
		return 0;
	}
	snprintf(v->name, sizeof(v->name), "%s", d->name);
	v->kind = kind_of(d->name);
	if (dev_exists(d->name)) {
		if (d->has_args) {
			fprintf(stderr, "netdma-bench: --dev %s,%s: %s exists already (EAL --vdev?); "
					"give its devargs in one place\n", d->name, d->args, d->name);
			return -EEXIST;
		}
		return 0;
	}
	v->on_demand = true;
	snprintf(v->args, sizeof(v->args), "%s", d->args);
	return 0;
}

static const struct bench_devspec *
first_spec(const struct bench_opts *o, enum bench_kind k)
{
	unsigned int i;

	for (i = 0; i < o->nb_devs; i++)
		if (!o->devs[i].cpu && kind_of(o->devs[i].name) == k)
			return &o->devs[i];
	return NULL;
}

/* An on-demand base for the suites that vary devargs. */
static void
suite_base(const struct bench *b, const struct bench_devspec *d, const char *alt_name,
		const char *pin_item, char *name, char *args)
{
	if (dev_exists(d->name)) {
		/* Persistent (EAL --vdev): vary a device of our own beside it. */
		snprintf(name, BENCH_NAME_LEN, "%s", alt_name);
		snprintf(args, BENCH_ARGS_LEN, "%s", pin_item);
	} else {
		snprintf(name, BENCH_NAME_LEN, "%s", d->name);
		snprintf(args, BENCH_ARGS_LEN, "%s", d->args);
	}
	RTE_SET_USED(b);
}

static int
build_variants(struct bench *b, enum bench_suite s, struct bench_variant *vs, unsigned int *nb)
{
	static const char *const pin_keys[] = { "engine_cpu", "engine_lcore", "lcore", NULL };
	static const char *const ch_keys[] = { "channels", NULL };
	const struct bench_opts *o = &b->o;
	const struct bench_devspec *nd = first_spec(o, KIND_NETDMA);
	const struct bench_devspec *sk = first_spec(o, KIND_SKELETON);
	char name[BENCH_NAME_LEN], args[BENCH_ARGS_LEN], item[64], base[BENCH_ARGS_LEN];
	struct bench_variant *v;
	unsigned int i;
	int rc;

	*nb = 0;
	if (s != SUITE_SWEEP && nd == NULL) {
		fprintf(stderr, "netdma-bench: suite %s needs a netdma --dev; skipped\n",
				bench_suite_name(s));
		return 0;
	}
	switch (s) {
	case SUITE_SWEEP:
		for (i = 0; i < o->nb_devs; i++) {
			rc = variant_from_spec(&o->devs[i], variant_add(vs, nb, s));
			if (rc < 0)
				return rc;
		}
		break;
	case SUITE_CHANNELS:
		snprintf(item, sizeof(item), "engine_cpu=%d", b->engine_cpu);
		suite_base(b, nd, "dma_netdma_bench", item, name, base);
		for (i = 0; i < o->nb_channels; i++) {
			v = variant_add(vs, nb, s);
			v->kind = KIND_NETDMA;
			v->on_demand = true;
			v->channels = o->channels[i];
			snprintf(v->name, sizeof(v->name), "%s", name);
			args_without(base, ch_keys, v->args, sizeof(v->args));
			snprintf(item, sizeof(item), "channels=%u", o->channels[i]);
			args_add(v->args, sizeof(v->args), item);
			snprintf(v->label, sizeof(v->label), "netdma ch=%u", o->channels[i]);
		}
		break;
	case SUITE_PINNING:
		for (i = 0; i < 2; i++) {
			const struct bench_devspec *d = i == 0 ? nd : sk;
			const char *kn = i == 0 ? "netdma" : "skeleton";
			unsigned int p;

			if (d == NULL)
				continue;
			if (i == 0)
				snprintf(item, sizeof(item), "engine_cpu=%d", b->engine_cpu);
			else
				snprintf(item, sizeof(item), "lcore=%u", b->main_lcore);
			suite_base(b, d, i == 0 ? "dma_netdma_bench" : "dma_skeleton_bench", item,
					name, base);
			args_without(base, pin_keys, args, sizeof(args));
			for (p = 0; p < 2; p++) {
				bool pinned = p == 0;

				v = variant_add(vs, nb, s);
				v->kind = i == 0 ? KIND_NETDMA : KIND_SKELETON;
				v->on_demand = true;
				v->float_engine = !pinned;
				snprintf(v->name, sizeof(v->name), "%s", name);
				snprintf(v->args, sizeof(v->args), "%s", args);
				if (pinned)
					args_add(v->args, sizeof(v->args), item);
				snprintf(v->label, sizeof(v->label), "%s %s", kn,
						pinned ? "pinned" : "floating");
			}
		}
		break;
	case SUITE_SSR:
		if (!b->have_api) {
			fprintf(stderr, "netdma-bench: suite ssr: rte_pmd_netdma_suspend not found "
					"(load the PMD with -d <build>/drivers/librte_dma_netdma.so)\n");
			return -ENOENT;
		}
		for (i = 0; i < 2; i++) {
			v = variant_add(vs, nb, s);
			rc = variant_from_spec(nd, v);
			if (rc < 0)
				return rc;
			if (i == 1) {
				v->ssr_period_us = o->ssr_period_us;
				snprintf(v->label, sizeof(v->label), "netdma+ssr/%uus",
						o->ssr_period_us);
			} else {
				snprintf(v->label, sizeof(v->label), "netdma");
			}
		}
		break;
	default:
		break;
	}
	return 0;
}

/* ---- one run ---- */

struct ssr_ctx {
	const struct bench_netdma_api *api;
	int16_t dev_id;
	uint64_t period_ns;
	uint64_t next_ns;
	uint64_t cycles, failures;
	uint64_t late_ns;	/* sum over cycles of start - due time */
	uint64_t cycle_ns;	/* sum over cycles of suspend call to resume return */
	int first_err;
};

static void
ssr_tick(struct ssr_ctx *c)
{
	struct rte_pmd_netdma_suspend_info info;
	uint64_t t0 = bench_now_ns();
	int rc = c->api->suspend(c->dev_id, 0, &info);

	if (rc == 0)
		rc = c->api->resume(c->dev_id, 0);
	c->cycle_ns += bench_now_ns() - t0;
	if (rc == 0) {
		c->cycles++;
	} else {
		c->failures++;
		if (c->first_err == 0)
			c->first_err = rc;
	}
}

/* Sleep until ns; with ssr, run a suspend/resume cycle every period meanwhile. */
static void
wait_until(uint64_t ns, struct ssr_ctx *c)
{
	uint64_t t;

	if (c == NULL) {
		bench_sleep_until(ns);
		return;
	}
	for (t = bench_now_ns(); t < ns; t = bench_now_ns()) {
		if (t >= c->next_ns) {
			c->late_ns += t - c->next_ns;
			ssr_tick(c);
			c->next_ns += c->period_ns;
			if (c->next_ns <= t)	/* fell behind: do not burst */
				c->next_ns = t + c->period_ns;
			continue;
		}
		bench_sleep_until(c->next_ns < ns ? c->next_ns : ns);
	}
}

/* CPU time of every process (/proc/stat) and of ours, in clock ticks. */
static void
cpu_ticks(uint64_t *sys_busy, uint64_t *self)
{
	unsigned long long v[8] = { 0 }, ut = 0, st = 0;
	char buf[1024], *p;
	FILE *f;

	*sys_busy = *self = 0;
	f = fopen("/proc/stat", "r");
	if (f != NULL) {
		/* cpu user nice system idle iowait irq softirq steal */
		if (fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1],
				&v[2], &v[3], &v[4], &v[5], &v[6], &v[7]) == 8)
			*sys_busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];
		fclose(f);
	}
	f = fopen("/proc/self/stat", "r");
	if (f != NULL) {
		/* after "(comm)": state is field 3, utime 14, stime 15 */
		if (fgets(buf, sizeof(buf), f) != NULL && (p = strrchr(buf, ')')) != NULL &&
				sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
					&ut, &st) == 2)
			*self = ut + st;
		fclose(f);
	}
}

/*
 * The main lcore shares its core with the engine thread.  The engine gives
 * the CPU away after it takes a command and while it is idle, and the
 * driver yields while it waits for the engine, so at the default priority
 * the cycle costs little.  A higher priority (--ssr-nice -20) is worse
 * under EEVDF (Linux 6.6+): a heavy task's sched_yield() barely moves its
 * deadline, so it is picked again and the engine it waits for starves.
 */
static void
main_nice(int nice)
{
	static bool warned;

	if (setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), nice) != 0 && nice != 0 &&
			!warned) {
		printf("netdma-bench: cannot set the main lcore's nice to %d (%s): suspend/resume "
				"cycles may come late; see the cycles/ms column\n", nice,
				strerror(errno));
		warned = true;
	}
}

static void
snapshot(const struct bench_lane *ls, unsigned int nb, struct bench_snap *s)
{
	unsigned int i;

	memset(s, 0, sizeof(*s));
	cpu_ticks(&s->sys_busy_ticks, &s->self_ticks);
	s->ns = bench_now_ns();
	s->tsc = rte_rdtsc();
	for (i = 0; i < nb; i++) {
		s->jobs += __atomic_load_n(&ls[i].jobs, __ATOMIC_RELAXED);
		s->work_cyc += __atomic_load_n(&ls[i].work_cyc, __ATOMIC_RELAXED);
		s->wait_cyc += __atomic_load_n(&ls[i].wait_cyc, __ATOMIC_RELAXED);
		s->copy_cyc += __atomic_load_n(&ls[i].copy_cyc, __ATOMIC_RELAXED);
		s->submit_cyc += __atomic_load_n(&ls[i].submit_cyc, __ATOMIC_RELAXED);
		s->cpl_cyc += __atomic_load_n(&ls[i].cpl_cyc, __ATOMIC_RELAXED);
		s->submit_calls += __atomic_load_n(&ls[i].submit_calls, __ATOMIC_RELAXED);
		s->cpl_calls += __atomic_load_n(&ls[i].cpl_calls, __ATOMIC_RELAXED);
	}
}

static void
launch_all(struct bench_worker *w, unsigned int nw, lcore_function_t *fn)
{
	unsigned int i;

	for (i = 0; i < nw; i++)
		if (rte_eal_remote_launch(fn, &w[i], w[i].lcore) != 0) {
			fprintf(stderr, "netdma-bench: cannot launch on lcore %u\n", w[i].lcore);
			exit(1);
		}
	for (i = 0; i < nw; i++)
		rte_eal_wait_lcore(w[i].lcore);
}

static int
run_one(struct bench *b, const struct bench_variant *v, uint32_t size,
		struct bench_result *res)
{
	const struct bench_opts *o = &b->o;
	struct bench_worker w[RTE_MAX_LCORE];
	struct rte_pmd_netdma_stats st0, st1;
	struct ssr_ctx ssr = { .api = &b->api };
	uint64_t ssr_c0 = 0, ssr_l0 = 0, ssr_t0 = 0;
	struct bench_snap s0, s1;
	struct bench_devs d = { .nb = 0 };
	unsigned int nb_lanes, nw, i;
	uint64_t t, dt, checked;
	double secs;
	int rc;

	memset(res, 0, sizeof(*res));
	/* before the device exists: no engine thread beside the probe */
	res->xcore_rtt = bench_xcore_rtt(b->workers[0]);
	if (!v->cpu) {
		rc = bench_devs_open(v, o->ring, &d);
		if (rc < 0)
			return rc;
	}
	nb_lanes = v->cpu ? 1 : d.nb;
	memset(lanes, 0, sizeof(lanes));
	for (i = 0; i < nb_lanes; i++) {
		lanes[i].dev_id = v->cpu ? -1 : d.ids[i];
		snprintf(lanes[i].dev_name, sizeof(lanes[i].dev_name), "%s",
				v->cpu ? "cpu" : d.names[i]);
		lanes[i].seed = (++b->runs << 8) | i;
	}
	rc = bench_mem_lanes(&b->mem, lanes, nb_lanes, size);
	if (rc < 0)
		goto out;

	/* One worker per lane while there are lcores; round-robin after. */
	nw = nb_lanes < b->nb_workers ? nb_lanes : b->nb_workers;
	memset(w, 0, sizeof(w[0]) * nw);
	for (i = 0; i < nw; i++) {
		w[i].lcore = b->workers[i];
		w[i].batch = o->batch;
		w[i].stop = &stop_flag;
	}
	for (i = 0; i < nb_lanes; i++) {
		struct bench_worker *wk = &w[i % nw];

		wk->lanes[wk->nb_lanes++] = &lanes[i];
	}
	launch_all(w, nw, bench_worker_prepare);	/* data made where it is used */

	if (v->ssr_period_us) {
		ssr.dev_id = d.ids[0];
		ssr.period_ns = (uint64_t)v->ssr_period_us * 1000;
		b->api.stats_get(ssr.dev_id, 0, &st0);
	}
	if (v->ssr_period_us)
		main_nice(o->ssr_nice);
	stop_flag = false;
	for (i = 0; i < nw; i++)
		if (rte_eal_remote_launch(bench_worker_main, &w[i], w[i].lcore) != 0) {
			fprintf(stderr, "netdma-bench: cannot launch on lcore %u\n", w[i].lcore);
			exit(1);
		}
	t = bench_now_ns();
	ssr.next_ns = t + ssr.period_ns;
	wait_until(t + (uint64_t)(o->warmup_secs * 1e9), v->ssr_period_us ? &ssr : NULL);
	snapshot(lanes, nb_lanes, &s0);
	ssr_c0 = ssr.cycles + ssr.failures;
	ssr_l0 = ssr.late_ns;
	ssr_t0 = ssr.cycle_ns;
	t = bench_now_ns();
	wait_until(t + (uint64_t)(o->secs * 1e9), v->ssr_period_us ? &ssr : NULL);
	snapshot(lanes, nb_lanes, &s1);
	stop_flag = true;
	for (i = 0; i < nw; i++)
		rte_eal_wait_lcore(w[i].lcore);
	if (v->ssr_period_us)
		main_nice(0);

	dt = s1.tsc - s0.tsc;
	secs = (double)dt / (double)rte_get_tsc_hz();
	res->jobs = s1.jobs - s0.jobs;
	res->mops = (double)res->jobs / secs / 1e6;
	res->gbps = (double)res->jobs * size / secs / 1e9;
	if (res->jobs != 0) {
		res->cyc_job = (double)(s1.work_cyc - s0.work_cyc) / (double)res->jobs;
		res->wait_job = (double)(s1.wait_cyc - s0.wait_cyc) / (double)res->jobs;
		res->copy_job = (double)(s1.copy_cyc - s0.copy_cyc) / (double)res->jobs;
		res->submit_job = (double)(s1.submit_cyc - s0.submit_cyc) / (double)res->jobs;
		res->cpl_job = (double)(s1.cpl_cyc - s0.cpl_cyc) / (double)res->jobs;
	}
	if (s1.submit_calls != s0.submit_calls)
		res->submit_call = (double)(s1.submit_cyc - s0.submit_cyc) /
				(double)(s1.submit_calls - s0.submit_calls);
	if (s1.cpl_calls != s0.cpl_calls)
		res->cpl_call = (double)(s1.cpl_cyc - s0.cpl_cyc) /
				(double)(s1.cpl_calls - s0.cpl_calls);
	res->busy = (double)(s1.work_cyc - s0.work_cyc) / ((double)dt * nw);
	if (s1.sys_busy_ticks >= s0.sys_busy_ticks + (s1.self_ticks - s0.self_ticks))
		res->other_cpu = (double)(s1.sys_busy_ticks - s0.sys_busy_ticks -
				(s1.self_ticks - s0.self_ticks)) / (double)sysconf(_SC_CLK_TCK) /
				((double)(s1.ns - s0.ns) / 1e9);
	res->ok = res->jobs > 0;
	for (i = 0; i < nb_lanes; i++) {
		if (lanes[i].err != 0) {
			fprintf(stderr, "netdma-bench: %s, %u B: %s\n", lanes[i].dev_name, size,
					lanes[i].err_msg);
			res->ok = false;
		}
		res->verify_errors += bench_lane_verify(&lanes[i], o->verify, &checked);
		res->bytes_verified += checked;
	}
	if (res->verify_errors != 0) {
		fprintf(stderr, "netdma-bench: %s, %u B: %llu buffers differ from their source\n",
				v->label, size, (unsigned long long)res->verify_errors);
		res->ok = false;
	}
	if (o->verify != VERIFY_NONE && res->bytes_verified == 0)
		res->ok = false;
	if (v->ssr_period_us) {
		uint64_t n = ssr.cycles + ssr.failures - ssr_c0;

		b->api.stats_get(ssr.dev_id, 0, &st1);
		res->ssr_cycles = n;
		res->ssr_failures = ssr.failures;
		res->ssr_per_ms = (double)n / ((double)(s1.ns - s0.ns) / 1e6);
		if (n != 0) {
			res->ssr_late_us = (double)(ssr.late_ns - ssr_l0) / (double)n / 1e3;
			res->ssr_cycle_us = (double)(ssr.cycle_ns - ssr_t0) / (double)n / 1e3;
		}
		if (st1.suspends > st0.suspends) {
			res->ssr_avg_us = (double)(st1.suspend_ns_total - st0.suspend_ns_total) /
					(double)(st1.suspends - st0.suspends) / 1e3;
		}
		res->ssr_max_us = (double)st1.suspend_ns_max / 1e3;
		if (ssr.failures != 0) {
			fprintf(stderr, "netdma-bench: %s: %llu suspend/resume cycles failed, first: "
					"%s\n", v->label, (unsigned long long)ssr.failures,
					strerror(-ssr.first_err));
			res->ok = false;
		}
		if (ssr.cycles == 0)
			res->ok = false;
	}
	rc = 0;
out:
	bench_devs_close(&d);
	return rc;
}

/* ---- suites ---- */

static int
run_suite(struct bench *b, enum bench_suite s, struct bench_table *t,
		struct bench_variant *vs, FILE *medians, FILE *runs)
{
	const struct bench_opts *o = &b->o;
	unsigned int nv, r, si, v;
	int rc;

	rc = build_variants(b, s, vs, &nv);
	if (rc < 0)
		return rc;
	if (nv == 0)
		return 0;
	t->variants = vs;
	t->nb_variants = nv;
	t->sizes = s == SUITE_SWEEP ? o->sizes : o->suite_sizes;
	t->nb_sizes = s == SUITE_SWEEP ? o->nb_sizes : o->nb_suite_sizes;
	t->rounds = o->rounds;
	t->res = calloc((size_t)nv * t->nb_sizes * t->rounds, sizeof(*t->res));
	if (t->res == NULL)
		return -ENOMEM;
	if (!o->quiet) {
		printf("\n-- suite %s:", bench_suite_name(s));
		for (v = 0; v < nv; v++)
			printf(" [%s%s%s%s%s]", vs[v].label, vs[v].on_demand ? ": vdev " : "",
					vs[v].on_demand ? vs[v].name : "",
					vs[v].args[0] ? "," : "", vs[v].args);
		printf("\n");
	}
	for (r = 0; r < t->rounds; r++) {
		for (si = 0; si < t->nb_sizes; si++) {
			for (v = 0; v < nv; v++) {
				struct bench_result *c = bench_cell(t, v, si, r);

				unsigned int tries = 0;

				for (;;) {
					rc = run_one(b, &vs[v], t->sizes[si], c);
					if (rc < 0)
						return rc;
					if (c->other_cpu <= o->busy_threshold ||
							tries++ >= o->busy_retries || !c->ok)
						break;
					if (!o->quiet)
						printf("  (other processes used %.2f CPUs: "
								"again)\n", c->other_cpu);
					bench_sleep_until(bench_now_ns() + 500000000ull);
				}
				if (!c->ok)
					b->failed = true;
				if (!o->quiet)
					printf("  round %u/%u %6u B %-22s %9.2f Mops %7.2f GB/s "
							"%7.1f cyc/job, line round trip %4.0f cyc%s%s\n",
							r + 1, t->rounds, t->sizes[si], vs[v].label,
							c->mops, c->gbps, c->cyc_job, c->xcore_rtt,
							c->other_cpu > 0.05 ?
							"  (other processes busy)" : "",
							c->ok ? "" : "  FAILED");
				fflush(stdout);
			}
		}
	}
	bench_print_suite(stdout, o, s, t);
	bench_csv_suite(medians, runs, s, t);
	return 0;
}

static int
run_ctrl(struct bench *b)
{
	const struct bench_devspec *nd = first_spec(&b->o, KIND_NETDMA);
	struct bench_ctrl_env e = {
		.o = &b->o, .mem = &b->mem, .api = &b->api,
		.worker_lcore = b->workers[0], .engine_cpu = b->engine_cpu,
	};
	char path[600], args[BENCH_ARGS_LEN];
	FILE *f;
	int rc;

	if (!b->have_api || nd == NULL) {
		fprintf(stderr, "netdma-bench: suite ctrl needs the netdma PMD (-d) and a "
				"netdma --dev\n");
		return -ENOENT;
	}
	if (dev_exists(nd->name)) {
		e.dev_name = "dma_netdma_ctrl";
		snprintf(args, sizeof(args), "engine_cpu=%d", b->engine_cpu);
	} else {
		e.dev_name = nd->name;
		snprintf(args, sizeof(args), "%s", nd->args);
	}
	e.dev_args = args;
	snprintf(path, sizeof(path), "%s/ctrl.csv", b->o.out_dir);
	f = fopen(path, "w");
	if (f == NULL) {
		fprintf(stderr, "netdma-bench: %s: %s\n", path, strerror(errno));
		return -errno;
	}
	fprintf(f, "round,what,samples,p50_us,p99_us,max_us,list_us,cancel_us,resume_us,"
			"cancelled,ok\n");
	rc = bench_ctrl_suite(&e, f);
	fclose(f);
	if (rc > 0)
		b->failed = true;
	return rc < 0 ? rc : 0;
}

/* ---- setup ---- */

static int
first_cpu_of_lcore(unsigned int lcore)
{
	rte_cpuset_t set = rte_lcore_cpuset(lcore);
	int c;

	for (c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &set))
			return c;
	return -1;
}

static void
default_devs(struct bench *b)
{
	struct bench_opts *o = &b->o;

	if (o->nb_devs != 0)
		return;
	o->nb_devs = 3;
	memset(o->devs, 0, sizeof(o->devs[0]) * 3);
	strcpy(o->devs[0].name, "dma_netdma0");
	strcpy(o->devs[1].name, "dma_skeleton0");
	strcpy(o->devs[2].name, "cpu");
	o->devs[2].cpu = true;
	/* Devices made with EAL --vdev are used as they are. */
	if (!dev_exists("dma_netdma0")) {
		o->devs[0].has_args = true;
		snprintf(o->devs[0].args, BENCH_ARGS_LEN, "engine_cpu=%d", b->engine_cpu);
	}
	if (!dev_exists("dma_skeleton0")) {
		o->devs[1].has_args = true;
		snprintf(o->devs[1].args, BENCH_ARGS_LEN, "lcore=%u", b->main_lcore);
	}
}

/* Other processes competing for the cores make every number here noisy. */
static void
warn_if_loaded(void)
{
	FILE *f = fopen("/proc/loadavg", "r");
	double l1;

	if (f == NULL)
		return;
	if (fscanf(f, "%lf", &l1) == 1 && l1 > 1.0)
		printf("netdma-bench: WARNING: load average %.2f before the first run: other "
				"processes compete for the cores, expect noisy numbers\n", l1);
	fclose(f);
}

static bool
any_skeleton(const struct bench_opts *o)
{
	unsigned int i;

	for (i = 0; i < o->nb_devs; i++)
		if (!o->devs[i].cpu && kind_of(o->devs[i].name) == KIND_SKELETON)
			return true;
	return false;
}

int
main(int argc, char **argv)
{
	static struct bench b;
	static struct bench_variant vs[SUITE_COUNT][BENCH_MAX_VARIANTS];
	struct bench_table tables[SUITE_COUNT];
	FILE *medians = NULL, *runs = NULL;
	unsigned int lcore, s;
	int rc, eal;

	/* --help needs no EAL (and no hugepages). */
	for (eal = 1; eal < argc; eal++)
		if (strcmp(argv[eal], "--") == 0)
			break;
	for (eal++; eal < argc; eal++)
		if (strcmp(argv[eal], "--help") == 0 || strcmp(argv[eal], "-h") == 0) {
			bench_usage(stdout, argv[0]);
			return 0;
		}
	eal = rte_eal_init(argc, argv);
	if (eal < 0) {
		fprintf(stderr, "netdma-bench: EAL init failed: %s (see --help after --)\n",
				rte_strerror(rte_errno));
		return 2;
	}
	argv[eal] = argv[0];
	rc = bench_parse_args(argc - eal, argv + eal, &b.o);
	if (rc != 0) {
		rte_eal_cleanup();
		return rc > 0 ? 0 : 2;
	}
	b.main_lcore = rte_get_main_lcore();
	/* The ssr suite's periods: wake on time, not up to 50 us late. */
	prctl(PR_SET_TIMERSLACK, 1000UL, 0, 0, 0);
	RTE_LCORE_FOREACH_WORKER(lcore)
		b.workers[b.nb_workers++] = lcore;
	if (b.nb_workers == 0) {
		fprintf(stderr, "netdma-bench: needs a worker lcore besides the main one "
				"(EAL -l 0-1)\n");
		rte_eal_cleanup();
		return 2;
	}
	b.engine_cpu = b.o.engine_cpu >= 0 ? b.o.engine_cpu : first_cpu_of_lcore(b.main_lcore);
	b.have_api = bench_netdma_api(&b.api) == 0;
	default_devs(&b);
	if (any_skeleton(&b.o) && rte_eal_iova_mode() != RTE_IOVA_VA) {
		fprintf(stderr, "netdma-bench: dma_skeleton uses IOVAs as virtual addresses: "
				"run with --iova-mode=va\n");
		rte_eal_cleanup();
		return 2;
	}
	if (bench_mem_init(&b.mem, b.o.mem_bytes, b.o.dst_offset) < 0 ||
			bench_csv_open(&b.o, &medians, &runs) < 0) {
		rte_eal_cleanup();
		return 1;
	}
	printf("netdma-bench: TSC %.3f GHz; main lcore %u; worker lcore(s)",
			rte_get_tsc_hz() / 1e9, b.main_lcore);
	for (s = 0; s < b.nb_workers; s++)
		printf(" %u (cpu %d)", b.workers[s], first_cpu_of_lcore(b.workers[s]));
	printf("; engine cpu %d; IOVA %s%s\n", b.engine_cpu,
			rte_eal_iova_mode() == RTE_IOVA_VA ? "VA" : "PA",
			b.mem.iova_contig ? "" : " (per-buffer IOVAs)");
	warn_if_loaded();
	if (b.nb_workers < 2)
		printf("netdma-bench: one worker lcore: the channels of a multi-channel device "
				"are served round-robin by it\n");

	memset(tables, 0, sizeof(tables));
	for (s = 0; s < SUITE_COUNT; s++) {
		if (!b.o.suites[s])
			continue;
		rc = s == SUITE_CTRL ? run_ctrl(&b) :
			run_suite(&b, s, &tables[s], vs[s], medians, runs);
		if (rc < 0) {
			b.failed = true;
			break;
		}
	}
	fclose(medians);
	fclose(runs);
	if (b.o.plot && rc >= 0 && (tables[SUITE_SWEEP].nb_variants ||
			tables[SUITE_CHANNELS].nb_variants)) {
		if (bench_plot(&b.o, tables[SUITE_SWEEP].nb_variants ? &tables[SUITE_SWEEP] : NULL,
				tables[SUITE_CHANNELS].nb_variants ? &tables[SUITE_CHANNELS] : NULL) == 0)
			printf("\nplot: %s/throughput.png\n", b.o.out_dir);
	}
	printf("CSV: %s/results.csv (medians), %s/runs.csv (every run)\n", b.o.out_dir,
			b.o.out_dir);
	printf("netdma-bench: %s\n", b.failed ? "FAILED (see above)" : "all runs verified");
	for (s = 0; s < SUITE_COUNT; s++)
		free(tables[s].res);
	bench_mem_fini(&b.mem);
	rte_eal_cleanup();
	return b.failed ? 1 : 0;
}

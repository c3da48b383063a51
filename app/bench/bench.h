/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * netdma-bench: copy throughput and worker cost of dmadevs (netdma,
 * dma_skeleton, any other) and of a plain CPU memcpy, in one invocation,
 * alternating between them run by run.  Types shared by its source files.
 */

#ifndef BENCH_H
#define BENCH_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include <rte_common.h>

#include "rte_pmd_netdma.h"

/* Monotonic time, for the benchmark's own pacing (not its measurements). */
static inline uint64_t
bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static inline void
bench_sleep_until(uint64_t ns)
{
	struct timespec ts = { .tv_sec = (time_t)(ns / 1000000000ull),
		.tv_nsec = (long)(ns % 1000000000ull) };

	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
		;
}

#define BENCH_MAX_SIZES		32
#define BENCH_MAX_DEVS		16	/* --dev entries */
#define BENCH_MAX_VARIANTS	64
#define BENCH_MAX_LANES		32	/* dmadevs in one run (channels) */
#define BENCH_MAX_ROUNDS	101
#define BENCH_MAX_CHANNELS	8
#define BENCH_NAME_LEN		64
#define BENCH_ARGS_LEN		256

/* ---- options ---- */

enum bench_suite {
	SUITE_SWEEP,		/* the --dev list over the size sweep */
	SUITE_CHANNELS,		/* netdma with channels=1,2,4 ... */
	SUITE_PINNING,		/* engine thread pinned vs not */
	SUITE_SSR,		/* netdma with and without suspend/resume every period */
	SUITE_CTRL,		/* control path under load: suspend latency, teardown hold */
	SUITE_COUNT,
};

enum bench_verify { VERIFY_FULL, VERIFY_SAMPLE, VERIFY_NONE };

/* One --dev: "cpu", or a dmadev / vdev name with optional devargs. */
struct bench_devspec {
	bool cpu;
	char name[BENCH_NAME_LEN];
	char args[BENCH_ARGS_LEN];
	bool has_args;		/* a ',' followed the name */
};

struct bench_opts {
	struct bench_devspec devs[BENCH_MAX_DEVS];
	unsigned int nb_devs;
	uint32_t sizes[BENCH_MAX_SIZES];
	unsigned int nb_sizes;
	uint32_t suite_sizes[BENCH_MAX_SIZES];	/* sizes of the other suites */
	unsigned int nb_suite_sizes;
	unsigned int channels[BENCH_MAX_CHANNELS];
	unsigned int nb_channels;
	bool suites[SUITE_COUNT];
	uint16_t ring;
	uint16_t batch;
	double secs;		/* measured time per point */
	double warmup_secs;
	unsigned int rounds;
	uint64_t mem_bytes;	/* per source and per destination region */
	uint32_t dst_offset;	/* destination region starts this far into its pages */
	unsigned int ssr_period_us;
	int ssr_nice;		/* nice of the main lcore while it suspends/resumes */
	unsigned int ctrl_cycles;	/* ctrl: suspend/resume cycles per round */
	unsigned int ctrl_teardowns;	/* ctrl: teardowns per round */
	unsigned int ctrl_cancel;	/* ctrl: jobs one teardown cancels */
	unsigned int busy_retries;	/* reruns of a point other processes disturbed */
	double busy_threshold;		/* CPUs' worth of other processes that disturbs */
	int engine_cpu;		/* -1: the main lcore's first CPU */
	enum bench_verify verify;
	char out_dir[512];
	bool plot;
	bool quiet;
};

/* Parse the application's arguments (after EAL's); 1 = --help shown. */
int bench_parse_args(int argc, char **argv, struct bench_opts *o);
void bench_usage(FILE *f, const char *prog);

/* ---- variants: what one run measures ---- */

enum bench_kind { KIND_CPU, KIND_NETDMA, KIND_SKELETON, KIND_OTHER };

struct bench_variant {
	enum bench_suite suite;
	char label[BENCH_NAME_LEN];
	enum bench_kind kind;
	bool cpu;
	char name[BENCH_NAME_LEN];	/* dmadev or vdev name */
	char args[BENCH_ARGS_LEN];	/* devargs for an on-demand vdev */
	bool on_demand;			/* created before, removed after each run */
	bool float_engine;		/* create with every CPU allowed */
	unsigned int ssr_period_us;	/* 0: no suspend/resume */
	unsigned int channels;		/* 0: not a channels variant */
};

/* ---- one run ---- */

/* One dmadev (or the CPU) fed by a worker lcore: its buffers and counters. */
struct bench_lane {
	int16_t dev_id;			/* -1: CPU memcpy */
	char dev_name[BENCH_NAME_LEN];
	uint8_t *src;			/* first buffer of this lane */
	uint8_t *dst;
	uint64_t src_iova;		/* valid when iova_contig */
	uint64_t dst_iova;
	const uint64_t *src_iovas;	/* per buffer, when not contiguous */
	const uint64_t *dst_iovas;
	uint32_t nr_buf;
	uint32_t size;
	uint64_t seed;			/* source pattern of this run */

	/* written by the worker (relaxed), read by the main lcore */
	uint64_t jobs __rte_cache_aligned;	/* completed */
	uint64_t enqueued;
	uint64_t work_cyc;		/* TSC inside copy/submit/completed that did work */
	uint64_t wait_cyc;		/* TSC in polls that found nothing */
	uint64_t copy_cyc;		/* the parts of work_cyc: rte_dma_copy calls, */
	uint64_t submit_cyc;		/* rte_dma_submit, */
	uint64_t cpl_cyc;		/* rte_dma_completed calls that returned jobs */
	uint64_t submit_calls;		/* the calls timed in submit_cyc, */
	uint64_t cpl_calls;		/* and in cpl_cyc */
	uint64_t aborted;		/* jobs completed with USER_ABORT (allow_abort) */
	bool allow_abort;		/* USER_ABORT completions are expected (ctrl suite) */
	int err;			/* 0, or a negative errno that stopped the lane */
	char err_msg[96];
} __rte_cache_aligned;

struct bench_worker {
	unsigned int lcore;
	struct bench_lane *lanes[BENCH_MAX_LANES];
	unsigned int nb_lanes;
	uint16_t batch;
	volatile bool *stop;
};

/* Counters at one instant, summed over the lanes of a run. */
struct bench_snap {
	uint64_t tsc;
	uint64_t jobs;
	uint64_t work_cyc;
	uint64_t wait_cyc;
	uint64_t copy_cyc, submit_cyc, cpl_cyc;
	uint64_t submit_calls, cpl_calls;
	uint64_t sys_busy_ticks;	/* /proc/stat: every CPU, every process */
	uint64_t self_ticks;		/* /proc/self/stat: this process */
	uint64_t ns;
};

struct bench_result {
	double mops;
	double gbps;		/* 1e9 bytes per second */
	double cyc_job;		/* worker TSC cycles per job (work) */
	double wait_job;	/* worker TSC cycles per job spent in empty polls */
	double copy_job;	/* cyc_job = copy_job + submit_job + cpl_job */
	double submit_job;
	double cpl_job;
	double submit_call;	/* worker TSC cycles per rte_dma_submit call */
	double cpl_call;	/* per rte_dma_completed call that returned jobs */
	double busy;		/* fraction of the worker time in work */
	double other_cpu;	/* CPUs' worth used by other processes meanwhile */
	uint64_t jobs;
	uint64_t bytes_verified;
	uint64_t verify_errors;
	uint64_t ssr_cycles;	/* suspend/resume cycles done in the measured window */
	double ssr_per_ms;	/* the rate they were done at */
	double ssr_late_us;	/* how late after its due time a cycle started, on average */
	double ssr_cycle_us;	/* suspend call to resume return, on average */
	uint64_t ssr_failures;
	double ssr_avg_us;	/* suspend latency */
	double ssr_max_us;
	double xcore_rtt;	/* bench_xcore_rtt() before the run, TSC cycles */
	bool ok;
};

/* ---- bench_probe.c ---- */
/* Round trip of a cache line between the calling (main) lcore and a worker
 * lcore, in TSC cycles; 0 when the worker did not answer in time. */
double bench_xcore_rtt(unsigned int worker_lcore);

/* ---- bench_mem.c ---- */
struct bench_mem {
	uint8_t *src, *dst;
	uint8_t *dst_alloc;
	uint64_t len;
	bool iova_contig;
	uint64_t src_iova, dst_iova;
	uint64_t *src_iovas, *dst_iovas;	/* per-buffer table, built per size */
	uint32_t table_size;			/* buffer size the table is for */
};

int bench_mem_init(struct bench_mem *m, uint64_t len, uint32_t dst_offset);
void bench_mem_fini(struct bench_mem *m);
/* Set up the lanes' buffers for size (splits the region evenly). */
int bench_mem_lanes(struct bench_mem *m, struct bench_lane *lanes, unsigned int nb,
		uint32_t size);
/* On the lane's worker: source pattern from seed, destination zeroed. */
void bench_lane_prepare(struct bench_lane *l);
/* After a run: compare the buffers the lane copied at least once. */
uint64_t bench_lane_verify(const struct bench_lane *l, enum bench_verify how,
		uint64_t *bytes_checked);

/* ---- bench_worker.c ---- */
int bench_worker_main(void *arg);
int bench_worker_prepare(void *arg);

/* ---- bench_dev.c ---- */
struct bench_devs {
	unsigned int nb;
	int16_t ids[BENCH_MAX_LANES];
	char names[BENCH_MAX_LANES][BENCH_NAME_LEN];
	bool created;
	char vdev[BENCH_NAME_LEN];
};

/* Find or create the dmadev(s) of a variant, configure and start them. */
int bench_devs_open(const struct bench_variant *v, uint16_t ring, struct bench_devs *d);
void bench_devs_close(struct bench_devs *d);
bool bench_dmadev_exists(const char *name);

/* The netdma control API, found in the plugin loaded with -d. */
struct bench_netdma_api {
	__typeof__(&rte_pmd_netdma_suspend) suspend;
	__typeof__(&rte_pmd_netdma_resume) resume;
	__typeof__(&rte_pmd_netdma_stats_get) stats_get;
	__typeof__(&rte_pmd_netdma_pending) pending;
	__typeof__(&rte_pmd_netdma_cancel) cancel;
	void *cancel_bulk;	/* rte_pmd_netdma_cancel_bulk, where the PMD has it */
};
int bench_netdma_api(struct bench_netdma_api *api);

/* ---- bench_ctrl.c ---- */
struct bench_ctrl_env {
	const struct bench_opts *o;
	struct bench_mem *mem;
	const struct bench_netdma_api *api;
	unsigned int worker_lcore;
	int engine_cpu;
	const char *dev_name;	/* the netdma vdev to create */
	const char *dev_args;	/* its devargs (engine pinning) */
};

/* The ctrl suite: < 0 on a setup error, 1 if a run failed, else 0. */
int bench_ctrl_suite(const struct bench_ctrl_env *e, FILE *csv);

/* ---- bench_report.c ---- */
struct bench_table {
	const struct bench_variant *variants;
	unsigned int nb_variants;
	const uint32_t *sizes;
	unsigned int nb_sizes;
	unsigned int rounds;
	/* [variant][size][round] */
	struct bench_result *res;
};

static inline struct bench_result *
bench_cell(const struct bench_table *t, unsigned int v, unsigned int s, unsigned int r)
{
	return &t->res[((size_t)v * t->nb_sizes + s) * t->rounds + r];
}

const char *bench_suite_name(enum bench_suite s);
/* Median of one metric over the rounds of a cell. */
struct bench_result bench_median(const struct bench_table *t, unsigned int v, unsigned int s);
void bench_print_suite(FILE *f, const struct bench_opts *o, enum bench_suite s,
		const struct bench_table *t);
int bench_csv_open(const struct bench_opts *o, FILE **medians, FILE **runs);
void bench_csv_suite(FILE *medians, FILE *runs, enum bench_suite s,
		const struct bench_table *t);
int bench_plot(const struct bench_opts *o, const struct bench_table *sweep,
		const struct bench_table *channels);

#endif /* BENCH_H */

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/* Command line of netdma-bench (the part after EAL's "--"). */

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

enum {
	OPT_DEV = 256, OPT_SIZES, OPT_SUITE_SIZES, OPT_SUITES, OPT_CHANNELS, OPT_RING,
	OPT_BATCH, OPT_SECS, OPT_WARMUP, OPT_ROUNDS, OPT_MEM_MB, OPT_SSR_PERIOD,
	OPT_ENGINE_CPU, OPT_VERIFY, OPT_BUSY_RETRIES, OPT_BUSY_THRESHOLD, OPT_DST_OFFSET,
	OPT_SSR_NICE, OPT_CTRL_CYCLES, OPT_CTRL_TEARDOWNS, OPT_CTRL_CANCEL, OPT_OUT, OPT_NO_PLOT, OPT_QUICK, OPT_LONG, OPT_QUIET,
};

static const struct option long_opts[] = {
	{ "dev", required_argument, NULL, OPT_DEV },
	{ "sizes", required_argument, NULL, OPT_SIZES },
	{ "suite-sizes", required_argument, NULL, OPT_SUITE_SIZES },
	{ "suites", required_argument, NULL, OPT_SUITES },
	{ "channels", required_argument, NULL, OPT_CHANNELS },
	{ "ring", required_argument, NULL, OPT_RING },
	{ "batch", required_argument, NULL, OPT_BATCH },
	{ "secs", required_argument, NULL, OPT_SECS },
	{ "warmup", required_argument, NULL, OPT_WARMUP },
	{ "rounds", required_argument, NULL, OPT_ROUNDS },
	{ "mem-mb", required_argument, NULL, OPT_MEM_MB },
	{ "ssr-period-us", required_argument, NULL, OPT_SSR_PERIOD },
	{ "engine-cpu", required_argument, NULL, OPT_ENGINE_CPU },
	{ "verify", required_argument, NULL, OPT_VERIFY },
	{ "busy-retries", required_argument, NULL, OPT_BUSY_RETRIES },
	{ "dst-offset", required_argument, NULL, OPT_DST_OFFSET },
	{ "ssr-nice", required_argument, NULL, OPT_SSR_NICE },
	{ "ctrl-cycles", required_argument, NULL, OPT_CTRL_CYCLES },
	{ "ctrl-teardowns", required_argument, NULL, OPT_CTRL_TEARDOWNS },
	{ "ctrl-cancel", required_argument, NULL, OPT_CTRL_CANCEL },
	{ "busy-threshold", required_argument, NULL, OPT_BUSY_THRESHOLD },
	{ "out", required_argument, NULL, OPT_OUT },
	{ "no-plot", no_argument, NULL, OPT_NO_PLOT },
	{ "quick", no_argument, NULL, OPT_QUICK },
	{ "long", no_argument, NULL, OPT_LONG },
	{ "quiet", no_argument, NULL, OPT_QUIET },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

void
bench_usage(FILE *f, const char *prog)
{
	fprintf(f,
"Usage: %s [EAL options] -- [options]\n"
"\n"
"Copy throughput and worker cost of dmadevs and of a plain CPU memcpy, in the\n"
"style of dpdk-test-dma-perf: a worker lcore enqueues copies of buf-size\n"
"bytes over mem-mb MB of buffers, submits every batch jobs and polls for\n"
"completions; netdma, dma_skeleton and the CPU are measured in the same\n"
"invocation, alternating run by run, over several rounds; medians are shown.\n"
"\n"
"EAL options: give the lcores (one main + at least one worker: -l 0-1), and\n"
"load the netdma PMD with -d <build>/drivers/librte_dma_netdma.so.  Use\n"
"--iova-mode=va when dma_skeleton is measured (it takes IOVAs for addresses).\n"
"\n"
"Devices:\n"
"  --dev SPEC             a device to measure, repeatable.  SPEC is `cpu`\n"
"                         (memcpy on the worker), the name of a dmadev that\n"
"                         exists (e.g. made by EAL --vdev), or a vdev to\n"
"                         create for each run and remove after it:\n"
"                         NAME[,devargs], e.g. dma_netdma0,engine_cpu=0.  A\n"
"                         netdma vdev with channels=N is N dmadevs\n"
"                         NAME_ch0..; each gets a worker lcore, round-robin\n"
"                         when there are fewer workers than channels.\n"
"                         Default: dma_netdma0,engine_cpu=E\n"
"                         dma_skeleton0,lcore=M cpu (E: --engine-cpu, M: the\n"
"                         main lcore)\n"
"  --engine-cpu N         CPU of the engine threads of the default devices\n"
"                         (default: the main lcore's CPU, so the worker and\n"
"                         the engine are on different cores)\n"
"\n"
"What to run:\n"
"  --suites LIST          of sweep, channels, pinning, ssr, ctrl, or all\n"
"                         (default: all, which is every suite but ctrl):\n"
"                         sweep    the --dev list over --sizes\n"
"                         channels the first netdma --dev with channels=N for\n"
"                                  each N of --channels\n"
"                         pinning  netdma and skeleton with the engine thread\n"
"                                  pinned (engine_cpu=, lcore=) and not pinned\n"
"                         ssr      netdma without and with a suspend/resume\n"
"                                  cycle every --ssr-period-us, from the main lcore\n"
"                         ctrl     the control path under full load: suspend\n"
"                                  latency p50/p99/max, and how long a teardown\n"
"                                  that cancels --ctrl-cancel pending jobs holds\n"
"                                  the channel (one cancel call per job, and one\n"
"                                  rte_pmd_netdma_cancel_bulk call)\n"
"  --sizes LIST           buffer sizes of the sweep (default\n"
"                         64,256,1024,4096,16384,65536)\n"
"  --suite-sizes LIST     buffer sizes of the other suites (default: --sizes)\n"
"  --channels LIST        channel counts (default 1,2,4; at most %d)\n"
"  --ring N               descriptors per channel (default 1024)\n"
"  --batch N              jobs per submit, the kick batch (default 32)\n"
"  --secs S               measured seconds per point (default 0.5)\n"
"  --warmup S             seconds run before measuring (default 0.1)\n"
"  --rounds N             rounds; medians are reported (default 5, odd is best)\n"
"  --mem-mb N             MB of source and as much of destination (default 10)\n"
"  --ssr-period-us N      suspend/resume period of the ssr suite (default 1000)\n"
"  --ssr-nice N           nice of the main lcore meanwhile (default 0; a higher\n"
"                         priority makes its sched_yield() useless to the engine)\n"
"  --ctrl-cycles N        suspend/resume cycles per ctrl round (default 2000)\n"
"  --ctrl-teardowns N     teardowns per ctrl round and variant (default 20)\n"
"  --ctrl-cancel N        jobs a teardown cancels (default 1000)\n"
"  --dst-offset N         start the destination region N bytes into its page\n"
"                         (default 0: source and destination 4 KiB-aliased)\n"
"  --verify MODE          full (default), sample or none: check the copied bytes\n"
"                         after each run\n"
"  --busy-threshold C     a run during which other processes used more than C\n"
"                         CPUs (from /proc/stat; default 0.2) was disturbed:\n"
"  --busy-retries N       run it again, up to N times (default 3; 0: never);\n"
"                         the table's `other` column shows what remained\n"
"  --quick                a smoke run: sizes 64,4096, 1 round of 0.2 s, 1 MB,\n"
"                         channels 1,2\n"
"  --long                 a long run: 9 rounds of 1 s, sizes 64 B to 64 KiB x2\n"
"\n"
"Output:\n"
"  --out DIR              results.csv (medians), runs.csv (every run),\n"
"                         throughput.png and its gnuplot script (default\n"
"                         ./netdma-bench-out)\n"
"  --no-plot              do not run gnuplot\n"
"  --quiet                only the tables\n"
"  -h, --help             this text\n"
"\n"
"Exit status: 0 when every run completed all its jobs with the bytes verified\n"
"and ops > 0; 1 otherwise; 2 on a usage error.\n",
		prog, BENCH_MAX_CHANNELS);
}

static int
parse_u64(const char *opt, const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno != 0 || end == s || *end != '\0' || *s == '-' || v < min || v > max) {
		fprintf(stderr, "netdma-bench: --%s %s: expected a number in [%llu, %llu]\n",
				opt, s, (unsigned long long)min, (unsigned long long)max);
		return -EINVAL;
	}
	*out = v;
	return 0;
}

static int
parse_real(const char *opt, const char *s, double min, double max, const char *what,
		double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || !(v >= min) || v > max) {
		fprintf(stderr, "netdma-bench: --%s %s: expected %s in [%g, %g]\n",
				opt, s, what, min, max);
		return -EINVAL;
	}
	*out = v;
	return 0;
}

/* A comma-separated list of numbers in [min, max]. */
static int
parse_list(const char *opt, const char *s, uint64_t min, uint64_t max,
		uint32_t *out, unsigned int cap, unsigned int *nb)
{
	char buf[512], *tok, *save = NULL;
	unsigned int n = 0;

	if (strlen(s) >= sizeof(buf)) {
		fprintf(stderr, "netdma-bench: --%s: list too long\n", opt);
		return -EINVAL;
	}
	strcpy(buf, s);
	for (tok = strtok_r(buf, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
		uint64_t v;

		if (n == cap) {
			fprintf(stderr, "netdma-bench: --%s: at most %u values\n", opt, cap);
			return -EINVAL;
		}
		if (parse_u64(opt, tok, min, max, &v) < 0)
			return -EINVAL;
		out[n++] = (uint32_t)v;
	}
	if (n == 0) {
		fprintf(stderr, "netdma-bench: --%s: empty list\n", opt);
		return -EINVAL;
	}
	*nb = n;
	return 0;
}

static int
parse_dev(const char *s, struct bench_opts *o)
{
	struct bench_devspec *d;
	const char *comma = strchr(s, ',');
	size_t nlen = comma ? (size_t)(comma - s) : strlen(s);

	if (o->nb_devs == BENCH_MAX_DEVS) {
		fprintf(stderr, "netdma-bench: at most %d --dev\n", BENCH_MAX_DEVS);
		return -EINVAL;
	}
	if (nlen == 0 || nlen >= BENCH_NAME_LEN ||
			(comma && strlen(comma + 1) >= BENCH_ARGS_LEN)) {
		fprintf(stderr, "netdma-bench: --dev %s: expected cpu or NAME[,devargs] "
				"(name < %d chars)\n", s, BENCH_NAME_LEN);
		return -EINVAL;
	}
	d = &o->devs[o->nb_devs++];
	memset(d, 0, sizeof(*d));
	memcpy(d->name, s, nlen);
	if (comma) {
		d->has_args = true;
		strcpy(d->args, comma + 1);
	}
	d->cpu = strcmp(d->name, "cpu") == 0;
	if (d->cpu && d->has_args) {
		fprintf(stderr, "netdma-bench: --dev cpu takes no arguments\n");
		return -EINVAL;
	}
	return 0;
}

static int
parse_suites(const char *s, struct bench_opts *o)
{
	char buf[128], *tok, *save = NULL;
	int i;

	if (strlen(s) >= sizeof(buf))
		goto bad;
	strcpy(buf, s);
	memset(o->suites, 0, sizeof(o->suites));
	for (tok = strtok_r(buf, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
		if (strcmp(tok, "all") == 0) {
			for (i = 0; i < SUITE_COUNT; i++)
				o->suites[i] = i != SUITE_CTRL;
			continue;
		}
		for (i = 0; i < SUITE_COUNT; i++)
			if (strcmp(tok, bench_suite_name(i)) == 0)
				break;
		if (i == SUITE_COUNT)
			goto bad;
		o->suites[i] = true;
	}
	for (i = 0; i < SUITE_COUNT; i++)
		if (o->suites[i])
			return 0;
bad:
	fprintf(stderr, "netdma-bench: --suites %s: expected a list of sweep, channels, "
			"pinning, ssr, ctrl, all\n", s);
	return -EINVAL;
}

static void
set_sizes(uint32_t *sizes, unsigned int *nb, const uint32_t *from, unsigned int n)
{
	memcpy(sizes, from, n * sizeof(*from));
	*nb = n;
}

static void
defaults(struct bench_opts *o)
{
	static const uint32_t sweep[] = { 64, 256, 1024, 4096, 16384, 65536 };
	int i;

	memset(o, 0, sizeof(*o));
	set_sizes(o->sizes, &o->nb_sizes, sweep, RTE_DIM(sweep));
	o->channels[0] = 1;
	o->channels[1] = 2;
	o->channels[2] = 4;
	o->nb_channels = 3;
	for (i = 0; i < SUITE_COUNT; i++)
		o->suites[i] = i != SUITE_CTRL;
	o->ring = 1024;
	o->batch = 32;
	o->secs = 0.5;
	o->warmup_secs = 0.1;
	o->rounds = 5;
	o->mem_bytes = 10ull << 20;
	o->ssr_period_us = 1000;
	o->ssr_nice = 0;
	o->ctrl_cycles = 2000;
	o->ctrl_teardowns = 20;
	o->ctrl_cancel = 1000;
	o->busy_retries = 3;
	o->busy_threshold = 0.2;
	o->engine_cpu = -1;
	o->verify = VERIFY_FULL;
	o->plot = true;
	strcpy(o->out_dir, "netdma-bench-out");
}

/* --quick / --long set a profile; explicit options given after them win. */
static void
profile(struct bench_opts *o, bool quick)
{
	static const uint32_t q[] = { 64, 4096 };
	static const uint32_t l[] = { 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384,
		32768, 65536 };

	if (quick) {
		set_sizes(o->sizes, &o->nb_sizes, q, RTE_DIM(q));
		o->rounds = 1;
		o->secs = 0.2;
		o->warmup_secs = 0.05;
		o->mem_bytes = 1ull << 20;
		o->nb_channels = 2;
		o->ctrl_cycles = 200;
		o->ctrl_teardowns = 4;
	} else {
		set_sizes(o->sizes, &o->nb_sizes, l, RTE_DIM(l));
		o->rounds = 9;
		o->secs = 1;
		o->warmup_secs = 0.2;
	}
}

int
bench_parse_args(int argc, char **argv, struct bench_opts *o)
{
	bool suite_sizes = false;
	uint64_t v = 0;
	int c, i;

	defaults(o);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", long_opts, NULL)) != -1) {
		int rc = 0;

		switch (c) {
		case OPT_DEV:
			rc = parse_dev(optarg, o);
			break;
		case OPT_SIZES:
			rc = parse_list("sizes", optarg, 1, 1u << 24, o->sizes, BENCH_MAX_SIZES,
					&o->nb_sizes);
			break;
		case OPT_SUITE_SIZES:
			rc = parse_list("suite-sizes", optarg, 1, 1u << 24, o->suite_sizes,
					BENCH_MAX_SIZES, &o->nb_suite_sizes);
			suite_sizes = true;
			break;
		case OPT_SUITES:
			rc = parse_suites(optarg, o);
			break;
		case OPT_CHANNELS:
			rc = parse_list("channels", optarg, 1, BENCH_MAX_CHANNELS, o->channels,
					BENCH_MAX_CHANNELS, &o->nb_channels);
			break;
		case OPT_RING:
			rc = parse_u64("ring", optarg, 32, 32768, &v);
			if (rc == 0 && (v & (v - 1)) != 0) {
				fprintf(stderr, "netdma-bench: --ring %s: a power of two\n", optarg);
				rc = -EINVAL;
			}
			o->ring = (uint16_t)v;
			break;
		case OPT_BATCH:
			rc = parse_u64("batch", optarg, 1, 4096, &v);
			o->batch = (uint16_t)v;
			break;
		case OPT_SECS:
			rc = parse_real("secs", optarg, 0.001, 3600, "seconds", &o->secs);
			break;
		case OPT_WARMUP:
			rc = parse_real("warmup", optarg, 0, 3600, "seconds", &o->warmup_secs);
			break;
		case OPT_ROUNDS:
			rc = parse_u64("rounds", optarg, 1, BENCH_MAX_ROUNDS, &v);
			o->rounds = (unsigned int)v;
			break;
		case OPT_MEM_MB:
			rc = parse_u64("mem-mb", optarg, 1, 4096, &v);
			o->mem_bytes = v << 20;
			break;
		case OPT_SSR_PERIOD:
			rc = parse_u64("ssr-period-us", optarg, 10, 10000000, &v);
			o->ssr_period_us = (unsigned int)v;
			break;
		case OPT_SSR_NICE: {
			char *end;
			long n;

			errno = 0;
			n = strtol(optarg, &end, 10);
			if (errno != 0 || end == optarg || *end != '\0' || n < -20 || n > 19) {
				fprintf(stderr, "netdma-bench: --ssr-nice %s: expected -20..19\n",
						optarg);
				rc = -EINVAL;
			}
			o->ssr_nice = (int)n;
			break;
		}
		case OPT_CTRL_CYCLES:
			rc = parse_u64("ctrl-cycles", optarg, 1, 1000000, &v);
			o->ctrl_cycles = (unsigned int)v;
			break;
		case OPT_CTRL_TEARDOWNS:
			rc = parse_u64("ctrl-teardowns", optarg, 1, 100000, &v);
			o->ctrl_teardowns = (unsigned int)v;
			break;
		case OPT_CTRL_CANCEL:
			rc = parse_u64("ctrl-cancel", optarg, 1, 2000, &v);
			o->ctrl_cancel = (unsigned int)v;
			break;
		case OPT_DST_OFFSET:
			rc = parse_u64("dst-offset", optarg, 0, 1u << 20, &v);
			o->dst_offset = (uint32_t)v;
			break;
		case OPT_BUSY_RETRIES:
			rc = parse_u64("busy-retries", optarg, 0, 100, &v);
			o->busy_retries = (unsigned int)v;
			break;
		case OPT_BUSY_THRESHOLD:
			rc = parse_real("busy-threshold", optarg, 0, 4096, "CPUs",
					&o->busy_threshold);
			break;
		case OPT_ENGINE_CPU:
			rc = parse_u64("engine-cpu", optarg, 0, 4095, &v);
			o->engine_cpu = (int)v;
			break;
		case OPT_VERIFY:
			if (strcmp(optarg, "full") == 0)
				o->verify = VERIFY_FULL;
			else if (strcmp(optarg, "sample") == 0)
				o->verify = VERIFY_SAMPLE;
			else if (strcmp(optarg, "none") == 0)
				o->verify = VERIFY_NONE;
			else {
				fprintf(stderr, "netdma-bench: --verify %s: full, sample or none\n",
						optarg);
				rc = -EINVAL;
			}
			break;
		case OPT_OUT:
			if (strlen(optarg) >= sizeof(o->out_dir) || *optarg == '\0') {
				fprintf(stderr, "netdma-bench: --out: bad directory name\n");
				rc = -EINVAL;
			} else {
				strcpy(o->out_dir, optarg);
			}
			break;
		case OPT_NO_PLOT:
			o->plot = false;
			break;
		case OPT_QUICK:
		case OPT_LONG:
			profile(o, c == OPT_QUICK);
			break;
		case OPT_QUIET:
			o->quiet = true;
			break;
		case 'h':
			bench_usage(stdout, argv[0]);
			return 1;
		default:
			fprintf(stderr, "netdma-bench: unknown or incomplete option %s "
					"(see --help)\n", argv[optind - 1]);
			return -EINVAL;
		}
		if (rc < 0)
			return rc;
	}
	if (optind < argc) {
		fprintf(stderr, "netdma-bench: unexpected argument %s (see --help)\n",
				argv[optind]);
		return -EINVAL;
	}
	if (!suite_sizes)
		set_sizes(o->suite_sizes, &o->nb_suite_sizes, o->sizes, o->nb_sizes);
	for (i = 0; i < (int)o->nb_sizes; i++)
		if (o->sizes[i] > o->mem_bytes)
			goto too_big;
	for (i = 0; i < (int)o->nb_suite_sizes; i++)
		if (o->suite_sizes[i] > o->mem_bytes)
			goto too_big;
	return 0;
too_big:
	fprintf(stderr, "netdma-bench: a buffer size is larger than --mem-mb\n");
	return -EINVAL;
}

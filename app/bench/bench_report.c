/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/* Medians, the tables on stdout, the CSV files and the gnuplot PNG. */

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bench.h"

static const char *const suite_names[SUITE_COUNT] = {
	[SUITE_SWEEP] = "sweep",
	[SUITE_CHANNELS] = "channels",
	[SUITE_PINNING] = "pinning",
	[SUITE_SSR] = "ssr",
	[SUITE_CTRL] = "ctrl",
};

const char *
bench_suite_name(enum bench_suite s)
{
	return s < SUITE_COUNT ? suite_names[s] : "?";
}

static const char *
kind_name(enum bench_kind k)
{
	switch (k) {
	case KIND_CPU: return "cpu";
	case KIND_NETDMA: return "netdma";
	case KIND_SKELETON: return "skeleton";
	default: return "dmadev";
	}
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median_of(double *v, unsigned int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

#define MEDIAN_FIELD(field) do { \
	for (r = 0; r < t->rounds; r++) \
		tmp[r] = bench_cell(t, v, s, r)->field; \
	m.field = median_of(tmp, t->rounds); \
} while (0)

struct bench_result
bench_median(const struct bench_table *t, unsigned int v, unsigned int s)
{
	double tmp[BENCH_MAX_ROUNDS];
	struct bench_result m = { .ok = true };
	unsigned int r;

	MEDIAN_FIELD(mops);
	MEDIAN_FIELD(gbps);
	MEDIAN_FIELD(cyc_job);
	MEDIAN_FIELD(wait_job);
	MEDIAN_FIELD(copy_job);
	MEDIAN_FIELD(submit_job);
	MEDIAN_FIELD(cpl_job);
	MEDIAN_FIELD(submit_call);
	MEDIAN_FIELD(cpl_call);
	MEDIAN_FIELD(xcore_rtt);
	MEDIAN_FIELD(busy);
	MEDIAN_FIELD(other_cpu);
	MEDIAN_FIELD(ssr_avg_us);
	MEDIAN_FIELD(ssr_max_us);
	MEDIAN_FIELD(ssr_per_ms);
	MEDIAN_FIELD(ssr_late_us);
	MEDIAN_FIELD(ssr_cycle_us);
	for (r = 0; r < t->rounds; r++) {
		const struct bench_result *c = bench_cell(t, v, s, r);

		m.jobs += c->jobs;
		m.bytes_verified += c->bytes_verified;
		m.verify_errors += c->verify_errors;
		m.ssr_cycles += c->ssr_cycles;
		m.ssr_failures += c->ssr_failures;
		m.ok &= c->ok;
	}
	return m;
}

static void
minmax(const struct bench_table *t, unsigned int v, unsigned int s, double *lo, double *hi)
{
	unsigned int r;

	*lo = INFINITY;
	*hi = 0;
	for (r = 0; r < t->rounds; r++) {
		double x = bench_cell(t, v, s, r)->mops;

		*lo = x < *lo ? x : *lo;
		*hi = x > *hi ? x : *hi;
	}
}

/* The variant another is compared with: in the sweep, netdma against the
 * first skeleton and the first CPU; elsewhere the suite's first variant of
 * the same kind. */
static int
first_of_kind(const struct bench_table *t, enum bench_kind k)
{
	unsigned int i;

	for (i = 0; i < t->nb_variants; i++)
		if (t->variants[i].kind == k)
			return (int)i;
	return -1;
}

static void
fmt_size(char *buf, size_t len, uint32_t size)
{
	if (size >= 1024 && size % 1024 == 0)
		snprintf(buf, len, "%u KiB", size / 1024);
	else
		snprintf(buf, len, "%u B", size);
}

static void
print_compare(FILE *f, enum bench_suite suite, const struct bench_table *t,
		unsigned int v, unsigned int s, const struct bench_result *m)
{
	const struct bench_variant *var = &t->variants[v];
	int skel, cpu, base;

	if (suite == SUITE_SWEEP) {
		if (var->kind != KIND_NETDMA)
			return;
		skel = first_of_kind(t, KIND_SKELETON);
		cpu = first_of_kind(t, KIND_CPU);
		if (skel >= 0)
			fprintf(f, "  %5.2fx skel", m->mops / bench_median(t, skel, s).mops);
		if (cpu >= 0)
			fprintf(f, "  %4.0f%% cpu", 100 * m->mops / bench_median(t, cpu, s).mops);
		return;
	}
	base = first_of_kind(t, var->kind);
	if (base < 0 || (unsigned int)base == v)
		return;
	if (suite == SUITE_SSR)
		fprintf(f, "  cost %+.1f%%", 100 * (1 - m->mops / bench_median(t, base, s).mops));
	else
		fprintf(f, "  %5.2fx %s", m->mops / bench_median(t, base, s).mops,
				t->variants[base].label);
}

void
bench_print_suite(FILE *f, const struct bench_opts *o, enum bench_suite suite,
		const struct bench_table *t)
{
	unsigned int s, v;
	char sz[16];

	fprintf(f, "\n== %s: ring %u, batch %u, %llu MB src + %llu MB dst, %u round%s x "
			"%.2f s, medians ==\n", bench_suite_name(suite), o->ring, o->batch,
			(unsigned long long)(o->mem_bytes >> 20),
			(unsigned long long)(o->mem_bytes >> 20), t->rounds,
			t->rounds > 1 ? "s" : "", o->secs);
	fprintf(f, "(Mops: median (min-max of the rounds); cyc/job: worker TSC cycles per job "
			"in copy + submit + cpl (completed calls that returned jobs); /call: "
			"cycles per submit call and per such completed call; wait: in empty "
			"polls; other: CPUs used by other processes; rtt: a cache line's round "
			"trip between the worker's and the engine's CPU before the run)\n");
	fprintf(f, "%-8s %-20s %8s %-17s %7s %7s %7s %7s %7s %7s %7s %5s %5s %5s  %s\n",
			"size", "device", "Mops", "(min-max)", "GB/s", "cyc/job", "copy", "submit",
			"cpl", "sub/call", "cpl/call", "wait", "other", "rtt", "compared");
	for (s = 0; s < t->nb_sizes; s++) {
		fmt_size(sz, sizeof(sz), t->sizes[s]);
		for (v = 0; v < t->nb_variants; v++) {
			struct bench_result m = bench_median(t, v, s);
			char range[32];
			double lo, hi;

			minmax(t, v, s, &lo, &hi);
			snprintf(range, sizeof(range), "(%.2f-%.2f)", lo, hi);
			fprintf(f, "%-8s %-20s %8.2f %-17s %7.2f %7.1f %7.1f %7.1f %7.1f %7.0f %7.0f "
					"%5.0f %4.0f%% %5.0f",
					sz, t->variants[v].label, m.mops, range, m.gbps, m.cyc_job,
					m.copy_job, m.submit_job, m.cpl_job, m.submit_call, m.cpl_call,
					m.wait_job, 100 * m.other_cpu, m.xcore_rtt);
			print_compare(f, suite, t, v, s, &m);
			if (t->variants[v].ssr_period_us)
				fprintf(f, "  %.2f cycles/ms (%.0f us late), cycle %.1f us, "
						"suspend avg %.1f max %.1f us%s", m.ssr_per_ms,
						m.ssr_late_us, m.ssr_cycle_us, m.ssr_avg_us, m.ssr_max_us,
						m.ssr_failures ? " FAILURES" : "");
			if (!m.ok)
				fprintf(f, "  FAILED");
			fputc('\n', f);
		}
	}
}

int
bench_csv_open(const struct bench_opts *o, FILE **medians, FILE **runs)
{
	char path[600];

	if (mkdir(o->out_dir, 0755) < 0 && errno != EEXIST) {
		fprintf(stderr, "netdma-bench: cannot create %s: %s\n", o->out_dir,
				strerror(errno));
		return -errno;
	}
	snprintf(path, sizeof(path), "%s/results.csv", o->out_dir);
	*medians = fopen(path, "w");
	snprintf(path, sizeof(path), "%s/runs.csv", o->out_dir);
	*runs = fopen(path, "w");
	if (*medians == NULL || *runs == NULL) {
		fprintf(stderr, "netdma-bench: cannot write CSV files in %s: %s\n", o->out_dir,
				strerror(errno));
		return -EIO;
	}
	fprintf(*medians, "suite,variant,kind,size,rounds,mops,gbps,cyc_job,wait_cyc_job,"
			"busy,copy_cyc_job,submit_cyc_job,cpl_cyc_job,mops_min,mops_max,jobs,"
			"bytes_verified,verify_errors,ssr_cycles,ssr_failures,ssr_avg_us,"
			"ssr_max_us,ssr_per_ms,ssr_late_us,ssr_cycle_us,other_cpu,ok,"
			"submit_cyc_call,cpl_cyc_call,xcore_rtt_cyc\n");
	fprintf(*runs, "suite,variant,kind,round,size,mops,gbps,cyc_job,wait_cyc_job,busy,"
			"copy_cyc_job,submit_cyc_job,cpl_cyc_job,jobs,bytes_verified,"
			"verify_errors,ssr_cycles,ssr_failures,other_cpu,ok,submit_cyc_call,"
			"cpl_cyc_call,xcore_rtt_cyc\n");
	return 0;
}

void
bench_csv_suite(FILE *medians, FILE *runs, enum bench_suite suite,
		const struct bench_table *t)
{
	const char *sn = bench_suite_name(suite);
	unsigned int v, s, r;

	for (v = 0; v < t->nb_variants; v++) {
		const struct bench_variant *var = &t->variants[v];

		for (s = 0; s < t->nb_sizes; s++) {
			struct bench_result m = bench_median(t, v, s);
			double lo, hi;

			minmax(t, v, s, &lo, &hi);
			fprintf(medians, "%s,%s,%s,%u,%u,%.3f,%.3f,%.1f,%.1f,%.3f,%.1f,%.1f,%.1f,"
					"%.3f,%.3f,%llu,%llu,%llu,%llu,%llu,%.2f,%.2f,%.3f,%.1f,%.1f,"
					"%.2f,%d,%.1f,%.1f,%.0f\n", sn,
					var->label, kind_name(var->kind), t->sizes[s], t->rounds,
					m.mops, m.gbps, m.cyc_job, m.wait_job, m.busy, m.copy_job,
					m.submit_job, m.cpl_job, lo, hi,
					(unsigned long long)m.jobs,
					(unsigned long long)m.bytes_verified,
					(unsigned long long)m.verify_errors,
					(unsigned long long)m.ssr_cycles,
					(unsigned long long)m.ssr_failures, m.ssr_avg_us, m.ssr_max_us,
					m.ssr_per_ms, m.ssr_late_us, m.ssr_cycle_us, m.other_cpu, m.ok,
					m.submit_call, m.cpl_call, m.xcore_rtt);
			for (r = 0; r < t->rounds; r++) {
				const struct bench_result *c = bench_cell(t, v, s, r);

				fprintf(runs, "%s,%s,%s,%u,%u,%.3f,%.3f,%.1f,%.1f,%.3f,%.1f,%.1f,"
						"%.1f,%llu,%llu,%llu,%llu,%llu,%.2f,%d,%.1f,%.1f,%.0f\n", sn,
						var->label,
						kind_name(var->kind), r, t->sizes[s], c->mops,
						c->gbps, c->cyc_job, c->wait_job, c->busy,
						c->copy_job, c->submit_job, c->cpl_job,
						(unsigned long long)c->jobs,
						(unsigned long long)c->bytes_verified,
						(unsigned long long)c->verify_errors,
						(unsigned long long)c->ssr_cycles,
						(unsigned long long)c->ssr_failures, c->other_cpu,
						c->ok, c->submit_call, c->cpl_call, c->xcore_rtt);
			}
		}
	}
	fflush(medians);
	fflush(runs);
}

/* One gnuplot data block per variant: size, Mops, GB/s. */
static int
write_dat(const char *path, const struct bench_table *t)
{
	FILE *f = fopen(path, "w");
	unsigned int v, s;

	if (f == NULL)
		return -errno;
	for (v = 0; v < t->nb_variants; v++) {
		fprintf(f, "# %s\n", t->variants[v].label);
		for (s = 0; s < t->nb_sizes; s++) {
			struct bench_result m = bench_median(t, v, s);

			fprintf(f, "%u %.4f %.4f\n", t->sizes[s], m.mops, m.gbps);
		}
		fprintf(f, "\n\n");
	}
	return fclose(f) == 0 ? 0 : -EIO;
}

static void
plot_panel(FILE *g, const char *dat, const struct bench_table *t, int col,
		const char *title, const char *ylabel)
{
	unsigned int v;

	fprintf(g, "set xtics (");
	for (v = 0; v < t->nb_sizes; v++) {
		uint32_t sz = t->sizes[v];

		if (sz >= 1024 && sz % 1024 == 0)
			fprintf(g, "%s'%u KiB' %u", v ? ", " : "", sz / 1024, sz);
		else
			fprintf(g, "%s'%u B' %u", v ? ", " : "", sz, sz);
	}
	fprintf(g, ")\nset title '%s'\nset ylabel '%s'\nplot ", title, ylabel);
	for (v = 0; v < t->nb_variants; v++)
		fprintf(g, "%s'%s' index %u using 1:%d with linespoints lw 2 title '%s'",
				v ? ", " : "", dat, v, col, t->variants[v].label);
	fprintf(g, "\n");
}

int
bench_plot(const struct bench_opts *o, const struct bench_table *sweep,
		const struct bench_table *channels)
{
	char gp[600], dat[600], dat2[600], cmd[1400];
	int panels = (sweep ? 2 : 0) + (channels ? 1 : 0);
	FILE *g;
	int rc;

	if (panels == 0)
		return 0;
	snprintf(gp, sizeof(gp), "%s/throughput.gp", o->out_dir);
	snprintf(dat, sizeof(dat), "%s/sweep.dat", o->out_dir);
	snprintf(dat2, sizeof(dat2), "%s/channels.dat", o->out_dir);
	if ((sweep && write_dat(dat, sweep) < 0) || (channels && write_dat(dat2, channels) < 0))
		return -EIO;
	g = fopen(gp, "w");
	if (g == NULL)
		return -errno;
	fprintf(g, "# netdma-bench: medians of %u round(s), ring %u, batch %u, %llu MB\n"
			"set terminal pngcairo noenhanced size %d,520 font ',10'\n"
			"set output '%s/throughput.png'\n"
			"set logscale x 2\nset offsets graph 0.04, graph 0.04, 0, 0\n"
			"set xlabel 'buffer size'\n"
			"set grid\nset key top left\nset multiplot layout 1,%d\n",
			o->rounds, o->ring, o->batch, (unsigned long long)(o->mem_bytes >> 20),
			480 * panels, o->out_dir, panels);
	if (sweep) {
		plot_panel(g, dat, sweep, 3, "copy throughput", "GB/s");
		fprintf(g, "set logscale y 10\n");
		plot_panel(g, dat, sweep, 2, "copy rate", "Mops");
		fprintf(g, "unset logscale y\n");
	}
	if (channels)
		plot_panel(g, dat2, channels, 2, "netdma channels (one engine thread)", "Mops");
	fprintf(g, "unset multiplot\n");
	fclose(g);
	snprintf(cmd, sizeof(cmd), "gnuplot '%s' > '%s/gnuplot.log' 2>&1", gp, o->out_dir);
	rc = system(cmd);
	if (rc != 0) {
		fprintf(stderr, "netdma-bench: gnuplot failed (exit %d; see %s/gnuplot.log; "
				"apt-get install gnuplot-nox, or --no-plot)\n", rc, o->out_dir);
		return -EIO;
	}
	return 0;
}

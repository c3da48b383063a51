/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * netdma-copy-offload: the main lcore.  Brings everything up, launches the
 * data path on the first worker lcore, then loops: control events every
 * --ctl-interval-ms, statistics every --stats-interval, until SIGINT/SIGTERM
 * or --duration.  Then it stops the worker (which drains its DMA jobs),
 * takes back what ports still hold and prints a summary that checks the
 * books.  Exit status: 0 balanced, 1 unbalanced, 2 setup error.
 */

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mempool.h>

#include "copy_offload.h"

#define LOOP_SLEEP_US	2000

static volatile sig_atomic_t signalled;

static void
on_signal(int sig)
{
	signalled = sig;
}

static double
elapsed(const struct app *a)
{
	return (double)(rte_get_timer_cycles() - a->start_tsc) / rte_get_timer_hz();
}

static void
run_main_loop(struct app *a)
{
	const double ctl_s = a->opt.ctl_interval_ms / 1e3;
	const double stats_s = a->opt.stats_interval_s;
	double next_ctl = ctl_s, next_stats = stats_s;
	uint64_t round = 0;

	while (!signalled) {
		double now = elapsed(a);

		if (a->opt.duration_s > 0 && now >= a->opt.duration_s)
			break;
		if (ctl_s > 0 && now >= next_ctl) {
			app_control_event(a, round++);
			next_ctl += ctl_s;
			if (next_ctl < now)
				next_ctl = now + ctl_s;	/* do not try to catch up */
		}
		if (stats_s > 0 && now >= next_stats) {
			app_stats_print(a, now);
			next_stats += stats_s;
		}
		rte_delay_us_sleep(LOOP_SLEEP_US);
	}
	if (signalled)
		printf("\n" APP_NAME ": signal %d, stopping\n", (int)signalled);
}

int
main(int argc, char **argv)
{
	static struct app app = { .dma_id = -1 };
	struct app *a = &app;
	unsigned int worker;
	double run_s;
	bool ok;
	int ret;

	/* Line by line, also into a pipe or file: the log interleaves with EAL's. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	ret = rte_eal_init(argc, argv);
	if (ret < 0) {
		fprintf(stderr, APP_NAME ": EAL initialisation failed (see above)\n");
		return 2;
	}
	argc -= ret;
	argv += ret;
	ret = app_parse_options(argc, argv, &a->opt);
	if (ret != 0) {
		rte_eal_cleanup();
		return ret > 0 ? 0 : 2;
	}
	worker = rte_get_next_lcore(-1, 1, 0);
	if (worker >= RTE_MAX_LCORE) {
		fprintf(stderr, APP_NAME ": needs a worker lcore besides the main one "
				"(e.g. -l 0-1)\n");
		rte_eal_cleanup();
		return 2;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	if (app_setup_pools(a) != 0 || app_setup_ports(a) != 0 || app_setup_dma(a) != 0 ||
			app_control_init(a) != 0) {
		app_teardown(a);
		rte_eal_cleanup();
		return 2;
	}
	a->rx_pool_base = rte_mempool_in_use_count(a->rx_pool);
	a->copy_pool_base = rte_mempool_in_use_count(a->copy_pool);
	if (app_seed_ports(a) != 0) {
		app_control_fini(a);
		app_teardown(a);
		rte_eal_cleanup();
		return 2;
	}

	printf(APP_NAME ": forwarding on lcore %u, control%s on lcore %u; %s\n", worker,
			a->opt.ctl_interval_ms ? "" : " (off)", rte_get_main_lcore(),
			a->opt.duration_s > 0 ? "stops after --duration" : "Ctrl-C stops");
	fflush(stdout);
	a->start_tsc = rte_get_timer_cycles();
	ret = rte_eal_remote_launch(app_worker_main, a, worker);
	if (ret != 0) {
		fprintf(stderr, APP_NAME ": cannot launch the worker on lcore %u\n", worker);
		app_control_fini(a);
		app_teardown(a);
		rte_eal_cleanup();
		return 2;
	}
	run_main_loop(a);
	run_s = elapsed(a);
	__atomic_store_n(&a->quit, 1, __ATOMIC_RELAXED);
	rte_eal_wait_lcore(worker);

	app_drain_ports(a);
	ok = app_summary(a, run_s);
	app_control_fini(a);
	app_teardown(a);
	rte_eal_cleanup();
	return ok ? 0 : 1;
}

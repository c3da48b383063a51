/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * How far apart the main lcore's CPU (where the engine threads run) and a
 * worker's are: the round trip of one cache line bounced between them.  On a
 * virtual machine it moves with where the hypervisor puts the two vCPUs
 * (here 190 to 1,000+ cycles from one minute to the next), and every figure
 * that depends on a line crossing cores moves with it: each run reports it.
 */

#include <rte_cycles.h>
#include <rte_launch.h>

#include "bench.h"

#define PROBE_TRIPS	4000
#define PROBE_MAX_MS	200	/* a descheduled peer ends the probe, not the run */

static struct {
	uint64_t seq __rte_cache_aligned;		/* the line bounced */
	uint64_t deadline __rte_cache_aligned;		/* TSC; set before the launch */
} probe;

/* The worker's side: answer every odd value with the next one. */
static int
probe_peer(void *arg)
{
	const uint64_t deadline = probe.deadline;
	uint64_t want = 1;

	RTE_SET_USED(arg);
	while (want < 2 * PROBE_TRIPS && rte_get_tsc_cycles() < deadline) {
		/* no pause in either spin: it would be part of the figure.
		 * Relaxed: only the value itself travels. */
		if (__atomic_load_n(&probe.seq, __ATOMIC_RELAXED) == want) {
			__atomic_store_n(&probe.seq, want + 1, __ATOMIC_RELAXED);
			want += 2;
		}
	}
	return 0;
}

double
bench_xcore_rtt(unsigned int worker_lcore)
{
	const uint64_t deadline = rte_get_tsc_cycles() + rte_get_tsc_hz() / 1000 * PROBE_MAX_MS;
	uint64_t i, t0, t1 = 0;

	__atomic_store_n(&probe.seq, 0, __ATOMIC_RELAXED);
	/* rte_eal_remote_launch() orders these stores before the peer runs */
	probe.deadline = deadline;
	if (rte_eal_remote_launch(probe_peer, NULL, worker_lcore) != 0)
		return 0;
	t0 = rte_rdtsc();
	for (i = 1; i < 2 * PROBE_TRIPS; i += 2) {
		__atomic_store_n(&probe.seq, i, __ATOMIC_RELAXED);
		while (__atomic_load_n(&probe.seq, __ATOMIC_RELAXED) != i + 1 &&
				rte_get_tsc_cycles() < deadline)
			;
		if (__atomic_load_n(&probe.seq, __ATOMIC_RELAXED) != i + 1)
			break;
	}
	if (i >= 2 * PROBE_TRIPS)
		t1 = rte_rdtsc();
	rte_eal_wait_lcore(worker_lcore);
	return t1 != 0 ? (double)(t1 - t0) / PROBE_TRIPS : 0;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * Control events on the live DMA channel, run from the main lcore while the
 * worker keeps forwarding:
 *
 *  - queue teardown: stop rx on one port, suspend the channel, list the
 *    pending jobs, cancel the ones copying that port's packets (found through
 *    the tags the worker publishes) in one rte_pmd_netdma_cancel_bulk() call,
 *    resume, restart rx.  The worker frees
 *    the cancelled packets when their USER_ABORT completions arrive.
 *    With --inject-errors, one other pending job is rewritten to read from
 *    an unmapped address instead, so the worker sees a real copy error.
 *  - urgent copy: suspend, insert a copy at the head of the pending list,
 *    resume, wait for its ticket and check the bytes.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_memzone.h>

#include "copy_offload.h"
#include "rte_pmd_netdma.h"

#define URGENT_LEN		1500
#define URGENT_BUF		2048	/* one buffer; both live in one 4 KiB zone */
#define TICKET_TIMEOUT_US	2000000
#define SUSPEND_EIO_RETRIES	200
#define BAD_IOVA		0xDEAD0000ull	/* no EAL memory there */

static struct {
	struct rte_pmd_netdma_job *jobs;
	uint16_t *ids;		/* ring_idx of the jobs a teardown cancels */
	int *res;		/* and their results */
	uint16_t max_jobs;
	const struct rte_memzone *mz;
	uint8_t *src, *dst;
	rte_iova_t src_iova, dst_iova;
} cs;

static uint64_t
tsc_to_ns(uint64_t cycles)
{
	return cycles * 1000000000ull / rte_get_tsc_hz();
}

int
app_control_init(struct app *a)
{
	if (a->opt.ctl_interval_ms == 0)
		return 0;
	cs.max_jobs = (uint16_t)RTE_MIN(a->ring_size + RTE_PMD_NETDMA_MAX_INSERTED,
			UINT16_MAX);
	cs.jobs = calloc(cs.max_jobs, sizeof(*cs.jobs));
	cs.ids = calloc(cs.max_jobs, sizeof(*cs.ids));
	cs.res = calloc(cs.max_jobs, sizeof(*cs.res));
	cs.mz = rte_memzone_reserve_aligned("co_urgent", 2 * URGENT_BUF, rte_socket_id(),
			RTE_MEMZONE_IOVA_CONTIG, 2 * URGENT_BUF);
	if (cs.jobs == NULL || cs.ids == NULL || cs.res == NULL || cs.mz == NULL) {
		fprintf(stderr, APP_NAME ": control: out of memory\n");
		app_control_fini(a);
		return -1;
	}
	cs.src = cs.mz->addr;
	cs.dst = cs.src + URGENT_BUF;
	cs.src_iova = cs.mz->iova;
	cs.dst_iova = cs.mz->iova + URGENT_BUF;
	return 0;
}

void
app_control_fini(struct app *a)
{
	RTE_SET_USED(a);
	free(cs.jobs);
	cs.jobs = NULL;
	free(cs.ids);
	cs.ids = NULL;
	free(cs.res);
	cs.res = NULL;
	rte_memzone_free(cs.mz);
	cs.mz = NULL;
}

/* Suspend, timed; false (and logged) on failure. */
static bool
suspend(struct app *a, const char *what, uint64_t *t_start,
		struct rte_pmd_netdma_suspend_info *info)
{
	unsigned int tries = 0;
	uint64_t t0, ns;
	int ret;

	for (;;) {
		t0 = rte_rdtsc();
		ret = rte_pmd_netdma_suspend(a->dma_id, 0, info);
		ns = tsc_to_ns(rte_rdtsc() - t0);
		/* -EIO: halted by a failed job; the worker recovers it shortly. */
		if (ret != -EIO || ++tries > SUSPEND_EIO_RETRIES)
			break;
		a->ctl.suspend_retries++;
		rte_delay_us_sleep(50);
	}
	if (ret != 0) {
		a->ctl.suspend_failures++;
		printf("ctl: %s: suspend failed: %s\n", what, strerror(-ret));
		return false;
	}
	a->ctl.suspends++;
	a->ctl.suspend_ns_last = ns;
	a->ctl.suspend_ns_total += ns;
	a->ctl.suspend_ns_max = RTE_MAX(a->ctl.suspend_ns_max, ns);
	*t_start = t0;
	return true;
}

/* Resume; returns how long the channel was held, in ns. */
static uint64_t
resume(struct app *a, const char *what, uint64_t t_start)
{
	int ret = rte_pmd_netdma_resume(a->dma_id, 0);
	uint64_t ns = tsc_to_ns(rte_rdtsc() - t_start);

	if (ret != 0) {
		a->ctl.resume_failures++;
		printf("ctl: %s: RESUME FAILED: %s\n", what, strerror(-ret));
	}
	a->ctl.held_ns_total += ns;
	a->ctl.held_ns_max = RTE_MAX(a->ctl.held_ns_max, ns);
	return ns;
}

/* The port index a pending data-path job copies for, or -1 if unknown. */
static int
job_port(const struct app *a, const struct rte_pmd_netdma_job *j)
{
	uint32_t tag;

	if (j->ticket != 0)
		return -1;
	/* Acquire: pairs with the worker's release store of the tag. */
	tag = __atomic_load_n(&a->job_tags[j->ring_idx & a->tag_mask], __ATOMIC_ACQUIRE);
	if ((uint16_t)(tag >> 16) != j->ring_idx || (tag & 0xFFFF) == 0)
		return -1;
	return (int)(tag & 0xFFFF) - 1;
}

static void
queue_teardown(struct app *a, uint16_t pidx, bool inject)
{
	struct rte_pmd_netdma_suspend_info info;
	unsigned int mine = 0, cancelled = 0, injected = 0;
	uint64_t t0, susp_ns, held_ns;
	int n, i, seen, n_ok;
	char what[48];

	snprintf(what, sizeof(what), "teardown port %u", a->ports[pidx]);
	/* Stop rx on the queue (release: the worker acquires it). */
	__atomic_store_n(&a->port_paused[pidx], 1, __ATOMIC_RELEASE);
	if (!suspend(a, what, &t0, &info))
		goto restart;
	susp_ns = a->ctl.suspend_ns_last;
	n = rte_pmd_netdma_pending(a->dma_id, 0, cs.jobs, cs.max_jobs);
	if (n < 0) {
		printf("ctl: %s: pending: %s\n", what, strerror(-n));
		n = 0;
	}
	seen = RTE_MIN(n, (int)cs.max_jobs);
	for (i = 0; i < seen; i++) {
		struct rte_pmd_netdma_job *j = &cs.jobs[i];
		int port = job_port(a, j);
		int ret;

		if (port < 0)
			continue;
		if (inject && injected == 0 && (port != pidx || a->nb_ports == 1)) {
			/* Make this copy fail: the engine reports a bad source. */
			j->src = BAD_IOVA;
			ret = rte_pmd_netdma_rewrite(a->dma_id, 0, j);
			if (ret == 0) {
				injected++;
				continue;
			}
			printf("ctl: %s: rewrite of job %u: %s\n", what, j->ring_idx,
					strerror(-ret));
		}
		if (port != pidx)
			continue;
		cs.ids[mine++] = j->ring_idx;
	}
	/* One call for all of them: O(jobs), not a call (and a lock) per job. */
	n_ok = rte_pmd_netdma_cancel_bulk(a->dma_id, 0, cs.ids, (uint16_t)mine, cs.res);
	if (n_ok < 0) {
		a->ctl.cancel_failures += mine;
		printf("ctl: %s: cancel_bulk of %u jobs: %s\n", what, mine, strerror(-n_ok));
	} else {
		cancelled = (unsigned int)n_ok;
		for (i = 0; i < (int)mine; i++) {
			if (cs.res[i] == 0)
				continue;
			a->ctl.cancel_failures++;
			printf("ctl: %s: cancel of job %u: %s\n", what, cs.ids[i],
					strerror(-cs.res[i]));
		}
	}
	held_ns = resume(a, what, t0);
	a->ctl.teardowns++;
	a->ctl.teardown_pending += (uint64_t)n;
	a->ctl.cancels += cancelled;
	a->ctl.injected += injected;
	if (!a->opt.quiet_events)
		printf("ctl: teardown port %u queue 0: %d pending (%u at suspend), %u of this "
				"port, %u cancelled%s; suspend %.1f us, channel held %.1f us\n",
				a->ports[pidx], n, info.nb_pending, mine, cancelled,
				injected ? ", 1 rewritten to fail" : "",
				susp_ns / 1e3, held_ns / 1e3);
restart:
	__atomic_store_n(&a->port_paused[pidx], 0, __ATOMIC_RELEASE);
}

static void
urgent_copy(struct app *a, uint64_t round)
{
	struct rte_pmd_netdma_suspend_info info;
	struct rte_pmd_netdma_job job = {
		.op = RTE_PMD_NETDMA_OP_COPY,
		.src = cs.src_iova,
		.dst = cs.dst_iova,
		.length = URGENT_LEN,
	};
	enum rte_dma_status_code status = RTE_DMA_STATUS_ERROR_UNKNOWN;
	uint64_t t0, t_done, held_ns, susp_ns, ticket = 0;
	int n, ret, done = 0;
	unsigned int i;
	bool ok;

	for (i = 0; i < URGENT_LEN; i++)
		cs.src[i] = (uint8_t)(round * 7 + i);
	memset(cs.dst, 0xA5, URGENT_BUF);

	if (!suspend(a, "urgent copy", &t0, &info))
		return;
	susp_ns = a->ctl.suspend_ns_last;
	n = rte_pmd_netdma_pending(a->dma_id, 0, NULL, 0);
	ret = rte_pmd_netdma_insert(a->dma_id, 0, 0, &job, &ticket);
	held_ns = resume(a, "urgent copy", t0);
	if (ret != 0) {
		a->ctl.urgent_failed++;
		printf("ctl: urgent copy: insert failed: %s\n", strerror(-ret));
		return;
	}
	a->ctl.urgent++;
	t_done = rte_rdtsc();
	while ((done = rte_pmd_netdma_ticket_status(a->dma_id, 0, ticket, &status)) == 0 &&
			tsc_to_ns(rte_rdtsc() - t_done) < TICKET_TIMEOUT_US * 1000ull)
		rte_delay_us_sleep(20);
	t_done = tsc_to_ns(rte_rdtsc() - t_done);
	ok = done == 1 && status == RTE_DMA_STATUS_SUCCESSFUL &&
		memcmp(cs.src, cs.dst, URGENT_LEN) == 0 && cs.dst[URGENT_LEN] == 0xA5;
	if (ok)
		a->ctl.urgent_verified++;
	else
		a->ctl.urgent_failed++;
	if (!a->opt.quiet_events || !ok)
		printf("ctl: urgent copy %u B inserted at 0 ahead of %d pending: suspend %.1f us, "
				"channel held %.1f us; ticket %" PRIu64 " %s after %.1f us, "
				"status %s, data %s\n",
				URGENT_LEN, n, susp_ns / 1e3, held_ns / 1e3, ticket,
				done == 1 ? "done" : done == 0 ? "NOT DONE" : "LOST",
				t_done / 1e3, done == 1 ? app_status_name(status) : "-",
				ok ? "verified" : "WRONG");
}

void
app_control_event(struct app *a, uint64_t round)
{
	bool inject = a->opt.inject_every != 0 && (round + 1) % a->opt.inject_every == 0;

	queue_teardown(a, (uint16_t)(round % a->nb_ports), inject);
	urgent_copy(a, round);
}

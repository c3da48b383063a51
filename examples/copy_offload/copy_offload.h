/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * netdma-copy-offload: receive on ethdev ports, copy every packet into a
 * fresh mbuf with a netdma dmadev, forward the copy, free the original;
 * meanwhile a control thread suspends the DMA channel, cancels the copies of
 * a port being torn down and inserts urgent copies ahead of the bulk work.
 *
 * Threads: one worker lcore owns the data path (rx -> dma -> tx); the main
 * lcore runs the control events and prints statistics.  The worker is the
 * only writer of the data-path counters; the main lcore reads them with
 * relaxed loads (ctr_get), so the live numbers may be a few packets stale,
 * and the final books are read after the worker has returned.
 */

#ifndef COPY_OFFLOAD_H
#define COPY_OFFLOAD_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_dmadev.h>
#include <rte_mempool.h>

#define APP_NAME		"copy-offload"
#define APP_MAX_PORTS		32
#define APP_MAX_BURST		256
#define APP_STATUS_SLOTS	16	/* dmadev status codes 0..15, then "other" */

/* ---- command line ---- */

struct app_options {
	double duration_s;		/* 0: until SIGINT/SIGTERM */
	unsigned int ctl_interval_ms;	/* 0: no control events */
	unsigned int burst;
	unsigned int ring_size;		/* dmadev nb_desc */
	uint64_t portmask;		/* 0: every port */
	unsigned int mbuf_size;		/* data room of the rx pool */
	unsigned int copy_mbuf_size;	/* data room of the copy pool */
	unsigned int nb_mbufs;		/* per pool; 0: sized from the rings */
	unsigned int stats_interval_s;	/* 0: no live statistics */
	unsigned int inject_every;	/* every Nth teardown makes one copy fail; 0: off */
	unsigned int seed;		/* packets put on each (net_ring) port at start */
	char dma_name[64];		/* "": first dma_netdma*, created if none */
	bool quiet_events;		/* do not log each control event */
};

/* 0 on success, 1 after --help, -1 on a bad option (message printed). */
int app_parse_options(int argc, char **argv, struct app_options *opt);

/* ---- counters (one writer each) ---- */

static inline void
ctr_add(uint64_t *c, uint64_t n)
{
	__atomic_store_n(c, *c + n, __ATOMIC_RELAXED);
}

static inline uint64_t
ctr_get(const uint64_t *c)
{
	return __atomic_load_n(c, __ATOMIC_RELAXED);
}

/* What became of the packets received on one port (worker-written). */
struct port_books {
	uint64_t rx;
	uint64_t forwarded;		/* copy handed to tx_burst and taken */
	uint64_t drop_tx_full;		/* copy made, tx queue full */
	uint64_t drop_ring_full;	/* no DMA ring space for its segments */
	uint64_t drop_no_mbuf;		/* no copy mbuf */
	uint64_t drop_bad_size;		/* empty, or larger than a copy mbuf */
	uint64_t copy_errors;		/* a copy job failed (or could not be enqueued) */
	uint64_t cancelled;		/* a copy job was cancelled (USER_ABORT) */
	uint64_t tx;			/* copies sent out of this port (as tx port) */
};

/* Data-path totals (worker-written). */
struct dp_counters {
	uint64_t pkts_enqueued;		/* packets whose copies were enqueued */
	uint64_t pkts_finished;		/* ... and whose last job completed */
	uint64_t jobs_enqueued;		/* rte_dma_copy() successes */
	uint64_t jobs_completed;	/* completions reported, any status */
	uint64_t jobs_failed;		/* status other than SUCCESSFUL / USER_ABORT */
	uint64_t jobs_cancelled;	/* USER_ABORT */
	uint64_t enqueue_errors;	/* rte_dma_copy() errors other than -ENOSPC */
	uint64_t idx_mismatch;		/* completions not in ring_idx order */
	uint64_t status[APP_STATUS_SLOTS + 1];
	uint64_t drain_left;		/* jobs still in flight when the drain gave up */
};

/* Control-thread totals (main-lcore written). */
struct ctl_counters {
	uint64_t teardowns;
	uint64_t teardown_pending;	/* pending jobs seen during teardowns */
	uint64_t cancels;		/* rte_pmd_netdma_cancel() successes */
	uint64_t cancel_failures;
	uint64_t urgent;		/* urgent copies inserted */
	uint64_t urgent_verified;	/* done, SUCCESSFUL, bytes checked */
	uint64_t urgent_failed;
	uint64_t injected;		/* jobs rewritten to fail */
	uint64_t suspends;		/* successful suspends */
	uint64_t suspend_failures;
	uint64_t suspend_retries;	/* -EIO (halted, recovery pending), tried again */
	uint64_t resume_failures;
	uint64_t suspend_ns_total, suspend_ns_max, suspend_ns_last;	/* the suspend call */
	uint64_t held_ns_total, held_ns_max;	/* suspend .. resume returned */
};

/* ---- application state ---- */

struct app {
	struct app_options opt;

	uint16_t nb_ports;
	uint16_t ports[APP_MAX_PORTS];		/* ethdev port ids in use */
	uint16_t peer[APP_MAX_PORTS];		/* index of the port each one forwards to */
	int16_t pidx_of[RTE_MAX_ETHPORTS];	/* ethdev port id -> index, -1 */
	struct rte_mempool *rx_pool;
	struct rte_mempool *copy_pool;
	unsigned int rx_pool_base, copy_pool_base;	/* in-use counts before traffic */

	int16_t dma_id;
	uint16_t ring_size;			/* as configured (power of two) */
	bool dma_is_netdma;
	uint16_t max_segs;			/* copy jobs one packet may take */

	/*
	 * ring_idx -> (port, ring_idx) tags the worker publishes (release) for
	 * every enqueued job, so the control thread can tell which pending
	 * jobs belong to a port.  The mbufs themselves stay private to the
	 * worker.  Entry: ring_idx << 16 | (port index + 1); 0 = none.
	 */
	uint32_t *job_tags;
	uint16_t tag_mask;

	/* control -> worker */
	uint8_t port_paused[APP_MAX_PORTS];	/* rx stopped (queue being torn down) */
	volatile int quit;

	/* worker -> everyone (relaxed) */
	struct port_books books[APP_MAX_PORTS];
	struct dp_counters dp;
	uint64_t seeded, drained, drained_bad;	/* --seed bookkeeping (main lcore) */

	struct ctl_counters ctl;
	uint64_t start_tsc;
};

/* setup.c */
int app_setup_pools(struct app *a);
int app_setup_ports(struct app *a);
int app_setup_dma(struct app *a);
void app_teardown(struct app *a);

/* seed.c */
int app_seed_ports(struct app *a);
void app_drain_ports(struct app *a);

/* datapath.c: the worker lcore's main function (arg: struct app *). */
int app_worker_main(void *arg);

/* control.c: called from the main lcore's loop. */
int app_control_init(struct app *a);
void app_control_event(struct app *a, uint64_t round);
void app_control_fini(struct app *a);

/* report.c */
void app_stats_print(struct app *a, double elapsed_s);
/* Prints the summary; returns true when every check holds. */
bool app_summary(struct app *a, double elapsed_s);

static inline const char *
app_status_name(unsigned int st)
{
	static const char *const names[] = {
		"successful", "user abort", "not attempted", "invalid src addr",
		"invalid dst addr", "invalid addr", "invalid length", "invalid opcode",
		"bus read error", "bus write error", "bus error", "data poison",
		"descriptor read error", "dev link error", "page fault",
	};
	return st < RTE_DIM(names) ? names[st] : "other error";
}

#endif /* COPY_OFFLOAD_H */

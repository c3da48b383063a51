/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/**
 * @file
 * netdma PMD-specific API: the NetDMA provider model on a dmadev channel.
 *
 * A control thread may suspend a channel while the data-path lcore keeps
 * calling rte_dma_copy()/fill()/submit()/completed(); while suspended it may
 * inspect and edit the list of jobs the engine has not run yet (cancel,
 * rewrite, insert); resume makes the engine continue from the last descriptor
 * it processed, following its possibly new `next`.  Every job completes
 * exactly once.  Full semantics: doc/suspend-resume.md.
 *
 * All functions return 0 on success or a negative errno, except where noted.
 * Control functions on one channel serialise among themselves; they never
 * wait for the data path to make a call.
 */

#ifndef RTE_PMD_NETDMA_H
#define RTE_PMD_NETDMA_H

#include <stdint.h>

#include <rte_common.h>
#include <rte_compat.h>
#include <rte_dmadev.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Channel state: the values of CHANSTS[2:0] and NetDMA's transfer status. */
enum rte_pmd_netdma_state {
	RTE_PMD_NETDMA_STATE_ACTIVE = 0,
	RTE_PMD_NETDMA_STATE_IDLE = 1,
	RTE_PMD_NETDMA_STATE_SUSPENDED = 2,
	RTE_PMD_NETDMA_STATE_HALTED = 3,
	RTE_PMD_NETDMA_STATE_ARMED = 4,
};

/** What rte_pmd_netdma_suspend() reports. */
struct rte_pmd_netdma_suspend_info {
	rte_iova_t last_desc;  /**< IOVA of the last descriptor the engine processed (NetDMA pLastDescriptor) */
	uint64_t completion;   /**< NetDMA's transfer status at the suspension: SUSPENDED | last_desc */
	uint16_t nb_pending;   /**< jobs submitted before the suspension and not yet processed */
};

enum rte_pmd_netdma_op { RTE_PMD_NETDMA_OP_COPY, RTE_PMD_NETDMA_OP_FILL };

/** A job of the pending list. */
struct rte_pmd_netdma_job {
	uint16_t ring_idx;     /**< id returned by rte_dma_copy()/rte_dma_fill(); unused for inserted jobs */
	uint64_t ticket;       /**< 0 for data-path jobs; the ticket of an inserted job */
	enum rte_pmd_netdma_op op;
	uint64_t flags;        /**< RTE_DMA_OP_FLAG_FENCE, RTE_DMA_OP_FLAG_LLC */
	rte_iova_t src;        /**< copy source */
	uint64_t pattern;      /**< fill pattern */
	rte_iova_t dst;
	uint32_t length;
};

/** Control-path counters of a channel (also shown by telemetry and rte_dma_dump()). */
struct rte_pmd_netdma_stats {
	uint64_t suspends;
	uint64_t resumes;
	uint64_t suspend_timeouts;
	uint64_t cancels;
	uint64_t inserts;
	uint64_t rewrites;
	uint64_t recoveries;        /**< error recoveries done by the data path */
	uint64_t suspend_ns_last;   /**< latency of the last suspend */
	uint64_t suspend_ns_max;
	uint64_t suspend_ns_total;
	uint64_t suspended_ns_total; /**< time spent suspended */
};

/** Maximum inserted jobs in flight per channel (rte_pmd_netdma_insert() -ENOSPC beyond). */
#define RTE_PMD_NETDMA_MAX_INSERTED 64

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Channel state.
 *
 * @param dev_id
 *   dmadev id of a netdma channel.
 * @param vchan
 *   Its virtual channel: 0.
 * @return
 *   an enum rte_pmd_netdma_state value, or -EINVAL (bad ids, not netdma).
 */
__rte_experimental
int rte_pmd_netdma_state(int16_t dev_id, uint16_t vchan);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Suspend the channel: returns once the engine has finished the descriptor it
 * was processing and CHANSTS reads SUSPENDED, and the data path can no longer
 * touch what the editing calls change.  Callable from any
 * thread, including the data-path thread between its calls.
 *
 * @param dev_id
 *   dmadev id of a netdma channel.
 * @param vchan
 *   Its virtual channel: 0.
 * @param info
 *   Filled with where the engine stopped and how many jobs are pending; may be NULL.
 * @return
 *   0; -EINVAL (bad ids, not netdma, stopped), -EALREADY (suspended),
 *   -EIO (channel HALTED by an error), -ETIMEDOUT (engine did not halt within
 *   the suspend_timeout_ms devarg; the channel keeps running, nothing lost).
 */
__rte_experimental
int rte_pmd_netdma_suspend(int16_t dev_id, uint16_t vchan,
		struct rte_pmd_netdma_suspend_info *info);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Resume a suspended channel: the engine reloads the last descriptor it
 * processed and follows its (possibly new) next, then runs what the data
 * path queued meanwhile.
 *
 * @param dev_id
 *   dmadev id of a netdma channel.
 * @param vchan
 *   Its virtual channel: 0.
 * @return
 *   0; -EINVAL (bad ids, not suspended), -EIO.
 */
__rte_experimental
int rte_pmd_netdma_resume(int16_t dev_id, uint16_t vchan);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Only while suspended: the pending list in execution order, inserted jobs
 * included, cancelled jobs left out.
 *
 * @param dev_id
 *   dmadev id of a netdma channel.
 * @param vchan
 *   Its virtual channel: 0.
 * @param jobs
 *   Filled with up to nb_jobs pending jobs; may be NULL to count them.
 * @param nb_jobs
 *   Size of jobs.
 * @return
 *   the number of pending jobs (fills at most nb_jobs entries), or -EINVAL.
 */
__rte_experimental
int rte_pmd_netdma_pending(int16_t dev_id, uint16_t vchan,
		struct rte_pmd_netdma_job *jobs, uint16_t nb_jobs);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Only while suspended: the job never touches its destination and completes,
 * in order, with RTE_DMA_STATUS_USER_ABORT (counted in stats.errors).
 *
 * @param dev_id
 *   dmadev id of a netdma channel.
 * @param vchan
 *   Its virtual channel: 0.
 * @param ring_idx
 *   The ring_idx rte_dma_copy() or rte_dma_fill() returned for the job.
 * @return
 *   0; -EINVAL, -ENOENT (not pending), -EALREADY (already cancelled).
 */
__rte_experimental
int rte_pmd_netdma_cancel(int16_t dev_id, uint16_t vchan, uint16_t ring_idx);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Only while suspended: cancel many jobs in one call, as rte_pmd_netdma_cancel()
 * does each (same outcome: each completes once, in order, with
 * RTE_DMA_STATUS_USER_ABORT), in O(nb_jobs) under one lock, without walking
 * the pending list per job.
 *
 * @param dev_id
 *   dmadev id of a netdma channel.
 * @param vchan
 *   Its virtual channel: 0.
 * @param ring_idx
 *   The ring_idx of each job to cancel; may be NULL when nb_jobs is 0.
 * @param nb_jobs
 *   Number of entries in ring_idx.
 * @param status
 *   If not NULL, status[i] is set to 0 (cancelled), -ENOENT (not pending)
 *   or -EALREADY (already cancelled, also by an earlier entry of the array).
 * @return
 *   the number of jobs cancelled (0..nb_jobs), or -EINVAL (bad ids, not
 *   suspended, ring_idx NULL with nb_jobs > 0).
 */
__rte_experimental
int rte_pmd_netdma_cancel_bulk(int16_t dev_id, uint16_t vchan, const uint16_t *ring_idx,
		uint16_t nb_jobs, int *status);

/**
 * A caller's choice over the pending list (rte_pmd_netdma_cancel_if()):
 * non-zero to cancel the job.  Called with the channel's control lock held:
 * it must not call the netdma control API.
 */
typedef int (*rte_pmd_netdma_job_filter_t)(const struct rte_pmd_netdma_job *job, void *arg);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Only while suspended: walk the pending list once, in execution order, and
 * cancel every job (inserted ones included) the filter chooses; cancelled
 * jobs are not shown to it.  Each cancelled job has the outcome of
 * rte_pmd_netdma_cancel() (or rte_pmd_netdma_cancel_ticket() for an
 * inserted job).
 *
 * @param dev_id
 *   dmadev id of a netdma channel.
 * @param vchan
 *   Its virtual channel: 0.
 * @param filter
 *   Called once per pending job; non-zero cancels it.
 * @param arg
 *   Passed to filter.
 * @return
 *   the number of jobs cancelled, or -EINVAL (bad ids, not suspended, no
 *   filter), -EIO (the pending list is broken).
 */
__rte_experimental
int rte_pmd_netdma_cancel_if(int16_t dev_id, uint16_t vchan,
		rte_pmd_netdma_job_filter_t filter, void *arg);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Only while suspended: give a pending job (found by job->ticket if non-zero,
 * else by job->ring_idx) a new op, addresses, length and flags; it keeps its
 * place and its ring_idx (or ticket).
 *
 * @param dev_id
 *   dmadev id of a netdma channel.
 * @param vchan
 *   Its virtual channel: 0.
 * @param job
 *   The job's new operation; job->ticket or job->ring_idx names it.
 * @return
 *   0; -EINVAL, -ENOENT (not pending), -ENOTSUP (fill not supported).
 */
__rte_experimental
int rte_pmd_netdma_rewrite(int16_t dev_id, uint16_t vchan,
		const struct rte_pmd_netdma_job *job);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Only while suspended: insert a job at position pos of the pending list
 * (0 = runs next, nb_pending = after the last pending job).  It takes no
 * ring_idx, no ring slot, and never appears in the data path's completions or
 * dmadev stats; read its outcome with rte_pmd_netdma_ticket_status().
 *
 * @param dev_id
 *   dmadev id of a netdma channel.
 * @param vchan
 *   Its virtual channel: 0.
 * @param pos
 *   Position in the pending list: 0 runs next, nb_pending after the last.
 * @param job
 *   The operation to insert (ring_idx and ticket are ignored).
 * @param ticket
 *   Set to the new job's ticket.
 * @return
 *   0 and *ticket; -EINVAL, -ERANGE (pos > pending), -ENOSPC (more than
 *   RTE_PMD_NETDMA_MAX_INSERTED inserted jobs in flight), -ENOTSUP.
 */
__rte_experimental
int rte_pmd_netdma_insert(int16_t dev_id, uint16_t vchan, uint16_t pos,
		const struct rte_pmd_netdma_job *job, uint64_t *ticket);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Only while suspended: cancel an inserted job by its ticket; it then
 * reports RTE_DMA_STATUS_USER_ABORT through its ticket.
 *
 * @param dev_id
 *   dmadev id of a netdma channel.
 * @param vchan
 *   Its virtual channel: 0.
 * @param ticket
 *   Ticket of the inserted job.
 * @return
 *   0; -EINVAL (not suspended, bad ids); -ENOENT (not pending: run, or its
 *   outcome already final, e.g. not attempted behind a failed fenced job,
 *   as rte_pmd_netdma_ticket_status() reports); -EALREADY (cancelled
 *   already).
 */
__rte_experimental
int rte_pmd_netdma_cancel_ticket(int16_t dev_id, uint16_t vchan, uint64_t ticket);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Outcome of an inserted job.
 *
 * @param dev_id
 *   dmadev id of a netdma channel.
 * @param vchan
 *   Its virtual channel: 0.
 * @param ticket
 *   Ticket of the inserted job.
 * @param status
 *   Set to the job's outcome when done.
 * @return
 *   1 done (*status set), 0 not yet, -EINVAL, -ENOENT (unknown ticket,
 *   or older than the last 1024 tickets of the channel).
 */
__rte_experimental
int rte_pmd_netdma_ticket_status(int16_t dev_id, uint16_t vchan, uint64_t ticket,
		enum rte_dma_status_code *status);

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Control-path counters of the channel.
 *
 * @param dev_id
 *   dmadev id of a netdma channel.
 * @param vchan
 *   Its virtual channel: 0.
 * @param st
 *   Filled with the channel's control-path counters.
 * @return
 *   0, or -EINVAL.
 */
__rte_experimental
int rte_pmd_netdma_stats_get(int16_t dev_id, uint16_t vchan, struct rte_pmd_netdma_stats *st);

#ifdef __cplusplus
}
#endif

#endif /* RTE_PMD_NETDMA_H */

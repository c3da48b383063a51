/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * The NetDMA provider model on a live channel: suspend, inspect and edit the
 * pending list (cancel, rewrite, insert), resume.  Any thread may call these
 * while the data-path thread keeps running; calls on one channel serialise on
 * its control mutex.  Semantics: doc/suspend-resume.md.
 */

#ifndef NETDMA_CTRL_H
#define NETDMA_CTRL_H

#include "netdma_chan.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Inserted jobs in flight at most (RTE_PMD_NETDMA_MAX_INSERTED). */
#define NETDMA_INSERT_MAX	64

/* CHANSTS[2:0] (enum values as in rte_pmd_netdma_state); SUSPENDED while
 * suspended (a channel ARMED with nothing to run is suspended without a
 * command). */
int netdma_state(struct netdma_chan *ch);
/* 0, -EINVAL (stopped), -EALREADY, -EIO (halted), -ETIMEDOUT. */
int netdma_suspend(struct netdma_chan *ch, struct netdma_suspend_info *info);
int netdma_resume(struct netdma_chan *ch);
/* Number of pending jobs; fills at most nb entries. */
int netdma_pending(struct netdma_chan *ch, struct netdma_job *jobs, uint16_t nb);
int netdma_cancel(struct netdma_chan *ch, uint16_t ring_idx);
int netdma_cancel_ticket(struct netdma_chan *ch, uint64_t ticket);
/* Cancel the ring jobs named, in one call (O(nb), no walk): the number
 * cancelled, or -EINVAL; status[i] (if not NULL) 0, -ENOENT or -EALREADY. */
int netdma_cancel_bulk(struct netdma_chan *ch, const uint16_t *ring_idx, uint16_t nb,
		int *status);
/* A caller's choice over the pending list: non-zero cancels the job. */
typedef int (*netdma_job_pred)(const struct netdma_job *job, void *arg);
/* Cancel every pending job (inserted ones included) pred chooses, in one
 * walk: the number cancelled, -EINVAL or -EIO. */
int netdma_cancel_if(struct netdma_chan *ch, netdma_job_pred pred, void *arg);
/* Rewrites the job named by job->ticket (if non-zero) or job->ring_idx. */
int netdma_rewrite(struct netdma_chan *ch, const struct netdma_job *job);
int netdma_insert(struct netdma_chan *ch, uint16_t pos, const struct netdma_job *job,
		uint64_t *ticket);
/* 1 done (status set), 0 not yet, -errno. */
int netdma_ticket_status(struct netdma_chan *ch, uint64_t ticket,
		enum rte_dma_status_code *status);
void netdma_ctrl_stats(struct netdma_chan *ch, struct netdma_ctrl_stats *st);
void netdma_ctrl_dump(struct netdma_chan *ch, FILE *f);

#ifdef __cplusplus
}
#endif

#endif /* NETDMA_CTRL_H */

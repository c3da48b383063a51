/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/* Private helpers of the channel engine, shared by its .c files. */

#ifndef NETDMA_INTERNAL_H
#define NETDMA_INTERNAL_H

#include <inttypes.h>

#include "netdma_chan.h"
#include "netdma_log.h"

#define NETDMA_LOG(ch, fmt, ...) \
	netdma_log(NETDMA_LOG_ERR, "%s: " fmt, (ch)->cfg.name, ##__VA_ARGS__)
#define NETDMA_WARN(ch, fmt, ...) \
	netdma_log(NETDMA_LOG_WARNING, "%s: " fmt, (ch)->cfg.name, ##__VA_ARGS__)
#define NETDMA_DEBUG(ch, fmt, ...) \
	netdma_log(NETDMA_LOG_DEBUG, "%s: " fmt, (ch)->cfg.name, ##__VA_ARGS__)

/* A null descriptor keeps its place (and `next`) in the chain, moves nothing. */
static inline void
netdma_desc_make_null(struct cbdma_desc *d)
{
	d->size = CBDMA_NULL_DESC_SIZE;
	d->ctl = CBDMA_DESC_NULL | CBDMA_DESC_COMPL_WRITE | (d->ctl & CBDMA_DESC_FENCE);
	d->src_addr = 0;
	d->dst_addr = 0;
}

/* Descriptors from `from` (inclusive) up to ring slot `to_slot` (exclusive)
 * following `next`; -1 if the chain does not reach it. */
int netdma_chain_count(const struct netdma_chan *ch, uint64_t from, uint16_t to_slot);

/* Clear the CHANERR bits given, RESET (wait until taken), then program
 * CHANCTRL and CHANCMP.  0 or -ETIMEDOUT. */
int netdma_hw_reset(struct netdma_chan *ch, uint32_t chanerr);
/* Arm the chain at `first` with `count` descriptors available; `after` is
 * the last descriptor processed before it (arm_last). */
void netdma_hw_arm(struct netdma_chan *ch, uint64_t first, uint64_t after, uint16_t count);
/* netdma_hw_arm on a reset channel, then wait until it left HALTED:
 * 0, or -ETIMEDOUT (armed all the same). */
int netdma_hw_rearm(struct netdma_chan *ch, uint64_t first, uint64_t after, uint16_t count);

/* Poll `cond` on the channel registers for up to timeout_us, spinning
 * briefly, then yielding. */
int netdma_wait_sts(struct netdma_chan *ch, uint32_t timeout_us,
		bool (*cond)(struct netdma_chan *ch, void *arg), void *arg);

/* Resume a suspended channel, ctrl_lock held. */
int netdma_resume_locked(struct netdma_chan *ch);

/* A SUSPEND whose wait timed out and that the engine took since: RESUME it.
 * Inside the data-path section, or with the data path quiescent. */
void netdma_resume_orphan(struct netdma_chan *ch);

void netdma_ticket_set_status(struct netdma_chan *ch, uint64_t ticket,
		enum rte_dma_status_code st);

#endif /* NETDMA_INTERNAL_H */

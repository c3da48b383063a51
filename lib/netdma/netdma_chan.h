/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * The netdma channel engine: a device-independent driver for one CBDMA v3
 * channel.  It owns a circular ring of 64-byte descriptors linked by `next`
 * in IOVA-contiguous memory, the job bookkeeping, the DMACOUNT doorbell, the
 * decoding of the completion word and the suspend/splice/resume state
 * machine.  It reaches the device only through a register window (a BAR, or
 * the device model's register file) and IOVA memory; it has no DPDK bus or
 * EAL dependency, so it is unit-tested without EAL.
 *
 * Threads: one data-path thread per channel calls the fast path
 * (netdma_fastpath.h); any other thread may call the control functions
 * (netdma_ctrl.h), which serialise among themselves with a mutex and
 * synchronise with the data path through the handshake described in
 * doc/suspend-resume.md.
 */

#ifndef NETDMA_CHAN_H
#define NETDMA_CHAN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <pthread.h>

#include <rte_dmadev.h>		/* enum rte_dma_status_code, RTE_DMA_OP_FLAG_* (header only) */

#include "cbdma_hw.h"
#include "cbdma_regs.h"

#ifdef __cplusplus
extern "C" {
#endif

#define NETDMA_CACHE_LINE	64
#define NETDMA_MIN_DESC		32
#define NETDMA_MAX_DESC		32768	/* a power of two that divides 65536 */
#define NETDMA_INSERT_POOL	65	/* inserted descriptors: 64 in flight + the last processed one */
#define NETDMA_TICKET_RECORDS	1024	/* tickets whose outcome is remembered */

/* Where the channel's DMA memory comes from: IOVA-contiguous, zeroed. */
struct netdma_dma_mem {
	void *va;
	uint64_t iova;
	size_t len;
	void *cookie;		/* owner's handle (memzone, hugepage...) */
};

struct netdma_mem_ops {
	/* IOVA-contiguous, starting at a multiple of align (a power of two,
	 * at most 2 MiB); 0 or -errno. */
	int (*alloc)(void *ctx, size_t len, size_t align, struct netdma_dma_mem *out);
	void (*free)(void *ctx, struct netdma_dma_mem *mem);
	void *ctx;
};

/* How resume continues a suspended channel (see doc/suspend-resume.md). */
enum netdma_resume_mode {
	NETDMA_RESUME_CMD = 0,	/* CHANCMD RESUME: the engine reloads the last descriptor */
	NETDMA_RESUME_REARM,	/* CHAINADDR = next to run, DMACOUNT counted from zero */
};

struct netdma_chan_config {
	volatile void *regs;		/* this channel's register block */
	uint16_t nb_desc;		/* ring size: power of two, NETDMA_MIN_DESC..MAX */
	uint64_t max_xfer;		/* from XFERCAP */
	bool fill;			/* DMACAP: block fill supported */
	bool drsctl;			/* cbdma_has_drsctl(): prefetch is turned off */
	uint32_t suspend_timeout_us;	/* engine must halt within this; >= 100000 advised */
	uint32_t cmd_timeout_us;	/* RESET/bring-up waits */
	enum netdma_resume_mode resume_mode;
	bool desc_plain;		/* plain descriptor stores even where streaming ones exist */
	struct netdma_mem_ops mem;
	const char *name;		/* for logs */
};

/* Public suspend/splice types, mirrored by rte_pmd_netdma.h. */
enum netdma_op { NETDMA_OP_COPY = 0, NETDMA_OP_FILL = 1 };

struct netdma_job {
	uint16_t ring_idx;
	uint64_t ticket;	/* 0 for data-path jobs */
	enum netdma_op op;
	uint64_t flags;		/* RTE_DMA_OP_FLAG_FENCE, ... */
	uint64_t src;
	uint64_t pattern;
	uint64_t dst;
	uint32_t length;
};

struct netdma_suspend_info {
	uint64_t last_desc;
	uint64_t completion;
	uint16_t nb_pending;
};

struct netdma_ctrl_stats {
	uint64_t suspends, resumes, cancels, inserts, rewrites;
	uint64_t suspend_timeouts;
	uint64_t inserted_done, inserted_errors;
	uint64_t suspend_ns_last, suspend_ns_max, suspend_ns_total;
	uint64_t suspended_ns_total;	/* time spent suspended */
};

struct netdma_dp_stats {
	uint64_t submitted;
	uint64_t completed;
	uint64_t errors;
};

/*
 * Software marks in a descriptor's user1 field: a job that completes with a
 * status other than SUCCESSFUL (failed, cancelled, not attempted).  Data-path
 * enqueues write user1 = 0.  Inserted descriptors carry NETDMA_USER1_INSERTED
 * with the ring slot they run before.
 */
#define NETDMA_MARK_MAGIC	0x4E44ull		/* "ND" */
#define NETDMA_MARK(status)	((NETDMA_MARK_MAGIC << 48) | (uint64_t)(status))
#define NETDMA_IS_MARK(u)	(((u) >> 48) == NETDMA_MARK_MAGIC)
#define NETDMA_MARK_STATUS(u)	((enum rte_dma_status_code)((u) & 0xFFFF))
#define NETDMA_INSERTED_MAGIC	0x4E49ull		/* "NI" */
#define NETDMA_USER1_INSERTED(before_slot) ((NETDMA_INSERTED_MAGIC << 48) | (before_slot))
#define NETDMA_IS_INSERTED(u)	(((u) >> 48) == NETDMA_INSERTED_MAGIC)
/* user2 of a ring descriptor: the DPDK op flags that matter later. */
#define NETDMA_USER2_FENCE	RTE_DMA_OP_FLAG_FENCE
/* user1 of an inserted descriptor (its user2 is the ticket): the fence. */
#define NETDMA_USER1_FENCE	(RTE_DMA_OP_FLAG_FENCE << 32)

/* A job's own fence (RTE_DMA_OP_FLAG_FENCE, for error handling; the
 * descriptor before it carries the engine's fence bit): user2 of a ring
 * descriptor, user1 of an inserted one. */
static inline bool
netdma_desc_job_fenced(const struct cbdma_desc *d, bool inserted)
{
	return inserted ? (d->user1 & NETDMA_USER1_FENCE) != 0 :
		(d->user2 & NETDMA_USER2_FENCE) != 0;
}

static inline void
netdma_desc_set_job_fence(struct cbdma_desc *d, bool inserted, bool fence)
{
	if (inserted)
		d->user1 = (d->user1 & ~NETDMA_USER1_FENCE) | (fence ? NETDMA_USER1_FENCE : 0);
	else
		d->user2 = fence ? NETDMA_USER2_FENCE : 0;
}

/* ctl_word bits: written only by the control side. */
#define NETDMA_CTL_EXCLUDE	1ull	/* data path must not touch DMACOUNT/CHAINADDR/CHANCMD */
#define NETDMA_CTL_MARKS_SHIFT	32	/* count of marks the control side made */

struct netdma_ticket_rec {
	uint64_t ticket;		/* 0 = free */
	uint16_t pool_idx;
	uint16_t before_slot;
	/* written by the data path (error) or control (cancel); 0 = none */
	uint32_t status_plus1;
};

struct netdma_chan {
	/* ---- data path: written by the data-path thread only ---- */
	struct cbdma_desc *ring;	/* nb_desc descriptors */
	volatile void *regs;
	uint64_t ring_iova;
	uint16_t mask;
	uint16_t write;			/* next slot to fill (free running) */
	uint16_t read;			/* next slot to report */
	uint16_t hw_done;		/* slots the engine finished (exclusive bound) */
	uint16_t idx_base;		/* ring_idx = slot - idx_base */
	uint16_t flags_prev;		/* op flags of the job at write - 1 */
	uint32_t max_xfer_m1;		/* max transfer - 1 (length check) */
	uint8_t fill_ok;
	uint8_t desc_stream;		/* streaming descriptor stores (x86-64, !cfg.desc_plain) */
	uint8_t owed_doorbell;		/* a doorbell was skipped while excluded */
	uint8_t owed_recovery;		/* a halt is waiting for recovery */
	uint8_t started;
	uint8_t broken;			/* a halt that could not be recovered */
	uint32_t empty_polls;
	uint64_t owed_word;		/* the halted word awaiting recovery */
	uint64_t chain_start;		/* IOVA the channel was last armed at */
	/* The last descriptor processed before that arming: what a CHANSTS
	 * address of 0 (nothing processed since CHAINADDR) stands for.
	 * Written by recovery (data-path section) or control (excluded). */
	uint64_t arm_last;
	uint64_t arm_next;		/* arm_last's `next` (arming, splices) */
	uint64_t stats_recoveries;
	uint64_t last_cw;		/* last completion word decoded */
	uint64_t dp_marks;		/* marks made by the data path (errors) */
	uint64_t marks_seen;		/* marks reported */
	struct netdma_dp_stats stats;
	volatile uint64_t *cw;		/* completion word (engine writes) */

	/* ---- published by the data path, read by control ---- */
	uint16_t submitted __attribute__((aligned(NETDMA_CACHE_LINE)));
	uint16_t rung;			/* slot count the engine was told about */
	uint16_t dmacount_offset;	/* DMACOUNT = slot + offset; owner: see doc */
	uint8_t dp_busy;		/* inside a doorbell / recovery section */
	/* Jobs from fence_slot on are not handed to the engine until every job
	 * before it completed (a fence whose job before was already handed
	 * over; netdma_fence_before()).  Set by enqueue before the submit that
	 * publishes the slot, cleared by the doorbell. */
	uint8_t fence_held;
	uint16_t fence_slot;

	/* ---- written by control only, read by the data path ---- */
	uint64_t ctl_word __attribute__((aligned(NETDMA_CACHE_LINE)));

	/* ---- control path (mutex held) ---- */
	pthread_mutex_t ctrl_lock __attribute__((aligned(NETDMA_CACHE_LINE)));
	struct netdma_chan_config cfg;
	struct netdma_dma_mem mem;	/* the ring */
	struct netdma_dma_mem aux_mem;	/* completion word line, insert pool */
	struct cbdma_desc *pool;	/* NETDMA_INSERT_POOL inserted descriptors */
	uint64_t pool_iova;
	uint64_t cw_iova;
	uint64_t ctl_marks;		/* mirror of the marks count in ctl_word */
	bool suspended;
	bool susp_hw;			/* the engine is SUSPENDED (else: ARMED, idle) */
	/* A SUSPEND was written and not seen taken (its wait timed out):
	 * never written twice.  Cleared by control once taken, by the data
	 * path when it resumes it (netdma_resume_orphan()), by a RESET. */
	bool susp_in_flight;
	/* The data path resumed such a SUSPEND: until the engine takes that
	 * RESUME, CHANSTS still says SUSPENDED, and it is not a suspension.
	 * Set by the data path, cleared by control (excluding it) or RESET. */
	bool resume_in_flight;
	uint16_t susp_rung;		/* rung at the suspension point */
	uint16_t susp_first;		/* first ring slot not run at the suspension */
	uint64_t susp_last;		/* last processed descriptor at suspension */
	uint64_t susp_start_ns;
	uint16_t inserted_this;		/* descriptors inserted in this suspension */
	bool need_rearm;		/* an edit only a re-arm can apply */
	uint64_t pool_owner[NETDMA_INSERT_POOL];	/* ticket using each pool entry */
	uint64_t next_ticket;
	struct netdma_ticket_rec *tickets;	/* NETDMA_TICKET_RECORDS */
	struct netdma_ctrl_stats cstats;
};

/* ---- lifecycle (control path) ---- */
int netdma_chan_init(struct netdma_chan *ch, const struct netdma_chan_config *cfg);
void netdma_chan_fini(struct netdma_chan *ch);
/* Bring-up: reset, program CHANCTRL/CHANCMP/CHAINADDR, run the first null descriptor. */
int netdma_chan_start(struct netdma_chan *ch);
/* Quiesce: drain submitted work (bounded), then suspend and reset the channel.
 * 0; -ETIMEDOUT when the engine could not be quiesced (it did not suspend, a
 * hung engine): the channel stays started and a second stop resets it anyway
 * (and returns 0). */
int netdma_chan_stop(struct netdma_chan *ch);
void netdma_chan_dump(struct netdma_chan *ch, FILE *f);
void netdma_chan_stats_reset(struct netdma_chan *ch);
/* Data-path view for rte_dma_vchan_status: 0 idle, 1 active, 2 halted. */
int netdma_chan_vchan_status(struct netdma_chan *ch);

enum rte_dma_status_code netdma_chanerr_to_status(uint32_t chanerr);
uint64_t netdma_now_ns(void);

static inline bool
netdma_iova_in_ring(const struct netdma_chan *ch, uint64_t iova)
{
	return iova - ch->ring_iova < ((uint64_t)ch->mask + 1) * CBDMA_DESC_SIZE;
}

static inline bool
netdma_iova_in_pool(const struct netdma_chan *ch, uint64_t iova)
{
	return iova - ch->pool_iova < (uint64_t)NETDMA_INSERT_POOL * CBDMA_DESC_SIZE;
}

/* Translate the IOVA of one of the channel's descriptors (ring, pool). */
static inline struct cbdma_desc *
netdma_desc_va(const struct netdma_chan *ch, uint64_t iova)
{
	if (netdma_iova_in_ring(ch, iova))
		return &ch->ring[(iova - ch->ring_iova) / CBDMA_DESC_SIZE];
	if (netdma_iova_in_pool(ch, iova))
		return &ch->pool[(iova - ch->pool_iova) / CBDMA_DESC_SIZE];
	return NULL;
}

static inline uint64_t
netdma_slot_iova(const struct netdma_chan *ch, uint16_t slot)
{
	return ch->ring_iova + (uint64_t)(slot & ch->mask) * CBDMA_DESC_SIZE;
}

/* Memory from hugetlbfs through libhugetlbfs, IOVA = VA (EAL-free use). */
extern const struct netdma_mem_ops netdma_hugetlbfs_mem_ops;

#ifdef __cplusplus
}
#endif

#endif /* NETDMA_CHAN_H */

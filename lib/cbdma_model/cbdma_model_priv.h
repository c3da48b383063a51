/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * Private state of the device model, shared by its source files.
 *
 * Threads: everything in struct model_chan except `mbox` and `stats` is
 * owned by the engine thread.  `mbox` is the fault mailbox (written by
 * cbdma_model_inject from any thread), `stats` are relaxed counters the
 * engine alone writes.  The register file is the only channel to the driver.
 */

#ifndef CBDMA_MODEL_PRIV_H
#define CBDMA_MODEL_PRIV_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "cbdma_hw.h"
#include "cbdma_regs.h"
#include "cbdma_model.h"

/* Descriptors, and bytes, executed per channel per poll (the last descriptor
 * runs whole), so commands are seen promptly. */
#define MODEL_BATCH		64
#define MODEL_BATCH_BYTES	(128u << 10)

/* Backoff defaults (microseconds). */
#define MODEL_IDLE_SPIN_US	20
#define MODEL_IDLE_SLEEP_MAX_US	50
/* While spinning idle, give the CPU away this often (see backoff_idle). */
#define MODEL_IDLE_YIELD_NS	1000

/*
 * Strict profile: how many descriptors the engine prefetches ahead when
 * DRSCTL.DRS_EN was set at the chain latch (v3.4), and the largest
 * descriptor whose writes can be held back behind the next one's reads
 * (larger ones drain the pipeline first, as if the one before were fenced).
 */
#define MODEL_PF_DEPTH		16
#define MODEL_STAGE_MAX		(1u << 20)

/* A descriptor fetched, by the prefetcher or for execution. */
struct model_pf_ent {
	struct cbdma_desc d;	/* its contents as read then */
	uint64_t iova;
	uint32_t err;		/* address error found at the fetch (CHANERR bits) */
};

/* The descriptor whose writes are held back (one deep write-behind). */
struct model_pend {
	bool valid;
	bool null;
	bool fill;
	uint32_t len;
	uint64_t iova;
	uint8_t *dst;
	const uint8_t *data;	/* copy: the source as read (staged) */
	uint64_t pattern;	/* fill */
	uint64_t *cptr;		/* completion word to write, NULL = none */
};

/* Engine-private state of a channel under the strict profile. */
struct model_strict {
	bool pf_on;		/* DRS_EN as latched with the chain */
	uint64_t tail;		/* last descriptor fetched since the latch, 0 = none */
	uint64_t tail_next;	/* its next, as read then */
	unsigned int pf_head, pf_len;
	struct model_pf_ent fifo[MODEL_PF_DEPTH];
	struct model_pend pend;
	uint8_t *stage[2];	/* staged sources, used alternately */
	unsigned int stage_cur;
	uint32_t stage_size;
};

/* An armed fault, handed from cbdma_model_inject to the engine. */
struct model_fault {
	enum cbdma_model_fault kind;
	uint64_t desc_iova;	/* 0: the next descriptor reached */
	uint64_t param;
};

enum model_hang {
	HANG_NONE = 0,
	HANG_ACTIVE,		/* stopped at a descriptor */
	HANG_RELEASED,		/* released: finish that descriptor first */
};

struct cbdma_model;

struct model_chan {
	struct cbdma_model *m;
	volatile uint8_t *regs;		/* this channel's register block */
	unsigned int id;

	/* ---- engine-private ---- */
	unsigned int status;		/* CBDMA_STS_* */
	uint16_t count;			/* descriptors completed since the latch */
	uint64_t chain;			/* latched chain address, 0 = none */
	uint64_t last;			/* IOVA of the last completed, 0 = none */
	uint32_t err;			/* latched CHANERR bits */
	uint32_t err_pub;		/* value last published in CHANERR */
	struct model_fault fault;	/* armed fault, kind NONE if none */
	enum model_hang hang;
	uint64_t halt_word_delay_us;	/* of the error fault that fired */
	bool took_cmd;			/* a command was taken this poll */
	struct model_strict *st;	/* strict profile state; NULL = lenient */

	/* ---- shared ---- */
	struct model_fault *mbox;	/* atomic: newest fault not yet taken */
	struct cbdma_model_stats stats;	/* relaxed atomics, engine writes */
};

struct cbdma_model {
	void *regs;
	bool regs_owned;
	struct cbdma_model_mem mem;
	unsigned int nb_channels;
	uint64_t max_len;		/* largest descriptor size */
	bool fill;			/* block fill supported */
	bool strict;			/* silicon profile STRICT */
	uint8_t version;		/* CBVER */
	uint32_t desc_delay_us;
	uint32_t idle_spin_us;
	uint32_t idle_sleep_max_us;
	int engine_cpu;
	char name[16];

	pthread_t thread;
	bool stop;			/* atomic: destroy asks the engine to exit */
	uint64_t polls_idle;		/* atomic, engine writes */

	struct model_chan chan[CBDMA_MODEL_MAX_CHANNELS];
};

/* ---- register shorthands for one channel ---- */
static inline uint8_t
chan_rd8(const struct model_chan *ch, uint32_t off)
{
	return cbdma_read8(ch->regs, off);
}

static inline uint16_t
chan_rd16(const struct model_chan *ch, uint32_t off)
{
	return cbdma_read16(ch->regs, off);
}

static inline uint32_t
chan_rd32(const struct model_chan *ch, uint32_t off)
{
	return cbdma_read32(ch->regs, off);
}

static inline uint64_t
chan_rd64(const struct model_chan *ch, uint32_t off)
{
	return cbdma_read64(ch->regs, off);
}

static inline void
chan_wr16(struct model_chan *ch, uint32_t off, uint16_t v)
{
	cbdma_write16(ch->regs, off, v);
}

static inline void
chan_wr64(struct model_chan *ch, uint32_t off, uint64_t v)
{
	cbdma_write64(ch->regs, off, v);
}

static inline void
sts_publish(struct model_chan *ch)
{
	/* Release: the driver's acquire read of CHANSTS sees the data moved. */
	chan_wr64(ch, CBDMA_CHAN_STS, ch->status | ch->last);
}

/*
 * Single-writer counter: the engine is the only writer, readers load relaxed.
 * Counters are bumped before the register or completion stores (release)
 * that make the event visible, so whoever has seen the event sees them.
 */
static inline void
stat_add(uint64_t *ctr, uint64_t n)
{
	__atomic_store_n(ctr, __atomic_load_n(ctr, __ATOMIC_RELAXED) + n,
			__ATOMIC_RELAXED);
}

static inline void *
model_translate(const struct cbdma_model *m, uint64_t iova, uint64_t len)
{
	if (iova == 0)	/* never valid, whatever the backend maps */
		return NULL;
	return m->mem.translate(m->mem.ctx, iova, len);
}

/*
 * A descriptor's own faults, before any address is looked at: a null
 * descriptor of size 0 (v3.0 rejects it), an unknown op (or fill where
 * DMACAP has none), a length of 0 or over XFERCAP.  0 or the CHANERR bit.
 */
static inline uint32_t
model_desc_error(const struct cbdma_model *m, const struct cbdma_desc *d)
{
	unsigned int op = cbdma_desc_op(d->ctl);

	if (d->ctl & CBDMA_DESC_NULL)	/* op ignored */
		return d->size == 0 ? CBDMA_ERR_LENGTH : 0;
	if (op != CBDMA_OP_COPY && !(op == CBDMA_OP_FILL && m->fill))
		return CBDMA_ERR_CONTROL;
	if (d->size == 0 || d->size > m->max_len)
		return CBDMA_ERR_LENGTH;
	return 0;
}

/* cbdma_model_chan.c: one poll of one channel; true if it did anything. */
bool model_chan_poll(struct model_chan *ch);
void model_chan_init(struct model_chan *ch);
/* Halt on error bits (the failing descriptor at iova, 0 = none). */
void model_chan_error(struct model_chan *ch, uint32_t bits, uint64_t iova);
/* Publish latched CHANERR bits, folding in any write-1-to-clear by the driver. */
bool model_chanerr_sync(struct model_chan *ch);
/* Host pointer of the completion word, or NULL when CHANCMP is not valid. */
uint64_t *model_cmp_ptr(struct model_chan *ch);

/* cbdma_model_exec.c: execute up to limit descriptors; true if any ran. */
bool model_chan_run(struct model_chan *ch, uint16_t dmacount, unsigned int limit);
/* Fire the armed fault if it is for iova: CHANERR bits to halt with, or 0. */
uint32_t model_fault_fire(struct model_chan *ch, uint64_t iova);
/* Block fill: byte j of dst is byte j % 8 of the pattern as it is in memory. */
void model_fill(uint8_t *dst, uint64_t pattern, uint64_t len);

/* cbdma_model_strict.c: the strict profile (ch->st != NULL). */
int model_strict_init(struct model_chan *ch);
void model_strict_free(struct model_chan *ch);
bool model_strict_run(struct model_chan *ch, uint16_t dmacount, unsigned int limit);
/* Complete the held-back descriptor now (suspend, halt): data, then CHANSTS
 * and its completion word. */
void model_strict_settle(struct model_chan *ch);
/* Forget held-back and prefetched descriptors (ABORT, RESET, halt). */
void model_strict_drop(struct model_chan *ch);
/* A chain was latched: forget everything fetched, sample DRSCTL. */
void model_strict_latch(struct model_chan *ch);

/* cbdma_model_engine.c */
void *model_engine_main(void *arg);
/* Sleep us microseconds, in slices, returning early when asked to stop. */
void model_sleep_us(struct cbdma_model *m, uint64_t us);

#endif /* CBDMA_MODEL_PRIV_H */

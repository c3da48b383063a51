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

/* cbdma_model_engine.c */
void *model_engine_main(void *arg);
/* Sleep us microseconds, in slices, returning early when asked to stop. */
void model_sleep_us(struct cbdma_model *m, uint64_t us);

#endif /* CBDMA_MODEL_PRIV_H */

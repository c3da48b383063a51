/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * Test fixture: one model over a flat IOVA arena (IOVA != VA on purpose),
 * register shorthands, descriptor builders, a driver-like bring-up and
 * bounded waits.  EAL-free.
 */

#ifndef MODEL_FIXTURE_H
#define MODEL_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cbdma_hw.h"
#include "cbdma_regs.h"
#include "cbdma_model.h"
#include "test_harness.h"

#define FX_IOVA_BASE	0x10000000ull	/* arena IOVA; VA is elsewhere */
#define FX_ARENA_SIZE	(4u << 20)
#define FX_UNMAPPED	0x7f000000ull	/* an IOVA no range covers */
#define FX_WAIT_MS	3000

struct fx_opts {
	unsigned int nb_channels;	/* 0 = 1 */
	uint32_t desc_delay_us;
	bool no_fill;
	uint8_t version;
	uint8_t xfercap_log2;
	void *regs;			/* caller-provided window */
	enum cbdma_model_silicon silicon;	/* 0 = lenient */
};

struct fx {
	struct cbdma_model *m;
	struct cbdma_model_flat_mem *fm;
	uint8_t *arena;
	size_t used;
	volatile void *regs;
	bool strict;			/* silicon profile STRICT */
};

extern struct fx fx;

int fx_setup(const struct fx_opts *o);	/* NULL = defaults */
void fx_teardown(void);
void *fx_alloc(size_t len, size_t align);	/* zeroed, from the arena */
uint64_t fx_iova(const volatile void *p);

/* ---- registers of channel c ---- */
static inline volatile void *
fx_chan(unsigned int c)
{
	return (volatile uint8_t *)fx.regs + CBDMA_CHAN_OFFSET(c);
}

#define R8(c, off)	cbdma_read8(fx_chan(c), (off))
#define R16(c, off)	cbdma_read16(fx_chan(c), (off))
#define R32(c, off)	cbdma_read32(fx_chan(c), (off))
#define R64(c, off)	cbdma_read64(fx_chan(c), (off))
#define W8(c, off, v)	cbdma_write8(fx_chan(c), (off), (v))
#define W16(c, off, v)	cbdma_write16(fx_chan(c), (off), (v))
#define W32(c, off, v)	cbdma_write32(fx_chan(c), (off), (v))
#define W64(c, off, v)	cbdma_write64(fx_chan(c), (off), (v))

#define STS(c)		R64(c, CBDMA_CHAN_STS)
#define ERRREG(c)	R32(c, CBDMA_CHAN_ERR)

/* ---- descriptors (next is left alone) ---- */
void desc_copy(struct cbdma_desc *d, void *dst, const void *src, uint32_t len,
		uint32_t ctl);
void desc_fill(struct cbdma_desc *d, void *dst, uint64_t pattern, uint32_t len,
		uint32_t ctl);
void desc_null(struct cbdma_desc *d, uint32_t ctl);
/* Link n descriptors into a circle. */
void desc_ring(struct cbdma_desc *ring, unsigned int n);

/* ---- completion word ---- */
static inline uint64_t
cmpl_read(const uint64_t *w)
{
	/* Pairs with the engine's release store of the completion word. */
	return __atomic_load_n(w, __ATOMIC_ACQUIRE);
}

/* ---- a driver-like channel ---- */
struct fx_ring {
	unsigned int chan;
	struct cbdma_desc *d;
	unsigned int n;
	uint64_t *cmpl;
	uint16_t dmacount;		/* last value written */
	unsigned int next_slot;		/* next slot to fill */
};

/*
 * Allocate an n-slot circular ring and bring the channel up as open drivers
 * do: clear CHANERR, RESET, CHANCTRL, CHANCMP, DMACOUNT 0, CHAINADDR, a null
 * descriptor with compl_write in slot 0, DMACOUNT 1, wait for IDLE.
 * Returns 0 or a negative step number.
 */
int fx_ring_up(struct fx_ring *r, unsigned int chan, unsigned int n);
/* Bring-up on an existing ring (after RESET, say). */
int fx_ring_restart(struct fx_ring *r);
/* Slot k of the ring and its IOVA. */
struct cbdma_desc *ring_slot(struct fx_ring *r, unsigned int k);
uint64_t ring_iova(struct fx_ring *r, unsigned int k);
/* Doorbell: DMACOUNT += n. */
void ring_kick(struct fx_ring *r, unsigned int n);

/* ---- bounded waits (true = condition met) ---- */
/* Lenient: CHANCMD reads 0.  Strict: the model's taken marker is set (a model
 * test may look at it; a driver must not). */
bool wait_cmd_taken(unsigned int c);
bool wait_status(unsigned int c, unsigned int status);
bool wait_sts(unsigned int c, uint64_t sts);		/* whole CHANSTS value */
bool wait_cmpl(const uint64_t *w, uint64_t word);
bool wait_descs(unsigned int c, uint64_t descs);	/* stats.descs >= descs */
bool wait_chanerr(unsigned int c, uint32_t v);
/* Issue a command and wait for the engine to take it. */
bool chan_cmd(unsigned int c, uint8_t cmd);
/* Driver-style CHANERR clear: write back the defined bits read. */
void chanerr_clear(unsigned int c);

uint64_t stat_descs(unsigned int c);
struct cbdma_model_stats stats_of(unsigned int c);

#endif /* MODEL_FIXTURE_H */

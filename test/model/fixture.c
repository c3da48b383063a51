/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "fixture.h"

struct fx fx;

int
fx_setup(const struct fx_opts *o)
{
	static const struct fx_opts defaults;
	struct cbdma_model_config cfg;
	int rc;

	if (o == NULL)
		o = &defaults;
	fx_teardown();
	fx.arena = mmap(NULL, FX_ARENA_SIZE, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (fx.arena == MAP_FAILED) {
		fx.arena = NULL;
		return -1;
	}
	fx.used = 0;
	fx.fm = cbdma_model_flat_mem_create();
	if (fx.fm == NULL)
		return -2;
	rc = cbdma_model_flat_mem_add(fx.fm, FX_IOVA_BASE, fx.arena, FX_ARENA_SIZE);
	if (rc != 0)
		return rc;

	memset(&cfg, 0, sizeof(cfg));
	cfg.nb_channels = o->nb_channels ? o->nb_channels : 1;
	cfg.version = o->version;
	cfg.xfercap_log2 = o->xfercap_log2;
	cfg.no_fill = o->no_fill;
	cfg.engine_cpu = -1;
	cfg.desc_delay_us = o->desc_delay_us;
	cfg.regs = o->regs;
	cfg.mem = cbdma_model_flat_mem_ops(fx.fm);
	cfg.name = "model-test";
	cfg.silicon = o->silicon;
	fx.strict = o->silicon == CBDMA_MODEL_SILICON_STRICT;
	rc = cbdma_model_create(&cfg, &fx.m);
	if (rc != 0)
		return rc;
	fx.regs = cbdma_model_regs(fx.m);
	return 0;
}

void
fx_teardown(void)
{
	cbdma_model_destroy(fx.m);
	fx.m = NULL;
	fx.regs = NULL;
	cbdma_model_flat_mem_destroy(fx.fm);
	fx.fm = NULL;
	if (fx.arena != NULL)
		munmap(fx.arena, FX_ARENA_SIZE);
	fx.arena = NULL;
}

void *
fx_alloc(size_t len, size_t align)
{
	size_t off = (fx.used + align - 1) & ~(align - 1);

	if (fx.arena == NULL || off + len > FX_ARENA_SIZE)
		abort();
	fx.used = off + len;
	memset(fx.arena + off, 0, len);
	return fx.arena + off;
}

uint64_t
fx_iova(const volatile void *p)
{
	return FX_IOVA_BASE + (uint64_t)((const volatile uint8_t *)p - fx.arena);
}

/* ---- descriptors ---- */

void
desc_copy(struct cbdma_desc *d, void *dst, const void *src, uint32_t len, uint32_t ctl)
{
	d->size = len;
	d->ctl = ctl | ((uint32_t)CBDMA_OP_COPY << CBDMA_DESC_OP_SHIFT);
	d->src_addr = fx_iova(src);
	d->dst_addr = fx_iova(dst);
}

void
desc_fill(struct cbdma_desc *d, void *dst, uint64_t pattern, uint32_t len, uint32_t ctl)
{
	d->size = len;
	d->ctl = ctl | ((uint32_t)CBDMA_OP_FILL << CBDMA_DESC_OP_SHIFT);
	d->src_addr = pattern;
	d->dst_addr = fx_iova(dst);
}

void
desc_null(struct cbdma_desc *d, uint32_t ctl)
{
	d->size = CBDMA_NULL_DESC_SIZE;
	d->ctl = ctl | CBDMA_DESC_NULL;
	d->src_addr = 0;
	d->dst_addr = 0;
}

void
desc_ring(struct cbdma_desc *ring, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		ring[i].next = fx_iova(&ring[(i + 1) % n]);
}

/* ---- ring ---- */

struct cbdma_desc *
ring_slot(struct fx_ring *r, unsigned int k)
{
	return &r->d[k % r->n];
}

uint64_t
ring_iova(struct fx_ring *r, unsigned int k)
{
	return fx_iova(ring_slot(r, k));
}

void
ring_kick(struct fx_ring *r, unsigned int n)
{
	r->dmacount = (uint16_t)(r->dmacount + n);
	/* Release: the descriptors written before are visible to the engine. */
	W16(r->chan, CBDMA_CHAN_DMACOUNT, r->dmacount);
}

int
fx_ring_restart(struct fx_ring *r)
{
	unsigned int c = r->chan;

	chanerr_clear(c);
	if (!chan_cmd(c, CBDMA_CMD_RESET))
		return -1;
	if (STS(c) != CBDMA_STS_HALTED)
		return -2;
	W16(c, CBDMA_CHAN_CTRL, CBDMA_CTRL_ERR_COMPLETION_EN);
	W64(c, CBDMA_CHAN_CMPADDR, fx_iova(r->cmpl));
	r->dmacount = 0;
	W16(c, CBDMA_CHAN_DMACOUNT, 0);
	W64(c, CBDMA_CHAN_CHAINADDR, ring_iova(r, 0));
	desc_null(ring_slot(r, 0), CBDMA_DESC_COMPL_WRITE);
	r->next_slot = 1;
	ring_kick(r, 1);
	/* The completion word is written after CHANSTS: wait for it first. */
	if (!wait_cmpl(r->cmpl, CBDMA_STS_IDLE | ring_iova(r, 0)))
		return -3;
	if (STS(c) != (CBDMA_STS_IDLE | ring_iova(r, 0)))
		return -4;
	return 0;
}

int
fx_ring_up(struct fx_ring *r, unsigned int chan, unsigned int n)
{
	r->chan = chan;
	r->n = n;
	r->d = fx_alloc(n * sizeof(struct cbdma_desc), CBDMA_DESC_SIZE);
	r->cmpl = fx_alloc(sizeof(uint64_t), 64);
	desc_ring(r->d, n);
	return fx_ring_restart(r);
}

/* ---- waits ---- */

#define WAIT_UNTIL(cond) do { \
	uint64_t t0_ = th_now_us(); \
	unsigned int i_; \
	for (i_ = 0; !(cond); i_++) { \
		if (th_now_us() - t0_ > FX_WAIT_MS * 1000ull) \
			return false; \
		if (i_ < 200) \
			sched_yield(); \
		else \
			th_sleep_us(10); \
	} \
	return true; \
} while (0)

bool
wait_cmd_taken(unsigned int c)
{
	/* Strict: RESET self-clears after its effects; other commands only get
	 * the marker, before their effects (wait on CHANSTS for those). */
	if (fx.strict)
		WAIT_UNTIL(!(R8(c, CBDMA_CHAN_CMD) & CBDMA_CMD_RESET) &&
				(R8(c, CBDMA_CHAN_CMD) == 0 ||
				 (R8(c, CBDMA_CHAN_CMD) & CBDMA_MODEL_CHANCMD_TAKEN)));
	WAIT_UNTIL(R8(c, CBDMA_CHAN_CMD) == 0);
}

bool
wait_status(unsigned int c, unsigned int status)
{
	WAIT_UNTIL(cbdma_sts_status(STS(c)) == status);
}

bool
wait_sts(unsigned int c, uint64_t sts)
{
	WAIT_UNTIL(STS(c) == sts);
}

bool
wait_cmpl(const uint64_t *w, uint64_t word)
{
	WAIT_UNTIL(cmpl_read(w) == word);
}

bool
wait_descs(unsigned int c, uint64_t descs)
{
	WAIT_UNTIL(stat_descs(c) >= descs);
}

bool
wait_chanerr(unsigned int c, uint32_t v)
{
	WAIT_UNTIL(ERRREG(c) == v);
}

bool
chan_cmd(unsigned int c, uint8_t cmd)
{
	W8(c, CBDMA_CHAN_CMD, cmd);
	return wait_cmd_taken(c);
}

void
chanerr_clear(unsigned int c)
{
	W32(c, CBDMA_CHAN_ERR, ERRREG(c) & CBDMA_ERR_ALL);
}

struct cbdma_model_stats
stats_of(unsigned int c)
{
	struct cbdma_model_stats st;

	memset(&st, 0, sizeof(st));
	cbdma_model_stats(fx.m, c, &st);
	return st;
}

uint64_t
stat_descs(unsigned int c)
{
	return stats_of(c).descs;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "eal_free_fixture.h"

struct fx fx;

int
fx_init(size_t len)
{
	int ret;

	memset(&fx, 0, sizeof(fx));
	ret = netdma_hugetlbfs_mem_ops.alloc(NULL, len, 4096, &fx.arena);
	if (ret != 0)
		return ret;
	fx.fm = cbdma_model_flat_mem_create();
	if (fx.fm == NULL)
		return -ENOMEM;
	return cbdma_model_flat_mem_add(fx.fm, fx.arena.iova, fx.arena.va, fx.arena.len);
}

void
fx_fini(void)
{
	fx_down();
	cbdma_model_flat_mem_destroy(fx.fm);
	fx.fm = NULL;
	if (fx.arena.va != NULL)
		netdma_hugetlbfs_mem_ops.free(NULL, &fx.arena);
}

void *
fx_alloc(size_t len, size_t align)
{
	size_t off = (fx.used + align - 1) & ~(align - 1);
	void *p;

	if (off + len > fx.arena.len)
		return NULL;
	fx.used = off + len;
	p = (uint8_t *)fx.arena.va + off;
	memset(p, 0, len);
	return p;
}

static int
chan_mem_alloc(void *ctx, size_t len, size_t align, struct netdma_dma_mem *out)
{
	void *p = fx_alloc(len, align);

	(void)ctx;
	if (p == NULL)
		return -ENOMEM;
	*out = (struct netdma_dma_mem){ .va = p, .iova = fx_iova(p), .len = len };
	return 0;
}

static void
chan_mem_free(void *ctx, struct netdma_dma_mem *mem)
{
	(void)ctx;
	memset(mem, 0, sizeof(*mem));
}

void
fx_chan_config(const struct fx_opts *o, struct netdma_chan_config *cc)
{
	static const struct fx_opts defaults;

	if (o == NULL)
		o = &defaults;
	*cc = (struct netdma_chan_config){
		.regs = (volatile uint8_t *)cbdma_model_regs(fx.model) + CBDMA_CHAN_OFFSET(0),
		.nb_desc = o->nb_desc ? o->nb_desc : 256,
		.max_xfer = o->xfercap_log2 ? 1ull << o->xfercap_log2 : 1ull << 20,
		.fill = !o->no_fill,
		.drsctl = cbdma_has_drsctl(cbdma_model_regs(fx.model)),
		.suspend_timeout_us = o->suspend_timeout_us,
		.resume_mode = o->mode,
		.mem = { .alloc = chan_mem_alloc, .free = chan_mem_free },
		.name = "fault-chan",
	};
}

enum cbdma_model_silicon
fx_silicon(void)
{
	static int profile = -1;

	if (profile < 0) {
		const char *s = getenv("NETDMA_SILICON");
		enum cbdma_model_silicon p = CBDMA_MODEL_SILICON_LENIENT;

		if (s != NULL && cbdma_model_silicon_parse(s, &p) != 0) {
			fprintf(stderr, "NETDMA_SILICON=%s: not a silicon profile\n", s);
			exit(2);
		}
		profile = (int)p;
	}
	return (enum cbdma_model_silicon)profile;
}

int
fx_up(const struct fx_opts *o)
{
	static const struct fx_opts defaults;
	struct cbdma_model_config mc;
	struct netdma_chan_config cc;
	int ret;

	if (o == NULL)
		o = &defaults;
	fx_down();
	fx.used = 0;
	mc = (struct cbdma_model_config){
		.nb_channels = 1,
		.xfercap_log2 = o->xfercap_log2,
		.no_fill = o->no_fill,
		.engine_cpu = -1,
		.desc_delay_us = o->desc_delay_us,
		.idle_sleep_max_us = o->idle_sleep_max_us,
		.mem = cbdma_model_flat_mem_ops(fx.fm),
		.name = "fault-eng",
		.silicon = fx_silicon(),
	};
	ret = cbdma_model_create(&mc, &fx.model);
	if (ret != 0)
		return ret;
	fx_chan_config(o, &cc);
	ret = netdma_chan_init(&fx.ch, &cc);
	if (ret != 0) {
		cbdma_model_destroy(fx.model);
		fx.model = NULL;
		return ret;
	}
	fx.up = true;
	fx.chan_mark = fx.used;
	return netdma_chan_start(&fx.ch);
}

void
fx_down(void)
{
	if (fx.up) {
		netdma_chan_fini(&fx.ch);
		fx.up = false;
	}
	cbdma_model_destroy(fx.model);
	fx.model = NULL;
}

uint64_t
fx_ticket_iova(uint64_t ticket)
{
	unsigned int i;

	for (i = 0; i < NETDMA_INSERT_POOL; i++)
		if (fx.ch.pool_owner[i] == ticket)
			return fx.ch.pool_iova + (uint64_t)i * CBDMA_DESC_SIZE;
	return 0;
}

struct cbdma_model_stats
fx_model_stats(void)
{
	struct cbdma_model_stats st;

	memset(&st, 0, sizeof(st));
	cbdma_model_stats(fx.model, 0, &st);
	return st;
}

int
fx_collect(uint16_t n, enum rte_dma_status_code *st, uint16_t *last, uint32_t timeout_ms)
{
	uint64_t end = th_now_ns() + (uint64_t)timeout_ms * 1000000;
	uint16_t got = 0;

	while (got < n) {
		uint16_t k = netdma_completed_status(&fx.ch, (uint16_t)(n - got), last, st + got);

		got += k;
		if (k == 0 && th_now_ns() > end)
			return -1;
	}
	return 0;
}

unsigned int
fx_poll_none(unsigned int polls)
{
	enum rte_dma_status_code st[64];
	unsigned int i, n = 0;
	uint16_t last;

	for (i = 0; i < polls; i++)
		n += netdma_completed_status(&fx.ch, 64, &last, st);
	return n;
}

int
fx_wait_model(size_t field_offset, uint64_t value, uint32_t timeout_ms)
{
	uint64_t end = th_now_ns() + (uint64_t)timeout_ms * 1000000;

	for (;;) {
		struct cbdma_model_stats s = fx_model_stats();
		uint64_t v;

		memcpy(&v, (const uint8_t *)&s + field_offset, sizeof(v));
		if (v >= value)
			return 0;
		if (th_now_ns() > end)
			return -1;
		th_sleep_us(50);
	}
}

int
fx_wait_state(int st, uint32_t timeout_ms)
{
	uint64_t end = th_now_ns() + (uint64_t)timeout_ms * 1000000;

	while (netdma_state(&fx.ch) != st) {
		if (th_now_ns() > end)
			return -1;
		th_sleep_us(50);
	}
	return 0;
}

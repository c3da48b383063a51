/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/* Register file, bring-up, the data path, DMACOUNT wrap, stats. */

#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "test_harness.h"
#include "tests.h"

static void
regs_init(void)
{
	struct fx_opts o = { .nb_channels = 3 };
	volatile void *r;
	unsigned int c;

	CHECK_EQ(fx_setup(&o), 0);
	r = fx.regs;
	CHECK(((uintptr_t)r & 4095) == 0);
	CHECK_EQ(cbdma_read8(r, CBDMA_REG_CHANCNT), 3);
	CHECK_EQ(cbdma_read8(r, CBDMA_REG_XFERCAP), 20);
	CHECK_EQ(cbdma_read8(r, CBDMA_REG_CBVER), CBDMA_VER_3_3);
	CHECK(cbdma_read32(r, CBDMA_REG_DMACAP) & CBDMA_DMACAP_FILL);
	CHECK_EQ(cbdma_model_nb_channels(fx.m), 3);
	for (c = 0; c < 3; c++) {
		CHECK_EQ(STS(c), CBDMA_STS_HALTED);
		CHECK_EQ(ERRREG(c), 0);
		CHECK_EQ(R8(c, CBDMA_CHAN_CMD), 0);
		CHECK_EQ(R16(c, CBDMA_CHAN_DMACOUNT), 0);
	}

	o = (struct fx_opts){ .nb_channels = 1, .no_fill = true,
		.version = CBDMA_VER_3_0, .xfercap_log2 = 32 };
	CHECK_EQ(fx_setup(&o), 0);
	CHECK_EQ(cbdma_read8(fx.regs, CBDMA_REG_XFERCAP), 0);	/* 4 GiB */
	CHECK_EQ(cbdma_read8(fx.regs, CBDMA_REG_CBVER), CBDMA_VER_3_0);
	CHECK_EQ(cbdma_read32(fx.regs, CBDMA_REG_DMACAP) & CBDMA_DMACAP_FILL, 0);
}

static void
regs_caller_window(void)
{
	uint8_t *win = aligned_alloc(4096, CBDMA_MODEL_REGS_SIZE);
	struct fx_opts o = { .nb_channels = 2, .regs = win };
	struct fx_ring r;

	CHECK(win != NULL);
	memset(win, 0xff, CBDMA_MODEL_REGS_SIZE);	/* stale content */
	if (fx_setup(&o) != 0) {
		free(win);
		CHECK(0);
	}
	if (fx.regs != (volatile void *)win || STS(1) != CBDMA_STS_HALTED ||
			R16(1, CBDMA_CHAN_DMACOUNT) != 0 || ERRREG(1) != 0 ||
			fx_ring_up(&r, 1, 8) != 0) {
		fx_teardown();
		free(win);
		CHECK(0);
	}
	fx_teardown();
	free(win);
	/* Bad configurations. */
	{
		struct cbdma_model_config cfg = { .nb_channels = 0 };
		struct cbdma_model *m = NULL;
		struct cbdma_model_flat_mem *fm = cbdma_model_flat_mem_create();

		cfg.mem = cbdma_model_flat_mem_ops(fm);
		cfg.engine_cpu = -1;
		CHECK(cbdma_model_create(&cfg, &m) < 0);
		cfg.nb_channels = CBDMA_MODEL_MAX_CHANNELS + 1;
		CHECK(cbdma_model_create(&cfg, &m) < 0);
		cfg.nb_channels = 1;
		cfg.xfercap_log2 = 33;
		CHECK(cbdma_model_create(&cfg, &m) < 0);
		cfg.xfercap_log2 = 0;
		cfg.mem.translate = NULL;
		CHECK(cbdma_model_create(&cfg, &m) < 0);
		CHECK(m == NULL);
		cbdma_model_flat_mem_destroy(fm);
		cbdma_model_destroy(NULL);
	}
}

static void
bringup(void)
{
	struct cbdma_desc *ring;
	uint64_t *cmpl;
	struct cbdma_model_stats st;

	CHECK_EQ(fx_setup(NULL), 0);
	ring = fx_alloc(8 * sizeof(*ring), 64);
	cmpl = fx_alloc(8, 64);
	desc_ring(ring, 8);

	chanerr_clear(0);
	CHECK(chan_cmd(0, CBDMA_CMD_RESET));
	CHECK_EQ(STS(0), CBDMA_STS_HALTED);
	W16(0, CBDMA_CHAN_CTRL, CBDMA_CTRL_ERR_COMPLETION_EN);
	W64(0, CBDMA_CHAN_CMPADDR, fx_iova(cmpl));
	W16(0, CBDMA_CHAN_DMACOUNT, 0);
	W64(0, CBDMA_CHAN_CHAINADDR, fx_iova(ring));
	/* Latched: CHAINADDR reads 0 (deviation), status ARMED, no address. */
	CHECK(wait_sts(0, CBDMA_STS_ARMED));
	CHECK_EQ(R64(0, CBDMA_CHAN_CHAINADDR), 0);
	CHECK_EQ(R64(0, CBDMA_CHAN_CMPADDR), fx_iova(cmpl));
	desc_null(&ring[0], CBDMA_DESC_COMPL_WRITE);
	W16(0, CBDMA_CHAN_DMACOUNT, 1);
	CHECK(wait_cmpl(cmpl, CBDMA_STS_IDLE | fx_iova(&ring[0])));
	CHECK(wait_sts(0, CBDMA_STS_IDLE | fx_iova(&ring[0])));
	CHECK_EQ(R64(0, CBDMA_CHAN_CDAR), fx_iova(&ring[0]));
	CHECK_EQ(ERRREG(0), 0);
	st = stats_of(0);
	CHECK_EQ(st.descs, 1);
	CHECK_EQ(st.bytes, 0);
	CHECK_EQ(st.errors, 0);
	CHECK_EQ(st.resets, 1);
	CHECK_EQ(st.cmds, 1);
}

static uint64_t
pattern_of(unsigned int i)
{
	return 0x0807060504030201ull + 0x0101010101010101ull * (i & 0x3f);
}

static bool
fill_ok(const uint8_t *dst, uint64_t pattern, unsigned int len)
{
	const uint8_t *p = (const uint8_t *)&pattern;
	unsigned int j;

	for (j = 0; j < len; j++)
		if (dst[j] != p[j % 8])
			return false;
	return true;
}

/*
 * A circular ring of 64 used as a driver does (at most 63 outstanding),
 * copies and fills of varying length, until DMACOUNT has wrapped.
 */
static void
ring_wrap(void)
{
	enum { N = 64, SLOT = 128, TOTAL = 65536 + 700 };
	struct fx_ring r;
	uint8_t *src, *dst;
	unsigned int done = 0, i;

	CHECK_EQ(fx_setup(NULL), 0);
	CHECK_EQ(fx_ring_up(&r, 0, N), 0);
	src = fx_alloc(N * SLOT, 64);
	dst = fx_alloc(N * SLOT, 64);
	while (done < TOTAL) {
		unsigned int batch = TOTAL - done < N - 1 ? TOTAL - done : N - 1;
		unsigned int last_slot = 0;

		for (i = 0; i < batch; i++) {
			unsigned int k = r.next_slot % N, n = done + i;
			unsigned int len = 1 + n % SLOT;
			uint32_t ctl = i == batch - 1 ? CBDMA_DESC_COMPL_WRITE : 0;

			memset(dst + k * SLOT, 0xee, SLOT);
			if (n % 3 == 2) {
				desc_fill(ring_slot(&r, k), dst + k * SLOT, pattern_of(n), len, ctl);
			} else {
				memset(src + k * SLOT, (int)(n & 0xff), SLOT);
				desc_copy(ring_slot(&r, k), dst + k * SLOT, src + k * SLOT, len, ctl);
			}
			last_slot = k;
			r.next_slot++;
		}
		ring_kick(&r, batch);
		CHECK(wait_cmpl(r.cmpl, CBDMA_STS_IDLE | ring_iova(&r, last_slot)));
		for (i = 0; i < batch; i++) {
			unsigned int n = done + i;
			unsigned int k = (r.next_slot - batch + i) % N;
			unsigned int len = 1 + n % SLOT;
			const uint8_t *d = dst + k * SLOT;

			if (n % 3 == 2) {
				CHECK(fill_ok(d, pattern_of(n), len));
			} else {
				CHECK_EQ(d[0], n & 0xff);
				CHECK_EQ(d[len - 1], n & 0xff);
			}
			if (len < SLOT)
				CHECK_EQ(d[len], 0xee);
		}
		done += batch;
	}
	CHECK_EQ(STS(0), CBDMA_STS_IDLE | ring_iova(&r, (r.next_slot - 1) % N));
	CHECK_EQ(r.dmacount, (uint16_t)(TOTAL + 1));
	CHECK_EQ(stat_descs(0), TOTAL + 1);
	CHECK_EQ(ERRREG(0), 0);
}

/* Fence and null descriptors among copies; null ignores the op field. */
static void
fence_null(void)
{
	struct fx_ring r;
	uint8_t *src, *dst;
	struct cbdma_model_stats st;

	CHECK_EQ(fx_setup(NULL), 0);
	CHECK_EQ(fx_ring_up(&r, 0, 16), 0);
	src = fx_alloc(256, 64);
	dst = fx_alloc(256, 64);
	memset(src, 0x5a, 256);
	desc_copy(ring_slot(&r, 1), dst, src, 100, CBDMA_DESC_FENCE);
	desc_null(ring_slot(&r, 2), CBDMA_DESC_FENCE | CBDMA_DESC_COMPL_WRITE);
	desc_null(ring_slot(&r, 3), 0);
	ring_slot(&r, 3)->ctl |= (uint32_t)CBDMA_OP_XOR << CBDMA_DESC_OP_SHIFT;
	ring_slot(&r, 3)->size = 1;
	desc_copy(ring_slot(&r, 4), dst + 128, src, 28, CBDMA_DESC_COMPL_WRITE);
	ring_kick(&r, 4);
	CHECK(wait_cmpl(r.cmpl, CBDMA_STS_IDLE | ring_iova(&r, 4)));
	CHECK_EQ(STS(0), CBDMA_STS_IDLE | ring_iova(&r, 4));
	CHECK_EQ(dst[99], 0x5a);
	CHECK_EQ(dst[100], 0);
	CHECK_EQ(dst[128 + 27], 0x5a);
	CHECK_EQ(dst[128 + 28], 0);
	st = stats_of(0);
	CHECK_EQ(st.descs, 5);
	CHECK_EQ(st.bytes, 128);
}

/* Largest transfer XFERCAP allows, copy and fill. */
static void
big_transfer(void)
{
	struct fx_ring r;
	uint8_t *src, *dst;

	CHECK_EQ(fx_setup(NULL), 0);
	CHECK_EQ(fx_ring_up(&r, 0, 8), 0);
	src = fx_alloc(1u << 20, 64);
	dst = fx_alloc(1u << 20, 64);
	memset(src, 0x3c, 1u << 20);
	desc_copy(ring_slot(&r, 1), dst, src, 1u << 20, 0);
	desc_fill(ring_slot(&r, 2), src, 0x1122334455667788ull, (1u << 20) - 3,
			CBDMA_DESC_COMPL_WRITE);
	ring_kick(&r, 2);
	CHECK(wait_cmpl(r.cmpl, CBDMA_STS_IDLE | ring_iova(&r, 2)));
	CHECK_EQ(dst[0], 0x3c);
	CHECK_EQ(dst[(1u << 20) - 1], 0x3c);
	CHECK(fill_ok(src, 0x1122334455667788ull, (1u << 20) - 3));
	CHECK_EQ(src[(1u << 20) - 1], 0x3c);
	CHECK_EQ(stats_of(0).bytes, (2u << 20) - 3);
}

/* Two channels at once: the engine polls them round-robin. */
static void
two_channels(void)
{
	enum { N = 32, ROUNDS = 40 };
	struct fx_opts o = { .nb_channels = 2 };
	struct fx_ring r[2];
	uint8_t *buf[2];
	unsigned int round, c, i;

	CHECK_EQ(fx_setup(&o), 0);
	for (c = 0; c < 2; c++) {
		CHECK_EQ(fx_ring_up(&r[c], c, N), 0);
		buf[c] = fx_alloc(2 * N * 64, 64);
	}
	for (round = 0; round < ROUNDS; round++) {
		for (c = 0; c < 2; c++) {
			for (i = 0; i < N - 1; i++) {
				unsigned int k = r[c].next_slot++ % N;
				uint8_t *s = buf[c] + k * 64, *d = buf[c] + (N + k) * 64;

				memset(s, (int)(round * 2 + c), 64);
				desc_copy(ring_slot(&r[c], k), d, s, 64,
						i == N - 2 ? CBDMA_DESC_COMPL_WRITE : 0);
			}
			ring_kick(&r[c], N - 1);
		}
		for (c = 0; c < 2; c++) {
			CHECK(wait_cmpl(r[c].cmpl, CBDMA_STS_IDLE |
					ring_iova(&r[c], (r[c].next_slot - 1) % N)));
			for (i = 0; i < N; i++) {
				unsigned int k = (r[c].next_slot - 1 - i) % N;

				if (i < N - 1)
					CHECK_EQ(buf[c][(N + k) * 64 + 63], round * 2 + c);
			}
		}
	}
	for (c = 0; c < 2; c++)
		CHECK_EQ(stat_descs(c), 1 + ROUNDS * (N - 1));
}

/* The engine backs off when idle, and wakes up for new work. */
static void
idle_backoff(void)
{
	struct fx_ring r;
	uint64_t idle0, t0;
	uint8_t *b;

	CHECK_EQ(fx_setup(NULL), 0);
	CHECK_EQ(fx_ring_up(&r, 0, 8), 0);
	idle0 = stats_of(0).polls_idle;
	t0 = th_now_us();
	while (stats_of(0).polls_idle <= idle0 + 10 && th_now_us() - t0 < 2000000)
		th_sleep_us(1000);
	CHECK(stats_of(0).polls_idle > idle0 + 10);
	/* After 20 ms of idling, new work is still taken (well under 500 ms). */
	b = fx_alloc(128, 64);
	memset(b, 7, 64);
	desc_copy(ring_slot(&r, 1), b + 64, b, 64, CBDMA_DESC_COMPL_WRITE);
	t0 = th_now_us();
	ring_kick(&r, 1);
	CHECK(wait_cmpl(r.cmpl, CBDMA_STS_IDLE | ring_iova(&r, 1)));
	CHECK(th_now_us() - t0 < 500000);
	CHECK_EQ(b[127], 7);
}

/* The engine thread pinned to a CPU works; an impossible CPU is refused. */
static void
engine_pinning(void)
{
	struct cbdma_model_flat_mem *fm = cbdma_model_flat_mem_create();
	struct cbdma_model_config cfg = { .nb_channels = 1, .engine_cpu = 0 };
	struct cbdma_model *m = NULL;
	static uint64_t cmpl __attribute__((aligned(64)));
	static struct cbdma_desc d;
	volatile void *ch;
	uint64_t t0;
	bool ok;

	CHECK(fm != NULL);
	CHECK_EQ(cbdma_model_flat_mem_add(fm, 0x1000, &d, sizeof(d)), 0);
	CHECK_EQ(cbdma_model_flat_mem_add(fm, 0x2000, &cmpl, sizeof(cmpl)), 0);
	cfg.mem = cbdma_model_flat_mem_ops(fm);
	cfg.engine_cpu = 1 << 20;
	CHECK(cbdma_model_create(&cfg, &m) < 0);
	cfg.engine_cpu = 0;
	CHECK_EQ(cbdma_model_create(&cfg, &m), 0);
	ch = (volatile uint8_t *)cbdma_model_regs(m) + CBDMA_CHAN_OFFSET(0);
	desc_null(&d, CBDMA_DESC_COMPL_WRITE);
	cbdma_write64(ch, CBDMA_CHAN_CMPADDR, 0x2000);
	cbdma_write64(ch, CBDMA_CHAN_CHAINADDR, 0x1000);
	cbdma_write16(ch, CBDMA_CHAN_DMACOUNT, 1);
	t0 = th_now_us();
	while (!(ok = cmpl_read(&cmpl) == (CBDMA_STS_IDLE | 0x1000)) &&
			th_now_us() - t0 < FX_WAIT_MS * 1000u)
		th_sleep_us(10);
	cbdma_model_destroy(m);
	cbdma_model_flat_mem_destroy(fm);
	CHECK(ok);
}

/* destroy returns promptly even while a long descriptor delay is running. */
static void
destroy_prompt(void)
{
	struct fx_opts o = { .desc_delay_us = 5000000 };
	struct fx_ring r;
	uint64_t t0;

	CHECK_EQ(fx_setup(&o), 0);
	r.chan = 0;
	r.n = 4;
	r.d = fx_alloc(4 * 64, 64);
	r.cmpl = fx_alloc(8, 64);
	desc_ring(r.d, 4);
	W64(0, CBDMA_CHAN_CHAINADDR, ring_iova(&r, 0));
	desc_null(ring_slot(&r, 0), 0);
	r.dmacount = 0;
	ring_kick(&r, 1);
	th_sleep_us(20000);	/* the engine is now in its 5 s delay */
	t0 = th_now_us();
	fx_teardown();
	CHECK(th_now_us() - t0 < 2500000);	/* not the 5 s of the delay */
}

const struct th_test tests_basic[] = {
	TH_TEST(regs_init),
	TH_TEST(regs_caller_window),
	TH_TEST(bringup),
	TH_TEST(ring_wrap),
	TH_TEST(fence_null),
	TH_TEST(big_transfer),
	TH_TEST(two_channels),
	TH_TEST(idle_backoff),
	TH_TEST(engine_pinning),
	TH_TEST(destroy_prompt),
	{ NULL, NULL },
};

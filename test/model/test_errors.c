/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/* Invalid descriptors and addresses, the halt, CHANERR W1C, recovery. */

#include <string.h>

#include "fixture.h"
#include "test_harness.h"
#include "tests.h"

enum { RING = 16 };

struct bad_case {
	const char *name;
	uint32_t err;
	/* Make slot 2 (or slot 1's next) bad; b is a 4 KiB scratch area. */
	void (*make)(struct fx_ring *r, uint8_t *b);
};

static void
good_copy(struct fx_ring *r, unsigned int k, uint8_t *b)
{
	desc_copy(ring_slot(r, k), b + 2048, b, 64, 0);
}

static void mk_src_zero(struct fx_ring *r, uint8_t *b)
{
	good_copy(r, 2, b);
	ring_slot(r, 2)->src_addr = 0;
}

static void mk_src_unmapped(struct fx_ring *r, uint8_t *b)
{
	good_copy(r, 2, b);
	ring_slot(r, 2)->src_addr = FX_UNMAPPED;
}

static void mk_src_cross_end(struct fx_ring *r, uint8_t *b)
{
	good_copy(r, 2, b);
	ring_slot(r, 2)->src_addr = FX_IOVA_BASE + FX_ARENA_SIZE - 32;
}

static void mk_dst_zero(struct fx_ring *r, uint8_t *b)
{
	good_copy(r, 2, b);
	ring_slot(r, 2)->dst_addr = 0;
}

static void mk_dst_unmapped(struct fx_ring *r, uint8_t *b)
{
	good_copy(r, 2, b);
	ring_slot(r, 2)->dst_addr = FX_UNMAPPED;
}

static void mk_dst_cross_end(struct fx_ring *r, uint8_t *b)
{
	good_copy(r, 2, b);
	ring_slot(r, 2)->dst_addr = FX_IOVA_BASE + FX_ARENA_SIZE - 63;
}

static void mk_fill_dst_unmapped(struct fx_ring *r, uint8_t *b)
{
	desc_fill(ring_slot(r, 2), b, 0x55, 64, 0);
	ring_slot(r, 2)->dst_addr = FX_UNMAPPED;
}

static void mk_next_zero(struct fx_ring *r, uint8_t *b)
{
	good_copy(r, 2, b);
	ring_slot(r, 1)->next = 0;
}

static void mk_next_unmapped(struct fx_ring *r, uint8_t *b)
{
	good_copy(r, 2, b);
	ring_slot(r, 1)->next = FX_UNMAPPED;
}

static void mk_next_misaligned(struct fx_ring *r, uint8_t *b)
{
	good_copy(r, 2, b);
	ring_slot(r, 1)->next = ring_iova(r, 2) + 8;
}

static void mk_next_cross_end(struct fx_ring *r, uint8_t *b)
{
	good_copy(r, 2, b);
	ring_slot(r, 1)->next = FX_IOVA_BASE + FX_ARENA_SIZE;
}

static void mk_op_xor(struct fx_ring *r, uint8_t *b)
{
	good_copy(r, 2, b);
	ring_slot(r, 2)->ctl |= (uint32_t)CBDMA_OP_XOR << CBDMA_DESC_OP_SHIFT;
}

static void mk_op_unknown(struct fx_ring *r, uint8_t *b)
{
	good_copy(r, 2, b);
	ring_slot(r, 2)->ctl |= 0x42u << CBDMA_DESC_OP_SHIFT;
}

static void mk_size_zero(struct fx_ring *r, uint8_t *b)
{
	good_copy(r, 2, b);
	ring_slot(r, 2)->size = 0;
}

static void mk_null_size_zero(struct fx_ring *r, uint8_t *b)
{
	(void)b;
	desc_null(ring_slot(r, 2), 0);
	ring_slot(r, 2)->size = 0;
}

static void mk_size_too_big(struct fx_ring *r, uint8_t *b)
{
	good_copy(r, 2, b);
	ring_slot(r, 2)->size = (1u << 20) + 1;
}

static void mk_fill_too_big(struct fx_ring *r, uint8_t *b)
{
	desc_fill(ring_slot(r, 2), b, 0x55, (1u << 20) + 1, 0);
}

static const struct bad_case bad_cases[] = {
	{ "src 0", CBDMA_ERR_SRC_ADDR, mk_src_zero },
	{ "src unmapped", CBDMA_ERR_SRC_ADDR, mk_src_unmapped },
	{ "src across end", CBDMA_ERR_SRC_ADDR, mk_src_cross_end },
	{ "dst 0", CBDMA_ERR_DEST_ADDR, mk_dst_zero },
	{ "dst unmapped", CBDMA_ERR_DEST_ADDR, mk_dst_unmapped },
	{ "dst across end", CBDMA_ERR_DEST_ADDR, mk_dst_cross_end },
	{ "fill dst unmapped", CBDMA_ERR_DEST_ADDR, mk_fill_dst_unmapped },
	{ "next 0", CBDMA_ERR_NEXT_ADDR, mk_next_zero },
	{ "next unmapped", CBDMA_ERR_NEXT_ADDR, mk_next_unmapped },
	{ "next misaligned", CBDMA_ERR_NEXT_DESC_ALIGN, mk_next_misaligned },
	{ "next past end", CBDMA_ERR_NEXT_ADDR, mk_next_cross_end },
	{ "op xor", CBDMA_ERR_CONTROL, mk_op_xor },
	{ "op unknown", CBDMA_ERR_CONTROL, mk_op_unknown },
	{ "size 0", CBDMA_ERR_LENGTH, mk_size_zero },
	{ "null size 0", CBDMA_ERR_LENGTH, mk_null_size_zero },
	{ "size > xfercap", CBDMA_ERR_LENGTH, mk_size_too_big },
	{ "fill > xfercap", CBDMA_ERR_LENGTH, mk_fill_too_big },
};

static void
bad_descriptors(void)
{
	unsigned int i;

	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *bc = &bad_cases[i];
		struct fx_ring r;
		uint8_t *b;
		struct cbdma_model_stats st;

		printf("    case %s\n", bc->name);
		CHECK_EQ(fx_setup(NULL), 0);
		CHECK_EQ(fx_ring_up(&r, 0, RING), 0);
		b = fx_alloc(4096, 64);
		memset(b, 0x77, 2048);
		desc_copy(ring_slot(&r, 1), b + 1024, b, 64, CBDMA_DESC_COMPL_WRITE);
		bc->make(&r, b);
		ring_kick(&r, 2);
		CHECK(wait_status(0, CBDMA_STS_HALTED));
		/* Slot 1 completed, slot 2 did not. */
		CHECK_EQ(STS(0), CBDMA_STS_HALTED | ring_iova(&r, 1));
		CHECK(wait_cmpl(r.cmpl, CBDMA_STS_HALTED | ring_iova(&r, 1)));
		CHECK_EQ(ERRREG(0), bc->err | CBDMA_MODEL_CHANERR_MIRROR);
		/* CDAR: the failing descriptor as fetched, else the last one. */
		CHECK_EQ(R64(0, CBDMA_CHAN_CDAR), ring_slot(&r, 1)->next != 0 ?
				ring_slot(&r, 1)->next : ring_iova(&r, 1));
		CHECK_EQ(b[1024 + 63], 0x77);
		CHECK_EQ(b[2048], 0);		/* bad copy wrote nothing */
		CHECK_EQ(b[0], 0x77);		/* nor did a bad fill */
		st = stats_of(0);
		CHECK_EQ(st.errors, 1);
		CHECK_EQ(st.descs, 2);
		/* Halted: more doorbells do nothing. */
		ring_kick(&r, 1);
		th_sleep_us(2000);
		CHECK_EQ(stat_descs(0), 2);
		CHECK_EQ(STS(0), CBDMA_STS_HALTED | ring_iova(&r, 1));
		fx_teardown();
	}
}

/* The chain address itself is bad. */
static void
bad_chain_addr(void)
{
	static const struct { uint64_t iova; uint32_t err; } cases[] = {
		{ FX_UNMAPPED, CBDMA_ERR_CHAIN_ADDR_VALUE },
		{ FX_IOVA_BASE + FX_ARENA_SIZE, CBDMA_ERR_CHAIN_ADDR_VALUE },
		{ FX_IOVA_BASE + 0x1020, CBDMA_ERR_NEXT_DESC_ALIGN },
	};
	unsigned int i;
	uint64_t *cmpl;

	CHECK_EQ(fx_setup(NULL), 0);
	cmpl = fx_alloc(8, 64);
	W16(0, CBDMA_CHAN_CTRL, CBDMA_CTRL_ERR_COMPLETION_EN);
	W64(0, CBDMA_CHAN_CMPADDR, fx_iova(cmpl));
	for (i = 0; i < 3; i++) {
		chanerr_clear(0);
		CHECK(wait_chanerr(0, 0));
		CHECK(chan_cmd(0, CBDMA_CMD_RESET));
		W64(0, CBDMA_CHAN_CHAINADDR, cases[i].iova);
		CHECK(wait_sts(0, CBDMA_STS_ARMED));
		__atomic_store_n(cmpl, 0, __ATOMIC_RELAXED);
		W16(0, CBDMA_CHAN_DMACOUNT, 1);
		CHECK(wait_sts(0, CBDMA_STS_HALTED));
		CHECK_EQ(ERRREG(0), cases[i].err | CBDMA_MODEL_CHANERR_MIRROR);
		CHECK(wait_cmpl(cmpl, CBDMA_STS_HALTED));
	}
	CHECK_EQ(stats_of(0).errors, 3);
	CHECK_EQ(stat_descs(0), 0);
}

/* compl_write with CHANCMP 0, misaligned or unmapped. */
static void
bad_completion_addr(void)
{
	static const uint64_t bad[] = { 0, 4, FX_UNMAPPED };
	unsigned int i;

	for (i = 0; i < 3; i++) {
		struct fx_ring r;
		uint8_t *b;
		uint64_t caddr;

		CHECK_EQ(fx_setup(NULL), 0);
		CHECK_EQ(fx_ring_up(&r, 0, RING), 0);
		b = fx_alloc(256, 64);
		caddr = bad[i] == 4 ? fx_iova(r.cmpl) + 4 : bad[i];
		W64(0, CBDMA_CHAN_CMPADDR, caddr);
		desc_copy(ring_slot(&r, 1), b + 128, b, 64, 0);	/* no compl: fine */
		desc_copy(ring_slot(&r, 2), b + 192, b, 64, CBDMA_DESC_COMPL_WRITE);
		b[0] = 9;
		ring_kick(&r, 2);
		CHECK(wait_status(0, CBDMA_STS_HALTED));
		CHECK_EQ(STS(0), CBDMA_STS_HALTED | ring_iova(&r, 1));
		CHECK_EQ(ERRREG(0), CBDMA_ERR_COMPLETION_ADDR | CBDMA_MODEL_CHANERR_MIRROR);
		CHECK_EQ(b[128], 9);
		CHECK_EQ(b[192], 0);
		/* No write anywhere near the old completion word either. */
		CHECK_EQ(cmpl_read(r.cmpl), CBDMA_STS_IDLE | ring_iova(&r, 0));
		fx_teardown();
	}
}

static void
fill_unsupported(void)
{
	struct fx_opts o = { .no_fill = true };
	struct fx_ring r;
	uint8_t *b;

	CHECK_EQ(fx_setup(&o), 0);
	CHECK_EQ(fx_ring_up(&r, 0, RING), 0);
	b = fx_alloc(64, 64);
	desc_fill(ring_slot(&r, 1), b, 0x1234, 64, CBDMA_DESC_COMPL_WRITE);
	ring_kick(&r, 1);
	CHECK(wait_status(0, CBDMA_STS_HALTED));
	CHECK_EQ(ERRREG(0), CBDMA_ERR_CONTROL | CBDMA_MODEL_CHANERR_MIRROR);
	CHECK_EQ(b[0], 0);
}

/*
 * Halt in the middle of a batch, clear CHANERR as drivers do, RESET, and
 * re-arm at the descriptor after the failed one with the count from 0.
 */
static void
halt_recover(void)
{
	struct fx_ring r;
	uint8_t *b;
	unsigned int k;

	CHECK_EQ(fx_setup(NULL), 0);
	CHECK_EQ(fx_ring_up(&r, 0, RING), 0);
	b = fx_alloc(8 * 128, 64);
	for (k = 1; k <= 5; k++) {
		memset(b + k * 128, (int)k, 64);
		desc_copy(ring_slot(&r, k), b + k * 128 + 64, b + k * 128, 64,
				CBDMA_DESC_COMPL_WRITE);
	}
	ring_slot(&r, 3)->src_addr = FX_UNMAPPED;
	ring_kick(&r, 5);
	CHECK(wait_status(0, CBDMA_STS_HALTED));
	CHECK_EQ(STS(0), CBDMA_STS_HALTED | ring_iova(&r, 2));
	CHECK(wait_cmpl(r.cmpl, CBDMA_STS_HALTED | ring_iova(&r, 2)));
	CHECK_EQ(ERRREG(0), CBDMA_ERR_SRC_ADDR | CBDMA_MODEL_CHANERR_MIRROR);
	CHECK_EQ(b[2 * 128 + 64], 2);
	CHECK_EQ(b[3 * 128 + 64], 0);

	/* Write-1-to-clear, as a driver does: read & defined bits. */
	chanerr_clear(0);
	CHECK(wait_chanerr(0, 0));
	CHECK(chan_cmd(0, CBDMA_CMD_RESET));
	CHECK_EQ(STS(0), CBDMA_STS_HALTED);
	CHECK_EQ(R16(0, CBDMA_CHAN_DMACOUNT), 0);
	/* Re-arm after the failed one: DMACOUNT 0 first, CHAINADDR, count. */
	r.dmacount = 0;
	W16(0, CBDMA_CHAN_DMACOUNT, 0);
	W64(0, CBDMA_CHAN_CHAINADDR, ring_iova(&r, 4));
	ring_kick(&r, 2);
	CHECK(wait_sts(0, CBDMA_STS_IDLE | ring_iova(&r, 5)));
	CHECK(wait_cmpl(r.cmpl, CBDMA_STS_IDLE | ring_iova(&r, 5)));
	CHECK_EQ(b[4 * 128 + 127], 4);
	CHECK_EQ(b[5 * 128 + 127], 5);
	CHECK_EQ(b[3 * 128 + 64], 0);

	/*
	 * And the failed one, fixed, re-armed alone: count 0 again.  Only on a
	 * stopped channel: zeroing DMACOUNT of a running one reads as 65534
	 * new descriptors.  SUSPEND does; DMACOUNT = 0 before CHAINADDR.
	 */
	ring_slot(&r, 3)->src_addr = fx_iova(b + 3 * 128);
	ring_slot(&r, 3)->next = 0;	/* never followed: count is 1 */
	CHECK(chan_cmd(0, CBDMA_CMD_SUSPEND));
	r.dmacount = 0;
	W16(0, CBDMA_CHAN_DMACOUNT, 0);
	W64(0, CBDMA_CHAN_CHAINADDR, ring_iova(&r, 3));
	ring_kick(&r, 1);
	CHECK(wait_sts(0, CBDMA_STS_IDLE | ring_iova(&r, 3)));
	CHECK_EQ(b[3 * 128 + 127], 3);
	CHECK_EQ(ERRREG(0), 0);
	CHECK_EQ(stats_of(0).errors, 1);
}

/* CHANERR write-1-to-clear through the mirror bit, bit by bit. */
static void
chanerr_w1c(void)
{
	struct fx_ring r;
	const uint32_t m = CBDMA_MODEL_CHANERR_MIRROR;

	CHECK_EQ(fx_setup(NULL), 0);
	CHECK_EQ(fx_ring_up(&r, 0, RING), 0);
	CHECK_EQ(cbdma_model_inject(fx.m, 0, CBDMA_FAULT_SPURIOUS_CHANERR, 0,
			CBDMA_ERR_SRC_ADDR | CBDMA_ERR_SOFT), 0);
	desc_null(ring_slot(&r, 1), CBDMA_DESC_COMPL_WRITE);
	ring_kick(&r, 1);
	CHECK(wait_cmpl(r.cmpl, CBDMA_STS_IDLE | ring_iova(&r, 1)));
	/* Spurious: bits shown, channel not halted. */
	CHECK_EQ(ERRREG(0), CBDMA_ERR_SRC_ADDR | CBDMA_ERR_SOFT | m);
	CHECK_EQ(STS(0), CBDMA_STS_IDLE | ring_iova(&r, 1));
	/* Clear one bit. */
	W32(0, CBDMA_CHAN_ERR, CBDMA_ERR_SRC_ADDR);
	CHECK(wait_chanerr(0, CBDMA_ERR_SOFT | m));
	/* Writing 0 clears nothing; a bit not set clears nothing. */
	W32(0, CBDMA_CHAN_ERR, 0);
	CHECK(wait_chanerr(0, CBDMA_ERR_SOFT | m));
	W32(0, CBDMA_CHAN_ERR, CBDMA_ERR_LENGTH);
	CHECK(wait_chanerr(0, CBDMA_ERR_SOFT | m));
	/* The driver's idiom clears the rest. */
	chanerr_clear(0);
	CHECK(wait_chanerr(0, 0));
	/* With nothing latched a stray write reads back 0. */
	W32(0, CBDMA_CHAN_ERR, CBDMA_ERR_DEST_ADDR);
	CHECK(wait_chanerr(0, 0));
	CHECK_EQ(stats_of(0).errors, 0);
}

/* v1 commands and undefined command bits: CHANCMD error and halt. */
static void
bad_commands(void)
{
	static const uint8_t cmds[] = { CBDMA_CMD_START, CBDMA_CMD_APPEND, 0x40, 0x80 };
	unsigned int i;

	CHECK_EQ(fx_setup(NULL), 0);
	for (i = 0; i < sizeof(cmds); i++) {
		struct fx_ring r;

		CHECK_EQ(fx_ring_up(&r, 0, 4), 0);
		CHECK(chan_cmd(0, cmds[i]));
		CHECK_EQ(STS(0), CBDMA_STS_HALTED | ring_iova(&r, 0));
		CHECK_EQ(ERRREG(0), CBDMA_ERR_CHANCMD | CBDMA_MODEL_CHANERR_MIRROR);
		CHECK(wait_cmpl(r.cmpl, CBDMA_STS_HALTED | ring_iova(&r, 0)));
	}
	CHECK_EQ(stats_of(0).errors, 4);
}

const struct th_test tests_errors[] = {
	TH_TEST(bad_descriptors),
	TH_TEST(bad_chain_addr),
	TH_TEST(bad_completion_addr),
	TH_TEST(fill_unsupported),
	TH_TEST(halt_recover),
	TH_TEST(chanerr_w1c),
	TH_TEST(bad_commands),
	{ NULL, NULL },
};

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/* Fault injection: each error kind, stall, spurious CHANERR, hang. */

#include <string.h>

#include "fixture.h"
#include "test_harness.h"
#include "tests.h"

enum { RING = 16, NB = 4 };

struct fwork {
	struct fx_ring r;
	uint8_t *buf;		/* slot k: src at k*256, dst at k*256+128 */
};

static uint8_t *
fsrc(struct fwork *w, unsigned int k)
{
	return w->buf + k * 256;
}

static uint8_t *
fdst(struct fwork *w, unsigned int k)
{
	return w->buf + k * 256 + 128;
}

static int
fwork_setup(struct fwork *w)
{
	unsigned int k;
	int rc;

	rc = fx_setup(NULL);
	if (rc != 0)
		return rc;
	rc = fx_ring_up(&w->r, 0, RING);
	if (rc != 0)
		return rc;
	w->buf = fx_alloc(RING * 256, 64);
	for (k = 1; k <= NB; k++) {
		memset(fsrc(w, k), (int)k, 128);
		desc_copy(ring_slot(&w->r, k), fdst(w, k), fsrc(w, k), 128,
				CBDMA_DESC_COMPL_WRITE);
	}
	w->r.next_slot = NB + 1;
	return 0;
}

static const struct {
	enum cbdma_model_fault fault;
	uint32_t err;
} error_faults[] = {
	{ CBDMA_FAULT_SRC_ADDR, CBDMA_ERR_SRC_ADDR },
	{ CBDMA_FAULT_DEST_ADDR, CBDMA_ERR_DEST_ADDR },
	{ CBDMA_FAULT_NEXT_ADDR, CBDMA_ERR_NEXT_ADDR },
	{ CBDMA_FAULT_DESC_ALIGN, CBDMA_ERR_NEXT_DESC_ALIGN },
	{ CBDMA_FAULT_LENGTH, CBDMA_ERR_LENGTH },
	{ CBDMA_FAULT_READ_DATA, CBDMA_ERR_READ_DATA },
	{ CBDMA_FAULT_WRITE_DATA, CBDMA_ERR_WRITE_DATA },
	{ CBDMA_FAULT_COMPLETION_ADDR, CBDMA_ERR_COMPLETION_ADDR },
};

/* Each error fault at slot 3: halt after slot 2, the bit in CHANERR. */
static void
fault_errors(void)
{
	unsigned int i;

	for (i = 0; i < sizeof(error_faults) / sizeof(error_faults[0]); i++) {
		struct fwork w;
		struct cbdma_model_stats st;
		bool wd = error_faults[i].fault == CBDMA_FAULT_WRITE_DATA;
		bool ca = error_faults[i].fault == CBDMA_FAULT_COMPLETION_ADDR;

		printf("    fault %d\n", error_faults[i].fault);
		CHECK_EQ(fwork_setup(&w), 0);
		CHECK_EQ(cbdma_model_inject(fx.m, 0, error_faults[i].fault,
				ring_iova(&w.r, 3), 0), 0);
		ring_kick(&w.r, NB);
		/* A bad completion address gets no halt word. */
		CHECK(wait_cmpl(w.r.cmpl, (ca ? CBDMA_STS_ACTIVE : CBDMA_STS_HALTED) |
				ring_iova(&w.r, 2)));
		CHECK(wait_status(0, CBDMA_STS_HALTED));
		CHECK_EQ(STS(0), CBDMA_STS_HALTED | ring_iova(&w.r, 2));
		CHECK_EQ(ERRREG(0), error_faults[i].err | CBDMA_MODEL_CHANERR_MIRROR);
		CHECK_EQ(R64(0, CBDMA_CHAN_CDAR), ring_iova(&w.r, 3));
		CHECK_EQ(fdst(&w, 2)[127], 2);
		/* WRITE_DATA: the first half was written, not the rest. */
		CHECK_EQ(fdst(&w, 3)[0], wd ? 3 : 0);
		CHECK_EQ(fdst(&w, 3)[63], wd ? 3 : 0);
		CHECK_EQ(fdst(&w, 3)[64], 0);
		CHECK_EQ(fdst(&w, 4)[0], 0);
		st = stats_of(0);
		CHECK_EQ(st.faults, 1);
		CHECK_EQ(st.errors, 1);
		CHECK_EQ(st.descs, 3);

		/* Fired once: re-arming at slot 3 runs it normally. */
		CHECK(fx_ring_restart(&w.r) == 0);
		w.r.dmacount = 0;
		W16(0, CBDMA_CHAN_DMACOUNT, 0);
		W64(0, CBDMA_CHAN_CHAINADDR, ring_iova(&w.r, 3));
		ring_kick(&w.r, 2);
		CHECK(wait_sts(0, CBDMA_STS_IDLE | ring_iova(&w.r, 4)));
		CHECK_EQ(fdst(&w, 3)[127], 3);
		CHECK_EQ(fdst(&w, 4)[127], 4);
		fx_teardown();
	}
}

/* desc_iova 0: the next descriptor executed; a later IOVA waits for it. */
static void
fault_targeting(void)
{
	struct fwork w;

	CHECK_EQ(fwork_setup(&w), 0);
	/* Armed for slot 4 while slots 1-2 run: they are unaffected. */
	CHECK_EQ(cbdma_model_inject(fx.m, 0, CBDMA_FAULT_READ_DATA,
			ring_iova(&w.r, 4), 0), 0);
	ring_kick(&w.r, 2);
	CHECK(wait_sts(0, CBDMA_STS_IDLE | ring_iova(&w.r, 2)));
	/* Replaced by a fault for the next descriptor, whatever it is. */
	CHECK_EQ(cbdma_model_inject(fx.m, 0, CBDMA_FAULT_SRC_ADDR, 0, 0), 0);
	ring_kick(&w.r, 2);
	CHECK(wait_status(0, CBDMA_STS_HALTED));
	CHECK_EQ(STS(0), CBDMA_STS_HALTED | ring_iova(&w.r, 2));
	CHECK_EQ(ERRREG(0), CBDMA_ERR_SRC_ADDR | CBDMA_MODEL_CHANERR_MIRROR);
	CHECK_EQ(stats_of(0).faults, 1);

	/* CBDMA_FAULT_NONE disarms. */
	CHECK(fx_ring_restart(&w.r) == 0);
	CHECK_EQ(cbdma_model_inject(fx.m, 0, CBDMA_FAULT_DEST_ADDR, 0, 0), 0);
	CHECK_EQ(cbdma_model_inject(fx.m, 0, CBDMA_FAULT_NONE, 0, 0), 0);
	memset(fdst(&w, 1), 0, 128);
	desc_copy(ring_slot(&w.r, 1), fdst(&w, 1), fsrc(&w, 1), 128,
			CBDMA_DESC_COMPL_WRITE);
	ring_kick(&w.r, 1);
	CHECK(wait_sts(0, CBDMA_STS_IDLE | ring_iova(&w.r, 1)));
	CHECK_EQ(fdst(&w, 1)[127], 1);
	CHECK_EQ(stats_of(0).faults, 1);

	/* Bad arguments. */
	CHECK(cbdma_model_inject(fx.m, 1, CBDMA_FAULT_SRC_ADDR, 0, 0) < 0);
	CHECK(cbdma_model_inject(fx.m, 0, (enum cbdma_model_fault)99, 0, 0) < 0);
	CHECK(cbdma_model_inject(NULL, 0, CBDMA_FAULT_SRC_ADDR, 0, 0) < 0);
}

static void
fault_stall(void)
{
	struct fwork w;
	uint64_t t0;

	CHECK_EQ(fwork_setup(&w), 0);
	CHECK_EQ(cbdma_model_inject(fx.m, 0, CBDMA_FAULT_STALL, ring_iova(&w.r, 2),
			30000), 0);
	t0 = th_now_us();
	ring_kick(&w.r, NB);
	CHECK(wait_sts(0, CBDMA_STS_IDLE | ring_iova(&w.r, NB)));
	CHECK(th_now_us() - t0 >= 30000);
	CHECK_EQ(ERRREG(0), 0);
	CHECK_EQ(fdst(&w, NB)[127], NB);
	CHECK_EQ(stats_of(0).faults, 1);
}

static void
fault_spurious(void)
{
	struct fwork w;

	CHECK_EQ(fwork_setup(&w), 0);
	CHECK_EQ(cbdma_model_inject(fx.m, 0, CBDMA_FAULT_SPURIOUS_CHANERR,
			ring_iova(&w.r, 2), CBDMA_ERR_SOFT | CBDMA_ERR_DMA_UNCORR), 0);
	ring_kick(&w.r, NB);
	CHECK(wait_sts(0, CBDMA_STS_IDLE | ring_iova(&w.r, NB)));
	CHECK_EQ(ERRREG(0), CBDMA_ERR_SOFT | CBDMA_ERR_DMA_UNCORR |
			CBDMA_MODEL_CHANERR_MIRROR);
	CHECK_EQ(stats_of(0).errors, 0);
	chanerr_clear(0);
	CHECK(wait_chanerr(0, 0));
}

/*
 * HANG at slot 2: nothing more completes, SUSPEND stays pending; released
 * with CBDMA_FAULT_NONE the hung descriptor completes, then the SUSPEND.
 */
static void
fault_hang_release(void)
{
	struct fwork w;

	CHECK_EQ(fwork_setup(&w), 0);
	CHECK_EQ(cbdma_model_inject(fx.m, 0, CBDMA_FAULT_HANG, ring_iova(&w.r, 2), 0), 0);
	ring_kick(&w.r, NB);
	CHECK(wait_descs(0, 2));
	th_sleep_us(10000);
	CHECK_EQ(stat_descs(0), 2);
	CHECK_EQ(STS(0), CBDMA_STS_ACTIVE | ring_iova(&w.r, 1));
	CHECK_EQ(fdst(&w, 2)[0], 0);
	W8(0, CBDMA_CHAN_CMD, CBDMA_CMD_SUSPEND);
	th_sleep_us(5000);
	CHECK_EQ(R8(0, CBDMA_CHAN_CMD), CBDMA_CMD_SUSPEND);	/* not taken */
	CHECK_EQ(cbdma_model_inject(fx.m, 0, CBDMA_FAULT_NONE, 0, 0), 0);
	CHECK(wait_cmd_taken(0));
	CHECK_EQ(STS(0), CBDMA_STS_SUSPENDED | ring_iova(&w.r, 2));
	CHECK_EQ(cmpl_read(w.r.cmpl), CBDMA_STS_SUSPENDED | ring_iova(&w.r, 2));
	CHECK_EQ(fdst(&w, 2)[127], 2);
	CHECK_EQ(fdst(&w, 3)[0], 0);
	CHECK(chan_cmd(0, CBDMA_CMD_RESUME));
	CHECK(wait_sts(0, CBDMA_STS_IDLE | ring_iova(&w.r, NB)));
	CHECK_EQ(fdst(&w, NB)[127], NB);
	CHECK_EQ(stats_of(0).faults, 1);
}

/* ABORT and RESET are taken while hung. */
static void
fault_hang_abort_reset(void)
{
	struct fwork w;

	CHECK_EQ(fwork_setup(&w), 0);
	CHECK_EQ(cbdma_model_inject(fx.m, 0, CBDMA_FAULT_HANG, ring_iova(&w.r, 2), 0), 0);
	ring_kick(&w.r, NB);
	CHECK(wait_descs(0, 2));
	th_sleep_us(2000);
	CHECK(chan_cmd(0, CBDMA_CMD_ABORT));
	CHECK_EQ(STS(0), CBDMA_STS_HALTED | ring_iova(&w.r, 1));
	CHECK_EQ(cmpl_read(w.r.cmpl), CBDMA_STS_HALTED | ring_iova(&w.r, 1));
	CHECK_EQ(fdst(&w, 2)[0], 0);
	CHECK_EQ(ERRREG(0), 0);
	/* The hang is over: re-arm at slot 2 runs it. */
	CHECK(chan_cmd(0, CBDMA_CMD_RESET));
	w.r.dmacount = 0;
	W64(0, CBDMA_CHAN_CHAINADDR, ring_iova(&w.r, 2));
	ring_kick(&w.r, NB - 1);
	CHECK(wait_sts(0, CBDMA_STS_IDLE | ring_iova(&w.r, NB)));
	CHECK_EQ(fdst(&w, 2)[127], 2);

	/* Hang on the first descriptor of a chain, then RESET. */
	CHECK_EQ(cbdma_model_inject(fx.m, 0, CBDMA_FAULT_HANG, 0, 0), 0);
	CHECK(chan_cmd(0, CBDMA_CMD_RESET));
	W64(0, CBDMA_CHAN_CHAINADDR, ring_iova(&w.r, 0));
	CHECK(wait_sts(0, CBDMA_STS_ARMED));
	W16(0, CBDMA_CHAN_DMACOUNT, 1);
	th_sleep_us(5000);
	CHECK_EQ(STS(0), CBDMA_STS_ARMED);
	CHECK_EQ(stats_of(0).faults, 2);
	CHECK(chan_cmd(0, CBDMA_CMD_RESET));
	CHECK_EQ(STS(0), CBDMA_STS_HALTED);
	/* The fault went with the hang: bring-up works. */
	CHECK_EQ(fx_ring_restart(&w.r), 0);
}

const struct th_test tests_faults[] = {
	TH_TEST(fault_errors),
	TH_TEST(fault_targeting),
	TH_TEST(fault_stall),
	TH_TEST(fault_spurious),
	TH_TEST(fault_hang_release),
	TH_TEST(fault_hang_abort_reset),
	{ NULL, NULL },
};

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/* SUSPEND / splice / RESUME, re-arm after suspend, ABORT, RESET. */

#include <string.h>

#include "fixture.h"
#include "test_harness.h"
#include "tests.h"

/* Long enough that a loaded machine still suspends mid-chain. */
enum { RING = 16, NB = 10, DELAY_US = 5000 };

/* Slot k (1..NB) copies 64 bytes of value k from src k to dst k. */
struct work {
	struct fx_ring r;
	uint8_t *src, *dst;
};

static uint8_t *
src_of(struct work *w, unsigned int k)
{
	return w->src + k * 64;
}

static uint8_t *
dst_of(struct work *w, unsigned int k)
{
	return w->dst + k * 64;
}

static int
work_setup(struct work *w, uint32_t delay_us)
{
	struct fx_opts o = { .desc_delay_us = delay_us };
	unsigned int k;
	int rc;

	rc = fx_setup(&o);
	if (rc != 0)
		return rc;
	rc = fx_ring_up(&w->r, 0, RING);
	if (rc != 0)
		return rc;
	w->src = fx_alloc(RING * 64, 64);
	w->dst = fx_alloc(RING * 64, 64);
	for (k = 1; k <= NB; k++) {
		memset(src_of(w, k), (int)k, 64);
		desc_copy(ring_slot(&w->r, k), dst_of(w, k), src_of(w, k), 64,
				CBDMA_DESC_COMPL_WRITE);
	}
	w->r.next_slot = NB + 1;
	return 0;
}

/* Slot of a descriptor IOVA in the ring, or -1. */
static int
slot_of(struct work *w, uint64_t iova)
{
	unsigned int k;

	for (k = 0; k < RING; k++)
		if (ring_iova(&w->r, k) == iova)
			return (int)k;
	return -1;
}

/*
 * Start the chain of NB copies (DELAY_US each) and stop it with cmd
 * (SUSPEND or ABORT) once at least two have completed.  A loaded machine
 * may let the whole chain finish before the command lands: then start over
 * (three tries).  Returns the slot of the last completed descriptor as the
 * completion word reports it, or -1.
 */
static int
stop_mid_chain(struct work *w, uint8_t cmd)
{
	int attempt, k = -1;

	for (attempt = 0; attempt < 3; attempt++) {
		if (work_setup(w, DELAY_US) != 0)
			return -1;
		ring_kick(&w->r, NB);
		if (!wait_descs(0, 1 + 2) || !chan_cmd(0, cmd))
			return -1;
		k = slot_of(w, cbdma_sts_addr(cmpl_read(w->r.cmpl)));
		if (k >= 2 && k < NB)
			return k;
		printf("    stopped at slot %d (machine busy): again\n", k);
	}
	return -1;
}

/*
 * SUSPEND with work pending, read the last completed descriptor from the
 * SUSPENDED completion word, splice an extra descriptor after it, RESUME:
 * the spliced one runs next and the chain goes on.
 */
static void
suspend_splice_resume(void)
{
	struct work w;
	struct cbdma_desc *x;
	uint8_t *xbuf;
	uint64_t word, last;
	int k;
	unsigned int j;
	struct cbdma_model_stats st;

	k = stop_mid_chain(&w, CBDMA_CMD_SUSPEND);
	CHECK(k >= 2);
	CHECK_EQ(cbdma_sts_status(STS(0)), CBDMA_STS_SUSPENDED);
	word = cmpl_read(w.r.cmpl);
	CHECK_EQ(cbdma_sts_status(word), CBDMA_STS_SUSPENDED);
	CHECK_EQ(word, STS(0));
	last = cbdma_sts_addr(word);
	CHECK_EQ(last, ring_iova(&w.r, (unsigned int)k));
	/* Completed up to k, nothing after; and nothing runs while suspended. */
	CHECK_EQ(dst_of(&w, (unsigned int)k)[63], k);
	CHECK_EQ(dst_of(&w, (unsigned int)k + 1)[0], 0);
	th_sleep_us(4 * DELAY_US);
	CHECK_EQ(stat_descs(0), 1 + (uint64_t)k);
	CHECK_EQ(STS(0), word);

	/* Splice x after k: x fills slot k+1's source, so order shows. */
	x = fx_alloc(sizeof(*x), 64);
	xbuf = src_of(&w, (unsigned int)k + 1);
	desc_fill(x, xbuf, 0xabababababababab, 64, 0);
	x->next = ring_slot(&w.r, (unsigned int)k)->next;
	ring_slot(&w.r, (unsigned int)k)->next = fx_iova(x);
	CHECK(chan_cmd(0, CBDMA_CMD_RESUME));
	CHECK(cbdma_sts_status(STS(0)) != CBDMA_STS_SUSPENDED);
	ring_kick(&w.r, 1);		/* one more descriptor in the chain */
	CHECK(wait_cmpl(w.r.cmpl, CBDMA_STS_IDLE | ring_iova(&w.r, NB)));
	CHECK_EQ(STS(0), CBDMA_STS_IDLE | ring_iova(&w.r, NB));
	for (j = 1; j <= NB; j++)
		CHECK_EQ(dst_of(&w, j)[63], j == (unsigned int)k + 1 ? 0xab : j);
	st = stats_of(0);
	CHECK_EQ(st.descs, 1 + NB + 1);
	CHECK_EQ(st.suspends, 1);
	CHECK_EQ(st.resumes, 1);
	CHECK_EQ(ERRREG(0), 0);
}

/* Suspend when idle; RESUME and SUSPEND that do nothing are ignored. */
static void
suspend_idle(void)
{
	struct work w;
	struct cbdma_model_stats st;

	CHECK_EQ(work_setup(&w, 0), 0);
	CHECK(chan_cmd(0, CBDMA_CMD_RESUME));		/* not suspended */
	CHECK_EQ(STS(0), CBDMA_STS_IDLE | ring_iova(&w.r, 0));
	CHECK(chan_cmd(0, CBDMA_CMD_SUSPEND));
	CHECK_EQ(STS(0), CBDMA_STS_SUSPENDED | ring_iova(&w.r, 0));
	CHECK_EQ(cmpl_read(w.r.cmpl), CBDMA_STS_SUSPENDED | ring_iova(&w.r, 0));
	CHECK(chan_cmd(0, CBDMA_CMD_SUSPEND));		/* already */
	/* A doorbell while suspended does nothing until RESUME. */
	ring_kick(&w.r, 2);
	th_sleep_us(3000);
	CHECK_EQ(stat_descs(0), 1);
	CHECK(chan_cmd(0, CBDMA_CMD_RESUME));
	CHECK(wait_sts(0, CBDMA_STS_IDLE | ring_iova(&w.r, 2)));
	CHECK_EQ(dst_of(&w, 2)[0], 2);
	CHECK_EQ(dst_of(&w, 3)[0], 0);
	st = stats_of(0);
	CHECK_EQ(st.suspends, 1);
	CHECK_EQ(st.resumes, 1);
	CHECK_EQ(st.cmds_ignored, 2);
}

/* Suspend before the first descriptor: resumes at the chain address. */
static void
suspend_armed(void)
{
	struct work w;

	CHECK_EQ(work_setup(&w, 0), 0);
	CHECK(chan_cmd(0, CBDMA_CMD_RESET));
	w.r.dmacount = 0;
	W16(0, CBDMA_CHAN_DMACOUNT, 0);
	W64(0, CBDMA_CHAN_CHAINADDR, ring_iova(&w.r, 1));
	CHECK(wait_sts(0, CBDMA_STS_ARMED));
	CHECK(chan_cmd(0, CBDMA_CMD_SUSPEND));
	CHECK_EQ(STS(0), CBDMA_STS_SUSPENDED);		/* no address yet */
	CHECK_EQ(cmpl_read(w.r.cmpl), CBDMA_STS_SUSPENDED);
	ring_kick(&w.r, 3);
	th_sleep_us(3000);
	CHECK_EQ(stat_descs(0), 1);
	CHECK(chan_cmd(0, CBDMA_CMD_RESUME));
	CHECK(wait_sts(0, CBDMA_STS_IDLE | ring_iova(&w.r, 3)));
	CHECK_EQ(dst_of(&w, 1)[0], 1);
	CHECK_EQ(dst_of(&w, 3)[63], 3);
	CHECK_EQ(dst_of(&w, 4)[0], 0);
}

/* SUSPEND of a HALTED channel: stays HALTED, no error added. */
static void
suspend_halted(void)
{
	struct work w;

	CHECK_EQ(work_setup(&w, 0), 0);
	ring_slot(&w.r, 2)->src_addr = FX_UNMAPPED;
	ring_kick(&w.r, 3);
	CHECK(wait_sts(0, CBDMA_STS_HALTED | ring_iova(&w.r, 1)));
	CHECK(chan_cmd(0, CBDMA_CMD_SUSPEND));
	CHECK(chan_cmd(0, CBDMA_CMD_RESUME));
	CHECK_EQ(STS(0), CBDMA_STS_HALTED | ring_iova(&w.r, 1));
	CHECK_EQ(ERRREG(0), CBDMA_ERR_SRC_ADDR | CBDMA_MODEL_CHANERR_MIRROR);
	CHECK_EQ(stats_of(0).cmds_ignored, 2);
}

/*
 * The conservative way to continue after a suspend on real silicon:
 * re-arm with CHAINADDR = next descriptor to run, DMACOUNT counted from 0.
 */
static void
rearm_after_suspend(void)
{
	struct work w;
	int k;
	unsigned int j;

	k = stop_mid_chain(&w, CBDMA_CMD_SUSPEND);
	CHECK(k >= 2);
	CHECK_EQ(cmpl_read(w.r.cmpl),
			CBDMA_STS_SUSPENDED | ring_iova(&w.r, (unsigned int)k));
	w.r.dmacount = 0;
	W16(0, CBDMA_CHAN_DMACOUNT, 0);			/* before CHAINADDR */
	W64(0, CBDMA_CHAN_CHAINADDR, ring_slot(&w.r, (unsigned int)k)->next);
	ring_kick(&w.r, NB - (unsigned int)k);
	CHECK(wait_sts(0, CBDMA_STS_IDLE | ring_iova(&w.r, NB)));
	for (j = 1; j <= NB; j++)
		CHECK_EQ(dst_of(&w, j)[63], j);
	CHECK_EQ(stat_descs(0), 1 + NB);
	CHECK_EQ(stats_of(0).resumes, 0);
}

/* ABORT: stop at once, HALTED with the last completed, no CHANERR. */
static void
abort_cmd(void)
{
	struct work w;
	uint64_t sts;
	int k;
	unsigned int j;

	k = stop_mid_chain(&w, CBDMA_CMD_ABORT);
	CHECK(k >= 2);
	sts = STS(0);
	CHECK_EQ(sts, CBDMA_STS_HALTED | ring_iova(&w.r, (unsigned int)k));
	CHECK_EQ(cmpl_read(w.r.cmpl), sts);
	CHECK_EQ(ERRREG(0), 0);
	th_sleep_us(4 * DELAY_US);
	CHECK_EQ(stat_descs(0), 1 + (uint64_t)k);
	CHECK_EQ(dst_of(&w, (unsigned int)k + 1)[0], 0);
	CHECK_EQ(stats_of(0).aborts, 1);
	CHECK_EQ(stats_of(0).errors, 0);

	/* Recover: RESET, re-arm after the last completed. */
	CHECK(chan_cmd(0, CBDMA_CMD_RESET));
	w.r.dmacount = 0;
	W64(0, CBDMA_CHAN_CHAINADDR, ring_slot(&w.r, (unsigned int)k)->next);
	ring_kick(&w.r, NB - (unsigned int)k);
	CHECK(wait_sts(0, CBDMA_STS_IDLE | ring_iova(&w.r, NB)));
	for (j = 1; j <= NB; j++)
		CHECK_EQ(dst_of(&w, j)[63], j);
}

/* RESET: post-allocation state; CHAINADDR at the same address re-arms. */
static void
reset_cmd(void)
{
	struct work w;
	uint64_t cmpl_before;

	CHECK_EQ(work_setup(&w, 0), 0);
	ring_slot(&w.r, 2)->dst_addr = 0;
	ring_kick(&w.r, 2);
	CHECK(wait_cmpl(w.r.cmpl, CBDMA_STS_HALTED | ring_iova(&w.r, 1)));
	CHECK_EQ(ERRREG(0), CBDMA_ERR_DEST_ADDR | CBDMA_MODEL_CHANERR_MIRROR);
	cmpl_before = cmpl_read(w.r.cmpl);
	/* RESET clears the latched error even without a W1C. */
	CHECK(chan_cmd(0, CBDMA_CMD_RESET));
	CHECK_EQ(STS(0), CBDMA_STS_HALTED);
	CHECK_EQ(ERRREG(0), 0);
	CHECK_EQ(R16(0, CBDMA_CHAN_DMACOUNT), 0);
	CHECK_EQ(R64(0, CBDMA_CHAN_CDAR), 0);
	CHECK_EQ(cmpl_read(w.r.cmpl), cmpl_before);	/* no completion write */
	/* CHANCTRL and CHANCMP survive a RESET. */
	CHECK_EQ(R16(0, CBDMA_CHAN_CTRL), CBDMA_CTRL_ERR_COMPLETION_EN);
	CHECK_EQ(R64(0, CBDMA_CHAN_CMPADDR), fx_iova(w.r.cmpl));
	/* Doorbell without a chain: nothing. */
	W16(0, CBDMA_CHAN_DMACOUNT, 1);
	th_sleep_us(2000);
	CHECK_EQ(STS(0), CBDMA_STS_HALTED);
	CHECK(chan_cmd(0, CBDMA_CMD_RESET));

	/* Re-arm at slot 0, the same address as the bring-up wrote. */
	ring_slot(&w.r, 2)->dst_addr = fx_iova(dst_of(&w, 2));
	w.r.dmacount = 0;
	W64(0, CBDMA_CHAN_CHAINADDR, ring_iova(&w.r, 0));
	ring_kick(&w.r, 3);
	CHECK(wait_sts(0, CBDMA_STS_IDLE | ring_iova(&w.r, 2)));
	CHECK_EQ(dst_of(&w, 2)[63], 2);
	/* ... and again (CHAINADDR read 0 after the latch). */
	CHECK_EQ(R64(0, CBDMA_CHAN_CHAINADDR), 0);
	w.r.dmacount = 0;
	W16(0, CBDMA_CHAN_DMACOUNT, 0);
	W64(0, CBDMA_CHAN_CHAINADDR, ring_iova(&w.r, 0));
	CHECK(wait_sts(0, CBDMA_STS_ARMED));
	ring_kick(&w.r, 1);
	CHECK(wait_sts(0, CBDMA_STS_IDLE | ring_iova(&w.r, 0)));
	CHECK_EQ(stats_of(0).resets, 3);
}

const struct th_test tests_commands[] = {
	TH_TEST(suspend_splice_resume),
	TH_TEST(suspend_idle),
	TH_TEST(suspend_armed),
	TH_TEST(suspend_halted),
	TH_TEST(rearm_after_suspend),
	TH_TEST(abort_cmd),
	TH_TEST(reset_cmd),
	{ NULL, NULL },
};

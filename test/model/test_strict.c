/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * The strict silicon profile: each unverified behaviour in its harshest
 * form (doc/device-model.md, "Silicon profiles"), driven through registers.
 * Every scenario is deterministic: the write-behind pipeline works on what
 * one doorbell handed over, and suspensions land at a known descriptor by
 * holding the engine in an injected HANG while SUSPEND is written.
 */

#include <string.h>

#include "fixture.h"
#include "test_harness.h"
#include "tests.h"

#define CMD_BITS	0x7f	/* CHANCMD without the model's taken marker */

enum { RING = 32, LEN = 64 };

static int
strict_up(struct fx_ring *r, uint8_t version, int drsctl)
{
	struct fx_opts o = { .silicon = CBDMA_MODEL_SILICON_STRICT, .version = version };
	int rc;

	rc = fx_setup(&o);
	if (rc != 0)
		return rc;
	/* DRSCTL is taken with the chain: write it before the bring-up latches one. */
	if (drsctl >= 0)
		W16(0, CBDMA_CHAN_DRSCTL, (uint16_t)drsctl);
	return fx_ring_up(r, 0, RING);
}

static bool
wait_faults(unsigned int c, uint64_t n)
{
	uint64_t t0 = th_now_us();

	while (stats_of(c).faults < n) {
		if (th_now_us() - t0 > FX_WAIT_MS * 1000ull)
			return false;
		th_sleep_us(50);
	}
	return true;
}

/* ---- CHANCMD ---- */

/* SUSPEND and RESUME read back as written; every write is a new command. */
static void
strict_chancmd_sticky(void)
{
	struct fx_ring r;
	uint64_t cmds0;

	CHECK_EQ(strict_up(&r, 0, -1), 0);
	cmds0 = stats_of(0).cmds;
	W8(0, CBDMA_CHAN_CMD, CBDMA_CMD_SUSPEND);
	CHECK(wait_sts(0, CBDMA_STS_SUSPENDED | ring_iova(&r, 0)));
	th_sleep_us(2000);
	CHECK_EQ(R8(0, CBDMA_CHAN_CMD) & CMD_BITS, CBDMA_CMD_SUSPEND);
	W8(0, CBDMA_CHAN_CMD, CBDMA_CMD_RESUME);
	CHECK(wait_sts(0, CBDMA_STS_IDLE | ring_iova(&r, 0)));
	CHECK_EQ(R8(0, CBDMA_CHAN_CMD) & CMD_BITS, CBDMA_CMD_RESUME);
	W8(0, CBDMA_CHAN_CMD, CBDMA_CMD_SUSPEND);
	CHECK(wait_sts(0, CBDMA_STS_SUSPENDED | ring_iova(&r, 0)));
	CHECK_EQ(stats_of(0).suspends, 2);
	/* The same value again is taken again: SUSPEND while SUSPENDED errs. */
	W8(0, CBDMA_CHAN_CMD, CBDMA_CMD_SUSPEND);
	CHECK(wait_status(0, CBDMA_STS_HALTED));
	CHECK_EQ(ERRREG(0), CBDMA_ERR_CHANCMD | CBDMA_MODEL_CHANERR_MIRROR);
	CHECK_EQ(stats_of(0).cmds - cmds0, 4);
	CHECK_EQ(R8(0, CBDMA_CHAN_CMD) & CMD_BITS, CBDMA_CMD_SUSPEND);
	/* RESET self-clears once done (Linux's ioat_reset_sync polls for it). */
	chanerr_clear(0);
	W8(0, CBDMA_CHAN_CMD, CBDMA_CMD_RESET);
	CHECK(wait_cmd_taken(0));
	CHECK_EQ(R8(0, CBDMA_CHAN_CMD), 0);
	CHECK_EQ(STS(0), CBDMA_STS_HALTED);
	CHECK_EQ(ERRREG(0), 0);
	CHECK_EQ(fx_ring_restart(&r), 0);
}

/* SUSPEND writes no completion word: CHANSTS alone says SUSPENDED. */
static void
strict_suspend_no_word(void)
{
	struct fx_ring r;
	uint8_t *src, *dst;
	uint64_t word;

	CHECK_EQ(strict_up(&r, 0, -1), 0);
	src = fx_alloc(2 * LEN, 64);
	dst = fx_alloc(2 * LEN, 64);
	memset(src, 0x5a, 2 * LEN);
	desc_copy(ring_slot(&r, 1), dst, src, LEN, CBDMA_DESC_COMPL_WRITE);
	desc_copy(ring_slot(&r, 2), dst + LEN, src + LEN, LEN, CBDMA_DESC_COMPL_WRITE);
	ring_kick(&r, 2);
	word = CBDMA_STS_IDLE | ring_iova(&r, 2);
	CHECK(wait_cmpl(r.cmpl, word));
	W8(0, CBDMA_CHAN_CMD, CBDMA_CMD_SUSPEND);
	CHECK(wait_sts(0, CBDMA_STS_SUSPENDED | ring_iova(&r, 2)));
	th_sleep_us(2000);
	CHECK_EQ(cmpl_read(r.cmpl), word);
	W8(0, CBDMA_CHAN_CMD, CBDMA_CMD_RESUME);
	CHECK(wait_sts(0, CBDMA_STS_IDLE | ring_iova(&r, 2)));
	CHECK_EQ(cmpl_read(r.cmpl), word);
	CHECK_EQ(dst[2 * LEN - 1], 0x5a);
	CHECK_EQ(stats_of(0).suspends, 1);
	CHECK_EQ(stats_of(0).resumes, 1);
}

/*
 * cmd, written in a state that may refuse it, halts the channel with
 * CHANERR.CHANCMD, CHANSTS HALTED | last, and the halt word (the bring-up
 * set ERR_COMPLETION_EN); the usual recovery brings it back.
 */
static int
expect_cmd_error(struct fx_ring *r, uint8_t cmd, uint32_t other_err, uint64_t last)
{
	uint64_t errors = stats_of(0).errors;

	W8(0, CBDMA_CHAN_CMD, cmd);
	if (!wait_chanerr(0, other_err | CBDMA_ERR_CHANCMD | CBDMA_MODEL_CHANERR_MIRROR))
		return -1;
	/* CHANERR is published before CHANSTS (a driver that sees HALTED
	 * then finds the cause): wait for the halt too. */
	if (!wait_sts(0, CBDMA_STS_HALTED | last))
		return -2;
	if (!wait_cmpl(r->cmpl, CBDMA_STS_HALTED | last))
		return -3;
	if (stats_of(0).errors != errors + 1)
		return -4;
	return fx_ring_restart(r) == 0 ? 0 : -5;
}

/* Re-arm at slot 1 with nothing handed over: ARMED. */
static int
arm_only(struct fx_ring *r)
{
	if (!chan_cmd(0, CBDMA_CMD_RESET))
		return -1;
	r->dmacount = 0;
	W16(0, CBDMA_CHAN_DMACOUNT, 0);
	W64(0, CBDMA_CHAN_CHAINADDR, ring_iova(r, 1));
	/* ARMED's address is not valid: strict shows the chain address. */
	return wait_sts(0, CBDMA_STS_ARMED | ring_iova(r, 1)) ? 0 : -2;
}

static void
strict_cmd_errors(void)
{
	struct fx_ring r;
	uint64_t slot0;

	CHECK_EQ(strict_up(&r, 0, -1), 0);
	slot0 = ring_iova(&r, 0);
	/* RESUME of a channel that is not suspended: IDLE, then ARMED. */
	CHECK_EQ(expect_cmd_error(&r, CBDMA_CMD_RESUME, 0, slot0), 0);
	CHECK_EQ(arm_only(&r), 0);
	CHECK_EQ(expect_cmd_error(&r, CBDMA_CMD_RESUME, 0, 0), 0);
	/* SUSPEND of an ARMED channel (Linux suspends only ACTIVE or IDLE). */
	CHECK_EQ(arm_only(&r), 0);
	CHECK_EQ(expect_cmd_error(&r, CBDMA_CMD_SUSPEND, 0, 0), 0);
	/* SUSPEND of a SUSPENDED channel. */
	W8(0, CBDMA_CHAN_CMD, CBDMA_CMD_SUSPEND);
	CHECK(wait_sts(0, CBDMA_STS_SUSPENDED | slot0));
	CHECK_EQ(expect_cmd_error(&r, CBDMA_CMD_SUSPEND, 0, slot0), 0);
	/* SUSPEND of a channel halted by an error: one more CHANERR bit. */
	ring_slot(&r, 1)->size = 0;
	ring_slot(&r, 1)->ctl = 0;
	ring_kick(&r, 1);
	CHECK(wait_sts(0, CBDMA_STS_HALTED | slot0));
	CHECK_EQ(ERRREG(0), CBDMA_ERR_LENGTH | CBDMA_MODEL_CHANERR_MIRROR);
	CHECK_EQ(expect_cmd_error(&r, CBDMA_CMD_SUSPEND, CBDMA_ERR_LENGTH, slot0), 0);
	CHECK_EQ(stats_of(0).suspends, 1);
	CHECK_EQ(stats_of(0).cmds_ignored, 0);
}

/* ---- descriptor prefetch (DRSCTL) ---- */

enum { NB = 10, HANG_SLOT = 3 };

/* Slot k (1..NB) fills 64 bytes of dst k with value k. */
struct pf_work {
	struct fx_ring r;
	uint8_t *dst, *extra;
	struct cbdma_desc *y;
};

static uint8_t *
pf_dst(struct pf_work *w, unsigned int k)
{
	return w->dst + k * LEN;
}

static void
pf_chain(struct pf_work *w)
{
	unsigned int k;

	w->dst = fx_alloc((NB + 1) * LEN, 64);
	w->extra = fx_alloc(LEN, 64);
	w->y = fx_alloc(sizeof(*w->y), 64);
	for (k = 1; k <= NB; k++)
		desc_fill(ring_slot(&w->r, k), pf_dst(w, k), 0x0101010101010101ull * k, LEN,
				CBDMA_DESC_COMPL_WRITE);
}

/*
 * Hand over slots 1..NB and stop the engine at slot HANG_SLOT with SUSPEND
 * written during an injected hang: once released, the hung descriptor
 * completes and SUSPEND lands right after it.  By then a prefetching engine
 * has read every slot handed over.
 */
static int
pf_suspend_at_hang(struct pf_work *w)
{
	if (cbdma_model_inject(fx.m, 0, CBDMA_FAULT_HANG, ring_iova(&w->r, HANG_SLOT), 0))
		return -1;
	ring_kick(&w->r, NB);
	if (!wait_faults(0, 1))
		return -2;
	W8(0, CBDMA_CHAN_CMD, CBDMA_CMD_SUSPEND);
	if (cbdma_model_inject(fx.m, 0, CBDMA_FAULT_NONE, 0, 0))
		return -3;
	if (!wait_sts(0, CBDMA_STS_SUSPENDED | ring_iova(&w->r, HANG_SLOT)))
		return -4;
	return 0;
}

/* While suspended: rewrite slot 4's pattern, splice y (fills extra) after slot 5. */
static void
pf_edit(struct pf_work *w)
{
	struct cbdma_desc *s4 = ring_slot(&w->r, HANG_SLOT + 1);
	struct cbdma_desc *s5 = ring_slot(&w->r, HANG_SLOT + 2);

	s4->src_addr = 0xeeeeeeeeeeeeeeeeull;
	desc_fill(w->y, w->extra, 0x7777777777777777ull, LEN, 0);
	w->y->next = s5->next;
	s5->next = fx_iova(w->y);
}

/* The chain ran to slot NB, with the edits (fresh) or as first read (stale). */
static int
pf_check(struct pf_work *w, bool fresh)
{
	unsigned int k;

	if (!wait_cmpl(w->r.cmpl, CBDMA_STS_IDLE | ring_iova(&w->r, NB)))
		return -1;
	for (k = 1; k <= NB; k++) {
		uint8_t want = k == HANG_SLOT + 1 && fresh ? 0xee : (uint8_t)k;

		if (pf_dst(w, k)[0] != want || pf_dst(w, k)[LEN - 1] != want)
			return -10 - (int)k;
	}
	if (w->extra[0] != (fresh ? 0x77 : 0))
		return -2;
	if (ERRREG(0) != 0)
		return -3;
	return 0;
}

/* Suspend, edit, RESUME; the spliced descriptor counts when it runs. */
static int
pf_resume_case(uint8_t version, int drsctl, bool fresh)
{
	struct pf_work w;
	int rc;

	rc = strict_up(&w.r, version, drsctl);
	if (rc != 0)
		return -100 + rc;
	pf_chain(&w);
	rc = pf_suspend_at_hang(&w);
	if (rc != 0)
		return -200 + rc;
	pf_edit(&w);
	W8(0, CBDMA_CHAN_CMD, CBDMA_CMD_RESUME);
	if (fresh)
		ring_kick(&w.r, 1);	/* y is one more descriptor in the chain */
	return pf_check(&w, fresh);
}

/* v3.4 as it comes up (DRS_EN, as ioatdma leaves it): RESUME runs stale. */
static void
strict_prefetch_stale(void)
{
	CHECK_EQ(pf_resume_case(0, -1, false), 0);
	CHECK_EQ(cbdma_read32(fx.regs, CBDMA_REG_DMACAP) & CBDMA_DMACAP_DPS,
			CBDMA_DMACAP_DPS);
	CHECK_EQ(R16(0, CBDMA_CHAN_DRSCTL), CBDMA_DRSCTL_DRS_EN | CBDMA_DRSCTL_DRSZ_2MB);
}

/* DRSCTL = 0 before the chain is armed: RESUME re-reads, edits run. */
static void
strict_prefetch_off(void)
{
	CHECK_EQ(pf_resume_case(0, 0, true), 0);
}

/* DRS_EN set after the chain was armed: taken only at the next latch. */
static void
strict_prefetch_latched(void)
{
	struct pf_work w;

	CHECK_EQ(strict_up(&w.r, 0, 0), 0);
	pf_chain(&w);
	W16(0, CBDMA_CHAN_DRSCTL, CBDMA_DRSCTL_DRS_EN);
	CHECK_EQ(pf_suspend_at_hang(&w), 0);
	pf_edit(&w);
	W8(0, CBDMA_CHAN_CMD, CBDMA_CMD_RESUME);
	ring_kick(&w.r, 1);
	CHECK_EQ(pf_check(&w, true), 0);
}

/* Prefetch on, but re-armed at the first pending descriptor: edits run. */
static void
strict_prefetch_rearm(void)
{
	struct pf_work w;

	CHECK_EQ(strict_up(&w.r, 0, -1), 0);
	pf_chain(&w);
	CHECK_EQ(pf_suspend_at_hang(&w), 0);
	pf_edit(&w);
	w.r.dmacount = 0;
	W16(0, CBDMA_CHAN_DMACOUNT, 0);
	W64(0, CBDMA_CHAN_CHAINADDR, ring_slot(&w.r, HANG_SLOT)->next);
	/* ARMED shows the chain address, not a completed descriptor. */
	CHECK(wait_sts(0, CBDMA_STS_ARMED | ring_iova(&w.r, HANG_SLOT + 1)));
	ring_kick(&w.r, NB - HANG_SLOT + 1);
	CHECK_EQ(pf_check(&w, true), 0);
}

/* v3.3: no DRSCTL, no DMACAP.DPS, no prefetch. */
static void
strict_prefetch_v33(void)
{
	CHECK_EQ(pf_resume_case(CBDMA_VER_3_3, -1, true), 0);
	CHECK_EQ(cbdma_read32(fx.regs, CBDMA_REG_DMACAP) & CBDMA_DMACAP_DPS, 0);
	CHECK_EQ(R16(0, CBDMA_CHAN_DRSCTL), 0);
}

/* An address error among prefetched descriptors halts only when reached. */
static void
strict_prefetch_bad_next(void)
{
	struct pf_work w;

	CHECK_EQ(strict_up(&w.r, 0, -1), 0);
	pf_chain(&w);
	ring_slot(&w.r, 4)->next = FX_UNMAPPED;
	ring_kick(&w.r, NB);
	CHECK(wait_cmpl(w.r.cmpl, CBDMA_STS_HALTED | ring_iova(&w.r, 4)));
	CHECK_EQ(STS(0), CBDMA_STS_HALTED | ring_iova(&w.r, 4));
	CHECK_EQ(ERRREG(0), CBDMA_ERR_NEXT_ADDR | CBDMA_MODEL_CHANERR_MIRROR);
	CHECK_EQ(R64(0, CBDMA_CHAN_CDAR), FX_UNMAPPED);
	CHECK_EQ(pf_dst(&w, 4)[LEN - 1], 4);
	CHECK_EQ(pf_dst(&w, 5)[0], 0);
	CHECK_EQ(stat_descs(0), 1 + 4);
}

/* ---- fences and the write-behind pipeline ---- */

struct abc {
	uint8_t *a, *b, *c;
};

static void
abc_reset(struct abc *x)
{
	memset(x->a, 0xa1, LEN);
	memset(x->b, 0xb0, LEN);
	memset(x->c, 0, LEN);
}

/*
 * A -> B, then B -> C, with the fence on A -> B, or a fenced null
 * descriptor between them (what a driver adds when A -> B was already
 * handed over), or neither.  Returns the byte C ends with.
 */
enum abc_mode { UNFENCED, FENCED, FENCED_NULL };

static int
abc_run(struct fx_ring *r, struct abc *x, enum abc_mode mode)
{
	unsigned int s = r->next_slot, n = 0;

	abc_reset(x);
	desc_copy(ring_slot(r, s + n++), x->b, x->a, LEN,
			mode == FENCED ? CBDMA_DESC_FENCE : 0);
	if (mode == FENCED_NULL)
		desc_null(ring_slot(r, s + n++), CBDMA_DESC_FENCE);
	desc_copy(ring_slot(r, s + n), x->c, x->b, LEN, CBDMA_DESC_COMPL_WRITE);
	r->next_slot = s + n + 1;
	ring_kick(r, n + 1);	/* one doorbell: deterministic */
	if (!wait_cmpl(r->cmpl, CBDMA_STS_IDLE | ring_iova(r, s + n)))
		return -1;
	if (x->b[0] != 0xa1 || x->b[LEN - 1] != 0xa1)
		return -2;
	return x->c[LEN - 1] == x->c[0] ? x->c[0] : -3;
}

static int
abc_setup(struct fx_ring *r, struct abc *x, enum cbdma_model_silicon si, uint32_t delay)
{
	struct fx_opts o = { .silicon = si, .desc_delay_us = delay };
	int rc;

	rc = fx_setup(&o);
	if (rc != 0)
		return rc;
	rc = fx_ring_up(r, 0, RING);
	x->a = fx_alloc(LEN, 64);
	x->b = fx_alloc(LEN, 64);
	x->c = fx_alloc(LEN, 64);
	return rc;
}

static void
strict_fence(void)
{
	struct fx_ring r;
	struct abc x;

	CHECK_EQ(abc_setup(&r, &x, CBDMA_MODEL_SILICON_STRICT, 0), 0);
	CHECK_EQ(abc_run(&r, &x, UNFENCED), 0xb0);	/* B read before A landed */
	CHECK_EQ(abc_run(&r, &x, FENCED), 0xa1);
	CHECK_EQ(abc_run(&r, &x, FENCED_NULL), 0xa1);
	CHECK_EQ(abc_run(&r, &x, UNFENCED), 0xb0);
	CHECK_EQ(ERRREG(0), 0);
}

/* The pipeline spans polls too (one descriptor per poll with delay_us). */
static void
strict_fence_delay(void)
{
	struct fx_ring r;
	struct abc x;

	CHECK_EQ(abc_setup(&r, &x, CBDMA_MODEL_SILICON_STRICT, 500), 0);
	CHECK_EQ(abc_run(&r, &x, UNFENCED), 0xb0);
	CHECK_EQ(abc_run(&r, &x, FENCED), 0xa1);
	CHECK_EQ(abc_run(&r, &x, FENCED_NULL), 0xa1);
}

/* Lenient runs descriptors one after another: no fence needed. */
static void
lenient_fence(void)
{
	struct fx_ring r;
	struct abc x;

	CHECK_EQ(abc_setup(&r, &x, CBDMA_MODEL_SILICON_LENIENT, 0), 0);
	CHECK_EQ(abc_run(&r, &x, UNFENCED), 0xa1);
	CHECK_EQ(abc_run(&r, &x, FENCED), 0xa1);
}

/* Held-back writes land before a halt; the failed descriptor writes nothing. */
static void
strict_flush_on_halt(void)
{
	struct fx_ring r;
	struct abc x;

	CHECK_EQ(abc_setup(&r, &x, CBDMA_MODEL_SILICON_STRICT, 0), 0);
	abc_reset(&x);
	desc_copy(ring_slot(&r, 1), x.b, x.a, LEN, CBDMA_DESC_COMPL_WRITE);
	desc_copy(ring_slot(&r, 2), x.c, x.b, LEN, 0);
	ring_slot(&r, 2)->src_addr = FX_UNMAPPED;
	ring_kick(&r, 2);
	CHECK(wait_cmpl(r.cmpl, CBDMA_STS_HALTED | ring_iova(&r, 1)));
	CHECK_EQ(STS(0), CBDMA_STS_HALTED | ring_iova(&r, 1));
	CHECK_EQ(x.b[LEN - 1], 0xa1);
	CHECK_EQ(x.c[0], 0);
	CHECK_EQ(ERRREG(0), CBDMA_ERR_SRC_ADDR | CBDMA_MODEL_CHANERR_MIRROR);
}

/*
 * A stall does not hold back writes already issued: hung in 5, descriptor 4
 * is complete.  Suspend lands after the held-back writes: whichever
 * descriptor CHANSTS names, its bytes are all there and the next one's not.
 */
static void
strict_flush_on_suspend(void)
{
	struct fx_opts o = { .silicon = CBDMA_MODEL_SILICON_STRICT, .desc_delay_us = 1000 };
	struct fx_ring r;
	uint8_t *buf;
	uint64_t sts;
	unsigned int k;

	CHECK_EQ(strict_up(&r, 0, 0), 0);
	buf = fx_alloc(8 * LEN, 64);
	for (k = 1; k <= 8; k++)
		desc_fill(ring_slot(&r, k), buf + (k - 1) * LEN, 0x1111111111111111ull * k,
				LEN, 0);
	CHECK_EQ(cbdma_model_inject(fx.m, 0, CBDMA_FAULT_HANG, ring_iova(&r, 5), 0), 0);
	ring_kick(&r, 8);
	CHECK(wait_faults(0, 1));
	CHECK(wait_sts(0, CBDMA_STS_ACTIVE | ring_iova(&r, 4)));
	CHECK_EQ(buf[3 * LEN + LEN - 1], 0x44);
	CHECK_EQ(buf[4 * LEN], 0);
	CHECK_EQ(cbdma_model_inject(fx.m, 0, CBDMA_FAULT_NONE, 0, 0), 0);
	CHECK(wait_sts(0, CBDMA_STS_IDLE | ring_iova(&r, 8)));
	CHECK_EQ(buf[8 * LEN - 1], 0x88);

	/* one descriptor per poll: a SUSPEND finds a write held back */
	CHECK_EQ(fx_setup(&o), 0);
	W16(0, CBDMA_CHAN_DRSCTL, 0);
	CHECK_EQ(fx_ring_up(&r, 0, RING), 0);
	buf = fx_alloc(8 * LEN, 64);
	for (k = 1; k <= 8; k++)
		desc_fill(ring_slot(&r, k), buf + (k - 1) * LEN, 0x1111111111111111ull * k,
				LEN, 0);
	ring_kick(&r, 8);
	th_sleep_us(3500);
	W8(0, CBDMA_CHAN_CMD, CBDMA_CMD_SUSPEND);
	CHECK(wait_status(0, CBDMA_STS_SUSPENDED));
	sts = STS(0);
	k = (unsigned int)((cbdma_sts_addr(sts) - ring_iova(&r, 0)) / CBDMA_DESC_SIZE);
	CHECK(k >= 1 && k <= 8);
	CHECK_EQ(buf[k * LEN - 1], (uint8_t)(0x11 * k));
	if (k < 8)
		CHECK_EQ(buf[k * LEN], 0);
	W8(0, CBDMA_CHAN_CMD, CBDMA_CMD_RESUME);
	CHECK(wait_sts(0, CBDMA_STS_IDLE | ring_iova(&r, 8)));
	CHECK_EQ(buf[8 * LEN - 1], 0x88);
}

/* Lenient is as it was: no DPS, no DRSCTL, CHANCMD reads 0, ARMED shows 0. */
static void
lenient_v34_unchanged(void)
{
	struct fx_opts o = { .version = CBDMA_VER_3_4 };
	struct fx_ring r;

	CHECK_EQ(fx_setup(&o), 0);
	CHECK_EQ(cbdma_read32(fx.regs, CBDMA_REG_DMACAP), CBDMA_DMACAP_FILL);
	CHECK_EQ(R16(0, CBDMA_CHAN_DRSCTL), 0);
	CHECK_EQ(fx_ring_up(&r, 0, RING), 0);
	CHECK(chan_cmd(0, CBDMA_CMD_RESET));
	W64(0, CBDMA_CHAN_CHAINADDR, ring_iova(&r, 1));
	CHECK(wait_sts(0, CBDMA_STS_ARMED));
	CHECK(chan_cmd(0, CBDMA_CMD_SUSPEND));
	CHECK_EQ(R8(0, CBDMA_CHAN_CMD), 0);
	CHECK_EQ(cmpl_read(r.cmpl), CBDMA_STS_SUSPENDED);
}

/* The profile names. */
static void
silicon_parse(void)
{
	enum cbdma_model_silicon s = CBDMA_MODEL_SILICON_LENIENT;
	struct cbdma_model_config cfg = { .nb_channels = 1, .silicon = 7 };
	struct cbdma_model *m = NULL;

	CHECK_EQ(cbdma_model_silicon_parse("strict", &s), 0);
	CHECK_EQ(s, CBDMA_MODEL_SILICON_STRICT);
	CHECK_EQ(cbdma_model_silicon_parse("lenient", &s), 0);
	CHECK_EQ(s, CBDMA_MODEL_SILICON_LENIENT);
	CHECK(cbdma_model_silicon_parse("Strict", &s) != 0);
	CHECK(cbdma_model_silicon_parse("", &s) != 0);
	CHECK(cbdma_model_silicon_parse(NULL, &s) != 0);
	CHECK(strcmp(cbdma_model_silicon_name(CBDMA_MODEL_SILICON_STRICT), "strict") == 0);
	CHECK(strcmp(cbdma_model_silicon_name(CBDMA_MODEL_SILICON_LENIENT), "lenient") == 0);
	CHECK_EQ(fx_setup(NULL), 0);
	cfg.mem = cbdma_model_flat_mem_ops(fx.fm);
	CHECK(cbdma_model_create(&cfg, &m) != 0);
}

const struct th_test tests_strict[] = {
	TH_TEST(strict_chancmd_sticky),
	TH_TEST(strict_suspend_no_word),
	TH_TEST(strict_cmd_errors),
	TH_TEST(strict_prefetch_stale),
	TH_TEST(strict_prefetch_off),
	TH_TEST(strict_prefetch_latched),
	TH_TEST(strict_prefetch_rearm),
	TH_TEST(strict_prefetch_v33),
	TH_TEST(strict_prefetch_bad_next),
	TH_TEST(strict_fence),
	TH_TEST(strict_fence_delay),
	TH_TEST(lenient_fence),
	TH_TEST(strict_flush_on_halt),
	TH_TEST(strict_flush_on_suspend),
	TH_TEST(lenient_v34_unchanged),
	TH_TEST(silicon_parse),
	{ NULL, NULL },
};

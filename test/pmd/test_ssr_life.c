/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/* Suspension against a running data-path lcore, stop/close while suspended,
 * and many cycles across the 16-bit wrap of DMACOUNT. */

#include <errno.h>
#include <pthread.h>
#include <string.h>

#include <time.h>

#include <rte_cycles.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_pause.h>

#include "ssr_common.h"

/* ---- a data-path lcore running flat out while main suspends ---- */

#define CDP_SLOTS	256
#define CDP_INFLIGHT	48
#define CDP_LEN		512

static struct {
	struct tdev *d;
	struct tbuf dst[CDP_SLOTS];
	uint32_t soff[CDP_SLOTS], len[CDP_SLOTS];
	bool stop;		/* main -> worker */
	uint32_t enq, done;	/* worker -> main */
	int32_t last_idx;	/* last ring_idx reported */
	uint32_t bad;
} cdp;

static void
cdp_worker(void)
{
	uint16_t next_idx = 0, expect_idx = 0;
	uint64_t rs = 0x1234567887654321ull;	/* own generator: tf_rand() is main's */
	uint64_t drain_end = UINT64_MAX;	/* once stopped: what is not done by then is lost */

	while (!__atomic_load_n(&cdp.stop, __ATOMIC_ACQUIRE) || cdp.done != cdp.enq) {
		enum rte_dma_status_code st[32];
		uint16_t last, n, i;

		if (drain_end == UINT64_MAX && __atomic_load_n(&cdp.stop, __ATOMIC_RELAXED))
			drain_end = rte_get_timer_cycles() +
				rte_get_timer_hz() / 1000 * (TF_LIVENESS_MS / 2);
		else if (rte_get_timer_cycles() > drain_end)
			break;

		if (!__atomic_load_n(&cdp.stop, __ATOMIC_RELAXED) &&
				cdp.enq - cdp.done < CDP_INFLIGHT) {
			unsigned int s = next_idx % CDP_SLOTS;
			uint64_t r;
			int ret;

			rs ^= rs >> 12;
			rs ^= rs << 25;
			rs ^= rs >> 27;
			r = rs * 2685821657736338717ull;
			cdp.len[s] = 1 + (uint32_t)(r % CDP_LEN);
			cdp.soff[s] = (uint32_t)((r >> 16) % (TF_SRC_LEN - CDP_LEN));
			ret = rte_dma_copy(cdp.d->id, 0, tf_src.iova + cdp.soff[s], cdp.dst[s].iova,
					cdp.len[s], (r >> 40) & 1 ? RTE_DMA_OP_FLAG_SUBMIT : 0);
			if (ret != next_idx) {
				cdp.bad++;
				break;
			}
			next_idx++;
			__atomic_store_n(&cdp.enq, cdp.enq + 1, __ATOMIC_RELEASE);
			if ((r >> 41) & 1)
				rte_dma_submit(cdp.d->id, 0);
		} else {
			rte_dma_submit(cdp.d->id, 0);
		}
		n = rte_dma_completed_status(cdp.d->id, 0, 32, &last, st);
		for (i = 0; i < n; i++) {
			uint16_t idx = (uint16_t)(last - n + 1 + i);
			unsigned int s = idx % CDP_SLOTS;

			if (idx != expect_idx || st[i] != RTE_DMA_STATUS_SUCCESSFUL ||
					memcmp(cdp.dst[s].va, tf_src.va + cdp.soff[s], cdp.len[s]) != 0 ||
					!tbuf_poisoned(&cdp.dst[s], cdp.len[s], CDP_LEN - cdp.len[s])) {
				cdp.bad++;
			}
			tbuf_poison(&cdp.dst[s]);
			expect_idx++;
			__atomic_store_n(&cdp.last_idx, (int32_t)idx, __ATOMIC_RELEASE);
			__atomic_store_n(&cdp.done, cdp.done + 1, __ATOMIC_RELEASE);
		}
		if (n == 0)
			rte_pause();
	}
}

static int
cdp_launch(void *arg)
{
	RTE_SET_USED(arg);
	cdp_worker();
	return 0;
}

static void
test_suspend_concurrent_dp(void)
{
	static struct rte_pmd_netdma_job pend[CDP_SLOTS];
	unsigned int cycle, i, empty = 0;
	struct rte_pmd_netdma_suspend_info info;

	memset(&cdp, 0, sizeof(cdp));
	cdp.last_idx = -1;
	cdp.d = tdev_open("delay_us=2000", 256);
	CHECK(cdp.d != NULL);
	for (i = 0; i < CDP_SLOTS; i++)
		CHECK_EQ(tbuf_alloc(&cdp.dst[i], CDP_LEN), 0);
	CHECK_EQ(tf_launch(cdp_launch, NULL, &cdp.stop), 0);
	for (cycle = 0; cycle < 20; cycle++) {
		int np, k;
		uint16_t first;

		usleep(2000 + tf_rand() % 10000);
		CHECK_EQ(tf_suspend(cdp.d, &info), 0);
		np = rte_pmd_netdma_pending(cdp.d->id, 0, pend, CDP_SLOTS);
		CHECK_EQ(np, info.nb_pending);
		if (np == 0) {
			empty++;
			CHECK_EQ(rte_pmd_netdma_resume(cdp.d->id, 0), 0);
			continue;
		}
		first = pend[0].ring_idx;
		for (k = 0; k < np; k++) {
			CHECK_EQ(pend[k].ring_idx, (uint16_t)(first + k));
			CHECK_EQ(pend[k].ticket, 0);
			CHECK_EQ(pend[k].dst, cdp.dst[(uint16_t)(first + k) % CDP_SLOTS].iova);
		}
		CHECK_EQ(info.last_desc, tdev_slot_iova(cdp.d, (uint16_t)(first - 1)));
		/* the data path reports every processed job, and no other */
		for (i = 0; i < TF_LIVENESS_MS * 10 &&
				__atomic_load_n(&cdp.last_idx, __ATOMIC_ACQUIRE) !=
				(int32_t)(uint16_t)(first - 1); i++)
			usleep(100);
		CHECK_EQ(__atomic_load_n(&cdp.last_idx, __ATOMIC_ACQUIRE), (uint16_t)(first - 1));
		usleep(10000);	/* five descriptor delays */
		CHECK_EQ(__atomic_load_n(&cdp.last_idx, __ATOMIC_ACQUIRE), (uint16_t)(first - 1));
		for (k = 0; k < np; k++)
			CHECK(tbuf_poisoned(&cdp.dst[(uint16_t)(first + k) % CDP_SLOTS], 0, CDP_LEN));
		CHECK_EQ(rte_pmd_netdma_pending(cdp.d->id, 0, pend, CDP_SLOTS), np);
		CHECK_EQ(rte_pmd_netdma_resume(cdp.d->id, 0), 0);
	}
	CHECK_EQ(tf_join(), 0);
	th_note("%u jobs, %u cycles (%u with nothing pending)", cdp.enq, cycle, empty);
	CHECK_EQ(cdp.bad, 0);
	CHECK_EQ(cdp.done, cdp.enq);
	CHECK(cdp.enq > 0);
	CHECK_EQ(ssr_dp_stat(cdp.d, 0), cdp.enq);
	CHECK_EQ(ssr_dp_stat(cdp.d, 1), cdp.enq);
	CHECK_EQ(ssr_dp_stat(cdp.d, 2), 0);
}

/* ---- stop and close while suspended ---- */

static uint64_t
ms_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Stop resumes first and drains: every job runs, those submitted while
 * suspended and inserted ones included; the channel restarts afresh. */
static void
stop_while_suspended(bool insert_last)
{
	struct rte_pmd_netdma_suspend_info info;
	struct rte_pmd_netdma_job pend[SSR_MAX_PENDING];
	struct tdev *d = tdev_open(SSR_SLOW, SSR_RING);
	struct tbatch b;
	struct tjob *x = NULL;
	uint64_t t0;
	unsigned int i;
	int np;

	CHECK(d != NULL);
	tb_init(&b);
	for (i = 0; i < 6; i++)
		CHECK(tb_copy(&b, 700, 0) != NULL);
	SSR_SUSPEND_WITH_PENDING(d, &b, 3, &info, pend, np);
	if (insert_last) {
		CHECK((x = tb_fill(&b, 900, 0)) != NULL);
		CHECK_EQ(tj_insert(d, (uint16_t)np, x), 0);
	} else {
		/* submitted while suspended: the doorbell is owed */
		CHECK(tb_copy(&b, 100, 0) != NULL);
		CHECK(tb_fill(&b, 100, 0) != NULL);
		CHECK_EQ(tb_submit(d, &b), 0);
	}
	t0 = ms_now();
	CHECK_EQ(rte_dma_stop(d->id), 0);
	d->started = false;
	th_note("stop took %" PRIu64 " ms", ms_now() - t0);
	CHECK_EQ(rte_pmd_netdma_suspend(d->id, 0, &info), -EINVAL);
	/* nothing lost: every job ran (its completion is not reported: the
	 * ring restarts with the device) */
	for (i = 0; i < b.n; i++)
		CHECK(tj_bytes_ok(&b.j[i]));
	CHECK_EQ(rte_dma_start(d->id), 0);
	d->started = true;
	tb_init(&b);
	CHECK(tb_copy(&b, 64, 0) != NULL);
	CHECK_EQ(tb_submit(d, &b), 0);
	CHECK_EQ(b.j[0].ring_idx, 0);
	CHECK_EQ(tb_drain(d, &b, UINT32_MAX), 0);
	CHECK_EQ(tb_verify(d, &b), 0);
	CHECK_EQ(tf_suspend(d, &info), 0);
	CHECK_EQ(info.nb_pending, 0);
	CHECK_EQ(rte_pmd_netdma_resume(d->id, 0), 0);
}

static void
test_stop_while_suspended(void)
{
	stop_while_suspended(false);
}

static void
test_stop_while_suspended_insert_last(void)
{
	stop_while_suspended(true);
}

static void
test_close_while_suspended(void)
{
	struct rte_pmd_netdma_suspend_info info;
	struct tdev *d = tdev_open(SSR_FAST, SSR_RING);
	int16_t id;

	CHECK(d != NULL);
	id = d->id;
	CHECK_EQ(tf_suspend(d, &info), 0);
	CHECK_EQ(rte_dma_close(id), -EBUSY);	/* dmadev: stop first */
	CHECK_EQ(rte_pmd_netdma_state(id, 0), RTE_PMD_NETDMA_STATE_SUSPENDED);
	CHECK_EQ(rte_dma_stop(id), 0);
	d->started = false;
	CHECK_EQ(rte_dma_close(id), 0);
	d->id = -1;
	CHECK_EQ(rte_pmd_netdma_suspend(id, 0, &info), -EINVAL);
	CHECK_EQ(rte_pmd_netdma_resume(id, 0), -EINVAL);
}

/*
 * A stopped channel left marked suspended (what a suspension slipping into
 * stop's resume used to leave: white box) is not resumed: a resume would
 * re-arm the closed ring and the reset engine would replay old jobs.
 */
static void
test_resume_after_stop_refused(void)
{
	struct tdev *d = tdev_open(SSR_FAST, SSR_RING);
	struct tbatch b;

	CHECK(d != NULL);
	tb_init(&b);
	CHECK(tb_copy(&b, 300, 0) != NULL);
	CHECK_EQ(tb_submit(d, &b), 0);
	CHECK_EQ(tb_drain(d, &b, UINT32_MAX), 0);
	CHECK_EQ(rte_dma_stop(d->id), 0);
	d->started = false;
	d->ch->suspended = true;
	CHECK_EQ(rte_pmd_netdma_resume(d->id, 0), -EINVAL);
	d->ch->suspended = false;
	usleep(2000);
	CHECK_EQ(cbdma_sts_status(cbdma_read64(d->ch->regs, CBDMA_CHAN_STS)), CBDMA_STS_HALTED);
}

/* ---- a control thread racing stop and close ---- */

static struct {
	int16_t id;
	bool stop;
	uint64_t calls, suspended, einval, other;
} race;

/* The hook: the first armed call sleeps, holding the device, while the main
 * thread closes it. */
static struct {
	bool armed, inside, done;
} held;

static void
held_sleep(int16_t dev_id)
{
	RTE_SET_USED(dev_id);
	if (!__atomic_exchange_n(&held.armed, false, __ATOMIC_ACQ_REL))
		return;
	__atomic_store_n(&held.inside, true, __ATOMIC_RELEASE);
	usleep(100 * 1000);
	__atomic_store_n(&held.done, true, __ATOMIC_RELEASE);
}

static void *
held_call(void *arg)
{
	int16_t id = (int16_t)(intptr_t)arg;

	return (void *)(intptr_t)rte_pmd_netdma_state(id, 0);
}

/*
 * Close while a control call is inside the device (issue 12, defect 5): close
 * waits until the call is done with it, and a call after close gets -EINVAL.
 * Deterministic: a test hook keeps the call inside for 100 ms.  Before the
 * fix close freed the channel under the call.
 */
static void
test_close_waits_for_control(void)
{
	struct tdev *d = tdev_open(SSR_FAST, SSR_RING);
	uint64_t t0 = th_now_ns();
	pthread_t th;
	void *ret;
	int16_t id;
	bool done;

	CHECK(d != NULL);
	id = d->id;
	CHECK_EQ(rte_dma_stop(id), 0);
	d->started = false;
	memset(&held, 0, sizeof(held));
	held.armed = true;
	netdma_test_held_hook = held_sleep;
	CHECK_EQ(pthread_create(&th, NULL, held_call, (void *)(intptr_t)id), 0);
	while (!__atomic_load_n(&held.inside, __ATOMIC_ACQUIRE) &&
			th_now_ns() - t0 < 5000000000ull)
		usleep(100);
	if (!__atomic_load_n(&held.inside, __ATOMIC_ACQUIRE)) {
		netdma_test_held_hook = NULL;
		pthread_join(th, NULL);
		CHECK(!"the control call never got inside");
	}
	CHECK_EQ(rte_dma_close(id), 0);
	d->id = -1;
	/* close returned: the call it raced must have been done with the device */
	done = __atomic_load_n(&held.done, __ATOMIC_ACQUIRE);
	pthread_join(th, &ret);
	netdma_test_held_hook = NULL;
	CHECK(done, "close returned while a control call held the device");
	CHECK_EQ((int)(intptr_t)ret, RTE_PMD_NETDMA_STATE_HALTED);	/* stop reset it */
	CHECK_EQ(rte_pmd_netdma_state(id, 0), -EINVAL);
	tdev_close(d);
}

/* Suspend, look, resume, as fast as it can, on whatever race.id is. */
static void *
race_ctl(void *arg)
{
	struct rte_pmd_netdma_job pend[4];
	struct rte_pmd_netdma_suspend_info info;
	unsigned int n = 0;

	RTE_SET_USED(arg);
	while (!__atomic_load_n(&race.stop, __ATOMIC_ACQUIRE)) {
		int16_t id = __atomic_load_n(&race.id, __ATOMIC_RELAXED);
		int ret = rte_pmd_netdma_suspend(id, 0, &info);

		race.calls++;
		if (ret == 0) {
			race.suspended++;
			rte_pmd_netdma_pending(id, 0, pend, RTE_DIM(pend));
			rte_pmd_netdma_state(id, 0);
			if (++n % 4 != 0)
				rte_pmd_netdma_resume(id, 0);	/* else stop resumes it */
		} else if (ret == -EALREADY) {
			rte_pmd_netdma_resume(id, 0);
		} else if (ret == -EINVAL) {
			race.einval++;
			usleep(100);	/* closed: each call logs a line */
		} else if (ret != -ETIMEDOUT) {
			race.other++;
		}
	}
	return NULL;
}

/*
 * Stop and close while another thread keeps suspending and resuming: stop
 * must leave the channel stopped and not suspended (a suspension slipping in
 * while stop resumes would leave the closed ring to a later resume, which
 * re-arms it and replays old jobs), and control calls racing close must get
 * -EINVAL, never freed memory (AddressSanitizer builds check that).
 */
static void
test_stop_close_vs_control(void)
{
	static struct tbuf dst;
	pthread_t th;
	unsigned int round, i;

	CHECK_EQ(tbuf_alloc(&dst, 4096), 0);
	memset(&race, 0, sizeof(race));
	race.id = -1;
	CHECK_EQ(pthread_create(&th, NULL, race_ctl, NULL), 0);
	for (round = 0; round < 30; round++) {
		struct tdev *d = tdev_open(SSR_FAST, SSR_RING);

		if (d == NULL)
			break;
		__atomic_store_n(&race.id, d->id, __ATOMIC_RELAXED);
		for (i = 0; i < 64; i++)
			rte_dma_copy(d->id, 0, tf_src.iova + i, dst.iova + (i % 32) * 64, 64,
					RTE_DMA_OP_FLAG_SUBMIT);
		usleep(tf_rand() % 2000);
		if (rte_dma_stop(d->id) != 0)
			break;
		d->started = false;
		usleep(1000);
		/* stopped: nothing suspended, nothing left to resume, the
		 * engine runs nothing more */
		if (rte_pmd_netdma_state(d->id, 0) == RTE_PMD_NETDMA_STATE_SUSPENDED ||
				rte_pmd_netdma_resume(d->id, 0) != -EINVAL)
			break;
		/* stop reset the engine: a re-arm would take it out of HALTED */
		usleep(2000);
		if (cbdma_sts_status(cbdma_read64(d->ch->regs, CBDMA_CHAN_STS)) !=
				CBDMA_STS_HALTED)
			break;
		if (rte_dma_close(d->id) != 0)
			break;
		d->id = -1;
		usleep(tf_rand() % 500);
		tdev_close(d);
	}
	__atomic_store_n(&race.stop, true, __ATOMIC_RELEASE);
	pthread_join(th, NULL);
	th_note("%u rounds; control thread: %" PRIu64 " calls, %" PRIu64 " suspended, %" PRIu64
			" -EINVAL", round, race.calls, race.suspended, race.einval);
	CHECK_EQ(round, 30);
	CHECK_EQ(race.other, 0);
	CHECK(race.suspended > 0);
	CHECK(race.einval > 0);
}

/* ---- many cycles across the 16-bit wrap of DMACOUNT ---- */

#define WR_JOBS		40
#define WR_INS		4
#define WR_LEN		256

struct wr_job {
	bool fill, cancelled, inserted;
	uint32_t soff, len;
	uint64_t pattern, ticket;
	int ring_idx;
};

static bool
wr_check(const struct tbuf *buf, unsigned int k, const struct wr_job *j)
{
	const uint8_t *p = buf->va + k * WR_LEN;
	uint32_t i;

	for (i = 0; i < WR_LEN; i++) {
		uint8_t want = tbuf_poison_byte(k * WR_LEN + i);

		if (j != NULL && !j->cancelled && i < j->len)
			want = j->fill ? tf_fill_byte(j->pattern, i) : tf_src.va[j->soff + i];
		if (p[i] != want) {
			th_note("buffer %u byte %u: 0x%02x, want 0x%02x (%s)", k, i, p[i], want,
					j == NULL ? "unused" : j->cancelled ? "cancelled" :
					j->inserted ? "inserted" : "ring job");
			return false;
		}
	}
	return true;
}

static void
wr_new(struct wr_job *j)
{
	uint64_t r = tf_rand();

	memset(j, 0, sizeof(*j));
	j->fill = (r & 3) == 0;
	j->len = 1 + (uint32_t)((r >> 8) % WR_LEN);
	j->soff = (uint32_t)((r >> 20) % (TF_SRC_LEN - WR_LEN));
	j->pattern = tf_rand();
	j->ring_idx = -1;
}

/* The engine has nothing to do: IDLE, or ARMED after a re-arm with nothing pending. */
static bool
wait_done(const struct tdev *d)
{
	unsigned int i;

	for (i = 0; i < TF_LIVENESS_MS * 10; i++) {
		int st = rte_pmd_netdma_state(d->id, 0);

		if (st == RTE_PMD_NETDMA_STATE_IDLE || st == RTE_PMD_NETDMA_STATE_ARMED)
			return true;
		usleep(100);
	}
	th_note("engine state %d", rte_pmd_netdma_state(d->id, 0));
	return false;
}

/*
 * DMACOUNT samples: with RESUME the count only ever moves forward (a step
 * back would make the engine run ~65535 stale descriptors); re-arm restarts
 * it at each resume, so only the total is kept then.
 */
struct dc_track {
	uint16_t last;
	uint64_t total;
};

static bool
dc_forward(struct dc_track *t, uint16_t now)
{
	uint16_t step = (uint16_t)(now - t->last);

	if (!tf_rearm && step >= 32768) {
		th_note("DMACOUNT moved backwards: %u -> %u", t->last, now);
		return false;
	}
	t->total += tf_rearm ? 0 : step;
	t->last = now;
	return true;
}

static void
test_dmacount_wrap(void)
{
	static struct rte_pmd_netdma_job pend[WR_JOBS + WR_INS];
	struct tdev *d = tdev_open(SSR_FAST, SSR_RING);
	struct wr_job jobs[WR_JOBS], ins[WR_INS];
	struct tbuf dst, idst;
	uint64_t descs = 0, ring_jobs = 0, inserts = 0, cancels = 0, rewrites = 0, cycles = 0;
	struct dc_track dcs = { 0 };
	unsigned int idx_wraps = 0;
	uint16_t prev_first = 0;

	CHECK(d != NULL);
	dcs.last = tdev_dmacount(d);
	CHECK_EQ(tbuf_alloc(&dst, WR_JOBS * WR_LEN), 0);
	CHECK_EQ(tbuf_alloc(&idst, WR_INS * WR_LEN), 0);
	while (ring_jobs < 70000) {
		struct rte_pmd_netdma_suspend_info info;
		unsigned int k = 1 + (unsigned int)(tf_rand() % WR_JOBS), m = 0, i, got = 0;
		uint16_t dc0, dc1, dc2;
		uint64_t cw, t0;
		int np;

		cycles++;
		tbuf_poison(&dst);
		tbuf_poison(&idst);
		for (i = 0; i < k; i++) {
			struct wr_job *j = &jobs[i];
			uint64_t fl = (tf_rand() & 7) == 0 ? RTE_DMA_OP_FLAG_FENCE : 0;
			int ret;

			wr_new(j);
			ret = j->fill ? rte_dma_fill(d->id, 0, j->pattern, dst.iova + i * WR_LEN,
					j->len, fl) : rte_dma_copy(d->id, 0, tf_src.iova + j->soff,
					dst.iova + i * WR_LEN, j->len, fl);
			CHECK(ret >= 0);
			j->ring_idx = ret;
			if (i == k / 2)
				CHECK_EQ(rte_dma_submit(d->id, 0), 0);
		}
		CHECK_EQ(rte_dma_submit(d->id, 0), 0);
		dc0 = tdev_dmacount(d);
		CHECK(dc_forward(&dcs, dc0));
		if (cycles > 1 && (uint16_t)jobs[0].ring_idx < prev_first)
			idx_wraps++;
		prev_first = (uint16_t)jobs[0].ring_idx;
		CHECK_EQ(tf_suspend(d, &info), 0);
		np = rte_pmd_netdma_pending(d->id, 0, pend, RTE_DIM(pend));
		CHECK_EQ(np, info.nb_pending);
		/* inserts at random places */
		m = (unsigned int)(tf_rand() % (WR_INS + 1));
		for (i = 0; i < m; i++) {
			struct rte_pmd_netdma_job pj = { 0 };
			uint16_t pos = (uint16_t)(tf_rand() % (np + 1));

			wr_new(&ins[i]);
			ins[i].inserted = true;
			pj.op = ins[i].fill ? RTE_PMD_NETDMA_OP_FILL : RTE_PMD_NETDMA_OP_COPY;
			pj.src = tf_src.iova + ins[i].soff;
			pj.pattern = ins[i].pattern;
			pj.dst = idst.iova + i * WR_LEN;
			pj.length = ins[i].len;
			pj.flags = (tf_rand() & 7) == 0 ? RTE_DMA_OP_FLAG_FENCE : 0;
			CHECK_EQ(rte_pmd_netdma_insert(d->id, 0, pos, &pj, &ins[i].ticket), 0);
			np++;
		}
		inserts += m;
		np = rte_pmd_netdma_pending(d->id, 0, pend, RTE_DIM(pend));
		/* a cancel and a rewrite of pending ring jobs, sometimes */
		if (np > 0 && (tf_rand() % 3) == 0) {
			struct rte_pmd_netdma_job *p = &pend[tf_rand() % np];

			if (p->ticket == 0) {
				struct wr_job *j = &jobs[(uint16_t)(p->ring_idx - jobs[0].ring_idx)];

				CHECK_EQ(rte_pmd_netdma_cancel(d->id, 0, p->ring_idx), 0);
				j->cancelled = true;
				cancels++;
			}
		}
		np = rte_pmd_netdma_pending(d->id, 0, pend, RTE_DIM(pend));
		if (np > 0 && (tf_rand() % 3) == 0) {
			struct rte_pmd_netdma_job *p = &pend[tf_rand() % np];

			if (p->ticket == 0) {
				struct wr_job *j = &jobs[(uint16_t)(p->ring_idx - jobs[0].ring_idx)];
				int ridx = j->ring_idx;

				wr_new(j);
				j->ring_idx = ridx;
				p->op = j->fill ? RTE_PMD_NETDMA_OP_FILL : RTE_PMD_NETDMA_OP_COPY;
				p->src = tf_src.iova + j->soff;
				p->pattern = j->pattern;
				p->length = j->len;
				CHECK_EQ(rte_pmd_netdma_rewrite(d->id, 0, p), 0);
				rewrites++;
			}
		}
		CHECK_EQ(rte_pmd_netdma_resume(d->id, 0), 0);
		dc1 = tdev_dmacount(d);
		CHECK(dc_forward(&dcs, dc1));
		/* every ring job once, in order, with its status */
		t0 = ms_now();
		for (i = 0; got < k && ms_now() - t0 < TF_LIVENESS_MS; i++) {
			enum rte_dma_status_code st[WR_JOBS];
			uint16_t last, n, q;

			n = rte_dma_completed_status(d->id, 0, (uint16_t)(k - got), &last, st);
			for (q = 0; q < n; q++) {
				struct wr_job *j = &jobs[got + q];

				CHECK_EQ((uint16_t)(last - n + 1 + q), (uint16_t)j->ring_idx);
				CHECK_EQ(st[q], j->cancelled ? RTE_DMA_STATUS_USER_ABORT :
						RTE_DMA_STATUS_SUCCESSFUL);
			}
			got += n;
			if (n == 0)
				usleep(10);
		}
		if (got != k) {
			th_note("cycle %" PRIu64 ": %u of %u jobs reported; %u inserted", cycles,
					got, k, m);
			rte_dma_dump(d->id, stdout);
		}
		CHECK_EQ(got, k);
		for (i = 0; i < m; i++) {
			enum rte_dma_status_code st;
			unsigned int w;
			int ret = 0;

			for (w = 0; w < TF_LIVENESS_MS * 10; w++) {
				ret = rte_pmd_netdma_ticket_status(d->id, 0, ins[i].ticket, &st);
				if (ret != 0)
					break;
				usleep(100);
			}
			CHECK_EQ(ret, 1);
			CHECK_EQ(st, RTE_DMA_STATUS_SUCCESSFUL);
		}
		/* the engine is done and stays done: no stale descriptor runs */
		CHECK(wait_done(d));
		dc2 = tdev_dmacount(d);
		cw = tdev_cw(d);
		CHECK_EQ(tb_expect_quiet(d, 2), 0);
		CHECK_EQ(tdev_cw(d), cw);
		CHECK_EQ(tdev_dmacount(d), dc2);
		CHECK(dc_forward(&dcs, dc2));
		CHECK(wait_done(d));
		for (i = 0; i < WR_JOBS; i++)
			CHECK(wr_check(&dst, i, i < k ? &jobs[i] : NULL));
		for (i = 0; i < WR_INS; i++)
			CHECK(wr_check(&idst, i, i < m ? &ins[i] : NULL));
		descs += k + m;
		ring_jobs += k;
	}
	th_note("%" PRIu64 " cycles, %" PRIu64 " descriptors, %" PRIu64 " inserts, %" PRIu64
			" cancels, %" PRIu64 " rewrites; DMACOUNT moved %" PRIu64 " (%s), ring_idx "
			"wrapped %u times", cycles, descs, inserts, cancels, rewrites, dcs.total,
			tf_rearm ? "re-armed at each resume" : "never backwards", idx_wraps);
	CHECK(idx_wraps >= 1);
	if (!tf_rearm)
		CHECK(dcs.total >= 65536);
	CHECK_EQ(ssr_dp_stat(d, 2), cancels);
}

const struct th_test ssr_life_tests[] = {
	TH_TEST(test_suspend_concurrent_dp),
	TH_TEST(test_stop_while_suspended),
	TH_TEST(test_stop_while_suspended_insert_last),
	TH_TEST(test_close_while_suspended),
	TH_TEST(test_resume_after_stop_refused),
	TH_TEST(test_stop_close_vs_control),
	TH_TEST(test_close_waits_for_control),
	TH_TEST(test_dmacount_wrap),
};
const unsigned int ssr_life_nb = RTE_DIM(ssr_life_tests);

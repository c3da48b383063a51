/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/* Live statistics and the final summary, which checks its own books. */

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#include <rte_common.h>
#include <rte_dmadev.h>
#include <rte_ethdev.h>
#include <rte_mempool.h>

#include "copy_offload.h"
#include "rte_pmd_netdma.h"

struct totals {
	uint64_t rx, fwd, tx, tx_full, ring_full, no_mbuf, bad_size, copy_err, cancelled;
};

static void
sum_books(const struct app *a, struct totals *t)
{
	uint16_t i;

	*t = (struct totals){ 0 };
	for (i = 0; i < a->nb_ports; i++) {
		const struct port_books *b = &a->books[i];

		t->rx += ctr_get(&b->rx);
		t->fwd += ctr_get(&b->forwarded);
		t->tx += ctr_get(&b->tx);
		t->tx_full += ctr_get(&b->drop_tx_full);
		t->ring_full += ctr_get(&b->drop_ring_full);
		t->no_mbuf += ctr_get(&b->drop_no_mbuf);
		t->bad_size += ctr_get(&b->drop_bad_size);
		t->copy_err += ctr_get(&b->copy_errors);
		t->cancelled += ctr_get(&b->cancelled);
	}
}

static double
avg_us(uint64_t total_ns, uint64_t n)
{
	return n == 0 ? 0.0 : total_ns / 1e3 / n;
}

void
app_stats_print(struct app *a, double elapsed_s)
{
	static struct totals prev;
	static double prev_s;
	struct totals t;
	double dt = elapsed_s - prev_s;
	uint64_t drops, inflight;

	sum_books(a, &t);
	if (dt <= 0)
		dt = 1e-9;
	drops = t.tx_full + t.ring_full + t.no_mbuf + t.bad_size;
	inflight = ctr_get(&a->dp.pkts_enqueued) - ctr_get(&a->dp.pkts_finished);
	printf("[%7.1fs] rx %7.3f Mpps  tx %7.3f Mpps | copies %" PRIu64 " in flight %" PRIu64
			" | cancelled %" PRIu64 " errors %" PRIu64 " drops %" PRIu64
			" | suspends %" PRIu64 " (last %.1f us, max %.1f us, held avg %.1f us)\n",
			elapsed_s, (t.rx - prev.rx) / dt / 1e6, (t.tx - prev.tx) / dt / 1e6,
			ctr_get(&a->dp.jobs_enqueued), inflight, t.cancelled, t.copy_err, drops,
			a->ctl.suspends, a->ctl.suspend_ns_last / 1e3, a->ctl.suspend_ns_max / 1e3,
			avg_us(a->ctl.held_ns_total, a->ctl.suspends));
	fflush(stdout);
	prev = t;
	prev_s = elapsed_s;
}

static bool __rte_format_printf(3, 4)
check(bool ok, const char *name, const char *fmt, ...)
{
	va_list ap;

	printf("  check %-24s %s (", name, ok ? "ok    " : "FAILED");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(")\n");
	return ok;
}

bool
app_summary(struct app *a, double elapsed_s)
{
	struct rte_dma_stats ds = { 0 };
	struct rte_pmd_netdma_stats ns = { 0 };
	struct rte_eth_stats es;
	enum rte_dma_vchan_status vst;
	unsigned int rx_use = rte_mempool_in_use_count(a->rx_pool);
	unsigned int copy_use = rte_mempool_in_use_count(a->copy_pool);
	const struct dp_counters *dp = &a->dp;
	const struct ctl_counters *c = &a->ctl;
	uint64_t outcomes, lost;
	bool ok = true, ports_ok = true;
	struct totals t;
	uint16_t i;

	sum_books(a, &t);
	rte_dma_stats_get(a->dma_id, 0, &ds);
	if (rte_dma_vchan_status(a->dma_id, 0, &vst) != 0)
		vst = RTE_DMA_VCHAN_IDLE;
	if (a->dma_is_netdma)
		rte_pmd_netdma_stats_get(a->dma_id, 0, &ns);
	outcomes = t.fwd + t.tx_full + t.ring_full + t.no_mbuf + t.bad_size + t.copy_err +
		t.cancelled;
	lost = outcomes - t.fwd;

	printf("\n==== " APP_NAME " summary ====\n");
	printf("duration               %.2f s\n", elapsed_s);
	printf("received               %" PRIu64 " (%.3f Mpps)\n", t.rx,
			elapsed_s > 0 ? t.rx / elapsed_s / 1e6 : 0.0);
	printf("  forwarded            %" PRIu64 "\n", t.fwd);
	printf("  dropped, tx full     %" PRIu64 "\n", t.tx_full);
	printf("  dropped, ring full   %" PRIu64 "\n", t.ring_full);
	printf("  dropped, no mbuf     %" PRIu64 "\n", t.no_mbuf);
	printf("  dropped, bad size    %" PRIu64 "\n", t.bad_size);
	printf("  copy errors          %" PRIu64 "\n", t.copy_err);
	printf("  cancelled            %" PRIu64 "\n", t.cancelled);
	printf("  in flight at exit    %" PRIu64 "\n", dp->pkts_enqueued - dp->pkts_finished);
	for (i = 0; i < a->nb_ports; i++) {
		const struct port_books *b = &a->books[i];
		uint64_t o = b->forwarded + b->drop_tx_full + b->drop_ring_full +
			b->drop_no_mbuf + b->drop_bad_size + b->copy_errors + b->cancelled;

		printf("port %-3u rx %" PRIu64 " forwarded %" PRIu64 " cancelled %" PRIu64
				" errors %" PRIu64 " drops %" PRIu64 " | tx %" PRIu64 "%s\n",
				a->ports[i], b->rx, b->forwarded, b->cancelled, b->copy_errors,
				b->drop_tx_full + b->drop_ring_full + b->drop_no_mbuf +
				b->drop_bad_size, b->tx, o == b->rx ? "" : "  <-- UNBALANCED");
		ports_ok &= o == b->rx;
		if (rte_eth_stats_get(a->ports[i], &es) == 0)
			printf("         ethdev ipackets %" PRIu64 " imissed %" PRIu64 " ierrors %"
					PRIu64 " rx_nombuf %" PRIu64 " opackets %" PRIu64
					" oerrors %" PRIu64 "\n", es.ipackets, es.imissed,
					es.ierrors, es.rx_nombuf, es.opackets, es.oerrors);
	}
	printf("dma jobs               enqueued %" PRIu64 " completed %" PRIu64 " failed %" PRIu64
			" cancelled %" PRIu64 " (enqueue errors %" PRIu64 ")\n", dp->jobs_enqueued,
			dp->jobs_completed, dp->jobs_failed, dp->jobs_cancelled, dp->enqueue_errors);
	for (i = 1; i <= APP_STATUS_SLOTS; i++)
		if (dp->status[i] != 0)
			printf("  status %-20s %" PRIu64 "\n", app_status_name(i), dp->status[i]);
	printf("dmadev stats           submitted %" PRIu64 " completed %" PRIu64 " errors %" PRIu64
			", vchan %s\n", ds.submitted, ds.completed, ds.errors,
			vst == RTE_DMA_VCHAN_IDLE ? "idle" : vst == RTE_DMA_VCHAN_ACTIVE ? "active" :
			"HALTED (error)");
	printf("control                teardowns %" PRIu64 " (%" PRIu64 " pending seen, %" PRIu64
			" cancelled), urgent copies %" PRIu64 " (%" PRIu64 " verified, %" PRIu64
			" failed), injected errors %" PRIu64 "\n", c->teardowns, c->teardown_pending,
			c->cancels, c->urgent, c->urgent_verified, c->urgent_failed, c->injected);
	printf("suspends               %" PRIu64 " (failed %" PRIu64 ", retried after -EIO %"
			PRIu64 "), suspend avg %.1f us max "
			"%.1f us, held avg %.1f us max %.1f us\n", c->suspends, c->suspend_failures,
			c->suspend_retries,
			avg_us(c->suspend_ns_total, c->suspends), c->suspend_ns_max / 1e3,
			avg_us(c->held_ns_total, c->suspends), c->held_ns_max / 1e3);
	if (a->dma_is_netdma)
		printf("netdma stats           suspends %" PRIu64 " resumes %" PRIu64 " timeouts %"
				PRIu64 " cancels %" PRIu64 " inserts %" PRIu64 " rewrites %" PRIu64
				" recoveries %" PRIu64 "\n", ns.suspends, ns.resumes,
				ns.suspend_timeouts, ns.cancels, ns.inserts, ns.rewrites,
				ns.recoveries);
	printf("mempools in use        rx %u (start %u), copy %u (start %u)\n", rx_use,
			a->rx_pool_base, copy_use, a->copy_pool_base);
	if (a->opt.seed != 0)
		printf("seeded                 %" PRIu64 ", drained at exit %" PRIu64
				" (%" PRIu64 " damaged)\n", a->seeded, a->drained, a->drained_bad);

	printf("checks:\n");
	ok &= check(outcomes == t.rx && ports_ok, "packets accounted",
			"rx %" PRIu64 " = outcomes %" PRIu64, t.rx, outcomes);
	ok &= check(dp->pkts_enqueued == dp->pkts_finished, "none in flight",
			"enqueued %" PRIu64 ", finished %" PRIu64, dp->pkts_enqueued,
			dp->pkts_finished);
	ok &= check(t.tx == t.fwd, "tx = forwarded", "tx %" PRIu64 ", forwarded %" PRIu64,
			t.tx, t.fwd);
	ok &= check(dp->jobs_enqueued == dp->jobs_completed && dp->drain_left == 0,
			"every job completed", "enqueued %" PRIu64 ", completed %" PRIu64,
			dp->jobs_enqueued, dp->jobs_completed);
	ok &= check(vst != RTE_DMA_VCHAN_HALTED_ERROR, "channel not halted",
			"vchan status %d", (int)vst);
	ok &= check(dp->idx_mismatch == 0, "completions in order",
			"%" PRIu64 " out of order", dp->idx_mismatch);
	ok &= check(ds.submitted == dp->jobs_enqueued && ds.completed == dp->jobs_completed,
			"dmadev stats agree", "submitted %" PRIu64 ", completed %" PRIu64,
			ds.submitted, ds.completed);
	ok &= check(ds.errors == dp->jobs_failed + dp->jobs_cancelled, "dmadev errors agree",
			"dmadev %" PRIu64 ", seen %" PRIu64, ds.errors,
			dp->jobs_failed + dp->jobs_cancelled);
	if (a->dma_is_netdma) {
		ok &= check(dp->jobs_cancelled == c->cancels && ns.cancels == c->cancels,
				"one abort per cancel", "aborts %" PRIu64 ", cancels %" PRIu64,
				dp->jobs_cancelled, c->cancels);
		ok &= check(dp->jobs_failed == c->injected, "no unexpected errors",
				"failed %" PRIu64 ", injected %" PRIu64, dp->jobs_failed,
				c->injected);
		ok &= check(ns.inserts == c->urgent && c->urgent_verified == c->urgent &&
				c->urgent_failed == 0, "urgent copies verified",
				"%" PRIu64 " of %" PRIu64, c->urgent_verified,
				c->urgent + c->urgent_failed);
		ok &= check(c->resume_failures == 0 && ns.suspends == ns.resumes,
				"channel resumed", "suspends %" PRIu64 ", resumes %" PRIu64,
				ns.suspends, ns.resumes);
	}
	ok &= check(rx_use == a->rx_pool_base && copy_use == a->copy_pool_base,
			"no mbuf leaked", "leaked %" PRIu64 " rx, %" PRIu64 " copy",
			(uint64_t)rx_use - a->rx_pool_base, (uint64_t)copy_use - a->copy_pool_base);
	if (a->opt.seed != 0)
		ok &= check(a->seeded == a->drained + lost, "seeded = drained + lost",
				"seeded %" PRIu64 ", drained + lost %" PRIu64, a->seeded,
				a->drained + lost);
	if (a->opt.seed != 0)
		ok &= check(a->drained_bad == 0, "drained frames intact",
				"%" PRIu64 " of %" PRIu64 " damaged", a->drained_bad, a->drained);
	printf("books: %s\n", ok ? "BALANCED" : "UNBALANCED");
	printf("summary: rx=%" PRIu64 " forwarded=%" PRIu64 " tx=%" PRIu64 " tx_full=%" PRIu64
			" ring_full=%" PRIu64 " no_mbuf=%" PRIu64 " bad_size=%" PRIu64
			" copy_errors=%" PRIu64 " cancelled=%" PRIu64 " jobs=%" PRIu64
			" jobs_failed=%" PRIu64 " teardowns=%" PRIu64 " cancels=%" PRIu64
			" urgent=%" PRIu64 " urgent_verified=%" PRIu64 " injected=%" PRIu64
			" suspends=%" PRIu64 " suspend_failures=%" PRIu64 " seeded=%" PRIu64
			" drained=%" PRIu64 " leaked=%" PRId64 " balanced=%d\n",
			t.rx, t.fwd, t.tx, t.tx_full, t.ring_full, t.no_mbuf, t.bad_size,
			t.copy_err, t.cancelled, dp->jobs_enqueued, dp->jobs_failed, c->teardowns,
			c->cancels, c->urgent, c->urgent_verified, c->injected, c->suspends,
			c->suspend_failures, a->seeded, a->drained,
			(int64_t)rx_use - a->rx_pool_base + (int64_t)copy_use - a->copy_pool_base,
			ok ? 1 : 0);
	fflush(stdout);
	return ok;
}

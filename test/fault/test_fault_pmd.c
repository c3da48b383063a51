/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * Hostile input to the PMD through its public entry points (rte_dma_* and
 * rte_pmd_netdma_*): invalid ids, wrong states, NULL pointers, positions,
 * tickets and lengths out of range; and device removal while started, with
 * jobs in flight, suspended, halted by an error, and of one channel of two.
 * Every call answers a negative errno (or the documented value), never
 * crashes, and the device works afterwards.
 *   test_fault_pmd <EAL args: -l 0-1 --no-pci --iova-mode=va|pa --file-prefix=...>
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_bus_vdev.h>
#include <rte_cycles.h>
#include <rte_dmadev.h>
#include <rte_eal.h>
#include <rte_malloc.h>

#include "netdma_compat.h"
#include "rte_pmd_netdma.h"
#include "eal_test.h"

struct buf {
	uint8_t *va;
	rte_iova_t iova;
	size_t len;
};

static int
buf_get(struct buf *b, size_t len)
{
	b->va = rte_zmalloc(NULL, len, 4096);
	b->iova = b->va != NULL ? rte_malloc_virt2iova(b->va) : RTE_BAD_IOVA;
	b->len = len;
	return b->va != NULL && b->iova != RTE_BAD_IOVA ? 0 : -1;
}

static int16_t
dev_probe(const char *name, const char *args)
{
	if (rte_vdev_init(name, args) != 0)
		return -1;
	return (int16_t)rte_dma_get_dev_id_by_name(name);
}

/* n copies of 256 bytes each from src to dst, submitted; their first ring_idx. */
static int
copies(int16_t id, const struct buf *src, const struct buf *dst, unsigned int n)
{
	unsigned int i;
	int first = -1;

	for (i = 0; i < n; i++) {
		int r = rte_dma_copy(id, 0, src->iova + i * 256, dst->iova + i * 256, 256,
				i + 1 == n ? RTE_DMA_OP_FLAG_SUBMIT : 0);

		if (r < 0)
			return r;
		if (i == 0)
			first = r;
	}
	return first;
}

static int
test_dmadev_ops(void)
{
	struct rte_dma_conf conf = { .nb_vchans = 1 };
	struct rte_dma_vchan_conf vc = { .direction = RTE_DMA_DIR_MEM_TO_MEM, .nb_desc = 100 };
	static enum rte_dma_status_code st[UINT16_MAX];
	enum rte_dma_vchan_status vs;
	struct rte_dma_stats stats;
	struct rte_dma_info info;
	struct buf b;
	uint16_t last;
	bool err;
	int16_t id;

	CHECK(buf_get(&b, 1u << 16) == 0, "memory");
	id = dev_probe("dma_netdma20", NULL);
	CHECK(id >= 0, "probe");
	CHECK(rte_dma_info_get(-1, &info) == -EINVAL, "info bad id");
	CHECK(rte_dma_info_get(INT16_MAX, &info) == -EINVAL, "info INT16_MAX");
	CHECK(rte_dma_info_get(id, NULL) == -EINVAL, "info NULL");
	CHECK(rte_dma_info_get(id, &info) == 0 && info.nb_vchans == 0, "info");
	CHECK(info.min_desc >= 32 && info.max_desc >= info.min_desc, "descriptor range");

	/* order of calls */
	CHECK(rte_dma_start(id) < 0, "start before configure");
	CHECK(rte_dma_vchan_setup(id, 0, &vc) < 0, "vchan setup before configure");
	CHECK(rte_dma_configure(id, NULL) == -EINVAL, "configure NULL");
	conf.nb_vchans = 0;
	CHECK(rte_dma_configure(id, &conf) < 0, "0 vchans");
	conf.nb_vchans = UINT16_MAX;
	CHECK(rte_dma_configure(id, &conf) < 0, "UINT16_MAX vchans");
	conf.nb_vchans = 1;
	NETDMA_CONF_SET_SILENT(&conf, true);
	CHECK(rte_dma_configure(id, &conf) < 0, "silent mode");
	NETDMA_CONF_SET_SILENT(&conf, false);
	CHECK(rte_dma_configure(id, &conf) == 0, "configure");
	CHECK(rte_dma_start(id) < 0, "start before vchan setup");
	CHECK(rte_dma_vchan_setup(id, 0, NULL) < 0, "vchan setup NULL");
	CHECK(rte_dma_vchan_setup(id, 1, &vc) < 0, "vchan 1");
	vc.nb_desc = 0;
	CHECK(rte_dma_vchan_setup(id, 0, &vc) < 0, "0 descriptors");
	vc.nb_desc = UINT16_MAX;
	CHECK(rte_dma_vchan_setup(id, 0, &vc) < 0, "UINT16_MAX descriptors");
	vc.nb_desc = 100;
	vc.direction = RTE_DMA_DIR_DEV_TO_DEV;
	CHECK(rte_dma_vchan_setup(id, 0, &vc) < 0, "DEV_TO_DEV");
	vc.direction = RTE_DMA_DIR_MEM_TO_MEM;
	CHECK(rte_dma_vchan_setup(id, 0, &vc) == 0, "100 descriptors (rounded up)");

	/* set up, not started: the fast path refuses work, reports nothing */
	CHECK(rte_dma_copy(id, 0, b.iova, b.iova + 4096, 64, RTE_DMA_OP_FLAG_SUBMIT) < 0,
			"copy before start");
	CHECK(rte_dma_fill(id, 0, 7, b.iova, 64, 0) < 0, "fill before start");
	CHECK(rte_dma_submit(id, 0) == 0, "submit before start");
	CHECK(rte_dma_burst_capacity(id, 0) == 0, "capacity before start %u",
			rte_dma_burst_capacity(id, 0));
	CHECK(rte_dma_completed(id, 0, 32, &last, &err) == 0, "completed before start");
	CHECK(rte_dma_vchan_status(id, 0, &vs) == 0 && vs == RTE_DMA_VCHAN_IDLE, "status");

	CHECK(rte_dma_start(id) == 0, "start");
	CHECK(rte_dma_configure(id, &conf) < 0, "configure while started");
	CHECK(rte_dma_vchan_setup(id, 0, &vc) < 0, "vchan setup while started");
	CHECK(rte_dma_close(id) < 0, "close while started");
	CHECK(rte_dma_burst_capacity(id, 0) == 127, "capacity %u", rte_dma_burst_capacity(id, 0));
	CHECK(rte_dma_stats_get(id, 5, &stats) < 0, "stats vchan 5");
	CHECK(rte_dma_stats_get(id, 0, NULL) < 0, "stats NULL");
	CHECK(rte_dma_stats_get(-3, 0, &stats) < 0, "stats bad id");
	CHECK(rte_dma_stats_reset(id, 7) < 0, "stats reset vchan 7");
	CHECK(rte_dma_vchan_status(id, 3, &vs) < 0, "vchan status 3");
	CHECK(rte_dma_vchan_status(id, 0, NULL) < 0, "vchan status NULL");
	CHECK(rte_dma_dump(id, NULL) < 0, "dump NULL");

	/* lengths */
	CHECK(rte_dma_copy(id, 0, b.iova, b.iova + 4096, 0, 0) == -EINVAL, "copy length 0");
	CHECK(rte_dma_copy(id, 0, b.iova, b.iova + 4096, UINT32_MAX, 0) == -EINVAL,
			"copy length UINT32_MAX");
	CHECK(rte_dma_fill(id, 0, 1, b.iova, 0, 0) == -EINVAL, "fill length 0");
	CHECK(rte_dma_fill(id, 0, 1, b.iova, (1u << 20) + 1, 0) == -EINVAL, "fill past XFERCAP");
	/* huge and zero nb_cpls, NULL outputs where the API allows them */
	memset(b.va, 0x77, 256);
	CHECK(rte_dma_copy(id, 0, b.iova, b.iova + 4096, 256, RTE_DMA_OP_FLAG_SUBMIT) == 0,
			"copy");
	CHECK(test_collect(id, 1, st, NULL, 10) == 0 && st[0] == RTE_DMA_STATUS_SUCCESSFUL,
			"status %d", st[0]);
	CHECK(b.va[4096 + 255] == 0x77, "copied");
	CHECK(rte_dma_completed_status(id, 0, UINT16_MAX, &last, st) == 0, "huge nb_cpls");
	CHECK(rte_dma_completed(id, 0, UINT16_MAX, NULL, NULL) == 0, "NULL last_idx, has_error");
	CHECK(rte_dma_completed(id, 0, 0, &last, &err) == 0, "nb_cpls 0");
	CHECK(rte_dma_stats_get(id, 0, &stats) == 0 && stats.submitted == 1 && stats.completed == 1
			&& stats.errors == 0, "stats");
	CHECK(rte_dma_stop(id) == 0 && rte_dma_stop(id) == 0, "stop twice");
	CHECK(rte_dma_copy(id, 0, b.iova, b.iova + 4096, 64, 0) < 0, "copy after stop");
	CHECK(rte_dma_close(id) == 0, "close");
	CHECK(rte_dma_close(id) < 0, "close twice");
	CHECK(rte_dma_info_get(id, &info) < 0, "info after close");
	CHECK(rte_vdev_uninit("dma_netdma20") == 0, "uninit after close");
	rte_free(b.va);
	return 0;
}

static int
test_netdma_api(void)
{
	struct rte_pmd_netdma_job job = { .op = RTE_PMD_NETDMA_OP_COPY, .length = 64 };
	static struct rte_pmd_netdma_job jobs[1000];
	struct rte_pmd_netdma_suspend_info si;
	struct rte_pmd_netdma_stats ps;
	enum rte_dma_status_code st[64];
	struct buf src, dst;
	uint64_t t, done_t;
	int16_t id, nf, skel, bad[4];
	int np, i;

	CHECK(buf_get(&src, 1u << 16) == 0 && buf_get(&dst, 1u << 16) == 0, "memory");
	id = dev_probe("dma_netdma21", "delay_us=3000");
	nf = dev_probe("dma_netdma22", "fill=0,delay_us=3000,resume=rearm");
	CHECK(id >= 0 && nf >= 0, "probe");
	rte_vdev_init("dma_skeleton", NULL);
	skel = (int16_t)rte_dma_get_dev_id_by_name("dma_skeleton");
	bad[0] = -1;
	bad[1] = INT16_MAX;
	bad[2] = skel;	/* not a netdma device (or -1 when the skeleton is absent) */
	bad[3] = id;	/* not set up yet */
	for (i = 0; i < 4; i++) {
		CHECK(rte_pmd_netdma_state(bad[i], 0) == -EINVAL, "state %d", bad[i]);
		CHECK(rte_pmd_netdma_suspend(bad[i], 0, &si) == -EINVAL, "suspend %d", bad[i]);
		CHECK(rte_pmd_netdma_resume(bad[i], 0) == -EINVAL, "resume %d", bad[i]);
		CHECK(rte_pmd_netdma_pending(bad[i], 0, jobs, 4) == -EINVAL, "pending %d", bad[i]);
		CHECK(rte_pmd_netdma_cancel(bad[i], 0, 0) == -EINVAL, "cancel %d", bad[i]);
		CHECK(rte_pmd_netdma_cancel_ticket(bad[i], 0, 1) == -EINVAL, "cancel_ticket %d",
				bad[i]);
		CHECK(rte_pmd_netdma_rewrite(bad[i], 0, &job) == -EINVAL, "rewrite %d", bad[i]);
		CHECK(rte_pmd_netdma_insert(bad[i], 0, 0, &job, &t) == -EINVAL, "insert %d", bad[i]);
		CHECK(rte_pmd_netdma_ticket_status(bad[i], 0, 1, st) == -EINVAL, "ticket %d", bad[i]);
		CHECK(rte_pmd_netdma_stats_get(bad[i], 0, &ps) == -EINVAL, "stats %d", bad[i]);
	}
	CHECK(test_dev_setup(id, 256, true) == 0 && test_dev_setup(nf, 64, true) == 0, "setup");
	CHECK(rte_pmd_netdma_state(id, 1) == -EINVAL, "vchan 1");
	CHECK(rte_pmd_netdma_state(id, UINT16_MAX) == -EINVAL, "vchan UINT16_MAX");
	CHECK(rte_pmd_netdma_suspend(id, 3, &si) == -EINVAL, "suspend vchan 3");

	/* running: only suspend, state, ticket_status and stats are allowed */
	CHECK(rte_pmd_netdma_pending(id, 0, jobs, 4) == -EINVAL, "pending while running");
	CHECK(rte_pmd_netdma_cancel(id, 0, 0) == -EINVAL, "cancel while running");
	CHECK(rte_pmd_netdma_cancel_ticket(id, 0, 1) == -EINVAL, "cancel_ticket while running");
	CHECK(rte_pmd_netdma_rewrite(id, 0, &job) == -EINVAL, "rewrite while running");
	CHECK(rte_pmd_netdma_insert(id, 0, 0, &job, &t) == -EINVAL, "insert while running");
	CHECK(rte_pmd_netdma_ticket_status(id, 0, UINT64_MAX, st) == -ENOENT, "ticket UINT64_MAX");
	CHECK(rte_pmd_netdma_ticket_status(id, 0, 0, st) == -ENOENT, "ticket 0");
	CHECK(rte_pmd_netdma_ticket_status(id, 0, 1, NULL) == -EINVAL, "status NULL");
	CHECK(rte_pmd_netdma_stats_get(id, 0, NULL) == -EINVAL, "stats NULL");
	CHECK(rte_pmd_netdma_resume(id, 0) == -EINVAL, "resume while running");

	/* a finished inserted job */
	CHECK(rte_pmd_netdma_suspend(id, 0, NULL) == 0, "suspend, no info");
	job = (struct rte_pmd_netdma_job){ .op = RTE_PMD_NETDMA_OP_FILL, .pattern = 5,
		.dst = dst.iova + 60000, .length = 64 };
	CHECK(rte_pmd_netdma_insert(id, 0, 0, &job, &done_t) == 0, "insert");
	CHECK(rte_pmd_netdma_resume(id, 0) == 0, "resume");
	for (i = 0; i < 10000 && rte_pmd_netdma_ticket_status(id, 0, done_t, st) == 0; i++)
		rte_delay_us_sleep(100);
	CHECK(rte_pmd_netdma_ticket_status(id, 0, done_t, st) == 1 &&
			st[0] == RTE_DMA_STATUS_SUCCESSFUL, "inserted job done");

	/* suspended with work pending: out-of-range everything */
	CHECK(copies(id, &src, &dst, 40) == 0, "copies");
	CHECK(rte_pmd_netdma_suspend(id, 0, &si) == 0, "suspend");
	CHECK(rte_pmd_netdma_suspend(id, 0, &si) == -EALREADY, "suspend twice");
	np = rte_pmd_netdma_pending(id, 0, jobs, RTE_DIM(jobs));
	CHECK(np > 3 && np == si.nb_pending, "pending %d (info %u)", np, si.nb_pending);
	CHECK(rte_pmd_netdma_pending(id, 0, NULL, 0) == np, "pending count only");
	CHECK(rte_pmd_netdma_pending(id, 0, NULL, 5) == -EINVAL, "pending NULL array");
	CHECK(rte_pmd_netdma_pending(id, 0, jobs, 1) == np, "pending into one entry");
	CHECK(rte_pmd_netdma_cancel(id, 0, UINT16_MAX) == -ENOENT, "cancel UINT16_MAX");
	CHECK(rte_pmd_netdma_cancel_ticket(id, 0, 0) == -EINVAL, "cancel ticket 0");
	CHECK(rte_pmd_netdma_cancel_ticket(id, 0, UINT64_MAX) == -ENOENT, "cancel UINT64_MAX");
	CHECK(rte_pmd_netdma_cancel_ticket(id, 0, done_t) == -ENOENT, "cancel a finished ticket");
	job = (struct rte_pmd_netdma_job){ .op = RTE_PMD_NETDMA_OP_COPY, .src = src.iova,
		.dst = dst.iova + 50000, .length = 64 };
	CHECK(rte_pmd_netdma_insert(id, 0, UINT16_MAX, &job, &t) == -ERANGE, "insert UINT16_MAX");
	CHECK(rte_pmd_netdma_insert(id, 0, (uint16_t)(np + 1), &job, &t) == -ERANGE, "insert np+1");
	CHECK(rte_pmd_netdma_insert(id, 0, 0, NULL, &t) == -EINVAL, "insert NULL");
	CHECK(rte_pmd_netdma_insert(id, 0, 0, &job, NULL) == -EINVAL, "insert NULL ticket");
	job.length = 0;
	CHECK(rte_pmd_netdma_insert(id, 0, 0, &job, &t) == -EINVAL, "insert length 0");
	job.length = UINT32_MAX;
	CHECK(rte_pmd_netdma_insert(id, 0, 0, &job, &t) == -EINVAL, "insert UINT32_MAX");
	job.length = 64;
	job.op = (enum rte_pmd_netdma_op)7;
	CHECK(rte_pmd_netdma_insert(id, 0, 0, &job, &t) == -EINVAL, "insert bad op");
	CHECK(rte_pmd_netdma_rewrite(id, 0, NULL) == -EINVAL, "rewrite NULL");
	job = jobs[np - 1];
	job.op = (enum rte_pmd_netdma_op)-1;
	CHECK(rte_pmd_netdma_rewrite(id, 0, &job) == -EINVAL, "rewrite bad op");
	job = jobs[np - 1];
	job.length = 0;
	CHECK(rte_pmd_netdma_rewrite(id, 0, &job) == -EINVAL, "rewrite length 0");
	job = jobs[np - 1];
	job.flags = ~0ull;
	CHECK(rte_pmd_netdma_rewrite(id, 0, &job) == -EINVAL, "rewrite all flags");
	job = jobs[np - 1];
	job.ticket = done_t;
	CHECK(rte_pmd_netdma_rewrite(id, 0, &job) == -ENOENT, "rewrite a finished ticket");
	job.ticket = 0;
	job.ring_idx = (uint16_t)(jobs[0].ring_idx - 1);
	CHECK(rte_pmd_netdma_rewrite(id, 0, &job) == -ENOENT, "rewrite a finished job");
	CHECK(rte_pmd_netdma_ticket_status(id, 0, UINT64_MAX, st) == -ENOENT, "ticket UINT64_MAX");
	CHECK(rte_pmd_netdma_resume(id, 0) == 0, "resume");
	CHECK(test_collect(id, 40, st, NULL, 10) == 0, "40 jobs");
	for (i = 0; i < 40; i++)
		CHECK(st[i] == RTE_DMA_STATUS_SUCCESSFUL, "job %d: %d", i, st[i]);
	CHECK(memcmp(src.va, dst.va, 40 * 256) == 0, "data");

	/* fill=0: fills refused everywhere */
	CHECK(rte_dma_fill(nf, 0, 1, dst.iova, 64, RTE_DMA_OP_FLAG_SUBMIT) == -ENOTSUP,
			"fill on fill=0");
	CHECK(copies(nf, &src, &dst, 8) == 0, "copies");
	CHECK(rte_pmd_netdma_suspend(nf, 0, NULL) == 0, "suspend");
	np = rte_pmd_netdma_pending(nf, 0, jobs, 8);
	CHECK(np > 0, "pending %d", np);
	job = jobs[0];
	job.op = RTE_PMD_NETDMA_OP_FILL;
	CHECK(rte_pmd_netdma_rewrite(nf, 0, &job) == -ENOTSUP, "rewrite into a fill");
	job = (struct rte_pmd_netdma_job){ .op = RTE_PMD_NETDMA_OP_FILL, .dst = dst.iova,
		.length = 64 };
	CHECK(rte_pmd_netdma_insert(nf, 0, 0, &job, &t) == -ENOTSUP, "insert a fill");
	CHECK(rte_pmd_netdma_resume(nf, 0) == 0, "resume");
	CHECK(test_collect(nf, 8, st, NULL, 10) == 0, "8 jobs");
	CHECK(rte_pmd_netdma_stats_get(id, 0, &ps) == 0 && ps.suspends == 2 && ps.resumes == 2,
			"stats %lu/%lu", (unsigned long)ps.suspends, (unsigned long)ps.resumes);

	CHECK(rte_dma_stop(id) == 0 && rte_dma_stop(nf) == 0, "stop");
	CHECK(rte_pmd_netdma_suspend(id, 0, &si) == -EINVAL, "suspend when stopped");
	CHECK(rte_vdev_uninit("dma_netdma21") == 0 && rte_vdev_uninit("dma_netdma22") == 0,
			"uninit");
	if (skel >= 0)
		rte_vdev_uninit("dma_skeleton");
	rte_free(src.va);
	rte_free(dst.va);
	return 0;
}

static int
test_removal(void)
{
	enum rte_dma_status_code st[64];
	struct buf src, dst;
	int16_t id, c0, c1;
	unsigned int i;

	CHECK(buf_get(&src, 1u << 16) == 0 && buf_get(&dst, 1u << 16) == 0, "memory");
	for (i = 0; i < (1u << 16); i++)
		src.va[i] = (uint8_t)(i * 7);
	CHECK(rte_vdev_uninit("dma_netdma_nosuch") < 0, "uninit of an unknown device");

	/* started with jobs in flight: refused, and the jobs still complete */
	id = dev_probe("dma_netdma23", "delay_us=2000");
	CHECK(id >= 0 && test_dev_setup(id, 128, true) == 0, "setup");
	CHECK(copies(id, &src, &dst, 32) == 0, "copies");
	CHECK(rte_vdev_uninit("dma_netdma23") == -EBUSY, "uninit with jobs in flight");
	CHECK(test_collect(id, 32, st, NULL, 10) == 0, "jobs done after the refusal");
	for (i = 0; i < 32; i++)
		CHECK(st[i] == RTE_DMA_STATUS_SUCCESSFUL, "job %u: %d", i, st[i]);
	CHECK(memcmp(src.va, dst.va, 32 * 256) == 0, "data");
	/* stop with jobs in flight: they drain (or are dropped), then removal works */
	CHECK(copies(id, &src, &dst, 16) >= 0, "copies");
	CHECK(rte_dma_stop(id) == 0, "stop with jobs in flight");
	CHECK(rte_vdev_uninit("dma_netdma23") == 0, "uninit");
	CHECK(rte_dma_get_dev_id_by_name("dma_netdma23") < 0, "gone");
	CHECK(rte_vdev_uninit("dma_netdma23") < 0, "uninit twice");

	/* suspended: refused; stop resumes and drains, then removal works */
	id = dev_probe("dma_netdma24", "delay_us=2000,resume=rearm");
	CHECK(id >= 0 && test_dev_setup(id, 128, true) == 0, "setup");
	CHECK(copies(id, &src, &dst, 16) == 0, "copies");
	CHECK(rte_pmd_netdma_suspend(id, 0, NULL) == 0, "suspend");
	CHECK(rte_vdev_uninit("dma_netdma24") == -EBUSY, "uninit while suspended");
	CHECK(rte_dma_stop(id) == 0, "stop a suspended channel");
	CHECK(rte_pmd_netdma_state(id, 0) == RTE_PMD_NETDMA_STATE_HALTED, "reset by stop: %d",
			rte_pmd_netdma_state(id, 0));
	CHECK(rte_vdev_uninit("dma_netdma24") == 0, "uninit");

	/* halted by an error nobody collected: stop and removal still clean */
	id = dev_probe("dma_netdma25", NULL);
	CHECK(id >= 0 && test_dev_setup(id, 64, true) == 0, "setup");
	CHECK(rte_dma_copy(id, 0, 0x10, dst.iova, 64, 0) == 0, "bad source");
	CHECK(rte_dma_copy(id, 0, src.iova, dst.iova, 64, RTE_DMA_OP_FLAG_SUBMIT) == 1, "copy");
	for (i = 0; i < 10000 && rte_pmd_netdma_state(id, 0) != RTE_PMD_NETDMA_STATE_HALTED; i++)
		rte_delay_us_sleep(100);
	CHECK(rte_pmd_netdma_state(id, 0) == RTE_PMD_NETDMA_STATE_HALTED, "halted");
	CHECK(rte_pmd_netdma_suspend(id, 0, NULL) == -EIO, "suspend of a halted channel");
	CHECK(rte_vdev_uninit("dma_netdma25") == -EBUSY, "uninit of a halted started channel");
	CHECK(rte_dma_stop(id) == 0, "stop a halted channel");
	CHECK(rte_dma_start(id) == 0, "restart after the error");
	CHECK(rte_dma_copy(id, 0, src.iova, dst.iova + 1024, 64, RTE_DMA_OP_FLAG_SUBMIT) == 0,
			"ring_idx 0 again");
	CHECK(test_collect(id, 1, st, NULL, 10) == 0 && st[0] == RTE_DMA_STATUS_SUCCESSFUL,
			"runs: %d", st[0]);
	CHECK(rte_dma_stop(id) == 0 && rte_vdev_uninit("dma_netdma25") == 0, "remove");

	/* two channels: removal waits for both to stop */
	CHECK(rte_vdev_init("dma_netdma26", "channels=2") == 0, "probe");
	c0 = (int16_t)rte_dma_get_dev_id_by_name("dma_netdma26_ch0");
	c1 = (int16_t)rte_dma_get_dev_id_by_name("dma_netdma26_ch1");
	CHECK(c0 >= 0 && c1 >= 0, "two dmadevs");
	CHECK(test_dev_setup(c0, 64, true) == 0 && test_dev_setup(c1, 64, true) == 0, "setup");
	CHECK(copies(c1, &src, &dst, 4) == 0 && test_collect(c1, 4, st, NULL, 10) == 0,
			"channel 1 works");
	CHECK(rte_dma_stop(c0) == 0, "stop channel 0");
	CHECK(rte_vdev_uninit("dma_netdma26") == -EBUSY, "uninit with channel 1 started");
	CHECK(rte_dma_get_dev_id_by_name("dma_netdma26_ch0") == c0, "nothing removed");
	CHECK(copies(c1, &src, &dst, 4) == 4 && test_collect(c1, 4, st, NULL, 10) == 0,
			"channel 1 still works");
	CHECK(rte_dma_stop(c1) == 0, "stop channel 1");
	CHECK(rte_vdev_uninit("dma_netdma26") == 0, "uninit");
	CHECK(rte_dma_get_dev_id_by_name("dma_netdma26_ch1") < 0, "gone");
	rte_free(src.va);
	rte_free(dst.va);
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct th_test cases[] = {
		TH_TEST_NAMED("dmadev_ops", test_dmadev_ops),
		TH_TEST_NAMED("netdma_api", test_netdma_api),
		TH_TEST_NAMED("removal", test_removal),
	};
	int ret;

	if (rte_eal_init(argc, argv) < 0) {
		printf("EAL init failed\n");
		return 1;
	}
	ret = th_run(cases, RTE_DIM(cases), NULL, NULL);
	rte_eal_cleanup();
	return ret;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * The PMD under EAL: probe and devargs, the control path's answers to bad
 * input, stop/start rules, several channels, removal.  Run with
 *   test_api <EAL args: -l 0-1 --no-pci --iova-mode=va|pa --file-prefix=...>
 * (the PMD is linked in; the test creates its own vdevs).
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_bus_vdev.h>
#include <rte_cycles.h>
#include <rte_dmadev.h>
#include <rte_eal.h>
#include <rte_malloc.h>
#include <rte_memzone.h>

#include "rte_pmd_netdma.h"
#include "eal_test.h"

static int
test_bad_devargs(void)
{
	static const char *const bad[] = {
		"channels=0", "channels=17", "channels=x", "delay_us=-1", "xfercap=32",
		"resume=maybe", "version=0x20", "fill=2", "nosuchkey=1", "channels=1,channels=2",
		"suspend_timeout_ms=0", "engine_lcore=200", "engine_cpu=1,engine_lcore=0",
		"desc_write=nt", "desc_write=plain,desc_write=stream",
	};
	unsigned int i;

	for (i = 0; i < RTE_DIM(bad); i++) {
		CHECK(rte_vdev_init("dma_netdma9", bad[i]) < 0, "devargs \"%s\" accepted", bad[i]);
		CHECK(rte_dma_get_dev_id_by_name("dma_netdma9") < 0, "device left behind");
	}
	return 0;
}

static int
test_control_bad_input(void)
{
	struct rte_dma_conf conf2 = { .nb_vchans = 2 };
	struct rte_dma_conf conf1 = { .nb_vchans = 1 };
	struct rte_dma_vchan_conf vc = { .direction = RTE_DMA_DIR_MEM_TO_MEM, .nb_desc = 16 };
	struct rte_pmd_netdma_suspend_info si;
	struct rte_pmd_netdma_job job = { .op = RTE_PMD_NETDMA_OP_COPY, .length = 8 };
	struct rte_pmd_netdma_stats pst;
	enum rte_dma_status_code st;
	uint64_t ticket;
	int16_t id, skel;

	CHECK(rte_vdev_init("dma_netdma1", NULL) == 0, "probe");
	id = (int16_t)rte_dma_get_dev_id_by_name("dma_netdma1");
	CHECK(id >= 0, "dmadev named after the vdev");
	CHECK(rte_dma_configure(id, &conf2) < 0, "two vchans refused");
	CHECK(rte_dma_configure(id, &conf1) == 0, "configure");
	CHECK(rte_dma_vchan_setup(id, 0, &vc) < 0, "nb_desc 16 refused");
	vc.nb_desc = 40000;
	CHECK(rte_dma_vchan_setup(id, 0, &vc) < 0, "nb_desc 40000 refused");
	vc.direction = RTE_DMA_DIR_MEM_TO_DEV;
	vc.nb_desc = 64;
	CHECK(rte_dma_vchan_setup(id, 0, &vc) < 0, "MEM_TO_DEV refused");

	/* every rte_pmd_netdma_* call: bad ids, not netdma, not set up, stopped */
	rte_vdev_init("dma_skeleton", NULL);
	skel = (int16_t)rte_dma_get_dev_id_by_name("dma_skeleton");
	CHECK(rte_pmd_netdma_state(-1, 0) == -EINVAL, "state bad id");
	CHECK(rte_pmd_netdma_state(id, 0) == -EINVAL, "state before vchan setup");
	if (skel >= 0)
		CHECK(rte_pmd_netdma_suspend(skel, 0, &si) == -EINVAL, "not a netdma device");
	CHECK(rte_pmd_netdma_suspend(1000, 0, &si) == -EINVAL, "suspend bad id");
	CHECK(rte_pmd_netdma_resume(-5, 0) == -EINVAL, "resume bad id");
	CHECK(rte_pmd_netdma_pending(id, 0, NULL, 4) == -EINVAL, "pending NULL");
	CHECK(rte_pmd_netdma_cancel(id, 0, 0) == -EINVAL, "cancel not set up");
	CHECK(rte_pmd_netdma_rewrite(id, 0, NULL) == -EINVAL, "rewrite NULL");
	CHECK(rte_pmd_netdma_insert(id, 0, 0, &job, NULL) == -EINVAL, "insert NULL ticket");
	CHECK(rte_pmd_netdma_ticket_status(id, 0, 1, NULL) == -EINVAL, "ticket NULL");
	CHECK(rte_pmd_netdma_stats_get(id, 0, NULL) == -EINVAL, "stats NULL");

	vc.direction = RTE_DMA_DIR_MEM_TO_MEM;
	CHECK(rte_dma_vchan_setup(id, 0, &vc) == 0, "setup");
	CHECK(rte_pmd_netdma_state(id, 1) == -EINVAL, "vchan 1");
	CHECK(rte_pmd_netdma_suspend(id, 0, &si) == -EINVAL, "suspend while stopped");
	CHECK(rte_dma_start(id) == 0, "start");
	CHECK(rte_pmd_netdma_state(id, 0) == RTE_PMD_NETDMA_STATE_IDLE, "idle after start");
	CHECK(rte_pmd_netdma_resume(id, 0) == -EINVAL, "resume while running");
	CHECK(rte_pmd_netdma_pending(id, 0, NULL, 0) == -EINVAL, "pending while running");
	CHECK(rte_pmd_netdma_cancel(id, 0, 0) == -EINVAL, "cancel while running");
	CHECK(rte_pmd_netdma_insert(id, 0, 0, &job, &ticket) == -EINVAL, "insert while running");
	CHECK(rte_pmd_netdma_ticket_status(id, 0, 12345, &st) == -ENOENT, "unknown ticket");
	CHECK(rte_pmd_netdma_ticket_status(id, 0, 0, &st) == -ENOENT, "ticket 0");
	CHECK(rte_pmd_netdma_suspend(id, 0, &si) == 0, "suspend idle");
	CHECK(rte_pmd_netdma_state(id, 0) == RTE_PMD_NETDMA_STATE_SUSPENDED, "suspended");
	CHECK(si.nb_pending == 0, "nothing pending");
	CHECK(rte_pmd_netdma_suspend(id, 0, &si) == -EALREADY, "suspend twice");
	CHECK(rte_pmd_netdma_cancel(id, 0, 77) == -ENOENT, "cancel not pending");
	CHECK(rte_pmd_netdma_insert(id, 0, 5, &job, &ticket) == -ERANGE, "pos beyond pending");
	job.length = 0;
	CHECK(rte_pmd_netdma_insert(id, 0, 0, &job, &ticket) == -EINVAL, "length 0");
	job.length = 8;
	job.op = (enum rte_pmd_netdma_op)7;
	CHECK(rte_pmd_netdma_insert(id, 0, 0, &job, &ticket) == -EINVAL, "bad op");
	job.op = RTE_PMD_NETDMA_OP_COPY;
	job.flags = 1ull << 40;
	CHECK(rte_pmd_netdma_insert(id, 0, 0, &job, &ticket) == -EINVAL, "bad flags");
	CHECK(rte_pmd_netdma_resume(id, 0) == 0, "resume");
	CHECK(rte_pmd_netdma_stats_get(id, 0, &pst) == 0 && pst.suspends == 1 &&
			pst.resumes == 1, "control stats");
	CHECK(rte_dma_stop(id) == 0, "stop");
	CHECK(rte_dma_close(id) == 0, "close");
	CHECK(rte_vdev_uninit("dma_netdma1") == 0, "uninit after close");
	return 0;
}

/* ring_idx restarts at 0 after stop/start; stats and capacity reset. */
static int
test_stop_start(void)
{
	const size_t len = 4096;
	uint8_t *src = rte_malloc(NULL, len, 64), *dst = rte_zmalloc(NULL, len, 64);
	enum rte_dma_status_code st[8];
	struct rte_dma_stats stats;
	uint16_t last;
	int16_t id;
	int i, round;

	CHECK(src && dst, "alloc");
	memset(src, 0xa5, len);
	CHECK(rte_vdev_init("dma_netdma2", NULL) == 0, "probe");
	id = (int16_t)rte_dma_get_dev_id_by_name("dma_netdma2");
	CHECK(test_dev_setup(id, 128, true) == 0, "setup");
	CHECK(rte_dma_burst_capacity(id, 0) == 127, "capacity %u", rte_dma_burst_capacity(id, 0));
	for (round = 0; round < 3; round++) {
		for (i = 0; i < 8; i++)
			CHECK(rte_dma_copy(id, 0, rte_malloc_virt2iova(src) + i * 512,
					rte_malloc_virt2iova(dst) + i * 512, 512, 0) == i,
					"ring_idx %d in round %d", i, round);
		rte_dma_submit(id, 0);
		CHECK(test_collect(id, 8, st, &last, 5) == 0 && last == 7, "completions");
		CHECK(memcmp(src, dst, len) == 0, "data");
		rte_dma_stats_get(id, 0, &stats);
		CHECK(stats.submitted == 8 && stats.completed == 8 && stats.errors == 0,
				"stats %lu/%lu", (unsigned long)stats.submitted,
				(unsigned long)stats.completed);
		CHECK(rte_dma_stop(id) == 0, "stop");
		memset(dst, 0, len);
		CHECK(rte_dma_start(id) == 0, "restart");
	}
	/* removal of a started device is refused, of a stopped one works */
	CHECK(rte_vdev_uninit("dma_netdma2") == -EBUSY, "remove while started");
	CHECK(rte_dma_get_dev_id_by_name("dma_netdma2") == id, "still there");
	CHECK(rte_dma_stop(id) == 0, "stop");
	CHECK(rte_vdev_uninit("dma_netdma2") == 0, "remove stopped");
	CHECK(rte_dma_get_dev_id_by_name("dma_netdma2") < 0, "gone");
	rte_free(src);
	rte_free(dst);
	return 0;
}

/* channels=3: three dmadevs on one engine, used at once. */
static int
test_channels(void)
{
	const char *names[] = { "dma_netdma3_ch0", "dma_netdma3_ch1", "dma_netdma3_ch2" };
	uint8_t *buf = rte_zmalloc(NULL, 3 * 2048, 64);
	enum rte_dma_status_code st[4];
	uint16_t last;
	int16_t ids[3];
	int c;

	CHECK(buf != NULL, "alloc");
	CHECK(rte_vdev_init("dma_netdma3", "channels=3,resume=rearm") == 0, "probe");
	for (c = 0; c < 3; c++) {
		ids[c] = (int16_t)rte_dma_get_dev_id_by_name(names[c]);
		CHECK(ids[c] >= 0, "%s", names[c]);
		CHECK(test_dev_setup(ids[c], 64, true) == 0, "setup %d", c);
		memset(buf + c * 2048, 0x10 + c, 1024);
		CHECK(rte_dma_copy(ids[c], 0, rte_malloc_virt2iova(buf) + c * 2048,
				rte_malloc_virt2iova(buf) + c * 2048 + 1024, 1024,
				RTE_DMA_OP_FLAG_SUBMIT) == 0, "copy %d", c);
	}
	for (c = 0; c < 3; c++) {
		CHECK(test_collect(ids[c], 1, st, &last, 5) == 0 && st[0] == RTE_DMA_STATUS_SUCCESSFUL,
				"done %d", c);
		CHECK(buf[c * 2048 + 2047] == 0x10 + c, "channel %d copied its own buffer", c);
	}
	for (c = 0; c < 3; c++)
		rte_dma_stop(ids[c]);
	CHECK(rte_vdev_uninit("dma_netdma3") == 0, "remove");
	rte_free(buf);
	return 0;
}

/* A bad IOVA is the job's status, not an enqueue error; the channel goes on. */
static int
test_bad_iova_status(void)
{
	uint8_t *buf = rte_zmalloc(NULL, 4096, 64);
	enum rte_dma_status_code st[3];
	uint16_t last;
	int16_t id;

	CHECK(buf != NULL, "alloc");
	CHECK(rte_vdev_init("dma_netdma4", NULL) == 0, "probe");
	id = (int16_t)rte_dma_get_dev_id_by_name("dma_netdma4");
	CHECK(test_dev_setup(id, 64, true) == 0, "setup");
	CHECK(rte_dma_copy(id, 0, rte_malloc_virt2iova(buf), 0, 64, 0) == 0, "dst 0 accepted");
	CHECK(rte_dma_copy(id, 0, 0x10, rte_malloc_virt2iova(buf), 64, 0) == 1, "src 0x10");
	CHECK(rte_dma_copy(id, 0, rte_malloc_virt2iova(buf), rte_malloc_virt2iova(buf) + 2048,
			64, RTE_DMA_OP_FLAG_SUBMIT) == 2, "good one");
	CHECK(test_collect(id, 3, st, &last, 5) == 0, "statuses");
	CHECK(st[0] == RTE_DMA_STATUS_INVALID_DST_ADDR, "dst status %d", st[0]);
	CHECK(st[1] == RTE_DMA_STATUS_INVALID_SRC_ADDR, "src status %d", st[1]);
	CHECK(st[2] == RTE_DMA_STATUS_SUCCESSFUL, "good status %d", st[2]);
	CHECK(rte_dma_copy(id, 0, 0, 0, 1u << 21, 0) == -EINVAL, "longer than XFERCAP");
	rte_dma_stop(id);
	CHECK(rte_vdev_uninit("dma_netdma4") == 0, "remove");
	rte_free(buf);
	return 0;
}

/* XFERCAP: 12 caps copies at 4 KiB; 0 means 4 GiB (a 1.5 MiB copy runs, over
 * the default 1 MiB). */
static int
test_xfercap(void)
{
	const size_t big = 3u << 19;
	/* IOVA-contiguous (within one 2 MiB page in PA mode) */
	const struct rte_memzone *ms = rte_memzone_reserve_aligned("api_xfercap_src", big,
			SOCKET_ID_ANY, RTE_MEMZONE_IOVA_CONTIG, 64);
	const struct rte_memzone *md = rte_memzone_reserve_aligned("api_xfercap_dst", big,
			SOCKET_ID_ANY, RTE_MEMZONE_IOVA_CONTIG, 64);
	enum rte_dma_status_code st[1];
	uint8_t *src, *dst;
	uint16_t last;
	size_t i;
	int16_t id;

	CHECK(ms && md, "IOVA-contiguous memzones of 1.5 MiB");
	src = ms->addr;
	dst = md->addr;
	memset(dst, 0, big);
	for (i = 0; i < big; i++)
		src[i] = (uint8_t)(i * 7 + 3);
	CHECK(rte_vdev_init("dma_netdma5", "xfercap=12") == 0, "probe xfercap=12");
	id = (int16_t)rte_dma_get_dev_id_by_name("dma_netdma5");
	CHECK(test_dev_setup(id, 64, true) == 0, "setup");
	CHECK(rte_dma_copy(id, 0, ms->iova, md->iova,
			4097, 0) == -EINVAL, "4097 B over XFERCAP 12");
	CHECK(rte_dma_copy(id, 0, ms->iova, md->iova,
			4096, RTE_DMA_OP_FLAG_SUBMIT) == 0, "4096 B");
	CHECK(test_collect(id, 1, st, &last, 5) == 0 && st[0] == RTE_DMA_STATUS_SUCCESSFUL,
			"4096 B done");
	CHECK(memcmp(src, dst, 4096) == 0 && dst[4096] == 0, "4096 B data");
	rte_dma_stop(id);
	CHECK(rte_vdev_uninit("dma_netdma5") == 0, "remove");

	memset(dst, 0, big);
	CHECK(rte_vdev_init("dma_netdma5", "xfercap=0") == 0, "probe xfercap=0");
	id = (int16_t)rte_dma_get_dev_id_by_name("dma_netdma5");
	CHECK(test_dev_setup(id, 64, true) == 0, "setup");
	CHECK(rte_dma_copy(id, 0, ms->iova, md->iova,
			(uint32_t)big, RTE_DMA_OP_FLAG_SUBMIT) == 0, "1.5 MiB under XFERCAP 0");
	CHECK(test_collect(id, 1, st, &last, 5) == 0 && st[0] == RTE_DMA_STATUS_SUCCESSFUL,
			"1.5 MiB done, status %d", st[0]);
	CHECK(memcmp(src, dst, big) == 0, "1.5 MiB data");
	rte_dma_stop(id);
	CHECK(rte_vdev_uninit("dma_netdma5") == 0, "remove");
	rte_memzone_free(ms);
	rte_memzone_free(md);
	return 0;
}

/* Capabilities follow CBVER: HANDLES_ERRORS from v3.4 (as DPDK's ioat),
 * fill as DMACAP says. */
static int
test_capabilities(void)
{
	static const struct {
		const char *args;
		bool errors, fill;
	} cases[] = {
		{ NULL, true, true },			/* default: v3.4 */
		{ "version=0x33", false, true },
		{ "version=0x30,fill=0", false, false },
		{ "version=0x34,silicon=strict", true, true },
	};
	struct rte_dma_info info;
	unsigned int i;
	int16_t id;

	for (i = 0; i < RTE_DIM(cases); i++) {
		CHECK(rte_vdev_init("dma_netdma6", cases[i].args) == 0, "probe %s", cases[i].args);
		id = (int16_t)rte_dma_get_dev_id_by_name("dma_netdma6");
		CHECK(rte_dma_info_get(id, &info) == 0, "info");
		CHECK(!!(info.dev_capa & RTE_DMA_CAPA_HANDLES_ERRORS) == cases[i].errors,
				"%s: HANDLES_ERRORS %d", cases[i].args,
				!!(info.dev_capa & RTE_DMA_CAPA_HANDLES_ERRORS));
		CHECK(!!(info.dev_capa & RTE_DMA_CAPA_OPS_FILL) == cases[i].fill,
				"%s: OPS_FILL", cases[i].args);
		CHECK((info.dev_capa & (RTE_DMA_CAPA_MEM_TO_MEM | RTE_DMA_CAPA_OPS_COPY)) ==
				(RTE_DMA_CAPA_MEM_TO_MEM | RTE_DMA_CAPA_OPS_COPY), "copy");
		CHECK(rte_vdev_uninit("dma_netdma6") == 0, "remove");
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct th_test cases[] = {
		TH_TEST_NAMED("bad_devargs", test_bad_devargs),
		TH_TEST_NAMED("control_bad_input", test_control_bad_input),
		TH_TEST_NAMED("stop_start", test_stop_start),
		TH_TEST_NAMED("channels", test_channels),
		TH_TEST_NAMED("bad_iova_status", test_bad_iova_status),
		TH_TEST_NAMED("xfercap", test_xfercap),
		TH_TEST_NAMED("capabilities", test_capabilities),
	};
	int ret;

	if (rte_eal_init(argc, argv) < 0) {
		printf("EAL init failed\n");
		return 1;
	}
	printf("IOVA mode: %s\n", rte_eal_iova_mode() == RTE_IOVA_VA ? "VA" : "PA");
	ret = th_run(cases, RTE_DIM(cases), NULL, NULL);
	rte_eal_cleanup();
	return ret;
}

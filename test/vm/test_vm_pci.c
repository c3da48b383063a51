/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * The PCI path of the netdma PMD, end to end: run inside the VM rig's guest
 * with the emulated CBDMA (ivshmem + netdma-model-daemon) bound to vfio-pci:
 *
 *   test_vm_pci -l 0-1 --iova-mode=pa -a <bdf> -- --bdf <bdf> [--xfercap N]
 *
 * (On a host without the rig, the same checks run against the vdev:
 *   test_vm_pci --no-pci --vdev dma_netdma0 -- --bdf dma_netdma0 --driver dma_netdma)
 *
 * Checks the probe (dmadev named after the PCI address, owned by the netdma
 * driver, capabilities), copies and fills verified byte by byte, the XFERCAP
 * limit, an error and the recovery after it, stop/start, and one
 * suspend / cancel / insert / resume cycle.  Waits are bounded only to turn a
 * hang into a failure; nothing is timed.
 */

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_dev.h>
#include <rte_dmadev.h>
#include <rte_eal.h>
#include <rte_memzone.h>

#include "rte_pmd_netdma.h"

#define WAIT_S		30	/* a hang, not a speed limit */
#define RING		512
#define BUF_LEN		(1u << 20)
#define LOAD_JOBS	200	/* 1 MiB copies that keep the engine busy */

static unsigned int passed, failed;
static int16_t dev;
static const char *bdf;
static unsigned int xfercap_log2 = 20;
static const char *want_driver = "dma_netdma_ivshmem";
static const struct rte_memzone *mz_src, *mz_dst;

#define CHECK(cond, ...) do { \
	if (cond) { \
		passed++; \
	} else { \
		failed++; \
		printf("FAIL %s:%d: %s: ", __func__, __LINE__, #cond); \
		printf(__VA_ARGS__); \
		printf("\n"); \
	} \
} while (0)

static uint8_t *src_va(size_t off) { return (uint8_t *)mz_src->addr + off; }
static uint8_t *dst_va(size_t off) { return (uint8_t *)mz_dst->addr + off; }
static rte_iova_t src_iova(size_t off) { return mz_src->iova + off; }
static rte_iova_t dst_iova(size_t off) { return mz_dst->iova + off; }

static void
pattern(uint8_t *p, size_t len, unsigned int seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (uint8_t)(i * 31 + seed * 7 + (i >> 8));
}

/* Collect n completions (statuses into st, may be NULL): count collected. */
static unsigned int
collect(unsigned int n, enum rte_dma_status_code *st, uint16_t *last)
{
	uint64_t end = rte_get_timer_cycles() + WAIT_S * rte_get_timer_hz();
	enum rte_dma_status_code tmp[RING];
	unsigned int got = 0;

	while (got < n && rte_get_timer_cycles() < end) {
		uint16_t want = (uint16_t)RTE_MIN(n - got, (unsigned int)RING);
		uint16_t k = rte_dma_completed_status(dev, 0, want, last, tmp);

		if (st != NULL)
			memcpy(st + got, tmp, k * sizeof(*tmp));
		got += k;
		if (k == 0)
			rte_delay_us_sleep(50);
	}
	return got;
}

static int
find_driver(const char *name, char *drv, size_t len)
{
	struct rte_dev_iterator it;
	struct rte_device *d;

	static const char *const buses[] = { "bus=pci", "bus=vdev" };
	unsigned int i;

	snprintf(drv, len, "(none)");
	for (i = 0; i < RTE_DIM(buses); i++) {
		RTE_DEV_FOREACH(d, buses[i], &it) {
			if (strcmp(rte_dev_name(d), name) != 0)
				continue;
			if (rte_dev_driver(d) != NULL)
				snprintf(drv, len, "%s", rte_driver_name(rte_dev_driver(d)));
			return 0;
		}
	}
	return -1;
}

static void
test_probe(void)
{
	struct rte_dma_info info;
	char drv[64];
	int id = rte_dma_get_dev_id_by_name(bdf);

	CHECK(id >= 0, "no dmadev named %s", bdf);
	if (id < 0)
		return;
	dev = (int16_t)id;
	CHECK(rte_dma_count_avail() == 1, "%u dmadevs", rte_dma_count_avail());
	CHECK(find_driver(bdf, drv, sizeof(drv)) == 0, "PCI device %s not on the bus", bdf);
	CHECK(strcmp(drv, want_driver) == 0, "%s is driven by %s, not %s", bdf, drv, want_driver);
	CHECK(rte_dma_info_get(dev, &info) == 0, "info");
	CHECK(strcmp(info.dev_name, bdf) == 0, "dev_name %s", info.dev_name);
	CHECK((info.dev_capa & (RTE_DMA_CAPA_MEM_TO_MEM | RTE_DMA_CAPA_OPS_COPY |
			RTE_DMA_CAPA_OPS_FILL | RTE_DMA_CAPA_HANDLES_ERRORS)) ==
		(RTE_DMA_CAPA_MEM_TO_MEM | RTE_DMA_CAPA_OPS_COPY | RTE_DMA_CAPA_OPS_FILL |
			RTE_DMA_CAPA_HANDLES_ERRORS), "dev_capa 0x%" PRIx64, info.dev_capa);
	CHECK(info.max_vchans == 1 && info.nb_vchans == 0, "vchans %u/%u", info.max_vchans,
			info.nb_vchans);
	CHECK(info.min_desc <= RING && info.max_desc >= RING, "desc %u..%u", info.min_desc,
			info.max_desc);
	printf("probe: %s driven by %s, capa 0x%" PRIx64 "\n", bdf, drv, info.dev_capa);
}

static int
setup_start(void)
{
	struct rte_dma_conf conf = { .nb_vchans = 1 };
	struct rte_dma_vchan_conf vc = { .direction = RTE_DMA_DIR_MEM_TO_MEM, .nb_desc = RING };
	struct rte_dma_stats st;

	if (rte_dma_configure(dev, &conf) != 0 || rte_dma_vchan_setup(dev, 0, &vc) != 0) {
		CHECK(0, "configure/vchan_setup");
		return -1;
	}
	CHECK(rte_dma_start(dev) == 0, "start (channel bring-up)");
	CHECK(rte_dma_stats_get(dev, 0, &st) == 0 && st.submitted == 0 && st.completed == 0,
			"stats not zero after start");
	return 0;
}

static void
test_copies(void)
{
	static const uint32_t lens[] = { 1, 7, 64, 100, 4096, 65536, 65537 };
	enum rte_dma_status_code st[RTE_DIM(lens)];
	size_t off = 0, offs[RTE_DIM(lens)];
	unsigned int i, got;
	uint16_t last = 0;
	int id0 = -1, id;

	pattern(src_va(0), BUF_LEN, 1);
	memset(dst_va(0), 0xEE, BUF_LEN);
	for (i = 0; i < RTE_DIM(lens); i++) {
		offs[i] = off;
		id = rte_dma_copy(dev, 0, src_iova(off), dst_iova(off + 3), lens[i], 0);
		CHECK(id >= 0, "copy %u bytes: %d", lens[i], id);
		if (id0 < 0)
			id0 = id;
		off += lens[i] + 64;
	}
	CHECK(rte_dma_submit(dev, 0) == 0, "submit");
	got = collect(RTE_DIM(lens), st, &last);
	CHECK(got == RTE_DIM(lens), "%u of %zu completions", got, RTE_DIM(lens));
	CHECK(last == (uint16_t)(id0 + RTE_DIM(lens) - 1), "last_idx %u", last);
	for (i = 0; i < got; i++) {
		size_t o = offs[i];

		CHECK(st[i] == RTE_DMA_STATUS_SUCCESSFUL, "copy %u status %d", i, st[i]);
		CHECK(memcmp(dst_va(o + 3), src_va(o), lens[i]) == 0, "copy %u (%u bytes) differs",
				i, lens[i]);
		CHECK(dst_va(o + 2)[0] == 0xEE && dst_va(o + 3 + lens[i])[0] == 0xEE,
				"copy %u wrote outside its destination", i);
	}

	/* A burst of 100 small copies, one doorbell, flag on the last. */
	memset(dst_va(0), 0, 100 * 512);
	for (i = 0; i < 100; i++) {
		id = rte_dma_copy(dev, 0, src_iova(i * 512), dst_iova(i * 512), 512,
				i == 99 ? RTE_DMA_OP_FLAG_SUBMIT : 0);
		CHECK(id >= 0, "burst copy %u: %d", i, id);
	}
	got = collect(100, NULL, &last);
	CHECK(got == 100, "burst: %u of 100", got);
	CHECK(memcmp(dst_va(0), src_va(0), 100 * 512) == 0, "burst data differs");
	printf("copies: done\n");
}

static void
test_fill(void)
{
	const uint64_t pat = 0x0123456789ABCDEFull;
	enum rte_dma_status_code st;
	uint16_t last;
	unsigned int i;
	int id;

	memset(dst_va(0), 0x55, 2048);
	id = rte_dma_fill(dev, 0, pat, dst_iova(8), 1003, RTE_DMA_OP_FLAG_SUBMIT);
	CHECK(id >= 0, "fill: %d", id);
	CHECK(collect(1, &st, &last) == 1 && st == RTE_DMA_STATUS_SUCCESSFUL, "fill status");
	for (i = 0; i < 1003; i++)
		if (dst_va(8)[i] != (uint8_t)(pat >> (8 * (i % 8))))
			break;
	CHECK(i == 1003, "fill byte %u is 0x%02x", i, dst_va(8)[i]);
	CHECK(dst_va(7)[0] == 0x55 && dst_va(8 + 1003)[0] == 0x55, "fill wrote outside");
	printf("fill: done\n");
}

static void
test_xfercap(void)
{
	uint64_t max = (uint64_t)1 << xfercap_log2;
	enum rte_dma_status_code st;
	uint16_t last;
	int id;

	if (max > BUF_LEN) {
		printf("xfercap: 2^%u beyond the test buffers, limit check only\n", xfercap_log2);
	} else {
		pattern(src_va(0), max, 9);
		id = rte_dma_copy(dev, 0, src_iova(0), dst_iova(0), (uint32_t)max,
				RTE_DMA_OP_FLAG_SUBMIT);
		CHECK(id >= 0, "copy of XFERCAP bytes refused: %d", id);
		CHECK(collect(1, &st, &last) == 1 && st == RTE_DMA_STATUS_SUCCESSFUL,
				"XFERCAP copy status");
		CHECK(memcmp(dst_va(0), src_va(0), max) == 0, "XFERCAP copy differs");
	}
	if (max < UINT32_MAX) {
		id = rte_dma_copy(dev, 0, src_iova(0), dst_iova(0), (uint32_t)max + 1, 0);
		CHECK(id == -EINVAL, "copy of XFERCAP + 1 bytes: %d, want -EINVAL", id);
	}
	printf("xfercap: %" PRIu64 " bytes accepted, one more refused\n", max);
}

static void
test_error(void)
{
	enum rte_dma_status_code st[3];
	struct rte_dma_stats s0, s1;
	uint16_t last;
	unsigned int got;

	/* 1 TiB is beyond the guest's RAM: the device cannot read it. */
	const rte_iova_t bad = 1ull << 40;

	rte_dma_stats_get(dev, 0, &s0);
	memset(dst_va(0), 0, 4096);
	pattern(src_va(0), 4096, 3);
	CHECK(rte_dma_copy(dev, 0, src_iova(0), dst_iova(0), 64, 0) >= 0, "copy 1");
	CHECK(rte_dma_copy(dev, 0, bad, dst_iova(1024), 64, 0) >= 0, "bad copy");
	CHECK(rte_dma_copy(dev, 0, src_iova(2048), dst_iova(2048), 64,
			RTE_DMA_OP_FLAG_SUBMIT) >= 0, "copy 3");
	got = collect(3, st, &last);
	CHECK(got == 3, "%u of 3 completions after an error", got);
	CHECK(st[0] == RTE_DMA_STATUS_SUCCESSFUL, "status 0: %d", st[0]);
	CHECK(st[1] == RTE_DMA_STATUS_INVALID_SRC_ADDR, "status 1: %d, want INVALID_SRC_ADDR",
			st[1]);
	CHECK(st[2] == RTE_DMA_STATUS_SUCCESSFUL, "status 2 (after recovery): %d", st[2]);
	CHECK(memcmp(dst_va(0), src_va(0), 64) == 0 &&
			memcmp(dst_va(2048), src_va(2048), 64) == 0, "good copies differ");
	CHECK(dst_va(1024)[0] == 0, "failed copy wrote its destination");
	rte_dma_stats_get(dev, 0, &s1);
	CHECK(s1.errors == s0.errors + 1, "errors %" PRIu64 " -> %" PRIu64, s0.errors, s1.errors);
	printf("error: INVALID_SRC_ADDR reported, channel recovered\n");
}

static void
test_restart(void)
{
	enum rte_dma_status_code st;
	uint16_t last;
	int id;

	printf("restart: stop\n");
	fflush(stdout);
	CHECK(rte_dma_stop(dev) == 0, "stop");
	CHECK(rte_dma_start(dev) == 0, "start again");
	memset(dst_va(0), 0, 256);
	id = rte_dma_copy(dev, 0, src_iova(0), dst_iova(0), 256, RTE_DMA_OP_FLAG_SUBMIT);
	CHECK(id == 0, "first ring_idx after restart: %d", id);
	CHECK(collect(1, &st, &last) == 1 && st == RTE_DMA_STATUS_SUCCESSFUL, "copy after restart");
	CHECK(memcmp(dst_va(0), src_va(0), 256) == 0, "copy after restart differs");
	printf("restart: done\n");
}

/*
 * Suspend while 1 MiB copies keep the engine busy, so that three small tagged
 * copies A, B, C are still pending; cancel B, insert a fill D at the end,
 * resume; every job completes once, B never touches its destination.
 */
static void
test_suspend_cycle(void)
{
	static enum rte_dma_status_code st[LOAD_JOBS + 3];
	static struct rte_pmd_netdma_job jobs[LOAD_JOBS + 8];
	struct rte_pmd_netdma_suspend_info si;
	struct rte_pmd_netdma_stats ns;
	struct rte_pmd_netdma_job d;
	enum rte_dma_status_code tst;
	const size_t A = BUF_LEN - 3 * 4096, B = A + 4096, C = B + 4096;
	const uint64_t fillpat = 0xA5A5A5A5A5A5A5A5ull;
	const uint32_t load_len = (uint32_t)RTE_MIN((uint64_t)A - 4096,
			(uint64_t)1 << xfercap_log2);
	uint64_t ticket = 0, end;
	int ida = -1, idb = -1, idc = -1, n = 0, r, attempt, i, ok, found;
	unsigned int got;
	uint16_t last;

	for (attempt = 0; attempt < 5; attempt++) {
		pattern(src_va(0), BUF_LEN, 11 + attempt);
		memset(dst_va(A), 0, 3 * 4096);
		for (i = 0, ok = 0; i < LOAD_JOBS; i++)
			ok += rte_dma_copy(dev, 0, src_iova(0), dst_iova(0), load_len, 0) >= 0;
		ida = rte_dma_copy(dev, 0, src_iova(A), dst_iova(A), 512, 0);
		idb = rte_dma_copy(dev, 0, src_iova(B), dst_iova(B), 512, 0);
		idc = rte_dma_copy(dev, 0, src_iova(C), dst_iova(C), 512, RTE_DMA_OP_FLAG_SUBMIT);
		if (ok != LOAD_JOBS || ida < 0 || idb < 0 || idc < 0) {
			CHECK(0, "enqueued %d of %d load copies, tagged %d %d %d", ok, LOAD_JOBS,
					ida, idb, idc);
			collect(ok + (ida >= 0) + (idb >= 0) + (idc >= 0), NULL, &last);
			return;
		}
		r = rte_pmd_netdma_suspend(dev, 0, &si);
		CHECK(r == 0, "suspend: %d", r);
		if (r != 0)
			return;
		CHECK((si.completion & 7) == RTE_PMD_NETDMA_STATE_SUSPENDED,
				"completion word 0x%" PRIx64, si.completion);
		CHECK(rte_pmd_netdma_state(dev, 0) == RTE_PMD_NETDMA_STATE_SUSPENDED, "state");
		n = rte_pmd_netdma_pending(dev, 0, jobs, RTE_DIM(jobs));
		if (n >= 3)
			break;
		/* The engine finished everything before the SUSPEND: try again. */
		printf("suspend: only %d pending at attempt %d, again\n", n, attempt);
		CHECK(rte_pmd_netdma_resume(dev, 0) == 0, "resume");
		collect(LOAD_JOBS + 3, NULL, &last);
	}
	CHECK(n >= 3, "never caught the engine with the tagged jobs pending");
	if (n < 3)
		return;
	CHECK(si.nb_pending == n, "nb_pending %u, pending list %d", si.nb_pending, n);
	CHECK(jobs[n - 3].ring_idx == ida && jobs[n - 2].ring_idx == idb &&
			jobs[n - 1].ring_idx == idc, "last pending %u %u %u, want %d %d %d",
			jobs[n - 3].ring_idx, jobs[n - 2].ring_idx, jobs[n - 1].ring_idx,
			ida, idb, idc);
	CHECK(jobs[n - 2].src == src_iova(B) && jobs[n - 2].length == 512, "job B as pending");

	CHECK(rte_pmd_netdma_cancel(dev, 0, (uint16_t)idb) == 0, "cancel B");
	CHECK(rte_pmd_netdma_cancel(dev, 0, (uint16_t)idb) == -EALREADY, "cancel B twice");
	d = (struct rte_pmd_netdma_job){
		.op = RTE_PMD_NETDMA_OP_FILL, .pattern = fillpat, .dst = dst_iova(C + 1024),
		.length = 256,
	};
	r = rte_pmd_netdma_insert(dev, 0, (uint16_t)(n - 1), &d, &ticket);
	CHECK(r == 0 && ticket != 0, "insert D at the end: %d", r);
	found = rte_pmd_netdma_pending(dev, 0, jobs, RTE_DIM(jobs));
	CHECK(found == n, "pending after cancel + insert: %d, want %d", found, n);
	CHECK(rte_pmd_netdma_resume(dev, 0) == 0, "resume");

	/* Every job of this attempt, those done before the suspension included. */
	got = collect(LOAD_JOBS + 3, st, &last);
	CHECK(got == LOAD_JOBS + 3, "%u of %d completions after resume", got, LOAD_JOBS + 3);
	CHECK(last == (uint16_t)idc, "last_idx %u, want %d", last, idc);
	CHECK(st[got - 3] == RTE_DMA_STATUS_SUCCESSFUL, "A: %d", st[got - 3]);
	CHECK(st[got - 2] == RTE_DMA_STATUS_USER_ABORT, "B: %d, want USER_ABORT", st[got - 2]);
	CHECK(st[got - 1] == RTE_DMA_STATUS_SUCCESSFUL, "C: %d", st[got - 1]);
	end = rte_get_timer_cycles() + WAIT_S * rte_get_timer_hz();
	while ((r = rte_pmd_netdma_ticket_status(dev, 0, ticket, &tst)) == 0 &&
			rte_get_timer_cycles() < end)
		rte_delay_us_sleep(50);
	CHECK(r == 1 && tst == RTE_DMA_STATUS_SUCCESSFUL, "D: ticket %d status %d", r, tst);
	CHECK(memcmp(dst_va(A), src_va(A), 512) == 0, "A data");
	for (i = 0; i < 512 && dst_va(B)[i] == 0; i++)
		;
	CHECK(i == 512, "cancelled B wrote its destination (byte %d)", i);
	CHECK(memcmp(dst_va(C), src_va(C), 512) == 0, "C data");
	for (i = 0; i < 256 && dst_va(C + 1024)[i] == 0xA5; i++)
		;
	CHECK(i == 256, "inserted fill D byte %d", i);
	CHECK(rte_pmd_netdma_stats_get(dev, 0, &ns) == 0 && ns.cancels == 1 && ns.inserts == 1 &&
			ns.suspends == ns.resumes, "ctrl stats: cancels %" PRIu64 " inserts %" PRIu64
			" suspends %" PRIu64 " resumes %" PRIu64, ns.cancels, ns.inserts,
			ns.suspends, ns.resumes);
	printf("suspend: %d pending (%d attempt(s)), cancel + insert + resume checked, "
			"suspend latency %" PRIu64 " us\n", n, attempt + 1, ns.suspend_ns_last / 1000);
}

static int
parse_args(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "bdf", required_argument, NULL, 'b' },
		{ "xfercap", required_argument, NULL, 'x' },
		{ "driver", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'b':
			bdf = optarg;
			break;
		case 'x':
			xfercap_log2 = (unsigned int)atoi(optarg);
			break;
		case 'd':
			want_driver = optarg;
			break;
		default:
			return -1;
		}
	}
	if (bdf == NULL || xfercap_log2 < 1 || xfercap_log2 > 32) {
		fprintf(stderr, "usage: test_vm_pci <EAL args> -- --bdf <pci address> "
				"[--xfercap 1..32] [--driver name]\n");
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	int n = rte_eal_init(argc, argv);

	if (n < 0) {
		fprintf(stderr, "test_vm_pci: EAL init failed\n");
		return 1;
	}
	if (parse_args(argc - n, argv + n) != 0)
		return 2;
	if (rte_eal_iova_mode() != RTE_IOVA_PA)
		printf("note: IOVA mode is not PA; the host model sees guest-physical addresses\n");
	mz_src = rte_memzone_reserve_aligned("vm_src", BUF_LEN, SOCKET_ID_ANY,
			RTE_MEMZONE_IOVA_CONTIG, BUF_LEN);
	mz_dst = rte_memzone_reserve_aligned("vm_dst", BUF_LEN, SOCKET_ID_ANY,
			RTE_MEMZONE_IOVA_CONTIG, BUF_LEN);
	if (mz_src == NULL || mz_dst == NULL) {
		fprintf(stderr, "test_vm_pci: no IOVA-contiguous memory\n");
		return 1;
	}
	test_probe();
	if (failed == 0 && setup_start() == 0) {
		test_copies();
		test_fill();
		test_xfercap();
		test_error();
		test_restart();
		test_suspend_cycle();
		printf("final stop\n");
		fflush(stdout);
		CHECK(rte_dma_stop(dev) == 0, "stop");
		CHECK(rte_dma_close(dev) == 0, "close");
		CHECK(rte_dma_get_dev_id_by_name(bdf) < 0, "dmadev still there after close");
	}
	rte_eal_cleanup();
	printf("test_vm_pci: %u passed, %u failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}

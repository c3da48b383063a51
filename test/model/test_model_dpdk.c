/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * test_model_dpdk: the model over the DPDK IOVA backend, with EAL.
 * Usage: test_model_dpdk EAL-ARGS...   Exit 77 (skip) if EAL cannot start.
 *
 * Moves data between rte_malloc memory, a memzone and mbufs by IOVA,
 * checks an address outside DPDK memory is refused, and that memory added
 * after the backend was built (heap growth, registered external memory) is
 * found.
 */

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "cbdma_hw.h"
#include "cbdma_regs.h"
#include "cbdma_model_dpdk.h"
#include "test_harness.h"

#define WAIT_MS 3000

struct dchan {
	struct cbdma_model *m;
	volatile void *ch;
	struct cbdma_desc *ring;	/* rte_malloc */
	uint64_t *cmpl;
	unsigned int n, next;
	uint16_t dmacount;
};

static uint64_t
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static bool
wait_cmpl(struct dchan *d, uint64_t word)
{
	uint64_t t0 = now_us();

	while (__atomic_load_n(d->cmpl, __ATOMIC_ACQUIRE) != word)
		if (now_us() - t0 > WAIT_MS * 1000u)
			return false;
	return true;
}

static uint64_t
ring_iova(struct dchan *d, unsigned int k)
{
	return rte_mem_virt2iova(&d->ring[k % d->n]);
}

static int
dchan_up(struct dchan *d, struct cbdma_model_mem mem)
{
	struct cbdma_model_config cfg = {
		.nb_channels = 1, .engine_cpu = -1, .mem = mem, .name = "model-dpdk",
	};
	unsigned int i;

	memset(d, 0, sizeof(*d));
	d->n = 16;
	d->ring = rte_zmalloc(NULL, d->n * sizeof(*d->ring), 64);
	d->cmpl = rte_zmalloc(NULL, 64, 64);
	if (d->ring == NULL || d->cmpl == NULL)
		return -1;
	for (i = 0; i < d->n; i++)
		d->ring[i].next = ring_iova(d, i + 1);
	if (cbdma_model_create(&cfg, &d->m) != 0)
		return -2;
	d->ch = (volatile uint8_t *)cbdma_model_regs(d->m) + CBDMA_CHAN_OFFSET(0);
	cbdma_write16(d->ch, CBDMA_CHAN_CTRL, CBDMA_CTRL_ERR_COMPLETION_EN);
	cbdma_write64(d->ch, CBDMA_CHAN_CMPADDR, rte_mem_virt2iova(d->cmpl));
	cbdma_write64(d->ch, CBDMA_CHAN_CHAINADDR, ring_iova(d, 0));
	d->ring[0].size = CBDMA_NULL_DESC_SIZE;
	d->ring[0].ctl = CBDMA_DESC_NULL | CBDMA_DESC_COMPL_WRITE;
	d->next = 1;
	d->dmacount = 1;
	cbdma_write16(d->ch, CBDMA_CHAN_DMACOUNT, 1);
	return wait_cmpl(d, CBDMA_STS_IDLE | ring_iova(d, 0)) ? 0 : -3;
}

static void
dchan_down(struct dchan *d)
{
	cbdma_model_destroy(d->m);
	rte_free(d->ring);
	rte_free(d->cmpl);
}

/* One descriptor, run to completion; returns the completion word. */
static uint64_t
run_one(struct dchan *d, uint32_t op, uint64_t src, uint64_t dst, uint32_t len)
{
	struct cbdma_desc *x = &d->ring[d->next % d->n];
	uint64_t t0 = now_us(), w;

	x->size = len;
	x->ctl = CBDMA_DESC_COMPL_WRITE | (op << CBDMA_DESC_OP_SHIFT);
	x->src_addr = src;
	x->dst_addr = dst;
	d->next++;
	cbdma_write16(d->ch, CBDMA_CHAN_DMACOUNT, ++d->dmacount);
	for (;;) {
		w = __atomic_load_n(d->cmpl, __ATOMIC_ACQUIRE);
		if (cbdma_sts_addr(w) == rte_mem_virt2iova(x) ||
				cbdma_sts_status(w) == CBDMA_STS_HALTED ||
				now_us() - t0 > WAIT_MS * 1000u)
			return w;
	}
}

static void
copy_between_dpdk_memory(struct cbdma_model_mem mem)
{
	const struct rte_memzone *mz;
	struct rte_mempool *mp;
	struct rte_mbuf *mb;
	struct dchan d;
	uint8_t *a;
	uint64_t w;

	CHECK_EQ(dchan_up(&d, mem), 0);
	a = rte_malloc(NULL, 4096, 64);
	mz = rte_memzone_reserve_aligned("model_dpdk_mz", 1 << 20, SOCKET_ID_ANY,
			RTE_MEMZONE_IOVA_CONTIG, 4096);
	mp = rte_pktmbuf_pool_create("model_dpdk_mp", 63, 0, 0,
			RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	CHECK(a != NULL && mz != NULL && mp != NULL);
	mb = rte_pktmbuf_alloc(mp);
	CHECK(mb != NULL);

	memset(a, 0x42, 4096);
	w = run_one(&d, CBDMA_OP_COPY, rte_mem_virt2iova(a), mz->iova, 4096);
	CHECK_EQ(cbdma_sts_status(w), CBDMA_STS_IDLE);
	CHECK_EQ(((uint8_t *)mz->addr)[4095], 0x42);
	w = run_one(&d, CBDMA_OP_COPY, mz->iova + 100, rte_pktmbuf_iova(mb), 1000);
	CHECK_EQ(cbdma_sts_status(w), CBDMA_STS_IDLE);
	CHECK_EQ(rte_pktmbuf_mtod(mb, uint8_t *)[999], 0x42);
	w = run_one(&d, CBDMA_OP_FILL, 0x0101010101010101ull * 0x17, mz->iova, 1 << 20);
	CHECK_EQ(cbdma_sts_status(w), CBDMA_STS_IDLE);
	CHECK_EQ(((uint8_t *)mz->addr)[(1 << 20) - 1], 0x17);

	/* Not DPDK memory: refused (the same number as IOVA in VA mode). */
	{
		uint8_t *libc = malloc(4096);

		CHECK(libc != NULL);
		w = run_one(&d, CBDMA_OP_COPY, (uintptr_t)libc, mz->iova, 64);
		free(libc);
		CHECK_EQ(w, CBDMA_STS_HALTED | ring_iova(&d, d.next - 2));
		CHECK_EQ(cbdma_read32(d.ch, CBDMA_CHAN_ERR),
				CBDMA_ERR_SRC_ADDR | CBDMA_MODEL_CHANERR_MIRROR);
	}
	rte_pktmbuf_free(mb);
	rte_mempool_free(mp);
	rte_memzone_free(mz);
	rte_free(a);
	dchan_down(&d);
}

/* Memory that appears after the backend's table was built is found. */
static void
late_memory(struct cbdma_model_mem mem)
{
	const size_t big = 48u << 20;
	struct dchan d;
	uint8_t *a, *b, *ext;
	uint64_t w, ext_iova[2];
	int rc;

	CHECK_EQ(dchan_up(&d, mem), 0);
	/* Heap growth (a hot-plug in dynamic memory mode). */
	a = rte_malloc(NULL, 4096, 64);
	b = rte_malloc(NULL, big, 4096);
	if (b == NULL) {
		printf("    (no %zu MiB for heap growth, part skipped)\n", big >> 20);
	} else {
		memset(a, 0x99, 4096);
		w = run_one(&d, CBDMA_OP_COPY, rte_mem_virt2iova(a),
				rte_mem_virt2iova(b + big - 4096), 4096);
		CHECK_EQ(cbdma_sts_status(w), CBDMA_STS_IDLE);
		CHECK_EQ(b[big - 1], 0x99);
		rte_free(b);
	}

	/* External memory with made-up IOVAs: no mem event, found on a miss. */
	ext = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(ext != MAP_FAILED);
	ext_iova[0] = 0x5a5a00000000ull;
	ext_iova[1] = 0x5a5a00001000ull;
	rc = rte_extmem_register(ext, 8192, ext_iova, 2, 4096);
	if (rc != 0) {
		printf("    (rte_extmem_register: %s, part skipped)\n", rte_strerror(rte_errno));
	} else {
		struct timespec ts = { 0, 2000000 };

		nanosleep(&ts, NULL);	/* past the miss rebuild rate limit */
		w = run_one(&d, CBDMA_OP_COPY, rte_mem_virt2iova(a),
				ext_iova[0] + 4096 - 100, 200);	/* spans both pages */
		CHECK_EQ(cbdma_sts_status(w), CBDMA_STS_IDLE);
		CHECK_EQ(ext[4096 + 99], 0x99);
		rte_extmem_unregister(ext, 8192);
	}
	munmap(ext, 8192);
	rte_free(a);
	dchan_down(&d);
}

/* Each test runs with the model's memory as an object, then thread-local. */
static struct cbdma_model_dpdk_mem *dm;
static struct cbdma_model_mem cur_mem;
static const bool obj_mem, tls_mem = true;

static int
use_mem(const void *arg)
{
	cur_mem = *(const bool *)arg ? cbdma_model_dpdk_mem() : cbdma_model_dpdk_mem_ops(dm);
	return 0;
}

static void
copy_between(void)
{
	copy_between_dpdk_memory(cur_mem);
}

static void
late(void)
{
	late_memory(cur_mem);
}

int
main(int argc, char **argv)
{
	static const struct th_test tests[] = {
		TH_TEST_ARG("copy_between_dpdk_memory (object)", copy_between, &obj_mem),
		TH_TEST_ARG("late_memory (object)", late, &obj_mem),
		TH_TEST_ARG("copy_between_dpdk_memory (thread-local)", copy_between, &tls_mem),
		TH_TEST_ARG("late_memory (thread-local)", late, &tls_mem),
	};
	const struct th_opts o = { .setup = use_mem };
	int ret;

	if (rte_eal_init(argc, argv) < 0) {
		printf("EAL init failed (%s): skipped\n", rte_strerror(rte_errno));
		return 77;
	}
	printf("IOVA mode %s\n", rte_eal_iova_mode() == RTE_IOVA_PA ? "PA" : "VA");
	dm = cbdma_model_dpdk_mem_create();
	if (dm == NULL) {
		printf("cbdma_model_dpdk_mem_create failed\n");
		return 1;
	}
	ret = th_run(tests, RTE_DIM(tests), &o, NULL);
	cbdma_model_dpdk_mem_destroy(dm);
	rte_eal_cleanup();
	return ret;
}

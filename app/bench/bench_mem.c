/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * Buffers: one source and one destination region in hugepage memory, cut
 * into buffers of the run's size and shared out among the run's lanes.
 */

#include <errno.h>
#include <string.h>

#include <rte_malloc.h>
#include <rte_memory.h>

#include "bench.h"

#define REGION_ALIGN	(2u << 20)
#define PAGE_STEP	4096u

/* Is [va, va + len) contiguous in IOVA space?  *iova: where it starts. */
static bool
iova_contig(const uint8_t *va, uint64_t len, uint64_t *iova)
{
	rte_iova_t base = rte_mem_virt2iova(va);
	uint64_t off;

	*iova = base;
	if (base == RTE_BAD_IOVA)
		return false;
	for (off = PAGE_STEP; off < len; off += PAGE_STEP)
		if (rte_mem_virt2iova(va + off) != base + off)
			return false;
	return rte_mem_virt2iova(va + len - 1) == base + len - 1;
}

int
bench_mem_init(struct bench_mem *m, uint64_t len, uint32_t dst_offset)
{
	memset(m, 0, sizeof(*m));
	m->len = len;
	m->src = rte_malloc("netdma_bench_src", len, REGION_ALIGN);
	m->dst_alloc = rte_malloc("netdma_bench_dst", len + dst_offset, REGION_ALIGN);
	m->dst = m->dst_alloc ? m->dst_alloc + dst_offset : NULL;
	if (m->src == NULL || m->dst == NULL) {
		fprintf(stderr, "netdma-bench: cannot allocate 2 x %llu MB of hugepage memory "
				"(see --mem-mb; are hugepages reserved?)\n",
				(unsigned long long)(len >> 20));
		bench_mem_fini(m);
		return -ENOMEM;
	}
	m->iova_contig = iova_contig(m->src, len, &m->src_iova) &&
			iova_contig(m->dst, len, &m->dst_iova);
	return 0;
}

void
bench_mem_fini(struct bench_mem *m)
{
	rte_free(m->src);
	rte_free(m->dst_alloc);
	rte_free(m->src_iovas);
	rte_free(m->dst_iovas);
	memset(m, 0, sizeof(*m));
}

/* Per-buffer IOVAs when the regions are not IOVA-contiguous (PA mode). */
static int
build_tables(struct bench_mem *m, uint32_t size)
{
	uint64_t nb = m->len / size, i;

	if (m->table_size == size)
		return 0;
	rte_free(m->src_iovas);
	rte_free(m->dst_iovas);
	m->table_size = 0;
	m->src_iovas = rte_malloc(NULL, nb * sizeof(uint64_t), 64);
	m->dst_iovas = rte_malloc(NULL, nb * sizeof(uint64_t), 64);
	if (m->src_iovas == NULL || m->dst_iovas == NULL)
		return -ENOMEM;
	for (i = 0; i < nb; i++) {
		uint64_t s, d;

		if (!iova_contig(m->src + i * size, size, &s) ||
				!iova_contig(m->dst + i * size, size, &d)) {
			fprintf(stderr, "netdma-bench: a %u-byte buffer spans IOVA-discontiguous "
					"pages; use a size that divides the hugepage size or "
					"--iova-mode=va\n", size);
			return -EINVAL;
		}
		m->src_iovas[i] = s;
		m->dst_iovas[i] = d;
	}
	m->table_size = size;
	return 0;
}

int
bench_mem_lanes(struct bench_mem *m, struct bench_lane *lanes, unsigned int nb,
		uint32_t size)
{
	uint64_t total = m->len / size, per = total / nb, first;
	unsigned int i;
	int rc;

	if (per == 0) {
		fprintf(stderr, "netdma-bench: %llu MB cannot hold a %u-byte buffer for each "
				"of %u lanes\n", (unsigned long long)(m->len >> 20), size, nb);
		return -EINVAL;
	}
	if (per > UINT32_MAX)
		per = UINT32_MAX;
	if (!m->iova_contig && (rc = build_tables(m, size)) < 0)
		return rc;
	for (i = 0; i < nb; i++) {
		struct bench_lane *l = &lanes[i];

		first = (uint64_t)i * per;
		l->size = size;
		l->nr_buf = (uint32_t)per;
		l->src = m->src + first * size;
		l->dst = m->dst + first * size;
		if (m->iova_contig) {
			l->src_iova = m->src_iova + first * size;
			l->dst_iova = m->dst_iova + first * size;
			l->src_iovas = l->dst_iovas = NULL;
		} else {
			l->src_iovas = m->src_iovas + first;
			l->dst_iovas = m->dst_iovas + first;
		}
	}
	return 0;
}

static inline uint64_t
pattern_word(uint64_t seed, uint64_t i)
{
	uint64_t x = seed ^ (i * 0x9E3779B97F4A7C15ull);

	x ^= x >> 29;
	return x * 0xBF58476D1CE4E5B9ull;
}

void
bench_lane_prepare(struct bench_lane *l)
{
	uint64_t len = (uint64_t)l->nr_buf * l->size, i;
	uint64_t *w = (uint64_t *)l->src;

	for (i = 0; i < len / 8; i++)
		w[i] = pattern_word(l->seed, i);
	for (i = len & ~7ull; i < len; i++)
		l->src[i] = (uint8_t)pattern_word(l->seed, i);
	memset(l->dst, 0, len);
}

uint64_t
bench_lane_verify(const struct bench_lane *l, enum bench_verify how, uint64_t *bytes_checked)
{
	uint64_t copied = l->enqueued < l->nr_buf ? l->enqueued : l->nr_buf;
	uint64_t i, step = how == VERIFY_SAMPLE ? 61 : 1, bad = 0;

	*bytes_checked = 0;
	if (how == VERIFY_NONE || copied == 0)
		return 0;
	/* Buffers are used from the first on, so [0, copied) were written. */
	for (i = 0; i < copied; i += step) {
		uint64_t off = i * l->size;

		if (memcmp(l->dst + off, l->src + off, l->size) != 0)
			bad++;
		*bytes_checked += l->size;
	}
	if (step > 1 && (copied - 1) % step != 0) {	/* and the last one */
		uint64_t off = (copied - 1) * l->size;

		if (memcmp(l->dst + off, l->src + off, l->size) != 0)
			bad++;
		*bytes_checked += l->size;
	}
	return bad;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * Flat IOVA backend: a table of {iova, va, len} ranges kept sorted by IOVA,
 * looked up through a one-entry last-hit cache, then a binary search.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cbdma_model.h"

struct flat_range {
	uint64_t iova;
	uint64_t len;
	uint8_t *va;
};

struct cbdma_model_flat_mem {
	struct flat_range *r;
	unsigned int nb;
	unsigned int cap;
	/*
	 * Index of the last hit.  Relaxed atomic: a hint only, and one table
	 * may serve several engine threads.
	 */
	unsigned int last_hit;
};

struct cbdma_model_flat_mem *
cbdma_model_flat_mem_create(void)
{
	return calloc(1, sizeof(struct cbdma_model_flat_mem));
}

void
cbdma_model_flat_mem_destroy(struct cbdma_model_flat_mem *fm)
{
	if (fm == NULL)
		return;
	free(fm->r);
	free(fm);
}

/* Index of the first range whose iova is > the given one. */
static unsigned int
upper_bound(const struct cbdma_model_flat_mem *fm, uint64_t iova)
{
	unsigned int lo = 0, hi = fm->nb;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (fm->r[mid].iova <= iova)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int
cbdma_model_flat_mem_add(struct cbdma_model_flat_mem *fm, uint64_t iova, void *va,
		uint64_t len)
{
	unsigned int i;

	if (fm == NULL || va == NULL || len == 0 || iova + len - 1 < iova)
		return -EINVAL;
	i = upper_bound(fm, iova);
	if (i > 0 && iova - fm->r[i - 1].iova < fm->r[i - 1].len)
		return -EEXIST;
	if (i < fm->nb && fm->r[i].iova - iova < len)
		return -EEXIST;
	if (fm->nb == fm->cap) {
		unsigned int cap = fm->cap ? fm->cap * 2 : 8;
		struct flat_range *r = realloc(fm->r, cap * sizeof(*r));

		if (r == NULL)
			return -ENOMEM;
		fm->r = r;
		fm->cap = cap;
	}
	memmove(&fm->r[i + 1], &fm->r[i], (fm->nb - i) * sizeof(fm->r[0]));
	fm->r[i] = (struct flat_range){ .iova = iova, .len = len, .va = va };
	fm->nb++;
	return 0;
}

static inline bool
range_has(const struct flat_range *r, uint64_t iova, uint64_t len)
{
	uint64_t off = iova - r->iova;

	return iova >= r->iova && off < r->len && len <= r->len - off;
}

static void *
flat_translate(void *ctx, uint64_t iova, uint64_t len)
{
	struct cbdma_model_flat_mem *fm = ctx;
	unsigned int i;

	if (iova == 0)
		return NULL;
	if (len == 0)
		len = 1;
	i = __atomic_load_n(&fm->last_hit, __ATOMIC_RELAXED);
	if (i < fm->nb && range_has(&fm->r[i], iova, len))
		return fm->r[i].va + (iova - fm->r[i].iova);
	i = upper_bound(fm, iova);
	if (i == 0 || !range_has(&fm->r[i - 1], iova, len))
		return NULL;
	__atomic_store_n(&fm->last_hit, i - 1, __ATOMIC_RELAXED);
	return fm->r[i - 1].va + (iova - fm->r[i - 1].iova);
}

struct cbdma_model_mem
cbdma_model_flat_mem_ops(struct cbdma_model_flat_mem *fm)
{
	return (struct cbdma_model_mem){ .translate = flat_translate, .ctx = fm };
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/* DPDK IOVA backend: a table of memseg ranges, see cbdma_model_dpdk.h. */

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_common.h>
#include <rte_memory.h>

#include "cbdma_model_dpdk.h"

#define REBUILD_MIN_NS	1000000ull	/* miss-driven rebuilds: at most 1/ms */

struct dm_range {
	uint64_t iova;
	uint64_t len;
	uintptr_t va;
};

struct cbdma_model_dpdk_mem {
	struct dm_range *r;
	unsigned int nb;
	unsigned int cap;
	unsigned int last_hit;
	uint64_t gen;		/* mem_gen the table was built at */
	uint64_t built_ns;
};

/* Bumped by memory hot-plug events (alloc and free). */
static uint64_t mem_gen;
static pthread_once_t mem_event_once = PTHREAD_ONCE_INIT;

static void
mem_event_cb(enum rte_mem_event type, const void *addr, size_t len, void *arg)
{
	RTE_SET_USED(type);
	RTE_SET_USED(addr);
	RTE_SET_USED(len);
	RTE_SET_USED(arg);
	/*
	 * Relaxed: the engine only needs to notice a change; the walk it then
	 * does takes the memory read lock, which orders it after the change.
	 */
	__atomic_fetch_add(&mem_gen, 1, __ATOMIC_RELAXED);
}

static void
mem_event_register(void)
{
	/* Fails (ENOTSUP) in legacy and no-huge modes: no hot-plug there. */
	rte_mem_event_callback_register("cbdma_model_dpdk", mem_event_cb, NULL);
}

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int
walk_cb(const struct rte_memseg_list *msl, const struct rte_memseg *ms, void *arg)
{
	struct cbdma_model_dpdk_mem *dm = arg;

	RTE_SET_USED(msl);
	if (ms->iova == RTE_BAD_IOVA || ms->addr == NULL || ms->len == 0)
		return 0;
	if (dm->nb == dm->cap) {
		unsigned int cap = dm->cap ? dm->cap * 2 : 64;
		struct dm_range *r = realloc(dm->r, cap * sizeof(*r));

		if (r == NULL)
			return -1;
		dm->r = r;
		dm->cap = cap;
	}
	dm->r[dm->nb++] = (struct dm_range){
		.iova = ms->iova, .len = ms->len, .va = (uintptr_t)ms->addr,
	};
	return 0;
}

static int
range_cmp(const void *a, const void *b)
{
	const struct dm_range *x = a, *y = b;

	return x->iova < y->iova ? -1 : x->iova > y->iova;
}

/* Rebuild the table: segments sorted by IOVA, merged when contiguous in both. */
static int
rebuild(struct cbdma_model_dpdk_mem *dm)
{
	unsigned int i, n;

	dm->gen = __atomic_load_n(&mem_gen, __ATOMIC_RELAXED);
	dm->built_ns = now_ns();
	dm->nb = 0;
	dm->last_hit = 0;
	if (rte_memseg_walk(walk_cb, dm) < 0) {
		dm->nb = 0;
		return -ENOMEM;
	}
	qsort(dm->r, dm->nb, sizeof(dm->r[0]), range_cmp);
	for (i = 1, n = dm->nb ? 1 : 0; i < dm->nb; i++) {
		struct dm_range *p = &dm->r[n - 1];

		if (p->iova + p->len == dm->r[i].iova && p->va + p->len == dm->r[i].va)
			p->len += dm->r[i].len;
		else
			dm->r[n++] = dm->r[i];
	}
	dm->nb = n;
	return 0;
}

static inline bool
range_has(const struct dm_range *r, uint64_t iova, uint64_t len)
{
	uint64_t off = iova - r->iova;

	return iova >= r->iova && off < r->len && len <= r->len - off;
}

static void *
lookup(struct cbdma_model_dpdk_mem *dm, uint64_t iova, uint64_t len)
{
	unsigned int lo = 0, hi = dm->nb;
	const struct dm_range *r;

	if (dm->last_hit < dm->nb && range_has(&dm->r[dm->last_hit], iova, len)) {
		r = &dm->r[dm->last_hit];
		return (void *)(r->va + (iova - r->iova));
	}
	while (lo < hi) {	/* first range with iova > the one sought */
		unsigned int mid = lo + (hi - lo) / 2;

		if (dm->r[mid].iova <= iova)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || !range_has(&dm->r[lo - 1], iova, len))
		return NULL;
	dm->last_hit = lo - 1;
	r = &dm->r[lo - 1];
	return (void *)(r->va + (iova - r->iova));
}

static void *
dm_translate(struct cbdma_model_dpdk_mem *dm, uint64_t iova, uint64_t len)
{
	void *p;

	if (iova == 0)
		return NULL;
	if (len == 0)
		len = 1;
	if (__atomic_load_n(&mem_gen, __ATOMIC_RELAXED) != dm->gen)
		rebuild(dm);	/* memory came or went */
	p = lookup(dm, iova, len);
	if (p != NULL)
		return p;
	/* Not known: maybe memory without an event (extmem); look once more. */
	if (now_ns() - dm->built_ns < REBUILD_MIN_NS)
		return NULL;
	rebuild(dm);
	return lookup(dm, iova, len);
}

static void *
ops_translate(void *ctx, uint64_t iova, uint64_t len)
{
	return dm_translate(ctx, iova, len);
}

struct cbdma_model_dpdk_mem *
cbdma_model_dpdk_mem_create(void)
{
	struct cbdma_model_dpdk_mem *dm;
	int rc;

	pthread_once(&mem_event_once, mem_event_register);
	dm = calloc(1, sizeof(*dm));
	if (dm == NULL) {
		errno = ENOMEM;
		return NULL;
	}
	rc = rebuild(dm);
	if (rc != 0) {
		cbdma_model_dpdk_mem_destroy(dm);
		errno = -rc;
		return NULL;
	}
	return dm;
}

void
cbdma_model_dpdk_mem_destroy(struct cbdma_model_dpdk_mem *dm)
{
	if (dm == NULL)
		return;
	free(dm->r);
	free(dm);
}

struct cbdma_model_mem
cbdma_model_dpdk_mem_ops(struct cbdma_model_dpdk_mem *dm)
{
	return (struct cbdma_model_mem){ .translate = ops_translate, .ctx = dm };
}

/* ---- the object-less shorthand: one table per engine thread ---- */

static pthread_key_t tls_key;
static pthread_once_t tls_once = PTHREAD_ONCE_INIT;
static __thread struct cbdma_model_dpdk_mem *tls_dm;

static void
tls_free(void *p)
{
	cbdma_model_dpdk_mem_destroy(p);
}

static void
tls_key_create(void)
{
	pthread_key_create(&tls_key, tls_free);
}

static void *
tls_translate(void *ctx, uint64_t iova, uint64_t len)
{
	RTE_SET_USED(ctx);
	if (tls_dm == NULL) {
		tls_dm = calloc(1, sizeof(*tls_dm));
		if (tls_dm == NULL)
			return NULL;
		/* Registered for the destructor; gen mismatch forces a build. */
		pthread_setspecific(tls_key, tls_dm);
		tls_dm->gen = __atomic_load_n(&mem_gen, __ATOMIC_RELAXED) - 1;
	}
	return dm_translate(tls_dm, iova, len);
}

struct cbdma_model_mem
cbdma_model_dpdk_mem(void)
{
	pthread_once(&mem_event_once, mem_event_register);
	pthread_once(&tls_once, tls_key_create);
	return (struct cbdma_model_mem){ .translate = tls_translate, .ctx = NULL };
}

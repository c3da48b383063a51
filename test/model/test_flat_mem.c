/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/* The flat IOVA backend on its own. */

#include <errno.h>

#include "cbdma_model.h"
#include "test_harness.h"
#include "tests.h"

static uint8_t buf_a[256], buf_b[256], buf_c[64];

static void
flat_mem_lookup(void)
{
	struct cbdma_model_flat_mem *fm = cbdma_model_flat_mem_create();
	struct cbdma_model_mem mem;

	CHECK(fm != NULL);
	mem = cbdma_model_flat_mem_ops(fm);
	/* Added out of order: the table must stay sorted. */
	CHECK_EQ(cbdma_model_flat_mem_add(fm, 0x3000, buf_b, sizeof(buf_b)), 0);
	CHECK_EQ(cbdma_model_flat_mem_add(fm, 0x1000, buf_a, sizeof(buf_a)), 0);
	CHECK_EQ(cbdma_model_flat_mem_add(fm, 0x0, buf_c, sizeof(buf_c)), 0);

	CHECK(mem.translate(mem.ctx, 0x1000, 256) == buf_a);
	CHECK(mem.translate(mem.ctx, 0x10ff, 1) == buf_a + 255);
	CHECK(mem.translate(mem.ctx, 0x3010, 16) == buf_b + 16);
	/* The last-hit cache must not answer for another range. */
	CHECK(mem.translate(mem.ctx, 0x1004, 4) == buf_a + 4);
	CHECK(mem.translate(mem.ctx, 0x8, 8) == buf_c + 8);
	/* IOVA 0 never translates, even inside a range starting there. */
	CHECK(mem.translate(mem.ctx, 0x0, 8) == NULL);
	/* Past an end, between ranges, across an end, beyond all. */
	CHECK(mem.translate(mem.ctx, 0x1100, 1) == NULL);
	CHECK(mem.translate(mem.ctx, 0x2000, 1) == NULL);
	CHECK(mem.translate(mem.ctx, 0x10f0, 32) == NULL);
	CHECK(mem.translate(mem.ctx, 0x9000, 1) == NULL);
	CHECK(mem.translate(mem.ctx, 0x1000, UINT64_MAX) == NULL);
	CHECK(mem.translate(mem.ctx, UINT64_MAX, 2) == NULL);
	cbdma_model_flat_mem_destroy(fm);
}

static void
flat_mem_add_errors(void)
{
	struct cbdma_model_flat_mem *fm = cbdma_model_flat_mem_create();

	CHECK(fm != NULL);
	CHECK_EQ(cbdma_model_flat_mem_add(fm, 0x1000, buf_a, 0x100), 0);
	CHECK_EQ(cbdma_model_flat_mem_add(fm, 0x1080, buf_b, 0x10), (uint64_t)-EEXIST);
	CHECK_EQ(cbdma_model_flat_mem_add(fm, 0x0f80, buf_b, 0x100), (uint64_t)-EEXIST);
	CHECK_EQ(cbdma_model_flat_mem_add(fm, 0x0f00, buf_b, 0x100), 0); /* adjacent */
	CHECK_EQ(cbdma_model_flat_mem_add(fm, 0x5000, buf_b, 0), (uint64_t)-EINVAL);
	CHECK_EQ(cbdma_model_flat_mem_add(fm, 0x5000, NULL, 8), (uint64_t)-EINVAL);
	CHECK_EQ(cbdma_model_flat_mem_add(fm, UINT64_MAX - 4, buf_b, 8), (uint64_t)-EINVAL);
	CHECK_EQ(cbdma_model_flat_mem_add(NULL, 0x5000, buf_b, 8), (uint64_t)-EINVAL);
	cbdma_model_flat_mem_destroy(fm);
	cbdma_model_flat_mem_destroy(NULL);
}

static void
flat_mem_many(void)
{
	static uint8_t big[4096];
	struct cbdma_model_flat_mem *fm = cbdma_model_flat_mem_create();
	struct cbdma_model_mem mem;
	unsigned int i;

	CHECK(fm != NULL);
	mem = cbdma_model_flat_mem_ops(fm);
	/* 64 ranges of 64 bytes, every other 64 KiB of IOVA, added backwards. */
	for (i = 64; i-- > 0;)
		CHECK_EQ(cbdma_model_flat_mem_add(fm, 0x10000ull * (i + 1), big + 64 * i, 64), 0);
	for (i = 0; i < 64; i++) {
		CHECK(mem.translate(mem.ctx, 0x10000ull * (i + 1) + 8, 56) == big + 64 * i + 8);
		CHECK(mem.translate(mem.ctx, 0x10000ull * (i + 1) + 8, 57) == NULL);
	}
	cbdma_model_flat_mem_destroy(fm);
}

const struct th_test tests_flat_mem[] = {
	TH_TEST(flat_mem_lookup),
	TH_TEST(flat_mem_add_errors),
	TH_TEST(flat_mem_many),
	{ NULL, NULL },
};

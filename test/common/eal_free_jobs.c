/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

#include <string.h>

#include "eal_free_jobs.h"

static uint8_t
src_byte(unsigned int job, uint32_t k)
{
	return (uint8_t)(job * 37u + k * 3u + 1u);
}

int
fj_init(struct fjobs *b, unsigned int n, uint32_t len)
{
	unsigned int i;
	uint32_t k;

	memset(b, 0, sizeof(*b));
	if (n > FJ_MAX)
		return -1;
	b->n = n;
	b->stride = (len + 63) & ~63u;
	b->src = fx_alloc((size_t)n * b->stride, 64);
	b->dst = fx_alloc((size_t)n * b->stride, 64);
	if (b->src == NULL || b->dst == NULL)
		return -1;
	memset(b->dst, FJ_CANARY, (size_t)n * b->stride);
	for (i = 0; i < n; i++) {
		for (k = 0; k < b->stride; k++)
			b->src[i * b->stride + k] = src_byte(i, k);
		b->j[i] = (struct fjob){ .len = len, .content = FJ_COPY,
			.want = RTE_DMA_STATUS_SUCCESSFUL, .got = (enum rte_dma_status_code)-1 };
	}
	return 0;
}

int
fj_enqueue(struct fjobs *b, unsigned int from, unsigned int to, bool submit)
{
	unsigned int i;

	for (i = from; i < to; i++) {
		int id = netdma_copy(&fx.ch, fx_iova(b->src + i * b->stride),
				fx_iova(b->dst + i * b->stride), b->j[i].len, b->j[i].flags);

		if (i == 0)
			b->idx0 = (uint16_t)id;
		CHECK(id >= 0 && (uint16_t)id == (uint16_t)(b->idx0 + i),
				"job %u: ring_idx %d, expected %u", i, id, (uint16_t)(b->idx0 + i));
	}
	if (submit)
		netdma_submit(&fx.ch);
	return 0;
}

int
fj_collect(struct fjobs *b, unsigned int from, unsigned int to)
{
	enum rte_dma_status_code st[FJ_MAX];
	uint16_t last = 0;
	unsigned int i;

	if (to <= from)
		return 0;
	CHECK(fx_collect((uint16_t)(to - from), st, &last, 10000) == 0,
			"jobs %u..%u not all reported", from, to - 1);
	CHECK(last == (uint16_t)(b->idx0 + to - 1), "last_idx %u, expected %u", last,
			(uint16_t)(b->idx0 + to - 1));
	for (i = from; i < to; i++)
		b->j[i].got = st[i - from];
	return 0;
}

static int
verify_one(const struct fjobs *b, unsigned int i)
{
	const struct fjob *j = &b->j[i];
	const uint8_t *d = b->dst + i * b->stride;
	const uint8_t *s = b->src + i * b->stride;
	uint32_t k, upto;

	CHECK(j->got == j->want, "job %u: status %d, expected %d", i, j->got, j->want);
	switch (j->content) {
	case FJ_COPY:
		upto = j->len;
		CHECK(memcmp(d, s, upto) == 0, "job %u: destination differs from source", i);
		break;
	case FJ_FILL:
		upto = j->len;
		for (k = 0; k < upto; k++)
			CHECK(d[k] == ((const uint8_t *)&j->pattern)[k % 8],
					"job %u: fill byte %u is 0x%x", i, k, d[k]);
		break;
	case FJ_HALF:
		upto = j->len / 2;
		CHECK(memcmp(d, s, upto) == 0, "job %u: first half not written", i);
		break;
	default:
		upto = 0;
		break;
	}
	for (k = upto; k < b->stride; k++)
		CHECK(d[k] == FJ_CANARY, "job %u: byte %u beyond what it may write is 0x%x",
				i, k, d[k]);
	return 0;
}

int
fj_verify(const struct fjobs *b)
{
	unsigned int i;

	for (i = 0; i < b->n; i++)
		if (verify_one(b, i) != 0) {
			fprintf(stderr, "  statuses (got/want) from ring_idx %u:", b->idx0);
			for (i = 0; i < b->n; i++)
				fprintf(stderr, " %d/%d", b->j[i].got, b->j[i].want);
			fprintf(stderr, "\n");
			return -1;
		}
	return 0;
}

void
fj_expect_failure(struct fjobs *b, unsigned int i, enum rte_dma_status_code st,
		bool write_fault, unsigned int submitted_end)
{
	unsigned int k;
	bool fenced = false;

	if (b->j[i].want == RTE_DMA_STATUS_SUCCESSFUL) {
		b->j[i].want = st;
		b->j[i].content = write_fault ? FJ_HALF : FJ_NONE;
	}
	for (k = i + 1; k < submitted_end; k++) {
		fenced |= (b->j[k].flags & RTE_DMA_OP_FLAG_FENCE) != 0;
		if (fenced && b->j[k].want == RTE_DMA_STATUS_SUCCESSFUL) {
			b->j[k].want = RTE_DMA_STATUS_NOT_ATTEMPTED;
			b->j[k].content = FJ_NONE;
		}
	}
}

enum rte_dma_status_code
fj_fault_status(enum cbdma_model_fault f)
{
	switch (f) {
	case CBDMA_FAULT_SRC_ADDR:
		return RTE_DMA_STATUS_INVALID_SRC_ADDR;
	case CBDMA_FAULT_DEST_ADDR:
		return RTE_DMA_STATUS_INVALID_DST_ADDR;
	case CBDMA_FAULT_NEXT_ADDR:
	case CBDMA_FAULT_DESC_ALIGN:
		return RTE_DMA_STATUS_DESCRIPTOR_READ_ERROR;
	case CBDMA_FAULT_LENGTH:
		return RTE_DMA_STATUS_INVALID_LENGTH;
	case CBDMA_FAULT_READ_DATA:
		return RTE_DMA_STATUS_BUS_READ_ERROR;
	case CBDMA_FAULT_WRITE_DATA:
		return RTE_DMA_STATUS_BUS_WRITE_ERROR;
	case CBDMA_FAULT_COMPLETION_ADDR:
		return RTE_DMA_STATUS_INVALID_ADDR;
	default:
		return RTE_DMA_STATUS_SUCCESSFUL;
	}
}

const char *
fj_fault_name(enum cbdma_model_fault f)
{
	static const char *const names[] = {
		"NONE", "SRC_ADDR", "DEST_ADDR", "NEXT_ADDR", "DESC_ALIGN", "LENGTH",
		"READ_DATA", "WRITE_DATA", "COMPLETION_ADDR", "HANG", "STALL",
		"SPURIOUS_CHANERR", "HOLD",
	};

	return (unsigned int)f < sizeof(names) / sizeof(names[0]) ? names[f] : "?";
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * A batch of data-path jobs with what each must report and leave in its
 * destination.  Destinations start as a canary; a job that must not run
 * has to leave the canary whole.
 */

#ifndef NETDMA_EAL_FREE_JOBS_H
#define NETDMA_EAL_FREE_JOBS_H

#include "eal_free_fixture.h"

#define FJ_MAX		256
#define FJ_CANARY	0xCC

enum fj_content {
	FJ_COPY,	/* dst[0, len) == src */
	FJ_FILL,	/* dst[0, len) == pattern */
	FJ_NONE,	/* dst untouched */
	FJ_HALF,	/* WRITE_DATA fault: the first len / 2 bytes copied, the rest untouched */
};

struct fjob {
	uint64_t flags;
	uint32_t len;
	enum fj_content content;
	uint64_t pattern;
	enum rte_dma_status_code want;
	enum rte_dma_status_code got;
};

struct fjobs {
	unsigned int n;
	uint32_t stride;
	uint8_t *src, *dst;
	uint16_t idx0;		/* ring_idx of job 0 */
	struct fjob j[FJ_MAX];
};

/* n copy jobs of len bytes (stride >= len); all expected to succeed. */
int fj_init(struct fjobs *b, unsigned int n, uint32_t len);
/* Enqueue jobs [from, to) (ring_idx checked); submit after the last if asked. */
int fj_enqueue(struct fjobs *b, unsigned int from, unsigned int to, bool submit);
/* Collect the statuses of jobs [from, to) in order (last_idx checked). */
int fj_collect(struct fjobs *b, unsigned int from, unsigned int to);
/* Statuses and bytes of every job against what it must report. */
int fj_verify(const struct fjobs *b);
/* Job i failed with st; the fence rule makes the first later fenced job up
 * to job `submitted_end` (exclusive) not attempted. */
void fj_expect_failure(struct fjobs *b, unsigned int i, enum rte_dma_status_code st,
		bool write_fault, unsigned int submitted_end);

/* Status the driver reports for a fault kind. */
enum rte_dma_status_code fj_fault_status(enum cbdma_model_fault f);
const char *fj_fault_name(enum cbdma_model_fault f);

#endif /* NETDMA_EAL_FREE_JOBS_H */

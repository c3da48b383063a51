/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * The soak test (EAL-free): a data-path thread runs random copies and fills
 * and verifies every job's status and bytes; a control thread suspends,
 * edits (cancel, rewrite, insert, cancel_ticket) and resumes at random; the
 * data-path thread injects random faults into the device model.  Everything
 * is counted; the run fails unless nothing was lost, duplicated or corrupted.
 */

#ifndef NETDMA_SOAK_H
#define NETDMA_SOAK_H

#include <stdbool.h>
#include <stdint.h>

#include "eal_free_jobs.h"

#define SOAK_REGION	4096		/* bytes a job may write */
#define SOAK_NB_DESC	256
#define SOAK_DP_REGIONS	(2 * SOAK_NB_DESC)
#define SOAK_CTL_REGIONS 128
#define SOAK_SRC_SIZE	(1u << 20)
#define SOAK_CANARY	0xCC

/* What the control side did to a ring job (by ring_idx), for the data path. */
enum soak_edit { EDIT_NONE = 0, EDIT_CANCELLED, EDIT_REWRITTEN };

struct soak_rec {
	uint32_t state;		/* enum soak_edit; release by control, acquire by data path */
	uint32_t op;		/* the rewrite (atomics, relaxed) */
	uint32_t len;
	uint64_t src;
	uint64_t pattern;
};

/* Status codes counted (rte_dma_status_code values are small). */
#define SOAK_NB_STATUS	32

struct soak_counts {
	uint64_t jobs_submitted, jobs_reported;
	uint64_t by_status[SOAK_NB_STATUS];
	uint64_t bytes_verified;
	uint64_t suspends_ok, suspends_eio, suspends_timeout, suspends_other;
	uint64_t cancels, rewrites, inserts, ticket_cancels, edits_refused;
	uint64_t inserted_done[SOAK_NB_STATUS];
	uint64_t faults_injected[CBDMA_FAULT_SPURIOUS_CHANERR + 1];
	uint64_t faults_fired, faults_recovered, hangs_released;
	uint64_t lost, duplicated, corrupted;
	uint64_t inserted_lost, inserted_corrupted;
	uint64_t epochs;
};

struct soak {
	uint64_t seed;
	double seconds;
	bool faults;
	/* one epoch: */
	volatile int stop;		/* atomic: threads finish up */
	uint8_t *src;			/* constant pseudo-random source */
	uint8_t *dp_dst;		/* SOAK_DP_REGIONS x SOAK_REGION */
	uint8_t *ctl_dst;		/* SOAK_CTL_REGIONS x SOAK_REGION */
	struct soak_rec rec[65536];
	struct soak_counts dp, ctl;	/* each thread writes its own */
	bool verbose;
};

extern struct soak soak;

void *soak_dp_main(void *arg);
void *soak_ctl_main(void *arg);

/* xorshift64* */
static inline uint64_t
soak_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545F4914F6CDD1Dull;
}

/* Random destination bytes / status check failure: counted and printed (a few). */
void soak_report_bad(struct soak_counts *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif /* NETDMA_SOAK_H */

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/* Steps shared by the suspend/splice/resume tests. */

#ifndef SSR_COMMON_H
#define SSR_COMMON_H

#include <unistd.h>

#include "pmd_fixture.h"
#include "ssr_tests.h"

#define SSR_MAX_PENDING	128

/*
 * Submit the batch, suspend, require at least `need` jobs pending (else the
 * test is run again), report the jobs the engine processed before the
 * suspension, and read the pending list into pend[] / np.
 */
#define SSR_SUSPEND_WITH_PENDING(d, b, need, info, pend, np) do { \
	CHECK_EQ(tb_submit((d), (b)), 0); \
	CHECK_EQ(tf_suspend((d), (info)), 0); \
	TF_PRECOND((info)->nb_pending >= (need)); \
	CHECK_EQ(tb_drain((d), (b), tb_ring_jobs(b) - (info)->nb_pending), 0); \
	CHECK_EQ(tb_expect_quiet((d), 3), 0); \
	(np) = rte_pmd_netdma_pending((d)->id, 0, (pend), SSR_MAX_PENDING); \
	CHECK_EQ((np), (info)->nb_pending); \
} while (0)

/* Resume, report every job, check every status and byte. */
#define SSR_RESUME_AND_VERIFY(d, b) do { \
	CHECK_EQ(rte_pmd_netdma_resume((d)->id, 0), 0); \
	CHECK_EQ(tb_drain((d), (b), UINT32_MAX), 0); \
	CHECK_EQ(tb_verify((d), (b)), 0); \
} while (0)

static inline uint64_t
ssr_dp_stat(const struct tdev *d, int which)
{
	struct rte_dma_stats st;

	if (rte_dma_stats_get(d->id, 0, &st) != 0)
		return UINT64_MAX;
	return which == 0 ? st.submitted : which == 1 ? st.completed : st.errors;
}

static inline struct rte_pmd_netdma_stats
ssr_ctl_stats(const struct tdev *d)
{
	struct rte_pmd_netdma_stats st = { 0 };

	rte_pmd_netdma_stats_get(d->id, 0, &st);
	return st;
}

#endif /* SSR_COMMON_H */

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * Small helpers shared by the EAL test programs that drive a netdma dmadev
 * through rte_dma_* (test_api, test_fault_pmd): the harness's CHECK for int
 * tests, one-vchan set-up, and collecting completions within a bound.
 */

#ifndef NETDMA_EAL_TEST_H
#define NETDMA_EAL_TEST_H

#include <stdbool.h>
#include <stdio.h>

#include <rte_cycles.h>
#include <rte_dmadev.h>

/* Tests on this fixture return 0 or -1: CHECK returns -1. */
#define TH_INT_TESTS
#include "test_harness.h"

/* Configure one MEM_TO_MEM vchan of nb_desc descriptors; start it if asked. */
static inline int
test_dev_setup(int16_t id, uint16_t nb_desc, bool start)
{
	struct rte_dma_conf conf = { .nb_vchans = 1 };
	struct rte_dma_vchan_conf vc = { .direction = RTE_DMA_DIR_MEM_TO_MEM, .nb_desc = nb_desc };

	if (rte_dma_configure(id, &conf) != 0 || rte_dma_vchan_setup(id, 0, &vc) != 0)
		return -1;
	return start ? rte_dma_start(id) : 0;
}

/* Report n jobs (statuses into st, the last ring_idx into *last) within secs
 * seconds; 0, or -1 if fewer came. */
static inline int
test_collect(int16_t id, uint16_t n, enum rte_dma_status_code *st, uint16_t *last,
		unsigned int secs)
{
	uint64_t end = rte_get_timer_cycles() + secs * rte_get_timer_hz();
	uint16_t got = 0, dummy;

	if (last == NULL)
		last = &dummy;
	while (got < n && rte_get_timer_cycles() < end)
		got += rte_dma_completed_status(id, 0, n - got, last, st + got);
	return got == n ? 0 : -1;
}

#endif /* NETDMA_EAL_TEST_H */

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * DPDK IOVA backend of the device model: translates IOVAs of this process's
 * DPDK memory (rte_malloc, memzones, mempools/mbufs, registered external
 * memory with IOVAs) in IOVA-as-VA and IOVA-as-PA modes.  Kept out of the
 * core model so that stays EAL-free.  Create it after rte_eal_init().
 *
 * It keeps a sorted table of ranges contiguous in both VA and IOVA, built
 * with rte_memseg_walk(), rebuilt when a memory event (hot-plug) was seen
 * and, at most once per millisecond, on a miss before declaring an IOVA
 * invalid.  Translation runs on the model's engine thread, which is not an
 * EAL lcore; only rte_memseg_walk() (read lock) is called from there.
 */

#ifndef CBDMA_MODEL_DPDK_H
#define CBDMA_MODEL_DPDK_H

#include "cbdma_model.h"

#ifdef __cplusplus
extern "C" {
#endif

struct cbdma_model_dpdk_mem;

/*
 * One translator; serve ONE model with it (its lookup cache is not shared
 * between engine threads).  NULL on allocation failure or when EAL memory
 * cannot be walked (errno set).
 */
struct cbdma_model_dpdk_mem *cbdma_model_dpdk_mem_create(void);
/* Destroy after the model using it (NULL is fine). */
void cbdma_model_dpdk_mem_destroy(struct cbdma_model_dpdk_mem *dm);
struct cbdma_model_mem cbdma_model_dpdk_mem_ops(struct cbdma_model_dpdk_mem *dm);

/*
 * Shorthand needing no object: the table lives in thread-local storage of
 * each engine thread (freed when that thread exits), so one value may serve
 * any number of models.
 */
struct cbdma_model_mem cbdma_model_dpdk_mem(void);

#ifdef __cplusplus
}
#endif

#endif /* CBDMA_MODEL_DPDK_H */

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * The differences between the DPDK releases netdma builds against (22.11,
 * 23.11, 24.11, 25.11), in one place.  Each is decided by a feature check
 * where the headers offer one, by RTE_VERSION otherwise; nothing else in the
 * tree tests DPDK's version.
 */

#ifndef NETDMA_COMPAT_H
#define NETDMA_COMPAT_H

#include <stdbool.h>

#include <rte_dmadev.h>
#include <rte_telemetry.h>
#include <rte_version.h>

/*
 * Silent mode: 22.11-24.11 have `bool rte_dma_conf.enable_silent`; 25.11
 * replaced it with `uint64_t flags` and RTE_DMA_CFG_FLAG_SILENT.
 */
#ifdef RTE_DMA_CFG_FLAG_SILENT
#define NETDMA_CONF_SILENT(conf)	(((conf)->flags & RTE_DMA_CFG_FLAG_SILENT) != 0)
#define NETDMA_CONF_SET_SILENT(conf, on) \
	((conf)->flags = (on) ? ((conf)->flags | RTE_DMA_CFG_FLAG_SILENT) : \
		((conf)->flags & ~RTE_DMA_CFG_FLAG_SILENT))
#else
#define NETDMA_CONF_SILENT(conf)	((conf)->enable_silent)
#define NETDMA_CONF_SET_SILENT(conf, on)	((conf)->enable_silent = (on))
#endif

/*
 * Telemetry: rte_tel_data_add_dict_uint() appeared in 23.03;
 * rte_tel_data_add_dict_u64() was deprecated then and removed in 25.11.
 */
#if RTE_VERSION >= RTE_VERSION_NUM(23, 3, 0, 0)
#define netdma_tel_add_dict_u64(d, name, val) rte_tel_data_add_dict_uint((d), (name), (val))
#else
#define netdma_tel_add_dict_u64(d, name, val) rte_tel_data_add_dict_u64((d), (name), (val))
#endif

#endif /* NETDMA_COMPAT_H */

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/* Logging of the EAL-free core: stderr by default, rte_log inside the PMD. */

#ifndef NETDMA_LOG_H
#define NETDMA_LOG_H

#define NETDMA_LOG_ERR		4
#define NETDMA_LOG_WARNING	5
#define NETDMA_LOG_INFO		7
#define NETDMA_LOG_DEBUG	8

typedef void (*netdma_log_fn_t)(int level, const char *msg);

/* Route the core's log lines (level as in rte_log); NULL restores stderr. */
void netdma_set_log_fn(netdma_log_fn_t fn);
void netdma_log(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif /* NETDMA_LOG_H */

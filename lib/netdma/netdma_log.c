/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

#include <stdarg.h>
#include <stdio.h>

#include "netdma_log.h"

static netdma_log_fn_t log_fn;
static int stderr_level = NETDMA_LOG_WARNING;

void
netdma_set_log_fn(netdma_log_fn_t fn)
{
	__atomic_store_n(&log_fn, fn, __ATOMIC_RELEASE);
}

void
netdma_log(int level, const char *fmt, ...)
{
	netdma_log_fn_t fn = __atomic_load_n(&log_fn, __ATOMIC_ACQUIRE);
	char msg[256];
	va_list ap;

	if (fn == NULL && level > stderr_level)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (fn != NULL)
		fn(level, msg);
	else
		fprintf(stderr, "netdma: %s\n", msg);
}

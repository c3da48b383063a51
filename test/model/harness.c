/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

#include "harness.h"

bool th_test_failed;

void
th_fail(const char *file, int line, const char *expr)
{
	th_test_failed = true;
	printf("    %s:%d: CHECK(%s) failed\n", file, line, expr);
}

void
th_fail_eq(const char *file, int line, const char *a, const char *b,
		uint64_t va, uint64_t vb)
{
	th_test_failed = true;
	printf("    %s:%d: %s == %s failed: 0x%" PRIx64 " != 0x%" PRIx64 "\n",
			file, line, a, b, va, vb);
}

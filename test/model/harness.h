/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * A minimal test harness: CHECK* record a failure and return from the test
 * function; the runner (test_main.c) tears the fixture down after each test
 * and prints "N passed, N failed".
 */

#ifndef MODEL_HARNESS_H
#define MODEL_HARNESS_H

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

extern bool th_test_failed;

void th_fail(const char *file, int line, const char *expr);
void th_fail_eq(const char *file, int line, const char *a, const char *b,
		uint64_t va, uint64_t vb);

#define CHECK(cond) do { \
	if (!(cond)) { \
		th_fail(__FILE__, __LINE__, #cond); \
		return; \
	} \
} while (0)

#define CHECK_EQ(a, b) do { \
	uint64_t th_a_ = (uint64_t)(a), th_b_ = (uint64_t)(b); \
	if (th_a_ != th_b_) { \
		th_fail_eq(__FILE__, __LINE__, #a, #b, th_a_, th_b_); \
		return; \
	} \
} while (0)

struct th_test {
	const char *name;
	void (*fn)(void);
};

#define TH_TEST(fn) { #fn, fn }

#endif /* MODEL_HARNESS_H */

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * A minimal harness for the EAL-based PMD tests: CHECK* record a failure
 * and return from the test function; th_run() calls the fixture teardown
 * after each test and prints "N passed, N failed".
 */

#ifndef PMD_HARNESS_H
#define PMD_HARNESS_H

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

extern bool th_test_failed;
/* Set by a test whose precondition did not hold: th_run() runs it again (3 tries). */
extern bool th_retry;

void th_fail(const char *file, int line, const char *expr);
void th_fail_eq(const char *file, int line, const char *a, const char *b,
		int64_t va, int64_t vb);
/* A note printed under the running test (context for a failure). */
void th_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define CHECK(cond) do { \
	if (!(cond)) { \
		th_fail(__FILE__, __LINE__, #cond); \
		return; \
	} \
} while (0)

#define CHECK_EQ(a, b) do { \
	int64_t th_a_ = (int64_t)(a), th_b_ = (int64_t)(b); \
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

/*
 * Run the tests whose name contains filter (NULL: all), calling teardown
 * after each.  Returns the number of failed tests.
 */
unsigned int th_run(const struct th_test *tests, unsigned int n, void (*teardown)(void),
		const char *filter);

#endif /* PMD_HARNESS_H */

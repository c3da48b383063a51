/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * The test harness every test program uses: checks, a runner with a name
 * filter, one exit rule (fail when a test failed or when none ran).  EAL-free.
 *
 * Tests are void functions, or int functions that return 0 (passed) or -1
 * (failed).  A failed check logs where and why, marks the test failed and
 * returns from it: from a void test, or with -1 from an int test when the
 * file defines TH_INT_TESTS before including this header.
 */

#ifndef NETDMA_TEST_HARNESS_H
#define NETDMA_TEST_HARNESS_H

#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Set by a failed check; the runner clears it before each test. */
extern bool th_test_failed;
/* Set by a test whose precondition did not hold: it is run again (up to
 * th_opts.tries times), then fails. */
extern bool th_retry;

/* fmt starts with a space; more than that is a message. */
void th_fail(const char *file, int line, const char *expr, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void th_fail_eq(const char *file, int line, const char *a, const char *b,
		int64_t va, int64_t vb);
void th_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* CLOCK_MONOTONIC, and a sleep, for the tests' deadlines and pacing. */
uint64_t th_now_ns(void);
uint64_t th_now_us(void);
void th_sleep_us(uint64_t us);

#ifdef TH_INT_TESTS
#define TH_RETURN_FAILED	return -1
#else
#define TH_RETURN_FAILED	return
#endif

/* CHECK(cond) or CHECK(cond, "format", ...): the message says more. */
#define CHECK(cond, ...) do { \
	if (!(cond)) { \
		th_fail(__FILE__, __LINE__, #cond, " " __VA_ARGS__); \
		TH_RETURN_FAILED; \
	} \
} while (0)

#define CHECK_EQ(a, b) do { \
	int64_t th_a_ = (int64_t)(a), th_b_ = (int64_t)(b); \
	if (th_a_ != th_b_) { \
		th_fail_eq(__FILE__, __LINE__, #a, #b, th_a_, th_b_); \
		TH_RETURN_FAILED; \
	} \
} while (0)

struct th_test {
	const char *name;
	void (*fn)(void);		/* a void test, or */
	int (*ifn)(void);		/* an int test */
	const void *arg;		/* handed to th_opts.setup */
};

/* A test named after its function, void or int; with a setup argument. */
#define TH_TEST_ARG(name_, f, ...) { (name_), \
	_Generic((f), void (*)(void): (f), default: NULL), \
	_Generic((f), int (*)(void): (f), default: NULL), (__VA_ARGS__) }
#define TH_TEST(f)		TH_TEST_ARG(#f, f, NULL)
#define TH_TEST_NAMED(name_, f)	TH_TEST_ARG(name_, f, NULL)

struct th_opts {
	const char *filter;		/* run the tests whose name contains it; NULL all */
	int (*setup)(const void *arg);	/* before each test; non-zero: the test fails */
	void (*teardown)(void);		/* after each test (and after a failed setup) */
	unsigned int tries;		/* runs of a test that asks for a retry; 0 = 1 */
};

/*
 * Run the tests (a table of n, or up to an entry with a NULL name), printing
 * one line each and a summary.  Returns the failed count through *failed
 * (may be NULL) and the exit status: 0 when at least one test ran and none
 * failed, else 1.
 */
int th_run(const struct th_test *tests, unsigned int n, const struct th_opts *opts,
		unsigned int *failed);

/* Several tables run as one (one summary, one exit status). */
struct th_list {
	const struct th_test *tests;
	unsigned int n;			/* or up to an entry with a NULL name */
};
int th_run_lists(const struct th_list *lists, unsigned int nb_lists,
		const struct th_opts *opts, unsigned int *failed);

#endif /* NETDMA_TEST_HARNESS_H */

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

#include <stdarg.h>
#include <string.h>
#include <time.h>

#include "pmd_harness.h"

bool th_test_failed;
bool th_retry;

void
th_fail(const char *file, int line, const char *expr)
{
	printf("    FAILED %s:%d: %s\n", file, line, expr);
	fflush(stdout);
	th_test_failed = true;
}

void
th_fail_eq(const char *file, int line, const char *a, const char *b, int64_t va, int64_t vb)
{
	printf("    FAILED %s:%d: %s == %s (%" PRId64 " vs %" PRId64 ")\n", file, line, a, b,
			va, vb);
	fflush(stdout);
	th_test_failed = true;
}

void
th_note(const char *fmt, ...)
{
	va_list ap;

	printf("    note: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

unsigned int
th_run(const struct th_test *tests, unsigned int n, void (*teardown)(void), const char *filter)
{
	unsigned int i, try, passed = 0, failed = 0;

	for (i = 0; i < n; i++) {
		double t0;

		if (filter != NULL && strstr(tests[i].name, filter) == NULL)
			continue;
		printf("  RUN  %s\n", tests[i].name);
		fflush(stdout);
		t0 = now_ms();
		for (try = 0; try < 3; try++) {
			th_test_failed = false;
			th_retry = false;
			tests[i].fn();
			if (teardown != NULL)
				teardown();
			if (th_test_failed || !th_retry)
				break;
		}
		if (th_retry && !th_test_failed) {
			printf("    FAILED: precondition never held in 3 tries\n");
			th_test_failed = true;
		}
		if (th_test_failed) {
			failed++;
			printf("  FAIL %s (%.0f ms)\n", tests[i].name, now_ms() - t0);
		} else {
			passed++;
			printf("  PASS %s (%.0f ms)\n", tests[i].name, now_ms() - t0);
		}
		fflush(stdout);
	}
	printf("%u passed, %u failed\n", passed, failed);
	return failed;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

#include <stdarg.h>
#include <string.h>
#include <time.h>

#include "test_harness.h"

bool th_test_failed;
bool th_retry;

void
th_fail(const char *file, int line, const char *expr, const char *fmt, ...)
{
	va_list ap;

	printf("    FAILED %s:%d: %s", file, line, expr);
	if (fmt[0] != '\0' && fmt[1] != '\0') {
		printf(":");
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
	}
	printf("\n");
	fflush(stdout);
	th_test_failed = true;
}

void
th_fail_eq(const char *file, int line, const char *a, const char *b, int64_t va, int64_t vb)
{
	printf("    FAILED %s:%d: %s == %s (%" PRId64 " vs %" PRId64 ", 0x%" PRIx64 " vs 0x%"
			PRIx64 ")\n", file, line, a, b, va, vb, (uint64_t)va, (uint64_t)vb);
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

uint64_t
th_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

uint64_t
th_now_us(void)
{
	return th_now_ns() / 1000u;
}

void
th_sleep_us(uint64_t us)
{
	struct timespec ts = {
		.tv_sec = (time_t)(us / 1000000),
		.tv_nsec = (long)(us % 1000000) * 1000,
	};

	nanosleep(&ts, NULL);
}

static double
now_ms(void)
{
	return th_now_ns() / 1e6;
}

/* One run of a test: true when it passed. */
static bool
run_once(const struct th_test *t, const struct th_opts *o)
{
	th_test_failed = false;
	th_retry = false;
	if (o->setup != NULL && o->setup(t->arg) != 0) {
		printf("    FAILED: setup\n");
		th_test_failed = true;
	} else if (t->fn != NULL) {
		t->fn();
	} else if (t->ifn() != 0) {
		th_test_failed = true;
	}
	if (o->teardown != NULL)
		o->teardown();
	return !th_test_failed;
}

int
th_run_lists(const struct th_list *lists, unsigned int nb_lists, const struct th_opts *opts,
		unsigned int *failed_out)
{
	static const struct th_opts none;
	const struct th_opts *o = opts != NULL ? opts : &none;
	unsigned int l, i, try, tries = o->tries > 0 ? o->tries : 1;
	unsigned int passed = 0, failed = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (l = 0; l < nb_lists; l++) {
		for (i = 0; i < lists[l].n && lists[l].tests[i].name != NULL; i++) {
			const struct th_test *t = &lists[l].tests[i];
			bool ok = false;
			double t0;

			if (o->filter != NULL && strstr(t->name, o->filter) == NULL)
				continue;
			printf("  RUN  %s\n", t->name);
			t0 = now_ms();
			for (try = 0; try < tries; try++) {
				ok = run_once(t, o);
				if (!ok || !th_retry)
					break;
			}
			if (ok && th_retry) {
				printf("    FAILED: precondition never held in %u tries\n", tries);
				ok = false;
			}
			printf("  %s %s (%.0f ms)\n", ok ? "PASS" : "FAIL", t->name,
					now_ms() - t0);
			ok ? passed++ : failed++;
		}
	}
	printf("%u passed, %u failed\n", passed, failed);
	if (passed + failed == 0)
		printf("no test ran%s%s\n", o->filter != NULL ? " matching " : "",
				o->filter != NULL ? o->filter : "");
	if (failed_out != NULL)
		*failed_out = failed;
	return failed == 0 && passed > 0 ? 0 : 1;
}

int
th_run(const struct th_test *tests, unsigned int n, const struct th_opts *opts,
		unsigned int *failed)
{
	const struct th_list one = { tests, n };

	return th_run_lists(&one, 1, opts, failed);
}

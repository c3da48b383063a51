/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * test_model: EAL-free unit tests of the CBDMA device model.
 * Usage: test_model [substring]  (runs the tests whose name contains it)
 */

#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "harness.h"
#include "tests.h"

static const struct th_test *const suites[] = {
	tests_flat_mem, tests_basic, tests_errors, tests_commands, tests_faults,
	tests_strict,
};

int
main(int argc, char **argv)
{
	const char *filter = argc > 1 ? argv[1] : NULL;
	unsigned int passed = 0, failed = 0, s;
	const struct th_test *t;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (s = 0; s < sizeof(suites) / sizeof(suites[0]); s++) {
		for (t = suites[s]; t->name != NULL; t++) {
			uint64_t t0;

			if (filter != NULL && strstr(t->name, filter) == NULL)
				continue;
			th_test_failed = false;
			t0 = fx_now_us();
			t->fn();
			fx_teardown();
			printf("%s %s (%" PRIu64 " ms)\n", th_test_failed ? "FAIL" : "ok  ",
					t->name, (fx_now_us() - t0) / 1000);
			if (th_test_failed)
				failed++;
			else
				passed++;
		}
	}
	printf("%u passed, %u failed\n", passed, failed);
	return failed == 0 && passed > 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

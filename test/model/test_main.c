/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * test_model: EAL-free unit tests of the CBDMA device model.
 * Usage: test_model [substring]  (runs the tests whose name contains it)
 */

#include <limits.h>

#include "fixture.h"
#include "test_harness.h"
#include "tests.h"

static const struct th_list suites[] = {
	{ tests_flat_mem, UINT_MAX }, { tests_basic, UINT_MAX }, { tests_errors, UINT_MAX },
	{ tests_commands, UINT_MAX }, { tests_faults, UINT_MAX }, { tests_strict, UINT_MAX },
};

int
main(int argc, char **argv)
{
	const struct th_opts o = {
		.filter = argc > 1 ? argv[1] : NULL,
		.teardown = fx_teardown,
	};

	return th_run_lists(suites, sizeof(suites) / sizeof(suites[0]), &o, NULL);
}

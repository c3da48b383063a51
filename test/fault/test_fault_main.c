/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * EAL-free fault injection and hostile-input tests of the channel engine on
 * the device model.  Usage: test_fault [name-substring]
 */

#include "fault_tests.h"

#define ARENA_SIZE	(32u << 20)

static const struct th_test cases[] = {
	TH_TEST_NAMED("error_faults", test_error_faults),
	TH_TEST_NAMED("fence_boundaries", test_fence_boundaries),
	TH_TEST_NAMED("completion_addr", test_completion_addr),
	TH_TEST_NAMED("spurious_chanerr", test_spurious_chanerr),
	TH_TEST_NAMED("late_halt_word", test_late_halt_word),
	TH_TEST_NAMED("hang_suspend", test_hang_suspend),
	TH_TEST_NAMED("hang_stop", test_hang_stop),
	TH_TEST_NAMED("stall_suspend", test_stall_suspend),
	TH_TEST_NAMED("stall_suspend_timeout", test_stall_suspend_timeout),
	TH_TEST_NAMED("stop_after_suspend_timeout", test_stop_after_suspend_timeout),
	TH_TEST_NAMED("resume_eio_releases", test_resume_eio_releases),
	TH_TEST_NAMED("fault_rewritten", test_fault_rewritten),
	TH_TEST_NAMED("fault_inserted", test_fault_inserted),
	TH_TEST_NAMED("halt_before_suspend", test_halt_before_suspend),
	TH_TEST_NAMED("fault_while_suspending", test_fault_while_suspending),
	TH_TEST_NAMED("edit_after_recovery", test_edit_after_recovery),
	TH_TEST_NAMED("resume_suspend_race", test_resume_suspend_race),
	TH_TEST_NAMED("suspend_armed", test_suspend_armed),
	TH_TEST_NAMED("input_lengths", test_input_lengths),
	TH_TEST_NAMED("input_stopped", test_input_stopped),
	TH_TEST_NAMED("input_control", test_input_control),
	TH_TEST_NAMED("input_no_fill", test_input_no_fill),
};

int
main(int argc, char **argv)
{
	const struct th_opts o = {
		.filter = argc > 1 ? argv[1] : NULL,
		.teardown = fx_down,
	};
	int ret;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (fx_init(ARENA_SIZE) != 0) {
		fprintf(stderr, "cannot set up the arena\n");
		return 1;
	}
	ret = th_run(cases, sizeof(cases) / sizeof(cases[0]), &o, NULL);
	fx_fini();
	return ret;
}

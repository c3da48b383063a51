/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * EAL-free fault injection and hostile-input tests of the channel engine on
 * the device model.  Usage: test_fault [name-substring]
 */

#include <string.h>

#include "fault_tests.h"

#define ARENA_SIZE	(32u << 20)

static const struct {
	const char *name;
	int (*fn)(void);
} cases[] = {
	{ "error_faults", test_error_faults },
	{ "fence_boundaries", test_fence_boundaries },
	{ "completion_addr", test_completion_addr },
	{ "spurious_chanerr", test_spurious_chanerr },
	{ "late_halt_word", test_late_halt_word },
	{ "hang_suspend", test_hang_suspend },
	{ "hang_stop", test_hang_stop },
	{ "stall_suspend", test_stall_suspend },
	{ "stall_suspend_timeout", test_stall_suspend_timeout },
	{ "fault_rewritten", test_fault_rewritten },
	{ "fault_inserted", test_fault_inserted },
	{ "halt_before_suspend", test_halt_before_suspend },
	{ "fault_while_suspending", test_fault_while_suspending },
	{ "edit_after_recovery", test_edit_after_recovery },
	{ "resume_suspend_race", test_resume_suspend_race },
	{ "suspend_armed", test_suspend_armed },
	{ "input_lengths", test_input_lengths },
	{ "input_stopped", test_input_stopped },
	{ "input_control", test_input_control },
	{ "input_no_fill", test_input_no_fill },
};

int
main(int argc, char **argv)
{
	unsigned int i;
	int passed = 0, failed = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (fx_init(ARENA_SIZE) != 0) {
		fprintf(stderr, "cannot set up the arena\n");
		return 1;
	}
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t t0;
		int ret;

		if (argc > 1 && strstr(cases[i].name, argv[1]) == NULL)
			continue;
		t0 = fx_now_ns();
		ret = cases[i].fn();
		fx_down();
		printf("%s %s (%lu ms)\n", ret == 0 ? "ok  " : "FAIL", cases[i].name,
				(unsigned long)((fx_now_ns() - t0) / 1000000));
		ret == 0 ? passed++ : failed++;
	}
	fx_fini();
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}

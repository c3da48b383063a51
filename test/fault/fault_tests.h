/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/* The EAL-free fault tests, grouped by file; run by test_fault_main.c. */

#ifndef NETDMA_FAULT_TESTS_H
#define NETDMA_FAULT_TESTS_H

#include "eal_free_jobs.h"

/* fault_errors.c: each error fault on the data path, fences, recovery. */
int test_error_faults(void);
int test_fence_boundaries(void);
int test_completion_addr(void);
int test_spurious_chanerr(void);
int test_late_halt_word(void);

/* fault_engine.c: hang, stall, stop of a hung engine. */
int test_hang_suspend(void);
int test_hang_stop(void);
int test_stall_suspend(void);
int test_stall_suspend_timeout(void);
int test_stop_after_suspend_timeout(void);
int test_resume_eio_releases(void);

/* fault_ssr.c: faults combined with suspend/splice/resume. */
int test_fault_rewritten(void);
int test_fault_inserted(void);
int test_halt_before_suspend(void);
int test_fault_while_suspending(void);
int test_edit_after_recovery(void);
int test_resume_suspend_race(void);
int test_suspend_armed(void);

/* fault_input.c: hostile input to the core's entry points. */
int test_input_lengths(void);
int test_input_stopped(void);
int test_input_control(void);
int test_input_no_fill(void);

/* Follow-up traffic on a recovered channel: n good jobs, exactly once. */
int fault_followup(unsigned int n);

#endif /* NETDMA_FAULT_TESTS_H */

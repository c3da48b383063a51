/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/* The test tables of each test file, terminated by { NULL, NULL }. */

#ifndef MODEL_TESTS_H
#define MODEL_TESTS_H

#include "test_harness.h"

extern const struct th_test tests_flat_mem[];
extern const struct th_test tests_basic[];
extern const struct th_test tests_errors[];
extern const struct th_test tests_commands[];
extern const struct th_test tests_faults[];
extern const struct th_test tests_strict[];

#endif /* MODEL_TESTS_H */

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/* The deterministic suspend/splice/resume suite, by file. */

#ifndef SSR_TESTS_H
#define SSR_TESTS_H

#include "test_harness.h"

/*
 * Devices: SLOW keeps work pending (the model sleeps before each
 * descriptor, so a job submitted just before a suspension is still pending
 * when the engine takes it); FAST has no delay.
 */
#define SSR_SLOW	"delay_us=20000"
#define SSR_FAST	""
#define SSR_RING	64

extern const struct th_test ssr_basic_tests[];
extern const unsigned int ssr_basic_nb;
extern const struct th_test ssr_edit_tests[];
extern const unsigned int ssr_edit_nb;
extern const struct th_test ssr_insert_tests[];
extern const unsigned int ssr_insert_nb;
extern const struct th_test ssr_life_tests[];
extern const unsigned int ssr_life_nb;
extern const struct th_test ssr_bulk_tests[];
extern const unsigned int ssr_bulk_nb;

#endif /* SSR_TESTS_H */

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * The deterministic suite of the netdma suspend/splice/resume feature, on
 * the software model (dma_netdma vdevs created by the tests).
 *
 *   test_suspend <EAL args> -- [--resume=cmd|rearm] [--filter=SUBSTRING] [--seed=N]
 *
 * Exit status: 0 when every test passed.
 */

#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_malloc.h>

#include "pmd_fixture.h"
#include "ssr_tests.h"

int
main(int argc, char **argv)
{
	const char *filter = NULL;
	unsigned int i;
	uint64_t seed = 1;
	int ret;

	ret = rte_eal_init(argc, argv);
	if (ret < 0) {
		fprintf(stderr, "cannot init EAL\n");
		return 1;
	}
	argc -= ret;
	argv += ret;
	for (i = 1; i < (unsigned int)argc; i++) {
		if (strcmp(argv[i], "--resume=cmd") == 0) {
			tf_resume = "cmd";
			tf_rearm = false;
		} else if (strcmp(argv[i], "--resume=rearm") == 0) {
			tf_resume = "rearm";
			tf_rearm = true;
		} else if (strncmp(argv[i], "--filter=", 9) == 0) {
			filter = argv[i] + 9;
		} else if (strncmp(argv[i], "--seed=", 7) == 0) {
			seed = strtoull(argv[i] + 7, NULL, 0);
		} else {
			fprintf(stderr, "usage: %s <EAL args> -- [--resume=cmd|rearm] "
					"[--filter=NAME] [--seed=N]\n", argv[0]);
			return 2;
		}
	}
	tf_seed(seed);
	if (tbuf_alloc_keep(&tf_src, TF_SRC_LEN) != 0) {
		fprintf(stderr, "cannot allocate the source buffer\n");
		return 1;
	}
	for (i = 0; i < TF_SRC_LEN; i++)
		tf_src.va[i] = (uint8_t)tf_rand();
	printf("netdma suspend/splice/resume suite, resume=%s, seed %" PRIu64 "\n",
			tf_resume, seed);
	{
		const struct th_list lists[] = {
			{ ssr_basic_tests, ssr_basic_nb },
			{ ssr_edit_tests, ssr_edit_nb },
			{ ssr_insert_tests, ssr_insert_nb },
			{ ssr_life_tests, ssr_life_nb },
			{ ssr_bulk_tests, ssr_bulk_nb },
		};
		/* a test whose precondition did not hold (th_retry) runs again */
		const struct th_opts o = { .filter = filter, .teardown = tf_teardown, .tries = 3 };

		ret = th_run_lists(lists, RTE_DIM(lists), &o, NULL);
	}
	rte_eal_cleanup();
	return ret;
}

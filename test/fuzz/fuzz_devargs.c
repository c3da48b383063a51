/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * libFuzzer harness for the dma_netdma devargs parser (netdma_parse_devargs,
 * over rte_kvargs; no EAL).  Checks: no crash or sanitizer report; 0 or
 * -EINVAL; an accepted string gives values inside their documented ranges;
 * and the accepted values, written back as a devargs string, parse to the
 * same result (round trip).
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_log.h>

#include "netdma_devargs.h"

int netdma_logtype;	/* the PMD's (netdma_dmadev.c is not linked in) */

static void
fail(const char *what, const char *args)
{
	fprintf(stderr, "fuzz_devargs: %s for \"%s\"\n", what, args);
	abort();
}

static void
check_ranges(const struct netdma_vdev_args *a, const char *s)
{
	if (a->channels < 1 || a->channels > NETDMA_VDEV_MAX_CHANNELS)
		fail("channels out of range", s);
	if (a->engine_cpu < -1 || a->engine_cpu > 4095 || a->engine_lcore < -1 ||
			a->engine_lcore >= RTE_MAX_LCORE)
		fail("engine placement out of range", s);
	if (a->engine_cpu >= 0 && a->engine_lcore >= 0)
		fail("both engine_cpu and engine_lcore", s);
	if (a->delay_us > 1000000 || a->idle_spin_us > 1000000 || a->idle_sleep_us > 1000000)
		fail("delays out of range", s);
	if (a->xfercap > 31 || a->version < 0x30 || a->version > 0x34 || a->fill > 1)
		fail("device identity out of range", s);
	if (a->params.suspend_timeout_ms < 1 || a->params.suspend_timeout_ms > 60000)
		fail("suspend_timeout_ms out of range", s);
	if (a->silicon != CBDMA_MODEL_SILICON_LENIENT &&
			a->silicon != CBDMA_MODEL_SILICON_STRICT)
		fail("silicon profile", s);
	if (a->params.resume_mode != NETDMA_RESUME_CMD &&
			a->params.resume_mode != NETDMA_RESUME_REARM)
		fail("resume mode", s);
}

static void
round_trip(const struct netdma_vdev_args *a, const char *s)
{
	struct netdma_vdev_args b;
	char out[512];
	int n;

	n = snprintf(out, sizeof(out), "channels=%u,delay_us=%u,idle_spin_us=%u,"
			"idle_sleep_us=%u,xfercap=%u,version=0x%x,fill=%u,suspend_timeout_ms=%u,"
			"resume=%s,silicon=%s", a->channels, a->delay_us, a->idle_spin_us,
			a->idle_sleep_us, a->xfercap, a->version, a->fill,
			a->params.suspend_timeout_ms,
			a->params.resume_mode == NETDMA_RESUME_REARM ? "rearm" : "cmd",
			a->silicon == CBDMA_MODEL_SILICON_STRICT ? "strict" : "lenient");
	if (a->engine_cpu >= 0)
		n += snprintf(out + n, sizeof(out) - n, ",engine_cpu=%d", a->engine_cpu);
	if (a->engine_lcore >= 0)
		n += snprintf(out + n, sizeof(out) - n, ",engine_lcore=%d", a->engine_lcore);
	if (netdma_parse_devargs("fuzz", out, &b) != 0)
		fail("written-back devargs rejected", out);
	if (memcmp(a, &b, sizeof(b)) != 0)
		fail("written-back devargs parse differently", s);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	FILE *quiet = getenv("FUZZ_VERBOSE") ? NULL : fopen("/dev/null", "w");

	(void)argc;
	(void)argv;
	/* rte_log works before (without) rte_eal_init: a dynamic type, and
	 * the lines go nowhere unless asked for */
	netdma_logtype = rte_log_register("pmd.dma.netdma.fuzz");
	if (netdma_logtype < 0)
		netdma_logtype = RTE_LOGTYPE_USER1;
	if (quiet != NULL)
		rte_openlog_stream(quiet);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct netdma_vdev_args a;
	char *s;
	int ret;

	if (size > 4096)
		return -1;
	s = malloc(size + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';	/* an embedded NUL ends the string, as in a C caller */
	ret = netdma_parse_devargs("fuzz", s, &a);
	if (ret == 0) {
		check_ranges(&a, s);
		round_trip(&a, s);
	} else if (ret != -EINVAL) {
		fail("error other than -EINVAL", s);
	}
	free(s);
	return 0;
}

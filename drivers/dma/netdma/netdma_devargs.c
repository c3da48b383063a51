/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <rte_kvargs.h>

#include "cbdma_hw.h"
#include "netdma_devargs.h"

static const char *const valid_keys[] = {
	"channels", "engine_cpu", "engine_lcore", "delay_us", "idle_spin_us",
	"idle_sleep_us", "xfercap", "version", "fill", "suspend_timeout_ms", "resume",
	"silicon", "desc_write", NULL,
};

struct range {
	const char *name;
	long min, max;
	long *out;
};

static int
parse_long(const char *key, const char *value, void *opaque)
{
	struct range *r = opaque;
	char *end;
	long v;

	if (value == NULL || *value == '\0') {
		NETDMA_PMD_LOG(ERR, "%s: devarg %s needs a value", r->name, key);
		return -EINVAL;
	}
	errno = 0;
	v = strtol(value, &end, 0);
	if (errno != 0 || *end != '\0' || v < r->min || v > r->max) {
		NETDMA_PMD_LOG(ERR, "%s: devarg %s=%s is not a number in [%ld, %ld]",
				r->name, key, value, r->min, r->max);
		return -EINVAL;
	}
	*r->out = v;
	return 0;
}

/* A devarg with two spellings: 0 for `first`, 1 for `second`, or -EINVAL
 * with a log line. */
static int
parse_either(const char *key, const char *value, const char *first, const char *second)
{
	if (value != NULL && strcmp(value, first) == 0)
		return 0;
	if (value != NULL && strcmp(value, second) == 0)
		return 1;
	NETDMA_PMD_LOG(ERR, "devarg %s=%s: expected %s or %s", key, value ? value : "",
			first, second);
	return -EINVAL;
}

static int
parse_resume(const char *key, const char *value, void *opaque)
{
	struct netdma_params *p = opaque;
	int c = parse_either(key, value, "cmd", "rearm");

	if (c < 0)
		return c;
	p->resume_mode = c ? NETDMA_RESUME_REARM : NETDMA_RESUME_CMD;
	return 0;
}

static int
parse_desc_write(const char *key, const char *value, void *opaque)
{
	struct netdma_params *p = opaque;
	int c = parse_either(key, value, "stream", "plain");

	if (c < 0)
		return c;
	p->desc_plain = c == 1;
	return 0;
}

static int
parse_silicon(const char *key, const char *value, void *opaque)
{
	struct netdma_vdev_args *a = opaque;
	/* Parsed here, not by the model library: this file links without it. */
	int c = parse_either(key, value, "lenient", "strict");

	if (c < 0)
		return c;
	a->silicon = c ? CBDMA_MODEL_SILICON_STRICT : CBDMA_MODEL_SILICON_LENIENT;
	return 0;
}

static int
get_num(struct rte_kvargs *kv, const char *name, const char *key, long min, long max,
		long *out)
{
	struct range r = { name, min, max, out };

	if (rte_kvargs_count(kv, key) > 1) {
		NETDMA_PMD_LOG(ERR, "%s: devarg %s given twice", name, key);
		return -EINVAL;
	}
	return rte_kvargs_process(kv, key, parse_long, &r) < 0 ? -EINVAL : 0;
}

/* The devargs every netdma device takes, over the values in *p. */
static int
parse_params(struct rte_kvargs *kv, const char *name, struct netdma_params *p)
{
	long timeout = p->suspend_timeout_ms;

	if (get_num(kv, name, "suspend_timeout_ms", 1, 60000, &timeout) ||
			rte_kvargs_count(kv, "resume") > 1 ||
			rte_kvargs_process(kv, "resume", parse_resume, p) < 0 ||
			rte_kvargs_count(kv, "desc_write") > 1 ||
			rte_kvargs_process(kv, "desc_write", parse_desc_write, p) < 0)
		return -EINVAL;
	p->suspend_timeout_ms = (uint32_t)timeout;
	return 0;
}

int
netdma_parse_params(const char *name, const char *args, struct netdma_params *p)
{
	static const char *const keys[] = { "suspend_timeout_ms", "resume", "desc_write", NULL };
	struct rte_kvargs *kv;
	int ret;

	if (args == NULL || *args == '\0')
		return 0;
	kv = rte_kvargs_parse(args, keys);
	if (kv == NULL) {
		NETDMA_PMD_LOG(ERR, "%s: cannot parse devargs \"%s\"; valid: %s", name, args,
				NETDMA_PARAMS);
		return -EINVAL;
	}
	ret = parse_params(kv, name, p);
	rte_kvargs_free(kv);
	return ret;
}

int
netdma_parse_devargs(const char *name, const char *args, struct netdma_vdev_args *out)
{
	struct rte_kvargs *kv;
	long channels = 1, cpu = -1, lcore = -1, delay = 0, spin = 0, sleep = 0;
	long xfercap = 20, version = -1, fill = 1;	/* version: the profile's */
	int ret = 0;

	memset(out, 0, sizeof(*out));
	out->params.suspend_timeout_ms = NETDMA_DEFAULT_SUSPEND_TIMEOUT_MS;
	out->params.resume_mode = NETDMA_RESUME_CMD;
	if (args != NULL && *args != '\0') {
		kv = rte_kvargs_parse(args, valid_keys);
		if (kv == NULL) {
			NETDMA_PMD_LOG(ERR, "%s: cannot parse devargs \"%s\"; valid: %s",
					name, args, NETDMA_VDEV_PARAMS);
			return -EINVAL;
		}
		if (get_num(kv, name, "channels", 1, NETDMA_VDEV_MAX_CHANNELS, &channels) ||
				get_num(kv, name, "engine_cpu", -1, 4095, &cpu) ||
				get_num(kv, name, "engine_lcore", -1, RTE_MAX_LCORE - 1, &lcore) ||
				get_num(kv, name, "delay_us", 0, 1000000, &delay) ||
				get_num(kv, name, "idle_spin_us", 0, 1000000, &spin) ||
				get_num(kv, name, "idle_sleep_us", 0, 1000000, &sleep) ||
				get_num(kv, name, "xfercap", 0, 31, &xfercap) ||
				get_num(kv, name, "version", CBDMA_VER_3_0, CBDMA_VER_3_4,
					&version) ||
				get_num(kv, name, "fill", 0, 1, &fill) ||
				parse_params(kv, name, &out->params))
			ret = -EINVAL;
		else if (rte_kvargs_count(kv, "silicon") > 1 ||
				rte_kvargs_process(kv, "silicon", parse_silicon, out) < 0)
			ret = -EINVAL;
		if (ret == 0 && cpu >= 0 && lcore >= 0) {
			NETDMA_PMD_LOG(ERR, "%s: give engine_cpu or engine_lcore, not both", name);
			ret = -EINVAL;
		}
		rte_kvargs_free(kv);
		if (ret != 0)
			return ret;
	}
	/* v3.4 (Ice Lake), the newest CBDMA, unless told otherwise: on the
	 * strict profile with DRSCTL descriptor prefetch. */
	if (version < 0)
		version = CBDMA_VER_3_4;
	out->channels = (unsigned int)channels;
	out->engine_cpu = (int)cpu;
	out->engine_lcore = (int)lcore;
	out->delay_us = (uint32_t)delay;
	out->idle_spin_us = (uint32_t)spin;
	out->idle_sleep_us = (uint32_t)sleep;
	out->xfercap = (uint8_t)xfercap;
	out->version = (uint8_t)version;
	out->fill = (uint8_t)fill;
	return 0;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/* Devargs of netdma devices: the dma_netdma vdev, the PCI drivers. */

#ifndef NETDMA_DEVARGS_H
#define NETDMA_DEVARGS_H

#include <stdint.h>

#include "cbdma_model.h"
#include "netdma_pmd.h"

#define NETDMA_VDEV_MAX_CHANNELS 16

struct netdma_vdev_args {
	unsigned int channels;		/* channels= 1..16 (default 1) */
	int engine_cpu;			/* engine_cpu= CPU, or engine_lcore= lcore id; -1 none */
	int engine_lcore;
	uint32_t delay_us;		/* delay_us= per-descriptor delay (tests) */
	uint32_t idle_spin_us;		/* idle_spin_us= */
	uint32_t idle_sleep_us;		/* idle_sleep_us= longest idle sleep */
	uint8_t xfercap;		/* xfercap= log2 of the largest transfer, 0 = 4 GiB */
	uint8_t version;		/* version= CBVER, 0x30..0x34 (default: the profile's) */
	uint8_t fill;			/* fill=0|1 */
	struct netdma_params params;	/* suspend_timeout_ms=, resume=, desc_write= */
	enum cbdma_model_silicon silicon;	/* silicon=lenient|strict (default lenient) */
};

/* The devargs of every netdma device (vdev and PCI). */
#define NETDMA_PARAMS "suspend_timeout_ms=<1-60000> resume=<cmd|rearm> " \
	"desc_write=<plain|stream>"
#define NETDMA_VDEV_PARAMS "channels=<1-16> engine_cpu=<cpu> engine_lcore=<lcore> " \
	"delay_us=<us> idle_spin_us=<us> idle_sleep_us=<us> xfercap=<0-31> " \
	"version=<0x30-0x34> fill=<0|1> " NETDMA_PARAMS " silicon=<lenient|strict>"

/* Parse a vdev's devargs string (NULL or "" = defaults).  0, or -EINVAL with
 * a log line. */
int netdma_parse_devargs(const char *name, const char *args, struct netdma_vdev_args *out);
/* Parse NETDMA_PARAMS (a PCI device's devargs) over the values in *p.  0, or
 * -EINVAL with a log line. */
int netdma_parse_params(const char *name, const char *args, struct netdma_params *p);

#endif /* NETDMA_DEVARGS_H */

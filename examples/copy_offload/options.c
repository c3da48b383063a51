/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/* Application options (the arguments after EAL's "--"). */

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_mbuf.h>

#include "copy_offload.h"

enum {
	OPT_DURATION = 256, OPT_CTL_INTERVAL, OPT_NO_CONTROL, OPT_BURST, OPT_RING_SIZE,
	OPT_PORTS, OPT_PORTMASK, OPT_MBUF_SIZE, OPT_NB_MBUFS, OPT_STATS_INTERVAL,
	OPT_INJECT, OPT_SEED, OPT_DMA, OPT_QUIET, OPT_COPY_MBUF_SIZE,
};

static const struct option long_opts[] = {
	{ "duration", required_argument, NULL, OPT_DURATION },
	{ "ctl-interval-ms", required_argument, NULL, OPT_CTL_INTERVAL },
	{ "no-control", no_argument, NULL, OPT_NO_CONTROL },
	{ "burst", required_argument, NULL, OPT_BURST },
	{ "ring-size", required_argument, NULL, OPT_RING_SIZE },
	{ "ports", required_argument, NULL, OPT_PORTS },
	{ "portmask", required_argument, NULL, OPT_PORTMASK },
	{ "mbuf-size", required_argument, NULL, OPT_MBUF_SIZE },
	{ "copy-mbuf-size", required_argument, NULL, OPT_COPY_MBUF_SIZE },
	{ "nb-mbufs", required_argument, NULL, OPT_NB_MBUFS },
	{ "stats-interval", required_argument, NULL, OPT_STATS_INTERVAL },
	{ "inject-errors", required_argument, NULL, OPT_INJECT },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "dma", required_argument, NULL, OPT_DMA },
	{ "quiet-events", no_argument, NULL, OPT_QUIET },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static void
usage(const char *prog)
{
	printf("Usage: %s [EAL options] -- [options]\n"
		"\n"
		"Receives on every selected port, copies each packet into a fresh mbuf with a\n"
		"netdma dmadev, forwards the copy (ports pair up 0<->1, 2<->3; a port left\n"
		"over forwards to itself) and frees the original.  The main lcore prints\n"
		"statistics and runs control events on the DMA channel; one worker lcore\n"
		"runs the data path (use -l 0-1).\n"
		"\n"
		"  --duration S          stop after S seconds (decimals allowed; default 0:\n"
		"                        run until SIGINT/SIGTERM)\n"
		"  --ctl-interval-ms MS  one control round (queue teardown + urgent copy) every\n"
		"                        MS ms (default 200; 0 = no control events)\n"
		"  --no-control          same as --ctl-interval-ms 0\n"
		"  --burst N             rx/tx/completion burst, 1..%u (default 32)\n"
		"  --ring-size N         DMA descriptors (nb_desc), a power of two within the\n"
		"                        device's limits (default 1024)\n"
		"  --ports LIST          ethdev port ids, e.g. 0,1 (default: every port)\n"
		"  --portmask MASK       the same as a hex mask, e.g. 0x3\n"
		"  --mbuf-size BYTES     data room of the rx mbufs, headroom included,\n"
		"                        %u..65535 (default %u)\n"
		"  --copy-mbuf-size BYTES  data room of the copy mbufs (default: --mbuf-size);\n"
		"                        a packet must fit in one copy mbuf\n"
		"  --nb-mbufs N          mbufs per pool (default: sized from the rings)\n"
		"  --stats-interval S    live statistics every S seconds (default 1; 0 = off)\n"
		"  --inject-errors N     every Nth teardown also rewrites one pending copy to\n"
		"                        read from an unmapped address, so it fails (default 0\n"
		"                        = off)\n"
		"  --seed N              put N packets on each port at start; for sourceless\n"
		"                        loopback ports (net_ring), which then circulate them\n"
		"  --dma NAME            dmadev to use (default: the first dma_netdma* device,\n"
		"                        created with rte_vdev_init() if there is none)\n"
		"  --quiet-events        do not log each control event\n"
		"  -h, --help            this text\n"
		"\n"
		"Example: %s -l 0-1 --no-pci --vdev=net_null0 --vdev=net_null1 "
		"--vdev=dma_netdma0 -- --duration 10\n",
		prog, APP_MAX_BURST, RTE_PKTMBUF_HEADROOM + 128, RTE_MBUF_DEFAULT_BUF_SIZE,
		prog);
}

static int
bad(const char *opt, const char *val, const char *want)
{
	fprintf(stderr, APP_NAME ": %s: '%s' is not %s (try --help)\n", opt, val, want);
	return -1;
}

static int
parse_uint(const char *opt, const char *s, unsigned long min, unsigned long max,
		unsigned int *out)
{
	char want[96];
	unsigned long v;
	char *end;

	snprintf(want, sizeof(want), "a whole number in [%lu, %lu]", min, max);
	if (*s == '\0' || *s == '-')
		return bad(opt, s, want);
	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return bad(opt, s, want);
	*out = (unsigned int)v;
	return 0;
}

static int
parse_ports(const char *s, uint64_t *mask)
{
	const char *p = s;
	uint64_t m = 0;

	while (*p != '\0') {
		unsigned long v;
		char *end;

		errno = 0;
		v = strtoul(p, &end, 10);
		if (end == p || errno != 0 || v >= 64 || (*end != ',' && *end != '\0'))
			return bad("--ports", s, "a list of port ids below 64, e.g. 0,1");
		m |= UINT64_C(1) << v;
		p = *end == ',' ? end + 1 : end;
		if (*end == ',' && *p == '\0')
			return bad("--ports", s, "a list of port ids below 64, e.g. 0,1");
	}
	if (m == 0)
		return bad("--ports", s, "a list of port ids below 64, e.g. 0,1");
	*mask = m;
	return 0;
}

int
app_parse_options(int argc, char **argv, struct app_options *o)
{
	const char *prog = argc > 0 ? argv[0] : APP_NAME;
	bool have_ports = false;
	int c;

	*o = (struct app_options){
		.ctl_interval_ms = 200,
		.burst = 32,
		.ring_size = 1024,
		.mbuf_size = RTE_MBUF_DEFAULT_BUF_SIZE,
		.stats_interval_s = 1,
	};
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", long_opts, NULL)) != -1) {
		unsigned int u;
		char *end;

		switch (c) {
		case OPT_DURATION:
			errno = 0;
			o->duration_s = strtod(optarg, &end);
			if (errno != 0 || *end != '\0' || end == optarg ||
					!(o->duration_s >= 0 && o->duration_s <= 1e7))
				return bad("--duration", optarg, "a number of seconds >= 0");
			break;
		case OPT_CTL_INTERVAL:
			if (parse_uint("--ctl-interval-ms", optarg, 0, 3600000,
					&o->ctl_interval_ms))
				return -1;
			break;
		case OPT_NO_CONTROL:
			o->ctl_interval_ms = 0;
			break;
		case OPT_BURST:
			if (parse_uint("--burst", optarg, 1, APP_MAX_BURST, &o->burst))
				return -1;
			break;
		case OPT_RING_SIZE:
			if (parse_uint("--ring-size", optarg, 2, 32768, &o->ring_size))
				return -1;
			if (!rte_is_power_of_2(o->ring_size))
				return bad("--ring-size", optarg, "a power of two");
			break;
		case OPT_PORTS:
		case OPT_PORTMASK:
			if (have_ports) {
				fprintf(stderr, APP_NAME ": give --ports or --portmask once\n");
				return -1;
			}
			have_ports = true;
			if (c == OPT_PORTS) {
				if (parse_ports(optarg, &o->portmask))
					return -1;
			} else {
				errno = 0;
				o->portmask = strtoull(optarg, &end, 16);
				if (errno != 0 || *end != '\0' || end == optarg ||
						o->portmask == 0 || *optarg == '-')
					return bad("--portmask", optarg,
							"a non-zero hex mask, e.g. 0x3");
			}
			break;
		case OPT_MBUF_SIZE:
			if (parse_uint("--mbuf-size", optarg, RTE_PKTMBUF_HEADROOM + 128,
					UINT16_MAX, &o->mbuf_size))
				return -1;
			break;
		case OPT_COPY_MBUF_SIZE:
			if (parse_uint("--copy-mbuf-size", optarg, RTE_PKTMBUF_HEADROOM + 128,
					UINT16_MAX, &o->copy_mbuf_size))
				return -1;
			break;
		case OPT_NB_MBUFS:
			if (parse_uint("--nb-mbufs", optarg, 64, 1u << 24, &o->nb_mbufs))
				return -1;
			break;
		case OPT_STATS_INTERVAL:
			if (parse_uint("--stats-interval", optarg, 0, 3600,
					&o->stats_interval_s))
				return -1;
			break;
		case OPT_INJECT:
			if (parse_uint("--inject-errors", optarg, 0, 1000000, &o->inject_every))
				return -1;
			break;
		case OPT_SEED:
			if (parse_uint("--seed", optarg, 0, 4096, &u))
				return -1;
			o->seed = u;
			break;
		case OPT_DMA:
			if (strlen(optarg) == 0 || strlen(optarg) >= sizeof(o->dma_name))
				return bad("--dma", optarg, "a dmadev name");
			snprintf(o->dma_name, sizeof(o->dma_name), "%s", optarg);
			break;
		case OPT_QUIET:
			o->quiet_events = true;
			break;
		case 'h':
			usage(prog);
			return 1;
		case ':':
			fprintf(stderr, APP_NAME ": %s needs a value (try --help)\n",
					argv[optind - 1]);
			return -1;
		default:
			fprintf(stderr, APP_NAME ": unknown option '%s' (try --help)\n",
					argv[optind - 1]);
			return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, APP_NAME ": unexpected argument '%s' (try --help)\n",
				argv[optind]);
		return -1;
	}
	if (o->copy_mbuf_size == 0)
		o->copy_mbuf_size = o->mbuf_size;
	if (o->inject_every != 0 && o->ctl_interval_ms == 0) {
		fprintf(stderr, APP_NAME ": --inject-errors needs control events "
				"(--ctl-interval-ms > 0)\n");
		return -1;
	}
	return 0;
}

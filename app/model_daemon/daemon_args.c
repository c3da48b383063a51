/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/* Command line of netdma-model-daemon. */

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbdma_model.h"
#include "daemon.h"

static void
usage(FILE *f)
{
	fprintf(f,
		"Usage: " DAEMON_NAME " --bar FILE --ram FILE [options]\n"
		"\n"
		"Serve a software CBDMA v3 device to a QEMU guest: the register file lives in\n"
		"FILE given to --bar (the memdev of an ivshmem-plain device, BAR2), and DMA\n"
		"goes to the guest RAM file (memory-backend-file, share=on) at offset = IOVA.\n"
		"The guest must run DPDK with --iova-mode=pa.\n"
		"\n"
		"  --bar FILE            BAR file, created or resized to --bar-size\n"
		"  --bar-size SIZE       BAR size, a power of two >= 8K (default 1M)\n"
		"  --ram FILE            guest RAM file (memory-backend-file mem-path)\n"
		"  --ram-size SIZE       guest RAM size, at most 2816M (q35 keeps RAM below that\n"
		"                        at guest-physical = file offset); needed when FILE does\n"
		"                        not exist yet (it is then created), default its size\n"
		"  --channels N          CHANCNT, 1..%u (default 1; the PMD drives channel 0)\n"
		"  --version V           CBVER, 0x30..0x34 (default 0x34)\n"
		"  --xfercap N           log2 of the largest transfer, 1..32 (default 20)\n"
		"  --no-fill             clear the DMACAP fill bit\n"
		"  --engine-cpu CPU      pin the engine thread\n"
		"  --delay-us US         sleep before each descriptor (tests)\n"
		"  --silicon P           lenient (default) or strict: unverified silicon\n"
		"                        behaviours at their harshest (doc/device-model.md)\n"
		"  --idle-spin-us US     busy-poll this long before sleeping when idle\n"
		"  --idle-sleep-us US    longest idle sleep (default 50)\n"
		"  --status-interval S   print a status line every S seconds (default 0: only\n"
		"                        on SIGUSR1 and at exit)\n"
		"  -h, --help            this text\n"
		"\n"
		"SIZE takes a K, M or G suffix.  The BAR holds the signature \"NETDMA01\" at\n"
		"offset 0x%x while the device is served, and the register file at 0x%x.\n"
		"Stop with SIGINT, SIGTERM or SIGHUP; SIGUSR1 prints a status line.\n",
		CBDMA_MODEL_MAX_CHANNELS, CBDMA_IVSHMEM_SIG_OFFSET, CBDMA_IVSHMEM_REGS_OFFSET);
}

static int
parse_size(const char *opt, const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;
	unsigned int shift = 0;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno == 0 && end != s && s[0] != '-') {
		switch (*end) {
		case 'k': case 'K': shift = 10; end++; break;
		case 'm': case 'M': shift = 20; end++; break;
		case 'g': case 'G': shift = 30; end++; break;
		default: break;
		}
		if (*end == '\0' && v <= (UINT64_MAX >> shift)) {
			*out = (uint64_t)v << shift;
			return 0;
		}
	}
	fprintf(stderr, DAEMON_NAME ": %s: \"%s\" is not a size (e.g. 1M, 1G, 4096)\n", opt, s);
	return -1;
}

static int
parse_num(const char *opt, const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 0);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max) {
		fprintf(stderr, DAEMON_NAME ": %s: \"%s\" is not a number in [%ld, %ld]\n",
				opt, s, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

enum {
	OPT_BAR = 256, OPT_BAR_SIZE, OPT_RAM, OPT_RAM_SIZE, OPT_CHANNELS, OPT_VERSION,
	OPT_XFERCAP, OPT_NO_FILL, OPT_ENGINE_CPU, OPT_DELAY, OPT_SPIN, OPT_SLEEP,
	OPT_STATUS, OPT_SILICON,
};

static const struct option long_opts[] = {
	{ "bar", required_argument, NULL, OPT_BAR },
	{ "bar-size", required_argument, NULL, OPT_BAR_SIZE },
	{ "ram", required_argument, NULL, OPT_RAM },
	{ "ram-size", required_argument, NULL, OPT_RAM_SIZE },
	{ "channels", required_argument, NULL, OPT_CHANNELS },
	{ "version", required_argument, NULL, OPT_VERSION },
	{ "xfercap", required_argument, NULL, OPT_XFERCAP },
	{ "no-fill", no_argument, NULL, OPT_NO_FILL },
	{ "engine-cpu", required_argument, NULL, OPT_ENGINE_CPU },
	{ "delay-us", required_argument, NULL, OPT_DELAY },
	{ "idle-spin-us", required_argument, NULL, OPT_SPIN },
	{ "idle-sleep-us", required_argument, NULL, OPT_SLEEP },
	{ "status-interval", required_argument, NULL, OPT_STATUS },
	{ "silicon", required_argument, NULL, OPT_SILICON },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

int
daemon_parse_args(int argc, char **argv, struct daemon_opts *o)
{
	long v;
	int c;

	*o = (struct daemon_opts){
		.bar_size = DAEMON_DEFAULT_BAR_SIZE,
		.channels = 1,
		.xfercap = 20,
		.engine_cpu = -1,
	};
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", long_opts, NULL)) != -1) {
		const char *name = optind > 0 && optind <= argc ? argv[optind - 1] : "?";

		switch (c) {
		case 'h':
			usage(stdout);
			return 1;
		case OPT_BAR:
			o->bar_path = optarg;
			break;
		case OPT_BAR_SIZE:
			if (parse_size("--bar-size", optarg, &o->bar_size))
				return -1;
			break;
		case OPT_RAM:
			o->ram_path = optarg;
			break;
		case OPT_RAM_SIZE:
			if (parse_size("--ram-size", optarg, &o->ram_size))
				return -1;
			break;
		case OPT_CHANNELS:
			if (parse_num("--channels", optarg, 1, CBDMA_MODEL_MAX_CHANNELS, &v))
				return -1;
			o->channels = (unsigned int)v;
			break;
		case OPT_VERSION:
			if (parse_num("--version", optarg, CBDMA_VER_3_0, CBDMA_VER_3_4, &v))
				return -1;
			o->version = (uint8_t)v;
			break;
		case OPT_XFERCAP:
			if (parse_num("--xfercap", optarg, 1, 32, &v))
				return -1;
			o->xfercap = (uint8_t)v;
			break;
		case OPT_NO_FILL:
			o->no_fill = true;
			break;
		case OPT_ENGINE_CPU:
			if (parse_num("--engine-cpu", optarg, 0, 4095, &v))
				return -1;
			o->engine_cpu = (int)v;
			break;
		case OPT_DELAY:
			if (parse_num("--delay-us", optarg, 0, 1000000, &v))
				return -1;
			o->delay_us = (uint32_t)v;
			break;
		case OPT_SPIN:
			if (parse_num("--idle-spin-us", optarg, 0, 1000000, &v))
				return -1;
			o->idle_spin_us = (uint32_t)v;
			break;
		case OPT_SLEEP:
			if (parse_num("--idle-sleep-us", optarg, 1, 1000000, &v))
				return -1;
			o->idle_sleep_us = (uint32_t)v;
			break;
		case OPT_STATUS:
			if (parse_num("--status-interval", optarg, 0, 86400, &v))
				return -1;
			o->status_interval = (unsigned int)v;
			break;
		case OPT_SILICON:
			if (cbdma_model_silicon_parse(optarg, &o->silicon) != 0) {
				fprintf(stderr, DAEMON_NAME ": --silicon: \"%s\" is not lenient "
						"or strict\n", optarg);
				return -1;
			}
			break;
		case ':':
			fprintf(stderr, DAEMON_NAME ": %s needs a value (see --help)\n", name);
			return -1;
		default:
			fprintf(stderr, DAEMON_NAME ": unknown option %s (see --help)\n", name);
			return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, DAEMON_NAME ": unexpected argument \"%s\" (see --help)\n",
				argv[optind]);
		return -1;
	}
	if (o->version == 0)
		o->version = CBDMA_VER_3_4;	/* as the vdev: the newest CBDMA */
	if (o->bar_path == NULL || o->ram_path == NULL) {
		fprintf(stderr, DAEMON_NAME ": --bar and --ram are required (see --help)\n");
		return -1;
	}
	if (o->bar_size < CBDMA_IVSHMEM_REGS_OFFSET + CBDMA_IVSHMEM_REGS_SIZE ||
			(o->bar_size & (o->bar_size - 1)) != 0) {
		fprintf(stderr, DAEMON_NAME ": --bar-size %" PRIu64 ": must be a power of two "
				"of at least %u bytes (ivshmem BARs are powers of two)\n",
				o->bar_size, CBDMA_IVSHMEM_REGS_OFFSET + CBDMA_IVSHMEM_REGS_SIZE);
		return -1;
	}
	if (o->ram_size > DAEMON_MAX_RAM_SIZE) {
		fprintf(stderr, DAEMON_NAME ": --ram-size %" PRIu64 " MiB: above %llu MiB, q35 "
				"maps guest RAM above 4 GiB, so file offsets would not be "
				"guest-physical addresses\n", o->ram_size >> 20,
				DAEMON_MAX_RAM_SIZE >> 20);
		return -1;
	}
	if (strcmp(o->bar_path, o->ram_path) == 0) {
		fprintf(stderr, DAEMON_NAME ": --bar and --ram must be different files\n");
		return -1;
	}
	return 0;
}

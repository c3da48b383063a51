/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * netdma-discover: which DMA engines does this machine (or a PCI dump)
 * have, which can netdma drive, are they ready for vfio, and are there
 * hugepages to run with.
 */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "disc.h"

#ifndef DISC_VERSION
#define DISC_VERSION "unknown"
#endif

enum {
	OPT_DEV_ROOT = 256,
	OPT_LIST_KNOWN,
};

static const struct option disc_long_opts[] = {
	{ "dump", required_argument, NULL, 'd' },
	{ "sysfs-root", required_argument, NULL, 's' },
	{ "dev-root", required_argument, NULL, OPT_DEV_ROOT },
	{ "json", no_argument, NULL, 'j' },
	{ "list-known", no_argument, NULL, OPT_LIST_KNOWN },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static void
disc_usage(FILE *out)
{
	fprintf(out,
"Usage: %s [OPTIONS]\n"
"\n"
"List the DMA engines of this machine (or of an lspci dump): CBDMA/I/OAT\n"
"channels netdma drives, the ivshmem device of its VM rig, and other DMA\n"
"engines it does not drive; for each, its NUMA node, kernel driver, IOMMU\n"
"group and whether vfio can take it.  Then the hugepage pools and mounts.\n"
"\n"
"Options:\n"
"  -d, --dump FILE        read PCI config space from FILE, the output of\n"
"                         `lspci -x` or `lspci -xxx`, instead of the live bus\n"
"  -s, --sysfs-root DIR   read driver, IOMMU group, NUMA node, ivshmem BAR2,\n"
"                         vfio state and hugepage pools from DIR instead of\n"
"                         /sys (without it, a dump has none of these)\n"
"      --dev-root DIR     look for vfio group nodes in DIR/vfio, not /dev/vfio\n"
"  -j, --json             print JSON instead of text\n"
"      --list-known       print the table of known DMA engines and exit\n"
"  -h, --help             print this help and exit\n"
"  -V, --version          print the version and exit\n"
"\n"
"Exit status: 0 when at least one device netdma can drive is found;\n"
"%d when none is (the reason is printed on stderr, one line);\n"
"%d on a usage error or unreadable input.\n",
		DISC_PROG, DISC_EXIT_NONE, DISC_EXIT_ERROR);
}

static int
disc_bad_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", DISC_PROG);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, " (try --help)\n");
	return DISC_EXIT_ERROR;
}

static int
disc_check_dir(const char *opt, const char *dir)
{
	struct stat st;

	if (stat(dir, &st) != 0) {
		fprintf(stderr, "%s: %s '%s': %s\n", DISC_PROG, opt, dir,
			strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		fprintf(stderr, "%s: %s '%s': not a directory\n", DISC_PROG,
			opt, dir);
		return -1;
	}
	return 0;
}

static int
disc_check_dump(const char *file)
{
	struct stat st;
	FILE *f;

	f = fopen(file, "re");
	if (f == NULL) {
		fprintf(stderr, "%s: cannot read dump file '%s': %s\n", DISC_PROG,
			file, strerror(errno));
		return -1;
	}
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		fprintf(stderr, "%s: dump file '%s' is a directory\n", DISC_PROG,
			file);
		return -1;
	}
	fclose(f);
	return 0;
}

/* The option getopt stopped at: "--name" for a long one, else "-x". */
static const char *
disc_opt_name(char **argv, char *buf, size_t len)
{
	const char *w = argv[optind - 1];

	if (strncmp(w, "--", 2) == 0) {
		snprintf(buf, len, "%.*s", (int)strcspn(w, "="), w);
		return buf;
	}
	if (optopt != 0 && optopt < 256) {
		snprintf(buf, len, "-%c", optopt);
		return buf;
	}
	return w;
}

/* A long option given "=value" though it takes none. */
static bool
disc_takes_no_arg(const char *name)
{
	const struct option *o;

	if (strncmp(name, "--", 2) != 0)
		return false;
	for (o = disc_long_opts; o->name != NULL; o++)
		if (strcmp(o->name, name + 2) == 0)
			return o->has_arg == no_argument;
	return false;
}

/* 0 to run, -1 to exit with *code. */
static int
disc_parse(int argc, char **argv, struct disc_opts *o, int *code)
{
	const char *name;
	char opt[64];
	int c;

	memset(o, 0, sizeof(*o));
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":d:s:jhV", disc_long_opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			o->dump = optarg;
			break;
		case 's':
			o->sysfs_root = optarg;
			break;
		case OPT_DEV_ROOT:
			o->dev_root = optarg;
			break;
		case 'j':
			o->json = true;
			break;
		case OPT_LIST_KNOWN:
			o->list_known = true;
			break;
		case 'h':
			disc_usage(stdout);
			*code = DISC_EXIT_OK;
			return -1;
		case 'V':
			printf("%s %s\n", DISC_PROG, DISC_VERSION);
			*code = DISC_EXIT_OK;
			return -1;
		case ':':
			*code = disc_bad_usage("option '%s' needs an argument",
				disc_opt_name(argv, opt, sizeof(opt)));
			return -1;
		default:
			name = disc_opt_name(argv, opt, sizeof(opt));
			*code = disc_bad_usage(disc_takes_no_arg(name) ?
				"option '%s' takes no argument" :
				"unknown option '%s'", name);
			return -1;
		}
	}
	if (optind < argc) {
		*code = disc_bad_usage("unexpected argument '%s'", argv[optind]);
		return -1;
	}
	if ((o->dump != NULL && disc_check_dump(o->dump) != 0) ||
			(o->sysfs_root != NULL &&
			 disc_check_dir("--sysfs-root", o->sysfs_root) != 0) ||
			(o->dev_root != NULL &&
			 disc_check_dir("--dev-root", o->dev_root) != 0)) {
		*code = DISC_EXIT_ERROR;
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct disc_result res;
	struct disc_opts opts;
	int code, i;

	if (disc_parse(argc, argv, &opts, &code) != 0)
		return code;
	if (opts.list_known) {
		if (opts.json)
			disc_list_known_json();
		else
			disc_list_known_text();
		return DISC_EXIT_OK;
	}

	memset(&res, 0, sizeof(res));
	res.opts = &opts;
	res.sysfs = opts.sysfs_root != NULL ? opts.sysfs_root :
		opts.dump != NULL ? NULL : "/sys";
	res.devfs = opts.dev_root != NULL ? opts.dev_root : "/dev";

	if (disc_pci_scan(&res) != 0)
		return DISC_EXIT_ERROR;
	if (opts.dump != NULL && res.nb_scanned == 0) {
		fprintf(stderr, "%s: dump file '%s' holds no PCI function "
			"(expected the output of `lspci -x`)\n", DISC_PROG, opts.dump);
		return DISC_EXIT_ERROR;
	}
	for (i = 0; i < res.nb_devices; i++) {
		struct disc_device *d = &res.devices[i];

		disc_sysfs_fill(&res, d);
		disc_signature_check(&res, d);
		disc_vfio_fill(&res, d);
		disc_verdict_device(d);
	}
	disc_verdict_summary(&res);
	disc_hugepages_fill(&res);

	if (opts.json)
		disc_report_json(&res);
	else
		disc_report_text(&res);
	fflush(stdout);
	free(res.devices);

	if (res.nb_driven == 0) {
		fprintf(stderr, "%s: %s\n", DISC_PROG, res.reason);
		return DISC_EXIT_NONE;
	}
	return DISC_EXIT_OK;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * Is an ivshmem function a netdma-emulated CBDMA?  Read the first 8 bytes
 * of its BAR2 through sysfs (resource2) and compare with the signature.
 */

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cbdma_hw.h>

#include "disc.h"

_Static_assert(CBDMA_IVSHMEM_SIGNATURE ==
	((uint64_t)'N' | (uint64_t)'E' << 8 | (uint64_t)'T' << 16 |
	 (uint64_t)'D' << 24 | (uint64_t)'M' << 32 | (uint64_t)'A' << 40 |
	 (uint64_t)'0' << 48 | (uint64_t)'1' << 56),
	"the signature is \"NETDMA01\" read as a little-endian u64");

static uint64_t
disc_le64(const unsigned char *b)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | b[i];
	return v;
}

/* 0 and the 8 bytes at the signature offset, or -errno. */
static int
disc_read_bar_head(const char *path, unsigned char out[8])
{
	const off_t off = CBDMA_IVSHMEM_SIG_OFFSET;
	struct stat st;
	void *map;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
			st.st_size < off + 8) {
		close(fd);
		return -ENODATA;
	}
	/* A BAR is read by mapping it; a plain file (tests) reads either way. */
	map = mmap(NULL, (size_t)sysconf(_SC_PAGESIZE), PROT_READ, MAP_SHARED,
		fd, 0);
	if (map != MAP_FAILED) {
		const volatile uint64_t *p = (const volatile uint64_t *)
			((const volatile unsigned char *)map + off);
		uint64_t v = *p;

		memcpy(out, &v, 8);
		munmap(map, (size_t)sysconf(_SC_PAGESIZE));
		close(fd);
		return 0;
	}
	err = errno;
	if (pread(fd, out, 8, off) == 8) {
		close(fd);
		return 0;
	}
	close(fd);
	return -err;
}

void
disc_signature_check(const struct disc_result *res, struct disc_device *d)
{
	char path[DISC_PATH_MAX];
	unsigned char head[8];
	int ret;

	if (d->engine == NULL || d->engine->support != DISC_SUPPORT_IF_SIGNED) {
		d->sig = DISC_SIG_NA;
		return;
	}
	d->sig = DISC_SIG_UNREADABLE;
	if (res->sysfs == NULL) {
		snprintf(d->sig_detail, sizeof(d->sig_detail),
			"BAR%d cannot be read from a dump (give --sysfs-root)",
			CBDMA_IVSHMEM_SIG_BAR);
		return;
	}
	disc_pathf(path, sizeof(path), "%s/bus/pci/devices/%s/resource%d",
		res->sysfs, d->address, CBDMA_IVSHMEM_SIG_BAR);
	ret = disc_read_bar_head(path, head);
	if (ret == -ENODATA) {
		snprintf(d->sig_detail, sizeof(d->sig_detail),
			"BAR%d is smaller than the signature",
			CBDMA_IVSHMEM_SIG_BAR);
		return;
	}
	if (ret < 0) {
		snprintf(d->sig_detail, sizeof(d->sig_detail),
			"cannot read BAR%d through sysfs resource%d: %s",
			CBDMA_IVSHMEM_SIG_BAR, CBDMA_IVSHMEM_SIG_BAR,
			strerror(-ret));
		return;
	}
	d->sig_value = disc_le64(head);
	if (d->sig_value == CBDMA_IVSHMEM_SIGNATURE) {
		d->sig = DISC_SIG_MATCH;
		snprintf(d->sig_detail, sizeof(d->sig_detail),
			"BAR%d starts with \"%s\"", CBDMA_IVSHMEM_SIG_BAR,
			CBDMA_IVSHMEM_SIGNATURE_STR);
	} else {
		d->sig = DISC_SIG_MISMATCH;
		snprintf(d->sig_detail, sizeof(d->sig_detail),
			"BAR%d starts with 0x%016" PRIx64 ", not \"%s\"",
			CBDMA_IVSHMEM_SIG_BAR, d->sig_value,
			CBDMA_IVSHMEM_SIGNATURE_STR);
	}
}

const char *
disc_sig_state_str(enum disc_sig_state s)
{
	switch (s) {
	case DISC_SIG_NA:
		return "n/a";
	case DISC_SIG_UNREADABLE:
		return "unreadable";
	case DISC_SIG_MISMATCH:
		return "mismatch";
	case DISC_SIG_MATCH:
		return "match";
	}
	return "?";
}

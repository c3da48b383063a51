/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/* Shared files of the daemon: the BAR file and the guest RAM file. */

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"

int
daemon_map_file(const char *path, uint64_t len, bool create, const char *what,
		struct daemon_map *m)
{
	struct stat st;
	int fd;

	m->addr = NULL;
	m->fd = -1;
	m->created = false;
	fd = open(path, O_RDWR | O_CLOEXEC, 0600);
	if (fd < 0 && errno == ENOENT && create) {
		fd = open(path, O_RDWR | O_CLOEXEC | O_CREAT | O_EXCL, 0600);
		m->created = fd >= 0;
	}
	if (fd < 0) {
		fprintf(stderr, DAEMON_NAME ": cannot open %s file %s: %s\n", what, path,
				strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		fprintf(stderr, DAEMON_NAME ": %s file %s is not a regular file\n", what, path);
		goto fail;
	}
	if (len == 0) {
		if (st.st_size == 0) {
			fprintf(stderr, DAEMON_NAME ": %s file %s is empty: give its size\n",
					what, path);
			goto fail;
		}
		len = (uint64_t)st.st_size;
	} else if ((uint64_t)st.st_size > len) {
		/* Never shrink: QEMU may be using the file already. */
		fprintf(stderr, DAEMON_NAME ": %s file %s has %" PRIu64 " bytes, more than the %"
				PRIu64 " given\n", what, path, (uint64_t)st.st_size, len);
		goto fail;
	} else if ((uint64_t)st.st_size < len) {
		/* Sparse on tmpfs: no memory is used until touched. */
		if (ftruncate(fd, (off_t)len) != 0) {
			fprintf(stderr, DAEMON_NAME ": cannot size %s file %s to %" PRIu64
					" bytes: %s\n", what, path, len, strerror(errno));
			goto fail;
		}
	}
	m->addr = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (m->addr == MAP_FAILED) {
		m->addr = NULL;
		fprintf(stderr, DAEMON_NAME ": cannot map %s file %s (%" PRIu64 " bytes): %s\n",
				what, path, len, strerror(errno));
		goto fail;
	}
	m->len = len;
	m->fd = fd;
	return 0;
fail:
	close(fd);
	if (m->created)
		unlink(path);
	return -1;
}

void
daemon_unmap_file(struct daemon_map *m, const char *path, bool unlink_created)
{
	if (m->addr != NULL)
		munmap(m->addr, m->len);
	if (m->fd >= 0)
		close(m->fd);
	if (unlink_created && m->created)
		unlink(path);
	m->addr = NULL;
	m->fd = -1;
}

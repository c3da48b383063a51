/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * sysfs reads: small attribute files and symlinks, and the fallback for
 * what libpci did not say about a device (bound driver, IOMMU group, NUMA
 * node) -- always the case for a dump read with --sysfs-root.
 */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "disc.h"

/* snprintf for paths: 0, or -ENAMETOOLONG (buf then holds ""). */
int
disc_pathf(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= len) {
		if (len > 0)
			buf[0] = '\0';
		return -ENAMETOOLONG;
	}
	return 0;
}

/* Read a one-line attribute, trailing newline removed.  0 or -errno. */
int
disc_sysfs_read_str(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd;

	if (len == 0)
		return -EINVAL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	if (n < 0) {
		int err = errno;

		close(fd);
		return -err;
	}
	close(fd);
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return 0;
}

/* The last component of a symlink's target ("ioatdma", "12"). */
int
disc_sysfs_link_base(const char *path, char *buf, size_t len)
{
	char target[DISC_PATH_MAX];
	const char *base;
	ssize_t n;

	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		return -errno;
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base != NULL ? base + 1 : target;
	if (*base == '\0')
		return -EINVAL;
	snprintf(buf, len, "%s", base);
	return 0;
}

bool
disc_path_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

void
disc_sysfs_fill(const struct disc_result *res, struct disc_device *d)
{
	char dir[DISC_PATH_MAX], path[DISC_PATH_MAX], buf[64];

	if (res->sysfs == NULL)
		return;
	disc_pathf(dir, sizeof(dir), "%s/bus/pci/devices/%s", res->sysfs,
		d->address);
	if (!disc_path_exists(dir))
		return;	/* not in this sysfs tree: leave all unknown */

	if (d->driver_known == DISC_UNKNOWN) {
		disc_pathf(path, sizeof(path), "%s/driver", dir);
		if (disc_sysfs_link_base(path, d->driver, sizeof(d->driver)) == 0)
			d->driver_known = DISC_VALUE;
		else
			d->driver_known = DISC_NONE;
	}
	if (d->iommu_known == DISC_UNKNOWN) {
		disc_pathf(path, sizeof(path), "%s/iommu_group", dir);
		if (disc_sysfs_link_base(path, d->iommu_group,
				sizeof(d->iommu_group)) == 0)
			d->iommu_known = DISC_VALUE;
		else
			d->iommu_known = DISC_NONE;
	}
	if (d->numa_known == DISC_UNKNOWN) {
		disc_pathf(path, sizeof(path), "%s/numa_node", dir);
		if (disc_sysfs_read_str(path, buf, sizeof(buf)) == 0) {
			char *end;
			long v = strtol(buf, &end, 10);

			if (end != buf && *end == '\0' && v >= INT_MIN && v <= INT_MAX) {
				d->numa_node = (int)v;
				d->numa_known = v < 0 ? DISC_NONE : DISC_VALUE;
			}
		} else {
			d->numa_known = DISC_NONE;	/* kernel without NUMA */
		}
	}
}

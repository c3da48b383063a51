/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * Hugepage pools (sysfs: sizes, total and free pages, per NUMA node) and
 * hugetlbfs mounts (libhugetlbfs when built with it, /proc/mounts always).
 */

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef DISC_HAVE_LIBHUGETLBFS
#include <hugetlbfs.h>
#endif

#include "disc.h"

static long
disc_read_long(const char *dir, const char *file)
{
	char path[DISC_PATH_MAX], buf[32], *end;
	long v;

	disc_pathf(path, sizeof(path), "%s/%s", dir, file);
	if (disc_sysfs_read_str(path, buf, sizeof(buf)) != 0)
		return -1;
	v = strtol(buf, &end, 10);
	return end != buf ? v : -1;
}

static void
disc_pool_nodes(const char *sysfs, struct disc_pool *pool)
{
	char dir[DISC_PATH_MAX];
	struct dirent *de;
	DIR *nodes;

	disc_pathf(dir, sizeof(dir), "%s/devices/system/node", sysfs);
	nodes = opendir(dir);
	if (nodes == NULL)
		return;
	while ((de = readdir(nodes)) != NULL && pool->nb_nodes < DISC_MAX_NODES) {
		char pdir[DISC_PATH_MAX], *end;
		struct disc_pool_node *n;
		long id;

		if (strncmp(de->d_name, "node", 4) != 0)
			continue;
		id = strtol(de->d_name + 4, &end, 10);
		if (end == de->d_name + 4 || *end != '\0')
			continue;
		disc_pathf(pdir, sizeof(pdir), "%s/%s/hugepages/hugepages-%ldkB",
			dir, de->d_name, pool->size_kb);
		n = &pool->nodes[pool->nb_nodes];
		n->node = (int)id;
		n->total = disc_read_long(pdir, "nr_hugepages");
		n->free = disc_read_long(pdir, "free_hugepages");
		if (n->total >= 0)
			pool->nb_nodes++;
	}
	closedir(nodes);
}

static int
disc_cmp_pool(const void *a, const void *b)
{
	const struct disc_pool *x = a, *y = b;

	return x->size_kb < y->size_kb ? -1 : x->size_kb > y->size_kb;
}

static int
disc_cmp_node(const void *a, const void *b)
{
	const struct disc_pool_node *x = a, *y = b;

	return x->node - y->node;
}

static void
disc_pools(struct disc_hugepages *h, const char *sysfs)
{
	char dir[DISC_PATH_MAX];
	struct dirent *de;
	DIR *d;
	int i;

	disc_pathf(dir, sizeof(dir), "%s/kernel/mm/hugepages", sysfs);
	d = opendir(dir);
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL && h->nb_pools < DISC_MAX_POOLS) {
		char pdir[DISC_PATH_MAX];
		struct disc_pool *p = &h->pools[h->nb_pools];
		long kb;

		if (sscanf(de->d_name, "hugepages-%ldkB", &kb) != 1 || kb <= 0)
			continue;
		memset(p, 0, sizeof(*p));
		p->size_kb = kb;
		disc_pathf(pdir, sizeof(pdir), "%s/%s", dir, de->d_name);
		p->total = disc_read_long(pdir, "nr_hugepages");
		p->free = disc_read_long(pdir, "free_hugepages");
		p->surplus = disc_read_long(pdir, "surplus_hugepages");
		p->reserved = disc_read_long(pdir, "resv_hugepages");
		disc_pool_nodes(sysfs, p);
		qsort(p->nodes, p->nb_nodes, sizeof(p->nodes[0]), disc_cmp_node);
		h->nb_pools++;
	}
	closedir(d);
	qsort(h->pools, h->nb_pools, sizeof(h->pools[0]), disc_cmp_pool);
	for (i = 0; i < h->nb_pools; i++)
		h->pools[i].mount[0] = '\0';
}

/* "2M", "1G", "1024k" -> kB; 0 if unparsable. */
static long
disc_size_kb(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	switch (*end) {
	case 'k': case 'K':
		return v;
	case 'm': case 'M':
		return v * 1024;
	case 'g': case 'G':
		return v * 1024 * 1024;
	default:
		return 0;
	}
}

static long
disc_default_size_kb(void)
{
	char line[128];
	long kb = 0;
	FILE *f = fopen("/proc/meminfo", "re");

	if (f == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "Hugepagesize: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

static void
disc_mounts(struct disc_hugepages *h)
{
	char dev[256], path[DISC_PATH_MAX], type[64], opts[1024];
	long dflt = disc_default_size_kb();
	FILE *f = fopen("/proc/mounts", "re");

	if (f == NULL)
		return;
	while (fscanf(f, "%255s %4095s %63s %1023s %*d %*d", dev, path, type,
			opts) == 4 && h->nb_mounts < DISC_MAX_MOUNTS) {
		struct disc_mount *m;
		const char *ps;

		if (strcmp(type, "hugetlbfs") != 0)
			continue;
		m = &h->mounts[h->nb_mounts++];
		snprintf(m->path, sizeof(m->path), "%s", path);
		ps = strstr(opts, "pagesize=");
		m->size_kb = ps != NULL ? disc_size_kb(ps + strlen("pagesize=")) : dflt;
	}
	fclose(f);
}

static void
disc_pool_mounts(struct disc_hugepages *h)
{
	int i, j;

#ifdef DISC_HAVE_LIBHUGETLBFS
	long sizes[DISC_MAX_POOLS];
	int n = gethugepagesizes(sizes, DISC_MAX_POOLS);

	h->mount_source = "libhugetlbfs";
	for (j = 0; j < n; j++) {
		const char *p = hugetlbfs_find_path_for_size(sizes[j]);

		for (i = 0; p != NULL && i < h->nb_pools; i++)
			if (h->pools[i].size_kb * 1024 == sizes[j])
				snprintf(h->pools[i].mount,
					sizeof(h->pools[i].mount), "%s", p);
	}
#else
	h->mount_source = "/proc/mounts";
#endif
	/* Without libhugetlbfs, or for a size it did not list. */
	for (i = 0; i < h->nb_pools; i++)
		for (j = 0; h->pools[i].mount[0] == '\0' && j < h->nb_mounts; j++)
			if (h->mounts[j].size_kb == h->pools[i].size_kb)
				snprintf(h->pools[i].mount,
					sizeof(h->pools[i].mount), "%s",
					h->mounts[j].path);
}

void
disc_hugepages_fill(struct disc_result *res)
{
	struct disc_hugepages *h = &res->huge;

	memset(h, 0, sizeof(*h));
	if (res->sysfs == NULL) {
		h->why_not = "a dump describes another machine (give --sysfs-root to read its pools)";
		return;
	}
	h->reported = true;
	disc_pools(h, res->sysfs);
	if (res->opts->dump != NULL || res->opts->sysfs_root != NULL)
		return;	/* mounts are this machine's; pools came from elsewhere */
	disc_mounts(h);
	disc_pool_mounts(h);
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * netdma-discover: the records the tool builds and the functions of each
 * of its parts.  Nothing here is shared with the driver.
 */

#ifndef DISC_H
#define DISC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DISC_PROG	"netdma-discover"
#define DISC_PATH_MAX	4096

/* Exit codes. */
#define DISC_EXIT_OK		0	/* at least one device netdma can drive */
#define DISC_EXIT_ERROR		1	/* bad option, unreadable input */
#define DISC_EXIT_NONE		2	/* nothing netdma can drive */

/* What netdma makes of an engine, from its identity alone. */
enum disc_support {
	DISC_SUPPORT_YES,	/* a CBDMA v3 generation netdma drives */
	DISC_SUPPORT_IF_SIGNED,	/* ivshmem: only with the netdma BAR2 signature */
	DISC_SUPPORT_NO,	/* a DMA engine of another kind */
};

/* One row of the known-engines table (disc_engines.c). */
struct disc_engine {
	uint16_t vendor;
	uint16_t first;		/* device ID range, inclusive */
	uint16_t last;
	const char *kind;	/* "cbdma", "dsa", "ivshmem", ... */
	const char *generation;	/* "CBDMA v3.2 SKX" */
	const char *name;	/* human name of the engine */
	enum disc_support support;
	const char *why_not;	/* DISC_SUPPORT_NO: why netdma does not drive it */
};

/* A value read from the system that may be absent or unknown. */
enum disc_known {
	DISC_UNKNOWN,		/* no source could tell (dump without sysfs) */
	DISC_NONE,		/* the source says there is none */
	DISC_VALUE,		/* the value field holds it */
};

enum disc_vfio_state {
	DISC_VFIO_UNKNOWN,
	DISC_VFIO_READY,	/* bound to vfio-pci, group node present */
	DISC_VFIO_BINDABLE,	/* can be bound to vfio-pci */
	DISC_VFIO_UNAVAILABLE,
};

enum disc_module_state {
	DISC_MOD_UNKNOWN,
	DISC_MOD_LOADED,
	DISC_MOD_AVAILABLE,	/* on disk, not loaded */
	DISC_MOD_MISSING,
};

enum disc_sig_state {
	DISC_SIG_NA,		/* not an ivshmem device */
	DISC_SIG_UNREADABLE,
	DISC_SIG_MISMATCH,
	DISC_SIG_MATCH,
};

struct disc_vfio {
	enum disc_vfio_state state;
	enum disc_module_state module;
	bool noiommu;			/* vfio enable_unsafe_noiommu_mode = Y */
	char group_node[DISC_PATH_MAX];	/* "" when none */
	char reason[512];
};

struct disc_device {
	int domain;
	unsigned int bus, dev, func;
	char address[16];		/* "0000:00:04.0" */
	uint16_t vendor_id, device_id;
	uint32_t class_code;		/* 24 bits: class, subclass, prog-if */
	const struct disc_engine *engine; /* NULL: a DMA controller by class only */
	char name[128];

	enum disc_known numa_known;
	int numa_node;
	enum disc_known driver_known;
	char driver[64];
	enum disc_known iommu_known;
	char iommu_group[32];

	enum disc_sig_state sig;
	uint64_t sig_value;		/* DISC_SIG_MISMATCH: what BAR2 holds */
	char sig_detail[160];

	struct disc_vfio vfio;

	bool driven;			/* netdma can drive it */
	char verdict[256];		/* why (not) */
};

struct disc_pool_node {
	int node;
	long total, free;
};

#define DISC_MAX_POOLS	8
#define DISC_MAX_NODES	16
#define DISC_MAX_MOUNTS	16

struct disc_pool {
	long size_kb;
	long total, free, surplus, reserved;
	char mount[DISC_PATH_MAX];	/* "" when not mounted */
	int nb_nodes;
	struct disc_pool_node nodes[DISC_MAX_NODES];
};

struct disc_mount {
	char path[DISC_PATH_MAX];
	long size_kb;			/* 0 when unknown */
};

struct disc_hugepages {
	bool reported;
	const char *why_not;		/* !reported: why */
	const char *mount_source;	/* "libhugetlbfs" or "/proc/mounts" */
	int nb_pools;
	struct disc_pool pools[DISC_MAX_POOLS];
	int nb_mounts;
	struct disc_mount mounts[DISC_MAX_MOUNTS];
};

struct disc_opts {
	const char *dump;		/* NULL: the live bus */
	const char *sysfs_root;		/* NULL: /sys, unless dump */
	const char *dev_root;		/* NULL: /dev */
	bool json;
	bool list_known;
};

struct disc_result {
	const struct disc_opts *opts;
	const char *sysfs;		/* NULL: no sysfs information */
	const char *devfs;
	int nb_scanned;			/* PCI functions seen */
	int nb_devices;
	struct disc_device *devices;
	int nb_driven;
	int nb_ready;			/* driven and bound to vfio-pci */
	struct disc_hugepages huge;
	char reason[512];		/* nb_driven == 0: the one-line reason */
};

/* disc_engines.c */
const struct disc_engine *disc_engine_lookup(uint16_t vendor, uint16_t device);
const struct disc_engine *disc_engine_table(unsigned int *count);
const char *disc_support_str(enum disc_support s);

/* disc_pci.c: scan the bus or a dump; fills devices, nb_scanned. */
int disc_pci_scan(struct disc_result *res);

/* disc_sysfs.c */
int disc_pathf(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int disc_sysfs_read_str(const char *path, char *buf, size_t len);
int disc_sysfs_link_base(const char *path, char *buf, size_t len);
bool disc_path_exists(const char *path);
void disc_sysfs_fill(const struct disc_result *res, struct disc_device *d);

/* disc_signature.c */
void disc_signature_check(const struct disc_result *res, struct disc_device *d);

/* disc_vfio.c */
void disc_vfio_fill(const struct disc_result *res, struct disc_device *d);

/* disc_verdict.c */
void disc_verdict_device(struct disc_device *d);
void disc_verdict_summary(struct disc_result *res);

/* disc_hugepages.c */
void disc_hugepages_fill(struct disc_result *res);

/* disc_report_text.c, disc_report_json.c */
void disc_report_text(const struct disc_result *res);
void disc_report_json(const struct disc_result *res);
void disc_list_known_text(void);
void disc_list_known_json(void);

/* Helpers shared by the reports. */
const char *disc_vfio_state_str(enum disc_vfio_state s);
const char *disc_module_state_str(enum disc_module_state s);
const char *disc_sig_state_str(enum disc_sig_state s);

#endif /* DISC_H */

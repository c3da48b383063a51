/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * netdma-model-daemon: the software CBDMA device (lib/cbdma_model) as a host
 * process, behind a QEMU ivshmem BAR.  The BAR file holds the netdma
 * signature at offset 0 and the register file at CBDMA_IVSHMEM_REGS_OFFSET; the
 * engine performs DMA into the guest RAM file at offset = IOVA (the guest
 * runs DPDK with IOVA as PA; on q35 with less than 2.75 GiB of RAM, the
 * guest-physical address is the offset in the RAM file).
 */

#ifndef NETDMA_MODEL_DAEMON_H
#define NETDMA_MODEL_DAEMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cbdma_hw.h"
#include "cbdma_model.h"

#define DAEMON_NAME		"netdma-model-daemon"
#define DAEMON_DEFAULT_BAR_SIZE	(1ull << 20)
/* q35 puts RAM above 2.75 GiB beyond 4 GiB: offsets would stop being GPAs. */
#define DAEMON_MAX_RAM_SIZE	(2816ull << 20)

struct daemon_opts {
	const char *bar_path;
	uint64_t bar_size;
	const char *ram_path;
	uint64_t ram_size;		/* 0 = the existing file's size */
	unsigned int channels;
	uint8_t version;		/* CBVER; default 0x34 */
	uint8_t xfercap;		/* log2, 1..32 */
	bool no_fill;
	int engine_cpu;
	uint32_t delay_us;
	uint32_t idle_spin_us;
	uint32_t idle_sleep_us;
	unsigned int status_interval;	/* seconds, 0 = on SIGUSR1 only */
	enum cbdma_model_silicon silicon;
};

/* 0: run; 1: --help was printed; -1: bad arguments (message printed). */
int daemon_parse_args(int argc, char **argv, struct daemon_opts *o);

struct daemon_map {
	void *addr;
	uint64_t len;
	int fd;
	bool created;		/* the file did not exist before */
};

/*
 * Map a shared file of len bytes (len 0: the existing file's size), creating
 * it if create, growing a smaller one, refusing a larger one (never shrink a
 * file QEMU may be using).  0, or -1 with a message on stderr.
 */
int daemon_map_file(const char *path, uint64_t len, bool create, const char *what,
		struct daemon_map *m);
/* Unmap and close; remove the file too if this run created it and unlink. */
void daemon_unmap_file(struct daemon_map *m, const char *path, bool unlink_created);

#endif /* NETDMA_MODEL_DAEMON_H */

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * netdma-model-daemon: serve the software CBDMA device to a QEMU guest
 * through an ivshmem BAR file, DMA into the guest RAM file.
 *
 * Life cycle: map both files, clear the signature, create the model on the
 * register window (which resets every register), then publish the signature:
 * a guest driver that sees "NETDMA01" finds a device ready to be brought up.
 * On SIGINT/SIGTERM/SIGHUP the signature is cleared first, then the engine stops.
 */

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cbdma_model.h"
#include "cbdma_regs.h"
#include "daemon.h"

static void
print_status(struct cbdma_model *m, volatile uint8_t *regs, const char *when)
{
	struct cbdma_model_stats t = { 0 }, s;
	unsigned int i, n = cbdma_model_nb_channels(m);

	for (i = 0; i < n; i++) {
		if (cbdma_model_stats(m, i, &s) != 0)
			continue;
		t.descs += s.descs;
		t.bytes += s.bytes;
		t.errors += s.errors;
		t.suspends += s.suspends;
		t.resumes += s.resumes;
		t.aborts += s.aborts;
		t.resets += s.resets;
		t.cmds += s.cmds;
	}
	printf(DAEMON_NAME ": %s: descs %" PRIu64 " bytes %" PRIu64 " errors %" PRIu64
			" suspends %" PRIu64 " resumes %" PRIu64 " aborts %" PRIu64 " resets %" PRIu64
			" cmds %" PRIu64 "; ch0 %s CHANERR 0x%x\n", when, t.descs, t.bytes, t.errors,
			t.suspends, t.resumes, t.aborts, t.resets, t.cmds,
			cbdma_sts_name(cbdma_sts_status(cbdma_read64(regs,
				CBDMA_CHAN_OFFSET(0) + CBDMA_CHAN_STS))),
			cbdma_read32(regs, CBDMA_CHAN_OFFSET(0) + CBDMA_CHAN_ERR) &
				~CBDMA_MODEL_CHANERR_MIRROR);
	fflush(stdout);
}

/* Wait for a signal; returns the signal, or 0 when the interval elapsed. */
static int
wait_signal(const sigset_t *set, unsigned int interval_s)
{
	struct timespec ts = { .tv_sec = interval_s };
	int sig;

	for (;;) {
		sig = interval_s ? sigtimedwait(set, NULL, &ts) : sigwaitinfo(set, NULL);
		if (sig > 0)
			return sig;
		if (errno == EAGAIN)
			return 0;
		if (errno != EINTR)
			return SIGTERM;	/* cannot wait: stop cleanly */
	}
}

int
main(int argc, char **argv)
{
	struct daemon_opts o;
	struct daemon_map bar, ram;
	struct cbdma_model_flat_mem *fm;
	struct cbdma_model_config mc;
	struct cbdma_model *model = NULL;
	volatile uint8_t *regs;
	sigset_t set;
	int ret, sig;

	setvbuf(stdout, NULL, _IOLBF, 0);
	ret = daemon_parse_args(argc, argv, &o);
	if (ret != 0)
		return ret > 0 ? 0 : 2;

	/* Every thread, the engine included, leaves these to sigwait below. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &set, NULL);

	if (daemon_map_file(o.bar_path, o.bar_size, true, "BAR", &bar) != 0)
		return 1;
	if (daemon_map_file(o.ram_path, o.ram_size, o.ram_size != 0, "guest RAM", &ram) != 0) {
		if (o.ram_size == 0)
			fprintf(stderr, DAEMON_NAME ": (give --ram-size to create %s)\n",
					o.ram_path);
		daemon_unmap_file(&bar, o.bar_path, true);
		return 1;
	}
	if (ram.len > DAEMON_MAX_RAM_SIZE) {
		fprintf(stderr, DAEMON_NAME ": guest RAM file %s has %" PRIu64 " MiB, above %llu "
				"MiB: offsets would not all be guest-physical addresses\n",
				o.ram_path, ram.len >> 20, DAEMON_MAX_RAM_SIZE >> 20);
		ret = 1;
		goto out;
	}
	regs = (volatile uint8_t *)bar.addr + CBDMA_IVSHMEM_REGS_OFFSET;
	cbdma_write64(bar.addr, CBDMA_IVSHMEM_SIG_OFFSET, 0);

	fm = cbdma_model_flat_mem_create();
	if (fm == NULL || cbdma_model_flat_mem_add(fm, 0, ram.addr, ram.len) != 0) {
		fprintf(stderr, DAEMON_NAME ": cannot set up the IOVA table\n");
		ret = 1;
		goto out_fm;
	}
	mc = (struct cbdma_model_config){
		.nb_channels = o.channels,
		.version = o.version,
		.xfercap_log2 = o.xfercap,
		.no_fill = o.no_fill,
		.engine_cpu = o.engine_cpu,
		.desc_delay_us = o.delay_us,
		.idle_spin_us = o.idle_spin_us,
		.idle_sleep_max_us = o.idle_sleep_us,
		.regs = (void *)(uintptr_t)regs,
		.mem = cbdma_model_flat_mem_ops(fm),
		.name = "netdma-model",
		.silicon = o.silicon,
	};
	ret = cbdma_model_create(&mc, &model);
	if (ret != 0) {
		fprintf(stderr, DAEMON_NAME ": cannot create the device model: %s\n",
				strerror(-ret));
		ret = 1;
		goto out_fm;
	}
	/* Registers first, then the signature (release store) that announces them. */
	cbdma_write64(bar.addr, CBDMA_IVSHMEM_SIG_OFFSET, CBDMA_IVSHMEM_SIGNATURE);
	printf(DAEMON_NAME ": pid %d serving CBDMA v%u.%u (%s), %u channel(s), XFERCAP 2^%u, "
			"fill %s; BAR %s (%" PRIu64 " KiB, registers at 0x%x); RAM %s (%" PRIu64
			" MiB, IOVA = offset)\n", (int)getpid(), o.version >> 4, o.version & 0xF,
			cbdma_model_silicon_name(o.silicon), o.channels, o.xfercap, o.no_fill ? "no" : "yes", o.bar_path, bar.len >> 10,
			CBDMA_IVSHMEM_REGS_OFFSET, o.ram_path, ram.len >> 20);

	for (;;) {
		sig = wait_signal(&set, o.status_interval);
		if (sig == 0 || sig == SIGUSR1) {
			print_status(model, regs, "status");
			continue;
		}
		break;
	}
	/* Guests probing from now on see no device. */
	cbdma_write64(bar.addr, CBDMA_IVSHMEM_SIG_OFFSET, 0);
	print_status(model, regs, sig == SIGINT ? "stopped (SIGINT)" :
			sig == SIGHUP ? "stopped (SIGHUP)" : "stopped (SIGTERM)");
	cbdma_model_destroy(model);
	ret = 0;
out_fm:
	cbdma_model_flat_mem_destroy(fm);
out:
	/* After a clean run the files stay: QEMU may still map them. */
	daemon_unmap_file(&ram, o.ram_path, ret != 0);
	daemon_unmap_file(&bar, o.bar_path, ret != 0);
	return ret;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * Soak: traffic, suspend/splice/resume and injected faults together, for a
 * set time, in epochs (a fresh device and channel each, alternating resume
 * strategies), ending with an exact account.  Fails unless jobs ran and
 * nothing was lost, duplicated or corrupted.
 *   test_soak [--seconds N] [--epoch N] [--seed N] [--mode cmd|rearm|alt] [--no-faults]
 * NETDMA_LONG=1 is required when --seconds exceeds 300 (the long variant is
 * registered with meson but skipped by default).
 */

#include <getopt.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "netdma_log.h"
#include "soak.h"

struct soak soak;

static struct soak_counts total;

static void
add(struct soak_counts *t, const struct soak_counts *c)
{
	uint64_t *d = (uint64_t *)t;
	const uint64_t *s = (const uint64_t *)c;
	size_t i;

	for (i = 0; i < sizeof(*t) / sizeof(uint64_t); i++)
		d[i] += s[i];
}

static int
epoch(enum netdma_resume_mode mode, double secs)
{
	struct fx_opts o = { .nb_desc = SOAK_NB_DESC, .mode = mode,
		.suspend_timeout_us = 100000 };
	struct cbdma_model_stats ms;
	pthread_t dp, ctl;
	uint64_t end;
	size_t i;

	if (fx_up(&o) != 0) {
		fprintf(stderr, "setup failed\n");
		return -1;
	}
	soak.src = fx_alloc(SOAK_SRC_SIZE, 64);
	soak.dp_dst = fx_alloc((size_t)SOAK_DP_REGIONS * SOAK_REGION, 64);
	soak.ctl_dst = fx_alloc((size_t)SOAK_CTL_REGIONS * SOAK_REGION, 64);
	if (soak.src == NULL || soak.dp_dst == NULL || soak.ctl_dst == NULL) {
		fprintf(stderr, "arena too small\n");
		return -1;
	}
	for (i = 0; i < SOAK_SRC_SIZE; i++)
		soak.src[i] = (uint8_t)(i * 2654435761u >> 13 ^ soak.seed);
	memset(soak.rec, 0, sizeof(soak.rec));
	memset(&soak.dp, 0, sizeof(soak.dp));
	memset(&soak.ctl, 0, sizeof(soak.ctl));
	__atomic_store_n(&soak.stop, 0, __ATOMIC_RELEASE);
	if (pthread_create(&dp, NULL, soak_dp_main, NULL) != 0 ||
			pthread_create(&ctl, NULL, soak_ctl_main, NULL) != 0) {
		fprintf(stderr, "threads\n");
		return -1;
	}
	end = th_now_ns() + (uint64_t)(secs * 1e9);
	while (th_now_ns() < end)
		th_sleep_us(20000);
	__atomic_store_n(&soak.stop, 1, __ATOMIC_RELEASE);
	pthread_join(dp, NULL);
	pthread_join(ctl, NULL);
	ms = fx_model_stats();
	if (ms.faults != soak.dp.faults_fired) {
		fprintf(stderr, "  BAD: the model fired %lu faults, the data path saw %lu\n",
				(unsigned long)ms.faults, (unsigned long)soak.dp.faults_fired);
		soak.dp.corrupted++;
	}
	if (fx.ch.stats_recoveries != soak.dp.faults_recovered) {
		fprintf(stderr, "  BAD: %lu recoveries, %lu error faults\n",
				(unsigned long)fx.ch.stats_recoveries,
				(unsigned long)soak.dp.faults_recovered);
		soak.dp.corrupted++;
	}
	if (soak.verbose)
		printf("  epoch %lu (%s): %lu jobs, %lu suspensions, %lu faults\n",
				(unsigned long)total.epochs, mode == NETDMA_RESUME_CMD ? "cmd" : "rearm",
				(unsigned long)soak.dp.jobs_reported,
				(unsigned long)soak.ctl.suspends_ok, (unsigned long)ms.faults);
	fx_down();
	add(&total, &soak.dp);
	add(&total, &soak.ctl);
	total.epochs++;
	return 0;
}

static void
quiet_log(int level, const char *msg)
{
	(void)level;
	(void)msg;
}

static const char *
status_name(unsigned int st)
{
	switch (st) {
	case RTE_DMA_STATUS_SUCCESSFUL: return "successful";
	case RTE_DMA_STATUS_USER_ABORT: return "user_abort";
	case RTE_DMA_STATUS_NOT_ATTEMPTED: return "not_attempted";
	case RTE_DMA_STATUS_INVALID_SRC_ADDR: return "invalid_src_addr";
	case RTE_DMA_STATUS_INVALID_DST_ADDR: return "invalid_dst_addr";
	case RTE_DMA_STATUS_INVALID_ADDR: return "invalid_addr";
	case RTE_DMA_STATUS_INVALID_LENGTH: return "invalid_length";
	case RTE_DMA_STATUS_BUS_READ_ERROR: return "bus_read_error";
	case RTE_DMA_STATUS_BUS_WRITE_ERROR: return "bus_write_error";
	case RTE_DMA_STATUS_DESCRIPTOR_READ_ERROR: return "descriptor_read_error";
	default: return "other";
	}
}

static void
print_account(double secs)
{
	const struct soak_counts *t = &total;
	uint64_t inj = 0, ins = 0;
	unsigned int i;

	printf("soak: %.0f s, %lu epochs, seed %lu\n", secs, (unsigned long)t->epochs,
			(unsigned long)soak.seed);
	printf("  jobs submitted %lu, reported %lu, bytes verified %lu\n",
			(unsigned long)t->jobs_submitted, (unsigned long)t->jobs_reported,
			(unsigned long)t->bytes_verified);
	printf("  completed by status:");
	for (i = 0; i < SOAK_NB_STATUS; i++)
		if (t->by_status[i])
			printf(" %s %lu", status_name(i), (unsigned long)t->by_status[i]);
	printf("\n  suspend cycles %lu (also: -EIO %lu, -ETIMEDOUT %lu, other %lu)\n",
			(unsigned long)t->suspends_ok, (unsigned long)t->suspends_eio,
			(unsigned long)t->suspends_timeout, (unsigned long)t->suspends_other);
	for (i = 0; i < SOAK_NB_STATUS; i++)
		ins += t->inserted_done[i];
	printf("  edits: cancels %lu, rewrites %lu, inserts %lu (done %lu:",
			(unsigned long)t->cancels, (unsigned long)t->rewrites,
			(unsigned long)t->inserts, (unsigned long)ins);
	for (i = 0; i < SOAK_NB_STATUS; i++)
		if (t->inserted_done[i])
			printf(" %s %lu", status_name(i), (unsigned long)t->inserted_done[i]);
	printf("), ticket cancels %lu, refused %lu\n", (unsigned long)t->ticket_cancels,
			(unsigned long)t->edits_refused);
	printf("  faults injected:");
	for (i = 1; i <= CBDMA_FAULT_SPURIOUS_CHANERR; i++) {
		if (t->faults_injected[i])
			printf(" %s %lu", fj_fault_name(i), (unsigned long)t->faults_injected[i]);
		inj += t->faults_injected[i];
	}
	printf("\n  faults: injected %lu, fired %lu, error faults recovered %lu, hangs released %lu\n",
			(unsigned long)inj, (unsigned long)t->faults_fired,
			(unsigned long)t->faults_recovered, (unsigned long)t->hangs_released);
	printf("  lost=%lu duplicated=%lu corrupted=%lu (inserted: lost=%lu corrupted=%lu)\n",
			(unsigned long)t->lost, (unsigned long)t->duplicated,
			(unsigned long)t->corrupted, (unsigned long)t->inserted_lost,
			(unsigned long)t->inserted_corrupted);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seconds", required_argument, NULL, 's' },
		{ "epoch", required_argument, NULL, 'e' },
		{ "seed", required_argument, NULL, 'r' },
		{ "mode", required_argument, NULL, 'm' },
		{ "no-faults", no_argument, NULL, 'n' },
		{ "verbose", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	double secs = 60, ep = 20, done = 0;
	const char *mode = "alt";
	bool ok;
	int c;

	setvbuf(stdout, NULL, _IOLBF, 0);
	soak.seed = 1;
	soak.faults = true;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's': secs = atof(optarg); break;
		case 'e': ep = atof(optarg); break;
		case 'r': soak.seed = strtoull(optarg, NULL, 0); break;
		case 'm': mode = optarg; break;
		case 'n': soak.faults = false; break;
		case 'v': soak.verbose = true; break;
		default:
			fprintf(stderr, "usage: %s [--seconds N] [--epoch N] [--seed N] "
					"[--mode cmd|rearm|alt] [--no-faults] [--verbose]\n", argv[0]);
			return 2;
		}
	}
	if (secs > 300 && (getenv("NETDMA_LONG") == NULL || strcmp(getenv("NETDMA_LONG"), "1"))) {
		printf("long soak (%.0f s): set NETDMA_LONG=1; skipped\n", secs);
		return 77;
	}
	if (secs <= 0 || ep <= 0 || (strcmp(mode, "cmd") && strcmp(mode, "rearm") &&
			strcmp(mode, "alt"))) {
		fprintf(stderr, "bad arguments\n");
		return 2;
	}
	if (getenv("SOAK_LOG") == NULL)
		netdma_set_log_fn(quiet_log);
	if (fx_init(32u << 20) != 0) {
		fprintf(stderr, "cannot set up the arena\n");
		return 1;
	}
	while (done < secs) {
		double s = secs - done < ep ? secs - done : ep;
		enum netdma_resume_mode m = !strcmp(mode, "cmd") ? NETDMA_RESUME_CMD :
			!strcmp(mode, "rearm") ? NETDMA_RESUME_REARM :
			total.epochs % 2 ? NETDMA_RESUME_REARM : NETDMA_RESUME_CMD;

		if (epoch(m, s) != 0)
			return 1;
		done += s;
	}
	fx_fini();
	print_account(secs);
	ok = total.lost == 0 && total.duplicated == 0 && total.corrupted == 0 &&
		total.inserted_lost == 0 && total.inserted_corrupted == 0 &&
		total.jobs_reported > 0 && total.jobs_reported == total.jobs_submitted &&
		total.suspends_ok > 0;
	printf("%d passed, %d failed\n", ok ? 1 : 0, ok ? 0 : 1);
	return ok ? 0 : 1;
}

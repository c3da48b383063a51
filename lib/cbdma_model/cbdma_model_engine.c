/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * The engine thread: polls every channel round-robin; when a whole round
 * found nothing to do it spins (with pause) for idle_spin_us, then sleeps
 * 1 us, 2 us, 4 us ... up to idle_sleep_max_us.  Any work resets that.
 *
 * A software engine shares CPUs with the threads that drive it: on a small
 * machine the control thread that suspends a channel often runs on the
 * engine's CPU.  So the engine gives its CPU away where a driver is likely
 * to be waiting for it: once after taking a command (the driver polls for
 * the command to be taken, or for SUSPENDED), and every MODEL_IDLE_YIELD_NS
 * while it spins idle (a halted channel is idle).  Silicon needs neither.
 */

#include <sched.h>
#include <time.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "cbdma_model_priv.h"

#define SLEEP_SLICE_US	1000	/* long sleeps are cut so destroy is prompt */

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void
nsleep_us(uint64_t us)
{
	struct timespec ts = {
		.tv_sec = (time_t)(us / 1000000),
		.tv_nsec = (long)(us % 1000000) * 1000,
	};

	nanosleep(&ts, NULL);
}

static bool
stopping(struct cbdma_model *m)
{
	/* Pairs with the release store in cbdma_model_destroy. */
	return __atomic_load_n(&m->stop, __ATOMIC_ACQUIRE);
}

void
model_sleep_us(struct cbdma_model *m, uint64_t us)
{
	while (us > 0 && !stopping(m)) {
		uint64_t s = us < SLEEP_SLICE_US ? us : SLEEP_SLICE_US;

		nsleep_us(s);
		us -= s;
	}
}

struct backoff {
	uint64_t idle_since;	/* ns, 0 = not idle */
	uint64_t yielded;	/* ns, last sched_yield while spinning */
	uint64_t sleep_us;	/* next sleep */
};

static void
backoff_idle(struct cbdma_model *m, struct backoff *b)
{
	uint64_t t = now_ns();
	unsigned int i;

	if (b->idle_since == 0) {
		b->idle_since = t;
		b->sleep_us = 1;
	}
	if (t - b->idle_since < (uint64_t)m->idle_spin_us * 1000) {
		if (t - b->yielded >= MODEL_IDLE_YIELD_NS) {
			sched_yield();
			b->yielded = t;
			return;
		}
		for (i = 0; i < 8; i++)
			cbdma_cpu_pause();
		return;
	}
	nsleep_us(b->sleep_us);
	stat_add(&m->polls_idle, 1);
	b->sleep_us *= 2;
	if (b->sleep_us > m->idle_sleep_max_us)
		b->sleep_us = m->idle_sleep_max_us;
}

void *
model_engine_main(void *arg)
{
	struct cbdma_model *m = arg;
	struct backoff b = { .idle_since = 0 };

#ifdef __linux__
	/* Idle sleeps of 1 us mean 1 us, not the default 50 us of slack. */
	prctl(PR_SET_TIMERSLACK, 1000UL, 0, 0, 0);
#endif
	while (!stopping(m)) {
		bool busy = false, took_cmd = false;
		unsigned int i;

		for (i = 0; i < m->nb_channels; i++) {
			busy |= model_chan_poll(&m->chan[i]);
			took_cmd |= m->chan[i].took_cmd;
			m->chan[i].took_cmd = false;
		}
		if (took_cmd)
			sched_yield();
		if (busy)
			b.idle_since = 0;
		else
			backoff_idle(m, &b);
	}
	return NULL;
}

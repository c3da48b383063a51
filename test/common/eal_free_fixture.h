/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * The EAL-free fixture of the core, fault, soak and fuzz tests: one arena
 * (hugetlbfs through the core's allocator, IOVA = VA) registered with the
 * device model's flat backend, a one-channel model and a netdma channel on it.
 */

#ifndef NETDMA_EAL_FREE_FIXTURE_H
#define NETDMA_EAL_FREE_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cbdma_model.h"
#include "netdma_ctrl.h"
#include "netdma_fastpath.h"

/* Tests on this fixture return 0 or -1: CHECK returns -1. */
#define TH_INT_TESTS
#include "test_harness.h"

struct fx_opts {
	uint16_t nb_desc;		/* 0 = 256 */
	uint32_t desc_delay_us;
	bool no_fill;
	uint8_t xfercap_log2;		/* 0 = 20 (1 MiB) */
	enum netdma_resume_mode mode;
	uint32_t suspend_timeout_us;	/* 0 = core default */
	uint32_t idle_sleep_max_us;	/* 0 = model default */
};

struct fx {
	struct netdma_dma_mem arena;
	size_t used;			/* arena bytes handed out */
	size_t chan_mark;		/* arena bytes before the channel's memory */
	struct cbdma_model_flat_mem *fm;
	struct cbdma_model *model;
	struct netdma_chan ch;
	bool up;
};

extern struct fx fx;

/* The model's silicon profile: NETDMA_SILICON=lenient|strict (default lenient). */
enum cbdma_model_silicon fx_silicon(void);

/* Once per process: the arena (len bytes) and its IOVA registration. */
int fx_init(size_t len);
void fx_fini(void);
/* A model and a started channel; the arena is reused from its start. */
int fx_up(const struct fx_opts *o);
void fx_down(void);
/* The channel configuration fx_up uses (for extra channels on the same model). */
void fx_chan_config(const struct fx_opts *o, struct netdma_chan_config *cc);

/* Zeroed arena memory, or NULL when the arena is exhausted. */
void *fx_alloc(size_t len, size_t align);
static inline uint64_t
fx_iova(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}


/* IOVA of the ring descriptor of job ring_idx (enqueued or about to be). */
static inline uint64_t
fx_job_iova(uint16_t ring_idx)
{
	return netdma_slot_iova(&fx.ch, (uint16_t)(ring_idx + fx.ch.idx_base));
}

/* ring_idx the next enqueue will return. */
static inline uint16_t
fx_next_idx(void)
{
	return (uint16_t)(fx.ch.write - fx.ch.idx_base);
}

/* IOVA of the pool descriptor holding the inserted job `ticket` (0 if none). */
uint64_t fx_ticket_iova(uint64_t ticket);

struct cbdma_model_stats fx_model_stats(void);

/* completed_status() until n jobs are reported or timeout_ms passes; 0 or -1. */
int fx_collect(uint16_t n, enum rte_dma_status_code *st, uint16_t *last, uint32_t timeout_ms);
/* Poll completed_status() for `polls` calls: the number of jobs reported. */
unsigned int fx_poll_none(unsigned int polls);
/* Wait (polling the model's stats) until field `which` reaches value; 0 or -1. */
int fx_wait_model(size_t field_offset, uint64_t value, uint32_t timeout_ms);
#define FX_WAIT_MODEL(field, value, ms) \
	fx_wait_model(offsetof(struct cbdma_model_stats, field), (value), (ms))
/* Wait until the channel's CHANSTS status is st; 0 or -1. */
int fx_wait_state(int st, uint32_t timeout_ms);

#endif /* NETDMA_EAL_FREE_FIXTURE_H */

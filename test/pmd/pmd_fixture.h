/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * Fixture of the suspend/splice/resume tests: dma_netdma vdevs created per
 * test (rte_vdev_init with the test's devargs plus resume=<mode>), DMA
 * buffers with IOVAs, and a tiny shadow model of jobs (what each job must
 * leave in its own destination buffer, and with which status it must
 * complete).  Everything is released by tf_teardown() after each test.
 *
 * White box: tests may look at the channel (struct netdma_chan) for what the
 * API does not show - descriptor fence bits, DMACOUNT, the completion word.
 */

#ifndef PMD_FIXTURE_H
#define PMD_FIXTURE_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_dmadev.h>

#include "rte_pmd_netdma.h"
#include "netdma_pmd.h"
#include "test_harness.h"

/* Work that must finish does so within this (a hang detector, not a speed goal). */
#define TF_LIVENESS_MS	20000

extern bool tf_rearm;		/* resume=rearm (else resume=cmd) */
extern const char *tf_resume;	/* "cmd" or "rearm" */

/* ---- devices ---- */
struct tdev {
	int16_t id;
	char name[48];
	uint16_t nb_desc;
	struct netdma_chan *ch;	/* white box */
	bool started;
};

/* Create, configure (one vchan of nb_desc) and start a dma_netdma vdev;
 * NULL on failure (noted). */
struct tdev *tdev_open(const char *devargs, uint16_t nb_desc);
/* Stop, close, remove (also done by tf_teardown). */
void tdev_close(struct tdev *d);
/* IOVA of the ring descriptor of ring_idx, and the descriptor itself. */
uint64_t tdev_slot_iova(const struct tdev *d, uint16_t ring_idx);
struct cbdma_desc *tdev_desc(const struct tdev *d, uint64_t iova);
/* While suspended: entry 0 is the last processed descriptor (0 if none
 * since the chain was armed), then every pending one in execution order,
 * cancelled included.  Returns the count, or -1. */
int tdev_chain(const struct tdev *d, uint64_t *iova, int max);
uint16_t tdev_dmacount(const struct tdev *d);
uint64_t tdev_cw(const struct tdev *d);
/* Poll rte_pmd_netdma_state until it is `state` (false after TF_LIVENESS_MS). */
bool tdev_wait_state(const struct tdev *d, int state);

/* ---- buffers ---- */
struct tbuf {
	uint8_t *va;
	rte_iova_t iova;
	uint32_t len;
};

/* IOVA-contiguous (never crosses a page), poisoned; freed by tf_teardown. */
int tbuf_alloc(struct tbuf *b, uint32_t len);
/* The same, kept across tests (never freed). */
int tbuf_alloc_keep(struct tbuf *b, uint32_t len);
void tbuf_poison(const struct tbuf *b);
uint8_t tbuf_poison_byte(uint32_t off);
bool tbuf_poisoned(const struct tbuf *b, uint32_t off, uint32_t len);

#define TF_SRC_LEN	65536
extern struct tbuf tf_src;	/* random bytes, the source of every copy */
uint64_t tf_rand(void);
void tf_seed(uint64_t seed);
uint8_t tf_fill_byte(uint64_t pattern, uint32_t off);

/* ---- jobs and their expected outcome ---- */
#define TJ_DST_LEN	4096

struct tjob {
	int ring_idx;		/* -1: not enqueued, or inserted */
	bool inserted;
	uint64_t ticket;
	enum rte_pmd_netdma_op op;
	uint64_t flags;
	uint32_t soff;		/* copy: offset in tf_src */
	bool bad_src;		/* copy from IOVA 0 (fails with INVALID_SRC_ADDR) */
	uint64_t pattern;	/* fill */
	struct tbuf dst;	/* its own destination buffer */
	uint32_t doff, len;
	enum rte_dma_status_code want;
	bool writes;		/* must have written dst[doff, doff + len) */
	enum rte_dma_status_code got;
	unsigned int seen;	/* times reported */
};

#define TB_MAX	512

struct tbatch {
	struct tjob j[TB_MAX];
	unsigned int n;
	unsigned int reported;	/* ring jobs reported so far, in ring order */
	unsigned int errors_seen;
};

void tb_init(struct tbatch *b);
/* New job with its own buffer; NULL when out of room. */
struct tjob *tb_copy(struct tbatch *b, uint32_t len, uint64_t flags);
struct tjob *tb_fill(struct tbatch *b, uint32_t len, uint64_t flags);
/* Enqueue one job (no submit unless RTE_DMA_OP_FLAG_SUBMIT in its flags). */
int tj_enqueue(const struct tdev *d, struct tjob *j);
/* Enqueue every job not enqueued yet (not inserted ones), then submit. */
int tb_submit(const struct tdev *d, struct tbatch *b);
void tj_to_public(const struct tjob *j, struct rte_pmd_netdma_job *pj);
/* Insert j (inserted = true, ticket set). */
int tj_insert(const struct tdev *d, uint16_t pos, struct tjob *j);
struct tjob *tb_by_ring_idx(struct tbatch *b, int ring_idx);
/* The i-th ring job of the batch (in enqueue order). */
struct tjob *tb_ring_job(struct tbatch *b, unsigned int i);
unsigned int tb_ring_jobs(const struct tbatch *b);
/*
 * Collect completions until `upto` ring jobs of the batch are reported
 * (UINT32_MAX: all), checking that they come in order, exactly once.
 * 0, or -1 (printed) on disorder or when not done within TF_LIVENESS_MS.
 */
int tb_drain(const struct tdev *d, struct tbatch *b, unsigned int upto);
/* Poll a few times: -1 if any completion shows up (printed). */
int tb_expect_quiet(const struct tdev *d, unsigned int polls);
/* Status and bytes of every job; inserted ones through their ticket (waits
 * until done).  Returns the number of failures (printed). */
int tb_verify(const struct tdev *d, struct tbatch *b);
bool tj_bytes_ok(const struct tjob *j);

/* Position of the job (by ring_idx, or ticket when non-zero) in a pending list, or -1. */
int tf_pending_pos(const struct rte_pmd_netdma_job *p, int n, int ring_idx, uint64_t ticket);

/* Run fn on the worker lcore (the first one) and wait for it. */
int tf_run_on_worker(void (*fn)(void));
/*
 * Launch fn on the worker lcore; it must return soon after *stop is set.
 * tf_join() sets *stop and waits for it (bounded: past TF_LIVENESS_MS it
 * prints a failure line and exits); tf_teardown() joins a worker a failed
 * check left running before it frees anything.
 */
int tf_launch(int (*fn)(void *), void *arg, bool *stop);
int tf_join(void);

/* Suspend and check what must hold of any suspension: completion word
 * SUSPENDED naming info->last_desc, nb_pending matching pending(). */
int tf_suspend(const struct tdev *d, struct rte_pmd_netdma_suspend_info *info);

/*
 * Precondition of a scenario that needs pending work (scheduling can, rarely,
 * let the engine run more than planned): the runner retries the test.
 */
#define TF_PRECOND(cond) do { \
	if (!(cond)) { \
		th_note("precondition %s not met; the test is run again", #cond); \
		th_retry = true; \
		return; \
	} \
} while (0)

void tf_teardown(void);

#endif /* PMD_FIXTURE_H */

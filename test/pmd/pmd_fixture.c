/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rte_bus_vdev.h>
#include <rte_cycles.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_malloc.h>

#include "pmd_fixture.h"

#define TF_MAX_DEVS	8
#define TF_MAX_BUFS	2048

bool tf_rearm;
const char *tf_resume = "cmd";
struct tbuf tf_src;

static struct tdev devs[TF_MAX_DEVS];
static void *bufs[TF_MAX_BUFS];
static unsigned int nb_bufs;
static unsigned int dev_seq;
static uint64_t rng = 0x9E3779B97F4A7C15ull;

/* ---- small things ---- */

uint64_t
tf_rand(void)
{
	/* xorshift64* */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717ull;
}

void
tf_seed(uint64_t seed)
{
	rng = seed ? seed : 1;
}

uint8_t
tf_fill_byte(uint64_t pattern, uint32_t off)
{
	/* byte j of a fill is byte j % 8 of the pattern in memory (little endian) */
	return (uint8_t)(pattern >> (8 * (off % 8)));
}

static uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* ---- devices ---- */

struct tdev *
tdev_open(const char *devargs, uint16_t nb_desc)
{
	char args[256];
	struct rte_dma_conf conf = { .nb_vchans = 1 };
	struct rte_dma_vchan_conf vc = {
		.direction = RTE_DMA_DIR_MEM_TO_MEM,
		.nb_desc = nb_desc,
	};
	struct netdma_dmadev *nd;
	struct tdev *d = NULL;
	const char *silicon, *desc_write;
	unsigned int i;
	int ret, id;

	for (i = 0; i < TF_MAX_DEVS; i++)
		if (devs[i].name[0] == '\0') {
			d = &devs[i];
			break;
		}
	if (d == NULL) {
		th_note("too many devices");
		return NULL;
	}
	memset(d, 0, sizeof(*d));
	d->id = -1;
	snprintf(d->name, sizeof(d->name), "dma_netdma_t%u", dev_seq++);
	/* NETDMA_SILICON=strict|lenient: the model's silicon profile;
	 * NETDMA_DESC_WRITE=plain|stream: how the data path writes descriptors */
	silicon = getenv("NETDMA_SILICON");
	desc_write = getenv("NETDMA_DESC_WRITE");
	snprintf(args, sizeof(args), "resume=%s%s%s%s%s%s%s", tf_resume,
			silicon != NULL ? ",silicon=" : "", silicon != NULL ? silicon : "",
			desc_write != NULL ? ",desc_write=" : "", desc_write != NULL ? desc_write : "",
			devargs && *devargs ? "," : "", devargs ? devargs : "");
	ret = rte_vdev_init(d->name, args);
	if (ret != 0) {
		th_note("rte_vdev_init(%s, %s): %d", d->name, args, ret);
		d->name[0] = '\0';
		return NULL;
	}
	id = rte_dma_get_dev_id_by_name(d->name);
	if (id < 0) {
		th_note("%s: no dmadev", d->name);
		return NULL;
	}
	d->id = (int16_t)id;
	ret = rte_dma_configure(d->id, &conf);
	if (ret == 0)
		ret = rte_dma_vchan_setup(d->id, 0, &vc);
	if (ret == 0)
		ret = rte_dma_start(d->id);
	if (ret != 0) {
		th_note("%s: configure/setup/start: %d", d->name, ret);
		return NULL;
	}
	d->started = true;
	nd = netdma_dmadev_get(d->id);
	d->ch = &nd->ch;
	d->nb_desc = (uint16_t)(d->ch->mask + 1);
	return d;
}

void
tdev_close(struct tdev *d)
{
	if (d->name[0] == '\0')
		return;
	if (d->id >= 0) {
		if (d->started)
			rte_dma_stop(d->id);
		rte_dma_close(d->id);
	}
	rte_vdev_uninit(d->name);
	d->name[0] = '\0';
	d->id = -1;
}

uint64_t
tdev_slot_iova(const struct tdev *d, uint16_t ring_idx)
{
	return netdma_slot_iova(d->ch, (uint16_t)(ring_idx + d->ch->idx_base));
}

struct cbdma_desc *
tdev_desc(const struct tdev *d, uint64_t iova)
{
	return netdma_desc_va(d->ch, iova);
}

int
tdev_chain(const struct tdev *d, uint64_t *iova, int max)
{
	const struct netdma_chan *ch = d->ch;
	uint64_t end = netdma_slot_iova(ch, ch->susp_rung);
	uint64_t x;
	int n = 1;

	if (max < 1)
		return -1;
	iova[0] = ch->susp_last;
	if (ch->susp_last == 0) {
		x = ch->chain_start;
	} else {
		const struct cbdma_desc *dd = netdma_desc_va(ch, ch->susp_last);

		if (dd == NULL)
			return -1;
		x = dd->next;
	}
	while (x != end) {
		const struct cbdma_desc *dd = netdma_desc_va(ch, x);

		if (dd == NULL || n > 2 * (ch->mask + 1))
			return -1;
		if (n < max)
			iova[n] = x;
		n++;
		x = dd->next;
	}
	return n;
}

uint16_t
tdev_dmacount(const struct tdev *d)
{
	return cbdma_read16(d->ch->regs, CBDMA_CHAN_DMACOUNT);
}

uint64_t
tdev_cw(const struct tdev *d)
{
	return __atomic_load_n(d->ch->cw, __ATOMIC_ACQUIRE);
}

bool
tdev_wait_state(const struct tdev *d, int state)
{
	uint64_t t0 = now_ms();

	while (rte_pmd_netdma_state(d->id, 0) != state) {
		if (now_ms() - t0 > TF_LIVENESS_MS) {
			th_note("%s: state %d, waited for %d", d->name,
					rte_pmd_netdma_state(d->id, 0), state);
			return false;
		}
		usleep(100);
	}
	return true;
}

/* ---- buffers ---- */

uint8_t
tbuf_poison_byte(uint32_t off)
{
	return (uint8_t)(0xA5 ^ (off * 29u) ^ (off >> 8));
}

static int
buf_alloc(struct tbuf *b, uint32_t len, bool track)
{
	uint32_t align = 64;

	/* aligned to its rounded-up size: never crosses a hugepage, so it is
	 * IOVA-contiguous in PA mode too */
	while (align < len)
		align <<= 1;
	if (track && nb_bufs == TF_MAX_BUFS)
		return -ENOSPC;
	b->va = rte_malloc("ssr_buf", len, align);
	if (b->va == NULL)
		return -ENOMEM;
	b->iova = rte_malloc_virt2iova(b->va);
	b->len = len;
	if (track)
		bufs[nb_bufs++] = b->va;
	tbuf_poison(b);
	return 0;
}

int
tbuf_alloc(struct tbuf *b, uint32_t len)
{
	return buf_alloc(b, len, true);
}

int
tbuf_alloc_keep(struct tbuf *b, uint32_t len)
{
	return buf_alloc(b, len, false);
}

void
tbuf_poison(const struct tbuf *b)
{
	uint32_t i;

	for (i = 0; i < b->len; i++)
		b->va[i] = tbuf_poison_byte(i);
}

bool
tbuf_poisoned(const struct tbuf *b, uint32_t off, uint32_t len)
{
	uint32_t i;

	for (i = off; i < off + len; i++)
		if (b->va[i] != tbuf_poison_byte(i))
			return false;
	return true;
}

/* ---- jobs ---- */

void
tb_init(struct tbatch *b)
{
	memset(b, 0, sizeof(*b));
}

static struct tjob *
tb_new(struct tbatch *b, enum rte_pmd_netdma_op op, uint32_t len, uint64_t flags)
{
	struct tjob *j;

	if (b->n == TB_MAX || len == 0 || len > TJ_DST_LEN)
		return NULL;
	j = &b->j[b->n];
	memset(j, 0, sizeof(*j));
	if (tbuf_alloc(&j->dst, TJ_DST_LEN) != 0)
		return NULL;
	b->n++;
	j->ring_idx = -1;
	j->op = op;
	j->flags = flags;
	j->len = len;
	j->doff = (uint32_t)(tf_rand() % (TJ_DST_LEN - len + 1));
	j->soff = (uint32_t)(tf_rand() % (TF_SRC_LEN - len + 1));
	j->pattern = tf_rand();
	j->want = RTE_DMA_STATUS_SUCCESSFUL;
	j->writes = true;
	return j;
}

struct tjob *
tb_copy(struct tbatch *b, uint32_t len, uint64_t flags)
{
	return tb_new(b, RTE_PMD_NETDMA_OP_COPY, len, flags);
}

struct tjob *
tb_fill(struct tbatch *b, uint32_t len, uint64_t flags)
{
	return tb_new(b, RTE_PMD_NETDMA_OP_FILL, len, flags);
}

int
tj_enqueue(const struct tdev *d, struct tjob *j)
{
	int ret;

	if (j->op == RTE_PMD_NETDMA_OP_COPY)
		ret = rte_dma_copy(d->id, 0, j->bad_src ? 0 : tf_src.iova + j->soff,
				j->dst.iova + j->doff, j->len, j->flags);
	else
		ret = rte_dma_fill(d->id, 0, j->pattern, j->dst.iova + j->doff, j->len,
				j->flags);
	if (ret >= 0)
		j->ring_idx = ret;
	return ret;
}

int
tb_submit(const struct tdev *d, struct tbatch *b)
{
	unsigned int i;
	int ret;

	for (i = 0; i < b->n; i++) {
		if (b->j[i].inserted || b->j[i].ring_idx >= 0)
			continue;
		ret = tj_enqueue(d, &b->j[i]);
		if (ret < 0) {
			th_note("enqueue of job %u: %d", i, ret);
			return ret;
		}
	}
	return rte_dma_submit(d->id, 0);
}

void
tj_to_public(const struct tjob *j, struct rte_pmd_netdma_job *pj)
{
	memset(pj, 0, sizeof(*pj));
	pj->ring_idx = j->ring_idx >= 0 ? (uint16_t)j->ring_idx : 0;
	pj->ticket = j->ticket;
	pj->op = j->op;
	pj->flags = j->flags;
	pj->src = j->bad_src ? 0 : tf_src.iova + j->soff;
	pj->pattern = j->pattern;
	pj->dst = j->dst.iova + j->doff;
	pj->length = j->len;
}

int
tj_insert(const struct tdev *d, uint16_t pos, struct tjob *j)
{
	struct rte_pmd_netdma_job pj;
	uint64_t t = 0;
	int ret;

	j->inserted = true;
	j->ring_idx = -1;
	tj_to_public(j, &pj);
	pj.ticket = 0;
	ret = rte_pmd_netdma_insert(d->id, 0, pos, &pj, &t);
	if (ret == 0)
		j->ticket = t;
	return ret;
}

struct tjob *
tb_by_ring_idx(struct tbatch *b, int ring_idx)
{
	unsigned int i;

	for (i = 0; i < b->n; i++)
		if (!b->j[i].inserted && b->j[i].ring_idx == ring_idx)
			return &b->j[i];
	return NULL;
}

struct tjob *
tb_ring_job(struct tbatch *b, unsigned int k)
{
	unsigned int i;

	for (i = 0; i < b->n; i++)
		if (!b->j[i].inserted && b->j[i].ring_idx >= 0 && k-- == 0)
			return &b->j[i];
	return NULL;
}

unsigned int
tb_ring_jobs(const struct tbatch *b)
{
	unsigned int i, n = 0;

	for (i = 0; i < b->n; i++)
		if (!b->j[i].inserted && b->j[i].ring_idx >= 0)
			n++;
	return n;
}

int
tb_drain(const struct tdev *d, struct tbatch *b, unsigned int upto)
{
	unsigned int total = tb_ring_jobs(b);
	uint64_t t0 = now_ms();

	if (upto > total)
		upto = total;
	while (b->reported < upto) {
		enum rte_dma_status_code st[64];
		uint16_t last = 0, n, i, want = (uint16_t)RTE_MIN(upto - b->reported, 64u);

		n = rte_dma_completed_status(d->id, 0, want, &last, st);
		for (i = 0; i < n; i++) {
			struct tjob *j = tb_ring_job(b, b->reported);
			uint16_t idx = (uint16_t)(last - (n - 1) + i);

			if (j == NULL || j->ring_idx != idx) {
				th_note("completion of ring_idx %u, expected %d", idx,
						j ? j->ring_idx : -1);
				return -1;
			}
			j->got = st[i];
			j->seen++;
			b->reported++;
		}
		if (n == 0) {
			if (now_ms() - t0 > TF_LIVENESS_MS) {
				th_note("%s: %u of %u jobs reported after %u ms", d->name,
						b->reported, upto, TF_LIVENESS_MS);
				rte_dma_dump(d->id, stdout);
				return -1;
			}
			usleep(50);
		}
	}
	return 0;
}

int
tb_expect_quiet(const struct tdev *d, unsigned int polls)
{
	enum rte_dma_status_code st[8];
	uint16_t last;
	unsigned int i;

	for (i = 0; i < polls; i++) {
		uint16_t n = rte_dma_completed_status(d->id, 0, 8, &last, st);

		if (n != 0) {
			th_note("%u unexpected completion(s), last ring_idx %u", n, last);
			return -1;
		}
		usleep(100);
	}
	return 0;
}

bool
tj_bytes_ok(const struct tjob *j)
{
	const struct tbuf *b = &j->dst;
	uint32_t i;

	for (i = 0; i < b->len; i++) {
		uint8_t want;

		if (j->writes && i >= j->doff && i < j->doff + j->len)
			want = j->op == RTE_PMD_NETDMA_OP_COPY ? tf_src.va[j->soff + i - j->doff] :
				tf_fill_byte(j->pattern, i - j->doff);
		else
			want = tbuf_poison_byte(i);
		if (b->va[i] != want) {
			th_note("job ring_idx %d ticket %" PRIu64 " (%s len %u at %u, %s): byte %u is "
					"0x%02x, want 0x%02x", j->ring_idx, j->ticket,
					j->op == RTE_PMD_NETDMA_OP_COPY ? "copy" : "fill", j->len,
					j->doff, j->writes ? "writes" : "untouched", i, b->va[i], want);
			return false;
		}
	}
	return true;
}

static int
ticket_wait(const struct tdev *d, uint64_t ticket, enum rte_dma_status_code *st)
{
	uint64_t t0 = now_ms();
	int ret;

	while ((ret = rte_pmd_netdma_ticket_status(d->id, 0, ticket, st)) == 0) {
		if (now_ms() - t0 > TF_LIVENESS_MS)
			return 0;
		usleep(100);
	}
	return ret;
}

int
tb_verify(const struct tdev *d, struct tbatch *b)
{
	unsigned int i;
	int fails = 0;

	for (i = 0; i < b->n; i++) {
		struct tjob *j = &b->j[i];

		if (j->inserted) {
			int ret;

			if (j->ticket == 0)
				continue;	/* insert refused */
			ret = ticket_wait(d, j->ticket, &j->got);
			if (ret != 1) {
				th_note("ticket %" PRIu64 ": ticket_status %d", j->ticket, ret);
				fails++;
				continue;
			}
		} else if (j->ring_idx < 0) {
			continue;
		} else if (j->seen != 1) {
			th_note("ring_idx %d reported %u times", j->ring_idx, j->seen);
			fails++;
			continue;
		}
		if (j->got != j->want) {
			th_note("%s %d: status %d, want %d", j->inserted ? "ticket" : "ring_idx",
					j->inserted ? (int)j->ticket : j->ring_idx, j->got, j->want);
			fails++;
			continue;
		}
		if (!tj_bytes_ok(j))
			fails++;
	}
	return fails;
}

int
tf_suspend(const struct tdev *d, struct rte_pmd_netdma_suspend_info *info)
{
	struct rte_pmd_netdma_job jobs[1];
	int ret, n;

	memset(info, 0, sizeof(*info));
	ret = rte_pmd_netdma_suspend(d->id, 0, info);
	if (ret != 0) {
		th_note("suspend: %d", ret);
		return ret;
	}
	if ((info->completion & 7) != RTE_PMD_NETDMA_STATE_SUSPENDED ||
			(info->completion & ~0x3Full) != info->last_desc) {
		th_note("suspend: completion word 0x%" PRIx64 ", last_desc 0x%" PRIx64,
				info->completion, info->last_desc);
		return -1;
	}
	if (rte_pmd_netdma_state(d->id, 0) != RTE_PMD_NETDMA_STATE_SUSPENDED) {
		th_note("suspend: state %d", rte_pmd_netdma_state(d->id, 0));
		return -1;
	}
	n = rte_pmd_netdma_pending(d->id, 0, jobs, 0);
	if (n != info->nb_pending) {
		th_note("suspend: nb_pending %u, pending() %d", info->nb_pending, n);
		return -1;
	}
	return 0;
}

int
tf_pending_pos(const struct rte_pmd_netdma_job *p, int n, int ring_idx, uint64_t ticket)
{
	int i;

	for (i = 0; i < n; i++)
		if (ticket != 0 ? p[i].ticket == ticket :
				(p[i].ticket == 0 && p[i].ring_idx == (uint16_t)ring_idx))
			return i;
	return -1;
}

static int
worker_main(void *arg)
{
	void (*fn)(void) = (void (*)(void))arg;

	fn();
	return 0;
}

int
tf_run_on_worker(void (*fn)(void))
{
	unsigned int lcore = rte_get_next_lcore(-1, 1, 0);
	int ret;

	if (lcore >= RTE_MAX_LCORE) {
		th_note("no worker lcore (run with -l 0-1)");
		return -ENODEV;
	}
	ret = rte_eal_remote_launch(worker_main, (void *)fn, lcore);
	if (ret != 0)
		return ret;
	return rte_eal_wait_lcore(lcore);
}

/* The worker a test launched with tf_launch(), until joined. */
static struct {
	bool running;
	unsigned int lcore;
	bool *stop;
} launched;

int
tf_launch(int (*fn)(void *), void *arg, bool *stop)
{
	unsigned int lcore = rte_get_next_lcore(-1, 1, 0);
	int ret;

	if (lcore >= RTE_MAX_LCORE) {
		th_note("no worker lcore (run with -l 0-1)");
		return -ENODEV;
	}
	ret = rte_eal_remote_launch(fn, arg, lcore);
	if (ret == 0)
		launched = (typeof(launched)){ .running = true, .lcore = lcore, .stop = stop };
	return ret;
}

int
tf_join(void)
{
	uint64_t end = rte_get_timer_cycles() + rte_get_timer_hz() / 1000 * TF_LIVENESS_MS;
	unsigned int i;

	if (!launched.running)
		return 0;
	__atomic_store_n(launched.stop, true, __ATOMIC_RELEASE);
	while (rte_eal_get_lcore_state(launched.lcore) == RUNNING) {
		/* A device a failed check left suspended holds back the
		 * completions the worker drains before it stops. */
		for (i = 0; i < TF_MAX_DEVS; i++)
			if (devs[i].name[0] != '\0' && devs[i].started &&
					rte_pmd_netdma_state(devs[i].id, 0) ==
					RTE_PMD_NETDMA_STATE_SUSPENDED)
				rte_pmd_netdma_resume(devs[i].id, 0);
		if (rte_get_timer_cycles() > end) {
			/* Freeing what it uses would turn a failure into a crash. */
			printf("    FAILED: the worker lcore did not stop within %d ms\n",
					TF_LIVENESS_MS);
			fflush(stdout);
			_exit(1);
		}
		usleep(1000);
	}
	launched.running = false;
	return rte_eal_wait_lcore(launched.lcore);
}

void
tf_teardown(void)
{
	unsigned int i;

	tf_join();	/* a test that failed before joining its worker */
	for (i = 0; i < TF_MAX_DEVS; i++)
		tdev_close(&devs[i]);
	for (i = 0; i < nb_bufs; i++)
		rte_free(bufs[i]);
	nb_bufs = 0;
}

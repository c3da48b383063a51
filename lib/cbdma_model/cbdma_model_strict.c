/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * Descriptor execution under the strict silicon profile: the unverified
 * parts of a CBDMA engine's pipeline in their least helpful plausible form
 * (doc/device-model.md, "Silicon profiles").
 *
 *  - Prefetch: with DRSCTL.DRS_EN set when the chain was latched (v3.4),
 *    the engine reads up to MODEL_PF_DEPTH handed-over descriptors ahead,
 *    each with its next, and runs them as they were read.  They are kept
 *    across SUSPEND/RESUME; only a latch, RESET, ABORT or a halt forgets
 *    them.  Without prefetch the engine reads a descriptor when it runs it,
 *    following the last fetched one's next as it is in memory then.
 *  - Write-behind: the writes of an unfenced descriptor k land only after
 *    the reads of descriptor k+1 (one deep).  A fence on k, a suspend, a
 *    halt and going idle (nothing more handed over) flush them first.  A
 *    descriptor completes (count, last, CHANSTS, completion word) only once
 *    its writes landed.
 *
 * Slower than the lenient path (every descriptor is copied, every source
 * staged): this profile is for finding driver bugs, not for benchmarks.
 */

#include <stdlib.h>
#include <string.h>

#include "cbdma_model_priv.h"

/* The completion writes owed at the end of a batch (coalesced). */
struct strict_batch {
	unsigned int fetched;	/* descriptors taken for execution */
	unsigned int done;	/* descriptors completed */
	uint64_t bytes;
	uint64_t *cptr;		/* NULL: no completion word owed */
	uint64_t word;
};

int
model_strict_init(struct model_chan *ch)
{
	struct model_strict *s = calloc(1, sizeof(*s));
	uint64_t size = ch->m->max_len < MODEL_STAGE_MAX ? ch->m->max_len : MODEL_STAGE_MAX;

	if (s == NULL)
		return -1;
	/* Address space only: pages are touched as descriptors need them. */
	s->stage[0] = malloc(size);
	s->stage[1] = malloc(size);
	if (s->stage[0] == NULL || s->stage[1] == NULL) {
		free(s->stage[0]);
		free(s->stage[1]);
		free(s);
		return -1;
	}
	s->stage_size = (uint32_t)size;
	ch->st = s;
	return 0;
}

void
model_strict_free(struct model_chan *ch)
{
	if (ch->st == NULL)
		return;
	free(ch->st->stage[0]);
	free(ch->st->stage[1]);
	free(ch->st);
	ch->st = NULL;
}

static inline struct model_pf_ent *
pf_at(struct model_strict *s, unsigned int i)
{
	return &s->fifo[(s->pf_head + i) % MODEL_PF_DEPTH];
}

static void
pf_pop(struct model_strict *s)
{
	s->pf_head = (s->pf_head + 1) % MODEL_PF_DEPTH;
	s->pf_len--;
}

void
model_strict_drop(struct model_chan *ch)
{
	struct model_strict *s = ch->st;

	s->pend.valid = false;
	s->pf_head = 0;
	s->pf_len = 0;
}

void
model_strict_latch(struct model_chan *ch)
{
	struct model_strict *s = ch->st;

	model_strict_drop(ch);
	s->tail = 0;
	/* DRSCTL exists on v3.4; the engine takes it with the chain. */
	s->pf_on = ch->m->version >= CBDMA_VER_3_4 &&
		(chan_rd16(ch, CBDMA_CHAN_DRSCTL) & CBDMA_DRSCTL_DRS_EN) != 0;
}

/* Descriptors handed over and not yet completed nor held back. */
static inline uint16_t
avail(const struct model_chan *ch, uint16_t dmacount)
{
	return (uint16_t)(dmacount - ch->count - (ch->st->pend.valid ? 1 : 0));
}

/*
 * The IOVA of the next descriptor to fetch: the chain address first, then
 * the last fetched one's next, as read with it (prefetch) or as it is in
 * memory now (no prefetch: an edit made while suspended is followed).
 */
static uint64_t
fetch_addr(struct model_chan *ch, uint32_t *err)
{
	struct model_strict *s = ch->st;
	const struct cbdma_desc *t;

	if (s->tail == 0)
		return ch->chain;
	if (s->pf_on)
		return s->tail_next;
	t = model_translate(ch->m, s->tail, CBDMA_DESC_SIZE);
	if (t == NULL) {	/* unmapped since it was fetched */
		*err = CBDMA_ERR_NEXT_ADDR;
		return 0;
	}
	return t->next;
}

/* Fetch the next descriptor into e; an address error is kept in e->err. */
static void
fetch_one(struct model_chan *ch, struct model_pf_ent *e)
{
	struct model_strict *s = ch->st;
	const bool first = s->tail == 0;
	const uint32_t addr_err = first ? CBDMA_ERR_CHAIN_ADDR_VALUE : CBDMA_ERR_NEXT_ADDR;
	const struct cbdma_desc *p = NULL;
	uint32_t err = 0;
	uint64_t iova;

	iova = fetch_addr(ch, &err);
	if (err == 0 && iova == 0)
		err = addr_err;
	else if (err == 0 && (iova & (CBDMA_DESC_SIZE - 1)))
		err = CBDMA_ERR_NEXT_DESC_ALIGN;
	else if (err == 0 && (p = model_translate(ch->m, iova, CBDMA_DESC_SIZE)) == NULL)
		err = addr_err;
	e->iova = iova;
	e->err = err;
	if (p == NULL)
		return;
	memcpy(&e->d, p, sizeof(e->d));
	s->tail = iova;
	s->tail_next = e->d.next;
}

/*
 * Fill the queue of fetched descriptors: MODEL_PF_DEPTH deep with prefetch,
 * else the one about to run.  Never beyond what DMACOUNT handed over, and
 * not past a descriptor whose address failed (it halts when reached).
 */
static void
pf_fill(struct model_chan *ch, uint16_t dmacount)
{
	struct model_strict *s = ch->st;
	const unsigned int depth = s->pf_on ? MODEL_PF_DEPTH : 1;
	uint16_t n = avail(ch, dmacount);

	while (s->pf_len < depth && s->pf_len < n) {
		if (s->pf_len > 0 && pf_at(s, s->pf_len - 1)->err != 0)
			break;
		fetch_one(ch, pf_at(s, s->pf_len));
		s->pf_len++;
	}
}

static inline uint64_t
strict_word(uint16_t count, uint16_t dmacount, uint64_t iova)
{
	return (count == dmacount ? CBDMA_STS_IDLE : CBDMA_STS_ACTIVE) | iova;
}

static void
complete(struct model_chan *ch, struct strict_batch *b, uint64_t iova, uint64_t *cptr,
		uint64_t len, uint16_t dmacount)
{
	ch->count++;
	ch->last = iova;
	b->done++;
	b->bytes += len;
	if (cptr != NULL) {
		b->cptr = cptr;
		b->word = strict_word(ch->count, dmacount, iova);
	}
}

/* The held-back descriptor's writes land; it completes. */
static void
pend_flush(struct model_chan *ch, struct strict_batch *b, uint16_t dmacount)
{
	struct model_pend *p = &ch->st->pend;

	if (!p->valid)
		return;
	p->valid = false;
	if (p->fill)
		model_fill(p->dst, p->pattern, p->len);
	else if (!p->null)
		memcpy(p->dst, p->data, p->len);
	complete(ch, b, p->iova, p->cptr, p->null ? 0 : p->len, dmacount);
}

/* Content checks, as the lenient engine makes them, in the same order. */
static uint32_t
strict_check(struct model_chan *ch, const struct cbdma_desc *d, uint8_t **src,
		uint8_t **dst, uint64_t **cptr)
{
	const struct cbdma_model *m = ch->m;
	uint32_t err = model_desc_error(m, d);

	if (err != 0)
		return err;
	if (!(d->ctl & CBDMA_DESC_NULL)) {
		if (cbdma_desc_op(d->ctl) == CBDMA_OP_COPY) {
			*src = model_translate(m, d->src_addr, d->size);
			if (*src == NULL)
				return CBDMA_ERR_SRC_ADDR;
		}
		*dst = model_translate(m, d->dst_addr, d->size);
		if (*dst == NULL)
			return CBDMA_ERR_DEST_ADDR;
	}
	if (d->ctl & CBDMA_DESC_COMPL_WRITE) {
		*cptr = model_cmp_ptr(ch);
		if (*cptr == NULL)
			return CBDMA_ERR_COMPLETION_ADDR;
	}
	return 0;
}

/* Write len bytes of what d moves, straight (no staging). */
static void
write_now(const struct cbdma_desc *d, const uint8_t *src, uint8_t *dst, uint64_t len)
{
	if (d->ctl & CBDMA_DESC_NULL)
		return;
	if (cbdma_desc_op(d->ctl) == CBDMA_OP_COPY)
		memmove(dst, src, len);
	else
		model_fill(dst, d->src_addr, len);
}

/*
 * Run the fetched descriptor e (validated): its reads, then the writes held
 * back from the one before, then its own writes now (fence, or too large to
 * stage) or held back behind the next descriptor's reads.
 */
static void
run_one(struct model_chan *ch, struct strict_batch *b, const struct model_pf_ent *e,
		uint8_t *src, uint8_t *dst, uint64_t *cptr, uint16_t dmacount)
{
	struct model_strict *s = ch->st;
	const struct cbdma_desc *d = &e->d;
	const bool copy = !(d->ctl & CBDMA_DESC_NULL) &&
		cbdma_desc_op(d->ctl) == CBDMA_OP_COPY;
	uint8_t *staged = NULL;

	if (copy && d->size <= s->stage_size) {
		s->stage_cur ^= 1;	/* the held-back one uses the other */
		staged = s->stage[s->stage_cur];
		memcpy(staged, src, d->size);
	}
	pend_flush(ch, b, dmacount);
	if ((d->ctl & CBDMA_DESC_FENCE) || (copy && staged == NULL)) {
		write_now(d, staged != NULL ? staged : src, dst, d->size);
		complete(ch, b, e->iova, cptr, (d->ctl & CBDMA_DESC_NULL) ? 0 : d->size,
				dmacount);
		return;
	}
	s->pend = (struct model_pend){
		.valid = true,
		.null = (d->ctl & CBDMA_DESC_NULL) != 0,
		.fill = !copy && !(d->ctl & CBDMA_DESC_NULL),
		.len = d->size,
		.iova = e->iova,
		.dst = dst,
		.data = staged,
		.pattern = d->src_addr,
		.cptr = cptr,
	};
}

/* Publish a batch: stats, CDAR, CHANSTS, then the completion word. */
static void
batch_publish(struct model_chan *ch, struct strict_batch *b, uint16_t dmacount)
{
	if (b->done != 0) {
		stat_add(&ch->stats.descs, b->done);
		stat_add(&ch->stats.bytes, b->bytes);
		ch->status = ch->count == dmacount ? CBDMA_STS_IDLE : CBDMA_STS_ACTIVE;
		chan_wr64(ch, CBDMA_CHAN_CDAR, ch->last);
		sts_publish(ch);
	}
	/* Release: pairs with the driver's acquire load of the word. */
	if (b->cptr != NULL)
		__atomic_store_n(b->cptr, b->word, __ATOMIC_RELEASE);
	b->done = 0;
	b->bytes = 0;
	b->cptr = NULL;
}

void
model_strict_settle(struct model_chan *ch)
{
	struct strict_batch b = { .cptr = NULL };
	uint16_t dmacount = chan_rd16(ch, CBDMA_CHAN_DMACOUNT);

	if (!ch->st->pend.valid)
		return;
	pend_flush(ch, &b, dmacount);
	batch_publish(ch, &b, dmacount);
}

/*
 * Execute the descriptor at the head of the fetch queue, or stop: returns
 * the CHANERR bits to halt with (0: it ran, or a hang stopped the batch).
 */
static uint32_t
step(struct model_chan *ch, struct strict_batch *b, uint16_t dmacount)
{
	struct model_strict *s = ch->st;
	struct model_pf_ent e;
	uint8_t *src = NULL, *dst = NULL;
	uint64_t *cptr = NULL;
	uint32_t err, fault;

	pf_fill(ch, dmacount);
	e = *pf_at(s, 0);
	fault = model_fault_fire(ch, e.iova);
	if (ch->hang == HANG_ACTIVE)
		return 0;	/* stays at the head: it runs when released */
	if (fault != 0 && fault != CBDMA_ERR_WRITE_DATA)
		return fault;
	if (e.err != 0)
		return e.err;
	err = strict_check(ch, &e.d, &src, &dst, &cptr);
	if (fault == CBDMA_ERR_WRITE_DATA) {
		/* Earlier writes land, then half of this one's, then the error. */
		pend_flush(ch, b, dmacount);
		if (err == 0)
			write_now(&e.d, src, dst, e.d.size / 2);
		return CBDMA_ERR_WRITE_DATA;
	}
	if (err != 0)
		return err;
	pf_pop(s);
	b->fetched++;
	run_one(ch, b, &e, src, dst, cptr, dmacount);
	return 0;
}

bool
model_strict_run(struct model_chan *ch, uint16_t dmacount, unsigned int limit)
{
	struct cbdma_model *m = ch->m;
	struct strict_batch b = { .cptr = NULL };
	uint64_t err_iova = 0;
	uint32_t err = 0;

	while (err == 0 && b.fetched < limit && avail(ch, dmacount) != 0 &&
			b.bytes < MODEL_BATCH_BYTES && ch->hang != HANG_ACTIVE) {
		if (m->desc_delay_us)
			model_sleep_us(m, m->desc_delay_us);
		err = step(ch, &b, dmacount);
		if (err != 0)
			err_iova = pf_at(ch->st, 0)->iova;
	}
	/* Held-back writes land before a halt, when the engine stalls in the
	 * next descriptor (writes already issued do not wait for a stalled
	 * read), and when nothing more is handed over (going idle); otherwise
	 * behind the next descriptor's reads. */
	if (err != 0 || ch->hang == HANG_ACTIVE || avail(ch, dmacount) == 0)
		pend_flush(ch, &b, dmacount);
	batch_publish(ch, &b, dmacount);
	if (err != 0)
		model_chan_error(ch, err, err_iova);
	return b.fetched != 0 || err != 0 || ch->hang == HANG_ACTIVE;
}

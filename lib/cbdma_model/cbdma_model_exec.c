/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * Descriptor execution: fetch (by the fetch rule), validate, fire an armed
 * fault, move the data, complete.  One batch per poll of a channel.
 */

#include <string.h>

#include "cbdma_model_priv.h"

/* The completion word owed at the end of the batch (writes coalesce). */
struct cmp_owed {
	uint64_t *ptr;		/* NULL: none owed */
	uint64_t word;
	uint64_t cached_iova;	/* CHANCMP value ptr was translated from */
	uint64_t *cached_ptr;
};

static void
fill(uint8_t *dst, uint64_t pattern, uint64_t len)
{
	uint8_t pat[64];
	unsigned int i;

	/* Byte j of the destination is byte j % 8 of the pattern in memory. */
	for (i = 0; i < sizeof(pat); i += 8)
		memcpy(pat + i, &pattern, 8);
	for (; len >= sizeof(pat); len -= sizeof(pat), dst += sizeof(pat))
		memcpy(dst, pat, sizeof(pat));
	memcpy(dst, pat, len);
}

/* Address checks on a descriptor's own IOVA; first = it is the chain address. */
static const struct cbdma_desc *
desc_locate(const struct cbdma_model *m, uint64_t iova, bool first, uint32_t *err)
{
	uint32_t addr_err = first ? CBDMA_ERR_CHAIN_ADDR_VALUE : CBDMA_ERR_NEXT_ADDR;
	const struct cbdma_desc *p;

	if (iova == 0) {
		*err = addr_err;
		return NULL;
	}
	if (iova & (CBDMA_DESC_SIZE - 1)) {
		*err = CBDMA_ERR_NEXT_DESC_ALIGN;
		return NULL;
	}
	p = model_translate(m, iova, CBDMA_DESC_SIZE);
	if (p == NULL)
		*err = addr_err;
	return p;
}

/* Checks on a descriptor's contents; on success src/dst are host pointers. */
static uint32_t
desc_check(const struct cbdma_model *m, const struct cbdma_desc *d,
		void **src, void **dst)
{
	unsigned int op = cbdma_desc_op(d->ctl);

	if (d->ctl & CBDMA_DESC_NULL)	/* op ignored; v3.0 rejects size 0 */
		return d->size == 0 ? CBDMA_ERR_LENGTH : 0;
	if (op != CBDMA_OP_COPY && !(op == CBDMA_OP_FILL && m->fill))
		return CBDMA_ERR_CONTROL;
	if (d->size == 0 || d->size > m->max_len)
		return CBDMA_ERR_LENGTH;
	if (op == CBDMA_OP_COPY) {
		*src = model_translate(m, d->src_addr, d->size);
		if (*src == NULL)
			return CBDMA_ERR_SRC_ADDR;
	}
	*dst = model_translate(m, d->dst_addr, d->size);
	if (*dst == NULL)
		return CBDMA_ERR_DEST_ADDR;
	return 0;
}

static uint32_t
cmp_check(struct model_chan *ch, struct cmp_owed *c, uint64_t **ptr)
{
	uint64_t a = chan_rd64(ch, CBDMA_CHAN_CMPADDR);

	if (a != c->cached_iova || c->cached_ptr == NULL) {
		c->cached_iova = a;
		c->cached_ptr = model_cmp_ptr(ch);
	}
	*ptr = c->cached_ptr;
	return *ptr == NULL ? CBDMA_ERR_COMPLETION_ADDR : 0;
}

static uint64_t
desc_exec(const struct cbdma_desc *d, void *src, void *dst, uint64_t len)
{
	if (d->ctl & CBDMA_DESC_NULL)
		return 0;
	/* memmove: overlapping ranges are the driver's problem, not UB here. */
	if (cbdma_desc_op(d->ctl) == CBDMA_OP_COPY)
		memmove(dst, src, len);
	else
		fill(dst, d->src_addr, len);
	return len;
}

static const uint32_t fault_bits[] = {
	[CBDMA_FAULT_SRC_ADDR] = CBDMA_ERR_SRC_ADDR,
	[CBDMA_FAULT_DEST_ADDR] = CBDMA_ERR_DEST_ADDR,
	[CBDMA_FAULT_NEXT_ADDR] = CBDMA_ERR_NEXT_ADDR,
	[CBDMA_FAULT_DESC_ALIGN] = CBDMA_ERR_NEXT_DESC_ALIGN,
	[CBDMA_FAULT_LENGTH] = CBDMA_ERR_LENGTH,
	[CBDMA_FAULT_READ_DATA] = CBDMA_ERR_READ_DATA,
	[CBDMA_FAULT_WRITE_DATA] = CBDMA_ERR_WRITE_DATA,
	[CBDMA_FAULT_COMPLETION_ADDR] = CBDMA_ERR_COMPLETION_ADDR,
};

/*
 * Fire the armed fault if it is for the descriptor at iova.  Returns the
 * CHANERR bits to halt with (0: go on).  A hang is left in ch->hang.
 */
static uint32_t
fault_fire(struct model_chan *ch, uint64_t iova)
{
	struct model_fault f = ch->fault;

	if (f.kind == CBDMA_FAULT_NONE || (f.desc_iova != 0 && f.desc_iova != iova))
		return 0;
	ch->fault.kind = CBDMA_FAULT_NONE;	/* fires once */
	stat_add(&ch->stats.faults, 1);
	switch (f.kind) {
	case CBDMA_FAULT_HANG:
		ch->hang = HANG_ACTIVE;
		return 0;
	case CBDMA_FAULT_STALL:
		model_sleep_us(ch->m, f.param);
		return 0;
	case CBDMA_FAULT_SPURIOUS_CHANERR:
		ch->err |= (uint32_t)f.param & ~CBDMA_MODEL_CHANERR_MIRROR;
		model_chanerr_sync(ch);
		return 0;
	default:
		return fault_bits[f.kind];
	}
}

bool
model_chan_run(struct model_chan *ch, uint16_t dmacount, unsigned int limit)
{
	struct cbdma_model *m = ch->m;
	const struct cbdma_desc *prev = NULL;
	struct cmp_owed cmp = { .ptr = NULL };
	unsigned int done = 0;
	uint64_t bytes = 0, err_iova = 0;
	uint32_t err = 0;

	if (ch->last != 0) {
		prev = model_translate(m, ch->last, CBDMA_DESC_SIZE);
		if (prev == NULL)	/* unmapped since it completed */
			err = CBDMA_ERR_NEXT_ADDR;
	}
	while (err == 0 && done < limit && dmacount != ch->count) {
		const struct cbdma_desc *p;
		struct cbdma_desc d;
		void *src = NULL, *dst = NULL;
		uint64_t *cptr = NULL;
		uint64_t iova;
		bool write_fault;

		if (m->desc_delay_us)
			model_sleep_us(m, m->desc_delay_us);
		/*
		 * Fetch rule: follow the last completed descriptor's next as it
		 * is in memory now (it may have been edited while suspended or
		 * idle; the command or doorbell that followed the edit was an
		 * acquire load).  The chain address when none completed.
		 */
		iova = prev != NULL ? prev->next : ch->chain;

		err_iova = iova;
		err = fault_fire(ch, iova);
		if (ch->hang == HANG_ACTIVE)
			break;
		write_fault = err == CBDMA_ERR_WRITE_DATA;
		if (err != 0 && !write_fault)
			break;

		p = desc_locate(m, iova, prev == NULL, &err);
		if (p == NULL)
			break;
		memcpy(&d, p, sizeof(d));	/* read once: no TOCTOU */
		err = desc_check(m, &d, &src, &dst);
		if (err == 0 && (d.ctl & CBDMA_DESC_COMPL_WRITE))
			err = cmp_check(ch, &cmp, &cptr);
		if (write_fault) {
			/* Part of the destination written, then the error. */
			if (err == 0 && !(d.ctl & CBDMA_DESC_NULL))
				desc_exec(&d, src, dst, d.size / 2);
			err = CBDMA_ERR_WRITE_DATA;
		}
		if (err != 0)
			break;

		bytes += desc_exec(&d, src, dst, d.size);
		ch->count++;
		ch->last = iova;
		prev = p;
		done++;
		if (cptr != NULL) {
			cmp.ptr = cptr;
			cmp.word = (ch->count == dmacount ? CBDMA_STS_IDLE :
					CBDMA_STS_ACTIVE) | iova;
		}
	}

	if (done != 0) {
		stat_add(&ch->stats.descs, done);
		stat_add(&ch->stats.bytes, bytes);
		/*
		 * Once per batch: CHANSTS shares a line with the doorbell.
		 * Before the completion word, so a driver that sees the word
		 * (acquire) sees CHANSTS at least as new.
		 */
		ch->status = ch->count == dmacount ? CBDMA_STS_IDLE : CBDMA_STS_ACTIVE;
		chan_wr64(ch, CBDMA_CHAN_CDAR, ch->last);
		sts_publish(ch);
	}
	/* The owed completion: before going idle, a command or a halt. */
	if (cmp.ptr != NULL)	/* release: pairs with the driver's acquire load */
		__atomic_store_n(cmp.ptr, cmp.word, __ATOMIC_RELEASE);
	if (err != 0)
		model_chan_error(ch, err, err_iova);
	return done != 0 || err != 0 || ch->hang == HANG_ACTIVE;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * Descriptor execution: fetch (by the fetch rule), validate, fire an armed
 * fault, move the data, complete.  One batch per poll of a channel.
 */

#include <string.h>

#include "cbdma_model_priv.h"

/* Streaming stores (copy_stream); sanitizers do not see them. */
#if defined(__x86_64__) && !defined(__SANITIZE_THREAD__) && !defined(__SANITIZE_ADDRESS__)
#include <emmintrin.h>
#define MODEL_STREAM 1
#endif

#ifndef unlikely
#define unlikely(x)	__builtin_expect(!!(x), 0)
#endif

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

/*
 * Translations within one batch.  translate() maps a range whole or not at
 * all, so once an aligned window translated, every range inside it is at
 * the same offset in host memory: descriptors of a ring and buffers laid out
 * one after another need one lookup per window, not one each.  A window is
 * XLATE_WIN_BIG (a 2 MiB hugepage) where that translates whole, else
 * XLATE_WIN; one that does not translate whole is not tried again in the
 * batch, and the ranges in it are translated one by one.  Nothing is kept
 * from one batch to the next, so memory unmapped meanwhile is seen.  IOVA 0
 * never translates, so no window holds it.
 */
#define XLATE_WIN_BIG	(2u << 20)
#define XLATE_WIN	(64u << 10)

/* How many descriptors ahead the engine prefetches. */
#define DESC_PREFETCH	8

struct xlate_win {
	uint64_t base;		/* IOVA of the translated window (when va != NULL) */
	uint8_t *va;		/* NULL: no window yet */
	uint64_t size;		/* XLATE_WIN_BIG or XLATE_WIN (when va != NULL) */
	uint64_t tried_big;	/* last window tried per size; 1 (never aligned) = none */
	uint64_t tried;
};

/* Inside the current window: its host address; else NULL. */
static inline void *
win_hit(const struct xlate_win *w, uint64_t iova, uint64_t len)
{
	uint64_t off = iova - w->base;

	if (w->va != NULL && off < w->size && len <= w->size - off)
		return w->va + off;
	return NULL;
}

/* Make the window of `size` around iova current, if it translates whole. */
static void *
win_try(const struct cbdma_model *m, struct xlate_win *w, uint64_t *tried, uint64_t size,
		uint64_t iova, uint64_t len)
{
	uint64_t base = iova & ~(size - 1);
	uint8_t *va;

	if (iova - base + len > size || base == *tried)
		return NULL;
	*tried = base;
	va = model_translate(m, base, size);
	if (va == NULL)
		return NULL;
	w->base = base;
	w->va = va;
	w->size = size;
	return va + (iova - base);
}

static void *
win_translate(const struct cbdma_model *m, struct xlate_win *w, uint64_t iova,
		uint64_t len)
{
	void *p = win_hit(w, iova, len);

	if (p == NULL && iova != 0)
		p = win_try(m, w, &w->tried_big, XLATE_WIN_BIG, iova, len);
	if (p == NULL && iova != 0)
		p = win_try(m, w, &w->tried, XLATE_WIN, iova, len);
	return p != NULL ? p : model_translate(m, iova, len);
}

/* The windows of one batch: descriptors, sources, destinations. */
struct xlate {
	struct xlate_win desc, src, dst;
};

/*
 * The doorbell handed over the descriptors up to dmacount (ready, this one
 * included): fetch a few ahead while this one runs, all of them at the start
 * of a batch.  Only a hint (the ring usually goes on in memory; prefetches
 * never fault), and never beyond what was handed over, so no line the driver
 * is still writing is pulled away from it.
 */
static inline void
desc_prefetch(const struct cbdma_desc *p, uint16_t ready, bool first)
{
	unsigned int i;

	if (unlikely(first)) {
		for (i = 1; i < ready && i < DESC_PREFETCH; i++)
			__builtin_prefetch(p + i);
	}
	if (ready > DESC_PREFETCH)
		__builtin_prefetch(p + DESC_PREFETCH);
}

/* Address checks on a descriptor's own IOVA; first = it is the chain address. */
static const struct cbdma_desc *
desc_locate(const struct cbdma_model *m, struct xlate_win *w, uint64_t iova, bool first,
		uint32_t *err)
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
	p = win_translate(m, w, iova, CBDMA_DESC_SIZE);
	if (p == NULL)
		*err = addr_err;
	return p;
}

/* Checks on a descriptor's contents; on success src/dst are host pointers. */
static uint32_t
desc_check(const struct cbdma_model *m, struct xlate *x, const struct cbdma_desc *d,
		void **src, void **dst)
{
	uint32_t err = model_desc_error(m, d);

	if (err != 0 || (d->ctl & CBDMA_DESC_NULL))
		return err;
	if (cbdma_desc_op(d->ctl) == CBDMA_OP_COPY) {
		*src = win_translate(m, &x->src, d->src_addr, d->size);
		if (*src == NULL)
			return CBDMA_ERR_SRC_ADDR;
	}
	*dst = win_translate(m, &x->dst, d->dst_addr, d->size);
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

/* 64 bytes, all loaded before any is stored (one register's worth with
 * AVX-512, two with AVX2, four with SSE). */
static inline void
copy64(uint8_t *dst, const uint8_t *src)
{
	uint8_t v[64];

	memcpy(v, src, 64);
	memcpy(dst, v, 64);
}

/*
 * Copies of at least STREAM_MIN bytes without the LLC hint
 * (RTE_DMA_OP_FLAG_LLC) go to memory with non-temporal stores, as a DMA
 * engine's writes do: they do not take the destination's lines into a CPU
 * cache first.  Weakly ordered: model_chan_run() fences before it reports.
 */
#define STREAM_MIN	1024u

/*
 * From this size on, glibc's memmove, hinted or not.  Past a few KiB it copies
 * with `rep movsb`, which does not read the destination first either, keeps
 * the lines in the LLC (as an engine that allocates its writes there, DDIO,
 * does) and streams by itself past its non-temporal threshold (a share of the
 * LLC).  Our streaming loop was as fast or faster in one buffer layout and
 * a third slower in another: at 4 KiB 14.2-14.8 against 13.2-13.8 Mops in
 * 23.11's dma-perf, 9.2-9.4 against 13.3-13.5 in 25.11's (16 KiB: 3.7-3.9
 * against 3.5-3.6, and 2.5 against 3.8), 39 against 48-50 GB/s in
 * netdma-bench; memmove stays the same in all three.  At 2 KiB (glibc's
 * vector loop, which reads the destination) neither wins everywhere:
 * streamed 26 against 21 Mops in 23.11's dma-perf, 18 against 21 in
 * 25.11's; it stays streamed.
 */
#define MEMMOVE_MIN	(4u << 10)

static void
copy_stream(uint8_t *dst, const uint8_t *src, uint64_t len)
{
#ifdef MODEL_STREAM
	uint64_t head = (16 - ((uintptr_t)dst & 15)) & 15, off;

	memcpy(dst, src, head);
	for (off = head; off + 64 <= len; off += 64) {
		__m128i a = _mm_loadu_si128((const __m128i *)(src + off));
		__m128i b = _mm_loadu_si128((const __m128i *)(src + off + 16));
		__m128i c = _mm_loadu_si128((const __m128i *)(src + off + 32));
		__m128i e = _mm_loadu_si128((const __m128i *)(src + off + 48));

		_mm_stream_si128((__m128i *)(dst + off), a);
		_mm_stream_si128((__m128i *)(dst + off + 16), b);
		_mm_stream_si128((__m128i *)(dst + off + 32), c);
		_mm_stream_si128((__m128i *)(dst + off + 48), e);
	}
	memcpy(dst + off, src + off, len - off);
#else
	memcpy(dst, src, len);
#endif
}

/*
 * memmove semantics: overlapping ranges are the driver's problem, not UB
 * here.  Up to 64 bytes inline: every byte is loaded before any is stored,
 * so overlapping ranges come out as memmove leaves them.  Ranges that do not
 * overlap: streamed (see STREAM_MIN, MEMMOVE_MIN), or below MEMMOVE_MIN in
 * 64-byte steps, the last one overlapping the one before (it rewrites bytes
 * with the same values).
 */
static inline void
copy_data(uint8_t *dst, const uint8_t *src, uint64_t len, bool stream)
{
	uint8_t a[16], b[16], c[16], e[16];
	uint64_t off;
	bool disjoint;

	if (len >= 16 && len <= 32) {
		memcpy(a, src, 16);
		memcpy(e, src + len - 16, 16);
		memcpy(dst, a, 16);
		memcpy(dst + len - 16, e, 16);
		return;
	}
	if (len > 32 && len <= 64) {
		memcpy(a, src, 16);
		memcpy(b, src + 16, 16);
		memcpy(c, src + len - 32, 16);
		memcpy(e, src + len - 16, 16);
		memcpy(dst, a, 16);
		memcpy(dst + 16, b, 16);
		memcpy(dst + len - 32, c, 16);
		memcpy(dst + len - 16, e, 16);
		return;
	}
	disjoint = (uintptr_t)dst - (uintptr_t)src >= len &&
		(uintptr_t)src - (uintptr_t)dst >= len;
	if (disjoint && stream && len >= STREAM_MIN && len < MEMMOVE_MIN) {
		copy_stream(dst, src, len);
	} else if (disjoint && len > 64 && len < MEMMOVE_MIN) {
		/* hinted, or short: our loop beat glibc's memmove by up to 2.5x
		 * at 256 B-4 KiB with source and destination 4 KiB-aliased */
		for (off = 0; off + 64 <= len; off += 64)
			copy64(dst + off, src + off);
		if (off < len)
			copy64(dst + len - 64, src + len - 64);
	} else {
		memmove(dst, src, len);
	}
}

static uint64_t
desc_exec(const struct cbdma_desc *d, void *src, void *dst, uint64_t len)
{
	if (d->ctl & CBDMA_DESC_NULL)
		return 0;
	if (cbdma_desc_op(d->ctl) == CBDMA_OP_COPY)
		copy_data(dst, src, len, !(d->ctl & CBDMA_DESC_HINT));
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
		ch->halt_word_delay_us = f.param;
		return fault_bits[f.kind];
	}
}

uint32_t
model_fault_fire(struct model_chan *ch, uint64_t iova)
{
	return fault_fire(ch, iova);
}

void
model_fill(uint8_t *dst, uint64_t pattern, uint64_t len)
{
	fill(dst, pattern, len);
}

/* The state of one batch. */
struct run {
	const struct cbdma_desc *prev;	/* last completed (host address), NULL: none */
	struct cmp_owed cmp;
	struct xlate x;
	unsigned int done;
	uint64_t bytes;
};

/* The completion word for descriptor iova, the count-th since the latch. */
static inline uint64_t
cmp_word(uint16_t count, uint16_t dmacount, uint64_t iova)
{
	return (count == dmacount ? CBDMA_STS_IDLE : CBDMA_STS_ACTIVE) | iova;
}

static inline void
run_complete(struct model_chan *ch, struct run *r, const struct cbdma_desc *p,
		uint64_t iova, uint64_t *cptr, uint16_t dmacount)
{
	ch->count++;
	ch->last = iova;
	r->prev = p;
	r->done++;
	if (cptr != NULL) {
		r->cmp.ptr = cptr;
		r->cmp.word = cmp_word(ch->count, dmacount, iova);
	}
}

/*
 * The fast path, for batches with nothing armed: copies whose descriptor,
 * source and destination lie in windows this batch already translated.  It
 * stops, without acting on it, at the first descriptor that is anything
 * else; the general path below takes that one, as it would have anyway.
 * Its state lives in locals (the copies store through byte pointers, which
 * would otherwise make the compiler reload and store it around each copy),
 * and CHANCMP is read once for the stretch: its line is the doorbell's.
 * Per descriptor: one unsigned compare per window, and the completion word
 * is built once, after the loop, from the last descriptor that asked for it.
 */
static void
run_fast(struct model_chan *ch, struct run *r, uint16_t dmacount, unsigned int limit)
{
	const struct cbdma_desc *prev = r->prev;
	const uint64_t wd_base = r->x.desc.base, ws_base = r->x.src.base;
	const uint64_t wt_base = r->x.dst.base;
	uint8_t *const ws_va = r->x.src.va, *const wt_va = r->x.dst.va;
	const uint8_t *const wd_va = r->x.desc.va;
	const uint64_t wd_last = r->x.desc.size - CBDMA_DESC_SIZE;
	const uint64_t ws_size = r->x.src.size, wt_size = r->x.dst.size;
	/* a size above this cannot lie in both windows (the general path runs it) */
	const uint64_t win_min = ws_size < wt_size ? ws_size : wt_size;
	const uint64_t max_len = ch->m->max_len < win_min ? ch->m->max_len : win_min;
	const uint32_t copy_op = (uint32_t)CBDMA_OP_COPY << CBDMA_DESC_OP_SHIFT;
	const uint16_t count0 = ch->count, ready = (uint16_t)(dmacount - count0);
	unsigned int i, n;
	uint64_t bytes = 0, last = ch->last, cmp_iova = 0;
	uint64_t *cptr = NULL;
	uint16_t cmp_count = 0;

	if (prev == NULL || wd_va == NULL || ws_va == NULL || wt_va == NULL ||
			r->done >= limit)
		return;
	n = limit - r->done;
	if (n > ready)
		n = ready;
	for (i = 0; i < n && r->bytes + bytes < MODEL_BATCH_BYTES; i++) {
		const uint64_t iova = prev->next;
		const struct cbdma_desc *p;
		uint64_t src_off, dst_off, d_off = iova - wd_base;
		uint32_t size, ctl;

		/* in the window and aligned, in one compare each */
		if ((d_off & (CBDMA_DESC_SIZE - 1)) || d_off > wd_last)
			break;
		p = (const struct cbdma_desc *)(wd_va + d_off);
		/* Each field read once (no TOCTOU), straight from the descriptor. */
		size = p->size;
		ctl = p->ctl;
		src_off = p->src_addr - ws_base;
		dst_off = p->dst_addr - wt_base;
		if ((ctl & (CBDMA_DESC_NULL | CBDMA_DESC_OP_MASK)) != copy_op ||
				size - 1u >= max_len || src_off > ws_size - size ||
				dst_off > wt_size - size)
			break;
		if (ctl & CBDMA_DESC_COMPL_WRITE) {
			if (cptr == NULL && cmp_check(ch, &r->cmp, &cptr) != 0)
				break;
			cmp_iova = iova;
			cmp_count = (uint16_t)(count0 + i + 1);
		}
		desc_prefetch(p, (uint16_t)(ready - i), false);
		copy_data(wt_va + dst_off, ws_va + src_off, size, !(ctl & CBDMA_DESC_HINT));
		bytes += size;
		last = iova;
		prev = p;
	}
	ch->count = (uint16_t)(count0 + i);
	ch->last = last;
	r->prev = prev;
	r->done += i;
	r->bytes += bytes;
	if (cmp_iova != 0) {
		r->cmp.ptr = cptr;
		r->cmp.word = cmp_word(cmp_count, dmacount, cmp_iova);
	}
}

bool
model_chan_run(struct model_chan *ch, uint16_t dmacount, unsigned int limit)
{
	struct cbdma_model *m = ch->m;
	struct run r = {
		.prev = NULL,
		.cmp.ptr = NULL,
		.x = {
			.desc = { .tried_big = 1, .tried = 1 },
			.src = { .tried_big = 1, .tried = 1 },
			.dst = { .tried_big = 1, .tried = 1 },
		},
	};
	/* Nothing armed, no delay: the per-descriptor fault checks can go
	 * (only fault_fire() changes these, and it runs only when !plain). */
	const bool plain = ch->fault.kind == CBDMA_FAULT_NONE && m->desc_delay_us == 0 &&
			ch->hang == HANG_NONE;
	uint64_t err_iova = 0;
	uint32_t err = 0;

	if (unlikely(ch->st != NULL))
		return model_strict_run(ch, dmacount, limit);
	if (ch->last != 0) {
		r.prev = win_translate(m, &r.x.desc, ch->last, CBDMA_DESC_SIZE);
		if (r.prev == NULL)	/* unmapped since it completed */
			err = CBDMA_ERR_NEXT_ADDR;
	}
	while (err == 0 && r.done < limit && dmacount != ch->count &&
			r.bytes < MODEL_BATCH_BYTES) {
		const struct cbdma_desc *p;
		struct cbdma_desc d;
		void *src = NULL, *dst = NULL;
		uint64_t *cptr = NULL;
		uint64_t iova;
		bool write_fault = false;

		if (plain) {
			run_fast(ch, &r, dmacount, limit);
			if (r.done >= limit || dmacount == ch->count ||
					r.bytes >= MODEL_BATCH_BYTES)
				break;
		}
		if (m->desc_delay_us)
			model_sleep_us(m, m->desc_delay_us);
		/*
		 * Fetch rule: follow the last completed descriptor's next as it
		 * is in memory now (it may have been edited while suspended or
		 * idle; the command or doorbell that followed the edit was an
		 * acquire load).  The chain address when none completed.
		 */
		iova = r.prev != NULL ? r.prev->next : ch->chain;

		err_iova = iova;
		if (!plain) {
			err = fault_fire(ch, iova);
			if (ch->hang == HANG_ACTIVE)
				break;
			write_fault = err == CBDMA_ERR_WRITE_DATA;
			if (err != 0 && !write_fault)
				break;
		}

		p = desc_locate(m, &r.x.desc, iova, r.prev == NULL, &err);
		if (p == NULL)
			break;
		memcpy(&d, p, sizeof(d));	/* read once: no TOCTOU */
		desc_prefetch(p, (uint16_t)(dmacount - ch->count), r.done == 0);
		err = desc_check(m, &r.x, &d, &src, &dst);
		if (err == 0 && (d.ctl & CBDMA_DESC_COMPL_WRITE))
			err = cmp_check(ch, &r.cmp, &cptr);
		if (write_fault) {
			/* Part of the destination written, then the error. */
			if (err == 0 && !(d.ctl & CBDMA_DESC_NULL))
				desc_exec(&d, src, dst, d.size / 2);
			err = CBDMA_ERR_WRITE_DATA;
		}
		if (err != 0)
			break;

		r.bytes += desc_exec(&d, src, dst, d.size);
		run_complete(ch, &r, p, iova, cptr, dmacount);
	}

#ifdef MODEL_STREAM
	/* Streamed data before CHANSTS, the completion word or a halt report it. */
	_mm_sfence();
#endif
	if (r.done != 0) {
		stat_add(&ch->stats.descs, r.done);
		stat_add(&ch->stats.bytes, r.bytes);
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
	if (r.cmp.ptr != NULL)	/* release: pairs with the driver's acquire load */
		__atomic_store_n(r.cmp.ptr, r.cmp.word, __ATOMIC_RELEASE);
	if (err != 0)
		model_chan_error(ch, err, err_iova);
	return r.done != 0 || err != 0 || ch->hang == HANG_ACTIVE;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * The data path of a netdma channel: enqueue, doorbell, completion.
 * Called by one data-path thread per channel.  No locks, no syscalls, no
 * atomic read-modify-write.
 *
 * Memory ordering, in one place:
 *  - Descriptors are written with non-temporal stores on x86-64, plain ones
 *    elsewhere or with devarg desc_write=plain (see netdma_desc_write);
 *    netdma_submit() orders the former (sfence) before its release store of
 *    `submitted`; the DMACOUNT doorbell is a release store (cbdma_write16),
 *    so the engine, which reads DMACOUNT with an acquire load, sees every
 *    descriptor written before it.
 *  - The engine writes the completion word with a release store after the
 *    data of the jobs it covers; netdma_completed() reads it with an acquire
 *    load, so the caller sees the copied bytes of every job reported.
 *  - Doorbells and error recovery run inside a "data-path section" bracketed
 *    by dp_busy.  The control side excludes the data path from those sections
 *    with a Dekker handshake (netdma_ctrl.c: netdma_exclude_dp): each side
 *    stores its flag, issues a full fence, then loads the other's flag.  That
 *    fence is the one full fence per doorbell; the load of ctl_word is the
 *    one extra load per call.
 */

#ifndef NETDMA_FASTPATH_H
#define NETDMA_FASTPATH_H

#include <errno.h>

#include "netdma_chan.h"

/* Sanitizers do not see non-temporal stores: they get the plain ones. */
#if defined(__x86_64__) && \
		!defined(__SANITIZE_THREAD__) && !defined(__SANITIZE_ADDRESS__)
#include <emmintrin.h>
#define NETDMA_DESC_NT 1
#endif

#ifdef __cplusplus
extern "C" {
#endif

#ifndef likely
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#endif

/* Out-of-line slow paths (netdma_completion.c). */
void netdma_decode_cw_slow(struct netdma_chan *ch, uint64_t cw);
void netdma_poll_slow(struct netdma_chan *ch);
uint16_t netdma_scan_marks(struct netdma_chan *ch, uint16_t n, bool *stopped,
		enum rte_dma_status_code *status);

static inline uint32_t
netdma_ctl_marks(uint64_t ctl)
{
	return (uint32_t)(ctl >> NETDMA_CTL_MARKS_SHIFT);
}

/*
 * Ring the doorbell for everything submitted, unless the control side holds
 * the channel (then the doorbell is owed and rung by the next data-path
 * call after resume, or by resume itself).
 */
/*
 * The slot up to which submitted jobs may be handed to the engine: all of
 * them, unless a fence holds jobs back until the ones before it completed
 * (the hold ends here once hw_done shows it).  Data path only.
 */
static inline uint16_t
netdma_ring_limit(struct netdma_chan *ch)
{
	if (likely(!ch->fence_held))
		return ch->submitted;
	if ((uint16_t)(ch->hw_done - ch->fence_slot) <= ch->mask) {
		__atomic_store_n(&ch->fence_held, 0, __ATOMIC_RELAXED);
		return ch->submitted;
	}
	return ch->fence_slot;
}

/* Leave the data-path section. */
static inline void
netdma_dp_leave(struct netdma_chan *ch)
{
	/* Pairs with the acquire load of dp_busy in netdma_exclude_dp(). */
	__atomic_store_n(&ch->dp_busy, 0, __ATOMIC_RELEASE);
}

/* Enter the data-path section; false (and not inside) when the control side
 * holds the channel. */
static inline bool
netdma_dp_enter(struct netdma_chan *ch)
{
	uint64_t ctl;

	__atomic_store_n(&ch->dp_busy, 1, __ATOMIC_RELAXED);
	/* Pairs with the fence in netdma_exclude_dp(): store dp_busy, fence, load ctl_word. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	/* Acquire: whatever control did while it held the channel (it
	 * clears EXCLUDE with a release store) happens before the section. */
	ctl = __atomic_load_n(&ch->ctl_word, __ATOMIC_ACQUIRE);
	if (unlikely(ctl & NETDMA_CTL_EXCLUDE)) {
		netdma_dp_leave(ch);
		return false;
	}
	return true;
}

static inline void
netdma_doorbell(struct netdma_chan *ch)
{
	if (likely(netdma_dp_enter(ch))) {
		uint16_t sub = netdma_ring_limit(ch);
		uint16_t off = __atomic_load_n(&ch->dmacount_offset, __ATOMIC_RELAXED);

		if (sub != ch->rung) {
			/* `rung` before the count: whoever sees a completion
			 * word for these descriptors (acquire) then sees a
			 * `rung` covering them (passed_running()). */
			__atomic_store_n(&ch->rung, sub, __ATOMIC_RELAXED);
			/* release store: descriptors and `rung` before the count */
			cbdma_write16(ch->regs, CBDMA_CHAN_DMACOUNT, (uint16_t)(sub + off));
		}
		/* held back by a fence: rung again from completed() */
		ch->owed_doorbell = sub != ch->submitted;
		netdma_dp_leave(ch);
	} else {
		ch->owed_doorbell = 1;	/* (data path only: after leaving is fine) */
	}
}

/*
 * Write a whole descriptor, the whole line.  On x86-64 with four
 * non-temporal 16-byte stores: the line goes out whole without first being
 * taken from the engine (which read it a lap ago and, hardware prefetching
 * ahead of its reads, may be taking the very line being written: with plain
 * stores the two cores can trade it back and forth several times per
 * descriptor, a state a run can fall into and stay in; doc/benchmark.md
 * "Descriptor stores" has both measured).  Weakly ordered:
 * netdma_desc_fence() before anything that announces them.  Devarg
 * desc_write=plain: plain stores, as DPDK's and SPDK's ioat drivers write
 * theirs.
 */
static inline void
netdma_desc_write(const struct netdma_chan *ch, struct cbdma_desc *d, uint32_t length,
		uint32_t ctl, uint64_t src, uint64_t dst, uint64_t next, uint64_t user2)
{
#ifdef NETDMA_DESC_NT
	if (likely(ch->desc_stream)) {
		__m128i *q = (__m128i *)d;

		/* size, ctl, src | dst, next | rsv1, rsv2 | user1, user2 */
		_mm_stream_si128(q, _mm_set_epi64x((long long)src,
				(long long)(((uint64_t)ctl << 32) | length)));
		_mm_stream_si128(q + 1, _mm_set_epi64x((long long)next, (long long)dst));
		_mm_stream_si128(q + 2, _mm_setzero_si128());
		_mm_stream_si128(q + 3, _mm_set_epi64x((long long)user2, 0));
		return;
	}
#else
	(void)ch;
#endif
	*d = (struct cbdma_desc){
		.size = length,
		.ctl = ctl,
		.src_addr = src,
		.dst_addr = dst,
		.next = next,
		.user2 = user2,
	};
}

/* Order the descriptors written so far before the stores that follow. */
static inline void
netdma_desc_fence(const struct netdma_chan *ch)
{
#ifdef NETDMA_DESC_NT
	if (likely(ch->desc_stream))
		_mm_sfence();
#else
	(void)ch;
#endif
}

static inline int
netdma_submit(struct netdma_chan *ch)
{
	uint16_t write = ch->write;
	uint16_t sub = ch->submitted;

	if (write == sub && !ch->owed_doorbell)
		return 0;
	ch->stats.submitted += (uint16_t)(write - sub);
	netdma_desc_fence(ch);
	/* Release pairs with the control side's acquire load in
	 * netdma_resume(): it may ring these descriptors for us. */
	__atomic_store_n(&ch->submitted, write, __ATOMIC_RELEASE);
	netdma_doorbell(ch);
	return 0;
}

/*
 * A fence before the job at slot `write`.  CBDMA's fence bit sits on the
 * descriptor before: "everything up to and including this descriptor
 * completes before the next is read".  While that descriptor is ours (not
 * submitted, or held back behind an earlier fence) the bit goes there; once
 * it may be in the engine's hands (which may already have read it, and runs
 * the next one's reads before its writes land), the fenced job is held back
 * instead: not handed over until every job before it completed.  user2 keeps
 * the job's own fence for error handling.
 */
static inline void
netdma_fence_before(struct netdma_chan *ch, uint16_t write)
{
	if (write != ch->submitted || ch->fence_held) {
		ch->ring[(uint16_t)(write - 1) & ch->mask].ctl |= CBDMA_DESC_FENCE;
	} else if (ch->hw_done != write) {
		ch->fence_slot = write;
		/* Release: resume (control) reads the slot after the flag. */
		__atomic_store_n(&ch->fence_held, 1, __ATOMIC_RELEASE);
	}
}

static inline int
netdma_enqueue(struct netdma_chan *ch, uint32_t op_ctl, uint64_t src, uint64_t dst,
		uint32_t length, uint64_t flags)
{
	const uint16_t write = ch->write;
	const uint16_t mask = ch->mask;
	struct cbdma_desc *d;
	uint32_t ctl;

	/* One slot stays free: the last completed descriptor is never reused
	 * while the engine may reload it (RESUME) or the completion word names it. */
	if (unlikely((uint16_t)(write - ch->read) >= mask))
		return -ENOSPC;
	if (unlikely(length - 1u > ch->max_xfer_m1))
		return -EINVAL;

	ctl = op_ctl | CBDMA_DESC_COMPL_WRITE;
	if (flags & RTE_DMA_OP_FLAG_LLC)
		ctl |= CBDMA_DESC_HINT;
	if (flags & RTE_DMA_OP_FLAG_FENCE)
		netdma_fence_before(ch, write);

	d = &ch->ring[write & mask];
	/* The whole line, `next` included: this also restores a link an
	 * earlier insert spliced through this slot. */
	netdma_desc_write(ch, d, length, ctl, src, dst, netdma_slot_iova(ch, (uint16_t)(write + 1)),
			flags & NETDMA_USER2_FENCE);
	ch->write = write + 1;
	if (flags & RTE_DMA_OP_FLAG_SUBMIT)
		netdma_submit(ch);
	return (uint16_t)(write - ch->idx_base);
}

static inline int
netdma_copy(struct netdma_chan *ch, uint64_t src, uint64_t dst, uint32_t length,
		uint64_t flags)
{
	return netdma_enqueue(ch, (uint32_t)CBDMA_OP_COPY << CBDMA_DESC_OP_SHIFT,
			src, dst, length, flags);
}

static inline int
netdma_fill(struct netdma_chan *ch, uint64_t pattern, uint64_t dst, uint32_t length,
		uint64_t flags)
{
	if (unlikely(!ch->fill_ok))
		return -ENOTSUP;
	return netdma_enqueue(ch, (uint32_t)CBDMA_OP_FILL << CBDMA_DESC_OP_SHIFT,
			pattern, dst, length, flags);
}

static inline uint16_t
netdma_burst_capacity(const struct netdma_chan *ch)
{
	return (uint16_t)(ch->mask - (uint16_t)(ch->write - ch->read));
}

/* Bring hw_done up to date from the completion word. */
static inline void
netdma_refresh(struct netdma_chan *ch)
{
	/* Pairs with the engine's release store of the completion word. */
	uint64_t cw = __atomic_load_n(ch->cw, __ATOMIC_ACQUIRE);
	uint64_t addr;

	if (likely(cw == ch->last_cw))
		return;
	addr = cbdma_sts_addr(cw);
	if (likely(cbdma_sts_status(cw) <= CBDMA_STS_SUSPENDED &&
			netdma_iova_in_ring(ch, addr))) {
		uint16_t slot = (uint16_t)((addr - ch->ring_iova) / CBDMA_DESC_SIZE);

		ch->hw_done = ch->read + ((uint16_t)(slot + 1 - ch->read) & ch->mask);
		ch->last_cw = cw;
		return;
	}
	netdma_decode_cw_slow(ch, cw);
}

/* Anything unusual pending: marks to report, owed doorbell or recovery. */
static inline bool
netdma_needs_slow(const struct netdma_chan *ch, uint64_t ctl)
{
	return (uint32_t)(netdma_ctl_marks(ctl) + (uint32_t)ch->dp_marks -
			(uint32_t)ch->marks_seen) != 0;
}

static inline uint16_t
netdma_completed(struct netdma_chan *ch, uint16_t nb_cpls, uint16_t *last_idx,
		bool *has_error)
{
	uint64_t ctl;
	uint16_t n;
	bool stopped = false;

	netdma_refresh(ch);
	n = (uint16_t)(ch->hw_done - ch->read);
	if (n > nb_cpls)
		n = nb_cpls;
	ctl = __atomic_load_n(&ch->ctl_word, __ATOMIC_RELAXED);
	if (unlikely(netdma_needs_slow(ch, ctl)))
		n = netdma_scan_marks(ch, n, &stopped, NULL);
	ch->read += n;
	ch->stats.completed += n;
	*last_idx = (uint16_t)(ch->read - 1 - ch->idx_base);
	*has_error = stopped;
	if (unlikely(n == 0 || ch->owed_doorbell || ch->owed_recovery))
		netdma_poll_slow(ch);
	return n;
}

static inline uint16_t
netdma_completed_status(struct netdma_chan *ch, uint16_t nb_cpls, uint16_t *last_idx,
		enum rte_dma_status_code *status)
{
	uint64_t ctl;
	uint16_t n, i;

	netdma_refresh(ch);
	n = (uint16_t)(ch->hw_done - ch->read);
	if (n > nb_cpls)
		n = nb_cpls;
	ctl = __atomic_load_n(&ch->ctl_word, __ATOMIC_RELAXED);
	if (unlikely(netdma_needs_slow(ch, ctl))) {
		n = netdma_scan_marks(ch, n, NULL, status);
	} else {
		for (i = 0; i < n; i++)
			status[i] = RTE_DMA_STATUS_SUCCESSFUL;
	}
	ch->read += n;
	ch->stats.completed += n;
	*last_idx = (uint16_t)(ch->read - 1 - ch->idx_base);
	if (unlikely(n == 0 || ch->owed_doorbell || ch->owed_recovery))
		netdma_poll_slow(ch);
	return n;
}

#ifdef __cplusplus
}
#endif

#endif /* NETDMA_FASTPATH_H */

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * Hostile input to the channel engine's entry points: lengths at and past
 * the limits, calls in the wrong state, positions and tickets out of range.
 * Each gets a negative errno (or a failed job status), never a crash, and
 * the channel keeps working.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fault_tests.h"

int
test_input_lengths(void)
{
	static enum rte_dma_status_code st[UINT16_MAX];
	uint8_t *buf;
	uint16_t last = 0;
	bool err;
	int id;

	/* XFERCAP 4 GiB: a UINT32_MAX job is accepted and fails on its IOVAs */
	CHECK(fx_up(&(struct fx_opts){ .xfercap_log2 = 32 }) == 0, "setup");
	buf = fx_alloc(8192, 64);
	CHECK(buf != NULL, "arena");
	CHECK(netdma_copy(&fx.ch, fx_iova(buf), fx_iova(buf + 4096), 0, 0) == -EINVAL, "copy 0");
	CHECK(netdma_fill(&fx.ch, 1, fx_iova(buf), 0, 0) == -EINVAL, "fill 0");
	id = netdma_copy(&fx.ch, fx_iova(buf), fx_iova(buf + 4096), UINT32_MAX, 0);
	CHECK(id == 0, "copy of UINT32_MAX bytes: %d", id);
	id = netdma_fill(&fx.ch, 7, fx_iova(buf), UINT32_MAX, RTE_DMA_OP_FLAG_SUBMIT);
	CHECK(id == 1, "fill of UINT32_MAX bytes: %d", id);
	CHECK(fx_collect(2, st, &last, 10000) == 0 && last == 1, "statuses");
	CHECK(st[0] == RTE_DMA_STATUS_INVALID_SRC_ADDR, "huge copy: %d", st[0]);
	CHECK(st[1] == RTE_DMA_STATUS_INVALID_DST_ADDR, "huge fill: %d", st[1]);
	/* unknown flag bits are ignored; an overlapping copy is the caller's business */
	id = netdma_copy(&fx.ch, fx_iova(buf), fx_iova(buf + 32), 4096,
			RTE_DMA_OP_FLAG_SUBMIT | (1ull << 60));
	CHECK(id == 2, "overlapping copy: %d", id);
	CHECK(fx_collect(1, st, &last, 10000) == 0 && st[0] == RTE_DMA_STATUS_SUCCESSFUL,
			"overlap status %d", st[0]);
	if (fault_followup(16) != 0)
		return -1;

	/* XFERCAP 1 MiB */
	CHECK(fx_up(NULL) == 0, "setup");
	buf = fx_alloc(2u << 20, 4096);
	CHECK(buf != NULL, "arena");
	CHECK(netdma_copy(&fx.ch, fx_iova(buf), fx_iova(buf + (1u << 20)), (1u << 20) + 1, 0) ==
			-EINVAL, "XFERCAP + 1");
	CHECK(netdma_copy(&fx.ch, fx_iova(buf), fx_iova(buf), UINT32_MAX, 0) == -EINVAL,
			"UINT32_MAX");
	CHECK(netdma_fill(&fx.ch, 0, fx_iova(buf), UINT32_MAX, 0) == -EINVAL, "fill UINT32_MAX");
	memset(buf, 0x3c, 1u << 20);
	CHECK(netdma_copy(&fx.ch, fx_iova(buf), fx_iova(buf + (1u << 20)), 1u << 20,
			RTE_DMA_OP_FLAG_SUBMIT) == 0, "exactly XFERCAP");
	CHECK(fx_collect(1, st, &last, 10000) == 0 && st[0] == RTE_DMA_STATUS_SUCCESSFUL,
			"XFERCAP status %d", st[0]);
	CHECK(buf[(2u << 20) - 1] == 0x3c, "copied");
	/* huge and zero nb_cpls */
	CHECK(netdma_completed_status(&fx.ch, UINT16_MAX, &last, st) == 0, "nothing left");
	CHECK(netdma_completed(&fx.ch, UINT16_MAX, &last, &err) == 0 && !err, "nothing left");
	CHECK(netdma_copy(&fx.ch, fx_iova(buf), fx_iova(buf + 64), 64, RTE_DMA_OP_FLAG_SUBMIT) == 1,
			"copy");
	CHECK(fx_wait_state(CBDMA_STS_IDLE, 1000) == 0, "idle");
	th_sleep_us(2000);
	CHECK(netdma_completed_status(&fx.ch, 0, &last, st) == 0, "nb_cpls 0");
	CHECK(netdma_completed(&fx.ch, 0, &last, &err) == 0, "nb_cpls 0");
	CHECK(fx_collect(1, st, &last, 10000) == 0 && last == 1, "still reported once");
	/* a full ring, submit of nothing */
	while (netdma_burst_capacity(&fx.ch) > 0)
		CHECK(netdma_copy(&fx.ch, fx_iova(buf), fx_iova(buf + 64), 8, 0) >= 0, "fill ring");
	CHECK(netdma_copy(&fx.ch, fx_iova(buf), fx_iova(buf + 64), 8, 0) == -ENOSPC, "full");
	CHECK(netdma_fill(&fx.ch, 0, fx_iova(buf), 8, 0) == -ENOSPC, "full");
	CHECK(netdma_submit(&fx.ch) == 0 && netdma_submit(&fx.ch) == 0, "submit twice");
	CHECK(fx_collect(fx.ch.mask, st, &last, 10000) == 0, "drain");
	return fault_followup(8);
}

int
test_input_stopped(void)
{
	struct netdma_chan_config cc;
	struct netdma_chan c2;
	struct netdma_job job = { .op = NETDMA_OP_COPY, .length = 8 };
	enum rte_dma_status_code st[4];
	uint64_t ticket;
	uint8_t *buf;
	uint16_t last;
	bool err;

	CHECK(fx_up(NULL) == 0, "setup");
	buf = fx_alloc(4096, 64);
	CHECK(buf != NULL, "arena");

	/* bad configurations */
	fx_chan_config(NULL, &cc);
	CHECK(netdma_chan_init(NULL, &cc) == -EINVAL, "NULL channel");
	CHECK(netdma_chan_init(&c2, NULL) == -EINVAL, "NULL config");
	cc.nb_desc = 0;
	CHECK(netdma_chan_init(&c2, &cc) == -EINVAL, "0 descriptors");
	cc.nb_desc = 48;
	CHECK(netdma_chan_init(&c2, &cc) == -EINVAL, "48 descriptors");
	cc.nb_desc = 16;
	CHECK(netdma_chan_init(&c2, &cc) == -EINVAL, "16 descriptors");
	cc.nb_desc = 65535;
	CHECK(netdma_chan_init(&c2, &cc) == -EINVAL, "65535 descriptors");
	cc.nb_desc = 64;
	cc.regs = NULL;
	CHECK(netdma_chan_init(&c2, &cc) == -EINVAL, "no registers");

	/* initialised, never started: the data path refuses work, control says -EINVAL */
	fx_chan_config(NULL, &cc);
	cc.nb_desc = 64;
	CHECK(netdma_chan_init(&c2, &cc) == 0, "init");
	CHECK(netdma_copy(&c2, fx_iova(buf), fx_iova(buf + 64), 64, RTE_DMA_OP_FLAG_SUBMIT) < 0,
			"copy before start accepted");
	CHECK(netdma_fill(&c2, 0, fx_iova(buf), 64, 0) < 0, "fill before start accepted");
	CHECK(netdma_submit(&c2) == 0, "submit");
	CHECK(netdma_burst_capacity(&c2) == 0, "capacity before start %u",
			netdma_burst_capacity(&c2));
	CHECK(netdma_completed(&c2, 4, &last, &err) == 0, "completed before start");
	CHECK(netdma_completed_status(&c2, 4, &last, st) == 0, "completed_status before start");
	CHECK(netdma_suspend(&c2, NULL) == -EINVAL, "suspend before start");
	CHECK(netdma_resume(&c2) == -EINVAL, "resume before start");
	CHECK(netdma_pending(&c2, NULL, 0) == -EINVAL, "pending before start");
	CHECK(netdma_cancel(&c2, 0) == -EINVAL, "cancel before start");
	CHECK(netdma_insert(&c2, 0, &job, &ticket) == -EINVAL, "insert before start");
	CHECK(netdma_rewrite(&c2, &job) == -EINVAL, "rewrite before start");
	CHECK(netdma_ticket_status(&c2, 1, st) == -ENOENT, "ticket before start");
	CHECK(netdma_chan_stop(&c2) == 0, "stop of a channel never started");
	netdma_chan_fini(&c2);
	netdma_chan_fini(&c2);
	netdma_chan_fini(NULL);

	/* started, then stopped */
	CHECK(netdma_chan_start(&fx.ch) == -EBUSY, "start twice");
	CHECK(netdma_copy(&fx.ch, fx_iova(buf), fx_iova(buf + 64), 64, 0) == 0, "copy");
	CHECK(netdma_chan_stop(&fx.ch) == 0, "stop");
	CHECK(netdma_chan_stop(&fx.ch) == 0, "stop twice");
	CHECK(netdma_copy(&fx.ch, fx_iova(buf), fx_iova(buf + 64), 64, 0) < 0,
			"copy on a stopped channel accepted");
	CHECK(netdma_submit(&fx.ch) == 0, "submit on a stopped channel");
	CHECK(netdma_completed_status(&fx.ch, 4, &last, st) == 0, "completions on a stopped channel");
	CHECK(netdma_suspend(&fx.ch, NULL) == -EINVAL, "suspend when stopped");
	CHECK(netdma_chan_start(&fx.ch) == 0, "restart");
	CHECK(fx_next_idx() == 0, "ring_idx restarts at 0, not %u", fx_next_idx());
	CHECK(fx_poll_none(100) == 0, "a job enqueued before stop was reported after restart");
	return fault_followup(16);
}

int
test_input_control(void)
{
	enum { N = 16 };
	struct netdma_job jobs[N + NETDMA_INSERT_MAX + 1], j;
	struct netdma_suspend_info si;
	enum rte_dma_status_code st;
	uint64_t tickets[NETDMA_INSERT_MAX], t, done_ticket;
	uint8_t *ins;
	struct fjobs b;
	unsigned int i;
	int np, ret;

	CHECK(fx_up(&(struct fx_opts){ .desc_delay_us = 3000 }) == 0, "setup");
	ins = fx_alloc(4096, 64);
	CHECK(ins != NULL, "arena");
	/* a finished inserted job and a finished data-path job */
	CHECK(netdma_suspend(&fx.ch, NULL) == 0, "suspend");
	j = (struct netdma_job){ .op = NETDMA_OP_FILL, .pattern = 1, .dst = fx_iova(ins), .length = 64 };
	CHECK(netdma_insert(&fx.ch, 0, &j, &done_ticket) == 0, "insert");
	CHECK(netdma_resume(&fx.ch) == 0, "resume");
	CHECK(fj_init(&b, N, 64) == 0, "arena");
	if (fj_enqueue(&b, 0, 1, true) != 0 || fj_collect(&b, 0, 1) != 0)
		return -1;
	CHECK(netdma_ticket_status(&fx.ch, done_ticket, &st) == 1 && st == RTE_DMA_STATUS_SUCCESSFUL,
			"inserted job done");

	if (fj_enqueue(&b, 1, N, true) != 0)
		return -1;
	CHECK(netdma_suspend(&fx.ch, &si) == 0, "suspend");
	CHECK(netdma_suspend(&fx.ch, &si) == -EALREADY, "suspend twice");
	np = netdma_pending(&fx.ch, jobs, N);
	CHECK(np > 2, "only %d pending", np);
	CHECK(netdma_pending(&fx.ch, NULL, 5) == np, "pending with no array");
	CHECK(netdma_pending(&fx.ch, jobs, 0) == np, "pending into 0 entries");
	CHECK(netdma_pending(&fx.ch, jobs, 1) == np, "pending into 1 entry");

	CHECK(netdma_cancel(&fx.ch, UINT16_MAX) == -ENOENT, "cancel UINT16_MAX");
	CHECK(netdma_cancel(&fx.ch, b.idx0) == -ENOENT, "cancel a finished job");
	CHECK(netdma_cancel_ticket(&fx.ch, 0) == -EINVAL, "cancel ticket 0");
	CHECK(netdma_cancel_ticket(&fx.ch, UINT64_MAX) == -ENOENT, "cancel ticket UINT64_MAX");
	CHECK(netdma_cancel_ticket(&fx.ch, done_ticket) == -ENOENT, "cancel a finished ticket");
	CHECK(netdma_ticket_status(&fx.ch, UINT64_MAX, &st) == -ENOENT, "ticket UINT64_MAX");
	CHECK(netdma_ticket_status(&fx.ch, 0, &st) == -ENOENT, "ticket 0");
	CHECK(netdma_ticket_status(&fx.ch, done_ticket, NULL) == -EINVAL, "NULL status");

	j = (struct netdma_job){ .op = NETDMA_OP_COPY, .src = fx_iova(ins), .dst = fx_iova(ins + 2048),
		.length = 64 };
	CHECK(netdma_insert(&fx.ch, UINT16_MAX, &j, &t) == -ERANGE, "insert at UINT16_MAX");
	CHECK(netdma_insert(&fx.ch, (uint16_t)(np + 1), &j, &t) == -ERANGE, "insert past the end");
	CHECK(netdma_insert(&fx.ch, 0, NULL, &t) == -EINVAL, "insert NULL job");
	CHECK(netdma_insert(&fx.ch, 0, &j, NULL) == -EINVAL, "insert NULL ticket");
	j.length = 0;
	CHECK(netdma_insert(&fx.ch, 0, &j, &t) == -EINVAL, "insert length 0");
	j.length = UINT32_MAX;
	CHECK(netdma_insert(&fx.ch, 0, &j, &t) == -EINVAL, "insert length UINT32_MAX");
	j.length = 64;
	j.op = (enum netdma_op)99;
	CHECK(netdma_insert(&fx.ch, 0, &j, &t) == -EINVAL, "insert bad op");
	j.op = NETDMA_OP_COPY;
	j.flags = RTE_DMA_OP_FLAG_SUBMIT << 8;
	CHECK(netdma_insert(&fx.ch, 0, &j, &t) == -EINVAL, "insert bad flags");
	j.flags = 0;

	CHECK(netdma_rewrite(&fx.ch, NULL) == -EINVAL, "rewrite NULL");
	j.ticket = done_ticket;
	CHECK(netdma_rewrite(&fx.ch, &j) == -ENOENT, "rewrite a finished inserted job");
	j.ticket = UINT64_MAX;
	CHECK(netdma_rewrite(&fx.ch, &j) == -ENOENT, "rewrite ticket UINT64_MAX");
	j.ticket = 0;
	j.ring_idx = b.idx0;
	CHECK(netdma_rewrite(&fx.ch, &j) == -ENOENT, "rewrite a finished job");
	j.ring_idx = UINT16_MAX;
	CHECK(netdma_rewrite(&fx.ch, &j) == -ENOENT, "rewrite ring_idx UINT16_MAX");
	j = jobs[np - 1];
	j.length = 0;
	CHECK(netdma_rewrite(&fx.ch, &j) == -EINVAL, "rewrite to length 0");
	j.length = (1u << 20) + 1;
	CHECK(netdma_rewrite(&fx.ch, &j) == -EINVAL, "rewrite past XFERCAP");
	CHECK(netdma_cancel(&fx.ch, jobs[np - 1].ring_idx) == 0, "cancel");
	CHECK(netdma_cancel(&fx.ch, jobs[np - 1].ring_idx) == -EALREADY, "cancel twice");
	j = jobs[np - 1];
	CHECK(netdma_rewrite(&fx.ch, &j) == -EINVAL, "rewrite a cancelled job");
	i = (uint16_t)(jobs[np - 1].ring_idx - b.idx0);
	b.j[i].want = RTE_DMA_STATUS_USER_ABORT;
	b.j[i].content = FJ_NONE;

	/* the insert pool: 64 in flight, then -ENOSPC */
	for (i = 0; i < NETDMA_INSERT_MAX; i++) {
		j = (struct netdma_job){ .op = NETDMA_OP_FILL, .pattern = i, .dst = fx_iova(ins + i * 64),
			.length = 64 };
		ret = netdma_insert(&fx.ch, 0, &j, &tickets[i]);
		CHECK(ret == 0, "insert %u: %d", i, ret);
	}
	CHECK(netdma_insert(&fx.ch, 0, &j, &t) == -ENOSPC, "insert pool exhausted");
	CHECK(netdma_cancel_ticket(&fx.ch, tickets[5]) == 0, "cancel ticket");
	CHECK(netdma_cancel_ticket(&fx.ch, tickets[5]) == -EALREADY, "cancel ticket twice");
	CHECK(netdma_pending(&fx.ch, jobs, N + NETDMA_INSERT_MAX + 1) ==
			np - 1 + NETDMA_INSERT_MAX - 1, "pending count after edits");
	CHECK(netdma_resume(&fx.ch) == 0, "resume");
	CHECK(netdma_resume(&fx.ch) == -EINVAL, "resume twice");
	if (fj_collect(&b, 1, N) != 0 || fj_verify(&b) != 0)
		return -1;
	for (i = 0; i < NETDMA_INSERT_MAX; i++) {
		uint64_t end = th_now_ns() + 5000000000ull;

		while ((ret = netdma_ticket_status(&fx.ch, tickets[i], &st)) == 0 &&
				th_now_ns() < end)
			th_sleep_us(100);
		CHECK(ret == 1, "ticket %u: %d", i, ret);
		CHECK(st == (i == 5 ? RTE_DMA_STATUS_USER_ABORT : RTE_DMA_STATUS_SUCCESSFUL),
				"ticket %u status %d", i, st);
	}
	/* after they ran, the pool is free again */
	CHECK(netdma_suspend(&fx.ch, NULL) == 0, "suspend");
	j = (struct netdma_job){ .op = NETDMA_OP_FILL, .pattern = 9, .dst = fx_iova(ins), .length = 64 };
	CHECK(netdma_insert(&fx.ch, 0, &j, &t) == 0, "pool reusable");
	CHECK(netdma_resume(&fx.ch) == 0, "resume");
	return fault_followup(8);
}

int
test_input_no_fill(void)
{
	struct netdma_job jobs[4], j;
	struct fjobs b;
	uint8_t *buf;
	uint64_t t;
	int np;

	CHECK(fx_up(&(struct fx_opts){ .no_fill = true, .desc_delay_us = 3000 }) == 0, "setup");
	buf = fx_alloc(64, 64);
	CHECK(buf != NULL, "arena");
	CHECK(netdma_fill(&fx.ch, 0, fx_iova(buf), 64, RTE_DMA_OP_FLAG_SUBMIT) == -ENOTSUP,
			"fill without DMACAP fill");
	CHECK(fj_init(&b, 4, 64) == 0, "arena");
	if (fj_enqueue(&b, 0, 4, true) != 0)
		return -1;
	CHECK(netdma_suspend(&fx.ch, NULL) == 0, "suspend");
	np = netdma_pending(&fx.ch, jobs, 4);
	CHECK(np >= 1, "nothing pending");
	j = jobs[0];
	j.op = NETDMA_OP_FILL;
	CHECK(netdma_rewrite(&fx.ch, &j) == -ENOTSUP, "rewrite into a fill");
	j = (struct netdma_job){ .op = NETDMA_OP_FILL, .dst = fx_iova(buf), .length = 64 };
	CHECK(netdma_insert(&fx.ch, 0, &j, &t) == -ENOTSUP, "insert a fill");
	CHECK(netdma_resume(&fx.ch) == 0, "resume");
	if (fj_collect(&b, 0, 4) != 0 || fj_verify(&b) != 0)
		return -1;
	return fault_followup(4);
}

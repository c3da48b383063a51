/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * libFuzzer harness: random sequences of data-path and control calls on the
 * channel engine and the device model (EAL-free), checked against a
 * reference model of the channel.
 *
 * The input is a program: a configuration byte, then operations (copy,
 * fill, burst, submit, completed, completed_status, suspend, pending,
 * cancel, rewrite, insert, cancel_ticket, ticket_status, resume, injected
 * faults, hang release).  The harness is the data-path thread and the
 * control thread at once; the model's engine thread is the only other one.
 * The reference keeps every job (ring jobs by ring_idx, inserted jobs by
 * ticket) in execution order and derives, without timing, what each must
 * report: the status of every ring_idx and ticket, exactly once and in
 * order, the bytes of every destination (canaries around), the return code
 * of every call, and the pending list at each suspension.  Where the engine
 * is at a given moment is the one thing it cannot know: it learns it from
 * the pending list (a prefix of the chain has run) and from the model's
 * fault counter (a fault has fired).  Anything else is a bug: abort().
 */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eal_free_jobs.h"

#define MAX_JOBS	1024
#define MAX_INS		60		/* below the 64 inserted jobs in flight */
#define MAX_OPS		400
#define REGION		512		/* destination bytes per job */
#define NB_REGIONS	128		/* >= ring size: a region is reused once reported */
#define SRC_SIZE	(64u << 10)
#define CANARY		0xCC
#define MAX_PENDING	(MAX_INS + 128)

enum content { C_SPEC, C_NONE, C_HALF };

struct spec {
	enum netdma_op op;
	uint64_t src;		/* IOVA (= VA) for copies */
	uint64_t pattern;
	uint32_t len;
	uint64_t flags;		/* RTE_DMA_OP_FLAG_FENCE or 0 */
};

struct job {
	struct spec s;
	uint8_t *dst;
	bool ins;		/* an inserted job (else a ring job) */
	uint64_t ticket;	/* inserted */
	bool submitted, reported, cancelled, done;
	enum rte_dma_status_code want;
	enum content content;
};

struct ref {
	struct fx_opts o;
	bool hangs;		/* hangs allowed: short suspend timeout, -ETIMEDOUT accepted */
	uint8_t *src;
	uint8_t *rdst, *idst;
	struct job r[MAX_JOBS];	/* ring jobs by ring_idx */
	unsigned int nr, nsub, nrep;
	struct job in[MAX_INS];
	unsigned int nin;
	/* the chain in execution order: index into r (>= 0) or ~index into in */
	int q[MAX_JOBS + MAX_INS];
	unsigned int nq;
	unsigned int qexec;	/* entries before it have run */
	bool suspended;
	unsigned int boundary;	/* ring jobs submitted when suspended */
	/* fault: at most one outstanding */
	bool f_pending;
	enum cbdma_model_fault f_kind;
	int f_target;		/* chain entry (q encoding) or -1 */
	uint64_t f_fired_before;	/* model fault counter at injection */
	bool f_hang_released;
	uint64_t faults_fired;	/* expected model fault counter */
	uint64_t recoveries;
	unsigned int ops;
};

static struct ref R;
static bool trace;

#define TRACE(fmt, ...) do { \
	if (trace) \
		fprintf(stderr, "  [%u] " fmt, R.ops, ##__VA_ARGS__); \
} while (0)

static void __attribute__((format(printf, 1, 2), noreturn))
bug(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "fuzz_chan: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n  after %u ops: %u jobs (%u submitted, %u reported), %u inserted, %s\n",
			R.ops, R.nr, R.nsub, R.nrep, R.nin, R.suspended ? "suspended" : "running");
	netdma_chan_dump(&fx.ch, stderr);
	abort();
}

/* ---- input ---- */

struct rd {
	const uint8_t *p;
	size_t n;
};

static uint8_t
get8(struct rd *d)
{
	if (d->n == 0)
		return 0;
	d->n--;
	return *d->p++;
}

static uint16_t
get16(struct rd *d)
{
	return (uint16_t)(get8(d) | get8(d) << 8);
}

/* ---- reference helpers ---- */

static struct job *
qjob(int e)
{
	return e >= 0 ? &R.r[e] : &R.in[~e];
}

static bool
live(const struct job *j)
{
	return !j->cancelled && j->want == RTE_DMA_STATUS_SUCCESSFUL;
}

static int
qpos(int e)
{
	unsigned int i;

	for (i = 0; i < R.nq; i++)
		if (R.q[i] == e)
			return (int)i;
	return -1;
}

/* Where the suspension's boundary is: before the first ring job not rung. */
static unsigned int
boundary_pos(void)
{
	unsigned int i;

	for (i = 0; i < R.nq; i++)
		if (R.q[i] >= 0 && (unsigned int)R.q[i] >= R.boundary)
			return i;
	return R.nq;
}

static void
q_insert(unsigned int at, int e)
{
	memmove(&R.q[at + 1], &R.q[at], (R.nq - at) * sizeof(R.q[0]));
	R.q[at] = e;
	R.nq++;
}

static void
random_spec(struct rd *d, struct spec *s)
{
	uint8_t b = get8(d);

	s->op = (b & 3) == 3 && !R.o.no_fill ? NETDMA_OP_FILL : NETDMA_OP_COPY;
	s->len = 1 + get16(d) % REGION;
	s->src = fx_iova(R.src + get16(d) % (SRC_SIZE - REGION));
	s->pattern = s->op == NETDMA_OP_FILL ? 0x0101010101010101ull * get8(d) ^
		((uint64_t)b << 40) : 0;
	s->flags = (b & 4) ? RTE_DMA_OP_FLAG_FENCE : 0;
}

static void
check_bytes(const struct job *j, const char *what, unsigned int id)
{
	uint32_t upto = 0, k;

	if (j->content != C_NONE) {
		upto = j->content == C_HALF ? j->s.len / 2 : j->s.len;
		for (k = 0; k < upto; k++) {
			uint8_t want = j->s.op == NETDMA_OP_FILL ?
				((const uint8_t *)&j->s.pattern)[k % 8] :
				((const uint8_t *)(uintptr_t)j->s.src)[k];

			if (j->dst[k] != want)
				bug("%s %u: byte %u is 0x%x, expected 0x%x (status %d)", what, id,
						k, j->dst[k], want, j->want);
		}
	}
	for (k = upto; k < REGION; k++)
		if (j->dst[k] != CANARY)
			bug("%s %u: byte %u beyond what it may write is 0x%x (status %d, len %u)",
					what, id, k, j->dst[k], j->want, j->s.len);
}

static uint64_t
model_faults(void)
{
	return fx_model_stats().faults;
}

/* The fault's target failed and the data path recovered: statuses follow. */
static void
on_recovery(void)
{
	enum rte_dma_status_code st = fj_fault_status(R.f_kind);
	struct job *x;
	bool fenced = false;
	unsigned int p;
	int at;

	if (!R.f_pending || st == RTE_DMA_STATUS_SUCCESSFUL || R.f_target == INT32_MIN)
		bug("a recovery with no error fault outstanding");
	if (model_faults() <= R.f_fired_before)
		bug("a recovery before the fault fired");
	x = qjob(R.f_target);
	at = qpos(R.f_target);
	if (at < 0)
		bug("fault target not in the chain");
	if (live(x)) {
		x->want = st;
		x->content = R.f_kind == CBDMA_FAULT_WRITE_DATA ? C_HALF : C_NONE;
	} else {
		x->content = C_NONE;
	}
	/* the fence rule, in execution order, up to the last job submitted now */
	for (p = (unsigned int)at + 1; p < R.nq; p++) {
		struct job *j = qjob(R.q[p]);

		if (!j->ins && (unsigned int)R.q[p] >= R.nsub)
			break;
		fenced |= (j->s.flags & RTE_DMA_OP_FLAG_FENCE) != 0;
		if (fenced && live(j)) {
			j->want = RTE_DMA_STATUS_NOT_ATTEMPTED;
			j->content = C_NONE;
		}
	}
	R.faults_fired++;
	R.f_pending = false;
}

/* Settle a fault that has no recovery: fired (stall, spurious) or released. */
static void
fault_settle(void)
{
	if (!R.f_pending)
		return;
	switch (R.f_kind) {
	case CBDMA_FAULT_STALL:
	case CBDMA_FAULT_SPURIOUS_CHANERR:
		if (model_faults() > R.f_fired_before) {
			R.faults_fired++;
			R.f_pending = false;
		}
		break;
	case CBDMA_FAULT_HANG:
		if (R.f_hang_released) {
			/* Released before it fired: the engine may still fire it
			 * before it takes the release; give it time, then count
			 * what happened. */
			if (model_faults() == R.f_fired_before)
				th_sleep_us(5000);
			if (model_faults() > R.f_fired_before)
				R.faults_fired++;
			R.f_pending = false;
		}
		break;
	default:
		break;
	}
}

static bool
hang_active(void)
{
	return R.f_pending && R.f_kind == CBDMA_FAULT_HANG && !R.f_hang_released &&
		model_faults() > R.f_fired_before;
}

/* ---- data path ---- */

/* Enqueue a ring job; false when the ring was full (nothing submitted). */
static bool
enqueue(struct spec *s)
{
	struct job *j;
	unsigned int cap = fx.ch.mask - (R.nr - R.nrep);
	int id;

	if (netdma_burst_capacity(&fx.ch) != cap)
		bug("burst capacity %u, expected %u", netdma_burst_capacity(&fx.ch), cap);
	if (R.nr == MAX_JOBS)
		return false;
	j = &R.r[R.nr];
	memset(j, 0, sizeof(*j));
	j->s = *s;
	j->dst = R.rdst + (size_t)(R.nr % NB_REGIONS) * REGION;
	memset(j->dst, CANARY, REGION);
	if (s->op == NETDMA_OP_FILL)
		id = netdma_fill(&fx.ch, s->pattern, fx_iova(j->dst), s->len, s->flags);
	else
		id = netdma_copy(&fx.ch, s->src, fx_iova(j->dst), s->len, s->flags);
	if (cap == 0) {
		if (id != -ENOSPC)
			bug("enqueue on a full ring: %d", id);
		return false;
	}
	if (id != (int)R.nr)
		bug("enqueue returned %d, expected ring_idx %u", id, R.nr);
	TRACE("enqueue ring_idx %d: %s len %u fence %d submit %d\n", id,
			s->op == NETDMA_OP_FILL ? "fill" : "copy", s->len,
			!!(s->flags & RTE_DMA_OP_FLAG_FENCE), !!(s->flags & RTE_DMA_OP_FLAG_SUBMIT));
	j->want = RTE_DMA_STATUS_SUCCESSFUL;
	j->content = C_SPEC;
	R.q[R.nq++] = (int)R.nr;
	R.nr++;
	if (s->flags & RTE_DMA_OP_FLAG_SUBMIT)
		for (; R.nsub < R.nr; R.nsub++)
			R.r[R.nsub].submitted = true;
	return true;
}

static void
submit(void)
{
	if (netdma_submit(&fx.ch) != 0)
		bug("submit failed");
	for (; R.nsub < R.nr; R.nsub++)
		R.r[R.nsub].submitted = true;
}

static void
report(unsigned int k, enum rte_dma_status_code got)
{
	struct job *j = &R.r[k];

	if (j->reported)
		bug("ring_idx %u reported twice", k);
	if (!j->submitted)
		bug("ring_idx %u reported before it was submitted", k);
	if (got != j->want)
		bug("ring_idx %u: status %d, expected %d", k, got, j->want);
	check_bytes(j, "ring_idx", k);
	j->reported = true;
}

/* One completed() or completed_status() call, checked. */
static uint16_t
reap(bool with_status, uint16_t nb)
{
	enum rte_dma_status_code st[256];
	uint64_t rec = fx.ch.stats_recoveries;
	uint16_t n, last = 0xdead, i;
	bool err = false;

	if (nb > 256)
		nb = 256;
	if (with_status)
		n = netdma_completed_status(&fx.ch, nb, &last, st);
	else
		n = netdma_completed(&fx.ch, nb, &last, &err);
	if (fx.ch.broken)
		bug("channel broken");
	if (fx.ch.stats_recoveries != rec) {
		if (fx.ch.stats_recoveries != rec + 1)
			bug("%lu recoveries in one call", (unsigned long)(fx.ch.stats_recoveries - rec));
		TRACE("recovery\n");
		on_recovery();
		R.recoveries++;
	}
	fault_settle();
	if (n > nb || n > R.nsub - R.nrep)
		bug("%u reported (asked %u) with %u outstanding", n, nb, R.nsub - R.nrep);
	if (n > 0 && last != (uint16_t)(R.nrep + n - 1))
		bug("last_idx %u, expected %u", last, (uint16_t)(R.nrep + n - 1));
	if (n > 0)
		TRACE("reported %u..%u\n", R.nrep, R.nrep + n - 1);
	for (i = 0; i < n; i++)
		report(R.nrep + i, with_status ? st[i] : RTE_DMA_STATUS_SUCCESSFUL);
	R.nrep += n;
	if (err && (R.nrep == R.nsub || R.r[R.nrep].want == RTE_DMA_STATUS_SUCCESSFUL))
		bug("has_error with ring_idx %u expected to succeed", R.nrep);
	return n;
}

/* ---- control ---- */

static struct netdma_job P[MAX_PENDING];
static int np;

static bool
same_spec(const struct netdma_job *p, const struct job *j)
{
	if (p->op != j->s.op || p->length != j->s.len || p->dst != fx_iova(j->dst) ||
			(p->flags & RTE_DMA_OP_FLAG_FENCE) != (j->s.flags & RTE_DMA_OP_FLAG_FENCE))
		return false;
	return p->op == NETDMA_OP_FILL ? p->pattern == j->s.pattern : p->src == j->s.src;
}

static int
entry_of(const struct netdma_job *p)
{
	unsigned int i;

	if (p->ticket == 0)
		return p->ring_idx < R.nr ? (int)p->ring_idx : INT32_MIN;
	for (i = 0; i < R.nin; i++)
		if (R.in[i].ticket == p->ticket)
			return ~(int)i;
	return INT32_MIN;
}

/* The pending list is the chain's live jobs from where the engine is to the boundary. */
static void
check_pending(void)
{
	unsigned int from, end = boundary_pos(), i, k;
	int ret;

	np = netdma_pending(&fx.ch, P, MAX_PENDING);
	if (np < 0 || np > MAX_PENDING)
		bug("pending returned %d", np);
	if (np > 0) {
		int e = entry_of(&P[0]), at = e == INT32_MIN ? -1 : qpos(e);

		if (at < 0)
			bug("pending job (ring_idx %u, ticket %lu) unknown", P[0].ring_idx,
					(unsigned long)P[0].ticket);
		if ((unsigned int)at < R.qexec)
			bug("a job that ran is pending again (ring_idx %u, ticket %lu)",
					P[0].ring_idx, (unsigned long)P[0].ticket);
		from = (unsigned int)at;
	} else {
		from = end;
	}
	if (from < R.qexec)
		from = R.qexec;
	R.qexec = from;
	for (i = from, k = 0; i < end; i++) {
		struct job *j = qjob(R.q[i]);

		if (!live(j))
			continue;
		if ((int)k >= np)
			bug("job %s %lu should be pending", j->ins ? "ticket" : "ring_idx",
					j->ins ? (unsigned long)j->ticket : (unsigned long)R.q[i]);
		if (entry_of(&P[k]) != R.q[i])
			bug("pending[%u] is ring_idx %u ticket %lu, expected %s %lu", k,
					P[k].ring_idx, (unsigned long)P[k].ticket,
					j->ins ? "ticket" : "ring_idx",
					j->ins ? (unsigned long)j->ticket : (unsigned long)R.q[i]);
		if (!same_spec(&P[k], j))
			bug("pending[%u] does not describe its job", k);
		k++;
	}
	if ((int)k != np)
		bug("%d pending, expected %u", np, k);
	ret = netdma_pending(&fx.ch, NULL, 0);
	if (ret != np)
		bug("pending count %d vs %d", ret, np);
}

static void
do_suspend(void)
{
	struct netdma_suspend_info si;
	bool err_fired = R.f_pending && fj_fault_status(R.f_kind) != RTE_DMA_STATUS_SUCCESSFUL &&
		model_faults() > R.f_fired_before;
	bool err_armed = R.f_pending && fj_fault_status(R.f_kind) != RTE_DMA_STATUS_SUCCESSFUL;
	bool hung = hang_active();
	bool hang_armed = R.f_pending && R.f_kind == CBDMA_FAULT_HANG && !R.f_hang_released;
	int ret = netdma_suspend(&fx.ch, &si);

	TRACE("suspend: %d (last 0x%lx)\n", ret, (unsigned long)si.last_desc);
	if (R.suspended) {
		if (ret != -EALREADY)
			bug("suspend while suspended: %d", ret);
		return;
	}
	if (ret == 0) {
		if (err_fired || hung)
			bug("suspend succeeded on a %s engine", hung ? "hung" : "halted");
		if (cbdma_sts_status(si.completion) != CBDMA_STS_SUSPENDED)
			bug("suspend info: completion word 0x%lx", (unsigned long)si.completion);
		R.suspended = true;
		R.boundary = R.nsub;
		{
			/* A fenced job whose job before was already handed over
			 * is held back until that one completed (white box: the
			 * driver's rung), with the jobs behind it: not pending
			 * yet.  Only a fenced job may start such a hold. */
			unsigned int held = (uint16_t)(fx.ch.susp_rung - fx.ch.idx_base);

			if (held < R.nsub) {
				if (!(R.r[held].s.flags & RTE_DMA_OP_FLAG_FENCE))
					bug("ring_idx %u..%u not handed over, %u has no fence",
							held, R.nsub - 1, held);
				R.boundary = held;
			}
		}
		check_pending();
		if (si.nb_pending != np)
			bug("suspend info: %u pending, pending(): %d", si.nb_pending, np);
		return;
	}
	if (ret == -EIO && err_armed)
		return;
	if (ret == -ETIMEDOUT && (hang_armed || R.hangs))
		return;
	if (hung && ret != -ETIMEDOUT)
		bug("suspend of a hung engine: %d", ret);
	bug("suspend: %d (error fault %s, hang %s)", ret, err_fired ? "fired" :
			err_armed ? "armed" : "none", hang_armed ? "armed" : "none");
}

static void
do_resume(void)
{
	int ret = netdma_resume(&fx.ch);

	TRACE("resume: %d\n", ret);
	if (ret != (R.suspended ? 0 : -EINVAL))
		bug("resume: %d", ret);
	R.suspended = false;
	np = 0;
}

/* A job to edit: mostly a pending one, sometimes any other. */
static int
pick(struct rd *d, bool inserted)
{
	uint8_t b = get8(d);

	if (np > 0 && (b & 0x80) == 0)
		return entry_of(&P[b % np]);
	if (inserted)
		return R.nin > 0 && (b & 1) ? ~(int)(b % R.nin) : INT32_MIN;
	return R.nr > 0 && (b & 1) ? (int)(b % R.nr) : INT32_MIN;
}

/* Expected answer of an edit for entry e: 0 (live, pending), -ENOENT (not
 * pending), or 1 for "not live: the given code, or -ENOENT if it ran". */
static int
edit_expect(int e)
{
	int at, i;
	struct job *j;

	if (e == INT32_MIN)
		return -ENOENT;
	j = qjob(e);
	at = qpos(e);
	for (i = 0; i < np; i++)
		if (entry_of(&P[i]) == e)
			return 0;
	if (live(j) || at < 0 || (unsigned int)at >= boundary_pos() || j->reported || j->done)
		return -ENOENT;
	return 1;
}

static void
do_cancel(struct rd *d)
{
	int e = pick(d, false), want, ret;
	uint16_t idx = e == INT32_MIN ? (uint16_t)(R.nr + get8(d)) : (uint16_t)e;

	if (e != INT32_MIN && e < 0)
		return;	/* an inserted job: cancel_ticket */
	ret = netdma_cancel(&fx.ch, idx);
	TRACE("cancel %u: %d\n", idx, ret);
	if (!R.suspended) {
		if (ret != -EINVAL)
			bug("cancel while running: %d", ret);
		return;
	}
	want = edit_expect(e);
	if (want == 1 ? (ret != -EALREADY && ret != -ENOENT) : ret != want)
		bug("cancel ring_idx %u: %d, expected %d", idx, ret, want);
	if (ret == 0) {
		R.r[e].cancelled = true;
		R.r[e].want = RTE_DMA_STATUS_USER_ABORT;
		R.r[e].content = C_NONE;
		check_pending();
	}
}

static void
do_cancel_ticket(struct rd *d)
{
	int e = pick(d, true), want, ret;
	uint64_t t = e == INT32_MIN ? (get8(d) & 1 ? 0 : UINT64_MAX - get8(d)) :
		e < 0 ? R.in[~e].ticket : 0;

	if (e >= 0)
		return;	/* a ring job: cancel */
	ret = netdma_cancel_ticket(&fx.ch, t);
	TRACE("cancel_ticket %lu: %d\n", (unsigned long)t, ret);
	if (t == 0) {
		if (ret != -EINVAL)
			bug("cancel_ticket 0: %d", ret);
		return;
	}
	if (!R.suspended) {
		if (ret != -EINVAL)
			bug("cancel_ticket while running: %d", ret);
		return;
	}
	want = edit_expect(e);
	if (want == 1 ? (ret != -EALREADY && ret != -ENOENT) : ret != want)
		bug("cancel_ticket %lu: %d, expected %d", (unsigned long)t, ret, want);
	if (ret == 0) {
		R.in[~e].cancelled = true;
		R.in[~e].want = RTE_DMA_STATUS_USER_ABORT;
		R.in[~e].content = C_NONE;
		check_pending();
	}
}

static void
do_rewrite(struct rd *d)
{
	int e = pick(d, get8(d) & 1), want, ret;
	struct netdma_job nj;
	struct spec s;
	struct job *j = e == INT32_MIN ? NULL : qjob(e);

	random_spec(d, &s);
	nj = (struct netdma_job){ .op = s.op, .src = s.op == NETDMA_OP_COPY ? s.src : 0,
		.pattern = s.pattern, .length = s.len, .flags = s.flags,
		.dst = j != NULL ? fx_iova(j->dst) : fx_iova(R.rdst) };
	if (j == NULL) {
		nj.ticket = get8(d) & 1 ? UINT64_MAX : 0;
		nj.ring_idx = 0xffff;
	} else if (j->ins)
		nj.ticket = j->ticket;
	else
		nj.ring_idx = (uint16_t)e;
	ret = netdma_rewrite(&fx.ch, &nj);
	TRACE("rewrite ring_idx %u ticket %lu: %d\n", nj.ring_idx, (unsigned long)nj.ticket,
			ret);
	if (!R.suspended) {
		if (ret != -EINVAL)
			bug("rewrite while running: %d", ret);
		return;
	}
	want = edit_expect(e);
	if (want == 1 ? (ret != -EINVAL && ret != -ENOENT) : ret != want)
		bug("rewrite: %d, expected %d", ret, want);
	if (ret == 0) {
		j->s = s;
		check_pending();
	}
}

static void
do_insert(struct rd *d)
{
	uint16_t pos = get8(d) % (np + 2);
	struct netdma_job nj;
	struct spec s;
	struct job *j;
	uint64_t t = 0;
	int ret, want;

	if (R.nin == MAX_INS)
		return;
	random_spec(d, &s);
	j = &R.in[R.nin];
	memset(j, 0, sizeof(*j));
	j->dst = R.idst + (size_t)R.nin * REGION;
	memset(j->dst, CANARY, REGION);
	nj = (struct netdma_job){ .op = s.op, .src = s.op == NETDMA_OP_COPY ? s.src : 0,
		.pattern = s.pattern, .length = s.len, .flags = s.flags, .dst = fx_iova(j->dst) };
	ret = netdma_insert(&fx.ch, pos, &nj, &t);
	TRACE("insert at %u of %d: %d, ticket %lu\n", pos, np, ret, (unsigned long)t);
	want = !R.suspended ? -EINVAL : pos > np ? -ERANGE : 0;
	if (ret != want)
		bug("insert at %u of %d: %d, expected %d", pos, np, ret, want);
	if (ret != 0)
		return;
	if (R.nin > 0 && t <= R.in[R.nin - 1].ticket)
		bug("ticket %lu after %lu", (unsigned long)t, (unsigned long)R.in[R.nin - 1].ticket);
	j->s = s;
	j->ins = true;
	j->ticket = t;
	j->want = RTE_DMA_STATUS_SUCCESSFUL;
	j->content = C_SPEC;
	q_insert(pos < np ? (unsigned int)qpos(entry_of(&P[pos])) : boundary_pos(), ~(int)R.nin);
	R.nin++;
	check_pending();
}

static void
ticket_check(unsigned int i, bool must_finish)
{
	struct job *j = &R.in[i];
	enum rte_dma_status_code st;
	int ret = netdma_ticket_status(&fx.ch, j->ticket, &st);

	if (ret == 1) {
		if (st != j->want)
			bug("ticket %lu: status %d, expected %d", (unsigned long)j->ticket, st,
					j->want);
		if (!j->done)
			check_bytes(j, "ticket", (unsigned int)j->ticket);
		j->done = true;
	} else if (ret != 0 || j->done || must_finish) {
		bug("ticket %lu: %d%s", (unsigned long)j->ticket, ret,
				j->done ? " after it was done" : "");
	}
}

static void
do_ticket_status(struct rd *d)
{
	enum rte_dma_status_code st;
	uint8_t b = get8(d);

	if (R.nin > 0 && (b & 0x80) == 0) {
		ticket_check(b % R.nin, false);
		return;
	}
	if (netdma_ticket_status(&fx.ch, b & 1 ? 0 : UINT64_MAX, &st) != -ENOENT)
		bug("status of an unknown ticket");
}

static const uint32_t spurious_bits[] = {
	CBDMA_ERR_SOFT, CBDMA_ERR_UNAFFILIATED, CBDMA_ERR_INT_CONFIG,
	CBDMA_ERR_DESCRIPTOR_COUNT | CBDMA_ERR_SOFT, CBDMA_ERR_CHANCMD,
};

static void
do_inject(struct rd *d)
{
	uint8_t kb = get8(d), tb = get8(d), pb = get8(d);
	enum cbdma_model_fault f = (enum cbdma_model_fault)(CBDMA_FAULT_SRC_ADDR + kb % 11);
	uint64_t iova, param = 0;
	int target;

	if (R.f_pending)
		return;
	if (f == CBDMA_FAULT_HANG && !R.hangs)
		f = CBDMA_FAULT_STALL;
	if (R.suspended && np > 0 && (tb & 1)) {
		target = entry_of(&P[(tb >> 1) % np]);
		iova = target >= 0 ? fx_job_iova((uint16_t)target) : fx_ticket_iova(R.in[~target].ticket);
	} else {
		if (R.nr == MAX_JOBS)
			return;
		target = (int)R.nr;	/* the next ring job */
		iova = fx_job_iova((uint16_t)R.nr);
	}
	if (iova == 0)
		bug("no descriptor for the fault target");
	if (f == CBDMA_FAULT_STALL)
		param = (uint64_t)pb * 20;
	else if (f == CBDMA_FAULT_SPURIOUS_CHANERR)
		param = spurious_bits[pb % (sizeof(spurious_bits) / sizeof(spurious_bits[0]))];
	else if (f <= CBDMA_FAULT_WRITE_DATA && pb % 16 == 0)
		param = (uint64_t)pb * 200;	/* a late halt word */
	R.f_fired_before = model_faults();
	if (R.f_fired_before != R.faults_fired)
		bug("model counted %lu faults, expected %lu", (unsigned long)R.f_fired_before,
				(unsigned long)R.faults_fired);
	if (cbdma_model_inject(fx.model, 0, f, iova, param) != 0)
		bug("inject failed");
	TRACE("inject %s at %s %d\n", fj_fault_name(f), target >= 0 ? "ring_idx" : "insert",
			target >= 0 ? target : ~target);
	R.f_pending = true;
	R.f_kind = f;
	R.f_target = target;
	R.f_hang_released = false;
}

static void
release_hang(void)
{
	if (!R.f_pending || R.f_kind != CBDMA_FAULT_HANG || R.f_hang_released)
		return;
	if (cbdma_model_inject(fx.model, 0, CBDMA_FAULT_NONE, 0, 0) != 0)
		bug("release failed");
	R.f_hang_released = true;
	fault_settle();
}

/* ---- one program ---- */

static void
finish(void)
{
	uint64_t end;
	unsigned int i, bad = 0;

	release_hang();
	if (R.suspended)
		do_resume();
	submit();
	end = th_now_ns() + 20000000000ull;
	while (R.nrep < R.nr) {
		if (reap(true, 64) == 0 && th_now_ns() > end)
			bug("%u jobs never reported", R.nr - R.nrep);
	}
	for (i = 0; i < R.nin; i++) {
		end = th_now_ns() + 20000000000ull;
		while (!R.in[i].done) {
			ticket_check(i, false);
			if (!R.in[i].done && th_now_ns() > end)
				ticket_check(i, true);
			reap(true, 8);
		}
	}
	for (i = 0; i < 50; i++)
		if (reap(i & 1, 64) != 0)
			bug("a completion after all jobs were reported");
	for (i = 0; i < R.nr; i++)
		bad += R.r[i].want != RTE_DMA_STATUS_SUCCESSFUL;
	if (fx.ch.stats.submitted != R.nr || fx.ch.stats.completed != R.nr ||
			fx.ch.stats.errors != bad)
		bug("stats: submitted %lu completed %lu errors %lu; expected %u, %u, %u",
				(unsigned long)fx.ch.stats.submitted,
				(unsigned long)fx.ch.stats.completed,
				(unsigned long)fx.ch.stats.errors, R.nr, R.nr, bad);
	fault_settle();
	if (!R.f_pending && model_faults() != R.faults_fired)
		bug("model fired %lu faults, expected %lu", (unsigned long)model_faults(),
				(unsigned long)R.faults_fired);
}

static void
run(struct rd *d)
{
	uint8_t cfg = get8(d);
	static const uint32_t delays[] = { 0, 0, 20, 100 };
	unsigned int i, k;
	struct spec s;

	memset(&R, 0, sizeof(R));
	np = 0;
	R.hangs = (cfg & 0x80) != 0;
	R.o = (struct fx_opts){
		.nb_desc = (cfg & 2) ? 64 : 32,
		.desc_delay_us = delays[(cfg >> 2) & 3],
		.no_fill = ((cfg >> 4) & 7) == 0,
		.mode = (cfg & 1) ? NETDMA_RESUME_REARM : NETDMA_RESUME_CMD,
		.suspend_timeout_us = R.hangs ? 30000 : 5000000,
	};
	if (fx_up(&R.o) != 0)
		bug("setup");
	R.src = fx_alloc(SRC_SIZE, 64);
	R.rdst = fx_alloc((size_t)NB_REGIONS * REGION, 64);
	R.idst = fx_alloc((size_t)MAX_INS * REGION, 64);
	if (R.src == NULL || R.rdst == NULL || R.idst == NULL)
		bug("arena");
	for (i = 0; i < SRC_SIZE; i++)
		R.src[i] = (uint8_t)(i * 131 + (i >> 8) * 7 + cfg);
	R.f_target = -1;

	for (R.ops = 0; R.ops < MAX_OPS && d->n > 0; R.ops++) {
		uint8_t op = get8(d);

		switch (op % 17) {
		case 0:
		case 1:
			random_spec(d, &s);
			if (op & 0x20)
				s.flags |= RTE_DMA_OP_FLAG_SUBMIT;
			enqueue(&s);
			break;
		case 2:
			if (R.o.no_fill) {
				if (netdma_fill(&fx.ch, 1, fx_iova(R.rdst), 8, 0) != -ENOTSUP)
					bug("fill without DMACAP fill");
				break;
			}
			random_spec(d, &s);
			s.op = NETDMA_OP_FILL;
			s.pattern ^= 0x5500aa00ff00ffull;
			enqueue(&s);
			break;
		case 3:	/* a burst of small copies */
			k = 1 + get8(d) % 24;
			for (i = 0; i < k; i++) {
				s = (struct spec){ .op = NETDMA_OP_COPY, .len = 8 + i * 8,
					.src = fx_iova(R.src + (R.nr * 64) % (SRC_SIZE - REGION)) };
				enqueue(&s);
			}
			submit();
			break;
		case 4:
			submit();
			break;
		case 5:
			reap(false, 1 + get8(d) % 64);
			break;
		case 6:
		case 7:
			reap(true, 1 + get8(d) % 64);
			break;
		case 8:
			do_suspend();
			break;
		case 9:
			do_resume();
			break;
		case 10:
			do_cancel(d);
			break;
		case 11:
			do_rewrite(d);
			break;
		case 12:
			do_insert(d);
			break;
		case 13:
			do_cancel_ticket(d);
			break;
		case 14:
			do_ticket_status(d);
			break;
		case 15:
			do_inject(d);
			break;
		default:
			if (op & 0x40) {
				release_hang();
			} else if (R.suspended) {
				check_pending();
			} else {
				for (i = 0; i < 2000 && R.nrep < R.nsub && !hang_active(); i++)
					reap(true, 64);
			}
			break;
		}
	}
	finish();
	fx_down();
}

static void
quiet_log(int level, const char *msg)
{
	(void)level;
	(void)msg;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (getenv("FUZZ_VERBOSE") == NULL)
		netdma_set_log_fn(quiet_log);
	trace = getenv("FUZZ_TRACE") != NULL;
	if (fx_init(8u << 20) != 0) {
		fprintf(stderr, "fuzz_chan: cannot set up the arena\n");
		abort();
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rd d = { data, size };

	if (size < 2 || size > 4096)
		return -1;
	run(&d);
	return 0;
}

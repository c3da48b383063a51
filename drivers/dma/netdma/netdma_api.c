/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/* rte_pmd_netdma_*: the public control API, checked and forwarded to the engine. */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "netdma_pmd.h"
#include "rte_pmd_netdma.h"

void (*netdma_test_held_hook)(int16_t dev_id);

/*
 * The device behind dev_id with vchan 0 set up, held against close and
 * vchan re-setup until netdma_dmadev_put(); NULL (logged) otherwise.
 */
static struct netdma_dmadev *
lookup(int16_t dev_id, uint16_t vchan, const char *what)
{
	struct netdma_dmadev *nd = netdma_dmadev_hold(dev_id);

	if (nd == NULL) {
		NETDMA_PMD_LOG(ERR, "%s: dmadev %d is not a netdma device", what, dev_id);
		return NULL;
	}
	if (vchan != 0 || !nd->chan_ready) {
		NETDMA_PMD_LOG(ERR, "%s: dmadev %d has no vchan %u set up", what, dev_id, vchan);
		netdma_dmadev_put();
		return NULL;
	}
	if (unlikely(netdma_test_held_hook != NULL))
		netdma_test_held_hook(dev_id);
	return nd;
}

/* The result of a call on a held device, releasing it. */
static int
put(int ret)
{
	netdma_dmadev_put();
	return ret;
}

static void
job_from_public(struct netdma_job *j, const struct rte_pmd_netdma_job *p)
{
	*j = (struct netdma_job){
		.ring_idx = p->ring_idx,
		.ticket = p->ticket,
		.op = p->op == RTE_PMD_NETDMA_OP_FILL ? NETDMA_OP_FILL :
			p->op == RTE_PMD_NETDMA_OP_COPY ? NETDMA_OP_COPY : (enum netdma_op)-1,
		.flags = p->flags,
		.src = p->src,
		.pattern = p->pattern,
		.dst = p->dst,
		.length = p->length,
	};
}

static void
job_to_public(struct rte_pmd_netdma_job *p, const struct netdma_job *j)
{
	*p = (struct rte_pmd_netdma_job){
		.ring_idx = j->ring_idx,
		.ticket = j->ticket,
		.op = j->op == NETDMA_OP_FILL ? RTE_PMD_NETDMA_OP_FILL : RTE_PMD_NETDMA_OP_COPY,
		.flags = j->flags,
		.src = j->src,
		.pattern = j->pattern,
		.dst = j->dst,
		.length = j->length,
	};
}

int
rte_pmd_netdma_state(int16_t dev_id, uint16_t vchan)
{
	struct netdma_dmadev *nd = lookup(dev_id, vchan, "state");

	return nd == NULL ? -EINVAL : put(netdma_state(&nd->ch));
}

int
rte_pmd_netdma_suspend(int16_t dev_id, uint16_t vchan, struct rte_pmd_netdma_suspend_info *info)
{
	struct netdma_dmadev *nd = lookup(dev_id, vchan, "suspend");
	struct netdma_suspend_info si;
	int ret;

	if (nd == NULL)
		return -EINVAL;
	/* no info wanted: no walk of the pending list for nb_pending */
	ret = netdma_suspend(&nd->ch, info != NULL ? &si : NULL);
	if (ret == 0 && info != NULL) {
		info->last_desc = si.last_desc;
		info->completion = si.completion;
		info->nb_pending = si.nb_pending;
	}
	return put(ret);
}

int
rte_pmd_netdma_resume(int16_t dev_id, uint16_t vchan)
{
	struct netdma_dmadev *nd = lookup(dev_id, vchan, "resume");

	return nd == NULL ? -EINVAL : put(netdma_resume(&nd->ch));
}

int
rte_pmd_netdma_pending(int16_t dev_id, uint16_t vchan, struct rte_pmd_netdma_job *jobs,
		uint16_t nb_jobs)
{
	struct netdma_job tmp[64], *js = tmp;
	struct netdma_dmadev *nd;
	int total, i;

	if (jobs == NULL && nb_jobs != 0)
		return -EINVAL;
	nd = lookup(dev_id, vchan, "pending");
	if (nd == NULL)
		return -EINVAL;
	if (nb_jobs > RTE_DIM(tmp)) {
		js = malloc(sizeof(*js) * nb_jobs);
		if (js == NULL)
			return put(-ENOMEM);
	}
	total = netdma_pending(&nd->ch, js, nb_jobs);
	for (i = 0; i < total && i < nb_jobs; i++)
		job_to_public(&jobs[i], &js[i]);
	if (js != tmp)
		free(js);
	return put(total);
}

int
rte_pmd_netdma_cancel(int16_t dev_id, uint16_t vchan, uint16_t ring_idx)
{
	struct netdma_dmadev *nd = lookup(dev_id, vchan, "cancel");

	return nd == NULL ? -EINVAL : put(netdma_cancel(&nd->ch, ring_idx));
}

int
rte_pmd_netdma_cancel_ticket(int16_t dev_id, uint16_t vchan, uint64_t ticket)
{
	struct netdma_dmadev *nd = lookup(dev_id, vchan, "cancel_ticket");

	return nd == NULL ? -EINVAL : put(netdma_cancel_ticket(&nd->ch, ticket));
}

int
rte_pmd_netdma_cancel_bulk(int16_t dev_id, uint16_t vchan, const uint16_t *ring_idx,
		uint16_t nb_jobs, int *status)
{
	struct netdma_dmadev *nd;

	if (ring_idx == NULL && nb_jobs != 0) {
		NETDMA_PMD_LOG(ERR, "cancel_bulk: no ring_idx array for %u jobs", nb_jobs);
		return -EINVAL;
	}
	nd = lookup(dev_id, vchan, "cancel_bulk");
	if (nd == NULL)
		return -EINVAL;
	return put(netdma_cancel_bulk(&nd->ch, ring_idx, nb_jobs, status));
}

struct filter_arg {
	rte_pmd_netdma_job_filter_t filter;
	void *arg;
};

static int
filter_tramp(const struct netdma_job *j, void *arg)
{
	const struct filter_arg *f = arg;
	struct rte_pmd_netdma_job pj;

	job_to_public(&pj, j);
	return f->filter(&pj, f->arg);
}

int
rte_pmd_netdma_cancel_if(int16_t dev_id, uint16_t vchan, rte_pmd_netdma_job_filter_t filter,
		void *arg)
{
	struct filter_arg f = { .filter = filter, .arg = arg };
	struct netdma_dmadev *nd;

	if (filter == NULL) {
		NETDMA_PMD_LOG(ERR, "cancel_if: no filter");
		return -EINVAL;
	}
	nd = lookup(dev_id, vchan, "cancel_if");
	if (nd == NULL)
		return -EINVAL;
	return put(netdma_cancel_if(&nd->ch, filter_tramp, &f));
}

int
rte_pmd_netdma_rewrite(int16_t dev_id, uint16_t vchan, const struct rte_pmd_netdma_job *job)
{
	struct netdma_dmadev *nd;
	struct netdma_job j;

	if (job == NULL)
		return -EINVAL;
	nd = lookup(dev_id, vchan, "rewrite");
	if (nd == NULL)
		return -EINVAL;
	job_from_public(&j, job);
	return put(netdma_rewrite(&nd->ch, &j));
}

int
rte_pmd_netdma_insert(int16_t dev_id, uint16_t vchan, uint16_t pos,
		const struct rte_pmd_netdma_job *job, uint64_t *ticket)
{
	struct netdma_dmadev *nd;
	struct netdma_job j;

	if (job == NULL || ticket == NULL)
		return -EINVAL;
	nd = lookup(dev_id, vchan, "insert");
	if (nd == NULL)
		return -EINVAL;
	job_from_public(&j, job);
	return put(netdma_insert(&nd->ch, pos, &j, ticket));
}

int
rte_pmd_netdma_ticket_status(int16_t dev_id, uint16_t vchan, uint64_t ticket,
		enum rte_dma_status_code *status)
{
	struct netdma_dmadev *nd;

	if (status == NULL)
		return -EINVAL;
	nd = lookup(dev_id, vchan, "ticket_status");
	if (nd == NULL)
		return -EINVAL;
	return put(netdma_ticket_status(&nd->ch, ticket, status));
}

int
rte_pmd_netdma_stats_get(int16_t dev_id, uint16_t vchan, struct rte_pmd_netdma_stats *st)
{
	struct netdma_dmadev *nd;
	struct netdma_ctrl_stats c;

	if (st == NULL)
		return -EINVAL;
	nd = lookup(dev_id, vchan, "stats_get");
	if (nd == NULL)
		return -EINVAL;
	netdma_ctrl_stats(&nd->ch, &c);
	*st = (struct rte_pmd_netdma_stats){
		.suspends = c.suspends,
		.resumes = c.resumes,
		.suspend_timeouts = c.suspend_timeouts,
		.cancels = c.cancels,
		.inserts = c.inserts,
		.rewrites = c.rewrites,
		.recoveries = nd->ch.stats_recoveries,
		.suspend_ns_last = c.suspend_ns_last,
		.suspend_ns_max = c.suspend_ns_max,
		.suspend_ns_total = c.suspend_ns_total,
		.suspended_ns_total = c.suspended_ns_total,
	};
	return put(0);
}

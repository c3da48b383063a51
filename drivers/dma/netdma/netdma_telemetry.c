/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/* Telemetry: /netdma/chan,<dev_id>[,<vchan>] and /netdma/list. */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <rte_dmadev.h>
#include <rte_telemetry.h>

#include "netdma_compat.h"
#include "netdma_pmd.h"

static int
tel_list(const char *cmd, const char *params, struct rte_tel_data *d)
{
	int16_t id;

	RTE_SET_USED(cmd);
	RTE_SET_USED(params);
	rte_tel_data_start_array(d, RTE_TEL_INT_VAL);
	for (id = 0; id < RTE_DMADEV_DEFAULT_MAX; id++)
		if (netdma_dmadev_get(id) != NULL)
			rte_tel_data_add_array_int(d, id);
	return 0;
}

static int
tel_chan(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct netdma_dmadev *nd;
	struct netdma_ctrl_stats c;
	struct netdma_chan *ch;
	char *end;
	long id, vchan = 0;
	int st;

	RTE_SET_USED(cmd);
	if (params == NULL || *params == '\0')
		return -EINVAL;
	id = strtol(params, &end, 10);
	if (*end == ',')
		vchan = strtol(end + 1, &end, 10);
	if (*end != '\0' || id < 0 || id >= RTE_DMADEV_DEFAULT_MAX || vchan != 0)
		return -EINVAL;
	nd = netdma_dmadev_hold((int16_t)id);
	if (nd == NULL)
		return -EINVAL;
	if (!nd->chan_ready) {
		netdma_dmadev_put();
		return -EINVAL;
	}
	ch = &nd->ch;
	netdma_ctrl_stats(ch, &c);
	st = netdma_state(ch);
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "name", nd->dmadev->data->dev_name);
	rte_tel_data_add_dict_string(d, "state", st >= 0 ? cbdma_sts_name((unsigned int)st) : "?");
	netdma_tel_add_dict_u64(d, "last_desc",
			cbdma_sts_addr(__atomic_load_n(ch->cw, __ATOMIC_ACQUIRE)));
	netdma_tel_add_dict_u64(d, "pending",
			(uint16_t)(__atomic_load_n(&ch->submitted, __ATOMIC_RELAXED) -
				ch->hw_done));
	netdma_tel_add_dict_u64(d, "submitted", ch->stats.submitted);
	netdma_tel_add_dict_u64(d, "completed", ch->stats.completed);
	netdma_tel_add_dict_u64(d, "errors", ch->stats.errors);
	netdma_tel_add_dict_u64(d, "recoveries", ch->stats_recoveries);
	netdma_tel_add_dict_u64(d, "suspends", c.suspends);
	netdma_tel_add_dict_u64(d, "resumes", c.resumes);
	netdma_tel_add_dict_u64(d, "suspend_timeouts", c.suspend_timeouts);
	netdma_tel_add_dict_u64(d, "cancels", c.cancels);
	netdma_tel_add_dict_u64(d, "inserts", c.inserts);
	netdma_tel_add_dict_u64(d, "rewrites", c.rewrites);
	netdma_tel_add_dict_u64(d, "suspend_ns_last", c.suspend_ns_last);
	netdma_tel_add_dict_u64(d, "suspend_ns_max", c.suspend_ns_max);
	netdma_tel_add_dict_u64(d, "suspend_ns_mean",
			c.suspends ? c.suspend_ns_total / c.suspends : 0);
	netdma_dmadev_put();
	return 0;
}

RTE_INIT(netdma_telemetry_init)
{
	rte_telemetry_register_cmd("/netdma/list", tel_list,
			"Returns the dmadev ids driven by netdma. Takes no parameters");
	rte_telemetry_register_cmd("/netdma/chan", tel_chan,
			"Returns a netdma channel's state and counters. Parameters: int dev_id[,vchan]");
}

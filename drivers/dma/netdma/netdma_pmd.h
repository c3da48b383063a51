/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/* Private state of the netdma PMD, shared by its vdev and PCI halves. */

#ifndef NETDMA_PMD_H
#define NETDMA_PMD_H

#include <stdbool.h>
#include <sys/queue.h>

#include <rte_dmadev_pmd.h>
#include <rte_log.h>

#include "netdma_chan.h"
#include "netdma_ctrl.h"
#include "netdma_log.h"
#include "rte_pmd_netdma.h"

/* The engine's values are the public API's (netdma_api.c passes them on). */
_Static_assert(RTE_PMD_NETDMA_STATE_ACTIVE == CBDMA_STS_ACTIVE &&
		RTE_PMD_NETDMA_STATE_IDLE == CBDMA_STS_IDLE &&
		RTE_PMD_NETDMA_STATE_SUSPENDED == CBDMA_STS_SUSPENDED &&
		RTE_PMD_NETDMA_STATE_HALTED == CBDMA_STS_HALTED &&
		RTE_PMD_NETDMA_STATE_ARMED == CBDMA_STS_ARMED,
		"rte_pmd_netdma_state is CHANSTS[2:0]");
_Static_assert(RTE_PMD_NETDMA_MAX_INSERTED == NETDMA_INSERT_MAX,
		"inserted jobs in flight");
_Static_assert((int)RTE_PMD_NETDMA_OP_COPY == (int)NETDMA_OP_COPY &&
		(int)RTE_PMD_NETDMA_OP_FILL == (int)NETDMA_OP_FILL, "job operations");
_Static_assert(NETDMA_LOG_ERR == RTE_LOG_ERR && NETDMA_LOG_WARNING == RTE_LOG_WARNING &&
		NETDMA_LOG_INFO == RTE_LOG_INFO && NETDMA_LOG_DEBUG == RTE_LOG_DEBUG,
		"the engine's log levels are rte_log's");

extern int netdma_logtype;
#define NETDMA_PMD_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_ ## level, netdma_logtype, "netdma: " fmt "\n", ##__VA_ARGS__)

/* Per-device options (devargs for the vdev, defaults for PCI). */
struct netdma_params {
	uint32_t suspend_timeout_ms;	/* NETDMA_DEFAULT_SUSPEND_TIMEOUT_MS, at least 1 */
	enum netdma_resume_mode resume_mode;
	bool desc_plain;		/* desc_write=plain (default stream) */
};

#define NETDMA_DEFAULT_SUSPEND_TIMEOUT_MS 1000

/* What a probe hands to the common code: one channel of a register window. */
struct netdma_hw {
	volatile void *bar;		/* device registers at 0 */
	unsigned int chan;		/* channel block index */
	int numa_node;
	struct rte_device *device;
	void (*release)(void *owner);	/* called once the dmadev is closed */
	void *owner;
};

struct netdma_dmadev {
	struct netdma_chan ch;		/* first: the fast path's dev_private */
	struct netdma_hw hw;
	struct netdma_params params;
	struct rte_dma_dev *dmadev;
	uint64_t max_xfer;
	bool fill;
	uint8_t version;
	bool chan_ready;		/* vchan set up */
	uint16_t nb_desc;
	bool live;			/* in the list control calls look in */
	TAILQ_ENTRY(netdma_dmadev) next;
};

/* Create one dmadev driving channel hw->chan of hw->bar. */
int netdma_dmadev_create(const char *name, const struct netdma_hw *hw,
		const struct netdma_params *params);
/* Close and release a dmadev created above (by name). */
int netdma_dmadev_destroy(const char *name);
/* The netdma device behind dev_id, or NULL (not netdma, invalid). */
struct netdma_dmadev *netdma_dmadev_get(int16_t dev_id);
/* The same, held against close and vchan re-setup until netdma_dmadev_put()
 * (control calls; a read lock: never across a call that closes or sets up). */
struct netdma_dmadev *netdma_dmadev_hold(int16_t dev_id);
void netdma_dmadev_put(void);
/* Test hook: each rte_pmd_netdma_* call runs it once it holds the device
 * (a test widens the window a close races with).  NULL outside tests. */
extern void (*netdma_test_held_hook)(int16_t dev_id);

#endif /* NETDMA_PMD_H */

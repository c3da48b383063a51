/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * The PCI half of netdma: one dmadev per CBDMA channel function, found on
 * DPDK's PCI bus (device bound to vfio-pci, BARs mapped by EAL).  Two drivers:
 *  - dma_netdma_pci: Intel CBDMA v3.x functions; registers in BAR0;
 *  - dma_netdma_ivshmem: an ivshmem function (1af4:1110) whose BAR2 starts
 *    with the netdma signature, served by netdma-model-daemon on the host
 *    (the VM rig, doc/vfio-and-hardware.md); registers at a fixed BAR2 offset.
 * Either way the common code (netdma_dmadev.c) then talks to channel 0 of the
 * register window: one PCI function is one channel, as DPDK, SPDK and
 * FreeBSD treat it.  Channel bring-up happens at rte_dma_start().
 *
 * Which driver gets a device that several loaded drivers match: the first
 * registered (DPDK 22.11 tries PCI drivers in registration order).  See
 * doc/vfio-and-hardware.md, "netdma or dma_ioat".
 */

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <bus_pci_driver.h>
#include <rte_bus_pci.h>
#include <rte_devargs.h>
#include <rte_eal.h>

#include "cbdma_hw.h"
#include "cbdma_pci_ids.h"
#include "cbdma_regs.h"
#include "netdma_devargs.h"
#include "netdma_pmd.h"

/* Every CBDMA v3.x channel function (lib/cbdma/cbdma_pci_ids.h: the ids
 * netdma-discover reports as CBDMA), expanded from its ranges before EAL
 * probes (constructors run before main()). */
static struct rte_pci_id netdma_pci_cbdma_ids[CBDMA_PCI_NB_IDS + 1];

RTE_INIT(netdma_pci_cbdma_ids_init)
{
	static const struct { uint16_t first, last; } ranges[] = {
#define CBDMA_RANGE(first, last, gen, name)	{ (first), (last) },
		CBDMA_PCI_ID_RANGES(CBDMA_RANGE)
#undef CBDMA_RANGE
	};
	unsigned int i, n = 0;
	uint32_t dev;

	for (i = 0; i < RTE_DIM(ranges); i++)
		for (dev = ranges[i].first; dev <= ranges[i].last; dev++)
			netdma_pci_cbdma_ids[n++] = (struct rte_pci_id){
				RTE_PCI_DEVICE(CBDMA_PCI_VENDOR_INTEL, dev) };
}

static const struct rte_pci_id netdma_pci_ivshmem_ids[] = {
	{ RTE_PCI_DEVICE(CBDMA_IVSHMEM_VENDOR, CBDMA_IVSHMEM_DEVICE) },
	{ .vendor_id = 0 },
};

/*
 * Check the device-level registers of a mapped window and create the dmadev
 * for its channel 0.  Returns 0, a positive value when the device is not one
 * netdma drives (EAL then offers it to the next driver), or -errno.
 */
static int
pci_create(struct rte_pci_device *pdev, volatile uint8_t *regs, uint64_t len,
		const char *where, const struct netdma_params *defaults)
{
	char name[RTE_DEV_NAME_MAX_LEN];
	struct netdma_params params = *defaults;
	struct netdma_hw hw;
	uint8_t ver, chancnt;
	int ret;

	rte_pci_device_name(&pdev->addr, name, sizeof(name));
	if (rte_eal_process_type() != RTE_PROC_PRIMARY) {
		NETDMA_PMD_LOG(ERR, "%s: secondary processes are not supported", name);
		return -ENOTSUP;
	}
	if (regs == NULL || len < CBDMA_CHAN_OFFSET(1)) {
		NETDMA_PMD_LOG(ERR, "%s: %s is not mapped or smaller than one channel (%" PRIu64
				" bytes)", name, where, len);
		return -ENODEV;
	}
	ver = cbdma_read8(regs, CBDMA_REG_CBVER);
	chancnt = cbdma_read8(regs, CBDMA_REG_CHANCNT);
	if (ver == 0xFF && chancnt == 0xFF) {
		NETDMA_PMD_LOG(ERR, "%s: registers in %s read all ones; is the device reachable?",
				name, where);
		return -EIO;
	}
	if (ver < CBDMA_VER_3_0 || (ver >> 4) != 3) {
		NETDMA_PMD_LOG(ERR, "%s: CBDMA version %u.%u (CBVER 0x%02x) is not supported: "
				"netdma drives v3.x (CBVER 0x30..0x3f); device left alone",
				name, ver >> 4, ver & 0xF, ver);
		return 1;
	}
	if (chancnt == 0) {
		NETDMA_PMD_LOG(ERR, "%s: CHANCNT is 0: no channel to drive; device left alone",
				name);
		return 1;
	}
	if (chancnt > 1)
		NETDMA_PMD_LOG(INFO, "%s: CHANCNT %u; netdma drives channel 0 "
				"(one PCI function is one channel)", name, chancnt);
	/* the device's devargs (-a <bdf>,key=value...) over the defaults */
	ret = netdma_parse_params(name, pdev->device.devargs != NULL ?
			pdev->device.devargs->args : NULL, &params);
	if (ret != 0)
		return ret;

	hw = (struct netdma_hw){
		.bar = regs,
		.chan = 0,
		.numa_node = pdev->device.numa_node,
		.device = &pdev->device,
		.release = NULL,	/* EAL owns the BAR mapping */
		.owner = NULL,
	};
	ret = netdma_dmadev_create(name, &hw, &params);
	if (ret != 0)
		return ret;
	NETDMA_PMD_LOG(INFO, "%s: CBDMA v%u.%u channel in %s, XFERCAP 0x%02x, fill %s, "
			"resume=%s", name, ver >> 4, ver & 0xF, where,
			cbdma_read8(regs, CBDMA_REG_XFERCAP),
			(cbdma_read32(regs, CBDMA_REG_DMACAP) & CBDMA_DMACAP_FILL) ? "yes" : "no",
			params.resume_mode == NETDMA_RESUME_REARM ? "rearm" : "cmd");
	return 0;
}

static int
netdma_pci_cbdma_probe(struct rte_pci_driver *drv, struct rte_pci_device *pdev)
{
	/*
	 * Whether silicon re-reads a suspended chain's next pointer on RESUME is
	 * unverified (no open driver issues RESUME): continue by re-arming.
	 */
	const struct netdma_params defaults = {
		.suspend_timeout_ms = NETDMA_DEFAULT_SUSPEND_TIMEOUT_MS,
		.resume_mode = NETDMA_RESUME_REARM,
	};

	RTE_SET_USED(drv);
	return pci_create(pdev, pdev->mem_resource[0].addr, pdev->mem_resource[0].len,
			"BAR0", &defaults);
}

static int
netdma_pci_ivshmem_probe(struct rte_pci_driver *drv, struct rte_pci_device *pdev)
{
	const struct rte_mem_resource *bar = &pdev->mem_resource[CBDMA_IVSHMEM_SIG_BAR];
	/* The device model implements RESUME as the NetDMA provider model says. */
	const struct netdma_params defaults = {
		.suspend_timeout_ms = NETDMA_DEFAULT_SUSPEND_TIMEOUT_MS,
		.resume_mode = NETDMA_RESUME_CMD,
	};
	char name[RTE_DEV_NAME_MAX_LEN];
	uint64_t sig;

	RTE_SET_USED(drv);
	rte_pci_device_name(&pdev->addr, name, sizeof(name));
	if (bar->addr == NULL ||
			bar->len < CBDMA_IVSHMEM_REGS_OFFSET + CBDMA_IVSHMEM_REGS_SIZE) {
		NETDMA_PMD_LOG(DEBUG, "%s: ivshmem BAR%d unmapped or too small (%" PRIu64
				" bytes): not a netdma device", name, CBDMA_IVSHMEM_SIG_BAR,
				bar->len);
		return 1;
	}
	sig = cbdma_read64(bar->addr, CBDMA_IVSHMEM_SIG_OFFSET);
	if (sig != CBDMA_IVSHMEM_SIGNATURE) {
		NETDMA_PMD_LOG(DEBUG, "%s: ivshmem BAR%d starts with 0x%016" PRIx64
				", no netdma signature: device left alone", name,
				CBDMA_IVSHMEM_SIG_BAR, sig);
		return 1;
	}
	return pci_create(pdev, (volatile uint8_t *)bar->addr + CBDMA_IVSHMEM_REGS_OFFSET,
			CBDMA_IVSHMEM_REGS_SIZE, "ivshmem BAR2", &defaults);
}

static int
netdma_pci_remove(struct rte_pci_device *pdev)
{
	char name[RTE_DEV_NAME_MAX_LEN];
	struct netdma_dmadev *nd;
	int id;

	rte_pci_device_name(&pdev->addr, name, sizeof(name));
	id = rte_dma_get_dev_id_by_name(name);
	if (id < 0)
		return 0;	/* closed already */
	nd = netdma_dmadev_get((int16_t)id);
	if (nd != NULL && nd->chan_ready && nd->ch.started) {
		NETDMA_PMD_LOG(ERR, "%s: started; stop it before removal", name);
		return -EBUSY;
	}
	return netdma_dmadev_destroy(name);
}

static struct rte_pci_driver netdma_pci_cbdma_drv = {
	.id_table = netdma_pci_cbdma_ids,
	.drv_flags = RTE_PCI_DRV_NEED_MAPPING,
	.probe = netdma_pci_cbdma_probe,
	.remove = netdma_pci_remove,
};

static struct rte_pci_driver netdma_pci_ivshmem_drv = {
	.id_table = netdma_pci_ivshmem_ids,
	.drv_flags = RTE_PCI_DRV_NEED_MAPPING,
	.probe = netdma_pci_ivshmem_probe,
	.remove = netdma_pci_remove,
};

RTE_PMD_REGISTER_PCI(dma_netdma_pci, netdma_pci_cbdma_drv);
RTE_PMD_REGISTER_PCI_TABLE(dma_netdma_pci, netdma_pci_cbdma_ids);
RTE_PMD_REGISTER_KMOD_DEP(dma_netdma_pci, "vfio-pci");
RTE_PMD_REGISTER_PARAM_STRING(dma_netdma_pci, NETDMA_PARAMS);

RTE_PMD_REGISTER_PCI(dma_netdma_ivshmem, netdma_pci_ivshmem_drv);
RTE_PMD_REGISTER_PCI_TABLE(dma_netdma_ivshmem, netdma_pci_ivshmem_ids);
RTE_PMD_REGISTER_KMOD_DEP(dma_netdma_ivshmem, "vfio-pci");
RTE_PMD_REGISTER_PARAM_STRING(dma_netdma_ivshmem, NETDMA_PARAMS);

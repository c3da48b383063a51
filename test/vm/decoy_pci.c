/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * A stand-in for DPDK's dma_ioat in the VM rig: a PCI driver plugin that
 * claims the same device as netdma (here the ivshmem function; dma_ioat
 * matches CBDMA ids QEMU cannot present).  Loading it before or after the
 * netdma plugin shows which of two matching drivers EAL gives a device to.
 * It creates no dmadev; it only says it took the device.
 */

#include <stdio.h>

#include <bus_pci_driver.h>
#include <rte_bus_pci.h>

static const struct rte_pci_id decoy_ids[] = {
	{ RTE_PCI_DEVICE(0x1af4, 0x1110) },
	{ .vendor_id = 0 },
};

static int
decoy_probe(struct rte_pci_driver *drv, struct rte_pci_device *pdev)
{
	char name[64];

	RTE_SET_USED(drv);
	rte_pci_device_name(&pdev->addr, name, sizeof(name));
	printf("netdma-decoy: claimed %s\n", name);
	fflush(stdout);
	return 0;
}

static int
decoy_remove(struct rte_pci_device *pdev)
{
	RTE_SET_USED(pdev);
	return 0;
}

static struct rte_pci_driver decoy_drv = {
	.id_table = decoy_ids,
	.drv_flags = RTE_PCI_DRV_NEED_MAPPING,
	.probe = decoy_probe,
	.remove = decoy_remove,
};

RTE_PMD_REGISTER_PCI(dma_netdma_decoy, decoy_drv);
RTE_PMD_REGISTER_PCI_TABLE(dma_netdma_decoy, decoy_ids);

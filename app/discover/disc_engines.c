/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * The known DMA engines, by PCI vendor and device ID.  Data only.
 */

#include <stddef.h>

#include <cbdma_hw.h>
#include <cbdma_pci_ids.h>

#include "disc.h"

#define INTEL	CBDMA_PCI_VENDOR_INTEL
#define AMD	0x1022
#define HUAWEI	0x19e5
#define CAVIUM	0x177d

#define CBDMA(first, last, gen, name) \
	{ INTEL, first, last, "cbdma", "CBDMA " gen, name, DISC_SUPPORT_YES, NULL },
#define OTHER(vendor, first, last, kind, gen, name, why) \
	{ vendor, first, last, kind, gen, name, DISC_SUPPORT_NO, why }

#define WHY_PRE_V3	"I/OAT v1/v2 register layout (no DMACOUNT doorbell); " \
			"netdma drives CBDMA v3 only"
#define WHY_DSA		"Intel DSA: work queues fed through portals, not a CBDMA " \
			"descriptor ring (DPDK dma/idxd drives it)"
#define WHY_IAA		"Intel IAA: a compression/analytics accelerator, not a CBDMA descriptor ring"
#define WHY_AMD		"AMD passthrough DMA: a command-queue interface, not a CBDMA descriptor ring"
#define WHY_HISI	"HiSilicon DMA: its own queue interface (DPDK dma/hisilicon drives it)"
#define WHY_CNXK	"Marvell DPI DMA: its own queue interface (DPDK dma/cnxk drives it)"

static const struct disc_engine engines[] = {
	/* CBDMA (I/OAT) v3.x: the ids netdma drives */
	CBDMA_PCI_ID_RANGES(CBDMA)

	/* The emulated CBDMA of the VM rig: an ivshmem BAR served by the model. */
	{ CBDMA_IVSHMEM_VENDOR, CBDMA_IVSHMEM_DEVICE, CBDMA_IVSHMEM_DEVICE,
	  "ivshmem", "CBDMA emulated (ivshmem)",
	  "ivshmem (netdma-emulated CBDMA if signed)", DISC_SUPPORT_IF_SIGNED, NULL },

	/* Older I/OAT: DMA engines, not a layout netdma drives. */
	OTHER(INTEL, 0x1a38, 0x1a38, "ioat-v1v2", "I/OAT v1/v2",
	      "Intel 5000-series I/OAT DMA", WHY_PRE_V3),
	OTHER(INTEL, 0x360b, 0x360b, "ioat-v1v2", "I/OAT v1/v2",
	      "Intel 7300 (Clarksboro) I/OAT DMA", WHY_PRE_V3),
	OTHER(INTEL, 0x65ff, 0x65ff, "ioat-v1v2", "I/OAT v1/v2",
	      "Intel 5100 (San Clemente) I/OAT DMA", WHY_PRE_V3),
	OTHER(INTEL, 0x402f, 0x402f, "ioat-v1v2", "I/OAT v1/v2",
	      "Intel 5400 (Seaburg) I/OAT DMA", WHY_PRE_V3),

	/* Intel Data Streaming Accelerator and In-memory Analytics Accelerator. */
	OTHER(INTEL, 0x0b25, 0x0b25, "dsa", "DSA SPR", "Intel DSA (Sapphire Rapids)", WHY_DSA),
	OTHER(INTEL, 0x11fb, 0x11fb, "dsa", "DSA GNR-D", "Intel DSA (Granite Rapids-D)", WHY_DSA),
	OTHER(INTEL, 0x1212, 0x1212, "dsa", "DSA DMR", "Intel DSA (Diamond Rapids)", WHY_DSA),
	OTHER(INTEL, 0x0cfe, 0x0cfe, "iaa", "IAA SPR", "Intel IAA (Sapphire Rapids)", WHY_IAA),
	OTHER(INTEL, 0x1216, 0x1216, "iaa", "IAA DMR", "Intel IAA (Diamond Rapids)", WHY_IAA),
	OTHER(INTEL, 0xb02d, 0xb02d, "iaa", "IAA PTL", "Intel IAA (Panther Lake)", WHY_IAA),

	/* AMD */
	OTHER(AMD, 0x1498, 0x1498, "ptdma", "PTDMA", "AMD PassThru DMA (PTDMA)", WHY_AMD),
	OTHER(AMD, 0x149b, 0x149b, "ae4dma", "AE4DMA", "AMD AE4DMA", WHY_AMD),
	OTHER(AMD, 0x14c8, 0x14c8, "ae4dma", "AE4DMA", "AMD AE4DMA", WHY_AMD),
	OTHER(AMD, 0x14dc, 0x14dc, "ae4dma", "AE4DMA", "AMD AE4DMA", WHY_AMD),

	/* Others that DPDK 22.11 drives with drivers of their own. */
	OTHER(HUAWEI, 0xa122, 0xa122, "hisi-dma", "HiSilicon DMA",
	      "HiSilicon Kunpeng DMA engine", WHY_HISI),
	OTHER(CAVIUM, 0xa081, 0xa081, "cnxk-dma", "Marvell DPI",
	      "Marvell OCTEON TX2/CN10K DPI DMA", WHY_CNXK),
};

const struct disc_engine *
disc_engine_lookup(uint16_t vendor, uint16_t device)
{
	size_t i;

	for (i = 0; i < sizeof(engines) / sizeof(engines[0]); i++) {
		const struct disc_engine *e = &engines[i];

		if (e->vendor == vendor && device >= e->first && device <= e->last)
			return e;
	}
	return NULL;
}

const struct disc_engine *
disc_engine_table(unsigned int *count)
{
	*count = sizeof(engines) / sizeof(engines[0]);
	return engines;
}

const char *
disc_support_str(enum disc_support s)
{
	switch (s) {
	case DISC_SUPPORT_YES:
		return "yes";
	case DISC_SUPPORT_IF_SIGNED:
		return "if-signed";
	case DISC_SUPPORT_NO:
		return "no";
	}
	return "?";
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * The hardware contract of a CBDMA (I/OAT) v3 channel: register map,
 * descriptor layout, command, status and error bits.  This header is the
 * only thing the driver and the device model share.
 */

#ifndef CBDMA_HW_H
#define CBDMA_HW_H

#include <stdint.h>

/* ---- Device-level registers (BAR0 offsets) ---- */
#define CBDMA_REG_CHANCNT	0x00	/* 8 bits: number of channels */
#define CBDMA_REG_XFERCAP	0x01	/* 8 bits: log2 max transfer, 0 = 4 GiB */
#define CBDMA_REG_GENCTRL	0x02
#define CBDMA_REG_INTRCTRL	0x03
#define CBDMA_REG_ATTNSTATUS	0x04
#define CBDMA_REG_CBVER		0x08	/* 8 bits: major << 4 | minor */
#define CBDMA_REG_INTRDELAY	0x0C
#define CBDMA_REG_DMACAP	0x10	/* 32 bits */

#define CBDMA_VER_3_0		0x30
#define CBDMA_VER_3_2		0x32
#define CBDMA_VER_3_3		0x33
#define CBDMA_VER_3_4		0x34

#define CBDMA_DMACAP_FILL	(1u << 6)	/* block fill supported */
#define CBDMA_DMACAP_DPS	(1u << 23)	/* descriptor prefetch (v3.4): DRSCTL */

/* Device-level, v3.4 with DMACAP_DPS: descriptor prefetch limit (8 bits). */
#define CBDMA_REG_PREFETCH_LIMIT	0x4C

/* ---- Channel registers (offsets inside a channel block) ---- */
#define CBDMA_CHAN_BLOCK_SIZE	0x80
/* Channel block n lives at BAR0 + 0x80 * (n + 1). */
#define CBDMA_CHAN_OFFSET(n)	(CBDMA_CHAN_BLOCK_SIZE * ((n) + 1))

#define CBDMA_CHAN_CTRL		0x00	/* 16 */
#define CBDMA_CHAN_DMA_COMP	0x02	/* 16 */
#define CBDMA_CHAN_CMD		0x04	/* 8 */
#define CBDMA_CHAN_DMACOUNT	0x06	/* 16 */
#define CBDMA_CHAN_STS		0x08	/* 64 */
#define CBDMA_CHAN_CHAINADDR	0x10	/* 64 */
#define CBDMA_CHAN_CMPADDR	0x18	/* 64: CHANCMP */
#define CBDMA_CHAN_CDAR		0x20	/* 64 */
#define CBDMA_CHAN_ERR		0x28	/* 32, write 1 to clear */
#define CBDMA_CHAN_ERRMSK	0x2C	/* 32 */
#define CBDMA_CHAN_DCACTRL	0x30	/* 32 */
/*
 * DRSCTL (16 bits), v3.4 with DMACAP_DPS only: descriptor ring prefetch
 * control.  It lies beyond the 0x80-byte block: on v3.4 each PCI function
 * is one channel.  Linux's ioatdma writes DRSZ_2MB | DRS_EN (and AUTOWRAP
 * when its ring is one 2 MiB chunk) when it allocates a ring.
 */
#define CBDMA_CHAN_DRSCTL	0xB6
#define CBDMA_DRSCTL_DRSZ_MASK	0x000F	/* ring segment: 4 KiB << DRSZ */
#define CBDMA_DRSCTL_DRSZ_4KB	0x0000
#define CBDMA_DRSCTL_DRSZ_8KB	0x0001
#define CBDMA_DRSCTL_DRSZ_2MB	0x0009
#define CBDMA_DRSCTL_DRS_EN	0x0100	/* descriptor prefetch enabled */
#define CBDMA_DRSCTL_AUTOWRAP	0x0200	/* wrap at the segment end */

/* CHANCMD */
#define CBDMA_CMD_START		0x01	/* v1 only */
#define CBDMA_CMD_APPEND	0x02	/* v1 only */
#define CBDMA_CMD_SUSPEND	0x04
#define CBDMA_CMD_ABORT		0x08
#define CBDMA_CMD_RESUME	0x10
#define CBDMA_CMD_RESET		0x20

/* CHANCTRL */
#define CBDMA_CTRL_INT_REARM		0x0001
#define CBDMA_CTRL_ERR_COMPLETION_EN	0x0004
#define CBDMA_CTRL_ANY_ERR_ABORT_EN	0x0008
#define CBDMA_CTRL_ERR_INT_EN		0x0010
#define CBDMA_CTRL_DESC_ADDR_SNOOP	0x0020
#define CBDMA_CTRL_CHANNEL_IN_USE	0x0100
#define CBDMA_CTRL_COMPL_DCA_EN		0x0200
#define CBDMA_CTRL_PRIORITY_MASK	0xF000

/* CHANSTS and the completion word: status in [2:0], address in [63:6] */
#define CBDMA_STS_ACTIVE	0x0
#define CBDMA_STS_IDLE		0x1
#define CBDMA_STS_SUSPENDED	0x2
#define CBDMA_STS_HALTED	0x3
#define CBDMA_STS_ARMED		0x4
#define CBDMA_STS_STATUS_MASK	0x7ull
#define CBDMA_STS_UNAFFILIATED_ERR	(1ull << 3)
#define CBDMA_STS_SOFT_ERR	(1ull << 4)
#define CBDMA_STS_ADDR_MASK	(~0x3Full)

static inline unsigned int
cbdma_sts_status(uint64_t sts)
{
	return (unsigned int)(sts & CBDMA_STS_STATUS_MASK);
}

/* Name of a CHANSTS[2:0] state; "?" for a value the hardware does not define. */
static inline const char *
cbdma_sts_name(unsigned int st)
{
	static const char *const names[] = {
		[CBDMA_STS_ACTIVE] = "ACTIVE", [CBDMA_STS_IDLE] = "IDLE",
		[CBDMA_STS_SUSPENDED] = "SUSPENDED", [CBDMA_STS_HALTED] = "HALTED",
		[CBDMA_STS_ARMED] = "ARMED",
	};

	return st < sizeof(names) / sizeof(names[0]) ? names[st] : "?";
}

static inline uint64_t
cbdma_sts_addr(uint64_t sts)
{
	return sts & CBDMA_STS_ADDR_MASK;
}

/* CHANERR */
#define CBDMA_ERR_SRC_ADDR		0x00001
#define CBDMA_ERR_DEST_ADDR		0x00002
#define CBDMA_ERR_NEXT_ADDR		0x00004
#define CBDMA_ERR_NEXT_DESC_ALIGN	0x00008
#define CBDMA_ERR_CHAIN_ADDR_VALUE	0x00010
#define CBDMA_ERR_CHANCMD		0x00020
#define CBDMA_ERR_CHIPSET_UNCORR	0x00040
#define CBDMA_ERR_DMA_UNCORR		0x00080
#define CBDMA_ERR_READ_DATA		0x00100
#define CBDMA_ERR_WRITE_DATA		0x00200
#define CBDMA_ERR_CONTROL		0x00400
#define CBDMA_ERR_LENGTH		0x00800
#define CBDMA_ERR_COMPLETION_ADDR	0x01000
#define CBDMA_ERR_INT_CONFIG		0x02000
#define CBDMA_ERR_SOFT			0x04000
#define CBDMA_ERR_UNAFFILIATED		0x08000
#define CBDMA_ERR_DESCRIPTOR_COUNT	0x40000
#define CBDMA_ERR_ALL			0x4FFFFu	/* every defined bit */

/* ---- Descriptor (64 bytes, 64-byte aligned) ---- */
#define CBDMA_DESC_SIZE		64

#define CBDMA_DESC_INT_EN	(1u << 0)
#define CBDMA_DESC_SRC_SNOOP_DIS (1u << 1)
#define CBDMA_DESC_DST_SNOOP_DIS (1u << 2)
#define CBDMA_DESC_COMPL_WRITE	(1u << 3)
#define CBDMA_DESC_FENCE	(1u << 4)
#define CBDMA_DESC_NULL		(1u << 5)
#define CBDMA_DESC_SRC_BRK	(1u << 6)
#define CBDMA_DESC_DEST_BRK	(1u << 7)
#define CBDMA_DESC_BUNDLE	(1u << 8)
#define CBDMA_DESC_DEST_DCA	(1u << 9)
#define CBDMA_DESC_HINT		(1u << 10)
#define CBDMA_DESC_OP_SHIFT	24
#define CBDMA_DESC_OP_MASK	(0xFFu << CBDMA_DESC_OP_SHIFT)

#define CBDMA_OP_COPY		0x00
#define CBDMA_OP_FILL		0x01
#define CBDMA_OP_XOR		0x87

/* Size given to null descriptors: v3.0 silicon errors on size 0. */
#define CBDMA_NULL_DESC_SIZE	8

struct cbdma_desc {
	uint32_t size;
	uint32_t ctl;
	uint64_t src_addr;	/* IOVA; the 8-byte pattern for a fill */
	uint64_t dst_addr;
	uint64_t next;
	uint64_t rsv1;		/* NetDMA NextSourceAddress */
	uint64_t rsv2;		/* NetDMA NextDestinationAddress */
	uint64_t user1;		/* free for software */
	uint64_t user2;		/* free for software */
} __attribute__((aligned(CBDMA_DESC_SIZE)));

_Static_assert(sizeof(struct cbdma_desc) == CBDMA_DESC_SIZE, "descriptor is 64 bytes");

static inline unsigned int
cbdma_desc_op(uint32_t ctl)
{
	return (ctl & CBDMA_DESC_OP_MASK) >> CBDMA_DESC_OP_SHIFT;
}

/* ---- PCI identities ---- */
#define CBDMA_PCI_VENDOR_INTEL	0x8086
#define CBDMA_PCI_CLASS		0x088000

/* Emulated CBDMA over ivshmem (the VM rig): BAR2 starts with this signature. */
#define CBDMA_IVSHMEM_VENDOR	0x1af4
#define CBDMA_IVSHMEM_DEVICE	0x1110
#define CBDMA_IVSHMEM_SIG_BAR		2
#define CBDMA_IVSHMEM_SIG_OFFSET	0x0
#define CBDMA_IVSHMEM_SIGNATURE		0x3130414D4454454Eull	/* "NETDMA01", 'N' lowest byte */
#define CBDMA_IVSHMEM_SIGNATURE_STR	"NETDMA01"
#define CBDMA_IVSHMEM_REGS_OFFSET	0x1000	/* CBDMA register file inside BAR2 */
#define CBDMA_IVSHMEM_REGS_SIZE		0x1000	/* one 4 KiB page (= CBDMA_MODEL_REGS_SIZE) */

#endif /* CBDMA_HW_H */

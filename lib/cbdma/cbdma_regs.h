/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * Register accessors shared by everything that touches a CBDMA register
 * window: a PCI BAR, an ivshmem BAR served by the host-side model, or the
 * in-process model's register file.
 *
 * Every access is a single naturally aligned load or store of the register's
 * width.  Stores are release stores: everything the writer did before (for
 * example, filling descriptors before the DMACOUNT doorbell) is visible to
 * the device before the register changes; on x86 this is a plain MOV, as an
 * MMIO write must be.  Loads are acquire loads, so whatever the device wrote
 * before updating a register (CHANSTS, say) is visible after reading it.
 * They pair with the same accessors used by the device model.
 */

#ifndef CBDMA_REGS_H
#define CBDMA_REGS_H

#include <stdbool.h>
#include <stdint.h>

#include "cbdma_hw.h"

#define CBDMA_REG_PTR(base, off, type) \
	((type *)(uintptr_t)((uintptr_t)(base) + (off)))

static inline uint8_t
cbdma_read8(volatile void *base, uint32_t off)
{
	return __atomic_load_n(CBDMA_REG_PTR(base, off, volatile uint8_t), __ATOMIC_ACQUIRE);
}

static inline uint16_t
cbdma_read16(volatile void *base, uint32_t off)
{
	return __atomic_load_n(CBDMA_REG_PTR(base, off, volatile uint16_t), __ATOMIC_ACQUIRE);
}

static inline uint32_t
cbdma_read32(volatile void *base, uint32_t off)
{
	return __atomic_load_n(CBDMA_REG_PTR(base, off, volatile uint32_t), __ATOMIC_ACQUIRE);
}

static inline uint64_t
cbdma_read64(volatile void *base, uint32_t off)
{
	return __atomic_load_n(CBDMA_REG_PTR(base, off, volatile uint64_t), __ATOMIC_ACQUIRE);
}

static inline void
cbdma_write8(volatile void *base, uint32_t off, uint8_t v)
{
	__atomic_store_n(CBDMA_REG_PTR(base, off, volatile uint8_t), v, __ATOMIC_RELEASE);
}

static inline void
cbdma_write16(volatile void *base, uint32_t off, uint16_t v)
{
	__atomic_store_n(CBDMA_REG_PTR(base, off, volatile uint16_t), v, __ATOMIC_RELEASE);
}

static inline void
cbdma_write32(volatile void *base, uint32_t off, uint32_t v)
{
	__atomic_store_n(CBDMA_REG_PTR(base, off, volatile uint32_t), v, __ATOMIC_RELEASE);
}

static inline void
cbdma_write64(volatile void *base, uint32_t off, uint64_t v)
{
	__atomic_store_n(CBDMA_REG_PTR(base, off, volatile uint64_t), v, __ATOMIC_RELEASE);
}

/* The device has per-channel descriptor prefetch control (DRSCTL). */
static inline bool
cbdma_has_drsctl(volatile void *bar)
{
	return cbdma_read8(bar, CBDMA_REG_CBVER) >= CBDMA_VER_3_4 &&
		(cbdma_read32(bar, CBDMA_REG_DMACAP) & CBDMA_DMACAP_DPS) != 0;
}

/* The pause between two polls of a register (or of the completion word). */
static inline void
cbdma_cpu_pause(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ volatile("yield");
#endif
}

#endif /* CBDMA_REGS_H */

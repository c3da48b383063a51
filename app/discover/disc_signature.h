/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * The signature that marks an ivshmem BAR as a netdma-emulated CBDMA: the
 * ASCII bytes "NETDMA01" at BAR2 offset 0, read as one little-endian u64.
 * Meant to move into lib/cbdma/cbdma_hw.h; these definitions give way to
 * that header's once it has them.
 */

#ifndef DISC_SIGNATURE_H
#define DISC_SIGNATURE_H

#include <cbdma_hw.h>

#ifndef CBDMA_IVSHMEM_SIG_BAR
#define CBDMA_IVSHMEM_SIG_BAR		2
#endif
#ifndef CBDMA_IVSHMEM_SIG_OFFSET
#define CBDMA_IVSHMEM_SIG_OFFSET	0x0
#endif
#ifndef CBDMA_IVSHMEM_SIGNATURE
/* "NETDMA01": 'N' (0x4E) is the lowest byte. */
#define CBDMA_IVSHMEM_SIGNATURE		0x3130414D4454454Eull
#endif
#ifndef CBDMA_IVSHMEM_SIGNATURE_STR
#define CBDMA_IVSHMEM_SIGNATURE_STR	"NETDMA01"
#endif

#endif /* DISC_SIGNATURE_H */

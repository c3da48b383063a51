/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * DMA memory for the core outside EAL: hugepages through libhugetlbfs, with
 * IOVA = VA (what the device model's flat backend and a VA-mode IOMMU
 * expect).  Without libhugetlbfs, or with no hugepages free, it falls back
 * to page-aligned anonymous memory and says so once.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "netdma_chan.h"
#include "netdma_log.h"

#ifdef NETDMA_HAVE_HUGETLBFS
#include <hugetlbfs.h>
#endif

#define COOKIE_HUGE	((void *)1)
#define COOKIE_MMAP	((void *)2)

static int
huge_alloc(void *ctx, size_t len, size_t align, struct netdma_dma_mem *out)
{
	void *va = NULL;

	(void)ctx;
	if (align == 0 || (align & (align - 1)) != 0)
		return -EINVAL;
#ifdef NETDMA_HAVE_HUGETLBFS
	{
		long hpage = gethugepagesize();

		/* huge pages come aligned to their size */
		if (hpage > 0 && align <= (size_t)hpage) {
			size_t hlen = (len + (size_t)hpage - 1) & ~((size_t)hpage - 1);

			va = get_huge_pages(hlen, GHP_DEFAULT);
			if (va != NULL) {
				out->va = va;
				out->iova = (uint64_t)(uintptr_t)va;
				out->len = hlen;
				out->cookie = COOKIE_HUGE;
				return 0;
			}
		}
	}
#endif
	{
		static int warned;

		if (!__atomic_exchange_n(&warned, 1, __ATOMIC_RELAXED))
			netdma_log(NETDMA_LOG_WARNING,
				"no hugepage available; using normal pages (IOVA = VA)");
	}
	len = (len + 4095) & ~(size_t)4095;
	if (align < 4096)
		align = 4096;
	/* map align - 4096 more and trim: the block starts aligned */
	va = mmap(NULL, len + align - 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			-1, 0);
	if (va == MAP_FAILED)
		return -ENOMEM;
	{
		uintptr_t start = ((uintptr_t)va + align - 1) & ~(uintptr_t)(align - 1);
		size_t head = start - (uintptr_t)va;

		if (head != 0)
			munmap(va, head);
		if (align - 4096 - head != 0)
			munmap((void *)(start + len), align - 4096 - head);
		va = (void *)start;
	}
	out->va = va;
	out->iova = (uint64_t)(uintptr_t)va;
	out->len = len;
	out->cookie = COOKIE_MMAP;
	return 0;
}

static void
huge_free(void *ctx, struct netdma_dma_mem *mem)
{
	(void)ctx;
	if (mem->va == NULL)
		return;
#ifdef NETDMA_HAVE_HUGETLBFS
	if (mem->cookie == COOKIE_HUGE)
		free_huge_pages(mem->va);
	else
#endif
		munmap(mem->va, mem->len);
	memset(mem, 0, sizeof(*mem));
}

const struct netdma_mem_ops netdma_hugetlbfs_mem_ops = {
	.alloc = huge_alloc,
	.free = huge_free,
};

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * The PCI device IDs of Intel CBDMA (I/OAT) v3.x channel functions (vendor
 * CBDMA_PCI_VENDOR_INTEL), as ranges: X(first, last, generation, name), both
 * ends inclusive.  The one list: the PMD's PCI id table and netdma-discover
 * expand it.  0x342b, 0x342c and 0x3430 as in Linux's pci_ids.h.
 */

#ifndef CBDMA_PCI_IDS_H
#define CBDMA_PCI_IDS_H

#define CBDMA_PCI_ID_RANGES(X) \
	/* v3.0 */ \
	X(0x3429, 0x342c, "v3.0 TBG", "Intel 5520/5500/X58 (Tylersburg) QuickData CBDMA") \
	X(0x3430, 0x3433, "v3.0 TBG", "Intel 5520/5500/X58 (Tylersburg) QuickData CBDMA") \
	/* v3.2 */ \
	X(0x3710, 0x3719, "v3.2 JSF", "Intel Xeon C5500/C3500 (Jasper Forest) CBDMA") \
	X(0x3c20, 0x3c27, "v3.2 SNB", "Intel Xeon E5 (Sandy Bridge-EP) CBDMA") \
	X(0x3c2e, 0x3c2f, "v3.2 SNB", "Intel Xeon E5 (Sandy Bridge-EP) CBDMA") \
	X(0x0e20, 0x0e27, "v3.2 IVB", "Intel Xeon E5/E7 v2 (Ivy Bridge-EP) CBDMA") \
	X(0x0e2e, 0x0e2f, "v3.2 IVB", "Intel Xeon E5/E7 v2 (Ivy Bridge-EP) CBDMA") \
	X(0x2f20, 0x2f27, "v3.2 HSW", "Intel Xeon E5/E7 v3 (Haswell-EP) CBDMA") \
	X(0x2f2e, 0x2f2f, "v3.2 HSW", "Intel Xeon E5/E7 v3 (Haswell-EP) CBDMA") \
	X(0x6f20, 0x6f27, "v3.2 BDX", "Intel Xeon E5/E7 v4 (Broadwell-EP) CBDMA") \
	X(0x6f2e, 0x6f2f, "v3.2 BDX", "Intel Xeon E5/E7 v4 (Broadwell-EP) CBDMA") \
	X(0x2021, 0x2021, "v3.2 SKX", "Intel Xeon Scalable (Skylake-SP) CBDMA") \
	/* v3.3 */ \
	X(0x0c50, 0x0c53, "v3.3 BWD", "Intel Atom C2000 (BWD) CBDMA") \
	X(0x6f50, 0x6f53, "v3.3 BDX-DE", "Intel Xeon D-1500 (Broadwell-DE) CBDMA") \
	/* v3.4 */ \
	X(0x0b00, 0x0b00, "v3.4 ICX", "Intel Xeon Scalable 3rd gen (Ice Lake-SP) CBDMA")

/* How many device IDs the ranges hold. */
#define CBDMA_PCI_ID_COUNT_ONE(first, last, gen, name)	+ ((last) - (first) + 1)
enum { CBDMA_PCI_NB_IDS = 0 CBDMA_PCI_ID_RANGES(CBDMA_PCI_ID_COUNT_ONE) };

#endif /* CBDMA_PCI_IDS_H */

#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The netdma authors
"""Read or overwrite bytes of a PCI BAR through its sysfs resource file.

The VM rig uses it to show the PCI probe refusing devices: the ivshmem BAR
without the netdma signature, a register file with an old CBVER.

Usage: bar_poke.py RESOURCE OFFSET [HEXBYTES]
Prints the bytes found at OFFSET (as many as HEXBYTES, else 8) in hex, then
writes HEXBYTES there if given.
"""

import mmap
import os
import sys


def main():
    if len(sys.argv) not in (3, 4):
        sys.stderr.write(__doc__)
        return 2
    path, off = sys.argv[1], int(sys.argv[2], 0)
    new = bytes.fromhex(sys.argv[3]) if len(sys.argv) == 4 else None
    n = len(new) if new is not None else 8
    page = mmap.PAGESIZE
    base = off - off % page
    fd = os.open(path, os.O_RDWR | os.O_SYNC)
    try:
        m = mmap.mmap(fd, off - base + n, mmap.MAP_SHARED,
                      mmap.PROT_READ | mmap.PROT_WRITE, offset=base)
        print(m[off - base:off - base + n].hex())
        if new is not None:
            m[off - base:off - base + n] = new
            m.flush()
        m.close()
    finally:
        os.close(fd)
    return 0


if __name__ == "__main__":
    sys.exit(main())

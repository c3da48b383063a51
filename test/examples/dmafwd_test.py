#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The netdma authors
"""DPDK's own DMA example, dmafwd, forwarding with netdma doing the copies.

    dmafwd_test.py PLUGIN_SO OUTDIR

Compiles dmafwd.c from the installed DPDK example sources (Debian: package
dpdk-doc, /usr/share/dpdk/examples/dma; or $DMAFWD_SRC) against the system
DPDK into OUTDIR, runs it with -d PLUGIN_SO --vdev=dma_netdma0,channels=2 and
two net_null ports for a few seconds, stops it with SIGINT and checks its
last printed statistics: both ports sent packets, both DMA channels
submitted and completed copies, none failed.  Exit 0 pass, 1 fail, 77 skip.
"""

import glob
import os
import re
import shlex
import signal
import subprocess
import sys
import time

SKIP = 77
RUN_S = 5



def sanitizer_env(plugin):
    """A sanitizer build of the plugin needs its runtime loaded before it."""
    env = dict(os.environ)
    try:
        ldd = subprocess.run(["ldd", plugin], stdout=subprocess.PIPE, text=True).stdout
    except OSError:
        return env
    pre = [l.split()[2] for l in ldd.splitlines()
           if l.strip().split(" ")[0].startswith(("libasan", "libubsan", "libtsan"))
           and len(l.split()) > 2]
    if pre:
        env["LD_PRELOAD"] = ":".join(pre)
        env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":detect_leaks=0"
    return env

def find_source():
    env = os.environ.get("DMAFWD_SRC")
    if env:
        return env if os.path.isfile(env) else None
    for pat in ("/usr/share/dpdk/examples/dma/dmafwd.c",
                "/usr/share/dpdk/examples/*/dmafwd.c",
                "/usr/share/doc/dpdk*/examples/dma/dmafwd.c"):
        hits = sorted(glob.glob(pat))
        if hits:
            return hits[0]
    return None


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    # EAL refuses plugins under world-writable directories; give it an absolute path.
    plugin, outdir = os.path.abspath(sys.argv[1]), sys.argv[2]
    src = find_source()
    if src is None:
        print("SKIP: dmafwd.c not found; install the DPDK example sources "
              "(apt-get install dpdk-doc) or set DMAFWD_SRC")
        return SKIP
    try:
        flags = subprocess.run(["pkg-config", "--cflags", "--libs", "libdpdk"], check=True,
                               stdout=subprocess.PIPE, text=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        print("SKIP: pkg-config libdpdk unavailable")
        return SKIP
    os.makedirs(outdir, exist_ok=True)
    exe = os.path.join(outdir, "dmafwd")
    cc = shlex.split(os.environ.get("CC", "cc"))
    cmd = cc + ["-O2", "-DALLOW_EXPERIMENTAL_API", "-o", exe, src] + flags
    print("$ " + " ".join(cmd), flush=True)
    b = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if b.returncode != 0:
        print(b.stdout)
        print("FAIL dmafwd does not build against the system DPDK")
        print("0 passed, 1 failed")
        return 1

    run = [exe, "-l", "0-1", "-n", "1", "--no-pci", "--file-prefix=dmafwd_%d" % os.getpid(),
           "-d", plugin, "--vdev=dma_netdma0,channels=2", "--vdev=net_null0",
           "--vdev=net_null1", "--", "-p", "0x3", "-q", "1", "-c", "hw", "--no-mac-updating",
           "-i", "1"]
    print("$ " + " ".join(run), flush=True)
    p = subprocess.Popen(run, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                         env=sanitizer_env(plugin))
    time.sleep(RUN_S)
    p.send_signal(signal.SIGINT)
    try:
        out = p.communicate(timeout=60)[0]
    except subprocess.TimeoutExpired:
        p.kill()
        out = p.communicate()[0]
    out = out.replace("\x1b[2J", "").replace("\x1b[1;1H", "")

    passed = failed = 0

    def ok(cond, what):
        nonlocal passed, failed
        print(("ok   " if cond else "FAIL ") + what)
        if cond:
            passed += 1
        else:
            failed += 1

    ok(p.returncode == 0 and "Bye..." in out, "dmafwd exits cleanly on SIGINT (status %s)"
       % p.returncode)
    ok(re.search(r"dma_netdma0: software CBDMA .* 2 channel", out) is not None,
       "the netdma plugin provides the dmadevs")
    # The last statistics screen printed before the exit.
    last = out.rsplit("Worker Threads =", 1)[-1]
    ports = re.findall(r"Statistics for port (\d+) -+\s*Packets sent:\s*(\d+)\s*"
                       r"Packets received:\s*(\d+)", last)
    chans = re.findall(r"DMA channel (\d+)\s*Total submitted ops: (\d+)\s*"
                       r"Total completed ops: (\d+)\s*Total failed ops: (\d+)", last)
    ok(len(ports) == 2 and len(chans) == 2, "statistics printed for 2 ports, 2 DMA channels")
    for port, sent, rcvd in ports:
        ok(int(sent) > 0 and int(rcvd) > 0, "port %s forwarded %s packets (received %s)"
           % (port, sent, rcvd))
    for dev, sub, comp, fail in chans:
        ok(int(sub) > 0 and 0 < int(comp) <= int(sub) and int(fail) == 0,
           "netdma channel %s: submitted %s, completed %s, failed %s" % (dev, sub, comp, fail))
    if failed:
        print("\n".join("    | " + l for l in out.splitlines()[-40:]))
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

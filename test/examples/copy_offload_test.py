#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The netdma authors
"""Smoke tests of examples/copy_offload (netdma-copy-offload).

    copy_offload_test.py APP options    bad options are refused, --help works
    copy_offload_test.py APP null       net_null ports, control events, injected errors
    copy_offload_test.py APP vdev-init  no dma vdev on the command line: the app creates it
    copy_offload_test.py APP ring       net_ring ports, seeded multi-segment frames
    copy_offload_test.py APP veth       af_packet on veth pairs in a network namespace,
                                        real frames in and out, checked byte by byte

Each run parses the app's final summary ("summary: key=value ...") and
checks the books; exit 0 pass, 1 fail, 77 skip.
"""

import os
import re
import select
import signal
import socket
import struct
import subprocess
import sys
import time

SKIP = 77
ETHERTYPE = 0x88B5
MAGIC = b"NDCO"


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def ok(self, cond, what):
        if cond:
            self.passed += 1
            print("ok   " + what)
        else:
            self.failed += 1
            print("FAIL " + what)
        return cond

    def finish(self):
        print("%d passed, %d failed" % (self.passed, self.failed))
        return 0 if self.failed == 0 else 1


def prefix(tag):
    return "--file-prefix=co_%s_%d" % (tag, os.getpid())


def run_app(app, eal, opts, timeout=120):
    cmd = [app] + eal + ["--"] + opts
    print("$ " + " ".join(cmd), flush=True)
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       timeout=timeout, text=True)
    return p.returncode, p.stdout


def summary_of(out):
    m = re.findall(r"^summary: (.*)$", out, re.M)
    if not m:
        return None
    return {k: int(v) for k, v in (kv.split("=") for kv in m[-1].split())}


def show_tail(out, n=400):
    """On failure: the app's whole output (its last n lines)."""
    print("\n".join("    | " + l for l in out.splitlines()[-n:]))


def check_books(c, rc, out, s):
    c.ok(rc == 0, "exit status 0 (got %s)" % rc)
    if not c.ok(s is not None, "final summary printed"):
        show_tail(out)
        return False
    print("    " + re.findall(r"^summary: .*$", out, re.M)[-1])
    c.ok(s["balanced"] == 1 and "books: BALANCED" in out, "books balanced")
    outcomes = (s["forwarded"] + s["tx_full"] + s["ring_full"] + s["no_mbuf"] +
                s["bad_size"] + s["copy_errors"] + s["cancelled"])
    c.ok(outcomes == s["rx"], "rx %d = forwarded + drops + errors + cancelled %d"
         % (s["rx"], outcomes))
    c.ok(s["tx"] == s["forwarded"], "tx = forwarded (%d)" % s["tx"])
    c.ok(s["leaked"] == 0, "no mbuf leaked")
    if "FAILED" in out or rc != 0:
        show_tail(out)
    return True


# ---- options ----

def t_options(app):
    c = Checks()
    eal = ["-l", "0-1", "--no-pci", prefix("opt"), "--vdev=net_null0", "--log-level=lib.eal:error"]
    rc, out = run_app(app, eal, ["--help"])
    c.ok(rc == 0 and "--ctl-interval-ms" in out and "--ring-size" in out, "--help: usage, exit 0")
    bad = [
        (["--burst", "0"], "--burst"),
        (["--burst", "999"], "--burst"),
        (["--ring-size", "1000"], "power of two"),
        (["--ring-size", "abc"], "--ring-size"),
        (["--duration", "-1"], "--duration"),
        (["--ctl-interval-ms"], "needs a value"),
        (["--portmask", "0"], "--portmask"),
        (["--ports", "0,,1"], "--ports"),
        (["--ports", "7"], "do not exist"),
        (["--mbuf-size", "100"], "--mbuf-size"),
        (["--inject-errors", "2", "--no-control"], "needs control events"),
        (["--seed", "4"], "needs net_ring ports"),
        (["--dma", "nosuchdev"], "no dmadev named"),
        (["--bogus"], "unknown option"),
        (["stray"], "unexpected argument"),
    ]
    for opts, msg in bad:
        rc, out = run_app(app, eal + ["--vdev=dma_netdma0"], opts)
        good = rc == 2 and msg in out
        c.ok(good, "%s: refused (exit 2) saying '%s'" % (" ".join(opts), msg))
        if not good:
            show_tail(out, 10)
    return c.finish()


# ---- net_null ----

def t_null(app):
    c = Checks()
    eal = ["-l", "0-1", "--no-pci", prefix("null"), "--vdev=net_null0", "--vdev=net_null1",
           "--vdev=dma_netdma0"]
    rc, out = run_app(app, eal, ["--duration", "5", "--ctl-interval-ms", "100",
                                 "--inject-errors", "3", "--burst", "32", "--ring-size", "512"])
    s = summary_of(out)
    if check_books(c, rc, out, s):
        c.ok(s["rx"] > 0 and s["forwarded"] > 0, "traffic forwarded (%d)" % s["forwarded"])
        c.ok(s["teardowns"] > 0 and s["suspends"] > 0, "teardowns %d, suspends %d"
             % (s["teardowns"], s["suspends"]))
        c.ok(s["cancels"] > 0 and s["cancelled"] > 0, "copies cancelled (%d jobs, %d packets)"
             % (s["cancels"], s["cancelled"]))
        c.ok(s["urgent"] > 0 and s["urgent_verified"] == s["urgent"],
             "urgent copies inserted and verified (%d)" % s["urgent"])
        c.ok(s["injected"] > 0 and s["jobs_failed"] == s["injected"] and
             s["copy_errors"] == s["injected"],
             "injected errors %d = failed jobs %d = copy errors %d"
             % (s["injected"], s["jobs_failed"], s["copy_errors"]))
        c.ok(re.search(r"^ctl: teardown port \d+ queue 0: \d+ pending", out, re.M) is not None,
             "teardown events logged")
        c.ok(re.search(r"^ctl: urgent copy .* status successful, data verified", out, re.M)
             is not None, "urgent copy events logged")
        c.ok(re.search(r"^\[ +\d+\.\ds\] rx +[0-9.]+ Mpps", out, re.M) is not None,
             "live statistics printed")
    return c.finish()


def t_vdev_init(app):
    c = Checks()
    eal = ["-l", "0-1", "--no-pci", prefix("vinit"), "--vdev=net_null0,size=128"]
    rc, out = run_app(app, eal, ["--duration", "1.5", "--ctl-interval-ms", "200",
                                 "--quiet-events"])
    s = summary_of(out)
    c.ok("created dma_netdma0 with rte_vdev_init()" in out, "dmadev created by the app")
    if check_books(c, rc, out, s):
        c.ok(s["forwarded"] > 0, "one port forwarding to itself (%d)" % s["forwarded"])
        c.ok(s["urgent"] > 0 and s["urgent_verified"] == s["urgent"], "urgent copies verified")
    return c.finish()


# ---- net_ring with seeded frames ----

def t_ring(app):
    c = Checks()
    eal = ["-l", "0-1", "--no-pci", prefix("ring"), "--vdev=net_ring0", "--vdev=net_ring1",
           "--vdev=dma_netdma0"]
    rc, out = run_app(app, eal, ["--duration", "3", "--seed", "300", "--ctl-interval-ms", "1000",
                                 "--stats-interval", "0"])
    s = summary_of(out)
    if check_books(c, rc, out, s):
        lost = s["tx_full"] + s["ring_full"] + s["no_mbuf"] + s["bad_size"] + \
            s["copy_errors"] + s["cancelled"]
        c.ok(s["seeded"] == 600, "600 frames seeded")
        c.ok(s["seeded"] == s["drained"] + lost, "seeded %d = drained %d + lost %d"
             % (s["seeded"], s["drained"], lost))
        c.ok(s["drained"] > 0 and "check drained frames intact    ok" in out,
             "frames left at exit intact after many copies (%d)" % s["drained"])
        c.ok(s["rx"] > s["seeded"], "frames circulated (%d receptions)" % s["rx"])
        c.ok(s["jobs"] > s["rx"] - s["ring_full"], "multi-segment frames took several jobs")
    return c.finish()


# ---- af_packet on veth pairs in a network namespace ----

def sh(*args, check=True):
    return subprocess.run(list(args), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, check=check)


def frame(direction, seq, src_mac):
    length = 60 + (seq * 37) % 1400
    head = b"\xff" * 6 + src_mac + struct.pack("!H", ETHERTYPE) + MAGIC + \
        struct.pack("!BIH", direction, seq, length)
    body = bytes((seq * 13 + i) & 0xFF for i in range(length - len(head)))
    return head + body


def traffic(count):
    """Runs inside the namespace: send count frames each way (a0 -> b0 and
    b0 -> a0 through the app) and report what came back, and whether intact."""
    socks = {}
    for ifc in ("a0", "b0"):
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETHERTYPE))
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
        s.bind((ifc, ETHERTYPE))
        s.setblocking(False)
        socks[ifc] = s
    macs = {"a0": b"\x02\x00\x00\x00\x00\x0a", "b0": b"\x02\x00\x00\x00\x00\x0b"}
    got = {0: set(), 1: set()}
    bad = dups = 0
    sent = 0

    def drain(timeout):
        nonlocal bad, dups
        r, _, _ = select.select(list(socks.values()), [], [], timeout)
        for s in r:
            while True:
                try:
                    data, addr = s.recvfrom(4096)
                except BlockingIOError:
                    break
                if addr[2] == socket.PACKET_OUTGOING:
                    continue
                if data[14:18] != MAGIC:
                    continue
                direction, seq, length = struct.unpack("!BIH", data[18:25])
                want_in = "b0" if direction == 0 else "a0"
                src = macs["a0" if direction == 0 else "b0"]
                if addr[0] != want_in or data != frame(direction, seq, src):
                    bad += 1
                elif seq in got[direction]:
                    dups += 1
                else:
                    got[direction].add(seq)

    for seq in range(count):
        for direction, ifc in ((0, "a0"), (1, "b0")):
            while True:
                try:
                    socks[ifc].send(frame(direction, seq, macs[ifc]))
                    break
                except BlockingIOError:
                    drain(0.001)
            sent += 1
        if seq % 16 == 15:
            drain(0.0005)
    deadline = time.time() + 3
    while time.time() < deadline and len(got[0]) + len(got[1]) < sent:
        drain(0.1)
    print("traffic: sent=%d received=%d a_to_b=%d b_to_a=%d bad=%d dups=%d"
          % (sent, len(got[0]) + len(got[1]), len(got[0]), len(got[1]), bad, dups))
    return 0


def t_veth(app):
    c = Checks()
    if os.geteuid() != 0:
        print("SKIP: needs root for ip netns")
        return SKIP
    ns = "co_test_%d" % os.getpid()
    if sh("ip", "netns", "add", ns, check=False).returncode != 0:
        print("SKIP: ip netns is not available here")
        return SKIP
    appp = None
    try:
        nse = ["ip", "netns", "exec", ns]
        sh(*nse, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1",
           "net.ipv6.conf.default.disable_ipv6=1")
        for x in ("a", "b"):
            sh("ip", "-n", ns, "link", "add", x + "0", "type", "veth", "peer", "name", x + "1")
        for ifc in ("lo", "a0", "a1", "b0", "b1"):
            sh("ip", "-n", ns, "link", "set", ifc, "up")
        cmd = nse + [app, "-l", "0-1", "--no-pci", prefix("veth"),
                     "--vdev=net_af_packet0,iface=a1", "--vdev=net_af_packet1,iface=b1",
                     "--vdev=dma_netdma0", "--", "--ctl-interval-ms", "50", "--stats-interval", "1"]
        print("$ " + " ".join(cmd), flush=True)
        appp = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        out = ""
        deadline = time.time() + 30
        while "forwarding on lcore" not in out and time.time() < deadline:
            line = appp.stdout.readline()
            if not line:
                break
            out += line
        if not c.ok("forwarding on lcore" in out, "app up on af_packet ports"):
            appp.kill()
            out += appp.communicate()[0]
            show_tail(out)
            return c.finish()
        t = subprocess.run(nse + [sys.executable, os.path.abspath(__file__), "-", "_traffic",
                                  "3000"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True, timeout=120)
        print(t.stdout.strip())
        appp.send_signal(signal.SIGINT)
        out += appp.communicate(timeout=60)[0]
        rc = appp.returncode
        appp = None
        s = summary_of(out)
        tm = re.search(r"traffic: sent=(\d+) received=(\d+) a_to_b=(\d+) b_to_a=(\d+) "
                       r"bad=(\d+) dups=(\d+)", t.stdout)
        c.ok("signal 2, stopping" in out, "SIGINT stops the app cleanly")
        if check_books(c, rc, out, s) and c.ok(tm is not None, "traffic tool ran"):
            sent, recv, ab, ba, bad, dups = map(int, tm.groups())
            c.ok(bad == 0 and dups == 0, "every frame that came back is byte-exact, no duplicate")
            c.ok(ab > 0 and ba > 0, "frames forwarded both ways (%d, %d)" % (ab, ba))
            c.ok(recv == s["forwarded"], "frames received %d = copies forwarded %d"
                 % (recv, s["forwarded"]))
            c.ok(s["rx"] <= sent, "app received %d of %d sent" % (s["rx"], sent))
            c.ok(s["teardowns"] > 0 and s["urgent"] > 0 and s["urgent_verified"] == s["urgent"],
                 "control events ran (%d teardowns, %d urgent copies verified)"
                 % (s["teardowns"], s["urgent_verified"]))
    finally:
        if appp is not None:
            appp.kill()
            appp.wait()
        sh("ip", "netns", "del", ns, check=False)
    return c.finish()


def main():
    if len(sys.argv) == 4 and sys.argv[2] == "_traffic":
        return traffic(int(sys.argv[3]))
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    app, what = sys.argv[1], sys.argv[2]
    tests = {"options": t_options, "null": t_null, "vdev-init": t_vdev_init, "ring": t_ring,
             "veth": t_veth}
    return tests[what](app)


if __name__ == "__main__":
    sys.exit(main())

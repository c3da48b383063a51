#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The netdma authors
"""dpdk-test-dma-perf on netdma: each release's config syntax, a smoke run,
the unsupported options, and the netdma / dma_skeleton / CPU benchmark.

    dma_perf.py syntax DMA_PERF
        print the config syntax DMA_PERF reads: 23.11 (lcore_dma=lcoreN@dev),
        24.11 (lcore_dmaN=lcore=N,dev=...,dir=...) or 25.11 ([GLOBAL] section
        with eal_args, where -d and --vdev must go)
    dma_perf.py smoke --dma-perf BIN --plugin SO --configs DIR [--out DIR]
        run the shipped config of BIN's syntax (DIR/netdma-<syntax>.ini, its
        plugin path, sizes and duration rewritten for a short run) and check
        that netdma and the CPU case produced non-zero results at every size
    dma_perf.py unsupported --dma-perf BIN --plugin SO [--out DIR]
        scatter-gather (24.11 on) and use_enq_deq_ops (25.11 on) cases on netdma
        must end with dma-perf's own clear message, and nothing may hang
    dma_perf.py bench --dma-perf BIN --plugin SO --out DIR [--rounds 5]
            [--seconds 2] [--sizes 64,256,...] [--doc FILE --label TEXT]
        netdma vs dma_skeleton vs CPU copy, same settings, taking turns size by
        size and round by round; prints and writes the table (median, min, max
        of the rounds) and a gnuplot plot, and with --doc puts both into FILE
        between '<!-- dma-perf: LABEL -->' markers

Exit 0 pass, 1 fail, 77 skip (smoke/unsupported when the syntax lacks the case).
"""

import argparse
import csv
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

SKIP = 77
WORKER = 1              # the worker lcore; EAL's main lcore and the engines on CPU 0
SIZES = [64, 256, 1024, 4096, 16384, 32768]
DEVICES = [             # label, dma-perf type, device name
    ("netdma", "DMA_MEM_COPY", "dma_netdma0"),
    ("dma_skeleton", "DMA_MEM_COPY", "dma_skeleton0"),
    ("CPU copy", "CPU_MEM_COPY", None),
]
# dma-perf buffers are mbufs: the data room (buffer + headroom) is a 16-bit
# field, so 32 KiB is the largest buffer it can use (at 64 KiB it hangs, for
# every device).
MAX_BUF = 32768


def syntax_of(binary):
    """The config syntax a dpdk-test-dma-perf binary reads, from its strings."""
    with open(binary, "rb") as f:
        data = f.read()
    if b"GLOBAL section" in data:
        return "25.11"
    if b"lcore_dma%d" in data:
        return "24.11"
    return "23.11"


def eal_args(plugin, prefix, netdma_devargs=""):
    """EAL arguments: netdma's model with its engine on CPU 0 (and these
    devargs), dma_skeleton with its copy thread there too, the worker on
    lcore 1."""
    return ["-l", "0-%d" % WORKER, "--no-pci", "--in-memory", "--file-prefix=" + prefix,
            "--iova-mode=va", "-d", plugin,
            "--vdev=dma_netdma0,engine_cpu=0" + ("," + netdma_devargs if netdma_devargs else ""),
            "--vdev=dma_skeleton0,lcore=0"]


def case_lines(syntax, kind, dev, sizes, seconds, mem=10, ring=1024, batch=32, extra=()):
    lines = ["type=" + kind, "mem_size=%d" % mem, "buf_size=" + sizes]
    if kind == "DMA_MEM_COPY":
        lines += ["dma_ring_size=%d" % ring, "kick_batch=%d" % batch]
    lines += ["src_numa_node=0", "dst_numa_node=0"]
    if syntax != "25.11":
        lines += ["cache_flush=0", "test_seconds=%d" % seconds]
    if kind == "DMA_MEM_COPY":
        if syntax == "23.11":
            lines.append("lcore_dma=lcore%d@%s" % (WORKER, dev))
        else:
            lines.append("lcore_dma0=lcore=%d,dev=%s,dir=mem2mem" % (WORKER, dev))
    else:
        lines.append("lcore=%d" % WORKER)
    return lines + list(extra)


def make_config(syntax, cases, eal, seconds):
    """cases: lists of lines; eal goes into [GLOBAL] (25.11) or the command line."""
    out = []
    if syntax == "25.11":
        value = " ".join(eal)
        if len(value) > 255:     # rte_cfgfile's CFG_VALUE_LEN
            raise SystemExit("eal_args is %d characters, dma-perf reads 255: "
                             "use a shorter plugin path" % len(value))
        out += ["[GLOBAL]", "eal_args=" + value, "cache_flush=0",
                "test_seconds=%d" % seconds, ""]
    for i, lines in enumerate(cases, 1):
        out += ["[case%d]" % i] + lines + [""]
    return "\n".join(out)


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


def machine():
    """The machine in one phrase: CPUs, CPU model, guest or not, kernel, memory."""
    model, family, cpu_model, guest = "unknown CPU", "?", "?", False
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                key, _, val = line.partition(":")
                key, val = key.strip(), val.strip()
                if key == "model name":
                    model = val
                elif key == "cpu family":
                    family = val
                elif key == "model":
                    cpu_model = val
                elif key == "flags":
                    guest = "hypervisor" in val.split()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
        mem = ", %.0f GiB" % (kb / 2**20)
    except (OSError, ValueError, IndexError):
        pass
    return "%d CPUs of %s (family %s, model %s)%s, Linux %s%s" % (
        os.cpu_count(), model, family, cpu_model, ", a virtual machine" if guest else "",
        os.uname().release, mem)


def run(binary, syntax, config_text, eal, outdir, name, timeout):
    """Run dma-perf on a config; return (rows by case, output text)."""
    outdir = os.path.abspath(outdir)
    cfg = os.path.join(outdir, name + ".ini")
    res = os.path.join(outdir, name + "_result.csv")
    with open(cfg, "w") as f:
        f.write(config_text)
    if os.path.exists(res):
        os.unlink(res)
    cmd = [binary, "--config", cfg, "--result", res]
    if syntax != "25.11":
        cmd += eal
    # line-buffered: dma-perf forks a process per case, and a full stdio
    # buffer would be printed twice
    if shutil.which("stdbuf"):
        cmd = ["stdbuf", "-oL", "-eL"] + cmd
    plugin = eal[eal.index("-d") + 1]
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           errors="replace", timeout=timeout, env=sanitizer_env(plugin),
                           cwd=outdir)
        out = p.stdout
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        raise SystemExit("FAIL: dma-perf did not finish in %d s\n%s" % (timeout, out[-3000:]))
    with open(os.path.join(outdir, name + ".log"), "w") as f:
        f.write(out)
    return parse_csv(res), out


def parse_output(out):
    """{case: [dict(size, mops, gbps, cycles, status)]} from dma-perf's output
    (line-buffered): what each case printed, also when its process died
    after printing (dma-perf writes the CSV lines at the very end)."""
    rows = {}
    case = None
    size = cycles = None
    for line in out.splitlines():
        m = re.match(r"^Running case (\d+)", line)
        if m:
            case = int(m.group(1))
            rows.setdefault(case, [])
            continue
        m = re.match(r"^Average Cycles/op: (\d+), Buffer Size: (\d+) B", line)
        if m:
            cycles, size = int(m.group(1)), int(m.group(2))
            continue
        m = re.match(r"^Average Bandwidth: ([\d.]+) Gbps, MOps: ([\d.]+)", line)
        if m and case is not None and size is not None:
            rows[case].append(dict(size=size, cycles=cycles, gbps=float(m.group(1)),
                                   mops=float(m.group(2))))
            size = None
            continue
        m = re.match(r"^Case process (killed by signal \d+|exited\. status [1-9]\d*)", line)
        if m and case is not None:
            for r in rows[case]:
                r.setdefault("status", m.group(1))
    return rows


ROW = re.compile(r"^Scenario (\d+),(\d+),([^,]*),([^,]*),([^,]*),(\d+),(\d+),([\d.]+),(\d+),"
                 r"([\d.]+),([\d.]+)\s*$")


def parse_csv(path):
    """{case: [dict(dev, size, mops, gbps, cycles)]} from a dma-perf result file."""
    rows = {}
    case = None
    if not os.path.exists(path):
        return rows
    with open(path) as f:
        for line in f:
            m = re.match(r"^Case (\d+) : ", line)
            if m:
                case = int(m.group(1))
                rows.setdefault(case, [])
                continue
            m = ROW.match(line)
            if m and case is not None:
                rows[case].append(dict(dev=m.group(3), size=int(m.group(6)),
                                       cycles=int(m.group(9)), gbps=float(m.group(10)),
                                       mops=float(m.group(11))))
    return rows


# ---- smoke ----

def rewrite_shipped(text, syntax, plugin, prefix, seconds, sizes):
    """The shipped config with this build's plugin, a unique prefix, and a short run."""
    out = []
    for line in text.splitlines():
        if line.startswith("eal_args="):
            line = re.sub(r"-d \S+", "-d " + plugin, line)
            line = re.sub(r"--file-prefix=\S+", "--file-prefix=" + prefix, line)
        elif line.startswith("test_seconds="):
            line = "test_seconds=%d" % seconds
        elif line.startswith("buf_size="):
            line = "buf_size=" + sizes
        out.append(line)
    text = "\n".join(out) + "\n"
    if syntax == "25.11":
        m = re.search(r"^eal_args=(.*)$", text, re.M)
        if m is None or len(m.group(1)) > 255:
            raise SystemExit("FAIL: [GLOBAL] eal_args missing or longer than 255 characters")
    return text


def cmd_smoke(a):
    syntax = syntax_of(a.dma_perf)
    shipped = os.path.join(a.configs, "netdma-%s.ini" % syntax)
    print("dma-perf %s, syntax %s, config %s" % (a.dma_perf, syntax, shipped))
    with open(shipped) as f:
        text = f.read()
    prefix = "dma-perf-smoke-%d" % os.getpid()
    eal = eal_args(os.path.abspath(a.plugin), prefix)
    text = rewrite_shipped(text, syntax, os.path.abspath(a.plugin), prefix, 1, "64,4096,64,MUL")
    os.makedirs(a.out, exist_ok=True)
    rows, out = run(a.dma_perf, syntax, text, eal, a.out, "smoke", 300)
    # the shipped files: case1 netdma, case2 dma_skeleton, case3 CPU
    want = {1: "dma_netdma0", 2: "dma_skeleton0", 3: "NA"}
    fail = False
    for case, dev in want.items():
        got = rows.get(case, [])
        sizes = sorted(r["size"] for r in got if r["dev"] == dev)
        for r in got:
            print("case %d %-14s %6d B  %8.3f Mops  %8.3f Gbps  %5d cycles" %
                  (case, r["dev"], r["size"], r["mops"], r["gbps"], r["cycles"]))
        if sizes != [64, 4096]:
            print("case %d (%s): results for sizes %s, expected [64, 4096]" % (case, dev, sizes))
            fail = True
        if any(r["mops"] <= 0 or r["gbps"] <= 0 for r in got):
            print("case %d (%s): a zero result" % (case, dev))
            fail = True
    if fail:
        print(out[-4000:])
        print("0 passed, 1 failed")
        return 1
    print("1 passed, 0 failed")
    return 0


# ---- unsupported options ----

def cmd_unsupported(a):
    syntax = syntax_of(a.dma_perf)
    if syntax == "23.11":
        print("SKIP: dma-perf %s has neither scatter-gather nor enqueue/dequeue ops" % syntax)
        return SKIP
    os.makedirs(a.out, exist_ok=True)
    checks = [("sg", ["dma_src_sge=2", "dma_dst_sge=2"],
               "Error with unsupported max_sges on device id")]
    if syntax == "25.11":
        checks.append(("enq_deq", ["use_enq_deq_ops=1"],
                       "Error with device dma_netdma0 not support enq_deq ops"))
    fail = 0
    for name, extra, message in checks:
        eal = eal_args(os.path.abspath(a.plugin), "dma-perf-%s-%d" % (name, os.getpid()))
        cases = [case_lines(syntax, "DMA_MEM_COPY", "dma_netdma0", "4096", 1, extra=extra)]
        t0 = time.monotonic()
        rows, out = run(a.dma_perf, syntax, make_config(syntax, cases, eal, 1), eal, a.out,
                        "unsupported-" + name, 120)
        ok = message in out and not rows.get(1)
        print("%s: %s in %.1f s: %s" % (name, "refused" if ok else "NOT refused",
                                         time.monotonic() - t0,
                                         next((l for l in out.splitlines() if message in l), "")))
        if not ok:
            print(out[-3000:])
            fail = 1
    print("%d passed, %d failed" % (1 - fail, fail))
    return fail


# ---- benchmark ----

def fmt_size(s):
    return "%d KiB" % (s // 1024) if s >= 1024 else "%d B" % s


def cmd_bench(a):
    syntax = syntax_of(a.dma_perf)
    sizes = [int(s) for s in a.sizes.split(",")]
    if max(sizes) > MAX_BUF:
        raise SystemExit("dma-perf's buffers are mbufs (16-bit data room): %d B is its largest "
                         "buffer size" % MAX_BUF)
    os.makedirs(a.out, exist_ok=True)
    plugin = os.path.abspath(a.plugin)
    results = {}        # (label, size) -> [dict]
    t_start = time.monotonic()
    load0 = loadavg()
    notes = []
    # With --compare, netdma with those devargs runs as a fourth case in a
    # dma-perf process of its own (one netdma engine thread per process),
    # before or after the other three by turns.
    compared = "netdma " + a.compare if a.compare else None
    devices = list(DEVICES) + ([(compared, "DMA_MEM_COPY", "dma_netdma0")] if compared else [])
    groups = [(list(DEVICES), "")]
    if compared:
        groups.append(([devices[-1]], a.compare))
    for rnd in range(a.rounds):
        for size in sizes:
            for gi in range(len(groups)):
                group, devargs = groups[(gi + rnd) % len(groups)]
                # the same settings for all, taking turns; the first
                # device moves round by round
                order = group[rnd % len(group):] + group[:rnd % len(group)]
                cases = [case_lines(syntax, kind, dev, str(size), a.seconds, mem=a.mem,
                                    ring=a.ring, batch=a.batch) for _, kind, dev in order]
                eal = eal_args(plugin, "dma-perf-bench-%d" % os.getpid(), devargs)
                rows, out = run(a.dma_perf, syntax, make_config(syntax, cases, eal, a.seconds),
                                eal, a.out, "bench-r%d-%d%s" % (rnd + 1, size,
                                                               "-compare" if devargs else ""),
                                120 + 30 * a.seconds)
                printed = parse_output(out)
                for i, (label, _, _) in enumerate(order, 1):
                    got = [r for r in rows.get(i, []) if r["size"] == size]
                    if len(got) != 1:
                        # dma-perf 23.11 can die in a case's teardown, after
                        # its figures were printed but before its CSV lines
                        got = [r for r in printed.get(i, []) if r["size"] == size]
                        if len(got) == 1:
                            note = "%s at %d B, round %d: the case process ended with '%s' " \
                                   "after printing its result" % (label, size, rnd + 1,
                                                                   got[0].get("status", "?"))
                            print("note: " + note)
                            notes.append(note)
                    if len(got) != 1:
                        print(out[-3000:])
                        raise SystemExit("FAIL: no result for %s at %d B in round %d" %
                                         (label, size, rnd + 1))
                    results.setdefault((label, size), []).append(got[0])
            print("round %d/%d, %6d B: %s" % (rnd + 1, a.rounds, size, ", ".join(
                "%s %.2f Mops %.1f Gbps" % (l, results[(l, size)][-1]["mops"],
                                            results[(l, size)][-1]["gbps"])
                for l, _, _ in devices)), flush=True)
    elapsed = time.monotonic() - t_start

    # all runs
    with open(os.path.join(a.out, "dma-perf-runs.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["device", "buf_size", "round", "mops", "gbps", "cycles"])
        for (label, size), rs in sorted(results.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            for i, r in enumerate(rs, 1):
                w.writerow([label, size, i, r["mops"], r["gbps"], r["cycles"]])
    med = {k: (statistics.median(r["mops"] for r in v), statistics.median(r["gbps"] for r in v))
           for k, v in results.items()}
    table = markdown_table(results, med, sizes, devices)
    dat = os.path.join(a.out, "dma-perf.dat")
    with open(dat, "w") as f:
        f.write("# size netdma_gbps skeleton_gbps cpu_gbps netdma_min netdma_max\n")
        for s in sizes:
            nd = [r["gbps"] for r in results[("netdma", s)]]
            f.write("%d %.3f %.3f %.3f %.3f %.3f\n" % (s, med[("netdma", s)][1],
                    med[("dma_skeleton", s)][1], med[("CPU copy", s)][1], min(nd), max(nd)))
    png = os.path.join(a.out, "dma-perf.png")
    plot(dat, png, a.label or ("dpdk-test-dma-perf " + syntax))
    head = ("dpdk-test-dma-perf (%s syntax), %d rounds x %d s per point, ring %d, kick batch %d, "
            "mem_size %d MB, worker lcore %d, netdma engine and dma_skeleton thread on CPU 0; "
            "%.0f s in all; load average %s at the start, %s at the end; machine: %s" % (
                syntax, a.rounds, a.seconds, a.ring, a.batch, a.mem, WORKER, elapsed, load0,
                loadavg(), machine()))
    if a.compare:
        head += ("; `netdma %s`: netdma with those devargs, in a dma-perf run of its own "
                 "right before or after the other three cases" % a.compare)
    if notes:
        dev_notes = sorted(set(n.split(" at ")[0] for n in notes))
        head += ("; %d of the %d case runs (%s) ended with a crash in dma-perf's teardown "
                 "after printing their result, which is taken from its output" %
                 (len(notes), a.rounds * len(sizes) * len(devices), ", ".join(dev_notes)))
    print(head)
    print(table)
    with open(os.path.join(a.out, "dma-perf-table.md"), "w") as f:
        f.write(head + "\n\n" + table + "\n" + "".join("\n- " + n for n in notes))
    if a.doc:
        put_in_doc(a, head, table, png)
    return 0


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return f.read().split()[0]
    except OSError:
        return "?"


def markdown_table(results, med, sizes, devices):
    lines = ["| buffer | device | Mops median (min-max) | Gbps median (min-max) | vs dma_skeleton | vs CPU |",
             "|---|---|---|---|---|---|"]
    for s in sizes:
        for label, _, _ in devices:
            rs = results[(label, s)]
            mops = [r["mops"] for r in rs]
            gbps = [r["gbps"] for r in rs]
            ratio_sk = ratio_cpu = ""
            if label.startswith("netdma"):
                ratio_sk = "%.2fx" % (med[(label, s)][0] / med[("dma_skeleton", s)][0])
                ratio_cpu = "%.0f%%" % (100 * med[(label, s)][0] / med[("CPU copy", s)][0])
            lines.append("| %s | %s | %.2f (%.2f-%.2f) | %.1f (%.1f-%.1f) | %s | %s |" % (
                fmt_size(s), label, med[(label, s)][0], min(mops), max(mops),
                med[(label, s)][1], min(gbps), max(gbps), ratio_sk, ratio_cpu))
    return "\n".join(lines)


def plot(dat, png, title):
    if not shutil.which("gnuplot"):
        print("gnuplot not found: no plot")
        return
    script = """
set terminal pngcairo size 900,540 noenhanced
set output '%s'
set title '%s'
set logscale x 2
set xrange [45:46000]
set yrange [0:*]
set xlabel 'buffer size (bytes)'
set ylabel 'Gbit/s (median of the rounds; bars: netdma min-max)'
set key top left
set grid
set xtics ('64' 64, '256' 256, '1K' 1024, '4K' 4096, '16K' 16384, '32K' 32768)
plot '%s' using 1:2 with linespoints lw 2 title 'netdma (model)', \\
     '' using 1:2:5:6 with yerrorbars notitle lc 1, \\
     '' using 1:3 with linespoints lw 2 title 'dma_skeleton', \\
     '' using 1:4 with linespoints lw 2 title 'CPU copy'
""" % (png, title.replace("'", ""), dat)
    r = subprocess.run(["gnuplot"], input=script, text=True, stderr=subprocess.PIPE)
    if r.returncode != 0:
        script = script.replace("pngcairo", "png")
        subprocess.run(["gnuplot"], input=script, text=True)


def put_in_doc(a, head, table, png):
    slug = re.sub(r"[^a-z0-9]+", "-", a.label.split("(")[0].lower()).strip("-")
    img_dir = os.path.join(os.path.dirname(os.path.abspath(a.doc)), "img")
    os.makedirs(img_dir, exist_ok=True)
    img = "dma-perf-%s.png" % slug
    if os.path.exists(png):
        shutil.copy(png, os.path.join(img_dir, img))
    begin = "<!-- dma-perf: %s -->" % a.label
    end = "<!-- /dma-perf: %s -->" % a.label
    block = "%s\n#### %s\n\n%s\n\n%s\n\n![dma-perf %s](img/%s)\n%s" % (
        begin, a.label, head + ".", table, a.label, img, end)
    with open(a.doc) as f:
        doc = f.read()
    if begin in doc and end in doc:
        doc = doc[:doc.index(begin)] + block + doc[doc.index(end) + len(end):]
    else:
        anchor = "<!-- dma-perf results -->"
        if anchor in doc:
            doc = doc.replace(anchor, anchor + "\n\n" + block, 1)
        else:
            doc = doc.rstrip("\n") + "\n\n" + block + "\n"
    with open(a.doc, "w") as f:
        f.write(doc)
    print("written into %s (plot %s)" % (a.doc, img))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("syntax")
    s.add_argument("dma_perf")
    for name in ("smoke", "unsupported", "bench"):
        s = sub.add_parser(name)
        s.add_argument("--dma-perf", required=True)
        s.add_argument("--plugin", required=True)
        s.add_argument("--out", default=".")
        if name == "smoke":
            s.add_argument("--configs", required=True)
        if name == "bench":
            s.add_argument("--rounds", type=int, default=5)
            s.add_argument("--seconds", type=int, default=2)
            s.add_argument("--sizes", default=",".join(str(x) for x in SIZES))
            s.add_argument("--mem", type=int, default=10, help="mem_size (MB)")
            s.add_argument("--ring", type=int, default=1024)
            s.add_argument("--batch", type=int, default=32)
            s.add_argument("--doc", help="markdown file to put the table and plot into")
            s.add_argument("--label", default="", help="heading of the results in --doc")
            s.add_argument("--compare", default="",
                           help="devargs of a second netdma device measured alongside "
                                "(e.g. desc_write=stream)")
    a = ap.parse_args()
    if a.cmd == "syntax":
        print(syntax_of(a.dma_perf))
        return 0
    for path in (a.dma_perf, a.plugin):
        if not os.path.isfile(path):
            print("SKIP: %s not found" % path)
            return SKIP
    if a.cmd == "bench" and a.doc and not a.label:
        ap.error("--doc needs --label")
    return {"smoke": cmd_smoke, "unsupported": cmd_unsupported, "bench": cmd_bench}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())

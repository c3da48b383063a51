#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The netdma authors

"""Smoke test of netdma-bench: a --quick run of every suite (and of the ctrl
suite, which 'all' leaves out), then checks of
what it wrote (not of speed): every run verified its bytes and did work, the
CSV files hold every variant and size, the ssr runs did suspend/resume
cycles, the plot exists when gnuplot is installed; and that bad options are
refused with exit status 2.

usage: bench_smoke.py NETDMA_BENCH PLUGIN_SO OUT_DIR
"""

import csv
import os
import shutil
import subprocess
import sys

results = {"passed": 0, "failed": 0}


def check(cond, what):
    if cond:
        results["passed"] += 1
    else:
        results["failed"] += 1
        print("FAIL: " + what)


def eal_args(plugin, prefix):
    return ["-l", "0-1", "--no-pci", "--iova-mode=va", "--file-prefix=" + prefix,
            "--log-level=lib.eal:error", "-d", plugin]


def run(cmd, timeout):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       timeout=timeout, universal_newlines=True)
    return p.returncode, p.stdout


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def main():
    if len(sys.argv) != 4:
        print(__doc__)
        return 2
    exe, plugin, out = sys.argv[1:]
    shutil.rmtree(out, ignore_errors=True)

    # Usage errors: exit 2 with a message, before any run.
    for bad in (["--sizes", "0"], ["--ring", "1000"], ["--dev", "cpu,x=1"],
                ["--suites", "nope"], ["--bogus"]):
        rc, text = run([exe] + eal_args(plugin, "bench-smoke-bad") + ["--"] + bad, 60)
        check(rc == 2 and "netdma-bench:" in text,
              "bad option %s: exit %d, want 2 and a message" % (bad, rc))
    rc, text = run([exe, "--", "--help"], 60)
    check(rc == 0 and "--suites" in text, "--help: exit %d" % rc)

    cmd = [exe] + eal_args(plugin, "bench-smoke") + [
        "--", "--quick", "--busy-retries", "0", "--out", out, "--ssr-period-us", "1000"]
    rc, text = run(cmd, 100)
    with open(os.path.join(os.path.dirname(out) or ".", "bench-smoke.log"), "w") as f:
        f.write(text)
    check(rc == 0, "netdma-bench exit %d; output:\n%s" % (rc, text[-3000:]))
    check("all runs verified" in text, "closing line 'all runs verified' missing")

    medians_path = os.path.join(out, "results.csv")
    runs_path = os.path.join(out, "runs.csv")
    check(os.path.exists(medians_path) and os.path.exists(runs_path), "CSV files written")
    if not os.path.exists(medians_path):
        print("%d passed, %d failed" % (results["passed"], results["failed"]))
        return 1
    rows = read_csv(medians_path)
    runs = read_csv(runs_path)

    want = {
        "sweep": {"dma_netdma0", "dma_skeleton0", "cpu"},
        "channels": {"netdma ch=1", "netdma ch=2"},
        "pinning": {"netdma pinned", "netdma floating", "skeleton pinned",
                    "skeleton floating"},
        "ssr": {"netdma", "netdma+ssr/1000us"},
    }
    for suite, variants in want.items():
        got = {(r["variant"], int(r["size"])) for r in rows if r["suite"] == suite}
        for v in variants:
            for size in (64, 4096):
                check((v, size) in got, "%s: no row for %s at %d B" % (suite, v, size))
    for r in rows:
        tag = "%s/%s/%s B" % (r["suite"], r["variant"], r["size"])
        check(float(r["mops"]) > 0 and int(r["jobs"]) > 0, tag + ": no jobs done")
        check(int(r["bytes_verified"]) >= int(r["size"]), tag + ": no bytes verified")
        check(int(r["verify_errors"]) == 0, tag + ": verification errors")
        check(r["ok"] == "1", tag + ": run not ok")
        if r["kind"] != "cpu":
            check(float(r["cyc_job"]) > 0, tag + ": no worker cycles measured")
        if "+ssr" in r["variant"]:
            check(int(r["ssr_cycles"]) > 0 and int(r["ssr_failures"]) == 0,
                  tag + ": suspend/resume cycles %s, failures %s"
                  % (r["ssr_cycles"], r["ssr_failures"]))
    check(len(runs) == len(rows), "runs.csv: %d rows for %d medians (1 round)"
          % (len(runs), len(rows)))
    if shutil.which("gnuplot"):
        png = os.path.join(out, "throughput.png")
        check(os.path.exists(png) and os.path.getsize(png) > 1000, "throughput.png written")

    # The ctrl suite (not in 'all'): every round ok, samples taken, the
    # teardowns cancelled jobs (the worker checked one USER_ABORT each).
    ctrl_out = out + "-ctrl"
    rc, text = run([exe] + eal_args(plugin, "bench-smoke-ctrl") + [
        "--", "--quick", "--suites", "ctrl", "--out", ctrl_out], 100)
    check(rc == 0 and "all runs verified" in text,
          "ctrl suite: exit %d; output:\n%s" % (rc, text[-3000:]))
    ctrl_csv = os.path.join(ctrl_out, "ctrl.csv")
    ctrl = read_csv(ctrl_csv) if os.path.exists(ctrl_csv) else []
    whats = {r["what"] for r in ctrl}
    check({"latency", "teardown_single", "teardown_bulk"} <= whats,
          "ctrl.csv rows: %s" % sorted(whats))
    for r in ctrl:
        tag = "ctrl/%s" % r["what"]
        check(r["ok"] == "1" and int(r["samples"]) > 0, tag + ": not ok or no samples")
        check(float(r["max_us"]) >= float(r["p50_us"]) > 0, tag + ": p50/max")
        if r["what"] != "latency":
            check(float(r["cancelled"]) > 0, tag + ": nothing cancelled")

    print("%d passed, %d failed" % (results["passed"], results["failed"]))
    return 0 if results["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

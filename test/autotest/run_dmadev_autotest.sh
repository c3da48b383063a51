#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The netdma authors
#
# DPDK's own dmadev_autotest on a netdma instance, loaded as a plugin.
# Passes only if dpdk-test prints "Test OK" and the four per-device tests
# (copy, burst capacity, error handling, fill) ran on the netdma device,
# none skipped.  In IOVA-as-PA mode DPDK skips the error-handling test by
# design (IOVA 0 is a valid physical address); that run checks the other three.
# From 24.11 the per-device tests are a unit-test suite ("TestCase [ n] :
# name succeeded|skipped"); the cases gated on a capability netdma does not
# advertise (sg_copy, sva_copy, m2d_autofree, dma_enq_deq) may be skipped.
# dpdk-test is the first in PATH (meson's test set-up puts the dpdk-test of
# the DPDK built against first).
#
# usage: run_dmadev_autotest.sh PLUGIN.so va|pa [VDEV_ARGS]
set -u
plugin=${1:?plugin}
mode=${2:?va|pa}
vargs=${3:-}
log=$(mktemp "${TMPDIR:-/tmp}/netdma-autotest.XXXXXX")
trap 'rm -f "$log"' EXIT

# A sanitizer build of the plugin needs its runtime loaded first.
pre=""
for rt in libasan libubsan libtsan; do
	lib=$(ldd "$plugin" 2>/dev/null | awk -v r="$rt" '$1 ~ "^"r {print $3; exit}')
	[ -n "$lib" ] && pre="$pre${pre:+:}$lib"
done
[ -n "$pre" ] && export LD_PRELOAD="$pre" ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"
dpdk_test=$(command -v dpdk-test) || { echo "dpdk-test not found (apt-get install dpdk-dev)"; exit 1; }
echo dmadev_autotest | timeout 600 "$dpdk_test" -l 0-1 --no-pci \
	--file-prefix="netdma-at-$mode-$$" --iova-mode="$mode" \
	-d "$plugin" --vdev="dma_netdma0${vargs:+,$vargs}" >"$log" 2>&1
rc=$?
# The per-device section of our instance, progress lines folded.
section=$(tr '\r' '\n' <"$log" | sed -n '/Test dmadev instance .*\[dma_netdma0\]/,/### Test dmadev \|Test OK\|Test Failed/p' |
	grep -v '^Ops submitted' | sed 's/^Ops s.*USER1: /USER1: /')
echo "$section"
tr '\r' '\n' <"$log" | grep -E '^(Test OK|Test Failed|In test_)' | head -20
fail=0
[ $rc -eq 0 ] || { echo "dpdk-test exited with $rc"; fail=1; }
grep -q '^Test OK' "$log" || { echo "no 'Test OK'"; fail=1; }
tests="copy burst.capacity fill"
[ "$mode" = va ] && tests="$tests error.handling"
for t in $tests; do
	echo "$section" | grep -Eq "Running ${t//./[ _]} Tests" ||
		{ echo "'${t//./ }' did not run on dma_netdma0"; fail=1; }
done
# "skipping" lines (all releases) other than the by-design ones
echo "$section" | grep -i "skipping" | grep -v "not in VA mode\|does not support SVA" &&
	{ echo "a test was skipped"; fail=1; }
# skipped or failed unit-test cases (24.11 on)
allowed="sg_copy|sva_copy|m2d_autofree|dma_enq_deq"
[ "$mode" = va ] || allowed="$allowed|error_handling"
echo "$section" | grep -E 'TestCase \[ *[0-9]+\] : [a-z_]+ skipped' | grep -Ev ": ($allowed) skipped" &&
	{ echo "a test case was skipped"; fail=1; }
echo "$section" | grep -E 'TestCase \[ *[0-9]+\] : [a-z_]+ failed' && { echo "a test case failed"; fail=1; }
if [ $fail -eq 0 ]; then
	echo "1 passed, 0 failed"
else
	tail -40 "$log"
	echo "0 passed, 1 failed"
fi
exit $fail

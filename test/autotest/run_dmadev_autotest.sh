#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The netdma authors
#
# DPDK's own dmadev_autotest on a netdma instance, loaded as a plugin.
# Passes only if dpdk-test prints "Test OK" and the four per-device tests
# (copy, burst capacity, error handling, fill) ran on the netdma device,
# none skipped.  In IOVA-as-PA mode DPDK skips the error-handling test by
# design (IOVA 0 is a valid physical address); that run checks the other three.
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
section=$(tr '\r' '\n' <"$log" | sed -n '/Test dmadev instance .*\[dma_netdma0\]/,/### Test dmadev instance\|Test OK\|Test Failed/p' | grep -v '^Ops submitted')
echo "$section"
tr '\r' '\n' <"$log" | grep -E '^(Test OK|Test Failed|In test_)' | head -20
fail=0
[ $rc -eq 0 ] || { echo "dpdk-test exited with $rc"; fail=1; }
grep -q '^Test OK' "$log" || { echo "no 'Test OK'"; fail=1; }
for t in "copy" "burst capacity" "fill"; do
	echo "$section" | grep -q "Running $t Tests" || { echo "'$t' did not run on dma_netdma0"; fail=1; }
done
if [ "$mode" = va ]; then
	echo "$section" | grep -q "Running error handling Tests" ||
		{ echo "'error handling' did not run on dma_netdma0"; fail=1; }
fi
echo "$section" | grep -i "skipping" | grep -v "not in VA mode" && { echo "a test was skipped"; fail=1; }
if [ $fail -eq 0 ]; then
	echo "1 passed, 0 failed"
else
	tail -40 "$log"
	echo "0 passed, 1 failed"
fi
exit $fail

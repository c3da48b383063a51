#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The netdma authors
#
# Build one libFuzzer harness with clang (-fsanitize=fuzzer,address,undefined)
# and run it for a fixed time over its seed corpus.
#   run_fuzz.sh <devargs|chan> <source dir> <build dir> <seconds> [<DPDK SDK dir>]
# FUZZ_SECONDS overrides the time; FUZZ_JOBS runs that many fuzzer processes;
# FUZZ_NEEDS_LONG=1 (set by the long variants) skips unless NETDMA_LONG=1;
# CLANG names the compiler.  Exit 77 (skipped) without clang or libFuzzer.
# The seed corpus (test/fuzz/corpus/<harness>) is read only; new inputs go to
# <build dir>/test/fuzz/<harness>/corpus, crashes to .../<harness>/crash-*.
set -e

harness=$1
src=$(cd "$2" && pwd)
build=$(cd "$3" && pwd)
secs=${FUZZ_SECONDS:-$4}
sdk=${5:-$build/dpdk-sdk}
cc=${CLANG:-clang}
out=$build/test/fuzz/$harness

if [ -n "${FUZZ_NEEDS_LONG:-}" ] && [ "${NETDMA_LONG:-0}" != 1 ]; then
	echo "long fuzzing run: set NETDMA_LONG=1; skipped"
	exit 77
fi
command -v "$cc" >/dev/null 2>&1 || { echo "no $cc: skipped"; exit 77; }
mkdir -p "$out/corpus"
echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }' > "$out/probe.c"
if ! "$cc" -fsanitize=fuzzer "$out/probe.c" -o "$out/probe" 2>/dev/null; then
	echo "$cc cannot link -fsanitize=fuzzer (apt-get install libclang-rt-14-dev): skipped"
	exit 77
fi

cflags="-g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined
	-fno-sanitize-recover=undefined -D_GNU_SOURCE -DALLOW_EXPERIMENTAL_API
	-DALLOW_INTERNAL_API -Wno-unused-parameter $(pkg-config --cflags libdpdk)"
case $(uname -m) in x86_64) cflags="$cflags -march=corei7";; esac
inc="-I$src/lib/cbdma -I$src/lib/netdma -I$src/lib/cbdma_model -I$src/test/common"

case $harness in
devargs)
	for d in include lib/dmadev lib/eal/include drivers/bus/vdev drivers/bus/pci .; do
		[ -d "$sdk/$d" ] && inc="$inc -I$sdk/$d"
	done
	srcs="$src/test/fuzz/fuzz_devargs.c $src/drivers/dma/netdma/netdma_devargs.c"
	inc="$inc -I$src/drivers/dma/netdma"
	libs="-lrte_kvargs -lrte_eal"
	;;
chan)
	srcs="$src/test/fuzz/fuzz_chan.c $src/test/common/eal_free_fixture.c
		$src/test/common/eal_free_jobs.c $src/test/common/test_harness.c
		$src/lib/netdma/netdma_chan.c $src/lib/netdma/netdma_completion.c
		$src/lib/netdma/netdma_ctrl.c $src/lib/netdma/netdma_splice.c
		$src/lib/netdma/netdma_ticket.c $src/lib/netdma/netdma_log.c
		$src/lib/netdma/netdma_mem_hugetlbfs.c
		$src/lib/cbdma_model/cbdma_model.c $src/lib/cbdma_model/cbdma_model_chan.c
		$src/lib/cbdma_model/cbdma_model_exec.c $src/lib/cbdma_model/cbdma_model_engine.c
		$src/lib/cbdma_model/cbdma_model_flat_mem.c $src/lib/cbdma_model/cbdma_model_strict.c"
	libs="-lpthread"
	;;
*)
	echo "unknown harness $harness"; exit 2;;
esac

# shellcheck disable=SC2086
"$cc" $cflags $inc $srcs $libs -o "$out/fuzz_$harness.new" 2> "$out/build.log" || {
	cat "$out/build.log"; exit 1; }
mv "$out/fuzz_$harness.new" "$out/fuzz_$harness"

echo "fuzz_$harness: $secs s over $src/test/fuzz/corpus/$harness"
status=0
# shellcheck disable=SC2086
"$out/fuzz_$harness" -max_total_time="$secs" -timeout=60 -rss_limit_mb=3072 \
	-print_final_stats=1 -artifact_prefix="$out/" ${FUZZ_JOBS:+-jobs=$FUZZ_JOBS} \
	"$out/corpus" "$src/test/fuzz/corpus/$harness" > "$out/run.log" 2>&1 || status=$?
grep -E "^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)|^#[0-9]+.*DONE" \
	"$out/run.log" || true
if [ $status -ne 0 ]; then
	echo "fuzz_$harness FAILED (exit $status); last lines of $out/run.log:"
	tail -40 "$out/run.log"
	exit 1
fi
echo "fuzz_$harness: 1 passed, 0 failed"

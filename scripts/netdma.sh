#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The netdma authors
#
# One entry point for a fresh Debian 12 machine (run as root; idempotent):
#   scripts/netdma.sh demo   set up, build, run the main job on the device model
#   scripts/netdma.sh test   set up, build, run the test suite
#   scripts/netdma.sh setup  packages, DPDK SDK headers, hugepages only
#   scripts/netdma.sh build  configure and build only
#   scripts/netdma.sh sanitize  ASan+UBSan test suite, TSan core/model tests
#   scripts/netdma.sh dpdk VERSION|TARBALL [build|test|perf|bench]
#       netdma against a DPDK built from a release tarball (scripts/dpdk-build.sh:
#       ../shared/dpdk/dpdk-VERSION.tar.xz, cached by checksum), in <build>-dpdk-VERSION:
#       build   build only (DPDK without dpdk-test)
#       test    (default) DPDK's dmadev_autotest on dma_netdma0, the PMD API tests,
#               the suspend/splice/resume suite and stress test, the copy-offload
#               example smoke tests, dpdk-test-dma-perf smoke and unsupported options
#       perf    the dpdk-test-dma-perf tests only
#       bench   the dpdk-test-dma-perf benchmark into doc/benchmark.md
#   scripts/netdma.sh dma-perf [smoke|bench]
#       dpdk-test-dma-perf for the system DPDK (Debian 12: 22.11): built with
#       -Ddpdk_src from NETDMA_DPDK_SRC or ../shared/dpdk/dpdk-23.11.tar.xz
# Environment: NETDMA_BUILD=<dir> (default: ./build, or a root-owned cache
# folder when the checkout sits under a world-writable directory, since EAL
# refuses plugins there), NETDMA_TEST_ARGS (extra `meson test` arguments),
# NETDMA_WERROR=1 (warnings fail the build), NETDMA_DPDK_TARBALLS,
# NETDMA_CACHE, NETDMA_JOBS (see scripts/dpdk-build.sh).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cmd=${1:-test}
shift || true

PACKAGES="gcc libc6-dev pkg-config meson ninja-build python3 dpkg-dev
libdpdk-dev dpdk-dev dpdk dpdk-doc libpci-dev pciutils libhugetlbfs-dev libhugetlbfs-bin
iproute2 procps gnuplot-nox clang libclang-rt-14-dev libjansson-dev
qemu-system-x86 busybox-static cpio kmod
python3-pyelftools xz-utils coreutils util-linux"

log() { printf 'netdma: %s\n' "$*"; }

# Run a build step quietly; when it fails, show what it printed.
quiet() {
	local out rc=0
	out=$(mktemp)
	"$@" >"$out" 2>&1 || rc=$?
	if [ "$rc" != 0 ]; then
		tail -n 80 "$out" >&2
		log "failed ($rc): $*" >&2
	fi
	rm -f "$out"
	return "$rc"
}

need_root() {
	if [ "$(id -u)" != 0 ]; then
		echo "netdma: '$cmd' needs root (apt, hugepages); run it with sudo" >&2
		exit 1
	fi
}

setup_packages() {
	local missing=""
	for p in $PACKAGES; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
			missing="$missing $p"
	done
	if [ -n "$missing" ]; then
		log "installing:$missing"
		apt-get update -q >/dev/null
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >/dev/null
	fi
}

setup_hugepages() {
	local want=${NETDMA_HUGEPAGES:-1536}
	local f=/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages
	if [ -w "$f" ] && [ "$(cat "$f")" -lt "$want" ]; then
		echo "$want" > "$f" || true
	fi
	if ! grep -qs ' hugetlbfs ' /proc/mounts; then
		mkdir -p /dev/hugepages
		mount -t hugetlbfs nodev /dev/hugepages
	fi
	log "hugepages: $(cat "$f") x 2 MiB, mounted at $(awk '$3 == "hugetlbfs" {print $2; exit}' /proc/mounts)"
}

# EAL refuses a -d plugin under a world-writable directory.
world_writable_parent() {
	local d=$1
	while [ "$d" != "/" ]; do
		[ -n "$(find "$d" -maxdepth 0 -perm -0002 2>/dev/null)" ] && return 0
		d=$(dirname "$d")
	done
	return 1
}

build_dir() {
	if [ -n "${NETDMA_BUILD:-}" ]; then
		echo "$NETDMA_BUILD"
	elif world_writable_parent "$top"; then
		echo "/root/.cache/netdma/build-$(echo "$top" | md5sum | cut -c1-8)"
	else
		echo "$top/build"
	fi
}

do_setup() {
	need_root
	setup_packages
	setup_hugepages
}

werror_opt() {
	[ "${NETDMA_WERROR:-0}" = 1 ] && echo -Dwerror=true || true
}

do_build() {
	local b
	b=$(build_dir)
	mkdir -p "$(dirname "$b")"
	if [ ! -f "$b/build.ninja" ]; then
		# shellcheck disable=SC2046
		quiet meson setup "$b" "$top" $(werror_opt) "$@"
	fi
	quiet ninja -C "$b"
	log "built in $b"
}

# netdma against a DPDK built from a release tarball.
do_dpdk() {
	local ver=${1:?usage: $0 dpdk VERSION|TARBALL [build|test|perf|bench]} what=${2:-test}
	local lite=--lite prefix b name t0
	case "$what" in
	build|perf|bench) ;;
	test) lite= ;;
	*) echo "usage: $0 dpdk VERSION|TARBALL [build|test|perf|bench]" >&2; exit 2 ;;
	esac
	do_setup
	t0=$(date +%s)
	prefix=$("$top/scripts/dpdk-build.sh" $lite "$ver")
	name=$(basename "$ver")
	name=${name#dpdk-}
	name=${name%.tar.*}
	b=$(build_dir)-dpdk-$name
	# a build configured against another install of this DPDK (--lite or full)
	if [ -f "$b/.netdma-dpdk-prefix" ] && [ "$(cat "$b/.netdma-dpdk-prefix")" != "$prefix" ]; then
		rm -rf "$b"
	fi
	if [ ! -f "$b/build.ninja" ]; then
		mkdir -p "$(dirname "$b")"
		# shellcheck disable=SC2046
		quiet meson setup "$b" "$top" -Dpkg_config_path="$prefix/lib/pkgconfig" $(werror_opt)
		echo "$prefix" > "$b/.netdma-dpdk-prefix"
	fi
	quiet ninja -C "$b"
	log "netdma built against DPDK $name ($prefix) in $b, $(($(date +%s) - t0)) s with DPDK"
	case "$what" in
	test)
		# shellcheck disable=SC2086
		meson test -C "$b" --print-errorlogs --num-processes 2 --suite autotest --suite api \
			--suite suspend ${NETDMA_TEST_ARGS:-}
		# shellcheck disable=SC2086
		meson test -C "$b" --print-errorlogs --num-processes 2 copy_offload_options \
			copy_offload_null copy_offload_vdev_init copy_offload_ring ${NETDMA_TEST_ARGS:-}
		meson test -C "$b" --print-errorlogs --suite dma-perf
		;;
	perf)
		meson test -C "$b" --print-errorlogs --suite dma-perf
		;;
	bench)
		LD_LIBRARY_PATH="$prefix/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
		python3 "$top/app/dma-perf/dma_perf.py" bench --dma-perf "$prefix/bin/dpdk-test-dma-perf" \
			--plugin "$b/drivers/librte_dma_netdma.so" --out "$b/dma-perf-bench" \
			--doc "$top/doc/benchmark.md" --label "DPDK $name" ${NETDMA_BENCH_ARGS:-}
		;;
	esac
}

# dpdk-test-dma-perf for the system DPDK, built from a DPDK source tree.
do_dma_perf() {
	local what=${1:-smoke} b src
	case "$what" in
	smoke|bench) ;;
	*) echo "usage: $0 dma-perf [smoke|bench]" >&2; exit 2 ;;
	esac
	do_setup
	src=${NETDMA_DPDK_SRC:-}
	[ -n "$src" ] || src=$("$top/scripts/dpdk-build.sh" --src 23.11)
	do_build
	b=$(build_dir)
	quiet meson configure "$b" -Ddpdk_src="$src"
	quiet ninja -C "$b"
	case "$what" in
	smoke)
		meson test -C "$b" --print-errorlogs --suite dma-perf
		;;
	bench)
		# shellcheck disable=SC2086
		python3 "$top/app/dma-perf/dma_perf.py" bench --dma-perf "$b/app/dma-perf/dpdk-test-dma-perf" \
			--plugin "$b/drivers/librte_dma_netdma.so" --out "$b/dma-perf-bench" \
			--doc "$top/doc/benchmark.md" \
			--label "DPDK $(pkg-config --modversion libdpdk) (dma-perf $("$top/scripts/dpdk-sdk-version.sh" "$src") built with -Ddpdk_src)" \
			${NETDMA_BENCH_ARGS:-}
		;;
	esac
}

case "$cmd" in
setup)
	do_setup
	;;
build)
	do_build "$@"
	;;
demo)
	do_setup
	do_build
	b=$(build_dir)
	# The main job: packets from net_null ports copied by netdma on the
	# device model, with live suspend / cancel / insert / resume events.
	exec "$b/examples/copy_offload/netdma-copy-offload" -l 0-1 --no-pci \
		--file-prefix="netdma-demo-$$" --vdev=net_null0 --vdev=net_null1 \
		--vdev=dma_netdma0 -- --duration "${NETDMA_DEMO_SECONDS:-10}" "$@"
	;;
test)
	do_setup
	do_build
	b=$(build_dir)
	# shellcheck disable=SC2086
	meson test -C "$b" --print-errorlogs --num-processes 2 ${NETDMA_TEST_ARGS:-} "$@"
	;;
sanitize)
	do_setup
	b=$(build_dir)
	asan=$b-asan
	tsan=$b-tsan
	[ -f "$asan/build.ninja" ] || meson setup "$asan" "$top" -Db_sanitize=address,undefined \
		-Db_lundef=false -Dbuildtype=debug >/dev/null
	quiet ninja -C "$asan"
	log "ASan+UBSan build in $asan"
	ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		meson test -C "$asan" --print-errorlogs --num-processes 2 --no-suite vm --no-suite bench-long \
		--timeout-multiplier 3 ${NETDMA_TEST_ARGS:-}
	[ -f "$tsan/build.ninja" ] || meson setup "$tsan" "$top" -Db_sanitize=thread \
		-Deal_tests=false -Dexamples=false -Dbuildtype=debug >/dev/null
	quiet ninja -C "$tsan"
	log "TSan build (EAL-free core and model) in $tsan"
	TSAN_OPTIONS=halt_on_error=1 meson test -C "$tsan" --print-errorlogs --suite unit \
		--timeout-multiplier 3
	;;
dpdk)
	do_dpdk "$@"
	;;
dma-perf)
	do_dma_perf "$@"
	;;
*)
	echo "usage: $0 demo|test|setup|build|sanitize|dpdk VERSION [build|test|perf|bench]|dma-perf [smoke|bench]" >&2
	exit 2
	;;
esac

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
# Environment: NETDMA_BUILD=<dir> (default: ./build, or a root-owned cache
# folder when the checkout sits under a world-writable directory, since EAL
# refuses plugins there), NETDMA_TEST_ARGS (extra `meson test` arguments).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cmd=${1:-test}
shift || true

PACKAGES="gcc libc6-dev pkg-config meson ninja-build python3 dpkg-dev
libdpdk-dev dpdk-dev dpdk dpdk-doc libpci-dev pciutils libhugetlbfs-dev libhugetlbfs-bin
iproute2 gnuplot-nox clang libclang-rt-14-dev
qemu-system-x86 busybox-static cpio kmod"

log() { printf 'netdma: %s\n' "$*"; }

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

do_build() {
	local b
	b=$(build_dir)
	mkdir -p "$(dirname "$b")"
	if [ ! -f "$b/build.ninja" ]; then
		meson setup "$b" "$top" "$@" >/dev/null
	fi
	ninja -C "$b" >/dev/null
	log "built in $b"
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
	ninja -C "$asan" >/dev/null
	log "ASan+UBSan build in $asan"
	ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		meson test -C "$asan" --print-errorlogs --num-processes 2 --no-suite vm --no-suite bench-long \
		--timeout-multiplier 3 ${NETDMA_TEST_ARGS:-}
	[ -f "$tsan/build.ninja" ] || meson setup "$tsan" "$top" -Db_sanitize=thread \
		-Deal_tests=false -Dexamples=false -Dbuildtype=debug >/dev/null
	ninja -C "$tsan" >/dev/null
	log "TSan build (EAL-free core and model) in $tsan"
	TSAN_OPTIONS=halt_on_error=1 meson test -C "$tsan" --print-errorlogs --suite unit \
		--timeout-multiplier 3
	;;
*)
	echo "usage: $0 demo|test|setup|build|sanitize" >&2
	exit 2
	;;
esac

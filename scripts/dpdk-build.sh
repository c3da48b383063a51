#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The netdma authors
#
# Build and install a minimal, shared-library DPDK from a release tarball into
# a cache folder keyed by the tarball's checksum, and print the install prefix
# (the only line on stdout).  Reuses the install when the tarball and the
# options are unchanged.
#
# usage: dpdk-build.sh [--lite|--src] VERSION|TARBALL
#   VERSION   e.g. 25.11: $NETDMA_DPDK_TARBALLS/dpdk-VERSION.tar.xz
#             (default folder: ../shared/dpdk beside the repository)
#   TARBALL   any DPDK release tarball (dpdk-X.Y[.Z].tar.xz or .tar.gz)
#
# Environment: NETDMA_DPDK_TARBALLS (tarball folder), NETDMA_CACHE (default
# $XDG_CACHE_HOME/netdma or ~/.cache/netdma), NETDMA_JOBS (ninja -j, 2).
#
# What is built (enough for netdma, its tests, dpdk-test and dpdk-test-dma-perf):
# EAL and the always-enabled libraries, dmadev, cfgfile; bus/pci, bus/vdev,
# dma/skeleton, net/null, net/ring, mempool/ring; the apps dpdk-test and
# dpdk-test-dma-perf; the driver-SDK headers.  Shared libraries: a static
# dpdk-test cannot load a -d plugin.  --lite leaves out dpdk-test (the
# longest part of the build), for build checks and dma-perf runs only; a full
# build of the same tarball serves a --lite request too.  --src only unpacks
# the tarball (into the cache) and prints the source tree, for netdma's
# -Ddpdk_src (dpdk-test-dma-perf built against another DPDK).
set -euo pipefail

lite=0
src_only=0
case "${1:-}" in
--lite) lite=1; shift ;;
--src) src_only=1; shift ;;
esac

top=$(cd "$(dirname "$0")/.." && pwd)
arg=${1:?usage: dpdk-build.sh [--lite|--src] VERSION|TARBALL}
tarballs=${NETDMA_DPDK_TARBALLS:-$top/../shared/dpdk}
cache=${NETDMA_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/netdma}
jobs=${NETDMA_JOBS:-2}

log() { printf 'dpdk-build: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

if [ -f "$arg" ]; then
	tarball=$(cd "$(dirname "$arg")" && pwd)/$(basename "$arg")
else
	tarball=$tarballs/dpdk-$arg.tar.xz
	[ -f "$tarball" ] || die "no $tarball (set NETDMA_DPDK_TARBALLS, or pass a tarball path)"
fi
name=$(basename "$tarball")
ver=${name#dpdk-}
ver=${ver%.tar.*}
case "$ver" in
[0-9][0-9].[0-9][0-9]*) ;;
*) die "cannot tell the DPDK version from '$name' (expected dpdk-X.Y[.Z].tar.xz)" ;;
esac

sha=$(sha256sum "$tarball" | cut -c1-64)
sums=$(dirname "$tarball")/SHA256SUMS
if [ -f "$sums" ] && grep -q " $name\$" "$sums"; then
	grep " $name\$" "$sums" | grep -q "^$sha " ||
		die "$name does not match its checksum in $sums"
fi

if [ $src_only = 1 ]; then
	for d in "$cache/dpdk-$ver-${sha:0:8}" "$cache/dpdk-$ver-${sha:0:8}-lite" \
			"$cache/dpdk-$ver-${sha:0:8}-src"; do
		if [ -f "$d/.stamp" ] && [ -f "$d/src/app/test-dma-perf/main.c" ]; then
			echo "$d/src"
			exit 0
		fi
	done
	d=$cache/dpdk-$ver-${sha:0:8}-src
	mkdir -p "$d"
	rm -rf "$d/src"
	mkdir "$d/src"
	tar xf "$tarball" -C "$d/src" --strip-components=1
	echo "$sha (source only)" > "$d/.stamp"
	log "DPDK $ver sources in $d/src"
	echo "$d/src"
	exit 0
fi

drivers=bus/pci,bus/vdev,dma/skeleton,net/null,net/ring,mempool/ring
options() {	# $1: 1 for --lite
	local apps=test,test-dma-perf tests=true
	[ "$1" = 1 ] && apps=test-dma-perf tests=false
	echo --prefix=@PREFIX@ --libdir=lib --buildtype=release \
		-Ddefault_library=shared -Denable_driver_sdk=true -Dplatform=generic \
		-Dtests=$tests -Denable_apps=$apps \
		-Denable_libs=dmadev,cfgfile -Denable_drivers=$drivers \
		-Denable_docs=false -Dexamples=
}

cached() {	# $1: folder, $2: lite; prints the prefix when that build is there
	[ -f "$1/.stamp" ] && [ "$(cat "$1/.stamp")" = "$sha $(options "$2")" ] &&
		[ -f "$1/install/lib/pkgconfig/libdpdk.pc" ] && echo "$1/install"
}

full=$cache/dpdk-$ver-${sha:0:8}
dir=$full
[ $lite = 1 ] && dir=$full-lite
prefix=$dir/install
# shellcheck disable=SC2207
opts=($(options $lite))
stamp="$sha ${opts[*]}"
mkdir -p "$dir"
exec 9>"$dir/.lock"
flock 9

if p=$(cached "$full" 0) || { [ $lite = 1 ] && p=$(cached "$dir" 1); }; then
	log "DPDK $ver (sha256 ${sha:0:8}) cached in $p"
	echo "$p"
	exit 0
fi

# DPDK's meson needs a python3 with elftools (Debian's python3-pyelftools):
# the system one, ahead of any other python3 in PATH.
export PATH=/usr/bin:/bin:$PATH
/usr/bin/python3 -c 'import elftools' 2>/dev/null ||
	die "DPDK's build needs python3-pyelftools (apt-get install python3-pyelftools)"

rm -rf "$dir/src" "$dir/build" "$prefix" "$dir/.stamp"
log "unpacking $name into $dir/src"
mkdir -p "$dir/src"
tar xf "$tarball" -C "$dir/src" --strip-components=1

t0=$(date +%s)
log "configuring DPDK $ver"
meson setup "$dir/build" "$dir/src" "${opts[@]/@PREFIX@/$prefix}" >"$dir/configure.log" 2>&1 ||
	{ tail -30 "$dir/configure.log" >&2; die "meson setup failed (log: $dir/configure.log)"; }
t1=$(date +%s)
log "building DPDK $ver (ninja -j$jobs)"
ninja -C "$dir/build" -j"$jobs" >"$dir/build.log" 2>&1 ||
	{ tail -30 "$dir/build.log" >&2; die "build failed (log: $dir/build.log)"; }
t2=$(date +%s)
meson install -C "$dir/build" --quiet >"$dir/install.log" 2>&1 ||
	{ tail -30 "$dir/install.log" >&2; die "install failed (log: $dir/install.log)"; }
t3=$(date +%s)
log "DPDK $ver: configured in $((t1 - t0)) s, built in $((t2 - t1)) s, installed in $((t3 - t2)) s"
echo "$stamp" > "$dir/.stamp"
echo "$prefix"

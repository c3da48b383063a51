#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The netdma authors
#
# Fetch DPDK's driver-SDK headers (the ones Debian's libdpdk-dev does not
# install) from the Debian source package of exactly the installed
# libdpdk-dev version, into OUTDIR/include.  Idempotent: does nothing when
# OUTDIR already holds the headers of that version.
#
# A deb-src entry is derived at run time from the machine's own apt sources
# when none exists (root needed for that step only).
#
# With EXPECTED (the DPDK version meson builds against, e.g. 22.11.11), refuse
# when the installed libdpdk-dev is another DPDK: its SDK headers would not
# match the libraries.
#
# usage: fetch-dpdk-sdk.sh OUTDIR [EXPECTED]
set -eu

out=${1:?usage: fetch-dpdk-sdk.sh OUTDIR [EXPECTED]}
expected=${2:-}
headers="lib/dmadev/rte_dmadev_pmd.h lib/eal/include/dev_driver.h
lib/eal/include/bus_driver.h drivers/bus/vdev/bus_vdev_driver.h
drivers/bus/pci/bus_pci_driver.h"

ver=$(dpkg-query -W -f='${Version}' libdpdk-dev 2>/dev/null) || {
	echo "fetch-dpdk-sdk: libdpdk-dev is not installed" >&2; exit 1; }
[ -n "$ver" ] || { echo "fetch-dpdk-sdk: libdpdk-dev is not installed" >&2; exit 1; }
if [ -n "$expected" ]; then
	upstream=${ver#*:}
	upstream=${upstream%%-*}
	if [ "$upstream" != "$expected" ]; then
		echo "fetch-dpdk-sdk: the installed libdpdk-dev is DPDK $upstream, but meson builds against DPDK $expected:" \
			"its SDK headers would not match" >&2
		exit 1
	fi
fi

if [ -f "$out/VERSION" ] && [ "$(cat "$out/VERSION")" = "$ver" ]; then
	exit 0
fi

have_src() {
	grep -rqsE '^(deb-src|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null
}

if ! have_src; then
	if [ "$(id -u)" != 0 ]; then
		echo "fetch-dpdk-sdk: no deb-src entry in apt's sources, and not root to add one" >&2
		exit 1
	fi
	# Mirror the machine's own binary sources as source sources.
	if ls /etc/apt/sources.list.d/*.sources >/dev/null 2>&1; then
		for f in /etc/apt/sources.list.d/*.sources; do
			case "$f" in *netdma-deb-src.sources) continue;; esac
			sed -n '/^Types:/s/^Types:.*/Types: deb-src/;p' "$f"
			echo
		done > /etc/apt/sources.list.d/netdma-deb-src.sources
	fi
	if [ -f /etc/apt/sources.list ]; then
		sed -n 's/^deb \(.*\)/deb-src \1/p' /etc/apt/sources.list \
			> /etc/apt/sources.list.d/netdma-deb-src.list
	fi
	apt-get update -q >/dev/null
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/netdma-sdk.XXXXXX")
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get source -q --download-only "dpdk=$ver" >/dev/null 2>&1) || {
	# the sources list may be stale
	if [ "$(id -u)" = 0 ]; then apt-get update -q >/dev/null; fi
	(cd "$work" && apt-get source -q --download-only "dpdk=$ver" >/dev/null) || {
		echo "fetch-dpdk-sdk: apt-get source dpdk=$ver failed" >&2; exit 1; }
}
orig=$(ls "$work"/dpdk_*.orig.tar.* | head -n 1)
top=$(tar tf "$orig" | head -n 1 | cut -d/ -f1)
members=""
for h in $headers; do members="$members $top/$h"; done
# shellcheck disable=SC2086
tar xf "$orig" -C "$work" $members

rm -rf "$out"
mkdir -p "$out/include"
for h in $headers; do cp "$work/$top/$h" "$out/include/"; done
echo "$ver" > "$out/VERSION"
echo "fetch-dpdk-sdk: driver-SDK headers of dpdk $ver in $out/include"

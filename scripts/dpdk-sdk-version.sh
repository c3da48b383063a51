#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The netdma authors
#
# Print the DPDK version (YY.MM.N) of a folder of DPDK driver-SDK headers, so
# that meson can refuse headers of another DPDK than the one it builds against.
# DIR may be: a folder made by fetch-dpdk-sdk.sh (VERSION holds the Debian
# version), a DPDK source tree (VERSION), a DPDK build tree or install, or an
# include folder (rte_build_config.h).  Exit 1 when the version cannot be told.
#
# usage: dpdk-sdk-version.sh DIR
set -eu
dir=${1:?usage: dpdk-sdk-version.sh DIR}

# 22.11.11-1~deb12u1 (Debian), 1:22.11.11-1 (epoch), 25.11.0-rc1 -> YY.MM.N
norm() {
	v=${1#*:}
	v=${v%%-*}
	v=${v%%~*}
	case "$v" in
	*.*.*) echo "$v" ;;
	*.*) echo "$v.0" ;;
	*) return 1 ;;
	esac
}

if [ -f "$dir/VERSION" ]; then
	norm "$(head -n 1 "$dir/VERSION")"
	exit $?
fi
cfg=$(find "$dir" -maxdepth 4 -name rte_build_config.h 2>/dev/null | head -n 1)
if [ -n "$cfg" ]; then
	def() { awk -v k="$1" '$1 == "#define" && $2 == k {print $3; exit}' "$cfg"; }
	y=$(def RTE_VER_YEAR)
	m=$(def RTE_VER_MONTH)
	n=$(def RTE_VER_MINOR)
	if [ -n "$y" ] && [ -n "$m" ] && [ -n "$n" ]; then
		printf '%d.%02d.%d\n' "$y" "$m" "$n"
		exit 0
	fi
fi
echo "dpdk-sdk-version: cannot tell the DPDK version of $dir (no VERSION file, no rte_build_config.h)" >&2
exit 1

#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The netdma authors
#
# meson install script (-Dinstall_pmd_to_eal_dir=true): copy the netdma plugin
# into the EAL plugin directory of the DPDK it was built against.  Honours
# DESTDIR.  EAL then loads it for every application of that DPDK: do not also
# pass -d librte_dma_netdma.so (a plugin loaded twice registers its drivers twice).
#
# usage: install-pmd.sh PLUGIN.so EAL_PMD_DIR
set -eu
so=${1:?usage: install-pmd.sh PLUGIN.so EAL_PMD_DIR}
dir=${2:?usage: install-pmd.sh PLUGIN.so EAL_PMD_DIR}
dest=${DESTDIR:-}$dir
mkdir -p "$dest"
install -m 0755 "$so" "$dest/$(basename "$so")"
echo "Installing $so to $dest (EAL loads it from there: do not pass -d for it as well)"

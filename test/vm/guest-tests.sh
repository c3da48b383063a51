#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The netdma authors
#
# Runs inside the VM rig's guest, chrooted into the host's / (read-only over
# 9p); SHARE is the writable log share.  Binds the emulated CBDMA (ivshmem) to
# vfio-pci, sets up hugepages, runs the tests, and leaves one line per step in
# $SHARE/results ("<step> PASS|FAIL|SKIP <seconds> <note>") and every output
# in $SHARE/<step>.log.
#
# Usage: guest-tests.sh SHARE   (SHARE/config.sh is written by run-vm-test.sh)

SHARE=${1:?usage: guest-tests.sh SHARE}
# shellcheck source=/dev/null
. "$SHARE/config.sh"
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
RESULTS=$SHARE/results
: > "$RESULTS"
failures=0

say() { echo "netdma-vm: $*"; }
record() {	# step verdict seconds note
	echo "$1 $2 $3 ${4:-}" >> "$RESULTS"
	say "$1: $2 (${3}s) ${4:-}"
	[ "$2" != FAIL ] || failures=$((failures + 1))
}
# run STEP NOTE CMD...: output to STEP.log, PASS when CMD exits 0.
run() {
	local step=$1 note=$2 t0 rc
	shift 2
	t0=$(date +%s.%N)
	"$@" > "$SHARE/$step.log" 2>&1
	rc=$?
	local dt
	dt=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
	if [ $rc -eq 0 ]; then
		record "$step" PASS "$dt" "$note"
	else
		record "$step" FAIL "$dt" "$note (exit $rc, see $step.log)"
	fi
	return $rc
}
finish() {
	echo "done failures=$failures" >> "$RESULTS"
	sync
	exit 0
}

# ---- vfio ----
setup_vfio() {
	local m
	for m in $VM_VFIO_MODULES; do
		busybox insmod "$m" || { echo "insmod $m failed"; return 1; }
	done
	[ -e /dev/vfio/vfio ] || { echo "no /dev/vfio/vfio after loading vfio"; return 1; }
	ls /sys/kernel/iommu_groups | grep -q . ||
		{ echo "no IOMMU groups: is intel_iommu=on and -device intel-iommu given?"; return 1; }
}

find_ivshmem() {
	local d
	for d in /sys/bus/pci/devices/*; do
		if [ "$(cat "$d/vendor")" = 0x1af4 ] && [ "$(cat "$d/device")" = 0x1110 ]; then
			echo "${d##*/}"
			return 0
		fi
	done
	return 1
}

bind_vfio() {
	local bdf=$1 dev=/sys/bus/pci/devices/$1 grp
	echo vfio-pci > "$dev/driver_override" || return 1
	if [ -e "$dev/driver" ]; then
		echo "$bdf" > "$dev/driver/unbind" || return 1
	fi
	echo "$bdf" > /sys/bus/pci/drivers_probe || return 1
	[ "$(basename "$(readlink "$dev/driver")")" = vfio-pci ] ||
		{ echo "$bdf is not bound to vfio-pci"; return 1; }
	grp=$(basename "$(readlink "$dev/iommu_group")")
	[ -e "/dev/vfio/$grp" ] || { echo "no /dev/vfio/$grp"; return 1; }
	echo "$bdf bound to vfio-pci, IOMMU group $grp"
	ls -l "$dev"/resource*
}

setup_hugepages() {
	echo "$HUGEPAGES" > /sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages
	local got
	got=$(cat /sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages)
	echo "$got of $HUGEPAGES 2 MiB hugepages"
	[ "$got" -ge 64 ]
}

run vfio_modules "vfio, vfio_iommu_type1, vfio-pci (Debian modules, IOMMU type 1)" setup_vfio ||
	finish
BDF=$(find_ivshmem) || { record find_device FAIL 0 "no ivshmem (1af4:1110) function"; finish; }
run bind_vfio "$BDF -> vfio-pci (driver_override + drivers_probe)" bind_vfio "$BDF" || finish
run hugepages "$HUGEPAGES x 2 MiB" setup_hugepages || finish

EAL=(-l 0-1 --iova-mode=pa -a "$BDF" --log-level=pmd.dma.netdma:info)

# (i) the PMD's own PCI test
run pmd_pci "test_vm_pci: probe, copy, fill, XFERCAP, error, restart, suspend cycle" \
	"$TEST_PCI" "${EAL[@]}" --file-prefix=vm_pci -- --bdf "$BDF" --xfercap "$XFERCAP"

# (ii) DPDK's dmadev_autotest on the PCI-probed device
autotest() {
	DPDK_TEST=dmadev_autotest dpdk-test "${EAL[@]}" --file-prefix=vm_auto -d "$PLUGIN" || return 1
}
if run dmadev_autotest "dpdk-test, netdma plugin via -d" autotest; then
	grep -q "DPDK not in VA mode, skipping error handling tests" "$SHARE/dmadev_autotest.log" &&
		say "dmadev_autotest: error-handling subtest skipped (IOVA as PA: address 0 is valid)"
fi

# (iii) the suspend/splice/resume tests, when their fixture can drive an
# existing device (it honours NETDMA_TEST_DEVICE=<dmadev name>); a suite that
# only creates its own dma_netdma vdevs would test the vdev, not this device.
n=0
for t in $SUSPEND_TESTS; do
	if ! grep -qa NETDMA_TEST_DEVICE "$t"; then
		record "suspend_${t##*/}" SKIP 0 "${t##*/} creates its own vdevs (no NETDMA_TEST_DEVICE support)"
		continue
	fi
	n=$((n + 1))
	NETDMA_TEST_DEVICE=$BDF run "suspend_${t##*/}" "${t##*/} on $BDF" \
		"$t" "${EAL[@]}" --file-prefix="vm_susp$n"
done
[ -n "$SUSPEND_TESTS" ] || record suspend_tests SKIP 0 "no test/pmd/test_suspend* binary in the build"

# (iv) which driver gets a device that two loaded drivers match: the first
# registered.  The decoy plugin claims the ivshmem function as dma_ioat claims
# CBDMA ids; the EAL log names the driver it probes the device with.
order_case() {	# want plugins...
	local want=$1 p args=() out rc got
	shift
	for p in "$@"; do
		args+=(-d "$p")
	done
	out=$(dpdk-test -l 0 --iova-mode=pa -a "$BDF" --file-prefix=vm_order \
		--log-level=lib.eal:debug "${args[@]}" < /dev/null 2>&1)
	rc=$?
	echo "$out"
	got=$(echo "$out" | sed -n 's/^EAL: Probe PCI driver: \([^ ]*\) .*/\1/p' | head -n 1)
	echo "== $BDF went to ${got:-no driver} (want $want); dpdk-test exit $rc"
	[ $rc -eq 0 ] && [ "$got" = "$want" ]
}
order_check() {	# step want plugins...
	local step=$1 want=$2 shown=() p
	shift 2
	for p in "$@"; do
		shown+=("-d ${p##*/}")
	done
	run "$step" "${shown[*]} -> $want" order_case "$want" "$@"
}
order_check order_netdma_first dma_netdma_ivshmem "$PLUGIN" "$DECOY"
order_check order_decoy_first dma_netdma_decoy "$DECOY" "$PLUGIN"
order_check order_dir_last dma_netdma_ivshmem "$(dirname "$DECOY")" "$PLUGIN"
# Debian's default plugin directory (dma_ioat in it) loads after every -d.
ioat_after() {
	local l_net l_ioat
	l_net=$(grep -n "open shared lib .*librte_dma_netdma.so" "$SHARE/order_netdma_first.log" |
		head -n 1 | cut -d: -f1)
	l_ioat=$(grep -n "open shared lib .*librte_dma_ioat.so" "$SHARE/order_netdma_first.log" |
		head -n 1 | cut -d: -f1)
	echo "netdma plugin opened at log line ${l_net:-?}, dma_ioat at ${l_ioat:-?}"
	[ -n "$l_net" ] && [ -n "$l_ioat" ] && [ "$l_net" -lt "$l_ioat" ]
}
run order_ioat_after "Debian's dma_ioat plugin is registered after a -d plugin" ioat_after

# (v) devices the PCI probe must leave alone: BAR2 without the signature, a
# register file claiming CBDMA v2.0.  The bytes are changed through sysfs and
# put back whatever happens.
refused() {	# offset hexbytes [expected log text]
	local res=/sys/bus/pci/devices/$BDF/resource2 old out rc=0
	old=$(python3 "$BAR_POKE" "$res" "$1" "$2") || return 1
	echo "BAR2+$1: $old -> $2"
	out=$(dpdk-test -l 0 --iova-mode=pa -a "$BDF" --file-prefix=vm_refuse -d "$PLUGIN" \
		--log-level=lib.eal:debug < /dev/null 2>&1) || rc=1
	python3 "$BAR_POKE" "$res" "$1" "$old" > /dev/null || { echo "cannot restore BAR2+$1"; rc=1; }
	echo "$out"
	# A positive probe return: EAL unmaps the BARs and reports no failure.
	echo "$out" | grep -q "Releasing PCI mapped resource for $BDF" ||
		{ echo "== the device was not released"; rc=1; }
	if echo "$out" | grep -q "cannot be used"; then
		echo "== the probe failed (negative return) instead of leaving the device"
		rc=1
	fi
	if [ -n "${3:-}" ] && ! echo "$out" | grep -qF -- "$3"; then
		echo "== no \"$3\" in the log"
		rc=1
	fi
	if echo "$out" | grep -q "channel in ivshmem BAR2"; then
		echo "== a dmadev was created"
		rc=1
	fi
	return $rc
}
run refuse_unsigned "BAR2 without \"NETDMA01\": probe returns > 0, device left alone" \
	refused 0x0 0000000000000000
run refuse_cbver_2_0 "CBVER 0x20: refused with a log line, device left alone" \
	refused 0x1008 20 "CBDMA version 2.0 (CBVER 0x20) is not supported"

finish

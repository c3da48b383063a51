#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The netdma authors
#
# The VM rig, end to end: the netdma PMD's vfio-pci path in a QEMU guest (TCG)
# against netdma-model-daemon on the host, behind an ivshmem BAR.
#
#   host: netdma-model-daemon --bar /dev/shm/<n>-bar --ram /dev/shm/<n>-ram
#   qemu: q35, RAM = memory-backend-file(<n>-ram, share=on),
#         ivshmem-plain(memdev = <n>-bar), intel-iommu, host / over virtio-9p
#   guest: vfio-pci bind, hugepages, test_vm_pci, dpdk-test dmadev_autotest,
#          the suspend tests if built, the driver-choice checks (guest-tests.sh)
#
# Usage: run-vm-test.sh --build DIR [--daemon P] [--test-pci P] [--plugin P]
#          [--decoy P] [--cache DIR] [--timeout S] [--keep]
# Defaults point into DIR.  Logs stay in DIR/vm-rig/; everything else the run
# made (processes, /dev/shm files) is removed on exit.  Exit 0 pass, 1 fail,
# 77 skipped (not root).
# Environment: NETDMA_VM_CACHE (default /var/tmp/netdma-vm), NETDMA_VM_KERNEL_PKG.

set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BUILD="" DAEMON="" TEST_PCI="" PLUGIN="" DECOY="" KEEP=0
CACHE=${NETDMA_VM_CACHE:-/var/tmp/netdma-vm}
GUEST_TIMEOUT=600
RAM_SIZE=1G
BAR_SIZE=1M
XFERCAP=20
HUGEPAGES=192

say() { echo "vm-test: $*"; }
die() { echo "vm-test: FAIL: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
	case "$1" in
	--build) BUILD=$2; shift 2 ;;
	--daemon) DAEMON=$2; shift 2 ;;
	--test-pci) TEST_PCI=$2; shift 2 ;;
	--plugin) PLUGIN=$2; shift 2 ;;
	--decoy) DECOY=$2; shift 2 ;;
	--cache) CACHE=$2; shift 2 ;;
	--timeout) GUEST_TIMEOUT=$2; shift 2 ;;
	--keep) KEEP=1; shift ;;
	-h|--help) sed -n '3,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) die "unknown argument $1 (see --help)" ;;
	esac
done
[ -n "$BUILD" ] || die "--build DIR is required"
BUILD=$(cd "$BUILD" && pwd) || die "no build directory $BUILD"
DAEMON=${DAEMON:-$BUILD/app/model_daemon/netdma-model-daemon}
TEST_PCI=${TEST_PCI:-$BUILD/test/vm/test_vm_pci}
PLUGIN=${PLUGIN:-$BUILD/drivers/librte_dma_netdma.so}
DECOY=${DECOY:-$BUILD/test/vm/librte_dma_netdma_decoy.so}

if [ "$(id -u)" -ne 0 ]; then
	say "SKIP: needs root (vfio in the guest is fine, but apt, /dev/shm and QEMU's 9p export of / need root)"
	exit 77
fi
for f in "$DAEMON" "$TEST_PCI" "$PLUGIN" "$DECOY"; do
	[ -e "$f" ] || die "missing $f (build first: ninja -C $BUILD)"
done
case "$BUILD" in
/tmp|/tmp/*) die "the build directory $BUILD is under /tmp, which the guest covers with a tmpfs" ;;
esac

RUN=$BUILD/vm-rig
NAME=netdma-vm-$$
BAR=/dev/shm/$NAME-bar
RAM=/dev/shm/$NAME-ram
SHARE=$RUN/share
DAEMON_PID="" QEMU_PID=""

cleanup() {
	local rc=$?
	[ $rc -lt 128 ] || say "interrupted (exit $rc): stopping QEMU and the model daemon"
	if [ -n "$QEMU_PID" ] && kill -0 "$QEMU_PID" 2>/dev/null; then
		kill "$QEMU_PID" 2>/dev/null
		wait "$QEMU_PID" 2>/dev/null
	fi
	if [ -n "$DAEMON_PID" ] && kill -0 "$DAEMON_PID" 2>/dev/null; then
		kill -TERM "$DAEMON_PID" 2>/dev/null
		wait "$DAEMON_PID" 2>/dev/null
	fi
	rm -f "$BAR" "$RAM"
	[ "$KEEP" = 1 ] || rm -f "$SHARE/config.sh" "$SHARE/run.sh"
	exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

t_start=$(date +%s)
rm -rf "$RUN"
mkdir -p "$SHARE" || die "cannot create $SHARE"

# ---- guest kernel and initramfs (cached) ----
say "preparing the guest (cache $CACHE)"
prep=$("$HERE/vm-prepare.sh" "$CACHE" 2> "$RUN/prepare.log") ||
	{ cat "$RUN/prepare.log" >&2; die "guest preparation failed"; }
eval "$prep"
t_prep=$(date +%s)

# ---- room in /dev/shm for the guest RAM ----
need_kb=$(( $(numfmt --from=iec "$RAM_SIZE") / 1024 + 4096 ))
avail_kb=$(df -k --output=avail /dev/shm | tail -n 1)
[ "$avail_kb" -ge "$need_kb" ] ||
	die "/dev/shm has $((avail_kb / 1024)) MiB free, the guest RAM file needs $((need_kb / 1024)) MiB"

# ---- the device model ----
"$DAEMON" --bar "$BAR" --bar-size "$BAR_SIZE" --ram "$RAM" --ram-size "$RAM_SIZE" \
	--xfercap "$XFERCAP" > "$RUN/daemon.log" 2>&1 &
DAEMON_PID=$!
for _ in $(seq 100); do
	[ "$(head -c 8 "$BAR" 2>/dev/null)" = NETDMA01 ] && break
	kill -0 "$DAEMON_PID" 2>/dev/null || { cat "$RUN/daemon.log" >&2; die "the model daemon exited"; }
	sleep 0.1
done
[ "$(head -c 8 "$BAR" 2>/dev/null)" = NETDMA01 ] || die "the model daemon did not publish its BAR"
say "$(head -n 1 "$RUN/daemon.log")"

# ---- what the guest runs ----
suspend_tests=$(find "$BUILD/test/pmd" -maxdepth 1 -type f -name 'test_suspend*' -perm -u+x \
	2>/dev/null | sort | tr '\n' ' ')
{
	printf 'VM_VFIO_MODULES=%q\n' "$VM_VFIO_MODULES"
	printf 'TEST_PCI=%q\nPLUGIN=%q\nDECOY=%q\n' "$TEST_PCI" "$PLUGIN" "$DECOY"
	printf 'BAR_POKE=%q\n' "$HERE/bar_poke.py"
	printf 'SUSPEND_TESTS=%q\nXFERCAP=%q\nHUGEPAGES=%q\n' "$suspend_tests" "$XFERCAP" "$HUGEPAGES"
} > "$SHARE/config.sh"
printf '#!/bin/bash\nexec /bin/bash %q %q\n' "$HERE/guest-tests.sh" "$SHARE" > "$SHARE/run.sh"

# ---- the guest ----
say "booting the guest (TCG, $VM_KVER); console in $RUN/console.log"
timeout -k 10 "$GUEST_TIMEOUT" qemu-system-x86_64 \
	-machine q35,memory-backend=ram0 -accel tcg,thread=multi -cpu max -smp 2 -m "$RAM_SIZE" \
	-nodefaults -display none -no-reboot \
	-object memory-backend-file,id=ram0,size="$RAM_SIZE",mem-path="$RAM",share=on \
	-device intel-iommu \
	-object memory-backend-file,id=netdma_bar,size="$BAR_SIZE",mem-path="$BAR",share=on \
	-device ivshmem-plain,memdev=netdma_bar \
	-fsdev local,id=hostroot,path=/,security_model=none,readonly=on,multidevs=remap \
	-device virtio-9p-pci,fsdev=hostroot,mount_tag=hostroot \
	-fsdev local,id=netdma_out,path="$SHARE",security_model=none,multidevs=remap \
	-device virtio-9p-pci,fsdev=netdma_out,mount_tag=netdma_out \
	-kernel "$VM_KERNEL" -initrd "$VM_INITRD" \
	-append "console=ttyS0 panic=-1 intel_iommu=on iommu=pt loglevel=4 netdma_share=$SHARE" \
	-serial file:"$RUN/console.log" > "$RUN/qemu.log" 2>&1 &
QEMU_PID=$!
wait "$QEMU_PID"
qemu_rc=$?
QEMU_PID=""
t_guest=$(date +%s)

kill -USR1 "$DAEMON_PID" 2>/dev/null
sleep 0.2
kill -TERM "$DAEMON_PID" 2>/dev/null
wait "$DAEMON_PID" 2>/dev/null
DAEMON_PID=""

# ---- verdict ----
say "model daemon: $(grep ': stopped' "$RUN/daemon.log" | tail -n 1 | sed 's/^netdma-model-daemon: //')"
if [ -s "$SHARE/results" ]; then
	grep -v '^done ' "$SHARE/results" | sed 's/^/vm-test:   /'
fi
say "timings: prepare $((t_prep - t_start)) s, guest $((t_guest - t_prep)) s"
if [ "$qemu_rc" -eq 124 ] || [ "$qemu_rc" -eq 137 ]; then
	tail -n 20 "$RUN/console.log" >&2
	die "the guest did not finish within ${GUEST_TIMEOUT} s (console: $RUN/console.log)"
fi
[ "$qemu_rc" -eq 0 ] || { cat "$RUN/qemu.log" >&2; die "QEMU exited with $qemu_rc (see $RUN/qemu.log)"; }
grep -q '^done ' "$SHARE/results" 2>/dev/null ||
	{ tail -n 20 "$RUN/console.log" >&2; die "the guest stopped before finishing (console: $RUN/console.log)"; }
nfail=$(grep -c ' FAIL ' "$SHARE/results")
if [ "$nfail" -ne 0 ]; then
	for f in $(awk '$2 == "FAIL" { print $1 }' "$SHARE/results"); do
		echo "---- $f.log (tail) ----" >&2
		tail -n 15 "$SHARE/$f.log" >&2
	done
	die "$nfail guest step(s) failed; logs in $SHARE"
fi
npass=$(grep -c ' PASS ' "$SHARE/results")
nskip=$(grep -c ' SKIP ' "$SHARE/results")
say "$npass passed, 0 failed, $nskip skipped (logs in $SHARE)"
exit 0

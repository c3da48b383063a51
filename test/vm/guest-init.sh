#!/bin/busybox sh
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The netdma authors
#
# /init of the VM rig's initramfs (static busybox): load the 9p/virtio modules
# listed in /modules.list, mount the host's / read-only over virtio-9p (tag
# hostroot) and the writable log share (tag netdma_out) at the path given by
# netdma_share= on the kernel command line, give the chroot its own proc,
# sysfs, devtmpfs, hugetlbfs and tmpfs mounts, run <share>/run.sh in the
# chroot, then power off.

/bin/busybox mkdir -p /bin /proc /sys /dev /newroot
/bin/busybox --install -s /bin
export PATH=/bin

poweroff_now() {
	echo o > /proc/sysrq-trigger
	# The power-off is asynchronous: do not let init exit (that panics).
	sleep 60
}
fail() {
	echo "netdma-init: FAILED: $*"
	poweroff_now
}

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev

for m in $(cat /modules.list); do
	insmod "/lib/modules/$m" || fail "insmod $m"
done

share=""
for arg in $(cat /proc/cmdline); do
	case "$arg" in
	netdma_share=*) share=${arg#netdma_share=} ;;
	esac
done
[ -n "$share" ] || fail "no netdma_share= on the kernel command line"

opts=trans=virtio,version=9p2000.L,msize=512000
mount -t 9p -o "$opts,ro,cache=loose" hostroot /newroot || fail "mount host root over 9p"
mount -t 9p -o "$opts" netdma_out "/newroot$share" || fail "mount the log share at $share"
mount -t proc proc /newroot/proc || fail "proc"
mount -t sysfs sysfs /newroot/sys || fail "sysfs"
mount -t devtmpfs devtmpfs /newroot/dev || fail "devtmpfs"
mount -t tmpfs -o mode=1777 tmpfs /newroot/tmp || fail "tmpfs /tmp"
mount -t tmpfs -o mode=0755 tmpfs /newroot/run || fail "tmpfs /run"
mkdir -p /newroot/dev/hugepages /newroot/dev/shm /newroot/dev/pts
mount -t hugetlbfs nodev /newroot/dev/hugepages || fail "hugetlbfs"
mount -t tmpfs -o mode=1777 tmpfs /newroot/dev/shm || fail "tmpfs /dev/shm"

echo "netdma-init: guest up, running $share/run.sh"
chroot /newroot /bin/bash "$share/run.sh"
echo "netdma-init: run.sh exited with $?"
sync
poweroff_now

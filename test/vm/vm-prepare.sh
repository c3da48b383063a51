#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The netdma authors
#
# Prepare what the VM rig's guest boots, from Debian packages only, once:
#   - qemu-system-x86, busybox-static, cpio (apt-get install, if missing);
#   - the kernel of linux-image-amd64 (its versioned package, apt-get download +
#     dpkg -x: vmlinuz and modules, nothing installed);
#   - an initramfs: static busybox, the 9p/virtio modules, test/vm/guest-init.sh.
# Idempotent: everything is cached under CACHE_DIR (not under /tmp: the guest
# mounts a tmpfs there) and reused when present.
#
# Usage: vm-prepare.sh CACHE_DIR
# Prints shell assignments on stdout: VM_KERNEL, VM_INITRD, VM_KVER, VM_MODDIR,
# VM_VFIO_MODULES (module files to insmod in order, for vfio-pci).
# Environment: NETDMA_VM_KERNEL_PKG=linux-image-<ver>-amd64 pins the kernel.

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${1:?usage: vm-prepare.sh CACHE_DIR}
log() { echo "vm-prepare: $*" >&2; }
die() { echo "vm-prepare: error: $*" >&2; exit 1; }

case "$CACHE" in
/tmp|/tmp/*) die "the cache $CACHE must not be under /tmp (the guest mounts a tmpfs there)" ;;
esac
mkdir -p "$CACHE/pkgs"

# ---- host tools ----
need=()
command -v qemu-system-x86_64 >/dev/null || need+=(qemu-system-x86)
[ -x /bin/busybox ] && /bin/busybox --list 2>/dev/null | grep -qx insmod || need+=(busybox-static)
command -v cpio >/dev/null || need+=(cpio)
if [ ${#need[@]} -gt 0 ]; then
	log "installing ${need[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}" \
		> "$CACHE/apt-install.log" 2>&1 ||
		die "apt-get install ${need[*]} failed (see $CACHE/apt-install.log)"
fi
# busybox-static and busybox may both provide /bin/busybox: insist on a static one.
file_out=$(LC_ALL=C ldd /bin/busybox 2>&1 || true)
echo "$file_out" | grep -q "not a dynamic executable" ||
	die "/bin/busybox is dynamically linked; install busybox-static"

# ---- kernel ----
pkg=${NETDMA_VM_KERNEL_PKG:-}
if [ -z "$pkg" ]; then
	pkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
		awk '/Depends: linux-image-[0-9]/ { print $2; exit }') || true
fi
if [ -z "$pkg" ]; then
	# Offline: reuse the newest kernel already unpacked.
	pkg=$(ls -1d "$CACHE"/kernel/linux-image-* 2>/dev/null | sort -V | tail -n 1 || true)
	pkg=${pkg##*/}
	[ -n "$pkg" ] || die "cannot resolve linux-image-amd64 (apt-get update?) and no kernel is cached"
	log "apt does not resolve linux-image-amd64; using cached $pkg"
fi
kdir="$CACHE/kernel/$pkg"
if [ ! -e "$kdir/.unpacked" ]; then
	log "fetching $pkg"
	rm -rf "$kdir"
	( cd "$CACHE/pkgs" && rm -f "$pkg"_*.deb &&
		apt-get download "$pkg" > "$CACHE/apt-download.log" 2>&1 ) ||
		die "apt-get download $pkg failed (see $CACHE/apt-download.log)"
	deb=$(ls -1 "$CACHE/pkgs/$pkg"_*.deb | head -n 1)
	mkdir -p "$kdir"
	dpkg -x "$deb" "$kdir" || die "dpkg -x $deb failed"
	rm -f "$deb"	# 70 MB; the unpacked tree is what is reused
	touch "$kdir/.unpacked"
fi
kver=${pkg#linux-image-}
kernel="$kdir/boot/vmlinuz-$kver"
moddir="$kdir/lib/modules/$kver"
[ -f "$kernel" ] || die "no $kernel in $pkg"
[ -d "$moddir/kernel" ] || die "no modules in $pkg"

# ---- module dependencies, from each module's .modinfo ----
declare -A modfile=()
while IFS= read -r f; do
	b=${f##*/}
	b=${b%.ko}
	modfile[${b//-/_}]=$f
done < <(find "$moddir/kernel" -name '*.ko' | sort)
[ ${#modfile[@]} -gt 0 ] || die "no uncompressed modules (*.ko) in $pkg: not supported by this rig"

declare -A seen=()
order=()
add_module() {
	local m=${1//-/_} f deps d
	[ -n "${seen[$m]:-}" ] && return 0
	f=${modfile[$m]:-}
	[ -n "$f" ] || die "module $1 is not in $pkg (built in?)"
	seen[$m]=1
	deps=$(tr '\0' '\n' < "$f" | grep -a -m 1 '^depends=' | cut -d= -f2 || true)
	for d in ${deps//,/ }; do
		add_module "$d"
	done
	order+=("$f")
}
modlist() {
	seen=()
	order=()
	local m
	for m in "$@"; do
		add_module "$m"
	done
	printf '%s\n' "${order[@]}"
}
boot_mods=$(modlist 9p 9pnet_virtio virtio_pci)
vfio_mods=$(modlist vfio_iommu_type1 vfio_pci)

# ---- initramfs ----
sum=$( (cat "$HERE/guest-init.sh"; echo "$boot_mods"; sha256sum /bin/busybox) | sha256sum | cut -c1-16)
initrd="$CACHE/initramfs-$kver-$sum.cpio.gz"
if [ ! -f "$initrd" ]; then
	log "building $initrd"
	stage=$(mktemp -d "$CACHE/initramfs.XXXXXX")
	trap 'rm -rf "$stage"' EXIT
	mkdir -p "$stage"/{bin,dev,proc,sys,newroot,lib/modules}
	cp /bin/busybox "$stage/bin/busybox"
	: > "$stage/modules.list"
	while IFS= read -r f; do
		cp "$f" "$stage/lib/modules/"
		echo "${f##*/}" >> "$stage/modules.list"
	done <<< "$boot_mods"
	install -m 0755 "$HERE/guest-init.sh" "$stage/init"
	( cd "$stage" && find . | cpio -o -H newc --quiet | gzip -1 ) > "$initrd.part"
	mv "$initrd.part" "$initrd"
	rm -rf "$stage"
	trap - EXIT
	# Older initramfs of this kernel are stale now.
	find "$CACHE" -maxdepth 1 -name "initramfs-$kver-*.cpio.gz" ! -name "${initrd##*/}" -delete
fi

printf 'VM_KERNEL=%q\nVM_INITRD=%q\nVM_KVER=%q\nVM_MODDIR=%q\nVM_VFIO_MODULES=%q\n' \
	"$kernel" "$initrd" "$kver" "$moddir" "$(echo $vfio_mods)"

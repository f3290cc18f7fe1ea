#!/usr/bin/env bash
# oracle-batch.sh: kata-oracle's fake root (../shared/kata-oracle/run), one root per GROUP of files
# instead of one per file, and one oracle call per group. Files of a group name the same absolute
# paths (the caller groups them so), so each sees exactly the root `run` would make for it alone.
# Each file sits in its own folder (/usr/share/defaults/kata-containers/p<N>/, with its config.d/);
# the caller maps the folder back in the messages.
#
# Usage: oracle-batch.sh BIN QEMU CPUS PROTECTION TARCH LIST
#   BIN         oracle binary (kata-go-load-R or .xz); QEMU qemu-user binary or ""; CPUS; PROTECTION
#               none|tdx|snp|sev|se|pef; TARCH amd64|arm64|...
#   LIST        lines "GROUP<TAB>NAME<TAB>FILE<TAB>INROOT", grouped by GROUP (consecutive lines)
# Needs root; runs itself again inside `unshare -m`. Output: the oracle's JSON lines.
set -euo pipefail

if [ "${1:-}" != "--__inner" ]; then
	[ "$(id -u)" = 0 ] || { echo "oracle-batch: needs root" >&2; exit 2; }
	mnt=$(mktemp -d -t kata-parity-oracle.XXXXXX)
	trap 'rmdir "$mnt" 2>/dev/null || true' EXIT
	unshare -m --propagation private -- bash "${BASH_SOURCE[0]}" --__inner "$mnt" "$@"
	exit $?
fi
shift
mnt=$1 bin=$2 qemu=$3 cpus=$4 protection=$5 tarch=$6 list=$7

mount --make-rprivate / 2>/dev/null || true
mount -t tmpfs -o mode=0755 kata-parity "$mnt"
mkdir -p "$mnt/o" "$mnt/r"
case "$bin" in *.xz) xz -dc -- "$bin" >"$mnt/o/kata-go-load" ;; *) cp -- "$bin" "$mnt/o/kata-go-load" ;; esac
chmod 0755 "$mnt/o/kata-go-load"
lister=("$mnt/o/kata-go-load")
if [ -n "$qemu" ]; then
	cp -- "$qemu" "$mnt/o/qemu"
	lister=("$mnt/o/qemu" "$mnt/o/kata-go-load")
fi

make_root() { # root cpus protection tarch
	local root=$1
	mkdir -p "$root/dev" "$root/tmp" "$root/proc" "$root/run" "$root/etc" "$root/var" "$root/dev/shm"
	chmod 1777 "$root/tmp"
	ln -s ../run "$root/var/run"
	for d in kvm vhost-vsock vhost-net null zero random urandom; do
		printf 'kata-oracle placeholder\n' >"$root/dev/$d"
	done
	: >"$root/proc/cpuinfo"
	: >"$root/proc/cmdline"
	if [ "$tarch" = s390x ]; then
		fac="0 1 2 3 4 6 7 8 9 10 12 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 30 31 32 33 34 35 36 37 38 40 41 42 43 44 45 47 48 49 50 51 52 53 54 55 57 58 59 60 61 64 65 66 67 68 69 70 71 72 73 74 75 76 77 78 80 81 82 129 130 131 133 134 135 138 139 141 142 144 145 146 148 149 150 151 152 155 156"
		[ "$protection" = se ] && fac="$fac 158"
		printf 'vendor_id       : IBM/S390\n# processors    : %d\nfeatures\t: esan3 zarch stfle msa ldisp eimm dfp edat etf3eh highgprs te vx sie\nfacilities      : %s\n' "$cpus" "$fac" >>"$root/proc/cpuinfo"
		for ((i = 0; i < cpus; i++)); do
			printf 'processor %d: version = 00,  identification = 000000,  machine = 8561\n' "$i" >>"$root/proc/cpuinfo"
		done
	else
		for ((i = 0; i < cpus; i++)); do
			printf 'processor\t: %d\nvendor_id\t: GenuineIntel\nflags\t\t: fpu lm\n\n' "$i" >>"$root/proc/cpuinfo"
		done
	fi
	case "$protection" in
	none) ;;
	se) echo "prot_virt=1" >"$root/proc/cmdline" ;;
	pef) mkdir -p "$root/sys/firmware/ultravisor" ;;
	tdx)
		mkdir -p "$root/sys/module/kvm_intel/parameters" "$root/sys/firmware/tdx"
		echo Y >"$root/sys/module/kvm_intel/parameters/tdx" ;;
	snp)
		mkdir -p "$root/sys/module/kvm_amd/parameters"
		echo Y >"$root/sys/module/kvm_amd/parameters/sev_snp"
		echo Y >"$root/sys/module/kvm_amd/parameters/sev" ;;
	sev)
		mkdir -p "$root/sys/module/kvm_amd/parameters"
		echo 1 >"$root/sys/module/kvm_amd/parameters/sev" ;;
	esac
}

# Placeholders for every absolute path the group's files name (as `run` does for one file).
place_paths() { # root inroot-of-a-file files...
	local root=$1 fnorm
	fnorm=$(realpath -ms -- "$2")
	shift 2
	local paths=() norm=()
	mapfile -t paths < <("${lister[@]}" --list-paths -- "$@" 2>/dev/null | sort -u || true)
	if [ ${#paths[@]} -gt 0 ]; then mapfile -t norm < <(realpath -ms -- "${paths[@]}"); fi
	for i in "${!paths[@]}"; do
		p=${paths[$i]} n=${norm[$i]}
		case "$p" in *[\*\?\[]*) continue ;; esac
		[ "$n" = / ] && continue
		if [[ "$p" == */ ]]; then
			mkdir -p "$root$n" 2>/dev/null || true
			continue
		fi
		isdir=0
		for qn in "${norm[@]}" "$fnorm"; do
			if [[ "$qn" == "$n"/* ]]; then isdir=1; break; fi
		done
		if [ $isdir = 1 ]; then
			mkdir -p "$root$n" 2>/dev/null || true
		elif [ ! -e "$root$n" ]; then
			mkdir -p "$(dirname "$root$n")" 2>/dev/null || true
			printf 'kata-oracle placeholder\n' >"$root$n" 2>/dev/null && chmod 0755 "$root$n" || true
		fi
	done
}

run_group() { # lines of one group in the arrays g_name g_file g_inroot
	mount -t tmpfs -o mode=0755 kata-parity-root "$mnt/r"
	local root="$mnt/r"
	make_root "$root"
	place_paths "$root" "${g_inroot[0]}" "${g_file[@]}"
	mkdir -p "$root/.kata-oracle"
	: >"$root/.kata-oracle/names"
	for i in "${!g_file[@]}"; do
		f=${g_file[$i]} inr=${g_inroot[$i]}
		mkdir -p "$root$(dirname "$inr")"
		cp -f -- "$f" "$root$inr"
		dropdir="$(dirname "$f")/config.d"
		if [ -d "$dropdir" ]; then cp -r -- "$dropdir" "$root$(dirname "$inr")/config.d"; fi
		printf '%s\n' "${g_name[$i]}" >>"$root/.kata-oracle/names"
	done
	cp "$mnt/o/kata-go-load" "$root/.kata-oracle/kata-go-load"
	exe=(/.kata-oracle/kata-go-load)
	if [ -n "$qemu" ]; then
		cp "$mnt/o/qemu" "$root/.kata-oracle/qemu"
		exe=(/.kata-oracle/qemu /.kata-oracle/kata-go-load)
	fi
	(cd / && chroot "$root" "${exe[@]}" --mode=fake-root --fake-syslog --private-root --normalize-host-memory \
		--display-names /.kata-oracle/names -- "${g_inroot[@]}") || echo "oracle-batch: oracle exited with $? for group $cur" >&2
	umount -R "$mnt/r"
}

cur=
g_name=() g_file=() g_inroot=()
while IFS=$'\t' read -r group name file inroot; do
	if [ -n "$cur" ] && [ "$group" != "$cur" ]; then
		run_group
		g_name=() g_file=() g_inroot=()
	fi
	cur=$group
	g_name+=("$name") g_file+=("$file") g_inroot+=("$inroot")
done <"$list"
[ ${#g_file[@]} -gt 0 ] && run_group
umount -R "$mnt"

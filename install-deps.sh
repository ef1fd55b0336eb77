#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# install-deps.sh - install the Debian 12 packages wdkit needs to build, to
# run its tests and to boot the test VM.  Does nothing when all are present.
set -eu
PACKAGES="build-essential autoconf automake libtool pkg-config gawk
libpci-dev pciutils libncurses-dev check sparse kmod cpio busybox-static
qemu-system-x86 linux-image-amd64 linux-headers-amd64 gcc-multilib
libc6-dev-i386 tmux jq"

missing=
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "install-deps: installing$missing"
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086 # word splitting of the package list is wanted
$SUDO apt-get install -y -q --no-install-recommends $missing

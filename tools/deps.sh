#!/bin/sh
# deps.sh: make sure the libraries asyncpath builds with are here.
# Finds libcmark, yaml-0.1, readline and cmocka through pkg-config.  When
# one is missing: as root with apt-get, installs the Debian packages;
# otherwise prints the exact command to run and fails.
set -u
need=""
command -v pkg-config >/dev/null 2>&1 || need="pkg-config"
check() { # pkg-config module, Debian package
	if ! command -v pkg-config >/dev/null 2>&1 ||
	    ! pkg-config --exists "$1"; then
		need="$need $2"
	fi
}
check libcmark libcmark-dev
check yaml-0.1 libyaml-dev
check readline libreadline-dev
check cmocka libcmocka-dev
command -v dot >/dev/null 2>&1 || need="$need graphviz"
[ -z "$need" ] && exit 0
need=$(echo "pkg-config$need" | tr ' ' '\n' | sort -u | tr '\n' ' ')
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps: installing $need"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null &&
	    apt-get install -y -qq --no-install-recommends $need >/dev/null ||
	    { echo "deps: apt-get could not install: $need" >&2; exit 1; }
	exit 0
fi
echo "deps: missing libraries. Install them with:" >&2
echo "    sudo apt-get install $need" >&2
exit 1

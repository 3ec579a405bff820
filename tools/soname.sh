#!/bin/sh
# soname.sh MACRO PKG [MACRO PKG ...]: a C header defining each MACRO as
# the soname of pkg-config package PKG's library (the name dlopen needs
# at run time, e.g. "libcurl.so.4"), read from the library itself with
# readelf.  Exit 1 naming the package when it cannot be found.
set -u
echo "/* made by tools/soname.sh: do not edit */"
while [ $# -ge 2 ]; do
	macro=$1 pkg=$2
	shift 2
	dir=$(pkg-config --variable=libdir "$pkg" 2>/dev/null)
	lib=$(pkg-config --libs-only-l "$pkg" 2>/dev/null | sed 's/^-l//; s/ .*//')
	so=
	if [ -n "$dir" ] && [ -n "$lib" ] && [ -e "$dir/lib$lib.so" ]; then
		so=$(readelf -d "$dir/lib$lib.so" 2>/dev/null |
		    sed -n 's/.*Library soname: \[\(.*\)\].*/\1/p')
	fi
	if [ -z "$so" ]; then
		echo "soname.sh: no soname for $pkg (is its -dev package" \
		    "installed? make deps)" >&2
		exit 1
	fi
	echo "#define $macro \"$so\""
done

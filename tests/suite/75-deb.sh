# tier: slow
# 75-deb.sh: make deb builds the Debian package, lintian finds no error
# in it, and unpacked into a scratch root (never installed on this
# system) it runs: --version, its manual page, a scripted walk on the
# packaged content.
if ! command -v dpkg-buildpackage > /dev/null 2>&1 ||
    ! command -v dh > /dev/null 2>&1; then
	echo "skip - make deb: dpkg-buildpackage and debhelper are not installed"
elif ! make -s deb > "$OUT/deb.txt" 2>&1; then
	not_ok "make deb builds the package"
	tail -20 "$OUT/deb.txt" | sed 's/^/    /'
else
	deb=$(ls build/asyncpath_*.deb | head -1)
	ok "make deb builds $deb ($(wc -c < "$deb") bytes)"
	if command -v lintian > /dev/null 2>&1; then
		lintian --fail-on error build/deb/*.changes \
		    > "$OUT/lintian.txt" 2>&1
		[ $? -eq 0 ] && ! grep -q '^E:' "$OUT/lintian.txt" &&
		    ok "lintian: no errors" || {
		    not_ok "lintian: no errors"
		    grep -v 'root privileges' "$OUT/lintian.txt" | head -20 |
			sed 's/^/    /'; }
	else
		echo "skip - lintian is not installed"
	fi
	# The package is unpacked into a scratch root (dpkg-deb -x), never
	# installed on this system, and checked there.
	root=$OUT/deb-root
	rm -rf "$root" && mkdir -p "$root"
	if dpkg-deb -x "$deb" "$root" 2> "$OUT/dpkg.txt"; then
		ok "dpkg-deb unpacks the package into a scratch root"
		v=$("$root/usr/bin/asyncpath" --version 2>&1)
		case $v in
		*"$(sed -n 's/^VERSION *= *//p' Makefile)"*)
			ok "unpacked: asyncpath --version ($(echo "$v" |
			    head -1))" ;;
		*) not_ok "unpacked: asyncpath --version: $v" ;;
		esac
		MANWIDTH=80 man -l "$root/usr/share/man/man1/asyncpath.1.gz" \
		    > "$OUT/deb-man.txt" 2>&1 &&
		    grep -q '^ASYNCPATH(1)' "$OUT/deb-man.txt" &&
		    ok "unpacked: the manual page reads with man" ||
		    not_ok "unpacked: the manual page reads with man"
		printf '1\nread alan-builds-a-cache\nquit\n' |
		    "$root/usr/bin/asyncpath" --plain \
		    --data "$root/usr/share/asyncpath" \
		    > "$OUT/deb-walk.txt" 2>&1
		st=$?
		[ $st -eq 0 ] &&
		    grep -q 'Alan builds a cache' "$OUT/deb-walk.txt" &&
		    ok "unpacked: a scripted walk on the packaged content" ||
		    { not_ok "unpacked: a scripted walk (exit $st)"
		      tail -5 "$OUT/deb-walk.txt" | sed 's/^/    /'; }
		[ -f "$root/usr/share/bash-completion/completions/asyncpath" ] &&
		    ok "unpacked: bash completion in place" ||
		    not_ok "unpacked: bash completion in place"
		dpkg-deb -I "$deb" > "$OUT/deb-info.txt" 2>&1
		grep -q '^ *Recommends:.*librust-tokio-dev' "$OUT/deb-info.txt" &&
		    ok "the package recommends what exercises build with" ||
		    not_ok "the package recommends what exercises build with"
		# opened with dlopen, so dpkg-shlibdeps cannot see them
		grep -q '^ *Depends:.*libcurl4.*libmicrohttpd12' "$OUT/deb-info.txt" &&
		    ok "the package depends on the room's libraries (opened at run time)" ||
		    not_ok "the package depends on libcurl4 and libmicrohttpd12"
	else
		not_ok "dpkg-deb unpacks the package into a scratch root"
		tail -10 "$OUT/dpkg.txt" | sed 's/^/    /'
	fi
	rm -rf "$root"
fi

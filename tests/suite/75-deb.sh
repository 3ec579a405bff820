# 75-deb.sh: make deb builds the Debian package, lintian finds no error
# in it, and (as root) it installs with dpkg -i, runs (--version, man
# asyncpath, a scripted walk on the installed content) and removes cleanly
# with dpkg -r.  Helpers that run this at once on one machine take turns
# through a lock; a dpkg busy with another install is waited for.
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
	if [ "$(id -u)" != 0 ]; then
		echo "skip - installing the .deb needs root"
	elif dpkg -s asyncpath > /dev/null 2>&1; then
		echo "skip - asyncpath is already installed here; not replacing it"
	else
		# dpkg_wait ARGS: dpkg ARGS, waiting (up to 10 minutes) while
		# another process holds dpkg's lock
		dpkg_wait() {
			tries=0
			while ! dpkg "$@" > "$OUT/dpkg.txt" 2>&1; do
				grep -q 'lock' "$OUT/dpkg.txt" || return 1
				tries=$((tries + 1))
				[ "$tries" -lt 600 ] || return 1
				sleep 1
			done
		}
		exec 9> /tmp/asyncpath-deb-test.lock
		flock 9
		if dpkg_wait -i "$deb"; then
			ok "dpkg -i installs the package"
			v=$(/usr/bin/asyncpath --version 2>&1)
			case $v in
			*"$(sed -n 's/^VERSION *= *//p' Makefile)"*)
				ok "installed: asyncpath --version ($(echo "$v" |
				    head -1))" ;;
			*) not_ok "installed: asyncpath --version: $v" ;;
			esac
			MANWIDTH=80 man asyncpath > "$OUT/deb-man.txt" 2>&1 &&
			    grep -q '^ASYNCPATH(1)' "$OUT/deb-man.txt" &&
			    ok "installed: man asyncpath" ||
			    not_ok "installed: man asyncpath"
			printf '1\nread alan-builds-a-cache\nquit\n' |
			    (cd / && env -u ASYNCPATH_DATA \
			    XDG_STATE_HOME="$PWD/$OUT/deb-state" \
			    /usr/bin/asyncpath --plain) > "$OUT/deb-walk.txt" 2>&1
			st=$?
			[ $st -eq 0 ] &&
			    grep -q 'Alan builds a cache' "$OUT/deb-walk.txt" &&
			    ok "installed: a scripted walk on the installed content" ||
			    { not_ok "installed: a scripted walk (exit $st)"
			      tail -5 "$OUT/deb-walk.txt" | sed 's/^/    /'; }
			[ -f /usr/share/bash-completion/completions/asyncpath ] &&
			    ok "installed: bash completion in place" ||
			    not_ok "installed: bash completion in place"
		else
			not_ok "dpkg -i installs the package"
			tail -10 "$OUT/dpkg.txt" | sed 's/^/    /'
		fi
		if dpkg_wait -r asyncpath && ! [ -e /usr/bin/asyncpath ] &&
		    ! [ -e /usr/share/asyncpath ] &&
		    ! dpkg -s asyncpath > /dev/null 2>&1; then
			ok "dpkg -r removes it cleanly"
		else
			not_ok "dpkg -r removes it cleanly"
			tail -10 "$OUT/dpkg.txt" | sed 's/^/    /'
		fi
		flock -u 9
	fi
fi

# tier: slow
# 70-install.sh: make install into a scratch root puts the binary, the
# content, the manual page, the completions and the docs in place; the
# installed binary runs on the installed content; make uninstall removes
# exactly that, leaving the root empty.
root=$(mktemp -d)
if make -s install DESTDIR="$root" > "$OUT/install.txt" 2>&1; then
	missing=
	for f in bin/asyncpath share/asyncpath/paths/status-quo.yaml \
	    share/asyncpath/stories/alan-builds-a-cache.md \
	    share/man/man1/asyncpath.1 share/doc/asyncpath/README.md \
	    share/doc/asyncpath/FORMAT.md \
	    share/bash-completion/completions/asyncpath \
	    share/zsh/site-functions/_asyncpath; do
		[ -f "$root/usr/local/$f" ] || missing="$missing $f"
	done
	for d in exercises quizzes plans; do
		[ -d "$d" ] && ! [ -d "$root/usr/local/share/asyncpath/$d" ] &&
		    missing="$missing share/asyncpath/$d"
	done
	[ -z "$missing" ] &&
	    ok "make install puts binary, content, man page, completions, docs" ||
	    not_ok "make install: missing$missing"
	ASYNCPATH_DATA="$root/usr/local/share/asyncpath" \
	    "$root/usr/local/bin/asyncpath" check --strict --walks 10 \
	    > "$OUT/install-check.txt" 2>&1 &&
	    ok "the installed binary passes check on the installed content" ||
	    not_ok "the installed binary passes check on the installed content"
else
	not_ok "make install into a scratch root"
	tail -10 "$OUT/install.txt" | sed 's/^/    /'
fi
make -s uninstall DESTDIR="$root" > "$OUT/uninstall.txt" 2>&1
left=$(cd "$root" && find . -mindepth 1 | head -5)
[ -z "$left" ] && ok "make uninstall leaves the scratch root empty" ||
    not_ok "make uninstall leaves the scratch root empty; left: $left"
rm -rf "$root"

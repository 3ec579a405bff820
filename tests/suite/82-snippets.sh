# tier: slow
# Real output behind the content: every snippet in snippets/ built (or
# run, or explained) with each rustc it names, Debian's 1.63 and rustup's
# 1.95, offline against Debian's crates; every quoted line compared with
# what that toolchain printed (tests/snippets_check.py).  The exercises'
# target folders under $EXCACHE are shared, so tokio is built once per
# toolchain.
sn_need="cargo librust-tokio-dev librust-futures-dev librust-smol-dev librust-async-stream-dev python3-yaml"
if [ ! -x /usr/bin/cargo ] || ! ls -d /usr/share/cargo/registry/tokio-1.* \
    /usr/share/cargo/registry/smol-1.* \
    /usr/share/cargo/registry/async-stream-0.* >/dev/null 2>&1 ||
    ! python3 -c 'import yaml' 2>/dev/null; then
	not_ok "snippets need Debian's toolchain and crates: apt-get install $sn_need"
else
	python3 tests/snippets_check.py "$OUT/snippets" "$EXCACHE" \
	    > "$OUT/snippets.log" 2>&1
	relay "$OUT/snippets.log" "snippet: "
fi

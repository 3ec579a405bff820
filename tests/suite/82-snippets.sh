# tier: slow
# Real output behind the content: every snippet in snippets/ built (or
# run, or explained) with each rustc it names, Debian's 1.63 and rustup's
# 1.95, offline against Debian's crates; every quoted line compared with
# what that toolchain printed (tests/snippets_check.py).  The exercises'
# target folders under $EXCACHE are shared, so tokio is built once per
# toolchain.  Then the code check: a card that gives a real message under
# another error code than the one printed must fail.
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
	sc_sq=$PWD/tests/snippets_check.py
	sc_story=stories/aws-engineer-failure-to-parallelize.md
	rm -rf "$OUT/sc"
	mkdir -p "$OUT/sc/snippets"
	cp -r stories "$OUT/sc/"
	cp -r snippets/sinks-moved "$OUT/sc/snippets/"
	sed -i 's|// E0382: use of moved value|// E0499: use of moved value|' \
	    "$OUT/sc/$sc_story"
	(cd "$OUT/sc" && python3 "$sc_sq" "$OUT/sc-scratch" "$EXCACHE" \
	    sinks-moved) > "$OUT/sc.log" 2>&1
	if grep -q "^not ok - sinks-moved quote 1 .*: E0499 at $sc_story:[0-9]* is not in the rustc 1.63 output" \
	    "$OUT/sc.log"; then
		ok "snippet: a real message under another error code is caught"
	else
		not_ok "snippet: a real message under another error code is caught (see $OUT/sc.log)"
	fi
	rm -rf "$OUT/sc" "$OUT/sc-scratch"
fi

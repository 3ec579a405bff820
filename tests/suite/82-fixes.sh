# tier: slow
# Known fixes through asyncpath's own verify (tests/fixes_check.py): with
# each toolchain here that an exercise's `rustc:` allows (Debian's cargo
# at /usr/bin, rustup's in $CARGO_HOME/bin), every solution and every
# fixes/right-NAME passes, every fixes/wrong-NAME fails with its expect
# line.  One target folder shared by both toolchains and kept in build/
# (ASYNCPATH_TEST_CACHE names another, e.g. one shared between checkouts),
# at most two verifies at once.
fx_cache=${ASYNCPATH_TEST_CACHE:-$PWD/build/exercise-cache}
if [ ! -x /usr/bin/cargo ] || ! python3 -c 'import yaml' 2>/dev/null ||
    ! ls -d /usr/share/cargo/registry/tokio-1.* >/dev/null 2>&1; then
	echo "skip - the known fixes need Debian's toolchain and crates:" \
	    "apt-get install cargo librust-tokio-dev librust-tokio-util-dev" \
	    "librust-futures-dev python3-yaml"
else
	fx_cargos=/usr/bin/cargo
	fx_rustup=${CARGO_HOME:-/nonexistent}/bin/cargo
	if [ -x "$fx_rustup" ] && [ "$("$fx_rustup" --version 2>/dev/null)" \
	    != "$(/usr/bin/cargo --version)" ]; then
		fx_cargos="$fx_cargos $fx_rustup"
	fi
	for fx_cargo in $fx_cargos; do
		python3 tests/fixes_check.py "$BIN" "$fx_cargo" "$OUT/fixes" \
		    "$fx_cache" > "$OUT/fixes.log" 2>&1
		relay "$OUT/fixes.log" "fix "
		grep -q '^ok - ' "$OUT/fixes.log" ||
		    not_ok "known fixes proved with $fx_cargo"
	done
fi

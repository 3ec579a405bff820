# tier: slow
# Known fixes through asyncpath's own verify (tests/fixes_check.py): with
# each toolchain here that an exercise's `rustc:` allows (Debian's cargo
# at /usr/bin, rustup's in $CARGO_HOME/bin), every solution and every
# fixes/right-NAME passes, every fixes/wrong-NAME fails with its expect
# line.  Each toolchain's target folder under $EXCACHE (shared with the
# exercises' oracle and the snippets, kept between runs); the toolchains
# are proved at the same time, each with its own target folder and cargo
# lock, at most two verifies at once each.
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
	fx_k=0
	fx_pids=
	for fx_cargo in $fx_cargos; do
		fx_k=$((fx_k + 1))
		python3 tests/fixes_check.py "$BIN" "$fx_cargo" \
		    "$OUT/fixes/$fx_k" "$EXCACHE" > "$OUT/fixes-$fx_k.log" 2>&1 &
		fx_pids="$fx_pids $!"
	done
	for fx_pid in $fx_pids; do
		wait "$fx_pid"
	done
	fx_k=0
	for fx_cargo in $fx_cargos; do
		fx_k=$((fx_k + 1))
		relay "$OUT/fixes-$fx_k.log" "fix "
		grep -q '^ok - ' "$OUT/fixes-$fx_k.log" ||
		    not_ok "known fixes proved with $fx_cargo"
	done
fi

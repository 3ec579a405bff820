# tier: fast
# check: each broken guide gives exactly its diagnostics and status.
for dir in tests/check/*/; do
	dir=${dir%/}
	name=$(basename "$dir")
	$BIN --data "$dir" check --strict --walks 100 > /dev/null \
	    2> "$OUT/check-$name.err"
	got=$(printf '%s\n%s' "$?" "$(cat "$OUT/check-$name.err")")
	if [ "$got" = "$(cat "$dir/expect")" ]; then
		ok "check $name"
	else
		not_ok "check $name"
		printf '    want: %s\n    got:  %s\n' "$(cat "$dir/expect")" \
		    "$got"
	fi
done
$BIN --data tests/fixtures/good check --strict > "$OUT/check-good.txt" 2>&1 &&
    grep -q "^node coverage: 6/6 (100.0%)" "$OUT/check-good.txt" &&
    ok "check passes the fixture guide with full coverage" ||
    not_ok "check passes the fixture guide with full coverage"
a=$($BIN --data tests/fixtures/good check --seed 7 --walks 500 2>&1)
b=$($BIN --data tests/fixtures/good check --seed 7 --walks 500 2>&1)
[ "$a" = "$b" ] && ok "check random walks repeat with a seed" ||
    not_ok "check random walks repeat with a seed"

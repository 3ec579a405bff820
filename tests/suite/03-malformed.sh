# tier: fast
# Malformed inputs: the exact first error line and exit status.
for dir in tests/bad/*/; do
	dir=${dir%/}
	name=$(basename "$dir")
	$BIN --data "$dir" list nodes > /dev/null 2> "$OUT/bad-$name.err"
	status=$?
	got=$(printf '%s\n%s' "$status" "$(head -n 1 "$OUT/bad-$name.err")")
	if [ "$got" = "$(cat "$dir/expect")" ]; then
		ok "malformed $name"
	else
		not_ok "malformed $name"
		printf '    want: %s\n    got:  %s\n' "$(cat "$dir/expect")" \
		    "$got"
	fi
done
$BIN --data tests/bad/does-not-exist list > /dev/null 2>&1
[ $? -eq 66 ] && ok "missing data folder exits 66" ||
    not_ok "missing data folder exits 66"
$BIN --width 5 list > /dev/null 2>&1
[ $? -eq 64 ] && ok "bad --width exits 64" || not_ok "bad --width exits 64"
$BIN --frobnicate > /dev/null 2>&1
[ $? -eq 64 ] && ok "unknown option exits 64" ||
    not_ok "unknown option exits 64"

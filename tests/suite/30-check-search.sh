# tier: fast
# check's state search, structurally: on seeded generated guides (every
# kind of condition, text parts, characters, states of one to three
# 64-bit words, a search stopped at its limit) and on the 1,000-node bench
# guide, check prints exactly what tests/check-search/NAME.expect holds:
# exit status, state count, census, coverage and every diagnostic, as
# written by the search before it was made faster.
cs_dir=$OUT/check-search
rm -rf "$cs_dir"
mkdir -p "$cs_dir"
cs_bin=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
while read -r cs_name cs_a cs_b cs_c; do
	case $cs_name in '#'* | '') continue ;; esac
	if [ "$cs_a" = bench ]; then
		python3 bench/gen.py "$cs_b" "$cs_dir/$cs_name"
	else
		python3 tests/gen_check.py "$cs_a" "$cs_b" "$cs_c" \
		    "$cs_dir/$cs_name"
	fi
	(
		cd "$cs_dir" || exit 1
		"$cs_bin" --data "$cs_name" check --walks 300 --seed 3 \
		    > "$cs_name.o" 2> "$cs_name.e"
		echo "exit $?" > "$cs_name.rc"
	)
	cat "$cs_dir/$cs_name.rc" "$cs_dir/$cs_name.o" "$cs_dir/$cs_name.e" \
	    > "$cs_dir/$cs_name.got"
	if cmp -s "$cs_dir/$cs_name.got" "tests/check-search/$cs_name.expect"
	then
		ok "check on generated guide $cs_name: $(grep '^state search' \
		    "$cs_dir/$cs_name.got" | cut -d, -f1), output unchanged"
	else
		not_ok "check on generated guide $cs_name: output unchanged"
		diff "tests/check-search/$cs_name.expect" \
		    "$cs_dir/$cs_name.got" | head -10 | sed 's/^/    /'
	fi
done < tests/check-search/cases

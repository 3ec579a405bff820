# tier: fast
# Transcripts: a command script piped into the real binary; the whole
# output must equal the expected file.  NAME.args holds extra arguments.
for in in tests/transcripts/*.in; do
	name=$(basename "$in" .in)
	args="--data tests/fixtures/good --plain --width 72"
	[ -f "tests/transcripts/$name.args" ] &&
	    args=$(cat "tests/transcripts/$name.args")
	# shellcheck disable=SC2086
	$BIN $args < "$in" > "$OUT/$name.out" 2>&1
	echo "exit $?" >> "$OUT/$name.out"
	if diff -u "tests/transcripts/$name.out" "$OUT/$name.out" \
	    > "$OUT/$name.diff"; then
		ok "transcript $name"
	else
		not_ok "transcript $name"
		head -40 "$OUT/$name.diff" | sed 's/^/    /'
	fi
done

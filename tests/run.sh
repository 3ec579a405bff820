#!/bin/sh
# run.sh: every test of asyncpath, run against the real binary.  Prints a
# line per test and, last, "N passed, M failed".  Exit status 1 on failure.
set -u
cd "$(dirname "$0")/.." || exit 1
export LC_ALL=C.UTF-8
unset NO_COLOR ASYNCPATH_DATA
BIN=./asyncpath
OUT=tests/out
rm -rf "$OUT"
mkdir -p "$OUT"
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() { fail=$((fail + 1)); echo "not ok - $1"; }

# 1. Unit tests (cmocka, TAP output).
for t in tests/unit_guide tests/unit_walk tests/unit_render tests/unit_repl
do
	CMOCKA_MESSAGE_OUTPUT=TAP "$t" > "$OUT/$(basename "$t").tap" 2>&1
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "$(basename "$t"): ${line#ok * - }" ;;
		"not ok "*) not_ok "$(basename "$t"): ${line#not ok * - }"
			sed 's/^/    /' "$OUT/$(basename "$t").tap" ;;
		esac
	done < "$OUT/$(basename "$t").tap"
	if ! grep -q '^ok ' "$OUT/$(basename "$t").tap"; then
		not_ok "$(basename "$t"): ran no test"
		sed 's/^/    /' "$OUT/$(basename "$t").tap"
	fi
done

# 2. Transcripts: a command script piped into the real binary; the whole
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

# 3. Malformed inputs: the exact first error line and exit status.
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

# 4. The shipped content loads, and every text in it is our own.
if $BIN list stories > "$OUT/stories.txt" 2> "$OUT/stories.err"; then
	ok "shipped content loads ($(wc -l < "$OUT/stories.txt") stories)"
else
	not_ok "shipped content loads"
	head -20 "$OUT/stories.err" | sed 's/^/    /'
fi
copycheck=../shared/tools/copycheck
if [ -x "$copycheck" ]; then
	if [ -z "$("$copycheck" stories paths 2>&1)" ]; then
		ok "copycheck stories paths prints nothing"
	else
		not_ok "copycheck stories paths prints nothing"
		"$copycheck" stories paths 2>&1 | head -20 | sed 's/^/    /'
	fi
else
	echo "skip - copycheck not found at $copycheck"
fi

# 5. The real binary in a pseudo-terminal: completion, history, Ctrl-C.
if command -v python3 > /dev/null 2>&1; then
	python3 tests/pty_test.py "$BIN" > "$OUT/pty.txt" 2>&1
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "pty: ${line#ok }" ;;
		"not ok "*) not_ok "pty: ${line#not ok }" ;;
		*) echo "    $line" ;;
		esac
	done < "$OUT/pty.txt"
else
	not_ok "pty tests need python3"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

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
# the compiled guide cache starts empty at each run, never in ~/.cache
export XDG_CACHE_HOME="$PWD/$OUT/xdg-cache"
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() { fail=$((fail + 1)); echo "not ok - $1"; }
# relay FILE [PREFIX]: the "ok NAME" and "not ok NAME" lines a checker
# wrote to FILE (a "- " before NAME dropped) counted as tests, named
# PREFIX NAME; any other line shown indented.
relay() {
	while IFS= read -r relay_line; do
		case $relay_line in
		"ok "*) relay_line=${relay_line#ok }
			ok "${2:-}${relay_line#- }" ;;
		"not ok "*) relay_line=${relay_line#not ok }
			not_ok "${2:-}${relay_line#- }" ;;
		*) echo "    $relay_line" ;;
		esac
	done < "$1"
}

# 1. Unit tests (cmocka, TAP output).
for t in tests/unit_guide tests/unit_walk tests/unit_render tests/unit_repl \
    tests/unit_session tests/unit_gcache
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

# 4. check: each broken guide gives exactly its diagnostics and status.
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

# 5. graph: JSON parses and matches the guide; DOT renders.
if $BIN --data tests/fixtures/good graph --format json > "$OUT/g.json" &&
    python3 tests/json_check.py "$OUT/g.json"; then
	ok "graph json parses and matches the fixture"
else
	not_ok "graph json parses and matches the fixture"
fi
if command -v dot > /dev/null 2>&1; then
	$BIN graph --format dot > "$OUT/g.dot" &&
	    dot -Tsvg "$OUT/g.dot" > "$OUT/g.svg" 2> "$OUT/dot.err" &&
	    grep -q "<svg" "$OUT/g.svg" && ok "graph dot renders with Graphviz" ||
	    not_ok "graph dot renders with Graphviz"
else
	not_ok "graph dot renders: Graphviz 'dot' is not installed"
fi

# 6. The renderer: golden files for every node type at two widths, plain
# and coloured; hostile input never reaches the terminal raw; every
# reference page renders within the width.
for md in tests/golden/*.md; do
	name=$(basename "$md" .md)
	for want in tests/golden/"$name".w*.*; do
		[ -f "$want" ] || continue
		w=${want#*.w}; w=${w%%.*}
		mode=${want##*.}
		flag=--plain; [ "$mode" = color ] && flag=--color
		ASYNCPATH_HYPERLINKS=0 $BIN render $flag --width "$w" "$md" \
		    > "$OUT/golden-$name-$w.$mode" 2>&1
		if cmp -s "$want" "$OUT/golden-$name-$w.$mode"; then
			ok "render golden $name, width $w, $mode"
		else
			not_ok "render golden $name, width $w, $mode"
			diff "$want" "$OUT/golden-$name-$w.$mode" | head -20 |
			    sed 's/^/    /'
		fi
	done
done
$BIN render --plain --width 60 tests/golden/hostile.md > "$OUT/hostile.plain"
python3 tests/safety_check.py "$OUT/hostile.plain" plain > /dev/null &&
    ok "hostile input, plain: no control byte, valid UTF-8" ||
    not_ok "hostile input, plain: no control byte, valid UTF-8"
ASYNCPATH_HYPERLINKS=1 $BIN render --color --width 60 tests/golden/hostile.md \
    > "$OUT/hostile.color"
python3 tests/safety_check.py "$OUT/hostile.color" color > /dev/null &&
    ok "hostile input, colour and links: only our own escapes" ||
    not_ok "hostile input, colour and links: only our own escapes"
ref=../shared/reference/wg-async/src
if [ -d "$ref" ]; then
	python3 tests/width_check.py "$BIN" "$ref" > "$OUT/width.txt" 2>&1
	relay "$OUT/width.txt"
else
	echo "skip - no reference pages at $ref"
fi

# Originals: show --original reads the page from a wg-async checkout, and
# says how to get one (exit 66) when there is none.
ASYNCPATH_UPSTREAM= $BIN show --original alan-builds-a-cache \
    > /dev/null 2> "$OUT/orig.err"
[ $? -eq 66 ] && grep -q "upstream DIR" "$OUT/orig.err" &&
    ok "show --original without a checkout: a hint and exit 66" ||
    not_ok "show --original without a checkout: a hint and exit 66"
if [ -d ../shared/reference/wg-async/src ]; then
	$BIN --plain --upstream ../shared/reference/wg-async show --original \
	    alan-builds-a-cache > "$OUT/orig.txt" 2>&1 &&
	    head -1 "$OUT/orig.txt" | grep -q "Alan tries to cache requests" &&
	    ok "show --original renders the original page" ||
	    not_ok "show --original renders the original page"
fi

# 7. The shipped content loads, and every text in it is our own.
if $BIN list stories > "$OUT/stories.txt" 2> "$OUT/stories.err"; then
	ok "shipped content loads ($(wc -l < "$OUT/stories.txt") stories)"
else
	not_ok "shipped content loads"
	head -20 "$OUT/stories.err" | sed 's/^/    /'
fi
sh tests/originals_check.sh "$BIN" > "$OUT/originals.txt" 2>&1
if grep -q "^not ok" "$OUT/originals.txt" ||
    ! grep -q "^checked 78 cards against 78 originals" "$OUT/originals.txt"
then
	not_ok "78 cards, each the card of a listed original page"
	sed 's/^/    /' "$OUT/originals.txt" | head -20
else
	ok "78 cards, each the card of a listed original page"
fi
if $BIN check --strict > "$OUT/check-shipped.txt" 2>&1; then
	ok "shipped content passes check --strict ($(grep '^node coverage' \
	    "$OUT/check-shipped.txt"))"
else
	not_ok "shipped content passes check --strict"
	tail -20 "$OUT/check-shipped.txt" | sed 's/^/    /'
fi
$BIN graph --format json > "$OUT/shipped.json" 2>&1
python3 tests/painpoints_check.py "$OUT/shipped.json" > "$OUT/pain.txt" 2>&1
relay "$OUT/pain.txt" "metanarrative: "
grep -q "^painpoints: 0 failed" "$OUT/pain.txt" ||
    not_ok "metanarrative check ran to the end"
# Every link to the working group's pages names a page that exists.
ref=../shared/reference/wg-async/src
if [ -d "$ref" ]; then
	missing=$(grep -ho 'https://rust-lang.github.io/wg-async/[^ ">)]*' \
	    paths/*.yaml stories/*.md | sort -u | while read -r url; do
		page=${url#https://rust-lang.github.io/wg-async/}
		page=${page%%#*}
		[ -f "$ref/${page%.html}.md" ] || echo "$url"
	done)
	[ -z "$missing" ] &&
	    ok "every wg-async link in paths and stories names an existing page" ||
	    { not_ok "every wg-async link names an existing page"
	      echo "$missing" | sed 's/^/    /'; }
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

# 8. The real binary in a pseudo-terminal: completion, history, Ctrl-C.
if command -v python3 > /dev/null 2>&1; then
	timeout 600 python3 tests/pty_test.py "$BIN" > "$OUT/pty.txt" 2>&1 ||
	    echo "not ok the pty test ran to its end" >> "$OUT/pty.txt"
	relay "$OUT/pty.txt" "pty: "
else
	not_ok "pty tests need python3"
fi

# 10. Feature suites: each tests/suite/*.sh is sourced here, in name
# order, and reports through ok / not_ok (BIN and OUT are set).  A suite
# that needs a missing tool prints "skip - WHY" and counts nothing.
for suite in tests/suite/*.sh; do
	[ -f "$suite" ] || continue
	# shellcheck disable=SC1090
	. "$suite"
done

# 9. No memory error or leak on scripted walks, checks and every page.
if command -v valgrind > /dev/null 2>&1; then
	if sh tests/valgrind.sh > "$OUT/valgrind.txt" 2>&1; then
		ok "valgrind: walks, check, graph and all pages: no errors, no leaks"
	else
		not_ok "valgrind: walks, check, graph and all pages"
		tail -30 "$OUT/valgrind.txt" | sed 's/^/    /'
	fi
else
	echo "skip - valgrind is not installed"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

# tier: fast
# Hostile and odd content (issue 9): each input once crashed, leaked or
# misled; now it renders safely in render, show and the walk.
deep=tests/check/deep-nesting
{ i=0; while [ $i -lt 33 ]; do printf '> '; i=$((i + 1)); done
  printf 'word\n\n> after\n'; } > "$OUT/deep33.md"
$BIN --plain --width 80 render "$OUT/deep33.md" > "$OUT/deep33.out" 2>&1
[ $? -eq 0 ] && grep -q '^> > > > > > > (+25) > word$' "$OUT/deep33.out" &&
    ok "render: 33 nested quotes, 8 levels shown and a count" ||
    not_ok "render: 33 nested quotes, 8 levels shown and a count"
$BIN --data "$deep" --plain --width 80 show deep-card > "$OUT/deep-show.out" 2>&1
[ $? -eq 0 ] && grep -q '(+25) > word$' "$OUT/deep-show.out" &&
    ok "show: a card body nested 33 deep" ||
    not_ok "show: a card body nested 33 deep"
printf 'quit\n' | $BIN --data "$deep" --plain --width 40 > "$OUT/deep-walk.out" 2>&1
[ $? -eq 0 ] && grep -q '(+' "$OUT/deep-walk.out" &&
    ok "walk: starts at a node whose text is nested 33 deep" ||
    not_ok "walk: starts at a node whose text is nested 33 deep"
got=$(printf 'Box<dyn Future>\n' | $BIN --plain render - 2>&1)
[ "$got" = "Box<dyn Future>" ] &&
    ok "render: Box<dyn Future> is text, not a tag" ||
    not_ok "render: Box<dyn Future> is text, not a tag (got: $got)"
# 1 MB of '&' or '<' in one HTML block: every byte kept, decoded once.
for ch in '&' '<'; do
	python3 -c "import sys; sys.stdout.write('<div>\n' + sys.argv[1] * (1 << 20) + '\n')" \
	    "$ch" > "$OUT/html-big.md"
	$BIN --plain render "$OUT/html-big.md" > "$OUT/html-big.out" 2>&1 &&
	    [ "$(tr -d '\n' < "$OUT/html-big.out" | wc -c)" -eq 1048576 ] &&
	    ok "render: an HTML block of 1 MB of '$ch' kept whole" ||
	    not_ok "render: an HTML block of 1 MB of '$ch' kept whole"
done
# Bidirectional controls (issue 9.7) never reach a terminal or a graph
# raw: each shows as <U+XXXX> wherever content is printed.
bidi=tests/check/bidi
printf 'a \342\200\256b \342\201\246c\342\201\251 \342\200\217d\n' > "$OUT/bidi.md"
no_bidi() { # FILE: no bidi control in it, and at least one shown as text
	python3 -c 'import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
sys.exit(bool(re.search("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", s))
         or "<U+2" not in s)' "$1"
}
i=0
for cmd in "render $OUT/bidi.md" "show bidi-card" "list stories" \
    "graph --format text" "graph --format dot" "walk"; do
	i=$((i + 1))
	if [ "$cmd" = walk ]; then
		printf '1\nquit\n' | $BIN --data "$bidi" --plain > "$OUT/bidi-$i.out" 2>&1
	else
		# shellcheck disable=SC2086
		$BIN --data "$bidi" --plain $cmd > "$OUT/bidi-$i.out" 2>&1
	fi
	no_bidi "$OUT/bidi-$i.out" &&
	    ok "bidi controls shown as <U+XXXX>: $cmd" ||
	    not_ok "bidi controls shown as <U+XXXX>: $cmd"
done
# DOT (issue 9.8): C1 controls and DEL sanitised as for the terminal.
$BIN --data "$bidi" graph --format dot > "$OUT/bidi.dot" 2>&1
grep -qF '"b" [label="B<9B>[31m^?\"q\\", shape=doubleoctagon];' "$OUT/bidi.dot" &&
    ! LC_ALL=C grep -q "$(printf '[\177\302]')" "$OUT/bidi.dot" &&
    dot -Tsvg "$OUT/bidi.dot" > /dev/null 2>&1 &&
    ok "graph dot: C1 controls, DEL and quotes sanitised, Graphviz reads it" ||
    not_ok "graph dot: C1 controls, DEL and quotes sanitised, Graphviz reads it"
# Display width from Unicode data, whatever the locale (issue 9.9).
python3 -c 'print("\u65e5\u672c\u8a9e " * 30)' > "$OUT/wide.md"
LC_ALL=C $BIN --plain --width 40 render "$OUT/wide.md" > "$OUT/wide-c.out" 2>&1
python3 -c 'import sys, unicodedata
w = max(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l)
        for l in open(sys.argv[1], encoding="utf-8").read().splitlines())
sys.exit(w > 40)' "$OUT/wide-c.out" &&
    ok "LC_ALL=C: wide text wraps within 40 columns" ||
    not_ok "LC_ALL=C: wide text wraps within 40 columns"

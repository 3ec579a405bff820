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

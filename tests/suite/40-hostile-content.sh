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

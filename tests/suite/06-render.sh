# tier: fast
# The renderer: golden files for every node type at two widths, plain
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

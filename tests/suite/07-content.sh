# tier: fast
# The shipped content loads, and every text in it is our own.
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

# tier: fast
# The content side of tests/suite/82-snippets.sh, without building: every
# quote of a snippet is in its content file, and every line of the content
# that looks like compiler or runtime output lies inside one.
if python3 -c 'import yaml' 2>/dev/null; then
	python3 tests/snippets_check.py --quotes > "$OUT/snippet-quotes.log" 2>&1
	relay "$OUT/snippet-quotes.log" "quote: "
else
	echo "skip - snippet quotes need python3-yaml"
fi

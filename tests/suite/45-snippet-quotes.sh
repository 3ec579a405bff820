# tier: fast
# The content side of tests/suite/82-snippets.sh, without building: every
# quote of a snippet is in its content file, and every line of the content
# that looks like compiler or runtime output (or sits in a text block)
# lies inside one.  Then the check itself: a copy of the content with an
# invented error line, and one with a quoted line changed, must fail.
if python3 -c 'import yaml' 2>/dev/null; then
	python3 tests/snippets_check.py --quotes > "$OUT/snippet-quotes.log" 2>&1
	relay "$OUT/snippet-quotes.log" "quote: "
	sq=$PWD/tests/snippets_check.py
	rm -rf "$OUT/sq"
	mkdir -p "$OUT/sq"
	cp -r paths stories quizzes plans snippets "$OUT/sq/"
	printf '\n```text\nerror[E0999]: made up\n```\n' >> "$OUT/sq/stories/alan.md"
	if (cd "$OUT/sq" && python3 "$sq" --quotes) |
	    grep -q "^not ok - 1 output-like content lines come from no snippet"
	then
		ok "quote: an invented error line in a card is caught"
	else
		not_ok "quote: an invented error line in a card is caught"
	fi
	rm -rf "$OUT/sq"
	mkdir -p "$OUT/sq"
	cp -r paths stories quizzes plans snippets "$OUT/sq/"
	sed -i 's/await occurs here, with `mut g` maybe used later/await occurs here/' \
	    "$OUT/sq/paths/status-quo.yaml"
	if (cd "$OUT/sq" && python3 "$sq" --quotes) |
	    grep -q "^not ok - send-drop quote 1 .* is not quoted"; then
		ok "quote: a changed line of real output is caught"
	else
		not_ok "quote: a changed line of real output is caught"
	fi
else
	echo "skip - snippet quotes need python3-yaml"
fi

# tier: fast
# The content side of tests/suite/82-snippets.sh, without building: every
# quote of a snippet is in its content file, and every line of the content
# that looks like compiler or runtime output (or sits in a text block)
# lies inside one, as does a message given by its error code ("E0597:
# ..." in prose, a code comment or an exercise's hint).  Then the check
# itself: a copy of the content with an invented error line, one with
# invented messages given by code, and one with a quoted line changed, must
# fail.
if python3 -c 'import yaml' 2>/dev/null; then
	python3 tests/snippets_check.py --quotes > "$OUT/snippet-quotes.log" 2>&1
	relay "$OUT/snippet-quotes.log" "quote: "
	sq=$PWD/tests/snippets_check.py
	rm -rf "$OUT/sq"
	mkdir -p "$OUT/sq"
	cp -r paths stories quizzes plans snippets "$OUT/sq/"
	printf '\n```text\nerror[E0999]: made up\n```\n' >> "$OUT/sq/stories/alan.md"
	# grep reads to the end (with -q it would stop at the first match,
	# and the checker's next line would meet a closed pipe)
	if (cd "$OUT/sq" && python3 "$sq" --quotes) |
	    grep "^not ok - 1 output-like content lines come from no snippet" \
	    > /dev/null
	then
		ok "quote: an invented error line in a card is caught"
	else
		not_ok "quote: an invented error line in a card is caught"
	fi
	rm -rf "$OUT/sq"
	mkdir -p "$OUT/sq"
	cp -r paths stories quizzes plans snippets "$OUT/sq/"
	for e in exercises/*/exercise.yaml; do
		mkdir -p "$OUT/sq/${e%/exercise.yaml}"
		cp "$e" "$OUT/sq/$e"
	done
	sq_n=$(wc -l < stories/alan.md)
	printf '\nIt fails with E0597: `world` does not live long enough.\n' \
	    >> "$OUT/sq/stories/alan.md"
	printf 'Bare codes stay references: rustc rejects it with E0277.\n' \
	    >> "$OUT/sq/stories/alan.md"
	printf '\n```rust\nlet w = *r; // E0507 - cannot move out of `*r`\n```\n' \
	    >> "$OUT/sq/stories/alan.md"
	sed -i 's/^  - An `async fn` becomes a value/  - It is E0733 -- an `async fn` becomes a value/' \
	    "$OUT/sq/exercises/async-recursion/exercise.yaml"
	(cd "$OUT/sq" && python3 "$sq" --quotes) > "$OUT/sq-codes.log" 2>&1
	if grep -q "^not ok - 3 output-like content lines come from no snippet" \
	    "$OUT/sq-codes.log" &&
	    grep -q "^    stories/alan.md:$((sq_n + 2)): It fails with E0597" \
	    "$OUT/sq-codes.log" &&
	    grep -q "^    stories/alan.md:$((sq_n + 6)): let w = \*r; // E0507" \
	    "$OUT/sq-codes.log" &&
	    grep -q "^    exercises/async-recursion/exercise.yaml:15: - It is E0733 -- an" \
	    "$OUT/sq-codes.log"; then
		ok "quote: invented messages given by error code are caught"
	else
		not_ok "quote: invented messages given by error code are caught (see $OUT/sq-codes.log)"
	fi
	rm -rf "$OUT/sq"
	mkdir -p "$OUT/sq"
	cp -r paths stories quizzes plans snippets "$OUT/sq/"
	sed -i 's/await occurs here, with `mut g` maybe used later/await occurs here/' \
	    "$OUT/sq/paths/status-quo.yaml"
	if (cd "$OUT/sq" && python3 "$sq" --quotes) |
	    grep "^not ok - send-drop quote 1 .* is not quoted" > /dev/null; then
		ok "quote: a changed line of real output is caught"
	else
		not_ok "quote: a changed line of real output is caught"
	fi
else
	echo "skip - snippet quotes need python3-yaml"
fi

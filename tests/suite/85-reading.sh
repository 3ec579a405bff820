# tier: fast
# Reading groups and facilitators (issue 15): plans, search, handouts,
# transcripts, the group report, HTML in a real browser.
R=tests/reading
# the HTML pages (also 86-browser's), and the fixture content with plans
. tests/reading/pages.sh
RDATA=$pages_data

# Plans: every malformed plan stops the load at the offending value.
for y in $R/bad/*.yaml; do
	name=$(basename "$y" .yaml)
	d=$OUT/reading-bad-$name
	rm -rf "$d"
	cp -r tests/fixtures/good "$d"
	mkdir -p "$d/plans"
	cp "$y" "$d/plans/$name.yaml"
	$BIN --data "$d" plan list > /dev/null 2> "$OUT/plan-bad-$name.err"
	got=$(printf '%s\n%s' "$?" "$(head -n 1 "$OUT/plan-bad-$name.err" |
	    sed "s|^$d/plans/$name.yaml|%F|")")
	if [ "$got" = "$(cat "$R/bad/$name.expect")" ]; then
		ok "malformed plan $name"
	else
		not_ok "malformed plan $name"
		printf '    want: %s\n    got:  %s\n' "$(cat "$R/bad/$name.expect")" \
		    "$got"
	fi
done

# plan list / show, against golden files.
for t in "plan list" "plan show locks" "plan show --facilitator locks"; do
	gold=$R/golden/$(echo "$t" | tr ' ' '_' | tr -d -).txt
	# shellcheck disable=SC2086
	$BIN --data "$RDATA" --plain --width 72 $t > "$OUT/r.txt" 2>&1
	if cmp -s "$gold" "$OUT/r.txt"; then
		ok "$t: golden"
	else
		not_ok "$t: golden"
		diff "$gold" "$OUT/r.txt" | head -20 | sed 's/^/    /'
	fi
done
$BIN --data "$RDATA" plan show nope > /dev/null 2>&1
[ $? -eq 65 ] && ok "plan show of an unknown id exits 65" ||
    not_ok "plan show of an unknown id exits 65"
$BIN --data "$RDATA" plan frob > /dev/null 2>&1
[ $? -eq 64 ] && ok "plan with a bad subcommand exits 64" ||
    not_ok "plan with a bad subcommand exits 64"
# The participants' edition never shows the facilitator's notes.
$BIN --data "$RDATA" --plain plan show locks > "$OUT/r.txt" 2>&1
grep -q "Watch for people" "$OUT/r.txt" &&
    not_ok "plan show hides the facilitator's notes" ||
    ok "plan show hides the facilitator's notes"

# check: over-target warning and the coverage line.
$BIN --data "$RDATA" check > "$OUT/r-check.txt" 2>&1
grep -q "long.yaml:1:1: warning: plan 'long' takes 30 min, over its target of 5 min" \
    "$OUT/r-check.txt" && ok "check warns when a plan runs over its target" ||
    not_ok "check warns when a plan runs over its target"
grep -q "^plans: 2 plans reach 2 of 2 stories; 0 stories in no plan" \
    "$OUT/r-check.txt" && ok "check prints the plans' coverage line" ||
    not_ok "check prints the plans' coverage line"
$BIN check > "$OUT/r-check.txt" 2>&1
grep -q "^plans: 14 plans reach 78 of 78 stories; 0 stories in no plan" \
    "$OUT/r-check.txt" && ok "shipped plans reach every story" ||
    not_ok "shipped plans reach every story"
if [ -x ../shared/tools/copycheck ]; then
	[ -z "$(../shared/tools/copycheck plans 2>&1)" ] &&
	    ok "copycheck plans prints nothing" ||
	    not_ok "copycheck plans prints nothing"
fi

# Search: ranked hits with marked words, case- and accent-insensitive.
$BIN --data "$RDATA" --plain --width 72 search lock await > "$OUT/r.txt" 2>&1
cmp -s "$R/golden/search_lock_await.txt" "$OUT/r.txt" &&
    ok "search: ranked hits, golden" || { not_ok "search: ranked hits, golden"
	diff "$R/golden/search_lock_await.txt" "$OUT/r.txt" | head | sed 's/^/    /'; }
$BIN --data "$RDATA" --plain search CAFE Creme > "$OUT/r.txt" 2>&1
grep -q "^1. Longer than its target (plan .long.)" "$OUT/r.txt" &&
    grep -q "\[café\] \[crème\]" "$OUT/r.txt" &&
    ok "search folds case and accents" || not_ok "search folds case and accents"
# The shipped content: exercises are found.
$BIN --plain --width 200 search heartbeat > "$OUT/r.txt" 2>&1
grep -q '(exercise `blocking-heartbeat`)' "$OUT/r.txt" &&
    ok "search finds exercises" || not_ok "search finds exercises"
# tests/fixtures/search: "Sender of peace" (title) is I/O bound; Dave's
# card asks for a Send bound.  The card with the phrase ranks first.
$BIN --data tests/fixtures/search --plain search send bound > "$OUT/r.txt" 2>&1
sed -n 3p "$OUT/r.txt" | grep -q '^1\. Dave locks up' &&
    sed -n 6p "$OUT/r.txt" | grep -q '^2\. Sender of peace' &&
    ok "search: the phrase, then every whole word, before prefix matches" ||
    { not_ok "search: the phrase, then every whole word, before prefixes"
      sed 's/^/    /' "$OUT/r.txt"; }
$BIN --data "$RDATA" search zzzz > /dev/null 2>&1
[ $? -eq 1 ] && ok "search with no match exits 1" ||
    not_ok "search with no match exits 1"
$BIN search > /dev/null 2>&1
[ $? -eq 64 ] && ok "search without words exits 64" ||
    not_ok "search without words exits 64"

# Handouts: Markdown golden files; HTML structurally sound and inert with
# hostile content; every shipped plan's handout in a real browser.
for ed in "" _facilitator; do
	flag=; [ -n "$ed" ] && flag=--facilitator
	$BIN --data "$RDATA" handout locks $flag > "$OUT/r.md" 2>&1
	cmp -s "$R/golden/handout_locks$ed.md" "$OUT/r.md" &&
	    ok "handout md$ed: golden" || { not_ok "handout md$ed: golden"
		diff "$R/golden/handout_locks$ed.md" "$OUT/r.md" | head | sed 's/^/    /'; }
done
[ "$(cat "$PG/locks.html.status")" = 0 ] &&
    grep -q "<h3>Story 3 of 3: Dave locks up</h3>" "$PG/locks.html" &&
    ! grep -q "Watch for people" "$PG/locks.html" &&
    ok "handout html: -o writes the page, no facilitator notes" ||
    not_ok "handout html: -o writes the page, no facilitator notes"
$BIN --data "$RDATA" handout locks --format pdf > /dev/null 2>&1
[ $? -eq 64 ] && ok "handout --format pdf exits 64" ||
    not_ok "handout --format pdf exits 64"
$BIN --data "$RDATA" handout nope > /dev/null 2>&1
[ $? -eq 65 ] && ok "handout of an unknown plan exits 65" ||
    not_ok "handout of an unknown plan exits 65"
$BIN --data "$RDATA" handout locks -o /nonexistent/dir/x.md > /dev/null 2>&1
[ $? -eq 74 ] && ok "handout to an unwritable file exits 74" ||
    not_ok "handout to an unwritable file exits 74"
# -o never writes through a planted symlink: the writer once used
# FILE.tmp.PID, which another user could plant (exec keeps the PID).
PL=$OUT/planted
rm -rf "$PL"
mkdir -p "$PL"
printf 'keep me\n' > "$PL/victim"
sh -c 'ln -s "$1/victim" "$1/out.md.tmp.$$" &&
    exec "$2" --data "$3" handout locks -o "$1/out.md"' sh "$PL" "$BIN" \
    "$RDATA" > /dev/null 2>&1
[ "$(cat "$PL/victim")" = "keep me" ] &&
    grep -q "Dave locks up" "$PL/out.md" && [ ! -L "$PL/out.md" ] &&
    [ -z "$(find "$PL" -name '.out.md.*')" ] &&
    ok "handout -o: a planted symlink is not written through" ||
    not_ok "handout -o: a planted symlink is not written through"
[ "$(cat "$PG/hostile.html.status")" = 0 ] ||
    not_ok "hostile handout renders"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$PG/hostile.html" &&
    ok "hostile handout: a title's markup shows as text" ||
    not_ok "hostile handout: a title's markup shows as text"
for f in plans/*.yaml; do
	p=$(basename "$f" .yaml)
	[ "$(cat "$PG/handouts/$p.html.status")" = 0 ] ||
	    not_ok "handout $p renders"
done
# shellcheck disable=SC2086
python3 tests/html_check.py $PG/locks.html $PG/hostile.html \
    $PG/handouts/*.html > "$OUT/html-check.txt" 2>&1
relay "$OUT/html-check.txt"
# check reports a malformed plan as an error of the content.
$BIN --data "$OUT/reading-bad-unknown-story" check > /dev/null 2> "$OUT/r.err"
[ $? -eq 65 ] && grep -q "unknown-story.yaml:7:30: error: no story has the id" \
    "$OUT/r.err" && ok "check reports a malformed plan, exit 65" ||
    not_ok "check reports a malformed plan, exit 65"

# Transcripts and the group report, over fixture sessions: golden files.
S=$R/sessions
D="--data tests/fixtures/good"
$BIN $D transcript "$S/alice.json" > "$OUT/r.md" 2>&1
cmp -s "$R/golden/transcript_alice.md" "$OUT/r.md" &&
    ok "transcript md: golden" || { not_ok "transcript md: golden"
	diff "$R/golden/transcript_alice.md" "$OUT/r.md" | head | sed 's/^/    /'; }
[ "$(cat "$PG/transcript.html.status")" = 0 ] &&
    grep -q '&lt;script&gt;alert(1)&lt;/script&gt; is just text' \
    "$PG/transcript.html" &&
    ok "transcript html: a note's markup shows as text" ||
    not_ok "transcript html: a note's markup shows as text"
# A note is always text, in every writer that shows it.
python3 tests/notes_check.py "$BIN" tests/fixtures/good "$S/alice.json" \
    "$OUT/notes" > "$OUT/notes-check.txt" 2>&1
relay "$OUT/notes-check.txt"
XDG_STATE_HOME="$PWD/$OUT/xdg" $BIN $D transcript > /dev/null 2>&1
[ $? -eq 66 ] && ok "transcript with no saved session exits 66" ||
    not_ok "transcript with no saved session exits 66"
mkdir -p "$OUT/xdg/asyncpath/sessions"
cp "$S/alice.json" "$S/bob.json" "$OUT/xdg/asyncpath/sessions/"
XDG_STATE_HOME="$PWD/$OUT/xdg" $BIN $D transcript bob > "$OUT/r.md" 2>&1 &&
    head -1 "$OUT/r.md" | grep -q "^# Transcript: bob" &&
    XDG_STATE_HOME="$PWD/$OUT/xdg" $BIN $D transcript > "$OUT/r.md" 2>&1 &&
    head -1 "$OUT/r.md" | grep -q "^# Transcript: alice" &&
    ok "transcript NAME from the sessions folder; the newest by default" ||
    not_ok "transcript NAME from the sessions folder; the newest by default"
$BIN $D transcript "$S/damaged.json" > /dev/null 2> "$OUT/r.err"
[ $? -eq 65 ] && grep -q "damaged.json:1:45: error:" "$OUT/r.err" &&
    ok "transcript of a damaged file: located error, exit 65" ||
    not_ok "transcript of a damaged file: located error, exit 65"
$BIN $D --plain --width 72 report "$S" > "$OUT/r.txt" 2> "$OUT/r.err"
cmp -s "$R/golden/report.txt" "$OUT/r.txt" &&
    ok "report text: golden" || { not_ok "report text: golden"
	diff "$R/golden/report.txt" "$OUT/r.txt" | head | sed 's/^/    /'; }
grep -q "^$S/damaged.json:1:45: error: not a session" "$OUT/r.err" &&
    ok "report: a damaged file skipped with its located error" ||
    not_ok "report: a damaged file skipped with its located error"
$BIN $D report "$S" --format md > "$OUT/r.md" 2> /dev/null
cmp -s "$R/golden/report.md" "$OUT/r.md" &&
    ok "report md: golden" || { not_ok "report md: golden"
	diff "$R/golden/report.md" "$OUT/r.md" | head | sed 's/^/    /'; }
grep -q "carl.json: warning: made with other content" "$OUT/r.md" &&
    ok "report: a session of other content gets a warning" ||
    not_ok "report: a session of other content gets a warning"
$BIN $D report "$S" --anonymous --format md > "$OUT/r.md" 2> /dev/null
$BIN $D report "$S" --anonymous --format json > "$OUT/r.json" 2> /dev/null
$BIN $D report "$S" --anonymous --format html -o "$OUT/report-anon.html" \
    2> /dev/null
$BIN $D report "$S" --anonymous --format md > "$OUT/r2.md" 2> /dev/null
rows=$(sed -n '/^## Who is where/,/^## /p' "$OUT/r.md" | grep -c '^- \*\*')
if cmp -s "$OUT/r.md" "$OUT/r2.md" && [ "$rows" -eq 3 ]; then
	ok "report --anonymous: a row per person under a stable pseudonym"
else
	not_ok "report --anonymous: a row per person under a stable pseudonym ($rows rows)"
fi
if grep -q "Alice\|Bob" "$OUT/r.md" "$OUT/r.json" "$OUT/report-anon.html"
then
	not_ok "report --anonymous: no name in md, json or html"
else
	ok "report --anonymous: no name in md, json or html"
fi
[ "$(cat "$PG/report.html.status")" = 0 ] &&
    [ "$(grep -c "<svg class=\"bars\"" "$PG/report.html")" -eq 9 ] &&
    [ "$(grep -c "<tr><th scope=\"row\">" "$PG/report.html")" -eq 2 ] &&
    ok "report html: a bar chart (inline SVG) per split (3), stage list, decision and story list; a table row per person" ||
    not_ok "report html: a bar chart (inline SVG) per split (3), stage list, decision and story list; a table row per person"
$BIN $D report "$S/damaged.json" > /dev/null 2>&1
[ $? -eq 65 ] && ok "report with only damaged files exits 65" ||
    not_ok "report with only damaged files exits 65"
$BIN $D report "$OUT/no-such-dir" > /dev/null 2>&1
[ $? -eq 66 ] && ok "report on a missing folder exits 66" ||
    not_ok "report on a missing folder exits 66"
$BIN $D report "$S" --format pdf > /dev/null 2>&1
[ $? -eq 64 ] && ok "report --format pdf exits 64" ||
    not_ok "report --format pdf exits 64"
# shellcheck disable=SC2086
python3 tests/html_check.py "$PG/transcript.html" "$PG/report.html" \
    "$OUT/report-anon.html" > "$OUT/html-check.txt" 2>&1
relay "$OUT/html-check.txt"

# The report over generated sessions against counts computed apart.
hash=$($BIN report "$S/alice.json" --format json 2> /dev/null |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["content_hashes"]["status-quo"])')
rm -rf "$OUT/gen"
python3 tests/gen_sessions.py . status-quo "$hash" 300 "$OUT/gen" 5 &&
    $BIN report "$OUT/gen" --format json -o "$OUT/gen-report.json" \
    2> /dev/null &&
    python3 tests/report_check.py "$OUT/gen.expected.json" \
    "$OUT/gen-report.json" > "$OUT/gen-check.txt" 2>&1 ||
    echo "not ok - report over generated sessions ran" >> "$OUT/gen-check.txt"
relay "$OUT/gen-check.txt"

# In the walk: plan ID, next, prev, search, read N.
$BIN --data "$RDATA" --plain --width 72 < $R/walk.in > "$OUT/walk.out" 2>&1
echo "exit $?" >> "$OUT/walk.out"
cmp -s "$R/golden/walk.out" "$OUT/walk.out" &&
    ok "walk: plan, next, prev, search and read N, golden" ||
    { not_ok "walk: plan, next, prev, search and read N, golden"
	diff "$R/golden/walk.out" "$OUT/walk.out" | head | sed 's/^/    /'; }

# No memory error or leak in the reading commands.
if command -v valgrind > /dev/null 2>&1; then
	VG="valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=1"
	vgfail=
	for cmd in "handout introduction --format html" \
	    "handout workshop --facilitator" "search cancel Pin" \
	    "plan show --facilitator alan" \
	    "$D transcript $S/alice.json --format html" \
	    "$D transcript $S/carl.json" "$D report $S --format html" \
	    "$D report $S --format json" "$D --plain report $S"; do
		# shellcheck disable=SC2086
		$VG $BIN $cmd > /dev/null 2> "$OUT/vg.err"
		[ $? -eq 0 ] || vgfail="$vgfail; $cmd"
	done
	$VG $BIN --data "$RDATA" --plain < $R/walk.in > /dev/null 2>&1 ||
	    vgfail="$vgfail; the walk's reading commands"
	[ -z "$vgfail" ] &&
	    ok "valgrind: plan, search, handout, transcript, report, walk: clean" ||
	    not_ok "valgrind: reading commands$vgfail"
else
	echo "skip - valgrind is not installed"
fi

# A walk that ended at the debrief: its transcript holds the debrief as
# the walker saw it (the same lines, in the same order).
TR=$PWD/$OUT/transcript-debrief
rm -rf "$TR"
XDG_STATE_HOME=$TR $BIN --plain --width 72 --session tdebrief \
    < tests/transcripts/short-route.in > "$OUT/td-walk.txt" 2>&1
XDG_STATE_HOME=$TR $BIN transcript tdebrief > "$OUT/td.md" 2>&1
want=$(sed -n '/^# Debrief/,/^## Your trail/p' "$OUT/td-walk.txt" |
    grep '^- ' | tr -d '`' | head -3 | cut -c1-24)
got=$(sed -n '/^## The debrief/,/^## Stories read/p' "$OUT/td.md" |
    grep '^- ' | tr -d '*`' | head -3 | cut -c1-24)
[ -n "$want" ] && [ "$want" = "$got" ] &&
    ok "transcript of a walk that ended at the debrief holds the debrief" ||
    { not_ok "transcript of a walk that ended at the debrief holds the debrief"
      printf '    want: %s\n    got:  %s\n' "$want" "$got"; }

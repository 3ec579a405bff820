# tests/reading/pages.sh, sourced by the suites 85-reading and 86-browser
# (so each runs alone): the reading commands' HTML pages, written afresh
# under $OUT/pages, each command's exit status in PAGE.status.  A plan's
# handout over the fixture plans (participants' edition, locks.html), a
# facilitator's handout of hostile content (hostile.html), every shipped
# plan's handout (handouts/ID.html), a transcript (transcript.html) and a
# group report (report.html) over the fixture sessions.  Sets pages_data
# (the fixture content with tests/reading/plans), pages_html (every page)
# and pages_browser (every page, with :N where its printout must hold N
# "Story N of M" headings).  Counts no test: the suites judge the pages.
PG=$OUT/pages
rm -rf "$PG"
mkdir -p "$PG/handouts"
pages_data=$PG/data
cp -r tests/fixtures/good "$pages_data"
mkdir -p "$pages_data/plans"
cp tests/reading/plans/*.yaml "$pages_data/plans/"
cp -r tests/fixtures/good "$PG/hostile-data"
cp -r tests/reading/hostile/* "$PG/hostile-data/"
# pg_write PAGE ARG...: asyncpath ARG... -o PAGE, its status in
# PAGE.status, its stderr in PAGE.err
pg_write() {
	pg_page=$1
	shift
	$BIN "$@" -o "$pg_page" 2> "$pg_page.err"
	echo $? > "$pg_page.status"
}
pg_write "$PG/locks.html" --data "$pages_data" handout locks --format html
pg_write "$PG/hostile.html" --data "$PG/hostile-data" handout hostile \
    --facilitator --format html
pages_html="$PG/locks.html $PG/hostile.html"
pages_browser="$PG/locks.html:3 $PG/hostile.html:2"
for pg_f in plans/*.yaml; do
	pg_p=$(basename "$pg_f" .yaml)
	pg_write "$PG/handouts/$pg_p.html" handout "$pg_p" --format html
	pg_n=$($BIN handout "$pg_p" | grep -c '^### Story [0-9]* of')
	pages_html="$pages_html $PG/handouts/$pg_p.html"
	pages_browser="$pages_browser $PG/handouts/$pg_p.html:$pg_n"
done
pg_write "$PG/transcript.html" --data tests/fixtures/good transcript \
    tests/reading/sessions/alice.json --format html
pg_write "$PG/report.html" --data tests/fixtures/good report \
    tests/reading/sessions/alice.json tests/reading/sessions/bob.json \
    --format html
pages_html="$pages_html $PG/transcript.html $PG/report.html"
pages_browser="$pages_browser $PG/transcript.html $PG/report.html"

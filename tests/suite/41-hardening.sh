# tier: fast
# Hardening, third pass (issue 24): no command blocks on a FIFO named
# as one of its files; no control byte from input reaches any stream,
# in any format; a card's sections render apart, so an unclosed fence
# keeps to its own; errors stop after a cap per file; inputs that would
# send libcmark quadratic are refused with a message.
H=$OUT/harden
rm -rf "$H"
mkdir -p "$H"
# h_expect NAME STATUS TEXT CMD...: CMD ends with exit STATUS and its
# stderr holds TEXT (timeout only bounds a hang: the test waits for the
# command's end, never for a set time).
h_expect() {
	h_name=$1 h_want=$2 h_text=$3
	shift 3
	timeout 20 "$@" > "$H/out" 2> "$H/err" < /dev/null
	h_got=$?
	# lines joined: a message the renderer wrapped still matches
	if [ "$h_got" = "$h_want" ] &&
	    tr '\n' ' ' < "$H/err" | grep -qF -- "$h_text"; then
		ok "$h_name"
	else
		not_ok "$h_name"
		echo "    exit $h_got (want $h_want); stderr:"
		sed 's/^/    /' "$H/err" | head -5
	fi
}

# --- 1. A FIFO wherever a command opens a file a user names ---
NOREG="it is not a regular file (a FIFO, device or socket)"
mkdir -p "$H/rep" "$H/st/asyncpath/sessions"
cp tests/reading/sessions/alice.json "$H/rep/"
mkfifo "$H/rep/b.json" "$H/s.json" "$H/st/asyncpath/sessions/ff.json"
h_expect "FIFO: report DIR skips b.json with its error, reports the rest" \
    0 "$H/rep/b.json: error: cannot read the session: $NOREG" \
    $BIN --data tests/fixtures/good report "$H/rep"
grep -q "^1 session" "$H/out" && ok "FIFO: report DIR still counts alice" ||
    not_ok "FIFO: report DIR still counts alice"
h_expect "FIFO: report FILE, exit 65" 65 "cannot read the session: $NOREG" \
    $BIN --data tests/fixtures/good report "$H/s.json"
h_expect "FIFO: transcript FILE, exit 65" 65 \
    "cannot read the session: $NOREG" \
    $BIN --data tests/fixtures/good transcript "$H/s.json"
h_expect "FIFO: --session FILE, exit 65" 65 \
    "cannot read the session: $NOREG" \
    $BIN --data tests/fixtures/good --session "$H/s.json"
h_expect "FIFO: --session NAME in the sessions folder, exit 65" 65 \
    "ff.json: error: cannot read the session: $NOREG" \
    env XDG_STATE_HOME="$PWD/$H/st" $BIN --data tests/fixtures/good \
    --session ff
h_expect "FIFO: transcript NAME, exit 65" 65 \
    "ff.json: error: cannot read the session: $NOREG" \
    env XDG_STATE_HOME="$PWD/$H/st" $BIN --data tests/fixtures/good \
    transcript ff
h_expect "FIFO: sessions lists it as damaged, exit 65" 65 \
    "ff.json: error: cannot read the session: $NOREG" \
    env XDG_STATE_HOME="$PWD/$H/st" $BIN --data tests/fixtures/good sessions
mkfifo "$H/r.md"
h_expect "FIFO: render FILE, exit 66" 66 "r.md: cannot read: $NOREG" \
    $BIN render "$H/r.md"
for k in plans quizzes; do
	cp -R tests/fixtures/good "$H/data-$k"
	mkdir -p "$H/data-$k/$k"
	mkfifo "$H/data-$k/$k/x.yaml"
	h_expect "FIFO: a file in $k/, located error, check exits 65" 65 \
	    "data-$k/$k/x.yaml: error: cannot read: $NOREG" \
	    $BIN --data "$H/data-$k" check
done
cp -R tests/fixtures/good "$H/data-ex"
mkdir -p "$H/data-ex/exercises/x"
mkfifo "$H/data-ex/exercises/x/exercise.yaml"
h_expect "FIFO: an exercise.yaml, located error, check exits 65" 65 \
    "exercises/x/exercise.yaml: error: cannot read: $NOREG" \
    $BIN --data "$H/data-ex" check
up=$H/up/src/vision/submitted_stories/status_quo
mkdir -p "$up"
mkfifo "$up/alan_builds_a_cache.md"
h_expect "FIFO: read --original from --upstream, exit 66" 66 \
    "alan_builds_a_cache.md\`: $NOREG" \
    $BIN --upstream "$H/up" read --original alan-builds-a-cache
cp -R tests/fixtures/good "$H/data-h"
mkdir -p "$H/data-h/plans"
cp tests/reading/plans/*.yaml "$H/data-h/plans/"
for c in "handout locks" "transcript tests/reading/sessions/alice.json" \
    "report tests/reading/sessions/alice.json"; do
	rm -f "$H/o.out"
	mkfifo "$H/o.out"
	# shellcheck disable=SC2086
	timeout 20 $BIN --data "$H/data-h" $c -o "$H/o.out" < /dev/null \
	    > /dev/null 2>&1
	[ $? -eq 0 ] && [ -f "$H/o.out" ] && [ -s "$H/o.out" ] &&
	    ok "FIFO: ${c%% *} -o FIFO replaces it atomically" ||
	    not_ok "FIFO: ${c%% *} -o FIFO replaces it atomically"
done

# tier: slow
# The exercise runner through the real binary, with Debian's cargo: the
# verify loop on the command line (exit 1 with the error code, the fix,
# exit 0, status solved), a hanging starter killed at its timeout with
# no process of its group left, the verify loop and Ctrl-C in a pty
# (tests/exercise_pty.py), a missing cargo (exit 69), bad ids (exit 64),
# malformed exercise and quiz files (located errors, exit 65), tiny
# programs that try to escape the runner (tests/runner-escape), and
# SIGTERM and SIGHUP during a verify (tests/verify_signal.py).
rn_ws="$OUT/runner-ws"
rm -rf "$rn_ws" "$OUT/runner-pty" "$OUT/runner-data"
# the runner's cache (its target folder), kept: Debian's toolchain's
rn_cache="$EXCACHE/$(/usr/bin/rustc --version 2>/dev/null | cut -d' ' -f2)"
rn_env="XDG_CACHE_HOME=$rn_cache XDG_DATA_HOME=$OUT/runner-data"
if [ ! -x /usr/bin/cargo ] || ! ls -d /usr/share/cargo/registry/tokio-1.* \
    >/dev/null 2>&1; then
	echo "skip - the runner needs Debian's toolchain and crates:" \
	    "apt-get install cargo librust-tokio-dev librust-tokio-util-dev" \
	    "librust-futures-dev"
else
	rn() { env $rn_env ASYNCPATH_CARGO=/usr/bin/cargo $BIN --plain \
	    --width 100 exercise "$@" --workspace "$rn_ws"; }
	rn start two-asyncreads > "$OUT/rn-start.out" 2>&1
	if [ $? -eq 0 ] && grep -q 'Exercise: Two traits called' \
	    "$OUT/rn-start.out" && [ -f "$rn_ws/two-asyncreads/src/main.rs" ] &&
	    grep -q 'directory = "/usr/share/cargo/registry"' \
	    "$rn_ws/two-asyncreads/.cargo/config.toml"; then
		ok "exercise start copies the starter and the offline config"
	else
		not_ok "exercise start copies the starter and the offline config"
		sed 's/^/    /' "$OUT/rn-start.out"
	fi
	rn verify two-asyncreads > "$OUT/rn-v1.out" 2>&1
	rn_st=$?
	if [ $rn_st -eq 1 ] && grep -q 'The first error is `E0277`' \
	    "$OUT/rn-v1.out" && grep -q 'error\[E0277\]: the trait bound' \
	    "$OUT/rn-v1.out"; then
		ok "exercise verify of the starter: exit 1, E0277 and its text"
	else
		not_ok "exercise verify of the starter: exit 1 ($rn_st), E0277"
		head -30 "$OUT/rn-v1.out" | sed 's/^/    /'
	fi
	cp exercises/two-asyncreads/solution/src/main.rs \
	    "$rn_ws/two-asyncreads/src/main.rs"
	rn verify two-asyncreads > "$OUT/rn-v2.out" 2>&1
	rn_st=$?
	if [ $rn_st -eq 0 ] && grep -q '^Solved' "$OUT/rn-v2.out" &&
	    rn list | grep -q "^two-asyncreads  *ecosystem  *solved " &&
	    grep -q '"attempts": 2' "$rn_ws/two-asyncreads/.asyncpath.json"
	then
		ok "exercise verify after the fix: exit 0, solved, 2 attempts"
	else
		not_ok "exercise verify after the fix: exit 0 ($rn_st), solved"
		sed 's/^/    /' "$OUT/rn-v2.out"
	fi
	# a starter that hangs: killed at its timeout (3 s), group and all
	rn start open-sender > /dev/null 2>&1
	rn verify open-sender > "$OUT/rn-hang.out" 2>&1
	rn_st=$?
	rn_run=$(sed -n 's/.*run \([0-9.]*\) s)$/\1/p' "$OUT/rn-hang.out")
	rn_left=$(ps -eo pid,args | grep -F "$rn_cache" | grep -v grep)
	if [ $rn_st -eq 1 ] && grep -q 'still running after 3 s' \
	    "$OUT/rn-hang.out" && [ -z "$rn_left" ] &&
	    awk "BEGIN { exit !($rn_run < 4.0) }"; then
		ok "a hanging starter is stopped at 3 s (ran $rn_run s)," \
		    "no process left"
	else
		not_ok "a hanging starter is stopped at 3 s (ran $rn_run s)," \
		    "no process left"
		echo "$rn_left" | sed 's/^/    left: /'
		sed 's/^/    /' "$OUT/rn-hang.out"
	fi
	rn hint open-sender > "$OUT/rn-hint.out" 2>&1
	if grep -q '^Hint 1 of 3' "$OUT/rn-hint.out" &&
	    grep -q '"hints": 1' "$rn_ws/open-sender/.asyncpath.json"; then
		ok "exercise hint gives the first hint and counts it"
	else
		not_ok "exercise hint gives the first hint and counts it"
	fi
	rn solution open-sender --yes > "$OUT/rn-sol.out" 2>&1
	if grep -q '^ *+    drop(tx);$' "$OUT/rn-sol.out" &&
	    grep -q '^ *--- start/src/main.rs$' "$OUT/rn-sol.out"; then
		ok "exercise solution shows the fix as a diff"
	else
		not_ok "exercise solution shows the fix as a diff"
		head -20 "$OUT/rn-sol.out" | sed 's/^/    /'
	fi
	echo "// my attempt" >> "$rn_ws/open-sender/src/main.rs"
	rn reset open-sender > /dev/null 2>&1
	if cmp -s exercises/open-sender/start/src/main.rs \
	    "$rn_ws/open-sender/src/main.rs" && grep -q 'my attempt' \
	    "$rn_ws/open-sender.before-reset/src/main.rs"; then
		ok "exercise reset restores the starter, keeps the attempt aside"
	else
		not_ok "exercise reset restores the starter, keeps the attempt"
	fi
	if python3 tests/exercise_pty.py "$BIN" "$OUT/runner-pty" "$rn_cache" \
	    > "$OUT/rn-pty.out" 2>&1; then :; fi
	relay "$OUT/rn-pty.out"
	grep -q '^ok ' "$OUT/rn-pty.out" || not_ok "exercise pty test ran"
	# The room sees the exercises: one person works from the shell with
	# --session, another from the walk; each fails, takes hints, fixes
	# and passes; the report then shows, per exercise and in each
	# format, who tried and solved it, the median time to solve,
	# attempts and hints.
	rr_ws="$OUT/report-ws"
	rr_dir="$XDG_STATE_HOME/asyncpath/sessions"
	rm -rf "$rr_ws" "$rr_dir/rr-shell.json" "$rr_dir/rr-walk.json"
	rr_sol=exercises/two-asyncreads/solution/src/main.rs
	rr() { env $rn_env ASYNCPATH_CARGO=/usr/bin/cargo $BIN --plain \
	    --width 100 "$@"; }
	rrx() { rr --session rr-shell exercise "$@" --workspace "$rr_ws/shell"; }
	printf 'quit\n' | rr --session rr-shell > /dev/null 2>&1
	{
		rrx start two-asyncreads
		rrx verify two-asyncreads
		echo "exit $?"
		rrx hint two-asyncreads
		cp "$rr_sol" "$rr_ws/shell/two-asyncreads/src/main.rs"
		rrx verify two-asyncreads
		echo "exit $?"
	} > "$OUT/rr-shell.out" 2>&1
	printf 'exercise two-asyncreads\nverify\nhint\nhint\nquit\n' |
	    rr --session rr-walk play --workspace "$rr_ws/walk" \
	    > "$OUT/rr-walk.out" 2>&1
	cp "$rr_sol" "$rr_ws/walk/two-asyncreads/src/main.rs"
	printf 'verify two-asyncreads\nquit\n' |
	    rr --session rr-walk play --workspace "$rr_ws/walk" \
	    >> "$OUT/rr-walk.out" 2>&1
	for rr_f in md html json; do
		rr report "$rr_dir/rr-shell.json" "$rr_dir/rr-walk.json" \
		    --format $rr_f -o "$OUT/report-exercises.$rr_f" \
		    2> "$OUT/rr-report.err"
	done
	rr report "$rr_dir/rr-shell.json" "$rr_dir/rr-walk.json" \
	    > "$OUT/report-exercises.txt" 2>> "$OUT/rr-report.err"
	# both sessions hold a solve with its times, the shell's 2 attempts
	# and 1 hint, the walk's 2 attempts and 2 hints
	rr_got=$(python3 -c 'import json,sys
for f in sys.argv[1:]:
    x = json.load(open(f))["exercises"]["two-asyncreads"]
    print(x["status"], x["attempts"], x["hints"],
          x["started"] <= x["solved"], end=" ")' "$rr_dir/rr-shell.json" \
	    "$rr_dir/rr-walk.json" 2>&1)
	if [ "$rr_got" = "solved 2 1 True solved 2 2 True " ] &&
	    grep -q '^exit 1$' "$OUT/rr-shell.out" &&
	    grep -q '^exit 0$' "$OUT/rr-shell.out"; then
		ok "exercise results from the shell (--session) and the walk: attempts, hints, started and solved in each session"
	else
		not_ok "exercise results from the shell and the walk in the sessions ($rr_got)"
		tail -n 20 "$OUT/rr-shell.out" "$OUT/rr-walk.out" | sed 's/^/    /'
	fi
	rr_line='two-asyncreads.*: 2 tried, 2 solved \(100%\), 0 still failing; median time to solve [0-9]+ (s|min)[^;]*; 2\.0 attempts and 1\.5 hints on average'
	rr_bad=
	for rr_f in txt md html; do
		tr '\n' ' ' < "$OUT/report-exercises.$rr_f" | sed 's/  */ /g' |
		    sed 's/<[^>]*>//g' | grep -Eq "$rr_line" ||
		    rr_bad="$rr_bad $rr_f"
	done
	rr_got=$(python3 -c 'import json,sys
x = json.load(open(sys.argv[1]))["exercises"]["two-asyncreads"]
m = x["median_seconds_to_solve"]
print(x["sessions"], x["solved"], x["attempts"], x["hints"],
      x["timed_solves"], isinstance(m, (int, float)) and m >= 0)' \
	    "$OUT/report-exercises.json" 2>&1)
	[ "$rr_got" = "2 2 4 3 2 True" ] || rr_bad="$rr_bad json($rr_got)"
	if [ -z "$rr_bad" ]; then
		ok "report (text, md, html, json): per exercise tried, solved, median time to solve, attempts and hints"
	else
		not_ok "report shows per exercise tried, solved, time, attempts, hints:$rr_bad"
		sed -n '/Exercises/,$p' "$OUT/report-exercises.txt" | sed 's/^/    /'
	fi
fi
# no cargo: one line with the apt-get command, exit 69
env $rn_env ASYNCPATH_CARGO=/nonexistent/cargo $BIN exercise verify \
    two-asyncreads --workspace "$rn_ws" > /dev/null 2> "$OUT/rn-69.err"
rn_st=$?
if [ $rn_st -eq 69 ] && [ "$(cat "$OUT/rn-69.err")" = "asyncpath: cargo is \
not installed; install it with: sudo apt-get install cargo librust-tokio-dev \
librust-tokio-util-dev librust-futures-dev" ]; then
	ok "exercise verify without cargo: the apt-get line, exit 69"
else
	not_ok "exercise verify without cargo: exit 69 ($rn_st)"
	sed 's/^/    /' "$OUT/rn-69.err"
fi
$BIN exercise verify no-such-exercise > /dev/null 2>&1
[ $? -eq 64 ] && ok "exercise verify of an unknown id exits 64" ||
    not_ok "exercise verify of an unknown id exits 64"
$BIN exercise frob > /dev/null 2>&1
[ $? -eq 64 ] && ok "exercise with an unknown action exits 64" ||
    not_ok "exercise with an unknown action exits 64"
# malformed exercise and quiz files: the first error line, exit 65
for rn_case in tests/exercise-bad/*/; do
	rn_case=${rn_case%/}
	rn_name=$(basename "$rn_case")
	rn_data="$OUT/exbad-$rn_name"
	cp -r tests/fixtures/good "$rn_data"
	cp -r "$rn_case"/* "$rn_data"/
	$BIN --data "$rn_data" check > /dev/null 2> "$OUT/exbad.err"
	rn_st=$?
	rn_got=$(printf '%s\n%s' "$rn_st" "$(grep -m 1 ": error: " "$OUT/exbad.err" |
	    sed "s|^$rn_data/||")")
	if [ "$rn_got" = "$(cat "$rn_case/expect")" ]; then
		ok "malformed exercise content: $rn_name"
	else
		not_ok "malformed exercise content: $rn_name"
		printf '    want: %s\n    got:  %s\n' "$(cat "$rn_case/expect")" \
		    "$rn_got"
	fi
done
# The quiz in the walk: a question of the current stage, an answer judged
# with a line on every option, the next question after it.
printf 'meet-characters\nas-alan\n1\nquiz\nanswer a\nquiz\nanswer c\n' |
    $BIN --plain --width 100 > "$OUT/quiz.out" 2>&1
if grep -q '^Quiz (Hard choices from the very start): Why must a newcomer' \
    "$OUT/quiz.out" && grep -q '^Right\.$' "$OUT/quiz.out" &&
    grep -q '^Not quite\.$' "$OUT/quiz.out" &&
    grep -q '^- `b` (wrong): Both use the one' "$OUT/quiz.out"; then
	ok "quiz asks, judges and explains every option"
else
	not_ok "quiz asks, judges and explains every option"
	tail -30 "$OUT/quiz.out" | sed 's/^/    /'
fi
# The runner always stops what it starts: tiny programs that try to
# escape, built by the real cargo and run through the real runner
# (tests/runner-escape).  Each is judged by what verify says, never by
# how long it took.
if [ -x /usr/bin/cargo ]; then
	rn_esc="$OUT/runner-escape"
	rm -rf "$rn_esc"
	cp -r tests/fixtures/good "$rn_esc"
	cp -r tests/runner-escape/exercises "$rn_esc/"
	rne() { env $rn_env ASYNCPATH_CARGO=/usr/bin/cargo $BIN --data \
	    "$rn_esc" --plain --width 200 exercise "$@" --workspace \
	    "$OUT/runner-escape-ws"; }
	# left ID PATTERN: no process whose arguments hold PATTERN
	rn_left() { ps -eo args= | grep -F "$1" | grep -v grep; }
	# has FILE TEXT: FILE holds TEXT, its lines joined by spaces
	rn_has() { tr '\n' ' ' < "$1" | grep -qF "$2"; }
	for rn_id in setsid-holds-pipes closes-output busy-loop flood \
	    inherited-fds; do
		rne start $rn_id > /dev/null 2>&1
		rne verify $rn_id > "$OUT/rne-$rn_id.out" 2>&1
		echo $? >> "$OUT/rne-$rn_id.out"
	done
	rn_f="$OUT/rne-setsid-holds-pipes.out"
	if grep -q '^Solved' "$rn_f" && [ "$(tail -n 1 "$rn_f")" = 0 ] &&
	    rn_has "$rn_f" 'still running; verify stopped it' &&
	    [ -z "$(rn_left 'sleep 9731')" ]; then
		ok "a grandchild in its own session holding the pipes: the program's exit is judged, the grandchild stopped"
	else
		not_ok "a grandchild in its own session holding the pipes"
		sed 's/^/    /' "$rn_f"
	fi
	rn_f="$OUT/rne-closes-output.out"
	if grep -q 'still running after 2 s' "$rn_f" &&
	    rn_has "$rn_f" 'hardly used the processor' &&
	    [ "$(tail -n 1 "$rn_f")" = 1 ] &&
	    [ -z "$(rn_left 'sleep 9732')" ]; then
		ok "a program that closes its output and sleeps: a timeout, not missing output; its setsid grandchild stopped"
	else
		not_ok "a program that closes its output and sleeps"
		sed 's/^/    /' "$rn_f"
	fi
	rn_f="$OUT/rne-busy-loop.out"
	if grep -q 'still running after 2 s' "$rn_f" &&
	    rn_has "$rn_f" 'It never stopped to wait'; then
		ok "a busy loop is told from a wait"
	else
		not_ok "a busy loop is told from a wait"
		sed 's/^/    /' "$rn_f"
	fi
	rn_f="$OUT/rne-flood.out"
	rn_last=$(sed -n '/^What it printed:/,/^$/p;/^    /p' "$rn_f" |
	    grep '^    ' | tail -n 1)
	if rn_has "$rn_f" 'bytes of its output were dropped' &&
	    echo "$rn_last" | grep -q '^    line [0-9]* of a flood$'
	then
		ok "an output flood is cut at a line end, with a note"
	else
		not_ok "an output flood is cut at a line end, with a note"
		tail -n 12 "$rn_f" | sed 's/^/    /'
	fi
	# SIGTERM and SIGHUP during a verify stop the program and every
	# process it started, then end asyncpath as they ask (a run that
	# waits for the program's word through a FIFO, then signals)
	for rn_sig in TERM HUP; do
		env $rn_env ASYNCPATH_CARGO=/usr/bin/cargo python3 \
		    tests/verify_signal.py $rn_sig "$BIN" "$rn_esc" \
		    "$OUT/runner-escape-ws" > "$OUT/rne-sig.out" 2>&1
		relay "$OUT/rne-sig.out"
		grep -q '^ok ' "$OUT/rne-sig.out" ||
		    not_ok "verify_signal.py $rn_sig ran"
	done
	# prepare: every exercise's crates built once, cargo's progress shown
	rne prepare > "$OUT/rne-prepare.out" 2> "$OUT/rne-prepare.err"
	rn_st=$?
	if [ $rn_st -eq 0 ] && [ "$(grep -c ': ready (' "$OUT/rne-prepare.out")" \
	    = 6 ] && grep -q '^  Compiling busy-loop v0.1.0' \
	    "$OUT/rne-prepare.err"; then
		ok "exercise prepare builds each exercise once, showing cargo's progress"
	else
		not_ok "exercise prepare builds each exercise once ($rn_st)"
		sed 's/^/    /' "$OUT/rne-prepare.out" "$OUT/rne-prepare.err"
	fi
	# --session: a verify from the shell is recorded in the session; a
	# reset keeps the solve; list, which records nothing, refuses it
	printf 'quit\n' | $BIN --data "$rn_esc" --plain --session rn-ana \
	    > /dev/null 2>&1
	rn_sf="$XDG_STATE_HOME/asyncpath/sessions/rn-ana.json"
	rne verify inherited-fds --session rn-ana > /dev/null 2>&1 # its 2nd
	rn_v=$?
	rne reset inherited-fds --session rn-ana > /dev/null 2>&1
	rn_got=$(python3 -c 'import json,sys
x = json.load(open(sys.argv[1]))["exercises"]["inherited-fds"]
y = json.load(open(sys.argv[2]))
print(x["status"], x["attempts"], y["status"], y["solved"] > 0)' "$rn_sf" \
	    "$OUT/runner-escape-ws/inherited-fds/.asyncpath.json" 2>&1)
	if [ $rn_v -eq 0 ] && [ "$rn_got" = "solved 2 solved True" ]; then
		ok "verify --session records the solve in the session; reset keeps it"
	else
		not_ok "verify --session records the solve; reset keeps it ($rn_v: $rn_got)"
	fi
	rne list --session rn-ana > /dev/null 2> "$OUT/rne-list.err"
	rn_st=$?
	if [ $rn_st -eq 64 ] && grep -q 'records nothing, so --session is refused' \
	    "$OUT/rne-list.err"; then
		ok "exercise list refuses --session with a message"
	else
		not_ok "exercise list refuses --session with a message ($rn_st)"
	fi
	rne verify inherited-fds --session rn-nobody > /dev/null 2> "$OUT/rne-nob.err"
	rn_st=$?
	if [ $rn_st -eq 66 ] && grep -q "no session named 'rn-nobody'" \
	    "$OUT/rne-nob.err"; then
		ok "exercise verify --session with no such session: a message, exit 66"
	else
		not_ok "exercise verify --session with no such session ($rn_st)"
	fi
	# prepare warms what verify's clippy checks: with a cargo that has
	# clippy (rustup's), a fresh cache, prepare runs clippy on the
	# exercise that asks for a clippy lint, and the first verify after it
	# checks no crate again, only the exercise's own
	rn_rcargo=${CARGO_HOME:-/nonexistent}/bin/cargo
	if [ -x "$rn_rcargo" ] && [ -x "$(dirname "$rn_rcargo")/cargo-clippy" ]
	then
		rn_pc="$OUT/prepare-clippy"
		rm -rf "$rn_pc"
		rnp() { env XDG_CACHE_HOME="$rn_pc/cache" \
		    ASYNCPATH_CARGO="$rn_rcargo" $BIN --data "$rn_pc/data" \
		    --plain --width 200 exercise "$@" --workspace "$rn_pc/ws"; }
		mkdir -p "$rn_pc/data"
		cp -r tests/fixtures/good/. "$rn_pc/data/"
		cp -r tests/prepare-clippy/exercises "$rn_pc/data/"
		rnp prepare > "$rn_pc/prepare.out" 2> "$rn_pc/prepare.err"
		rn_st=$?
		rnp start clippy-warm > /dev/null 2>&1
		cp tests/prepare-clippy/exercises/clippy-warm/solution/src/main.rs \
		    "$rn_pc/ws/clippy-warm/src/main.rs"
		rnp verify clippy-warm > "$rn_pc/verify.out" 2> "$rn_pc/verify.err"
		rn_vst=$?
		if [ $rn_st -eq 0 ] && [ $rn_vst -eq 0 ] &&
		    grep -q 'ready (build [0-9.]* s, clippy [0-9.]* s' \
		    "$rn_pc/prepare.out" &&
		    grep -q '^  Checking memchr' "$rn_pc/prepare.err" &&
		    grep -qx '  Checking clippy-warm v0.1.0' "$rn_pc/verify.err" &&
		    ! grep -q '^  Checking memchr' "$rn_pc/verify.err"; then
			ok "exercise prepare runs clippy too: the first verify checks only the exercise's own crate"
		else
			not_ok "exercise prepare runs clippy too ($rn_st, $rn_vst)"
			sed 's/^/    /' "$rn_pc/prepare.out" "$rn_pc/verify.err" \
			    "$rn_pc/verify.out"
		fi
	else
		echo "skip - prepare's clippy needs rustup's cargo with clippy"
	fi
	# Two workspaces of one exercise share the target folder, and cargo
	# judges freshness by file times: a solution copied in before the
	# other workspace was built is still built and run as itself.
	rn_tw="$OUT/two-ws"
	rm -rf "$rn_tw"
	mkdir -p "$rn_tw/data"
	cp -r tests/fixtures/good/. tests/prepare-clippy/. "$rn_tw/data/"
	rnw() { rnw_ws=$1; shift; env $rn_env ASYNCPATH_CARGO=/usr/bin/cargo \
	    $BIN --data "$rn_tw/data" --plain --width 200 exercise "$@" \
	    --workspace "$rn_tw/$rnw_ws"; }
	rnw b start clippy-warm > /dev/null 2>&1
	cp tests/prepare-clippy/exercises/clippy-warm/solution/src/main.rs \
	    "$rn_tw/b/clippy-warm/src/main.rs"
	touch -d '2001-01-01 00:00' "$rn_tw/b/clippy-warm/src/main.rs"
	rnw a start clippy-warm > /dev/null 2>&1
	rnw a verify clippy-warm > "$rn_tw/a.out" 2>&1
	rn_st=$?
	rnw b verify clippy-warm > "$rn_tw/b.out" 2>&1
	rn_vst=$?
	if [ $rn_st -eq 1 ] && [ $rn_vst -eq 0 ]; then
		ok "two workspaces of one exercise: each verify builds and runs its own program"
	else
		not_ok "two workspaces of one exercise: each runs its own ($rn_st, $rn_vst)"
		sed 's/^/    /' "$rn_tw/b.out"
	fi
	rn_f="$OUT/rne-inherited-fds.out"
	if grep -q '^Solved' "$rn_f"; then
		ok "the program inherits stdin from /dev/null, stdout and stderr, and no other descriptor"
	else
		not_ok "the program inherits only 0, 1 and 2"
		sed 's/^/    /' "$rn_f"
	fi
fi

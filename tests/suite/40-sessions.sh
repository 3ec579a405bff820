# tier: fast
# 40-sessions.sh: walks that last (docs/SESSION.md).  Damaged session
# files, each with its first error line and exit status; scripted walks
# that save nothing unless --session is given; resume with `back` across
# the restart; --new; the sessions command; the lock; content drift; a
# full disk (an LD_PRELOAD shim, and a tiny tmpfs when root may mount);
# SIGKILL at random moments; the pseudo-terminal; valgrind on a resume.
FX=tests/fixtures/good
ST=$(pwd)/$OUT/sessions-state
sess() { XDG_STATE_HOME=$ST HOME=$ST/home "$BIN" --data "$FX" --plain \
    --width 72 "$@"; }
SDIR=$ST/asyncpath/sessions

# 1. The corpus of damaged files: first error line, status, file untouched.
n=0
for f in tests/sessions/bad/*.json; do
	name=$(basename "$f" .json)
	before=$(cksum < "$f")
	sess --session "$f" < /dev/null > /dev/null 2> "$OUT/sbad-$name.err"
	got=$(printf '%s\n%s' "$?" "$(head -n 1 "$OUT/sbad-$name.err")")
	if [ "$got" = "$(cat "tests/sessions/bad/$name.expect")" ] &&
	    [ "$before" = "$(cksum < "$f")" ]; then
		n=$((n + 1))
	else
		not_ok "damaged session $name"
		printf '    want: %s\n    got:  %s\n' \
		    "$(cat "tests/sessions/bad/$name.expect")" "$got"
	fi
done
[ "$n" -ge 25 ] && ok "damaged sessions: $n files, each its first error line and exit status, none changed" ||
    not_ok "damaged sessions: only $n files pass"
# a 5 MB file is refused without being read
mkdir -p "$OUT/sbig"
head -c 5242880 /dev/zero | tr '\0' ' ' > "$OUT/sbig/big.json"
sess --session "$OUT/sbig/big.json" < /dev/null > /dev/null \
    2> "$OUT/sbig.err"
st=$?
[ $st -eq 65 ] && [ "$(head -n 1 "$OUT/sbig.err")" = "$OUT/sbig/big.json:1:1: error: the file is 5242880 bytes: a session holds at most 4194304" ] &&
    ok "a 5 MB session file is refused (65)" ||
    not_ok "a 5 MB session file is refused (got $st: $(head -n 1 "$OUT/sbig.err"))"

# 2. A scripted walk saves nothing unless --session is given.
rm -rf "$ST"
printf '1\n2\nnote x\nquit\n' | sess > /dev/null 2>&1
[ ! -e "$ST" ] && ok "a piped walk without --session writes no file" ||
    not_ok "a piped walk without --session writes no file"

# 3. --session: saved after every step, resumed with back across it.
printf '1\n2\nread dave-locks-up\nnote ask about Send\nquit\n' |
    sess --session demo-s > "$OUT/sresume1.out" 2>&1
st=$?
python3 - "$SDIR/demo-s.json" > "$OUT/sresume1.json.txt" 2>&1 <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["version"] == 1 and d["name"] == "demo-s" and d["path"] == "demo"
assert [(s["node"], s["choice"]) for s in d["trail"]] == [
    ("start", "hub"), ("hub", "locked-2"), ("locked", None)], d["trail"]
assert d["character"] == "alan" and d["flags"] == ["async-mutex"]
assert d["read"] == ["dave-locks-up"], d["read"]
assert [(n["node"], n["text"]) for n in d["notes"]] == [
    ("locked", "ask about Send")]
assert d["content_hash"].startswith("fnv1a64:")
EOF
[ $st -eq 0 ] && [ $? -eq 0 ] &&
    ok "--session saves the walk: trail by ids, flags, read, notes" || {
	not_ok "--session saves the walk"
	sed 's/^/    /' "$OUT/sresume1.json.txt"; }
cp "$SDIR/demo-s.json" "$OUT/demo-s.saved.json"
printf 'trail\nback\nback\nprogress\nquit\n' | sess --session demo-s \
    > "$OUT/sresume2.out" 2>&1
echo "exit $?" >> "$OUT/sresume2.out"
diff -u tests/sessions/resume.out "$OUT/sresume2.out" > "$OUT/sresume2.diff" &&
    ok "resume: the trail, back twice across the restart, progress" || {
	not_ok "resume: the trail, back twice across the restart, progress"
	head -40 "$OUT/sresume2.diff" | sed 's/^/    /'; }
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if [s["node"] for s in d["trail"]] == ["start"] and
         d["seen"] == ["start", "hub", "locked"] else 1)' \
    "$SDIR/demo-s.json" && ok "back is saved too; seen places stay" ||
    not_ok "back is saved too; seen places stay"

# valgrind on the resume transcript
if command -v valgrind > /dev/null 2>&1; then
	cp "$OUT/demo-s.saved.json" "$SDIR/demo-s.json"
	printf 'trail\nback\nback\nprogress\nnote more\nsave vg-copy\nsessions\nquit\n' |
	    XDG_STATE_HOME=$ST HOME=$ST/home valgrind -q --leak-check=full \
	    --errors-for-leak-kinds=definite,indirect,possible \
	    --error-exitcode=99 "$BIN" --data "$FX" --plain --session demo-s \
	    > /dev/null 2> "$OUT/svalgrind.txt"
	st=$?
	[ $st -eq 0 ] && ! grep -q '==[0-9]*==' "$OUT/svalgrind.txt" &&
	    ok "valgrind: the resume transcript, no errors, no leaks" || {
		not_ok "valgrind: the resume transcript (exit $st)"
		head -30 "$OUT/svalgrind.txt" | sed 's/^/    /'; }
else
	echo "skip - valgrind on the resume: valgrind is not installed"
fi

# 4. --new keeps the old session as NAME.1.json.
cp "$OUT/demo-s.saved.json" "$SDIR/demo-s.json"
printf 'quit\n' | sess --session demo-s --new > "$OUT/snew.out" 2>&1
cmp -s "$OUT/demo-s.saved.json" "$SDIR/demo-s.1.json" &&
    grep -q 'kept as `demo-s.1.json`' "$OUT/snew.out" &&
    python3 -c 'import json,sys; sys.exit(len(json.load(open(sys.argv[1]))["trail"]) != 1)' \
    "$SDIR/demo-s.json" &&
    ok "--new starts afresh and keeps the old session as NAME.1.json" ||
    not_ok "--new starts afresh and keeps the old session as NAME.1.json"
# --path that is not the session's
printf 'quit\n' | sess --session demo-s --path other > /dev/null \
    2> "$OUT/spath.err"
[ $? -eq 64 ] && grep -q "walks the path 'demo', not 'other'" \
    "$OUT/spath.err" && ok "a session on another path than --path: 64" ||
    not_ok "a session on another path than --path: 64"

# 5. asyncpath sessions, --format json, rm.
sess sessions > "$OUT/slist.out" 2>&1
st=$?
[ $st -eq 0 ] && grep -q '^- demo-s: Demo walk, Stage 1 of 3 (Introduction), last used' \
    "$OUT/slist.out" && grep -q '^- demo-s.1: Demo walk, Stage 2 of 3 (The middle part)' \
    "$OUT/slist.out" && ok "sessions lists name, path, stage, last used" || {
	not_ok "sessions lists name, path, stage, last used (exit $st)"
	sed 's/^/    /' "$OUT/slist.out"; }
sess sessions --format json > "$OUT/slist.json" 2>&1
python3 - "$OUT/slist.json" <<'EOF' && ok "sessions --format json" ||
import json, sys
rows = {r["name"]: r for r in json.load(open(sys.argv[1]))}
r = rows["demo-s.1"]
assert (r["path"], r["node"], r["stage"], r["stages"], r["seen"],
        r["places"], r["percent_seen"]) == ("demo", "locked", 2, 3, 3, 5,
                                            60), r
assert r["updated"].endswith("Z")
EOF
    not_ok "sessions --format json"
sess sessions --format yaml > /dev/null 2>&1
[ $? -eq 64 ] && ok "sessions --format yaml: 64" ||
    not_ok "sessions --format yaml: 64"
sess sessions rm demo-s.1 > /dev/null 2>&1 && [ ! -e "$SDIR/demo-s.1.json" ] &&
    [ ! -e "$SDIR/.demo-s.1.lock" ] &&
    ok "sessions rm NAME removes it and its lock file" ||
    not_ok "sessions rm NAME removes it and its lock file"
sess sessions rm demo-s.1 > /dev/null 2>&1
[ $? -eq 66 ] && ok "sessions rm of a missing session: 66" ||
    not_ok "sessions rm of a missing session: 66"
cp tests/sessions/bad/truncated.json "$SDIR/broken.json"
sess sessions > "$OUT/slist2.out" 2> "$OUT/slist2.err"
st=$?
[ $st -eq 65 ] && grep -q '^- demo-s:' "$OUT/slist2.out" &&
    grep -q 'broken.json:13:46: error: not a session: premature end' \
    "$OUT/slist2.err" && ok "sessions: a damaged file named, the rest listed, 65" ||
    not_ok "sessions: a damaged file named, the rest listed (exit $st)"
rm -f "$SDIR/broken.json"

# 6. The lock: a second process on an open session.
python3 - "$SDIR/.demo-s.lock" "$BIN" "$ST" "$FX" > "$OUT/slock.txt" 2>&1 <<'EOF'
import fcntl, os, subprocess, sys
lock, binary, st, fx = sys.argv[1:]
f = open(lock, "w")
fcntl.flock(f, fcntl.LOCK_EX)
before = open(os.path.join(os.path.dirname(lock), "demo-s.json"), "rb").read()
r = subprocess.run([binary, "--data", fx, "--plain", "--session", "demo-s"],
                   input=b"1\nquit\n", capture_output=True,
                   env=dict(os.environ, XDG_STATE_HOME=st))
after = open(os.path.join(os.path.dirname(lock), "demo-s.json"), "rb").read()
print(r.returncode, r.stderr.decode())
sys.exit(0 if r.returncode == 69 and b"is open in another asyncpath" in
         r.stderr and before == after else 1)
EOF
[ $? -eq 0 ] && ok "a session open elsewhere: 69, the file untouched" || {
	not_ok "a session open elsewhere: 69, the file untouched"
	sed 's/^/    /' "$OUT/slock.txt"; }

# 7. Content drift: a node and a story gone since the save.
DR=$OUT/drift
rm -rf "$DR"
mkdir -p "$DR/paths" "$DR/stories"
cp "$FX"/stories/carol-finds-peace.md "$DR/stories/"
sed -e 's/to: locked/to: finish/' \
    -e '/^  - id: locked/,/^  - id: send-error/{/^  - id: send-error/!d}' \
    -e 's/unvisited: \[finish\]/set: [std-mutex]/' \
    -e 's/dave-locks-up, //' "$FX/paths/demo.yaml" > "$DR/paths/demo.yaml"
cp "$OUT/demo-s.saved.json" "$SDIR/drift.json"
printf 'look\nquit\n' | XDG_STATE_HOME=$ST "$BIN" --data "$DR" --plain \
    --session drift > "$OUT/sdrift.out" 2>&1
st=$?
tr '\n' ' ' < "$OUT/sdrift.out" > "$OUT/sdrift.line"
[ $st -eq 0 ] &&
    grep -q 'Gone now: node `locked`, story `dave-locks-up`\. Your walk resumes at step 2 of the 3 it had' \
    "$OUT/sdrift.line" && grep -q 'kept as `drift.1.json`' "$OUT/sdrift.out" &&
    cmp -s "$OUT/demo-s.saved.json" "$SDIR/drift.1.json" &&
    grep -q '^# The hub' "$OUT/sdrift.out" &&
    ok "content drift: ids gone named, resumed at the last step, old file kept" || {
	not_ok "content drift (exit $st)"
	head -20 "$OUT/sdrift.out" | sed 's/^/    /'; }

# 8. A full disk: the previous file survives byte for byte, the walk goes on.
if cc -std=c11 -Wall -Wextra -shared -fPIC -o "$OUT/enospc.so" \
    tests/enospc.c -ldl 2> "$OUT/enospc-build.txt"; then
	cp "$OUT/demo-s.saved.json" "$SDIR/full.json"
	printf '1\nlook\nback\nquit\n' | XDG_STATE_HOME=$ST \
	    LD_PRELOAD=$OUT/enospc.so "$BIN" --data "$FX" --plain \
	    --session full > "$OUT/sfull.out" 2> "$OUT/sfull.err"
	st=$?
	[ $st -eq 0 ] && cmp -s "$OUT/demo-s.saved.json" "$SDIR/full.json" &&
	    [ "$(cat "$OUT/sfull.err")" = 'asyncpath: cannot save session "full": No space left on device; your walk goes on, unsaved' ] &&
	    [ "$(grep -c '^# ' "$OUT/sfull.out")" -ge 3 ] &&
	    [ -z "$(find "$SDIR" -name '.full.json.*')" ] &&
	    ok "disk full (write fails, ENOSPC shim): one line, file intact, walk goes on" || {
		not_ok "disk full (ENOSPC shim), exit $st"
		sed 's/^/    /' "$OUT/sfull.err"; }
else
	not_ok "the ENOSPC shim builds"
	sed 's/^/    /' "$OUT/enospc-build.txt"
fi
TINY=$(pwd)/$OUT/tiny
mkdir -p "$TINY"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=64k tmpfs "$TINY" \
    2> /dev/null; then
	mkdir -p "$TINY/asyncpath/sessions"
	cp "$OUT/demo-s.saved.json" "$TINY/asyncpath/sessions/tiny.json"
	dd if=/dev/zero of="$TINY/fill" bs=1k count=1000 2> /dev/null
	printf '1\nlook\nquit\n' | XDG_STATE_HOME=$TINY "$BIN" --data "$FX" \
	    --plain --session tiny > "$OUT/stiny.out" 2> "$OUT/stiny.err"
	st=$?
	[ $st -eq 0 ] &&
	    cmp -s "$OUT/demo-s.saved.json" "$TINY/asyncpath/sessions/tiny.json" &&
	    [ "$(cat "$OUT/stiny.err")" = 'asyncpath: cannot save session "tiny": No space left on device; your walk goes on, unsaved' ] &&
	    [ -z "$(find "$TINY" -name '.tiny.json.*')" ] &&
	    ok "disk full (a full 64k tmpfs): one line, file intact, walk goes on" || {
		not_ok "disk full (a full 64k tmpfs), exit $st"
		sed 's/^/    /' "$OUT/stiny.err"; }
	umount "$TINY"
else
	echo "skip - disk full on a tmpfs: needs root and mount (the shim above ran)"
fi

# 9. SIGKILL at 200 random moments.
python3 tests/crash_test.py "$BIN" "$OUT" 200 > "$OUT/scrash.txt" 2>&1
relay "$OUT/scrash.txt"
grep -q '^ok crash: 200 SIGKILLs' "$OUT/scrash.txt" ||
    not_ok "crash: the SIGKILL test ran to its end"

# 10. The real binary in a pseudo-terminal.
python3 tests/session_pty.py "$BIN" > "$OUT/spty.txt" 2>&1
relay "$OUT/spty.txt"
[ "$(grep -c '^ok ' "$OUT/spty.txt")" -ge 11 ] ||
    not_ok "session pty test: fewer checks than planned ran"

# Quiz answers and exercise results are kept in the session and shown by
# progress (shipped content: its first stage has quiz questions).
PQ=$(pwd)/$OUT/practice-state
printf '1\n1\nquiz\nanswer a\nexercise runtime-missing\nprogress\nquit\n' |
    XDG_STATE_HOME=$PQ XDG_DATA_HOME=$PQ/data HOME=$PQ/home "$BIN" \
    --data . --plain --width 72 --session pq > "$OUT/pq.out" 2>&1
if grep -q '^Quiz: 1 question answered, 1 right\.$' "$OUT/pq.out" &&
    grep -q '^Exercises: `runtime-missing` started\.$' "$OUT/pq.out" &&
    python3 - "$PQ/asyncpath/sessions/pq.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
q = d["quiz"]
assert len(q) == 1 and q[0]["answer"] == ["a"] and q[0]["right"] is True, q
assert d["exercises"]["runtime-missing"]["status"] == "started", d["exercises"]
PY
then
	ok "quiz answers and exercise results: in the session file and in progress"
else
	not_ok "quiz answers and exercise results: in the session file and in progress"
	tail -20 "$OUT/pq.out" | sed 's/^/    /'
fi

# --until STAGE: the walk stops when it leaves the stage, saved where it
# stopped; the same session without --until goes on from there, and one
# resumed past the stage stops at once.
printf '2\n1\n' | sess --session blockend play --until intro \
    > "$OUT/until1.txt" 2>&1
printf 'look\nquit\n' | sess --session blockend > "$OUT/until2.txt" 2>&1
printf 'look\n' | sess --session blockend play --until intro \
    > "$OUT/until3.txt" 2>&1
st3=$?
grep -q 'This block ends with the stage "Introduction"' "$OUT/until1.txt" &&
    ! grep -q '# Locked' "$OUT/until1.txt" &&
    grep -q '# Locked' "$OUT/until2.txt" && [ $st3 = 0 ] &&
    grep -q 'This block ends' "$OUT/until3.txt" &&
    ! grep -q '# Locked' "$OUT/until3.txt" &&
    ok "--until: the walk stops after the stage, saved; without it, it goes on" ||
    { not_ok "--until: the walk stops after the stage, saved; without it, it goes on"
      cat "$OUT/until1.txt" "$OUT/until2.txt" "$OUT/until3.txt" |
      tail -20 | sed 's/^/    /'; }
sess play --until nowhere < /dev/null > /dev/null 2> "$OUT/until4.txt"
[ $? = 64 ] && grep -q "no stage 'nowhere'" "$OUT/until4.txt" &&
    ok "--until with an unknown stage: usage error 64" ||
    not_ok "--until with an unknown stage: usage error 64"

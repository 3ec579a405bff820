# tier: fast
# 41-room-join.sh: --room and --name from the participant's side, without
# a room (tests/room_check.py, slow, has the real server): a bad address
# and a walk that saves nothing are refused (64); --name is cleaned into
# the session; a room that cannot be reached leaves the walk going on
# (exit 0, said once on stderr) with the session's copy in the outbox.
RJ=$(pwd)/$OUT/room-join
rj() { XDG_STATE_HOME=$RJ/state HOME=$RJ/home "$BIN" --plain "$@"; }
mkdir -p "$RJ/home"
echo quit | rj --session rj --room ftp://x/abcd > /dev/null 2> "$OUT/rj1.err"
st=$?
[ $st -eq 64 ] && grep -q "is not a room's address" "$OUT/rj1.err" &&
    ok "--room with a bad address: 64, said why" ||
    not_ok "--room with a bad address: got $st: $(head -n 1 "$OUT/rj1.err")"
echo quit | rj --room http://127.0.0.1:1/abcdefgh > /dev/null 2> "$OUT/rj2.err"
st=$?
[ $st -eq 64 ] && grep -q "needs a saved walk" "$OUT/rj2.err" &&
    ok "--room on a walk that saves nothing: 64, said why" ||
    not_ok "--room without a session: got $st: $(head -n 1 "$OUT/rj2.err")"
# port 1 on loopback: nothing listens, the connection is refused at once
printf '1\n1\nquit\n' | rj --session rj --name "$(printf ' Ada\033[2J  L. ')" \
    --room http://127.0.0.1:1/abcdefgh > /dev/null 2> "$OUT/rj3.err"
st=$?
said=$(grep -c "cannot be reached" "$OUT/rj3.err")
queued=$(find "$RJ/state/asyncpath/outbox" -name 'rj-*.json' | head -n 1)
if [ $st -eq 0 ] && [ "$said" = 1 ] && [ -n "$queued" ] &&
    cmp -s "$queued" "$RJ/state/asyncpath/sessions/rj.json"; then
	ok "an unreachable room: the walk goes on (0), said once, the session queued as saved"
else
	not_ok "an unreachable room: status $st, said $said times, queued '$queued'"
	sed 's/^/    /' "$OUT/rj3.err" | head -5
fi
grep -q '"participant": "Ada\[2J L\."' "$RJ/state/asyncpath/sessions/rj.json" &&
    ok "--name is kept cleaned: no control character, single spaces" ||
    not_ok "--name kept: $(grep participant "$RJ/state/asyncpath/sessions/rj.json")"
# What the shell records in a session (an exercise started with
# --session) goes to the room when the walk joins again, even before a
# step: the outbox holds the session as it is now.
rj --session rj exercise start lazy-future > /dev/null 2>&1
echo quit | rj --session rj --room http://127.0.0.1:1/abcdefgh \
    > /dev/null 2> "$OUT/rj5.err"
queued=$(find "$RJ/state/asyncpath/outbox" -name 'rj-*.json' | head -n 1)
grep -q '"lazy-future"' "$RJ/state/asyncpath/sessions/rj.json" &&
    [ -n "$queued" ] && cmp -s "$queued" "$RJ/state/asyncpath/sessions/rj.json" &&
    ok "joining a room again sends the session as the shell left it" ||
    not_ok "joining a room again sends the session as the shell left it"

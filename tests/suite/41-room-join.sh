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
# The room's libraries are opened only when a room is used (base/dynlib):
# the binary does not name them, and a walk's process never maps them.
needed=$(readelf -d "$BIN" | grep -c 'NEEDED.*\(curl\|microhttpd\)')
[ "$needed" = 0 ] &&
    ok "the binary does not link libcurl or libmicrohttpd: a walk never loads them" ||
    not_ok "the binary names $needed of libcurl/libmicrohttpd as NEEDED"
# Without the library, a clear answer: a mount namespace hides it (as
# root, where unshare is allowed); the real binary, the real dlopen.
hide() { # hide LIB CMD...: runs CMD with LIB's file replaced by an empty one
	lib=$(ldconfig -p | sed -n "s/.*$1 .*=> //p" | head -n 1)
	shift
	unshare -m sh -c 'mount --bind /dev/null "$0" && exec "$@"' \
	    "$(readlink -f "$lib")" "$@"
}
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
	hide libmicrohttpd.so.12 env XDG_STATE_HOME="$RJ/state" \
	    HOME="$RJ/home" "$BIN" room --port 0 --dir "$RJ/hidden" \
	    > /dev/null 2> "$OUT/rj6.err"
	st=$?
	[ $st -eq 69 ] && grep -q "cannot start a room: libmicrohttpd.so.12 cannot be loaded.*apt-get install libmicrohttpd12" "$OUT/rj6.err" &&
	    ok "room without libmicrohttpd: 69, names the package to install" ||
	    not_ok "room without libmicrohttpd: got $st: $(head -n 1 "$OUT/rj6.err")"
	echo quit | hide libcurl.so.4 env XDG_STATE_HOME="$RJ/state" \
	    HOME="$RJ/home" "$BIN" --plain --session rj \
	    --room http://127.0.0.1:1/abcdefgh > /dev/null 2> "$OUT/rj7.err"
	st=$?
	[ $st -eq 69 ] && grep -q "cannot be joined: libcurl.so.4 cannot be loaded.*apt-get install libcurl4" "$OUT/rj7.err" &&
	    ok "--room without libcurl: 69 before the walk, names the package" ||
	    not_ok "--room without libcurl: got $st: $(head -n 1 "$OUT/rj7.err")"
else
	echo "skip - hiding a library needs root and unshare -m"
fi

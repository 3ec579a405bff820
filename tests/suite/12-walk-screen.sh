# tier: slow
# 12-walk-screen.sh: the walk on a real screen (tmux, a real less) at
# 80x24: whenever the prompt is on screen, so are the choices, whatever
# the pager did.  Each wait is for what the screen shows, under a deadline
# that only a failing run reaches.
if ! command -v tmux > /dev/null 2>&1 || ! command -v less > /dev/null 2>&1
then
	echo "skip - walk screen: tmux and less are needed"
else
	ws_n=0
	ws_home="$PWD/$OUT/screen-home"
	mkdir -p "$ws_home"
	ws() { tmux -S "$PWD/$OUT/tmux-$ws_n.sock" "$@"; }
	# ws_wait REGEX: until the screen shows it; false after 60 s
	ws_wait() {
		ws_i=0
		while [ $ws_i -lt 600 ]; do
			ws capture-pane -p -t w > "$OUT/screen.txt" 2>/dev/null &&
			    grep -Eq -- "$1" "$OUT/screen.txt" && return 0
			sleep 0.1
			ws_i=$((ws_i + 1))
		done
		echo "    waited in vain for: $1"
		sed 's/^/    | /' "$OUT/screen.txt"
		return 1
	}
	# the prompt on the last non-blank line (tmux drops trailing blanks),
	# and the choices above it
	ws_choices_shown() {
		ws_wait '^asyncpath> ?$' &&
		    [ "$(grep -v '^ *$' "$OUT/screen.txt" | tail -1)" = \
		    "asyncpath>" ] &&
		    grep -q "What do you do?" "$OUT/screen.txt" &&
		    grep -Eq '^ ?1\. ' "$OUT/screen.txt"
	}
	ws_start() { # ws_start PAGER [TERM]: a server of its own each time
		ws kill-server 2> /dev/null
		ws_n=$((ws_n + 1))
		ws -f /dev/null new-session -d -s w -x 80 -y 24 -c "$PWD" \
		    "env -i PATH=$PATH TERM=${2:-xterm-256color} HOME=$ws_home \
		    XDG_STATE_HOME=$ws_home LC_ALL=C.UTF-8 PAGER='$1' \
		    $PWD/$BIN --data ."
	}
	for pager in "less -R" "less -RFX"; do
		ws_start "$pager"
		ws send-keys -t w 1 Enter
		ws_choices_shown &&
		    ok "80x24, PAGER='$pager': a stop leaves its choices above the prompt" ||
		    not_ok "80x24, PAGER='$pager': a stop leaves its choices above the prompt"
		ws send-keys -t w "read alan-builds-a-cache" Enter
		# less's own prompt, a lone ':' on the last line
		ws_wait '^:$' && ! grep -q '^asyncpath> ?$' "$OUT/screen.txt" &&
		    ok "80x24, PAGER='$pager': a long card is paged" ||
		    not_ok "80x24, PAGER='$pager': a long card is paged"
		ws send-keys -t w q
		ws_choices_shown && grep -q '^Back at' "$OUT/screen.txt" &&
		    ok "80x24, PAGER='$pager': quitting the pager early, the choices are on screen" ||
		    not_ok "80x24, PAGER='$pager': quitting the pager early, the choices are on screen"
		ws send-keys -t w quit Enter
	done
	# A stop taller than the screen says so above its title (a home of
	# its own: nothing to resume).
	ws_saved_home=$ws_home
	ws_home="$PWD/$OUT/screen-home-long"
	mkdir -p "$ws_home"
	ws_start "less -R"
	ws_home=$ws_saved_home
	ws_wait '^asyncpath> ?$' || true
	ws send-keys -t w 1 Enter
	ws_choices_shown || true
	ws capture-pane -p -S - -t w > "$OUT/screen-all.txt"
	grep -B6 '^# Your project' "$OUT/screen-all.txt" |
	    grep -q '^A long stop ([0-9]* lines): read on from here' &&
	    ok "80x24: a stop taller than the screen says so above its title" ||
	    { not_ok "80x24: a stop taller than the screen says so above its title"
	      sed 's/^/    | /' "$OUT/screen-all.txt" | head -20; }
	ws send-keys -t w quit Enter
	# An ending (the debrief, the trail, the roadmap: nothing to choose)
	# is paged from its top, and its last line comes back after the pager.
	# (a home of its own, so that no saved walk asks to be resumed)
	ws_saved_home=$ws_home
	ws_home="$PWD/$OUT/screen-home-end"
	mkdir -p "$ws_home"
	ws_start "less -R"
	ws_home=$ws_saved_home
	ws_wait '^asyncpath> ?$' || true
	while read -r ws_line; do
		[ "$ws_line" = quit ] || ws send-keys -t w "$ws_line" Enter
	done < tests/transcripts/short-route.in
	ws_wait '^:$' && grep -q 'Debrief: your decisions' "$OUT/screen.txt" &&
	    ! grep -q '^asyncpath> ?$' "$OUT/screen.txt" &&
	    ok "80x24, PAGER='less -R': an ending is paged from its debrief" ||
	    not_ok "80x24, PAGER='less -R': an ending is paged from its debrief"
	ws send-keys -t w q
	ws_wait '^asyncpath> ?$' &&
	    grep -q 'This is an end of the walk' "$OUT/screen.txt" &&
	    ok "80x24, PAGER='less -R': after the ending's pager, what to do next" ||
	    not_ok "80x24, PAGER='less -R': after the ending's pager, what to do next"
	ws send-keys -t w quit Enter
	# The walk saved at its ending, resumed: the debrief is paged again.
	ws_home="$PWD/$OUT/screen-home-end"
	ws_start "less -R"
	ws_home=$ws_saved_home
	ws_wait 'Resume your walk' && ws send-keys -t w Enter
	ws_wait '^:$' && grep -q 'Debrief: your decisions' "$OUT/screen.txt" &&
	    ok "80x24, PAGER='less -R': a walk resumed at its ending pages the debrief" ||
	    not_ok "80x24, PAGER='less -R': a walk resumed at its ending pages the debrief"
	ws send-keys -t w q
	ws_wait '^asyncpath> ?$' &&
	    grep -q 'This is an end of the walk' "$OUT/screen.txt" &&
	    ok "80x24, PAGER='less -R': after it, what to do next" ||
	    not_ok "80x24, PAGER='less -R': after it, what to do next"
	ws send-keys -t w quit Enter
	ws_start "less -R" dumb
	ws send-keys -t w 1 Enter
	ws send-keys -t w "read alan-builds-a-cache" Enter
	ws_choices_shown && grep -q '^Back at' "$OUT/screen.txt" &&
	    ! grep -q "not fully functional" "$OUT/screen.txt" &&
	    ok "80x24, TERM=dumb: no pager, no warning, the choices after a long card" ||
	    not_ok "80x24, TERM=dumb: no pager, no warning, the choices after a long card"
	ws kill-server 2> /dev/null
fi

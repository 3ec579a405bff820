#!/bin/sh
# run.sh [fast|all] [NAME...]: the tests of asyncpath, run against the
# real binary (with NAMEs, only the suites whose file names contain one).
# Each tests/suite/NN-NAME.sh is sourced in name order; its first line
# says its tier ("# tier: fast" or "# tier: slow").  fast (make check)
# runs the fast tier, all (make test) every suite.  Prints a line per
# test, each suite's wall time, and last the total time and "N passed, M
# failed".  Exit status 1 on failure.
#
# Hermetic: HOME, every XDG folder and TMPDIR point inside tests/out, so
# a run reads no user's files and leaves nothing behind outside the build
# tree; rustup's own folders are named outright, so its toolchain is still
# found.
set -u
cd "$(dirname "$0")/.." || exit 1
tier=${1:-all}
case $tier in fast|all) ;; *) echo "usage: tests/run.sh [fast|all] [NAME...]" >&2
	exit 64 ;; esac
[ $# -gt 0 ] && shift
only="$*"
export LC_ALL=C.UTF-8
unset NO_COLOR ASYNCPATH_DATA ASYNCPATH_UPSTREAM ASYNCPATH_SESSION PAGER
BIN=./asyncpath
OUT=tests/out
rm -rf "$OUT"
mkdir -p "$OUT"
: "${RUSTUP_HOME:=${HOME:-/nonexistent}/.rustup}"
: "${CARGO_HOME:=${HOME:-/nonexistent}/.cargo}"
export RUSTUP_HOME CARGO_HOME
T=$PWD/$OUT/env
mkdir -p "$T/home" "$T/config" "$T/cache" "$T/data" "$T/state" "$T/tmp" \
    "$T/runtime"
chmod 700 "$T/runtime"
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_CACHE_HOME="$T/cache" \
    XDG_DATA_HOME="$T/data" XDG_STATE_HOME="$T/state" TMPDIR="$T/tmp" \
    XDG_RUNTIME_DIR="$T/runtime"
# The suites that build with real cargo keep one cache per toolchain
# under EXCACHE, between runs (ASYNCPATH_TEST_CACHE names another, e.g.
# one shared between checkouts): EXCACHE/VERSION (VERSION as 1.63.0) is
# the runner's XDG_CACHE_HOME and its asyncpath/target the target folder
# of every build with that rustc (tests/excache.py).
EXCACHE=${ASYNCPATH_TEST_CACHE:-$PWD/build/exercise-cache}
case $EXCACHE in /*) ;; *) EXCACHE=$PWD/$EXCACHE ;; esac
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() { fail=$((fail + 1)); echo "not ok - $1"; }
# relay FILE [PREFIX]: the "ok NAME" and "not ok NAME" lines a checker
# wrote to FILE (a "- " before NAME dropped) counted as tests, named
# PREFIX NAME; any other line shown indented.
relay() {
	while IFS= read -r relay_line; do
		case $relay_line in
		"ok "*) relay_line=${relay_line#ok }
			ok "${2:-}${relay_line#- }" ;;
		"not ok "*) relay_line=${relay_line#not ok }
			not_ok "${2:-}${relay_line#- }" ;;
		*) echo "    $relay_line" ;;
		esac
	done < "$1"
}
# now_ms: the wall clock in milliseconds; cpu_now: sets cpu_ms to the
# processor time (user and system) this shell and every child it waited
# for have used, in milliseconds (run in this shell, not in $(...), whose
# subshell has used none).  For the suite times only; no test asserts on
# time.
now_ms() { date +%s%3N; }
cpu_now() {
	times > "$OUT/.times"
	cpu_ms=$(awk '{ for (i = 1; i <= NF; i++) { split($i, t, "m")
		s += t[1] * 60 + t[2] } } END { printf "%d", s * 1000 }' \
	    "$OUT/.times")
}

run_start=$(now_ms)
cpu_now
run_cpu=$cpu_ms
times=""
for suite in tests/suite/*.sh; do
	[ -f "$suite" ] || continue
	case $(head -n 1 "$suite") in
	"# tier: fast") ;;
	"# tier: slow") [ "$tier" = all ] || continue ;;
	*) not_ok "$suite: its first line names no tier"; continue ;;
	esac
	if [ -n "$only" ]; then
		want=
		for n in $only; do
			case $suite in *"$n"*) want=1 ;; esac
		done
		[ -n "$want" ] || continue
	fi
	suite_start=$(now_ms)
	cpu_now
	suite_cpu=$cpu_ms
	# shellcheck disable=SC1090
	. "$suite"
	ms=$(($(now_ms) - suite_start))
	cpu_now
	cpu=$((cpu_ms - suite_cpu))
	times="$times$(awk -v ms="$ms" -v cpu="$cpu" \
	    -v n="$(basename "$suite" .sh)" \
	    'BEGIN { printf "%8.1f s %8.1f s  %s", ms / 1000, cpu / 1000, n }')
"
done
total=$(($(now_ms) - run_start))
cpu_now
total_cpu=$((cpu_ms - run_cpu))
echo "suite times:    wall      cpu (user+sys)"
printf '%s' "$times"
awk -v ms="$total" -v cpu="$total_cpu" -v t="$tier" \
    'BEGIN { printf "%8.1f s %8.1f s  total (%s tier)\n", ms / 1000,
	cpu / 1000, t }'
# Nothing left running that a test started (a verify, a walk, a pager).
left=$(ps -eo pid=,args= | grep -F "$PWD/$OUT" | grep -v grep | head -3)
[ -z "$left" ] && ok "no process left running from this run" ||
    { not_ok "no process left running from this run"; echo "$left" |
      sed 's/^/    /'; }
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

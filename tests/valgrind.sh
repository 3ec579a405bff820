#!/bin/sh
# valgrind.sh: a scripted walk over the shipped content and the fixtures,
# under valgrind; fails on any error or leak.
set -u
cd "$(dirname "$0")/.." || exit 1
command -v valgrind > /dev/null || { echo "valgrind: not installed"; exit 1; }
export LC_ALL=C.UTF-8
VG="valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=1"
fail=0
printf '1\n2\nstories\nread alan-builds-a-cache\n1\nback\ntrail\nhelp\nfoo\n99\nquit\n' |
    $VG ./asyncpath --plain > /dev/null || fail=1
printf '1\n3\n4\n2\nread carol-finds-peace\nback\nback\nlook\n' |
    $VG ./asyncpath --data tests/fixtures/good > /dev/null || fail=1
$VG ./asyncpath --data tests/bad/dangling-choice list > /dev/null 2>&1
[ $? -eq 65 ] || fail=1
$VG ./asyncpath list stories > /dev/null || fail=1
$VG ./asyncpath show alan-builds-a-cache > /dev/null || fail=1
ref=../shared/reference/wg-async/src
if [ -d "$ref" ]; then # every reference page, plain and coloured
	find "$ref" -name '*.md' | sort > "${TMPDIR:-/tmp}"/asyncpath-vg-files.$$
	for w in 40 120; do
		xargs $VG ./asyncpath --plain --width $w render \
		    < "${TMPDIR:-/tmp}"/asyncpath-vg-files.$$ > /dev/null || fail=1
	done
	xargs $VG ./asyncpath --color --width 80 render \
	    < "${TMPDIR:-/tmp}"/asyncpath-vg-files.$$ > /dev/null || fail=1
	rm -f "${TMPDIR:-/tmp}"/asyncpath-vg-files.$$
fi
$VG ./asyncpath check --walks 1000 > /dev/null 2>&1 || fail=1
# the 90-minute route to the debrief (lines built from the trail), and
# took/seen conditions with --variants and --census on their fixture
# shellcheck disable=SC2046
$VG ./asyncpath $(cat tests/transcripts/short-route.args) \
    < tests/transcripts/short-route.in > /dev/null || fail=1
$VG ./asyncpath --data tests/check/took-conditions check --walks 100 \
    --variants all --census > /dev/null 2>&1 || fail=1
# the renderer's golden and hostile inputs (deep nesting, bidi, HTML), and
# the guides check warns about
for w in 20 80; do
	$VG ./asyncpath --color --width $w render tests/golden/*.md \
	    > /dev/null || fail=1
done
for d in deep-nesting bidi open-fence; do
	$VG ./asyncpath --data tests/check/$d check --walks 10 > /dev/null 2>&1
	[ $? -eq 0 ] || fail=1
	$VG ./asyncpath --data tests/check/$d graph --format dot > /dev/null ||
	    fail=1
done
$VG ./asyncpath graph --format json > /dev/null || fail=1
if [ $fail -eq 0 ]; then echo "valgrind: no errors, no leaks"; else echo "valgrind: FAILED"; fi
exit $fail

# tier: fast
# The command line: one table gives --help, help CMD, CMD --help and shell
# completion; options stand anywhere.  Sourced by tests/run.sh.
cli_fix="--data tests/fixtures/good"

# Every command --help lists has help of its own, the same both ways.
cmds=$($BIN complete --commands)
[ "$(echo "$cmds" | wc -l)" -ge 7 ] && echo "$cmds" | grep -qx graph &&
    ! echo "$cmds" | grep -qx complete &&
    ok "complete --commands lists the commands, not the hidden ones" ||
    not_ok "complete --commands lists the commands, not the hidden ones"
bad=""
for c in $cmds; do
	$BIN --help | grep -q "^  $c\( \|$\)" || bad="$bad $c(--help)"
	$BIN help "$c" > "$OUT/help-$c.1" 2>&1 || bad="$bad $c(help)"
	$BIN "$c" --help > "$OUT/help-$c.2" 2>&1 || bad="$bad $c(--help)"
	cmp -s "$OUT/help-$c.1" "$OUT/help-$c.2" || bad="$bad $c(differ)"
	grep -q "^usage: .asyncpath $c" "$OUT/help-$c.1" || bad="$bad $c(usage)"
	$BIN help --markdown | grep -q "^### asyncpath $c" ||
	    bad="$bad $c(markdown)"
done
[ -z "$bad" ] && ok "every command: in --help, help CMD = CMD --help" ||
    not_ok "every command: in --help, help CMD = CMD --help:$bad"
bad=""
for w in $($BIN complete --walk); do
	# a subcommand of the same name comes first
	echo "$cmds" | grep -qx "$w" && continue
	$BIN help "$w" | grep -q "^In the walk: .$w" || bad="$bad $w"
	$BIN help --markdown | grep -q "^### $w" || bad="$bad $w(markdown)"
done
[ -z "$bad" ] && ok "every walk command has help outside the walk" ||
    not_ok "every walk command has help outside the walk:$bad"
# Every option --help lists is one the parser takes, and completes.
bad=""
opts=$($BIN --help | sed -n 's/^  \(--[a-z-]*\).*/\1/p')
for o in $opts; do
	$BIN complete --options | grep -qx -- "$o" || bad="$bad $o"
done
[ -n "$opts" ] && [ -z "$bad" ] &&
    ok "every option in --help completes" ||
    not_ok "every option in --help completes:$bad"
$BIN help nosuch > /dev/null 2>&1
[ $? -eq 64 ] && ok "help of an unknown command exits 64" ||
    not_ok "help of an unknown command exits 64"

# Options anywhere, before or after the command and its arguments.
a=$($BIN $cli_fix list paths 2>&1)
b=$($BIN list paths $cli_fix 2>&1)
c=$($BIN list --data=tests/fixtures/good paths 2>&1)
[ -n "$a" ] && [ "$a" = "$b" ] && [ "$a" = "$c" ] &&
    ok "global options anywhere on the line" ||
    not_ok "global options anywhere on the line"
a=$($BIN $cli_fix check --seed 3 --walks 50 2>&1)
b=$($BIN check --walks 50 $cli_fix --seed 3 2>&1)
c=$($BIN $cli_fix check --seed 4 --walks 50 2>&1)
[ "$a" = "$b" ] && echo "$a" | grep -q "coverage" &&
    ok "command options anywhere after the command" ||
    not_ok "command options anywhere after the command"
echo "$a" | grep -q "^random walks: 50 (seed 3)" &&
    echo "$c" | grep -q "^random walks: 50 (seed 4)" &&
    ok "check --seed and --walks reach the random walks" ||
    not_ok "check --seed and --walks reach the random walks"
bad=""
for bad_line in "--walks 5 check" "check --frobnicate" "list --strict" \
    "--data" "check --walks" "--plain=1 list" "check --walks -3" "nosuch"
do
	# shellcheck disable=SC2086
	$BIN $cli_fix $bad_line > /dev/null 2> "$OUT/cli.err"
	st=$?
	if [ $st -ne 64 ] || ! grep -q "^Try 'asyncpath --help'" "$OUT/cli.err"
	then
		bad="$bad [$bad_line: $st]"
	fi
done
[ -z "$bad" ] && ok "usage errors exit 64 with a hint" ||
    not_ok "usage errors exit 64 with a hint:$bad"
printf '# A\n' > "$OUT/-dash.md"
(cd "$OUT" && ../../$BIN render --plain -- -dash.md) | grep -q "A$" &&
    ok "-- ends the options" || not_ok "-- ends the options"

# Shell completion, from the same tables.
cl() { $BIN complete -- "$@" | tr '\n' ' '; }
want() { # want NAME GOT EXPECTED
	[ "$2" = "$3" ] && ok "complete: $1" ||
	    not_ok "complete: $1: got '$2', want '$3'"
}
want "command names" "$(cl gr)" "graph "
want "global options" "$(cl --no-)" "--no-color --no-pager "
want "a command's options" "$(cl check --s)" "--session --seed --strict "
want "story ids" "$(cl $cli_fix show d)" "dave-locks-up "
want "story ids after an option" "$(cl $cli_fix show --original c)" \
    "carol-finds-peace "
want "path ids" "$(cl $cli_fix --path o)" "other "
want "an option's values" "$(cl graph --format '')" "json dot text "
want "--opt=value" "$(cl graph --format=d)" "--format=dot "
want "list's words" "$(cl list n)" "nodes "
want "folders" "$(cl --data '')" ":dir "
want "files" "$(cl render '')" ":file "
want "help's commands" "$(cl help ch)" "check "
want "walk commands" "$($BIN complete --walk | tr '\n' ' ')" \
    "answer back exercise exercises help hint look map next note plan prev progress quit quiz read reset restart save search sessions solution stories trail verify "

# A read error on the walk's input is not the end of input.
$BIN $cli_fix < / > /dev/null 2> "$OUT/cli-read.err"
[ $? -eq 74 ] && grep -q "cannot read the input" "$OUT/cli-read.err" &&
    ok "a read error on the walk's input exits 74 and says so" ||
    not_ok "a read error on the walk's input exits 74 and says so"

# An unknown id given by the user is a usage error, with the nearest ids.
$BIN $cli_fix show dave-lock-up > /dev/null 2> "$OUT/cli-id.err"
[ $? -eq 64 ] && grep -q "no story has the id 'dave-lock-up' (did you mean \
'dave-locks-up'?)" "$OUT/cli-id.err" &&
    ok "show of an unknown id exits 64 and suggests the nearest" ||
    not_ok "show of an unknown id exits 64 and suggests the nearest"
$BIN $cli_fix --path othr < /dev/null > /dev/null 2> "$OUT/cli-id.err"
[ $? -eq 64 ] && grep -q "(did you mean 'other'?)" "$OUT/cli-id.err" &&
    ok "--path of an unknown id exits 64 and suggests the nearest" ||
    not_ok "--path of an unknown id exits 64 and suggests the nearest"
$BIN $cli_fix show "$(printf 'x\033]0;p\007')" 2> "$OUT/cli-id.err"
! grep -q "$(printf '\033')" "$OUT/cli-id.err" &&
    ok "an unknown id is echoed through the sanitiser" ||
    not_ok "an unknown id is echoed through the sanitiser"
# One choice offered: "type 1", not "a number from 1 to 1".
mkdir -p "$OUT/one/paths" "$OUT/one/stories"
cat > "$OUT/one/paths/one.yaml" << 'YAML'
id: one
title: One way
summary: One choice.
default: true
start: a
stages:
  - {id: s, title: Only stage}
nodes:
  - {id: a, stage: s, title: A, text: On., choices: [{text: Go, to: b}]}
  - {id: b, stage: s, title: B, text: End., ending: true}
YAML
printf '9\n' | $BIN --data "$OUT/one" --plain 2>&1 |
    grep -q "^There is no choice 9 here: type 1\.$" &&
    ok "one choice offered: 'type 1'" || not_ok "one choice offered: 'type 1'"

# --version: ours, and each library's as it runs.
$BIN --version > "$OUT/version.txt" &&
    head -1 "$OUT/version.txt" | grep -q '^asyncpath [0-9]' &&
    sed -n 2p "$OUT/version.txt" | grep -Eq '^libcmark [0-9.]+, libyaml [0-9.]+, readline [0-9.]+, jansson [0-9.]+, utf8proc [0-9.]+$' &&
    ok "--version names the libraries it runs with" ||
    not_ok "--version names the libraries it runs with"

# The exercise commands from the shell: a table that fits the width (at
# --width or on a terminal; lines for tools in a pipe), and messages that
# name the shell's commands, not the walk's.
XDG_DATA_HOME=$PWD/$OUT/cli-ws $BIN --width 80 exercise list \
    > "$OUT/ex-table.txt" 2>&1
wide=$(python3 -c 'import sys
print(max(len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")))' \
    "$OUT/ex-table.txt")
head -1 "$OUT/ex-table.txt" | grep -q '^ID  *STAGE  *STATUS  *TITLE$' &&
    [ "$wide" -le 80 ] && ok "exercise list: a table within 80 columns" ||
    not_ok "exercise list: a table within 80 columns (widest $wide)"
XDG_DATA_HOME=$PWD/$OUT/cli-ws $BIN exercise list | head -1 |
    grep -q "$(printf '^[a-z-]*\t[a-z]*\t')" &&
    ok "exercise list in a pipe: tab-separated lines" ||
    not_ok "exercise list in a pipe: tab-separated lines"
XDG_DATA_HOME=$PWD/$OUT/cli-ws $BIN --plain exercise start lazy-future \
    > "$OUT/ex-start.txt" 2>&1
tr '\n' ' ' < "$OUT/ex-start.txt" | grep -q 'run `asyncpath exercise verify lazy-future`' &&
    ! grep -q 'type `verify`' "$OUT/ex-start.txt" &&
    ok "exercise start from the shell names the shell's commands" ||
    not_ok "exercise start from the shell names the shell's commands"
# Checks that share one sentence (lazy-future's three orders) say it once.
[ "$(grep -c 'Every user is notified before' "$OUT/ex-start.txt")" = 1 ] &&
    ok "exercise start: a sentence several checks share is said once" ||
    not_ok "exercise start: a sentence several checks share is said once"

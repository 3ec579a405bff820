# tier: slow
# Exercises: with Debian's cargo (and the cargo first on PATH when that is
# another version), every starter fails exactly as its exercise.yaml says
# and every solution passes (tests/exercises_check.py, an oracle apart
# from asyncpath's runner).  Builds go to each toolchain's target folder
# under $EXCACHE (shared with verify and the snippets, kept between runs,
# so tokio is compiled once per toolchain); the toolchains are proved at
# the same time, each with its own target folder and cargo lock.
ex_need="cargo librust-tokio-dev librust-tokio-util-dev librust-futures-dev
    python3-yaml"
if [ ! -x /usr/bin/cargo ] || ! ls -d /usr/share/cargo/registry/tokio-1.* \
    /usr/share/cargo/registry/futures-0.3.* \
    /usr/share/cargo/registry/tokio-util-0.7.* >/dev/null 2>&1 ||
    ! python3 -c 'import yaml' 2>/dev/null; then
	echo "skip - exercises need Debian's toolchain and crates:" \
	    "apt-get install $ex_need"
else
	ex_cargos=/usr/bin/cargo
	ex_path=$(command -v cargo 2>/dev/null)
	if [ -n "$ex_path" ] && [ "$(cargo --version 2>/dev/null)" != \
	    "$(/usr/bin/cargo --version)" ]; then
		ex_cargos="$ex_cargos $ex_path"
	fi
	ex_k=0
	ex_pids=
	for ex_cargo in $ex_cargos; do
		ex_k=$((ex_k + 1))
		python3 tests/exercises_check.py "$ex_cargo" "$OUT/exercises" \
		    "$EXCACHE" > "$OUT/exercises-$ex_k.log" 2>&1 &
		ex_pids="$ex_pids $!"
	done
	for ex_pid in $ex_pids; do
		wait "$ex_pid"
	done
	ex_k=0
	for ex_cargo in $ex_cargos; do
		ex_k=$((ex_k + 1))
		ex_n=0
		while IFS= read -r line; do
			case $line in
			"ok - "*) ok "exercise ${line#ok - }"
				ex_n=$((ex_n + 1)) ;;
			"not ok - "*) not_ok "exercise ${line#not ok - }" ;;
			*) echo "    $line" ;;
			esac
		done < "$OUT/exercises-$ex_k.log"
		[ "$ex_n" -gt 0 ] || not_ok "exercises proved with $ex_cargo"
	done
fi
# Every exercise is checked: at least 12, one in each of the six stages.
ex_count=$(ls exercises/*/exercise.yaml | wc -l)
ex_stages=$(sed -n 's/^stage: //p' exercises/*/exercise.yaml | sort -u |
    tr '\n' ' ')
if [ "$ex_count" -ge 12 ] && [ "$ex_stages" = \
    "compile debugging ecosystem interop patterns runtime " ]; then
	ok "$ex_count exercises cover the six stages"
else
	not_ok "exercises: $ex_count, stages: $ex_stages"
fi
# Task texts, hints and code comments are our own words.
if [ -x ../shared/tools/copycheck ]; then
	if [ -z "$(../shared/tools/copycheck exercises 2>&1)" ]; then
		ok "copycheck exercises prints nothing"
	else
		not_ok "copycheck exercises prints nothing"
		../shared/tools/copycheck exercises 2>&1 | head -20 |
		    sed 's/^/    /'
	fi
fi

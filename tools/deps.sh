#!/bin/sh
# deps.sh [build|test]: make sure what asyncpath needs is here.
# build: libcmark, yaml-0.1, readline, jansson, libutf8proc, libxxhash,
#        libmicrohttpd and libcurl through pkg-config, and pkg-config.
# test:  those, and cmocka, python3 with pexpect, valgrind, Graphviz's dot, and clang
#        with libFuzzer, man-db, bash-completion, what make deb needs, and
#        Debian's cargo with tokio, tokio-util, futures, smol and
#        async-stream.
# When something is missing: as root with apt-get, installs the Debian
# packages; otherwise prints the exact command to run and fails.
set -u
mode=${1:-build}
need=""
have_pc() { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "$1"; }
command -v pkg-config >/dev/null 2>&1 || need="pkg-config"
have_pc libcmark || need="$need libcmark-dev"
have_pc yaml-0.1 || need="$need libyaml-dev"
have_pc readline || need="$need libreadline-dev"
have_pc jansson || need="$need libjansson-dev"
have_pc libutf8proc || need="$need libutf8proc-dev"
have_pc libxxhash || need="$need libxxhash-dev"
have_pc libmicrohttpd || need="$need libmicrohttpd-dev"
have_pc libcurl || need="$need libcurl4-openssl-dev"
if [ "$mode" = test ]; then
	have_pc cmocka || need="$need libcmocka-dev"
	command -v python3 >/dev/null 2>&1 || need="$need python3"
	command -v valgrind >/dev/null 2>&1 || need="$need valgrind"
	command -v dot >/dev/null 2>&1 || need="$need graphviz"
	# the house style, checked by make format-check in .ci/run
	command -v clang-format >/dev/null 2>&1 || need="$need clang-format"
	# clang with libFuzzer: the fuzz corpora replay (tests/suite/50-fuzz.sh)
	command -v clang >/dev/null 2>&1 || need="$need clang"
	ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a \
	    >/dev/null 2>&1 || need="$need libclang-rt-14-dev"
	# the man page, the completions and the Debian package
	# (tests/suite/60-man.sh to 75-deb.sh; the package's Build-Depends)
	command -v man >/dev/null 2>&1 || need="$need man-db"
	[ -f /usr/share/bash-completion/bash_completion ] ||
	    need="$need bash-completion"
	command -v zsh >/dev/null 2>&1 || need="$need zsh"
	command -v dpkg-buildpackage >/dev/null 2>&1 || need="$need dpkg-dev"
	command -v dh >/dev/null 2>&1 || need="$need debhelper"
	command -v lintian >/dev/null 2>&1 || need="$need lintian"
	have_pc jansson || need="$need libjansson-dev"
	have_pc libutf8proc || need="$need libutf8proc-dev"
	# Debian's cargo and crates: every exercise is built with them
	# (tests/suite/80-exercises.sh), and python3-yaml reads exercise.yaml
	[ -x /usr/bin/cargo ] || need="$need cargo"
	ls -d /usr/share/cargo/registry/tokio-1.* >/dev/null 2>&1 ||
	    need="$need librust-tokio-dev"
	ls -d /usr/share/cargo/registry/futures-0.3.* >/dev/null 2>&1 ||
	    need="$need librust-futures-dev"
	ls -d /usr/share/cargo/registry/tokio-util-0.7.* >/dev/null 2>&1 ||
	    need="$need librust-tokio-util-dev"
	python3 -c 'import yaml' 2>/dev/null || need="$need python3-yaml"
	# the snippets behind quoted compiler and runtime output
	# (tests/suite/82-snippets.sh) also use smol and async-stream
	ls -d /usr/share/cargo/registry/smol-1.* >/dev/null 2>&1 ||
	    need="$need librust-smol-dev"
	ls -d /usr/share/cargo/registry/async-stream-0.* >/dev/null 2>&1 ||
	    need="$need librust-async-stream-dev"
	# the one pseudo-terminal harness (tests/ptyterm.py)
	python3 -c 'import pexpect' 2>/dev/null || need="$need python3-pexpect"
	# the walk on a real screen (tests/suite/12-walk-screen.sh)
	command -v tmux >/dev/null 2>&1 || need="$need tmux"
	command -v less >/dev/null 2>&1 || need="$need less"
	command -v chromium >/dev/null 2>&1 || need="$need chromium"
	command -v pdftotext >/dev/null 2>&1 || need="$need poppler-utils"
fi
[ -z "$need" ] && exit 0
need=$(echo $need)
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps: installing $need"
	export DEBIAN_FRONTEND=noninteractive
	{ apt-get install -y -qq --no-install-recommends $need >/dev/null 2>&1 ||
	    { apt-get update -qq >/dev/null &&
	    apt-get install -y -qq --no-install-recommends $need >/dev/null; }
	} || { echo "deps: apt-get could not install: $need" >&2; exit 1; }
	exit 0
fi
echo "deps: missing: $need. Install them with:" >&2
echo "    sudo apt-get install $need" >&2
exit 1

#!/usr/bin/env python3
"""exercises_check.py CARGO SCRATCH CACHE [ID...]: prove every exercise.

For each exercise under exercises/ (or only the ids given), with the cargo
named (and the rustc beside it): the starter must fail exactly the way its exercise.yaml declares
(`fails:` error code or message, panic text, timeout, missing output), and
the solution must build, exit 0 within the timeout and print every
`expect` line.  An exercise with `rustc: "1.N"` is skipped (and says so)
with an older toolchain.  This is an oracle independent of asyncpath's own runner:
cargo's JSON diagnostics read here with the json module, the program run
in its own session and killed as a group.

Prints one TAP-like line per claim ("ok - ..." / "not ok - ..."), in the
order of the exercises.  The projects are copied under SCRATCH and built
offline against Debian's crates in /usr/share/cargo/registry, into the
toolchain's target folder under CACHE (tests/excache.py: shared with
asyncpath's verify and the snippets, kept between runs, so tokio compiles
once per toolchain).  Two exercises at a time: cargo's lock takes their
builds in turn, and one's run (a starter that hangs until its timeout)
goes on while the other builds; a run judged on real time runs alone
(excache.RunLock).
"""
import concurrent.futures
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import yaml

import excache

BUILD_TIMEOUT = 900


def run_group(argv, cwd, env, timeout):
    """Runs argv in its own session; returns (status or None on timeout,
    stdout, stderr).  On timeout the whole process group is killed."""
    p = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = p.communicate(timeout=timeout)
        return p.returncode, out.decode(errors="replace"), \
            err.decode(errors="replace")
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        out, err = p.communicate()
        return None, out.decode(errors="replace"), err.decode(errors="replace")


def build(cargo, proj, env):
    """Returns (executable or None, first error as (code, message) or None)."""
    lock = os.path.join(proj, "Cargo.lock")
    if os.path.exists(lock):
        os.unlink(lock)  # never share a lock file across cargo versions
    status, out, err = run_group([cargo, "build", "--offline",
                                  "--message-format=json"], proj, env,
                                 BUILD_TIMEOUT)
    exe, first = None, None
    for line in out.splitlines():
        try:
            m = json.loads(line)
        except ValueError:
            continue
        if m.get("reason") == "compiler-message" and first is None:
            msg = m["message"]
            if msg.get("level") == "error":
                code = (msg.get("code") or {}).get("code")
                first = (code, msg.get("message", ""))
        elif m.get("reason") == "compiler-artifact" and m.get("executable"):
            exe = m["executable"]
    if status != 0:
        if first is None:
            first = (None, "cargo failed: " + err.strip()[-300:])
        return None, first
    return exe, None


def outcome(ex, cargo, proj, env, lock, timed):
    """What happened: ("error", code, message) | ("timeout",) |
    ("panic", stderr) | ("status", n) | ("missing", line) | ("pass",).
    The build holds lock shared, the run too, or alone when timed."""
    with lock.hold():
        exe, first = build(cargo, proj, env)
    if exe is None:
        return ("error",) + first
    if ex.get("check", "run") == "build":
        return ("pass",)
    timeout = ex.get("timeout", 5)
    with lock.hold(alone=timed):
        started = time.monotonic()
        status, out, err = run_group([exe], proj, env, timeout)
    if status is None:
        elapsed = time.monotonic() - started
        return ("timeout", elapsed)
    if status != 0:
        if "panicked at" in err:
            return ("panic", err)
        return ("status", status)
    lines = out.splitlines()
    for want in ex.get("expect", []):
        if not any(want in line for line in lines):
            return ("missing", want)
    return ("pass",)


def matches(fails, got):
    kind, value = next(iter(fails.items()))
    if kind == "error" and got[0] == "error":
        if re.fullmatch(r"E[0-9]{4}", str(value)):
            return got[1] == value
        return str(value) in got[2]
    if kind == "timeout":
        return got[0] == "timeout"
    if kind == "panic":
        return got[0] == "panic" and str(value) in got[1]
    if kind == "missing_output":
        return got[0] == "missing" and got[1] == value
    return False


def prove(ident, cargo, version, scratch, env, lock):
    """The lines proving one exercise with one toolchain."""
    lines = []
    with open(os.path.join("exercises", ident, "exercise.yaml")) as f:
        ex = yaml.safe_load(f)
    # an exercise whose lesson needs newer Rust (`rustc: "1.N"`) is
    # proved only with a toolchain that meets it
    need = int(str(ex.get("rustc", "1.63")).split(".")[1])
    if int(version.split(".")[1]) < need:
        return ["skip - %s %s: needs rustc %s" % (version, ident, ex["rustc"])]
    timed = excache.timing_sensitive(os.path.join("exercises", ident))
    for part in ("start", "solution"):
        proj = os.path.abspath(os.path.join(scratch, version, ident, part))
        shutil.rmtree(proj, ignore_errors=True)
        shutil.copytree(os.path.join("exercises", ident, part), proj,
                        copy_function=shutil.copy)  # fresh mtimes
        os.makedirs(os.path.join(proj, ".cargo"))
        with open(os.path.join(proj, ".cargo", "config.toml"), "w") as f:
            f.write(excache.OFFLINE_CONFIG)
        got = outcome(ex, cargo, proj, env, lock, timed)
        if part == "start":
            kind, value = next(iter(ex["fails"].items()))
            what = "%s %s: starter fails with %s %s" % (
                version, ident, kind, value)
            good = matches(ex["fails"], got)
            if good and kind == "timeout":
                # killed at its timeout, not long after
                good = got[1] < ex.get("timeout", 5) + 1
        else:
            what = "%s %s: solution passes" % (version, ident)
            good = got == ("pass",)
        if good:
            lines.append("ok - " + what)
        else:
            lines.append("not ok - %s (got %s)" % (what, str(got)[:400]))
    return lines


def main():
    cargo, scratch, cache = sys.argv[1], sys.argv[2], sys.argv[3]
    ids = sys.argv[4:] or sorted(os.listdir("exercises"))
    version = excache.rustc_version(cargo)
    # cargo runs the rustc on PATH unless told: the one beside it, so
    # Debian's cargo really builds with Debian's rustc
    env = excache.cargo_env(cargo, cache, version)
    lock = excache.RunLock(cache)
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        futs = [pool.submit(prove, ident, cargo, version, scratch, env, lock)
                for ident in ids]
        for fut in futs:
            for line in fut.result():
                print(line, flush=True)
    print("times: %s %s" % (version, excache.usage()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

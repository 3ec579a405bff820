#!/usr/bin/env python3
"""fixes_check.py BIN CARGO SCRATCH CACHE [ID...]: the known fixes, through
asyncpath's own verify.

For each exercise under exercises/ (or only the ids given) that CARGO's
rustc is new enough for (`rustc:` in exercise.yaml): the solution, and
every fixes/right-NAME laid over the starter, must pass `asyncpath
exercise verify` (exit 0); every fixes/wrong-NAME must fail it (exit 1)
with a line of its `expect` file in verify's output (line breaks and runs
of spaces read as one space, since the output is wrapped).  An `expect`
file has one line, or several when the fix's run depends on how tasks
are scheduled and each way is rejected by a different check (open-sender's
wrong-break-on-last: which result comes last): then any one of them.

Each attempt gets a workspace of its own under SCRATCH, made by
`asyncpath exercise start` and then overlaid; verify's builds go to the
toolchain's target folder under CACHE (XDG_CACHE_HOME is CACHE/VERSION,
tests/excache.py: shared with the other checkers of this toolchain), so
the crates compile once per toolchain.  At most two attempts run at once
(cargo's lock takes their builds in turn; one's run goes on while the
other builds), each build with CARGO_INCREMENTAL=0 (excache.fresh_env).
An exercise judged on real time is built first under
verify's own settings, then verified alone (excache.RunLock), so its run
shares the processor with nothing else the checkers start.  Prints one
TAP-like line per claim, and last a line "times: first S s, warm S s"
(the first verify and the median of the others) with the wall and
processor time of the whole check.
"""
import concurrent.futures
import os
import shutil
import subprocess
import sys
import threading
import time

import yaml

import excache


def flat(s):
    return " ".join(s.split())


# One attempt at a time per exercise: every workspace of an exercise
# builds the same package name into the shared target folder, so two at
# once would run each other's program.
LOCKS = {}
TIMED = {}  # exercise id -> judged on real time


def attempt(binary, cargo, scratch, cache, ident, kind, name, overlay):
    """Starts a workspace for ident, lays overlay (a folder) over it,
    verifies; returns (kind, name, status, output, seconds)."""
    with LOCKS[ident]:
        return attempt_alone(binary, cargo, scratch, cache, ident, kind,
                             name, overlay)


def attempt_alone(binary, cargo, scratch, cache, ident, kind, name, overlay):
    cache_root, version = cache
    ws = os.path.join(scratch, ident, name)
    shutil.rmtree(ws, ignore_errors=True)
    env = excache.fresh_env(dict(
        os.environ, ASYNCPATH_CARGO=cargo,
        XDG_CACHE_HOME=excache.cache_home(cache_root, version)))
    base = [binary, "--plain", "--width", "80", "exercise"]
    subprocess.run(base + ["start", ident, "--workspace", ws], env=env,
                   capture_output=True)
    dest = os.path.join(ws, ident)
    for root, _dirs, files in os.walk(overlay):
        for f in files:
            if root == overlay and f == "expect":
                continue
            rel = os.path.relpath(os.path.join(root, f), overlay)
            os.makedirs(os.path.dirname(os.path.join(dest, rel)),
                        exist_ok=True)
            shutil.copy(os.path.join(root, f), os.path.join(dest, rel))
    lock = excache.RunLock(cache_root)
    if TIMED[ident]:
        # built first as verify builds (the same target folder and
        # settings), so the verify that runs alone finds it built
        with lock.hold():
            subprocess.run([cargo, "build", "--offline"], cwd=dest,
                           env=excache.cargo_env(cargo, cache_root,
                                                 version),
                           capture_output=True)
    with lock.hold(alone=TIMED[ident]):
        started = time.monotonic()
        p = subprocess.run(base + ["verify", ident, "--workspace", ws],
                           env=env, capture_output=True, text=True,
                           errors="replace")
        return (kind, name, p.returncode, p.stdout + p.stderr,
                time.monotonic() - started)


def main():
    binary, cargo, scratch, root = [os.path.abspath(a)
                                    for a in sys.argv[1:5]]
    ids = sys.argv[5:] or sorted(os.listdir("exercises"))
    version = excache.rustc_version(cargo) or "?"
    minor = int(version.split(".")[1]) if version != "?" else 0
    cache = (root, version)
    jobs = []
    for ident in ids:
        folder = os.path.join("exercises", ident)
        with open(os.path.join(folder, "exercise.yaml")) as f:
            ex = yaml.safe_load(f)
        need = int(str(ex.get("rustc", "1.63")).split(".")[1])
        if minor < need:
            print("ok - %s %s: skipped, needs rustc 1.%d" %
                  (version, ident, need))
            continue
        jobs.append((ident, "right", "solution",
                     os.path.join(folder, "solution")))
        fixes = os.path.join(folder, "fixes")
        for name in sorted(os.listdir(fixes)) if os.path.isdir(fixes) else []:
            kind = name.split("-", 1)[0]
            jobs.append((ident, kind, name, os.path.join(fixes, name)))
    for j in jobs:
        LOCKS.setdefault(j[0], threading.Lock())
        TIMED.setdefault(j[0], excache.timing_sensitive(
            os.path.join("exercises", j[0])))
    # neighbours from different exercises, so the two workers seldom wait
    # for the same lock; the ones judged on real time last, together, so
    # the other work does not stop for each of them one by one
    jobs = jobs[:1] + sorted(jobs[1:], key=lambda j: (
        TIMED[j[0]], [k for k in jobs if k[0] == j[0]].index(j), j[0]))
    times = []
    # the first one alone: it builds the crates into the shared cache
    first = jobs[:1]
    rest = jobs[1:]
    results = []
    for j in first:
        results.append((j, attempt(binary, cargo, scratch, cache, *j)))
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        futs = [(j, pool.submit(attempt, binary, cargo, scratch, cache, *j))
                for j in rest]
        for j, fut in futs:
            results.append((j, fut.result()))
    for (ident, kind, name, overlay), (_, _, status, out, secs) in results:
        times.append(secs)
        what = "%s %s: %s" % (version, ident, name)
        if kind == "right":
            good = status == 0
            what += " accepted"
            why = "exit %d" % status
        else:
            with open(os.path.join(overlay, "expect")) as f:
                wants = [w.strip() for w in f if w.strip()]
            good = status == 1 and any(flat(w) in flat(out) for w in wants)
            what += " rejected: " + " | ".join(wants)
            why = "exit %d" % status
        if good:
            print("ok - " + what)
        else:
            print("not ok - %s (%s)" % (what, why))
            for line in out.splitlines()[-25:]:
                print("    " + line)
    if times:
        warm = sorted(times[1:])[len(times[1:]) // 2] if len(times) > 1 \
            else times[0]
        print("times: %s first %.1f s, warm %.1f s (median of %d); %s" %
              (version, times[0], warm, len(times) - 1, excache.usage()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

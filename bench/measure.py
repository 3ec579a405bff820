#!/usr/bin/env python3
"""measure.py [--status N] RUNS INPUT CMD [:: CMD ...]: runs each command
RUNS times, interleaved (A B A B ...), with INPUT as standard input ('-':
none) and its output discarded.  Prints one line per command, in order:
the best and median wall time in milliseconds, the best CPU time (user +
system, which a loaded machine disturbs less than wall time) and the peak
resident set in MB (the largest ru_maxrss of its runs).  When bench/spawn
is built, each command runs under it, so that these are the command's
own figures, not counting the Python process that forked it; its wall
time then includes one more fork.

A run must exit with status N (0 unless --status says otherwise).  A
command whose run exits otherwise is not run again, and its line is
"fail STATUS REASON": the status and the first line it wrote on standard
error, so that a table can say why a binary cannot measure this (an older
binary that cannot read newer content, say) and go on with the others."""
import collections
import os
import statistics
import subprocess
import sys
import tempfile
import time

args = sys.argv[1:]
want = 0
if args[:1] == ["--status"]:
    want, args = int(args[1]), args[2:]
runs, stdin_path = int(args[0]), args[1]
cmds, cur = [], []
for a in args[2:]:
    if a == "::":
        cmds.append(cur)
        cur = []
    else:
        cur.append(a)
cmds.append(cur)
times = [[] for _ in cmds]
cpu = [[] for _ in cmds]
rss = [0 for _ in cmds]
failed = [None for _ in cmds]
err = tempfile.TemporaryFile()
# Through bench/spawn (make bench builds it), when there is one: forked
# from Python itself, a command's peak memory would start at Python's.
used = tempfile.NamedTemporaryFile(prefix="measure-")
here = os.path.dirname(os.path.abspath(__file__))
SPAWN = ([os.path.join(here, "spawn"), used.name]
         if os.access(os.path.join(here, "spawn"), os.X_OK) else [])
Usage = collections.namedtuple("Usage", "ru_utime ru_stime ru_maxrss")
for _ in range(runs):
    for i, cmd in enumerate(cmds):
        if failed[i]:
            continue
        stdin = open(stdin_path, "rb") if stdin_path != "-" else subprocess.DEVNULL
        err.seek(0)
        err.truncate()
        t0 = time.perf_counter()
        try:
            p = subprocess.Popen(SPAWN + cmd, stdin=stdin,
                                 stdout=subprocess.DEVNULL, stderr=err)
        except OSError as e:
            failed[i] = f"- {e.strerror}"
            continue
        _, status, usage = os.wait4(p.pid, 0)
        t1 = time.perf_counter()
        if SPAWN:
            try:
                with open(used.name) as f:
                    secs, kb, _ = f.read().split()
                usage = Usage(float(secs), 0.0, int(kb))
            except (OSError, ValueError):
                failed[i] = "- bench/spawn wrote no usage"
                continue
        if stdin is not subprocess.DEVNULL:
            stdin.close()
        code = os.waitstatus_to_exitcode(status)
        if code != want:
            err.seek(0)
            first = err.readline(300).decode("utf-8", "replace").strip()
            failed[i] = f"{code} {first or '(nothing on stderr)'}"
            continue
        times[i].append((t1 - t0) * 1000)
        cpu[i].append((usage.ru_utime + usage.ru_stime) * 1000)
        rss[i] = max(rss[i], usage.ru_maxrss)
for i in range(len(cmds)):
    if failed[i]:
        print(f"fail {failed[i]}")
    else:
        print(f"{min(times[i]):.1f} {statistics.median(times[i]):.1f} "
              f"{min(cpu[i]):.1f} {rss[i] / 1024:.1f}")

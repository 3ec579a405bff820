#!/usr/bin/env python3
"""measure.py RUNS INPUT CMD [:: CMD ...]: runs each command RUNS times,
interleaved (A B A B ...), with INPUT as standard input ('-': none) and
its output discarded.  Prints one line per command: the best and median
wall time in milliseconds, the best CPU time (user + system, which a
loaded machine disturbs less than wall time) and the peak resident set
in MB (the largest ru_maxrss of its runs).  Exits 1 if a run fails."""
import os
import statistics
import subprocess
import sys
import time

runs, stdin_path = int(sys.argv[1]), sys.argv[2]
cmds, cur = [], []
for a in sys.argv[3:]:
    if a == "::":
        cmds.append(cur)
        cur = []
    else:
        cur.append(a)
cmds.append(cur)
times = [[] for _ in cmds]
cpu = [[] for _ in cmds]
rss = [0 for _ in cmds]
for _ in range(runs):
    for i, cmd in enumerate(cmds):
        stdin = open(stdin_path, "rb") if stdin_path != "-" else subprocess.DEVNULL
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        t1 = time.perf_counter()
        if stdin is not subprocess.DEVNULL:
            stdin.close()
        if os.waitstatus_to_exitcode(status) != 0:
            print(f"failed: {' '.join(cmd)}", file=sys.stderr)
            sys.exit(1)
        times[i].append((t1 - t0) * 1000)
        cpu[i].append((usage.ru_utime + usage.ru_stime) * 1000)
        rss[i] = max(rss[i], usage.ru_maxrss)
for i in range(len(cmds)):
    print(f"{min(times[i]):.1f} {statistics.median(times[i]):.1f} "
          f"{min(cpu[i]):.1f} {rss[i] / 1024:.1f}")

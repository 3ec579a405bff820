#!/usr/bin/env python3
"""verify_signal.py SIG BIN DATA WORKSPACE: SIGTERM or SIGHUP (SIG: TERM or
HUP) during `asyncpath exercise verify`.

The exercise waits-for-signal (tests/runner-escape) starts a grandchild in
a session of its own (sleep 9733) and a child in its group (sleep 9734),
writes a line to the FIFO $RUNNER_ESCAPE_READY names, then sleeps.  Once
that line has come, the signal goes to asyncpath; then asyncpath must end
killed by that signal, with no process the verify started left running.
Every wait is for an event (the line, the exit); the deadlines are
reached only by a failing run.  Prints 'ok - NAME' or 'not ok - NAME'
lines.
"""
import os
import select
import signal
import subprocess
import sys
import time

DEADLINE = 600.0  # the build may still compile the crate: long, if ever
EXIT_DEADLINE = 60.0


def left():
    """The processes the verify may have started that still run, as
    (pid, ps line)."""
    out = subprocess.run(["ps", "-eo", "pid=,args="], capture_output=True,
                         text=True).stdout
    return [(int(line.split()[0]), line.strip())
            for line in out.splitlines()
            if "sleep 9733" in line or "sleep 9734" in line or
            "debug/waits-for-signal" in line]


def clean_up():
    """A failing run leaves nothing behind either."""
    for pid, _ in left():
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def main():
    name, binary, data, ws = sys.argv[1:5]
    sig = getattr(signal, "SIG" + name)
    what = "SIG%s during a verify" % name
    fifo = os.path.abspath(os.path.join(ws, "ready-" + name))
    if os.path.exists(fifo):
        os.unlink(fifo)
    os.makedirs(ws, exist_ok=True)
    os.mkfifo(fifo)
    # opened before the program can open its end, so its open never waits
    rd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    env = dict(os.environ, RUNNER_ESCAPE_READY=fifo)
    base = [binary, "--data", data, "--plain", "exercise"]
    subprocess.run(base + ["start", "waits-for-signal", "--workspace", ws],
                   env=env, capture_output=True)
    p = subprocess.Popen(base + ["verify", "waits-for-signal",
                                 "--workspace", ws], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    got = b""
    give_up = time.monotonic() + DEADLINE
    while b"\n" not in got and p.poll() is None and \
            time.monotonic() < give_up:
        r, _, _ = select.select([rd], [], [], 0.5)
        if r:
            got += os.read(rd, 100)
    os.close(rd)
    os.unlink(fifo)
    if got != b"running\n":
        print("not ok - %s: the program never said it runs (%r)" %
              (what, got))
        p.kill()
        out = p.communicate()[0].decode(errors="replace")
        for line in out.splitlines()[-20:]:
            print("    " + line)
        clean_up()
        return 0
    print("ok - %s: the program runs, its child and grandchild started" %
          what)
    p.send_signal(sig)
    try:
        out = p.communicate(timeout=EXIT_DEADLINE)[0]
    except subprocess.TimeoutExpired:
        p.kill()
        out = p.communicate()[0]
    if p.returncode == -sig:
        print("ok - %s: asyncpath ends killed by SIG%s" % (what, name))
    else:
        print("not ok - %s: asyncpath ends killed by SIG%s (status %d)" %
              (what, name, p.returncode))
        for line in out.decode(errors="replace").splitlines()[-20:]:
            print("    " + line)
    stray = left()
    if not stray:
        print("ok - %s: no process the verify started is left" % what)
    else:
        print("not ok - %s: no process the verify started is left" % what)
        for _, line in stray:
            print("    left: " + line)
        clean_up()
    return 0


if __name__ == "__main__":
    sys.exit(main())

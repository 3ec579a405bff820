#!/usr/bin/env python3
"""crash_test.py BIN OUTDIR [KILLS]: crash safety of session saves.

A scripted walk of the fixture guide saves its session after every step.
First the walk runs once, a command at a time, and after each answer the
session file is read: that is every state the walk reaches, in order.
Then the walk runs KILLS times (200 by default), each run killed with
SIGKILL at a random moment.  After every kill the session file must be
absent (killed before the first save) or parse, hold a trail the walk had
reached, and resume in the real binary without a complaint.  Prints
'ok ...' or 'not ok ...' lines and, last, the counts.
"""
import json, os, pty, random, select, shutil, signal, subprocess, sys
import time

BIN, OUT = sys.argv[1], os.path.abspath(sys.argv[2])
KILLS = int(sys.argv[3]) if len(sys.argv) > 3 else 200
DATA = "tests/fixtures/good"
PATTERN = ["1", "1", "1", "back", "back", "2", "read dave-locks-up", "1",
           "note step {k}", "back", "back", "back", "2", "2", "restart"]
SCRIPT = [c.format(k=k) for k in range(4) for c in PATTERN]


def env_for(state):
    e = dict(os.environ)
    e["XDG_STATE_HOME"] = state
    e["HOME"] = state
    return e


def trail_of(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    return tuple((s["node"], s["choice"]) for s in doc["trail"])


def reached_states(state):
    """Runs the script a command at a time; returns the trails saved."""
    file = os.path.join(state, "asyncpath", "sessions", "crash.json")
    # stdout on a pseudo-terminal, so each answer arrives as it is
    # written; stdin stays a pipe, so the walk reads a script
    master, slave = pty.openpty()
    p = subprocess.Popen([BIN, "--data", DATA, "--plain", "--no-pager",
                          "--session", "crash"], stdin=subprocess.PIPE,
                         stdout=slave, stderr=slave, env=env_for(state))
    os.close(slave)
    seen = set()
    for i, cmd in enumerate(SCRIPT + ["zz-end"]):
        # an unknown command after each one: its answer shows that the
        # command before it was done, and saved
        marker = "zz-%d" % i
        p.stdin.write((cmd + "\n" + marker + "\n").encode())
        p.stdin.flush()
        want = ("`" + marker + "`").encode()
        out = b""
        while want not in out.replace(b"\r\n", b"\n").replace(b"\n", b" "):
            r, _, _ = select.select([master], [], [], 60)
            try:
                chunk = os.read(master, 65536) if r else b""
            except OSError:
                chunk = b""
            if not chunk:
                p.kill()
                raise SystemExit("not ok crash: no answer to %r" % cmd)
            out += chunk
        if os.path.exists(file):
            seen.add(trail_of(file))
    p.stdin.close()
    while True:  # drain until the walk ends
        r, _, _ = select.select([master], [], [], 60)
        try:
            if not r or not os.read(master, 65536):
                break
        except OSError:
            break
    p.wait()
    os.close(master)
    return seen


def main():
    random.seed(20261126)
    os.makedirs(OUT, exist_ok=True)
    base = os.path.join(OUT, "crash-states")
    shutil.rmtree(base, ignore_errors=True)
    states = reached_states(base)
    print("ok crash: the scripted walk reaches %d distinct saved states"
          % len(states) if len(states) > 5 else
          "not ok crash: the scripted walk reaches too few states")
    script = ("\n".join(SCRIPT) + "\nquit\n").encode()
    # how long an uninterrupted run takes, so kills spread over all of it
    state = os.path.join(OUT, "crash-run")
    t0 = time.monotonic()
    shutil.rmtree(state, ignore_errors=True)
    subprocess.run([BIN, "--data", DATA, "--plain", "--session", "crash"],
                   input=script, stdout=subprocess.DEVNULL,
                   env=env_for(state), check=True)
    span = max(time.monotonic() - t0, 0.05)
    file = os.path.join(state, "asyncpath", "sessions", "crash.json")
    bad, absent, resumed = 0, 0, 0
    for k in range(KILLS):
        shutil.rmtree(state, ignore_errors=True)
        p = subprocess.Popen([BIN, "--data", DATA, "--plain", "--session",
                              "crash"], stdin=subprocess.PIPE,
                             stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, env=env_for(state))
        try:
            p.stdin.write(script)
            p.stdin.flush()
        except BrokenPipeError:
            pass
        # a random moment; the kill lands wherever the walk then is
        time.sleep(random.uniform(0, span))
        p.send_signal(signal.SIGKILL)
        p.wait()
        try:
            p.stdin.close()
        except BrokenPipeError:
            pass
        if not os.path.exists(file):
            absent += 1
            continue
        try:
            t = trail_of(file)
        except (ValueError, KeyError, TypeError) as e:
            bad += 1
            print("not ok crash: kill %d left a file that does not parse: "
                  "%s" % (k + 1, e))
            continue
        if t not in states:
            bad += 1
            print("not ok crash: kill %d left a trail the walk never "
                  "reached: %r" % (k + 1, t))
            continue
        r = subprocess.run([BIN, "--data", DATA, "--plain", "--session",
                            "crash"], input=b"trail\nquit\n",
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           env=env_for(state))
        left = [f for f in os.listdir(os.path.dirname(file))
                if f.startswith(".crash.json.")]
        if r.returncode != 0 or r.stderr or left:
            bad += 1
            print("not ok crash: kill %d: the session does not resume "
                  "(exit %d): %s; temporary files left: %s"
                  % (k + 1, r.returncode,
                     r.stderr.decode(errors="replace"), left))
            continue
        resumed += 1
    print(("ok" if bad == 0 else "not ok") +
          " crash: %d SIGKILLs at random moments: %d resumed to a state "
          "reached (no temporary file left), %d before the first save, "
          "%d bad"
          % (KILLS, resumed, absent, bad))


main()

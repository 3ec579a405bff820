"""excache: what the checkers of real cargo builds share (exercises_check,
fixes_check, snippets_check; 81-runner uses the same folders).

One cargo cache per toolchain under a root (tests/run.sh's $EXCACHE):
ROOT/VERSION (VERSION as "1.63.0") is the runner's XDG_CACHE_HOME, and
ROOT/VERSION/asyncpath/target the target folder of every build with that
rustc, asyncpath's verify and the oracles' own builds alike, so each
crate compiles once per toolchain, and two toolchains build at once
without waiting for each other's cargo lock.

RunLock: the checkers' builds and runs hold it shared; a run whose verdict
rests on real time (an item with max_ms, a program that reads the clock)
holds it alone, so nothing else the checkers start loads the processor
while it runs.  It is a pair of flock(2) files in ROOT, so it holds
across processes; a gate lets a waiting exclusive taker in before any
newer shared one.
"""
import contextlib
import fcntl
import os
import re
import resource
import subprocess
import time

_STARTED = time.monotonic()

REGISTRY = "/usr/share/cargo/registry"
OFFLINE_CONFIG = ('[source.crates-io]\nreplace-with = "debian"\n'
                  '[source.debian]\ndirectory = "%s"\n' % REGISTRY)


def rustc_beside(cargo):
    """The rustc beside cargo (Debian's cargo, Debian's rustc), or None
    for the rustc on PATH."""
    rustc = os.path.join(os.path.dirname(os.path.abspath(cargo)), "rustc")
    return rustc if os.access(rustc, os.X_OK) else None


def rustc_version(cargo):
    """ "1.63.0" for the rustc that cargo builds with, or None."""
    out = subprocess.run([rustc_beside(cargo) or "rustc", "--version"],
                         capture_output=True, text=True).stdout.split()
    return out[1] if len(out) > 1 else None


def cache_home(root, version):
    """The XDG_CACHE_HOME of verifies with that rustc."""
    return os.path.join(os.path.abspath(root), version)


def target_dir(root, version):
    """The target folder of every build with that rustc (the runner's)."""
    return os.path.join(cache_home(root, version), "asyncpath", "target")


def fresh_env(env):
    """env for a build of a fresh copy: every copy the checkers build has
    a path of its own, so rustc's incremental state (kept per path) is
    never used again, and writing it costs a fifth of each build's
    processor time.  The dependencies' fingerprints do not change (they
    are never incremental)."""
    return dict(env, CARGO_INCREMENTAL="0")


def cargo_env(cargo, root, version):
    """os.environ as asyncpath's runner gives it to cargo (the rustc
    beside cargo, the shared target folder, no colour, no RUSTFLAGS), for
    a fresh copy (fresh_env)."""
    env = fresh_env(os.environ)
    rustc = rustc_beside(cargo)
    if rustc and os.path.dirname(cargo):
        env["RUSTC"] = rustc
    env["CARGO_TARGET_DIR"] = target_dir(root, version)
    env["CARGO_TERM_COLOR"] = "never"
    env.pop("RUSTFLAGS", None)
    return env


_CLOCK = re.compile(r"std::time::(?:Instant\b|\{[^}]*\bInstant\b)")


def timing_sensitive(folder):
    """Whether the exercise (or snippet) in folder is judged on real
    time: an item of its exercise.yaml bounded in milliseconds (max_ms:
    `gap:` lines at most so far apart, `reply:` within so long), or Rust
    code of it that reads the wall clock (std::time::Instant; tokio's
    paused clock in tests does not count)."""
    for root, _dirs, files in os.walk(folder):
        for f in files:
            if not (f.endswith(".rs") or f == "exercise.yaml"):
                continue
            with open(os.path.join(root, f), errors="replace") as fh:
                text = fh.read()
            if f == "exercise.yaml" and re.search(r"\bmax_ms\s*:", text):
                return True
            if f.endswith(".rs") and _CLOCK.search(text):
                return True
    return False


class RunLock:
    """Shared for builds and ordinary runs, alone for timed ones."""

    def __init__(self, root):
        os.makedirs(root, exist_ok=True)
        self.main = os.path.join(root, ".runs.lock")
        self.gate = os.path.join(root, ".runs.gate")

    @contextlib.contextmanager
    def hold(self, alone=False):
        gate = os.open(self.gate, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC,
                       0o600)
        main = os.open(self.main, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC,
                       0o600)
        try:
            fcntl.flock(gate, fcntl.LOCK_EX)
            fcntl.flock(main, fcntl.LOCK_EX if alone else fcntl.LOCK_SH)
            fcntl.flock(gate, fcntl.LOCK_UN)
            yield
        finally:
            os.close(main)
            os.close(gate)


def usage():
    """ "wall W s, cpu C s": this process's time so far, its processor
    time with every child's it waited for (for the suites' logs; no test
    asserts on it)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return "wall %.1f s, cpu %.1f s" % (
        time.monotonic() - _STARTED, me.ru_utime + me.ru_stime +
        kids.ru_utime + kids.ru_stime)

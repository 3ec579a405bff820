#!/usr/bin/env python3
"""snippets_check.py SCRATCH CACHE [NAME...]: real output behind the content.
snippets_check.py --quotes: only the content side (no build; seconds).

Every passage in the content (paths/, stories/, quizzes/, plans/, and the
task, hints and `say` lines of exercises/NAME/exercise.yaml) shown as
what rustc, cargo, clippy, tokio or a panic prints is quoted from a snippet
in snippets/NAME/ (a tiny cargo package and its snippet.yaml).  For each
snippet and each toolchain it names, this builds it (or runs it, or runs
`rustc --explain`), offline against Debian's crates, and checks:

  - the outcome is the declared one (`outcome: error | ok | panic`, or a
    map from toolchain to outcome);
  - each quote's lines appear one after another in that toolchain's real
    output, each with the same added indentation (a quote line `...`
    stands for any lines), and
    the same lines appear one after another in the content file named by
    `in:` (each with the same indentation, after an optional `prefix:`
    such as `// `); a `source:` quote is checked against that file of the
    snippet instead of the output (code shown in the text compiles);
    `inline: true` quotes are one line, found inside a content line, and
    an error code the line gives the quote as its message ("E0382: use of
    moved value") is the one that toolchain printed;
  - last, every content line that looks like tool output (an `error[E...]`,
    a line starting `error:`, `warning:`, `note:` or `help:`, a thread that
    panicked or overflowed its stack, a message given by its error code,
    E0597 then a colon or a dash and text, in prose, a comment or
    backticks), and every line of a ```text block, lies inside a checked
    quote.  A bare code ("rustc rejects it with E0277") is a reference and
    needs no quote.

Only one thing is matched loosely: the thread id that rustc 1.95 prints
after a thread's name (`thread 'main' (2325) panicked`), which changes from
run to run; any number matches there.

With --quotes, nothing is built: only that each quote is in its content
file and the last check (the fast tier runs this).  Prints "ok - ..." /
"not ok - ..." lines.  Builds go to the
toolchain's target folder under CACHE (tests/excache.py: the exercises'
and asyncpath's verify's), so tokio is built once per toolchain; cargo
runs with -j2, two builds or runs at a time (cargo's lock takes builds
with one toolchain in turn).
"""
import concurrent.futures
import os
import re
import shutil
import signal
import subprocess
import sys

import yaml

import excache

CONTENT = ("paths", "stories", "quizzes", "plans")
TIMEOUT = 600
RUN_TIMEOUT = 20
OUTPUT_LIKE = re.compile(
    r"error\[E\d{4}\]"
    r"|^\s*(?:[|=]\s*)?(?://\s*)?(?:= )?(?:error|warning|note|help)(?:\[E\d{4}\])?: "
    r"|thread '[^']*'(?: \(\d+\))? (?:panicked|has overflowed)")
# A message given by its error code: E0597 then a colon or a dash and text
# ("E0597: `x` does not live long enough", "// E0507 - cannot move").  A
# bare code ("rejects it with E0277") is a reference, not a quote.
CODE_MESSAGE = re.compile(
    r"\bE\d{4}\b[`)\]]*(?:\s*:|\s+[-\u2013\u2014]{1,2}|[\u2013\u2014])\s*\S")
THREAD_ID = re.compile(r"(thread '[^']*') \(\d+\)")


def toolchains():
    """Maps "1.63" and "1.95" style names to (cargo, rustc, env extras)."""
    found = {}
    home = os.environ.get("CARGO_HOME", "/root/.cargo")
    for cargo, rustc in (("/usr/bin/cargo", "/usr/bin/rustc"),
                         (os.path.join(home, "bin", "cargo"),
                          os.path.join(home, "bin", "rustc"))):
        if not (os.access(cargo, os.X_OK) and os.access(rustc, os.X_OK)):
            continue
        out = subprocess.run([rustc, "--version"], capture_output=True,
                             text=True).stdout.split()
        if len(out) < 2:
            continue
        version = out[1]
        short = ".".join(version.split(".")[:2])
        found.setdefault(short, (cargo, rustc, version))
    return found


def run_group(argv, cwd, env, timeout):
    """Runs argv in its own session; returns (status or None, output with
    stdout and stderr in the order written)."""
    p = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, start_new_session=True)
    try:
        out, _ = p.communicate(timeout=timeout)
        return p.returncode, out.decode(errors="replace")
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        out, _ = p.communicate()
        return None, out.decode(errors="replace")


def outcome_of(snip, tool, proj, cache):
    """Builds, runs or explains the snippet; returns (outcome, output)."""
    cargo, rustc, version = tool
    env = excache.cargo_env(cargo, cache, version)
    env["RUSTC"] = rustc
    for var in ("RUST_BACKTRACE", "RUST_LIB_BACKTRACE"):
        env.pop(var, None)
    how = snip.get("run", "build")
    if how.startswith("explain "):
        status, out = run_group([rustc, "--explain", how.split()[1]], proj,
                                env, TIMEOUT)
        return ("ok" if status == 0 else "error"), out
    if how == "clippy":
        argv = [cargo, "clippy", "--offline", "-j2"]
    else:
        argv = [cargo, "build", "--offline", "-j2"]
    status, out = run_group(argv, proj, env, TIMEOUT)
    if status != 0:
        return "error", out
    if how != "run":
        return "ok", out
    exe = os.path.join(env["CARGO_TARGET_DIR"], "debug", snip["_name"])
    status, run_out = run_group([exe], proj, env, RUN_TIMEOUT)
    if status is None:
        return "timeout", run_out
    if "panicked" in run_out:
        return "panic", run_out
    return ("ok" if status == 0 else "status"), run_out


def norm(line):
    return THREAD_ID.sub(r"\1 (N)", line.rstrip())


def find_run(want, lines):
    """Whether the quote lines `want` occur in `lines` one after another,
    each with the same added indentation (a "..." in want skips any
    lines)."""
    def match(wi, li, indent):
        if wi == len(want):
            return True
        if want[wi] == "...":
            return any(match(wi + 1, k, indent)
                       for k in range(li, len(lines) + 1))
        return li < len(lines) and \
            lines[li] == (indent + want[wi]).rstrip() and \
            match(wi + 1, li + 1, indent)
    for start, line in enumerate(lines):
        if line.endswith(want[0]):
            indent = line[:len(line) - len(want[0])]
            if not indent.strip() and match(0, start, indent):
                return True
    return False


def find_in_content(want, text_lines, prefix):
    """Line ranges (first, last), 0-based, where the quote lines occur in
    the content one after another, each with the same indentation."""
    hits = []
    n = len(want)
    for start in range(len(text_lines) - n + 1):
        first = text_lines[start].rstrip()
        tail = prefix + want[0]
        if not first.endswith(tail):
            continue
        indent = first[:len(first) - len(tail)]
        if indent.strip():
            continue
        good = True
        for k in range(1, n):
            got = text_lines[start + k].rstrip()
            exp = (indent + prefix + want[k]).rstrip()
            if got != exp:
                good = False
                break
        if good:
            hits.append((start, start + n - 1))
    return hits


def build_one(snip, tool, scratch, short, cache, lock):
    """Copies the snippet under scratch and builds, runs or explains it
    with tool; returns (outcome, output), the output also in the copy's
    output.txt."""
    name = snip["_name"]
    proj = os.path.abspath(os.path.join(scratch, short, name))
    shutil.rmtree(proj, ignore_errors=True)
    shutil.copytree(os.path.join("snippets", name), proj,
                    copy_function=shutil.copy)
    os.makedirs(os.path.join(proj, ".cargo"))
    with open(os.path.join(proj, ".cargo", "config.toml"), "w") as f:
        f.write(excache.OFFLINE_CONFIG)
    with lock.hold():
        got, out = outcome_of(snip, tool, proj, cache)
    with open(os.path.join(proj, "output.txt"), "w") as f:
        f.write(out)
    return got, out


def load(name):
    with open(os.path.join("snippets", name, "snippet.yaml")) as f:
        snip = yaml.safe_load(f)
    snip["_name"] = name
    return snip


def code_before(line, text):
    """The error code that `line` gives as the message `text` (the last
    "E0382:" style code before text), or None."""
    head = line[:line.find(text)]
    found = [m for m in CODE_MESSAGE.finditer(head + text)
             if m.start() < len(head)]
    return re.match(r"E\d{4}", found[-1].group(0)).group(0) if found else None


def exercise_text(path):
    """The 0-based line numbers of an exercise.yaml that hold text shown to
    the learner: the task, the hints and each `must` item's `say`."""
    with open(path) as f:
        root = yaml.compose(f)
    nodes = []
    for key, val in (root.value if root is not None and
                     root.id == "mapping" else []):
        if key.value == "task":
            nodes.append(val)
        elif key.value == "hints" and val.id == "sequence":
            nodes.extend(val.value)
        elif key.value == "must" and val.id == "sequence":
            for item in val.value:
                if item.id != "mapping":
                    continue
                nodes.extend(v for k, v in item.value if k.value == "say")
    lines = set()
    for node in nodes:
        last = node.end_mark.line
        if node.end_mark.column == 0 and last > node.start_mark.line:
            last -= 1  # a block scalar ends at the start of the next line
        lines.update(range(node.start_mark.line, last + 1))
    return lines


def content_lines():
    """Yields (path, [(0-based line number, line)]) for each content file:
    every line of paths/, stories/, quizzes/ and plans/, and the learner's
    text in each exercises/NAME/exercise.yaml."""
    for folder in CONTENT:
        for base in sorted(os.listdir(folder)):
            path = os.path.join(folder, base)
            with open(path) as f:
                yield path, list(enumerate(f.read().splitlines()))
    if not os.path.isdir("exercises"):
        return
    for name in sorted(os.listdir("exercises")):
        path = os.path.join("exercises", name, "exercise.yaml")
        if not os.path.exists(path):
            continue
        keep = exercise_text(path)
        with open(path) as f:
            yield path, [(k, line) for k, line in
                         enumerate(f.read().splitlines()) if k in keep]


def main():
    quotes_only = sys.argv[1:2] == ["--quotes"]
    if quotes_only:
        scratch = cache = None
        chosen = []
    else:
        scratch, cache = sys.argv[1], sys.argv[2]
        chosen = sys.argv[3:]
    names = chosen or sorted(
        d for d in os.listdir("snippets")
        if os.path.exists(os.path.join("snippets", d, "snippet.yaml")))
    tools = toolchains()
    # every build first, two at a time; then the claims in order
    built = {}  # (name, short) -> future of (outcome, output)
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=2)
    lock = None if quotes_only else excache.RunLock(cache)
    for name in ([] if quotes_only else names):
        snip = load(name)
        for short in snip["toolchains"]:
            short = str(short)
            if short in tools:
                built[(name, short)] = pool.submit(
                    build_one, snip, tools[short], scratch, short, cache,
                    lock)
    covered = {}  # content file -> set of 0-based line numbers
    for name in names:
        snip = load(name)
        outputs = {}
        for short in ([] if quotes_only else snip["toolchains"]):
            short = str(short)
            if short not in tools:
                print("not ok - %s: rustc %s not found (Debian's at /usr/bin,"
                      " rustup's in $CARGO_HOME/bin)" % (name, short))
                continue
            proj = os.path.abspath(os.path.join(scratch, short, name))
            got, out = built[(name, short)].result()
            outputs[short] = [norm(x) for x in out.splitlines()]
            want = snip.get("outcome", "ok")
            if isinstance(want, dict):
                want = str(want.get(short, want.get(float(short), "ok")))
            if got == want:
                print("ok - %s: rustc %s gives %s" % (name, short, want))
            else:
                print("not ok - %s: rustc %s gives %s, not %s (see %s)" % (
                    name, short, got, want,
                    os.path.join(proj, "output.txt")))
        for i, q in enumerate(snip.get("quotes", [])):
            what = "%s quote %d (%s)" % (name, i + 1, q["in"])
            want = [norm(x) for x in q["text"].rstrip("\n").split("\n")]
            if quotes_only:
                have = None
            elif "source" in q:
                with open(os.path.join("snippets", name, q["source"])) as f:
                    have = [norm(x) for x in f.read().splitlines()]
                where = q["source"]
            else:
                short = str(q["toolchain"])
                if short not in outputs:
                    print("not ok - %s: no %s output" % (what, short))
                    continue
                have = outputs[short]
                where = "rustc %s output" % short
            if have is None:
                pass
            elif q.get("inline") and any(want[0] in x for x in have) or \
                    not q.get("inline") and find_run(want, have):
                print("ok - %s is in the %s" % (what, where))
            else:
                print("not ok - %s is not in the %s" % (what, where))
            with open(q["in"]) as f:
                text_lines = [norm(x) for x in f.read().splitlines()]
            if q.get("inline"):
                hits = [(k, k) for k, line in enumerate(text_lines)
                        if want[0] in line]
                if have is not None and "source" not in q:
                    for k, _ in hits:
                        code = code_before(text_lines[k], want[0])
                        if code and not any("[%s]" % code in x for x in have):
                            print("not ok - %s: %s at %s:%d is not in the %s"
                                  % (what, code, q["in"], k + 1, where))
            else:
                hits = find_in_content(want, text_lines, q.get("prefix", ""))
            if hits:
                print("ok - %s is quoted in %s" % (what, q["in"]))
                lines = covered.setdefault(q["in"], set())
                for first, last in hits:
                    lines.update(range(first, last + 1))
            else:
                print("not ok - %s is not quoted in %s" % (what, q["in"]))
    pool.shutdown()
    if not quotes_only:
        print("times: %s" % excache.usage())
    if chosen:
        return 0
    # every output-like line of the content is inside a checked quote
    stray = []
    for path, lines in content_lines():
        fence = None  # the info string of the open code block
        for k, line in lines:
            if line.strip().startswith("```"):
                fence = line.strip()[3:].strip() if fence is None else None
                continue
            in_output = fence == "text" and line.strip()
            if (in_output or OUTPUT_LIKE.search(line) or
                    CODE_MESSAGE.search(line)) and \
                    k not in covered.get(path, set()):
                stray.append("%s:%d: %s" % (path, k + 1, line.strip()[:70]))
    if stray:
        print("not ok - %d output-like content lines come from no snippet"
              % len(stray))
        for s in stray:
            print("    " + s)
    else:
        print("ok - every output-like line of the content comes from a"
              " snippet")
    return 0


if __name__ == "__main__":
    sys.exit(main())

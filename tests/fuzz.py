#!/usr/bin/env python3
"""fuzz.py BIN [RUNS] [SEED]: mutation fuzzing of the real binary, meant
for a build with AddressSanitizer and UBSan (make fuzz).

Half the runs mutate the shipped path file or a story card and run
`check` on the result: the only acceptable outcomes are exit 0, 1, 65 or
66 with no sanitizer report.  The other half mutate reference pages
(control bytes, broken UTF-8, HTML, entities, deep nesting) and render
them plain or coloured: exit 0, no sanitizer report, and no byte in the
output that could drive a terminal.  Failing inputs are kept in /tmp.
"""
import glob, os, random, re, shutil, subprocess, sys, tempfile

BIN = sys.argv[1]
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 500
random.seed(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PAGES = glob.glob(os.path.join(ROOT, "..", "shared", "reference", "wg-async",
                               "src", "**", "*.md"), recursive=True)
SNIPPETS = [b"\x1b[2J", b": ", b"- ", b"\n  ", b"{", b"[", b"&a ", b"*a",
            b"\t", b"\xff", b"---\n", b"'", b'"', b"<details><summary>",
            b"</summary>", b"&#x", b"&#99999999;", b"\n> ", b"\n1. ",
            b"```", b"[a](", b"\x1b]8;;", b"<br>"]


def mutate(data):
    data = bytearray(data)
    for _ in range(random.randint(1, 12)):
        pos = random.randrange(max(1, len(data)))
        r = random.random()
        if r < 0.3:
            data[pos:pos + 1] = bytes([random.randrange(256)])
        elif r < 0.5:
            del data[pos:pos + random.randint(1, 40)]
        elif r < 0.8:
            data[pos:pos] = random.choice(SNIPPETS)
        else:
            a = random.randrange(max(1, len(data)))
            data[pos:pos] = data[a:a + random.randint(1, 200)]
    return bytes(data)


def sanitizer(err):
    return b"Sanitizer" in err or b"runtime error" in err


def unsafe(out, color):
    if color:
        out = re.sub(rb"\x1b\[0(;[0-9]+)*m", b"", out)
        out = re.sub(rb"\x1b\]8;;[\x21-\x7e]*?\x1b\\", b"", out)
    try:
        text = out.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return any((ord(c) < 0x20 and c != "\n") or ord(c) == 0x7f
               or 0x80 <= ord(c) < 0xa0 for c in text)


work = tempfile.mkdtemp(prefix="asyncpath-fuzz-")
env = dict(os.environ, LC_ALL="C.UTF-8", ASYNCPATH_HYPERLINKS="1")
failures = 0
cards = sorted(os.listdir(os.path.join(ROOT, "stories")))
for i in range(RUNS):
    if i % 2 == 0:
        data_dir = os.path.join(work, "data")
        shutil.rmtree(data_dir, ignore_errors=True)
        shutil.copytree(os.path.join(ROOT, "stories"),
                        os.path.join(data_dir, "stories"))
        shutil.copytree(os.path.join(ROOT, "paths"),
                        os.path.join(data_dir, "paths"))
        target = random.choice(["paths/status-quo.yaml",
                                "stories/" + random.choice(cards)])
        f = os.path.join(data_dir, target)
        open(f, "wb").write(mutate(open(f, "rb").read()))
        p = subprocess.run([BIN, "--data", data_dir, "check", "--walks",
                            "50"], capture_output=True, env=env, timeout=120)
        bad = p.returncode not in (0, 1, 65, 66) or sanitizer(p.stderr)
        if bad:
            keep = shutil.copytree(data_dir, f"/tmp/asyncpath-fuzz-{i}")
    elif PAGES:
        data = mutate(open(random.choice(PAGES), "rb").read())
        color = random.random() < 0.5
        p = subprocess.run([BIN, "--width", random.choice(["20", "40",
                            "80", "200"]), "--color" if color else "--plain",
                            "render", "-"], input=data, capture_output=True,
                           env=env, timeout=120)
        bad = p.returncode != 0 or sanitizer(p.stderr) or \
            unsafe(p.stdout, color)
        if bad:
            keep = f"/tmp/asyncpath-fuzz-{i}.md"
            open(keep, "wb").write(data)
    else:
        continue
    if bad:
        failures += 1
        print(f"not ok run {i}: exit {p.returncode}, input kept in {keep}")
        print(p.stderr[-600:].decode(errors="replace"))
shutil.rmtree(work, ignore_errors=True)
print(f"fuzz: {RUNS} runs, {failures} failures")
sys.exit(1 if failures else 0)

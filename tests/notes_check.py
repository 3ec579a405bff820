#!/usr/bin/env python3
"""A learner's note is always text.  Writes a session whose notes start
with "# " and "1. ", contain "##" and "[x](y)", then checks that the
transcript and the report, as Markdown and HTML, show each note as its
text: never a heading, list, link or table-of-contents entry.
Usage: notes_check.py BIN DATA SESSION_IN OUTDIR; prints ok / not ok."""
import html, json, os, re, subprocess, sys

bin_, data, src, out = sys.argv[1:5]
# each ends in a word no heading of the views has
NOTES = ["# not a heading alpha", "1. not a list bravo",
         "two ## hashes ## charlie", "[x](y) is no link delta",
         "- not an item echo", "  ## indented foxtrot"]
doc = json.load(open(src))
doc["name"] = "marks"
# three a stop: a report shows a few notes at each
doc["notes"] = [{"node": "hub" if i < 3 else "locked", "text": t,
                 "at": "2026-11-26T09:03:30Z"} for i, t in enumerate(NOTES)]
os.makedirs(out, exist_ok=True)
sess = os.path.join(out, "marks.json")
json.dump(doc, open(sess, "w"))


def run(*args):
    r = subprocess.run([bin_, "--data", data, *args], capture_output=True,
                       text=True)
    return r.returncode, r.stdout


def say(good, what):
    print(("ok - " if good else "not ok - ") + what)


def plain(s):  # the text of an HTML fragment, tags dropped
    return html.unescape(re.sub(r"<[^>]*>", "", s))


for view in ("transcript", "report"):
    target = sess if view == "transcript" else out
    st, _ = run(view, target, "--format", "md")
    st2, page = run(view, target, "--format", "html")
    say(st == 0 and st2 == 0, f"{view} of notes with markup runs")
    heads = [plain(h) for h in re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>",
                                          page, re.S)]
    toc = [plain(a) for a in re.findall(r'<nav class="toc".*?</nav>', page,
                                        re.S)]
    for t in NOTES:
        core = t.split()[-1]  # a word only this note has
        say(not any(core in h for h in heads) and
            not any(core in x for x in toc),
            f"{view}: {t!r} is no heading and not in the contents")
        say(any(t.strip() in plain(p) for p in
                re.findall(r"<(?:p|li|blockquote)>(.*?)</(?:p|li|blockquote)>",
                           page, re.S)),
            f"{view} html: {t!r} shows as its text")
    lists = re.findall(r"<[ou]l>(.*?)</[ou]l>", page, re.S)
    say(not any("not a list" in plain(li) and "<ol>" in li
                for li in re.findall(r"<li>(.*?)</li>", page, re.S)) and
        not any(plain(x).strip().startswith("not an item") for x in lists),
        f"{view} html: no list made of a note")
    say('href="y"' not in page, f"{view} html: no link to y")

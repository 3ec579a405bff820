#!/usr/bin/env python3
"""html_check.py FILE...: each page must parse with every element closed in
order, hold no script, no event-handler attribute, nothing that loads
(src, link, iframe, object, embed, a refresh), and every link must point at
http(s) or at an id in the same page.  Prints "ok - ..." / "not ok - ..."."""
import re
import sys
from html.parser import HTMLParser

VOID = {"meta", "br", "hr", "img", "input", "link", "source", "col", "wbr",
        "area", "base", "embed", "param", "track", "rect", "line", "path"}
LOADERS = {"script", "iframe", "object", "embed", "link", "img", "audio",
           "video", "source", "frame", "base", "form"}


class Check(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.ids, self.hrefs, self.bad = [], set(), [], []

    def handle_starttag(self, tag, attrs):
        if tag in LOADERS:
            self.bad.append("a <%s> element" % tag)
        for k, v in attrs:
            if k.startswith("on"):
                self.bad.append("an event attribute %s=%r" % (k, v))
            if k in ("src", "srcset", "poster", "background", "action",
                     "formaction", "xlink:href"):
                self.bad.append("a %s attribute" % k)
            if k == "id":
                self.ids.add(v)
            if k == "href":
                self.hrefs.append(v or "")
            if k == "style":
                self.bad.append("an inline style attribute")
        if tag == "meta" and dict(attrs).get("http-equiv", "").lower() \
                == "refresh":
            self.bad.append("a refresh")
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.bad.append("</%s> at line %d closes %s" % (
                tag, self.getpos()[0],
                self.stack[-1] if self.stack else "nothing"))
            return
        self.stack.pop()


def check(path):
    text = open(path, encoding="utf-8").read()
    c = Check()
    c.feed(text)
    c.close()
    bad = list(c.bad)
    if not text.startswith("<!DOCTYPE html>"):
        bad.append("no doctype")
    if re.search(r"<script", text, re.I):
        bad.append("the text '<script'")
    if c.stack:
        bad.append("unclosed: %s" % c.stack)
    for h in c.hrefs:
        if h.startswith("#"):
            if h[1:] not in c.ids:
                bad.append("a link to #%s, which is not in the page" % h[1:])
        elif not re.match(r"https?://", h):
            bad.append("a link to %r" % h)
    name = "html %s: parses, no script, nothing loads, links http(s) or " \
           "in the page (%d links)" % (path, len(c.hrefs))
    print(("ok - " if not bad else "not ok - ") + name)
    for b in bad[:10]:
        print("    " + b)


for p in sys.argv[1:]:
    check(p)

#!/usr/bin/env python3
"""browser_check.py OUTDIR FILE.html[:STORIES] ...: loads each page in a real
headless Chromium through the DevTools protocol (over --remote-debugging-pipe,
so no port is opened), at 1280 and 390 pixels wide.  For each page it takes a
screenshot at both widths (OUTDIR/NAME.1280.png, NAME.390.png, and
NAME.390.dark.png with prefers-color-scheme: dark), prints it to
PDF on A4 and on Letter (OUTDIR/NAME.a4.pdf, NAME.letter.pdf) and fails on:
a console error or an uncaught exception, a request for anything but the
page itself, content wider than the viewport, and (with :STORIES) a PDF
whose text does not hold exactly that many "Story N of M" headings.
Prints "ok - ..." / "not ok - ..." lines."""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-default-apps",
         "--remote-debugging-pipe"]
TIMEOUT = 120  # seconds: a guard against a hung browser, never a wait


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="asyncpath-chromium-")
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        # Chromium reads commands on fd 3 and writes replies on fd 4.
        def fds():
            # copies first: a pipe may already sit on fd 3 or 4, and
            # dup2 onto itself would leave it close-on-exec
            r, w = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(r, 3)
            os.dup2(w, 4)
        self.proc = subprocess.Popen(
            [CHROMIUM] + FLAGS + ["--user-data-dir=" + self.profile,
                                  "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=open(os.environ.get("CHROMIUM_LOG", os.devnull), "w"),
            preexec_fn=fds, close_fds=False)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def _read_message(self):
        import select
        while b"\0" not in self.buf:
            r, _, _ = select.select([self.from_chrome], [], [], TIMEOUT)
            if not r:
                raise RuntimeError("chromium sent nothing for %ds" % TIMEOUT)
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method, params=None, session=True):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        data = json.dumps(msg).encode() + b"\0"
        while data:
            data = data[os.write(self.to_chrome, data):]
        while True:
            m = self._read_message()
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            self.events.append(m)

    def attach(self):
        """A page of its own, with the domains the checks read."""
        target = self.send("Target.createTarget", {"url": "about:blank"},
                           session=False)
        self.session = self.send("Target.attachToTarget",
                                 {"targetId": target["targetId"],
                                  "flatten": True}, session=False)[
            "sessionId"]
        for dom in ("Page", "Runtime", "Log", "Network"):
            self.send(dom + ".enable")

    def wait_event(self, method):
        for i, m in enumerate(self.events):
            if m.get("method") == method:
                del self.events[i]
                return m
        while True:
            m = self._read_message()
            if m.get("method") == method:
                return m
            self.events.append(m)

    def close(self):
        try:
            self.send("Browser.close", session=False)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def problems_in(events, page_url):
    """Console errors, exceptions and foreign requests among events."""
    bad = []
    for m in events:
        meth, p = m.get("method"), m.get("params", {})
        if meth == "Network.requestWillBeSent":
            url = p.get("request", {}).get("url", "")
            if url.split("#")[0] != page_url:
                bad.append("request for " + url)
        elif meth == "Runtime.consoleAPICalled" and p.get("type") in (
                "error", "assert"):
            bad.append("console error: %s" % json.dumps(p.get("args"))[:200])
        elif meth == "Runtime.exceptionThrown":
            bad.append("exception: %s" % json.dumps(
                p.get("exceptionDetails"))[:200])
        elif meth == "Log.entryAdded" and p.get("entry", {}).get(
                "level") == "error":
            bad.append("log error: %s" % p["entry"].get("text", "")[:200])
    return bad


def main():
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    results = []
    b = Browser()
    try:
        b.attach()
        for arg in sys.argv[2:]:
            path, _, stories = arg.partition(":")
            name = os.path.splitext(os.path.basename(path))[0]
            url = "file://" + os.path.abspath(path)
            for width in (1280, 390):
                b.events = [m for m in b.events
                            if m.get("method") != "Page.loadEventFired"]
                b.send("Emulation.setDeviceMetricsOverride", {
                    "width": width, "height": 900, "deviceScaleFactor": 1,
                    "mobile": width < 600})
                b.send("Page.navigate", {"url": url})
                b.wait_event("Page.loadEventFired")
                dims = json.loads(b.send("Runtime.evaluate", {
                    "expression": "JSON.stringify({sw: document.documentElement"
                    ".scrollWidth, vw: window.innerWidth, wide: Array.from("
                    "document.querySelectorAll('body *')).filter(e => "
                    "e.getBoundingClientRect().right > window.innerWidth + 1"
                    " && !e.closest('pre,table')).length, scripts: document."
                    "scripts.length, stories: Array.from(document."
                    "querySelectorAll('h3')).filter(h => /^Story \\d+ of "
                    "\\d+:/.test(h.textContent)).length})",
                    "returnByValue": True})["result"]["value"])
                shot = b.send("Page.captureScreenshot", {"format": "png"})
                png = os.path.join(outdir, "%s.%d.png" % (name, width))
                with open(png, "wb") as f:
                    f.write(base64.b64decode(shot["data"]))
                if dims["sw"] > dims["vw"] or dims["wide"]:
                    results.append((False, "%s at %dpx: content %dpx wide, "
                                    "%d elements past the edge" % (
                                        name, width, dims["sw"],
                                        dims["wide"])))
                else:
                    results.append((True, "%s at %dpx: fits the viewport, "
                                    "screenshot %s" % (name, width, png)))
                if dims["scripts"]:
                    results.append((False, "%s: %d script elements" % (
                        name, dims["scripts"])))
            # dark mode, as a phone set to it shows the page
            b.send("Emulation.setEmulatedMedia", {"features": [
                {"name": "prefers-color-scheme", "value": "dark"}]})
            shot = b.send("Page.captureScreenshot", {"format": "png"})
            with open(os.path.join(outdir, "%s.390.dark.png" % name),
                      "wb") as f:
                f.write(base64.b64decode(shot["data"]))
            bg = b.send("Runtime.evaluate", {
                "expression": "getComputedStyle(document.body)"
                ".backgroundColor", "returnByValue": True})["result"]["value"]
            b.send("Emulation.setEmulatedMedia", {"features": []})
            results.append((bg == "rgb(23, 23, 26)", "%s in dark mode: "
                            "background %s" % (name, bg)))
            for paper, (w, h) in (("a4", (8.27, 11.69)),
                                  ("letter", (8.5, 11.0))):
                pdf = b.send("Page.printToPDF", {
                    "paperWidth": w, "paperHeight": h,
                    "preferCSSPageSize": False, "printBackground": False})
                out = os.path.join(outdir, "%s.%s.pdf" % (name, paper))
                with open(out, "wb") as f:
                    f.write(base64.b64decode(pdf["data"]))
                text = subprocess.run(["pdftotext", "-layout", out, "-"],
                                      capture_output=True, text=True).stdout
                info = subprocess.run(["pdfinfo", out], capture_output=True,
                                      text=True).stdout
                pages = [l.split()[-1] for l in info.splitlines()
                         if l.startswith("Pages:")]
                desc = "%s printed on %s: %s pages" % (
                    name, paper, pages[0] if pages else "?")
                if stories:
                    import re
                    found = len(re.findall(r"^\s*Story \d+ of \d+:", text,
                                           re.M))
                    ok = found == int(stories) == dims["stories"]
                    results.append((ok, "%s, %d stories (want %s)" % (
                        desc, found, stories)))
                else:
                    results.append((bool(pages) and len(text.strip()) > 0,
                                    desc + ", with text"))
            bad = problems_in(b.events, url)
            b.events = []
            results.append((not bad, "%s: no console error, no request "
                            "outside the file%s" % (
                                name, "".join("\n    " + x for x in bad))))
    except Exception as e:  # the browser itself failed: report, not crash
        results.append((False, "chromium: %s" % e))
    finally:
        b.close()
    for ok, what in results:
        print(("ok - " if ok else "not ok - ") + what)


if __name__ == "__main__":
    main()

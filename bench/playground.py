"""TensorFlow Playground, built from its public repository and measured in headless Chromium (a script).

    python bench/playground.py [--repeats 5]

For a benchmark that prints Playground's numbers beside our own page's: the same clock (the page's
`performance.now()`, the start stamped by a capturing listener when the input reaches the document),
the same requestAnimationFrame polling and the same system Chromium as bench/bench_browser.py.

The site is built from github:tensorflow/playground (tested at commit 02469bd3, June 2022) with

    cd /tmp/playground-build/src && npm ci --no-audit --no-fund && npm run build

(Node 20, npm 11: no flags needed), which writes a static site of five files to dist/. Nothing here
fetches the repository: it must already be checked out in /tmp/playground-build/src.

Playground is offline here: its page asks for Google Fonts (a stylesheet in <head>) and Google
Analytics, which this machine cannot reach. `measure` aborts every request that is not to the
served site, so each run sees the same fast failure (a user online would wait for the fonts'
stylesheet before the first paint; without it, the icons show as their ligature names). Here DNS
fails at once, so letting those requests through measured the same (within the noise).

"bytes" are response bodies as served by Python's http.server, which does not compress: 511 KB, of
which bundle.js is 282 KB and the Material Design Lite CSS and JS most of the rest. A host that
gzips would send about 120 KB (the script prints that estimate from the files themselves).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import shutil
import statistics
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
BUILD_ROOT = Path("/tmp/playground-build")
BUILD = BUILD_ROOT / "src" / "dist"
SOURCE = "github:tensorflow/playground"
TESTED_COMMIT = "02469bd3751764b20486015d4202b792af5362a6"
BUILT_FILES = ("index.html", "bundle.js", "bundle.css", "lib.js", "analytics.js")
COMMANDS = (["npm", "ci", "--no-audit", "--no-fund"], ["npm", "run", "build"])
VIEWPORT = {"width": 1280, "height": 720}  # as tests/browser_support.py's, so both pages are seen alike
PLAY_SECONDS = 3.0
TIMEOUT = 30_000  # ms, for every wait in the page

# Runs in every page before Playwright's own scripts and the page's: (1) the input clock, as in
# bench/bench_browser.py: the capture phase on document sees a click, key or input before any of
# Playground's handlers (d3's `.on` listens on the elements themselves, in the bubble phase);
# (2) the first-picture watch, a requestAnimationFrame loop from the document's start that notes the
# first frame in which the output heatmap is painted; (3) the readers that `ARM_JS` watches.
#
# "Painted": Playground draws everything synchronously at the end of bundle.js (makeGUI, generateData,
# reset → drawNetwork → updateUI), so there is no event to listen to. The output heatmap is the first
# <canvas> in #heatmap (100×100 pixels scaled to 300 px by CSS); HeatMap.updateBackground fills it
# with putImageData at alpha 160 and it is transparent before. So the signal is: that canvas exists,
# its pixel (0, 0) has alpha > 0, and the node heatmaps (#network div.canvas canvas) exist, which
# drawNetwork makes just before updateUI paints them and the output. A requestAnimationFrame callback
# runs just before the frame is painted, so performance.now() there is the frame that shows it.
# (Reading one pixel each frame is cheap; the loop stops at the first hit.)
#
# Readers: "iter", the iteration counter (#iter-number, "000,001" after one step); "points", the
# training points' positions in the output heatmap's <svg>. The control is a click on another data
# set's thumbnail (XOR; a fresh page starts on "Circle"): Playground then makes new data (new points),
# a new network (the graph redrawn) and paints every heatmap anew, all in that click's handler. The
# learning-rate select would not do: it only stores the value and redraws nothing until a step. The
# points are the part of the picture that must change (the background's colours come from new random
# weights and could, however unlikely, repeat), and they change in the same handler as the rest.
INIT_JS = """(() => {
  for (const type of ['click', 'keydown', 'input'])
    document.addEventListener(type, () => { window.__t0 = performance.now(); }, true);
  window.__first = null;
  const painted = () => {
    const out = document.querySelector('#heatmap canvas');
    if (!out || !out.width || !document.querySelector('#network div.canvas canvas')) return false;
    return out.getContext('2d').getImageData(0, 0, 1, 1).data[3] > 0;
  };
  const tick = () => {
    if (painted()) window.__first = performance.now();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  window.__readers = {
    iter: () => document.querySelector('#iter-number').textContent,
    points: () => [...document.querySelectorAll('#heatmap svg g.train circle')]
      .map(c => c.getAttribute('cx') + ',' + c.getAttribute('cy')).join(' '),
  };
})()"""

# Armed before the click: a requestAnimationFrame loop that notes, in seconds since the click reached
# the document, the first frame in which the reader shows something new. It must be running before
# the click: Playground changes the page inside its click handler, before Playwright's click() even
# returns, so a poller started after the click (wait_for_function alone) reports when Playwright got
# round to looking: 0.06–0.09 s for a step whose new count is on screen in the frame ~0.03 s after.
ARM_JS = """(name) => {
  const read = window.__readers[name], before = read();
  window.__seen = null;
  const tick = () => {
    const now = read();
    if (now && now !== before) window.__seen = (performance.now() - window.__t0) / 1000;
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}"""
SEEN_JS = "() => window.__seen"
# Playground's steps are slow on a fresh page (V8 has not optimised the training loop yet: the first
# click takes 0.04–0.12 s, the fifth 0.015–0.02 s), so each page is clicked several times: the first
# click goes to "step_cold", the others to "step", as bench/bench_browser.py's steps all come from one
# page. Likewise the data sets: each click goes to the next one (a fresh page starts on Circle), so
# every click is a change.
STEP_CLICKS = 5
CONTROLS = tuple(f"canvas[data-dataset={name}]" for name in ("xor", "gauss", "spiral", "circle"))

# Play runs one training step per d3.timer tick (itself a requestAnimationFrame loop) and updates the
# counter in each. A requestAnimationFrame loop of our own notes the time of every frame in which the
# counter shows a new value: the updates a user sees.
WATCH_UPDATES_JS = """() => {
  window.__updates = [];
  window.__watching = true;
  let last = document.querySelector('#iter-number').textContent;
  const tick = () => {
    const now = document.querySelector('#iter-number').textContent;
    if (now !== last) { last = now; window.__updates.push(performance.now()); }
    if (window.__watching) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}"""


def build(root: Path = BUILD_ROOT) -> Path | None:
    """Playground's built site under `root`/src/dist, built first if it is not there yet.

    Runs `npm ci` (when node_modules is absent) and `npm run build` in `root`/src. Returns the dist
    directory, or None after printing why (no checkout, no npm, a failed command).
    """
    src = root / "src"
    dist = src / "dist"
    if all((dist / name).is_file() for name in BUILT_FILES):
        return dist
    if not (src / "package.json").is_file():
        print(
            f"playground: no source in {src}: fetch {SOURCE} (tested at {TESTED_COMMIT[:8]}) and check it out there",
            file=sys.stderr,
        )
        return None
    if shutil.which("npm") is None:
        print("playground: npm is not installed (apt-get install nodejs npm)", file=sys.stderr)
        return None
    commands = COMMANDS if not (src / "node_modules").is_dir() else COMMANDS[1:]
    for command in commands:
        done = subprocess.run(command, cwd=src, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            tail = "\n".join((done.stdout + done.stderr).splitlines()[-20:])
            print(f"playground: `{' '.join(command)}` failed ({done.returncode}):\n{tail}", file=sys.stderr)
            return None
    if not all((dist / name).is_file() for name in BUILT_FILES):
        print(f"playground: the build finished but {dist} lacks some of {', '.join(BUILT_FILES)}", file=sys.stderr)
        return None
    return dist


class QuietHandler(SimpleHTTPRequestHandler):
    """Static files over HTTP/1.1 (connections kept open, as a real host would), without a log line per request."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        """Say nothing."""


@contextlib.contextmanager
def serve(dist: Path) -> Iterator[str]:
    """Serve `dist` on 127.0.0.1 on a free port, in a thread, for as long as the block runs: yields its URL."""
    handler = functools.partial(QuietHandler, directory=str(dist))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def measure(browser, url: str, repeats: int = 20) -> dict[str, list[float]]:
    """Playground at `url` in the already-launched (headless) Chromium `browser`, `repeats` times.

    Each repetition is a fresh context (no cache, no URL hash: Playground keeps its whole state in
    the hash and rewrites it on every change, so a page is never reused across repetitions) and
    measures, in order, on the same page:
    "first" s from navigation start to the frame with the output heatmap painted; "bytes" the
    response bodies of that load; "step" s from a Step click to the frame with the new iteration
    count (STEP_CLICKS clicks: the first in "step_cold", the rest in "step"); "control" s from a click
    on another data set to the frame with its points drawn (one click per data set in CONTROLS: the
    first in "control_cold"); "fps" the counter's visible updates per second while playing for
    PLAY_SECONDS, and "gap" the longest time between two of them in ms. One "first", "bytes", "fps"
    and "gap" per repetition.
    """
    keys = ("first", "step", "step_cold", "control", "control_cold", "fps", "gap", "bytes")
    results: dict[str, list[float]] = {k: [] for k in keys}
    finished: list = []  # the requests of the current repetition's page
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(url))
    for _ in range(repeats):
        context = browser.new_context(viewport=VIEWPORT)
        # only the served site: Google Fonts and Analytics fail at once, the same way every time
        context.route(lambda u: not u.startswith(origin), lambda route: route.abort())
        context.add_init_script(INIT_JS)
        page = context.new_page()
        finished.clear()
        page.on("requestfinished", lambda request: finished.append(request))
        try:
            page.goto(url)
            first = page.wait_for_function("() => window.__first", polling="raf", timeout=TIMEOUT)
            results["first"].append(first.json_value() / 1000)
            page.wait_for_load_state("load")
            results["bytes"].append(float(sum(max(r.sizes()["responseBodySize"], 0) for r in finished)))

            for k in range(STEP_CLICKS):
                page.evaluate(ARM_JS, "iter")
                page.click("#next-step-button")
                seen = page.wait_for_function(SEEN_JS, polling="raf", timeout=TIMEOUT).json_value()
                results["step" if k else "step_cold"].append(seen)

            for k, control in enumerate(CONTROLS):
                page.evaluate(ARM_JS, "points")
                page.click(control)
                seen = page.wait_for_function(SEEN_JS, polling="raf", timeout=TIMEOUT).json_value()
                results["control" if k else "control_cold"].append(seen)

            page.evaluate(WATCH_UPDATES_JS)
            page.click("#play-pause-button")
            page.wait_for_timeout(PLAY_SECONDS * 1000)
            page.click("#play-pause-button")  # pause
            page.evaluate("() => { window.__watching = false; }")
            if "playing" in (page.get_attribute("#play-pause-button", "class") or "").split():
                raise RuntimeError("Playground still plays after the second click on #play-pause-button")
            shown = page.evaluate("() => window.__updates")
            if len(shown) < 2:
                raise RuntimeError(f"Playground showed {len(shown)} updates in {PLAY_SECONDS} s of play")
            results["fps"].append((len(shown) - 1) / ((shown[-1] - shown[0]) / 1000))
            results["gap"].append(max(b - a for a, b in pairwise(shown)))
        finally:
            context.close()
    return results


def main() -> int:
    """Build, serve, measure in the tests' Chromium, print medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    dist = build()
    if dist is None:
        return 1
    sys.path.insert(0, str(ROOT / "tests"))
    from browser_support import launch
    from playwright.sync_api import sync_playwright

    with serve(dist) as url, sync_playwright() as p:
        browser = launch(p)
        try:
            r = measure(browser, url, repeats=args.repeats)
        finally:
            browser.close()
    med = {k: statistics.median(v) for k, v in r.items()}
    span = {k: f"({min(v):.3g}–{max(v):.3g})" for k, v in r.items()}
    print(f"TensorFlow Playground ({dist}), medians of {args.repeats}:")
    print(f"  page open → first picture    {med['first']:.3f} s  {span['first']}")
    print(f"  Step click → counter shown   {med['step']:.3f} s  {span['step']}", end="")
    print(f"; first on a page {med['step_cold']:.3f} s  {span['step_cold']}")
    print(f"  data set click → points drawn {med['control']:.3f} s  {span['control']}", end="")
    print(f"; first on a page {med['control_cold']:.3f} s  {span['control_cold']}")
    print(
        f"  play: updates per second     {med['fps']:.1f}  {span['fps']}; longest gap {med['gap']:.0f} ms"
        f" (worst {max(r['gap']):.0f} ms)"
    )
    zipped = sum(len(gzip.compress((dist / name).read_bytes(), 6)) for name in BUILT_FILES)
    print(f"  first load: response bodies  {med['bytes'] / 1024:.0f} KB (≈ {zipped / 1024:.0f} KB if gzipped)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Driving the page in headless Chromium: a fresh server, the browser, and waits for a finished rerun.

Used by the browser tests and by bench/bench_browser.py. The recipe (system Chromium, launch flags,
selectors) is the one known to work on these machines.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 720}


# What .streamlit/config.toml says, repeated for servers started by tests and benches (so they do not
# depend on it): loopback only (no public-IP lookup), no usage statistics, no file watcher.
SERVER_FLAGS = [
    "--server.headless",
    "true",
    "--server.address",
    "127.0.0.1",
    "--browser.gatherUsageStats",
    "false",
    "--server.fileWatcherType",
    "none",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(
    extra_env: dict[str, str] | None = None,
    as_the_readme_says: bool = False,
    workdir: Path = ROOT,
    port: int | None = None,
) -> Iterator[tuple[str, subprocess.Popen]]:
    """A fresh `streamlit run app.py` on a free port: (url, process); stopped on exit.

    The test flags repeat what .streamlit/config.toml says (so a test does not depend on it);
    `as_the_readme_says` runs the README's command with only the port added, the config file in charge;
    `workdir` is where it runs (and so whose `.streamlit/config.toml` it reads); `port`, a port of its
    own (a restart on the same port, which the pages open reconnect to).
    """
    port = port or free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(workdir / "app.py"),
            "--server.port",
            str(port),
            *([] if as_the_readme_says else SERVER_FLAGS),
        ],
        cwd=workdir,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **(extra_env or {})},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"streamlit exited early:\n{proc.stdout.read().decode()}")
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("streamlit did not answer /_stcore/health within 30 s")
            time.sleep(0.1)
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def launch(playwright):
    """The system Chromium, headless, with the flags that keep it off the network."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError("Chromium is not installed: run `bash scripts/test.sh`, which installs it with apt-get")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)


@contextlib.contextmanager
def chromium() -> Iterator:
    """The system Chromium (see `launch`) through Playwright, for as long as the block runs."""
    from playwright.sync_api import sync_playwright  # the bench imports this module too

    with sync_playwright() as p:
        browser = launch(p)
        try:
            yield browser
        finally:
            browser.close()


def wait_idle(page, timeout: float = 30_000) -> None:
    """Connected, the script not running, no skeletons: a rerun has finished."""
    page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]', timeout=timeout)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout)
    page.wait_for_function("!document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=timeout)


def open_page(browser_or_context, url: str, charts: int = 2):
    """A new 1280×720 page at `url`, waited until `charts` Plotly charts have drawn their text."""
    if hasattr(browser_or_context, "new_context"):  # a browser: a page of its own
        page = browser_or_context.new_page(viewport=VIEWPORT)
    else:  # a context made with the viewport already
        page = browser_or_context.new_page()
    page.page_errors = []  # uncaught errors in the page's scripts: a test can ask that there were none
    page.on("pageerror", lambda error: page.page_errors.append(str(error) or repr(error)))
    page.goto(url)
    wait_idle(page)
    page.wait_for_function(
        "n => document.querySelectorAll('.live-chart.js-plotly-plot').length >= n && "
        "document.querySelector('.live-chart.js-plotly-plot .textpoint text')",
        arg=charts,
        timeout=30_000,
    )
    return page


def chart_texts(page, index: int = 0) -> list[str]:
    """Every scatter text of the index-th chart (0 the lesson: its graph's texts), as shown."""
    return page.evaluate(
        "i => [...document.querySelectorAll('.live-chart.js-plotly-plot')[i].querySelectorAll('.textpoint text')]"
        ".map(t => t.textContent)",
        index,
    )


def wait_for_text(page, text: str, index: int = 0, timeout: float = 15_000) -> None:
    """Until the index-th chart shows `text` exactly in one of its scatter texts."""
    page.wait_for_function(
        "([t, i]) => { const c = document.querySelectorAll('.live-chart.js-plotly-plot')[i];"
        " return c && [...c.querySelectorAll('.textpoint text')].some(e => e.textContent === t); }",
        arg=[text, index],
        timeout=timeout,
        polling="raf",
    )


def graph_number(page, name: str, index: int = 0) -> str:
    """The number shown on the graph after `name = ` (e.g. 'w1' → '0.5'), as text."""
    for text in chart_texts(page, index):
        if text.startswith(f"{name} = "):
            return text.removeprefix(f"{name} = ")
    raise AssertionError(f"no '{name} = …' on the chart; texts: {chart_texts(page, index)}")


def parse_shown(text: str) -> float:
    """A number as the page prints it (−, ·10ⁿ, ∞, and k ± ε next to an integer) back to a float."""
    text = text.replace("−", "-")
    for sign, op in ((" + ", 1), (" - ", -1)):
        if sign in text:
            k, gap = text.split(sign)
            return float(k) + op * parse_shown(gap)
    if text in ("∞", "-∞"):
        return float(text.replace("∞", "inf"))
    if "·10" in text:
        mantissa, power = text.split("·10")
        exponent = power.translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789"))
        return float(mantissa) * 10 ** int(exponent)
    return float(text)


# A trace's array as plotly.js keeps it in the public `gd.data`: a plain array, or the typed-array form
# the page sends ({dtype, bdata}), decoded here. Prefix a page function with it to use `values(...)`.
VALUES_JS = """const values = (a) => {
  if (!a || Array.isArray(a) || ArrayBuffer.isView(a)) return a;
  const bytes = Uint8Array.from(atob(a.bdata), (c) => c.charCodeAt(0));
  const types = {f8: Float64Array, f4: Float32Array, i4: Int32Array, u4: Uint32Array, i2: Int16Array,
                 u2: Uint16Array, i1: Int8Array, u1: Uint8Array};
  return new types[a.dtype](bytes.buffer);
};"""


# Every text a chart shows, measured on screen: what a reader sees, whatever drew it. For each chart
# (in page order): its box, and each visible `svg text` with its box, size and words; the rectangles
# of its node boxes (the graph's "node boxes" / "input boxes" traces, from the public gd.data and
# gd.layout, turned into px as plotly.js places a linear axis in its domain).
TEXT_AUDIT_JS = """() => [...document.querySelectorAll('.live-chart.js-plotly-plot')].map((gd, chart) => {
  const box = gd.getBoundingClientRect();
  const texts = [...gd.querySelectorAll('svg text')].filter((t) => {
    const s = getComputedStyle(t);
    const r = t.getBoundingClientRect();
    return t.textContent.trim() && s.display !== 'none' && s.visibility !== 'hidden' && Number(s.opacity) > 0
      && Number(s.fillOpacity ?? 1) > 0 && r.width > 0 && r.height > 0;
  }).map((t) => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize), graph: !!t.closest('.textpoint'),
            left: r.left, right: r.right, top: r.top, bottom: r.bottom};
  });
  const L = gd.layout, m = Object.assign({l: 80, r: 80, t: 100, b: 80}, L.margin || {});
  const W = box.width - m.l - m.r, H = box.height - m.t - m.b;
  const rects = [];
  for (const trace of gd.data) {
    if (trace.meta !== 'node boxes' && trace.meta !== 'input boxes') continue;
    const xa = L['xaxis' + (trace.xaxis || 'x').slice(1)], ya = L['yaxis' + (trace.yaxis || 'y').slice(1)];
    const px = (v, a, len, start, flip) => {
      const [d0, d1] = a.domain || [0, 1], [r0, r1] = a.range;
      const f = d0 + (v - r0) / (r1 - r0) * (d1 - d0);
      return flip ? start + len * (1 - f) : start + len * f;
    };
    const xs = Array.from(trace.x), ys = Array.from(trace.y);
    for (let i = 0; i + 4 < xs.length; i += 6) {
      const X = [xs[i], xs[i + 1]].map((v) => px(v, xa, W, box.left + m.l, false));
      const Y = [ys[i], ys[i + 2]].map((v) => px(v, ya, H, box.top + m.t, true));
      rects.push({left: Math.min(...X), right: Math.max(...X), top: Math.min(...Y), bottom: Math.max(...Y)});
    }
  }
  return {chart, key: gd.parentElement.className, left: box.left, right: box.right, top: box.top,
          bottom: box.bottom, texts, rects};
})"""


def text_problems(charts: list[dict], smallest: float, graph_smallest: float = 0.0, slack: float = 1.0) -> list[str]:
    """What a reader would trip over in `TEXT_AUDIT_JS`'s measurements: two texts overlapping, a text
    out of its chart or out of the node box it sits in, a text smaller than `smallest` px (the graph's
    own texts: than `graph_smallest`, when larger)."""
    problems = []
    for c in charts:
        texts = c["texts"]
        for t in texts:
            least = max(smallest, graph_smallest) if t["graph"] else smallest
            if t["size"] < least:
                problems.append(f"chart {c['chart']}: {t['text']!r} is {t['size']:g} px, under {least:g}")
            if t["left"] < c["left"] - slack or t["right"] > c["right"] + slack:
                problems.append(f"chart {c['chart']}: {t['text']!r} runs out of the chart sideways")
            cx, cy = (t["left"] + t["right"]) / 2, (t["top"] + t["bottom"]) / 2
            for r in c["rects"]:
                inside = r["left"] < cx < r["right"] and r["top"] < cy < r["bottom"]
                if inside and (t["left"] < r["left"] - slack or t["right"] > r["right"] + slack):
                    problems.append(f"chart {c['chart']}: {t['text']!r} runs out of its node box")
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                # glyph boxes include line spacing: count an overlap only beyond a few px each way
                dx = min(a["right"], b["right"]) - max(a["left"], b["left"])
                dy = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
                if dx > 2 * slack and dy > 0.25 * min(a["bottom"] - a["top"], b["bottom"] - b["top"]):
                    problems.append(f"chart {c['chart']}: {a['text']!r} overlaps {b['text']!r}")
    return problems


AXE_JS = ROOT / "components" / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(
    page,
    impacts: tuple[str, ...] = ("serious", "critical"),
    rules: tuple[str, ...] = (),
    known: tuple[tuple[str, str], ...] = (),
) -> list[dict]:
    """axe-core's violations on the page as it is now, those of the given impacts: each as
    {id, impact, help, targets, count} with the first few offending elements' selectors.

    axe-core is the pinned devDependency of components/package.json. `rules` runs only those rules
    (all of them by default); `known` lists (rule, CSS selector) pairs: an element matching the
    selector is not counted against that rule, and against no other."""
    if not AXE_JS.exists():
        raise RuntimeError(f"{AXE_JS} is missing: run `npm ci --prefix components` (scripts/test.sh does)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(
        """async ([impacts, rules, known]) => {
            const options = {resultTypes: ['violations'], elementRef: true};
            if (rules.length) options.runOnly = rules;
            const result = await axe.run(document, options);
            const excused = (rule, node) =>
                known.some(([r, s]) => r === rule && node.element && node.element.matches(s));
            return result.violations.filter((v) => impacts.includes(v.impact)).map((v) => {
                const nodes = v.nodes.filter((n) => !excused(v.id, n));
                return {id: v.id, impact: v.impact, help: v.help, count: nodes.length,
                        targets: nodes.slice(0, 5).map((n) => n.target.join(' '))};
            }).filter((v) => v.count > 0);
        }""",
        [list(impacts), list(rules), [list(pair) for pair in known]],
    )

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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(
    extra_env: dict[str, str] | None = None, as_the_readme_says: bool = False, workdir: Path = ROOT
) -> Iterator[tuple[str, subprocess.Popen]]:
    """A fresh `streamlit run app.py` on a free port: (url, process); stopped on exit.

    The test flags repeat what .streamlit/config.toml says (so a test does not depend on it);
    `as_the_readme_says` runs the README's command with only the port added, the config file in charge;
    `workdir` is where it runs (and so whose `.streamlit/config.toml` it reads).
    """
    port = free_port()
    flags = [
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(workdir / "app.py"),
            "--server.port",
            str(port),
            *([] if as_the_readme_says else flags),
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


def open_page(browser_or_context, url: str, charts: int = 3):
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
    """Every scatter text of the index-th chart (0 the graph, 1 the animation), as shown."""
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
    """A number as the page prints it (−, ·10ⁿ, ∞) back to a float."""
    text = text.replace("−", "-")
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

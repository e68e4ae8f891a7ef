"""The page in a real browser (headless Chromium): it renders, shows the right numbers, and a Step works.

A missing browser is a failure with a message, not a skip: scripts/test.sh installs it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from helpers import ROOT, shown, sigma

playwright = pytest.importorskip("playwright.sync_api", reason="pip install -r requirements-test.txt")

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
ARTIFACTS = ROOT / "tests" / "artifacts"

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    """A fresh Streamlit server for this module (a running one would keep stale modules)."""
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            if proc.poll() is not None:
                raise RuntimeError(f"streamlit exited early:\n{proc.stdout.read().decode()}")
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("streamlit did not answer /_stcore/health within 15 s")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed: run `bash scripts/test.sh`, which installs it with apt-get")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


def open_page(browser, url: str):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(url)
    page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]', timeout=30_000)
    page.wait_for_selector(".js-plotly-plot .textpoint text", timeout=30_000)
    return page


def graph_texts(page) -> list[str]:
    return page.locator('[data-testid="stPlotlyChart"]').first.locator(".textpoint text").all_text_contents()


def test_page_renders_every_chart_with_the_right_numbers(server, browser):
    page = open_page(browser, server)
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length >= 3", timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    texts = graph_texts(page)
    a = sigma(1.0)
    assert f"a = {shown(a)}" in texts and f"dz = {shown(a - 1)}" in texts
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "default.png"), full_page=True)
    page.close()


def test_step_click_updates_the_graph_and_the_url(server, browser):
    page = open_page(browser, server)
    dz = sigma(1.0) - 1
    page.get_by_role("button", name="Step", exact=True).click()
    expected = f"w1 = {shown(0.5 - 0.1 * dz)}"
    page.wait_for_function(
        "t => [...document.querySelectorAll('.js-plotly-plot .textpoint text')].some(e => e.textContent === t)",
        arg=expected,
        timeout=15_000,
    )
    assert "w1=0.526894" in page.url
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()


def test_a_bad_link_warns_and_renders_the_default(server, browser):
    page = open_page(browser, f"{server}/?lr=nan&x1=%3Cscript%3E")
    page.wait_for_selector('[data-testid="stAlert"]', timeout=15_000)
    alerts = " ".join(page.locator('[data-testid="stAlert"]').all_text_contents())
    assert "lr" in alerts and "x1" in alerts
    assert f"a = {shown(sigma(1.0))}" in graph_texts(page)
    assert page.locator("script:text('alert')").count() == 0
    page.close()


OVERLAP_JS = """(index) => {
  const chart = document.querySelectorAll('.js-plotly-plot')[index];
  const boxes = [...chart.querySelectorAll('.textpoint text')].filter(t => t.textContent.trim())
    .map(t => { const r = t.getBoundingClientRect();
                return {t: t.textContent, l: r.left, r: r.right, top: r.top, b: r.bottom,
                        fs: parseFloat(getComputedStyle(t).fontSize)}; });
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], c = boxes[j];
    const w = Math.min(a.r, c.r) - Math.max(a.l, c.l), h = Math.min(a.b, c.b) - Math.max(a.top, c.top);
    if (w > 1 && h > 1) overlaps.push([a.t, c.t]);
  }
  const plot = chart.getBoundingClientRect();
  return {count: boxes.length, smallest: Math.min(...boxes.map(b => b.fs)), overlaps,
          outside: boxes.filter(b => b.l < plot.left - 1 || b.r > plot.right + 1).map(b => b.t)};
}"""


@pytest.mark.parametrize(
    ("query", "fold_sidebar"),
    [
        ("n=1", False),
        ("n=2", False),
        ("n=3", False),
        ("n=4", False),
        ("preset=confident_wrong", False),
        ("preset=overflow", False),
        ("view=expanded", True),
        ("n=4&view=expanded", True),
    ],
)
def test_graph_text_is_readable_and_never_overlaps_at_1280x720(server, browser, query, fold_sidebar):
    page = open_page(browser, f"{server}/?{query}")
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length >= 2", timeout=30_000)
    if fold_sidebar:  # the expanded view is wide: the page asks for the sidebar to be folded
        page.locator('[data-testid="stSidebar"]').hover()
        page.locator('[data-testid="stSidebarCollapseButton"] button').click(force=True)
    page.wait_for_timeout(1200)
    for index in (0, 1):  # the graph, and the graph inside the animation
        found = page.evaluate(OVERLAP_JS, index)
        assert found["count"] >= 20
        assert found["smallest"] >= 14, found
        assert found["overlaps"] == [], found["overlaps"]
        assert found["outside"] == [], found["outside"]
    page.close()

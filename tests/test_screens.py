"""The page on every screen a class uses: a phone, a tablet, a laptop, a projector in presenter mode.

Every text of every chart is measured where the browser drew it: none overlaps another, none runs
out of its chart or its node box, none is smaller than the screen needs; the page never scrolls
sideways; and on a laptop and a projector the lesson — the graph, the step-through's formula, the
loss contour and the loss curve — is on the first screen.
"""

from __future__ import annotations

import json
import re

import pytest
from browser_support import ROOT, TEXT_AUDIT_JS, text_problems, wait_idle

sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -r requirements-test.txt")
pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "tests" / "artifacts" / "screens"
# name: (width, height, query, smallest text, smallest graph text) — the sizes the issue asks for
SCREENS = {
    "phone": (375, 740, "", 12, 12),
    "tablet": (768, 1024, "", 13, 13),
    "laptop": (1280, 720, "", 13, 13),
    "projector": (1920, 1080, "presenter=1", 16, 24),
}
VIEWS = [
    "",
    "mode=nudge",
    "mode=quiz",
    "mode=compare_losses",
    "mode=compare_runs&runs=10@3",
    "mode=dataset",
    "n=4&view=expanded",
    "preset=confident_wrong",
    "preset=overflow",
    "n=1&steps=1000",
]


# The page's own words (not the charts' and not the formulas): each text's size as drawn.
PAGE_TEXT_JS = """() => { const out = [];
  const walker = document.createTreeWalker(document.querySelector('[data-testid="stMain"]'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, element = node.parentElement;
    if (!node.textContent.trim() || element.closest('svg, .katex, math, figcaption')) continue;
    if (!element.getBoundingClientRect().width) continue;
    out.push([parseFloat(getComputedStyle(element).fontSize), node.textContent.trim().slice(0, 40)]);
  }
  return out; }"""


def record(screen: str, view: str, measured: list[dict], words: list) -> None:
    """The smallest text measured, kept in tests/artifacts/screens/sizes.jsonl for the record."""
    texts = [t for chart in measured for t in chart["texts"]]
    row = {
        "screen": screen,
        "view": view or "default",
        "graph": min((t["size"] for t in texts if t["graph"]), default=None),
        "charts": min((t["size"] for t in texts), default=None),
        "page": min((size for size, _ in words), default=None),
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with (ARTIFACTS / "sizes.jsonl").open("a", encoding="utf-8") as out:
        out.write(json.dumps(row) + "\n")


def open_at(browser, url: str, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.page_errors = []
    page.on("pageerror", lambda error: page.page_errors.append(str(error)))
    page.goto(url)
    wait_idle(page)
    page.wait_for_function(
        "document.querySelector('.live-chart.js-plotly-plot .textpoint text')"
        " || document.querySelector('.live-chart.js-plotly-plot .main-svg')",
        timeout=30_000,
    )
    page.wait_for_timeout(600)  # a chart that changed layout for its width redraws once
    return context, page


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_text_is_readable_and_the_page_never_scrolls_sideways(server, browser, screen, view):
    width, height, query, smallest, graph_smallest = SCREENS[screen]
    context, page = open_at(browser, f"{server}/?{'&'.join(q for q in (query, view) if q)}", width, height)
    try:
        charts = page.locator(".live-chart.js-plotly-plot")
        for i in range(charts.count()):  # a chart far down the page draws too: look at each
            charts.nth(i).scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        measured = page.evaluate(TEXT_AUDIT_JS)
        assert measured and any(c["texts"] for c in measured)
        problems = text_problems(measured, smallest, graph_smallest)
        assert problems == [], "\n".join(problems[:20])
        words = page.evaluate(PAGE_TEXT_JS)
        small = [(size, text) for size, text in words if size < smallest]
        assert small == [], f"the page's own text under {smallest} px: {small[:5]}"
        record(screen, view, measured, words)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollWidth") <= width
        assert page.locator('[data-testid="stException"]').count() == 0 and page.page_errors == []
        if view == "":
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.locator('[data-testid="stMain"]').evaluate("e => e.scrollTo(0, 0)")
            page.screenshot(path=str(ARTIFACTS / f"{screen}.png"))
    finally:
        context.close()


# The parts of the lesson figure, in px on the page, from its public layout: each panel's domain
# (the graph's axes are x/y, the loss contour x2/y2, the loss curve x3/y3), its axis labels under it.
PARTS_JS = """() => {
  const gd = document.querySelector('.live-chart.js-plotly-plot');
  const box = gd.getBoundingClientRect(), L = gd.layout, m = L.margin;
  const H = box.height - m.t - m.b;
  const part = (n, below) => {
    const [d0, d1] = L['yaxis' + n].domain;
    return {top: box.top + m.t + (1 - d1) * H, bottom: box.top + m.t + (1 - d0) * H + below};
  };
  const tick = (L.xaxis2.tickfont || {}).size || 14;
  return {graph: part('', 0), contour: part(2, 2 * tick), loss: part(3, 2 * tick)};
}"""


@pytest.mark.parametrize(("width", "height", "query"), [(1280, 800, ""), (1920, 1080, "presenter=1")])
def test_the_lesson_fits_the_first_screen_of_a_laptop_and_a_projector(server, browser, width, height, query):
    """Mid-way through the step-through (its formula on screen), without scrolling: the graph, the
    formula, the loss contour and the loss curve with its axis."""
    context, page = open_at(browser, f"{server}/?{query}", width, height)
    try:
        for phase in range(1, 6):
            page.get_by_role("button", name=re.compile(r"^Next ▶")).click()
            page.get_by_text(f"Phase {phase} of 11").wait_for(timeout=10_000)
        page.wait_for_timeout(400)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"first-screen-{width}.png"))
        formula = page.locator(".lesson-formula math").first.bounding_box()
        parts = page.evaluate(PARTS_JS)
        assert formula["y"] >= 0 and formula["y"] + formula["height"] <= height
        for name, part in parts.items():
            assert part["top"] >= 0 and part["bottom"] <= height, (name, part)
    finally:
        context.close()

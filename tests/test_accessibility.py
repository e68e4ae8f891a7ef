"""The page for everyone, in a real browser: axe-core finds no serious or critical problem in any
teaching mode (on a laptop, and on a phone), every chart has words a screen reader reads, and the
keyboard reaches every control with a ring to see where it is.

The words are checked against `logreg_viz.describe` computed here from the core's own numbers.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from browser_support import ROOT, axe_violations, chromium, open_page, streamlit_server, wait_idle

import logreg_viz_components
from logreg_viz import descend, forward_backward
from logreg_viz.describe import NOT_REVEALED, graph_description
from logreg_viz.display import fmt
from logreg_viz.modes import MODES

pytest.importorskip("playwright.sync_api", reason="pip install -r requirements-test.txt")
pytestmark = pytest.mark.browser

LINKS = {
    "explore": "",
    "nudge": "mode=nudge",
    "quiz": "mode=quiz&hide=1",
    "compare_losses": "mode=compare_losses",
    "compare_runs": "mode=compare_runs&runs=10@3",
    "dataset": "mode=dataset",
}
PHONE = {"width": 375, "height": 740}
STEP_BUTTON = re.compile(r"^Step(\s|$)")
# Streamlit's own markup that the page cannot change through a public API, as (axe rule, selector),
# each with the reason. None today: what axe found was ours to fix (see page/frame.py's CSS).
KNOWN: tuple[tuple[str, str], ...] = ()
# The main column and the sidebar scroll on their own; axe judges the contrast of text on screen only.
SCROLLERS = ('[data-testid="stMain"]', '[data-testid="stSidebarContent"]')
CAPTIONS = "figcaption.live-chart-description"


@pytest.fixture(scope="module")
def server():
    """A fresh server for this module, serving this checkout's components (their JavaScript is tested here)."""
    served = Path(logreg_viz_components.__file__).resolve()
    assert served.is_relative_to(ROOT), (
        f"the page would serve the components from {served.parent}, not from this checkout: "
        f"run the tests with PYTHONPATH={ROOT / 'components'}"
    )
    with streamlit_server() as (url, _):
        yield url


@pytest.fixture(scope="module")
def browser():
    """One Chromium for the module; a missing one fails the tests with the command that installs it."""
    with chromium() as b:
        yield b


def problems(page) -> list[dict]:
    """axe's serious and critical violations all down the page: colour contrast screen by screen,
    in the main column and the sidebar, then every other rule once everything has been on screen."""
    found = []
    for scroller in SCROLLERS:
        height, screen = page.evaluate(
            "s => { const e = document.querySelector(s); return e ? [e.scrollHeight, e.clientHeight] : [0, 1]; }",
            scroller,
        )
        for top in range(0, height, max(screen - 60, 100)):
            page.evaluate("([s, top]) => document.querySelector(s).scrollTo(0, top)", [scroller, top])
            page.wait_for_timeout(250)
            found += axe_violations(page, rules=("color-contrast",), known=KNOWN)
    wait_idle(page)
    return found + [v for v in axe_violations(page, known=KNOWN) if v["id"] != "color-contrast"]


def report(found: list[dict]) -> str:
    """One line a problem, and the same problem seen on two screens once."""
    lines = {f"{v['impact']} {v['id']} ({v['help']}) ×{v['count']}: {'; '.join(v['targets'])}" for v in found}
    return "\n".join(sorted(lines))


def chart_words(page) -> list[str]:
    """The words of every chart on the page, as its caption holds them."""
    return page.evaluate(
        f"[...document.querySelectorAll('.live-chart')].map(d => "
        f"d.closest('figure')?.querySelector('{CAPTIONS}')?.textContent ?? '')"
    )


def test_every_teaching_mode_is_checked():
    assert set(LINKS) == set(MODES)


@pytest.mark.parametrize("mode", list(LINKS))
def test_no_serious_or_critical_axe_violation_in_any_mode_at_1280x720(server, browser, mode):
    page = open_page(browser, f"{server}/?{LINKS[mode]}", charts=1)
    found = problems(page)
    assert not found, report(found)
    words = chart_words(page)
    assert words and all(words), f"a chart without words: {words}"
    assert page.get_by_role("figure").count() == len(words)  # each chart is a figure named by its words
    page.close()


def test_no_serious_or_critical_axe_violation_on_a_phone(server, browser):
    context = browser.new_context(viewport=PHONE)
    page = open_page(context, server, charts=1)
    found = problems(page)
    assert not found, report(found)
    context.close()


def test_every_chart_is_named_by_its_words_and_they_follow_the_figure(server, browser):
    page = open_page(browser, server)
    p = forward_backward([1.0, 2.0], 1.0, [0.5, 0.25], 0.0)
    # the lesson: the graph as shown (no dx: the lecture leaves them out), then the run it plays
    graph_words = re.escape(graph_description(p.graph, dx=False))
    named = page.get_by_role("figure", name=re.compile(f"^{graph_words} Animation of 100 steps of gradient descent"))
    assert named.count() == 1
    assert page.get_by_role("figure", name=re.compile(r"^3-D surface of the loss L over \(w1, w2\)")).count() == 1
    caption = page.locator(CAPTIONS).first
    box = caption.bounding_box()
    assert box["width"] <= 1 and box["height"] <= 1  # out of sight, still read
    assert caption.evaluate("c => c.children.length") == 0  # text, never markup
    lr = float(parse_qs(urlparse(page.url).query)["lr"][0])
    page.get_by_role("button", name=STEP_BUTTON).click()
    h = descend([1.0, 2.0], 1.0, [0.5, 0.25], 0.0, lr=lr, steps=1)
    after = forward_backward([1.0, 2.0], 1.0, h.w[1].tolist(), float(h.b[1])).graph
    page.get_by_role("figure", name=re.compile("^" + re.escape(graph_description(after, dx=False)))).wait_for(
        timeout=15_000
    )
    page.close()


def test_the_quiz_graph_s_words_give_no_answer_away_until_it_is_given(server, browser):
    page = open_page(browser, f"{server}/?mode=quiz&hide=1", charts=1)
    p = forward_backward([1.0, 2.0], 1.0, [0.5, 0.25], 0.0)
    words = " ".join(chart_words(page))
    assert f"da = {NOT_REVEALED}" in words and f"dz = {NOT_REVEALED}" in words
    for answer in (p.dL_da, p.dz, p.dw[0], p.dw[1], p.db):
        assert fmt(answer) not in words
    page.locator(".st-key-quiz_guess input").fill(f"{p.dL_da:.4f}")
    page.get_by_role("button", name="Check").click()
    page.get_by_role("figure", name=re.compile(f"da = {re.escape(fmt(p.dL_da))}, dz = {NOT_REVEALED}")).wait_for(
        timeout=15_000
    )
    assert fmt(p.dz) not in " ".join(chart_words(page))
    page.close()


FOCUS_JS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const keyed = e.closest('[class*="st-key-"]');
  const key = e.dataset && e.dataset.op ? `lesson:${e.dataset.op}`  // the lesson head's own buttons
    : keyed ? [...keyed.classList].find((c) => c.startsWith('st-key-')).slice(7) : '';
  const ring = (el) => {
    if (!el) return false;
    const s = getComputedStyle(el), box = el.getBoundingClientRect();
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2
      && s.outlineColor !== 'rgba(0, 0, 0, 0)';
    return (outline || s.boxShadow !== 'none') && box.width >= 8 && box.height >= 8;
  };
  // a field's ring is on its box (the input's parent), a slider's on its thumb (the hidden input's
  // grandparent), a radio's or a toggle's on its label
  const field = ['INPUT', 'TEXTAREA'].includes(e.tagName);
  const around = [e.parentElement, e.parentElement?.parentElement, e.closest('label')];
  return {key, tag: e.tagName, name: e.getAttribute('aria-label') || e.textContent.trim().slice(0, 40),
          ringed: ring(e) || (field && around.some(ring))};
}"""
SIDEBAR = {"preset", "reset", "n", "x1", "x2", "y", "w1", "w2", "b", "lr", "steps", "loss", "view", "pair", "mode"}


def test_the_keyboard_reaches_step_next_and_every_sidebar_control_with_a_ring_to_see(server, browser):
    page = open_page(browser, f"{server}/?mode=nudge")
    seen = []
    for _ in range(120):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_JS)
        if focused is None:
            continue
        if seen and focused == seen[0]:
            break  # round the page once
        seen.append(focused)
    keys = {f["key"] for f in seen}
    assert {"lesson:step", "lesson:steps", "lesson:next", "eps", "presenter"} | SIDEBAR <= keys, sorted(keys)
    assert [f for f in seen if not f["ringed"]] == [], [f for f in seen if not f["ringed"]]
    # the keys the page answers to are written where a keyboard user finds them
    assert page.locator('[data-testid="stSidebar"]').get_by_text("p play / pause the animation").is_visible()
    # and the controls work from the keyboard: Enter on Step takes a step, an arrow moves ε
    page.get_by_role("button", name=STEP_BUTTON).focus()
    page.keyboard.press("Enter")
    param = "([key, was]) => new URLSearchParams(location.search).get(key) !== was"
    page.wait_for_function(param, arg=["w1", "0.5"], timeout=15_000)
    eps = parse_qs(urlparse(page.url).query)["eps"][0]
    page.get_by_role("slider", name="nudge ε").focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(param, arg=["eps", eps], timeout=15_000)
    page.close()

"""Hostile input in a real browser: text from a file or a student is shown as the characters it is, never
formatted and never fetched; exports are made by the learner's browser; counters mean what they say;
a link too long for the server is named on the page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_support import VIEWPORT, graph_number, launch, open_page, streamlit_server, wait_for_text, wait_idle

from logreg_viz import descend
from logreg_viz.display import fmt

sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -r requirements-test.txt")
pytestmark = pytest.mark.browser

# Nothing here may make the browser fetch it: a loopback address that is not the server, so an attempt
# is logged by the browser and goes nowhere.
PIXEL = "http://127.0.0.9:9/t.png"
MARKUP = f"**b** _i_ ![p]({PIXEL}) [l]({PIXEL}) $x$ :red[r] <b>b</b>"  # under 100 characters, a cell's limit
FORMATTING = "strong, em, img, a[href], .katex, b, [style*='color']"


@pytest.fixture(scope="module")
def served():
    with streamlit_server() as (url, proc):
        yield url, proc


@pytest.fixture
def context(served):
    """A browser context that records every request the page makes anywhere but the server."""
    url, _ = served
    with sync_api.sync_playwright() as p:
        browser = launch(p)
        ctx = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
        ctx.elsewhere = []
        local = (url, "data:", "blob:")
        ctx.on("request", lambda r: None if r.url.startswith(local) else ctx.elsewhere.append(r.url))
        yield ctx
        browser.close()


def alert_with(page, text: str):
    alert = page.locator('[data-testid="stAlert"]').filter(has_text=text)
    alert.wait_for(timeout=15_000)
    return alert


def test_a_markdown_laden_file_is_refused_as_the_text_it_is_and_fetches_nothing(served, context, tmp_path):
    url, _ = served
    page = open_page(context, f"{url}/?mode=dataset&data=separable&steps=20")
    name = "**x**[y].csv"
    path = tmp_path / name
    path.write_text(f"x1,x2,y\n{MARKUP},2,1\n3,4,0\n", encoding="utf-8")
    page.locator('.st-key-upload input[type="file"]').set_input_files(str(path))
    alert = alert_with(page, "was not loaded")
    text = alert.inner_text()
    assert name in text  # the file's name as it is, asterisks and brackets included
    assert f"x1 = {MARKUP[:19]}… is not" in text  # the cell as typed, shortened with an ellipsis
    assert alert.locator(FORMATTING).count() == 0
    page.wait_for_timeout(500)  # time for an image, had one been made, to be asked for
    assert context.elsewhere == [], context.elsewhere
    page.close()


def test_a_markdown_answer_in_the_quiz_is_quoted_as_typed_and_fetches_nothing(served, context):
    url, _ = served
    page = open_page(context, f"{url}/?mode=quiz&hide=1", charts=1)
    page.locator(".st-key-quiz_guess input").fill(MARKUP)
    page.get_by_role("button", name="Check").click()
    alert = alert_with(page, "is not a number")
    assert alert.inner_text().startswith(MARKUP[:39] + "…")
    assert alert.locator(FORMATTING).count() == 0
    page.wait_for_timeout(500)
    assert context.elsewhere == [], context.elsewhere
    page.close()


def test_take_100_steps_counts_100_and_undo_takes_all_of_them_back(served, context):
    url, _ = served
    page = open_page(context, url)
    page.get_by_role("button", name="Take 100 steps").click()
    page.get_by_text("Steps taken: 100.").wait_for(timeout=15_000)
    h = descend([1.0, 2.0], 1.0, [0.5, 0.25], 0.0, lr=0.1, steps=100)
    wait_for_text(page, f"w1 = {fmt(h.w[100, 0])}")
    page.get_by_role("button", name="Step", exact=False).first.click()
    page.get_by_text("Steps taken: 101.").wait_for(timeout=15_000)
    for left in (100, 0):
        page.get_by_role("button", name=re.compile(r"^Undo")).click()
        page.get_by_text(f"Steps taken: {left}.").wait_for(timeout=15_000)
    wait_for_text(page, "w1 = 0.5")
    assert graph_number(page, "w2") == "0.25"
    page.close()


def children_of(pid: int) -> set[int]:
    """Every process started by `pid`, however deep."""
    found, todo = set(), [pid]
    while todo:
        p = todo.pop()
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                kids = {int(k) for k in (task / "children").read_text().split()}
            except OSError:
                continue
            todo.extend(kids - found)
            found |= kids
    return found


def test_a_png_is_made_by_the_browser_and_starts_nothing_on_the_server(served, context):
    url, proc = served
    page = open_page(context, url)
    before = children_of(proc.pid)
    graph = page.locator(".live-chart.js-plotly-plot").first
    graph.hover()
    with page.expect_download(timeout=30_000) as info:
        graph.get_by_role("button", name=re.compile("Download plot as a png", re.I)).click()
    data = Path(info.value.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    assert info.value.suggested_filename.endswith(".png")
    assert children_of(proc.pid) - before == set()  # no kaleido, no browser on the server
    page.close()


def test_a_link_too_long_for_the_server_is_named_on_the_page(served, context):
    url, _ = served
    junk = "&".join(f"j{i}=1" for i in range(1_000))
    page = context.new_page()
    page.goto(f"{url}/?preset=overflow&{junk}")
    wait_idle(page)
    alert = alert_with(page, "1,001 parameters")
    assert "all of them were ignored" in alert.inner_text()
    page.close()

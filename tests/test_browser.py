"""The page in a real browser (headless Chromium), as a person uses it.

Numbers on screen are checked against `logreg_viz` itself, computed here, never against literals read
off the screen. A missing browser is a failure with a message, not a skip: scripts/test.sh installs it.
"""

from __future__ import annotations

import math
import re
from urllib.parse import parse_qs, urlparse

import pytest
from browser_support import (
    ROOT,
    VALUES_JS,
    VIEWPORT,
    chart_texts,
    graph_number,
    open_page,
    parse_shown,
    wait_for_text,
    wait_idle,
)
from plotly.offline import get_plotlyjs_version

from logreg_viz import descend, forward_backward
from logreg_viz.display import fmt, fmt_latex
from logreg_viz.export import animation_html
from logreg_viz.figures import make_animation_figure
from logreg_viz.state import PRESETS

sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -r requirements-test.txt")

ARTIFACTS = ROOT / "tests" / "artifacts"
# Buttons with a keyboard shortcut carry its key in their accessible name: "Step S".
STEP_BUTTON = re.compile(r"^Step(\s|$)")
pytestmark = pytest.mark.browser


def no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert getattr(page, "page_errors", []) == []


def wait_for_trace(page, name: str) -> None:
    """Until one of the page's charts has drawn a trace called `name`."""
    page.wait_for_function(
        "n => [...document.querySelectorAll('.live-chart.js-plotly-plot')]"
        ".some(gd => (gd.data || []).some(t => t.name === n))",
        arg=name,
        timeout=15_000,
    )


def url_params(page) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlparse(page.url).query).items()}


def test_default_view_renders_every_chart_and_is_saved_as_a_screenshot(server, browser):
    page = open_page(browser, server)
    no_exception(page)
    kinds = page.evaluate(
        "[...document.querySelectorAll('.live-chart.js-plotly-plot')].map(gd => gd.data[0].type || 'scatter')"
    )
    assert kinds == ["scatter", "surface"]  # the lesson, the 3-D surface
    assert page.locator(".live-chart.js-plotly-plot .gl-container canvas").count() >= 1  # the 3-D surface drew in WebGL
    # one plotly.js on the page, the build plotly.py embeds in exported HTML; not Streamlit's own chart
    names = page.evaluate("performance.getEntriesByType('resource').map(e => e.name.split('?')[0].split('/').at(-1))")
    assert [n for n in names if "plotly" in n.lower() and n != "plotly_loader.js"] == ["plotly.min.js.gz"]
    assert page.evaluate("window.Plotly.version") == get_plotlyjs_version()
    p = forward_backward([1.0, 2.0], 1.0, [0.5, 0.25], 0.0)
    texts = chart_texts(page)
    assert f"a = {fmt(p.a)}" in texts and f"dz = {fmt(p.dz)}" in texts and f"dw2 = {fmt(p.dw[1])}" in texts
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(800)  # let the 3-D surface finish its first paint
    page.screenshot(path=str(ARTIFACTS / "default.png"))
    page.close()


SURFACE_JS = "[...document.querySelectorAll('.live-chart.js-plotly-plot')].at(-1)"


def test_the_3d_surface_follows_the_controls_hovers_turns_and_keeps_its_camera(server, browser):
    """The surface follows the controls in place: it shows hover values, turns when dragged, and the
    view a learner turned it to stays through the next change (`uirevision`)."""
    page = open_page(browser, server)
    surface = page.locator(".live-chart.js-plotly-plot").nth(-1)
    surface.scroll_into_view_if_needed()
    box = surface.bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(cx, cy)
    page.wait_for_timeout(400)
    page.mouse.move(cx + 4, cy + 3)
    page.wait_for_function(f"() => {SURFACE_JS}.querySelector('.hovertext')", timeout=10_000)
    hover = surface.locator(".hovertext").first.text_content()
    assert "w1 = " in hover and "L = " in hover
    camera = f"() => JSON.stringify(({SURFACE_JS}.layout.scene.camera || {{}}).eye || null)"
    eye = page.evaluate(camera)
    page.mouse.down()
    page.mouse.move(cx + 120, cy + 20, steps=8)
    page.mouse.up()
    page.wait_for_function(f"e => ({camera})() !== e", arg=eye, timeout=10_000)
    turned = page.evaluate(camera)
    before = surface.screenshot()
    drawn = page.evaluate(f"() => {SURFACE_JS}.dataset.drawn")
    field = page.locator(".st-key-w1 input")
    field.focus()
    field.press("ArrowUp")  # the run now starts at w1 = 0.6: the path and the surface move
    path_starts_at = f"""() => {{ {VALUES_JS} const t = {SURFACE_JS}.data.find(t => t.name === 'path');
        return t && values(t.x)[0]; }}"""
    page.wait_for_function(f"() => Math.abs(({path_starts_at})() - 0.6) < 1e-6", timeout=15_000)
    wait_idle(page)
    assert page.evaluate(f"() => {SURFACE_JS}.dataset.drawn") != drawn  # updated in place, not remounted
    assert page.evaluate(camera) == turned  # the learner's view stays
    assert surface.screenshot() != before
    width = f"() => {SURFACE_JS}.querySelector('.gl-container canvas').clientWidth"
    wide = page.evaluate(width)
    page.set_viewport_size({"width": 1000, "height": 720})
    page.wait_for_function(f"w => ({width})() < w - 100", arg=wide, timeout=10_000)
    no_exception(page)
    page.close()


def test_a_state_in_the_url_shows_the_cores_numbers(server, browser):
    x, y, w, b = [2.0, -1.0], 0.0, [0.3, 0.7], 0.2
    page = open_page(browser, f"{server}/?x1=2&x2=-1&y=0&w1=0.3&w2=0.7&b=0.2&lr=0.5&steps=20")
    p = forward_backward(x, y, w, b)
    texts = chart_texts(page)
    for expected in (
        f"z = {fmt(p.z)}",
        f"a = {fmt(p.a)}",
        f"L = {fmt(p.loss)}",
        f"da = {fmt(p.dL_da)}",
        f"dz = {fmt(p.dz)}",
        f"dw1 = {fmt(p.dw[0])}",
        f"dw2 = {fmt(p.dw[1])}",
        f"db = {fmt(p.db)}",
    ):
        assert expected in texts
    assert f" = {fmt(p.da_dz)}" in texts  # the local derivative a(1−a) on the z → a edge
    no_exception(page)
    page.close()


def test_keyboard_change_updates_the_graph_and_the_url(server, browser):
    page = open_page(browser, server)
    field = page.locator(".st-key-w1 input")
    field.focus()
    field.press("ArrowUp")  # one step of 0.1
    p = forward_backward([1.0, 2.0], 1.0, [0.6, 0.25], 0.0)
    wait_for_text(page, f"z = {fmt(p.z)}")
    wait_for_text(page, f"dw1 = {fmt(p.dw[0])}")
    page.wait_for_function("() => location.search.includes('w1=0.6')", timeout=10_000)
    no_exception(page)
    page.close()


def test_step_applies_the_update_rule_shown_and_undo_restores(server, browser):
    page = open_page(browser, server)
    w1, dw1 = parse_shown(graph_number(page, "w1")), parse_shown(graph_number(page, "dw1"))
    lr = float(url_params(page)["lr"])
    page.get_by_role("button", name=STEP_BUTTON).click()
    h = descend([1.0, 2.0], 1.0, [0.5, 0.25], 0.0, lr=lr, steps=1)
    wait_for_text(page, f"w1 = {fmt(h.w[1, 0])}")
    shown_after = parse_shown(graph_number(page, "w1"))
    assert shown_after == pytest.approx(w1 - lr * dw1, rel=1e-3)  # the rule, from the numbers on screen
    page.wait_for_function("() => location.search.includes('w1=0.526894')", timeout=10_000)
    page.get_by_role("button", name=re.compile(r"^Undo")).click()
    wait_for_text(page, "w1 = 0.5")  # drawn in the browser at once; the server takes the Undo after it
    page.wait_for_function("() => new URLSearchParams(location.search).get('w1') === '0.5'", timeout=10_000)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=10_000)
    assert url_params(page)["w1"] == "0.5" and parse_shown(graph_number(page, "w1")) == 0.5
    no_exception(page)
    page.close()


def test_step_through_reveals_each_number_in_the_lectures_order_and_rings_its_node(server, browser):
    """Next walks z, a, L, da, dz, dw1, dw2, db, then the updates: each number appears on the graph
    as its phase comes (the ones still to come read "…"), the node it belongs to is ringed, and the
    formula under the buttons ends in the same number. dx1, dx2 (not in the lecture) stay off."""
    page = open_page(browser, server)
    p = forward_backward([1.0, 2.0], 1.0, [0.5, 0.25], 0.0)
    new = {"w1": 0.5 - 0.1 * p.dw[0], "w2": 0.25 - 0.1 * p.dw[1], "b": 0.0 - 0.1 * p.db}  # w := w − α·dw
    old = {"w1": 0.5, "w2": 0.25, "b": 0.0}
    walk = [
        ("z", "z", p.z),
        ("a", "a", p.a),
        ("L", "L", p.loss),
        ("a", "da", p.dL_da),
        ("z", "dz", p.dz),
        ("w1", "dw1", p.dw[0]),
        ("w2", "dw2", p.dw[1]),
        ("b", "db", p.db),
        *((name, name, new[name]) for name in ("w1", "w2", "b")),
    ]
    assert not any(t.startswith("dx") for t in chart_texts(page))

    def text_of(phase: int, name: str, value: float) -> str:
        return f"{name} = {fmt(old[name])} → {fmt(value)}" if phase > 8 else f"{name} = {fmt(value)}"

    for phase, (node, name, value) in enumerate(walk, start=1):
        page.get_by_role("button", name=re.compile(r"^Next ▶")).click()
        page.wait_for_function(
            "n => (document.querySelector('.lesson-where')?.textContent || '').startsWith(`Phase ${n} of`)",
            arg=phase,
            timeout=10_000,
        )
        wait_for_text(page, text_of(phase, name, value))
        if phase < 8:  # and the next number is still to come (this phase's figure, not the last one's)
            wait_for_text(page, f"{walk[phase][1]} = …")
        texts = chart_texts(page)
        for k, (_, earlier, shown_value) in enumerate(walk[:phase], start=1):
            assert text_of(k, earlier, shown_value) in texts or (k <= 8 < phase and earlier in old), (phase, earlier)
        for _, later, _ in walk[phase:8]:
            assert f"{later} = …" in texts, (phase, later, texts)
        ring, at = page.evaluate(
            """node => { const gd = document.querySelectorAll('.live-chart.js-plotly-plot')[0];
                 const ring = gd.data.find(t => t.meta === 'highlight');
                 const fwd = gd.data.find(t => t.meta === 'forward texts');
                 const i = [...fwd.text].findIndex(t => t.startsWith(node + ' = '));
                 const xs = [...ring.x].filter(v => v !== null), ys = [...ring.y].filter(v => v !== null);
                 return [[(Math.min(...xs) + Math.max(...xs)) / 2, Math.min(...ys), Math.max(...ys)],
                         [fwd.x[i], fwd.y[i]]]; }""",
            node,
        )
        assert ring[0] == pytest.approx(at[0], abs=0.2) and ring[1] < at[1] < ring[2], (
            f"phase {phase} rings the wrong node"
        )
        formula = "".join(page.locator(".lesson-formula math").first.text_content().split())
        assert formula.endswith(f"={fmt(value)}"), (phase, formula)
    no_exception(page)
    page.close()


def _slider_active(page) -> int:
    return page.evaluate("() => document.querySelectorAll('.live-chart.js-plotly-plot')[0].layout.sliders[0].active")


# The loss contour as drawn in the animated chart: its bands are the layout's path shapes.
FILLS_JS = """(gd) => [...gd.querySelectorAll('.shapelayer path')]
  .filter(p => (p.getAttribute('d') || '').length > 10).length"""


def test_play_advances_pause_stops_and_the_scrubber_jumps(server, browser):
    """plotly.js's own Play, Pause and slider: the numbers follow the frame shown, and the loss
    contour stays drawn on every frame played (plotly.js#4491 cleared a `contour` trace here)."""
    page = open_page(browser, server)
    chart = page.locator(".live-chart.js-plotly-plot").nth(0)
    h = descend([1.0, 2.0], 1.0, [0.5, 0.25], 0.0, lr=0.1, steps=100)
    before = graph_number(page, "w1", index=0)
    contour = page.evaluate(
        """() => { const gd = document.querySelectorAll('.live-chart.js-plotly-plot')[0]; window.__fills = [];
           gd.on('plotly_animatingframe', () => requestAnimationFrame(() => window.__fills.push(FILLS(gd))));
           return gd.layout.shapes.length; }""".replace("FILLS", f"({FILLS_JS})")
    )
    assert contour > 10
    chart.locator("g.updatemenu-button", has_text="Play").click()
    page.wait_for_function(
        "() => document.querySelectorAll('.live-chart.js-plotly-plot')[0].layout.sliders[0].active > 5",
        timeout=10_000,
    )
    chart.locator("g.updatemenu-button", has_text="Pause").click()
    page.wait_for_timeout(200)
    stopped = _slider_active(page)
    page.wait_for_timeout(600)
    assert _slider_active(page) == stopped and 5 < stopped < 100  # paused part-way
    assert graph_number(page, "w1", index=0) == fmt(h.w[stopped, 0]) != before
    rail = chart.locator(".slider-rail-rect").bounding_box()
    page.mouse.click(rail["x"] + rail["width"] * 0.75, rail["y"] + rail["height"] / 2)
    page.wait_for_function(
        "() => Math.abs(document.querySelectorAll('.live-chart.js-plotly-plot')[0].layout.sliders[0].active - 75) <= 3",
        timeout=10_000,
    )
    k = _slider_active(page)
    page.wait_for_timeout(100)
    assert graph_number(page, "w1", index=0) == fmt(h.w[k, 0])
    assert graph_number(page, "dz", index=0) == fmt(h.dz[k])
    # the loss contour under the moving point was drawn on every frame played, and still is after
    # pausing and scrubbing
    fills = page.evaluate("() => window.__fills")
    assert len(fills) > 5 and min(fills) >= contour
    assert page.evaluate(f"() => ({FILLS_JS})(document.querySelectorAll('.live-chart.js-plotly-plot')[0])") >= contour
    no_exception(page)
    page.close()


def test_the_run_steps_from_the_keyboard(server, browser):
    """The lesson chart takes the focus: → and ← move the slider a step (the graph's numbers with it),
    End and Home go to the last and first step."""
    page = open_page(browser, server)
    page.wait_for_function("() => Number(document.querySelector('.live-chart').dataset.frames) > 0", timeout=15_000)
    h = descend([1.0, 2.0], 1.0, [0.5, 0.25], 0.0, lr=0.1, steps=100)
    chart = page.locator(".live-chart.js-plotly-plot").nth(0)
    chart.focus()
    assert page.evaluate("document.activeElement.classList.contains('live-chart')")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('.live-chart').layout.sliders[0].active === 3", timeout=10_000)
    wait_for_text(page, f"w1 = {fmt(h.w[3, 0])}")
    page.keyboard.press("ArrowLeft")
    wait_for_text(page, f"w1 = {fmt(h.w[2, 0])}")
    page.keyboard.press("End")
    wait_for_text(page, f"w1 = {fmt(h.w[100, 0])}")
    page.keyboard.press("Home")
    wait_for_text(page, "w1 = 0.5")
    no_exception(page)
    page.close()


@pytest.mark.parametrize("name", list(PRESETS))
def test_each_preset_loads_and_tells_its_story(server, browser, name):
    page = open_page(browser, server)
    page.locator(".st-key-preset").click()
    page.get_by_role("option", name=PRESETS[name].label).click()
    wait_idle(page)
    page.wait_for_function(
        "lr => new URLSearchParams(location.search).get('lr') === lr", arg=repr(PRESETS[name].state.lr), timeout=10_000
    )
    preset = PRESETS[name].state
    p = forward_backward(list(preset.x), preset.y, list(preset.w), preset.b)
    wait_for_text(page, f"z = {fmt(p.z)}")
    # the story under the title (some presets share z with the page before: wait for the story itself)
    page.locator('[data-testid="stMain"]').get_by_text(PRESETS[name].label).first.wait_for(timeout=15_000)
    wait_idle(page)
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert PRESETS[name].label in body
    if name == "confident_wrong":
        # cross-entropy cancels the flat sigmoid: no flag on the graph, a calm word under it
        assert not any(t.startswith("⚠") for t in chart_texts(page)) and "cross-entropy cancels it" in body
        assert f"da = {fmt(p.dL_da)}" in chart_texts(page)
    if name == "overflow":
        assert "Diverged" in body and any("∞" in t for t in [*chart_texts(page, 1), body])
    if name == "lr_too_large":
        assert "went up" in body
    no_exception(page)
    page.close()


def test_a_copied_link_reproduces_the_view(server, browser):
    page = open_page(browser, f"{server}/?preset=confident_wrong&loss=squared&view=expanded&n=3")
    page.get_by_role("button", name=STEP_BUTTON).click()
    page.wait_for_function("() => !location.search.includes('w1=3.0&')", timeout=10_000)
    wait_idle(page)
    link, texts = page.url, chart_texts(page)
    other = open_page(browser, link)
    assert chart_texts(other) == texts
    assert url_params(other) == url_params(page)
    other.close()
    page.close()


def test_two_pages_at_once_keep_their_own_state(server, browser):
    one, two = browser.new_context(viewport=VIEWPORT), browser.new_context(viewport=VIEWPORT)
    a, b = open_page(one, server), open_page(two, server)
    a.get_by_role("button", name=STEP_BUTTON).click()
    h = descend([1.0, 2.0], 1.0, [0.5, 0.25], 0.0, lr=0.1, steps=1)
    wait_for_text(a, f"w1 = {fmt(h.w[1, 0])}")
    b.reload()
    wait_idle(b)
    b.wait_for_selector(".live-chart.js-plotly-plot .textpoint text")
    assert graph_number(b, "w1") == "0.5" and "Steps taken: 0" in b.locator('[data-testid="stMain"]').inner_text()
    assert "Steps taken: 1" in a.locator('[data-testid="stMain"]').inner_text()
    one.close()
    two.close()


def test_a_bad_link_warns_and_renders_the_default(server, browser):
    page = open_page(browser, f"{server}/?lr=nan&x1=%3Cscript%3Ealert(1)%3C/script%3E&steps=1e9")
    alerts = " ".join(page.locator('[data-testid="stAlert"]').all_text_contents())
    assert "lr" in alerts and "x1" in alerts and "steps" in alerts
    p = forward_backward([1.0, 2.0], 1.0, [0.5, 0.25], 0.0)
    assert f"a = {fmt(p.a)}" in chart_texts(page)
    assert page.locator("script:text('alert(1)')").count() == 0
    page.wait_for_function("() => location.search.includes('lr=0.1')", timeout=10_000)  # rewritten clean
    assert "script" not in page.url
    no_exception(page)
    page.close()


def test_shown_numbers_parse_back(server, browser):
    """The helper the tests above read numbers with, checked on the forms the page prints."""
    assert parse_shown("−0.2689") == -0.2689 and parse_shown("1.628·10⁵") == pytest.approx(1.628e5)
    assert parse_shown("1 − 6.1·10⁻⁶") == pytest.approx(1 - 6.1e-6) and parse_shown("−1 + 6·10⁻⁶") == -1 + 6e-6
    assert math.isinf(parse_shown("∞")) and re.fullmatch(r"\d+", "12")


def test_nudge_mode_shows_the_secant_beside_each_derivative(server, browser):
    page = open_page(browser, f"{server}/?mode=nudge&eps=0.01")
    table = page.locator('[data-testid="stTable"]')
    table.wait_for(timeout=15_000)
    text = table.inner_text()
    from logreg_viz.nudge import nudge_table

    for row in nudge_table([1.0, 2.0], 1.0, [0.5, 0.25], 0.0, eps=0.01):
        assert fmt(row.analytic, 7) in text and fmt(row.estimate, 7) in text
    no_exception(page)
    page.close()


def test_presenter_mode_folds_the_controls_and_answers_keys(server, browser):
    page = open_page(browser, f"{server}/?presenter=1")
    assert page.locator('[data-testid="stSidebar"][data-collapsed="true"]').count() == 1
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('[data-testid=\"stMain\"] h1')).fontSize)")
    assert size >= 40  # large type for the back of the room
    page.evaluate("document.activeElement && document.activeElement.blur()")  # keys go to the page, not a field
    page.keyboard.press("s")  # Step
    h = descend([1.0, 2.0], 1.0, [0.5, 0.25], 0.0, lr=0.1, steps=1)
    wait_for_text(page, f"w1 = {fmt(h.w[1, 0])}")
    page.keyboard.press("u")  # Undo
    wait_for_text(page, "w1 = 0.5")
    wait_idle(page)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("p")  # play the animation
    page.wait_for_function(
        "() => document.querySelectorAll('.live-chart.js-plotly-plot')[0].layout.sliders[0].active > 3",
        timeout=10_000,
    )
    no_exception(page)
    page.close()


def test_the_keys_n_and_b_walk_the_phases_and_enable_back_and_next_as_they_go(server, browser):
    page = open_page(browser, f"{server}/?presenter=1")
    back, nxt = page.get_by_role("button", name=re.compile("Back")), page.get_by_role("button", name=re.compile("Next"))
    assert back.is_disabled()
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("n")
    page.get_by_text("Phase 1 of 11").wait_for(timeout=10_000)
    wait_idle(page)
    assert back.is_enabled()  # the first Next makes Back usable at once
    for phase in range(2, 12):
        page.evaluate("document.activeElement && document.activeElement.blur()")
        page.keyboard.press("n")
        page.get_by_text(f"Phase {phase} of 11").wait_for(timeout=10_000)
        wait_idle(page)
    assert nxt.is_disabled()  # the last phase: nothing further
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("b")
    page.get_by_text("Phase 10 of 11").wait_for(timeout=10_000)
    wait_idle(page)
    assert nxt.is_enabled()
    no_exception(page)
    page.close()


def test_the_exported_animation_plays_offline_with_its_contour(browser, tmp_path):
    """The HTML export, opened from a file with nothing else to fetch, plays with plotly.js's own Play:
    the slider advances through every frame, the loss contour's filled polygons stay drawn
    throughout, and the run ends on its last step."""
    h = descend([1.0, 2.0], 1.0, [0.5, 0.25], 0.0, lr=0.1, steps=100)
    path = tmp_path / "run.html"
    path.write_text(animation_html(make_animation_figure(h), "run"), encoding="utf-8")
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    fetched = []
    page.on("request", lambda r: r.url.startswith(("http:", "https:")) and fetched.append(r.url))
    page.goto(path.as_uri())
    page.locator("g.updatemenu-button", has_text="Play").wait_for()
    page.evaluate(
        """() => { const gd = document.querySelector('.js-plotly-plot'); window.__shown = []; window.__done = false;
           // the contour as drawn: its bands, the layout's path shapes
           const fills = () => [...gd.querySelectorAll('.shapelayer path')]
             .filter(p => (p.getAttribute('d') || '').length > 10).length;
           // counted as the frame reaches the screen
           gd.on('plotly_animatingframe', () => requestAnimationFrame(
             () => window.__shown.push([gd.layout.sliders[0].active, fills()])));
           gd.on('plotly_animated', () => { window.__done = true; }); }"""
    )
    contour = page.evaluate("() => document.querySelector('.js-plotly-plot').layout.shapes.length")
    assert contour > 10
    page.locator("g.updatemenu-button", has_text="Play").click()
    page.wait_for_function("() => window.__done && window.__shown.length >= 100", timeout=30_000)
    shown = page.evaluate("() => window.__shown")
    steps = [k for k, _ in shown]
    assert len(shown) >= 100 and steps == sorted(steps) and steps[-1] == 100
    assert min(f for _, f in shown) >= contour  # every contour polygon, on every frame played
    assert page.evaluate("() => document.querySelector('.js-plotly-plot').layout.sliders[0].active") == 100
    texts = page.locator(".textpoint text").all_text_contents()
    assert f"w1 = {fmt(h.w[100, 0])}" in texts and f"L = {fmt(h.loss[100])}" in texts
    assert page.locator(".shapelayer path").count() >= contour
    assert fetched == []
    context.close()


def test_history_downloads_as_csv(server, browser):
    page = open_page(browser, server)
    page.get_by_text("Export: history as CSV").click()
    with page.expect_download(timeout=15_000) as info:
        page.get_by_role("button", name="History (CSV)").click()
    with open(info.value.path()) as f:
        text = f.read()
    h = descend([1.0, 2.0], 1.0, [0.5, 0.25], 0.0, lr=0.1, steps=100)
    lines = text.splitlines()
    assert len(lines) == 102 and lines[0].startswith("step,w1,w2,b,z,a,L")
    assert float(lines[-1].split(",")[1]) == h.w[100, 0]
    page.close()


def test_compare_losses_mode_draws_both_runs(server, browser):
    page = open_page(browser, f"{server}/?preset=confident_wrong&mode=compare_losses")
    # the lesson, the other loss's graph, both runs, the surface
    page.wait_for_function("document.querySelectorAll('.live-chart.js-plotly-plot').length >= 4", timeout=30_000)
    p = forward_backward([2.0, 3.0], 0.0, [3.0, 2.0], 0.0, "squared")
    assert f"dz = {fmt(p.dz)}" in chart_texts(page, 1)  # the other loss's graph
    wait_for_trace(page, "squared error: |dz|")
    no_exception(page)
    page.close()


# Every text a page holds: what it shows, what a screen reader reads (labels, descriptions, titles),
# every chart's texts and data, and its address.
EVERY_TEXT_JS = """() => [
  document.body.innerText,
  ...[...document.querySelectorAll('svg text')].map(t => t.textContent),
  ...[...document.querySelectorAll('[aria-label],[title],[aria-description]')].flatMap(
    e => [e.getAttribute('aria-label'), e.getAttribute('title'), e.getAttribute('aria-description')]),
  ...[...document.querySelectorAll('.live-chart.js-plotly-plot')].map(gd => JSON.stringify(gd.data)),
  location.href,
].filter(Boolean).join('\\n')"""


@pytest.mark.parametrize("how", ["link", "sidebar"])
def test_the_quiz_gives_no_answer_away_anywhere_on_the_page(server, browser, how):
    """Chosen by a link or in the sidebar, the quiz hides by default: no value it asks for is anywhere
    on the page — the graph, the step-through, the run, the story, the downloads — until it is given."""
    p = forward_backward([1.0, 2.0], 1.0, [0.5, 0.25], 0.0)
    new = [0.5 - 0.1 * p.dw[0], 0.25 - 0.1 * p.dw[1], -0.1 * p.db]
    answers = [p.dL_da, p.dz, p.dw[0], p.dw[1], p.db, *new]
    if how == "link":
        page = open_page(browser, f"{server}/?mode=quiz", charts=1)
    else:
        page = open_page(browser, server)
        page.locator(".st-key-mode").get_by_text("Predict, then reveal").click()
        page.get_by_text("Question 1 of 8").wait_for(timeout=15_000)
        wait_idle(page)
    wait_for_text(page, "dz = ?")
    everything = page.evaluate(EVERY_TEXT_JS)
    for value in answers:
        for written in {fmt(abs(value)), f"{abs(value):.4g}", fmt_latex(abs(value)), repr(value)}:
            assert written not in everything, f"{written} (an answer) is on the page"
    assert page.get_by_role("button", name=re.compile("^Next")).is_disabled()
    assert page.get_by_text("Export: history").count() == 0  # the downloads wait too
    no_exception(page)
    page.close()


def test_quiz_hides_then_reveals_and_scores(server, browser):
    page = open_page(browser, f"{server}/?mode=quiz", charts=1)
    assert "dz = ?" in chart_texts(page)
    p = forward_backward([1.0, 2.0], 1.0, [0.5, 0.25], 0.0)
    shown_anywhere = page.evaluate("() => [...document.querySelectorAll('.textpoint text')].map(t => t.textContent)")
    assert f"dz = {fmt(p.dz)}" not in shown_anywhere  # no other chart gives the answers away
    field = page.locator(".st-key-quiz_guess input")
    field.fill(f"{p.dL_da:.4f}")
    page.get_by_role("button", name="Check").click()
    wait_for_text(page, f"da = {fmt(p.dL_da)}")  # revealed on the graph
    assert "dz = ?" in chart_texts(page)
    page.get_by_text("score this session: 1 / 1").wait_for(timeout=10_000)
    field.fill("42")
    page.get_by_role("button", name="Check").click()
    page.get_by_text("Not quite").wait_for(timeout=10_000)
    page.locator(".katex").last.wait_for()
    no_exception(page)
    page.close()


def test_compare_runs_overlays_a_branch_with_its_verdict(server, browser):
    page = open_page(browser, f"{server}/?y=0.75&lr=0.5&steps=60&mode=compare_runs&runs=10@3")
    table = page.locator('[data-testid="stTable"]').last
    table.wait_for(timeout=15_000)
    assert "oscillating" in table.inner_text() and "converging" in table.inner_text()
    wait_for_trace(page, "from step 10, α = 3")
    no_exception(page)
    page.close()


def test_dataset_mode_uploads_whole_files_or_nothing(server, browser, tmp_path):
    page = open_page(browser, f"{server}/?mode=dataset&data=separable&steps=40")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.live-chart.js-plotly-plot')]"
        ".some(gd => (gd.data || []).some(t => t.name === 'full batch'))",
        timeout=30_000,
    )
    bad = tmp_path / "bad.csv"
    bad.write_text("x1,x2,y\n1,2,1\n3,abc,0\n4,5,7\n")
    page.locator('.st-key-upload input[type="file"]').set_input_files(str(bad))
    page.get_by_text("bad.csv was not loaded").wait_for(timeout=15_000)
    alert = page.locator('[data-testid="stAlert"]').filter(has_text="bad.csv").inner_text()
    assert "row 3" in alert and "row 4" in alert and "previous data is kept" in alert
    good = tmp_path / "good.csv"
    good.write_text("x1,x2,y\n" + "\n".join(f"{i},{(-1) ** i * i},{i % 2}" for i in range(12)))
    page.locator('.st-key-upload input[type="file"]').set_input_files(str(good))
    page.get_by_text("Loaded 12 examples from good.csv").wait_for(timeout=15_000)
    page.wait_for_function(  # the chart shows the file's 12 points (its figure may follow the message)
        "() => { const gd = [...document.querySelectorAll('.live-chart.js-plotly-plot')]"
        ".find(g => (g.data || []).some(t => t.name === 'full batch'));"
        f" {VALUES_JS} return values(gd.data.find(t => t.meta === 'data').x).length === 12; }}",
        timeout=15_000,
    )
    no_exception(page)
    page.close()


def test_dataset_mode_adds_a_point_where_the_plane_is_clicked(server, browser):
    page = open_page(browser, f"{server}/?mode=dataset&data=separable&steps=40")
    find = (
        "[...document.querySelectorAll('.live-chart.js-plotly-plot')]"
        ".find(g => (g.data || []).some(t => t.name === 'full batch'))"
    )
    page.wait_for_function(f"() => !!({find})", timeout=30_000)
    page.get_by_text("y = 0 (orange)", exact=True).click()  # the label a click gives
    wait_idle(page)
    # where to click, and the point that should appear there, from the axis ranges and the plot rectangle
    rect, x_range, y_range = page.evaluate(
        f"() => {{ const gd = {find}; const r = gd.querySelector('.xy .nsewdrag').getBoundingClientRect();"
        " return [[r.left, r.top, r.width, r.height], gd.layout.xaxis.range, gd.layout.yaxis.range]; }"
    )
    left, top, width, height = rect
    fx, fy = 0.7, 0.25  # a spot right of centre, high up
    page.mouse.click(left + fx * width, top + fy * height)
    page.get_by_text("Added (").wait_for(timeout=15_000)
    expected = (x_range[0] + fx * (x_range[1] - x_range[0]), y_range[1] - fy * (y_range[1] - y_range[0]))
    message = page.locator('[data-testid="stAlert"]').filter(has_text="Added (").inner_text()
    shown = [float(v) for v in message.split("(")[1].split(")")[0].split(",")]
    tolerance = (0.02 * (x_range[1] - x_range[0]), 0.02 * (y_range[1] - y_range[0]))  # a couple of pixels
    assert abs(shown[0] - expected[0]) < tolerance[0] and abs(shown[1] - expected[1]) < tolerance[1]
    assert "with y = 0" in message
    page.get_by_text("Your data: 21 examples").wait_for(timeout=15_000)
    # the chart draws the new point once its figure has arrived (the caption can come first)
    data = page.wait_for_function(
        f"() => {{ {VALUES_JS} const t = {find}.data.find(t => t.meta === 'data');"
        " const x = values(t.x), y = values(t.y); return x.length === 21 && [x.at(-1), y.at(-1)]; }",
        timeout=15_000,
    ).json_value()
    assert abs(data[0] - shown[0]) < 1e-9 and abs(data[1] - shown[1]) < 1e-9
    # a drag across the plane is not a click: nothing more is added
    page.mouse.move(left + 0.2 * width, top + 0.5 * height)
    page.mouse.down()
    page.mouse.move(left + 0.4 * width, top + 0.6 * height, steps=5)
    page.mouse.up()
    wait_idle(page)
    assert page.get_by_text("Your data: 21 examples").count() == 1
    no_exception(page)
    page.close()


HOSTILE_UPLOADS = [
    ("empty.csv", b"", "the file is empty"),
    ("blank.csv", b"\n\n  \n", "the file is empty"),
    ("binary.csv", bytes(range(256)) * 4, "not text"),
    ("latin1.csv", "x1,x2,y\n1,2,1\ncafé,1,0\n".encode("latin-1"), "not UTF-8"),
    ("columns.csv", b"a,b,c\n1,2,1\n3,4,0\n", "no column named y"),
    ("text.csv", b"x1,x2,y\n1,two,1\n3,4,0\n", "row 2: x2 = two is not a finite number"),
    ("nan.csv", b"x1,x2,y\nnan,1,1\n3,inf,0\n", "row 3: x2 = inf is not a finite number"),
    ("labels.csv", b"x1,x2,y\n1,2,2\n3,4,-1\n", "y = -1 is not 0 or 1"),
    ("one_class.csv", b"x1,x2,y\n1,2,1\n3,4,1\n", "every label is 1"),
    ("big.csv", b"x1,x2,y\n" + b"1,2,0\n3,4,1\n" * 50_000, "the limit is 200,000"),  # 10^5 rows
    ("many_rows.csv", b"x1,x2,y\n" + b"1,2,0\n" * 1_001, "more than 1,000 rows of examples; the limit is 1,000"),
]


def test_hostile_uploads_are_refused_whole_and_the_data_before_them_stays(server, browser, tmp_path):
    page = open_page(browser, f"{server}/?mode=dataset&data=separable&steps=20")
    uploader = page.locator('.st-key-upload input[type="file"]')
    good = tmp_path / "good.csv"
    good.write_text("x1,x2,y\n" + "\n".join(f"{i},{(-1) ** i * i},{i % 2}" for i in range(12)))
    uploader.set_input_files(str(good))
    page.get_by_text("Loaded 12 examples from good.csv").wait_for(timeout=15_000)
    for name, content, reason in HOSTILE_UPLOADS:
        path = tmp_path / name
        path.write_bytes(content)
        uploader.set_input_files(str(path))
        alert = page.locator('[data-testid="stAlert"]').filter(has_text=f"{name} was not loaded")
        alert.wait_for(timeout=15_000)
        text = alert.inner_text()
        assert reason in text and "The previous data is kept" in text, (name, text)
        assert page.get_by_text("Your data: 12 examples").count() == 1, name
    # over the server's upload cap (1 MB): the uploader itself says so, and nothing changes
    huge = tmp_path / "huge.csv"
    huge.write_bytes(b"x1,x2,y\n" + b"1,2,0\n" * 200_000)
    uploader.set_input_files(str(huge))
    page.get_by_text(re.compile(r"File must be 1(\.0)?\s?MB or smaller")).wait_for(timeout=15_000)
    wait_idle(page)
    assert page.get_by_text("Your data: 12 examples").count() == 1
    no_exception(page)
    page.close()

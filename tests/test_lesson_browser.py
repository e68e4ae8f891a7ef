"""The lesson head answers Step, Take K, Undo, Back and Next in the browser: after each press, what the
page shows at once (before the server has answered) is checked against the lecture's numbers worked
here by hand, and then against what the server's own answer draws. Nothing may differ."""

from __future__ import annotations

import math
import re

import pytest
from browser_support import VALUES_JS
from helpers import sigma

from logreg_viz.display import fmt

sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -r requirements-test.txt")
pytestmark = pytest.mark.browser

X, LR, K = (1.0, 2.0), 0.1, 20
BUTTON = {
    "step": re.compile(r"^Step(\s|$)"),
    "steps": re.compile(rf"^Take {K} steps"),
    "undo": re.compile(r"^Undo(\s|$)"),
    "back": re.compile(r"^◀ Back"),
    "next": re.compile(r"^Next ▶"),
}
# What the lesson shows: the graph's texts, the ring, the contour's point and arrows, the loss marker,
# the boundary, the line under the buttons and the formula; and whether the server has answered.
SHOWN_JS = """() => {
  VALUES
  const gd = document.querySelector('.lesson-chart .live-chart');
  const head = document.querySelector('.lesson-head');
  const trace = (meta) => gd.data.find((t) => t.meta === meta);
  const xy = (meta) => [Array.from(values(trace(meta).x) || []), Array.from(values(trace(meta).y) || [])];
  return {
    texts: [...gd.querySelectorAll('.textpoint text')].map((t) => t.textContent).sort(),  // as drawn
    ring: xy('highlight'), point: xy('point'), gradient: xy('gradient'), step: xy('step'),
    marker: xy('loss marker'), boundary: xy('boundary'),
    where: document.querySelector('.lesson-where').textContent,
    formula: (document.querySelector('.lesson-formula math') || {textContent: ''}).textContent.replace(/\\s/g, ''),
    pending: Number(head.dataset.pending || 0), drawn: Number(head.dataset.drawn || 0),
  };
}""".replace("VALUES", VALUES_JS)


def lecture(steps: int) -> dict[str, float]:
    """The lecture's example (x = (1, 2), y = 1) after `steps` steps from w = (0.5, 0.25), b = 0: the
    loop as the lecture writes it, then its forward and backward values by hand."""
    w1, w2, b = 0.5, 0.25, 0.0
    for _ in range(steps):
        dz = sigma(w1 * X[0] + w2 * X[1] + b) - 1.0
        w1, w2, b = w1 - LR * X[0] * dz, w2 - LR * X[1] * dz, b - LR * dz
    z = w1 * X[0] + w2 * X[1] + b
    a = sigma(z)
    dz = a - 1.0
    return {
        "w1": w1,
        "w2": w2,
        "b": b,
        "z": z,
        "a": a,
        "L": -math.log(a),
        "da": -1.0 / a,
        "dz": dz,
        "dw1": X[0] * dz,
        "dw2": X[1] * dz,
        "db": dz,
    }


# The lecture's walk: what each phase of Next reveals (the node's value or derivative, or an update)
WALK = ["z", "a", "L", "da", "dz", "dw1", "dw2", "db", "w1", "w2", "b"]


def expected_texts(v: dict[str, float], phase: int) -> list[str]:
    """Texts the graph must show at this phase: the inputs and parameters always, each value and
    derivative once its phase has come ("…" before), an updated parameter as old → new."""
    shown = lambda name: phase == 0 or WALK.index(name) < phase  # noqa: E731
    out = []
    for name in ("w1", "w2", "b"):
        new = v[name] - LR * v["d" + name]
        out.append(f"{name} = {fmt(v[name])}" + (f" → {fmt(new)}" if phase and shown(name) and phase > 8 else ""))
    for name in ("z", "a", "L", "da", "dz", "dw1", "dw2", "db"):
        out.append(f"{name} = {fmt(v[name])}" if shown(name) else f"{name} = …")
    return out


def phase_value(v: dict[str, float], phase: int) -> float:
    """The number phase `phase`'s formula arrives at."""
    name = WALK[phase - 1]
    return v[name] - LR * v["d" + name] if phase > 8 else v[name]


def wait_answered(page, drawn: int) -> dict:
    page.wait_for_function(
        "n => { const h = document.querySelector('.lesson-head');"
        " return h && h.dataset.pending === '0' && Number(h.dataset.drawn || 0) > n; }",
        arg=drawn,
        timeout=20_000,
        polling="raf",
    )
    page.wait_for_timeout(50)
    return page.evaluate(SHOWN_JS)


class HeldServer:
    """The page's websocket through a gate: while `hold` is on, what the server sends waits, so what
    the page shows then is its own answer alone."""

    def __init__(self, page) -> None:
        self.hold, self.waiting = False, []
        page.route_web_socket(re.compile(r".*/_stcore/stream$"), self.route)

    def route(self, ws) -> None:
        server = ws.connect_to_server()
        ws.on_message(server.send)
        server.on_message(lambda message: self.waiting.append(message) if self.hold else ws.send(message))
        self.ws = ws

    def release(self) -> None:
        self.hold = False
        for message in self.waiting:
            self.ws.send(message)
        self.waiting = []


def test_every_press_shows_at_once_what_the_server_then_draws(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    gate = HeldServer(page)
    page.page_errors = []
    page.on("pageerror", lambda error: page.page_errors.append(str(error)))
    page.goto(f"{server}/?lr={LR}&steps={K}")
    page.wait_for_selector(".lesson-head[data-drawn]", timeout=30_000)
    steps, phase, actions = 0, 0, []  # actions: the steps each Step or Take K took, for Undo
    presses = [
        "next",
        "next",
        "next",
        "step",
        "next",
        "next",
        "next",
        "next",
        "next",
        "back",
        "step",
        "step",
        "undo",
        "next",
        "undo",
        "steps",
        "undo",
        "undo",
        "next",
        "next",
        "next",
        "next",
        "next",
        "next",
        "next",
        "next",
        "next",
        "next",
        "next",
        "back",
        "step",
        "undo",
    ]
    for kind in presses:
        before = page.evaluate(SHOWN_JS)
        gate.hold = True
        page.get_by_role("button", name=BUTTON[kind]).click()
        page.wait_for_timeout(150)  # longer than the server takes to answer: its answer waits at the gate
        if kind in ("step", "steps"):
            actions.append(1 if kind == "step" else K)
            steps, phase = steps + actions[-1], 0
        elif kind == "undo":
            steps, phase = steps - actions.pop(), 0
        else:
            phase = min(max(phase + (1 if kind == "next" else -1), 0), len(WALK))
        now = page.evaluate(SHOWN_JS)  # the same task as the click: before any answer from the server
        assert now["pending"] >= 1, "the press waits for the server's answer"
        v = lecture(steps)
        for text in expected_texts(v, phase):
            assert text in now["texts"], (kind, steps, phase, text, now["texts"])
        # positions are drawn to 5 significant digits (1/100 000 of an axis)
        assert now["point"] == [[float(f"{v['w1']:.5g}")], [float(f"{v['w2']:.5g}")]]
        assert now["marker"][1] == [float(f"{v['L']:.5g}")]
        assert now["where"].startswith(f"Phase {phase} of 11" if phase else "Next walks one update"), now["where"]
        assert now["where"].endswith(f"Steps taken: {steps}."), now["where"]
        if phase:
            assert now["ring"][0], "a phase rings its node"
            assert now["formula"].endswith(f"={fmt(phase_value(v, phase))}"), (phase, now["formula"])
        else:
            assert now["ring"] == [[], []] and now["formula"] == ""
        gate.release()
        served = wait_answered(page, before["drawn"])
        for key in ("texts", "ring", "point", "boundary", "where", "formula"):
            assert served[key] == now[key], (kind, key, now[key], served[key])
        for key in ("gradient", "step"):
            for axis in (0, 1):
                assert served[key][axis] == pytest.approx(now[key][axis], rel=2e-5), (kind, key)
        assert served["marker"][1] == now["marker"][1]
    assert page.page_errors == []
    page.close()


def test_presses_faster_than_the_server_answers_are_all_taken(server, browser):
    """Steps (and an Undo) pressed in bursts, each before the server has answered the one before,
    then a control touched at once: every message carries the controls as the browser still holds
    them, and none of them may undo a Step (page/echo.py). The page, the URL and the steps counted
    end where ten steps by hand end."""
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.page_errors = []
    page.on("pageerror", lambda error: page.page_errors.append(str(error)))
    page.goto(f"{server}/?lr={LR}&steps={K}")
    page.wait_for_selector(".lesson-head[data-drawn]", timeout=30_000)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=30_000)
    for kinds in (["step"] * 4, ["step"] * 4, ["step", "step", "undo", "step"]):  # a race: three tries
        for kind in kinds:
            page.get_by_role("button", name=BUTTON[kind]).click()
        page.wait_for_timeout(1000)
    page.get_by_label("steps K").fill(str(K + 1))
    page.get_by_label("steps K").press("Enter")
    v = lecture(10)
    page.wait_for_function(  # w1 of ten steps, to 12 digits
        "w => Math.abs(Number(new URLSearchParams(location.search).get('w1')) - w) < 1e-12",
        arg=v["w1"],
        timeout=20_000,
    )
    page.wait_for_function("() => new URLSearchParams(location.search).get('steps') === '21'", timeout=20_000)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=20_000)
    page.wait_for_timeout(1500)  # any message still on its way has arrived and been answered
    params = dict(re.findall(r"([^?&=]+)=([^&]*)", page.evaluate("location.search")))
    got = [float(params[key]) for key in ("w1", "w2", "b")]
    assert got == pytest.approx([v["w1"], v["w2"], v["b"]], rel=1e-14)  # the loop by hand, to a few ulps
    shown = wait_answered(page, 0)
    assert shown["where"].endswith("Steps taken: 10."), shown["where"]
    for text in expected_texts(v, 0):
        assert text in shown["texts"], (text, shown["texts"])
    assert page.page_errors == []
    page.close()

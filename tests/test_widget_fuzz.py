"""Random use of the page (AppTest), seeded: control changes, steps, undos, presets, modes, sizes.

Two sessions are driven interleaved in one process, as two students on one server. After every
rerun: no exception, no NaN anywhere in a figure or on the page, and the page agrees with a replay
through logreg_viz — Step lands where `gradient_step` lands, Take K where `descend` lands, Undo goes
back, the graph shows `forward_backward` of the controls, and the address reproduces the controls.
"""

from __future__ import annotations

import base64
import json
import math
import random
import re

import numpy as np
import pytest
from helpers import APP, charts, failures, head, press, trace
from streamlit.testing.v1 import AppTest

from logreg_viz import descend, forward_backward, gradient_step
from logreg_viz.display import fmt
from logreg_viz.state import LOSS_LABELS, LR_RANGE, MAX_N, MAX_PAGE_STEPS, MODE_LABELS, PRESETS, VIEW_LABELS, State
from logreg_viz.url import parse_query_params

SEEDS = (1, 2, 3, 4)
ACTIONS_PER_SESSION = 130  # 4 seeds × 2 sessions × 130 ≥ 1 000 reruns
NAN = re.compile(r"(?<!` )\bnan\b(?! `)")  # how Python prints a NaN; not a learner's own `nan` quoted back


class Session:
    """One student: the page under AppTest, a random source, and the replay's expectations."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.at = AppTest.from_file(APP, default_timeout=60)
        self.at.run()
        self.undo: list[tuple[tuple[float, ...], float]] = []
        self.log: list[str] = []

    def state(self) -> State:
        """The controls' state as the page holds it (session state, as the widgets read it)."""
        ss = self.at.session_state
        n = int(ss["n"])
        return State(
            n=n,
            x=tuple(float(ss[f"x{i + 1}"]) for i in range(n)),
            y=float(ss["y"]),
            w=tuple(float(ss[f"w{i + 1}"]) for i in range(n)),
            b=float(ss["b"]),
            lr=float(ss["lr"]),
            steps=int(ss["steps"]),
            loss=ss["loss"],
            view=ss["view"],
            mode=ss["mode"],
        )

    def value(self, low: float, high: float) -> float:
        r = self.rng.random()
        if r < 0.15:
            return self.rng.choice([low, high])
        if r < 0.3:
            return self.rng.choice([0.0, -0.0, 1e-300, -5e-324, 1.0, -1.0])
        if r < 0.5:
            return round(self.rng.uniform(-3, 3), 3)
        return (
            self.rng.uniform(low, high) if self.rng.random() < 0.5 else math.copysign(10 ** self.rng.uniform(-8, 4), 1)
        )

    def act(self) -> None:
        """One random action, checked against the replay."""
        at, rng = self.at, self.rng
        before = self.state()
        kind = rng.choices(
            ["field", "step", "take", "undo", "preset", "mode", "n", "loss", "view", "reset", "in_mode"],
            weights=[30, 20, 6, 10, 4, 8, 4, 5, 3, 2, 12],
        )[0]
        self.log.append(kind)
        if kind == "field":
            key = rng.choice(
                [f"x{i + 1}" for i in range(before.n)]
                + [f"w{i + 1}" for i in range(before.n)]
                + ["b", "y", "lr", "steps"]
            )
            if key == "y":
                value = rng.choice([0.0, 1.0, 0.5, 0.75])
            elif key == "lr":
                value = rng.choice([LR_RANGE[0], 0.01, 0.1, 1.0, 5.0, 100.0, 1e10, LR_RANGE[1]])
            elif key == "steps":
                value = rng.choice([1, 2, 10, 100, MAX_PAGE_STEPS])
            else:
                value = self.value(-1e4, 1e4)
            self.log[-1] += f" {key}={value!r}"
            at.number_input(key=key).set_value(value).run()
            assert getattr(self.state(), key[0] if key[0] in "xw" and key[1:].isdigit() else key) is not None
            if key[0] in "xw" and key[1:].isdigit():
                assert getattr(self.state(), key[0])[int(key[1:]) - 1] == value + 0.0
            else:
                assert getattr(self.state(), key) == value
        elif kind in ("step", "take"):
            k = 1 if kind == "step" else before.steps
            press(at, "step" if kind == "step" else "steps")
            if k == 1:
                expected = gradient_step(list(before.x), before.y, list(before.w), before.b, before.lr, before.loss)
                w_new, b_new = tuple(expected[0]), float(expected[1])
            else:
                h = descend(list(before.x), before.y, list(before.w), before.b, lr=before.lr, steps=k, loss=before.loss)
                w_new, b_new = tuple(h.w[k]), float(h.b[k])
            after = self.state()
            if np.isfinite(w_new).all() and math.isfinite(b_new) and max(map(abs, (*w_new, b_new))) <= 1e4:
                assert after.w == pytest.approx(w_new, rel=1e-12, abs=0) and after.b == pytest.approx(b_new, rel=1e-12)
                self.undo.append((before.w, before.b))
            else:  # a step beyond the controls' range (±10 000) or float64's is refused with a message
                assert after.w == before.w and after.b == before.b
                assert any("overflows float64" in e.value or "beyond ±10000" in e.value for e in at.error)
        elif kind == "undo":
            if self.undo:
                assert head(at)["undo"] > 0  # the head's Undo is enabled
                press(at, "undo")
                w, b = self.undo.pop()
                # the parameters from before that step; with n changed since, those that still exist
                w = tuple(w[i] if i < len(w) else before.w[i] for i in range(before.n))
                assert self.state().w == w and self.state().b == b
            else:
                assert head(at)["undo"] == 0
                return
        elif kind == "preset":
            name = rng.choice(list(PRESETS))
            same = at.selectbox(key="preset").value == name  # choosing the shown preset again changes nothing
            at.selectbox(key="preset").set_value(name).run()
            got = self.state()
            if same:
                assert got == before
            else:
                self.undo.clear()
                preset = PRESETS[name].state
                assert (got.x, got.y, got.w, got.b, got.lr) == (preset.x, preset.y, preset.w, preset.b, preset.lr)
        elif kind == "mode":
            mode = rng.choice([m for m in MODE_LABELS if m != "quiz"] + ["quiz"])
            at.radio(key="mode").set_value(mode).run()
            assert self.state().mode == mode
        elif kind == "n":
            n = rng.randint(1, MAX_N)
            at.selectbox(key="n").set_value(n).run()
            got = self.state()
            assert got.n == n
            keep = min(n, before.n)
            assert got.x[:keep] == before.x[:keep] and got.w[:keep] == before.w[:keep]
            assert set(got.x[keep:]) <= {1.0} and set(got.w[keep:]) <= {0.0}  # a new feature starts at x = 1, w = 0
        elif kind == "loss":
            at.radio(key="loss").set_value(rng.choice(list(LOSS_LABELS))).run()
        elif kind == "view":
            at.radio(key="view").set_value(rng.choice(list(VIEW_LABELS))).run()
        elif kind == "in_mode":  # what the current mode offers, with hostile values too
            self.in_mode(before)
            assert (self.state().w, self.state().b) == (before.w, before.b)  # none of it moves the parameters
        elif kind == "reset":
            self.button("Reset to the lecture's example").click().run()
            self.undo.clear()
            got = self.state()
            assert (got.x, got.w, got.b, got.lr) == (State().x, State().w, State().b, State().lr)
        self.check()

    def in_mode(self, before: State) -> None:
        at, rng = self.at, self.rng
        if before.mode not in ("quiz", "compare_runs", "dataset", "nudge"):
            at.radio(key="mode").set_value(rng.choice(["quiz", "compare_runs", "dataset", "nudge"])).run()
            before = self.state()
        self.log[-1] += f" {before.mode}"
        if before.mode == "quiz" and self.has("quiz_guess"):
            guess = rng.choice(["", "nan", "-inf", "1e999", "abc", "<b>1</b>", "0.5", "−0.2689", "1,5", "  3 "])
            at.text_input(key="quiz_guess").input(guess)
            self.button("Check").click().run()
        elif before.mode == "compare_runs" and self.has("branch_at"):
            at.number_input(key="branch_at").set_value(rng.randint(0, before.steps))
            at.number_input(key="branch_lr").set_value(rng.choice([LR_RANGE[0], 0.5, 3.0, 1e5, LR_RANGE[1]]))
            if self.button("Add branch").disabled:  # the most branches there can be
                at.run()
            else:
                self.button("Add branch").click().run()
        elif before.mode == "dataset" and self.has("point_x1"):
            at.number_input(key="point_x1").set_value(round(rng.uniform(-100, 100), 2))
            at.number_input(key="point_x2").set_value(rng.choice([-100.0, 0.0, 1e-9, 100.0]))
            at.selectbox(key="point_y").set_value(rng.choice([0, 1]))
            self.button("Add this point").click().run()
        elif before.mode == "nudge" and self.has("eps"):
            at.select_slider(key="eps").set_value(rng.choice([1e-1, 1e-4, 1e-10])).run()
        else:
            at.run()

    def has(self, key: str) -> bool:
        return any(getattr(e, "key", None) == key for e in self.at.main) or any(
            getattr(e, "key", None) == key for e in self.at.sidebar
        )

    def button(self, label: str):
        return next(b for b in self.at.button if b.label == label)

    def check(self) -> None:
        """What holds after every rerun."""
        at = self.at
        assert not at.exception and not failures(at), (self.log[-5:], [e.value for e in at.exception], failures(at))
        state = self.state()
        # the address reproduces the controls
        params = {k: at.query_params[k] for k in at.query_params}
        from_url, warnings = parse_query_params(params)
        assert warnings == [] and (from_url.x, from_url.y, from_url.w, from_url.b, from_url.lr, from_url.steps) == (
            state.x,
            state.y,
            state.w,
            state.b,
            state.lr,
            state.steps,
        ), self.log[-5:]
        assert (from_url.loss, from_url.view, from_url.mode) == (state.loss, state.view, state.mode)
        # the graph shows forward_backward of the controls (the quiz may hide derivatives, never values)
        figures = charts(at)
        p = forward_backward(list(state.x), state.y, list(state.w), state.b, state.loss, state.view)
        forward = trace(figures[0], "forward texts")["text"]
        for name in ("z", "a", "L"):
            assert f"{name} = {fmt(p.graph[name].value)}" in forward, (self.log[-5:], name)
        for fig in figures:
            no_nan(fig, self.log[-5:])
        for element in [*at.markdown, *at.caption, *at.latex, *at.warning, *at.error, *at.success, *at.info]:
            assert not NAN.search(str(element.value)), (self.log[-5:], element.value)


def no_nan(node: object, where: object) -> None:
    """No NaN in a figure's JSON: not in a base64 float array, not as text."""
    if isinstance(node, dict):
        if "bdata" in node and "dtype" in node:
            data = np.frombuffer(base64.b64decode(node["bdata"]), dtype=np.dtype(node["dtype"]))
            assert not (data.dtype.kind == "f" and np.isnan(data).any()), where
            return
        for value in node.values():
            no_nan(value, where)
    elif isinstance(node, list):
        for value in node:
            no_nan(value, where)
    elif isinstance(node, str):
        assert not NAN.search(node), (where, node[:80])
    elif isinstance(node, float):
        assert not math.isnan(node), where


@pytest.mark.parametrize("seed", SEEDS)
def test_random_use_by_two_students_at_once_never_breaks_and_matches_a_replay(seed):
    students = [Session(seed * 100 + 1), Session(seed * 100 + 2)]
    for student in students:
        student.check()
    order = random.Random(seed)
    runs = 0
    while runs < 2 * ACTIONS_PER_SESSION:
        student = order.choice(students)
        if len(student.log) >= ACTIONS_PER_SESSION:
            student = students[0] if student is students[1] else students[1]
        student.act()
        runs += 1
    every_mode = " ".join(log for student in students for log in student.log)
    assert all(f"in_mode {mode}" in every_mode for mode in ("quiz", "compare_runs", "dataset")), every_mode
    # two sessions, one process: neither saw the other's state
    a, b = (s.state() for s in students)
    assert json.dumps(students[0].log) != json.dumps(students[1].log)
    assert a == students[0].state() and b == students[1].state()

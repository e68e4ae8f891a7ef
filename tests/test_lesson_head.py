"""The lesson head's data: every phase's texts and ring, and every row's formulas, as the server itself
would draw them (the head builds the page's view from these in the browser); and the ops it sends."""

from __future__ import annotations

import json

import numpy as np
import pytest
from helpers import APP, charts, head, press, sigma, trace
from streamlit.testing.v1 import AppTest

from logreg_viz import descend, forward_backward
from logreg_viz.figures.animation import animation_spec, graph_at
from logreg_viz.figures.graph_text import moving_texts
from logreg_viz.figures.lesson_head import ARROW, held, lesson_head, masks
from logreg_viz.mathml import mathml
from logreg_viz.stepthrough import phases, reveals
from page.lesson_ops import KINDS, MAX_OPS, parse

X, Y, W, B = [1.0, 2.0], 1.0, [0.5, 0.25], 0.0


def walk_at(history, k, dx=False):
    x, w, b = history.x.tolist(), history.w[k].tolist(), float(history.b[k])
    p = forward_backward(x, history.y, w, b, history.loss_name)
    return p, phases(p, x, history.y, w, b, history.lr, dx)


@pytest.mark.parametrize("dx", [False, True])
@pytest.mark.parametrize("k", [0, 1, 7])
def test_masks_give_every_phase_of_every_row_as_the_server_writes_it(dx, k):
    """A phase's mask, applied to row k's own texts (its frame's), is the server's text for that phase
    at row k — though the masks were made at row 0."""
    h = descend(X, Y, W, B, lr=0.5, steps=10)
    _, walk0 = walk_at(h, 0, dx)
    made = masks(walk0, graph_at(h, 0, "lecture"), dx)
    p, walk = walk_at(h, k, dx)
    own = moving_texts(graph_at(h, k, "lecture"), reveals(walk, p.graph, dx)[0])
    names = [n.name for n in p.graph.nodes]
    row_arrows = {names.index(ph.name): ph for ph in walk if ph.kind == "update"}
    for phase, reveal in enumerate(reveals(walk, p.graph, dx)):
        want = moving_texts(p.graph, reveal)
        got = []
        for g, group in enumerate(own):
            out = []
            for i, text in enumerate(group):
                entry = made[phase][g][i]
                if entry is None:
                    out.append(text)
                elif entry == ARROW:
                    out.append(f"{text} → {want[0][i].split(' → ')[1]}")
                    assert i in row_arrows
                else:
                    out.append(entry)
            got.append(out)
        assert got == want, (phase, got, want)


def test_the_head_holds_each_rows_formulas_and_arrows_as_the_walk_writes_them():
    h = descend(X, Y, W, B, lr=0.5, steps=10)
    _, walk = walk_at(h, 0)
    lesson = lesson_head(h, np.arange(11), "lecture", False, walk, graph_at(h, 0, "lecture"))
    assert sorted(lesson["walks"]) == ["0", "1", "10"]
    for k in (0, 1, 10):
        _, walk_k = walk_at(h, k)
        assert lesson["walks"][str(k)]["formulas"] == [mathml(ph.latex) for ph in walk_k]
    # row 1's update of w1, by hand: w1 = 0.5 − 0.5·(σ(1) − 1) after one step, then another step
    w1 = 0.5 - 0.5 * (sigma(1.0) - 1.0)
    z = w1 + 2 * (0.25 - 0.5 * 2 * (sigma(1.0) - 1.0)) - 0.5 * (sigma(1.0) - 1.0)
    arrow = lesson["walks"]["1"]["arrows"][[n.name for n in graph_at(h, 1, "lecture").nodes].index("w1")]
    assert arrow == f" → {w1 - 0.5 * (sigma(z) - 1.0):.4g}"
    assert lesson["rows"] == list(range(11)) and all(lesson["held"])
    assert [s["title"] for s in lesson["walk"]] == [ph.title for ph in walk]


def test_a_row_the_controls_cannot_hold_is_not_held():
    h = descend([1000.0, 2000.0], 0.0, [0.0, 0.0], 0.0, lr=1e306, steps=3)
    assert held(h).tolist() == [True, False, False, False]
    h = descend(X, Y, W, B, lr=5e4, steps=2)  # w1 = 0.5 + 5·10⁴·(1 − σ(1)) ≈ 13 445: past ±10 000
    assert held(h).tolist()[0] and not held(h).tolist()[1]


@pytest.mark.parametrize("presenter", [False, True])
def test_every_rings_box_is_the_ring_the_server_draws_for_that_node(presenter):
    h = descend(X, Y, W, B, lr=0.5, steps=5)
    p, walk = walk_at(h, 0)
    every = reveals(walk, p.graph)
    for phase in range(1, len(walk) + 1):
        node = walk[phase - 1].node
        spec = animation_spec(h, "lecture", ("w1", "w2"), every[phase], node, every, presenter=presenter)
        ring = trace(spec, "highlight")
        assert spec["rings"][0][node] == [ring["x"], ring["y"]]
        index = [t.get("meta") for t in spec["data"]].index("highlight")
        for variant, rings in zip(spec["variants"][1:], spec["rings"][1:], strict=True):
            patch = variant["traces"].get(str(index), {})  # what differs from the first layout's
            assert rings[node] == [patch.get("x", ring["x"]), patch.get("y", ring["y"])]


@pytest.mark.parametrize(
    "message",
    [
        None,
        "step",
        {"ops": "step"},
        {"ops": [{"seq": 1, "kind": "jump"}]},
        {"ops": [{"seq": 0, "kind": "step"}]},
        {"ops": [{"seq": True, "kind": "step"}]},
        {"ops": [{"seq": 1.5, "kind": "step"}]},
        {"ops": [{"seq": 2**60, "kind": "step"}]},
        {"ops": [{"seq": 1, "kind": "step"}, "next"]},
        {"ops": [{"seq": n + 1, "kind": "step"} for n in range(MAX_OPS + 1)]},
    ],
)
def test_a_message_that_is_not_a_list_of_numbered_ops_is_dropped_whole(message):
    assert parse(message) == []


def test_ops_are_taken_in_number_order():
    assert parse({"ops": [{"seq": 3, "kind": "next"}, {"seq": 2, "kind": "step"}]}) == [(2, "step"), (3, "next")]
    assert set(KINDS) == {"step", "steps", "undo", "back", "next"}


def test_an_op_sent_twice_is_taken_once_and_a_bad_message_changes_nothing():
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.session_state["lesson_inbox"] = {"ops": [{"seq": 1, "kind": "step"}, {"seq": 2, "kind": "next"}]}
    at.run()
    once = (at.session_state["w1"], at.session_state["phase"])
    # Streamlit merged two reruns: the head sends the same ops again (those not yet acknowledged)
    at.session_state["lesson_inbox"] = {"ops": [{"seq": 1, "kind": "step"}, {"seq": 2, "kind": "next"}]}
    at.run()
    assert (at.session_state["w1"], at.session_state["phase"]) == once
    assert once[0] == 0.5 - 0.1 * (sigma(1.0) - 1.0) and once[1] == 1
    assert head(at)["acked"] == 2 and head(at)["own_taken"] == 1
    at.session_state["lesson_inbox"] = {"ops": [{"seq": 3, "kind": "jump"}]}
    at.run()
    assert (at.session_state["w1"], at.session_state["phase"]) == once and not at.exception


def test_the_head_carries_undos_state_and_the_recurrence_is_on_the_page():
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert "undo_view" not in head(at)
    # the lecture's example: z moves by −α(‖x‖² + 1)·dz = −0.1·6·dz
    assert any("zₖ₊₁ = zₖ − 0.6·dzₖ" in c.value and "cannot oscillate" in c.value for c in at.caption)
    press(at, "step")
    fields = head(at)
    assert fields["undo"] == 1 and fields["undo_steps"] == 1
    texts = fields["undo_view"]["data"][0]["text"]  # forward texts of the state before the step
    assert "w1 = 0.5" in texts and "z = 1" in texts
    figure = charts(at)[0]
    assert json.dumps(figure["lesson"]["walks"]["0"]["formulas"][0]).count("<math") == 1


def test_a_quiz_keeps_the_walk_closed_and_sends_no_formula_ahead():
    """While the quiz keeps its answers, the payload holds no run to go through and no formula: the
    head leaves every press to the server."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["mode"] = "quiz"
    at.run()
    figure = charts(at)[0]
    assert figure["lesson"]["rows"] == [] and not figure.get("frames")
    assert figure["lesson"]["walks"]["0"]["formulas"] == [None] * len(figure["lesson"]["walk"])
    assert "masks" not in figure["lesson"] and "undo_view" not in figure["head"]
    assert figure["head"]["limit"] == 0

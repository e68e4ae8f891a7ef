"""The page, driven the way a person drives it (AppTest): URL, presets, Step, Undo, every size and view."""

import math
import re

import pytest
from helpers import (
    APP,
    charts,
    decode,
    failures,
    formula,
    head,
    lecture_after,
    node_texts,
    press,
    shown,
    sigma,
    trace,
    where,
)
from streamlit.testing.v1 import AppTest

from logreg_viz.state import PRESETS


def run(params: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception and not failures(at)
    return at


def test_default_page_shows_the_lecture_numbers():
    at = run()
    fwd, bwd = node_texts(charts(at)[0])
    a = sigma(1.0)
    assert f"a = {shown(a)}" in fwd and f"dz = {shown(a - 1)}" in bwd and f"dw2 = {shown(2 * (a - 1))}" in bwd
    assert len(charts(at)) == 2  # the lesson (graph, contour, loss curve, boundary), the surface
    assert at.query_params["w1"] == "0.5" and at.query_params["lr"] == "0.1"


def test_url_sets_the_state_and_the_graph_reads_it_back():
    at = run({"x1": "2", "x2": "-1", "y": "0", "w1": "0.3", "w2": "0.7", "b": "0.2", "lr": "0.5", "steps": "20"})
    z = 0.3 * 2 + 0.7 * -1 + 0.2
    a = sigma(z)
    fwd, bwd = node_texts(charts(at)[0])
    assert f"z = {shown(z)}" in fwd and f"dz = {shown(a)}" in bwd and f"dw1 = {shown(2 * a)}" in bwd
    assert not at.warning


def test_step_applies_the_update_rule_and_undo_restores():
    at = run()
    dz = sigma(1.0) - 1
    press(at, "step")
    assert at.session_state["w1"] == 0.5 - 0.1 * (1.0 * dz)
    assert at.session_state["w2"] == 0.25 - 0.1 * (2.0 * dz)
    assert at.session_state["b"] == 0.0 - 0.1 * dz
    assert at.query_params["w1"] == repr(0.5 - 0.1 * dz)
    press(at, "undo")
    assert (at.session_state["w1"], at.session_state["w2"], at.session_state["b"]) == (0.5, 0.25, 0.0)


def test_a_step_beyond_the_controls_range_is_refused_and_says_so():
    at = run({"lr": "1e306"})
    press(at, "step")  # dw1 = x1·(σ(1) − 1) ≈ −0.27, so w1 would go to ≈ 2.7·10³⁰⁵
    assert any("beyond ±10000" in e.value and "nothing was applied" in e.value for e in at.error)
    assert (at.session_state["w1"], at.session_state["w2"], at.session_state["b"]) == (0.5, 0.25, 0.0)
    assert head(at)["undo"] == 0  # nothing to undo: the head's Undo is disabled


def test_undo_after_adding_a_feature_restores_the_old_ones_and_keeps_the_new():
    at = run()
    press(at, "step")
    at.selectbox(key="n").set_value(3).run()
    at.number_input(key="w3").set_value(0.75).run()
    press(at, "undo")
    assert (at.session_state["w1"], at.session_state["w2"], at.session_state["w3"]) == (0.5, 0.25, 0.75)
    assert at.session_state["b"] == 0.0 and not at.exception


def test_take_k_steps_lands_where_a_plain_loop_lands():
    at = run({"steps": "25", "lr": "0.5"})
    press(at, "steps")
    w, b = [0.5, 0.25], 0.0
    for _ in range(25):
        dz = sigma(w[0] * 1 + w[1] * 2 + b) - 1
        w, b = [w[0] - 0.5 * dz, w[1] - 0.5 * 2 * dz], b - 0.5 * dz
    assert at.session_state["w1"] == pytest.approx(w[0], rel=1e-12)
    assert at.session_state["b"] == pytest.approx(b, rel=1e-12)


def test_step_through_walks_to_the_update_with_the_right_formula():
    at = run()
    for _ in range(9):
        press(at, "next")
    # w1 := w1 − α dw1 = 0.5 − 0.1 · (−0.2689) = 0.5269, numbers in MathML's <mn>
    numbers = re.findall("<mn>([^<]*)</mn>", formula(at))
    assert numbers[-4:] == ["0.5", "0.1", "0.2689", "0.5269"] and "<mi>&#x003B1;</mi>" in formula(at)
    graph = charts(at)[0]
    ring = [v for v in trace(graph, "highlight")["x"] if v is not None]
    forward = trace(graph, "forward texts")
    w1_x = forward["x"][forward["text"].index("w1 = 0.5 → 0.5269")]  # old → new, as the update says
    assert ring and min(ring) < w1_x < max(ring)


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_preset_runs_and_tells_its_story(name):
    at = run({"preset": name})
    assert any(PRESETS[name].label in m.value for m in [*at.markdown, *at.caption])
    if name == "overflow":
        # α·dw1 = 10³⁰⁶ × x1·(a − y) = 10³⁰⁶ × 1000 · 1: past float64 at the first step
        assert any("Diverged" in e.value and "At step 1" in e.value and "1·10³⁰⁶ × 1000" in e.value for e in at.error)
    if name == "lr_too_large":
        assert any("went up" in w.value for w in at.warning)
    if name == "confident_wrong":
        _, bwd = node_texts(charts(at)[0])
        assert f"{1 + math.exp(12):.4g}" == "1.628e+05"  # the hand value behind the text below
        assert "da = 1.628·10⁵" in bwd
        # cross-entropy: the flat sigmoid is cancelled, so no flag, and the caption says so calmly
        assert trace(charts(at)[0], "saturation flag")["text"] == [" "]
        assert any("cross-entropy cancels it" in c.value for c in at.caption)
        assert not any("⚠" in c.value for c in at.caption)


def test_a_stalled_squared_error_run_is_flagged_on_the_graph_and_under_it():
    at = run({"preset": "confident_wrong", "loss": "squared"})
    # z = 12: a(1−a) = e⁻¹²/(1 + e⁻¹²)² = 6.144·10⁻⁶, and a − y ≈ 1
    assert trace(charts(at)[0], "saturation flag")["text"] == ["⚠ stuck: a(1−a) = 6.144·10⁻⁶ stalls dz"]
    assert any(c.value.startswith("⚠ **Stuck.**") for c in at.caption)


def test_a_converged_run_raises_no_saturation_alarm():
    w, b, z = lecture_after(1000)  # a(1−a) ≈ 0.0017 < 0.01, but a ≈ 0.998 with y = 1
    assert sigma(z) * sigma(-z) < 0.01
    at = run({"w1": repr(w[0]), "w2": repr(w[1]), "b": repr(b)})
    assert trace(charts(at)[0], "saturation flag")["text"] == [" "]
    assert not any("⚠" in c.value or "flat" in c.value for c in at.caption)


@pytest.mark.parametrize("n", [1, 2, 3, 4])
@pytest.mark.parametrize("loss", ["cross_entropy", "squared"])
@pytest.mark.parametrize("view", ["lecture", "expanded"])
def test_every_size_loss_and_view_runs(n, loss, view):
    at = run({"n": str(n), "loss": loss, "view": view, "steps": "10"})
    assert len(charts(at)) == 2
    assert at.query_params["n"] == str(n)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("x1", "abc"),
        ("lr", "nan"),
        ("lr", "inf"),
        ("steps", "-3"),
        ("y", "7"),
        ("loss", "<b>x</b>"),
        ("zz", "1"),
        ("w1", "1e400"),
        ("preset", "lectur"),
    ],
)
def test_bad_url_values_warn_and_fall_back(key, value):
    at = run({key: value})
    assert any(key in w.value for w in at.warning)
    fwd, _ = node_texts(charts(at)[0])
    assert f"a = {shown(sigma(1.0))}" in fwd  # the default example, untouched
    assert key not in at.query_params or at.query_params[key] != value  # the URL is rewritten clean


def test_changing_a_control_updates_graph_and_url():
    at = run()
    at.number_input(key="w1").set_value(1.5).run()
    z = 1.5 + 0.5
    fwd, _ = node_texts(charts(at)[0])
    assert f"z = {shown(z)}" in fwd and at.query_params["w1"] == "1.5"


def test_changing_n_keeps_features_and_fixes_the_pair():
    at = run()
    at.selectbox(key="n").set_value(1).run()
    assert at.query_params["pair"] == "w1,b" and at.query_params["x1"] == "1.0" and "x2" not in at.query_params


def test_a_step_leaves_the_3d_surface_unchanged_so_its_camera_stays():
    at = run()
    before, lesson = charts(at)[1], charts(at)[0]
    press(at, "step")
    assert charts(at)[1] == before
    assert charts(at)[0] != lesson  # while the lesson does follow the new start
    at.number_input(key="w2").set_value(1.0).run()  # a control change starts a new run: a new surface
    assert charts(at)[1] != before


def test_nudge_mode_sets_the_central_difference_beside_each_derivative():
    at = run({"mode": "nudge", "eps": "0.001"})
    table = at.table[0].value
    rows = {
        q: (a, e)
        for q, a, e in zip(table["quantity"], table["backward (analytic)"], table["nudge, ε = 0.001"], strict=True)
    }
    a = sigma(1.0)
    # hand values: dw1 = x1·(a − y), and the secant of L(w1) = −log σ(w1 + 0.5) at ±0.001
    assert rows["w1"][0] == f"dw1 = {(a - 1):.7g}".replace("-", "−")
    secant = (math.log(1 + math.exp(-(1.001))) - math.log(1 + math.exp(-(0.999)))) / 0.002
    assert rows["w1"][1] == f"{secant:.7g}".replace("-", "−")
    assert set(rows) == {"w1", "w2", "b", "x1", "x2", "z", "a"}
    assert at.query_params["mode"] == "nudge" and at.query_params["eps"] == "0.001"


def test_modes_and_presenter_are_kept_in_the_url():
    at = run()
    at.radio(key="mode").set_value("nudge").run()
    assert at.query_params["mode"] == "nudge" and len(at.table) == 1
    at.toggle(key="presenter").set_value(True).run()
    assert at.query_params["presenter"] == "1"
    at.radio(key="mode").set_value("explore").run()
    assert "mode" not in at.query_params and not at.table


def test_export_buttons_are_offered():
    at = run()
    labels = [b.label for b in at.get("download_button")]
    assert labels[:2] == ["History (CSV)", "Animation (HTML, plays offline)"]


def test_compare_losses_shows_both_dz_rules_by_hand():
    at = run({"preset": "confident_wrong", "mode": "compare_losses"})
    figures = charts(at)
    a = sigma(12.0)  # z = 2·3 + 3·2 = 12, y = 0
    _, ce = node_texts(figures[0])
    _, sq = node_texts(figures[1])
    # cross-entropy: dz = a − y = 1 − σ(−12), σ(−12) = 6.144·10⁻⁶: the gap to 1, two digits of it
    assert f"{sigma(-12.0):.2g}" == "6.1e-06" and "dz = 1 − 6.1·10⁻⁶" in ce
    mantissa, exponent = f"{a * a * (1 - a):.3e}".split("e")  # squared: (a − y)·a(1−a) ≈ 6.144e-06
    superscript = str(int(exponent)).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    assert f"dz = {mantissa}·10{superscript}" in sq
    # squared error stalls there, cross-entropy does not: only the squared graph carries the flag
    assert trace(figures[1], "saturation flag")["text"] == [f"⚠ stuck: a(1−a) = {mantissa}·10{superscript} stalls dz"]
    assert trace(figures[0], "saturation flag")["text"] == [" "]
    assert at.query_params["mode"] == "compare_losses"
    comparison = [f for f in figures if f["layout"].get("yaxis4", {}).get("type") == "log"]
    assert len(comparison) == 1
    names = [t.get("name") for t in comparison[0]["data"]]
    assert "cross-entropy: a" in names and "squared error: |dz|" in names


def quiz_answer(at: AppTest, text: str) -> AppTest:
    at.text_input(key="quiz_guess").input(text)
    at.button[[b.label for b in at.button].index("Check")].click()
    return at.run()


def test_quiz_checks_each_prediction_keeps_score_and_reveals_the_formula():
    at = run({"mode": "quiz", "hide": "1"})
    a = sigma(1.0)
    _, bwd = node_texts(charts(at)[0])
    assert "da = ?" in bwd and "dz = ?" in bwd  # nothing given away yet
    quiz_answer(at, f"{-1 / a:.4f}")  # da = −1/a, by hand
    assert "Right" in at.success[0].value and any("score this session: **1 / 1**" in m.value for m in at.markdown)
    _, bwd = node_texts(charts(at)[0])
    assert f"da = {shown(-1 / a)}" in bwd and "dz = ?" in bwd  # revealed one at a time
    quiz_answer(at, "0.5")  # dz is a − y ≈ −0.2689: wrong
    assert at.error and "= a - y = 0.7311 - 1 = -0.2689" in at.latex[-1].value
    assert any("score this session: **1 / 2**" in m.value for m in at.markdown)
    quiz_answer(at, "minus a quarter")
    assert any("not a number" in w.value for w in at.warning)


def test_compare_runs_branches_and_judges_each_run():
    at = run({"y": "0.75", "lr": "0.5", "steps": "60", "mode": "compare_runs"})
    at.number_input(key="branch_at").set_value(10)
    at.number_input(key="branch_lr").set_value(3.0)
    at.button(key="add_branch").click().run()
    assert at.query_params["runs"] == "10@3.0"
    table = at.table[-1].value
    assert list(table["run"]) == ["main, α = 0.5", "from step 10, α = 3"]
    assert list(table["verdict"]) == ["converging", "oscillating"]
    at.button(key="clear_branches").click().run()
    assert "runs" not in at.query_params


def test_compare_runs_from_a_link():
    at = run({"mode": "compare_runs", "runs": "0@0.01;5@1"})
    assert len(at.table[-1].value["run"]) == 3
    # y = 1, cross-entropy: dz = a − 1 < 0 at every step, so the page says no α oscillates here
    assert set(at.table[-1].value["verdict"]) == {"converging"}
    assert any("no α makes this run oscillate" in c.value for c in at.caption)


@pytest.mark.parametrize("params", [{"y": "0.75"}, {"loss": "squared"}])
def test_compare_runs_says_nothing_of_hard_labels_where_it_does_not_hold(params):
    at = run({"mode": "compare_runs", **params})
    assert not any("no α makes this run oscillate" in c.value for c in at.caption)


def test_dataset_mode_runs_batch_and_stochastic_descent_on_a_builtin_set():
    at = run({"mode": "dataset", "data": "outlier", "lr": "0.5", "steps": "50"})
    from logreg_viz.datasets import builtin

    d = builtin("outlier")
    figure = [f for f in charts(at) if any(t.get("name") == "full batch" for t in f["data"])]
    assert len(figure) == 1
    # the batch run's loss curve starts at log 2: w = 0, b = 0 predicts a = 1/2 for every example
    curve = next(t for t in figure[0]["data"] if t.get("name") == "full batch")
    assert decode(curve["y"])[0] == pytest.approx(math.log(2), rel=1e-4)
    assert at.query_params["data"] == "outlier" and len(d.y) == 21


def test_dataset_mode_adds_a_typed_point():
    at = run({"mode": "dataset"})
    at.number_input(key="point_x1").set_value(2.5)
    at.number_input(key="point_x2").set_value(-1.0)
    at.selectbox(key="point_y").set_value(1)
    at.button[[b.label for b in at.button].index("Add this point")].click().run()
    assert any("Added (2.5, -1)" in s.value for s in at.success)
    assert any("21 examples" in c.value for c in at.caption)


def test_quiz_keeps_the_animation_away_until_every_answer_is_in():
    at = run({"mode": "quiz", "hide": "1"})
    assert len(charts(at)) == 1 and not charts(at)[0]["frames"]  # the lesson, nothing to play
    a = sigma(1.0)
    dz = a - 1
    for value in (-1 / a, dz, dz, 2 * dz, dz, 0.5 - 0.1 * dz, 0.25 - 0.1 * 2 * dz, -0.1 * dz):  # by hand
        quiz_answer(at, f"{value:.5f}")
    assert any("score this session: **8 / 8**" in m.value for m in at.markdown)
    assert len(charts(at)) == 2 and charts(at)[0]["frames"]  # the run and the surface are back


def test_a_failing_section_shows_a_short_message_logs_the_traceback_and_the_rest_works(monkeypatch):
    import logging

    import logreg_viz.figures.surface3d

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail 8431")

    monkeypatch.setattr(logreg_viz.figures.surface3d, "surface_spec", broken)  # what the page draws from
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    logging.getLogger("logreg_viz.app").addHandler(handler)
    try:
        at = AppTest.from_file(APP, default_timeout=30)
        at.query_params["lr"] = "0.1234567"  # a state no earlier test cached
        at.run()
    finally:
        logging.getLogger("logreg_viz.app").removeHandler(handler)
    assert not at.exception
    assert failures(at) == [
        "The loss surface could not be drawn for these settings — the rest of the page still works. "
        "Try other settings or Reset; the details are in the server's log."
    ]
    assert len(charts(at)) == 1  # the lesson is there
    page = " ".join(str(e.value) for e in [*at.markdown, *at.caption, *at.error, *at.warning])
    assert "secret detail" not in page
    assert records and "secret detail 8431" in str(records[0].exc_info[1])


def steps_taken(at: AppTest) -> str:
    """What the line under the lesson's buttons says from "Steps taken" on."""
    line = where(at)
    return line[line.index("Steps taken") :]


def test_take_k_adds_k_to_the_steps_taken_and_undo_takes_all_k_back():
    at = run({"steps": "100"})
    press(at, "steps")
    press(at, "step")
    assert steps_taken(at).startswith("Steps taken: **101**.")
    press(at, "undo")
    assert steps_taken(at).startswith("Steps taken: **100**.")
    press(at, "undo")
    assert steps_taken(at).startswith("Steps taken: **0**.")
    assert (at.session_state["w1"], at.session_state["w2"], at.session_state["b"]) == (0.5, 0.25, 0.0)


def test_a_value_the_link_gives_with_a_space_is_in_force_in_the_same_run():
    at = run({"presenter": " 1"})
    assert at.session_state["presenter"] is True
    assert any("font-size: 1.3rem" in h.proto.body for h in at.get("html"))  # presenter type, this very run


def test_compare_runs_gives_its_widgets_values_one_way_only(caplog):
    with caplog.at_level("WARNING"):
        at = run({"mode": "compare_runs", "runs": "10@3", "steps": "5"})
    assert at.number_input(key="branch_at").value == 5  # K = 5 caps the step chosen before
    assert not [r for r in caplog.records if "default value" in r.getMessage()]


def test_many_examples_diverged_tell_their_story():
    import numpy as np

    from logreg_viz.datasets import Dataset

    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update(mode="dataset", lr="1e306", steps="20")
    # a learner's own data, as an upload leaves it: values up to ±10 000
    at.session_state["own_data"] = Dataset(
        "your data", np.array([[1e4, -1e4], [-1e4, 1e4], [5e3, 1.0]]), np.array([1.0, 0, 1])
    )
    at.run()
    assert not at.exception
    story = [e.value for e in at.error if "Diverged" in e.value]
    assert story and "full batch from step 1" in story[0] and "stochastic from step" in story[0]


def test_the_safety_settings_in_force_raise_no_warning():
    at = run()
    assert not [w for w in at.warning if "not set up as the README promises" in w.value]


def test_next_and_back_are_enabled_exactly_when_they_can_move():
    at = run()
    # the head enables Back while the phase is past 0, and Next while it is before the limit
    assert (head(at)["phase"], head(at)["limit"]) == (0, 11)
    press(at, "next")
    assert at.session_state["phase"] == 1 and head(at)["phase"] == 1
    press(at, "back")
    assert at.session_state["phase"] == 0 and head(at)["phase"] == 0
    press(at, "back")  # Back at 0 stays at 0
    assert at.session_state["phase"] == 0
    for _ in range(12):  # to the last of the lecture's 11 phases, and once more
        press(at, "next")
    assert at.session_state["phase"] == 11 and head(at)["phase"] == head(at)["limit"] == 11
    assert "Phase 11 of 11" in where(at)

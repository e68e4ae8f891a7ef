"""Figure builders read as data: node texts, edge labels, arrows, frames."""

import json
import math
import sys

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from helpers import arranged_layouts, decode, frame_trace, lecture_after, shown, sigma, trace, traces

from logreg_viz import descend, forward_backward
from logreg_viz.figures import make_animation_figure, make_graph_figure, make_surface_figure
from logreg_viz.figures.animation import MOVING, animation_spec
from logreg_viz.figures.compare import make_loss_comparison_figure
from logreg_viz.figures.panels import loss_range
from logreg_viz.figures.playback import frame_rows
from logreg_viz.figures.runs import runs_spec
from logreg_viz.figures.style import VIRIDIS
from logreg_viz.figures.surface3d import surface_spec
from logreg_viz.state import PRESETS
from logreg_viz.validate import LOSSES
from logreg_viz_components.payload import figure_payload

X, Y, W, B = [1.0, 2.0], 1.0, [0.5, 0.25], 0.0


def test_graph_nodes_show_forward_values_and_lecture_derivatives():
    fig = make_graph_figure(forward_backward(X, Y, W, B).graph)
    fwd, bwd = trace(fig, "forward texts").text, trace(fig, "backward texts").text
    a = sigma(1.0)
    dz = a - 1
    assert "z = 1" in fwd and f"a = {shown(a)}" in fwd and f"L = {shown(-math.log(a))}" in fwd
    assert f"dz = {shown(dz)}" in bwd and f"dw1 = {shown(dz)}" in bwd and f"dw2 = {shown(2 * dz)}" in bwd
    assert f"db = {shown(dz)}" in bwd and f"da = {shown(-1 / a)}" in bwd


def test_every_edge_carries_its_local_derivative():
    fig = make_graph_figure(forward_backward(X, Y, W, B).graph)
    formulas, values = trace(fig, "edge formulas").text, trace(fig, "edge values").text
    a = sigma(1.0)
    pairs = {f.strip().replace("<br>", " "): v.strip() for f, v in zip(formulas, values, strict=True)}
    assert pairs["∂z/∂w1 = x1"] == "= 1" and pairs["∂z/∂w2 = x2"] == "= 2" and pairs["∂z/∂b"] == "= 1"
    assert pairs["∂a/∂z = a(1−a)"] == f"= {shown(a * (1 - a))}"
    assert pairs["∂L/∂a = −y/a + (1−y)/(1−a)"] == f"= {shown(-1 / a)}"


def test_a_stalling_saturated_sigmoid_is_flagged_and_nothing_reads_nan():
    # the preset "Wrong and confident": z = 12, y = 0, a(1−a) = e⁻¹²/(1 + e⁻¹²)² by hand
    slope = math.exp(-12) / (1 + math.exp(-12)) ** 2
    assert f"{slope:.4g}" == "6.144e-06"
    squared = make_graph_figure(forward_backward([2.0, 3.0], 0.0, [3.0, 2.0], 0.0, "squared").graph)
    assert trace(squared, "saturation flag").text == ("⚠ stuck: a(1−a) = 6.144·10⁻⁶ stalls dz",)
    # cross-entropy's dz = a − y = 1 carries no a(1−a): the same flat sigmoid stalls nothing
    cross_entropy = make_graph_figure(forward_backward([2.0, 3.0], 0.0, [3.0, 2.0], 0.0).graph)
    assert trace(cross_entropy, "saturation flag").text == (" ",)  # empty is sent as a space
    for fig in (squared, cross_entropy):
        assert "nan" not in pio.to_json(fig).lower()


def test_a_converged_run_is_not_flagged_though_its_sigmoid_is_flat():
    w, b, z = lecture_after(1000)
    assert sigma(z) * sigma(-z) < 0.01 and 1 - sigma(z) < 0.01  # flat, and a is within 1 % of y = 1
    fig = make_graph_figure(forward_backward(X, Y, w, b).graph)
    assert trace(fig, "saturation flag").text == (" ",)
    h = descend(X, Y, W, B, lr=0.1, steps=1000)
    assert h.z[-1] == pytest.approx(z, rel=1e-12)
    anim = make_animation_figure(h)
    assert all(frame_trace(anim, f, "saturation flag").text == (" ",) for f in anim.frames)


def test_a_next_to_one_is_never_shown_as_one():
    # x = (2, 3), w = (3, 2): z = 12, a = σ(12) = 1 − 6.144·10⁻⁶ (by hand: e⁻¹²/(1 + e⁻¹²))
    fig = make_graph_figure(forward_backward([2.0, 3.0], 0.0, [3.0, 2.0], 0.0).graph)
    assert "a = 1 − 6.1·10⁻⁶" in trace(fig, "forward texts").text
    runs = {loss: descend([2.0, 3.0], 0.0, [3.0, 2.0], 0.0, lr=0.1, steps=10, loss=loss) for loss in LOSSES}
    for curve in traces(make_loss_comparison_figure(runs), "a over steps"):
        assert curve.text[0] == "1 − 6.1·10⁻⁶" and "1" not in curve.text


def test_highlight_rings_the_named_node_only():
    fig = make_graph_figure(forward_backward(X, Y, W, B).graph, highlight="z")
    xs = [v for v in trace(fig, "highlight").x if v is not None]
    forward = trace(fig, "forward texts")
    z_x = forward.x[list(forward.text).index("z = 1")]
    assert len(xs) == 5 and np.isclose(np.mean(xs[:4]), z_x, atol=0.1)  # px, to a tenth
    assert trace(make_graph_figure(forward_backward(X, Y, W, B).graph), "highlight").x in (None, ())


def test_animation_frames_hold_only_the_moving_traces_and_follow_the_history():
    h = descend(X, Y, W, B, lr=0.1, steps=100)
    fig = make_animation_figure(h)
    frames = fig.frames
    moving = sorted(fig.data.index(trace(fig, role)) for role in MOVING)
    assert len(frames) == 101 and all(sorted(f.traces) == moving for f in frames)
    assert all(len(f.data) == len(MOVING) for f in frames)
    assert all(t.type == "scatter" for t in fig.data)  # plotly.js's animate leaves every one of them drawn
    k = 37
    point = frame_trace(fig, frames[k], "point")
    assert point.x[0] == pytest.approx(h.w[k, 0], rel=1e-5) and point.y[0] == pytest.approx(h.w[k, 1], rel=1e-5)
    grad = frame_trace(fig, frames[k], "gradient")
    step = frame_trace(fig, frames[k], "step")
    dw = h.x * (sigma(h.w[k] @ h.x + h.b[k]) - 1)  # the gradient, by the lecture's formula
    assert grad.x[1] - grad.x[0] == pytest.approx(dw[0], rel=1e-4, abs=1e-6)
    assert step.y[1] == pytest.approx(h.w[k, 1] - 0.1 * dw[1], rel=1e-5)
    assert step.x[1] == pytest.approx(h.w[k + 1, 0], rel=1e-5)  # the step arrow ends at the next point
    texts = frame_trace(fig, frames[k], "backward texts").text
    assert f"dw1 = {shown(dw[0])}" in texts
    assert len(figure_payload(animation_spec(h))) < 120_000  # the bytes the page sends


def test_the_loss_axis_holds_still_while_the_marker_moves():
    """A fixed loss axis from 0 to 8 % above the highest finite loss shown (hand-worked: the lecture's
    example starts at L = log(1 + e^-1) = 0.3133, its highest), with 4 % of room past each end so the
    corner's two "0"s do not meet; plotly.js's own range would pad around the moving marker and shift
    from frame to frame. The slider and Play redraw only the traces a frame names (`redraw: false`),
    which is what leaves the filled loss contour drawn."""
    h = descend(X, Y, W, B, lr=0.1, steps=100)
    layout = animation_spec(h)["layout"]
    top = math.log(1 + math.exp(-1)) * 1.08
    assert layout["yaxis3"]["range"] == pytest.approx([-0.04 * top, 1.04 * top], rel=1e-9)
    assert "rangemode" not in layout["yaxis3"]
    assert loss_range(np.array([0.5, np.inf, 0.25])) == {"range": [0.0, 0.54]}
    assert loss_range(np.array([np.inf, np.inf])) == {"rangemode": "tozero"}  # nothing finite: plotly.js ranges it
    assert loss_range(np.array([1e305])) == {"range": [0.0, 1e305 * 1.08]}
    assert loss_range(np.array([1.7e308])) == {"range": [0.0, sys.float_info.max]}  # 8 % more would overflow
    controls = layout["sliders"][0]["steps"][5]["args"][1], layout["updatemenus"][0]["buttons"][0]["args"][1]
    assert not any(c["frame"]["redraw"] for c in controls)


def test_many_steps_are_thinned_to_a_light_animation():
    rows = frame_rows(1000)
    assert rows[0] == 0 and rows[-1] == 1000 and len(rows) <= 201
    assert len(frame_rows(50)) == 51


def test_diverged_run_draws_infinity_not_nan():
    h = descend([1000.0, 2000.0], 0.0, W, B, lr=1e306, steps=5)
    assert h.diverged[1:].all()
    for fig in (make_animation_figure(h), make_surface_figure(h)):
        text = pio.to_json(fig)
        assert "NaN" not in text and "Infinity" not in text
    fig = make_animation_figure(h)
    assert any("∞" in t for t in frame_trace(fig, fig.frames[2], "forward texts").text)


def overflow_preset_run():
    state = PRESETS["overflow"].state
    return descend(list(state.x), state.y, list(state.w), state.b, lr=state.lr, steps=state.steps)


def test_an_overflowed_run_draws_no_loss_from_the_overflow_on_and_marks_its_step():
    # the preset by hand: x = (1000, 2000), w = (0.5, 0.25), b = 0, y = 0, α = 10³⁰⁶.
    # z = 500 + 500 = 1000, a = σ(1000) = 1 in float64, dz = a − y = 1, dw1 = x1·dz = 1000, so
    # α·dw1 = 10³⁰⁹ > 1.8·10³⁰⁸: the first step overflows. The only loss reached is step 0's,
    # L = log(1 + e¹⁰⁰⁰) = 1000 + log(1 + e⁻¹⁰⁰⁰) = 1000.
    h = overflow_preset_run()
    spec = animation_spec(h)
    curve = trace(spec, "loss curve")
    assert curve["x"] == [0] and curve["y"] == [1000.0] and "markers" in curve["mode"]  # a lone point shows
    line = trace(spec, "overflow step")
    assert line["x"] == [1, 1] and line["y"][0] == 0.0 and line["y"][1] >= 1000.0
    assert line["text"][-1] == "overflow at step 1" and line["line"]["dash"] == "dash"
    assert (line["xaxis"], line["yaxis"]) == (curve["xaxis"], curve["yaxis"])  # in the loss panel
    fig = make_animation_figure(h)
    markers = [frame_trace(fig, f, "loss marker") for f in fig.frames]
    assert markers[0].x == (0,) and markers[0].y == (1000.0,)
    assert all(m.x == () and m.y == () for m in markers[1:])  # no loss marker at a fake L = 0
    # the same run among compared runs: its loss curve ends at step 0 too
    assert trace(runs_spec([("main", 0, h)]), "loss curve")["x"] == [0]


def test_a_run_that_did_not_overflow_has_no_overflow_mark():
    spec = animation_spec(descend(X, Y, W, B, lr=0.1, steps=20))
    assert traces(spec, "overflow step") == [] and trace(spec, "loss curve")["x"] == list(range(21))


@pytest.mark.parametrize("n", [1, 2, 3, 4])
@pytest.mark.parametrize("view", ["lecture", "expanded"])
def test_every_size_and_view_builds(n, view):
    x, w = [1.0, -1.0, 0.5, 2.0][:n], [0.3, 0.1, -0.2, 0.0][:n]
    pair = ("w1", "w2") if n > 1 else ("w1", "b")
    h = descend(x, 1.0, w, 0.1, lr=0.5, steps=30)
    fig = make_animation_figure(h, view, pair)
    assert len(trace(fig, "forward texts").text) == len(forward_backward(x, 1.0, w, 0.1, view=view).graph.nodes)
    assert trace(make_surface_figure(h, pair), "loss surface").type == "surface"


def test_surface_path_lies_on_the_drawn_surface():
    h = descend(X, Y, W, B, lr=0.5, steps=40)
    fig = make_surface_figure(h)
    surf, path = trace(fig, "loss surface"), trace(fig, "path")
    assert np.all(np.isfinite(np.asarray(surf.z, dtype=float)))
    u, v, z = (np.asarray(a, dtype=float) for a in (path.x, path.y, path.z))
    # the slice holds b at its start value: L = CE(w1·x1 + w2·x2 + b0)
    exact = np.array([math.log1p(math.exp(-(ui * 1 + vi * 2 + B))) for ui, vi in zip(u, v, strict=True)])
    span = float(np.max(surf.z) - np.min(surf.z))
    assert np.all(np.abs(z - exact) < 0.03 * span)


def _luminance(colour: str) -> float:
    """WCAG relative luminance of '#rrggbb'."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_the_3d_surface_marks_its_start_where_the_closed_form_puts_it():
    spec = surface_spec(descend(X, Y, W, B, lr=0.1, steps=100))
    start = trace(spec, "start")
    # the run's start is the lecture's (w1, w2) = (0.5, 0.25), b = 0: L = log(1 + e^−(0.5·1 + 0.25·2)) = log(1 + e⁻¹)
    loss = math.log1p(math.exp(-1))
    span = float(np.ptp(decode(trace(spec, "loss surface")["z"])))
    assert start["x"] == [0.5] and start["y"] == [0.25]
    assert 0 < start["z"][0] - loss < 0.05 * span  # lifted a little above the surface, never under it
    assert "start" in start["hovertemplate"] and not spec["layout"]["scene"].get("annotations")  # named on hover
    # another pair: (w1, b) = (0.5, 0), the same point of the same loss
    other = trace(surface_spec(descend(X, Y, W, B, lr=0.1, steps=10), ("w1", "b")), "start")
    assert other["x"] == [0.5] and other["y"] == [0.0] and other["z"][0] > loss


def test_the_3d_path_and_start_read_on_both_ends_of_viridis():
    spec = surface_spec(descend(X, 0.75, W, B, lr=3.0, steps=60))  # the zig-zag of "α too large"
    viridis = {c.lower() for _, c in VIRIDIS}
    path, edge, start = trace(spec, "path"), trace(spec, "path edge"), trace(spec, "start")
    colours = (path["line"]["color"], edge["line"]["color"], start["marker"]["color"])
    assert not viridis & {c.lower() for c in colours}
    dark, light = VIRIDIS[0][1], VIRIDIS[-1][1]  # '#440154' and '#fde725'
    assert _contrast(path["line"]["color"], dark) > 7 and _contrast(edge["line"]["color"], light) > 7
    assert _contrast(start["marker"]["color"], dark) > 3 and _contrast(start["marker"]["color"], light) > 3
    assert edge["line"]["width"] > path["line"]["width"]  # the dark edge shows either side of the white line
    assert np.array_equal(decode(edge["x"]), decode(path["x"]))


def test_the_3d_scene_has_no_empty_band_on_top_and_ticks_apart():
    spec = surface_spec(descend(X, Y, W, B, lr=0.1, steps=100))
    layout = spec["layout"]
    assert layout["margin"]["t"] <= 10
    scene = layout["scene"]
    assert all(scene[axis]["nticks"] <= 6 for axis in ("xaxis", "yaxis", "zaxis"))
    # the L axis starts below the lowest loss, so its lowest tick stands off the corner
    z = decode(trace(spec, "loss surface")["z"])
    low, high = float(z.min()), float(z.max())
    assert scene["zaxis"]["range"][0] <= low - 0.1 * (high - low)
    assert scene["zaxis"]["range"][1] >= high


def test_loss_comparison_draws_each_run_on_its_own_surface():
    from logreg_viz.figures.compare import make_loss_comparison_figure

    runs = {
        loss: descend([2.0, 3.0], 0.0, [3.0, 2.0], 0.0, lr=0.1, steps=40, loss=loss)
        for loss in ("cross_entropy", "squared")
    }
    fig = make_loss_comparison_figure(runs)
    paths = [t for t in fig.data if t.type == "scatter" and t.mode == "lines+markers"]
    for path, history in zip(paths, runs.values(), strict=True):
        assert np.allclose(np.asarray(path.x, float), history.w[:, 0], rtol=1e-4)
    a_lines = {t.name: np.asarray(t.y, float) for t in fig.data if t.name and t.name.endswith(": a")}
    # squared error barely moves a saturated prediction; cross-entropy brings it down towards y = 0
    assert a_lines["cross-entropy: a"][-1] < 0.1 < 0.99 < a_lines["squared error: a"][-1]


def test_dataset_figure_rings_the_example_each_stochastic_step_uses():
    from logreg_viz import batch_descend, stochastic_descend
    from logreg_viz.datasets import builtin
    from logreg_viz.figures.dataset import make_dataset_figure

    d = builtin("separable")
    runs = {
        "batch": batch_descend(d.X, d.y, [0.0, 0.0], 0.0, lr=0.5, steps=30),
        "sgd": stochastic_descend(d.X, d.y, [0.0, 0.0], 0.0, lr=0.5, steps=30, seed=4),
    }
    fig = make_dataset_figure(d.X, d.y, runs)
    frames = fig.frames
    assert len(frames) == 31 and all(len(f.data) == len(f.traces) for f in frames)
    for k in (0, 7, 29):
        used = runs["sgd"].example[k]
        assert frame_trace(fig, frames[k], "example used").x[0] == pytest.approx(d.X[used, 0], rel=1e-4)
    # a batch boundary after 30 steps: w·x + b = 0 at its two ends
    line = frame_trace(fig, frames[30], "batch boundary")
    w, b = runs["batch"].w[30], runs["batch"].b[30]
    for x1, x2 in zip(line.x, line.y, strict=True):
        assert abs(w[0] * x1 + w[1] * x2 + b) < 1e-3 * (abs(w).sum() + 1)


def test_a_run_beyond_float32_keeps_its_numbers_on_the_3d_surface():
    h = descend([1.0, 2.0], 1.0, [0.5, 0.25], 0.0, lr=1e300, steps=3)  # w1 ≈ 2.7·10²⁹⁹ after one step
    fig = make_surface_figure(h)
    path_u = np.asarray(trace(fig, "path").x, dtype=float)
    assert np.isfinite(path_u).all() and path_u.max() > 1e299
    assert np.isfinite(np.asarray(trace(fig, "loss surface").x, dtype=float)).all()


@pytest.mark.parametrize(
    "x, y, w, lr, steps, view, pair",
    [
        (X, Y, W, 0.1, 100, "lecture", ("w1", "w2")),
        ([1.0, 2.0, 3.0], 0.0, [5.0, 0.25, 1.0], 3.0, 50, "expanded", ("w2", "b")),
        ([1e300, 2.0], 1.0, [1e300, 0.25], 0.1, 10, "lecture", ("w1", "w2")),  # diverged: ±∞ on screen
        ([1.0], 1.0, [0.5], 10.0, 1000, "lecture", ("w1", "b")),  # thinned frames
    ],
)
def test_the_page_sends_the_same_animation_as_the_figure_would(x, y, w, lr, steps, view, pair):
    """The page serialises the plain-dict form; the browser must get what the go.Figure would send."""
    h = descend(x, y, w, 0.0, lr=lr, steps=steps)
    from_figure = json.loads(figure_payload(make_animation_figure(h, view, pair)))
    from_spec = json.loads(figure_payload(animation_spec(h, view, pair)))
    assert from_spec.pop("variants")  # the page's other layouts, merged in the browser (tested there)
    assert from_spec.pop("rings")  # where the lesson head rings each node, per layout (tested below)
    assert from_spec == _untyped_frames(from_figure)
    assert "NaN" not in json.dumps(from_spec)  # rings of the contour are separated by null, as plotly.js reads gaps


def _untyped_frames(figure: dict) -> dict:
    """The figure with `type` left out of its frames' traces: go.Frame writes "scatter" on each, the
    page does not send it (9 traces × 201 frames of bytes); plotly.js takes it from the trace a
    frame updates, so both draw the same."""
    frames = [dict(f, data=[{k: v for k, v in d.items() if k != "type"} for d in f["data"]]) for f in figure["frames"]]
    return dict(figure, frames=frames)


def _plain(node: object) -> object:
    """JSON as plotly writes it, with every typed array ({dtype, bdata}) decoded to a list of numbers.

    plotly.io writes a float32 array of a go.Figure as bdata and the same array in a plain dict as
    short decimals; both read back to the same float32, so numbers are compared at that precision."""
    if isinstance(node, dict):
        if "bdata" in node and "dtype" in node:
            return [_plain(float(v)) for v in decode(node)]
        return {k: _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, float) and abs(node) < 3e38:
        return float(np.float32(node))
    return node


@pytest.mark.parametrize("steps", [3, 100])
def test_go_figure_of_the_spec_is_the_spec(steps):
    """The page sends the plain-dict spec; notebooks and export get go.Figure(spec), checked by plotly.
    Both serialise (through plotly.io) to the same figure, frames included, arrays compared by value."""
    h = descend(X, Y, W, B, lr=0.1, steps=steps)
    spec = {k: v for k, v in animation_spec(h).items() if k not in ("variants", "rings")}  # the page's own parts
    figure = json.loads(pio.to_json(go.Figure(spec)))
    plain = json.loads(pio.to_json(spec, validate=False))
    assert _plain(_untyped_frames(figure)) == _plain(plain) and len(figure["frames"]) == steps + 1
    assert {d["type"] for f in figure["frames"] for d in f["data"]} == {"scatter"}


def _both_losses(x, y, w, lr, steps):
    return {loss: descend(x, y, w, 0.0, lr=lr, steps=steps, loss=loss) for loss in ("cross_entropy", "squared")}


def _branches(x, y, w, lr, steps):
    main = descend(x, y, w, 0.0, lr=lr, steps=steps)
    branch = descend(x, y, main.w[3].tolist(), float(main.b[3]), lr=lr * 10, steps=steps)
    return [("main", 0, main), ("from step 3", 3, branch)]


def _dataset(x, y, w, lr, steps):
    from logreg_viz import batch_descend, stochastic_descend
    from logreg_viz.datasets import builtin

    d = builtin("overlapping")
    runs = {
        "batch": batch_descend(d.X, d.y, w[:2], 0.0, lr=lr, steps=steps),
        "sgd": stochastic_descend(d.X, d.y, w[:2], 0.0, lr=lr, steps=steps, seed=2),
    }
    return d.X, d.y, runs


@pytest.mark.parametrize(
    "x, y, w, lr, steps",
    [
        (X, Y, W, 0.1, 100),
        ([2.0, 3.0], 0.0, [3.0, 2.0], 0.5, 40),
        ([1e300, 2.0], 1.0, [1e300, 0.25], 0.1, 10),  # diverged: ±∞ in the numbers
    ],
)
@pytest.mark.parametrize("which", ["graph", "quiz graph", "surface", "losses", "runs", "dataset"])
def test_the_page_sends_each_figure_as_plotly_would_send_it(which, x, y, w, lr, steps):
    """The page serialises plain dicts, unchecked; the browser must get exactly what the checked
    go.Figure of the public API would send."""
    from logreg_viz.figures.compare import loss_comparison_spec, make_loss_comparison_figure
    from logreg_viz.figures.dataset import dataset_spec, make_dataset_figure
    from logreg_viz.figures.graph import graph_spec
    from logreg_viz.figures.runs import make_runs_figure, runs_spec
    from logreg_viz.figures.surface3d import surface_spec

    graph = forward_backward(x, y, w, 0.0).graph
    h = descend(x, y, w, 0.0, lr=lr, steps=steps)
    figure, spec = {
        "graph": lambda: (make_graph_figure(graph), graph_spec(graph)),
        "quiz graph": lambda: (
            make_graph_figure(graph, "dz", "Backward", frozenset({"dz"})),
            graph_spec(graph, "dz", "Backward", frozenset({"dz"})),
        ),
        "surface": lambda: (make_surface_figure(h, ("w1", "b")), surface_spec(h, ("w1", "b"))),
        "losses": lambda: (
            make_loss_comparison_figure(_both_losses(x, y, w, lr, steps)),
            loss_comparison_spec(_both_losses(x, y, w, lr, steps)),
        ),
        "runs": lambda: (make_runs_figure(_branches(x, y, w, lr, steps)), runs_spec(_branches(x, y, w, lr, steps))),
        "dataset": lambda: (
            make_dataset_figure(*_dataset(x, y, w, lr, steps)),
            dataset_spec(*_dataset(x, y, w, lr, steps)),
        ),
    }[which]()
    from_figure = json.loads(figure_payload(figure))
    from_spec = json.loads(figure_payload(spec))
    if which.endswith("graph"):  # the page's graph comes with its other layouts and takes its chart's width
        assert from_spec.pop("variants")[0]["min_width"] == from_figure["layout"].pop("width")
    elif which != "surface":  # the page's other layouts; the figure is the first, the most readable
        assert from_spec.pop("variants")[0]["layout"] == {}
    assert from_spec == (_untyped_frames(from_figure) if "frames" in from_figure else from_figure)
    assert from_spec["data"] and from_spec["layout"]["template"]


def test_a_path_beyond_the_grid_s_reach_is_left_off_the_3d_surface_not_drawn_as_nan():
    """Parameters near 1e300 make the grid's cells infinitely wide: the path's heights there cannot be
    worked out, and the figure carries no NaN (a notebook call can ask for such a run)."""
    h = descend([1e300, 2.0], 1.0, [1e300, 0.25], 0.0, lr=0.1, steps=10)
    fig = make_surface_figure(h, ("w1", "b"))
    for drawn in fig.data:
        for values in (drawn.x, drawn.y, drawn.z):
            assert not np.isnan(np.asarray(values, dtype=float)).any()


def _mode_spec(which: str, presenter: bool) -> dict:
    from logreg_viz.figures.compare import loss_comparison_spec
    from logreg_viz.figures.dataset import dataset_spec

    return {
        "losses": lambda: loss_comparison_spec(_both_losses(X, Y, W, 0.1, 40), presenter=presenter),
        "runs": lambda: runs_spec(_branches(X, Y, W, 0.1, 40), presenter=presenter),
        "dataset": lambda: dataset_spec(*_dataset(X, Y, W, 0.1, 40), presenter=presenter),
    }[which]()


def _panels(layout: dict) -> list[tuple[list[float], list[float]]]:
    """Each panel's (x domain, y domain), x/y first."""
    names = sorted((k for k in layout if k.startswith("xaxis")), key=lambda k: int(k[5:] or 1))
    return [(layout[n]["domain"], layout["y" + n[1:]]["domain"]) for n in names]


@pytest.mark.parametrize("presenter", [False, True])
@pytest.mark.parametrize("which", ["losses", "runs", "dataset"])
def test_every_mode_figure_is_laid_out_readably_for_every_width(which, presenter):
    """Side by side at a readable size where the chart is wide, one under the other on a phone; the
    traces the same in every layout, so frames and the page find them where they were."""
    spec = _mode_spec(which, presenter)
    variants = spec["variants"]
    widths = [v["min_width"] for v in variants]
    assert len(variants) >= 3 and widths == sorted(widths, reverse=True) and len(set(widths)) == len(widths)
    assert variants[0]["layout"] == {} and all(v["traces"] == {} for v in variants)
    side_by_side = 16 if presenter else 13
    for i, layout in enumerate(arranged_layouts(spec)):
        panels = _panels(layout)
        axes = [layout[k] for k in layout if k[1:5] == "axis"]
        ticks = {a["tickfont"]["size"] for a in axes} | {layout["legend"]["font"]["size"]}
        titles = {a["font"]["size"] for a in layout["annotations"]}
        assert len(panels) == len(layout["annotations"]) and min(titles) > min(ticks) >= 12
        if i == 0:
            assert min(ticks) >= (18 if presenter else 15)
        columns = len({tuple(x) for x, _ in panels})
        if columns > 1:
            assert min(ticks) >= side_by_side
        for j, (x, y) in enumerate(panels):
            for other_x, other_y in panels[j + 1 :]:
                assert x[1] <= other_x[0] or other_x[1] <= x[0] or y[1] <= other_y[0] or other_y[1] <= y[0]
        if which == "dataset":  # a click on the page lands on the data plane: x/y, its range fixed
            assert layout["xaxis"]["title"]["text"] == "x1" and layout["xaxis"]["fixedrange"]
            controls = layout["updatemenus"][0]["font"]["size"], layout["sliders"][0]["font"]["size"]
            assert min(controls) >= min(ticks)
    stacked = _panels(arranged_layouts(spec)[-1])
    assert len({tuple(x) for x, _ in stacked}) == 1 and stacked[0][0][1] - stacked[0][0][0] > 0.7
    tops = [y[1] for _, y in stacked]
    assert tops == sorted(tops, reverse=True)  # one under the other, in the order of the panels


def test_corner_tick_labels_of_the_mode_panels_stand_apart():
    """Axes that start at 0 (steps, losses) or at the grid's edge (contours) run a little past it, so
    the two axes' first tick labels do not meet in the panel's corner."""
    losses, runs, data = (_mode_spec(which, False) for which in ("losses", "runs", "dataset"))
    for layout, step_axes, zero_axes in (
        (losses["layout"], ("xaxis3", "xaxis4"), ("yaxis3",)),
        (runs["layout"], ("xaxis2",), ("yaxis2",)),
        (data["layout"], ("xaxis2",), ("yaxis2",)),
    ):
        for name in step_axes:
            assert layout[name]["range"][0] <= -0.03 * 40
        for name in zero_axes:
            assert layout[name]["range"][0] < -0.02 * layout[name]["range"][1]
    for spec, axes in ((losses, ("", "2")), (runs, ("",))):
        for n in axes:
            contour = next(t for t in spec["data"] if t["meta"] == "loss contour" and t.get("xaxis", "x") == f"x{n}")
            for a, values in (("x", contour["x"]), ("y", contour["y"])):
                lo, hi = float(np.min(values)), float(np.max(values))
                shown = spec["layout"][f"{a}axis{n}"]["range"]
                assert shown[0] < lo - 0.03 * (hi - lo) and shown[1] > hi + 0.03 * (hi - lo)


def test_the_dz_axis_writes_its_powers_of_ten_at_full_size():
    """plotly.js's own "power" format draws the exponent at 70 % of the tick (10.5 px for 15 px):
    the |dz| axis writes 10⁻³ in one run of text, at most six ticks, each inside the range."""
    from logreg_viz.figures.compare import decades

    axis = decades(np.array([3e-9, 0.5, 2.0, np.inf, 0.0]))
    lo, hi = axis["range"]
    assert lo < math.log10(3e-9) and hi > math.log10(2.0)
    assert all(lo <= math.log10(v) <= hi for v in axis["tickvals"]) and len(axis["tickvals"]) <= 6
    assert axis["ticktext"][0] == "10⁻⁸" and "1" in axis["ticktext"] and all("<" not in t for t in axis["ticktext"])
    assert decades(np.array([0.0, np.inf])) == {}
    narrow = decades(np.array([0.021, 0.048]))  # within one decade: 1, 2 and 5 times a power of ten
    assert narrow["ticktext"] == ["0.02", "0.05"] and len(decades(np.array([0.3]))["tickvals"]) >= 1

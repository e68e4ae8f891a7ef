"""The three small panels that follow a step: the loss contour with the gradient, the loss over
steps, and the decision boundary. Each returns its static traces and, per step, its moving ones."""

from __future__ import annotations

import math
import sys

import numpy as np

from ..boundary import boundary_line, offset
from ..display import fmt
from ..single_example import History
from ..surface import Surface
from .bands import contour_shapes
from .style import ACTIVE, BACKWARD, FORWARD, LABEL_0, LABEL_1, LOCAL, VIRIDIS

BOUNDARY_BOX = 3.0  # the feature plane shows at least [−3, 3]²
OVERFLOW = LOCAL  # the step a run overflowed at: dark grey, beside the banner that says it in words


def compact(values: np.ndarray) -> np.ndarray:
    """float32 halves what the browser receives; values beyond float32's range (a diverged run) stay
    float64, so they are not turned into ∞ on the way."""
    finite = values[np.isfinite(values)]
    fits = finite.size == 0 or float(np.abs(finite).max()) < float(np.finfo(np.float32).max)
    return values.astype(np.float32) if fits else values.astype(np.float64)


def param_values(history: History, name: str) -> tuple[np.ndarray, np.ndarray]:
    """(values, derivatives) of the parameter `name` (w1 … wn or b) at every row."""
    if name == "b":
        return history.b, history.db
    i = int(name[1:]) - 1
    return history.w[:, i], history.dw[:, i]


def _finite(*arrays: np.ndarray) -> np.ndarray:
    mask = np.ones(len(arrays[0]), dtype=bool)
    for arr in arrays:
        mask &= np.isfinite(arr)
    return mask


def _r(values: object) -> list:
    """Short JSON numbers for display-only coordinates (5 significant digits: 1/100 000 of an axis)."""
    return [float(f"{v:.5g}") for v in np.asarray(values, dtype=float).ravel()]


def contour_trace(surface: Surface, **extra: object) -> dict:
    """A loss surface as filled contours (Viridis, 16 levels unless `extra` says otherwise).

    Filled contours, not heatmap colouring: the browser redraws them about 20 ms faster.
    """
    trace = dict(
        type="contour",
        x=compact(surface.u),
        y=compact(surface.v),
        z=compact(surface.loss),
        colorscale=VIRIDIS,
        showscale=False,
        ncontours=16,
        contours=dict(coloring="fill", showlines=True),
    )
    trace.update(extra)
    return trace


def contour_layer(surface: Surface, axis_no: int = 2) -> list[dict]:
    """The loss contour over the pair: filled polygons as layout shapes, which plotly.js's animate
    leaves drawn, under the traces of the contour panel's axes."""
    return contour_shapes(surface, 18, f"x{axis_no}", f"y{axis_no}")


def contour_static(surface: Surface, history: History, pair: tuple[str, str], rows: np.ndarray) -> list[dict]:
    """The path of every shown step on the loss contour (the contour itself is `contour_shapes`)."""
    u, v = param_values(history, pair[0])[0], param_values(history, pair[1])[0]
    keep = _finite(u[rows], v[rows])
    return [
        dict(
            type="scatter",
            meta="path",
            x=_r(u[rows][keep]),
            y=_r(v[rows][keep]),
            mode="lines+markers",
            line=dict(color="white", width=2),
            marker=dict(size=4, color="white"),
            hoverinfo="skip",
        ),
    ]


def contour_moving(history: History, pair: tuple[str, str], k: int) -> list[dict]:
    """At step k: the point, the gradient (dθi, dθj) as an arrow, and the step −α·gradient as another."""
    u, du = param_values(history, pair[0])
    v, dv = param_values(history, pair[1])
    p, g = (float(u[k]), float(v[k])), (float(du[k]), float(dv[k]))
    step = (p[0] - history.lr * g[0], p[1] - history.lr * g[1])
    grad_end = (p[0] + g[0], p[1] + g[1])
    ok = all(math.isfinite(t) for t in (*p, *g, *step, *grad_end))

    def arrow(end: tuple[float, float]) -> dict:
        return dict(x=_r([p[0], end[0]]), y=_r([p[1], end[1]])) if ok else dict(x=[], y=[])

    point = dict(x=_r([p[0]]), y=_r([p[1]])) if ok else dict(x=[], y=[])
    return [point, arrow(grad_end), arrow(step)]


def contour_moving_style(pair: tuple[str, str]) -> list[dict]:
    """The look of `contour_moving`'s three traces (sent once, not per frame)."""
    arrowhead = dict(symbol=["circle", "arrow"], size=[1, 15], angleref="previous")
    return [
        dict(
            type="scatter",
            meta="point",
            mode="markers",
            marker=dict(size=13, color=ACTIVE, line=dict(color="white", width=2)),
        ),
        dict(
            type="scatter",
            meta="gradient",
            mode="lines+markers",
            line=dict(color=BACKWARD, width=3),
            marker=dict(**arrowhead, color=BACKWARD),
            name=f"gradient (d{pair[0]}, d{pair[1]})",
        ),
        dict(
            type="scatter",
            meta="step",
            mode="lines+markers",
            line=dict(color="white", width=3, dash="dot"),
            marker=dict(**arrowhead, color="white"),
            name="step −α·gradient",
        ),
    ]


def loss_rows(history: History, rows: np.ndarray) -> np.ndarray:
    """The rows among `rows` whose loss is drawn: finite, and before the run overflowed. From the
    first diverged row the parameters are ±∞ and the loss (0 or ∞ there) says nothing about learning."""
    return rows[np.isfinite(history.loss[rows]) & ~history.diverged[rows]]


def loss_static(history: History, rows: np.ndarray) -> list[dict]:
    """The loss at every shown step until the run overflowed, and where it overflowed: a dashed line
    at that step, labelled."""
    drawn = loss_rows(history, rows)
    traces = [
        dict(
            type="scatter",
            meta="loss curve",
            x=drawn.tolist(),
            y=_r(history.loss[drawn]),
            mode="lines" if len(drawn) > 1 else "lines+markers",  # a lone point drawn as a line is nothing
            line=dict(color=FORWARD, width=2.5),
            marker=dict(size=7, color=FORWARD),
            hovertemplate="step %{x}<br>L = %{y:.4g}<extra></extra>",
        )
    ]
    k = history.overflow_step
    if k is not None:
        shown = history.loss[drawn]
        top = float(shown.max()) * 1.08 if len(shown) and shown.max() > 0 else 1.0
        traces.append(
            dict(
                type="scatter",
                meta="overflow step",
                x=[k, k],
                y=[0.0, min(top, sys.float_info.max)],
                mode="lines+text",
                text=["", f"overflow at step {k}"],
                textposition="bottom right" if k <= history.steps / 2 else "bottom left",
                textfont=dict(color=OVERFLOW, size=15),
                line=dict(color=OVERFLOW, width=2, dash="dash"),
                hoverinfo="skip",
                cliponaxis=False,
            )
        )
    return traces


def loss_range(*losses: np.ndarray) -> dict:
    """A loss axis fixed from 0 to a little above the highest finite loss shown. Left to plotly.js,
    the axis would pad itself around the moving marker and shift a little from frame to frame.
    Where no loss is finite and positive, plotly.js ranges it (from zero)."""
    values = np.concatenate([np.asarray(loss, dtype=float).ravel() for loss in losses]) if losses else np.zeros(0)
    finite = values[np.isfinite(values)]
    top = float(finite.max()) if finite.size else 0.0
    if not top > 0:
        return dict(rangemode="tozero")
    return dict(range=[0.0, min(top * 1.08, sys.float_info.max)])  # 8 % above, short of overflow


def loss_moving(history: History, k: int) -> list[dict]:
    """A marker on the loss curve at step k (none where the loss is not drawn: ∞, or the run overflowed)."""
    loss = history.loss[k]
    return [dict(x=[k], y=_r([loss])) if math.isfinite(loss) and not history.diverged[k] else dict(x=[], y=[])]


def boundary_box(history: History) -> tuple[list[float], list[float]]:
    """The feature-plane ranges: at least [−3, 3]², widened to hold the example."""
    x = history.x
    x2 = x[1] if len(x) > 1 else 0.0
    half = max(BOUNDARY_BOX, 1.25 * abs(x[0]), 1.25 * abs(x2))
    return [-half, half], [-half, half]


def boundary_static(history: History) -> list[dict]:
    """The example in the feature plane, coloured by its label (n = 1: on the a = σ(z) axis)."""
    x = history.x
    colour = LABEL_1 if history.y >= 0.5 else LABEL_0
    y_pos = x[1] if len(x) > 1 else history.y
    return [
        dict(
            type="scatter",
            meta="example",
            x=_r([x[0]]),
            y=_r([y_pos]),
            mode="markers",
            marker=dict(size=16, color=colour, line=dict(color="#1f1f1f", width=2), symbol="circle"),
            hovertemplate=f"example, y = {fmt(history.y)}<extra></extra>",
        )
    ]


def boundary_moving(history: History, k: int) -> list[dict]:
    """At step k, n ≥ 2: the line w1·x1 + w2·x2 + c = 0 (c: b and the other features held).
    n = 1: the prediction curve a = σ(w1·x1 + b) over x1."""
    w, b, x = history.w[k], history.b[k], history.x
    (x_lo, x_hi), (y_lo, y_hi) = boundary_box(history)
    if not (np.isfinite(w).all() and math.isfinite(b)):
        return [dict(x=[], y=[])]
    if len(x) == 1:
        grid = np.linspace(x_lo, x_hi, 25)
        z = w[0] * grid + b
        return [dict(x=_r(grid), y=_r(1 / (1 + np.exp(-np.clip(z, -700, 700)))))]
    line = boundary_line(w, offset(w, b, x), (x_lo, x_hi, y_lo, y_hi))
    if line is None:  # w = 0: every point gets the same prediction, there is no boundary
        return [dict(x=[], y=[])]
    return [dict(x=_r(line[0]), y=_r(line[1]))]

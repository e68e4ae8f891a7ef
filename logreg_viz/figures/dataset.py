"""Many examples, animated: full-batch descent and stochastic descent (one example a step) side by side.

Panels: the data with both decision boundaries; the average loss of both runs; the averaged loss
surface with both paths; the loss surface of one example (the lecture's single-example picture).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..batch import BatchHistory
from ..boundary import boundary_line, offset
from ..surface import loss_grid, trajectory_ranges
from .animation import frame_rows, playback_controls, role_indices
from .bands import contour_shapes
from .panels import _r, loss_range
from .style import BACKWARD, FORWARD, LABEL_0, LABEL_1, TEMPLATE, axis

FRAME_MS = 30
RUN_STYLE = {"batch": (FORWARD, "solid", "full batch"), "sgd": (BACKWARD, "dash", "stochastic (one example a step)")}


def _boundary(w: np.ndarray, b: float, box: tuple[float, float, float, float]) -> dict:
    """The line w1·x1 + w2·x2 + b = 0 across the box (the other features held at 0)."""
    line = boundary_line(w, offset(w, b), box)
    return dict(x=[], y=[]) if line is None else dict(x=_r(line[0]), y=_r(line[1]))


def make_dataset_figure(
    X: np.ndarray, y: np.ndarray, runs: dict[str, BatchHistory], example: int = 0, loss: str = "cross_entropy"
) -> go.Figure:
    """The animated comparison; `runs` holds 'batch' and 'sgd' histories of the same length."""
    return go.Figure(dataset_spec(X, y, runs, example, loss))


def dataset_spec(
    X: np.ndarray, y: np.ndarray, runs: dict[str, BatchHistory], example: int = 0, loss: str = "cross_entropy"
) -> dict:
    """The same figure as plain dicts ({data, layout, frames}): what a page sends. Every trace has its
    role as `meta`; frames change the boundaries, the example used, and the markers on the panels."""
    steps = min(h.steps for h in runs.values())
    rows = frame_rows(steps, 151)
    n = X.shape[1]
    x2 = X[:, 1] if n > 1 else np.zeros(len(X))
    pad = 0.6
    box = (float(X[:, 0].min() - pad), float(X[:, 0].max() + pad), float(x2.min() - pad), float(x2.max() + pad))
    params = np.vstack([np.column_stack([h.w, h.b])[rows] for h in runs.values()])
    j = 1 if n > 1 else n  # the pair shown: (w1, w2), or (w1, b) with one feature
    (u_lo, u_hi), (v_lo, v_hi) = trajectory_ranges(params, 0, j)
    start = runs["batch"]
    held_w, held_b = start.w[0], float(start.b[0])
    averaged = loss_grid(X, y, held_w, held_b, 0, j, (u_lo, u_hi), (v_lo, v_hi), 36, loss)
    single = loss_grid(X[example], float(y[example]), held_w, held_b, 0, j, (u_lo, u_hi), (v_lo, v_hi), 36, loss)
    colours = [LABEL_1 if label >= 0.5 else LABEL_0 for label in y]
    names = ("w1", "w2" if n > 1 else "b")

    def contour(surface, axis_no: int) -> list[dict]:
        out = []
        for key, h in runs.items():
            colour, dash, _ = RUN_STYLE[key]
            out.append(
                dict(
                    type="scatter",
                    meta=f"{key} path {axis_no}",
                    x=_r(h.w[rows, 0]),
                    y=_r(h.w[rows, 1] if n > 1 else h.b[rows]),
                    mode="lines",
                    line=dict(color=colour, width=2, dash=dash),
                    hoverinfo="skip",
                    xaxis=f"x{axis_no}",
                    yaxis=f"y{axis_no}",
                    showlegend=False,
                )
            )
        return out

    base: list[dict] = [
        dict(
            type="scatter",
            meta="data",
            x=_r(X[:, 0]),
            y=_r(x2),
            mode="markers",
            xaxis="x",
            yaxis="y",
            showlegend=False,
            marker=dict(size=11, color=colours, line=dict(color="#1f1f1f", width=1)),
            hovertemplate="x1 = %{x}<br>x2 = %{y}<extra></extra>",
        ),
    ]
    for key, h in runs.items():
        colour, dash, label = RUN_STYLE[key]
        ok = np.isfinite(h.loss[rows])
        base.append(
            dict(
                type="scatter",
                meta=f"{key} loss",
                x=rows[ok].tolist(),
                y=_r(h.loss[rows][ok]),
                mode="lines",
                name=label,
                line=dict(color=colour, width=2.5, dash=dash),
                xaxis="x2",
                yaxis="y2",
            )
        )
    base += contour(averaged, 3) + contour(single, 4)
    shapes = contour_shapes(averaged, 16, "x3", "y3") + contour_shapes(single, 16, "x4", "y4")
    # moving: 2 boundaries, the example SGD used, 2 loss markers, 2 points on each contour
    for key in runs:
        colour, dash, _ = RUN_STYLE[key]
        base.append(
            dict(
                type="scatter",
                meta=f"{key} boundary",
                mode="lines",
                line=dict(color=colour, width=3, dash=dash),
                xaxis="x",
                yaxis="y",
                showlegend=False,
                hoverinfo="skip",
            )
        )
    base.append(
        dict(
            type="scatter",
            meta="example used",
            mode="markers",
            xaxis="x",
            yaxis="y",
            showlegend=False,
            hoverinfo="skip",
            marker=dict(size=22, color="rgba(0,0,0,0)", line=dict(color=BACKWARD, width=3)),
        )
    )
    for axis_no in (2, 3, 4):
        for key in runs:
            colour = RUN_STYLE[key][0]
            base.append(
                dict(
                    type="scatter",
                    meta=f"{key} marker {axis_no}",
                    mode="markers",
                    xaxis=f"x{axis_no}",
                    yaxis=f"y{axis_no}",
                    showlegend=False,
                    hoverinfo="skip",
                    marker=dict(size=11, color=colour, line=dict(color="white", width=2)),
                )
            )
    markers = [f"{key} marker {axis_no}" for axis_no in (2, 3, 4) for key in runs]
    moving = role_indices(base, (*(f"{key} boundary" for key in runs), "example used", *markers))

    def frame_data(k: int) -> list[dict]:
        out = [_boundary(h.w[k], float(h.b[k]), box) for h in runs.values()]
        used = int(runs["sgd"].example[k]) if k < steps else -1
        out.append(dict(x=_r([X[used, 0]]), y=_r([x2[used]])) if used >= 0 else dict(x=[], y=[]))
        out += [dict(x=[k], y=_r([h.loss[k]])) if np.isfinite(h.loss[k]) else dict(x=[], y=[]) for h in runs.values()]
        for _ in (3, 4):
            out += [dict(x=_r([h.w[k, 0]]), y=_r([h.w[k, 1] if n > 1 else h.b[k]])) for h in runs.values()]
        return out

    for i, update in zip(moving, frame_data(0), strict=True):
        base[i].update(update)
    frames = [{"name": str(k), "data": frame_data(int(k)), "traces": moving} for k in rows]
    layout = dict(
        template=TEMPLATE,
        height=600,
        margin=dict(l=60, r=20, t=50, b=120),
        legend=dict(orientation="h", x=0.5, xanchor="center", y=1.1),
        # the data plane is a click target on the page (a click adds a point): no zoom by dragging there
        xaxis=axis("x1", domain=[0, 0.46], range=list(box[:2]), fixedrange=True),
        yaxis=axis("x2" if n > 1 else "", domain=[0.62, 1], range=list(box[2:]), fixedrange=True),
        xaxis2=axis("step", domain=[0.54, 1], anchor="y2", range=[-0.5, steps + 0.5]),
        yaxis2=axis(
            "average loss", domain=[0.62, 1], anchor="x2", **loss_range(*(h.loss[rows] for h in runs.values()))
        ),
        xaxis3=axis(names[0], domain=[0, 0.46], anchor="y3", range=[u_lo, u_hi]),
        yaxis3=axis(names[1], domain=[0, 0.34], anchor="x3", range=[v_lo, v_hi]),
        xaxis4=axis(names[0], domain=[0.54, 1], anchor="y4", range=[u_lo, u_hi]),
        yaxis4=axis(names[1], domain=[0, 0.34], anchor="x4", range=[v_lo, v_hi]),
        annotations=[
            dict(text=t, x=x, y=y0, xref="paper", yref="paper", showarrow=False, font=dict(size=14))
            for x, y0, t in (
                (0.23, 0.39, "averaged loss over all examples"),
                (0.77, 0.39, f"loss of example {example + 1} alone"),
            )
        ],
        shapes=shapes,
        **playback_controls(rows, FRAME_MS, y=-0.1),
    )
    return {"data": base, "layout": layout, "frames": frames}

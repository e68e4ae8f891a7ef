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
from .bands import contour_shapes
from .grid import grid_layout, grids, padded, panel_axis, placed
from .panels import _r, loss_range
from .playback import frame_rows, playback_controls, role_indices
from .style import BACKWARD, FORWARD, LABEL_0, LABEL_1, TEMPLATE
from .variants import variant_patch

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
    spec = dataset_spec(X, y, runs, example, loss)
    return go.Figure({key: spec[key] for key in ("data", "layout", "frames")})


def dataset_spec(
    X: np.ndarray,
    y: np.ndarray,
    runs: dict[str, BatchHistory],
    example: int = 0,
    loss: str = "cross_entropy",
    presenter: bool = False,
) -> dict:
    """The same figure as plain dicts ({data, layout, frames, variants}): what a page sends. Every
    trace has its role as `meta`; frames change the boundaries, the example used, and the markers on
    the panels. Two by two, and one under the other for a phone (`variants`, `grid.grids`)."""
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
    titles = [
        "the data and both boundaries",
        "average loss over steps",
        "averaged loss over all examples",
        f"loss of example {example + 1} alone",
    ]
    average = loss_range(*(h.loss[rows] for h in runs.values()))
    if "range" in average:
        average = dict(range=padded(*average["range"]))
    legend = [RUN_STYLE[key][2] for key in runs]
    layouts = []
    for grid in grids(presenter, len(titles)):
        tick = grid.tick
        axes = dict(
            # the data plane is a click target on the page (a click adds a point): no zoom by dragging there
            xaxis=panel_axis("x1", tick, range=list(box[:2]), fixedrange=True),
            yaxis=panel_axis("x2" if n > 1 else "", tick, range=list(box[2:]), fixedrange=True),
            xaxis2=panel_axis("step", tick, anchor="y2", range=[-0.03 * steps - 0.5, 1.03 * steps + 0.5]),
            yaxis2=panel_axis("average loss", tick, anchor="x2", **average),
        )
        for ax in ("3", "4"):
            axes[f"xaxis{ax}"] = panel_axis(names[0], tick, anchor=f"y{ax}", range=padded(u_lo, u_hi))
            axes[f"yaxis{ax}"] = panel_axis(names[1], tick, anchor=f"x{ax}", range=padded(v_lo, v_hi))
        layout = dict(
            template=TEMPLATE,
            **placed(axes, grid_layout(titles, grid, legend=legend, playable=True)),
            shapes=shapes,
        )
        layout.update(playback_controls(rows, FRAME_MS, **layout.pop("controls")))
        layouts.append((layout.pop("min_width"), base, layout))
    first = layouts[0][2]
    return {
        "data": base,
        "layout": first,
        "frames": frames,
        "variants": [variant_patch(base, first, v) for v in layouts],
    }

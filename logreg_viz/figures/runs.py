"""Several runs from one example overlaid: the main run and its branches (another α from some step)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..single_example import History
from .animation import surface_for
from .grid import grid_layout, grids, padded, panel_axis, placed
from .panels import _r, contour_trace, loss_range, loss_rows, param_values
from .playback import frame_rows
from .style import GREYS, TEMPLATE
from .variants import variant_patch

PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00"]  # Okabe–Ito
DASHES = ["solid", "dash", "dot", "dashdot", "longdash"]


def make_runs_figure(runs: list[tuple[str, int, History]], pair: tuple[str, str] = ("w1", "w2")) -> go.Figure:
    """The overlay of `runs_spec` as a figure checked by plotly (its widest layout)."""
    spec = runs_spec(runs, pair)
    return go.Figure(dict(data=spec["data"], layout=spec["layout"]))


def runs_spec(
    runs: list[tuple[str, int, History]], pair: tuple[str, str] = ("w1", "w2"), presenter: bool = False
) -> dict:
    """Each run as (label, the step it branched at, its history): paths on the main run's contour,
    loss curves against the step count of the main run. Side by side, and one under the other for
    a phone (`variants`, `grid.grids`)."""
    main = runs[0][2]
    rows = frame_rows(main.steps)
    all_params = np.vstack([h.params[frame_rows(h.steps)] for _, _, h in runs])
    surface = surface_for(_with_params(main, all_params), pair, np.arange(len(all_params)), 36)
    traces: list[dict] = [
        contour_trace(
            surface,
            meta="loss contour",
            colorscale=GREYS,
            reversescale=True,
            opacity=0.55,
            hoverinfo="skip",
            showlegend=False,
        )
    ]
    for i, (label, start, history) in enumerate(runs):
        colour, dash = PALETTE[i % len(PALETTE)], DASHES[i % len(DASHES)]
        rows = frame_rows(history.steps)
        u, v = param_values(history, pair[0])[0][rows], param_values(history, pair[1])[0][rows]
        keep = np.isfinite(u) & np.isfinite(v)
        traces.append(
            dict(
                type="scatter",
                meta="path",
                x=_r(u[keep]),
                y=_r(v[keep]),
                mode="lines+markers",
                name=label,
                legendgroup=label,
                line=dict(color=colour, width=3, dash=dash),
                marker=dict(size=5, color=colour),
                hoverinfo="name",
            )
        )
        drawn = loss_rows(history, rows)
        traces.append(
            dict(
                type="scatter",
                meta="loss curve",
                x=(start + drawn).tolist(),
                y=_r(history.loss[drawn]),
                mode="lines",
                name=label,
                legendgroup=label,
                showlegend=False,
                xaxis="x2",
                yaxis="y2",
                line=dict(color=colour, width=3, dash=dash),
            )
        )
    last = max(start + h.steps for _, start, h in runs)
    shown = [h.loss[loss_rows(h, frame_rows(h.steps))] for _, _, h in runs]
    loss = loss_range(*shown)
    if "range" in loss:
        loss = dict(range=padded(*loss["range"]))
    titles = [f"paths over ({pair[0]}, {pair[1]})", "loss L over steps"]
    layouts = []
    for grid in grids(presenter, len(titles)):
        axes = dict(
            xaxis=panel_axis(pair[0], grid.tick, range=padded(float(surface.u[0]), float(surface.u[-1]))),
            yaxis=panel_axis(pair[1], grid.tick, range=padded(float(surface.v[0]), float(surface.v[-1]))),
            xaxis2=panel_axis(
                "step (of the main run)", grid.tick, anchor="y2", range=[-0.03 * last - 0.5, 1.03 * last + 0.5]
            ),
            yaxis2=panel_axis("loss L", grid.tick, anchor="x2", **loss),
        )
        legend = [label for label, _, _ in runs]
        layout = dict(template=TEMPLATE, **placed(axes, grid_layout(titles, grid, legend=legend, grouped=True)))
        layouts.append((layout.pop("min_width"), traces, layout))
    first = layouts[0][2]
    return dict(data=traces, layout=first, variants=[variant_patch(traces, first, v) for v in layouts])


def _with_params(history: History, params: np.ndarray) -> History:
    """The main run's example with rows standing for every run's points, to size a shared surface."""
    from dataclasses import replace

    return replace(history, w=params[:, :-1], b=params[:, -1])

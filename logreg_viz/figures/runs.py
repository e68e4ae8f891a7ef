"""Several runs from one example overlaid: the main run and its branches (another α from some step)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..single_example import History
from .animation import frame_rows, surface_for
from .panels import _r, contour_trace, loss_rows, param_values
from .style import GREYS, TEMPLATE, axis

PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00"]  # Okabe–Ito
DASHES = ["solid", "dash", "dot", "dashdot", "longdash"]


def make_runs_figure(runs: list[tuple[str, int, History]], pair: tuple[str, str] = ("w1", "w2")) -> go.Figure:
    """The overlay of `runs_spec` as a figure checked by plotly."""
    return go.Figure(runs_spec(runs, pair))


def runs_spec(runs: list[tuple[str, int, History]], pair: tuple[str, str] = ("w1", "w2")) -> dict:
    """Each run as (label, the step it branched at, its history): paths on the main run's contour,
    loss curves against the step count of the main run."""
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
    layout = dict(
        template=TEMPLATE,
        height=440,
        margin=dict(l=60, r=20, t=40, b=40),
        xaxis=axis(pair[0], domain=[0, 0.45], range=[float(surface.u[0]), float(surface.u[-1])]),
        yaxis=axis(pair[1], range=[float(surface.v[0]), float(surface.v[-1])]),
        xaxis2=axis("step (of the main run)", domain=[0.55, 1], anchor="y2"),
        yaxis2=axis("loss L", anchor="x2", rangemode="tozero"),
        legend=dict(orientation="h", y=1.1, x=0),
    )
    return dict(data=traces, layout=layout)


def _with_params(history: History, params: np.ndarray) -> History:
    """The main run's example with rows standing for every run's points, to size a shared surface."""
    from dataclasses import replace

    return replace(history, w=params[:, :-1], b=params[:, -1])

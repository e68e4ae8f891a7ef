"""Cross-entropy against squared error from the same start: where each one's path goes on its own
loss surface, how fast the prediction a moves, and how big dz stays when the sigmoid saturates."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..choices import LOSS_LABELS
from ..display import fmt
from ..single_example import History
from .animation import frame_rows, surface_for
from .panels import _r, contour_trace, param_values
from .style import BACKWARD, FORWARD, TEMPLATE, axis

COLOURS = {"cross_entropy": FORWARD, "squared": BACKWARD}


def make_loss_comparison_figure(runs: dict[str, History], pair: tuple[str, str] = ("w1", "w2")) -> go.Figure:
    """The comparison of `loss_comparison_spec` as a figure checked by plotly."""
    return go.Figure(loss_comparison_spec(runs, pair))


def loss_comparison_spec(runs: dict[str, History], pair: tuple[str, str] = ("w1", "w2")) -> dict:
    """Four panels, two by two: each loss's contour with its path on top; below, the prediction a over
    steps and |dz| over steps (log). Two by two, every title and axis label has room at 1280 px."""
    traces: list[dict] = []
    layout: dict = dict(
        template=TEMPLATE,
        height=720,
        margin=dict(l=70, r=20, t=40, b=50),
        annotations=[],
        legend=dict(orientation="h", y=-0.1, x=0.5, xanchor="center"),
    )
    left, right, top, bottom = (0.0, 0.44), (0.56, 1.0), (0.6, 0.95), (0.0, 0.35)
    domains, rows_y = [left, right, left, right], [top, top, bottom, bottom]
    for panel, (loss, history) in enumerate(runs.items(), start=1):
        rows = frame_rows(history.steps)
        surface = surface_for(history, pair, rows, 36)
        u, v = param_values(history, pair[0])[0][rows], param_values(history, pair[1])[0][rows]
        keep = np.isfinite(u) & np.isfinite(v)
        ax = "" if panel == 1 else str(panel)
        traces += [
            contour_trace(
                surface,
                meta="loss contour",
                xaxis=f"x{ax}",
                yaxis=f"y{ax}",
                hovertemplate="L = %{z:.4g}<extra></extra>",
                showlegend=False,
            ),
            dict(
                type="scatter",
                meta="path",
                x=_r(u[keep]),
                y=_r(v[keep]),
                mode="lines+markers",
                xaxis=f"x{ax}",
                yaxis=f"y{ax}",
                line=dict(color="white", width=2),
                marker=dict(size=4, color="white"),
                showlegend=False,
                hoverinfo="skip",
            ),
        ]
        layout[f"xaxis{ax}"] = axis(pair[0], domain=list(domains[panel - 1]), anchor=f"y{ax}")
        layout[f"yaxis{ax}"] = axis(pair[1], domain=list(rows_y[panel - 1]), anchor=f"x{ax}")
        layout["annotations"].append(
            dict(
                text=f"{LOSS_LABELS[loss]}: path",
                x=sum(domains[panel - 1]) / 2,
                y=rows_y[panel - 1][1] + 0.02,
                yanchor="bottom",
                xanchor="center",
                xref="paper",
                yref="paper",
                showarrow=False,
                font=dict(size=15),
            )
        )
    for loss, history in runs.items():
        steps = np.arange(history.steps + 1)
        traces.append(
            dict(
                type="scatter",
                x=steps.tolist(),
                y=_r(history.a),
                mode="lines",
                xaxis="x3",
                yaxis="y3",
                name=f"{LOSS_LABELS[loss]}: a",
                meta="a over steps",
                # the drawn y is rounded for the screen (0.999994 → 1); the hover reads the value itself
                text=[fmt(float(a)) for a in history.a],
                hovertemplate="step %{x}<br>a = %{text}<extra></extra>",
                line=dict(color=COLOURS[loss], width=3),
            )
        )
        dz = np.abs(history.dz)
        keep = dz > 0
        traces.append(
            dict(
                type="scatter",
                x=steps[keep].tolist(),
                y=_r(dz[keep]),
                mode="lines",
                xaxis="x4",
                yaxis="y4",
                name=f"{LOSS_LABELS[loss]}: |dz|",
                meta="|dz| over steps",
                line=dict(color=COLOURS[loss], width=3, dash="dot"),
            )
        )
    y_target = next(iter(runs.values())).y
    traces.append(
        dict(
            type="scatter",
            x=[0, max(h.steps for h in runs.values())],
            y=[y_target, y_target],
            mode="lines",
            xaxis="x3",
            yaxis="y3",
            name="label y",
            meta="label",
            line=dict(color="#7a7a7a", dash="dash"),
        )
    )
    layout["xaxis3"] = axis("step", domain=list(domains[2]), anchor="y3")
    layout["yaxis3"] = axis("prediction a", domain=list(bottom), anchor="x3", range=[-0.02, 1.02])
    layout["xaxis4"] = axis("step", domain=list(domains[3]), anchor="y4")
    layout["yaxis4"] = axis("|dz| (log scale)", domain=list(bottom), anchor="x4", type="log", exponentformat="power")
    layout["annotations"] += [
        dict(
            text=text,
            x=sum(domain) / 2,
            y=bottom[1] + 0.02,
            yanchor="bottom",
            xanchor="center",
            xref="paper",
            yref="paper",
            showarrow=False,
            font=dict(size=15),
        )
        for text, domain in (("a over steps", left), ("how much flows back: |dz|", right))
    ]
    return dict(data=traces, layout=layout)

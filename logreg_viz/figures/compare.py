"""Cross-entropy against squared error from the same start: where each one's path goes on its own
loss surface, how fast the prediction a moves, and how big dz stays when the sigmoid saturates."""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from ..choices import LOSS_LABELS
from ..display import SUPERSCRIPT, fmt
from ..single_example import History
from .animation import surface_for
from .grid import grid_layout, grids, padded, panel_axis, placed
from .panels import _r, contour_trace, param_values
from .playback import frame_rows
from .style import BACKWARD, FORWARD, TEMPLATE
from .variants import variant_patch

COLOURS = {"cross_entropy": FORWARD, "squared": BACKWARD}


def make_loss_comparison_figure(runs: dict[str, History], pair: tuple[str, str] = ("w1", "w2")) -> go.Figure:
    """The comparison of `loss_comparison_spec` as a figure checked by plotly (its widest layout)."""
    spec = loss_comparison_spec(runs, pair)
    return go.Figure(dict(data=spec["data"], layout=spec["layout"]))


def decades(values: np.ndarray, most: int = 6) -> dict:
    """A log axis over the positive finite `values`: its range a little past them, at most `most`
    ticks written in one run of text at the tick's own size — powers of ten as 10⁻³ where the range
    holds two or more, else 1, 2 and 5 times them as the page writes numbers (plotly.js's own log
    ticks draw exponents and in-between digits at 70 %, too small to read on a phone)."""
    finite = values[np.isfinite(values) & (values > 0)]
    if not finite.size:
        return {}
    lo, hi = math.log10(float(finite.min())), math.log10(float(finite.max()))
    mid = (lo + hi) / 2  # at least 0.6 of a decade: it holds a 1, 2 or 5 times a power of ten
    lo, hi = padded(lo, hi) if hi - lo > 0.6 else (mid - 0.3, mid + 0.3)
    powers = list(range(math.ceil(lo), math.floor(hi) + 1))
    if len(powers) >= 2:
        powers = powers[:: math.ceil(len(powers) / most)]
        ticks = [(10.0**p, str(10**p) if p in (0, 1) else f"10{str(p).translate(SUPERSCRIPT)}") for p in powers]
    else:
        steps = [m * 10.0**p for p in range(math.floor(lo), math.ceil(hi) + 1) for m in (1, 2, 5)]
        inside = [v for v in steps if lo <= math.log10(v) <= hi]
        ticks = [(v, fmt(v)) for v in inside[:: max(1, math.ceil(len(inside) / most))]]
    return dict(range=[lo, hi], tickmode="array", tickvals=[v for v, _ in ticks], ticktext=[t for _, t in ticks])


def loss_comparison_spec(
    runs: dict[str, History], pair: tuple[str, str] = ("w1", "w2"), presenter: bool = False
) -> dict:
    """Four panels: each loss's contour with its path on top; then the prediction a over steps and
    |dz| over steps (log). Laid out two by two, and one under the other for a phone (`variants`,
    `grid.grids`), every text readable on each."""
    traces: list[dict] = []
    titles: list[str] = []
    ranges: list[tuple[list[float], list[float]]] = []
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
        titles.append(f"{LOSS_LABELS[loss]}: path")
        ranges.append(
            (padded(float(surface.u[0]), float(surface.u[-1])), padded(float(surface.v[0]), float(surface.v[-1])))
        )
    every_dz = []
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
        every_dz.append(dz[keep])
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
    most = max(h.steps for h in runs.values())
    traces.append(
        dict(
            type="scatter",
            x=[0, most],
            y=[y_target, y_target],
            mode="lines",
            xaxis="x3",
            yaxis="y3",
            name="label y",
            meta="label",
            line=dict(color="#7a7a7a", dash="dash"),
        )
    )
    titles += ["prediction a over steps", "how much flows back: |dz|"]
    steps_range = [-0.03 * most - 0.5, 1.03 * most + 0.5]
    log_dz = decades(np.concatenate(every_dz))
    legend = [t["name"] for t in traces if t.get("showlegend", True) and "name" in t]
    layouts = []
    for grid in grids(presenter, len(titles)):
        tick = grid.tick
        axes = dict(
            xaxis3=panel_axis("step", tick, anchor="y3", range=steps_range),
            yaxis3=panel_axis("a", tick, anchor="x3", range=[-0.06, 1.06]),
            xaxis4=panel_axis("step", tick, anchor="y4", range=steps_range),
            yaxis4=panel_axis("|dz|, log scale", tick, anchor="x4", type="log", **log_dz),
        )
        for ax, (u_range, v_range) in zip(("", "2"), ranges, strict=True):
            axes[f"xaxis{ax}"] = panel_axis(pair[0], tick, anchor=f"y{ax}", range=u_range)
            axes[f"yaxis{ax}"] = panel_axis(pair[1], tick, anchor=f"x{ax}", range=v_range)
        layout = dict(template=TEMPLATE, **placed(axes, grid_layout(titles, grid, legend=legend, legend_at=2)))
        layouts.append((layout.pop("min_width"), traces, layout))
    first = layouts[0][2]
    return dict(data=traces, layout=first, variants=[variant_patch(traces, first, v) for v in layouts])

"""The loss as a 3-D surface over two parameters, with the whole trajectory drawn on it and its
start (the state the controls set) marked.

The figure depends only on the run (start, α, K, loss) and the pair, never on the step being
looked at, so taking a step or scrubbing leaves it — and the camera a learner turned — alone.
"""

from __future__ import annotations

import sys

import numpy as np
import plotly.graph_objects as go

from ..display import fmt
from ..single_example import History
from .animation import surface_for
from .panels import compact, param_values
from .playback import frame_rows
from .style import TEMPLATE, VIRIDIS

SURFACE_POINTS = 32
PATH = "#ffffff"  # not a Viridis colour: the path never blends into the surface
PATH_EDGE = "#1f1f1f"
START = "#D55E00"  # Okabe–Ito vermillion: neither a Viridis colour nor the path's; 3:1 on both ends of Viridis


def make_surface_figure(history: History, pair: tuple[str, str] = ("w1", "w2")) -> go.Figure:
    """The surface of `surface_spec` as a figure checked by plotly."""
    return go.Figure(surface_spec(history, pair))


def surface_spec(history: History, pair: tuple[str, str] = ("w1", "w2")) -> dict:
    """The surface L(pair) with the others held at the start, and the path of the run on it.

    The path's height is the surface's own height under each point (the slice the surface shows),
    so it lies on the surface; the loss of the full step, other parameters moving too, is the curve
    in the animation.
    """
    rows = frame_rows(history.steps, 101)
    surface = surface_for(history, pair, rows, SURFACE_POINTS)
    u, _ = param_values(history, pair[0])
    v, _ = param_values(history, pair[1])
    pu, pv = u[rows], v[rows]
    keep = np.isfinite(pu) & np.isfinite(pv)
    pu, pv = pu[keep], pv[keep]
    # height on the slice: bilinear lookup on the grid, exact enough for a drawn path
    iu = np.clip(np.searchsorted(surface.u, pu) - 1, 0, len(surface.u) - 2)
    iv = np.clip(np.searchsorted(surface.v, pv) - 1, 0, len(surface.v) - 2)
    with np.errstate(invalid="ignore", over="ignore"):  # a grid spanning ±1e300 has ∞ cell widths
        tu = (pu - surface.u[iu]) / (surface.u[iu + 1] - surface.u[iu])
        tv = (pv - surface.v[iv]) / (surface.v[iv + 1] - surface.v[iv])
        L = surface.loss
        height = (
            L[iv, iu] * (1 - tu) * (1 - tv)
            + L[iv, iu + 1] * tu * (1 - tv)
            + L[iv + 1, iu] * (1 - tu) * tv
            + L[iv + 1, iu + 1] * tu * tv
        )
    # a point whose height cannot be worked out is left off the path (never drawn as NaN)
    drawn = np.isfinite(height)
    pu, pv, height = pu[drawn], pv[drawn], height[drawn]
    finite = L[np.isfinite(L)]
    low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    lift = 0.01 * (high - low)  # above the surface, so it is not drawn inside it
    start = start_point(history, pair)
    return dict(
        data=[
            dict(
                type="surface",
                meta="loss surface",
                x=compact(surface.u),
                y=compact(surface.v),
                z=compact(surface.loss),
                colorscale=VIRIDIS,
                showscale=False,
                opacity=0.92,
                hovertemplate=f"{pair[0]} = %{{x:.4g}}<br>{pair[1]} = %{{y:.4g}}<br>L = %{{z:.4g}}<extra></extra>",
            ),
            *path_traces(pu, pv, height + lift),
            *start_traces(start, pair, 3 * lift),
        ],
        layout=dict(
            template=TEMPLATE,
            height=480,
            margin=dict(l=0, r=0, t=0, b=0),
            showlegend=False,
            scene=dict(
                xaxis=scene_axis(pair[0]),
                yaxis=scene_axis(pair[1]),
                # a little room below the lowest loss: its tick then stands clear of the corner
                zaxis=scene_axis("L", range=loss_axis_range(low, high)),
                camera=dict(eye=dict(x=1.2, y=-1.2, z=0.8), center=dict(x=0, y=0, z=-0.22)),
                aspectmode="manual",
                aspectratio=dict(x=1, y=1, z=0.7),
            ),
            uirevision="surface",
        ),
    )


def loss_axis_range(low: float, high: float) -> list[float]:
    """The L axis: 12 % of the span below the lowest loss, so its lowest tick stands clear of the
    corner where the other two axes' labels start, and 2 % above the highest (within float64)."""
    span = high - low
    return [max(low - 0.12 * span, -sys.float_info.max), min(high + 0.02 * span, sys.float_info.max)]


def scene_axis(title: str, **extra: object) -> dict:
    """A 3-D axis with few enough ticks that neighbouring labels, and the axes at a corner, stay apart."""
    return dict(title=dict(text=title), nticks=5, tickfont=dict(size=13), **extra)


def path_traces(u: np.ndarray, v: np.ndarray, height: np.ndarray) -> list[dict]:
    """The run's path: a white line over a dark one, which reads on both ends of Viridis (white on its
    dark purple, the dark edge on its yellow), with a dot at each step."""
    common = dict(type="scatter3d", x=compact(u), y=compact(v), z=compact(height), hoverinfo="skip")
    return [
        dict(meta="path edge", mode="lines", line=dict(color=PATH_EDGE, width=8), **common),
        dict(
            meta="path",
            mode="lines+markers",
            line=dict(color=PATH, width=4),
            marker=dict(size=2.5, color=PATH, line=dict(color=PATH_EDGE, width=1)),
            name="path",
            **common,
        ),
    ]


def start_point(history: History, pair: tuple[str, str]) -> tuple[float, float, float] | None:
    """(u, v, L) at the run's start, row 0: the state the controls set. The other parameters are held
    there, so the surface's height at (u, v) is the run's own first loss. None where not finite."""
    point = (
        float(param_values(history, pair[0])[0][0]),
        float(param_values(history, pair[1])[0][0]),
        float(history.loss[0]),
    )
    return point if all(np.isfinite(point)) else None


def start_traces(point: tuple[float, float, float] | None, pair: tuple[str, str], lift: float) -> list[dict]:
    """A vermillion diamond at the start, lifted by `lift` to stand above the path."""
    if point is None:
        return []
    u, v, loss = point
    return [
        dict(
            type="scatter3d",
            meta="start",
            x=[u],
            y=[v],
            z=[loss + lift],
            mode="markers",
            marker=dict(size=7, color=START, symbol="diamond", line=dict(color="white", width=2)),
            hovertemplate=f"start: {pair[0]} = %{{x:.4g}}, {pair[1]} = %{{y:.4g}}<br>L = {fmt(loss)}<extra></extra>",
        )
    ]

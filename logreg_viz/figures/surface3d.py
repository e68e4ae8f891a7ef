"""The loss as a 3-D surface over two parameters, with the whole trajectory drawn on it.

The figure depends only on the run (start, α, K, loss) and the pair, never on the step being
looked at, so taking a step or scrubbing leaves it — and the camera a learner turned — alone.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..single_example import History
from .animation import frame_rows, surface_for
from .panels import compact, param_values
from .style import ACTIVE, TEMPLATE, VIRIDIS

SURFACE_POINTS = 32


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
            dict(
                type="scatter3d",
                meta="path",
                x=compact(pu),
                y=compact(pv),
                z=compact(height + 0.01 * (np.nanmax(L) - np.nanmin(L))),
                mode="lines",
                line=dict(color=ACTIVE, width=7),
                hoverinfo="skip",
                name="path",
            ),
        ],
        layout=dict(
            template=TEMPLATE,
            height=480,
            margin=dict(l=0, r=0, t=10, b=0),
            showlegend=False,
            scene=dict(
                xaxis=dict(title=dict(text=pair[0])),
                yaxis=dict(title=dict(text=pair[1])),
                zaxis=dict(title=dict(text="L")),
                camera=dict(eye=dict(x=1.5, y=-1.5, z=1.0)),
            ),
            uirevision="surface",
        ),
    )

"""A loss surface as filled contour polygons (contourpy), drawn as layout shapes.

plotly.js's `animate` with `redraw: false` clears a `type: contour` trace in the subplot it animates
(plotly.js#4491); the layout's shapes are left as drawn. So the surface is drawn as nested regions
{L ≤ level}, largest first, each a filled polygon: every point of the plane shows the colour of the
band its loss falls in, and the polygons' edges are the contour lines. Shapes rather than scatter
traces: plotly.js works out which attributes of every trace hold arrays on each animation frame, so
each trace costs every frame; a shape costs nothing once drawn. Holes (a region around a local
maximum) are rings of their own inside the region's outer ring, which even–odd filling leaves open.
"""

from __future__ import annotations

import itertools
import math

import contourpy
import numpy as np
from plotly.colors import sample_colorscale

from ..surface import Surface
from .style import VIRIDIS

ROLE = "loss contour"


def nice_levels(low: float, high: float, count: int) -> np.ndarray:
    """About `count` round levels strictly inside (low, high): steps of 1, 2 or 5 × 10^k, as plotly.js
    picks them for a contour's `ncontours`."""
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        return np.zeros(0)
    rough = (high - low) / count
    base = 10.0 ** math.floor(math.log10(rough))
    step = next(m * base for m in (1, 2, 5, 10) if m * base >= rough)
    first = math.floor(low / step + 1) * step
    levels = np.arange(first, high, step)
    return levels[(levels > low) & (levels < high)]


TOLERANCE = 0.002  # of each axis's span: under a pixel on a 300-px panel


def simplify(ring: np.ndarray, tolerance: float) -> np.ndarray:
    """Which points of the ring to keep: those farther than `tolerance` from the line through the
    points kept around them (Douglas–Peucker; the ring in units where the tolerance applies to
    both axes). A contour line across a 36-point grid is mostly straight runs."""
    keep = np.zeros(len(ring), dtype=bool)
    keep[[0, -1]] = True
    spans = [(0, len(ring) - 1)]
    while spans:
        a, b = spans.pop()
        if b - a < 2:
            continue
        chord = ring[b] - ring[a]
        offsets = ring[a + 1 : b] - ring[a]
        length = math.hypot(*chord)
        if length > 0:
            distance = np.abs(chord[0] * offsets[:, 1] - chord[1] * offsets[:, 0]) / length
        else:
            distance = np.hypot(offsets[:, 0], offsets[:, 1])
        far = int(np.argmax(distance))
        if distance[far] > tolerance:
            keep[a + 1 + far] = True
            spans += [(a, a + 1 + far), (a + 1 + far, b)]
    return keep


def _short(values: np.ndarray) -> list[float]:
    return [float(f"{v:.5g}") for v in values]


def _polygons(generator: contourpy.ContourGenerator, level: float, scale: np.ndarray) -> tuple[list, list]:
    """The region {L ≤ level} as x and y lists, one closed ring after another, None between two
    (plotly.js starts a new ring at a gap, as the graph's edges do)."""
    points, offsets = generator.filled(-np.inf, level)
    xs: list = []
    ys: list = []
    for chunk, cuts in zip(points, offsets, strict=True):
        for a, b in itertools.pairwise(cuts):
            ring = chunk[a:b]
            ring = ring[simplify(ring / scale, TOLERANCE)]
            xs += [None, *_short(ring[:, 0])]
            ys += [None, *_short(ring[:, 1])]
    return xs[1:], ys[1:]


def contour_bands(surface: Surface, count: int = 16, line: dict | None = None, **extra: object) -> list[dict]:
    """Filled contour polygons over the surface (Viridis, about `count` levels), as scatter trace dicts.

    The first trace is the whole plane in the colour of the highest band; each next one is the
    region below a level, in its band's colour. Hovering a region names its band of L. `extra`
    (axes, showlegend …) goes on every trace; every trace has `meta` ROLE.
    """
    loss = np.ma.masked_invalid(surface.loss)
    if loss.count() == 0:
        return []
    low, high = float(loss.min()), float(loss.max())
    levels = nice_levels(low, high, count)
    colours = sample_colorscale(VIRIDIS, np.linspace(0, 1, len(levels) + 1).tolist())
    u0, u1, v0, v1 = (float(f"{t:.5g}") for t in (surface.u[0], surface.u[-1], surface.v[0], surface.v[-1]))
    common = dict(
        type="scatter",
        mode="lines",
        fill="toself",
        line=line or dict(width=0.5, color="rgba(255,255,255,0.5)"),
        hoveron="fills",
        meta=ROLE,
        **extra,
    )
    above = f"L ≥ {levels[-1]:.4g}" if len(levels) else f"L ≈ {low:.4g}"
    traces = [dict(common, x=[u0, u1, u1, u0, u0], y=[v0, v0, v1, v1, v0], fillcolor=colours[-1], name=above)]
    generator = contourpy.contour_generator(surface.u, surface.v, loss, fill_type="OuterOffset")
    scale = np.array([u1 - u0, v1 - v0]) if u1 > u0 and v1 > v0 else np.ones(2)
    bounds = [-math.inf, *levels.tolist()]
    for k in range(len(levels) - 1, -1, -1):
        x, y = _polygons(generator, float(levels[k]), scale)
        if not x:
            continue
        band = f"L < {levels[k]:.4g}" if k == 0 else f"{bounds[k]:.4g} ≤ L < {levels[k]:.4g}"
        traces.append(dict(common, x=x, y=y, fillcolor=colours[k], name=band))
    return traces


def contour_shapes(surface: Surface, count: int = 16, xref: str = "x", yref: str = "y") -> list[dict]:
    """`contour_bands` as vector path shapes under the traces of the axes `xref`, `yref`: the same
    polygons and colours, one shape a band, its rings as subpaths (even–odd fill keeps holes open)."""
    shapes = []
    for band in contour_bands(surface, count):
        path, start = [], True
        for x, y in zip(band["x"], band["y"]):
            if x is None:
                path.append("Z")
                start = True
                continue
            path.append(f"{'M' if start else 'L'}{x:.6g},{y:.6g}")
            start = False
        shapes.append(
            dict(
                type="path",
                path=" ".join(path) + " Z",
                xref=xref,
                yref=yref,
                fillcolor=band["fillcolor"],
                fillrule="evenodd",
                line=band["line"],
                layer="between",  # over the grid, under the traces
                name=band["name"],
            )
        )
    return shapes

"""The loss contour as filled polygons: levels, the region below each, holes, colours, roles."""

import math

import numpy as np
import pytest

from logreg_viz.figures.bands import ROLE, contour_bands, contour_shapes, nice_levels
from logreg_viz.surface import Surface

GRID = np.linspace(-2.0, 2.0, 81)
U, V = np.meshgrid(GRID, GRID)


def rings(trace: dict) -> list[np.ndarray]:
    """The closed rings of a polygon trace, split at its NaN gaps."""
    xy = np.column_stack([np.asarray(trace["x"], dtype=float), np.asarray(trace["y"], dtype=float)])
    cuts = np.flatnonzero(np.isnan(xy[:, 0]))
    parts = [part[~np.isnan(part[:, 0])] for part in np.split(xy, cuts)]
    return [part for part in parts if len(part)]


def signed_area(ring: np.ndarray) -> float:
    """The shoelace formula: positive counter-clockwise."""
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * float(np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y))


def test_levels_are_round_steps_strictly_inside_the_range():
    assert nice_levels(0.0, 1.0, 10) == pytest.approx(np.arange(1, 10) / 10)
    assert nice_levels(0.03, 0.31, 18) == pytest.approx(np.arange(4, 31, 2) / 100)  # step 0.02 ≥ 0.28/18
    assert nice_levels(1.0, 1.0, 16).size == 0 and nice_levels(0.0, math.inf, 16).size == 0


def test_each_region_below_a_level_is_bounded_by_that_level_line():
    """L = u² + v²: the region L ≤ c is the disc of radius √c, one ring, drawn smallest last."""
    traces = contour_bands(Surface(GRID, GRID, U**2 + V**2, 0, 1), 8)
    assert all(t["meta"] == ROLE and t["type"] == "scatter" and t["fill"] == "toself" for t in traces)
    assert traces[0]["name"].startswith("L ≥")  # the whole plane, in the top band's colour
    radii = []
    for t in traces[1:]:
        (ring,) = rings(t)
        r2 = ring[:, 0] ** 2 + ring[:, 1] ** 2
        inside = (np.abs(ring) < 2 - 1e-6).all(axis=1)  # away from the grid's edge
        level = float(np.median(r2[inside]))
        assert np.allclose(r2[inside], level, rtol=0.02)
        radii.append(level)
    # L runs over [0, 8]: levels 1 … 7, the largest region first, so each smaller one shows on top
    assert radii == pytest.approx([7, 6, 5, 4, 3, 2, 1], rel=0.02)
    assert traces[-1]["name"] == "L < 1" and traces[1]["name"] == "6 ≤ L < 7"


def test_a_region_around_a_peak_keeps_its_hole():
    """L = exp(−r²) peaks at 0: L ≤ 0.5 is the square less the disc r < √ln 2, one ring inside the other,
    wound the other way (SVG's nonzero fill then leaves the hole open)."""
    traces = contour_bands(Surface(GRID, GRID, np.exp(-(U**2 + V**2)), 0, 1), 10)
    (half,) = [t for t in traces if t["name"].endswith("≤ L < 0.5")]
    outer, hole = sorted(rings(half), key=lambda r: -abs(signed_area(r)))
    assert abs(signed_area(outer)) == pytest.approx(16.0, rel=1e-3)
    assert abs(signed_area(hole)) == pytest.approx(math.pi * math.log(2), rel=0.02)
    assert np.sign(signed_area(outer)) == -np.sign(signed_area(hole))


def test_bands_run_through_viridis_from_low_to_high_loss():
    traces = contour_bands(Surface(GRID, GRID, U**2 + V**2, 0, 1), 8)
    colours = [t["fillcolor"] for t in traces]
    assert colours[-1] == "rgb(68, 1, 84)" and colours[0] == "rgb(253, 231, 37)"  # Viridis' two ends
    assert len(set(colours)) == len(colours)


def test_a_loss_with_nothing_finite_draws_nothing_and_a_flat_one_a_plain_rectangle():
    assert contour_bands(Surface(GRID, GRID, np.full(U.shape, np.inf), 0, 1)) == []
    (flat,) = contour_bands(Surface(GRID, GRID, np.zeros(U.shape), 0, 1))
    assert flat["x"] == [-2.0, 2.0, 2.0, -2.0, -2.0] and flat["name"] == "L ≈ 0"


def test_the_bands_as_shapes_are_the_same_rings_filled_even_odd_under_the_traces():
    """The page draws the bands as layout shapes: each shape's path, read back, is its band's rings."""
    surface = Surface(GRID, GRID, np.exp(-(U**2 + V**2)), 0, 1)
    bands = contour_bands(surface, 10)
    shapes = contour_shapes(surface, 10, "x2", "y2")
    assert len(shapes) == len(bands)
    for band, shape in zip(bands, shapes, strict=True):
        assert shape["type"] == "path" and shape["fillrule"] == "evenodd" and shape["layer"] == "between"
        assert (shape["xref"], shape["yref"], shape["fillcolor"]) == ("x2", "y2", band["fillcolor"])
        read = [
            np.array([[float(v) for v in point.lstrip("ML").split(",")] for point in ring.split()])
            for ring in shape["path"].split("Z")
            if ring.strip()
        ]
        expected = rings(band)
        assert len(read) == len(expected)
        for got, want in zip(read, expected, strict=True):
            np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-9)

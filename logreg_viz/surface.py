"""Loss surfaces: the loss over a grid of two parameters with the others held, vectorised.

Parameters are numbered 0 … n−1 for w1 … wn and n for b. Since z is linear in every parameter,
z on the grid is (the terms of the other parameters) + u·c_i + v·c_j, with c = x_i for a weight and 1
for b. Where float64 overflows to ∞ − ∞ there, z is taken at its worst, as `batch` does: never NaN.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass

import numpy as np

from . import numerics
from .batch import logits
from .validate import LOSSES, check_choice, check_dataset, check_number

MAX_GRID = 1000
HALF_MAX = sys.float_info.max / 2  # ranges within ±HALF_MAX: their width never overflows


def param_names(n: int) -> list[str]:
    """['w1', …, 'wn', 'b']."""
    return [f"w{i + 1}" for i in range(n)] + ["b"]


@dataclass(frozen=True)
class Surface:
    """L[v_index, u_index] over the grid u (parameter i) × v (parameter j)."""

    u: np.ndarray
    v: np.ndarray
    loss: np.ndarray
    i: int
    j: int


def loss_grid(
    X: object,
    y: object,
    w: object,
    b: float,
    i: int,
    j: int,
    u_range: tuple[float, float],
    v_range: tuple[float, float],
    points: int = 100,
    loss: str = "cross_entropy",
) -> Surface:
    """The loss over parameters i and j on a points × points grid, the others held at (w, b).

    X may be one example (n,) or a batch (m, n); over a batch the loss is the average.
    """
    try:
        one_example = np.ndim(X) == 1
    except ValueError:  # ragged rows: let check_dataset name X
        one_example = False
    if one_example:
        X, y = [X], [y]
    X_arr, y_arr, w_arr, b_val = check_dataset(X, y, w, b)
    check_choice(loss, "loss", LOSSES)
    n = X_arr.shape[1]
    for name, index in (("i", i), ("j", j)):
        if isinstance(index, bool) or not isinstance(index, (int, np.integer)) or not 0 <= index <= n:
            raise ValueError(f"{name} must be a parameter index in [0, {n}] (w1 … w{n}, then b), got {index!r}")
    if i == j:
        raise ValueError(f"i and j must name two different parameters, got {i} twice")
    if isinstance(points, bool) or not isinstance(points, (int, np.integer)) or not 2 <= points <= MAX_GRID:
        raise ValueError(f"points must be an integer in [2, {MAX_GRID}], got {points!r}")
    axes = []
    for name, given in (("u_range", u_range), ("v_range", v_range)):
        if (
            isinstance(given, (str, bytes))
            or not isinstance(given, (tuple, list, np.ndarray))
            or (isinstance(given, np.ndarray) and given.ndim != 1)
            or len(given) != 2
        ):
            raise ValueError(f"{name} must be a pair (low, high) of finite numbers, got {given!r:.60}")
        low, high = (check_number(t, name) for t in given)
        if not math.isfinite(high - low):  # linspace would step by ∞
            raise ValueError(f"{name} must span less than the largest float, got ({low!r}, {high!r})")
        with np.errstate(over="ignore"):  # (points − 1)·step may round past the largest float; that point is `high`
            axes.append(np.linspace(low, high, points))
    u, v = axes
    theta = np.append(w_arr, b_val)
    coeff = np.column_stack([X_arr, np.ones(len(X_arr))])  # ∂z/∂θ for every example
    held = [k for k in range(n + 1) if k not in (i, j)]
    # the terms of z that stay put, summed without θ_i and θ_j (subtracting them again could give ∞ − ∞)
    z_held = logits(coeff[:, held], theta[held], 0.0)
    # z[e, v, u] for every example e; summed over examples one at a time to keep memory at one grid
    total = np.zeros((points, points))
    m = len(X_arr)
    for e in range(m):
        with np.errstate(over="ignore", invalid="ignore"):
            z = z_held[e] + coeff[e, i] * u[None, :] + coeff[e, j] * v[:, None]
            # each loss / m, not the sum / m: m losses near the largest float average to a number, not ∞
            total += numerics.loss_array(numerics.worst_case_array(z, y_arr[e]), y_arr[e], loss) / m
    return Surface(u, v, total, i, j)


def trajectory_ranges(
    params: np.ndarray, i: int, j: int, margin: float = 0.25, min_span: float = 1.0
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Axis ranges for parameters i and j that hold the whole trajectory with a margin on each side.

    `params` is (K + 1, n + 1) as `History.params`. Non-finite entries (a diverged run) are left
    out; each span is at least `min_span` so a run that barely moves still shows its surroundings.
    Ranges are cut at ±HALF_MAX so that their width is a finite number, as `loss_grid` needs.
    """
    try:
        P = np.asarray(params)
    except ValueError:  # ragged rows
        raise ValueError("params must be a (K + 1, n + 1) array of numbers, got rows of different lengths") from None
    if P.ndim != 2 or P.shape[1] < 1 or P.dtype.kind not in "iuf":
        raise ValueError(f"params must be a (K + 1, n + 1) array of numbers, got shape {P.shape}, dtype {P.dtype}")
    for name, index in (("i", i), ("j", j)):
        if isinstance(index, bool) or not isinstance(index, (int, np.integer)) or not 0 <= index < P.shape[1]:
            raise ValueError(f"{name} must be a column index in [0, {P.shape[1] - 1}], got {index!r}")
    margin = check_number(margin, "margin", low=0.0)
    min_span = check_number(min_span, "min_span", low=0.0)
    ranges = []
    for col in (i, j):
        values = P[:, col].astype(float)
        values = values[np.isfinite(values)]
        lo, hi = (float(values.min()), float(values.max())) if values.size else (-1.0, 1.0)
        span = max(hi - lo, min_span) if math.isfinite(hi - lo) else min_span
        mid = lo / 2 + hi / 2
        half = span * (0.5 + margin)
        lo_r, hi_r = (min(max(t, -HALF_MAX), HALF_MAX) for t in (mid - half, mid + half))
        ranges.append((lo_r, hi_r))
    return ranges[0], ranges[1]

"""The decision boundary: where the model's prediction is exactly ½, i.e. z = 0.

In the (x1, x2) plane, with every other feature held (their w_i·x_i and b folded into one offset c),
it is the line w1·x1 + w2·x2 + c = 0. Drawn across a box, it is solved for the coordinate whose weight is
larger in size, so a steep line is not sampled where it runs off the box.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def offset(w: Sequence[float], b: float, x: Sequence[float] = ()) -> float:
    """c = b + Σ_{i≥3} w_i·x_i: the features beyond the first two held at x (at 0 when not given)."""
    return float(b + sum(wi * xi for wi, xi in zip(w[2:], x[2:])))


def boundary_line(
    w: Sequence[float], c: float, box: tuple[float, float, float, float]
) -> tuple[np.ndarray, np.ndarray] | None:
    """The two ends of w1·x1 + w2·x2 + c = 0 across box = (x1_lo, x1_hi, x2_lo, x2_hi).

    |w2| ≥ |w1| (and w2 ≠ 0): x2 = −(w1·x1 + c)/w2 at x1 = x1_lo, x1_hi.
    Otherwise: x1 = −(w2·x2 + c)/w1 at x2 = x2_lo, x2_hi (one feature: the vertical line x1 = −c/w1).
    None when there is no line to draw: w1 = w2 = 0 (one prediction everywhere), or a value is not finite.
    """
    w1, w2 = float(w[0]), float(w[1]) if len(w) > 1 else 0.0
    if not (np.isfinite([w1, w2]).all() and np.isfinite(c)) or (w1 == 0 and w2 == 0):
        return None
    x_lo, x_hi, y_lo, y_hi = box
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # huge weights: no line, not ∞ or NaN
        if abs(w2) >= abs(w1):
            xs = np.array([x_lo, x_hi], dtype=float)
            ys = -(w1 * xs + c) / w2
        else:
            ys = np.array([y_lo, y_hi], dtype=float)
            xs = -(w2 * ys + c) / w1
    if not (np.isfinite(xs).all() and np.isfinite(ys).all()):
        return None
    return xs, ys

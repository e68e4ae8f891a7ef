"""Descent on one example as a recurrence in z alone, said in the lecture's words.

A step moves w by −α·x·dz and b by −α·dz, so z = w·x + b moves by −α(‖x‖² + 1)·dz. With a label of
0 or 1, dz = a − y never changes sign (a is strictly between 0 and 1), so z only ever moves one way
and the loss only ever falls: descent on one such example cannot oscillate, whatever α. A label
strictly between 0 and 1 has a z where a = y; a step long enough jumps past it, and then dz flips.
"""

from __future__ import annotations

from collections.abc import Sequence

from .display import fmt
from .validate import check_example, check_lr


def z_factor(x: Sequence[float], lr: float) -> float:
    """α(‖x‖² + 1): how far one step moves z per unit of dz (∞ where it overflows)."""
    return lr * (sum(v * v for v in x) + 1.0)


def recurrence_note(x: Sequence[float], y: float, lr: float) -> str:
    """The run's recurrence with its numbers, and what it says about this label (markdown, either loss)."""
    x_arr, y_val, _, _ = check_example(x, y, x, 0.0)  # x checked, and as long as itself
    c = z_factor(x_arr.tolist(), check_lr(lr))
    rule = (
        f"**One example, one number:** each step moves z by −α(‖x‖² + 1)·dz, so the whole run is "
        f"zₖ₊₁ = zₖ − {fmt(c)}·dzₖ; every weight moves by its x times the same dz."
    )
    if y_val in (0.0, 1.0):
        way = "rises" if y_val == 1.0 else "falls"
        sign = "negative" if y_val == 1.0 else "positive"
        return (
            f"{rule} With y = {fmt(y_val)}, dz (the sign of a − y) is always {sign}, so z only {way} and the loss only "
            "falls: descent on one example like this cannot oscillate, whatever α."
        )
    return (
        f"{rule} With y = {fmt(y_val)} strictly between 0 and 1, a = y at one z; a step longer than the way "
        "there jumps past it and dz changes sign: that is how one example can oscillate."
    )

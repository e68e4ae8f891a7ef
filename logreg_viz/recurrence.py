"""Descent on one example as a recurrence in z alone, said in the lecture's words.

A step moves w by −α·x·dz and b by −α·dz, so z = w·x + b moves by −α(‖x‖² + 1)·dz. With a label of
0 or 1, dz = a − y never changes sign (a is strictly between 0 and 1), so z only ever moves one way
and the loss only ever falls: descent on one such example cannot oscillate, whatever α. A label
strictly between 0 and 1 has a z where a = y; a step long enough jumps past it, and then dz flips.

`z_recurrence` is that loop, which `single_example.descend` runs; `step_by_step` is the lecture's own
loop over the parameters, which it runs where the recurrence would not give the loop's numbers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from . import numerics
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


def z_recurrence(z: float, y: float, c: float, steps: int, loss: str) -> tuple[np.ndarray, np.ndarray] | None:
    """z_{k+1} = z_k − c·dz_k for K steps (c = α(‖x‖² + 1)): (z, dz) for rows 0 … K, or None if dz
    changed sign (an overshoot) or anything overflowed: those runs are taken step by step.

    dz is `numerics.residual` (times `sigmoid_slope` for squared error) written out with one e^−|z|
    per step: the very same operations, so the very same floats. Nothing here can raise: e^t is only
    taken for t ≤ 0, and an ∞ or NaN is found at the end.
    """
    zs: list[float] = []
    dzs: list[float] = []
    keep_z, keep_dz, exp = zs.append, dzs.append, math.exp
    if loss == "cross_entropy" and y == 1.0:  # the lecture's case, dz = −σ(−z): its own short loop
        for _ in range(steps + 1):
            keep_z(z)
            if z >= 0:
                e = exp(-z)
                m = e / (1.0 + e)  # σ(−z) = −dz
            else:
                m = 1.0 / (1.0 + exp(z))
            keep_dz(m)
            z += c * m
        Z, DZ = np.array(zs), -np.array(dzs)
    else:
        squared = loss != "cross_entropy"
        keep = 1.0 - y
        for _ in range(steps + 1):
            keep_z(z)
            if z >= 0:
                e = exp(-z)
                s, m = 1.0 / (1.0 + e), e / (1.0 + e)  # σ(z), σ(−z)
            else:
                e = exp(z)
                s, m = e / (1.0 + e), 1.0 / (1.0 + e)
            dz = keep * s - y * m
            if squared:
                dz *= s * m
            keep_dz(dz)
            z -= c * dz
        Z, DZ = np.array(zs), np.array(dzs)
        if (DZ > 0).any() and (DZ < 0).any():
            return None
    # z moves one way (dz keeps its sign): finite at both ends is finite throughout (a NaN stays NaN)
    if not (math.isfinite(zs[0]) and math.isfinite(zs[-1])):
        return None
    return Z, DZ


def step_by_step(xs: list, y: float, wk: list, bk: float, lr: float, steps: int, loss: str):
    """K steps as the lecture writes them: z from the parameters, dz, then each parameter moves.
    Returns (W, B, Z, DZ, the first diverged row or K + 1); after a parameter overflows, the
    parameters stop moving."""
    n = len(xs)
    W = np.empty((steps + 1, n))
    B = np.empty(steps + 1)
    Z = np.empty(steps + 1)
    DZ = np.empty(steps + 1)
    diverged_at = steps + 1
    for k in range(steps + 1):
        z = numerics.worst_case(numerics.logit(xs, wk, bk), y)
        dz = numerics.residual(z, y)  # dz as `numerics.loss_and_grads` has it, no more
        if loss != "cross_entropy":
            dz *= numerics.sigmoid_slope(z)
        W[k], B[k], Z[k], DZ[k] = wk, bk, z, dz
        if k == steps:
            break
        if diverged_at <= k:
            continue
        new_w = [wi - lr * (xi * dz) for wi, xi in zip(wk, xs)]
        new_b = bk - lr * dz
        if not (math.isfinite(new_b) and all(map(math.isfinite, new_w))):
            diverged_at = k + 1
        wk, bk = new_w, new_b
    return W, B, Z, DZ, diverged_at

"""Stable sigmoid, losses and their derivatives, all computed from z rather than from a rounded a.

Each formula comes twice: a scalar version on Python floats (used by the graph and by the
single-example loop, where numpy's per-call overhead would dominate) and an array version
(used to fill histories and loss surfaces). Tests check both against closed forms.

Where a = σ(z) rounds to 0 or 1 in float64, the lecture's dL/da = −y/a + (1−y)/(1−a) would divide
by zero; written with 1/a = 1 + e^−z and 1/(1−a) = 1 + e^z it stays exact until e^|z| itself
overflows, and is then ±∞ — never NaN. dz = a − y is computed as (1−y)·σ(z) − y·σ(−z), which is
exact for both labels even where a rounds to 1.

Domain: z any float but NaN (±∞ included), y in [0, 1]. These functions sit in the hot loops and
take values the public API has already checked; they do not check again.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

EXP_LIMIT = 709.782712893384  # math.log(sys.float_info.max)
SATURATION = 0.01  # da/dz = a(1−a) below this: the sigmoid is flat
WRONG = 0.5  # |a − y| from here on: the prediction sits on the wrong side of the label


def logit(x: Sequence[float], w: Sequence[float], b: float) -> float:
    """z = w1·x1 + … + wn·xn + b, summed left to right (a zero factor gives 0, even times ∞)."""
    total = 0.0
    for xi, wi in zip(x, w):
        total += 0.0 if xi == 0.0 or wi == 0.0 else wi * xi
    return total + b


def worst_case(z: float, y: float) -> float:
    """z, or where it is undefined (∞ − ∞ in w·x + b) the logit that costs the most, as `batch` does."""
    if math.isnan(z):
        return -math.inf if y >= 0.5 else math.inf
    return z


def exp(t: float) -> float:
    """e^t, +∞ where it overflows float64 (math.exp would raise)."""
    return math.exp(t) if t <= EXP_LIMIT else math.inf


def sigmoid(z: float) -> float:
    """σ(z) = 1 / (1 + e^−z), on the branch that never overflows."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def softplus(z: float) -> float:
    """log(1 + e^z) = max(z, 0) + log1p(e^−|z|)."""
    return max(z, 0.0) + math.log1p(math.exp(-abs(z)))


def residual(z: float, y: float) -> float:
    """a − y, as (1−y)·σ(z) − y·σ(−z): exact for y = 0 and y = 1 even where a rounds to 1."""
    return (1.0 - y) * sigmoid(z) - y * sigmoid(-z)


def sigmoid_slope(z: float) -> float:
    """da/dz = a(1−a) = σ(z)·σ(−z), without the cancellation of 1 − a."""
    return sigmoid(z) * sigmoid(-z)


def cross_entropy(z: float, y: float) -> float:
    """L = −(y·log a + (1−y)·log(1−a)) = y·softplus(−z) + (1−y)·softplus(z)."""
    loss = 0.0
    if y > 0:
        loss += y * softplus(-z)
    if y < 1:
        loss += (1.0 - y) * softplus(z)
    return loss


def cross_entropy_dL_da(z: float, y: float) -> float:
    """dL/da = −y/a + (1−y)/(1−a) = −y·(1 + e^−z) + (1−y)·(1 + e^z); ±∞ only where e^|z| overflows."""
    grad = 0.0
    if y > 0:
        grad -= y * (1.0 + exp(-z))
    if y < 1:
        grad += (1.0 - y) * (1.0 + exp(z))
    return grad


def squared(z: float, y: float) -> float:
    """L = ½(a − y)²."""
    r = residual(z, y)
    return 0.5 * r * r


def loss_and_grads(z: float, y: float, loss: str) -> tuple[float, float, float, float, float]:
    """(a, L, dL/da, da/dz, dz) at z for the named loss; dz is exact (a − y for cross-entropy)."""
    a = sigmoid(z)
    slope = sigmoid_slope(z)
    r = residual(z, y)
    if loss == "cross_entropy":
        return a, cross_entropy(z, y), cross_entropy_dL_da(z, y), slope, r
    return a, 0.5 * r * r, r, slope, r * slope


def saturation_effect(z: float, y: float, loss: str) -> str:
    """What a flat sigmoid (a(1−a) < SATURATION) does to learning at z: "stalls", "cancelled" or "".

    stalls: squared error's dz = (a − y)·a(1−a) carries the flat slope while the prediction is still
    wrong (|a − y| ≥ WRONG), so dz all but vanishes where a step is most needed.
    cancelled: cross-entropy with a wrong prediction: its dL/da = −y/a + (1−y)/(1−a) grows as a(1−a)
    shrinks and dz = a − y stays large, so learning goes on.
    "": the sigmoid is not flat, or a is already near y (a small dz there is convergence, not a stall).
    """
    if sigmoid_slope(z) >= SATURATION or abs(residual(z, y)) < WRONG:
        return ""
    return "cancelled" if loss == "cross_entropy" else "stalls"


# Array versions -------------------------------------------------------------------------------


def worst_case_array(z: np.ndarray, y: np.ndarray | float) -> np.ndarray:
    """`worst_case` elementwise: an undefined logit (∞ − ∞) becomes the one that costs the most."""
    return np.where(np.isnan(z), np.where(np.asarray(y) >= 0.5, -np.inf, np.inf), z)


def sigmoid_array(z: np.ndarray) -> np.ndarray:
    """σ(z) elementwise, stable for any z including ±∞."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def softplus_array(z: np.ndarray) -> np.ndarray:
    """log(1 + e^z) elementwise."""
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def residual_array(z: np.ndarray, y: np.ndarray | float) -> np.ndarray:
    """a − y elementwise, as (1−y)·σ(z) − y·σ(−z)."""
    return (1.0 - y) * sigmoid_array(z) - y * sigmoid_array(-z)


def _weighted(weight: np.ndarray | float, term: np.ndarray) -> np.ndarray:
    """weight·term, with 0·∞ taken as 0: a label of exactly 0 or 1 switches a term off."""
    with np.errstate(invalid="ignore"):
        return np.where(np.asarray(weight) == 0, 0.0, weight * term)


def cross_entropy_array(z: np.ndarray, y: np.ndarray | float) -> np.ndarray:
    """Cross-entropy from z elementwise: y·softplus(−z) + (1−y)·softplus(z)."""
    return _weighted(y, softplus_array(-z)) + _weighted(1.0 - y, softplus_array(z))


def squared_array(z: np.ndarray, y: np.ndarray | float) -> np.ndarray:
    """½(a − y)² elementwise."""
    return 0.5 * residual_array(z, y) ** 2


def loss_array(z: np.ndarray, y: np.ndarray | float, loss: str) -> np.ndarray:
    """The named loss elementwise from z."""
    return cross_entropy_array(z, y) if loss == "cross_entropy" else squared_array(z, y)


def sigmoid_pair_array(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(σ(z), σ(−z)) elementwise from one e^−|z|: the same floats as two `sigmoid_array` calls."""
    e = np.exp(-np.abs(z))
    big, small = 1.0 / (1.0 + e), e / (1.0 + e)
    up = z >= 0
    return np.where(up, big, small), np.where(up, small, big)


def grads_array(z: np.ndarray, y: np.ndarray | float, loss: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(dL/da, da/dz, dz) elementwise; the array twin of `loss_and_grads`."""
    s, m = sigmoid_pair_array(z)
    slope = s * m
    r = (1.0 - y) * s - y * m  # `residual_array`
    if loss == "cross_entropy":
        with np.errstate(over="ignore"):
            dL_da = _weighted(1.0 - y, 1.0 + np.exp(z)) - _weighted(y, 1.0 + np.exp(-z))
        return dL_da, slope, r
    return r, slope, r * slope


def history_arrays(z: np.ndarray, y: float, loss: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(a, L, dL/da, da/dz) elementwise, the same floats as `sigmoid_array`, `loss_array` and
    `grads_array`, from one e^−|z| (a history's thousand rows are filled in a few array operations)."""
    e = np.exp(-np.abs(z))
    one_e = 1.0 + e
    big, small = 1.0 / one_e, e / one_e
    up = z >= 0
    s, m = np.where(up, big, small), np.where(up, small, big)
    if loss == "cross_entropy":
        tail = np.log1p(e)  # softplus(±z) = max(±z, 0) + log1p(e^−|z|)
        L = _weighted(y, np.maximum(-z, 0.0) + tail) + _weighted(1.0 - y, np.maximum(z, 0.0) + tail)
        with np.errstate(over="ignore"):
            dL_da = _weighted(1.0 - y, 1.0 + np.exp(z)) - _weighted(y, 1.0 + np.exp(-z))
    else:
        r = (1.0 - y) * s - y * m
        L, dL_da = 0.5 * r**2, r
    return s, L, dL_da, s * m

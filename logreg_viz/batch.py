"""Many examples: averaged gradients, full-batch and stochastic gradient descent, vectorised.

z = Xw + b,  a = σ(z),  J = mean L(a_j, y_j);  dw = Xᵀ(a − y)/m,  db = mean(a − y)   (cross-entropy)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import numerics
from .validate import LOSSES, check_choice, check_dataset, check_lr, check_steps


def logits(X: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    """z = Xw + b for every example; where ±∞ weights make a logit undefined (∞ − ∞) it is NaN."""
    with np.errstate(invalid="ignore", over="ignore"):
        terms = np.where((X == 0) | (w == 0), 0.0, X * w)
        return terms.sum(axis=1) + b


@dataclass(frozen=True)
class BatchPass:
    """Per-example z, a, losses and dz, and the averaged loss and gradients."""

    z: np.ndarray
    a: np.ndarray
    losses: np.ndarray
    dz: np.ndarray
    loss: float
    dw: np.ndarray
    db: float


def _batch_grads(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float, loss: str) -> BatchPass:
    z = numerics.worst_case_array(logits(X, w, b), y)
    losses = numerics.loss_array(z, y, loss)
    dz = numerics.grads_array(z, y, loss)[2]
    m = len(y)
    with np.errstate(over="ignore"):  # a sum beyond float64 is ±∞, as everywhere else
        return BatchPass(
            z=z,
            a=numerics.sigmoid_array(z),
            losses=losses,
            dz=dz,
            loss=float(np.sum(losses / m)),  # as dw: losses near the largest float average to a number, not ∞
            # dz / m first (|dz| <= 1): no term exceeds max|X| / m, so no partial sum reaches ±∞ and then ∞ − ∞
            dw=X.T @ (dz / m),
            db=float(dz.mean()),
        )


def batch_forward_backward(X: object, y: object, w: object, b: float, loss: str = "cross_entropy") -> BatchPass:
    """Forward and backward over the whole batch: dw = Xᵀ(a − y)/m, db = mean(a − y) for cross-entropy."""
    X_arr, y_arr, w_arr, b_val = check_dataset(X, y, w, b)
    check_choice(loss, "loss", LOSSES)
    return _batch_grads(X_arr, y_arr, w_arr, b_val, loss)


@dataclass(frozen=True)
class BatchHistory:
    """K steps on a data set; row 0 is the start. `example[k]` is the example step k+1 used (−1: all)."""

    w: np.ndarray
    b: np.ndarray
    loss: np.ndarray
    dw: np.ndarray
    db: np.ndarray
    example: np.ndarray
    diverged: np.ndarray

    @property
    def steps(self) -> int:
        """K, the number of steps taken."""
        return len(self.b) - 1


def _run(
    X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float, lr: float, order: np.ndarray, loss: str
) -> BatchHistory:
    """Steps on the examples `order` names (−1: the whole batch); loss and gradients logged on the batch."""
    steps = len(order)
    n = X.shape[1]
    W = np.empty((steps + 1, n))
    B = np.empty(steps + 1)
    J = np.empty(steps + 1)
    DW = np.empty((steps + 1, n))
    DB = np.empty(steps + 1)
    diverged = np.zeros(steps + 1, dtype=bool)
    for k in range(steps + 1):
        full = _batch_grads(X, y, w, b, loss)
        W[k], B[k], J[k], DW[k], DB[k] = w, b, full.loss, full.dw, full.db
        if k == steps:
            break
        if diverged[k]:
            diverged[k + 1] = True
            continue
        j = order[k]
        if j < 0:
            dw, db = full.dw, full.db
        else:
            dz = full.dz[j]
            dw, db = X[j] * dz, dz
        with np.errstate(over="ignore"):
            w, b = w - lr * dw, b - lr * db
        diverged[k + 1] = not (np.isfinite(w).all() and np.isfinite(b))
    return BatchHistory(W, B, J, DW, DB, order.copy(), diverged)


def batch_descend(
    X: object, y: object, w: object, b: float, lr: float = 0.5, steps: int = 100, loss: str = "cross_entropy"
) -> BatchHistory:
    """Full-batch gradient descent: every step uses the gradient averaged over all m examples."""
    X_arr, y_arr, w_arr, b_val = check_dataset(X, y, w, b)
    lr, steps = check_lr(lr), check_steps(steps)
    check_choice(loss, "loss", LOSSES)
    return _run(X_arr, y_arr, w_arr, b_val, lr, np.full(steps, -1), loss)


def stochastic_descend(
    X: object,
    y: object,
    w: object,
    b: float,
    lr: float = 0.5,
    steps: int = 100,
    seed: int = 0,
    loss: str = "cross_entropy",
) -> BatchHistory:
    """Stochastic gradient descent: one example a step, as in the lecture, in an order set by `seed`.

    Each pass over the data visits every example once, in a fresh random order.
    """
    X_arr, y_arr, w_arr, b_val = check_dataset(X, y, w, b)
    lr, steps = check_lr(lr), check_steps(steps)
    check_choice(loss, "loss", LOSSES)
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or not 0 <= seed < 2**32:
        raise ValueError(f"seed must be an integer in [0, 2**32 - 1], got {seed!r}")
    rng = np.random.default_rng(seed)
    m = len(y_arr)
    epochs = -(-steps // m) if steps else 0
    order = np.concatenate([rng.permutation(m) for _ in range(epochs)] or [np.empty(0, int)])[:steps]
    return _run(X_arr, y_arr, w_arr, b_val, lr, order.astype(int), loss)

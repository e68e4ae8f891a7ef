"""One example: forward and backward through the graph, one gradient step, and K steps as a history.

z = w·x + b,  a = σ(z),  L(a, y);   dz = a − y (cross-entropy),  dw = x·dz,  db = dz
w := w − α·dw,  b := b − α·db
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from . import numerics
from .graph import Graph, build_graph
from .validate import LOSSES, VIEWS, check_choice, check_example, check_lr, check_steps


@dataclass(frozen=True)
class Pass:
    """Forward values and backward derivatives for one example, and the graph they came from."""

    z: float
    a: float
    loss: float
    dL_da: float
    da_dz: float
    dz: float
    dw: np.ndarray
    db: float
    saturated: bool
    graph: Graph

    @property
    def rounded(self) -> bool:
        """a is exactly 0 or 1 in float64: the lecture's dL/da in terms of a would divide by zero."""
        return self.a in (0.0, 1.0)

    @property
    def saturation(self) -> str:
        """What a flat sigmoid does to this step: "stalls" (squared error, a far from y), "cancelled"
        (cross-entropy, a far from y) or "" (see `numerics.saturation_effect`)."""
        return numerics.saturation_effect(self.z, self.graph["y"].value, self.graph.loss)


def forward_backward(
    x: Sequence[float] | float,
    y: float,
    w: Sequence[float] | float,
    b: float,
    loss: str = "cross_entropy",
    view: str = "lecture",
) -> Pass:
    """Run the example (x, y) through the graph with parameters (w, b), forward then backward.

    Raises ValueError naming the argument for lengths that differ, n = 0, non-finite or
    non-numeric values, y outside [0, 1], an unknown loss or view.
    """
    x_arr, y_val, w_arr, b_val = check_example(x, y, w, b)
    check_choice(loss, "loss", LOSSES)
    check_choice(view, "view", VIEWS)
    graph = build_graph(x_arr.tolist(), y_val, w_arr.tolist(), b_val, loss, view)
    n = len(x_arr)
    z, a, L = graph["z"], graph["a"], graph.root
    return Pass(
        z=z.value,
        a=a.value,
        loss=L.value,
        dL_da=L.edges[0].local,
        da_dz=a.edges[0].local,
        dz=z.grad,
        dw=np.array([graph[f"w{i + 1}"].grad for i in range(n)]),
        db=graph["b"].grad,
        saturated=a.edges[0].local < numerics.SATURATION,
        graph=graph,
    )


def gradient_step(
    x: Sequence[float] | float,
    y: float,
    w: Sequence[float] | float,
    b: float,
    lr: float,
    loss: str = "cross_entropy",
) -> tuple[np.ndarray, float]:
    """One step of gradient descent on one example: (w − α·dw, b − α·db)."""
    h = descend(x, y, w, b, lr=lr, steps=1, loss=loss)
    return h.w[1].copy(), float(h.b[1])


@dataclass(frozen=True)
class History:
    """K steps of gradient descent as arrays; row k is the state before step k+1 (row 0: the start).

    The derivatives in row k are those at the parameters of row k, so
    w[k + 1] = w[k] − lr·dw[k] and b[k + 1] = b[k] − lr·db[k] for every k < K (until divergence).
    `diverged[k]` is True from the first row holding a parameter that overflowed to ±∞; from there
    on the parameters stop moving.
    """

    x: np.ndarray
    y: float
    lr: float
    loss_name: str
    w: np.ndarray
    b: np.ndarray
    z: np.ndarray
    a: np.ndarray
    loss: np.ndarray
    dL_da: np.ndarray
    da_dz: np.ndarray
    dz: np.ndarray
    dw: np.ndarray
    db: np.ndarray
    saturated: np.ndarray
    diverged: np.ndarray

    @property
    def steps(self) -> int:
        """K, the number of steps taken."""
        return len(self.b) - 1

    @property
    def overflow_step(self) -> int | None:
        """The step whose update overflowed (it made the first diverged row), or None."""
        return int(np.argmax(self.diverged)) if self.diverged.any() else None

    @property
    def params(self) -> np.ndarray:
        """(K + 1, n + 1): w1 … wn, b in each row."""
        return np.column_stack([self.w, self.b])


def descend(
    x: Sequence[float] | float,
    y: float,
    w: Sequence[float] | float,
    b: float,
    lr: float = 0.5,
    steps: int = 100,
    loss: str = "cross_entropy",
) -> History:
    """K = `steps` single-example gradient steps from (w, b); the whole history as arrays.

    The step itself is a scalar recurrence (each step needs the previous one); everything derived
    from z is then filled in for all rows at once.
    """
    x_arr, y_val, w_arr, b_val = check_example(x, y, w, b)
    lr = check_lr(lr)
    steps = check_steps(steps)
    check_choice(loss, "loss", LOSSES)
    xs = x_arr.tolist()
    n = len(xs)
    W = np.empty((steps + 1, n))
    B = np.empty(steps + 1)
    Z = np.empty(steps + 1)
    DZ = np.empty(steps + 1)
    wk, bk = w_arr.tolist(), b_val
    diverged_at = steps + 1
    for k in range(steps + 1):
        z = numerics.worst_case(numerics.logit(xs, wk, bk), y_val)
        dz = numerics.loss_and_grads(z, y_val, loss)[4]
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
    with np.errstate(over="ignore"):
        dL_da, da_dz, _ = numerics.grads_array(Z, y_val, loss)
        L = numerics.loss_array(Z, y_val, loss)
    a = numerics.sigmoid_array(Z)
    diverged = np.arange(steps + 1) >= diverged_at
    return History(
        x=x_arr,
        y=y_val,
        lr=lr,
        loss_name=loss,
        w=W,
        b=B,
        z=Z,
        a=a,
        loss=L,
        dL_da=dL_da,
        da_dz=da_dz,
        dz=DZ,
        dw=DZ[:, None] * x_arr[None, :],
        db=DZ.copy(),
        saturated=da_dz < numerics.SATURATION,
        diverged=diverged,
    )

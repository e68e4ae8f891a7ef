"""One example: forward and backward through the graph, one gradient step, and K steps as a history.

z = w·x + b,  a = σ(z),  L(a, y);   dz = a − y (cross-entropy),  dw = x·dz,  db = dz
w := w − α·dw,  b := b − α·db
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from . import numerics
from .graph import Graph, build_graph
from .recurrence import step_by_step, z_recurrence
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
    on the parameters stop moving. What follows from z alone (a, the loss, dL/da, da/dz, dw, db,
    `saturated`) is worked out for every row at once, the first time it is read.
    """

    x: np.ndarray
    y: float
    lr: float
    loss_name: str
    w: np.ndarray
    b: np.ndarray
    z: np.ndarray
    dz: np.ndarray
    diverged: np.ndarray

    @cached_property
    def from_z(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(a, L, dL/da, da/dz) for every row, from z."""
        return numerics.history_arrays(self.z, self.y, self.loss_name)

    @property
    def a(self) -> np.ndarray:
        return self.from_z[0]

    @property
    def loss(self) -> np.ndarray:
        return self.from_z[1]

    @property
    def dL_da(self) -> np.ndarray:
        return self.from_z[2]

    @property
    def da_dz(self) -> np.ndarray:
        return self.from_z[3]

    @cached_property
    def dw(self) -> np.ndarray:
        return self.dz[:, None] * self.x[None, :]

    @cached_property
    def db(self) -> np.ndarray:
        return self.dz.copy()

    @property
    def saturated(self) -> np.ndarray:
        return self.da_dz < numerics.SATURATION

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

    With one example the whole run is a recurrence in z alone: a step moves w by −α·x·dz and b by
    −α·dz, so z = w·x + b moves by −α(‖x‖² + 1)·dz, and every parameter's path is its start minus α
    times the running sum of dz (times its input). That recurrence is what runs here; everything
    derived from z is then filled in for all rows at once. A run where dz changes sign (an
    overshoot: the map z ↦ z − α(‖x‖² + 1)·dz then amplifies rounding, so no two ways of computing it
    agree for long) or where a parameter overflows is taken step by step instead, as the lecture
    writes it, and so is its divergence.
    """
    x_arr, y_val, w_arr, b_val = check_example(x, y, w, b)
    lr = check_lr(lr)
    steps = check_steps(steps)
    check_choice(loss, "loss", LOSSES)
    xs = x_arr.tolist()
    z0 = numerics.worst_case(numerics.logit(xs, w_arr.tolist(), b_val), y_val)
    run = z_recurrence(z0, y_val, lr * (sum(v * v for v in xs) + 1.0), steps, loss)  # floats: ∞, no warning
    if run is not None:
        Z, DZ = run
        # each row is the one before minus α·dw (α·db): added up in order, so that holds exactly
        W = np.empty((steps + 1, len(x_arr)))
        B = np.empty(steps + 1)
        W[0], B[0] = w_arr, b_val
        with np.errstate(over="ignore", invalid="ignore"):
            W[1:] = -(lr * (DZ[:-1, None] * x_arr[None, :]))
            B[1:] = -(lr * DZ[:-1])
            np.add.accumulate(W, axis=0, out=W)
            np.add.accumulate(B, out=B)
        diverged_at = steps + 1
    # dz keeps its sign, so each parameter moves one way: finite at both ends is finite throughout
    if run is None or not (np.isfinite(W[-1]).all() and math.isfinite(B[-1])):
        W, B, Z, DZ, diverged_at = step_by_step(xs, y_val, w_arr.tolist(), b_val, lr, steps, loss)
    diverged = np.zeros(steps + 1, dtype=bool)
    diverged[diverged_at:] = True
    return History(x=x_arr, y=y_val, lr=lr, loss_name=loss, w=W, b=B, z=Z, dz=DZ, diverged=diverged)

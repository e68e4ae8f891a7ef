"""The derivative as a slope: nudge one quantity by ±ε and watch the loss move.

    dL/dθ ≈ (L(θ + ε) − L(θ − ε)) / 2ε

This is the check a learner can do by hand, to stand beside the analytic derivative on screen.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from . import numerics
from .single_example import forward_backward
from .validate import LOSSES, check_choice, check_example, check_number


def nudge(
    x: Sequence[float] | float,
    y: float,
    w: Sequence[float] | float,
    b: float,
    target: str,
    eps: float = 1e-6,
    loss: str = "cross_entropy",
) -> float:
    """Central difference of L with respect to `target`, holding everything else.

    `target` is a leaf (x1 … xn, w1 … wn, b) or a node of the graph (z, a, or a product w1x1 of the
    expanded view, which moves z one for one). Nudging a moves L(a, y) directly, a held in (0, 1).
    """
    x_arr, y_val, w_arr, b_val = check_example(x, y, w, b)
    check_choice(loss, "loss", LOSSES)
    eps = check_number(eps, "eps", low=1e-12, high=1.0)
    n = len(x_arr)
    leaves = [f"x{i + 1}" for i in range(n)] + [f"w{i + 1}" for i in range(n)] + ["b"]
    nodes = ["z", "a"] + [f"w{i + 1}x{i + 1}" for i in range(n)]
    check_choice(target, "target", tuple(leaves + nodes))

    def loss_at_z(z: float) -> float:
        return numerics.cross_entropy(z, y_val) if loss == "cross_entropy" else numerics.squared(z, y_val)

    def loss_at(shift: float) -> float:
        xs, ws, bias = x_arr.copy(), w_arr.copy(), b_val
        if target == "b":
            bias += shift
        elif target in leaves:
            (xs if target[0] == "x" else ws)[int(target[1:]) - 1] += shift
        z = numerics.worst_case(numerics.logit(xs.tolist(), ws.tolist(), bias), y_val)
        if target == "a":
            a = min(max(numerics.sigmoid(z) + shift, 1e-300), 1 - 1e-16)  # keep the logs finite
            if loss == "squared":
                return 0.5 * (a - y_val) ** 2
            return -(y_val * math.log(a) + (1 - y_val) * math.log(1 - a))
        if target in nodes:  # z or a product inside it
            z += shift
        return loss_at_z(z)

    up, down = loss_at(eps), loss_at(-eps)
    if up == down:  # includes a loss that is +∞ on both sides: it does not move by anything measurable
        return 0.0
    return (up - down) / (2 * eps)


@dataclass(frozen=True)
class NudgeRow:
    """One quantity: its backward derivative and the central-difference estimate beside it."""

    name: str
    grad_name: str
    analytic: float
    estimate: float

    @property
    def comparable(self) -> bool:
        """Both are finite numbers, so their difference means something."""
        return math.isfinite(self.analytic) and math.isfinite(self.estimate)


def nudge_table(
    x: Sequence[float],
    y: float,
    w: Sequence[float],
    b: float,
    loss: str = "cross_entropy",
    view: str = "lecture",
    eps: float = 1e-4,
) -> list[NudgeRow]:
    """For every node of the graph but L and y: dL/dnode from backward, and `nudge` at ε beside it.

    Ordered as the lecture reads them: the parameters (w1 … wn, b), the inputs, then z and a.
    """
    graph = forward_backward(x, y, w, b, loss, view).graph
    order = {"weight": 0, "bias": 1, "feature": 2}
    nodes = [n for n in graph.nodes if n.name not in ("L", "y")]
    position = {id(n): i for i, n in enumerate(nodes)}  # hidden nodes in graph order: products, z, a
    nodes.sort(key=lambda n: (order.get(n.role, 3), n.name if n.role in order else f"{position[id(n)]:03d}"))
    return [NudgeRow(n.name, n.grad_name, n.grad, nudge(x, y, w, b, n.name, eps, loss)) for n in nodes]

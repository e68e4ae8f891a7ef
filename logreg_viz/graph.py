"""The lecture's computation graph for one example, in two views.

lecture:  x1, w1, x2, w2, b → z → a → L(a, y)          (z = w·x + b as one node)
expanded: x_i, w_i → w_i·x_i;  w_1·x_1, …, b → z → a → L  (every product and the sum its own node)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import numerics
from .engine import Edge, Node, add, backpropagate, leaf, mul
from .validate import LOSSES, VIEWS, check_choice, check_example


@dataclass
class Graph:
    """The nodes in topological order (stable), the loss node and a lookup by name."""

    nodes: list[Node]
    root: Node
    view: str
    loss: str

    def __getitem__(self, name: str) -> Node:
        for node in self.nodes:
            if node.name == name:
                return node
        raise KeyError(name)

    @property
    def edges(self) -> list[tuple[Node, Node, Edge]]:
        """(parent, child, edge) for every edge, children in topological order."""
        return [(e.parent, node, e) for node in self.nodes for e in node.edges]


LOSS_FORMULAS = {
    "cross_entropy": ("−y/a + (1−y)/(1−a)", "a − y"),
    "squared": ("a − y", "(a − y)·a(1−a)"),
}


def build_graph(x: Sequence[float], y: float, w: Sequence[float], b: float, loss: str, view: str) -> Graph:
    """Build the graph for one example, run forward and backward, and return it.

    Checked as `forward_backward` checks (ValueError naming the argument), except that w and b may be
    ±∞: the animation draws the graph at a diverged row of a history.
    The sigmoid's backward rule for cross-entropy uses dz = a − y directly: where a rounds to 1,
    dL/da (huge or ∞) times da/dz (tiny or 0) would lose every digit or give NaN, while a − y is exact.
    """
    x_arr, y, w_arr, b = check_example(x, y, w, b, diverged=True)
    check_choice(loss, "loss", LOSSES)
    check_choice(view, "view", VIEWS)
    return assemble(x_arr.tolist(), y, w_arr.tolist(), b, loss, view)


def assemble(x: list[float], y: float, w: list[float], b: float, loss: str, view: str) -> Graph:
    """`build_graph` without its checks, for numbers already checked: the rows of a history, whose
    start `descend` checked and whose steps it computed (finite or ±∞, never NaN). The animation
    draws a graph for every row it shows; checking each again took a quarter of that time."""
    n = len(x)
    xs = [leaf(f"x{i + 1}", x[i], "feature") for i in range(n)]
    ws = [leaf(f"w{i + 1}", w[i], "weight") for i in range(n)]
    bias = leaf("b", b, "bias")
    if view == "lecture":
        edges: list[Edge] = []
        for xi, wi in zip(xs, ws):
            edges += [Edge(xi, wi.value, wi.name), Edge(wi, xi.value, xi.name)]
        edges.append(Edge(bias, 1.0, "1"))
        z = Node("z", numerics.logit(x, w, b), "linear", tuple(edges), "dz")
    else:
        products = [mul(xi, wi, f"{wi.name}{xi.name}", f"d({wi.name}·{xi.name})") for xi, wi in zip(xs, ws)]
        z = add([*products, bias], "z", "dz")
    z.value = numerics.worst_case(z.value, y)  # never NaN, even where products overflow to +∞ and −∞

    a_value, loss_value, dL_da, da_dz, dz = numerics.loss_and_grads(z.value, y, loss)
    a = Node("a", a_value, "sigmoid", (Edge(z, da_dz, "a(1−a)"),), "da")
    label = leaf("y", y, "label")
    dL_dy = -z.value if loss == "cross_entropy" else -numerics.residual(z.value, y)
    dL_da_formula = LOSS_FORMULAS[loss][0]
    L = Node("L", loss_value, loss, (Edge(a, dL_da, dL_da_formula), Edge(label, dL_dy, "∂L/∂y")), "dL", "loss")
    if loss == "cross_entropy":
        exact_dz = dz

        def fused(node: Node) -> None:
            z.grad += L.grad * exact_dz

        a.backward_rule = fused
    order = backpropagate(L)
    return Graph(order, L, view, loss)

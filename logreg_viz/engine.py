"""A small scalar graph engine: named nodes, ordered parents, a local derivative on every edge.

Every node keeps the edges to its parents in order, and each edge keeps ∂node/∂parent as a number
and as the lecture writes it, so a page can show dL/dparent = dL/dnode × dnode/dparent on every
edge without recomputing anything. `backpropagate` is a reverse topological walk; a node used
twice accumulates (+=) its gradient from both uses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


@dataclass(eq=False)
class Edge:
    """parent → child, with the local derivative ∂child/∂parent (a number and its formula)."""

    parent: Node
    local: float
    formula: str = ""


@dataclass(eq=False)
class Node:
    """A scalar in the graph: its forward value, its gradient dL/dnode and where it came from."""

    name: str
    value: float
    op: str = "leaf"
    edges: tuple[Edge, ...] = ()
    grad_name: str = ""
    role: str = "hidden"
    grad: float = 0.0
    backward_rule: Callable[[Node], None] | None = field(default=None, repr=False)

    @property
    def parents(self) -> tuple[Node, ...]:
        """The nodes this one was computed from, in order."""
        return tuple(e.parent for e in self.edges)

    def propagate(self) -> None:
        """Add this node's gradient times each local derivative into its parents."""
        if self.backward_rule is not None:
            self.backward_rule(self)
            return
        for e in self.edges:
            e.parent.grad += times(self.grad, e.local)


def times(upstream: float, local: float) -> float:
    """upstream × local, where an exactly zero factor stops the flow (0·∞ := 0, never NaN)."""
    if upstream == 0.0 or local == 0.0:
        return 0.0
    return upstream * local


def leaf(name: str, value: float, role: str, grad_name: str = "") -> Node:
    """An input or a parameter."""
    return Node(name, float(value), "leaf", (), grad_name or f"d{name}", role)


def mul(p: Node, q: Node, name: str, grad_name: str = "") -> Node:
    """p·q;  ∂/∂p = q, ∂/∂q = p."""
    edges = (Edge(p, q.value, q.name), Edge(q, p.value, p.name))
    return Node(name, times(p.value, q.value), "mul", edges, grad_name or f"d{name}")


def add(terms: Sequence[Node], name: str, grad_name: str = "") -> Node:
    """Σ terms;  ∂/∂term = 1."""
    total = 0.0
    for t in terms:  # left to right, as `numerics.logit` sums, so both give the same z to the bit
        total += t.value
    return Node(name, total, "add", tuple(Edge(t, 1.0, "1") for t in terms), grad_name or f"d{name}")


def topological_sort(root: Node) -> list[Node]:
    """Every node that `root` depends on, parents before children, in a stable order.

    Depth-first over the ordered edges, so the same graph always gives the same list.
    """
    order: list[Node] = []
    seen: set[int] = set()
    stack: list[tuple[Node, int]] = [(root, 0)]
    while stack:
        node, i = stack.pop()
        if i == 0:
            if id(node) in seen:
                continue
            seen.add(id(node))
        if i < len(node.edges):
            stack.append((node, i + 1))
            parent = node.edges[i].parent
            if id(parent) not in seen:
                stack.append((parent, 0))
        else:
            order.append(node)
    return order


def backpropagate(root: Node) -> list[Node]:
    """Set every node's grad to dL/dnode, L being `root`; return the topological order."""
    order = topological_sort(root)
    for node in order:
        node.grad = 0.0
    root.grad = 1.0
    for node in reversed(order):
        node.propagate()
    return order


def trace(root: Node) -> tuple[list[Node], list[tuple[Node, Node, Edge]]]:
    """(nodes, edges) of the graph below `root`, for drawing; edges as (parent, child, edge)."""
    nodes = topological_sort(root)
    return nodes, [(e.parent, node, e) for node in nodes for e in node.edges]

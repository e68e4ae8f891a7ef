"""The graph's words: each node's value and derivative, each edge's formula and local derivative, the
saturation flag — as far as a `Reveal` shows them ("…" for a number still to come, "?" for one a
class has yet to predict)."""

from __future__ import annotations

from ..display import fmt
from ..engine import Node
from ..graph import Graph
from ..numerics import saturation_effect
from ..reveal import Reveal
from .measure import Sizing, drawn_edges

NO_GRADIENT = {"label"}  # the label is not learned: no derivative drawn for it
PENDING = "…"  # a number not yet computed in the step-through
SECRET = "?"  # a number the class has yet to predict


EVERYTHING = Reveal(dx=True)


def op_name(node: Node) -> str:
    return node.name.replace("x", "·x") if node.op == "mul" else node.name


def has_grad_line(node: Node, reveal: Reveal) -> bool:
    """Whether a node's box has a derivative line: not the label, not L, not an input unless dx is on."""
    if node.role in NO_GRADIENT or node.name == "L":
        return False
    return reveal.dx or node.role != "feature"


def node_label(node: Node, reveal: Reveal = EVERYTHING) -> tuple[str, str]:
    """(forward text, backward text) for a node in the lecture's notation; '' where there is none."""
    name = op_name(node)
    value = fmt(node.value) if reveal.shows_value(node) else PENDING
    forward = f"{name} = {value}"
    updated = dict(reveal.updated)
    if node.name in updated:
        forward += f" → {fmt(updated[node.name])}"
    if node.role in NO_GRADIENT:
        return forward + " (label)", ""
    if not has_grad_line(node, reveal):
        return forward, ""
    if node.name in reveal.secret:
        return forward, f"{node.grad_name} = {SECRET}"
    return forward, f"{node.grad_name} = {fmt(node.grad) if reveal.shows_grad(node) else PENDING}"


def edge_label(parent: Node, child: Node, formula: str, short: bool = False) -> str:
    """∂child/∂parent = formula, as the lecture writes it (the number follows); `short`: an edge into a
    product as ∂/∂parent."""

    def shown(node: Node) -> str:
        return f"({op_name(node)})" if node.op == "mul" else node.name

    symbol = f"∂{shown(child)}/∂{shown(parent)}"
    if short and child.op == "mul":  # on a phone: the product it goes into is where the edge ends
        symbol = f"∂/∂{shown(parent)}"
    return symbol if formula in ("", "1") else f"{symbol} = {formula}"


def edge_shown(parent: Node, child: Node, reveal: Reveal) -> bool:
    """An edge's local derivative shows with the derivative it goes into (d parent = d child × local):
    an input's edge, whose derivative may be off, with its child's."""
    if parent.role == "feature" and not reveal.dx:
        return child.name not in reveal.secret and (reveal.backward is None or child.name in reveal.backward)
    return reveal.shows_grad(parent)


def edge_values(graph: Graph, reveal: Reveal = EVERYTHING) -> list[str]:
    """'= 0.25' per drawn edge; held back like the derivative it goes into."""
    out = []
    for parent, child, edge in drawn_edges(graph):
        if edge_shown(parent, child, reveal):
            out.append(f" = {fmt(edge.local)}")
        else:
            out.append(f" = {SECRET if parent.name in reveal.secret else PENDING}")
    return out


def saturation_text(graph: Graph) -> str:
    """A flag for node a where the flat sigmoid stalls learning (squared error, a far from y), else nothing."""
    if saturation_effect(graph["z"].value, graph["y"].value, graph.loss) != "stalls":
        return ""
    return f"⚠ stuck: a(1−a) = {fmt(graph['a'].edges[0].local)} stalls dz"


def moving_texts(graph: Graph, reveal: Reveal = EVERYTHING) -> list[list[str]]:
    """The texts that change from step to step: forward, backward, edge values, saturation flag.

    An empty text is sent as a space: plotly.js draws nothing for a text that was once empty and
    later updated in place by Plotly.react, so a flag would never appear.
    """
    labels = [node_label(n, reveal) for n in graph.nodes]
    texts = [[f for f, _ in labels], [b for _, b in labels], edge_values(graph, reveal), [saturation_text(graph)]]
    return [[t or " " for t in group] for group in texts]


def formulas(graph: Graph, sizing: Sizing) -> list[str]:
    """Each drawn edge's formula; a level edge's may take two lines (its value goes under the line)."""
    out = []
    for parent, child, edge in drawn_edges(graph):
        text = edge_label(parent, child, edge.formula, short=sizing.shape == "narrow")
        if sizing.shape == "wide" and child.name in ("a", "L") and " = " in text:
            text = text.replace(" = ", " =<br>", 1)
        out.append(text)
    return out

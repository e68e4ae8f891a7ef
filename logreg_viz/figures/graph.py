"""The computation graph drawn left to right, as in the lecture, with the chain rule on every edge.

Forward values sit above a node in blue, backward derivatives below it in vermillion; every edge
carries its local derivative in grey. Where everything goes is in `geometry`.
"""

from __future__ import annotations

import plotly.graph_objects as go

from ..display import fmt
from ..engine import Edge, Node
from ..graph import Graph
from ..numerics import saturation_effect
from .geometry import (
    HALF_H,
    LANE,
    boxes,
    edge_ends,
    graph_height,
    graph_ranges,
    half_width,
    label_anchors,
    layout,
)
from .style import ACTIVE, BACKWARD, FORWARD, LOCAL, TEMPLATE, WARN

NO_GRADIENT = {"label"}  # the label is not learned: no derivative drawn for it


def node_label(node: Node) -> tuple[str, str]:
    """(forward text, backward text) for a node in the lecture's notation."""
    name = node.name if node.op != "mul" else node.name.replace("x", "·x")
    forward = f"{name} = {fmt(node.value)}"
    if node.role in NO_GRADIENT:
        return forward + " (label)", ""
    if node.name == "L":
        return forward, ""
    return forward, f"{node.grad_name} = {fmt(node.grad)}"


def edge_label(parent: Node, child: Node, formula: str) -> str:
    """∂child/∂parent = formula, as the lecture writes it (the number goes on the line below)."""

    def shown(node: Node) -> str:
        return f"({node.name.replace('x', '·x')})" if node.op == "mul" else node.name

    symbol = f"∂{shown(child)}/∂{shown(parent)}"
    if formula in ("", "1"):
        return symbol
    return f"{symbol} = {formula}"


def edge_value(local: float) -> str:
    """The local derivative's value, under its formula."""
    return f"= {fmt(local)}"


def saturation_text(graph: Graph) -> str:
    """A flag for node a where the flat sigmoid stalls learning (squared error, a far from y), else nothing."""
    if saturation_effect(graph["z"].value, graph["y"].value, graph.loss) != "stalls":
        return ""
    return f"⚠ stuck: a(1−a) = {fmt(graph['a'].edges[0].local)} stalls dz"


def _drawn_edges(graph: Graph) -> list[tuple[Node, Node, Edge]]:
    return [(p, c, e) for p, c, e in graph.edges if p.role != "label"]


def moving_texts(graph: Graph, hidden: frozenset[str] = frozenset()) -> list[list[str]]:
    """The texts that change from step to step: forward, backward, edge values, saturation flag.

    Nodes named in `hidden` show their derivative as '?' (a quiz not yet answered); so does the
    edge a → L, whose local derivative ∂L/∂a is da itself.
    """
    labels = [node_label(n) for n in graph.nodes]
    backward = [f"{n.grad_name} = ?" if n.name in hidden and b else b for n, (_, b) in zip(graph.nodes, labels)]
    values = ["= ?" if c.name == "L" and p.name in hidden else edge_value(e.local) for p, c, e in _drawn_edges(graph)]
    texts = [[f for f, _ in labels], backward, values, [saturation_text(graph)]]
    # An empty text is sent as a space: plotly.js (4.2) draws nothing for a text that was once empty
    # and later updated in place by Plotly.react, so the saturation flag would never appear.
    return [[t or " " for t in group] for group in texts]


def graph_traces(
    graph: Graph,
    highlight: str | None = None,
    xaxis: str = "x",
    yaxis: str = "y",
    hidden: frozenset[str] = frozenset(),
) -> list[dict]:
    """The graph as plain trace dicts, each with its role as `meta`: edges, node boxes (computed and
    learned nodes), input boxes, forward texts, backward texts, edge values, saturation flag, edge
    formulas, highlight. Every node of `graph.nodes` has its texts at its index in the forward and
    backward texts.
    """
    pos = layout(graph)
    nodes = graph.nodes
    ex: list[float | None] = []
    ey: list[float | None] = []
    for parent, child, _ in graph.edges:
        x0, y0, x1, y1 = edge_ends(pos, parent, child)
        ex += [x0, x1, None]
        ey += [y0, y1, None]
    drawn = _drawn_edges(graph)
    f_at, v_at = label_anchors(pos, drawn, LANE[graph.view])
    formulas = [edge_label(p, c, e.formula) + " " for p, c, e in drawn]
    # above a level edge the formula may take two lines; on a slanted one it must stay on one
    formulas = [f.replace(" = ", " =<br>", 1) if c.name in ("a", "L") else f for f, (_, c, _) in zip(formulas, drawn)]
    hover = [f"{p.grad_name} = {c.grad_name} × ∂{c.name}/∂{p.name}" for p, c, _ in drawn]
    fwd, bwd, values, flag = moving_texts(graph, hidden)
    nx = [pos[n.name][0] for n in nodes]
    ny = [pos[n.name][1] for n in nodes]
    fy = [y + (0.17 if n.role not in NO_GRADIENT and n.name != "L" else 0.0) for y, n in zip(ny, nodes, strict=True)]
    inputs = [(*pos[n.name], half_width(n)) for n in nodes if n.role in ("feature", "label")]
    others = [(*pos[n.name], half_width(n)) for n in nodes if n.role not in ("feature", "label")]
    ax, ay = pos["a"]
    active = next(((*pos[n.name], half_width(n)) for n in nodes if n.name == highlight), None)
    common = dict(xaxis=xaxis, yaxis=yaxis, hoverinfo="skip", showlegend=False, cliponaxis=False)

    def text_trace(role, at, text, color, size, **extra):
        return dict(
            type="scatter",
            meta=role,
            x=[a[0] for a in at],
            y=[a[1] for a in at],
            mode="text",
            text=text,
            textposition=[a[2] for a in at],
            textfont=dict(color=color, size=size),
            **{**common, **extra},
        )

    def box_trace(role, centres, fill, line, width=2.0, grow=0.0):
        bx, by = boxes(centres, grow)
        return dict(
            type="scatter",
            meta=role,
            x=bx,
            y=by,
            mode="lines",
            fill="toself",
            fillcolor=fill,
            line=dict(color=line, width=width),
            **common,
        )

    centre = "middle center"
    return [
        dict(type="scatter", meta="edges", x=ex, y=ey, mode="lines", line=dict(color="#9e9e9e", width=2), **common),
        box_trace("node boxes", others, "#ffffff", "#4d4d4d"),
        box_trace("input boxes", inputs, "#f0f0f0", "#9e9e9e"),
        text_trace("forward texts", [(x, y, centre) for x, y in zip(nx, fy, strict=True)], fwd, FORWARD, 15),
        text_trace("backward texts", [(x, y - 0.17, centre) for x, y in zip(nx, ny, strict=True)], bwd, BACKWARD, 15),
        text_trace("edge values", v_at, [" " + v for v in values], LOCAL, 14),
        text_trace("saturation flag", [(ax, ay - HALF_H - 0.05, "bottom center")], flag, WARN, 15),
        text_trace("edge formulas", f_at, formulas, LOCAL, 14, hoverinfo="text", hovertext=hover),
        box_trace("highlight", [active] if active else [], "rgba(0,158,115,0.10)", ACTIVE, 4.0, 0.07),
    ]


# what moves from one step to the next: the numbers and the flag (the `meta` of their traces)
CHANGING = ("forward texts", "backward texts", "edge values", "saturation flag")


def graph_frame_data(graph: Graph) -> list[dict]:
    """Only what changes between steps, for an animation frame: the texts of the CHANGING traces, in that order."""
    return [{"text": texts} for texts in moving_texts(graph)]


def graph_spec(
    graph: Graph, highlight: str | None = None, title: str = "", hidden: frozenset[str] = frozenset()
) -> dict:
    """The graph figure as plain dicts ({data, layout}): what a page sends. `make_graph_figure` is the
    same figure checked by plotly, for notebooks and export."""
    xr, yr = graph_ranges(graph)
    return dict(
        data=graph_traces(graph, highlight, hidden=hidden),
        layout=dict(
            template=TEMPLATE,
            height=graph_height(graph),
            title=dict(text=title, font=dict(size=17)),
            xaxis=dict(visible=False, range=xr, fixedrange=True),
            yaxis=dict(visible=False, range=yr, fixedrange=True),
            margin=dict(l=10, r=10, t=40 if title else 10, b=10),
        ),
    )


def make_graph_figure(
    graph: Graph, highlight: str | None = None, title: str = "", hidden: frozenset[str] = frozenset()
) -> go.Figure:
    """The computation graph of one example as a figure; `highlight` rings one node by name and
    the nodes in `hidden` keep their derivative to themselves ('?')."""
    return go.Figure(graph_spec(graph, highlight, title, hidden))

"""The computation graph with the chain rule on every edge, laid out for the screen it is on.

Forward values are the top line of a node's box in blue, backward derivatives the line under it in
vermillion; every edge carries its local derivative in grey, on the edge. What is shown can be held
back (`Reveal`): the step-through shows each number as its turn comes, the quiz keeps answers back.
Where everything goes is in `geometry`.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from ..graph import Graph
from ..reveal import Reveal
from .geometry import place
from .graph_text import EVERYTHING, formulas, has_grad_line, moving_texts
from .measure import LINE, Layout, Measures, Sizing, boxes, drawn_edges, em, rectangles
from .style import ACTIVE, BACKWARD, FORWARD, LOCAL, TEMPLATE, WARN
from .variants import variant_patch

WIDE = Sizing(15, "wide")  # a notebook's and an exported file's graph


def measure(texts: Sequence[list[list[str]]], graph: Graph) -> tuple[dict[str, float], list[float], float]:
    """The widest of every text each part shows over `texts` (a list of `moving_texts`), in em:
    (per node, per drawn edge's value, the flag). The type size multiplies these, so they serve
    every arrangement."""
    nodes = {n.name: 0.0 for n in graph.nodes}
    values = [0.0] * len(drawn_edges(graph))
    flag = 0.0
    for fwd, bwd, vals, flags in texts:
        for node, f, b in zip(graph.nodes, fwd, bwd, strict=True):
            nodes[node.name] = max(nodes[node.name], em(f), em(b))
        values = [max(v, em(t)) for v, t in zip(values, vals, strict=True)]
        flag = max([flag, *(em(t) for t in flags)])
    return nodes, values, flag


def layout_for(graph: Graph, shown: Sequence[list[list[str]]] | tuple, sizing: Sizing) -> Layout:
    """One layout of `graph` that holds every text in `shown` (`moving_texts` of each step and each
    way the numbers are shown), or the `measure` of them."""
    nodes, values, flag = shown if isinstance(shown, tuple) else measure(shown, graph)
    return place(graph, sizing, Measures(nodes, values, formulas(graph, sizing), flag))


def px(values: list) -> list:
    """Coordinates in px to a tenth: finer than a screen shows, and short in JSON."""
    return [None if v is None else round(v, 1) for v in values]


def graph_traces(
    graph: Graph,
    where: Layout,
    reveal: Reveal = EVERYTHING,
    highlight: str | None = None,
    xaxis: str = "x",
    yaxis: str = "y",
) -> list[dict]:
    """The graph as plain trace dicts, each with its role as `meta`: edges, label patches, node boxes
    (computed and learned nodes), input boxes, forward texts, backward texts, edge values, saturation
    flag, edge formulas, highlight. Every node of `graph.nodes` has its texts at its index in the
    forward and backward texts; edge values and formulas follow `drawn_edges`."""
    f = where.sizing.font
    nodes = graph.nodes
    ex: list[float | None] = []
    ey: list[float | None] = []
    for line in where.edges:
        ex += [round(p[0], 1) for p in line] + [None]
        ey += [round(p[1], 1) for p in line] + [None]
    drawn = drawn_edges(graph)
    fwd, bwd, values, flag = moving_texts(graph, reveal)
    one_line = {n.name for n in nodes if not has_grad_line(n, reveal)}
    half_line = 0.55 * LINE * f
    fwd_at = [
        (x, y if n.name in one_line else y + half_line, "middle center")
        for n, (x, y) in ((n, where.centre[n.name]) for n in nodes)
    ]
    bwd_at = [(x, y - half_line, "middle center") for x, y in (where.centre[n.name] for n in nodes)]
    formula_at, value_at = [], []
    for label in where.labels:
        x, y = label.at
        if label.style == "inline":
            formula_at.append((x, y, "middle left"))
            value_at.append((x, y, "middle right"))
        else:  # stacked
            formula_at.append((x, y + 0.15 * f, "top center"))
            value_at.append((x, y - 0.15 * f, "bottom center"))
    texts_of_formulas = formulas(graph, where.sizing)
    hover = [f"{p.grad_name} = {c.grad_name} × ∂{c.name}/∂{p.name}" for p, c, _ in drawn]
    inputs = [n.name for n in nodes if n.role in ("feature", "label")]
    others = [n.name for n in nodes if n.role not in ("feature", "label")]
    common = dict(xaxis=xaxis, yaxis=yaxis, hoverinfo="skip", showlegend=False, cliponaxis=False)

    def text_trace(role, at, text, color, **extra):
        return dict(
            type="scatter",
            meta=role,
            x=[round(a[0], 1) for a in at],
            y=[round(a[1], 1) for a in at],
            mode="text",
            text=text,
            textposition=[a[2] for a in at],
            textfont=dict(color=color, size=f),
            **{**common, **extra},
        )

    def box_trace(role, xy, fill, line, width=2.0):
        bx, by = (px(v) for v in xy)
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

    patches = rectangles(label.patch for label in where.labels if label.patch)
    ring = boxes(where, [highlight], 0.3 * f) if highlight in where.centre else ([], [])
    return [
        dict(type="scatter", meta="edges", x=ex, y=ey, mode="lines", line=dict(color="#9e9e9e", width=2), **common),
        box_trace("label patches", patches, "#ffffff", "rgba(0,0,0,0)", 0.0),
        box_trace("node boxes", boxes(where, others), "#ffffff", "#4d4d4d"),
        box_trace("input boxes", boxes(where, inputs), "#f0f0f0", "#9e9e9e"),
        text_trace("forward texts", fwd_at, fwd, FORWARD),
        text_trace("backward texts", bwd_at, bwd, BACKWARD),
        text_trace("edge values", value_at, values, LOCAL),
        text_trace("saturation flag", [where.flag], flag, WARN),
        text_trace("edge formulas", formula_at, texts_of_formulas, LOCAL, hoverinfo="text", hovertext=hover),
        box_trace("highlight", ring, "rgba(0,158,115,0.10)", ACTIVE, 4.0),
    ]


# what moves from one step to the next: the numbers and the flag (the `meta` of their traces)
CHANGING = ("forward texts", "backward texts", "edge values", "saturation flag")


def graph_axes(where: Layout, domain_x=(0.0, 1.0), domain_y=(0.0, 1.0)) -> tuple[dict, dict]:
    """The graph's two hidden axes: one px of layout to a px of screen at the layout's width."""
    x = dict(visible=False, range=[0.0, where.width], fixedrange=True, domain=list(domain_x))
    y = dict(visible=False, range=[-where.height, 0.0], fixedrange=True, domain=list(domain_y))
    return x, y


def graph_spec(
    graph: Graph,
    highlight: str | None = None,
    title: str = "",
    hidden: frozenset[str] = frozenset(),
    sizings: tuple[Sizing, ...] = (WIDE,),
    dx: bool = True,
) -> dict:
    """The graph figure as plain dicts ({data, layout, variants}): laid out with the first of
    `sizings`, and as `variants` with each (what differs, and the width it needs; the page draws the
    first that fits). `make_graph_figure` is the figure checked by plotly, for notebooks and export."""
    reveal = Reveal(secret=hidden, dx=dx)
    widest = measure([moving_texts(graph, reveal)], graph)
    top = 40 if title else 10
    specs = []
    for sizing in sizings:
        where = layout_for(graph, widest, sizing)
        xaxis, yaxis = graph_axes(where)
        layout = dict(
            template=TEMPLATE,
            height=int(where.height + top + 10),
            title=dict(text=title, font=dict(size=17)),
            xaxis=xaxis,
            yaxis=yaxis,
            margin=dict(l=10, r=10, t=top, b=10),
        )
        specs.append((int(where.width + 20), graph_traces(graph, where, reveal, highlight), layout))
    _, data, layout = specs[0]
    return dict(data=data, layout=layout, variants=[variant_patch(data, layout, spec) for spec in specs])


def make_graph_figure(
    graph: Graph,
    highlight: str | None = None,
    title: str = "",
    hidden: frozenset[str] = frozenset(),
    sizing: Sizing = WIDE,
    dx: bool = True,
) -> go.Figure:
    """The computation graph of one example as a figure; `highlight` rings one node by name and
    the nodes in `hidden` keep their derivative to themselves ('?')."""
    spec = graph_spec(graph, highlight, title, hidden, (sizing,), dx)
    return go.Figure(dict(data=spec["data"], layout=dict(spec["layout"], width=spec["variants"][0]["min_width"])))

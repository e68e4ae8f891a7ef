"""Where the graph's boxes, edges and labels go, in pixels, for the type size and the shape a screen
needs: every box as wide as its longest text, every edge label on its edge.

Two shapes:
- "wide": left to right as in the lecture — the inputs in a column, their edges fanning into z, then
  z → a → L in a row; each edge label sits on its edge (a white patch behind it hides the lines).
- "narrow" (a phone): the inputs in a column, each with a short edge out to the right carrying its
  label, all joined by one line that runs down into z; then z, a and L one under the other, each
  edge's label beside it.
A layout depends only on the texts it must hold, so the picture does not jump between the steps
of a run: the texts of every shown step are measured together.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..engine import Node
from ..graph import Graph

# Advance widths in em of the graph's type (Helvetica/Arial metrics, which the page's fallback fonts
# share); anything not listed counts as a wide letter, so an estimate errs towards room to spare.
ADVANCE = {
    **dict.fromkeys("0123456789", 0.556),
    **dict.fromkeys(" .,:;·/|", 0.278),
    **dict.fromkeys("()[]", 0.333),
    **dict.fromkeys("=+−-<>~", 0.584),
    **dict.fromkeys("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", 0.36),
    **dict.fromkeys("abdeghnopqu", 0.556),
    **dict.fromkeys("cksvxyz", 0.5),
    **dict.fromkeys("fjt", 0.278),
    **dict.fromkeys("ilI", 0.222),
    **dict.fromkeys("mwMW", 0.833),
    **dict.fromkeys("LTZ", 0.611),
    "r": 0.333,
    "?": 0.556,
    "∂": 0.5,
    "σ": 0.6,
    "α": 0.6,
    "…": 1.0,
    "→": 1.0,
    "⚠": 1.0,
}
WIDE_LETTER = 0.667
SLACK = 1.08  # fonts differ a little from machine to machine
LINE = 1.2  # a line of text, in em
PAD = 0.5  # inside a box, left and right, in em
INSET = 0.2  # inside a box, above and below, in em


@functools.lru_cache(maxsize=65536)
def em(text: str) -> float:
    """Estimated width of one line of `text`, in em (multiply by the type size for px)."""
    return SLACK * sum(ADVANCE.get(c, WIDE_LETTER) for c in text)


def lines_em(text: str) -> float:
    """The widest line of a text with <br> line breaks, in em."""
    return max(em(line) for line in text.split("<br>"))


@dataclass(frozen=True)
class Measures:
    """The widest text, in em, each part of the graph must hold: every node's box (by name), every
    drawn edge's value, and the saturation flag; and the drawn edges' formulas themselves."""

    nodes: dict[str, float]
    values: list[float]
    formulas: list[str]
    flag: float


@dataclass(frozen=True)
class Sizing:
    """How the graph is set: its type size in px and its shape ("wide" or "narrow")."""

    font: int
    shape: str


@dataclass
class Layout:
    """Everything placed, in px: x to the right, y upwards (0 at the top, so y ≤ 0 below it)."""

    sizing: Sizing
    centre: dict[str, tuple[float, float]] = field(default_factory=dict)
    half: dict[str, tuple[float, float]] = field(default_factory=dict)  # half width, half height
    edges: list[list[tuple[float, float]]] = field(default_factory=list)  # a polyline per edge, as graph.edges
    # per drawn edge (as `drawn_edges`): where its label goes and how it is set
    labels: list[Label] = field(default_factory=list)
    flag: tuple[float, float, str] = (0.0, 0.0, "bottom center")
    bus: float = 0.0  # narrow: x of the line that runs down into z
    width: float = 0.0
    height: float = 0.0

    def box(self, name: str) -> tuple[float, float, float, float]:
        """(left, right, bottom, top) of a node's box."""
        (x, y), (hw, hh) = self.centre[name], self.half[name]
        return x - hw, x + hw, y - hh, y + hh


@dataclass(frozen=True)
class Label:
    """An edge's label: its formula and its value, at `at`; "inline" puts the formula left of the point
    and the value right of it, "stacked" the formula above and the value below."""

    at: tuple[float, float]
    style: str
    patch: tuple[float, float, float, float] | None = None  # (left, right, bottom, top) kept clear of lines


def drawn_edges(graph: Graph) -> list:
    """The edges that carry a label: every one but the label y's."""
    return [(p, c, e) for p, c, e in graph.edges if p.role != "label"]


def leaves(graph: Graph) -> list[Node]:
    """x1, w1, x2, w2, …, b: the inputs and the learned parameters, top to bottom."""
    found = [n for n in graph.nodes if n.op == "leaf" and n.role != "label"]
    return sorted(found, key=lambda n: (n.name == "b", int(n.name[1:]) if n.name != "b" else 0, n.name[0] == "w"))


def place(graph: Graph, sizing: Sizing, measures: Measures) -> Layout:
    """Place the graph for `sizing`, each box and edge label as wide as `measures` says it must be."""
    f = sizing.font
    out = Layout(sizing)
    for node in graph.nodes:
        out.half[node.name] = (max(measures.nodes.get(node.name, 1.0), 1.0) * f / 2 + PAD * f, LINE * f + INSET * f)
    drawn = drawn_edges(graph)
    value_w = [v * f for v in measures.values]
    formula_w = [lines_em(t) * f for t in measures.formulas]
    flag_w = measures.flag * f
    if sizing.shape == "wide":
        _wide(graph, out, drawn, formula_w, value_w, flag_w)
    elif any(n.op == "mul" for n in graph.nodes):
        _column(graph, out, drawn, formula_w, value_w, flag_w)
    else:
        _narrow(graph, out, drawn, formula_w, value_w, flag_w)
    if not out.edges:
        _edges(graph, out)
    return out


def _column_width(out: Layout, names: Iterable[str]) -> float:
    return 2 * max(out.half[n][0] for n in names)


def _wide(graph: Graph, out: Layout, drawn: list, formula_w: list, value_w: list, flag_w: float) -> None:
    f = out.sizing.font
    hh = out.half["z"][1]
    row = 2 * hh + 0.8 * f
    stack = leaves(graph)
    products = [n for n in graph.nodes if n.op == "mul"]
    # the columns that fan into the next one; b, which goes straight into z, stands with the products
    # (its edge would otherwise cross their column)
    bias = [n for n in stack if n.name == "b"]
    fans = [[n for n in stack if n.name != "b"], products + bias] if products else [stack]
    margin = 0.3 * f
    x = margin
    label_of = {(p.name, c.name): i for i, (p, c, _) in enumerate(drawn)}
    top = -margin - hh
    for i, node in enumerate(stack):
        out.centre[node.name] = (0.0, top - row * i)
    for node in products:
        (_, y1), (_, y2) = (out.centre[e.parent.name] for e in node.edges)
        out.centre[node.name] = (0.0, (y1 + y2) / 2)
    mid = top - row * (len(stack) - 1) / 2
    chain = ["z", "a", "L"]
    for name in chain:
        out.centre[name] = (0.0, mid)
    columns: list[list[str]] = [[n.name for n in column] for column in fans] + [[name] for name in chain]
    gaps = []
    for column in columns[:-1]:
        out_edges = [label_of[(p.name, c.name)] for p, c, _ in drawn if p.name in column]
        if column[0] in ("z", "a"):  # a level edge: the formula above the line, the value below
            need = max(max(formula_w[i], value_w[i]) for i in out_edges)
        else:  # a fan: formula and value in one line on each edge, half way along
            need = max(formula_w[i] + value_w[i] for i in out_edges)
        gaps.append(need + 0.9 * f)
    for k, column in enumerate(columns):
        width = _column_width(out, column)
        for name in column:
            out.centre[name] = (x + width / 2, out.centre[name][1])
        x += width + (gaps[k] if k < len(gaps) else 0.0)
    right = x + margin
    # the label y comes up into L from below; the flag hangs under a
    lx, ly = out.centre["L"]
    y_half = out.half["y"][1]
    out.centre["y"] = (lx, ly - hh - 1.2 * f - y_half)
    ax, ay = out.centre["a"]
    out.flag = (ax, ay - hh - 0.25 * f, "bottom center")
    bottom = min(min(y - out.half[n][1] for n, (_, y) in out.centre.items()), ay - hh - 0.25 * f - LINE * f)
    for i, (parent, child, _) in enumerate(drawn):
        (x0, y0), (x1, y1) = out.centre[parent.name], out.centre[child.name]
        x0, x1 = x0 + out.half[parent.name][0], x1 - out.half[child.name][0]
        if child.name in ("a", "L"):
            out.labels.append(Label(((x0 + x1) / 2, y0), "stacked"))
        else:
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            split = cx - (formula_w[i] + value_w[i]) / 2 + formula_w[i]
            half_h = 0.62 * f
            patch = (cx - (formula_w[i] + value_w[i]) / 2 - 0.15 * f, cx + (formula_w[i] + value_w[i]) / 2 + 0.15 * f)
            out.labels.append(Label((split, cy), "inline", patch=(*patch, cy - half_h, cy + half_h)))
    y_right = out.centre["y"][0] + out.half["y"][0] + margin  # the label's box may be wider than L's
    out.width, out.height = max(right, y_right, ax + flag_w / 2 + margin), -bottom + margin


def _narrow(graph: Graph, out: Layout, drawn: list, formula_w: list, value_w: list, flag_w: float) -> None:
    f = out.sizing.font
    hh = out.half["z"][1]
    row = 2 * hh + 0.7 * f
    margin = 0.3 * f
    stack = leaves(graph)
    label_of = {(p.name, c.name): i for i, (p, c, _) in enumerate(drawn)}
    leaf_w = _column_width(out, [n.name for n in stack])
    x = margin + leaf_w / 2
    for i, node in enumerate(stack):
        out.centre[node.name] = (x, -margin - hh - row * i)
    # the fan into z: a short edge out of each input, its label on it, then the one line down
    need = max(formula_w[i] + value_w[i] for i in (label_of[(n.name, "z")] for n in stack))
    bus = margin + leaf_w + need + 1.2 * f
    lowest = min(out.centre[n.name][1] for n in stack)
    z_y = lowest - hh - 0.9 * f - hh
    _chain_down(out, x, z_y)
    widest = bus + margin
    for i, (parent, child, _) in enumerate(drawn):
        x0, y0 = out.centre[parent.name]
        if child.name in ("a", "L"):  # beside the line down, formula and value in one line
            widest = max(widest, _beside_chain(out, parent, child, formula_w[i], value_w[i]) + margin)
            continue
        start, end = x0 + out.half[parent.name][0], bus
        cx = (start + end) / 2
        split = cx - (formula_w[i] + value_w[i]) / 2 + formula_w[i]
        half_h = 0.62 * f
        patch = (cx - (formula_w[i] + value_w[i]) / 2 - 0.15 * f, cx + (formula_w[i] + value_w[i]) / 2 + 0.15 * f)
        out.labels.append(Label((split, y0), "inline", patch=(*patch, y0 - half_h, y0 + half_h)))
    out.bus = bus
    _chain_size(out, widest, flag_w)


def _column(graph: Graph, out: Layout, drawn: list, formula_w: list, value_w: list, flag_w: float) -> None:
    """The expanded view on a narrow screen: every input, product and b in one column (x1, w1, w1·x1,
    x2, …, b). Each input's edge leaves to the right and turns down (or up) into its product; each
    product's, and b's, leaves to the left into one line that runs down into z; z, a and L one under
    another on that line. Short edges carry their formula over the line and their value under it."""
    f = out.sizing.font
    hh = out.half["z"][1]
    row = 2 * hh + 0.9 * f
    margin = 0.3 * f
    label_of = {(p.name, c.name): i for i, (p, c, _) in enumerate(drawn)}
    products = [n for n in graph.nodes if n.op == "mul"]
    order = []
    for product in products:
        order += [e.parent.name for e in product.edges] + [product.name]
    order.append("b")
    chain_half = max(out.half[n][0] for n in ("z", "a", "L"))
    bus = margin + chain_half
    into_z = [label_of[(name, "z")] for name in [p.name for p in products] + ["b"]]
    left_w = max(max(formula_w[i], value_w[i]) for i in into_z) + f
    into_products = [label_of[(e.parent.name, p.name)] for p in products for e in p.edges]
    right_w = max(max(formula_w[i], value_w[i]) for i in into_products) + f
    column_w = _column_width(out, order)
    x = bus + left_w + column_w / 2
    for k, name in enumerate(order):
        out.centre[name] = (x, -margin - hh - row * k)
    turn = x + column_w / 2 + right_w
    z_y = out.centre["b"][1] - row - 0.4 * f
    _chain_down(out, bus, z_y)
    widest = turn + margin
    for i, (parent, child, _) in enumerate(drawn):
        x0, y0 = out.centre[parent.name]
        if child.name in ("a", "L"):  # beside the line down, formula and value in one line
            widest = max(widest, _beside_chain(out, parent, child, formula_w[i], value_w[i]) + margin)
        elif child.name == "z":  # left, into the line down
            out.labels.append(Label(((bus + x0 - out.half[parent.name][0]) / 2, y0), "stacked"))
        else:  # right, towards the turn into the product
            out.labels.append(Label(((x0 + out.half[parent.name][0] + turn) / 2, y0), "stacked"))
    for parent, child, _ in graph.edges:
        (x0, y0), (x1, y1) = out.centre[parent.name], out.centre[child.name]
        (pw, ph), (cw, ch) = out.half[parent.name], out.half[child.name]
        if parent.role == "label":
            out.edges.append([(x0 - pw, y0), (x1 + cw, y1)])
        elif child.name == "z":
            out.edges.append([(x0 - pw, y0), (bus, y0), (bus, y1 + ch)])
        elif child.op == "mul":
            out.edges.append([(x0 + pw, y0), (turn, y0), (turn, y1), (x1 + cw, y1)])
        else:  # down the chain
            out.edges.append([(x0, y0 - ph), (x1, y1 + ch)])
    out.bus = bus
    _chain_size(out, widest, flag_w)


def _chain_down(out: Layout, x: float, z_y: float) -> None:
    """z, a and L one under another at x (z at z_y), the label y right of L, the flag right of a."""
    f, hh = out.sizing.font, out.half["z"][1]
    gap = 2 * LINE * f
    for k, name in enumerate(("z", "a", "L")):
        out.centre[name] = (x, z_y - k * (2 * hh + gap))
    lx, ly = out.centre["L"]
    out.centre["y"] = (lx + out.half["L"][0] + 1.5 * f + out.half["y"][0], ly)
    ax, ay = out.centre["a"]
    out.flag = (ax + out.half["a"][0] + 0.3 * f, ay, "middle right")


def _beside_chain(out: Layout, parent: Node, child: Node, formula_w: float, value_w: float) -> float:
    """Label an edge down the chain beside it, formula and value in one line; returns where it ends."""
    (x0, y0), (_, y1) = out.centre[parent.name], out.centre[child.name]
    at = (x0 + 0.4 * out.sizing.font + formula_w, (y0 - out.half[parent.name][1] + y1 + out.half[child.name][1]) / 2)
    out.labels.append(Label(at, "inline"))
    return at[0] + value_w


def _chain_size(out: Layout, widest: float, flag_w: float) -> None:
    """The narrow shapes' width and height: everything placed, the flag's text, a margin."""
    margin = 0.3 * out.sizing.font
    (ax, _), (yx, _) = out.centre["a"], out.centre["y"]
    bottom = min(y - out.half[n][1] for n, (_, y) in out.centre.items())
    flag_end = ax + out.half["a"][0] + 0.3 * out.sizing.font + flag_w
    out.width = max(widest, yx + out.half["y"][0] + margin, flag_end + margin)
    out.height = -bottom + margin


def _edges(graph: Graph, out: Layout) -> None:
    """A polyline per edge of `graph.edges`: out of the parent's right side into the child's left side
    (wide), or along the narrow shape's lines."""
    narrow = out.sizing.shape == "narrow"
    for parent, child, _ in graph.edges:
        (x0, y0), (x1, y1) = out.centre[parent.name], out.centre[child.name]
        (pw, ph), (cw, ch) = out.half[parent.name], out.half[child.name]
        if parent.role == "label":
            out.edges.append([(x0 - pw, y0), (x1 + cw, y1)] if narrow else [(x0, y0 + ph), (x1, y1 - ch)])
        elif narrow and child.name == "z":
            out.edges.append([(x0 + pw, y0), (out.bus, y0), (out.bus, y1), (x1 + cw, y1)])
        elif narrow and child.name in ("a", "L"):
            out.edges.append([(x0, y0 - ph), (x1, y1 + ch)])
        else:
            out.edges.append([(x0 + pw, y0), (x1 - cw, y1)])


def boxes(out: Layout, names: Iterable[str], grow: float = 0.0) -> tuple[list, list]:
    """Closed rectangles around the named nodes' boxes, one trace, separated by None."""
    return rectangles([out.box(n) for n in names], grow)


def rectangles(rects: Iterable[tuple[float, float, float, float]], grow: float = 0.0) -> tuple[list, list]:
    """Closed rectangles (left, right, bottom, top), grown by `grow` px each side, separated by None."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for left, right, bottom, top in rects:
        left, right, bottom, top = left - grow, right + grow, bottom - grow, top + grow
        xs += [left, right, right, left, left, None]
        ys += [bottom, bottom, top, top, bottom, None]
    return xs, ys

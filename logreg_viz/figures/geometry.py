"""Where the graph's boxes, edges and labels go, in pixels, for the type size and the shape a screen
needs: every box as wide as its longest text, every edge label on its edge.

Two shapes:
- "wide": left to right as in the lecture — the inputs in a column, their edges fanning into z, then
  z → a → L in a row; each edge label sits on its edge (a white patch behind it hides the lines).
- "narrow" (a phone): the inputs in a column, each with a short edge out to the right carrying its
  label, all joined by one line that runs down into z; then z, a and L one under the other, each
  edge's label beside it.
- the expanded view on a phone: inputs, products and b in one column, edges turning into their
  product on the right and into z's line on the left.
A layout depends only on the texts it must hold, so the picture does not jump between the steps
of a run: the texts of every shown step are measured together (`measure.py` holds the widths).
"""

from __future__ import annotations

from ..engine import Node
from ..graph import Graph
from .measure import INSET, LINE, PAD, Label, Layout, Measures, Sizing, column_width, drawn_edges, leaves, lines_em


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
        width = column_width(out, column)
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
    leaf_w = column_width(out, [n.name for n in stack])
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
    column_w = column_width(out, order)
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

"""Where the graph's boxes, edges and labels go: the layout depends only on n and the view, so the
picture never jumps between steps, and it is the same for every figure that draws the graph."""

from __future__ import annotations

from ..engine import Node
from ..graph import Graph

ROW = 1.0  # vertical distance between leaves
HALF_W, HALF_H = 0.6, 0.36  # a node's box, in axis units (about 100 px to a unit across)
HALF_W_PRODUCT = 0.85  # "d(w1·x1) = −0.2689" needs a wider box
COLUMNS = {
    "lecture": {"leaf": 0.65, "z": 3.65, "a": 5.95, "L": 8.55},
    "expanded": {"leaf": 0.65, "prod": 4.0, "z": 6.6, "a": 8.8, "L": 11.3},
}
LANE = {"lecture": 1.12, "expanded": 1.6}  # from a leaf's box to where its formula ends, its value begins
MIN_WIDTH = {"lecture": 880, "expanded": 1150}  # px of chart below which text starts to touch (measured)


def half_width(node: Node) -> float:
    """Half the width of a node's box."""
    return HALF_W_PRODUCT if node.op == "mul" else HALF_W


def layout(graph: Graph) -> dict[str, tuple[float, float]]:
    """Centre of every node's box: leaves x1, w1, x2, w2, …, b top to bottom, then z → a → L."""
    cols = COLUMNS[graph.view]
    leaves = [n for n in graph.nodes if n.op == "leaf" and n.role != "label"]
    order = sorted(leaves, key=lambda n: (n.name == "b", int(n.name[1:]) if n.name != "b" else 0, n.name[0] == "w"))
    pos = {node.name: (cols["leaf"], -ROW * i) for i, node in enumerate(order)}
    mid = -ROW * (len(order) - 1) / 2
    for node in graph.nodes:
        if node.op == "mul":
            (_, y1), (_, y2) = pos[node.edges[0].parent.name], pos[node.edges[1].parent.name]
            pos[node.name] = (cols["prod"], (y1 + y2) / 2)
    for name in ("z", "a", "L"):
        pos[name] = (cols[name], mid)
    pos["y"] = (cols["L"] - 1.15, mid - 1.5 * ROW)
    return pos


def edge_ends(pos: dict, parent: Node, child: Node) -> tuple[float, float, float, float]:
    """An edge runs from the right side of the parent's box to the left side of the child's."""
    (x0, y0), (x1, y1) = pos[parent.name], pos[child.name]
    if parent.role == "label":  # y comes up into L from below
        return x0 + HALF_W, y0, x1 - HALF_W * 0.6, y1 - HALF_H
    return x0 + half_width(parent), y0, x1 - half_width(child), y1


def boxes(centres: list[tuple[float, float, float]], grow: float = 0.0) -> tuple[list, list]:
    """Closed rectangles around (x, y) of half width hw, one trace, separated by None."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    dy = HALF_H + grow
    for x, y, hw in centres:
        dx = hw + grow
        xs += [x - dx, x + dx, x + dx, x - dx, x - dx, None]
        ys += [y - dy, y - dy, y + dy, y + dy, y - dy, None]
    return xs, ys


def label_anchors(pos: dict, drawn: list, lane: float) -> tuple[list, list]:
    """Where each edge's formula and value go.

    An edge out of a leaf is labelled in a lane beside the leaf, on the leaf's own row: formulas end
    in one column and values start there, so the "=" signs line up and two labels never share a row.
    The label sits on the side of the line away from where it heads, so the line does not cross it.
    Level edges into a and L carry the formula above and the value below; the rest, mid-edge.
    """
    formula, value = [], []
    for parent, child, _ in drawn:
        x0, y0, x1, y1 = edge_ends(pos, parent, child)
        if parent.op == "leaf":
            y = y0 + (0.21 if y1 <= y0 else -0.21) * ROW
            formula.append((x0 + lane, y, "middle left"))
            value.append((x0 + lane, y, "middle right"))
        elif child.name in ("a", "L"):
            formula.append(((x0 + x1) / 2, y0 + 0.06, "top center"))
            value.append(((x0 + x1) / 2, y0 - 0.06, "bottom center"))
        else:
            x, y = (x0 + x1) / 2, (y0 + y1) / 2 + 0.14 * ROW
            formula.append((x, y, "middle left"))
            value.append((x, y, "middle right"))
    return formula, value


def graph_ranges(graph: Graph) -> tuple[list[float], list[float]]:
    """Axis ranges around the boxes, with room for the flag below a."""
    pos = layout(graph)
    ys = [y for _, y in pos.values()]
    right = COLUMNS[graph.view]["L"] + HALF_W + 0.1
    return [0.0, right], [min(ys) - 0.9, max(ys) + 0.55]


def graph_height(graph: Graph) -> int:
    """About 62 px a leaf row: two lines of 15 px text in each box, a clear gap between boxes."""
    rows = sum(1 for n in graph.nodes if n.op == "leaf" and n.role != "label")
    return int(90 + 62 * max(rows, 4))

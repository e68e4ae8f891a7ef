"""How wide the graph's texts are and what a placed graph is made of: the font's advance widths, a
type size and shape (`Sizing`), the widths each part must hold (`Measures`), and the `Layout` that
`geometry.place` fills in px, with the rectangles drawn from it."""

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


def column_width(out: Layout, names: Iterable[str]) -> float:
    return 2 * max(out.half[n][0] for n in names)


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

"""Where the graph's parts go, checked as geometry: no edge runs through a box it does not join, no two
boxes overlap, no edge label sits on a box, and every shape fits the width it claims."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from logreg_viz import forward_backward
from logreg_viz.figures.arrangements import PAGE, PRESENTER
from logreg_viz.figures.graph import layout_for
from logreg_viz.figures.graph_text import formulas, moving_texts
from logreg_viz.figures.measure import Sizing, drawn_edges, em
from logreg_viz.reveal import Reveal

SIZINGS = sorted({a.sizing for a in PAGE + PRESENTER}, key=lambda s: (s.shape, s.font))
CASES = [(view, n) for view in ("lecture", "expanded") for n in (1, 2, 4)]


def placed(view: str, n: int, sizing: Sizing):
    x, w = [1.0, 2.0, -1.0, 0.5][:n], [0.5, 0.25, -0.3, 1.0][:n]
    graph = forward_backward(x, 1.0, w, 0.0, "cross_entropy", view).graph
    return graph, layout_for(graph, [moving_texts(graph, Reveal(dx=True))], sizing)


def runs_through(segment, box, inset: float = 1.0) -> bool:
    """Whether a straight segment passes through the inside of a box (shrunk by `inset` px)."""
    (x0, y0), (x1, y1) = segment
    left, right, bottom, top = box[0] + inset, box[1] - inset, box[2] + inset, box[3] - inset
    s = np.linspace(0.0, 1.0, 400)
    x, y = x0 + (x1 - x0) * s, y0 + (y1 - y0) * s
    return bool(np.any((left < x) & (x < right) & (bottom < y) & (y < top)))


@pytest.mark.parametrize("sizing", SIZINGS, ids=lambda s: f"{s.shape}{s.font}")
@pytest.mark.parametrize(("view", "n"), CASES)
def test_no_edge_runs_through_a_box_it_does_not_join(view, n, sizing):
    graph, where = placed(view, n, sizing)
    for (parent, child, _), line in zip(graph.edges, where.edges, strict=True):
        for name in where.centre:
            if name in (parent.name, child.name):
                continue
            for segment in itertools.pairwise(line):
                assert not runs_through(segment, where.box(name)), f"{parent.name} → {child.name} crosses {name}"


@pytest.mark.parametrize("sizing", SIZINGS, ids=lambda s: f"{s.shape}{s.font}")
@pytest.mark.parametrize(("view", "n"), CASES)
def test_boxes_do_not_overlap_and_everything_is_inside_the_claimed_size(view, n, sizing):
    graph, where = placed(view, n, sizing)
    boxes = {name: where.box(name) for name in where.centre}
    for (a, ba), (b, bb) in itertools.combinations(boxes.items(), 2):
        apart = ba[1] <= bb[0] or bb[1] <= ba[0] or ba[3] <= bb[2] or bb[3] <= ba[2]
        assert apart, f"{a} and {b} overlap"
    for left, right, bottom, top in boxes.values():
        assert left >= 0 and right <= where.width and -where.height <= bottom and top <= 0
    # each edge label's estimated extent stays off every box
    f = sizing.font
    texts = moving_texts(graph, Reveal(dx=True))
    for label, text, value in zip(where.labels, formulas(graph, sizing), texts[2], strict=True):
        x, y = label.at
        if label.style == "inline":
            extent = (x - em(text) * f, x + em(value) * f, y - 0.5 * f, y + 0.5 * f)
        else:
            half = max(max(em(t) for t in text.split("<br>")), em(value)) * f / 2
            extent = (x - half, x + half, y - 0.1 * f, y + 0.1 * f)  # over and under its own line
        for name, (left, right, bottom, top) in boxes.items():
            inside = extent[0] < right and left < extent[1] and extent[2] < top and bottom < extent[3]
            assert not inside, f"the label {text!r} sits on the box of {name}"
    assert len(where.labels) == len(drawn_edges(graph))

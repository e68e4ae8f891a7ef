"""What the lesson's head needs to answer Step, Take K, Undo, Next and Back in the browser, from the
run the figure already holds: for every phase of the walk, how the graph's texts differ from the
row's own (the frames carry every row's); for a few rows, each phase's formula and the updated
parameters' new values; for every layout, where the ring goes around each node; and which rows the
controls can hold. The page shows a phase or a row from these at once and tells the server after.

Nothing here is new arithmetic: each text is one `moving_texts` or `stepthrough.phases` made, as the
server would show it.
"""

from __future__ import annotations

import numpy as np

from ..display import fmt
from ..graph import Graph
from ..mathml import mathml
from ..reveal import Reveal
from ..single_example import History, forward_backward
from ..state import VALUE_RANGE
from ..stepthrough import Phase, phases, reveals
from .graph_text import moving_texts
from .measure import Layout, boxes

ARROW = 1  # a mask entry: the row's own text, then the row's arrow to the parameter's new value


def arrows(walk: list[Phase], graph: Graph) -> list[str | None]:
    """Per node, what an update phase adds to its forward text (' → new value'), else None."""
    names = [node.name for node in graph.nodes]
    out: list[str | None] = [None] * len(names)
    for phase in walk:
        if phase.kind == "update":
            out[names.index(phase.name)] = f" → {fmt(phase.value)}"
    return out


def masks(walk: list[Phase], graph: Graph, dx: bool) -> list[list[list]]:
    """Per phase 0 … n, per group of `moving_texts`, per text: None (the row's own, all shown), ARROW
    (the row's own and its arrow) or the literal text (a number still to come: the same on every row)."""
    full = moving_texts(graph, Reveal(dx=dx))
    added = arrows(walk, graph)
    out = []
    for reveal in reveals(walk, graph, dx):
        shown = moving_texts(graph, reveal)
        out.append(
            [
                [
                    None if text == own else ARROW if g == 0 and added[i] and text == own + added[i] else text
                    for i, (text, own) in enumerate(zip(texts, owns, strict=True))
                ]
                for g, (texts, owns) in enumerate(zip(shown, full, strict=True))
            ]
        )
    return out


def walk_row(history: History, k: int, view: str, dx: bool) -> dict:
    """Row k's formulas (MathML, one per phase) and arrows, as the step-through at row k shows them."""
    x, w, b = history.x.tolist(), history.w[k].tolist(), float(history.b[k])
    p = forward_backward(x, history.y, w, b, history.loss_name, view)
    walk = phases(p, x, history.y, w, b, history.lr, dx)
    return {"formulas": [mathml(phase.latex) for phase in walk], "arrows": arrows(walk, p.graph)}


def held(history: History) -> np.ndarray:
    """Per row, whether the controls can hold its parameters (`stepping.land` refuses the others)."""
    params = history.params
    with np.errstate(invalid="ignore"):
        return np.isfinite(params).all(axis=1) & (np.abs(params) <= VALUE_RANGE[1]).all(axis=1)


def rings(where: Layout, graph: Graph, grow: float) -> dict[str, list]:
    """Per node, the ring drawn around it when its phase is shown, in this layout's px."""
    out = {}
    for node in graph.nodes:
        if node.name in where.centre:
            xs, ys = boxes(where, [node.name], grow)
            out[node.name] = [[None if v is None else round(v, 1) for v in axis] for axis in (xs, ys)]
    return out


def lesson_head(history: History, rows: np.ndarray, view: str, dx: bool, walk: list[Phase], graph: Graph) -> dict:
    """The head's part that is the same for every session showing this run: the walk, its masks,
    the rows the page may go to (those with frames) and, for rows 0, 1 and K, their walks."""
    fits = held(history)
    walked = sorted({0, 1, history.steps} & set(rows.tolist()))
    return {
        "steps": history.steps,
        "rows": [int(k) for k in rows],
        "held": [bool(fits[k]) for k in rows],
        "walk": [{"title": phase.title, "node": phase.node} for phase in walk],
        "masks": masks(walk, graph, dx),
        "walks": {str(k): walk_row(history, k, view, dx) for k in walked if fits[k]},
    }

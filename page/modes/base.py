"""What the page needs to draw a teaching mode (the mode's metadata is `logreg_viz.modes`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from logreg_viz.single_example import Pass
from logreg_viz.state import State
from logreg_viz.stepthrough import Phase


@dataclass(frozen=True)
class Lesson:
    """The example on screen as the step-through computed it: its forward–backward pass and the phases
    of one update. Modes drawn beside the graph read it instead of computing it again."""

    p: Pass
    walk: list[Phase]


@dataclass(frozen=True)
class ModeView:
    """How the page draws one mode; every part is optional.

    with_graph: under the graph, inside the step-through (Next and Back rerun it with the graph).
    section: its own section after the step-through (a failure there leaves the rest standing).
    hidden: the graph's nodes whose values it keeps back.
    answers_pending: while True, the animation and surface (which show every value) wait.
    sidebar: its own controls, in the sidebar under the choice of mode.
    """

    with_graph: Callable[[State, Lesson], None] | None = None
    section: Callable[[State], None] | None = None
    hidden: Callable[[State, Lesson], frozenset[str]] | None = None
    answers_pending: Callable[[State], bool] | None = None
    sidebar: Callable[[], None] | None = None

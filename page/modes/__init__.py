"""The page's side of the mode registry: each mode's key (as in `logreg_viz.modes.MODES`) and how the
page draws it. A new mode is one module here, one line below and one line in `logreg_viz/modes.py`."""

from __future__ import annotations

from logreg_viz.modes import MODES
from logreg_viz.state import State

from . import compare_losses, compare_runs, dataset, explore, nudge, quiz
from .base import Lesson, ModeView

VIEWS: dict[str, ModeView] = {
    "explore": explore.VIEW,
    "nudge": nudge.VIEW,
    "compare_losses": compare_losses.VIEW,
    "quiz": quiz.VIEW,
    "compare_runs": compare_runs.VIEW,
    "dataset": dataset.VIEW,
}


def view_of(state: State) -> ModeView:
    """How the page draws the mode on screen."""
    return VIEWS[state.mode]


def answers_hidden(state: State) -> bool:
    """True while the mode keeps answers back that the animation and the surface would show."""
    pending = view_of(state).answers_pending
    return MODES[state.mode].hides_answers and pending is not None and pending(state)


__all__ = ["VIEWS", "Lesson", "ModeView", "answers_hidden", "view_of"]

"""The page's side of the mode registry: how the page draws each mode of `logreg_viz.modes.MODES`.

Each mode's module here is named by its key and holds its `VIEW`. A new mode is one line in
`logreg_viz/modes.py` and one module here."""

from __future__ import annotations

import importlib

from logreg_viz.modes import MODES
from logreg_viz.state import State

from ..session import session
from .base import Lesson, ModeView

VIEWS: dict[str, ModeView] = {key: importlib.import_module(f"{__name__}.{key}").VIEW for key in MODES}


def view_of(state: State) -> ModeView:
    """How the page draws the mode on screen."""
    return VIEWS[state.mode]


def answers_hidden(state: State) -> bool:
    """True while the mode keeps answers back that the animation and the surface would show."""
    if session().class_question:  # the class is predicting a value: nothing on the page may show it
        return True
    pending = view_of(state).answers_pending
    return MODES[state.mode].hides_answers and pending is not None and pending(state)


__all__ = ["VIEWS", "Lesson", "ModeView", "answers_hidden", "view_of"]

"""One session's own state, behind one typed accessor over `st.session_state`.

The widgets' values live under their keys (`page/widgets.py` reads and writes them); everything else
a session remembers is a property here, initialised in `init_session()`. Messages that are said
once are `pop_*` methods: reading one clears it.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from logreg_viz.datasets import Dataset
from logreg_viz.quiz import Progress
from logreg_viz.state import PRESETS, State
from logreg_viz.undo import UndoHistory
from logreg_viz.url import parse_query_params

from .widgets import repeated_params, write_widgets


def _slot(name: str, default: Any = None) -> property:
    """A read–write property over one session-state key, `default` while it is unset."""

    def get(self: Session) -> Any:
        return st.session_state.get(name, default)

    def put(self: Session, value: Any) -> None:
        st.session_state[name] = value

    return property(get, put)


def _once(name: str, default: Any = None):
    """A method that returns a one-time value and clears it."""

    def pop(self: Session) -> Any:
        return st.session_state.pop(name, default)

    return pop


class Session:
    """What this session remembers besides its widgets' values."""

    preset: str = _slot("preset", "lecture")  # the preset picked (its selectbox's key)
    phase: int = _slot("phase", 0)  # the step-through's phase: 0 before the first Next
    undo: UndoHistory = _slot("undo")  # type: ignore[assignment]
    url_warnings: tuple[str, ...] = _slot("url_warnings", ())  # type: ignore[assignment]
    own_data: Dataset | None = _slot("own_data")  # uploaded or clicked in; kept out of the link
    quiz: Progress | None = _slot("quiz")
    quiz_score: tuple[int, int] = _slot("quiz_score", (0, 0))  # type: ignore[assignment]  # right, asked
    quiz_hiding_animation: bool = _slot("quiz_hiding_animation", False)  # type: ignore[assignment]
    moved_by_step: bool = _slot("moved_by_step", False)  # type: ignore[assignment]
    fold_sidebar: bool = _slot("fold_sidebar", False)  # type: ignore[assignment]
    # a Step or Undo pressed inside the lesson's fragment: the whole page follows the new parameters
    rerun_page: bool = _slot("rerun_page", False)  # type: ignore[assignment]
    anchor: State | None = _slot("anchor")  # where the 3-D surface's run starts
    last_state: State | None = _slot("last_state")
    # a class (page/classroom.py): its code, and the teacher's key or this student's id, from the link
    class_code: str | None = _slot("class_code")
    class_secret: str | None = _slot("class_secret")
    class_student: str | None = _slot("class_student")
    class_page: str = _slot("class_page", "")  # this page's own id: one page leads at a time
    class_leading: bool = _slot("class_leading", False)  # type: ignore[assignment]
    class_following: bool = _slot("class_following", False)  # type: ignore[assignment]
    class_lead_version: int = _slot("class_lead_version", -1)  # type: ignore[assignment]
    class_applied: dict | None = _slot("class_applied")  # the lead's view as this page last took it
    class_taken: int = _slot("class_taken", 0)  # type: ignore[assignment]  # the steps the teacher took
    class_frame: int | None = _slot("class_frame")  # the animation's frame, where the teacher paused it
    class_paused: tuple | None = _slot("class_paused")  # the teacher's: (frame, the run it is a frame of)
    class_question: tuple | None = _slot("class_question")  # (qid, item) asked and not yet revealed
    class_refollow: bool = _slot("class_refollow", False)  # type: ignore[assignment]  # the poll's own rerun
    class_poll_inline: bool = _slot("class_poll_inline", False)  # type: ignore[assignment]  # a page run
    class_store_error: str | None = _slot("class_store_error")  # the store could not be reached this run
    class_seen: tuple = _slot("class_seen", ())  # type: ignore[assignment]  # what the last poll saw

    # the lesson head's Step, Take K, Undo, Back and Next (page/lesson_ops.py): the newest one taken
    # (each has a number), and those its last message brought, until they are taken
    lesson_seq: int = _slot("lesson_seq", 0)  # type: ignore[assignment]
    lesson_inbox: object = _slot("lesson_inbox")

    pop_lesson_inbox = _once("lesson_inbox")
    pop_url_warnings = _once("url_warnings", ())
    pop_step_message = _once("step_message")
    pop_data_message = _once("data_message")
    pop_moved_by_step = _once("moved_by_step", False)
    pop_fold_sidebar = _once("fold_sidebar", False)
    pop_rerun_page = _once("rerun_page", False)
    pop_quiz_hiding_animation = _once("quiz_hiding_animation", False)
    forget_own_data = _once("own_data")
    pop_class_message = _once("class_message")
    pop_class_poll_inline = _once("class_poll_inline", False)
    pop_class_refollow = _once("class_refollow", False)
    pop_class_store_error = _once("class_store_error")

    def say_step(self, message: str) -> None:
        """A refused step's reason, shown once above the charts."""
        st.session_state.step_message = message

    def say_class(self, kind: str, message: str) -> None:
        """The class's news for this page ('error', 'warning', 'info' or 'success'), shown once."""
        st.session_state.class_message = (kind, message)

    def say_store_error(self, message: str) -> None:
        """The class store could not be reached: said once, the page goes on without the class."""
        st.session_state.class_store_error = message

    def say_data(self, kind: str, message: str) -> None:
        """The data set's news ('success' or 'error'), shown once under its controls."""
        st.session_state.data_message = (kind, message)

    def restart(self) -> None:
        """A new start (preset, reset): nothing to undo, the step-through at its beginning."""
        self.undo.clear()
        self.phase = 0


def session() -> Session:
    """This session's state (a view over `st.session_state`, cheap to make on every call)."""
    return Session()


def init_session() -> None:
    """On a session's first run: read the URL (warning about anything unusable), start the undo list."""
    if "initialised" in st.session_state:
        return
    from .classroom import read_class_link  # the class module reads this one's slots

    state, warnings = parse_query_params(read_class_link(st.query_params.to_dict() | repeated_params()))
    write_widgets(state)
    preset = st.query_params.get("preset")
    ss = session()
    ss.preset = preset if preset in PRESETS else "lecture"
    ss.url_warnings = warnings
    ss.undo = UndoHistory()
    if not ss.class_code:
        ss.phase = 0
    st.session_state.initialised = True

"""The graph now, and one update walked phase by phase with the active node ringed; the mode on screen
may draw under it (the quiz, the nudge table) and keep some of its values back."""

from __future__ import annotations

import streamlit as st

from logreg_viz import forward_backward
from logreg_viz.state import State
from logreg_viz.stepthrough import phases, saturation_note
from logreg_viz_components.page_components import live_chart

from .charts import graph_payload
from .frame import section
from .modes import Lesson, view_of
from .session import session


@st.fragment
def step_through(state: State) -> None:
    """A fragment: Next and Back rerun only this part of the page."""
    with section("graph"):
        graph_and_phases(state)


def move_phase(by: int, phases_in_walk: int) -> None:
    """Back (−1) or Next (+1) through the step-through's phases, kept within 0 … the last."""
    ss = session()
    ss.phase = min(max(int(ss.phase) + by, 0), phases_in_walk)


def phase_buttons(walk: list) -> int:
    """Back and Next, and where the walk is; returns the phase (0: before the first)."""
    ss = session()
    ss.phase = phase = min(int(ss.phase), len(walk))
    b1, b2, info = st.columns([1, 1, 4], vertical_alignment="center")
    # callbacks run before this rerun draws the buttons, so each one's disabled state already counts the click
    b1.button(
        "◀ Back",
        key="phase_back",
        on_click=move_phase,
        args=(-1, len(walk)),
        disabled=phase == 0,
        width="stretch",
        shortcut="b",
    )
    b2.button(
        "Next ▶",
        key="phase_next",
        on_click=move_phase,
        args=(1, len(walk)),
        disabled=phase == len(walk),
        width="stretch",
        help="Walk one update: forward z, a, L; backward da, dz, dw, db; then the update. (key: n)",
        shortcut="n",
    )
    if phase == 0:
        info.markdown(
            f"**Step through one update** in {len(walk)} phases: forward (z, a, L), "
            "backward (da, dz, dw, db), then the update. Press Next."
        )
    else:
        info.markdown(
            f"Phase {phase} of {len(walk)} · **{walk[phase - 1].title}**"
            + (" — that was one step; press **Step** to apply it." if phase == len(walk) else "")
        )
    return phase


def graph_and_phases(state: State) -> None:
    p = forward_backward(list(state.x), state.y, list(state.w), state.b, state.loss, state.view)
    lesson = Lesson(p, phases(p, list(state.x), state.y, list(state.w), state.b, state.lr))
    phase = phase_buttons(lesson.walk)
    if phase:
        st.latex(lesson.walk[phase - 1].latex)
    highlight = lesson.walk[phase - 1].node if phase else None
    view = view_of(state)
    hidden = view.hidden(state, lesson) if view.hidden else frozenset()
    live_chart(
        graph_payload(state.x, state.y, state.w, state.b, state.loss, state.view, highlight, hidden), key="graph"
    )
    if view.with_graph:
        view.with_graph(state, lesson)
    if note := saturation_note(p):
        st.caption(note)
    if state.view == "expanded":
        st.caption("The expanded view is wide: fold the sidebar (top left) on a small screen.")

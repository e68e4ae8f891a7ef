"""The lesson view: one update walked phase by phase, its formula, and the lesson figure — the graph
(each number shown as its phase comes, the active node ringed), the loss contour, the loss curve and
the decision boundary, with the run's K steps to play. The mode on screen may draw under it (the
quiz, the nudge table) and keep some of its values back."""

from __future__ import annotations

import streamlit as st

from logreg_viz import forward_backward
from logreg_viz.state import State
from logreg_viz.stepthrough import phases, saturation_note
from logreg_viz_components.page_components import live_chart, shown_frame
from logreg_viz_components.payload import with_head

from .charts import lesson_payload
from .classroom import leading, publish
from .frame import note, section
from .lesson import step_buttons, steps_taken
from .modes import Lesson, view_of
from .session import session
from .widgets import read_widgets


@st.fragment
def step_through(state: State) -> None:
    """A fragment: Next and Back rerun only this part of the page; Step and Undo, the whole page."""
    if session().pop_rerun_page():
        st.rerun(scope="app")
    with section("graph"):
        lesson_view(state)
    publish(state)  # the teacher's Next and Back rerun only this fragment: the class follows from here


def move_phase(by: int, phases_in_walk: int) -> None:
    """Back (−1) or Next (+1) through the step-through's phases, kept within 0 … the last."""
    ss = session()
    ss.phase = min(max(int(ss.phase) + by, 0), phases_in_walk)


def buttons(state: State, walk: list, limit: int, why: str = "") -> int:
    """Step, Take K, Undo, Back and Next in one row, and where the walk is; returns the phase shown (0:
    before the first). `limit`: the last phase that may be shown (a quiz keeps the walk closed, a
    class's question stops it before the value asked), and `why`, said when it stops there."""
    ss = session()
    if limit == len(walk):
        ss.phase = min(int(ss.phase), len(walk))
    phase = min(int(ss.phase), limit)  # the teacher's own phase stays, to come back to after the reveal
    open_ = limit > 0
    row = st.container(horizontal=True, key="lesson_buttons")  # wraps on a phone rather than stacking
    step_buttons(state, row)
    # callbacks run before this rerun draws the buttons, so each one's disabled state already counts the click
    row.button(
        "◀ Back",
        key="phase_back",
        on_click=move_phase,
        args=(-1, len(walk)),
        disabled=phase == 0 or not open_,
        width="content",
        shortcut="b",
    )
    row.button(
        "Next ▶",
        key="phase_next",
        on_click=move_phase,
        args=(1, len(walk)),
        disabled=phase >= limit,
        width="content",
        help="Walk one update: forward z, a, L; backward da, dz, dw, db; then the update. (key: n)",
        shortcut="n",
    )
    if not open_ and not why:
        where = "The step-through and the run open once every value has been predicted."
    elif why:
        where = (f"Phase {phase} of {len(walk)} · **{walk[phase - 1].title}** · " if phase else "") + why
    elif phase == 0:
        where = (
            f"**Next** walks one update in {len(walk)} phases: forward (z, a, L), backward (da, dz, dw, db), "
            "then the update; **Step** applies it."
        )
    else:
        where = f"Phase {phase} of {len(walk)} · **{walk[phase - 1].title}**" + (
            " — that was one step; press **Step** to apply it." if phase == len(walk) else ""
        )
    st.markdown(f"{where} {steps_taken()}")
    return phase


def lesson_view(state: State) -> None:
    p = forward_backward(list(state.x), state.y, list(state.w), state.b, state.loss, state.view)
    lesson = Lesson(p, phases(p, list(state.x), state.y, list(state.w), state.b, state.lr, state.dx))
    view = view_of(state)
    hidden = view.hidden(state, lesson) if view.hidden else frozenset()
    limit, why = (0, "") if hidden else (len(lesson.walk), "")
    if asked := session().class_question:
        hidden, limit, why = class_hides(lesson, asked[1], hidden)
    phase = buttons(state, lesson.walk, limit, why)
    if phase:
        st.latex(lesson.walk[phase - 1].latex)
    run = (state.x, state.y, state.w, state.b, state.lr, state.steps, state.loss)
    payload = lesson_payload(
        run,
        state.view,
        state.pair,
        state.dx,
        state.presenter,
        phase,
        frozenset(hidden),
        closed=limit < len(lesson.walk),
    )
    live_chart(with_head(payload, **class_frame_fields()), key="lesson", on_frame=on_frame if leading() else None)
    note(
        "Blue: forward values. Vermillion: backward derivatives. Grey, on each edge: its local derivative."
        + (
            ""
            if limit < len(lesson.walk)
            else f" Play, pause or drag the slider (key p) to run {state.steps} steps: the graph's numbers, the "
            "point and arrows on the loss contour (vermillion: the gradient; white: the step −α·gradient), the "
            "loss curve and the decision boundary move together. Step 0 is the state the controls set."
        )
    )
    if view.with_graph:
        view.with_graph(state, lesson)
    if saturation := saturation_note(p):
        note(saturation)


def class_hides(lesson: Lesson, item: str, hidden: frozenset[str]) -> tuple[frozenset[str], int, str]:
    """While the class predicts `item`: the derivatives from it on kept back (those before it stay, the
    class works from them), the walk stopped before it, and why."""
    names = [phase.name for phase in lesson.walk]
    at = names.index(item) if item in names else 0
    shown = {phase.node for phase in lesson.walk[:at] if phase.kind == "backward"}
    keep = frozenset(node.name for node in lesson.p.graph.nodes if node.name not in shown)
    return (
        hidden | keep,
        at,
        f"The class is predicting **{item}**: the walk stops before it until the answer is revealed.",
    )


def on_frame() -> None:
    """The teacher paused the run at a frame: the class's pages show it too (published by this rerun)."""
    state = read_widgets()
    session().class_paused = (shown_frame("lesson"), (state.x, state.y, state.w, state.b, state.lr, state.steps))


def class_frame_fields() -> dict:
    """The lesson chart's class fields: the teacher's page reports where it pauses; a following
    student's shows that frame."""
    ss = session()
    if leading():
        return {"report_frame": True}
    if ss.class_following and ss.class_frame is not None:
        return {"show_frame": ss.class_frame}
    return {}

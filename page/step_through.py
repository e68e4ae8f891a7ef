"""The lesson view: one update walked phase by phase, its formula, and the lesson figure — the graph
(each number shown as its phase comes, the active node ringed), the loss contour, the loss curve and
the decision boundary, with the run's K steps to play. The buttons, the line that says where the
walk is and the formula are the lesson component's head, which answers them in the browser (see
page/lesson_ops.py). The mode on screen may draw under it (the quiz, the nudge table) and keep some
of its values back."""

from __future__ import annotations

import streamlit as st

from logreg_viz import forward_backward
from logreg_viz.recurrence import recurrence_note
from logreg_viz.state import State
from logreg_viz.stepping import restored
from logreg_viz.stepthrough import phases, saturation_note
from logreg_viz_components.page_components import lesson_chart, shown_frame
from logreg_viz_components.payload import with_head

from . import echo
from .charts import lesson_payload, undo_frame
from .classroom import leading, publish
from .frame import note, section
from .lesson import steps_taken
from .lesson_ops import receive, take_inbox
from .modes import Lesson, view_of
from .session import session
from .widgets import read_widgets


@st.fragment
def step_through(state: State) -> None:
    """A fragment: Next and Back rerun only this part of the page; Step and Undo, the whole page."""
    healed = echo.heal()  # a stale message undid a Step: the whole page shows it again
    if take_inbox() or session().pop_rerun_page() or healed:  # the head's ops, sent from this fragment
        st.rerun(scope="app")
    with section("graph"):
        lesson_view(state)
    publish(state)  # the teacher's Next and Back rerun only this fragment: the class follows from here


def wheres(walk: list, limit: int, why: str = "") -> list[str]:
    """What the line under the buttons says at each phase 0 … n (markdown: **bold** only). `limit`:
    the last phase that may be shown (a quiz keeps the walk closed, a class's question stops it
    before the value asked), and `why`, said when it stops there."""
    out = []
    for phase in range(len(walk) + 1):
        if limit == 0 and not why:
            out.append("The step-through and the run open once every value has been predicted.")
        elif why:
            out.append((f"Phase {phase} of {len(walk)} · **{walk[phase - 1].title}** · " if phase else "") + why)
        elif phase == 0:
            out.append(
                f"**Next** walks one update in {len(walk)} phases: forward (z, a, L), backward (da, dz, dw, db), "
                "then the update; **Step** applies it."
            )
        else:
            out.append(
                f"Phase {phase} of {len(walk)} · **{walk[phase - 1].title}**"
                + (" — that was one step; press **Step** to apply it." if phase == len(walk) else "")
            )
    return out


def shown_phase(walk: list, limit: int) -> int:
    """The phase shown (0: before the first): the session's, within the walk and the limit (the
    teacher's own phase stays, to come back to after the reveal)."""
    ss = session()
    if limit == len(walk):
        ss.phase = min(int(ss.phase), len(walk))
    return min(int(ss.phase), limit)


def head_fields(state: State, walk: list, limit: int, why: str, phase: int) -> dict:
    """The head's part that is this session's: where the walk is and may go, the steps taken, what
    Undo can do, and the newest op taken (the head then drops those it sent up to it)."""
    ss = session()
    return {
        "phase": phase,
        "limit": limit,
        "where": wheres(walk, limit, why),
        "taken": steps_taken(),
        "own_taken": ss.undo.steps_taken,
        "undo": len(ss.undo),
        "take": f"Take {state.steps} steps",
        "acked": ss.lesson_seq,
        "presenter": state.presenter,
    }


def lesson_view(state: State) -> None:
    p = forward_backward(list(state.x), state.y, list(state.w), state.b, state.loss, state.view)
    lesson = Lesson(p, phases(p, list(state.x), state.y, list(state.w), state.b, state.lr, state.dx))
    view = view_of(state)
    hidden = view.hidden(state, lesson) if view.hidden else frozenset()
    limit, why = (0, "") if hidden else (len(lesson.walk), "")
    if asked := session().class_question:
        hidden, limit, why = class_hides(lesson, asked[1], hidden)
    phase = shown_phase(lesson.walk, limit)
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
    head = head_fields(state, lesson.walk, limit, why, phase)
    top = session().undo.peek()
    if top is not None and limit == len(lesson.walk):  # Undo's state, for the head to show at once
        w, b, head["undo_steps"] = restored(top[0], state.w), top[1], top[2]
        before = (state.x, state.y, w, b, state.lr, state.steps, state.loss)
        head["undo_view"] = undo_frame(before, state.view, state.pair, state.dx)
    lesson_chart(
        with_head(payload, head=head, **class_frame_fields()),
        key="lesson",
        on_ops=receive,
        on_frame=on_frame if leading() else None,
    )
    opened = limit == len(lesson.walk)
    note(
        "Blue: forward values. Vermillion: backward derivatives. Grey, on each edge: its local derivative."
        + (
            f" Play, pause or drag the slider (key p) to run {state.steps} steps: the graph's numbers, the "
            "point and arrows on the loss contour (vermillion: the gradient; white: the step −α·gradient), the "
            "loss curve and the decision boundary move together. Step 0 is the state the controls set."
            if opened
            else ""
        )
    )
    if opened:
        note(recurrence_note(state.x, state.y, state.lr))
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

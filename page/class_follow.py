"""A student's panel: following the teacher or exploring alone (and back with one click), the question
asked with its answer box, and after the reveal their answer against the class's. A poll every half
second notices the teacher's next move; the page then reruns and takes it."""

from __future__ import annotations

import streamlit as st

from logreg_viz.classroom import slips as slip_rules
from logreg_viz.classroom.codes import format_code
from logreg_viz.display import fmt
from logreg_viz.figures.class_answers import answers_figure
from logreg_viz.text import quote
from logreg_viz_components.page_components import live_chart
from logreg_viz_components.payload import figure_payload

from .classroom import branched_off, classroom, seen, store_call
from .session import session

POLL_S = 0.5  # how often a student's page asks whether the teacher moved: the 1 s promise, with room


def on_explore() -> None:
    session().class_following = False


def on_rejoin() -> None:
    ss = session()
    ss.class_following = True
    ss.class_lead_version = -1  # take the lead's view on this very run
    ss.class_applied = None


def on_rename() -> None:
    ss = session()
    text = str(st.session_state.get("class_nickname", ""))
    outcome = store_call(classroom().rename, ss.class_code, ss.class_student, text)
    if outcome is not None and not outcome.ok:
        ss.say_class("error", outcome.message)
    st.session_state.class_nickname = store_call(classroom().nickname, ss.class_code, ss.class_student) or text


def on_send(qid: int) -> None:
    ss = session()
    text = str(st.session_state.get("class_guess", ""))
    outcome = store_call(classroom().answer, ss.class_code, ss.class_student, qid, text)
    if outcome is not None:
        ss.say_class("success" if outcome.ok else "error", outcome.message or "Sent.")


def nickname_input() -> None:
    """The student's nickname, which they may change (the class knows nobody's name)."""
    ss = session()
    if "class_nickname" not in st.session_state:
        st.session_state.class_nickname = store_call(classroom().nickname, ss.class_code, ss.class_student) or ""
    st.text_input(
        "Your nickname in the class",
        key="class_nickname",
        max_chars=24,
        on_change=on_rename,
        help="Only the teacher's answer list shows it. Change it as you like.",
    )


def status(snapshot) -> None:
    ss = session()
    row = st.container(horizontal=True, key="class_status", vertical_alignment="center")
    who = f"Class {format_code(ss.class_code)} · you are {quote(st.session_state.get('class_nickname', ''))}"
    if ss.class_following:
        row.markdown(f"🎓 {who} · **following the teacher** (steps and phases come from their page)")
        row.button("Explore on my own", key="class_explore", on_click=on_explore, width="content")
    else:
        row.markdown(f"🧭 {who} · **exploring on your own**: the class goes on without you")
        row.button("Rejoin the class", key="class_rejoin", on_click=on_rejoin, type="primary", width="content")


def mine(question) -> float | None:
    ss = session()
    for answer in store_call(classroom().answers, ss.class_code, question.qid) or []:
        if answer.student == ss.class_student:
            return answer.value
    return None


def example_words(context: dict) -> str:
    """The example a question is about, in the lecture's notation (the student may be exploring another)."""

    def vector(values) -> str:
        return "(" + ", ".join(fmt(float(v)) for v in values) + ")"

    try:
        return (
            f"x = {vector(context['x'])}, y = {fmt(float(context['y']))}, w = {vector(context['w'])}, "
            f"b = {fmt(float(context['b']))}, α = {fmt(float(context['lr']))}"
        )
    except (KeyError, TypeError, ValueError):
        return "the teacher's example"


def question_box(question, presenter: bool) -> None:
    """The question asked: an answer box until the reveal, then the answer and the class's spread."""
    answered = mine(question)
    if not question.revealed:
        with st.form("class_answer", clear_on_submit=True):
            st.text_input(
                f"Question {question.qid}: predict {question.item} for {example_words(question.context)}",
                key="class_guess",
                placeholder="a number, e.g. -0.27",
                max_chars=40,
            )
            st.form_submit_button("Send", key="class_send", on_click=on_send, args=(question.qid,), type="primary")
        if answered is not None:
            st.caption(f"Your answer: {fmt(answered)}. You may change it until the teacher reveals the answer.")
        return
    st.markdown(f"**Question {question.qid}: {question.item} = {fmt(question.truth)}**")
    st.latex(question.latex)
    slips = slip_rules.slips(question.item, question.context)
    if answered is None:
        st.caption("You did not answer this one.")
    else:
        verdict = slip_rules.classify(answered, question.truth, slips)
        label = {slip.name: slip.label for slip in slips}
        if verdict == "right":
            st.success(f"Right: you said {fmt(answered)}.", icon="✅")
        elif verdict in label:
            st.error(f"You said {fmt(answered)}: you {label[verdict]}.", icon="✖️")
        else:
            st.error(f"You said {fmt(answered)}: not quite.", icon="✖️")
    values = [a.value for a in store_call(classroom().answers, session().class_code, question.qid) or []]
    figure = answers_figure(values, question.truth, True, slips, mine=answered, presenter=presenter, item=question.item)
    words = f"A histogram of the class's {len(values)} answers; the answer is {fmt(question.truth)}."
    live_chart(figure_payload(figure, {"displayModeBar": False}, description=words), key="class_answers")


def panel(state) -> None:
    ss = session()
    snapshot = store_call(classroom().snapshot, ss.class_code)
    if snapshot is None:
        return
    status(snapshot)
    if snapshot.question is not None:
        question_box(snapshot.question, state.presenter)
    poll()


@st.fragment(run_every=POLL_S)
def poll() -> None:
    """Draws nothing: reruns the page when the teacher moved (while following), asked or revealed, or
    when this student moved off the teacher's view inside the step-through."""
    ss = session()
    snapshot = store_call(classroom().snapshot, ss.class_code)
    if snapshot is None:
        if not ss.class_store_error:
            st.rerun(scope="app")  # the class ended: the run says so
        return
    now = seen(snapshot)
    before = ss.class_seen
    if now != before:
        if ss.class_following or now[1:] != tuple(before[1:]):
            st.rerun(scope="app")
        ss.class_seen = now  # exploring: the teacher's moves wait for the rejoin
    elif ss.class_following and branched_off():
        st.rerun(scope="app")

"""The teacher's panel: the class's code, link and QR code to join by; a question for the class; the
answers as they come (how many, their spread, the slips they match); the reveal; the answers as CSV."""

from __future__ import annotations

import functools
import io
import ipaddress
from urllib.parse import urlsplit

import segno
import streamlit as st

from logreg_viz import forward_backward
from logreg_viz.classroom import slips as slip_rules
from logreg_viz.classroom.codes import format_code
from logreg_viz.classroom.export import answers_csv
from logreg_viz.display import fmt
from logreg_viz.figures.class_answers import answers_figure
from logreg_viz.quiz import questions
from logreg_viz.stepthrough import phases
from logreg_viz_components.page_components import live_chart
from logreg_viz_components.payload import figure_payload

from .classroom import classroom, store_call
from .frame import note
from .session import session
from .widgets import read_widgets


def join_link(code: str) -> str:
    """The link a student opens: this page's own address (as the teacher's browser sees it) with the code."""
    base = (st.context.url or "http://localhost:8501/").split("?")[0].split("#")[0]
    return f"{base}?class={code}"


def only_this_machine(link: str) -> bool:
    """Whether the link names this machine in a way no other machine can reach (localhost, 127.x)."""
    host = urlsplit(link).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@functools.lru_cache(maxsize=32)
def qr_png(link: str) -> bytes:
    """The link as a QR code, drawn here (no network): black on white, a quiet zone of 2 modules."""
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()


def on_take_over() -> None:
    ss = session()
    outcome = store_call(classroom().claim_lead, ss.class_code, ss.class_secret, ss.class_page, force=True)
    if outcome is not None:
        ss.class_leading = outcome.ok
        ss.say_class(
            "success" if outcome.ok else "error",
            "You lead the class from this page." if outcome.ok else outcome.message,
        )


def on_ask() -> None:
    """Ask the class to predict the item chosen, for the example and parameters on screen now."""
    ss = session()
    state = read_widgets()
    x, w = list(state.x), list(state.w)
    walk = phases(
        forward_backward(x, state.y, w, state.b, state.loss, state.view), x, state.y, w, state.b, state.lr, state.dx
    )
    items = {item.name: item for item in questions(walk)}
    item = items.get(str(st.session_state.get("class_item")))
    if item is None:
        ss.say_class("error", "That value is not one of this example's: pick one from the list.")
        return
    try:
        context = slip_rules.slip_context(state.x, state.y, state.w, state.b, state.lr, state.loss)
    except ValueError as refused:
        ss.say_class("error", f"This example cannot be asked about: {refused}")
        return
    outcome = store_call(
        classroom().ask, ss.class_code, ss.class_secret, ss.class_page, item.name, item.latex, item.value, context
    )
    if outcome is not None and not outcome.ok:
        ss.say_class("error", outcome.message)


def on_reveal(qid: int) -> None:
    ss = session()
    outcome = store_call(classroom().reveal, ss.class_code, ss.class_secret, ss.class_page, qid)
    if outcome is not None and not outcome.ok:
        ss.say_class("error", outcome.message)


def invite(code: str, presenter: bool, asked: bool) -> None:
    """The code, the link to copy, and the QR code a phone scans: open until the first question."""
    link = join_link(code)
    with st.expander(f"Invite the class: code {format_code(code)}, link and QR code", expanded=not asked):
        words, picture = st.columns([3, 2], vertical_alignment="center")
        words.markdown(f"Join code: **{format_code(code)}**")
        words.code(link, language=None, wrap_lines=True)
        words.caption("Students open the link or scan the code; or they type the code under Class in the sidebar.")
        if only_this_machine(link):
            words.warning(
                "This address only reaches this computer. Open the page by this computer's network address "
                "(as other devices in the room reach it, e.g. http://192.168.1.20:8501): the link and QR code "
                "follow.",
                icon="📡",
            )
        picture.image(qr_png(link), caption="Scan to join", width=320 if presenter else 220)


def ask_row(walk: list) -> None:
    """Pick one value of this step (a derivative or an updated parameter) and ask the class for it."""
    items = questions(walk)
    names = [item.name for item in items]
    phase = session().phase
    current = walk[phase - 1].name if 0 < phase <= len(walk) else None
    if st.session_state.get("class_item") not in names:
        st.session_state.class_item = current if current in names else names[1 if len(names) > 1 else 0]
    titles = {item.name: item.title for item in items}
    row = st.container(horizontal=True, key="class_ask", vertical_alignment="bottom")
    row.selectbox("Ask the class to predict", names, key="class_item", format_func=lambda n: titles.get(n, n))
    row.button("Ask the class", key="class_ask_button", on_click=on_ask, type="primary", width="content")


def panel(state) -> None:
    ss = session()
    x, w = list(state.x), list(state.w)
    walk = phases(
        forward_backward(x, state.y, w, state.b, state.loss, state.view), x, state.y, w, state.b, state.lr, state.dx
    )
    code = ss.class_code
    if not ss.class_leading:
        st.button("Take over the lead", key="class_take_over", on_click=on_take_over, type="primary")
        wait_for_lead()
        return
    snapshot = store_call(classroom().snapshot, code)
    invite(code, state.presenter, asked=bool(snapshot and snapshot.question))
    ask_row(walk)
    live_answers(state.presenter)
    if snapshot and snapshot.question and not snapshot.question.revealed:  # outside the fragment: no click lost
        st.button(
            "Reveal the answer", key="class_reveal", on_click=on_reveal, args=(snapshot.question.qid,), type="primary"
        )
    room = classroom()
    st.download_button(
        "Download the answers (CSV)",
        data=lambda: answers_csv(
            room.questions(code), {q.qid: room.answers(code, q.qid) for q in room.questions(code)}
        ),
        file_name=f"class-{code}-answers.csv",
        mime="text/csv",
        key="class_csv",
        on_click="ignore",
    )


@st.fragment(run_every=1.0)
def wait_for_lead() -> None:
    """Another page leads: this one takes the lead by itself once that page has gone quiet (it was this
    page before a reload or a server restart), or at once with Take over."""
    ss = session()
    note("This page leads by itself once the other page has been quiet for a few seconds (a reload, a restart).")
    outcome = store_call(classroom().claim_lead, ss.class_code, ss.class_secret, ss.class_page)
    if outcome is not None and outcome.ok:
        ss.class_leading = True
        st.rerun(scope="app")


@st.fragment(run_every=1.0)
def live_answers(presenter: bool) -> None:
    """Every second: still leading (a heartbeat), how many answered, their spread, and the reveal."""
    ss = session()
    room = classroom()
    outcome = store_call(room.claim_lead, ss.class_code, ss.class_secret, ss.class_page)
    if outcome is not None and not outcome.ok:
        ss.class_leading = False
        ss.say_class("warning", outcome.message)
        st.rerun(scope="app")
    snapshot = store_call(room.snapshot, ss.class_code)
    question = snapshot.question if snapshot else None
    if question is None:
        note(f"{_students(snapshot)} · Ask the class a value of this step: their answers show here as they come in.")
        return
    answers = store_call(room.answers, ss.class_code, question.qid) or []
    values = [a.value for a in answers]
    slips = slip_rules.slips(question.item, question.context)
    st.markdown(
        f"**Question {question.qid}: {question.item} = ?** · {len(values)} answered · {_students(snapshot)}"
        + ("" if question.revealed else " · the answer is hidden until you reveal it")
    )
    figure = answers_figure(values, question.truth, question.revealed, slips, presenter=presenter, item=question.item)
    live_chart(
        figure_payload(figure, {"displayModeBar": False}, description=_words(values, question)), key="class_answers"
    )
    if question.revealed:
        st.latex(question.latex)
        summary = slip_rules.summarise(values, question.truth, slips)
        st.markdown("  \n".join(summary.lines()) or "No answers came in.")


def _students(snapshot) -> str:
    count = snapshot.students if snapshot else 0
    return f"{count} student{'s' if count != 1 else ''} joined"


def _words(values: list[float], question) -> str:
    told = f"; the answer is {fmt(question.truth)}" if question.revealed else ""
    return f"A histogram of the class's {len(values)} answers for {question.item}{told}."

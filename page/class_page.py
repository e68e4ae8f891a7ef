"""Where the class shows on the page: before the widgets draw (a following student takes the lead's
view; the teacher's page claims the lead), its bar under the title, and its panel in the sidebar."""

from __future__ import annotations

import streamlit as st

from logreg_viz.classroom.codes import format_code

from . import class_follow, class_lead
from .classroom import branched_off, classroom, client, enter, follow, leave, role, seen, store_call
from .session import session


def start_of_run() -> None:
    """Before the widgets are read: the class's state for this run (the open question, the lead's
    view for a following student, the lead for the teacher's page). A class that ended is left."""
    ss = session()
    who = role()
    if who is None:
        ss.class_question = None
        return
    snapshot = store_call(classroom().snapshot, ss.class_code)
    if snapshot is None:
        if not ss.class_store_error:  # a store that cannot be reached is not a class that ended
            ss.say_class("info", f"Class {format_code(ss.class_code)} has ended.")
        leave()
        return
    question = snapshot.question
    ss.class_question = (question.qid, question.item) if question and not question.revealed else None
    ss.class_seen = seen(snapshot)
    if who == "lead":
        if not ss.class_leading:
            outcome = store_call(classroom().claim_lead, ss.class_code, ss.class_secret, ss.class_page)
            ss.class_leading = bool(outcome and outcome.ok)
            if outcome is not None and not outcome.ok:
                ss.say_class("warning", outcome.message)
        return
    if ss.class_following and branched_off():
        ss.class_following = False
        ss.say_class(
            "info", "You are exploring on your own now: the class goes on without you. Rejoin to follow again."
        )
    if ss.class_following:
        follow(snapshot)


def class_bar(state) -> None:
    """Under the title: the class's news, then the teacher's panel or the student's."""
    ss = session()
    if error := ss.pop_class_store_error():
        st.error(f"The class store cannot be reached ({error}); the page works on alone.", icon="🛑")
    if message := ss.pop_class_message():
        kind, text = message
        getattr(st, kind if kind in ("error", "warning", "info", "success") else "info")(text)
    who = role()
    if who == "lead":
        class_lead.panel(state)
    elif who == "student":
        class_follow.panel(state)


def on_start() -> None:
    ss = session()
    made = store_call(classroom().start, client())
    if made is None:
        return
    if not isinstance(made, tuple):
        ss.say_class("error", made.message)
        return
    code, secret = made
    leave()
    enter(code, secret)


def on_join() -> None:
    text = str(st.session_state.get("class_join_code", ""))
    st.session_state.class_join_code = ""
    leave()
    if enter(text):
        session().say_class("success", "You joined the class: this page follows the teacher's.")


def on_leave() -> None:
    leave()
    session().say_class("info", "You left the class; this page is yours again.")


def sidebar_panel() -> None:
    """The sidebar's class controls: start or join a class; in one, who you are and how to leave."""
    who = role()
    st.subheader("Class")
    if who is None:
        st.button(
            "Start a class",
            key="class_start",
            on_click=on_start,
            width="stretch",
            help="You lead: every student who joins with the code sees what your page shows and answers your "
            "questions.",
        )
        with st.form("class_join", clear_on_submit=False, border=False):
            st.text_input("Join a class with its code", key="class_join_code", max_chars=16, placeholder="e.g. K7Q-P2M")
            st.form_submit_button("Join", key="class_join_button", on_click=on_join)
        return
    if who == "student":
        class_follow.nickname_input()
    st.button("Leave the class", key="class_leave", on_click=on_leave, width="stretch")

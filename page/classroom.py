"""A class on the page: who this page is in it (the teacher who leads, a student, or neither), the
link that says so, starting, joining and leaving, and the lead's view — published by the teacher's
page, applied by a following student's.

The class itself (codes, secrets, answers, the store) is `logreg_viz.classroom`; the teacher's panel
is `class_lead.py`, a student's `class_follow.py`. Nothing here trusts the link: a code is checked
against the store, a teacher key against the class's.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from dataclasses import replace

import streamlit as st

from logreg_viz.classroom import Classroom, Snapshot, open_store
from logreg_viz.classroom.store import StoreError
from logreg_viz.state import State
from logreg_viz.url import parse_query_params, to_query_params

from .session import session
from .widgets import read_widgets, write_widgets

CLASS_KEYS = ("class", "lead", "student")  # the link's own keys for the class (not part of a State)
VIEW_KEYS = ("phase", "taken", "frame")  # the lead's view beyond its State's query parameters


def classroom() -> Classroom:
    """The server's class store (LOGREG_VIZ_CLASS_STORE: an SQLite path, by default a file in the
    working directory, or a redis:// URL); classes last LOGREG_VIZ_CLASS_HOURS (12 by default)."""
    return _classroom(
        os.environ.get("LOGREG_VIZ_CLASS_STORE", ""), _hours(os.environ.get("LOGREG_VIZ_CLASS_HOURS", ""))
    )


@st.cache_resource(show_spinner=False, max_entries=4)
def _classroom(setting: str, hours: float) -> Classroom:
    """One store per setting, opened on first use and shared by every session."""
    return Classroom(open_store(setting or None), ttl=hours * 3600.0)


def _hours(text: str) -> float:
    try:
        hours = float(text)
    except ValueError:
        return 12.0
    return hours if 0.1 <= hours <= 24 * 30 else 12.0


def client() -> str:
    """Who counts as one client for the rate limits: the browser's address; behind a proxy on this
    machine (the README's nginx recipe), the address the proxy says it forwards."""
    ip = st.context.ip_address
    local = ip is None or _loopback(ip)
    forwarded = st.context.headers.get("X-Real-Ip") if local else None
    return (forwarded or ip or "local")[:64]


def _loopback(ip: str) -> bool:
    try:
        return ipaddress.ip_address(ip).is_loopback
    except ValueError:
        return False


def store_call(action, *args, **kwargs):
    """Call the class store; if it cannot be reached, say so once on the page and return None."""
    try:
        return action(*args, **kwargs)
    except StoreError as error:
        session().say_store_error(str(error))
        return None


# --- who this page is


def role() -> str | None:
    """'lead' (this page holds the class's teacher key), 'student', or None (not in a class)."""
    ss = session()
    if not ss.class_code:
        return None
    return "lead" if ss.class_secret else "student"


def read_class_link(params: dict) -> dict:
    """Take the class's keys out of the link's parameters (the rest is the State's) and act on them:
    `class` joins (a student), with `lead` the teacher's page, with `student` a returning student."""
    values = {k: params.pop(k) for k in CLASS_KEYS if k in params}
    values = {k: (v[-1] if isinstance(v, list) else v) for k, v in values.items()}
    ss = session()
    ss.class_page = secrets.token_urlsafe(9)
    if "class" in values:
        enter(str(values["class"]), str(values.get("lead", "")), str(values.get("student", "")))
    return params


def enter(code_text: str, secret: str = "", student: str = "") -> bool:
    """Enter the class `code_text` as its teacher (a right `secret`) or as a student; False, with the
    reason said on the page, when the class cannot be entered."""
    ss = session()
    room = classroom()
    code = store_call(room.join, code_text, client())
    if code is None:
        return False
    if not isinstance(code, str):
        ss.say_class("error", code.message)
        return False
    if secret:
        if store_call(room.is_lead, code, secret):
            ss.class_code, ss.class_secret, ss.class_student = code, secret, None
            ss.class_following = False
            return True
        ss.say_class("warning", "This link's teacher key is not this class's: you joined as a student.")
    known = store_call(room.register, code, student or None)
    if known is None:
        ss.say_class("error", "This class has just ended.")
        return False
    ss.class_code, ss.class_secret, ss.class_student = code, None, known
    st.session_state.class_nickname = store_call(room.nickname, code, known) or ""
    ss.class_following = True
    ss.class_lead_version = -1  # the lead's view is applied on this run
    return True


def leave() -> None:
    ss = session()
    ss.class_code = ss.class_secret = ss.class_student = None
    ss.class_following = False
    ss.class_question = None


def class_params() -> dict[str, str]:
    """The link's class keys for this page: the teacher's page keeps its key, a student their id."""
    ss = session()
    if not ss.class_code:
        return {}
    if ss.class_secret:
        return {"class": ss.class_code, "lead": ss.class_secret}
    return {"class": ss.class_code, "student": ss.class_student or ""}


# --- the lead's view


def leading() -> bool:
    """Whether this page leads its class now."""
    return role() == "lead" and session().class_leading


def own_view(state: State, phase: int) -> dict[str, str]:
    """What this page shows, as the lead publishes it: the State's link (without presenter mode, which
    is each screen's own) and the step-through's phase."""
    params = to_query_params(replace(state, presenter=False))
    params["phase"] = str(int(phase))
    return params


def publish(state: State) -> None:
    """The teacher's page: tell the class what it shows now (a no-op when nothing changed)."""
    ss = session()
    if not leading():
        return
    view = own_view(state, ss.phase) | {"taken": str(ss.undo.steps_taken)}
    paused = ss.class_paused  # (frame, the run it belongs to): a new run starts at its first frame
    if paused and paused[0] is not None and paused[1] == (state.x, state.y, state.w, state.b, state.lr, state.steps):
        view["frame"] = str(paused[0])
    outcome = store_call(classroom().publish, ss.class_code, ss.class_secret, ss.class_page, view)
    if outcome is not None and not outcome.ok:
        ss.class_leading = False
        ss.say_class("warning", outcome.message)


def follow(snapshot: Snapshot) -> None:
    """A following student's page, before its widgets draw: take the lead's view if it changed."""
    ss = session()
    if snapshot.lead.version == ss.class_lead_version or not snapshot.lead.view:
        return
    view = snapshot.lead.view
    state, _ = parse_query_params({k: v for k, v in view.items() if k not in VIEW_KEYS})
    write_widgets(replace(state, presenter=read_widgets().presenter))
    ss.phase = _whole(view.get("phase"), 0, 10_000)
    ss.class_taken = _whole(view.get("taken"), 0, 10**9)
    ss.class_frame = _whole(view.get("frame"), 0, 10**6) if "frame" in view else None
    ss.class_lead_version = snapshot.lead.version
    ss.class_applied = own_view(read_widgets(), ss.phase)


def branched_off() -> bool:
    """Whether a following student has changed what the lead's view showed (a control, Step, a phase)."""
    ss = session()
    return ss.class_applied is not None and own_view(read_widgets(), ss.phase) != ss.class_applied


def seen(snapshot: Snapshot) -> tuple:
    """What a student's poll compares: the lead's view and the question (asked, revealed)."""
    question = snapshot.question
    return (snapshot.lead.version, question.qid if question else 0, bool(question and question.revealed))


def _whole(text, low: int, high: int) -> int:
    try:
        value = int(str(text))
    except ValueError:
        return low
    return min(max(value, low), high)

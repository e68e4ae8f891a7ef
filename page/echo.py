"""Stale echoes: a value the server wrote into a control, undone by the browser's older copy of it.

When the server writes a control's value (a Step or an Undo from the lesson's head, the teacher's
view on a student's page, a preset), the browser learns it only when a run draws that control. A
message the browser sends before then (a second Step pressed at once, another control touched, a
class page's poll) carries every control's value as the browser still holds it, and Streamlit takes
those over the ones the server wrote: the Step would be undone while the steps counted say it was
taken. So each write is remembered until WINDOW_S after a run has drawn it. A message that brings
back values held before the write for two or more controls at once (a person changes one control at
a time), or for the only one written, gets the written values again. A control set to anything else,
or set back alone, is the person's: they are at the controls, and the writes are forgotten.
"""

from __future__ import annotations

import time

import streamlit as st

WINDOW_S = 10.0  # after the run that drew the written values: ample for a message already on its way
GUARD = "echo_guard"  # session key: {"after": {key: value}, "stale": {key: [value, ...]}, "drawn": float | None}


def remember(before: dict, after: dict) -> None:
    """The server is writing `after` over `before` (values by widget key): keep the values it replaces."""
    guard = st.session_state.get(GUARD)
    if guard is None or expired(guard):
        guard = {"after": {}, "stale": {}, "drawn": None}
    for key, value in after.items():
        if key in before and before[key] != value:
            guard["stale"].setdefault(key, [])
            if before[key] not in guard["stale"][key]:
                guard["stale"][key].append(before[key])
        if key in guard["stale"]:
            guard["after"][key] = value
            guard["stale"][key] = [old for old in guard["stale"][key] if old != value]
    guard["drawn"] = None
    st.session_state[GUARD] = guard


def expired(guard: dict) -> bool:
    return guard["drawn"] is not None and time.monotonic() - guard["drawn"] > WINDOW_S


def heal() -> bool:
    """Put back the written values a stale message replaced; True if it did (the page must then draw them)."""
    ss = st.session_state
    guard = ss.get(GUARD)
    if guard is None:
        return False
    if expired(guard):
        del ss[GUARD]
        return False
    stale, theirs = [], []
    for key, value in guard["after"].items():
        now = ss.get(key)
        if now != value:
            (stale if now in guard["stale"].get(key, ()) else theirs).append(key)
    if len(stale) == 1 and len(guard["after"]) > 1:  # one control set back: by the person
        theirs, stale = stale, []
    for key in stale:
        ss[key] = guard["after"][key]
    if theirs:  # the person is at the controls: what they set from now on is theirs
        del ss[GUARD]
    elif stale:
        guard["drawn"] = None
    return bool(stale)


def drawn() -> None:
    """A run has drawn the controls: the window for stale messages starts now."""
    guard = st.session_state.get(GUARD)
    if guard is not None and guard["drawn"] is None:
        guard["drawn"] = time.monotonic()

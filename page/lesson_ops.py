"""Step, Take K, Undo, Back and Next as the lesson's head sends them.

The head answers each one in the browser at once, from the run it holds, and sends it here to be
taken for real, so the URL, the controls and a reload agree. Each carries a number (`seq`, rising
through the page's life), and the head sends every one the server has not acknowledged yet: none
is lost when Streamlit merges two reruns into one, and none is taken twice. The payload tells the
head the newest number taken (`acked`). A message is checked before anything is taken: a list of at
most MAX_OPS {seq: whole number, kind: one of KINDS}; anything else is dropped whole.
"""

from __future__ import annotations

import streamlit as st

from logreg_viz import forward_backward
from logreg_viz.stepthrough import phases

from .lesson import take_steps, undo_step
from .session import session
from .widgets import read_widgets

KINDS = ("step", "steps", "undo", "back", "next")
MAX_OPS = 100
MAX_SEQ = 2**53  # a number JavaScript counts exactly


def receive() -> None:
    """The head's callback: keep its message for this run to take (before the widgets are read)."""
    value = st.session_state.get("lesson")
    session().lesson_inbox = value.get("ops") if hasattr(value, "get") else None


def parse(message: object) -> list[tuple[int, str]]:
    """The (seq, kind) pairs of a message, in order; [] for anything that is not a well-formed one."""
    ops = message.get("ops") if isinstance(message, dict) else None
    if not isinstance(ops, list) or len(ops) > MAX_OPS:
        return []
    out = []
    for op in ops:
        seq = op.get("seq") if isinstance(op, dict) else None
        kind = op.get("kind") if isinstance(op, dict) else None
        if not (isinstance(seq, int) and not isinstance(seq, bool) and 0 < seq <= MAX_SEQ and kind in KINDS):
            return []
        out.append((seq, kind))
    return sorted(out)


def walk_length() -> int:
    """The phases of one step for the state on the controls."""
    state = read_widgets()
    p = forward_backward(list(state.x), state.y, list(state.w), state.b, state.loss, state.view)
    return len(phases(p, list(state.x), state.y, list(state.w), state.b, state.lr, state.dx))


def take_inbox() -> bool:
    """Take the ops the head sent that are newer than the last one taken; True if any moved the
    parameters (the whole page then shows the new ones)."""
    ss = session()
    ops = [(seq, kind) for seq, kind in parse(ss.pop_lesson_inbox()) if seq > ss.lesson_seq]
    moved = False
    for seq, kind in ops:
        if kind == "step":
            take_steps(1)
        elif kind == "steps":
            take_steps(read_widgets().steps)
        elif kind == "undo":
            undo_step()
        else:
            ss.phase = min(max(int(ss.phase) + (1 if kind == "next" else -1), 0), walk_length())
        moved = moved or kind in ("step", "steps", "undo")
        ss.lesson_seq = seq
    return moved

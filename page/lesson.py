"""The lesson's head: its story in one line, what went wrong said in words, and the step buttons."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from logreg_viz import History
from logreg_viz.state import PRESETS, State
from logreg_viz.stepping import land, restored
from logreg_viz.text import plural
from logreg_viz.verdict import loss_rises, oscillates, overflow_story, sign_flips

from .charts import run_history
from .frame import note
from .session import session
from .widgets import read_widgets, write_widgets


def story(state: State, keep_numbers: bool = False) -> None:
    """The lecture's chain in one line, and the preset's story while its state is on screen (not while
    a quiz keeps its numbers back: a story tells some of them)."""
    preset = PRESETS.get(session().preset, PRESETS["lecture"])
    same = (
        not keep_numbers
        and replace(preset.state, view=state.view, pair=state.pair, hide=state.hide, dx=state.dx) == state
    )
    note(
        "z = w·x + b → a = σ(z) → L(a, y), then backwards: da, dz = a − y, dw = x·dz, db = dz, "
        "and the update w := w − α·dw." + (f" **{preset.label}:** {preset.story}" if same else "")
    )


def banners(state: State, history: History) -> None:
    """The link's problems, a refused step, divergence and oscillation, said in words above the pictures."""
    ss = session()
    for warning in ss.pop_url_warnings():
        st.warning(f"Link: {warning}", icon="⚠️")
    if message := ss.pop_step_message():
        st.error(message, icon="🛑")
    if history.diverged.any():
        st.error(f"**Diverged.** {overflow_story(history)} Lower the learning rate.", icon="🛑")
    elif oscillates(history):  # the rule the compare-runs verdict uses too
        rises = loss_rises(history)
        st.warning(
            f"**Oscillating: dz changed sign in {sign_flips(history)} of {history.steps} steps"
            + (f" and the loss went up in {rises}.**" if rises else ".**")
            + f" α = {state.lr:g} overshoots: each step jumps past the minimum. Try a smaller learning rate.",
            icon="↕️",
        )


def take_steps(count: int) -> None:
    """Apply `count` gradient steps to the parameters, unless they land where the controls cannot go;
    remember where they were for Undo."""
    state = read_widgets()
    steps = land(run_history(state.x, state.y, state.w, state.b, state.lr, max(count, 1), state.loss), count)
    ss = session()
    if steps.refusal:
        ss.say_step(steps.refusal)
        return
    ss.undo.push(state.w, state.b, steps.k)
    write_widgets(replace(state, w=steps.w, b=steps.b))
    ss.phase = 0
    ss.moved_by_step = ss.rerun_page = True


def undo_step() -> None:
    """Put back the parameters from before the last Step or Take K (those that still exist if n changed)."""
    ss = session()
    if ss.undo:
        w, b, _ = ss.undo.pop()
        now = read_widgets()
        write_widgets(replace(now, w=restored(w, now.w), b=b))
        ss.phase = 0
        ss.moved_by_step = ss.rerun_page = True


def steps_taken() -> str:
    """How many steps were taken, and what Undo can no longer reach (following a class: the teacher's)."""
    ss = session()
    if ss.class_following and ss.class_code and not ss.class_secret:
        return f"Steps the teacher has taken: **{ss.class_taken:,}**."
    undo = ss.undo
    forgot = (
        f" Undo keeps the last {plural(undo.limit, 'action')}; {plural(undo.forgotten, 'older one')} cannot be undone."
        if undo.forgotten
        else ""
    )
    return f"Steps taken: **{undo.steps_taken:,}**.{forgot}"

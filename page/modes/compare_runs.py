"""Compare runs: branch from any step with another α and overlay the runs, each with a verdict."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from logreg_viz.branches import with_branch
from logreg_viz.display import fmt
from logreg_viz.state import LR_RANGE, MAX_BRANCHES, State
from logreg_viz.verdict import hard_label_note, verdict
from logreg_viz_components.page_components import live_chart

from ..charts import branches, runs_payload
from ..widgets import read_widgets, write_widgets
from .base import ModeView


def add_branch() -> None:
    """The Add branch button: the step and α typed beside it become a branch (once, at most MAX_BRANCHES)."""
    ss = st.session_state
    state = read_widgets()
    write_widgets(replace(state, runs=with_branch(state.runs, (int(ss.branch_at), float(ss.branch_lr)))))


def clear_branches() -> None:
    """The Clear branches button: the main run alone."""
    write_widgets(replace(read_widgets(), runs=()))


def render(state: State) -> None:
    """The branch controls, the overlaid runs and a table of verdicts."""
    st.subheader("Compare runs")
    c1, c2, c3, c4 = st.columns([1.2, 1.2, 1, 1], vertical_alignment="bottom")
    ss = st.session_state
    # Session State alone gives these widgets their values (a default beside it makes Streamlit warn)
    ss.branch_at = min(int(ss.get("branch_at", 10)), state.steps)  # K may have dropped below the step chosen
    ss.setdefault("branch_lr", min(state.lr * 10, LR_RANGE[1]))
    c1.number_input("branch at step", 0, state.steps, key="branch_at")
    c2.number_input("with α", LR_RANGE[0], LR_RANGE[1], format="%.4g", key="branch_lr")
    c3.button(
        "Add branch", key="add_branch", on_click=add_branch, disabled=len(state.runs) >= MAX_BRANCHES, width="stretch"
    )
    c4.button("Clear branches", key="clear_branches", on_click=clear_branches, disabled=not state.runs, width="stretch")
    args = (state.x, state.y, state.w, state.b, state.lr, state.steps, state.loss, state.runs)
    runs = branches(*args)
    live_chart(runs_payload(*args, state.pair, state.presenter), key="compare_runs")
    if note := hard_label_note(state.y, state.loss):
        st.caption(note)
    st.table(
        {
            "run": [label for label, _, _ in runs],
            "verdict": [verdict(h) for _, _, h in runs],
            "loss at the start": [fmt(float(h.loss[0])) for _, _, h in runs],
            "loss at the end": [fmt(float(h.loss[-1])) for _, _, h in runs],
        }
    )


VIEW = ModeView(section=render)

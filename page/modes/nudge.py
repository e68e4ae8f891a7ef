"""Nudge: beside each analytic derivative, the central difference — the derivative is the slope."""

from __future__ import annotations

import streamlit as st

from logreg_viz.display import fmt
from logreg_viz.nudge import nudge_table
from logreg_viz.state import EPS_CHOICES, State

from .base import Lesson, ModeView


def render(state: State, lesson: Lesson) -> None:
    """Nudge each quantity by ±ε and watch L move, under the graph that computed it backwards."""
    rows = nudge_table(list(state.x), state.y, list(state.w), state.b, state.loss, state.view, state.eps)
    st.markdown(
        f"**Nudge** each quantity by ±ε = {state.eps:g} and watch L move: "
        "(L(θ + ε) − L(θ − ε)) / 2ε stands beside the derivative the graph computed backwards."
    )
    st.table(
        {
            "quantity": [r.name for r in rows],
            "backward (analytic)": [f"{r.grad_name} = {fmt(r.analytic, 7)}" for r in rows],
            f"nudge, ε = {state.eps:g}": [fmt(r.estimate, 7) for r in rows],
            "difference": [fmt(r.estimate - r.analytic, 2) if r.comparable else "—" for r in rows],
        }
    )


def eps_slider() -> None:
    """ε, from one that misses the curve to one lost in rounding."""
    st.select_slider(
        "nudge ε",
        EPS_CHOICES,
        key="eps",
        format_func=lambda e: f"{e:g}",
        help="Large ε: the secant misses the curve. Tiny ε: rounding error takes over.",
    )


VIEW = ModeView(with_graph=render, sidebar=eps_slider)

"""Cross-entropy versus squared error: the same start under both losses."""

from __future__ import annotations

import streamlit as st

from logreg_viz.choices import LOSS_LABELS
from logreg_viz.state import State
from logreg_viz_components.page_components import live_chart

from ..charts import graph_payload, loss_comparison_payload
from .base import ModeView


def render(state: State) -> None:
    """The other loss's graph, then both runs side by side."""
    other = "squared" if state.loss == "cross_entropy" else "cross_entropy"
    st.subheader("Cross-entropy versus squared error, same start")
    st.caption(
        "Cross-entropy: dz = a − y. Squared error: dz = (a − y)·a(1−a) — the sigmoid's slope stays in, so where "
        "a saturates almost nothing flows back and the run crawls. Try the preset *Wrong and confident*."
    )
    st.markdown(f"**The same step with {LOSS_LABELS[other]}:**")
    args = (state.x, state.y, state.w, state.b)
    live_chart(graph_payload(*args, other, state.view, state.dx, state.presenter), key="graph_other_loss")
    payload = loss_comparison_payload(*args, state.lr, state.steps, state.pair, state.presenter)
    live_chart(payload, key="compare_losses")


VIEW = ModeView(section=render)

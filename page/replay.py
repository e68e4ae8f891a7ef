"""The loss surface in 3-D with the run's path on it."""

from __future__ import annotations

import streamlit as st

from logreg_viz.state import State
from logreg_viz_components.page_components import live_chart

from .charts import surface_payload
from .frame import section
from .session import session


def surface_anchor(state: State) -> State:
    """Where the 3-D surface's run starts: the state the controls last set. Step and Undo move along
    that run without changing the surface, so the chart is not rebuilt and its camera stays put."""
    ss = session()
    moved_by_step = ss.pop_moved_by_step()
    if ss.anchor is None or (not moved_by_step and state != ss.last_state):
        ss.anchor = state
    ss.last_state = state
    return ss.anchor  # type: ignore[return-value]


def replay(state: State) -> None:
    """The loss surface, turned as the learner likes, with the run's path."""
    st.subheader("The loss surface")
    with section("loss surface"):
        anchor = surface_anchor(state)
        st.caption(
            f"L over ({state.pair[0]}, {state.pair[1]}) with the other parameters held where this run started "
            f"(the controls' last setting, before any Step), and the path of its {anchor.steps} steps on it; "
            "the vermillion diamond marks where it starts. "
            "Drag to turn it: taking steps leaves the view where you put it."
        )
        anchor_args = (anchor.x, anchor.y, anchor.w, anchor.b, anchor.lr, anchor.steps, anchor.loss)
        live_chart(surface_payload(*anchor_args, state.pair), key="surface")

"""Export: the run as CSV and the animation as an offline HTML page, each made once per run and shared;
PNGs are made by the learner's own browser (each chart's camera button), so no export starts anything
on the server."""

from __future__ import annotations

import streamlit as st

from logreg_viz import export
from logreg_viz.figures import make_animation_figure
from logreg_viz.state import State

from .charts import run_history


@st.cache_data(max_entries=32, show_spinner=False)
def history_csv_text(x: tuple, y: float, w: tuple, b: float, lr: float, steps: int, loss: str) -> str:
    """The run's history as CSV, made once per run for every session that asks."""
    return export.history_csv(run_history(x, y, w, b, lr, steps, loss))


@st.cache_resource(max_entries=8, show_spinner=False)
def animation_figure(x: tuple, y: float, w: tuple, b: float, lr: float, steps: int, loss: str, view: str, pair: tuple):
    """The animated figure for a run; never mutated once built, so sessions can share it."""
    return make_animation_figure(run_history(x, y, w, b, lr, steps, loss), view, pair)


@st.cache_resource(max_entries=4, show_spinner=False)
def animation_html_text(x: tuple, y: float, w: tuple, b: float, lr: float, steps: int, loss: str, view: str, pair):
    """The animation as one offline HTML file (plotly.js inside, ~5 MB), made once per run and shared."""
    return export.animation_html(animation_figure(x, y, w, b, lr, steps, loss, view, pair), "logreg-viz animation")


def export_buttons(state: State, args: tuple) -> None:
    """Two downloads, made only when clicked; `args` is the run's (x, y, w, b, lr, steps, loss)."""
    with st.expander("Export: history as CSV, animation as HTML, figures as PNG"):
        c1, c2, c3 = st.columns([1, 1.4, 2.6])
        c1.download_button(
            "History (CSV)",
            lambda: history_csv_text(*args),
            "logreg-viz-history.csv",
            "text/csv",
            key="export_csv",
            on_click="ignore",
        )
        c2.download_button(
            "Animation (HTML, plays offline)",
            lambda: animation_html_text(*args, state.view, state.pair),
            "logreg-viz-animation.html",
            "text/html",
            key="export_html",
            on_click="ignore",
        )
        c3.caption(
            "PNG: the camera button at the top right of each chart saves it as it is shown (a paused frame "
            "of the animation too), drawn by your own browser."
        )

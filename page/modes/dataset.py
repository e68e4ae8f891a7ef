"""Many examples: built-in data sets or the learner's own; full-batch and stochastic descent side by side."""

from __future__ import annotations

import numpy as np
import streamlit as st

from logreg_viz.datasets import Dataset, DatasetError, builtin, read_csv, with_point
from logreg_viz.display import fmt
from logreg_viz.state import DATA_CHOICES, State
from logreg_viz.text import plural, quote
from logreg_viz_components.page_components import clicked_point, live_chart

from ..charts import dataset_payload, dataset_runs
from ..frame import log
from ..session import session
from .base import ModeView

MAX_DATASET_STEPS = 300  # the data-set animation's frames, whatever K says


def current_dataset(state: State) -> Dataset:
    """The learner's own data if they loaded or added some, else the built-in set the URL names."""
    own = session().own_data
    return own if own is not None else builtin(state.data)


def on_data_choice() -> None:
    """A built-in set picked: it replaces the learner's own data."""
    session().forget_own_data()


def on_upload() -> None:
    """Read an uploaded CSV whole, or keep the data there was and say what is wrong."""
    ss = session()
    upload = st.session_state.get("upload")
    if upload is None:
        return
    name = quote(upload.name, 60)
    try:
        ss.own_data = data = read_csv(upload.getvalue(), "your data")
        ss.say_data("success", f"Loaded {plural(len(data.y), 'example')} from {name}.")
    except DatasetError as err:
        ss.say_data("error", f"{name} was not loaded — {err}. The previous data is kept.")
    except Exception:  # read_csv raises only DatasetError; should that ever fail, the section must not
        log.exception("reading an uploaded file failed")
        ss.say_data("error", f"{name} could not be read as CSV. The previous data is kept.")


def add_point(x1: float, x2: float, label: int) -> None:
    """Add one example to the data on screen (it becomes the learner's own), or say why not."""
    ss = session()
    base = ss.own_data or builtin(st.session_state.get("data", "separable"))
    try:
        ss.own_data = with_point(base, x1, x2, label)
    except DatasetError as err:
        ss.say_data("error", f"The point was not added — {err}.")
        return
    ss.say_data("success", f"Added ({x1:g}, {x2:g}) with y = {label}.")


def on_add_point() -> None:
    ss = st.session_state
    add_point(float(ss.point_x1), float(ss.point_x2), int(ss.point_y))


def on_plane_click() -> None:
    """A click on the data plane adds a point there, labelled as the radio beside the chart says."""
    point = clicked_point("dataset")
    if point is None:
        session().say_data("error", "That click did not land on a point of the plane; nothing added.")
        return
    x1, x2 = (round(v, 2) for v in point)
    add_point(x1, x2, int(st.session_state.get("click_label", 1)))


def data_controls() -> None:
    """Pick a built-in set, upload a CSV, or type a point in."""
    c1, c2, c3 = st.columns([1.2, 1.6, 1.6])
    c1.selectbox(
        "data set",
        DATA_CHOICES,
        key="data",
        on_change=on_data_choice,
        help="Built-in sets; your own data (uploaded or added) replaces them until you pick one again.",
    )
    c2.file_uploader("or your own CSV (columns x1, x2, …, y)", type=["csv"], key="upload", on_change=on_upload)
    with c3.form("add_point", clear_on_submit=False, border=False):
        p1, p2, p3 = st.columns(3)
        p1.number_input("x1", -100.0, 100.0, 0.0, 0.5, key="point_x1")
        p2.number_input("x2", -100.0, 100.0, 0.0, 0.5, key="point_x2")
        p3.selectbox("y", [0, 1], key="point_y")
        st.form_submit_button("Add this point", on_click=on_add_point)


def render(state: State) -> None:
    """The data, its two runs animated, and what each run ended at."""
    st.subheader("Many examples: full-batch versus stochastic descent")
    data_controls()
    if message := session().pop_data_message():
        (st.success if message[0] == "success" else st.error)(message[1])
    data = current_dataset(state)
    if session().own_data is not None:
        st.caption(
            f"Your data: {plural(len(data.y), 'example')}, {plural(data.n, 'feature')} "
            "(kept for this session, not in the link)."
        )
    e1, e2 = st.columns([1.2, 3.2])
    example = e1.number_input("single-example surface: example", 1, len(data.y), 1, key="example_no") - 1
    clickable = data.n == 2
    if clickable:
        e2.radio(
            "a click on the data plane (top left) adds a point with",
            [1, 0],
            format_func=lambda v: f"y = {v} ({'blue' if v else 'orange'})",
            horizontal=True,
            key="click_label",
        )
    steps = min(state.steps, MAX_DATASET_STEPS)
    runs = dataset_runs(data.X, data.y, state.lr, steps, state.loss, 0)
    divergence(state, runs)
    payload = dataset_payload(data.X, data.y, state.lr, steps, state.loss, int(example), clickable, state.presenter)
    live_chart(payload, key="dataset", on_click=on_plane_click if clickable else None)
    st.caption(
        "Full batch: every step uses dw = Xᵀ(a − y)/m, the average over all examples. Stochastic: each step uses "
        "one example (ringed), as in the lecture: cheaper, noisier. "
        f"Final average loss — full batch {fmt(float(runs['batch'].loss[-1]))}, "
        f"stochastic {fmt(float(runs['sgd'].loss[-1]))}."
    )


def divergence(state: State, runs: dict) -> None:
    """The divergence story of the data-set mode, told as for one example: which run overflowed, from which step."""
    where = []
    for name, h in runs.items():
        broken = h.diverged | ~np.isfinite(h.loss)
        if broken.any():
            where.append(f"{'full batch' if name == 'batch' else 'stochastic'} from step {int(np.argmax(broken))}")
    if where:
        st.error(
            f"**Diverged** ({', '.join(where)}). With α = {state.lr:g} the steps overflow float64: the average loss "
            "(and, further on, the parameters) are ∞ from there, so the loss curve and the paths end at the last "
            "finite step. Lower the learning rate.",
            icon="🛑",
        )


VIEW = ModeView(section=render)

"""The page's cached computations: histories and the charts' payloads, pure functions of their
arguments, so every session asking for the same run shares one result. Every payload carries its
chart's text alternative (`logreg_viz.describe`), made from the same numbers as the figure.

Figure builders are called through their modules (`surface3d.surface_spec`, not a name bound at
import), so what a test or a reload puts in the module is what the page draws with.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import orjson
import streamlit as st

from logreg_viz import History, batch_descend, descend, describe, forward_backward, stepthrough, stochastic_descend
from logreg_viz.branches import branched_runs
from logreg_viz.figures import animation, compare, dataset, graph, lesson_head, runs, surface3d
from logreg_viz.figures.arrangements import arrangements
from logreg_viz.figures.graph_text import moving_texts
from logreg_viz.mathml import mathml
from logreg_viz.reveal import Reveal
from logreg_viz_components.payload import figure_payload, plain

# The one plotly.js button kept: a PNG of the chart as shown, made in the learner's own browser.
PLOT_CONFIG = {
    "displayModeBar": True,
    "modeBarButtons": [["toImage"]],
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "filename": "logreg-viz", "scale": 2},
    "scrollZoom": False,
}


@st.cache_data(max_entries=256, show_spinner=False)
def run_history(x: tuple, y: float, w: tuple, b: float, lr: float, steps: int, loss: str) -> History:
    """K single-example steps from the state shown (pure: same arguments, same history)."""
    return descend(list(x), y, list(w), b, lr=lr, steps=steps, loss=loss)


@st.cache_resource(max_entries=128, show_spinner=False)
def lesson_payload(
    run: tuple, view: str, pair: tuple, dx: bool, presenter: bool, phase: int, hidden: frozenset, closed: bool = False
):
    """The lesson figure as the bytes the browser gets, serialised once for every session: the run
    `run` = (x, y, w, b, lr, steps, loss) played, the graph as phase `phase` of the step-through
    shows it, the derivatives in `hidden` kept back (and then nothing played; nor when `closed`: a
    class is predicting where the parameters go)."""
    closed = closed or bool(hidden)
    x, y, w, b, lr, _, loss = run
    history = run_history(*run)
    p = forward_backward(list(x), y, list(w), b, loss, view)
    walk = stepthrough.phases(p, list(x), y, list(w), b, lr, dx)
    every = stepthrough.reveals(walk, p.graph, dx)
    reveal = replace(every[min(phase, len(walk))], secret=hidden)
    highlight = walk[phase - 1].node if 0 < phase <= len(walk) else None
    spec = animation.animation_spec(
        history, view, pair, reveal, highlight, every, playable=not closed, presenter=presenter, dx=dx
    )
    rings = spec.pop("rings")
    if closed:  # no run to go through: the head shows this phase, and what came before it
        spec["lesson"] = {
            "walk": [{"title": phase.title, "node": phase.node} for phase in walk],
            "walks": {"0": {"formulas": [mathml(ph.latex) if i < phase else None for i, ph in enumerate(walk)]}},
            "rows": [],
        }
    else:
        rows = animation.frame_rows(history.steps)
        spec["lesson"] = lesson_head.lesson_head(history, rows, view, dx, walk, p.graph) | {"rings": rings}
    words = describe.graph_description(p.graph, hidden, highlight, dx)
    if not closed:  # the run tells where the parameters go: not while a quiz keeps its answers
        words += " " + describe.animation_description(history, pair)
    return figure_payload(spec, PLOT_CONFIG, description=words)


@st.cache_resource(max_entries=64, show_spinner=False)
def undo_frame(run: tuple, view: str, pair: tuple, dx: bool) -> dict:
    """The first row of the run `run` = (x, y, w, b, lr, steps, loss) as a frame's data (every number
    shown), plain JSON values: what the lesson head shows at once on Undo, the state before the last
    Step or Take K, until the server's own payload for it arrives."""
    history = run_history(*run)
    texts = moving_texts(animation.graph_at(history, 0, view), Reveal(dx=dx))
    return {"data": orjson.loads(orjson.dumps(animation.moving_data(history, 0, texts, pair), default=plain))}


@st.cache_resource(max_entries=64, show_spinner=False)
def graph_payload(x: tuple, y: float, w: tuple, b: float, loss: str, view: str, dx: bool, presenter: bool):
    """The graph of one example, laid out for every width the page may give it, as the browser gets it."""
    p = forward_backward(list(x), y, list(w), b, loss, view)
    sizings = tuple(a.sizing for a in arrangements(presenter))
    words = describe.graph_description(p.graph, frozenset(), None, dx)
    return figure_payload(graph.graph_spec(p.graph, sizings=sizings, dx=dx), PLOT_CONFIG, description=words)


@st.cache_resource(max_entries=64, show_spinner=False)
def loss_comparison_payload(
    x: tuple, y: float, w: tuple, b: float, lr: float, steps: int, pair: tuple, presenter: bool
):
    """Both losses' runs from the same start, side by side, as the browser gets them."""
    both = {loss: run_history(x, y, w, b, lr, steps, loss) for loss in ("cross_entropy", "squared")}
    words = describe.loss_comparison_description(both, pair)
    return figure_payload(compare.loss_comparison_spec(both, pair, presenter), PLOT_CONFIG, description=words)


@st.cache_data(max_entries=64, show_spinner=False)
def dataset_runs(X: np.ndarray, y: np.ndarray, lr: float, steps: int, loss: str, seed: int) -> dict:
    """Full-batch and stochastic descent from w = 0, b = 0, the same number of steps."""
    w0 = [0.0] * X.shape[1]
    return {
        "batch": batch_descend(X, y, w0, 0.0, lr=lr, steps=steps, loss=loss),
        "sgd": stochastic_descend(X, y, w0, 0.0, lr=lr, steps=steps, seed=seed, loss=loss),
    }


@st.cache_resource(max_entries=64, show_spinner=False)
def dataset_payload(
    X: np.ndarray, y: np.ndarray, lr: float, steps: int, loss: str, example: int, clickable: bool, presenter: bool
):
    """Batch and stochastic descent on a data set, animated, as the browser gets it."""
    runs = dataset_runs(X, y, lr, steps, loss, 0)
    figure = dataset.dataset_spec(X, y, runs, example, loss, presenter)
    words = describe.dataset_description(X, y, runs, example)
    return figure_payload(figure, PLOT_CONFIG, ("xaxis", "yaxis") if clickable else None, words)


@st.cache_resource(max_entries=64, show_spinner=False)
def surface_payload(x: tuple, y: float, w: tuple, b: float, lr: float, steps: int, loss: str, pair: tuple):
    """The 3-D surface for a run as the browser gets it; unchanged inputs give the very same bytes,
    so the chart is left alone and its camera stays."""
    history = run_history(x, y, w, b, lr, steps, loss)
    words = describe.surface_description(history, pair)
    return figure_payload(surface3d.surface_spec(history, pair), PLOT_CONFIG, description=words)


def branches(x: tuple, y: float, w: tuple, b: float, lr: float, steps: int, loss: str, branch_list: tuple) -> list:
    """The main run and its branches, each history from the shared cache."""
    return branched_runs(x, y, w, b, lr, steps, loss, branch_list, run=run_history)


@st.cache_resource(max_entries=64, show_spinner=False)
def runs_payload(
    x: tuple, y: float, w: tuple, b: float, lr: float, steps: int, loss: str, branch_list: tuple, pair, presenter: bool
):
    """The overlaid runs as the browser gets them."""
    overlaid = branches(x, y, w, b, lr, steps, loss, branch_list)
    words = describe.runs_description(overlaid, pair)
    return figure_payload(runs.runs_spec(overlaid, pair, presenter), PLOT_CONFIG, description=words)

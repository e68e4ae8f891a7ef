"""logreg-viz: the explorer page. `streamlit run app.py`

Everything shown comes from `logreg_viz`; this page only lays it out, keeps the state in the URL,
and remembers the steps taken so Undo can go back.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import sys
import time
from dataclasses import replace

import numpy as np
import streamlit as st
from logreg_viz_components.page_components import LINK_MAX_FIELDS, clicked_point, dropped_link, link_check, live_chart
from logreg_viz_components.payload import figure_payload

from logreg_viz import History, batch_descend, descend, forward_backward, stochastic_descend
from logreg_viz.datasets import Dataset, DatasetError, builtin, read_csv, with_point
from logreg_viz.display import fmt
from logreg_viz.export import animation_html, history_csv
from logreg_viz.figures import make_animation_figure
from logreg_viz.figures.animation import animation_spec
from logreg_viz.figures.compare import loss_comparison_spec
from logreg_viz.figures.dataset import dataset_spec
from logreg_viz.figures.graph import graph_spec
from logreg_viz.figures.runs import runs_spec
from logreg_viz.figures.surface3d import surface_spec
from logreg_viz.nudge import nudge_table
from logreg_viz.quiz import is_close, parse_guess
from logreg_viz.safety import safety_problems
from logreg_viz.state import (
    DATA_CHOICES,
    EPS_CHOICES,
    LOSS_LABELS,
    LR_RANGE,
    MAX_BRANCHES,
    MAX_N,
    MAX_PAGE_STEPS,
    MODE_LABELS,
    PRESETS,
    VALUE_RANGE,
    VIEW_LABELS,
    State,
    default_pair,
    param_names,
)
from logreg_viz.stepthrough import phases
from logreg_viz.text import plural, quote
from logreg_viz.undo import UndoHistory
from logreg_viz.url import parse_query_params, to_query_params
from logreg_viz.verdict import verdict

# The one plotly.js button kept: a PNG of the chart as shown, made in the learner's own browser.
PLOT_CONFIG = {
    "displayModeBar": True,
    "modeBarButtons": [["toImage"]],
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "filename": "logreg-viz", "scale": 2},
    "scrollZoom": False,
}
# Static page CSS (no user data ever reaches it): less padding around the main column, so the graph
# gets the width it needs at 1280×720 and the first chart shows without scrolling on a projector.
PAGE_CSS = """<style>
[data-testid="stMainBlockContainer"] {padding: 1.5rem 1.5rem 3rem 1.5rem; max-width: none;}
</style>"""
# Presenter mode: type that reads from the back of a room (the charts' own text is set in px).
PRESENTER_CSS = """<style>
[data-testid="stMain"] {font-size: 1.3rem;}
[data-testid="stMain"] h1 {font-size: 2.6rem;}
[data-testid="stMain"] .katex {font-size: 1.6em;}
[data-testid="stMain"] button p {font-size: 1.25rem;}
</style>"""
SECTION_FAILED = "could not be drawn for these settings"

log = logging.getLogger("logreg_viz.app")
if not log.handlers:  # the teacher's console: a failed section's traceback, with the time
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(_handler)
    log.propagate = False


@contextlib.contextmanager
def section(what: str):
    """A part of the page that fails alone: the learner reads a short message and the rest of the page
    still works; the traceback goes to the server's log for the teacher, never to the page.
    (Streamlit's rerun and stop signals are BaseExceptions and pass through.)"""
    try:
        yield
    except Exception:
        log.exception("the %s failed", what)
        st.error(
            f"The {what} {SECTION_FAILED} — the rest of the page still works. Try other settings or "
            "Reset; the details are in the server's log.",
            icon="🧯",
        )


@st.cache_resource(show_spinner=False)
def settings_problems() -> tuple[str, ...]:
    """The classroom settings in force that differ from the README's promises: checked and logged once."""
    problems = tuple(safety_problems(st.get_option))
    for problem in problems:
        log.warning("unsafe setting: %s (see .streamlit/config.toml and the README)", problem)
    return problems


def check_safety_settings() -> None:
    """Say on the page, to the teacher, which promised settings are not in force."""
    if problems := settings_problems():
        st.warning(
            "**This server is not set up as the README promises** — check `.streamlit/config.toml` "
            "(the server's console says if it could not be read): " + "; ".join(problems) + ".",
            icon="⚠️",
        )


# Pure, cached computations --------------------------------------------------------------------


@st.cache_data(max_entries=256, show_spinner=False)
def run_history(x: tuple, y: float, w: tuple, b: float, lr: float, steps: int, loss: str) -> History:
    """K single-example steps from the state shown (pure: same arguments, same history)."""
    return descend(list(x), y, list(w), b, lr=lr, steps=steps, loss=loss)


@st.cache_resource(show_spinner=False)
def settle_memory() -> bool:
    """Once per server process, after the first page has imported everything: move every object
    alive now (the libraries, mostly) out of the garbage collector's sight. Streamlit's full
    collection after each rerun is off (config), and Python's own full collections then scan only
    what the lessons create, a few ms instead of about 0.1 s holding up every session."""
    gc.collect()
    gc.freeze()
    return True


@st.cache_resource(max_entries=8, show_spinner=False)
def animation_figure(x: tuple, y: float, w: tuple, b: float, lr: float, steps: int, loss: str, view: str, pair: tuple):
    """The animated figure for a run; never mutated once built, so sessions can share it."""
    return make_animation_figure(run_history(x, y, w, b, lr, steps, loss), view, pair)


@st.cache_resource(max_entries=64, show_spinner=False)
def animation_payload(x: tuple, y: float, w: tuple, b: float, lr: float, steps: int, loss: str, view: str, pair: tuple):
    """The animated figure as the bytes the browser gets, serialised once for every session."""
    return figure_payload(animation_spec(run_history(x, y, w, b, lr, steps, loss), view, pair), PLOT_CONFIG)


@st.cache_resource(max_entries=128, show_spinner=False)
def graph_payload(x: tuple, y: float, w: tuple, b: float, loss: str, view: str, highlight, hidden: frozenset):
    """The graph of one example, with a node ringed and quiz answers hidden, as the browser gets it."""
    p = forward_backward(list(x), y, list(w), b, loss, view)
    return figure_payload(graph_spec(p.graph, highlight, hidden=hidden), PLOT_CONFIG)


@st.cache_resource(max_entries=64, show_spinner=False)
def loss_comparison_payload(x: tuple, y: float, w: tuple, b: float, lr: float, steps: int, pair: tuple):
    """Both losses' runs from the same start, side by side, as the browser gets them."""
    runs = {loss: run_history(x, y, w, b, lr, steps, loss) for loss in ("cross_entropy", "squared")}
    return figure_payload(loss_comparison_spec(runs, pair), PLOT_CONFIG)


@st.cache_resource(max_entries=64, show_spinner=False)
def dataset_payload(X: np.ndarray, y: np.ndarray, lr: float, steps: int, loss: str, example: int, clickable: bool):
    """Batch and stochastic descent on a data set, animated, as the browser gets it."""
    runs = dataset_runs(X, y, lr, steps, loss, 0)
    figure = dataset_spec(X, y, runs, example, loss)
    return figure_payload(figure, PLOT_CONFIG, ("xaxis", "yaxis") if clickable else None)


@st.cache_resource(max_entries=64, show_spinner=False)
def surface_payload(x: tuple, y: float, w: tuple, b: float, lr: float, steps: int, loss: str, pair: tuple):
    """The 3-D surface for a run as the browser gets it; unchanged inputs give the very same bytes,
    so the chart is left alone and its camera stays."""
    return figure_payload(surface_spec(run_history(x, y, w, b, lr, steps, loss), pair), PLOT_CONFIG)


# State: widgets, URL, undo --------------------------------------------------------------------


def write_widgets(state: State) -> None:
    """Put a state into the widgets' session keys (only from callbacks or before the widgets draw)."""
    ss = st.session_state
    ss.n = state.n
    for i in range(MAX_N):
        ss[f"x{i + 1}"] = float(state.x[i]) if i < state.n else 1.0
        ss[f"w{i + 1}"] = float(state.w[i]) if i < state.n else 0.0
    ss.y, ss.b, ss.lr, ss.steps = float(state.y), float(state.b), float(state.lr), int(state.steps)
    ss.loss, ss.view, ss.pair = state.loss, state.view, ",".join(state.pair)
    ss.mode, ss.eps, ss.presenter, ss.hide = state.mode, float(state.eps), bool(state.presenter), bool(state.hide)
    ss.runs = tuple(state.runs)
    ss.data = state.data


def read_widgets() -> State:
    """The state the widgets hold now."""
    ss = st.session_state
    n = int(ss.n)
    pair = tuple(ss.pair.split(","))
    return State(
        n=n,
        x=tuple(float(ss[f"x{i + 1}"]) for i in range(n)),
        y=float(ss.y),
        w=tuple(float(ss[f"w{i + 1}"]) for i in range(n)),
        b=float(ss.b),
        lr=float(ss.lr),
        steps=int(ss.steps),
        loss=ss.loss,
        view=ss.view,
        pair=default_pair(n, pair),  # type: ignore[arg-type]
        mode=ss.mode,
        eps=float(ss.eps),
        presenter=bool(ss.presenter),
        hide=bool(ss.hide),
        runs=tuple(ss.get("runs", ())),
        data=ss.get("data", "separable"),
    )


def init_session() -> None:
    """On a session's first run: read the URL (warning about anything unusable), start the undo list."""
    if "initialised" in st.session_state:
        return
    state, warnings = parse_query_params(st.query_params.to_dict() | _repeated_params())
    write_widgets(state)
    preset = st.query_params.get("preset")
    st.session_state.preset = preset if preset in PRESETS else "lecture"
    st.session_state.url_warnings = warnings
    st.session_state.undo = UndoHistory()
    st.session_state.phase = 0
    st.session_state.initialised = True


def reset_hidden_features() -> None:
    """The features beyond n wait at x = 1, w = 0, as a new feature starts (and as a link without them reads).

    Writing them every run also keeps their keys: Streamlit drops the state of a widget a run does not
    draw, and the controls are read before they are drawn.
    """
    ss = st.session_state
    for i in range(int(ss.n), MAX_N):
        ss[f"x{i + 1}"], ss[f"w{i + 1}"] = 1.0, 0.0


def _repeated_params() -> dict[str, list[str]]:
    """Keys given more than once in the URL, with every value (to_dict keeps only the last)."""
    return {k: st.query_params.get_all(k) for k in st.query_params if len(st.query_params.get_all(k)) > 1}


def sync_url(state: State) -> None:
    """Make the address bar reproduce this view."""
    params = to_query_params(state)
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)


def on_preset() -> None:
    name = st.session_state.preset
    if name in PRESETS:
        write_widgets(PRESETS[name].state)
        st.session_state.undo.clear()
        st.session_state.phase = 0


def on_reset() -> None:
    write_widgets(State())
    st.session_state.preset = "lecture"
    st.session_state.undo.clear()
    st.session_state.phase = 0


def on_link_dropped() -> None:
    """The browser says the link it opened was too long for the server to read at all: say so."""
    if size := dropped_link():
        fields, length = size
        st.session_state.url_warnings = [
            *st.session_state.get("url_warnings", []),
            f"the link this page was opened with has {plural(fields, 'parameter')} and {plural(length, 'character')}: "
            f"more than the server reads (at most {LINK_MAX_FIELDS:,} parameters), so all of them were ignored "
            "and the page opened on its defaults. A link the page writes has at most 20.",
        ]


def on_presenter() -> None:
    """Fold the sidebar away on entering presenter mode: the URL carries it, a reload folds it."""
    st.session_state.fold_sidebar = bool(st.session_state.presenter)


def on_resize() -> None:
    """n changed: keep the features that remain, start new ones at x = 1, w = 0, fix the surface pair."""
    n = int(st.session_state.n)
    st.session_state.pair = ",".join(default_pair(n, tuple(st.session_state.pair.split(","))))  # type: ignore[arg-type]


def take_steps(count: int) -> None:
    """Apply `count` gradient steps to the parameters; remember where they were for Undo."""
    state = read_widgets()
    h = run_history(state.x, state.y, state.w, state.b, state.lr, max(count, 1), state.loss)
    k = min(count, h.steps)
    w_new = tuple(float(v) for v in h.w[k])
    b_new = float(h.b[k])
    if not (np.isfinite(w_new).all() and np.isfinite(b_new)):
        st.session_state.step_message = (
            "That step overflows float64 (a parameter would become ∞), so it was not applied. "
            "The animation below shows what happens; lower α to go on."
        )
        return
    if max(abs(v) for v in (*w_new, b_new)) > VALUE_RANGE[1]:  # the controls could not hold it
        st.session_state.step_message = (
            f"{'That step' if k == 1 else f'Those {k} steps'} would take a parameter beyond ±{VALUE_RANGE[1]:g}, "
            "the range of the controls, so nothing was applied. The animation below shows the run; lower α to go on."
        )
        return
    st.session_state.undo.push(state.w, state.b, k)
    write_widgets(replace(state, w=w_new, b=b_new))
    st.session_state.phase = 0
    st.session_state.moved_by_step = True


def on_undo() -> None:
    """Put back the parameters from before the last Step or Take K (those that still exist if n changed)."""
    if st.session_state.undo:
        w, b, _ = st.session_state.undo.pop()
        now = read_widgets()
        w = tuple(w[i] if i < len(w) else now.w[i] for i in range(now.n))
        write_widgets(replace(now, w=w, b=b))
        st.session_state.phase = 0
        st.session_state.moved_by_step = True


# Page sections --------------------------------------------------------------------------------


def controls_ui() -> State:
    """The sidebar: a preset, every input of the example, the training settings, the views."""
    with st.sidebar:
        st.header("Controls")
        st.selectbox(
            "Preset",
            list(PRESETS),
            format_func=lambda k: PRESETS[k].label,
            key="preset",
            on_change=on_preset,
            help="A start a teacher can pick; each one tells a story.",
        )
        st.button("Reset to the lecture's example", key="reset", on_click=on_reset, width="stretch", shortcut="home")
        st.selectbox("Number of features n", list(range(1, MAX_N + 1)), key="n", on_change=on_resize)
        n = int(st.session_state.n)
        lo, hi = VALUE_RANGE
        st.subheader("The example")
        cols = st.columns(2)
        for i in range(n):
            cols[i % 2].number_input(f"x{i + 1}", lo, hi, step=0.1, format="%.4g", key=f"x{i + 1}")
        st.number_input(
            "label y",
            0.0,
            1.0,
            step=1.0,
            format="%g",
            key="y",
            help="0 or 1 as in the lecture; a soft label in between is allowed.",
        )
        st.subheader("Parameters")
        cols = st.columns(2)
        for i in range(n):
            cols[i % 2].number_input(f"w{i + 1}", lo, hi, step=0.1, format="%.4g", key=f"w{i + 1}")
        cols[n % 2].number_input("b", lo, hi, step=0.1, format="%.4g", key="b")
        st.subheader("Training")
        st.number_input("learning rate α", LR_RANGE[0], LR_RANGE[1], step=0.05, format="%.4g", key="lr")
        st.number_input("steps K", 1, MAX_PAGE_STEPS, step=10, key="steps")
        st.radio("loss", list(LOSS_LABELS), format_func=LOSS_LABELS.get, key="loss", horizontal=True)
        st.subheader("Views")
        st.radio("graph view", list(VIEW_LABELS), format_func=VIEW_LABELS.get, key="view")
        names = param_names(n)
        pairs = [f"{p},{q}" for i, p in enumerate(names) for q in names[i + 1 :]]
        st.selectbox("loss surface over", pairs, key="pair", format_func=lambda s: "(" + ", ".join(s.split(",")) + ")")
        st.subheader("Teaching")
        st.radio("mode", list(MODE_LABELS), format_func=MODE_LABELS.get, key="mode")
        if st.session_state.mode == "nudge":
            st.select_slider(
                "nudge ε",
                EPS_CHOICES,
                key="eps",
                format_func=lambda e: f"{e:g}",
                help="Large ε: the secant misses the curve. Tiny ε: rounding error takes over.",
            )
        st.toggle(
            "Presenter mode",
            key="presenter",
            on_change=on_presenter,
            help="Large type, controls folded away. Keys: s step, u undo, n / b next / back phase, "
            "p play / pause, Home reset.",
        )
    return read_widgets()


def banners(state: State, history: History) -> None:
    """Divergence, oscillation and saturation said in words above the pictures."""
    for warning in st.session_state.pop("url_warnings", []):
        st.warning(f"Link: {warning}", icon="⚠️")
    if message := st.session_state.pop("step_message", None):
        st.error(message, icon="🛑")
    if history.diverged.any():
        k = int(np.argmax(history.diverged))
        st.error(
            f"**Diverged.** With α = {state.lr:g} the update at step {k} overflows float64: the parameters are "
            "shown as ∞ from there on and stop moving. Lower the learning rate.",
            icon="🛑",
        )
    else:
        ups = int(np.sum(np.diff(history.loss) > 1e-12))
        if history.steps >= 4 and ups > history.steps // 5:
            st.warning(
                f"**The loss went up in {ups} of {history.steps} steps.** α = {state.lr:g} overshoots: "
                "each step jumps past the minimum. Try a smaller learning rate.",
                icon="↕️",
            )


def buttons_ui(state: State) -> None:
    """Step, K steps, Undo."""
    c1, c2, c3, c4 = st.columns([1, 1.3, 1, 3])
    c1.button(
        "Step",
        key="step",
        on_click=take_steps,
        args=(1,),
        type="primary",
        width="stretch",
        help="One update: w := w − α·dw, b := b − α·db (key: s)",
        shortcut="s",
    )
    c2.button(f"Take {state.steps} steps", key="steps_k", on_click=take_steps, args=(state.steps,), width="stretch")
    c3.button(
        "Undo", key="undo_btn", on_click=on_undo, disabled=not st.session_state.undo, width="stretch", shortcut="u"
    )
    undo = st.session_state.undo
    forgot = (
        f" Undo keeps the last {plural(undo.limit, 'action')}; {plural(undo.forgotten, 'older one')} cannot be undone."
        if undo.forgotten
        else ""
    )
    c4.caption(
        f"Steps taken: **{undo.steps_taken:,}**.{forgot} Blue: forward values. "
        "Vermillion: backward derivatives. Grey on each edge: its local derivative."
    )


def quiz_progress(state: State) -> dict:
    """This example's place in the quiz (reset when the example or the parameters change)."""
    ss = st.session_state
    key = (state.x, state.y, state.w, state.b, state.lr, state.loss)
    if ss.get("quiz", {}).get("key") != key:
        ss.quiz = {"key": key, "index": 0, "last": None}
    ss.setdefault("quiz_score", [0, 0])  # right, asked: for the whole session
    return ss.quiz


def quiz_hides_answers(state: State) -> bool:
    """In quiz mode with hidden values, while some are still to be predicted."""
    if state.mode != "quiz" or not state.hide:
        return False
    items = 2 * state.n + 4  # da, dz, dw1 … dwn, db, then w1 … wn, b
    return quiz_progress(state)["index"] < items


def quiz_hidden(state: State, p, items: list) -> frozenset[str]:
    """Every node whose derivative the class has not yet predicted."""
    answered = {item.node for item in items[: quiz_progress(state)["index"]] if item.kind == "backward"}
    return frozenset(n.name for n in p.graph.nodes if n.name not in answered)


def check_guess(state: State, items: list) -> None:
    """The Check button: read the typed number, mark it, move on."""
    ss = st.session_state
    progress = quiz_progress(state)
    if progress["index"] >= len(items):
        return
    item = items[progress["index"]]
    guess = parse_guess(ss.get("quiz_guess", ""))
    if guess is None:
        progress["last"] = ("unreadable", item.name, str(ss.get("quiz_guess", ""))[:200], None)
        return
    right = is_close(guess, item.value)
    ss.quiz_score[0] += int(right)
    ss.quiz_score[1] += 1
    progress["last"] = ("right" if right else "wrong", item.name, guess, item.latex)
    progress["index"] += 1


def quiz_ui(state: State, items: list) -> None:
    """Predict, then reveal: da, dz, dw, db, then the updated parameters, one at a time."""
    progress = quiz_progress(state)
    right, asked = st.session_state.quiz_score
    st.markdown(f"**Predict, then reveal** · score this session: **{right} / {asked}**")
    last = progress["last"]
    if last and last[0] == "unreadable":
        st.warning(f"{quote(last[2])} is not a number: type one such as -0.27 or 1.5e-3.")
    elif last:
        verdict, name, guess, latex = last
        if verdict == "right":
            st.success(f"Right: you said {fmt(guess)}.", icon="✅")
        else:
            st.error(f"Not quite: you said {fmt(guess)}. Here is how {name} is worked out:", icon="✖️")
        st.latex(latex)
    if progress["index"] < len(items):
        item = items[progress["index"]]
        with st.form("quiz_form", clear_on_submit=True):
            st.text_input(
                f"Question {progress['index'] + 1} of {len(items)}: {item.name} = ?",
                key="quiz_guess",
                placeholder="a number, e.g. -0.27",
            )
            st.form_submit_button("Check", on_click=check_guess, args=(state, items), type="primary")
    else:
        st.info("Every value revealed. Take the step (Step, key s) and predict the next one.", icon="🎓")
        if st.session_state.pop("quiz_hiding_animation", False):
            st.rerun(scope="app")  # the animation below kept the answers away until now: bring it back


def nudge_ui(state: State, p) -> None:
    """Beside each analytic derivative, the central difference: nudge it by ±ε, watch L move."""
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


@st.fragment
def step_through_ui(state: State) -> None:
    """The graph now, and one update walked phase by phase with the active node ringed. A fragment:
    Next and Back rerun only this part of the page."""
    with section("graph"):
        graph_and_phases(state)


def move_phase(by: int, phases_in_walk: int) -> None:
    """Back (−1) or Next (+1) through the step-through's phases, kept within 0 … the last."""
    st.session_state.phase = min(max(int(st.session_state.get("phase", 0)) + by, 0), phases_in_walk)


def graph_and_phases(state: State) -> None:
    p = forward_backward(list(state.x), state.y, list(state.w), state.b, state.loss, state.view)
    walk = phases(p, list(state.x), state.y, list(state.w), state.b, state.lr)
    ss = st.session_state
    ss.phase = min(int(ss.get("phase", 0)), len(walk))
    b1, b2, info = st.columns([1, 1, 4], vertical_alignment="center")
    # callbacks run before this rerun draws the buttons, so each one's disabled state already counts the click
    b1.button(
        "◀ Back",
        key="phase_back",
        on_click=move_phase,
        args=(-1, len(walk)),
        disabled=ss.phase == 0,
        width="stretch",
        shortcut="b",
    )
    b2.button(
        "Next ▶",
        key="phase_next",
        on_click=move_phase,
        args=(1, len(walk)),
        disabled=ss.phase == len(walk),
        width="stretch",
        help="Walk one update: forward z, a, L; backward da, dz, dw, db; then the update. (key: n)",
        shortcut="n",
    )
    if ss.phase == 0:
        info.markdown(
            f"**Step through one update** in {len(walk)} phases: forward (z, a, L), "
            "backward (da, dz, dw, db), then the update. Press Next."
        )
    else:
        phase = walk[ss.phase - 1]
        info.markdown(
            f"Phase {ss.phase} of {len(walk)} · **{phase.title}**"
            + (" — that was one step; press **Step** to apply it." if ss.phase == len(walk) else "")
        )
    if ss.phase:
        st.latex(walk[ss.phase - 1].latex)
    highlight = walk[ss.phase - 1].node if ss.phase else None
    quiz_items = [ph for ph in walk if ph.kind != "forward"] if state.mode == "quiz" else []
    hidden = quiz_hidden(state, p, quiz_items) if quiz_items and state.hide else frozenset()
    payload = graph_payload(state.x, state.y, state.w, state.b, state.loss, state.view, highlight, hidden)
    live_chart(payload, key="graph")
    if quiz_items:
        quiz_ui(state, quiz_items)
    if state.mode == "nudge":
        nudge_ui(state, p)
    if p.saturated:
        st.caption(
            f"⚠ The sigmoid is saturated: a(1−a) = {p.da_dz:.3g}, so little flows back through it — "
            "unless the loss cancels it, as cross-entropy does (dz = a − y)."
        )
    if state.view == "expanded":
        st.caption("The expanded view is wide: fold the sidebar (top left) on a small screen.")


def compare_losses_ui(state: State) -> None:
    """The same start under both losses: the other loss's graph, then both runs side by side."""
    other = "squared" if state.loss == "cross_entropy" else "cross_entropy"
    st.subheader("Cross-entropy versus squared error, same start")
    st.caption(
        "Cross-entropy: dz = a − y. Squared error: dz = (a − y)·a(1−a) — the sigmoid's slope stays in, so where "
        "a saturates almost nothing flows back and the run crawls. Try the preset *Wrong and confident*."
    )
    st.markdown(f"**The same step with {LOSS_LABELS[other]}:**")
    args = (state.x, state.y, state.w, state.b)
    live_chart(graph_payload(*args, other, state.view, None, frozenset()), key="graph_other_loss")
    payload = loss_comparison_payload(*args, state.lr, state.steps, state.pair)
    live_chart(payload, key="compare_losses")


def current_dataset(state: State) -> Dataset:
    """The learner's own data if they loaded or added some, else the built-in set the URL names."""
    own = st.session_state.get("own_data")
    return own if own is not None else builtin(state.data)


def on_upload() -> None:
    """Read an uploaded CSV whole, or keep the data there was and say what is wrong."""
    ss = st.session_state
    upload = ss.get("upload")
    if upload is None:
        return
    name = quote(upload.name, 60)
    try:
        ss.own_data = read_csv(upload.getvalue(), "your data")
        ss.data_message = ("success", f"Loaded {plural(len(ss.own_data.y), 'example')} from {name}.")
    except DatasetError as err:
        ss.data_message = ("error", f"{name} was not loaded — {err}. The previous data is kept.")
    except Exception:  # read_csv raises only DatasetError; should that ever fail, the section must not
        log.exception("reading an uploaded file failed")
        ss.data_message = ("error", f"{name} could not be read as CSV. The previous data is kept.")


def add_point(x1: float, x2: float, label: int) -> None:
    """Add one example to the data on screen (it becomes the learner's own), or say why not."""
    ss = st.session_state
    base = ss.get("own_data") or builtin(ss.get("data", "separable"))
    try:
        ss.own_data = with_point(base, x1, x2, label)
    except DatasetError as err:
        ss.data_message = ("error", f"The point was not added — {err}.")
        return
    ss.data_message = ("success", f"Added ({x1:g}, {x2:g}) with y = {label}.")


def on_add_point() -> None:
    ss = st.session_state
    add_point(float(ss.point_x1), float(ss.point_x2), int(ss.point_y))


def on_plane_click() -> None:
    """A click on the data plane adds a point there, labelled as the radio beside the chart says."""
    point = clicked_point("dataset")
    if point is None:
        st.session_state.data_message = ("error", "That click did not land on a point of the plane; nothing added.")
        return
    x1, x2 = (round(v, 2) for v in point)
    add_point(x1, x2, int(st.session_state.get("click_label", 1)))


@st.cache_data(max_entries=64, show_spinner=False)
def dataset_runs(X: np.ndarray, y: np.ndarray, lr: float, steps: int, loss: str, seed: int) -> dict:
    """Full-batch and stochastic descent from w = 0, b = 0, the same number of steps."""
    w0 = [0.0] * X.shape[1]
    return {
        "batch": batch_descend(X, y, w0, 0.0, lr=lr, steps=steps, loss=loss),
        "sgd": stochastic_descend(X, y, w0, 0.0, lr=lr, steps=steps, seed=seed, loss=loss),
    }


def dataset_ui(state: State) -> None:
    """m examples: built-in sets or the learner's own; batch and stochastic descent side by side."""
    ss = st.session_state
    st.subheader("Many examples: full-batch versus stochastic descent")
    c1, c2, c3 = st.columns([1.2, 1.6, 1.6])
    c1.selectbox(
        "data set",
        DATA_CHOICES,
        key="data",
        on_change=lambda: ss.pop("own_data", None),
        help="Built-in sets; your own data (uploaded or added) replaces them until you pick one again.",
    )
    c2.file_uploader("or your own CSV (columns x1, x2, …, y)", type=["csv"], key="upload", on_change=on_upload)
    with c3.form("add_point", clear_on_submit=False, border=False):
        p1, p2, p3 = st.columns(3)
        p1.number_input("x1", -100.0, 100.0, 0.0, 0.5, key="point_x1")
        p2.number_input("x2", -100.0, 100.0, 0.0, 0.5, key="point_x2")
        p3.selectbox("y", [0, 1], key="point_y")
        st.form_submit_button("Add this point", on_click=on_add_point)
    if message := ss.pop("data_message", None):
        (st.success if message[0] == "success" else st.error)(message[1])
    data = current_dataset(state)
    if ss.get("own_data") is not None:
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
    runs = dataset_runs(data.X, data.y, state.lr, min(state.steps, 300), state.loss, 0)
    dataset_divergence(state, runs)
    payload = dataset_payload(data.X, data.y, state.lr, min(state.steps, 300), state.loss, int(example), clickable)
    live_chart(payload, key="dataset", on_click=on_plane_click if clickable else None)
    st.caption(
        "Full batch: every step uses dw = Xᵀ(a − y)/m, the average over all examples. Stochastic: each step uses "
        "one example (ringed), as in the lecture: cheaper, noisier. "
        f"Final average loss — full batch {fmt(float(runs['batch'].loss[-1]))}, "
        f"stochastic {fmt(float(runs['sgd'].loss[-1]))}."
    )


def dataset_divergence(state: State, runs: dict) -> None:
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


def add_branch() -> None:
    ss = st.session_state
    branch = (int(ss.branch_at), float(ss.branch_lr))
    if len(ss.runs) < MAX_BRANCHES and branch not in ss.runs:
        ss.runs = (*ss.runs, branch)


def branched_runs(x: tuple, y: float, w: tuple, b: float, lr: float, steps: int, loss: str, branches: tuple) -> list:
    """The main run and, for each (step k, α) branch, a run from the main run's step k with that α."""
    main = run_history(x, y, w, b, lr, steps, loss)
    runs = [(f"main, α = {lr:g}", 0, main)]
    for k, branch_lr in branches:
        k = min(k, steps)
        start_w, start_b = tuple(float(v) for v in main.w[k]), float(main.b[k])
        if not (np.isfinite(start_w).all() and np.isfinite(start_b)):
            continue
        branch = run_history(x, y, start_w, start_b, branch_lr, steps, loss)
        runs.append((f"from step {k}, α = {branch_lr:g}", k, branch))
    return runs


@st.cache_resource(max_entries=64, show_spinner=False)
def runs_payload(x: tuple, y: float, w: tuple, b: float, lr: float, steps: int, loss: str, branches: tuple, pair):
    """The overlaid runs as the browser gets them."""
    return figure_payload(runs_spec(branched_runs(x, y, w, b, lr, steps, loss, branches), pair), PLOT_CONFIG)


def compare_runs_ui(state: State) -> None:
    """Branch from any step with another α and overlay the runs, each with a verdict."""
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
    c4.button(
        "Clear branches",
        key="clear_branches",
        on_click=lambda: st.session_state.update(runs=()),
        disabled=not state.runs,
        width="stretch",
    )
    args = (state.x, state.y, state.w, state.b, state.lr, state.steps, state.loss, state.runs)
    runs = branched_runs(*args)
    live_chart(runs_payload(*args, state.pair), key="compare_runs")
    st.table(
        {
            "run": [label for label, _, _ in runs],
            "verdict": [verdict(h) for _, _, h in runs],
            "loss at the start": [fmt(float(h.loss[0])) for _, _, h in runs],
            "loss at the end": [fmt(float(h.loss[-1])) for _, _, h in runs],
        }
    )


@st.cache_data(max_entries=32, show_spinner=False)
def history_csv_text(x: tuple, y: float, w: tuple, b: float, lr: float, steps: int, loss: str) -> str:
    """The run's history as CSV, made once per run for every session that asks."""
    return history_csv(run_history(x, y, w, b, lr, steps, loss))


@st.cache_resource(max_entries=4, show_spinner=False)
def animation_html_text(x: tuple, y: float, w: tuple, b: float, lr: float, steps: int, loss: str, view: str, pair):
    """The animation as one offline HTML file (plotly.js inside, ~5 MB), made once per run and shared."""
    return animation_html(animation_figure(x, y, w, b, lr, steps, loss, view, pair), "logreg-viz animation")


def export_ui(state: State, args: tuple) -> None:
    """The run as CSV and the animation as an offline HTML page, each made once per run; PNGs are made by
    the learner's own browser (each chart's camera button), so no export starts anything on the server."""
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


def surface_anchor(state: State) -> State:
    """Where the 3-D surface's run starts: the state the controls last set. Step and Undo move along
    that run without changing the surface, so the chart is not rebuilt and its camera stays put."""
    ss = st.session_state
    moved_by_step = ss.pop("moved_by_step", False)
    if "anchor" not in ss or (not moved_by_step and state != ss.get("last_state")):
        ss.anchor = state
    ss.last_state = state
    return ss.anchor


def main() -> None:
    init_session()  # reads the link first, so a value it accepts is in force in this very run
    presenting = bool(st.session_state.presenter)
    fold = st.session_state.pop("fold_sidebar", False) or presenting
    st.set_page_config(
        page_title="logreg-viz · one gradient step at a time",
        page_icon="📉",
        layout="wide",
        initial_sidebar_state="collapsed" if fold else "auto",
    )
    st.html(PAGE_CSS + (PRESENTER_CSS if presenting else ""))
    check_safety_settings()
    reset_hidden_features()
    # The widgets' values are in session state before they are drawn, so the charts are sent first
    # and the sidebar last: a changed control shows on the charts as early as possible.
    state = read_widgets()
    sync_url(state)
    st.title("Logistic regression, one step at a time")
    preset = PRESETS.get(st.session_state.preset, PRESETS["lecture"])
    same = replace(preset.state, view=state.view, pair=state.pair) == state
    st.caption(
        "z = w·x + b → a = σ(z) → L(a, y), then backwards: da, dz = a − y, dw = x·dz, db = dz, "
        "and the update w := w − α·dw." + (f" **{preset.label}:** {preset.story}" if same else "")
    )
    args = (state.x, state.y, state.w, state.b, state.lr, state.steps, state.loss)
    with section("step buttons"):
        history = run_history(*args)
        banners(state, history)
        buttons_ui(state)
    step_through_ui(state)
    mode_ui = {"compare_losses": compare_losses_ui, "compare_runs": compare_runs_ui, "dataset": dataset_ui}
    if state.mode in mode_ui:
        with section(MODE_LABELS[state.mode].split(" (")[0].lower() + " section"):
            mode_ui[state.mode](state)
    if quiz_hides_answers(state):
        st.session_state.quiz_hiding_animation = True
        st.info("The animation and the surface show every derivative, so they wait until the quiz is done.", icon="🙈")
    else:
        st.subheader(f"{state.steps} steps, animated")
        st.caption(
            "Play, pause or drag the slider: the graph's numbers, the point and arrows on the loss contour "
            "(vermillion: the gradient; white: the step −α·gradient), the loss curve and the decision "
            "boundary move together. Frame 0 is the state above."
        )
        with section("animation"):
            live_chart(animation_payload(*args, state.view, state.pair), key="animation")
        st.subheader("The loss surface")
        with section("loss surface"):
            anchor = surface_anchor(state)
            st.caption(
                f"L over ({state.pair[0]}, {state.pair[1]}) with the other parameters held where this run started "
                f"(the controls' last setting, before any Step), and the path of its {anchor.steps} steps on it. "
                "Drag to turn it: taking steps leaves the view where you put it."
            )
            anchor_args = (anchor.x, anchor.y, anchor.w, anchor.b, anchor.lr, anchor.steps, anchor.loss)
            live_chart(surface_payload(*anchor_args, state.pair), key="surface")
    with section("export section"):
        export_ui(state, args)
    link_check(on_link_dropped)
    controls_ui()
    settle_memory()


if os.environ.get("LOGREG_VIZ_TIMING"):  # bench/bench_browser.py reads the script's time per rerun
    _start, _cpu = time.perf_counter(), time.thread_time()  # wall clock, and this thread's own CPU
    main()
    _ms, _cpu_ms = (time.perf_counter() - _start) * 1e3, (time.thread_time() - _cpu) * 1e3
    print(f"logreg-viz script_ms={_ms:.2f} cpu_ms={_cpu_ms:.2f}", file=sys.stderr, flush=True)
else:
    main()

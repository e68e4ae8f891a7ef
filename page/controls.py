"""The sidebar: a preset, every input of the example, the training settings, the views, the mode —
and what its buttons and choices do, each through a callback."""

from __future__ import annotations

import streamlit as st

from logreg_viz.choices import LOSS_LABELS, VIEW_LABELS
from logreg_viz.modes import MODES
from logreg_viz.state import LR_RANGE, MAX_N, MAX_PAGE_STEPS, PRESETS, VALUE_RANGE, State, param_names
from logreg_viz.text import plural
from logreg_viz_components.page_components import LINK_MAX_FIELDS, dropped_link

from .class_page import sidebar_panel
from .modes import VIEWS
from .session import session
from .widgets import fix_pair, write_widgets


def on_preset() -> None:
    """A preset picked: its state on screen, a fresh start."""
    name = session().preset
    if name in PRESETS:
        write_widgets(PRESETS[name].state)
        session().restart()


def on_reset() -> None:
    """Back to the lecture's example."""
    write_widgets(State())
    ss = session()
    ss.preset = "lecture"
    ss.restart()


def on_presenter() -> None:
    """Fold the sidebar away on entering presenter mode: the URL carries it, a reload folds it."""
    session().fold_sidebar = bool(st.session_state.presenter)


def on_link_dropped() -> None:
    """The browser says the link it opened was too long for the server to read at all: say so."""
    if size := dropped_link():
        fields, length = size
        ss = session()
        ss.url_warnings = (
            *ss.url_warnings,
            f"the link this page was opened with has {plural(fields, 'parameter')} and {plural(length, 'character')}: "
            f"more than the server reads (at most {LINK_MAX_FIELDS:,} parameters), so all of them were ignored "
            "and the page opened on its defaults. A link the page writes has at most 20.",
        )


def example_inputs(n: int) -> None:
    """x and y, then w and b, each feature's field beside the next."""
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


def controls() -> None:
    """The sidebar, drawn last: its values are in session state before the run starts."""
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
        st.selectbox("Number of features n", list(range(1, MAX_N + 1)), key="n", on_change=fix_pair)
        n = int(st.session_state.n)
        example_inputs(n)
        st.subheader("Training")
        st.number_input("learning rate α", LR_RANGE[0], LR_RANGE[1], step=0.05, format="%.4g", key="lr")
        st.number_input("steps K", 1, MAX_PAGE_STEPS, step=10, key="steps")
        st.radio("loss", list(LOSS_LABELS), format_func=LOSS_LABELS.get, key="loss", horizontal=True)
        st.subheader("Views")
        st.radio("graph view", list(VIEW_LABELS), format_func=VIEW_LABELS.get, key="view")
        st.toggle(
            "Show dx1 … dxn",
            key="dx",
            help="The derivatives with respect to the inputs. The lecture leaves them out: inputs are not learned.",
        )
        names = param_names(n)
        pairs = [f"{p},{q}" for i, p in enumerate(names) for q in names[i + 1 :]]
        st.selectbox("loss surface over", pairs, key="pair", format_func=lambda s: "(" + ", ".join(s.split(",")) + ")")
        st.subheader("Teaching")
        st.radio("mode", list(MODES), format_func=lambda k: MODES[k].label, key="mode")
        if own_controls := VIEWS[st.session_state.mode].sidebar:
            own_controls()
        st.toggle(
            "Presenter mode",
            key="presenter",
            on_change=on_presenter,
            help="Large type, controls folded away. Keys: s step, u undo, n / b next / back phase, "
            "p play / pause, Home reset.",
        )
        sidebar_panel()
        keyboard_help()


KEYS = (
    "**Keyboard.** Tab moves through every control, Shift+Tab back. Outside a text field: **s** Step, "
    "**u** Undo, **n** / **b** next / back phase, **p** play / pause the animation, **Home** reset."
)


def keyboard_help() -> None:
    """The page's keys, where a learner who does not use a mouse looks for them: the animation's own
    Play, Pause and slider are drawn in SVG, out of the keyboard's reach, and p plays and pauses it."""
    st.caption(KEYS)

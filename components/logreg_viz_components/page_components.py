"""The components as the page uses them (see the package's docstring)."""

from __future__ import annotations

import functools
import math
from pathlib import Path

import streamlit as st

from .payload import figure_payload, install_plotly_js

FRONTEND = Path(__file__).with_name("frontend")
PACKAGE = "logreg-viz-components"
PLOTLY_JS_GZ = "plotly.min.js.gz"  # the name live_chart.js fetches


install_plotly_js(FRONTEND / PLOTLY_JS_GZ)


@functools.cache
def _component(name: str):
    """The component `name`, registered on first use: Streamlit resolves its file from this package's
    manifest, which it reads when the server (or an AppTest) starts, so a plain import needs no server."""
    css = FRONTEND / f"{name}.css"
    return st.components.v2.component(
        f"{PACKAGE}.{name}", js=f"{name}.js", css=css.name if css.exists() else None, isolate_styles=False
    )


def live_chart(
    figure, key: str, config: dict | None = None, on_click=None, description: str | None = None, on_frame=None
) -> None:
    """Draw `figure` (a go.Figure, a figure as plain dicts, or the bytes `figure_payload` made of one)
    under `key`; later figures under the same key update the same chart in place. `description` is
    the chart's text alternative (bytes carry their own, from `figure_payload`).

    With `on_click`, a click inside the plot area of the axes the payload names (by default the
    first pair) calls it; the data coordinates are then in `clicked_point(key)`.
    """
    if not isinstance(figure, bytes):
        figure = figure_payload(figure, config, ("xaxis", "yaxis") if on_click else None, description)
    callbacks = {"on_click_change": on_click, "on_frame_change": on_frame}
    _component("live_chart")(data=figure, key=key, **{k: v for k, v in callbacks.items() if v is not None})


def lesson_chart(payload: bytes, key: str, on_ops, on_frame=None) -> None:
    """The lesson: its head (Step, Take K, Undo, Back, Next, where the walk is, the phase's formula)
    over a live chart of `payload` (from `figure_payload`, with the head's fields added by
    `with_head`). The head answers its buttons in the browser from the run the payload holds, then
    sends them: `on_ops` is called with the list in `st.session_state[key]["ops"]`."""
    callbacks = {"on_ops_change": on_ops, "on_frame_change": on_frame}
    _component("lesson")(data=payload, key=key, **{k: v for k, v in callbacks.items() if v is not None})


def shown_frame(key: str) -> int | None:
    """The frame a live chart's run stopped at (reported to `on_frame`), or None."""
    value = st.session_state.get(key)
    frame = value.get("frame") if hasattr(value, "get") else None
    return frame if isinstance(frame, int) and not isinstance(frame, bool) and 0 <= frame <= 10**6 else None


def clicked_point(key: str) -> tuple[float, float] | None:
    """The (x, y) of the click that called a live chart's `on_click`, or None if it is not two finite numbers."""
    value = st.session_state.get(key)
    click = value.get("click") if hasattr(value, "get") else None
    try:
        x, y = float(click["x"]), float(click["y"])
    except (TypeError, KeyError, ValueError):
        return None
    return (x, y) if math.isfinite(x) and math.isfinite(y) else None


# What Streamlit reads of a link's query string: past either limit it ignores the whole string.
LINK_MAX_FIELDS = 1000
LINK_MAX_LENGTH = 512 * 1024


def link_check(on_dropped) -> None:
    """Call `on_dropped` (once per page load) if the link the page was opened with was too long to be read;
    its size is then in `dropped_link()`."""
    _component("link_check")(
        data={"maxFields": LINK_MAX_FIELDS, "maxLength": LINK_MAX_LENGTH}, key="link_check", on_link_change=on_dropped
    )


def dropped_link() -> tuple[int, int] | None:
    """(parameters, characters) of a link too long to read, as the browser reported it, if they are numbers."""
    value = st.session_state.get("link_check")
    link = value.get("link") if hasattr(value, "get") else None
    try:
        fields, length = int(link["fields"]), int(link["length"])
    except (TypeError, KeyError, ValueError):
        return None
    return (fields, length) if fields >= 0 and length >= 0 else None

"""State ⇄ widgets ⇄ URL: the one place that knows which session key holds which part of a `State`.

The widgets' session keys (`n`, `x1` … `x4`, `w1` … `w4`, `y`, `b`, `lr`, `steps`, `loss`, `view`,
`pair`, `mode`, `eps`, `presenter`, `dx`) are the page's contract with its tests; `hide`, `runs` and `data`
are kept beside them. Write only from callbacks or before the widgets draw.
"""

from __future__ import annotations

import streamlit as st

from logreg_viz.state import MAX_N, State, default_pair
from logreg_viz.url import to_query_params

from . import echo


def write_widgets(state: State) -> None:
    """Put a state into the widgets' session keys (remembered for a while: see page/echo.py)."""
    ss = st.session_state
    values = {"n": state.n}
    for i in range(MAX_N):
        values[f"x{i + 1}"] = float(state.x[i]) if i < state.n else 1.0
        values[f"w{i + 1}"] = float(state.w[i]) if i < state.n else 0.0
    values |= {"y": float(state.y), "b": float(state.b), "lr": float(state.lr), "steps": int(state.steps)}
    values |= {"loss": state.loss, "view": state.view, "pair": ",".join(state.pair), "mode": state.mode}
    values |= {"eps": float(state.eps), "presenter": bool(state.presenter), "hide": bool(state.hide)}
    values |= {"dx": bool(state.dx), "runs": tuple(state.runs), "data": state.data}
    echo.remember({key: ss[key] for key in values if key in ss}, values)
    for key, value in values.items():
        ss[key] = value


def read_widgets() -> State:
    """The state the widgets hold now (a value the server wrote, back if a stale message replaced it)."""
    echo.heal()
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
        dx=bool(ss.dx),
        runs=tuple(ss.get("runs", ())),
        data=ss.get("data", "separable"),
    )


def reset_hidden_features() -> None:
    """The features beyond n wait at x = 1, w = 0, as a new feature starts (and as a link without them reads).

    Writing them every run also keeps their keys: Streamlit drops the state of a widget a run does not
    draw, and the controls are read before they are drawn.
    """
    ss = st.session_state
    for i in range(int(ss.n), MAX_N):
        ss[f"x{i + 1}"], ss[f"w{i + 1}"] = 1.0, 0.0


def fix_pair() -> None:
    """n changed: keep the surface's pair if both its parameters remain, else the default pair."""
    ss = st.session_state
    ss.pair = ",".join(default_pair(int(ss.n), tuple(ss.pair.split(","))))  # type: ignore[arg-type]


def repeated_params() -> dict[str, list[str]]:
    """Keys given more than once in the URL, with every value (to_dict keeps only the last)."""
    return {k: st.query_params.get_all(k) for k in st.query_params if len(st.query_params.get_all(k)) > 1}


def sync_url(state: State, extra: dict[str, str] | None = None) -> None:
    """Make the address bar reproduce this view (and carry `extra`: the class's keys)."""
    params = to_query_params(state) | (extra or {})
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)

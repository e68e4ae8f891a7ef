"""K single-example steps as one animated 2-D figure that plays in the browser.

The graph's numbers, the point and arrows on the loss contour, the marker on the loss curve and
the decision boundary move together. Frames carry only the traces that change (plain dicts, which
build about twice as fast as go.Frame objects); play, pause and the scrubber need no server.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..graph import assemble
from ..single_example import History
from ..surface import loss_grid, trajectory_ranges
from . import panels
from .geometry import graph_height, graph_ranges
from .graph import CHANGING_TRACES, graph_frame_data, graph_traces
from .style import TEMPLATE, axis

MAX_FRAMES = 201  # beyond this, frames show every k-th step: the page stays light, the story the same
GRID_POINTS = 36
FRAME_MS = 20  # the browser then paints every second display frame: about 30 frames a second

# Trace indices: 0–8 graph, 9 contour, 10 path, 11 point, 12 gradient, 13 step, 14 loss, 15 loss marker,
# 16 example, 17 boundary.
GRAPH_TRACES = 9
MOVING = [*CHANGING_TRACES, 11, 12, 13, 15, 17]


def frame_rows(steps: int, max_frames: int = MAX_FRAMES) -> np.ndarray:
    """The rows of a K-step history that get a frame: all of them, or evenly spread, always 0 and K."""
    if steps + 1 <= max_frames:
        return np.arange(steps + 1)
    return np.unique(np.linspace(0, steps, max_frames).round().astype(int))


def graph_at(history: History, k: int, view: str):
    """The graph at row k of the history (no checks: `descend` made these numbers; a diverged row
    may hold ±∞)."""
    return assemble(history.x.tolist(), history.y, history.w[k].tolist(), float(history.b[k]), history.loss_name, view)


def moving_data(history: History, k: int, view: str, pair: tuple[str, str]) -> list[dict]:
    """Everything that changes at row k, in the order of MOVING."""
    return [
        *graph_frame_data(graph_at(history, k, view)),
        *panels.contour_moving(history, pair, k),
        *panels.loss_moving(history, k),
        *panels.boundary_moving(history, k),
    ]


def surface_for(history: History, pair: tuple[str, str], rows: np.ndarray, points: int = GRID_POINTS):
    """The loss over the pair, other parameters held at row 0, on ranges that hold the shown path."""
    n = history.w.shape[1]
    names = [f"w{i + 1}" for i in range(n)] + ["b"]
    i, j = names.index(pair[0]), names.index(pair[1])
    u_range, v_range = trajectory_ranges(history.params[rows], i, j)
    return loss_grid(
        history.x, history.y, history.w[0], float(history.b[0]), i, j, u_range, v_range, points, history.loss_name
    )


def playback_controls(rows: np.ndarray, frame_ms: int, y: float = -0.02) -> dict:
    """Play and Pause buttons and a step slider for frames named by `rows`, as layout entries.

    The page and an exported HTML file play and scrub with their own player (`player.py`), which
    hands the slider's steps to itself. These settings are for plotly.js's own `animate` (a
    notebook's `fig.show()`, or a frame the player leaves to plotly.js): every frame drawn whole
    (`redraw`), which puts the loss contour back after each frame. plotly.js's frames alone clear
    it (plotly.js#4491), and in its own Play it still shows blank while the run plays.
    """
    play = dict(
        frame=dict(duration=frame_ms, redraw=True), transition=dict(duration=0), fromcurrent=True, mode="immediate"
    )
    pause = dict(frame=dict(duration=0, redraw=False), transition=dict(duration=0), mode="immediate")
    steps = [
        dict(method="animate", label=str(k), args=[[str(k)], dict(mode="immediate", frame=dict(redraw=True))])
        for k in rows
    ]
    buttons = [
        dict(label="▶ Play", method="animate", args=[None, play]),
        dict(label="❚❚ Pause", method="animate", args=[[None], pause]),
    ]
    return dict(
        updatemenus=[
            dict(
                type="buttons",
                direction="left",
                x=0,
                y=y,
                xanchor="left",
                yanchor="top",
                pad=dict(t=30, r=10),
                showactive=False,
                font=dict(size=15),
                buttons=buttons,
            )
        ],
        sliders=[
            dict(
                active=0,
                x=0.2,
                len=0.8,
                y=y,
                yanchor="top",
                pad=dict(t=30),
                currentvalue=dict(prefix="step ", font=dict(size=16)),
                transition=dict(duration=0),
                steps=steps,
            )
        ],
    )


def make_animation_figure(history: History, view: str = "lecture", pair: tuple[str, str] = ("w1", "w2")) -> go.Figure:
    """The animated figure: the graph on top; contour, loss curve and decision boundary below."""
    return AnimatedFigure(animation_spec(history, view, pair))


def animation_spec(history: History, view: str = "lecture", pair: tuple[str, str] = ("w1", "w2")) -> dict:
    """The same figure as plain dicts ({data, layout, frames}), with no plotly objects built: what a
    page sends to the browser (building the go.Figure and turning it back into dicts took most of
    the page's time per change)."""
    rows = frame_rows(history.steps)
    graph0 = graph_at(history, 0, view)
    surface = surface_for(history, pair, rows)
    base = [
        *graph_traces(graph0),
        *panels.contour_static(surface, history, pair, rows),
        *panels.contour_moving_style(pair),
        *panels.loss_static(history, rows),
        dict(type="scatter", mode="markers", marker=dict(size=13, color="#009E73", line=dict(color="white", width=2))),
        *panels.boundary_static(history),
        dict(type="scatter", mode="lines", line=dict(color="#1f1f1f", width=3), hoverinfo="skip"),
    ]
    for i, trace in enumerate(base[GRAPH_TRACES:], start=GRAPH_TRACES):
        axis_no = 2 if i <= 13 else 3 if i <= 15 else 4
        trace.update(xaxis=f"x{axis_no}", yaxis=f"y{axis_no}", showlegend=False)
    for i, update in zip(MOVING, moving_data(history, 0, view, pair), strict=True):
        base[i].update(update)

    frames = [{"name": str(k), "data": moving_data(history, int(k), view, pair), "traces": MOVING} for k in rows]
    gx, gy = graph_ranges(graph0)
    (bx, by) = panels.boundary_box(history)
    graph_px = graph_height(graph0)
    height = graph_px + 420
    split = 1 - graph_px / height
    n = history.w.shape[1]
    panel_top = split - 0.09
    titles = [
        (0.14, f"L over ({pair[0]}, {pair[1]}), others held"),
        (0.51, "loss L over steps"),
        (0.87, "decision boundary" if n > 1 else "prediction a over x1"),
    ]
    layout = dict(
        template=TEMPLATE,
        height=height,
        margin=dict(l=60, r=20, t=10, b=70),
        xaxis=dict(visible=False, range=gx, fixedrange=True, domain=[0, 1]),
        yaxis=dict(visible=False, range=gy, fixedrange=True, domain=[split, 1]),
        xaxis2=axis(pair[0], anchor="y2", domain=[0, 0.29], range=[float(surface.u[0]), float(surface.u[-1])]),
        yaxis2=axis(pair[1], anchor="x2", domain=[0, panel_top], range=[float(surface.v[0]), float(surface.v[-1])]),
        xaxis3=axis("step", anchor="y3", domain=[0.37, 0.65], range=[-0.5, history.steps + 0.5]),
        yaxis3=axis("L", anchor="x3", domain=[0, panel_top], **panels.loss_range(history.loss[rows])),
        xaxis4=axis("x1", anchor="y4", domain=[0.73, 1], range=bx),
        yaxis4=axis("x2" if n > 1 else "a", anchor="x4", domain=[0, panel_top], range=by if n > 1 else [-0.05, 1.05]),
        annotations=[
            dict(
                text=t,
                x=x,
                y=panel_top + 0.015,
                xref="paper",
                yref="paper",
                showarrow=False,
                yanchor="bottom",
                font=dict(size=15),
            )
            for x, t in titles
        ],
        **playback_controls(rows, FRAME_MS),
    )
    return {"data": base, "layout": layout, "frames": frames}


class AnimatedFigure(go.Figure):
    """A go.Figure whose frames stay plain dicts until it is serialised.

    Plotly validates every frame and trace it is given, which took most of the build time of a
    100-step animation; everything here is built from checked numbers by this module (and the
    browser tests draw it), so the check is skipped: 15 ms → 8 ms a build.
    `frame_dicts` holds them; `to_dict()` (which st.plotly_chart and plotly.io use) includes them.
    """

    def __init__(self, spec: dict) -> None:
        """`spec`: the figure as plain dicts, {data, layout, frames}."""
        super().__init__(data=spec["data"], layout=spec["layout"], _validate=False)
        self._frame_dicts = spec["frames"]

    @property
    def frame_dicts(self) -> list[dict]:
        """The animation frames: name, data (only the moving traces) and the indices they update."""
        return self._frame_dicts

    def to_dict(self) -> dict:
        """The figure as a dict, frames included."""
        figure = super().to_dict()
        figure["frames"] = self._frame_dicts
        return figure

    def to_plotly_json(self) -> dict:
        """What plotly.io serialises: the same as to_dict."""
        return self.to_dict()

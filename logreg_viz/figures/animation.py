"""K single-example steps as one animated 2-D figure that plays in the browser.

The graph's numbers, the point and arrows on the loss contour, the marker on the loss curve and
the decision boundary move together. Frames carry only the traces that change, found by their role
(`meta`); plotly.js's own Play, Pause and slider play them with `redraw: false`, and the loss
contour, drawn as filled scatter polygons, stays drawn. No server is needed to play.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..graph import assemble
from ..single_example import History
from ..surface import loss_grid, param_names, trajectory_ranges
from . import panels
from .geometry import graph_height, graph_ranges
from .graph import CHANGING, graph_frame_data, graph_traces
from .style import TEMPLATE, axis

MAX_FRAMES = 201  # beyond this, frames show every k-th step: the page stays light, the story the same
GRID_POINTS = 36
FRAME_MS = 20  # the browser then paints every second display frame: about 30 frames a second

# The traces a frame changes, by role (`meta`), in the order `moving_data` gives them.
MOVING = (*CHANGING, "point", "gradient", "step", "loss marker", "boundary")
# The lower panels' roles, by the axes they are drawn on.
PANEL_AXES = {
    "loss contour": 2,
    "path": 2,
    "point": 2,
    "gradient": 2,
    "step": 2,
    "loss curve": 3,
    "overflow step": 3,
    "loss marker": 3,
}


def role_indices(data: list[dict], roles: tuple[str, ...]) -> list[int]:
    """The index in `data` of the (first) trace with each role, in the order of `roles`."""
    found = [trace.get("meta") for trace in data]
    return [found.index(role) for role in roles]


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
    names = param_names(history.w.shape[1])
    i, j = names.index(pair[0]), names.index(pair[1])
    u_range, v_range = trajectory_ranges(history.params[rows], i, j)
    return loss_grid(
        history.x, history.y, history.w[0], float(history.b[0]), i, j, u_range, v_range, points, history.loss_name
    )


def playback_controls(rows: np.ndarray, frame_ms: int, y: float = -0.02) -> dict:
    """Play and Pause buttons and a step slider for frames named by `rows`, as layout entries.

    They are plotly.js's own, the same in the page, an exported HTML file and a notebook's
    `fig.show()`. Frames are drawn with `redraw: false`: only the traces a frame names are redrawn,
    which is fast, and needs every figure that animates to draw what stays as scatter traces.
    """
    play = dict(
        frame=dict(duration=frame_ms, redraw=False), transition=dict(duration=0), fromcurrent=True, mode="immediate"
    )
    pause = dict(frame=dict(duration=0, redraw=False), transition=dict(duration=0), mode="immediate")
    still = dict(mode="immediate", frame=dict(duration=0, redraw=False), transition=dict(duration=0))
    steps = [dict(method="animate", label=str(k), args=[[str(k)], still]) for k in rows]
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
    return go.Figure(animation_spec(history, view, pair))


def animation_spec(history: History, view: str = "lecture", pair: tuple[str, str] = ("w1", "w2")) -> dict:
    """The same figure as plain dicts ({data, layout, frames}), with no plotly objects built: what a
    page sends to the browser (building the go.Figure and turning it back into dicts took most of
    the page's time per change). `go.Figure` of it is `make_animation_figure`, the same JSON."""
    rows = frame_rows(history.steps)
    graph0 = graph_at(history, 0, view)
    surface = surface_for(history, pair, rows)
    lower = [
        *panels.contour_static(surface, history, pair, rows),
        *panels.contour_moving_style(pair),
        *panels.loss_static(history, rows),
        dict(
            type="scatter",
            meta="loss marker",
            mode="markers",
            marker=dict(size=13, color="#009E73", line=dict(color="white", width=2)),
        ),
        *panels.boundary_static(history),
        dict(type="scatter", meta="boundary", mode="lines", line=dict(color="#1f1f1f", width=3), hoverinfo="skip"),
    ]
    for trace in lower:
        axis_no = PANEL_AXES.get(trace["meta"], 4)  # the decision boundary's panel: the example and its boundary
        trace.update(xaxis=f"x{axis_no}", yaxis=f"y{axis_no}", showlegend=False)
    base = [*graph_traces(graph0), *lower]
    moving = role_indices(base, MOVING)
    for i, update in zip(moving, moving_data(history, 0, view, pair), strict=True):
        base[i].update(update)

    frames = [{"name": str(k), "data": moving_data(history, int(k), view, pair), "traces": moving} for k in rows]
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
        shapes=panels.contour_layer(surface),
        **playback_controls(rows, FRAME_MS),
    )
    return {"data": base, "layout": layout, "frames": frames}

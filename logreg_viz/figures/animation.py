"""The lesson in one figure: the computation graph, the loss contour with the gradient, the loss over
steps and the decision boundary; K single-example steps play in it, in the browser.

The graph's numbers, the point and arrows on the loss contour, the marker on the loss curve and
the decision boundary move together. Frames carry only the traces that change, found by their role
(`meta`); plotly.js's own Play, Pause and slider play them with `redraw: false`, and the loss
contour, drawn as layout shapes, stays drawn. No server is needed to play.

The same figure shows one step walked phase by phase (`Reveal`): frame 0 as the step-through has
it, the frames as the run goes. It is laid out for several widths (`variants`): the page draws the
one that fits its column (`arrangements` says which and how).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..graph import assemble
from ..single_example import History
from ..surface import loss_grid, param_names, trajectory_ranges
from . import panels
from .arrangements import Arrangement, arrangements
from .graph import CHANGING, Reveal, graph_axes, graph_traces, layout_for, measure
from .graph_text import EVERYTHING, moving_texts
from .grid import Grid, controls_px, domains, padded, panel_axis, placed, slider_x, titled_panels
from .lesson_head import rings
from .playback import FRAME_MS, frame_rows, playback_controls, role_indices
from .style import TEMPLATE
from .variants import variant_patch

GRID_POINTS = 36

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


def graph_at(history: History, k: int, view: str):
    """The graph at row k of the history (no checks: `descend` made these numbers; a diverged row
    may hold ±∞)."""
    return assemble(history.x.tolist(), history.y, history.w[k].tolist(), float(history.b[k]), history.loss_name, view)


def moving_data(history: History, k: int, texts: list[list[str]], pair: tuple[str, str]) -> list[dict]:
    """Everything that changes at row k, in the order of MOVING; `texts` are the graph's at k."""
    return [
        *({"text": t} for t in texts),
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


def make_animation_figure(history: History, view: str = "lecture", pair: tuple[str, str] = ("w1", "w2")) -> go.Figure:
    """The animated figure for a notebook or a file: the graph, contour, loss curve and decision boundary."""
    spec = animation_spec(history, view, pair)
    return go.Figure({key: spec[key] for key in ("data", "layout", "frames")})  # not its variants nor rings


def _panel_axes(history: History, surface, pair: tuple[str, str], rows: np.ndarray, tick: int) -> dict:
    n = history.w.shape[1]
    (bx, by) = panels.boundary_box(history)
    loss = panels.loss_range(history.loss[rows])
    if "range" in loss:
        loss = dict(range=padded(*loss["range"]))
    return dict(
        xaxis2=panel_axis(pair[0], tick, anchor="y2", range=padded(float(surface.u[0]), float(surface.u[-1]))),
        yaxis2=panel_axis(pair[1], tick, anchor="x2", range=padded(float(surface.v[0]), float(surface.v[-1]))),
        xaxis3=panel_axis("step", tick, anchor="y3", range=[-0.02 * history.steps - 0.5, 1.02 * history.steps + 0.5]),
        yaxis3=panel_axis("L", tick, anchor="x3", **loss),
        xaxis4=panel_axis("x1", tick, anchor="y4", range=padded(*bx, 0.08)),
        yaxis4=panel_axis("x2" if n > 1 else "a", tick, anchor="x4", range=padded(*by, 0.08) if n > 1 else [-0.1, 1.1]),
    )


def arranged(where, arrangement: Arrangement, pair: tuple[str, str], n: int, playable: bool) -> dict:
    """The layout entries that place the graph and the panels for one arrangement (px → paper)."""
    f, tick = arrangement.sizing.font, arrangement.tick
    bands = Grid(tick, 1)  # a panel's title above it, its ticks and axis title below, its y labels left
    title_px, ticks_px, left_px = bands.title_px, bands.ticks_px, bands.left_px
    controls = controls_px(f) if playable else 10
    graph_w, graph_h = where.width, where.height
    titles = [
        f"L over ({pair[0]}, {pair[1]}), others held",
        "loss L over steps",
        "decision boundary" if n > 1 else "prediction a over x1",
    ]
    boxes: list[tuple[float, float, float, float]] = []  # per panel: (left, right, top, bottom) in px of the plot area
    if arrangement.panels == "side":
        column = max(300.0, 16 * tick)
        width = graph_w + left_px + column
        panel_h = max(150.0, 11.5 * tick)
        right_h = 2 * (title_px + panel_h + ticks_px)
        under_h = title_px + panel_h + ticks_px
        height = max(right_h, graph_h + under_h)
        x0 = graph_w + left_px
        boxes = [
            (x0, width, title_px, title_px + panel_h),
            (x0, width, 2 * title_px + panel_h + ticks_px, 2 * title_px + 2 * panel_h + ticks_px),
            (left_px, min(graph_w, left_px + 1.6 * panel_h), graph_h + title_px, graph_h + title_px + panel_h),
        ]
        graph_box = (0.0, graph_w, 0.0, graph_h)
    else:
        width = max(graph_w, 300.0)
        panel_h = min(320.0, 0.8 * (width - left_px))
        height = graph_h
        for _ in range(3):
            boxes.append((left_px, width, height + title_px, height + title_px + panel_h))
            height += title_px + panel_h + ticks_px
        graph_box = (0.0, graph_w, 0.0, graph_h)

    gx, gy = graph_axes(where, *domains(graph_box, width, height))
    out: dict = {"xaxis": gx, "yaxis": gy}
    out |= titled_panels(dict(zip(("2", "3", "4"), boxes, strict=True)), titles, width, height, title_px, bands.title)
    out["height"] = round(height + controls + 16)
    out["margin"] = dict(l=0, r=6, t=6, b=controls + 10)
    out["min_width"] = round(width + 6)
    out["slider_x"] = slider_x(f, width)
    return out


def animation_spec(
    history: History,
    view: str = "lecture",
    pair: tuple[str, str] = ("w1", "w2"),
    reveal: Reveal = EVERYTHING,
    highlight: str | None = None,
    phases: tuple[Reveal, ...] = (),
    playable: bool = True,
    presenter: bool = False,
    dx: bool = True,
) -> dict:
    """The lesson figure as plain dicts ({data, layout, frames, variants}), no plotly objects built:
    what a page sends. `reveal` is what the graph shows now (with `highlight` ringed); `phases`, every
    other way the page may show it, so its boxes hold them all; `playable`: frames and Play, or
    neither (a quiz keeping its answers). `variants` lay the same figure out for narrower columns
    (`arrangements`): each the layout entries and graph traces that differ from the first; `rings`,
    per variant, the ring around each node as `highlight` would draw it."""
    rows = frame_rows(history.steps) if playable else np.array([0])
    graphs = [graph_at(history, int(k), view) for k in rows]
    full = Reveal(dx=dx)
    frame_texts = [moving_texts(g, full) for g in graphs]
    now_texts = moving_texts(graphs[0], reveal)
    shown = [*frame_texts, now_texts, *(moving_texts(graphs[0], r) for r in phases)]
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
    if not playable:  # where the run goes next would give the update away
        lower = [t for t in lower if t["meta"] != "path"]
    n = history.w.shape[1]
    variants = []
    ringed = []  # per layout, the ring around each node (the page's head moves it from phase to phase)
    widest = measure(shown, graphs[0])
    contour = panels.contour_layer(surface)
    for arrangement in arrangements(presenter):
        where = layout_for(graphs[0], widest, arrangement.sizing)
        ringed.append(rings(where, graphs[0], 0.3 * arrangement.sizing.font))
        sized = [  # the words on a panel read at the graph's size
            dict(t, textfont=dict(t["textfont"], size=arrangement.sizing.font)) if "textfont" in t else t for t in lower
        ]
        data = [*graph_traces(graphs[0], where, reveal, highlight), *sized]
        axes = _panel_axes(history, surface, pair, rows, arrangement.tick)
        layout = dict(
            template=TEMPLATE, **placed(axes | {"shapes": contour}, arranged(where, arrangement, pair, n, playable))
        )
        slider_at = layout.pop("slider_x")
        if playable:
            layout.update(playback_controls(rows, FRAME_MS, 0.0, arrangement.sizing.font, slider_at))
        variants.append((layout.pop("min_width"), data, layout))
    moving = role_indices(variants[0][1], MOVING)
    base = variants[0][1]
    for i, update in zip(moving, moving_data(history, 0, now_texts, pair), strict=True):
        base[i].update(update)
    if not playable:
        for role in ("gradient", "step"):
            base[role_indices(base, (role,))[0]].update(x=[], y=[])
    frames = (
        [
            {"name": str(k), "data": moving_data(history, int(k), texts, pair), "traces": moving}
            for k, texts in zip(rows, frame_texts, strict=True)
        ]
        if playable
        else []
    )
    return {
        "data": base,
        "layout": variants[0][2],
        "frames": frames,
        "variants": [variant_patch(base, variants[0][2], v) for v in variants],
        "rings": ringed,
    }

"""Frames and their controls, shared by every figure that plays a run: which steps get a frame, where
the moving traces are, and plotly.js's own Play, Pause and slider."""

from __future__ import annotations

import numpy as np

MAX_FRAMES = 201  # beyond this, frames show every k-th step: the page stays light, the story the same
FRAME_MS = 16  # one frame per display frame (60 Hz) where drawing one takes less; plotly.js never skips one


def role_indices(data: list[dict], roles: tuple[str, ...]) -> list[int]:
    """The index in `data` of the (first) trace with each role, in the order of `roles`."""
    found = [trace.get("meta") for trace in data]
    return [found.index(role) for role in roles]


def frame_rows(steps: int, max_frames: int = MAX_FRAMES) -> np.ndarray:
    """The rows of a K-step history that get a frame: all of them, or evenly spread, always 0 and K."""
    if steps + 1 <= max_frames:
        return np.arange(steps + 1)
    return np.unique(np.linspace(0, steps, max_frames).round().astype(int))


def playback_controls(
    rows: np.ndarray, frame_ms: int, y: float = -0.02, font: int = 15, x: float = 0.2, slider_y: float | None = None
) -> dict:
    """Play and Pause buttons and a step slider for frames named by `rows`, as layout entries: the
    buttons at `y`, the slider from `x` at `slider_y` (else beside the buttons, at `y`).

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
                pad=dict(t=round(1.5 * font), r=10),
                showactive=False,
                font=dict(size=font),
                buttons=buttons,
            )
        ],
        sliders=[
            dict(
                active=0,
                x=x,
                len=1 - x,
                y=y if slider_y is None else slider_y,
                yanchor="top",
                pad=dict(t=round(1.5 * font), r=round(1.2 * font), l=round(0.6 * font)),
                currentvalue=dict(prefix="step ", font=dict(size=font + 1)),
                font=dict(size=font),
                transition=dict(duration=0),
                steps=steps,
            )
        ],
    )

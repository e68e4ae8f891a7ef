"""Take the lesson away: the history as CSV, the animation as one HTML file that plays offline,
figures as PNG (through kaleido and the system Chromium, where they are installed)."""

from __future__ import annotations

import csv
import io

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

from .single_example import History


class ExportUnavailableError(RuntimeError):
    """The PNG engine (kaleido with a Chromium) is not installed or would not start."""


def history_csv(history: History) -> str:
    """One row a step: step, w1 … wn, b, z, a, L, dL/da, da/dz, dz, dw1 … dwn, db, saturated, diverged.

    Numbers are written with repr (they read back to the same float); ±∞ as inf and -inf.
    """
    n = history.w.shape[1]
    header = ["step", *[f"w{i + 1}" for i in range(n)], "b", "z", "a", "L", "dL_da", "da_dz", "dz"]
    header += [*[f"dw{i + 1}" for i in range(n)], "db", "saturated", "diverged"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    columns = [
        history.w,
        history.b,
        history.z,
        history.a,
        history.loss,
        history.dL_da,
        history.da_dz,
        history.dz,
        history.dw,
        history.db,
    ]
    for k in range(history.steps + 1):
        row: list[object] = [k]
        for col in columns:
            values = np.atleast_1d(col[k])
            row += [repr(float(v)) for v in values]
        row += [int(history.saturated[k]), int(history.diverged[k])]
        writer.writerow(row)
    return out.getvalue()


def animation_html(fig: go.Figure, title: str = "logreg-viz") -> str:
    """The animated figure as one self-contained HTML page: plotly.js inside, no network needed.
    It plays with plotly.js's own Play, Pause and slider, as the page does."""
    html = pio.to_html(
        fig,
        include_plotlyjs=True,
        full_html=True,
        auto_play=False,
        config={"displaylogo": False, "responsive": True},
    )
    return html.replace("<head>", f"<head><title>{_escape(title)}</title>", 1)


def figure_png(fig: go.Figure, width: int = 1280, height: int | None = None, scale: float = 1.0) -> bytes:
    """The figure as PNG. Raises ExportUnavailableError, with what to install, where the engine is missing."""
    try:
        import kaleido  # noqa: F401
    except ImportError:
        raise ExportUnavailableError(
            "PNG export needs the kaleido package and a Chromium: pip install kaleido, apt-get install chromium"
        ) from None
    try:
        return pio.to_image(fig, format="png", width=width, height=height or fig.layout.height, scale=scale)
    except Exception as err:  # kaleido reports a missing or failing browser in several ways
        raise ExportUnavailableError(f"PNG export could not start its browser: {err}") from None


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

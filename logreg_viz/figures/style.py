"""Colours and type shared by every figure: colour-blind-safe (Okabe–Ito), readable on a projector."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.colors import get_colorscale

# Text colours read at 4.5:1 at least on white and on the graph's grey input boxes (WCAG AA for
# text under 18 pt): Okabe–Ito's vermillion and reddish purple, darkened to get there.
FORWARD = "#0072B2"  # blue: values computed going forwards
BACKWARD = "#AF4D00"  # vermillion (Okabe–Ito's #D55E00 darkened): derivatives computed going backwards
LOCAL = "#3a3a3a"  # dark grey: the local derivative on an edge
ACTIVE = "#009E73"  # bluish green: the node the step-through is on
WARN = "#B14380"  # reddish purple (Okabe–Ito's #CC79A7 darkened): saturation
LABEL_1 = "#0072B2"
LABEL_0 = "#E69F00"
GRID = "#e6e6e6"
FONT = dict(family="Inter, Helvetica, Arial, sans-serif", size=15, color="#1f1f1f")

# Colour scales written out, as plotly spells a named one when it checks a figure: a figure sent as
# plain dicts then draws in exactly the colours of the checked one.
VIRIDIS = [[float(at), colour] for at, colour in get_colorscale("Viridis")]
GREYS = [[float(at), colour] for at, colour in get_colorscale("Greys")]

# A small explicit template: the page's theme never restyles these figures, and the JSON stays light
# (a stock template is most of a small figure's bytes).
TEMPLATE = go.layout.Template(
    layout=dict(
        font=FONT,
        paper_bgcolor="white",
        plot_bgcolor="white",
        hoverlabel=dict(font=dict(size=15)),
        margin=dict(l=10, r=10, t=40, b=10),
    )
)


def axis(title: str = "", visible: bool = True, **extra: object) -> dict:
    """An axis with light grid lines and a readable title."""
    if not visible:
        return dict(visible=False, **extra)
    return dict(
        title=dict(text=title, font=dict(size=15)),
        gridcolor=GRID,
        zerolinecolor="#bdbdbd",
        tickfont=dict(size=14),
        **extra,
    )

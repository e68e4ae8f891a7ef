"""Panels placed in pixels for a type size, then handed to plotly.js as paper fractions.

A figure of several panels is laid out once per `Grid` — its tick size and how many panels stand
side by side — the most readable first. Heights are px as drawn (the figure's height is fixed);
widths are px at the narrowest width the grid fits (its `min_width`), so a wider chart only gives
each panel more room. Every panel reserves its title's band above it, its tick labels and axis
title below, and its y tick labels and axis title on the left: no text meets another panel's.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .measure import em
from .style import axis

PLOT_MIN = 240  # the narrowest plot area a panel gets, px: a contour still reads
PANEL_H = 220  # the shortest plot area, px


@dataclass(frozen=True)
class Grid:
    """One way to lay out a figure's panels: the tick labels' size (titles a little larger) and how
    many panels stand side by side (1: one under the other, each the chart's full width)."""

    tick: int
    columns: int

    @property
    def title(self) -> int:
        """A panel's title, px."""
        return self.tick + 2

    @property
    def title_px(self) -> int:
        """The band above a panel that holds its title."""
        return round(1.9 * self.title)

    @property
    def ticks_px(self) -> int:
        """The band under a panel: its tick labels and its x axis title."""
        return round(3.6 * self.tick)

    @property
    def left_px(self) -> int:
        """Left of a panel: its y tick labels and y axis title."""
        return round(3.6 * self.tick + 8)

    @property
    def right_px(self) -> int:
        """Right of a panel: half its last x tick label, and a gap before the next panel."""
        return round(1.5 * self.tick)

    @property
    def panel_h(self) -> int:
        return max(PANEL_H, 15 * self.tick)


# The mode figures' grids, the most readable first: a wide monitor gets the panels in one row, a laptop
# or tablet two to a row at 15 or 13 px, a phone one under the other at 13 or 12 px; a projector 18 px.
PAGE = (Grid(15, 4), Grid(15, 2), Grid(13, 2), Grid(13, 1), Grid(12, 1))
PRESENTER = (Grid(18, 4), Grid(18, 2), Grid(16, 2), Grid(16, 1), Grid(12, 1))


def grids(presenter: bool, panels: int) -> tuple[Grid, ...]:
    """The grids to offer a figure of `panels` panels, the most readable first, each once: the page
    draws the first its chart is wide enough for."""
    out: list[Grid] = []
    for grid in PRESENTER if presenter else PAGE:
        grid = Grid(grid.tick, min(grid.columns, panels))
        if grid not in out:
            out.append(grid)
    return tuple(out)


def padded(lo: float, hi: float, by: float = 0.04) -> list[float]:
    """A little room past the ends, so the two axes' first tick labels do not meet in the corner."""
    return [lo - by * (hi - lo), hi + by * (hi - lo)]


def panel_axis(title: str, tick: int, **extra: object) -> dict:
    """A panel's axis with its tick labels at `tick` px and its title a px larger, close to them; the
    room for both is reserved by the layout, not by plotly.js's automargin."""
    return axis(title, **extra) | dict(
        tickfont=dict(size=tick), title=dict(text=title, font=dict(size=tick + 1), standoff=4), automargin=False
    )


Box = tuple[float, float, float, float]  # a plot area in px from the figure's top left: left, right, top, bottom


def domains(box: Box, width: float, height: float) -> tuple[list[float], list[float]]:
    """A px box as plotly.js's (x domain, y domain) in a plot area `width` × `height` px."""
    left, right, top, bottom = box
    x = [round(left / width, 5), round(min(right / width, 1.0), 5)]
    y = [round(1 - bottom / height, 5), round(1 - top / height, 5)]
    return x, y


def titled_panels(
    boxes: dict[str, Box], titles: Sequence[str], width: float, height: float, title_px: float, size: int
):
    """Each panel's axes' domains (`boxes` by axis number: "" for x/y, "2" for x2/y2 …) and its title
    centred over it, in the band above it: layout entries."""
    out: dict = {}
    annotations = []
    for (n, box), text in zip(boxes.items(), titles, strict=True):
        out[f"xaxis{n}"], out[f"yaxis{n}"] = (dict(domain=d) for d in domains(box, width, height))
        left, right, top, _ = box
        annotations.append(
            dict(
                text=text,
                x=round((left + right) / 2 / width, 5),
                y=round(1 - (top - 0.3 * title_px) / height, 5),
                xref="paper",
                yref="paper",
                showarrow=False,
                xanchor="center",  # plotly.js's "auto" would anchor a title left of x < 1/3 by its left end
                yanchor="bottom",
                font=dict(size=size),
            )
        )
    out["annotations"] = annotations
    return out


def legend_rows(names: Sequence[str], size: int, width: float, grouped: bool = False) -> int:
    """How many rows plotly.js's horizontal legend takes for `names` at `size` px in `width` px, as
    plotly.js lays it out: one row if every entry (its 40 px symbol and its text) fits; else, grouped
    (the traces have legend groups) as many as fit on each row, otherwise in columns as wide as the
    widest entry."""
    entries = [40 + em(name) * size + 5 for name in names]
    if sum(entries) <= width:
        return 1
    if not grouped:
        return math.ceil(len(entries) / max(1, int(width // max(entries))))
    rows, used = 1, 0.0
    for entry in entries:
        if used and used + entry > width:
            rows, used = rows + 1, 0.0
        used += entry
    return rows


def controls_px(font: int) -> int:
    """The band under a figure for plotly.js's Play, Pause and slider (its labels under its rail)."""
    return round(4.2 * font + 40)


def slider_x(font: int, width: float) -> float:
    """Where the step slider starts, as a fraction of `width`: right of Play and Pause."""
    return round(min(0.6, (9 * font + 60) / width), 4)


def grid_layout(
    titles: Sequence[str],
    grid: Grid,
    legend: Sequence[str] = (),
    legend_at: int = 0,
    grouped: bool = False,
    playable: bool = False,
) -> dict:
    """Layout entries that place panels on axes "", "2", "3" … (in the order of `titles`) row by row,
    `grid.columns` to a row: domains, titles, height, margins, and `min_width`, the narrowest chart
    the grid fits. `legend`: the legend's entries (`grouped`: their traces have legend groups), in a
    band of their own above the row of panel `legend_at`, as tall as they are at the narrowest;
    `playable`: a band under everything for Play, Pause and the slider, and `controls`, where they
    go (`animation.playback_controls`' arguments): one row, or the slider under the buttons when
    the panels are stacked."""
    columns = grid.columns
    widest = max(em(t) * grid.title for t in titles)
    column = grid.left_px + max(PLOT_MIN, 16 * grid.tick, widest - grid.left_px) + grid.right_px
    width = columns * column
    legend_px = legend_rows(legend, grid.tick, width, grouped) * round(1.35 * grid.tick + 4) + 12 if legend else 0
    boxes: dict[str, Box] = {}
    legend_bottom, y = 0.0, 0.0
    for start in range(0, len(titles), columns):
        if legend and start <= legend_at < start + columns:
            y += legend_px
            legend_bottom = y
        for c in range(min(columns, len(titles) - start)):
            boxes["" if start + c == 0 else str(start + c + 1)] = (
                c * column + grid.left_px,
                (c + 1) * column - grid.right_px,
                y + grid.title_px,
                y + grid.title_px + grid.panel_h,
            )
        y += grid.title_px + grid.panel_h + grid.ticks_px
    height = y
    out = titled_panels(boxes, titles, width, height, grid.title_px, grid.title)
    if legend:
        out["legend"] = dict(
            orientation="h",
            x=0,
            xanchor="left",
            # at the foot of its band, by what it names; a wider chart wraps it into fewer rows
            y=round(1 - legend_bottom / height, 5),
            yanchor="bottom",
            font=dict(size=grid.tick),
        )
    top = 30 if legend and legend_at < columns else 6  # plotly.js's mode bar stands over the top right
    bottom = 10
    if playable:
        f = grid.tick
        bottom = controls_px(f)
        out["controls"] = dict(y=0.0, font=f, x=slider_x(f, width))
        if columns == 1:  # the slider gets the chart's width, under Play and Pause
            buttons = round(2.8 * f + 14)
            bottom += buttons
            out["controls"] |= dict(x=0.0, slider_y=round(-buttons / height, 5))
    out["height"] = round(height + top + bottom + 10)
    out["margin"] = dict(l=0, r=6, t=top, b=bottom + 10)
    out["min_width"] = round(width + 6)
    return out


def placed(axes: dict, placement: dict) -> dict:
    """`axes` (and other layout entries) with a placement's entries merged in: a dict into the dict
    it places, anything else set."""
    out = dict(axes)
    for key, value in placement.items():
        out[key] = out[key] | value if isinstance(out.get(key), dict) else value
    return out

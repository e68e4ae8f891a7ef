"""The class's answers to one question as a histogram: how the numbers spread, and once revealed where
the true value and the common slips lie.

The bins are counted here (numpy), not by plotly.js's autobin, so they stay put between polls and a
test can read them. Before the reveal the figure is built from the answers alone — its range, bins,
ticks and hovers — so nothing in it (not even its JSON) gives the true value away; the slips, worked
from the true value, wait for the reveal too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from .. import quiz
from ..classroom.slips import Slip, summarise
from ..display import fmt
from .style import ACTIVE, BACKWARD, FORWARD, LOCAL, TEMPLATE, axis

SPREAD = 4.0  # an answer farther than this many spreads from the median goes to an edge bin …
FAR = 1e100  # … and so does one beyond ±1e100 (a typo, an overflow): the bins cover what most typed
TARGET = 12  # about this many bins over the range
FEWEST = 5  # never fewer, so a lone answer still stands among empty bins
DASHES = ("dash", "dot", "dashdot", "longdash")  # one for each slip drawn, so the legend tells them apart


@dataclass(frozen=True)
class Bins:
    """Counts of answers: `counts[k]` in [edges[k], edges[k + 1]); `below` under edges[0] (−∞ among
    them, `below_inf` of them) and `above` at or over edges[-1] (+∞: `above_inf`)."""

    edges: list[float]
    counts: list[int]
    below: int = 0
    above: int = 0
    below_inf: int = 0
    above_inf: int = 0

    @property
    def width(self) -> float:
        return self.edges[1] - self.edges[0]

    @property
    def total(self) -> int:
        return sum(self.counts) + self.below + self.above


def _nice(rough: float) -> float:
    """The smallest 1, 2 or 5 × 10^k at least `rough`."""
    base = 10.0 ** math.floor(math.log10(rough))
    return next(m * base for m in (1, 2, 5, 10) if m * base >= rough * (1 - 1e-12))


def _short(value: float) -> float:
    """An edge without float noise: 0.30000000000000004 → 0.3."""
    return float(f"{value:.12g}")


def answer_bins(values: Sequence[float], anchors: Sequence[float] = ()) -> Bins:
    """Bins over a robust range of the finite `values`: those within SPREAD × max(IQR, |median|) of the
    median (and within ±FAR), widened to hold every finite `anchor` (the true value and the slips, once
    they may be shown). The width is a round 1, 2 or 5 × 10^k, about TARGET bins, never narrower than
    what `quiz.is_close` tells apart near the median. NaN is left out; ±∞ go to the edge bins."""
    data = np.asarray([v for v in values if not math.isnan(v)], dtype=float)
    finite = data[np.isfinite(data) & (np.abs(data) <= FAR)]
    points = [float(a) for a in anchors if math.isfinite(a) and abs(a) <= FAR]
    median = float(np.median(finite)) if finite.size else (points[0] if points else 0.0)
    if finite.size:
        q1, q3 = np.percentile(finite, [25, 75])
        scale = max(float(q3 - q1), abs(median), 1e-3)
        points += finite[np.abs(finite - median) <= SPREAD * scale].tolist()
    lo, hi = (min(points), max(points)) if points else (0.0, 0.0)
    finest = 2 * max(quiz.RELATIVE * abs(median), quiz.ABSOLUTE)
    width = _nice(max((hi - lo) / TARGET, finest))
    first = math.floor(lo / width + 1e-9)
    count = math.floor(hi / width + 1e-9) - first + 1
    if count < FEWEST:
        first -= (FEWEST - count) // 2
        count = FEWEST
    edges = [_short((first + k) * width) for k in range(count + 1)]
    index = np.searchsorted(edges, data, side="right") - 1
    inside = (index >= 0) & (index < count)
    return Bins(
        edges,
        np.bincount(index[inside], minlength=count).tolist(),
        below=int(np.sum(index < 0)),
        above=int(np.sum(index >= count)),
        below_inf=int(np.sum(data == -math.inf)),
        above_inf=int(np.sum(data == math.inf)),
    )


def _answers(n: int) -> str:
    return f"{n} answer{'' if n == 1 else 's'}"


def answers_figure(
    values: Sequence[float],
    truth: float,
    revealed: bool,
    slips: Sequence[Slip],
    mine: float | None = None,
    presenter: bool = False,
    item: str = "",
) -> go.Figure:
    """A histogram of the class's answers (trace "answers"), with the student's own answer (`mine`,
    trace "mine") pinned above its bin. Once `revealed`: the true value as a line (trace "truth") with
    its label, and a dashed line for each slip somebody made (traces "slip", named by the slip's label)
    — before, neither `truth` nor `slips` is read. Answers outside the bins' range, ±∞ among them, are
    counted in an edge bin drawn apart and labelled "< …" or "≥ …". Larger type for a projector
    (`presenter`); "No answers yet" when there are none."""
    tick = 18 if presenter else 15
    height = 420 if presenter else 320
    if not values:
        return go.Figure(
            layout=dict(
                template=TEMPLATE,
                height=height,
                xaxis=axis(visible=False),
                yaxis=axis(visible=False),
                annotations=[dict(text="No answers yet", showarrow=False, font=dict(size=tick + 3), x=0.5, y=0.5)],
            )
        )
    made = [(s.value, s.label, k) for s, k in summarise(values, truth, slips).by_slip] if revealed else []
    anchors = [truth, *[v for v, _, _ in made]] if revealed else []
    bins = answer_bins(values, anchors)
    w, edges = bins.width, bins.edges
    low, high = edges[0] - 1.5 * w, edges[-1] + 1.5 * w  # the edge bins, a bin's gap from the others
    marks = [v for v in [*anchors, mine] if v is not None and not math.isnan(v)]
    show_low = bins.below > 0 or any(v < edges[0] for v in marks)
    show_high = bins.above > 0 or any(v >= edges[-1] for v in marks)

    def place(v: float) -> float:
        return low if v < edges[0] else high if v >= edges[-1] else v

    xs = [_short(e + w / 2) for e in edges[:-1]]
    ys = list(bins.counts)
    hovers = [f"{fmt(a)} to {fmt(b)}: {_answers(k)}" for a, b, k in zip(edges, edges[1:], bins.counts)]
    patterns = [""] * len(xs)
    ticks = [(e, fmt(e)) for e in edges[:: math.ceil(len(edges) / 7)]]
    if show_low:
        inf = f", {bins.below_inf} of them −∞" if bins.below_inf else ""
        xs, ys, patterns = [_short(low), *xs], [bins.below, *ys], ["/", *patterns]
        hovers.insert(0, f"below {fmt(edges[0])}: {_answers(bins.below)}{inf}")
        ticks.insert(0, (_short(low), f"< {fmt(edges[0])}"))
    if show_high:
        inf = f", {bins.above_inf} of them ∞" if bins.above_inf else ""
        xs, ys, patterns = [*xs, _short(high)], [*ys, bins.above], [*patterns, "/"]
        hovers.append(f"{fmt(edges[-1])} or more: {_answers(bins.above)}{inf}")
        ticks.append((_short(high), f"≥ {fmt(edges[-1])}"))
    top = max(ys) * 1.3 + 1
    traces = [
        go.Bar(
            x=xs,
            y=ys,
            width=0.9 * w,
            name="answers",
            meta="answers",
            marker=dict(color=FORWARD, pattern=dict(shape=patterns)),
            text=[str(k) if k else "" for k in ys],
            textposition="outside",
            textfont=dict(size=tick),
            hovertext=hovers,
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
        )
    ]
    annotations = []
    if revealed:
        for (value, label, k), dash in zip(made, DASHES * len(made)):
            traces.append(_line(place(value), top, "slip", label, BACKWARD, dash, f"{k} {label}: {fmt(value)}"))
        traces.append(_line(place(truth), top, "truth", "true value", ACTIVE, "solid", f"true value {fmt(truth)}"))
        label = dict(text=f"true value {fmt(truth)}", font=dict(size=tick, color=ACTIVE), showarrow=False)
        annotations.append(dict(x=place(truth), y=1, yref="paper", yanchor="bottom", **label))
    if mine is not None and not math.isnan(mine):
        traces.append(
            go.Scatter(
                x=[place(mine)],
                y=[top * 0.88],
                mode="markers+text",
                name="your answer",
                meta="mine",
                marker=dict(symbol="triangle-down", size=tick, color=LOCAL),
                text=["you"],
                textposition="top center",
                textfont=dict(size=tick, color=LOCAL),
                hovertemplate=f"your answer {fmt(mine)}<extra></extra>",
                showlegend=False,
            )
        )
    left = (low if show_low else edges[0]) - w
    right = (high if show_high else edges[-1]) + w
    return go.Figure(
        data=traces,
        layout=dict(
            template=TEMPLATE,
            height=height,
            bargap=0,
            margin=dict(l=10, r=10, t=2 * tick + 10, b=10),
            xaxis=_axis(
                f"answers for {item}" if item else "answer",
                tick,
                range=[left, right],
                tickmode="array",
                tickvals=[v for v, _ in ticks],
                ticktext=[t for _, t in ticks],
            ),
            yaxis=_axis("students", tick, range=[0, top], dtick=_nice(max(1.0, top / 5)), tickformat="d"),
            legend=dict(orientation="h", y=-0.3, font=dict(size=tick)),
            showlegend=bool(made),
            annotations=annotations,
        ),
    )


def _axis(title: str, tick: int, **extra: object) -> dict:
    """The house axis at this figure's type size: ticks at `tick` px, the title a px larger."""
    return axis(title, **extra) | dict(
        tickfont=dict(size=tick), title=dict(text=title, font=dict(size=tick + 1)), automargin=True
    )


def _line(x: float, top: float, role: str, name: str, colour: str, dash: str, hover: str) -> go.Scatter:
    """A vertical line at x across the bars, found by `role`."""
    return go.Scatter(
        x=[x, x],
        y=[0, top],
        mode="lines",
        name=name,
        meta=role,
        line=dict(color=colour, width=3, dash=dash),
        hovertemplate=f"{hover}<extra></extra>",
    )

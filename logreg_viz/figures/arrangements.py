"""The ways the lesson figure is laid out, the most readable first: the graph's type size and shape,
and where the panels go. The page draws the first its column is wide enough for."""

from __future__ import annotations

from dataclasses import dataclass

from .measure import Sizing


@dataclass(frozen=True)
class Arrangement:
    """One way to lay the lesson out: the graph's type and shape, and where the panels go —
    "side": the contour over the loss curve in a column right of the graph, the decision boundary
    under the graph; "stack": everything one under the other (a phone)."""

    sizing: Sizing
    panels: str

    @property
    def tick(self) -> int:
        """The panels' tick labels: as large as the graph's text, up to 16 px; then four fifths of it."""
        f = self.sizing.font
        return f if f <= 16 else max(16, round(0.8 * f))


PAGE = (
    Arrangement(Sizing(15, "wide"), "side"),
    Arrangement(Sizing(13, "wide"), "side"),
    Arrangement(Sizing(14, "narrow"), "side"),
    Arrangement(Sizing(13, "narrow"), "side"),
    Arrangement(Sizing(13, "narrow"), "stack"),
    Arrangement(Sizing(12, "narrow"), "stack"),
)
PRESENTER = (
    Arrangement(Sizing(24, "wide"), "side"),
    Arrangement(Sizing(24, "narrow"), "side"),  # the expanded view's many columns, on a projector
    Arrangement(Sizing(20, "wide"), "side"),
    Arrangement(Sizing(18, "narrow"), "side"),
    Arrangement(Sizing(16, "narrow"), "stack"),
    Arrangement(Sizing(12, "narrow"), "stack"),
)


def arrangements(presenter: bool) -> tuple[Arrangement, ...]:
    """The arrangements to offer, the most readable first: the page draws the first that fits."""
    return PRESENTER if presenter else PAGE

"""Taking steps from the page: which of them are applied, and what Undo puts back.

A step is applied only when the controls can hold where it lands: a parameter that overflows float64,
or one beyond the controls' range (`VALUE_RANGE`), is refused with a sentence that says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .single_example import History
from .state import VALUE_RANGE


@dataclass(frozen=True)
class Steps:
    """Where `k` steps of a run land, and why they are refused (None: apply them)."""

    w: tuple[float, ...]
    b: float
    k: int
    refusal: str | None


def land(history: History, count: int) -> Steps:
    """The parameters after `count` steps of `history` (at most its length), and whether to apply them.

    Refused: a parameter is ±∞ (the run overflowed), or |w_i| or |b| exceeds VALUE_RANGE[1].
    """
    k = min(count, history.steps)
    w = tuple(float(v) for v in history.w[k])
    b = float(history.b[k])
    refusal = None
    if not (np.isfinite(w).all() and np.isfinite(b)):
        refusal = (
            "That step overflows float64 (a parameter would become ∞), so it was not applied. "
            "The animation below shows what happens; lower α to go on."
        )
    elif max(abs(v) for v in (*w, b)) > VALUE_RANGE[1]:
        refusal = (
            f"{'That step' if k == 1 else f'Those {k} steps'} would take a parameter beyond ±{VALUE_RANGE[1]:g}, "
            "the range of the controls, so nothing was applied. The animation below shows the run; lower α to go on."
        )
    return Steps(w, b, k, refusal)


def restored(saved: Sequence[float], now: Sequence[float]) -> tuple[float, ...]:
    """The weights Undo puts back: the saved ones for the features that still exist, the current
    ones for features added since (n may have changed in between)."""
    return tuple(float(saved[i]) if i < len(saved) else float(now[i]) for i in range(len(now)))

"""Undo for the page's Step and Take K: what each action replaced, kept compactly, and how many steps were taken."""

from __future__ import annotations

import math
from array import array

from .state import MAX_N

MAX_ACTIONS = 100_000  # 56 bytes an action: at most 5.6 MB for a session that clicks for days
WIDTH = 3 + MAX_N  # one row: steps, n, b, w1 … w4 (NaN past n)


class UndoHistory:
    """The parameters before each action (a Step is 1 step, Take K is K), newest last.

    `steps_taken` counts steps, not actions. Past `limit` actions the oldest is forgotten and
    `forgotten` says how many were: Undo then goes back as far as it can, and the page says so.
    """

    def __init__(self, limit: int = MAX_ACTIONS) -> None:
        self.limit = limit
        self.forgotten = 0
        self.steps_taken = 0
        self._rows = array("d")

    def __len__(self) -> int:
        return len(self._rows) // WIDTH

    def push(self, w: tuple[float, ...], b: float, steps: int) -> None:
        """Remember the parameters from before an action of `steps` steps."""
        if not 1 <= len(w) <= MAX_N or steps < 1:
            raise ValueError(f"an action needs 1 to {MAX_N} weights and at least one step, got {len(w)} and {steps}")
        self._rows.extend([float(steps), float(len(w)), float(b), *w, *[math.nan] * (MAX_N - len(w))])
        self.steps_taken += steps
        if len(self) > self.limit:
            del self._rows[:WIDTH]
            self.forgotten += 1

    def pop(self) -> tuple[tuple[float, ...], float, int]:
        """(w, b, steps) from before the newest action, which is forgotten. IndexError if there is none."""
        if not self._rows:
            raise IndexError("nothing to undo")
        row = self._rows[-WIDTH:]
        del self._rows[-WIDTH:]
        steps, n = int(row[0]), int(row[1])
        self.steps_taken -= steps
        return tuple(row[3 : 3 + n]), row[2], steps

    def peek(self) -> tuple[tuple[float, ...], float, int] | None:
        """(w, b, steps) that `pop` would give, left in place; None if there is nothing to undo."""
        if not self._rows:
            return None
        row = self._rows[-WIDTH:]
        steps, n = int(row[0]), int(row[1])
        return tuple(row[3 : 3 + n]), row[2], steps

    def clear(self) -> None:
        """A new start (a preset, Reset): nothing to undo, no steps taken."""
        self.forgotten = self.steps_taken = 0
        self._rows = array("d")

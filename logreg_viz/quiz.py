"""Predict, then reveal: read a learner's typed number and check it against the true value."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .stepthrough import Phase

RELATIVE = 0.005  # within half a percent …
ABSOLUTE = 5e-4  # … or within 0.0005 for values near zero: what 3–4 significant digits typed by hand allow


def parse_guess(text: str) -> float | None:
    """A typed number: '-0.27', '−0.27' (a real minus), '0,27' (a decimal comma), '1e-5', '∞'.

    None for anything else, including NaN.
    """
    cleaned = text.strip().replace("−", "-").replace("–", "-").replace(",", ".").replace(" ", "")
    cleaned = cleaned.replace("∞", "inf")
    if not cleaned or len(cleaned) > 40:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return None if math.isnan(value) else value


def is_close(guess: float, truth: float) -> bool:
    """Right within the tolerance: |guess − truth| ≤ max(0.5 % of |truth|, 0.0005); ±∞ must match exactly."""
    if math.isinf(truth) or math.isinf(guess):
        return guess == truth
    return abs(guess - truth) <= max(RELATIVE * abs(truth), ABSOLUTE)


@dataclass(frozen=True)
class Progress:
    """One example's quiz: `index` is the question asked next; `last` the answer marked last, as
    (verdict, name, guess, latex) with verdict right, wrong or unreadable. `key` names the example and
    parameters it belongs to: another key starts the quiz over."""

    key: tuple = ()
    index: int = 0
    last: tuple | None = None


def question_count(n: int, dx: bool = False) -> int:
    """How many values the class predicts for n features: da, dz, dw1 … dwn, db, (dx1 … dxn when the
    graph shows them), then w1 … wn, b."""
    return 2 * n + 4 + (n if dx else 0)


def questions(walk: Sequence[Phase]) -> list[Phase]:
    """The step-through's phases the class predicts: every backward value and every updated parameter."""
    return [phase for phase in walk if phase.kind != "forward"]


def progress_for(progress: Progress | None, key: tuple) -> Progress:
    """The quiz in progress if it belongs to `key`, else a fresh one."""
    return progress if progress is not None and progress.key == key else Progress(key)


def answer(progress: Progress, items: Sequence[Phase], text: str) -> tuple[Progress, bool | None]:
    """Mark `text` as the answer to the question asked: (the progress after it, right or not).

    Unreadable text leaves the question open and returns None; so does a quiz already done.
    """
    if progress.index >= len(items):
        return progress, None
    item = items[progress.index]
    guess = parse_guess(text)
    if guess is None:
        return replace(progress, last=("unreadable", item.name, text[:200], None)), None
    right = is_close(guess, item.value)
    return replace(
        progress, index=progress.index + 1, last=("right" if right else "wrong", item.name, guess, item.latex)
    ), right


def hidden_nodes(nodes: Iterable[str], items: Sequence[Phase], index: int) -> frozenset[str]:
    """The graph's nodes whose derivative is not yet revealed: all but those of the first `index` questions."""
    answered = {item.node for item in items[:index] if item.kind == "backward"}
    return frozenset(name for name in nodes if name not in answered)

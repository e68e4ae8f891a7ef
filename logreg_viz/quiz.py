"""Predict, then reveal: read a learner's typed number and check it against the true value."""

from __future__ import annotations

import math

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

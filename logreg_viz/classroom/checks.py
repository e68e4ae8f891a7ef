"""What a page sends the class, checked before it reaches a store: a view, a question's parts, a number.

Each check takes anything (a page's values come from URLs and widgets) and never raises.
"""

from __future__ import annotations

import hashlib
import json
import math
import numbers

VIEW_KEYS = 64
VIEW_KEY_MAX = 64
VIEW_VALUE_MAX = 2000
VIEW_MAX = 16_000  # characters of the view as JSON
ITEM_MAX = 40
LATEX_MAX = 1000
CONTEXT_MAX = 8000  # characters of the context as JSON
TYPED_MAX = 100  # characters of a typed answer: longer is not a number anyone typed


def is_view(view: object) -> bool:
    """A small dict of text to text (what a page's query parameters are)."""
    if not isinstance(view, dict) or len(view) > VIEW_KEYS:
        return False
    for key, value in view.items():
        if not (isinstance(key, str) and 0 < len(key) <= VIEW_KEY_MAX):
            return False
        if not (isinstance(value, str) and len(value) <= VIEW_VALUE_MAX):
            return False
    return len(json.dumps(view)) <= VIEW_MAX


def context_text(context: object) -> str | None:
    """The context as JSON text (Python's, which keeps ±∞), or None if it is not a small JSON-able dict."""
    if not isinstance(context, dict):
        return None
    try:
        text = json.dumps(context, sort_keys=True)
    except (TypeError, ValueError, RecursionError):
        return None
    return text if len(text) <= CONTEXT_MAX else None


def as_truth(truth: object) -> float | None:
    """A question's true value as a float (±∞ allowed); None for NaN, a bool or not a number."""
    if isinstance(truth, bool) or not isinstance(truth, numbers.Real):
        return None
    try:
        value = float(truth)
    except (OverflowError, TypeError, ValueError):
        return None
    return None if math.isnan(value) else value


def is_text(text: object, most: int) -> bool:
    """A non-empty string of at most `most` characters."""
    return isinstance(text, str) and 0 < len(text) <= most


def is_qid(qid: object) -> bool:
    """A question number: an int ≥ 1 (not a bool)."""
    return isinstance(qid, int) and not isinstance(qid, bool) and 0 < qid < 2**53


def client_key(client: object) -> str:
    """Who a rate limit counts (an IP), as a short hash: no client's address is stored as it came."""
    text = client if isinstance(client, str) else ""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]

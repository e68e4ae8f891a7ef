"""Text from outside — a link, a file, a typed answer: numbers read one way everywhere, and anything
quoted back shown as exactly the characters it is.

Messages that quote outside text are markdown (the page shows them as such): the quoted part sits in
a code span, which markdown renders as the characters themselves — never as emphasis, a link, an
image, maths, colour or HTML — so nothing a student types or a file holds can format the page or make
the browser fetch anything.
"""

from __future__ import annotations

import math
import re
import string

# A plain decimal number, as a link or a CSV writes it: not Python's extras ('1_000', 'nan',
# 'infinity', '0x10') and ASCII digits only (str.isdigit and float() also take '١' and '²').
PLAIN_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", re.ASCII)
QUOTE_LIMIT = 40


def parse_number(text: str, low: float = -math.inf, high: float = math.inf) -> float | None:
    """`text` as a finite float in [low, high] if it is a plain decimal number, else None. −0 reads as 0."""
    text = text.strip()
    if not PLAIN_NUMBER.fullmatch(text):
        return None
    value = float(text)  # linear in the length: float() has no digit limit, unlike int()
    if not math.isfinite(value) or not low <= value <= high:
        return None
    return value + 0.0


def quote(value: object, limit: int = QUOTE_LIMIT) -> str:
    """`value` as a markdown code span that shows its characters as they are.

    Longer than `limit` characters: cut, with an ellipsis. Characters that cannot be shown on one line
    (line breaks, tabs, NUL, other controls) become '�'. A span is fenced with one backtick more than
    the longest run inside it, so no backtick in the text can end it early. Empty text reads (empty).
    """
    text = "".join(c if c.isprintable() else "\ufffd" for c in str(value))
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    if not text.strip():
        return "(empty)"
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}"  # markdown strips one space each side, so a leading ` is safe


def plural(count: int, word: str, words: str | None = None) -> str:
    """'1 feature', '2 features', '1,000 rows'."""
    return f"{count:,} {word if count == 1 else (words or word + 's')}"


def as_link_writes(value: object) -> str:
    """A value as a link writes it: 1 / 0 for yes and no, numbers in short form, pairs joined by a comma."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, tuple):
        return ",".join(as_link_writes(v) for v in value) if value else "none"
    return str(value)


def literal(text: str, limit: int = QUOTE_LIMIT) -> str:
    """`text` as markdown that shows exactly its characters, in the running font (not a code span):
    every ASCII punctuation character backslash-escaped (CommonMark's rule), so no `*`, `[`, `$` or
    `:` can make emphasis, a link, a formula or a colour; unprintable characters become '�'."""
    shown = "".join(c if c.isprintable() else "\ufffd" for c in str(text))
    if len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return "".join("\\" + c if c in string.punctuation else c for c in shown)

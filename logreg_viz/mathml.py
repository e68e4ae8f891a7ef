"""The step-through's formulas as MathML, which a browser draws by itself: a page can show a phase's
formula the moment Next is pressed, with no server and no script library to load."""

from __future__ import annotations

import functools

from latex2mathml.converter import convert


@functools.lru_cache(maxsize=4096)
def mathml(latex: str) -> str:
    """`latex` (as `stepthrough` writes it) as a <math> element, laid out as a displayed formula."""
    return convert(latex, display="block")

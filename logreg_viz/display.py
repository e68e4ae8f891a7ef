"""Numbers as a person reads them: 4 significant digits, a real minus sign, ∞ for overflow, never NaN,
and never an integer that the value is not."""

from __future__ import annotations

import math
import re

SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
NEAR_ONE = 1e-4  # within this of ±1 the gap is the information: 1 − a of a saturated a
MAX_DIGITS = 10  # a near-integer that needs more digits than this reads as k ± ε
POWER = re.compile("([0-9.]+)·10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)")


def fmt(value: float, digits: int = 4) -> str:
    """`value` to `digits` significant digits: 0.7311, −0.2689, 2.354·10¹⁷, ∞, −∞.

    Plain decimals between 10⁻⁴ and 10⁵; powers of ten outside, so a saturated derivative reads
    as a number, not as a wall of zeros. NaN (which the core never produces) reads "undefined".
    An integer is shown only for that very integer: a value that rounds to one keeps its
    difference, as 1 − 6.1·10⁻⁶ within 10⁻⁴ of ±1 (where σ(z) saturates), else with as many
    digits as tell it apart (2.00003), up to 10, beyond which it reads k ± ε as well.
    """
    if math.isnan(value):
        return "undefined"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    if value == 0:
        return "0"
    if 1e-4 <= abs(value) < 1e5:
        text = _plain(value, digits)
        if "." not in text and float(text) != value:
            text = _near_integer(value, float(text), digits)
        return text.replace("-", "−")
    mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
    mantissa = mantissa.rstrip("0").rstrip(".") if "." in mantissa else mantissa
    return f"{mantissa}·10{str(int(exponent)).translate(SUPERSCRIPT)}".replace("-", "−")


def _plain(value: float, digits: int) -> str:
    """`value` as a plain decimal to `digits` significant digits (at least to the unit), trailing zeros dropped."""
    places = max(digits - 1 - math.floor(math.log10(abs(value))), 0)
    text = f"{value:.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _near_integer(value: float, k: float, digits: int) -> str:
    """A value that rounded to the integer k: its gap from ±1, else the digits that tell it from k."""
    if abs(k) == 1 and abs(value - k) < NEAR_ONE:
        return _offset(k, value - k)
    for more in range(digits + 1, MAX_DIGITS + 1):
        text = _plain(value, more)
        if "." in text:
            return text
    return _offset(k, value - k)


def _offset(k: float, gap: float) -> str:
    """k ± |gap|, the gap to two significant digits: 1 − 6.1·10⁻⁶."""
    return f"{fmt(k)} {'+' if gap > 0 else '−'} {fmt(abs(gap), 2)}"


def fmt_latex(value: float, digits: int = 4) -> str:
    """`value` for st.latex: -0.2689, 2.354 \\times 10^{17}, 1 - 6.1 \\times 10^{-6}, \\infty.

    Negatives and k ± ε in a product or after a minus need parentheses: `fmt_paren` adds them.
    """
    if math.isnan(value):
        return r"\text{undefined}"
    if math.isinf(value):
        return r"\infty" if value > 0 else r"-\infty"

    def power(match: re.Match[str]) -> str:
        exponent = match.group(2).translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789"))
        return f"{match.group(1)} \\times 10^{{{exponent}}}"

    return POWER.sub(power, fmt(value, digits)).replace("−", "-")


def fmt_paren(value: float, digits: int = 4) -> str:
    """fmt_latex, in parentheses where substituting it into a product or after a minus would change
    its meaning: a negative, 0.1·(−0.2689), or a difference, 0.1·(1 - 6.1 \\times 10^{-6})."""
    text = fmt_latex(value, digits)
    return f"({text})" if text.startswith("-") or " + " in text or " - " in text else text


def stacked_latex(latex: str) -> str:
    """A chain `a = b = c` as one step a line (`aligned`, each line starting at its `=`), so a worked
    formula fits a phone's width instead of running off it. Only the `=` outside braces split it."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(latex):
        depth += {"{": 1, "}": -1}.get(c, 0)
        if c == "=" and depth == 0:
            parts.append(latex[start:i].strip())
            start = i + 1
    parts.append(latex[start:].strip())
    if len(parts) < 3:
        return latex
    return "\\begin{aligned}" + parts[0] + " &= " + " \\\\ &= ".join(parts[1:]) + "\\end{aligned}"

"""Numbers as a person reads them: 4 significant digits, a real minus sign, ∞ for overflow, never NaN."""

from __future__ import annotations

import math

SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def fmt(value: float, digits: int = 4) -> str:
    """`value` to `digits` significant digits: 0.7311, −0.2689, 2.354·10¹⁷, ∞, −∞.

    Plain decimals between 10⁻⁴ and 10⁵; powers of ten outside, so a saturated derivative reads
    as a number, not as a wall of zeros. NaN (which the core never produces) reads "undefined".
    """
    if math.isnan(value):
        return "undefined"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    if value == 0:
        return "0"
    if 1e-4 <= abs(value) < 1e5:
        text = f"{value:.{digits}g}"
        if "e" in text:  # .4g picks exponent form for e.g. 12345.6 → 1.235e+04
            text = f"{value:.{max(digits - 1 - math.floor(math.log10(abs(value))), 0)}f}"
        return text.replace("-", "−")
    mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
    mantissa = mantissa.rstrip("0").rstrip(".") if "." in mantissa else mantissa
    return f"{mantissa}·10{str(int(exponent)).translate(SUPERSCRIPT)}".replace("-", "−")


def fmt_latex(value: float, digits: int = 4) -> str:
    """`value` for st.latex: -0.2689, 2.354 \\times 10^{17}, \\infty; negatives in parentheses are the caller's."""
    if math.isnan(value):
        return r"\text{undefined}"
    if math.isinf(value):
        return r"\infty" if value > 0 else r"-\infty"
    text = fmt(value, digits)
    if "·10" in text:
        mantissa, power = text.split("·10")
        exponent = power.translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789"))
        text = f"{mantissa} \\times 10^{{{exponent}}}"
    return text.replace("−", "-")


def fmt_paren(value: float, digits: int = 4) -> str:
    """fmt_latex, in parentheses when negative, for substituting into a product: 0.1·(−0.2689)."""
    text = fmt_latex(value, digits)
    return f"({text})" if text.startswith("-") else text

import math

from logreg_viz.display import fmt, fmt_latex, fmt_paren


def test_four_significant_digits_with_a_real_minus():
    assert fmt(0.7310585786300049) == "0.7311"
    assert fmt(-0.2689414213699951) == "−0.2689"
    assert fmt(0.5) == "0.5"
    assert fmt(12345.6) == "12346"
    assert fmt(0.0) == "0"


def test_large_and_small_in_powers_of_ten():
    assert fmt(1 + math.exp(40)) == "2.354·10¹⁷"
    assert fmt(4.248354255291589e-18) == "4.248·10⁻¹⁸"
    assert fmt(1e306) == "1·10³⁰⁶"


def test_infinities_and_nan_are_words_not_nan():
    assert fmt(math.inf) == "∞"
    assert fmt(-math.inf) == "−∞"
    assert fmt(math.nan) == "undefined"


def test_latex_forms():
    assert fmt_latex(-0.2689414213699951) == "-0.2689"
    assert fmt_latex(1 + math.exp(40)) == "2.354 \\times 10^{17}"
    assert fmt_latex(-math.inf) == "-\\infty"
    assert fmt_paren(-0.5) == "(-0.5)"
    assert fmt_paren(0.5) == "0.5"

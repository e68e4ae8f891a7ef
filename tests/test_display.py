import math

from logreg_viz.display import fmt, fmt_latex, fmt_paren


def test_four_significant_digits_with_a_real_minus():
    assert fmt(0.7310585786300049) == "0.7311"
    assert fmt(-0.2689414213699951) == "−0.2689"
    assert fmt(0.5) == "0.5"
    assert fmt(12345.0) == "12345"
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


def test_an_integer_only_for_that_very_integer():
    assert fmt(1.0) == "1" and fmt(-1.0) == "−1" and fmt(2.0) == "2"
    # 1 − 0.999994 = 6·10⁻⁶ (Sterbenz: the float subtraction is exact); two digits of the gap
    assert fmt(0.999994) == "1 − 6·10⁻⁶"
    assert fmt(-0.999994) == "−1 + 6·10⁻⁶"
    # σ(12) = 1 − σ(−12), σ(−12) = e⁻¹²/(1 + e⁻¹²) = 6.1442·10⁻⁶
    assert fmt(1 / (1 + math.exp(-12))) == "1 − 6.1·10⁻⁶"
    # the float nearest 0.99995 lies just above it, so four digits round it up to 1
    assert fmt(0.99995) == "1 − 5·10⁻⁵"
    assert fmt(0.99994999) == "0.9999"  # four digits already tell it from 1
    assert fmt(1 - 1e-12) == "1 − 1·10⁻¹²"
    assert fmt(1.00003) == "1 + 3·10⁻⁵"


def test_other_near_integers_show_the_digits_that_tell_them_apart():
    assert fmt(2.00003) == "2.00003"
    assert fmt(1.0003) == "1.0003"  # 3·10⁻⁴ from 1: not the saturation corner, one more digit does
    assert fmt(12345.6) == "12345.6"  # four digits would read 12346, an integer it is not
    assert fmt(99999.5) == "99999.5"
    assert fmt(0.996, 2) == "0.996"
    assert fmt(3 + 1e-11) == "3 + 1·10⁻¹¹"  # eleven digits would be needed: k + ε instead
    assert fmt(-(3 + 1e-11)) == "−3 − 1·10⁻¹¹"


def test_small_values_stay_in_powers_of_ten():
    assert fmt(5e-7) == "5·10⁻⁷"
    assert fmt(-5e-7) == "−5·10⁻⁷"
    assert fmt(6.144e-6) == "6.144·10⁻⁶"


def test_latex_of_a_value_next_to_one_and_where_it_needs_parentheses():
    assert fmt_latex(1 / (1 + math.exp(-12))) == "1 - 6.1 \\times 10^{-6}"
    assert fmt_latex(-0.999994) == "-1 + 6 \\times 10^{-6}"
    assert fmt_latex(2.00003) == "2.00003"
    # substituted into a product or after a minus, 1 − ε must stay one term
    assert fmt_paren(0.999994) == "(1 - 6 \\times 10^{-6})"
    assert fmt_paren(-0.999994) == "(-1 + 6 \\times 10^{-6})"
    assert fmt_paren(2.00003) == "2.00003"
    assert fmt_paren(5e-7) == "5 \\times 10^{-7}"  # a power of ten binds tighter than the product


def test_a_worked_chain_is_stacked_one_step_a_line():
    from logreg_viz.display import stacked_latex

    assert stacked_latex("dz = a - y = 0.7311 - 1 = -0.2689") == (
        "\\begin{aligned}dz &= a - y \\\\ &= 0.7311 - 1 \\\\ &= -0.2689\\end{aligned}"
    )
    assert stacked_latex("w_{1} = 0.5") == "w_{1} = 0.5"  # one step: left as it is
    # an = inside braces does not split
    assert stacked_latex("x = \\frac{a=b}{2} = 1") == "\\begin{aligned}x &= \\frac{a=b}{2} \\\\ &= 1\\end{aligned}"

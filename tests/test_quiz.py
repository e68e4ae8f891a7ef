import math

import pytest

from logreg_viz.quiz import is_close, parse_guess


@pytest.mark.parametrize(
    ("text", "value"),
    [("-0.27", -0.27), ("−0.2689", -0.2689), ("0,5", 0.5), (" 1e-3 ", 1e-3), ("∞", math.inf), ("-∞", -math.inf)],
)
def test_parse_guess_reads_what_people_type(text, value):
    assert parse_guess(text) == value


@pytest.mark.parametrize("text", ["", "abc", "nan", "1/2", "0.5.5", "x" * 100])
def test_parse_guess_refuses_everything_else(text):
    assert parse_guess(text) is None


def test_tolerance_is_half_a_percent_or_half_a_thousandth():
    dz = -0.2689414213699951
    assert is_close(-0.2689, dz) and is_close(-0.27, dz)  # 0.39 % off
    assert not is_close(-0.28, dz)  # 4 % off
    assert is_close(0.0004, 0.0) and not is_close(0.001, 0.0)
    assert is_close(math.inf, math.inf) and not is_close(1e308, math.inf)

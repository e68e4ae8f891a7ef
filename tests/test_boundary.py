"""The decision boundary against lines worked out by hand."""

import math

import pytest

from logreg_viz.boundary import boundary_line, offset

BOX = (-3.0, 3.0, -3.0, 3.0)


def test_a_diagonal_is_solved_for_x2():
    # x1 + x2 = 0: at x1 = −3, x2 = 3; at x1 = 3, x2 = −3
    xs, ys = boundary_line([1.0, 1.0], 0.0, BOX)
    assert list(xs) == [-3.0, 3.0] and list(ys) == [3.0, -3.0]


def test_a_steep_line_is_solved_for_x1():
    # 2·x1 + x2 − 2 = 0 → x1 = (2 − x2)/2: x2 = −3 → 2.5, x2 = 3 → −0.5
    xs, ys = boundary_line([2.0, 1.0], -2.0, BOX)
    assert list(ys) == [-3.0, 3.0] and list(xs) == [2.5, -0.5]


def test_one_feature_gives_the_vertical_line_where_z_is_zero():
    # 2·x1 + 1 = 0 → x1 = −0.5
    xs, ys = boundary_line([2.0], 1.0, BOX)
    assert list(xs) == [-0.5, -0.5] and list(ys) == [-3.0, 3.0]


@pytest.mark.parametrize(
    ("w", "c"),
    [([0.0, 0.0], 1.0), ([0.0], 0.0), ([math.inf, 1.0], 0.0), ([1.0, math.nan], 0.0), ([1.0, 1.0], math.inf)],
)
def test_no_line_where_there_is_none(w, c):
    assert boundary_line(w, c, BOX) is None


def test_a_line_that_would_run_to_infinity_is_not_drawn():
    # x1 = −1e308 / 1e-10 overflows float64
    assert boundary_line([1e-10, 0.0], 1e308, BOX) is None


def test_the_offset_holds_the_other_features():
    # b = 0.5, w3·x3 + w4·x4 = 2·3 + (−1)·4 = 2 → c = 2.5; without x they are held at 0
    assert offset([1.0, 1.0, 2.0, -1.0], 0.5, [9.0, 9.0, 3.0, 4.0]) == 2.5
    assert offset([1.0, 1.0, 2.0, -1.0], 0.5) == 0.5

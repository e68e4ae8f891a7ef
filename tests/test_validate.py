"""validate: every bad value is a ValueError that names the argument; good values come back as floats/arrays."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from logreg_viz.validate import (
    LOSSES,
    MAX_EXAMPLES,
    MAX_FEATURES,
    MAX_STEPS,
    VIEWS,
    check_choice,
    check_dataset,
    check_example,
    check_lr,
    check_number,
    check_steps,
    check_vector,
)


def test_constants():
    assert LOSSES == ("cross_entropy", "squared")
    assert VIEWS == ("lecture", "expanded")
    assert MAX_STEPS == 100_000


# check_number -----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [0, 3, -2.5, np.float64(1.25), np.int32(7), Fraction(1, 4), 1e308])
def test_check_number_accepts_real_numbers(value):
    got = check_number(value, "q")
    assert type(got) is float
    assert got == float(value)


@pytest.mark.parametrize(
    "value", [math.nan, math.inf, -math.inf, True, False, np.bool_(True), "1", None, [1.0], 1 + 2j, np.array([1.0])]
)
def test_check_number_rejects_everything_else(value):
    with pytest.raises(ValueError, match=r"^q must be a finite number in \[-inf, inf\], got "):
        check_number(value, "q")


def test_check_number_bounds_are_inclusive():
    assert check_number(0, "y", low=0.0, high=1.0) == 0.0
    assert check_number(1, "y", low=0.0, high=1.0) == 1.0
    for bad in (-1e-300, 1.0000000000000002):
        with pytest.raises(ValueError, match=r"^y must be a finite number in \[0.0, 1.0\]"):
            check_number(bad, "y", low=0.0, high=1.0)


@settings(max_examples=100, deadline=None)
@given(value=st.floats(allow_nan=True, allow_infinity=True), low=st.floats(-10, 0), high=st.floats(0, 10))
def test_check_number_in_range_iff_finite_and_between(value, low, high):
    ok = math.isfinite(value) and low <= value <= high
    if ok:
        assert check_number(value, "v", low=low, high=high) == value
    else:
        with pytest.raises(ValueError, match=r"^v must"):
            check_number(value, "v", low=low, high=high)


# check_vector -----------------------------------------------------------------------------------


def test_check_vector_forms():
    assert check_vector(2.5, "x").tolist() == [2.5]
    assert check_vector(np.float64(2.5), "x").tolist() == [2.5]
    assert check_vector([1, 2], "x").tolist() == [1.0, 2.0]
    assert check_vector((1.0, -2.0, 3.0), "x").tolist() == [1.0, -2.0, 3.0]
    got = check_vector(np.array([1, 2], dtype=np.int64), "x")
    assert got.dtype == np.float64 and got.tolist() == [1.0, 2.0]
    assert check_vector([0.0] * MAX_FEATURES, "x").shape == (MAX_FEATURES,)


@pytest.mark.parametrize(
    ("values", "match"),
    [
        ([], r"^x must hold 1 to 64 numbers, got 0"),
        (np.array([]), r"^x must hold 1 to 64 numbers, got 0"),
        ([0.0] * (MAX_FEATURES + 1), r"^x must hold 1 to 64 numbers, got 65"),
        ("12", r"^x must be a sequence of finite numbers"),
        (b"12", r"^x must be a sequence"),
        (None, r"^x must be a sequence"),
        (True, r"^x must be a sequence"),
        ({1.0, 2.0}, r"^x must be a sequence"),
        (iter([1.0, 2.0]), r"^x must be a sequence"),
        ([1.0, math.nan], r"^x\[1\] must be a finite number"),
        ([math.inf], r"^x\[0\] must be a finite number"),
        ([1.0, "2"], r"^x\[1\] must"),
        ([None], r"^x\[0\] must"),
        ([False, 1.0], r"^x\[0\] must"),
        (np.array([True, False]), r"^x\[0\] must"),
        ([[1.0, 2.0]], r"^x\[0\] must"),
        (np.array([[1.0, 2.0]]), r"^x\[0\] must"),
    ],
)
def test_check_vector_rejects(values, match):
    with pytest.raises(ValueError, match=match):
        check_vector(values, "x")


# check_example ----------------------------------------------------------------------------------


def test_check_example_returns_checked_values():
    x, y, w, b = check_example([1, 2], 1, (0.5, 0.25), 0)
    assert x.tolist() == [1.0, 2.0] and w.tolist() == [0.5, 0.25]
    assert (y, b) == (1.0, 0.0) and type(y) is float and type(b) is float


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (([1.0, 2.0], 1.0, [1.0], 0.0), r"^x and w must have the same length n >= 1, got 2 and 1"),
        (([1.0], 1.0, [1.0, 2.0], 0.0), r"^x and w must have the same length"),
        (([], 1.0, [], 0.0), r"^x must hold 1 to"),
        (([1.0], 1.0, [], 0.0), r"^w must hold 1 to"),
        (([1.0], 1.5, [1.0], 0.0), r"^y must be a finite number in \[0.0, 1.0\]"),
        (([1.0], -0.0001, [1.0], 0.0), r"^y must"),
        (([1.0], math.nan, [1.0], 0.0), r"^y must"),
        (([1.0], None, [1.0], 0.0), r"^y must"),
        (([1.0], True, [1.0], 0.0), r"^y must"),
        (([1.0], 1.0, [1.0], math.nan), r"^b must"),
        (([1.0], 1.0, [1.0], "0"), r"^b must"),
        (([1.0], 1.0, [math.inf], 0.0), r"^w\[0\] must"),
    ],
)
def test_check_example_rejects(args, match):
    with pytest.raises(ValueError, match=match):
        check_example(*args)


# check_choice, check_lr, check_steps ------------------------------------------------------------


def test_check_choice():
    assert check_choice("squared", "loss", LOSSES) == "squared"
    for bad in ("mse", "", None, 1, ["squared"], "SQUARED"):
        with pytest.raises(ValueError, match=r"^loss must be one of cross_entropy, squared; got "):
            check_choice(bad, "loss", LOSSES)


def test_check_lr():
    assert check_lr(0.5) == 0.5
    assert check_lr(1) == 1.0
    assert check_lr(5e-324) == 5e-324
    for bad in (0, 0.0, -0.0, -1.0):
        with pytest.raises(ValueError, match=r"^lr must be a finite number"):
            check_lr(bad)
    for bad in (math.inf, math.nan, "0.5", None, True):
        with pytest.raises(ValueError, match=r"^lr must"):
            check_lr(bad)


def test_check_steps():
    assert check_steps(0) == 0
    assert check_steps(MAX_STEPS) == MAX_STEPS
    assert check_steps(np.int64(12)) == 12 and type(check_steps(np.int64(12))) is int
    for bad in (-1, MAX_STEPS + 1, 1.0, 2.5, "3", None, True, np.bool_(False), math.inf):
        with pytest.raises(ValueError, match=r"^steps must be an integer in \[0, 100000\]"):
            check_steps(bad)


# check_dataset ----------------------------------------------------------------------------------


def test_check_dataset_returns_float_arrays():
    X, y, w, b = check_dataset([[1, 2], [3, 4]], [1, 0], [0.5, 0.25], 0)
    assert X.dtype == np.float64 and X.shape == (2, 2)
    assert y.dtype == np.float64 and y.tolist() == [1.0, 0.0]
    assert w.tolist() == [0.5, 0.25] and b == 0.0
    X, *_ = check_dataset(np.ones((3, 1), dtype=np.float32), np.zeros(3, dtype=np.uint8), [1.0], 0.0)
    assert X.dtype == np.float64


def test_check_dataset_size_limits():
    check_dataset(np.zeros((MAX_EXAMPLES, 1)), np.zeros(MAX_EXAMPLES), [0.0], 0.0)
    with pytest.raises(ValueError, match=r"^X must have shape \(m, n\) with 1 <= m <= 100000"):
        check_dataset(np.zeros((MAX_EXAMPLES + 1, 1)), np.zeros(MAX_EXAMPLES + 1), [0.0], 0.0)
    check_dataset(np.zeros((1, MAX_FEATURES)), [0.0], [0.0] * MAX_FEATURES, 0.0)
    with pytest.raises(ValueError, match=r"^X must have shape"):
        check_dataset(np.zeros((1, MAX_FEATURES + 1)), [0.0], [0.0] * (MAX_FEATURES + 1), 0.0)


@pytest.mark.parametrize(
    ("X", "y", "match"),
    [
        ([[True, False]], [1.0], r"^X must hold numbers \(not bool, str or None\)"),
        ([[1.0, True]], [1.0], r"^X must hold numbers \(not bool, str or None\), got a bool"),
        ([[1.0, 2.0]], [1, False], r"^y must hold numbers"),
        (np.array([[1.0, 2.0]]) > 1, [1.0], r"^X must hold numbers"),
        ([["1.5", "2"]], [1.0], r"^X must hold numbers"),
        ([[None, 1.0]], [1.0], r"^X must hold numbers"),
        (None, [1.0], r"^X must hold numbers"),
        ([[1.0 + 1j, 2.0]], [1.0], r"^X must hold numbers"),
        ([[1.0, 2.0]], [True], r"^y must hold numbers"),
        ([[1.0, 2.0]], ["1"], r"^y must hold numbers"),
        ([[1.0, 2.0]], None, r"^y must hold numbers"),
        ([[1.0, 2.0], [1.0]], [1.0, 0.0], r"^X and y must be numeric arrays"),
        ([[1.0, 2.0]], [1.0, 0.0], r"^y must have shape \(1,\) to match X, got \(2,\)"),
        ([[1.0, 2.0]], [[1.0]], r"^y must have shape"),
        ([[1.0, 2.0], [math.nan, 0.0]], [1.0, 0.0], r"^X must hold finite numbers; row 1 does not"),
        ([[1.0, 2.0], [0.0, 0.0]], [1.0, 2.0], r"^y must hold numbers in \[0, 1\]; row 1 holds 2.0"),
        ([[1.0, 2.0], [0.0, 0.0]], [-math.inf, 1.0], r"^y must hold numbers in \[0, 1\]; row 0"),
    ],
)
def test_check_dataset_rejects(X, y, match):
    with pytest.raises(ValueError, match=match):
        check_dataset(X, y, [0.5, 0.25], 0.0)


def test_check_dataset_rejects_bad_parameters():
    with pytest.raises(ValueError, match=r"^w must have length n = 2 to match X, got 3"):
        check_dataset([[1.0, 2.0]], [1.0], [0.5, 0.25, 0.0], 0.0)
    with pytest.raises(ValueError, match=r"^w\[0\] must"):
        check_dataset([[1.0, 2.0]], [1.0], [math.nan, 0.25], 0.0)
    with pytest.raises(ValueError, match=r"^b must"):
        check_dataset([[1.0, 2.0]], [1.0], [0.5, 0.25], math.inf)


@pytest.mark.parametrize(
    "value", [10**400, -(10**400), 2**1024, Fraction(10**400, 3)], ids=["1e400", "-1e400", "2**1024", "1e400/3"]
)
def test_check_number_refuses_a_number_no_float_holds(value):
    # float(10**400) raises OverflowError; found by tests/test_fuzz_core.py
    for infinite in (False, True):
        with pytest.raises(ValueError, match=r"^b must be a"):
            check_number(value, "b", infinite=infinite)
    with pytest.raises(ValueError, match=r"^x\[0\] must"):
        check_example([value], 1.0, [1.0], 0.0)


def test_check_example_for_a_diverged_row_allows_infinite_parameters_only():
    _, _, w, b = check_example([1.0, 2.0], 1.0, [math.inf, 0.5], -math.inf, diverged=True)
    assert w.tolist() == [math.inf, 0.5] and b == -math.inf
    for args, match in [
        (([1.0], 1.0, [math.nan], 0.0), r"^w\[0\] must be a number \(±inf allowed, not NaN\)"),
        (([1.0], 1.0, [1.0], math.nan), r"^b must"),
        (([math.inf], 1.0, [1.0], 0.0), r"^x\[0\] must be a finite number"),
        (([1.0], math.inf, [1.0], 0.0), r"^y must be a finite number"),
    ]:
        with pytest.raises(ValueError, match=match):
            check_example(*args, diverged=True)

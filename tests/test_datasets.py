"""Data sets: the built-in ones are fixed, a CSV loads whole or not at all with every bad row named."""

import math

import numpy as np
import pytest
from helpers import check_plain_message
from hostile_files import HOSTILE_FILES
from hypothesis import given, settings
from hypothesis import strategies as st

from logreg_viz import batch_descend
from logreg_viz.datasets import BUILTIN, MAX_BYTES, MAX_ROWS, DatasetError, builtin, read_csv, with_point


@pytest.mark.parametrize("name", BUILTIN)
def test_builtin_sets_are_fixed_and_have_both_labels(name):
    a, b = builtin(name), builtin(name)
    assert np.array_equal(a.X, b.X) and np.array_equal(a.y, b.y)
    assert a.n == 2 and set(a.y.tolist()) == {0.0, 1.0} and np.isfinite(a.X).all()


def test_separable_set_is_separated_by_batch_descent_and_the_outlier_is_not():
    for name, expected in (("separable", 1.0), ("outlier", 20 / 21)):
        d = builtin(name)
        h = batch_descend(d.X, d.y, [0.0, 0.0], 0.0, lr=1.0, steps=300)
        predicted = (d.X @ h.w[-1] + h.b[-1] > 0).astype(float)
        assert np.mean(predicted == d.y) == pytest.approx(expected)


def test_a_good_csv_loads_in_column_order_whatever_the_header_order():
    d = read_csv(b"y,x2,x1\n1,2.5,-1\n0,0,3e2\n")
    assert d.X.tolist() == [[-1.0, 2.5], [300.0, 0.0]] and d.y.tolist() == [1.0, 0.0]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\n\n  \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        ("é".encode("latin-1") + b",y\n", "UTF-8"),
        (b"x" * (MAX_BYTES + 1), "limit"),
        (b"x1,x2\n1,2\n3,4\n", "no column named y"),
        (b"a,y\n1,1\n2,0\n", "no feature columns"),
        (b"x1,x3,y\n1,2,1\n3,4,0\n", "x1 … xn"),
        (b"x1,x2,y\n1,2,1\n", "two examples"),
        (b"x1,x2,y\n1,2,1\n1,2,1\n", "every label is 1"),
        (b"x1,x2,y\n1,nan,1\n3,4,0\n", "row 2: x2 = ` nan ` is not a finite number"),
        (b"x1,x2,y\n1,2,1\n3,abc,0\n5,6\n7,8,0.5\n", "row 3: x2 = ` abc `"),
        (b"x1,x2,y\n1,2,1\n3,4,0\n5,6\n", "row 4: 2 cells, expected 3"),
        (b"x1,x2,y\n1,2,1\n3,4,-1\n", "row 3: y = ` -1 ` is not 0 or 1"),
        (b"x1,x2,y\n1,2,1\n3,1e9,0\n", "beyond ±10000"),
    ],
)
def test_a_bad_csv_is_refused_whole_with_its_reasons(data, message):
    with pytest.raises(DatasetError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_csv(data)


def test_every_bad_row_is_named_up_to_a_handful():
    rows = "\n".join(f"{i},x,1" for i in range(20))
    with pytest.raises(DatasetError) as err:
        read_csv("x1,x2,y\n" + rows + "\n1,2,0\n")
    text = str(err.value)
    assert "row 2:" in text and "row 9:" in text and "and 12 more bad rows" in text


def test_a_hundred_thousand_rows_are_refused_by_size_or_count():
    big = "x1,x2,y\n" + "\n".join("1,2,1" for _ in range(100_000))
    with pytest.raises(DatasetError, match="limit"):
        read_csv(big.encode())


def test_with_point_appends_one_example_and_leaves_the_original_alone():
    data = builtin("separable")
    grown = with_point(data, 1.25, -0.5, 0)
    assert grown.X.shape == (21, 2) and list(grown.X[-1]) == [1.25, -0.5] and grown.y[-1] == 0.0
    assert np.array_equal(grown.X[:-1], data.X) and np.array_equal(grown.y[:-1], data.y)
    assert data.X.shape == (20, 2)


@pytest.mark.parametrize(
    ("x1", "x2", "label", "says"),
    [
        (math.nan, 0.0, 1, "x1"),
        (0.0, math.inf, 1, "x2"),
        (100.5, 0.0, 1, "beyond ±100"),
        ("1", 0.0, 1, "x1"),
        (True, 0.0, 1, "x1"),
        (0.0, 0.0, 2, "not 0 or 1"),
        (0.0, 0.0, math.nan, "not 0 or 1"),
        (0.0, 0.0, "1", "not 0 or 1"),
    ],
)
def test_with_point_refuses_a_bad_point_naming_it(x1, x2, label, says):
    with pytest.raises(DatasetError, match=says):
        with_point(builtin("outlier"), x1, x2, label)


def test_with_point_needs_two_features_and_room():
    one = read_csv("x1,y\n0,0\n1,1\n")
    with pytest.raises(DatasetError, match="two-feature"):
        with_point(one, 0.0, 0.0, 1)
    full = read_csv("x1,x2,y\n" + "\n".join(f"{i % 7},{i % 5},{i % 2}" for i in range(MAX_ROWS)))
    with pytest.raises(DatasetError, match="limit"):
        with_point(full, 0.0, 0.0, 1)


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ("x²,y\n1,0\n2,1\n", "unknown column ` x² `"),  # int('²') raised ValueError
        ("x1,y\n" + "1" * 140_000 + ",0\n2,1\n", "a cell of more than 131,072"),  # csv.Error: field over csv's limit
    ],
    ids=["superscript two", "a cell of 140 000 characters"],
)
def test_a_file_csv_cannot_parse_is_a_dataset_error(data, says):
    with pytest.raises(DatasetError, match=says):
        read_csv(data)


def test_a_lone_carriage_return_ends_a_row():
    # csv.Error "new-line character seen in unquoted field" before; found by tests/test_fuzz_core.py
    d = read_csv("x1,y\r1,0\r2,1\r")
    assert d.X.tolist() == [[1.0], [2.0]] and d.y.tolist() == [0.0, 1.0]


@pytest.mark.parametrize(
    ("x1", "label", "says"),
    [
        (10**400, 1, "x1"),  # math.isfinite(10**400) raised OverflowError
        (1.0, np.array([0.0, 1.0]), "not 0 or 1"),  # `label in (0, 1)` raised numpy's ambiguous-truth ValueError
        (1.0, np.array([1.0]), "not 0 or 1"),
        (1.0, np.bool_(True), "not 0 or 1"),
    ],
    ids=["x1 = 10**400", "two labels", "a label in an array", "numpy True"],
)
def test_with_point_refuses_hostile_values_as_a_dataset_error(x1, label, says):
    with pytest.raises(DatasetError, match=says):
        with_point(builtin("separable"), x1, 0.0, label)


def test_with_point_takes_any_real_number():
    from fractions import Fraction

    grown = with_point(builtin("separable"), np.float32(1.5), Fraction(1, 4), np.int64(1))
    assert grown.X[-1].tolist() == [1.5, 0.25] and grown.y[-1] == 1.0


@pytest.mark.parametrize("name", list(HOSTILE_FILES))
def test_a_hostile_file_is_refused_with_its_reason_or_read(name):
    data, says = HOSTILE_FILES[name]
    if says is None:
        d = read_csv(data)
        assert d.X.tolist() == [[1.0, 2.0], [3.0, 4.0]] and d.y.tolist() == [1.0, 0.0]
        return
    with pytest.raises(DatasetError) as err:
        read_csv(data)
    message = str(err.value)
    assert says in message, message
    check_plain_message(message)  # the file's text only inside code spans: shown, never formatted
    assert len(message) < 1200


def test_a_refusal_lists_the_first_problems_and_counts_the_rest():
    rows = "\n".join(f"{i},**{i}**,1" for i in range(300))
    with pytest.raises(DatasetError) as err:
        read_csv("x1,x2,y\n" + rows + "\n")
    text = str(err.value)
    assert text.count("row ") == 8 and "and 292 more bad rows" in text and len(text) < 800


@settings(max_examples=400, deadline=None, derandomize=True)
@given(
    st.binary(max_size=300)
    | st.text(max_size=200).map(str.encode)
    | st.sampled_from([d for d, _ in HOSTILE_FILES.values()])
)
def test_any_bytes_load_or_are_refused_as_a_dataset_error(data):
    try:
        d = read_csv(data)
    except DatasetError as err:
        check_plain_message(str(err))
        return
    assert np.isfinite(d.X).all() and set(d.y.tolist()) == {0.0, 1.0} and 2 <= len(d.y) <= MAX_ROWS

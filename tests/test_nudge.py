"""nudge: the central-difference slope equals the analytic derivative for every target."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from logreg_viz import nudge

FAST = settings(max_examples=80, deadline=None)
LOSSES = ("cross_entropy", "squared")
A1 = 0.7310585786300049  # σ(1)


def analytic(x, y, w, b, target, loss) -> float:
    """dL/d(target) from the lecture's formulas, by hand."""
    z = math.fsum(xi * wi for xi, wi in zip(x, w)) + b
    a = 1 / (1 + math.exp(-z))
    if loss == "cross_entropy":
        dL_da = -y / a + (1 - y) / (1 - a)
        dz = a - y
    else:
        dL_da = a - y
        dz = (a - y) * a * (1 - a)
    if target == "a":
        return dL_da
    if target in ("z", "b") or (target[0] == "w" and "x" in target):  # z, b and every w_i·x_i move z one for one
        return dz
    i = int(target[1:]) - 1
    return (w[i] if target[0] == "x" else x[i]) * dz  # dL/dx_i = w_i·dz, dL/dw_i = x_i·dz


def targets(n: int) -> list[str]:
    return [*(f"x{i + 1}" for i in range(n)), *(f"w{i + 1}" for i in range(n)), "b", "z", "a"] + [
        f"w{i + 1}x{i + 1}" for i in range(n)
    ]


@pytest.mark.parametrize(
    ("target", "want"),
    [
        ("x1", 0.5 * (A1 - 1)),
        ("x2", 0.25 * (A1 - 1)),
        ("w1", A1 - 1),
        ("w2", 2 * (A1 - 1)),
        ("b", A1 - 1),
        ("z", A1 - 1),
        ("w1x1", A1 - 1),
        ("w2x2", A1 - 1),
        ("a", -1 / A1),
    ],
)
def test_hand_example_cross_entropy(target, want):
    got = nudge([1.0, 2.0], 1, [0.5, 0.25], 0.0, target)
    assert got == pytest.approx(want, rel=1e-7)


@pytest.mark.parametrize(
    ("target", "want"),
    [
        ("w2", 2 * (A1 - 1) * A1 * (1 - A1)),
        ("x1", 0.5 * (A1 - 1) * A1 * (1 - A1)),
        ("z", (A1 - 1) * A1 * (1 - A1)),
        ("a", A1 - 1),
    ],
)
def test_hand_example_squared(target, want):
    got = nudge([1.0, 2.0], 1, [0.5, 0.25], 0.0, target, loss="squared")
    assert got == pytest.approx(want, rel=1e-7)


def test_hand_example_label_zero():
    # y = 0: dL/da = 1/(1 − a), dz = a
    assert nudge([1.0, 2.0], 0, [0.5, 0.25], 0.0, "a") == pytest.approx(1 / (1 - A1), rel=1e-7)
    assert nudge([1.0, 2.0], 0, [0.5, 0.25], 0.0, "w2") == pytest.approx(2 * A1, rel=1e-7)


small = st.floats(-1.0, 1.0, allow_nan=False)
labels = st.one_of(st.sampled_from([0.0, 1.0]), st.floats(0.0, 1.0))


@FAST
@given(
    n=st.integers(1, 4),
    loss=st.sampled_from(LOSSES),
    eps=st.sampled_from([1e-6, 1e-5, 1e-4]),
    data=st.data(),
)
def test_nudge_equals_the_analytic_derivative(n, loss, eps, data):
    x = data.draw(st.lists(small, min_size=n, max_size=n))
    w = data.draw(st.lists(small, min_size=n, max_size=n))
    y, b = data.draw(labels), data.draw(small)
    target = data.draw(st.sampled_from(targets(n)))
    got = nudge(x, y, w, b, target, eps=eps, loss=loss)
    want = analytic(x, y, w, b, target, loss)
    # central-difference error ε²·|L‴|/6 plus rounding ~1e-16·L/ε. L‴ is small in z (|z| <= 5), but in a it is
    # −2y/a³ + 2(1−y)/(1−a)³ for cross-entropy, large where a nears 0 or 1
    tol = 1e-8
    if target == "a" and loss == "cross_entropy":
        a = 1 / (1 + math.exp(-(math.fsum(xi * wi for xi, wi in zip(x, w)) + b)))
        tol += eps * eps * (2 * y / a**3 + 2 * (1 - y) / (1 - a) ** 3) / 3
    assert got == pytest.approx(want, rel=1e-6, abs=tol), target


def test_every_target_of_a_larger_example():
    x, y, w, b = [0.5, -1.0, 2.0], 0.3, [0.2, 0.4, -0.1], 0.05
    for loss in LOSSES:
        for target in targets(3):
            assert nudge(x, y, w, b, target, loss=loss) == pytest.approx(
                analytic(x, y, w, b, target, loss), rel=1e-6, abs=1e-9
            ), (loss, target)


def test_a_is_nudged_directly_not_through_z():
    # at y = 1 the slope in a is −1/a, while the slope in z is a − 1: different numbers, each right
    da = nudge([1.0], 1, [1.0], 0.0, "a")
    dz = nudge([1.0], 1, [1.0], 0.0, "z")
    assert da == pytest.approx(-1 / A1, rel=1e-7)
    assert dz == pytest.approx(A1 - 1, rel=1e-7)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"target": "L"}, r"^target must be one of x1, x2, w1, w2, b, z, a, w1x1, w2x2"),
        ({"target": "x3"}, r"^target must"),
        ({"target": "w1x2"}, r"^target must"),
        ({"target": "y"}, r"^target must"),
        ({"target": None}, r"^target must"),
        ({"target": "b", "eps": 0.0}, r"^eps must be a finite number in \[1e-12, 1.0\]"),
        ({"target": "b", "eps": 1e-13}, r"^eps must"),
        ({"target": "b", "eps": 2.0}, r"^eps must"),
        ({"target": "b", "eps": math.nan}, r"^eps must"),
        ({"target": "b", "loss": "hinge"}, r"^loss must be one of"),
        ({"target": "b", "w": [0.5]}, r"x and w must have the same length"),
        ({"target": "b", "y": 1.5}, r"^y must"),
        ({"target": "b", "x": [1.0, math.inf]}, r"^x\[1\] must"),
    ],
)
def test_bad_arguments(kwargs, match):
    args = {"x": [1.0, 2.0], "y": 1.0, "w": [0.5, 0.25], "b": 0.0, **kwargs}
    with pytest.raises(ValueError, match=match):
        nudge(**args)


def test_nudge_where_the_loss_is_infinite_on_both_sides_is_zero_not_nan():
    # w·x = 2·10³¹⁰ overflows to +∞ for any small nudge; with y = 0 the loss is +∞ on both sides
    assert nudge([1e10, 1e10], 0.0, [1e300, 1e300], 0.0, "w1") == 0.0


def test_nudge_of_an_undefined_logit_is_not_nan():
    value = nudge([1e10, 1e10], 1.0, [1e300, -1e300], 0.0, "b")
    assert not math.isnan(value)


def test_nudge_table_puts_the_secant_beside_every_backward_derivative():
    from logreg_viz.nudge import nudge_table

    rows = nudge_table([1.0, 2.0], 1.0, [0.5, 0.25], 0.0, view="expanded", eps=1e-5)
    assert [r.name for r in rows] == ["w1", "w2", "b", "x1", "x2", "w1x1", "w2x2", "z", "a"]
    a = 1 / (1 + math.exp(-1.0))
    by_name = {r.name: r for r in rows}
    assert by_name["w2"].analytic == pytest.approx(2 * (a - 1), rel=1e-14)
    assert by_name["a"].analytic == pytest.approx(-1 / a, rel=1e-14)
    for r in rows:
        assert r.comparable and r.estimate == pytest.approx(r.analytic, rel=1e-6)

"""surface: loss_grid against the loss computed directly at the grid's parameters; trajectory_ranges' containment."""

from __future__ import annotations

import math
from decimal import Decimal, localcontext

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from logreg_viz import descend, loss_grid, param_names, trajectory_ranges
from logreg_viz.surface import MAX_GRID

FAST = settings(max_examples=40, deadline=None)
LOSSES = ("cross_entropy", "squared")


def direct_loss(X, y, theta, loss) -> float:
    """Average loss at parameters θ = (w1 … wn, b), from the lecture's formulas in 40-digit decimal."""
    with localcontext() as ctx:
        ctx.prec = 40
        *w, b = (Decimal(t) for t in theta)
        total = Decimal(0)
        for xj, yj in zip(X, y):
            z = sum((Decimal(xi) * wi for xi, wi in zip(xj, w)), Decimal(0)) + b
            a, Y = 1 / (1 + (-z).exp()), Decimal(yj)
            if loss == "squared":
                total += (a - Y) ** 2 / 2
            else:
                total += -(Y * a.ln() + (1 - Y) * (1 / (1 + z.exp())).ln())
        return float(total / len(X))


def test_param_names():
    assert param_names(1) == ["w1", "b"]
    assert param_names(3) == ["w1", "w2", "w3", "b"]


# Hand-checkable grids -----------------------------------------------------------------------------


def test_single_example_w1_w2_every_point():
    # x = (1, 2), y = 1, b = 0: z = u·1 + v·2 on the grid
    s = loss_grid([1.0, 2.0], 1.0, [0.5, 0.25], 0.0, 0, 1, (-1.0, 1.0), (-2.0, 2.0), points=5)
    assert s.u.tolist() == [-1.0, -0.5, 0.0, 0.5, 1.0]
    assert s.v.tolist() == [-2.0, -1.0, 0.0, 1.0, 2.0]
    assert s.loss.shape == (5, 5)
    assert (s.i, s.j) == (0, 1)
    for iv, v in enumerate(s.v):
        for iu, u in enumerate(s.u):
            z = u * 1.0 + v * 2.0
            assert s.loss[iv, iu] == pytest.approx(math.log1p(math.exp(-z)), rel=1e-13), (iu, iv)
    # at (w1, w2) = (0.5, 0.25) itself the surface is the hand example's loss, z = 1
    s = loss_grid([1.0, 2.0], 1.0, [0.5, 0.25], 0.0, 0, 1, (0.5, 1.5), (0.25, 1.25), points=2)
    assert s.loss[0, 0] == pytest.approx(0.31326168751822286, rel=1e-14)


def test_single_example_w1_b_every_point():
    # x = (1, 2), y = 0, w2 held at 0.25: z = u + 0.5 + v
    s = loss_grid([1.0, 2.0], 0.0, [0.5, 0.25], 0.0, 0, 2, (-1.0, 1.0), (-3.0, 0.0), points=4)
    assert s.v.tolist() == [-3.0, -2.0, -1.0, 0.0]
    for iv, v in enumerate(s.v):
        for iu, u in enumerate(s.u):
            z = u + 0.5 + v
            assert s.loss[iv, iu] == pytest.approx(math.log1p(math.exp(z)), rel=1e-13), (iu, iv)


def test_axes_can_be_swapped():
    # (i, j) = (2, 0): u is b, v is w1, so loss[v, u] is the transpose of the (0, 2) grid
    X, y, w, b = [2.0, -2.0], 1.0, [0.3, 0.7], 0.1  # ∂z/∂w1 = 2, ∂z/∂b = 1
    s02 = loss_grid(X, y, w, b, 0, 2, (-1.0, 1.0), (-1.0, 1.0), points=7)
    s20 = loss_grid(X, y, w, b, 2, 0, (-1.0, 1.0), (-1.0, 1.0), points=7)
    assert s20.loss == pytest.approx(s02.loss.T, rel=1e-14)
    assert not np.allclose(s02.loss, s02.loss.T)  # an asymmetric surface, so the test can tell


def test_batch_average_by_hand():
    # two examples, pair (w1, b); each point the mean of two losses
    X = [[1.0, 0.0], [-1.0, 3.0]]
    s = loss_grid(X, [1.0, 0.0], [0.0, 0.5], 0.0, 0, 2, (-1.0, 1.0), (-1.0, 1.0), points=3)
    for iv, v in enumerate(s.v):
        for iu, u in enumerate(s.u):
            z1, z2 = u + v, -u + 1.5 + v
            want = (math.log1p(math.exp(-z1)) + math.log1p(math.exp(z2))) / 2
            assert s.loss[iv, iu] == pytest.approx(want, rel=1e-13)


# Against the direct loss, over bounded floats -----------------------------------------------------

small = st.floats(-2.0, 2.0, allow_nan=False)
labels = st.one_of(st.sampled_from([0.0, 1.0]), st.floats(0.0, 1.0))


@FAST
@given(
    m=st.integers(1, 3),
    n=st.integers(1, 3),
    points=st.integers(2, 6),
    loss=st.sampled_from(LOSSES),
    single=st.booleans(),
    data=st.data(),
)
def test_grid_points_equal_the_loss_at_those_parameters(m, n, points, loss, single, data):
    if single:
        m = 1
    X = [data.draw(st.lists(small, min_size=n, max_size=n)) for _ in range(m)]
    y = data.draw(st.lists(labels, min_size=m, max_size=m))
    w = data.draw(st.lists(small, min_size=n, max_size=n))
    b = data.draw(small)
    i = data.draw(st.integers(0, n))
    j = data.draw(st.integers(0, n).filter(lambda k: k != i))
    lo_u, lo_v = data.draw(st.floats(-3.0, 0.0)), data.draw(st.floats(-3.0, 0.0))
    u_range, v_range = (lo_u, lo_u + data.draw(st.floats(0.1, 4.0))), (lo_v, lo_v + data.draw(st.floats(0.1, 4.0)))
    if single:
        s = loss_grid(X[0], y[0], w, b, i, j, u_range, v_range, points=points, loss=loss)
    else:
        s = loss_grid(X, y, w, b, i, j, u_range, v_range, points=points, loss=loss)
    assert s.loss.shape == (points, points)
    assert s.u[0] == u_range[0] and s.u[-1] == pytest.approx(u_range[1], rel=1e-15)
    assert np.diff(s.u) == pytest.approx(np.full(points - 1, (u_range[1] - u_range[0]) / (points - 1)), rel=1e-12)
    for iv in sorted({0, points - 1, points // 2}):
        for iu in sorted({0, points - 1, (points - 1) // 2}):
            theta = [*w, b]
            theta[i], theta[j] = float(s.u[iu]), float(s.v[iv])
            want = direct_loss(X, y, theta, loss)
            assert s.loss[iv, iu] == pytest.approx(want, rel=1e-11, abs=1e-14), (iu, iv)


def test_saturated_surface_is_finite_where_the_loss_is():
    # z from −800 to 800 across the grid: the loss stays finite (≈ |z| where wrong), nothing NaN
    s = loss_grid([1.0], 1.0, [0.0], 0.0, 0, 1, (-400.0, 400.0), (-400.0, 400.0), points=3)
    assert np.isfinite(s.loss).all()
    assert s.loss[0, 0] == 800.0  # z = −800, y = 1
    assert s.loss[2, 2] == 0.0
    assert s.loss[1, 1] == pytest.approx(math.log(2), rel=1e-15)


def test_large_grid_shape():
    s = loss_grid([1.0, 2.0], 1.0, [0.5, 0.25], 0.0, 0, 1, (-1.0, 1.0), (-1.0, 1.0), points=MAX_GRID)
    assert s.loss.shape == (MAX_GRID, MAX_GRID)
    iu, iv = 123, 877
    z = s.u[iu] + 2 * s.v[iv]
    assert s.loss[iv, iu] == pytest.approx(math.log1p(math.exp(-z)), rel=1e-12)


# Bad arguments -----------------------------------------------------------------------------------

GOOD = {
    "X": [1.0, 2.0],
    "y": 1.0,
    "w": [0.5, 0.25],
    "b": 0.0,
    "i": 0,
    "j": 1,
    "u_range": (-1.0, 1.0),
    "v_range": (-1.0, 1.0),
}


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"i": -1}, r"^i must be a parameter index in \[0, 2\]"),
        ({"i": 3}, r"^i must be a parameter index"),
        ({"j": 3}, r"^j must be a parameter index"),
        ({"i": 0.0}, r"^i must be a parameter index"),
        ({"j": True}, r"^j must be a parameter index"),
        ({"i": "w1"}, r"^i must be a parameter index"),
        ({"i": None}, r"^i must be a parameter index"),
        ({"j": 0}, r"^i and j must name two different parameters"),
        ({"points": 1}, r"^points must be an integer in \[2, 1000\]"),
        ({"points": MAX_GRID + 1}, r"^points must"),
        ({"points": 10.0}, r"^points must"),
        ({"points": True}, r"^points must"),
        ({"u_range": (math.nan, 1.0)}, r"^u_range must be a finite number"),
        ({"u_range": (0.0, math.inf)}, r"^u_range must"),
        ({"v_range": ("a", 1.0)}, r"^v_range must"),
        ({"loss": "hinge"}, r"^loss must be one of"),
        ({"y": 2.0}, r"^y must hold numbers in \[0, 1\]"),
        ({"w": [0.5]}, r"^w must have length n = 2"),
        ({"X": [1.0, math.nan]}, r"^X must hold finite numbers"),
        ({"X": [[1.0, 2.0]], "y": [1.0, 0.0]}, r"^y must have shape"),
        ({"b": math.nan}, r"^b must"),
    ],
)
def test_loss_grid_rejects_bad_arguments(change, match):
    with pytest.raises(ValueError, match=match):
        loss_grid(**{**GOOD, **change})


# trajectory_ranges -------------------------------------------------------------------------------


def check_contains(params, i, j, margin, min_span):
    (u_lo, u_hi), (v_lo, v_hi) = trajectory_ranges(params, i, j, margin=margin, min_span=min_span)
    for (lo_r, hi_r), col in (((u_lo, u_hi), i), ((v_lo, v_hi), j)):
        values = np.asarray(params, dtype=float)[:, col]
        values = values[np.isfinite(values)]
        assert math.isfinite(lo_r) and math.isfinite(hi_r)
        if values.size == 0:
            assert hi_r - lo_r >= min_span
            continue
        lo, hi = float(values.min()), float(values.max())
        span = max(hi - lo, min_span)
        slack = 1e-12 * max(1.0, abs(lo), abs(hi))
        # every finite point inside, with the margin (a fraction of the span) on each side …
        assert lo_r <= lo - margin * (hi - lo) + slack
        assert hi_r >= hi + margin * (hi - lo) - slack
        assert hi_r - lo_r >= min_span * (1 + 2 * margin) - slack
        # … and no more than that: the span plus a margin on each side
        assert hi_r - lo_r <= span * (1 + 2 * margin) + slack
        assert (lo_r + hi_r) / 2 == pytest.approx((lo + hi) / 2, abs=slack)


finite_or_not = st.one_of(
    st.floats(-1e6, 1e6, allow_nan=False),
    st.sampled_from([math.inf, -math.inf, math.nan]),
)


@settings(max_examples=100, deadline=None)
@given(
    rows=st.integers(1, 12),
    cols=st.integers(2, 4),
    margin=st.floats(0.0, 1.0),
    min_span=st.floats(0.0, 10.0),
    data=st.data(),
)
def test_trajectory_ranges_contain_every_finite_point(rows, cols, margin, min_span, data):
    params = np.array([data.draw(st.lists(finite_or_not, min_size=cols, max_size=cols)) for _ in range(rows)])
    i = data.draw(st.integers(0, cols - 1))
    j = data.draw(st.integers(0, cols - 1))
    check_contains(params, i, j, margin, min_span)


def test_trajectory_ranges_by_hand():
    params = np.array([[0.0, 1.0, -1.0], [2.0, 1.0, -3.0], [math.inf, math.nan, -math.inf]])
    (u_lo, u_hi), (v_lo, v_hi) = trajectory_ranges(params, 0, 2, margin=0.25, min_span=1.0)
    assert (u_lo, u_hi) == (-0.5, 2.5)  # [0, 2], span 2, margin 0.5 each side
    assert (v_lo, v_hi) == (-3.5, -0.5)  # [−3, −1]
    (u_lo, u_hi), _ = trajectory_ranges(params, 1, 0, margin=0.25, min_span=1.0)
    assert (u_lo, u_hi) == (0.25, 1.75)  # one value, 1: the min_span of 1 plus the margin


def test_trajectory_ranges_hold_a_real_descent():
    h = descend([1.0, -2.0], 1, [0.3, 0.8], -0.2, lr=0.5, steps=50)
    for i in range(3):
        for j in range(3):
            check_contains(h.params, i, j, 0.25, 1.0)


def test_trajectory_ranges_of_a_diverged_run_skip_the_infinities():
    h = descend([1e200], 1, [0.0], 0.0, lr=1e200, steps=3)
    (u_lo, u_hi), (v_lo, v_hi) = trajectory_ranges(h.params, 0, 1)
    assert math.isfinite(u_lo) and math.isfinite(u_hi)
    assert u_lo < 0.0 < u_hi  # only w = 0 is finite
    assert v_lo < h.b[0] and h.b[-1] < v_hi


@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        ((np.zeros((3, 3)), -1, 0), {}, r"^i must be a column index in \[0, 2\]"),
        ((np.zeros((3, 3)), 0, 3), {}, r"^j must be a column index"),
        ((np.zeros((3, 3)), 1.0, 0), {}, r"^i must"),
        ((np.zeros((3, 3)), True, 0), {}, r"^i must"),
        ((np.zeros(3), 0, 1), {}, r"^params must be a \(K \+ 1, n \+ 1\) array"),
        ((np.zeros((2, 3, 3)), 0, 1), {}, r"^params must"),
        (([["a", "b"], ["c", "d"]], 0, 1), {}, r"^params must"),
        ((np.zeros((3, 3)), 0, 1), {"margin": math.nan}, r"^margin must"),
        ((np.zeros((3, 3)), 0, 1), {"margin": -0.1}, r"^margin must"),
        ((np.zeros((3, 3)), 0, 1), {"min_span": math.inf}, r"^min_span must"),
    ],
)
def test_trajectory_ranges_rejects_bad_arguments(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        trajectory_ranges(*args, **kwargs)


def test_ranges_feed_loss_grid():
    h = descend([1.0, 2.0], 1, [0.5, 0.25], 0.0, lr=0.5, steps=20)
    u_range, v_range = trajectory_ranges(h.params, 0, 1)
    s = loss_grid(h.x, h.y, h.w[0], float(h.b[0]), 0, 1, u_range, v_range, points=9)
    assert s.u[0] <= h.w[:, 0].min() and h.w[:, 0].max() <= s.u[-1]
    assert s.v[0] <= h.w[:, 1].min() and h.w[:, 1].max() <= s.v[-1]


@pytest.mark.parametrize("u_range", [None, (0.0,), "ab", (0.0, 1.0, 2.0)])
def test_loss_grid_names_a_bad_range(u_range):
    with pytest.raises(ValueError, match=r"^u_range"):
        loss_grid([1.0, 2.0], 1.0, [0.0, 0.0], 0.0, 0, 1, u_range, (0.0, 1.0))


def test_loss_grid_names_ragged_data():
    with pytest.raises(ValueError, match="X and y must be numeric"):
        loss_grid([[1.0, 2.0], [3.0]], [1.0, 0.0], [0.0, 0.0], 0.0, 0, 1, (0.0, 1.0), (0.0, 1.0))


def test_loss_grid_where_the_start_overflows_but_the_grid_does_not():
    # z = 1e308·w1 + b: at w1 = 10 it is ∞, and z₀ − θ_i·c_i gave ∞ − ∞ = NaN on the whole grid;
    # on the grid, w1 ∈ [−1, 1], z is finite (found by tests/test_fuzz_core.py)
    s = loss_grid([1e308], 1.0, [10.0], 0.0, 0, 1, (-1.0, 1.0), (-1.0, 1.0), points=3)
    assert s.loss[1, 2] == pytest.approx(0.0) and s.loss[1, 0] == pytest.approx(1e308)
    assert s.loss[1, 1] == pytest.approx(math.log(2))
    assert not np.isnan(s.loss).any()


def test_loss_grid_takes_an_undefined_logit_at_its_worst():
    # 1e308·u + 1e308·v + (−1e308·…): where the terms overflow to +∞ and −∞, the loss is +∞, never NaN
    s = loss_grid([[1e308, 1e308]], [1.0], [0.0, 0.0], 0.0, 0, 1, (-10.0, 10.0), (-10.0, 10.0), points=3)
    assert not np.isnan(s.loss).any() and s.loss[0, 2] == math.inf


@pytest.mark.parametrize(
    ("u_range", "match"),
    [
        (np.array(1.0), r"^u_range must be a pair"),  # len() of a 0-d array raised TypeError
        (np.zeros((2, 2)), r"^u_range must be a pair"),
        ((-1e308, 1e308), r"^u_range must span less than the largest float"),  # linspace stepped by ∞: NaN axis
    ],
)
def test_loss_grid_names_a_range_it_cannot_lay_out(u_range, match):
    with pytest.raises(ValueError, match=match):
        loss_grid([1.0, 2.0], 1.0, [0.0, 0.0], 0.0, 0, 1, u_range, (0.0, 1.0))


def test_loss_grid_axis_can_span_almost_the_largest_float():
    with np.errstate(over="raise", invalid="raise"):  # no overflow warning either
        s = loss_grid([1.0], 0.0, [0.0], 0.0, 0, 1, (0.0, 1.0), (-1.7976931348623157e308, 0.0), points=25)
    assert s.v[0] == -1.7976931348623157e308 and s.v[-1] == 0.0 and np.isfinite(s.v).all()


def test_trajectory_ranges_names_ragged_params():
    with pytest.raises(ValueError, match=r"^params must be a \(K \+ 1, n \+ 1\) array"):
        trajectory_ranges([[1.0, 2.0], [3.0]], 0, 1)


@pytest.mark.parametrize(
    ("params", "margin"), [([[0.0], [1.7e308]], 0.25), ([[-7e307], [7e307]], 0.25), ([[0.0], [1.0]], 1e308)]
)
def test_trajectory_ranges_always_feed_loss_grid(params, margin):
    # near the largest float, mid ± half overflowed to ±∞ or to a width of ∞, which loss_grid refuses
    (lo, hi), _ = trajectory_ranges(params, 0, 0, margin=margin)
    assert lo <= hi and math.isfinite(hi - lo)
    loss_grid([1.0], 1.0, [0.0], 0.0, 0, 1, (lo, hi), (0.0, 1.0), points=2)


def test_loss_grid_averages_huge_losses_to_a_number():
    # two losses of 1e308 summed to ∞ before the division by m (with an overflow warning); found by test_fuzz_core.py
    with np.errstate(over="raise", invalid="raise"):
        s = loss_grid([[1e308], [1e308]], [0.0, 0.0], [0.0], 0.0, 0, 1, (1.0, 1.0), (0.0, 0.0), points=2)
    assert s.loss[0, 0] == pytest.approx(1e308)

"""batch: averaged gradients against a per-example loop, full-batch and stochastic descent against plain loops."""

from __future__ import annotations

import math
from decimal import Decimal, localcontext

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from logreg_viz import MAX_STEPS, BatchHistory, batch_descend, batch_forward_backward, forward_backward
from logreg_viz import stochastic_descend as sgd

FAST = settings(max_examples=40, deadline=None)
LOSSES = ("cross_entropy", "squared")


def sigma(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    return math.exp(z) / (1.0 + math.exp(z))


def example_dz(x, y, w, b, loss) -> float:
    """dz for one example in plain Python: a − y, or (a − y)·a(1 − a)."""
    a = sigma(math.fsum(xi * wi for xi, wi in zip(x, w)) + b)
    return a - y if loss == "cross_entropy" else (a - y) * a * (1 - a)


def example_loss(x, y, w, b, loss) -> float:
    """L for one example from the lecture's formula, in 60-digit decimal."""
    with localcontext() as ctx:
        ctx.prec = 60
        z = sum((Decimal(xi) * Decimal(wi) for xi, wi in zip(x, w)), Decimal(0)) + Decimal(b)
        a, Y = 1 / (1 + (-z).exp()), Decimal(y)
        if loss == "squared":
            return float((a - Y) ** 2 / 2)
        return float(-(Y * a.ln() + (1 - Y) * (1 / (1 + z.exp())).ln()))


def loop_average(X, y, w, b, loss):
    """(J, dw, db) as the average over a per-example loop."""
    m, n = len(X), len(w)
    dzs = [example_dz(X[j], y[j], w, b, loss) for j in range(m)]
    dw = [math.fsum(X[j][i] * dzs[j] for j in range(m)) / m for i in range(n)]
    J = math.fsum(example_loss(X[j], y[j], w, b, loss) for j in range(m)) / m
    return J, dw, math.fsum(dzs) / m, dzs


def plain_batch_descend(X, y, w, b, lr, steps, loss):
    ws, bs = [list(w)], [b]
    for _ in range(steps):
        _, dw, db, _ = loop_average(X, y, w, b, loss)
        w = [wi - lr * dwi for wi, dwi in zip(w, dw)]
        b = b - lr * db
        ws.append(list(w))
        bs.append(b)
    return np.array(ws), np.array(bs)


def nan_free(h: BatchHistory) -> bool:
    return not any(np.isnan(arr).any() for arr in (h.w, h.b, h.loss, h.dw, h.db))


small = st.floats(-2.0, 2.0, allow_nan=False)
labels = st.one_of(st.sampled_from([0.0, 1.0]), st.floats(0.0, 1.0))


@st.composite
def datasets(draw, max_m: int = 6):
    m, n = draw(st.integers(1, max_m)), draw(st.integers(1, 4))
    X = [draw(st.lists(small, min_size=n, max_size=n)) for _ in range(m)]
    y = draw(st.lists(labels, min_size=m, max_size=m))
    w = draw(st.lists(small, min_size=n, max_size=n))
    return X, y, w, draw(small)


# batch_forward_backward -------------------------------------------------------------------------


def test_hand_example_two_examples():
    X = [[1.0, 2.0], [-1.0, 0.5]]
    p = batch_forward_backward(X, [1, 0], [0.5, 0.25], 0.0)
    # z = (0.5 + 0.5, −0.5 + 0.125) = (1, −0.375)
    s = 1 / (1 + math.exp(0.375))  # σ(−0.375)
    dz = [0.7310585786300049 - 1, s]
    assert p.z.tolist() == [1.0, -0.375]
    assert p.a == pytest.approx([0.7310585786300049, s], rel=1e-15)
    assert p.dz == pytest.approx(dz, rel=1e-15)
    assert p.losses == pytest.approx([0.31326168751822286, -math.log(1 - s)], rel=1e-15)
    assert p.loss == pytest.approx((0.31326168751822286 - math.log(1 - s)) / 2, rel=1e-15)
    assert p.dw == pytest.approx([(dz[0] - dz[1]) / 2, (2 * dz[0] + 0.5 * dz[1]) / 2], rel=1e-15)
    assert p.db == pytest.approx((dz[0] + dz[1]) / 2, rel=1e-15)


@FAST
@given(data=datasets(), loss=st.sampled_from(LOSSES))
def test_averaged_gradient_matches_a_per_example_loop(data, loss):
    X, y, w, b = data
    p = batch_forward_backward(X, y, w, b, loss)
    J, dw, db, dzs = loop_average(X, y, w, b, loss)
    assert p.z.shape == p.a.shape == p.losses.shape == p.dz.shape == (len(X),)
    assert p.dz == pytest.approx(dzs, rel=1e-12, abs=1e-15)
    assert p.loss == pytest.approx(J, rel=1e-12, abs=1e-15)
    assert p.dw == pytest.approx(dw, rel=1e-12, abs=1e-15)
    assert p.db == pytest.approx(db, rel=1e-12, abs=1e-15)
    # dw = Xᵀ(a − y)/m written out with numpy as well, from the loop's dz
    assert p.dw == pytest.approx(np.asarray(X).T @ np.asarray(dzs) / len(X), rel=1e-12, abs=1e-15)


@FAST
@given(data=datasets(max_m=1), loss=st.sampled_from(LOSSES), view=st.sampled_from(["lecture", "expanded"]))
def test_one_example_batch_matches_the_graph(data, loss, view):
    X, y, w, b = data
    p = batch_forward_backward(X, y, w, b, loss)
    g = forward_backward(X[0], y[0], w, b, loss=loss, view=view)
    # numpy's sum and the graph's left-to-right sum may differ in z's last bits, and a − y cancels for a
    # fractional y, so the agreement is to ~1e-14 absolute, not to the last digit
    assert p.z[0] == pytest.approx(g.z, rel=1e-14, abs=1e-14)
    assert p.a[0] == pytest.approx(g.a, rel=1e-13)
    assert p.loss == pytest.approx(g.loss, rel=1e-12, abs=1e-14)
    assert p.db == pytest.approx(g.db, rel=1e-12, abs=1e-14)
    assert p.dw == pytest.approx(g.dw, rel=1e-12, abs=1e-14)


@pytest.mark.parametrize(("z", "y"), [(z, y) for z in (40.0, -40.0, 800.0, -800.0) for y in (0.0, 1.0)])
def test_saturated_batch_is_exact_and_finite(z, y):
    p = batch_forward_backward([[1.0], [2.0]], [y, y], [z / 2], z / 2)  # z = (z, 1.5z)
    with localcontext() as ctx:  # a − y to 400 digits: exact where a rounds to 0 or 1
        ctx.prec = 400
        want_dz = [float(1 / (1 + (-Decimal(zz)).exp()) - Decimal(y)) for zz in (z, 1.5 * z)]
    assert p.dz == pytest.approx(want_dz, rel=1e-15, abs=1e-300)
    assert np.isfinite(p.losses).all()
    wrong = (y == 0) == (z > 0)  # confidently wrong: L ≈ |z|
    if wrong:
        assert p.losses == pytest.approx([abs(z), 1.5 * abs(z)], rel=1e-15)
    assert not np.isnan(np.concatenate([p.z, p.a, p.losses, p.dz, p.dw])).any()


# batch_descend ----------------------------------------------------------------------------------


@FAST
@given(data=datasets(), lr=st.floats(0.01, 3.0), steps=st.integers(0, 25), loss=st.sampled_from(LOSSES))
def test_batch_descend_matches_a_plain_loop(data, lr, steps, loss):
    X, y, w, b = data
    h = batch_descend(X, y, w, b, lr=lr, steps=steps, loss=loss)
    W, B = plain_batch_descend(X, y, w, b, lr, steps, loss)
    assert h.steps == steps
    assert h.w == pytest.approx(W, rel=1e-9, abs=1e-9)
    assert h.b == pytest.approx(B, rel=1e-9, abs=1e-9)
    assert (h.example == -1).all() and len(h.example) == steps
    assert not h.diverged.any()
    for k in range(steps):  # the history invariant, exactly
        assert (h.w[k + 1] == h.w[k] - lr * h.dw[k]).all()
        assert h.b[k + 1] == h.b[k] - lr * h.db[k]


@FAST
@given(data=datasets(), steps=st.integers(0, 6), loss=st.sampled_from(LOSSES))
def test_batch_history_logs_the_batch_loss_and_gradient_at_each_row(data, steps, loss):
    X, y, w, b = data
    h = batch_descend(X, y, w, b, lr=0.7, steps=steps, loss=loss)
    for k in range(steps + 1):
        J, dw, db, _ = loop_average(X, y, h.w[k].tolist(), float(h.b[k]), loss)
        assert h.loss[k] == pytest.approx(J, rel=1e-12, abs=1e-15)
        assert h.dw[k] == pytest.approx(dw, rel=1e-12, abs=1e-15)
        assert h.db[k] == pytest.approx(db, rel=1e-12, abs=1e-15)


def test_batch_descend_lowers_the_loss():
    X = [[1.0, 2.0], [-1.0, 0.5], [0.3, -1.2], [2.0, 0.1]]
    h = batch_descend(X, [1, 0, 0, 1], [0.0, 0.0], 0.0, lr=0.5, steps=300)
    assert (np.diff(h.loss) <= 0).all()
    assert h.loss[-1] < 0.5 * h.loss[0]


# stochastic_descend ----------------------------------------------------------------------------


@FAST
@given(data=datasets(), steps=st.integers(0, 20), seed=st.integers(0, 2**32 - 1))
def test_stochastic_visits_each_example_once_per_epoch(data, steps, seed):
    X, y, w, b = data
    m = len(X)
    h = sgd(X, y, w, b, lr=0.5, steps=steps, seed=seed)
    order = h.example.tolist()
    assert len(order) == steps
    for start in range(0, steps, m):
        block = order[start : start + m]
        assert len(set(block)) == len(block)  # no example twice in one pass
        assert all(0 <= j < m for j in block)
        if len(block) == m:
            assert sorted(block) == list(range(m))


@FAST
@given(data=datasets(), lr=st.floats(0.01, 3.0), steps=st.integers(1, 20), loss=st.sampled_from(LOSSES))
def test_each_stochastic_step_uses_exactly_that_examples_gradient(data, lr, steps, loss):
    X, y, w, b = data
    h = sgd(X, y, w, b, lr=lr, steps=steps, seed=7, loss=loss)
    for k in range(steps):
        j = int(h.example[k])
        dz = example_dz(X[j], y[j], h.w[k].tolist(), float(h.b[k]), loss)
        want_w = [wi - lr * (xi * dz) for wi, xi in zip(h.w[k].tolist(), X[j])]
        assert h.w[k + 1] == pytest.approx(want_w, rel=1e-12, abs=1e-14)
        assert h.b[k + 1] == pytest.approx(float(h.b[k]) - lr * dz, rel=1e-12, abs=1e-14)
        # the logged gradient is still the batch one, at the row's parameters
        J, dw, db, _ = loop_average(X, y, h.w[k].tolist(), float(h.b[k]), loss)
        assert h.loss[k] == pytest.approx(J, rel=1e-12, abs=1e-15)
        assert h.dw[k] == pytest.approx(dw, rel=1e-12, abs=1e-15)
        assert h.db[k] == pytest.approx(db, rel=1e-12, abs=1e-15)


def test_stochastic_step_picks_the_named_example_by_hand():
    # two examples with opposite labels: each step's direction shows which one was used
    X, y = [[1.0], [1.0]], [1.0, 0.0]
    h = sgd(X, y, [0.0], 0.0, lr=1.0, steps=2, seed=3)
    first = int(h.example[0])
    assert sorted(h.example.tolist()) == [0, 1]
    want = 0.5 if first == 0 else -0.5  # dz = σ(0) − y = ∓½; w := 0 − 1·1·dz
    assert h.w[1, 0] == want and h.b[1] == want


def test_stochastic_is_reproducible_from_the_seed():
    X = [[1.0, 2.0], [-1.0, 0.5], [0.3, -1.2], [2.0, 0.1], [0.0, 1.0]]
    y = [1, 0, 0, 1, 1]
    a = sgd(X, y, [0.1, -0.2], 0.3, lr=0.5, steps=23, seed=42)
    b = sgd(X, y, [0.1, -0.2], 0.3, lr=0.5, steps=23, seed=42)
    assert (a.example == b.example).all()
    assert (a.w == b.w).all() and (a.b == b.b).all() and (a.loss == b.loss).all()
    orders = {tuple(sgd(X, y, [0.1, -0.2], 0.3, steps=10, seed=s).example.tolist()) for s in range(8)}
    assert len(orders) > 1  # the seed matters
    # the first epochs of a longer run are the whole of a shorter one
    c = sgd(X, y, [0.1, -0.2], 0.3, lr=0.5, steps=7, seed=42)
    assert (c.example == a.example[:7]).all()
    assert (c.w == a.w[:8]).all()


def test_stochastic_epochs_are_fresh_permutations():
    X = [[float(i)] for i in range(6)]
    h = sgd(X, [0.0] * 6, [0.0], 0.0, lr=0.1, steps=60, seed=1)
    blocks = {tuple(h.example[k : k + 6].tolist()) for k in range(0, 60, 6)}
    assert len(blocks) > 1  # not the same order every epoch
    assert all(sorted(block) == list(range(6)) for block in blocks)


def test_stochastic_with_one_example_is_single_example_descent():
    h = sgd([[1.0, 2.0]], [1.0], [0.5, 0.25], 0.0, lr=0.5, steps=5, seed=9)
    assert h.example.tolist() == [0] * 5
    g = batch_descend([[1.0, 2.0]], [1.0], [0.5, 0.25], 0.0, lr=0.5, steps=5)
    assert h.w == pytest.approx(g.w, rel=1e-15)
    assert h.b == pytest.approx(g.b, rel=1e-15)


def test_zero_steps():
    h = sgd([[1.0], [2.0]], [0, 1], [0.0], 0.0, steps=0)
    assert h.steps == 0 and h.example.shape == (0,) and h.w.shape == (1, 1)
    h = batch_descend([[1.0], [2.0]], [0, 1], [0.0], 0.0, steps=0)
    assert h.steps == 0 and h.loss[0] == pytest.approx(math.log(2), rel=1e-15)


# Divergence -------------------------------------------------------------------------------------


@pytest.mark.parametrize("run", ["batch", "stochastic"])
@pytest.mark.parametrize(("y", "sign"), [(1.0, 1.0), (0.0, -1.0)])
def test_divergence_overflows_to_infinity_never_nan(run, y, sign):
    X = [[1e200], [1e200]]
    if run == "batch":
        h = batch_descend(X, [y, y], [0.0], 0.0, lr=1e200, steps=4)
    else:
        h = sgd(X, [y, y], [0.0], 0.0, lr=1e200, steps=4, seed=0)
    assert h.w[0, 0] == 0.0
    assert (h.w[1:, 0] == sign * math.inf).all()
    assert h.diverged.tolist() == [False, True, True, True, True]
    assert (h.b[1:] == h.b[1]).all()
    assert nan_free(h)


def test_divergence_with_logits_of_both_signs():
    # w1 → +∞, w2 → −∞; an example with x = (1, 1) then has z = ∞ − ∞, taken as its worst case
    X = [[1e200, -1e200], [1.0, 1.0]]
    h = batch_descend(X, [1, 1], [0.0, 0.0], 0.0, lr=1e200, steps=3)
    assert h.w[1].tolist() == [math.inf, -math.inf]
    assert h.loss[1] == math.inf
    assert h.diverged.tolist() == [False, True, True, True]
    assert nan_free(h)


@settings(max_examples=60, deadline=None)
@given(
    m=st.integers(1, 4),
    n=st.integers(1, 3),
    lr=st.floats(1e100, 1e300),
    stochastic=st.booleans(),
    data=st.data(),
)
def test_huge_values_never_give_nan(m, n, lr, stochastic, data):
    big = st.floats(1e100, 1e300).flatmap(lambda v: st.sampled_from([v, -v, 1.0]))
    X = [data.draw(st.lists(big, min_size=n, max_size=n)) for _ in range(m)]
    y = data.draw(st.lists(labels, min_size=m, max_size=m))
    w = data.draw(st.lists(st.floats(-1.0, 1.0), min_size=n, max_size=n))
    run = sgd if stochastic else batch_descend
    h = run(X, y, w, 0.0, lr=lr, steps=6)
    assert nan_free(h)
    bad_row = ~(np.isfinite(h.w).all(axis=1) & np.isfinite(h.b))
    assert (h.diverged == np.maximum.accumulate(bad_row)).all()
    if h.diverged.any():
        first = int(np.argmax(h.diverged))
        assert (h.w[first:] == h.w[first]).all() and (h.b[first:] == h.b[first]).all()


# Hostile arguments ------------------------------------------------------------------------------

GOOD = {"X": [[1.0, 2.0], [3.0, 4.0]], "y": [1.0, 0.0], "w": [0.5, 0.25], "b": 0.0}

BAD_DATA = [
    ({"X": [1.0, 2.0]}, r"^X must have shape \(m, n\)"),
    ({"X": [[[1.0, 2.0]], [[3.0, 4.0]]]}, r"^X must have shape"),
    ({"X": [], "y": []}, r"^X must have shape"),
    ({"X": [[], []]}, r"^X must have shape"),
    ({"X": [[1.0] * 65] * 2, "w": [1.0] * 65}, r"^X must have shape"),
    ({"X": [[1.0, 2.0], [3.0]]}, r"X and y must be numeric arrays"),
    ({"X": [[1.0, math.nan], [3.0, 4.0]]}, r"^X must hold finite numbers; row 0"),
    ({"X": [[1.0, 2.0], [-math.inf, 4.0]]}, r"^X must hold finite numbers; row 1"),
    ({"X": "abc"}, r"^X must hold numbers"),
    ({"X": None}, r"^X must hold numbers"),
    ({"X": [["1", "2"], ["3", "4"]]}, r"^X must hold numbers"),
    ({"X": [[True, False], [False, True]]}, r"^X must hold numbers"),
    ({"X": [[None, 2.0], [3.0, 4.0]]}, r"^X must hold numbers"),
    ({"y": [1.0]}, r"^y must have shape \(2,\)"),
    ({"y": [[1.0, 0.0]]}, r"^y must have shape"),
    ({"y": 1.0}, r"^y must have shape"),
    ({"y": [1.0, 1.5]}, r"^y must hold numbers in \[0, 1\]; row 1"),
    ({"y": [-0.5, 1.0]}, r"^y must hold numbers in \[0, 1\]; row 0"),
    ({"y": [math.nan, 1.0]}, r"^y must hold numbers in \[0, 1\]"),
    ({"y": [True, False]}, r"^y must hold numbers"),
    ({"y": ["1", "0"]}, r"^y must hold numbers"),
    ({"y": None}, r"^y must hold numbers"),
    ({"w": [0.5]}, r"^w must have length n = 2"),
    ({"w": [0.5, 0.25, 1.0]}, r"^w must have length n = 2"),
    ({"w": [0.5, math.nan]}, r"^w\[1\] must be a finite number"),
    ({"w": [0.5, True]}, r"^w\[1\]"),
    ({"w": None}, r"^w must be a sequence"),
    ({"b": math.inf}, r"^b must be a finite number"),
    ({"b": "0"}, r"^b must"),
    ({"b": None}, r"^b must"),
]


@pytest.mark.parametrize(("change", "match"), BAD_DATA)
@pytest.mark.parametrize("run", [batch_forward_backward, batch_descend, sgd])
def test_bad_data_is_rejected(run, change, match):
    with pytest.raises(ValueError, match=match):
        run(**{**GOOD, **change})


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"lr": 0.0}, r"^lr must be a finite number > 0"),
        ({"lr": -1.0}, r"^lr must"),
        ({"lr": math.inf}, r"^lr must"),
        ({"lr": math.nan}, r"^lr must"),
        ({"lr": "1"}, r"^lr must"),
        ({"steps": -1}, r"^steps must be an integer"),
        ({"steps": MAX_STEPS + 1}, r"^steps must"),
        ({"steps": 2.0}, r"^steps must"),
        ({"steps": True}, r"^steps must"),
        ({"loss": "hinge"}, r"^loss must be one of cross_entropy, squared"),
    ],
)
@pytest.mark.parametrize("run", [batch_descend, sgd])
def test_bad_settings_are_rejected(run, kwargs, match):
    with pytest.raises(ValueError, match=match):
        run(**GOOD, **kwargs)


def test_unknown_loss_in_forward_backward():
    with pytest.raises(ValueError, match=r"^loss must be one of"):
        batch_forward_backward(**GOOD, loss="mse")


@pytest.mark.parametrize("seed", [-1, 2**32, math.nan, math.inf, "1", None, True])
def test_bad_seed_is_rejected(seed):
    with pytest.raises(ValueError, match=r"^seed must"):
        sgd(**GOOD, seed=seed)


def test_numpy_inputs_are_accepted():
    X = np.array([[1, 2], [3, 4]], dtype=np.int64)
    p = batch_forward_backward(X, np.array([1, 0]), np.array([0.5, 0.25]), np.float64(0.0))
    assert p.z.tolist() == [1.0, 2.5]
    h = sgd(X.astype(np.float32), [1, 0], [0.5, 0.25], 0, steps=2, seed=np.int64(4))
    assert h.steps == 2


@pytest.mark.parametrize("seed", [1.5, -1, 2**32, True, "1"])
def test_stochastic_descend_names_a_bad_seed(seed):
    with pytest.raises(ValueError, match=r"^seed"):
        sgd([[1.0, 2.0]], [1.0], [0.0, 0.0], 0.0, seed=seed)


def test_averaged_gradient_of_huge_features_is_never_nan():
    # 16 rows of ±1e308 … ±1.7e308: BLAS sums Xᵀ·dz in blocks, and blocks that overflowed to +∞ and −∞ gave
    # dw = NaN; with dz / m summed instead no partial sum can overflow both ways (found by test_fuzz_core.py)
    column = [-1.7e308, 1.7e308, -1.7e308, 1e308, -1.7e308, 1.7e308, -1.7e308, -1.7e308]
    column += [1.7e308, 1.7e308, -1e308, 1.7e308, 1e308, 1e308, -1.7e308, -1e308]
    X = np.array(column)[:, None]
    with np.errstate(over="raise", invalid="raise"):  # and no overflow warning either
        p = batch_forward_backward(X, np.zeros(16), [0.0], 0.0)
    assert np.isfinite(p.dw).all()
    assert p.dw[0] == pytest.approx(math.fsum(v / 32 for v in column), rel=1e-12)  # dz / m = σ(0) / 16 = 1/32


def test_average_of_huge_losses_is_a_number():
    p = batch_forward_backward([[1e308], [1e308]], [0.0, 0.0], [1.0], 0.0)
    assert p.losses.tolist() == [1e308, 1e308] and p.loss == pytest.approx(1e308)  # not ∞

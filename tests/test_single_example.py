"""single_example: forward_backward, gradient_step and descend, against hand values, a plain loop and exact forms."""

from __future__ import annotations

import dataclasses
import math
from decimal import Decimal, localcontext

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from logreg_viz import MAX_STEPS, History, Pass, descend, forward_backward, gradient_step

FAST = settings(max_examples=40, deadline=None, derandomize=True)  # seeded: CI sees the same examples
LOSSES = ("cross_entropy", "squared")
VIEWS = ("lecture", "expanded")
A1 = 0.7310585786300049  # σ(1)
L1 = 0.31326168751822286  # −log σ(1)


def sigma(z: float) -> float:
    """σ on the branch that does not overflow, written out here."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    return math.exp(z) / (1.0 + math.exp(z))


def plain_descend(x, y, w, b, lr, steps, loss):
    """The lecture's loop, in plain Python: w := w − lr·x·dz, b := b − lr·dz."""
    w = list(w)
    ws, bs = [list(w)], [b]
    for _ in range(steps):
        z = sum(wi * xi for wi, xi in zip(w, x)) + b
        a = sigma(z)
        dz = a - y if loss == "cross_entropy" else (a - y) * a * (1 - a)
        w = [wi - lr * xi * dz for wi, xi in zip(w, x)]
        b = b - lr * dz
        ws.append(list(w))
        bs.append(b)
    return np.array(ws), np.array(bs)


def exact(z: float, y: float, loss: str) -> dict[str, float]:
    """L, dL/da, da/dz and dz at (z, y) in 400-digit decimal from the lecture's formulas, rounded once."""
    with localcontext() as ctx:
        ctx.prec = 400
        Z, Y = Decimal(z), Decimal(y)
        a = 1 / (1 + (-Z).exp())
        one_minus_a = 1 / (1 + Z.exp())
        slope = a * one_minus_a
        if loss == "cross_entropy":
            L = -(Y * a.ln() + (1 - Y) * one_minus_a.ln())
            dL_da = -Y / a + (1 - Y) / one_minus_a
            dz = a - Y
        else:
            L = (a - Y) ** 2 / 2
            dL_da = a - Y
            dz = (a - Y) * slope
        return {"a": float(a), "loss": float(L), "dL_da": float(dL_da), "da_dz": float(slope), "dz": float(dz)}


def close(got: float, want: float, rel: float = 1e-14) -> bool:
    if math.isinf(want):
        return got == want
    return math.isclose(got, want, rel_tol=rel, abs_tol=1e-300)


def loss_tol(loss: float, abs_dz: float) -> float:
    """½r² inherits r's absolute error δ (from a − y cancelling for a fractional y) as |r|·δ = √(2L)·δ."""
    return math.sqrt(2 * loss) * abs_dz + 1e-30


def nan_free(p: Pass) -> bool:
    scalars = [p.z, p.a, p.loss, p.dL_da, p.da_dz, p.dz, p.db, *p.dw.tolist()]
    if any(math.isnan(v) for v in scalars):
        return False
    for node in p.graph.nodes:
        if math.isnan(node.value) or math.isnan(node.grad) or any(math.isnan(e.local) for e in node.edges):
            return False
    return True


def history_nan_free(h: History) -> bool:
    arrays = [h.w, h.b, h.z, h.a, h.loss, h.dL_da, h.da_dz, h.dz, h.dw, h.db]
    return not any(np.isnan(arr).any() for arr in arrays)


small = st.floats(-2.0, 2.0, allow_nan=False)
labels = st.one_of(st.sampled_from([0.0, 1.0]), st.floats(0.0, 1.0))


@st.composite
def examples(draw):
    n = draw(st.integers(1, 4))
    x = draw(st.lists(small, min_size=n, max_size=n))
    w = draw(st.lists(small, min_size=n, max_size=n))
    return x, draw(labels), w, draw(small)


# forward_backward ----------------------------------------------------------------------------------


@pytest.mark.parametrize("view", VIEWS)
def test_forward_backward_hand_example(view):
    p = forward_backward([1.0, 2.0], 1, [0.5, 0.25], 0, view=view)
    dz = A1 - 1
    assert p.z == 1.0
    assert p.a == pytest.approx(A1, rel=1e-15)
    assert p.loss == pytest.approx(L1, rel=1e-15)
    assert p.dL_da == pytest.approx(-1 / A1, rel=1e-15)
    assert p.da_dz == pytest.approx(A1 * (1 - A1), rel=1e-15)
    assert p.dz == pytest.approx(dz, rel=1e-15)
    assert p.dw == pytest.approx([dz, 2 * dz], rel=1e-15)
    assert p.db == pytest.approx(dz, rel=1e-15)
    assert p.dw.shape == (2,)
    assert p.saturated is False or not p.saturated
    assert not p.rounded
    assert p.graph.view == view


def test_forward_backward_squared_hand_example():
    p = forward_backward([1.0, 2.0], 1, [0.5, 0.25], 0, loss="squared")
    r = A1 - 1
    dz = r * A1 * (1 - A1)
    assert p.loss == pytest.approx(0.5 * r * r, rel=1e-14)
    assert p.dL_da == pytest.approx(r, rel=1e-15)
    assert p.dz == pytest.approx(dz, rel=1e-14)
    assert p.dw == pytest.approx([dz, 2 * dz], rel=1e-14)
    assert p.db == pytest.approx(dz, rel=1e-14)


def test_forward_backward_accepts_scalars_tuples_and_arrays():
    # n = 1 given as bare numbers: z = −1.5·2 + 0.5 = −2.5, y = 0 → dz = σ(−2.5)
    p = forward_backward(2.0, 0, -1.5, 0.5)
    assert p.z == -2.5
    assert p.dz == pytest.approx(sigma(-2.5), rel=1e-15)
    assert p.dw == pytest.approx([2 * sigma(-2.5)], rel=1e-15)
    q = forward_backward(np.array([1.0, 2.0]), np.float64(1.0), (0.5, 0.25), np.int64(0))
    assert q.z == 1.0 and q.loss == pytest.approx(L1, rel=1e-15)


def test_saturated_flag_follows_the_sigmoid_slope():
    # a(1−a) < 0.01 from |z| ≈ 4.6: σ(4)σ(−4) = 0.0177, σ(5)σ(−5) = 0.00665
    assert not forward_backward([1.0], 1, [4.0], 0).saturated
    assert forward_backward([1.0], 1, [5.0], 0).saturated
    assert forward_backward([1.0], 0, [-5.0], 0).saturated
    assert not forward_backward([1.0], 0, [0.0], 0).saturated


@FAST
@given(example=examples(), loss=st.sampled_from(LOSSES), view=st.sampled_from(VIEWS))
def test_forward_backward_matches_the_exact_forms(example, loss, view):
    x, y, w, b = example
    p = forward_backward(x, y, w, b, loss=loss, view=view)
    z = math.fsum(xi * wi for xi, wi in zip(x, w)) + b
    assert p.z == pytest.approx(z, rel=1e-13, abs=1e-14)
    want = exact(p.z, y, loss)
    abs_dz = 0.0 if y in (0.0, 1.0) else 4e-16
    assert close(p.a, want["a"])
    assert math.isclose(p.loss, want["loss"], rel_tol=1e-13, abs_tol=loss_tol(want["loss"], abs_dz))
    assert math.isclose(p.dL_da, want["dL_da"], rel_tol=1e-13, abs_tol=abs_dz)
    assert close(p.da_dz, want["da_dz"])
    assert math.isclose(p.dz, want["dz"], rel_tol=1e-13, abs_tol=abs_dz)
    assert p.db == p.dz
    for i, xi in enumerate(x):
        assert p.dw[i] == xi * p.dz  # dw_i = x_i·dz, one multiplication
    assert p.saturated == (want["da_dz"] < 0.01)
    assert nan_free(p)


# Saturation ---------------------------------------------------------------------------------------

SATURATED = [(z, y) for z in (40.0, -40.0, 800.0, -800.0) for y in (0.0, 1.0)]


@pytest.mark.parametrize(("z", "y"), SATURATED)
@pytest.mark.parametrize("view", VIEWS)
def test_saturation_cross_entropy(z, y, view):
    p = forward_backward([1.0, 2.0], y, [z / 2, z / 4], 0.0, view=view)
    assert p.z == z
    want = exact(z, y, "cross_entropy")
    for field in ("a", "loss", "dL_da", "da_dz", "dz"):
        assert close(getattr(p, field), want[field]), field
    assert math.isfinite(p.loss)
    assert p.dw == pytest.approx([p.dz, 2 * p.dz], rel=1e-15, abs=0)
    assert math.isinf(p.dL_da) == (abs(z) == 800.0 and (y == 0.0) == (z > 0))
    assert p.saturated
    assert p.rounded == (p.a in (0.0, 1.0))
    assert nan_free(p)


def test_saturation_hand_values():
    p = forward_backward([1.0], 0, [40.0], 0)
    assert p.loss == 40.0 + math.log1p(math.exp(-40.0))
    assert p.rounded  # a rounds to 1 …
    assert p.dz == 1 / (1 + math.exp(-40.0))  # … yet dz = a − 0 is exact
    p = forward_backward([1.0], 1, [40.0], 0)
    assert p.dz == pytest.approx(-4.248354255291589e-18, rel=1e-15)  # −1/(1 + e^40), not σ(40) − 1 = 0
    assert p.dw[0] == p.dz
    p = forward_backward([1.0], 1, [0.0], -800.0)
    assert p.loss == 800.0
    assert p.dz == -1.0
    assert p.dL_da == -math.inf
    p = forward_backward([2.0], 0, [400.0], 0.0)
    assert (p.loss, p.dz, p.dL_da, p.dw[0]) == (800.0, 1.0, math.inf, 2.0)


@pytest.mark.parametrize(("z", "y"), SATURATED)
@pytest.mark.parametrize("view", VIEWS)
def test_saturation_squared(z, y, view):
    p = forward_backward([1.0], y, [z], 0.0, loss="squared", view=view)
    want = exact(z, y, "squared")
    for field in ("a", "loss", "dL_da", "da_dz", "dz"):
        assert close(getattr(p, field), want[field]), field
    assert p.saturated
    assert nan_free(p)


def test_undefined_logit_gives_no_nan():
    # finite inputs whose products overflow to +∞ and −∞: z is taken as the worst case, nothing is NaN
    p = forward_backward([1e10, 1e10], 1, [1e300, -1e300], 0)
    assert (p.z, p.loss, p.dz) == (-math.inf, math.inf, -1.0)
    assert nan_free(p)
    h = descend([1e10, 1e300], 1, [-1e300, 0.0], 0.0, lr=1.0, steps=4)
    assert history_nan_free(h)


# gradient_step ------------------------------------------------------------------------------------


def test_gradient_step_hand_example():
    dz = A1 - 1
    w, b = gradient_step([1.0, 2.0], 1, [0.5, 0.25], 0.0, lr=0.1)
    assert w == pytest.approx([0.5 - 0.1 * dz, 0.25 - 0.1 * 2 * dz], rel=1e-15)
    assert b == pytest.approx(-0.1 * dz, rel=1e-15)
    assert isinstance(b, float) and w.shape == (2,)
    r = A1 - 1
    w, b = gradient_step([1.0, 2.0], 1, [0.5, 0.25], 0.0, lr=0.1, loss="squared")
    assert b == pytest.approx(-0.1 * r * A1 * (1 - A1), rel=1e-14)


# descend ------------------------------------------------------------------------------------------


@FAST
@given(
    example=examples(),
    lr=st.floats(0.01, 3.0),
    steps=st.integers(0, 40),
    loss=st.sampled_from(LOSSES),
)
def test_descend_matches_a_plain_loop(example, lr, steps, loss):
    x, y, w, b = example
    h = descend(x, y, w, b, lr=lr, steps=steps, loss=loss)
    W, B = plain_descend(x, y, w, b, lr, steps, loss)
    assert h.steps == steps
    assert h.w.shape == (steps + 1, len(x)) and h.b.shape == (steps + 1,)
    assert h.w == pytest.approx(W, rel=1e-9, abs=1e-9)
    assert h.b == pytest.approx(B, rel=1e-9, abs=1e-9)
    assert not h.diverged.any()


@FAST
@given(
    example=examples(),
    lr=st.floats(0.01, 3.0),
    steps=st.integers(1, 40),
    loss=st.sampled_from(LOSSES),
)
def test_history_invariant_holds_exactly(example, lr, steps, loss):
    x, y, w, b = example
    h = descend(x, y, w, b, lr=lr, steps=steps, loss=loss)
    assert h.lr == lr and h.y == y and h.loss_name == loss
    for k in range(steps):
        assert (h.w[k + 1] == h.w[k] - lr * h.dw[k]).all()
        assert h.b[k + 1] == h.b[k] - lr * h.db[k]
        assert (h.dw[k] == h.x * h.dz[k]).all()
        assert h.db[k] == h.dz[k]
    assert h.params.shape == (steps + 1, len(x) + 1)
    assert (h.params[:, :-1] == h.w).all() and (h.params[:, -1] == h.b).all()


@FAST
@given(example=examples(), lr=st.floats(0.01, 3.0), steps=st.integers(0, 15), loss=st.sampled_from(LOSSES))
def test_history_rows_match_the_exact_forms(example, lr, steps, loss):
    x, y, w, b = example
    h = descend(x, y, w, b, lr=lr, steps=steps, loss=loss)
    abs_dz = 0.0 if y in (0.0, 1.0) else 4e-16
    for k in range(steps + 1):
        z = math.fsum(xi * wi for xi, wi in zip(x, h.w[k].tolist())) + h.b[k]
        assert h.z[k] == pytest.approx(z, rel=1e-12, abs=1e-12)
        want = exact(float(h.z[k]), y, loss)
        assert close(h.a[k], want["a"])
        assert math.isclose(h.loss[k], want["loss"], rel_tol=1e-13, abs_tol=loss_tol(want["loss"], abs_dz))
        assert math.isclose(h.dL_da[k], want["dL_da"], rel_tol=1e-13, abs_tol=abs_dz)
        assert close(h.da_dz[k], want["da_dz"])
        assert math.isclose(h.dz[k], want["dz"], rel_tol=1e-13, abs_tol=abs_dz)
        assert h.saturated[k] == (want["da_dz"] < 0.01)


@pytest.mark.parametrize("loss", LOSSES)
def test_history_rows_match_forward_backward(loss):
    h = descend([1.0, -2.0, 0.5], 0.3, [0.2, 0.1, -0.4], 0.7, lr=0.8, steps=6, loss=loss)
    for k in range(7):
        p = forward_backward([1.0, -2.0, 0.5], 0.3, h.w[k], h.b[k], loss=loss)
        # the history's z comes from the z-recurrence, the pass's from w·x + b: a few ulps apart
        assert abs(h.z[k] - p.z) <= 8 * math.ulp(1.0 + 2.0 * 0.2 + 0.5 * 0.4 + 0.7)
        assert h.dz[k] == pytest.approx(p.dz, rel=1e-14, abs=1e-17)
        assert h.loss[k] == pytest.approx(p.loss, rel=1e-14)
        assert h.dL_da[k] == pytest.approx(p.dL_da, rel=1e-14)
        assert h.dw[k] == pytest.approx(p.dw, rel=1e-14, abs=1e-17)


def test_descend_hand_two_steps():
    # step 1 from the hand example, then step 2 from there, each written out
    lr = 0.5
    dz0 = A1 - 1
    w1, b1 = [0.5 - lr * dz0, 0.25 - lr * 2 * dz0], -lr * dz0
    z1 = w1[0] * 1 + w1[1] * 2 + b1
    dz1 = sigma(z1) - 1
    w2, b2 = [w1[0] - lr * dz1, w1[1] - lr * 2 * dz1], b1 - lr * dz1
    h = descend([1.0, 2.0], 1, [0.5, 0.25], 0, lr=lr, steps=2)
    assert h.w == pytest.approx(np.array([[0.5, 0.25], w1, w2]), rel=1e-14)
    assert h.b == pytest.approx(np.array([0.0, b1, b2]), rel=1e-14, abs=1e-300)
    assert h.loss[0] == pytest.approx(L1, rel=1e-15)
    assert h.loss[2] < h.loss[1] < h.loss[0]


def test_descend_with_zero_steps_is_just_the_start():
    h = descend([1.0, 2.0], 1, [0.5, 0.25], 0, lr=0.5, steps=0)
    assert h.steps == 0
    assert h.w.tolist() == [[0.5, 0.25]] and h.b.tolist() == [0.0]
    assert h.loss[0] == pytest.approx(L1, rel=1e-15)
    assert h.diverged.tolist() == [False]


def test_small_steps_lower_the_cross_entropy_every_step():
    h = descend([1.0, -2.0], 1, [0.3, 0.8], -0.2, lr=0.1, steps=200)
    assert (np.diff(h.loss) < 0).all()
    assert h.loss[-1] < 0.05 < h.loss[0]


def test_descend_does_not_keep_references_to_its_inputs():
    w = [0.5, 0.25]
    x = np.array([1.0, 2.0])
    h = descend(x, 1, w, 0, lr=0.5, steps=3)
    x[0] = 99.0
    assert w == [0.5, 0.25]
    assert h.x.tolist() == [1.0, 2.0]


# Divergence ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize(("y", "sign"), [(1.0, 1.0), (0.0, -1.0)])
def test_huge_step_overflows_to_infinity_never_nan(y, sign, loss):
    # dz = ∓0.5 at z = 0 (∓0.125 for squared), lr·x·dz = 1e200·1e200·… overflows: w jumps to ±∞ in step 1
    h = descend([1e200], y, [0.0], 0.0, lr=1e200, steps=5, loss=loss)
    assert h.w[0, 0] == 0.0
    assert (h.w[1:, 0] == sign * math.inf).all()
    assert h.diverged.tolist() == [False, True, True, True, True, True]
    assert (h.b[1:] == h.b[1]).all() and math.isfinite(h.b[1])  # b = ±1e200·dz, finite; then nothing moves
    assert (h.z[1:] == sign * math.inf).all()
    assert history_nan_free(h)


def test_divergence_in_several_weights_with_opposite_signs():
    h = descend([1e200, -1e200], 1, [0.0, 0.0], 0.0, lr=1e200, steps=3)
    assert h.w[1].tolist() == [math.inf, -math.inf]
    assert h.z[1] == math.inf  # ∞·1e200 + (−∞)·(−1e200): both terms +∞
    assert h.diverged.tolist() == [False, True, True, True]
    assert history_nan_free(h)


def test_huge_step_that_saturates_before_overflowing_is_not_divergence():
    # z = b; step 1: dz = σ(0) − 1 = −0.5, b := 0 + 1e308·0.5; then dz = −σ(−5e307) = −0 and nothing moves
    h = descend([0.0], 1, [0.0], 0.0, lr=1e308, steps=4)
    assert h.b.tolist() == [0.0, 5e307, 5e307, 5e307, 5e307]
    assert h.w[:, 0].tolist() == [0.0] * 5  # x = 0: dw = 0·dz
    assert not h.diverged.any()
    assert h.loss[1] == 0.0
    # y = ½ keeps dz = ±½ at any z: b bounces between finite values −1.7e308 + k·0.8e308, never past the largest float
    h = descend([0.0], 0.5, [0.0], -1.7e308, lr=1.6e308, steps=6)
    assert h.b[1] == -1.7e308 + 0.8e308
    assert np.isfinite(h.b).all() and not h.diverged.any()
    assert history_nan_free(h)


@settings(max_examples=60, deadline=None)
@given(
    x=st.lists(
        st.floats(1e100, 1e300).flatmap(lambda v: st.sampled_from([v, -v])),
        min_size=1,
        max_size=3,
    ),
    y=labels,
    lr=st.floats(1e100, 1e300),
    steps=st.integers(1, 8),
    loss=st.sampled_from(LOSSES),
    data=st.data(),
)
def test_divergence_never_gives_nan(x, y, lr, steps, loss, data):
    w = data.draw(st.lists(st.floats(-1.0, 1.0), min_size=len(x), max_size=len(x)))
    b = data.draw(st.floats(-1.0, 1.0))
    h = descend(x, y, w, b, lr=lr, steps=steps, loss=loss)
    assert history_nan_free(h)
    params = h.params
    bad_row = ~np.isfinite(params).all(axis=1)
    assert (h.diverged == np.maximum.accumulate(bad_row)).all()
    first = int(np.argmax(h.diverged)) if h.diverged.any() else steps + 1
    for k in range(min(first, steps)):  # up to and including the step that overflowed
        with np.errstate(over="ignore"):
            assert (h.w[k + 1] == h.w[k] - lr * h.dw[k]).all()
            assert h.b[k + 1] == h.b[k] - lr * h.db[k]
    for k in range(first, steps + 1):  # from there on the parameters stay where they landed
        assert (h.params[k] == h.params[first]).all()


# Hostile arguments --------------------------------------------------------------------------------

GOOD = {"x": [1.0, 2.0], "y": 1.0, "w": [0.5, 0.25], "b": 0.0}

BAD_EXAMPLE = [
    ({"x": [1.0, 2.0, 3.0]}, r"x and w must have the same length"),
    ({"w": [0.5]}, r"x and w must have the same length"),
    ({"x": [], "w": []}, r"^x must hold 1 to"),
    ({"x": [1.0] * 65, "w": [1.0] * 65}, r"^x must hold 1 to 64"),
    ({"x": [1.0, math.nan]}, r"^x\[1\] must be a finite number"),
    ({"x": [math.inf, 1.0]}, r"^x\[0\] must be a finite number"),
    ({"w": [0.5, -math.inf]}, r"^w\[1\] must be a finite number"),
    ({"w": ["0.5", 0.25]}, r"^w\[0\] must be a finite number"),
    ({"w": [None, 0.25]}, r"^w\[0\]"),
    ({"x": [True, 2.0]}, r"^x\[0\]"),
    ({"x": "12"}, r"^x must be a sequence"),
    ({"x": None}, r"^x must be a sequence"),
    ({"w": True}, r"^w must be a sequence"),
    ({"w": {0.5, 0.25}}, r"^w must be a sequence"),
    ({"y": 1.5}, r"^y must be a finite number in \[0.0, 1.0\]"),
    ({"y": -0.1}, r"^y must"),
    ({"y": math.nan}, r"^y must"),
    ({"y": True}, r"^y must"),
    ({"y": "1"}, r"^y must"),
    ({"y": None}, r"^y must"),
    ({"b": math.inf}, r"^b must be a finite number"),
    ({"b": math.nan}, r"^b must"),
    ({"b": False}, r"^b must"),
    ({"b": "0"}, r"^b must"),
    ({"b": None}, r"^b must"),
]


@pytest.mark.parametrize(("change", "match"), BAD_EXAMPLE)
def test_forward_backward_rejects_bad_examples(change, match):
    with pytest.raises(ValueError, match=match):
        forward_backward(**{**GOOD, **change})


@pytest.mark.parametrize(("change", "match"), BAD_EXAMPLE)
def test_descend_rejects_bad_examples(change, match):
    with pytest.raises(ValueError, match=match):
        descend(**{**GOOD, **change}, lr=0.5, steps=3)


@pytest.mark.parametrize(("change", "match"), BAD_EXAMPLE[:6])
def test_gradient_step_rejects_bad_examples(change, match):
    with pytest.raises(ValueError, match=match):
        gradient_step(**{**GOOD, **change}, lr=0.5)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"lr": 0.0}, r"^lr must be a finite number > 0"),
        ({"lr": -0.5}, r"^lr must"),
        ({"lr": math.inf}, r"^lr must"),
        ({"lr": math.nan}, r"^lr must"),
        ({"lr": "0.5"}, r"^lr must"),
        ({"lr": None}, r"^lr must"),
        ({"lr": True}, r"^lr must"),
        ({"steps": -1}, r"^steps must be an integer in \[0, 100000\]"),
        ({"steps": MAX_STEPS + 1}, r"^steps must"),
        ({"steps": 3.0}, r"^steps must"),
        ({"steps": "3"}, r"^steps must"),
        ({"steps": None}, r"^steps must"),
        ({"steps": True}, r"^steps must"),
        ({"loss": "hinge"}, r"^loss must be one of cross_entropy, squared"),
        ({"loss": None}, r"^loss must"),
    ],
)
def test_descend_rejects_bad_settings(kwargs, match):
    with pytest.raises(ValueError, match=match):
        descend(**GOOD, **{"lr": 0.5, "steps": 3, **kwargs})


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"loss": "hinge"}, r"^loss must be one of"),
        ({"loss": "Cross_Entropy"}, r"^loss must be one of"),
        ({"view": "graph"}, r"^view must be one of lecture, expanded"),
        ({"view": 1}, r"^view must"),
    ],
)
def test_forward_backward_rejects_unknown_loss_or_view(kwargs, match):
    with pytest.raises(ValueError, match=match):
        forward_backward(**GOOD, **kwargs)


def test_gradient_step_rejects_bad_lr():
    with pytest.raises(ValueError, match=r"^lr must"):
        gradient_step(**GOOD, lr=0.0)


def test_max_steps_is_accepted():
    h = descend([1.0], 1, [0.0], 0.0, lr=0.1, steps=MAX_STEPS)
    assert h.steps == MAX_STEPS
    assert h.loss[-1] < h.loss[0]


def test_pass_and_history_are_frozen():
    p = forward_backward(**GOOD)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.z = 2.0  # type: ignore[misc]
    h = descend(**GOOD, steps=1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        h.lr = 2.0  # type: ignore[misc]

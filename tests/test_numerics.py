"""numerics: stable σ, losses and derivatives from z, against hand values and a 400-digit Decimal oracle.

The oracle evaluates the lecture's formulas literally (a = 1/(1 + e^−z), L = −(y·log a + (1−y)·log(1−a)),
dL/da = −y/a + (1−y)/(1−a), dz = a − y) with enough digits that 1 − a is exact even at z = 800, then rounds
once to float64. Nothing here is computed by the code under test.
"""

from __future__ import annotations

import math
import sys
from decimal import Decimal, localcontext

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from logreg_viz import numerics

FAST = settings(max_examples=60, deadline=None)
LOG_MAX = math.log(sys.float_info.max)  # e^t overflows float64 beyond this


def exact(z: float, y: float, prec: int = 400) -> dict[str, float]:
    """The lecture's quantities at (z, y), computed in `prec`-digit decimal and rounded once to float."""
    with localcontext() as ctx:
        ctx.prec = prec
        Z, Y = Decimal(z), Decimal(y)
        a = 1 / (1 + (-Z).exp())
        one_minus_a = 1 / (1 + Z.exp())  # = 1 − a, written without the subtraction
        ce = -(Y * a.ln() + (1 - Y) * one_minus_a.ln())
        dL_da = -Y / a + (1 - Y) / one_minus_a
        slope = a * one_minus_a
        r = a - Y
        return {
            "a": float(a),
            "one_minus_a": float(one_minus_a),
            "softplus": float((1 + Z.exp()).ln()),
            "ce": float(ce),
            "ce_dL_da": float(dL_da),
            "slope": float(slope),
            "r": float(r),
            "sq": float(r * r / 2),
            "sq_dz": float(r * slope),
        }


def close(got: float, want: float, rel: float = 1e-14, abs_: float = 0.0) -> bool:
    if math.isinf(want):
        return got == want
    return math.isclose(got, want, rel_tol=rel, abs_tol=abs_)


def sq_tol(sq: float, abs_r: float) -> float:
    """½r² inherits r's absolute error δ (a − y cancelling for a fractional y) as |r|·δ = √(2·½r²)·δ."""
    return math.sqrt(2 * sq) * abs_r + 1e-31


labels = st.one_of(st.sampled_from([0.0, 1.0]), st.floats(0.0, 1.0))
moderate_z = st.floats(-60.0, 60.0, allow_nan=False)
any_z = st.floats(-1e6, 1e6, allow_nan=False)


# Hand-worked values ---------------------------------------------------------------------------


def test_sigmoid_hand_values():
    assert numerics.sigmoid(0.0) == 0.5
    assert numerics.sigmoid(1.0) == pytest.approx(0.7310585786300049, rel=1e-15)
    assert numerics.sigmoid(-1.0) == pytest.approx(0.2689414213699951, rel=1e-15)
    assert numerics.sigmoid(2.0) == pytest.approx(1 / (1 + math.exp(-2)), rel=1e-15)


def test_sigmoid_never_overflows():
    assert numerics.sigmoid(800.0) == 1.0
    assert numerics.sigmoid(-800.0) == 0.0
    assert numerics.sigmoid(1e308) == 1.0
    assert numerics.sigmoid(-1e308) == 0.0
    assert numerics.sigmoid(-40.0) == pytest.approx(4.248354255291589e-18, rel=1e-15)


def test_logit_hand_values():
    assert numerics.logit([1.0, 2.0], [0.5, 0.25], 0.0) == 1.0
    assert numerics.logit([3.0], [-2.0], 0.5) == -5.5
    assert numerics.logit([1.0, -1.0, 2.0], [2.0, 3.0, 0.5], -1.0) == -1.0


def test_logit_zero_factor_gives_zero_even_times_infinity():
    assert numerics.logit([0.0, 1.0], [math.inf, 2.0], 0.5) == 2.5
    assert numerics.logit([-math.inf, 3.0], [0.0, 1.0], 0.0) == 3.0


def test_logit_sums_left_to_right():
    # 1e308 + 1e308 overflows before −1e308 arrives; the other order does not
    assert numerics.logit([1e308, 1e308, -1e308], [1.0, 1.0, 1.0], 0.0) == math.inf
    assert numerics.logit([1e308, -1e308, 1e308], [1.0, 1.0, 1.0], 0.0) == 1e308


def test_exp_is_infinite_where_math_exp_would_raise():
    assert numerics.exp(709.0) == math.exp(709.0)
    assert numerics.exp(0.0) == 1.0
    assert numerics.exp(-1000.0) == 0.0
    for t in (710.0, 800.0, 1e308, math.inf):
        assert numerics.exp(t) == math.inf
    with pytest.raises(OverflowError):  # the reason the wrapper exists
        math.exp(710.0)


def test_exp_is_finite_up_to_the_last_float_that_does_not_overflow():
    # e^LOG_MAX is the largest float (≈ 1.79769e308); the next float up overflows
    top = math.exp(LOG_MAX)
    assert math.isfinite(top) and top > 1.79e308
    assert numerics.exp(LOG_MAX) == top
    assert numerics.exp(math.nextafter(LOG_MAX, math.inf)) == math.inf
    assert numerics.cross_entropy_dL_da(LOG_MAX, 0.0) == 1.0 + top
    with np.errstate(over="ignore"):
        assert numerics.grads_array(np.array([LOG_MAX]), 0.0, "cross_entropy")[0][0] == 1.0 + top


def test_worst_case_replaces_only_an_undefined_logit():
    assert numerics.worst_case(math.nan, 1.0) == -math.inf  # σ(−∞) = 0 for a positive example: L = +∞
    assert numerics.worst_case(math.nan, 0.0) == math.inf
    assert numerics.worst_case(math.nan, 0.5) == -math.inf
    assert numerics.worst_case(3.5, 1.0) == 3.5
    assert numerics.worst_case(-math.inf, 0.0) == -math.inf


def test_cross_entropy_hand_example():
    # z = 1, y = 1: L = −log σ(1) = log(1 + e^−1)
    a = 0.7310585786300049
    assert numerics.cross_entropy(1.0, 1.0) == pytest.approx(0.31326168751822286, rel=1e-15)
    assert numerics.cross_entropy(1.0, 1.0) == pytest.approx(-math.log(a), rel=1e-15)
    assert numerics.cross_entropy(1.0, 0.0) == pytest.approx(-math.log(1 - a), rel=1e-14)
    assert numerics.cross_entropy(0.0, 0.3) == pytest.approx(math.log(2), rel=1e-15)
    assert numerics.cross_entropy_dL_da(1.0, 1.0) == pytest.approx(-1 / a, rel=1e-15)
    assert numerics.cross_entropy_dL_da(1.0, 0.0) == pytest.approx(1 / (1 - a), rel=1e-14)
    assert numerics.residual(1.0, 1.0) == pytest.approx(a - 1, rel=1e-15)
    assert numerics.sigmoid_slope(1.0) == pytest.approx(a * (1 - a), rel=1e-15)
    assert numerics.sigmoid_slope(0.0) == 0.25


def test_squared_hand_example():
    a = 0.7310585786300049
    assert numerics.squared(1.0, 1.0) == pytest.approx(0.5 * (a - 1) ** 2, rel=1e-14)
    assert numerics.squared(1.0, 0.0) == pytest.approx(0.5 * a * a, rel=1e-15)
    assert numerics.squared(0.0, 0.5) == 0.0


def test_loss_and_grads_hand_example():
    a = 0.7310585786300049
    got = numerics.loss_and_grads(1.0, 1.0, "cross_entropy")
    want = (a, 0.31326168751822286, -1 / a, a * (1 - a), a - 1)
    assert got == pytest.approx(want, rel=1e-14)
    got = numerics.loss_and_grads(1.0, 1.0, "squared")
    want = (a, 0.5 * (a - 1) ** 2, a - 1, a * (1 - a), (a - 1) * a * (1 - a))
    assert got == pytest.approx(want, rel=1e-14)


# Saturation: z = ±40, ±800 ----------------------------------------------------------------------

SATURATED = [(z, y) for z in (40.0, -40.0, 800.0, -800.0) for y in (0.0, 1.0)]


@pytest.mark.parametrize(("z", "y"), SATURATED)
def test_saturated_values_match_the_exact_ones(z, y):
    want = exact(z, y)
    a, loss, dL_da, slope, dz = numerics.loss_and_grads(z, y, "cross_entropy")
    got = {"a": a, "ce": loss, "ce_dL_da": dL_da, "slope": slope, "r": dz}
    for key, value in got.items():
        assert not math.isnan(value), key
        assert close(value, want[key]), (key, value, want[key])
    a, loss, dL_da, slope, dz = numerics.loss_and_grads(z, y, "squared")
    for key, value in {"sq": loss, "r": dL_da, "sq_dz": dz, "slope": slope}.items():
        assert not math.isnan(value), key
        assert close(value, want[key]), (key, value, want[key])


@pytest.mark.parametrize(("z", "y"), SATURATED)
def test_saturated_loss_is_finite_and_dL_da_infinite_only_where_exp_overflows(z, y):
    loss = numerics.cross_entropy(z, y)
    assert math.isfinite(loss)
    dL_da = numerics.cross_entropy_dL_da(z, y)
    # dL/da = −y(1 + e^−z) + (1 − y)(1 + e^z): infinite only for the label whose term holds e^|z| = e^800
    assert math.isinf(dL_da) == (abs(z) == 800.0 and (y == 0.0) == (z > 0))
    if math.isinf(dL_da):
        assert dL_da == (math.inf if y == 0.0 else -math.inf)


def test_saturated_closed_forms_by_hand():
    # z = 40, y = 0: L = 40 + log1p(e^−40), which is 40 in float64
    assert numerics.cross_entropy(40.0, 0.0) == 40.0 + math.log1p(math.exp(-40.0))
    assert numerics.cross_entropy(-800.0, 1.0) == 800.0
    assert numerics.cross_entropy(800.0, 0.0) == 800.0
    # z = 40, y = 1: dz = −1/(1 + e^40), not the 0 that σ(40) − 1 would give
    assert numerics.residual(40.0, 1.0) == pytest.approx(-4.248354255291589e-18, rel=1e-15)
    assert numerics.residual(-40.0, 0.0) == pytest.approx(4.248354255291589e-18, rel=1e-15)
    assert numerics.residual(-800.0, 1.0) == -1.0
    assert numerics.residual(800.0, 0.0) == 1.0
    assert numerics.cross_entropy(40.0, 1.0) == pytest.approx(4.248354255291589e-18, rel=1e-15)
    assert numerics.cross_entropy_dL_da(40.0, 0.0) == pytest.approx(1 + math.exp(40.0), rel=1e-15)
    assert numerics.cross_entropy_dL_da(-40.0, 1.0) == pytest.approx(-(1 + math.exp(40.0)), rel=1e-15)
    assert numerics.cross_entropy_dL_da(800.0, 0.0) == math.inf
    assert numerics.cross_entropy_dL_da(-800.0, 1.0) == -math.inf
    assert numerics.cross_entropy_dL_da(800.0, 1.0) == -1.0
    assert numerics.cross_entropy_dL_da(-800.0, 0.0) == 1.0


def test_saturated_arrays_match_the_exact_ones():
    zs = np.array([z for z, _ in SATURATED])
    ys = np.array([y for _, y in SATURATED])
    losses = numerics.cross_entropy_array(zs, ys)
    with np.errstate(over="ignore"):
        dL_da, slope, dz = numerics.grads_array(zs, ys, "cross_entropy")
    sq_dL_da, _, sq_dz = numerics.grads_array(zs, ys, "squared")
    for k, (z, y) in enumerate(SATURATED):
        want = exact(z, y)
        assert close(losses[k], want["ce"]), (z, y)
        assert close(dL_da[k], want["ce_dL_da"]), (z, y)
        assert close(slope[k], want["slope"]), (z, y)
        assert close(dz[k], want["r"]), (z, y)
        assert close(sq_dL_da[k], want["r"]), (z, y)
        assert close(sq_dz[k], want["sq_dz"]), (z, y)
    assert not np.isnan(np.concatenate([losses, dL_da, slope, dz, sq_dL_da, sq_dz])).any()


def test_arrays_at_infinite_logits_are_never_nan():
    z = np.array([math.inf, -math.inf, math.inf, -math.inf])
    y = np.array([1.0, 1.0, 0.0, 0.0])
    assert numerics.sigmoid_array(z).tolist() == [1.0, 0.0, 1.0, 0.0]
    assert numerics.cross_entropy_array(z, y).tolist() == [0.0, math.inf, math.inf, 0.0]
    assert numerics.residual_array(z, y).tolist() == [0.0, -1.0, 1.0, 0.0]
    assert numerics.squared_array(z, y).tolist() == [0.0, 0.5, 0.5, 0.0]
    with np.errstate(over="ignore"):
        dL_da, slope, dz = numerics.grads_array(z, y, "cross_entropy")
    assert dL_da.tolist() == [-1.0, -math.inf, math.inf, 1.0]
    assert slope.tolist() == [0.0, 0.0, 0.0, 0.0]
    assert dz.tolist() == [0.0, -1.0, 1.0, 0.0]


# Against the oracle, over bounded floats --------------------------------------------------------


@FAST
@given(z=moderate_z, y=labels)
def test_scalar_functions_match_the_oracle(z, y):
    want = exact(z, y, prec=80)
    assert close(numerics.sigmoid(z), want["a"])
    assert close(numerics.sigmoid(-z), want["one_minus_a"])
    assert close(numerics.softplus(z), want["softplus"])
    assert close(numerics.sigmoid_slope(z), want["slope"])
    # a − y cancels where a ≈ y; for a label of 0 or 1 it is still exact to the last digits
    abs_r = 0.0 if y in (0.0, 1.0) else 4e-16
    assert close(numerics.residual(z, y), want["r"], abs_=abs_r)
    assert close(numerics.cross_entropy(z, y), want["ce"], rel=1e-13, abs_=1e-15)
    assert close(numerics.cross_entropy_dL_da(z, y), want["ce_dL_da"], rel=1e-13, abs_=1e-15)
    assert close(numerics.squared(z, y), want["sq"], rel=1e-13, abs_=sq_tol(want["sq"], abs_r))
    a, loss, dL_da, slope, dz = numerics.loss_and_grads(z, y, "squared")
    assert (a, slope) == (numerics.sigmoid(z), numerics.sigmoid_slope(z))
    assert close(loss, want["sq"], rel=1e-13, abs_=sq_tol(want["sq"], abs_r))
    assert close(dz, want["sq_dz"], rel=1e-13, abs_=1e-16)
    assert close(dL_da, want["r"], abs_=abs_r)


@FAST
@given(z=st.lists(moderate_z, min_size=1, max_size=6), y=labels)
def test_array_functions_match_the_oracle(z, y):
    Z = np.array(z)
    abs_r = 0.0 if y in (0.0, 1.0) else 4e-16
    with np.errstate(over="ignore"):
        ce_dL_da, slope, ce_dz = numerics.grads_array(Z, y, "cross_entropy")
        sq_dL_da, _, sq_dz = numerics.grads_array(Z, y, "squared")
    columns = {
        "a": numerics.sigmoid_array(Z),
        "softplus": numerics.softplus_array(Z),
        "ce": numerics.loss_array(Z, y, "cross_entropy"),
        "sq": numerics.loss_array(Z, y, "squared"),
        "ce_dL_da": ce_dL_da,
        "slope": slope,
        "sq_dz": sq_dz,
    }
    for k, zk in enumerate(z):
        want = exact(zk, y, prec=80)
        assert close(columns["a"][k], want["a"])
        assert close(columns["softplus"][k], want["softplus"])
        assert close(columns["ce"][k], want["ce"], rel=1e-13, abs_=1e-15)
        assert close(columns["sq"][k], want["sq"], rel=1e-13, abs_=sq_tol(want["sq"], abs_r))
        assert close(columns["ce_dL_da"][k], want["ce_dL_da"], rel=1e-13, abs_=1e-15)
        assert close(columns["slope"][k], want["slope"])
        assert close(columns["sq_dz"][k], want["sq_dz"], rel=1e-13, abs_=1e-16)
        for r in (ce_dz[k], sq_dL_da[k], numerics.residual_array(Z, y)[k]):
            assert close(r, want["r"], abs_=abs_r)


@FAST
@given(z=moderate_z, y=labels)
def test_dL_da_times_da_dz_is_dz(z, y):
    """The chain rule the graph skips for cross-entropy: (−y/a + (1−y)/(1−a))·a(1−a) = a − y."""
    product = numerics.cross_entropy_dL_da(z, y) * numerics.sigmoid_slope(z)
    assert close(product, exact(z, y, prec=80)["r"], rel=1e-12, abs_=1e-15)


@settings(max_examples=150, deadline=None)
@given(z=any_z, y=labels, loss=st.sampled_from(["cross_entropy", "squared"]))
@example(z=LOG_MAX, y=0.0, loss="cross_entropy")
@example(z=-LOG_MAX, y=1.0, loss="cross_entropy")
def test_wide_range_never_nan_and_bounded(z, y, loss):
    a, value, dL_da, slope, dz = numerics.loss_and_grads(z, y, loss)
    for v in (a, value, dL_da, slope, dz):
        assert not math.isnan(v)
    assert 0.0 <= a <= 1.0
    assert 0.0 <= slope <= 0.25
    assert -1.0 <= dz <= 1.0
    assert math.isfinite(value) and value >= 0.0
    if loss == "cross_entropy":
        assert value <= (abs(z) + math.log(2)) * (1 + 1e-12)  # softplus(|z|) <= |z| + log 2
        weight = 1.0 - y if z > 0 else y  # the weight of the term holding e^|z|
        assert math.isinf(dL_da) == (abs(z) > LOG_MAX and weight > 0.0)
    else:
        assert math.isfinite(dL_da)


def test_saturation_stalls_only_squared_error_with_a_wrong_prediction():
    # z = 12, y = 0: a(1−a) = e⁻¹²/(1 + e⁻¹²)² = 6.1·10⁻⁶ < 0.01 and a − y = 1 − 6.1·10⁻⁶ ≥ 0.5
    assert numerics.saturation_effect(12.0, 0.0, "squared") == "stalls"
    assert numerics.saturation_effect(12.0, 0.0, "cross_entropy") == "cancelled"
    assert numerics.saturation_effect(-12.0, 1.0, "squared") == "stalls"
    # z = 6, y = 1: a(1−a) = 0.0025 (flat) but a − y = −σ(−6) = −0.0025: nearly right, nothing to say
    assert numerics.saturation_effect(6.0, 1.0, "squared") == ""
    assert numerics.saturation_effect(6.0, 1.0, "cross_entropy") == ""
    # z = 1: a(1−a) = 0.1966, not flat, however wrong the prediction
    assert numerics.saturation_effect(1.0, 0.0, "squared") == ""
    # a soft label: z = 12, y = 0.25 is 0.75 off; z = 12, y = 0.75 only 0.25
    assert numerics.saturation_effect(12.0, 0.25, "squared") == "stalls"
    assert numerics.saturation_effect(12.0, 0.75, "squared") == ""


@pytest.mark.parametrize("loss", ["cross_entropy", "squared"])
@pytest.mark.parametrize("y", [0.0, 1.0, 0.3, 0.75])
def test_history_arrays_are_the_separate_functions_floats(loss, y):
    """One e^−|z| for a whole history: the very floats of sigmoid_array, loss_array and grads_array."""
    z = np.concatenate([np.linspace(-800.0, 800.0, 4001), [0.0, -0.0, np.inf, -np.inf, 1e-300, -1e-300]])
    a, L, dL_da, da_dz = numerics.history_arrays(z, y, loss)
    with np.errstate(over="ignore"):
        want_dL_da, want_slope, _ = numerics.grads_array(z, y, loss)
    np.testing.assert_array_equal(a, numerics.sigmoid_array(z))
    np.testing.assert_array_equal(L, numerics.loss_array(z, y, loss))
    np.testing.assert_array_equal(dL_da, want_dL_da)
    np.testing.assert_array_equal(da_dz, want_slope)
    s, m = numerics.sigmoid_pair_array(z)
    np.testing.assert_array_equal(s, numerics.sigmoid_array(z))
    np.testing.assert_array_equal(m, numerics.sigmoid_array(-z))

"""descend as a z-recurrence: the same numbers as the lecture's step-by-step loop, and the note that says why."""

from __future__ import annotations

import math
from decimal import Decimal, localcontext

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from logreg_viz import descend
from logreg_viz.recurrence import recurrence_note, step_by_step, z_factor

FAST = settings(max_examples=60, deadline=None, derandomize=True)
LOSSES = ("cross_entropy", "squared")


def lecture_loop(x, y, w, b, lr, steps, loss):
    """The reference: every step recomputes z = w·x + b and moves each parameter (the loop as before)."""
    return step_by_step(list(x), y, list(w), b, lr, steps, loss)


def assert_same_run(h, ref, ulps=8):
    """z, w and b as the loop has them, to `ulps` plus one ulp per step, of the scale the run computes
    at (z: Σ|wᵢxᵢ| + |b|, where the loop's own rounding sits). Each way rounds up to about half an ulp
    a step, so the two drift apart as slowly as either drifts from the exact run."""
    W, B, Z, _, _ = ref
    allowed = ulps + np.arange(len(Z), dtype=float)
    terms = (np.abs(W * h.x[None, :]).sum(axis=1) + np.abs(B)).max()
    assert np.all(np.abs(h.z - Z) <= allowed * np.spacing(max(terms, np.abs(Z).max())))
    # a difference δ in z is a relative difference of up to δ in dz (σ'/σ ≤ 1), which every later step
    # of a parameter carries: in the parameter's ulps, up to |z| times as many as z's own
    spread = allowed * max(1.0, terms)
    assert np.all(np.abs(h.w - W) <= spread[:, None] * np.spacing(np.abs(W).max(axis=0))[None, :])
    assert np.all(np.abs(h.b - B) <= spread * np.spacing(np.abs(B).max()))


def exact_z(x, y, w, b, lr, steps, loss):
    """The run's z to 50 digits, step by step as the lecture writes it."""
    with localcontext() as context:
        context.prec = 50
        x, w, b, lr, y = [Decimal(v) for v in x], [Decimal(v) for v in w], Decimal(b), Decimal(lr), Decimal(y)
        out = []
        for _ in range(steps + 1):
            z = sum((wi * xi for wi, xi in zip(w, x, strict=True)), Decimal(0)) + b
            out.append(float(z))
            a = 1 / (1 + (-z).exp())
            dz = a - y if loss == "cross_entropy" else (a - y) * a * (1 - a)
            w = [wi - lr * xi * dz for wi, xi in zip(w, x, strict=True)]
            b -= lr * dz
        return np.array(out)


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize(
    "x, y, w, b, lr, steps",
    [
        ([1.0, 2.0], 1.0, [0.5, 0.25], 0.0, 0.5, 1000),  # the lecture's example
        ([2.0, 3.0], 0.0, [3.0, 2.0], 0.0, 0.1, 100),  # a wrong, confident start
        ([1.0, -1.0], 1.0, [0.0, 0.0], 0.0, 0.5, 1000),
        ([30.0, 40.0], 1.0, [-1.0, -1.0], 0.0, 0.01, 1000),  # saturated: z = −70, a ≈ 4·10⁻³¹
        ([1.0], 0.0, [800.0], 0.0, 0.5, 200),  # e^z overflows: a rounds to 1
        ([1.0, 2.0], 0.3, [0.5, 0.25], 0.0, 0.05, 1000),  # a fraction of a label, reached without a jump
    ],
)
def test_recurrence_gives_the_loops_numbers(x, y, w, b, lr, steps, loss):
    h = descend(x, y, w, b, lr=lr, steps=steps, loss=loss)
    loop = lecture_loop(x, y, w, b, lr, steps, loss)
    assert_same_run(h, loop)
    # and it is as close to the 50-digit run as the loop is
    exact = exact_z(x, y, w, b, lr, steps, loss)
    assert np.abs(h.z - exact).max() <= 2 * np.abs(loop[2] - exact).max() + 8 * np.spacing(np.abs(exact).max())


@pytest.mark.parametrize(
    "x, y, w, b, lr, steps",
    [
        ([1.0, 2.0], 0.75, [0.5, 0.25], 0.0, 3.0, 1000),  # the oscillating preset: dz flips sign
        ([1000.0, 2000.0], 0.0, [0.0, 0.0], 0.0, 1e306, 20),  # the diverging preset: w overflows
        ([9.48e153, 9.48e153], 0.0, [0.0, 0.0], 0.0, 1.0, 5),  # ‖x‖² itself overflows
    ],
)
def test_overshooting_and_overflowing_runs_are_the_loops_exactly(x, y, w, b, lr, steps):
    h = descend(x, y, w, b, lr=lr, steps=steps)
    W, B, Z, DZ, diverged_at = lecture_loop(x, y, w, b, lr, steps, "cross_entropy")
    np.testing.assert_array_equal(h.w, W)
    np.testing.assert_array_equal(h.b, B)
    np.testing.assert_array_equal(h.z, Z)
    np.testing.assert_array_equal(h.dz, DZ)
    assert h.diverged.tolist() == [k >= diverged_at for k in range(steps + 1)]


@FAST
@given(
    x=st.lists(st.floats(-5, 5), min_size=1, max_size=4),
    data=st.data(),
    y=st.sampled_from([0.0, 1.0]),
    c=st.floats(1e-3, 4.0),
    steps=st.integers(1, 300),
    loss=st.sampled_from(LOSSES),
)
def test_recurrence_matches_the_loop_for_any_labelled_example(x, data, y, c, steps, loss):
    """With y ∈ {0, 1} and steps that do not jump the curve's flat part (α(‖x‖² + 1) ≤ 4 = 1 / max a(1−a))."""
    w = data.draw(st.lists(st.floats(-5, 5), min_size=len(x), max_size=len(x)))
    b = data.draw(st.floats(-5, 5))
    lr = c / (sum(v * v for v in x) + 1.0)
    assume(lr > 0)
    h = descend(x, y, w, b, lr=lr, steps=steps, loss=loss)
    assert_same_run(h, lecture_loop(x, y, w, b, lr, steps, loss))


@FAST
@given(
    x=st.lists(st.floats(-20, 20), min_size=1, max_size=3),
    y=st.sampled_from([0.0, 1.0]),
    lr=st.floats(1e-3, 1e3),
    steps=st.integers(1, 200),
    loss=st.sampled_from(LOSSES),
)
def test_with_a_label_of_0_or_1_the_loss_never_rises(x, y, lr, steps, loss):
    """What the page says: one example with y ∈ {0, 1} cannot oscillate, whatever α (z moves one way)."""
    h = descend(x, y, [0.3] * len(x), -0.2, lr=lr, steps=steps, loss=loss)
    assert not h.diverged.any()
    dz = h.dz
    assert (dz <= 0).all() if y == 1.0 else (dz >= 0).all()
    assert np.all(np.diff(h.z) >= 0) if y == 1.0 else np.all(np.diff(h.z) <= 0)
    assert np.all(h.loss[1:] <= h.loss[:-1] * (1 + 4 * np.finfo(float).eps))


def test_z_factor_by_hand():
    assert z_factor([1.0, 2.0], 0.5) == 0.5 * (1 + 4 + 1)  # 3
    assert z_factor([3.0], 0.1) == pytest.approx(0.1 * 10)
    assert z_factor([1e200], 1.0) == math.inf


def test_recurrence_note_numbers_and_story():
    lecture = recurrence_note([1.0, 2.0], 1.0, 0.5)
    assert "zₖ₊₁ = zₖ − 3·dzₖ" in lecture  # 0.5·(1 + 4 + 1)
    assert "always negative" in lecture and "cannot oscillate" in lecture
    zero = recurrence_note([2.0, 3.0], 0.0, 0.1)
    assert "zₖ₊₁ = zₖ − 1.4·dzₖ" in zero and "always positive" in zero and "z only falls" in zero
    fraction = recurrence_note([1.0, 2.0], 0.75, 3.0)
    assert "zₖ₊₁ = zₖ − 18·dzₖ" in fraction and "changes sign" in fraction


def test_recurrence_note_refuses_bad_input_in_words():
    with pytest.raises(ValueError, match="y"):
        recurrence_note([1.0], 2.0, 0.5)
    with pytest.raises(ValueError, match="lr"):
        recurrence_note([1.0], 1.0, -1.0)

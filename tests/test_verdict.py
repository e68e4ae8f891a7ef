"""Verdicts on runs whose behaviour is known by hand.

One example, soft label y = 0.75, x = (1, 2): z moves by −α·(‖x‖² + 1)·(a − y) = −6α·(a − y) a step,
so near z* = logit(0.75) the error is multiplied by 1 − 6α·y(1 − y) = 1 − 1.125·α each step:
α = 0.5 → 0.44 (shrinks, same sign); α = 1.5 → −0.69 (shrinks, flips sign); α = 3 → −2.4 (grows, flips).
"""

import pytest

from logreg_viz import descend
from logreg_viz.verdict import hard_label_note, loss_rises, oscillates, overflow_story, sign_flips, verdict

X, Y, W, B = [1.0, 2.0], 0.75, [0.5, 0.25], 0.0


def test_a_small_step_converges():
    assert verdict(descend(X, Y, W, B, lr=0.5, steps=60)) == "converging"


def test_a_step_past_the_minimum_oscillates():
    assert verdict(descend(X, Y, W, B, lr=1.5, steps=60)) == "oscillating"
    assert verdict(descend(X, Y, W, B, lr=3.0, steps=60)) == "oscillating"


def test_an_overflow_diverges():
    assert verdict(descend([1000.0, 2000.0], 0.0, W, B, lr=1e306, steps=5)) == "diverging"


def test_a_saturated_squared_error_run_stalls():
    # z = 12, y = 0: squared error's dz = a²(1 − a) ≈ 6·10⁻⁶, so 100 steps of α = 0.1 move nothing
    assert verdict(descend([2.0, 3.0], 0.0, [3.0, 2.0], 0.0, lr=0.1, steps=100, loss="squared")) == "stalled"
    assert verdict(descend([2.0, 3.0], 0.0, [3.0, 2.0], 0.0, lr=0.1, steps=100)) == "converging"


def test_a_loss_near_the_largest_float_needs_no_numpy_overflow():
    # 10 × loss[0] on a numpy scalar warned "overflow encountered in scalar multiply" (found by test_fuzz_core.py)
    import warnings

    h = descend([1e154, 0.0], 0.0, [1e154, 0.0], 0.0, lr=1.0, steps=1)
    assert h.loss[0] > 1e307
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert verdict(h) in ("converging", "diverging", "oscillating", "stalled")


def test_the_oscillation_rule_counts_the_steps_that_cross_the_minimum():
    # the error's factor per step (module docstring): 0.44 keeps its sign, −0.69 and −2.4 flip it every step
    assert sign_flips(descend(X, Y, W, B, lr=0.5, steps=60)) == 0
    assert sign_flips(descend(X, Y, W, B, lr=1.5, steps=60)) == 60
    assert not oscillates(descend(X, Y, W, B, lr=0.5, steps=60))
    assert oscillates(descend(X, Y, W, B, lr=1.5, steps=60))


def test_an_oscillation_that_shrinks_never_raises_the_loss_one_that_grows_does():
    # |error| × 0.69 a step: the loss falls every step; × 2.4: it rises from the first step on
    assert loss_rises(descend(X, Y, W, B, lr=1.5, steps=60)) == 0
    assert loss_rises(descend(X, Y, W, B, lr=3.0, steps=3)) == 3


def test_no_steps_no_oscillation():
    assert not oscillates(descend(X, Y, W, B, lr=3.0, steps=0))


def test_the_overflow_story_names_the_step_and_what_overflowed():
    # z = 1000·0.5 + 2000·0.25 = 1000, y = 0: dz = σ(1000) = 1, dw = (1000, 2000), db = 1; with
    # α = 10³⁰⁶, α·dw1 = 10³⁰⁹ and α·dw2 = 2·10³⁰⁹ pass 1.8·10³⁰⁸, α·db = 10³⁰⁶ does not
    story = overflow_story(descend([1000.0, 2000.0], 0.0, W, B, lr=1e306, steps=5))
    assert story.startswith("At step 1 the update w := w − α·dw overflowed float64")
    assert "α·dw1 = 1·10³⁰⁶ × 1000 and α·dw2 = 1·10³⁰⁶ × 2000 are too large, so w1 = −∞ and w2 = −∞." in story
    assert "db" not in story
    # z = 1.79·10³⁰⁸ − 1.79·10³⁰⁸ = 0, y = 1: dz = −0.5, dw1 = −0.5; α·dw1 = −5·10³⁰⁶ is finite, but
    # w1 − α·dw1 = 1.79·10³⁰⁸ + 5·10³⁰⁶ = 1.84·10³⁰⁸ is not
    story = overflow_story(descend([1.0, -1.0], 1.0, [1.79e308, 1.79e308], 0.0, lr=1e307, steps=5))
    assert "w1 − α·dw1 = 1.79·10³⁰⁸ − (−5·10³⁰⁶) is too large, so w1 = ∞." in story
    assert overflow_story(descend(X, Y, W, B, lr=0.5, steps=5)) == ""


@pytest.mark.parametrize("y", [0.0, 1.0])
@pytest.mark.parametrize("lr", [0.1, 3.0, 100.0, 1e4])
def test_a_hard_label_never_oscillates_under_cross_entropy(y, lr):
    # dz = a − y with 0 < a < 1: a − 1 < 0 and a − 0 > 0 at every step, whatever α
    h = descend(X, y, [3.0, -2.0], 0.5, lr=lr, steps=60)
    assert sign_flips(h) == 0 and verdict(h) != "oscillating"
    assert "no α makes this run oscillate" in hard_label_note(y, "cross_entropy")


def test_the_hard_label_note_is_only_for_hard_labels_and_cross_entropy():
    up, down = hard_label_note(1.0, "cross_entropy"), hard_label_note(0.0, "cross_entropy")
    assert "is negative" in up and "z = w·x + b up" in up
    assert "is positive" in down and "z = w·x + b down" in down
    assert hard_label_note(0.75, "cross_entropy") == ""
    assert hard_label_note(1.0, "squared") == ""  # its words name cross-entropy's dz = a − y

"""Which steps the page applies, against steps worked out by hand."""

import math

from logreg_viz import descend
from logreg_viz.stepping import land, restored


def test_one_step_lands_where_the_hand_update_does():
    # x = 1, y = 1, w = 0, b = 0: z = 0, a = ½, dz = −½, dw = db = −½; α = 1 → w = b = ½
    steps = land(descend([1.0], 1.0, [0.0], 0.0, lr=1.0, steps=1), 1)
    assert steps == type(steps)((0.5,), 0.5, 1, None)


def test_more_steps_than_the_run_holds_stop_at_its_end():
    steps = land(descend([1.0], 1.0, [0.0], 0.0, lr=1.0, steps=1), 5)
    assert steps.k == 1 and steps.refusal is None


def test_an_overflowing_step_is_refused():
    # α·dw1 = 10³⁰⁶ · 1000·a ≈ 10³⁰⁹ > the largest float64
    steps = land(descend([1000.0, 2000.0], 0.0, [0.5, 0.25], 0.0, lr=1e306, steps=1), 1)
    assert steps.refusal.startswith("That step overflows float64") and math.isinf(max(map(abs, steps.w)))


def test_a_step_beyond_the_controls_range_is_refused():
    # x = 1, y = 1, w = b = 0, α = 3·10⁴: dz = −½, so w = b = ½·3·10⁴ = 15000 > 10⁴
    one = land(descend([1.0], 1.0, [0.0], 0.0, lr=3e4, steps=1), 1)
    assert one.w == (15000.0,) and one.refusal.startswith("That step would take a parameter beyond ±10000")


def test_several_steps_beyond_the_range_say_how_many():
    # as above, then z = 30000: a = 1 to float64, dz = 0, and the second step stays at 15000
    two = land(descend([1.0], 1.0, [0.0], 0.0, lr=3e4, steps=2), 2)
    assert two.w == (15000.0,) and two.refusal.startswith("Those 2 steps would take a parameter beyond ±10000")


def test_steps_that_stay_in_range_are_applied_even_with_a_large_alpha():
    # y = 0, w = b = 9000, x = 1: z = 18000, a = 1, dz = 1; α = 1000 → 8000, then (z = 16000, a = 1) → 7000
    far = land(descend([1.0], 0.0, [9000.0], 9000.0, lr=1000.0, steps=2), 2)
    assert far.refusal is None and far.w == (7000.0,) and far.b == 7000.0


def test_undo_puts_back_the_saved_weights_and_keeps_features_added_since():
    assert restored((0.5, 0.25), (9.0, 9.0)) == (0.5, 0.25)
    assert restored((0.5,), (9.0, 7.0, 3.0)) == (0.5, 7.0, 3.0)
    assert restored((0.5, 0.25, 1.0), (9.0,)) == (0.5,)

"""Slips: the common wrong answers, worked by hand for the lecture's example, and the class's tally."""

import itertools
import json
import math

import pytest

from logreg_viz.classroom.slips import Slip, classify, slip_context, slips, summarise, truth_of
from logreg_viz.quiz import is_close

# The lecture's example: x = (1, 2), y = 1, w = (0.5, 0.25), b = 0, α = 0.1, so z = 1 and a = σ(1).
A = 1 / (1 + math.exp(-1))
DZ = A - 1  # cross-entropy: dz = a − y
SLOPE = A * (1 - A)  # a(1−a)


@pytest.fixture
def lecture() -> dict:
    return slip_context([1.0, 2.0], 1.0, [0.5, 0.25], 0.0, 0.1, "cross_entropy")


def values(found: list[Slip]) -> dict[str, float]:
    return {s.name: s.value for s in found}


def test_context_holds_the_lectures_numbers(lecture):
    assert lecture["z"] == pytest.approx(1.0) and lecture["a"] == pytest.approx(0.7310585786300049, rel=1e-15)
    assert lecture["da"] == pytest.approx(-1 / A) and lecture["dz"] == pytest.approx(-0.2689414213699951)
    assert lecture["dw"] == pytest.approx([DZ, 2 * DZ]) and lecture["db"] == pytest.approx(DZ)
    assert lecture["dx"] == pytest.approx([0.5 * DZ, 0.25 * DZ])
    assert lecture["new_w"] == pytest.approx([0.5 - 0.1 * DZ, 0.25 - 0.2 * DZ]) and lecture["new_w"][0] > 0.5
    assert lecture["new_b"] == pytest.approx(-0.1 * DZ)
    assert json.loads(json.dumps(lecture)) == lecture  # plain values: the class stores it as JSON


def test_dz_slips_by_hand(lecture):
    assert truth_of("dz", lecture) == pytest.approx(DZ)
    got = values(slips("dz", lecture))
    assert got == pytest.approx({"sign_dz": 1 - A, "squared_rule": DZ * SLOPE, "no_slope": -1 / A})
    assert next(s for s in slips("dz", lecture) if s.name == "sign_dz").label == "flipped the sign of dz (y − a)"


def test_da_slips_by_hand(lecture):
    got = values(slips("da", lecture))
    # the sign flipped; the other label's term 1/(1 − a) for y = 1; dz = a − y given for da
    assert got == pytest.approx({"sign_da": 1 / A, "other_label": 1 / (1 - A), "dz_for_da": DZ})


def test_dw_slips_carry_dz_slips_and_drop_what_equals_the_truth(lecture):
    dw1 = values(slips("dw1", lecture))
    # x1 = 1: dw1 = dz is right, so "left out x" cannot be told from the truth and is not offered
    assert "no_x" not in dw1
    assert dw1 == pytest.approx({"sign_dz": 1 - A, "squared_rule": DZ * SLOPE, "no_slope": -1 / A, "w_for_x": 0.5 * DZ})
    dw2 = values(slips("dw2", lecture))
    assert dw2 == pytest.approx(
        {"sign_dz": 2 * (1 - A), "squared_rule": 2 * DZ * SLOPE, "no_slope": -2 / A, "no_x": DZ, "w_for_x": 0.25 * DZ}
    )


def test_update_slips_by_hand(lecture):
    w1 = values(slips("w1", lecture))
    assert w1["plus_step"] == pytest.approx(0.5 + 0.1 * DZ)  # w + α·dw: also what a flipped dz gives
    assert w1["no_lr"] == pytest.approx(0.5 - DZ)
    assert w1["squared_rule"] == pytest.approx(0.5 - 0.1 * DZ * SLOPE)
    assert w1["change_only"] == pytest.approx(-0.1 * DZ)
    assert "sign_dz" not in w1 and "no_x" not in w1  # the first is plus_step; the second is right for x1 = 1
    b = values(slips("b", lecture))
    # b = 0, so the change −α·db is the new b itself: not a slip here
    assert "change_only" not in b and b["plus_step"] == pytest.approx(0.1 * DZ) and b["no_lr"] == pytest.approx(-DZ)


def test_squared_loss_slips_are_the_reverse_rule():
    c = slip_context([1.0, 2.0], 1.0, [0.5, 0.25], 0.0, 0.1, "squared")
    truth = truth_of("dz", c)
    assert truth == pytest.approx(DZ * SLOPE)  # squared error: dz = (a − y)·a(1−a)
    assert values(slips("dz", c)) == pytest.approx({"sign_dz": -DZ * SLOPE, "cross_entropy_rule": DZ})
    assert values(slips("da", c)) == pytest.approx(
        {"sign_da": 1 - A, "dz_for_da": DZ * SLOPE, "cross_entropy_da": -1 / A}
    )


def test_slips_that_coincide_are_both_dropped():
    # x1 = −1: a flipped dz gives −x1·(−dz)… = dz, and leaving x out gives dz too: nobody can say which
    c = slip_context([-1.0, 2.0], 1.0, [0.5, 0.25], 0.0, 0.1, "cross_entropy")  # z = 0, a = ½, dz = −½
    got = values(slips("dw1", c))
    assert truth_of("dw1", c) == pytest.approx(0.5)
    assert got == pytest.approx({"squared_rule": 0.125, "no_slope": 2.0, "w_for_x": -0.25})


def test_no_answer_can_match_two_verdicts():
    grid = itertools.product((-2.0, -1.0, 0.0, 0.5, 1.0, 3.0), (0.0, 0.3, 1.0), (-1.0, 0.0, 2.0), (0.0, 0.7))
    for (x1, y, w1, b), loss in itertools.product(grid, ("cross_entropy", "squared")):
        c = slip_context([x1, 1.0], y, [w1, 0.5], b, 0.5, loss)
        for item in ("da", "dz", "dw1", "dw2", "db", "dx1", "w1", "w2", "b"):
            truth, found = truth_of(item, c), slips(item, c)
            points = [truth, *[s.value for s in found]]
            for s in found:
                assert math.isfinite(s.value) and not is_close(s.value, truth) and not is_close(truth, s.value)
            for u, v in itertools.combinations(points, 2):
                # the midpoint would be close to both if the two tolerance intervals met
                assert not (is_close((u + v) / 2, u) and is_close((u + v) / 2, v)), (item, u, v)


def test_a_saturated_sigmoid_leaves_out_what_divides_by_zero():
    c = slip_context([1.0, 2.0], 1.0, [50.0, 0.0], 0.0, 0.1, "cross_entropy")  # a rounds to 1
    assert c["a"] == 1.0
    found = slips("da", c)
    assert all(math.isfinite(s.value) for s in found) and "other_label" not in values(found)  # 1/(1 − a)


def test_unknown_items_have_no_slips(lecture):
    for item in ("w3", "dw0", "dw01", "L", "z", "x1", "", "dwx"):
        assert slips(item, lecture) == [] and truth_of(item, lecture) is None


def test_classify(lecture):
    found = slips("dz", lecture)
    assert classify(-0.2689, DZ, found) == "right"  # typed to 4 digits
    assert classify(0.269, DZ, found) == "sign_dz"
    assert classify(-0.0529, DZ, found) == "squared_rule"
    assert classify(-1.368, DZ, found) == "no_slope"
    for other in (5.0, -0.3, math.inf, -math.inf, math.nan, 1e300):
        assert classify(other, DZ, found) is None


def test_summary_counts_and_orders_the_slips(lecture):
    found = slips("dz", lecture)
    answers = [-0.2689] * 12 + [0.2689] * 8 + [-0.0529] * 1 + [math.inf, -1e300]
    s = summarise(answers, DZ, found)
    assert (s.count, s.right, s.other) == (23, 12, 2)
    assert [(slip.name, k) for slip, k in s.by_slip] == [("sign_dz", 8), ("squared_rule", 1)]  # no_slope: nobody
    assert s.lines() == [
        "12 of 23 right",
        "8 of 23 flipped the sign of dz (y − a)",
        "1 of 23 used squared error's dz = (a − y)·a(1−a)",
        "2 of 23 other wrong answers",
    ]


def test_summary_ties_keep_the_slips_order_and_empty_is_zero(lecture):
    found = slips("dz", lecture)
    s = summarise([-1.368, 0.2689], DZ, found)
    assert [slip.name for slip, _ in s.by_slip] == ["sign_dz", "no_slope"]
    empty = summarise([], DZ, found)
    assert (empty.count, empty.right, empty.by_slip, empty.other) == (0, 0, (), 0)
    assert empty.lines() == ["0 of 0 right"]


def test_an_infinite_truth_counts_infinite_answers_right():
    s = summarise([math.inf, -math.inf, 1e308], math.inf, [])
    assert (s.right, s.other) == (1, 2)

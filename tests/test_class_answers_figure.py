"""The class's answers as a histogram: bins counted by hand, edge bins for far and infinite answers,
and nothing of the true value in the figure before the reveal."""

import math

import pytest
from helpers import traces

from logreg_viz.classroom.slips import Slip
from logreg_viz.figures.class_answers import answer_bins, answers_figure
from logreg_viz.figures.style import TEMPLATE

A = 1 / (1 + math.exp(-1))
DZ = A - 1  # the lecture's dz = a − y = σ(1) − 1 = −0.26894…
# the lecture's slips for dz, by hand: the sign flipped, squared error's rule, dz = da
SLIPS = [
    Slip("sign_dz", "flipped the sign of dz (y − a)", 1 - A),
    Slip("squared_rule", "used squared error's dz = (a − y)·a(1−a)", DZ * A * (1 - A)),
    Slip("no_slope", "stopped at da: dz = da, without a(1−a)", -1 / A),
]
CLASS = [-0.2689] * 12 + [0.2689] * 8 + [-0.0529]  # 12 right, 8 flipped the sign, 1 squared error's rule


def test_bins_by_hand():
    b = answer_bins(CLASS)
    # span 0.5378 over about 12 bins → a width of 0.05, from −0.3 (below −0.2689) to 0.3 (above 0.2689)
    assert b.edges == pytest.approx([-0.3 + 0.05 * k for k in range(13)])
    assert b.counts[0] == 12 and b.counts[11] == 8 and b.counts[4] == 1  # −0.0529 in [−0.1, −0.05)
    assert sum(b.counts) == 21 and (b.below, b.above) == (0, 0)


def test_far_and_infinite_answers_go_to_the_edge_bins_and_are_counted():
    values = [*CLASS, math.inf, 2689.0, -math.inf, -1e300, math.nan]
    b = answer_bins(values)
    assert b.edges == pytest.approx(answer_bins(CLASS).edges)  # a typo does not stretch the bins
    assert (b.below, b.below_inf, b.above, b.above_inf) == (2, 1, 2, 1)
    assert b.total == len(values) - 1  # NaN is nobody's answer
    fig = answers_figure(values[:-1], DZ, False, SLIPS)
    (bars,) = traces(fig, "answers")
    assert sum(bars.y) == len(values) - 1
    assert fig.layout.xaxis.ticktext[0] == "< −0.3" and fig.layout.xaxis.ticktext[-1] == "≥ 0.3"
    assert bars.hovertext[0] == "below −0.3: 2 answers, 1 of them −∞"
    assert bars.hovertext[-1] == "0.3 or more: 2 answers, 1 of them ∞"
    assert bars.x[0] < fig.layout.xaxis.tickvals[1] and bars.x[-1] > fig.layout.xaxis.tickvals[-2]  # drawn apart


def test_huge_answers_neither_overflow_nor_stretch_the_bins():
    b = answer_bins([1e308, -1e308, 0.5, 0.5, 0.6])
    assert all(math.isfinite(e) for e in b.edges) and b.edges[-1] - b.edges[0] < 1
    assert (b.below, b.above, b.total) == (1, 1, 5)


def test_hover_says_the_range_and_the_count():
    (bars,) = traces(answers_figure(CLASS, DZ, False, SLIPS), "answers")
    assert bars.hovertext[0] == "−0.3 to −0.25: 12 answers"
    assert bars.hovertext[4] == "−0.1 to −0.05: 1 answer"
    assert bars.hovertemplate == "%{hovertext}<extra></extra>"


def test_unrevealed_figure_holds_no_trace_of_the_truth():
    mine = 0.31
    fig = answers_figure(CLASS, DZ, False, SLIPS, mine=mine, item="dz")
    text = fig.to_json()
    forms = {repr(DZ), repr(abs(DZ)), *(f"{abs(DZ):.{d}f}" for d in range(3, 17))}
    for slip in SLIPS:  # the slips are worked from the truth: they wait too
        forms |= {repr(abs(slip.value)), f"{abs(slip.value):.4f}", slip.label, slip.name}
    assert not [form for form in forms if form in text]
    assert not traces(fig, "truth") and not traces(fig, "slip") and not fig.layout.annotations
    # built from the answers alone: another truth and other slips give the very same figure
    other = answers_figure(CLASS, 0.123456, False, [Slip("x", "y", 7.0)], mine=mine, item="dz")
    assert other.to_json() == text


def test_unrevealed_figure_with_every_answer_right_is_still_the_answers_figure():
    right = [-0.2689] * 20
    fig = answers_figure(right, DZ, False, SLIPS)
    assert answers_figure(right, -0.26, False, [], None).to_json() == fig.to_json()
    assert repr(DZ) not in fig.to_json() and "0.26894" not in fig.to_json()


def test_revealed_figure_marks_the_truth_and_the_slips_somebody_made():
    fig = answers_figure(CLASS, DZ, True, SLIPS, item="dz")
    (truth,) = traces(fig, "truth")
    assert list(truth.x) == [DZ, DZ]
    assert [a.text for a in fig.layout.annotations] == ["true value −0.2689"]
    made = traces(fig, "slip")
    # nobody answered dz = da = −1.368: that slip is not drawn
    assert [t.name for t in made] == ["flipped the sign of dz (y − a)", "used squared error's dz = (a − y)·a(1−a)"]
    assert list(made[0].x) == [1 - A, 1 - A]
    assert "8 flipped the sign of dz (y − a)" in made[0].hovertemplate
    assert len({t.line.dash for t in made}) == 2  # told apart in the legend


def test_revealed_range_holds_the_truth_even_when_nobody_is_near_it():
    fig = answers_figure([5.0, 5.1, 5.2], DZ, True, SLIPS)
    (truth,) = traces(fig, "truth")
    low, high = fig.layout.xaxis.range
    assert low < DZ < high and truth.x[0] == DZ
    hidden = answers_figure([5.0, 5.1, 5.2], DZ, False, SLIPS)
    assert hidden.layout.xaxis.range[0] > 4  # before the reveal the range does not reach for it


def test_mine_is_marked_and_an_outlying_one_sits_in_its_edge_bin():
    fig = answers_figure(CLASS, DZ, False, SLIPS, mine=0.27)
    (mine,) = traces(fig, "mine")
    assert list(mine.x) == [0.27] and "your answer 0.27" in mine.hovertemplate
    fig = answers_figure(CLASS, DZ, False, SLIPS, mine=-50.0)
    (bars,) = traces(fig, "answers")
    assert traces(fig, "mine")[0].x[0] == bars.x[0] and bars.y[0] == 0  # the edge bin is drawn for it


def test_empty_answers_say_so():
    for revealed in (False, True):
        fig = answers_figure([], DZ, revealed, SLIPS, mine=None)
        assert not fig.data and [a.text for a in fig.layout.annotations] == ["No answers yet"]


def test_house_style_and_presenter_type():
    page = answers_figure(CLASS, DZ, True, SLIPS)
    big = answers_figure(CLASS, DZ, True, SLIPS, presenter=True)
    assert page.layout.template.layout.font.family == TEMPLATE.layout.font.family
    assert page.layout.xaxis.title.text == "answer" and page.layout.yaxis.title.text == "students"
    assert big.layout.xaxis.tickfont.size > page.layout.xaxis.tickfont.size >= 14
    assert big.layout.annotations[0].font.size > page.layout.annotations[0].font.size
    assert big.layout.height > page.layout.height

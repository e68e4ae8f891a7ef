"""Compare runs: which branches are kept, and where each one starts, against hand-worked steps."""

import math

import pytest

from logreg_viz import descend
from logreg_viz.branches import branched_runs, with_branch

LECTURE = ((1.0, 2.0), 1.0, (0.5, 0.25), 0.0)


def test_a_branch_is_added_once_and_at_most_four():
    assert with_branch((), (10, 3.0)) == ((10, 3.0),)
    assert with_branch(((10, 3.0),), (10, 3.0)) == ((10, 3.0),)
    full = ((1, 1.0), (2, 1.0), (3, 1.0), (4, 1.0))
    assert with_branch(full, (5, 1.0)) == full


def test_a_branch_starts_where_the_main_run_was_at_its_step():
    # step 1 of the lecture's example, α = 0.1: dz = σ(1) − 1 = −0.268941; w = (0.5, 0.25) − 0.1·dz·(1, 2), b = −0.1·dz
    runs = branched_runs(*LECTURE, 0.1, 10, "cross_entropy", ((1, 3.0),))
    assert [label for label, _, _ in runs] == ["main, α = 0.1", "from step 1, α = 3"]
    _, k, branch = runs[1]
    dz = 1 / (1 + math.exp(-1)) - 1
    assert k == 1 and branch.lr == 3.0 and branch.steps == 10
    assert list(branch.w[0]) == pytest.approx([0.5 - 0.1 * dz, 0.25 - 0.2 * dz], rel=1e-12)
    assert branch.b[0] == pytest.approx(-0.1 * dz, rel=1e-12)


def test_a_branch_past_the_end_starts_at_the_last_step():
    runs = branched_runs(*LECTURE, 0.1, 10, "cross_entropy", ((1000, 0.5),))
    assert runs[1][:2] == ("from step 10, α = 0.5", 10)


def test_a_branch_from_an_overflowed_step_is_left_out():
    # α = 10³⁰⁶ with x = (1000, 2000), y = 0: the first step overflows (the overflow preset)
    runs = branched_runs((1000.0, 2000.0), 0.0, (0.5, 0.25), 0.0, 1e306, 5, "cross_entropy", ((3, 0.1), (0, 0.1)))
    assert [label for label, _, _ in runs] == ["main, α = 1e+306", "from step 0, α = 0.1"]


def test_the_runs_come_from_the_function_given():
    calls = []

    def run(x, y, w, b, lr, steps, loss):
        calls.append((x, y, w, b, lr, steps, loss))
        return descend(list(x), y, list(w), b, lr=lr, steps=steps, loss=loss)

    branched_runs(*LECTURE, 0.1, 3, "squared", ((2, 0.5),), run=run)
    assert [c[4] for c in calls] == [0.1, 0.5] and all(c[6] == "squared" for c in calls)

import math

import pytest

from logreg_viz import forward_backward
from logreg_viz.quiz import (
    Progress,
    answer,
    hidden_nodes,
    is_close,
    parse_guess,
    progress_for,
    question_count,
    questions,
)
from logreg_viz.stepthrough import phases


@pytest.mark.parametrize(
    ("text", "value"),
    [("-0.27", -0.27), ("−0.2689", -0.2689), ("0,5", 0.5), (" 1e-3 ", 1e-3), ("∞", math.inf), ("-∞", -math.inf)],
)
def test_parse_guess_reads_what_people_type(text, value):
    assert parse_guess(text) == value


@pytest.mark.parametrize("text", ["", "abc", "nan", "1/2", "0.5.5", "x" * 100])
def test_parse_guess_refuses_everything_else(text):
    assert parse_guess(text) is None


def test_tolerance_is_half_a_percent_or_half_a_thousandth():
    dz = -0.2689414213699951
    assert is_close(-0.2689, dz) and is_close(-0.27, dz)  # 0.39 % off
    assert not is_close(-0.28, dz)  # 4 % off
    assert is_close(0.0004, 0.0) and not is_close(0.001, 0.0)
    assert is_close(math.inf, math.inf) and not is_close(1e308, math.inf)


def lecture_questions():
    x, y, w, b = [1.0, 2.0], 1.0, [0.5, 0.25], 0.0
    return questions(phases(forward_backward(x, y, w, b), x, y, w, b, 0.1))


def test_the_class_predicts_every_backward_value_and_every_updated_parameter():
    # n = 2: da, dz, dw1, dw2, db, then w1, w2, b
    assert question_count(2) == 8 == len(lecture_questions())
    assert question_count(1) == 6 and question_count(4) == 12


def test_a_right_answer_moves_on_and_counts():
    # the first question is da = −1/a for y = 1, a = σ(1) = 0.731059: da = −1.36788
    items = lecture_questions()
    progress, right = answer(Progress(key=("lecture",)), items, "-1.368")
    assert right is True and progress.index == 1 and progress.last[:3] == ("right", items[0].name, -1.368)


def test_a_wrong_answer_moves_on_and_shows_the_working():
    items = lecture_questions()
    progress, right = answer(Progress(), items, "1.368")
    assert right is False and progress.index == 1 and progress.last[0] == "wrong" and progress.last[3]


def test_text_that_is_no_number_leaves_the_question_open():
    progress, right = answer(Progress(index=2), lecture_questions(), "minus a quarter")
    assert right is None and progress.index == 2 and progress.last == ("unreadable", "dw1", "minus a quarter", None)


def test_a_finished_quiz_takes_no_more_answers():
    done = Progress(index=8)
    assert answer(done, lecture_questions(), "0") == (done, None)


def test_the_quiz_starts_over_for_another_example():
    mid = Progress(key=("a",), index=3)
    assert progress_for(mid, ("a",)) is mid
    assert progress_for(mid, ("b",)) == Progress(key=("b",))
    assert progress_for(None, ("a",)) == Progress(key=("a",))


def test_the_graph_hides_what_is_not_yet_predicted():
    items = lecture_questions()  # backward nodes in order: a, z, w1, w2, b
    nodes = ["x1", "x2", "w1", "w2", "b", "z", "a", "L"]
    assert hidden_nodes(nodes, items, 0) == frozenset(nodes)
    assert hidden_nodes(nodes, items, 2) == frozenset(nodes) - {"a", "z"}
    assert hidden_nodes(nodes, items, 8) == frozenset({"x1", "x2", "L"})


def test_with_the_inputs_derivatives_shown_the_class_predicts_them_too():
    """What is asked and what the graph shows agree: dx1, dx2 appear (as '?') only with the toggle, and
    then they are asked, after db: dx_i = w_i·dz (hand values for the lecture's example)."""
    x, y, w, b = [1.0, 2.0], 1.0, [0.5, 0.25], 0.0
    items = questions(phases(forward_backward(x, y, w, b), x, y, w, b, 0.1, dx=True))
    assert question_count(2, dx=True) == 10 == len(items)
    dz = 1 / (1 + math.exp(-1)) - 1
    asked = {item.name: item.value for item in items}
    assert [item.name for item in items][4:7] == ["db", "dx1", "dx2"]
    assert asked["dx1"] == pytest.approx(0.5 * dz, rel=1e-12) and asked["dx2"] == pytest.approx(0.25 * dz, rel=1e-12)

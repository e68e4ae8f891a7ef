"""The class's answers as CSV: every answer with its verdict, read back by csv.reader, and no nickname
that a spreadsheet would run as a formula."""

import csv
import io
import math
from datetime import UTC, datetime

from logreg_viz.classroom.export import answers_csv
from logreg_viz.classroom.room import Answer, Question
from logreg_viz.classroom.slips import slip_context

A = 1 / (1 + math.exp(-1))
DZ = A - 1  # the lecture's example: dz = σ(1) − 1
ASKED = datetime(2024, 5, 6, 9, 30, tzinfo=UTC).timestamp()
CONTEXT = slip_context([1.0, 2.0], 1.0, [0.5, 0.25], 0.0, 0.1, "cross_entropy")
HOSTILE = ['=HYPERLINK("http://x.example","click")', "+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


def question(qid: int = 1, item: str = "dz", truth: float = DZ, context: dict | None = None) -> Question:
    return Question(qid, item, "dz = a - y", truth, CONTEXT if context is None else context, ASKED, True)


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_header_and_one_row_an_answer_with_its_verdict():
    answers = [
        Answer("s1", "Swift Otter", -0.2689, ASKED + 12),
        Answer("s2", "Calm Heron", 0.2689, ASKED + 13.5),  # flipped the sign of dz
        Answer("s3", "Bold Lynx", DZ * A * (1 - A), ASKED + 20),  # squared error's rule
        Answer("s4", "Keen Wren", 7.0, ASKED + 21),
    ]
    got = rows(answers_csv([question()], {1: answers}))
    assert got[0] == ["question", "item", "asked_at", "truth", "nickname", "answer", "verdict", "answered_at"]
    assert [r[6] for r in got[1:]] == ["right", "sign_dz", "squared_rule", "wrong"]
    first = got[1]
    assert first[:5] == ["1", "dz", "2024-05-06T09:30:00Z", repr(DZ), "Swift Otter"]
    assert float(first[3]) == DZ and float(first[5]) == -0.2689  # negative numbers stay numbers
    assert first[7] == "2024-05-06T09:30:12Z"


def test_formula_injection_is_neutralised():
    answers = [Answer(f"s{i}", name, -0.2689, ASKED + i) for i, name in enumerate(HOSTILE)]
    got = rows(answers_csv([question()], {1: answers}))
    assert [r[4] for r in got[1:]] == ["'" + name for name in HOSTILE]
    for r in got[1:]:
        assert r[5] == "-0.2689"  # the answer column is ours: a number, no apostrophe


def test_round_trips_through_csv_reader():
    tricky = 'Al, "the"\nBot ü ∞'
    answers = [Answer("s1", tricky, 1e-05, ASKED + 1), Answer("s2", "Pl\rain", -1e300, ASKED + 2)]
    got = rows(answers_csv([question(2, "w1", CONTEXT["new_w"][0])], {2: answers}))
    assert len(got) == 3 and got[1][4] == tricky and got[2][4] == "Pl\rain"  # a lone CR is quoted too
    assert float(got[1][5]) == 1e-05 and float(got[2][5]) == -1e300
    assert math.isclose(float(got[1][3]), 0.5 - 0.1 * DZ, rel_tol=1e-15)  # the updated w1 = w1 − α·dw1


def test_infinite_answers_are_written_and_counted():
    answers = [Answer("s1", "Up", math.inf, ASKED + 1), Answer("s2", "Down", -math.inf, ASKED + 2)]
    got = rows(answers_csv([question()], {1: answers}))
    assert [float(r[5]) for r in got[1:]] == [math.inf, -math.inf]
    assert [r[6] for r in got[1:]] == ["wrong", "wrong"]


def test_every_question_is_listed_even_unanswered_in_the_order_given():
    qs = [question(1), question(2, "db"), question(3, "b", CONTEXT["new_b"])]
    answers = {1: [Answer("s1", "A", -0.27, ASKED + 5)], 3: [Answer("s1", "A", -0.1 * DZ, ASKED + 60)]}
    got = rows(answers_csv(qs, answers))
    assert [(r[0], r[1], r[6]) for r in got[1:]] == [("1", "dz", "right"), ("2", "db", ""), ("3", "b", "right")]
    assert got[2][4:] == ["", "", "", ""]


def test_a_question_without_the_examples_numbers_is_marked_right_or_wrong():
    answers = [Answer("s1", "A", DZ, ASKED + 1), Answer("s2", "B", -DZ, ASKED + 2)]
    got = rows(answers_csv([question(context={})], {1: answers}))
    assert [r[6] for r in got[1:]] == ["right", "wrong"]


def test_no_questions_is_a_header():
    assert rows(answers_csv([], {})) == [
        ["question", "item", "asked_at", "truth", "nickname", "answer", "verdict", "answered_at"]
    ]

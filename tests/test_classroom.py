"""The class's rules, each over both stores (an SQLite file and a real redis-server), with a clock the test
moves. The numbers are the rules' own (5 s, 0.5 s, 20 changes, 10 tries, 20 starts), counted by hand."""

from __future__ import annotations

import math

import pytest
from class_support import KINDS, Clock, store_for

from logreg_viz.classroom import Classroom, Outcome, format_code
from logreg_viz.classroom.codes import CODE_ALPHABET

CONTEXT = {"x": [1.0, 2.0], "y": 1, "w": [0.5, -0.25], "b": 0.0, "loss": math.inf}


@pytest.fixture(params=KINDS)
def store(request, tmp_path):
    store = store_for(request, tmp_path)
    yield store
    store.close()


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def room(store, clock):
    return Classroom(store, clock=clock, ttl=3600.0)


@pytest.fixture
def started(room):
    """A class with page "pageA" leading: (code, secret)."""
    code, secret = room.start("10.0.0.1")
    assert room.claim_lead(code, secret, "pageA").ok
    return code, secret


def refused(outcome, *words):
    assert isinstance(outcome, Outcome) and not outcome.ok, outcome
    for word in words:
        assert word in outcome.message, outcome.message
    return True


def test_a_class_starts_with_a_code_and_a_secret_only_its_teacher_holds(room):
    code, secret = room.start("10.0.0.1")
    assert len(code) == 6 and set(code) <= set(CODE_ALPHABET)
    assert room.is_lead(code, secret)
    assert room.is_lead(format_code(code).lower(), secret)
    other_code, other_secret = room.start("10.0.0.1")
    assert not room.is_lead(code, other_secret) and not room.is_lead(other_code, secret)
    assert not room.is_lead(code, None) and not room.is_lead("NOCODE", secret)
    snap = room.snapshot(code)
    assert (snap.code, snap.lead.version, snap.lead.view, snap.question, snap.answered) == (code, 0, {}, None, 0)


def test_one_client_starts_20_classes_an_hour(room, clock):
    for _ in range(20):
        assert isinstance(room.start("10.0.0.1"), tuple)
    assert refused(room.start("10.0.0.1"), "20 classes", "last hour")
    assert isinstance(room.start("10.0.0.2"), tuple)  # another computer is not held back
    clock.advance(3599)
    assert refused(room.start("10.0.0.1"))
    clock.advance(1)  # the first start is now an hour old
    assert isinstance(room.start("10.0.0.1"), tuple)


def test_join_reads_a_code_typed_any_way(room, started):
    code, _ = started
    assert room.join(format_code(code).lower(), "10.0.0.9") == code
    assert room.join(f"  {code[:3]} {code[3:]} ", "10.0.0.9") == code
    assert refused(room.join("hello", "10.0.0.9"), "not a class code", "K7Q-P2M")
    unknown = "K7QP2M" if code != "K7QP2M" else "K7QP2N"
    assert refused(room.join(unknown.lower(), "10.0.0.9"), f"No class has the code {format_code(unknown)}")


def test_ten_failed_joins_a_minute_make_even_a_right_code_wait(room, started, clock):
    code, _ = started
    for _ in range(9):
        refused(room.join("ZZZZZZ", "10.0.0.9"))
    assert room.join(code, "10.0.0.9") == code  # 9 failures: still let in, and a success does not count
    refused(room.join("nonsense", "10.0.0.9"))  # the 10th
    assert refused(room.join(code, "10.0.0.9"), "wait a minute")
    assert room.join(code, "10.0.0.8") == code  # another computer is not held back
    clock.advance(59.9)
    refused(room.join(code, "10.0.0.9"), "wait a minute")
    clock.advance(0.1)  # the failures are a minute old
    assert room.join(code, "10.0.0.9") == code


def test_one_page_leads_and_another_is_told_when_the_leader_was_seen(room, started, clock):
    code, secret = started
    clock.advance(3)
    assert refused(room.claim_lead(code, secret, "pageB"), "Another page is leading this class (seen 3 s ago)")
    assert refused(room.publish(code, secret, "pageB", {"mode": "lesson"}), "Take over")
    assert room.claim_lead(code, secret, "pageA").ok  # a heartbeat
    clock.advance(0.5)
    assert refused(room.claim_lead(code, secret, "pageB"), "seen just now")
    assert room.claim_lead(code, secret, "pageB", force=True).ok  # a take-over
    assert refused(room.publish(code, secret, "pageA", {"mode": "lesson"}), "Another page is leading")


def test_a_quiet_leader_gives_way_after_five_seconds_and_publishing_is_a_heartbeat(room, started, clock):
    code, secret = started
    clock.advance(8)
    assert room.publish(code, secret, "pageA", {"mode": "lesson"}).ok  # seen at 8
    clock.advance(4.9)  # 12.9: quiet for 4.9 s
    assert refused(room.claim_lead(code, secret, "pageB"), "seen 5 s ago")  # 4.9 rounds to 5, still refused
    clock.advance(0.1)  # quiet for 5 s
    assert room.claim_lead(code, secret, "pageB").ok  # the reloaded teacher page takes the lead back
    assert refused(room.claim_lead(code, secret, "pageA"), "seen just now")


def test_the_lead_needs_the_classes_secret_and_a_page_id(room, started):
    code, secret = started
    _, other = room.start("10.0.0.1")
    for bad in (other, "", None, 42):
        assert refused(room.claim_lead(code, bad, "pageA"), "teacher key is not this class's", "as a student")
    assert refused(room.claim_lead(code, secret, ""), "reload")
    assert refused(room.claim_lead(code, secret, "page with spaces"), "reload")
    assert refused(room.claim_lead("K7QP2M" if code != "K7QP2M" else "K7QP2N", secret, "pageA"), "No class")


def test_a_view_gets_a_new_version_only_when_it_changes(room, started):
    code, secret = started
    versions = []
    for view in ({"mode": "lesson"}, {"mode": "lesson"}, {"mode": "lesson", "phase": "2"}, {"mode": "lesson"}):
        assert room.publish(code, secret, "pageA", view).ok
        versions.append(room.snapshot(code).lead.version)
        assert room.snapshot(code).lead.view == view
    assert versions == [1, 1, 2, 3]


@pytest.mark.parametrize(
    "view",
    [None, "mode=lesson", {"mode": 1}, {1: "a"}, {"": "a"}, {f"k{i}": "v" for i in range(65)}, {"k": "v" * 2001}],
)
def test_a_view_that_is_not_a_small_dict_of_text_is_refused(room, started, view):
    code, secret = started
    assert refused(room.publish(code, secret, "pageA", view), "settings")
    assert room.snapshot(code).lead == room.snapshot(code).lead.__class__()  # version 0, view {}


def test_a_view_keeps_any_text_exactly(room, started):
    code, secret = started
    view = {"mode": "lesson", "x": "1.5e-3,−0.27", "note": "∞ 🦦 \u202e \ud800", "empty": ""}
    assert room.publish(code, secret, "pageA", view).ok
    assert room.snapshot(code).lead.view == view


def test_asking_opens_a_question_with_its_truth_kept_exactly(room, started):
    code, secret = started
    assert room.ask(code, secret, "pageA", "dz", r"\frac{\partial L}{\partial z}", -0.2689414213699951, CONTEXT).ok
    question = room.snapshot(code).question
    assert (question.qid, question.item, question.latex) == (1, "dz", r"\frac{\partial L}{\partial z}")
    assert question.truth == -0.2689414213699951 and question.context == CONTEXT and not question.revealed
    assert room.ask(code, secret, "pageA", "loss", "L", math.inf, {}).ok
    assert room.snapshot(code).question.truth == math.inf and room.snapshot(code).question.qid == 2
    assert room.ask(code, secret, "pageA", "db", "b", -0.0, {}).ok
    assert math.copysign(1, room.snapshot(code).question.truth) == -1
    assert [q.qid for q in room.questions(code)] == [1, 2, 3]
    assert [q.item for q in room.questions(code)] == ["dz", "loss", "db"]


def test_asking_the_open_question_again_keeps_it_and_its_answers(room, started, clock):
    """A double click on Ask: the same item with the same numbers, still unrevealed, is one question."""
    code, secret = started
    ada = room.register(code)
    assert room.ask(code, secret, "pageA", "dz", "z", -0.27, CONTEXT).ok
    assert room.answer(code, ada, 1, "-0.3").ok
    again = room.ask(code, secret, "pageA", "dz", "z", -0.27, CONTEXT)
    assert again.ok and "Question 1 is already open" in again.message
    assert refused(room.ask(code, secret, "pageB", "dz", "z", -0.27, CONTEXT), "Another page is leading")
    assert [q.qid for q in room.questions(code)] == [1] and room.snapshot(code).answered == 1
    assert room.ask(code, secret, "pageA", "dz", "z", -0.27, {**CONTEXT, "b": 0.1}).message == "Question 2 is open."
    assert room.ask(code, secret, "pageA", "db", "z", -0.27, {**CONTEXT, "b": 0.1}).message == "Question 3 is open."
    assert room.reveal(code, secret, "pageA", 3).ok  # once revealed, the same question may be asked anew
    assert room.ask(code, secret, "pageA", "db", "z", -0.27, {**CONTEXT, "b": 0.1}).message == "Question 4 is open."
    assert room.snapshot(code).answered == 0


@pytest.mark.parametrize(
    ("item", "latex", "truth", "context"),
    [("", "L", 1.0, {}), ("dz", "L", math.nan, {}), ("dz", "L", "0.5", {}), ("dz", "L", True, {}),
     ("dz", "L", 1.0, {"f": object()}), ("dz", "L", 1.0, []), ("dz", "L" * 1001, 1.0, {}), (None, "L", 1.0, {})],
)  # fmt: skip
def test_a_question_that_cannot_be_shared_is_refused(room, started, item, latex, truth, context):
    code, secret = started
    assert refused(room.ask(code, secret, "pageA", item, latex, truth, context))
    assert room.snapshot(code).question is None


def test_only_the_leading_page_asks_and_reveals(room, started, clock):
    code, secret = started
    assert refused(room.ask(code, secret, "pageB", "dz", "z", 1.0, {}), "Another page is leading")
    assert room.ask(code, secret, "pageA", "dz", "z", 1.0, {}).ok
    assert refused(room.reveal(code, secret, "pageB", 1), "Another page is leading")
    assert refused(room.reveal(code, "wrong", "pageA", 1), "teacher key")
    assert refused(room.reveal(code, secret, "pageA", 2), "no such question")
    assert refused(room.reveal(code, secret, "pageA", "1"), "no such question")
    assert not room.snapshot(code).question.revealed
    assert room.reveal(code, secret, "pageA", 1).ok
    assert room.snapshot(code).question.revealed


def test_answers_count_each_student_once_and_the_last_answer_counts(room, started, clock):
    code, secret = started
    ada, bob, cy = (room.register(code) for _ in range(3))
    assert room.ask(code, secret, "pageA", "dz", "z", -0.27, {}).ok
    assert room.answer(code, ada, 1, "-0.3").ok
    clock.advance(1)
    assert room.answer(code, bob, 1, "−0,27").ok  # a real minus and a decimal comma
    clock.advance(1)
    assert room.answer(code, ada, 1, "-0.27").ok  # ada changes her answer: now the latest of the two
    assert room.snapshot(code).answered == 2
    assert [(a.student, a.value) for a in room.answers(code, 1)] == [(bob, -0.27), (ada, -0.27)]
    clock.advance(1)
    assert room.answer(code, cy, 1, "∞").ok
    assert room.snapshot(code).answered == 3
    assert room.answers(code, 1)[-1].value == math.inf


def test_answers_come_at_most_every_half_second_and_change_twenty_times(room, started, clock):
    code, secret = started
    ada = room.register(code)
    assert room.ask(code, secret, "pageA", "dz", "z", 1.0, {}).ok
    assert room.answer(code, ada, 1, "0").ok
    clock.advance(0.25)
    assert refused(room.answer(code, ada, 1, "1"), "Answer at most once every half second.")
    clock.advance(0.25)  # half a second after the first
    assert room.answer(code, ada, 1, "1").ok  # change 1
    for change in range(2, 21):
        clock.advance(0.5)
        assert room.answer(code, ada, 1, str(change)).ok
    clock.advance(60)
    assert refused(room.answer(code, ada, 1, "21"), "changed this answer 20 times")
    assert [a.value for a in room.answers(code, 1)] == [20.0]


def test_an_answer_must_be_a_number_to_the_open_question_of_a_student_of_the_class(room, started, clock):
    code, secret = started
    ada = room.register(code)
    assert refused(room.answer(code, ada, 1, "0.5"), "no such question")
    assert room.ask(code, secret, "pageA", "dz", "z", 1.0, {}).ok
    for text in ("abc", "", "nan", "1/2", None, 0.5, "1" * 101):
        assert refused(room.answer(code, ada, 1, text), "That is not a number: type one such as -0.27 or 1.5e-3.")
    assert refused(room.answer(code, "nobody", 1, "0.5"), "not in the class")
    assert refused(room.answer(code, ada, 2, "0.5"), "no such question")
    assert room.ask(code, secret, "pageA", "da", "a", 1.0, {}).ok
    assert refused(room.answer(code, ada, 1, "0.5"), "closed", "question 2")
    assert room.answer(code, ada, 2, "0.5").ok
    assert room.reveal(code, secret, "pageA", 2).ok
    clock.advance(1)
    assert refused(room.answer(code, ada, 2, "0.7"), "revealed")
    assert [a.value for a in room.answers(code, 2)] == [0.5] and room.answers(code, 1) == []


def test_students_register_once_and_rename_themselves(room, started):
    code, _ = started
    ada = room.register(code)
    assert room.register(format_code(code), ada) == ada
    assert room.register(code, "forged-id") not in ("forged-id", None)
    assert room.register("K7QP2M" if code != "K7QP2M" else "K7QP2N") is None
    assert len(room.nickname(code, ada).split(" ")) == 2
    assert room.rename(code, ada, "  Ada\u202e \t Lovelace ").ok
    assert room.nickname(code, ada) == "Ada Lovelace"
    assert refused(room.rename(code, ada, "\u200b \n"), "1 to 24")
    assert refused(room.rename(code, "nobody", "Bob"), "not in the class")
    assert room.nickname(code, "nobody") == "" and room.nickname("nonsense", ada) == ""


def test_a_class_ends_after_its_ttl_and_purge_drops_it(room, store, started, clock):
    code, secret = started
    ada = room.register(code)
    assert room.ask(code, secret, "pageA", "dz", "z", 1.0, {}).ok and room.answer(code, ada, 1, "1").ok
    clock.advance(1800)
    later, _ = room.start("10.0.0.1")  # ends half an hour after the first
    clock.advance(1799.9)
    assert room.snapshot(code) is not None and room.purge() == 0
    clock.advance(0.1)  # an hour after the start
    assert room.snapshot(code) is None and room.register(code) is None and room.answers(code, 1) == []
    assert refused(room.join(code, "10.0.0.9"), "or it has ended")
    assert refused(room.answer(code, ada, 1, "2"), "or it has ended")
    assert refused(room.publish(code, secret, "pageA", {}), "or it has ended")
    assert not room.is_lead(code, secret) and room.questions(code) == []
    assert room.snapshot(later) is not None
    assert room.purge() == 1 and room.purge() == 0
    assert store.read(code, "class", "") is None and store.count(code, "a/1") == 0 and store.count(code, "s") == 0
    assert room.snapshot(later) is not None


JUNK = [None, 0, -1, 2.5, math.nan, True, b"K7QP2M", "", "x" * 100_000, "\ud800", "é" * 50, [], {}, ("a",), object()]


@pytest.mark.parametrize("junk", JUNK, ids=lambda j: type(j).__name__)
def test_nothing_a_page_sends_raises(room, started, junk):
    code, secret = started
    student = room.register(code)
    assert room.ask(code, secret, "pageA", "dz", "z", 1.0, {}).ok
    calls = [
        lambda: room.start(junk), lambda: room.is_lead(junk, secret), lambda: room.is_lead(code, junk),
        lambda: room.claim_lead(junk, secret, "pageA"), lambda: room.claim_lead(code, secret, junk),
        lambda: room.claim_lead(code, secret, "pageA", force=junk), lambda: room.publish(code, secret, "pageA", junk),
        lambda: room.ask(code, secret, "pageA", junk, junk, junk, junk),
        lambda: room.reveal(code, secret, "pageA", junk),
        lambda: room.join(junk, junk), lambda: room.snapshot(junk), lambda: room.register(junk),
        lambda: room.register(code, junk), lambda: room.nickname(code, junk), lambda: room.rename(code, junk, "A"),
        lambda: room.rename(code, student, junk), lambda: room.answer(code, student, 1, junk),
        lambda: room.answer(code, junk, 1, "1"), lambda: room.answer(code, student, junk, "1"),
        lambda: room.answer(junk, student, 1, "1"), lambda: room.answers(code, junk), lambda: room.questions(junk),
    ]  # fmt: skip
    for call in calls:
        call()
    assert room.snapshot(code).question.qid == 1


def test_the_signal_a_page_waits_on_moves_with_the_lead_and_the_question(room, started):
    code, secret = started
    assert room.signal(code) == (0, 0, False)
    assert room.publish(code, secret, "pageA", {"phase": "1"}).ok
    assert room.signal(code) == (1, 0, False)  # a new view: the version moved
    assert room.publish(code, secret, "pageA", {"phase": "1"}).ok
    assert room.signal(code) == (1, 0, False)  # the same view again: nothing moved
    assert room.ask(code, secret, "pageA", "dz", "dz", -0.25, {}).ok
    assert room.signal(code)[1:] == (1, False)
    assert room.reveal(code, secret, "pageA", 1).ok
    assert room.signal(code)[1:] == (1, True)
    assert room.signal("ZZZZZZ") is None

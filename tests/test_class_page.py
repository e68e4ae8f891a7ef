"""The class on the page, driven as a teacher and students drive it (AppTest; several pages share one
server process and so one store): start, join, follow, branch, rejoin, ask, answer, reveal, and what
bad input gets. Expected numbers are the lecture's, worked by hand."""

import json

import pytest
from helpers import APP, charts, failures, node_texts, press, shown, sigma, traces
from streamlit.testing.v1 import AppTest

from logreg_viz.classroom import Classroom, open_store
from logreg_viz.classroom.codes import format_code


@pytest.fixture(autouse=True)
def class_store(tmp_path, monkeypatch):
    """Each test its own class file, as a fresh server would have."""
    path = tmp_path / "classes.sqlite3"
    monkeypatch.setenv("LOGREG_VIZ_CLASS_STORE", str(path))
    monkeypatch.setenv("LOGREG_VIZ_POLL_WAIT", "0")  # AppTest runs the poll in the run: look once, not for 7.5 s
    return path


def page(params: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception and not failures(at), at.exception
    return at


def again(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception and not failures(at), at.exception
    return at


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click()
    return again(at)


def teacher() -> tuple[AppTest, str, str]:
    at = page()
    click(at, "class_start")
    code, secret = at.query_params["class"], at.query_params["lead"]
    assert len(code) == 6 and len(secret) >= 20
    return at, code, secret


def texts(at: AppTest) -> str:
    parts = [
        m.value for kind in ("markdown", "caption", "info", "warning", "error", "success") for m in getattr(at, kind)
    ]
    heads = [json.loads(c.proto.bytes)["head"] for c in at.get("bidi_component") if b'"head"' in c.proto.bytes[:200]]
    lines = [f"{h['where'][h['phase']]} {h['taken']}" for h in heads]  # the lesson head's line
    return "\n".join(str(p) for p in [*parts, *lines])


def lesson(at: AppTest) -> dict:
    """The lesson chart (the teacher's page draws the answers' histogram above it)."""
    return next(c for c in charts(at) if traces(c, "forward texts"))


def store(path) -> Classroom:
    return Classroom(open_store(str(path)))


def test_a_teacher_starts_a_class_with_a_code_a_link_and_a_qr_code():
    at, code, _ = teacher()
    assert format_code(code) in [t.value for t in at.title]
    assert any(f"?class={code}" in str(c.value) for c in at.code)  # the link to copy
    assert at.get("imgs") or at.get("image")  # the QR code, drawn on the server
    assert at.button(key="class_ask_button")


def test_a_student_follows_the_teachers_steps_and_phase_without_pressing_anything():
    lead, code, _ = teacher()
    student = page({"class": code})
    assert student.query_params["student"] and "following the teacher" in texts(student)
    press(lead, "step")
    press(lead, "next")
    press(lead, "next")
    again(student)  # what the poll's rerun does
    dz = sigma(1.0) - 1.0
    assert student.session_state["w1"] == pytest.approx(0.5 - 0.1 * dz)
    assert student.session_state["w2"] == pytest.approx(0.25 - 0.1 * 2 * dz)
    assert "Steps the teacher has taken: **1**" in texts(student)
    assert "Phase 2 of" in texts(student)  # the teacher's phase, walked with Next twice


def test_a_student_branches_off_and_rejoins_with_one_click():
    lead, code, _ = teacher()
    student = page({"class": code})
    student.number_input(key="w1").set_value(2.0)
    again(student)
    assert "exploring on your own" in texts(student)
    press(lead, "step")
    again(student)
    assert student.session_state["w1"] == 2.0  # the teacher's step waits …
    click(student, "class_rejoin")
    dz = sigma(1.0) - 1.0
    assert student.session_state["w1"] == pytest.approx(0.5 - 0.1 * dz)  # … until the rejoin
    assert "following the teacher" in texts(student)


def test_the_class_predicts_and_the_teacher_reveals(class_store):
    lead, code, _ = teacher()
    right, slipped, late = page({"class": code}), page({"class": code}), None
    lead.selectbox(key="class_item").set_value("dz")
    click(lead, "class_ask_button")
    for at, typed in ((right, "-0.2689"), (slipped, "0.2689")):
        again(at)
        assert "predict dz" in at.text_input(key="class_guess").label
        at.text_input(key="class_guess").input(typed)
        click(at, "class_send")
    # while the question is open, the graph keeps dz back on every page, the teacher's too
    for at in (lead, right):
        _, backward = node_texts(lesson(again(at)))
        assert not any(shown(sigma(1.0) - 1.0) in text for text in backward)
        assert "The class is predicting **dz**" in texts(at)
    late = page({"class": code})  # a student who joins mid-question gets it
    assert late.text_input(key="class_guess")
    questions = store(class_store).questions(code)
    assert len(questions) == 1 and sorted(a.value for a in store(class_store).answers(code, 1)) == [-0.2689, 0.2689]
    click(again(lead), "class_reveal")
    summary = texts(lead)
    assert "2 answered" in summary and "flipped the sign of dz" in summary
    again(slipped)
    assert f"dz = {shown(sigma(1.0) - 1.0)}" in texts(slipped) and "flipped the sign of dz" in texts(slipped)
    assert "Right: you said" in texts(again(right))
    _, backward = node_texts(lesson(again(right)))
    assert any(f"dz = {shown(sigma(1.0) - 1.0)}" in text for text in backward)  # the graph shows it again


def test_answers_that_are_not_numbers_are_refused_and_the_class_goes_on(class_store):
    lead, code, _ = teacher()
    student = page({"class": code})
    lead.selectbox(key="class_item").set_value("dw1")
    click(lead, "class_ask_button")
    again(student).text_input(key="class_guess").input("=cmd|' /C calc'!A0")
    click(student, "class_send")
    assert any("not a number" in str(e.value) for e in student.error)
    assert store(class_store).answers(code, 1) == []
    student.text_input(key="class_guess").input("−0,2689")  # a real minus and a decimal comma read fine
    click(student, "class_send")
    assert [a.value for a in store(class_store).answers(code, 1)] == [-0.2689]


def test_a_forged_teacher_key_joins_as_a_student():
    _, code, secret = teacher()
    forged = page({"class": code, "lead": secret[:-2] + "xx"})
    assert "not this class's" in texts(forged)
    assert "lead" not in forged.query_params and forged.query_params["student"]
    assert not _has(forged, "class_ask_button")


def _has(at: AppTest, key: str) -> bool:
    return any(b.key == key for b in at.button)


def test_an_unknown_code_says_so_and_the_page_works_on_alone():
    at = page({"class": "ZZZZZZ"})
    assert any("No class has the code" in str(e.value) for e in at.error)
    assert "class" not in at.query_params
    fwd, _ = node_texts(lesson(at))
    assert f"a = {shown(sigma(1.0))}" in fwd


def test_two_teacher_pages_one_leads_and_the_other_may_take_over():
    first, code, secret = teacher()
    second = page({"class": code, "lead": secret})
    assert "Another page is leading" in texts(second) and _has(second, "class_take_over")
    assert not _has(second, "class_ask_button")
    click(second, "class_take_over")
    assert _has(second, "class_ask_button")
    press(first, "step")  # the first page's next action finds it no longer leads, and says so
    again(first)
    assert _has(first, "class_take_over")


def test_a_student_link_survives_a_new_session_with_its_answer(class_store):
    lead, code, _ = teacher()
    student = page({"class": code})
    me = student.query_params["student"]
    lead.selectbox(key="class_item").set_value("db")
    click(lead, "class_ask_button")
    again(student).text_input(key="class_guess").input("-0.27")
    click(student, "class_send")
    back = page({"class": code, "student": me})  # a reload, or a server restart: a new session, the same link
    assert back.query_params["student"] == me
    assert "Your answer: −0.27" in texts(back)


def test_a_store_that_cannot_be_reached_is_said_and_the_page_works_on(monkeypatch):
    monkeypatch.setenv("LOGREG_VIZ_CLASS_STORE", "/nonexistent-dir/classes.sqlite3")
    at = page()
    click(at, "class_start")
    assert any("class store cannot be reached" in str(e.value) for e in at.error)
    fwd, _ = node_texts(lesson(at))
    assert f"a = {shown(sigma(1.0))}" in fwd

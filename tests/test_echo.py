"""A stale message from the browser does not undo a Step the server took (page/echo.py); a person's
own change to a control is theirs, even to a value the Step replaced."""

from __future__ import annotations

import pytest
from helpers import APP, head, lecture_after, press
from streamlit.testing.v1 import AppTest

import page.echo

BEFORE = {"w1": 0.5, "w2": 0.25, "b": 0.0}  # the lecture's example


def stepped_once() -> tuple[AppTest, dict]:
    at = AppTest.from_file(APP, default_timeout=60).run()
    press(at, "step")
    w, b, _ = lecture_after(1)  # by hand, from the recurrence on z
    after = {"w1": w[0], "w2": w[1], "b": b}
    assert {key: at.session_state[key] for key in after} == pytest.approx(after, rel=1e-15)
    return at, after


def send_from_browser(at: AppTest, values: dict) -> None:
    """A message whose controls hold `values` (as a browser sends every control's value)."""
    for key, value in values.items():
        at.number_input(key=key).set_value(value)
    at.run()


def test_a_message_that_still_holds_the_values_before_a_step_does_not_undo_it():
    at, after = stepped_once()
    send_from_browser(at, BEFORE)  # sent before the run that drew the step reached the browser
    assert {key: at.session_state[key] for key in after} == pytest.approx(after, rel=1e-15)
    assert head(at)["own_taken"] == 1
    assert [at.number_input(key=key).value for key in after] == pytest.approx(list(after.values()), rel=1e-15)
    press(at, "step")  # a second Step pressed before the first was drawn: it starts from the first
    w, b, _ = lecture_after(2)
    assert [at.session_state[key] for key in ("w1", "w2", "b")] == pytest.approx([*w, b], rel=1e-14)
    assert not at.exception


def test_a_person_setting_one_control_back_keeps_their_value():
    at, after = stepped_once()
    send_from_browser(at, {"w1": 0.5})  # typed: w1 as it was before the step, the others as drawn
    assert at.session_state["w1"] == 0.5
    assert (at.session_state["w2"], at.session_state["b"]) == pytest.approx((after["w2"], after["b"]), rel=1e-15)
    send_from_browser(at, {"w2": 0.25, "b": 0.0})  # then the others: the person's too, one at a time
    assert [at.session_state[key] for key in BEFORE] == [0.5, 0.25, 0.0]


def test_once_the_window_has_passed_the_old_values_are_the_persons(monkeypatch):
    at, _ = stepped_once()
    monkeypatch.setattr(page.echo, "WINDOW_S", -1.0)  # the run that drew the step is past the window
    send_from_browser(at, BEFORE)
    assert [at.session_state[key] for key in BEFORE] == [0.5, 0.25, 0.0]

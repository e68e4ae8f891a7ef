"""Undo keeps every action compactly and counts steps, not clicks."""

import math

import pytest

from logreg_viz.undo import UndoHistory


def test_steps_taken_counts_steps_and_undo_takes_back_each_action_whole():
    u = UndoHistory()
    u.push((0.5, 0.25), 0.0, 1)
    u.push((0.6, 0.3), 0.1, 100)
    assert len(u) == 2 and u.steps_taken == 101
    assert u.pop() == ((0.6, 0.3), 0.1, 100) and u.steps_taken == 1
    assert u.pop() == ((0.5, 0.25), 0.0, 1) and u.steps_taken == 0 and not u
    with pytest.raises(IndexError):
        u.pop()


def test_a_thousand_actions_all_undo_back_to_the_start_with_their_sizes():
    u = UndoHistory()
    for k in range(1000):
        u.push((k / 7, -k / 3, 1.0), k / 11, k % 5 + 1)
    assert u.steps_taken == sum(k % 5 + 1 for k in range(1000))
    for k in reversed(range(1000)):
        assert u.pop() == ((k / 7, -k / 3, 1.0), k / 11, k % 5 + 1)
    assert u.steps_taken == 0 and u.forgotten == 0


def test_past_the_limit_the_oldest_is_forgotten_and_counted():
    u = UndoHistory(limit=3)
    for k in range(5):
        u.push((float(k),), 0.0, 1)
    assert len(u) == 3 and u.forgotten == 2 and u.steps_taken == 5
    assert [u.pop()[0] for _ in range(3)] == [(4.0,), (3.0,), (2.0,)]


def test_different_sizes_of_w_come_back_as_they_were_pushed():
    u = UndoHistory()
    u.push((1.0,), 2.0, 1)
    u.push((1.0, 2.0, 3.0, math.inf), -math.inf, 1)
    assert u.pop() == ((1.0, 2.0, 3.0, math.inf), -math.inf, 1)
    assert u.pop() == ((1.0,), 2.0, 1)


def test_clear_starts_again_and_bad_actions_are_refused():
    u = UndoHistory()
    u.push((1.0, 2.0), 0.0, 3)
    u.clear()
    assert len(u) == 0 and u.steps_taken == 0
    for w, steps in (((), 1), ((1.0,) * 5, 1), ((1.0,), 0)):
        with pytest.raises(ValueError):
            u.push(w, 0.0, steps)

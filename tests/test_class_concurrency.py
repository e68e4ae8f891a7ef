"""Many pages at once: answers from 60 threads (and from two processes sharing one SQLite file or one Redis)
are each counted once; lead versions grow by exactly one per change, never going back; limits hold exactly.

Every page starts at one barrier so the calls truly overlap. The oracles are the counts the tests make."""

from __future__ import annotations

import threading
import uuid

import pytest
from class_support import (
    KINDS,
    TIMEOUT,
    answer_in_threads,
    at_once,
    in_two_processes,
    make_store,
    open_room,
    publish_in_threads,
)

from logreg_viz.classroom import Classroom, StoreError
from logreg_viz.classroom.checks import client_key

STUDENTS = 60


@pytest.fixture(params=KINDS)
def setting(request, tmp_path):
    """(kind, folder, redis URL, key prefix): enough for any process to open the same store."""
    url = request.getfixturevalue("redis_url") if request.param == "redis" else None
    return request.param, str(tmp_path), url, f"test-{uuid.uuid4().hex}:"


def a_class_with_students(setting) -> tuple[Classroom, str, str, list[str]]:
    room = open_room(setting)
    code, secret = room.start("10.0.0.1")
    students = [room.register(code) for _ in range(STUDENTS)]
    assert len(set(students)) == STUDENTS
    assert room.ask(code, secret, "teacher", "dz", "z", -0.27, {}).ok
    return room, code, secret, students


def test_sixty_students_answering_at_once_from_threads_are_each_counted_once(setting):
    room, code, _, students = a_class_with_students(setting)
    values = [f"{i / 100}" for i in range(STUDENTS)]
    assert answer_in_threads(setting, code, students, values) == [True] * STUDENTS
    assert room.snapshot(code).answered == STUDENTS
    assert sorted((a.student, a.value) for a in room.answers(code, 1)) == sorted(
        (s, i / 100) for i, s in enumerate(students)
    )


def test_sixty_students_answering_from_two_processes_are_each_counted_once(setting):
    room, code, _, students = a_class_with_students(setting)
    half = STUDENTS // 2
    values = [f"-{i}" for i in range(STUDENTS)]
    first, second = (setting, code, students[:half], values[:half]), (setting, code, students[half:], values[half:])
    done = in_two_processes(answer_in_threads, first, second)
    assert done == [[True] * half, [True] * half]
    assert room.snapshot(code).answered == STUDENTS
    assert {a.student: a.value for a in room.answers(code, 1)} == {s: -float(i) for i, s in enumerate(students)}


def test_one_student_answering_from_many_pages_at_once_is_taken_once(setting):
    room, code, _, students = a_class_with_students(setting)
    ada = students[0]
    accepted = at_once(20, lambda i: room.answer(code, ada, 1, str(i)).ok)
    assert sum(accepted) == 1  # the rest came within half a second of it
    assert [a.value for a in room.answers(code, 1)] == [float(accepted.index(True))]
    assert room.snapshot(code).answered == 1


def test_lead_versions_grow_by_one_per_change_without_a_lost_update(setting):
    room = open_room(setting)
    code, secret = room.start("10.0.0.1")
    seen, stop = [], threading.Event()

    def watch() -> None:
        while not stop.is_set():
            lead = room.snapshot(code).lead
            seen.append((lead.version, tuple(sorted(lead.view.items()))))

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        published = publish_in_threads(setting, code, secret, "main", threads=8, each=25)
    finally:
        stop.set()
        watcher.join(TIMEOUT)
    assert published == 200  # every view differs from every other, so each publish is a change
    assert room.snapshot(code).lead.version == 200
    versions = [version for version, _ in seen]
    assert versions == sorted(versions)  # never back
    assert len({version for version, _ in seen}) == len(set(seen))  # one view per version


def test_lead_versions_from_two_processes_add_up(setting):
    room = open_room(setting)
    code, secret = room.start("10.0.0.1")
    first, second = (setting, code, secret, "a", 4, 25), (setting, code, secret, "b", 4, 25)
    done = in_two_processes(publish_in_threads, first, second)
    assert done == [100, 100]
    assert room.snapshot(code).lead.version == 200


def test_questions_asked_at_once_take_one_number_each(setting):
    room = open_room(setting)
    code, secret = room.start("10.0.0.1")
    assert all(at_once(10, lambda i: room.ask(code, secret, "teacher", f"w{i}", "w", float(i), {}).ok))
    assert [q.qid for q in room.questions(code)] == list(range(1, 11))
    assert sorted(q.item for q in room.questions(code)) == sorted(f"w{i}" for i in range(10))
    assert room.snapshot(code).question.qid == 10


def test_limits_hold_exactly_when_a_client_hammers(setting):
    room = open_room(setting)
    started = at_once(40, lambda i: isinstance(room.start("10.0.0.7"), tuple))
    assert sum(started) == 20  # STARTS per hour
    code, _ = room.start("10.0.0.8")
    at_once(40, lambda i: room.join("ZZZZZZ", "10.0.0.9"))
    assert not isinstance(room.join(code, "10.0.0.9"), str)  # 10 failures recorded, not fewer
    assert room.store.hits("join:" + client_key("10.0.0.9"), room.clock(), 60) == 10


def test_a_store_error_in_a_thread_is_the_stores_own(tmp_path):
    room = Classroom(make_store("sqlite", tmp_path / "missing", None))
    with pytest.raises(StoreError):
        at_once(5, lambda i: room.snapshot("K7QP2M"))

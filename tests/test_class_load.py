"""A class over two servers behind nginx survives losing one (bench/class_load.py part 2, in miniature).

Real redis-server, two `streamlit run app.py` on it, nginx in front (docs/nginx-class.conf, hashing on
the client's address), the teacher in Chromium, six students as light clients from their own loopback
addresses. The server the teacher is not on is killed; every student must follow the teacher's next
step, every answer to the question after it must be counted exactly, and neither server's log may
hold a Traceback.
"""

from __future__ import annotations

import asyncio

import pytest
from browser_support import launch
from class_roles import Teacher
from class_scenario import Lesson, join
from class_services import start_recipe
from playwright.async_api import async_playwright

from logreg_viz.classroom import Classroom, open_store

pytestmark = pytest.mark.browser

STUDENTS = 6


async def play(tmp_path) -> dict:
    services, students = [], []
    try:
        apps, setting, base = start_recipe(tmp_path, services)
        room = Classroom(open_store(setting))
        code, secret = room.start("test")
        async with async_playwright() as p:
            browser = await launch(p)
            try:
                teacher = await Teacher.open(browser, f"{base}/?class={code}&lead={secret}")
                students = await join(base, code, STUDENTS, spread=True)
                probe = (await join(base, code, 1, spread=False))[0]  # from the teacher's address
                await probe.page.close()
                victim = next(a for a in apps if not probe.page.upstream.endswith(f":{a.port}"))
                on_victim = [s for s in students if s.page.upstream.endswith(f":{victim.port}")]
                while not on_victim and len(students) < 3 * STUDENTS:  # the hash put all six on one side
                    students += await join(base, code, 1, spread=True, first=len(students))
                    on_victim = [s for s in students if s.page.upstream.endswith(f":{victim.port}")]
                lesson = Lesson(room, code, teacher, students, think=(0.5, 1.0))
                victim.kill()
                await lesson.step()
                teacher_taken = await teacher.taken()
                await lesson.settle(4.0)
                await lesson.ask(answering=3.0)
            finally:
                await browser.close()
        return {
            "on_victim": len(on_victim),
            "reconnected": sum(s.page.reconnects > 0 for s in on_victim),
            "students": len(students),
            "teacher_taken": teacher_taken,
            "step_seen": len(lesson.actions[0].seen),
            "question": lesson.questions[0],
            "exceptions": [e for s in students for e in s.page.exceptions],
            "logs": {a.name: a.text() for a in apps},
        }
    finally:
        for s in students:
            await s.page.close()
        for service in reversed(services):
            service.stop()


def test_a_class_survives_losing_one_of_two_servers(tmp_path):
    result = asyncio.run(asyncio.wait_for(play(tmp_path), 90))
    assert result["on_victim"] > 0, "no student was on the server killed: the test tested nothing"
    assert result["reconnected"] == result["on_victim"]
    assert result["teacher_taken"] == 1, "the teacher's Step did not take (was its page on the killed server?)"
    assert result["step_seen"] == result["students"], "a student's page did not follow the step after the kill"
    question = result["question"]
    assert question["students_confirmed"] > 0
    assert question["exact"], question
    assert question["stored"] == question["students_sent"] == result["students"]
    assert not question["lost"], question
    assert not result["exceptions"]
    for name, log in result["logs"].items():
        assert "Traceback" not in log, f"{name}:\n{log[-3000:]}"

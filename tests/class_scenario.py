"""A class, played: the teacher steps, walks the phases, asks and reveals with think times between; the
students follow and answer (right, with a known slip, changing their mind, one flooding). Used by
bench/class_load.py at full size and by tests/test_class_load.py in miniature.

Everything here is bounded: each wait has a time-out, the lesson ends at its deadline.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from class_roles import Action, BrowserStudent, LightStudent, Teacher
from light_client import LightPage

from logreg_viz.classroom import Classroom
from logreg_viz.classroom import slips as slip_rules

STEP = re.compile(r"^Step(\s|$)")  # the name ends with its shortcut key
NEXT = re.compile(r"^Next ▶")
FLOOD = 20  # answers the flooding student sends …
FLOOD_SECONDS = 1.0  # … in this long


@dataclass
class Lesson:
    """One class being played and what it measured."""

    room: Classroom
    code: str
    teacher: Teacher
    students: list[LightStudent]
    browsers: list[BrowserStudent] = field(default_factory=list)
    think: tuple[float, float] = (1.5, 3.0)
    actions: list[Action] = field(default_factory=list)
    failures: list[dict] = field(default_factory=list)  # teacher's actions whose effect never came
    questions: list[dict] = field(default_factory=list)
    rng: random.Random = field(default_factory=lambda: random.Random(16))

    async def act(self, kind: str, button, sign: str, done) -> Action:
        """The teacher presses `button` (done when `done()` says so); every student watches for `sign`."""
        action = Action(kind, sign)
        for student in self.students:
            student.expect(action)
        for student in self.browsers:
            await student.expect(action)
        try:
            action.clicked = await self.teacher.press(button, done)
        except TimeoutError as error:  # the teacher's page did not do it: say so, go on with the lesson
            self.failures.append({"action": kind, "what": str(error)[:1500]})
            for student in self.students:
                student.pending = [a for a in student.pending if a is not action]
            return action
        self.actions.append(action)
        return action

    async def settle(self, seconds: float = 1.5) -> None:
        """Let the class catch up, then read what the browsers saw."""
        await asyncio.sleep(seconds)
        for student in self.browsers:
            await student.collect()

    async def drain(self, timeout: float = 30.0) -> None:
        """At the end: wait (bounded) until every student has seen every action, so a late one is
        measured rather than counted as missed."""
        deadline = time.monotonic() + timeout
        everyone = [s.name for s in self.students] + [b.name for b in self.browsers]
        while time.monotonic() < deadline:
            for student in self.browsers:
                await student.collect()
            if all(name in a.seen for a in self.actions for name in everyone):
                return
            await asyncio.sleep(0.5)

    async def pause(self) -> None:
        await asyncio.sleep(self.rng.uniform(*self.think))
        for student in self.browsers:
            await student.collect()

    async def step(self) -> None:
        taken = await self.teacher.taken()

        async def done() -> bool:
            return await self.teacher.taken() == taken + 1

        await self.act("step", STEP, f"Steps the teacher has taken: **{taken + 1:,}**.", done)

    async def next_phase(self) -> None:
        phase = await self.teacher.phase()

        async def done() -> bool:
            return await self.teacher.phase() == phase + 1

        await self.act("next", NEXT, f"Phase {phase + 1} of ", done)

    def question(self):
        snapshot = self.room.snapshot(self.code)
        return snapshot.question if snapshot else None

    async def ask(self, answering: float) -> None:
        """Ask the class (the item the teacher's page offers), let them answer, reveal, count."""
        before = self.question()
        qid = (before.qid if before else 0) + 1

        async def asked_it() -> bool:
            return (q := self.question()) is not None and q.qid == qid

        async def revealed_it() -> bool:
            return self.question().revealed

        asked = await self.act("ask", "Ask the class", f"Question {qid}: predict", asked_it)
        question = self.question()
        if question is None or question.qid != qid:  # the ask did not take (recorded in failures)
            return
        slips = [s.value for s in slip_rules.slips(question.item, question.context)]
        tasks = [
            asyncio.create_task(self.answer(i, student, asked, question, slips))
            for i, student in enumerate(self.students)
        ]
        await asyncio.wait(tasks, timeout=answering + 70)
        await asyncio.sleep(0.5)
        reveal = await self.act("reveal", "Reveal the answer", f"**Question {qid}: {question.item} = ", revealed_it)
        await self.settle(1.0)
        self.questions.append(self.count(qid, question, slips, reveal.clicked))

    async def answer(self, i: int, student: LightStudent, asked: Action, question, slips: list[float]) -> None:
        """Student i's answers: i = 0 floods; every fifth makes the first slip, every seventh the
        second; every sixth changes its mind (a slip, then the truth); the rest answer right."""
        deadline = time.monotonic() + 20
        while student.name not in asked.seen and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        if student.name not in asked.seen:
            return
        await asyncio.sleep(self.rng.uniform(0.5, 4.0))
        truth = question.truth
        slip = slips[0] if slips else -truth
        if i == 0 and len(self.students) > 1:
            for k in range(FLOOD):
                await student.answer(question.qid, repr(truth + k * 1e-3), wait=False)
                await asyncio.sleep(FLOOD_SECONDS / FLOOD)
            with contextlib.suppress(TimeoutError):
                await student.page.wait_run(60)
            return
        if i % 5 == 0:
            first = slip
        elif i % 7 == 0 and len(slips) > 1:
            first = slips[1]
        else:
            first = truth
        await student.answer(question.qid, repr(first))
        if i % 6 == 0:
            await asyncio.sleep(self.rng.uniform(1.0, 2.0))
            await student.answer(question.qid, repr(truth))

    def count(self, qid: int, question, slips: list[float], revealed_at: float) -> dict:
        """The store's answers against what the students know they sent. Every student who sent a
        number must be counted once (`exact`); a student's stored answer must be the last one the page
        told it was received, or one it sent after that and got no reply to yet (else it is `lost`)."""
        stored = {a.student: a.value for a in self.room.answers(self.code, qid)}
        senders = {s.student_id for s in self.students if qid in s.sent}
        confirmed = {s.student_id for s in self.students if qid in s.confirmed}
        flooder = self.students[0].student_id if len(self.students) > 1 else ""
        flood = self.students[0].sent.get(qid, []) if flooder else []
        lost = []
        for s in self.students:
            if qid not in s.confirmed:
                continue
            sent = s.sent[qid]
            since = sent[len(sent) - 1 - sent[::-1].index(s.confirmed[qid]) :]  # the confirmed one and later
            if not any(math.isclose(stored.get(s.student_id, math.nan), float(v)) for v in since):
                lost.append(s.student_id)
        return {
            "qid": qid,
            "item": question.item,
            "truth": question.truth,
            "slips": slips,
            "students_sent": len(senders),
            "students_confirmed": len(confirmed),
            "stored": len(stored),
            "exact": set(stored) == senders,
            "sent_not_stored": sorted(senders - set(stored)),
            "stored_not_sent": sorted(set(stored) - senders),
            "lost": lost,
            "answers_sent": sum(len(s.sent.get(qid, [])) for s in self.students),
            "sends_without_reply": sum(s.unanswered for s in self.students),
            "flood_sent": len(flood),
            # which of the flood's answers a "received" belonged to the page does not say: the stored one
            # must be one of those sent
            "flood_stored_one_of_sent": any(math.isclose(stored.get(flooder, math.nan), float(v)) for v in flood),
        }

    async def play(self, seconds: float, answering: float = 6.0, on_cycle: Callable | None = None) -> None:
        """Cycles of Step, Next, Next, ask-answer-reveal until `seconds` have passed (a cycle once begun ends)."""
        deadline = time.monotonic() + seconds
        cycle = 0
        while time.monotonic() < deadline or cycle == 0:
            for move in (self.step, self.next_phase, self.next_phase):
                await move()
                await self.pause()
            await self.ask(answering)
            await self.pause()
            cycle += 1
            if on_cycle is not None:
                await on_cycle(cycle)
        await self.drain()


async def join(
    base: str, code: str, count: int, spread: bool, stagger: float = 0.05, first: int = 0
) -> list[LightStudent]:
    """`count` students (numbered from `first`) open the class's link, `stagger` s apart; with
    `spread`, each from its own loopback address 127.0.0.2, .3, … (so a proxy hashing on the address
    spreads them)."""

    async def one(i: int) -> LightStudent:
        await asyncio.sleep((i - first) * stagger)
        page = LightPage(base, f"class={code}", local_addr=f"127.0.0.{2 + i}" if spread else None, name=f"s{i}")
        student = LightStudent(f"s{i}", page)
        await page.open(timeout=120)
        return student

    return list(await asyncio.gather(*(one(i) for i in range(first, first + count))))


def latency_summary(actions: list[Action], names: set[str] | None = None) -> dict:
    """p50/p95/max over every (action, student) pair; a pair never seen counts as missed."""
    values, missed = [], 0
    for action in actions:
        lat = action.latencies()
        for name in names if names is not None else lat:
            if name in lat:
                values.append(lat[name])
            else:
                missed += 1
    values.sort()

    def pct(q: float) -> float:
        return values[min(len(values) - 1, round(q * (len(values) - 1)))] if values else math.nan

    return {"pairs": len(values), "missed": missed, "p50": pct(0.5), "p95": pct(0.95), "max": pct(1.0)}

"""What the class tells a page: an action's outcome, the lead's view, questions, answers, a snapshot.

Plain frozen values, built from the store's records here (floats that may be ±∞ are kept as their repr).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Outcome:
    """What an action did: ok, or not with the message a person reads."""

    ok: bool
    message: str = ""


@dataclass(frozen=True)
class Lead:
    """The teacher's view as last published. `view` is opaque to the class (the page's query
    parameters plus its own keys: phase, taken, frame); `version` grows by one with every change."""

    version: int = 0
    view: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Question:
    """A prediction asked of the class. `item` is the quiz item's name (da, dz, dw1, db, w1, b …, as
    `stepthrough.Phase.name`); `truth` its true value; `context` the numbers the slips are worked from
    (x, y, w, b, lr, loss, a, z, dz …, all JSON-able). Questions are numbered 1, 2, … per class."""

    qid: int
    item: str
    latex: str
    truth: float
    context: dict
    asked_at: float
    revealed: bool = False


@dataclass(frozen=True)
class Answer:
    """One student's answer to one question (their last one counts)."""

    student: str
    nickname: str
    value: float
    at: float


@dataclass(frozen=True)
class Snapshot:
    """What a page polls, in one read: the lead's view, the latest question and how many answered it."""

    code: str
    expires: float
    lead: Lead
    question: Question | None
    answered: int
    students: int = 0  # how many joined (registered), whether or not they answered


def question_from(qid: int, record: dict) -> Question:
    """A question as stored (see `room.Classroom.ask`) back as a `Question`."""
    context = json.loads(record["context"])
    truth = float(record["truth"])
    return Question(qid, record["item"], record["latex"], truth, context, record["asked_at"], record["revealed"])

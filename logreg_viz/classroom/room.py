"""The class's rules, over a store. Every method is safe to call with anything a page sends: bad
input is an `Outcome` with a message (or None), never an exception.

Who is who:
- A class has a join `code` (6 characters from an alphabet without look-alikes, shown as `K7Q-P2M`
  style groups; typed in any case, with or without the dash or spaces) and a teacher `secret`
  (`secrets.token_urlsafe(18)`; only its SHA-256 is stored; compared with `hmac.compare_digest`).
- The teacher's page carries `?class=CODE&lead=SECRET`; a student's `?class=CODE&student=ID`, where
  ID is a random token the class issued (`register`) with a random nickname ("Swift Otter").
- One page leads at a time: `page` is a random id of the browser session. A page that holds the
  secret claims the lead; another page with the same secret is refused while the holder has been
  seen in the last `LEAD_STALE` seconds (every `publish`/`claim_lead` call is a heartbeat), unless it
  takes over (`force=True`). A reloaded teacher page (a new page id) gets the lead back once the old
  one has gone quiet.

Times are seconds since the epoch from the `clock` given (time.time by default), so tests can move it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from .store import Store

LEAD_STALE = 10.0  # s without a heartbeat after which another page with the secret may lead
CLASS_TTL = 12 * 3600.0  # s a class lives after it starts (LOGREG_VIZ_CLASS_HOURS sets it on the page)
JOIN_TRIES = 10  # failed joins per client per minute
STARTS = 20  # classes one client may start per hour
ANSWER_GAP = 0.5  # s: a student's answers to one question come at most this often …
ANSWER_CHANGES = 20  # … and at most this many times per question (the last one counts)
NICKNAME_MAX = 24


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


class Classroom:
    def __init__(self, store: Store, clock: Callable[[], float] = time.time, ttl: float = CLASS_TTL) -> None: ...

    # --- the teacher
    def start(self, client: str) -> tuple[str, str] | Outcome:
        """A new class: (code, secret), or a refusal once `client` (an IP) started STARTS this hour."""

    def is_lead(self, code: str, secret: str) -> bool:
        """Whether `secret` is this live class's teacher secret."""

    def claim_lead(self, code: str, secret: str, page: str, force: bool = False) -> Outcome:
        """Lead from `page` (a heartbeat when it already leads). Refused with a message for a wrong secret,
        an unknown or expired class, or another page that leads and was seen in the last LEAD_STALE s."""

    def publish(self, code: str, secret: str, page: str, view: dict[str, str]) -> Outcome:
        """The lead's view, if `page` leads (claims the lead if nobody holds it). A view equal to the
        last one changes nothing (no new version); it still counts as a heartbeat."""

    def ask(self, code: str, secret: str, page: str, item: str, latex: str, truth: float, context: dict) -> Outcome:
        """Ask the class (the latest question is the open one; asking again replaces it)."""

    def reveal(self, code: str, secret: str, page: str, qid: int) -> Outcome:
        """Reveal question `qid`'s true value to every page."""

    # --- everyone
    def join(self, text: str, client: str) -> str | Outcome:
        """The class's normalised code, or a refusal: not a code, unknown or expired, or `client`
        failed JOIN_TRIES times in the last minute (then even a right code waits)."""

    def snapshot(self, code: str) -> Snapshot | None:
        """The class as a page sees it now; None if unknown or expired."""

    # --- a student
    def register(self, code: str, student: str | None = None) -> str | None:
        """`student` if the class knows it, else a new student id with a random nickname; None if the
        class is unknown or expired."""

    def nickname(self, code: str, student: str) -> str:
        """The student's nickname ("" if unknown)."""

    def rename(self, code: str, student: str, text: str) -> Outcome:
        """A new nickname: control characters dropped, spaces squeezed, 1 … NICKNAME_MAX characters."""

    def answer(self, code: str, student: str, qid: int, text: str) -> Outcome:
        """A student's answer to question `qid`, as typed (read by `quiz.parse_guess`). Refused with a
        message: not a number, no such question, already revealed, too fast (ANSWER_GAP), too many
        changes (ANSWER_CHANGES), unknown student or class."""

    def answers(self, code: str, qid: int) -> list[Answer]:
        """Every student's last answer to `qid`, oldest first."""

    def questions(self, code: str) -> list[Question]:
        """Every question asked in the class, first first (for the CSV export)."""

    def purge(self) -> int:
        """Drop expired classes (and their answers); how many went."""

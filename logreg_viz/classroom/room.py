"""The class's rules, over a store. Every method is safe to call with anything a page sends: bad
input is an `Outcome` with a message (or None), never an exception.

A class has a join `code` (shown as `K7Q-P2M`, typed any way) and a teacher `secret` (only its SHA-256
is stored). The teacher's page carries `?class=CODE&lead=SECRET`, a student's `&student=ID` (an id
`register` issued, with a random nickname). One page leads at a time (`page`: a browser session's
random id): another page with the secret is refused while the holder was seen in the last `LEAD_STALE`
seconds (`publish` and `claim_lead` are heartbeats), unless it takes over (`force=True`).
Times come from the `clock` given (time.time by default), so tests can move it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from ..quiz import parse_guess
from . import checks, rules
from .codes import check_secret, hash_secret, is_token, new_code, new_secret, new_student_id, parse_code
from .lead import AGAIN, LEAD_STALE, act_as_lead
from .model import Answer, Lead, Outcome, Question, Snapshot, question_from
from .nicknames import NICKNAME_MAX, clean_nickname
from .rules import ANSWER_CHANGES, ANSWER_GAP
from .store import Store

__all__ = ["ANSWER_CHANGES", "ANSWER_GAP", "CLASS_TTL", "JOIN_TRIES", "LEAD_STALE", "NICKNAME_MAX", "STARTS"]
__all__ += ["Answer", "Classroom", "Lead", "Outcome", "Question", "Snapshot"]

CLASS_TTL = 12 * 3600.0  # s a class lives after it starts (LOGREG_VIZ_CLASS_HOURS sets it on the page)
JOIN_TRIES = 10  # failed joins per client per minute
STARTS = 20  # classes one client may start per hour
ASK_TRIES = 100  # pages asking at the same moment: each takes the next number, retrying when it was taken


class Classroom:
    """The rules of a class over `store`; `clock` gives the time, `ttl` how long a class lives.

    A class's record (kind "class"): the secret's hash, `expires`, the leading `page` and when it was
    `seen`, the lead's `version` and `view`, how many `questions` were asked and the `latest`. Besides it:
    questions ("q"/qid), students ("s"/id: nickname) and answers ("a/qid"/student: value, at, changes)."""

    def __init__(self, store: Store, clock: Callable[[], float] = time.time, ttl: float = CLASS_TTL) -> None:
        self.store, self.clock, self.ttl = store, clock, ttl

    # --- the teacher
    def start(self, client: str) -> tuple[str, str] | Outcome:
        """A new class: (code, secret), or a refusal once `client` (an IP) started STARTS this hour."""
        now = self.clock()
        if not self.store.hit("start:" + checks.client_key(client), now, 3600.0, STARTS):
            return Outcome(False, f"{STARTS} classes were started from this computer in the last hour: wait a while.")
        secret = new_secret()
        record = {"secret": hash_secret(secret), "expires": now + self.ttl, "page": "", "seen": 0.0, "version": 0}
        record |= {"view": {}, "questions": 0, "latest": 0}
        for _ in range(10):  # two classes drawing one code: about one start in 10⁸ draws again
            code = new_code()
            if self.store.create_class(code, record, now + self.ttl):
                return code, secret
        return Outcome(False, "No free class code was found: try again.")

    def is_lead(self, code: str, secret: str) -> bool:
        """Whether `secret` is this live class's teacher secret."""
        live = self._live(code)
        return live is not None and check_secret(secret, live[1]["secret"])

    def claim_lead(self, code: str, secret: str, page: str, force: bool = False) -> Outcome:
        """Lead from `page` (a heartbeat when it already leads). Refused with a message for a wrong secret,
        an unknown or expired class, or another page that leads and was seen in the last LEAD_STALE s."""
        return self._as_lead(code, secret, page, lambda record: None, force=force is True)

    def publish(self, code: str, secret: str, page: str, view: dict[str, str]) -> Outcome:
        """The lead's view, if `page` leads (claims the lead if nobody holds it). A view equal to the
        last one changes nothing (no new version); it still counts as a heartbeat."""
        if not checks.is_view(view):
            return Outcome(False, "This page's settings are too many or too long to share with the class.")

        def show(record: dict) -> None:
            if record["view"] != view:
                record["version"] += 1
                record["view"] = dict(view)

        return self._as_lead(code, secret, page, show)

    def ask(self, code: str, secret: str, page: str, item: str, latex: str, truth: float, context: dict) -> Outcome:
        """Ask the class: the latest question is the open one. Another replaces it; the same again keeps it."""
        value, context_text = checks.as_truth(truth), checks.context_text(context)
        if not checks.is_text(item, checks.ITEM_MAX) or not isinstance(latex, str) or len(latex) > checks.LATEX_MAX:
            return Outcome(False, "This question has no name, or its formula is too long to ask.")
        if value is None or context_text is None:
            return Outcome(False, "This question's value or its numbers cannot be shared with the class.")
        asked = {"item": item, "latex": latex, "truth": repr(value), "context": context_text}  # as stored
        for _ in range(ASK_TRIES):
            live = self._live(code)
            qid = live[1]["questions"] + 1 if live else 1
            question = asked | {"asked_at": self.clock(), "revealed": False}

            def open_question(record: dict, _: dict | None, open_now: dict | None, qid=qid, question=question):
                if record["questions"] + 1 != qid:  # another question was asked since: read again
                    return None
                if open_now and not open_now["revealed"] and all(open_now.get(k) == v for k, v in asked.items()):
                    return Outcome(True, f"Question {qid - 1} is already open: the class is answering it.")
                record["questions"] = record["latest"] = qid
                return question

            outcome = self._as_lead(code, secret, page, open_question, [("q", str(qid)), ("q", str(qid - 1))])
            if outcome is not AGAIN:
                return Outcome(True, f"Question {qid} is open.") if outcome.ok and not outcome.message else outcome
        return Outcome(False, "Other pages kept asking at the same moment: try again.")

    def reveal(self, code: str, secret: str, page: str, qid: int) -> Outcome:
        """Reveal question `qid`'s true value to every page."""
        if not checks.is_qid(qid):
            return rules.NO_QUESTION

        def show_truth(record: dict, question: dict | None) -> dict | Outcome:
            return rules.NO_QUESTION if question is None else {**question, "revealed": True}

        return self._as_lead(code, secret, page, show_truth, [("q", str(qid))])

    # --- everyone
    def join(self, text: str, client: str) -> str | Outcome:
        """The class's normalised code, or a refusal: not a code, unknown or expired, or `client`
        failed JOIN_TRIES times in the last minute (then even a right code waits)."""
        now, key = self.clock(), "join:" + checks.client_key(client)
        if self.store.hits(key, now, 60.0) >= JOIN_TRIES:
            return Outcome(False, "Too many wrong codes were typed on this computer: wait a minute, then try again.")
        code = parse_code(text)
        if code is not None and self._live(code) is not None:
            return code
        self.store.hit(key, now, 60.0, JOIN_TRIES)
        return rules.no_class(code)

    def snapshot(self, code: str) -> Snapshot | None:
        """The class as a page sees it now; None if unknown or expired."""
        if (latest := self._latest(code)) is None:
            return None
        code, record, qid, found = latest
        question, answered = (question_from(qid, found), self.store.count(code, f"a/{qid}")) if found else (None, 0)
        students = self.store.count(code, "s")
        return Snapshot(code, record["expires"], Lead(record["version"], record["view"]), question, answered, students)

    def signal(self, code: str) -> tuple[int, int, bool] | None:
        """What a following page waits on, in two reads: (the lead's version, the latest question's
        number or 0, whether it is revealed); None if the class is unknown or expired."""
        if (latest := self._latest(code)) is None:
            return None
        _, record, qid, found = latest
        return (record["version"], qid if found else 0, bool(found and found["revealed"]))

    def _latest(self, code: str) -> tuple[str, dict, int, dict | None] | None:
        """(the code, the class's record, its latest question's number, that question's record or None)."""
        live = self._live(code)
        if live is None:
            return None
        (code, record), latest = live, live[1]["latest"]
        return code, record, latest, self.store.read(code, "q", str(latest)) if latest else None

    # --- a student
    def register(self, code: str, student: str | None = None) -> str | None:
        """`student` if the class knows it, else a new student id with a random nickname; None if the
        class is unknown or expired."""
        live = self._live(code)
        if live is None:
            return None
        code, record = live
        if is_token(student) and self.store.read(code, "s", student) is not None:
            return student
        taken = {one["nickname"] for one in self.store.read_kind(code, "s").values()}
        entry = {"nickname": rules.pick_nickname(taken), "joined": self.clock()}
        student = new_student_id()
        self.store.change(code, [("s", student)], lambda found: ([entry], None), record["expires"])
        return student

    def nickname(self, code: str, student: str) -> str:
        """The student's nickname ("" if unknown)."""
        live = self._live(code)
        found = self.store.read(live[0], "s", student) if live and is_token(student) else None
        return found["nickname"] if found else ""

    def rename(self, code: str, student: str, text: str) -> Outcome:
        """A new nickname: control characters dropped, spaces squeezed, 1 … NICKNAME_MAX characters."""
        nickname = clean_nickname(text)
        if nickname is None:
            return Outcome(False, f"Type a nickname: 1 to {NICKNAME_MAX} letters, digits or signs.")
        live = self._live(code)
        if live is None or not is_token(student):
            return rules.NOT_IN_CLASS

        def rename(found: list) -> tuple[list | None, Outcome]:
            if found[0] is None:
                return None, rules.NOT_IN_CLASS
            return [{**found[0], "nickname": nickname}], Outcome(True, f"You are {nickname} now.")

        return self.store.change(live[0], [("s", student)], rename, live[1]["expires"])

    def answer(self, code: str, student: str, qid: int, text: str) -> Outcome:
        """A student's answer to question `qid`, as typed (read by `quiz.parse_guess`). Refused with a
        message: not a number, no such question, already revealed, too fast (ANSWER_GAP), too many
        changes (ANSWER_CHANGES), unknown student or class."""
        live = self._live(code)
        if live is None:
            return rules.no_class(parse_code(code))
        code, record = live
        if not is_token(student) or self.store.read(code, "s", student) is None:
            return rules.NOT_IN_CLASS
        if not checks.is_qid(qid) or qid > record["latest"]:
            return rules.NO_QUESTION
        if qid != record["latest"]:
            return rules.closed(record["latest"])
        value = parse_guess(text) if isinstance(text, str) and len(text) <= checks.TYPED_MAX else None
        if value is None:
            return rules.NOT_A_NUMBER
        now = self.clock()

        def mark(found: list) -> tuple[list | None, Outcome]:
            entry, outcome = rules.mark_answer(*found, value, now)
            return (None if entry is None else [None, entry]), outcome

        return self.store.change(code, [("q", str(qid)), (f"a/{qid}", student)], mark, record["expires"])

    def answers(self, code: str, qid: int) -> list[Answer]:
        """Every student's last answer to `qid`, oldest first."""
        live = self._live(code)
        if live is None or not checks.is_qid(qid):
            return []
        found = self.store.read_kind(live[0], f"a/{qid}")
        names = {student: one["nickname"] for student, one in self.store.read_kind(live[0], "s").items()}
        rows = [Answer(s, names.get(s, ""), float(one["value"]), one["at"]) for s, one in found.items()]
        return sorted(rows, key=lambda row: (row.at, row.student))

    def questions(self, code: str) -> list[Question]:
        """Every question asked in the class, first first (for the CSV export)."""
        live = self._live(code)
        found = self.store.read_kind(live[0], "q") if live else {}
        return sorted((question_from(int(qid), one) for qid, one in found.items()), key=lambda q: q.qid)

    def purge(self) -> int:
        """Drop expired classes (and their answers); how many went."""
        return self.store.drop_expired(self.clock())

    def _live(self, code: object) -> tuple[str, dict] | None:
        """(the code, the class's record) if the class exists and has not expired."""
        code = parse_code(code)
        record = self.store.read(code, "class", "") if code else None
        return (code, record) if record is not None and self.clock() < record["expires"] else None

    def _as_lead(self, code: str, secret: str, page: str, act: Callable, slots=(), force: bool = False) -> Outcome:
        live = self._live(code)
        if live is None:
            return rules.no_class(parse_code(code))
        return act_as_lead(self.store, *live, secret, page, self.clock(), act, list(slots), force)

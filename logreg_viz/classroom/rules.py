"""The class's rules as pure functions of its records (no store, no clock of their own), with the words a
person reads when a rule says no. `room.Classroom` applies them inside the store's atomic steps.
"""

from __future__ import annotations

from .codes import format_code
from .model import Outcome
from .nicknames import random_nickname

ANSWER_GAP = 0.5  # s: a student's answers to one question come at most this often …
ANSWER_CHANGES = 20  # … and at most this many times per question (the last one counts)

NOT_A_CODE = Outcome(False, "That is not a class code: a code has 6 letters and digits, like K7Q-P2M.")
NOT_A_NUMBER = Outcome(False, "That is not a number: type one such as -0.27 or 1.5e-3.")
NOT_IN_CLASS = Outcome(False, "This page is not in the class (or the class has ended): reload it to join again.")
NO_QUESTION = Outcome(False, "There is no such question in this class.")
WRONG_KEY = Outcome(False, "This page's teacher key is not this class's: you are following as a student.")
NO_PAGE_ID = Outcome(False, "This page has no id to lead with: reload it.")
REVEALED = Outcome(False, "The answer has been revealed: this question takes no more answers.")
_GAP = "half second" if ANSWER_GAP == 0.5 else f"{ANSWER_GAP:g} s"
TOO_FAST = Outcome(False, f"Answer at most once every {_GAP}.")
TOO_MANY = Outcome(False, f"You changed this answer {ANSWER_CHANGES} times: your last one counts.")


def no_class(code: str | None) -> Outcome:
    """The refusal for a code no live class has (or for text that is no code at all)."""
    if code is None:
        return NOT_A_CODE
    return Outcome(
        False, f"No class has the code {format_code(code)} (or it has ended). Check the code with your teacher."
    )


def closed(latest: int) -> Outcome:
    """The refusal for an answer to a question the teacher has replaced."""
    return Outcome(False, f"That question is closed: answer question {latest}, the open one.")


def mark_answer(question: dict | None, last: dict | None, value: float, now: float) -> tuple[dict | None, Outcome]:
    """A student's answer record after answering `value` at `now` (None: refused, with why). `last` is
    their answer so far: one every ANSWER_GAP s at most, ANSWER_CHANGES changes after the first."""
    if question is None:
        return None, NO_QUESTION
    if question["revealed"]:
        return None, REVEALED
    if last is not None and now - last["at"] < ANSWER_GAP:
        return None, TOO_FAST
    if last is not None and last["changes"] >= ANSWER_CHANGES:
        return None, TOO_MANY
    changes = 0 if last is None else last["changes"] + 1
    return {"value": repr(value), "at": now, "changes": changes}, Outcome(True, "Answer received.")


def pick_nickname(taken: set[str], tries: int = 20) -> str:
    """A random nickname nobody in the class has; after `tries` misses, one with a number."""
    for _ in range(tries):
        name = random_nickname()
        if name not in taken:
            return name
    return random_nickname(number=True)

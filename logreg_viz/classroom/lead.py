"""Who leads a class: one page at a time, the one that holds the teacher's secret and was seen last.

A page that holds the secret leads if nobody does, if it already does (a heartbeat), if the leading page
has not been seen for LEAD_STALE s (a reloaded teacher page gets the lead back), or if it takes over.
Every teacher action goes through `act_as_lead`, which checks all that and acts in one atomic step.
"""

from __future__ import annotations

from collections.abc import Callable

from . import rules
from .codes import check_secret, is_token
from .model import Outcome
from .store import Slot, Store

LEAD_STALE = 5.0  # s without a heartbeat (the lead's page beats every second) before another page may lead
AGAIN = Outcome(False, "")  # `act` found the class changed under it (a question's number taken): read again


def lead_refusal(record: dict, page: str, now: float, force: bool) -> Outcome | None:
    """None if `page` may lead; else the refusal, saying when the leading page was last seen."""
    age = now - record["seen"]
    if record["page"] in ("", page) or age >= LEAD_STALE or force:
        return None
    when = "just now" if age < 1 else f"{age:.0f} s ago"
    return Outcome(False, f"Another page is leading this class (seen {when}). Take over to lead from here.")


def act_as_lead(
    store: Store,
    code: str,
    record: dict,
    secret: object,
    page: object,
    now: float,
    act: Callable,
    slots: list[Slot],
    force: bool = False,
) -> Outcome:
    """`act(class record, *records in slots)` as the page that leads, in one atomic step with the heartbeat,
    after every check: `secret` is the live class's (its `record` as read), `page` leads or may take the
    lead. `act` changes the class's record in place and returns the slot's new record, a refusal, or None
    (nothing for the slot; with a slot, AGAIN)."""
    if not check_secret(secret, record["secret"]):
        return rules.WRONG_KEY
    if not is_token(page):
        return rules.NO_PAGE_ID

    def lead(found: list) -> tuple[list | None, Outcome]:
        current, *others = found
        refusal = rules.no_class(code) if current is None else lead_refusal(current, page, now, force)
        if refusal is not None:
            return None, refusal
        current |= {"page": page, "seen": now}
        done = act(current, *others)
        if isinstance(done, Outcome):
            return None, done
        if done is None and slots:
            return None, AGAIN
        return [current, done][: 1 + len(slots)], Outcome(True, "")

    return store.change(code, [("class", ""), *slots], lead, record["expires"])

"""A class's answers as CSV for the teacher to keep: one row an answer, each with its verdict.

Nicknames come from students, so a text cell that a spreadsheet would read as a formula (starting
with =, +, −, @, a tab, CR or LF) gets a leading apostrophe, the usual guard against CSV formula
injection. The numbers are written by this module (repr of a float: -0.2689, inf, -inf) and are
left as numbers, negative ones too.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from .slips import Slip, classify, slips

HEADER = ["question", "item", "asked_at", "truth", "nickname", "answer", "verdict", "answered_at"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_text(text: str) -> str:
    """`text` as a spreadsheet shows it and never runs it: "'=HYPERLINK(…)" for "=HYPERLINK(…)"."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def iso_utc(seconds: float) -> str:
    """Seconds since the epoch as ISO 8601 in UTC, to the second: 2024-05-06T09:30:00Z."""
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _number(value: float) -> str:
    """A float that reads back to itself: -0.2689, 1e-05, inf, -inf."""
    return repr(float(value))


def _slips_of(question: Any) -> list[Slip]:
    """The question's slips; none when its context lacks the example's numbers (then right or wrong only)."""
    try:
        return slips(question.item, question.context)
    except (KeyError, IndexError, TypeError, ValueError):
        return []


def answers_csv(questions: Iterable[Any], answers_by_qid: Mapping[int, Sequence[Any]]) -> str:
    """CSV text with a header row: question (its number), item, asked_at, truth, nickname, answer,
    verdict (right, a slip's name as `slips.slips` names it, or wrong), answered_at; times in ISO 8601
    UTC. One row per answer in the order given, questions in the order given; a question nobody
    answered still gets a row, its answer cells empty.

    A question has `.qid .item .truth .context .asked_at` and an answer `.nickname .value .at`
    (`room.Question`, `room.Answer`).
    """
    out = io.StringIO()
    # CRLF, as RFC 4180 has it: the writer then quotes a field holding either CR or LF (with "\n" alone
    # a lone CR in a nickname went out unquoted and broke the row)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for q in questions:
        asked = [int(q.qid), safe_text(str(q.item)), iso_utc(q.asked_at), _number(q.truth)]
        answers = answers_by_qid.get(q.qid, ())
        if not answers:
            writer.writerow([*asked, "", "", "", ""])
            continue
        found = _slips_of(q)
        for a in answers:
            verdict = classify(float(a.value), float(q.truth), found) or "wrong"
            writer.writerow([*asked, safe_text(str(a.nickname)), _number(a.value), verdict, iso_utc(a.at)])
    return out.getvalue()

"""A class as one: a teacher leads, every student's page follows, the class answers together.

Pure Python, no Streamlit: `room.Classroom` holds the rules (join codes, the teacher's secret, who
leads, questions, answers, rate limits, expiry) over a `store.Store` — an SQLite file by default,
Redis for several server processes; a store that cannot work raises `StoreError`, whose message a page
can show. `slips` names the common wrong answers; `export` writes a class's answers as CSV.
"""

from .codes import format_code, parse_code
from .room import Answer, Classroom, Lead, Outcome, Question, Snapshot
from .store import Store, StoreError, open_store

__all__ = [
    "Answer",
    "Classroom",
    "Lead",
    "Outcome",
    "Question",
    "Snapshot",
    "Store",
    "StoreError",
    "format_code",
    "open_store",
    "parse_code",
]

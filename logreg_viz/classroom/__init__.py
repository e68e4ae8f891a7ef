"""A class as one: a teacher leads, every student's page follows, the class answers together.

Pure Python, no Streamlit: `room.Classroom` holds the rules (join codes, the teacher's secret, who
leads, questions, answers, rate limits, expiry) over a `store.Store` — an SQLite file by default,
Redis for several server processes. `slips` names the common wrong answers; `export` writes a class's
answers as CSV.
"""

from .room import Answer, Classroom, Lead, Outcome, Question, Snapshot
from .store import open_store

__all__ = ["Answer", "Classroom", "Lead", "Outcome", "Question", "Snapshot", "open_store"]

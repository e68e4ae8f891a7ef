"""What the class tests share: a clock the test moves, and a store of either kind, kept apart from any other."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

from logreg_viz.classroom.redis_store import RedisStore
from logreg_viz.classroom.sqlite_store import SQLiteStore

KINDS = ["sqlite", "redis"]


class Clock:
    """A clock that moves only when told. It starts at the real time, whole seconds: Redis expires a class's
    keys at the class's expiry by its own (real) clock, so the test's time must not run behind it."""

    def __init__(self) -> None:
        self.now = float(int(time.time()))

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def make_store(kind: str, folder: Path, redis_url: str | None, prefix: str | None = None):
    """A fresh store: an SQLite file in `folder`, or keys under a fresh prefix in the Redis at `redis_url`."""
    if kind == "sqlite":
        return SQLiteStore(folder / "classes.sqlite3")
    return RedisStore(redis_url, prefix=prefix or f"test-{uuid.uuid4().hex}:")


def store_for(request, folder: Path):
    """The store a fixture parametrised over KINDS asks for (the session's redis-server for "redis")."""
    url = request.getfixturevalue("redis_url") if request.param == "redis" else None
    return make_store(request.param, folder, url)

"""Where a class lives: an SQLite file by default, Redis for several server processes.

`open_store(setting)`: None or "" → the environment variable LOGREG_VIZ_CLASS_STORE if set, else
`DEFAULT_PATH` (`logreg-viz-classes.sqlite3` in the working directory); a `redis://` (or `rediss://`,
`unix://`) URL → `RedisStore(url)`; anything else is a path → `SQLiteStore(path)` (the file and its
tables are created on first use, WAL mode; its folder must exist).

Both stores implement `Store`, the primitives `room.Classroom` is built on; each primitive is atomic
on its own (several threads and several processes use one store at once). A store that cannot do its
work (Redis down, a file that cannot be written) raises `StoreError` with a message a page can show.

What is stored: per class (its `code`), records — small JSON objects — addressed by a `kind` and a
`name` ("class"/"", "q"/"3", "a/3"/student, "s"/student); all of a class's records expire with it.
Apart from classes, rate-limit hits: timestamps under a key, counted over a sliding window.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Protocol, TypeVar

DEFAULT_PATH = "logreg-viz-classes.sqlite3"
ENV_VAR = "LOGREG_VIZ_CLASS_STORE"
HIT_KEEP = 24 * 3600.0  # s: hits older than this go at `drop_expired`, whatever their window was
REDIS_SCHEMES = ("redis://", "rediss://", "unix://")

T = TypeVar("T")
Record = dict
Slot = tuple[str, str]  # (kind, name)
Edit = Callable[[list[Record | None]], tuple[list[Record | None] | None, T]]


class StoreError(Exception):
    """The store cannot be used now; `str(err)` says why in words a page can show."""


class Store(Protocol):
    """The primitives of a class store. Times are seconds since the epoch from the caller's clock."""

    def create_class(self, code: str, record: Record, expires: float) -> bool:
        """Store a new class's record (kind "class", name ""); False if the code is taken (even by an
        expired class not yet dropped)."""

    def read(self, code: str, kind: str, name: str) -> Record | None:
        """One record, or None."""

    def read_kind(self, code: str, kind: str) -> dict[str, Record]:
        """Every record of a kind in a class, by name."""

    def count(self, code: str, kind: str) -> int:
        """How many records of a kind a class holds."""

    def change(self, code: str, slots: list[Slot], edit: Edit, expires: float) -> T:
        """Read the records in `slots` (None where absent), call `edit(records)` and write what it returns,
        all as one atomic step. `edit` returns (new records, result): per slot a record to write or None to
        leave it; None instead of the list writes nothing. `edit` may be called more than once (Redis
        retries when another client changed a record meanwhile), so it must only compute. Returns result."""

    def hit(self, key: str, now: float, window: float, limit: int) -> bool:
        """A rate-limited action: counts the hits under `key` in (now − window, now]; below `limit`, adds
        one at `now` and returns True; else adds nothing and returns False. Atomic."""

    def hits(self, key: str, now: float, window: float) -> int:
        """How many hits `key` has in (now − window, now]."""

    def drop_expired(self, now: float) -> int:
        """Delete the classes whose expiry is ≤ now, with all their records (and hits older than HIT_KEEP);
        how many classes went."""

    def close(self) -> None:
        """Let go of connections (a later call opens them again)."""


def encode(record: Record) -> str:
    """A record as strict JSON (no NaN or ∞: the class keeps such floats as their repr)."""
    return json.dumps(record, separators=(",", ":"), sort_keys=True, allow_nan=False)


def decode(text: str | bytes | None) -> Record | None:
    """A stored record back; None for nothing stored."""
    return None if text is None else json.loads(text)


def open_store(setting: str | None = None) -> Store:
    """The store a setting names (see the module's docstring). Opens nothing yet: the first call does."""
    if not setting:
        setting = os.environ.get(ENV_VAR) or DEFAULT_PATH
    if setting.startswith(REDIS_SCHEMES):
        from .redis_store import RedisStore

        return RedisStore(setting)
    from .sqlite_store import SQLiteStore

    return SQLiteStore(setting)

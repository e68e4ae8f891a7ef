"""The class store in one SQLite file: the default, for one server (several processes may share the file).

One connection per thread (Streamlit runs each session's script in its own thread), WAL mode so that
readers never wait for the writer, a busy timeout so that writers queue, and every change in one
`BEGIN IMMEDIATE` transaction (the write lock is taken before anything is read, so a read-modify-write
cannot lose an update to another thread or process).
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

from .store import HIT_KEEP, Edit, Record, Slot, StoreError, decode, encode

T = TypeVar("T")
BUSY_MS = 10_000
SCHEMA = """
CREATE TABLE IF NOT EXISTS classes (code TEXT PRIMARY KEY, expires REAL NOT NULL);
CREATE TABLE IF NOT EXISTS records (
    code TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (code, kind, name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS hits (key TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS hits_by_key ON hits (key, at);
"""


class SQLiteStore:
    """`Store` over the SQLite file at `path` (created with its tables on first use)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).expanduser()
        self._local = threading.local()
        self._generation = 0  # bumped by close(): threads then reconnect

    def _connection(self) -> sqlite3.Connection:
        local = self._local
        if getattr(local, "generation", None) == self._generation:
            return local.connection
        if not self.path.parent.is_dir():
            raise StoreError(
                f"The class store's folder {self.path.parent} does not exist: create it, or set "
                "LOGREG_VIZ_CLASS_STORE to a file in a folder that does."
            )
        with self._failures():
            connection = sqlite3.connect(self.path, timeout=BUSY_MS / 1000, isolation_level=None)
            connection.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
            for attempt in range(50):  # switching to WAL needs a moment alone with the file
                try:
                    connection.execute("PRAGMA journal_mode = WAL")
                    break
                except sqlite3.OperationalError:
                    if attempt == 49:
                        raise
                    time.sleep(0.05)
            connection.execute("PRAGMA synchronous = NORMAL")
            connection.executescript(f"BEGIN IMMEDIATE; {SCHEMA} COMMIT;")
        local.connection, local.generation = connection, self._generation
        return connection

    @contextlib.contextmanager
    def _failures(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as err:
            raise StoreError(f"The class store {self.path} cannot be used: {err}.") from err

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        connection = self._connection()
        with self._failures():
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    def _query(self, sql: str, args: tuple) -> list[tuple]:
        connection = self._connection()
        with self._failures():
            return connection.execute(sql, args).fetchall()

    def create_class(self, code: str, record: Record, expires: float) -> bool:
        with self._transaction() as db:
            if db.execute("SELECT 1 FROM classes WHERE code = ?", (code,)).fetchone():
                return False
            db.execute("INSERT INTO classes (code, expires) VALUES (?, ?)", (code, expires))
            db.execute("DELETE FROM records WHERE code = ?", (code,))  # leftovers of a class dropped meanwhile
            db.execute("INSERT INTO records VALUES (?, 'class', '', ?)", (code, encode(record)))
            return True

    def read(self, code: str, kind: str, name: str) -> Record | None:
        rows = self._query("SELECT data FROM records WHERE code = ? AND kind = ? AND name = ?", (code, kind, name))
        return decode(rows[0][0]) if rows else None

    def read_kind(self, code: str, kind: str) -> dict[str, Record]:
        rows = self._query("SELECT name, data FROM records WHERE code = ? AND kind = ?", (code, kind))
        return {name: decode(data) for name, data in rows}

    def count(self, code: str, kind: str) -> int:
        return self._query("SELECT COUNT(*) FROM records WHERE code = ? AND kind = ?", (code, kind))[0][0]

    def change(self, code: str, slots: list[Slot], edit: Edit, expires: float) -> T:
        with self._transaction() as db:
            found = [
                db.execute(
                    "SELECT data FROM records WHERE code = ? AND kind = ? AND name = ?", (code, kind, name)
                ).fetchone()
                for kind, name in slots
            ]
            new, result = edit([decode(row[0]) if row else None for row in found])
            for (kind, name), record in zip(slots, new or []):
                if record is not None:
                    db.execute("INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?)", (code, kind, name, encode(record)))
            return result

    def hit(self, key: str, now: float, window: float, limit: int) -> bool:
        with self._transaction() as db:
            db.execute("DELETE FROM hits WHERE key = ? AND at <= ?", (key, now - window))
            if db.execute("SELECT COUNT(*) FROM hits WHERE key = ?", (key,)).fetchone()[0] >= limit:
                return False
            db.execute("INSERT INTO hits VALUES (?, ?)", (key, now))
            return True

    def hits(self, key: str, now: float, window: float) -> int:
        rows = self._query("SELECT COUNT(*) FROM hits WHERE key = ? AND at > ? AND at <= ?", (key, now - window, now))
        return rows[0][0]

    def drop_expired(self, now: float) -> int:
        with self._transaction() as db:
            db.execute("DELETE FROM records WHERE code IN (SELECT code FROM classes WHERE expires <= ?)", (now,))
            dropped = db.execute("DELETE FROM classes WHERE expires <= ?", (now,)).rowcount
            db.execute("DELETE FROM hits WHERE at <= ?", (now - HIT_KEEP,))
            return dropped

    def close(self) -> None:
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
        self._generation += 1

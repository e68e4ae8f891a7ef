"""Where a class lives: an SQLite file by default, Redis for several server processes.

`open_store(setting)`: "" or a path → `SQLiteStore(path)` (default `logreg-viz-classes.sqlite3` in
the working directory; the file and its tables are created on first use, WAL mode); a
`redis://host:port/db` URL → `RedisStore(url)`. The page reads the setting from the environment
variable LOGREG_VIZ_CLASS_STORE.

Both stores implement `Store`, the primitives `room.Classroom` is built on; each is atomic on its
own (several threads and several processes use one store at once).
"""

from __future__ import annotations

from typing import Protocol

DEFAULT_PATH = "logreg-viz-classes.sqlite3"


class Store(Protocol):
    """(Defined by the implementation: the primitives Classroom needs.)"""


def open_store(setting: str | None = None) -> Store: ...

"""What the class tests share: a clock the test moves, and a store of either kind, kept apart from any other."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

from logreg_viz.classroom import Classroom
from logreg_viz.classroom.redis_store import RedisStore
from logreg_viz.classroom.sqlite_store import SQLiteStore

KINDS = ["sqlite", "redis"]
TIMEOUT = 120  # s for a whole concurrent run: a hang fails instead of blocking the suite
WORKER = Path(__file__).resolve().parent / "class_worker.py"


class Clock:
    """A clock that moves only when told. It starts at the real time, whole seconds: Redis expires a class's
    keys at the class's expiry by its own (real) clock, so the test's time must not run behind it."""

    def __init__(self) -> None:
        self.now = float(int(time.time()))

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def make_store(kind: str, folder: Path | str, redis_url: str | None, prefix: str | None = None):
    """A fresh store: an SQLite file in `folder`, or keys under a fresh prefix in the Redis at `redis_url`."""
    if kind == "sqlite":
        return SQLiteStore(Path(folder) / "classes.sqlite3")
    return RedisStore(redis_url, prefix=prefix or f"test-{uuid.uuid4().hex}:")


def store_for(request, folder: Path):
    """The store a fixture parametrised over KINDS asks for (the session's redis-server for "redis")."""
    url = request.getfixturevalue("redis_url") if request.param == "redis" else None
    return make_store(request.param, folder, url)


def open_room(setting: tuple) -> Classroom:
    """A room on the store a (kind, folder, redis URL, key prefix) setting names: any process can open it."""
    kind, folder, url, prefix = setting
    return Classroom(make_store(kind, folder, url, prefix))


def at_once(count: int, work) -> list:
    """Run `work(i)` in `count` threads released together; their results in order (an error re-raised)."""
    barrier, results, errors = threading.Barrier(count), [None] * count, []

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=TIMEOUT)
            results[i] = work(i)
        except Exception as err:  # carried to the main thread
            errors.append(err)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    if errors:
        raise errors[0]
    return results


def answer_in_threads(setting: tuple, code: str, students: list[str], values: list[str], go=None) -> list[bool]:
    """Each student answers question 1 with its value, all in threads at once (after `go()`, if given)."""
    room = open_room(setting)
    room.snapshot(code)  # connected before the start
    if go is not None:
        go()
    return at_once(len(students), lambda i: room.answer(code, students[i], 1, values[i]).ok)


def publish_in_threads(setting: tuple, code: str, secret: str, tag: str, threads: int, each: int, go=None) -> int:
    """`threads` threads each publish `each` views no other publish has, from one page; how many were taken."""
    room = open_room(setting)
    room.snapshot(code)
    if go is not None:
        go()

    def publish(i: int) -> int:
        return sum(room.publish(code, secret, "teacher", {"step": f"{tag}-{i}-{n}"}).ok for n in range(each))

    return sum(at_once(threads, publish))


def in_two_processes(job, first: tuple, second: tuple) -> list:
    """`job(*args)` (a function of this module) in two fresh Python processes started together: each sets up,
    says so, and waits for one "go" sent to both. Their results (JSON), in order. Plain subprocesses, not
    multiprocessing: that would re-import the parent's __main__, which an AppTest may have left as a page."""
    processes = [
        subprocess.Popen(
            [sys.executable, str(WORKER), json.dumps([job.__name__, *args])],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        for args in (first, second)
    ]  # fmt: skip
    try:
        for process in processes:
            assert process.stdout.readline().strip() == "ready", f"the worker died: {process.wait()}"
        for process in processes:
            process.stdin.write("go\n")
            process.stdin.flush()
        outputs = [process.communicate(timeout=TIMEOUT)[0] for process in processes]
        assert [process.returncode for process in processes] == [0, 0], outputs
        return [json.loads(output) for output in outputs]
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()

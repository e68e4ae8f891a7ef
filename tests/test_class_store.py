"""The class stores: which one a setting opens, their primitives over both kinds, and how they fail (one
exception type, with a message a page can show)."""

from __future__ import annotations

import sqlite3

import pytest
from class_support import KINDS, Clock, store_for
from services import free_port

from logreg_viz.classroom import Classroom, StoreError, open_store
from logreg_viz.classroom.redis_store import RedisStore
from logreg_viz.classroom.sqlite_store import SQLiteStore
from logreg_viz.classroom.store import DEFAULT_PATH, ENV_VAR


@pytest.fixture(params=KINDS)
def store(request, tmp_path):
    store = store_for(request, tmp_path)
    yield store
    store.close()


def test_open_store_reads_the_setting_then_the_environment_then_the_default(monkeypatch, tmp_path):
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert isinstance(open_store(), SQLiteStore) and open_store().path.name == DEFAULT_PATH
    assert open_store("").path.name == DEFAULT_PATH
    assert open_store(str(tmp_path / "a.sqlite3")).path == tmp_path / "a.sqlite3"
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "b.sqlite3"))
    assert open_store(None).path == tmp_path / "b.sqlite3"
    assert open_store(str(tmp_path / "c.sqlite3")).path == tmp_path / "c.sqlite3"  # a setting beats the variable
    monkeypatch.setenv(ENV_VAR, "redis://127.0.0.1:1/0")
    assert isinstance(open_store(), RedisStore) and open_store().url == "redis://127.0.0.1:1/0"


def test_the_sqlite_file_is_created_on_first_use_in_wal_mode(tmp_path):
    path = tmp_path / "classes.sqlite3"
    store = SQLiteStore(path)
    assert not path.exists()  # opening is lazy
    assert store.read("K7QP2M", "class", "") is None
    assert path.exists()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


def test_a_missing_folder_is_a_store_error_naming_it(tmp_path):
    room = Classroom(open_store(str(tmp_path / "nowhere" / "classes.sqlite3")))
    with pytest.raises(StoreError, match=r"nowhere.*does not exist"):
        room.start("10.0.0.1")


def test_a_file_that_is_no_database_is_a_store_error(tmp_path):
    (tmp_path / "folder.sqlite3").mkdir()  # a folder where the file should be: cannot be opened, even by root
    with pytest.raises(StoreError, match="cannot be used"):
        Classroom(open_store(str(tmp_path / "folder.sqlite3"))).start("10.0.0.1")
    (tmp_path / "junk.sqlite3").write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError, match="cannot be used"):
        Classroom(open_store(str(tmp_path / "junk.sqlite3"))).snapshot("K7QP2M")


def test_redis_that_does_not_answer_is_a_store_error():
    room = Classroom(open_store(f"redis://127.0.0.1:{free_port()}/0"))  # nobody listens there
    with pytest.raises(StoreError, match="does not answer"):
        room.start("10.0.0.1")
    with pytest.raises(StoreError):
        room.snapshot("K7QP2M")


def test_a_bad_redis_url_is_a_store_error():
    with pytest.raises(StoreError, match="not a Redis URL"):
        open_store("redis://127.0.0.1:notaport/0")


def test_create_class_refuses_a_taken_code(store):
    assert store.create_class("K7QP2M", {"n": 1}, 2e9)
    assert not store.create_class("K7QP2M", {"n": 2}, 2e9)
    assert store.read("K7QP2M", "class", "") == {"n": 1}


def test_change_writes_only_what_edit_returns_and_returns_its_result(store):
    assert store.create_class("K7QP2M", {"n": 1}, 2e9)
    seen = []

    def edit(records):
        seen.append(records)
        return [{"n": 2}, None, {"v": "x"}], "done"

    slots = [("class", ""), ("q", "1"), ("a/1", "ada")]
    assert store.change("K7QP2M", slots, edit, 2e9) == "done"
    assert seen[-1] == [{"n": 1}, None, None]
    assert store.read("K7QP2M", "class", "") == {"n": 2} and store.read("K7QP2M", "q", "1") is None
    assert store.read_kind("K7QP2M", "a/1") == {"ada": {"v": "x"}} and store.count("K7QP2M", "a/1") == 1
    assert store.change("K7QP2M", slots, lambda records: (None, 7), 2e9) == 7
    assert store.read("K7QP2M", "class", "") == {"n": 2}
    assert store.count("K7QP2M", "q") == 0 and store.read_kind("K7QP2M", "s") == {}


def test_hits_count_a_sliding_window_and_stop_at_the_limit(store):
    now = Clock().now
    assert [store.hit("k", now + t, 60, 3) for t in (0, 10, 20, 30)] == [True, True, True, False]
    assert store.hits("k", now + 30, 60) == 3
    assert store.hits("k", now + 60, 60) == 2  # the hit at 0 is exactly a window old: out
    assert store.hit("k", now + 60, 60, 3)  # room for one again
    assert store.hits("k", now + 60, 60) == 3 and store.hits("other", now, 60) == 0


def test_drop_expired_drops_classes_at_or_past_their_expiry_with_their_records(store):
    now = Clock().now
    store.create_class("AAAAAA", {}, now + 10)
    store.create_class("BBBBBB", {}, now + 20)
    store.change("AAAAAA", [("s", "ada")], lambda records: ([{"nickname": "Ada"}], None), now + 10)
    assert store.drop_expired(now + 9.5) == 0
    assert store.drop_expired(now + 10) == 1
    assert store.read("AAAAAA", "class", "") is None and store.read_kind("AAAAAA", "s") == {}
    assert store.read("BBBBBB", "class", "") == {}
    assert store.drop_expired(now + 10) == 0 and store.drop_expired(now + 30) == 1

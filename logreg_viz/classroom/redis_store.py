"""The class store in Redis: for several server processes (or machines) serving one class.

Keys, under `prefix`:
- `classes`: a sorted set, code → expiry (what `drop_expired` reads);
- `c:CODE:KIND:NAME`: a record (JSON text); `c:CODE:KIND`: the set of NAMEs of that kind, so a kind is
  listed and counted without a scan. Every key of a class expires with it (PEXPIREAT);
- `hits:KEY`: a sorted set of hit times, expiring a window after the last hit.

Atomic steps: creating a class and counting a hit are Lua scripts; `change` is WATCH on the records it
reads, then MULTI/EXEC, retried when another client changed one of them meanwhile.
"""

from __future__ import annotations

import contextlib
import secrets
import time
from collections.abc import Iterator
from typing import TypeVar

import redis

from .store import Edit, Record, Slot, StoreError, decode, encode

T = TypeVar("T")
PREFIX = "logreg-viz:"
TIMEOUT = 3.0  # s to connect and for each reply
RETRIES = 200  # WATCH conflicts before giving up (only many pages writing one record at once come close)

CREATE = """
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PXAT', ARGV[2]) then
    redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
    return 1
end
return 0
"""
HIT = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1
"""


class RedisStore:
    """`Store` in the Redis database a `redis://host:port/db` URL names, keys under `prefix`."""

    def __init__(self, url: str, prefix: str = PREFIX) -> None:
        self.url = url
        self.prefix = prefix
        try:
            self._client = redis.Redis.from_url(
                url, decode_responses=True, socket_timeout=TIMEOUT, socket_connect_timeout=TIMEOUT
            )
        except ValueError as err:
            raise StoreError(f"The class store setting {url!r} is not a Redis URL: {err}.") from err
        self._create = self._client.register_script(CREATE)
        self._hit = self._client.register_script(HIT)

    @contextlib.contextmanager
    def _failures(self) -> Iterator[None]:
        try:
            yield
        except redis.RedisError as err:
            where = self._client.connection_pool.connection_kwargs
            place = where.get("path") or f"{where.get('host')}:{where.get('port')}"
            raise StoreError(f"The class store (Redis at {place}) does not answer: {err}") from err

    def _record_key(self, code: str, kind: str, name: str) -> str:
        return f"{self.prefix}c:{code}:{kind}:{name}"

    def _names_key(self, code: str, kind: str) -> str:
        return f"{self.prefix}c:{code}:{kind}"

    def create_class(self, code: str, record: Record, expires: float) -> bool:
        keys = [self._record_key(code, "class", ""), f"{self.prefix}classes"]
        with self._failures():
            return bool(self._create(keys=keys, args=[encode(record), _ms(expires), repr(expires), code]))

    def read(self, code: str, kind: str, name: str) -> Record | None:
        with self._failures():
            return decode(self._client.get(self._record_key(code, kind, name)))

    def read_kind(self, code: str, kind: str) -> dict[str, Record]:
        with self._failures():
            names = sorted(self._client.smembers(self._names_key(code, kind)))
            texts = self._client.mget([self._record_key(code, kind, name) for name in names]) if names else []
        return {name: decode(text) for name, text in zip(names, texts) if text is not None}

    def count(self, code: str, kind: str) -> int:
        with self._failures():
            return self._client.scard(self._names_key(code, kind))

    def change(self, code: str, slots: list[Slot], edit: Edit, expires: float) -> T:
        keys = [self._record_key(code, kind, name) for kind, name in slots]
        at = _ms(expires)
        with self._failures(), self._client.pipeline() as pipe:
            for attempt in range(RETRIES):
                try:
                    pipe.watch(*keys)
                    new, result = edit([decode(text) for text in pipe.mget(keys)])
                    writes = [(slot, key, rec) for slot, key, rec in zip(slots, keys, new or []) if rec is not None]
                    if not writes:
                        pipe.unwatch()
                        return result
                    pipe.multi()
                    for (kind, name), key, record in writes:
                        names = self._names_key(code, kind)
                        pipe.set(key, encode(record), pxat=at)
                        pipe.sadd(names, name)
                        pipe.pexpireat(names, at)
                    pipe.execute()
                    return result
                except redis.WatchError:
                    time.sleep(0.001 * min(attempt, 20) * secrets.randbelow(3))
            raise StoreError("The class store is too busy: many pages changed one record at once. Try again.")

    def hit(self, key: str, now: float, window: float, limit: int) -> bool:
        args = [repr(now - window), repr(now), limit, secrets.token_hex(8), int(window * 1000) + 60_000]
        with self._failures():
            return bool(self._hit(keys=[f"{self.prefix}hits:{key}"], args=args))

    def hits(self, key: str, now: float, window: float) -> int:
        with self._failures():
            return self._client.zcount(f"{self.prefix}hits:{key}", f"({now - window!r}", repr(now))

    def drop_expired(self, now: float) -> int:
        index = f"{self.prefix}classes"
        dropped = 0
        with self._failures():
            for code in self._client.zrangebyscore(index, "-inf", repr(now)):
                pattern = _glob_escape(f"{self.prefix}c:{code}:") + "*"
                keys = list(self._client.scan_iter(match=pattern, count=500))
                if keys:
                    self._client.delete(*keys)
                dropped += self._client.zrem(index, code)  # 0 when another purge got there first
        return dropped

    def close(self) -> None:
        self._client.close()


def _ms(seconds: float) -> int:
    return int(seconds * 1000)


def _glob_escape(text: str) -> str:
    return "".join(f"\\{ch}" if ch in "*?[]\\" else ch for ch in text)

"""The test services themselves: a redis-server that answers and is gone afterwards, an nginx that serves a
file through a loopback port."""

from __future__ import annotations

import socket

import pytest
import redis
from services import NGINX_STATIC, ServiceMissingError, binary, fetch, nginx_server, redis_server


def test_redis_server_answers_and_stops_at_the_end():
    with redis_server() as url:
        client = redis.Redis.from_url(url)
        assert client.ping()
        assert client.config_get("save") == {"save": ""}  # nothing written to disk
        port = client.connection_pool.connection_kwargs["port"]
        client.close()
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        pass


def test_nginx_serves_a_static_file_through_a_loopback_port():
    with nginx_server(NGINX_STATIC) as (url, folder):
        (folder / "www" / "hello.txt").write_bytes(b"logistic\n")
        assert fetch(f"{url}/hello.txt") == (200, b"logistic\n")
        port = int(url.rsplit(":", 1)[1])
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        pass


def test_a_missing_service_names_its_install_command():
    with pytest.raises(ServiceMissingError, match="apt-get install -y no-such-package"):
        binary("no-such-binary-here", "no-such-package")

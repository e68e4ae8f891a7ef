"""Real services for the tests: a `redis-server` and an `nginx`, each on a free loopback port with its files
in a temporary folder, stopped by its own process id at the end.

A missing binary is a failure whose message names the install command, never a skip: a test that did
not run must not look like one that passed. `bash scripts/test.sh` installs both from Debian's packages.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

START_TIMEOUT = 10.0  # s for a service to answer after it starts


class ServiceMissingError(RuntimeError):
    """A service's binary is not installed; the message says how to install it."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on (as of now)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def binary(name: str, package: str) -> str:
    """The path of `name`, or ServiceMissingError naming the apt-get command that installs `package`."""
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin:/sbin:/bin")
    if found is None:
        raise ServiceMissingError(
            f"{name} is not installed: run 'apt-get install -y {package}' as root (or 'bash scripts/test.sh', "
            "which installs it)."
        )
    return found


@contextlib.contextmanager
def running(command: list[str], ready: Callable[[], bool], what: str, log: Path) -> Iterator[subprocess.Popen]:
    """Start `command` (output to `log`), wait until `ready()` is true, yield the process; stop it at the end
    (terminate, then kill) by its own id. Fails with the log's tail if it exits or does not answer in time."""
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _answers(ready):
            if process.poll() is not None or time.monotonic() > deadline:
                tail = log.read_text(errors="replace")[-2000:]
                state = f"exited with {process.returncode}" if process.poll() is not None else "did not answer"
                raise RuntimeError(f"{what} {state} ({' '.join(command)}):\n{tail}")
            time.sleep(0.05)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _answers(ready: Callable[[], bool]) -> bool:
    try:
        return bool(ready())
    except OSError:
        return False


def _ping_redis(port: int) -> bool:
    with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
        s.sendall(b"PING\r\n")
        return s.recv(64).startswith(b"+PONG")


@contextlib.contextmanager
def redis_server() -> Iterator[str]:
    """A fresh `redis-server` on a free loopback port, nothing saved to disk: yields its `redis://` URL."""
    path = binary("redis-server", "redis-server")
    with tempfile.TemporaryDirectory(prefix="logreg-viz-redis-") as folder:
        port = free_port()
        command = [path, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        command += ["--daemonize", "no", "--dir", folder]
        with running(command, lambda: _ping_redis(port), "redis-server", Path(folder) / "redis.log"):
            yield f"redis://127.0.0.1:{port}/0"


NGINX_STATIC = """
worker_processes 1;
error_log {folder}/error.log;
pid {folder}/nginx.pid;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {folder}/www;
    }}
}}
"""


@contextlib.contextmanager
def nginx_server(config: str) -> Iterator[tuple[str, Path]]:
    """A fresh `nginx` in the foreground with `config`, a template whose `{port}` and `{folder}` (a fresh
    temporary folder, with an empty `www/` in it) are filled in: yields (http://127.0.0.1:PORT, folder).
    Ready once the port takes connections. `NGINX_STATIC` serves `folder/www`."""
    path = binary("nginx", "nginx")
    with tempfile.TemporaryDirectory(prefix="logreg-viz-nginx-") as name:
        folder, port = Path(name), free_port()
        folder.chmod(0o755)  # nginx's workers run as another user when it starts as root
        (folder / "www").mkdir()
        conf = folder / "nginx.conf"
        conf.write_text(config.format(port=port, folder=folder))
        command = [path, "-c", str(conf), "-p", str(folder), "-e", str(folder / "error.log"), "-g", "daemon off;"]
        with running(command, lambda: _connects(port), "nginx", folder / "nginx.out"):
            yield f"http://127.0.0.1:{port}", folder


def _connects(port: int) -> bool:
    with socket.create_connection(("127.0.0.1", port), timeout=1):
        return True


def fetch(url: str) -> tuple[int, bytes]:
    """(status, body) of a GET to a loopback URL."""
    with urllib.request.urlopen(url, timeout=5) as reply:
        return reply.status, reply.read()

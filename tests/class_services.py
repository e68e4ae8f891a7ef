"""The processes a class runs on, started for a bench or a test and stopped by their own ids: Streamlit
servers (several, any one of which may be killed), a Redis store and nginx in front (docs/nginx-class.conf).
Unlike tests/services.py's context managers (whose binaries and ports this reuses), each is an object a
scenario can kill in the middle and read the log of afterwards.

Every process writes its log to a file in the run's directory, so nothing blocks on a full pipe and a
test can read a server's log for a Traceback after the server is gone.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from browser_support import SERVER_FLAGS
from services import binary, free_port

ROOT = Path(__file__).resolve().parent.parent
NGINX_CONF = ROOT / "docs" / "nginx-class.conf"


class Service:
    """One started process: its command's name, port, Popen and log file."""

    def __init__(self, name: str, port: int, args: list[str], log: Path, env: dict | None = None, cwd: Path = ROOT):
        self.name, self.port, self.log = name, port, log
        self._log_file = log.open("wb")
        self.proc = subprocess.Popen(args, cwd=cwd, stdout=self._log_file, stderr=subprocess.STDOUT, env=env)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc.poll() is None

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_until(self, ready, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not ready():
            if not self.alive():
                raise RuntimeError(f"{self.name} exited early:\n{self.text()[-3000:]}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.name} did not answer within {timeout:.0f} s:\n{self.text()[-3000:]}")
            time.sleep(0.1)

    def kill(self) -> None:
        """SIGKILL, as a crashed process: no goodbye to its clients."""
        if self.alive():
            os.kill(self.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.alive():
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self._log_file.close()


def _answers(url: str) -> bool:
    with contextlib.suppress(OSError):
        return urllib.request.urlopen(url, timeout=1).read() == b"ok"
    return False


def start_app(workdir: Path, store: str, name: str = "streamlit") -> Service:
    """`streamlit run app.py` on a free port with the class store `store` (a path or a redis:// URL)."""
    port = free_port()
    env = {
        **os.environ,
        "PYTHONUNBUFFERED": "1",
        "LOGREG_VIZ_CLASS_STORE": store,
        # the components package from this checkout (its editable install may point elsewhere)
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "components"), os.environ.get("PYTHONPATH")])),
    }
    args = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port)]
    args += SERVER_FLAGS
    app = Service(name, port, args, workdir / f"{name}.log", env=env)
    app.wait_until(lambda: _answers(f"http://127.0.0.1:{port}/_stcore/health"))
    return app


def start_redis(workdir: Path) -> Service:
    """A Redis on a free loopback port, nothing saved to disk."""
    port = free_port()
    args = [binary("redis-server", "redis-server"), "--port", str(port), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", "no", "--daemonize", "no", "--dir", str(workdir)]  # fmt: skip
    redis = Service("redis", port, args, workdir / "redis.log")

    def pong() -> bool:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
        return False

    redis.wait_until(pong, timeout=10)
    return redis


def nginx_conf(listen: int, app_a: int, app_b: int) -> str:
    """docs/nginx-class.conf with its three ports filled in."""
    text = NGINX_CONF.read_text()
    for name, port in (("LISTEN_PORT", listen), ("APP_PORT_A", app_a), ("APP_PORT_B", app_b)):
        text = text.replace(name, str(port))
    return text


def start_nginx(workdir: Path, app_a: int, app_b: int) -> Service:
    """nginx on a free loopback port in front of the two apps, run from `workdir/nginx`."""
    home = workdir / "nginx"
    (home / "temp").mkdir(parents=True, exist_ok=True)
    port = free_port()
    (home / "nginx.conf").write_text(nginx_conf(port, app_a, app_b))
    args = [binary("nginx", "nginx"), "-p", str(home), "-c", str(home / "nginx.conf"), "-g", "daemon off;"]
    nginx = Service("nginx", port, args, workdir / "nginx.log")
    nginx.wait_until(lambda: _answers(f"http://127.0.0.1:{port}/_stcore/health"))
    return nginx


def start_recipe(workdir: Path, services: list[Service]) -> tuple[list[Service], str, str]:
    """The README's several-process recipe: redis-server, two Streamlit servers on it, nginx in front.
    Each process joins `services` as it starts (so the caller stops whatever started, even on a failure);
    returns (the two app servers, the store setting, nginx's base URL)."""
    redis = start_redis(workdir)
    services.append(redis)
    setting = f"redis://127.0.0.1:{redis.port}/0"
    apps = [start_app(workdir, setting, "app_a"), start_app(workdir, setting, "app_b")]
    services += apps
    nginx = start_nginx(workdir, apps[0].port, apps[1].port)
    services.append(nginx)
    return apps, setting, f"http://127.0.0.1:{nginx.port}"

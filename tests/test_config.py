"""How the server is set up for a classroom: the config file's promises, a server with every outbound
connection blocked that still serves the whole page, and a failure that the page words plainly while
its details go to the teacher's console."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import tomllib

import pytest
from browser_support import ROOT, VIEWPORT, launch, open_page, streamlit_server, wait_idle

sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -r requirements-test.txt")
pytestmark = pytest.mark.browser

# Loaded by Python at start (PYTHONPATH): refuse and record every connection or name lookup that would
# leave the machine, so the test sees an attempt even if the server would swallow the error.
BLOCK_OUTBOUND = textwrap.dedent(
    """
    import os, socket
    LOG = os.environ["OUTBOUND_LOG"]
    def _local(host):
        host = str(host)
        return host in ("", "localhost", "::1", "0.0.0.0", "::") or host.startswith("127.")
    def _record(what):
        with open(LOG, "a") as f:
            f.write(what + "\\n")
    _connect, _connect_ex, _getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo
    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _local(address[0]):
            _record(f"connect {address!r}")
            raise OSError(101, "Network is unreachable (outbound connections are blocked)")
        return _connect(self, address)
    def connect_ex(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _local(address[0]):
            _record(f"connect_ex {address!r}")
            return 101
        return _connect_ex(self, address)
    def getaddrinfo(host, *args, **kwargs):
        if host is not None and not _local(host.decode() if isinstance(host, bytes) else host):
            _record(f"getaddrinfo {host!r}")
            raise socket.gaierror(-3, "Temporary failure in name resolution (outbound blocked)")
        return _getaddrinfo(host, *args, **kwargs)
    socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo = connect, connect_ex, getaddrinfo
    if os.environ.get("BREAK_THE_SURFACE"):
        import logreg_viz.figures.surface3d
        def broken(*args, **kwargs):
            raise RuntimeError("secret detail 5517 for the teacher only")
        logreg_viz.figures.surface3d.surface_spec = broken
    """
)


def test_the_config_file_keeps_the_classroom_promises():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["address"] == "127.0.0.1"  # no public-IP lookup at start
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["maxUploadSize"] <= 1  # MB
    assert config["client"]["showErrorDetails"] == "none"
    assert config["client"]["toolbarMode"] == "minimal"
    # no full garbage collection after each rerun (it held every session up for about 0.1 s) and no
    # polling of the source files
    assert config["runner"]["postScriptGC"] is False
    assert config["server"]["fileWatcherType"] == "none"


def test_a_typo_in_the_config_file_is_said_on_the_page_and_in_the_console(tmp_path):
    """The README's command in a copy of the app whose config file does not parse."""
    for name in ("app.py",):  # the page package and its components come from this checkout
        (tmp_path / name).write_bytes((ROOT / name).read_bytes())
    (tmp_path / ".streamlit").mkdir()
    broken = (ROOT / ".streamlit" / "config.toml").read_text().replace("[server]", "[server", 1)
    (tmp_path / ".streamlit" / "config.toml").write_text(broken)
    env = {"PYTHONPATH": str(ROOT)}
    # the address is given on the command line here only so that the test itself stays on loopback
    with streamlit_server(env, workdir=tmp_path) as (url, proc), sync_api.sync_playwright() as p:
        browser = launch(p)
        page = open_page(browser, url)
        alert = page.locator('[data-testid="stAlert"]').filter(has_text="not set up as the README promises")
        alert.wait_for(timeout=15_000)
        assert "browser.gatherUsageStats" not in alert.inner_text()  # the test's own flag sets it
        assert "client.showErrorDetails" in alert.inner_text() and "server.maxUploadSize" in alert.inner_text()
        browser.close()
        proc.terminate()
        console = proc.stdout.read().decode()
    assert "unsafe setting: client.showErrorDetails" in console


@pytest.fixture
def offline(tmp_path):
    (tmp_path / "sitecustomize.py").write_text(BLOCK_OUTBOUND)
    log = tmp_path / "outbound.log"
    log.write_text("")
    env = {"PYTHONPATH": f"{tmp_path}:{ROOT}", "OUTBOUND_LOG": str(log)}
    return env, log


def test_the_blocking_harness_catches_an_outbound_attempt(offline):
    env, log = offline
    code = "import urllib.request\ntry:\n    urllib.request.urlopen('http://example.com', timeout=2)\n"
    code += "except OSError:\n    pass"
    subprocess.run([sys.executable, "-c", code], env={**os.environ, **env}, check=True, timeout=30)
    assert "getaddrinfo 'example.com'" in log.read_text()


def test_with_outbound_connections_blocked_the_readme_command_serves_the_whole_page(offline):
    env, log = offline
    with streamlit_server(env, as_the_readme_says=True) as (url, _), sync_api.sync_playwright() as p:
        browser = launch(p)
        context = browser.new_context(viewport=VIEWPORT)
        elsewhere: list[str] = []
        local = (url, "data:", "blob:")
        context.on("request", lambda r: None if r.url.startswith(local) else elsewhere.append(r.url))
        page = open_page(context, url)
        page.get_by_role("button", name=re.compile(r"^Step(\s|$)")).click()
        wait_idle(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.locator(".live-chart.js-plotly-plot").count() >= 2  # the lesson, the surface
        browser.close()
    assert elsewhere == [], f"the page asked for something not on the server: {elsewhere}"
    assert log.read_text() == "", "the server tried to reach the network:\n" + log.read_text()


def test_a_failure_is_worded_plainly_on_the_page_and_its_details_go_to_the_console(offline):
    env, log = offline
    with streamlit_server({**env, "BREAK_THE_SURFACE": "1"}) as (url, proc), sync_api.sync_playwright() as p:
        browser = launch(p)
        page = open_page(browser, url, charts=1)
        page.get_by_text("The loss surface could not be drawn").wait_for(timeout=15_000)
        text = page.locator('[data-testid="stMain"]').inner_text()
        assert "secret detail" not in text and "Traceback" not in text and "RuntimeError" not in text
        assert page.locator(".live-chart.js-plotly-plot").count() == 1  # the lesson still works
        browser.close()
        proc.terminate()
        console = proc.stdout.read().decode()
    assert "Traceback" in console and "secret detail 5517 for the teacher only" in console
    assert log.read_text() == ""

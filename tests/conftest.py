"""Fixtures the test modules share: the browser modules' server and Chromium (a module that needs its own,
a server with other settings, defines it and that one is used), and a real redis-server for the session."""

from __future__ import annotations

import pytest
from browser_support import chromium, streamlit_server
from services import ServiceMissingError, redis_server


@pytest.fixture(scope="module")
def server():
    """A fresh server for each module: a running one would keep stale modules."""
    with streamlit_server() as (url, _):
        yield url


@pytest.fixture(scope="module")
def browser():
    """One Chromium for the module; a missing one fails the tests with the command that installs it."""
    try:
        with chromium() as b:
            yield b
    except RuntimeError as err:
        pytest.fail(str(err))


@pytest.fixture(scope="session")
def redis_url():
    """A real redis-server for the session (tests keep apart by key prefix); a missing one fails the tests
    with the command that installs it."""
    try:
        with redis_server() as url:
            yield url
    except ServiceMissingError as err:
        pytest.fail(str(err))

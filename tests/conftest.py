"""Fixtures the browser test modules share; a module that needs its own (a server with other settings)
defines it and that one is used."""

from __future__ import annotations

import pytest
from browser_support import chromium, streamlit_server


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

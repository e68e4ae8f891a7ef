"""The server settings a classroom relies on, as the README promises them, and a check of those in force.

A typo in `.streamlit/config.toml` makes Streamlit log one line and serve with its defaults: listening
on every interface after looking up a public IP, sending usage statistics, showing tracebacks to
students, taking 200 MB uploads. The page runs `safety_problems(st.get_option)` and says so instead.
"""

from __future__ import annotations

from collections.abc import Callable

from .text import quote

MAX_UPLOAD_MB = 1

# option: (what it must be, whether a value keeps the promise)
PROMISES: dict[str, tuple[str, Callable[[object], bool]]] = {
    "server.address": (
        "set (127.0.0.1, or 0.0.0.0 to serve a class): unset, Streamlit looks up a public IP at start",
        lambda v: isinstance(v, str) and v.strip() != "",
    ),
    "browser.gatherUsageStats": ("false: no usage statistics leave the machine", lambda v: v is False),
    "client.showErrorDetails": ('"none": students see a plain message, never a traceback', lambda v: v == "none"),
    "server.maxUploadSize": (
        f"at most {MAX_UPLOAD_MB} (MB): a data set is a small CSV",
        lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and 0 < v <= MAX_UPLOAD_MB,
    ),
    "server.enableXsrfProtection": ("true: uploads need the page's own token", lambda v: v is True),
}


def safety_problems(get_option: Callable[[str], object]) -> list[str]:
    """One sentence for each promised setting that `get_option` reports otherwise (or cannot report)."""
    problems = []
    for option, (wanted, keeps) in PROMISES.items():
        try:
            value = get_option(option)
        except Exception:  # an option a later Streamlit renamed: say so rather than pass silently
            problems.append(f"{option} cannot be read; it should be {wanted}")
            continue
        if not keeps(value):
            problems.append(f"{option} is {quote(repr(value))}; it should be {wanted}")
    return problems

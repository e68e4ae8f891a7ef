"""Shared helpers: the app's path and reading figures out of an AppTest run."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


def sigma(z: float) -> float:
    """The logistic function, written out independently of the package."""
    return 1.0 / (1.0 + math.exp(-z))


def shown(value: float) -> str:
    """How the page writes a number: 4 significant digits and a real minus sign."""
    return f"{value:.4g}".replace("-", "−")


def decode(arr: object) -> np.ndarray:
    """A plotly JSON array, plain or base64 `bdata`, as numpy."""
    import base64

    if isinstance(arr, dict) and "bdata" in arr:
        data = np.frombuffer(base64.b64decode(arr["bdata"]), dtype=np.dtype(arr["dtype"]))
        return data.reshape(arr["shape"]) if "shape" in arr else data
    return np.asarray(arr, dtype=float)


def charts(at) -> list[dict]:
    """Every chart the page drew, in page order, as figure JSON (live charts: the figure travels in
    the component's data). The hidden st.plotly_chart that only loads plotly.js is left out."""
    return [json.loads(c.proto.bytes) for c in at.get("bidi_component") if c.proto.bytes]  # not the link check


def _roles(t: object) -> tuple:
    if isinstance(t, dict):
        return t.get("meta"), t.get("name")
    return t.meta, t.name


def traces(fig: object, role: str) -> list:
    """Every trace of a figure (a go.Figure, or its JSON as a dict) whose `meta` (or name) is `role`."""
    data = fig["data"] if isinstance(fig, dict) else fig.data
    return [t for t in data if role in _roles(t)]


def trace_index(fig: object, role: str) -> int:
    """The index in the figure's data of the one trace whose `meta` (or name) is `role`."""
    data = fig["data"] if isinstance(fig, dict) else fig.data
    found = [i for i, t in enumerate(data) if role in _roles(t)]
    assert len(found) == 1, f"{len(found)} traces with role {role!r}"
    return found[0]


def trace(fig: object, role: str):
    """The one trace of a figure whose `meta` (or name) is `role`; fails if there is none or more."""
    data = fig["data"] if isinstance(fig, dict) else fig.data
    return data[trace_index(fig, role)]


def frame_trace(fig: object, frame: object, role: str):
    """What an animation frame (a go.Frame or a dict) sets on the trace with `role`."""
    names = list(frame["traces"] if isinstance(frame, dict) else frame.traces)
    frame_data = frame["data"] if isinstance(frame, dict) else frame.data
    return frame_data[names.index(trace_index(fig, role))]


def node_texts(fig: dict) -> tuple[list[str], list[str]]:
    """(forward texts, backward texts) of the graph."""
    return trace(fig, "forward texts")["text"], trace(fig, "backward texts")["text"]


def failures(at) -> list[str]:
    """Sections of the page that failed (each shows a short error instead of its content)."""
    return [e.value for e in at.error if "could not be drawn" in e.value]


def code_spans(message: str) -> tuple[list[str], str]:
    """(the text of each code span, everything outside them), read as CommonMark reads a line: a span
    opens with a run of backticks and closes at the next run of the same length; one space is dropped
    from each end of its text when both ends have one."""
    import re

    spans, outside, i = [], [], 0
    while i < len(message):
        if message[i] != "`":
            outside.append(message[i])
            i += 1
            continue
        fence = re.match(r"`+", message[i:]).group()
        close = re.search(rf"(?<!`){fence}(?!`)", message[i + len(fence) :])
        if close is None:  # no closing run: the backticks are plain text
            outside.append(fence)
            i += len(fence)
            continue
        text = message[i + len(fence) : i + len(fence) + close.start()]
        if len(text) > 1 and text[0] == text[-1] == " " and text.strip():
            text = text[1:-1]
        spans.append(text)
        i += len(fence) + close.end()
    return spans, "".join(outside)


def as_quoted(value: str, limit: int = 40) -> str:
    """What a message should quote for `value`: its characters, one line (controls as �), cut with … past `limit`."""
    text = "".join(c if c.isprintable() else "\ufffd" for c in value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_plain_message(message: str, quoted: list[str] | None = None) -> None:
    """A message whose outside text is only inside code spans: the rest is the page's own words, with
    nothing markdown, maths or HTML would act on; with `quoted`, exactly those texts are quoted."""
    spans, outside = code_spans(message)
    assert not set(outside) & set("<>!$*\\\n\x00"), (message, outside)
    for span in spans:
        assert "\n" not in span and "\x00" not in span
    if quoted is not None:
        for text in quoted:
            assert as_quoted(text) in spans or not text.strip(), (text, spans, message)


def lecture_after(steps: int, lr: float = 0.1) -> tuple[list[float], float, float]:
    """(w, b, z) of the lecture's example (x = (1, 2), y = 1, w = (0.5, 0.25), b = 0) after `steps`
    cross-entropy steps, from the recurrence on z alone: dz = a − 1 = −σ(−z), so every step adds
    α·σ(−z) to b, α·x_i·σ(−z) to w_i, and α·σ(−z)·(x1² + x2² + 1) = 6α·σ(−z) to z."""
    z, total = 1.0, 0.0
    for _ in range(steps):
        pull = sigma(-z)
        total += pull
        z += 6 * lr * pull
    return [0.5 + lr * total, 0.25 + 2 * lr * total], lr * total, z


def merged(base: object, patch: object) -> object:
    """`patch` merged into `base` as the page merges a figure's layout for its width
    (components/.../figure.js `merged`): dicts entry by entry, a list of dicts as long as the list it
    patches item by item, anything else replaced whole."""
    if isinstance(patch, list):
        items = isinstance(base, list) and len(base) == len(patch) and all(isinstance(p, dict) for p in patch)
        return [merged(b, p) for b, p in zip(base, patch, strict=True)] if items else patch
    if not isinstance(patch, dict) or not isinstance(base, dict):
        return patch
    return {**base, **{k: merged(base.get(k), v) for k, v in patch.items()}}


def arranged_layouts(spec: dict) -> list[dict]:
    """Each of a spec's `variants` as the page draws it: the layout sent with the variant merged in."""
    return [merged(spec["layout"], v["layout"]) for v in spec["variants"]]


def press(at, kind: str):
    """Press the lesson head's button `kind` (step, steps, undo, back, next) as its component sends it
    (the next op number, in the message its callback keeps), and run the page."""
    seq = at.session_state["lesson_seq"] + 1 if "lesson_seq" in at.session_state else 1
    at.session_state["lesson_inbox"] = {"ops": [{"seq": seq, "kind": kind}]}
    return at.run()


def head(at) -> dict:
    """The lesson head's own fields: phase, limit, where (per phase), taken, undo, take, acked."""
    return charts(at)[0]["head"]


def formula(at) -> str | None:
    """The MathML of the formula the head shows now (None before the first phase)."""
    lesson, phase = charts(at)[0]["lesson"], head(at)["phase"]
    return lesson["walks"]["0"]["formulas"][phase - 1] if phase else None


def where(at) -> str:
    """The line under the lesson's buttons, as the head shows it (markdown: **bold** only)."""
    fields = head(at)
    return f"{fields['where'][fields['phase']]} {fields['taken']}"

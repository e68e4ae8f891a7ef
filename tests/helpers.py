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
    return [json.loads(c.proto.bytes) for c in at.get("bidi_component")]


def node_texts(fig: dict) -> tuple[list[str], list[str]]:
    """(forward texts, backward texts) of the graph traces 3 and 4."""
    return fig["data"][3]["text"], fig["data"][4]["text"]


def failures(at) -> list[str]:
    """Sections of the page that failed (each shows a short error instead of its content)."""
    return [e.value for e in at.error if "could not be drawn" in e.value]

"""What a live chart receives: a figure as UTF-8 JSON bytes, with its plotly.js config.

Pure (no Streamlit): a cache may keep the bytes and hand them to every session.
"""

from __future__ import annotations

import base64
import gzip
import json
import os
from pathlib import Path

import numpy as np
import orjson
import plotly
import plotly.graph_objects as go
import plotly.io as pio

# plotly.js's typed arrays (its documented `{dtype, bdata, shape}` form), by numpy dtype
TYPED = {"f8": "f8", "f4": "f4", "i4": "i4", "u4": "u4", "i2": "i2", "u2": "u2", "i1": "i1", "u1": "u1"}
INT32 = np.iinfo(np.int32)


def plotly_js_path() -> Path:
    """The plotly.min.js that plotly.py ships and embeds in the HTML files it writes."""
    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def install_plotly_js(target: Path) -> bool:
    """Write plotly.py's plotly.min.js, gzipped, to `target` unless it already holds it; True if written.

    The page fetches that file as it is, so the server never compresses a 4.8 MB script for a page."""
    source = plotly_js_path().read_bytes()
    try:
        if gzip.decompress(target.read_bytes()) == source:
            return False
    except (OSError, EOFError):  # absent, or not a whole gzip file
        pass
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")  # servers starting at once never
    partial.write_bytes(gzip.compress(source, compresslevel=9, mtime=0))  # serve a half-written file
    os.replace(partial, target)
    return True


def typed_array(values: np.ndarray) -> dict | list:
    """A numpy array as plotly.js reads it: base64 bytes with their type (and shape past one axis).
    plotly.js has no 64-bit integers: those become 32-bit when they fit, floats when they do not."""
    if values.dtype.kind in "iu" and values.dtype.itemsize == 8:
        fits = values.size == 0 or (INT32.min <= values.min() and values.max() <= INT32.max)
        values = values.astype(np.int32 if fits else np.float64)
    code = TYPED.get(values.dtype.str.lstrip("<|="))
    if code is None or values.dtype.byteorder == ">" or values.size == 0:
        return values.tolist()
    spec: dict = {"dtype": code, "bdata": base64.b64encode(np.ascontiguousarray(values).tobytes()).decode("ascii")}
    if values.ndim > 1:
        spec["shape"] = ", ".join(str(n) for n in values.shape)  # as plotly.py writes it
    return spec


def plain(value):
    """orjson's fallback: numpy arrays as typed arrays, numpy scalars and plotly objects as JSON."""
    if isinstance(value, np.ndarray):
        return typed_array(value)
    if isinstance(value, np.generic):
        return value.item()
    if hasattr(value, "to_plotly_json"):
        return value.to_plotly_json()
    raise TypeError(f"cannot send {type(value).__name__} to the browser")


def figure_payload(
    fig: go.Figure | dict,
    config: dict | None = None,
    click_axes: tuple[str, str] | None = None,
    description: str | None = None,
) -> bytes:
    """The bytes a live chart receives: the figure's JSON ({data, layout, frames}) with the chart's
    config, with `click_axes` which axes a click reports from, and with `description` the chart's
    text alternative (plain text, what a screen reader reads in place of the figure). `fig` may be a
    go.Figure or the same figure as plain dicts; numpy arrays go as plotly.js's typed arrays either way."""
    if isinstance(fig, dict):
        text = orjson.dumps(fig, default=plain).decode()
    else:
        text = pio.to_json(fig, validate=False, engine="orjson")
    head: dict = {"config": config or {}}
    if click_axes is not None:
        head["click"] = dict(zip(("x", "y"), click_axes, strict=True))
    if description is not None:
        head["description"] = description
    return (json.dumps(head)[:-1] + "," + text[1:]).encode()


def with_head(payload: bytes, **fields) -> bytes:
    """`payload` (from `figure_payload`) with more of the chart's own fields, e.g. the frame to show,
    without serialising the figure again: a cached payload stays shared, the few bytes differ."""
    if not fields:
        return payload
    return (json.dumps(fields)[:-1] + ",").encode() + payload[1:]

"""Exports: the CSV reads back to the history, the HTML plays offline, the PNG is a PNG or a clear message."""

import builtins
import csv
import io
import math
import re

import numpy as np
import pytest

from logreg_viz import descend
from logreg_viz.export import ExportUnavailableError, animation_html, figure_png, history_csv
from logreg_viz.figures import make_animation_figure


def test_csv_rows_read_back_to_the_history_exactly():
    h = descend([1.0, 2.0], 1.0, [0.5, 0.25], 0.0, lr=0.1, steps=7)
    rows = list(csv.DictReader(io.StringIO(history_csv(h))))
    assert len(rows) == 8 and list(rows[0])[:4] == ["step", "w1", "w2", "b"]
    for k, row in enumerate(rows):
        assert float(row["w1"]) == h.w[k, 0] and float(row["b"]) == h.b[k] and float(row["dz"]) == h.dz[k]
        assert float(row["dw2"]) == 2.0 * h.dz[k]  # dw2 = x2·dz, by the lecture's rule
    # the first row by hand: z = 1, a = σ(1), L = −log a
    a = 1 / (1 + math.exp(-1))
    assert float(rows[0]["a"]) == pytest.approx(a, rel=1e-15) and float(rows[0]["L"]) == pytest.approx(-math.log(a))


def test_csv_writes_overflow_as_inf_never_nan():
    h = descend([1000.0, 2000.0], 0.0, [0.5, 0.25], 0.0, lr=1e306, steps=3)
    text = history_csv(h)
    assert "inf" in text and "nan" not in text.lower()
    assert list(csv.DictReader(io.StringIO(text)))[2]["diverged"] == "1"


def test_html_is_self_contained_and_animates():
    h = descend([1.0, 2.0], 1.0, [0.5, 0.25], 0.0, lr=0.1, steps=20)
    html = animation_html(make_animation_figure(h), "lesson <1>")
    assert "<title>lesson &lt;1&gt;</title>" in html
    assert not re.search(r"<script[^>]+src=", html)  # plotly.js is inside, nothing is fetched
    assert "Plotly.addFrames" in html or '"frames"' in html
    assert len(re.findall(r'"name":\s*"\d+"', html)) >= 21


def test_png_is_a_png_or_a_clear_message(monkeypatch):
    h = descend([1.0, 2.0], 1.0, [0.5, 0.25], 0.0, lr=0.1, steps=3)
    fig = make_animation_figure(h)
    real_import = builtins.__import__

    def no_kaleido(name, *args, **kwargs):
        if name == "kaleido":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(builtins, "__import__", no_kaleido)
        with pytest.raises(ExportUnavailableError, match="pip install kaleido"):
            figure_png(fig)
    png = figure_png(fig, width=640)  # kaleido and Chromium are installed by scripts/test.sh
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000
    assert np.frombuffer(png[16:20], ">u4")[0] == 640  # the width in the IHDR chunk

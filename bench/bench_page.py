"""What one rerun of the page costs on the server, default view, K = 100: build time and bytes.

A widget change rebuilds the history, the graph, the animation and the 3-D surface (nothing is cached
for a new state), then serialises them as Streamlit does (plotly.io.to_json). Prints a table with the
targets beside the measurements and writes bench/results/page.json.

    python bench/bench_page.py
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import plotly.io as pio  # noqa: E402

from logreg_viz import descend, forward_backward  # noqa: E402
from logreg_viz.figures import make_animation_figure, make_graph_figure, make_surface_figure  # noqa: E402

REPEATS = 30


def one_rerun(w1: float) -> tuple[float, int]:
    start = time.perf_counter()
    x, y, w, b = [1.0, 2.0], 1.0, [w1, 0.25], 0.0
    history = descend(x, y, w, b, lr=0.1, steps=100)
    figures = [
        make_graph_figure(forward_backward(x, y, w, b).graph),
        make_animation_figure(history),
        make_surface_figure(history),
    ]
    size = sum(len(pio.to_json(f, validate=False).encode()) for f in figures)
    return time.perf_counter() - start, size


def main() -> None:
    one_rerun(0.5)  # imports and first-call costs are not what a widget change pays
    times, sizes = [], []
    for i in range(REPEATS):
        t, size = one_rerun(0.5 + 0.01 * (i + 1))  # a new state each time: no cache can help
        times.append(t)
        sizes.append(size)
    times.sort()
    rows = [
        (
            "server build + serialise per rerun (p50)",
            f"{statistics.median(times) * 1e3:.1f} ms",
            "≤ 50 ms",
            statistics.median(times) <= 0.050,
        ),
        ("server build + serialise per rerun (p90)", f"{times[int(0.9 * len(times))] * 1e3:.1f} ms", "—", True),
        ("figure bytes per rerun, K = 100", f"{max(sizes) / 1024:.1f} KB", "≤ 120 KB", max(sizes) <= 120 * 1024),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'what':<{width}} | {'measured':>10} | {'target':>9} | ok")
    for what, measured, target, ok in rows:
        print(f"{what:<{width}} | {measured:>10} | {target:>9} | {'yes' if ok else 'NO'}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "page.json").write_text(json.dumps({"times_s": times, "bytes": sizes}, indent=1))


if __name__ == "__main__":
    main()

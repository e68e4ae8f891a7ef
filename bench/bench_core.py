"""Benchmark the core package against its latency targets.

    python bench/bench_core.py            # prints the table, writes bench/results/core.json
    python bench/bench_core.py --strict   # same, and exits 1 if a median misses its target

Each case is timed call by call with time.perf_counter after a warm-up; the table shows the median and the
90th percentile over all repetitions, the target, and the median as a fraction of the target.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from logreg_viz import descend, forward_backward, loss_grid  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "core.json"

X, Y, W, B = [1.0, 2.0], 1.0, [0.5, -0.3], 0.1


def plain_loop(x, y, w, b, lr, steps):
    """The loop a reader of the lecture would write for K steps on one example, in plain floats,
    keeping each row's z and parameters: the yardstick `descend` is held to."""
    x1, x2 = x
    w1, w2 = w
    rows = []
    for _ in range(steps + 1):
        z = w1 * x1 + w2 * x2 + b
        a = 1.0 / (1.0 + math.exp(-z))
        dz = a - y
        rows.append((z, w1, w2, b))
        w1, w2, b = w1 - lr * x1 * dz, w2 - lr * x2 * dz, b - lr * dz
    return rows


LOOP = "plain float loop K=1000 n=2 (a reader's, the yardstick)"


def cases() -> list[tuple[str, Callable[[], object], float, int]]:
    """(what, call, target in seconds, repetitions); a target of None is the plain loop's median."""
    return [
        (LOOP, lambda: plain_loop(X, Y, W, B, 0.5, 1000), 5e-3, 300),
        ("descend K=1000 n=2 (z-recurrence)", lambda: descend(X, Y, W, B, lr=0.5, steps=1000), None, 600),
        (
            "descend K=1000 n=2, y=0.75 α=3 (overshoots: step by step)",
            lambda: descend(X, 0.75, W, B, lr=3.0, steps=1000),
            5e-3,
            100,
        ),
        (
            "loss_grid 200×200 single example",
            lambda: loss_grid(X, Y, W, B, 0, 1, (-3.0, 3.0), (-3.0, 3.0), points=200),
            5e-3,
            300,
        ),
        ("forward_backward full graph (expanded)", lambda: forward_backward(X, Y, W, B, view="expanded"), 200e-6, 3000),
        ("forward_backward full graph (lecture)", lambda: forward_backward(X, Y, W, B, view="lecture"), 200e-6, 3000),
    ]


def measure(call: Callable[[], object], repetitions: int, warmup: int = 20) -> list[float]:
    for _ in range(warmup):
        call()
    times = []
    for _ in range(repetitions):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return times


def measure_pairs(first: Callable[[], object], second: Callable[[], object], repetitions: int, warmup: int = 20):
    """Both calls timed in turn, `repetitions` times each: (first's times, second's times)."""
    for _ in range(warmup):
        first()
        second()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repetitions):
        for call, out in ((first, times[0]), (second, times[1])):
            start = time.perf_counter()
            call()
            out.append(time.perf_counter() - start)
    return times


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def shown(seconds: float) -> str:
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.3f} ms"
    return f"{seconds * 1e6:.1f} µs"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="exit 1 if a median misses its target")
    parser.add_argument("--out", type=Path, default=RESULTS, help=f"JSON output (default {RESULTS})")
    args = parser.parse_args(argv)

    rows = []
    loop = None
    listed = cases()
    # the yardstick and descend are timed call by call in turn, so a noisy moment costs both alike;
    # descend's target is the loop's median, and the table adds the median of the pairs' ratios
    (_, yardstick, _, _), (_, recurrence, _, repetitions) = listed[0], listed[1]
    paired = measure_pairs(yardstick, recurrence, repetitions)
    for what, call, target, repetitions in listed:
        times = paired[0] if what == LOOP else paired[1] if call is recurrence else measure(call, repetitions)
        median = statistics.median(times)
        if what == LOOP:
            loop = median
        target = loop if target is None else target
        rows.append(
            {
                "what": what,
                "median_s": median,
                "p90_s": percentile(times, 90),
                "target_s": target,
                "ratio": median / target,
                "ok": median <= target,
                "repetitions": len(times),
            }
        )
        if call is recurrence:
            rows[-1]["paired_ratio_median"] = statistics.median(b / a for a, b in zip(*paired, strict=True))

    header = ("what", "median", "p90", "target", "ok")
    table = [
        (
            r["what"],
            shown(r["median_s"]),
            shown(r["p90_s"]),
            shown(r["target_s"]),
            f"{'yes' if r['ok'] else 'NO'} ({r['ratio']:.2f}× target"
            + (f"; paired {r['paired_ratio_median']:.2f}×)" if "paired_ratio_median" in r else ")"),
        )
        for r in rows
    ]
    widths = [max(len(h), *(len(t[k]) for t in table)) for k, h in enumerate(header)]
    line = " | ".join(h.ljust(widths[k]) for k, h in enumerate(header))
    print(line)
    print("-+-".join("-" * w for w in widths))
    for t in table:
        print(" | ".join(cell.ljust(widths[k]) for k, cell in enumerate(t)))

    args.out.parent.mkdir(parents=True, exist_ok=True)
    meta = {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "machine": platform.machine(),
        "platform": platform.platform(),
        "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    args.out.write_text(json.dumps({"meta": meta, "results": rows}, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 1 if args.strict and not all(r["ok"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())

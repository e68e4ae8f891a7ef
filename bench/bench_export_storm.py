"""Does one student's export slow another's Step? Measured in headless Chromium on this machine.

    python bench/bench_export_storm.py [--repeats 20] [--exporters 8] [--no-pin]

One fresh server. A stepping page clicks Step `repeats` times on a quiet server, then again while
`exporters` other pages export without pause: the PNG of the graph (the chart's camera button, made
in that page's browser), the history as CSV and the animation as HTML. Prints Step → graph updated
(median, p95) for both phases beside the target (the storm's within noise of the quiet figure), how
many exports were made, the server's CPU in each phase and the processes it started (none may be).

The server and the stepping page's browser share core 0; the exporters' browser runs on core 1, as
students' browsers run on their own laptops (--no-pin puts everything on both cores).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import VIEWPORT, launch, open_page, streamlit_server, wait_idle  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from logreg_viz import descend  # noqa: E402
from logreg_viz.display import fmt  # noqa: E402

STEP_BUTTON = re.compile(r"^Step(\s|$)")
STAMP_INPUT_JS = """() => document.addEventListener('click', () => { window.__t0 = performance.now(); }, true)"""
GRAPH_SHOWS_JS = """(t) => {
  const gd = document.querySelector('.live-chart.js-plotly-plot');
  const done = gd && [...gd.querySelectorAll('.textpoint text')].some(e => e.textContent === t);
  return done ? (performance.now() - window.__t0) / 1000 : false;
}"""


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found |= {int(k) for k in (task / "children").read_text().split()}
    return found


def steps(page, start: int, repeats: int) -> list[float]:
    """Step `repeats` times from step `start`; the time from each click to the graph's new w1."""
    history = descend([1.0, 2.0], 1.0, [0.5, 0.25], 0.0, lr=0.1, steps=start + repeats)
    button = page.get_by_role("button", name=STEP_BUTTON)
    times = []
    for k in range(start + 1, start + repeats + 1):
        button.click()
        done = page.wait_for_function(GRAPH_SHOWS_JS, arg=f"w1 = {fmt(history.w[k, 0])}", polling="raf", timeout=60_000)
        times.append(done.json_value())
        wait_idle(page)
        time.sleep(0.3)  # a student reads between clicks
    return times


def export_storm(url: str, pages: int, stop_file: str, count_file: str) -> None:
    """The exporters' loop (run in a process of its own): every page exports, round and round, until told to stop."""
    with sync_playwright() as p:
        browser = launch(p)
        tabs = []
        for _ in range(pages):
            ctx = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
            page = open_page(ctx, url)
            page.get_by_text("Export: history as CSV").click()
            tabs.append(page)
        Path(count_file).write_text("0")
        made = 0
        while not Path(stop_file).exists():
            for page in tabs:
                for kind in ("png", "csv", "html"):
                    export(page, kind)
                    made += 1
                Path(count_file).write_text(str(made))
        browser.close()


def export(page, kind: str) -> None:
    """One export as a student makes it, waited for until the whole file has arrived."""
    graph = page.locator(".live-chart.js-plotly-plot").first
    if kind == "png":
        graph.hover()
        button = graph.get_by_role("button", name=re.compile("Download plot as a png", re.I))
    else:
        button = page.get_by_role(
            "button", name="History (CSV)" if kind == "csv" else "Animation (HTML, plays offline)"
        )
    with page.expect_download(timeout=60_000) as info:
        button.click()
    info.value.path()


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--exporters", type=int, default=8)
    parser.add_argument("--no-pin", action="store_true")
    parser.add_argument("--storm", nargs=3, metavar=("URL", "STOP", "COUNT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.storm:
        export_storm(args.storm[0], args.exporters, args.storm[1], args.storm[2])
        return
    pin = not args.no_pin and len(os.sched_getaffinity(0)) >= 2
    if pin:
        os.sched_setaffinity(0, {0})  # the server and the stepping browser inherit core 0
    stop, count = Path("/tmp/logreg-storm-stop"), Path("/tmp/logreg-storm-count")
    stop.unlink(missing_ok=True)
    count.unlink(missing_ok=True)
    with streamlit_server() as (url, proc), sync_playwright() as p:
        browser = launch(p)
        page = open_page(browser, url)
        page.evaluate(STAMP_INPUT_JS)
        cpu0 = cpu_seconds(proc.pid)
        quiet = steps(page, 0, args.repeats)
        quiet_cpu = cpu_seconds(proc.pid) - cpu0
        command = [sys.executable, __file__, "--exporters", str(args.exporters), "--storm", url, str(stop), str(count)]
        storm = subprocess.Popen(["taskset", "-c", "1", *command] if pin else command)
        while not count.exists():  # every exporting page open and exporting
            if storm.poll() is not None:
                raise SystemExit("the exporting pages failed to start")
            time.sleep(0.2)
        spawned: set[int] = set()
        cpu0, made0 = cpu_seconds(proc.pid), int(count.read_text() or 0)
        start = time.monotonic()
        busy = steps(page, args.repeats, args.repeats)
        spawned |= children(proc.pid)
        busy_cpu, seconds = cpu_seconds(proc.pid) - cpu0, time.monotonic() - start
        made = int(count.read_text() or 0) - made0
        stop.write_text("stop")
        storm.wait(timeout=120)
        browser.close()
    ratio = pct(busy, 0.95) / pct(quiet, 0.95)
    print(
        f"Step → graph updated, {args.repeats} clicks each "
        + ("(the server and this page on core 0, the exporters on core 1):" if pin else "(nothing pinned):")
    )
    print(f"{'phase':<34} {'p50 s':>7} {'p95 s':>7} {'server CPU s':>13}  target")
    print(f"{'quiet server':<34} {pct(quiet, 0.5):>7.3f} {pct(quiet, 0.95):>7.3f} {quiet_cpu:>13.2f}  Step ≤ 0.25 s")
    print(
        f"{f'{args.exporters} pages exporting meanwhile':<34} {pct(busy, 0.5):>7.3f} {pct(busy, 0.95):>7.3f} "
        f"{busy_cpu:>13.2f}  p95 within noise of quiet"
    )
    print(
        f"\np95 storm / quiet: {ratio:.2f}; exports made during the storm: {made} in {seconds:.0f} s "
        f"(PNG, CSV, HTML in turn); processes the server started: {len(spawned)} (target 0)"
    )
    print(f"median over both phases: quiet {statistics.median(quiet):.3f} s, storm {statistics.median(busy):.3f} s")


if __name__ == "__main__":
    main()

"""What a user waits for, measured in headless Chromium on this machine (a script, not a test).

    python bench/bench_browser.py [--repeats 20] [--modes explore|all|nudge,dataset,…]

Starts a fresh server (with LOGREG_VIZ_TIMING=1 so it logs its script time per rerun), then, for
≥ 20 repetitions each: a widget change until every chart shows the new state, a Step click until
the graph's numbers change, the animation's frames per second when Play is clicked, the bytes the
server sends for one rerun, and a fresh page until its first chart is visible. Prints medians and
spread beside the targets and writes bench/results/browser.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import threading
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import VALUES_JS, VIEWPORT, launch, open_page, streamlit_server, wait_idle  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from logreg_viz import descend  # noqa: E402
from logreg_viz.display import fmt  # noqa: E402

STEP_BUTTON = re.compile(r"^Step(\s|$)")  # the name ends with its shortcut key
START = ([1.0, 2.0], 1.0, [0.5, 0.25], 0.0)
# The page's charts in page order: the lesson first (the graph and the run it plays), then a mode's
# own charts, if any, then the 3-D surface, always the last.
CHARTS_JS = """const live = [...document.querySelectorAll('.live-chart.js-plotly-plot')];
  const graph = live[0], animation = live[0], surface = live[live.length - 1];"""
ALL_UPDATED_JS = """([w1text, w1]) => {
  CHARTS
  if (live.length < 2) return false;
  const has = (gd) => [...gd.querySelectorAll('.textpoint text')].some(e => e.textContent === w1text);
  VALUES
  const path = (surface.data || []).find(t => t.name === 'path');
  const done = has(graph) && has(animation) && path && Math.abs(values(path.x)[0] - w1) < 1e-4;
  return done ? (performance.now() - window.__t0) / 1000 : false;
}""".replace("CHARTS", CHARTS_JS).replace("VALUES", VALUES_JS)
# Every chart notes the first frame after Plotly last finished drawing it, so a mode's own chart counts too.
WATCH_DRAWS_JS = """() => document.querySelectorAll('.live-chart.js-plotly-plot').forEach(gd => {
  if (gd.__watched) return;
  gd.__watched = true;
  gd.on('plotly_afterplot', () => requestAnimationFrame(() => { gd.__drawn = performance.now(); }));
})"""
LAST_DRAW_JS = """() => Math.max(0, ...[...document.querySelectorAll('.live-chart.js-plotly-plot')]
  .map(gd => (gd.__drawn || 0) - window.__t0)) / 1000"""
GRAPH_SHOWS_JS = """(t) => {
  const gd = document.querySelector('.live-chart.js-plotly-plot');
  const done = gd && [...gd.querySelectorAll('.textpoint text')].some(e => e.textContent === t);
  return done ? (performance.now() - window.__t0) / 1000 : false;
}"""


# The clock starts when the browser receives the user's input (a keydown or a click reaching the
# document), not when Playwright begins its own actionability checks before sending it.
STAMP_INPUT_JS = """() => { for (const type of ['keydown', 'click'])
  document.addEventListener(type, () => { window.__t0 = performance.now(); }, true); }"""


class CountingProxy:
    """A loopback TCP proxy in front of the server that counts the bytes it sends to the browser:
    what a rerun costs on the wire, after the websocket's own compression."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.down = 0
        self.port = 0
        self._ready = threading.Event()
        threading.Thread(target=lambda: asyncio.run(self._serve()), daemon=True).start()
        self._ready.wait(10)

    async def _pipe(self, reader, writer, count: bool) -> None:
        try:
            while data := await reader.read(65536):
                if count:
                    self.down += len(data)
                writer.write(data)
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def _handle(self, client_reader, client_writer) -> None:
        server_reader, server_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        await asyncio.gather(
            self._pipe(client_reader, server_writer, False), self._pipe(server_reader, client_writer, True)
        )

    async def _serve(self) -> None:
        server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        async with server:
            await server.serve_forever()


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


MODES = {
    "explore": "",
    "nudge": "mode=nudge",
    "compare_losses": "mode=compare_losses",
    "compare_runs": "mode=compare_runs&runs=10@3;20@0.05",
    "dataset": "mode=dataset&data=overlapping",
    "presenter": "presenter=1",
}


def measure(repeats: int, query: str) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {
        k: []
        for k in ("widget", "widget_shown", "step", "fps", "gap", "bytes", "wire_bytes", "script_ms", "cpu_ms", "first")
    }
    with streamlit_server({"LOGREG_VIZ_TIMING": "1"}) as (server, proc):
        url = f"{server}/?{query}" if query else server
        script_ms: list[float] = []
        cpu_ms: list[float] = []

        def read_log() -> None:
            for line in iter(proc.stdout.readline, b""):
                found = re.search(rb"script_ms=([\d.]+) cpu_ms=([\d.]+)", line)
                if found:
                    script_ms.append(float(found.group(1)))
                    cpu_ms.append(float(found.group(2)))

        threading.Thread(target=read_log, daemon=True).start()
        with sync_playwright() as p:
            browser = launch(p)

            # page open → first chart visible, each in a fresh context (nothing cached, as a new student)
            for _ in range(repeats):
                context = browser.new_context(viewport=VIEWPORT)
                page = context.new_page()
                page.goto(url)
                handle = page.wait_for_function(
                    "() => document.querySelector('.live-chart.js-plotly-plot .textpoint text')"
                    " ? performance.now() : false",
                    polling="raf",
                    timeout=60_000,
                )
                results["first"].append(handle.json_value() / 1000)
                context.close()

            proxy = CountingProxy(int(server.rsplit(":", 1)[1]))
            page = open_page(browser, url.replace(server, f"http://127.0.0.1:{proxy.port}"))
            received: list[int] = []
            page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: received.append(len(payload))))
            page.reload()
            wait_idle(page)
            page.wait_for_function(
                "document.querySelectorAll('.live-chart.js-plotly-plot').length >= 2", timeout=30_000
            )
            page.wait_for_timeout(500)
            page.evaluate(STAMP_INPUT_JS)
            presenter = "presenter=1" in query
            if presenter:  # the controls are folded away: open the sidebar to reach the field
                page.locator('[data-testid="stExpandSidebarButton"]').click()
                page.wait_for_timeout(500)

            # widget change → every chart updated; bytes and server time of that rerun. Always a new
            # state (w1 goes up by 0.1 each time), so no cache on either side can help.
            field = page.locator(".st-key-w1 input")
            w1 = 0.5
            for _ in range(repeats):
                key, w1 = "ArrowUp", round(w1 + 0.1, 10)
                field.focus()
                page.evaluate(WATCH_DRAWS_JS)
                received.clear()
                logged, wire = len(script_ms), proxy.down
                field.press(key)
                target = [f"w1 = {fmt(w1)}", w1]
                shown = page.wait_for_function(ALL_UPDATED_JS, arg=target, polling="raf", timeout=30_000)
                results["widget_shown"].append(shown.json_value())
                wait_idle(page)
                page.wait_for_timeout(250)
                results["widget"].append(page.evaluate(LAST_DRAW_JS))  # the last chart to finish drawing
                results["bytes"].append(sum(received))
                results["wire_bytes"].append(proxy.down - wire)
                results["script_ms"] += script_ms[logged:]
                results["cpu_ms"] += cpu_ms[logged:]

            # Step click → graph numbers updated
            page.goto(url)
            wait_idle(page)
            page.wait_for_function(
                "document.querySelectorAll('.live-chart.js-plotly-plot').length >= 2", timeout=30_000
            )
            page.evaluate(STAMP_INPUT_JS)
            history = descend(*START, lr=0.1, steps=repeats)
            button = page.get_by_role("button", name=STEP_BUTTON)
            for k in range(1, repeats + 1):
                button.click()
                done = page.wait_for_function(
                    GRAPH_SHOWS_JS, arg=f"w1 = {fmt(history.w[k, 0])}", polling="raf", timeout=30_000
                )
                results["step"].append(done.json_value())
                wait_idle(page)

            # animation frames per second: the figure's own Play button, its own frame duration. The
            # rate runs from the first frame to the last one shown (plotly_animated comes one frame
            # duration after the last frame: counting to it made a steady 30 fps read 29.8); the
            # longest gap between two frames shows any stutter the rate would average away.
            page.goto(url)
            wait_idle(page)
            page.wait_for_function(
                "document.querySelectorAll('.live-chart.js-plotly-plot').length >= 2", timeout=30_000
            )
            page.evaluate("""() => { const live = document.querySelectorAll('.live-chart.js-plotly-plot');
                const gd = window.__animation = live[0];
                window.__shown = []; window.__done = null;
                gd.on('plotly_animatingframe', () => { window.__shown.push(performance.now()); });
                gd.on('plotly_animated', () => { window.__done = performance.now(); }); }""")
            chart = page.locator(".live-chart.js-plotly-plot").nth(0)
            for _ in range(repeats):
                page.evaluate(  # back to frame 0, drawn whole (as the slider does)
                    "Plotly.animate(window.__animation, ['0'], {mode: 'immediate', frame: {duration: 0, redraw: true}})"
                )
                page.wait_for_timeout(250)
                page.evaluate("window.__shown = []; window.__done = null")
                chart.locator("g.updatemenu-button", has_text="Play").click()
                page.wait_for_function("window.__done !== null", timeout=60_000)
                shown = page.evaluate("window.__shown")
                results["fps"].append((len(shown) - 1) / ((shown[-1] - shown[0]) / 1000))
                results["gap"].append(max(b - a for a, b in pairwise(shown)))
            browser.close()
    return results


def table(r: dict[str, list[float]]) -> list[tuple[str, str, str, bool]]:
    return [
        (
            "widget change → every chart updated",
            f"{pct(r['widget'], 0.5):.3f} s / {pct(r['widget'], 0.95):.3f} s",
            "≤ 0.25 s / ≤ 0.5 s",
            pct(r["widget"], 0.5) <= 0.25 and pct(r["widget"], 0.95) <= 0.5,
        ),
        (
            "Step click → graph numbers updated (p50)",
            f"{pct(r['step'], 0.5):.3f} s (p95 {pct(r['step'], 0.95):.3f})",
            "≤ 0.25 s",
            pct(r["step"], 0.5) <= 0.25,
        ),
        (
            "animation frames per second, K = 100",
            f"{pct(r['fps'], 0.5):.1f} ({min(r['fps']):.1f}–{max(r['fps']):.1f}); longest gap {max(r['gap']):.0f} ms",
            "≥ 30",
            pct(r["fps"], 0.5) >= 30,
        ),
        (
            "bytes sent for one rerun, K = 100 (wire)",
            f"{pct(r['wire_bytes'], 0.5) / 1024:.1f} KB (max {max(r['wire_bytes']) / 1024:.1f})",
            "≤ 120 KB",
            pct(r["wire_bytes"], 0.5) <= 120 * 1024,
        ),
        (
            "  the same before websocket compression",
            f"{pct(r['bytes'], 0.5) / 1024:.1f} KB (max {max(r['bytes']) / 1024:.1f})",
            "(≤ 120 KB)",
            pct(r["bytes"], 0.5) <= 120 * 1024,
        ),
        (
            "server script time per rerun",
            f"{pct(r['script_ms'], 0.5):.1f} ms (p95 {pct(r['script_ms'], 0.95):.1f})",
            "≤ 50 ms",
            pct(r["script_ms"], 0.5) <= 50,
        ),
        (
            "  of it the script's own CPU (the rest: waiting for a core)",
            f"{pct(r['cpu_ms'], 0.5):.1f} ms (p95 {pct(r['cpu_ms'], 0.95):.1f})",
            "(info)",
            pct(r["cpu_ms"], 0.5) <= 50,
        ),
        (
            "page open → first chart visible",
            f"{pct(r['first'], 0.5):.2f} s ({min(r['first']):.2f}–{max(r['first']):.2f})",
            "≤ 4 s",
            pct(r["first"], 0.5) <= 4,
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--modes", default="explore", help=f"comma-separated, or 'all': {', '.join(MODES)}")
    args = parser.parse_args()
    modes = list(MODES) if args.modes == "all" else args.modes.split(",")
    unknown = [m for m in modes if m not in MODES]
    if unknown:
        parser.error(f"unknown mode(s) {', '.join(unknown)}; choose from {', '.join(MODES)}")
    every: dict[str, dict[str, list[float]]] = {}
    for mode in modes:
        every[mode] = r = measure(max(args.repeats, 1), MODES[mode])
        rows = table(r)
        width = max(len(row[0]) for row in rows)
        print(f"\n## {mode} ({MODES[mode] or 'the default page'})")
        print(f"{'what':<{width}} | {'measured (median, spread)':<32} | {'target':<18} | ok")
        for what, measured, target, ok in rows:
            print(f"{what:<{width}} | {measured:<32} | {target:<18} | {'yes' if ok else 'NO'}", flush=True)
    if len(modes) > 1:
        print("\n## every mode: medians (p95)")
        print(
            "mode           | widget → all charts | Step → graph | fps  | wire KB | script ms     | CPU ms "
            "| first chart"
        )
        for mode, r in every.items():
            print(
                f"{mode:<14} | {pct(r['widget'], 0.5):.3f} s ({pct(r['widget'], 0.95):.3f}) "
                f"| {pct(r['step'], 0.5):.3f} s     | {pct(r['fps'], 0.5):4.1f} "
                f"| {pct(r['wire_bytes'], 0.5) / 1024:7.1f} "
                f"| {pct(r['script_ms'], 0.5):5.1f} ({pct(r['script_ms'], 0.95):5.1f}) "
                f"| {pct(r['cpu_ms'], 0.5):5.1f} "
                f"| {pct(r['first'], 0.5):.2f} s"
            )
        print("targets: widget ≤ 0.25 s p50 / ≤ 0.5 s p95, Step ≤ 0.25 s, fps ≥ 30, ≤ 120 KB, script ≤ 50 ms,")
        print("first chart ≤ 4 s")
    print(f"({max(args.repeats, 1)} repetitions each; machine: {sys.platform}, headless Chromium, software WebGL)")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "browser.json").write_text(json.dumps(every, indent=1))


if __name__ == "__main__":
    main()

"""What a user waits for, measured in headless Chromium on this machine (a script, not a test).

    python bench/bench_browser.py [--repeats 20] [--modes explore|all|nudge,dataset,…]

Starts a fresh server (with LOGREG_VIZ_TIMING=1 so it logs its script time per rerun), then, for
≥ 20 repetitions each: a widget change until every chart shows the new state; Step, Undo, Next and
Back until the lesson shows each (answered in the browser) and until the server's own answer is
drawn; the animation's frames per second when Play is clicked; the bytes the server sends for one
rerun; and a fresh page until its first chart is visible, for the default link and for steps=1000.
Beside it, in the same run: the least Streamlit + Plotly page (bench/least/app.py: one button, two
tiny charts) and TensorFlow Playground built from its public repository with npm (bench/playground.py;
--no-playground leaves it out). Prints medians and p95 beside the targets and writes
bench/results/browser.json.
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
sys.path.insert(0, str(ROOT / "bench"))

from browser_support import VALUES_JS, VIEWPORT, launch, open_page, streamlit_server, wait_idle  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402
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


# A watcher started before a press: the time of the first display frame where `shown` holds (a JS
# expression; graph(t): the lesson's graph shows text t; where(): the line under its buttons).
WATCH_JS = """(shown) => {
  window.__hit = null;
  const graph = (t) => [...document.querySelectorAll('.lesson-chart .textpoint text')].some((e) => e.textContent === t);
  const where = () => (document.querySelector('.lesson-where') || {}).textContent || '';
  const test = new Function('graph', 'where', `return (${shown});`);
  const loop = () => {
    if (test(graph, where)) window.__hit = performance.now();
    else requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
}"""
# The server's answer to the presses is drawn: nothing pending, a payload newer than `drawn`.
ANSWERED_JS = """(drawn) => { const h = document.querySelector('.lesson-head');
  const done = h && h.dataset.pending === '0' && Number(h.dataset.drawn) > drawn;
  return done ? (performance.now() - window.__t0) / 1000 : false; }"""


def first_chart(browser, url: str, selector: str) -> float:
    """Seconds from opening `url` in a fresh context (nothing cached) to the first frame showing `selector`."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.goto(url)
    handle = page.wait_for_function(
        f"() => document.querySelector({json.dumps(selector)}) ? performance.now() : false",
        polling="raf",
        timeout=60_000,
    )
    seconds = handle.json_value() / 1000
    context.close()
    return seconds


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
        for k in (
            *("widget", "widget_shown", "step", "undo", "next", "back", "round_trip", "fps", "gap", "bytes"),
            *("wire_bytes", "script_ms", "cpu_ms", "first", "first_1000"),
        )
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

            # page open → first chart visible, each in a fresh context (nothing cached, as a new student);
            # the same link with steps=1000 in turn, so a noisy moment costs both alike
            long_run = f"{url}{'&' if '?' in url else '/?'}steps=1000"
            for _ in range(repeats):
                for key, link in (("first", url), ("first_1000", long_run)):
                    results[key].append(first_chart(browser, link, ".live-chart.js-plotly-plot .textpoint text"))

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

            # Step, Undo, Next and Back → the lesson shows it (answered in the browser), then the server's
            # own answer drawn (the round trip, for the record)
            page.goto(url)
            wait_idle(page)
            page.wait_for_selector(".lesson-head[data-drawn]", timeout=30_000)
            page.evaluate(STAMP_INPUT_JS)
            after_step = f"w1 = {fmt(descend(*START, lr=0.1, steps=1).w[1, 0])}"
            presses = [
                ("step", STEP_BUTTON, f"graph('{after_step}')"),
                ("undo", re.compile(r"^Undo(\s|$)"), f"graph('w1 = {fmt(START[2][0])}')"),
                ("next", re.compile(r"^Next ▶"), "where().startsWith('Phase 1 of')"),
                ("back", re.compile(r"^◀ Back"), "where().startsWith('Next walks')"),
            ]
            for _ in range(repeats):
                for kind, name, shown in presses:
                    drawn = page.evaluate("() => Number(document.querySelector('.lesson-head').dataset.drawn)")
                    page.evaluate(WATCH_JS, shown)
                    page.get_by_role("button", name=name).click()
                    page.wait_for_function("window.__hit !== null", timeout=30_000)
                    results[kind].append(page.evaluate("(window.__hit - window.__t0) / 1000"))
                    answered = page.wait_for_function(ANSWERED_JS, arg=drawn, polling="raf", timeout=30_000)
                    results["round_trip"].append(answered.json_value())
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
            page.wait_for_selector('.live-chart[data-frames]:not([data-frames="0"])', timeout=30_000)
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
                try:
                    page.wait_for_function("window.__done !== null", timeout=60_000)
                except PlaywrightTimeout:  # a Play that never started: counted as missed, not as a rate
                    results["missed_plays"] = [*results.get("missed_plays", []), 1]
                    continue
                shown = page.evaluate("window.__shown")
                results["fps"].append((len(shown) - 1) / ((shown[-1] - shown[0]) / 1000))
                results["gap"].append(max(b - a for a, b in pairwise(shown)))
            browser.close()
    return results


LEAST = ROOT / "bench" / "least"  # one button, two tiny charts: the floor of this stack


def measure_least(repeats: int) -> dict[str, list[float]]:
    """The least Streamlit + Plotly page: first chart, and a click until both charts show it."""
    results: dict[str, list[float]] = {"first": [], "step": [], "bytes": []}
    with streamlit_server(workdir=LEAST) as (url, _), sync_playwright() as p:
        browser = launch(p)
        for _ in range(repeats):
            results["first"].append(first_chart(browser, url, ".js-plotly-plot .gtitle"))
        page = browser.new_page(viewport=VIEWPORT)
        received: list[int] = []
        page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: received.append(len(payload))))
        page.goto(url)
        wait_idle(page)
        page.wait_for_function("document.querySelectorAll('.js-plotly-plot .gtitle').length === 2", timeout=30_000)
        page.evaluate(STAMP_INPUT_JS)
        for k in range(1, repeats + 1):
            received.clear()
            titles = "[...document.querySelectorAll('.js-plotly-plot .gtitle')]"
            shown = f"{titles}.filter((e) => e.textContent === 'n = {k}').length === 2"
            page.evaluate(WATCH_JS, shown)
            page.get_by_role("button", name="Step").click()
            page.wait_for_function("window.__hit !== null", timeout=30_000)
            results["step"].append(page.evaluate("(window.__hit - window.__t0) / 1000"))
            wait_idle(page)
            page.wait_for_timeout(100)
            results["bytes"].append(sum(received))
        browser.close()
    return results


def measure_playground(repeats: int) -> dict[str, list[float]] | None:
    """TensorFlow Playground built from its public repository (bench/playground.py), or None."""
    import playground  # bench/playground.py: builds it with npm from a fetched checkout

    dist = playground.build()
    if dist is None:
        return None
    with playground.serve(dist) as url, sync_playwright() as p:
        browser = launch(p)
        try:
            return playground.measure(browser, url, repeats)
        finally:
            browser.close()


def spread(values: list[float], unit: str = "s", digits: int = 3) -> str:
    """Median and p95 of `values` as 'median / p95 unit', or — for none."""
    if not values:
        return "—"
    return f"{pct(values, 0.5):.{digits}f} / {pct(values, 0.95):.{digits}f} {unit}"


def comparison(page: dict, least: dict, play: dict | None) -> list[tuple[str, str, str, str, str, bool]]:
    """(what, this page, least page, Playground, target, met) for the issue's measures."""
    play = play or {}
    first_ok = pct(page["first"], 0.5) <= pct(least["first"], 0.5) + 0.3
    rows = [
        ("Step → graph", spread(page["step"]), spread(least["step"]), spread(play.get("step", [])), "≤ 0.050 s p50"),
        ("Undo → graph", spread(page["undo"]), "—", "—", "≤ 0.050 s p50"),
        ("Next → phase", spread(page["next"]), "—", "—", "≤ 0.050 s p50"),
        ("Back → phase", spread(page["back"]), "—", "—", "≤ 0.050 s p50"),
        ("  the server's answer drawn", spread(page["round_trip"]), "—", "—", "(info)"),
        ("control → every chart", spread(page["widget"]), "—", spread(play.get("control", [])), "≤ 0.150 s p50"),
        (
            "first chart",
            spread(page["first"]),
            spread(least["first"]),
            spread(play.get("first", [])),
            "≤ least + 0.3 s",
        ),
        ("first chart, steps=1000", spread(page["first_1000"]), "—", "—", "≤ steps=100"),
        (
            "frames a second (longest gap)",
            f"{pct(page['fps'], 0.5):.1f} ({max(page['gap'] or [0]):.0f} ms)" if page["fps"] else "—",
            "—",
            f"{pct(play['fps'], 0.5):.1f} ({max(play['gap']):.0f} ms)" if play.get("fps") else "—",
            "≥ 48",
        ),
        (
            "bytes per rerun (page: wire)",
            f"{pct(page['wire_bytes'], 0.5) / 1024:.1f} KB",
            f"{pct(least['bytes'], 0.5) / 1024:.1f} KB",
            f"{pct(play['bytes'], 0.5) / 1024:.0f} KB first load" if play.get("bytes") else "—",
            "(info)",
        ),
    ]
    met = [
        pct(page["step"], 0.5) <= 0.05,
        pct(page["undo"], 0.5) <= 0.05,
        pct(page["next"], 0.5) <= 0.05,
        pct(page["back"], 0.5) <= 0.05,
        True,
        pct(page["widget"], 0.5) <= 0.15,
        first_ok,
        pct(page["first_1000"], 0.5) <= pct(page["first"], 0.5) * 1.05,
        bool(page["fps"]) and pct(page["fps"], 0.5) >= 48,
        True,
    ]
    return [(*row, ok) for row, ok in zip(rows, met, strict=True)]


def table(r: dict[str, list[float]]) -> list[tuple[str, str, str, bool]]:
    return [
        (
            "widget change → every chart updated",
            f"{pct(r['widget'], 0.5):.3f} s / {pct(r['widget'], 0.95):.3f} s",
            "≤ 0.25 s / ≤ 0.5 s",
            pct(r["widget"], 0.5) <= 0.25 and pct(r["widget"], 0.95) <= 0.5,
        ),
        (
            "Step click → graph numbers updated, in the browser (p50)",
            f"{pct(r['step'], 0.5):.3f} s (p95 {pct(r['step'], 0.95):.3f})",
            "≤ 0.05 s",
            pct(r["step"], 0.5) <= 0.05,
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
    parser.add_argument("--no-playground", action="store_true", help="leave TensorFlow Playground out")
    args = parser.parse_args()
    modes = list(MODES) if args.modes == "all" else args.modes.split(",")
    unknown = [m for m in modes if m not in MODES]
    if unknown:
        parser.error(f"unknown mode(s) {', '.join(unknown)}; choose from {', '.join(MODES)}")
    every: dict[str, dict[str, list[float]]] = {}
    if "explore" in modes:  # the floor of this stack, and TensorFlow Playground, in the same run
        every["least"] = least = measure_least(max(args.repeats, 1))
        play = measure_playground(max(args.repeats, 1)) if not args.no_playground else None
        if play is not None:
            every["playground"] = play
    for mode in modes:
        every[mode] = r = measure(max(args.repeats, 1), MODES[mode])
        rows = table(r)
        width = max(len(row[0]) for row in rows)
        print(f"\n## {mode} ({MODES[mode] or 'the default page'})")
        print(f"{'what':<{width}} | {'measured (median, spread)':<32} | {'target':<18} | ok")
        for what, measured, target, ok in rows:
            print(f"{what:<{width}} | {measured:<32} | {target:<18} | {'yes' if ok else 'NO'}", flush=True)
    if "explore" in modes:
        rows = comparison(every["explore"], least, every.get("playground"))
        print("\n## this page beside the least Streamlit + Plotly page and TensorFlow Playground: median / p95")
        header = ("what", "this page", "least page", "Playground", "target", "ok")
        widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(5)]
        for row in [header, *rows]:
            cells = [str(c).ljust(w) for c, w in zip(row[:5], widths, strict=True)]
            ok = row[5] if isinstance(row[5], str) else ("yes" if row[5] else "NO")
            print(" | ".join([*cells, ok]))
        if "playground" not in every:
            print("(TensorFlow Playground: not built here; see bench/playground.py)")
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

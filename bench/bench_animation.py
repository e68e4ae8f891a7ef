"""Animation frames per second in headless Chromium, default view, K = 100 (target ≥ 30).

Starts a fresh server, opens the page, clicks the figure's own ▶ Play button (so its own frame
duration is what is measured) and counts `plotly_animatingframe` events until `plotly_animated`. Prints a table; writes bench/results/animation.json.

    python bench/bench_animation.py
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402
from test_browser import CHROMIUM, FLAGS, open_page, server  # noqa: E402

REPEATS = 5
ARM_JS = """() => {
  const gd = document.querySelectorAll('.js-plotly-plot')[1];
  window.__frames = 0; window.__done = null; window.__start = null;
  gd.on('plotly_animatingframe', () => { if (window.__start === null) window.__start = performance.now();
                                         window.__frames += 1; });
  gd.on('plotly_animated', () => { window.__done = performance.now(); });
}"""


def main() -> None:
    gen = server.__wrapped__() if hasattr(server, "__wrapped__") else server()
    url = next(gen)
    fps = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = open_page(browser, url)
            page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length >= 3", timeout=30_000)
            chart = page.locator('[data-testid="stPlotlyChart"]').nth(1)
            page.evaluate(ARM_JS)  # listeners once; each play below resets the counters
            for _ in range(REPEATS):
                page.evaluate(
                    "Plotly.animate(document.querySelectorAll('.js-plotly-plot')[1], ['0'], "
                    "{mode: 'immediate', frame: {duration: 0, redraw: false}})"
                )
                page.wait_for_timeout(300)
                page.evaluate("window.__frames = 0; window.__start = null; window.__done = null")
                chart.locator("g.updatemenu-button", has_text="Play").click()
                page.wait_for_function("window.__done !== null", timeout=60_000)
                frames, seconds = page.evaluate("[window.__frames, (window.__done - window.__start) / 1000]")
                fps.append((frames - 1) / seconds)
            browser.close()
    finally:
        gen.close()
    median = statistics.median(fps)
    print(f"{'what':<44} | {'measured':>14} | {'target':>7} | ok")
    print(
        f"{'animation frames per second, K = 100 (p50)':<44} | {median:>10.1f} fps | {'≥ 30':>7} | "
        f"{'yes' if median >= 30 else 'NO'}"
    )
    print(f"{'spread over ' + str(REPEATS) + ' plays (min – max)':<44} | {min(fps):.1f} – {max(fps):.1f}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "animation.json").write_text(json.dumps({"fps": fps}, indent=1))


if __name__ == "__main__":
    main()

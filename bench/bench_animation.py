"""Animation frames per second in headless Chromium, default view, K = 100 (target ≥ 20, issue #3).

Starts a fresh server, opens the page, presses Play on the animated figure and counts
`plotly_animatingframe` events for 3 s, several times. Prints a table; writes bench/results/animation.json.

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
COUNT_JS = """async () => {
  const gd = document.querySelectorAll('.js-plotly-plot')[1];
  let frames = 0;
  const onFrame = () => { frames += 1; };
  gd.on('plotly_animatingframe', onFrame);
  await window.Plotly.animate(gd, null, {frame: {duration: 40, redraw: false}, transition: {duration: 0},
                                         mode: 'immediate'}).catch(() => {});
  return frames;
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
            for _ in range(REPEATS):
                start = page.evaluate("performance.now()")
                frames = page.evaluate(COUNT_JS)
                elapsed = (page.evaluate("performance.now()") - start) / 1000
                fps.append(frames / elapsed)
            browser.close()
    finally:
        gen.close()
    median = statistics.median(fps)
    print(f"{'what':<44} | {'measured':>14} | {'target':>7} | ok")
    print(
        f"{'animation frames per second, K = 100 (p50)':<44} | {median:>10.1f} fps | {'≥ 20':>7} | "
        f"{'yes' if median >= 20 else 'NO'}"
    )
    print(f"{'spread over ' + str(REPEATS) + ' plays (min – max)':<44} | {min(fps):.1f} – {max(fps):.1f}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "animation.json").write_text(json.dumps({"fps": fps}, indent=1))


if __name__ == "__main__":
    main()

"""Photograph the explorer in each of its modes for the README (headless Chromium, 1280×720).

python scripts/screenshots.py      # writes docs/screenshot-*.png
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import launch, open_page, streamlit_server  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

VIEWS = {
    "nudge": ("?mode=nudge&eps=0.001", 600),
    "compare-losses": ("?preset=confident_wrong&mode=compare_losses", 900),
    "presenter": ("?presenter=1", 0),
    "quiz": ("?mode=quiz&hide=1", 450),
    "compare-runs": ("?y=0.75&lr=0.5&steps=60&mode=compare_runs&runs=10@3;20@1000", 800),
    "dataset": ("?mode=dataset&data=overlapping&lr=0.5", 800),
}


def main() -> None:
    out = ROOT / "docs"
    out.mkdir(exist_ok=True)
    with streamlit_server() as (url, _), sync_playwright() as p:
        browser = launch(p)
        for name, (query, scroll) in VIEWS.items():
            page = open_page(browser, url + "/" + query, charts=1)
            page.wait_for_timeout(1200)
            if scroll:
                page.locator('[data-testid="stMain"]').hover()
                page.mouse.wheel(0, scroll)
                page.wait_for_timeout(800)
            page.screenshot(path=str(out / f"screenshot-{name}.png"))
            page.close()
            print(f"docs/screenshot-{name}.png")
        browser.close()


if __name__ == "__main__":
    main()

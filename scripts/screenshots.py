"""Photograph the explorer for the README: each mode on a 1280×800 laptop, the lesson on a phone and
on a 1920×1080 projector in presenter mode (headless Chromium).

python scripts/screenshots.py      # writes docs/screenshot-*.png
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import launch, open_page, streamlit_server  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

LAPTOP, PHONE, PROJECTOR = (1280, 800), (375, 740), (1920, 1080)
# name: (query, how far down to scroll, the screen)
VIEWS = {
    "nudge": ("?mode=nudge&eps=0.001", 700, LAPTOP),
    "compare-losses": ("?preset=confident_wrong&mode=compare_losses", 1100, LAPTOP),
    "presenter": ("?presenter=1", 0, PROJECTOR),
    "quiz": ("?mode=quiz", 500, LAPTOP),
    "compare-runs": ("?y=0.75&lr=0.5&steps=60&mode=compare_runs&runs=10@3;20@1000", 1100, LAPTOP),
    "dataset": ("?mode=dataset&data=overlapping&lr=0.5", 1100, LAPTOP),
    "phone": ("", 330, PHONE),
}


def main() -> None:
    out = ROOT / "docs"
    out.mkdir(exist_ok=True)
    with streamlit_server() as (url, _), sync_playwright() as p:
        browser = launch(p)
        for name, (query, scroll, (width, height)) in VIEWS.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            page = open_page(context, url + "/" + query, charts=1)
            page.wait_for_timeout(1200)
            if scroll:
                page.locator('[data-testid="stMain"]').hover()
                page.mouse.wheel(0, scroll)
                page.wait_for_timeout(800)
            page.screenshot(path=str(out / f"screenshot-{name}.png"))
            context.close()
            print(f"docs/screenshot-{name}.png")
        browser.close()


if __name__ == "__main__":
    main()

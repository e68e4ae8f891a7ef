#!/usr/bin/env bash
# Regenerate the README's screenshot from the browser test that photographs the default view.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pytest -q tests/test_browser.py -k "default_view_renders_every_chart" -p no:cacheprovider
cp tests/artifacts/default.png docs/screenshot.png
echo "docs/screenshot.png updated from tests/artifacts/default.png"

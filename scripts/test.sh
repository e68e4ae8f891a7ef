#!/usr/bin/env bash
# Install everything the tests need (Chromium from Debian's packages included), then run them all.
set -euo pipefail
cd "$(dirname "$0")/.."

python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt

if ! command -v chromium >/dev/null 2>&1; then
    echo "Installing Chromium from Debian's packages for the browser tests…"
    if [ "$(id -u)" -ne 0 ]; then
        echo "chromium is missing and this is not root: install it with 'sudo apt-get install -y chromium'" >&2
        exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

# The components' JavaScript: its linter and test runner from the npm registry, at the locked versions
npm ci --prefix components --no-audit --no-fund --loglevel=error

ruff check .
ruff format --check .
npm run --prefix components --silent lint
python -m pytest -q "$@"

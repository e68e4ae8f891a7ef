#!/usr/bin/env bash
# Install everything the tests need (Chromium, redis-server and nginx from Debian's packages included),
# then run them all.
set -euo pipefail
cd "$(dirname "$0")/.."

python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt

# From Debian's packages: Chromium for the browser tests, redis-server and nginx that the tests start on
# loopback ports (one apt-get update, then whatever is missing in one install)
missing=()
for tool in chromium:chromium redis-server:redis-server nginx:nginx; do
    if ! PATH="$PATH:/usr/sbin:/sbin" command -v "${tool%%:*}" >/dev/null 2>&1; then
        missing+=("${tool##*:}")
    fi
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing from Debian's packages for the tests: ${missing[*]}…"
    if [ "$(id -u)" -ne 0 ]; then
        echo "missing and this is not root: install them with 'sudo apt-get install -y ${missing[*]}'" >&2
        exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The components' JavaScript: its linter and test runner from the npm registry, at the locked versions
npm ci --prefix components --no-audit --no-fund --loglevel=error

ruff check .
ruff format --check .
npm run --prefix components --silent lint
python -m pytest -q "$@"

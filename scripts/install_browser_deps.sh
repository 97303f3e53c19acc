#!/usr/bin/env bash
# Install what the browser tests need, when it is missing:
# - Debian's chromium (Playwright's own browser download does not work here);
# - axe-core from npm, injected into pages by the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        echo "Installing Debian's chromium for the browser tests..."
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
    else
        echo "WARNING: /usr/bin/chromium is missing and cannot be installed (need root and apt-get); browser tests will fail." >&2
    fi
fi

if [ ! -f node_modules/axe-core/axe.min.js ]; then
    if command -v npm >/dev/null 2>&1; then
        echo "Installing axe-core from npm..."
        npm ci --silent --no-audit --no-fund >/dev/null 2>&1 || npm install --silent --no-audit --no-fund >/dev/null
    else
        echo "WARNING: npm is missing; axe-core cannot be installed and browser tests will fail." >&2
    fi
fi

#!/bin/sh
# Installs the outside checkers of the answer pages from npm into tools/web-checkers/ (git-ignored): axe-core
# (accessibility, run inside Chromium by tests/python/test_browser.py) and vnu-jar (the W3C Nu HTML checker, run
# with Java). The tests skip with a message when they are absent.
set -eu
cd "$(dirname "$0")"
command -v npm >/dev/null 2>&1 || { echo "install-web-checkers: npm not found; the page checks will be skipped" >&2; exit 0; }
mkdir -p web-checkers
[ -f web-checkers/package.json ] || printf '{"name":"pharmakon-web-checkers","private":true}\n' >web-checkers/package.json
npm install --prefix web-checkers --no-audit --no-fund --loglevel=error axe-core@4 vnu-jar >/dev/null ||
  { echo "install-web-checkers: npm install failed; the page checks will be skipped" >&2; exit 0; }
echo "install-web-checkers: axe-core and vnu-jar in tools/web-checkers/node_modules"

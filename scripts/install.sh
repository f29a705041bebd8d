#!/usr/bin/env bash
# Install everything the project needs into .venv (Python packages from PyPI) and, with
# --browser, the system packages the tests use (Debian's chromium, sqlite3 and, when no
# Chinese font is installed, fonts-noto-cjk).
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=1 ;;
    *) echo "usage: scripts/install.sh [--browser]" >&2; exit 2 ;;
  esac
done

if [ "$want_browser" = 1 ]; then
  missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
  # a Chinese font: without one Chromium prints the tests' pages with glyphs and no text
  fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk)
  if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    echo "installing ${missing[*]} (apt-get)" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".[test]"

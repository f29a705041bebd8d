#!/usr/bin/env bash
# Quick start, part 1: install everything and build the data packages and the site.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
export NO_MKDOCS_2_WARNING=1
.venv/bin/builder build "$@"
cat <<'MSG'

Built:
  datapackage/                   the corpus data package (datapackage.json and its CSV tables)
  site/                          the website; preview with: .venv/bin/mkdocs serve
  site/downloads/                corpus zip, CSV zip, SQLite database, per-report zips
MSG

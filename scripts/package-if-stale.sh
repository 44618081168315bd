#!/usr/bin/env bash
# Packages the extension (`npm run package`) when its .vsix is missing or older than anything that
# goes into it, and prints the .vsix's path. Progress goes to stderr, so `vsix="$(…)"` works.
# Used by the runners that install the .vsix: npm test, test/e2e/run.sh, scripts/hardening.sh and
# scripts/start.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

vsix="dist/$(node -p "const p = require('./package.json'); p.name + '-' + p.version").vsix"
# What the bundle is built from (the lockfile pins what esbuild inlines from node_modules), and
# what .vscodeignore lets into the package besides the bundle. The webview's chunks
# (dist/webview-chunks/) are built output like the bundle: packaging rebuilds them with it.
sources=(src webview media esbuild.mjs package.json package-lock.json package.nls*.json .vscodeignore api.d.ts README.md CHANGELOG.md LICENSE)
if [ -f "$vsix" ] && [ -z "$(find "${sources[@]}" -newer "$vsix" -print -quit 2>/dev/null)" ]; then
  echo "[package] $vsix is up to date" >&2
else
  echo "[package] packaging $vsix (missing or older than its sources)" >&2
  npm run --silent package >/dev/null
fi
echo "$vsix"

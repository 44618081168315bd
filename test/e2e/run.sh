#!/usr/bin/env bash
# `npm run test:e2e`: the chat end to end in code-server, from the built .vsix. Packages the
# extension first when the .vsix is missing or older than anything that goes into it, installs the
# tools once per machine (setup.sh), builds the test and runs it with mocha (each step a test; the
# first failure stops the rest and leaves a screenshot and a report under .e2e/run-*/).
# Set SWITCHBOARD_E2E_KEEP=1 to keep the run folder (.e2e/run-*) after a passing run.
set -euo pipefail
cd "$(dirname "$0")/../.."

vsix="dist/$(node -p "const p = require('./package.json'); p.name + '-' + p.version").vsix"
if [ ! -f "$vsix" ] || [ -n "$(find src webview media package.json package.nls*.json esbuild.mjs .vscodeignore -newer "$vsix" -print -quit 2>/dev/null)" ]; then
  echo "[e2e] packaging $vsix (missing or older than its sources)"
  npm run --silent package >/dev/null
fi

# Installs Chromium, Node 24 and code-server on a fresh machine (minutes, once; its progress shows
# here rather than silently inside the test's first hook).
bash test/e2e/setup.sh >/dev/null

node scripts/build-tests.mjs test/e2e/
exec npx mocha --no-config --bail --reporter spec --timeout 60000 --enable-source-maps out/test/e2e/chat.e2e.entry.js

#!/usr/bin/env bash
# `npm run test:e2e`: Switchboard end to end in code-server, from the built .vsix — the chat
# scenario, then the API scenario (a consumer test extension from its own .vsix calls Switchboard's
# API, its commands and its vscode.lm models). Packages the extension first when the .vsix is
# missing or older than anything that goes into it, builds the consumer's .vsix, installs the tools
# once per machine (setup.sh), builds the tests and runs them with mocha (each step a test; the
# first failure stops the rest and leaves a screenshot and a report under .e2e/run-*/).
# Set SWITCHBOARD_E2E_KEEP=1 to keep the run folders (.e2e/run-*) after a passing run.
set -euo pipefail
cd "$(dirname "$0")/../.."

vsix="dist/$(node -p "const p = require('./package.json'); p.name + '-' + p.version").vsix"
if [ ! -f "$vsix" ] || [ -n "$(find src webview media package.json package.nls*.json esbuild.mjs .vscodeignore api.d.ts -newer "$vsix" -print -quit 2>/dev/null)" ]; then
  echo "[e2e] packaging $vsix (missing or older than its sources)"
  npm run --silent package >/dev/null
fi

# The consumer test extension: a second .vsix, never part of Switchboard's (about a second).
node test/e2e/consumer/build.mjs >/dev/null

# Installs Chromium, Node 24 and code-server on a fresh machine (minutes, once; its progress shows
# here rather than silently inside the test's first hook).
bash test/e2e/setup.sh >/dev/null

node scripts/build-tests.mjs test/e2e/
# Each scenario starts its own code-server with a fresh profile, so neither depends on the other.
exec npx mocha --no-config --bail --reporter spec --timeout 60000 --enable-source-maps out/test/e2e/chat.e2e.entry.js out/test/e2e/api.e2e.entry.js

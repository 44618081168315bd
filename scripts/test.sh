#!/usr/bin/env bash
# `npm test`: everything a fresh machine needs, then every check. Installs dependencies when
# node_modules is missing or older than the lockfile, so a clean clone passes with just this.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi

step "type-check (the core and protocol without vscode types, the webview with DOM types, then the rest)"
npx tsc --noEmit -p tsconfig.core.json
npx tsc --noEmit -p tsconfig.json
npx tsc --noEmit -p tsconfig.webview.json

step "lint"
npx eslint .

step "test tools (once per machine: tinyproxy, openssl, Chromium, Node 24 and code-server, cached in .tools/)"
eval "$(bash test/e2e/setup.sh)"
# The network tests start tinyproxy and make certificates with openssl; the browser tests use Chromium.
export CHROMIUM TINYPROXY OPENSSL

step "unit and wire tests (plain Node, loopback servers, a real proxy and TLS server)"
node scripts/build-tests.mjs
npx mocha

step "webview tests (the chat UI in headless Chromium against a scripted host)"
node scripts/build-tests.mjs test/webview
npx mocha --no-config --timeout 30000 --enable-source-maps --reporter dot 'out/test/webview/*.test.js'

step "package the extension (.vsix)"
npm run --silent package

step "end to end: the .vsix in code-server (a real VS Code), driven in headless Chromium"
npm run --silent test:e2e

step "hardening: faults, hostile output and input, leaked keys, crashes — and their figures"
npm run --silent test:hardening

printf '\nall checks passed\n'

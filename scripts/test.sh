#!/usr/bin/env bash
# `npm test`: everything a fresh machine needs, then every check. Installs the dependencies when
# node_modules is missing or older than the lockfile, and the test tools once per machine, so a
# clean clone passes with just this.
# `npm run test:fast` (--fast): the inner loop — type-check, lint, the unit and wire tests.
# The test tools are resolved once here (test/e2e/setup.sh) and exported: the runners below take
# them from the environment rather than running setup.sh again.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prepare.sh

fast=""
case "${1:-}" in
  "") ;;
  --fast) fast=1 ;;
  *) echo "usage: scripts/test.sh [--fast]" >&2; exit 2 ;;
esac
step() { printf '\n== %s\n' "$*"; }

install_dependencies_when_stale
# The tools install while the type-check and lint run; their step below waits for them.
if [ -n "$fast" ]; then begin_test_tools network; else begin_test_tools; fi

step "type-check (the core and protocol without vscode types, the webview with DOM types, then the rest)"
npm run --silent typecheck

step "lint"
npm run --silent lint

if [ -n "$fast" ]; then
  step "network test tools (once per machine: tinyproxy and openssl)"
  export_test_tools network
else
  step "test tools (once per machine: tinyproxy, openssl, Chromium, Node 24 and code-server, cached in .tools/; begun before the type-check)"
  export_test_tools
fi

step "unit and wire tests (plain Node, loopback servers, a real proxy and TLS server)"
npm run --silent test:unit

if [ -n "$fast" ]; then
  printf '\nfast checks passed (npm test runs the webview, end-to-end and hardening suites too)\n'
  exit 0
fi

step "webview tests (the chat UI in headless Chromium against a scripted host)"
npm run --silent test:webview

step "package the extension (.vsix) when it is missing or older than its sources"
bash scripts/package-if-stale.sh >/dev/null

step "end to end: the .vsix in code-server (a real VS Code), driven in headless Chromium"
npm run --silent test:e2e

step "hardening: faults, hostile output and input, leaked keys, crashes — and their figures"
npm run --silent test:hardening

printf '\nall checks passed\n'

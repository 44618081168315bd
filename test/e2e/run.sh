#!/usr/bin/env bash
# `npm run test:e2e`: Switchboard end to end in code-server, from the built .vsix — the chat
# scenario, the project-context scenario (AGENTS.md, #file, Model Settings, the gauge), the tools
# scenario (two MCP servers: a call allowed, one denied, one stopped while it runs), the cloud
# scenario (Set API Key → AWS Bedrock with a SigV4-checking loopback, → LiteLLM proxy, → Vertex AI), the
# apply scenario (Apply → diff review → Reject, Accept unsaved, Undo, a diff block as a patch), the tabs
# scenario (two chats in editor tabs answering at once, both back after a reload), the restricted
# scenario (an untrusted folder in Restricted Mode: the chat still answers, AGENTS.md waits), the
# walkthrough scenario (it opens; its first step's buttons work), the addProvider scenario (a custom
# endpoint added, tested, edited and removed through Add Provider and Manage Providers), the
# API scenario (a consumer test extension from its own .vsix calls Switchboard's API, its commands
# and its vscode.lm models), then the locale scenario (--locale de: the commands and the chat in German). Packages the extension when the .vsix is missing or stale, builds the
# consumer's .vsix and the tests, and runs them with mocha (test/mocha/e2e.jsonc: each step a test;
# the first failure stops the rest and leaves a screenshot and a report under
# .e2e/run-*/). Run on its own, it installs the tools first (setup.sh, once per machine); run by
# npm test, it takes the paths npm test exported.
# Set SWITCHBOARD_E2E_KEEP=1 to keep the run folders (.e2e/run-*) after a passing run.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/prepare.sh

bash scripts/package-if-stale.sh >/dev/null

# The consumer test extension: a second .vsix, never part of Switchboard's (about a second).
node test/e2e/consumer/build.mjs >/dev/null

# Here rather than inside the first test's hook, so a fresh machine's install shows its progress.
export_test_tools

node scripts/build-tests.mjs test/e2e
# Each scenario starts its own code-server with a fresh profile, so neither depends on the other.
exec npx mocha --config test/mocha/e2e.jsonc

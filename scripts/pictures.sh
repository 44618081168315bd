#!/usr/bin/env bash
# `npm run pictures`: takes the product's pictures (media/pictures/*.png, used by the walkthrough
# and the README) from the packaged extension in code-server (test/e2e/pictures.e2e.entry.ts),
# so they always show the real product. Not part of `npm test`: the pictures are committed; run
# this when the UI changes, look at them, and commit them.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prepare.sh

install_dependencies_when_stale
bash scripts/package-if-stale.sh >/dev/null
export_test_tools
node scripts/build-tests.mjs test/e2e
npx mocha --timeout 90000 out/test/e2e/pictures.e2e.entry.js
printf '\npictures written to media/pictures/\n'

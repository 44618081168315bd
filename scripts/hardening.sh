#!/usr/bin/env bash
# `npm run test:hardening`: the reliability and security suite (test/hardening/), then its figures.
#   node     plain-Node parts       out/test/hardening/node/**/*.test.js   (faults, host messages, API input, crashes)
#   browser  headless Chromium      out/test/hardening/browser/**/*.test.js (hostile output in the webview)
#   e2e      code-server + Chromium out/test/hardening/e2e/*.entry.js       (keys, through the real VS Code)
# Every layer runs even when an earlier one failed, so the figures cover the whole suite; the run
# fails when any test failed or any figure counts something bad (a fault not survived, a payload
# executed, a canary found, a conversation lost, an invalid input accepted).
# Name layers to run only those, and any other words to run only the files whose path holds one:
# `npm run test:hardening -- node browser`, `npm run test:hardening -- node faults`.
# SWITCHBOARD_HARDENING_REPORTER picks mocha's reporter (default: dot; spec lists every trial).
set -uo pipefail
cd "$(dirname "$0")/.."

layers=()
filters=()
for arg in "$@"; do
  case "$arg" in
    node | browser | e2e) layers+=("$arg") ;;
    *) filters+=("$arg") ;;
  esac
done
[ ${#layers[@]} -gt 0 ] || layers=(node browser e2e)
wants() { [[ " ${layers[*]} " == *" $1 "* ]]; }
reporter="${SWITCHBOARD_HARDENING_REPORTER:-dot}"
step() { printf '\n== hardening: %s\n' "$*"; }
failed=()

# Each run writes its figures to a fresh file, so a run never counts a previous one's (nor a
# concurrent run's) figures. The folder is git-ignored.
mkdir -p .hardening
SWITCHBOARD_FIGURES="$(mktemp --suffix=.jsonl ".hardening/figures-$(date +%Y%m%d-%H%M%S)-XXXX")"
export SWITCHBOARD_FIGURES

# Stale bundles of renamed or deleted tests would still run: rebuild the folder from scratch.
# The filter matters: build-tests.mjs without one deletes all of out/.
rm -rf out/test/hardening
node scripts/build-tests.mjs test/hardening || exit 1

# Chromium, tinyproxy, openssl, Node 24 and code-server (installed once per machine, cached in
# .tools/); any layer may use them, so they are exported before the first.
tool_paths="$(bash test/e2e/setup.sh)" || exit 1
eval "$tool_paths"
export CHROMIUM TINYPROXY OPENSSL NODE24 CODE_SERVER_ENTRY

# Runs each test file of a layer in its own mocha: a part that hangs (a test, or a handle left open
# after its last test) is stopped after `limit` seconds and named, and the other parts still run
# and record their figures. A layer with no tests yet is skipped, not failed.
run_layer() {
  local name="$1" timeout="$2" limit="$3"
  shift 3
  local files=("$@") file status
  if [ ${#files[@]} -eq 0 ]; then
    echo "(no tests in this layer yet)"
    return
  fi
  for file in "${files[@]}"; do
    echo "-- ${file#out/test/hardening/}"
    timeout --kill-after=10 "$limit" npx mocha --no-config --timeout "$timeout" --enable-source-maps --reporter "$reporter" "$file"
    status=$?
    if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
      echo "[hardening] ${file#out/test/hardening/} did not finish within $limit s (a hung test, or a handle left open)"
    fi
    [ "$status" -eq 0 ] || failed+=("$name/$(basename "$file" .js)")
  done
}

# The files of a layer (a folder, a name pattern, how deep), narrowed to the filters when there are any.
layer_files() {
  local file filter
  [ -d "$1" ] || return 0
  find "$1" -maxdepth "${3:-20}" -name "$2" -type f | sort | while read -r file; do
    if [ ${#filters[@]} -eq 0 ]; then
      echo "$file"
      continue
    fi
    for filter in "${filters[@]}"; do
      if [[ "$file" == *"$filter"* ]]; then
        echo "$file"
        break
      fi
    done
  done
}

if wants node; then
  step "plain Node: faults through the core and the chat, messages from the webview, API input, crashes"
  mapfile -t files < <(layer_files out/test/hardening/node '*.test.js')
  run_layer node 60000 600 "${files[@]}"
fi

if wants browser; then
  step "headless Chromium: hostile model output and user input in the webview"
  mapfile -t files < <(layer_files out/test/hardening/browser '*.test.js')
  run_layer browser 60000 900 "${files[@]}"
fi

# Packages the .vsix when it is missing or older than anything that goes into it (as test/e2e/run.sh).
package_if_stale() {
  local vsix
  vsix="dist/$(node -p "const p = require('./package.json'); p.name + '-' + p.version").vsix"
  if [ -f "$vsix" ] && [ -z "$(find src webview media package.json package.nls*.json esbuild.mjs .vscodeignore api.d.ts -newer "$vsix" -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  echo "[hardening] packaging $vsix (missing or older than its sources)"
  npm run --silent package >/dev/null
}

if wants e2e; then
  step "code-server: the built .vsix in a real VS Code"
  # Only the folder's own entries: anything below it is theirs to load (an extension's test index).
  mapfile -t files < <(layer_files out/test/hardening/e2e '*.entry.js' 1)
  if [ ${#files[@]} -eq 0 ]; then
    echo "(no tests in this layer yet)"
  elif ! package_if_stale; then
    failed+=("e2e (packaging)")
  elif ! node test/e2e/consumer/build.mjs >/dev/null; then
    # The consumer test extension, for parts that call Switchboard's API from another extension.
    failed+=("e2e (the consumer extension)")
  else
    # One mocha per scenario with --bail: its steps depend on each other, but one scenario's
    # failure must not keep the next from running and recording its figures.
    for file in "${files[@]}"; do
      echo "-- ${file#out/test/hardening/}"
      timeout --kill-after=10 1800 npx mocha --no-config --bail --timeout 120000 --enable-source-maps --reporter spec "$file" || failed+=("e2e/$(basename "$file" .js)")
    done
  fi
fi

node out/test/hardening/printFigures.entry.js || failed+=("figures")

if [ ${#failed[@]} -gt 0 ]; then
  printf '\nhardening FAILED: %s\n' "${failed[*]}"
  exit 1
fi
printf '\nhardening passed\n'

#!/usr/bin/env bash
# `npm run test:hardening`: the reliability and security suite (test/hardening/), then its figures.
#   node     plain Node         out/test/hardening/node/**/*.test.js    (faults, host messages, API input, crashes)
#   browser  headless Chromium  out/test/hardening/browser/**/*.test.js (hostile output in the webview, its accessibility)
#   e2e      code-server        out/test/hardening/e2e/*.entry.js       (keys, crashes, through the real VS Code)
# Every layer runs even when an earlier one failed, so the figures cover the whole suite; the run
# fails when any test failed or any figure counts something bad (a fault not survived, a payload
# executed, a canary found, a conversation lost, an invalid input accepted, an accessibility
# violation).
# Name layers to run only those, and any other words to run only the files whose path holds one:
# `npm run test:hardening -- node browser`, `npm run test:hardening -- node faults`.
# Mocha's options: test/mocha/hardening.jsonc and hardening-e2e.jsonc;
# SWITCHBOARD_HARDENING_REPORTER=spec picks another reporter (spec lists every trial).
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prepare.sh

layers=()
filters=()
for arg in "$@"; do
  case "$arg" in
    node | browser | e2e) layers+=("$arg") ;;
    *) filters+=("$arg") ;;
  esac
done
[ ${#layers[@]} -gt 0 ] || layers=(node browser e2e)
reporter=()
[ -z "${SWITCHBOARD_HARDENING_REPORTER:-}" ] || reporter=(--reporter "$SWITCHBOARD_HARDENING_REPORTER")
failed=()

# Each run writes its figures to a fresh file, so a run never counts a previous one's (nor a
# concurrent run's) figures. The folder is git-ignored.
mkdir -p .hardening
SWITCHBOARD_FIGURES="$(mktemp --suffix=.jsonl ".hardening/figures-$(date +%Y%m%d-%H%M%S)-XXXX")"
export SWITCHBOARD_FIGURES

# From a clean folder: the bundle of a renamed or deleted test would still be found and run.
node scripts/build-tests.mjs --clean test/hardening || exit 1
# Any layer may use Chromium, tinyproxy, openssl, Node 24 or code-server.
export_test_tools || exit 1

# The files of a layer: `pattern` at most `depth` folders down, narrowed to the filters if any.
layer_files() {
  local folder="$1" pattern="$2" depth="$3" file filter
  [ -d "$folder" ] || return 0
  find "$folder" -maxdepth "$depth" -name "$pattern" -type f | sort | while read -r file; do
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

# Runs each file in its own mocha: a file that hangs (a test, or a handle left open after its last
# test) is stopped after `limit` seconds and named, and the other files still run and record
# their figures.
run_files() {
  local layer="$1" config="$2" limit="$3" file status
  shift 3
  for file in "$@"; do
    echo "-- ${file#out/test/hardening/}"
    timeout --kill-after=10 "$limit" npx mocha --config "$config" "${reporter[@]}" "$file"
    status=$?
    if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
      echo "[hardening] ${file#out/test/hardening/} did not finish within $limit s (a hung test, or a handle left open)"
    fi
    [ "$status" -eq 0 ] || failed+=("$layer/$(basename "$file" .js)")
  done
}

# The files that mostly wait rather than compute — the crash trials: answers streaming at a reading
# pace, kills at chosen moments — run beside the browser layer when it runs too (minutes saved on
# two cores); their output follows the browser layer's.
waits_mostly='/crashes.test.js'
aside_pid=""
aside_output=""
aside_failed=""

# run_aside LAYER CONFIG LIMIT FILES...: run_files in the background, its output and failures kept.
run_aside() {
  aside_output="$(mktemp)"
  aside_failed="$(mktemp)"
  (
    failed=()
    run_files "$@"
    printf '%s\n' "${failed[@]}" >"$aside_failed"
  ) >"$aside_output" 2>&1 &
  aside_pid=$!
}

# Waits for what run_aside started, shows its output and counts its failures.
finish_aside() {
  [ -n "$aside_pid" ] || return 0
  wait "$aside_pid"
  printf '\n== hardening: plain Node, run beside the browser layer\n'
  cat "$aside_output"
  mapfile -t -O "${#failed[@]}" failed < <(grep -v '^$' "$aside_failed")
  rm -f "$aside_output" "$aside_failed"
  aside_pid=""
}

# run_layer LAYER TITLE PATTERN DEPTH CONFIG LIMIT: a layer that was asked for; one with no tests
# yet is skipped, not failed.
run_layer() {
  local layer="$1" title="$2" pattern="$3" depth="$4" config="$5" limit="$6" files
  [[ " ${layers[*]} " == *" $layer "* ]] || return 0
  printf '\n== hardening: %s\n' "$title"
  mapfile -t files < <(layer_files "out/test/hardening/$layer" "$pattern" "$depth")
  if [ ${#files[@]} -eq 0 ]; then
    echo "(no tests in this layer yet)"
    return
  fi
  if [ "$layer" = e2e ]; then
    # The .vsix files code-server installs: Switchboard's, and the consumer test extension's for
    # the parts that call Switchboard's API from another extension.
    bash scripts/package-if-stale.sh >/dev/null || { failed+=("e2e (packaging)"); return; }
    node test/e2e/consumer/build.mjs >/dev/null || { failed+=("e2e (the consumer extension)"); return; }
  fi
  if [ "$layer" = node ] && [[ " ${layers[*]} " == *" browser "* ]]; then
    local file now=() beside=()
    for file in "${files[@]}"; do
      if [[ "$file" == *"$waits_mostly" ]]; then beside+=("$file"); else now+=("$file"); fi
    done
    [ ${#now[@]} -eq 0 ] || run_files "$layer" "$config" "$limit" "${now[@]}"
    if [ ${#beside[@]} -gt 0 ]; then
      echo "(${beside[*]#out/test/hardening/} run beside the browser layer; the output follows it)"
      run_aside "$layer" "$config" "$limit" "${beside[@]}"
    fi
    return
  fi
  run_files "$layer" "$config" "$limit" "${files[@]}"
}

run_layer node "plain Node: faults through the core and the chat, messages from the webview, API input, crashes" \
  '*.test.js' 20 test/mocha/hardening.jsonc 600
run_layer browser "headless Chromium: hostile model output and user input in the webview, and its accessibility" \
  '*.test.js' 20 test/mocha/hardening.jsonc 900
finish_aside
# Only the folder's own entries (depth 1): anything below it is theirs to load (an extension's test
# index). One mocha per scenario: its steps stop at the first failure, the next scenario still runs.
run_layer e2e "code-server: the built .vsix in a real VS Code" \
  '*.entry.js' 1 test/mocha/hardening-e2e.jsonc 1800

node out/test/hardening/printFigures.entry.js || failed+=("figures")

if [ ${#failed[@]} -gt 0 ]; then
  printf '\nhardening FAILED: %s\n' "${failed[*]}"
  exit 1
fi
printf '\nhardening passed\n'

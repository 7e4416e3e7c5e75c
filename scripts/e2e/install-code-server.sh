#!/usr/bin/env bash
# Installs code-server (VS Code's workbench and extension host, served to a browser) into
# .code-server/ for the end-to-end tests and `npm start`, without any download outside the npm
# registry and Debian: ripgrep comes from Debian instead of its npm package's download.
# Idempotent: does nothing when the installed version answers.
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=4.100.3
DIR=.code-server
ENTRY="$DIR/node_modules/code-server/out/node/entry.js"

if [ -f "$ENTRY" ] && node "$ENTRY" --version 2>/dev/null | grep -q "^$VERSION"; then
  exit 0
fi

need=()
for pkg in libkrb5-dev ripgrep chromium libx11-dev libxkbfile-dev libsecret-1-dev; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ "${#need[@]}" -gt 0 ]; then
  echo "installing Debian packages: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

mkdir -p "$DIR"
[ -f "$DIR/package.json" ] || echo '{"name":"code-server-host","private":true}' > "$DIR/package.json"
(cd "$DIR" && npm install --no-audit --no-fund --ignore-scripts "code-server@$VERSION")

VSC="$DIR/node_modules/code-server/lib/vscode"
(cd "$VSC" && npm install --no-audit --no-fund --ignore-scripts --omit=dev)
mkdir -p "$VSC/node_modules/@vscode/ripgrep/bin"
cp /usr/bin/rg "$VSC/node_modules/@vscode/ripgrep/bin/rg"
(cd "$VSC" && npm_config_yes=true npm rebuild)
ln -sfn node_modules "$VSC/node_modules.asar"
ln -sfn code-linux.sh "$VSC/bin/remote-cli/code-server"
ln -sfn browser-linux.sh "$VSC/bin/helpers/browser.sh"
(cd "$VSC/extensions" && npm install --no-audit --no-fund --ignore-scripts --omit=dev)
(cd "$DIR" && npm_config_yes=true npm rebuild argon2)

node "$ENTRY" --version

#!/usr/bin/env bash
# Installs code-server 4.100.3 (= VS Code 1.100.3, Node 20) into an ignored cache folder,
# offline-safe, following shared/docs/vscode-test-host.md. Idempotent: exits at once when
# the install is complete. Installs the Debian packages it needs (and Chromium for the
# browser) when they are missing. Prints the code-server executable's path last.
set -euo pipefail

VERSION=4.100.3
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${IPLOS_CODE_SERVER_DIR:-$ROOT/.cache/code-server-$VERSION}"
BIN="$DIR/node_modules/.bin/code-server"
MARKER="$DIR/.install-complete"

if [ -f "$MARKER" ] && [ -x "$BIN" ]; then
  echo "$BIN"
  exit 0
fi

log() { echo "[install-code-server] $*" >&2; }
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo

# Debian packages: headers for the native modules code-server rebuilds, ripgrep (its
# postinstall would download one from GitHub), Chromium for the browser side.
missing=()
for pkg in libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep chromium; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

log "installing code-server $VERSION into $DIR (about 3 minutes, once)"
rm -rf "$DIR"
mkdir -p "$DIR"
cd "$DIR"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts "code-server@$VERSION" >&2
export npm_config_yes=true # node-pty's build script calls npx node-gyp
npm rebuild argon2 >&2
cd node_modules/code-server/lib/vscode
npm install --no-audit --no-fund --omit=dev --ignore-scripts >&2
mkdir -p node_modules/@vscode/ripgrep/bin # its postinstall skips the download when bin/ exists
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
npm rebuild >&2 # node-pty, kerberos, watcher, …
ln -sfn node_modules node_modules.asar
(cd extensions && npm install --no-audit --no-fund --omit=dev --ignore-scripts >&2 && npm rebuild >&2)

"$BIN" --version >&2
touch "$MARKER"
echo "$BIN"

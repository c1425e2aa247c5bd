#!/usr/bin/env bash
# Installs what the real-editor e2e needs, idempotently: Debian's Chromium (driven by playwright-core,
# never `npx playwright install`), code-server 4.100.3 (= VS Code 1.100.3) from npm, and Neovim.
# Everything but the apt packages lives in $LAYERGUARD_E2E_HOME (default ~/.cache/layerguard-e2e).
set -euo pipefail
E2E_HOME=${LAYERGUARD_E2E_HOME:-$HOME/.cache/layerguard-e2e}
CS_VERSION=4.100.3   # the last code-server whose engines.node is 20: VS Code 1.100.3
RG_VER=1.15.11       # @vscode/ripgrep pinned inside code-server 4.100.3
mkdir -p "$E2E_HOME"
t() { echo "[e2e-setup $(date +%T)] $*"; }

need=()
for p in chromium ripgrep libkrb5-dev python3 make g++ neovim; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
  t "apt-get install ${need[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ ! -x "$E2E_HOME/cs/node_modules/.bin/code-server" ]; then
  t "npm install code-server@$CS_VERSION (about 2 minutes)"
  # @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache has the archive:
  # seed it with Debian's rg.
  mkdir -p "$E2E_HOME/cs" "$E2E_HOME/tmp/vscode-ripgrep-cache-$RG_VER"
  tar czf "$E2E_HOME/tmp/vscode-ripgrep-cache-$RG_VER/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C /usr/bin rg
  echo '{"name":"layerguard-e2e-code-server","private":true}' > "$E2E_HOME/cs/package.json"
  # unsafe_perm: code-server's postinstall insists on it as root; yes: node-pty's postinstall runs npx node-gyp.
  (cd "$E2E_HOME/cs" && TMPDIR="$E2E_HOME/tmp" npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --no-audit --no-fund --no-save "code-server@$CS_VERSION" > "$E2E_HOME/cs-install.log" 2>&1) \
    || { tail -40 "$E2E_HOME/cs-install.log"; exit 1; }
fi
t "ready: $E2E_HOME/cs/node_modules/.bin/code-server, $(command -v chromium), $(command -v nvim)"

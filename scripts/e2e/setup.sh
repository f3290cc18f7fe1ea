#!/usr/bin/env bash
# Installs what the end-to-end tests and `npm start` need, offline-safe (npm registry + Debian archive only):
#   - Debian: chromium (the browser playwright-core drives; never a playwright browser download),
#     ripgrep (stands in for @vscode/ripgrep's GitHub download), libkrb5-dev (headers for code-server's
#     `kerberos` native module), curl;
#   - test/e2e/vscode/: code-server 4.100.3 (the real VS Code 1.100 server + workbench, Node 20),
#     playwright-core and mocha, from that folder's own package-lock.json (`npm ci`).
# Idempotent: does nothing when everything is already in place (a stamp records the lockfile's hash).
#   usage: scripts/e2e/setup.sh [--force]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PKG="$ROOT/test/e2e/vscode"
STAMP="$PKG/node_modules/.kata-e2e-setup"
FORCE=${1:-}
t0=$(date +%s)
log() { echo "[e2e-setup +$(( $(date +%s) - t0 ))s] $*"; }

# --- Debian packages --------------------------------------------------------------------------
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
command -v curl >/dev/null 2>&1 || missing+=(curl)
[ -f /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
# node-gyp builds code-server's native modules (argon2, node-pty, kerberos, ...) against these.
command -v make >/dev/null 2>&1 || missing+=(make)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "Debian packages present (chromium, ripgrep, curl, libkrb5-dev, build tools)"
fi
/usr/bin/chromium --version 2>/dev/null | sed 's/^/[e2e-setup] /' || true

# --- code-server & co. in test/e2e/vscode -------------------------------------------------------
lock_hash=$(sha256sum "$PKG/package-lock.json" "$PKG/package.json" | sha256sum | cut -c1-16)
if [ "$FORCE" != "--force" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$lock_hash" ] \
   && [ -x "$PKG/node_modules/.bin/code-server" ]; then
  log "test/e2e/vscode is up to date ($("$PKG/node_modules/.bin/code-server" --config /dev/null --version 2>/dev/null | head -1))"
  exit 0
fi

CSV=$(node -p "require('$PKG/package.json').dependencies['code-server']")

# code-server's bundled VS Code depends on @vscode/ripgrep, whose postinstall downloads `rg` from
# GitHub. It first looks in $TMPDIR/vscode-ripgrep-cache-<pkg version>/ripgrep-<tag>-<target>.tar.gz:
# put Debian's rg there.
seed_ripgrep_cache() {
  local rgv tag w
  if [ "$CSV" = "4.100.3" ]; then
    rgv=1.15.11; tag=v13.0.0-10         # read from code-server 4.100.3's npm-shrinkwrap / postinstall.js
  else                                  # another pin: work both out from the npm tarballs
    w=$(mktemp -d); (
      cd "$w"
      npm pack "code-server@$CSV" --silent >/dev/null
      tar xzf code-server-*.tgz package/lib/vscode/npm-shrinkwrap.json
      node -e "const s=require('./package/lib/vscode/npm-shrinkwrap.json');console.log(s.packages['node_modules/@vscode/ripgrep'].version)" > rgv
      npm pack "@vscode/ripgrep@$(cat rgv)" --silent >/dev/null
      tar xzf vscode-ripgrep-*.tgz package/lib/postinstall.js
      sed -n "s/^const VERSION = '\(.*\)';/\1/p" package/lib/postinstall.js > tag
    )
    rgv=$(cat "$w/rgv"); tag=$(cat "$w/tag"); rm -rf "$w"
  fi
  local dir="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$rgv"
  local target
  case "$(uname -m)" in
    x86_64) target=x86_64-unknown-linux-musl ;;
    aarch64|arm64) target=aarch64-unknown-linux-musl ;;
    *) target="$(uname -m)-unknown-linux-gnu" ;;
  esac
  local tarball="$dir/ripgrep-$tag-$target.tar.gz"
  if [ ! -s "$tarball" ]; then
    w=$(mktemp -d); mkdir -p "$dir"
    cp "$(command -v rg)" "$w/rg"
    tar czf "$tarball" -C "$w" rg
    rm -rf "$w"
  fi
  log "ripgrep cache: $tarball"
}
seed_ripgrep_cache

log "npm ci in test/e2e/vscode (code-server $CSV; about a minute)"
cd "$PKG"
# unsafe_perm: code-server's postinstall refuses to run as root without it (npm 11 warns that the
#   option is unknown; harmless). yes: node-pty's postinstall runs `npx node-gyp` and would prompt.
npm_config_unsafe_perm=true npm_config_yes=true npm ci --no-audit --no-fund --loglevel=error
"$PKG/node_modules/.bin/code-server" --config /dev/null --version | head -1 | sed 's/^/[e2e-setup] code-server /'
echo "$lock_hash" > "$STAMP"
log "done"

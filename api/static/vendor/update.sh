#!/usr/bin/env bash
# Copy the pinned browser builds (package.json + package-lock.json) into this folder.
# Run after changing a version: `npm install --package-lock-only` then `./update.sh`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/package.json" "$here/package-lock.json" "$work/"
(cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --omit=optional >/dev/null)
m="$work/node_modules/marked"
d="$work/node_modules/dompurify"
cp "$m/lib/marked.umd.js" "$here/marked.umd.js"
cp "$m/LICENSE" "$here/LICENSE.marked"
cp "$d/dist/purify.min.js" "$here/purify.min.js"
cp "$d/LICENSE" "$here/LICENSE.dompurify"
cp "$d/LICENSE-MPL" "$here/LICENSE-MPL.dompurify"
echo "marked $(node -p "require('$m/package.json').version"), dompurify $(node -p "require('$d/package.json').version")"

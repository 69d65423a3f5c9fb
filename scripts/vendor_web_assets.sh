#!/usr/bin/env bash
# Vendor the dashboard's browser libraries and world basemap from the npm registry into
# src/allied/web/static/vendor/, so the dashboard works with no internet (no CDN).
# Records each package's version, license, integrity and the sha256 of every copied file in VENDOR.json,
# and copies each package's LICENSE. Re-running with the same pins reproduces the same files.
# Usage: scripts/vendor_web_assets.sh        (needs `npm` and the npm registry; run by a developer, not CI)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/src/allied/web/static/vendor"

# package@version  file-in-package  ->  name under vendor/
ASSETS=(
  "vega@6.4.0 build/vega.min.js vega.min.js"
  "vega-lite@6.5.0 build/vega-lite.min.js vega-lite.min.js"
  "vega-embed@7.3.0 build/vega-embed.min.js vega-embed.min.js"
  "d3@7.9.2 dist/d3.min.js d3.min.js"
  "topojson-client@3.1.0 dist/topojson-client.min.js topojson-client.min.js"
  "world-atlas@2.0.2 countries-50m.json countries-50m.json"
)

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
rm -rf "$DEST"
mkdir -p "$DEST/licenses"

entries=()
for spec in "${ASSETS[@]}"; do
  read -r pkg file target <<<"$spec"
  name="${pkg%@*}"
  mkdir -p "$WORK/$name"
  tgz="$(cd "$WORK" && npm pack --silent "$pkg")"
  tar xzf "$WORK/$tgz" -C "$WORK/$name"
  src="$WORK/$name/package"
  cp "$src/$file" "$DEST/$target"
  cp "$src/LICENSE" "$DEST/licenses/$name.LICENSE"
  version="$(node -p "require('$src/package.json').version")"
  license="$(node -p "require('$src/package.json').license")"
  integrity="$(npm view "$pkg" dist.integrity)"
  sha="$(sha256sum "$DEST/$target" | cut -d' ' -f1)"
  entries+=("{\"package\": \"$name\", \"version\": \"$version\", \"license\": \"$license\", \"file\": \"$target\", \"from\": \"$file\", \"sha256\": \"$sha\", \"integrity\": \"$integrity\", \"license_file\": \"licenses/$name.LICENSE\"}")
done

{
  echo '{"source": "npm registry", "note": "written by scripts/vendor_web_assets.sh; do not edit by hand", "assets": ['
  for i in "${!entries[@]}"; do
    sep=","; [[ $i -eq $((${#entries[@]} - 1)) ]] && sep=""
    echo "  ${entries[$i]}$sep"
  done
  echo ']}'
} >"$DEST/VENDOR.json"
python3 -m json.tool "$DEST/VENDOR.json" >/dev/null
echo "vendored ${#entries[@]} assets into $DEST"

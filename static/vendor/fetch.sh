#!/usr/bin/env bash
# Re-fetch the map's scripts, styles, images and fonts from the npm registry into this folder.
# Only the files the map uses are kept; versions and licences are listed in SOURCES.md.
# Usage: bash static/vendor/fetch.sh   (needs npm and tar; writes nothing outside this folder)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

unpack() {  # unpack NAME@VERSION -> $work/<NAME>/package
  local spec="$1" dir="$work/${1%@*}"
  mkdir -p "$dir"
  (cd "$work" && npm pack --silent "$spec" >/dev/null)
  tar xzf "$work"/"$(echo "${spec%@*}" | sed 's|^@||; s|/|-|')"-"${spec##*@}".tgz -C "$dir" 2>/dev/null
}

copy() {  # copy PACKAGE_DIR SRC_RELATIVE DEST_RELATIVE
  mkdir -p "$(dirname "$here/$3")"
  cp "$work/$1/package/$2" "$here/$3"
}

unpack leaflet@1.9.4
copy leaflet dist/leaflet.js leaflet/leaflet.js
copy leaflet dist/leaflet.css leaflet/leaflet.css
for f in layers.png layers-2x.png marker-icon.png marker-icon-2x.png marker-shadow.png; do
  copy leaflet "dist/images/$f" "leaflet/images/$f"
done
copy leaflet LICENSE leaflet/LICENSE

unpack jquery@3.7.1
copy jquery dist/jquery.min.js jquery/jquery.min.js
copy jquery LICENSE.txt jquery/LICENSE.txt

unpack bootstrap@5.2.2
copy bootstrap dist/js/bootstrap.bundle.min.js bootstrap/bootstrap.bundle.min.js
copy bootstrap dist/css/bootstrap.min.css bootstrap/bootstrap.min.css
copy bootstrap LICENSE bootstrap/LICENSE

unpack leaflet.awesome-markers@2.0.5
copy leaflet.awesome-markers dist/leaflet.awesome-markers.js awesome-markers/leaflet.awesome-markers.js
copy leaflet.awesome-markers dist/leaflet.awesome-markers.css awesome-markers/leaflet.awesome-markers.css
for f in markers-shadow.png markers-shadow@2x.png markers-soft.png markers-soft@2x.png; do
  copy leaflet.awesome-markers "dist/images/$f" "awesome-markers/images/$f"
done
copy leaflet.awesome-markers LICENSE awesome-markers/LICENSE

unpack @fortawesome/fontawesome-free@6.2.0
copy @fortawesome/fontawesome-free css/all.min.css fontawesome/css/all.min.css
for f in fa-brands-400 fa-regular-400 fa-solid-900 fa-v4compatibility; do
  for ext in woff2 ttf; do
    copy @fortawesome/fontawesome-free "webfonts/$f.$ext" "fontawesome/webfonts/$f.$ext"
  done
done
copy @fortawesome/fontawesome-free LICENSE.txt fontawesome/LICENSE.txt

unpack leaflet.markercluster@1.5.3
copy leaflet.markercluster dist/leaflet.markercluster.js markercluster/leaflet.markercluster.js
copy leaflet.markercluster dist/MarkerCluster.css markercluster/MarkerCluster.css
copy leaflet.markercluster dist/MarkerCluster.Default.css markercluster/MarkerCluster.Default.css
copy leaflet.markercluster MIT-LICENCE.txt markercluster/MIT-LICENCE.txt

unpack leaflet-minimap@3.6.1
copy leaflet-minimap dist/Control.MiniMap.min.js minimap/Control.MiniMap.min.js
copy leaflet-minimap dist/Control.MiniMap.min.css minimap/Control.MiniMap.min.css
copy leaflet-minimap dist/images/toggle.png minimap/images/toggle.png
copy leaflet-minimap dist/images/toggle.svg minimap/images/toggle.svg
copy leaflet-minimap LICENSE.txt minimap/LICENSE.txt

unpack leaflet.fullscreen@3.0.0
copy leaflet.fullscreen Control.FullScreen.js fullscreen/Control.FullScreen.js
copy leaflet.fullscreen Control.FullScreen.css fullscreen/Control.FullScreen.css
copy leaflet.fullscreen icon-fullscreen.svg fullscreen/icon-fullscreen.svg
copy leaflet.fullscreen LICENSE fullscreen/LICENSE

unpack leaflet-measure@2.1.7
copy leaflet-measure dist/leaflet-measure.js measure/leaflet-measure.js
copy leaflet-measure dist/leaflet-measure.css measure/leaflet-measure.css
for f in cancel check focus rulers start trash; do
  copy leaflet-measure "dist/images/$f.png" "measure/images/$f.png"
  copy leaflet-measure "dist/images/${f}_@2X.png" "measure/images/${f}_@2X.png"
done
copy leaflet-measure LICENSE measure/LICENSE

# Source-map comments point at files that are not vendored; drop them so nothing asks for them.
find "$here" \( -name '*.js' -o -name '*.css' \) -exec sed -i -E '/^[[:space:]]*(\/\/|\/\*)# sourceMappingURL=/d' {} +

echo "vendored files refreshed in $here"

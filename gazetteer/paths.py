"""Where the gazetteer's files live: the committed data and the built index.

>>> data_path("countries.geojson").name
'countries.geojson'
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
REPO_DIR = PACKAGE_DIR.parent
ENV_VAR = "NEWSREADER_GAZETTEER"


def data_path(name: str) -> Path:
    """The path of a committed data file, e.g. ``data_path("countries.geojson")``: Natural
    Earth 1:50m country outlines (GeoJSON, properties ``iso_a2`` and ``name``), also the map's
    offline basemap."""
    path = DATA_DIR / name
    if not path.is_file():
        raise FileNotFoundError(f"no data file {name!r} in {DATA_DIR}")
    return path


def default_index_path() -> Path:
    """The index path: $NEWSREADER_GAZETTEER, else <repo>/var/gazetteer.sqlite."""
    env = os.environ.get(ENV_VAR)
    return Path(env).expanduser() if env else REPO_DIR / "var" / "gazetteer.sqlite"

"""Where the dashboard serves the map's static files: the one place that knows the URL layout.

Streamlit serves the repository's ``static/`` folder at ``/app/static`` (``enableStaticServing``
in ``.streamlit/config.toml``). The vendored scripts and styles live under ``static/vendor``
(``static/vendor/SOURCES.md``), the offline basemap under ``static/basemap``.

>>> static_url("basemap/countries.geojson")
'/app/static/basemap/countries.geojson'
"""

from __future__ import annotations

#: The URL under which Streamlit serves ``static/``.
STATIC_BASE = "/app/static"
#: The vendored Leaflet, plugins and styles.
VENDOR_BASE = f"{STATIC_BASE}/vendor"
#: The offline basemap's files.
BASEMAP_BASE = f"{STATIC_BASE}/basemap"
#: The country outlines of the offline basemap.
BASEMAP_URL = f"{BASEMAP_BASE}/countries.geojson"


def static_url(path: str) -> str:
    """The URL of a file below ``static/``."""
    return f"{STATIC_BASE}/{path.lstrip('/')}"

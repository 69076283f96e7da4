"""Geometry helpers: corridor bands, GeoDataFrames of places.

Lengths are buffered in an azimuthal-equidistant projection centred on the shape, so a
"5 km band" is 5 km wide wherever it lies.

>>> from shapely.geometry import LineString
>>> band = corridor_band(LineString([(46.34, 39.51), (46.75, 39.82)]), width_km=5)
>>> band.geom_type, band.contains(LineString([(46.34, 39.51), (46.75, 39.82)]).interpolate(0.5))
('Polygon', True)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import shapely
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

from gazetteer.model import Place

if TYPE_CHECKING:
    import geopandas


def corridor_band(line: BaseGeometry, width_km: float = 5.0) -> BaseGeometry:
    """The band of ``width_km`` around a line (lon/lat), as a lon/lat polygon."""
    c = line.centroid
    aeqd = f"+proj=aeqd +lat_0={c.y} +lon_0={c.x} +datum=WGS84 +units=m"
    fwd = Transformer.from_crs("EPSG:4326", aeqd, always_xy=True).transform
    back = Transformer.from_crs(aeqd, "EPSG:4326", always_xy=True).transform
    band = shapely.transform(line, fwd, interleaved=False).buffer(width_km * 500.0)
    return shapely.transform(band, back, interleaved=False)


def places_frame(places: Iterable[Place], *, full_shape: bool = True) -> geopandas.GeoDataFrame:
    """A GeoDataFrame (EPSG:4326) with one row per place: its fields and its geometry
    (the full shape, or the representative point with ``full_shape=False``)."""
    import geopandas

    rows = []
    geoms = []
    for p in places:
        rows.append(
            {
                "id": p.id,
                "name": p.name,
                "kind": p.kind.value,
                "country": p.country,
                "admin": " / ".join(p.admin),
                "lat": p.lat,
                "lon": p.lon,
                "population": p.population,
                "approximate": p.approximate,
                "feature": p.feature,
                "geometry_type": p.geometry_type,
            }
        )
        geoms.append(p.shape() if full_shape else p.point())
    return geopandas.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4326")

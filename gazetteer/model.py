"""The gazetteer's records: a place, its kind, a fuzzy match.

Coordinates are always ``lat``/``lon`` in WGS84 degrees. Shapely geometries use x = lon,
y = lat; the conversion happens in :func:`Place.point` and nowhere else in this package.

>>> p = Place(id="geonames:146970", name="Khankendi", kind=Kind.SETTLEMENT, country="AZ",
...           admin=("Azerbaijan", "Xankəndi"), lat=39.8177, lon=46.7528, population=55000)
>>> p.source, p.geometry_type
('geonames', 'Point')
>>> p.point().x == p.lon
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry


class Kind(StrEnum):
    """What sort of place a record is; the dashboard's layers follow these."""

    CONTINENT = "continent"
    COUNTRY = "country"
    ADMIN1 = "admin1"
    ADMIN2 = "admin2"
    DISTRICT = "district"  # a historical or informal district, or a group of districts
    REGION = "region"  # a named region that is no administrative unit (Karabakh)
    SETTLEMENT = "settlement"
    CORRIDOR = "corridor"
    PHYSICAL = "physical"  # rivers, mountains, lakes, seas
    FACILITY = "facility"  # airports (feature code AIRP)


@dataclass(frozen=True, slots=True)
class Place:
    """One place of the gazetteer.

    ``id`` carries its source as a prefix (``geonames:174875``, ``ne:AZ-LAC``,
    ``local:lachin-corridor``). ``admin`` is the path of names from the country down to the
    place's parent. ``geometry`` is set for places that are not points (polygons for
    countries, districts and regions, a line for a corridor); ``approximate`` says that the
    geometry or point is schematic rather than surveyed.
    """

    id: str
    name: str
    kind: Kind
    country: str | None
    admin: tuple[str, ...]
    lat: float
    lon: float
    population: int = 0
    approximate: bool = False
    feature: str = ""  # GeoNames feature code where known: PPLC capital, PPLA admin-1 seat, ...
    geometry: BaseGeometry | None = field(default=None, compare=False, repr=False)

    @property
    def source(self) -> str:
        return self.id.split(":", 1)[0]

    @property
    def geometry_type(self) -> str:
        return "Point" if self.geometry is None else str(self.geometry.geom_type)

    def point(self) -> Point:
        """The representative point as a shapely Point (x = lon, y = lat)."""
        return Point(self.lon, self.lat)

    def shape(self) -> BaseGeometry:
        """The full geometry: the polygon or line where there is one, else the point."""
        return self.geometry if self.geometry is not None else self.point()


@dataclass(frozen=True, slots=True)
class Match:
    """A fuzzy-search hit: the place, the name of it that matched, a score in [0, 1]."""

    place: Place
    matched_name: str
    score: float

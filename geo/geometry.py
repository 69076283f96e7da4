"""Geometry: the article's places as shapely shapes and a GeoJSON hand-off.

This module is where the geoparser's lat/lon meets x/y (shapely and GeoJSON use x = lon,
y = lat); :class:`gazetteer.model.Place` does the same for gazetteer records, and the map
builders (:mod:`ui.maps.layers`) turn GeoJSON's [lon, lat] into Leaflet's (lat, lon).
:func:`feature_collection` is the contract with the map (see the project README): one feature
per place, its full shape, and the properties the map and the excerpt panel read.

>>> from gazetteer.model import Kind, Place
>>> from geo.model import ArticlePlace, Mention, ParseResult, Resolution
>>> baku = Place("g:1", "Baku", Kind.SETTLEMENT, "AZ", (), 40.4093, 49.8671, feature="PPLC")
>>> r = Resolution(Mention(0, 4, "Baku", "ner:GPE"), baku, 0.9, metonymic=True)
>>> fc = feature_collection(ParseResult("Baku said.", (r,), (ArticlePlace(baku, (r,)),), ()))
>>> fc["features"][0]["geometry"]
{'type': 'Point', 'coordinates': (49.8671, 40.4093)}
>>> fc["features"][0]["properties"]["mentions"]
[{'start': 0, 'end': 4, 'text': 'Baku', 'metonymic': True, 'confidence': 0.9}]
"""

from __future__ import annotations

from typing import Any

from shapely.geometry import LineString, Point, mapping
from shapely.geometry.base import BaseGeometry

from gazetteer.model import Kind, Place
from geo.model import LAYER_OF_KIND, ArticlePlace, ParseResult


def point(lat: float, lon: float) -> Point:
    """A shapely point from lat/lon (x = lon)."""
    return Point(lon, lat)


def latlon(geom: BaseGeometry) -> tuple[float, float]:
    """``(lat, lon)`` of a point geometry, or of a representative point of any other."""
    p = geom if isinstance(geom, Point) else geom.representative_point()
    return (float(p.y), float(p.x))


def shape(place: Place) -> BaseGeometry:
    """The place's full shape: its polygon or line where the gazetteer has one, else a point."""
    geom = place.geometry
    if geom is not None and not geom.is_empty:
        return geom
    return point(place.lat, place.lon)


def layer(place: Place) -> str:
    return LAYER_OF_KIND.get(place.kind, "settlements")


def _alternatives(ap: ArticlePlace) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for r in ap.resolutions:
        for c in r.alternatives:
            if c.place.id == ap.place.id or c.place.id in seen:
                continue
            seen[c.place.id] = {
                "place_id": c.place.id,
                "name": c.place.name,
                "kind": str(c.place.kind),
                "score": c.score,
            }
    return list(seen.values())[:5]


#: The scalar properties of a place feature, in order (exports use the same columns).
PLACE_FIELDS = (
    "place_id",
    "name",
    "kind",
    "layer",
    "country",
    "lat",
    "lon",
    "count",
    "confidence",
    "approximate",
    "focus",
)


def place_properties(ap: ArticlePlace, *, focus: bool = False) -> dict[str, Any]:
    """The :data:`PLACE_FIELDS` of a place of the article."""
    p = ap.place
    return {
        "place_id": p.id,
        "name": p.name,
        "kind": str(p.kind),
        "layer": layer(p),
        "country": p.country,
        "lat": p.lat,
        "lon": p.lon,
        "count": ap.count,
        "confidence": ap.confidence,
        "approximate": p.approximate,
        "focus": focus,
    }


def feature(ap: ArticlePlace, *, focus: bool = False) -> dict[str, Any]:
    """One GeoJSON feature for a place of the article with all its mentions."""
    p = ap.place
    geom = shape(p)
    return {
        "type": "Feature",
        "id": p.id,
        "geometry": mapping(geom),
        "properties": {
            **place_properties(ap, focus=focus),
            "geometry_type": geom.geom_type,
            "mentions": [
                {
                    "start": r.mention.start,
                    "end": r.mention.end,
                    "text": r.mention.text,
                    "metonymic": r.metonymic,
                    "confidence": r.confidence,
                }
                for r in ap.resolutions
            ],
            "alternatives": _alternatives(ap),
        },
    }


def feature_collection(result: ParseResult) -> dict[str, Any]:
    """The article's places as a GeoJSON FeatureCollection, one feature per place."""
    focus = set(result.focus)
    return {
        "type": "FeatureCollection",
        "features": [feature(ap, focus=ap.place.id in focus) for ap in result.places],
    }


def is_line(place: Place) -> bool:
    return isinstance(shape(place), LineString) or shape(place).geom_type == "MultiLineString"


def contains(place: Place, lat: float, lon: float) -> bool:
    """Whether a lat/lon lies inside the place's shape (a point: never)."""
    return bool(shape(place).covers(point(lat, lon)))


__all__ = [
    "Kind",
    "contains",
    "feature",
    "feature_collection",
    "latlon",
    "layer",
    "point",
    "shape",
]

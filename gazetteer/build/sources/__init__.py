"""The sources the index is built from, one module each; every one yields :class:`Row` records.

A :class:`Row` is the mutable form of a place while the index is assembled; the built index
hands out frozen :class:`gazetteer.model.Place` records.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from shapely.geometry.base import BaseGeometry

from gazetteer.model import Kind
from gazetteer.prominence import index_score


@dataclass(slots=True)
class Row:
    """A place being assembled: a Place plus its names, parents and prominence."""

    id: str
    name: str
    kind: Kind
    country: str | None
    lat: float
    lon: float
    population: int = 0
    approximate: bool = False
    feature: str = ""
    admin: tuple[str, ...] = ()
    geometry: BaseGeometry | None = None
    names: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    #: (ISO 639-1 language, name) for the names whose language the source states
    langs: list[tuple[str, str]] = field(default_factory=list)
    prominence: float = 0.0  # the index score (gazetteer.prominence.index_score)


def weighted_mean(pts: list[tuple[float, float, int]]) -> tuple[float, float]:
    """The population-weighted mean (lat, lon) of (lat, lon, population) points; a place
    without a population counts as one person.

    >>> weighted_mean([(10.0, 20.0, 3), (20.0, 40.0, 0)])
    (12.5, 25.0)
    """
    w = [max(p, 1) for _, _, p in pts]
    total = sum(w)
    lat = sum(wi * la for wi, (la, _, _) in zip(w, pts, strict=True)) / total
    lon = sum(wi * lo for wi, (_, lo, _) in zip(w, pts, strict=True)) / total
    return lat, lon


def region_row(
    id: str,
    name: str,
    names: list[str],
    *,
    approximate: bool,
    geometry: BaseGeometry | None = None,
) -> Row:
    """A region's row: no country, and a point that the build derives later from its outline
    or members (0, 0 until then)."""
    return Row(
        id=id,
        name=name,
        kind=Kind.REGION,
        country=None,
        lat=0.0,
        lon=0.0,
        approximate=approximate,
        feature="RGN",
        geometry=geometry,
        names=names,
        prominence=index_score(Kind.REGION, 0),
    )

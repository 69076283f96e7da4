"""The sources the index is built from, one module each; every one yields :class:`Row` records.

A :class:`Row` is the mutable form of a place while the index is assembled; the built index
hands out frozen :class:`gazetteer.model.Place` records.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from shapely.geometry.base import BaseGeometry

from gazetteer.model import Kind

#: Bonus on the prominence of a settlement by its GeoNames feature code.
FEATURE_BONUS: dict[str, float] = {
    "PPLC": 20.0,
    "PPLG": 8.0,
    "PPLA": 8.0,
    "PPLA2": 3.0,
    "PPLA3": 1.0,
    "PPLA4": 0.5,
    "PPLX": -3.0,
    "PPLH": -5.0,
    "PPLQ": -5.0,
    "PPLW": -5.0,
    "PPLCH": -3.0,
    # The curated physical features are the world's major ones: a bare "Nile" or "Alps"
    # means them, not a hamlet of that name.
    "OCN": 60.0,
    "SEA": 45.0,
    "GULF": 40.0,
    "STRT": 35.0,
    "STM": 30.0,
    "MTS": 30.0,
    "LK": 30.0,
    "DSRT": 30.0,
    "MT": 25.0,
    # Canals carry shipping news like straits; islands, peninsulas and lake groups rank
    # with ranges and lakes; plateaus, basins, valleys and forests a little lower, as they are
    # less often the bare referent of their name.
    "CNL": 35.0,
    "ISL": 30.0,
    "ISLS": 30.0,
    "PEN": 30.0,
    "LKS": 30.0,
    "PLAT": 25.0,
    "BSN": 25.0,
    "VAL": 25.0,
    "FRST": 25.0,
    # An airport outranks a small namesake far away for its bare name ("Heathrow": the
    # airport, not the hamlet in Florida) but not a town of over about 10,000 people that has
    # the name as its own (Narita, Domodedovo), nor any city ("Vancouver").
    "AIRP": 32.0,
}


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
    prominence: float = 0.0


def primary_bonus(kind: Kind) -> float:
    """Bonus when the query is the place's main name rather than one of its aliases.

    Admin units get less: they are often named after their seat, which should win.
    """
    return 3.0 if kind in (Kind.ADMIN1, Kind.ADMIN2, Kind.DISTRICT) else 10.0


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


def prominence(kind: Kind, population: int, feature: str = "") -> float:
    """How strongly a bare name suggests this place; look-ups rank by it.

    >>> prominence(Kind.COUNTRY, 10_000_000) > prominence(Kind.SETTLEMENT, 10_000_000, "PPLC")
    True
    >>> prominence(Kind.SETTLEMENT, 2_000) > prominence(Kind.DISTRICT, 0)
    True
    >>> own = primary_bonus(Kind.SETTLEMENT)
    >>> (prominence(Kind.SETTLEMENT, 5_896) + own
    ...  < prominence(Kind.FACILITY, 0, "AIRP")
    ...  < prominence(Kind.SETTLEMENT, 12_000) + own)
    True
    """
    logpop = 5.0 * math.log10(max(population, 0) + 1)
    if kind is Kind.CONTINENT:
        return 100.0
    if kind is Kind.COUNTRY:
        return 90.0 + logpop / 10
    if kind is Kind.REGION:
        return 45.0
    if kind is Kind.CORRIDOR:
        return 40.0
    if kind is Kind.SETTLEMENT:
        return 5.0 + logpop + FEATURE_BONUS.get(feature, 0.0)
    if kind is Kind.ADMIN1:
        return max(logpop - 2.0, 1.0)
    if kind is Kind.ADMIN2:
        return max(logpop - 8.0, 0.5)
    if kind is Kind.PHYSICAL or kind is Kind.FACILITY:
        return 3.0 + logpop + FEATURE_BONUS.get(feature, 0.0)
    return 2.0


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
        prominence=prominence(Kind.REGION, 0),
    )

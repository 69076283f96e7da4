"""Prominence: how strongly a bare name suggests a place. Defined once, here.

The index ranks the places of a name by :func:`index_score` (its look-up order); readers of the
index (the geoparser) weigh candidates by :class:`ProminenceCurve`, a score in [0, 1]. Both read
the one feature-code table :data:`FEATURE_BONUS`, so a capital or a major sea that comes first
in a look-up is also the more prominent candidate.

>>> curve = ProminenceCurve()
>>> round(curve(Kind.SETTLEMENT, 2_000_000, "PPLC"), 2), curve(Kind.COUNTRY, 0)
(1.0, 1.0)
>>> curve(Kind.SETTLEMENT, 500) < curve(Kind.SETTLEMENT, 50_000, "PPLA2") < curve(Kind.ADMIN1, 0)
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from gazetteer.model import Kind, Place

#: Bonus on the index score by GeoNames feature code (index score units).
FEATURE_BONUS: Mapping[str, float] = MappingProxyType(
    {
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
        # The world's major physical features: a bare "Nile" or "Alps" means them, not a hamlet
        # of that name.
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
        # with ranges and lakes; plateaus, basins, valleys and forests a little lower, as they
        # are less often the bare referent of their name.
        "CNL": 35.0,
        "ISL": 30.0,
        "ISLS": 30.0,
        "PEN": 30.0,
        "LKS": 30.0,
        "PLAT": 25.0,
        "BSN": 25.0,
        "VAL": 25.0,
        "FRST": 25.0,
        # An airport outranks a small namesake far away for its bare name but not a town of
        # over about 10,000 people that has the name as its own, nor any city.
        "AIRP": 32.0,
    }
)


def index_score(kind: Kind, population: int, feature: str = "") -> float:
    """The look-up order of the index: the places of a name come best first by this score.

    >>> index_score(Kind.COUNTRY, 10_000_000) > index_score(Kind.SETTLEMENT, 10_000_000, "PPLC")
    True
    >>> index_score(Kind.SETTLEMENT, 2_000) > index_score(Kind.DISTRICT, 0)
    True
    >>> own = primary_bonus(Kind.SETTLEMENT)
    >>> (index_score(Kind.SETTLEMENT, 5_896) + own
    ...  < index_score(Kind.FACILITY, 0, "AIRP")
    ...  < index_score(Kind.SETTLEMENT, 12_000) + own)
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


def primary_bonus(kind: Kind) -> float:
    """Index bonus when the query is the place's main name rather than one of its aliases.

    Admin units get less: they are often named after their seat, which should win.
    """
    return 3.0 if kind in (Kind.ADMIN1, Kind.ADMIN2, Kind.DISTRICT) else 10.0


@dataclass(frozen=True, slots=True)
class ProminenceCurve:
    """How surely a bare name means this place, in [0, 1], from its kind, feature and people.

    Settlements follow ``base + per_decade * log10(population)`` plus their feature's
    :data:`FEATURE_BONUS` times ``bonus_scale``; countries and continents are certain; areas,
    second-level units and airports have fixed values; a curated major physical feature
    (a sea, a great river: ids ``local:``) is never below ``physical_floor``, the many small
    features of Natural Earth weigh by their feature alone.
    """

    country: float = 1.0
    area: float = 0.85
    admin2: float = 0.6
    facility: float = 0.85
    base: float = 0.1
    per_decade: float = 0.12
    bonus_scale: float = 1 / 80
    physical_floor: float = 0.5

    def __call__(self, kind: Kind, population: int, feature: str = "") -> float:
        if kind in (Kind.COUNTRY, Kind.CONTINENT):
            return self.country
        if kind in (Kind.ADMIN1, Kind.REGION, Kind.CORRIDOR, Kind.DISTRICT):
            return self.area
        if kind is Kind.ADMIN2:
            return self.admin2
        if kind is Kind.FACILITY:
            # An airport's bare name is an alternate name: it must outweigh a small namesake
            # that has it as its own name, but not a town.
            return self.facility
        value = self.base + self.per_decade * math.log10(max(population, 1))
        if kind is Kind.SETTLEMENT:
            value += self.bonus_scale * FEATURE_BONUS.get(feature, 0.0)
        return min(1.0, value)

    def of(self, place: Place) -> float:
        value = self(place.kind, place.population, place.feature)
        if place.kind is Kind.PHYSICAL and place.source == "local":
            value = max(value, self.physical_floor)
        return value

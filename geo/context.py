"""The document's geographic context: what its other mentions say about where it is.

Built in a first pass from the mentions that are nearly unambiguous (countries, states, the
most prominent sense of each name); read in the second pass to rank each mention's candidates.

>>> from gazetteer.model import Kind, Place
>>> ctx = Context(ContextSettings())
>>> ctx.add(Place("g:1", "Texas", Kind.ADMIN1, "US", ("United States",), 31.0, -99.0), 1.0)
>>> ctx.country_weight("US"), ctx.country_weight("FR")
(1.0, 0.0)
>>> ctx.admin_match(Place("g:2", "Paris", Kind.SETTLEMENT, "US", ("United States", "Texas"),
...                       33.66, -95.55))
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from gazetteer.geodesy import haversine_km
from gazetteer.model import Kind, Place
from gazetteer.normalize import name_key
from geo.config import Context as ContextSettings


@dataclass(slots=True)
class Context:
    """Countries, admin areas and points the document names, with weights, by name group.

    A group (all mentions of one name) never counts as its own context.
    """

    settings: ContextSettings = field(default_factory=ContextSettings)
    countries: dict[str, dict[object, float]] = field(default_factory=dict)
    admins: dict[str, dict[object, float]] = field(default_factory=dict)  # admin name keys
    points: list[tuple[float, float, float, object]] = field(default_factory=list)

    def add(self, place: Place, weight: float, group: object = None) -> None:
        if place.country:
            d = self.countries.setdefault(place.country, {})
            d[group] = max(d.get(group, 0.0), weight)
        if place.kind in (Kind.ADMIN1, Kind.ADMIN2, Kind.REGION, Kind.DISTRICT, Kind.COUNTRY):
            d = self.admins.setdefault(name_key(place.name), {})
            d[group] = max(d.get(group, 0.0), weight)
        if place.kind not in (Kind.COUNTRY, Kind.CONTINENT):
            self.points.append((place.lat, place.lon, weight, group))

    @staticmethod
    def _other(d: dict[object, float] | None, group: object) -> float:
        if not d:
            return 0.0
        return max((w for g, w in d.items() if g != group or group is None), default=0.0)

    def country_weight(self, iso2: str | None, group: object = None) -> float:
        return self._other(self.countries.get(iso2), group) if iso2 else 0.0

    def admin_match(self, place: Place, group: object = None) -> bool:
        """True when one of the place's parent areas is named elsewhere in the document."""
        return any(self._other(self.admins.get(name_key(a)), group) > 0 for a in place.admin[1:])

    def closeness(self, place: Place, group: object = None) -> float:
        """In [0, 1]: 1 when another place of the document lies within ``near_km``, 0 beyond
        ``far_km``, log-linear between."""
        if place.kind in (Kind.COUNTRY, Kind.CONTINENT) or not self.points:
            return 0.0
        best = 0.0
        near, far = self.settings.near_km, self.settings.far_km
        for lat, lon, w, g in self.points:
            if group is not None and g == group:
                continue
            if w <= best:
                continue
            d = haversine_km(lat, lon, place.lat, place.lon)
            if d <= near:
                v = 1.0
            elif d >= far:
                v = 0.0
            else:
                v = 1.0 - math.log(d / near) / math.log(far / near)
            best = max(best, v * w)
        return best

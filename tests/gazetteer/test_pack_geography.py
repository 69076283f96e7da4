"""The derived Natural Earth files put things where they are: admin-1 label points in their own
province and country, country outlines that do not wrap round the globe."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from functools import cache
from typing import Any

import pytest
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points, unary_union

from gazetteer.data.build_pack import decode_topojson
from gazetteer.paths import DATA_DIR, data_path

from .distance import km


@cache
def outlines() -> dict[str, BaseGeometry]:
    parts: dict[str, list[BaseGeometry]] = defaultdict(list)
    for f in json.loads(data_path("countries.geojson").read_text(encoding="utf-8"))["features"]:
        if f["properties"]["iso_a2"]:
            parts[f["properties"]["iso_a2"]].append(shape(f["geometry"]))
    return {iso: unary_union(p) for iso, p in parts.items()}


@cache
def labels() -> list[dict[str, str]]:
    with open(DATA_DIR / "admin1_labels.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def km_outside(outline: BaseGeometry, lat: float, lon: float) -> float:
    pt = Point(lon, lat)
    if outline.covers(pt):
        return 0.0
    near = nearest_points(outline, pt)[0]
    return km(lat, lon, near.y, near.x)


# Centres of the provinces from general reference (approximate, well within 150 km).
PROVINCES = [
    ("IR.26", "Tehran", 35.6, 51.4),
    ("IR.04", "Sistan and Baluchestan", 27.5, 60.5),
    ("IR.16", "Kurdistan", 35.6, 47.0),
    ("IR.15", "Khuzestan", 31.4, 48.9),
    ("IR.07", "Fars", 29.3, 53.0),
    ("IR.01", "West Azerbaijan", 37.4, 45.3),
    ("IR.42", "Razavi Khorasan", 35.6, 59.0),
    ("IR.44", "Alborz", 36.0, 50.7),
    ("MA.02", "L'Oriental", 33.5, -2.4),
    ("MA.07", "Marrakech-Safi", 31.8, -8.6),
    ("MA.09", "Souss-Massa", 30.2, -8.5),
    ("MA.12", "Dakhla-Oued Ed-Dahab", 22.7, -14.8),
    ("VN.01", "Hanoi", 21.0, 105.8),
    ("VN.46", "Thua Thien-Hue", 16.4, 107.5),
    ("VN.79", "Ho Chi Minh City", 10.8, 106.7),
    ("VN.91", "An Giang", 10.5, 105.1),
    ("LY.69", "Benghazi", 31.5, 20.4),
    ("LY.75", "Sabha", 27.0, 14.4),
    ("LY.72", "Misrata", 31.6, 15.0),
    ("LV.25", "Riga", 56.95, 24.1),
    ("LV.06", "Daugavpils (city)", 55.87, 26.52),
    ("LV.11", "Jelgava (city)", 56.65, 23.72),
    ("RU.48", "Moscow (city)", 55.75, 37.6),
    ("RU.47", "Moscow Oblast", 55.6, 37.5),
    ("NO.21", "Trøndelag", 63.5, 11.0),
]


@pytest.mark.parametrize(("code", "name", "lat", "lon"), PROVINCES, ids=[p[0] for p in PROVINCES])
def test_admin1_label_point_is_in_its_province(
    code: str, name: str, lat: float, lon: float
) -> None:
    [row] = [r for r in labels() if r["admin_code"] == code]
    d = km(float(row["lat"]), float(row["lon"]), lat, lon)
    assert d < 150, f"{name} ({code}) placed at {row['name']!r}, {d:.0f} km from its centre"


def test_admin1_codes_are_unique() -> None:
    codes = [r["admin_code"] for r in labels() if r["admin_code"]]
    assert len(codes) == len(set(codes))


def test_azerbaijan_joins_on_iso_not_on_swapped_gn_ids() -> None:
    admin = {r["iso_3166_2"]: r["admin_code"] for r in labels() if r["country"] == "AZ"}
    assert admin["AZ-XCI"] == "AZ.64" and admin["AZ-XA"] == "AZ.61"


def test_every_admin1_label_point_lies_in_its_country() -> None:
    """Near its own country (NE's, or GeoNames' where they differ: Crimea); a point far from
    every outline is an island too small for the 1:50m outlines (Maldives, Tristan da Cunha)."""
    shapes = outlines()
    wrong = []
    for r in labels():
        if not r["admin_code"]:
            continue
        lat, lon = float(r["lat"]), float(r["lon"])
        own = {r["country"], r["admin_code"].split(".")[0]} & set(shapes)
        if not own or any(km_outside(shapes[c], lat, lon) <= 30 for c in own):
            continue
        reach = Point(lon, lat).buffer(1.0)
        near = [
            iso
            for iso, g in shapes.items()
            if g.intersects(reach) and km_outside(g, lat, lon) <= 30
        ]
        if near:
            wrong.append((r["adm1_code"], r["name"], r["admin_code"], near))
    assert not wrong


def _rings(geom: dict[str, Any]) -> list[list[list[float]]]:
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    return [ring for poly in polys for ring in poly]


def test_no_country_ring_wraps_round_the_globe() -> None:
    features = json.loads(data_path("countries.geojson").read_text(encoding="utf-8"))["features"]
    wide = []
    for f in features:
        for ring in _rings(f["geometry"]):
            xs = [x for x, _ in ring]
            reaches_pole = (
                min(y for _, y in ring) <= -89.9
            )  # Antarctica's cap spans every longitude
            if max(xs) - min(xs) > 180 and not reaches_pole:
                wide.append((f["properties"]["name"], min(xs), max(xs)))
    assert not wide


@pytest.mark.parametrize(
    ("iso", "lat", "lon", "inside"),
    [
        ("RU", 68.97, 33.09, True),  # Murmansk, on the Kola Peninsula
        ("RU", 74.70, -94.83, False),  # Resolute, Canada
        ("CA", 74.70, -94.83, True),
        ("RU", 64.73, 177.51, True),  # Anadyr
        ("RU", 66.0, -171.0, True),  # Chukotka east of 180°
        ("RU", 71.2, -179.5, True),  # Wrangel Island, across 180°
        ("RU", 55.75, 37.62, True),  # Moscow
        ("FJ", -18.14, 178.44, True),  # Suva
        ("FJ", -17.0, 10.0, False),
        ("AQ", -80.0, 0.0, True),
        ("AQ", -75.0, 100.0, True),
        ("US", 51.9, -176.6, True),  # Adak, Aleutians
        ("NZ", -43.95, -176.55, True),  # Chatham Islands
    ],
)
def test_country_outlines_across_the_antimeridian(
    iso: str, lat: float, lon: float, inside: bool
) -> None:
    assert (km_outside(outlines()[iso], lat, lon) <= 5) is inside


def test_topojson_ring_across_the_antimeridian_is_split() -> None:
    # A 2°-wide square centred on 180°, quantised to 0.5°: x from 179 to -179.
    topo = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.5], "translate": [-180, -90]},
        "arcs": [[[718, 178], [-716, 0], [0, 4], [716, 0], [0, -4]]],
        "objects": {
            "o": {
                "type": "GeometryCollection",
                "geometries": [{"type": "Polygon", "arcs": [[0]], "id": "1"}],
            }
        },
    }
    [(_, geom)] = list(decode_topojson(topo, "o"))
    assert geom.area == pytest.approx(4.0)
    assert geom.bounds == (-180.0, -1.0, 180.0, 1.0)
    assert geom.covers(Point(179.5, 0)) and geom.covers(Point(-179.5, 0))
    assert not geom.covers(Point(0, 0))

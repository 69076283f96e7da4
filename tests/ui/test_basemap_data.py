"""The offline basemap's derived data files (static/basemap, made by build_basemap.py).

No browser: these check the files the browser's basemap.js reads, decoded here independently of
the build script.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from shapely.geometry import LineString, Point, Polygon, box

ROOT = Path(__file__).resolve().parents[2]
BASEMAP = ROOT / "static" / "basemap"
BUDGET_BYTES = 25 * 1024 * 1024

#: What basemap.js fetches.
DATA_FILES = (
    "countries.geojson",
    "lakes.json",
    "rivers.json",
    "admin1.json",
    "labels.json",
    "towns.json",
    "towns-detail.json",
)
#: The South Caucasus box of the brief: 38.8-41 N, 45-49.5 E.
CAUCASUS = box(45.0, 38.8, 49.5, 41.0)


@cache
def load(name: str) -> Any:
    return json.loads((BASEMAP / name).read_text(encoding="utf-8"))


def decode(flat: Sequence[int], scale: int) -> list[tuple[float, float]]:
    """(lon, lat) points of one delta-encoded path: first vertex absolute, then differences."""
    assert len(flat) % 2 == 0 and len(flat) >= 4, "a path has at least two vertices"
    x, y = flat[0], flat[1]
    points = [(x / scale, y / scale)]
    for i in range(2, len(flat), 2):
        x, y = x + flat[i], y + flat[i + 1]
        points.append((x / scale, y / scale))
    return points


def paths(row: Sequence[Any], scale: int) -> Iterator[list[tuple[float, float]]]:
    for part in row[-1]:
        for flat in part:
            yield decode(flat, scale)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


# --- files and budget -----------------------------------------------------------------------


@pytest.mark.parametrize("name", DATA_FILES)
def test_data_file_exists_and_parses(name: str) -> None:
    path = BASEMAP / name
    assert path.is_file(), f"{name} missing: run static/basemap/build_basemap.py"
    assert path.stat().st_size > 1000
    assert load(name)


def test_script_and_sources_are_shipped() -> None:
    for name in ("basemap.js", "build_basemap.py", "SOURCES.md"):
        assert (BASEMAP / name).is_file()
    js = (BASEMAP / "basemap.js").read_text(encoding="utf-8")
    assert "window.NewsreaderBasemap" in js
    for name in DATA_FILES:
        assert f'"/{name}"' in js, f"basemap.js does not fetch {name}"


def test_basemap_folder_is_within_budget() -> None:
    total = sum(p.stat().st_size for p in BASEMAP.rglob("*") if p.is_file())
    assert total <= BUDGET_BYTES, f"static/basemap is {total / 1e6:.1f} MB"


def test_every_file_is_listed_in_sources() -> None:
    sources = (BASEMAP / "SOURCES.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([^`]+)` \|", sources, flags=re.MULTILINE))
    files = {
        p.name
        for p in BASEMAP.iterdir()
        if p.is_file() and p.name != "SOURCES.md" and not p.name.startswith(".")
    }
    assert files <= listed, f"not in SOURCES.md: {sorted(files - listed)}"
    assert "public domain" in sources and "CC BY 4.0" in sources and "ISC" in sources


def test_shape_files_are_compact() -> None:
    """No coordinate finer than the file's grid: shape files hold integers only."""
    for name in ("lakes.json", "rivers.json", "admin1.json"):
        data = load(name)
        assert data["scale"] == 1000
        for row in data["features"][:200]:
            assert len(row) == len(data["fields"]) + 1
            for part in row[-1]:
                for flat in part:
                    assert all(isinstance(v, int) for v in flat)


# --- towns ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "lat", "lon"),
    [("Goris", 39.51, 46.34), ("Ganja", 40.68, 46.36), ("Barda", 40.37, 47.13)],
)
def test_caucasus_towns_show_by_zoom_9_at_their_place(name: str, lat: float, lon: float) -> None:
    rows = [r for r in load("towns.json") if r[0] == name]
    assert rows, f"{name} is not among the towns"
    near = [r for r in rows if km(lat, lon, r[1], r[2]) < 5]
    assert near, f"{name} is at {[(r[1], r[2]) for r in rows]}, not near {lat}, {lon}"
    assert min(r[3] for r in near) <= 9


def test_town_rows_are_well_formed_and_ordered() -> None:
    for file, at_least in (("towns.json", 7000), ("towns-detail.json", 10000)):
        rows = load(file)
        assert len(rows) >= at_least
        for name, lat, lon, min_zoom, labelrank, pop in rows:
            assert isinstance(name, str) and name.strip() == name and name
            assert -90 <= lat <= 90 and -180 <= lon <= 180
            assert 0 <= min_zoom <= 12 and isinstance(labelrank, int) and pop >= 0
        # The browser labels in file order and skips overlaps: most important first.
        assert [r[3] for r in rows] == sorted(r[3] for r in rows)


def test_towns_prefer_english_names() -> None:
    names = {r[0] for r in load("towns.json")}
    assert {"Moscow", "Tbilisi", "Yerevan", "Baku", "Ganja", "Aghdam"} <= names
    assert not any("ə" in n for n in names), "Azerbaijani spellings instead of English ones"


def test_aghdam_is_the_town_not_the_village_in_tovuz() -> None:
    rows = [r for r in load("towns.json") if r[0] in ("Aghdam", "Ağdam", "Agdam")]
    assert rows
    assert all(km(39.99, 46.93, r[1], r[2]) < 5 for r in rows)


def test_detail_towns_are_not_towns_already_listed() -> None:
    """A GeoNames town within 3 km of a town listed before it, or of the same name within
    15 km, is that town (or its suburb) and is left out."""
    cells: dict[tuple[int, int], list[list[Any]]] = {}

    def neighbours(lat: float, lon: float) -> Iterator[list[Any]]:
        ci, cj = math.floor(lat * 5), math.floor(lon * 5)
        for i in range(ci - 1, ci + 2):
            for j in range(cj - 3, cj + 4):
                yield from cells.get((i, j), ())

    for row in load("towns.json"):
        cells.setdefault((math.floor(row[1] * 5), math.floor(row[2] * 5)), []).append(row)
    doubles = []
    for row in load("towns-detail.json"):
        assert row[3] >= 10
        for other in neighbours(row[1], row[2]):
            d = km(row[1], row[2], other[1], other[2])
            # 0.2 km of slack: the build compares points before they are rounded to 0.001°.
            if d < 2.8 or (d < 14.8 and row[0].casefold() == other[0].casefold()):
                doubles.append((row[0], other[0], round(d, 1)))
        cells.setdefault((math.floor(row[1] * 5), math.floor(row[2] * 5)), []).append(row)
    assert not doubles, doubles[:20]


# --- rivers, lakes, boundaries --------------------------------------------------------------


@pytest.mark.parametrize("river", ["Aras", "Kura"])
def test_caucasus_rivers_cross_the_box(river: str) -> None:
    data = load("rivers.json")
    rows = [r for r in data["features"] if r[data["fields"].index("name")] == river]
    assert rows, f"no river named {river}"
    inside = [
        LineString(p).intersection(CAUCASUS)
        for r in rows
        for p in paths(r, data["scale"])
        if LineString(p).intersects(CAUCASUS)
    ]
    assert inside, f"{river} does not reach 38.8-41 N, 45-49.5 E"
    west = min(g.bounds[0] for g in inside)
    east = max(g.bounds[2] for g in inside)
    # Both flow across Azerbaijan towards the Caspian: over 2 degrees of longitude in the box.
    assert east - west > 2.0, f"{river} spans only {west:.2f}-{east:.2f} E in the box"
    assert all(r[data["fields"].index("min_zoom")] <= 7 for r in rows)


def test_lake_sevan_is_a_lake() -> None:
    data = load("lakes.json")
    sevan = Point(45.3, 40.35)
    assert any(
        Polygon(rings[0], rings[1:]).contains(sevan)
        for r in data["features"]
        for rings in ([decode(f, data["scale"]) for f in part] for part in r[-1])
    )


def test_admin1_lines_are_inside_countries_only() -> None:
    data = load("admin1.json")
    by_country = {r[0]: r for r in data["features"]}
    assert {"AZE", "ARM", "GEO", "RUS", "USA"} <= set(by_country)
    aze = [LineString(p) for p in paths(by_country["AZE"], data["scale"])]
    assert sum(line.length for line in aze) > 20  # degrees: dozens of rayons
    assert all(line.intersects(box(44.7, 38.3, 50.7, 42.0)) for line in aze)


# --- labels ---------------------------------------------------------------------------------


def test_country_labels_sit_in_their_country() -> None:
    labels = {r[0]: r for r in load("labels.json")["countries"]}
    assert len(labels) > 200
    _name, lat, lon, _min_zoom, _size = labels["Azerbaijan"]
    assert 38.4 < lat < 41.9 and 44.8 < lon < 50.4
    assert labels["Russia"][3] == 2 and labels["Russia"][4] == 0
    assert labels["Russia"][3] < labels["Azerbaijan"][3] <= 5


def test_region_labels_carry_the_corrected_azerbaijani_names() -> None:
    regions = load("labels.json")["regions"]
    near_lachin = [r[0] for r in regions if km(39.7, 46.4, r[1], r[2]) < 30]
    assert "Lachin" in near_lachin and "Lankaran" not in near_lachin
    assert any(r[0] == "Lankaran" and km(38.75, 48.85, r[1], r[2]) < 40 for r in regions)


def test_water_labels_name_the_seas() -> None:
    water = {r[0]: r for r in load("labels.json")["water"]}
    for sea in ("Caspian Sea", "Black Sea", "Lake Sevan"):
        assert sea in water
    assert water["Caspian Sea"][3] <= 3

"""Natural Earth's physical features (``data/physical_ne.geojson[.gz]``) and their reader.

No index is needed: these read the derived file and the curated ``physical.csv``.
"""

from __future__ import annotations

from collections import Counter

import pytest
from shapely.geometry import Point, box

from gazetteer.build.sources import Row, natural_earth, pack
from gazetteer.model import Kind
from gazetteer.normalize import name_key
from gazetteer.prominence import index_score, primary_bonus

#: (lat, lon) of places on the rivers, from general reference.
VIENNA, BUDAPEST, BELGRADE = (48.21, 16.37), (47.50, 19.05), (44.82, 20.46)
CAIRO, KHARTOUM = (30.04, 31.24), (15.60, 32.53)
MEGHRI = (38.90, 46.24)  # on the Aras, where it is the Armenia–Iran border
TIRUCHIRAPPALLI = (10.83, 78.69)  # on the Kaveri


@pytest.fixture(scope="module")
def rows() -> list[Row]:
    return list(natural_earth.rows())


def named(rows: list[Row], name: str, *features: str) -> list[Row]:
    key = name_key(name)
    return [
        r
        for r in rows
        if (not features or r.feature in features) and key in {name_key(n) for n in r.names}
    ]


def near(row: Row, at: tuple[float, float], degrees: float = 0.1) -> bool:
    assert row.geometry is not None
    return bool(row.geometry.distance(Point(at[1], at[0])) <= degrees)


def test_ids_are_unique_and_rows_complete(rows: list[Row]) -> None:
    ids = [r.id for r in rows]
    assert len(ids) == len(set(ids)) > 7000
    for r in rows:
        assert r.id.startswith("ne:") and r.kind is Kind.PHYSICAL
        assert r.name and r.names[0] == r.name and name_key(r.name)
        assert -90 <= r.lat <= 90 and -180 <= r.lon <= 180
        assert r.feature.isupper() and 2 <= len(r.feature) <= 4
        assert r.country is None or (len(r.country) == 2 and r.parents == [f"country:{r.country}"])
        if r.geometry is not None:
            assert r.geometry.is_valid and not r.geometry.is_empty
            # The label point lies on the line or inside the polygon.
            assert r.geometry.distance(Point(r.lon, r.lat)) < 1e-3


def test_every_kind_of_feature_is_there(rows: list[Row]) -> None:
    counts = Counter(r.feature for r in rows)
    for code, least in {
        "STM": 2000,
        "LK": 1000,
        "RSV": 100,
        "MTS": 150,
        "MT": 500,
        "DSRT": 40,
        "SEA": 50,
        "GULF": 40,
        "BAY": 40,
        "STRT": 20,
        "OCN": 5,
        "ISL": 200,
        "PEN": 30,
        "PLAT": 40,
    }.items():
        assert counts[code] >= least, code
    shapes = Counter(
        r.geometry.geom_type if r.geometry is not None else "Point"
        for r in rows
        if r.feature in ("STM", "LK", "MT")
    )
    assert shapes["Point"] == Counter(r.feature for r in rows)["MT"]  # peaks only


def test_aras_is_one_line_along_the_armenia_iran_border(rows: list[Row]) -> None:
    (aras,) = named(rows, "Aras", "STM")
    assert aras.name == "Aras River"
    assert aras.geometry is not None
    assert aras.geometry.geom_type in ("LineString", "MultiLineString")
    assert near(aras, MEGHRI)
    # From its source near Erzurum (41.3E) to the Kura: most of it between 38.8-41N, 44-49E.
    inside = aras.geometry.intersection(box(44.0, 38.8, 49.0, 41.0)).length
    assert inside > 0.5 * aras.geometry.length
    west, south, east, north = aras.geometry.bounds
    assert 40.5 < west < east < 49.5
    assert 38.5 < south < north < 41.5
    assert aras.country is None  # a border river


def test_lake_sevan_is_a_polygon_in_armenia(rows: list[Row]) -> None:
    (sevan,) = named(rows, "Lake Sevan", "LK")
    assert sevan.geometry is not None and sevan.geometry.geom_type == "Polygon"
    assert sevan.geometry.contains(Point(45.3, 40.4))
    assert sevan.country == "AM"
    assert 0.08 < sevan.geometry.area < 0.2  # about 1,260 km²


def test_caspian_sea_is_a_polygon(rows: list[Row]) -> None:
    (caspian,) = named(rows, "Caspian Sea", "SEA", "LK")
    g = caspian.geometry
    assert g is not None and "Polygon" in g.geom_type
    assert g.contains(Point(50.5, 42.0))  # the middle Caspian
    assert not g.contains(Point(51.39, 35.69))  # Tehran
    assert 30 < g.area < 50
    assert caspian.country is None
    assert caspian.prominence == index_score(Kind.PHYSICAL, 0, "SEA")  # a major feature


def test_danube_is_one_merged_feature(rows: list[Row]) -> None:
    (danube,) = named(rows, "Danube", "STM")
    assert danube.name == "Danube River" and "Donau" in danube.names
    assert all(near(danube, city) for city in (VIENNA, BUDAPEST, BELGRADE))
    assert danube.country is None


def test_sahara_is_a_desert_polygon(rows: list[Row]) -> None:
    (sahara,) = named(rows, "Sahara", "DSRT")
    g = sahara.geometry
    assert g is not None and "Polygon" in g.geom_type
    west, south, east, north = g.bounds
    assert west < -10 and east > 30 and south < 20 and north > 28
    assert 15 < sahara.lat < 32


def test_kaveri_exists_under_either_spelling(rows: list[Row]) -> None:
    found = named(rows, "Cauvery", "STM") + named(rows, "Kaveri", "STM")
    assert found and len({r.id for r in found}) == 1
    assert near(found[0], TIRUCHIRAPPALLI)
    assert found[0].country == "IN"


def test_river_names_are_never_bare_english_words(rows: list[Row]) -> None:
    words = {"red", "yellow", "black", "white", "green", "snake"}
    rivers = [r for r in rows if r.feature in ("STM", "STMI")]
    assert not [r.id for r in rivers if {name_key(n) for n in r.names} & words]
    assert named(rows, "Yellow River", "STM")  # the Huang He, under its English name
    (ohio,) = named(rows, "Ohio", "STM")
    assert ohio.name == "Ohio River"  # the bare name is no primary name: the state comes first


def test_abbreviations_and_capitals_are_spelled_out(rows: list[Row]) -> None:
    names = {r.name for r in rows}
    assert {"Kolyma Range", "New Guinea", "Arctic Ocean"} <= names
    assert not [n for n in names if n.endswith((" L.", " Mts.", " Pen.", " I."))]


def test_small_features_rank_below_a_town(rows: list[Row]) -> None:
    town = index_score(Kind.SETTLEMENT, 3_000) + primary_bonus(Kind.SETTLEMENT)
    (kura,) = named(rows, "Kura", "STM")  # scalerank 8 in Natural Earth
    assert kura.prominence + primary_bonus(Kind.PHYSICAL) < town
    (nile,) = named(rows, "Nile", "STM")
    assert nile.prominence == index_score(Kind.PHYSICAL, 0, "STM")


def test_merge_curated_gives_the_curated_rows_their_shapes(rows: list[Row]) -> None:
    curated = list(pack.physical())
    natural = list(natural_earth.rows())
    merged = natural_earth.merge_curated(curated, natural)
    by_id = {r.id: r for r in merged}
    assert len(by_id) == len(merged) < len(curated) + len(natural)

    nile = by_id["local:nile"]
    assert nile.name == "Nile" and nile.feature == "STM" and not nile.approximate
    assert nile.geometry is not None and near(nile, CAIRO) and near(nile, KHARTOUM)
    assert "ne:stm:nile-river" in {r.id for r in natural} and "ne:stm:nile-river" not in by_id
    assert "White Nile" not in nile.names  # a tributary of its own
    assert [r.id for r in merged if r.feature == "STM" and r.name in ("Nile", "Nile River")] == [
        "local:nile"
    ]

    sevan = by_id["local:lake-sevan"]
    assert sevan.geometry is not None and sevan.geometry.contains(Point(45.3, 40.4))
    assert sevan.country == "AM" and "country:AM" in sevan.parents
    assert "ne:lk:lake-sevan" not in by_id

    aras = by_id["local:aras-river"]
    assert aras.geometry is not None and near(aras, MEGHRI)
    assert {"Aras", "Araks"} <= set(aras.names)

    # A name in common is not enough: the curated Pearl River is China's; Natural Earth's is
    # in Mississippi and stays a place of its own.
    pearl = by_id["local:pearl-river"]
    assert pearl.geometry is None and pearl.approximate
    assert any(r.id.startswith("ne:stm:pearl-river") for r in merged)
    # Nor is a name that differs by its generic word only: the Arabian Desert is not the
    # Arabian Peninsula.
    desert = by_id["local:arabian-desert"]
    assert desert.geometry is None or not desert.geometry.contains(Point(43.0, 15.0))

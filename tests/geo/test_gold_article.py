"""The first article against its hand-written gold file (tests/gold/)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from shapely.geometry import Point
from shapely.ops import nearest_points

from geo.model import ParseResult
from tests.gazetteer.distance import km

DISTRICTS = ("Askeran", "Mardakert", "Shusha")
CAPITALS = ("Yerevan", "Baku", "Moscow")


def _distance_km(place: Any, lat: float, lon: float) -> float:
    """Distance from a point to the place's shape (0 inside a polygon)."""
    shape = place.shape()
    pt = Point(lon, lat)
    if shape.covers(pt):
        return 0.0
    near = nearest_points(shape, pt)[0]
    return km(near.y, near.x, lat, lon)


def test_gold_is_consistent(gold: dict[str, Any], article_text: str) -> None:
    mentions = gold["mentions"]
    assert len(mentions) == 53
    for m in mentions:
        assert article_text[m["start"] : m["end"]] == m["text"]
    counts = Counter(m["place"] for m in mentions)
    assert counts["Russia"] == 7 and counts["Karabakh"] == 18 and counts["Azerbaijan"] == 11
    assert counts["Armenia"] == 4 and counts["Yerevan"] == 3 and counts["Baku"] == 2


def test_every_mention_found_and_nothing_else(
    article_result: ParseResult, gold: dict[str, Any]
) -> None:
    found = [(r.mention.start, r.mention.end, r.mention.text) for r in article_result.resolutions]
    expected = [(m["start"], m["end"], m["text"]) for m in gold["mentions"]]
    assert found == expected


@pytest.mark.parametrize("index", range(53))
def test_each_mention_placed_within_10_km(
    article_result: ParseResult, gold: dict[str, Any], index: int
) -> None:
    g = gold["mentions"][index]
    r = next(r for r in article_result.resolutions if r.mention.start == g["start"])
    assert r.place is not None, g["text"]
    assert r.place.kind.value == g["kind"], (g["text"], r.place)
    assert _distance_km(r.place, g["lat"], g["lon"]) <= 10.0, (g["text"], r.place)
    if g["kind"] == "country":
        assert r.place.country == g["country"]


@pytest.mark.parametrize(
    ("text", "geometry_types"),
    [(d, {"Polygon", "MultiPolygon"}) for d in DISTRICTS]
    + [("Lachin corridor", {"LineString", "MultiLineString"})],
)
def test_districts_are_polygons_and_the_corridor_a_line(
    article_result: ParseResult, text: str, geometry_types: set[str]
) -> None:
    r = next(r for r in article_result.resolutions if r.mention.text == text)
    assert r.place is not None
    assert r.place.geometry_type in geometry_types
    assert r.mention.cue in {"district", "corridor"}


@pytest.mark.parametrize("name", CAPITALS)
def test_government_uses_of_capitals_are_flagged(
    article_result: ParseResult, gold: dict[str, Any], name: str
) -> None:
    expected = {m["start"]: m["metonymic"] for m in gold["mentions"] if m["text"] == name}
    got = {
        r.mention.start: r.metonymic for r in article_result.resolutions if r.mention.text == name
    }
    assert got == expected
    assert all(expected.values())


@pytest.mark.parametrize("name", ["Sochi", "Khankendi", "Karabakh", "Lachin corridor"])
def test_places_that_are_no_government_are_not_flagged(
    article_result: ParseResult, name: str
) -> None:
    assert not any(r.metonymic for r in article_result.resolutions if r.mention.text == name)


def test_each_resolution_has_confidence_and_alternatives(article_result: ParseResult) -> None:
    for r in article_result.resolutions:
        assert 0.0 < r.confidence <= 1.0
        assert r.alternatives and r.alternatives[0].place == r.place


def test_focus_is_karabakh(article_result: ParseResult) -> None:
    assert article_result.focus and article_result.focus[0] == "local:karabakh"


def test_meta_names_pipeline_and_gazetteer(article_result: ParseResult) -> None:
    assert "en_core_web_sm" in str(article_result.meta["spacy_pipeline"])
    assert article_result.meta["gazetteer"]
    assert article_result.meta["language"] == "en"

"""Airports in text: a bare airport name placed at the airport, not at a namesake town."""

from __future__ import annotations

import math

import pytest

import geo


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@pytest.mark.parametrize(
    ("text", "mention", "point"),
    [
        ("Flights out of Heathrow were cancelled.", "Heathrow", (51.47, -0.45)),
        (
            "He landed at Toronto Pearson International Airport on Monday.",
            "Toronto Pearson International Airport",
            (43.68, -79.63),
        ),
        (
            "Passengers waited for hours at Vancouver International Airport.",
            "Vancouver International Airport",
            (49.19, -123.18),
        ),
    ],
)
def test_airport_placed(text: str, mention: str, point: tuple[float, float]) -> None:
    result = geo.parse(text)
    placed = [r for r in result.resolutions if r.mention.text == mention and r.place]
    assert placed, [(r.mention.text, r.place) for r in result.resolutions]
    p = placed[0].place
    assert p is not None and _km(p.lat, p.lon, *point) < 10, p
    assert p.kind.value == "facility"


def test_city_stays_the_city() -> None:
    result = geo.parse("Vancouver police said the suspect fled.")
    places = [r.place for r in result.resolutions if r.mention.text == "Vancouver" and r.place]
    assert places and all(p.kind.value == "settlement" for p in places)

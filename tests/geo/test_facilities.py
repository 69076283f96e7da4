"""Airports in text: a bare airport name placed at the airport, not at a namesake town."""

from __future__ import annotations

import pytest

import geo
from tests.gazetteer.distance import km


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
    assert p is not None and km(p.lat, p.lon, *point) < 10, p
    assert p.kind.value == "facility"


def test_city_stays_the_city() -> None:
    result = geo.parse("Vancouver police said the suspect fled.")
    places = [r.place for r in result.resolutions if r.mention.text == "Vancouver" and r.place]
    assert places and all(p.kind.value == "settlement" for p in places)

"""Airports (``gazetteer/sources/airports.py``): found by their names and bare distinctive
words, never by their codes, and never in place of a town or a person's name."""

from __future__ import annotations

import pytest

from gazetteer.build.sources import airports
from gazetteer.model import Kind
from gazetteer.store import Gazetteer
from tests.gazetteer.distance import km

HEATHROW = (51.4706, -0.4619)
GATWICK = (51.1481, -0.1903)
PEARSON = (43.6772, -79.6306)
SCHIPHOL = (52.3086, 4.7639)
YVR = (49.1939, -123.1840)
CHANGI = (1.3502, 103.9940)
TRUDEAU = (45.4706, -73.7408)


@pytest.mark.parametrize(
    ("name", "point"),
    [
        ("Heathrow", HEATHROW),
        ("Gatwick", GATWICK),
        ("Heathrow Airport", HEATHROW),
        ("London Heathrow Airport", HEATHROW),
        ("Toronto Pearson International Airport", PEARSON),
        ("Pearson International Airport", PEARSON),
        ("Pearson Airport", PEARSON),
        ("Schiphol", SCHIPHOL),
        ("Schiphol Airport", SCHIPHOL),
        ("Vancouver International Airport", YVR),
        ("Vancouver Airport", YVR),
        ("Changi", CHANGI),
        ("Changi Airport", CHANGI),
        ("Montréal-Pierre Elliott Trudeau International Airport", TRUDEAU),
        ("Montreal-Pierre Elliott Trudeau International Airport", TRUDEAU),
        ("Pierre Elliott Trudeau International Airport", TRUDEAU),
        ("Trudeau Airport", TRUDEAU),
    ],
)
def test_airport_names(gaz: Gazetteer, name: str, point: tuple[float, float]) -> None:
    top = gaz.lookup(name)[0]
    assert top.kind is Kind.FACILITY and top.feature == "AIRP", (name, top)
    assert km(top.lat, top.lon, *point) < 5, (name, top)


@pytest.mark.parametrize(
    "name",
    [
        "Vancouver",
        "Pearson",
        "Kennedy",
        "Lincoln",
        "Toronto",
        "London",
        "Narita",
        "Domodedovo",
        "Love",
        "Logan",
        "Midway",
        "Trudeau",
        "Kalaburagi",
        "Trieste",
    ],
)
def test_not_an_airport_first(gaz: Gazetteer, name: str) -> None:
    found = gaz.lookup(name)
    assert not found or found[0].kind is not Kind.FACILITY, (name, found[0])


def test_a_city_named_like_its_airport_stays_the_city(gaz: Gazetteer) -> None:
    top = gaz.lookup("Vancouver", country="CA")[0]
    assert top.kind is Kind.SETTLEMENT and km(top.lat, top.lon, 49.25, -123.12) < 10


def test_no_code_is_a_name(gaz: Gazetteer) -> None:
    rows = airports.airports()
    assert 5_000 < len(rows) < 10_000  # those with an IATA code, not all 28,000
    named = [
        code
        for a in rows
        for code in (a.iata, a.icao)
        if code and gaz.lookup(code, kinds=[Kind.FACILITY])
    ]
    assert named == []


def test_every_airport_is_in_the_index(gaz: Gazetteer) -> None:
    assert gaz.get("iata:LHR") is not None and gaz.get("iata:LHR").kind is Kind.FACILITY
    assert gaz.info()["kinds"]["facility"] == len(airports.airports())


@pytest.mark.parametrize(
    ("words", "bare", "expected"),
    [
        # a small namesake far away does not block the bare name, a town does
        ([("settlement", 5_896, 28.76, -81.37)], "Heathrow", True),
        ([("settlement", 50_000, 28.76, -81.37)], "Heathrow", False),
        (
            [("settlement", 2_000, 28.76, -81.37), ("settlement", 900, 40.0, -90.0)],
            "Heathrow",
            False,
        ),
        ([("admin2", 100, 51.47, -0.46)], "Heathrow", False),
        ([("settlement", 1_850, 51.48, -0.45)], "Heathrow", True),  # the namesake locality
        ([], "Pearson", False),  # a surname (census list)
        ([], "Love", False),  # an English word
        ([], "Jinnah", False),  # a person's name the lists miss
    ],
)
def test_bare_name_rule(
    words: list[tuple[str, int, float, float]], bare: str, expected: bool
) -> None:
    a = airports.Airport(
        "LHR", "EGLL", "London Heathrow Airport", "London", "", "GB", 51.4706, -0.4619
    )
    owners = [airports._Owner(lat, lon, Kind(kind), pop) for kind, pop, lat, lon in words]
    common = frozenset({"love", "pearson"})
    assert airports.bare_name_ok(a, bare, owners, 0, common) is expected


def test_common_words_hold_names_and_words() -> None:
    common = airports.common_words()
    assert {"pearson", "kennedy", "lincoln", "love", "midway"} <= common
    assert not {"heathrow", "gatwick", "schiphol", "changi"} & common

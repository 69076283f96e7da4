"""Metonymy: capitals and countries standing for their governments."""

from __future__ import annotations

import pytest

from geo import Geoparser
from geo.metonymy import is_metonymic


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Officials said Ankara decided to close the border.", "Ankara", True),
        ("Washington is ready to talk.", "Washington", True),
        ("Troops were handed over to Kyiv last year.", "Kyiv", True),
        ("The treaty gave the islands back to Tokyo.", "Tokyo", True),
        ("He flew to Paris in May.", "Paris", False),
        ("Berlin's position hardened.", "Berlin", True),
        ("Berlin's museums were closed.", "Berlin", False),
        ("She lives in Madrid with her family.", "Madrid", False),
    ],
)
def test_cues(text: str, name: str, expected: bool) -> None:
    start = text.index(name)
    assert is_metonymic(text, start, start + len(name)) is expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Analysts expect that Tehran said no.", "Tehran", True),
        ("Tourists in Sochi said it was warm.", "Sochi", False),
        ("The mayor of Springfield said no.", "Springfield", False),
    ],
)
def test_only_capitals_and_countries(eng: Geoparser, text: str, name: str, expected: bool) -> None:
    r = next(r for r in eng.parse(text).resolutions if r.mention.text == name)
    assert r.metonymic is expected

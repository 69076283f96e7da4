"""Recognition on short texts: what is a mention, with what cue, and what is not."""

from __future__ import annotations

import pytest

from geo import Geoparser


def _mentions(eng: Geoparser, text: str) -> list[tuple[str, str | None]]:
    doc = eng.nlp(text)
    return [(m.text, m.cue) for m in eng.recognizer.mentions(doc)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Flooding hit Alexandria, Louisiana, on Monday.",
            [("Alexandria", None), ("Louisiana", None)],
        ),
        (
            "Posts in the Askeran, Mardakert and Shusha districts were removed.",
            [("Askeran", "district"), ("Mardakert", "district"), ("Shusha", "district")],
        ),
        ("He promised to keep the Lachin corridor open.", [("Lachin corridor", "corridor")]),
        ("Deputies in Laurel County arrested two men.", [("Laurel County", "county")]),
        ("Order returned to the Karabakh region.", [("Karabakh", "region")]),
        ("The crash happened near Corbin, Ky., on Friday.", [("Corbin", None), ("Ky.", None)]),
        ("Traffic in Kansas City was slow.", [("Kansas City", None)]),
        ("Aid reached the Central African Republic.", [("Central African Republic", None)]),
        # a name the model mislabels, introduced as a place by its context
        (
            "Two cases were found in the northern town of Toruń, famous for gingerbread.",
            [("Toruń", None)],
        ),
        (
            "Locusts moved from Africa and the Middle East towards India.",
            [("Africa", None), ("Middle East", None), ("India", None)],
        ),
        ("The City of Montreal adopted the plan.", [("Montreal", None)]),
        ("Turkey joined the U.S.-led campaign.", [("Turkey", None), ("U.S.", None)]),
        # what the model takes for a person: a country as a whole, a town's institution
        (
            "Voters still admire Sri Lanka's first prime minister Don Senanayake.",
            [("Sri Lanka", None)],
        ),
        ("She interviewed Bozeman Fire Chief Ana Kowalski on Tuesday.", [("Bozeman", None)]),
    ],
)
def test_found(eng: Geoparser, text: str, expected: list[tuple[str, str | None]]) -> None:
    assert _mentions(eng, text) == expected


@pytest.mark.parametrize(
    ("text", "not_expected"),
    [
        ("Azerbaijani police patrol next to a Russian vehicle.", {"Azerbaijani", "Russian"}),
        ("Prime Minister Gordon Brown spoke. Later Brown left.", {"Brown", "Gordon"}),
        ("Ms. Jones and Dr. Smith met in May.", {"Ms.", "Dr.", "May", "Jones"}),
        ("Armenians living in the area will enjoy safety.", {"Armenians"}),
        ("Jack London wrote many books.", {"London"}),
        # places inside the names of diseases, newspapers, currencies and time zones
        ("Cases of Marburg virus and Rift Valley fever rose.", {"Marburg", "Rift Valley"}),
        ("Ms. Alvarez told the New York Times last week.", {"New York"}),
        ("Visa fees rose to US$10,000 at 1:58 p.m. [EST] today.", {"US", "EST"}),
        ("German officials said so.", {"German"}),
        ("Shops in Vest-Agder and Aust-Agder closed.", {"-Agder", "Agder"}),
    ],
)
def test_not_places(eng: Geoparser, text: str, not_expected: set[str]) -> None:
    assert not {t for t, _ in _mentions(eng, text)} & not_expected


def test_offsets_are_exact(eng: Geoparser) -> None:
    text = "Talks in  Baku\nand Yerevan."
    for m in eng.recognizer.mentions(eng.nlp(text)):
        assert text[m.start : m.end] == m.text


def test_title_joined_to_next_line_is_split(eng: Geoparser) -> None:
    text = "Peacekeepers leave Karabakh\nAzerbaijani police patrol the road."
    assert ("Karabakh", None) in _mentions(eng, text)


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        ("Syrian troops moved north.", "Syrian", "SY"),
        ("The Turkish government said no.", "Turkish", "TR"),
        ("Two Canadian tourists were hurt.", "Canadian", "CA"),
        ("Egyptian police closed the road.", "Egyptian", "EG"),
    ],
)
def test_demonyms_only_when_asked(
    gaz: object, nlp: object, text: str, mention: str, country: str
) -> None:
    from geo import GeoparserConfig, geoparser

    plain = geoparser(gazetteer=gaz, nlp=nlp)  # type: ignore[arg-type]
    assert mention not in {r.mention.text for r in plain.parse(text).resolutions}
    config = GeoparserConfig(demonyms=True)
    with_demonyms = geoparser(config, gazetteer=gaz, nlp=nlp)  # type: ignore[arg-type]
    r = next(r for r in with_demonyms.parse(text).resolutions if r.mention.text == mention)
    assert r.place is not None and r.place.country == country


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "X, Y": both names settle on the pair that nests
        ("Rain fell in Athens, Georgia.", {"Athens": "US", "Georgia": "US"}),
        ("He flew to Tbilisi, Georgia.", {"Tbilisi": "GE", "Georgia": "GE"}),
        ("Floods hit Paris, Texas.", {"Paris": "US", "Texas": "US"}),
        # a country before a comma ends a list or a clause; it holds nothing
        ("Talks stalled in Kenya, EU diplomats said.", {"Kenya": "KE"}),
        # a bare province name shared with its capital means the city; a state's name the state
        ("Analysts expect that Tehran said no.", {"Tehran": "IR"}),
        ("Rockets were fired from Gaza overnight.", {"Gaza": "PS"}),
        ("Wildfires spread across California and Oregon.", {"California": "US"}),
    ],
)
def test_resolved_in_context(eng: Geoparser, text: str, expected: dict[str, str]) -> None:
    got = {r.mention.text: r.place for r in eng.parse(text).resolutions}
    for name, country in expected.items():
        place = got[name]
        assert place is not None and place.country == country, (name, place)


def test_bare_state_name_is_the_state(eng: Geoparser) -> None:
    r = next(r for r in eng.parse("Wildfires spread across California.").resolutions)
    assert r.place is not None and r.place.kind.value == "admin1"
    tehran = eng.parse("Analysts expect that Tehran said no.").resolutions[0].place
    assert tehran is not None and tehran.kind.value == "settlement"

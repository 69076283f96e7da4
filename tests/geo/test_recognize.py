"""Recognition on short texts: what is a mention, with what cue, and what is not."""

from __future__ import annotations

import pytest

from geo.pipeline import Engine


def _mentions(eng: Engine, text: str) -> list[tuple[str, str | None]]:
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
        (
            "Aid reached the Democratic Republic of the Congo.",
            [("Democratic Republic of the Congo", None)],
        ),
    ],
)
def test_found(eng: Engine, text: str, expected: list[tuple[str, str | None]]) -> None:
    assert _mentions(eng, text) == expected


@pytest.mark.parametrize(
    ("text", "not_expected"),
    [
        ("Azerbaijani police patrol next to a Russian vehicle.", {"Azerbaijani", "Russian"}),
        ("Prime Minister Gordon Brown spoke. Later Brown left.", {"Brown", "Gordon"}),
        ("Ms. Jones and Dr. Smith met in May.", {"Ms.", "Dr.", "May", "Jones"}),
        ("Armenians living in the area will enjoy safety.", {"Armenians"}),
        ("Jack London wrote many books.", {"London"}),
    ],
)
def test_not_places(eng: Engine, text: str, not_expected: set[str]) -> None:
    assert not {t for t, _ in _mentions(eng, text)} & not_expected


def test_offsets_are_exact(eng: Engine) -> None:
    text = "Talks in  Baku\nand Yerevan."
    for m in eng.recognizer.mentions(eng.nlp(text)):
        assert text[m.start : m.end] == m.text


def test_title_joined_to_next_line_is_split(eng: Engine) -> None:
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
    from geo.pipeline import engine

    plain = engine(gazetteer=gaz, nlp=nlp)  # type: ignore[arg-type]
    assert mention not in {r.mention.text for r in plain.parse(text).resolutions}
    with_demonyms = engine(gazetteer=gaz, nlp=nlp, demonyms=True)  # type: ignore[arg-type]
    r = next(r for r in with_demonyms.parse(text).resolutions if r.mention.text == mention)
    assert r.place is not None and r.place.country == country

"""Bad input: empty, HTML, non-English, huge, not a string."""

from __future__ import annotations

import pytest

from geo import Geoparser, textin


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n"])
def test_empty_text_gives_empty_result(eng: Geoparser, text: str) -> None:
    r = eng.parse(text)
    assert r.resolutions == () and r.places == () and r.excerpts == () and r.focus == ()


def test_html_is_reduced_to_text(eng: Geoparser) -> None:
    html = (
        "<html><head><style>p{}</style><script>var Paris=1;</script></head><body>"
        "<h1>News</h1><p>Talks were held in <b>Baku</b> on Monday.</p>"
        "<p>Then the ministers flew to Yerevan &amp; Tbilisi.</p></body></html>"
    )
    r = eng.parse(html)
    assert r.meta["html"] is True
    assert "extracted text" in str(r.meta["offsets"])
    assert "<" not in r.text
    names = [x.mention.text for x in r.resolutions]
    assert names == ["Baku", "Yerevan", "Tbilisi"]
    for x in r.resolutions:
        assert r.text[x.mention.start : x.mention.end] == x.mention.text


def test_non_english_is_flagged_and_parsed(eng: Geoparser) -> None:
    text = (
        "Die Regierung in Berlin hat am Montag beschlossen, dass die Grenze zu Polen "
        "offen bleibt. Der Minister sagte, man werde mit Warschau sprechen."
    )
    r = eng.parse(text)
    assert r.meta["language"] == "de"  # identified, and no language the geoparser reads
    assert any("not supported" in w for w in r.meta["warnings"])  # type: ignore[attr-defined]
    assert "Berlin" in {x.mention.text for x in r.resolutions}


def test_not_a_string_is_refused(eng: Geoparser) -> None:
    with pytest.raises(TypeError):
        eng.parse(b"bytes")  # type: ignore[arg-type]


@pytest.mark.parametrize("size", [10, 1000, 250_000])
def test_chunks_cover_the_text_at_paragraphs(size: int) -> None:
    text = "\n\n".join(f"Paragraph {i} about Baku." for i in range(size // 25 + 1))
    pieces = list(textin.chunks(text, max_chars=10_000))
    assert "".join(c for _, c in pieces) == text
    assert all(len(c) <= 10_000 for _, c in pieces)
    assert all(off == 0 or text[off - 2 : off] == "\n\n" for off, _ in pieces)


@pytest.mark.slow
def test_five_megabyte_article_is_parsed_in_chunks(eng: Geoparser) -> None:
    para = (
        "Ministers met in Baku on Monday and later travelled to Yerevan, where talks "
        "about the Lachin corridor went on for hours without any agreement at all. "
    )
    text = "\n\n".join(para * 3 for _ in range(5_000_000 // (len(para) * 3 + 2) + 1))
    assert len(text) >= 5_000_000
    r = eng.parse(text)
    assert any("chunks" in w for w in r.meta["warnings"])  # type: ignore[attr-defined]
    last = r.resolutions[-1]
    assert r.text[last.mention.start : last.mention.end] == last.mention.text
    assert last.mention.start > 4_900_000
    assert {p.place.name for p in r.places} >= {"Baku", "Yerevan", "Lachin corridor"}

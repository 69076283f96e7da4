"""An Armenian article in a real browser: its places on the map, the text in Armenian script
with the (inflected) mentions highlighted, and a click on one showing its passage and what
each language calls the place. Every request to another host is aborted and fails the test,
as in the other browser tests."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.conftest import Watched
from tests.e2e.driver import (
    ROOT,
    Server,
    map_frame,
    settle_view,
    start_server,
    stop_server,
    wait_for_places,
    wait_until,
    watched_page,
)

pytestmark = pytest.mark.e2e

HY_ARTICLE = ROOT / "articles" / "hy-goris-stepanakert-buses.txt"
#: English map labels of places the article names (in Armenian, inflected).
EXPECTED = ["Khankendi", "Goris", "Yerevan", "Kapan", "Shusha"]

#: The article's places on the map with the spellings the article used (for the tooltips).
_SPELLINGS_JS = """() => { const out = {};
    window.map.eachLayer(l => { const p = l.feature && l.feature.properties;
        if (p && p.place_id && l.getLatLng && !l.getBounds)
            out[p.name] = (p.mentions || []).map(m => m.text); });
    return out; }"""


@pytest.fixture(scope="module")
def hy_dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The dashboard over a folder holding the Armenian article alone."""
    folder = tmp_path_factory.mktemp("hy-articles")
    (folder / HY_ARTICLE.name).write_bytes(HY_ARTICLE.read_bytes())
    log = tmp_path_factory.mktemp("hy-server") / "streamlit.log"
    server = start_server(folder, log)
    try:
        yield server
    finally:
        stop_server(server.process)


@pytest.fixture
def hy_page(chromium: Any, hy_dashboard: Server) -> Iterator[Watched]:
    with watched_page(chromium, hy_dashboard.url) as watched:
        yield watched




def test_armenian_article_map_reader_and_names(hy_page: Watched, hy_dashboard: Server) -> None:
    page = hy_page.page
    page.goto(hy_dashboard.url)
    frame = map_frame(page)
    places = wait_for_places(
        page, frame, lambda ps: {p["name"] for p in ps if p["marker"]} >= set(EXPECTED)
    )
    settle_view(page, frame)
    markers = [p for p in places if p["marker"]]
    assert len({p["place_id"] for p in markers}) == len(markers)  # one per place
    # labels stay English; the article's Armenian spellings travel with the place
    spellings = frame.evaluate(_SPELLINGS_JS)
    assert "Ստեփանակերտում" in spellings["Khankendi"]
    assert "Գորիսից" in spellings["Goris"]
    tips = {p["name"]: p["tooltip"] or "" for p in markers}
    assert "Ստեփանակերտ" in tips["Khankendi"], tips["Khankendi"]  # as the article wrote it

    # the picker tags the article's language
    picker = page.locator("[data-testid=stSidebar] [data-testid=stSelectbox]").first
    picker.wait_for(timeout=60_000)
    shown = picker.evaluate(
        "(el) => el.innerText + ' ' + [...el.querySelectorAll('input')].map(i => i.value)"
        ".join(' ') + ' ' + [...el.querySelectorAll('[title]')].map(e => e.title).join(' ')"
    )
    assert "[HY] " in shown, shown
    # the reader: the Armenian text as written, the inflected mentions highlighted whole
    reader = page.locator(".np-reader")
    reader.wait_for(timeout=60_000)
    assert reader.get_attribute("lang") == "hy"
    assert "Երևանից Գորիսով դեպի Ստեփանակերտ" in reader.inner_text()
    marked = reader.locator("a.np-place").evaluate_all("(els) => els.map(e => e.textContent)")
    for form in ("Գորիսից", "Ստեփանակերտում", "Երևանից", "Լաչինի միջանցք", "Բերձորը"):
        assert form in marked, f"{form} not highlighted: {marked}"

    # a click on an inflected Armenian mention selects its place (the page reloads on it)
    link = reader.locator("a.np-place", has_text=re.compile(r"^Ստեփանակերտում$")).first
    link.click()
    wait_until(page, lambda: "place=geonames%3A146970" in page.url, "the URL to name the place")
    details = page.locator(".np-place-details", has_text="Khankendi")
    details.wait_for(timeout=60_000)
    page.locator(".np-passages mark", has_text="Ստեփանակերտում").first.wait_for(
        timeout=60_000
    )
    langs = details.locator(".np-lang-names").evaluate_all(
        "(els) => els.map(e => [e.getAttribute('data-lang'), e.innerText])"
    )
    by = dict(langs)
    assert list(by) == ["en", "ru", "az", "hy"], langs
    assert "Ստեփանակերտ" in by["hy"] and "Ստեփանակերտում" in by["hy"]
    assert "Степанакерт" in by["ru"] and "Xankəndi" in by["az"] and "Khankendi" in by["en"]
    # the article's spelling leads its line, in bold
    first = details.locator(".np-lang-names[data-lang=hy] b").first.inner_text()
    assert first == "Ստեփանակերտ"
    assert by["hy"].count("Ստեփանակերտ,") <= 1

"""The dashboard in a real browser: the map, the clicks, the layers, the links to the text.

Every test runs against ``streamlit run dashboard.py`` with every request to another host
aborted (the fixture fails the test if there was one, or a console error, or a dialog).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import Watched
from tests.e2e.driver import (
    Server,
    click_marker,
    drawn_places,
    map_frame,
    open_watched,
    settle_view,
    start_server,
    stop_server,
    view,
    wait_for_places,
    wait_until,
)

pytestmark = pytest.mark.e2e

#: The places the first article names, as a reader would look for them on the map.
EXPECTED_MARKERS = ["Khankendi", "Askeran", "Mardakert", "Shusha", "Sochi", "Baku", "Yerevan",
                    "Moscow"]


def _markers(places: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [p for p in places if p["marker"]]


def _has_marker_for(places: list[dict[str, Any]], name: str) -> bool:
    return any(name in (p["tooltip"] or "") for p in _markers(places))


def _load(w: Watched, url: str) -> tuple[Any, list[dict[str, Any]]]:
    w.page.goto(url)
    frame = map_frame(w.page)
    places = wait_for_places(w.page, frame, lambda ps: len(_markers(ps)) >= 8)
    settle_view(w.page, frame)
    return frame, places


def _mark_frame(frame: Any) -> None:
    """Tag the map's window: the tag survives reruns only if the map is never rebuilt."""
    frame.evaluate("() => { window.__np_same_map = window.map; }")


def _same_map(frame: Any) -> bool:
    return bool(frame.evaluate("() => window.__np_same_map === window.map"))




def test_first_article_draws_its_places(browser_page: Watched, dashboard: Server) -> None:
    _frame, places = _load(browser_page, dashboard.url)
    missing = [n for n in EXPECTED_MARKERS if not _has_marker_for(places, n)]
    assert missing == [], f"no marker whose tooltip names {missing}"
    # one marker per place, not per mention
    marker_ids = [p["place_id"] for p in _markers(places)]
    assert len(marker_ids) == len(set(marker_ids))
    assert any(p["count"] > 1 for p in _markers(places))
    districts = [p for p in places if p["layer"] == "districts" and "Polygon" in p["type"]]
    assert len(districts) >= 2
    corridor = [p for p in places if p["type"] == "LineString" and "Lachin" in p["name"]]
    assert corridor, "the Lachin corridor is drawn as a line"
    assert "approximate" in corridor[0]["tooltip"]
    # the map's scripts and styles came from this server
    assert browser_page.page.locator("iframe").count() >= 1


def test_click_on_a_marker_shows_its_passages(browser_page: Watched, dashboard: Server) -> None:
    page = browser_page.page
    frame, _ = _load(browser_page, dashboard.url)
    _mark_frame(frame)
    click_marker(page, frame, "Khankendi")
    marks = page.locator(".np-passages mark", has_text="Khankendi")
    marks.first.wait_for(timeout=60_000)
    html = page.locator(".np-passages").inner_html()
    assert "<mark>Khankendi</mark>" in html
    assert page.locator(".np-place-details", has_text="geonames:").count() == 1
    assert _same_map(frame), "the click rebuilt the map"
    wait_until(page, lambda: "place=" in page.url, "the URL to name the place")


def test_turning_the_districts_layer_off_removes_the_polygons(
    browser_page: Watched, dashboard: Server
) -> None:
    page = browser_page.page
    frame, places = _load(browser_page, dashboard.url)
    assert any(p["layer"] == "districts" and "Polygon" in p["type"] for p in places)
    _mark_frame(frame)
    before = view(frame)
    sidebar = page.locator("[data-testid=stSidebar]")
    sidebar.get_by_text(re.compile(r"^Districts and regions")).click()
    wait_until(
        page,
        lambda: not any(p["layer"] == "districts" for p in drawn_places(frame)),
        "the district polygons to go",
    )
    remaining = drawn_places(frame)
    assert any(p["layer"] == "settlements" for p in remaining)
    assert _same_map(frame), "toggling a layer rebuilt the map"
    assert view(frame)["zoom"] == before["zoom"]
    # the URL is written at the end of the same run, just after the map's update
    wait_until(page, lambda: "layers=" in page.url, "the URL to name the visible layers")
    assert "districts" not in page.url.split("layers=")[1]


def test_linking_adjectives_adds_their_mentions_to_the_map(
    browser_page: Watched, dashboard: Server
) -> None:
    page = browser_page.page
    frame, places = _load(browser_page, dashboard.url)

    def russia(ps: list[dict[str, Any]]) -> int:
        return next(int(p["count"]) for p in ps if p["name"] == "Russia")

    names_only = russia(places)
    _mark_frame(frame)
    sidebar = page.locator("[data-testid=stSidebar]")
    sidebar.get_by_text(re.compile(r"^Link adjectives to their country")).click()
    wait_for_places(page, frame, lambda ps: russia(ps) > names_only)
    # the same places, more mentions: the layers are swapped in place, the map stays
    assert _same_map(frame), "linking adjectives rebuilt the map"
    page.locator(".np-reader .np-hl", has_text=re.compile(r"^Russian$")).first.wait_for(
        timeout=60_000
    )
    wait_until(page, lambda: "demonyms=1" in page.url, "the URL to keep the setting")
    sidebar.get_by_text(re.compile(r"^Link adjectives to their country")).click()
    wait_for_places(page, frame, lambda ps: russia(ps) == names_only)
    wait_until(page, lambda: "demonyms=" not in page.url, "the URL to drop the setting")


def test_choosing_a_place_in_the_reader_moves_the_map(
    browser_page: Watched, dashboard: Server
) -> None:
    page = browser_page.page
    frame, _ = _load(browser_page, dashboard.url)
    _mark_frame(frame)
    before = view(frame)
    page.locator("[data-testid=stButtonGroup] button", has_text="Shusha").first.click()
    wait_until(page, lambda: view(frame)["zoom"] > before["zoom"], "the map to move to the place")
    after = view(frame)
    shusha = next(
        p for p in _markers(drawn_places(frame)) if "Shusha" in (p["tooltip"] or "")
    )
    where = frame.evaluate(
        """(id) => { let t = null; window.map.eachLayer(l => {
              if (l.feature && l.feature.properties.place_id === id && l.getLatLng
                  && !l.getBounds) t = l.getLatLng(); }); return t; }""",
        shusha["place_id"],
    )
    assert after["south"] <= where["lat"] <= after["north"]
    assert after["west"] <= where["lng"] <= after["east"]
    assert after["zoom"] > before["zoom"]
    assert math.dist((after["lat"], after["lon"]), (where["lat"], where["lng"])) < 0.5
    assert _same_map(frame)
    page.locator(".np-passages mark", has_text="Shusha").first.wait_for(timeout=60_000)


def test_clicking_a_place_name_in_the_text_selects_it_and_moves_the_map(
    browser_page: Watched, dashboard: Server
) -> None:
    page = browser_page.page
    frame, _ = _load(browser_page, dashboard.url)
    wait_until(page, lambda: "article=" in page.url, "the URL to name the article")
    before = view(frame)
    assert "place=" not in page.url
    link = page.locator(".np-reader a.np-place", has_text=re.compile(r"^Khankendi$")).first
    link.wait_for(timeout=60_000)
    # it looks like the other highlights: the text's colour, the kind's background; a pointer
    style = link.evaluate(
        """(a) => { const s = getComputedStyle(a), p = getComputedStyle(a.closest('p'));
              return {cursor: s.cursor, color: s.color, text: p.color,
                      background: s.backgroundColor, decoration: s.textDecorationLine}; }"""
    )
    assert style["cursor"] == "pointer"
    assert style["color"] == style["text"]
    assert style["background"] not in ("rgba(0, 0, 0, 0)", "transparent")
    assert style["decoration"] == "none"
    link.hover()
    assert link.evaluate("(a) => getComputedStyle(a).textDecorationLine") == "underline"
    link.click()
    # the link reloads the page from the URL, with the place in it
    wait_until(page, lambda: "place=" in page.url, "the URL to name the place")
    assert "article=karabakh-peacekeepers-withdrawal" in page.url
    page.locator(".np-passages mark", has_text="Khankendi").first.wait_for(timeout=60_000)
    assert "<mark>Khankendi</mark>" in page.locator(".np-passages").inner_html()
    frame = map_frame(page)
    wait_for_places(page, frame, lambda ps: len(_markers(ps)) >= 8)
    khankendi = next(
        p for p in _markers(drawn_places(frame)) if "Khankendi" in (p["tooltip"] or "")
    )
    assert f"place={khankendi['place_id'].replace(':', '%3A')}" in page.url
    wait_until(page, lambda: view(frame)["zoom"] > before["zoom"], "the map to move to the place")
    settle_view(page, frame)
    after = view(frame)
    where = frame.evaluate(
        """(id) => { let t = null; window.map.eachLayer(l => {
              if (l.feature && l.feature.properties.place_id === id && l.getLatLng
                  && !l.getBounds) t = l.getLatLng(); }); return t; }""",
        khankendi["place_id"],
    )
    assert after["south"] <= where["lat"] <= after["north"]
    assert after["west"] <= where["lng"] <= after["east"]
    assert math.dist((after["lat"], after["lon"]), (where["lat"], where["lng"])) < 0.5


HOSTILE_TITLE = "Talks in Baku <img src=x onerror=alert('title')>"
HOSTILE_BODY = (
    "Officials met in Baku <img src=x onerror=alert('body')> on Monday.\n\n"
    "<script>alert('script')</script> Delegates later flew to Yerevan."
)


@pytest.fixture(scope="module")
def hostile_dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("articles")
    (folder / "hostile.txt").write_text(
        f"---\ntitle: {HOSTILE_TITLE}\n---\n{HOSTILE_BODY}", encoding="utf-8"
    )
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02 not an article")
    server = start_server(folder, Path(folder) / "streamlit.log")
    try:
        yield server
    finally:
        stop_server(server.process)


def test_article_payloads_show_as_text_and_never_run(
    chromium: Any, hostile_dashboard: Server
) -> None:
    w = open_watched(chromium, hostile_dashboard.url)
    page = w.page
    try:
        page.goto(hostile_dashboard.url)
        frame = map_frame(page)
        wait_for_places(page, frame, lambda ps: any("Baku" in p["name"] for p in ps))
        reader = page.locator(".np-reader")
        reader.wait_for(timeout=60_000)
        text = reader.inner_text()
        assert "<img src=x onerror=alert('body')>" in text
        assert "<script>alert('script')</script>" in text
        assert reader.locator("img, script").count() == 0
        assert page.get_by_text("Talks in Baku <img src=x onerror=alert('title')>").count() >= 1
        assert page.locator("[data-testid=stSidebar]").get_by_text(re.compile("binary")).count()
        page.locator("[data-testid=stButtonGroup] button", has_text="Baku").first.click()
        page.locator(".np-passages mark", has_text="Baku").first.wait_for(timeout=60_000)
        assert page.locator(".np-passages img").count() == 0
        page.wait_for_timeout(500)
    finally:
        page.context.close()
    assert w.dialogs == [], f"a payload ran: {w.dialogs}"
    assert w.external == [], f"requests to other hosts: {w.external}"
    assert w.errors == [], f"browser console errors: {w.errors}"

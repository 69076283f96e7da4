"""The map a reader can orient on and the linking done in the browser (issue 13), in a real
Chromium against a real server, every request to another host blocked (the fixture fails the
test if one was made, or the console logged an error):

- the offline labelled basemap: towns that are not the article's places, rivers, country names;
- the first view on what the article is about, and the "All places" button;
- a click on a marker opens its passages in a popup at once, the side panel follows;
- a click on a name in the reader flies the map there without reloading the page;
- "Also called" by script, cleaned; metonymic mentions styled apart; headline, photo caption
  and body told apart in the passages; online tiles as a choice kept in the URL.
"""

from __future__ import annotations

import re
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
    view,
    wait_for_places,
    wait_until,
)

pytestmark = pytest.mark.e2e

FIRST = "karabakh-peacekeepers-withdrawal"
#: Towns of the basemap near Khankendi that the first article does not name.
NOT_IN_ARTICLE = {"Goris", "Barda", "Aghdam", "Ganja"}




def _open(w: Watched, dashboard: Server, query: str = "") -> Any:
    w.page.goto(f"{dashboard.url}/?article={FIRST}{query}")
    frame = map_frame(w.page)
    wait_for_places(w.page, frame, lambda ps: sum(1 for p in ps if p["marker"]) >= 8)
    # the basemap's files of the first view are drawn
    assert frame.evaluate("() => window.npBasemapReady.then(ms => ms >= 0)")
    settle_view(w.page, frame)
    return frame


def _labels(frame: Any) -> list[str]:
    return list(frame.evaluate(
        "() => Array.from(document.querySelectorAll('.nb-lbl')).map(e => e.textContent)"
    ))


def _set_view(page: Any, frame: Any, lat: float, lon: float, zoom: int) -> None:
    frame.evaluate(
        "([lat, lon, z]) => { window.map.setView([lat, lon], z, {animate: false}); return 1; }",
        [lat, lon, zoom],
    )
    page.wait_for_timeout(600)  # labels are laid out on the next animation frame


#: Whether the rivers' canvas has paint at a vertex of the named river inside the view.
_RIVER_DRAWN_JS = """async (names) => {
    const map = window.map;
    const data = await (await fetch('/app/static/basemap/rivers.json')).json();
    const canvas = map.getPane('nb-rivers').querySelector('canvas');
    if (!canvas) return {drawn: false, why: 'no river canvas'};
    const ctx = canvas.getContext('2d');
    const crect = canvas.getBoundingClientRect();
    const mrect = map.getContainer().getBoundingClientRect();
    const inner = map.getBounds().pad(-0.1);
    let tried = 0;
    for (const row of data.features) {
        if (!names.includes(row[2])) continue;
        for (const part of row[row.length - 1]) {
            for (const path of part) {
                let x = 0, y = 0;
                for (let i = 0; i < path.length; i += 2) {
                    x += path[i]; y += path[i + 1];
                    const ll = L.latLng(y / data.scale, x / data.scale);
                    if (!inner.contains(ll)) continue;
                    tried += 1;
                    const p = map.latLngToContainerPoint(ll);
                    const cx = (p.x + mrect.left - crect.left) * canvas.width / crect.width;
                    const cy = (p.y + mrect.top - crect.top) * canvas.height / crect.height;
                    const px = ctx.getImageData(Math.round(cx) - 2, Math.round(cy) - 2, 5, 5).data;
                    for (let k = 3; k < px.length; k += 4) {
                        if (px[k] > 0) return {drawn: true, river: row[2], tried};
                    }
                }
            }
        }
    }
    return {drawn: false, tried};
}"""


def test_basemap_shows_towns_rivers_and_country_names(
    browser_page: Watched, dashboard: Server
) -> None:
    page = browser_page.page
    frame = _open(browser_page, dashboard)
    places = {p["name"] for p in drawn_places(frame)}
    assert not NOT_IN_ARTICLE & places
    _set_view(page, frame, 39.82, 46.75, 9)  # zoom 9 around Khankendi
    labels = set(_labels(frame))
    assert NOT_IN_ARTICLE & labels, f"no town of the basemap among {sorted(labels)[:40]}"
    river = frame.evaluate(_RIVER_DRAWN_JS, ["Aras", "Kura"])
    assert river["drawn"], f"the Aras or the Kura is not drawn: {river}"
    # first-level boundaries and lakes come with the basemap too (drawn in their own panes)
    assert frame.evaluate("() => !!window.map.getPane('nb-admin1').querySelector('canvas')")
    _set_view(page, frame, 45.0, 40.0, 3)  # the world: country names
    countries = {t.casefold() for t in _labels(frame)}
    assert {"russia", "turkey", "iran"} <= countries, sorted(countries)


def test_first_view_is_the_focus_and_a_button_shows_all_places(
    browser_page: Watched, dashboard: Server
) -> None:
    page = browser_page.page
    frame = _open(browser_page, dashboard)
    v = view(frame)
    assert v["zoom"] >= 6
    # Karabakh (what the article is about) in view, Moscow (named once) a pan away
    assert v["south"] < 39.8 < v["north"] and v["west"] < 46.75 < v["east"]
    assert not (v["south"] < 55.75 < v["north"])
    frame.get_by_role("button", name="All places").click()
    settle_view(page, frame)
    wait_until(page, lambda: view(frame)["north"] > 55.75, "the view to take in Moscow")
    after = view(frame)
    assert after["west"] < 37.6 and after["east"] > 49.8  # Moscow to Baku
    assert after["zoom"] < v["zoom"]


def test_marker_click_opens_the_passages_in_a_popup_and_the_panel_follows(
    browser_page: Watched, dashboard: Server
) -> None:
    page = browser_page.page
    frame = _open(browser_page, dashboard)
    frame.evaluate("() => { window.__np_same_map = window.map; }")
    click_marker(page, frame, "Khankendi")
    # opened by the click itself, in the browser: no wait for the server
    popup = frame.locator(".leaflet-popup .np-popup")
    assert popup.count() == 1
    assert popup.locator("mark", has_text="Khankendi").count() >= 1
    assert "photo caption" in popup.inner_text()
    page.locator(".np-place-details", has_text="Khankendi").wait_for(timeout=60_000)
    page.locator(".np-passages mark", has_text="Khankendi").first.wait_for(timeout=60_000)
    # the server's answer swapped the layers: the popup and the map stayed
    assert frame.locator(".leaflet-popup .np-popup").count() == 1
    assert frame.evaluate("() => window.__np_same_map === window.map")


def test_a_name_in_the_reader_flies_the_map_there_without_a_reload(
    browser_page: Watched, dashboard: Server
) -> None:
    page = browser_page.page
    frame = _open(browser_page, dashboard)
    page.evaluate("() => { window.__np_no_reload = 1; }")
    before = view(frame)
    link = page.locator(".np-reader a.np-place", has_text=re.compile(r"^Khankendi$")).first
    link.click()
    wait_until(page, lambda: view(frame)["zoom"] > before["zoom"], "the map to fly to Khankendi")
    settle_view(page, frame)
    after = view(frame)
    assert after["south"] < 39.82 < after["north"] and after["west"] < 46.75 < after["east"]
    page.locator(".np-passages mark", has_text="Khankendi").first.wait_for(timeout=60_000)
    wait_until(page, lambda: "place=geonames%3A146970" in page.url, "the URL to name the place")
    assert page.evaluate("() => window.__np_no_reload") == 1, "the page was reloaded"
    # The server's answer swaps the map's layers; the popup is opened again on the new ones.
    popup = frame.locator(".leaflet-popup .np-popup", has_text="Khankendi")
    popup.first.wait_for(timeout=10_000)
    assert popup.count() == 1


def _select(page: Any, name: str) -> None:
    page.locator("[data-testid=stButtonGroup] button", has_text=name).first.click()
    page.locator(".np-place-details", has_text=name).first.wait_for(timeout=60_000)


def test_also_called_is_grouped_by_script_clean_and_deduplicated(
    browser_page: Watched, dashboard: Server
) -> None:
    page = browser_page.page
    _open(browser_page, dashboard)
    _select(page, "Khankendi")
    details = page.locator(".np-place-details")
    scripts = details.locator(".np-names").evaluate_all(
        "(els) => els.map(e => e.getAttribute('data-script'))"
    )
    assert scripts[:3] == ["Latin", "Cyrillic", "Armenian"], scripts
    latin = details.locator(".np-names[data-script=Latin]").inner_text()
    assert "Stepanakert" in latin
    text = details.inner_text()
    for noise in ("han ken de", "khankndy", "zryt", "Stepʻanakert"):
        assert noise not in text, f"{noise!r} is listed"
    assert text.count("Stepanakert") == 1


def test_metonymic_mentions_are_styled_apart_and_in_the_legend(
    browser_page: Watched, dashboard: Server
) -> None:
    page = browser_page.page
    _open(browser_page, dashboard)
    meto = page.locator(".np-reader .np-meto", has_text="Yerevan").first
    meto.wait_for(timeout=60_000)
    plain = page.locator(".np-reader .np-hl:not(.np-meto)", has_text="Khankendi").first
    styles = [
        el.evaluate("(e) => { const s = getComputedStyle(e); "
                    "return [s.fontStyle, s.borderBottomStyle]; }")
        for el in (meto, plain)
    ]
    assert styles[0] == ["italic", "dotted"] and styles[1] != styles[0], styles
    assert "names its government" in (meto.get_attribute("title") or "")
    assert page.locator(".np-legend", has_text="the government, still placed").count() == 1


def test_passages_tell_the_headline_the_caption_and_the_body_apart(
    browser_page: Watched, dashboard: Server
) -> None:
    page = browser_page.page
    _open(browser_page, dashboard)
    _select(page, "Russia")
    first = page.locator(".np-passage").first
    assert first.get_attribute("data-where") == "headline"
    assert first.locator("mark").inner_text() == "Russia"
    # the headline alone, not joined to the caption under it
    assert "Azerbaijani police" not in first.inner_text()
    wheres = page.locator(".np-passage").evaluate_all(
        "(els) => els.map(e => e.getAttribute('data-where'))"
    )
    assert any(w.startswith("paragraph ") for w in wheres[1:]), wheres
    _select(page, "Khankendi")
    caption = page.locator(".np-passage").first
    assert caption.get_attribute("data-where") == "photo caption"
    assert "Azerbaijani police patrol" in caption.inner_text()
    assert "withdrawing peacekeepers" not in caption.inner_text()  # not joined to the headline


def test_online_tiles_are_a_choice_kept_in_the_url(chromium: Any, dashboard: Server) -> None:
    w = open_watched(chromium, dashboard.url)
    page = w.page
    try:
        frame = _open(w, dashboard)
        assert frame.evaluate(
            "() => { let n = 0; window.map.eachLayer(l => { if (l instanceof L.TileLayer) n++; });"
            " return n; }"
        ) == 0
        sidebar = page.locator("[data-testid=stSidebar]")
        sidebar.locator("[data-testid=stSelectbox]", has_text="Basemap").get_by_role(
            "combobox"
        ).click()
        page.get_by_role("option", name="OpenStreetMap (online)").click()
        wait_until(page, lambda: "tiles=osm" in page.url, "the URL to keep the choice")

        def tile_layers() -> int:
            try:
                f = map_frame(page, timeout=30)
                return int(f.evaluate(
                    "() => { let n = 0; window.map.eachLayer(l => {"
                    " if (l instanceof L.TileLayer) n++; }); return n; }"
                ))
            except Exception:  # the frame is being replaced
                return 0

        wait_until(page, lambda: tile_layers() == 1, "the tile layer")
        # a link with the choice opens with it
        page.goto(f"{dashboard.url}/?article={FIRST}&tiles=osm")
        map_frame(page)
        wait_until(page, lambda: tile_layers() == 1, "the tile layer from the link")
        picked = sidebar.locator("[data-testid=stSelectbox]", has_text="Basemap")
        wait_until(page, lambda: "OpenStreetMap" in (picked.inner_text() + (
            picked.locator("input").first.get_attribute("value") or ""
            if picked.locator("input").count() else "")), "the choice in the sidebar")
    finally:
        page.context.close()
    # the tiles were asked of their server (and blocked here): nothing else left the machine
    assert w.external, "the online tiles were never requested"
    assert all("tile.openstreetmap.org" in u for u in w.external), w.external
    assert w.errors == [] or all("ERR_FAILED" in e or "Failed to load" in e for e in w.errors)

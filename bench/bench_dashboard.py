"""The dashboard's speed, measured through a real browser against a real server.

Figures (the limits of issue 13 beside them): server start to the first article's map drawn;
reopening the page to the map drawn; a click on a marker to its popup with passages (in the
browser) and to the side panel (the server); a click on a name in the reader to the map moved;
and for an article naming 500+ distinct places (written at run time from the gazetteer's largest
settlements) the time to draw, click-to-excerpt, a layer toggle and a pan. The map switches to
clustered markers above ``ui.maps.layers.CLUSTER_THRESHOLD`` places, which is what keeps it usable.

The page runs with the browser's HTTP cache on, as a reader's browser has it (other hosts are
blocked at name resolution and recorded); reopening is also measured with the cache off, as
under the e2e tests' request routing.

Run: ``make bench`` or ``python -m bench dashboard``.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import gazetteer
from gazetteer.model import Kind
from gazetteer.normalize import name_key
from tests.e2e.driver import (
    BENIGN_CONSOLE,
    CHROMIUM,
    CHROMIUM_ARGS,
    Watched,
    click_marker,
    map_frame,
    open_watched,
    settle_view,
    start_server,
    stop_server,
)
from ui.maps.layers import CLUSTER_THRESHOLD

ROOT = Path(__file__).resolve().parents[1]
FIRST = ROOT / "articles" / "karabakh-peacekeepers-withdrawal.txt"
BIG_ID = "bench-many-places"
WANTED_PLACES = 500

#: Counts every place marker, clustered or not (clustered ones are not on the map itself).
_MARKERS_JS = """(layer) => { if (!window.map) return 0; const seen = new Set();
    const look = l => { const p = l.feature && l.feature.properties;
        if (p && p.place_id && l.getLatLng && !l.getBounds && (!layer || p.layer === layer))
            seen.add(p.place_id); };
    window.map.eachLayer(l => { look(l); if (l.getLayers) l.getLayers().forEach(look); });
    return seen.size; }"""
_CLUSTERED_JS = "() => document.querySelectorAll('.marker-cluster').length"


def many_places_article(n: int = WANTED_PLACES) -> tuple[str, list[str]]:
    """An article naming ``n`` distinct large towns, five to a sentence (and the names)."""
    g = gazetteer.open()
    names: list[str] = []
    seen: set[str] = set()
    for p in g.within(-90, -180, 90, 180, kinds=[Kind.SETTLEMENT], limit=6 * n):
        key = name_key(p.name)
        # one-word ASCII names: unambiguous to write into a sentence
        if key in seen or not re.fullmatch(r"[A-Z][a-z]+", p.name):
            continue
        seen.add(key)
        names.append(p.name)
        if len(names) >= int(n * 1.3):
            break
    sentences = []
    for i in range(0, len(names), 5):
        group = names[i : i + 5]
        listed = ", ".join(group[:-1]) + (" and " + group[-1] if len(group) > 1 else group[0])
        sentences.append(f"Correspondents filed reports from {listed} this week.")
    paragraphs = [" ".join(sentences[i : i + 6]) for i in range(0, len(sentences), 6)]
    body = "\n\n".join(paragraphs)
    return f"---\ntitle: Bench: a wire round-up naming many towns\n---\n{body}\n", names


def _wait_count(page: Any, frame: Any, minimum: int, timeout: float = 600.0) -> int:
    deadline = time.monotonic() + timeout
    count = 0
    while time.monotonic() < deadline:
        count = int(frame.evaluate(_MARKERS_JS, None))
        if count >= minimum:
            return count
        page.wait_for_timeout(50)
    raise TimeoutError(f"only {count} markers drawn")


def _click_to_excerpt(page: Any, frame: Any, name: str) -> float:
    click_marker(page, frame, name)  # includes a 0.3 s settle before the click itself
    t0 = time.monotonic()
    # the panel of this place (another place's panel may be showing already)
    page.locator(".np-place-details", has_text=name).first.wait_for(timeout=120_000)
    page.locator(".np-passages mark", has_text=name).first.wait_for(timeout=120_000)
    return time.monotonic() - t0


def _drawn(page: Any, frame: Any, minimum: int) -> int:
    """Wait for the places and the basemap's first view; the number of places drawn."""
    count = _wait_count(page, frame, minimum)
    frame.evaluate("() => window.npBasemapReady ? window.npBasemapReady.then(() => 1) : 0")
    return count


#: In the map's frame: the time from a marker's click to its popup in the DOM, in ms.
_CLICK_TO_POPUP_JS = """(name) => new Promise(done => {
    let t = null;
    const look = l => { if (l.feature && l.feature.properties.name === name && l.getLatLng
                            && !l.getBounds) t = l; };
    window.map.eachLayer(l => { look(l); if (l.getLayers) l.getLayers().forEach(look); });
    window.map.closePopup();
    const el = t.getElement();
    const t0 = performance.now();
    el.dispatchEvent(new MouseEvent('click', {bubbles: true, clientX: 1, clientY: 1}));
    const check = () => document.querySelector('.leaflet-popup .np-popup')
        ? done(performance.now() - t0) : requestAnimationFrame(check);
    check();
})"""


def _reader_click_to_moved(page: Any, frame: Any, name: str) -> tuple[float, float]:
    """A click on a name in the reader: ms until the map starts to move and until it stops."""
    settle_view(page, frame)
    frame.evaluate("""() => { window.map.closePopup(); window.__np_moves = [];
        window.map.once('movestart', () => window.__np_moves.push(Date.now()));
        window.map.once('moveend', () => window.__np_moves.push(Date.now())); return 1; }""")
    link = page.locator(".np-reader a.np-place", has_text=re.compile(f"^{name}$")).first
    link.scroll_into_view_if_needed()
    t0 = page.evaluate("() => Date.now()")
    link.click()
    deadline = time.monotonic() + 30
    while frame.evaluate("() => window.__np_moves.length") < 2 and time.monotonic() < deadline:
        page.wait_for_timeout(20)
    start, end = frame.evaluate("() => window.__np_moves")
    return start - t0, end - t0


#: Other hosts fail at name resolution, so nothing leaves the machine even without request
#: routing (which the tests use, and which turns the browser's HTTP cache off).
OFFLINE_ARGS = [*CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]


def _open_offline(browser: Any, url: str) -> Watched:
    """A page with the browser's HTTP cache on, as a reader's browser has it.

    The tests' ``open_watched`` routes every request to block other hosts, and Playwright's
    routing turns the HTTP cache off, so every reopen would fetch every script and basemap file
    again. Here other hosts fail at name resolution (``OFFLINE_ARGS``) and are recorded.
    """
    context = browser.new_context(viewport={"width": 1500, "height": 1100})
    page = context.new_page()
    w = Watched(page, url)
    context.on("request", lambda r: None if r.url.startswith((url, "data:", "blob:", "about:"))
               else w.external.append(r.url))
    page.on("console", lambda m: w.errors.append(m.text)
            if m.type == "error" and not m.text.startswith(BENIGN_CONSOLE) else None)
    page.on("pageerror", lambda e: w.errors.append(f"page error: {e}"))
    return w


def _reopen_cold(browser: Any, url: str, times: int = 3) -> list[float]:
    """Reopen the first article ``times`` times with the HTTP cache off (request routing)."""
    w = open_watched(browser, url)
    out = []
    try:
        for i in range(times + 1):
            t0 = time.monotonic()
            w.page.goto(f"{url}/?article={FIRST.stem}")
            frame = map_frame(w.page, timeout=600)
            _drawn(w.page, frame, 5)
            if i:
                out.append(time.monotonic() - t0)
    finally:
        w.page.context.close()
    if w.external:
        raise RuntimeError(f"requests to other hosts: {w.external[:5]}")
    return out


def main() -> int:
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="bench-articles-"))
    try:
        shutil.copy(FIRST, folder / FIRST.name)
        text, names = many_places_article()
        (folder / f"{BIG_ID}.txt").write_text(text, encoding="utf-8")
        print(f"article with many places: {len(names)} town names written, "
              f"{len(text):,} characters")

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=OFFLINE_ARGS)
            server = start_server(folder, folder / "streamlit.log", timeout=600)
            try:
                w = _open_offline(browser, server.url)
                page = w.page
                page.goto(f"{server.url}/?article={FIRST.stem}")
                frame = map_frame(page, timeout=600)
                n_first = _drawn(page, frame, 5)
                t_first = time.monotonic() - server.started
                print(f"server start -> first article's map drawn ({n_first} places, basemap "
                      f"ready): {t_first:.1f} s  (limit 6 s; server healthy after "
                      f"{server.ready - server.started:.1f} s; includes loading spaCy and the "
                      "gazetteer and parsing)")
                reopen = []
                for _ in range(3):
                    t0 = time.monotonic()
                    page.goto(f"{server.url}/?article={FIRST.stem}")
                    frame = map_frame(page, timeout=600)
                    _drawn(page, frame, 5)
                    reopen.append(time.monotonic() - t0)
                print("reopen the page -> map drawn: " + " / ".join(f"{t:.2f}" for t in reopen)
                      + " s  (limit 2 s; the browser's HTTP cache on)")
                cold = _reopen_cold(browser, server.url)
                print("reopen the page -> map drawn, HTTP cache off (request routing, as in the "
                      "e2e tests): " + " / ".join(f"{t:.2f}" for t in cold) + " s")
                frame = map_frame(page, timeout=600)
                settle_view(page, frame)
                popup_ms = frame.evaluate(_CLICK_TO_POPUP_JS, "Khankendi")
                print(f"click Khankendi -> popup with its passages: {popup_ms:.0f} ms  "
                      "(limit 200 ms)")
                page.locator(".np-place-details", has_text="Khankendi").first.wait_for(
                    timeout=120_000)
                t_click = _click_to_excerpt(page, frame, "Baku")
                print(f"click Baku -> side panel shows its passages: {t_click * 1000:.0f} ms  "
                      "(limit 1000 ms)")
                settle_view(page, frame)
                start, end = _reader_click_to_moved(page, frame, "Khankendi")
                print(f"click Khankendi in the reader -> map starts moving: {start:.0f} ms, "
                      f"arrives: {end:.0f} ms  (limit 1000 ms; no page reload)")

                # the many-places article: first view parses it, the second only draws
                for label in ("first view (parse + draw)", "view again (draw only)"):
                    t0 = time.monotonic()
                    page.goto(f"{server.url}/?article={BIG_ID}")
                    frame = map_frame(page, timeout=600)
                    count = _drawn(page, frame, WANTED_PLACES)
                    dt = time.monotonic() - t0
                    clusters = frame.evaluate(_CLUSTERED_JS)
                    print(f"{count} places, {label}: {dt:.1f} s  (limit 3 s; "
                          f"clustered above {CLUSTER_THRESHOLD}: {clusters} clusters drawn)")
                t_click = _click_to_excerpt(page, frame, names[0])
                print(f"{count} places: click {names[0]} -> excerpt shown: "
                      f"{t_click * 1000:.0f} ms")
                settle_view(page, frame)
                pan_ms = frame.evaluate(
                    """() => new Promise(done => { const t0 = performance.now();
                         window.map.setView([20, 10], 3, {animate: false});
                         requestAnimationFrame(() => done(performance.now() - t0)); })"""
                )
                print(f"{count} places: zoom out to the world and paint: {pan_ms:.0f} ms")
                t0 = time.monotonic()
                page.locator("[data-testid=stSidebar]").get_by_text(
                    re.compile(r"^Settlements")
                ).click()
                deadline = time.monotonic() + 120
                while (frame.evaluate(_MARKERS_JS, "settlements") > 0
                       and time.monotonic() < deadline):
                    page.wait_for_timeout(20)
                print(f"{count} places: settlements layer off -> markers gone: "
                      f"{(time.monotonic() - t0) * 1000:.0f} ms")
                print(f"requests to other hosts: {len(w.external)}; console errors: "
                      f"{len(w.errors)}")
                page.context.close()
            finally:
                stop_server(server.process)
                browser.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

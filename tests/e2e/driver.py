"""Driving the dashboard for tests and benchmarks: a real server, a real browser, the map.

``dashboard`` starts ``streamlit run dashboard.py`` on 127.0.0.1 on a free port (headless),
waits for ``/_stcore/health`` and stops it after the module. ``browser_page`` opens a page whose
requests to any host but the local server are aborted and recorded; the test fails if anything
external was asked for or the console logged an error.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("NEWSREADER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Console messages that are the browser's own chatter about the component iframe's
#: permissions policy, not errors of the page.
_BENIGN_CONSOLE = ("Unrecognized feature:", "can escape its sandboxing")
BENIGN_CONSOLE = _BENIGN_CONSOLE


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path
    started: float
    ready: float


def start_server(articles: Path | None, log: Path, *, timeout: float = 180.0) -> Server:
    """Start the dashboard and wait until Streamlit reports healthy."""
    port = free_port()
    env = dict(os.environ)
    if articles is not None:
        env["NEWSREADER_ARTICLES"] = str(articles)
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"),
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
    ]
    started = time.monotonic()
    out = log.open("wb")
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}"
    deadline = started + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the dashboard exited early:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return Server(url, proc, log, started, time.monotonic())
        except OSError:
            pass
        time.sleep(0.25)
    stop_server(proc)
    raise RuntimeError(f"the dashboard did not become healthy in {timeout:.0f}s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)


@dataclass
class Watched:
    """A page plus what it asked of other hosts and what its console said."""

    page: Any
    host: str
    external: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def _is_local(url: str, host: str) -> bool:
    return url.startswith((host, "data:", "blob:", "about:"))


def open_watched(browser: Any, base_url: str) -> Watched:
    context = browser.new_context(viewport={"width": 1500, "height": 1100})
    page = context.new_page()
    watched = Watched(page, base_url)

    def route(r: Any) -> None:
        url = r.request.url
        if _is_local(url, base_url):
            r.continue_()
        else:
            watched.external.append(url)
            r.abort()

    context.route("**/*", route)
    page.on(
        "console",
        lambda m: watched.errors.append(m.text)
        if m.type == "error" and not m.text.startswith(_BENIGN_CONSOLE)
        else None,
    )
    page.on("pageerror", lambda e: watched.errors.append(f"page error: {e}"))

    def on_dialog(d: Any) -> None:
        watched.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    return watched




# --- the map inside the streamlit-folium component iframe -----------------------------------

MAP_FRAME = "streamlit_folium"

#: JavaScript run inside the map's frame: the places drawn, by name, with what the map knows.
_PLACES_JS = """() => {
    const out = [];
    if (!window.map) return null;
    window.map.eachLayer(l => {
        const p = l.feature && l.feature.properties;
        if (!p || !p.place_id) return;
        const tip = l.getTooltip && l.getTooltip();
        const content = tip ? tip.getContent() : null;
        out.push({
            place_id: p.place_id, name: p.name, layer: p.layer, kind: p.kind,
            type: l.feature.geometry.type, count: p.count,
            tooltip: content && content.textContent !== undefined ? content.textContent
                     : String(content),
            marker: !!l.getLatLng && !l.getBounds,
        });
    });
    return out;
}"""


def map_frame(page: Any, *, timeout: float = 240.0) -> Any:
    """The frame that holds the Leaflet map, once the map exists in it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            if MAP_FRAME in frame.url:
                try:
                    if frame.evaluate("() => !!window.map"):
                        return frame
                except Exception:  # the frame may be navigating; look again
                    pass
        page.wait_for_timeout(100)
    raise TimeoutError("the map did not appear")


def drawn_places(frame: Any) -> list[dict[str, Any]]:
    """The article's places currently on the map (layers turned off are not)."""
    return list(frame.evaluate(_PLACES_JS) or [])


def wait_for_places(page: Any, frame: Any, predicate: Any, *, timeout: float = 60.0) -> Any:
    deadline = time.monotonic() + timeout
    places: list[dict[str, Any]] = []
    while time.monotonic() < deadline:
        places = drawn_places(frame)
        if predicate(places):
            return places
        page.wait_for_timeout(100)
    raise TimeoutError(f"the map never showed the expected places; it shows {places}")


def view(frame: Any) -> dict[str, Any]:
    """The map's center, zoom and bounds."""
    return dict(
        frame.evaluate(
            """() => { const m = window.map, b = m.getBounds();
              return {lat: m.getCenter().lat, lon: m.getCenter().lng, zoom: m.getZoom(),
                      south: b.getSouth(), west: b.getWest(), north: b.getNorth(),
                      east: b.getEast()}; }"""
        )
    )


def settle_view(page: Any, frame: Any, *, timeout: float = 30.0) -> None:
    """Wait for a running zoom animation (the initial fit, say) to end: Leaflet drops any
    other zoom asked for meanwhile."""
    deadline = time.monotonic() + timeout
    while frame.evaluate("() => !!window.map._animatingZoom") and time.monotonic() < deadline:
        page.wait_for_timeout(50)


def click_marker(page: Any, frame: Any, name: str) -> None:
    """Zoom the map to a place's marker and click it as a user would."""
    settle_view(page, frame)
    found = frame.evaluate(
        """(name) => { let t = null;
            const look = l => { if (l.feature && l.feature.properties.name === name
                                    && l.getLatLng && !l.getBounds) t = l; };
            window.map.eachLayer(l => { look(l); if (l.getLayers) l.getLayers().forEach(look); });
            if (!t) return false;
            window.map.setView(t.getLatLng(), 11, {animate: false});
            // what riseOnHover does when the pointer reaches it: neighbours may overlap
            if (t.setZIndexOffset) t.setZIndexOffset(10000);
            return true; }""",
        name,
    )
    if not found:
        raise LookupError(f"no marker named {name!r} on the map")
    page.wait_for_timeout(300)
    settle_view(page, frame)
    frame.locator(f'.leaflet-marker-icon[title="{name}"]').first.click()


@contextmanager
def watched_page(browser: Any, base_url: str) -> Iterator[Watched]:
    """A page on the dashboard that fails the test, when closed, on any request to another
    host, console error or dialog."""
    watched = open_watched(browser, base_url)
    try:
        yield watched
    finally:
        watched.page.context.close()
    assert watched.external == [], f"requests to other hosts: {watched.external}"
    assert watched.errors == [], f"browser console errors: {watched.errors}"
    assert watched.dialogs == [], f"dialogs opened: {watched.dialogs}"


def wait_until(page: Any, predicate: Any, what: str, timeout: float = 60.0) -> None:
    """Poll ``predicate`` every 100 ms until it holds; fail naming ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"timed out waiting for {what}")

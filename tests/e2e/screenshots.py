"""The README's screenshots, taken from the running dashboard in headless Chromium (offline):

    .venv/bin/python -m tests.e2e.screenshots [docs]

- ``docs/article-labels.png``: the first article, its map on the labelled offline basemap with a
  place's popup open, the passages beside it and the reader under it;
- ``docs/corpus.png``: the Corpus page over the project's articles.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.e2e.driver import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    click_marker,
    map_frame,
    open_watched,
    settle_view,
    start_server,
    stop_server,
)


def main(out: Path) -> int:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        server = start_server(None, Path(tmp) / "streamlit.log", timeout=600)
        try:
            w = open_watched(browser, server.url)
            page = w.page
            page.set_viewport_size({"width": 1500, "height": 1050})
            page.goto(f"{server.url}/?article=karabakh-peacekeepers-withdrawal")
            frame = map_frame(page, timeout=600)
            frame.evaluate("() => window.npBasemapReady.then(() => 1)")
            settle_view(page, frame)
            click_marker(page, frame, "Khankendi")
            frame.evaluate(
                "() => { window.map.setView([39.85, 46.85], 9, {animate: false}); return 1; }"
            )
            page.locator(".np-passages mark", has_text="Khankendi").first.wait_for(
                timeout=120_000
            )
            frame.locator(".leaflet-popup .np-popup").first.wait_for(timeout=30_000)
            page.wait_for_timeout(1500)
            page.screenshot(path=str(out / "article-labels.png"))

            page.goto(f"{server.url}/corpus")
            page.get_by_text("All places").first.wait_for(timeout=600_000)
            frame = map_frame(page, timeout=600)
            frame.evaluate(
                "() => window.npBasemapReady ? window.npBasemapReady.then(() => 1) : 0"
            )
            page.wait_for_timeout(2500)
            page.screenshot(path=str(out / "corpus.png"))
            if w.external or w.errors:
                print(f"requests to other hosts: {w.external}; console errors: {w.errors}")
                return 1
        finally:
            stop_server(server.process)
            browser.close()
    print(f"wrote {out / 'article-labels.png'} and {out / 'corpus.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"))

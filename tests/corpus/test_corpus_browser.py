"""The corpus page in a real browser against a real dashboard server, nothing off-machine:
the overview map draws clustered markers, the heat map and a layer per article."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.corpus.articles import write_mixed_corpus
from tests.e2e.driver import (
    CHROMIUM,
    CHROMIUM_ARGS,
    Server,
    map_frame,
    open_watched,
    start_server,
    stop_server,
)

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def corpus_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("corpus-e2e")
    write_mixed_corpus(root / "articles")
    saved = {k: os.environ.get(k) for k in ("NEWSREADER_RESULTS", "NEWSREADER_CORRECTIONS")}
    os.environ["NEWSREADER_RESULTS"] = str(root / "results.parquet")
    os.environ["NEWSREADER_CORRECTIONS"] = str(root / "corrections.jsonl")
    try:
        server = start_server(root / "articles", root / "streamlit.log")
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    try:
        yield server
    finally:
        stop_server(server.process)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}"
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


_MAP_JS = """() => {
    let heat = 0, clusters = 0, markers = 0, groups = 0;
    window.map.eachLayer(l => {
        if (l instanceof L.HeatLayer) heat += 1;
        else if (l instanceof L.MarkerClusterGroup) clusters += 1;
        else if (l instanceof L.CircleMarker) markers += 1;
    });
    const names = Array.from(document.querySelectorAll('.leaflet-control-layers-overlays label'))
        .map(s => s.textContent.trim());
    return {heat, clusters, markers, names,
            canvas: document.querySelectorAll('canvas.leaflet-heatmap-layer').length};
}"""


def test_overview_map_offline(browser: Any, corpus_server: Server) -> None:
    watched = open_watched(browser, corpus_server.url)
    page = watched.page
    try:
        page.goto(corpus_server.url)
        page.get_by_role("link", name="Corpus").click()
        frame = map_frame(page)
        page.wait_for_timeout(1500)
        drawn = frame.evaluate(_MAP_JS)
        assert drawn["heat"] == 1 and drawn["canvas"] == 1
        assert drawn["clusters"] == 1 and drawn["markers"] > 0
        articles = [n for n in drawn["names"] if n.startswith("Article: ")]
        assert len(articles) == 10
        assert "Article: Floods hit Ganja" in articles
        assert page.get_by_text("10 articles", exact=False).first.is_visible()
    finally:
        page.context.close()
    assert watched.external == [], f"requests to other hosts: {watched.external}"
    assert watched.errors == [], f"browser console errors: {watched.errors}"

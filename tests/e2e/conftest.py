"""Fixtures: a real dashboard server and a real headless Chromium with every off-machine
request blocked (see driver.py). A test fails if the page asked any other host for anything,
logged a console error or opened a dialog."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.driver import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    Server,
    Watched,
    start_server,
    stop_server,
    watched_page,
)

FIRST_ARTICLE = ROOT / "articles" / "karabakh-peacekeepers-withdrawal.txt"


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The dashboard over the first article (the project's folder holds others that sort
    before it; the tests are about this one)."""
    folder = tmp_path_factory.mktemp("articles")
    (folder / FIRST_ARTICLE.name).write_bytes(FIRST_ARTICLE.read_bytes())
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    server = start_server(folder, log)
    try:
        yield server
    finally:
        stop_server(server.process)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def browser_page(chromium: Any, dashboard: Server) -> Iterator[Watched]:
    with watched_page(chromium, dashboard.url) as watched:
        yield watched

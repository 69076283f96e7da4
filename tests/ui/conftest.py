"""Shared fixtures: the first article parsed by the real parser and gazetteer, and article
folders written for a test (the dashboard reads ``NEWSREADER_ARTICLES``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import gazetteer
import geo
from corpus.article import Article, load_article
from geo.model import ParseResult

ROOT = Path(__file__).resolve().parents[2]
FIRST_ARTICLE = ROOT / "articles" / "karabakh-peacekeepers-withdrawal.txt"


@pytest.fixture(scope="session")
def gaz() -> object:
    return gazetteer.open()


@pytest.fixture(scope="session")
def first_article() -> Article:
    return load_article(FIRST_ARTICLE)


@pytest.fixture(scope="session")
def first_result(first_article: Article, gaz: object) -> ParseResult:
    return geo.parse(first_article.text, gazetteer=gaz)


def place_id_named(result: ParseResult, *names: str) -> str:
    """The id of the article's place called (or mentioned as) one of ``names``."""
    for ap in result.places:
        forms = {ap.place.name, *(r.mention.text for r in ap.resolutions)}
        if forms & set(names):
            return ap.place.id
    raise LookupError(f"none of {names} among {[ap.place.name for ap in result.places]}")


@pytest.fixture(autouse=True)
def first_article_folder(tmp_path_factory: pytest.TempPathFactory,
                         monkeypatch: pytest.MonkeyPatch) -> Path:
    """The dashboard's tests read the first article alone: the project's folder grows with
    articles that sort before it, and the tests are about that article (``articles_dir``
    points elsewhere when a test writes its own)."""
    folder = tmp_path_factory.getbasetemp() / "first-article-only"
    if not folder.exists():
        folder.mkdir()
        (folder / FIRST_ARTICLE.name).write_bytes(FIRST_ARTICLE.read_bytes())
    monkeypatch.setenv("NEWSREADER_ARTICLES", str(folder))
    return folder


@pytest.fixture
def articles_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """Write files into a fresh articles folder and point the dashboard at it."""
    folder = tmp_path / "articles"
    folder.mkdir()
    monkeypatch.setenv("NEWSREADER_ARTICLES", str(folder))

    def write(**files: str | bytes) -> Path:
        for name, content in files.items():
            path = folder / name.replace("__", ".")
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return folder

    return write

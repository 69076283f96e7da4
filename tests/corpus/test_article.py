"""Article files: the front-matter format of articles/README.md and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.article import ArticleError, load_article, parse_article
from corpus.ingest import load_corpus

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seeds" / "karabakh-peacekeepers-withdrawal.txt"


def test_bundled_article_body_is_the_seed_byte_for_byte() -> None:
    article = load_article(ROOT / "articles" / "karabakh-peacekeepers-withdrawal.txt")
    assert article.title == "Russia starts withdrawing peacekeepers from Karabakh"
    if SEED.exists():
        assert article.text == SEED.read_text(encoding="utf-8")
    assert article.text.startswith("Russia starts withdrawing")
    assert "Khankendi" in article.text


@pytest.mark.parametrize(
    ("raw", "title", "source", "text"),
    [
        ("---\ntitle: T\nsource: S\n---\nBody", "T", "S", "Body"),
        ("---\r\ntitle: T\r\n---\r\nBody", "T", None, "Body"),
        ("No header\nsecond line", "No header", None, "No header\nsecond line"),
        ("\n\n  Padded title  \nx", "Padded title", None, "\n\n  Padded title  \nx"),
        ("---\ntitle: T\nurl: https://a.example/b?c=d:e\n---\n", "T", None, ""),
    ],
)
def test_parse_article(raw: str, title: str, source: str | None, text: str) -> None:
    article = parse_article(raw, "id")
    assert (article.title, article.source, article.text) == (title, source, text)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("---\ntitle: T\nno colon here\n---\nBody", "not 'key: value'"),
        ("---\ntitle: T\nsource: S\n", "never closed"),
    ],
)
def test_bad_front_matter_says_why(raw: str, message: str) -> None:
    with pytest.raises(ArticleError, match=message):
        parse_article(raw, "id")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00\x01\x02binary", "binary"),
        ("Caf\u00e9".encode("latin-1"), "not UTF-8"),
    ],
)
def test_load_article_names_what_is_wrong(tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / "bad.txt").write_bytes(content)
    with pytest.raises(ArticleError, match=message):
        load_article(tmp_path / "bad.txt")


def test_unreadable_files_of_a_folder_are_reported_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "good.txt").write_text("---\ntitle: Good\n---\nText", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [a.title for a in corpus.articles] == ["Good"]
    assert len(corpus.problems) == 1
    assert "binary" in corpus.problems[0] and "bad.txt" in corpus.problems[0]

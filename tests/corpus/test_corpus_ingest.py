"""Reading a folder of articles: every format, bad files reported, duplicates once, new files
seen without a restart, uploads saved safely."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from corpus import ingest
from corpus.article import ArticleError
from tests.corpus.articles import txt, write_mixed_corpus


def test_ten_articles_of_mixed_formats_all_load(tmp_path: Path) -> None:
    expected = write_mixed_corpus(tmp_path)
    corpus = ingest.load_corpus(tmp_path)
    assert corpus.problems == ()
    assert sorted(a.id for a in corpus.articles) == sorted(expected)
    for article in corpus.articles:
        assert expected[article.id] in article.text, article.id


def test_html_metadata_and_main_text(tmp_path: Path) -> None:
    write_mixed_corpus(tmp_path)
    page = ingest.load_corpus(tmp_path).by_id("ganja-floods")
    assert page is not None
    assert (page.title, page.published, page.url, page.source) == (
        "Floods hit Ganja",
        "2024-03-10",
        "https://wire.example/ganja-floods",
        "Example Wire",
    )
    assert "Mingachevir" in page.text
    assert "All rights reserved" not in page.text and "Home" not in page.text
    assert "\n\n" in page.text  # paragraphs stay apart, for paragraph excerpts


def test_jsonl_fields(tmp_path: Path) -> None:
    write_mixed_corpus(tmp_path)
    corpus = ingest.load_corpus(tmp_path)
    athens = corpus.by_id("wire/a3")
    assert athens is not None
    assert (athens.title, athens.source, athens.published) == (
        "Heat in Athens",
        "Nile Report",
        "2024-04-09",
    )


BIG = ingest.MAX_ARTICLE_BYTES + 10


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"  \n\n ", "empty file"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("huge.txt", b"a" * BIG, "limit"),
        ("header-only.txt", b"---\ntitle: T\n---\n", "no article text"),
        ("open-header.md", b"---\ntitle: T\nsource: S\n", "never closed"),
        ("bad-header.md", b"---\ntitle: T\nbody\n---\nText", "not 'key: value'"),
        ("all-bad.jsonl", b"{not json}\n[1, 2]\n", "no readable article"),
        ("no-text.jsonl", b'{"id": "x", "title": "T"}\n', "no readable article"),
    ],
)
def test_bad_files_are_reported_and_skipped(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    (tmp_path / "good.txt").write_text(txt("Good", "S", "2024-01-01", "In Baku."), "utf-8")
    (tmp_path / name).write_bytes(content)
    corpus = ingest.load_corpus(tmp_path)
    assert [a.title for a in corpus.articles] == ["Good"]
    assert len(corpus.problems) == 1
    assert message in corpus.problems[0] and name in corpus.problems[0]


def test_huge_message_names_the_size(tmp_path: Path) -> None:
    (tmp_path / "huge.txt").write_bytes(b"a" * BIG)
    (problem,) = ingest.load_corpus(tmp_path).problems
    assert "5.0 MB" in problem and "split it" in problem


def test_jsonl_bad_lines_are_skipped_good_lines_kept(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "ok1", "title": "One", "text": "Rain in Oslo."}),
        "{broken",
        json.dumps({"id": "ok2", "text": "Snow in Bergen."}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "ok3", "title": "Three", "text": ""}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    corpus = ingest.load_corpus(tmp_path)
    assert [a.id for a in corpus.articles] == ["feed/ok1", "feed/ok2"]
    assert corpus.by_id("feed/ok2").title == "Snow in Bergen."  # type: ignore[union-attr]
    assert [p.split(":")[0] for p in corpus.problems] == [
        "feed.jsonl line 2",
        "feed.jsonl line 4",
        "feed.jsonl line 5",
    ]


@pytest.mark.parametrize(
    ("data", "note", "text"),
    [
        ("Caf\u00e9 in Gäncä".encode("cp1252", "replace"), "Windows-1252", "Caf\u00e9"),
        ("\ufeffHello Baku".encode(), None, "Hello Baku"),
        ("Hello Baku".encode("utf-16"), "UTF-16", "Hello Baku"),
    ],
)
def test_encodings(tmp_path: Path, data: bytes, note: str | None, text: str) -> None:
    (tmp_path / "x.txt").write_bytes(data)
    corpus = ingest.load_corpus(tmp_path)
    assert corpus.problems == ()
    assert text in corpus.articles[0].text
    if note is None:
        assert corpus.notes == ()
    else:
        assert len(corpus.notes) == 1 and note in corpus.notes[0] and "UTF-8" in corpus.notes[0]


def test_html_saved_as_txt_is_reduced_to_text(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(
        "<html><body><article><p>Shelling near Donetsk was reported on Tuesday by the "
        "regional governor.</p></article></body></html>",
        encoding="utf-8",
    )
    corpus = ingest.load_corpus(tmp_path)
    assert "<p>" not in corpus.articles[0].text and "Donetsk" in corpus.articles[0].text
    assert "web page" in corpus.notes[0]


def test_duplicates_are_shown_once(tmp_path: Path) -> None:
    body = "Talks in Geneva ended without a deal."
    (tmp_path / "a.txt").write_text(txt("First copy", "S", "2024-01-01", body), "utf-8")
    (tmp_path / "b.md").write_text(txt("Second copy", "T", "2024-01-02", body), "utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "z", "text": body + "\n"}), "utf-8")
    corpus = ingest.load_corpus(tmp_path)
    assert [a.id for a in corpus.articles] == ["a"]
    assert sorted(corpus.duplicates) == [("b", "a"), ("c/z", "a")]


def test_new_and_changed_files_are_seen_without_restart(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(txt("One", "S", "2024-01-01", "In Riga."), "utf-8")
    first = ingest.load_corpus(tmp_path)
    assert [a.title for a in first.articles] == ["One"]
    (tmp_path / "two.md").write_text(txt("Two", "S", "2024-01-02", "In Vilnius."), "utf-8")
    assert [a.title for a in ingest.load_corpus(tmp_path).articles] == ["One", "Two"]
    path = tmp_path / "one.txt"
    path.write_text(txt("One, revised", "S", "2024-01-01", "In Riga and Tallinn."), "utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    titles = [a.title for a in ingest.load_corpus(tmp_path).articles]
    assert titles == ["One, revised", "Two"]
    (tmp_path / "two.md").unlink()
    assert [a.title for a in ingest.load_corpus(tmp_path).articles] == ["One, revised"]
    assert ingest.folder_signature(tmp_path)[0][0] == "one.txt"


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("In Kyiv.", "utf-8")
    (tmp_path / "open.txt").write_text("In Lviv.", "utf-8")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    corpus = ingest.load_corpus(tmp_path)
    assert [a.id for a in corpus.articles] == ["open"]
    assert corpus.problems == ("locked.txt: cannot be read (Permission denied)",)


def test_hidden_temporary_and_readme_files_are_not_articles(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Articles\n", "utf-8")
    (tmp_path / ".upload-x.tmp").write_text("partial", "utf-8")
    (tmp_path / ".draft.txt").write_text("In Baku.", "utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "real.txt").write_text("In Baku.", "utf-8")
    corpus = ingest.load_corpus(tmp_path)
    assert [a.id for a in corpus.articles] == ["real"] and corpus.problems == ()


# --- saving uploads -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "saved"),
    [
        ("story.txt", "story.txt"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\win.md", "win.md"),
        ("Ağdam räport (final).HTML", "agdam-raport-final.html"),
        ("/abs/path/feed.jsonl", "feed.jsonl"),
    ],
)
def test_upload_names_are_safe(tmp_path: Path, name: str, saved: str) -> None:
    content = (
        b"<html><body><p>Rain in Ganja today.</p></body></html>"
        if name.lower().endswith("html")
        else (
            b'{"id": 1, "text": "Rain in Ganja."}'
            if name.endswith("jsonl")
            else b"Rain in Ganja today."
        )
    )
    folder = tmp_path / "articles"
    path, articles, _notes = ingest.save_article_bytes(folder, name, content)
    assert path.parent == folder and path.name == saved
    assert path.read_bytes() == content and articles
    assert [p.name for p in folder.iterdir()] == [saved]  # no temporary file left behind


def test_upload_never_overwrites(tmp_path: Path) -> None:
    names = [
        ingest.save_article_bytes(tmp_path, "same.txt", f"Text {i} in Oslo.".encode())[0].name
        for i in range(3)
    ]
    assert names == ["same.txt", "same-2.txt", "same-3.txt"]
    assert (tmp_path / "same.txt").read_text() == "Text 0 in Oslo."


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.exe", b"MZ", "not an article file"),
        ("x.txt", b"", "empty"),
        ("x.txt", b"\x00\x01", "binary"),
        ("x.txt", b"a" * BIG, "limit"),
        ("x.jsonl", b"nope", "no readable article"),
    ],
)
def test_bad_uploads_are_refused_and_nothing_is_written(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    with pytest.raises(ArticleError, match=message):
        ingest.save_article_bytes(tmp_path, name, content)
    assert list(tmp_path.iterdir()) == []


def test_pasted_text_gets_a_header_and_reads_back(tmp_path: Path) -> None:
    path, article = ingest.save_article_text(
        tmp_path,
        "Rain in\nGanja: day 2",
        "Body about Ganja.\n",
        source="Wire\nX",
        published="2024-05-01",
    )
    assert path.name == "rain-in-ganja-day-2.txt"
    (again,) = ingest.load_corpus(tmp_path).articles
    assert (again.title, again.source, again.published, again.text) == (
        "Rain in Ganja: day 2",
        "Wire X",
        "2024-05-01",
        "Body about Ganja.\n",
    )
    assert article.text == again.text
    with pytest.raises(ArticleError, match="empty"):
        ingest.save_article_text(tmp_path, "T", "   ")


def test_files_sharing_a_stem_get_distinct_ids(tmp_path: Path) -> None:
    (tmp_path / "news.txt").write_text("Rain in Oslo.", "utf-8")
    (tmp_path / "news.md").write_text("Snow in Bergen.", "utf-8")
    (tmp_path / "news.html").write_text(
        "<html><body><article><p>Wind in Tromsø and along the coast today.</p></article>"
        "</body></html>",
        "utf-8",
    )
    ids = sorted(a.id for a in ingest.load_corpus(tmp_path).articles)
    assert ids == ["news", "news.md", "news.txt"]


def test_pasted_web_page_is_saved_as_its_text(tmp_path: Path) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Port news</title>"
        '<meta name="date" content="2024-08-01"></head><body><nav>Menu</nav><article>'
        "<p>Ships waited outside Constanta as the strike went on for a third day.</p>"
        "</article></body></html>"
    )
    path, article = ingest.save_article_text(tmp_path, "", page)
    text = path.read_text("utf-8")
    assert "<p>" not in text and "Constanta" in article.text
    assert (article.title, article.published) == ("Port news", "2024-08-01")

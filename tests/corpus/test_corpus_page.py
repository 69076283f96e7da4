"""The corpus page in Streamlit's AppTest, with the real parser and gazetteer: ten articles of
mixed formats dropped into a folder all appear in the overview; pasting adds an article."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from corpus import overview
from tests.corpus.articles import write_mixed_corpus
from tests.corpus.batch_cli import run_batch


def corpus_app() -> None:
    from ui.corpus import render

    render()


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    articles = tmp_path / "articles"
    monkeypatch.setenv("NEWSREADER_ARTICLES", str(articles))
    monkeypatch.setenv("NEWSREADER_RESULTS", str(tmp_path / "results.parquet"))
    monkeypatch.setenv("NEWSREADER_CORRECTIONS", str(tmp_path / "corrections.jsonl"))
    return articles


def _run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _article_table(at: AppTest) -> object:
    return next(df.value for df in at.dataframe if "title" in df.value.columns)


def test_ten_dropped_articles_all_appear_in_the_overview(folder: Path) -> None:
    expected = write_mixed_corpus(folder)
    at = _run(AppTest.from_function(corpus_app, default_timeout=240))
    table = _article_table(at)
    assert sorted(table["article_id"]) == sorted(expected)  # type: ignore[index]
    assert (table["places"] > 0).all()  # type: ignore[index]
    places = next(
        df.value
        for df in at.dataframe
        if "mentions" in df.value.columns and "name" in df.value.columns
    )
    for place in expected.values():
        assert place in set(places["name"]), place
    assert any("10 articles" in c.value for c in at.caption)
    # A file dropped in later shows up on the next run, without a restart.
    (folder / "late.txt").write_text(
        "---\ntitle: Late news from Lisbon\npublished: 2024-05-01\n---\nStorms hit Lisbon.\n",
        encoding="utf-8",
    )
    at = _run(at)
    assert "late" in set(_article_table(at)["article_id"])  # type: ignore[index]


def test_overview_reads_batch_results_and_parses_the_rest(folder: Path, tmp_path: Path) -> None:
    write_mixed_corpus(folder)
    # In its own process, as a user runs it (Streamlit's script runner replaces __main__ in
    # this one, which process-spawning libraries then try to re-import).
    run_batch(
        folder,
        tmp_path / "results.parquet",
        "--workers",
        "1",
        "--no-corrections",
        "--quiet",
        timeout=300,
    )
    (folder / "extra.md").write_text(
        "---\ntitle: Ferry to Helsinki\nsource: Baltic Wire\npublished: 2024-06-01\n---\n"
        "A ferry left Tallinn for Helsinki.\n",
        encoding="utf-8",
    )
    at = _run(AppTest.from_function(corpus_app, default_timeout=240))
    assert any("Batch results" in c.value and "10 articles" in c.value for c in at.caption)
    assert len(_article_table(at)) == 11  # type: ignore[arg-type]


def test_bad_files_are_listed_and_the_rest_shown(folder: Path) -> None:
    write_mixed_corpus(folder)
    (folder / "broken.txt").write_bytes(b"\x00\x01binary")
    (folder / "dup.txt").write_text(
        (folder / "tbilisi-rally.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    at = _run(AppTest.from_function(corpus_app, default_timeout=240))
    assert any("binary" in w.value for w in at.warning)
    assert any("same text" in c.value for c in at.caption)
    assert len(_article_table(at)) == 10  # type: ignore[arg-type]


def test_paste_an_article(folder: Path) -> None:
    folder.mkdir()
    at = _run(AppTest.from_function(corpus_app, default_timeout=240))
    assert any("No articles" in i.value for i in at.info)
    at.text_input[0].input("Storms in Marseille")
    at.text_input[1].input("Aegean Post")
    at.text_input[2].input("2024-07-02")
    at.text_area[0].input("Storms hit Marseille and Lyon in France on Tuesday.")
    at.button[0].click()
    at = _run(at)
    assert any("Saved" in s.value and "marseille" in s.value for s in at.success)
    saved = (folder / "storms-in-marseille.txt").read_text(encoding="utf-8")
    assert saved.startswith("---\ntitle: Storms in Marseille\nsource: Aegean Post\n")
    at = _run(at)
    names = set(next(df.value for df in at.dataframe if "name" in df.value.columns)["name"])
    assert {"Marseille", "Lyon"} <= names


def test_overview_data_function_sees_all_ten(folder: Path) -> None:
    """The same without Streamlit: the table the overview draws from."""
    from corpus import ingest
    from geo.pipeline import parse

    expected = write_mixed_corpus(folder)
    corpus = ingest.load_corpus(folder)
    rows = [r for a in corpus.articles for r in overview.mention_rows(a, parse(a.text))]
    df = overview.frame(rows)
    assert set(overview.articles_table(df)["article_id"]) == set(expected)
    by_article = overview.placed(df).groupby("article_id")["name"].agg(set)
    for article_id, place in expected.items():
        assert place in by_article[article_id], article_id


def test_correct_one_article_from_the_corpus_page(folder: Path, tmp_path: Path) -> None:
    from corpus.corrections import CorrectionStore

    write_mixed_corpus(folder)
    at = _run(AppTest.from_function(corpus_app, default_timeout=240))
    pick = next(s for s in at.selectbox if s.key == "np_corpus_one_article")
    titles = [str(o) for o in pick.options]
    pick.set_value(titles.index("Rally in Tbilisi draws thousands"))
    at = _run(at)
    assert len(at.get("download_button")) == 5  # the corpus export and four for the article
    mention = next(s for s in at.selectbox if "fix_mention" in str(s.key))
    batumi = next(i for i, o in enumerate(mention.options) if str(o).startswith("Batumi"))
    mention.set_value(batumi)
    at = _run(at)
    next(b for b in at.button if b.label == "Not a place").click()
    at = _run(at)
    (entry,) = CorrectionStore(tmp_path / "corrections.jsonl").active()
    assert entry.text == "Batumi"
    places = next(
        df.value
        for df in at.dataframe
        if "mentions" in df.value.columns and "name" in df.value.columns
    )
    assert "Batumi" not in set(places["name"])  # the overview shows the corrected parse

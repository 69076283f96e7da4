"""The corrections section in AppTest, real parser and gazetteer: mark a mention "not a
place", undo it, add a missed name with a place from a gazetteer search; the log persists."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from corpus.corrections import CorrectionStore

TEXT = (
    "Storms hit Marseille and Lyon in France on Tuesday.\n\n"
    "Further east, the village of Xyzabad lost power."
)


def corrections_app() -> None:
    from ui import corpus, resources

    article = resources.load_articles().articles[0]
    result = corpus.corrected(article)
    import streamlit as st

    st.write("PLACES: " + ", ".join(sorted(p.place.name for p in result.places)))
    corpus.render_corrections(article, result)


@pytest.fixture()
def log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "storms.txt").write_text(f"---\ntitle: Storms\n---\n{TEXT}", encoding="utf-8")
    monkeypatch.setenv("NEWSREADER_ARTICLES", str(folder))
    path = tmp_path / "corrections.jsonl"
    monkeypatch.setenv("NEWSREADER_CORRECTIONS", str(path))
    return path


def _run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _places(at: AppTest) -> str:
    return next(m.value for m in at.markdown if str(m.value).startswith("PLACES: "))


def _button(at: AppTest, label: str) -> object:
    return next(b for b in at.button if b.label == label)


def test_not_a_place_then_undo(log: Path) -> None:
    at = _run(AppTest.from_function(corrections_app, default_timeout=240))
    assert "Marseille" in _places(at)
    mention = next(s for s in at.selectbox if "fix_mention" in str(s.key))
    marseille = next(i for i, o in enumerate(mention.options) if o.startswith("Marseille"))
    mention.set_value(marseille)
    at = _run(at)
    _button(at, "Not a place").click()  # type: ignore[attr-defined]
    at = _run(at)
    assert "Marseille" not in _places(at) and "Lyon" in _places(at)
    (entry,) = CorrectionStore(log).active()
    assert (entry.action, entry.text) == ("not_place", "Marseille")
    _button(at, "Undo").click()  # type: ignore[attr-defined]
    at = _run(at)
    assert "Marseille" in _places(at)
    assert CorrectionStore(log).active() == []
    assert len(CorrectionStore(log).entries()) == 2  # the log keeps both


def test_add_a_missed_place_from_a_gazetteer_search(log: Path) -> None:
    at = _run(AppTest.from_function(corrections_app, default_timeout=240))
    assert "Xyzabad" not in _places(at)
    name = next(t for t in at.text_input if "add_name" in str(t.key))
    query = next(t for t in at.text_input if "add_query" in str(t.key))
    name.input("Xyzabad")
    query.input("Nice")
    at = _run(at)
    place_box = next(s for s in at.selectbox if "add_place" in str(s.key))
    assert place_box.options and "Nice" in place_box.options[0]
    _button(at, "Add 1 mention(s)").click()  # type: ignore[attr-defined]
    at = _run(at)
    (entry,) = CorrectionStore(log).active()
    assert entry.action == "add" and entry.text == "Xyzabad" and entry.place is not None
    assert entry.place.name in _places(at)


def exports_app() -> None:
    from ui import corpus, resources

    article = resources.load_articles().articles[0]
    corpus.render_exports(article, corpus.corrected(article))


def test_article_exports_offer_every_format(log: Path) -> None:
    at = _run(AppTest.from_function(exports_app, default_timeout=240))
    buttons = at.get("download_button")
    labels = sorted(b.proto.label for b in buttons)
    assert labels == ["CSV", "GEOJSON", "GPKG", "KML"]

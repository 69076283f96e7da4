"""Russian, Azerbaijani and Armenian articles in the dashboard (AppTest, real parser and
gazetteer): the reader in the original script, "What each language calls it", the language
tag; and the names block's cleaning and escaping."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import pytest

from corpus.article import load_article
from tests.ui.conftest import ROOT
from tests.ui.test_dashboard import excerpt_panel, html_of, run_app
from ui import excerpts
from ui.article_page import language_tag
from ui.view import LANGUAGES, language_names

HY_ARTICLE = ROOT / "articles" / "hy-goris-stepanakert-buses.txt"
KHANKENDI = "geonames:146970"


@pytest.fixture
def hy_folder(articles_dir: Callable[..., Path]) -> Path:
    return articles_dir(**{HY_ARTICLE.name.replace(".", "__"): HY_ARTICLE.read_bytes()})


def test_armenian_article_reader_and_names(hy_folder: Path) -> None:
    at = run_app({"article": HY_ARTICLE.stem, "place": KHANKENDI})
    page = html_of(at)
    # the reader: the Armenian text as written, the inflected mention highlighted whole
    assert '<div class="np-reader" lang="hy">' in page
    assert 'data-place="geonames:146970">Ստեփանակերտում</a>' in page
    assert "Գորիսից" in page
    panel = excerpt_panel(at)
    assert "What each language calls it" in panel
    # one line per language, the article's spellings first and flagged
    hy_line = panel.split("data-lang='hy'>", 1)[1].split("</div>", 1)[0]
    assert hy_line.index("<b title='as in this article'>Ստեփանակերտ</b>") < hy_line.index(
        "Ստեփանակերտում"
    )
    assert "Степанакерт" in panel.split("data-lang='ru'>", 1)[1].split("</div>", 1)[0]
    assert "Xankəndi" in panel.split("data-lang='az'>", 1)[1].split("</div>", 1)[0]
    assert "Khankendi" in panel.split("data-lang='en'>", 1)[1].split("</div>", 1)[0]
    # the passages mark the Armenian mention
    assert "<mark>Ստեփանակերտ</mark>" in panel or "<mark>Ստեփանակերտում</mark>" in page
    # the language tag over the article, and in the article picker
    assert "np-lang-tag" in page and ">HY</span>" in page
    (picker,) = [s for s in at.sidebar.selectbox if s.label == "Article"]
    assert picker.format_func(picker.value).startswith("[HY] ")


def test_hostile_name_is_escaped(hy_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hostile = '<img src=x onerror="alert(1)">Ханкенди'
    monkeypatch.setattr(
        excerpts, "names_by_language",
        lambda pid: {"ru": (hostile, "ханкенди"), "hy": ("Ստեփանակերտ",)},
    )
    at = run_app({"article": HY_ARTICLE.stem, "place": KHANKENDI})
    panel = excerpt_panel(at)
    assert "<img" not in panel
    assert html.escape(hostile, quote=True) not in panel  # starts with "<": noise, dropped
    assert "ханкенди" not in panel  # all lower case: transliteration noise


def test_language_lines_clean_and_ordered() -> None:
    lines = language_names(
        {"ru": ["Шуша", "шуша", "Шуши", "Шуша"], "az": ["Şuşa", "shusha"],
         "hy": ["Շուշի", "Շուշա"], "en": ["Shusha"]},
        primary="Shusha",
        article_forms=[("Շուշին", "hy"), ("Շուշի", "hy"), ("Шуше", None)],
    )
    assert [x.lang for x in lines] == list(LANGUAGES)
    by = {x.lang: x for x in lines}
    assert by["en"].names == ("Shusha",)
    assert by["ru"].names == ("Шуше", "Шуша", "Шуши")  # the article's (by script) first
    assert by["az"].names == ("Şuşa",)
    assert by["hy"].names == ("Շուշին", "Շուշի", "Շուշա")
    assert by["hy"].in_article == ("Շուշին", "Շուշի")


def test_languages_html_escapes(monkeypatch: pytest.MonkeyPatch, gaz: object) -> None:
    import geo

    article = load_article(HY_ARTICLE)
    result = geo.parse(article.text, gazetteer=gaz)
    ap = next(a for a in result.places if a.place.id == KHANKENDI)
    monkeypatch.setattr(
        excerpts, "names_by_language",
        lambda pid: {"ru": ('Ханкенди"><script>alert(1)</script>',)},
    )
    out = excerpts.languages_html(ap, result.meta)
    assert "<script>" not in out
    assert "Ханкенди&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "data-lang='hy'" in out and "Ստեփանակերտ" in out


def test_language_tag() -> None:
    article = load_article(HY_ARTICLE)
    assert language_tag(article) == "HY"
    assert language_tag(article, {"language": "ru"}) == "RU"
    mixed = load_article(next((ROOT / "articles").glob("mixed-*.txt")))
    assert language_tag(mixed) == "EN/RU/AZ"
